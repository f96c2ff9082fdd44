"""Tables for people: every command's terminal table, laid out by report.layout to fit the
width (numbers whole, names wrapped, a column left out only with a line saying so, one block
per target when narrow), with a legend under it.

Colour and the progress bar appear only on a terminal (rich decides; NO_COLOR is honoured).
Every data string goes in as a `rich.text.Text` after `clean`, so markup and control codes in
the data are shown, never interpreted.
"""

from __future__ import annotations

import os
from typing import Any

from rich.console import Console
from rich.text import Text

from policy_targets.report import labels
from policy_targets.core.assess import Assessment
from policy_targets.core.compare import CompareResult, SummaryResult
from policy_targets.core.views import GapResult, PaceResult, PlanList, PlanStatus, ShowResult, StatusResult
from policy_targets.report.fmt import (COMPARATOR_SIGN, signed_pct, baseline_text, goal_text, latest_text, needed_text, num, pct,
                                      unit_suffix, with_unit)
from policy_targets.report.layout import GLUE, Column, grid
from policy_targets.report.safe import clean

BAR_WIDTH = 12


def console(stderr: bool = False) -> Console:
    """A console that is plain (no colour, fixed width) when not writing to a terminal."""
    probe = Console(stderr=stderr)
    if probe.is_terminal:
        return Console(stderr=stderr, highlight=False, emoji=False, markup=False)
    columns = os.environ.get("COLUMNS", "").strip()
    width = (int(columns) if columns.isdigit() and 0 < int(columns) < 10_000 else 0) or _stderr_width() or 160
    return Console(stderr=stderr, highlight=False, emoji=False, markup=False, width=width,
                   color_system=None, no_color=True)


def _stderr_width() -> int:
    """The width of the terminal a pipe is read in (`ptarget status | less`), if any."""
    try:
        return os.get_terminal_size(2).columns if os.isatty(2) else 0
    except OSError:
        return 0


def T(value: object, style: str = "") -> Text:
    return Text(clean(value), style=style)


def _name(item: dict[str, Any] | Any, lang: str) -> str:
    if isinstance(item, dict):
        return labels.pick(lang, item["name"], item.get("name_en"))
    return labels.pick(lang, item.name, item.name_en)


def bar_cell(a: Assessment) -> Text:
    """Progress against time drawn: filled to the progress, a mark at the time gone."""
    if a.progress is None or a.elapsed is None:
        return Text("")
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
    return bar


def progress_cell(a: Assessment) -> Text:
    if a.progress is None or a.elapsed is None:
        return Text("—")
    return Text(f"{a.progress * 100:.0f}%{GLUE}/{GLUE}{a.elapsed * 100:.0f}%")


def ratio_cell(a: Assessment) -> Text:
    return Text("—" if a.ratio is None else f"{a.ratio:.2f}")


def goal_cell(t: Any, deadline: Any, lang: str) -> str:
    """The goal with its number and unit held together; the deadline may go to a line of its own."""
    goal = goal_text(t, None, lang).replace(" ", GLUE)
    return goal + (" " + labels.w("by_year", lang, year=deadline.year) if deadline else "")


def status_columns(ps: PlanStatus, lang: str, terminal: bool) -> list[Column]:
    h = lambda k: labels.header(k, lang)  # noqa: E731
    rows = ps.assessments
    eurostat = any(a.method == "eurostat" for a in rows)
    cols = [Column(h("target"), [T(_name(a.target, lang)) for a in rows], name=True),
            Column(h("goal"), [T(goal_cell(a.target, a.deadline, lang)) for a in rows], "right"),
            Column(h("baseline"), [T(baseline_text(a, lang)) for a in rows], "right", drop=5),
            Column(h("latest"), [Text(latest_text(a, lang)) for a in rows], "right"),
            Column(h("path"), [Text(num(a.expected)) for a in rows], "right", drop=4),
            Column(h("gap"), [Text(num(a.gap)) for a in rows], "right", drop=2)]
    if eurostat:
        cols.append(Column(h("ratio"), [ratio_cell(a) for a in rows], "right", drop=3))
    else:
        cols.append(Column(h("progress"), [progress_cell(a) for a in rows], "right", drop=3))
        if terminal:
            cols.append(Column("", [bar_cell(a) for a in rows], drop=9))
    cols += [Column(h("status"), [Text(labels.status_label(a.status, lang),
                                       style=labels.STATUS_STYLE.get(a.status, "")) for a in rows]),
             Column(h("needed"), [T(needed_text(a, lang)) for a in rows], "right", drop=1)]
    return cols


def print_grid(cols: list[Column], lang: str, out: Console, blocks_below: int = 0) -> None:
    """Lay `cols` out in the console's width and print them, with the line naming any column
    left out."""
    g = grid(cols, out.width, blocks_below)
    if g.lines:  # one print: rich's cost is per call
        out.print(Text("\n").join(g.lines), no_wrap=True, overflow="ignore", crop=False)
    dropped = [d for d in g.dropped if d]
    if dropped:
        out.print(Text(labels.w("dropped", lang, width=out.width,
                                columns=labels.pick(lang, "、", ", ").join(dropped))), style="dim")


def print_note(out: Console, text: Text, indent: int = 0, style: str = "dim") -> None:
    """A dim paragraph wrapped between words (Chinese between characters, numbers whole),
    its lines after the first hanging under its text."""
    from policy_targets.report.layout import wrap

    width = max(20, out.width - indent - 2)
    for i, line in enumerate(wrap(text, width)):
        out.print(Text(" " * (indent + (2 if i else 0))) + line if i else Text(" " * indent) + line,
                  style=style, no_wrap=True, overflow="ignore", crop=False)


def print_title(out: Console, title: str) -> None:
    out.print(T(title), style="bold")
    out.print()


def legend_lines(statuses: list[PlanStatus], lang: str) -> list[str]:
    lines = [labels.w("legend", lang), labels.w("legend_baseline", lang)]
    if any(a.method == "eurostat" for ps in statuses for a in ps.assessments):
        lines.append(labels.w("legend_eurostat", lang))
    return lines


def summary_line(ps: PlanStatus, lang: str) -> Text:
    sep = labels.pick(lang, "\uff1b", "; ")
    counts = sorted(ps.summary.items(), key=lambda kv: -kv[1])
    if lang == "zh":
        line = f"{labels.header('summary', lang)}\uff1a" + "、".join(f"{labels.status_label(k, lang)} {v}" for k, v in counts)
    else:
        line = f"{labels.header('summary', lang)}: " + ", ".join(f"{labels.status_label(k, lang)}: {v}" for k, v in counts)
    score = ps.mean_score
    if score is not None:
        line += f"{sep}{labels.header('mean_score', lang)} {num(score)}"
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


def print_status(result: StatusResult, lang: str, out: Console) -> None:
    statuses = result.plans
    from policy_targets.report.i18n import warning_text

    # over many plans, those the filters emptied are one line at the end
    empty = [ps for ps in statuses if ps.hidden and not ps.assessments] if len(statuses) > 1 else []
    statuses = [ps for ps in statuses if ps not in empty]
    for i, ps in enumerate(statuses):
        if i:
            out.print()
        plan = ps.plan
        print_title(out, plan_title(labels.pick(lang, plan.title, plan.title_en), plan.start, plan.end))
        if ps.assessments:
            print_grid(status_columns(ps, lang, out.is_terminal), lang, out, blocks_below=72)
        else:
            out.print(Text(labels.w("no_match", lang)))
        print_note(out, summary_line(ps, lang), style="")
        for note in hidden_notes(ps, lang):
            out.print(Text(note), style="dim")
        for warning, ids in grouped_warnings(ps.assessments):
            print_note(out, T(f"! {', '.join(ids)}: {warning_text(warning, lang)}"), indent=2)
        if any(a.revised for a in ps.assessments):
            out.print(Text("  " + labels.w("revised", lang)), style="dim")
        if ps.series:
            out.print()
            print_series(ps, lang, out)
    if any(ps.assessments for ps in statuses):
        out.print()
        for line in legend_lines(statuses, lang):
            print_note(out, Text(line))
    if empty:
        print_note(out, T(labels.w("no_match_plans", lang, n=len(empty), plans=", ".join(ps.plan.id for ps in empty))))


def hidden_notes(ps: PlanStatus, lang: str) -> list[str]:
    """The line saying how many targets the filters left out (the summary counts them)."""
    if not ps.hidden:
        return []
    if ps.shown_statuses:
        return [labels.w("filtered", lang, n=len(ps.hidden), statuses=",".join(ps.shown_statuses))]
    return [labels.w("omitted", lang, n=len(ps.hidden))]


def print_series(ps: PlanStatus, lang: str, out: Console) -> None:
    """Figures of series with no target of their own, shown for context."""
    h = lambda k: labels.header(k, lang)  # noqa: E731
    out.print(Text(h("context")), style="bold")
    values, periods = [], []
    for s in ps.series:
        actual = s["actual"]
        values.append(T(with_unit(actual["value"], str(s["unit"])) + (" *" if actual["revised"] else "")))
        periods.append(T(actual["period"]))
    print_grid([Column(h("target"), [T(_name(s, lang)) for s in ps.series], name=True),
                Column(h("latest"), values, "right"), Column(h("period"), periods)], lang, out, 60)


def _row_needed(r: dict[str, Any], lang: str) -> str:
    """needed_text for a row of views.gap_rows."""
    per = labels.w("per_year", lang)
    if r["status"] in ("achieved", "missed", "no_data"):
        return "—"
    if r.get("kind") == "growth":
        return pct(r["required_growth"]) + per if r["required_growth"] is not None else "—"
    if r.get("kind") == "annual":
        if not r.get("remaining") or not r.get("date"):
            return "—"
        return labels.w("this_year", lang, value=num(r["remaining"]) + unit_suffix(r["unit"]), year=str(r["date"])[:4])
    rpy = r["required_per_year"]
    return "—" if rpy is None else num(rpy) + per


def print_gap(result: GapResult, lang: str, out: Console) -> None:
    rows, year = result.rows, result.year
    h = lambda k: labels.header(k, lang)  # noqa: E731
    shown = [r for r in rows if r["status"] != "no_data"]
    if shown:
        print_title(out, f"{h('gap')} {year}")

        def goal(r: dict[str, Any]) -> str:
            target = r["target_value"]
            g = f"{num(target[0])}–{num(target[1])}" if isinstance(target, list) else num(target)
            per = labels.w("per_year", lang)
            if r.get("kind") == "growth":
                return COMPARATOR_SIGN.get(r.get("comparator", ""), "") + f"{g}%{per}"
            unit = r["unit"] if r["unit"] in ("%", "") else GLUE + r["unit"]
            return COMPARATOR_SIGN.get(r.get("comparator", ""), "") + g + unit + (
                per if r.get("kind") == "annual" else "")

        def latest(r: dict[str, Any]) -> str:
            if r["actual"] is None:
                return "—"
            if r.get("kind") == "growth":
                avg = labels.w("avg", lang, value=num(r["actual"]) + "%")
                return avg if r.get("latest_rate") is None else f"{num(r['latest_rate'])}% ({r['period']})\n{avg}"
            return f"{num(r['actual'])} ({r['period']})"

        # the plan column says whose target a row is: the last to go when rows of several plans
        one_plan = len({r["plan"] for r in shown}) == 1
        cols = [Column(h("plan"), [T(r["plan"]) for r in shown], drop=6 if one_plan else 1),
                Column(h("target"), [T(_name(r, lang)) for r in shown], name=True),
                Column(h("goal"), [T(goal(r)) for r in shown], "right"),
                Column(h("latest"), [T(latest(r)) for r in shown], "right"),
                Column(h("path"), [Text(num(r["expected"])) for r in shown], "right", drop=4),
                Column(h("gap"), [Text(num(r["gap"])) for r in shown], "right"),
                Column(h("gap_pct"), [Text(pct(r["gap_pct"])) for r in shown], "right", drop=5),
                Column(h("status"), [Text(labels.status_label(r["status"], lang),
                                          style=labels.STATUS_STYLE.get(r["status"], "")) for r in shown]),
                Column(h("needed"), [T(_row_needed(r, lang)) for r in shown], "right", drop=2)]
        print_grid(cols, lang, out, blocks_below=72)
    missing: dict[str, int] = {}
    for r in rows:
        if r["status"] == "no_data":
            missing[r["plan"]] = missing.get(r["plan"], 0) + 1
    for plan_id, n in missing.items():
        out.print(T("  " + labels.w("no_figure_in", lang, plan=plan_id, n=n, year=year)), style="dim")
    if shown:
        print_note(out, Text(labels.w("legend", lang)))


def _path_value(t: dict[str, Any], value: float | None) -> str:
    if value is None:
        return "—"
    if t["kind"] == "growth":  # an index from the baseline: shown as the growth so far
        return f"+{(value - 1) * 100:.1f}%" if value >= 1 else f"{(value - 1) * 100:.1f}%"
    return num(value)


def print_show(result: ShowResult, lang: str, out: Console) -> None:
    """Each plan's targets with their baseline, goal, pace and the path year by year (the
    value the path asks for at the end of each year; for growth, the growth since the baseline)."""
    views = result.plans
    h = lambda k: labels.header(k, lang)  # noqa: E731
    per = labels.w("per_year", lang)
    for i, view in enumerate(views):
        plan = view["plan"]
        if i:
            out.print()
        print_title(out, plan_title(labels.pick(lang, plan["title"], plan["title_en"]), plan["start"], plan["end"]))
        targets = view["targets"]
        years = sorted({p["year"] for t in targets for p in t["path"] if p["year"] >= plan["start"]})
        goals, bases, paces = [], [], []
        for t in targets:
            goal = t["target"]
            g = (f"{num(goal[0])}–{num(goal[1])}" if isinstance(goal, list) else num(goal))
            g += f"%{per}" if t["kind"] == "growth" else (f"{per}" if t["kind"] == "annual" else "")
            if t["kind"] != "growth" and t["unit"]:
                g = g.replace(per, "") + ("" if t["unit"] == "%" else GLUE) + t["unit"] + (per if t["kind"] == "annual" else "")
            sign = COMPARATOR_SIGN.get(t["comparator"], t["comparator"])
            goals.append(sign + g + " " + labels.w("by_year", lang, year=t["deadline"][:4]))
            b = t["baseline"]
            if b["value"] is None or t["kind"] in ("annual",):
                bases.append("—")
            else:
                year = f"{b['year']}年" if lang == "zh" else str(b["year"])
                src = ", " + labels.w("from_figures", lang) if b["from"] == "actuals" else ""
                bases.append(f"({year})" if t["kind"] == "growth" else f"{num(b['value'])} ({year}{src})")
            pace_text = "—"
            if t["required_per_year_from_baseline"] is not None and t["kind"] != "growth":
                pace_text = num(t["required_per_year_from_baseline"]) + per
                if t["required_growth_from_baseline"] is not None and t["kind"] == "level":
                    pace_text += f" ({pct(t['required_growth_from_baseline'])})"
            elif t["required_growth_from_baseline"] is not None:
                pace_text = pct(t["required_growth_from_baseline"]) + per
            paces.append(pace_text)
        cols = [Column(h("target"), [T(_name(t, lang)) for t in targets], name=True),
                Column(h("kind"), [T(labels.kind_label(t["kind"], lang)) for t in targets], drop=90),
                Column(h("baseline"), [T(x) for x in bases], "right", drop=70),
                Column(h("goal"), [T(x) for x in goals], "right"),
                Column(h("pace"), [T(x) for x in paces], "right", drop=80)]
        for y in years:
            cells = []
            for t in targets:
                values = {p["year"]: p["value"] for p in t["path"]}
                cells.append(Text(_path_value(t, values.get(y)) if y in values else ""))
            cols.append(Column(str(y), cells, "right", drop=1 + (y - years[0])))
        print_grid(cols, lang, out, blocks_below=90)
    if views:
        out.print()
        print_note(out, Text(labels.w("legend_show", lang)))


def print_list(result: PlanList, lang: str, out: Console) -> None:
    rows = result.rows
    h = lambda k: labels.header(k, lang)  # noqa: E731
    cols = [Column(h("plan"), [T(r["id"]) for r in rows]),
            Column(h("city"), [T(labels.pick(lang, r["city_zh"], r["city"])) for r in rows], drop=2),
            Column(h("title"), [T(labels.pick(lang, r["title"], r["title_en"])) for r in rows], name=True),
            Column(h("years"), [T(f"{r['start']}–{r['end']}") for r in rows]),
            Column(h("targets"), [Text(str(r["targets"])) for r in rows], "right"),
            Column(h("figures"), [Text(str(r["figures"])) for r in rows], "right", drop=1)]
    print_grid(cols, lang, out)


def print_pace(result: PaceResult, lang: str, out: Console) -> None:
    view = result.view
    h = lambda k: labels.header(k, lang)  # noqa: E731
    rows = view["path"]
    if "change" in view:  # a cumulative change: the index, the change so far, the yearly rate
        print_grid([Column(h("year"), [Text(str(r["year"])) for r in rows]),
                    Column(labels.pick(lang, "指数(基期=100)", "Index (base = 100)"),
                           [Text(num(r["value"])) for r in rows], "right"),
                    Column(labels.pick(lang, "累计变化", "Change so far"),
                           [Text(signed_pct(r["cumulative_change"])) for r in rows], "right")], lang, out)
        out.print(Text(f"{h('needed')}: {signed_pct(view['required_rate'])}{labels.w('per_year', lang)}"))
        return
    print_grid([Column(h("year"), [Text(str(r["year"])) for r in rows]),
                Column(h("value"), [Text(num(r["value"])) for r in rows], "right"),
                Column(h("change"), [Text(num(r["change"])) for r in rows], "right")], lang, out)
    out.print(Text(f"{h('needed')}: {num(view['required_per_year'])}{labels.w('per_year', lang)}"
                   + (f" ({pct(view['required_growth'])})" if view["required_growth"] is not None else "")))


__all__ = ["console", "print_status", "print_gap", "print_show", "print_list", "print_pace",
           "with_unit"]


# ---------------------------------------------------------------- compare and summary

def print_compare(result: CompareResult, lang: str, out: Any) -> None:
    view, statuses = result.view, result.statuses
    h = lambda k: labels.header(k, lang)  # noqa: E731
    ind = view["indicator"]
    name = labels.pick(lang, ind["name"], ind["name_en"])
    print_title(out, f"{name} ({ind['code']}, {ind['unit'] or '—'})")
    by_key = {(ps.plan.id, a.target.id): a for ps in statuses for a in ps.assessments}
    found = [by_key[(r["plan"], r["target"])] for r in view["targets"]]
    if found:
        cols = [Column(h("plan"), [T(a.plan) for a in found]),
                Column(h("target"), [T(_name(a.target, lang)) for a in found], name=True),
                Column(h("kind"), [T(labels.kind_label(a.target.kind, lang)) for a in found], drop=3),
                Column(h("goal"), [T(goal_cell(a.target, a.deadline, lang)) for a in found], "right"),
                Column(h("latest"), [Text(latest_text(a, lang)) for a in found], "right"),
                Column(h("status"), [Text(labels.status_label(a.status, lang),
                                          style=labels.STATUS_STYLE.get(a.status, "")) for a in found]),
                Column(h("needed"), [T(needed_text(a, lang)) for a in found], "right", drop=2)]
        print_grid(cols, lang, out, blocks_below=72)
    else:
        out.print(Text(labels.w("compare_none", lang)))
    if view["plans_without"]:
        out.print(T(labels.w("not_in", lang, plans=", ".join(view["plans_without"]))), style="dim")


def print_summary(result: SummaryResult, lang: str, out: Any) -> None:
    rows = result.rows
    from policy_targets.core.assess import STATUSES

    h = lambda k: labels.header(k, lang)  # noqa: E731
    present = [s for s in STATUSES if any(r["summary"].get(s) for r in rows)]
    cols = [Column(h("plan"), [T(r["id"]) for r in rows]),
            Column(h("city"), [T(labels.pick(lang, r["city_zh"], r["city"])) for r in rows], drop=1),
            Column(h("years"), [T(f"{r['start']}–{r['end']}") for r in rows], drop=2),
            Column(h("targets"), [Text(str(r["targets"])) for r in rows], "right")]
    for s in present:
        cols.append(Column(labels.status_label(s, lang),
                           [Text(str(r["summary"][s]) if r["summary"].get(s) else "·") for r in rows], "right"))
    cols.append(Column(h("mean_score"), [Text(num(r["mean_score"])) for r in rows], "right"))
    print_grid(cols, lang, out, blocks_below=60)


# ---------------------------------------------------------------- extract

EXTRACT_HEADERS = {
    "en": ("id", "name", "kind", "value", "unit", "cmp", "deadline", "conf", "quote"),
    "zh": ("标识", "名称", "类型", "数值", "单位", "比较", "期限", "置信度", "原文"),
}


def print_extract(draft: Any, file: Any, output: Any, text_file: str | None, con: Console,
                  lang: str | None = None) -> None:
    """The draft of `extract`: what was read, then one row per candidate target (in
    $PTARGET_LANG unless `lang` is given)."""
    from policy_targets.core.extract.draft import target_dicts

    if lang is None:
        lang = labels.default_lang()
    rows = target_dicts(draft)
    period = draft.period
    con.print(Text(clean(f"{file}: {draft.title or labels.pick(lang, '(无标题)', '(no title)')}")))
    if lang == "zh":
        how = {"title": "标题", "text": "正文", "deadlines": "各项期限", "work report": "工作报告年份",
               "none": ""}.get(period.how, period.how)
        when = (f"期间 {period.start or '?'}-{period.end or '?'}(依据:{how})" if how
                else "未找到年份")
        con.print(Text(f"{'工作报告' if draft.work_report else '规划'},{when};候选指标 {len(rows)} 项"))
    else:
        when = (f"period {period.start or '?'}-{period.end or '?'} (from the {period.how})"
                if period.how != "none" else "no year found")
        con.print(Text(f"{'work report' if draft.work_report else 'plan'}, {when}; "
                       f"{len(rows)} candidate target(s)"))
    heads = EXTRACT_HEADERS[labels.pick(lang, "zh", "en")]
    values = []
    for r in rows:
        value = r["value"]
        values.append(value if not isinstance(value, list) else f"{value[0]}–{value[1]}")
    kinds = [labels.kind_label(str(r["kind"]), lang) for r in rows]
    cells = [[r["id"] for r in rows], [r["name"] for r in rows], kinds, values, [r["unit"] for r in rows],
             [r["comparator"] for r in rows], [r["deadline"] for r in rows],
             [f"{r['confidence']:.2f}" for r in rows], [r["quote"] for r in rows]]
    justify = ["left", "left", "left", "right", "left", "left", "left", "right", "left"]
    drops = [0, 0, 3, 0, 0, 2, 1, 4, 5]
    cols = [Column(hd, [T(str(x)) for x in col], how, name=(i in (1, 8)), drop=d)
            for i, (hd, col, how, d) in enumerate(zip(heads, cells, justify, drops))]
    print_grid(cols, lang, con, blocks_below=72)
    if output is not None:
        con.print(Text(clean(f"已写入 {output} 和 {text_file};请填写每个 TODO,然后运行 `ptarget check {output}`"
                             if lang == "zh" else
                             f"wrote {output} and {text_file}; fill every TODO, then run `ptarget check {output}`")))
