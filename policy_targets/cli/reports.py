"""Commands for reports people look at: chart, report, export, compare, summary.

Each one loads the data, assesses with views.assess_plan (the same call as `status`) and
hands the result to a reporter; files are written with atomic.write_atomic only.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from policy_targets.cli.common import (UsageError, as_of_date, as_of_option, command, console, data_options,
                                       emit_json, fail_on_errors, filter_options, json_option, lang_option,
                                       load, method_option, one_plan, plans_named, shown, today, write_file)


def _assess(ds: Any, plans: list[Any], when: date | None, method: str) -> list[Any]:
    from policy_targets.core.views import assess_plan

    now = today()  # $PTARGET_TODAY, as status uses it
    from policy_targets.report.progress import steps

    return [assess_plan(p, ds.index, as_of=when, method=method, today=now) for p in steps(plans, "assessing")]


def _named_or_all(ds: Any, plan: tuple[str, ...]) -> list[Any]:
    """The plans named, or every plan when none is (as `gap`)."""
    return plans_named(ds, list(plan)) if plan else list(ds.plans.values())


# ---------------------------------------------------------------- chart

@command("chart")
@click.argument("plan")
@click.argument("target")
@click.option("--svg", "svg_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the chart as a standalone SVG file instead of drawing it.")
@as_of_option
@method_option
@data_options
@json_option
@lang_option
def chart(plan: str, target: str, svg_file: str | None, as_of: str | None, method: str,
          data_dir: str | None, actuals: tuple[str, ...], as_json: bool, lang: str) -> None:
    """The required path of TARGET, its figures, the projection and the deadline, drawn."""
    from policy_targets.core.names import did_you_mean
    from policy_targets.report.chart import build_chart
    from policy_targets.report.safe import clean

    when = as_of_date(as_of)
    ds = load(data_dir, actuals, [plan])
    fail_on_errors(ds.findings)
    p = one_plan(ds, plan)
    t = p.target(target)
    if t is None:
        ids = [x.id for x in p.targets]
        from policy_targets.report.labels import w

        hint = w("no_series_chart", lang) if p.series_by_id(target) else ""
        raise UsageError(clean(w("unknown_target", lang, target=target, plan=p.id) + did_you_mean(target, ids) + hint))
    from policy_targets.core.assess import assess

    reference = ds.index.of(p.id, t.reference) if t.reference else None
    a = assess(p, t, ds.index.of(p.id, t.id), as_of=when, method=method, today=today(), reference=reference)
    view = build_chart(p, t, ds.index.of(p.id, t.id), a, reference=reference, as_of=when, method=method)
    if svg_file:
        from policy_targets.report.svg import render_svg

        piped = write_file(svg_file, render_svg(view, lang).encode("utf-8"), ds)
        if as_json:
            emit_json(view.as_dict())
        else:
            from policy_targets.report.labels import w

            click.echo(w("wrote", lang, file=svg_file), err=piped)
        return
    if as_json:
        emit_json(view.as_dict())
        return
    from policy_targets.report.chart import print_chart

    print_chart(view, lang, console())


# ---------------------------------------------------------------- report

@command("report")
@click.argument("plan", nargs=-1)
@click.option("--html", "html_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write one self-contained HTML page.")
@click.option("--docx", "docx_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write an editable Word document (summary and tables) for a written review.")
@as_of_option
@method_option
@filter_options
@data_options
@lang_option
def report(plan: tuple[str, ...], html_file: str | None, docx_file: str | None, as_of: str | None,
           method: str, only_with_data: bool, statuses: tuple[str, ...], data_dir: str | None,
           actuals: tuple[str, ...], lang: str) -> None:
    """A report of each PLAN (default: all plans): a summary first, then the status table, a
    chart per target with figures and one list of those without, as --html and/or --docx."""
    from policy_targets.report.labels import w

    if not html_file and not docx_file:
        raise UsageError(w("need_output", lang))
    from policy_targets.report.progress import working

    when = as_of_date(as_of)
    with working("loading the data"):
        ds = load(data_dir, actuals, list(plan) or None)
    fail_on_errors(ds.findings)
    statuses = shown(_assess(ds, _named_or_all(ds, plan), when, method), only_with_data, statuses)
    n = sum(len(ps.assessments) for ps in statuses)
    if html_file:
        from policy_targets.report.chart import plan_charts
        from policy_targets.report.html import PlanReport, render_html
        from policy_targets.report.progress import steps

        reports = [PlanReport(ps, plan_charts(ds.index, ps, as_of=when, method=method),
                              {a.target.id: [f for f in ds.index.of(ps.plan.id, a.target.id)
                                             if when is None or f.date <= when] for a in ps.assessments})
                   for ps in steps(statuses, "drawing the charts")]
        page = render_html(reports, lang, generated=today(), as_of=when)
        piped = write_file(html_file, page.encode("utf-8"), ds)
        click.echo(w("wrote_plans", lang, file=html_file, plans=len(statuses), targets=n), err=piped)
    if docx_file:
        from policy_targets.report.docx import render_docx

        piped = write_file(docx_file, render_docx(statuses, lang, generated=today(), as_of=when, index=ds.index,
                                                  method=method), ds)
        click.echo(w("wrote_plans", lang, file=docx_file, plans=len(statuses), targets=n), err=piped)


# ---------------------------------------------------------------- export

@command("export")
@click.argument("plan", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(("csv", "xlsx")), required=True,
              help="csv (UTF-8 with BOM, for Excel) or xlsx.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), metavar="FILE", required=True,
              help="The file to write.")
@as_of_option
@method_option
@filter_options
@data_options
@lang_option
def export(plan: tuple[str, ...], fmt: str, output: str, as_of: str | None, method: str,
           only_with_data: bool, statuses: tuple[str, ...], data_dir: str | None, actuals: tuple[str, ...],
           lang: str) -> None:
    """The assessment of each PLAN (default: all plans) as a spreadsheet: one row per target,
    every figure of the JSON (headers in Chinese with --lang zh)."""
    from policy_targets.report.export import rows, to_csv, to_xlsx

    from policy_targets.report.progress import working

    when = as_of_date(as_of)
    with working("loading the data"):
        ds = load(data_dir, actuals, list(plan) or None)
    fail_on_errors(ds.findings)
    statuses = shown(_assess(ds, _named_or_all(ds, plan), when, method), only_with_data, statuses)
    table = rows(statuses, lang)
    if fmt == "xlsx":
        try:
            import openpyxl  # noqa: F401
        except ImportError:
            raise click.ClickException("--format xlsx needs openpyxl: pip install openpyxl") from None
    piped = write_file(output, to_xlsx(table, lang) if fmt == "xlsx" else to_csv(table), ds)
    from policy_targets.report.labels import w

    click.echo(w("wrote_rows", lang, file=output, rows=len(table)), err=piped)


# ---------------------------------------------------------------- compare and summary

@command("compare")
@click.argument("indicator")
@as_of_option
@method_option
@data_options
@json_option
@lang_option
def compare(indicator: str, as_of: str | None, method: str, data_dir: str | None,
            actuals: tuple[str, ...], as_json: bool, lang: str) -> None:
    """One canonical indicator (indicators.toml) across plans: target, latest figure, status, pace."""
    from policy_targets.core.compare import CompareResult, compare_view, unknown_indicator

    when = as_of_date(as_of)
    ds = load(data_dir, actuals, indicators=True)
    fail_on_errors(ds.findings)
    if indicator not in ds.indicators:
        from policy_targets.report.safe import clean

        raise UsageError(clean(unknown_indicator(indicator, ds.indicators)))
    statuses = _assess(ds, list(ds.plans.values()), when, method)
    result = CompareResult(compare_view(indicator, ds.indicators[indicator], statuses), statuses)
    if as_json:
        emit_json(result.as_dict())
        return
    from policy_targets.report.table import print_compare

    print_compare(result, lang, console())


@command("summary")
@as_of_option
@method_option
@data_options
@json_option
@lang_option
def summary(as_of: str | None, method: str, data_dir: str | None, actuals: tuple[str, ...],
            as_json: bool, lang: str) -> None:
    """Every plan in one table: targets, counts by status, mean score."""
    from policy_targets.core.compare import SummaryResult, summary_rows
    from policy_targets.core.views import figure_counts

    when = as_of_date(as_of)
    ds = load(data_dir, actuals)
    fail_on_errors(ds.findings)
    statuses = _assess(ds, list(ds.plans.values()), when, method)
    result = SummaryResult(summary_rows(statuses, figure_counts(ds.figures, when)))
    if as_json:
        emit_json(result.as_dict())
        return
    from policy_targets.report.table import print_summary

    print_summary(result, lang, console())
