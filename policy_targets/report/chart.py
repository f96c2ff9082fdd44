"""A target drawn: the chart model every drawing shares, and the terminal chart.

`build_chart` turns an Assessment (and the figures it was made from) into points in time:
the required path from the baseline to the target, each figure as the assessment reads it,
the projection to the deadline and the deadline itself. It computes nothing of its own:
every value on the chart is the core's (`assess` at the date of each figure, `pace.path_value`
for the path), so the chart can never disagree with `status`. The SVG and HTML reporters
draw the same model; this module draws it with characters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from policy_targets.report import labels
from policy_targets.core import pace
from policy_targets.core.assess import Assessment, assess
from policy_targets.core.model import Figure, FigureIndex, Plan, Target
from policy_targets.core.views import PlanStatus, assessment_dict
from policy_targets.core.periods import decimal_year, year_end
from policy_targets.report.fmt import goal_text, num, pct, unit_suffix  # noqa: F401 (goal_text is used by svg and cli_reports too)
from policy_targets.report.fmt import needed_text

# Words of the drawings that labels.py does not have.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "path": "required path", "figures": "figures", "baseline": "baseline",
        "projection": "projection", "target": "target", "deadline": "deadline",
        "history": "before the baseline", "expected": "path at latest figure",
        "needed": "needed", "per_year": "/yr", "score": "score", "status": "Status",
        "no_path": "no path: the plan states no baseline and no figure gives one",
        "linear": "linear", "geometric": "geometric", "avg_growth": "average growth so far",
        "each_year": "each year from 0 to the target", "reference": "reference + margin",
        "bound": "the bound, held every year",
        "quote": "Quote", "sources": "Sources of the figures", "period": "Period",
        "value": "Value", "source": "Source", "published": "Published", "note": "Note",
        "warnings": "Warnings", "report": "Progress report", "generated": "generated",
        "as_of": "figures up to", "plans": "plans", "no_figures": "No figures recorded.",
        "chart_of": "Chart of", "data": "Data", "latest_rate": "rate of the latest period",
        "summary_all": "Summary", "no_figure_list": "Targets without a figure yet", "plan_word": "Plan", "section": "Section", "year_ends": "ticks on the time axis: year ends (2022 = 31 Dec 2022)",
    },
    "zh": {
        "path": "序时路径", "figures": "实际值", "baseline": "基数", "projection": "按当前速度预测",
        "target": "目标", "deadline": "期限", "history": "基期前数据", "expected": "最新数据时的序时目标",
        "needed": "尚需", "per_year": "/年", "score": "得分", "status": "状态",
        "no_path": "无路径:规划未给出基数,实际数据也无法提供基数",
        "linear": "线性", "geometric": "几何", "avg_growth": "迄今年均增速",
        "each_year": "每年自0至目标", "reference": "参照值 + 差额", "bound": "每年须保持的界限",
        "quote": "原文", "sources": "数据来源", "period": "期间", "value": "数值", "source": "来源",
        "published": "发布日期", "note": "备注", "warnings": "提示", "report": "目标进度报告",
        "generated": "生成于", "as_of": "数据截至", "plans": "个规划", "no_figures": "暂无实际数据。",
        "chart_of": "图:", "data": "数据", "latest_rate": "最新一期增速",
        "summary_all": "总览", "no_figure_list": "尚无数据的指标", "plan_word": "规划", "section": "章节", "year_ends": "时间轴刻度为年末(2022 = 2022年12月31日)",
    },
}



def word(key: str, lang: str) -> str:
    return WORDS.get(lang, WORDS["en"])[key]


def name_of(target: Target, lang: str) -> str:
    return labels.pick(lang, target.name, target.name_en)


def needed_per_year(a: Assessment, lang: str = "en") -> str:
    """fmt.needed_text: '50/yr (33.3%)', '60 more in 2025', or '—' once achieved."""
    return needed_text(a, lang)


@dataclass(frozen=True)
class Point:
    when: date
    value: float
    label: str = ""

    @property
    def x(self) -> float:
        return decimal_year(self.when)

    def as_dict(self) -> dict[str, object]:
        return {"date": self.when.isoformat(), "value": self.value, "label": self.label}


@dataclass
class ChartData:
    """Everything a drawing of one target shows, in the target's unit against dates."""

    plan: Plan
    assessment: Assessment
    path: list[list[Point]] = field(default_factory=list)  # one or more runs (annual: one a year)
    path_kind: str = "linear"  # linear | geometric | growth | annual | relative
    figures: list[Point] = field(default_factory=list)
    history: list[Point] = field(default_factory=list)  # figures dated before the baseline
    baseline: Point | None = None
    projection: list[Point] = field(default_factory=list)  # [latest, value at the deadline]
    expected: Point | None = None  # the path's value at the latest figure
    goal: float | None = None  # the horizontal target line (None for relative)
    goal_max: float | None = None

    @property
    def target(self) -> Target:
        return self.assessment.target

    @property
    def deadline(self) -> date:
        return self.assessment.deadline

    @property
    def unit(self) -> str:
        return "%" if self.target.kind == "growth" else self.target.unit

    def all_points(self) -> list[Point]:
        pts = [p for run in self.path for p in run] + self.figures + self.history + self.projection
        if self.baseline:
            pts.append(self.baseline)
        if self.expected:
            pts.append(self.expected)
        return pts

    def x_range(self) -> tuple[float, float]:
        """From the earliest point (or the plan's baseline date) to just past the deadline."""
        xs = [p.x for p in self.all_points()]
        lo = min(xs + [decimal_year(year_end(self.plan.base_year))])
        hi = max(xs + [decimal_year(self.deadline)])
        lo = math.floor(lo)
        hi = math.ceil(hi)
        if hi <= lo:
            hi = lo + 1
        return float(lo), float(hi)

    def y_range(self) -> tuple[float, float]:
        ys = [p.value for p in self.all_points() if math.isfinite(p.value)]
        for v in (self.goal, self.goal_max):
            if v is not None and math.isfinite(v):
                ys.append(v)
        if self.target.kind in ("increment", "annual"):
            ys.append(0.0)
        if not ys:
            return 0.0, 1.0
        lo, hi = min(ys), max(ys)
        if hi == lo:
            pad = abs(hi) * 0.1 or 1.0
            return lo - pad, hi + pad
        pad = (hi - lo) * 0.08
        lo2 = lo - pad
        if lo >= 0 > lo2:
            lo2 = 0.0
        return lo2, hi + pad

    def as_dict(self) -> dict[str, object]:
        """The chart's data for --json: the assessment and every point drawn."""
        return {
            "plan": self.plan.id,
            "assessment": assessment_dict(self.assessment),
            "path_kind": self.path_kind,
            "path": [[p.as_dict() for p in run] for run in self.path],
            "baseline": self.baseline.as_dict() if self.baseline else None,
            "figures": [p.as_dict() for p in self.figures],
            "history": [p.as_dict() for p in self.history],
            "expected": self.expected.as_dict() if self.expected else None,
            "projection": [p.as_dict() for p in self.projection],
            "goal": self.goal,
            "goal_max": self.goal_max,
        }


def build_chart(plan: Plan, target: Target, figures: list[Figure], assessment: Assessment, *,
                reference: list[Figure] | None = None, as_of: date | None = None,
                method: str = "pace") -> ChartData:
    """The chart of `assessment` (made by `assess` from `figures`; same as_of and method)."""
    a = assessment
    chart = ChartData(plan=plan, assessment=a)
    chart.goal = target.value if target.kind != "relative" else None
    chart.goal_max = target.value_max
    if a.baseline_date is not None and a.baseline_value is not None and target.kind in (
            "level", "milestone", "increment"):
        chart.baseline = Point(a.baseline_date, a.baseline_value, word("baseline", "en"))
    # each figure as the core reads it at its own date (a running sum for increments,
    # the average growth so far for growth targets): assess again, never recompute
    dates = sorted({f.date for f in figures if as_of is None or f.date <= as_of})
    per_date: list[Assessment] = []
    for d in dates:
        at = assess(plan, target, figures, as_of=d, method=method, reference=reference)
        if at.actual_date == d and at.actual_value is not None:
            per_date.append(at)
    for at in per_date:
        assert at.actual_date is not None and at.actual_value is not None
        p = Point(at.actual_date, at.actual_value, at.actual_period or at.actual_date.isoformat())
        before = a.baseline_date is not None and at.actual_date < a.baseline_date
        (chart.history if before else chart.figures).append(p)
    if chart.baseline is not None and target.kind != "increment":
        # the baseline taken from a figure is drawn once, as the baseline
        chart.figures = [p for p in chart.figures
                         if not (p.when == chart.baseline.when and a.baseline_from == "actuals")]
    _path(chart, plan, target, per_date)
    if a.actual_date is not None and a.actual_value is not None:
        latest = Point(a.actual_date, a.actual_value, a.actual_period or "")
        if a.projected is not None and math.isfinite(a.projected):
            end = year_end(a.actual_date.year) if target.kind == "annual" else a.deadline
            if end > a.actual_date:
                chart.projection = [latest, Point(end, a.projected, word("projection", "en"))]
        if a.expected is not None and target.kind in ("level", "increment", "annual"):
            chart.expected = Point(a.actual_date, a.expected, word("expected", "en"))
    return chart


def _path(chart: ChartData, plan: Plan, target: Target, per_date: list[Assessment]) -> None:
    a = chart.assessment
    V = target.value
    if V is None:
        return
    if target.kind in ("level", "increment") and a.baseline_date is not None \
            and a.baseline_value is not None and a.baseline_date < a.deadline:
        b = a.baseline_value
        geometric = target.kind == "level" and target.pace == "geometric" and b > 0 and V > 0
        chart.path_kind = "geometric" if geometric else "linear"
        t0, T = decimal_year(a.baseline_date), decimal_year(a.deadline)
        when = [a.baseline_date] + [year_end(y) for y in range(a.baseline_date.year, a.deadline.year)
                                    if a.baseline_date < year_end(y) < a.deadline] + [a.deadline]
        run = []
        for d in when:
            e = pace.elapsed(decimal_year(d), t0, T)
            v = pace.path_value(b, V, e, geometric) if e is not None else None
            if v is not None:
                run.append(Point(d, v))
        chart.path = [run]
    elif target.kind == "change" and a.baseline_date is not None and a.baseline_date < a.deadline \
            and V > -100:
        # the cumulative change on the geometric path of the compound factor: 0 % at the baseline,
        # ((1 + V/100) ** e - 1) × 100 at the share e of the time (docs/arithmetic.md)
        chart.path_kind = "geometric"
        t0, T = decimal_year(a.baseline_date), decimal_year(a.deadline)
        when = [a.baseline_date] + [year_end(y) for y in range(a.baseline_date.year, a.deadline.year)
                                    if a.baseline_date < year_end(y) < a.deadline] + [a.deadline]
        chart.path = [[Point(d, ((1 + V / 100) ** (pace.elapsed(decimal_year(d), t0, T) or 0.0) - 1) * 100)
                       for d in when]]
    elif target.kind == "hold":
        chart.path_kind = "hold"  # the bound, every year of the plan
        chart.path = [[Point(year_end(plan.start - 1), V), Point(a.deadline, V)]]
    elif target.kind == "growth" and a.baseline_date is not None and a.baseline_date < a.deadline:
        chart.path_kind = "growth"
        chart.path = [[Point(a.baseline_date, V), Point(a.deadline, V)]]
    elif target.kind == "annual":
        chart.path_kind = "annual"
        chart.path = [[Point(year_end(y - 1), 0.0), Point(year_end(y), V)]
                      for y in range(plan.start, a.deadline.year + 1)]
    elif target.kind == "relative":
        chart.path_kind = "relative"
        run = [Point(at.actual_date, at.expected) for at in per_date
               if at.actual_date is not None and at.expected is not None]
        chart.path = [run] if run else []


# ---------------------------------------------------------------- scales (shared with svg)

def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values covering [lo, hi]: steps of 1, 2 or 5 times a power of ten."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [lo]
    raw = (hi - lo) / max(1, count)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step) * step
    ticks = []
    v = first
    while v <= hi + step * 1e-9:
        ticks.append(round(v, 10))
        v += step
    return ticks


def year_ticks(x0: float, x1: float) -> list[tuple[float, int]]:
    """(x, year) for each year whose last day lies in [x0, x1].

    Ticks mark year ends, the dates plans count in: a 2022 baseline and a 2025 deadline
    sit on the ticks labelled 2022 and 2025 (their last days, t = 2023.0 and 2026.0).
    """
    return [(float(y + 1), y) for y in range(math.ceil(x0) - 1, math.floor(x1))]


# ---------------------------------------------------------------- the terminal chart

MARK = {"path": "·", "goal": "─", "deadline": "│", "projection": "┄", "figure": "●",
        "baseline": "◆", "history": "○", "expected": "×"}


def text_lines(chart: ChartData, lang: str = "en", width: int = 60, height: int = 14) -> list[tuple[str, str]]:
    """The chart as (line, style) pairs of plain characters: plot, axis, then a legend.

    Pure: no terminal, no rich. Data strings are left as they are; the printer cleans them.
    """
    a, t = chart.assessment, chart.target
    x0, x1 = chart.x_range()
    y0, y1 = chart.y_range()
    grid = [[" "] * width for _ in range(height)]

    def col(x: float) -> int:
        return max(0, min(width - 1, round((x - x0) / (x1 - x0) * (width - 1))))

    def row(y: float) -> int:
        return max(0, min(height - 1, round((y1 - y) / (y1 - y0) * (height - 1))))

    def put(c: int, r: int, ch: str, over: bool = True) -> None:
        if over or grid[r][c] == " ":
            grid[r][c] = ch

    def segment(p: Point, q: Point, ch: str) -> None:
        c0, c1 = col(p.x), col(q.x)
        steps = max(abs(c1 - c0), 1)
        for i in range(steps + 1):
            f = i / steps
            put(round(c0 + (c1 - c0) * f), row(p.value + (q.value - p.value) * f), ch, over=False)

    if chart.goal is not None:
        for c in range(width):
            put(c, row(chart.goal), MARK["goal"])
    dl = col(decimal_year(chart.deadline))
    for r in range(height):
        put(dl, r, MARK["deadline"])
    for run in chart.path:
        for p, q in zip(run, run[1:]):
            segment(p, q, MARK["path"])
    if len(chart.projection) == 2:
        segment(chart.projection[0], chart.projection[1], MARK["projection"])
    if chart.expected:
        put(col(chart.expected.x), row(chart.expected.value), MARK["expected"])
    for p in chart.history:
        put(col(p.x), row(p.value), MARK["history"])
    if chart.baseline:
        put(col(chart.baseline.x), row(chart.baseline.value), MARK["baseline"])
    for p in chart.figures:
        put(col(p.x), row(p.value), MARK["figure"])

    ticks = {row(v): num(v) for v in nice_ticks(y0, y1, 4)}
    label_w = max([len(s) for s in ticks.values()] + [1])
    out: list[tuple[str, str]] = []
    head = f"{name_of(t, lang)}  ({goal_text(t, a.deadline, lang)})"
    out.append((head, "bold"))
    out.append((f"{chart.plan.id}/{t.id}, {t.kind}" + (f", {t.unit}" if t.unit else ""), "dim"))
    for r in range(height):
        out.append((f"{ticks.get(r, ''):>{label_w}} ┤{''.join(grid[r])}", ""))
    axis = [" "] * width
    year_labels = [" "] * (width + 8)
    for x, y in year_ticks(x0, x1):
        c = col(x)
        axis[c] = "┬"
        s = str(y)
        start = max(0, min(width - len(s), c - len(s) // 2))
        if all(ch == " " for ch in year_labels[max(0, start - 1):start + len(s) + 1]):
            year_labels[start:start + len(s)] = list(s)
    out.append((" " * label_w + " └" + "".join(axis), ""))
    out.append((" " * (label_w + 2) + "".join(year_labels).rstrip(), ""))
    out.extend((line, style) for line, style in legend(chart, lang))
    return out


def legend(chart: ChartData, lang: str) -> list[tuple[str, str]]:
    """What each mark is, with its figures: the words under the chart (and the SVG's desc)."""
    a, t = chart.assessment, chart.target
    u = unit_suffix(chart.unit)
    lines: list[tuple[str, str]] = []
    if chart.path:
        kind = {"linear": word("linear", lang), "geometric": word("geometric", lang),
                "growth": word("avg_growth", lang), "annual": word("each_year", lang),
                "relative": word("reference", lang), "hold": word("bound", lang)}[chart.path_kind]
        lines.append((f"{MARK['path']} {word('path', lang)} ({kind})", ""))
    elif t.kind in ("level", "increment"):
        lines.append((f"{MARK['path']} {word('no_path', lang)}", "dim"))
    if chart.baseline:
        lines.append((f"{MARK['baseline']} {word('baseline', lang)}: {num(chart.baseline.value)}{u} "
                      f"({chart.baseline.when.isoformat()}, "
                      f"{labels.w('from_figures' if a.baseline_from == 'actuals' else 'from_plan', lang)})", ""))
    if chart.history:
        lines.append((f"{MARK['history']} {word('history', lang)}: "
                      + ", ".join(f"{p.label} {num(p.value)}{u}" for p in chart.history), "dim"))
    if chart.figures:
        lines.append((f"{MARK['figure']} {word('figures', lang)}: "
                      + ", ".join(f"{p.label} {num(p.value)}{u}" for p in chart.figures), ""))
    if a.latest_rate is not None and a.actual_value is not None:
        lines.append((f"{MARK['figure']} {word('latest_rate', lang)}: {num(a.latest_rate)}% "
                      f"({a.actual_period}); {word('avg_growth', lang)} {num(a.actual_value)}%", ""))
    if chart.expected:
        lines.append((f"{MARK['expected']} {word('expected', lang)}: {num(chart.expected.value)}{u} "
                      f"({chart.expected.when.isoformat()})", ""))
    if len(chart.projection) == 2:
        end = chart.projection[1]
        lines.append((f"{MARK['projection']} {word('projection', lang)}: {num(end.value)}{u} "
                      f"({end.when.isoformat()})", ""))
    if chart.goal is not None:
        lines.append((f"{MARK['goal']} {word('target', lang)}: {goal_text(t, None, lang)}", ""))
    lines.append((f"{MARK['deadline']} {word('deadline', lang)}: {a.deadline.isoformat()}", ""))
    lines.append((f"┬ {word('year_ends', lang)}", "dim"))
    status = labels.status_label(a.status, lang, a.before_deadline)
    tail = []
    if a.score is not None:
        tail.append(f"{word('score', lang)} {num(a.score)}")
    need = needed_per_year(a, lang)
    if need != "—":
        tail.append(f"{word('needed', lang)} {need}")
    lines.append((f"{word('status', lang)}: {status}" + (f" ({'; '.join(tail)})" if tail else ""),
                  labels.STATUS_STYLE.get(a.status, "")))
    from policy_targets.report.i18n import warning_text

    for w in a.warnings:
        lines.append((f"! {warning_text(w, lang)}", "dim"))
    return lines


def print_chart(chart: ChartData, lang: str, out: Any) -> None:
    """Print to a rich Console; every line is a Text of cleaned data, never markup."""
    from rich.text import Text

    from policy_targets.report.safe import clean

    width = max(30, min(100, (out.width or 80) - 12))
    for line, style in text_lines(chart, lang, width=width):
        out.print(Text(clean(line), style=style if out.is_terminal else ""))


def plan_charts(index: FigureIndex, ps: PlanStatus, *, as_of: date | None = None,
                method: str = "pace") -> list[ChartData]:
    """The chart of every target of a PlanStatus (views.assess_plan) over its figures."""
    plan = ps.plan
    out = []
    for a in ps.assessments:
        t = a.target
        reference = index.of(plan.id, t.reference) if t.reference else None
        out.append(build_chart(plan, t, index.of(plan.id, t.id), a, reference=reference,
                               as_of=as_of, method=method))
    return out
