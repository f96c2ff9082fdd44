"""The model: plans, targets, series, figures and findings.

Nothing here reads files or prints; loaders build these, the core computes on them.
Things with an identity or many fields (Plan, Target, Series, Figure) are dataclasses; small
immutable values (Baseline, Thresholds, Finding, and Period and Unit beside them) are
NamedTuples: as immutable and comparable as a frozen dataclass, and created at import without
the `exec` of generated methods that made each frozen dataclass cost ~5 M instructions of
start-up (docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from policy_targets.core.periods import Period

KINDS = ("level", "increment", "annual", "growth", "milestone", "relative", "change", "hold")
BOUND_COMPARATORS = (">=", ">", "<=", "<")  # what a `hold` target may use (or ~ with a range)
MILESTONE_KINDS = ("level", "increment", "change")  # kinds a plan's yearly milestones may pace
COMPARATORS = (">=", ">", "<=", "<", "~")
PACES = ("linear", "geometric")
BASES = ("stock", "flow", "cumulative", "rate")


class Baseline(NamedTuple):
    value: float
    year: int
    source: str | None = None


@dataclass(eq=False, repr=False)  # a target is itself: compared by identity
class Target:
    id: str
    name: str
    name_en: str  # "" when the plan gives no English name (readers show `name`)
    kind: str
    value: float | None  # for a range, its minimum; for relative, the margin
    unit: str
    comparator: str = ">="
    value_max: float | None = None  # a range [min, max]
    tolerance: float | None = None
    deadline: date | None = None
    baseline: Baseline | None = None
    pace: str = "linear"
    parent: str | None = None
    indicator: str | None = None
    reference: str | None = None  # the series a relative target is compared with
    quote: str = ""
    also: list[str] = field(default_factory=list)
    section: str | None = None
    note: str | None = None
    verify_quote: bool = True
    line: int | None = None
    # the plan's own yearly milestones (分年度目标), year → value in the target's terms (for a
    # `change` target the cumulative change in %); where given, 序时进度 is judged against them
    milestones: dict[int, float] = field(default_factory=dict)

    @property
    def is_range(self) -> bool:
        return self.value_max is not None

    @property
    def target_json(self) -> float | list[float] | None:
        return [self.value, self.value_max] if self.is_range else self.value

    @property
    def stated_values(self) -> list[float]:
        """The numbers the plan's quote must state: the value (and a range's maximum), as
        magnitudes for a `change` target (降低13.5% is value = -13.5). For the quote check."""
        values = [v for v in (self.value, self.value_max) if v is not None]
        return [abs(v) for v in values] if self.kind == "change" else values

    def is_flow(self) -> bool:
        return self.kind in ("increment", "annual")

    def __repr__(self) -> str:  # short: the generated one ran to the quote and note
        goal = f"{self.value}–{self.value_max}" if self.is_range else f"{self.value}"
        return f"Target({self.id!r}, {self.kind}, {self.comparator}{goal} {self.unit})"


@dataclass
class Series:
    """A figure with no target of its own: context, or the reference of a relative target."""

    id: str
    name: str
    name_en: str  # "" when the plan gives none
    unit: str
    line: int | None = None


class Thresholds(NamedTuple):
    on_track: float = 0.95
    behind: float = 0.6
    about_tolerance: float = 0.05


@dataclass(eq=False, repr=False)
class Plan:
    id: str
    city: str
    city_zh: str
    title: str
    start: int
    end: int
    title_en: str | None = None
    issuer: str | None = None
    issued: str | None = None
    baseline_year: int | None = None
    note: str | None = None
    thresholds: Thresholds = field(default_factory=Thresholds)
    targets: list[Target] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    path: str | None = None
    _ids: dict[str, Target | Series] | None = field(default=None, init=False, repr=False, compare=False)
    _ids_size: int = field(default=-1, init=False, repr=False, compare=False)

    def __repr__(self) -> str:  # short: the generated one printed every target
        return f"Plan({self.id!r}, {self.start}–{self.end}, {len(self.targets)} targets)"

    @property
    def base_year(self) -> int:
        return self.baseline_year if self.baseline_year is not None else self.start - 1

    def _by_id(self) -> dict[str, Target | Series]:
        """Targets and series by id (the first wins, targets before series), rebuilt when a
        list grows or shrinks: the actuals loader looks up the target of every row."""
        size = len(self.targets) + len(self.series)
        if self._ids is None or self._ids_size != size:
            ids: dict[str, Target | Series] = {}
            for item in [*self.targets, *self.series]:
                ids.setdefault(item.id, item)
            self._ids, self._ids_size = ids, size
        return self._ids

    def item(self, item_id: str) -> Target | Series | None:
        """The target, else the series, with this id."""
        return self._by_id().get(item_id)

    def target(self, target_id: str) -> Target | None:
        item = self._by_id().get(target_id)
        return item if isinstance(item, Target) else None

    def series_by_id(self, series_id: str) -> Series | None:
        return next((s for s in self.series if s.id == series_id), None)

    def unit_of(self, item_id: str) -> str | None:
        item = self._by_id().get(item_id)
        return item.unit if item else None


@dataclass(slots=True)
class Figure:
    """One actual figure, already in its target's unit."""

    plan: str
    target: str
    period: Period
    value: float
    basis: str | None = None
    source: str | None = None
    published: date | None = None
    note: str | None = None
    file: str | None = None
    line: int | None = None
    revised_from: tuple[float, ...] = ()  # earlier vintages, oldest first

    @property
    def date(self) -> date:
        return self.period.end


class FigureIndex:
    """The figures of a data set by (plan, target or series), each list sorted by date.

    The one index every reader uses: status, gap, the reports, `check` and `record`.
    """

    __slots__ = ("_index",)

    def __init__(self, figures: Iterable[Figure] = ()) -> None:
        index: dict[tuple[str, str], list[Figure]] = {}
        for f in figures:
            index.setdefault((f.plan, f.target), []).append(f)
        for figs in index.values():
            figs.sort(key=lambda f: f.date)
        self._index = index

    def of(self, plan_id: str, item_id: str) -> list[Figure]:
        """The figures of one target or series, oldest first (an empty list if none)."""
        return self._index.get((plan_id, item_id), [])

    def __len__(self) -> int:
        return sum(len(v) for v in self._index.values())


class Finding(NamedTuple):
    """Something wrong (error) or doubtful (warning) in a data file, located for a person."""

    severity: str  # "error" | "warning"
    message: str
    file: str | None = None
    line: int | None = None
    target: str | None = None
    key: str | None = None
    code: str = ""  # stable: what tests, CI and people match on (docs/authoring.md lists them)

    def as_dict(self) -> dict[str, object]:
        return {
            "severity": self.severity,
            "code": self.code,
            "file": self.file,
            "line": self.line,
            "target": self.target,
            "key": self.key,
            "message": self.message,
        }


class Findings(list[Finding]):
    """The findings of one file, built one way by every loader: `out.error(code, message, …)`."""

    def __init__(self, file: str | None) -> None:
        super().__init__()
        self.file = file

    def error(self, code: str, message: str, line: int | None = None, target: str | None = None,
              key: str | None = None) -> None:
        self.append(Finding("error", message, self.file, line, target, key, code))

    def warning(self, code: str, message: str, line: int | None = None, target: str | None = None,
                key: str | None = None) -> None:
        self.append(Finding("warning", message, self.file, line, target, key, code))


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)
