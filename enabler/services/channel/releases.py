"""Library releases down the channel: a signed, sequenced envelope around a library pack.

`releases/<publisher fingerprint>-<seq>.pack` is the pack as a pack export writes it (modules,
glossary and the rest of marketing's library);
`releases/<publisher fingerprint>-<seq>.json` is the signed release envelope naming that pack's
SHA-256 and the release's sequence number, written last. A rep applies the newest release of each
publisher it trusts and refuses one older than what it already applied (rollback protection).
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from enabler.domain.profile import Profile
from enabler.errors import Conflict
from enabler.services.channel import envelope
from enabler.services.channel.transport import Channel, Missing
from enabler.services.packs import exchange as packs
from enabler.services.packs import keys
from enabler.store import settings
from enabler.store.connection.db import transaction
from enabler.store.connection.rows import now_iso
from enabler.store.team import channel as store

FOLDER = "releases"
KIND = "library-release"
_NAME = re.compile(r"([0-9a-f]{64})-(\d{8})\.json")
_SEQ_SETTING = "channel.release_seq"


@dataclass(frozen=True, slots=True)
class Published:
    seq: int
    modules: int
    retired: int
    fingerprint: str
    library: int = 0  # objections, battlecards, criteria, templates, presets, research, weights


def _offered(channel: Channel) -> dict[str, list[int]]:
    """{publisher fingerprint: [sequence numbers]} from the listing alone."""
    out: dict[str, list[int]] = {}
    for name in channel.list(FOLDER):
        m = _NAME.fullmatch(name)
        if m:
            out.setdefault(m.group(1), []).append(int(m.group(2)))
    return out


def publish(db: sqlite_utils.Database, profile: Profile, channel: Channel, key_path: Path):
    """Export the approved library as a pack and put it in the channel as the next release."""
    key = keys.load_private_key(key_path)
    fingerprint = keys.fingerprint(key.public_key())
    last_here = int((settings.get(db, _SEQ_SETTING, {}) or {}).get(fingerprint, 0))
    seq = max([last_here, *_offered(channel).get(fingerprint, [])]) + 1
    with tempfile.TemporaryDirectory(prefix="enabler-release-") as tmp:
        exported = packs.export_pack(db, profile, Path(tmp) / "release.pack", key_path)
        data = exported.path.read_bytes()
    stem = f"{fingerprint}-{seq:08d}"
    channel.write(FOLDER, f"{stem}.pack", data)
    body = {
        "kind": KIND,
        "seq": seq,
        "publisher": profile.name,
        "created_at": now_iso(),
        "pack": {"name": f"{stem}.pack", "sha256": hashlib.sha256(data).hexdigest()},
    }
    channel.write(FOLDER, f"{stem}.json", envelope.seal(body, key))
    with transaction(db):
        seqs = dict(settings.get(db, _SEQ_SETTING, {}) or {})
        settings.put(db, _SEQ_SETTING, seqs | {fingerprint: seq})
    return Published(seq, exported.modules, exported.retired, fingerprint, exported.library_items)


@dataclass(frozen=True, slots=True)
class Applied:
    publisher: str
    seq: int
    summary: dict


@dataclass(frozen=True, slots=True)
class Down:
    applied: tuple[Applied, ...] = ()
    refused: tuple[str, ...] = ()  # one line each: what and why
    waiting: tuple[str, ...] = ()  # not complete yet; retried at the next sync
    # Not applied because it would replace items authored or changed here; applied at a sync
    # that allows it (replace_local).
    held: tuple[str, ...] = ()


def apply_newest(
    db: sqlite_utils.Database, profile: Profile, channel: Channel, *, replace_local: bool = False
) -> Down:
    """Apply the newest release of each trusted publisher if it is newer than the applied one.

    A release that would replace modules or library items authored or changed here is held
    back (and named) unless `replace_local`."""
    trusted = keys.trusted_public_keys(db)
    applied, refused, waiting, held = [], [], [], []
    for fingerprint, seqs in sorted(_offered(channel).items()):
        if fingerprint not in trusted:
            continue
        name = trusted[fingerprint][0]
        newest, have = max(seqs), store.applied_release(db, fingerprint)
        if newest == have:
            continue
        if newest < have:
            refused.append(
                f"release {newest} from {name} is older than release {have} already applied"
            )
            continue
        result = _apply(db, profile, channel, fingerprint, newest, name, replace_local)
        if isinstance(result, Applied):
            applied.append(result)
        elif result.startswith("waiting:"):
            waiting.append(result.removeprefix("waiting:"))
        elif result.startswith("held:"):
            held.append(result.removeprefix("held:"))
        else:
            refused.append(result)
    return Down(tuple(applied), tuple(refused), tuple(waiting), tuple(held))


def _apply(
    db, profile, channel, fingerprint: str, seq: int, name: str, replace_local: bool
) -> Applied | str:
    stem = f"{fingerprint}-{seq:08d}"
    try:
        opened = envelope.open_envelope(channel.read(FOLDER, f"{stem}.json"), KIND)
    except (envelope.Incomplete, Missing):
        return f"waiting:release {seq} from {name} is still arriving"
    except envelope.Tampered as exc:
        return f"release {seq} from {name} refused: {exc}"
    body = opened.body
    if opened.fingerprint != fingerprint or body.get("seq") != seq:
        return f"release {seq} from {name} refused: its name and content disagree"
    try:
        pack = channel.read(FOLDER, f"{stem}.pack")
    except Missing:
        return f"waiting:release {seq} from {name}: its pack has not arrived yet"
    if hashlib.sha256(pack).hexdigest() != str(body.get("pack", {}).get("sha256")):
        return f"waiting:release {seq} from {name}: its pack is not complete yet"
    with tempfile.TemporaryDirectory(prefix="enabler-release-") as tmp:
        path = Path(tmp) / "release.pack"
        path.write_bytes(pack)
        try:
            with transaction(db):
                result = packs.import_pack(db, profile, path, replace_local=replace_local)
                store.record_release(db, fingerprint, seq, hashlib.sha256(pack).hexdigest())
        except Conflict as exc:
            if exc.hint is not None and exc.hint.topic == "replace_local":
                return f"held:release {seq} from {name}: {exc}"
            return f"release {seq} from {name} refused: {exc}"
    return Applied(name, seq, result.summary())
