"""Library governance: reviewers, revisions, row versions, reviews, glossary, search, packs."""

# Facet values become single index tokens ("xxstagexdecision", "xxindustryxfinancialservices"),
# so filtering by a facet reads one posting list. Separators are dropped so the value stays one
# token; case and accents are folded by the tokenizer. store/search.py builds the same tokens.
FACET_SEPARATORS = " -_.,/&'()+:;!?@#*\"|"


def _squash(expr: str) -> str:
    for ch in FACET_SEPARATORS:
        expr = f"replace({expr}, '{ch.replace(chr(39), chr(39) * 2)}', '')"
    return expr


def _token(facet: str, expr: str) -> str:
    return f"'xx{facet}x' || {_squash(expr)}"


def _entries(facet: str, column: str, empty: str = "") -> str:
    """' xxstagexdecision xxstagexawareness' for a JSON list column."""
    values = f"json_each(CASE WHEN json_valid({column}) THEN {column} ELSE '[]' END)"
    found = f"(SELECT group_concat({_token(facet, 'value')}, ' ') FROM {values})"
    return f"' ' || COALESCE({found}, '{empty}')"


# Module text for search comes from the current version's content JSON (every string except
# the title, indexed on its own, layout names and asset hashes), so the index follows whoever
# writes modules or versions. Facets are indexed too (see FACET_SEPARATORS), so a search with
# facets is one FTS5 query instead of a join over JSON columns.
SEARCH_TEXT_VIEW = f"""
CREATE VIEW module_search_text AS
SELECT
    m.id AS id,
    m.title AS title,
    COALESCE((
        SELECT group_concat(t.value, ' ')
        FROM module_versions v,
             json_tree(CASE WHEN json_valid(v.content) THEN v.content ELSE '{{}}' END) t
        WHERE v.id = m.current_version_id AND t.type = 'text'
          AND t.key IS NOT 'layout' AND t.key IS NOT 'image' AND t.path NOT LIKE '$.logos%'
          AND NOT (t.key IS 'title' AND t.path = '$')
    ), '') AS body,
    COALESCE((SELECT v.talking_points FROM module_versions v
              WHERE v.id = m.current_version_id), '') AS notes,
    COALESCE((SELECT group_concat(value, ' ') FROM json_each(
        CASE WHEN json_valid(m.tags) THEN m.tags ELSE '[]' END)), '') AS tags,
    {_token("state", "m.state")} || ' ' || {_token("owner", "m.owner")} || ' ' || {
    _token(
        "kind",
        "COALESCE((SELECT v.kind FROM module_versions v WHERE v.id = m.current_version_id), '')",
    )
}
        || {_entries("stage", "m.stages")}
        || {_entries("industry", "m.industries", "xxanyindustry")}
        || {_entries("persona", "m.personas")}
        || {_entries("competitor", "m.competitors")} AS facets
FROM modules m
"""

_REFRESH = (
    "INSERT INTO module_fts (rowid, title, body, notes, tags, facets) "
    "SELECT id, title, body, notes, tags, facets FROM module_search_text WHERE id {match}"
)

META = (
    "json_object('stages', json(m.stages), 'industries', json(m.industries), "
    "'personas', json(m.personas), 'competitors', json(m.competitors), 'tags', json(m.tags))"
)

# The settings keep only what marketing changed; the defaults (180 days, any approver) are
# here and in store.users.GovernanceRules.
REVIEW_DAYS = (
    "COALESCE((SELECT CAST(value AS INTEGER) FROM settings "
    "WHERE key = 'governance.review_days'), 180)"
)

SCHEMA = [
    "ALTER TABLE modules ADD COLUMN reviewer TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE modules ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1",
    "ALTER TABLE modules ADD COLUMN read_only INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE modules ADD COLUMN origin TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE modules ADD COLUMN replaced_by INTEGER REFERENCES modules(id)",
    "ALTER TABLE modules ADD COLUMN revision_version_id INTEGER REFERENCES module_versions(id)",
    "ALTER TABLE modules ADD COLUMN revision_state TEXT "
    "CHECK (revision_state IS NULL OR revision_state IN ('draft', 'in_review'))",
    "ALTER TABLE module_versions ADD COLUMN note TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE module_versions ADD COLUMN meta TEXT",
    """CREATE TABLE module_reviews (
        id INTEGER PRIMARY KEY,
        module_id INTEGER NOT NULL REFERENCES modules(id) ON DELETE CASCADE,
        version_id INTEGER REFERENCES module_versions(id),
        action TEXT NOT NULL,
        actor TEXT NOT NULL DEFAULT '',
        comment TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL
    )""",
    "CREATE INDEX module_reviews_module ON module_reviews(module_id)",
    """CREATE TABLE glossary (
        name TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        definition TEXT NOT NULL,
        updated_by TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        read_only INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE trusted_keys (
        fingerprint TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        public_key TEXT NOT NULL,
        added_by TEXT NOT NULL DEFAULT '',
        added_at TEXT NOT NULL
    )""",
    """CREATE TABLE pack_imports (
        id INTEGER PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        publisher TEXT NOT NULL DEFAULT '',
        pack_created_at TEXT NOT NULL DEFAULT '',
        sha256 TEXT NOT NULL,
        imported_by TEXT NOT NULL DEFAULT '',
        imported_at TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '{}'
    )""",
    "CREATE INDEX audit_log_entity ON audit_log(entity, entity_id)",
    "CREATE INDEX modules_state ON modules(state)",
    "CREATE INDEX modules_title ON modules(title COLLATE NOCASE)",
    "CREATE VIRTUAL TABLE module_fts USING fts5("
    "title, body, notes, tags, facets, tokenize = 'porter unicode61 remove_diacritics 2')",
    # Rank by bm25 with titles and tags above body text; facets never count.
    "INSERT INTO module_fts (module_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0, 5.0, 0.0)')",
    SEARCH_TEXT_VIEW,
]

BACKFILL = [
    f"UPDATE module_versions SET meta = (SELECT {META} FROM modules m "
    "WHERE m.id = module_versions.module_id) WHERE meta IS NULL",
    f"UPDATE modules SET review_by = date(created_at, '+' || {REVIEW_DAYS} || ' days') "
    "WHERE review_by IS NULL",
    _REFRESH.format(match="IS NOT NULL"),
]

TRIGGERS = [
    f"""CREATE TRIGGER modules_fts_insert AFTER INSERT ON modules BEGIN
        {_REFRESH.format(match="= NEW.id")};
    END""",
    f"""CREATE TRIGGER modules_fts_update AFTER UPDATE OF title, tags, current_version_id,
        state, owner, stages, industries, personas, competitors ON modules BEGIN
        DELETE FROM module_fts WHERE rowid = OLD.id;
        {_REFRESH.format(match="= NEW.id")};
    END""",
    """CREATE TRIGGER modules_fts_delete AFTER DELETE ON modules BEGIN
        DELETE FROM module_fts WHERE rowid = OLD.id;
    END""",
    f"""CREATE TRIGGER module_versions_fts_update AFTER UPDATE OF content, talking_points
        ON module_versions BEGIN
        DELETE FROM module_fts
            WHERE rowid IN (SELECT id FROM modules WHERE current_version_id = NEW.id);
        {_REFRESH.format(match="IN (SELECT id FROM modules WHERE current_version_id = NEW.id)")};
    END""",
    # Any write to a module row that did not bump row_version itself still bumps it, so the
    # optimistic check in store.modules sees changes made by code that knows nothing about it.
    """CREATE TRIGGER modules_row_version AFTER UPDATE ON modules
        WHEN NEW.row_version = OLD.row_version BEGIN
        UPDATE modules SET row_version = OLD.row_version + 1 WHERE id = NEW.id;
    END""",
    # A version remembers the module's stages, personas, tags… it was written with, so history
    # and diffs cover them too.
    f"""CREATE TRIGGER module_versions_meta AFTER INSERT ON module_versions
        WHEN NEW.meta IS NULL BEGIN
        UPDATE module_versions SET meta = (SELECT {META} FROM modules m
            WHERE m.id = NEW.module_id) WHERE id = NEW.id;
    END""",
    f"""CREATE TRIGGER modules_review_by_default AFTER INSERT ON modules
        WHEN NEW.review_by IS NULL BEGIN
        UPDATE modules SET review_by = date(NEW.created_at, '+' || {REVIEW_DAYS} || ' days')
            WHERE id = NEW.id;
    END""",
]


def apply(db):
    for statement in SCHEMA + BACKFILL + TRIGGERS:
        db.execute(statement)
