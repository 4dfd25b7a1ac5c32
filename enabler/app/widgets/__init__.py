"""Reusable widgets and table models used by several pages."""
