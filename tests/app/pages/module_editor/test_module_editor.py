"""Library ▸ Editor: edit a smart module, see it filled for a prospect, save it as a version."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from PySide6.QtCore import Qt

from enabler.app.pages.module_editor.dialogs import Unsaved
from enabler.app.pages.module_editor.editor import ModuleEditorTab
from enabler.domain.modules import ModuleState, SmartLayout
from enabler.services.library import governance, revisions
from enabler.services.library.authoring import open_module, save_module
from enabler.store import modules as module_store
from enabler.store.connection.db import open_db
from tests.app.conftest import wait_ops
from tests.helpers import slide_texts


def typed(qtbot, tab, field, text):
    """Type into a form field and wait for the preview of the result."""
    with qtbot.waitSignal(tab.previewed, timeout=30000):
        tab.form.set_text(field, text)
    wait_ops(qtbot, tab)


def preview_slide(tab):
    return Presentation(io.BytesIO(tab.preview.pptx)).slides[0]


def saved_content(db_path, key):
    return revisions.working_copy(open_db(db_path), key).snapshot.content


class Asker:
    """Stands in for the unsaved-changes question; records that it was asked."""

    def __init__(self, answer: Unsaved) -> None:
        self.answer, self.asked = answer, 0

    def __call__(self) -> Unsaved:
        self.asked += 1
        return self.answer


# fixtures -------------------------------------------------------------------------------


@pytest.fixture
def tab(qtbot, app_db_path):
    tab = ModuleEditorTab(app_db_path)
    qtbot.addWidget(tab)
    tab.ask_unsaved = Asker(Unsaved.DISCARD)  # never a modal dialog in a test
    tab.refresh()
    wait_ops(qtbot, tab)
    assert tab.preview.select_prospect("Northwind Health")
    return tab


def opened(qtbot, tab, key):
    """The editor on module `key`, previewed."""
    with qtbot.waitSignal(tab.previewed, timeout=30000):
        assert tab.choose_module(key)
    wait_ops(qtbot, tab)
    return tab


@pytest.fixture
def pillars(qtbot, tab):
    """The editor on the approved module `value-pillars`, previewed for Northwind Health."""
    return opened(qtbot, tab, "value-pillars")


class DescribeLivePreview:
    def it_shows_an_edit_filled_for_the_prospect(self, qtbot, pillars):
        tab = pillars
        assert tab.dirty_label.isHidden()
        typed(qtbot, tab, "title", "Built for {{ prospect.company }}")
        assert not tab.dirty_label.isHidden() and tab.save_button.isEnabled()
        assert "Built for Northwind Health" in tab.preview.texts.text()
        assert slide_texts(preview_slide(tab))[0] == "Built for Northwind Health"
        assert tab.preview.problems.text() == ""

        with qtbot.waitSignal(tab.previewed, timeout=30000):
            assert tab.preview.select_prospect("Harborview Bank")
        wait_ops(qtbot, tab)
        assert slide_texts(preview_slide(tab))[0] == "Built for Harborview Bank"

    def it_follows_a_layout_change(self, qtbot, pillars):
        tab = pillars
        tab.form.set_text("metric", "{{ prospect.employees }} people")
        with qtbot.waitSignal(tab.previewed, timeout=30000):
            tab.form.layout_box.setCurrentIndex(
                tab.form.layout_box.findData(SmartLayout.BIG_NUMBER.value)
            )
        wait_ops(qtbot, tab)
        assert not tab.form.rows.isRowVisible(tab.form.texts["bullets"])
        assert preview_slide(tab).slide_layout.name == "Big Number"
        assert "people" in tab.preview.texts.text()

    def it_flags_unknown_fields_and_broken_tags_as_you_type(self, pillars):
        tab = pillars
        tab.form.set_text("bullets", "{{ prospect.company }}\n{{ prospect.shoe_size }}")
        shown = tab.form.fields_label.text()
        assert "prospect.company" in shown
        assert "Unknown fields" in shown and "prospect.shoe_size" in shown
        tab.form.set_text("bullets", "{% if %}")
        assert "Tag error" in tab.form.fields_label.text()
        assert "Unknown fields" not in tab.form.fields_label.text()

    def it_shows_the_sandbox_sentence_for_a_template_payload(self, qtbot, pillars):
        tab = pillars
        errors = []
        tab.error.connect(errors.append)
        typed(qtbot, tab, "title", "{{ ''.__class__.__mro__[1].__subclasses__() }}")
        assert "unsafe template refused" in tab.preview.problems.text()
        assert "<class" not in tab.preview.texts.text()
        assert errors == []


class DescribeSaving:
    def it_saves_a_new_draft_revision_with_ctrl_s_then_submits_it(self, qtbot, pillars):
        tab = pillars
        tab.show()  # shortcuts work in a shown, active window
        tab.activateWindow()
        qtbot.waitActive(tab)
        typed(qtbot, tab, "title", "Why {{ prospect.company }} chooses us")
        with qtbot.waitSignal(tab.changed, timeout=30000):
            qtbot.keyClick(
                tab.form.texts["title"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
            )
        wait_ops(qtbot, tab)
        assert saved_content(tab.db_path, "value-pillars")["title"] == (
            "Why {{ prospect.company }} chooses us"
        )
        history = revisions.history(open_db(tab.db_path), "value-pillars")
        assert [v.number for v in history.versions] == [2, 1]
        assert history.status.has_revision and history.status.state is ModuleState.APPROVED
        assert tab.dirty_label.isHidden() and "version 2" in tab.state_label.text()

        with qtbot.waitSignal(tab.changed, timeout=30000):
            tab.submit_button.click()
        wait_ops(qtbot, tab)
        status = module_store.module_status(open_db(tab.db_path), "value-pillars")
        assert status.revision_state is ModuleState.IN_REVIEW
        assert "is in review" in tab.state_label.text() and not tab.form.isEnabled()

    def it_says_what_is_wrong_and_saves_nothing(self, qtbot, pillars):
        tab = pillars
        typed(qtbot, tab, "title", "")
        with qtbot.waitSignal(tab.error, timeout=30000) as blocker:
            tab.save()
        assert "Give the module a title" in blocker.args[0]
        assert len(revisions.history(open_db(tab.db_path), "value-pillars").versions) == 1
        assert not tab.dirty_label.isHidden()  # the edit is still there to fix

    def it_reports_a_change_made_elsewhere_instead_of_overwriting_it(self, qtbot, pillars):
        tab = pillars
        db = open_db(tab.db_path)
        other = open_module(db, "value-pillars")
        theirs = {**other.saved.content, "title": "Theirs"}
        save_module(db, governance.require_profile(db), other, _with(other, theirs))
        typed(qtbot, tab, "title", "Mine")
        with qtbot.waitSignal(tab.error, timeout=30000) as blocker:
            tab.save()
        assert "changed by someone else" in blocker.args[0]
        assert saved_content(tab.db_path, "value-pillars")["title"] == "Theirs"


def _with(opened, content):
    import dataclasses

    return dataclasses.replace(opened.saved, content=content)


class DescribeUnsavedEdits:
    def it_asks_before_opening_another_module(self, qtbot, pillars):
        tab = pillars
        typed(qtbot, tab, "title", "Unsaved title")
        tab.ask_unsaved = Asker(Unsaved.CANCEL)
        tab.choose_module("pricing-approach")
        assert tab.ask_unsaved.asked == 1
        assert tab.opened.status.key == "value-pillars"
        assert tab.form.text("title") == "Unsaved title"
        assert tab.module_box.currentData() == "value-pillars"

        tab.ask_unsaved = Asker(Unsaved.SAVE)
        with qtbot.waitSignal(tab.previewed, timeout=30000):
            tab.choose_module("pricing-approach")
        wait_ops(qtbot, tab)
        assert tab.opened.status.key == "pricing-approach"
        assert saved_content(tab.db_path, "value-pillars")["title"] == "Unsaved title"

    def it_asks_before_the_window_closes(self, qtbot, app_window):
        app_window.show_page("Library")
        tab = app_window.pages["Library"].show_tab("Editor")
        app_window.show()
        qtbot.waitExposed(app_window)
        wait_ops(qtbot, tab)
        with qtbot.waitSignal(tab.previewed, timeout=30000):
            assert tab.choose_module("value-pillars")
        wait_ops(qtbot, tab)
        tab.form.set_text("subtitle", "x")  # hidden for bullets: not a change
        assert not tab.is_dirty()
        tab.form.set_text("bullets", "Only one bullet")
        tab.ask_unsaved = Asker(Unsaved.CANCEL)
        assert not app_window.close()
        assert app_window.isVisible() and tab.ask_unsaved.asked == 1
        tab.ask_unsaved = Asker(Unsaved.DISCARD)
        assert app_window.close()
        assert saved_content(app_window.db_path, "value-pillars")["bullets"] != ["Only one bullet"]


class DescribeNewModule:
    def it_creates_a_draft_and_opens_it(self, qtbot, tab):
        tab.ask_new_module = lambda: ("pricing-overview", "Pricing", SmartLayout.QUOTE)
        with qtbot.waitSignal(tab.previewed, timeout=30000):
            tab.choose_module(tab.module_box.itemData(0))  # "New module…"
        wait_ops(qtbot, tab)
        status = module_store.module_status(open_db(tab.db_path), "pricing-overview")
        assert status.state is ModuleState.DRAFT
        assert tab.opened.status.key == "pricing-overview"
        assert tab.module_box.currentData() == "pricing-overview"
        assert tab.form.rows.isRowVisible(tab.form.texts["quote"])

        typed(qtbot, tab, "quote", "{{ prospect.company }} saved a week a month")
        with qtbot.waitSignal(tab.changed, timeout=30000):
            tab.save()
        wait_ops(qtbot, tab)
        content = saved_content(tab.db_path, "pricing-overview")
        assert content["quote"] == "{{ prospect.company }} saved a week a month"

    def it_refuses_a_key_in_use(self, qtbot, tab):
        tab.ask_new_module = lambda: ("value-pillars", "Again", SmartLayout.BULLETS)
        with qtbot.waitSignal(tab.error, timeout=30000) as blocker:
            tab.choose_module(tab.module_box.itemData(0))
        assert "already exists" in blocker.args[0]
        assert tab.opened is None


def png_file(path, colour=(200, 30, 30), size=(40, 30)):
    from PIL import Image

    Image.new("RGB", size, colour).save(path)
    return path


def pictures_of(slide):
    return [s for s in slide.shapes if s.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE


@pytest.fixture
def dashboard(qtbot, tab):
    """The editor on `demo-dashboard`, an image+text module."""
    return opened(qtbot, tab, "demo-dashboard")


class DescribePictures:
    def it_shows_the_stored_picture_with_its_name(self, qtbot, dashboard):
        tab = dashboard
        qtbot.waitUntil(lambda: "pixels" in tab.form.image_picker.label.text(), timeout=30000)
        assert not tab.form.image_picker.thumbnail.pixmap().isNull()
        assert tab.form.rows.isRowVisible(tab.form.image_picker)
        assert not tab.form.rows.isRowVisible(tab.form.logo_picker)

    def it_stores_a_chosen_picture_and_saves_it_in_the_version(self, qtbot, dashboard, tmp_path):
        tab = dashboard
        before = saved_content(tab.db_path, "demo-dashboard")["image"]
        tab.ask_picture = lambda: png_file(tmp_path / "queue-view.png")
        with qtbot.waitSignal(tab.previewed, timeout=30000):
            tab.form.image_picker.choose_button.click()
        wait_ops(qtbot, tab)
        chosen = tab.form.image_picker.sha
        assert chosen and chosen != before
        assert tab.form.image_picker.label.text() == "queue-view.png · 40×30 pixels"
        assert pictures_of(preview_slide(tab))  # the preview shows it
        with qtbot.waitSignal(tab.changed, timeout=30000):
            tab.save()
        wait_ops(qtbot, tab)
        assert saved_content(tab.db_path, "demo-dashboard")["image"] == chosen

    def it_refuses_a_file_that_is_not_a_picture_and_changes_nothing(
        self, qtbot, dashboard, tmp_path
    ):
        tab = dashboard
        bad = tmp_path / "notes.png"
        bad.write_text("this is not a picture")
        before = tab.form.image_picker.sha
        tab.ask_picture = lambda: bad
        with qtbot.waitSignal(tab.error, timeout=30000) as blocker:
            tab.form.image_picker.choose_button.click()
        wait_ops(qtbot, tab)
        assert "notes.png: not an image" in blocker.args[0]
        assert tab.form.image_picker.sha == before and tab.dirty_label.isHidden()

    def it_stores_no_logo_when_one_of_the_files_is_bad(self, qtbot, tab, tmp_path):
        opened(qtbot, tab, "customer-references")
        before = tab.form.logo_picker.shas()
        count = open_db(tab.db_path)["assets"].count
        bad = tmp_path / "b.png"
        bad.write_bytes(b"\x89PNG\r\n\x1a\n truncated")
        tab.ask_logos = lambda: [png_file(tmp_path / "a.png"), bad]
        with qtbot.waitSignal(tab.error, timeout=30000) as blocker:
            tab.form.logo_picker.add_button.click()
        wait_ops(qtbot, tab)
        assert blocker.args[0].startswith("b.png:")
        assert open_db(tab.db_path)["assets"].count == count
        assert tab.form.logo_picker.shas() == before and tab.dirty_label.isHidden()

    def it_removes_the_picture(self, qtbot, dashboard):
        tab = dashboard
        with qtbot.waitSignal(tab.previewed, timeout=30000):
            tab.form.image_picker.remove_button.click()
        wait_ops(qtbot, tab)
        assert not tab.form.image_picker.sha and not tab.dirty_label.isHidden()
        assert "image" not in tab.form.content()
        assert not pictures_of(preview_slide(tab))

    def it_adds_and_orders_a_logo_strips_logos(self, qtbot, tab, tmp_path):
        opened(qtbot, tab, "customer-references")
        picker = tab.form.logo_picker
        assert tab.form.rows.isRowVisible(picker)
        first = picker.shas()
        assert len(first) == 6
        tab.ask_logos = lambda: [
            png_file(tmp_path / "a.png", (10, 10, 200)),
            png_file(tmp_path / "b.png", (10, 200, 10)),
        ]
        with qtbot.waitSignal(tab.previewed, timeout=30000):
            picker.add_button.click()
        wait_ops(qtbot, tab)
        added = picker.shas()
        assert len(added) == 8 and added[:6] == first
        assert picker.view.currentIndex().row() == 7  # the last added is selected
        picker.move(-1)  # b before a
        assert picker.shas()[6:] == (added[7], added[6])
        picker.select(0)
        picker.remove()
        with qtbot.waitSignal(tab.changed, timeout=30000):
            tab.save()
        wait_ops(qtbot, tab)
        assert saved_content(tab.db_path, "customer-references")["logos"] == [
            *first[1:],
            added[7],
            added[6],
        ]
