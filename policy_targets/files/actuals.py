"""Figures files (SPEC 3) → figures + findings: CSV in any encoding, or Excel workbooks; long
(one figure per row) or wide (a target column, then one column per period).

Rows come from files.sheets, are checked against the plans one at a time, and are converted
into each target's unit. Targets may be named by id, Chinese name or English name, plans by
id, city slug or Chinese city name. Vintages are resolved here: of rows for the same target
and period, the latest `published` wins and remembers the values it revised.
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import NamedTuple

from policy_targets.core.model import BASES, Figure, Finding, Findings, Plan, Target
from policy_targets.core.names import did_you_mean, items_named, plan_names, plans_named, suggest_item
from policy_targets.core.numbers import (NumberError, UnitError, convert, is_missing, normalize,
                                         parse_qualified)
from policy_targets.core.periods import PeriodError, parse_date, parse_period
# Encoding, detect_encoding and sniff_encoding moved to files.sheets; `record` finds them here
from policy_targets.files.sheets import (Encoding, Row, Sheet, SheetError, detect_encoding,  # noqa: F401
                                         open_sheets, sniff_encoding, split_sheet)

_BASIS = {b: b for b in BASES}  # one string per basis, not one per row

COLUMNS = ("plan", "target", "period", "value", "unit", "basis", "source", "published", "note")
CHINESE_HEADERS = {
    "规划": "plan", "计划": "plan", "指标": "target", "目标": "target", "期间": "period",
    "年份": "period", "时期": "period", "数值": "value", "值": "value", "单位": "unit",
    "口径": "basis", "来源": "source", "发布日期": "published", "备注": "note",
    # as statistics bureaus head their tables
    "指标名称": "target", "项目": "target", "计量单位": "unit", "数据来源": "source",
    "资料来源": "source", "说明": "note", "时间": "period", "统计期": "period", "报告期": "period",
}
REQUIRED = ("target", "period", "value")
YES = {"是", "yes", "true", "y", "已实现", "实现"}
NO = {"否", "no", "false", "n", "未实现"}
CSV_HEADER = "target,period,value,unit,basis,source,published,note"
FOOTNOTES = ("注", "说明", "资料来源", "数据来源", "备注")
"""A row whose only cell starts with one of these is a table's footnote, not a figure."""
IGNORED = frozenset({"序号", "编号", "no.", "no", "#"})
MAX_HINTS = 20
"""Rows of a file whose unknown plan or target gets a "did you mean": each compares the name with
every name of the plan, so a file of unknown rows against a plan of many targets was quadratic."""
"""Columns a statistics table numbers its rows with: read past, in either layout."""


def column_key(name: str) -> str:
    """A header cell → its column's name (Chinese headers included), or the cell itself folded."""
    raw = normalize(name).lstrip("\ufeff")
    return CHINESE_HEADERS.get(raw, raw.lower())


def load_actuals(paths: list[Path], plans: dict[str, Plan], default_plan: str | None = None,
                 broken: Iterable[str] = (), unchecked: Counter[str] | None = None,
                 ) -> tuple[list[Figure], list[Finding]]:
    """Read figures files: their figures (in target units, vintages resolved across files) and findings.

    `default_plan` is the plan of a file that has no plan column and is not named after a plan
    (a file given on the command line for one plan). Rows of a plan in `broken` (its file has
    errors) are not checked: each file says how many in one finding, and `unchecked` counts them.
    """
    rows: list[Figure] = []
    findings: list[Finding] = []
    for path in paths:
        file_rows, file_findings = read_rows(path, plans, default_plan, broken=broken, unchecked=unchecked)
        rows.extend(file_rows)
        findings.extend(file_findings)
    return resolve_rows(rows, findings), findings


def read_rows(path: Path, plans: dict[str, Plan], default_plan: str | None = None, *,
              own_plan: str | None = None, broken: Iterable[str] = (),
              unchecked: Counter[str] | None = None) -> tuple[list[Figure], list[Finding]]:
    """The figures of one file (every sheet of a workbook, or `book.xlsx#sheet`) and its findings.

    A file without a plan column belongs to `own_plan` if given, else to the plan it is named
    after (changde.csv, 常德.xlsx), else to `default_plan`; with none, the file is one error.
    """
    path, sheet = split_sheet(path)
    file = str(path)
    findings = Findings(file)
    rows: list[Figure] = []
    broken = frozenset(broken)
    try:
        if path.is_dir():
            findings.error("unreadable", "is a folder, not a figures file (CSV or .xlsx)")
            return [], findings
        named = plans_named(plans, path.stem)
        stem_plan = named[0].id if len(named) == 1 else path.stem if path.stem in broken else None
        file_plan = own_plan or stem_plan or default_plan
        reader = _FileReader(file, plans, file_plan, broken, findings, rows)
        sheets = list(open_sheets(path, sheet))
        for one in sheets:
            reader.read_sheet(one, many=len(sheets) > 1)
            for message, line in one.notes or ():
                findings.warning("mixed-encoding", message, line)
        if not reader.sheets_read and not findings:
            findings.warning("empty-file", "the file is empty: no header, no figures")
    except SheetError as exc:
        findings.error(exc.code, str(exc), exc.line)
        return [], findings
    except OSError as exc:
        findings.error("unreadable", f"cannot read the file: {exc.strerror or exc}")
        return [], findings
    for plan_id, n in reader.unchecked.items():
        findings.error("figures-not-checked", f"{n} figure(s) of plan {plan_id} could not be checked: "
                       f"its plan file has errors (fix those first)", None, None, "plan")
        if unchecked is not None:
            unchecked[plan_id] += n
    return rows, findings


class Layout(NamedTuple):
    """How a sheet's header lays out its figures."""

    columns: dict[str, int]  # column name → position
    periods: list[tuple[int, str]]  # wide: (position, period as headed) of each period column

    @property
    def wide(self) -> bool:
        return bool(self.periods)


class _FileReader:
    """The state of reading one file: its plan, the findings and rows so far."""

    def __init__(self, file: str, plans: dict[str, Plan], file_plan: str | None, broken: frozenset[str],
                 findings: Findings, rows: list[Figure]) -> None:
        self.file, self.plans, self.file_plan, self.broken = file, plans, file_plan, broken
        self.findings, self.rows = findings, rows
        self.unchecked: Counter[str] = Counter()
        self.sheets_read = 0
        self.hints = MAX_HINTS  # "did you mean" compares with every name: for the first few rows only

    def _read(self, record: list[str], columns: dict[str, int], line: int, file: str, out: Findings,
              order: list[int | None] | None) -> Figure | None:
        before = len(out)
        figure = read_row(record, columns, self.file_plan, line, file, self.plans, out, order,
                          suggest=self.hints > 0)
        if figure is None and any(f.code in ("unknown-plan", "unknown-target") for f in out[before:]):
            self.hints -= 1
        return figure

    def read_sheet(self, sheet: Sheet, many: bool) -> None:
        header, rows = _find_header(sheet.rows)
        if header is None:
            return
        self.sheets_read += 1
        out = self.findings
        if many:  # a workbook's other sheets may be notes: one without a target column is skipped
            keys = {column_key(c) for c in header.cells}
            if "target" not in keys:
                out.warning("sheet-skipped", f"{sheet.where(header.line, None)}no column names the target "
                            "(指标 or target) in its first rows, so the sheet is skipped as holding no "
                            "figures (name the sheet with `FILE.xlsx#SHEET` to read only the one meant)",
                            header.line)
                return
        layout = read_layout(header.cells, out, header.line, sheet)
        if layout is None:
            return
        if "plan" not in layout.columns and self.file_plan is None:
            known = ", ".join(plan_names(self.plans)) or "none: the data directory has no plan files"
            out.error("no-plan", f"{sheet.where(header.line, None)}no plan for these figures: the file is "
                      f"named after no plan (plans: {known}) and has no `plan` column; name the file after "
                      "its plan (changzhou.csv), add a `plan` (规划) column, give the plan on the command "
                      "line (ptarget import FILE PLAN), or write the plan first (ptarget new PLAN)",
                      header.line, None, "plan")
            return
        order = positions(layout.columns)
        plan_at = layout.columns.get("plan")
        for row in rows:
            cells = row.cells
            if not any(cell.strip() for cell in cells):
                continue
            if cells[0].lstrip().startswith(FOOTNOTES) and sum(1 for c in cells if c.strip()) == 1:
                continue  # 注：… under the table
            width = len(header.cells)
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                out.warning("extra-cells", f"{sheet.where(row.line, width)}{len(cells)} cells but the header "
                            f"has {width} columns: the cells beyond it are not read (a cell holding a comma "
                            "must be quoted whole)", row.line)
            if self.broken:
                plan_cell = cells[plan_at].strip() if plan_at is not None and plan_at < len(cells) else ""
                plan_id = plan_cell or self.file_plan
                if plan_id in self.broken and plan_id not in self.plans:
                    self.unchecked[plan_id] += len(layout.periods) if layout.wide else 1
                    continue
            if layout.wide:
                self._read_wide(row, layout, sheet)
            elif not sheet.workbook:  # a long CSV, the hot path: findings need no cell names
                figure = self._read(cells, layout.columns, row.line, self.file, out, order)
                if figure is not None:
                    self.rows.append(figure)
            else:
                self._read_one(cells, layout.columns, row.line, sheet, order, None)

    def _read_wide(self, row: Row, layout: Layout, sheet: Sheet) -> None:
        cells = row.cells
        fixed = {k: (cells[i] if i < len(cells) else "") for k, i in layout.columns.items()}
        for at, period in layout.periods:
            value = cells[at] if at < len(cells) else ""
            if not value.strip() or is_missing(value.strip()):
                continue  # an empty cell is no figure
            record = [fixed.get(k, "") for k in COLUMNS]
            record[2], record[3] = period, value
            if not self._read_one(record, _LONG, row.line, sheet, None, (at, period, layout.columns)):
                break  # the row's target or plan is unknown: once, not once per period

    def _read_one(self, record: list[str], columns: dict[str, int], line: int, sheet: Sheet,
                  order: list[int | None] | None, wide: tuple[int, str, dict[str, int]] | None) -> bool:
        """Read one figure; False when its plan or target is unknown (the rest of a wide row too)."""
        mine = Findings(self.file)
        # a figure from a workbook names its sheet (book.xlsx#年度), so that a later finding about it
        # (a conflict, a flow that falls) says where it is
        where = f"{self.file}#{sheet.name}" if sheet.workbook else self.file
        row = self._read(record, columns, line, where, mine, order)
        if row is not None:
            self.rows.append(row)
        fatal = False
        for f in mine:
            key = f.key
            if wide is not None:
                at, period, fixed = wide
                column = at if key in ("value", "period", None) else fixed.get(key or "")
                prefix = sheet.where(line, column) or f"column {period!r}: "
            else:
                prefix = sheet.where(line, columns.get(key or ""))
            self.findings.append(f._replace(message=prefix + f.message) if prefix else f)
            fatal = fatal or (f.severity == "error" and key in ("plan", "target"))
        return not fatal


_LONG = {k: i for i, k in enumerate(COLUMNS)}  # the record a wide cell is turned into


def _find_header(rows: Iterator[Row]) -> tuple[Row | None, Iterator[Row]]:
    """The header row and the rows after it. A workbook often starts with a title (one cell,
    maybe merged across): the header is the first row that names the target column among the
    first ten that are not empty, else the first that is not empty (whose errors say why)."""
    seen: list[Row] = []
    for row in rows:
        if not any(c.strip() for c in row.cells):
            continue
        seen.append(row)
        if any(column_key(c) == "target" for c in row.cells):
            return row, rows
        if len(seen) == 10:
            break
    if not seen:
        return None, rows
    first = seen[0]

    def rest() -> Iterator[Row]:
        yield from seen[1:]
        yield from rows

    return first, rest()


def read_layout(header: list[str], out: Findings, line: int = 1, sheet: Sheet | None = None) -> Layout | None:
    """Long (target, period, value columns) or wide (a target column and no period or value
    column, then one column per period: 指标,2023,2024,2025年1-6月), told apart by the header."""
    keys = [column_key(c) for c in header]
    periods: list[tuple[int, str]] = []
    if "target" in keys and "period" not in keys and "value" not in keys:
        for i, (cell, key) in enumerate(zip(header, keys)):
            if key in COLUMNS or not cell.strip():
                continue
            try:
                parse_period(cell.strip())
            except PeriodError:
                continue
            periods.append((i, cell.strip()))
    if not periods:
        columns = read_header(header, out, line)
        return Layout(columns, []) if columns is not None else None
    at = {i for i, _ in periods}
    columns: dict[str, int] = {}
    bad = False
    for i, (cell, key) in enumerate(zip(header, keys)):
        if i in at or not cell.strip() or key in IGNORED:
            continue
        where = sheet.where(line, i) if sheet else ""
        if key not in COLUMNS:
            out.error("unknown-column", f"{where}unknown column {cell!r}: in a sheet with one column per "
                      f"period, a header is a period (2024, 2024年二季度, 2025年1-6月) or one of "
                      f"{', '.join(k for k in COLUMNS if k not in ('period', 'value'))}", line, key=cell)
            bad = True
        elif key in columns:
            out.error("duplicate-column", f"{where}column {key!r} appears twice", line, key=key)
            bad = True
        else:
            columns[key] = i
    return None if bad else Layout(columns, periods)


def read_header(header: list[str], out: Findings, line: int = 1) -> dict[str, int] | None:
    error = out.error
    columns: dict[str, int] = {}
    for i, name in enumerate(header):
        raw = normalize(name).lstrip("\ufeff")
        key = column_key(name)
        if (not raw and i == len(header) - 1 and i > 0) or key in IGNORED:
            continue  # a trailing comma, or the rows' numbers
        if key not in COLUMNS:
            hint = did_you_mean(raw.lower(), COLUMNS)
            try:
                parse_period(raw)
                hint += ("; a column named after a period makes the sheet wide, which takes a target "
                         "column and no period or value column")
            except PeriodError:
                pass
            error("unknown-column", f"unknown column {name!r}{hint} (columns: {', '.join(COLUMNS)})",
                  line, key=name)
            continue
        if key in columns:
            error("duplicate-column", f"column {key!r} appears twice", line, key=key)
            continue
        columns[key] = i
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        error("missing-column", f"missing the column(s) {', '.join(missing)} in the header row "
              f"(found: {', '.join(header)}); a sheet is either long (target, period, value columns) "
              "or wide (a target column, then one column per period)", line)
        return None
    return columns


def positions(columns: dict[str, int]) -> list[int | None]:
    """The position of each of COLUMNS in a file's rows (None where the file has no such column)."""
    return [columns.get(k) for k in COLUMNS]


def read_row(record: list[str], columns: dict[str, int], file_plan: str | None, line: int,
             file: str, plans: dict[str, Plan], out: Findings,
             order: list[int | None] | None = None, suggest: bool = True) -> Figure | None:
    """One record → a figure in its target's unit, or None after reporting why.

    `order` is `positions(columns)`, computed once per file by the caller that reads many rows.
    `suggest`: an unknown plan or target gets a "did you mean" (a comparison with every id).
    """
    error, warning = out.error, out.warning
    n = len(record)
    # every cell at once, in the order of COLUMNS: this is the hot path of a national data set
    (plan_c, target_c, period_c, value_c, unit_c, basis_c, source_c, published_c,
     note_c) = [(record[i].strip() or None) if i is not None and i < n else None
                for i in (order or positions(columns))]

    plan_id = plan_c or file_plan
    target_id = target_c or ""
    if plan_id is None:
        error("no-plan", "no plan: add a `plan` column or name the file after its plan (changzhou.csv)",
              line, target_id, "plan")
        return None
    plan = plans.get(plan_id)
    if plan is None:
        named = plans_named(plans, plan_id)
        if len(named) != 1:
            what = (f"plan {plan_id!r} names {len(named)} plans ({', '.join(p.id for p in named)}): "
                    "give the plan id" if named else
                    f"unknown plan {plan_id!r}{did_you_mean(plan_id, plan_names(plans)) if suggest else ''}")
            error("unknown-plan", what, line, target_id, "plan")
            return None
        plan = named[0]
    item = plan.item(target_id)
    if item is None:
        found = items_named(plan, target_id)
        if not found and target_id.endswith((")", "）")):
            # 高新技术企业数量(家): statistics tables put the unit after the name
            name, _, unit_in_name = target_id[:-1].replace("（", "(").rpartition("(")
            found = items_named(plan, name) if name.strip() else []
            if len(found) == 1 and unit_c is None:
                unit_c = unit_in_name.strip() or None
        if len(found) != 1:
            if found:
                error("unknown-target", f"target {target_id!r} in plan {plan.id} names {len(found)} items "
                      f"({', '.join(i.id for i in found)}): give the id", line, target_id, "target")
            else:
                hint = (suggest_item(plan, target_id) if suggest else None) or (" (a target or series is named by its id, its "
                                                          "Chinese name or its English name)")
                error("unknown-target", f"unknown target {target_id!r} in plan {plan.id}{hint}", line,
                      target_id, "target")
            return None
        item = found[0]
    unit_of = item.unit
    period_text = period_c or ""
    try:
        period = parse_period(period_text)
    except PeriodError as exc:
        error("bad-period", str(exc), line, item.id, "period")
        return None
    raw_value = value_c
    if raw_value is None or is_missing(raw_value):
        return None
    qualifier = None
    try:
        if isinstance(item, Target) and item.kind == "milestone" and normalize(raw_value).lower() in YES | NO:
            value, cell_unit = (1.0 if normalize(raw_value).lower() in YES else 0.0), None
        else:
            value, cell_unit, qualifier = parse_qualified(raw_value)
    except NumberError as exc:
        error("bad-value", f"value {exc}; write the number alone (760), with its unit if you like "
              "(760家, 70亿), and words such as 约 or 超 in the note", line, item.id, "value")
        return None
    unit = unit_c
    if cell_unit and unit and normalize(cell_unit) != normalize(unit):
        try:  # 70亿 with 亿元 in the unit column is 70 亿元
            value, cell_unit = convert(value, cell_unit, unit), None
        except UnitError:
            error("unit-mismatch", f"the value says {cell_unit!r} but the unit column says {unit!r}", line,
                  item.id, "unit")
            return None
    unit = unit or cell_unit
    if unit:
        try:
            value = convert(value, unit, unit_of)
        except UnitError:
            error("unit-not-convertible", f"unit {unit!r} cannot be converted to the target's unit {unit_of!r}"
                  f"{_write_instead(unit_of)}", line, item.id, "unit")
            return None
        if not math.isfinite(value):
            error("value-too-large", f"value {raw_value!r} {unit} is too large to be a figure in {unit_of!r}",
                  line, item.id, "value")
            return None
    basis = basis_c
    if basis is not None:
        basis = basis.lower()
        if basis not in BASES:
            error("unknown-basis", f"basis {basis!r} is not one of {', '.join(BASES)}{did_you_mean(basis, BASES)}",
                  line, item.id, "basis")
            return None
        basis = _BASIS[basis]
    published = None
    if published_c:
        try:
            published = parse_date(published_c)
        except PeriodError as exc:
            error("bad-date", f"published: {exc}", line, item.id, "published")
            return None
    if period.year < plan.base_year or period.year > plan.end:
        warning("outside-plan-years", f"figure for {period_text} is outside the plan's years "
                f"{plan.base_year}-{plan.end}", line, item.id, "period")
    if qualifier is not None:
        note_c = qualified_note(qualifier, raw_value, note_c)
        warning("qualified-value", f"value {raw_value!r} read as {value:g} {unit_of}, {qualifier.note.lower()} "
                f"({qualifier.word}); the note keeps the words. To record it without this warning, write "
                f"{value:g} as the value and start the note with \"{qualifier.note}: the source says "
                f"{raw_value.strip()!r}\" (ptarget import does so)", line, item.id, "value")
    # The ids are the plan's own strings and a source is interned: a national data set repeats
    # each over thousands of rows, and a copy per row was a quarter of its memory.
    return Figure(plan=plan.id, target=item.id, period=period, value=value, basis=basis,
                  source=sys.intern(source_c) if source_c else None, published=published,
                  note=note_c, file=file, line=line)


def _write_instead(unit_of: str) -> str:
    """What to write instead of a unit that does not convert: the target's, or one of its base."""
    from policy_targets.core.numbers import parse_unit

    base = parse_unit(unit_of).base
    if "/" in base or base in ("%", "‰") or base == unit_of and not base:
        return f" (write the value in {unit_of})" if unit_of else ""
    return f" (write the value in {unit_of}, or in {base} with 万/亿, such as 7000万{base} or 70亿)"


def qualified_note(qualifier: object, raw_value: str, note: str | None) -> str:
    """The note of a figure read from '约760家': "Approximate: the source says '约760家'", then the rest."""
    head = f"{qualifier.note}: the source says {raw_value.strip()!r}"  # type: ignore[attr-defined]
    return f"{head}. {note}" if note else head


def resolve_rows(rows: list[Figure], findings: list[Finding]) -> list[Figure]:
    """Group rows by target and period: vintages keep the latest (remembering the values it
    revised); rows that disagree without being vintages are errors and are dropped."""
    groups: dict[tuple[str, str, date | None, date], list[Figure]] = {}
    for row in rows:
        # by the period however written: 2024H1, 2024年1-6月 and 2024年上半年 are one period
        groups.setdefault((row.plan, row.target, *row.period.key), []).append(row)
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
                "give each its `published` date", row.file, row.line, row.target, "value",
                "conflicting-figures"))
            return None
        by_published.setdefault(row.published, row)
    dated = sorted(((d, r) for d, r in by_published.items() if d is not None), key=lambda x: x[0])
    if None in by_published and dated:
        undated = by_published[None]
        if any(r.value != undated.value for _, r in dated):
            findings.append(Finding(
                "error", f"a figure for {undated.target} {undated.period.label} has no `published` "
                "date while another has one; date both to make them vintages", undated.file,
                undated.line, undated.target, "published", "undated-vintage"))
            return None
    if not dated:
        return by_published[None], []
    latest = dated[-1][1]
    earlier = [r.value for _, r in dated[:-1] if r.value != latest.value]
    return latest, earlier
