"""Every render has a time and size budget, enforced while it runs: hostile templates are
refused in about two seconds at most and well under 50 MB, with a message naming the module,
and `import-slides` / `designed rules` flag such expressions before any deck is built."""

from __future__ import annotations

import tracemalloc

import pytest
from click.testing import CliRunner

from enabler.cli import cli
from enabler.domain.modules import SmartContent, SmartLayout
from enabler.errors import RenderError
from enabler.render.templating import engine as templating
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.slides.import_slides import import_slides
from enabler.store import modules as module_store
from enabler.store.connection.db import transaction
from enabler.store.designed import slides as designed_store
from tests.conftest import add_module
from tests.reliability.helpers import dump
from tests.render.designed_decks import import_approved, plain_deck

MB = 1024 * 1024


def nested_macros(levels: int, body: str = "x", alias: bool = False) -> str:
    """Loops hidden in `levels` macros, each looping 1000 times over the one before."""
    out, prev = [], ""
    for n in range(levels):
        inner = f"{{{{ {prev}() }}}}" if prev else body
        out.append(f"{{% macro m{n}() %}}{{% for i in range(1000) %}}{inner}{{% endfor %}}"
                   "{% endmacro %}")  # fmt: skip
        prev = f"m{n}"
        if alias:  # a macro called through another name hides it from the parse-tree rule
            out.append(f"{{% set a{n} = m{n} %}}")
            prev = f"a{n}"
    return "".join(out) + f"{{{{ {prev}() }}}}"


POW = "((((10**100)**100)**100)**100) > 0"
COSTLY = {
    "nested macros, 3 levels": nested_macros(3),
    "nested macros, 4 levels": nested_macros(4),
    "hidden nested macros, silent": nested_macros(4, body="", alias=True),
    "hidden nested macros, text": nested_macros(3, alias=True),
    "power tower": "{% if " + POW + " %}yes{% endif %}",
    "center filter": "{{ 'a'|center(10**9) }}",
    "center method": "{{ 'a'.center(10**9) }}",
    "repetition": "{{ 'a' * 10**10 }}",
    "format padding": "{{ '{:>999999999}'.format(1) }}",
    "percent padding": "{{ '%999999999d' % 1 }}",
    "replace growth": "{{ ('a' * 10000).replace('a', 'b' * 10000) }}",
    "join growth": "{{ range(1000)|join('x' * 10000) }}",
    "doubling recursion": "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% endif %}"
    "{% endmacro %}{{ d('ab', 40) }}",
    "huge integer": "{% set x = 10**1000 %}{{ x * x * x * x * x }}",
    "round to a billion digits": "{{ 5|round(-1000000000) }}",
    # A macro gathers its output before returning it: 1000 long lines would be joined first.
    "macro output buffer": "{% macro m(s) %}{% for i in range(1000) %}{{ s }}{% endfor %}"
    "{% endmacro %}{{ m(" + " ~ ".join(["('x' * 10000)"] * 10) + ")|length }}",
    "macro literal buffer": "{% macro m() %}{% for i in range(1000) %}"
    + "y" * 60_000
    + "{% endfor %}{% endmacro %}{{ m()|length }}",
}


class DescribeRenderBudget:
    @pytest.mark.parametrize("name", list(COSTLY))
    def it_refuses_costly_templates_within_the_memory_budget(self, name):
        tracemalloc.start()
        try:
            with pytest.raises(RenderError) as err:
                templating.render(COSTLY[name], {}, "Module 'hostile' (v1)")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert str(err.value).startswith("Module 'hostile' (v1): ")
        assert "refused" in str(err.value)
        assert peak < 50 * MB

    def it_stops_hidden_loops_at_the_deadline(self):
        with pytest.raises(RenderError, match="took longer than 2 s"):
            templating.render(COSTLY["hidden nested macros, silent"], {}, "Module 'x'")

    def it_does_not_count_values_passed_along_as_made(self):
        # 1000 macro calls with a 10,000-item list: nothing is allocated, nothing refused.
        source = (
            "{% macro n(xs) %}{{ xs|length }}{% endmacro %}"
            "{% for i in range(1000) %}{% if loop.last %}{{ n(items) }}{% else %}"
            "{% set _ = n(items) %}{% endif %}{% endfor %}"
        )
        assert templating.render(source, {"items": list(range(10_000))}, "m") == "10000"

    def it_still_computes_ordinary_arithmetic(self):
        assert templating.render("{{ 10**10 }} {{ 2**-1 }} {{ 7 * 6 }}", {}, "m") == (
            "10000000000 0.5 42"
        )
        assert templating.render("{{ '{:,.1f}'.format(1234.5) }}", {}, "m") == "1,234.5"


class DescribeBuildWithACostlyModule:
    def it_refuses_the_build_naming_the_module(self, small_library, tmp_path):
        add_module(
            small_library,
            "hidden-loops",
            SmartContent(
                SmartLayout.BULLETS, "Hi", bullets=(COSTLY["hidden nested macros, text"],)
            ),
        )
        plan = plan_deck(small_library, "Acme Clinics", ["hidden-loops", "pillars"])
        before = dump(small_library)
        with pytest.raises(RenderError, match="'hidden-loops'"):
            build_deck(small_library, plan, tmp_path / "d.pptx")
        assert not (tmp_path / "d.pptx").exists()
        assert dump(small_library) == before


class DescribeDesignedConditions:
    def it_refuses_a_power_tower_condition(self, small_library, tmp_path):
        keys = import_approved(small_library, plain_deck(tmp_path / "d.pptx", ["Designed"]))
        before = dump(small_library)
        result = CliRunner().invoke(
            cli,
            ["designed", "rules", keys[1], "--condition", POW, "--db",
             str(tmp_path / "library.db")],
        )  # fmt: skip
        assert result.exit_code == 1
        assert "would be refused when a deck is built" in result.output
        assert dump(small_library) == before

    def it_refuses_the_build_if_one_was_stored_anyway(self, small_library, tmp_path):
        keys = import_approved(small_library, plain_deck(tmp_path / "d.pptx", ["Designed"]))
        module = module_store.get_module(small_library, keys[1])
        with transaction(small_library):  # as an older Enabler or a hand-edited file could
            designed_store.set_rules(small_library, module.id, POW, "", "test")
        plan = plan_deck(small_library, "Acme Clinics", [keys[1]])
        with pytest.raises(RenderError, match=r"\*\* would be too large"):
            build_deck(small_library, plan, tmp_path / "out.pptx")

    def it_flags_costly_tags_at_import(self, db, tmp_path):
        deck = plain_deck(
            tmp_path / "d.pptx",
            ["Hello {{ prospect.company|center(10**9) }}", "Fine {{ prospect.company }}"],
        )
        result = import_slides(db, deck, thumbnails=False)
        first, second = result.slides
        assert any("would be refused at build" in p and "width" in p for p in first.problems)
        assert not any("refused" in p for p in second.problems)
