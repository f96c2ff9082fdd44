"""The logic of `ptarget new` and `ptarget record`: a plan skeleton, and one figure checked and
turned into the bytes to append to an actuals file.

No file is read or written here; `cli_authoring` does that through `atomic.write_atomic`. A new
figure is checked by the very functions `check` uses (`load_actuals.read_header`, `read_row`,
`resolve_rows`, `checks.check_flow_years`), so `record` refuses exactly what `check` would report,
with the same messages, and never writes a row that `check` would then reject.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import PurePath
from typing import Any

from policy_targets.files import actuals as la
from policy_targets.core.rules import check_flow_years
from policy_targets.files.plan import ID_RE
from policy_targets.core.model import COMPARATORS, KINDS, Figure, FigureIndex, Finding, Findings, Plan

TODO = "TODO"
"""Every placeholder of a skeleton starts with this, so that it is easy to find and `check` fails on it."""

SAFE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_-]*$")
"""What a PLAN or TARGET given on the command line may look like: a name, never a path."""

RESERVED = {"indicators": "indicators.toml holds the shared indicator codes, not a plan"}


class AuthoringError(ValueError):
    """A request refused before any file is touched; `usage` means exit 2, otherwise exit 1."""

    def __init__(self, message: str, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


# ---------------------------------------------------------------- identifiers

def check_name(what: str, text: str) -> None:
    """PLAN and TARGET name things inside the data directory; a path (`../x`, `a/b`) is refused."""
    if not SAFE_NAME.match(text):
        raise AuthoringError(
            f"{what} {text!r} is not an id: use letters, digits and _ only (such as changzhou or "
            "tech_contract_value), never a path", usage=True)


def check_new_plan_id(plan_id: str) -> None:
    """A new plan id becomes the file stem and is typed on every command line: lower snake_case."""
    check_name("plan", plan_id)
    if not ID_RE.match(plan_id):
        fixed = re.sub(r"[^a-z0-9_]+", "_", plan_id.lower()).strip("_")
        hint = f"; did you mean {fixed!r}?" if fixed and ID_RE.match(fixed) else ""
        raise AuthoringError(f"plan id {plan_id!r} must be lower-case snake_case, starting with a "
                             f"letter (such as changzhou){hint}", usage=True)
    if plan_id in RESERVED:
        raise AuthoringError(f"plan id {plan_id!r} is reserved: {RESERVED[plan_id]}", usage=True)


# ---------------------------------------------------------------- ptarget new

def skeleton(plan_id: str, lang: str = "en") -> dict[str, Any]:
    """A plan with every required key present, each holding a TODO that says what goes there.

    Numbers are placeholders too (strings), so that `check` fails until a person has typed them;
    the key order is that of the real plan files. In Chinese (`lang="zh"`) the hints are Chinese
    and the English names, which are optional, are left out: a clerk need not invent them.
    """
    if lang == "zh":
        return {
            "plan": {
                "city": f"{TODO}：城市的英文简称，小写，用于命令行（如 changzhou）",
                "city_zh": f"{TODO}：城市中文名（如 常州市）",
                "title": f"{TODO}：规划全称，与原文一字不差",
                "start": f"{TODO}：规划起始年份，数字，不加引号（如 2023）",
                "end": f"{TODO}：规划结束年份，数字，不加引号（如 2025）",
            },
            "target": [{
                "id": f"{TODO}：指标标识，小写字母、数字和下划线，规划内唯一（如 tech_contract_value）",
                "name": f"{TODO}：指标中文名称（如 技术合同登记成交额）",
                "kind": f"{TODO}：{' | '.join(KINDS)} 之一（level 存量水平，increment 新增累计，"
                        "annual 每年，growth 年均增长，change 累计变化，hold 每年保持）",
                "value": f"{TODO}：目标数值，数字，不加引号；区间写 [下限, 上限]",
                "unit": f"{TODO}：规划所用单位（如 亿元、家、%）",
                "comparator": f"{TODO}：{' | '.join(COMPARATORS)} 之一（~ 表示左右）",
                "deadline": f"{TODO}：期限年份（如 2025）或日期（如 2025-06-30）",
                "quote": f"{TODO}：sources/{plan_id}.txt 中写明该目标的原句，原样复制",
            }],
        }
    return {
        "plan": {
            "city": f"{TODO}: the city's slug for the command line, lower-case (such as changzhou)",
            "city_zh": f"{TODO}: the city's name in Chinese (such as 常州市)",
            "title": f"{TODO}: the plan's full title, exactly as the document prints it",
            "title_en": f"{TODO}: the title in English",
            "start": f"{TODO}: the plan's first year, a number without quotes (such as 2023)",
            "end": f"{TODO}: the plan's last year, a number without quotes (such as 2025)",
        },
        "target": [{
            "id": f"{TODO}: a snake_case id, unique in the plan (such as tech_contract_value)",
            "name": f"{TODO}: the indicator's name in Chinese (such as 技术合同登记成交额)",
            "name_en": f"{TODO}: the indicator's name in English",
            "kind": f"{TODO}: one of {' | '.join(KINDS)}",
            "value": f"{TODO}: a number without quotes, or [min, max] for a range",
            "unit": f"{TODO}: the unit the plan uses (such as 亿元, 家, %)",
            "comparator": f"{TODO}: one of {' | '.join(COMPARATORS)} (~ is 左右)",
            "deadline": f"{TODO}: a year such as 2025, or a date such as 2025-06-30",
            "quote": f"{TODO}: the clause of sources/{plan_id}.txt that states the target, copied exactly",
        }],
    }


def skeleton_header(plan_id: str, lang: str = "en") -> str:
    """The comment at the top of a new plan file (tomli-w writes no comments)."""
    if lang == "zh":
        return (
            f"# 规划 {plan_id}，由 `ptarget new {plan_id}` 生成。\n"
            "# 把每个 \"TODO：…\" 换成实际内容（数字和年份不加引号）；每项指标复制一份 [[target]]；\n"
            f"# 把规划原文（简体、UTF-8）放在 sources/{plan_id}.txt，然后运行 `ptarget check`。\n"
            "# 英文名称 title_en、name_en 可不填。详见 docs/authoring.md。\n\n"
        )
    return (
        f"# Plan {plan_id} for ptarget, written by `ptarget new {plan_id}`.\n"
        "# Replace every \"TODO: ...\" value (numbers and years without quotes), copy the [[target]]\n"
        "# table once per target, put the plan's clean text in "
        f"sources/{plan_id}.txt, then run `ptarget check`.\n"
        "# How to transcribe a plan: docs/authoring.md.\n\n"
    )


def skeleton_bytes(plan_id: str, lang: str = "en") -> bytes:
    """The new plan file, UTF-8: the comment header, then the skeleton written by tomli-w."""
    import tomli_w  # only `new` needs it

    return (skeleton_header(plan_id, lang) + tomli_w.dumps(skeleton(plan_id, lang))).encode("utf-8")


def todo_keys(doc: object, prefix: str = "") -> list[str]:
    """The dotted keys still holding a TODO placeholder: plan.city, target[0].value, …"""
    out: list[str] = []
    if isinstance(doc, dict):
        for key, value in doc.items():
            out.extend(todo_keys(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            out.extend(todo_keys(value, f"{prefix}[{i}]"))
    elif isinstance(doc, str) and doc.startswith(TODO):
        out.append(prefix)
    return out


# ---------------------------------------------------------------- ptarget record: the figure

@dataclass(frozen=True)
class NewFigure:
    """One figure as typed on the command line; cells are kept as typed, only stripped."""

    plan: str
    target: str
    period: str
    value: str
    unit: str | None = None
    basis: str | None = None
    source: str | None = None
    published: str | None = None
    note: str | None = None

    def cells(self) -> dict[str, str]:
        """Column name → cell text, for every field given (empty options are left out)."""
        out: dict[str, str] = {}
        for f in fields(self):
            text = getattr(self, f.name)
            if text is not None and text.strip():
                out[f.name] = text.strip()
        return out


_LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""Everything `str.splitlines` (and so the CSV reader of `check`) takes for the end of a line."""


def check_cells(fig: NewFigure) -> None:
    """A cell must be one line: a line break would split the row, or mix line endings in the file."""
    for f in fields(fig):
        text = getattr(fig, f.name)
        if text is None:
            continue
        bad = next((c for c in text if c in _LINE_BREAKS or (unicodedata.category(c) == "Cc" and c != "\t")),
                   None)
        if bad is not None:
            option = f.name.upper() if f.name in ("plan", "target", "period", "value") else f"--{f.name}"
            raise AuthoringError(f"{option} contains a line break or control character "
                                 f"(U+{ord(bad):04X}); a cell must be one line", usage=True)
    for name in ("plan", "target", "period", "value"):
        if not getattr(fig, name).strip():
            raise AuthoringError(f"{name.upper()} is empty", usage=True)
    if la.is_missing(fig.value):
        raise AuthoringError(f"VALUE {fig.value!r} is a missing figure; there is nothing to record",
                             usage=True)


# ---------------------------------------------------------------- ptarget record: the file

@dataclass(frozen=True)
class CsvFile:
    """An actuals file as `record` must keep it: its bytes, encoding (BOM, line ending) and header."""

    data: bytes
    encoding: la.Encoding
    text: str  # decoded, without the BOM
    header: list[str] | None  # None for an empty file
    lines: int  # lines as the CSV reader of `check` counts them

    @property
    def next_line(self) -> int:
        """The line the appended figure will be on (after a header, if one must be written)."""
        return self.lines + (1 if self.header is not None else 2)

    @property
    def ends_with_break(self) -> bool:
        """True for an empty text or one whose last line is ended (a row may follow directly).

        Only CR and LF end a line for the CSV reader of `check` (U+2028, NEL, FF, VT and RS do
        not): a last line ending in one of those still needs a line break before the new row.
        """
        return not self.text or self.text[-1] in "\r\n"


def encoding_of(data: bytes) -> la.Encoding:
    """`load_actuals.detect_encoding` on bytes in memory: BOMs first, UTF-8 unless it fails, else GB18030."""
    enc = la.sniff_encoding(data[:65536])
    if enc.name == "utf-8" and not enc.bom:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return la.Encoding("gb18030", b"", enc.newline)
    return enc


def read_csv_file(data: bytes | None, file: str) -> CsvFile:
    """Understand an existing actuals file (or None: a new one, UTF-8 without BOM, LF endings)."""
    if data is None:
        return CsvFile(b"", la.Encoding("utf-8", b"", "\n"), "", None, 0)
    enc = encoding_of(data)
    try:
        text = data[len(enc.bom):].decode(enc.name)
    except UnicodeDecodeError as exc:
        raise AuthoringError(f"{file}: cannot be read as {enc.name.upper()} (byte {exc.start}); "
                             "`ptarget check` reports it too; fix the file before recording") from None
    lines = csv_lines(text)
    header = next(csv.reader(lines[:1]), None)
    return CsvFile(data, enc, text, header, len(lines))


def csv_lines(text: str) -> list[str]:
    """The lines of `text` as the CSV reader of `check` sees them: ended by CR, LF or CRLF only."""
    return io.StringIO(text, newline="").readlines()


def columns_of(header: list[str], file: str) -> tuple[dict[str, int] | None, list[Finding]]:
    """The header read exactly as `check` reads it (Chinese names, any order), and its findings."""
    findings = Findings(file)
    return la.read_header(header, findings), findings


def build_record(header: list[str], columns: dict[str, int], fig: NewFigure, file: str) -> list[str]:
    """The new row in the file's own column order; a field with no column to go in is refused."""
    record = [""] * len(header)
    cells = fig.cells()
    if "plan" not in columns:
        cells.pop("plan")  # the file is named after its plan
    missing = [name for name in cells if name not in columns]
    if missing:
        flags = ", ".join(f"--{m}" for m in missing)
        raise AuthoringError(
            f"{file} has no column for {flags} (its header: {','.join(header)}); add the column to "
            "the header row, or leave the option out")
    for name, text in cells.items():
        record[columns[name]] = text
    return record


def csv_line(record: Sequence[str], newline: str) -> str:
    """One CSV row as `csv` quotes it (only cells that need it), ended by the file's line ending."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerow(record)
    return buffer.getvalue()


def appended(file: CsvFile, record: Sequence[str], header: Sequence[str]) -> bytes:
    """The whole new content: the old bytes untouched, then (a header and) the row, same encoding."""
    newline = file.encoding.newline
    text = "" if file.ends_with_break else newline
    if file.header is None:
        text += csv_line(header, newline)
    text += csv_line(record, newline)
    try:
        encoded = codecs.encode(text, file.encoding.name)
    except UnicodeEncodeError as exc:
        raise AuthoringError(f"{text[exc.start:exc.end]!r} cannot be written in the file's "
                             f"encoding {file.encoding.name.upper()}") from None
    return file.data + encoded  # the old bytes, BOM included, byte for byte


# ---------------------------------------------------------------- ptarget record: the check

def check_figure(record: list[str], columns: dict[str, int], file: str, line: int,
                 plans: dict[str, Plan], files_rows: Sequence[tuple[str, list[Any]]]) -> list[Finding]:
    """The findings `check` would add if `record` were appended to `file` as line `line`.

    `files_rows` holds the rows already in every actuals file, in the order `check` reads them
    (`load_actuals.read_rows`), `file` among them (with no rows if it does not exist yet). The
    row is read by `read_row` (unknown target, period, number, unit, basis, published), then
    vintages are resolved with and without it (`resolve_rows`: a disagreeing duplicate), and the
    flow years of its plan checked; only findings that the new row brings are returned.
    """
    findings = Findings(file)

    stem = PurePath(file).stem
    row = la.read_row(record, columns, stem if stem in plans else None, line, file, plans, findings)
    if row is None:
        return findings
    before: list[Any] = []
    after: list[Any] = []
    for name, rows in files_rows:
        mine = [r for r in rows if r.plan == row.plan]
        before.extend(mine)
        after.extend(mine)
        if name == file:
            after.append(row)
    if not any(name == file for name, _ in files_rows):
        after.append(row)
    plan = plans[row.plan]
    old = _resolved_findings(before, plan)
    new = _resolved_findings(after, plan)
    brought = Counter(new) - Counter(old)
    for finding in new:
        if brought[finding] > 0:
            brought[finding] -= 1
            findings.append(finding)
    return findings


def _resolved_findings(rows: list[Any], plan: Plan) -> list[Finding]:
    findings: list[Finding] = []
    figures = la.resolve_rows(rows, findings)
    findings.extend(check_flow_years(plan, FigureIndex(f for f in figures if f.plan == plan.id)))
    return findings


def unknown_target(findings: list[Finding]) -> bool:
    """The figure names a target the plan does not have: a usage error (exit 2, SPEC 5.2)."""
    return any(f.severity == "error" and f.code == "unknown-target" for f in findings)
