"""`ptarget import FILE PLAN [--sheet S] [--dry-run]`: a clerk's sheet into data/actuals/PLAN.csv (click only).

The work is done by files.importer: read and check every row as `check` would, skip what is
recorded, build the new file. This prints what will be (or was) added and writes through
`importer.append_rows`, or writes nothing at all on any error or with --dry-run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from policy_targets.cli.common import UsageError, _not_a_file, command, lang_option, one_plan


@command("import")
@click.argument("file", metavar="FILE")
@click.argument("plan", metavar="PLAN")
@click.option("--sheet", metavar="NAME", help="Read only this sheet of a workbook (default: every sheet).")
@click.option("--dry-run", is_flag=True, help="Check and show what would be added; write nothing.")
@click.option("--data", "data_dir", callback=_not_a_file, metavar="DIR",
              help="The data directory (default: $PTARGET_DATA, else ./data).")
@lang_option
def import_cmd(file: str, plan: str, sheet: str | None, dry_run: bool, data_dir: str | None, lang: str) -> None:
    """Add the figures of a sheet (CSV or .xlsx, long or wide, Chinese headers, names and periods)
    to <data>/actuals/PLAN.csv, after checking every row as `check` would. PLAN is a plan id, a
    city or its Chinese name (常德)."""
    from policy_targets.files import importer
    from policy_targets.files.dataset import find_data_dir, load_dataset

    if not os.path.isfile(file):
        raise UsageError(f"FILE {file!r}: no such file")
    directory = find_data_dir(data_dir)  # never the packaged sample data: this writes
    if not directory.is_dir():
        raise UsageError(f"data directory {directory}: no such folder (give --data DIR)")
    ds = load_dataset(directory, [])
    chosen = one_plan(ds, plan)
    source = Path(f"{file}#{sheet}") if sheet else Path(file)
    if dry_run:
        _import(importer, source, chosen, ds, directory, dry_run, lang)
        return
    from policy_targets.files.store import Busy, locked

    (directory / "actuals").mkdir(exist_ok=True)
    try:
        with locked(directory / "actuals"):  # read, check and write with no other writer between
            _import(importer, source, chosen, ds, directory, dry_run, lang)
    except Busy as exc:
        raise click.ClickException(str(exc)) from None


def _import(importer: Any, source: Path, chosen: Any, ds: Any, directory: Path, dry_run: bool,
            lang: str) -> None:
    """Prepare, show and (unless a dry run) write: the body of `import`."""
    from policy_targets.files.authoring import AuthoringError
    from policy_targets.report.findings import text
    from policy_targets.report.labels import w
    from policy_targets.report.safe import clean

    try:
        prepared = importer.prepare(source, chosen, ds.plans, directory)
    except AuthoringError as exc:
        raise click.ClickException(str(exc)) from None
    if prepared.findings:
        click.echo(text(prepared.findings), err=True)
    dest = str(prepared.destination)
    for fig in prepared.recorded:
        what = f"{fig.target} {fig.period.label} {fig.value:g}"
        click.echo(clean(f"{fig.file}:{fig.line}: " + w("already_recorded", lang, what=what)))
    if prepared.errors:
        click.echo("ptarget: " + w("import_errors", lang, n=len(prepared.errors), file=dest), err=True)
        sys.exit(1)
    if not prepared.rows:
        click.echo(w("nothing_to_add", lang, file=dest))
        return
    how = (w("new_file", lang) if prepared.created else "") + prepared.encoding
    click.echo(clean(w("would_add" if dry_run else "adding", lang, n=len(prepared.rows), file=dest, how=how)))
    for row in prepared.rows:
        fig = row.figure
        unit = chosen.unit_of(fig.target) or ""
        # a qualifier's words, which the note now starts with (the rest of the note is the clerk's)
        note = (f"  [{fig.note.split('. ', 1)[0]}]" if fig.note and fig.note.startswith(
            ("Approximate:", "Lower bound:", "Upper bound:")) else "")
        click.echo(clean(f"  line {row.line}: {fig.target} {fig.period.label} {importer.number(fig.value)}"
                         f" {unit}  ({w('from_row', lang, where=f'{fig.file}:{fig.line}')}){note}".rstrip()))
    if dry_run:
        click.echo(w("dry_run", lang))
        return
    assert prepared.data is not None
    try:
        importer.append_rows(prepared.destination, prepared.data)
    except OSError as exc:
        raise click.ClickException(f"cannot write {dest}: {exc.strerror or exc}; nothing written") from None
    click.echo(w("imported", lang, file=dest))
