"""Quick slide pictures drawn with Pillow, no LibreOffice."""
