"""What the commands share: option decorators, loading the data, errors, JSON and the console.

Each command takes only the options it uses: `data_options` (--data, --actuals) where it reads
the data directory, `json_option` where it can print JSON, `lang_option` where a person reads
its output, and `debug_option` everywhere. Nothing here computes: it parses, loads and picks.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from policy_targets.core.model import Finding, has_errors

if TYPE_CHECKING:
    from rich.console import Console

    from policy_targets.core.model import Plan
    from policy_targets.files.dataset import Dataset

F = TypeVar("F", bound=Callable[..., Any])
LANGS = ("en", "zh")
METHODS = click.Choice(("pace", "eurostat"))


class UsageError(click.UsageError):
    """Exit 2 with a one-line message (unknown plan, target, bad option value)."""


class State:
    """Set by options that act before the command runs (--debug), read by `main`."""

    debug = False


# ---------------------------------------------------------------- help without gettext

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


def command(name: str, **kw: Any) -> Callable[[F], click.Command]:
    """A ptarget command: click.command with OwnHelp and the hidden --debug flag."""
    kw.setdefault("cls", OwnHelp)

    def decorate(f: F) -> click.Command:
        return click.command(name, **kw)(debug_option(f))

    return decorate


# ---------------------------------------------------------------- options

def _existing_files(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """--actuals: each an existing file, or `book.xlsx#SHEET` (click.Path would import locale on
    every start)."""
    for v in values:
        head, _, sheet = v.rpartition("#")
        if not os.path.exists(v) and sheet and head.lower().endswith((".xlsx", ".xlsm")) and os.path.isfile(head):
            continue
        if not os.path.exists(v):
            raise click.BadParameter(f"File {v!r} does not exist.", ctx, param)
        if os.path.isdir(v):
            raise click.BadParameter(f"File {v!r} is a directory.", ctx, param)
    return values


def _not_a_file(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and os.path.isfile(value):
        raise click.BadParameter(f"Directory {value!r} is a file.", ctx, param)
    return value


def _set_debug(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:
        State.debug = True
    return value


def debug_option(f: F) -> F:
    return click.option("--debug", is_flag=True, hidden=True, expose_value=False, is_eager=True,
                        callback=_set_debug, help="Show tracebacks.")(f)  # type: ignore[return-value]


def _default_lang() -> str:
    lang = os.environ.get("PTARGET_LANG", "").strip().lower()
    return lang if lang in LANGS else "en"


def _remember_lang(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """The language chosen, also for what is printed outside the command's own output (the
    findings of a broken data directory, report.findings.text)."""
    from policy_targets.report import labels

    labels.chosen = value
    ctx.call_on_close(lambda: setattr(labels, "chosen", None))  # not carried to the next command in-process
    return value


def lang_option(f: F) -> F:
    return click.option("--lang", type=click.Choice(LANGS), default=_default_lang, show_default="$PTARGET_LANG or en",
                        callback=_remember_lang,
                        help="Language of what a person reads: en or zh (语言:zh 为中文).")(f)  # type: ignore[return-value]


STATUS_NAMES = ("no_data", "achieved", "missed", "regressing", "pending", "insufficient_data",
                "on_track", "behind", "off_track")


def _statuses(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    from policy_targets.report.labels import STATUS

    chinese = {v: k for k, v in STATUS["zh"].items()}  # a clerk may write 滞后于序时进度
    names = tuple(chinese.get(v.strip()) or v.strip().replace("-", "_").replace(" ", "_")
                  for v in value.replace("\uff0c", ",").replace("\u3001", ",").split(",") if v.strip())
    wrong = [n for n in names if n not in STATUS_NAMES]
    if wrong:
        raise click.BadParameter(f"{', '.join(wrong)}: not a status (one of {', '.join(STATUS_NAMES)})",
                                 ctx, param)
    return names


def filter_options(f: F) -> F:
    """--only-with-data and --status S,S…: which targets are shown (the summary counts all)."""
    f = click.option("--status", "statuses", callback=_statuses, metavar="S,S…",
                     help="Show only targets of these statuses, e.g. behind,off_track "
                          "(仅显示这些状态的指标).")(f)
    return click.option("--only-with-data", is_flag=True,
                        help="Leave out targets with no figure yet (不显示尚无数据的指标).")(f)  # type: ignore[return-value]


def shown(statuses: list[Any], only_with_data: bool, wanted: tuple[str, ...]) -> list[Any]:
    from policy_targets.core.views import filtered

    return [filtered(ps, only_with_data, wanted) for ps in statuses]


def json_option(f: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON (输出 JSON).")(f)  # type: ignore[return-value]


ONLY_ACTUALS = "ptarget.only_actuals"


def _only_actuals(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    ctx.meta[ONLY_ACTUALS] = value  # read by `load`: no command takes it as an argument
    return value


def data_options(f: F) -> F:
    """--data DIR, --actuals FILE… and --only-actuals: where the plans and figures are read from.

    --actuals adds a file to the figures of <data>/actuals/; --only-actuals reads the --actuals
    files alone. Neither changes a command's arguments (`load` reads the flag from the context).
    """
    f = click.option("--only-actuals", is_flag=True, expose_value=False, callback=_only_actuals,
                     help="Read only the --actuals files, not <data>/actuals/ (只读 --actuals 指定的文件).")(f)
    f = click.option("--actuals", "actuals", multiple=True, callback=_existing_files, metavar="FILE",
                     help="A figures file (CSV or .xlsx, `book.xlsx#SHEET` for one sheet) read in addition "
                          "to <data>/actuals/ (repeatable; see --only-actuals) (另加的数据文件，可重复).")(f)
    return click.option("--data", "data_dir", callback=_not_a_file, metavar="DIR",
                        help="The data directory (default: $PTARGET_DATA, ./data, or the packaged data) (数据目录).")(f)  # type: ignore[return-value]


def as_of_option(f: F) -> F:
    return click.option("--as-of", "as_of", metavar="DATE", help="Ignore figures dated after DATE (只看该日期及以前的数据).")(f)  # type: ignore[return-value]


def method_option(f: F) -> F:
    return click.option("--method", type=METHODS, default="pace", show_default=True,
                        help="pace: 序时进度 (progress share / time share); eurostat: growth ratio (评估方法).")(f)  # type: ignore[return-value]


# ---------------------------------------------------------------- loading

def data_directory(data_dir: str | None) -> Path:
    """The data directory of --data (or the default one); a missing folder is a usage error."""
    from policy_targets.files.dataset import find_data_dir

    directory = find_data_dir(data_dir, fallback=True)
    if not directory.is_dir():
        where = "--data" if data_dir else "$PTARGET_DATA" if os.environ.get("PTARGET_DATA") else "the data directory"
        raise UsageError(f"{where} {directory}: no such folder (it should hold <plan>.toml files)")
    return directory


def only_actuals_given() -> bool:
    """--only-actuals: the figures of --actuals alone, not those of <data>/actuals/."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.meta.get(ONLY_ACTUALS))  # meta is shared by nested contexts


def load(data_dir: str | None, actuals: tuple[str, ...], names: list[str] | None = None,
         indicators: bool = False) -> Dataset:
    """The dataset of --data (or the default directory), loaded whole."""
    from policy_targets.files.dataset import load_dataset, plan_files

    directory = data_directory(data_dir)
    only = None
    if names:
        stems = {p.stem for p in plan_files(directory)}
        if all(n in stems for n in names):
            only = list(names)
    given = [Path(a) for a in actuals]
    only_given = only_actuals_given()
    # a file given for the one plan a command names needs no plan column
    default_plan = names[0] if names and len(names) == 1 else None
    ds = load_dataset(directory, [] if only_given else None, plans_only=only, indicators=indicators,
                      extra=given, default_plan=default_plan)
    # The data lives until the command ends. Frozen, the cyclic collector leaves it alone
    # instead of walking every figure again at each full collection while the command
    # assesses (a third of the assessment of 1000 plans); thawed when the command closes.
    # Not when an in-process caller has frozen objects of its own: unfreeze would thaw them.
    import gc

    if gc.get_freeze_count() == 0:
        gc.freeze()
        click.get_current_context().call_on_close(gc.unfreeze)
    return ds


def fail_on_errors(findings: list[Finding]) -> None:
    """A reading command that meets a broken file stops with exit 1 and says where."""
    if has_errors(findings):
        from policy_targets.report.findings import text

        click.echo(text([f for f in findings if f.severity == "error"]), err=True)
        click.echo("ptarget: the data has errors (run `ptarget check` for all findings)", err=True)
        sys.exit(1)


def plans_named(ds: Dataset, names: list[str]) -> list[Plan]:
    plans, problem = ds.resolve(names)
    if problem:
        from policy_targets.report.safe import clean

        raise UsageError(clean(problem))  # it lists plan ids, i.e. file names
    return plans


def one_plan(ds: Dataset, name: str) -> Plan:
    plans = plans_named(ds, [name])
    if len(plans) != 1:
        raise UsageError(f"{name!r} names {len(plans)} plans ({', '.join(p.id for p in plans)}): "
                         "give one plan id")
    return plans[0]


def as_of_date(text: str | None) -> date | None:
    if text is None:
        return None
    from policy_targets.core.periods import PeriodError, parse_date

    try:
        return parse_date(text)
    except PeriodError as exc:
        raise click.BadParameter(str(exc), param_hint="--as-of") from None


def today() -> date:
    """Today, or $PTARGET_TODAY (YYYY-MM-DD) for reproducible output. Used only for warnings."""
    override = os.environ.get("PTARGET_TODAY")
    if override:
        try:
            return date.fromisoformat(override)
        except ValueError:
            raise UsageError(f"PTARGET_TODAY={override!r} is not a date YYYY-MM-DD") from None
    return date.today()


# ---------------------------------------------------------------- output

def emit_json(obj: object) -> None:
    """Indented on a terminal, for a person; one compact line when piped, for a program."""
    from policy_targets.report.json import dumps

    click.echo(dumps(obj, pretty=sys.stdout.isatty()))


def emit_json_list(parts: Iterator[list[Any]], findings: Callable[[], list[Finding]],
                   pretty: bool | None = None) -> None:
    """Print the items of `parts` as one JSON list, exactly as `emit_json(list)` would, holding
    only one part at a time: the text is spooled (to disk past 8 MiB) and printed only once
    every part is in and `findings()` has no error, so broken data prints no half list."""
    import tempfile

    from policy_targets.report.json import item, list_pieces

    pretty = sys.stdout.isatty() if pretty is None else pretty
    opening, between, closing = list_pieces(pretty)
    count = 0
    with tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+", encoding="utf-8") as spool:
        for part in parts:
            for obj in part:
                spool.write((between if count else opening) + item(obj, pretty))
                count += 1
        fail_on_errors(findings())
        if not count:
            click.echo("[]")
            return
        spool.write(closing)
        spool.seek(0)
        while chunk := spool.read(1 << 20):
            click.echo(chunk, nl=False)
        click.echo("")


def console() -> Console:
    from policy_targets.report.table import console as make

    return make()


def write_file(path: str, data: bytes, ds: Dataset | None = None) -> bool:
    """Write an output through files.guard (never onto an input, a folder, a device or a FIFO;
    `-` or /dev/stdout is standard output, and then True: the 'wrote' line goes to stderr); a
    refusal or a failure is one line and exit 1, the old file untouched."""
    from policy_targets.files.guard import OutputRefused, write_output

    try:
        return write_output(path, data, ds.inputs if ds is not None else None)
    except OutputRefused as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"cannot write {path}: {exc.strerror or exc}") from None