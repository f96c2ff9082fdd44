"""Candidates → the drafts a person reviews: SPEC 5.1 JSON and a plan file (SPEC 2.1).

Pure: everything here returns strings and dicts; the command writes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from policy_targets.core.extract.clean import Cleaned, clean_text
from policy_targets.core.extract.rules import Candidate, Period, extract_candidates

TODO = "TODO"


@dataclass
class Draft:
    """Everything `extract` found in one text."""

    cleaned: Cleaned
    candidates: list[Candidate]
    period: Period
    work_report: bool
    title: str
    city_zh: str | None


def draft_text(raw: str) -> Draft:
    cleaned = clean_text(raw)
    cands, period, report = extract_candidates(cleaned.text)
    title = _title(cleaned.text, report, period.end)
    return Draft(cleaned, cands, period, report, title, _city(cleaned.text, title))


def _title(text: str, report: bool = False, year: int | None = None) -> str:
    for line in text.split("\n")[:5]:
        s = line.strip()
        if 6 <= len(s) <= 80 and re.search(r"方案|计划|规划|报告|意见|纲要|政策|措施", s) and not s.endswith("。"):
            return s
    if report and year:
        return f"{year}年政府工作报告"  # saved without its title: what every such report is called
    # no title line: the first line that is no address or sentence
    for line in text.split("\n")[:5]:
        s = line.strip()
        if s and not re.match(r"各位代表|现在，|同志们", s) and len(s) <= 80 and not s.endswith(("。", "：", ":")):
            return s
    return ""  # a sentence is no title: the draft says TODO, a person writes it


def _city(text: str, title: str) -> str | None:
    m = re.search(r"([\u4e00-\u9fff]{2,4}?[市县区州盟])", title)
    if m and m.group(1) not in ("城市", "全市", "我市"):
        return m.group(1)
    return None


def ids(cands: list[Candidate]) -> list[str]:
    """Placeholder ids t01, t02 … (snake_case as the loader wants); a person renames them."""
    width = max(2, len(str(len(cands))))
    return [f"t{i + 1:0{width}d}" for i in range(len(cands))]


def target_dicts(draft: Draft) -> list[dict[str, object]]:
    """The candidates as SPEC 5.1's target objects (keys of SPEC 2.1, confidence, note)."""
    names = ids(draft.candidates)
    out = []
    for i, c in enumerate(draft.candidates):
        d: dict[str, object] = {
            "id": names[i], "name": c.name, "kind": c.kind, "value": c.value, "unit": c.unit,
            "comparator": c.comparator, "deadline": c.deadline, "quote": c.quote,
        }
        if c.also:
            d["also"] = list(c.also)
        if c.baseline:
            d["baseline"] = dict(c.baseline)
        if c.parent is not None:
            d["parent"] = names[c.parent]
        if c.reference:
            d["reference"] = c.reference
        if c.section:
            d["section"] = c.section
        d["confidence"] = c.confidence
        d["note"] = "; ".join(c.notes) if c.notes else ""
        out.append(d)
    return out


def json_document(draft: Draft, source: str, text_file: str | None) -> dict[str, object]:
    return {"source": source, "text": text_file, "targets": target_dicts(draft)}


def plan_toml(draft: Draft, plan_id: str) -> str:
    """A plan file `ptarget check` accepts once a person has replaced every TODO."""
    import tomli_w

    period = draft.period
    end = period.end
    start = period.start or end
    plan: dict[str, object] = {
        "city": _slug(plan_id),
        "city_zh": draft.city_zh or TODO,
        "title": draft.title or TODO,
        "title_en": TODO,
        "start": start if start is not None else 0,
        "end": end if end is not None else 0,
        "note": (f"Drafted by `ptarget extract` ({'a work report' if draft.work_report else 'a plan'}; "
                 f"period from the {period.how}). Review every target against the text, replace "
                 "each TODO, rename the ids t01… to snake_case names, and drop this note."),
    }
    targets = []
    series = []
    names = ids(draft.candidates)
    for i, c in enumerate(draft.candidates):
        t: dict[str, object] = {"id": names[i], "name": c.name, "name_en": TODO, "kind": c.kind}
        if c.kind not in ("relative",) or c.value:
            t["value"] = c.value
        t["unit"] = c.unit
        t["comparator"] = c.comparator
        if c.deadline is not None:
            t["deadline"] = _toml_deadline(c.deadline)
        if c.baseline:
            t["baseline"] = dict(c.baseline)
        if c.parent is not None:
            t["parent"] = names[c.parent]
        if c.kind == "relative":
            sid = f"{names[i]}_reference"
            t["reference"] = sid
            series.append({"id": sid, "name": c.reference or TODO, "name_en": TODO, "unit": c.unit})
        t["quote"] = c.quote
        if c.also:
            t["also"] = list(c.also)
        if c.section:
            t["section"] = c.section
        note = f"{TODO}: review (confidence {c.confidence:.2f})"
        if c.notes:
            note += ": " + "; ".join(c.notes)
        t["note"] = note
        targets.append(t)
    if period.start is None and end is not None:
        plan["note"] = str(plan["note"]) + f" {TODO}: the start year is not stated; start = end was written."
    if start is None or end is None:
        plan["start"] = plan["end"] = 0
        plan["note"] = str(plan["note"]) + f" {TODO}: the plan's years were not found in the text."
    doc: dict[str, object] = {"plan": plan, "target": targets}
    if series:
        doc["series"] = series
    body = tomli_w.dumps(doc)
    head = (f"# Draft by `ptarget extract`: {len(targets)} candidate target(s). Every field marked {TODO}\n"
            f"# needs a person; the quotes point into sources/{plan_id}.txt (the cleaned text).\n")
    return head + body


def _toml_deadline(d: int | str) -> object:
    if isinstance(d, str):
        from datetime import date

        return date.fromisoformat(d)
    return d


def _slug(plan_id: str) -> str:
    s = re.sub(r"[^a-z0-9_]", "_", plan_id.lower()).strip("_")
    if not s or not s[0].isalpha():
        s = "plan_" + s if s else "plan"
    return s


def source_name(plan_path: Path) -> Path:
    """Where the cleaned text goes: sources/<plan>.txt beside the plan file."""
    return plan_path.parent / "sources" / f"{plan_path.stem}.txt"
