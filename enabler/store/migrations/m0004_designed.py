"""Designed slides: where each imported slide came from, its rules, previews and fingerprints."""

SCHEMA = """
CREATE TABLE designed_slides (
    module_id INTEGER PRIMARY KEY REFERENCES modules(id) ON DELETE CASCADE,
    identity TEXT NOT NULL UNIQUE,
    source_name TEXT NOT NULL DEFAULT '',
    slide_number INTEGER NOT NULL DEFAULT 0,
    condition TEXT NOT NULL DEFAULT '',
    repeat TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
CREATE TABLE designed_sources (
    source_blob TEXT PRIMARY KEY REFERENCES assets(sha256),
    fingerprint TEXT NOT NULL,
    thumbnail TEXT REFERENCES assets(sha256)
);
"""


def apply(db):
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)
