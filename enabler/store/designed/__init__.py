"""Designed modules' stored rules and slide sources."""
