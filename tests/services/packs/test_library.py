"""Packs carry marketing's whole library: objections, battlecards, criteria, plan templates,
ROI presets, segment research and recommendation weights, next to modules."""

from __future__ import annotations

import dataclasses
import json
import zipfile

import pytest

from enabler.domain.action_plan import DealSize
from enabler.domain.modules import ModuleState
from enabler.domain.objections import ObjectionState
from enabler.domain.prospects import ReviewState
from enabler.errors import Conflict, InvalidInput
from enabler.services import insights, recommend
from enabler.services.objections import checklists
from enabler.services.packs import exchange as packs
from enabler.services.packs import keys
from enabler.services.worksheets import action_plans, criteria
from enabler.store import action_plans as plan_store
from enabler.store import criteria as criteria_store
from enabler.store import objections as objection_store
from enabler.store import roi as roi_store
from enabler.store.connection.db import open_db, transaction
from tests.reliability.helpers import dump
from tests.services.packs.marketing_library import (
    add_marketing_items,
    add_rep_prospect,
    criterion,
    library_view,
    objection,
    preset,
)
from tests.services.packs.test_packs import LENA, REP, resign, rewrite

EXPECTED = {
    "objections": {
        "too-expensive": ("It costs too much", "approved"),
        "no-time": ("Not this quarter", "approved"),
    },
    "battlecards": ("Cheaper up front, slower to roll out", "approved"),
    "criteria": {
        "data-security": ("Data security", 5, "approved"),
        "fast-rollout": ("Fast rollout", 3, "approved"),
    },
    "plan_templates": {"mid": ["Discovery call", "Security review"]},
    "roi_presets": {"Healthcare": "Healthcare intake"},
    "segment_research": [("Healthcare", "CFO", "Hospitals freeze budgets in Q4")],
    "weights": {"stage": 25.0},
}


def export(db, pair, path):
    return packs.export_pack(db, LENA, path, pair.private_path).path


def manifest_of(path) -> dict:
    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read("manifest.json"))


# fixtures -------------------------------------------------------------------------------


@pytest.fixture
def hq(small_library, tmp_path):
    """Marketing's library with one or more of every kind, and its key pair."""
    add_marketing_items(small_library)
    return small_library, keys.new_key_pair(tmp_path, "hq")


@pytest.fixture
def release(hq, tmp_path):
    db, pair = hq
    return export(db, pair, tmp_path / "r1.zip")


@pytest.fixture
def rep(tmp_path, hq):
    db = open_db(tmp_path / "rep.db")
    keys.trust(db, REP, hq[1].public_path)
    return db


class DescribeEveryKindTravels:
    def it_exports_approved_items_only_in_format_2(self, hq, tmp_path):
        db, pair = hq
        result = packs.export_pack(db, LENA, tmp_path / "r.zip", pair.private_path)
        manifest = manifest_of(result.path)
        assert manifest["format_version"] == 2
        assert [o["key"] for o in manifest["objections"]] == ["too-expensive", "no-time"]
        assert [r["text"] for r in manifest["segment_research"]] == [
            "Hospitals freeze budgets in Q4"
        ]
        assert manifest["recommend_weights"] == [{"factor": "stage", "weight": 25.0}]
        assert result.library == {
            "objections": 2,
            "battlecards": 1,
            "criteria": 2,
            "plan_templates": 1,
            "roi_presets": 1,
            "segment_research": 1,
            "recommend_weights": 1,
        }

    def it_delivers_every_kind_to_the_rep(self, release, rep):
        preview = packs.import_pack(rep, REP, release, dry_run=True)
        assert len(preview.library_new) == 9 and not preview.applied
        assert "objection:too-expensive" in preview.summary()["new"]
        assert library_view(rep)["objections"] == {}

        result = packs.import_pack(rep, REP, release)
        assert result.applied and set(result.library_new) == set(preview.library_new)
        assert library_view(rep) == EXPECTED
        assert insights.segment_research(rep)[0].insight.review_state is ReviewState.APPROVED
        healthcare = roi_store.get_preset(rep, "healthcare")
        assert healthcare.model.horizon_years == 3 and healthcare.notes == "2026 medians"
        card = checklists.battlecard(rep, "rival corp")
        assert card.differentiators[0].claim == "Live in 6 weeks"
        assert card.landmines == ("Ask about their rollout times",)
        security = next(c for c in criteria.criteria_library(rep) if c.key == "data-security")
        assert security.gaps[0].answer == "Dedicated tenant instead"
        assert security.proof.certifications == ("ISO 27001",)

    def it_applies_the_same_pack_once(self, release, rep):
        packs.import_pack(rep, REP, release)
        before = dump(rep)
        again = packs.import_pack(rep, REP, release)
        assert again.applied and not again.changes_anything
        assert again.library_unchanged == 9
        assert dump(rep) == before  # no row, no audit entry, no import record

    def it_leaves_the_publishers_own_library_as_it_is(self, hq, release):
        db, pair = hq
        keys.trust(db, LENA, pair.public_path, "hq")
        before = library_view(db)
        result = packs.import_pack(db, LENA, release)
        assert result.library_new == () and result.library_changed == ()
        assert library_view(db) == before  # no second copy of its own research


class DescribeUpdates:
    def it_updates_retires_and_removes_what_the_publisher_changed(self, hq, release, rep, tmp_path):
        db, pair = hq
        packs.import_pack(rep, REP, release)
        with transaction(db):
            first = objection_store.get_objection(db, "too-expensive")
            objection_store.replace_objection(
                db, first.id, dataclasses.replace(first, text="It is too expensive"), "Lena", ""
            )
            objection_store.set_objection_state(db, "no-time", ModuleState.RETIRED, "Lena")
            roi_store.delete_preset(db, "Healthcare", "Lena")
            roi_store.save_preset(db, preset("Retail", "Retail stores"), "Lena")
        recommend.reset_weights(db, "stage", actor="Lena")
        research = insights.segment_research(db, ReviewState.APPROVED)[0].insight
        insights.remove_insight(db, research.id, actor="Lena")

        result = packs.import_pack(rep, REP, export(db, pair, tmp_path / "r2.zip"))

        assert set(result.library_changed) == {"objection:too-expensive"}
        assert set(result.library_new) == {"roi_preset:retail"}
        assert set(result.library_removed) == {
            "objection:no-time",
            "roi_preset:healthcare",
            f"segment_research:{pair.fingerprint[:16]}-{research.id}",
            "recommend_weight:stage",
        }
        view = library_view(rep)
        assert view["objections"] == {
            "too-expensive": ("It is too expensive", "approved"),
            "no-time": ("Not this quarter", "retired"),
        }
        assert view["roi_presets"] == {"Retail": "Retail stores"}
        assert view["segment_research"] == [] and view["weights"] == {}
        assert view["criteria"] == EXPECTED["criteria"]

    def it_keeps_the_reps_own_items_and_prospect_state(self, hq, release, rep, tmp_path):
        db, pair = hq
        packs.import_pack(rep, REP, release)
        acme = add_rep_prospect(rep)
        with transaction(rep):
            objection_store.create_objection(
                rep, objection("my-own", "Rep's own objection", owner="Dana Rep")
            )
            criteria_store.create_criterion(rep, criterion("my-criterion", "Rep's own", 2))
            roi_store.save_preset(rep, preset("Retail", "Dana's retail numbers"), "Dana Rep")
        insights.add_segment_research(rep, "Dana's own research", industry="Retail")
        checklists.mark(rep, acme, "no-time", "raised", "Buyer said Q3", actor="Dana Rep")
        criteria.add_criterion(
            rep, acme, key="fast-rollout", status="met", note="Pilot done", actor="Dana Rep"
        )
        plan = action_plans.apply_template(rep, acme, "mid", start="2026-11-02", actor="Dana Rep")
        steps_before = [(s.name, s.due) for s in plan.steps]
        with transaction(db):  # marketing drops both items the rep is working with
            objection_store.set_objection_state(db, "no-time", ModuleState.RETIRED, "Lena")
            gone = criteria_store.get_criterion(db, "fast-rollout")
            criteria_store.replace_criterion(
                db, gone.id, dataclasses.replace(gone, state=ModuleState.RETIRED), "Lena", ""
            )
            plan_store.delete_template(db, DealSize.MID, "Lena")  # the rep's plan stays

        packs.import_pack(rep, REP, export(db, pair, tmp_path / "r2.zip"))

        view = library_view(rep)
        assert view["objections"]["my-own"] == ("Rep's own objection", "approved")
        assert view["objections"]["no-time"] == ("Not this quarter", "retired")
        assert view["criteria"]["my-criterion"] == ("Rep's own", 2, "approved")
        assert view["criteria"]["fast-rollout"][2] == "retired"
        assert view["roi_presets"] == {
            "Healthcare": "Healthcare intake",
            "Retail": "Dana's retail numbers",
        }
        assert ("Retail", "", "Dana's own research") in view["segment_research"]
        assert view["plan_templates"] == {}
        item = next(i for i in checklists.checklist(rep, acme).items if i.ref == "no-time")
        assert (item.state, item.note) == (ObjectionState.RAISED, "Buyer said Q3")
        crit = next(
            i for i in criteria.criteria_checklist(rep, acme).items if i.ref == "fast-rollout"
        )
        assert (crit.status.value, crit.note) == ("met", "Pilot done")
        after = action_plans.action_plan(rep, acme)
        assert [(s.name, s.due) for s in after.steps] == steps_before

    def it_will_not_replace_an_item_changed_here_unless_asked(self, hq, release, rep, tmp_path):
        db, pair = hq
        packs.import_pack(rep, REP, release)
        with transaction(rep):
            ours = objection_store.get_objection(rep, "too-expensive")
            objection_store.replace_objection(
                rep, ours.id, dataclasses.replace(ours, text="Dana's wording"), "Dana Rep", ""
            )
        with transaction(db):
            theirs = objection_store.get_objection(db, "too-expensive")
            objection_store.replace_objection(
                db, theirs.id, dataclasses.replace(theirs, text="Marketing's wording"), "Lena", ""
            )
        r2 = export(db, pair, tmp_path / "r2.zip")
        before = dump(rep)
        with pytest.raises(Conflict, match="objection:too-expensive"):
            packs.import_pack(rep, REP, r2)
        assert dump(rep) == before
        packs.import_pack(rep, REP, r2, replace_local=True)
        assert library_view(rep)["objections"]["too-expensive"][0] == "Marketing's wording"

    def it_will_not_remove_a_preset_changed_here_unless_asked(self, hq, release, rep, tmp_path):
        db, pair = hq
        packs.import_pack(rep, REP, release)
        with transaction(rep):
            roi_store.save_preset(rep, preset("Healthcare", "Dana's numbers"), "Dana Rep")
        with transaction(db):
            roi_store.delete_preset(db, "Healthcare", "Lena")
        r2 = export(db, pair, tmp_path / "r2.zip")
        with pytest.raises(Conflict, match="roi_preset:healthcare"):
            packs.import_pack(rep, REP, r2)
        assert library_view(rep)["roi_presets"] == {"Healthcare": "Dana's numbers"}
        result = packs.import_pack(rep, REP, r2, replace_local=True)
        assert result.library_removed == ("roi_preset:healthcare",)
        assert library_view(rep)["roi_presets"] == {}


def _edit(section: str, n: int, **fields):
    def edit(manifest):
        manifest[section][n] |= fields

    return edit


class DescribeHostileEntries:
    @pytest.mark.parametrize(
        ("edit", "reason"),
        [
            (
                _edit("objections", 0, text=""),
                r"objections entry 1 \('too-expensive'\) has no text",
            ),
            (_edit("objections", 1, category="rude"), "objections entry 2 .*unknown category"),
            (_edit("objections", 0, stages=["later"]), "unknown stage"),
            (_edit("objections", 0, keywords="budget"), "keywords list"),
            (_edit("battlecards", 0, differentiators="x"), "battlecards entry 1 .*differentiators"),
            (_edit("criteria", 0, weight=9), "criteria entry 1 .*weight"),
            (_edit("criteria", 1, key="data-security"), "criteria entry 2 .*listed twice"),
            (_edit("plan_templates", 0, size="huge"), "plan_templates entry 1 .*size"),
            (_edit("plan_templates", 0, steps=[]), "has no steps"),
            (_edit("roi_presets", 0, model={"discount_rate": "lots"}), "roi_presets .*model"),
            (_edit("segment_research", 0, text="x" * 20_001), "text longer than 20,000"),
            (_edit("segment_research", 0, industry="", persona=""), "neither an industry"),
            (_edit("recommend_weights", 0, weight=1e9), "recommend_weights entry 1 .*weight"),
            (_edit("recommend_weights", 0, factor="luck"), "unknown factor"),
            (lambda m: m.update(criteria={"a": 1}), "criteria section is not a list"),
            (lambda m: m["objections"].append(7), "objections entry 3 is not an object"),
        ],
    )
    def it_refuses_a_bad_entry_and_changes_nothing(self, hq, release, rep, tmp_path, edit, reason):
        key = keys.load_private_key(hq[1].private_path)
        bad = resign(release, tmp_path / "bad.zip", key, edit)
        before = dump(rep)
        with pytest.raises(InvalidInput, match=reason) as refused:
            packs.import_pack(rep, REP, bad)
        assert "Nothing was imported" in str(refused.value)
        assert dump(rep) == before

    def it_refuses_an_entry_changed_after_signing(self, release, rep, tmp_path):
        def change(name, data):
            if name != "manifest.json":
                return data
            return data.replace(b"It costs too much", b"It costs nothing")

        tampered = rewrite(release, tmp_path / "tampered.zip", change)
        before = dump(rep)
        with pytest.raises(InvalidInput, match="signature does not match"):
            packs.import_pack(rep, REP, tampered)
        assert dump(rep) == before
        assert library_view(rep)["objections"] == {}


class DescribeFormatVersions:
    def it_still_imports_a_version_1_pack_and_leaves_library_items_alone(
        self, hq, release, rep, tmp_path
    ):
        packs.import_pack(rep, REP, release)
        db, pair = hq
        r2 = export(db, pair, tmp_path / "r2.zip")

        def as_version_1(manifest):
            manifest["format_version"] = 1
            for name in ("objections", "battlecards", "criteria", "plan_templates"):
                del manifest[name]
            manifest["roi_presets"] = []  # a version-1 reader never looked at these

        old = resign(
            r2, tmp_path / "v1.zip", keys.load_private_key(pair.private_path), as_version_1
        )
        result = packs.import_pack(rep, REP, old)
        assert result.applied and not result.library_removed and not result.library_new
        assert library_view(rep) == EXPECTED

    def it_imports_a_version_1_pack_into_an_empty_library(self, release, rep, tmp_path, hq):
        def as_version_1(manifest):
            manifest["format_version"] = 1
            for name in EXPECTED_SECTIONS:
                manifest.pop(name)

        old = resign(
            release, tmp_path / "v1.zip", keys.load_private_key(hq[1].private_path), as_version_1
        )
        result = packs.import_pack(rep, REP, old)
        assert "proof" in result.new and result.library_new == ()
        assert library_view(rep)["objections"] == {}

    @pytest.mark.parametrize(
        ("version", "reason"),
        [
            (3, "pack format 3, newer than this version of Enabler reads"),
            ("2", "unknown pack format version"),
            (0, "unknown pack format version"),
            (True, "unknown pack format version"),
        ],
    )
    def it_refuses_a_format_it_does_not_know(self, release, rep, tmp_path, hq, version, reason):
        key = keys.load_private_key(hq[1].private_path)
        future = resign(
            release, tmp_path / "f.zip", key, lambda m: m.update(format_version=version)
        )
        with pytest.raises(InvalidInput, match=reason):
            packs.import_pack(rep, REP, future)
        assert library_view(rep)["objections"] == {}


EXPECTED_SECTIONS = (
    "objections",
    "battlecards",
    "criteria",
    "plan_templates",
    "roi_presets",
    "segment_research",
    "recommend_weights",
)
