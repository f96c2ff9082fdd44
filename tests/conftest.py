"""Shared test plumbing: hypothesis profiles and a `run_line` fixture for the command line.

Hypothesis runs a bounded number of examples by default so the whole suite stays fast in
CI; set PTARGET_FUZZ_EXAMPLES=N to run N examples per property (e.g. 5000 overnight).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, settings

_SUPPRESS = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
             HealthCheck.filter_too_much, HealthCheck.data_too_large]

settings.register_profile("ci", max_examples=25, deadline=None, suppress_health_check=_SUPPRESS,
                          derandomize=False, print_blob=True)
settings.register_profile("fuzz", max_examples=int(os.environ.get("PTARGET_FUZZ_EXAMPLES") or 25),
                          deadline=None, suppress_health_check=_SUPPRESS, print_blob=True)
settings.load_profile("fuzz" if os.environ.get("PTARGET_FUZZ_EXAMPLES") else "ci")


@pytest.fixture
def run_line() -> Callable[..., Result]:
    """Run `ptarget ARGS…` in-process: `run_line(["ptarget", "status", "x", "--data", d])`.

    Exceptions are not caught, so a traceback fails the test instead of becoming exit 1.
    stdout and stderr are kept apart (result.stdout, result.stderr).
    """
    from policy_targets.cli import cli

    def invoke(args: Sequence[str], **kwargs: object) -> Result:
        argv = list(args)
        if argv and argv[0] == "ptarget":
            argv = argv[1:]
        return CliRunner().invoke(cli, argv, catch_exceptions=False, **kwargs)  # type: ignore[arg-type]

    return invoke
