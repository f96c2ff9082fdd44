"""Reading a sheet of figures as rows of text cells: a CSV in any encoding a clerk's tools write
(UTF-8 with or without BOM, GB18030/GBK, UTF-16), or every sheet (or one) of an Excel workbook.

A row is its number in the file (the CSV line it starts on, or the worksheet row) and its cells
as text: typed workbook cells are written the way a person reads them (2023, 3.4, 3.4% for a
percentage-formatted 0.034, 2024-06-30 for a date, 2024-06 for a date shown as a month).
What the cells mean (headers, long or wide) is files.actuals' business. openpyxl is imported
only when a workbook is read.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
SHEET_SUFFIXES = (".csv", *WORKBOOK_SUFFIXES)
"""The files read as figures; anything else in actuals/ is ignored, and `check` refuses it."""
EXCEL_LOCK = "~$"  # Excel's lock file beside an open workbook: ~$book.xlsx


class SheetError(Exception):
    """The whole file cannot be read: a finding with this code, at this line (if known)."""

    def __init__(self, code: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.line = line


def error(code: str, message: str, line: int | None = None) -> SheetError:
    """The SheetError to raise: a finding's code first, as every loader writes `out.error(code, …)`."""
    return SheetError(code, message, line)


class Row(NamedTuple):
    line: int  # the CSV line the record starts on, or the worksheet's row number
    cells: list[str]


class Sheet(NamedTuple):
    name: str | None  # the worksheet's name; None for a CSV
    rows: Iterator[Row]
    workbook: bool  # cells are named like C4
    notes: list[tuple[str, int]] | None = None  # (message, line): a CSV's lines in another encoding

    def where(self, line: int, column: int | None) -> str:
        """How a finding names its place beyond the line: "sheet '数据' cell C4: " (workbooks)."""
        if not self.workbook:
            return ""
        cell = f"cell {column_letter(column)}{line}" if column is not None else f"row {line}"
        return f"sheet {self.name!r} {cell}: "


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def figure_files(folder: Path) -> list[Path]:
    """The files of figures in a folder (actuals/): CSV and workbooks, Excel's lock files left out."""
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in SHEET_SUFFIXES
                  and not p.name.startswith(EXCEL_LOCK) and not p.name.startswith(".")) if folder.is_dir() else []


def split_sheet(path: Path) -> tuple[Path, str | None]:
    """`book.xlsx#数据` names one sheet of a workbook; a path that exists is taken whole."""
    text = str(path)
    if "#" in path.name and not path.exists():
        head, _, sheet = text.rpartition("#")
        if sheet and Path(head).suffix.lower() in WORKBOOK_SUFFIXES:
            return Path(head), sheet
    return path, None


def kind_of(path: Path) -> str:
    """'xlsx', 'xls' (the old binary format) or 'csv', from the file's first bytes, so that a
    workbook saved under another name is still read as one."""
    with path.open("rb") as fh:
        magic = fh.read(8)
    if magic.startswith(b"PK\x03\x04"):
        return "xlsx"
    if magic.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    return "csv"


def open_sheets(path: Path, sheet: str | None = None) -> Iterator[Sheet]:
    """Every sheet of the file (a CSV is one sheet), or only `sheet` of a workbook."""
    kind = kind_of(path)
    if kind == "xls":
        raise error("bad-workbook", "is an old Excel 97-2003 workbook (.xls), which ptarget does not "
                         "read; open it in Excel or WPS and save it as .xlsx (Excel Workbook) or as CSV UTF-8")
    if kind == "xlsx":
        yield from _workbook_sheets(path, sheet)
        return
    if sheet is not None:
        raise error("no-such-sheet", f"a CSV file has no sheets; {sheet!r} cannot be chosen")
    notes: list[tuple[str, int]] = []
    yield Sheet(None, _csv_rows(path, detect_encoding(path), notes), False, notes)


# ---------------------------------------------------------------- CSV and its encodings

class DecodeProblem(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line



class Encoding(NamedTuple):
    """How a file is written, so that `record` can append in the same form."""

    name: str  # a Python codec name
    bom: bytes
    newline: str


def sniff_encoding(head: bytes) -> Encoding:
    """Pick the encoding of a CSV from its first bytes: BOMs first, then UTF-8, then GB18030."""
    newline = "\r\n" if b"\r\n" in head else "\n"
    if head.startswith(codecs.BOM_UTF8):
        return Encoding("utf-8", codecs.BOM_UTF8, newline)
    if head.startswith(codecs.BOM_UTF16_LE):
        return Encoding("utf-16-le", codecs.BOM_UTF16_LE, "\r\n" if b"\r\x00\n\x00" in head else "\n")
    if head.startswith(codecs.BOM_UTF16_BE):
        return Encoding("utf-16-be", codecs.BOM_UTF16_BE, "\r\n" if b"\x00\r\x00\n" in head else "\n")
    try:
        head.decode("utf-8")
        return Encoding("utf-8", b"", newline)
    except UnicodeDecodeError as exc:
        # a multi-byte character cut by the sample's end is still UTF-8
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return Encoding("utf-8", b"", newline)
    return Encoding("gb18030", b"", newline)


def _first_bad_byte(path: Path, codec: str, skip: int = 0) -> int | None:
    """The offset of the first byte `codec` cannot decode, or None if it reads the whole file."""
    decoder = codecs.getincrementaldecoder(codec)()
    offset = skip
    with path.open("rb") as fh:
        fh.read(skip)
        while block := fh.read(1 << 20):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                return max(skip, offset + exc.start - len(decoder.getstate()[0]))
            offset += len(block)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return offset
    return None


def detect_encoding(path: Path) -> Encoding:
    """BOMs first; else UTF-8 if it reads the whole file; else whichever of UTF-8 and GB18030
    reads further (so a UTF-8 file with one stray byte is reported as UTF-8, at that byte)."""
    with path.open("rb") as fh:
        head = fh.read(65536)
    enc = sniff_encoding(head)
    if enc.bom:
        return enc
    utf8_bad = _first_bad_byte(path, "utf-8")
    if utf8_bad is None:
        return Encoding("utf-8", b"", enc.newline)
    gb_bad = _first_bad_byte(path, "gb18030")
    if gb_bad is None or gb_bad >= utf8_bad:
        return Encoding("gb18030", b"", enc.newline)
    return Encoding("utf-8", b"", enc.newline)


def _line_of_bad_byte(path: Path, enc: Encoding) -> int:
    """The line (counting \n only) of the first byte `enc` cannot decode; read again, on error only."""
    bad = _first_bad_byte(path, enc.name, len(enc.bom)) or 0
    with path.open("rb") as fh:
        head = fh.read(bad)[len(enc.bom):]
    return codecs.decode(head, enc.name, "replace").count("\n") + 1


def _lines(path: Path, enc: Encoding) -> Iterator[str]:
    """The decoded text of a file, streamed; a decoding failure says where and what to do."""
    with path.open("rb") as fh:
        fh.read(len(enc.bom))
        # newline="": lines end at \n, \r or \r\n only (never at U+2028, \x1c-\x1e or \x85,
        # which str.splitlines and codecs readers also break at), as csv requires
        text = io.TextIOWrapper(fh, encoding=enc.name, errors="strict", newline="")
        try:
            yield from text
        except UnicodeDecodeError:
            line = _line_of_bad_byte(path, enc)
            raise DecodeProblem(
                f"cannot be read as {enc.name.upper()} near line {line}; save it as "
                "UTF-8 (Excel: CSV UTF-8) or GB18030", line) from None


def _utf8_flagged(lines: Iterator[str], notes: list[tuple[str, int]]) -> Iterator[str]:
    """The lines of a file read as GB18030, noting the first whose bytes are UTF-8 Chinese: a file
    saved in two encodings, whose UTF-8 lines read as mojibake."""
    number = 0
    for text in lines:
        number += 1  # each item is one line (ended by CR, LF or CRLF)
        if not text.isascii():
            try:
                text.encode("gb18030").decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                notes.append((f"line {number} is UTF-8 in a file read as GB18030: it reads as mojibake; "
                              "save the whole file in one encoding (UTF-8)", number))
                yield text
                yield from lines
                return
        yield text


def _csv_rows(path: Path, enc: Encoding, notes: list[tuple[str, int]] | None = None) -> Iterator[Row]:
    """The records of a CSV with the line each starts on; a broken file is a SheetError. Lines
    of a GB18030 file that are UTF-8 are noted in `notes`."""
    lines = _lines(path, enc)
    if enc.name == "gb18030" and notes is not None:
        lines = _utf8_flagged(lines, notes)
    # strict: a stray or unclosed quote is an error, not the rest of the file in one cell
    reader = csv.reader(lines, strict=True)
    start = 1  # the line the record being read starts on
    try:
        for record in reader:
            yield Row(start, record)
            start = reader.line_num + 1
    except DecodeProblem as exc:
        raise error("bad-encoding", str(exc), exc.line) from None
    except csv.Error as exc:
        raise error("csv-syntax", f"CSV syntax error in the row starting on line {start}: {exc} "
                    "(a cell holding a quote or a comma must be quoted whole, with its quotes "
                    "doubled)", start) from None


# ---------------------------------------------------------------- workbooks

def _workbook_sheets(path: Path, sheet: str | None) -> Iterator[Sheet]:
    import zipfile

    import openpyxl  # only when a workbook is read
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, EOFError) as exc:
        raise error("bad-workbook", f"cannot be read as an Excel workbook (.xlsx): {exc}; open it "
                         "in Excel or WPS and save it again as .xlsx, or as CSV UTF-8") from None
    names = book.sheetnames
    if sheet is not None:
        if sheet not in names:
            from policy_targets.core.names import did_you_mean

            raise error("no-such-sheet", f"the workbook has no sheet {sheet!r}"
                             f"{did_you_mean(sheet, names)} (its sheets: {', '.join(names)})")
        names = [sheet]
    for name in names:
        ws = book[name]
        if sheet is None and ws.sheet_state != "visible":
            continue  # a hidden sheet is the workbook's machinery, not figures
        yield Sheet(name, _worksheet_rows(ws), True)


def _worksheet_rows(ws: Any) -> Iterator[Row]:
    for cells in ws.iter_rows():
        if not cells:
            continue
        texts = [cell_text(c.value, c.number_format or "") for c in cells]
        while texts and not texts[-1]:
            texts.pop()
        yield Row(cells[0].row, texts)


def cell_text(value: object, number_format: str = "General") -> str:
    """A typed cell as a person reads it: 2023.0 → '2023', 0.034 shown as % → '3.4%', a date →
    '2024-06-30', a date shown without its day (yyyy-mm, mmm-yy) → '2024-06'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        fmt = number_format.lower().replace("[$-409]", "")
        if "d" not in fmt and value.day == 1 and fmt not in ("general", ""):
            return f"{value.year}-{value.month:02d}"
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if "%" in number_format:
            return format(value * 100, ".12g") + "%"
        return format(value, ".15g")
    return str(value).strip()
