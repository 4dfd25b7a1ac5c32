"""The test helpers do their job: an unexpected ERROR log fails its test, and a test that runs
LibreOffice without its marker stops the run (pytester: a small pytest run inside this one)."""

from __future__ import annotations

import logging

LOGGING_TESTS = """
import logging

def test_logs_an_error():
    logging.getLogger("enabler.x").error("the sketch failed")

def test_expects_its_error(error_logs):
    logging.getLogger("enabler.x").error("expected")
    assert [r.getMessage() for r in error_logs] == ["expected"]

def test_only_warns():
    logging.getLogger("enabler.x").warning("fine")
"""

MARKER_TESTS = """
import pytest

@pytest.fixture
def soffice():
    return "soffice"

@pytest.fixture
def converted(soffice):
    return soffice

def test_unmarked(converted):
    pass

@pytest.mark.libreoffice
def test_marked(converted):
    pass
"""


class DescribeLogfail:
    def it_fails_a_test_that_logs_an_unexpected_error(self, pytester, error_logs):
        # error_logs: the inner run's records reach this test's handler too; they are meant
        pytester.makepyfile(test_sample=LOGGING_TESTS)
        result = pytester.runpytest("-p", "tests.helpers.logfail")
        result.assert_outcomes(passed=2, failed=1)
        result.stdout.fnmatch_lines(
            ["*unexpected ERROR log*", "*ERROR enabler.x: the sketch failed*"]
        )

    def it_hands_expected_records_to_the_test(self, error_logs):
        logging.getLogger("enabler.test").error("meant")
        assert [r.getMessage() for r in error_logs] == ["meant"]


class DescribeLibreofficeMarker:
    def it_stops_the_run_at_an_unmarked_test_using_soffice(self, pytester):
        pytester.makeini("[pytest]\nmarkers =\n    libreoffice: runs LibreOffice\n")
        pytester.makepyfile(test_sample=MARKER_TESTS)
        result = pytester.runpytest("-p", "tests.helpers.markers")
        assert result.ret != 0
        result.stderr.fnmatch_lines(["*mark them @pytest.mark.libreoffice*", "*::test_unmarked"])
        assert "test_marked" not in result.stderr.str()
