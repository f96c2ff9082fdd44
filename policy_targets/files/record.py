"""`ptarget record` as a service: one figure checked as `check` would, then appended (issue 18).

`record_figure` does everything but parse options and print: it takes the lock of the actuals
folder (`store.locked`), reads the plans and every actuals file under it, checks the figure
with the functions `check` uses (`authoring.check_figure`), and appends the row in place
(`store.append_bytes`: links, hard links, mode and rows appended by others are kept). Two
`record`s at once run one after the other, so every row reported recorded is in the file and
two different values for one target and period cannot both be recorded.

A refusal raises `RecordRefused` with the message, the exit code and the findings to show;
nothing has been written then.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from policy_targets.core import limits
from policy_targets.core.model import Finding, Findings, Plan, has_errors
from policy_targets.core.names import did_you_mean
from policy_targets.files import actuals as la
from policy_targets.files import authoring as au
from policy_targets.files import guard, store
from policy_targets.files.atomic import write_atomic
from policy_targets.files.dataset import plan_files
from policy_targets.files.sheets import figure_files
from policy_targets.files.plan import load_plan_file


class RecordRefused(Exception):
    """Nothing was written. `code` is the exit code (2: a usage error); `findings` say why."""

    def __init__(self, message: str, code: int = 1, findings: list[Finding] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.findings = findings or []


@dataclass
class RecordResult:
    """What was written: the file, the line of the new row, and the warnings `check` will give."""

    file: str
    line: int
    created: bool
    encoding: str
    header: list[str]
    row: list[str]
    warnings: list[Finding] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "created": self.created, "encoding": self.encoding,
                "row": dict(zip(self.header, self.row)), "warnings": [w.as_dict() for w in self.warnings]}


def record_figure(directory: Path, fig: au.NewFigure, actuals: tuple[str, ...] = ()) -> RecordResult:
    """Append `fig` to <directory>/actuals/<plan>.csv, or raise RecordRefused having written nothing.

    `fig` has passed `authoring.check_name` and `check_cells`; `actuals` are the --actuals files
    `check` would read instead of the data directory's (the new row is checked against them).
    """
    stems = [p.stem for p in plan_files(directory)]
    if fig.plan not in stems:
        raise RecordRefused(f"unknown plan {fig.plan!r}{did_you_mean(fig.plan, stems)} "
                            f"(known: {', '.join(stems) or 'none'}; data: {directory})", 2)
    folder = directory / "actuals"
    csv_path = folder / f"{fig.plan}.csv"
    try:
        folder.mkdir(exist_ok=True)
        with store.locked(folder):
            return _record_locked(directory, csv_path, fig, actuals)
    except store.Busy as exc:
        raise RecordRefused(f"{exc.strerror}; nothing written") from None
    except OSError as exc:
        raise RecordRefused(f"cannot write {csv_path}: {exc.strerror or exc}; the file is unchanged") from None


def _load_plans(directory: Path, plan: str) -> dict[str, Plan]:
    plans: dict[str, Plan] = {}
    for p in plan_files(directory):
        problem = guard.read_problem(p, directory)
        if problem:
            if p.stem == plan:
                raise RecordRefused(f"the plan file {p} {problem}")
            continue
        loaded, plan_findings = load_plan_file(p)
        if loaded is not None:
            plans[loaded.id] = loaded
        elif p.stem == plan:
            raise RecordRefused(f"the plan file {p} cannot be read; fix it first (run `ptarget check`)",
                                1, plan_findings)
    return plans


def _record_locked(directory: Path, csv_path: Path, fig: au.NewFigure,
                   actuals: tuple[str, ...]) -> RecordResult:
    plans = _load_plans(directory, fig.plan)
    file = str(csv_path)
    problem = guard.read_problem(csv_path, directory)
    if problem:
        raise RecordRefused(f"{csv_path} {problem}; nothing written")
    if os.path.lexists(csv_path) and not csv_path.is_file():
        raise RecordRefused(f"{csv_path} is not a file")
    try:
        before = csv_path.read_bytes() if csv_path.exists() else None
        existing = au.read_csv_file(before, file)
    except au.AuthoringError as exc:
        raise RecordRefused(str(exc)) from None
    except OSError as exc:
        raise RecordRefused(f"cannot read {csv_path}: {exc.strerror or exc}") from None
    header = existing.header if existing.header is not None else la.CSV_HEADER.split(",")
    columns, header_findings = au.columns_of(header, file)
    if columns is None or has_errors(header_findings):
        raise RecordRefused(f"the header row of {csv_path} must be fixed first; nothing written", 1,
                            header_findings)
    try:
        row = au.build_record(header, columns, fig, file)
        new_bytes = au.appended(existing, row, header)
    except au.AuthoringError as exc:
        raise RecordRefused(f"{exc}; nothing written") from None
    line = existing.next_line

    # every actuals file `check` would read, in its order, this one included
    paths = [Path(a) for a in actuals] or (figure_files(directory / "actuals") if (directory / "actuals").is_dir() else [])
    if not any(str(p) == file for p in paths):
        paths = sorted(paths + [csv_path]) if not actuals else paths + [csv_path]
    files_rows: list[tuple[str, list[object]]] = []
    for p in paths:
        if not p.is_file() or guard.read_problem(p, directory):
            files_rows.append((str(p), []))
            continue
        rows, file_findings = la.read_rows(p, plans)
        if str(p) == file and before is not None:
            broken = [f for f in file_findings if f.severity == "error"]
            if broken:
                raise RecordRefused(f"{csv_path} has errors that `ptarget check` reports; fix them "
                                    "before recording (nothing written)", 1, broken)
        files_rows.append((str(p), rows))
    findings = au.check_figure(row, columns, file, line, plans, files_rows)
    if not has_errors(findings):
        figure = la.read_row(row, columns, fig.plan, line, file, plans, Findings(file))
        findings += limits.figure_findings([figure] if figure is not None else [], plans)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise RecordRefused("figure refused; nothing written", 2 if au.unknown_target(errors) else 1, errors)

    if before is None:
        try:
            write_atomic(csv_path, new_bytes, exclusive=True)
        except FileExistsError:
            raise RecordRefused(f"{csv_path} was created while the figure was being checked; nothing "
                                "written, try again") from None
    else:
        try:
            store.append_bytes(csv_path, new_bytes[len(before):], expected_size=len(before))
        except store.ChangedError:
            raise RecordRefused(f"{csv_path} changed while the figure was being checked (a program that "
                                "does not wait for ptarget wrote to it); nothing written, try again") from None
    return RecordResult(file, line, before is None,
                        existing.encoding.name + ("-sig" if existing.encoding.bom else ""), header, row,
                        [f for f in findings if f.severity == "warning"])
