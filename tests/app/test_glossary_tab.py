"""Library ▸ Glossary: add, edit and remove terms, with undo and redo, against the database."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QAbstractItemModelTester

from enabler.app.pages.library.glossary import GlossaryTab
from enabler.services.library import glossary, governance
from enabler.store.connection.db import open_db
from tests.app.conftest import wait_ops


def definitions(tab) -> dict[str, str]:
    return {t.label: t.definition for t in glossary.list_terms(open_db(tab.db_path))}


def fill(tab, label: str, definition: str) -> None:
    tab.label.setText(label)
    tab.definition.setPlainText(definition)


def run(qtbot, tab, action) -> None:
    action()
    wait_ops(qtbot, tab)


# fixtures -------------------------------------------------------------------------------


@pytest.fixture
def tab(qtbot, app_db_path):
    tab = GlossaryTab(app_db_path, QUndoStack())
    qtbot.addWidget(tab)
    QAbstractItemModelTester(tab.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    run(qtbot, tab, tab.refresh)
    return tab


class DescribeGlossaryTab:
    def it_lists_the_terms_with_their_template_names(self, tab):
        assert tab.model.rowCount() == len(definitions(tab)) > 0
        labels = [tab.model.index(r, 0).data() for r in range(tab.model.rowCount())]
        assert "Qualified lead" in labels
        row = labels.index("Qualified lead")
        assert tab.model.index(row, 1).data() == "{{ glossary.qualified_lead }}"
        assert tab.empty.isHidden()

    def it_adds_a_term_and_undoes_and_redoes_it(self, qtbot, tab):
        fill(tab, "Technical evaluator", "The person inside the account who tests the product.")
        assert "{{ glossary.technical_evaluator }}" in tab.hint.text()
        run(qtbot, tab, tab.save)
        assert definitions(tab)["Technical evaluator"].startswith("The person inside")
        assert tab.undo_stack.undoText() == "Add glossary term “Technical evaluator”"

        run(qtbot, tab, tab.undo_stack.undo)
        assert "Technical evaluator" not in definitions(tab)
        assert "Technical evaluator" not in [t.label for t in tab.model.terms]
        run(qtbot, tab, tab.undo_stack.redo)
        assert "Technical evaluator" in definitions(tab)

    def it_edits_a_term_and_undoes_and_redoes_it(self, qtbot, tab):
        before = definitions(tab)["Lead"]
        assert tab.select_term("Lead") and tab.save_button.text() == "Save"
        tab.definition.setPlainText("Anyone who replied.")
        run(qtbot, tab, tab.save)
        assert definitions(tab)["Lead"] == "Anyone who replied."

        run(qtbot, tab, tab.undo_stack.undo)
        assert definitions(tab)["Lead"] == before
        assert tab.definition.toPlainText() == before  # the form shows what is stored
        run(qtbot, tab, tab.undo_stack.redo)
        assert definitions(tab)["Lead"] == "Anyone who replied."

    def it_removes_a_term_and_brings_it_back(self, qtbot, tab):
        before = definitions(tab)["Pipeline"]
        tab.select_term("Pipeline")
        run(qtbot, tab, tab.remove)
        assert "Pipeline" not in definitions(tab)
        assert tab.editing is None and tab.label.text() == ""
        run(qtbot, tab, tab.undo_stack.undo)
        assert definitions(tab)["Pipeline"] == before
        run(qtbot, tab, tab.undo_stack.redo)
        assert "Pipeline" not in definitions(tab)

    def it_shows_the_services_sentence_inline_and_keeps_the_typing(self, qtbot, tab):
        count = len(definitions(tab))
        fill(tab, "Buying group", "   ")
        run(qtbot, tab, tab.save)
        assert "Write a definition for 'Buying group'" in tab.problem.text()
        assert len(definitions(tab)) == count and tab.undo_stack.count() == 0
        assert tab.label.text() == "Buying group"

        fill(tab, "123", "Numbers")
        assert "does not make a usable template name" in tab.hint.text()

    def it_does_not_overwrite_a_change_made_elsewhere(self, qtbot, tab):
        tab.select_term("Lead")
        db = open_db(tab.db_path)
        glossary.set_term(db, governance.require_profile(db), "Lead", "Changed by Owen.")
        tab.definition.setPlainText("Mine")
        run(qtbot, tab, tab.save)
        assert "changed or removed by someone else" in tab.problem.text()
        assert definitions(tab)["Lead"] == "Changed by Owen."
        assert tab.definition.toPlainText() == "Changed by Owen."  # reloaded to change again
        assert tab.undo_stack.count() == 0

    def it_does_not_undo_over_a_change_made_elsewhere(self, qtbot, tab):
        tab.select_term("Win rate")
        tab.definition.setPlainText("Deals won over deals closed.")
        run(qtbot, tab, tab.save)
        db = open_db(tab.db_path)
        glossary.set_term(db, governance.require_profile(db), "Win rate", "Owen's wording.")
        run(qtbot, tab, tab.undo_stack.undo)
        assert "changed or removed by someone else" in tab.problem.text()
        assert definitions(tab)["Win rate"] == "Owen's wording."
