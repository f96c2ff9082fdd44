"""`ptarget check`: gather the files to check, read them, run the rules, return findings.

The I/O shell around `checks` (pure rules) and the loaders. A folder is checked as a data
directory; a .toml file as a plan (its source text and indicators are looked up beside it);
a .csv file as actuals (its plans are looked up in the data directory it sits in).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from policy_targets.core import limits
from policy_targets.core import rules as checks
from policy_targets.files.dataset import (INDICATORS_FILE, actuals_files, load_indicators, plan_files, refused,
                                          without_broken_plans)
from policy_targets.files.actuals import load_actuals
from policy_targets.files.plan import load_plan_file, read_text
from policy_targets.core.model import Figure, Finding, Plan


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    plans: int = 0
    targets: int = 0
    figures: int = 0
    files: int = 0

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")


def _data_dir_of(path: Path) -> Path:
    """The data directory a file belongs to: data/x.toml → data, data/actuals/x.csv → data."""
    parent = path.parent
    return parent.parent if parent.name == "actuals" else parent


def check_paths(paths: list[Path], default_dir: Path) -> CheckResult:
    result = CheckResult()
    if not paths:
        paths = [default_dir]
    for path in paths:
        if path.is_dir():
            _check_dir(path, result)
        elif not path.exists():
            result.findings.append(Finding("error", "no such file or folder", str(path)))
        elif refused(path, _data_dir_of(path), result.findings):
            result.files += 1
        elif path.suffix.lower() == ".toml":
            if path.name == INDICATORS_FILE:
                _, findings = load_indicators(path)
                result.findings.extend(findings)
                result.files += 1
            else:
                _check_plan(path, _data_dir_of(path), result)
        elif path.suffix.lower() == ".csv":
            plans = _plans_for(_data_dir_of(path), result, quiet=True)
            stems = {p.stem for p in plan_files(_data_dir_of(path))} if _data_dir_of(path).is_dir() else set()
            kept = without_broken_plans([path], stems - set(plans), result.findings)
            result.files += 1 - len(kept)
            _check_actuals(kept, plans, result)
        else:
            result.findings.append(Finding(
                "error", "not a plan (.toml), an actuals file (.csv) or a data folder", str(path)))
    return result


def _plans_for(directory: Path, result: CheckResult, quiet: bool) -> dict[str, Plan]:
    plans: dict[str, Plan] = {}
    for p in plan_files(directory) if directory.is_dir() else []:
        if refused(p, directory, result.findings if not quiet else []):
            continue
        plan, findings = load_plan_file(p)
        if not quiet:
            result.findings.extend(findings)
        if plan is not None:
            plans[plan.id] = plan
    return plans


def _check_dir(directory: Path, result: CheckResult) -> None:
    files = plan_files(directory)
    if not files:
        result.findings.append(Finding("warning", "no plan files (*.toml) in this folder", str(directory)))
    plans: dict[str, Plan] = {}
    broken: set[str] = set()
    for path in files:
        if refused(path, directory, result.findings):
            result.files += 1
            broken.add(path.stem)
            continue
        plan = _check_plan(path, directory, result)
        if plan is not None:
            plans[plan.id] = plan
        else:
            broken.add(path.stem)
    indicators = directory / INDICATORS_FILE
    if indicators.is_file():
        result.files += 1
    actuals = actuals_files(directory / "actuals")
    readable = [p for p in without_broken_plans(actuals, broken, result.findings)
                if not refused(p, directory, result.findings)]
    result.files += len(actuals) - len(readable)  # counted, not read; _check_actuals counts the rest
    _check_actuals(readable, plans, result)


def _check_plan(path: Path, directory: Path, result: CheckResult) -> Plan | None:
    result.files += 1
    plan, findings = load_plan_file(path)
    result.findings.extend(findings)
    if plan is None:
        return None
    result.plans += 1
    result.targets += len(plan.targets)
    result.findings.extend(limits.plan_findings(plan))
    indicators: dict[str, dict[str, object]] = {}
    if not refused(directory / INDICATORS_FILE, directory, result.findings):
        indicators, ind_findings = load_indicators(directory / INDICATORS_FILE)
        result.findings.extend(ind_findings)
    if any(t.indicator for t in plan.targets):
        result.findings.extend(checks.check_indicators(plan, indicators))
    source = directory / "sources" / f"{plan.id}.txt"
    source_text: str | None = None
    if not refused(source, directory, result.findings):
        try:
            source_text = source.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            source_text = None
    try:
        plan_text: str | None = read_text(path)
    except (OSError, UnicodeDecodeError):
        plan_text = None
    result.findings.extend(checks.check_quotes(plan, source_text, str(source), plan_text))
    return plan


def _check_actuals(paths: list[Path], plans: dict[str, Plan], result: CheckResult) -> None:
    result.files += len(paths)
    figures, findings = load_actuals(paths, plans)
    result.findings.extend(findings)
    result.findings.extend(limits.figure_findings(figures, plans))
    result.figures += len(figures)
    index: dict[tuple[str, str], list[Figure]] = {}
    for f in sorted(figures, key=lambda f: f.date):
        index.setdefault((f.plan, f.target), []).append(f)
    for plan in plans.values():
        result.findings.extend(checks.check_flow_years(plan, lambda p, t: index.get((p, t), [])))
