"""Ratings, flags and outcomes from reps, and the report marketing reads."""
