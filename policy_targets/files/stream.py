"""Plans one at a time, each with its own figures: the data flow of a national `gap`.

`load_dataset` holds every plan and figure until the command ends; over 3 000 plans that is
gigabytes. Where each figure file is named after its plan (data/actuals/<plan>.csv) and names
no other plan, nothing ties one plan's figures to another's, so a plan can be loaded with its
figures, assessed, reported and let go before the next is read. `plans_with_figures` does that,
and falls back to one whole load where the layout does not allow it (a workbook, a file not
named after a plan, or a `plan` column that may name others): the result is the same either
way, findings included, in the same order. Figures given with --actuals are not streamed:
the command loads whole.
"""

from __future__ import annotations

import csv
import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from policy_targets.core import limits
from policy_targets.core.model import FigureIndex, Finding, Plan, has_errors
from policy_targets.files.actuals import column_key, read_rows, resolve_rows
from policy_targets.files.sheets import sniff_encoding
from policy_targets.files.dataset import load_dataset, plan_files, refused
from policy_targets.files.plan import load_plan_file


@dataclass
class PlanFigures:
    """One plan and the index of its figures: what a reading command assesses."""

    plan: Plan
    index: FigureIndex


@dataclass(eq=False)
class Stream:
    """Iterate once; afterwards `findings` holds every finding, in `load_dataset`'s order."""

    directory: Path
    findings: list[Finding] = field(default_factory=list)

    def __len__(self) -> int:
        """How many plan files the stream will read (for a progress bar)."""
        return len(plan_files(self.directory))

    def __iter__(self) -> Iterator[PlanFigures]:
        if not _streamable(self.directory):
            yield from self._whole()
            return
        lists: tuple[list[Finding], ...] = ([], [], [], [])  # plan, rows, vintages, limits: load_dataset's order
        plan_findings, row_findings, resolve_findings, limit_findings = lists
        folder = self.directory / "actuals"
        for path in plan_files(self.directory):
            sizes = [len(x) for x in lists]
            enabled = gc.isenabled()
            gc.disable()  # as load_dataset: the loaders build many objects without cycles
            try:
                own = folder / f"{path.stem}.csv"
                plan = None
                if not refused(path, self.directory, plan_findings):
                    plan, found = load_plan_file(path)
                    plan_findings.extend(found)
                if plan is None:  # its figures cannot be checked: one finding says how many
                    if own.is_file() and not refused(own, self.directory, row_findings):
                        row_findings.extend(read_rows(own, {}, broken={path.stem})[1])
                    continue
                plan_findings.extend(limits.plan_findings(plan))
                rows: list = []
                if own.is_file() and not refused(own, self.directory, row_findings):
                    rows, found = read_rows(own, {plan.id: plan})
                    row_findings.extend(found)
                figures = resolve_rows(rows, resolve_findings)
                limit_findings.extend(limits.figure_findings(figures, {plan.id: plan}))
                item = PlanFigures(plan, FigureIndex(figures))
            finally:
                if enabled:
                    gc.enable()
            # a plan with an error is not assessed (its numbers may not compute): the command
            # stops on the error once every plan has been read
            if not any(has_errors(x[n:]) for x, n in zip(lists, sizes)):
                yield item
        self.findings = plan_findings + row_findings + resolve_findings + limit_findings

    def _whole(self) -> Iterator[PlanFigures]:
        ds = load_dataset(self.directory)
        self.findings = ds.findings
        for plan in ds.plans.values():
            yield PlanFigures(plan, ds.index)


def _streamable(directory: Path) -> bool:
    """Every figure file is a CSV named after a plan of the folder, with no `plan` column.

    Anything else in actuals/ (a workbook, a file of several plans) means a whole load."""
    folder = directory / "actuals"
    if not folder.is_dir():
        return True
    stems = {p.stem for p in plan_files(directory)}
    for path in folder.iterdir():
        if path.name.startswith((".", "~$")):
            continue
        if path.suffix.lower() != ".csv" or path.stem not in stems or not path.is_file():
            return False
        try:
            with path.open("rb") as fh:
                head = fh.read(4096)
        except OSError:
            return False
        enc = sniff_encoding(head)
        lines = [x for x in head[len(enc.bom):].decode(enc.name, "replace").splitlines() if x.strip()]
        # the header is among the first rows (a title row may come before it), as the reader finds it
        if any(column_key(cell) == "plan" for row in csv.reader(lines[:10]) for cell in row):
            return False
    return True


__all__ = ["PlanFigures", "Stream"]
