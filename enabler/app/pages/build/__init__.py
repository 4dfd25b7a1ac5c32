"""The Build page: prospect, deck plan, preview and outputs."""
