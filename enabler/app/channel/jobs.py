"""Background calls behind the team-channel settings and marketing's *Publish…*.

Each is `fn(ctx, …)` run off the GUI thread; it opens its own connection, calls the channel
services and phrases what the app says (menus and buttons, not command lines).
"""

from __future__ import annotations

from pathlib import Path

from enabler.errors import InvalidInput

NO_CHANNEL = (
    "There is no team channel yet: choose File ▸ Team channel… and give the shared folder or "
    "WebDAV address marketing and the reps both reach."
)


def show(ctx):
    from enabler.services.channel import sync

    return sync.show(ctx.open_db())


def save(ctx, location: str, share_company_names: bool):
    """Point the library at `location` (checked reachable) and keep the sharing setting."""
    from enabler.services.channel import sync

    db = ctx.open_db()
    if not location.strip():
        raise InvalidInput("Give the team channel a location: a shared folder or a web address.")
    sync.set_channel(db, location)
    sync.set_share_companies(db, share_company_names)
    return sync.show(db)


def publish(ctx, key_path: Path):
    """Put the approved library in the channel as the next signed release (marketing)."""
    from enabler.domain.profile import Role
    from enabler.services.channel import releases, sync
    from enabler.services.library.governance import require_profile

    db = ctx.open_db()
    if sync.show(db).location is None:
        raise InvalidInput(NO_CHANNEL)
    profile = require_profile(db)
    if profile.role is not Role.MARKETING:
        raise InvalidInput(
            f"Only marketing publishes library releases; you are set up as {profile.role.value} "
            "(change it under Library ▸ Review queue ▸ Change…)."
        )
    return releases.publish(db, profile, sync.channel_of(db), Path(key_path))
