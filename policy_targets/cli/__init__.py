"""The command line: click only. Each command parses options, calls the core, picks a reporter.

rich and dateutil are imported inside the reporters that need them, so `--json`, `--help`
and `--version` start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from policy_targets import __version__
from policy_targets.core.model import Finding, has_errors

LANGS = ("en", "zh")


class UsageError(click.UsageError):
    """Exit 2 with a one-line message (unknown plan, target, bad option value)."""


def _existing_files(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """--actuals: each an existing file (click.Path would import locale on every start)."""
    for v in values:
        if not os.path.exists(v):
            raise click.BadParameter(f"File {v!r} does not exist.", ctx, param)
        if os.path.isdir(v):
            raise click.BadParameter(f"File {v!r} is a directory.", ctx, param)
    return values


def _not_a_file(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and os.path.isfile(value):
        raise click.BadParameter(f"Directory {value!r} is a file.", ctx, param)
    return value


def _print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(f"ptarget, version {__version__}")
        ctx.exit()


def _common(json_option: bool = True) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Options every command accepts after its name (SPEC 5)."""

    def decorate(f: Callable[..., Any]) -> Callable[..., Any]:
        f = click.option("--debug", is_flag=True, hidden=True, help="Show tracebacks.")(f)
        f = click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True,
                         help="Language of headers, names and statuses.")(f)
        if json_option:
            f = click.option("--json", "as_json", is_flag=True, help="Print JSON.")(f)
        f = click.option("--actuals", "actuals", multiple=True, callback=_existing_files, metavar="FILE",
                         help="A CSV of actual figures (repeatable; default: every CSV under <data>/actuals/).")(f)
        f = click.option("--data", "data_dir", callback=_not_a_file, metavar="DIR",
                         help="The data directory (default: $PTARGET_DATA, ./data, or the packaged data).")(f)
        return f

    return decorate


def _show_help(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(ctx.get_help(), color=ctx.color)
        ctx.exit()


class OwnHelp(click.Command):
    """-h/--help built here, as click builds it but with its text given: click looks the text
    up through gettext when each command is parsed, which imports locale and searches for
    message catalogues (ptarget ships none): ~5 M of the ~300 M instructions of a start-up."""

    _own_help: click.Option | None = None

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        names = self.get_help_option_names(ctx)
        if not names or not self.add_help_option:
            return None
        if self._own_help is None:  # one object: click orders eager callbacks by identity
            self._own_help = click.Option(names, is_flag=True, is_eager=True, expose_value=False,
                                          callback=_show_help, help="Show this message and exit.")
        return self._own_help


class LazyGroup(OwnHelp, click.Group):
    """Commands of other modules are imported only when called or listed, so the common
    reading commands do not pay for reports, authoring and extraction at start-up."""

    command_class = OwnHelp
    lazy = {
        "new": "authoring", "record": "authoring",
        "chart": "reports", "report": "reports", "export": "reports",
        "compare": "reports", "summary": "reports",
        "extract": "extract",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            import importlib

            importlib.import_module(f"{__package__}.{self.lazy[cmd_name]}")
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the version and exit.")
def cli() -> None:
    """ptarget: targets of Chinese municipal sci-tech plans, their pace and their progress."""


# ---------------------------------------------------------------- shared plumbing

def _load(data_dir: str | None, actuals: tuple[str, ...], names: list[str] | None = None,  # type: ignore[no-untyped-def]
          indicators: bool = False):
    from policy_targets.files.dataset import find_data_dir, load_dataset, plan_files

    directory = find_data_dir(data_dir)
    if not directory.is_dir():
        where = "--data" if data_dir else "$PTARGET_DATA" if os.environ.get("PTARGET_DATA") else "the data directory"
        raise UsageError(f"{where} {directory}: no such folder (it should hold <plan>.toml files)")
    only = None
    if names:
        stems = {p.stem for p in plan_files(directory)} if directory.is_dir() else set()
        if all(n in stems for n in names):
            only = list(names)
    ds = load_dataset(directory, [Path(a) for a in actuals] if actuals else None, plans_only=only,
                      indicators=indicators)
    # The data lives until the command ends. Frozen, the cyclic collector leaves it alone
    # instead of walking every figure again at each full collection while the command
    # assesses (a third of the assessment of 1000 plans); thawed when the command closes.
    # Not when an in-process caller has frozen objects of its own: unfreeze would thaw them.
    import gc

    if gc.get_freeze_count() == 0:
        gc.freeze()
        click.get_current_context().call_on_close(gc.unfreeze)
    return ds


def _fail_on_errors(findings: list[Finding]) -> None:
    """A reading command that meets a broken file stops with exit 1 and says where."""
    if has_errors(findings):
        from policy_targets.report.findings import text

        click.echo(text([f for f in findings if f.severity == "error"]), err=True)
        click.echo("ptarget: the data has errors (run `ptarget check` for all findings)", err=True)
        sys.exit(1)


def _plans(ds, names: list[str]):  # type: ignore[no-untyped-def]
    plans, problem = ds.resolve(names)
    if problem:
        from policy_targets.report.safe import clean

        raise UsageError(clean(problem))  # it lists plan ids, i.e. file names
    return plans


def _as_of(text: str | None) -> date | None:
    if text is None:
        return None
    from policy_targets.core.periods import PeriodError, parse_date

    try:
        return parse_date(text)
    except PeriodError as exc:
        raise click.BadParameter(str(exc), param_hint="--as-of") from None


def _today() -> date:
    """Today, or $PTARGET_TODAY (YYYY-MM-DD) for reproducible output. Used only for warnings."""
    override = os.environ.get("PTARGET_TODAY")
    if override:
        try:
            return date.fromisoformat(override)
        except ValueError:
            raise UsageError(f"PTARGET_TODAY={override!r} is not a date YYYY-MM-DD") from None
    return date.today()


def _emit_json(obj: object) -> None:
    """Indented on a terminal, for a person; one compact line when piped, for a program."""
    from policy_targets.report.json import dumps

    click.echo(dumps(obj, pretty=sys.stdout.isatty()))


def _console():  # type: ignore[no-untyped-def]
    from policy_targets.report.table import console

    return console()


# ---------------------------------------------------------------- reading commands

@cli.command("list")
@_common()
def list_cmd(data_dir: str | None, actuals: tuple[str, ...], as_json: bool, lang: str, debug: bool) -> None:
    """Plans: id, city, title, period, number of targets and figures."""
    from policy_targets.core.views import list_rows

    ds = _load(data_dir, actuals)
    _fail_on_errors(ds.findings)
    rows = list_rows(ds)
    if as_json:
        _emit_json(rows)
        return
    from policy_targets.report.table import print_list

    print_list(rows, lang, _console())


@cli.command()
@click.argument("plan", nargs=-1, required=True)
@_common()
def show(plan: tuple[str, ...], data_dir: str | None, actuals: tuple[str, ...], as_json: bool,
         lang: str, debug: bool) -> None:
    """Every target of PLAN with its required path and pace from the baseline."""
    from policy_targets.core.views import show_plan

    ds = _load(data_dir, actuals, list(plan))
    _fail_on_errors(ds.findings)
    views = [show_plan(ds, p) for p in _plans(ds, list(plan))]
    if as_json:
        _emit_json(views[0] if len(views) == 1 else views)
        return
    from policy_targets.report.table import print_show

    print_show(views, lang, _console())


@cli.command()
@click.argument("plan", nargs=-1, required=True)
@click.option("--as-of", "as_of", metavar="DATE", help="Ignore figures dated after DATE.")
@click.option("--method", type=click.Choice(("pace", "eurostat")), default="pace", show_default=True,
              help="pace: 序时进度 (progress share / time share); eurostat: growth ratio.")
@_common()
def status(plan: tuple[str, ...], as_of: str | None, method: str, data_dir: str | None,
           actuals: tuple[str, ...], as_json: bool, lang: str, debug: bool) -> None:
    """Every target of PLAN assessed at its latest figure."""
    from policy_targets.core.views import assess_plan

    when = _as_of(as_of)
    ds = _load(data_dir, actuals, list(plan))
    _fail_on_errors(ds.findings)
    today = _today()
    results = [assess_plan(ds, p, as_of=when, method=method, today=today)
               for p in _plans(ds, list(plan))]
    if as_json:
        dicts = [r.as_dict() for r in results]
        _emit_json(dicts[0] if len(dicts) == 1 else dicts)
        return
    from policy_targets.report.table import print_status

    print_status(results, lang, _console())


@cli.command()
@click.argument("plan", nargs=-1)
@click.option("--year", type=click.IntRange(1900, 2200), required=True, help="Assess on the figures of this year.")
@click.option("--method", type=click.Choice(("pace", "eurostat")), default="pace", show_default=True)
@_common()
def gap(plan: tuple[str, ...], year: int, method: str, data_dir: str | None, actuals: tuple[str, ...],
        as_json: bool, lang: str, debug: bool) -> None:
    """Every target's shortfall against its path, on the figures of YEAR (default: all plans)."""
    from policy_targets.core.views import assess_plan, gap_rows

    ds = _load(data_dir, actuals, list(plan) or None)
    _fail_on_errors(ds.findings)
    plans = _plans(ds, list(plan)) if plan else list(ds.plans.values())
    statuses = [assess_plan(ds, p, year=year, method=method, today=_today()) for p in plans]
    rows = gap_rows(statuses, year)
    if as_json:
        _emit_json(rows)
        return
    from policy_targets.report.table import print_gap

    print_gap(rows, lang, _console(), year)


@cli.command("pace")
@click.option("--baseline", "baseline", type=float, required=True, help="The value at the end of the start year.")
@click.option("--from", "start", type=click.IntRange(1900, 2200), required=True, help="The baseline year.")
@click.option("--target", "target", type=float, required=True, help="The value to reach.")
@click.option("--by", "by", type=click.IntRange(1900, 2200), required=True,
              help="The year (its last day) to reach it by.")
@click.option("--geometric", is_flag=True, help="Grow by a constant rate instead of a constant amount.")
@_common()
def pace_cmd(baseline: float, start: int, target: float, by: int, geometric: bool,
             data_dir: str | None, actuals: tuple[str, ...], as_json: bool, lang: str, debug: bool) -> None:
    """The calculator: the path from a baseline to a target, year by year."""
    from policy_targets.core.limits import RANGE, too_large
    from policy_targets.core.views import pace_table

    if by <= start:
        raise UsageError(f"--by {by} must be after --from {start}")
    if too_large(baseline) or too_large(target):
        raise UsageError(f"--baseline and --target must be {RANGE}")
    if geometric and (baseline <= 0 or target <= 0):
        raise UsageError("--geometric needs a positive baseline and target")
    view = pace_table(baseline, start, target, by, geometric)
    if as_json:
        _emit_json(view)
        return
    from policy_targets.report.table import print_pace

    print_pace(view, lang, _console())


# ---------------------------------------------------------------- check

@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(("text", "github", "json")), default=None,
              help="Output format (default: github when $GITHUB_ACTIONS is set, else text).")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@_common(json_option=False)
def check(paths: tuple[str, ...], fmt: str | None, strict: bool, data_dir: str | None,
          actuals: tuple[str, ...], lang: str, debug: bool) -> None:
    """Validate plan and actuals files (the CI check); with no PATH, the data directory."""
    from policy_targets.files.check import check_paths
    from policy_targets.files.dataset import find_data_dir
    from policy_targets.report.findings import FORMATS

    fmt = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    targets = [Path(p) for p in paths] + [Path(a) for a in actuals]
    result = check_paths(targets, find_data_dir(data_dir))
    output = FORMATS[fmt](result.findings)
    if output:
        click.echo(output)
    if fmt == "text":
        verdict = "ok" if not result.errors and not (strict and result.warnings) else "failed"
        click.echo(f"{verdict}: {result.errors} error(s), {result.warnings} warning(s) in "
                   f"{result.files} file(s): {result.plans} plan(s), {result.targets} target(s), "
                   f"{result.figures} figure(s)")
    if result.errors or (strict and result.warnings):
        sys.exit(1)


# ---------------------------------------------------------------- entry point

def main(argv: list[str] | None = None) -> None:
    """Run the CLI; an unexpected exception is one line and exit 2 (traceback with --debug)."""
    args = sys.argv[1:] if argv is None else argv
    from policy_targets.report import streams

    streams.prepare()
    try:
        code = cli.main(args=args, prog_name="ptarget", standalone_mode=False)
    except SystemExit as exc:
        raise streams.settle(exc) from None
    except OSError as exc:  # the output went away or filled up: one line, never "internal error"
        sys.exit(streams.os_error(exc))
    except MemoryError:
        sys.exit(streams.out_of_memory())
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("ptarget: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except Exception as exc:  # the last line of defence: never a traceback for bad input
        from policy_targets.report.safe import clean

        if "--debug" in args or os.environ.get("PTARGET_DEBUG"):
            import traceback  # only here: it pulls in linecache, tokenize and textwrap

            traceback.print_exc()
        click.echo(clean(f"ptarget: internal error: {type(exc).__name__}: {exc} "
                         "(run again with --debug for details)"), err=True)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)

