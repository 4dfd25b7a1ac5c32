"""A PDF that must fit a page budget: the first of several renderings that fits is written.

Built on `enabler.export.html_pdf` (sandboxed, autoescaped templates; the locked-down URL
fetcher; atomic writes). The only addition is choosing among candidate HTML documents, most
detailed first, by their laid-out page count.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from enabler.errors import ExportFailed, Fix, Hint
from enabler.export import html_pdf
from enabler.export.atomic import write_atomic


@dataclass(frozen=True, slots=True)
class FittedPdf:
    path: Path
    pages: int
    variant: int  # which candidate was written (0 = the most detailed)
    refused: tuple[str, ...]  # URLs the document asked for and did not get


def write_fitting_pdf(
    candidates: Sequence[str], template_dir: str, out: Path | str, max_pages: int = 1
) -> FittedPdf:
    """Write the first candidate HTML that lays out in at most `max_pages` pages, atomically.

    When none fits, the last (most compact) candidate is written cut to `max_pages` pages.
    Relative URLs in the HTML resolve in `templates/<template_dir>/`.
    """
    if not candidates:
        raise ExportFailed("Nothing to render.")
    folder = Path(out).expanduser().parent
    if not folder.is_dir():  # fail before the slow part
        raise ExportFailed(
            f"The folder {folder} does not exist. Create it or choose another output file.",
            hint=Hint(Fix.GIVE, "out"),
        )
    try:
        from weasyprint import HTML
        from weasyprint.text.fonts import FontConfiguration
    except (ImportError, OSError) as exc:
        raise ExportFailed(
            f"WeasyPrint cannot run here ({exc}). {html_pdf.WEASYPRINT_HINT}"
        ) from exc
    fetcher = html_pdf.project_fetcher()
    base_url = (html_pdf.TEMPLATES / template_dir).as_uri() + "/"
    fonts = FontConfiguration()
    for n, html in enumerate(candidates):
        document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
            font_config=fonts
        )
        variant = n
        if len(document.pages) <= max_pages:
            break
    if len(document.pages) > max_pages:
        document = document.copy(document.pages[:max_pages])
    buf = io.BytesIO()
    document.write_pdf(buf)
    path = write_atomic(Path(out), lambda fh: fh.write(buf.getvalue()))
    return FittedPdf(path, len(document.pages), variant, tuple(fetcher.refused))
