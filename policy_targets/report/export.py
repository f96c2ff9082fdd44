"""The assessment as a spreadsheet: one row per target, every figure of `status --json`.

The JSON object of each target (Assessment.as_dict) is flattened (baseline.date →
baseline_date, a range target → target and target_max, lists joined), so the columns are
the JSON's keys and a reader can go from one to the other. Numbers stay numbers and dates
stay dates: in the CSV as plain decimals and ISO dates (UTF-8 with a byte-order mark, which
is how Excel recognises UTF-8 and keeps Chinese intact); in the xlsx as typed cells.
"""

from __future__ import annotations

import csv
import io
import math
from datetime import date

from policy_targets.report import labels
from policy_targets.core.views import PlanStatus
from policy_targets.report.safe import clean

DATE_COLUMNS = ("deadline", "baseline_date", "actual_date")
FRACTION_COLUMNS = ("progress", "elapsed", "required_growth",  # shown as % in the xlsx
                    "完成进度", "时间进度", "年均尚需增速")
XLSX_CELL = 32_767
"""The most characters Excel holds in one cell."""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def flatten(d: dict[str, object], prefix: str = "") -> dict[str, object]:
    out: dict[str, object] = {}
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(flatten(v, key + "_"))
        elif key == "target":
            if isinstance(v, list):
                out["target"], out["target_max"] = v[0], v[1]
            else:
                out["target"], out["target_max"] = v, None
        elif key == "warnings" and isinstance(v, list):
            out[key] = " | ".join(str(x) for x in v)
        elif isinstance(v, list):
            out[key] = ";".join(str(x) for x in v)
        else:
            out[key] = v
    return out


# The column headers of `--lang zh`: the JSON key of each column, read by a clerk in Excel.
HEADERS_ZH = {
    "plan": "规划", "city": "城市", "id": "指标标识", "name": "指标名称", "name_en": "英文名称",
    "kind": "类型", "kind_label": "类型说明", "unit": "单位", "comparator": "比较方式", "target": "目标值",
    "target_max": "目标值上限", "deadline": "期限", "baseline_date": "基数日期", "baseline_value": "基数",
    "baseline_from": "基数来源", "actual_date": "最新数据日期", "actual_value": "最新值",
    "actual_period": "最新数据期间", "actual_revised": "是否修订", "latest_rate": "最新一期增速(%)",
    "expected": "序时目标", "gap": "差距", "remaining": "距目标尚差", "progress": "完成进度",
    "elapsed": "时间进度", "ratio": "进度比", "score": "得分", "required_per_year": "每年尚需",
    "required_growth": "年均尚需增速", "projected": "按当前速度预测", "status": "状态代码",
    "status_label": "状态", "method": "评估方法", "lower_is_better": "越低越好", "years_met": "达标年份",
    "years_missed": "未达标年份", "parent": "上级指标", "indicator": "统一指标代码", "quote": "规划原文",
    "warnings": "提示",
}
SHEET = {"en": "targets", "zh": "指标"}
BASELINE_FROM_ZH = {"plan": "规划", "actuals": "实际数"}


def rows(statuses: list[PlanStatus], lang: str = "en") -> list[dict[str, object]]:
    """One flat row per target: the plan, the JSON's figures, a status label for people.
    In Chinese the headers are HEADERS_ZH, the kind, the baseline's source and the warnings
    are in words; the codes (status, kind) stay as they are for filters."""
    from policy_targets.core.views import assessment_dict
    from policy_targets.report.i18n import warning_text

    out = []
    for ps in statuses:
        for a in ps.assessments:
            flat = flatten(assessment_dict(a))
            row: dict[str, object] = {"plan": ps.plan.id, "city": labels.pick(lang, ps.plan.city_zh, ps.plan.city)}
            for k, v in flat.items():
                row[k] = date.fromisoformat(v) if k in DATE_COLUMNS and isinstance(v, str) else v
                if k == "kind":
                    row["kind_label"] = labels.kind_label(a.target.kind, lang)
                if k == "status":
                    row["status_label"] = labels.status_label(a.status, lang, a.before_deadline)
            if lang == "zh":
                row["warnings"] = " | ".join(warning_text(w, "zh") for w in a.warnings)
                if row.get("baseline_from") in BASELINE_FROM_ZH:
                    row["baseline_from"] = BASELINE_FROM_ZH[str(row["baseline_from"])]
                row = {HEADERS_ZH.get(k, k): v for k, v in row.items()}
            out.append(row)
    return out


def columns(table: list[dict[str, object]]) -> list[str]:
    cols: list[str] = []
    for r in table:
        for k in r:
            if k not in cols:
                cols.append(k)
    return cols


def _text(v: str) -> str:
    """A data string that a spreadsheet will show, never evaluate (CSV/formula injection)."""
    v = clean(v)
    # after leading white space too: an import that trims cells would evaluate " =1+1"
    return "'" + v if v.startswith(FORMULA_START) or v.lstrip().startswith(FORMULA_START) else v


def _csv_cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        return repr(v) if math.isfinite(v) else ""
    if isinstance(v, int):
        return str(v)
    if isinstance(v, date):
        return v.isoformat()
    return _text(str(v))


def to_csv(table: list[dict[str, object]]) -> bytes:
    buf = io.StringIO()
    cols = columns(table)
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(cols)
    for r in table:
        w.writerow([_csv_cell(r.get(c)) for c in cols])
    return buf.getvalue().encode("utf-8-sig")


def to_xlsx(table: list[dict[str, object]], lang: str = "en") -> bytes:
    """An xlsx workbook (openpyxl, imported here so other commands never load it)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET.get(lang, SHEET["en"])
    cols = columns(table)
    ws.append(cols)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, r in enumerate(table, start=2):
        for j, c in enumerate(cols, start=1):
            v = r.get(c)
            cell = ws.cell(row=i, column=j)
            if v is None:
                continue
            if isinstance(v, float) and not math.isfinite(v):
                continue
            if isinstance(v, str):
                text = clean(v)
                # Excel holds at most 32 767 characters in a cell, and calls a longer one
                # unreadable content; the cut is marked
                cell.value = text if len(text) <= XLSX_CELL else text[:XLSX_CELL - 1] + "…"
                cell.data_type = "s"  # never a formula, whatever the text starts with
            else:
                cell.value = v
            if isinstance(v, date):
                cell.number_format = "yyyy-mm-dd"
            elif c in FRACTION_COLUMNS and isinstance(v, float):
                cell.number_format = "0.00%"
    ws.freeze_panes = "C2"
    if table:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{len(table) + 1}"
    for j, c in enumerate(cols, start=1):
        width = max([cell_width(c)] + [min(40, cell_width(str(r.get(c) or ""))) for r in table[:200]])
        ws.column_dimensions[get_column_letter(j)].width = max(8, min(42, width + 2))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def cell_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: a Chinese character two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


FORMATS = {"csv": to_csv, "xlsx": to_xlsx}
