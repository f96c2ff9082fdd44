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
from collections import Counter
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
        if out and not out[-1].endswith(tuple("。！？!?:：")) and not _HEADING.match(s):
            out[-1] += s
        else:
            out.append(s)
    return "\n".join(out)


# ---------------------------------------------------------------- the whole pipeline

def clean_text(raw: str) -> Cleaned:
    """Every repair in order; the result is what `extract` quotes from."""
    repairs: list[str] = []
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("\n", text)
    folded = fold_fullwidth(text)
    if folded != text:
        repairs.append(f"full-width characters → ASCII: {sum(1 for a, b in zip(text, folded) if a != b)}")
        text = folded
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
