"""One look for the whole app: colours (light and dark), a type scale, spacing, one stylesheet.

The colours are chosen so body text keeps a WCAG contrast of at least 4.5:1 on its background
(`contrast` checks it; the tests hold every pair to it). The OS colour scheme is followed: a dark
system gets the dark palette.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette


@dataclass(frozen=True, slots=True)
class Colours:
    window: str
    surface: str  # lists, tables, fields
    text: str
    muted: str  # secondary text (facts under a title)
    accent: str  # the primary button, links, the selected row
    on_accent: str  # text on the accent
    mark: str  # a search match's background
    on_mark: str  # a search match's text
    border: str
    problem: str  # errors and warnings
    sidebar: str
    link: str  # accent-coloured text on the surface


LIGHT = Colours(
    window="#f6f7f9",
    surface="#ffffff",
    text="#1b1f24",
    muted="#555d66",
    accent="#1f5fae",
    on_accent="#ffffff",
    mark="#ffe27a",
    on_mark="#1b1f24",
    border="#d5d9de",
    problem="#a4001d",
    sidebar="#e9edf2",
    link="#1f5fae",
)
DARK = Colours(
    window="#1d2025",
    surface="#262a30",
    text="#e8eaed",
    muted="#aab1ba",
    accent="#2f6cc0",
    on_accent="#ffffff",
    mark="#ffe27a",
    on_mark="#1b1f24",
    border="#3a4048",
    problem="#ff8a8a",
    sidebar="#23272d",
    link="#8ab4f8",
)

# The type scale (points) and spacing (pixels) every page uses.
BODY_PT, SMALL_PT, TITLE_PT, HEADING_PT = 10, 9, 15, 12
SPACE = 8


def luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    q = QColor(colour)
    r, g, b = (channel(v / 255) for v in (q.red(), q.green(), q.blue()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio, 1 to 21."""
    a, b = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def is_dark() -> bool:
    """Whether the OS asks for a dark scheme (Qt 6.5+), else whether its palette is dark."""
    app = QGuiApplication.instance()
    if app is None:
        return False
    window = app.palette().color(QPalette.ColorRole.Window)
    return scheme_is_dark(app.styleHints().colorScheme(), window)


def scheme_is_dark(scheme: Qt.ColorScheme, window: QColor) -> bool:
    """The OS's scheme when it says one; else whether its window colour is dark."""
    if scheme != Qt.ColorScheme.Unknown:
        return scheme == Qt.ColorScheme.Dark
    return window.lightness() < 128


def colours() -> Colours:
    return DARK if is_dark() else LIGHT


def palette(c: Colours) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    for r, value in (
        (role.Window, c.window),
        (role.Base, c.surface),
        (role.AlternateBase, c.window),
        (role.Text, c.text),
        (role.WindowText, c.text),
        (role.ButtonText, c.text),
        (role.Button, c.surface),
        (role.Highlight, c.accent),
        (role.HighlightedText, c.on_accent),
        (role.ToolTipBase, c.surface),
        (role.ToolTipText, c.text),
        (role.PlaceholderText, c.muted),
        (role.Link, c.link),
    ):
        p.setColor(r, QColor(value))
    return p


def stylesheet(c: Colours) -> str:
    """Spacing, type scale and colours for every widget; pages add no colours of their own."""
    return f"""
QWidget {{ font-size: {BODY_PT}pt; }}
QMainWindow, QDialog {{ background: {c.window}; }}
QListView, QTreeView, QTableView, QLineEdit, QPlainTextEdit, QTextEdit, QComboBox,
QSpinBox, QDoubleSpinBox, QDateEdit {{
    background: {c.surface}; color: {c.text}; border: 1px solid {c.border}; border-radius: 4px;
}}
QLineEdit, QComboBox {{ padding: 4px 6px; }}
QPushButton {{
    background: {c.surface}; color: {c.text}; border: 1px solid {c.border};
    border-radius: 4px; padding: 5px 12px;
}}
QPushButton:hover {{ border-color: {c.accent}; }}
QPushButton:focus {{ border: 2px solid {c.accent}; }}
QPushButton:disabled {{ color: {c.muted}; }}
QPushButton[primary="true"] {{
    background: {c.accent}; color: {c.on_accent}; border: 1px solid {c.accent};
    font-weight: bold; padding: 8px 18px; font-size: {HEADING_PT}pt;
}}
QPushButton[primary="true"]:disabled {{ background: {c.border}; color: {c.muted}; }}
QListWidget#sidebar {{
    background: {c.sidebar}; border: none; padding-top: {SPACE}px; font-size: {HEADING_PT}pt;
    outline: none;
}}
QListWidget#sidebar::item {{ padding: 8px 10px; border-radius: 6px; margin: 2px 6px; }}
QListWidget#sidebar::item:selected {{ background: {c.accent}; color: {c.on_accent}; }}
QLabel[role="title"] {{ font-size: {TITLE_PT}pt; font-weight: bold; }}
QLabel[role="muted"] {{ color: {c.muted}; }}
QLabel[role="step"] {{ color: {c.link}; font-weight: bold; padding: 2px 0; }}
QLabel[role="problem"] {{ color: {c.problem}; }}
QLabel[role="empty"] {{ color: {c.muted}; font-size: {HEADING_PT}pt; padding: {2 * SPACE}px; }}
QTabBar::tab {{ padding: 6px 14px; }}
QHeaderView::section {{
    background: {c.window}; color: {c.text}; border: none;
    border-bottom: 1px solid {c.border}; padding: 4px 6px;
}}
QToolTip {{ background: {c.surface}; color: {c.text}; border: 1px solid {c.border}; }}
"""


def apply(app) -> Colours:
    """Give `app` the palette and stylesheet of the OS scheme (light or dark)."""
    c = colours()
    app.setPalette(palette(c))
    app.setStyleSheet(stylesheet(c))
    return c
