"""Target + figures → assessment (SPEC 4): the status of one target at its latest figure.

Pure: it takes the model and a date for "today" (only used to warn that a deadline has
passed), and never reads the clock or a file itself.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from policy_targets.core import pace
from policy_targets.core.flows import year_to_date
from policy_targets.core.model import Figure, Plan, Target
from policy_targets.core.periods import decimal_year, year_end

STATUSES = ("no_data", "achieved", "missed", "regressing", "pending", "insufficient_data",
            "on_track", "behind", "off_track")
METHODS = ("pace", "eurostat")


@dataclass(eq=False, repr=False)  # a result: 29 fields, compared and printed by what matters
class Assessment:
    plan: str
    target: Target
    deadline: date
    status: str = "no_data"
    baseline_date: date | None = None
    baseline_value: float | None = None
    baseline_from: str | None = None  # "plan" | "actuals"
    actual_date: date | None = None
    actual_value: float | None = None
    actual_period: str | None = None
    revised: bool = False
    expected: float | None = None
    gap: float | None = None
    remaining: float | None = None
    progress: float | None = None
    elapsed: float | None = None
    ratio: float | None = None
    score: float | None = None
    required_per_year: float | None = None
    required_growth: float | None = None
    projected: float | None = None
    lower_is_better: bool = False
    method: str = "pace"
    years_met: list[int] = field(default_factory=list)
    years_missed: list[int] = field(default_factory=list)
    # the share of the way the plan expects by the latest figure: the elapsed time on a straight
    # or geometric path, or read off the plan's own yearly milestones (分年度目标)
    planned: float | None = None
    # change targets: the compound factor since the baseline (0.972027 = down 2.8 %)
    product: float | None = None
    warnings: list[str] = field(default_factory=list)
    latest_rate: float | None = None  # growth: the rate recorded for the latest period, in %

    def __repr__(self) -> str:
        return (f"Assessment({self.plan}.{self.target.id}: {self.status}, actual {self.actual_value}"
                f" at {self.actual_date}, path {self.expected})")

    @property
    def before_deadline(self) -> bool:
        return self.actual_date is not None and self.actual_date < self.deadline

    def as_dict(self) -> dict[str, object]:
        """The JSON object of SPEC 5.1 (and a few more keys a reader needs)."""
        t = self.target
        return {
            "id": t.id,
            "name": t.name,
            "name_en": t.name_en,
            "kind": t.kind,
            "unit": t.unit,
            "comparator": t.comparator,
            "target": t.target_json,
            "deadline": self.deadline.isoformat(),
            "baseline": {
                "date": _iso(self.baseline_date),
                "value": self.baseline_value,
                "from": self.baseline_from,
            },
            "actual": {
                "date": _iso(self.actual_date),
                "value": self.actual_value,
                "period": self.actual_period,
                "revised": self.revised,
            },
            "expected": self.expected,
            "gap": self.gap,
            "remaining": self.remaining,
            "progress": self.progress,
            "elapsed": self.elapsed,
            "ratio": self.ratio,
            "score": self.score,
            "required_per_year": self.required_per_year,
            "required_growth": self.required_growth,
            "projected": self.projected,
            "status": self.status,
            "method": self.method,
            "lower_is_better": self.lower_is_better,
            "years_met": self.years_met,
            "years_missed": self.years_missed,
            "planned": self.planned,
            "product": self.product,
            "parent": t.parent,
            "indicator": t.indicator,
            "quote": t.quote,
            "warnings": self.warnings,
        }


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def deadline_of(plan: Plan, target: Target) -> date:
    return target.deadline or year_end(plan.end)


def base_year_of(plan: Plan, target: Target) -> int:
    return target.baseline.year if target.baseline else plan.base_year


def baseline_figure(plan: Plan, figs: list[Figure]) -> Figure | None:
    """The figure that serves as baseline when the plan states none (figures sorted by date).

    The latest figure dated on or before the plan's baseline date, else the earliest one.
    SPEC 4.2 says "the earliest"; but a 2017 figure kept as history must not become the
    starting point of a 2023–2027 plan, so history before the baseline date yields to the
    figure nearest the plan's start (docs/arithmetic.md).
    """
    if not figs:
        return None
    cutoff = year_end(plan.base_year)
    before = [f for f in figs if f.date <= cutoff]
    return before[-1] if before else figs[0]


def lower_is_better(target: Target, baseline: float | None) -> bool:
    """Read from the comparator; with ~ from the baseline (a target below it is a reduction)."""
    if target.comparator in ("<=", "<"):
        return True
    if target.comparator == "~" and baseline is not None and target.value is not None:
        return target.value < baseline
    return False


def assess(plan: Plan, target: Target, figures: list[Figure], *, as_of: date | None = None,
           year: int | None = None, method: str = "pace", today: date | None = None,
           reference: list[Figure] | None = None) -> Assessment:
    """Assess one target on its figures (any order), at the latest one not after `as_of`.

    `year` is `gap --year`: figures after that year are ignored and a target with no figure
    dated within it has no data. `reference` holds the figures of a relative target's series.
    """
    if year is not None:
        as_of = min(as_of, year_end(year)) if as_of else year_end(year)
    figs = sorted((f for f in figures if as_of is None or f.date <= as_of), key=lambda f: f.date)
    result = Assessment(plan=plan.id, target=target, deadline=deadline_of(plan, target),
                        method=method)
    figs = year_to_date(target, figs, result.warnings)  # 一季度 + 二季度 → 1-6月 (core.flows)
    if year is not None and not any(f.date.year == year for f in figs):
        figs = []
    if method == "eurostat" and not _eurostat_applies(target):
        result.warnings.append(
            f"--method eurostat does not apply to {target.kind} targets with a zero baseline "
            "or target; the pace ratio is used" if target.kind == "level"
            else f"--method eurostat does not apply to {target.kind} targets; the pace ratio is used")
    if target.kind == "increment":
        _assess_increment(plan, target, figs, result)
    elif target.kind == "annual":
        _assess_annual(plan, target, figs, result)
    elif target.kind == "growth":
        _assess_growth(plan, target, figs, result)
    elif target.kind == "relative":
        _assess_relative(target, figs, reference or [], as_of, result)
    elif target.kind == "change":
        _assess_change(plan, target, figs, result)
    elif target.kind == "hold":
        _assess_hold(plan, target, figs, result)
    else:
        _assess_level(plan, target, figs, result)
    if result.score is None and result.ratio is not None:
        result.score = 5.0 if result.status == "achieved" else pace.score(result.ratio)
    if result.status == "achieved":
        result.score = 5.0
    if (today and today > result.deadline and result.actual_date is not None
            and result.actual_date < result.deadline):
        result.warnings.append(
            f"the deadline {result.deadline.isoformat()} has passed and the latest figure is of "
            f"{result.actual_date.isoformat()}: the status stands until a figure for the deadline is recorded")
    _for_readers(result, figs)
    return result


def _for_readers(r: Assessment, figs: list[Figure]) -> None:
    """What a reader needs beside the verdict, set last: the rate recorded for the latest
    period of a growth target (`actual_value` is the average so far), and no pace "needed"
    once a target is achieved (a negative pace reads as a demand to fall back)."""
    if r.target.kind == "growth" and r.actual_date is not None:
        rates = [f for f in figs if f.basis != "stock" and f.date == r.actual_date]
        if rates:
            r.latest_rate = rates[-1].value
    if r.status == "achieved":
        r.required_per_year = r.required_growth = None


def _eurostat_applies(target: Target) -> bool:
    if target.kind == "growth":
        return True
    if target.kind == "change":
        return target.value is not None and target.value != 0 and target.value > -100
    if target.kind == "hold":  # no ratio under either method: nothing to warn of
        return True
    if target.kind != "level":
        return False
    return bool(target.value) and not (target.baseline is not None and target.baseline.value == 0)


def _use_eurostat(result: Assessment, b: float) -> bool:
    return result.method == "eurostat" and result.target.kind in ("level", "growth", "change") and b != 0


def _meets(target: Target, a: float, plan_tolerance: float = 0.05) -> bool:
    assert target.value is not None
    tol = target.tolerance if target.tolerance is not None else plan_tolerance
    return pace.meets(a, target.comparator, target.value, target.value_max, tol)


def status_of(plan: Plan | None, *, met: bool, ended: bool, ratio: float | None,
              maintain: bool = False, pending: bool = False,
              otherwise: str = "insufficient_data") -> str:
    """The one status ladder every kind climbs (SPEC 4.4), first rung that applies wins:
    met → achieved; the deadline's figure (or a whole year's) not met → missed; a target to
    maintain not met → regressing; a milestone not yet reached → pending; then the ratio of
    progress to elapsed time against the thresholds; with no ratio, `otherwise`."""
    if met:
        return "achieved"
    if ended:
        return "missed"
    if maintain:
        return "regressing"
    if pending:
        return "pending"
    if ratio is None:
        return otherwise
    return _status_from_ratio(ratio, plan)


def _status_from_ratio(ratio: float, plan: Plan | None) -> str:
    th = plan.thresholds if plan else None
    on_track = th.on_track if th else 0.95
    behind = th.behind if th else 0.6
    if ratio >= on_track:
        return "on_track"
    if ratio >= behind:
        return "behind"
    if ratio >= 0:
        return "off_track"
    return "regressing"


# ---------------------------------------------------------------- level and milestone

def _assess_level(plan: Plan, target: Target, figs: list[Figure], r: Assessment) -> None:
    V = target.value
    assert V is not None
    T = decimal_year(r.deadline)
    tol = plan.thresholds.about_tolerance
    if target.baseline is not None:
        b, t0 = target.baseline.value, decimal_year(year_end(target.baseline.year))
        r.baseline_date, r.baseline_value, r.baseline_from = (
            year_end(target.baseline.year), b, "plan")
    elif figs:
        first = baseline_figure(plan, figs)
        assert first is not None
        b, t0 = first.value, decimal_year(first.date)
        r.baseline_date, r.baseline_value, r.baseline_from = first.date, b, "actuals"
        figs = [f for f in figs if f.date >= first.date]
    else:
        b = t0 = None
    r.lower_is_better = lower_is_better(target, b)
    if not figs:
        return
    latest = figs[-1]
    a, ta = latest.value, decimal_year(latest.date)
    _set_actual(r, latest, a)
    sign = -1.0 if r.lower_is_better else 1.0
    r.remaining = max(0.0, sign * (V - a))
    r.required_per_year = pace.pace_per_year(a, V, ta, T)
    r.required_growth = pace.growth_per_year(a, V, ta, T)
    met = _meets(target, a, tol)
    assert b is not None and t0 is not None
    maintain = target.kind != "milestone" and _meets(target, b, tol)
    geometric = target.pace == "geometric" and b > 0 and V > 0 and a > 0
    if target.pace == "geometric" and not geometric:
        r.warnings.append("geometric pace needs positive values: the linear scale is used")
    early = "insufficient_data"
    if ta > t0 and not maintain and target.kind != "milestone":
        e = pace.elapsed(ta, t0, T)
        r.elapsed = e
        if e is not None:
            r.expected, r.planned = planned_path(target, b, V, t0, T, ta, e, geometric)
            if r.expected is not None:
                r.gap = sign * (r.expected - a)
        r.progress = pace.progress(b, a, V, geometric)
        r.projected = pace.projection(b, a, t0, ta, T, geometric)
        r.ratio, early = _ratio(r, b, a, V, t0, ta, T)
    elif maintain:
        r.elapsed = pace.elapsed(ta, t0, T) if ta > t0 else None
        r.expected = V
        r.gap = sign * (V - a)
        if _use_eurostat(r, b) and ta > t0:
            r.ratio = pace.eurostat_ratio(b, a, V, t0, ta, T, r.lower_is_better)
    r.status = status_of(plan, met=met, ended=ta >= T, maintain=maintain,
                         pending=target.kind == "milestone",
                         ratio=r.ratio if ta > t0 else None, otherwise=early)
    if r.status == "regressing" and r.ratio is None:
        r.score = -5.0


def planned_path(target: Target, b: float, V: float, t0: float, T: float, ta: float, e: float,
                 geometric: bool) -> tuple[float | None, float | None]:
    """(the path's value at ta, the share of the way it stands for): on the straight or
    geometric path that is the elapsed share e; where the plan states yearly milestones
    (分年度目标), the path runs through them (baseline, each milestone at its year's end,
    target at the deadline) and the share is read off it. Values are in the scale of b and V
    (a `change` target passes compound factors)."""
    if not target.milestones:
        return pace.path_value(b, V, e, geometric), e
    convert = (lambda m: 1 + m / 100) if target.kind == "change" else (lambda m: m)
    points = [(t0, b)]
    for y, m in sorted(target.milestones.items()):
        t = decimal_year(year_end(y))
        if t0 < t < T:
            points.append((t, convert(m)))
    points.append((T, V))
    value = pace.milestone_value(points, ta, geometric)
    share = pace.progress(b, value, V, geometric) if value is not None else None
    return value, share


def _ratio(r: Assessment, b: float, a: float, V: float, t0: float, ta: float,
           T: float) -> tuple[float | None, str]:
    """The ratio of progress to the planned share (序时进度), and the status to take where there
    is none: where the plan's milestones expect no progress yet, any progress is on track."""
    if _use_eurostat(r, b):
        return pace.eurostat_ratio(b, a, V, t0, ta, T, r.lower_is_better), "insufficient_data"
    if r.progress is None or r.planned is None:
        return None, "insufficient_data"
    if r.planned <= 0:
        return None, "on_track" if r.progress >= 0 else "regressing"
    return r.progress / r.planned, "insufficient_data"


def _set_actual(r: Assessment, latest: Figure, value: float) -> None:
    r.actual_date, r.actual_value, r.actual_period = latest.date, value, latest.period.label
    r.revised = bool(latest.revised_from)
    if latest.revised_from:
        r.warnings.append(
            f"the figure for {latest.period.label} was revised (earlier: "
            + ", ".join(_fmt(v) for v in latest.revised_from) + ")")


def _fmt(v: float) -> str:
    return f"{v:g}"


# ---------------------------------------------------------------- flows

def _per_year(figs: list[Figure]) -> dict[int, Figure]:
    """The latest flow figure of each year: a later 1–N月累计 supersedes an earlier one."""
    out: dict[int, Figure] = {}
    for f in figs:  # sorted by date
        out[f.date.year] = f
    return out


def _missing_years(years: list[int], first: int, last: int) -> list[int]:
    have = set(years)
    return [y for y in range(first, last + 1) if y not in have]


def _assess_increment(plan: Plan, target: Target, figs: list[Figure], r: Assessment) -> None:
    V = target.value
    assert V is not None
    base_year = base_year_of(plan, target)
    t0_date = year_end(base_year)
    t0, T = decimal_year(t0_date), decimal_year(r.deadline)
    r.baseline_date, r.baseline_value, r.baseline_from = t0_date, 0.0, "plan"
    r.lower_is_better = lower_is_better(target, 0.0)
    after = [f for f in figs if f.date > t0_date]
    if not figs:
        return
    if not after:
        _set_actual(r, figs[-1], figs[-1].value)
        r.status = "insufficient_data"
        r.warnings.append(f"no figure after the baseline date {t0_date.isoformat()}")
        r.required_per_year = pace.pace_per_year(0.0, V, t0, T)
        return
    cumulative = [f for f in after if f.basis == "cumulative"]
    total, start_year = 0.0, base_year + 1
    if cumulative:
        last_cum = cumulative[-1]
        total, start_year = last_cum.value, last_cum.date.year + 1
        flows = [f for f in after if f.basis != "cumulative" and f.date.year >= start_year]
    else:
        flows = [f for f in after if f.basis != "cumulative"]
    by_year = _per_year(flows)
    total += sum(f.value for f in by_year.values())
    latest = after[-1]
    missing = _missing_years(list(by_year), start_year, latest.date.year) if by_year else []
    for y in missing:
        r.warnings.append(f"no figure for {y}: its flow is missing from the sum, not taken as 0")
    a, ta = total, decimal_year(latest.date)
    _set_actual(r, latest, a)
    sign = -1.0 if r.lower_is_better else 1.0
    r.remaining = max(0.0, sign * (V - a))
    r.required_per_year = pace.pace_per_year(a, V, ta, T)
    e = pace.elapsed(ta, t0, T)
    r.elapsed = e
    early = "insufficient_data"
    if e is not None:
        r.expected, r.planned = planned_path(target, 0.0, V, t0, T, ta, e, False)
        r.gap = sign * (r.expected - a) if r.expected is not None else None
        r.progress = pace.progress(0.0, a, V, False)
        r.projected = pace.projection(0.0, a, t0, ta, T, False)
        if e > 0:
            r.ratio, early = _ratio(r, 0.0, a, V, t0, ta, T)
    r.status = status_of(plan, met=_meets(target, a, plan.thresholds.about_tolerance),
                         ended=ta >= T, ratio=r.ratio, otherwise=early)


def _assess_annual(plan: Plan, target: Target, figs: list[Figure], r: Assessment) -> None:
    V = target.value
    assert V is not None
    r.lower_is_better = lower_is_better(target, None)
    if not figs:
        return
    by_year = _per_year(figs)
    for y, f in sorted(by_year.items()):
        if _meets(target, f.value, plan.thresholds.about_tolerance):
            r.years_met.append(y)
        elif f.period.whole_year:
            r.years_missed.append(y)
    years = sorted(by_year)
    for y in _missing_years(years, years[0], years[-1]):
        r.warnings.append(f"no figure for {y}: that year is neither met nor missed")
    latest = by_year[years[-1]]
    a, share = latest.value, latest.period.year_share
    _set_actual(r, latest, a)
    r.baseline_date, r.baseline_value, r.baseline_from = date(latest.date.year - 1, 12, 31), 0.0, "plan"
    sign = -1.0 if r.lower_is_better else 1.0
    r.elapsed = share
    r.expected = V * share
    r.gap = sign * (r.expected - a)
    r.remaining = max(0.0, sign * (V - a))
    r.progress = a / V if V else None
    r.projected = a / share
    year_T = decimal_year(year_end(latest.date.year))
    r.required_per_year = pace.pace_per_year(a, V, decimal_year(latest.date), year_T)
    if r.progress is not None:
        r.ratio = r.progress / share
    missed_before = [y for y in r.years_missed if y != latest.date.year]
    if missed_before:
        r.warnings.append("missed in " + ", ".join(map(str, missed_before)))
    r.status = status_of(plan, met=latest.date.year in r.years_met,
                         ended=latest.period.whole_year, ratio=r.ratio)


# ---------------------------------------------------------------- growth

def _assess_growth(plan: Plan, target: Target, figs: list[Figure], r: Assessment) -> None:
    G = (target.value or 0.0) / 100
    T = decimal_year(r.deadline)
    stocks = [f for f in figs if f.basis == "stock"]
    rates = [f for f in figs if f.basis != "stock"]
    if stocks:
        # levels: the compound product is simply latest / baseline level
        if target.baseline is not None:
            b, t0_date, frm = target.baseline.value, year_end(target.baseline.year), "plan"
        else:
            first = baseline_figure(plan, stocks)
            assert first is not None
            b, t0_date, frm = first.value, first.date, "actuals"
        r.baseline_date, r.baseline_value, r.baseline_from = t0_date, b, frm
        later = [f for f in stocks if f.date > t0_date]
        if not later:
            _set_actual(r, stocks[-1], stocks[-1].value)
            r.status = "insufficient_data"
            return
        latest = later[-1]
        product = latest.value / b if b > 0 and latest.value > 0 else None
    else:
        base_year = base_year_of(plan, target)
        t0_date = year_end(base_year)
        r.baseline_date, r.baseline_value, r.baseline_from = t0_date, 1.0, "plan"
        later = [f for f in rates if f.date > t0_date]
        if not figs:
            return
        if not later:
            _set_actual(r, figs[-1], figs[-1].value)
            r.status = "insufficient_data"
            return
        product = _compound(later, base_year + 1, r, "growth rate")
        latest = later[-1]  # the latest figure of the last year
    t0 = decimal_year(t0_date)
    ta = decimal_year(latest.date)
    years_total = T - t0
    goal = (1 + G) ** years_total
    r.lower_is_better = target.comparator in ("<=", "<")
    _set_actual(r, latest, latest.value)
    if product is None or ta <= t0:
        r.actual_value = None
        r.status = "insufficient_data"
        r.warnings.append("a growth of -100 % or less cannot be compounded")
        return
    avg = product ** (1 / (ta - t0)) - 1
    r.actual_value = avg * 100
    r.expected = target.value
    sign = -1.0 if r.lower_is_better else 1.0
    r.gap = sign * (G - avg) * 100
    r.remaining = max(0.0, r.gap)
    r.elapsed = pace.elapsed(ta, t0, T)
    r.progress = pace.progress(1.0, product, goal, True)
    r.required_growth = (goal / product) ** (1 / (T - ta)) - 1 if T > ta else None
    if _use_eurostat(r, 1.0):
        r.ratio = pace.eurostat_ratio(1.0, product, goal, t0, ta, T, r.lower_is_better)
    elif r.progress is not None and r.elapsed:
        r.ratio = r.progress / r.elapsed
    met = (target.comparator in (">=", ">") and product >= goal) or (
        ta >= T and _meets(target, avg * 100, plan.thresholds.about_tolerance))
    r.status = status_of(plan, met=met, ended=ta >= T, ratio=r.ratio)


# ---------------------------------------------------------------- change

def _compound(rates: list[Figure], first_year: int, r: Assessment, word: str = "rate of change") -> float | None:
    """The compound factor of yearly rates (%), one per year (the latest figure of each), a
    part-year rate weighted by its share of the year; None at −100 % or below. A year
    missing between `first_year` and the last is warned of and skipped."""
    by_year = _per_year(rates)
    years = sorted(by_year)
    for y in _missing_years(years, first_year, years[-1]) if years else []:
        r.warnings.append(f"no {word} for {y}: the compound product skips it")
    product = 1.0
    for y in years:
        f = by_year[y]
        factor = 1 + f.value / 100
        if factor <= 0:
            return None
        product *= factor ** (1.0 if f.period.whole_year else f.period.year_share)
    return product


def _assess_change(plan: Plan, target: Target, figs: list[Figure], r: Assessment) -> None:
    """累计降低/下降/提高 V %: the cumulative change from the baseline year to the deadline, on
    the geometric scale (docs/arithmetic.md). Figures are yearly rates (basis rate, the
    default), levels or an index (stock, against the baseline level) or the cumulative change
    itself (cumulative); a later year's rates compound onto the latest level or cumulative."""
    V = target.value
    assert V is not None
    goal = 1 + V / 100
    T = decimal_year(r.deadline)
    r.lower_is_better = lower_is_better(target, 0.0)
    t0_date = year_end(base_year_of(plan, target))
    r.baseline_date, r.baseline_value, r.baseline_from = t0_date, 0.0, "plan"
    if not figs:
        return
    stocks = [f for f in figs if f.basis == "stock"]
    level = None
    if stocks:  # levels: measured against the baseline's level
        if target.baseline is not None:
            level = target.baseline.value
        else:
            first = baseline_figure(plan, stocks)
            assert first is not None
            level, t0_date = first.value, first.date
            r.baseline_date, r.baseline_from = t0_date, "actuals"
    after = [f for f in figs if f.date > t0_date]
    if not after:
        _set_actual(r, figs[-1], figs[-1].value)
        r.actual_value = None
        r.status = "insufficient_data"
        r.warnings.append(f"no figure after the baseline date {t0_date.isoformat()}")
        return
    anchors = [f for f in after if f.basis in ("stock", "cumulative")]
    product: float | None = 1.0
    start_year = t0_date.year + 1
    used = after
    if anchors:
        anchor = anchors[-1]
        if anchor.basis == "cumulative":
            product = 1 + anchor.value / 100
        elif level is not None and level > 0 and anchor.value > 0:
            product = anchor.value / level
        else:
            product = None
        start_year = anchor.date.year + 1
    rates = [f for f in after if f.basis not in ("stock", "cumulative") and f.date.year >= start_year]
    if anchors:
        used = [anchors[-1], *rates]
    if rates and product is not None:
        factor = _compound(rates, start_year, r)
        product = product * factor if factor is not None else None
    latest = used[-1]  # the latest figure the product stands on
    _set_actual(r, latest, latest.value)
    t0, ta = decimal_year(t0_date), decimal_year(latest.date)
    if product is None or product <= 0 or goal <= 0:
        r.actual_value = None
        r.status = "insufficient_data"
        r.warnings.append("a change of −100 % or less (or a level that is not positive) cannot be compounded")
        return
    r.product = product
    a = (product - 1) * 100
    r.actual_value = a
    sign = -1.0 if r.lower_is_better else 1.0
    r.remaining = max(0.0, sign * (V - a))
    r.required_growth = (goal / product) ** (1 / (T - ta)) - 1 if T > ta else None
    early = "insufficient_data"
    if ta > t0:
        e = pace.elapsed(ta, t0, T)
        r.elapsed = e
        if e is not None:
            path, r.planned = planned_path(target, 1.0, goal, t0, T, ta, e, True)
            if path is not None:
                r.expected = (path - 1) * 100
                r.gap = sign * (r.expected - a)
        r.progress = pace.progress(1.0, product, goal, True)
        projected = pace.projection(1.0, product, t0, ta, T, True)
        r.projected = (projected - 1) * 100 if projected is not None else None
        r.ratio, early = _ratio(r, 1.0, product, goal, t0, ta, T)
    r.status = status_of(plan, met=_meets(target, a, plan.thresholds.about_tolerance),
                         ended=ta >= T, ratio=r.ratio if ta > t0 else None, otherwise=early)


# ---------------------------------------------------------------- hold

def _assess_hold(plan: Plan, target: Target, figs: list[Figure], r: Assessment) -> None:
    """控制在…以内, 保持在…以上, 不低于…: a bound every year of the plan must keep. Each year's
    latest figure is judged on its own; the status is that of the latest figure: within the
    bound on track (achieved once the deadline's figure holds), outside it behind when within
    the plan's about-tolerance of the bound, else off track; missed at the deadline."""
    V = target.value
    assert V is not None
    tol = plan.thresholds.about_tolerance
    r.lower_is_better = target.comparator in ("<=", "<")
    cutoff = year_end(base_year_of(plan, target))
    if target.baseline is not None:
        r.baseline_date, r.baseline_value, r.baseline_from = (
            year_end(target.baseline.year), target.baseline.value, "plan")
    if not figs:
        return
    judged = [f for f in figs if f.date > cutoff]
    if not judged:
        _set_actual(r, figs[-1], figs[-1].value)
        r.status = "insufficient_data"
        r.warnings.append(f"no figure after the baseline date {cutoff.isoformat()}")
        return
    by_year = _per_year(judged)
    for y, f in sorted(by_year.items()):
        (r.years_met if _meets(target, f.value, tol) else r.years_missed).append(y)
    years = sorted(by_year)
    for y in _missing_years(years, years[0], years[-1]):
        r.warnings.append(f"no figure for {y}: not known whether the bound held that year")
    latest = judged[-1]
    a = latest.value
    _set_actual(r, latest, a)
    r.expected, r.gap = _bound_gap(target, a, tol)
    r.remaining = max(0.0, r.gap)
    r.elapsed = pace.elapsed(decimal_year(latest.date), decimal_year(cutoff), decimal_year(r.deadline))
    breached_before = [y for y in r.years_missed if y != latest.date.year]
    if breached_before:
        r.warnings.append("outside the bound in " + ", ".join(map(str, breached_before)))
    holds = _meets(target, a, tol)
    near = r.expected != 0 and r.gap <= tol * abs(r.expected)
    at_deadline = latest.date >= r.deadline
    r.status = status_of(plan, met=holds and at_deadline, ended=at_deadline, ratio=None,
                         otherwise="on_track" if holds else "behind" if near else "off_track")


def _bound_gap(target: Target, a: float, tol: float) -> tuple[float, float]:
    """(the bound that matters, the distance outside it): positive outside, negative inside.
    A ~ bound is a band: its range, else the value ± its tolerance; the nearer edge matters."""
    V = target.value
    assert V is not None
    top = target.value_max if target.value_max is not None else V
    if target.comparator in ("<=", "<"):
        return top, a - top
    if target.comparator != "~":
        return V, V - a
    if target.value_max is None:
        t = target.tolerance if target.tolerance is not None else tol
        V, top = V - t * abs(V), V + t * abs(V)
    return (V, V - a) if a - V < top - a else (top, a - top)


# ---------------------------------------------------------------- relative

def _assess_relative(target: Target, figs: list[Figure], reference: list[Figure],
                     as_of: date | None, r: Assessment) -> None:
    if not figs:
        return
    margin = target.value or 0.0
    refs = {f.date: f for f in reference if as_of is None or f.date <= as_of}
    paired = [f for f in figs if f.date in refs]
    latest = figs[-1]
    if not paired:
        _set_actual(r, latest, latest.value)
        r.status = "insufficient_data"
        r.warnings.append(f"no figure of the reference series {target.reference!r} "
                          f"for {latest.period.label}")
        return
    for f in paired:
        ok = pace.meets(f.value, target.comparator, refs[f.date].value + margin)
        if ok:
            r.years_met.append(f.date.year)
        elif f.period.whole_year:
            r.years_missed.append(f.date.year)
    latest = paired[-1]
    ref = refs[latest.date].value
    _set_actual(r, latest, latest.value)
    r.lower_is_better = target.comparator in ("<=", "<")
    sign = -1.0 if r.lower_is_better else 1.0
    r.expected = ref + margin
    r.gap = sign * (r.expected - latest.value)
    r.remaining = max(0.0, r.gap)
    r.status = status_of(None, met=pace.meets(latest.value, target.comparator, r.expected),
                         ended=latest.period.whole_year, ratio=None, otherwise="behind")


def summary_counts(assessments: list[Assessment]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for a in assessments:
        counts[a.status] = counts.get(a.status, 0) + 1
    return counts


def mean_score(assessments: list[Assessment]) -> float | None:
    scores = [a.score for a in assessments if a.score is not None and math.isfinite(a.score)]
    return sum(scores) / len(scores) if scores else None
