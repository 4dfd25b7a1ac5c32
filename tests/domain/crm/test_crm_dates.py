"""Deciding a file's date order by the votes of all its values (no I/O)."""

from __future__ import annotations

import pytest

from enabler.domain.crm.dates import DateBallot, date_reading
from enabler.domain.crm.values import DateOrder
from enabler.errors import Fix, Hint, InvalidInput


def ballot(*values: str) -> DateBallot:
    b = DateBallot()
    for line, text in enumerate(values, start=2):
        b.add(line, "Close Date", text)
    return b


class DescribeDateReading:
    @pytest.mark.parametrize(
        ("text", "order"),
        [
            ("12/15/2026", DateOrder.MDY),
            ("1/31/2027", DateOrder.MDY),
            ("15/12/2026", DateOrder.DMY),
            ("31-01-2027", DateOrder.DMY),
            ("03/31/26", DateOrder.MDY),
            ("03/04/2026", None),  # reads both ways
            ("31/31/2027", None),  # reads neither way
            ("02/30/2026", None),
            ("23.11.2026", None),  # dotted dates are day-first everywhere
            ("2026-12-15", None),
            ("", None),
        ],
    )
    def it_votes_only_for_the_one_order_a_value_makes_sense_in(self, text, order):
        assert date_reading(text) is order


class DescribeDateBallot:
    def it_is_not_turned_round_by_one_impossible_date(self):
        votes = ballot("12/15/2026", "1/31/2027", "31/31/2027", "12/20/2026")
        assert votes.decide("report.csv") is DateOrder.MDY

    def it_goes_day_first_when_only_day_first_values_vote(self):
        assert ballot("03/04/2026", "23/12/2026").decide("x.csv") is DateOrder.DMY

    def it_falls_back_to_the_default_when_nothing_votes(self):
        assert ballot("03/04/2026", "2026-01-02").decide("x.csv") is DateOrder.MDY
        assert ballot().decide("x.csv", DateOrder.DMY) is DateOrder.DMY

    def it_stops_on_a_real_conflict_and_names_the_lines(self):
        votes = ballot(
            "12/15/2026", "03/04/2026", "23/12/2026", "12/20/2026", "1/31/2027", "5/1/27"
        )
        with pytest.raises(InvalidInput) as err:
            votes.decide("mixed.csv")
        message = str(err.value)
        assert message.startswith("mixed.csv writes dates both ways: 3 dates read (")
        assert "line 2 (Close Date '12/15/2026')" in message
        assert "1 date reads (line 4 (Close Date '23/12/2026')) only day-first" in message
        assert "Say which order the file uses, MDY or DMY" in message
        assert err.value.hint == Hint(Fix.GIVE, "date_order")

    def it_names_a_few_lines_and_counts_the_rest(self):
        votes = ballot(*[f"12/{d}/2026" for d in range(13, 20)], "13/12/2026")
        with pytest.raises(InvalidInput, match=r"line 4 \(Close Date '12/15/2026'\) and 4 more"):
            votes.decide("x.csv")
