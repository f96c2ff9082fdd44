"""The one way tests run the command line: `invoke(["status", "demo", "--data", d])`.

In-process through click's CliRunner, stdout and stderr kept apart (result.stdout,
result.stderr, result.output for both). Exceptions are not caught, so a traceback fails the
test instead of becoming exit 1. The `run_line` fixture (conftest.py) is this function.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from click.testing import CliRunner, Result


def invoke(args: Sequence[str], **kwargs: Any) -> Result:
    """Run `ptarget ARGS…` (a leading "ptarget" is optional)."""
    from policy_targets.cli import cli

    argv = list(args)
    if argv and argv[0] == "ptarget":
        argv = argv[1:]
    kwargs.setdefault("catch_exceptions", False)
    return CliRunner().invoke(cli, argv, **kwargs)
