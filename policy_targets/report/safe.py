"""Making data strings harmless before they reach a terminal.

Names, notes and sources come from files anyone can edit. Control characters (ANSI and
OSC escapes, carriage returns, bells) and bidirectional overrides are shown as visible
escapes; rich markup is never interpreted because cells are `rich.text.Text`.
"""

from __future__ import annotations

import unicodedata

_BIDI = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
         "\u200e", "\u200f", "\u061c"}


def _noncharacter(c: str) -> bool:
    """U+FDD0-U+FDEF and U+xFFFE/U+xFFFF: XML forbids U+FFFE and U+FFFF outright, and a name
    holding one made the SVG, HTML and xlsx unreadable (issue 18); none is ever meant as text."""
    o = ord(c)
    return 0xFDD0 <= o <= 0xFDEF or (o & 0xFFFE) == 0xFFFE


def clean(text: object) -> str:
    """The text with every control, bidi-override or noncharacter replaced by a visible escape."""
    s = str(text)
    if s.isprintable() and not any(c in _BIDI for c in s):
        return s
    out = []
    for c in s:
        if c in _BIDI or _noncharacter(c) or (unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp")
                                             and c != "\u200d"):
            out.append(f"\\u{ord(c):04x}" if ord(c) > 0xFF else f"\\x{ord(c):02x}")
        else:
            out.append(c)
    return "".join(out)
