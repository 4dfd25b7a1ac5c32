"""The banner a first start shows above the pages, until the user dismisses it.

It calls the library the demo only when the demo was loaded into it; whether it was is read
off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

_HOW = (
    "pick a prospect on the Build page, look at the modules recommended for them, reorder them "
    "and press <i>Build deck</i>. Marketing's approved modules live under Library; what reps "
    "know about each account lives under Prospects."
)
WELCOME = (
    "<b>Welcome to Enabler.</b> This is the demo library of Brightwave, a fictional vendor: " + _HOW
)
# For a library of the user's own (no demo loaded): no claim that it is the demo.
WELCOME_OWN = (
    "<b>Welcome to Enabler.</b> To start, " + _HOW + " No prospects yet? Import them from your "
    "CRM on the Prospects page (Import from CRM…) or try the demo (File ▸ Load demo library)."
)


def is_demo(ctx) -> bool:
    from enabler.services.demo.library import is_demo_library

    return is_demo_library(ctx.open_db())


class WelcomeBanner(QWidget):
    """The welcome text and *Got it*; `dismissed` fires when the user closes it."""

    dismissed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.text = QLabel(WELCOME)
        self.text.setWordWrap(True)
        close = QPushButton("Got it")
        close.clicked.connect(self.dismissed)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(close)

    def show_for(self, demo: bool) -> None:
        """Word the banner for the demo library or for one of the user's own."""
        self.text.setText(WELCOME if demo else WELCOME_OWN)
