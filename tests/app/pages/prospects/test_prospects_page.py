"""The Prospects page: the CRM import wizard and segment research (pytest-qt, offscreen)."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from enabler.app.pages.crm.steps import NOTHING_TO_CHANGE
from enabler.app.pages.prospects.page import ProspectsPage
from enabler.domain.modules import Stage
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import open_db
from tests.app.conftest import wait_ops

FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal

HEADER = [
    "Opportunity Owner", "Account Name", "Opportunity Name", "Stage", "Amount", "Close Date",
    "Account ID", "Industry", "Employees", "Website",
]  # fmt: skip
ROWS = [
    # line 2: the demo's Northwind Health, matched by its website
    ["Dana Whitfield", "Northwind Health", "Northwind - Intake", "Negotiation/Review",
     "$480,000.00", "12/18/2026", "0015g00000NWHaAAC", "Healthcare", "4,200",
     "https://www.northwindhealth.example/"],
    # line 3: a new account
    ["Priya Raman", "Cascade Outfitters", "Cascade - AP automation", "Qualification",
     "$95,000.00", "02/27/2027", "0015g00000CSCbBBD", "Retail", "850", "cascadeoutfitters.example"],
    # line 4: an employee count that is not a number
    ["Marcus Oyelaran", "Pelican Freight", "Pelican - Claims", "Needs Analysis", "$60,000.00",
     "01/15/2027", "0015g00000PLCcCCE", "Transportation", "n/a", "pelicanfreight.example"],
    # line 5: no account name
    ["Dana Whitfield", "", "Orphan opportunity", "Prospecting", "$10,000.00", "04/30/2027",
     "", "", "", ""],
    # line 6: a stage the stage table does not know
    ["Priya Raman", "Bluefin Logistics", "Bluefin - Customs", "Legal Review", "$75,000.00",
     "03/31/2027", "0015g00000BLFeEEG", "Logistics", "2,300", "bluefinlogistics.example"],
]  # fmt: skip


@pytest.fixture
def page(qtbot, app_db_path):
    widget = ProspectsPage(app_db_path)
    qtbot.addWidget(widget)
    widget.refresh()
    wait_ops(qtbot, widget)
    return widget


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "opportunities.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(ROWS)
    return path


def snapshot(path):
    """Everything an import may write, to show that a step wrote nothing."""
    db = open_db(path)
    return (
        db.execute("SELECT * FROM prospects ORDER BY id").fetchall(),
        db.execute("SELECT count(*) FROM audit_log").fetchone()[0],
        db.execute("SELECT count(*) FROM crm_stage_map").fetchone()[0],
    )


def column(model, header: str) -> list[str]:
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    c = headers.index(header)
    return [model.index(r, c).data() for r in range(model.rowCount())]


def outcomes(page_) -> dict[int, str]:
    model = page_.model
    return dict(zip(map(int, column(model, "Line")), column(model, "Outcome"), strict=True))


def open_file(qtbot, page_, path):
    wizard = page_.open_import_wizard()
    wizard.file_page.path_edit.setText(str(path))
    wizard.file_page.load(str(path))
    wait_ops(qtbot, wizard)
    return wizard


def step(qtbot, wizard):
    wizard.next()
    wait_ops(qtbot, wizard)


class DescribeCrmImportWizard:
    def it_previews_dry_runs_imports_and_then_finds_nothing_to_change(
        self, qtbot, page, export, app_db_path
    ):
        wizard = open_file(qtbot, page, export)
        for model in (
            wizard.mapping_page.model,
            wizard.stage_page.model,
            wizard.check_page.model,
            wizard.result_page.model,
        ):
            QAbstractItemModelTester(model, FATAL)
        assert "Salesforce export: 5 data rows" in wizard.file_page.message.text()
        assert wizard.file_page.isComplete()

        step(qtbot, wizard)  # columns and preview
        mapping = wizard.mapping_page
        assert mapping.boxes["company"].currentText() == "Account Name"
        assert column(mapping.model, "Company") == [
            "Northwind Health", "Cascade Outfitters", "Pelican Freight", "", "Bluefin Logistics",
        ]  # fmt: skip
        notes = column(mapping.model, "Notes")
        assert notes[2] == "Skipped: Employees 'n/a' is not a number"
        assert notes[3].startswith("Skipped: has no company name")
        assert column(mapping.model, "Deal amount")[1] == "95,000"
        assert "Showing 5 of 5 rows; 2 would be skipped" in mapping.counts.text()
        mapping.choose("owner_rep", "Opportunity Name")  # the preview follows the combo box
        qtbot.waitUntil(lambda: mapping.isComplete(), timeout=30000)
        wait_ops(qtbot, wizard)
        assert column(mapping.model, "Owner (rep)")[1] == "Cascade - AP automation"
        mapping.choose("owner_rep", "Opportunity Owner")
        qtbot.waitUntil(lambda: mapping.isComplete(), timeout=30000)
        wait_ops(qtbot, wizard)
        assert column(mapping.model, "Owner (rep)")[1] == "Priya Raman"

        step(qtbot, wizard)  # stages
        stages = wizard.stage_page
        assert (
            column(stages.model, "Our stage")[
                column(stages.model, "CRM stage").index("Legal Review")
            ]
            == "not mapped: stage left as it is"
        )
        assert "Not in the stage table: Legal Review" in stages.message.text()
        stages.choose("Legal Review", "consideration")
        qtbot.waitUntil(lambda: stages.isComplete(), timeout=30000)
        wait_ops(qtbot, wizard)
        assert "Consideration" in column(stages.model, "Our stage")
        stages.remember.setChecked(True)

        before = snapshot(app_db_path)
        step(qtbot, wizard)  # dry run
        check = wizard.check_page
        assert snapshot(app_db_path) == before  # the dry run wrote nothing
        assert outcomes(check) == {
            2: "would update", 3: "would create", 4: "skipped", 5: "skipped", 6: "would create",
        }  # fmt: skip
        assert "2 to create, 1 to update, 2 skipped" in check.counts.text()
        assert "nothing has been written" in check.message.text()

        step(qtbot, wizard)  # import
        result = wizard.result_page
        assert outcomes(result) == {
            2: "updated", 3: "created", 4: "skipped", 5: "skipped", 6: "created",
        }  # fmt: skip
        assert "in one transaction" in result.message.text()
        db = open_db(app_db_path)
        cascade = prospect_store.find(db, "Cascade Outfitters")
        assert cascade.crm_id == "salesforce:0015g00000CSCbBBD" and cascade.employees == 850
        assert prospect_store.find(db, "Bluefin Logistics").stage is Stage.CONSIDERATION
        assert prospect_store.find(db, "Northwind Health").deal_amount == 480_000
        assert not prospect_store.exists(db, "Pelican Freight")
        assert db.execute("SELECT label FROM crm_stage_map").fetchall() == [("Legal Review",)]
        wait_ops(qtbot, page)  # the list refreshes
        assert "Cascade Outfitters" in [p.company for p in page.model.items()]

        imported = snapshot(app_db_path)
        wizard.accept()  # Finish
        again = open_file(qtbot, page, export)
        assert again is not wizard
        for _ in range(4):
            step(qtbot, again)
        assert set(outcomes(again.result_page).values()) == {"unchanged", "skipped"}
        assert again.result_page.message.text() == NOTHING_TO_CHANGE
        assert snapshot(app_db_path) == imported

    @pytest.mark.parametrize(
        ("data", "expected"),
        [
            (b"\x00\x01\x02\x03binary\x00junk" * 20, "is a binary file, not CSV text"),
            (b"", "is empty: export the report again"),
            (b"\x89PNG\r\n\x1a\n" + bytes(64), "is a PNG image, not a CSV file"),
        ],
    )
    def it_says_what_is_wrong_with_a_bad_file_and_writes_nothing(
        self, qtbot, page, tmp_path, app_db_path, data, expected
    ):
        path = tmp_path / "export.csv"
        path.write_bytes(data)
        before = snapshot(app_db_path)
        wizard = open_file(qtbot, page, path)
        assert expected in wizard.file_page.message.text()
        assert "Nothing was imported" in wizard.file_page.message.text()
        assert not wizard.file_page.isComplete()
        assert snapshot(app_db_path) == before

    def it_asks_for_the_company_column_when_the_file_has_none(
        self, qtbot, page, tmp_path, app_db_path
    ):
        path = tmp_path / "no-company.csv"
        path.write_text("Opportunity Name,Stage,Amount\nDeal A,Prospecting,100\n")
        before = snapshot(app_db_path)
        assert page.import_action.shortcut().toString() == "Ctrl+Shift+I"
        page.import_action.trigger()
        wizard = page.wizard
        assert wizard.isVisible() and wizard.currentPage() is wizard.file_page
        wizard.file_page.path_edit.setText(str(path))
        wizard.file_page.load(str(path))
        wait_ops(qtbot, wizard)
        step(qtbot, wizard)
        mapping = wizard.mapping_page
        assert "has no company column (expected 'Account Name'" in mapping.problem.text()
        assert not mapping.isComplete() and mapping.model.rowCount() == 0
        mapping.choose("company", "Opportunity Name")
        qtbot.waitUntil(lambda: mapping.isComplete(), timeout=30000)
        assert column(mapping.model, "Company") == ["Deal A"]
        assert mapping.problem.text() == ""
        assert snapshot(app_db_path) == before


class DescribeProspectList:
    def it_says_how_to_get_prospects_into_an_empty_library(self, qtbot, tmp_path):
        empty = ProspectsPage(tmp_path / "empty.db")
        qtbot.addWidget(empty)
        empty.refresh()
        wait_ops(qtbot, empty)
        assert empty.model.rowCount() == 0
        assert "Import them from your CRM" in empty.detail.text()
        assert "Ctrl+Shift+I" in empty.import_button.text()


class DescribeSegmentResearch:
    def it_promotes_research_to_the_prospect_undoes_and_adds_a_note(self, qtbot, page, app_db_path):
        panel = page.segments
        QAbstractItemModelTester(panel.model, FATAL)
        assert page.select_prospect("Northwind Health")
        wait_ops(qtbot, panel)
        wait_ops(qtbot, page)
        texts = [panel.model.data(panel.model.index(r, 0)) for r in range(panel.model.rowCount())]
        row = next(n for n, t in enumerate(texts) if "reimbursement delays" in t)
        assert texts[row].startswith("[Healthcare · CFO] pain:")
        assert not panel.promote_button.isEnabled()  # nothing selected yet
        panel.view.setCurrentIndex(panel.model.index(row, 0))
        assert panel.promote_button.isEnabled()

        db = open_db(app_db_path)
        northwind = prospect_store.find(db, "Northwind Health").id
        query = "SELECT id, source FROM insights WHERE prospect_id = ? AND text LIKE ?"
        args = [northwind, "%reimbursement delays%"]
        assert db.execute(query, args).fetchall() == []
        with qtbot.waitSignal(panel.status, timeout=30000) as said:
            panel.promote()
        assert "is now one of Northwind Health's insights" in said.args[0]
        wait_ops(qtbot, panel)
        wait_ops(qtbot, page)
        [(_iid, source)] = db.execute(query, args).fetchall()
        assert source.startswith("segment research #")
        assert "reimbursement delays" in page.detail.text()  # the profile reloaded
        assert "✓ on this prospect" in panel.model.data(panel.model.index(row, 0))

        panel.undo_stack.undo()
        wait_ops(qtbot, panel)
        assert db.execute(query, args).fetchall() == []
        assert "✓" not in panel.model.data(panel.model.index(row, 0))

        dialog = panel.open_note_dialog()
        assert dialog.industry.text() == "Healthcare" and not dialog.ok.isEnabled()
        dialog.text.setPlainText("Provider groups budget intake automation in Q1.")
        dialog.kind.setCurrentIndex(dialog.kind.findText("budget"))
        dialog.accept()
        wait_ops(qtbot, panel)
        stored = db.execute(
            "SELECT industry, persona, kind, review_state FROM insights "
            "WHERE prospect_id IS NULL AND text LIKE 'Provider groups budget%'"
        ).fetchall()
        assert stored == [("Healthcare", "", "budget", "approved")]
        shown = [panel.model.data(panel.model.index(r, 0)) for r in range(panel.model.rowCount())]
        assert "[Healthcare] budget: Provider groups budget intake automation in Q1." in shown

    def it_undoes_a_promotion_pressed_before_it_finished(self, qtbot, page, app_db_path):
        panel = page.segments
        assert page.select_prospect("Northwind Health")
        wait_ops(qtbot, panel)
        panel.view.setCurrentIndex(panel.model.index(0, 0))
        panel.promote()
        panel.undo_stack.undo()  # the add is still running: undo waits for it, then removes it
        wait_ops(qtbot, panel)
        db = open_db(app_db_path)
        promoted = "SELECT count(*) FROM insights WHERE prospect_id IS NOT NULL AND promoted_from"
        assert db.execute(promoted).fetchone()[0] == 0
        assert "✓" not in panel.model.data(panel.model.index(0, 0))

    def it_says_when_no_research_matches(self, qtbot, page, app_db_path):
        db = open_db(app_db_path)
        prospect_store.create(
            db, prospect_store.Prospect(id=0, company="Lone Co", industry="Mining")
        )
        page.refresh()
        wait_ops(qtbot, page)
        assert page.select_prospect("Lone Co")
        wait_ops(qtbot, page.segments)
        assert page.segments.model.rowCount() == 0
        assert "No segment research matches Lone Co (Mining) yet" in page.segments.empty.text()
        assert page.segments.add_button.isEnabled()


def undo(qtbot, page):
    """Ctrl+Z on the page, and wait for the page to show the result."""
    page.segments.undo_stack.undo()
    wait_ops(qtbot, page.segments)
    wait_ops(qtbot, page)


class DescribeAddingFromThePage:
    def it_adds_a_dated_insight_shows_it_and_undoes_it(self, qtbot, page, app_db_path):
        assert not page.insight_button.isEnabled()  # no prospect selected yet
        assert page.select_prospect("Northwind Health")
        wait_ops(qtbot, page)
        assert page.insight_button.isEnabled()
        dialog = page.open_insight_dialog()
        assert "Northwind Health" in dialog.windowTitle() and not dialog.ok.isEnabled()
        dialog.text.setPlainText("Board wants the  intake backlog gone by March.")
        dialog.kind.setCurrentIndex(dialog.kind.findData("timing"))
        dialog.source.setText("Call with Rachel Okafor")
        with qtbot.waitSignal(page.segments.status, timeout=30000) as said:
            dialog.accept()
        assert said.args[0] == "Insight added to Northwind Health."
        db = open_db(app_db_path)
        query = "SELECT kind, text, source, date FROM insights WHERE text LIKE 'Board wants%'"
        [(kind, text, source, date)] = db.execute(query).fetchall()
        assert (kind, text, source) == (
            "timing",
            "Board wants the intake backlog gone by March.",
            "Call with Rachel Okafor",
        )
        assert date == dialog.date.date().toString("yyyy-MM-dd")
        wait_ops(qtbot, page)
        assert "Board wants the intake backlog gone by March." in page.detail.text()
        undo(qtbot, page)
        assert db.execute(query).fetchall() == []
        assert "Board wants" not in page.detail.text()

    def it_refuses_an_insight_dated_in_an_unreadable_way_and_adds_nothing(
        self, qtbot, page, app_db_path
    ):
        assert page.select_prospect("Northwind Health")
        wait_ops(qtbot, page)
        before = open_db(app_db_path)["insights"].count
        with qtbot.waitSignal(page.error, timeout=30000) as said:
            page.add_insight(page.current, {"kind": "pain", "text": "x", "date": "soon"})
        assert "date" in said.args[0].lower()
        wait_ops(qtbot, page.segments)
        assert open_db(app_db_path)["insights"].count == before
        page.segments.undo_stack.undo()  # the failed add is obsolete: undo drops it, no more
        wait_ops(qtbot, page.segments)
        assert open_db(app_db_path)["insights"].count == before
        assert not page.segments.undo_stack.canUndo()

    def it_adds_a_prospect_and_selects_it(self, qtbot, page, app_db_path):
        dialog = page.open_prospect_dialog()
        assert not dialog.ok.isEnabled()
        dialog.company.setText("Cascade Outfitters")
        dialog.industry.setText("Retail")
        dialog.stage.setCurrentIndex(dialog.stage.findData("consideration"))
        dialog.pains.setPlainText("returns keyed by hand\n\nslow supplier invoices")
        with qtbot.waitSignal(page.status, timeout=30000) as said:
            dialog.accept()
        assert said.args[0].startswith("Added Cascade Outfitters")
        wait_ops(qtbot, page)
        added = prospect_store.find(open_db(app_db_path), "Cascade Outfitters")
        assert (added.industry, added.stage) == ("Retail", Stage.CONSIDERATION)
        assert added.pains == ("returns keyed by hand", "slow supplier invoices")
        assert page.current is not None and page.current.company == "Cascade Outfitters"
        assert "slow supplier invoices" in page.detail.text()

    def it_says_so_when_the_company_is_already_there(self, qtbot, page, app_db_path):
        before = open_db(app_db_path)["prospects"].count
        with qtbot.waitSignal(page.error, timeout=30000) as said:
            page.add_prospect({"company": "Northwind Health", "stage": "decision"})
        assert "Northwind Health" in said.args[0]
        assert open_db(app_db_path)["prospects"].count == before

    def it_adds_someone_to_the_committee_and_undoes_it(self, qtbot, page, app_db_path):
        assert not page.contact_button.isEnabled()
        assert page.select_prospect("Northwind Health")
        wait_ops(qtbot, page)
        dialog = page.open_contact_dialog()
        assert "Northwind Health" in dialog.windowTitle() and not dialog.ok.isEnabled()
        assert dialog.persona.findText("CFO") >= 0
        dialog.name.setText("Priya  Raman")
        dialog.title.setText("Head of Claims")
        dialog.role.setText("Champion")
        dialog.persona.setCurrentText("VP Operations")
        dialog.influence.setCurrentText("high")
        with qtbot.waitSignal(page.status, timeout=30000) as said:
            dialog.accept()
        assert said.args[0] == "Priya Raman added to Northwind Health's committee."
        db = open_db(app_db_path)
        query = "SELECT title, role, persona FROM contacts WHERE name = 'Priya Raman'"
        assert db.execute(query).fetchall() == [("Head of Claims", "Champion", "VP Operations")]
        wait_ops(qtbot, page)
        assert "Priya Raman" in committee(page)
        undo(qtbot, page)
        assert db.execute(query).fetchall() == []
        assert "Priya Raman" not in committee(page)
        redo(qtbot, page)
        assert db.execute(query).fetchall() == [("Head of Claims", "Champion", "VP Operations")]
        assert "Priya Raman" in committee(page)

    def it_adds_nothing_to_undo_when_the_add_is_refused(self, qtbot, page, app_db_path):
        assert page.select_prospect("Northwind Health")
        wait_ops(qtbot, page)
        before = open_db(app_db_path)["contacts"].count
        with qtbot.waitSignal(page.error, timeout=30000) as said:
            page.add_contact(page.current, {"name": "X", "influence": "huge"})
        assert "high, medium or low" in said.args[0]
        wait_ops(qtbot, page)
        assert open_db(app_db_path)["contacts"].count == before
        assert not page.segments.undo_stack.canUndo()


def committee(page_) -> list[str]:
    """The names in the committee table, as shown (the primary contact is marked)."""
    model = page_.committee_model
    return [model.index(r, 0).data().removesuffix(" (primary)") for r in range(model.rowCount())]


def redo(qtbot, page_):
    page_.segments.undo_stack.redo()
    wait_ops(qtbot, page_)


def choose(qtbot, page_, name: str) -> None:
    """Click the row of `name` in the committee table."""
    for row, contact in enumerate(page_.committee_model.contacts()):
        if contact.name == name:
            page_.committee.selectRow(row)
            assert page_.chosen_contact() == contact
            return
    raise AssertionError(f"{name} is not on the committee: {committee(page_)}")


def contact_row(path, name: str):
    query = "SELECT id, title, stance, email FROM contacts WHERE name = ?"
    return open_db(path).execute(query, [name]).fetchall()


class DescribeTheCommittee:
    @pytest.fixture
    def northwind(self, qtbot, page):
        assert page.select_prospect("Northwind Health")
        wait_ops(qtbot, page)
        qtbot.waitUntil(lambda: page.committee_model.rowCount() > 0, timeout=30000)
        return page

    def it_passes_the_qt_model_tester(self, northwind):
        QAbstractItemModelTester(northwind.committee_model, FATAL)
        model = northwind.committee_model
        headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
        assert headers == ["Name", "Title", "Role", "Persona", "Influence", "Stance"]
        shown = [model.index(r, 0).data() for r in range(model.rowCount())]
        assert shown[0] == "Rachel Okafor (primary)" and "Daniel Mercer" in shown

    def it_edits_a_member_and_undoes_and_redoes_it(self, qtbot, northwind, app_db_path):
        page = northwind
        assert not page.edit_contact_button.isEnabled()  # nobody chosen yet
        choose(qtbot, page, "Rachel Okafor")
        assert page.edit_contact_button.isEnabled() and page.remove_contact_button.isEnabled()
        [(cid, title, stance, email)] = contact_row(app_db_path, "Rachel Okafor")
        dialog = page.open_edit_contact_dialog()
        assert "Rachel Okafor" in dialog.windowTitle() and dialog.ok.isEnabled()
        assert (dialog.name.text(), dialog.title.text()) == ("Rachel Okafor", title)
        dialog.stance.setCurrentText("sceptic")
        dialog.email.setText("r.okafor@northwindhealth.example")
        with qtbot.waitSignal(page.status, timeout=30000) as said:
            dialog.accept()
        assert said.args[0] == "Saved Rachel Okafor."
        wait_ops(qtbot, page)
        after = (cid, title, "sceptic", "r.okafor@northwindhealth.example")
        assert contact_row(app_db_path, "Rachel Okafor") == [after]
        row = [c.name for c in page.committee_model.contacts()].index("Rachel Okafor")
        assert page.committee_model.index(row, 5).data() == "sceptic"
        assert page.chosen_contact().name == "Rachel Okafor"  # still chosen after the reload
        undo(qtbot, page)
        assert contact_row(app_db_path, "Rachel Okafor") == [(cid, title, stance, email)]
        redo(qtbot, page)
        assert contact_row(app_db_path, "Rachel Okafor") == [after]

    def it_says_so_when_nothing_changed(self, qtbot, northwind):
        choose(qtbot, northwind, "Rachel Okafor")
        dialog = northwind.open_edit_contact_dialog()
        dialog.title.setText(dialog.title.text() + "  ")  # spacing alone is no change
        with qtbot.waitSignal(northwind.status, timeout=30000) as said:
            dialog.accept()
        assert said.args[0] == "Nothing changed for Rachel Okafor."
        assert not northwind.segments.undo_stack.canUndo()

    def it_removes_a_member_and_brings_them_back_with_an_earlier_edit(
        self, qtbot, northwind, app_db_path
    ):
        page = northwind
        choose(qtbot, page, "Rachel Okafor")
        [(cid, title, stance, email)] = contact_row(app_db_path, "Rachel Okafor")
        page.edit_contact(page.chosen_contact(), {"title": "Chief Nursing Officer"})
        wait_ops(qtbot, page)
        choose(qtbot, page, "Rachel Okafor")
        with qtbot.waitSignal(page.status, timeout=30000) as said:
            page.remove_chosen_contact()
        assert said.args[0].startswith("Removed Rachel Okafor from Northwind Health's committee")
        wait_ops(qtbot, page)
        assert contact_row(app_db_path, "Rachel Okafor") == []
        assert "Rachel Okafor" not in committee(page)
        assert not page.edit_contact_button.isEnabled()
        undo(qtbot, page)  # the removal: back, with the same id
        assert contact_row(app_db_path, "Rachel Okafor") == [
            (cid, "Chief Nursing Officer", stance, email)
        ]
        undo(qtbot, page)  # the edit before it still undoes
        assert contact_row(app_db_path, "Rachel Okafor") == [(cid, title, stance, email)]
        assert "Rachel Okafor" in committee(page)

    def it_asks_for_a_choice_before_editing_or_removing(self, qtbot, northwind):
        with qtbot.waitSignal(northwind.error, timeout=30000) as said:
            northwind.remove_chosen_contact()
        assert "Choose someone" in said.args[0]
        assert northwind.open_edit_contact_dialog() is None

    def it_explains_an_empty_committee(self, qtbot, page, app_db_path):
        db = open_db(app_db_path)
        prospect_store.create(db, prospect_store.Prospect(id=0, company="Lone Co"))
        page.refresh()
        wait_ops(qtbot, page)
        assert page.select_prospect("Lone Co")
        wait_ops(qtbot, page)
        assert page.committee_model.rowCount() == 0
        assert not page.committee_empty.isHidden()
        assert "Add to committee" in page.committee_empty.text()


class DescribeEditingAProspect:
    def it_renames_and_edits_then_undoes_it(self, qtbot, page, app_db_path):
        assert not page.edit_button.isEnabled()
        assert page.select_prospect("Northwind Health")
        wait_ops(qtbot, page)
        before = prospect_store.find(open_db(app_db_path), "Northwind Health")
        dialog = page.open_edit_prospect_dialog()
        assert dialog.windowTitle() == "Edit Northwind Health" and dialog.ok.isEnabled()
        assert dialog.company.text() == "Northwind Health"
        assert dialog.pains.toPlainText().splitlines() == list(before.pains)
        dialog.company.setText("Northwind Health Group")
        dialog.competitors.setText("Epic,  Cerner")
        with qtbot.waitSignal(page.status, timeout=30000) as said:
            dialog.accept()
        assert said.args[0] == "Saved Northwind Health Group."
        wait_ops(qtbot, page)
        after = prospect_store.find(open_db(app_db_path), "Northwind Health Group")
        assert after.id == before.id and after.competitors == ("Epic", "Cerner")
        assert (after.pains, after.stage) == (before.pains, before.stage)  # untouched
        assert page.current.company == "Northwind Health Group"  # still shown, renamed
        assert "Competing with:</b> Epic, Cerner" in page.detail.text()
        undo(qtbot, page)
        wait_ops(qtbot, page)
        again = prospect_store.find(open_db(app_db_path), "Northwind Health")
        assert (again.id, again.competitors) == (before.id, before.competitors)
        assert page.current.company == "Northwind Health"

    def it_refuses_a_name_another_prospect_has(self, qtbot, page, app_db_path):
        assert page.select_prospect("Northwind Health")
        wait_ops(qtbot, page)
        other = next(p.company for p in page.model.items() if p.company != "Northwind Health")
        with qtbot.waitSignal(page.error, timeout=30000) as said:
            page.edit_prospect(page.current, {"company": other})
        assert other in said.args[0]
        wait_ops(qtbot, page)
        assert prospect_store.find(open_db(app_db_path), "Northwind Health").company
        assert not page.segments.undo_stack.canUndo()
