"""`ptarget new` and `ptarget record`: the commands for data authors (click only).

They parse options and call `files.authoring` (new) or `files.record.record_figure` (record) for
every decision and write, so that a refusal or a failure at any point leaves the data untouched.
They never write into the copy of the data shipped inside the installed package.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import NoReturn

import click

from policy_targets.cli.common import OwnHelp, UsageError, command, data_options, emit_json, json_option, lang_option


def _writable_data_dir(option: str | None) -> Path:
    """--data, else $PTARGET_DATA, else ./data: an existing folder, never the packaged copy."""
    if option:
        directory, how = Path(option), "--data"
    elif os.environ.get("PTARGET_DATA"):
        directory, how = Path(os.environ["PTARGET_DATA"]), "$PTARGET_DATA"
    else:
        directory, how = Path("data"), "./data"
        if not directory.is_dir():
            raise UsageError("no data directory to write to: pass --data DIR, set PTARGET_DATA, or run "
                             "in the folder that holds data/ (ptarget never writes into its packaged copy)")
    if not directory.is_dir():
        raise UsageError(f"{how} {directory} is not an existing folder; create it first")
    return directory


def _refuse(message: str, code: int = 1) -> NoReturn:
    from policy_targets.report.safe import clean

    click.echo(clean(f"ptarget: {message}"), err=True)
    sys.exit(code)


# ---------------------------------------------------------------- new

@command("new")
@click.argument("plan")
@click.option("--data", "data_dir", metavar="DIR",
              help="The data directory to write into (default: $PTARGET_DATA or ./data).")
@json_option
@lang_option
def new_cmd(plan: str, data_dir: str | None, as_json: bool, lang: str) -> None:
    """Write a skeleton plan file <data>/PLAN.toml to fill in (never overwrites)."""
    from policy_targets.files.atomic import write_atomic
    from policy_targets.files.authoring import AuthoringError, check_new_plan_id, skeleton, skeleton_bytes, todo_keys
    from policy_targets.report.safe import clean

    try:
        check_new_plan_id(plan)
    except AuthoringError as exc:
        raise UsageError(str(exc)) from None
    directory = _writable_data_dir(data_dir)
    path = directory / f"{plan}.toml"
    exists = f"{path} already exists; not overwritten (edit it, or choose another plan id)"
    if path.exists():
        _refuse(exists)
    try:
        write_atomic(path, skeleton_bytes(plan, lang), exclusive=True)
    except FileExistsError:
        _refuse(exists)
    except OSError as exc:
        _refuse(f"cannot write {path}: {exc.strerror or exc}; nothing was written")
    todo = todo_keys(skeleton(plan, lang))
    if as_json:
        emit_json({"file": str(path), "todo": todo})
        return
    if lang == "zh":
        click.echo(clean(f"已写入 {path}：请填写 {len(todo)} 处 TODO（{'、'.join(todo)}），每项指标复制一份 "
                         f"[[target]]，加入 sources/{plan}.txt，然后运行 `ptarget check`（见 docs/authoring.md）"))
        return
    click.echo(clean(f"wrote {path}: fill in the {len(todo)} TODO values ({', '.join(todo)}), "
                     f"copy [[target]] once per target, add sources/{plan}.txt, then run "
                     "`ptarget check` (see docs/authoring.md)"))


# ---------------------------------------------------------------- record

_NUMBER_LIKE = re.compile(r"^-[\d.０-９．]")


class _RecordCommand(OwnHelp):
    """Lets VALUE be negative (`-3.2`) while a misspelt option (`--unti`) is still an error.

    The command ignores unknown options so that click leaves `-3.2` to VALUE; this check then
    refuses anything else that looks like an option, with click's own "did you mean".
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        takes_value = {o for p in self.params if isinstance(p, click.Option) and not p.is_flag
                       for o in p.opts + p.secondary_opts}
        known = {o for p in self.params if isinstance(p, click.Option) for o in p.opts + p.secondary_opts}
        known |= set(ctx.help_option_names)
        i = 0
        while i < len(args):
            arg = args[i]
            if arg == "--":
                break
            name = arg.split("=", 1)[0]
            if name in takes_value and "=" not in arg:
                i += 2
                continue
            if arg.startswith("-") and len(arg) > 1 and name not in known and not _NUMBER_LIKE.match(arg):
                raise click.NoSuchOption(name, possibilities=sorted(o for o in known if o.startswith("--")),
                                         ctx=ctx)
            i += 1
        return super().parse_args(ctx, args)


@command("record", cls=_RecordCommand, context_settings={"ignore_unknown_options": True})
@click.argument("plan")
@click.argument("target")
@click.argument("period")
@click.argument("value")
@click.option("--unit", help="The figure's unit, if not the target's (converted: 万元 → 亿元).")
@click.option("--source", help="Where the figure comes from: publisher, title, date; URL.")
@click.option("--published", metavar="DATE", help="When the source published it (for vintages).")
@click.option("--note", help="Free text: data year, lower bound, mirror, …")
@click.option("--basis", help="stock | flow | cumulative | rate, when not the kind's default.")
@data_options
@json_option
@lang_option
def record_cmd(plan: str, target: str, period: str, value: str, unit: str | None, source: str | None,
               published: str | None, note: str | None, basis: str | None, data_dir: str | None,
               actuals: tuple[str, ...], as_json: bool, lang: str) -> None:
    """Append one figure to <data>/actuals/PLAN.csv after checking it exactly as `check` would.

    VALUE may be negative (-3.2); PERIOD is the period the figure measures (its data year, not
    the year of the report). A refused figure writes nothing.
    """
    from policy_targets.files import authoring as au
    from policy_targets.files.record import RecordRefused, record_figure
    from policy_targets.report.findings import text as findings_text
    from policy_targets.report.safe import clean

    fig = au.NewFigure(plan, target, period, value, unit, basis, source, published, note)
    try:
        au.check_name("plan", plan)
        au.check_name("target", target)
        au.check_cells(fig)
    except au.AuthoringError as exc:
        raise UsageError(str(exc)) from None
    directory = _writable_data_dir(data_dir)
    try:
        done = record_figure(directory, fig, actuals)
    except RecordRefused as exc:
        if exc.findings:
            click.echo(findings_text(exc.findings), err=True)
        if exc.code == 2 and not exc.findings:
            raise UsageError(str(exc)) from None
        _refuse(str(exc), exc.code)
    if as_json:
        emit_json(done.as_dict())
        return
    if done.warnings:
        click.echo(findings_text(done.warnings), err=True)
    what = " ".join(x for x in (target, period, value, unit or "") if x)
    if lang == "zh":
        click.echo(clean(f"已录入 {what}：{done.file} 第 {done.line} 行" + ("（新文件）" if done.created else "")))
        return
    click.echo(clean(f"recorded {what} in {done.file} line {done.line}"
                     + (" (new file)" if done.created else "")))
