"""Cleaning a plan's raw text into the clean simplified Chinese that quotes point into.

Plan texts reach a data author as OCR of a shared .docx, a news site's repost in traditional
characters with pinyin after every hard character, a Taiwan encyclopedia mirror whose
converter also swapped in Taiwan vocabulary, or a page with gambling spam injected into
its sentences. Each repair here is one general rule over that kind of damage; every repair
made is listed in `Cleaned.repairs`, so the source file written beside a draft says what
was changed (as the hand-made sources/*.txt headers do).

The only I/O-like dependency is OpenCC's dictionaries (imported lazily, in `to_simplified`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

CJK = "\u3400-\u9fff"
_CJK_CHAR = re.compile(f"[{CJK}]")


@dataclass
class Cleaned:
    """The cleaned text and the list of repairs made to get it."""

    text: str
    repairs: list[str] = field(default_factory=list)
    converted: bool = False  # traditional → simplified was applied


# ---------------------------------------------------------------- character level

# Full-width ASCII (digits, Latin letters, % . + - / ~ and the ideographic space) to ASCII.
# Chinese punctuation (，。；：（）！？“”) is left alone: it is how the plans are written.
_KEEP_FULLWIDTH = set("，；：（）！？")
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F) if chr(c) not in _KEEP_FULLWIDTH}
_FULLWIDTH.update({0x3000: 0x20, 0x2212: ord("-"), 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20,
                   0x200B: None, 0xFEFF: None, 0x200C: None, 0x200D: None})

# Unicode private-use and replacement characters are always mis-decoded bytes, never text.
_GARBAGE = re.compile("[\ue000-\uf8ff\ufffd]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# 創(chuàng): a character followed by its pinyin with tone marks, as Chinese news sites print
# rare characters. A tone mark is required, so "(AI)" or "(ai)" in a text survive.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN = re.compile(rf"[(（](?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,7}}[)）]")


def fold_fullwidth(text: str) -> str:
    return text.translate(_FULLWIDTH)


# PDF converters write Kangxi radicals (⾼ U+2FBC, ⼊ U+2F0A), radical supplements and
# compatibility ideographs where the page shows the ordinary character; NFKC maps each back.
_RADICAL = re.compile("[\u2e80-\u2ef3\u2f00-\u2fd5\uf900-\ufaff]")


def fold_radicals(text: str) -> tuple[str, int]:
    """Kangxi radicals and compatibility ideographs → the unified ideographs they stand for."""
    n = 0

    def repl(m: re.Match[str]) -> str:
        nonlocal n
        c = unicodedata.normalize("NFKC", m.group(0))
        if c != m.group(0):
            n += 1
        return c

    return _RADICAL.sub(repl, text), n


# ---------------------------------------------------------------- a saved web page's residue

# Links, and percent-encoded runs (a URL's path in Chinese: %E8%BF%91…); the numbers in them
# are no one's targets.
_URL = re.compile(r"(?:https?://|www\.)[\x21-\x7e]+|(?:%[0-9A-Fa-f]{2}){2,}[\x21-\x7e]*")
# "# Source: …", "Title: …", "URL: …": metadata lines a saving tool writes above the text.
_META = re.compile(r"^\s*#*\s*(?:[A-Za-z][A-Za-z _-]{1,20}|来源|原文链接|原文地址|链接|网址|标题|发布机构|发文机关)\s*[:：]")
_MD_HEAD = re.compile(r"^\s*#{1,6}\s+")
# "# Repair 1 (…): …", "# Not repaired: …": a comment in English above a text, as ptarget's own
# sources/*.txt carry; a markdown heading of a Chinese document starts with Chinese after '#'.
_COMMENT = re.compile(r"^\s*#+\s*[A-Za-z]")


def strip_web(lines: list[str]) -> tuple[list[str], list[str]]:
    """Drop metadata lines and links; a markdown '# ' before a heading is dropped, the heading kept.

    A `Title:` line gives its value as the text's first line, so the title is the document's.
    """
    out: list[str] = []
    repairs: list[str] = []
    links = 0
    for line in lines:
        if _COMMENT.match(line):
            repairs.append(f"dropped comment line: “{line.strip()[:60]}”")
            continue
        m = _META.match(line)
        if m and len(line) < 400:
            key = m.group(0).strip(" #:：").lower()
            value = line[m.end():].strip()
            repairs.append(f"dropped header line: “{line.strip()[:60]}”")
            if key in ("title", "标题") and value and re.search("[\u4e00-\u9fff]", value):
                out.insert(0, value)
            continue
        line, n = _URL.subn("", line)
        links += n
        line = _MD_HEAD.sub("", line)
        out.append(line)
    if links:
        repairs.append(f"links and percent-encoded URLs removed: {links}")
    return out, repairs


# A newspaper's page break: "…百强，（下转第3版）", the running head of the next page, then
# "（上接第1版）岳阳县…": the sentence goes on across it.
_TURN_ON = re.compile(r"[（(]\s*下转第?\s*[\d一二三四五六七八九十]+\s*[版页]\s*[)）]\s*$")
_TURN_IN = re.compile(r"^\s*[（(]\s*上接第?\s*[\d一二三四五六七八九十]+\s*[版页]\s*[)）]\s*")


def join_page_turns(lines: list[str]) -> tuple[list[str], int]:
    """Join the two halves of a sentence split by 下转第N版 … 上接第N版, dropping the lines between."""
    out: list[str] = []
    joins = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _TURN_ON.search(line)
        if m:
            j = next((k for k in range(i + 1, min(len(lines), i + 8)) if _TURN_IN.match(lines[k])), None)
            if j is not None:
                lines[j] = line[:m.start()] + _TURN_IN.sub("", lines[j])
                joins += 1
                i = j
                continue
            line = line[:m.start()]
        out.append(_TURN_IN.sub("", line))
        i += 1
    return out, joins


# A text saved as one line (or a few very long ones): its headings are inside the line, after
# a sentence's end. Breaking there gives back the parts a reader sees.
_INLINE_HEAD = re.compile(r"(?<=[。！？!?：:])\s*(?=(?:[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[)）])"
                          r"[\u4e00-\u9fff\d“])")


def split_long_lines(lines: list[str]) -> tuple[list[str], int]:
    """Break lines of over 3000 characters (or a text of one or two lines) before their headings."""
    out: list[str] = []
    n = 0
    one_line = sum(1 for x in lines if x.strip()) <= 2
    for line in lines:
        if len(line) > 3000 or (one_line and len(line) > 200):
            parts = _INLINE_HEAD.split(line)
            n += len(parts) - 1
            out.extend(parts)
        else:
            out.append(line)
    return out, n


def strip_pinyin(text: str) -> tuple[str, int]:
    out, n = _PINYIN.subn("", text)
    return out, n


# ---------------------------------------------------------------- traditional → simplified

# Taiwan vocabulary that mirror sites' converters (OpenCC s2twp, wiki converters) put in
# place of mainland words. OpenCC's tw2sp also rewrites words that are good mainland Chinese
# (新增 → 添加), so only this list is used, and only in a text that shows Taiwan usage: one
# of the TAIWAN_MARKERS, words no mainland text writes.
TAIWAN_MARKERS = ("软体", "硬体", "网路", "智慧财产权", "人工智慧", "最佳化", "资讯", "数位", "晶片",
                  "积体电路", "伺服器", "资料库", "网际网路", "矽", "计画")
TAIWAN_WORDS = {
    "智慧财产权": "知识产权", "人工智慧": "人工智能", "网际网路": "互联网", "积体电路": "集成电路",
    "智慧型": "智能", "最佳化": "优化", "软体": "软件", "硬体": "硬件", "网路": "网络", "资讯": "信息",
    "数位": "数字", "晶片": "芯片", "伺服器": "服务器", "资料库": "数据库", "计画": "计划", "矽": "硅",
    "套用": "应用", "程式": "程序", "专案": "项目", "云端": "云", "平檯": "平台", "菸": "烟",
}
# t2s leaves 著 alone; in simplified it is 着 before these
_ZHE = re.compile("著(力|重|眼|手|实|落|陆|想)")


@functools.cache
def _t2s():  # type: ignore[no-untyped-def]
    """OpenCC's t2s converter, loaded once (its dictionaries take a moment to read)."""
    import opencc  # lazily: only texts with CJK reach this

    return opencc.OpenCC("t2s")


def traditional_share(text: str) -> float:
    """The share of CJK characters that OpenCC t2s changes (0 for a simplified text)."""
    chars = _CJK_CHAR.findall(text)
    if not chars:
        return 0.0
    sample = "".join(chars[:20000])
    converted = _t2s().convert(sample)
    changed = sum(1 for a, b in zip(sample, converted) if a != b)
    return changed / len(sample)


def to_simplified(text: str) -> tuple[str, list[str]]:
    """Traditional → simplified characters (OpenCC t2s), and 著 → 着 where t2s leaves it."""
    out = _t2s().convert(text)
    repairs = ["traditional → simplified characters (OpenCC t2s)"]
    out, n = _ZHE.subn(lambda m: "着" + m.group(1), out)
    if n:
        repairs.append(f"著 -> 着 before 力/重/眼/手/实/落/陆/想 ×{n}")
    return out, repairs


def taiwan_vocabulary(out: str) -> tuple[str, list[str]]:
    """Mainland words for Taiwan ones, in a text with at least two distinct Taiwan markers."""
    repairs: list[str] = []
    if sum(1 for w in TAIWAN_MARKERS if w in out) >= 2:
        for old, new in TAIWAN_WORDS.items():
            n = out.count(old)
            if n:
                out = out.replace(old, new)
                repairs.append(f"Taiwan vocabulary: {old} -> {new} ×{n}")
    return out, repairs


# ---------------------------------------------------------------- junk

# Lines that a document-sharing site, a news site or an encyclopedia mirror wraps around
# the text: navigation, share counters, "source/time/views", related-entry lists.
_JUNK_LINE = re.compile(
    r"由会员分享|可在线阅读|请在.{0,12}上搜索|珍藏版\)|^首页\s*[>›»]|^当前位置|^来源[:：]|^时间[:：]"
    r"|^发布时间[:：]|^发布日期[:：]|^热度[:：]?$|^浏览(次数)?[:：]|^阅读[:：]?\s*\d*$|^点击[:：]"
    r"|^热门词条$|^联络我们$|^联系我们$|^基本介绍$|^全文[,，]?$|^原文见下[:：]?$|^相关(阅读|链接|推荐)"
    r"|^分享到|^扫一扫|^打印本页|^关闭窗口|^【?字体[:：]|^责任编辑[:：]|^上一篇|^下一篇"
    r"|^\s*[•·]\s*(中文名|外文名|颁布时间|发布单位|发文字号|类别|实施时间)[:：]"
)

# Spam injected into sentences: a few characters around a Latin brand with a betting or
# download word ("凯时k8官网下载", "开云体育app", "bet365官网"). The Latin part is required.
_SPAM_WORDS = "官网|官方网站|下载|登录|登陆|注册|入口|娱乐|体育|真人|棋牌|彩票|博彩|平台app|app|APP"
_SPAM = re.compile(
    rf"[{CJK}]{{0,4}}[A-Za-z][A-Za-z0-9]*[{CJK}]{{0,4}}?(?:{_SPAM_WORDS})(?:{_SPAM_WORDS})?"
)


def drop_junk_lines(lines: list[str]) -> tuple[list[str], list[str]]:
    kept, dropped = [], []
    for line in lines:
        if _JUNK_LINE.search(line.strip()):
            dropped.append(line.strip())
        else:
            kept.append(line)
    return kept, dropped


_FULLTEXT_MARK = re.compile(r"^\s*(?:原文见下|全文如下|以下为全文|附全文|原文如下|全文见下)[:：]?\s*$")


def drop_lead(lines: list[str]) -> tuple[list[str], str | None]:
    """A news repost's lead and summary end at a line '原文见下:'; the document follows it."""
    for i, line in enumerate(lines[: max(1, len(lines) // 3)]):
        if _FULLTEXT_MARK.match(line):
            return lines[i + 1:], line.strip()
    return lines, None


def strip_spam(text: str) -> tuple[str, list[str]]:
    found: list[str] = []

    def repl(m: re.Match[str]) -> str:
        s = m.group(0)
        # only Chinese-with-a-Latin-brand runs; a plain "APP" in a sentence is kept
        if not re.search(f"[{CJK}]", s) or re.fullmatch(r"(?i)app", s):
            return s
        found.append(s)
        return ""

    return _SPAM.sub(repl, text), found


# ---------------------------------------------------------------- layout

_PAGE_LINE = re.compile(r"^\s*(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"
                        r"|\d{1,3}\s*/\s*\d{1,3}|\f)\s*$")
_LEAD_MARK = re.compile(r"^(\d{1,3})、")


def page_markers(lines: list[str]) -> bool:
    """True when the lines start with page markers 1、2、3、… in order (a docx OCR's pages)."""
    nums = []
    for line in lines:
        m = _LEAD_MARK.match(line.strip())
        nums.append(int(m.group(1)) if m else None)
    marked = [n for n in nums if n is not None]
    if len(marked) < 3 or marked[:3] != [1, 2, 3]:
        return False
    # strictly increasing by one, covering most lines: list items restart and skip
    return all(b == a + 1 for a, b in zip(marked, marked[1:])) and len(marked) >= 0.6 * len(
        [n for n in lines if n.strip()])


_SENTENCE_END = "。；;！？!?:：”」)）"
_NUM_SPLIT = re.compile(r"(\d)\n(\d|\.\d|%|万|亿)|(\d\.)\n(\d)")


def join_page_lines(lines: list[str]) -> tuple[str, int]:
    """Remove 'N、' page markers and join each page to the previous one where it broke a word."""
    out: list[str] = []
    joins = 0
    for line in lines:
        s = line.strip()
        m = _LEAD_MARK.match(s)
        if m:
            s = s[m.end():]
            if out and not out[-1].endswith(tuple(_SENTENCE_END)):
                out[-1] += s
                joins += 1
                continue
        out.append(s)
    return "\n".join(out), joins


def cjk_spaces(text: str) -> tuple[str, int]:
    """Remove spaces between Chinese characters and punctuation (layout residue)."""
    pat = re.compile(rf"(?<=[{CJK}，。、；：（）()“”《》])[ \t]+(?=[{CJK}，。、；：（）()“”《》\d])"
                     rf"|(?<=[{CJK}，。、；：（）()“”《》\d])[ \t]+(?=[{CJK}，。、；：（）()“”《》])")
    return pat.subn("", text)


_ITEM_SPACE = re.compile(r"(?m)^(\s*\d{1,2}) +([.．、])")


def hard_wrapped(lines: list[str]) -> bool:
    """True when most long lines have one length: a PDF's fixed-width lines, not paragraphs."""
    lengths = [len(x.strip()) for x in lines if len(x.strip()) >= 15]
    if len(lengths) < 8:
        return False
    top, count = Counter(lengths).most_common(1)[0]
    near = sum(1 for n in lengths if abs(n - top) <= 2)
    return near >= 0.5 * len(lengths)


_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[.．、]"
                      r"|第[一二三四五六七八九十]+[章节部分条])")


def unwrap(lines: list[str]) -> str:
    """Join a hard-wrapped text's lines into paragraphs; a heading starts a new one."""
    out: list[str] = []
    for line in lines:
        s = line.strip()
        if not s:
            continue
        if out and not out[-1].endswith(tuple("。！？!?:：")) and not _HEADING.match(s) and " | " not in s + out[-1]:
            out[-1] += s
        else:
            out.append(s)
    return "\n".join(out)


# ---------------------------------------------------------------- tables

# A table row as a saving tool writes it: cells between tabs or bars (a page, a .docx, a
# markdown table), or a PDF's columns two spaces apart. Each becomes "cell | cell | cell", the
# one form rules/table.py reads, and is kept out of the joining of wrapped lines.
_CELL_SEP = re.compile(r"\s*\t\s*|\s*\|\s*|\s{2,}")
_RULE_ROW = re.compile(r"^[\s|:：\-—=+]+$")


_NUMERIC_CELL = re.compile(r"^[-—≥≤<>＞＜~约\[［【(（]*\d[\d.,%]*[\]］】)）]*(?:以上|以下|以内|左右)?$|^[—-]+$")


def _spaced_header(s: str) -> bool:
    """A header row a PDF wrote with single spaces: 指标, and a target or two year columns."""
    cells = s.split()
    years = sum(1 for c in cells if re.fullmatch(r"20\d\d\s*年?(?:底|末)?", c))
    return (3 <= len(cells) <= 10 and len(s) <= 120 and all(len(c) <= 20 for c in cells)
            and any(re.search(r"指标|名称", c) for c in cells)
            and (years >= 2 or any(re.search(r"目标|预期值|规划值", c) for c in cells)))


def table_rows(lines: list[str]) -> tuple[list[str], int]:
    """Rewrite every table row as cells joined by ' | '; markdown rule rows are dropped.

    Rows a PDF wrote with single spaces are taken only under a header that says it is a table
    of indicators, and only while each has a name and a number.
    """
    out: list[str] = []
    n = 0
    spaced = False  # under a single-spaced header
    for line in lines:
        s = line.strip()
        plain = "|" not in s and "\t" not in s
        if plain and _spaced_header(s):
            spaced = True
            out.append(" | ".join(s.split()))
            n += 1
            continue
        if spaced and plain:
            cells = s.split()
            if (3 <= len(cells) <= 10 and len(s) <= 200 and all(len(c) <= 40 for c in cells) and re.search(f"[{CJK}]", s)
                    and sum(bool(_NUMERIC_CELL.match(c)) for c in cells) >= 1 and "。" not in s):
                out.append(" | ".join(cells))
                n += 1
                continue
            spaced = False
        if s.count("|") >= 2 and _RULE_ROW.match(s):
            n += 1
            continue
        bars = s.count("|") >= 2 or s.count("\t") >= 2
        wide = len(re.findall(r"\S\s{2,}(?=\S)", s)) >= 2 and len(s) < 200
        if not (bars or wide):
            out.append(line)
            continue
        cs = [c for c in _CELL_SEP.split(s.strip("|").strip()) if c]
        if len(cs) < 3 or (wide and not bars and sum(bool(re.search(r"\d", c)) for c in cs) < 2):
            out.append(line)
            continue
        out.append(" | ".join(cs))
        n += 1
    return out, n


# A table saved one cell per line (a page's text copied, a crawler's output): a header of short
# lines (序号, 指标, 2020年基期值, 2025年目标值, 属性), then its rows, each opening with its
# number where the header has 序号. Each is put back on one line as cells joined by ' | '.
_VHEAD_START = re.compile(r"^(?:序号|编号|类别|领域|一级指标|指标|指标名称|主要指标|具体指标)$")
_VHEAD_TARGET = re.compile(r"目标|预期值|规划值")
_SERIAL = re.compile(r"^\d{1,3}[.、．]?$")


def _cell_line(s: str) -> bool:
    return 0 < len(s) <= 40 and "。" not in s and " | " not in s


def vertical_tables(lines: list[str]) -> tuple[list[str], int]:
    """Put a one-cell-per-line table's rows back on one line each."""
    out: list[str] = []
    n = 0
    i = 0
    while i < len(lines):
        s = lines[i].strip()
        if not _VHEAD_START.match(s):
            out.append(lines[i])
            i += 1
            continue
        j = i
        head: list[str] = []
        while j < len(lines) and len(head) < 10:
            c = lines[j].strip()
            if not c:
                j += 1
                continue
            if not (len(c) <= 16 and "。" not in c and not _SERIAL.match(c)):
                break
            head.append(c)
            j += 1
        years = sum(1 for h in head if re.fullmatch(r"20\d\d\s*年?(?:底|末)?", h))
        if len(head) < 3 or not (any(_VHEAD_TARGET.search(h) for h in head) or years >= 2) or "指标" not in "".join(head):
            out.append(lines[i])
            i += 1
            continue
        rows: list[list[str]] = []
        numbered = head[0] in ("序号", "编号")
        while j < len(lines):
            c = lines[j].strip()
            if not c:
                j += 1
                continue
            heading = _HEADING.match(c) and re.search(f"[{CJK}]", c) and not _SERIAL.match(c)
            if not _cell_line(c) or heading or c.startswith(("注", "备注", "表")):
                break
            serial = _SERIAL.match(c) and int(c.rstrip(".、．")) == len(rows) + 1
            if numbered and serial or not rows or (not numbered and len(rows[-1]) >= len(head)):
                rows.append([c])
            else:
                rows[-1].append(c)
            j += 1
        if not rows or (numbered and not _SERIAL.match(rows[0][0])):
            out.append(lines[i])
            i += 1
            continue
        out.append(" | ".join(head))
        out.extend(" | ".join(r) for r in rows)
        n += len(rows)
        i = j
    return out, n


# ---------------------------------------------------------------- the whole pipeline

# Repairs of the layout, in order, each with what its count in the repairs list means.
LINE_STEPS: list[tuple[Callable[[list[str]], tuple[list[str], int]], str]] = [
    (join_page_turns, "newspaper page turns (下转/上接第N版) joined"),
    (split_long_lines, "very long lines broken before the headings inside them"),
    (vertical_tables, "rows of tables saved one cell per line put back on one line"),
    (table_rows, "table rows written as cells joined by ' | '"),
]


def clean_text(raw: str) -> Cleaned:
    """Every repair in order; the result is what `extract` quotes from."""
    repairs: list[str] = []
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("\n", text)
    folded = fold_fullwidth(text)
    if folded != text:
        repairs.append(f"full-width characters → ASCII: {sum(1 for a, b in zip(text, folded) if a != b)}")
        text = folded
    text, n = fold_radicals(text)
    if n:
        repairs.append(f"Kangxi radicals and compatibility ideographs → ordinary characters: {n}")
    text, n = strip_pinyin(text)
    if n:
        repairs.append(f"pinyin annotations removed: {n}")
    text, n = _GARBAGE.subn("", text)
    if n:
        repairs.append(f"private-use / replacement characters removed (garbled bytes): {n}")
    converted = False
    if traditional_share(text) > 0.02:
        text, more = to_simplified(text)
        repairs.extend(more)
        converted = True
    text, found = strip_spam(text)
    if found:
        repairs.append("injected spam removed: " + ", ".join(f"“{s}”" for s in found))
    lines = text.split("\n")
    lines, more = strip_web(lines)
    repairs.extend(more)
    for step, what in LINE_STEPS:
        lines, n = step(lines)
        if n:
            repairs.append(f"{what}: {n}")
    lines, lead = drop_lead(lines)
    if lead:
        repairs.append(f"dropped a repost's wrapper and lead, up to the line “{lead}”")
    lines, dropped = drop_junk_lines(lines)
    for d in dropped:
        repairs.append(f"dropped wrapper line: “{d[:60]}”")
    if converted:
        joined, more = taiwan_vocabulary("\n".join(lines))
        repairs.extend(more)
        lines = joined.split("\n")
    before = len(lines)
    lines = [x for x in lines if not _PAGE_LINE.match(x)]
    if len(lines) != before:
        repairs.append(f"page-number lines dropped: {before - len(lines)}")
    nonempty = [x for x in lines if x.strip()]
    if page_markers(nonempty):
        text, joins = join_page_lines(nonempty)
        repairs.append(f"page markers '1、2、…' at line starts removed; {joins} broken words or numbers joined")
    elif hard_wrapped(nonempty):
        text = unwrap(nonempty)
        repairs.append("hard-wrapped lines joined into paragraphs")
    else:
        text = "\n".join(x.strip() for x in nonempty)
    text, n = _NUM_SPLIT.subn(lambda m: (m.group(1) or m.group(3)) + (m.group(2) or m.group(4)), text)
    if n:
        repairs.append(f"line breaks inside numbers joined: {n}")
    text, n = cjk_spaces(text)
    if n:
        repairs.append(f"stray spaces between Chinese characters removed: {n}")
    text, n = _ITEM_SPACE.subn(r"\1\2", text)
    if n:
        repairs.append(f"spaces in item numbers ('1 .' → '1.') removed: {n}")
    text = "\n".join(line for line in text.split("\n") if line.strip()) + "\n"
    return Cleaned(text, repairs, converted)


def source_file_text(cleaned: Cleaned, origin: str) -> str:
    """The cleaned text with a '#' header naming its origin and repairs (as sources/*.txt do)."""
    head = [f"# source: {origin} (cleaned by `ptarget extract`)"]
    head += [f"# repair: {r}" for r in cleaned.repairs]
    body = cleaned.text
    # a body line starting with '#' would be read as header: none of a plan's lines does,
    # but guard anyway by a full-width sign
    body = "\n".join(("＃" + x[1:]) if x.startswith("#") else x for x in body.split("\n"))
    return "\n".join(head) + "\n\n" + body
