"""Shared test plumbing: hypothesis profiles and a `run_line` fixture for the command line.

Hypothesis runs a bounded number of examples by default so the whole suite stays fast in
CI; set PTARGET_FUZZ_EXAMPLES=N to run N examples per property (e.g. 5000 overnight).
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from click.testing import Result
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
    """Run `ptarget ARGS…` in-process: `run_line(["ptarget", "status", "x", "--data", d])`
    (tests/cli.py: exceptions not caught, stdout and stderr kept apart)."""
    from tests.cli import invoke

    return invoke
