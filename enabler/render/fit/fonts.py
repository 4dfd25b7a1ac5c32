"""The font files text fit measures with: the project's own, else a metric-compatible one.

Lato and Open Sans come from assets/fonts. A deck made elsewhere may use an Office font; then
the metric-compatible stand-in LibreOffice itself uses (Carlito for Calibri, Liberation Sans for
Arial…) is looked up through fontconfig. Failing that, the body font stands in and the family
is recorded in `FontBook.missing`, so callers can say the measurement is approximate.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from enabler.render.fit import font_cache
from enabler.render.fit.font_cache import FontMetrics

FONTS_DIR = Path(__file__).resolve().parents[3] / "assets" / "fonts"
BODY_FAMILY = "Open Sans"
# Same advance widths as the Office fonts on the left (what LibreOffice substitutes).
METRIC_TWINS = {
    "calibri": "Carlito",
    "cambria": "Caladea",
    "arial": "Liberation Sans",
    "helvetica": "Liberation Sans",
    "times new roman": "Liberation Serif",
    "courier new": "Liberation Mono",
}

# fontTools complains about old 'created' timestamps in the head table of some fonts.
logging.getLogger("fontTools").setLevel(logging.ERROR)


@dataclass(frozen=True, slots=True)
class Face:
    """One font file's metrics, in em units."""

    family: str
    weight: int  # OS/2 usWeightClass: 400 regular, 700 bold, 900 black
    italic: bool
    path: Path
    advances: dict[int, float]  # code point → advance in em
    line_em: float  # ascender − descender + line gap, in em
    widths: dict[str, float] = field(default_factory=dict, compare=False)  # word → em, cached


def _read_font(path: Path) -> FontMetrics:
    """What text fit needs from a font file, read with fontTools (imported only here)."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), lazy=True)
    try:
        upm = font["head"].unitsPerEm
        names = font["name"]
        os2 = font["OS/2"]
        hmtx = font["hmtx"].metrics
        cmap = font.getBestCmap() or {}
        hhea = font["hhea"]
        return FontMetrics(
            family=str(names.getDebugName(16) or names.getDebugName(1) or path.stem),
            weight=os2.usWeightClass,
            italic=bool(os2.fsSelection & 1),
            line_em=(hhea.ascent - hhea.descent + hhea.lineGap) / upm,
            advances={cp: hmtx[glyph][0] / upm for cp, glyph in cmap.items() if glyph in hmtx},
        )
    finally:
        font.close()


def _load_face(path: Path) -> Face:
    """A face from the metrics cache, else from the font file (then cached for next time)."""
    metrics = font_cache.load(path)
    if metrics is None:
        metrics = _read_font(path)
        font_cache.store(path, metrics)
    return Face(
        family=metrics.family,
        weight=metrics.weight,
        italic=metrics.italic,
        path=path,
        advances=metrics.advances,
        line_em=metrics.line_em,
    )


def _system_files(family: str) -> list[Path]:
    """Font files fontconfig knows for exactly this family ([] without fontconfig)."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return []
    try:
        out = subprocess.run(
            [fc_list, f":family={family}", "file"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    files = (Path(line.split(":")[0].strip()) for line in out.splitlines() if line.strip())
    return sorted(f for f in files if f.suffix.lower() in (".ttf", ".otf"))


class FontBook:
    """Fonts by family and style: assets/fonts first, then metric twins from the system."""

    def __init__(self, folder: Path = FONTS_DIR) -> None:
        self._families: dict[str, list[Face]] = {}
        for face in (_load_face(p) for p in sorted(folder.glob("*.[ot]tf"))):
            self._families.setdefault(face.family.casefold(), []).append(face)
        if BODY_FAMILY.casefold() not in self._families:
            raise FileNotFoundError(f"no {BODY_FAMILY} in {folder}")
        self.missing: set[str] = set()  # families measured with the body font instead
        # Every run of every frame asks for its face: remember the choice per style.
        self._faces: dict[tuple[str, bool, bool], Face] = {}

    def _lookup(self, family: str) -> list[Face]:
        key = family.casefold()
        if key not in self._families:
            twin = METRIC_TWINS.get(key, family)
            faces = []
            for path in _system_files(twin):
                try:
                    faces.append(_load_face(path))
                except Exception:  # an unreadable system font is just not used
                    continue
            if not faces:
                self.missing.add(family)
                faces = self._families[BODY_FAMILY.casefold()]
            self._families[key] = faces
        return self._families[key]

    def face(self, family: str, bold: bool = False, italic: bool = False) -> Face:
        key = (family, bold, italic)
        found = self._faces.get(key)
        if found is None:
            weight = 700 if bold else 400
            faces = self._lookup(family)
            found = min(faces, key=lambda f: (f.italic != italic, abs(f.weight - weight)))
            self._faces[key] = found
        return found


@lru_cache(maxsize=4)
def font_book(folder: Path = FONTS_DIR) -> FontBook:
    return FontBook(folder)
