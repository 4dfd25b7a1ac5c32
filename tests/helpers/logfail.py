"""Fail a test that logs an ERROR it did not expect, so errors cannot hide in logs.

A handler on the root logger keeps the ERROR (and worse) records of each test's call; when the
call passed but left such records, the test fails and names them. A test about an error path
asks for the `error_logs` fixture: its records are then expected, and it asserts on them.
"""

from __future__ import annotations

import logging

import pytest


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


_HANDLER = pytest.StashKey[_Records]()  # one per pytest run (pytester nests runs)


def describe(records: list[logging.LogRecord]) -> str:
    """One line per record: level, logger and message (and the exception type, if any)."""
    lines = []
    for r in records:
        error = f" [{r.exc_info[0].__name__}]" if r.exc_info and r.exc_info[0] else ""
        lines.append(f"{r.levelname} {r.name}: {r.getMessage()}{error}")
    return "\n".join(lines)


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_HANDLER] = _Records()
    logging.getLogger().addHandler(config.stash[_HANDLER])


def pytest_unconfigure(config: pytest.Config) -> None:
    logging.getLogger().removeHandler(config.stash[_HANDLER])


@pytest.fixture
def error_logs(request: pytest.FixtureRequest) -> list[logging.LogRecord]:
    """The ERROR records logged so far by this test; asking for them makes them expected."""
    return request.config.stash[_HANDLER].records


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    records = item.config.stash[_HANDLER].records
    records.clear()
    result = yield  # a failing test keeps its own failure
    if records and "error_logs" not in getattr(item, "fixturenames", ()):
        found = describe(records)
        records.clear()
        pytest.fail(f"unexpected ERROR log records (ask for `error_logs` if meant):\n{found}")
    return result
