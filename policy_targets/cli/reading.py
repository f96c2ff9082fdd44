"""The reading commands: list, show, status, gap and the pace calculator.

Each parses its options, loads the data, calls a view of the core and picks a reporter:
`--json` prints the view's own dict, otherwise a table (report.table).
"""

from __future__ import annotations

from typing import Any

import click

from policy_targets.cli.common import (UsageError, as_of_date, as_of_option, command, console, data_directory,
                                       data_options, emit_json, emit_json_list, fail_on_errors, filter_options,
                                       json_option, lang_option, load, method_option, only_actuals_given,
                                       plans_named, shown, today)

def _load(data_dir: str | None, actuals: tuple[str, ...], names: list[str] | None, quiet: bool) -> Any:
    """`load`, with a spinner on a terminal's standard error unless printing JSON (which must
    not pay for importing rich)."""
    if quiet:
        return load(data_dir, actuals, names)
    from policy_targets.report.progress import working

    with working("loading the data"):
        return load(data_dir, actuals, names)


@command("list")
@data_options
@json_option
@lang_option
def list_cmd(data_dir: str | None, actuals: tuple[str, ...], as_json: bool, lang: str) -> None:
    """Plans: id, city, title, period, number of targets and figures."""
    from policy_targets.core.views import PlanList, list_rows

    ds = load(data_dir, actuals)
    fail_on_errors(ds.findings)
    result = PlanList(list_rows(ds.plans.values(), ds.figures))
    if as_json:
        emit_json(result.as_dict())
        return
    from policy_targets.report.table import print_list

    print_list(result, lang, console())


@command("show")
@click.argument("plan", nargs=-1, required=True)
@data_options
@json_option
@lang_option
def show(plan: tuple[str, ...], data_dir: str | None, actuals: tuple[str, ...], as_json: bool,
         lang: str) -> None:
    """Every target of PLAN with its required path and pace from the baseline."""
    from policy_targets.core.views import ShowResult, show_plan

    ds = load(data_dir, actuals, list(plan))
    fail_on_errors(ds.findings)
    result = ShowResult([show_plan(p, ds.index) for p in plans_named(ds, list(plan))])
    if as_json:
        emit_json(result.as_dict())
        return
    from policy_targets.report.table import print_show

    print_show(result, lang, console())


@command("status")
@click.argument("plan", nargs=-1)
@as_of_option
@method_option
@filter_options
@data_options
@json_option
@lang_option
def status(plan: tuple[str, ...], as_of: str | None, method: str, only_with_data: bool,
           statuses: tuple[str, ...], data_dir: str | None, actuals: tuple[str, ...], as_json: bool,
           lang: str) -> None:
    """Every target of PLAN assessed at its latest figure (default: all plans)."""
    from policy_targets.core.views import StatusResult, assess_plan

    when = as_of_date(as_of)
    ds = _load(data_dir, actuals, list(plan) or None, as_json)
    fail_on_errors(ds.findings)
    now = today()
    plans = plans_named(ds, list(plan)) if plan else list(ds.plans.values())
    from policy_targets.report.progress import steps

    result = StatusResult(shown([assess_plan(p, ds.index, as_of=when, method=method, today=now)
                                 for p in steps(plans, "assessing")], only_with_data, statuses))
    if as_json:
        emit_json(result.as_dict())
        return
    from policy_targets.report.table import print_status

    print_status(result, lang, console())


@command("gap")
@click.argument("plan", nargs=-1)
@click.option("--year", type=click.IntRange(1900, 2200), required=True, help="Assess on the figures of this year.")
@method_option
@data_options
@json_option
@lang_option
def gap(plan: tuple[str, ...], year: int, method: str, data_dir: str | None, actuals: tuple[str, ...],
        as_json: bool, lang: str) -> None:
    """Every target's shortfall against its path, on the figures of YEAR (default: all plans)."""
    from policy_targets.core.views import GapResult, assess_plan, gap_rows

    from policy_targets.report.progress import steps

    now = today()
    if plan or actuals or only_actuals_given():
        ds = _load(data_dir, actuals, list(plan) or None, as_json)
        fail_on_errors(ds.findings)
        plans = plans_named(ds, list(plan)) if plan else list(ds.plans.values())
        statuses = [assess_plan(p, ds.index, year=year, method=method, today=now)
                    for p in (plans if as_json else steps(plans, "assessing"))]
        per_plan = iter([gap_rows(statuses, year)])
        findings = lambda: ds.findings  # noqa: E731
    else:  # every plan of the data directory: one at a time, each let go once its rows are out
        from policy_targets.files.stream import Stream

        stream = Stream(data_directory(data_dir))
        per_plan = (gap_rows([assess_plan(pf.plan, pf.index, year=year, method=method, today=now)], year)
                    for pf in (stream if as_json else steps(stream, "assessing")))
        findings = lambda: stream.findings  # noqa: E731
    if as_json:
        emit_json_list(per_plan, findings)
        return
    result = GapResult(year, [row for rows in per_plan for row in rows])
    fail_on_errors(findings())
    from policy_targets.report.table import print_gap

    print_gap(result, lang, console())


@command("pace")
@click.option("--baseline", "baseline", type=float, help="The value at the end of the start year.")
@click.option("--from", "start", type=click.IntRange(1900, 2200), required=True, help="The baseline year.")
@click.option("--target", "target", type=float, help="The value to reach.")
@click.option("--change", "change", type=float, metavar="PERCENT",
              help="Instead of --baseline and --target: a cumulative change to reach, in % "
                   "(-13.5 for 累计降低13.5%).")
@click.option("--by", "by", type=click.IntRange(1900, 2200), required=True,
              help="The year (its last day) to reach it by.")
@click.option("--geometric", is_flag=True, help="Grow by a constant rate instead of a constant amount.")
@json_option
@lang_option
def pace_cmd(baseline: float | None, start: int, target: float | None, change: float | None, by: int,
             geometric: bool, as_json: bool, lang: str) -> None:
    """The calculator: the path from a baseline to a target, year by year."""
    from policy_targets.core.limits import RANGE, too_large
    from policy_targets.core.views import PaceResult, change_table, pace_table
    from policy_targets.report.labels import w

    if by <= start:
        raise UsageError(w("by_after_from", lang, by=by, start=start))
    if change is not None:
        if baseline is not None or target is not None:
            raise UsageError("--change replaces --baseline and --target: give one or the other")
        if too_large(change) or change <= -100:
            raise UsageError("--change must be a finite percentage above -100 (-13.5 is down 13.5 %)")
        result = PaceResult(change_table(change, start, by))
    else:
        if baseline is None or target is None:
            raise UsageError("give --baseline and --target (or --change for a cumulative change)")
        if too_large(baseline) or too_large(target):
            raise UsageError(f"--baseline and --target must be {RANGE}")
        if geometric and (baseline <= 0 or target <= 0):
            raise UsageError(w("geometric_positive", lang))
        result = PaceResult(pace_table(baseline, start, target, by, geometric))
    if as_json:
        emit_json(result.as_dict())
        return
    from policy_targets.report.table import print_pace

    print_pace(result, lang, console())
