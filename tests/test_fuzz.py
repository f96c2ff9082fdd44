"""Property-based fuzzing: bad input becomes findings or usage errors, never a traceback.

Bounded by the hypothesis profile in conftest.py (a few seconds in CI); run more with
PTARGET_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py.
"""

from __future__ import annotations

import csv
import io
import json
import math
import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest
from tests.cli import invoke
from hypothesis import example, given
from hypothesis import strategies as st

from policy_targets.files.actuals import load_actuals
from policy_targets.files.plan import load_plan_text
from policy_targets.core.model import COMPARATORS, KINDS, Finding, Plan, Target
from policy_targets.core.numbers import (CN_NUMERAL_CHARS, NumberError, chinese_to_number, numbers_in,
                                    parse_value)
from policy_targets.core.periods import Period, PeriodError, month_end, parse_date, parse_period

# ---------------------------------------------------------------- a valid plan text to mutate

VALID_PLAN = """\
[plan]
city = "testcity"
city_zh = "测试市"
title = "测试市科技规划"
title_en = "Test plan"
start = 2023
end = 2025
baseline_year = 2022

[plan.assessment]
on_track = 0.95

[[target]]
id = "firms"
name = "高新技术企业"
name_en = "High-tech firms"
kind = "level"
value = 100
unit = "家"
comparator = ">="
deadline = 2025
baseline = { value = 50, year = 2022, source = "2022年统计公报" }
quote = "高新技术企业达到100家"
also = ["全市高新技术企业达到100家"]

[[target]]
id = "rd_growth"
name = "研发投入增速"
name_en = "R&D growth"
kind = "growth"
value = 10
unit = "%"
quote = "研发投入年均增长10%"

[[target]]
id = "labs"
name = "重点实验室"
name_en = "Key labs"
kind = "increment"
value = [5, 10]
unit = "家"
parent = "firms"
quote = "新增重点实验室5-10个"

[[series]]
id = "gdp_growth"
name = "GDP增速"
name_en = "GDP growth"
unit = "%"
"""
VALID_LINES = VALID_PLAN.count("\n") + 1


def _plans() -> dict[str, Plan]:
    plan, findings = load_plan_text(VALID_PLAN, "testcity.toml")
    assert plan is not None and not [f for f in findings if f.severity == "error"], findings
    return {plan.id: plan}


def _assert_findings(findings: list[Finding], file: str, max_line: int) -> None:
    for f in findings:
        assert isinstance(f, Finding)
        assert f.severity in ("error", "warning")
        assert f.file == file
        assert isinstance(f.message, str) and f.message
        assert f.line is None or 1 <= f.line <= max_line, (f.line, max_line, f.message)


# ---------------------------------------------------------------- the plan loader

@st.composite
def mutated_plan(draw: st.DrawFn) -> str:
    """The valid plan with a few random edits: lines dropped, doubled, swapped, characters changed."""
    lines = VALID_PLAN.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["drop", "dup", "swap", "char", "insert", "truncate", "value"]))
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        if op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "char" and lines[i]:
            k = draw(st.integers(0, len(lines[i]) - 1))
            c = draw(st.sampled_from(list('"[]=#{},\'\\\n0-.x') + [draw(st.characters())]))
            lines[i] = lines[i][:k] + c + lines[i][k + 1:]
        elif op == "insert":
            lines.insert(i, draw(st.sampled_from([
                "unitt = \"家\"", "kind = \"levle\"", "comparator = \"=>\"", "value = [10, 5]",
                "deadline = 1800", "deadline = 2025-06-30T00:00:00", "deadline = 2024-06-30",
                "start = 0", "end = 99999", "baseline_year = 0", "baseline_year = 99999",
                "baseline = { value = 1, year = 0, source = \"s\" }", "value = 1e308",
                "value = nan", "value = inf", "pace = \"geometric\"", "tolerance = -1",
                "[[target]]", "[plan]", "[[series]]", "target = 1", "[target]", "verify_quote = 0",
                "id = \"firms\"", "parent = \"nope\"", "reference = \"gdp_growth\"", "also = [1]",
            ])))
        elif op == "truncate":
            lines = lines[:i]
        elif op == "value":
            lines.insert(i, f"value = {draw(st.one_of(st.integers(), st.floats(allow_nan=False)))!r}"
                         .replace("inf", "1e999"))
    return "\n".join(lines) + "\n"


def _check_plan_text(text: str) -> None:
    plan, findings = load_plan_text(text, "testcity.toml")
    _assert_findings(findings, "testcity.toml", text.count("\n") + 1)
    if plan is None:
        assert any(f.severity == "error" for f in findings)
    else:
        assert isinstance(plan, Plan)
        assert all(isinstance(t, Target) and isinstance(t.id, str) for t in plan.targets)
        # a loaded deadline is a calendar date, comparable with every other date of the program
        assert all(t.deadline is None or type(t.deadline) is date for t in plan.targets)


@given(mutated_plan())
def test_plan_loader_never_raises_on_mutated_text(text: str) -> None:
    _check_plan_text(text)


def test_plan_loader_reads_a_toml_datetime_deadline_as_a_date() -> None:
    # TOML `deadline = 2025-06-30T00:00:00` is a datetime; kept as one it breaks every
    # comparison with a date later on (TypeError in assess)
    _check_plan_text(VALID_PLAN.replace("deadline = 2025\n", "deadline = 2025-06-30T00:00:00\n"))


@given(st.text(max_size=400))
@example("[plan]\nstart = 2023\n[[target]]\nid = 1\n")
@example("[[plan]]\n")
@example("plan = 1\ntarget = \"x\"\nseries = {}\n")
def test_plan_loader_never_raises_on_any_text(text: str) -> None:
    plan, findings = load_plan_text(text, "x.toml")
    _assert_findings(findings, "x.toml", text.count("\n") + len(text.splitlines()) + 1)
    assert plan is not None or findings


# ---------------------------------------------------------------- the CSV loader

HEADERS = ["target", "period", "value", "unit", "basis", "source", "published", "note", "plan",
           "指标", "期间", "数值", "单位", "口径", "来源", "备注", "vaule", "", "\ufefftarget"]
CELLS = ["firms", "rd_growth", "labs", "gdp_growth", "firmz", "testcity", "nope", "2023", "2024-06",
         "2024Q2", "2024H1", "2024年", "2024年6月", "2024年上半年", "2024Q5", "2024-13", "60",
         "1,234.5", "４５０", "450亿元", "2.7%", "nan", "inf", "-", "—", "/", "", "是", "否",
         "1e300", "1e308", "-1e308", "家", "万家", "亿家", "亿元", "%", "stock", "flow", "cumulative",
         "rate", "bogus", "2024-03-01", "2025-01-01", "not a date", "3000", '"', "a\nb", "\x00", "\u202e"]


@st.composite
def csv_bytes(draw: st.DrawFn) -> bytes:
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=0, max_size=7))
    if draw(st.booleans()):  # mostly a usable header
        header = ["target", "period", "value"] + draw(st.lists(st.sampled_from(HEADERS), max_size=3))
    cell = st.one_of(st.sampled_from(CELLS), st.text(max_size=8))
    rows = draw(st.lists(st.lists(cell, min_size=0, max_size=len(header) + 1), max_size=8))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join(",".join(r) for r in [header, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 4)) == 0:  # a few random bytes somewhere
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
    return data


def _check_csv(data: bytes) -> None:
    plans = _plans()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "testcity.csv"
        path.write_bytes(data)
        figures, findings = load_actuals([path], plans)
    lines = max(1, data.count(b"\n") + data.count(b"\r") + 1)
    _assert_findings(findings, str(path), lines)
    known = {t.id for t in plans["testcity"].targets} | {s.id for s in plans["testcity"].series}
    for f in figures:
        assert f.plan == "testcity" and f.target in known
        assert isinstance(f.period, Period)
        assert isinstance(f.value, float) and math.isfinite(f.value), f


@given(csv_bytes())
@example(b"target,period,value\nfirms,2024,60\nfirms,2024,70\n")
@example("target,period,value,published\nfirms,2024,60,2024-03-01\nfirms,2024,70,\n".encode())
def test_csv_loader_never_raises(data: bytes) -> None:
    _check_csv(data)


def test_csv_value_that_overflows_in_conversion_is_an_error() -> None:
    # 1e301 亿家 = 1e309 家, which is no float: an error, never an infinite figure
    _check_csv("target,period,value,unit\nfirms,2024,1e301,亿家\n".encode())


# ---------------------------------------------------------------- numbers and periods

@given(st.text(max_size=40))
@example("1e999")
@example("9" * 400)
@example("－１，２３４．５亿元")
def test_parse_value_is_a_finite_number_or_number_error(text: str) -> None:
    try:
        value, unit = parse_value(text)
    except NumberError:
        return
    assert isinstance(value, float) and math.isfinite(value)
    assert unit is None or (isinstance(unit, str) and unit == unit.strip() and unit)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_parse_value_reads_back_any_float(x: float) -> None:
    assert parse_value(repr(x)) == (x, None)
    fullwidth = repr(x).translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789.-+"})
    assert parse_value(fullwidth)[0] == x


@given(st.integers(-10**15, 10**15), st.sampled_from(["", "亿元", "%", " 家"]))
def test_parse_value_reads_thousands_separators(n: int, unit: str) -> None:
    assert parse_value(f"{n:,}{unit}") == (float(n), unit.strip() or None)


@given(st.text(alphabet=CN_NUMERAL_CHARS, min_size=1, max_size=60))
def test_chinese_to_number_is_a_number_or_number_error(text: str) -> None:
    _check_chinese(text)


def test_chinese_numeral_beyond_float_is_a_number_error() -> None:
    _check_chinese("亿" * 40)  # 10**320 is no float: a NumberError, not an OverflowError


def _check_chinese(text: str) -> None:
    try:
        value = chinese_to_number(text)
    except NumberError:
        return
    assert isinstance(value, float) and value >= 0


@given(st.integers(1, 9999))
def test_chinese_numerals_small(n: int) -> None:
    # 三十五 → 35 and the like, built digit by digit: n = 1234 → 一千二百三十四
    digits = "零一二三四五六七八九"
    parts, zero = [], False
    for power, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // power % 10
        if d:
            if zero and parts:
                parts.append("零")
            parts.append(digits[d] + name)
            zero = False
        else:
            zero = True
    assert chinese_to_number("".join(parts)) == n


@given(st.text(max_size=80))
@example("9" * 400 + "亿")
def test_numbers_in_never_raises(text: str) -> None:
    found = numbers_in(text)
    assert all(isinstance(v, float) and not math.isnan(v) for v in found)


def test_numbers_in_a_quote_with_a_huge_chinese_numeral() -> None:
    # the quote check reads every number of a quote; a run of 40 亿 must not crash `check`
    assert 1.0 not in numbers_in("达到" + "亿" * 40 + "家")


@given(st.text(max_size=30))
def test_parse_period_and_parse_date_raise_only_period_error(text: str) -> None:
    _check_date(text)


@pytest.mark.parametrize("text", ["3000", "2201-01-01"])
def test_parse_date_keeps_to_the_years_periods_accept(text: str) -> None:
    # parse_period refuses year 3000; the dateutil fallback must not then accept it (as
    # 3000-<today's month>-<today's day>)
    _check_date(text)


def _check_date(text: str) -> None:
    try:
        p = parse_period(text)
        assert 1900 <= p.year <= 2200
    except PeriodError:
        pass
    try:
        d = parse_date(text)
    except PeriodError:
        return
    assert type(d) is date
    assert 1900 <= d.year <= 2200, f"{text!r} read as {d}: outside the years periods accept"


@given(st.integers(1900, 2200), st.integers(1, 12))
def test_month_forms_agree(year: int, month: int) -> None:
    end = month_end(year, month)
    assert parse_period(f"{year}-{month:02d}").end == end
    assert parse_period(f"{year}年{month}月").end == end
    assert parse_period(f"{year}/{month}").end == end
    quarter, half = (month + 2) // 3, 1 if month <= 6 else 2
    if month % 3 == 0:
        assert parse_period(f"{year}Q{quarter}").end == end
        assert parse_period(f"{year}年第{'一二三四'[quarter - 1]}季度").end == end
    if month in (6, 12):
        assert parse_period(f"{year}H{half}").end == end
        assert parse_period(f"{year}年{'上下'[half - 1]}半年").end == end


@given(st.integers(1990, 2100), st.integers(1, 12))
def test_parse_date_of_a_month_name_is_its_last_day_or_an_error(year: int, month: int) -> None:
    # "Jun 2024" must not become 2024-06-<today's day>: the result may not depend on the clock
    name = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1]
    try:
        d = parse_date(f"{name} {year}")
    except PeriodError:
        return
    assert d == month_end(year, month)


# ---------------------------------------------------------------- the command line on tiny data dirs

def _weird(valid: st.SearchStrategy, *odd: object) -> st.SearchStrategy:
    """Mostly (19 times in 20) a valid value, sometimes an odd one."""
    return st.integers(0, 19).flatmap(lambda n: st.sampled_from(list(odd)) if n == 0 else valid)


IDS = ["firms", "labs", "rd", "share"]
NUMBER = st.one_of(st.integers(-5, 1000), st.floats(-1e3, 1e6, allow_nan=False))


@st.composite
def target_table(draw: st.DrawFn, i: int) -> dict[str, object]:
    kind = draw(_weird(st.sampled_from(KINDS), "levle"))
    t: dict[str, object] = {
        "id": draw(_weird(st.just(IDS[i]), "Bad-Id", "firms")),
        "name": f"指标{i}", "name_en": f"Target {i}", "kind": kind,
        "unit": draw(st.sampled_from(["家", "亿元", "万元", "%", "件/万人"])),
        "quote": f"quote {i}", "verify_quote": False, "note": "fuzz",
    }
    if kind not in ("relative", "milestone") or draw(st.booleans()):
        t["value"] = draw(_weird(NUMBER, [10, 5], [5, 10], 0, 1e308, "450", [1, 2, 3]))
    if draw(st.booleans()):
        t["comparator"] = draw(_weird(st.sampled_from(COMPARATORS), "=>"))
    if draw(st.booleans()):
        t["deadline"] = draw(_weird(st.integers(2021, 2027), 0, 99999, date(2025, 6, 30),
                                    datetime(2025, 6, 30), "2025-06", "soon"))
    if draw(st.booleans()):
        t["baseline"] = {"value": draw(_weird(NUMBER, 0, -1)),
                         "year": draw(_weird(st.integers(2019, 2024), 0, 99999, 1899)),
                         "source": "公报"}
    if draw(st.booleans()):
        t["pace"] = draw(st.sampled_from(["linear", "geometric"]))
    if kind == "relative":
        t["reference"] = "gdp"
    if draw(st.integers(0, 5)) == 0:
        t["parent"] = draw(st.sampled_from(["firms", "labs", "nope"]))
        t["unit"] = "家"
    if draw(st.integers(0, 3)) == 0 and t.get("comparator") == "~":
        t["tolerance"] = draw(_weird(st.floats(0, 1), -1))
    return t


@st.composite
def data_dir_files(draw: st.DrawFn) -> dict[str, bytes]:
    import tomli_w

    start = draw(_weird(st.integers(2018, 2025), 0, -1, 99999, 1899))
    end = draw(_weird(st.integers(0, 5).map(lambda n: start + n if isinstance(start, int) else 2025),
                      0, 99999, 2201, 2020))
    plan: dict[str, object] = {"city": "testcity", "city_zh": "测试市", "title": "测试规划",
                               "title_en": "Test plan", "start": start, "end": end}
    if draw(st.booleans()):
        plan["baseline_year"] = draw(_weird(st.integers(2015, 2025), 0, 99999, -3))
    if draw(st.integers(0, 9)) == 0:
        plan["assessment"] = {"on_track": draw(_weird(st.floats(0, 2), -1)),
                              "behind": draw(_weird(st.floats(0, 2), 11))}
    targets = [draw(target_table(i)) for i in range(draw(st.integers(0, 4)))]
    doc = {"plan": plan, "target": targets,
           "series": [{"id": "gdp", "name": "GDP增速", "name_en": "GDP growth", "unit": "%"}]}
    files = {"testcity.toml": tomli_w.dumps(doc).encode()}
    header = "target,period,value,unit,basis,published"
    ids = [str(t["id"]) for t in targets] + ["gdp"]
    row = st.tuples(
        _weird(st.sampled_from(ids), "firmz", ""),
        _weird(st.sampled_from(["2022", "2023", "2024-06", "2024", "2025Q3", "2025", "2026"]),
               "2024Q5", "1899", "2201", "2030年12月"),
        _weird(st.sampled_from(["0", "1", "50", "99.5", "-3", "1,200", "-"]),
               "450亿元", "2.7%", "nan", "inf", "1e308", "是", "", "abc"),
        _weird(st.just(""), "家", "万家", "亿元", "%", "件/万人", "亿家"),
        _weird(st.sampled_from(["", "stock", "flow", "cumulative", "rate"]), "bogus"),
        _weird(st.sampled_from(["", "2024-03-01", "2025-03-01"]), "bad", "3000"),
    )
    rows = draw(st.lists(row, max_size=8))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header.split(","), *rows])
    files["actuals/testcity.csv"] = out.getvalue().encode()
    return files


def _invoke(args: list[str]):  # type: ignore[no-untyped-def]
    result = invoke(args, env={"COLUMNS": "120"})
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
    return result


@given(data_dir_files(), st.sampled_from(["pace", "eurostat"]), st.sampled_from([None, "2024-06-30", "2023"]))
def test_cli_on_generated_data_dirs(files: dict[str, bytes], method: str, as_of: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        for name, data in files.items():
            (d / name).parent.mkdir(parents=True, exist_ok=True)
            (d / name).write_bytes(data)
        common = ["--data", str(d)]
        checked = _invoke(["check", *common, "--format", "json"])
        findings = json.loads(checked.stdout.split("\n\n")[0]) if checked.stdout.strip().startswith("[") else []
        clean = checked.exit_code == 0
        extra = ["--as-of", as_of] if as_of else []
        for args in (["status", "testcity", "--method", method, *extra], ["show", "testcity"],
                     ["gap", "--year", "2024", "--method", method], ["list"]):
            for as_json in (True, False):
                result = _invoke([*args, *common, *(["--json"] if as_json else [])])
                if clean:
                    # `check` passing is the promise that every reading command works
                    assert result.exit_code == 0, (args, findings, result.output)
                if result.exit_code == 0 and as_json:
                    json.loads(result.stdout)
        _invoke(["check", *common])


@pytest.mark.parametrize("args", [
    ["status", "nosuch"], ["gap"], ["gap", "--year", "x"], ["show", "../etc/passwd"],
    ["status", "testcity", "--as-of", "soon"], ["status", "testcity", "--method", "x"],
    ["pace", "--baseline", "1", "--from", "2020", "--target", "2", "--by", "2019"],
    ["pace", "--baseline", "nan", "--from", "2020", "--target", "2", "--by", "2025"],
    ["pace", "--baseline", "0", "--from", "2020", "--target", "2", "--by", "2025", "--geometric"],
    ["check", "--format", "yaml"], ["nosuchcommand"],
])
def test_usage_errors_exit_2(args: list[str], tmp_path: Path) -> None:
    (tmp_path / "testcity.toml").write_text(VALID_PLAN, encoding="utf-8")
    result = invoke([*args, "--data", str(tmp_path)] if args[0] != "nosuchcommand" else args,
                                catch_exceptions=False)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def _plan_dir(tmp_path: Path, text: str, csv_text: str = "target,period,value\nfirms,2023,60\nfirms,2024,80\n") -> Path:
    (tmp_path / "actuals").mkdir()
    (tmp_path / "testcity.toml").write_text(text, encoding="utf-8")
    (tmp_path / "actuals" / "testcity.csv").write_text(csv_text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("edit", [
    # years a date cannot hold: accepted by the loader (and by `check`) but fatal to
    # date(year, 12, 31) in assess/views
    ("baseline_year = 2022", "baseline_year = 0"),
    ("baseline_year = 2022", "baseline_year = 99999"),
    ("start = 2023\nend = 2025", "start = -1\nend = 0"),
    ('baseline = { value = 50, year = 2022, source = "2022年统计公报" }',
     'baseline = { value = 50, year = 0, source = "2022年统计公报" }'),
    # a TOML datetime deadline: a datetime compared with a date
    ("deadline = 2025\n", "deadline = 2025-06-30T00:00:00\n"),
], ids=["baseline_year_0", "baseline_year_99999", "end_0", "baseline_year_in_target_0", "datetime_deadline"])
def test_check_ok_means_reading_commands_work(edit: tuple[str, str], tmp_path: Path) -> None:
    """Either `check` reports the odd value as an error (exit 1), or every command runs."""
    text = VALID_PLAN.replace(*edit).replace('quote = "', 'verify_quote = false\nnote = "n"\nquote = "')
    assert text != VALID_PLAN
    d = _plan_dir(tmp_path, text)
    checked = _invoke(["check", "--data", str(d)])
    for args in (["status", "testcity"], ["status", "testcity", "--json"], ["show", "testcity"],
                 ["gap", "--year", "2024"], ["list"]):
        result = _invoke([*args, "--data", str(d)])
        assert result.exit_code == (0 if checked.exit_code == 0 else 1), (args, result.output)
