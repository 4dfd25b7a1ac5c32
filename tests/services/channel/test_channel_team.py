"""Team figures from merged field reports: per rep by profile name, win rates, objection trends,
contributors and freshness; a skewed reporter clock never shows events in the future."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from enabler.services.app_views import insights_view
from enabler.services.channel.team import team_figures
from enabler.store.connection.db import transaction
from enabler.store.team import channel as store


def add_reporter(db, fingerprint: str, name: str, status: str = "trusted") -> None:
    with transaction(db):
        store.add_pending(db, fingerprint, name, "PEM")
        store.set_status(db, fingerprint, status)


def merge(db, fingerprint: str, batch: str, created_at: str, events: list[tuple]) -> int:
    rows = [
        (f"{fingerprint[:16]}:{eid}", kind, at, json.dumps(data)) for eid, kind, at, data in events
    ]
    with transaction(db):
        return store.merge_batch(
            db, name=batch, reporter=fingerprint, sha256="x", created_at=created_at, events=rows
        )


def objection(category: str, state: str = "raised") -> dict:
    return {
        "objection": None,
        "category": category,
        "state": state,
        "stage": "proposal",
        "industry": "Healthcare",
        "competitor": "",
    }


NOW = dt.datetime.now(dt.UTC)
DANA, SAM, EVE = "d" * 64, "5" * 64, "e" * 64


@pytest.fixture
def team(db):
    for fp, name in ((DANA, "Dana Rep"), (SAM, "Sam Field")):
        add_reporter(db, fp, name)
    add_reporter(db, EVE, "Eve Revoked", "revoked")
    merge(
        db,
        DANA,
        "dana-1.json",
        (NOW - dt.timedelta(days=3)).isoformat(),
        [
            ("d1", "deck", "2026-10-02T09:00:00+00:00", {"modules": []}),
            ("d2", "deck", "2026-11-02T09:00:00+00:00", {"modules": []}),
            ("o1", "outcome", "2026-11-05T09:00:00+00:00", {"result": "won"}),
            ("o2", "outcome", "2026-11-06T09:00:00+00:00", {"result": "lost"}),
            ("o3", "outcome", "2026-11-07T09:00:00+00:00", {"result": "won"}),
            ("x1", "objection", "2026-10-03T09:00:00+00:00", objection("price")),
            ("x2", "objection", "2026-11-03T09:00:00+00:00", objection("price")),
            ("x3", "objection", "2026-11-04T09:00:00+00:00", objection("price", "answered")),
        ],
    )
    merge(
        db,
        SAM,
        "sam-1.json",
        (NOW - dt.timedelta(hours=2)).isoformat(),
        [
            ("d1", "deck", "2026-11-10T09:00:00+00:00", {"modules": []}),
            ("o1", "outcome", "2026-11-11T09:00:00+00:00", {"result": "lost"}),
            ("x1", "objection", "2026-11-12T09:00:00+00:00", objection("security")),
        ],
    )
    merge(
        db,
        EVE,
        "eve-1.json",
        NOW.isoformat(),
        [
            ("d1", "deck", "2026-11-10T09:00:00+00:00", {"modules": []}),
        ],
    )
    return db


class DescribeTeamFigures:
    def it_counts_per_rep_by_profile_name_without_revoked_reporters(self, team):
        figures = team_figures(team)
        assert figures.contributors == 2
        assert [(r.name, r.decks, r.won, r.lost) for r in figures.reps] == [
            ("Dana Rep", 2, 2, 1),
            ("Sam Field", 1, 0, 1),
        ]
        assert figures.decks_by_rep == {"Dana Rep": 2, "Sam Field": 1}
        assert figures.reps[0].win_rate == pytest.approx(2 / 3)
        assert figures.reps[1].win_rate == 0.0
        assert figures.win_rate == pytest.approx(0.5)

    def it_says_how_fresh_each_reporter_is(self, team):
        ages = {r.name: r.reporter.age_days() for r in team_figures(team).reps}
        assert 2.9 < ages["Dana Rep"] < 3.1 and ages["Sam Field"] < 0.1

    def it_trends_raised_objections_by_month(self, team):
        trend = team_figures(team).objection_trend
        assert trend == {"2026-10": {"price": 1}, "2026-11": {"price": 1, "security": 1}}
        assert team_figures(team).to_dict()["objection_trend"] == trend

    def it_reaches_the_insights_page_through_services(self, team):
        assert [r.name for r in insights_view(team).team.reps] == ["Dana Rep", "Sam Field"]


class DescribeClockSkew:
    def it_keeps_a_future_event_in_the_month_it_was_merged(self, team):
        merge(
            team,
            SAM,
            "sam-2.json",
            "2099-01-01T00:00:00+00:00",
            [
                ("x9", "objection", "2099-01-01T00:00:00+00:00", objection("legal")),
            ],
        )
        figures = team_figures(team)
        trend = figures.objection_trend
        assert "2099-01" not in trend
        sam = next(r for r in figures.reps if r.name == "Sam Field")
        assert sam.reporter.last_batch_at[:4] == NOW.strftime("%Y")  # not 2099: goes stale
        assert trend[NOW.strftime("%Y-%m")].get("legal") == 1

    def it_counts_an_event_once_whatever_time_its_batch_claims(self, team):
        again = [("d1", "deck", "1999-01-01T00:00:00+00:00", {"modules": []})]
        assert merge(team, SAM, "sam-3.json", "1999-01-01T00:00:00+00:00", again) == 0
        sam = next(r for r in team_figures(team).reps if r.name == "Sam Field")
        assert sam.decks == 1 and sam.reporter.age_days() < 0.1  # an old batch is not "fresher"
