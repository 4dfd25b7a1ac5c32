"""Library ▸ Modules: search with facets, a module's history, diff and review actions
(pytest-qt, offscreen, on a private copy of the demo library). The Review queue and Stale tabs
are tested in test_library_review.py and test_library_stale.py.

Changes made "by someone else" go through a second connection, as another instance would.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QThreadPool

from enabler.app.library_models import HTML_ROLE
from enabler.app.pages.library import preview as library_preview
from enabler.app.pages.library.preview import SlidePicture
from enabler.domain.modules import ModuleState, SmartContent, SmartLayout
from enabler.services.library import governance, revisions
from enabler.services.library.revisions import ModuleEdit
from enabler.services.library.views import find_modules
from enabler.services.slides.import_slides import import_slides
from enabler.store.search import SearchFilters
from tests.app.conftest import wait_ops
from tests.app.library_support import OWEN, act, other, status, testers
from tests.conftest import add_module, png_bytes
from tests.render.designed_decks import designed_deck

# fixtures ------------------------------------------------------------------------------


@pytest.fixture
def library(app_window):
    return app_window.pages["Library"]


@pytest.fixture
def modules(qtbot, library):
    tab = library.show_tab("Modules")
    history = tab.detail.history
    tab.checks = testers(tab.results, tab.facets, history.versions, history.events)
    with qtbot.waitSignal(tab.searched, timeout=30000):
        tab.refresh()
    wait_ops(qtbot, tab)
    return tab


def search(qtbot, tab, text=None):
    if text is not None:
        tab.search.setText(text)
    with qtbot.waitSignal(tab.searched, timeout=30000):
        tab.run_search()
    wait_ops(qtbot, tab)


def toggle(qtbot, tab, name, value):
    with qtbot.waitSignal(tab.searched, timeout=30000):
        tab.toggle_filter(name, value)
    wait_ops(qtbot, tab)


def open_module(qtbot, tab, key):
    with qtbot.waitSignal(tab.detail.loaded, timeout=30000):
        tab.show_module(key)
    wait_ops(qtbot, tab)


def picture(tab):
    """The preview's image as shown, or None when it shows a sentence instead."""
    preview = tab.detail.preview
    pixmap = preview.image.pixmap()
    return None if preview.image.isHidden() or pixmap.isNull() else pixmap.toImage()


def shown_keys(tab):
    return [h.key for h in tab.results.items()]


class DescribeModulesTab:
    def it_searches_as_you_type_and_narrows_by_facets(self, qtbot, modules, app_window):
        assert modules.results.rowCount() == 53  # the demo library, by title
        with qtbot.waitSignal(modules.searched, timeout=30000):
            modules.search.setText("compliance")  # no Enter: the search runs when typing pauses
        wait_ops(qtbot, modules)
        words = shown_keys(modules)
        assert 3 < len(words) < 53
        assert "<span" in modules.results.index(0, 0).data(HTML_ROLE)  # the match is marked

        index = modules.facets.value_index("industry", "Healthcare")
        with qtbot.waitSignal(modules.searched, timeout=30000):
            modules.facet_view.chosen.emit(index)
        wait_ops(qtbot, modules)
        narrowed = shown_keys(modules)
        expected = find_modules(
            other(app_window), "compliance", SearchFilters(industry="Healthcare")
        )
        assert narrowed == [h.key for h in expected.hits]
        assert set(narrowed) < set(words)
        chosen = modules.facets.value_index("industry", "Healthcare")
        assert chosen.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        assert modules.count.text().startswith(f"{expected.total} module")

        toggle(qtbot, modules, "industry", "Healthcare")
        assert shown_keys(modules) == words  # the same value again removes the filter

    def it_says_what_is_wrong_with_a_query_without_a_dialog(self, qtbot, modules):
        with qtbot.assertNotEmitted(modules.error):
            search(qtbot, modules, '"claims')
        assert not modules.problem.isHidden()
        assert "without a closing one" in modules.problem.text()
        search(qtbot, modules, "")
        assert modules.problem.isHidden()

    def it_shows_history_and_a_readable_diff_between_any_two_versions(
        self, qtbot, modules, app_window
    ):
        db = other(app_window)
        revisions.edit_module(db, OWEN, "value-pillars", ModuleEdit({"title": "Pillars v2"}))
        open_module(qtbot, modules, "value-pillars")
        history = modules.detail.history
        assert [v.number for v in history.versions.items()] == [2, 1]
        text = history.diff_view.toPlainText()
        assert "Version 1 → 2" in text
        assert 'Title changed from "' in text and 'to "Pillars v2"' in text

        history.old_box.setCurrentIndex(history.old_box.findData(2))
        history.new_box.setCurrentIndex(history.new_box.findData(1))
        with qtbot.waitSignal(history.diffed, timeout=30000):
            history.compare()
        assert 'from "Pillars v2" to "' in history.diff_view.toPlainText()
        header = modules.detail.header.text()
        assert "approved (revision draft)" in header and "review by 2027-" in header
        assert "Lena Brandt" in header

    def it_restores_an_earlier_version_as_a_new_draft(self, qtbot, modules, app_window):
        revisions.edit_module(other(app_window), OWEN, "value-pillars", ModuleEdit({"title": "X"}))
        open_module(qtbot, modules, "value-pillars")
        history = modules.detail.history
        history.version_view.setCurrentIndex(history.versions.index(1))  # version 1
        assert history.restore_button.isEnabled()
        modules.detail.comment.setPlainText("The old title tested better")
        said = act(qtbot, modules.detail, history.restore_button.click)
        assert "restored as version 3" in said
        versions = revisions.history(other(app_window), "value-pillars").versions
        assert versions[0].number == 3 and versions[0].note == "The old title tested better"
        assert modules.detail.comment.toPlainText() == ""

    def it_submits_a_draft_with_the_comment(self, qtbot, modules, app_window):
        revisions.edit_module(other(app_window), OWEN, "value-pillars", ModuleEdit({"title": "Y"}))
        open_module(qtbot, modules, "value-pillars")
        assert modules.detail.submit_button.isEnabled()
        modules.detail.comment.setPlainText("Please check the new title")
        act(qtbot, modules.detail, modules.detail.submit_button.click)
        assert status(app_window, "value-pillars").revision_state is ModuleState.IN_REVIEW
        events = revisions.history(other(app_window), "value-pillars").events
        assert (events[-1].action, events[-1].actor) == ("submit", "Lena Brandt")
        assert events[-1].comment == "Please check the new title"
        assert not modules.detail.submit_button.isEnabled()  # in review now

    def it_retires_with_a_replacement_chosen_from_approved_modules(
        self, qtbot, modules, app_window
    ):
        open_module(qtbot, modules, "pricing-approach")
        box = modules.detail.replacement
        keys = [box.itemData(i) for i in range(box.count())]
        assert keys[0] == "" and "why-us" in keys and "pricing-approach" not in keys
        said = act(qtbot, modules.detail, modules.detail.retire_button.click, "error")
        assert "Replace with" in said  # nothing chosen yet: nothing retired
        assert status(app_window, "pricing-approach").state is ModuleState.APPROVED

        box.setCurrentIndex(box.findData("why-us"))
        said = act(qtbot, modules.detail, modules.detail.retire_button.click)
        assert said == "pricing-approach retired; reps are pointed to why-us."
        s = status(app_window, "pricing-approach")
        assert s.state is ModuleState.RETIRED
        assert s.replaced_by == status(app_window, "why-us").module_id
        assert "Replaced by" in modules.detail.header.text()
        assert not modules.detail.retire_button.isEnabled()

    def it_reports_a_conflict_reloads_and_keeps_the_comment(self, qtbot, modules, app_window):
        open_module(qtbot, modules, "pricing-approach")
        seen = modules.detail.detail.status.row_version
        governance.mark_reviewed(other(app_window), OWEN, "pricing-approach")  # meanwhile
        modules.detail.comment.setPlainText("Superseded by the new pricing story")
        box = modules.detail.replacement
        box.setCurrentIndex(box.findData(""))  # no replacement
        said = act(qtbot, modules.detail, modules.detail.retire_button.click, "error")
        assert "changed by someone else" in said
        assert status(app_window, "pricing-approach").state is ModuleState.APPROVED
        assert modules.detail.comment.toPlainText() == "Superseded by the new pricing story"
        assert modules.detail.detail.status.row_version == seen + 1  # reloaded
        assert box.currentData() == ""  # the choice survives the reload too

        act(qtbot, modules.detail, modules.detail.retire_button.click)  # now it goes through
        assert status(app_window, "pricing-approach").state is ModuleState.RETIRED
        assert revisions.history(other(app_window), "pricing-approach").events[-1].comment == (
            "Superseded by the new pricing story"
        )


class DescribeLibraryModels:
    def it_keeps_the_facet_tree_consistent(self, qtbot, modules):
        # the tester (attached in the fixture) checks every reset below
        facets = modules.facets
        assert [facets.index(r, 0).data() for r in range(3)] == ["State", "Kind", "Stage"]
        search(qtbot, modules, "compliance")
        toggle(qtbot, modules, "owner", "Hannah Cole")
        owner = facets.index(facets.facet_row("owner"), 0)
        assert facets.rowCount(owner) >= 2  # the other owners stay, to switch to
        assert all(h.owner == "Hannah Cole" for h in modules.results.items())
        assert facets.parent(facets.value_index("owner", "Hannah Cole")) == owner

    def it_lists_a_draft_made_for_the_test_under_its_state(self, qtbot, modules, app_window):
        add_module(
            other(app_window),
            "fresh-draft",
            SmartContent(SmartLayout.BULLETS, "Fresh draft", bullets=("One",)),
            state=ModuleState.DRAFT,
        )
        search(qtbot, modules)
        toggle(qtbot, modules, "state", "draft")
        assert shown_keys(modules) == ["fresh-draft"]
        open_module(qtbot, modules, "fresh-draft")
        assert modules.detail.submit_button.isEnabled()
        assert not modules.detail.retire_button.isEnabled()
        assert modules.detail.history.diff_view.toPlainText().startswith("Only one version")


class DescribeSlidePreview:
    def it_pictures_the_current_version_filled_for_the_first_prospect(self, qtbot, modules):
        preview = modules.detail.preview
        assert picture(modules) is None and "appears here" in preview.caption.text()
        open_module(qtbot, modules, "value-pillars")
        image = picture(modules)
        assert image is not None
        assert image.width() / image.height() == pytest.approx(16 / 9, rel=0.02)  # a slide
        assert image.width() == library_preview.SHOWN.width()
        assert preview.caption.text().startswith("Version 1, filled for Alder Precision")
        assert preview.image.accessibleName() == "Slide preview"
        assert "Why teams choose Brightwave Flow" in preview.image.accessibleDescription()

        open_module(qtbot, modules, "pricing-approach")
        other_image = picture(modules)
        assert other_image is not None and other_image != image
        assert preview.picture.key == "pricing-approach"

        with qtbot.assertNotEmitted(preview.shown):
            modules.show_module("value-pillars")  # seen before: shown at once, no event loop
            assert picture(modules) == image
        wait_ops(qtbot, modules)
        assert picture(modules) == image  # redrawn behind it: a cache hit, the same slide

        modules.detail.show_module(None)
        assert picture(modules) is None and preview.caption.text() == library_preview.EMPTY

    def it_shows_fields_without_a_value_as_stand_ins_and_says_so(self, qtbot, modules, app_window):
        add_module(
            other(app_window),
            "pilot-offer",
            SmartContent(
                SmartLayout.BULLETS,
                "Pilot for {{ prospect.company }}",
                bullets=("Starts {{ fields.pilot_start }}",),
            ),
        )
        open_module(qtbot, modules, "pilot-offer")
        assert picture(modules) is not None
        caption = modules.detail.preview.caption.text()
        assert "No value for fields.pilot_start: shown in [brackets]." in caption
        assert modules.detail.preview.picture.title == "Pilot for Alder Precision"

    def it_pictures_an_imported_designed_slide_too(self, qtbot, modules, app_window, tmp_path):
        imported = import_slides(
            other(app_window), designed_deck(tmp_path / "Q3 story.pptx"), thumbnails=False
        )
        open_module(qtbot, modules, imported.slides[0].module_key)  # "Why {{ prospect.company }}?"
        image = picture(modules)
        assert image is not None
        assert image.width() / image.height() == pytest.approx(16 / 9, rel=0.02)
        assert modules.detail.preview.picture.title == "Why Alder Precision?"
        assert "filled for Alder Precision" in modules.detail.preview.caption.text()

    def it_says_why_a_module_with_a_broken_field_cannot_be_pictured(
        self, qtbot, modules, app_window
    ):
        add_module(
            other(app_window),
            "broken-field",
            SmartContent(SmartLayout.BULLETS, "Hello", bullets=("For {{ prospect.company",)),
            state=ModuleState.DRAFT,
        )
        with qtbot.assertNotEmitted(modules.error):  # a sentence in the pane, not a dialog
            open_module(qtbot, modules, "broken-field")
        caption = modules.detail.preview.caption.text()
        assert picture(modules) is None
        assert caption.startswith("No preview: Module 'broken-field' (v1): template error")
        assert "Edit the module text." in caption and "Traceback" not in caption

    def it_ignores_a_late_picture_of_a_module_no_longer_selected(self, qtbot, modules, monkeypatch):
        release = threading.Event()
        real = library_preview.render_slide

        def slow_for_value_pillars(ctx, key):
            if key != "value-pillars":
                return real(ctx, key)
            assert release.wait(30)  # held until the other module is shown
            return SlidePicture(key, 1, "Late", png_bytes("red", (480, 270)), "X", False, 1)

        monkeypatch.setattr(library_preview, "render_slide", slow_for_value_pillars)
        pool = QThreadPool.globalInstance()
        threads = pool.maxThreadCount()
        pool.setMaxThreadCount(max(threads, 2))  # one thread is held: the others must run
        preview = modules.detail.preview
        try:
            modules.show_module("value-pillars")
            with qtbot.waitSignal(preview.shown, timeout=30000) as shown:
                modules.show_module("pricing-approach")
            assert shown.args == ["pricing-approach"]
        finally:
            release.set()
            pool.setMaxThreadCount(threads)
        wait_ops(qtbot, modules)  # the late reply has arrived by now
        assert preview.picture.key == "pricing-approach" and picture(modules) is not None
        assert modules.detail.detail.status.key == "pricing-approach"
