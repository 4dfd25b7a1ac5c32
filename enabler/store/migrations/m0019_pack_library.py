"""Library items a pack delivered: which publisher each came from and what it looked like then.

A release carries objections, battlecards, criteria, plan templates, ROI presets, segment
research and recommendation weights besides modules. This table remembers, per item, the
publisher key it came from and the digest of the item as applied, so that a later release can
retire or remove only what that publisher delivered, and can tell an item the rep changed here.
`local_id` links segment research (which has no natural key) to its row in `insights`.
"""

SCHEMA = """
CREATE TABLE pack_library_items (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    digest TEXT NOT NULL,
    local_id INTEGER,
    applied_at TEXT NOT NULL,
    PRIMARY KEY (kind, key)
)
"""


def apply(db):
    db.execute(SCHEMA)
