"""`ptarget import FILE PLAN`: a clerk's sheet, checked as `check` checks it, appended to
data/actuals/PLAN.csv in that file's own encoding and layout, or nothing written at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import Result
from tests.cli import invoke


from . import clerk

GBK_ACTUALS = "规划,指标,数值,期间,单位,来源,备注\r\nqingshan,high_tech_enterprises,700,2023,家,青山市统计局,\r\n"
"""A destination as a clerk's Excel saved it: GBK, CRLF, Chinese headers in its own order."""


def run(data: Path, *args: str) -> Result:
    return invoke([*args, "--data", str(data)],
                              env={"GITHUB_ACTIONS": "", "PTARGET_TODAY": "2024-12-01"})


def test_dry_run_shows_the_rows_and_writes_nothing(tmp_path: Path) -> None:
    data = clerk.make(tmp_path)
    before = (data / "actuals" / "qingshan.csv").read_bytes()
    book = clerk.workbook(tmp_path / "青山市科技统计.xlsx")
    result = run(data, "import", str(book), "青山", "--dry-run")  # the plan by its city's Chinese name
    assert result.exit_code == 0, result.output
    out = result.output
    assert f"{book}#年度:3: already recorded: high_tech_enterprises 2023 700" in out
    assert "would add 7 figure(s) to " in out and "dry run: nothing written" in out
    assert "  line 3: high_tech_enterprises 2024 760 家" in out and "[Lower bound: the source says '760余家']" in out
    assert "  line 8: new_tech_smes 2024年二季度 80 家" in out
    assert (data / "actuals" / "qingshan.csv").read_bytes() == before


def test_import_appends_in_the_files_own_encoding_and_layout(tmp_path: Path) -> None:
    data = clerk.make(tmp_path, actuals=None)
    dest = data / "actuals" / "qingshan.csv"
    dest.write_bytes(GBK_ACTUALS.encode("gbk"))
    sheet = clerk.gbk_csv(tmp_path / "figures.csv")  # named after no plan: PLAN says whose it is
    result = run(data, "import", str(sheet), "qingshan")
    assert result.exit_code == 0, result.output
    assert "adding 4 figure(s)" in result.output and "(gb18030)" in result.output
    raw = dest.read_bytes()
    assert raw.startswith(GBK_ACTUALS.encode("gbk"))  # the old bytes untouched
    assert raw.decode("gbk").splitlines(keepends=True)[2:] == [
        # 规划,指标,数值,期间,单位,来源,备注: the file's order; ids and the target's unit
        "qingshan,high_tech_enterprises,820,2024年,家,青山市统计局 2024年统计公报,"
        "Approximate: the source says '约820家'\r\n",
        "qingshan,tech_contract_value,70,2024年,亿元,青山市科技局,\r\n",  # 70亿 = 70 亿元
        "qingshan,new_tech_smes,90,2024年一季度,家,青山市科技局,\r\n",
        "qingshan,new_tech_smes,80,2024年二季度,家,青山市科技局,\r\n",
    ]
    code = run(data, "check", "--strict")
    assert code.exit_code == 0, code.output  # no qualified-value warning left: the note holds the words
    again = run(data, "import", str(sheet), "qingshan")
    assert again.exit_code == 0 and "nothing to add" in again.output and again.output.count("already recorded") == 4
    assert dest.read_bytes() == raw


def test_quarters_alone_add_up_to_the_half_year(tmp_path: Path) -> None:
    data = clerk.make(tmp_path)
    run(data, "import", str(clerk.gbk_csv(tmp_path / "figures.csv")), "qingshan")
    result = run(data, "status", "qingshan", "--json")
    assert result.exit_code == 0, result.output
    smes = next(r for r in json.loads(result.output)["targets"] if r["id"] == "new_tech_smes")
    # 一季度 90 + 二季度 80 = 1-6月 170 (it was read as 80 when 二季度 meant January to June)
    assert smes["actual"]["value"] == 170
    assert smes["actual"]["date"] == "2024-06-30"


def test_any_error_writes_nothing(tmp_path: Path) -> None:
    data = clerk.make(tmp_path)
    dest = data / "actuals" / "qingshan.csv"
    before = dest.read_bytes()
    sheet = tmp_path / "figures.csv"
    sheet.write_text("指标,期间,数值\n"
                     "高新技术企业数量,2024,800\n"
                     "高新技术企业数,2024,800\n"        # line 3: a misspelt name
                     "技术合同成交额,2024年,近九十亿\n",  # line 4: Chinese numerals
                     encoding="utf-8")
    result = run(data, "import", str(sheet), "qingshan")
    assert result.exit_code == 1
    assert (f"{sheet}:3: error: unknown target '高新技术企业数' in plan qingshan; did you mean "
            "'high_tech_enterprises' (高新技术企业数量)?") in result.output
    assert f"{sheet}:4: error: value '近九十亿' is not a number" in result.output
    assert "ptarget: 2 error(s); nothing written to" in result.output
    assert dest.read_bytes() == before


def test_a_figure_that_disagrees_with_a_recorded_one_is_refused(tmp_path: Path) -> None:
    data = clerk.make(tmp_path)
    sheet = tmp_path / "figures.csv"
    sheet.write_text("指标,期间,数值\n高新技术企业数量,2023年,710\n", encoding="utf-8")  # 700 is recorded
    result = run(data, "import", str(sheet), "qingshan")
    assert result.exit_code == 1
    assert "two figures for high_tech_enterprises 2023年 disagree" in result.output


def test_a_row_for_another_plan_is_refused(tmp_path: Path) -> None:
    data = clerk.make(tmp_path)
    sheet = tmp_path / "figures.csv"
    sheet.write_text("plan,target,period,value\nqingshan,high_tech_enterprises,2024,800\n"
                     "other,high_tech_enterprises,2024,800\n", encoding="utf-8")
    result = run(data, "import", str(sheet), "qingshan")
    assert result.exit_code == 1 and f"{sheet}:3: error: unknown plan 'other'" in result.output


def test_a_new_destination_is_created(tmp_path: Path) -> None:
    data = clerk.make(tmp_path, actuals=None)
    book = clerk.workbook(tmp_path / "book.xlsx")
    result = run(data, "import", str(book), "qingshan", "--sheet", "季度")
    assert result.exit_code == 0, result.output
    assert "(new file, utf-8)" in result.output
    text = (data / "actuals" / "qingshan.csv").read_text(encoding="utf-8")
    assert text == ("target,period,value,unit,basis,source,published,note\n"
                    "new_tech_smes,2024年一季度,90,家,,,2024-04-20,\n"
                    "new_tech_smes,2024年二季度,80,家,,,2024-07-20,\n"
                    "new_tech_smes,2024年三季度,95,家,,,2024-10-20,\n")


def test_a_field_with_no_column_in_the_destination_is_refused(tmp_path: Path) -> None:
    data = clerk.make(tmp_path, actuals="target,period,value\n")
    sheet = tmp_path / "figures.csv"
    sheet.write_text("指标,期间,数值\n高新技术企业数量,2024,超800家\n", encoding="utf-8")
    result = run(data, "import", str(sheet), "qingshan")
    assert result.exit_code == 1 and "has no column for note" in result.output


def test_unknown_plan_is_a_usage_error(tmp_path: Path) -> None:
    data = clerk.make(tmp_path)
    result = run(data, "import", str(clerk.gbk_csv(tmp_path / "f.csv")), "青岛")
    assert result.exit_code == 2 and "unknown plan '青岛'" in result.output


def test_a_failed_write_leaves_the_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from policy_targets.files import store  # the locking writer import writes through

    data = clerk.make(tmp_path)
    dest = data / "actuals" / "qingshan.csv"
    before = dest.read_bytes()

    def fail(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "write_atomic", fail)
    result = run(data, "import", str(clerk.gbk_csv(tmp_path / "f.csv")), "qingshan")
    assert result.exit_code == 1 and "No space left on device; nothing written" in result.output
    assert dest.read_bytes() == before
