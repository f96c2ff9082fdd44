"""A plan's table of main indicators (主要指标): one target per row. Pure: lines in, rows out.

Plans set their targets in a table as often as in sentences: 指标 | 2020年基期值 | 2025年目标值 |
年均增长 | 属性. The header says which column holds the target and for which year, which one the
baseline; a row's indicator cell carries its unit in brackets ("研发经费投入强度（%）"). Cleaning
writes every table row as its cells joined by " | " (a .docx's or a page's table, a PDF's
columns), so a row is one line here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SEP = " | "
_NUM = re.compile(r"[-−]?\d+(?:\.\d+)?")
_YEAR = re.compile(r"(20\d\d)\s*年?")
_UNIT = re.compile(r"[（(]\s*([^（）()]{1,12}?)\s*[)）]\s*$")
_ROW_NO = re.compile(r"^\s*(?:\d{1,3}|[一二三四五六七八九十]+)\s*[.、．]?\s*$")


@dataclass
class Header:
    """Which column holds what."""

    name: int
    target: int
    target_year: int | None
    base: int | None
    base_year: int | None
    growth: int | None
    attribute: int | None
    width: int
    unit: int | None = None  # a column of its own for the unit


@dataclass
class Row:
    """One indicator of the table, read."""

    name: str
    unit: str
    value: float
    comparator: str
    cumulative: bool  # [13.5] or 累计: over the whole period
    year: int | None
    baseline: tuple[float, int] | None
    quote: str  # a substring of the row's line
    quote_at: int  # where in the line


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("|")]


def is_row(line: str) -> bool:
    return line.count(SEP) >= 2


def header(line: str) -> Header | None:
    """The header row of a main-indicator table, or None."""
    cs = cells(line)
    name = next((i for i, c in enumerate(cs) if re.search(r"指标(?:名称)?$|^指\s*标$|^名称$|^项目$", c)), None)
    target = next((i for i, c in enumerate(cs) if re.search(r"目标|预期值|规划值", c) and "属性" not in c), None)
    years = [(int(m.group(1)), i) for i, c in enumerate(cs) if (m := re.fullmatch(r"(20\d\d)\s*年?(?:底|末)?", c))]
    if target is None and len(years) >= 2:
        target = max(years)[1]  # "2020年 | 2025年": the later year is the target
    if name is None or target is None:
        return None
    base = next((i for i, c in enumerate(cs) if re.search(r"基期|基数|基准|现状|实际|完成值|基础值", c)), None)
    if base is None:  # a bare year before the target's column: "2020年 | 2025年目标值"
        base = next((i for i, c in enumerate(cs[:target]) if re.fullmatch(r"20\d\d\s*年?(?:底|末)?", c)), None)
    growth = next((i for i, c in enumerate(cs) if re.search(r"年均|增速|增长|累计", c) and i not in (target, base)), None)
    attribute = next((i for i, c in enumerate(cs) if re.search(r"属性|性质|类型", c)), None)

    def year(i: int | None) -> int | None:
        m = _YEAR.search(cs[i]) if i is not None else None
        return int(m.group(1)) if m else None

    unit = next((i for i, c in enumerate(cs) if re.fullmatch(r"(?:计量)?单位", c)), None)
    return Header(name, target, year(target), base, year(base), growth, attribute, len(cs), unit)


def read_row(line: str, head: Header) -> Row | None:
    """One row under `head`, or None when it holds no target value (a group's label row)."""
    cs = cells(line)
    if len(cs) < 2:
        return None
    shift = len(cs) - head.width  # a group label cell merged away, or a number column missing
    idx = (lambda i: i + shift if i is not None and shift < 0 and i > 0 else i) if shift else (lambda i: i)
    ni, ti = idx(head.name), idx(head.target)
    if ni is None or ti is None or ti >= len(cs) or ni >= len(cs) or ni < 0 or ti < 0:
        return None
    name_cell = cs[ni]
    if _ROW_NO.match(name_cell) and ni + 1 < len(cs) and ni + 1 != ti:
        ni += 1
        name_cell = cs[ni]
    target_cell = cs[ti]
    m = _NUM.search(target_cell.replace(",", ""))
    if not m or not re.search("[\u4e00-\u9fff]", name_cell):
        return None
    unit_m = _UNIT.search(name_cell)
    unit = unit_m.group(1) if unit_m else ""
    ui = idx(head.unit)
    if not unit and ui is not None and 0 <= ui < len(cs) and len(cs[ui]) <= 8:
        unit = cs[ui]
    name = name_cell[:unit_m.start()].strip() if unit_m else name_cell
    unit = {"％": "%", "百分比": "%"}.get(unit, unit)
    value = float(m.group(0).replace("−", "-"))
    comp = ">="
    if re.search(r"[<＜≤]|以内|以下|不超过|不高于", target_cell):
        comp = "<=" if re.search(r"≤|<=|以内|以下|不超过|不高于", target_cell) else "<"
    elif re.search(r"[>＞]|超过", target_cell) and "≥" not in target_cell and ">=" not in target_cell:
        comp = ">"
    elif "左右" in target_cell or "约" in target_cell:
        comp = "~"
    cumulative = bool(re.search(r"[\[［【].*[\]］】]|累计", target_cell + name_cell))
    baseline = None
    bi = idx(head.base)
    if bi is not None and 0 <= bi < len(cs) and head.base_year:
        bm = _NUM.fullmatch(cs[bi].replace(",", "").strip())
        if bm:
            baseline = (float(bm.group(0)), head.base_year)
    at = line.find(name_cell)
    end = line.find(target_cell, at + len(name_cell))
    end = end + len(target_cell) if end != -1 else at + len(name_cell)
    return Row(name, unit, value, comp, cumulative, head.target_year, baseline, line[at:end], at)
