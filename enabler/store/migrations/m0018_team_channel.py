"""Team channel: who reports field events, what was merged, which releases were applied."""

SCHEMA = """
CREATE TABLE channel_reporters (
    fingerprint TEXT PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    public_key TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'trusted', 'revoked')),
    first_seen TEXT NOT NULL,
    last_batch_at TEXT
);
CREATE TABLE channel_batches (
    name TEXT PRIMARY KEY,
    reporter TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    events INTEGER NOT NULL DEFAULT 0,
    merged_at TEXT NOT NULL
);
CREATE TABLE field_events (
    event_id TEXT PRIMARY KEY,
    reporter TEXT NOT NULL,
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    payload TEXT NOT NULL DEFAULT '{}',
    merged_at TEXT NOT NULL
);
CREATE INDEX field_events_reporter ON field_events(reporter);
CREATE TABLE channel_sent (
    event_id TEXT PRIMARY KEY,
    batch TEXT NOT NULL
);
CREATE TABLE channel_releases (
    publisher TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    applied_at TEXT NOT NULL
)
"""


def apply(db):
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)
