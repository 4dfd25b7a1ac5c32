"""Objection library, competitor battlecards and each prospect's objection checklist.

Objections and battlecards are governed like modules (owner, state, review_by). A checklist
item carries a row `version` for optimistic concurrency: a window that marks an item it read at
an older version gets a Conflict instead of overwriting someone else's change. Every change is
also kept in `prospect_objection_events`, so no note is ever lost.
"""

SCHEMA = """
CREATE TABLE objections (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL CHECK (length(trim(text)) > 0),
    category TEXT NOT NULL CHECK (category IN ('price', 'timing', 'need', 'authority',
        'competitor', 'security_compliance', 'integration', 'risk')),
    stages TEXT NOT NULL DEFAULT '[]',
    industries TEXT NOT NULL DEFAULT '[]',
    competitor TEXT NOT NULL DEFAULT '',
    keywords TEXT NOT NULL DEFAULT '[]',
    acknowledge TEXT NOT NULL DEFAULT '',
    reframe TEXT NOT NULL DEFAULT '',
    proof TEXT NOT NULL DEFAULT '',
    question_back TEXT NOT NULL DEFAULT '',
    proof_modules TEXT NOT NULL DEFAULT '[]',
    owner TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'draft'
        CHECK (state IN ('draft', 'in_review', 'approved', 'retired')),
    review_by TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE battlecards (
    id INTEGER PRIMARY KEY,
    competitor TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(competitor)) > 0),
    content TEXT NOT NULL DEFAULT '{}',
    owner TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'draft'
        CHECK (state IN ('draft', 'in_review', 'approved', 'retired')),
    review_by TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE prospect_objections (
    id INTEGER PRIMARY KEY,
    prospect_id INTEGER NOT NULL REFERENCES prospects(id) ON DELETE CASCADE,
    objection_id INTEGER REFERENCES objections(id),
    text TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'open'
        CHECK (state IN ('open', 'raised', 'answered', 'parked')),
    note TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    raised_stage TEXT,
    changed_on TEXT NOT NULL,
    changed_by TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    CHECK ((objection_id IS NULL) = (length(trim(text)) > 0))
);
CREATE UNIQUE INDEX prospect_objections_library_item
    ON prospect_objections(prospect_id, objection_id) WHERE objection_id IS NOT NULL;
CREATE INDEX prospect_objections_prospect ON prospect_objections(prospect_id);
CREATE TABLE prospect_objection_events (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES prospect_objections(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    state TEXT NOT NULL,
    note TEXT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL DEFAULT ''
);
CREATE INDEX prospect_objection_events_item ON prospect_objection_events(item_id);
"""


def apply(db):
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)
