"""Set the channel, show it, and sync both ways: what each role sends and receives.

A rep (role sales) uploads its new field events and applies newer trusted releases; marketing
merges the trusted reporters' batches (and applies releases of publishers it trusts, if any).
When the channel cannot be reached, work continues: events stay queued for the next sync.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from enabler.domain.profile import Profile, Role
from enabler.errors import ExportFailed, Fix, Hint, InvalidInput
from enabler.services.channel import events, identity, releases, reports
from enabler.services.channel.transport import Channel, Location
from enabler.store import settings
from enabler.store.connection.db import transaction
from enabler.store.connection.rows import now_iso
from enabler.store.team import channel as store

LOCATION = "channel.location"
LAST_SYNC = "channel.last_sync"


@dataclass(frozen=True, slots=True)
class ChannelInfo:
    location: str | None
    kind: str | None  # folder | webdav | s3 | sftp
    reporter_fingerprint: str | None
    reporter_key: str | None
    share_company_names: bool
    last_sync: str | None

    def to_dict(self) -> dict:
        return {
            "location": self.location,
            "kind": self.kind,
            "reporter_fingerprint": self.reporter_fingerprint,
            "reporter_key": self.reporter_key,
            "share_company_names": self.share_company_names,
            "last_sync": self.last_sync,
        }


def set_channel(db: sqlite_utils.Database, text: str) -> ChannelInfo:
    """Point this library at a channel, check it is reachable, make the reporter key."""
    location = Location.parse(text)
    Channel(location).ensure()
    identity.ensure_key(db)
    with transaction(db):
        settings.put(db, LOCATION, location.url)
    return show(db)


def set_share_companies(db: sqlite_utils.Database, share: bool) -> None:
    with transaction(db):
        settings.put(db, events.SHARE_COMPANIES, share)


def show(db: sqlite_utils.Database) -> ChannelInfo:
    url = settings.get(db, LOCATION)
    path = identity.key_path(db)
    fingerprint = None
    if path.exists():
        fingerprint = identity.ensure_key(db)[1]
    kind = None if url is None else Location(url).kind
    return ChannelInfo(
        url,
        kind,
        fingerprint,
        str(path) if fingerprint else None,
        bool(settings.get(db, events.SHARE_COMPANIES, True)),
        settings.get(db, LAST_SYNC),
    )


def channel_of(db: sqlite_utils.Database) -> Channel:
    url = settings.get(db, LOCATION)
    if not url:
        raise InvalidInput(
            "No team channel yet: set its folder or URL first.",
            hint=Hint(Fix.DO_FIRST, "set_channel"),
        )
    return Channel(Location(url))


@dataclass(frozen=True, slots=True)
class SyncResult:
    uploaded_events: int = 0
    uploaded_batch: str | None = None
    queued_events: int = 0
    offline: str | None = None
    merge: reports.Merge | None = None
    down: releases.Down | None = None
    unmerged_batches: int = 0  # dry run, marketing: batches in the channel not merged yet

    def to_dict(self) -> dict:
        m, d = self.merge, self.down
        return {
            "uploaded_events": self.uploaded_events,
            "uploaded_batch": self.uploaded_batch,
            "queued_events": self.queued_events,
            "unmerged_batches": self.unmerged_batches,
            "offline": self.offline,
            "merged_batches": m.merged_batches if m else 0,
            "new_events": m.new_events if m else 0,
            "waiting_reporters": list(m.waiting_reporters) if m else [],
            "refused_batches": [{"batch": n, "why": w} for n, w in m.refused] if m else [],
            "incomplete_batches": list(m.incomplete) if m else [],
            "research_proposals": m.research if m else 0,
            "releases_applied": [
                {"publisher": a.publisher, "seq": a.seq, **a.summary} for a in d.applied
            ]
            if d
            else [],
            "releases_refused": list(d.refused) if d else [],
            "releases_waiting": list(d.waiting) if d else [],
            "releases_held": list(d.held) if d else [],
        }


def sync(
    db: sqlite_utils.Database,
    profile: Profile,
    *,
    dry_run: bool = False,
    replace_local: bool = False,
) -> SyncResult:
    """Send and merge field reports, then apply newer releases (`replace_local`: even where
    they replace items authored or changed here)."""
    channel = channel_of(db)
    if dry_run:
        if profile.role is not Role.SALES:
            done = store.merged_batch_names(db)
            listed = [n for n in channel.list(reports.FOLDER) if n.endswith(".json")]
            return SyncResult(unmerged_batches=sum(1 for n in listed if n not in done))
        sent = store.sent_ids(db)
        pending = sum(1 for e in events.collect(db) if e.event_id not in sent)
        return SyncResult(queued_events=pending)
    up = reports.Upload(None, 0)
    merge = down = None
    try:
        if profile.role is Role.SALES:
            key = identity.load_key(db)
            if key is None:
                raise InvalidInput(
                    "No reporter key: set the team channel again.",
                    hint=Hint(Fix.DO_FIRST, "set_channel"),
                )
            up = reports.upload(db, profile, channel, key)
        else:
            merge = reports.merge(db, channel)
        down = releases.apply_newest(db, profile, channel, replace_local=replace_local)
    except ExportFailed as exc:
        sent = store.sent_ids(db)
        queued = sum(1 for e in events.collect(db) if e.event_id not in sent)
        return SyncResult(up.events, up.batch, queued, str(exc), merge, down)
    with transaction(db):
        settings.put(db, LAST_SYNC, now_iso())
    return SyncResult(up.events, up.batch, 0, None, merge, down)
