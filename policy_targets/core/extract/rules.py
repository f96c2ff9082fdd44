"""Reading a plan's clean text into candidate targets. Pure: text in, candidates out.

The rules follow how Chinese plans and government work reports state targets, not any one
text: a sentence (。！？) is split into clauses (，；：), a clause into segments between the
number-with-unit mentions it holds ("其中院士工作站10家、科技公共服务平台10家" has two), and
each mention is read with the words of its own segment first and of its clause, sentence,
section and plan after that:

- value and unit: Arabic or Chinese numerals (十/百/两, 万/亿 units), ranges (5—10项, 1-2名),
  fractions (1/3, 三分之一 → %), ranks (前40位);
- comparator: 达到/以上/不少于 → >=; 超/突破 → >= (noted); 左右 → ~; 以内/不超过 → <=;
- kind: 年均增长 → growth; 每年 → annual; 新增/新建/引进/累计新增 → increment; 零的突破 →
  milestone; 快于 → relative; 全覆盖 → level 100 %; otherwise level;
- deadline: a year stated in the clause, else the sentence, else the section, else the plan;
- baseline: 从X提高到Y;
- 各/分别 give one target per subject; 其中 parts get the whole as parent;
- not targets: subsidy amounts, a project's size (年产5万吨), numbers inside names (“315”,
  三大), the text's structure (六个方面, 四次会议).

Whether a sentence states a target or a result (a work report's review, a plan's 发展基础) is
judged by mode.py from the sentence, its paragraph, its section and the kind of document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from policy_targets.core.numbers import NumberError, chinese_to_number
from policy_targets.core.extract.table import Header, Row, header, is_row, read_row
from policy_targets.core.extract.structure import Period, is_heading, is_work_report, plan_period, report_year
from policy_targets.core.extract.mode import (PLAN_HEAD, REVIEW_HEAD, TARGET_HEAD, TURN, Context, Verdict, document_kind, heading_title, judge,
                   paragraph_context, review_heading)

Kind = Literal["level", "increment", "annual", "growth", "milestone", "relative", "change", "hold"]

# ---------------------------------------------------------------- the candidate


@dataclass
class Candidate:
    """One drafted target, with where it is in the text and why it was read so."""

    name: str
    kind: Kind
    value: float | list[float] | None
    unit: str
    comparator: str
    quote: str
    start: int  # offset of the quote in the clean text
    deadline: int | str | None = None  # a year, or an ISO date
    deadline_from: str = "plan"  # clause | sentence | section | plan | report
    section: str | None = None
    baseline: dict[str, object] | None = None
    parent: int | None = None  # index of the whole in the candidate list (其中)
    reference: str | None = None  # relative: the series compared with
    also: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    confidence: float = 0.9
    sentence: int = 0  # index of the sentence, for 其中 and list inheritance
    kind_from: str = "word"  # word | list | default


# ---------------------------------------------------------------- numbers and units

CN_DIGIT = "零〇一二两三四五六七八九"
# A unit is a measure word or a physical unit, with 万/亿/千/百万 before it where it counts
# many (万人, 亿美元, 万标箱). Longest first: 个百分点 before 个, 平方米 before 米.
UNIT_BASES = [
    "个百分点", "百分点", "平方公里", "平方米", "立方米", "微克/立方米", "千瓦时", "千瓦", "吨标准煤", "吨",
    "公顷", "亩", "公里", "千升", "标箱", "美元", "元", "人次", "场次", "人年", "人", "家", "户", "个",
    "项", "件", "台(套)", "台套", "台", "套", "名", "位", "所", "座", "条", "篇", "部", "支", "只",
    "次", "场", "辆", "艘", "架", "张", "头", "株", "棵", "处", "斤", "公斤", "千克", "毫秒", "工作日",
    "倍", "%", "‰",
]
# Units that take no multiplier before them (a share, a margin, a rank, a time).
_BARE_ONLY = {"个百分点", "百分点", "%", "‰", "倍", "位", "毫秒", "工作日", "微克/立方米"}
UNITS = sorted({p + u for u in UNIT_BASES for p in ("", "万", "亿", "千", "百万") if not (p and u in _BARE_ONLY)}
               | {"万亿元"}, key=len, reverse=True)
_UNIT_RE = "|".join(re.escape(u) for u in UNITS)
_AR = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN = r"[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*"
_NUM = rf"(?:{_AR}|{_CN})"
_DASH = r"\s*[—–\-~～至到]+\s*"
MENTION = re.compile(
    rf"(?P<pre>前)?(?<![\d.])(?P<a>{_NUM})(?:(?P<dash>{_DASH})(?P<b>{_NUM}))?\s*(?P<unit>{_UNIT_RE})"
)
FRACTION = re.compile(rf"(?<![\d/.])(?P<n>\d{{1,2}})\s*/\s*(?P<d>\d{{1,2}})(?![\d/])|(?P<cd>[{CN_DIGIT}十]+)分之(?P<cn>[{CN_DIGIT}十]+)")
AFTER = re.compile(r"^(?:及以上|以上|左右|上下|以内|以下|之内|内)")


def number(text: str) -> float:
    """An Arabic or Chinese numeral as a float ("1,200" → 1200, "两" → 2, "十五" → 15)."""
    t = text.replace(",", "")
    try:
        return float(t)
    except ValueError:
        return chinese_to_number(t)


def _tidy(v: float) -> float | int:
    return int(v) if float(v).is_integer() else round(v, 4)


# ---------------------------------------------------------------- words

DEADLINE = re.compile(
    r"(?:(?:到|至|于|在|力争到|争取到|力争在|截至|截止)(?P<y1>20\d\d)年(?P<m1>\d{1,2}月)?(?:底|末)?"
    r"|(?P<y2>20\d\d)年(?P<m2>\d{1,2}月)?(?:底|末)?(?:前|以前|之前)"
    r"|(?:^|(?<=[，,：:；;]))(?P<y3>20\d\d)年(?:底|末)?(?=[，,]|$|全[市区县省])"
    r"|(?P<y4>20\d\d)年(?:底|末)(?![的比较]))"
)
BASELINE_YEAR = re.compile(r"(?:比|较|与|同)(20\d\d)年")
GROWTH = re.compile(r"(?:增长|增速|增幅|涨幅|递增|提高|提升)(?:率)?"
                    r"(?:达到|达|保持在|保持|为|控制在|不低于|不高于|不超过|稳定在|在)?$")
AVERAGE = re.compile(r"年均|平均每年|年平均|每年平均")
DECLINE = re.compile(r"(?:降低|下降|减少|缩减|压减)(?:率)?(?:达到|达|为)?$")
# A target's verb stands at the start of its segment ("新增…500家", "培育…30家") or right
# before its number ("…总数达到2200家"). Verbs of a flow make an increment; of a stock, a level.
INCREMENT_VERB = (r"入库|入规|新增|新建|新认定|新培育|新引进|新获批|新招引|新开工|新设立|新组建|新布局|净增|累计新增|引进|引育"
                  r"|招引|引培|集聚|汇聚|取得|获得|争取|立项|实施|开展|攻关|落地|发放|完成|吸引|输送|培养|举办|组织"
                  r"|筛选|遴选|新上|增加|招募|改造|改建")
LEVEL_VERB = r"累计建成|累计建设|累计培育|累计达到|建成|建设|培育|打造|组建|创建|形成|达到|拥有|保有|做强|壮大|突破"
# Verbs of doing something this year, beyond those that name a flow or a stock.
ACTION = (r"推进|推动|推出|开工|竣工|投产|筹建|修缮|办好|处置|培训|提供|拓展|投用|新设|登记|争创|创建|改善|帮扶"
          r"|建造|更新|治理|修复|提质|选择|精选|开行|开通|新开|招商|服务|接待|整治|植树|造林|新改扩建|改扩建")
VERB_LAST = re.compile(rf"(?:{LEVEL_VERB}|{INCREMENT_VERB}|{ACTION})(?:成功)?$|等$")
ANY_VERB = re.compile(rf"(?P<v>{LEVEL_VERB}|{INCREMENT_VERB})(?![区器地站园所])")
NEW = re.compile(r"新增|净增|新建|新认定|新培育|新引进|累计新增|\d+年(?:内)?(?:总|累计)?(?:投资|投入)")
STOCK_BEFORE = re.compile(r"(?:达到|达|突破|超过|超|增至|提高到|提升到|提升至|提高至|总数|总量|规模|数量|保持在|稳定在)"
                          r"(?:了)?(?:不少于|不低于)?$")
ANNUAL = re.compile(r"每年|年均新增|年均引进|年均培育|年均认定|每年度|年度新增")
STOCKY = re.compile(r"累计|总数|总量|达到|规模|比重|占比|20\d\d年")
CUMULATIVE = re.compile(r"累计(?:[^，,；;、]{0,6}?(?P<v>建成|建设|培育|达到|拥有|组建|打造))?")
FLOW_UNITS = {"%", "个百分点", "百分点", "位", "倍", "‰"}
MONEY_UNITS = {"元", "万元", "亿元", "万亿元", "美元", "万美元", "亿美元"}

COMPARATOR_AFTER = {"以上": ">=", "及以上": ">=", "左右": "~", "上下": "~", "以内": "<=", "以下": "<=",
                    "之内": "<=", "内": "<="}
COMPARATOR_BEFORE = [
    (re.compile(r"(?:不少于|不低于|不小于|至少)$"), ">=", None),
    (re.compile(r"(?:不超过|不高于|不大于|控制在|控制到|压减到|压缩到|降低到|降低至|下降到|下降至|减少到|减少至)$"), "<=", None),
    (re.compile(r"(?:低于|少于|小于)$"), "<", None),
    (re.compile(r"(?:高于|大于|多于)$"), ">", None),
    (re.compile(r"(?:超过|超|突破|过)$"), ">", None),
    (re.compile(r"约$"), "~", None),
]

SUBSIDY = re.compile(r"奖励|奖补|补助|补贴|资助|贴息|给予|最高|一次性|扶持资金|专项资金|以奖代补|费用的|按照.{0,12}比例"
                     r"|低保|标准(?:提高|提升|达到|不低于)|(?:补助|保障|救助|抚恤)标准")
PROJECT_SIZE = re.compile(r"(?:(?:年产|日产|年处理|年加工|占地|项目用地|建筑面积|总建筑面积)(?:能力)?(?:达|为|约)?"
                          r"|(?:产能|装机|容量)(?:为|约)?)$")
# Units of a thing's physical size: written before a noun, they describe it (20万吨铝材项目).
SIZE_UNITS = {p + u for u in ("千瓦", "吨", "平方公里", "立方米", "千升", "平方米") for p in ("", "万", "亿")}
# After a money amount, these nouns make it the size of a class: 亿元以上项目, 超100亿元企业.
_CLASS_AFTER = re.compile(r"(?:以上|及以上|级|以下)?[\u4e00-\u9fff\d]")
_NOT_CLASS = re.compile(r"(?:以上|及以上|左右)?(?:的目标|目标|大关|规模|左右|以上|以内|$)")
NAME_CONTEXT = re.compile(r"[“\"《「]\s*$")
ZERO_BREAK = re.compile(r"零的突破|零突破")
FULL_COVER = re.compile(r"全覆盖")
RELATIVE = re.compile(r"(?P<subj>[^，,；;。]*?(?:增速|增长速度|增幅|增长))(?:要|应|继续)?(?:快于|高于|超过|领先于?)"
                      r"(?P<ref>[^，,；;。]*?(?:增速|增长速度|增幅|平均水平|增长))")
FROM_TO = re.compile(rf"(?:从|由)(?:(?P<year>20\d\d)年(?:底|末)?的?)?(?P<x>{_AR})(?P<xu>{_UNIT_RE})?"
                     r"(?:提高|提升|增加|增长|扩大|上升|降低|下降|减少|压减)(?:到|至)")
ZERO_UNIT = {"中心": "家", "孵化器": "家", "众创空间": "家", "实验室": "家", "企业": "家", "机构": "家", "研究院": "家", "工作站": "家",
             "医院": "家", "学校": "所", "高校": "所", "大学": "所"}

LEAD_FILLER = re.compile(r"^(?:\s+|[“\"]?十[三四五]五[”\"]?(?:期间|时期|末)?[,，]?|\d{1,2}[.．、](?!\d)|[(（](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）]|[①-⑳]|(?:[、,，和及与]|以及|并且|同时|另外|此外)|其中[,，:：]?|到20\d\d年(?:底|末)?[,，]?"
                         r"|20\d\d年(?:底|末)?(?:前)?[,，]?)+")
NAME_PREFIX = re.compile(r"^(?:今年|明年|力争|争取|确保|努力|积极|大力|着力|推动|推进|加快|持续|全面|进一步|实现|其中|全市|全区|全县|全省"
                         r"|我市|我区|我县|全年|每年|年均|累计|新增|新建|新认定|净增|建成|培育|引进|打造|组建|取得|实施|争创"
                         r"|高水平建设|建设(?!用地)|集聚|达到)+")
NAME_SUFFIX = re.compile(r"(?:达到|达|突破|超过|超|不少于|不低于|不超过|增至|提高到|提升到|提升至|为|在|分别|各|每年|始终|年年|常年"
                         r"|控制在|年均增长|增长|保持|进入全国|进入全省|进入|排名进入|[：:])+$")

# Headings: 一、 (一) 1. and a work report's parts.
ENUM = re.compile(r"^([一二三四五六七八九十]+)是")

# ---------------------------------------------------------------- the document

@dataclass
class Span:
    start: int
    end: int
    text: str


# Real sentences run to a few hundred characters and clauses to a few dozen; a text without
# punctuation (a table flattened, garbage) is cut into pieces of these sizes, so that the
# per-number look-backs stay linear in the text.
MAX_SENTENCE = 600
MAX_CLAUSE = 240


def _pieces(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) pieces of at most `limit` characters, cut after 、 or a space where possible, never inside a number."""
    out, start = [], 0
    while len(text) - start > limit:
        cut = max(text.rfind("、", start, start + limit), text.rfind(" ", start, start + limit)) + 1
        if cut <= start:
            cut = start + limit
            back = cut
            while back > start + limit // 2 and re.match(r"[\d.,%]", text[back]) and re.match(r"[\d.]", text[back - 1]):
                back -= 1
            if back > start + limit // 2:
                cut = back  # not inside a number, unless the number is half the piece long
        out.append((start, cut))
        start = cut
    out.append((start, len(text)))
    return out


def sentences(line: str, offset: int) -> list[Span]:
    out, start = [], 0
    ends = [m.end() for m in re.finditer(r"[。！？!?]", line)]
    if not ends or ends[-1] < len(line):
        ends.append(len(line))
    for end in ends:
        for a, b in _pieces(line[start:end], MAX_SENTENCE):
            out.append(Span(offset + start + a, offset + start + b, line[start + a:start + b]))
        start = end
    return [s for s in out if s.text.strip()]


def clauses(sent: Span) -> list[Span]:
    """Split at ，；：(and their ASCII forms, but not a comma between digits)."""
    out, start = [], 0
    t = sent.text
    bounds = [(m.start(), m.end()) for m in re.finditer(
        r"[，；;]|,(?!\d{3})|[：:](?!\s*(?:\d|[一二两三四五六七八九十]+[个项家所名]))", t)]
    # "研发投入强度：3%": a label and its value stay one clause
    bounds.append((len(t), len(t)))
    for cut, nxt in bounds:
        piece = t[start:cut] if cut < len(t) else t[start:].rstrip("。！？!?")
        for a, b in _pieces(piece, MAX_CLAUSE):
            out.append(Span(sent.start + start + a, sent.start + start + b, piece[a:b]))
        start = nxt
    return [c for c in out if c.text.strip()]


# ---------------------------------------------------------------- reading a clause

@dataclass
class Mention:
    start: int  # within the clause
    end: int  # after trailing 以上/左右 …
    value: float | list[float]
    unit: str
    raw: str
    after: str = ""
    rank: bool = False
    chinese: bool = False
    big: bool = False  # 10大…项目: a count written as a name


STRUCTURE_AFTER = re.compile(r"(?:方面|(?:全体)?会议|全会|会上)")
# A Chinese numeral's count before these is a slogan or a rule's name: 八项规定, 两条底线, 四个关键环节.
NAMED_AFTER = re.compile(r"(?:规定|精神|原则|底线|关键|环节|要求|意识|自信|维护|确立|没有变|毫不动摇)")
BIG = re.compile(r"(?<![\d.])(?P<a>\d{1,3})大(?=[\u4e00-\u9fff]{2,12}?(?:项目|工程|行动|任务|课题|产品|平台))")


def _inside_quotes(clause: str, start: int, end: int) -> bool:
    """Whether clause[start:end] lies inside a short “…” (a name, not a sentence quoted)."""
    opened = clause.rfind("“", 0, start)
    if opened == -1 or clause.rfind("”", 0, start) > opened:
        return False
    close = clause.find("”", end)
    return close != -1 and close - opened <= 16


def mentions(clause: str, yearly: bool = False) -> list[Mention]:
    """Every number-with-unit of a clause; with `yearly` (每年 before it), also 10大…项目."""
    found: list[Mention] = []
    for m in MENTION.finditer(clause):
        a, b, unit = m.group("a"), m.group("b"), m.group("unit")
        s = m.start("a")
        before = clause[:s]
        if before.endswith(("第", "每", "近", "这", "那", "逾")) and not before.endswith("每年"):
            if before.endswith(("第", "每", "这", "那")):
                continue
        chinese = not re.match(r"\d", a)
        if chinese and clause[m.end():m.end() + 1] in "“\"《":
            continue  # 两个“一公里”, 四个“面向”: a numeral inside a name
        if chinese and a in ("一",) and not AFTER.match(clause[m.end():]):
            continue  # 一个, 一家, 一项: words, unless a comparator follows
        if chinese and NAME_CONTEXT.search(before):
            continue  # “四张清单”: a Chinese numeral opening a quoted name
        if chinese and NAMED_AFTER.match(clause[m.end():]):
            continue
        if before.endswith(("”", "\"")) and unit == "条":
            continue  # “民营经济”33条: a policy named by its count
        if STRUCTURE_AFTER.match(clause[m.end():]):
            continue  # 六个方面, 四次会议: the text's structure or a session's number
        if NAME_CONTEXT.search(before) and not chinese:
            # “315”, “1+N”: a number opening a quoted name
            close = clause.find("”", m.end())
            if close != -1 and close - m.end() < 12:
                continue
        if _inside_quotes(clause, m.start(), m.end()):
            continue  # “3个80%”, “新十条”: a slogan or a programme's name
        if re.search(r"[\d.]$", before) or re.search(r"[A-Za-z]$", before):
            continue
        try:
            va = number(a)
            vb = number(b) if b else None
        except (NumberError, ValueError):
            continue
        if unit == "位" and not m.group("pre"):
            continue  # 位 counts ranks only: 前40位
        value: float | list[float] = [_tidy(va), _tidy(vb)] if vb is not None else _tidy(va)
        if vb is not None and vb < va:
            continue
        end = m.end()
        am = AFTER.match(clause[end:])
        after = ""
        if am:
            after = am.group(0)
            if after == "内" and unit not in ("%",):
                after = ""
            end += len(after)
        found.append(Mention(m.start(), end, value, unit, m.group(0), after, bool(m.group("pre")), chinese))
    for m in FRACTION.finditer(clause):
        if any(x.start <= m.start() < x.end for x in found):
            continue
        try:
            if m.group("n"):
                num, den = float(m.group("n")), float(m.group("d"))
            else:
                den, num = chinese_to_number(m.group("cd")), chinese_to_number(m.group("cn"))
        except NumberError:
            continue
        if not den or num >= den:
            continue
        tail = clause[m.end():]
        if re.match(_UNIT_RE, tail):
            continue
        found.append(Mention(m.start(), m.end(), round(100 * num / den, 2), "%", m.group(0)))
    if yearly:
        for m in BIG.finditer(clause):
            if not any(x.start <= m.start() < x.end for x in found):
                found.append(Mention(m.start(), m.end(), int(m.group("a")), "个", m.group(0), big=True))
    found.sort(key=lambda x: x.start)
    return found


def multi_word(segment: str) -> bool:
    """各/分别/均 before a number: the list's items each get it."""
    return bool(re.search(r"分别|各|(?<![年人平户])均", segment))


def _defines_a_class(m: Mention, tail: str) -> bool:
    """A money amount followed by a noun (亿元以上项目, 100亿元企业) names a class, not a target."""
    if m.unit not in MONEY_UNITS:
        return False
    rest = m.after + tail
    return bool(_CLASS_AFTER.match(rest)) and not _NOT_CLASS.match(tail)


def comparator_of(segment: str, mention: Mention, clause: str) -> tuple[str, str | None]:
    if mention.rank:
        return "<=", "a rank: lower is better"
    if mention.after:
        return COMPARATOR_AFTER[mention.after], None
    before = segment.rstrip()
    for pattern, comp, note in COMPARATOR_BEFORE:
        if pattern.search(before):
            return comp, note
    return ">=", None


# A stock's words: what is counted stands at a value, rather than being done this year.
STOCK_WORD = re.compile(r"总数|总量|规模|存量|保有|拥有|余额|总额|面积|储备|产值|产量|收入|营收|总值|吞吐量|装机|产能|数达|数量")
# A bound held all the time, not reached once: 每年/始终/持续 … 控制在/保持在/不低于.
HOLD = re.compile(r"(?:每年|年年|始终|常年)[^；;。]{0,30}?(?:控制在|保持在|保持|稳定在|不低于|不高于|不超过|不少于|达到|达)"
                  r"|(?:持续|长期)(?:控制在|保持在|保持|稳定在)"
                  r"|(?:保持在|稳定在|保持|控制在|控制到)[^，,；;。]{0,12}(?:以上|以内|以下|之内|左右)")
# "实现90%的村配备调解员": a share of things doing something, set as a target (unlike 高于5%的企业)
SHARE_OF = re.compile(r"(?:实现|确保|力争|推动|达到|使|让|推进)$")
MONEY_FLOW = re.compile(r"完成|发放|盘活|招引|投放|新增|实施|引进|落实")
CUMULATIVE_RISE = re.compile(r"累计(?:提高|提升|增长|上升)(?:率)?$")
CEILING = re.compile(r"(?:控制在|控制到|降至|降到|下降到|下降至|压减到|压减至|压缩到|不超过|不高于)$")
HOLD_BEFORE = re.compile(r"(?:控制在|保持在|稳定在|不低于|不高于|不超过|保持)$")


def kind_of(segment: str, mention: Mention, annual: bool,
            one_year: bool = False) -> tuple[Kind | None, str | None]:
    """(kind, note) from the words of a mention's own segment; None when no word says.

    A count that is built, bred, brought in or done (建成/建设/培育/打造/引进/实施 X个) is what
    the plan adds over its period (or a report over its year): an increment, 累计建成 too. A
    value that is reached or stands (达到, 突破, 总数, 规模, 产值 …) is a level.
    """
    seg = segment.rstrip()
    if mention.rank:
        return "level", None
    if mention.unit in FLOW_UNITS:
        if mention.unit in ("个百分点", "百分点"):
            return "relative", None
        if CUMULATIVE_RISE.search(seg) and not one_year:
            return "change", "累计提高 over the plan period: the cumulative change, a rise"
        if GROWTH.search(seg):
            if AVERAGE.search(seg) or one_year:
                return "growth", None
            return "growth", "增长 without 年均: the growth of each year, or over the whole period?"
        if DECLINE.search(seg):
            if AVERAGE.search(seg):
                return "growth", "年均下降: a negative growth rate"
            if one_year:
                return "relative", "降低/下降 X%: a reduction against last year, value as stated"
            return "change", "累计下降/降低 over the plan period: the signed cumulative change"
        return "level", None
    if annual:
        return "annual", None
    if re.search(r"累计(?:达到|达|拥有|保有)", seg):
        return "level", None
    if mention.unit in MONEY_UNITS and MONEY_FLOW.search(seg) and not STOCK_WORD.search(seg):
        return "increment", None  # 完成投资, 发放贷款, 盘活资产 X亿元: money moved in the period
    if CUMULATIVE.search(seg) or NEW.search(seg):
        return "increment", None
    if STOCK_BEFORE.search(seg) or STOCK_WORD.search(seg) or CEILING.search(seg):
        return "level", None
    if mention.unit in MONEY_UNITS:
        return "level", None  # 实际利用外资, 到位资金, 争取资金 X亿元: a year's total reached
    verbs = list(ANY_VERB.finditer(seg))
    if verbs:
        v = verbs[-1].group("v")
        if len(verbs) > 1 and verbs[-2].end() == verbs[-1].start() and re.fullmatch(INCREMENT_VERB, verbs[-2].group("v")):
            v = verbs[-2].group("v")  # 引进培育: bringing in is a flow
        if re.fullmatch(r"达到|拥有|保有|突破", v):
            return "level", None
        return "increment", None
    if re.search(ACTION, seg) and mention.unit not in MONEY_UNITS:
        return "increment", None
    return None, None


def deadline_in(text: str, limit: int | None = None) -> tuple[int | str | None, int]:
    """The last deadline year stated in text[:limit] (a year, or YYYY-MM-DD), and where."""
    t = text if limit is None else text[:limit]
    found: tuple[int | str | None, int] = (None, -1)
    for m in DEADLINE.finditer(t):
        y = m.group("y1") or m.group("y2") or m.group("y3") or m.group("y4")
        month = m.group("m1") or m.group("m2") if (m.group("y1") or m.group("y2")) else None
        if BASELINE_YEAR.search(t[max(0, m.start() - 1):m.end()]):
            continue
        if month:
            import calendar

            mo = int(month[:-1])
            if 1 <= mo <= 12:
                last = calendar.monthrange(int(y), mo)[1]
                found = (f"{int(y):04d}-{mo:02d}-{last:02d}", m.start())
                continue
        found = (int(y), m.start())
    return found


def clean_name(segment: str) -> str:
    s = LEAD_FILLER.sub("", segment.strip())
    prev = None
    while prev != s:
        prev = s
        s = re.sub(r"^(?:到|至)20\d\d年(?:底|末)?(?:前)?", "", s)
        s = NAME_PREFIX.sub("", s)
        s = NAME_SUFFIX.sub("", s)
        s = s.strip(" ,，、")
    return s


def _quote_bounds(clause: Span, seg_start: int, end: int) -> tuple[int, int]:
    """Trim leading 、/其中/到2025年 from a quote; offsets within the clause."""
    seg = clause.text[seg_start:end]
    m = LEAD_FILLER.match(seg)
    cut = m.end() if m else 0
    lead = len(seg[cut:]) - len(seg[cut:].lstrip())
    return seg_start + cut + lead, end


# ---------------------------------------------------------------- the whole text

def extract_candidates(text: str) -> tuple[list[Candidate], Period, bool]:
    """Every candidate target of a clean text, the plan period, and whether it is a work report."""
    report = is_work_report(text)
    period = plan_period(text, report)
    ryear = period.end if report and period.how == "work report" else None
    out: list[Candidate] = []
    h1 = h2 = None
    section_deadline: int | str | None = None
    doc = document_kind(text, report)
    ref_year = ryear if report else (period.start if period.how not in ("deadlines", "none") else None)
    in_review = report
    review_level = 0  # the level of the heading that opened a review part (1: 一、, 2: (一))
    target_head = False
    after_review = False
    after_target = False  # the paragraphs before set targets (今年…主要预期目标)
    series_review = False  # the 一是/二是 list this paragraph continues reviews results
    table: Header | None = None  # the header of the main-indicator table being read
    offset = 0
    sent_index = 0
    for line in text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        head = None
        level = 0
        if is_row(stripped):
            if not in_review or not report:
                head_row = header(stripped)
                if head_row is not None:
                    table = head_row
                elif table is not None:
                    row = read_row(line, table)
                    if row is not None:
                        out.append(_row_candidate(row, line_start, " ".join(x for x in (h1, h2) if x) or None,
                                                  period, sent_index))
            continue
        if len(stripped) > 60 or is_heading(stripped):
            table = None
        hl = is_heading(stripped)
        if hl == 1:
            h1, h2, head, level = _heading(stripped), None, stripped, 1
            section_deadline = None
        elif hl == 2:
            h2, head, level = _heading(stripped), stripped, 2
            section_deadline = None
        if head:
            after_review = after_target = False
        if report:
            probe = (head or stripped)[:40]
            if REVIEW_HEAD.search(probe) and (head or len(stripped) < 40):
                in_review = True
            elif PLAN_HEAD.search(probe):
                in_review = False
        elif head:
            # a plan's or a bare text's review part (发展基础, 回顾) ends at the next heading of its level
            if review_heading(_heading(stripped)):
                if not in_review or level <= review_level:
                    in_review, review_level = True, level
            elif in_review and (level <= review_level or PLAN_HEAD.search(stripped[:40])):
                in_review = False
        if head:
            y, _ = deadline_in(_heading(stripped))
            if y is not None:
                section_deadline = y
            if level == 1:
                target_head = bool(TARGET_HEAD.search(heading_title(_heading(stripped))[:16]))
            elif TARGET_HEAD.search(heading_title(_heading(stripped))[:16]):
                target_head = True
        section = " ".join(x for x in (h1, h2) if x) or None
        sents = sentences(line, line_start)
        para = paragraph_context([x.text for x in sents], ref_year)
        enum = ENUM.match(stripped)
        if enum and enum.group(1) != "一" and series_review and para and not para[0][0] and not para[0][2]:
            # 二是, 三是 … after a 一是 that reviewed: the list goes on reviewing
            why = "it goes on a list (一是, 二是 …) whose items review results"
            first_part = para[0][2]
            para = [(why, False, p[2]) if p[2] == first_part and not p[0] else p for p in para]
        for sent, (why, opens, has_target) in zip(sents, para):
            sent_index += 1
            if (report and in_review and PLAN_HEAD.search(sent.text) and TURN.search(sent.text)
                    and not REVIEW_HEAD.search(sent.text)):
                in_review = False  # the turn to this year's targets inside a paragraph
            mode = "review" if in_review else ("target" if target_head or (report and not in_review) else "neutral")
            ctx = Context(doc, mode, why, opens, has_target, after_review, ref_year, after_target)
            verdict = judge(sent.text, ctx)
            if verdict.keep:
                sent_cands = _read_sentence(text, sent, section, section_deadline, period, report,
                                            ryear, sent_index, out, verdict)
                out.extend(sent_cands)
            y, _ = deadline_in(sent.text)
            if y is not None:
                section_deadline = y
        if para:
            last_why, _, last_target = para[-1]
            after_review = bool(last_why) or (after_review and not last_target)
            after_target = (last_target or after_target) and not last_why
            series_review = bool(enum) and bool(para[0][0])
        if head:
            series_review = False
    merged = merge_restatements(out)
    return merged, period, report


def _row_candidate(row: Row, line_start: int, section: str | None, period: Period, sent_index: int) -> Candidate:
    """A main-indicator table's row as a target: kind from the indicator's words, year from the header."""
    name = re.sub(r"^\s*(?:\d{1,3}|[一二三四五六七八九十]+)\s*[.、．]\s*", "", row.name)
    notes = ["from the table of main indicators"]
    value: float = row.value
    comp = row.comparator
    kind: Kind = "level"
    if row.unit in ("%", "个百分点") and re.search(r"降低|下降|减少|压减", name):
        kind, value = "change", -abs(value)
        comp = "~" if comp == "~" else "<="
        notes.append("a reduction over the plan period: the signed cumulative change")
    elif re.search(r"增长|增速|增幅", name) and row.unit == "%":
        kind = "growth"
    elif re.search(r"^(?:累计)?新增|累计", name) or (row.cumulative and row.unit not in ("%",)):
        kind = "increment"
    elif re.search(r"每年|年度", name):
        kind = "annual"
    baseline = None
    if row.baseline:
        baseline = {"value": _tidy(row.baseline[0]), "year": row.baseline[1],
                    "source": f"the table's {row.baseline[1]}年 column"}
    return Candidate(name or "TODO", kind, _tidy(value), row.unit, comp, row.quote, line_start + row.quote_at,
                     deadline=row.year or period.end, deadline_from="section" if row.year else "plan",
                     section=section, baseline=baseline, notes=notes, sentence=sent_index)


def _heading(s: str) -> str:
    return re.split(r"[。]", s)[0][:40]


NOUN_AFTER = re.compile(r"^[^，,；;。:：！？]{1,30}")


def _trailing_noun(ctext: str, end: int, stop: int) -> int:
    """Where a noun written after the number ends ("培育30家以上示范技术转移机构")."""
    m = NOUN_AFTER.match(ctext[end:stop])
    if not m or not re.match(r"[\u4e00-\u9fff“(（]|\d+[\u4e00-\u9fff]", m.group(0)):
        return end
    noun = m.group(0)
    if "、" in noun and not re.search(r"等|一体|的", noun):
        noun = noun[:noun.index("、")]  # 培育30家机构、20家…: a list goes on, the noun ends at 、
    return end + len(noun)


def _read_sentence(text: str, sent: Span, section: str | None, section_deadline: int | str | None,
                   period: Period, report: bool, ryear: int | None,
                   sent_index: int, prior: list[Candidate], verdict: Verdict | None = None) -> list[Candidate]:
    """The candidates of one sentence that `judge` kept; its penalty and notes go on each."""
    st = sent.text
    ctx = _SentenceContext(st, sent, section, section_deadline, period, report, ryear, sent_index)
    cands: list[Candidate] = []
    parts = False  # after 其中: the mentions are parts of the whole before
    for clause in clauses(sent):
        if re.match(r"\s*其中", clause.text) and cands:
            parts = True
        cands.extend(_clause_candidates(ctx, clause, cands, parts))
    return _finish_sentence(cands, sent, verdict or Verdict(True), prior)


@dataclass
class _SentenceContext:
    """What every clause of a sentence is read against: the sentence, its section, the plan."""

    st: str
    sent: Span
    section: str | None
    section_deadline: int | str | None
    period: Period
    report: bool
    ryear: int | None
    index: int

    @property
    def annual_at(self) -> int | None:
        am = ANNUAL.search(self.st)
        return am.start() if am else None

    @property
    def one_year(self) -> bool:
        return self.period.start is not None and self.period.start == self.period.end

    def deadline(self, ctext: str, at: int, rel: int, kind: str | None) -> tuple[int | str | None, str]:
        return _deadline(ctext, at, self.st, rel, self.section_deadline, self.period, self.report,
                         self.ryear, kind)


def _clause_candidates(ctx: _SentenceContext, clause: Span, earlier: list[Candidate],
                       parts: bool) -> list[Candidate]:
    """The candidates of one clause: its special forms, then each number it states."""
    ctext = clause.text
    rel = clause.start - ctx.sent.start
    annual_at = ctx.annual_at
    found = mentions(ctext, yearly=annual_at is not None and annual_at < rel + len(ctext))
    specials = _special(ctext, clause, found)
    out: list[Candidate] = []
    for sc in specials:
        dl, dfrom = ctx.deadline(ctext, sc.start - clause.start, rel, sc.kind)
        sc.deadline, sc.deadline_from, sc.section, sc.sentence = dl, dfrom, ctx.section, ctx.index
        if dfrom in ("section", "plan") and sc.kind != "relative":
            sc.notes.append(f"deadline taken from the {dfrom}")
            sc.confidence = round(sc.confidence - 0.1, 2)
        if sc.kind == "relative" and annual_at is not None:
            sc.notes.append("每年: compared year by year")
        out.append(sc)
    # a special's clause text is a boundary: what follows it starts a new segment
    boundary = max((sc.start - clause.start + len(sc.quote) for sc in specials), default=0)
    base = FROM_TO.search(ctext)
    prev_end = 0
    i = 0
    while i < len(found):
        m = found[i]
        seg_start = max(prev_end, boundary if boundary <= m.start else 0)
        segment = ctext[seg_start:m.start]
        i += 1
        skip = _not_a_target(m, ctext, segment, base)
        if skip is not None:
            if skip:
                prev_end = m.end
            continue
        # 各 / 分别: several targets in one clause
        multi = re.search(r"(分别|各|(?<![年人平户])均)(?:为|达到|达|突破|超过|超|新增|增加|增长|提高|提升|下降|降低|减少|完成|实现"
                          r"|不少于|不低于|不超过|控制在|保持在|稳定在)?$", segment.rstrip()) or re.search(
            r"(分别)[^，,；;。、]{0,16}$", segment.rstrip())
        group = [m]
        if multi and multi.group(1) == "分别":
            while i < len(found) and re.fullmatch(r"[、和及与,，]\s*", ctext[group[-1].end:found[i].start]):
                group.append(found[i])
                i += 1
        kind, knote, kind_from, comp, cnote = _kind_and_comparator(ctx, ctext, segment, m, rel, [*earlier, *out])
        qs, _ = _quote_bounds(clause, seg_start, m.end)
        nxt = found[i].start if i < len(found) else len(ctext)
        name, name_text, qe = _name(ctext, segment, m, qs, group[-1].end, nxt, multi, seg_start, base, kind,
                                    [*earlier, *out])
        quote = ctext[qs:qe]
        prev_end = qe
        dl, dfrom = ctx.deadline(ctext, m.start, rel, kind)
        conf, notes = _confidence(m, segment, kind, kind_from, comp, dfrom, [n for n in (knote, cnote) if n])
        baseline, comp = _baseline(base, m, ctext, ctx.period, comp, notes)
        values = _values(multi, group, name, name_text, notes)
        for nm, mm in values:
            c = Candidate(
                name=nm or "TODO", kind=kind, value=_signed(mm.value, kind, comp), unit=mm.unit, comparator=comp,
                quote=quote, start=clause.start + qs, deadline=dl, deadline_from=dfrom,
                section=ctx.section, baseline=baseline, notes=list(notes),
                confidence=round(max(0.1, conf - (0.2 if not nm else 0)), 2),
                sentence=ctx.index, kind_from=kind_from,
            )
            if len(values) > 1:
                c.notes.append("各/分别: one of several targets stated in one clause")
            if parts:
                c.parent = -1  # resolved below
                c.notes.append("其中: a part of the target before it")
            out.append(c)
    return out


def _not_a_target(m: Mention, ctext: str, segment: str, base: re.Match[str] | None) -> bool | None:
    """None for a number that may be a target; True for one that is not (the next segment starts
    after it), False for one that is part of the next one's name (the segment goes on)."""
    tail = ctext[m.end:]
    if m.unit in ("元", "万元", "亿元", "万亿元", "%") and SUBSIDY.search(ctext):
        return True
    if PROJECT_SIZE.search(segment.rstrip()):
        return True  # 年产5万吨: a project's size
    items = [x for x in re.split(r"[、]", segment.rstrip()) if x.strip()]
    if len(items) >= 2 and m.value == len(items) and not multi_word(segment):
        return True  # 现代物流、绿色食品、先进装备制造3个: counts the list, sets nothing
    if (re.match(r"的", tail) and not SHARE_OF.search(segment)) or _defines_a_class(m, tail):
        return False  # 高于5%的企业, 亿元以上项目, 10亿元级产业链: a condition, part of the next one's name
    if m.unit in SIZE_UNITS and re.match(r"[\u4e00-\u9fff]", tail):
        return True  # 1235万千瓦海上光伏基地, 596平方公里海域: a thing's size, not a target
    if base and base.start() <= m.start < base.end():
        return False  # the X of 从X提高到Y: a baseline; the Y's quote starts before it
    return None


def _kind_and_comparator(ctx: _SentenceContext, ctext: str, segment: str, m: Mention, rel: int,
                         before: list[Candidate]) -> tuple[str, str | None, str, str, str | None]:
    """The kind (with its note and what it rests on: a word, the list it is in, a default) and
    the comparator (with its note) of the number `m`."""
    annual_at = ctx.annual_at
    one_year = ctx.one_year
    annual = m.unit not in FLOW_UNITS and annual_at is not None and (
        rel <= annual_at < rel + m.start
        or (annual_at < rel and not STOCKY.search(ctext[:m.start])))
    kind, knote = kind_of(segment, m, annual, one_year)
    kind_from = "word"
    if kind is None:
        prev = before[-1] if before and before[-1].kind not in ("relative", "milestone", "change") else None
        if prev is not None and (prev.unit in FLOW_UNITS) == (m.unit in FLOW_UNITS):
            kind, kind_from = ("level" if prev.kind == "growth" else prev.kind), "list"
        elif one_year and m.unit not in FLOW_UNITS and m.unit not in MONEY_UNITS:
            kind, kind_from = "increment", "default"
        else:
            kind, kind_from = "level", "default"
    comp, cnote = comparator_of(segment, m, ctext)
    if kind == "annual" and HOLD_BEFORE.search(segment.rstrip()):
        kind, knote = "hold", "a bound held every year (每年…控制在/保持在)"
    if kind == "change":
        if CUMULATIVE_RISE.search(segment):
            comp = "~" if comp == "~" else ">="
        else:
            comp = "~" if comp == "~" else "<="
    elif kind == "level" and not one_year and not m.rank and HOLD.search(ctx.st[:rel + m.end + 4]):
        kind, knote = "hold", "a bound held every year of the plan"
    if kind == "hold" and comp == "~":
        # a band needs its width, which the text does not give (check: hold-needs-bound)
        knote = "a band held every year (左右): add its tolerance or a [min, max] range"
    return kind, knote, kind_from, comp, cnote


def _name(ctext: str, segment: str, m: Mention, qs: int, qe: int, nxt: int, multi: re.Match[str] | None,
          seg_start: int, base: re.Match[str] | None, kind: str,
          before: list[Candidate]) -> tuple[str, str, int]:
    """The target's name, the text it was read from, and where its quote ends (a noun after the
    number, as in 引进250名工程师, extends it)."""
    name_text = ctext[qs:m.start]
    if multi:
        name_text = ctext[qs:seg_start + multi.start()]
    if base and qs <= base.start() < m.start:
        name_text = ctext[qs:base.start()]
    name = clean_name(name_text)
    if len(name) <= 1 and kind == "growth" and before and before[-1].unit not in FLOW_UNITS:
        # "产业增加值达到800亿元，年均增长15%": the growth of the thing just named
        name = before[-1].name + "年均增长" if AVERAGE.search(segment) else before[-1].name + "增长"
    verb_last = VERB_LAST.search(name_text)
    if (len(name) <= 2 or verb_last) and not multi:
        # 培育30家示范机构, 引进250名工程师: the noun comes after the number
        ne = _trailing_noun(ctext, qe, nxt)
        if ne > qe:
            lead = "" if verb_last or name in ("成功",) else name
            name = clean_name(lead + ctext[qe:ne].lstrip("的"))
            qe = ne
    return name, name_text, qe


def _confidence(m: Mention, segment: str, kind: str, kind_from: str, comp: str, dfrom: str,
                notes: list[str]) -> tuple[float, list[str]]:
    """How sure the reading is (0-1), and the notes that say what was guessed."""
    conf = 0.9
    if kind_from == "default":
        conf -= 0.25
        notes.append(f"no word says the kind: {kind} assumed")
    elif kind_from == "list":
        conf -= 0.05
    if dfrom in ("section", "plan") and kind != "annual":
        conf -= 0.1
        notes.append(f"deadline taken from the {dfrom}")
    if m.chinese:
        conf -= 0.05
    if m.big:
        conf -= 0.3
        notes.append(f"{m.raw}: read as a count of {m.unit}; it may be a name")
    if not m.after and not m.rank and comp == ">=" and not STOCK_BEFORE.search(segment.rstrip()):
        notes.append("a bare number: read as at least")
    if m.rank:
        notes.append("前N位/名: a rank")
    if FRACTION.fullmatch(m.raw):
        notes.append(f"{m.raw} read as a share in %")
    return conf, notes


def _baseline(base: re.Match[str] | None, m: Mention, ctext: str, period: Period, comp: str,
              notes: list[str]) -> tuple[dict[str, object] | None, str]:
    """The baseline of 从X提高到Y (the X, and its year or the year before the plan), and the
    comparator it implies (降低 from X: at most)."""
    baseline = None
    if base and base.end() <= m.start + 1:
        bunit = base.group("xu") or m.unit
        if bunit == m.unit:
            byear = int(base.group("year")) if base.group("year") else (
                (period.start - 1) if period.start else None)
            if byear:
                baseline = {"value": _tidy(float(base.group("x").replace(",", ""))), "year": byear,
                            "source": f"stated in the text: {ctext[base.start():m.end]}"}
                if not base.group("year"):
                    notes.append("baseline year assumed: the year before the plan starts")
        if re.search(r"降低|下降|减少|压减", base.group(0)) and comp == ">=":
            comp = "<="
    return baseline, comp


def _values(multi: re.Match[str] | None, group: list[Mention], name: str, name_text: str,
            notes: list[str]) -> list[tuple[str, Mention]]:
    """Each (name, number) the clause states: 分别 pairs subjects with values in order, 各/均 gives
    every subject the one value."""
    if multi and multi.group(1) == "分别" and len(group) > 1:
        subjects = _subjects(name_text)
        if len(subjects) == len(group):
            return list(zip(_names_for(subjects), group))
        notes.append("分别: the subjects could not be paired with the values")
        return [(name, g) for g in group]
    if multi and multi.group(1) in ("各", "均") and len(_subjects(name_text)) > 1:
        return [(n, group[0]) for n in _names_for(_subjects(name_text))]
    return [(name, group[0])]


def _finish_sentence(cands: list[Candidate], sent: Span, verdict: Verdict,
                     prior: list[Candidate]) -> list[Candidate]:
    """In text order, without what a mixed sentence says before its word of a target, with the
    sentence's penalty and notes, and 其中 parts tied to their whole."""
    cands.sort(key=lambda c: c.start)
    if verdict.drop_before > 0:
        # a mixed sentence: what comes before its word of a target is a result
        cands = [c for c in cands if c.start - sent.start >= verdict.drop_before]
    for c in cands:
        if verdict.penalty:
            c.confidence = round(max(0.1, c.confidence - verdict.penalty), 2)
        c.notes.extend(verdict.notes)
    # 其中 parts belong to the nearest earlier whole of the same unit in this sentence
    last_whole: dict[str, int] = {}
    for idx, c in enumerate(cands):
        if c.parent is not None:
            whole = last_whole.get(c.unit)
            c.parent = None if whole is None else whole + len(prior)
            if whole is None:
                c.notes[-1] = "其中: a part, but no whole of the same unit before it"
        else:
            last_whole[c.unit] = idx
    return cands


def _signed(value: float | list[float], kind: str, comparator: str = "<=") -> float | list[float]:
    """A `change` is signed: a reduction negative (下降13.5% → -13.5), a rise (累计提高) positive."""
    if kind != "change" or comparator in (">=", ">"):
        return value
    if isinstance(value, list):
        return sorted(-v for v in value)
    return -value


def _special(ctext: str, clause: Span, found: list[Mention]) -> list[Candidate]:
    """零的突破, 全覆盖 and 快于: targets stated without a number."""
    out: list[Candidate] = []
    m = ZERO_BREAK.search(ctext)
    if m:
        qs, qe = _quote_bounds(clause, 0, m.end())
        subject = clean_name(ctext[qs:m.start()])
        subject = re.sub(r"(?:实现|取得)$", "", subject)
        unit = next((u for k, u in ZERO_UNIT.items() if k in subject), "个")
        out.append(Candidate(subject or "TODO", "milestone", 1, unit, ">=", ctext[qs:qe], clause.start + qs,
                             notes=["零的突破 read as a milestone of 1", f"unit {unit} guessed from the noun"],
                             confidence=0.85))
    m = FULL_COVER.search(ctext)
    if m and not found:
        qs, qe = _quote_bounds(clause, 0, m.end())
        subject = clean_name(ctext[qs:m.start()])
        out.append(Candidate((subject + "覆盖率") if subject else "TODO", "level", 100, "%", ">=", ctext[qs:qe],
                             clause.start + qs, notes=["全覆盖 read as 100 %"], confidence=0.75))
    m = RELATIVE.search(ctext)
    if m and not any(x.start < m.end() for x in found):
        qs, qe = _quote_bounds(clause, 0, m.end())
        subj = clean_name(m.group("subj"))
        out.append(Candidate(subj or "TODO", "relative", 0, "%", ">", ctext[qs:qe], clause.start + qs,
                             reference=clean_name(m.group("ref")),
                             notes=["快于: a relative target, margin 0; the reference needs a [[series]]"],
                             confidence=0.75))
    return out


def _subjects(text: str) -> list[str]:
    t = LEAD_FILLER.sub("", text.strip())
    t = NAME_PREFIX.sub("", t)
    parts = [p for p in re.split(r"[、和及与]", t) if p.strip()]
    return parts


def _names_for(subjects: list[str]) -> list[str]:
    """国家级、省级专精特新企业 → 国家级专精特新企业, 省级专精特新企业 (the last item carries the noun)."""
    if len(subjects) < 2:
        return subjects
    last = subjects[-1]
    names = []
    m = re.match(r"^(.{1,4}?(?:级|类|型|市|省|国家))(.+)$", last)
    for s in subjects[:-1]:
        if len(s) <= 4 and m:
            names.append(s + m.group(2))
        else:
            names.append(s)
    names.append(last)
    return [clean_name(n) or n for n in names]


def _deadline(ctext: str, at: int, sentence: str, rel: int, section_deadline: int | str | None,
              period: Period, report: bool, ryear: int | None, kind: str) -> tuple[int | str | None, str]:
    y, _ = deadline_in(ctext, at)
    if y is not None:
        return y, "clause"
    y, _ = deadline_in(sentence, rel + at)
    if y is not None:
        return y, "sentence"
    y, _ = deadline_in(sentence[rel + at:])
    if y is not None:
        return y, "sentence"
    if report and ryear:
        return ryear, "report"
    if section_deadline is not None and kind != "annual":
        return section_deadline, "section"
    return period.end, "plan"


# ---------------------------------------------------------------- restatements

LEVEL_WORDS = re.compile(r"国家级|国家|省级|省|市级|市|县级|区级|全国|全省|国际|世界")


def _core(name: str) -> str:
    return re.sub(r"^(?:全市|全区|全县|我市|各类|各级各类|力争|新增|新建)+", "", name)


def same_target(a: Candidate, b: Candidate) -> bool:
    """A later sentence restating an earlier target: same value, unit and kind family, names alike."""
    if a.value != b.value or a.unit != b.unit or a.sentence == b.sentence:
        return False
    if (a.kind == "annual") != (b.kind == "annual") or "relative" in (a.kind, b.kind):
        return False
    if a.quote == b.quote:
        return True
    x, y = _core(a.name), _core(b.name)
    if not x or not y or x == "TODO" or y == "TODO":
        return False
    if x in y or y in x:
        return True
    if set(LEVEL_WORDS.findall(x)) != set(LEVEL_WORDS.findall(y)):
        return False
    common = sum(min(x.count(ch), y.count(ch)) for ch in set(x))
    short, long_ = sorted((len(x), len(y)))
    return common >= 0.8 * short and short >= 4 and short >= 0.6 * long_


def merge_restatements(cands: list[Candidate]) -> list[Candidate]:
    """Fold each restated target into its first statement, keeping the restatement in `also`."""
    keep: list[Candidate] = []
    index_map: dict[int, int] = {}
    by_value: dict[tuple[str, str], list[int]] = {}  # only candidates of one value can restate
    for i, c in enumerate(cands):
        slot = by_value.setdefault((repr(c.value), c.unit), [])
        at = next((k for k in slot if same_target(keep[k], c)), None)
        if at is not None:
            target = keep[at]
            if c.quote not in target.also and c.quote != target.quote:
                target.also.append(c.quote)
            index_map[i] = at
            if target.kind_from != "word" and c.kind_from == "word":
                target.kind, target.kind_from = c.kind, "word"
            continue
        index_map[i] = len(keep)
        slot.append(len(keep))
        keep.append(c)
    for c in keep:
        if c.parent is not None:
            c.parent = index_map.get(c.parent)
    return keep
