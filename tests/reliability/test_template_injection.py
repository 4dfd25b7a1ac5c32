"""Known Jinja2 sandbox-escape payloads (HAZARDS.md §3) in module text, field values and designed
slides: none executes; each is refused with a clear error or ends up on the slide as plain text.

Payloads that would run a command try to create a marker file, so "did not execute" is checked
on the file system, not only on the output text.
"""

from __future__ import annotations

import dataclasses

import pytest

from enabler.domain.modules import SmartContent, SmartLayout
from enabler.errors import EnablerError
from enabler.services.deck.build import build_deck, plan_deck, render_plan
from enabler.services.slides.import_slides import import_slides
from enabler.store import modules as module_store
from tests.conftest import add_module
from tests.reliability.helpers import dump
from tests.render.designed_decks import plain_deck

PAYLOADS = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ [].__class__.__base__.__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('touch MARK').read() }}",
    "{{ joiner.__init__.__globals__.os.system('touch MARK') }}",
    "{{ lipsum.__globals__['os'].popen('touch MARK').read() }}",
    "{{ self.__init__.__globals__.__builtins__.__import__('os').popen('touch MARK') }}",
    "{{ self._TemplateReference__context }}",
    "{{ config }}",
    "{{ request.application.__globals__ }}",
    "{{ ''|attr('__class__') }}",
    "{{ ()|attr('\\x5f\\x5fclass\\x5f\\x5f') }}",
    "{{ '{0.__class__.__mro__}'.format(prospect) }}",
    "{{ '%s'|format(prospect.__class__) }}",
    "{{ prospect.__class__.__init__.__globals__ }}",
    "{% set n = namespace() %}{{ n.__class__.__mro__ }}",
    "{{ range(10**9)|list }}",
    "{{ 'x' * 100000000 }}",
    "{{ 2 ** 99999999 }}",
    "{% for a in range(99999) %}{% for b in range(99999) %}x{% endfor %}{% endfor %}",
]
LEAKS = ("<class '", "<module ", "<built-in", "<function ", "<bound method", "uid=")


@pytest.fixture
def marker(tmp_path):
    return tmp_path / "executed"


def payload(source: str, marker) -> str:
    return source.replace("MARK", str(marker))


def deck_text(prs) -> str:
    return "\n".join(
        shape.text_frame.text
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_text_frame
    )


def assert_refused_or_inert(make_prs, marker, out=None) -> str:
    """Render; a refusal must be one clear line, an output must hold no object reprs."""
    try:
        prs = make_prs()
    except EnablerError as exc:
        assert "\n" not in str(exc) and "Traceback" not in str(exc)
        assert out is None or not out.exists()
        text = ""
    else:
        text = deck_text(prs)
        assert not any(leak in text for leak in LEAKS), text[:300]
        assert len(text) < 200_000
    assert not marker.exists(), "a payload ran a command"
    return text


class DescribeTemplateInjection:
    @pytest.mark.parametrize("source", PAYLOADS)
    def it_refuses_payloads_in_module_text(self, small_library, source, marker, tmp_path):
        db, text = small_library, payload(source, marker)
        add_module(db, "evil", SmartContent(SmartLayout.BULLETS, text, bullets=(text,)))
        plan = plan_deck(db, "Acme Clinics", ["evil"])
        out = tmp_path / "deck.pptx"
        before = dump(db)
        with pytest.raises(EnablerError) as err:
            build_deck(db, plan, out)
        assert "evil" in str(err.value) or "module" in str(err.value).lower()
        assert_refused_or_inert(lambda: render_plan(db, plan), marker, out)
        assert dump(db) == before
        assert not marker.exists()

    @pytest.mark.parametrize("source", PAYLOADS)
    def it_shows_payloads_in_field_values_as_plain_text(self, small_library, source, marker):
        db, text = small_library, payload(source, marker)
        plan = plan_deck(db, "Acme Clinics", ["why-section", "pillars"])
        prospect = dataclasses.replace(plan.prospect, company=text, pains=(text,))
        evil = dataclasses.replace(plan, prospect=prospect, overrides={"note": text})
        shown = assert_refused_or_inert(lambda: render_plan(db, evil), marker)
        assert text in shown  # filled in literally, never evaluated

    @pytest.mark.parametrize("source", PAYLOADS)
    def it_refuses_payloads_in_designed_slides(self, small_library, source, marker, tmp_path):
        db, text = small_library, payload(source, marker)
        path = plain_deck(tmp_path / "designed.pptx", [text])
        before = dump(db)
        try:
            result = import_slides(db, path, thumbnails=False)
        except EnablerError as exc:  # refused at import: clear, and nothing stored
            assert "\n" not in str(exc)
            assert dump(db) == before
            assert not marker.exists()
            return
        key = result.slides[0].module_key
        db.execute("UPDATE modules SET state = 'approved' WHERE key = ?", [key])
        db.conn.commit()
        assert module_store.get_module(db, key).key == key
        plan = plan_deck(db, "Acme Clinics", [key])
        out = tmp_path / "deck.pptx"
        with pytest.raises(EnablerError) as err:  # refused when the deck is built
            build_deck(db, plan, out)
        assert key in str(err.value)
        assert_refused_or_inert(lambda: render_plan(db, plan), marker, out)
