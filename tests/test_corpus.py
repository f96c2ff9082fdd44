"""tests/corpus/: bad inputs and the message each must produce, run as one parametrised test.

Each case is a small data directory with an `expected.txt`:

    args: check                  the command (default `check`), run with --data <case dir>
    exit: 1                      the exit code
    file: testcity.toml          the file the error names (relative to the case dir) …
    line: 14                     … and its line, counted by hand in the case's file
    message: unknown key 'unitt' substrings that must all appear on that same output line
    message: did you mean 'unit'?

To add a case: copy a folder, make one edit, and write down what a person should read.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(p for p in CORPUS.iterdir() if (p / "expected.txt").is_file())


def read_expected(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition(":")
            out.setdefault(key.strip(), []).append(value.strip())
    return out


def test_corpus_is_big_enough() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_corpus_case(case: Path, run_line) -> None:  # type: ignore[no-untyped-def]
    expected = read_expected(case / "expected.txt")
    args = shlex.split(expected.get("args", ["check"])[0])
    result = run_line(["ptarget", *args, "--data", str(case)], env={"COLUMNS": "300"})
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.exit_code == int(expected["exit"][0]), output
    where = f"{case / expected['file'][0]}:{expected['line'][0]}: error: "
    lines = [line for line in output.splitlines() if where in line]
    assert lines, f"no error at {where!r} in:\n{output}"
    assert any(all(m in line for m in expected["message"]) for line in lines), \
        f"{expected['message']} not on one line of:\n" + "\n".join(lines) + f"\n\nfull output:\n{output}"
