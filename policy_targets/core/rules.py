"""Rules over a loaded plan and its figures → findings (SPEC 5.3). Pure: texts come in as strings."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from policy_targets.files.plan import Hints, KeyLines
from policy_targets.core.model import Figure, Finding, Plan, Target
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
                 plan_text: str | None = None) -> list[Finding]:
    """Every quote and `also` is found in the source (white space ignored) and states the value."""
    findings: list[Finding] = []
    scanned: list[KeyLines] = []  # the plan's key lines, read only when a finding needs one
    if source_text is None:
        if any(t.verify_quote for t in plan.targets):
            findings.append(Finding("error", f"no source text {source_path}: quotes cannot be verified "
                                    "(add the plan's clean text, or set verify_quote = false with a note)",
                                    plan.path, 1))
        return findings
    lines = source_body(source_text).split("\n")
    body = SubstringIndex("".join(squash(x) for x in lines))  # `in` without a scan per quote
    ends = list(accumulate(len(squash(x)) for x in lines)) if len(lines) > 1 else [len(body.text)]
    hints = MAX_HINTS
    for index, t in enumerate(plan.targets):
        if not t.verify_quote:
            continue

        def line(key: str, t: Target = t, index: int = index) -> int | None:
            if not plan_text:
                return t.line
            if not scanned:
                scanned.append(KeyLines(plan_text, exact=True))
            lines = scanned[0]
            i = lines.target_at(t.line)
            return t.line if i is None else lines.key("target", i, key)

        for key, text in [("quote", t.quote)] + [("also", a) for a in t.also]:
            if squash(text) not in body:
                hints -= 1
                findings.append(Finding(
                    "error", f"target {t.id}: {key} not found in {source_path}: {text!r}"
                    f"{_nearest_hint(text, body, ends) if hints >= 0 else ''}", plan.path, line(key), t.id, key))
                continue
            if t.kind == "relative" and not t.value:
                continue
            for v in [t.value, t.value_max]:
                if v is not None and not states_value(text, v, t.unit):
                    findings.append(Finding(
                        "error", f"target {t.id}: {key} does not state the value {v:g} {t.unit}: {text!r}",
                        plan.path, line(key), t.id, key))
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
                f"{hint(t.indicator, indicators)}", plan.path, t.line, t.id, "indicator"))
    return findings


def check_flow_years(plan: Plan, figures_of) -> list[Finding]:  # type: ignore[no-untyped-def]
    """A flow missing for a year between two years that have one is a warning."""
    findings: list[Finding] = []
    for t in plan.targets:
        if not t.is_flow():
            continue
        figs: list[Figure] = figures_of(plan.id, t.id)
        years = sorted({f.date.year for f in figs if f.basis != "cumulative"})
        if len(years) < 2:
            continue
        gaps = [y for y in range(years[0], years[-1] + 1) if y not in years]
        if gaps:
            last = figs[-1]
            findings.append(Finding(
                "warning", f"target {t.id}: no figure for {', '.join(map(str, gaps))} between "
                f"{years[0]} and {years[-1]}; a flow missing for a year is not taken as 0",
                last.file, last.line, t.id, "period"))
    return findings
