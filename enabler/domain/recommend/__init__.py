"""Explainable recommendations: signals, weights, keywords and scores (pure)."""
