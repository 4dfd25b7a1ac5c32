"""The smart-module editor: form, pictures, live preview."""
