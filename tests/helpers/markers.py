"""Every test that runs LibreOffice carries `@pytest.mark.libreoffice`, so CI can select them
and a machine without it knows what it skipped. The check runs at collection: a test that asks
for the `soffice` fixture (directly or through another fixture) without the marker stops the
run with its name."""

from __future__ import annotations

import pytest


def unmarked_soffice_tests(items: list[pytest.Item]) -> list[str]:
    return [
        item.nodeid
        for item in items
        if "soffice" in getattr(item, "fixturenames", ())
        and item.get_closest_marker("libreoffice") is None
    ]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if missing := unmarked_soffice_tests(items):
        raise pytest.UsageError(
            "These tests run LibreOffice; mark them @pytest.mark.libreoffice:\n  "
            + "\n  ".join(missing)
        )
