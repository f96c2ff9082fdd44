"""Finding the data directory (SPEC 2) and loading everything in it: plans, figures, findings.

This is the I/O shell around the loaders; commands call `load_dataset` once.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from pathlib import Path

import tomli

from policy_targets.core import limits
from policy_targets.core.model import Figure, FigureIndex, Finding, Plan
from policy_targets.core.names import did_you_mean, plan_names, plans_named
from policy_targets.files import guard
from policy_targets.files.actuals import read_rows, resolve_rows
from policy_targets.files.plan import load_plan_file
from policy_targets.files.sheets import figure_files

INDICATORS_FILE = "indicators.toml"


def packaged_data_dir() -> Path:
    """The data shipped inside the package (or, in a checkout, the repository's data/)."""
    here = Path(__file__).resolve().parent.parent  # policy_targets/
    for candidate in (here / "data", here.parent / "data"):
        if candidate.is_dir():
            return candidate
    return here / "data"


def plan_files(directory: Path) -> list[Path]:
    # not only regular files: a folder or a looping link named *.toml is reported by the loader
    return sorted(p for p in directory.glob("*.toml") if p.name != INDICATORS_FILE)


def find_data_dir(option: str | None, environ: dict[str, str] | None = None,
                  cwd: Path | None = None, fallback: bool = False) -> Path:
    """--data, else $PTARGET_DATA, else ./data; with `fallback` (the reading commands), the
    packaged copy when ./data holds no plan file. `check` and `import` never fall back: a
    check that passed on the sample data shipped in the package would be a false green."""
    env = os.environ if environ is None else environ
    if option:
        return Path(option)
    if env.get("PTARGET_DATA"):
        return Path(env["PTARGET_DATA"])
    local = cwd / "data" if cwd else Path("data")  # relative, so findings name data/x.toml
    if not fallback or (local.is_dir() and plan_files(local)):
        return local
    return packaged_data_dir()


@dataclass(eq=False, repr=False)
class Dataset:
    directory: Path
    plans: dict[str, Plan] = field(default_factory=dict)
    figures: list[Figure] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    indicators: dict[str, dict[str, object]] = field(default_factory=dict)  # only if asked for
    inputs: guard.Inputs = field(default_factory=guard.Inputs)  # what an output must not overwrite
    _index: FigureIndex | None = field(default=None, repr=False)

    def __repr__(self) -> str:  # short: the generated one printed every figure
        return (f"Dataset({str(self.directory)!r}: {len(self.plans)} plans, {len(self.figures)} figures,"
                f" {len(self.findings)} findings)")

    @property
    def index(self) -> FigureIndex:
        """The figures by plan and target, sorted by date (built once, on first use)."""
        if self._index is None:
            self._index = FigureIndex(self.figures)
        return self._index

    def figures_of(self, plan_id: str, item_id: str) -> list[Figure]:
        return self.index.of(plan_id, item_id)

    def resolve(self, names: list[str]) -> tuple[list[Plan], str | None]:
        """Plan ids or city slugs → plans; an unknown name gives a usage message."""
        out: list[Plan] = []
        for name in names:
            if name in self.plans:
                if self.plans[name] not in out:  # a plan named twice is shown once
                    out.append(self.plans[name])
                continue
            by_city = plans_named(self.plans, name)  # a city slug or its Chinese name (常德, 常德市)
            if not by_city:
                known = plan_names(self.plans)
                return [], (f"unknown plan {name!r}{did_you_mean(name, known)} "
                            f"(known: {', '.join(known) or 'none'}; data: {self.directory})")
            out.extend(p for p in by_city if p not in out)
        return out, None


def load_dataset(directory: Path, actuals: list[Path] | None = None,
                 plans_only: list[str] | None = None, indicators: bool = False,
                 extra: list[Path] | None = None, default_plan: str | None = None) -> Dataset:
    """Load every plan of `directory` and the figures of `actuals` (default: every CSV and
    workbook in actuals/), then those of `extra` (the files of --actuals, added to them).

    `default_plan` (an id, city or Chinese city name) is the plan of an `extra` file that has no
    plan column and is not named after a plan: the one plan a command names.

    indicators.toml is read only when asked for (`compare`): no other reading command uses
    it, and parsing it was a fifth of the work of `status` on one plan.

    The cyclic garbage collector is paused while loading: the loaders build hundreds of
    thousands of objects without cycles, and each collection would walk all of them again
    (a fifth of the time of a national load). Nothing is frozen, so a long-running caller
    can still free what it loaded.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_dataset(directory, actuals, plans_only, indicators, extra or [], default_plan)
    finally:
        if enabled:
            gc.enable()


def _load_dataset(directory: Path, actuals: list[Path] | None, plans_only: list[str] | None,
                  indicators: bool, extra: list[Path], default_plan: str | None) -> Dataset:
    ds = Dataset(directory)
    if not directory.is_dir():
        ds.findings.append(Finding("error", "the data directory does not exist or is not a folder",
                                   str(directory), code="no-such-file"))
        return ds
    broken: set[str] = set()
    for path in plan_files(directory):
        if plans_only is not None and path.stem not in plans_only:
            continue
        if refused(path, directory, ds.findings):
            broken.add(path.stem)
            continue
        plan, findings = load_plan_file(path)
        ds.findings.extend(findings)
        if plan is None:
            broken.add(path.stem)
        else:
            ds.plans[plan.id] = plan
            ds.findings.extend(limits.plan_findings(plan))
    if indicators and not refused(directory / INDICATORS_FILE, directory, ds.findings):
        ds.indicators, findings = load_indicators(directory / INDICATORS_FILE)
        ds.findings.extend(findings)
    if actuals is None:
        actuals = figure_files(directory / "actuals")
        if plans_only is not None:
            actuals = [p for p in actuals if p.stem in plans_only]
    actuals = [p for p in actuals if not refused(p, directory, ds.findings)]
    seen = {_same(p) for p in actuals}
    given = [p for p in extra if _same(p) not in seen]  # a file of actuals/ given again is read once
    ds.inputs = guard.Inputs([*(Path(p.path) for p in ds.plans.values() if p.path), *actuals, *given,
                              directory / INDICATORS_FILE,
                              *(directory / "sources" / f"{pid}.txt" for pid in ds.plans)], directory)
    named = plans_named(ds.plans, default_plan) if default_plan else []
    rows: list[Figure] = []
    for path in [*actuals, *given]:
        file_rows, findings = read_rows(path, ds.plans, named[0].id if len(named) == 1 and path in given
                                        else None, broken=broken)
        rows.extend(file_rows)
        ds.findings.extend(findings)
    ds.figures = resolve_rows(rows, ds.findings)
    ds.findings.extend(limits.figure_findings(ds.figures, ds.plans))
    return ds


def _same(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a link looping onto itself: the reader says so
        return path


def refused(path: Path, directory: Path, findings: list[Finding]) -> bool:
    """True, with an error finding, if `path` of the data directory must not be read
    (guard.read_problem: a link that leaves the data directory, a FIFO, a device)."""
    problem = guard.read_problem(path, directory)
    if problem:
        findings.append(Finding("error", problem, str(path), code="outside-data"))
    return problem is not None


def load_indicators(path: Path) -> tuple[dict[str, dict[str, object]], list[Finding]]:
    if not path.is_file():
        return {}, []
    try:
        doc = tomli.loads(path.read_text(encoding="utf-8-sig"))
    except (ValueError, RecursionError, OSError) as exc:  # TOMLDecodeError, UnicodeDecodeError: ValueErrors
        return {}, [Finding("error", f"cannot read the indicators: {exc}", str(path), code="bad-indicators")]
    raw = doc.get("indicator", {})
    if not isinstance(raw, dict):
        return {}, [Finding("error", "indicators must be tables [indicator.<code>]", str(path), code="bad-indicators")]
    return {k: v for k, v in raw.items() if isinstance(v, dict)}, []
