"""Figures of periods alone (2024年二季度, 2024年6月) turned into figures of the year to date.

Chinese statistics write a quarter or a month by itself as 二季度 or 6月 and the year to date as
1-6月 or 上半年. A flow's assessment counts the year to date (core.assess), so a flow of a
period alone is added to the figures that precede it in its year: 一季度 90 and 二季度 80 are
1-6月 170. A stock of a period alone is the stock at its end; a rate of a period alone is not
a rate of the year to date and is left out. Pure: figures in, figures and warnings out.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import timedelta
from typing import NamedTuple

from policy_targets.core.model import Figure, Target
from policy_targets.core.periods import Period


class Problem(NamedTuple):
    """A figure that could not be turned into the year to date (or disagrees with it), and why."""

    figure: Figure
    message: str
    code: str = "period-not-added"  # or "flow-sum-differs"


def treats_as_flow(item: object, figure: Figure) -> bool:
    """A figure is a flow when its basis says so, or its target counts new ones (increment, annual)."""
    if figure.basis is not None:
        return figure.basis == "flow"
    return isinstance(item, Target) and item.is_flow()


def treats_as_stock(item: object, figure: Figure) -> bool:
    if figure.basis is not None:
        return figure.basis in ("stock", "cumulative")
    return isinstance(item, Target) and item.kind in ("level", "milestone")


def add_up(figures: list[Figure], item: object = None) -> tuple[list[Figure], list[Problem]]:
    """The figures of one target or series with every period alone made year to date, by date.

    A flow alone is added to the year-to-date figure that ends the day before it starts (or to
    0 when it starts a year); one that follows no such figure is left out (a Problem). Where a
    year-to-date figure is given for the same end, it is kept and the sum is not needed. A
    stock alone is a stock at its end; a rate alone is left out.
    """
    if not any(f.period.start is not None for f in figures):
        return sorted(figures, key=lambda f: f.date), []  # the usual case: nothing alone
    out: list[Figure] = []
    problems: list[Problem] = []
    # year-to-date figures first at each end: a stated 1-6月 is preferred to 一季度 + 二季度
    ordered = sorted(figures, key=lambda f: (f.date, f.period.start is not None))
    running: dict[int, tuple[Figure, list[str]]] = {}  # year → (last year-to-date figure, its parts)
    history: dict[int, list[Figure]] = {}  # year → its year-to-date figures so far
    for f in ordered:
        p = f.period
        if p.start is None:
            out.append(f)
            if treats_as_flow(item, f):
                running[p.end.year] = (f, [p.label])
                history.setdefault(p.end.year, []).append(f)
            continue
        if treats_as_stock(item, f):
            out.append(replace(f, period=Period(p.end, p.label)))
            continue
        if not treats_as_flow(item, f):
            problems.append(Problem(f, f"{p.label} is a period alone ({p.start.isoformat()} to "
                                       f"{p.end.isoformat()}); a rate of it is not a rate of the "
                                       "year to date, so it is left out"))
            continue
        last = running.get(p.end.year)
        if last is not None and last[0].date == p.end:
            # a year-to-date figure for this end is given and wins; say so if the sum disagrees
            earlier = history[p.end.year][:-1]
            base = earlier[-1] if earlier else None
            if base is not None and base.date == p.start - timedelta(days=1) and not math.isclose(
                    base.value + f.value, last[0].value, rel_tol=1e-9, abs_tol=1e-9):
                problems.append(Problem(f, f"{p.label} ({f.value:g}) added to {base.period.label} "
                                           f"({base.value:g}) makes {base.value + f.value:g}, but "
                                           f"{last[0].period.label} says {last[0].value:g}; the stated "
                                           "year to date is used", "flow-sum-differs"))
            continue
        covered = last[0].date if last is not None else p.start.replace(month=1, day=1) - timedelta(days=1)
        if p.start - timedelta(days=1) != covered:
            since = (covered + timedelta(days=1)).isoformat()
            until = (p.start - timedelta(days=1)).isoformat()
            gap = (f"no figure covers {since} to {until}" if p.start > covered + timedelta(days=1)
                   else f"it overlaps the year to date already counted (to {covered.isoformat()})")
            problems.append(Problem(f, f"{p.label} is a period alone ({p.start.isoformat()} to "
                                       f"{p.end.isoformat()}) and {gap}, so it cannot be added up "
                                       "to the year to date and is left out"))
            continue
        assert last is not None  # a period alone never starts on 1 January (periods.parse_period)
        parts = [*last[1], p.label]
        made = replace(f, value=last[0].value + f.value, period=Period(
            p.end, f"{p.end.year}年1-{p.end.month}月 (sum of {len(parts)})"))
        out.append(made)
        running[p.end.year] = (made, parts)
        history.setdefault(p.end.year, []).append(made)
    out.sort(key=lambda f: f.date)
    return out, problems


def year_to_date(target: Target, figures: list[Figure], warnings: list[str]) -> list[Figure]:
    """`add_up` for assess(): the figures of `target` as year to date, problems as warnings."""
    figs, problems = add_up(figures, target)
    warnings.extend(p.message for p in problems)
    return figs


def falls(figures: list[Figure]) -> list[tuple[Figure, Figure]]:
    """Pairs (earlier, later) of year-to-date flow figures of one year where the later is lower."""
    out: list[tuple[Figure, Figure]] = []
    best: dict[int, Figure] = {}
    for f in sorted(figures, key=lambda f: f.date):
        if f.period.start is not None:
            continue
        prev = best.get(f.date.year)
        if prev is not None and f.date > prev.date and f.value < prev.value:
            out.append((prev, f))
        if prev is None or f.value >= prev.value:
            best[f.date.year] = f
    return out
