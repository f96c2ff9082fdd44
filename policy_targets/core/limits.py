"""Numbers ptarget cannot compute with, as findings (issue 18). Pure: plans and figures in.

`check` passed a growth target of 1e100 % (every reading command then overflowed), levels near
1e308 (their differences are inf, their ratios nan: the terminal chart crashed, the SVG got
`nan`) and a deadline before its baseline year. These rules make each an error of `check`, and
so of every reader (a reader stops on the errors of the data), so no inf, nan or overflow can
reach a table, chart, SVG or export.

- MAX_MAGNITUDE: a target value, range end, baseline, tolerance or figure beyond 1e15 in
  absolute value, or closer to 0 than 1e-15 (other than 0: the ratio of two numbers in range,
  as a geometric pace takes it, is then at most 1e30, never inf). Beyond 2**53 ≈ 9.0e15 a float no longer holds every integer, and no quantity
  of a municipal plan comes near it (China's GDP in 元 is about 1.3e14).
- Growth: a rate is compounded once per year from the baseline to the deadline, so
  (1 + rate/100) ** years must be a finite float; a rate of -100 % or less cannot be compounded.
- A deadline before the baseline year: the path would run backwards in time.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from policy_targets.core.model import Figure, Finding, Plan, Target

MAX_MAGNITUDE = 1e15
"""The largest absolute value of any number in a plan or a figure (see the module docstring)."""

MAX_GROWTH = 1000.0
"""The largest growth rate, in %, of a growth figure: ×11 a year (see figure_findings)."""


RANGE = f"0 or between {1 / MAX_MAGNITUDE:g} and {MAX_MAGNITUDE:g} in absolute value"
"""The numbers ptarget computes with, as messages say it."""


def too_large(x: float) -> bool:
    """True for inf, nan, and any number out of RANGE (beyond MAX_MAGNITUDE, or nearer 0 than its inverse)."""
    return not math.isfinite(x) or abs(x) > MAX_MAGNITUDE or (x != 0 and abs(x) < 1 / MAX_MAGNITUDE)


def _span(plan: Plan, t: Target) -> int:
    start = t.baseline.year if t.baseline is not None else plan.base_year
    end = t.deadline.year if t.deadline is not None else plan.end
    return end - start


def plan_findings(plan: Plan) -> list[Finding]:
    """Errors for the numbers of `plan` that cannot be computed with."""
    out: list[Finding] = []

    def error(code: str, t: Target, key: str, message: str) -> None:
        out.append(Finding("error", f"target {t.id}: {message}", plan.path, t.line, t.id, key, code))

    for t in plan.targets:
        numbers = [("value", t.value), ("value", t.value_max), ("tolerance", t.tolerance),
                   ("baseline", t.baseline.value if t.baseline else None)]
        big = [(key, v) for key, v in numbers if v is not None and too_large(v)]
        hint = ("check the value (a rate in %, such as 8.5)" if t.kind == "growth"
                else "check the unit (a figure in 元 may belong in 亿元)")
        for key, v in big:
            error("out-of-range", t, key, f"{key} {v:g} is out of the range ptarget computes with ({RANGE}); {hint}")
        base_year = t.baseline.year if t.baseline is not None else plan.base_year
        deadline_year = t.deadline.year if t.deadline is not None else plan.end  # none: the plan's end
        if deadline_year < base_year:
            when = t.deadline.isoformat() if t.deadline is not None else f"{plan.end} (the plan's end)"
            error("deadline-before-baseline", t, "deadline" if t.deadline is not None else "baseline",
                  f"deadline {when} is before its baseline year {base_year}; a target is reached after its baseline")
        if t.kind == "growth" and not big:
            for v in (t.value, t.value_max):
                if v is None:
                    continue
                if v <= -100:
                    error("growth-too-large", t, "value", f"a growth of {v:g} % a year cannot be compounded (it must be above -100 %)")
                    continue
                try:
                    ok = math.isfinite(math.pow(1 + v / 100, max(_span(plan, t), 1)))
                except OverflowError:
                    ok = False
                if not ok:
                    error("growth-too-large", t, "value", f"a growth of {v:g} % a year over {_span(plan, t)} years is too large "
                                      "to compute; check the value (a rate in %, such as 8.5)")
    return out


def figure_findings(figures: Iterable[Figure], plans: dict[str, Plan]) -> list[Finding]:
    """Errors for figures that cannot be computed with: out of RANGE in the target's unit, or
    for a growth target a rate above MAX_GROWTH % (compounded over the years of the plan).
    One comparison per figure: a national data set has hundreds of thousands."""
    out: list[Finding] = []
    growth = {(p.id, t.id) for p in plans.values() for t in p.targets if t.kind == "growth"}
    low, high = 1 / MAX_MAGNITUDE, MAX_MAGNITUDE
    for f in figures:
        v = f.value
        if not low <= abs(v) <= high and v != 0:  # nan fails every comparison, so it is caught
            out.append(Finding("error", f"value {v:g} in the target's unit is out of the range ptarget "
                               f"computes with ({RANGE}); check the value and its unit",
                               f.file, f.line, f.target, "value", "out-of-range"))
        elif v > MAX_GROWTH and f.basis != "cumulative" and (f.plan, f.target) in growth:
            out.append(Finding("error", f"a growth of {v:g} % is above {MAX_GROWTH:g} %, more than "
                               "ptarget can compound; check the value (a rate in %, such as 8.5)",
                               f.file, f.line, f.target, "value", "growth-too-large"))
    return out
