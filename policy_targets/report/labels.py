"""Words a person reads, in English and Chinese: statuses, column headers, kinds."""

from __future__ import annotations

STATUS = {
    "en": {
        "no_data": "no data", "achieved": "achieved", "missed": "missed",
        "regressing": "regressing", "pending": "pending", "insufficient_data": "insufficient data",
        "on_track": "on track", "behind": "behind", "off_track": "off track",
    },
    "zh": {
        "no_data": "无数据", "achieved": "已完成", "missed": "未完成", "regressing": "倒退",
        "pending": "待实现", "insufficient_data": "数据不足", "on_track": "符合序时进度",
        "behind": "滞后于序时进度", "off_track": "严重滞后",
    },
}
ACHIEVED_EARLY_ZH = "提前完成"

STATUS_STYLE = {
    "achieved": "bold green", "on_track": "green", "behind": "yellow", "off_track": "red",
    "regressing": "bold red", "missed": "bold red", "pending": "cyan",
    "insufficient_data": "dim", "no_data": "dim",
}

HEADERS = {
    "en": {
        "target": "Target", "latest": "Latest", "period": "Period", "path": "Path",
        "gap": "Gap", "progress": "Progress/time", "status": "Status", "needed": "Needed/yr",
        "unit": "Unit", "goal": "Goal", "deadline": "By", "baseline": "Baseline",
        "kind": "Kind", "pace": "Pace from baseline", "plan": "Plan", "city": "City",
        "title": "Title", "years": "Years", "targets": "Targets", "figures": "Figures",
        "year": "Year", "value": "Value", "change": "Change", "gap_pct": "Gap %",
        "summary": "Summary", "mean_score": "mean score",
        "context": "Context (series without a target of their own)",
    },
    "zh": {
        "target": "指标", "latest": "最新值", "period": "期间", "path": "序时目标",
        "gap": "差距", "progress": "进度 / 时间", "status": "状态", "needed": "每年尚需",
        "unit": "单位", "goal": "目标值", "deadline": "期限", "baseline": "基数",
        "kind": "类型", "pace": "自基期年需", "plan": "规划", "city": "城市",
        "title": "名称", "years": "年份", "targets": "指标数", "figures": "数据条数",
        "year": "年份", "value": "数值", "change": "增量", "gap_pct": "差距率",
        "summary": "汇总", "mean_score": "平均得分", "context": "参考数据(无对应目标的指标)",
    },
}


def status_label(status: str, lang: str, early: bool = False) -> str:
    if lang == "zh" and status == "achieved" and early:
        return ACHIEVED_EARLY_ZH
    return STATUS.get(lang, STATUS["en"]).get(status, status)


def header(key: str, lang: str) -> str:
    return HEADERS.get(lang, HEADERS["en"])[key]
