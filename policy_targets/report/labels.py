"""Words a person reads, in English and Chinese: statuses, column headers, kinds, units.

One rule picks between the two languages everywhere (`pick`): Chinese when asked for, else
English, and the Chinese where no English is given (a clerk may write a plan in Chinese only).
"""

from __future__ import annotations

LANGS = ("en", "zh")
chosen: str | None = None  # --lang of the command running (cli.common.lang_option), if it has one


def default_lang() -> str:
    """--lang of the running command, else $PTARGET_LANG, else English: for text printed where
    no language is passed down (findings of a broken data directory, the extract table)."""
    import os

    lang = chosen or os.environ.get("PTARGET_LANG", "").strip().lower()
    return lang if lang in LANGS else "en"


def pick(lang: str, zh: object, en: object) -> str:
    """The text to show in `lang`: `zh` for Chinese; `en` otherwise, or `zh` when `en` is empty."""
    if lang == "zh":
        return str(zh) if zh not in (None, "") else str(en or "")
    return str(en) if en not in (None, "") else str(zh or "")


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

STATUS_STYLE = {
    "achieved": "bold green", "on_track": "green", "behind": "yellow", "off_track": "red",
    "regressing": "bold red", "missed": "bold red", "pending": "cyan",
    "insufficient_data": "dim", "no_data": "dim",
}

KINDS = {
    # the eight kinds of target; `change` and `hold` are being added to the core
    "en": {"level": "level", "increment": "increment", "annual": "annual", "growth": "growth",
           "milestone": "milestone", "relative": "relative", "change": "change", "hold": "hold"},
    "zh": {"level": "水平/存量", "increment": "新增", "annual": "年度", "growth": "年均增长",
           "milestone": "里程碑", "relative": "相对", "change": "累计变化", "hold": "每年保持"},
}

HEADERS = {
    "en": {
        "target": "Target", "latest": "Latest", "period": "Period", "path": "Path",
        "gap": "Gap", "progress": "Progress / time", "status": "Status", "needed": "Needed",
        "unit": "Unit", "goal": "Goal", "deadline": "By", "baseline": "Baseline",
        "kind": "Kind", "pace": "Pace", "plan": "Plan", "city": "City",
        "title": "Title", "years": "Years", "targets": "Targets", "figures": "Figures",
        "year": "Year", "value": "Value", "change": "Change", "gap_pct": "Gap %",
        "summary": "Summary", "mean_score": "mean score", "ratio": "Ratio",
        "context": "Context (series without a target of their own)",
        "no_figure": "Targets without a figure yet",
    },
    "zh": {
        "target": "指标", "latest": "最新值", "period": "期间", "path": "序时目标",
        "gap": "差距", "progress": "进度/时间", "status": "状态", "needed": "尚需",
        "unit": "单位", "goal": "目标值", "deadline": "期限", "baseline": "基数",
        "kind": "类型", "pace": "自基期年需", "plan": "规划", "city": "城市",
        "title": "名称", "years": "年份", "targets": "指标数", "figures": "数据条数",
        "year": "年份", "value": "数值", "change": "增量", "gap_pct": "差距率",
        "summary": "汇总", "mean_score": "平均得分", "ratio": "比值",
        "context": "参考数据(无对应目标的指标)", "no_figure": "尚无数据的指标",
    },
}

# Short words inside cells and lines: units of time, where a value came from, legends, notes.
WORDS = {
    "en": {
        "per_year": "/yr", "by_year": "@{year}", "avg": "avg {value}", "rate_of": "{value} ({period})",
        "this_year": "{value} more in {year}", "from_figures": "figure", "from_plan": "plan",
        "more": "{value} more",
        "legend": "Gap: positive is a shortfall against the path (序时进度), negative is ahead. "
                  "Progress/time: share of the way covered / share of the time gone. "
                  "Score: −5 to +5, 5 once achieved.",
        "legend_eurostat": "Ratio (--method eurostat): the growth achieved over the growth the "
                           "target needs so far; 1 is on the path.",
        "legend_baseline": "Baseline: from the plan; marked 'figure' where the plan states none "
                           "and a recorded figure is used.",
        "dropped": "Not shown at {width} columns: {columns}. Widen the terminal (or set COLUMNS), "
                   "or use --json.",
        "omitted": "{n} target(s) with no figure yet not shown (--only-with-data).",
        "filtered": "{n} target(s) of other statuses not shown (--status {statuses}).",
        "no_match": "No target matches.",
        "no_match_plans": "{n} plan(s) with no target that matches: {plans}",
        "revised": "* revised figure (a later vintage replaced an earlier one)",
        "no_figure_in": "{plan}: {n} target(s) with no figure in {year}",
        "compare_none": "no plan has a target with this indicator",
        "not_in": "not in: {plans}",
        "wrote": "wrote {file}", "wrote_plans": "wrote {file}: {plans} plan(s), {targets} target(s)",
        "wrote_rows": "wrote {file}: {rows} row(s)", "need_output": "give --html FILE, --docx FILE or both",
        "unknown_target": "unknown target {target!r} in plan {plan}",
        "no_series_chart": " (a series has no target to chart)",
        "by_after_from": "--by {by} must be after --from {start}",
        "finite": "--baseline and --target must be finite numbers",
        "geometric_positive": "--geometric needs a positive baseline and target",
        "years_held": "held {n} of {m} years",
        "legend_show": "Each year: the value the path asks for at that year's end (growth targets: the growth "
                       "since the baseline). Pace: what each year must add from the baseline.",
        "check_summary": "{verdict}: {errors} error(s), {warnings} warning(s) in {files} file(s): {plans} plan(s), "
                         "{targets} target(s), {figures} figure(s)",
        "ok": "ok", "failed": "failed",
        "already_recorded": "already recorded: {what}",
        "import_errors": "{n} error(s); nothing written to {file}",
        "nothing_to_add": "nothing to add to {file}",
        "would_add": "would add {n} figure(s) to {file} ({how}):", "adding": "adding {n} figure(s) to {file} ({how}):",
        "new_file": "new file, ", "from_row": "from {where}",
        "dry_run": "dry run: nothing written",
        "imported": "wrote {file}; run `ptarget check` to see the whole data set",
    },
    "zh": {
        "per_year": "/年", "by_year": "{year}年", "avg": "年均 {value}", "rate_of": "{value} ({period})",
        "this_year": "{year}年尚需 {value}", "from_figures": "实际数", "from_plan": "规划",
        "more": "尚需 {value}",
        "legend": "差距:正数为落后于序时进度的缺口,负数为超前。进度/时间:已完成进度占比/已过时间占比。"
                  "得分:−5 至 +5,完成为 5。",
        "legend_eurostat": "比值(--method eurostat):迄今实际增长与目标所需增长之比,1 即符合序时进度。",
        "legend_baseline": "基数:取自规划;标“实际数”者规划未给出基数,取自已录入的实际数据。",
        "dropped": "终端宽 {width} 列,未显示:{columns}。请加宽终端(或设置 COLUMNS),或使用 --json。",
        "omitted": "另有 {n} 项指标尚无数据,未列出(--only-with-data)。",
        "filtered": "另有 {n} 项其他状态的指标未列出(--status {statuses})。",
        "no_match": "没有符合条件的指标。",
        "no_match_plans": "{n} 个规划没有符合条件的指标:{plans}",
        "revised": "* 修订数(后发布的数据替代了先前的数据)",
        "no_figure_in": "{plan}:{n} 项指标无{year}年数据",
        "compare_none": "没有规划包含此指标的目标",
        "not_in": "未包含:{plans}",
        "wrote": "已写入 {file}", "wrote_plans": "已写入 {file}:{plans} 个规划,{targets} 项指标",
        "wrote_rows": "已写入 {file}:{rows} 行", "need_output": "请给出 --html FILE、--docx FILE,或两者都给",
        "unknown_target": "规划 {plan} 中没有指标 {target!r}",
        "no_series_chart": "(数据序列没有目标,无法作图)",
        "by_after_from": "--by {by} 须晚于 --from {start}",
        "finite": "--baseline 和 --target 须为有限数值",
        "geometric_positive": "--geometric 需要正的基数和目标值",
        "years_held": "{m} 年中保持 {n} 年",
        "legend_show": "各年份:序时路径要求该年末达到的数值(增长类指标为自基期以来的累计增长)。自基期年需:自基期起每年须增加的量。",
        "check_summary": "{verdict}:{files} 个文件中有 {errors} 个错误、{warnings} 个警告(规划 {plans} 个,指标 {targets} 项,"
                         "数据 {figures} 条)",
        "ok": "通过", "failed": "未通过",
        "already_recorded": "已录入,跳过:{what}",
        "import_errors": "{n} 个错误;未写入 {file}",
        "nothing_to_add": "没有需要添加到 {file} 的数据",
        "would_add": "将向 {file} 添加 {n} 条数据({how}):", "adding": "正在向 {file} 添加 {n} 条数据({how}):",
        "new_file": "新文件,", "from_row": "来自 {where}",
        "dry_run": "试运行:未写入任何文件",
        "imported": "已写入 {file};运行 `ptarget check` 核查全部数据",
    },
}


FULL_WIDTH = str.maketrans({",": "\uff0c", ":": "\uff1a", ";": "\uff1b", "(": "\uff08", ")": "\uff09"})


def zh_punct(text: str) -> str:
    """Chinese punctuation (，：；（）) for the ASCII marks of a Chinese sentence, outside {fields}."""
    out, depth = [], 0
    for ch in text:
        depth += ch == "{"
        out.append(ch if depth else ch.translate(FULL_WIDTH))
        depth -= ch == "}"
    return "".join(out)


WORDS["zh"] = {k: zh_punct(v) for k, v in WORDS["zh"].items()}
HEADERS["zh"] = {k: zh_punct(v) for k, v in HEADERS["zh"].items()}


def status_label(status: str, lang: str, early: bool = False) -> str:
    """One wording per status in each language (`early` is kept for callers; the table and
    the summary say the same: 已完成)."""
    return STATUS.get(lang, STATUS["en"]).get(status, status)


def header(key: str, lang: str) -> str:
    return HEADERS.get(lang, HEADERS["en"])[key]


def kind_label(kind: str, lang: str) -> str:
    return KINDS.get(lang, KINDS["en"]).get(kind, kind)


def w(key: str, lang: str, **fields: object) -> str:
    """A short phrase of WORDS, filled in."""
    text = WORDS.get(lang, WORDS["en"])[key]
    return text.format(**fields) if fields else text
