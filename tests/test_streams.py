"""No "internal error" from the streams a command writes to (issue 18): encodings, sizes, pipes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = str(ROOT / "data")


def ptarget(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "PYTHONIOENCODING")}
    environ.update(PYTHONPATH=str(ROOT), **(env or {}))
    return subprocess.run([sys.executable, "-m", "policy_targets", *args], env=environ, capture_output=True,
                          encoding=environ.get("PYTHONIOENCODING", "utf-8"), timeout=60)


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
@pytest.mark.parametrize("command", [["list"], ["status", "changde"], ["show", "changzhou"],
                                     ["gap", "--year", "2024"], ["check"]])
def test_an_output_encoding_without_chinese_is_escaped_not_fatal(encoding: str, command: list[str]) -> None:
    result = ptarget(*command, "--data", DATA, env={"PYTHONIOENCODING": encoding})
    assert result.returncode == 0, result.stderr
    assert "internal error" not in result.stderr
    if command == ["status", "changde"]:
        assert "\\u2265" in result.stdout  # ≥ written as an escape


@pytest.mark.parametrize("value", ["abc", "-5", "0", "1e3", "", "999999999999"])
def test_a_columns_that_is_not_a_width_is_ignored(value: str) -> None:
    result = ptarget("status", "changde", "--data", DATA, env={"COLUMNS": value, "LINES": value})
    assert result.returncode == 0, result.stderr
    assert "High-tech enterprises" in result.stdout


@pytest.mark.parametrize("year", ["0", "-1", "99999"])
def test_gap_refuses_a_year_no_plan_can_have(year: str) -> None:
    result = ptarget("gap", "--year", year, "--data", DATA)
    assert result.returncode == 2
    assert "is not in the range 1900<=x<=2200" in result.stderr
    assert "internal error" not in result.stderr


@pytest.mark.parametrize("command", [["list"], ["status", "changde", "--json"], ["check"]])
def test_a_full_device_on_stdout_is_one_line_and_exit_1(command: list[str]) -> None:
    with open("/dev/full", "w") as full:  # opened, never replaced
        result = subprocess.run([sys.executable, "-m", "policy_targets", *command, "--data", DATA],
                                stdout=full, stderr=subprocess.PIPE, text=True, timeout=60,
                                env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == ["ptarget: cannot write the output: No space left on device"]


@pytest.mark.parametrize("command", [["list"], ["status", "changde"], ["status", "changde", "--json"]])
def test_a_reader_that_goes_away_is_not_a_failure(command: list[str]) -> None:
    # `ptarget list | true`: the reader closes its end before ptarget has written
    proc = subprocess.Popen([sys.executable, "-m", "policy_targets", *command, "--data", DATA],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0, err
    assert err == ""
