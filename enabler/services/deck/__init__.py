"""Deck use cases: plan, preview, build, preflight and rebuild."""
