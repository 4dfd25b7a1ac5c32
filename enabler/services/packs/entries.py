"""Modules as a pack's manifest lists them, checked before anything is written."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from enabler.domain.glossary import GlossaryTerm, make_term
from enabler.domain.modules import (
    ModuleKind,
    SlideFormatting,
    Stage,
    content_from_dict,
    content_to_dict,
)
from enabler.domain.version_diff import VersionSnapshot
from enabler.errors import InvalidInput
from enabler.services.packs.file_format import VerifiedPack
from enabler.services.slides.designed import clean_rules

_SHA = re.compile(r"[0-9a-f]{64}")
_KEY = re.compile(r"[^\x00-\x1f]{1,200}")
META_FIELDS = ("stages", "industries", "personas", "competitors", "tags")


@dataclass(frozen=True, slots=True)
class PackModule:
    key: str
    owner: str
    review_by: str | None
    version: int
    snapshot: VersionSnapshot
    # A designed slide's (condition, repeat); None when the pack says nothing about rules
    # (packs written before they travelled), which leaves the rules here as they are.
    rules: tuple[str, str] | None = None
    # "source" or "deck"; None when the pack does not say (older packs): kept as it is here.
    formatting: str | None = None


def refs_of(snap: VersionSnapshot) -> set[str]:
    """Assets a version uses: its source slide and every asset hash inside its content."""
    found = {snap.source_blob} if snap.source_blob else set()

    def walk(value) -> None:
        if isinstance(value, str) and _SHA.fullmatch(value):
            found.add(value)
        elif isinstance(value, Mapping):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(snap.content)
    return found


def _bad(path: Path, key: object, why: str) -> InvalidInput:
    return InvalidInput(f"Pack {path.name} rejected: module {key!r} {why}. Nothing was imported.")


def _entry(path: Path, item: object, files: set[str]) -> PackModule:
    if not isinstance(item, Mapping):
        raise InvalidInput(f"Pack {path.name} rejected: a module entry is malformed.")
    key = item.get("key")
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise _bad(path, key, "has no usable key")
    kind = item.get("kind")
    if kind not in {k.value for k in ModuleKind}:
        raise _bad(path, key, f"has an unknown kind {kind!r}")
    content = item.get("content")
    meta = item.get("meta", {})
    if not isinstance(content, Mapping) or not isinstance(meta, Mapping):
        raise _bad(path, key, "has malformed content")
    if kind == ModuleKind.SMART.value:
        try:
            content = content_to_dict(content_from_dict(dict(content)))
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            raise _bad(path, key, f"has invalid content ({exc})") from exc
    clean_meta = {}
    for name in META_FIELDS:
        values = meta.get(name, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise _bad(path, key, f"has malformed {name}")
        clean_meta[name] = list(values)
    if any(s not in {st.value for st in Stage} for s in clean_meta["stages"]):
        raise _bad(path, key, "names an unknown stage")
    review_by = item.get("review_by")
    try:
        review_by = dt.date.fromisoformat(review_by).isoformat() if review_by else None
    except (TypeError, ValueError) as exc:
        raise _bad(path, key, "has an invalid review-by date") from exc
    fields = item.get("fields", [])
    if not isinstance(fields, list):
        raise _bad(path, key, "has malformed fields")
    extra = item.get("extra", {})
    if not isinstance(extra, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str | int | float | None) for k, v in extra.items()
    ):
        raise _bad(path, key, "has malformed version details")
    snap = VersionSnapshot(
        kind=kind,
        content=dict(content),
        talking_points=str(item.get("talking_points", "")),
        meta=clean_meta,
        source_blob=str(item.get("source_blob") or ""),
        fields=tuple(str(f) for f in fields),
        extra=dict(extra),
    )
    missing = [sha for sha in refs_of(snap) if f"assets/{sha}" not in files]
    if missing:
        raise _bad(path, key, f"uses asset {missing[0][:12]}… that the pack does not contain")
    version = item.get("version", 0)
    return PackModule(
        key=key,
        owner=str(item.get("owner", ""))[:200],
        review_by=review_by,
        version=version if isinstance(version, int) else 0,
        snapshot=snap,
        rules=_rules(path, key, kind, item),
        formatting=_formatting(path, key, item),
    )


def _formatting(path: Path, key: str, item: Mapping) -> str | None:
    rules = item.get("rules")
    if not isinstance(rules, Mapping) or "formatting" not in rules:
        return None
    value = rules["formatting"]
    if value not in {f.value for f in SlideFormatting}:
        raise _bad(path, key, "has a slide formatting Enabler does not know")
    return value


def _rules(path: Path, key: str, kind: str, item: Mapping) -> tuple[str, str] | None:
    """The entry's slide rules, refused exactly where `enabler designed rules` refuses them."""
    if "rules" not in item:
        return None
    rules = item["rules"]
    if kind != ModuleKind.DESIGNED.value:
        raise _bad(path, key, "has slide rules but is not a designed slide")
    condition = rules.get("condition", "") if isinstance(rules, Mapping) else None
    repeat = rules.get("repeat", "") if isinstance(rules, Mapping) else None
    if not isinstance(condition, str) or not isinstance(repeat, str):
        raise _bad(path, key, "has malformed slide rules")
    try:
        return clean_rules(condition, repeat)
    except InvalidInput as exc:
        # One line: the refusal quotes the rule, which may hold newlines.
        why = " ".join(str(exc).split())
        raise _bad(path, key, f"has a slide rule Enabler refuses ({why})") from exc


def parse_modules(path: Path, pack: VerifiedPack) -> list[PackModule]:
    items = pack.manifest.get("modules")
    if not isinstance(items, list):
        raise InvalidInput(f"Pack {path.name} rejected: it has no module list.")
    entries = [_entry(path, item, set(pack.files)) for item in items]
    keys = [e.key for e in entries]
    if len(set(keys)) != len(keys):
        raise InvalidInput(f"Pack {path.name} rejected: it lists a module twice.")
    return entries


def parse_retirements(path: Path, pack: VerifiedPack) -> list[tuple[str, str | None]]:
    """(key, replacement key or None) for each module the publisher retired."""
    items = pack.manifest.get("retired", [])
    out = []
    for item in items if isinstance(items, list) else [None]:
        key = item.get("key") if isinstance(item, Mapping) else None
        replacement = item.get("replacement") if isinstance(item, Mapping) else None
        if not isinstance(key, str) or not isinstance(replacement, str | None):
            raise InvalidInput(
                f"Pack {path.name} rejected: its list of retired modules is "
                "malformed. Nothing was imported."
            )
        out.append((key, replacement))
    return out


def parse_glossary(path: Path, pack: VerifiedPack) -> list[GlossaryTerm]:
    items = pack.manifest.get("glossary", [])
    try:
        if not isinstance(items, list):
            raise TypeError("not a list")
        return [make_term(str(t["label"]), str(t["definition"]), str(t["name"])) for t in items]
    except (KeyError, TypeError, InvalidInput) as exc:
        raise InvalidInput(
            f"Pack {path.name} rejected: its glossary is malformed ({exc}). Nothing was imported."
        ) from exc
