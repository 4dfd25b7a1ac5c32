"""Generate the Brightwave demo-library images (UI mock-ups, diagrams and logos).

Deterministic: no randomness, no network. Run from anywhere:

    python assets/demo/make_images.py

PNGs are written to ``assets/demo/images/`` next to this script.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONTS = HERE.parent / "fonts"
OUT = HERE / "images"

NAVY, TEAL, AMBER, BLUE = "#0B2545", "#13A89E", "#F59E0B", "#3B82F6"
MIST, INK, WHITE, GREY, LINE = "#EEF2F7", "#1F2433", "#FFFFFF", "#6B7385", "#D5DCE6"
RED = "#DC4B4B"


def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    """Load one of the bundled TTF fonts at ``size`` pixels."""
    return ImageFont.truetype(str(FONTS / f"{name}.ttf"), size)


def box(d: ImageDraw.ImageDraw, xy, fill=WHITE, outline=None, r: int = 10) -> None:
    """Draw a rounded rectangle."""
    d.rounded_rectangle(xy, radius=r, fill=fill, outline=outline, width=2)


def text(d: ImageDraw.ImageDraw, xy, s: str, size=20, fill=INK, face="OpenSans-Regular", **kw):
    """Draw text with a bundled font."""
    d.text(xy, s, font=font(face, size), fill=fill, **kw)


def save(img: Image.Image, name: str, colors: int = 96) -> None:
    """Palette-quantise and write ``img`` as an optimised PNG."""
    if img.mode == "RGBA":
        img = img.quantize(colors=colors, method=Image.Quantize.FASTOCTREE)
    else:
        img = img.quantize(colors=colors)
    img.save(OUT / name, optimize=True)


def app_frame(title: str, active: int) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    """Create a 1600x1000 Brightwave Flow window with top bar and sidebar."""
    img = Image.new("RGB", (1600, 1000), MIST)
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, 1600, 64), fill=NAVY)
    d.ellipse((24, 16, 56, 48), fill=TEAL)
    text(d, (68, 14), "Brightwave Flow", 24, WHITE, "Lato-Bold")
    box(d, (520, 14, 1080, 50), fill="#1A3560", r=18)
    text(d, (544, 20), "Search documents, cases, vendors…", 17, "#9FB0C8")
    d.ellipse((1530, 14, 1566, 50), fill=AMBER)
    text(d, (1537, 19), "DW", 16, NAVY, "OpenSans-Bold")
    d.rectangle((0, 64, 240, 1000), fill=WHITE)
    nav = ["Dashboard", "Review queue", "Workflows", "Audit trail", "Integrations", "Settings"]
    for i, item in enumerate(nav):
        y = 96 + i * 52
        if i == active:
            box(d, (12, y - 8, 228, y + 34), fill="#E3F5F3", r=8)
            d.rectangle((12, y - 8, 17, y + 34), fill=TEAL)
        text(d, (36, y), item, 18, TEAL if i == active else GREY, "OpenSans-Semibold")
    text(d, (280, 92), title, 34, INK, "Lato-Black")
    return img, d


def table(d, x, y, widths, rows, row_h=52, size=17) -> None:
    """Draw a simple table; the first row is a header, status words get coloured pills."""
    pills = {"Approved": TEAL, "Routed": BLUE, "Exception": AMBER, "Rejected": RED}
    box(d, (x, y, x + sum(widths), y + row_h * len(rows)), fill=WHITE, outline=LINE)
    for r, row in enumerate(rows):
        cy = y + r * row_h
        if r:
            d.line((x, cy, x + sum(widths), cy), fill=LINE, width=1)
        cx = x
        for c, cell in enumerate(row):
            if r and cell in pills:
                mid = cy + row_h // 2
                box(d, (cx + 16, mid - 15, cx + 136, mid + 15), fill=pills[cell], r=15)
                text(d, (cx + 76, cy + row_h // 2), cell, 14, WHITE, "OpenSans-Bold", anchor="mm")
            else:
                face, col = ("OpenSans-Bold", GREY) if r == 0 else ("OpenSans-Regular", INK)
                text(d, (cx + 16, cy + row_h // 2), cell, size, col, face, anchor="lm")
            cx += widths[c]


def dashboard() -> None:
    """Queue dashboard with KPI tiles, throughput chart and live queue."""
    img, d = app_frame("Operations dashboard", 0)
    kpis = [
        ("Documents today", "18,432", TEAL),
        ("Straight-through", "87.4%", BLUE),
        ("Median cycle time", "3m 12s", AMBER),
        ("Open exceptions", "146", RED),
    ]
    for i, (label, value, col) in enumerate(kpis):
        x = 280 + i * 324
        box(d, (x, 150, x + 300, 290))
        d.rectangle((x, 150, x + 6, 290), fill=col)
        text(d, (x + 28, 170), label, 18, GREY, "OpenSans-Semibold")
        text(d, (x + 28, 204), value, 44, INK, "Lato-Black")
    box(d, (280, 316, 1000, 640))
    text(d, (308, 334), "Throughput by hour", 20, INK, "OpenSans-Bold")
    heights = [60, 85, 120, 170, 210, 235, 220, 240, 205, 190, 150, 110]
    for i, h in enumerate(heights):
        x = 320 + i * 56
        d.rectangle((x, 610 - h, x + 34, 610), fill=TEAL if i % 4 else BLUE)
    box(d, (1024, 316, 1572, 640))
    text(d, (1052, 334), "Queue mix", 20, INK, "OpenSans-Bold")
    mix = [
        ("Claims", 42, TEAL),
        ("Invoices", 27, BLUE),
        ("Prior auth", 19, AMBER),
        ("KYC packets", 12, NAVY),
    ]
    start = -90.0
    for _label, pct, col in mix:
        d.pieslice((1060, 390, 1260, 590), start, start + pct * 3.6, fill=col)
        start += pct * 3.6
    d.ellipse((1110, 440, 1210, 540), fill=WHITE)
    for i, (label, pct, col) in enumerate(mix):
        d.rectangle((1300, 410 + i * 44, 1318, 428 + i * 44), fill=col)
        text(d, (1330, 406 + i * 44), f"{label}  {pct}%", 18)
    rows = [
        ["Document", "Type", "Confidence", "Status"],
        ["CLM-2026-448812", "Claim", "0.98", "Approved"],
        ["INV-88-20417", "Invoice", "0.91", "Routed"],
        ["PA-77310", "Prior auth", "0.64", "Exception"],
        ["KYC-5521-B", "KYC packet", "0.95", "Approved"],
    ]
    table(d, 280, 664, [420, 320, 280, 272], rows)
    save(img, "flow-dashboard.png")


def review() -> None:
    """Document review screen: page thumbnail beside extracted fields."""
    img, d = app_frame("Review · INV-88-20417", 1)
    box(d, (280, 150, 860, 970))
    d.rectangle((320, 190, 820, 240), fill=NAVY)
    text(d, (340, 200), "INVOICE  #88-20417", 22, WHITE, "Lato-Bold")
    for i in range(14):
        y = 270 + i * 34
        d.rectangle((320, y, 320 + (480 if i % 3 else 300), y + 12), fill=LINE)
    for y in (300, 436, 606):
        d.rectangle((316, y - 8, 700, y + 20), outline=TEAL, width=3)
    d.rectangle((560, 800, 820, 880), fill=MIST)
    text(d, (580, 820), "TOTAL  $48,215.60", 22, INK, "OpenSans-Bold")
    text(d, (900, 150), "Extracted fields", 24, INK, "Lato-Bold")
    fields = [
        ("Vendor", "Castellan Supply Co.", 0.99),
        ("Invoice date", "2026-10-28", 0.97),
        ("PO number", "PO-4471-22", 0.93),
        ("Net amount", "$44,644.07", 0.96),
        ("Tax", "$3,571.53", 0.71),
        ("Total", "$48,215.60", 0.98),
    ]
    for i, (label, value, conf) in enumerate(fields):
        y = 200 + i * 100
        box(d, (900, y, 1572, y + 84), outline=AMBER if conf < 0.8 else LINE)
        text(d, (924, y + 10), label, 15, GREY, "OpenSans-Semibold")
        text(d, (924, y + 36), value, 22, INK, "OpenSans-Semibold")
        d.rectangle((1340, y + 46, 1540, y + 56), fill=MIST)
        bar = AMBER if conf < 0.8 else TEAL
        d.rectangle((1340, y + 46, 1340 + int(200 * conf), y + 56), fill=bar)
        text(d, (1540, y + 16), f"{conf:.0%}", 16, GREY, "OpenSans-Bold", anchor="ra")
    box(d, (900, 820, 1572, 880), fill="#FFF7E6", outline=AMBER)
    text(d, (924, 836), "Tax differs from PO by 2.1% — reviewer check required", 18, INK)
    box(d, (1200, 900, 1370, 960), fill=WHITE, outline=LINE)
    text(d, (1285, 930), "Send back", 19, INK, "OpenSans-Bold", anchor="mm")
    box(d, (1390, 900, 1572, 960), fill=TEAL)
    text(d, (1481, 930), "Approve", 19, WHITE, "OpenSans-Bold", anchor="mm")
    save(img, "flow-review.png")


NODE_W = 190


def node(d, x, y, label, sub, col) -> None:
    """Draw one workflow-builder node (NODE_W x 96) with a coloured header strip."""
    box(d, (x, y, x + NODE_W, y + 96), outline=LINE)
    d.rounded_rectangle((x, y, x + NODE_W, y + 30), radius=10, fill=col)
    d.rectangle((x, y + 20, x + NODE_W, y + 30), fill=col)
    text(d, (x + 14, y + 4), label, 16, WHITE, "OpenSans-Bold")
    text(d, (x + 14, y + 46), sub, 15, GREY)


def builder() -> None:
    """Workflow builder canvas with connected nodes and a properties panel."""
    img, d = app_frame("Workflow: Claims intake v7", 2)
    for gx in range(280, 1240, 32):
        for gy in range(160, 980, 32):
            d.point((gx, gy), fill="#C4CDDA")
    nodes = {
        "in": (300, 420, "Email + SFTP", "Inbound channels", NAVY),
        "cls": (540, 420, "Classify", "14 document types", TEAL),
        "ext": (780, 260, "Extract", "Claim form fields", TEAL),
        "pa": (780, 580, "Extract", "Prior auth fields", TEAL),
        "val": (1020, 420, "Validate", "Eligibility + rules", BLUE),
        "out": (1020, 700, "Route", "Epic work queues", NAVY),
    }
    links = [("in", "cls"), ("cls", "ext"), ("cls", "pa"), ("ext", "val"), ("pa", "val")]
    for a, b in links:
        ax, ay = nodes[a][0] + NODE_W, nodes[a][1] + 48
        bx, by = nodes[b][0], nodes[b][1] + 48
        mx = (ax + bx) // 2
        d.line([(ax, ay), (mx, ay), (mx, by), (bx, by)], fill=GREY, width=3)
        d.polygon([(bx, by), (bx - 12, by - 7), (bx - 12, by + 7)], fill=GREY)
    vx = 1020 + NODE_W // 2
    d.line((vx, 516, vx, 690), fill=GREY, width=3)
    d.polygon([(vx, 700), (vx - 7, 688), (vx + 7, 688)], fill=GREY)
    for x, y, label, sub, col in nodes.values():
        node(d, x, y, label, sub, col)
    d.rectangle((1240, 64, 1600, 1000), fill=WHITE)
    text(d, (1264, 92), "Validate · properties", 22, INK, "Lato-Bold")
    props = [
        ("Confidence threshold", "0.85"),
        ("On low confidence", "Human review"),
        ("Eligibility source", "Epic · 270/271"),
        ("SLA", "4 business hours"),
        ("Reviewer group", "Claims team B"),
    ]
    for i, (k, v) in enumerate(props):
        y = 150 + i * 84
        text(d, (1264, y), k, 15, GREY, "OpenSans-Semibold")
        box(d, (1264, y + 24, 1576, y + 64), fill=MIST, r=6)
        text(d, (1278, y + 32), v, 17)
    box(d, (1264, 900, 1576, 956), fill=TEAL)
    text(d, (1420, 928), "Publish version 7", 18, WHITE, "OpenSans-Bold", anchor="mm")
    save(img, "flow-builder.png")


def audit() -> None:
    """Audit trail table with filters and an export button."""
    img, d = app_frame("Audit trail", 3)
    for i, chip in enumerate(["Last 7 days", "All workflows", "All users", "Actions: any"]):
        box(d, (280 + i * 190, 150, 460 + i * 190, 192), outline=LINE, r=20)
        text(d, (370 + i * 190, 171), chip, 16, GREY, "OpenSans-Semibold", anchor="mm")
    box(d, (1392, 150, 1572, 192), fill=NAVY, r=20)
    text(d, (1482, 171), "Export CSV", 16, WHITE, "OpenSans-Bold", anchor="mm")
    rows = [
        ["Timestamp (UTC)", "Actor", "Action", "Record", "Result"],
        ["2026-11-18 14:02:11", "model v4.3", "Extracted 22 fields", "CLM-448812", "Approved"],
        ["2026-11-18 14:02:13", "rules engine", "Eligibility check", "CLM-448812", "Approved"],
        ["2026-11-18 14:05:40", "j.okafor", "Corrected tax field", "INV-88-20417", "Routed"],
        ["2026-11-18 14:06:02", "SAP connector", "Posted to AP", "INV-88-20417", "Routed"],
        ["2026-11-18 14:09:27", "model v4.3", "Low confidence", "PA-77310", "Exception"],
        ["2026-11-18 14:15:51", "m.reyes", "Rejected: unsigned", "KYC-5521-A", "Rejected"],
        ["2026-11-18 14:16:03", "policy v12", "Retention set 7 yrs", "KYC-5521-A", "Approved"],
        ["2026-11-18 14:21:45", "a.lindqvist", "Approved override", "PA-77310", "Approved"],
    ]
    table(d, 280, 220, [270, 200, 330, 250, 242], rows, row_h=80, size=18)
    text(d, (280, 950), "Tamper-evident log · SHA-256 chained · retained per policy", 16, GREY)
    save(img, "flow-audit.png")


def arrow(d, x1, y, x2, col=GREY) -> None:
    """Draw a horizontal arrow from x1 to x2."""
    d.line((x1, y, x2 - 14, y), fill=col, width=4)
    d.polygon([(x2, y), (x2 - 16, y - 10), (x2 - 16, y + 10)], fill=col)


def architecture() -> None:
    """Pipeline diagram: sources to systems of record."""
    img = Image.new("RGB", (1600, 900), WHITE)
    d = ImageDraw.Draw(img)
    text(d, (80, 50), "How Brightwave Flow works", 44, NAVY, "Lato-Black")
    text(d, (80, 112), "One governed pipeline from inbox to system of record", 22, GREY)
    d.rounded_rectangle((350, 200, 1250, 800), radius=24, fill=MIST)
    text(d, (800, 226), "BRIGHTWAVE FLOW", 18, TEAL, "OpenSans-Bold", anchor="mm")
    cols = [
        ("Sources", "Email|Scan / fax|Portals|SFTP / API", NAVY, 50),
        ("Capture", "OCR + layout|De-dup|Split packets", TEAL, 370),
        ("Classify + extract", "60+ doc types|Field-level|confidence", TEAL, 590),
        ("Validate", "Business rules|Human review|when < 0.85", BLUE, 810),
        ("Route", "SLA queues|Approvals|Audit trail", BLUE, 1030),
        ("Systems of record", "EHR (Epic, Cerner)|ERP (SAP, Oracle)|Core banking", NAVY, 1270),
    ]
    for i, (head, items, col, x) in enumerate(cols):
        w = 280 if i in (0, 5) else 200
        box(d, (x, 300, x + w, 700), fill=WHITE, outline=col, r=16)
        d.rounded_rectangle((x, 300, x + w, 370), radius=16, fill=col)
        d.rectangle((x, 350, x + w, 370), fill=col)
        text(d, (x + w // 2, 335), head, 20, WHITE, "OpenSans-Bold", anchor="mm")
        for j, item in enumerate(items.split("|")):
            text(d, (x + w // 2, 420 + j * 56), item, 18, INK, anchor="mm")
        if i < 5:
            nxt = cols[i + 1][3]
            arrow(d, x + w + 4, 500, nxt - 4, TEAL)
    note = "Encrypted in transit and at rest · SOC 2 Type II · HIPAA"
    text(d, (800, 760), note, 18, GREY, anchor="mm")
    save(img, "architecture.png")


def timeline() -> None:
    """90-day onboarding timeline in four phases."""
    img = Image.new("RGB", (1600, 900), WHITE)
    d = ImageDraw.Draw(img)
    text(d, (80, 50), "90-day onboarding plan", 44, NAVY, "Lato-Black")
    text(d, (80, 112), "From kickoff to measurable value in one quarter", 22, GREY)
    x0, x1, y = 100, 1500, 300
    d.line((x0, y, x1, y), fill=LINE, width=8)
    phases = [
        ("Mobilise", 0, 14, NAVY, "Kickoff + success plan|Connect sources|SSO + roles"),
        ("Configure", 14, 45, TEAL, "Train 3 doc types|Rules + thresholds|EHR/ERP connector"),
        ("Pilot", 45, 70, BLUE, "One team live|Daily tuning|Accuracy sign-off"),
        ("Scale", 70, 90, AMBER, "All teams live|Value review|QBR #1"),
    ]
    for i, (name, a, b, col, items) in enumerate(phases):
        xa = x0 + (x1 - x0) * a // 90
        xb = x0 + (x1 - x0) * b // 90
        d.rectangle((xa + 3, y - 4, xb - 3, y + 4), fill=col)
        d.ellipse((xb - 14, y - 14, xb + 14, y + 14), fill=col)
        text(
            d,
            ((xa + xb) // 2, y - 44),
            f"Days {a + 1}–{b}",
            20,
            GREY,
            "OpenSans-Semibold",
            anchor="mm",
        )
        cx = 260 + i * 360
        d.line(((xa + xb) // 2, y + 14, cx, 356), fill=LINE, width=2)
        box(d, (cx - 160, 360, cx + 160, 700), fill=MIST, r=16)
        d.rectangle((cx - 160, 360, cx + 160, 368), fill=col)
        text(d, (cx, 410), name, 30, INK, "Lato-Black", anchor="mm")
        for j, item in enumerate(items.split("|")):
            d.ellipse((cx - 130, 474 + j * 60, cx - 120, 484 + j * 60), fill=col)
            text(d, (cx - 106, 479 + j * 60), item, 19, INK, anchor="lm")
    d.ellipse((x0 - 14, y - 14, x0 + 14, y + 14), fill=NAVY)
    note = "Joint steering check-in every two weeks · named CSM and solution architect"
    text(d, (800, 780), note, 20, GREY, anchor="mm")
    save(img, "onboarding-timeline.png")


def mark(d, shape: str, cx: int, cy: int, r: int, col: str) -> None:
    """Draw a simple geometric logo mark centred at (cx, cy)."""
    if shape == "circle":
        d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=col, width=r // 2)
    elif shape == "plus":
        d.rounded_rectangle((cx - r, cy - r // 3, cx + r, cy + r // 3), radius=8, fill=col)
        d.rounded_rectangle((cx - r // 3, cy - r, cx + r // 3, cy + r), radius=8, fill=col)
    elif shape == "peaks":
        base = cy + r * 0.7
        d.polygon([(cx - r, base), (cx - r * 0.25, cy - r), (cx + r * 0.5, base)], fill=col)
        d.polygon([(cx, base), (cx + r * 0.55, cy - r * 0.3), (cx + r, base)], fill=col)
    elif shape in ("hex", "tri", "diamond"):
        n, rot = {"hex": (6, 0), "tri": (3, -90), "diamond": (4, 0)}[shape]
        cy += r // 4 if shape == "tri" else 0
        angles = [math.radians(rot + k * 360 / n) for k in range(n)]
        pts = [(cx + r * math.cos(a), cy + r * math.sin(a)) for a in angles]
        d.polygon(pts, fill=col)
    else:  # waves
        for k in range(3):
            box_ = (cx - r, cy - r // 2 + k * 24, cx + r, cy + 3 * r // 2 + k * 24)
            d.arc(box_, 200, 340, fill=col, width=12)


def logo(name: str, lines: list[str], shape: str, col: str, size=(800, 300)) -> None:
    """Write a transparent logo: mark on the left, one or two lines of wordmark."""
    w, h = size
    img = Image.new("RGBA", size, (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    r = int(h * 0.27)
    mark(d, shape, int(h * 0.45), h // 2, r, col)
    x = int(h * 0.45) + r + int(h * 0.12)
    big = int(h * 0.26)
    while d.textlength(lines[0], font=font("Lato-Black", big)) > w - x - 20:
        big -= 2
    if len(lines) == 1:
        text(d, (x, h // 2), lines[0], big, INK, "Lato-Black", anchor="lm")
    else:
        text(d, (x, h // 2 - 6), lines[0], big, INK, "Lato-Black", anchor="ls")
        sub = lines[1].upper()
        text(d, (x + 2, h // 2 + 10), sub, int(big * 0.5), col, "OpenSans-Bold", anchor="lt")
    save(img, name, colors=64)


def main() -> None:
    """Render every image into the images/ directory."""
    OUT.mkdir(parents=True, exist_ok=True)
    for fn in (dashboard, review, builder, audit, architecture, timeline):
        fn()
    prospects = [
        ("northwind-health", ["Northwind", "Health"], "plus", "#2E7D6B"),
        ("harborview-bank", ["Harborview", "Bank"], "waves", "#1F4E8C"),
        ("keystone-manufacturing", ["Keystone", "Manufacturing"], "tri", "#B5541C"),
        ("meridian-care", ["Meridian", "Care Partners"], "circle", "#7A3E9D"),
        ("summit-credit-union", ["Summit", "Credit Union"], "peaks", "#0F6E8C"),
        ("alder-precision", ["Alder", "Precision"], "hex", "#4A6B2F"),
    ]
    for slug, lines, shape, col in prospects:
        logo(f"logo-{slug}.png", lines, shape, col)
    customers = [
        ("lakeshore-health", ["Lakeshore", "Health System"], "plus", "#2B6CB0"),
        ("granite-mutual", ["Granite Mutual"], "diamond", "#4A5568"),
        ("copperline", ["Copperline", "Industries"], "hex", "#B7791F"),
        ("bayfront-trust", ["Bayfront", "Trust"], "waves", "#2C7A7B"),
        ("pinecrest-clinics", ["Pinecrest", "Clinics"], "circle", "#38A169"),
        ("orion-fabrication", ["Orion", "Fabrication"], "tri", "#C53030"),
    ]
    for slug, lines, shape, col in customers:
        logo(f"customer-{slug}.png", lines, shape, col, size=(600, 240))


if __name__ == "__main__":
    main()
