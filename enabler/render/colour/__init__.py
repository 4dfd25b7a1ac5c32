"""Colours as a slide shows them, and text kept readable on them."""
