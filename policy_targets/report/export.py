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
FRACTION_COLUMNS = ("progress", "elapsed", "required_growth")  # shown as % in the xlsx
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


def rows(statuses: list[PlanStatus], lang: str = "en") -> list[dict[str, object]]:
    """One flat row per target: the plan, the JSON's figures, a status label for people."""
    out = []
    for ps in statuses:
        for a in ps.assessments:
            flat = flatten(a.as_dict())
            row: dict[str, object] = {"plan": ps.plan.id, "city": ps.plan.city}
            for k, v in flat.items():
                row[k] = date.fromisoformat(v) if k in DATE_COLUMNS and isinstance(v, str) else v
                if k == "status":
                    row["status_label"] = labels.status_label(a.status, lang, a.before_deadline)
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


def to_xlsx(table: list[dict[str, object]]) -> bytes:
    """An xlsx workbook (openpyxl, imported here so other commands never load it)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "targets"
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
        width = max([len(c)] + [min(40, len(str(r.get(c) or ""))) for r in table[:200]])
        ws.column_dimensions[get_column_letter(j)].width = max(8, min(42, width + 2))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


FORMATS = {"csv": to_csv, "xlsx": to_xlsx}
