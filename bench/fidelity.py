"""Fidelity of imported slides: how close a built deck looks to the deck its slides came from.

For each real deck in `../shared/corpus/real/pptx/` (templates skipped), its slides are imported
as a marketer would (`import_slides`), approved, and built into a deck for a prospect. The
original and the built deck are rendered by one warm LibreOffice at 30 dpi; each slide scores
the mean absolute grey difference (0–255) between its original and its copy, best of four
alignments: top-left, centred, stretched, and fitted (scaled uniformly and centred, which is
how a slide of another size lands on the deck's page). Side-by-side contact sheets go to
`out/fidelity/` (git-ignored).

    python bench/fidelity.py              # 8 decks × first 5 slides (40 slides)
    python bench/fidelity.py --decks 2    # the first 2 of them, for fast iteration
    python bench/fidelity.py --only aascu,themes --slides 16
    python bench/fidelity.py --all        # every deck, every slide
    python bench/fidelity.py --formatting deck   # modules set to use the deck's template

Target: ≥ 90 % of the slides within 12 grey levels and none worse than 40.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageOps, ImageStat
from pptx import Presentation

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from enabler.domain.prospects import Prospect  # noqa: E402
from enabler.errors import EnablerError  # noqa: E402
from enabler.export.libreoffice import Converter  # noqa: E402
from enabler.render.deck import assemble, to_bytes  # noqa: E402
from enabler.render.integrity import check_integrity  # noqa: E402
from enabler.services.deck.build import plan_deck, template_context  # noqa: E402
from enabler.services.slides.designed import set_formatting  # noqa: E402
from enabler.services.slides.import_slides import import_slides  # noqa: E402
from enabler.store import assets  # noqa: E402
from enabler.store import prospects as prospect_store  # noqa: E402
from enabler.store.connection.db import open_db, transaction  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "real" / "pptx"
OUT = ROOT / "out" / "fidelity"
DPI = 30
WITHIN, WORST = 12.0, 40.0
COMPANY = "Fidelity Test"
# The measured set: real decks with at least five slides and varied looks (masters, pictures,
# charts, SmartArt, odd sizes).
DEFAULT_DECKS = (
    "pptxgenjs__Nodejs-Demo-Presentation",
    "poi__uaeu-GeomLec1",
    "onlyoffice__sample-en",
    "poi__aes-Maloney",
    "poi__themes",
    "m3dev__data3-in",
    "poi__aascu-hbcu-cooper",
    "poi__ecodesign-Vertiefungsvortrag",
)


@dataclass(frozen=True, slots=True)
class DeckScore:
    name: str
    scores: tuple[float, ...]
    error: str = ""

    def within(self) -> int:
        return sum(s <= WITHIN for s in self.scores)


def grey(path: Path) -> Image.Image:
    with Image.open(path) as im:
        return im.convert("L")


def _diff(a: Image.Image, b: Image.Image) -> float:
    return ImageStat.Stat(ImageChops.difference(a, b)).mean[0]


def score(original: Image.Image, built: Image.Image) -> float:
    """Mean absolute grey difference, best of top-left, centred, stretched and fitted alignment."""
    w, h = original.size
    bw, bh = built.size
    canvas = Image.new("L", (max(w, bw), max(h, bh)), 255)
    scale = min(bw / w, bh / h)  # fitted: how Enabler places a page of another size
    fw, fh = round(w * scale), round(h * scale)
    fitted = built.crop(((bw - fw) // 2, (bh - fh) // 2, (bw - fw) // 2 + fw, (bh - fh) // 2 + fh))
    candidates = [built.resize((w, h)), fitted.resize((w, h))]
    for left, top in ((0, 0), ((bw - w) // 2, (bh - h) // 2)):
        padded = canvas.copy()
        padded.paste(built, (max(0, -left), max(0, -top)))
        x, y = max(0, left), max(0, top)
        candidates.append(padded.crop((x, y, x + w, y + h)))
    return min(_diff(original, c) for c in candidates)


def render(converter: Converter, deck: Path, work: Path) -> list[Path]:
    """PNG of each page of `deck` at DPI, rendered through the warm converter."""
    pdf = converter.convert(deck, work / f"{deck.stem}.pdf")
    prefix = work / deck.stem
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(prefix)], check=True, timeout=300
    )
    return sorted(work.glob(f"{deck.stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def build(deck: Path, work: Path, slides: int | None, formatting: str) -> tuple[Path, int, int]:
    """Import `deck`'s slides into a fresh library and build a deck of the first `slides`;
    the built file, how many slides were imported and where in it they start (after the title
    slide; a closing slide may follow them)."""
    db = open_db(work / f"{deck.stem}.db")
    with transaction(db):
        prospect_store.create(db, Prospect(id=0, company=COMPANY, industry="Healthcare"))
    result = import_slides(db, deck, thumbnails=False, isolate=False)
    with db.conn:
        db.execute("UPDATE modules SET state = 'approved'")
    keys = [s.module_key for s in result.slides][:slides]
    if formatting != "source":
        for key in keys:
            set_formatting(db, key, formatting)
    out = work / f"built-{deck.stem}.pptx"
    plan = plan_deck(db, COMPANY, keys)
    firsts: list[int] = []
    prs = assemble(
        plan,
        template_context(db, plan),
        lambda sha: assets.get(db, sha),
        on_module=lambda _planned, first, _added: firsts.append(first),
    )
    out.write_bytes(to_bytes(prs))
    problems = check_integrity(out).problems
    if problems:
        raise EnablerError(f"integrity: {problems[0]}")
    Presentation(str(out))  # reopens with python-pptx
    return out, len(keys), min(firsts, default=0)


def contact_sheet(name: str, pairs: list[tuple[Path, Path, float]]) -> Path:
    """Original | built, one row per slide, with the score."""
    rows = [(Image.open(a).convert("RGB"), Image.open(b).convert("RGB"), s) for a, b, s in pairs]
    w = max(a.width for a, _, _ in rows) + max(b.width for _, b, _ in rows) + 30
    h = sum(max(a.height, b.height) + 20 for a, b, _ in rows) + 10
    sheet = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(sheet)
    y = 10
    for n, (a, b, s) in enumerate(rows, start=1):
        colour = "green" if s <= WITHIN else ("orange" if s <= WORST else "red")
        draw.text((10, y - 2), f"{n}: {s:.1f}", fill=colour)
        y += 10
        sheet.paste(ImageOps.expand(a, 1, "grey"), (10, y))
        sheet.paste(ImageOps.expand(b, 1, "grey"), (a.width + 20, y))
        y += max(a.height, b.height) + 10
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.png"
    sheet.save(path)
    return path


def measure(converter, deck: Path, work: Path, slides: int | None, formatting: str) -> DeckScore:
    try:
        built, count, first = build(deck, work, slides, formatting)
        originals = render(converter, deck, work)[:count]
        copies = render(converter, built, work)[first : first + count]
    except (EnablerError, subprocess.SubprocessError, OSError) as exc:
        return DeckScore(deck.stem, (), str(exc).splitlines()[0][:70])
    if len(originals) != count or len(copies) != count:
        return DeckScore(deck.stem, (), f"pages: {len(originals)} / {len(copies)} of {count}")
    scores = [score(grey(a), grey(b)) for a, b in zip(originals, copies, strict=True)]
    contact_sheet(deck.stem, list(zip(originals, copies, scores, strict=True)))
    return DeckScore(deck.stem, tuple(scores))


def decks(args) -> list[Path]:
    every = sorted(CORPUS.glob("*.pptx"))
    if args.all:
        return every
    names = args.only.split(",") if args.only else list(DEFAULT_DECKS)[: args.decks]
    chosen = [p for name in names for p in every if name in p.stem][: len(names) * 1]
    if not chosen:
        raise SystemExit(f"No deck in {CORPUS} matches {names}.")
    return chosen


def table(results: list[DeckScore]) -> None:
    print(f"{'deck':42} {'slides':>6} {'≤12':>4} {'worst':>6}  scores")
    for r in results:
        if r.error:
            print(f"{r.name:42} {'-':>6} {'-':>4} {'-':>6}  error: {r.error}")
            continue
        listed = " ".join(f"{s:.0f}" for s in r.scores)
        print(f"{r.name:42} {len(r.scores):6} {r.within():4} {max(r.scores):6.1f}  {listed}")
    scores = [s for r in results for s in r.scores]
    if scores:
        share = sum(s <= WITHIN for s in scores) / len(scores)
        print(
            f"{'all':42} {len(scores):6} {sum(s <= WITHIN for s in scores):4} "
            f"{max(scores):6.1f}  {share:.0%} within {WITHIN:.0f}"
        )
        print(f"BENCH fidelity_within_12={share * 100:.1f} target>=90")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decks", type=int, default=len(DEFAULT_DECKS), help="first N decks")
    parser.add_argument("--only", default="", help="comma-separated parts of deck names")
    parser.add_argument("--slides", type=int, default=5, help="first N slides of each deck")
    parser.add_argument("--all", action="store_true", help="every deck, every slide")
    parser.add_argument(
        "--formatting",
        choices=("source", "deck"),
        default="source",
        help="build with each module's formatting set so (deck: use the brand template)",
    )
    args = parser.parse_args()
    slides = None if args.all else args.slides
    started = time.perf_counter()
    converter = Converter()
    results = []
    try:
        with tempfile.TemporaryDirectory(prefix="enabler-fidelity-") as tmp:
            for deck in decks(args):
                work = Path(tmp) / deck.stem
                work.mkdir()
                results.append(measure(converter, deck, work, slides, args.formatting))
                print(f"  {deck.stem}: done", file=sys.stderr)
    finally:
        converter.close()
    table(results)
    print(f"contact sheets in {OUT} ({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
