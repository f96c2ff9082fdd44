"""`ptarget extract FILE [-o PLAN.toml] [--json]`: draft every target of a plan's text (SPEC 5, 5.1).

Parses options, calls the extract core, writes through `write_atomic`, picks a reporter.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from policy_targets.cli.common import UsageError, command, console, emit_json, json_option, lang_option


@command("extract")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a draft plan file here, and the cleaned text to sources/<plan>.txt beside it.")
@click.option("--force", is_flag=True, help="Replace an existing plan file or source text.")
@json_option
@lang_option
def extract_cmd(file: Path, output: Path | None, force: bool, as_json: bool, lang: str) -> None:
    """Draft every target of a plan's text (.txt, .docx, .pdf, .html) for a person to review."""
    from policy_targets.core.extract.draft import draft_text, json_document
    from policy_targets.files.documents import ExtractError, read_document

    if output is not None and output.suffix.lower() != ".toml":
        raise UsageError(f"-o {output}: a plan file must end in .toml")
    try:
        raw = read_document(file)
    except ExtractError as exc:
        click.echo(f"ptarget: {exc}", err=True)
        sys.exit(1)
    draft = draft_text(raw)
    text_file = None
    if output is not None:
        text_file = _write(draft, output, force, str(file))
    if as_json:
        emit_json(json_document(draft, str(file), text_file))
        return
    from policy_targets.report.table import print_extract

    print_extract(draft, file, output, text_file, console(), lang)


def _write(draft, output: Path, force: bool, origin: str) -> str:  # type: ignore[no-untyped-def]
    from policy_targets.files.store import PairError, write_together
    from policy_targets.core.extract.clean import source_file_text
    from policy_targets.core.extract.draft import plan_toml, source_name

    source = source_name(output)
    for path in (output, source):
        if os.path.lexists(path) and not force:  # lexists: False, not an error, for a name too long
            raise UsageError(f"{path} already exists (use --force to replace it)")
    if not output.parent.exists() and str(output.parent) not in ("", "."):
        raise UsageError(f"-o {output}: the folder {output.parent} does not exist")
    try:  # both files or neither
        write_together([(source, source_file_text(draft.cleaned, origin).encode("utf-8")),
                        (output, plan_toml(draft, output.stem).encode("utf-8"))], replace=force,
                       inputs=[Path(origin)])
    except PairError as exc:
        click.echo(f"ptarget: {exc.strerror}", err=True)
        sys.exit(1)
    return str(source)
