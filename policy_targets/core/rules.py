"""Rules over a loaded plan and its figures → findings (the check rules). Pure: texts come in as
strings and line numbers through a function the loader gives."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from datetime import date
from itertools import accumulate

from policy_targets.core import flows
from policy_targets.core.model import Figure, FigureIndex, Finding, Plan, Series, Target
from policy_targets.core.names import Hints, did_you_mean
from policy_targets.core.numbers import states_value
from policy_targets.core.textindex import SubstringIndex

_SPACE = re.compile(r"\s+")
MAX_HINTS = 200
"""Quotes not found that get a hint of where they part from the source (each costs a few
searches); a plan with more misses than that is rewritten, not fixed quote by quote."""


def source_body(text: str) -> str:
    """A source file's text without its header of '#' lines (the list of repairs)."""
    lines = text.splitlines()
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        i += 1
    return "\n".join(lines[i:])


def squash(text: str) -> str:
    return _SPACE.sub("", text)


def check_quotes(plan: Plan, source_text: str | None, source_path: str,
                 line_of: Callable[[Target, str], int | None] | None = None) -> list[Finding]:
    """Every quote and `also` is found in the source (white space ignored) and states the value.

    `line_of(target, key)` places a finding on the line of the key in the plan file (the loader
    knows the lines; without it, a finding points at the target's table).
    """
    findings: list[Finding] = []
    if source_text is None:
        if any(t.verify_quote for t in plan.targets):
            findings.append(Finding("error", f"no source text {source_path}: quotes cannot be verified "
                                    "(add the plan's clean text, or set verify_quote = false with a note)",
                                    plan.path, 1, code="no-source"))
        return findings
    lines = source_body(source_text).split("\n")
    body = SubstringIndex("".join(squash(x) for x in lines))  # `in` without a scan per quote
    ends = list(accumulate(len(squash(x)) for x in lines)) if len(lines) > 1 else [len(body.text)]
    hints = MAX_HINTS
    for t in plan.targets:
        if not t.verify_quote:
            continue

        def line(key: str, t: Target = t) -> int | None:
            return line_of(t, key) if line_of is not None else t.line

        for key, text in [("quote", t.quote)] + [("also", a) for a in t.also]:
            if squash(text) not in body:
                hints -= 1
                findings.append(Finding(
                    "error", f"target {t.id}: {key} not found in {source_path}: {text!r}"
                    f"{_nearest_hint(text, body, ends) if hints >= 0 else ''}", plan.path, line(key), t.id, key,
                    "quote-not-found"))
                continue
            if t.kind == "relative" and not t.value:
                continue
            for v in t.stated_values:  # a change's magnitude: 降低13.5% states -13.5
                if not states_value(text, v, t.unit):
                    findings.append(Finding(
                        "error", f"target {t.id}: {key} does not state the value {v:g} {t.unit}: {text!r}",
                        plan.path, line(key), t.id, key, "quote-without-value"))
    return findings


def _nearest_hint(quote: str, body: SubstringIndex, ends: list[int]) -> str:
    """Point at the longest prefix of the quote that the source does contain, and at most 12
    characters after it on the same line of the source (`ends`: where each line ends in the
    squashed body): a message never shows more of the source than that line."""
    q = squash(quote)
    lo, hi = 0, len(q)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if q[:mid] in body:
            lo = mid
        else:
            hi = mid - 1
    if lo < 4:
        return ""
    at = body.find(q[:lo])
    stop = ends[min(bisect_right(ends, at + lo - 1), len(ends) - 1)]
    after = body.text[at + lo: min(at + lo + 12, stop)]
    return f" (the source has {q[:lo]!r} followed by {after!r})" if after else \
        f" (the source has {q[:lo]!r} at the end of a line)"


def check_indicators(plan: Plan, indicators: dict[str, dict[str, object]]) -> list[Finding]:
    findings: list[Finding] = []
    hint = Hints()
    for t in plan.targets:
        if t.indicator is not None and t.indicator not in indicators:
            findings.append(Finding(
                "error", f"target {t.id}: indicator {t.indicator!r} is not in indicators.toml"
                f"{hint(t.indicator, indicators)}", plan.path, t.line, t.id, "indicator",
                "unknown-indicator"))
    return findings


def check_flow_years(plan: Plan, index: FigureIndex) -> list[Finding]:
    """A flow missing for a year between two years that have one is a warning; so are a flow of
    a period alone that cannot be added up to the year to date, and a year-to-date flow that
    falls within a year (90 for 1-3月, then 80 for 1-6月: the 80 is most likely 二季度 alone)."""
    findings: list[Finding] = []
    for item in [*plan.targets, *plan.series]:
        findings.extend(_check_periods(plan, item, index.of(plan.id, item.id)))
    for t in plan.targets:
        if not t.is_flow():
            continue
        figs: list[Figure] = index.of(plan.id, t.id)
        years = sorted({f.date.year for f in figs if f.basis != "cumulative"})
        if len(years) < 2:
            continue
        gaps = [y for y in range(years[0], years[-1] + 1) if y not in years]
        if gaps:
            last = figs[-1]
            findings.append(Finding(
                "warning", f"target {t.id}: no figure for {', '.join(map(str, gaps))} between "
                f"{years[0]} and {years[-1]}; a flow missing for a year is not taken as 0",
                last.file, last.line, t.id, "period", "missing-flow-year"))
    return findings


def _check_periods(plan: Plan, item: Target | Series, figs: list[Figure]) -> list[Finding]:
    if not figs:
        return []
    what = "target" if isinstance(item, Target) else "series"
    findings: list[Finding] = []
    made, problems = flows.add_up(figs, item)
    for p in problems:
        if p.code == "flow-sum-differs":
            findings.append(Finding(
                "warning", f"{what} {item.id}: {p.message}; check which is right", p.figure.file,
                p.figure.line, item.id, "value", "flow-sum-differs"))
        else:
            findings.append(Finding(
                "warning", f"{what} {item.id}: {p.message}; record the quarters or months before it, or "
                "the year to date (1-N月)", p.figure.file, p.figure.line, item.id, "period",
                "period-not-added"))
    for before, after in flows.falls([f for f in made if flows.treats_as_flow(item, f)]):
        where = f"line {before.line}" if before.file == after.file else f"{before.file} line {before.line}"
        findings.append(Finding(
            "warning", f"{what} {item.id}: the year-to-date figure for {after.period.label} ({after.value:g}) "
            f"is below the one for {before.period.label} ({before.value:g}, {where}); a flow to date "
            f"cannot fall. If {after.value:g} counts that quarter or month alone, write the period "
            f"{_alone_label(after.date)}", after.file, after.line, item.id, "value", "flow-falls"))
    return findings


def _alone_label(end: date) -> str:
    """How to write the quarter or month ending on `end` alone: 2024年二季度 or 2024Q2当季."""
    y, m = end.year, end.month
    if m % 3 == 0:
        q = m // 3
        return f"{y}年{'一二三四'[q - 1]}季度 (or {y}Q{q}当季)"
    return f"{y}年{m}月 (or {y}-{m:02d}当月)"
