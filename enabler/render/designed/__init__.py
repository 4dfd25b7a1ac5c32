"""Designed slides copied from PowerPoint files, with their formatting kept."""
