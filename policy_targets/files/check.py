"""`ptarget check`: gather the files to check, read them, run the rules, return findings.

The I/O shell around `checks` (pure rules) and the loaders. A folder is checked as a data
directory; a .toml file as a plan (its source text and indicators are looked up beside it);
a figures file (.csv, .xlsx, `book.xlsx#SHEET`) against the plans of the data directory the
command was given (--data, $PTARGET_DATA or ./data), wherever the file lies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from policy_targets.core import limits
from policy_targets.core import rules as checks
from collections import Counter
from collections.abc import Callable, Iterable

from policy_targets.files.dataset import INDICATORS_FILE, load_indicators, plan_files, refused
from policy_targets.files.actuals import load_actuals
from policy_targets.files.sheets import SHEET_SUFFIXES, figure_files, split_sheet
from policy_targets.files.plan import key_lines_of, load_plan_file, read_text
from policy_targets.core.model import FigureIndex, Finding, Plan


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


def _each(items: list[Path], label: str) -> Iterable[Path]:
    return items


def check_paths(paths: list[Path], default_dir: Path,
                each: Callable[[list[Path], str], Iterable[Path]] = _each) -> CheckResult:
    """Check files and folders. `each(items, label)` walks the plan files of a folder: the CLI
    passes one that shows progress on a terminal (a national check takes a while)."""
    result = CheckResult()
    if not paths:
        paths = [default_dir]
    figures: list[Path] = []
    for path in paths:
        file, _ = split_sheet(path)
        if path.is_dir():
            _check_dir(path, result, each)
        elif not file.exists():
            result.findings.append(Finding("error", "no such file or folder", str(path), code="no-such-file"))
        elif refused(file, _data_dir_of(file), result.findings):
            result.files += 1
        elif file.suffix.lower() == ".toml":
            if path.name == INDICATORS_FILE:
                _, findings = load_indicators(path)
                result.findings.extend(findings)
                result.files += 1
            else:
                _check_plan(path, _data_dir_of(path), result)
        elif file.suffix.lower() in SHEET_SUFFIXES:
            figures.append(path)
        else:
            result.findings.append(Finding(
                "error", "not a plan (.toml), a figures file (.csv, .xlsx) or a data folder", str(path),
                code="unknown-file-type"))
    if figures:
        _check_figures(figures, default_dir, result)
    return result


def _check_figures(paths: list[Path], directory: Path, result: CheckResult) -> None:
    """Figures files given by name, judged against the plans of `directory`. A plan file that
    cannot be loaded is reported (once) only when some of these figures needed it."""
    if not directory.is_dir():
        result.findings.append(Finding(
            "error", "the data directory does not exist, so no figure can be checked against its plan "
            "(give --data DIR, set $PTARGET_DATA, or run from the folder that holds data/)",
            str(directory), code="no-such-file"))
        result.files += len(paths)
        return  # one error says it all: no figure of these files can have a plan
    plans: dict[str, Plan] = {}
    broken: dict[str, list[Finding]] = {}
    for p in plan_files(directory) if directory.is_dir() else []:
        if refused(p, directory, result.findings):
            continue
        plan, findings = load_plan_file(p)
        if plan is not None:
            plans[plan.id] = plan
        else:
            broken[p.stem] = findings
    unchecked: Counter[str] = Counter()
    _check_actuals(paths, plans, result, broken=list(broken), unchecked=unchecked)
    for stem in unchecked:  # the cause, once (the plan file may have been named too)
        result.findings.extend(f for f in broken[stem] if f not in result.findings)


def _check_dir(directory: Path, result: CheckResult,
               each: Callable[[list[Path], str], Iterable[Path]] = _each) -> None:
    files = plan_files(directory)
    if not files:
        result.findings.append(Finding("warning", "no plan files (*.toml) in this folder", str(directory),
                                       code="no-plans"))
    plans: dict[str, Plan] = {}
    broken: list[str] = []
    for path in each(files, "checking plans"):
        if refused(path, directory, result.findings):
            result.files += 1
            broken.append(path.stem)
            continue
        plan = _check_plan(path, directory, result)
        if plan is not None:
            plans[plan.id] = plan
        else:
            broken.append(path.stem)
    indicators = directory / INDICATORS_FILE
    if indicators.is_file():
        result.files += 1
    actuals = figure_files(directory / "actuals")
    readable = [p for p in actuals if not refused(p, directory, result.findings)]
    result.files += len(actuals) - len(readable)  # counted, not read; _check_actuals counts the rest
    _check_actuals(readable, plans, result, broken=broken)


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
    result.findings.extend(checks.check_quotes(plan, source_text, str(source), key_lines_of(plan, plan_text)))
    return plan


def _check_actuals(paths: list[Path], plans: dict[str, Plan], result: CheckResult,
                   broken: list[str] | None = None, unchecked: Counter[str] | None = None) -> None:
    result.files += len(paths)
    figures, findings = load_actuals(paths, plans, broken=broken or (), unchecked=unchecked)
    result.findings.extend(findings)
    result.findings.extend(limits.figure_findings(figures, plans))
    result.figures += len(figures)
    index = FigureIndex(figures)
    for plan in plans.values():
        result.findings.extend(checks.check_flow_years(plan, index))
