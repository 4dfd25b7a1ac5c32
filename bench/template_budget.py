"""Benchmark: how fast a hostile template is refused, against an ordinary render.

Four levels of macros, each looping 1000 times over the one before, used to hang a build (three
levels took 42 s). Now the parse-tree rule refuses it at once; called through aliases, which
the rule cannot see, the render budget stops it at its deadline (about 2 s). The baseline is an
ordinary module text rendered in the same process; the peak memory of each refusal is traced.

Run: `make bench` or `.venv/bin/python bench/template_budget.py`.
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from enabler.errors import RenderError
from enabler.render.templating import engine as templating
from enabler.render.templating.budget import SECONDS

CTX = {
    "prospect": {"company": "Northwind Health", "currency": "USD", "locale": "en_US"},
    "roi": {"npv": 1_234_567},
    "contacts": [{"name": "Ana"}, {"name": "Bo"}, {"name": "Cy"}],
}
ORDINARY = (
    "What {{ prospect.company }} gets: {{ roi.npv | money }} over three years, for "
    "{% for c in contacts %}{{ c.name }}{% if not loop.last %}, {% endif %}{% endfor %}."
)


def nested_macros(levels: int, alias: bool) -> str:
    out, prev = [], ""
    for n in range(levels):
        inner = f"{{{{ {prev}() }}}}" if prev else ""
        out.append(
            f"{{% macro m{n}() %}}{{% for i in range(1000) %}}{inner}{{% endfor %}}{{% endmacro %}}"
        )
        prev = f"m{n}"
        if alias:
            out.append(f"{{% set a{n} = m{n} %}}")
            prev = f"a{n}"
    return "".join(out) + f"{{{{ {prev}() }}}}"


def refusal(source: str) -> tuple[float, float]:
    """(seconds, peak MB) to refuse `source`; exits if it is not refused."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        templating.render(source, CTX, "Module 'hostile'")
    except RenderError:
        pass
    else:
        raise SystemExit("the hostile template was rendered, not refused")
    finally:
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        tracemalloc.stop()
    return seconds, peak


def main() -> None:
    templating.render(ORDINARY, CTX, "m")  # warm: compile cache, Babel locale data
    runs = []
    for _ in range(200):
        start = time.perf_counter()
        templating.render(ORDINARY, CTX, "m")
        runs.append(time.perf_counter() - start)
    base_ms = statistics.median(runs) * 1000
    plain_s, plain_mb = refusal(nested_macros(4, alias=False))
    hidden_s, hidden_mb = refusal(nested_macros(4, alias=True))
    print(f"ordinary module text, rendered (baseline):           {base_ms:.3f} ms")
    print(f"nested-loop template (4 macro levels), refused:       {plain_s * 1000:.3f} ms")
    print(f"  same, loops hidden behind aliases, refused:         {hidden_s * 1000:.0f} ms")
    print(f"  ratio, hidden refusal / ordinary render             {hidden_s * 1000 / base_ms:.0f}×")
    print(f"  peak memory while refusing: {max(plain_mb, hidden_mb):.1f} MB")
    print(f"BENCH nested_loop_refusal_s={plain_s:.4f} target<={SECONDS + 0.5}s")
    print(f"BENCH template_refusal_peak_mb={max(plain_mb, hidden_mb):.1f} target<=50MB")


if __name__ == "__main__":
    main()
