"""The ROI repository: one model per prospect, presets per industry, audit, damage reports."""

from __future__ import annotations

import pytest

from enabler.domain.prospects import Prospect
from enabler.domain.roi.model import RoiPreset
from enabler.domain.roi.parse import parse_model
from enabler.errors import InvalidInput
from enabler.store import audit
from enabler.store import prospects as prospect_store
from enabler.store import roi as roi_store
from enabler.store.connection.db import transaction
from enabler.store.migrations import MIGRATIONS

MODEL = parse_model(
    {"horizon_years": 2, "discount_rate": 8, "benefits": [{"name": "B", "amount": 10}]}
).model


@pytest.fixture
def prospect(db):
    with transaction(db):
        return prospect_store.create(db, Prospect(id=0, company="Acme"))


class DescribeRoiModels:
    def it_has_its_tables_after_migration(self, db):
        assert {"roi_models", "roi_presets"} <= set(db.table_names())
        assert "m0002_roi" in [m.name for m in MIGRATIONS.applied(db)]

    def it_saves_and_reads_back_a_model(self, db, prospect):
        assert roi_store.get_model(db, prospect.id) is None
        with transaction(db):
            roi_store.save_model(db, prospect.id, MODEL, actor="dana")
        assert roi_store.get_model(db, prospect.id) == MODEL
        assert roi_store.has_model(db, prospect.id)

    def it_replaces_the_model_and_audits_before_and_after(self, db, prospect):
        other = parse_model({"cash_flows": [-1, 2]}).model
        with transaction(db):
            roi_store.save_model(db, prospect.id, MODEL, actor="dana")
            roi_store.save_model(db, prospect.id, other, actor="sam")
        assert roi_store.get_model(db, prospect.id) == other
        entries = audit.entries(db, "roi_model")
        assert [e["action"] for e in entries] == ["create", "update"]
        assert entries[1]["actor"] == "sam"
        assert '"discount_rate": 8' in entries[1]["before"]
        assert '"cash_flows"' in entries[1]["after"]

    def it_deletes_a_model(self, db, prospect):
        with transaction(db):
            roi_store.save_model(db, prospect.id, MODEL)
            assert roi_store.delete_model(db, prospect.id, actor="dana")
            assert not roi_store.delete_model(db, prospect.id)
        assert roi_store.get_model(db, prospect.id) is None

    def it_goes_with_its_prospect(self, db, prospect):
        with transaction(db):
            roi_store.save_model(db, prospect.id, MODEL)
            db.execute("DELETE FROM prospects WHERE id = ?", [prospect.id])
        assert db.execute("SELECT COUNT(*) FROM roi_models").fetchone()[0] == 0

    def it_reports_a_damaged_row_instead_of_using_it(self, db, prospect):
        with transaction(db):
            roi_store.save_model(db, prospect.id, MODEL)
            db.execute("UPDATE roi_models SET model = '{\"horizon_years\": 0}'")
        with pytest.raises(InvalidInput, match=r"damaged; set it again"):
            roi_store.get_model(db, prospect.id)
        with transaction(db):
            db.execute("UPDATE roi_models SET model = 'not json'")
        with pytest.raises(InvalidInput, match="damaged"):
            roi_store.get_model(db, prospect.id)

    def it_keeps_the_old_model_when_a_transaction_fails(self, db, prospect):
        with transaction(db):
            roi_store.save_model(db, prospect.id, MODEL)
        other = parse_model({"cash_flows": [-1, 2]}).model
        with pytest.raises(RuntimeError), transaction(db):
            roi_store.save_model(db, prospect.id, other)
            raise RuntimeError("crash half-way")
        assert roi_store.get_model(db, prospect.id) == MODEL
        assert [e["action"] for e in audit.entries(db, "roi_model")] == ["create"]


class DescribeRoiPresets:
    def it_keeps_one_preset_per_industry(self, db):
        first = RoiPreset("Healthcare", "Intake", MODEL, owner="Lena", notes="value reviews")
        with transaction(db):
            roi_store.save_preset(db, first)
            roi_store.save_preset(db, RoiPreset("healthcare", "Intake v2", MODEL, owner="Lena"))
            roi_store.save_preset(db, RoiPreset("Manufacturing", "AP", MODEL))
        presets = roi_store.list_presets(db)
        assert [(p.industry, p.name) for p in presets] == [
            ("Healthcare", "Intake v2"),
            ("Manufacturing", "AP"),
        ]
        assert roi_store.get_preset(db, " HEALTHCARE ").model == MODEL
        assert roi_store.get_preset(db, "Retail") is None
