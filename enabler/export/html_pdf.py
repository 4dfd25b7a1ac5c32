"""HTML → PDF with WeasyPrint, locked down so a document can only load the project's own files.

- Templates render in Jinja2's sandbox with autoescape on and StrictUndefined: user text can
  never become markup, and a missing value is an error rather than a blank.
- Every URL the document asks for (stylesheets, fonts, images, SVG references) goes through
  `ProjectFetcher`: `data:` URLs and files inside the allowed folders (templates/ and assets/)
  only. No network, no other local file, no redirects. Refusals are recorded.
- The PDF is written atomically.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from enabler.errors import ExportFailed
from enabler.export.atomic import write_atomic

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
PROJECT_ROOTS = (TEMPLATES, ROOT / "assets")
WEASYPRINT_HINT = (
    "Install it with `pip install 'weasyprint>=70'` and its system libraries "
    "(Debian: apt install libpango-1.0-0 libpangoft2-1.0-0)."
)


def allowed(url: str, roots: Sequence[Path] = PROJECT_ROOTS) -> bool:
    """True for `data:` URLs and for `file:` URLs naming an existing file inside `roots`."""
    parts = urlsplit(url)
    if parts.scheme == "data":
        return True
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(url2pathname(unquote(parts.path))).resolve()  # resolves symlinks and ..
    return path.is_file() and any(path.is_relative_to(r.resolve()) for r in roots)


def project_fetcher(roots: Sequence[Path] = PROJECT_ROOTS):
    """A WeasyPrint URL fetcher that loads only what `allowed` accepts.

    `.requested` lists every URL WeasyPrint asked for, `.refused` those it did not get.
    """
    from weasyprint.urls import URLFetcher, URLFetchingError

    class ProjectFetcher(URLFetcher):
        def __init__(self) -> None:
            # No redirects: an allowed URL can never lead somewhere else.
            super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
            self.requested: list[str] = []
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            self.requested.append(url)
            if not allowed(url, roots):
                self.refused.append(url)
                raise URLFetchingError(f"Refused to load {url[:200]!r}: not a project file.")
            return super().fetch(url, headers)

    return ProjectFetcher()


def data_url(blob: bytes, mime: str) -> str:
    """Inline bytes (a logo, an SVG chart) so the document needs no file access for them."""
    return f"data:{mime};base64,{base64.b64encode(blob).decode('ascii')}"


def render_html(template_dir: str, template: str, data: dict) -> str:
    """Render `templates/<template_dir>/<template>` with `data`, escaping every value."""
    env = SandboxedEnvironment(
        loader=FileSystemLoader(TEMPLATES / template_dir),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    try:
        return env.get_template(template).render(**data)
    except TemplateError as exc:
        raise ExportFailed(
            f"The {template_dir} template failed: {exc}. Nothing was written."
        ) from exc


@dataclass(frozen=True, slots=True)
class PdfResult:
    path: Path
    pages: int
    refused: tuple[str, ...]  # URLs the document asked for and did not get


def write_pdf(html: str, template_dir: str, out: Path | str, fetcher=None) -> PdfResult:
    """Lay out `html` (relative URLs resolve in templates/<template_dir>/) and write the PDF."""
    try:
        from weasyprint import HTML
        from weasyprint.text.fonts import FontConfiguration
    except (ImportError, OSError) as exc:
        raise ExportFailed(f"WeasyPrint cannot run here ({exc}). {WEASYPRINT_HINT}") from exc
    fetcher = fetcher if fetcher is not None else project_fetcher()
    base_url = (TEMPLATES / template_dir).as_uri() + "/"
    fonts = FontConfiguration()
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(font_config=fonts)
    buf = io.BytesIO()
    document.write_pdf(buf)
    path = write_atomic(Path(out), lambda fh: fh.write(buf.getvalue()))
    return PdfResult(path, len(document.pages), tuple(getattr(fetcher, "refused", ())))
