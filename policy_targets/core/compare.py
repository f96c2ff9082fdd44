"""Cross-plan views: one canonical indicator across plans (`compare`), every plan at once
(`summary`). Pure: plain dicts from PlanStatus objects that views.assess_plan made.
"""

from __future__ import annotations

from dataclasses import dataclass

from policy_targets.core.names import did_you_mean
from policy_targets.core.views import PlanStatus, plan_dict


def unknown_indicator(code: str, indicators: dict[str, dict[str, object]]) -> str:
    """The usage message for a code that indicators.toml does not define (the CLI cleans it)."""
    known = sorted(indicators)
    return (f"unknown indicator {code!r}{did_you_mean(code, known)} "
            f"(known: {', '.join(known) or 'none: the data has no indicators.toml'})")


def indicator_dict(code: str, entry: dict[str, object]) -> dict[str, object]:
    return {"code": code, "name": entry.get("name"), "name_en": entry.get("name_en"),
            "unit": entry.get("unit"), "definition": entry.get("definition")}


def compare_view(code: str, entry: dict[str, object], statuses: list[PlanStatus]) -> dict[str, object]:
    """Every target coded `code`, one row each, with the figures of its assessment.

    Units are not converted: plans count in their own units (家, 万家) and the row says which;
    `kind` says whether the figure is a stock, a flow over the period or a yearly quota.
    """
    rows: list[dict[str, object]] = []
    without: list[str] = []
    for ps in statuses:
        mine = [a for a in ps.assessments if a.target.indicator == code]
        if not mine:
            without.append(ps.plan.id)
        for a in mine:
            d = a.as_dict()
            rows.append({
                "plan": ps.plan.id, "city": ps.plan.city, "city_zh": ps.plan.city_zh,
                "target": d["id"], "name": d["name"], "name_en": d["name_en"],
                "kind": d["kind"], "comparator": d["comparator"], "value": d["target"],
                "unit": d["unit"], "deadline": d["deadline"], "baseline": d["baseline"],
                "actual": d["actual"], "expected": d["expected"], "gap": d["gap"],
                "progress": d["progress"], "elapsed": d["elapsed"], "status": d["status"],
                "score": d["score"], "required_per_year": d["required_per_year"],
                "required_growth": d["required_growth"], "projected": d["projected"],
            })
    return {"indicator": indicator_dict(code, entry), "targets": rows, "plans_without": without}


def summary_rows(statuses: list[PlanStatus], figures: dict[str, int] | None = None) -> list[dict[str, object]]:
    """One row per plan: its targets, counts by status and mean score (PlanStatus's own)."""
    rows = []
    for ps in statuses:
        row: dict[str, object] = {**plan_dict(ps.plan), "targets": len(ps.assessments)}
        if figures is not None:
            row["figures"] = figures.get(ps.plan.id, 0)
        row["summary"] = ps.summary
        row["mean_score"] = ps.mean_score
        rows.append(row)
    return rows


@dataclass(eq=False)
class CompareResult:
    """`compare`: one indicator across plans; `statuses` holds the assessments behind its rows.
    `as_dict()` is the command's --json."""

    view: dict[str, object]
    statuses: list[PlanStatus]

    def as_dict(self) -> dict[str, object]:
        return self.view


@dataclass(eq=False)
class SummaryResult:
    """`summary`: one row per plan, its counts by status and mean score."""

    rows: list[dict[str, object]]

    def as_dict(self) -> list[dict[str, object]]:
        return self.rows
