"""The PySide6 desktop app: widgets, models and workers only; rules live in enabler.services."""
