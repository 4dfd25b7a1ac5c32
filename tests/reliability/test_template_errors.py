"""Template errors that used to escape as "Internal error": each names its module, and one
broken approved module leaves only itself out of a leave-behind, with a warning naming it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from enabler.cli import cli
from enabler.domain.modules import SmartContent, SmartLayout
from enabler.errors import RenderError
from enabler.render.templating import engine as templating
from enabler.services.leave_behind import document as lb
from tests.conftest import add_module
from tests.reliability.helpers import dump

RECURSION = "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}"
BAD_LOCALE = "{{ 1000|money(locale='xx') }}"
CTX = {"prospect": {"company": "Acme", "currency": "USD", "locale": "en_US"}}


class DescribeTemplateErrors:
    @pytest.mark.parametrize(
        ("source", "words"),
        [
            (RECURSION, "call each other more than"),
            (
                "{% macro f(n) %}{{ g(n) }}{% endmacro %}{% macro g(n) %}{{ f(n) }}{% endmacro %}"
                "{{ f(1) }}",
                "call each other more than",
            ),
            (BAD_LOCALE, "unknown locale 'xx'"),
            ("{{ 5|date(locale='zz_QQ') }}", "unknown locale 'zz_QQ'"),
            ("{{ 1000|money(digits=10**9) }}", "decimals"),
            ("{{ 'abc'.translate({97: 'b'}) }}", "unsafe template refused"),
        ],
    )
    def it_names_the_module(self, source, words):
        with pytest.raises(RenderError) as err:
            templating.render(source, CTX, "Module 'broken' (v1)")
        message = str(err.value)
        assert message.startswith("Module 'broken' (v1): ")
        assert words in message and "\n" not in message


class DescribeLeaveBehindWithABrokenModule:
    def it_leaves_the_module_out_and_says_which(self, small_library, tmp_path, monkeypatch):
        monkeypatch.setattr(lb, "SECTION_PROVIDERS", ())
        add_module(
            small_library,
            "broken-quote",
            SmartContent(SmartLayout.QUOTE, RECURSION, quote="Loved it", attribution="CFO"),
            tags=("case-study",),
        )
        add_module(
            small_library,
            "broken-metric",
            SmartContent(SmartLayout.BIG_NUMBER, "Savings", metric=BAD_LOCALE),
            tags=("case-study",),
        )
        add_module(
            small_library,
            "good-metric",
            SmartContent(SmartLayout.BIG_NUMBER, "Faster", metric="42%", metric_label="less"),
            tags=("case-study",),
        )
        before = dump(small_library)
        out = tmp_path / "lb.pdf"
        result = CliRunner().invoke(
            cli,
            ["leave-behind", "--prospect", "Acme Clinics", "--out", str(out), "--db",
             str(tmp_path / "library.db")],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        warnings = [line for line in result.output.splitlines() if line.startswith("Warning:")]
        assert len(warnings) == 2
        assert any("'broken-quote'" in w and "call each other" in w for w in warnings)
        assert any("'broken-metric'" in w and "unknown locale 'xx'" in w for w in warnings)
        text = "\n".join(page.extract_text() for page in PdfReader(str(out)).pages)
        assert "42%" in text and "Loved it" not in text
        assert dump(small_library) == before
