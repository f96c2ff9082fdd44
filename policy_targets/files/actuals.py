"""Actuals CSV files (SPEC 3) → figures + findings.

Rows are read one at a time (csv over a decoded stream), checked against the plans, and
converted into each target's unit. Vintages are resolved here: of rows for the same target
and period, the latest `published` wins and remembers the values it revised.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import NamedTuple

from policy_targets.files.plan import did_you_mean
from policy_targets.core.model import BASES, Figure, Finding, Plan, Target
from policy_targets.core.numbers import NumberError, UnitError, convert, is_missing, normalize, parse_value
from policy_targets.core.periods import PeriodError, parse_date, parse_period

_BASIS = {b: b for b in BASES}  # one string per basis, not one per row

COLUMNS = ("plan", "target", "period", "value", "unit", "basis", "source", "published", "note")
CHINESE_HEADERS = {
    "规划": "plan", "计划": "plan", "指标": "target", "目标": "target", "期间": "period",
    "年份": "period", "时期": "period", "数值": "value", "值": "value", "单位": "unit",
    "口径": "basis", "来源": "source", "发布日期": "published", "备注": "note",
}
REQUIRED = ("target", "period", "value")
YES = {"是", "yes", "true", "y", "已实现", "实现"}
NO = {"否", "no", "false", "n", "未实现"}
CSV_HEADER = "target,period,value,unit,basis,source,published,note"
MAX_HINTS = 20
"""Unknown plans or targets of a file that get a "did you mean": each compares the id with every
id of the plan, so a file of unknown rows against a plan of many targets was quadratic."""


class DecodeProblem(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


class Encoding(NamedTuple):
    """How a file is written, so that `record` can append in the same form."""

    name: str  # a Python codec name
    bom: bytes
    newline: str


def sniff_encoding(head: bytes) -> Encoding:
    """Pick the encoding of a CSV from its first bytes: BOMs first, then UTF-8, then GB18030."""
    newline = "\r\n" if b"\r\n" in head else "\n"
    if head.startswith(codecs.BOM_UTF8):
        return Encoding("utf-8", codecs.BOM_UTF8, newline)
    if head.startswith(codecs.BOM_UTF16_LE):
        return Encoding("utf-16-le", codecs.BOM_UTF16_LE, "\r\n" if b"\r\x00\n\x00" in head else "\n")
    if head.startswith(codecs.BOM_UTF16_BE):
        return Encoding("utf-16-be", codecs.BOM_UTF16_BE, "\r\n" if b"\x00\r\x00\n" in head else "\n")
    try:
        head.decode("utf-8")
        return Encoding("utf-8", b"", newline)
    except UnicodeDecodeError as exc:
        # a multi-byte character cut by the sample's end is still UTF-8
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return Encoding("utf-8", b"", newline)
    return Encoding("gb18030", b"", newline)


def _first_bad_byte(path: Path, codec: str, skip: int = 0) -> int | None:
    """The offset of the first byte `codec` cannot decode, or None if it reads the whole file."""
    decoder = codecs.getincrementaldecoder(codec)()
    offset = skip
    with path.open("rb") as fh:
        fh.read(skip)
        while block := fh.read(1 << 20):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                return max(skip, offset + exc.start - len(decoder.getstate()[0]))
            offset += len(block)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return offset
    return None


def detect_encoding(path: Path) -> Encoding:
    """BOMs first; else UTF-8 if it reads the whole file; else whichever of UTF-8 and GB18030
    reads further (so a UTF-8 file with one stray byte is reported as UTF-8, at that byte)."""
    with path.open("rb") as fh:
        head = fh.read(65536)
    enc = sniff_encoding(head)
    if enc.bom:
        return enc
    utf8_bad = _first_bad_byte(path, "utf-8")
    if utf8_bad is None:
        return Encoding("utf-8", b"", enc.newline)
    gb_bad = _first_bad_byte(path, "gb18030")
    if gb_bad is None or gb_bad >= utf8_bad:
        return Encoding("gb18030", b"", enc.newline)
    return Encoding("utf-8", b"", enc.newline)


def _line_of_bad_byte(path: Path, enc: Encoding) -> int:
    """The line (counting \n only) of the first byte `enc` cannot decode; read again, on error only."""
    bad = _first_bad_byte(path, enc.name, len(enc.bom)) or 0
    with path.open("rb") as fh:
        head = fh.read(bad)[len(enc.bom):]
    return codecs.decode(head, enc.name, "replace").count("\n") + 1


def _lines(path: Path, enc: Encoding) -> Iterator[str]:
    """The decoded text of a file, streamed; a decoding failure says where and what to do."""
    with path.open("rb") as fh:
        fh.read(len(enc.bom))
        # newline="": lines end at \n, \r or \r\n only (never at U+2028, \x1c-\x1e or \x85,
        # which str.splitlines and codecs readers also break at), as csv requires
        text = io.TextIOWrapper(fh, encoding=enc.name, errors="strict", newline="")
        try:
            yield from text
        except UnicodeDecodeError:
            line = _line_of_bad_byte(path, enc)
            raise DecodeProblem(
                f"cannot be read as {enc.name.upper()} near line {line}; save it as "
                "UTF-8 (Excel: CSV UTF-8) or GB18030", line) from None


def _utf8_lines_flagged(lines: Iterator[str], warning) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The lines of a file read as GB18030, with one warning at the first line whose bytes are
    UTF-8 Chinese (a file saved in two encodings: that line reads as mojibake)."""
    number = 0
    for text in lines:
        number += 1  # each item is one line (ended by CR, LF or CRLF)
        if not text.isascii():
            raw = text.encode("gb18030")
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                warning(f"line {number} is UTF-8 in a file read as GB18030: it reads as mojibake; save the "
                        "whole file in one encoding (UTF-8)", number)
                yield text
                yield from lines
                return
        yield text


def load_actuals(paths: list[Path], plans: dict[str, Plan]) -> tuple[list[Figure], list[Finding]]:
    """Read CSV files: their figures (in target units, vintages resolved across files) and findings."""
    rows: list[Figure] = []
    findings: list[Finding] = []
    for path in paths:
        file_rows, file_findings = read_rows(path, plans)
        rows.extend(file_rows)
        findings.extend(file_findings)
    return resolve_rows(rows, findings), findings


def read_rows(path: Path, plans: dict[str, Plan]) -> tuple[list[Figure], list[Finding]]:
    file = str(path)
    findings: list[Finding] = []

    def error(msg: str, line: int | None = None, target: str | None = None, key: str | None = None) -> None:
        findings.append(Finding("error", msg, file, line, target, key))

    def warning(msg: str, line: int | None = None, target: str | None = None, key: str | None = None) -> None:
        findings.append(Finding("warning", msg, file, line, target, key))

    try:
        if path.is_dir():
            error("is a folder, not a CSV file")
            return [], findings
        enc = detect_encoding(path)
    except OSError as exc:
        error(f"cannot read the file: {exc.strerror or exc}")
        return [], findings
    rows: list[Figure] = []
    start = 1  # the line the record being read starts on
    try:
        # strict: a stray or unclosed quote is an error, not the rest of the file in one cell
        lines = _lines(path, enc)
        if enc.name == "gb18030":
            lines = _utf8_lines_flagged(lines, warning)
        reader = csv.reader(lines, strict=True)
        header = next(reader, None)
        if header is None:
            warning("the file is empty: no header, no figures")
            return [], findings
        columns = read_header(header, error)
        if columns is None:
            return [], findings
        file_plan = path.stem if path.stem in plans else None
        order = positions(columns)
        hints = MAX_HINTS  # "did you mean" compares with every id: only for the first rows
        while True:
            start = reader.line_num + 1
            record = next(reader, None)
            if record is None:
                break
            line = start
            if not any(cell.strip() for cell in record):
                continue
            if len(record) > len(header) and any(cell.strip() for cell in record[len(header):]):
                warning(f"{len(record)} cells but the header has {len(header)} columns: the cells beyond "
                        "it are ignored (a cell holding a comma must be quoted whole)", line)
            before = len(findings)
            row = read_row(record, columns, file_plan, line, file, plans, error, warning, order,
                           suggest=hints > 0)
            if row is None and len(findings) > before and findings[-1].key in ("plan", "target"):
                hints -= 1
            if row is not None:
                rows.append(row)
    except DecodeProblem as exc:
        error(str(exc), exc.line)
        return [], findings
    except csv.Error as exc:
        error(f"CSV syntax error in the row starting on line {start}: {exc} (a cell holding a "
              "quote or a comma must be quoted whole, with its quotes doubled)", start)
        return [], findings
    except OSError as exc:
        error(f"cannot read the file: {exc.strerror or exc}")
        return [], findings
    return rows, findings


def read_header(header: list[str], error) -> dict[str, int] | None:  # type: ignore[no-untyped-def]
    columns: dict[str, int] = {}
    for i, name in enumerate(header):
        raw = normalize(name).lstrip("\ufeff")
        key = CHINESE_HEADERS.get(raw, raw.lower())
        if key in ("年份",):
            key = "period"
        if key not in COLUMNS:
            error(f"unknown column {name!r}{did_you_mean(raw.lower(), COLUMNS)} "
                  f"(columns: {', '.join(COLUMNS)})", 1, key=name)
            continue
        if key in columns:
            error(f"column {key!r} appears twice", 1, key=key)
            continue
        columns[key] = i
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        error(f"missing the column(s) {', '.join(missing)} in the header row "
              f"(found: {', '.join(header)})", 1)
        return None
    return columns


def positions(columns: dict[str, int]) -> list[int | None]:
    """The position of each of COLUMNS in a file's rows (None where the file has no such column)."""
    return [columns.get(k) for k in COLUMNS]


def read_row(record: list[str], columns: dict[str, int], file_plan: str | None, line: int,
             file: str, plans: dict[str, Plan], error, warning,  # type: ignore[no-untyped-def]
             order: list[int | None] | None = None, suggest: bool = True) -> Figure | None:
    """One CSV record → a figure in its target's unit, or None after reporting why.

    `order` is `positions(columns)`, computed once per file by the caller that reads many rows.
    `suggest`: an unknown plan or target gets a "did you mean" (a comparison with every id).
    """
    n = len(record)
    # every cell at once, in the order of COLUMNS: this is the hot path of a national data set
    (plan_c, target_c, period_c, value_c, unit_c, basis_c, source_c, published_c,
     note_c) = [(record[i].strip() or None) if i is not None and i < n else None
                for i in (order or positions(columns))]

    plan_id = plan_c or file_plan
    target_id = target_c or ""
    if plan_id is None:
        error("no plan: add a `plan` column or name the file after its plan (changzhou.csv)",
              line, target_id, "plan")
        return None
    plan = plans.get(plan_id)
    if plan is None:
        error(f"unknown plan {plan_id!r}{did_you_mean(plan_id, plans) if suggest else ''}", line, target_id, "plan")
        return None
    item = plan.item(target_id)
    if item is None:
        known = [t.id for t in plan.targets] + [s.id for s in plan.series] if suggest else []
        error(f"unknown target {target_id!r} in plan {plan_id}{did_you_mean(target_id, known) if suggest else ''}",
              line, target_id, "target")
        return None
    unit_of = item.unit
    period_text = period_c or ""
    try:
        period = parse_period(period_text)
    except PeriodError as exc:
        error(str(exc), line, target_id, "period")
        return None
    raw_value = value_c
    if raw_value is None or is_missing(raw_value):
        return None
    try:
        if isinstance(item, Target) and item.kind == "milestone" and normalize(raw_value).lower() in YES | NO:
            value, cell_unit = (1.0 if normalize(raw_value).lower() in YES else 0.0), None
        else:
            value, cell_unit = parse_value(raw_value)
    except NumberError as exc:
        error(f"value {exc}", line, target_id, "value")
        return None
    unit = unit_c
    if cell_unit and unit and normalize(cell_unit) != normalize(unit):
        error(f"the value says {cell_unit!r} but the unit column says {unit!r}", line, target_id, "unit")
        return None
    unit = unit or cell_unit
    if unit:
        try:
            value = convert(value, unit, unit_of)
        except UnitError:
            error(f"unit {unit!r} cannot be converted to the target's unit {unit_of!r}",
                  line, target_id, "unit")
            return None
        if not math.isfinite(value):
            error(f"value {raw_value!r} {unit} is too large to be a figure in {unit_of!r}",
                  line, target_id, "value")
            return None
    basis = basis_c
    if basis is not None:
        basis = basis.lower()
        if basis not in BASES:
            error(f"basis {basis!r} is not one of {', '.join(BASES)}{did_you_mean(basis, BASES)}",
                  line, target_id, "basis")
            return None
        basis = _BASIS[basis]
    published = None
    if published_c:
        try:
            published = parse_date(published_c)
        except PeriodError as exc:
            error(f"published: {exc}", line, target_id, "published")
            return None
    if period.year < plan.base_year or period.year > plan.end:
        warning(f"figure for {period_text} is outside the plan's years "
                f"{plan.base_year}-{plan.end}", line, target_id, "period")
    # The ids are the plan's own strings and a source is interned: a national data set repeats
    # each over thousands of rows, and a copy per row was a quarter of its memory.
    return Figure(plan=plan.id, target=item.id, period=period, value=value, basis=basis,
                  source=sys.intern(source_c) if source_c else None, published=published,
                  note=note_c, file=file, line=line)


def resolve_rows(rows: list[Figure], findings: list[Finding]) -> list[Figure]:
    """Group rows by target and period: vintages keep the latest (remembering the values it
    revised); rows that disagree without being vintages are errors and are dropped."""
    groups: dict[tuple[str, str, date], list[Figure]] = {}
    for row in rows:
        groups.setdefault((row.plan, row.target, row.period.end), []).append(row)
    figures: list[Figure] = []
    for group in groups.values():
        if len(group) == 1:
            figures.append(group[0])
            continue
        chosen = _choose(group, findings)
        if chosen is None:
            continue
        row, earlier = chosen
        figures.append(replace(row, revised_from=tuple(earlier)))
    return figures


def _where(row: Figure, other: Figure) -> str:
    return f"line {other.line}" if other.file == row.file else f"{other.file} line {other.line}"


def _choose(group: list[Figure], findings: list[Finding]) -> tuple[Figure, list[float]] | None:
    if len(group) == 1:
        return group[0], []
    by_published: dict[date | None, Figure] = {}
    for row in group:
        prev = by_published.get(row.published)
        if prev is not None and prev.value != row.value:
            when = f"published {row.published.isoformat()}" if row.published else "no published date"
            findings.append(Finding(
                "error", f"two figures for {row.target} {row.period.label} disagree ({prev.value:g} on "
                f"{_where(row, prev)}, {row.value:g} here) with {when}; if one revises the other, "
                "give each its `published` date", row.file, row.line, row.target, "value"))
            return None
        by_published.setdefault(row.published, row)
    dated = sorted(((d, r) for d, r in by_published.items() if d is not None), key=lambda x: x[0])
    if None in by_published and dated:
        undated = by_published[None]
        if any(r.value != undated.value for _, r in dated):
            findings.append(Finding(
                "error", f"a figure for {undated.target} {undated.period.label} has no `published` "
                "date while another has one; date both to make them vintages", undated.file,
                undated.line, undated.target, "published"))
            return None
    if not dated:
        return by_published[None], []
    latest = dated[-1][1]
    earlier = [r.value for _, r in dated[:-1] if r.value != latest.value]
    return latest, earlier
