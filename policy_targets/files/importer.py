"""`ptarget import FILE PLAN`: a clerk's sheet, as it comes, into data/actuals/PLAN.csv.

The sheet is read by the reader `check` uses (files.actuals: CSV in any encoding or a workbook,
long or wide, Chinese headers, names and periods), so every row is checked exactly as `check`
would check it; then against the figures already recorded (a disagreeing duplicate, a
year-to-date flow that falls). Rows already recorded are skipped. The new rows are written in
the destination's own layout (its columns, in its order, Chinese headers included), encoding,
byte-order mark and line endings, after its old bytes, in one atomic replacement: on any error
nothing is written. Values are written in the target's unit (70亿 → 70 with 亿元), with a
qualifier's words in the note (约760家 → 760, note "Approximate: the source says '约760家'").
"""

from __future__ import annotations

import codecs
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from policy_targets.core.model import Figure, FigureIndex, Finding, Plan
from policy_targets.core.rules import check_flow_years
from policy_targets.files import actuals as la
from policy_targets.files import authoring as au
from policy_targets.files.sheets import figure_files, split_sheet


@dataclass
class NewRow:
    figure: Figure  # as read from the sheet (file and line are the sheet's)
    cells: list[str]  # the row in the destination's columns
    line: int  # the line it will have in the destination


@dataclass
class Prepared:
    """What an import would do: the rows to add, those already recorded, and the findings."""

    source: str
    destination: Path
    rows: list[NewRow] = field(default_factory=list)
    recorded: list[Figure] = field(default_factory=list)  # already in the data: skipped
    findings: list[Finding] = field(default_factory=list)
    data: bytes | None = None  # the destination's new content, when there is something to write
    created: bool = False
    encoding: str = "utf-8"

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def prepare(source: Path, plan: Plan, plans: dict[str, Plan], directory: Path) -> Prepared:
    """Read `source` for `plan`, check it against the data of `directory`, build the new file."""
    file, _ = split_sheet(source)
    destination = directory / "actuals" / f"{plan.id}.csv"
    out = Prepared(str(file), destination)
    read, findings = la.read_rows(source, plans, own_plan=plan.id)
    out.findings.extend(findings)
    for fig in read:
        if fig.plan != plan.id:
            out.findings.append(Finding(
                "error", f"this row is for plan {fig.plan}, not {plan.id}: import it with "
                f"`ptarget import FILE {fig.plan}`, or leave the plan column empty", fig.file, fig.line,
                fig.target, "plan", "unknown-plan"))
    read = [f for f in read if f.plan == plan.id]

    # what is recorded already: every figures file of the data directory, as `check` reads them
    existing: list[Figure] = []
    same_source = _resolved(file)
    for path in figure_files(directory / "actuals"):
        if _resolved(path) == same_source:
            continue
        rows, _ = la.read_rows(path, plans)
        existing.extend(r for r in rows if r.plan == plan.id)
    new: list[Figure] = []
    for fig in read:
        if any(_same_figure(fig, old) for old in [*existing, *new]):
            out.recorded.append(fig)
        else:
            new.append(fig)

    # what the new rows bring: conflicts with recorded figures, flows that fall or cannot add up
    before = _findings(existing, plan)
    after = _findings([*existing, *new], plan)
    brought = Counter(after) - Counter(before)
    for finding in after:
        if brought[finding] > 0:
            brought[finding] -= 1
            out.findings.append(finding)
    if not new or out.errors:
        return out

    try:
        old_bytes: bytes | None = destination.read_bytes()
    except FileNotFoundError:
        old_bytes = None
    target = au.read_csv_file(old_bytes, str(destination))
    out.created = old_bytes is None
    out.encoding = target.encoding.name + (" with BOM" if target.encoding.bom else "")
    header = target.header if target.header is not None else la.CSV_HEADER.split(",")
    columns, header_findings = au.columns_of(header, str(destination))
    if columns is None:
        out.findings.extend(header_findings)
        return out
    line = target.next_line
    for fig in new:
        cells = _cells(fig, plan, header, columns, str(destination), out.findings)
        if cells is not None:
            out.rows.append(NewRow(fig, cells, line))
            line += 1
    if out.errors:
        out.rows = []
        return out
    out.data = _appended(target, [r.cells for r in out.rows], header, out.findings, str(destination))
    return out


def append_rows(path: Path, data: bytes) -> None:
    """Write the destination's new content in one atomic replacement that keeps its links and
    permissions (the old file stays whole on any failure). The caller holds `store.locked` on
    the folder from reading the file to this write, so no other writer's row can be lost."""
    from policy_targets.files.store import replace_keep_links

    replace_keep_links(path, data)


# ---------------------------------------------------------------- helpers

def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


def _same_figure(a: Figure, b: Figure) -> bool:
    """The same figure recorded again: target, period (however written), value and publication."""
    return (a.target == b.target and a.period.key == b.period.key and a.published == b.published
            and math.isclose(a.value, b.value, rel_tol=1e-9, abs_tol=1e-12))


def _findings(rows: list[Figure], plan: Plan) -> list[Finding]:
    findings: list[Finding] = []
    figures = la.resolve_rows(rows, findings)
    findings.extend(check_flow_years(plan, FigureIndex(figures)))
    return findings


def number(value: float) -> str:
    """A value as written into a CSV: 70, 0.7, 3.38 (never 0.7000000000000001)."""
    text = format(value, ".12g")
    return text if "e" not in text else format(value, "f").rstrip("0").rstrip(".")


def _cells(fig: Figure, plan: Plan, header: list[str], columns: dict[str, int], file: str,
           findings: list[Finding]) -> list[str] | None:
    """The figure in the destination's columns; a field with no column to go in is an error."""
    item = plan.item(fig.target)
    assert item is not None
    wanted = {
        "plan": plan.id if "plan" in columns else None,
        "target": fig.target,
        "period": fig.period.label,
        "value": number(fig.value),
        "unit": item.unit if "unit" in columns else None,
        "basis": fig.basis,
        "source": fig.source,
        "published": fig.published.isoformat() if fig.published else None,
        "note": fig.note,
    }
    missing = [k for k, v in wanted.items() if v and k not in columns]
    if missing:
        findings.append(Finding(
            "error", f"{file} has no column for {', '.join(missing)} (its header: {','.join(header)}), "
            "which this row fills; add the column to the header row of that file and import again",
            fig.file, fig.line, fig.target, missing[0], "unknown-column"))
        return None
    record = [""] * len(header)
    for key, text in wanted.items():
        if text:
            record[columns[key]] = text
    return record


def _appended(target: au.CsvFile, records: list[list[str]], header: list[str], findings: list[Finding],
              file: str) -> bytes | None:
    """The old bytes untouched, then (a header and) the rows, in the file's encoding and line ending."""
    newline = target.encoding.newline
    text = "" if target.ends_with_break else newline
    if target.header is None:
        text += au.csv_line(header, newline)
    text += "".join(au.csv_line(r, newline) for r in records)
    try:
        return target.data + codecs.encode(text, target.encoding.name)
    except UnicodeEncodeError as exc:
        findings.append(Finding("error", f"{text[exc.start:exc.end]!r} cannot be written in the encoding "
                                f"of {file} ({target.encoding.name.upper()}); save that file as UTF-8",
                                file, None, None, None, "bad-encoding"))
        return None
