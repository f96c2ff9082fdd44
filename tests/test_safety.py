"""Data strings reach a terminal as plain, harmless text (SPEC 6).

Names, titles, units, ids and file names come from files anyone can edit. Each test puts one
hostile string into every such field of a tiny data directory, runs a command on a forced
colour terminal (so rich is really rendering styles), and checks that the string shows up
as literal text: markup not interpreted, emoji codes not replaced, and escape sequences,
control characters and bidi overrides shown as visible escapes, never emitted raw.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests import datadir

from policy_targets.report.safe import clean

PAYLOADS = {
    "markup": "[bold red]M[/]",
    "link": "[link=https://e.vil]L[/link]",
    "emoji": ":smile:",
    "ansi": "\x1b[5mA",  # SGR 5 (blink): no style of ptarget's uses it
    "osc": "\x1b]8;;u\x07O",  # an OSC 8 hyperlink, ended by BEL
    "controls": "B\x07\r\x08\x00",
    "c1": "\x9b5mC",  # the one-byte CSI of the C1 set
    "bidi": "\u202eevil\u202c",
}
# what the forced-colour output may contain: text and rich's own SGR sequences, nothing else
_SGR = re.compile(r"\x1b\[[0-9;]*m")
_RAW = ("\x1b", "\x07", "\r", "\x08", "\x00", "\x9b", "\u202e", "\u202c")

TERMINAL = {"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1", "COLUMNS": "400", "NO_COLOR": None}


def _file_safe(payload: str) -> str:
    return payload.replace("/", "|").replace("\x00", "0")


def _toml_str(s: str) -> str:
    """A TOML basic string holding s exactly (control characters as \\u escapes)."""
    out = []
    for c in s:
        if c in '"\\' or ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def make_data(root: Path, payload: str, plan_id: str = "testcity") -> Path:
    """A valid data directory with `payload` in every free-text field."""
    p = _toml_str(payload)
    plan = f"""\
[plan]
city = "testcity"
city_zh = {p}
title = {p}
title_en = {p}
start = 2023
end = 2025

[[target]]
id = "firms"
name = {p}
name_en = {p}
kind = "level"
value = 100
unit = {p}
baseline = {{ value = 50, year = 2022, source = {p} }}
quote = "高新技术企业达到100家"
note = {p}

[[series]]
id = "gdp"
name = {p}
name_en = {p}
unit = {p}
"""
    # 2023 → 60 and 2024 → 80 against a path from 50 (2022) to 100 (2025)
    figures = ("target,period,value,source,note\n"
               f"firms,2023,60,\"{payload}\",\"{payload}\"\n"
               "firms,2024,80,,\n"
               "gdp,2024,5.2,,\n")
    return datadir.write(root, {plan_id: (plan, "高新技术企业达到100家。\n", figures)})


def assert_harmless(output: str, payload: str, colour: bool = True) -> None:
    if colour:
        assert _SGR.search(output), "no colour: the test would not exercise a terminal"
    rest = _SGR.sub("", output)
    for c in _RAW:
        assert c not in rest, f"raw {c!r} reached the terminal: {output!r}"
    assert "😄" not in output
    assert "\x1b]8" not in output
    assert clean(payload) in rest, f"{clean(payload)!r} not shown literally in {rest!r}"


COMMANDS = {
    "status": ["status", "PLAN"],
    "show": ["show", "PLAN"],
    "list": ["list"],
    "gap": ["gap", "--year", "2024"],
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("kind", list(PAYLOADS))
def test_tables_show_data_strings_literally(kind: str, command: str, lang: str, tmp_path: Path,
                                            run_line) -> None:  # type: ignore[no-untyped-def]
    payload = PAYLOADS[kind]
    d = make_data(tmp_path / "data", payload)
    args = [a.replace("PLAN", "testcity") for a in COMMANDS[command]]
    result = run_line(["ptarget", *args, "--data", str(d), "--lang", lang], env=TERMINAL)
    assert result.exit_code == 0, result.output
    assert_harmless(result.stdout, payload)


@pytest.mark.parametrize("command", ["list", "gap"])
@pytest.mark.parametrize("kind", list(PAYLOADS))
def test_plan_id_from_a_hostile_file_name_is_shown_literally(kind: str, command: str, tmp_path: Path,
                                                            run_line) -> None:  # type: ignore[no-untyped-def]
    # the plan id is the file's stem, and only file names limit what it may hold
    plan_id = _file_safe(PAYLOADS[kind])
    d = make_data(tmp_path / "data", "plain", plan_id=plan_id)
    args = [a.replace("PLAN", plan_id) for a in COMMANDS[command]]
    result = run_line(["ptarget", *args, "--data", str(d)], env=TERMINAL)
    assert result.exit_code == 0, result.output
    assert_harmless(result.stdout, plan_id)


@pytest.mark.parametrize("kind", list(PAYLOADS))
def test_unknown_plan_message_shows_known_ids_literally(kind: str, tmp_path: Path,
                                                       run_line) -> None:  # type: ignore[no-untyped-def]
    # "unknown plan 'x' (known: …)" lists the plan ids, i.e. file names, on stderr
    plan_id = _file_safe(PAYLOADS[kind])
    d = make_data(tmp_path / "data", "plain", plan_id=plan_id)
    result = run_line(["ptarget", "status", "nosuch", "--data", str(d)], env=TERMINAL)
    assert result.exit_code == 2
    assert "unknown plan" in result.stderr
    assert_harmless(result.stderr, plan_id, colour=False)


@pytest.mark.parametrize("kind", list(PAYLOADS))
def test_check_text_shows_quotes_and_file_names_literally(kind: str, tmp_path: Path,
                                                         run_line) -> None:  # type: ignore[no-untyped-def]
    payload = PAYLOADS[kind]
    d = make_data(tmp_path / "data", "plain")
    plan = d / "testcity.toml"
    # a quote the source does not hold: the finding quotes it back
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        'quote = "高新技术企业达到100家"', f"quote = {_toml_str('达到100家' + payload)}"), encoding="utf-8")
    # an actuals file with a hostile name and an unknown target: the finding names the file
    bad = d / "actuals" / f"{_file_safe(payload)}.csv"
    bad.write_text("plan,target,period,value\ntestcity,firmz,2024,1\n", encoding="utf-8")
    result = run_line(["ptarget", "check", "--data", str(d)], env=TERMINAL)
    assert result.exit_code == 1
    assert "quote not found" in result.stdout and "firmz" in result.stdout
    assert_harmless(result.stdout, _file_safe(payload), colour=False)
    rest = result.stdout
    for c in _RAW:
        assert c not in rest


@pytest.mark.parametrize("kind", list(PAYLOADS))
def test_check_github_annotations_carry_no_raw_control_characters(kind: str, tmp_path: Path,
                                                                  run_line) -> None:  # type: ignore[no-untyped-def]
    # GitHub renders ANSI colour in its logs, so `file=` must be as clean as the message
    payload = _file_safe(PAYLOADS[kind])
    d = make_data(tmp_path / "data", "plain")
    (d / "actuals" / f"{payload}.csv").write_text("plan,target,period,value\ntestcity,firmz,2024,1\n",
                                                 encoding="utf-8")
    result = run_line(["ptarget", "check", "--data", str(d), "--format", "github"])
    assert result.exit_code == 1
    assert "::error file=" in result.stdout
    for c in _RAW:
        assert c not in result.stdout, f"raw {c!r} in {result.stdout!r}"


def test_failing_reading_command_prints_findings_literally(tmp_path: Path, run_line) -> None:  # type: ignore[no-untyped-def]
    payload = "\x1b]8;;u\x07[bold]x\u202e"
    d = make_data(tmp_path / "data", "plain")
    (d / "actuals" / "testcity.csv").write_text(
        f"target,period,value,{_file_safe(payload)}\nfirms,2024,1,2\n", encoding="utf-8")
    result = run_line(["ptarget", "status", "testcity", "--data", str(d)], env=TERMINAL)
    assert result.exit_code == 1
    assert "unknown column" in result.stderr
    for c in _RAW:
        assert c not in result.stderr


def test_clean_escapes_each_dangerous_character() -> None:
    # one visible escape per character; printable text (including Chinese and ZWJ emoji) kept
    assert clean("\x1b[31m") == "\\x1b[31m"
    assert clean("a\u202eb") == "a\\u202eb"
    assert clean("\x9b") == "\\x9b"
    assert clean("\u2028") == "\\u2028"
    assert clean("常州 [bold] :smile:") == "常州 [bold] :smile:"
    assert clean("👩\u200d💻") == "👩\u200d💻"
