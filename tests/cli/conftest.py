"""Fixtures the command-line tests share."""

from __future__ import annotations

import pytest


@pytest.fixture
def demo_env(demo_db_path) -> dict[str, str]:
    """ENABLER_DB pointing at a private copy of the demo library."""
    return {"ENABLER_DB": str(demo_db_path)}
