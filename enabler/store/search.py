"""Library search: SQLite FTS5 over titles, slide text, talking points and tags, plus facets.

The index (`module_fts`) is kept in step with `modules` and `module_versions` by triggers
(migration m0005), which also index each facet value as a phrase, so words and facets make one
FTS5 query. Ranking is bm25 with titles and tags weighted above body text (the table's `rank`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

import sqlite_utils

from enabler.domain.modules import ModuleKind, ModuleState, Stage
from enabler.domain.prospects import parse_stage
from enabler.domain.search_query import parse
from enabler.errors import InvalidInput
from enabler.store.connection.rows import date_or_none, tuple_of

_START, _END = "\x02", "\x03"  # never in slide text (xml_safe strips control characters)


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """Facets; each narrows the results. An empty-industry module fits every industry."""

    stage: str | None = None
    industry: str | None = None
    persona: str | None = None
    competitor: str | None = None
    kind: str | None = None
    state: str | None = None
    owner: str | None = None

    def validate(self) -> SearchFilters:
        if self.stage is not None and self.stage not in {s.value for s in Stage}:
            # "post-sale", "Post-sale" and "post_sale" are one stage
            return replace(self, stage=parse_stage(self.stage).value).validate()
        for name, enum in (("kind", ModuleKind), ("state", ModuleState)):
            value = getattr(self, name)
            if value is not None and value not in {e.value for e in enum}:
                choices = ", ".join(e.value for e in enum)
                raise InvalidInput(f"Unknown {name} {value!r}; choose one of {choices}.")
        return self


@dataclass(frozen=True, slots=True)
class Highlighted:
    """Text in pieces, each flagged when it matched the search."""

    parts: tuple[tuple[str, bool], ...]

    @classmethod
    def from_marked(cls, text: str) -> Highlighted:
        parts, hit = [], False
        for piece in text.replace(_END, _START).split(_START):
            if piece:
                parts.append((piece, hit))
            hit = not hit
        return cls(tuple(parts))

    @property
    def plain(self) -> str:
        return "".join(text for text, _ in self.parts)

    def marked(self, start: str = "[", end: str = "]") -> str:
        return "".join(f"{start}{t}{end}" if hit else t for t, hit in self.parts)


@dataclass(frozen=True, slots=True)
class SearchHit:
    module_id: int
    key: str
    state: ModuleState
    owner: str
    kind: str
    stages: tuple[str, ...]
    industries: tuple[str, ...]
    personas: tuple[str, ...]
    competitors: tuple[str, ...]
    review_by: object
    score: float
    title: Highlighted
    snippet: Highlighted


@dataclass(frozen=True, slots=True)
class SearchResults:
    hits: tuple[SearchHit, ...]
    total: int


_MODULE_COLUMNS = (
    "m.id, m.key, m.state, m.owner, COALESCE(v.kind, '') AS kind, m.stages, m.industries, "
    "m.personas, m.competitors, m.review_by, m.title"
)
_TEXT_COLUMNS = "{title body notes tags}"
_SNIPPET_COLUMNS = (1, 2, 3)  # body, notes, tags: the first that matched gives the snippet


# Must match FACET_SEPARATORS in migration m0005, which builds the indexed facet tokens.
_FACET_SEPARATORS = str.maketrans("", "", " -_.,/&'()+:;!?@#*\"|")


def _facet_token(facet: str, value: str) -> str:
    """The quoted index token for one facet value, e.g. "xxindustryxfinancialservices"."""
    token = f"xx{facet}x{value.translate(_FACET_SEPARATORS)}"
    return '"' + token.replace('"', '""') + '"'


def match_expression(text: str, filters: SearchFilters | None = None) -> str | None:
    """One FTS5 expression for the words and facets; None when neither narrows anything."""
    filters = (filters or SearchFilters()).validate()
    parsed = parse(text)
    parts = [f"{_TEXT_COLUMNS} : ({parsed.fts()})"] if parsed else []
    for name in FILTER_NAMES:
        value = getattr(filters, name)
        if not value:
            continue
        token = _facet_token(name, value)
        if name == "industry":  # a module made for every industry fits any industry
            token = f'({token} OR "xxanyindustry")'
        parts.append(f"facets : {token}")
    return " AND ".join(parts) or None


def _run(db: sqlite_utils.Database, sql: str, args: list, text: str) -> list:
    try:
        return db.execute(sql, args).fetchall()
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc) or "MATCH" in str(exc):
            raise InvalidInput(
                f"Enabler could not understand the search {text!r}; try plain words."
            ) from exc
        raise


def search(
    db: sqlite_utils.Database,
    text: str = "",
    filters: SearchFilters | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResults:
    """Best matches first; with no words, every module the facets allow, by title."""
    expr = match_expression(text, filters)
    ranked = parse(text) is not None
    if expr is None:
        total = db.execute("SELECT COUNT(*) FROM modules").fetchone()[0]
        rows = db.execute(
            "SELECT id, 0.0, title, '', '', '' FROM modules "
            "ORDER BY title COLLATE NOCASE, id LIMIT ? OFFSET ?",
            [limit, offset],
        ).fetchall()
    else:
        total = _run(db, "SELECT COUNT(*) FROM module_fts WHERE module_fts MATCH ?", [expr], text)
        if ranked:
            # ORDER BY rank (alone) is done inside FTS5, which stops after this page, so the
            # highlights and snippets are made for the rows shown only.
            marks = ", ".join(f"snippet(module_fts, {c}, ?, ?, '…', 14)" for c in _SNIPPET_COLUMNS)
            args = [_START, _END] * 4
            sql = (
                f"SELECT rowid, rank, highlight(module_fts, 0, ?, ?), {marks} FROM module_fts "
                "WHERE module_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?"
            )
        else:  # facets only: walk the title index, keeping the modules that match
            args = []
            sql = (
                "SELECT id, 0.0, title, '', '', '' FROM modules WHERE id IN "
                "(SELECT rowid FROM module_fts WHERE module_fts MATCH ?) "
                "ORDER BY title COLLATE NOCASE, id LIMIT ? OFFSET ?"
            )
        rows = _run(db, sql, [*args, expr, limit, offset], text)
        total = total[0][0]
    details = _details(db, [row[0] for row in rows])
    hits = tuple(_hit(details[row[0]], row) for row in rows if row[0] in details)
    return SearchResults(hits, total)


def _details(db: sqlite_utils.Database, ids: list[int]) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    rows = db.query(
        f"SELECT {_MODULE_COLUMNS} FROM modules m "
        "LEFT JOIN module_versions v ON v.id = m.current_version_id "
        f"WHERE m.id IN ({', '.join('?' * len(ids))})",
        ids,
    )
    return {row["id"]: row for row in rows}


def _hit(row: Mapping[str, Any], ranked: tuple) -> SearchHit:
    snippet = next((s for s in ranked[3:] if _START in s), "")
    return SearchHit(
        module_id=row["id"],
        key=row["key"],
        state=ModuleState(row["state"]),
        owner=row["owner"],
        kind=row["kind"],
        stages=tuple_of(row["stages"]),
        industries=tuple_of(row["industries"]),
        personas=tuple_of(row["personas"]),
        competitors=tuple_of(row["competitors"]),
        review_by=date_or_none(row["review_by"]),
        score=float(ranked[1]),
        title=Highlighted.from_marked(ranked[2] or row["title"]),
        snippet=Highlighted.from_marked(snippet),
    )


def facet_counts(
    db: sqlite_utils.Database, text: str = "", filters: SearchFilters | None = None
) -> dict[str, dict[str, int]]:
    """How many matching modules carry each stage, industry, persona… (for a facet panel)."""
    expr = match_expression(text, filters)
    hit = (
        "SELECT rowid AS id FROM module_fts WHERE module_fts MATCH ?"
        if expr
        else ("SELECT id FROM modules")
    )
    args = [expr] if expr else []
    matched = (
        "WITH hit AS ({hit}) SELECT {column}, COUNT(*) FROM hit "
        "JOIN modules m ON m.id = hit.id "
        "LEFT JOIN module_versions v ON v.id = m.current_version_id {each}"
        "GROUP BY 1 ORDER BY 1"
    )
    counts: dict[str, dict[str, int]] = {}
    for name, column in (
        ("stage", "stages"),
        ("industry", "industries"),
        ("persona", "personas"),
        ("competitor", "competitors"),
    ):
        sql = matched.format(hit=hit, column="j.value", each=f", json_each(m.{column}) j ")
        counts[name] = dict(_run(db, sql, args, text))
    for name, column in (("kind", "v.kind"), ("state", "m.state"), ("owner", "m.owner")):
        sql = matched.format(hit=hit, column=column, each="")
        counts[name] = {k: n for k, n in _run(db, sql, args, text) if k is not None}
    return counts


def rebuild(db: sqlite_utils.Database) -> None:
    """Re-index every module (after a bulk load that bypassed the triggers). In a transaction."""
    db.execute("DELETE FROM module_fts")
    db.execute(
        "INSERT INTO module_fts (rowid, title, body, notes, tags, facets) "
        "SELECT id, title, body, notes, tags, facets FROM module_search_text"
    )


FILTER_NAMES = tuple(f.name for f in fields(SearchFilters))
