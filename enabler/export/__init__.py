"""Output files: atomic writes (and, later, PDF export)."""
