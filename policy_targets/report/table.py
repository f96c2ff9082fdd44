"""Tables for people, with rich: aligned Chinese, a progress-against-time bar, colour.

Colour and bars appear only on a terminal (rich decides; NO_COLOR is honoured). Every data
string goes in as a `rich.text.Text` after `clean`, so markup and control codes in the data
are shown, never interpreted.
"""

from __future__ import annotations

import os
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from policy_targets.report import labels
from policy_targets.core.assess import Assessment
from policy_targets.core.views import PlanStatus
from policy_targets.report.fmt import goal_text, needed_text, num, pct, with_unit
from policy_targets.report.safe import clean

BAR_WIDTH = 12


def console(stderr: bool = False) -> Console:
    """A console that is plain (no colour, fixed width) when not writing to a terminal."""
    probe = Console(stderr=stderr)
    if probe.is_terminal:
        return Console(stderr=stderr, highlight=False, emoji=False, markup=False)
    columns = os.environ.get("COLUMNS", "").strip()
    width = int(columns) if columns.isdigit() and 0 < int(columns) < 10_000 else 160
    return Console(stderr=stderr, highlight=False, emoji=False, markup=False, width=width,
                   color_system=None, no_color=True)


def T(value: object, style: str = "") -> Text:
    return Text(clean(value), style=style)


def _name(item: dict[str, Any] | Any, lang: str) -> str:
    if isinstance(item, dict):
        return item["name"] if lang == "zh" else item["name_en"]
    return item.name if lang == "zh" else item.name_en


def progress_cell(a: Assessment, terminal: bool) -> Text:
    if a.progress is None or a.elapsed is None:
        return Text("—")
    figures = f"{a.progress * 100:.0f}% / {a.elapsed * 100:.0f}%"
    if not terminal:
        return Text(figures)
    filled = max(0, min(BAR_WIDTH, round(a.progress * BAR_WIDTH)))
    mark = max(0, min(BAR_WIDTH - 1, round(a.elapsed * BAR_WIDTH) - 1))
    style = labels.STATUS_STYLE.get(a.status, "")
    bar = Text()
    for i in range(BAR_WIDTH):
        if i == mark:
            bar.append("│", style="bold")
        elif i < filled:
            bar.append("█", style=style)
        else:
            bar.append("░", style="dim")
    bar.append(" " + figures)
    return bar


def needed_cell(a: Assessment) -> Text:
    return Text(needed_text(a))


def aligned(rows: list[list[Text]], justify: list[str], gap: int = 3) -> list[Text]:
    """Columns that never wrap, laid out as one pre-aligned cell per row.

    rich renders every table cell through padding, wrapping and line splitting, about 0.4 M
    instructions a cell: most of the cost of printing `status` (docs/performance.md). Figure
    columns never wrap, so they go to rich as one cell, spaced as rich spaces its columns
    (padding, rule, padding: `gap` cells), and only the name column is laid out by rich.
    """
    widths = [max(r[i].cell_len for r in rows) for i in range(len(justify))]
    out = []
    for r in rows:
        line = Text()
        for i, (cell, width, how) in enumerate(zip(r, widths, justify)):
            if i:
                line.append(" " * gap)
            if how == "right":  # as rich does: measured with its trailing spaces, drawn without
                cell = cell.copy()
                cell.rstrip()
                line.append(" " * (width - cell.cell_len))
                line.append_text(cell)
            else:
                line.append_text(cell)
                line.append(" " * (width - cell.cell_len))
        out.append(line)
    return out


STATUS_COLUMNS = (("goal", "right"), ("latest", "right"), ("path", "right"), ("gap", "right"),
                  ("progress", "left"), ("status", "left"), ("needed", "right"))


def fits(names: list[Text], header: Text, figures_width: int, width: int | None, min_width: int = 0) -> bool:
    """Whether the figures as one cell leave the name column its narrowest (`min_width`, or
    its longest word): then rich draws the same text as with separate figure columns. When
    not, rich squeezes columns, and it must squeeze each figure column on its own, as it
    always did, rather than cut the one cell's last columns off."""
    if width is None:
        return True
    words = [cell_len(w) for n in [header, *names] for w in n.plain.split()] or [0]
    return max(min_width, *words) + figures_width + 5 <= width  # edges 2, padding 2, rule 1


def status_table(ps: PlanStatus, lang: str, terminal: bool, width: int | None = None) -> Table:
    plan = ps.plan
    title = plan.title if lang == "zh" else (plan.title_en or plan.title)
    table = Table(title=T(plan_title(title, plan.start, plan.end)), box=box.SIMPLE_HEAD,
                  title_justify="left", pad_edge=False)
    rows = [[Text(labels.header(key, lang)) for key, _ in STATUS_COLUMNS]]
    for a in ps.assessments:
        t = a.target
        latest = "—" if a.actual_value is None else (
            num(a.actual_value) + ("%" if t.kind == "growth" else "") + (" *" if a.revised else "")
            + f" ({clean(a.actual_period)})")
        status = Text(labels.status_label(a.status, lang, a.before_deadline),
                      style=labels.STATUS_STYLE.get(a.status, ""))
        rows.append([T(goal_text(t, a.deadline)), Text(latest), Text(num(a.expected)), Text(num(a.gap)),
                     progress_cell(a, terminal), status, needed_cell(a)])
    table.add_column(labels.header("target", lang), overflow="fold", min_width=18, max_width=34)
    add_figures(table, [T(_name(a.target, lang)) for a in ps.assessments], rows,
                [how for _, how in STATUS_COLUMNS], width, min_width=18, no_wrap=True)
    return table


def add_figures(table: Table, names: list[Text], rows: list[list[Text]], justify: list[str],
                width: int | None, min_width: int = 0, no_wrap: bool = False) -> None:
    """The figure columns (header row first in `rows`) and one row per name, beside the name
    column already in `table`: as one aligned cell where that `fits`, else as columns of
    their own (`no_wrap` as asked) for rich to squeeze."""
    header, *lines = aligned(rows, justify)
    name_header = Text(str(table.columns[0].header))
    if fits(names, name_header, header.cell_len, width, min_width):
        table.add_column(header, no_wrap=True)
        for name, line in zip(names, lines):
            table.add_row(name, line)
        return
    for how, head in zip(justify, rows[0]):
        table.add_column(head, justify=how, no_wrap=no_wrap)  # type: ignore[arg-type]
    for name, cells in zip(names, rows[1:]):
        table.add_row(name, *cells)


def summary_line(ps: PlanStatus, lang: str) -> Text:
    parts = [f"{labels.status_label(k, lang)}: {v}" for k, v in sorted(ps.summary.items(),
                                                                        key=lambda kv: -kv[1])]
    score = ps.mean_score
    line = f"{labels.header('summary', lang)}: " + ", ".join(parts)
    if score is not None:
        line += f"; {labels.header('mean_score', lang)} {num(score)}"
    return Text(line)


def grouped_warnings(assessments: list[Assessment]) -> list[tuple[str, list[str]]]:
    """Each distinct warning once, with the targets it concerns, in order of appearance."""
    groups: dict[str, list[str]] = {}
    for a in assessments:
        for w in a.warnings:
            groups.setdefault(w, []).append(a.target.id)
    return list(groups.items())


def plan_title(title: str, start: int, end: int) -> str:
    """The title, with the plan's years added unless it already states them."""
    return title if str(start) in title and str(end) in title else f"{title} ({start}–{end})"


def print_status(statuses: list[PlanStatus], lang: str, out: Console) -> None:
    for i, ps in enumerate(statuses):
        if i:
            out.print()
        out.print(status_table(ps, lang, out.is_terminal, out.width))
        out.print(summary_line(ps, lang))
        for warning, ids in grouped_warnings(ps.assessments):
            out.print(T(f"  ! {', '.join(ids)}: {warning}"), style="dim")
        if ps.series:
            out.print(series_table(ps, lang, out.width))
        revised = [a for a in ps.assessments if a.revised]
        if revised:
            out.print(Text("  * revised figure (a later vintage replaced an earlier one)"), style="dim")


def series_table(ps: PlanStatus, lang: str, width: int | None = None) -> Table:
    """Figures of series with no target of their own, shown for context."""
    h = lambda k: labels.header(k, lang)  # noqa: E731
    table = Table(title=Text(h("context")), box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False)
    rows = [[Text(h("latest")), Text(h("period"))]]
    for s in ps.series:
        actual = s["actual"]
        value = with_unit(actual["value"], str(s["unit"])) + (" *" if actual["revised"] else "")
        rows.append([T(value), T(actual["period"])])
    table.add_column(h("target"), overflow="fold", max_width=40)
    add_figures(table, [T(_name(s, lang)) for s in ps.series], rows, ["right", "left"], width)
    return table


def print_gap(rows: list[dict[str, Any]], lang: str, out: Console, year: int) -> None:
    h = lambda k: labels.header(k, lang)  # noqa: E731
    table = Table(title=Text(f"{h('gap')} {year}"), box=box.SIMPLE_HEAD, title_justify="left",
                  pad_edge=False)
    for key, justify in (("plan", "left"), ("target", "left"), ("goal", "right"),
                         ("latest", "right"), ("path", "right"), ("gap", "right"),
                         ("gap_pct", "right"), ("needed", "right"), ("status", "left")):
        table.add_column(h(key), justify=justify, overflow="fold")  # type: ignore[arg-type]
    shown = [r for r in rows if r["status"] != "no_data"]
    for r in shown:
        target = r["target_value"]
        goal = (f"{num(target[0])}–{num(target[1])}" if isinstance(target, list) else num(target))
        status = Text(labels.status_label(r["status"], lang), style=labels.STATUS_STYLE.get(r["status"], ""))
        table.add_row(T(r["plan"]), T(_name(r, lang)), T(f"{goal} {r['unit']}"), Text(num(r["actual"])),
                      Text(num(r["expected"])), Text(num(r["gap"])), Text(pct(r["gap_pct"])),
                      Text("—" if r["status"] == "achieved" else num(r["required_per_year"])), status)
    if shown:
        out.print(table)
    missing: dict[str, int] = {}
    for r in rows:
        if r["status"] == "no_data":
            missing[r["plan"]] = missing.get(r["plan"], 0) + 1
    for plan_id, n in missing.items():
        out.print(T(f"  {plan_id}: {n} target(s) with no figure in {year}"
                    if lang == "en" else f"  {plan_id}: {n} 项指标无{year}年数据"), style="dim")


def print_show(views: list[dict[str, Any]], lang: str, out: Console) -> None:
    h = lambda k: labels.header(k, lang)  # noqa: E731
    for i, view in enumerate(views):
        plan = view["plan"]
        if i:
            out.print()
        title = plan["title"] if lang == "zh" else (plan["title_en"] or plan["title"])
        table = Table(title=T(plan_title(title, plan["start"], plan["end"])), box=box.SIMPLE_HEAD,
                      title_justify="left", pad_edge=False)
        for key, justify in (("target", "left"), ("kind", "left"), ("baseline", "right"),
                             ("goal", "right"), ("deadline", "left"), ("pace", "right")):
            table.add_column(h(key), justify=justify, overflow="fold")  # type: ignore[arg-type]
        for t in view["targets"]:
            goal = t["target"]
            goal_text = (f"{num(goal[0])}–{num(goal[1])}" if isinstance(goal, list) else num(goal))
            b = t["baseline"]
            base = "—" if b["value"] is None else f"{num(b['value'])} ({b['year']})"
            if t["kind"] == "growth":
                base = "—"
                goal_text += "%/yr"
            else:
                goal_text += f" {t['unit']}"
            pace_text = "—"
            if t["required_per_year_from_baseline"] is not None and t["kind"] != "growth":
                pace_text = num(t["required_per_year_from_baseline"]) + "/yr"
                if t["required_growth_from_baseline"] is not None and t["kind"] == "level":
                    pace_text += f" ({pct(t['required_growth_from_baseline'])})"
            elif t["required_growth_from_baseline"] is not None:
                pace_text = pct(t["required_growth_from_baseline"]) + "/yr"
            table.add_row(T(_name(t, lang)), T(t["kind"]), T(base), T(goal_text),
                          T(t["deadline"][:4]), T(pace_text))
        out.print(table)


def print_list(rows: list[dict[str, Any]], lang: str, out: Console) -> None:
    h = lambda k: labels.header(k, lang)  # noqa: E731
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for key in ("plan", "city", "title", "years", "targets", "figures"):
        table.add_column(h(key), justify="right" if key in ("targets", "figures") else "left",
                         overflow="fold")
    for r in rows:
        title = r["title"] if lang == "zh" else (r["title_en"] or r["title"])
        table.add_row(T(r["id"]), T(r["city_zh"] if lang == "zh" else r["city"]), T(title),
                      T(f"{r['start']}–{r['end']}"), Text(str(r["targets"])), Text(str(r["figures"])))
    out.print(table)


def print_pace(view: dict[str, Any], lang: str, out: Console) -> None:
    h = lambda k: labels.header(k, lang)  # noqa: E731
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(h("year"))
    table.add_column(h("value"), justify="right")
    table.add_column(h("change"), justify="right")
    for r in view["path"]:
        table.add_row(Text(str(r["year"])), Text(num(r["value"])), Text(num(r["change"])))
    out.print(table)
    out.print(Text(f"{h('needed')}: {num(view['required_per_year'])}"
                   + (f" ({pct(view['required_growth'])})" if view["required_growth"] is not None else "")))


__all__ = ["console", "print_status", "print_gap", "print_show", "print_list", "print_pace",
           "with_unit"]
