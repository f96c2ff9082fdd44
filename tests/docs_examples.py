"""The examples of README.md and docs/*.md, run: what they show is what ptarget prints.

An example is a fenced block of language `console`. Its lines that start with `$ ` are
commands, run one after another with bash in a scratch copy of the repository's data (so
`data/…` paths and `ptarget check` work, and a command may edit a copy of a file first); the
lines up to the next command are what the command prints, stdout and stderr together. Every
command runs with COLUMNS=100, NO_COLOR=1, PTARGET_TODAY=2026-12-01, and `ptarget` and
`python3` (this interpreter) on PATH; the scratch folder holds copies of `data/`, `imports/` and `benchmarks/`.

docs/commands.md is generated here too, from each command's --help.

    python -m tests.docs_examples --update    # rewrite every example's output and commands.md
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
COMMANDS_MD = ROOT / "docs" / "commands.md"
FENCE = re.compile(r"^```console\n(.*?)^```\n", re.S | re.M)
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "PTARGET_TODAY": "2026-12-01", "PTARGET_LANG": "",
       "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}


@dataclass
class Example:
    doc: Path
    start: int  # offset of the block's body in the document
    end: int
    commands: list[tuple[str, str]]  # (command, expected output)

    @property
    def where(self) -> str:
        line = self.doc.read_text(encoding="utf-8")[: self.start].count("\n") + 1
        return f"{self.doc.relative_to(ROOT)}:{line}"


def examples(doc: Path) -> list[Example]:
    text = doc.read_text(encoding="utf-8")
    found = []
    for m in FENCE.finditer(text):
        commands: list[tuple[str, list[str]]] = []
        for line in m.group(1).splitlines():
            if line.startswith("$ "):
                commands.append((line[2:], []))
            elif commands:
                commands[-1][1].append(line)
        found.append(Example(doc, m.start(1), m.end(1),
                             [(c, _tidy("\n".join(out))) for c, out in commands]))
    return found


def _tidy(text: str) -> str:
    """Without the spaces at line ends that rich pads with and editors strip."""
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n")


def run(example: Example) -> list[str]:
    """Each command's output, run in order in one scratch copy of data/."""
    outputs = []
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROOT / "data", Path(tmp) / "data")
        shutil.copytree(ROOT / "imports", Path(tmp) / "imports")
        shutil.copytree(ROOT / "benchmarks", Path(tmp) / "benchmarks",
                        ignore=shutil.ignore_patterns("*.json", "__pycache__"))
        bin_dir = Path(tmp) / ".bin"
        bin_dir.mkdir()
        for name, line in (("ptarget", f'exec {sys.executable} -m policy_targets "$@"'),
                           ("python3", f'exec {sys.executable} "$@"')):
            shim = bin_dir / name
            shim.write_text(f"#!/bin/sh\n{line}\n")
            shim.chmod(0o755)
        env = {**os.environ, **ENV, "PATH": f"{bin_dir}:{os.environ['PATH']}",
               "PYTHONPATH": str(ROOT)}
        env.pop("PTARGET_DATA", None)
        env.pop("GITHUB_ACTIONS", None)
        for command, _ in example.commands:
            p = subprocess.run(["bash", "-c", command + " 2>&1"], cwd=tmp, env=env, capture_output=True,
                               text=True, timeout=120)
            outputs.append(_tidy(p.stdout.replace(tmp + "/", "").replace(tmp, ".")))
    return outputs


def commands_reference() -> str:
    """docs/commands.md: every command's --help, as ptarget prints it."""
    from click.testing import CliRunner

    from policy_targets.cli import COMMANDS, cli

    parts = ["# Command reference\n",
             "Generated from `ptarget COMMAND --help` by `python -m tests.docs_examples --update`;",
             "tests/test_docs.py fails when it is out of date. The guides: README.md (the main jobs),",
             "docs/authoring.md (plans, figures, check), docs/reports.md, docs/extract.md,",
             "docs/arithmetic.md (how the numbers are worked out).\n"]
    runner = CliRunner()
    for name in ["--help", *sorted(COMMANDS)]:
        args = [name] if name == "--help" else [name, "--help"]
        result = runner.invoke(cli, args, prog_name="ptarget", env={"COLUMNS": "100"})
        title = "ptarget" if name == "--help" else f"ptarget {name}"
        parts.append(f"## {title}\n\n```text\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


def update() -> None:
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for example in reversed(examples(doc)):
            outputs = run(example)
            body = "".join(f"$ {c}\n" + (out + "\n" if out else "")
                           for (c, _), out in zip(example.commands, outputs))
            text = text[: example.start] + body + text[example.end:]
        doc.write_text(text, encoding="utf-8")
    COMMANDS_MD.write_text(commands_reference(), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--update"]:
        update()
    else:
        print(__doc__)
