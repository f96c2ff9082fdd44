"""The command line: a click group over thin commands, each registered once in COMMANDS.

A command lives in the module of its family (reading, check, reports, authoring, extract) as a
plain `click.Command`; the group imports that module only when the command is called or
listed, so `status --json` does not pay for the reports or the extractor at start-up.
tests/test_layers.py fails if a command is defined but not registered, or registered twice.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from policy_targets import __version__
from policy_targets.cli.common import OwnHelp, State

COMMANDS: dict[str, tuple[str, str]] = {
    # name: (module under policy_targets.cli, function)
    "list": ("reading", "list_cmd"),
    "show": ("reading", "show"),
    "status": ("reading", "status"),
    "gap": ("reading", "gap"),
    "pace": ("reading", "pace_cmd"),
    "check": ("check", "check"),
    "chart": ("reports", "chart"),
    "report": ("reports", "report"),
    "export": ("reports", "export"),
    "compare": ("reports", "compare"),
    "summary": ("reports", "summary"),
    "new": ("authoring", "new_cmd"),
    "record": ("authoring", "record_cmd"),
    "import": ("importer", "import_cmd"),
    "extract": ("extract", "extract_cmd"),
}
"""Every command, once: its name and where it is defined."""


class Group(OwnHelp, click.Group):
    """The ptarget group: commands come from COMMANDS, imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMANDS:  # a misspelt command: say which
            from policy_targets.core.names import did_you_mean

            ctx.fail(f"No such command {name!r}{did_you_mean(name, COMMANDS)}")
        return super().resolve_command(ctx, args)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        where = COMMANDS.get(cmd_name)
        if where is None:
            return None
        module = importlib.import_module(f"{__name__}.{where[0]}")
        return getattr(module, where[1])  # type: ignore[no-any-return]


def _print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(f"ptarget, version {__version__}")
        ctx.exit()


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the version and exit.")
def cli() -> None:
    """ptarget: targets of Chinese municipal sci-tech plans, their pace and their progress."""


def _show(exc: click.ClickException, args: list[str]) -> None:
    """click's error, in Chinese when asked for (--lang zh, or PTARGET_LANG=zh): the usage line
    and the hint stay as click writes them, the message is translated where its form is known."""
    zh = "zh" in [b for a, b in zip(args, args[1:]) if a == "--lang"] or "--lang=zh" in args or (
        "--lang" not in " ".join(args) and os.environ.get("PTARGET_LANG", "").strip().lower() == "zh")
    if not zh:
        exc.show()
        return
    from policy_targets.report.i18n import usage_text

    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        click.echo(f"{ctx.get_usage()}\n运行 '{ctx.command_path} --help' 查看帮助。", err=True)
    click.echo(f"错误\uff1a{usage_text(exc.format_message())}", err=True)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; an unexpected exception is one line and exit 2 (traceback with --debug)."""
    args = sys.argv[1:] if argv is None else argv
    State.debug = False
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
        _show(exc, args)
        sys.exit(exc.exit_code)
    except Exception as exc:  # the last line of defence: never a traceback for bad input
        from policy_targets.report.safe import clean

        if State.debug or os.environ.get("PTARGET_DEBUG"):
            import traceback  # only here: it pulls in linecache, tokenize and textwrap

            traceback.print_exc()
        click.echo(clean(f"ptarget: internal error: {type(exc).__name__}: {exc} "
                         "(run again with --debug for details)"), err=True)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
