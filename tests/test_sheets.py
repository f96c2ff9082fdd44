"""Figures as a bureau sends them: workbooks (typed cells, several sheets, a title row, footnotes),
wide sheets (one column per period) and GBK CSV with Chinese headers, read by the reader
`check`, `status` and `import` share; every finding names the file, the line and the cell."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from tests.cli import invoke

from policy_targets.files.actuals import load_actuals
from policy_targets.files.plan import load_plan_file
from policy_targets.files.sheets import cell_text, column_letter, figure_files, kind_of

from . import clerk


def plans(data: Path) -> dict:
    plan, findings = load_plan_file(data / "qingshan.toml")
    assert plan is not None and not findings
    return {"qingshan": plan}


def values(figures: list) -> list[tuple[str, str, float]]:
    return sorted((f.target, f.period.label, f.value) for f in figures)


def check(*args: str) -> tuple[int, str]:
    result = invoke(["check", *args], env={"GITHUB_ACTIONS": ""})
    return result.exit_code, result.output


# ---------------------------------------------------------------- cells

@pytest.mark.parametrize(("value", "fmt", "text"), [
    (2023, "General", "2023"),
    (2023.0, "General", "2023"),           # a year typed into a number cell
    (65.5, "0.0", "65.5"),
    (0.034, "0.0%", "3.4%"),               # Excel shows 3.4%: 0.034 × 100 = 3.4
    (0.1 + 0.2, "General", "0.3"),         # 0.30000000000000004 to 15 digits
    (datetime(2024, 6, 30), "yyyy-mm-dd", "2024-06-30"),
    (datetime(2024, 6, 1), "yyyy-mm", "2024-06"),  # a month typed as 2024-06: Excel stores the 1st
    (date(2024, 6, 1), "yyyy-mm-dd", "2024-06-01"),
    (True, "General", "是"),
    (None, "General", ""),
    (" 约820家 ", "General", "约820家"),
])
def test_typed_cells_read_as_a_person_reads_them(value: object, fmt: str, text: str) -> None:
    assert cell_text(value, fmt) == text


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 2, 25, 26, 27, 701, 702)] == ["A", "C", "Z", "AA", "AB", "ZZ", "AAA"]


# ---------------------------------------------------------------- workbooks

def test_a_workbook_is_read_whole(tmp_path: Path) -> None:
    data = clerk.make(tmp_path, actuals=None)
    book = clerk.workbook(tmp_path / "qingshan.xlsx")
    assert kind_of(book) == "xlsx"
    figures, findings = load_actuals([book], plans(data))
    assert values(figures) == [
        ("high_tech_enterprises", "2023", 700.0),
        ("high_tech_enterprises", "2024", 760.0),      # 760余家: the number, a lower bound
        ("new_tech_smes", "2024年一季度", 90.0),
        ("new_tech_smes", "2024年三季度", 95.0),
        ("new_tech_smes", "2024年二季度", 80.0),
        ("rd_intensity", "2024", 3.4),                 # 0.034 shown as 3.4%
        ("tech_contract_value", "2023", 65.5),
        ("tech_contract_value", "2024", 81.2),
    ]  # the 2025年1-6月 column holds only — and empty cells: no figure; the 注 row is a footnote
    by_code = sorted((f.code, f.line, f.message.split(":")[0]) for f in findings)
    assert by_code == [
        ("qualified-value", 3, "sheet '年度' cell D3"),
        ("sheet-skipped", 1, "sheet '说明' row 1"),
    ]
    smes = [f for f in figures if f.target == "new_tech_smes"]
    assert {f.published for f in smes} == {date(2024, 4, 20), date(2024, 7, 20), date(2024, 10, 20)}
    assert all(f.file == f"{book}#季度" for f in smes)  # a workbook's figures name their sheet
    bound = next(f for f in figures if f.value == 760)
    assert bound.note == "Lower bound: the source says '760余家'"


def test_one_sheet_of_a_workbook(tmp_path: Path) -> None:
    data = clerk.make(tmp_path, actuals=None)
    book = clerk.workbook(tmp_path / "qingshan.xlsx")
    figures, findings = load_actuals([Path(f"{book}#季度")], plans(data))
    assert [f.value for f in sorted(figures, key=lambda f: f.date)] == [90.0, 80.0, 95.0]
    assert not findings  # the notes sheet is not read, so not skipped either
    figures, findings = load_actuals([Path(f"{book}#季")], plans(data))
    assert figures == [] and [f.code for f in findings] == ["no-such-sheet"]
    assert "no sheet '季'; did you mean '季度'? (its sheets: 说明, 年度, 季度)" in findings[0].message


def test_errors_in_a_workbook_name_the_sheet_and_cell(tmp_path: Path) -> None:
    import openpyxl

    data = clerk.make(tmp_path, actuals=None)
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "数据"
    ws.append(["指标", "期间", "数值", "单位"])
    ws.append(["高新技术企业数", "2024", 800, "家"])            # row 2: a misspelt name
    ws.append(["技术合同成交额", "2024年13月", 80, "亿元"])       # row 3: no 13th month
    ws.append(["技术合同成交额", "2024", "八十", "亿元"])         # row 4: not a number
    ws.append(["技术合同成交额", "2024", 80, "家"])              # row 5: 家 is not money
    path = tmp_path / "qingshan.xlsx"
    book.save(path)
    code, out = check(str(path), "--data", str(data))
    assert code == 1
    lines = out.splitlines()
    assert (f"{path}:2: error: sheet '数据' cell A2: unknown target '高新技术企业数' in plan qingshan; "
            "did you mean 'high_tech_enterprises' (高新技术企业数量)?") in lines
    assert f"{path}:3: error: sheet '数据' cell B3: period '2024年13月': bad month number 13; must be 1-12" in lines
    assert any(x.startswith(f"{path}:4: error: sheet '数据' cell C4: value '八十' is not a number") and
               "write the number alone (760)" in x for x in lines)
    assert (f"{path}:5: error: sheet '数据' cell D5: unit '家' cannot be converted to the target's unit "
            "'亿元' (write the value in 亿元, or in 元 with 万/亿, such as 7000万元 or 70亿)") in lines


def test_an_old_xls_and_a_broken_xlsx_are_named_as_such(tmp_path: Path) -> None:
    data = clerk.make(tmp_path, actuals=None)
    xls = tmp_path / "qingshan.xls.csv"  # an .xls saved under another name: told by its bytes
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    broken = tmp_path / "qingshan.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    _, findings = load_actuals([xls, broken], plans(data))
    assert [f.code for f in findings] == ["bad-workbook", "bad-workbook"]
    assert "Excel 97-2003 workbook (.xls)" in findings[0].message and "save it as .xlsx" in findings[0].message
    assert "cannot be read as an Excel workbook" in findings[1].message
    assert "GB18030" not in findings[0].message + findings[1].message  # the old misreading


def test_actuals_folder_reads_workbooks_but_not_excel_lock_files(tmp_path: Path) -> None:
    data = clerk.make(tmp_path)
    clerk.workbook(data / "actuals" / "qingshan_2024.xlsx")
    (data / "actuals" / "~$qingshan_2024.xlsx").write_bytes(b"lock")
    (data / "actuals" / "readme.md").write_text("notes", encoding="utf-8")
    assert [p.name for p in figure_files(data / "actuals")] == ["qingshan.csv", "qingshan_2024.xlsx"]


# ---------------------------------------------------------------- wide sheets

def test_a_wide_csv_is_one_figure_per_filled_cell(tmp_path: Path) -> None:
    data = clerk.make(tmp_path, actuals=None)
    path = tmp_path / "qingshan.csv"
    path.write_text("指标,单位,2023,2024,2025年1-6月\n"
                    "高新技术企业数量,家,700,760,\n"
                    "Technology contract turnover,亿元,65.5,,40\n"   # an English name
                    "rd_intensity,%,—,3.4,\n", encoding="utf-8")     # an id; — is no figure
    figures, findings = load_actuals([path], plans(data))
    assert not findings
    assert values(figures) == [
        ("high_tech_enterprises", "2023", 700.0), ("high_tech_enterprises", "2024", 760.0),
        ("rd_intensity", "2024", 3.4),
        ("tech_contract_value", "2023", 65.5), ("tech_contract_value", "2025年1-6月", 40.0),
    ]


def test_a_wide_row_with_an_unknown_target_is_one_error_not_one_per_period(tmp_path: Path) -> None:
    data = clerk.make(tmp_path, actuals=None)
    path = tmp_path / "qingshan.csv"
    path.write_text("指标,2023,2024\n专利,5,6\n技术合同成交额,1,二\n", encoding="utf-8")
    figures, findings = load_actuals([path], plans(data))
    assert [(f.line, f.code) for f in findings] == [(2, "unknown-target"), (3, "bad-value")]
    assert findings[1].message.startswith("column '2024': value '二'")
    assert values(figures) == [("tech_contract_value", "2023", 1.0)]


def test_a_period_header_in_a_long_sheet_says_how_to_make_it_wide(tmp_path: Path) -> None:
    data = clerk.make(tmp_path, actuals=None)
    path = tmp_path / "qingshan.csv"
    path.write_text("指标,期间,数值,2024\n", encoding="utf-8")  # long (期间, 数值) and a period column
    _, findings = load_actuals([path], plans(data))
    assert findings[0].code == "unknown-column"
    assert "a column named after a period makes the sheet wide" in findings[0].message


# ---------------------------------------------------------------- GBK CSV with Chinese headers

def test_a_gbk_csv_with_chinese_headers_names_and_periods(tmp_path: Path) -> None:
    data = clerk.make(tmp_path, actuals=None)
    path = clerk.gbk_csv(tmp_path / "qingshan.csv")
    figures, findings = load_actuals([path], plans(data))
    assert values(figures) == [
        ("high_tech_enterprises", "2024年", 820.0),     # 约820家: about 820
        ("new_tech_smes", "2024年一季度", 90.0),
        ("new_tech_smes", "2024年二季度", 80.0),
        ("tech_contract_value", "2024年", 70.0),        # 70亿 → 70 亿元 (1e8 × 70 / 1e8)
    ]
    assert [(f.code, f.line) for f in findings] == [("qualified-value", 2)]
    assert "write 820 as the value and start the note with \"Approximate: the source says '约820家'\"" \
        in findings[0].message


def test_a_unit_after_the_name_is_the_unit(tmp_path: Path) -> None:
    data = clerk.make(tmp_path, actuals=None)
    path = tmp_path / "qingshan.csv"
    path.write_text("指标名称,2024\n技术合同成交额(万元),\"812,000\"\n高新技术企业数量（家）,760\n", encoding="utf-8")
    figures, findings = load_actuals([path], plans(data))
    assert not findings
    # 812,000 万元 = 812000 × 1e4 / 1e8 = 81.2 亿元
    assert values(figures) == [("high_tech_enterprises", "2024", 760.0), ("tech_contract_value", "2024", 81.2)]


def test_a_column_of_row_numbers_is_read_past(tmp_path: Path) -> None:
    data = clerk.make(tmp_path, actuals=None)
    path = tmp_path / "qingshan.csv"
    path.write_text("序号,指标,单位,2024\n1,高新技术企业数量,家,760\n", encoding="utf-8")
    figures, findings = load_actuals([path], plans(data))
    assert not findings and values(figures) == [("high_tech_enterprises", "2024", 760.0)]
