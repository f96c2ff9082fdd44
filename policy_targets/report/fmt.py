"""Formatting numbers for people: few decimals, thousands separators, percentages."""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING

from policy_targets.report import labels
from policy_targets.report.safe import clean

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


def goal_text(target: Target, deadline: date | None = None, lang: str = "en") -> str:
    """'≥200 家 @2025', '≥8%/yr', '≈5–10 项' (zh: '≥200 家 2025年', '≥8%/年'): the target as
    a person writes it."""
    per = labels.w("per_year", lang)
    sign = COMPARATOR_SIGN.get(target.comparator, target.comparator)
    value = f"{num(target.value)}–{num(target.value_max)}" if target.is_range else num(target.value)
    if target.kind == "relative":
        text = f"{sign} {target.reference}" + (f" + {value}" if target.value else "")
    elif target.kind == "growth":
        text = f"{sign}{value}%{per}"
    elif target.kind == "annual":
        text = f"{sign}{value}{unit_suffix(target.unit)}{per}"
    elif target.kind == "change":  # a cumulative change over the plan: '≤-13.5% cum.'
        text = f"{sign}{value}%" + labels.pick(lang, "(累计)", " cum.")
    elif target.kind == "hold":  # a bound held every year: '≤5.5% every yr'
        text = f"{sign}{value}{unit_suffix(target.unit)}" + labels.pick(lang, "(每年)", " every yr")
    else:
        text = f"{sign}{value}{unit_suffix(target.unit)}"
    return text + (" " + labels.w("by_year", lang, year=deadline.year) if deadline else "")


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


def needed_text(a: Assessment, lang: str = "en") -> str:
    """What is still needed, as the clerk counts it: '50/yr (33.3%)' for a level target (the
    amount a year, and the growth), '9.5%/yr' for a growth target, '60 more in 2025' for an
    annual one (what this year still needs), nothing once achieved or missed."""
    per = labels.w("per_year", lang)
    if a.status in ("achieved", "missed", "no_data"):
        return "—"
    kind = a.target.kind
    if kind == "growth":
        return pct(a.required_growth) + per if a.required_growth is not None else "—"
    if kind == "change":  # the yearly rate of change still needed to reach the cumulative change
        return signed_pct(a.required_growth * 100) + per if a.required_growth is not None else "—"
    if kind == "hold":
        return "—"  # a bound is held, not approached
    if kind == "annual":
        if a.remaining is None or a.actual_date is None or not a.remaining:
            return "—"
        return labels.w("this_year", lang, value=num(a.remaining) + unit_suffix(a.target.unit),
                 year=a.actual_date.year)
    if a.required_per_year is None or a.required_per_year * (-1 if a.lower_is_better else 1) <= 0:
        return "—"
    text = num(a.required_per_year) + per
    if a.required_growth is not None and kind == "level":
        text += f" ({pct(a.required_growth)})"
    return text


def baseline_text(a: Assessment, lang: str) -> str:
    """The baseline a target is measured from: '754 (2021)', '2,006 (2021-12, figure)' when it
    is a recorded figure, the year alone where the baseline is an index (growth from rates)."""
    t = a.target
    if a.baseline_value is None or a.baseline_date is None or t.kind in ("annual", "relative"):
        return "—"
    when = str(a.baseline_date.year) if a.baseline_date.month == 12 and a.baseline_date.day == 31 \
        else a.baseline_date.isoformat()[:7]
    if lang == "zh" and len(when) == 4:
        when += "年"
    if a.baseline_from == "actuals":
        when += ", " + labels.w("from_figures", lang)
    if t.kind == "growth" and t.baseline is None and a.baseline_from == "plan":
        return f"({when})"
    return f"{num(a.baseline_value)} ({when})"


def latest_text(a: Assessment, lang: str) -> str:
    """The latest figure and its period; for a growth target the rate recorded for that
    period, and on the next line the average growth so far, which the path is held to."""
    if a.actual_value is None:
        return "—"
    t = a.target
    mark = " *" if a.revised else ""
    if t.kind == "growth":
        avg = labels.w("avg", lang, value=num(a.actual_value) + "%")
        if a.latest_rate is None:
            return avg
        return f"{num(a.latest_rate)}%{mark} ({clean(a.actual_period)})\n{avg}"
    if t.kind == "hold":  # the latest figure, and how many of the years with a figure held
        met, missed = len(a.years_met), len(a.years_missed)
        unit = "%" if t.unit == "%" else ""
        return (f"{num(a.actual_value)}{unit}{mark} ({clean(a.actual_period)})\n"
                + labels.w("years_held", lang, n=met, m=met + missed))
    if t.kind == "change":  # the cumulative change so far beside the change asked for: −2.8 % of −13.5 %
        return f"{kind_progress_text(a, lang)} ({clean(a.actual_period)})"
    unit = "%" if t.unit == "%" else ""
    return f"{num(a.actual_value)}{unit}{mark} ({clean(a.actual_period)})"
