"""Signed library packs and publisher keys."""
