"""Slide text templating: the Jinja2 sandbox, its budget, fields and split tags."""
