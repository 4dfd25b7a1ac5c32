"""ROI use cases: set (all-or-nothing), presets, live preview, JSON, leave-behind, the deck."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from enabler.domain.modules import SmartContent, SmartLayout, Stage
from enabler.domain.roi.dcf import npv
from enabler.errors import Fix, Hint, InvalidInput, NotFound
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.deck.context import template_context
from enabler.services.roi import business_case as roi_service
from enabler.services.roi.figures import Formatter
from enabler.store import audit
from tests.conftest import add_module
from tests.helpers import all_text

MODEL = {
    "horizon_years": 3,
    "discount_rate": 10,
    "benefits": [{"name": "Claims keying", "amount": 400000, "ramp": [50, 100], "risk_pct": 10}],
    "costs": [
        {"name": "Setup", "kind": "one_off", "amount": 150000, "risk_pct": 20},
        {"name": "Licence", "amount": 120000},
    ],
    "current_state": [{"name": "Clerks", "amount": 600000}],
}


class DescribeSetModel:
    def it_saves_a_valid_model(self, small_library):
        roi_service.set_model(small_library, "acme clinics", MODEL, actor="dana")
        assert roi_service.get_model(small_library, "Acme Clinics").horizon_years == 3

    def it_saves_nothing_when_any_field_is_bad(self, small_library):
        roi_service.set_model(small_library, "Acme Clinics", MODEL)
        bad = {**MODEL, "horizon_years": 0, "discount_rate": "lots"}
        with pytest.raises(roi_service.InvalidRoiModel) as caught:
            roi_service.set_model(small_library, "Acme Clinics", bad)
        assert {e.path for e in caught.value.errors} == {"horizon_years", "discount_rate"}
        assert "ROI model not saved: " in str(caught.value)
        assert "\n" not in str(caught.value)
        assert roi_service.get_model(small_library, "Acme Clinics").horizon_years == 3
        assert len(audit.entries(small_library, "roi_model")) == 1

    def it_names_an_unknown_prospect(self, small_library):
        with pytest.raises(NotFound, match="Acme Clinics"):
            roi_service.set_model(small_library, "Acme Clinic", MODEL)

    def it_reads_json_files_and_says_what_is_wrong_with_them(self, tmp_path):
        good = tmp_path / "m.json"
        good.write_text(json.dumps({"cash_flows": [-1, 2]}), encoding="utf-8")
        assert roi_service.read_input(good) == {"cash_flows": [-1, 2]}
        broken = tmp_path / "b.json"
        broken.write_text("{nope", encoding="utf-8")
        with pytest.raises(InvalidInput, match="not valid JSON"):
            roi_service.read_input(broken)
        with pytest.raises(InvalidInput, match="Cannot read"):
            roi_service.read_input(tmp_path / "missing.json")


class DescribePresets:
    def it_starts_a_model_from_the_prospects_industry_preset(self, demo_db):
        model = roi_service.apply_preset(demo_db, "Northwind Health", actor="dana")
        preset = next(p for p in roi_service.list_presets(demo_db) if p.industry == "Healthcare")
        assert model.benefits == preset.model.benefits
        assert model.preset == preset.name

    def it_lists_the_presets_there_are_when_none_fits(self, demo_db):
        with pytest.raises(NotFound, match="Financial Services, Healthcare, Manufacturing"):
            roi_service.apply_preset(demo_db, "Northwind Health", industry="Retail")


class DescribePreview:
    def it_recomputes_form_input_without_the_library(self):
        result = roi_service.preview(MODEL)
        assert result.errors == ()
        assert result.case.result.adjusted.net == pytest.approx((-180000, 60000, 240000, 240000))

    def it_returns_field_errors_instead_of_raising(self):
        result = roi_service.preview({**MODEL, "discount_rate": "abc"})
        assert result.case is None
        assert [e.path for e in result.errors] == ["discount_rate"]


class DescribeCaseJson:
    def it_carries_everything_needed_to_recompute(self, small_library):
        roi_service.set_model(small_library, "Acme Clinics", MODEL)
        prospect, case = roi_service.case_for(small_library, "Acme Clinics")
        data = json.loads(json.dumps(roi_service.case_json(prospect, case)))
        assert data["inputs"]["benefits"][0]["name"] == "Claims keying"
        assert data["discount_rate"] == 10
        flows = data["cash_flows"]
        assert flows == pytest.approx([-180000, 60000, 240000, 240000])
        assert data["risk_adjusted"]["npv"] == pytest.approx(npv(0.10, flows))
        assert data["risk_adjusted"]["irr"]["status"] == "unique"
        assert data["unadjusted"]["npv"] > data["risk_adjusted"]["npv"]
        assert {"payback", "discounted_payback", "roi_pct", "mirr_pct"} <= data[
            "risk_adjusted"
        ].keys()
        assert set(data["scenarios"]) == {"conservative", "expected", "optimistic"}
        assert data["sensitivity"]["drivers"][0]["driver"] == "Claims keying"
        assert "Year 0 is today" in data["conventions"][0]
        assert "Excel NPV" in data["method"][0]  # the formula, for the finance team

    def it_feeds_back_in_as_finance_team_flows(self, small_library):
        roi_service.set_model(small_library, "Acme Clinics", MODEL)
        prospect, case = roi_service.case_for(small_library, "Acme Clinics")
        data = roi_service.case_json(prospect, case)
        again = roi_service.preview(
            {"discount_rate": data["discount_rate"], "cash_flows": data["cash_flows"]}
        )
        assert again.case.result.adjusted.npv == pytest.approx(data["risk_adjusted"]["npv"])
        assert again.case.result.adjusted.irr.rate * 100 == pytest.approx(
            data["risk_adjusted"]["irr"]["rate_pct"]
        )

    def it_says_how_to_start_when_there_is_no_model(self, small_library):
        with pytest.raises(NotFound, match="no ROI model yet") as err:
            roi_service.case_for(small_library, "Acme Clinics")
        assert err.value.hint == Hint(Fix.DO_FIRST, "set_roi", "Acme Clinics")


class DescribeDegenerateCases:
    @pytest.mark.parametrize(
        ("data", "payback"),
        [
            ({"cash_flows": [0, 0, 0]}, "not defined"),
            ({"cash_flows": [-5, -5, -5]}, "not within 2 years"),
            ({"costs": [{"name": "Licence", "amount": 100}]}, "not within 3 years"),
        ],
    )
    def it_answers_not_defined_all_the_way_to_the_slides(
        self, small_library, tmp_path, data, payback
    ):
        add_module(small_library, "roi-x", SmartContent(SmartLayout.ROI_SUMMARY, "Case"))
        roi_service.set_model(small_library, "Acme Clinics", data)
        prospect, case = roi_service.case_for(small_library, "Acme Clinics")
        as_json = json.loads(json.dumps(roi_service.case_json(prospect, case)))
        assert as_json["risk_adjusted"]["irr"]["rate_pct"] is None
        assert as_json["risk_adjusted"]["irr"]["note"].startswith("not defined")
        build_deck(
            small_library, plan_deck(small_library, "Acme Clinics", ["roi-x"]), tmp_path / "d.pptx"
        )
        text = all_text(tmp_path / "d.pptx")
        assert f"Payback\n{payback}\n{payback}" in text
        assert "Internal rate of return\nnot defined\nnot defined" in text


class DescribeLeaveBehind:
    def it_gives_headline_text_and_an_svg_chart(self, small_library):
        roi_service.set_model(small_library, "Acme Clinics", MODEL)
        data = roi_service.leave_behind_roi(small_library, "Acme Clinics")
        assert data["title"] == "Business case for Acme Clinics"
        npv_row = next(h for h in data["headline"] if h["label"] == "Net present value")
        assert npv_row["value"].startswith("$") and npv_row["unadjusted"].startswith("$")
        root = ET.fromstring(data["chart_svg"])
        assert root.tag.endswith("svg")
        assert data["flags"] == []
        assert any("Year 0 is today and is counted in full" in n for n in data["notes"])
        assert not any("Excel" in n for n in data["notes"])  # plain words for the buyer

    def it_is_none_without_a_model(self, small_library):
        assert roi_service.leave_behind_roi(small_library, "Acme Clinics") is None


class DescribeFormatter:
    def it_formats_money_percent_and_years_per_locale(self):
        us, de = Formatter("USD", "en_US"), Formatter("EUR", "de_DE")
        assert us.money(1234567.4) == "$1,234,567"
        assert us.money(-0.4) == "$0"
        assert de.money(1234567.4) == "1.234.567\xa0€"
        assert us.pct(12.345) == "12.3%"
        assert de.pct(12.345) == "12,3\xa0%"
        assert us.compact(2_400_000) == "$2.4M"

    def it_refuses_an_unknown_locale_or_currency(self):
        with pytest.raises(InvalidInput, match="locale"):
            Formatter("USD", "xx_NOPE")
        with pytest.raises(InvalidInput, match="currency"):
            Formatter("DOLLARS", "en_US")


class DescribeDeckFields:
    def it_gives_every_module_roi_fields(self, small_library, tmp_path):
        roi_service.set_model(small_library, "Acme Clinics", MODEL)
        add_module(
            small_library,
            "roi-words",
            SmartContent(
                SmartLayout.BULLETS,
                "Value",
                bullets=(
                    "NPV {{ roi.npv | money }} ({{ roi.npv_text }})",
                    "Payback {{ roi.payback_years }} years, IRR {{ roi.irr_pct }} %",
                    "Unadjusted NPV {{ roi.unadjusted.npv_text }}",
                ),
            ),
        )
        build_deck(
            small_library,
            plan_deck(small_library, "Acme Clinics", ["roi-words"]),
            tmp_path / "d.pptx",
        )
        text = all_text(tmp_path / "d.pptx")
        _, case = roi_service.case_for(small_library, "Acme Clinics")
        f = case.result.adjusted
        money = f"${round(f.npv):,}"
        assert f"NPV {money} ({money})" in text
        assert (
            f"Payback {round(f.payback.years, 1)} years, IRR {round(f.irr.rate * 100, 1)} %" in text
        )

    def it_adds_no_roi_fields_without_a_model(self, small_library):
        plan = plan_deck(small_library, "Acme Clinics", ["pillars"])
        assert "roi" not in template_context(small_library, plan)


class DescribePlanAdjuster:
    @pytest.fixture
    def with_roi_modules(self, small_library):
        for key, layout in (("roi-a", SmartLayout.ROI_SUMMARY), ("roi-b", SmartLayout.ROI_TORNADO)):
            add_module(small_library, key, SmartContent(layout, "ROI"), stages=(Stage.AWARENESS,))
        add_module(
            small_library,
            "roi-summary",
            SmartContent(SmartLayout.TABLE, "Template case", table=(("a", "b"),)),
            tags=("roi",),
        )
        return small_library

    def it_adds_the_roi_slides_when_the_prospect_has_a_model(self, with_roi_modules):
        roi_service.set_model(with_roi_modules, "Acme Clinics", MODEL)
        keys = [p.module.key for p in plan_deck(with_roi_modules, "Acme Clinics").modules]
        assert keys[-2:] == ["roi-a", "roi-b"]
        assert "roi-summary" not in keys  # the static template case gives way to the real one

    def it_drops_them_without_a_model(self, with_roi_modules, tmp_path):
        plan = plan_deck(with_roi_modules, "Acme Clinics")
        keys = [p.module.key for p in plan.modules]
        assert not {"roi-a", "roi-b"} & set(keys)
        build_deck(with_roi_modules, plan, tmp_path / "d.pptx")  # and the build succeeds


class DescribeDemo:
    def it_gives_every_demo_prospect_a_business_case(self, demo_db):
        from enabler.store import prospects as prospect_store

        for prospect in prospect_store.list_prospects(demo_db):
            _, case = roi_service.case_for(demo_db, prospect)
            assert case.result.flags == (), prospect.company
        assert {p.industry for p in roi_service.list_presets(demo_db)} == {
            "Healthcare",
            "Financial Services",
            "Manufacturing",
        }

    def it_builds_the_northwind_deck_with_the_roi_slides(self, demo_db, tmp_path):
        result = build_deck(demo_db, plan_deck(demo_db, "Northwind Health"), tmp_path / "n.pptx")
        assert {"roi-business-case", "roi-cash-flow", "roi-sensitivity"} <= set(result.modules)
        assert "roi-summary" not in result.modules
        assert "Business case for Northwind Health" in all_text(tmp_path / "n.pptx")
