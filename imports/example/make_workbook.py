"""Build the example workbook of docs/authoring.md §6: 常德市科技创新统计(2025年二季度).xlsx, as a
statistics bureau sends it (a title row, Chinese headers and names, a wide yearly sheet, a long
quarterly sheet, typed numbers and dates, a footnote). THE FIGURES ARE INVENTED for the example
(except those already recorded in data/actuals/changde.csv, which the import skips); never
import this workbook into the real data/.

    python imports/example/make_workbook.py [OUT.xlsx] [--misspelt]   # --misspelt: A3 as a clerk typed it
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import openpyxl


def build(path: Path, misspelt: bool = False) -> Path:
    book = openpyxl.Workbook()
    yearly = book.active
    yearly.title = "年度"
    yearly["A1"] = "常德市科技创新主要指标(2025年二季度)"
    yearly.merge_cells("A1:E1")
    yearly.append(["指标", "单位", 2023, 2024, "2025年1-6月"])
    yearly.append(["高新技术企业数量" if misspelt else "高新技术企业", "家", None, 754, "约800家"])
    yearly.append(["科技型中小企业", "家", None, 1667, None])
    yearly.append(["全社会研发投入(R&D经费)", "亿元", "78亿", None, "—"])
    yearly.append(["注：2025年为1-6月数，高新技术企业为快报数。"])
    quarterly = book.create_sheet("季度")
    quarterly.append(["指标", "期间", "数值", "单位", "发布日期"])
    quarterly.append(["每年新增高技能人才", "2025年一季度", 260, "人", date(2025, 4, 18)])
    quarterly.append(["每年新增高技能人才", "2025年二季度", 310, "人", date(2025, 7, 17)])
    book.save(path)
    return path


if __name__ == "__main__":
    names = [a for a in sys.argv[1:] if not a.startswith("--")]
    build(Path(names[0] if names else "常德市科技创新统计(2025年二季度).xlsx"),
          misspelt="--misspelt" in sys.argv[1:])
