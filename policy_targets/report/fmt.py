"""Formatting numbers for people: few decimals, thousands separators, percentages."""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for hints only: fmt stays importable without the model
    from policy_targets.core.assess import Assessment
    from policy_targets.core.model import Target

COMPARATOR_SIGN = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "~": "≈"}


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


def unit_suffix(unit: str) -> str:
    """How a unit follows a number: 3.4% but 200 家."""
    return unit if unit == "%" or not unit else f" {unit}"


def goal_text(target: Target, deadline: date | None = None) -> str:
    """'≥200 家 @2025', '≥8%/yr', '≈5–10 项', '≤-13.5% cum.' (a cumulative change), '<5.5% every
    yr' (a bound held every year): the target as a person writes it."""
    sign = COMPARATOR_SIGN.get(target.comparator, target.comparator)
    value = f"{num(target.value)}–{num(target.value_max)}" if target.is_range else num(target.value)
    if target.kind == "relative":
        text = f"{sign} {target.reference}" + (f" + {value}" if target.value else "")
    elif target.kind == "growth":
        text = f"{sign}{value}%/yr"
    elif target.kind == "annual":
        text = f"{sign}{value}{unit_suffix(target.unit)}/yr"
    elif target.kind == "change":
        text = f"{sign}{value}% cum."
    elif target.kind == "hold":
        text = f"{sign}{value}{unit_suffix(target.unit)} every yr"
    else:
        text = f"{sign}{value}{unit_suffix(target.unit)}"
    return text + (f" @{deadline.year}" if deadline else "")


def signed_pct(v: float) -> str:
    """A change in per cent, one decimal, with a true minus sign: −2.8 %, +1.5 %, 0 %."""
    text = f"{v:+.1f}"
    if text in ("+0.0", "-0.0"):
        return "0 %"
    return text.removesuffix(".0").replace("-", "−") + " %"


def kind_progress_text(a: Assessment, lang: str = "en") -> str | None:
    """How far a change or hold target has come, for a progress column: '−2.8 % of −13.5 %'
    (the cumulative change so far of the change asked), 'held 2 of 2 years' (years whose
    figure kept the bound); None for the other kinds, whose progress is a share of the way."""
    t = a.target
    if t.kind == "change" and a.actual_value is not None and t.value is not None:
        of = "/" if lang == "zh" else "of"
        return f"{signed_pct(a.actual_value)} {of} {signed_pct(t.value)}"
    if t.kind == "hold" and (a.years_met or a.years_missed):
        held, judged = len(a.years_met), len(a.years_met) + len(a.years_missed)
        if lang == "zh":
            return f"{judged}年中{held}年守住"
        return f"held {held} of {judged} year" + ("" if judged == 1 else "s")
    return None


def needed_text(a: Assessment, per: str = "") -> str:
    """The pace now needed: '50/yr (33.3%)' (amount, and growth for level targets), the growth
    for growth targets, nothing once achieved. `per` is the '/yr' a column header may carry."""
    if a.status == "achieved":
        return "—"
    if a.target.kind == "growth":
        return pct(a.required_growth) + per if a.required_growth is not None else "—"
    if a.required_per_year is None:
        return "—"
    text = num(a.required_per_year) + per
    if a.required_growth is not None and a.target.kind == "level":
        text += f" ({pct(a.required_growth)})"
    return text
