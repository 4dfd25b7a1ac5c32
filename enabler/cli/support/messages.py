"""How the CLI words structured core errors that carry more than a message."""

from __future__ import annotations

from enabler.errors import EnablerError, Fix, Hint, OutputClash

_ROLES = {
    "library": "the library itself",
    "library journal": "one of the library's journal files",
    "input": "a file this command reads",
}


def clash_message(exc: OutputClash) -> str:
    """E.g. "the output deck.pptx is the library itself (/data/library.db)…"."""
    what = _ROLES.get(exc.role, exc.role)
    return (
        f"the output {exc.output} is {what} ({exc.clash}). Choose another output file; "
        "nothing was written."
    )


# How the command line phrases each kind of fix a core error asks for (enabler.errors.Hint);
# {subject} is what the error is about (a company, a module key, a file name).
_LOOK_UP = {
    "plan": "See `enabler plan --prospect '{subject}'`.",
    "reporters": "See `enabler reporters list`.",
    "stages": "See `enabler stages list`.",
    "keys": "See `enabler keys list`.",
    "objections": "See `enabler objections --prospect '{subject}'` for the ids on a checklist.",
    "criteria": "See `enabler criteria --prospect '{subject}'`.",
    "criteria_library": "See `enabler criteria library` for the keys.",
    "decks": "`enabler report` lists the decks.",
    "glossary": "See `enabler glossary list`.",
    "insights": "See `enabler prospects show NAME`.",
    "modules": "See `enabler modules list` for ids and keys.",
    "prospects": "See `enabler prospects list`.",
    "contacts": "See `enabler contacts list --prospect NAME`.",
    "history": "See `enabler module history {subject}`.",
}
_GIVE = {
    "size": "Pass --size small, mid or large.",
    "prospects": "Name a prospect with --prospect, or use --all.",
    "segment": "Pass --industry, --persona or both.",
    "batch_filter": "Check --stage and --industry.",
    "modules": "Pick modules with --modules ID,ID.",
    "crm_format": "Pass --format, or --mapping FILE for other files.",
    "single_out": "--out names a single PDF; leave --out out to write each PDF beside its deck.",
    "comment": "Pass --comment TEXT.",
    "replacement": "Pass --replacement KEY, or --no-replacement.",
    "text": "E.g. --text 'CFO worries about …'.",
    "key_name": "Choose another --name or folder.",
    "competitor": "E.g. `enabler battlecard Paperbridge`.",
    "roi_input": "Pass --preset INDUSTRY or --input FILE.",
    "db": "Point --db at another file.",
    "mapping": "Pass --mapping FILE.",
    "date_order": "Pass --date-order MDY or --date-order DMY.",
    "name": "E.g. `enabler profile set --name 'Lena Brandt'`.",
    "out": "Choose another --out.",
}
_CONFIRM = {
    "replace": "Pass --replace to start over.",
    "force": "Use --force to export anyway.",
    "replace_local": "Re-run with --replace-local to take the publisher's versions.",
    "allow_downgrade": "Use --allow-downgrade if you really mean to go back.",
}
_DO_FIRST = {
    "set_channel": "Run `enabler channel set FOLDER_OR_URL`.",
    "import_slides": "Import slides with `enabler import-slides FILE`.",
    "set_profile": (
        "Run `enabler profile set --name 'Your Name' --role marketing` (or --role sales)."
    ),
    "set_role": "Run `enabler profile set --role marketing` if that is wrong.",
    "new_key": "Make one with `enabler keys new`.",
    "trust_key": "If you trust this publisher, run `enabler keys trust THEIR_KEY.pub` first.",
    "add_objection": "Add your own with `enabler objections add`.",
    "add_criterion": "Add your own with `enabler criteria add --name …`.",
    "mark_criterion": "Change it with `enabler criteria mark`.",
    "set_roi": (
        'Set one with `enabler roi set --prospect "{subject}" --input FILE` or --preset INDUSTRY.'
    ),
    "install_template": "Install it with `enabler template install {subject}`.",
    "add_step": "Add steps with `enabler plan step`.",
    "check_deck": "Check the deck with `enabler check`.",
}
_PHRASES = {Fix.LOOK_UP: _LOOK_UP, Fix.GIVE: _GIVE, Fix.CONFIRM: _CONFIRM, Fix.DO_FIRST: _DO_FIRST}


def hint_phrase(hint: Hint | None) -> str:
    """The command-line words for a core error's hint ("" when there is none)."""
    if hint is None:
        return ""
    phrase = _PHRASES[hint.fix].get(hint.topic, "")
    return phrase.format(subject=hint.subject or "NAME")


def error_message(exc: EnablerError) -> str:
    """The core message, then how to fix it on the command line."""
    if isinstance(exc, OutputClash):
        return clash_message(exc)
    return " ".join(part for part in (str(exc), hint_phrase(exc.hint)) if part)
