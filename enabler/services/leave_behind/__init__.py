"""The leave-behind PDF a rep sends after the call."""
