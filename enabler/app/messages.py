"""How the app words the fix a core error asks for (enabler.errors.Hint): pages and buttons,
never command-line flags. A fix with no app wording adds nothing; the message stands alone."""

from __future__ import annotations

from enabler.errors import EnablerError, Fix, Hint

_PHRASES: dict[tuple[Fix, str], str] = {
    (Fix.GIVE, "modules"): "Add the modules you want to the plan with Add.",
    (Fix.GIVE, "date_order"): "Choose the order under 'Dates such as 03/04/2026'.",
    (Fix.GIVE, "db"): "Open another library file.",
    (Fix.GIVE, "out"): "Choose another file name.",
    (Fix.LOOK_UP, "decks"): "Library ▸ Stale lists the decks.",
    (Fix.DO_FIRST, "set_profile"): "Set it in Library ▸ Review queue ▸ Change….",
    (Fix.DO_FIRST, "set_role"): "Change it in Library ▸ Review queue ▸ Change… if that is wrong.",
    (Fix.DO_FIRST, "set_roi"): "Set one on the ROI page.",
    # the app has no page for it yet: say what to type
    (Fix.DO_FIRST, "install_template"): "On the command line: enabler template install {subject}",
}


def hint_phrase(hint: Hint | None) -> str:
    """The app's words for a core error's hint ("" when it has none)."""
    if hint is None:
        return ""
    return _PHRASES.get((hint.fix, hint.topic), "").format(subject=hint.subject)


def error_text(exc: EnablerError) -> str:
    """The core message, then how to fix it in the app."""
    return " ".join(part for part in (str(exc), hint_phrase(exc.hint)) if part)
