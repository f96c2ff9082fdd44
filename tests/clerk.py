"""A clerk's data directory and workbooks for the import and sheet tests: a plan of 青山市 with a
stock, a yearly flow, an amount in 亿元 and a share, and sheets as a statistics bureau sends them
(GBK CSV with Chinese headers, an .xlsx with a title row, a wide sheet and a quarterly sheet)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests import datadir

PLAN = """\
[plan]
city = "qingshan"
city_zh = "青山市"
title = "青山市科技创新三年行动计划(2023—2025年)"
start = 2023
end = 2025

[[target]]
id = "high_tech_enterprises"
name = "高新技术企业数量"
name_en = "High-tech enterprises"
kind = "level"
value = 1000
unit = "家"
quote = "高新技术企业数量达到1000家"

[[target]]
id = "new_tech_smes"
name = "每年新增科技型中小企业"
name_en = "New tech-based SMEs per year"
kind = "annual"
value = 300
unit = "家"
quote = "每年新增科技型中小企业300家"

[[target]]
id = "tech_contract_value"
name = "技术合同成交额"
name_en = "Technology contract turnover"
kind = "level"
value = 100
unit = "亿元"
quote = "技术合同成交额达100亿元"

[[series]]
id = "rd_intensity"
name = "全社会研发经费支出占地区生产总值比重"
name_en = "R&D intensity"
unit = "%"
"""

SOURCE = """\
# Source: a text written for the tests.

到2025年,高新技术企业数量达到1000家,每年新增科技型中小企业300家,技术合同成交额达100亿元。
"""

ACTUALS = """\
target,period,value,unit,basis,source,published,note
high_tech_enterprises,2023,700,家,,青山市统计局,,
"""


def make(tmp: Path, actuals: str | None = ACTUALS) -> Path:
    return datadir.write(tmp / "data", {"qingshan": (PLAN, SOURCE, actuals)})


GBK_CSV = """\
指标,期间,数值,单位,来源,备注
高新技术企业数量,2024年,约820家,,青山市统计局 2024年统计公报,
技术合同成交额,2024年,70亿,,青山市科技局,
每年新增科技型中小企业,2024年一季度,90,家,青山市科技局,
每年新增科技型中小企业,2024年二季度,80,家,青山市科技局,
"""


def gbk_csv(path: Path, text: str = GBK_CSV) -> Path:
    """A CSV as Excel saves it on a Chinese Windows: GBK, CRLF line endings."""
    path.write_bytes(text.replace("\n", "\r\n").encode("gbk"))
    return path


def workbook(path: Path) -> Path:
    """青山市科技统计.xlsx: a cover sheet of notes, a wide yearly sheet under a title row, and a
    long quarterly sheet with typed numbers and dates."""
    import openpyxl

    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "说明"
    notes["A1"] = "本表由青山市统计局提供，数据为快报数。"
    yearly = book.create_sheet("年度")
    yearly["A1"] = "青山市科技创新主要指标"  # a title row, merged across the table
    yearly.merge_cells("A1:E1")
    yearly.append(["指标", "单位", 2023, 2024, "2025年1-6月"])
    yearly.append(["高新技术企业数量", "家", 700, "760余家", None])
    yearly.append(["技术合同成交额", "亿元", 65.5, 81.2, "—"])
    yearly.append(["全社会研发经费支出占地区生产总值比重", "%", None, 0.034, None])
    yearly["D5"].number_format = "0.0%"  # Excel shows 3.4%
    yearly.append(["注：2025年为1-6月累计数。"])
    quarterly = book.create_sheet("季度")
    quarterly.append(["指标", "期间", "数值", "发布日期"])
    quarterly.append(["每年新增科技型中小企业", "2024年一季度", 90, date(2024, 4, 20)])
    quarterly.append(["每年新增科技型中小企业", "2024年二季度", 80, date(2024, 7, 20)])
    quarterly.append(["每年新增科技型中小企业", "2024年三季度", 95, date(2024, 10, 20)])
    book.save(path)
    return path
