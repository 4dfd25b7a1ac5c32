"""The module editor's background calls: each runs off the GUI thread and imports its
services there (keeps the window's start-up light)."""

from __future__ import annotations


def choices(ctx):
    from enabler.services.module_authoring import editor_choices

    return editor_choices(ctx.open_db())


def open_saved(ctx, ref):
    from enabler.services.module_authoring import open_module

    return open_module(ctx.open_db(), ref)


def create(ctx, key, title, layout):
    from enabler.services import governance, module_authoring

    db = ctx.open_db()
    status = module_authoring.create_module(db, governance.require_profile(db), key, title, layout)
    return module_authoring.open_module(db, status.module_id)


def save(ctx, opened, draft):
    from enabler.services import governance, module_authoring

    db = ctx.open_db()
    result = module_authoring.save_module(db, governance.require_profile(db), opened, draft)
    return result, module_authoring.open_module(db, opened.status.module_id)


def submit(ctx, opened):
    from enabler.services import governance, module_authoring

    db = ctx.open_db()
    status = opened.status
    governance.submit(
        db, governance.require_profile(db), status.module_id, expected=status.row_version
    )
    return module_authoring.open_module(db, status.module_id)


def preview(ctx, content, layout, prospect_id, notes):
    from enabler.services.module_preview import preview_module

    return preview_module(ctx.open_db(), content, layout, str(prospect_id), talking_points=notes)
