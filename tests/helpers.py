"""Small builders for tests: plans, targets and figures without files."""

from __future__ import annotations

from datetime import date

from policy_targets.core.model import Baseline, Figure, Plan, Target
from policy_targets.core.periods import parse_period


def plan(start: int = 2021, end: int = 2025, baseline_year: int | None = None, **kw: object) -> Plan:
    return Plan(id="p", city="p", city_zh="某市", title="某规划", start=start, end=end,
                baseline_year=baseline_year, **kw)  # type: ignore[arg-type]


def target(kind: str = "level", value: float | None = 100.0, *, comparator: str = ">=",
           deadline: int | None = None, baseline: tuple[float, int] | None = None,
           unit: str = "家", **kw: object) -> Target:
    return Target(
        id="t", name="指标", name_en="Indicator", kind=kind, value=value, unit=unit,
        comparator=comparator, deadline=date(deadline, 12, 31) if deadline else None,
        baseline=Baseline(baseline[0], baseline[1], "test") if baseline else None,
        quote="q", **kw,  # type: ignore[arg-type]
    )


def fig(period: str, value: float, *, item: str = "t", basis: str | None = None,
        revised_from: list[float] | None = None) -> Figure:
    return Figure(plan="p", target=item, period=parse_period(period), value=value, basis=basis,
                  revised_from=tuple(revised_from or ()))
