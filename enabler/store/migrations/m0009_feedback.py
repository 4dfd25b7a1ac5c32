"""Feedback from sales: ratings and flags per module version, and deal outcomes per prospect."""

SCHEMA = """
CREATE TABLE feedback (
    id INTEGER PRIMARY KEY,
    module_id INTEGER NOT NULL REFERENCES modules(id) ON DELETE CASCADE,
    version_id INTEGER REFERENCES module_versions(id) ON DELETE SET NULL,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    flag TEXT CHECK (flag IS NULL OR flag IN ('needs_update', 'wrong_claim',
        'missing_for_industry')),
    comment TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    resolved INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX feedback_module ON feedback(module_id);
CREATE TABLE outcomes (
    prospect_id INTEGER PRIMARY KEY REFERENCES prospects(id) ON DELETE CASCADE,
    result TEXT NOT NULL CHECK (result IN ('won', 'lost', 'no_decision')),
    date TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
)
"""


def apply(db):
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)
