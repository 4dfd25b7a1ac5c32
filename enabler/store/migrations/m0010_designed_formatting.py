"""Designed slides: keep the source's formatting (default) or use the deck's template."""


def apply(db):
    db.execute(
        "ALTER TABLE designed_slides ADD COLUMN formatting TEXT NOT NULL DEFAULT 'source' "
        "CHECK (formatting IN ('source', 'deck'))"
    )
