"""Docs kept true by tests: every example of README.md and docs/ is run and its output compared
(tests/docs_examples.py), the command reference is regenerated and compared, and the docs stand
on their own (no pointer to a specification users never see)."""

from __future__ import annotations

import re

import pytest

from tests.docs_examples import COMMANDS_MD, DOCS, Example, commands_reference, examples, run

ALL = [e for doc in DOCS for e in examples(doc)]


def test_there_are_examples_to_run() -> None:
    assert len(ALL) >= 5


@pytest.mark.parametrize("example", ALL, ids=[e.where for e in ALL])
def test_example_prints_what_the_docs_show(example: Example) -> None:
    for (command, expected), got in zip(example.commands, run(example)):
        assert got == expected, f"{example.where}: `{command}` printed:\n{got}"


def test_the_command_reference_is_up_to_date() -> None:
    assert COMMANDS_MD.read_text(encoding="utf-8") == commands_reference(), \
        "run: python -m tests.docs_examples --update"


def test_every_command_line_in_the_docs_is_in_a_run_example() -> None:
    """A `$ ptarget …` line outside a console block would never be run, so it could drift."""
    stray = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        inside = {(e.start, e.end) for e in examples(doc)}
        for m in re.finditer(r"^\$ ptarget .*$", text, re.M):
            if not any(a <= m.start() < b for a, b in inside):
                stray.append(f"{doc.name}:{text[: m.start()].count(chr(10)) + 1}: {m.group(0)}")
    assert stray == []


def test_the_docs_stand_on_their_own() -> None:
    """Users have README.md and docs/, never the specification the project was first written from."""
    cited = [f"{doc.name}:{i}" for doc in DOCS
             for i, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1) if "SPEC" in line]
    assert cited == []
