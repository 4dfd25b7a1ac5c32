"""Initial schema: library, assets, prospects, decks, audit log."""

SCHEMA = """
CREATE TABLE assets (
    sha256 TEXT PRIMARY KEY,
    mime TEXT NOT NULL,
    filename TEXT NOT NULL DEFAULT '',
    size INTEGER NOT NULL,
    content BLOB NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE modules (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'draft'
        CHECK (state IN ('draft', 'in_review', 'approved', 'retired')),
    owner TEXT NOT NULL DEFAULT '',
    stages TEXT NOT NULL DEFAULT '[]',
    industries TEXT NOT NULL DEFAULT '[]',
    personas TEXT NOT NULL DEFAULT '[]',
    competitors TEXT NOT NULL DEFAULT '[]',
    tags TEXT NOT NULL DEFAULT '[]',
    review_by TEXT,
    current_version_id INTEGER REFERENCES module_versions(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE module_versions (
    id INTEGER PRIMARY KEY,
    module_id INTEGER NOT NULL REFERENCES modules(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('smart', 'designed')),
    content TEXT NOT NULL DEFAULT '{}',
    talking_points TEXT NOT NULL DEFAULT '',
    fields TEXT NOT NULL DEFAULT '[]',
    source_blob TEXT REFERENCES assets(sha256),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    UNIQUE (module_id, number)
);
CREATE TABLE prospects (
    id INTEGER PRIMARY KEY,
    company TEXT NOT NULL UNIQUE COLLATE NOCASE,
    domain TEXT NOT NULL DEFAULT '',
    industry TEXT NOT NULL DEFAULT '',
    employees INTEGER,
    revenue REAL,
    region TEXT NOT NULL DEFAULT '',
    stage TEXT NOT NULL DEFAULT 'awareness',
    owner_rep TEXT NOT NULL DEFAULT '',
    pains TEXT NOT NULL DEFAULT '[]',
    goals TEXT NOT NULL DEFAULT '[]',
    competitors TEXT NOT NULL DEFAULT '[]',
    current_vendor TEXT NOT NULL DEFAULT '',
    next_meeting TEXT,
    logo TEXT REFERENCES assets(sha256),
    currency TEXT NOT NULL DEFAULT 'USD',
    locale TEXT NOT NULL DEFAULT 'en_US',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    prospect_id INTEGER NOT NULL REFERENCES prospects(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT '',
    persona TEXT NOT NULL DEFAULT '',
    influence TEXT NOT NULL DEFAULT '',
    stance TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    is_primary INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX contacts_prospect ON contacts(prospect_id);
CREATE TABLE insights (
    id INTEGER PRIMARY KEY,
    prospect_id INTEGER REFERENCES prospects(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    date TEXT,
    industry TEXT NOT NULL DEFAULT '',
    persona TEXT NOT NULL DEFAULT ''
);
CREATE INDEX insights_prospect ON insights(prospect_id);
CREATE TABLE decks (
    id INTEGER PRIMARY KEY,
    prospect_id INTEGER REFERENCES prospects(id) ON DELETE SET NULL,
    plan TEXT NOT NULL,
    module_versions TEXT NOT NULL DEFAULT '[]',
    built_by TEXT NOT NULL DEFAULT '',
    built_at TEXT NOT NULL,
    output_path TEXT NOT NULL,
    sha256 TEXT NOT NULL DEFAULT ''
);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL DEFAULT '',
    before TEXT,
    after TEXT
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


def apply(db):
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)
