"""Macros and linked content from outside never reach a built deck (issue 21, items 5 and 6).

Replays: `template install macro.potm` then `build` (the deck carried ppt/vbaProject.bin and
passed the integrity check); a slide or template whose picture is linked to `file:///…` or
`http://127.0.0.1:…` (LibreOffice fetched it for thumbnails and PDFs).
"""

from __future__ import annotations

import io
import zipfile

import pytest
from pptx import Presentation

from enabler.render.integrity import check_integrity
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.slides.import_slides import import_slides
from enabler.services.slides.templates import PPTX_MIME, SETTING, install_template
from enabler.store import assets, settings
from tests.conftest import run_cli
from tests.reliability.hostile_packages import linked_picture_deck, macro_enabled, members
from tests.render.designed_decks import plain_deck

ORDER = ["why-section", "pillars"]


@pytest.fixture
def macro_potm(tmp_path):
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "Example slide"
    prs.save(str(tmp_path / "Contoso.pptx"))
    return macro_enabled(tmp_path / "Contoso.pptx", tmp_path / "macro.potm")


def rels_text(blob: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        return " ".join(zf.read(n).decode() for n in zf.namelist() if n.endswith(".rels"))


class DescribeAMacroTemplate:
    def it_is_installed_without_its_macros_and_says_so(self, small_library, macro_potm):
        info = install_template(small_library, macro_potm)
        assert info.removed == ("removed the macro project ppt/vbaProject.bin",)
        stored = assets.get(small_library, info.sha256)
        assert "ppt/vbaProject.bin" not in members(stored) and check_integrity(stored).ok

    def it_never_reaches_a_built_deck(self, small_library, macro_potm, tmp_path):
        install_template(small_library, macro_potm)
        build_deck(
            small_library, plan_deck(small_library, "Acme Clinics", ORDER), tmp_path / "d.pptx"
        )
        deck = tmp_path / "d.pptx"
        assert "ppt/vbaProject.bin" not in members(deck) and "vbaProject" not in rels_text(
            deck.read_bytes()
        )
        assert check_integrity(deck).ok

    def it_is_stripped_at_build_when_installed_before_the_rule(
        self, small_library, macro_potm, tmp_path
    ):
        # A library from an older version holds the template with its macro project.
        old = macro_enabled(
            tmp_path / "Contoso.pptx",
            tmp_path / "old.pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        )
        with small_library.conn:
            sha = assets.put(small_library, old.read_bytes(), PPTX_MIME, "old.pptx")
            settings.put(small_library, SETTING, {"name": "old.pptx", "sha256": sha})
        assert not check_integrity(old).ok
        plan = plan_deck(small_library, "Acme Clinics", ORDER)
        build_deck(small_library, plan, tmp_path / "d.pptx")
        assert "ppt/vbaProject.bin" not in members(tmp_path / "d.pptx")
        assert check_integrity(tmp_path / "d.pptx").ok

    def it_is_stripped_through_the_command_line_too(self, small_library, macro_potm, tmp_path):
        db_file = tmp_path / "library.db"
        installed = run_cli("template", "install", macro_potm, "--db", db_file)
        assert installed.returncode == 0, installed.stderr
        assert "note: removed the macro project ppt/vbaProject.bin" in installed.stdout
        built = run_cli(
            "build", "--prospect", "Acme Clinics", "--modules", ",".join(ORDER),
            "--out", tmp_path / "d.pptx", "--db", db_file,
        )  # fmt: skip
        assert built.returncode == 0, built.stderr
        assert "ppt/vbaProject.bin" not in members(tmp_path / "d.pptx")
        assert check_integrity(tmp_path / "d.pptx").ok


class DescribeAMacroDeck:
    def it_is_imported_without_its_macros_and_says_so(self, small_library, tmp_path):
        pptm = macro_enabled(
            plain_deck(tmp_path / "d.pptx", ["One", "Two"]),
            tmp_path / "deck.pptm",
            "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
        )
        result = import_slides(small_library, pptm, thumbnails=False)
        assert [s.problems for s in result.slides] == [
            ("removed the macro project ppt/vbaProject.bin",),
            (),
        ]
        for (sha,) in small_library.execute("SELECT source_blob FROM designed_sources"):
            blob = assets.get(small_library, sha)
            assert "ppt/vbaProject.bin" not in members(blob) and check_integrity(blob).ok


class DescribeALinkedPicture:
    @pytest.mark.parametrize("url", ["file:///etc/hostname", "http://127.0.0.1:8765/x.png"])
    def it_is_dropped_at_import_with_a_note(self, small_library, tmp_path, url):
        deck = linked_picture_deck(tmp_path / "linked.pptx", url)
        result = import_slides(small_library, deck, thumbnails=False)
        (slide,) = result.slides
        assert f"removed a linked picture ({url})" in slide.problems
        (sha,) = [r[0] for r in small_library.execute("SELECT source_blob FROM designed_sources")]
        blob = assets.get(small_library, sha)
        assert "External" not in rels_text(blob) and url not in rels_text(blob)

    def it_never_reaches_a_deck_from_a_slide_stored_before_the_rule(self, small_library, tmp_path):
        """A source stored by an older import or carried in by a pack is stripped at build."""
        url = "file:///etc/hostname"
        keys = import_slides(small_library, plain_deck(tmp_path / "p.pptx", ["Plain"]))
        key = keys.slides[0].module_key
        (sha,) = [r[0] for r in small_library.execute("SELECT source_blob FROM designed_sources")]
        linked = linked_picture_deck(tmp_path / "linked.pptx", url).read_bytes()
        with small_library.conn:  # as the library held it before imports stripped links
            small_library.execute("UPDATE assets SET content = ? WHERE sha256 = ?", [linked, sha])
            small_library.execute("UPDATE modules SET state = 'approved' WHERE key = ?", [key])
        out = tmp_path / "deck.pptx"
        build_deck(small_library, plan_deck(small_library, "Acme Clinics", [key]), out)
        assert url not in rels_text(out.read_bytes())
        assert check_integrity(out).ok

    def it_is_dropped_from_a_template_at_install(self, db, tmp_path):
        path = linked_picture_deck(tmp_path / "t.pptx", "file:///etc/hostname")
        prs = Presentation(str(path))  # move the linked picture onto the first layout
        layout = prs.slide_layouts[0]
        pic = next(s for s in prs.slides[0].shapes if s.shape_type == 13)
        layout.shapes._spTree.append(pic._element)
        link = next(r for r in prs.slides[0].part.rels.values() if r.is_external)
        layout.part.rels._rels[link.rId] = link
        prs.save(str(path))
        info = install_template(db, path)
        assert set(info.removed) == {"removed a linked picture (file:///etc/hostname)"}
        stored = Presentation(io.BytesIO(assets.get(db, info.sha256)))
        assert [s.shape_type for s in stored.slide_layouts[0].shapes].count(13) == 0
        assert "External" not in rels_text(assets.get(db, info.sha256))
