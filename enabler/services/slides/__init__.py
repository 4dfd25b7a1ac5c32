"""Slides from PowerPoint files: guarded reading, import, templates and previews."""
