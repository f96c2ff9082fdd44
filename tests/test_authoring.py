"""`ptarget new` and `ptarget record`: what they write, byte for byte, and what they refuse."""

from __future__ import annotations

import codecs
import os
import tomllib
from pathlib import Path

import pytest
import tomli_w
from tests.cli import invoke

from policy_targets.files.authoring import todo_keys
from policy_targets.files.actuals import load_actuals
from policy_targets.files.plan import load_plan_file, load_plan_text

PLAN = """\
[plan]
city = "testville"
city_zh = "测试市"
title = "测试市科技创新行动计划(2023-2025年)"
start = 2023
end = 2025

[[target]]
id = "contract_value"
name = "技术合同成交额"
name_en = "Technology contract turnover"
kind = "level"
value = 100
unit = "亿元"
comparator = ">="
deadline = 2025
quote = "技术合同成交额达100亿元"

[[target]]
id = "new_platforms"
name = "每年新增创新平台"
name_en = "New innovation platforms per year"
kind = "annual"
value = 10
unit = "家"
quote = "每年新增创新平台10家"

[[series]]
id = "rd_intensity"
name = "研发投入强度"
name_en = "R&D intensity"
unit = "%"
"""

SOURCE = "# test source\n到2025年,技术合同成交额达100亿元,每年新增创新平台10家。\n"
HEADER = "target,period,value,unit,basis,source,published,note\n"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    (d / "actuals").mkdir(parents=True)
    (d / "sources").mkdir()
    (d / "testville.toml").write_text(PLAN, encoding="utf-8")
    (d / "sources" / "testville.txt").write_text(SOURCE, encoding="utf-8")
    return d


def run(*args: str):  # type: ignore[no-untyped-def]
    return invoke(list(args))


def record(data: Path, *args: str):  # type: ignore[no-untyped-def]
    return run("record", "testville", *args, "--data", str(data))


def figures(path: Path, data: Path):  # type: ignore[no-untyped-def]
    plan, findings = load_plan_file(data / "testville.toml")
    assert plan is not None and not findings
    figs, findings = load_actuals([path], {"testville": plan})
    return figs, findings


# ---------------------------------------------------------------- new

SKELETON_TODO = [
    "plan.city", "plan.city_zh", "plan.title", "plan.title_en", "plan.start", "plan.end",
    "target[0].id", "target[0].name", "target[0].name_en", "target[0].kind", "target[0].value",
    "target[0].unit", "target[0].comparator", "target[0].deadline", "target[0].quote",
]


def test_new_writes_a_skeleton_with_every_required_key_as_todo(data: Path) -> None:
    result = run("new", "newtown", "--data", str(data))
    assert result.exit_code == 0, result.output
    doc = tomllib.loads((data / "newtown.toml").read_text(encoding="utf-8"))
    # 6 plan keys (city, city_zh, title, title_en, start, end) + 9 target keys = 15 placeholders
    assert todo_keys(doc) == SKELETON_TODO
    assert "15 TODO values" in result.output and "plan.start" in result.output
    assert (data / "newtown.toml").read_text(encoding="utf-8").startswith("# Plan newtown for ptarget")
    # unfilled, it does not pass: the years are still text
    _, findings = load_plan_text((data / "newtown.toml").read_text(encoding="utf-8"), "newtown.toml")
    assert any("start must be a year" in f.message and f.line == 11 for f in findings)


def test_new_json_lists_the_todo_keys(data: Path) -> None:
    result = run("new", "newtown", "--data", str(data), "--json")
    assert result.exit_code == 0
    assert '"plan.city"' in result.output and '"target[0].quote"' in result.output


def test_new_skeleton_passes_check_once_the_todos_are_filled(data: Path) -> None:
    run("new", "newtown", "--data", str(data))
    path = data / "newtown.toml"
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    doc["plan"].update(city="newtown", city_zh="新城市", title="新城市科技计划", title_en="Newtown plan",
                       start=2024, end=2026)
    doc["target"][0].update(id="patents", name="发明专利", name_en="Invention patents", kind="level",
                            value=500, unit="件", comparator=">=", deadline=2026,
                            quote="发明专利达500件")
    assert todo_keys(doc) == []
    path.write_text(tomli_w.dumps(doc), encoding="utf-8")
    (data / "sources" / "newtown.txt").write_text("到2026年,发明专利达500件。\n", encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 0, result.output
    assert "ok: 0 error(s), 0 warning(s) in 1 file(s): 1 plan(s), 1 target(s)" in result.output


def test_new_refuses_to_overwrite(data: Path) -> None:
    before = (data / "testville.toml").read_bytes()
    result = run("new", "testville", "--data", str(data))
    assert result.exit_code == 1
    assert "already exists; not overwritten" in result.output
    assert (data / "testville.toml").read_bytes() == before


@pytest.mark.parametrize("plan_id, expected", [
    ("../evil", "never a path"),
    ("a/b", "never a path"),
    ("New-Town", "did you mean 'new_town'?"),
    ("indicators", "reserved"),
])
def test_new_refuses_ids_that_are_not_plan_ids(data: Path, plan_id: str, expected: str) -> None:
    listing = sorted(p.name for p in data.parent.rglob("*"))
    result = run("new", plan_id, "--data", str(data))
    assert result.exit_code == 2
    assert expected in result.output
    assert sorted(p.name for p in data.parent.rglob("*")) == listing


def test_new_never_writes_into_the_packaged_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PTARGET_DATA", raising=False)
    monkeypatch.chdir(tmp_path)  # no ./data here
    result = run("new", "newtown")
    assert result.exit_code == 2
    assert "no data directory to write to" in result.output


# ---------------------------------------------------------------- record: appending

def test_record_appends_to_a_utf8_file(data: Path) -> None:
    path = data / "actuals" / "testville.csv"
    old = (HEADER + "contract_value,2023,80,亿元,,,,\n").encode("utf-8")
    path.write_bytes(old)
    result = record(data, "contract_value", "2024", "92.5", "--source", "市科技局, 2025", "--published",
                    "2025-02-01")
    assert result.exit_code == 0, result.output
    assert "line 3" in result.output
    # the source holds a comma, so it is quoted; unit, basis and note stay empty
    assert path.read_bytes() == old + "contract_value,2024,92.5,,,\"市科技局, 2025\",2025-02-01,\n".encode()
    figs, findings = figures(path, data)
    assert not findings and [f.value for f in figs] == [80.0, 92.5]


def test_record_adds_the_missing_final_newline(data: Path) -> None:
    path = data / "actuals" / "testville.csv"
    old = (HEADER + "contract_value,2023,80,亿元,,,,").encode("utf-8")  # no newline at the end
    path.write_bytes(old)
    assert record(data, "contract_value", "2024", "90").exit_code == 0
    assert path.read_bytes() == old + b"\ncontract_value,2024,90,,,,,\n"
    assert run("check", "--data", str(data)).exit_code == 0


def test_record_keeps_bom_crlf_and_chinese_column_order(data: Path) -> None:
    path = data / "actuals" / "testville.csv"
    old = codecs.BOM_UTF8 + "数值,指标,期间,单位,备注\r\n80,contract_value,2023年,亿元,初步数\r\n".encode("utf-8")
    path.write_bytes(old)
    result = record(data, "contract_value", "2024年", "950000", "--unit", "万元", "--note", "快报")
    assert result.exit_code == 0, result.output
    # the file's own order: 数值, 指标, 期间, 单位, 备注; its CRLF; no second BOM
    assert path.read_bytes() == old + "950000,contract_value,2024年,万元,快报\r\n".encode("utf-8")
    figs, findings = figures(path, data)
    assert not findings
    # 950000 万元 = 950000e4 元 = 95e8 元 = 95 亿元
    assert [(f.period.year, f.value, f.note) for f in figs] == [(2023, 80.0, "初步数"), (2024, 95.0, "快报")]


def test_record_keeps_gb18030(data: Path) -> None:
    path = data / "actuals" / "testville.csv"
    old = (HEADER + "new_platforms,2023,12,家,,市科技局,,全年\n").encode("gb18030")
    path.write_bytes(old)
    result = record(data, "new_platforms", "2024H1", "7", "--source", "市科技局", "--note", "上半年")
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == old + "new_platforms,2024H1,7,,,市科技局,,上半年\n".encode("gb18030")
    figs, findings = figures(path, data)
    assert not findings and [f.note for f in figs] == ["全年", "上半年"]


def test_record_keeps_utf16(data: Path) -> None:
    path = data / "actuals" / "testville.csv"
    old = codecs.BOM_UTF16_LE + (HEADER.replace("\n", "\r\n")).encode("utf-16-le")
    path.write_bytes(old)
    assert record(data, "rd_intensity", "2024", "2.9", "--unit", "%").exit_code == 0
    assert path.read_bytes() == old + "rd_intensity,2024,2.9,%,,,,\r\n".encode("utf-16-le")


def test_record_creates_the_file_with_a_header(tmp_path: Path, data: Path) -> None:
    (data / "actuals").rmdir()
    result = record(data, "new_platforms", "2024", "11")
    assert result.exit_code == 0, result.output
    assert "(new file)" in result.output
    assert (data / "actuals" / "testville.csv").read_bytes() == (HEADER + "new_platforms,2024,11,,,,,\n").encode()
    assert run("check", "--data", str(data)).exit_code == 0


def test_record_fills_a_plan_column_and_accepts_a_negative_value(data: Path) -> None:
    path = data / "actuals" / "testville.csv"
    old = b"plan,target,period,value\n"
    path.write_bytes(old)
    assert record(data, "rd_intensity", "2024", "-0.5").exit_code == 0
    assert path.read_bytes() == old + b"testville,rd_intensity,2024,-0.5\n"


def test_record_accepts_a_later_vintage(data: Path) -> None:
    path = data / "actuals" / "testville.csv"
    old = (HEADER + "contract_value,2024,90,,,,2025-01-20,preliminary\n").encode()
    path.write_bytes(old)
    result = record(data, "contract_value", "2024", "93", "--published", "2025-06-30")
    assert result.exit_code == 0, result.output
    figs, _ = figures(path, data)
    assert [(f.value, f.revised_from) for f in figs] == [(93.0, (90.0,))]


def test_record_warns_for_a_figure_outside_the_plan_years(data: Path) -> None:
    path = data / "actuals" / "testville.csv"
    path.write_bytes(HEADER.encode())
    result = record(data, "contract_value", "2020", "60")
    assert result.exit_code == 0
    # plan 2023-2025, baseline year 2022 by default: 2020 is outside 2022-2025
    assert "testville.csv:2: warning: figure for 2020 is outside the plan's years 2022-2025" in result.output
    assert path.read_bytes().endswith(b"contract_value,2020,60,,,,,\n")


# ---------------------------------------------------------------- record: refusals

EXISTING = HEADER + "contract_value,2024,90,亿元,,,,\n"


@pytest.mark.parametrize("args, code, message", [
    (["contract_valu", "2024", "90"], 2,
     "testville.csv:3: error: unknown target 'contract_valu' in plan testville; did you mean 'contract_value'?"),
    (["contract_value", "2024-13", "95"], 1, "testville.csv:3: error: period '2024-13'"),
    (["contract_value", "sometime", "95"], 1, "period 'sometime' is not understood"),
    (["contract_value", "2025", "95", "--unit", "家"], 1,
     "unit '家' cannot be converted to the target's unit '亿元'"),
    (["contract_value", "2025", "nan"], 1, "value 'nan' is not a finite number"),
    (["contract_value", "2025", "95", "--basis", "stok"], 1, "did you mean 'stock'?"),
    (["contract_value", "2024", "91"], 1,
     "testville.csv:3: error: two figures for contract_value 2024 disagree (90 on line 2, 91 here)"),
    (["contract_value", "2024-12-31", "91"], 1, "two figures for contract_value 2024-12-31 disagree"),
    (["a/b", "2024", "91"], 2, "target 'a/b' is not an id"),
    (["..", "2024", "91"], 2, "never a path"),
    (["contract_value", "2025", "-"], 2, "is a missing figure"),
    (["contract_value", "2025", "95", "--note", "two\nlines"], 2, "--note contains a line break"),
    (["contract_value", "2025", "95", "--unti", "亿元"], 2, "No such option '--unti'"),
])
def test_record_refuses_and_leaves_the_file_byte_identical(data: Path, args: list[str], code: int,
                                                           message: str) -> None:
    path = data / "actuals" / "testville.csv"
    path.write_bytes(EXISTING.encode())
    result = record(data, *args)
    assert result.exit_code == code, result.output
    assert message in result.output
    assert path.read_bytes() == EXISTING.encode()
    assert sorted(os.listdir(path.parent)) == ["testville.csv"]  # no temporary file left


@pytest.mark.parametrize("plan_id, message", [
    ("../data/testville", "never a path"),
    ("testvile", "unknown plan 'testvile'; did you mean 'testville'?"),
])
def test_record_refuses_a_plan_that_is_a_path_or_unknown(data: Path, plan_id: str, message: str) -> None:
    path = data / "actuals" / "testville.csv"
    path.write_bytes(EXISTING.encode())
    result = run("record", plan_id, "contract_value", "2025", "95", "--data", str(data))
    assert result.exit_code == 2
    assert message in result.output
    assert path.read_bytes() == EXISTING.encode()


def test_record_refuses_a_duplicate_in_another_file(data: Path) -> None:
    (data / "actuals" / "other.csv").write_bytes(b"plan,target,period,value\ntestville,new_platforms,2024,12\n")
    result = record(data, "new_platforms", "2024", "13")
    assert result.exit_code == 1
    # check reads other.csv before testville.csv, so the row in testville.csv is the second one
    assert "two figures for new_platforms 2024 disagree (12 on" in result.output
    assert "other.csv line 2, 13 here" in result.output
    assert not (data / "actuals" / "testville.csv").exists()


def test_record_refuses_an_option_with_no_column(data: Path) -> None:
    path = data / "actuals" / "testville.csv"
    old = b"target,period,value\r\ncontract_value,2023,80\r\n"
    path.write_bytes(old)
    result = record(data, "contract_value", "2024", "90", "--source", "x")
    assert result.exit_code == 1
    assert "has no column for --source" in result.output
    assert path.read_bytes() == old


@pytest.mark.parametrize("failing", ["write", "fsync"])
def test_a_failed_write_leaves_the_old_file_intact(data: Path, monkeypatch: pytest.MonkeyPatch,
                                                   failing: str) -> None:
    # record appends in place (no rename): a write that fails half way is cut back off
    path = data / "actuals" / "testville.csv"
    path.write_bytes(EXISTING.encode())
    real_write = os.write

    def boom(fd: int, data: bytes = b"", *args: object) -> int:
        if failing == "write":
            real_write(fd, bytes(data)[: len(data) // 2])  # half the row reaches the file
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, boom)
    result = record(data, "contract_value", "2025", "99")
    assert result.exit_code == 1
    assert "No space left on device; the file is unchanged" in result.output
    assert path.read_bytes() == EXISTING.encode()
    assert sorted(os.listdir(path.parent)) == ["testville.csv"]


def test_record_warns_for_a_flow_year_left_out(data: Path) -> None:
    path = data / "actuals" / "testville.csv"
    path.write_bytes((HEADER + "new_platforms,2023,12,,,,,\n").encode())
    result = record(data, "new_platforms", "2025", "9")
    assert result.exit_code == 0
    # flows for 2023 and 2025: 2024 is missing in between, and the warning points at the new row
    assert ("testville.csv:3: warning: target new_platforms: no figure for 2024 between 2023 and 2025"
            in result.output)


@pytest.mark.parametrize("old", [b"", codecs.BOM_UTF8])
def test_record_writes_a_header_into_an_empty_file_keeping_its_bom(data: Path, old: bytes) -> None:
    path = data / "actuals" / "testville.csv"
    path.write_bytes(old)
    result = record(data, "rd_intensity", "2024", "2.9")
    assert result.exit_code == 0, result.output
    assert "line 2" in result.output
    assert path.read_bytes() == old + (HEADER + "rd_intensity,2024,2.9,,,,,\n").encode()


def test_new_and_record_in_chinese(data: Path) -> None:
    """A clerk who writes only Chinese: the skeleton's hints are Chinese and it asks for no English
    name; 5 plan keys (city, city_zh, title, start, end) + 8 target keys = 13 placeholders."""
    result = run("new", "newtown", "--data", str(data), "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert "请填写 13 处 TODO" in result.output
    text = (data / "newtown.toml").read_text(encoding="utf-8")
    assert "title_en" not in text.split("\n\n", 1)[1] and "name_en" not in text.split("\n\n", 1)[1]
    assert "规划全称" in text
    doc = tomllib.loads(text)
    assert len(todo_keys(doc)) == 13
