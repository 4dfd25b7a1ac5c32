"""File names made from company names: safe on Windows, macOS and Linux, and unique in a batch."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_STEM = 80
# Names Windows refuses as a file stem, whatever the extension.
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{n}" for n in range(10)} | {f"lpt{n}" for n in range(10)}
)
_UNSAFE = re.compile(r"[^\w.-]+")


def safe_stem(company: str, fallback: str = "deck") -> str:
    """A file stem from a company name: letters, digits, '-', '_' and '.', nothing hidden.

    Accents are kept where the letter is a letter ("Café Noir" → "Café-Noir"); separators,
    slashes and control characters become '-'; the result never starts with '.' or '-'.
    """
    text = unicodedata.normalize("NFC", company).strip()
    stem = _UNSAFE.sub("-", text).strip(".-_")
    stem = re.sub(r"-{2,}", "-", stem)[:MAX_STEM].rstrip(".-_")
    if not stem or stem.casefold() in _RESERVED or stem.split(".")[0].casefold() in _RESERVED:
        stem = f"{fallback}-{stem}" if stem else fallback
    return stem


def unique_stems(companies: Iterable[str], fallback: str = "deck") -> list[str]:
    """`safe_stem` for each company, with -2, -3… added where two would collide.

    Names compare case-insensitively, as they do on Windows and macOS file systems.
    """
    taken: set[str] = set()
    stems = []
    for company in companies:
        base = safe_stem(company, fallback)
        stem, n = base, 2
        while stem.casefold() in taken:
            stem = f"{base}-{n}"
            n += 1
        taken.add(stem.casefold())
        stems.append(stem)
    return stems
