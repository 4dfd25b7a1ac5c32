"""Benchmark: recomputing a business case "as the rep types".

Enabler's run is what the desktop app will do on each keystroke: validate the form data, then
evaluate all three scenarios risk-adjusted and unadjusted (NPV, exact IRR, MIRR, payback, TCO,
flags) plus the tornado, and format the headline and assumption rows (Babel). The deck's `roi`
fields (built once per deck, not per keystroke) are timed on their own. The baseline does
the headline arithmetic only with numpy-financial (npv + irr for the same six flow sets, and a
tornado by recomputing the NPV per driver). Both run alternately in one process; the ratio of
medians is printed, and the absolute time per keystroke, whose budget is 20 ms.

Run: `make bench` or `.venv/bin/python bench/roi.py [--rounds N]`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy_financial as npf

from enabler.domain.roi.evaluate import drivers, split
from enabler.domain.roi.model import Scenario
from enabler.domain.roi.parse import parse_model
from enabler.services.roi.business_case import preview
from enabler.services.roi.deck import deck_context
from enabler.services.roi.figures import Formatter, assumption_rows, headline_rows

DEMO = Path(__file__).resolve().parents[1] / "assets" / "demo" / "roi.json"
BUDGET_MS = 20.0


def northwind() -> dict:
    models = json.loads(DEMO.read_text(encoding="utf-8"))["models"]
    return next(m["model"] for m in models if m["company"] == "Northwind Health")


def enabler_run(data: dict, fmt: Formatter) -> None:
    """What a form shows per keystroke: the case and its formatted headline and assumptions."""
    case = preview(data).case
    headline_rows(case, fmt)
    assumption_rows(case, fmt)


def baseline_run(data: dict) -> None:
    model = parse_model(data).model  # the same validation as Enabler
    rate = model.discount_rate_pct / 100
    for scenario in Scenario:
        for adjusted in (True, False):
            lines = drivers(model, scenario, adjusted)
            benefits, costs = split(lines, model.years)
            net = [b - c for b, c in zip(benefits, costs, strict=True)]
            npf.npv(rate, net)
            npf.irr(net)
    for d in drivers(model, Scenario.EXPECTED, True):
        npf.npv(rate, [v * 1.2 for v in d.flows])
        npf.npv(rate, [v * 0.8 for v in d.flows])


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    data, fmt = northwind(), Formatter("USD", "en_US")
    enabler_run(data, fmt)  # warm caches (Babel locale data, imports)
    baseline_run(data)
    ours, base = [], []
    for _ in range(args.rounds):
        ours.append(timed(lambda: enabler_run(data, fmt)))
        base.append(timed(lambda: baseline_run(data)))
    ours_ms, base_ms = statistics.median(ours) * 1000, statistics.median(base) * 1000
    case = preview(data).case
    deck_ms = statistics.median(timed(lambda: deck_context(case, fmt)) for _ in range(20)) * 1000
    print(f"deck fields for one build (all figures formatted):            {deck_ms:.2f} ms")
    print(f"enabler recompute (validate + 3 scenarios + tornado + format): {ours_ms:.2f} ms")
    print(f"baseline (numpy-financial npv/irr, same flows and drivers):    {base_ms:.2f} ms")
    print(
        f"ratio: {ours_ms / base_ms:.2f}x; budget per keystroke {BUDGET_MS:.0f} ms: "
        f"{'ok' if ours_ms <= BUDGET_MS else 'OVER'}"
    )
    if ours_ms > BUDGET_MS:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
