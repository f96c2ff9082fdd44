"""What each reading command computes, as plain data over a loaded dataset.

The JSON reporter prints these dicts as they are and the table reporter lays them out, so
`--json` is by construction the library's own result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from policy_targets.core import pace
from policy_targets.core.assess import (Assessment, assess, base_year_of, baseline_figure, deadline_of, mean_score,
                                       planned_path, summary_counts)
from policy_targets.core.model import Figure, FigureIndex, Plan, Target
from policy_targets.core.periods import decimal_year, year_end


def plan_dict(plan: Plan) -> dict[str, object]:
    return {
        "id": plan.id, "city": plan.city, "city_zh": plan.city_zh, "title": plan.title,
        "title_en": plan.title_en, "issuer": plan.issuer, "issued": plan.issued,
        "start": plan.start, "end": plan.end, "baseline_year": plan.base_year,
    }


@dataclass(eq=False, repr=False)
class PlanStatus:
    plan: Plan
    assessments: list[Assessment] = field(default_factory=list)
    series: list[dict[str, object]] = field(default_factory=list)  # context: latest figures
    hidden: list[Assessment] = field(default_factory=list)  # left out by `filtered`
    only_with_data: bool = False
    shown_statuses: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return f"PlanStatus({self.plan.id!r}, {self.summary})"

    @property
    def summary(self) -> dict[str, int]:
        """Counts by status of every target of the plan, shown or not."""
        return summary_counts(self.assessments + self.hidden)

    @property
    def mean_score(self) -> float | None:
        return mean_score(self.assessments + self.hidden)

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "plan": plan_dict(self.plan),
            "targets": [assessment_dict(a) for a in self.assessments],
            "summary": self.summary,
            "mean_score": self.mean_score,
            "series": self.series,
        }
        if self.hidden:
            out["not_shown"] = len(self.hidden)
        return out


def assessment_dict(a: Assessment) -> dict[str, object]:
    """Assessment.as_dict with what a reader needs beside it: the rate recorded for the latest
    period of a growth target (its `actual.value` is the average so far)."""
    d = a.as_dict()
    d["latest_rate"] = a.latest_rate
    return d


def filtered(ps: PlanStatus, only_with_data: bool = False, statuses: tuple[str, ...] = ()) -> PlanStatus:
    """The same plan with only the targets that have a figure and/or are of `statuses`; the
    others are kept in `hidden`, so the summary still counts them."""
    if not only_with_data and not statuses:
        return ps
    keep = [a for a in ps.assessments
            if (not only_with_data or a.status != "no_data") and (not statuses or a.status in statuses)]
    return PlanStatus(ps.plan, keep, ps.series, [a for a in ps.assessments if a not in keep],
                      only_with_data, tuple(statuses))


def assess_plan(plan: Plan, index: FigureIndex, *, as_of: date | None = None, year: int | None = None,
                method: str = "pace", today: date | None = None) -> PlanStatus:
    result = PlanStatus(plan)
    for t in plan.targets:
        reference = index.of(plan.id, t.reference) if t.reference else None
        result.assessments.append(assess(plan, t, index.of(plan.id, t.id), as_of=as_of,
                                         year=year, method=method, today=today,
                                         reference=reference))
    cutoff = year_end(year) if year is not None else as_of
    for series in plan.series:
        figs = [f for f in index.of(plan.id, series.id) if cutoff is None or f.date <= cutoff]
        if not figs:
            continue
        latest = figs[-1]
        result.series.append({
            "id": series.id, "name": series.name, "name_en": series.name_en, "unit": series.unit,
            "actual": {"date": latest.date.isoformat(), "value": latest.value,
                       "period": latest.period.label, "revised": bool(latest.revised_from)},
            "figures": len(figs),
        })
    return result


def gap_rows(statuses: list[PlanStatus], year: int) -> list[dict[str, object]]:
    """SPEC 5: one row per target, its shortfall against the path on the figures of `year`."""
    rows: list[dict[str, object]] = []
    for ps in statuses:
        for a in ps.assessments:
            t = a.target
            gap_pct = a.gap / a.expected if a.gap is not None and a.expected else None
            rows.append({
                "plan": ps.plan.id, "target": t.id, "name": t.name, "name_en": t.name_en,
                "unit": t.unit, "year": year, "target_value": t.target_json,
                "expected": a.expected, "actual": a.actual_value, "gap": a.gap,
                "gap_pct": gap_pct, "required_per_year": a.required_per_year,
                "required_growth": a.required_growth, "status": a.status,
                "date": a.actual_date.isoformat() if a.actual_date else None,
                "period": a.actual_period, "deadline": a.deadline.isoformat(),
                "kind": t.kind, "comparator": t.comparator, "latest_rate": a.latest_rate, "remaining": a.remaining,
                "baseline": {"date": a.baseline_date.isoformat() if a.baseline_date else None,
                             "value": a.baseline_value, "from": a.baseline_from},
            })
    return rows


def figure_counts(figures: Iterable[Figure], as_of: date | None = None) -> dict[str, int]:
    """How many figures each plan has (dated up to `as_of`)."""
    counts: dict[str, int] = {}
    for f in figures:
        if as_of is None or f.date <= as_of:
            counts[f.plan] = counts.get(f.plan, 0) + 1
    return counts


def list_rows(plans: Iterable[Plan], figures: Iterable[Figure]) -> list[dict[str, object]]:
    counts = figure_counts(figures)
    return [{**plan_dict(plan), "targets": len(plan.targets), "figures": counts.get(plan.id, 0)}
            for plan in plans]


# ---------------------------------------------------------------- show

def show_target(plan: Plan, t: Target, index: FigureIndex) -> dict[str, object]:
    """A target with its required path year by year and the pace needed from its baseline."""
    deadline = deadline_of(plan, t)
    T = decimal_year(deadline)
    b, b_year, frm = _show_baseline(plan, t, index)
    per_year = growth = None
    path: list[dict[str, object]] = []
    V = t.value
    if t.kind == "growth" and V is not None:
        growth = V / 100
        n = deadline.year - b_year
        path = [{"year": b_year + i, "value": (1 + growth) ** i} for i in range(n + 1)]
    elif t.kind == "annual" and V is not None:
        per_year = V
        path = [{"year": y, "value": V} for y in range(plan.start, deadline.year + 1)]
    elif t.kind == "change" and V is not None and V > -100 and b_year is not None:
        # the cumulative change (%) the geometric path (or the plan's milestones) asks by each year
        t0, goal = decimal_year(year_end(b_year)), 1 + V / 100
        growth = pace.growth_per_year(1.0, goal, t0, T)
        for y in range(b_year, deadline.year + 1):
            e = pace.elapsed(decimal_year(year_end(y)), t0, T)
            if e is not None:
                factor, _ = planned_path(t, 1.0, goal, t0, T, decimal_year(year_end(y)), e, True)
                path.append({"year": y, "value": (factor - 1) * 100 if factor is not None else None})
    elif t.kind == "hold" and V is not None:
        path = [{"year": y, "value": V} for y in range(plan.start, deadline.year + 1)]
    elif t.kind in ("level", "increment") and V is not None and b is not None and b_year is not None:
        t0 = decimal_year(year_end(b_year))
        geometric = t.pace == "geometric" and b > 0 and V > 0
        per_year = pace.pace_per_year(b, V, t0, T)
        growth = pace.growth_per_year(b, V, t0, T)
        for y in range(b_year, deadline.year + 1):
            e = pace.elapsed(decimal_year(year_end(y)), t0, T)
            if e is not None:
                value, _ = planned_path(t, b, V, t0, T, decimal_year(year_end(y)), e, geometric)
                path.append({"year": y, "value": value})
    return {
        "id": t.id, "name": t.name, "name_en": t.name_en, "kind": t.kind, "unit": t.unit,
        "comparator": t.comparator, "target": t.target_json, "deadline": deadline.isoformat(),
        "pace": t.pace, "baseline": {"value": b, "year": b_year, "from": frm},
        "required_per_year_from_baseline": per_year,
        "required_growth_from_baseline": growth,
        "path": path, "parent": t.parent, "indicator": t.indicator, "reference": t.reference,
        "quote": t.quote, "section": t.section, "note": t.note,
        "milestones": {str(y): m for y, m in sorted(t.milestones.items())},
    }


def _show_baseline(plan: Plan, t: Target, index: FigureIndex) -> tuple[float | None, int | None, str | None]:
    if t.kind == "increment":
        return 0.0, base_year_of(plan, t), "plan"
    if t.kind in ("growth", "change"):  # a compound factor of 1 (no change yet) at the baseline
        return (1.0 if t.kind == "growth" else 0.0), base_year_of(plan, t), "plan"
    if t.baseline is not None:
        return t.baseline.value, t.baseline.year, "plan"
    first = baseline_figure(plan, index.of(plan.id, t.id))
    if first is not None and t.kind == "level":
        return first.value, first.date.year, "actuals"
    return None, None, None


def show_plan(plan: Plan, index: FigureIndex) -> dict[str, object]:
    return {"plan": plan_dict(plan), "targets": [show_target(plan, t, index) for t in plan.targets]}


# ---------------------------------------------------------------- the calculator

def pace_table(baseline: float, start_year: int, target: float, end_year: int,
               geometric: bool) -> dict[str, object]:
    """The path from `baseline` at the end of `start_year` to `target` at the end of `end_year`."""
    t0, T = float(start_year + 1), float(end_year + 1)
    rows = []
    prev = None
    for y in range(start_year, end_year + 1):
        e = pace.elapsed(float(y + 1), t0, T)
        value = pace.path_value(baseline, target, e or 0.0, geometric)
        rows.append({"year": y, "value": value,
                     "change": None if prev is None or value is None else value - prev})
        prev = value
    return {
        "baseline": baseline, "from": start_year, "target": target, "by": end_year,
        "pace": "geometric" if geometric else "linear",
        "required_per_year": pace.pace_per_year(baseline, target, t0, T),
        "required_growth": pace.growth_per_year(baseline, target, t0, T),
        "path": rows,
    }


def change_table(change: float, start_year: int, end_year: int) -> dict[str, object]:
    """The path of a cumulative change of `change` % from the end of `start_year` to the end of
    `end_year` (a `change` target: 累计降低13.5% is -13.5): an index from 100 on the geometric
    scale, each year's cumulative change in %, and the yearly rate that gets there."""
    view = pace_table(100.0, start_year, 100.0 * (1 + change / 100), end_year, geometric=True)
    for row in view["path"]:  # type: ignore[union-attr]
        row["cumulative_change"] = None if row["value"] is None else row["value"] - 100.0
    growth = view["required_growth"]
    return {"change": change, **view,
            "required_rate": None if growth is None else growth * 100}  # type: ignore[operator]


# ---------------------------------------------------------------- results of the commands

@dataclass(eq=False)
class PlanList:
    """`list`: one row per plan. `as_dict()` is the command's --json, here and below."""

    rows: list[dict[str, object]]

    def as_dict(self) -> list[dict[str, object]]:
        return self.rows


@dataclass(eq=False)
class StatusResult:
    """`status`: each plan's assessment (one plan's is printed as an object, several as a list)."""

    plans: list[PlanStatus]

    def as_dict(self) -> dict[str, object] | list[dict[str, object]]:
        dicts = [ps.as_dict() for ps in self.plans]
        return dicts[0] if len(dicts) == 1 else dicts


@dataclass(eq=False)
class ShowResult:
    """`show`: each plan's targets with their path and pace from the baseline."""

    plans: list[dict[str, object]]

    def as_dict(self) -> dict[str, object] | list[dict[str, object]]:
        return self.plans[0] if len(self.plans) == 1 else self.plans


@dataclass(eq=False)
class GapResult:
    """`gap`: one row per target, its shortfall against the path on the figures of `year`."""

    year: int
    rows: list[dict[str, object]]

    def as_dict(self) -> list[dict[str, object]]:
        return self.rows


@dataclass(eq=False)
class PaceResult:
    """`pace`: the path from a baseline to a target, year by year (pace_table)."""

    view: dict[str, object]

    def as_dict(self) -> dict[str, object]:
        return self.view
