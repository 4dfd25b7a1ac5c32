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

from fontTools.ttLib import TTFont

FONTS_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"
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
class _Metrics:
    advances: dict[int, float]  # code point → advance in em
    line_em: float  # ascender − descender + line gap, in em


@dataclass(frozen=True)
class Face:
    """One font file's metrics, in em units; the widths are read on first use."""

    family: str
    weight: int  # OS/2 usWeightClass: 400 regular, 700 bold, 900 black
    italic: bool
    path: Path
    widths: dict[str, float] = field(default_factory=dict, compare=False)  # word → em, cached
    # A deck uses a few of the faces: each file's width table is read only when measured with.
    _metrics: list[_Metrics] = field(default_factory=list, compare=False, repr=False)

    @property
    def advances(self) -> dict[int, float]:
        return self._loaded().advances

    @property
    def line_em(self) -> float:
        return self._loaded().line_em

    def _loaded(self) -> _Metrics:
        if not self._metrics:
            self._metrics.append(_read_metrics(self.path))
        return self._metrics[0]


def _read_metrics(path: Path) -> _Metrics:
    font = TTFont(str(path), lazy=True)
    try:
        upm = font["head"].unitsPerEm
        hmtx = font["hmtx"].metrics
        cmap = font.getBestCmap() or {}
        advances = {cp: hmtx[glyph][0] / upm for cp, glyph in cmap.items() if glyph in hmtx}
        hhea = font["hhea"]
        return _Metrics(advances, (hhea.ascent - hhea.descent + hhea.lineGap) / upm)
    finally:
        font.close()


def _load_face(path: Path) -> Face:
    font = TTFont(str(path), lazy=True)
    try:
        names = font["name"]
        family = str(names.getDebugName(16) or names.getDebugName(1) or path.stem)
        os2 = font["OS/2"]
        return Face(
            family=family, weight=os2.usWeightClass, italic=bool(os2.fsSelection & 1), path=path
        )
    finally:
        font.close()


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
                    face = _load_face(path)
                    face._loaded()  # read now: an unreadable file is skipped here
                    faces.append(face)
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
