"""The defects a new rep and a new marketer hit in a walkthrough, one test each (pytest-qt,
offscreen, the default 1100×700 window)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QSplitter

from enabler.app.library_models import HTML_ROLE
from enabler.app.pages.module_editor.dialogs import Unsaved
from enabler.app.window import MainWindow
from tests.app.conftest import wait_ops


class DescribeSplitterState:
    def it_is_saved_by_name_and_never_restored_onto_another_splitter(
        self, qtbot, app_window, settings_file
    ):
        app_window.show()
        library = app_window.pages["Library"]
        browse = library.tab["Modules"].splitter
        browse.setSizes([200, 300, 500])
        wanted = browse.saveState()
        # What the old numbering left behind: a vertical splitter's state under a position key.
        vertical = QSplitter(Qt.Orientation.Vertical)
        settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
        settings.setValue("layout/LibraryPage/splitter0", vertical.saveState())
        app_window.close()
        keys = [k for k in settings.allKeys() if k.startswith("layout/LibraryPage/")]
        assert "layout/LibraryPage/browse-split" in keys
        again = MainWindow(app_window.db_path, settings)
        qtbot.addWidget(again)
        again.show_page("Library")
        restored = again.pages["Library"].tab["Modules"].splitter
        assert restored.orientation() == Qt.Orientation.Horizontal
        assert restored.saveState() == wanted


class DescribeTheEditor:
    def it_clears_the_unknown_fields_warning_on_revert(self, qtbot, editor):
        opened(qtbot, editor, "value-pillars")
        editor.form.set_text("bullets", "{{ prospect.bogus }}")
        assert "Unknown fields" in editor.form.fields_label.text()
        editor.revert_button.click()
        assert "Unknown fields" not in editor.form.fields_label.text()
        assert "prospect.bogus" not in editor.form.fields_label.text()

    def it_lists_each_title_once_in_its_picker(self, qtbot, editor):
        labels = [editor.module_box.itemText(i) for i in range(editor.module_box.count())]
        twins = [label for label in labels if label.startswith("Business case for")]
        assert len(twins) == 2 and len(set(twins)) == 2
        assert len(labels) == len(set(labels))
        assert not any("[approved]" in label for label in labels)

    def it_opens_the_module_chosen_on_the_modules_tab(self, qtbot, app_window):
        library = app_window.pages["Library"]
        app_window.show_page("Library")
        modules = library.show_tab("Modules")
        wait_ops(qtbot, library)
        modules.show_module("why-us")
        editor = library.tab["Editor"]
        editor.ask_unsaved = lambda: Unsaved.DISCARD
        library.show_tab("Editor")
        qtbot.waitUntil(
            lambda: editor.opened is not None and editor.opened.status.key == "why-us",
            timeout=30000,
        )
        assert editor.module_box.currentData() == "why-us"


class DescribeButtonsThatCanOnlyFail:
    def it_disables_them_until_they_can_work(self, qtbot, app_window):
        prospects = app_window.pages["Prospects"]
        assert not prospects.edit_contact_button.isEnabled()
        assert not prospects.remove_contact_button.isEnabled()
        assert prospects.committee_empty.isHidden()  # no "No one on the committee" yet
        build = app_window.pages["Build"]
        build.refresh()
        wait_ops(qtbot, build)
        assert not build.build_button.isEnabled()
        assert build.select_prospect("Northwind Health")
        wait_ops(qtbot, build)
        assert build.build_button.isEnabled()


class DescribeOpenFolder:
    def it_says_where_the_deck_is_when_no_file_manager_opens(self, qtbot, app_window, tmp_path):
        build = app_window.pages["Build"]
        build.open_url = lambda url: False  # a machine with no file manager
        build.last_output = tmp_path / "deck.pptx"
        with qtbot.waitSignal(build.status) as said:
            build.open_folder()
        assert "No file manager" in said.args[0] and str(tmp_path) in said.args[0]
        assert str(tmp_path) in build.result.text()


class DescribeMessages:
    def it_names_roi_fields_as_the_form_does(self, qtbot, app_window):
        page = app_window.pages["ROI"]
        page.refresh()
        wait_ops(qtbot, page)
        assert page.select_prospect("Northwind Health")
        wait_ops(qtbot, page)
        labels = [r.label for r in page.fields.rows]
        assert not any("_" in label for label in labels), labels
        assert "Years in the business case" in labels
        with qtbot.waitSignal(page.computed, timeout=5000):
            page.fields.setData(page.fields.index(page.fields.row_of("horizon_years"), 1), "x")
        problem = page.problems.text()
        assert problem.startswith("Years in the business case:") and "horizon_years" not in problem


class DescribeTheChosenProspect:
    def it_is_carried_from_build_to_the_other_pages(self, qtbot, app_window):
        build = app_window.pages["Build"]
        build.refresh()
        wait_ops(qtbot, build)
        assert build.select_prospect("Harborview Bank")
        wait_ops(qtbot, build)
        for name in ("ROI", "Objections", "Decision"):
            app_window.show_page(name)
            page = app_window.pages[name]
            qtbot.waitUntil(lambda p=page: p.prospect is not None, timeout=30000)
            assert page.prospect.company == "Harborview Bank", name
            assert page.prospect_box.currentText() == "Harborview Bank"
            wait_ops(qtbot, page)
        app_window.show_page("Prospects")
        prospects = app_window.pages["Prospects"]
        qtbot.waitUntil(lambda: prospects.current is not None, timeout=30000)
        assert prospects.current.company == "Harborview Bank"
        wait_ops(qtbot, prospects)
        assert prospects.select_prospect("Keystone Manufacturing")
        app_window.show_page("Build")
        qtbot.waitUntil(lambda: build.prospect.company == "Keystone Manufacturing", timeout=30000)


class DescribeLibrarySearchColours:
    def it_keeps_matches_and_facts_readable_on_a_selected_row(self, qtbot, app_window):
        from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

        from enabler.app import theme

        library = app_window.pages["Library"]
        app_window.show_page("Library")
        browse = library.show_tab("Modules")
        browse.search.setText("pricing")
        marked = lambda: "class='mark'" in (browse.results.index(0, 0).data(HTML_ROLE) or "")  # noqa: E731
        qtbot.waitUntil(marked, timeout=30000)
        view, index = browse.result_view, browse.results.index(0, 0)
        c = theme.colours()
        assert view.palette().color(view.palette().ColorRole.Highlight).name() == c.accent
        option = QStyleOptionViewItem()
        option.state |= QStyle.StateFlag.State_Selected
        doc = view.itemDelegate()._document(option, index, selected=True)
        seen = _fragment_colours(doc)
        match = next(fmt for text, fmt in seen if text.lower() == "pricing")
        fg, bg = match.foreground().color().name(), match.background().color().name()
        assert theme.contrast(fg, bg) >= 4.5
        facts = next(fmt for text, fmt in seen if " · " in text)
        assert theme.contrast(facts.foreground().color().name(), c.accent) >= 4.5


class DescribeInsights:
    def it_names_every_bar_and_explains_an_empty_chart(self, qtbot, history_window):
        app_window = history_window
        from enabler.services.objections.counts import raised_objections
        from enabler.store.connection.db import open_db

        app_window.show_page("Insights")
        page = app_window.pages["Insights"]
        qtbot.waitUntil(lambda: page.report is not None, timeout=30000)
        raised = raised_objections(open_db(app_window.db_path))
        words = {r.text for r in raised}
        refs = {r.ref for r in raised}
        shown = page.objection_plot.labels()
        assert shown and set(shown) <= words and not set(shown) & refs
        usage = page.usage_plot.labels()
        assert usage and all(usage)  # the first bar has its label like the rest
        titles = {page.table.item(r, 0).text() for r in range(page.table.rowCount())}
        assert set(usage) <= titles
        assert page.win_plot.labels()  # the demo's history has win rates with intervals
        assert "(better)" in page.summary.text()
        assert "enabler " not in page.summary.text() and "`" not in page.summary.text()

    def it_draws_labels_that_do_not_overlap(self, qtbot):
        from enabler.app.widgets.bar_charts import Bar, BarChart

        chart = BarChart("Decks per module", "none")
        qtbot.addWidget(chart)
        chart.resize(300, 200)
        long = [Bar(f"A very long module title number {n}", n, str(n)) for n in range(12)]
        chart.set_bars(long)
        chart.grab()  # paints without error
        assert chart._rows_shown() * 22 <= 200 - 24  # one row per label, never stacked


class DescribeTheDefaultWindowSize:
    """At 1100×700 nothing a rep reads is cut."""

    def it_shows_whole_field_names_plan_and_prospects_on_build(self, qtbot, app_window):
        app_window.show()
        assert (app_window.width(), app_window.height()) == (1100, 700)
        page = app_window.pages["Build"]
        page.refresh()
        wait_ops(qtbot, page)
        assert page.select_prospect("Northwind Health")
        wait_ops(qtbot, page)
        fields = page.fields
        qtbot.waitUntil(lambda: fields.model.rowCount() > 0, timeout=30000)
        page.side.setCurrentWidget(fields)
        metrics = fields.view.fontMetrics()
        for row in range(fields.model.rowCount()):
            name = fields.model.index(row, 0).data()
            assert fields.view.columnWidth(0) >= metrics.horizontalAdvance(name), name
        view, plan = page.plan_view, page.plan
        shown = [
            r
            for r in range(plan.rowCount())
            if view.visualRect(plan.index(r)).bottom() <= view.viewport().height()
        ]
        assert len(shown) >= min(12, plan.rowCount()), f"{len(shown)} of {plan.rowCount()} visible"
        assert page.add_box.currentIndex() == -1 and page.add_box.placeholderText()
        longest = max(page.add_box.itemText(i) for i in range(page.add_box.count()))
        assert page.add_box.view().minimumWidth() >= 400 or len(longest) < 30
        lists = page.prospect_view
        width = lists.viewport().width()
        for row in range(page.proxy.rowCount()):
            for line in page.proxy.index(row, 0).data().splitlines():
                assert lists.fontMetrics().horizontalAdvance(line) <= width, line

    def it_lets_note_why_and_evidence_wrap_instead_of_cutting(self, qtbot, app_window):
        app_window.show()
        app_window.show_page("Objections")
        objections = app_window.pages["Objections"]
        wait_ops(qtbot, objections)
        assert objections.select_prospect("Northwind Health")
        wait_ops(qtbot, objections)
        table, model = objections.table, objections.model
        chars = table.fontMetrics().averageCharWidth()
        for title in ("Note", "Why it is likely"):
            column = model.HEADERS.index(title)
            assert table.columnWidth(column) >= 20 * chars, title
        assert table.wordWrap()
        app_window.show_page("Decision")
        decision = app_window.pages["Decision"]
        wait_ops(qtbot, decision)
        assert decision.select_prospect("Northwind Health")
        wait_ops(qtbot, decision)
        view = decision.criteria_view
        column = decision.criteria.column_of("evidence")
        assert view.columnWidth(column) >= 20 * view.fontMetrics().averageCharWidth()
        assert view.wordWrap()

    def it_shows_four_members_of_the_buying_committee_on_prospects(self, qtbot, app_window):
        app_window.show()
        app_window.show_page("Prospects")
        page = app_window.pages["Prospects"]
        wait_ops(qtbot, page)
        assert page.select_prospect("Northwind Health")
        wait_ops(qtbot, page)
        qtbot.waitUntil(lambda: page.committee_model.rowCount() >= 4, timeout=30000)
        table = page.committee
        shown = [
            r
            for r in range(page.committee_model.rowCount())
            if table.rowViewportPosition(r) + table.rowHeight(r) <= table.viewport().height()
        ]
        assert len(shown) >= 4, f"{len(shown)} of {page.committee_model.rowCount()} members"


def _fragment_colours(doc):
    """(text, char format) of every fragment of a QTextDocument."""
    out, block = [], doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            out.append((fragment.text(), fragment.charFormat()))
            it += 1
        block = block.next()
    return out


# fixtures -----------------------------------------------------------------------------------


def opened(qtbot, tab, key):
    with qtbot.waitSignal(tab.previewed, timeout=30000):
        assert tab.choose_module(key)
    wait_ops(qtbot, tab)
    return tab


@pytest.fixture
def settings_file(tmp_path):
    return tmp_path / "settings.ini"


@pytest.fixture
def editor(qtbot, app_db_path):
    from enabler.app.pages.module_editor.editor import ModuleEditorTab

    tab = ModuleEditorTab(app_db_path)
    qtbot.addWidget(tab)
    tab.ask_unsaved = lambda: Unsaved.DISCARD  # never a modal dialog in a test
    tab.refresh()
    wait_ops(qtbot, tab)
    assert tab.preview.select_prospect("Northwind Health")
    return tab


class DescribeClosedDealsOnProspects:
    """The demo's past deals do not crowd the Prospects list; they are one tick away."""

    def it_lists_open_deals_and_shows_closed_ones_when_asked(self, qtbot, history_window):
        history_window.show()
        history_window.show_page("Prospects")
        page = history_window.pages["Prospects"]
        wait_ops(qtbot, page)
        qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=30000)
        listed = {p.company for p in page.model.items()}
        assert "Northwind Health" in listed
        closed = {p.company for p in page._all if p.id in page._closed}
        assert closed and not (closed & listed)
        assert page.select_prospect(sorted(closed)[0])  # asked for by name: shown
        assert page.closed_box.isChecked()
        assert {p.company for p in page.model.items()} >= closed
