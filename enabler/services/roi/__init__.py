"""Business-case use cases: compute, present, put in decks, export as JSON."""
