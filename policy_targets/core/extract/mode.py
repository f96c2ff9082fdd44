"""Target or result? The tense and mode of a sentence, read with its paragraph, section and document.

A work report first reviews last year in the very words a plan uses for targets ("研发投入强度
达到2.8%"), so the number and its verb cannot tell a result from a target. What tells them
apart is the language around the number, and it is the same in every report and plan:

- a sentence of a result says so: 同比/比上年/较上年 (a change already measured), a verb with 了,
  已/截至/目前 (a status), 位居/历史最好, "完成…目标", or opens with 去年/一年来/20XX年以来;
- a sentence of a target says so: 到20XX年, 力争, 确保, 目标, 预期, 争取, 计划, 将, 要, 每年, 年均,
  今年/明年/今后;
- a paragraph of a review opens with 过去一年/一年来/五年来/回顾/"十三五"以来, or narrates
  states with the subject first and the adverb of progress at the end of its clause ("数字经济
  蓬勃发展", "改革不断深入", "项目加快落地", "科技实力稳步增强") and no word of a target anywhere;
  a plan writes those adverbs in front, as orders ("加快推进…", "深入实施…");
- the section (a review heading: 回顾, 发展基础, 发展现状; a target heading: 目标, 任务, 工作安排)
  and the document (a plan's title: 方案/规划/计划; a work report's) set what a bare sentence is.

`judge` weighs these. Clear result evidence drops a sentence; ambiguous evidence keeps it with a
lower confidence and a note that says why. Pure: strings in, a verdict out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policy_targets.core.extract.structure import DocKind

# ---------------------------------------------------------------- words of a target

_NOT_THIS_YEAR = r"(?!以来|上半年|前[一二三]季度|[1-9一二三四五六七八九十]+(?:[—\-至到][1-9一二三四五六七八九十]+)?月)"
TARGET_CUE = re.compile(
    r"(?:到|(?<![截])至|力争到|争取到|力争在|计划到|预计到)20\d\d年|20\d\d年(?:底|末)?(?:前|以前|之前)|力争|确保|目标|(?<!好于)(?<!高于)(?<!超出)(?<!超过)预期|争取|努力"
    r"|计划|预计|今年" + _NOT_THIS_YEAR + r"|明年|新的一年|今后|下一步|未来[一二三四五六七八九十\d]*年|每年|年均"
    r"|(?<![即])将(?![军])|(?<![主重需必纲只])要(?![素求点件])"
)
# A turn from the review to the year ahead: the paragraph's evidence starts again here.
TURN = re.compile(r"今年" + _NOT_THIS_YEAR + r"|明年|新的一年|下一步|今后|主要预期目标|预期目标")
# "完成…目标", "实现…目标": a target reached is a result, and its 目标 is no word of a target.
GOAL_MET = re.compile(r"(?:超额完成|圆满完成|全面完成|完成|实现|达成|提前)[^，,；;。]{0,12}目标(?:任务)?")

# ---------------------------------------------------------------- words of a result

RESULT_CUE = re.compile(
    r"同比|比上年|较上年|比去年|较去年|上年同期|去年同期|比20\d\d年(?:增长|提高|提升|下降|减少|增加)"
    r"|较20\d\d年(?:增长|提高|提升|下降|减少|增加)"
    r"|(?<![为除])了(?!解|如|然|不起|不得)"
    r"|截至|截止|(?<!项)目前|(?<![实出发体表])现有|已有|已建成|已累计|已经|已达|已突破|已超过|已形成|共有|拥有.{0,20}已"
    r"|位居|居全[国省市区]|排名第|历史最好|历史新高|创历史|好于预期|先后\d|先后[一二三四五六七八九十两]"
)
OPENER = re.compile(
    r"^(?:去年|上年|过去一年|过去的一年|过去五年|过去的五年|一年来|两年来|三年来|五年来|这一年|这五年|今年以来|回顾"
    r"|20\d\d年以来|[“\"]?十[二三四]五[”\"]?(?:时期|期间)?以来|[“\"]?十[二三四]五[”\"]?时期)"
)
PARA_OPENER = re.compile(
    r"过去一年|过去的一年|过去五年|过去的五年|一年来|两年来|三年来|五年来|这一年|这五年|今年以来|回顾"
    r"|20\d\d年以来|[“\"]?十[二三四]五[”\"]?(?:时期|期间)?以来|取得[^，,；;。]{0,10}(?:成效|成绩|成就|进展)"
)
# State words at a clause's end: the subject came first, so this narrates, it does not order.
NARRATIVE = re.compile(
    r"(?:稳步|持续|不断|蓬勃|加快|深入|有序|扎实|全面|顺利|圆满|稳中|稳定|逐步|日益|大幅)"
    r"(?:增强|提升|提高|壮大|优化|改善|发展|深入|落地|推进|完成|实施|向好|有进|加强|扩大|增长|攀升|上升|下降"
    r"|释放|显现|巩固|活跃|健全|完善|成长|涌现|集聚|增加)$"
    r"|成效(?:明显|显著|突出)$|迈上新台阶$|再上新台阶$|取得[^，,；;。]{0,10}(?:成效|成绩|成就|进展|突破)$"
)
# Verbs that a review writes of what was done; a plan writes them too, so they are weak.
PAST_VERB = re.compile(r"制定修订|修订制定|出台|印发|获批|获评|入选|荣获|被评为|成功举办|建成投用|投入使用|落户|签约")

# ---------------------------------------------------------------- headings and documents

REVIEW_HEAD = re.compile(
    r"回顾|过去一年|过去五年|去年工作|上年工作|工作总结|以来.{0,6}(?:成就|成绩|成效)"
    r"|^(?:规划|发展|编制|工作|现实|取得的?)?(?:基础|现状|背景|成效|成绩|成就)"
)
PLAN_HEAD = re.compile(
    r"(?:今年|20\d\d年|明年|今后五年|今后一个时期).{0,16}(?:目标|工作安排|总体要求|主要任务|重点工作|工作任务|预期)"
    r"|主要预期目标|总体要求|工作安排|今后.{0,4}工作|重点工作"
)
TARGET_HEAD = re.compile(r"目标|任务|安排|重点工作|工作重点|主要指标|预期|举措|行动|工程|专项|措施")
PLAN_TITLE = re.compile(r"方案|规划|计划|纲要|意见|措施|办法|指南|行动")


def document_kind(text: str, report: bool) -> DocKind:
    """plan | report | unknown, from the title (the first lines) and the headings."""
    if report:
        return "report"
    lines = [s.strip() for s in text.split("\n") if s.strip()][:6]
    head = "\n".join(s[:120] for s in lines)
    if PLAN_TITLE.search(head) and not re.search(r"报告|总结|公报", head[:60]):
        return "plan"
    if re.search(r"(?m)^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])"
                 r"(?:主要|发展|工作|总体|具体)?目标", text):
        return "plan"
    return "unknown"


def heading_title(heading: str) -> str:
    """A heading's words without its number: "一、2024年工作回顾" → "2024年工作回顾"."""
    return re.sub(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])\s*", "", heading)


def review_heading(heading: str) -> bool:
    t = heading_title(heading)
    if re.match(r"(?:夯实|筑牢|强化|打牢|巩固|厚植|加强|提升|完善|优化)", t):
        return False  # an order: 夯实发展基础
    return bool(REVIEW_HEAD.search(t[:24]))


# ---------------------------------------------------------------- the verdict


@dataclass
class Verdict:
    """Keep a sentence's candidates or not; what to subtract from their confidence, and why."""

    keep: bool
    penalty: float = 0.0
    notes: list[str] = field(default_factory=list)
    drop_before: int = -1  # mixed sentence: drop mentions that start before this offset


@dataclass
class Context:
    """What the sentence sits in."""

    doc: DocKind
    section: str  # review | target | neutral
    para_review: str | None = None  # why the paragraph reads as a review, else None
    para_opener: bool = False  # the paragraph opens as a review (过去一年 …)
    para_target: bool = False  # a word of a target somewhere in the paragraph
    after_review: bool = False  # the paragraph before was a review, and no heading since
    ref_year: int | None = None  # the report's year or the plan's first year
    after_target: bool = False  # a paragraph before set targets, and no review since


def target_cue(sentence: str) -> re.Match[str] | None:
    return TARGET_CUE.search(GOAL_MET.sub("", sentence))


def result_cue(sentence: str, ref_year: int | None = None) -> str | None:
    """The words that mark a sentence as a result, or None."""
    m = RESULT_CUE.search(sentence)
    if m:
        return m.group(0)
    m = GOAL_MET.search(sentence)
    if m:
        return m.group(0)
    s = re.sub(r"^[一二三四五六七八九十]+是", "", sentence.strip())
    m = OPENER.match(s)
    if m:
        return m.group(0)
    m = re.match(r"(20\d\d)年(?:全年|全市|全区|全县|全省|我市|我区|我县)?[，,]?", s)
    if m and ref_year and int(m.group(1)) < ref_year and not re.match(r"20\d\d年(?:底|末)?(?:前|以前|之前)", s):
        return f"{m.group(1)}年 (before {ref_year})"
    return None


def narrative(sentence: str) -> str | None:
    """A clause ending in a state word of progress ("数字经济蓬勃发展"), or None."""
    for clause in re.split(r"[，,；;：:。！？]", sentence):
        c = clause.strip()
        m = NARRATIVE.search(c)
        # the subject comes first: at least two characters before the state word
        if m and m.start() >= 2:
            return c[max(0, m.start() - 8):]
    return None


def paragraph_context(sentences: list[str], ref_year: int | None) -> list[tuple[str | None, bool, bool]]:
    """For each sentence of a paragraph: (why its part of the paragraph reads as a review, whether
    that part opens as one, whether it holds a word of a target). A turn (今年, 下一步, 主要预期目标)
    starts a new part."""
    parts: list[list[int]] = [[]]
    for i, s in enumerate(sentences):
        if i and TURN.search(GOAL_MET.sub("", s)):
            parts.append([])
        parts[-1].append(i)
    out: list[tuple[str | None, bool, bool]] = [(None, False, False)] * len(sentences)
    for part in parts:
        texts = [sentences[i] for i in part]
        has_target = any(target_cue(t) for t in texts)
        first = re.sub(r"^[一二三四五六七八九十]+是", "", texts[0].strip()) if texts else ""
        opener = PARA_OPENER.search(first) if first else None
        if opener and not target_cue(first):
            why: str | None = f"the paragraph opens as a review ({opener.group(0)})"
            opens = True
        else:
            story = next((n for n in (narrative(t) for t in texts) if n), None)
            why = (f"the paragraph narrates results (“{story}”) and states no target"
                   if story and not has_target else None)
            opens = False
        for i in part:
            out[i] = (why, opens, has_target)
    return out


def judge(sentence: str, ctx: Context) -> Verdict:
    """Target or result, for one sentence in its context."""
    if ctx.section == "review":
        return Verdict(False)
    t = target_cue(sentence)
    r = result_cue(sentence, ctx.ref_year)
    if t and r and re.match(r"[比较]20\d\d年", r):
        return Verdict(True)  # 比2020年增长50%: a target's baseline year, not a result
    if t and r:
        # mixed: "截至2022年底已有500家, 力争到2025年达到800家": the part before the target word
        # reports, the part after it sets the target
        before = sentence[:t.start()]
        rb = result_cue(before, ctx.ref_year) if before else None
        if rb:
            cut = max(before.rfind(x) for x in "，,；;：:") + 1 if re.search(r"[，,；;：:]", before) else 0
            if cut:
                return Verdict(True, 0.0, [f"the clause before it is a result ({rb}); the name may be there"],
                               drop_before=cut)
        return Verdict(True, 0.15, [f"mixed: {r} (a result) beside {t.group(0)} (a target)"])
    if t:
        return Verdict(True)
    if r:
        return Verdict(False)
    target_ctx = ctx.section == "target" or ctx.doc == "plan" or ctx.after_target
    if ctx.para_review and ctx.para_opener:
        return Verdict(False)
    if ctx.para_review:
        if ctx.section == "target" and ctx.doc == "plan":
            return Verdict(True)  # a plan's 目标 section describes the state it aims at
        if target_ctx:
            return Verdict(True, 0.15, [f"may be a result: {ctx.para_review}"])
        return Verdict(False)
    story = narrative(sentence)
    past = PAST_VERB.search(sentence)
    weak = [w for w in (f"“{story}” narrates" if story else None,
                        f"{past.group(0)} is a verb of reports" if past else None) if w]
    if weak:
        if target_ctx or ctx.para_target:
            return Verdict(True, 0.1, ["may be a result: " + ", ".join(weak)])
        if ctx.after_review or len(weak) > 1:
            return Verdict(False)
        return Verdict(True, 0.2, ["may be a result: " + ", ".join(weak) + "; no word of a target"])
    if ctx.after_review and not target_ctx and not ctx.para_target:
        return Verdict(True, 0.2, ["may be a result: it follows a review paragraph and states no target"])
    if ctx.doc == "unknown" and ctx.section == "neutral" and not ctx.para_target and not ctx.after_target:
        return Verdict(True, 0.1, ["no word of a target and no plan around it: read as a target"])
    return Verdict(True)
