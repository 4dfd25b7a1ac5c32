"""Make any string safe to store in OOXML text."""

from __future__ import annotations

import re

# XML 1.0 Char production, minus the C0 controls we map ourselves (tab, LF, CR, VT).
_INVALID = re.compile("[^\t\n\r\v\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """Drop characters XML cannot hold (NUL, C0 controls, U+FFFE/FFFF, lone surrogates).

    Newlines become paragraph breaks and vertical tabs line breaks downstream, so they stay.
    """
    return _INVALID.sub("", text)
