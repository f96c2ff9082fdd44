"""JSON output: UTF-8, unrounded numbers, ISO dates; never NaN or Infinity."""

from __future__ import annotations

import json
import math
from datetime import date


def _plain(obj: object) -> object:
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, date):
        return obj.isoformat()
    return obj


def _default(obj: object) -> object:
    if isinstance(obj, date):
        return obj.isoformat()
    raise TypeError(f"{type(obj).__name__} is not JSON serializable")


def dumps(obj: object, pretty: bool = True) -> str:
    """Straight to json.dumps; only output holding NaN or Infinity is walked to null them.

    `pretty=False` gives one compact line, which json writes with its C encoder (indenting
    makes it fall back to pure Python, a sixth of the time of a national `gap --json`).
    """
    indent = 2 if pretty else None
    try:
        return json.dumps(obj, ensure_ascii=False, indent=indent, allow_nan=False, default=_default)
    except ValueError:
        return json.dumps(_plain(obj), ensure_ascii=False, indent=indent, allow_nan=False)


def list_pieces(pretty: bool = True) -> tuple[str, str, str]:
    """How `dumps(list, pretty)` writes a non-empty list, in pieces: its opening, the text
    between two items and its closing, so a long list can be written one item at a time."""
    return ("[\n  ", ",\n  ", "\n]") if pretty else ("[", ", ", "]")


def item(obj: object, pretty: bool = True) -> str:
    """One item of a list as `dumps(list, pretty)` writes it (indented one level deeper)."""
    text = dumps(obj, pretty)
    return text.replace("\n", "\n  ") if pretty else text
