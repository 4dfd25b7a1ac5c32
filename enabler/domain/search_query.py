"""The library search box's small query language, turned into a safe SQLite FTS5 expression.

Users type words (all must match), `"exact phrases"`, `word*` for a prefix, `OR` between
alternatives and `-word` (or `NOT word`) to exclude. Every word reaches FTS5 inside double
quotes, so characters FTS5 treats as syntax (`:`, `^`, `(`, `+`, `NEAR`…) are just text; the few
mistakes left (an unclosed quote, a dangling OR) get a message saying how to fix them.
"""

from __future__ import annotations

from dataclasses import dataclass

from enabler.errors import InvalidInput

MAX_QUERY_CHARS = 500
MAX_TERMS = 32


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    prefix: bool = False

    def fts(self) -> str:
        quoted = '"' + self.text.replace('"', '""') + '"'
        return quoted + "*" if self.prefix else quoted


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """Alternatives (each a list of terms that must all match) and excluded terms."""

    alternatives: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = ()

    def fts(self) -> str:
        groups = [" AND ".join(t.fts() for t in group) for group in self.alternatives]
        expr = " OR ".join(f"({g})" for g in groups)
        if self.excluded:
            expr = f"({expr}) NOT ({' OR '.join(t.fts() for t in self.excluded)})"
        return expr


def _tokens(text: str) -> list[tuple[str, str, bool]]:
    """(kind, text, prefix) tokens; kind is 'term', 'or', 'not'."""
    out: list[tuple[str, str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch == "-" and i + 1 < n and not text[i + 1].isspace():
            out.append(("not", "-", False))
            i += 1
            continue
        if ch == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise InvalidInput(
                    'Your search has an opening " without a closing one; close the phrase '
                    "or remove the quote."
                )
            prefix = end + 1 < n and text[end + 1] == "*"
            out.append(("term", text[i + 1 : end], prefix))
            i = end + (2 if prefix else 1)
            continue
        end = i
        while end < n and not text[end].isspace() and text[end] != '"':
            end += 1
        word = text[i:end]
        i = end
        if word == "OR":
            out.append(("or", word, False))
        elif word == "NOT":
            out.append(("not", word, False))
        elif word != "AND":
            stripped = word.rstrip("*")
            if not stripped:
                raise InvalidInput("A * in your search must follow a word, as in automat*.")
            out.append(("term", stripped, stripped != word))
    return out


def parse(text: str) -> ParsedQuery | None:
    """Parse what the user typed; None when there is nothing to search for (facets only)."""
    if len(text) > MAX_QUERY_CHARS:
        raise InvalidInput(f"Your search is too long; keep it under {MAX_QUERY_CHARS} characters.")
    alternatives: list[list[Term]] = [[]]
    excluded: list[Term] = []
    negate = False
    tokens = _tokens(text)
    for kind, word, prefix in tokens:
        if kind == "not":
            negate = True
        elif kind == "or":
            if negate or not alternatives[-1]:
                raise InvalidInput("OR needs a word on each side, as in invoices OR claims.")
            alternatives.append([])
        else:
            term = Term(word.strip(), prefix)
            if not term.text:
                continue
            (excluded if negate else alternatives[-1]).append(term)
            negate = False
    if negate:
        raise InvalidInput("Your search ends with - or NOT; put the word to exclude after it.")
    if not alternatives[-1] and len(alternatives) > 1:
        raise InvalidInput("OR needs a word on each side, as in invoices OR claims.")
    if sum(len(a) for a in alternatives) + len(excluded) > MAX_TERMS:
        raise InvalidInput(f"Your search has too many words; use at most {MAX_TERMS}.")
    if not alternatives[0]:
        if excluded:
            raise InvalidInput("Add a word to look for besides the ones you exclude with -.")
        return None
    return ParsedQuery(tuple(tuple(a) for a in alternatives), tuple(excluded))
