"""Messages built in English by the core and the loaders, read in Chinese.

The core and files/ word their warnings and findings in English. For `--lang zh` each is
matched against the English pattern it was built from and filled into a Chinese template with
the same parts; a message no pattern knows (a new one) is shown in English, never lost.
"""

from __future__ import annotations

import re

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

_COMPILED = [(re.compile(p + r"\Z"), zh) for p, zh in WARNINGS]


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
