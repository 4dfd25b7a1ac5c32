"""Hypothesis profiles for the reliability suite.

The default run uses the `reliability` profile (a few hundred examples in all). `make bench` runs
the `slow` tests, which ask for `BENCH_EXAMPLES` (10,000) examples explicitly.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

BENCH_EXAMPLES = int(os.environ.get("ENABLER_FUZZ_EXAMPLES", "10000"))

settings.register_profile(
    "reliability",
    max_examples=100,
    deadline=None,  # the machine may be loaded; speed is measured in bench/, not here
    derandomize=True,  # the default run is reproducible; `make bench` explores further
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "bench",
    max_examples=BENCH_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
