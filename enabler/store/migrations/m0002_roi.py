"""ROI: one business case per prospect, and marketing's assumption presets per industry."""

SCHEMA = """
CREATE TABLE roi_models (
    prospect_id INTEGER PRIMARY KEY REFERENCES prospects(id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT ''
);
CREATE TABLE roi_presets (
    id INTEGER PRIMARY KEY,
    industry TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"""


def apply(db):
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)
