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
from policy_targets.files import guard
from policy_targets.files.actuals import load_actuals
from policy_targets.files.plan import did_you_mean, load_plan_file
from policy_targets.core.model import Figure, Finding, Plan

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


def actuals_files(folder: Path) -> list[Path]:
    """The CSVs of an actuals folder, but not the lock files Excel leaves beside an open one
    (~$demo.csv: binary, a broken CSV to every reader)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.csv") if not p.name.startswith("~$"))


def without_broken_plans(actuals: list[Path], broken: set[str], findings: list[Finding]) -> list[Path]:
    """`actuals` but those named after a plan file (of `broken`) that could not be loaded: one
    warning each instead of a wrong "unknown plan" for every row (the plan's errors say why)."""
    keep = []
    for path in actuals:
        if path.stem in broken:
            findings.append(Finding("warning", f"figures not read: the plan file {path.stem}.toml has errors; "
                                    "fix it and run `ptarget check` again", str(path)))
        else:
            keep.append(path)
    return keep


def find_data_dir(option: str | None, environ: dict[str, str] | None = None,
                  cwd: Path | None = None) -> Path:
    """--data, else $PTARGET_DATA, else ./data when it holds plan files, else the packaged copy."""
    env = os.environ if environ is None else environ
    if option:
        return Path(option)
    if env.get("PTARGET_DATA"):
        return Path(env["PTARGET_DATA"])
    local = cwd / "data" if cwd else Path("data")  # relative, so findings name data/x.toml
    if local.is_dir() and plan_files(local):
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
    _index: dict[tuple[str, str], list[Figure]] | None = field(default=None, repr=False)

    def __repr__(self) -> str:  # short: the generated one printed every figure
        return (f"Dataset({str(self.directory)!r}: {len(self.plans)} plans, {len(self.figures)} figures,"
                f" {len(self.findings)} findings)")

    def figures_of(self, plan_id: str, item_id: str) -> list[Figure]:
        """The figures of one target or series, sorted by date (indexed once, on first use)."""
        if self._index is None:
            index: dict[tuple[str, str], list[Figure]] = {}
            for f in self.figures:
                index.setdefault((f.plan, f.target), []).append(f)
            for figs in index.values():
                figs.sort(key=lambda f: f.date)
            self._index = index
        return self._index.get((plan_id, item_id), [])

    def resolve(self, names: list[str]) -> tuple[list[Plan], str | None]:
        """Plan ids or city slugs → plans; an unknown name gives a usage message."""
        out: list[Plan] = []
        for name in names:
            if name in self.plans:
                if self.plans[name] not in out:  # a plan named twice is shown once
                    out.append(self.plans[name])
                continue
            by_city = [p for p in self.plans.values() if p.city == name]
            if not by_city:
                known = sorted(set(self.plans) | {p.city for p in self.plans.values()})
                return [], (f"unknown plan {name!r}{did_you_mean(name, known)} "
                            f"(known: {', '.join(known) or 'none'}; data: {self.directory})")
            out.extend(p for p in by_city if p not in out)
        return out, None


def load_dataset(directory: Path, actuals: list[Path] | None = None,
                 plans_only: list[str] | None = None, indicators: bool = False) -> Dataset:
    """Load every plan of `directory` and the figures of `actuals` (default: actuals/*.csv).

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
        return _load_dataset(directory, actuals, plans_only, indicators)
    finally:
        if enabled:
            gc.enable()


def _load_dataset(directory: Path, actuals: list[Path] | None,
                  plans_only: list[str] | None, indicators: bool) -> Dataset:
    ds = Dataset(directory)
    if not directory.is_dir():
        ds.findings.append(Finding("error", "the data directory does not exist or is not a folder",
                                   str(directory)))
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
        actuals = actuals_files(directory / "actuals")
        if plans_only is not None:
            actuals = [p for p in actuals if p.stem in plans_only]
        actuals = without_broken_plans(actuals, broken, ds.findings)
    actuals = [p for p in actuals if not refused(p, directory, ds.findings)]
    ds.inputs = guard.Inputs([*(Path(p.path) for p in ds.plans.values() if p.path), *actuals,
                              directory / INDICATORS_FILE,
                              *(directory / "sources" / f"{pid}.txt" for pid in ds.plans)], directory)
    figures, findings = load_actuals(actuals, ds.plans)
    ds.figures = figures
    ds.findings.extend(findings)
    ds.findings.extend(limits.figure_findings(figures, ds.plans))
    return ds


def refused(path: Path, directory: Path, findings: list[Finding]) -> bool:
    """True, with an error finding, if `path` of the data directory must not be read (guard.read_problem)."""
    problem = guard.read_problem(path, directory)
    if problem:
        findings.append(Finding("error", problem, str(path)))
    return problem is not None


def load_indicators(path: Path) -> tuple[dict[str, dict[str, object]], list[Finding]]:
    if not path.is_file():
        return {}, []
    try:
        doc = tomli.loads(path.read_text(encoding="utf-8-sig"))
    except (ValueError, RecursionError, OSError) as exc:  # TOMLDecodeError, UnicodeDecodeError: ValueErrors
        return {}, [Finding("error", f"cannot read the indicators: {exc}", str(path))]
    raw = doc.get("indicator", {})
    if not isinstance(raw, dict):
        return {}, [Finding("error", "indicators must be tables [indicator.<code>]", str(path))]
    return {k: v for k, v in raw.items() if isinstance(v, dict)}, []
