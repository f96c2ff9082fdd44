"""Plan files (SPEC 2.1) → Plan + findings.

Every problem becomes a Finding naming the file, the line, the target and the key; the
loader never raises on bad content and keeps whatever it could read, so `check` can report
every finding in one run. TOML parsers give no line numbers for keys, so `KeyLines` finds them
by scanning the text.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from pathlib import Path
from collections.abc import Callable
from typing import Any

import tomli  # tomllib's upstream, compiled with mypyc: a third of the time (docs/performance.md)

from policy_targets.core.names import Hints, did_you_mean
from policy_targets.core.model import (BOUND_COMPARATORS, COMPARATORS, KINDS, MILESTONE_KINDS, PACES, Baseline,
                                      Finding, Findings, Plan, Series, Target, Thresholds)
from policy_targets.core.periods import PeriodError, parse_period

PLAN_KEYS = {"city", "city_zh", "title", "title_en", "issuer", "issued", "start", "end",
             "baseline_year", "note", "assessment"}
PLAN_REQUIRED = ("city", "city_zh", "title", "start", "end")
ASSESSMENT_KEYS = {"on_track", "behind", "about_tolerance"}
TARGET_KEYS = {"id", "name", "name_en", "kind", "value", "unit", "comparator", "tolerance",
               "deadline", "baseline", "pace", "parent", "indicator", "quote", "also",
               "section", "note", "verify_quote", "reference", "milestones"}
TARGET_REQUIRED = ("id", "name", "kind", "unit", "quote")  # name_en is optional (issue 15)
BASELINE_KEYS = {"value", "year", "source"}
SERIES_KEYS = {"id", "name", "name_en", "unit", "note", "indicator"}
SERIES_REQUIRED = ("id", "name", "unit")  # name_en is optional
TOP_KEYS = {"plan", "target", "series"}
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


# ---------------------------------------------------------------- locating keys

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\"' -]+?)\s*(\]\]?)\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+|\"[^\"]*\"|'[^']*')\s*[=.]")  # `a = …`, `'a' = …`, or `a.b = …` (a)


def continuation_lines(lines: list[str]) -> set[int]:
    """Numbers (1-based) of the lines that continue a value begun above them: inside a
    multi-line string, array or inline table (TOML 1.1 lets inline tables span lines). A key
    or table header is not looked for there. Only lines that open or close something are
    read character by character, so a plan of plain `key = "value"` lines costs a count."""
    inside: set[int] = set()
    depth = 0
    string = ""  # the multi-line string delimiter we are in, if any
    for lineno, line in enumerate(lines, start=1):
        if depth or string:
            inside.add(lineno)
        elif ('"""' not in line and "'''" not in line
              and line.count("[") + line.count("{") == line.count("]") + line.count("}")):
            continue
        i, n = 0, len(line)
        while i < n:
            if string:
                end = line.find(string, i)
                if end < 0:
                    break
                if string == '"""' and _escaped(line, end):
                    i = end + 1
                    continue
                string, i = "", end + 3
                continue
            c = line[i]
            if c == "#":
                break
            if line.startswith('"""', i) or line.startswith("'''", i):
                string, i = line[i:i + 3], i + 3
            elif c in "\"'":
                i = _string_end(line, i)
            else:
                depth += c in "[{"
                depth -= c in "]}" and depth > 0
                i += 1
    return inside


def _escaped(line: str, pos: int) -> bool:
    """Whether the character at `pos` follows an odd number of backslashes."""
    k = pos
    while k > 0 and line[k - 1] == "\\":
        k -= 1
    return (pos - k) % 2 == 1


def _string_end(line: str, start: int) -> int:
    """The index after a one-line string that opens at `start` (or the line's end)."""
    quote = line[start]
    i = start + 1
    while True:
        end = line.find(quote, i)
        if end < 0:
            return len(line)
        if quote == '"' and _escaped(line, end):
            i = end + 1
            continue
        return end + 1


class KeyLines:
    """Line numbers of tables and keys in a TOML text, found by a light scan.

    Tables are addressed as ("plan", 0), ("plan.assessment", 0), ("target", i),
    ("series", i); keys inside them by name; inline tables are not split. Table headers are
    found at once (every target needs its line); keys only when a finding asks for one.
    """

    def __init__(self, text: str, exact: bool = False) -> None:
        self._lines = text.splitlines()
        self.tables: dict[tuple[str, int], int] = {}
        self._keys: dict[tuple[str, int, str], int] | None = None
        self._inside: set[int] | None = None
        self._target_at: dict[int, int] | None = None
        skip = self.inside if exact else set()
        counts: dict[str, int] = {}
        for lineno, line in enumerate(self._lines, start=1):
            if not line.lstrip().startswith("[") or lineno in skip:
                continue
            m = _HEADER.match(line)
            if m:
                name = m.group(2).strip().strip('"')
                index = counts.get(name, -1) + 1 if m.group(1) == "[[" else 0
                counts[name] = index
                self.tables[(name, index)] = lineno

    @classmethod
    def scan(cls, text: str, doc: dict[str, Any] | None = None) -> KeyLines:
        """Headers by a quick look at lines starting with "[", read again with multi-line
        values skipped only when that found more tables than `doc` has: a header-like line
        inside a multi-line string (reading every line exactly costs a national load 0.3 s)."""
        lines = cls(text)
        if doc is not None:
            for name in ("target", "series"):
                items = doc.get(name)
                if lines.count(name) > (len(items) if isinstance(items, list) else 0):
                    return cls(text, exact=True)
        return lines

    @property
    def inside(self) -> set[int]:
        """Lines continuing a multi-line value (computed on first use)."""
        if self._inside is None:
            self._inside = continuation_lines(self._lines)
        return self._inside

    def count(self, name: str) -> int:
        return sum(1 for table, _ in self.tables if table == name)

    @property
    def keys(self) -> dict[tuple[str, int, str], int]:
        if self._keys is None:
            keys: dict[tuple[str, int, str], int] = {}
            starts = sorted((line, table) for table, line in self.tables.items())
            current: tuple[str, int] | None = None
            next_start = 0
            for lineno, line in enumerate(self._lines, start=1):
                while next_start < len(starts) and starts[next_start][0] == lineno:
                    current = starts[next_start][1]
                    next_start += 1
                k = _KEY.match(line) if lineno not in self.inside else None
                if k:  # before any table header: a top-level key, filed under ("", 0)
                    where = current if current is not None else ("", 0)
                    keys.setdefault((where[0], where[1], k.group(1).strip('"\'')), lineno)
            self._keys = keys
        return self._keys

    def target_at(self, line: int | None) -> int | None:
        """The index of the [[target]] table whose header is on `line` (a map built once)."""
        if self._target_at is None:
            self._target_at = {ln: i for (name, i), ln in self.tables.items() if name == "target"}
        return self._target_at.get(line) if line is not None else None

    def table(self, name: str, index: int = 0) -> int | None:
        return self.tables.get((name, index))

    def key(self, name: str, index: int, key: str) -> int | None:
        """The line of `key` in the table, or of a sub-table [name.key] it names, else of the table."""
        return (self.keys.get((name, index, key)) or (self.tables.get((f"{name}.{key}", 0)) if index == 0 else None)
                or self.table(name, index))


# ---------------------------------------------------------------- loading

def load_plan_text(text: str, path: str, plan_id: str | None = None) -> tuple[Plan | None, list[Finding]]:
    """Parse and validate one plan file's text; the plan is None only if nothing is usable."""
    plan_id = plan_id or Path(path).stem
    c = Findings(path)
    try:
        doc = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        c.error("toml-syntax", f"TOML syntax error: {exc}", exc.lineno)
        return None, c
    except RecursionError as exc:  # arrays or tables nested hundreds deep: the parser gives up
        c.error("toml-syntax", f"TOML syntax error: {exc}", _line_with_most(text, "[{"))
        return None, c
    except ValueError:  # Python's limit on an integer's digits (4300)
        c.error("toml-syntax", "TOML syntax error: a number too long to read (thousands of digits)",
                _line_with_most(text, "0123456789"))
        return None, c
    lines = KeyLines.scan(text, doc)
    for key in doc:
        if key not in TOP_KEYS:
            c.error("unknown-table", f"unknown table [{key}]{did_you_mean(key, TOP_KEYS)}",
                    lines.table(key) or lines.keys.get(("", 0, key)), key=key)
    raw_plan = doc.get("plan")
    if not isinstance(raw_plan, dict):
        c.error("missing-table", "missing [plan] table (with city, city_zh, title, start, end)", 1, key="plan")
        return None, c
    plan = _read_plan(raw_plan, plan_id, path, lines, c)
    if plan is None:
        return None, c
    raw_targets = doc.get("target", [])
    if not isinstance(raw_targets, list):
        c.error("wrong-type", "`target` must be an array of tables: write [[target]]", lines.table("target"), key="target")
        raw_targets = []
    seen: dict[str, int | None] = {}
    for i, raw in enumerate(raw_targets):
        target = _read_target(raw, i, plan, lines, c)
        if target is None:
            continue
        if target.id in seen:
            c.error("duplicate-id", f"duplicate target id {target.id!r} (first defined on line {seen[target.id]})",
                    lines.key("target", i, "id"), target.id, "id")
            continue
        seen[target.id] = target.line
        plan.targets.append(target)
    raw_series = doc.get("series", [])
    if not isinstance(raw_series, list):
        c.error("wrong-type", "`series` must be an array of tables: write [[series]]", lines.table("series"), key="series")
        raw_series = []
    for i, raw in enumerate(raw_series):
        series = _read_series(raw, i, lines, c)
        if series is None:
            continue
        if series.id in seen:
            c.error("duplicate-id", f"duplicate id {series.id!r}: a series may not share an id with a target or series",
                    lines.key("series", i, "id"), series.id, "id")
            continue
        seen[series.id] = series.line
        plan.series.append(series)
    _cross_checks(plan, lines, c)
    return plan, c


def _line_with_most(text: str, chars: str) -> int:
    """The line holding most of `chars`: where a parser without a line number gave up (the
    brackets of runaway nesting, the digits of an endless number)."""
    lines = text.splitlines() or [""]
    return max(range(len(lines)), key=lambda i: sum(lines[i].count(ch) for ch in chars)) + 1


def _read_plan(raw: dict[str, Any], plan_id: str, path: str, lines: KeyLines,
               c: Findings) -> Plan | None:
    def line(key: str) -> int | None:
        return lines.key("plan", 0, key)

    for key in raw:
        if key not in PLAN_KEYS:
            c.error("unknown-key", f"unknown key {key!r} in [plan]{did_you_mean(key, PLAN_KEYS)}", line(key), key=key)
    ok = True
    for key in PLAN_REQUIRED:
        if key not in raw:
            c.error("missing-key", f"[plan] is missing the required key {key!r}", lines.table("plan"), key=key)
            ok = False
    for key in ("city", "city_zh", "title", "title_en", "issuer", "issued", "note"):
        if key in raw and not isinstance(raw[key], str):
            c.error("wrong-type", f"[plan] {key} must be a string", line(key), key=key)
            ok = False
    for key in ("start", "end", "baseline_year"):
        if key in raw and not _is_year(raw[key]):
            c.error("bad-year", f"[plan] {key} must be a year such as 2023, not {raw[key]!r}", line(key), key=key)
            ok = False
    if not ok:
        return None
    if raw["start"] > raw["end"]:
        c.error("start-after-end", f"[plan] start {raw['start']} is after end {raw['end']}", line("start"), key="start")
    if "issued" in raw:
        try:
            date.fromisoformat(raw["issued"])
        except ValueError:
            c.error("bad-date", f"[plan] issued must be a date YYYY-MM-DD, not {raw['issued']!r}", line("issued"), key="issued")
    if "city" in raw and not ID_RE.match(raw["city"]):
        c.error("bad-id", f"[plan] city must be a lower-case slug such as 'changzhou', not {raw['city']!r}",
                line("city"), key="city")
    thresholds = Thresholds()
    assessment = raw.get("assessment")
    if assessment is not None:
        if not isinstance(assessment, dict):
            c.error("wrong-type", "[plan.assessment] must be a table", line("assessment"), key="assessment")
        else:
            values: dict[str, float] = {}
            for key, value in assessment.items():
                if key not in ASSESSMENT_KEYS:
                    c.error("unknown-key", f"unknown key {key!r} in [plan.assessment]{did_you_mean(key, ASSESSMENT_KEYS)}",
                            lines.key("plan.assessment", 0, key), key=key)
                elif not _is_number(value) or not 0 <= value <= 10:
                    c.error("bad-threshold", f"[plan.assessment] {key} must be a number such as 0.95",
                            lines.key("plan.assessment", 0, key), key=key)
                else:
                    values[key] = float(value)
            thresholds = Thresholds(**values)
            if thresholds.behind > thresholds.on_track:
                c.error("bad-threshold", "[plan.assessment] behind must not exceed on_track",
                        lines.key("plan.assessment", 0, "behind"), key="behind")
    return Plan(
        id=plan_id, city=raw["city"], city_zh=raw["city_zh"], title=raw["title"],
        start=raw["start"], end=raw["end"], title_en=raw.get("title_en"),
        issuer=raw.get("issuer"), issued=raw.get("issued"),
        baseline_year=raw.get("baseline_year"), note=raw.get("note"),
        thresholds=thresholds, path=path,
    )


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_year(v: object) -> bool:
    """A year a date can hold and a plan can mean (the range periods.parse_period accepts)."""
    return _is_int(v) and 1900 <= v <= 2200  # type: ignore[operator]


def _is_number(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _read_target(raw: object, i: int, plan: Plan, lines: KeyLines, c: Findings) -> Target | None:
    here = lines.table("target", i)
    if not isinstance(raw, dict):
        c.error("wrong-type", "each [[target]] must be a table", here)
        return None
    tid = raw.get("id") if isinstance(raw.get("id"), str) else None

    def line(key: str) -> int | None:
        return lines.key("target", i, key)

    def err(code: str, message: str, key: str) -> None:
        c.error(code, f"target {tid or '#' + str(i + 1)}: {message}", line(key), tid, key)

    ok = True
    for key in raw:
        if key not in TARGET_KEYS:
            err("unknown-key", f"unknown key {key!r}{did_you_mean(key, TARGET_KEYS)}", key)
    for key in TARGET_REQUIRED:
        if key not in raw:
            c.error("missing-key", f"target {tid or '#' + str(i + 1)}: missing the required key {key!r}", here, tid, key)
            ok = False
    for key in ("id", "name", "name_en", "kind", "unit", "quote", "comparator", "pace", "parent",
                "indicator", "section", "note", "reference"):
        if key in raw and not isinstance(raw[key], str):
            err("wrong-type", f"{key} must be a string, not {raw[key]!r}", key)
            ok = False
    if not ok:
        return None
    if not ID_RE.match(raw["id"]):
        err("bad-id", f"id {raw['id']!r} must be snake_case (lower-case letters, digits, _)", "id")
    kind = raw["kind"]
    if kind not in KINDS:
        err("unknown-kind", f"kind {kind!r} is not one of {', '.join(KINDS)}{did_you_mean(kind, KINDS)}", "kind")
        return None
    comparator = raw.get("comparator", ">=")
    if comparator not in COMPARATORS:
        hint = {"=>": ">=", "=<": "<=", "≥": ">=", "≤": "<=", "=": ">=", "==": ">="}.get(comparator)
        err("unknown-comparator", f"comparator {comparator!r} is not one of {', '.join(COMPARATORS)}"
            + (f"; did you mean {hint!r}?" if hint else ""), "comparator")
        return None
    pace_ = raw.get("pace", "linear")
    if pace_ not in PACES:
        err("unknown-pace", f"pace {pace_!r} is not one of linear, geometric{did_you_mean(pace_, PACES)}", "pace")
        pace_ = "linear"
    value, value_max = None, None
    raw_value = raw.get("value")
    if raw_value is None:
        if kind not in ("relative", "milestone"):
            c.error("missing-key", f"target {tid}: missing the required key 'value'", here, tid, "value")
            return None
        value = 0.0 if kind == "relative" else 1.0
    elif isinstance(raw_value, list):
        if len(raw_value) != 2 or not all(_is_number(v) for v in raw_value):
            err("bad-value", f"a range must be [min, max] of two numbers, not {raw_value!r}", "value")
            return None
        value, value_max = float(raw_value[0]), float(raw_value[1])
        if value > value_max:
            err("bad-range", f"range [{raw_value[0]}, {raw_value[1]}] has min > max; write [{raw_value[1]}, {raw_value[0]}]", "value")
    elif _is_number(raw_value):
        value = float(raw_value)
    else:
        err("bad-value", f"value must be a number or [min, max], not {raw_value!r}", "value")
        return None
    tolerance = raw.get("tolerance")
    if tolerance is not None:
        if not _is_number(tolerance) or tolerance < 0:
            err("bad-tolerance", f"tolerance must be a non-negative fraction such as 0.05, not {tolerance!r}", "tolerance")
            tolerance = None
        elif comparator != "~":
            err("bad-tolerance", "tolerance is only meaningful with comparator '~' (左右)", "tolerance")
    deadline = _read_deadline(raw.get("deadline"), err)
    if deadline is not None and not plan.start <= deadline.year <= plan.end:
        err("deadline-outside-plan", f"deadline {deadline.isoformat()} is outside the plan's years {plan.start}-{plan.end}", "deadline")
    baseline = _read_baseline(raw.get("baseline"), err)
    if pace_ == "geometric":
        positives = [v for v in (value, value_max, baseline.value if baseline else None) if v is not None]
        if any(v <= 0 for v in positives):
            err("bad-pace", "geometric pace needs positive target and baseline values", "pace")
    also = raw.get("also", [])
    if not isinstance(also, list) or not all(isinstance(a, str) for a in also):
        err("wrong-type", "also must be a list of strings", "also")
        also = []
    verify = raw.get("verify_quote", True)
    if not isinstance(verify, bool):
        err("wrong-type", "verify_quote must be true or false", "verify_quote")
        verify = True
    elif verify is False and not raw.get("note"):
        err("missing-note", "verify_quote = false needs a note saying why", "verify_quote")
    if kind == "relative" and not raw.get("reference"):
        err("missing-reference", "a relative target needs reference = \"<series id>\" (the series it is compared with)", "reference")
    if raw.get("reference") and kind != "relative":
        err("stray-reference", "reference is only meaningful for kind = \"relative\"", "reference")
    _check_kind(kind, comparator, value, value_max, tolerance, err)
    milestones = _read_milestones(raw.get("milestones"), kind, value,
                                  baseline.year if baseline else plan.base_year,
                                  deadline.year if deadline else plan.end, err)
    return Target(
        id=raw["id"], name=raw["name"], name_en=raw.get("name_en", ""), kind=kind, value=value,
        value_max=value_max, unit=raw["unit"], comparator=comparator,
        tolerance=float(tolerance) if _is_number(tolerance) else None, deadline=deadline,
        baseline=baseline, pace=pace_, parent=raw.get("parent"), indicator=raw.get("indicator"),
        reference=raw.get("reference"), quote=raw["quote"], also=list(also),
        section=raw.get("section"), note=raw.get("note"), verify_quote=verify,
        line=lines.table("target", i), milestones=milestones,
    )


def _check_kind(kind: str, comparator: str, value: float | None, value_max: float | None,
                tolerance: object, err: Any) -> None:
    """The rules of the kinds of issue 16: a change's sign and comparator agree (降低 13.5 % is
    value = -13.5 with <=, 提高 20 % is 20 with >=), and a hold names a bound: a comparator
    with one side, or ~ with the band stated (a range, or an explicit tolerance)."""
    if kind == "change" and value is not None:
        if value <= -100 or (value_max is not None and value_max <= -100):
            err("bad-value", f"a cumulative change of {value:g} % would take the indicator to zero or below", "value")
        elif comparator in ("<=", "<") and value > 0:
            err("change-sign", f"comparator {comparator!r} with a rise of {value:g} %: a reduction (降低/下降 "
                f"{value:g} %) is value = {-value:g} with '<='; a rise of at least {value:g} % takes '>='", "comparator")
        elif comparator in (">=", ">") and value < 0:
            err("change-sign", f"comparator {comparator!r} with a fall of {-value:g} %: a reduction of at least "
                f"{-value:g} % (降低/下降 {-value:g} %) takes '<='", "comparator")
    if kind == "hold" and comparator not in BOUND_COMPARATORS and value_max is None and tolerance is None:
        err("hold-needs-bound", f"a hold target needs a bound: comparator one of {', '.join(BOUND_COMPARATORS)} "
            f"(控制在…以内 is '<=', 不低于/保持在…以上 is '>='), or '~' with a range [min, max] or an explicit "
            "tolerance (the band every year's figure must keep)", "comparator")


def _read_milestones(raw: object, kind: str, value: float | None, base_year: int, end_year: int,
                     err: Any) -> dict[int, float]:
    """milestones = { 2023 = 85.6, 2024 = 86.5 }: the plan's own yearly milestones (分年度目标)."""
    if raw is None:
        return {}
    if kind not in MILESTONE_KINDS:
        err("bad-milestones", f"milestones pace only {', '.join(MILESTONE_KINDS)} targets, not {kind}", "milestones")
        return {}
    if not isinstance(raw, dict):
        err("bad-milestones", "milestones must be a table of year = value, such as { 2023 = 85.6, 2024 = 86.5 }", "milestones")
        return {}
    out: dict[int, float] = {}
    for key, v in raw.items():
        year = int(key) if key.isdigit() and len(key) == 4 else None
        if year is None or not _is_number(v):
            err("bad-milestones", f"milestone {key} = {v!r}: each must be a year = a number", "milestones")
        elif not base_year < year <= end_year:
            err("bad-milestones", f"milestone year {year} is not after the baseline year {base_year} and by the "
                f"deadline's year {end_year}", "milestones")
        elif year == end_year and v != value:
            err("bad-milestones", f"milestone {year} = {v:g} differs from the target's value {value!r} for that year",
                "milestones")
        elif kind == "change" and v <= -100:
            err("bad-milestones", f"milestone {year}: a cumulative change of {v:g} % or less cannot be reached", "milestones")
        else:
            out[year] = float(v)
    return out


def _read_deadline(raw: object, err: Any) -> date | None:
    if raw is None:
        return None
    if _is_int(raw):
        if not 1900 <= raw <= 2200:  # type: ignore[operator]
            err("bad-deadline", f"deadline {raw!r} is not a plausible year", "deadline")
            return None
        return date(raw, 12, 31)  # type: ignore[arg-type]
    if isinstance(raw, datetime):  # TOML 2025-06-30T00:00:00: its day
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        try:
            return parse_period(raw).end
        except PeriodError:
            pass
    err("bad-deadline", f"deadline must be a year such as 2025 or a date such as 2025-06-30, not {raw!r}", "deadline")
    return None


def _read_baseline(raw: object, err: Any) -> Baseline | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        err("bad-baseline", "baseline must be a table { value = …, year = …, source = \"…\" }", "baseline")
        return None
    for key in raw:
        if key not in BASELINE_KEYS:
            err("unknown-key", f"unknown key {key!r} in baseline{did_you_mean(key, BASELINE_KEYS)}", "baseline")
    if not _is_number(raw.get("value")) or not _is_year(raw.get("year")):
        err("bad-baseline", "baseline needs a numeric value and a year such as 2022", "baseline")
        return None
    source = raw.get("source")
    if not source:
        err("baseline-without-source", "baseline needs a source: only a value a source states may be a baseline", "baseline")
    return Baseline(float(raw["value"]), int(raw["year"]), source if isinstance(source, str) else None)


def _read_series(raw: object, i: int, lines: KeyLines, c: Findings) -> Series | None:
    here = lines.table("series", i)
    if not isinstance(raw, dict):
        c.error("wrong-type", "each [[series]] must be a table", here)
        return None
    sid = raw.get("id") if isinstance(raw.get("id"), str) else None
    ok = True
    for key in raw:
        if key not in SERIES_KEYS:
            c.error("unknown-key", f"series {sid}: unknown key {key!r}{did_you_mean(key, SERIES_KEYS)}",
                    lines.key("series", i, key), sid, key)
    for key in SERIES_REQUIRED:
        if not isinstance(raw.get(key), str):
            c.error("missing-key", f"series {sid or '#' + str(i + 1)}: missing the required string {key!r}", here, sid, key)
            ok = False
    if "name_en" in raw and not isinstance(raw["name_en"], str):
        c.error("wrong-type", f"series {sid}: name_en must be a string, not {raw['name_en']!r}",
                lines.key("series", i, "name_en"), sid, "name_en")
        ok = False
    if not ok:
        return None
    # no English name: "" (readers show the Chinese one)
    return Series(raw["id"], raw["name"], raw.get("name_en", ""), raw["unit"], here)


def _cross_checks(plan: Plan, lines: KeyLines, c: Findings) -> None:
    ids = {t.id for t in plan.targets}
    series_ids = {s.id for s in plan.series}
    by_id = {t.id: t for t in plan.targets}
    hint = Hints()
    for t in plan.targets:
        if t.parent is not None:
            parent = by_id.get(t.parent)
            if parent is None:
                c.error("unknown-parent", f"target {t.id}: parent {t.parent!r} is not a target of this plan"
                        f"{hint(t.parent, ids)}", _line_of(lines, plan, t, "parent"), t.id, "parent")
            elif parent.unit != t.unit:
                c.error("unit-differs-from-parent", f"target {t.id}: unit {t.unit!r} differs from its parent {parent.id}'s {parent.unit!r}",
                        _line_of(lines, plan, t, "unit"), t.id, "unit")
            elif parent.id == t.id:
                c.error("own-parent", f"target {t.id} is its own parent", _line_of(lines, plan, t, "parent"), t.id, "parent")
        if t.reference is not None and t.reference not in series_ids:
            c.error("unknown-reference", f"target {t.id}: reference {t.reference!r} is not a [[series]] of this plan"
                    f"{hint(t.reference, series_ids)}", _line_of(lines, plan, t, "reference"),
                    t.id, "reference")
    children: dict[str, list[Target]] = {}  # parent id → its parts, in order: one pass, not one per target
    for t in plan.targets:
        if t.parent is not None:
            children.setdefault(t.parent, []).append(t)
    for parent in plan.targets:
        parts = [t for t in children.get(parent.id, ()) if t.unit == parent.unit]
        if parts and parent.value is not None and all(p.value is not None for p in parts):
            total = sum(p.value for p in parts if p.value is not None)
            # parts of another kind (a yearly quota inside a stock) do not add up to the whole
            if total > parent.value and all(p.kind == parent.kind for p in parts):
                c.warning("parts-exceed-whole", f"target {parent.id}: its parts ({', '.join(p.id for p in parts)}) add up to "
                          f"{total:g}, more than the whole {parent.value:g}", parent.line, parent.id, "value")


def _line_of(lines: KeyLines, plan: Plan, t: Target, key: str) -> int | None:
    # the target's index among [[target]] tables may differ if some were skipped; find by line
    index = lines.target_at(t.line)
    return lines.key("target", plan.targets.index(t) if index is None else index, key)


def key_lines_of(plan: Plan, plan_text: str | None) -> Callable[[Target, str], int | None] | None:
    """A `line_of(target, key)` for the check rules: the line of a target's key in the plan text,
    read exactly (multi-line values skipped) and only when a finding asks for one."""
    if not plan_text:
        return None
    scanned: list[KeyLines] = []

    def line_of(t: Target, key: str) -> int | None:
        if not scanned:
            scanned.append(KeyLines(plan_text, exact=True))
        lines = scanned[0]
        i = lines.target_at(t.line)
        return t.line if i is None else lines.key("target", i, key)

    return line_of


def read_text(path: Path) -> str:
    """A plan file as text (UTF-8, with or without BOM); raises OSError/UnicodeDecodeError."""
    data = path.read_bytes()
    return data.decode("utf-8-sig")


def load_plan_file(path: Path) -> tuple[Plan | None, list[Finding]]:
    try:
        text = read_text(path)
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return None, [Finding("error", f"not UTF-8 text (byte {exc.start}); save the plan file as UTF-8",
                              str(path), line, code="bad-encoding")]
    except OSError as exc:
        return None, [Finding("error", f"cannot read the file: {exc.strerror or exc}", str(path),
                              code="unreadable")]
    return load_plan_text(text, str(path))
