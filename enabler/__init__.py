"""Enabler: local-first sales enablement (library, prospects, personalised decks)."""

__version__ = "0.1.0"
