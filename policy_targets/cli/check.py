"""`ptarget check [PATH…]`: validate plan and figures files; the CI gate.

The checker (files.check) gathers and reads the files and returns a CheckResult; a reporter
from report.findings prints it as text, GitHub annotations or JSON.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from policy_targets.cli.common import command, data_options, lang_option


@command("check")
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(("text", "github", "json")), default=None,
              help="Output format (default: github when $GITHUB_ACTIONS is set, else text).")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@data_options
@lang_option
def check(paths: tuple[str, ...], fmt: str | None, strict: bool, data_dir: str | None,
          actuals: tuple[str, ...], lang: str) -> None:
    """Validate plan and actuals files (the CI check); with no PATH, the data directory."""
    from policy_targets.files.check import check_paths
    from policy_targets.files.dataset import find_data_dir
    from policy_targets.report.findings import FORMATS

    fmt = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    targets = [Path(p) for p in paths] + [Path(a) for a in actuals]
    from policy_targets.report.progress import steps

    result = check_paths(targets, find_data_dir(data_dir), each=steps)
    from policy_targets.report.labels import w

    output = FORMATS[fmt](result.findings)
    if output:
        click.echo(output)
    if fmt == "text":
        verdict = w("ok" if not result.errors and not (strict and result.warnings) else "failed", lang)
        click.echo(w("check_summary", lang, verdict=verdict, errors=result.errors, warnings=result.warnings,
                     files=result.files, plans=result.plans, targets=result.targets, figures=result.figures))
    if result.errors or (strict and result.warnings):
        sys.exit(1)
