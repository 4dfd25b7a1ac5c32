"""Decision-stage worksheets: the criteria library, each prospect's criteria checklist, plan
templates per deal size and each prospect's mutual action plan.

Checklist items and plan steps carry a row `version` for optimistic concurrency: a window that
saves an item it read at an older version gets a Conflict instead of overwriting someone else's
change. Every change is also written to the audit log with before and after.
"""

SCHEMA = """
CREATE TABLE criteria (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE CHECK (length(trim(key)) > 0),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    question TEXT NOT NULL DEFAULT '',
    industries TEXT NOT NULL DEFAULT '[]',
    personas TEXT NOT NULL DEFAULT '[]',
    how_we_meet TEXT NOT NULL DEFAULT '',
    proof_modules TEXT NOT NULL DEFAULT '[]',
    case_studies TEXT NOT NULL DEFAULT '[]',
    certifications TEXT NOT NULL DEFAULT '[]',
    gaps TEXT NOT NULL DEFAULT '[]',
    weight INTEGER NOT NULL DEFAULT 3 CHECK (weight BETWEEN 1 AND 5),
    owner TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'draft'
        CHECK (state IN ('draft', 'in_review', 'approved', 'retired')),
    review_by TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE prospect_criteria (
    id INTEGER PRIMARY KEY,
    prospect_id INTEGER NOT NULL REFERENCES prospects(id) ON DELETE CASCADE,
    criterion_id INTEGER REFERENCES criteria(id),
    name TEXT NOT NULL DEFAULT '',
    wording TEXT NOT NULL DEFAULT '',
    weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 5),
    status TEXT NOT NULL DEFAULT 'unknown'
        CHECK (status IN ('met', 'partly', 'gap', 'unknown')),
    evidence TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    dropped INTEGER NOT NULL DEFAULT 0 CHECK (dropped IN (0, 1)),
    changed_on TEXT NOT NULL,
    changed_by TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    CHECK ((criterion_id IS NULL) = (length(trim(name)) > 0))
);
CREATE UNIQUE INDEX prospect_criteria_library_item
    ON prospect_criteria(prospect_id, criterion_id) WHERE criterion_id IS NOT NULL;
CREATE INDEX prospect_criteria_prospect ON prospect_criteria(prospect_id);
CREATE TABLE plan_templates (
    size TEXT PRIMARY KEY CHECK (size IN ('small', 'mid', 'large')),
    label TEXT NOT NULL DEFAULT '',
    steps TEXT NOT NULL DEFAULT '[]',
    owner TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT ''
);
CREATE TABLE action_plans (
    prospect_id INTEGER PRIMARY KEY REFERENCES prospects(id) ON DELETE CASCADE,
    template TEXT CHECK (template IS NULL OR template IN ('small', 'mid', 'large')),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT ''
);
CREATE TABLE plan_steps (
    id INTEGER PRIMARY KEY,
    prospect_id INTEGER NOT NULL REFERENCES prospects(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    our_owner TEXT NOT NULL DEFAULT '',
    their_owner TEXT NOT NULL DEFAULT '',
    due TEXT CHECK (due IS NULL OR date(due) IS due),
    status TEXT NOT NULL DEFAULT 'planned'
        CHECK (status IN ('planned', 'in_progress', 'done', 'blocked')),
    notes TEXT NOT NULL DEFAULT '',
    changed_on TEXT NOT NULL,
    changed_by TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE INDEX plan_steps_prospect ON plan_steps(prospect_id, position);
"""


def apply(db):
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)
