"""`ptarget check`: one test per kind of finding (SPEC 5.3), each asserting message and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.cli import invoke


from . import datadir


def check(data: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = invoke(["check", str(data), *args],
                                env={"GITHUB_ACTIONS": "", **(env or {})})
    return result.exit_code, result.output


def plan_with(tmp_path: Path, old: str, new: str, **kw: str) -> Path:
    assert old in datadir.PLAN
    return datadir.make(tmp_path, plan=datadir.PLAN.replace(old, new, 1), **kw)


def test_clean_data_passes(tmp_path: Path) -> None:
    code, out = check(datadir.make(tmp_path))
    assert code == 0
    assert "ok: 0 error(s), 0 warning(s)" in out


def test_toml_syntax_error_with_line_and_column(tmp_path: Path) -> None:
    data = plan_with(tmp_path, 'value = 450', 'value = 450 450')
    code, out = check(data)
    assert code == 1
    # `value = 450 450` is line 25 of the plan (the contracts target starts on line 20)
    assert "demo.toml:25: error: TOML syntax error" in out and "column" in out


def test_runaway_nesting_is_a_syntax_error_on_its_line(tmp_path: Path) -> None:
    """Arrays nested thousands deep make the TOML parser give up with RecursionError: a finding
    on the line that opens them, not an internal error."""
    data = plan_with(tmp_path, 'value = 450', "value = " + "[" * 3000 + "]" * 3000)
    code, out = check(data)
    assert code == 1
    # the contracts target's value is line 25 of the plan, as in the test above
    assert "demo.toml:25: error: TOML syntax error" in out and "nested" in out
    assert "internal error" not in out


def test_keys_inside_a_value_spanning_lines_are_not_taken_for_keys(tmp_path: Path) -> None:
    """A multi-line inline table (TOML 1.1) holding its own `value`, then the target's real
    `value` with a wrong type: the finding names the real line."""
    spread = 'baseline = {\n  value = 200,\n  year = 2020,\n  source = "x",\n}\nvalue = "450"'
    data = plan_with(tmp_path, 'value = 450', spread)
    code, out = check(data)
    assert code == 1
    # line 25 opens the baseline table; its closing brace is line 29 and `value = "450"` is 30
    assert "demo.toml:30: error: target contracts: value must be a number" in out


def test_a_multi_line_string_is_not_read_for_tables_or_keys() -> None:
    from policy_targets.files.plan import KeyLines, continuation_lines

    text = ('[[target]]\nid = "a"\nnote = """\n[[target]]\nvalue = 1\n"""\nvalue = 2\n'
            "also = [\n  '[x]',\n  \"y\",\n]\nunit = \"家\"\n")
    # lines: 1 [[target]], 2 id, 3 note = """, 4-5 inside, 6 closing """, 7 value, 8 also = [,
    # 9-10 items, 11 the closing bracket, 12 unit
    assert continuation_lines(text.splitlines()) == {4, 5, 6, 9, 10, 11}
    import tomli

    assert KeyLines(text).table("target", 1) == 4  # the quick look takes the string's line
    lines = KeyLines.scan(text, tomli.loads(text))  # two headers, one target: read exactly
    assert lines.table("target", 0) == 1 and lines.table("target", 1) is None
    assert lines.key("target", 0, "value") == 7 and lines.key("target", 0, "unit") == 12


def test_a_number_of_thousands_of_digits_is_a_finding_on_its_line(tmp_path: Path) -> None:
    """Python refuses to read an integer of more than 4300 digits (ValueError)."""
    data = plan_with(tmp_path, 'value = 450', "value = " + "9" * 5000)
    code, out = check(data)
    assert code == 1 and "internal error" not in out
    assert "demo.toml:25: error: TOML syntax error: a number too long to read" in out


@pytest.mark.parametrize(("old", "new", "line", "message"), [
    # unknown key with the likely intended name
    ('unit = "亿元"', 'unitt = "亿元"', 26, "unknown key 'unitt'; did you mean 'unit'?"),
    # an enumeration misspelt
    ('kind = "increment"', 'kind = "incremnet"', 33,
     "kind 'incremnet' is not one of level, increment, annual, growth, milestone, relative, change, hold; did you mean 'increment'?"),
    # a comparator written the other way round
    ('value = 450\n', 'value = 450\ncomparator = "=>"\n', 26, "comparator '=>' is not one of >=, >, <=, <, ~; did you mean '>='?"),
    # a type
    ('value = 450', 'value = "450"', 25, "value must be a number or [min, max], not '450'"),
    # a range written backwards
    ('value = 100\n', 'value = [100, 50]\n', 34, "range [100, 50] has min > max; write [50, 100]"),
    # a deadline outside the plan's years
    ('deadline = 2025', 'deadline = 2030', 36, "deadline 2030-12-31 is outside the plan's years 2021-2025"),
    # geometric pace with a zero baseline
    ('baseline = { value = 500,', 'pace = "geometric"\nbaseline = { value = 0,', 17,
     "geometric pace needs positive target and baseline values"),
    # a parent that does not exist
    ('deadline = 2025', 'deadline = 2025\nparent = "firm"', 37, "parent 'firm' is not a target of this plan; did you mean 'firms'?"),
    # a duplicate id
    ('id = "contracts"', 'id = "firms"', 21, "duplicate target id 'firms' (first defined on line 10)"),
])
def test_plan_findings(tmp_path: Path, old: str, new: str, line: int, message: str) -> None:
    code, out = check(plan_with(tmp_path, old, new))
    assert code == 1
    assert f"demo.toml:{line}: error:" in out
    assert message in out


def test_missing_required_key(tmp_path: Path) -> None:
    # (name_en was the key removed here until English names became optional, issue 15)
    code, out = check(plan_with(tmp_path, 'unit = "亿元"\n', ''))
    assert code == 1
    # reported on the line of the target's [[target]] header
    assert "demo.toml:20: error: target contracts: missing the required key 'unit'" in out


def test_parent_with_another_unit_and_parts_larger_than_the_whole(tmp_path: Path) -> None:
    # platforms (个) as a part of firms (家): units differ → error on the line of its unit (35)
    code, out = check(plan_with(tmp_path, 'deadline = 2025', 'deadline = 2025\nparent = "firms"'))
    assert "demo.toml:35: error: target platforms: unit '个' differs from its parent firms's '家'" in out
    # a part of 950 家 inside a whole of 900 家 → a warning on the whole
    plan = datadir.PLAN.replace('unit = "个"', 'unit = "家"').replace('value = 100', 'value = 950')
    plan = plan.replace('deadline = 2025', 'deadline = 2025\nparent = "firms"')
    plan = plan.replace('kind = "increment"', 'kind = "level"').replace("新增研发平台100个", "新增研发平台950家")
    data = datadir.make(tmp_path / "b", plan=plan, source=datadir.SOURCE.replace("100个", "950家"),
                        actuals=None)
    code, out = check(data)
    assert "demo.toml:10: warning: target firms: its parts (platforms) add up to 950, more than the whole 900" in out
    assert code == 0
    assert check(data, "--strict")[0] == 1


def test_quote_not_found_in_source(tmp_path: Path) -> None:
    data = plan_with(tmp_path, 'quote = "技术合同成交额达450亿元"', 'quote = "技术合同成交额达到450亿元"')
    code, out = check(data)
    assert code == 1
    # the quote is on line 27; the hint shows where the source diverges
    assert "demo.toml:27: error: target contracts: quote not found in" in out
    assert "the source has '技术合同成交额达'" in out


def test_quote_does_not_state_the_value(tmp_path: Path) -> None:
    data = plan_with(tmp_path, 'value = 450', 'value = 400')
    code, out = check(data)
    assert code == 1
    assert "demo.toml:27: error: target contracts: quote does not state the value 400 亿元" in out


def test_also_is_checked_too(tmp_path: Path) -> None:
    data = plan_with(tmp_path, 'quote = "新增研发平台100个"', 'quote = "新增研发平台100个"\nalso = ["新增平台100个"]')
    code, out = check(data)
    assert "demo.toml:38: error: target platforms: also not found" in out


def test_missing_source_file(tmp_path: Path) -> None:
    code, out = check(datadir.make(tmp_path, source=None))
    assert code == 1 and "no source text" in out and "demo.toml:1" in out


@pytest.mark.parametrize(("row", "message"), [
    ("firmz,2023,700,,,,,", "unknown target 'firmz' in plan demo; did you mean 'firms'?"),
    ("firms,2023Q5,700,,,,,", "period '2023Q5' is not understood"),
    ("firms,2023,nan,,,,,", "value 'nan' is not a finite number"),
    ("firms,2023,7OO,,,,,", "value '7OO' is not a number"),
    ("firms,2023,700,亿元,,,,", "unit '亿元' cannot be converted to the target's unit '家'"),
    ("firms,2023,700,,stok,,,", "basis 'stok' is not one of stock, flow, cumulative, rate; did you mean 'stock'?"),
    # a basis is read without regard to case, and so is the suggestion
    ("firms,2023,700,,FLOWS,,,", "basis 'flows' is not one of stock, flow, cumulative, rate; did you mean 'flow'?"),
])
def test_actuals_findings(tmp_path: Path, row: str, message: str) -> None:
    data = datadir.make(tmp_path, actuals="target,period,value,unit,basis,source,published,note\n" + row + "\n")
    code, out = check(data)
    assert code == 1
    assert f"actuals/demo.csv:2: error: {message}" in out


def test_disagreeing_duplicates_and_vintages(tmp_path: Path) -> None:
    header = "target,period,value,unit,basis,source,published,note\n"
    data = datadir.make(tmp_path, actuals=header + "firms,2023,700,,,,,\nfirms,2023,710,,,,,\n")
    code, out = check(data)
    assert code == 1
    assert "actuals/demo.csv:3: error: two figures for firms 2023 disagree (700 on line 2, 710 here)" in out
    ok = datadir.make(tmp_path / "v", actuals=header + "firms,2023,700,,,,2024-01-20,\nfirms,2023,710,,,,2024-06-30,\n")
    assert check(ok)[0] == 0


def test_figures_outside_the_plan_and_missing_flow_years_are_warnings(tmp_path: Path) -> None:
    header = "target,period,value,unit,basis,source,published,note\n"
    data = datadir.make(tmp_path, actuals=header + "firms,2015,300,,,,,\nplatforms,2021,10,,,,,\nplatforms,2023,10,,,,,\n")
    code, out = check(data)
    assert code == 0
    assert "actuals/demo.csv:2: warning: figure for 2015 is outside the plan's years 2020-2025" in out
    assert "actuals/demo.csv:4: warning: target platforms: no figure for 2022 between 2021 and 2023" in out
    assert check(data, "--strict")[0] == 1


def test_unknown_plan_in_a_plan_column(tmp_path: Path) -> None:
    data = datadir.make(tmp_path, actuals=None)
    (data / "actuals" / "figures.csv").write_text(
        "plan,target,period,value\ndmeo,firms,2023,700\n", encoding="utf-8")
    code, out = check(data)
    assert code == 1 and "figures.csv:2: error: unknown plan 'dmeo'; did you mean 'demo'?" in out


def test_github_format_escapes(tmp_path: Path) -> None:
    # a message holding % and a newline, and a file name holding a comma and a colon
    data = datadir.make(tmp_path, actuals=None)
    odd = data / "actuals" / "a,b:c.csv"
    odd.write_text("plan,target,period,value\ndemo,firms,2023,50%\n", encoding="utf-8")
    code, out = check(data, "--format", "github")
    assert code == 1
    line = next(x for x in out.splitlines() if x.startswith("::error"))
    assert "file=" in line and "a%2Cb%3Ac.csv" in line and ",line=2" in line
    # the unit '%' cannot be converted: '%' in the message is escaped as %25
    assert "unit '%25' cannot be converted" in line
    # the title carries the stable code and where in the row
    assert ",title=ptarget unit-not-convertible (firms/unit)::" in line


def test_github_format_is_automatic_under_github_actions(tmp_path: Path) -> None:
    data = plan_with(tmp_path, 'value = 450', 'value = 400')
    code, out = check(data, env={"GITHUB_ACTIONS": "true"})
    assert code == 1 and out.startswith("::error file=")


def test_json_format(tmp_path: Path) -> None:
    data = plan_with(tmp_path, 'value = 450', 'value = 400')
    code, out = check(data, "--format", "json")
    findings = json.loads(out)
    assert code == 1
    assert findings == [{"severity": "error", "code": "quote-without-value", "file": str(data / "demo.toml"), "line": 27,
                         "target": "contracts", "key": "quote",
                         "message": "target contracts: quote does not state the value 400 亿元: '技术合同成交额达450亿元'"}]


def test_every_finding_in_one_run(tmp_path: Path) -> None:
    plan = datadir.PLAN.replace('unit = "亿元"', 'unitt = "亿元"').replace('kind = "increment"', 'kind = "levle"')
    header = "target,period,value,unit,basis,source,published,note\n"
    data = datadir.make(tmp_path, plan=plan, actuals=header + "firmz,2023,1,,,,,\nfirms,20233,1,,,,,\n")
    code, out = check(data)
    assert "'unitt'" in out and "'levle' is not one of" in out and "did you mean 'level'?" in out
    assert "'firmz'" in out and "'20233'" in out


def test_check_single_files(tmp_path: Path) -> None:
    data = datadir.make(tmp_path)
    assert check(data / "demo.toml")[0] == 0
    # a figures file is judged against the plans of --data (or ./data), wherever it lies
    assert check(data / "actuals" / "demo.csv", "--data", str(data))[0] == 0
    code, out = check(tmp_path / "nothing.toml")
    assert code == 1 and "no such file or folder" in out


# ---------------------------------------------------------------- issue 14: the clerk's path

def test_check_file_outside_the_data_dir_is_judged_against_its_plans(tmp_path: Path) -> None:
    data = datadir.make(tmp_path)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "demo.csv").write_text("target,period,value\nfirms,2024,800\n高新技术企业,2025,850\nfirmz,2024,1\n",
                                  encoding="utf-8")
    code, out = check(bad / "demo.csv", "--data", str(data))
    # the real error shows, and no "no plan … name the file after its plan" on every row
    assert code == 1 and "no plan" not in out
    assert f"{bad / 'demo.csv'}:4: error: unknown target 'firmz' in plan demo; did you mean 'firms'?" in out
    assert "failed: 1 error(s), 0 warning(s) in 1 file(s): 0 plan(s), 0 target(s), 2 figure(s)" in out


def test_a_broken_plan_is_one_finding_and_one_line_for_its_figures(tmp_path: Path) -> None:
    data = datadir.make(tmp_path)
    (data / "demo.toml").write_text(datadir.PLAN.replace('unit = "家"', 'unit = 家', 1), encoding="utf-8")
    code, out = check(data)
    lines = [x for x in out.splitlines() if ": error: " in x]
    assert code == 1 and len(lines) == 2, out
    assert lines[0].endswith("demo.toml:16: error: TOML syntax error: Invalid value (at line 16, column 8)")
    # 6 rows in datadir.ACTUALS, none of which can be checked without their plan
    assert lines[1].endswith("actuals/demo.csv: error: 6 figure(s) of plan demo could not be checked: "
                             "its plan file has errors (fix those first)")
    # the same when only the figures file is named: the plan's error is shown, since it is the cause
    code, out = check(data / "actuals" / "demo.csv", "--data", str(data))
    assert code == 1 and out.count(": error: ") == 2 and "6 figure(s) of plan demo" in out
    code, out = check(data / "demo.toml", str(data / "actuals" / "demo.csv"), "--data", str(data))
    assert code == 1 and out.count(": error: ") == 2  # the plan's error once, though named and needed


def test_check_never_falls_back_to_the_packaged_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a folder whose data/ has no plan yet, only a figures file with a broken row
    (tmp_path / "data" / "actuals").mkdir(parents=True)
    (tmp_path / "data" / "actuals" / "mycity.csv").write_text("target,period,value\nfirms,2024,abc\n",
                                                              encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke(["check"],
                                env={"GITHUB_ACTIONS": "", "PTARGET_DATA": ""})
    assert result.exit_code == 1, result.output  # was 0: the sample plans inside the package were checked
    assert "data: warning: no plan files (*.toml) in this folder" in result.output
    assert "data/actuals/mycity.csv:1: error: no plan for these figures" in result.output
    (tmp_path / "data" / "actuals" / "mycity.csv").unlink()
    (tmp_path / "data" / "actuals").rmdir()
    (tmp_path / "data").rmdir()
    result = invoke(["check"],
                                env={"GITHUB_ACTIONS": "", "PTARGET_DATA": ""})
    assert result.exit_code == 1 and "data: error: no such file or folder" in result.output


def test_a_year_to_date_flow_that_falls_fails_check_strict(tmp_path: Path) -> None:
    data = datadir.make(tmp_path, actuals="target,period,value\nplatforms,2022Q1,90\nplatforms,2022Q2,80\n")
    code, out = check(data)
    assert code == 0
    assert ("demo.csv:3: warning: target platforms: the year-to-date figure for 2022Q2 (80) is below the one "
            "for 2022Q1 (90, line 2); a flow to date cannot fall. If 80 counts that quarter or month alone, "
            "write the period 2022年二季度 (or 2022Q2当季)") in out
    assert check(data, "--strict")[0] == 1  # it raised nothing, even under --strict


def test_quarters_alone_that_cannot_add_up_are_a_warning(tmp_path: Path) -> None:
    data = datadir.make(tmp_path, actuals="target,period,value\nplatforms,2022年三季度,30\n")
    code, out = check(data)
    assert code == 0 and "warning: target platforms: 2022年三季度 is a period alone (2022-07-01 to 2022-09-30) " \
        "and no figure covers 2022-01-01 to 2022-06-30" in out


def test_one_period_written_two_ways_is_a_duplicate(tmp_path: Path) -> None:
    data = datadir.make(tmp_path, actuals="target,period,value\nfirms,2023年上半年,700\nfirms,2023H1,710\n")
    code, out = check(data)
    assert code == 1 and "two figures for firms 2023H1 disagree (700 on line 2, 710 here)" in out


def test_a_figures_file_without_a_data_directory_is_one_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "changde.csv").write_text("target,period,value\nfirms,2024,1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke(["check", "changde.csv"],
                                env={"GITHUB_ACTIONS": "", "PTARGET_DATA": ""})
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == ("data: error: the data directory does not exist, so no figure can "
                                             "be checked against its plan (give --data DIR, set $PTARGET_DATA, or "
                                             "run from the folder that holds data/)")
    assert "failed: 1 error(s)" in result.output


def test_check_speaks_chinese_to_the_end(tmp_path: Path) -> None:
    """--lang zh: each finding and the verdict line; the demo plan's 400 quote states 450."""
    data = plan_with(tmp_path, 'value = 450', 'value = 400')
    code, out = check(data, "--lang", "zh")
    assert code == 1
    assert "错误: 指标 contracts：quote 未写明目标值 400 亿元" in out
    # one error (the quote), no warning; files counted: the plan and its figures file (the source
    # text is read for the plan); 3 targets; 6 figure rows in datadir.ACTUALS
    assert out.rstrip().endswith("未通过：2 个文件中有 1 个错误、0 个警告（规划 1 个，指标 3 项，数据 6 条）")
