"""Formatting numbers for people: few decimals, thousands separators, percentages."""

from __future__ import annotations

import math


def num(v: float | None, unit: str = "") -> str:
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return "—"
    a = abs(v)
    if a >= 1000:
        s = f"{v:,.1f}"
    elif a >= 10:
        s = f"{v:.2f}"
    elif a >= 0.01 or a == 0:
        s = f"{v:.3f}"
    else:
        s = f"{v:.2g}"
    if "." in s and "e" not in s:
        s = s.rstrip("0").rstrip(".")
    if s in ("-0", ""):
        s = "0"
    return f"{s}{unit}" if unit else s


def pct(v: float | None) -> str:
    """A fraction as a percentage: 0.0612 → 6.12%."""
    if v is None or not math.isfinite(v):
        return "—"
    return f"{v * 100:.1f}%"


def with_unit(v: float | None, unit: str) -> str:
    if v is None:
        return "—"
    if unit == "%":
        return num(v) + "%"
    return f"{num(v)} {unit}"
