"""Messages built in English by the core and the loaders, read in Chinese.

The core and files/ word their warnings and findings in English. For `--lang zh` each is
matched against the English pattern it was built from and filled into a Chinese template with
the same parts; a message no pattern knows (a new one) is shown in English, never lost.
"""

from __future__ import annotations

import re

from policy_targets.report.labels import zh_punct

# (English pattern, Chinese template): the groups of the one fill the other
WARNINGS: list[tuple[str, str]] = [
    (r"--method eurostat does not apply to (\w+) targets with a zero baseline or target; the pace ratio is used",
     "--method eurostat 不适用于基数或目标为零的{kind}指标,改用序时进度比"),
    (r"--method eurostat does not apply to (\w+) targets; the pace ratio is used",
     "--method eurostat 不适用于{kind}指标,改用序时进度比"),
    (r"the deadline (\S+) has passed and the latest figure is of (\S+): the status stands until a "
     r"figure for the deadline is recorded",
     "期限 {0} 已过,最新数据为 {1} 的数据:在录入期限当期数据之前,状态按此判断"),
    (r"geometric pace needs positive values: the linear scale is used", "几何进度需要正数:改按线性计算"),
    (r"the figure for (.+) was revised \(earlier: (.+)\)", "{0} 的数据已修订(原为 {1})"),
    (r"no figure for (\d+): its flow is missing from the sum, not taken as 0",
     "缺少 {0} 年数据:该年增量未计入累计,也未按 0 计"),
    (r"no figure after the baseline date (\S+)", "基期 {0} 之后尚无数据"),
    (r"no figure for (\d+): that year is neither met nor missed", "缺少 {0} 年数据:该年不计完成与否"),
    (r"missed in (.+)", "{0} 年未完成"),
    (r"no growth rate for (\d+): the compound product skips it", "缺少 {0} 年增速:复合计算跳过该年"),
    (r"a growth of -100 % or less cannot be compounded", "增速不高于 -100% 时无法复合计算"),
    (r"no figure of the reference series (.+) for (.+)", "参照数据 {0} 缺少 {1} 的数据"),
]

_COMPILED = [(re.compile(p + r"\Z"), zh_punct(zh)) for p, zh in WARNINGS]


def warning_text(message: str, lang: str) -> str:
    """An assessment's warning in `lang` (English as given where no pattern matches)."""
    if lang != "zh":
        return message
    from policy_targets.report.labels import kind_label

    for pattern, zh in _COMPILED:
        m = pattern.match(message)
        if m:
            groups = m.groups()
            if "{kind}" in zh:
                return zh.format(kind=kind_label(groups[0], "zh"))
            return zh.format(*groups)
    return message


# ---------------------------------------------------------------- findings of the loaders

# What each code means, in Chinese (docs/authoring.md "Finding codes"): shown before the
# English details where no template below rewrites the whole message.
CODES_ZH = {
    "change-sign": "累计变化的比较方式与正负号不一致", "hold-needs-bound": "每年保持的指标须为上限或下限",
    "bad-milestones": "分年度目标无效", "no-such-sheet": "工作簿中没有该工作表",
    "sheet-skipped": "工作表没有指标列，未读取", "bad-workbook": "工作簿无法读取",
    "qualified-value": "数值带有约、超等限定词", "period-not-added": "单季或单月数据无法累加",
    "flow-sum-differs": "分季（月）之和与累计数不符", "flow-falls": "累计数在年内下降",
    "figures-not-checked": "规划文件有误，其数据未能核查",
    "outside-data": "数据目录中的文件指向目录之外（或为设备、管道），未读取", "out-of-range": "数值超出可计算范围",
    "growth-too-large": "增速过大，无法复合计算", "deadline-before-baseline": "期限早于基期年",
    "extra-cells": "该行单元格多于表头列数，多出部分未读取", "mixed-encoding": "文件混用了两种编码",
    "toml-syntax": "TOML 语法错误", "bad-encoding": "文件编码无法识别", "unreadable": "文件无法读取",
    "unknown-table": "未知的表", "missing-table": "缺少 [plan] 表", "unknown-key": "未知的键",
    "missing-key": "缺少必填键", "wrong-type": "键的类型不对", "duplicate-id": "标识重复",
    "bad-id": "标识不是小写下划线形式", "bad-year": "年份无效", "start-after-end": "起始年晚于结束年",
    "bad-date": "日期无法读取", "bad-threshold": "评估阈值无效", "unknown-kind": "未知的指标类型",
    "unknown-comparator": "未知的比较方式", "unknown-pace": "未知的进度方式", "bad-pace": "几何进度需要正数",
    "bad-value": "数值无效", "bad-range": "区间下限大于上限", "bad-tolerance": "容差无效",
    "bad-deadline": "期限无效", "deadline-outside-plan": "期限不在规划年份内", "bad-baseline": "基数格式无效",
    "baseline-without-source": "基数缺少来源", "missing-note": "verify_quote = false 须附说明",
    "missing-reference": "相对指标缺少参照", "stray-reference": "非相对指标不应有参照",
    "unknown-reference": "参照的数据序列不存在", "unknown-parent": "上级指标不存在", "own-parent": "指标以自身为上级",
    "unit-differs-from-parent": "单位与上级指标不同", "parts-exceed-whole": "分项之和超过总量",
    "no-source": "缺少规划原文文件", "quote-not-found": "原文中找不到引文", "quote-without-value": "引文未写明目标值",
    "unknown-indicator": "统一指标代码不存在", "bad-indicators": "indicators.toml 无法读取",
    "empty-file": "数据文件为空", "csv-syntax": "CSV 引号错误", "unknown-column": "未知的列",
    "duplicate-column": "列重复", "missing-column": "缺少 target、period 或 value 列", "no-plan": "无法确定所属规划",
    "unknown-plan": "规划不存在", "unknown-target": "指标不存在", "bad-period": "期间无法读取",
    "unit-mismatch": "数值单位与单位列不一致", "unit-not-convertible": "单位无法换算", "value-too-large": "数值过大",
    "unknown-basis": "未知的口径(basis)", "outside-plan-years": "数据年份不在规划年份内",
    "conflicting-figures": "同一期间的数据相互矛盾", "no-such-file": "文件或文件夹不存在",
    "undated-vintage": "同一期间的两条数据,一条有发布日期一条没有", "missing-flow-year": "流量数据中间缺少某年",
    "unknown-file-type": "既不是规划(.toml)、数据文件,也不是文件夹", "no-plans": "文件夹中没有规划文件",
}

# Whole messages rewritten: (code, English pattern, Chinese template with the pattern's groups)
FINDINGS: list[tuple[str, str, str]] = [
    ("missing-key", r"target (\S+): missing the required key '(\w+)'", "指标 {0}:缺少必填键 '{1}'"),
    ("missing-key", r"\[plan\] is missing the required key '(\w+)'", "[plan] 缺少必填键 '{0}'"),
    ("unknown-key", r"unknown key '(\w+)' in \[plan\](.*)", "[plan] 中有未知的键 '{0}'{1}"),
    ("unknown-key", r"target (\S+): unknown key '(\w+)'(.*)", "指标 {0}:未知的键 '{1}'{2}"),
    ("unknown-key", r"series (\S+): unknown key '(\w+)'(.*)", "数据序列 {0}:未知的键 '{1}'{2}"),
    ("quote-not-found", r"target (\S+): (\w+) not found in (\S+): (.*)", "指标 {0}:在 {2} 中找不到 {1}:{3}"),
    ("quote-without-value", r"target (\S+): (\w+) does not state the value (\S+) (.*?): (.*)",
     "指标 {0}:{1} 未写明目标值 {2} {3}:{4}"),
    ("unknown-plan", r"unknown plan '([^']*)'(.*)", "规划 '{0}' 不存在{1}"),
    ("unknown-target", r"unknown target '([^']*)' in plan (\S+)(.*)", "规划 {1} 中没有指标 '{0}'{2}"),
    ("baseline-without-source", r"target (\S+): baseline needs a source.*", "指标 {0}:基数须注明来源(只有来源写明的数值才能作基数)"),
    ("deadline-outside-plan", r"target (\S+): deadline (\S+) is outside the plan's years (\S+)",
     "指标 {0}:期限 {1} 不在规划年份 {2} 内"),
    ("empty-file", r"the file is empty: no header, no figures", "文件为空:没有表头,也没有数据"),
    ("unit-mismatch", r"the value says '([^']*)' but the unit column says '([^']*)'", "数值写的是 '{0}',单位列却是 '{1}'"),
    ("duplicate-id", r"duplicate target id '([^']*)' \(first defined on line (\d+)\)", "指标标识 '{0}' 重复(首次定义于第 {1} 行)"),
    ("outside-plan-years", r"figure for (.+) is outside the plan's years (\S+)",
     "{0} 的数据不在规划年份 {1} 内(作为背景保留)"),
    ("qualified-value", r"value ('[^']*') read as (\S+) (\S*), (\w+)(?: bound)? \(([^)]*)\); .*? with \"(.*)\" \(ptarget import does so\)",
     "数值 {0} 按 {1} {2} 读取(原文带“{4}”,已记入备注)。如不想看到此警告,数值写 {1},备注以 \"{5}\" 开头(ptarget import 会自动这样写)"),
    ("no-source", r"no source text (\S+): quotes cannot be verified .*", "缺少原文 {0}:无法核对引文(请加入规划原文,或设 verify_quote = false 并说明原因)"),
]
_FINDINGS = [(code, re.compile(p + r"\Z", re.S), zh_punct(zh)) for code, p, zh in FINDINGS]
SEVERITY_ZH = {"error": "错误", "warning": "警告"}
NAMED_BY = " (a target or series is named by its id, its Chinese name or its English name)"


def finding_text(code: str | None, message: str, lang: str) -> str:
    """A finding's message in `lang`: a Chinese template where one matches, else the code's
    meaning in Chinese before the English message; the English as it is for `en`."""
    if lang != "zh":
        return message
    message = message.replace(" (did you mean ", "\uff08是否应为 ").replace("?)", "\uff1f\uff09")
    hint = ""
    if message.endswith(NAMED_BY):
        message, hint = message[: -len(NAMED_BY)], "\uff08指标可用标识、中文名称或英文名称指定\uff09"
    for c, pattern, zh in _FINDINGS:
        if c == code:
            m = pattern.match(message)
            if m:
                return zh.format(*m.groups()) + hint
    gloss = CODES_ZH.get(code or "")
    return (f"{gloss}\uff1a{message}" if gloss else message) + hint


# click's own usage errors, for --lang zh (or PTARGET_LANG=zh): its messages are English
_USAGE = [
    (r"Missing argument '([^']+)'\.", "缺少参数 {0}。"),
    (r"Missing option '([^']+)'\.", "缺少选项 {0}。"),
    (r"No such option:? '?([^'\s]+)'?\.?(?: \(?Did you mean (?:one of: )?(.*?)\?\)?)?", "没有选项 {0}{1}。"),
    (r"unknown plan '([^']*)'(.*?) \(known: (.*); data: (.*)\)", "规划 '{0}' 不存在{1}(已有:{2};数据目录:{3})"),
    (r"unknown target '([^']*)' in plan (\S+)(.*)", "规划 {1} 中没有指标 '{0}'{2}"),
    (r"No such command '([^']+)'(?:; did you mean '([^']+)'\?)?\.?", "没有命令 {0}{1}。运行 ptarget --help 查看全部命令。"),
    (r"Invalid value for '([^']+)': (.*)", "选项 {0} 的值无效:{1}"),
    (r"Got unexpected extra arguments? \((.*)\)", "多余的参数:{0}"),
    (r"Option '([^']+)' requires an argument\.", "选项 {0} 需要一个值。"),
]


def usage_text(message: str) -> str:
    """A usage error's message in Chinese where one of click's usual forms matches (the rest of
    the message, a file name or a value, stays as it is)."""
    for pattern, zh in _USAGE:
        m = re.fullmatch(pattern, message.strip(), re.S)
        if m:
            groups = list(m.groups())
            if pattern.startswith(("No such option", "No such command")):
                groups[1] = f"（是否应为 {groups[1]}？）" if groups[1] else ""
            groups = [g.replace("; did you mean ", "\uff1b是否应为 ").replace("?", "\uff1f") if g else (g or "")
                      for g in groups]
            return zh_punct(zh).format(*groups)
    return message.replace("; did you mean ", "\uff1b是否应为 ").replace("?", "\uff1f")
