"""Objection checklists, battlecards, what marketing learns, the prep sheet."""
