"""Macros and fetched links are taken out of a package; a deck holding a macro fails integrity."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from enabler.render.active_content import strip_active_content
from enabler.render.integrity import check_integrity
from tests.reliability.hostile_packages import (
    linked_picture_deck,
    macro_enabled,
    members,
    rewritten,
)
from tests.render.designed_decks import designed_deck, plain_deck


def external_rels(blob: bytes) -> list[str]:
    """Relationships to outside the package other than hyperlinks, as `part: target`."""
    found = []
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        for name in (n for n in zf.namelist() if n.endswith(".rels")):
            for rel in re.findall(r"<Relationship [^>]*>", zf.read(name).decode()):
                if 'TargetMode="External"' in rel and "/hyperlink" not in rel:
                    found.append(f"{name}: {rel}")
    return found


class DescribeStripActiveContent:
    @pytest.mark.parametrize("url", ["file:///etc/hostname", "http://127.0.0.1:9/x.png"])
    def it_removes_a_linked_picture_and_says_so(self, tmp_path, url):
        deck = linked_picture_deck(tmp_path / "linked.pptx", url).read_bytes()
        stripped = strip_active_content(deck)
        assert [str(r) for r in stripped.removed] == [f"removed a linked picture ({url})"]
        assert stripped.removed[0].part == "/ppt/slides/slide1.xml"
        assert external_rels(stripped.blob) == []
        slide = Presentation(io.BytesIO(stripped.blob)).slides[0]
        assert [s.shape_type for s in slide.shapes if s.shape_type == 13] == []  # no picture
        assert slide.shapes.title.text == "Linked {{ prospect.company }}"
        assert check_integrity(stripped.blob).ok

    def it_keeps_the_embedded_copy_of_a_linked_and_embedded_picture(self, tmp_path):
        url = "file:///etc/hostname"
        deck = linked_picture_deck(tmp_path / "both.pptx", url, keep_embedded=True)
        stripped = strip_active_content(deck.read_bytes())
        assert len(stripped.removed) == 1 and external_rels(stripped.blob) == []
        slide = Presentation(io.BytesIO(stripped.blob)).slides[0]
        (pic,) = [s for s in slide.shapes if s.shape_type == 13]
        blip = pic._element.find(".//" + qn("a:blip"))
        assert blip.get(qn("r:link")) is None and pic.image.content_type == "image/png"

    def it_keeps_hyperlinks_which_are_only_followed_on_a_click(self, tmp_path):
        path = plain_deck(tmp_path / "link.pptx", ["Visit"])
        prs = Presentation(str(path))
        run = prs.slides[0].shapes.title.text_frame.paragraphs[0].runs[0]
        run.hyperlink.address = "https://example.com/"
        prs.save(str(path))
        stripped = strip_active_content(path.read_bytes())
        assert stripped.removed == () and stripped.blob == path.read_bytes()

    def it_removes_the_macro_project_its_relationship_and_content_type(self, tmp_path):
        good = plain_deck(tmp_path / "good.pptx", ["One"])
        potm = macro_enabled(good, tmp_path / "macro.potm")
        stripped = strip_active_content(potm.read_bytes())
        assert [str(r) for r in stripped.removed] == [
            "removed the macro project ppt/vbaProject.bin"
        ]
        assert "ppt/vbaProject.bin" not in members(stripped.blob)
        with zipfile.ZipFile(io.BytesIO(stripped.blob)) as zf:
            assert b"vbaProject" not in zf.read("[Content_Types].xml")
            assert b"vbaProject" not in zf.read("ppt/_rels/presentation.xml.rels")

    def it_leaves_a_clean_package_byte_for_byte(self, tmp_path):
        good = plain_deck(tmp_path / "good.pptx", ["One", "Two"]).read_bytes()
        assert strip_active_content(good).blob is good


class DescribeIntegrityOfMacros:
    def it_fails_a_deck_that_holds_a_macro_project(self, tmp_path):
        good = plain_deck(tmp_path / "good.pptx", ["One"])
        pptm = macro_enabled(
            good,
            tmp_path / "deck.pptm",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        )
        assert check_integrity(good).ok
        report = check_integrity(pptm)
        assert report.problems == (
            "/ppt/vbaProject.bin is a macro project; decks must not carry macros",
        )

    def it_fails_a_macro_enabled_main_part(self, tmp_path):
        potm = macro_enabled(plain_deck(tmp_path / "good.pptx", ["One"]), tmp_path / "m.potm")
        problems = check_integrity(potm).problems
        assert "the presentation is typed as macro-enabled (.pptm/.potm)" in problems


class DescribeLinkedMedia:
    def it_removes_a_linked_video_and_the_animation_that_plays_it(self, tmp_path):
        path = designed_deck(tmp_path / "d.pptx")  # slide 4 holds an embedded video
        blob = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(blob)) as zf:
            rels = zf.read("ppt/slides/_rels/slide4.xml.rels").decode()
            slide = zf.read("ppt/slides/slide4.xml")
        assert b"<p:timing" in slide and "/video" in rels
        # PowerPoint's "Link to File": the video and media targets become external paths.
        linked = re.sub(
            r'(Type="[^"]*/(?:video|media)") Target="[^"]*"',
            r'\1 Target="file:///srv/share/secret.mp4" TargetMode="External"',
            rels,
        )
        hostile = rewritten(blob, {"ppt/slides/_rels/slide4.xml.rels": linked.encode()})
        stripped = strip_active_content(hostile)
        assert {str(r) for r in stripped.removed} == {
            "removed a linked video (file:///srv/share/secret.mp4)",
            "removed linked media (file:///srv/share/secret.mp4)",
            "removed animations on a removed linked shape",
        }
        assert external_rels(stripped.blob) == []
        prs = Presentation(io.BytesIO(stripped.blob))
        assert [s.shape_type for s in prs.slides[3].shapes].count(16) == 0  # no media shape
        assert prs.slides[3].shapes.title.text == "Watch"
        problems = check_integrity(stripped.blob).problems
        assert not [p for p in problems if "slide4" in p]


class DescribeIntegrityOfLinks:
    def it_fails_a_deck_with_a_linked_picture_and_passes_it_stripped(self, tmp_path):
        deck = linked_picture_deck(tmp_path / "l.pptx", "http://127.0.0.1:9/x.png").read_bytes()
        assert check_integrity(deck).problems == (
            "/ppt/slides/slide1.xml: rId3 is a linked picture (http://127.0.0.1:9/x.png); "
            "an office fetches it when the deck is opened",
        )
        assert check_integrity(strip_active_content(deck).blob).ok
