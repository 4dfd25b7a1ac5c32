"""The team channel in the window: status bar, settings dialog, background sync."""
