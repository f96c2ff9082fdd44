"""The document's kind, year and period, and which lines are headings. Pure: text in, facts out.

A work report says once, near the turn from its review to its plan, which year its targets are
for ("二、2024年工作安排", "2024年主要预期目标", "2023年工作回顾" → 2024), and never again in
each sentence; a plan says its period in its title ("(2023—2025年)", "十四五", "三年行动"). Real
texts come without a title, with a web header, or as a single line, so every clue is looked for
in the headings and the opening as well as the first line, and the strongest one wins.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

DocKind = Literal["report", "plan", "unknown"]

# Words only a work report uses: its address to the congress and its two parts.
REPORT_MARK = re.compile(
    r"政府工作报告|向大会报告(?:政府)?工作|报告工作，请予审议|各位代表|(?:20\d\d年|过去一年|去年)(?:主要)?工作回顾"
    r"|(?:今年|20\d\d年)(?:经济社会发展的?|全市|全区|全县)?主要预期目标|^\s*(?:一年来|过去一年)|[。，]一年来"
)
PLAN_TITLE_WORD = re.compile(r"方案|规划|计划|纲要|意见|措施|办法|行动|指南|攻略|清单")

H1 = re.compile(r"^[一二三四五六七八九十]+、")
H2 = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")
# A heading written as a bare short line: "2023年工作回顾", "主要指标", "第三章 发展目标".
BARE_HEADING = re.compile(r"^(?:第[一二三四五六七八九十]+[章节部分篇]\s*)?[\u4e00-\u9fff\d“”（）()、—\-\s]{2,30}$")

FIVE_YEAR = {"十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030)}
RANGE = re.compile(r"(20\d\d)\s*年?\s*[—–\-－~～至到]+\s*(20\d\d)\s*年")
N_YEARS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5}


@dataclass
class Period:
    """The years a document's targets run over, and which clue said so."""

    start: int | None
    end: int | None
    how: str


def is_heading(line: str) -> int:
    """1 for 一、 and bare short heading lines, 2 for (一), else 0."""
    s = line.strip()
    if H1.match(s):
        return 1
    if H2.match(s) or re.match(r"^第[一二三四五六七八九十]+节", s):
        return 2
    if BARE_HEADING.match(s) and not re.search(r"[。；;，,:：]", s) and len(s) >= 4:
        return 1
    return 0


def head_lines(text: str, n: int = 6) -> list[str]:
    """The first n non-empty lines, each cut at 120 characters (a one-line text's opening)."""
    return [s.strip()[:120] for s in text.split("\n") if s.strip()][:n]


def is_work_report(text: str) -> bool:
    """Two marks of a work report, or the title's 政府工作报告: a plan quotes one at most."""
    head = "\n".join(head_lines(text, 8))
    if "政府工作报告" in head or "工作报告" in head[:60]:
        return True
    if PLAN_TITLE_WORD.search(head[:60]) and not re.search(r"各位代表|报告工作", head):
        return False
    marks = {m.group(0).strip("。，")[:4] for m in re.finditer(REPORT_MARK.pattern, text, re.M)}
    return len(marks) >= 2 or bool(re.search(r"报告(?:政府)?工作", text[:400]))


_AHEAD = r"(?:工作安排|主要目标|预期目标|主要预期目标|目标任务|总体要求|重点工作|工作思路|主要任务|重点任务|工作任务|奋斗目标)"
YEAR_AHEAD = re.compile(rf"(20\d\d)年(?:的|是)?[^。；，\n]{{0,12}}?{_AHEAD}")
YEAR_BEHIND = re.compile(r"(20\d\d)年(?:主要)?工作(?:回顾|总结)|(20\d\d)年主要工作|过去的(20\d\d)年|刚刚过去的(20\d\d)年")


def report_year(text: str) -> int | None:
    """The year a work report sets targets for: said in its title, at its turn, or one after its review."""
    head = "\n".join(head_lines(text, 8))
    m = re.search(r"(20\d\d)年(?:度)?.{0,12}工作报告|工作报告.{0,3}[(（](20\d\d)年", head)
    if m:
        return int(m.group(1) or m.group(2))
    # "圆满完成2023年主要预期目标" looks back: only a year's targets still ahead count
    ahead = Counter(int(m.group(1)) for m in YEAR_AHEAD.finditer(text)
                    if not re.search(r"完成|实现|达成", text[max(0, m.start() - 8):m.start()]))
    behind = Counter(int(next(g for g in m.groups() if g)) + 1 for m in YEAR_BEHIND.finditer(text))
    votes = ahead + behind + behind  # a heading of the review is said once, and is sure
    if votes:
        return votes.most_common(1)[0][0]
    # the review's first paragraph opens with its year: "2023年是…", "2024年，面对…"
    m = re.search(r"(?m)(?:^\s*|(?<=[。！？：:])|(?<=回顾)|(?<=总结))(?:刚刚过去的|过去的)?(20\d\d)年(?:是|，|,)",
                  text[:len(text) // 2 + 1])
    if m:
        return int(m.group(1)) + 1
    return None


def plan_period(text: str, report: bool) -> Period:
    """The years of a plan: its title's range, 十四五, N年行动 with a start, else its deadlines."""
    lines = head_lines(text, 6)
    head = "\n".join(lines)
    if report:
        y = report_year(text)
        if y:
            return Period(y, y, "work report")
    m = RANGE.search(head)
    if m and int(m.group(1)) <= int(m.group(2)):
        return Period(int(m.group(1)), int(m.group(2)), "title")
    # the title's 十四五, else the first one named near the top (a review of 十三五 comes later)
    named = [(head.find(w), w) for w in FIVE_YEAR if w in head[:300]]
    in_title = [w for w in FIVE_YEAR if lines and w in lines[0]]
    if in_title or named:
        word = in_title[0] if in_title else min(named)[1]
        a, b = FIVE_YEAR[word]
        return Period(a, b, word)
    m = re.search(r"(20\d\d)年?\s*[—–\-－~～至到]?\s*(?:([两二三四五])年)行动", head)
    if m and m.group(2):
        a = int(m.group(1))
        return Period(a, a + N_YEARS[m.group(2)] - 1, "title")
    m = RANGE.search(text[:3000])
    if m and int(m.group(1)) <= int(m.group(2)):
        return Period(int(m.group(1)), int(m.group(2)), "text")
    years = [int(y) for y in re.findall(r"(?:到|至)(20\d\d)年", text)]
    if years:
        end = Counter(years).most_common(1)[0][0]
        n = re.search(r"([两二三四五])年(?:行动|攻坚|计划)", head)
        start = end - N_YEARS[n.group(1)] + 1 if n else None
        if start is None:
            issued = re.findall(r"(20\d\d)年\d{1,2}月\d{1,2}日", text)
            start = min(int(y) for y in issued) if issued else None
        return Period(start if start and start <= end else None, end, "deadlines")
    return Period(None, None, "none")
