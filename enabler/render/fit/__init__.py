"""Does text fit its frame: font metrics and fitting drawings into content areas."""
