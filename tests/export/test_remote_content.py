"""LibreOffice never fetches what a deck links to (issue 21, item 5).

A deck whose pictures are linked to a file (`file:///…`) and to a loopback web server
(`http://127.0.0.1:…`) is converted; each target is an SVG whose text would land in the PDF's
text if it were drawn. The server counts requests. A control conversion with a plain profile
shows that LibreOffice does fetch both when it is not locked down, so the test can fail.
"""

from __future__ import annotations

import http.server
import io
import subprocess
import threading

import pytest
from pptx import Presentation
from pypdf import PdfReader

from enabler.export import soffice as lo
from enabler.export.libreoffice import Converter
from enabler.services.slides.thumbnails import render_thumbnails
from tests.conftest import png_bytes
from tests.reliability.hostile_packages import linked_picture_deck, marker_svg

FILE_MARK, HTTP_MARK = "FILEMARK42", "HTTPMARK42"

# fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def server():
    """A loopback web server that serves the HTTP marker and counts every request."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _serve(self):
            hits.append(f"{self.command} {self.path}")
            body = marker_svg(HTTP_MARK)
            self.send_response(200)
            self.send_header("Content-Type", "image/svg+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        do_GET = do_HEAD = do_OPTIONS = do_PROPFIND = _serve

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/marker.svg", hits
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def linked_deck(tmp_path, server):
    url, _ = server
    marker = tmp_path / "secret.svg"
    marker.write_bytes(marker_svg(FILE_MARK))
    return linked_picture_deck(tmp_path / "linked.pptx", marker.as_uri(), url)


def pdf_text(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(str(path)).pages)


@pytest.mark.libreoffice
class DescribeLinkedPicturesInConversions:
    def it_fetches_both_with_a_plain_profile_which_is_the_attack(
        self, soffice, linked_deck, server, tmp_path
    ):
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={(tmp_path / 'plain').as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path / "plain-out"),
                str(linked_deck),
            ],
            check=True,
            capture_output=True,
            timeout=240,
        )
        text = pdf_text(tmp_path / "plain-out" / "linked.pdf")
        assert FILE_MARK in text and HTTP_MARK in text and server[1]

    def it_fetches_neither_in_a_pdf_export(self, soffice, linked_deck, server, tmp_path):
        embedded = linked_picture_deck(tmp_path / "embedded.pptx")  # no links yet
        prs = Presentation(str(embedded))
        prs.slides[0].shapes.add_picture(io.BytesIO(png_bytes("orange", (80, 60))), 0, 0)
        prs.save(str(embedded))
        converter = Converter(timeout=180)
        try:
            pdf = converter.convert(linked_deck, tmp_path / "deck.pdf")
            control = converter.convert(embedded, tmp_path / "embedded.pdf")
        finally:
            converter.close()
        text = pdf_text(pdf)
        assert "Linked {{ prospect.company }}" in text  # the slide itself was drawn
        assert FILE_MARK not in text and HTTP_MARK not in text
        assert server[1] == []
        assert len(PdfReader(str(control)).pages[0].images) == 1  # embedded pictures still show

    def it_fetches_neither_for_a_thumbnail(self, soffice, linked_deck, server):
        (png,) = render_thumbnails([linked_deck.read_bytes()])
        assert png is not None and server[1] == []


class DescribeLockedDownProfile:
    def it_adds_its_settings_once_to_a_profile_libreoffice_wrote(self, tmp_path):
        xcu = tmp_path / "user" / "registrymodifications.xcu"
        xcu.parent.mkdir(parents=True)
        xcu.write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org'
            '/2001/registry">\n<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLoc'
            'ale" oor:op="fuse"><value>en-US</value></prop></item>\n</oor:items>\n'
        )
        lo.lock_down_profile(tmp_path)
        once = xcu.read_text()
        lo.lock_down_profile(tmp_path)
        assert xcu.read_text() == once
        assert once.count('"BlockUntrustedRefererLinks" oor:op="fuse"><value>true<') == 1
        assert "ooLocale" in once and once.rstrip().endswith("</oor:items>")
