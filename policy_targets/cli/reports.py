"""Commands for reports people look at: chart, report, export, compare, summary.

Each one loads the data, assesses with views.assess_plan (the same call as `status`) and
hands the result to a reporter; files are written with atomic.write_atomic only.
Registered on the `cli` group by importing this module (see the bottom of cli.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from policy_targets.cli import UsageError, _as_of, _common, _console, _emit_json, _fail_on_errors, _load, _plans, _today, cli

_METHOD = click.Choice(("pace", "eurostat"))


def _assess(ds: Any, plans: list[Any], when: date | None, method: str) -> list[Any]:
    from policy_targets.core.views import assess_plan

    today = _today()  # $PTARGET_TODAY, as status uses it
    return [assess_plan(ds, p, as_of=when, method=method, today=today) for p in plans]


def _write(path: str, data: bytes, ds: Any = None) -> bool:
    """Write through guard.write_output (True: to stdout); a failure is one line and exit 1."""
    from policy_targets.files.guard import OutputRefused, write_output

    try:
        return write_output(path, data, ds.inputs if ds is not None else None)
    except OutputRefused as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"cannot write {path}: {exc.strerror or exc}") from None


def _one_plan(ds: Any, name: str) -> Any:
    plans = _plans(ds, [name])
    if len(plans) != 1:
        raise UsageError(f"{name!r} names {len(plans)} plans ({', '.join(p.id for p in plans)}): "
                         "give one plan id")
    return plans[0]


# ---------------------------------------------------------------- chart

@cli.command()
@click.argument("plan")
@click.argument("target")
@click.option("--svg", "svg_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the chart as a standalone SVG file instead of drawing it.")
@click.option("--as-of", "as_of", metavar="DATE", help="Ignore figures dated after DATE.")
@click.option("--method", type=_METHOD, default="pace", show_default=True)
@_common()
def chart(plan: str, target: str, svg_file: str | None, as_of: str | None, method: str,
          data_dir: str | None, actuals: tuple[str, ...], as_json: bool, lang: str, debug: bool) -> None:
    """The required path of TARGET, its figures, the projection and the deadline, drawn."""
    from policy_targets.files.plan import did_you_mean
    from policy_targets.report.chart import build_chart
    from policy_targets.report.safe import clean

    when = _as_of(as_of)
    ds = _load(data_dir, actuals, [plan])
    _fail_on_errors(ds.findings)
    p = _one_plan(ds, plan)
    t = p.target(target)
    if t is None:
        ids = [x.id for x in p.targets]
        hint = " (a series has no target to chart)" if p.series_by_id(target) else ""
        raise UsageError(clean(f"unknown target {target!r} in plan {p.id}{did_you_mean(target, ids)}{hint}"))
    [ps] = _assess(ds, [p], when, method)
    a = next(x for x in ps.assessments if x.target.id == t.id)
    reference = ds.figures_of(p.id, t.reference) if t.reference else None
    view = build_chart(p, t, ds.figures_of(p.id, t.id), a, reference=reference, as_of=when, method=method)
    if svg_file:
        from policy_targets.report.svg import render_svg

        piped = _write(svg_file, render_svg(view, lang).encode("utf-8"), ds)
        if as_json:
            _emit_json(view.as_dict())
        else:
            click.echo(f"wrote {svg_file}", err=piped)
        return
    if as_json:
        _emit_json(view.as_dict())
        return
    from policy_targets.report.chart import print_chart

    print_chart(view, lang, _console())


# ---------------------------------------------------------------- report

@cli.command()
@click.argument("plan", nargs=-1, required=True)
@click.option("--html", "html_file", type=click.Path(dir_okay=False), metavar="FILE", required=True,
              help="The HTML file to write.")
@click.option("--as-of", "as_of", metavar="DATE", help="Ignore figures dated after DATE.")
@click.option("--method", type=_METHOD, default="pace", show_default=True)
@_common(json_option=False)
def report(plan: tuple[str, ...], html_file: str, as_of: str | None, method: str, data_dir: str | None,
           actuals: tuple[str, ...], lang: str, debug: bool) -> None:
    """One self-contained HTML page: summary, status table and a chart per target of each PLAN."""
    from policy_targets.report.chart import plan_charts
    from policy_targets.report.html import PlanReport, render_html

    when = _as_of(as_of)
    ds = _load(data_dir, actuals, list(plan))
    _fail_on_errors(ds.findings)
    statuses = _assess(ds, _plans(ds, list(plan)), when, method)
    reports = [PlanReport(ps, plan_charts(ds, ps, as_of=when, method=method),
                          {a.target.id: [f for f in ds.figures_of(ps.plan.id, a.target.id)
                                         if when is None or f.date <= when] for a in ps.assessments})
               for ps in statuses]
    page = render_html(reports, lang, generated=_today(), as_of=when)
    piped = _write(html_file, page.encode("utf-8"), ds)
    n = sum(len(ps.assessments) for ps in statuses)
    click.echo(f"wrote {html_file}: {len(statuses)} plan(s), {n} target(s)", err=piped)


# ---------------------------------------------------------------- export

@cli.command()
@click.argument("plan", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(("csv", "xlsx")), required=True,
              help="csv (UTF-8 with BOM, for Excel) or xlsx.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), metavar="FILE", required=True,
              help="The file to write.")
@click.option("--as-of", "as_of", metavar="DATE", help="Ignore figures dated after DATE.")
@click.option("--method", type=_METHOD, default="pace", show_default=True)
@_common(json_option=False)
def export(plan: tuple[str, ...], fmt: str, output: str, as_of: str | None, method: str,
           data_dir: str | None, actuals: tuple[str, ...], lang: str, debug: bool) -> None:
    """The assessment of each PLAN as a spreadsheet: one row per target, every figure of the JSON."""
    from policy_targets.report.export import FORMATS, rows

    when = _as_of(as_of)
    ds = _load(data_dir, actuals, list(plan))
    _fail_on_errors(ds.findings)
    statuses = _assess(ds, _plans(ds, list(plan)), when, method)
    table = rows(statuses, lang)
    if fmt == "xlsx":
        try:
            import openpyxl  # noqa: F401
        except ImportError:
            raise click.ClickException("--format xlsx needs openpyxl: pip install openpyxl") from None
    piped = _write(output, FORMATS[fmt](table), ds)
    click.echo(f"wrote {output}: {len(table)} row(s)", err=piped)


# ---------------------------------------------------------------- compare and summary

@cli.command()
@click.argument("indicator")
@click.option("--as-of", "as_of", metavar="DATE", help="Ignore figures dated after DATE.")
@click.option("--method", type=_METHOD, default="pace", show_default=True)
@_common()
def compare(indicator: str, as_of: str | None, method: str, data_dir: str | None,
            actuals: tuple[str, ...], as_json: bool, lang: str, debug: bool) -> None:
    """One canonical indicator (indicators.toml) across plans: target, latest figure, status, pace."""
    from policy_targets.core.compare import compare_view, unknown_indicator

    when = _as_of(as_of)
    ds = _load(data_dir, actuals, indicators=True)
    _fail_on_errors(ds.findings)
    if indicator not in ds.indicators:
        raise UsageError(unknown_indicator(indicator, ds.indicators))
    statuses = _assess(ds, list(ds.plans.values()), when, method)
    view = compare_view(indicator, ds.indicators[indicator], statuses)
    if as_json:
        _emit_json(view)
        return
    _print_compare(view, statuses, lang, _console())


@cli.command()
@click.option("--as-of", "as_of", metavar="DATE", help="Ignore figures dated after DATE.")
@click.option("--method", type=_METHOD, default="pace", show_default=True)
@_common()
def summary(as_of: str | None, method: str, data_dir: str | None, actuals: tuple[str, ...],
            as_json: bool, lang: str, debug: bool) -> None:
    """Every plan in one table: targets, counts by status, mean score."""
    from policy_targets.core.compare import summary_rows

    when = _as_of(as_of)
    ds = _load(data_dir, actuals)
    _fail_on_errors(ds.findings)
    statuses = _assess(ds, list(ds.plans.values()), when, method)
    figures: dict[str, int] = {}
    for f in ds.figures:
        if when is None or f.date <= when:
            figures[f.plan] = figures.get(f.plan, 0) + 1
    view = summary_rows(statuses, figures)
    if as_json:
        _emit_json(view)
        return
    _print_summary(view, lang, _console())


# ---------------------------------------------------------------- their tables

def _print_compare(view: dict[str, Any], statuses: list[Any], lang: str, out: Any) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from policy_targets.report import labels
    from policy_targets.report.chart import goal_text, needed_text
    from policy_targets.report.fmt import num
    from policy_targets.report.table import T

    h = lambda k: labels.header(k, lang)  # noqa: E731
    ind = view["indicator"]
    name = ind["name"] if lang == "zh" else (ind["name_en"] or ind["name"])
    table = Table(title=T(f"{name} ({ind['code']}, {ind['unit'] or '—'})"), box=box.SIMPLE_HEAD,
                  title_justify="left", pad_edge=False)
    for key, justify in (("plan", "left"), ("target", "left"), ("kind", "left"), ("goal", "right"),
                         ("latest", "right"), ("period", "left"), ("status", "left"), ("needed", "right")):
        table.add_column(h(key), justify=justify, overflow="fold")  # type: ignore[arg-type]
    by_key = {(ps.plan.id, a.target.id): a for ps in statuses for a in ps.assessments}
    for r in view["targets"]:
        a = by_key[(r["plan"], r["target"])]
        actual = r["actual"]
        latest = "—" if actual["value"] is None else num(actual["value"]) + (
            "%" if r["kind"] == "growth" else (" " + r["unit"] if r["unit"] != "%" else "%"))
        status = Text(labels.status_label(r["status"], lang, a.before_deadline),
                      style=labels.STATUS_STYLE.get(r["status"], ""))
        table.add_row(T(r["plan"]), T(r["name"] if lang == "zh" else r["name_en"]), T(r["kind"]),
                      T(goal_text(a.target, a.deadline)), T(latest), T(actual["period"] or "—"), status,
                      T(needed_text(a, lang)))
    out.print(table)
    if not view["targets"]:
        out.print(Text("no plan has a target with this indicator"))
    if view["plans_without"]:
        out.print(T("not in: " + ", ".join(view["plans_without"])), style="dim")


def _print_summary(rows: list[dict[str, Any]], lang: str, out: Any) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from policy_targets.report import labels
    from policy_targets.core.assess import STATUSES
    from policy_targets.report.fmt import num
    from policy_targets.report.table import T

    h = lambda k: labels.header(k, lang)  # noqa: E731
    present = [s for s in STATUSES if any(r["summary"].get(s) for r in rows)]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(h("plan"), no_wrap=True)
    table.add_column(h("city"), no_wrap=True)
    table.add_column(h("years"), no_wrap=True)
    table.add_column(h("targets"), justify="right")
    for s in present:
        table.add_column(Text(labels.status_label(s, lang), style=labels.STATUS_STYLE.get(s, "")),
                         justify="right")
    table.add_column(h("mean_score"), justify="right")
    for r in rows:
        table.add_row(T(r["id"]), T(r["city_zh"] if lang == "zh" else r["city"]),
                      T(f"{r['start']}–{r['end']}"), Text(str(r["targets"])),
                      *[Text(str(r["summary"].get(s, 0)) if r["summary"].get(s) else "·") for s in present],
                      Text(num(r["mean_score"])))
    out.print(table)
