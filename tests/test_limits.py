"""Numbers ptarget cannot compute with are findings of `check`, and so of every reader (issue 18)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli import invoke

from tests.datadir import PLAN, make

UNCHECKED = 'quote = "高新技术企业达到900家"\nverify_quote = false\nnote = "a test of limits"'
FIRMS = 'kind = "level"\nvalue = 900\nunit = "家"\nbaseline = { value = 500, year = 2020'


def plan_with(firms: str) -> str:
    """The demo plan with the `firms` target's kind, value, unit and baseline replaced."""
    assert FIRMS in PLAN
    return PLAN.replace(FIRMS, firms, 1).replace('quote = "高新技术企业达到900家"', UNCHECKED, 1)


def run(*args: str):  # type: ignore[no-untyped-def]
    return invoke(list(args))


READERS = [["status", "demo"], ["show", "demo"], ["chart", "demo", "firms"], ["gap", "--year", "2023"],
           ["chart", "demo", "firms", "--svg", "OUT/c.svg"], ["export", "demo", "--format", "csv", "-o", "OUT/e.csv"],
           ["report", "demo", "--html", "OUT/r.html"], ["summary"]]

CASES = {
    "growth of 1e100 %": (plan_with('kind = "growth"\nvalue = 1e100\nunit = "%"\nbaseline = { value = 5, year = 2020'),
                          "target,period,value\nfirms,2023,5\n", "demo.toml:10: error: target firms: value 1e+100 is out of the range ptarget computes with (0 or between 1e-15 and 1e+15"),
    "levels near 1e308": (plan_with('kind = "level"\nvalue = 1e308\nunit = "家"\nbaseline = { value = -1e308, year = 2020'),
                          "target,period,value\nfirms,2023,700\n", "demo.toml:10: error: target firms: value 1e+308 is out of the range ptarget computes with"),
    "a figure near 1e308": (PLAN, "target,period,value\nfirms,2023,1.2e308\n",
                            "demo.csv:2: error: value 1.2e+308 in the target's unit is out of the range ptarget computes with"),
    "a growth figure of 1e12 %": (plan_with('kind = "growth"\nvalue = 8\nunit = "%"\nbaseline = { value = 5, year = 2020'),
                                   "target,period,value\nfirms,2023,1e12\n", "demo.csv:2: error: a growth of 1e+12 % is above 1000 %"),
    # (1 + 1e12) ** 35 = 1e420, past the largest float 1.8e308, over the 35 years 1990-2025
    "a growth compounding to overflow": (plan_with('kind = "growth"\nvalue = 1e14\nunit = "%"\nbaseline = { value = 5, year = 1990'),
                                         "target,period,value\nfirms,2023,5\n",
                                         "error: target firms: a growth of 1e+14 % a year over 35 years is too large"),
    "a deadline before its baseline": (plan_with('kind = "level"\nvalue = 900\nunit = "家"\ndeadline = 2021\n'
                                                 'baseline = { value = 500, year = 2023'),
                                       "target,period,value\nfirms,2023,700\n",
                                       "error: target firms: deadline 2021-12-31 is before its baseline year 2023"),
    "a baseline after the plan's end": (plan_with('kind = "level"\nvalue = 900\nunit = "家"\n'
                                                  'baseline = { value = 500, year = 2200'),
                                        "target,period,value\nfirms,2023,700\n",
                                        "error: target firms: deadline 2025 (the plan's end) is before its baseline year 2200"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_reports_the_number_and_every_reader_stops_cleanly(tmp_path: Path, case: str) -> None:
    plan, actuals, message = CASES[case]
    data = make(tmp_path, plan=plan, actuals=actuals)
    checked = run("check", str(data))
    assert checked.exit_code == 1
    assert message in checked.output
    out = tmp_path / "out"
    out.mkdir()
    for command in READERS:
        args = [a.replace("OUT", str(out)) for a in command]
        result = run(*args, "--data", str(data))
        assert result.exit_code == 1, (command, result.output)
        assert message in result.output
        assert "inf" not in result.stdout and "nan" not in result.stdout
    assert list(out.iterdir()) == []  # no chart, export or report written


def test_the_largest_number_allowed_still_computes(tmp_path: Path) -> None:
    # 1e15 is the limit itself; baseline 0, so the path runs 0 → 1e15 over 2021-2025 (2e14 a year)
    plan = plan_with('kind = "level"\nvalue = 1e15\nunit = "家"\nbaseline = { value = 0, year = 2020')
    data = make(tmp_path, plan=plan, actuals="target,period,value\nfirms,2023,1e15\n")
    assert run("check", str(data)).exit_code == 0
    result = run("show", "demo", "--data", str(data))
    assert result.exit_code == 0
    assert "200,000,000,000,000" in result.output


def test_record_refuses_a_figure_check_would_refuse(tmp_path: Path) -> None:
    data = make(tmp_path)
    before = (data / "actuals" / "demo.csv").read_bytes()
    result = run("record", "demo", "firms", "2024", "1e300", "--data", str(data))
    assert result.exit_code == 1
    assert "demo.csv:8: error: value 1e+300 in the target's unit is out of the range" in result.output
    assert (data / "actuals" / "demo.csv").read_bytes() == before


# 1e-300 → 1e15 geometric: a ratio of 1e315, past the largest float, showed dashes
@pytest.mark.parametrize("numbers", [["1e300", "1.7e308"], ["1", "1e16"], ["-1e16", "5"], ["1e-300", "1e15"]])
def test_pace_refuses_numbers_it_cannot_compute_with(numbers: list[str]) -> None:
    result = run("pace", "--baseline", numbers[0], "--target", numbers[1], "--from", "2020", "--by", "2025",
                 "--geometric")
    assert result.exit_code == 2
    assert "must be 0 or between 1e-15 and 1e+15 in absolute value" in result.output
    assert "inf" not in result.output


@pytest.mark.parametrize(("start", "by"), [("0", "100000000"), ("-5", "3"), ("2020", "9999")])
def test_pace_refuses_years_no_plan_has(start: str, by: str) -> None:
    # --from 0 --by 100000000 laid out a path of 100 million rows: minutes and gigabytes
    result = run("pace", "--baseline", "1", "--target", "2", "--from", start, "--by", by)
    assert result.exit_code == 2
    assert "is not in the range 1900<=x<=2200" in result.output
