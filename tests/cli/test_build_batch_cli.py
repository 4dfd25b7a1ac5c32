"""`enabler build --all / --prospect … --out-dir`: a deck per prospect, run as a user would."""

from __future__ import annotations

import json

import pytest
from pptx import Presentation

from tests.conftest import run_cli
from tests.helpers import all_text


class DescribeBuildBatchCli:
    def it_builds_every_prospect_of_an_industry_with_a_line_each(self, demo_env, tmp_path):
        out = tmp_path / "decks"
        out.mkdir()
        done = run_cli(
            "build",
            "--all",
            "--industry",
            "Healthcare",
            "--top",
            "5",
            "--out-dir",
            out,
            env=demo_env,
        )
        assert done.returncode == 0, done.stderr
        lines = done.stdout.splitlines()
        assert len(lines) == 2 and all(line.startswith("Built ") for line in lines)
        assert sorted(p.name for p in out.iterdir()) == [
            "Meridian-Care-Partners.pptx",
            "Northwind-Health.pptx",
        ]
        assert "Meridian Care Partners" in all_text(out / "Meridian-Care-Partners.pptx")
        assert "[2/2]" in done.stderr and "Built 2 of 2 decks" in done.stderr

    def it_reports_a_failing_prospect_and_exits_1_after_the_others(self, demo_env, tmp_path):
        (tmp_path / "Harborview-Bank.pptx").mkdir()  # that deck cannot be written
        done = run_cli(
            "build",
            "--prospect",
            "Harborview Bank",
            "--prospect",
            "Summit Credit Union",
            "--top",
            "4",
            "--out-dir",
            tmp_path,
            "--json",
            env=demo_env,
        )
        assert done.returncode == 1
        results = {r["company"]: r for r in json.loads(done.stdout)}
        assert results["Harborview Bank"]["path"] is None
        assert "folder" in results["Harborview Bank"]["error"]
        summit = results["Summit Credit Union"]
        assert summit["error"] is None
        assert len(Presentation(summit["path"]).slides) == summit["slides"]
        assert "1 failed: Harborview Bank." in done.stderr
        assert "Traceback" not in done.stderr and "Internal error" not in done.stderr

    def it_asks_for_a_folder_for_several_decks(self, demo_env, tmp_path):
        done = run_cli("build", "--all", env=demo_env)
        assert done.returncode == 2 and "--out-dir" in done.stderr
        done = run_cli(
            "build", "--all", "--out", tmp_path / "x.pptx", "--out-dir", tmp_path, env=demo_env
        )
        assert done.returncode == 2 and "--out names one deck" in done.stderr
        done = run_cli("build", "--out", tmp_path / "x.pptx", env=demo_env)
        assert done.returncode == 2 and "--prospect" in done.stderr
        assert not list(tmp_path.glob("*.pptx"))

    @pytest.mark.libreoffice
    def it_writes_a_pdf_per_deck_with_a_warm_office_per_worker(self, demo_env, tmp_path, soffice):
        from pypdf import PdfReader

        done = run_cli(
            "build",
            "--prospect",
            "Northwind Health",
            "--prospect",
            "Alder Precision",
            "--top",
            "3",
            "--out-dir",
            tmp_path,
            "--pdf",
            "--jobs",
            "2",
            env=demo_env,
        )
        assert done.returncode == 0, done.stderr
        for stem, company in (
            ("Northwind-Health", "Northwind Health"),
            ("Alder-Precision", "Alder Precision"),
        ):
            slides = len(Presentation(str(tmp_path / f"{stem}.pptx")).slides)
            reader = PdfReader(str(tmp_path / f"{stem}.pdf"))
            assert len(reader.pages) == slides
            assert company in reader.pages[0].extract_text()


def test_a_result_line_counts_in_words():
    from pathlib import Path

    from enabler.cli.build_batch import result_line
    from enabler.services.deck.batch import DeckOutcome

    deck = Path("Acme.pptx")
    one = DeckOutcome("Acme", deck, path=deck, slides=6, warnings=1)
    assert result_line(one).endswith("6 slides (0 preflight errors, 1 warning)")
    two = DeckOutcome("Acme", deck, path=deck, slides=6, errors=1, warnings=2)
    assert "(1 preflight error, 2 warnings)" in result_line(two)
