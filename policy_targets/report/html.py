"""The HTML report: one self-contained page (inline CSS and SVG; no script, no network).

Per plan: a summary (counts by status, mean score), the status table, and per target its
chart, the data drawn, the quote and the sources of its figures. Every data string is
cleaned and HTML-escaped; a Content-Security-Policy forbids loading anything at all, so the
page reads the same offline, from a mail attachment or a file share. The markup is also
well-formed XML, which the tests check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from policy_targets.report import labels
from policy_targets.core.assess import STATUSES
from policy_targets.core.model import Figure
from policy_targets.core.views import PlanStatus, plan_dict
from policy_targets.report.chart import ChartData, goal_text, name_of, unit_suffix, word
from policy_targets.report.fmt import baseline_text, latest_text, num, pct
from policy_targets.report.svg import FONT, STATUS_COLOUR, esc, render_svg


@dataclass
class PlanReport:
    """One plan's assessments with a chart and the raw figures of each target."""

    status: PlanStatus
    charts: list[ChartData]
    figures: dict[str, list[Figure]]  # target id → its figures, dated order


CSS = """
*{box-sizing:border-box}
body{font-family:%(font)s;color:#1f2328;background:#f6f8fa;margin:0;line-height:1.5}
main{max-width:1100px;margin:0 auto;padding:24px}
header.top{border-bottom:3px solid #0b3d91;margin-bottom:24px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:21px;margin:0 0 4px;color:#0b3d91}
h3{font-size:16px;margin:0 0 8px}
.meta{color:#57606a;font-size:13px;margin:0 0 12px}
section.plan{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:20px;margin-bottom:32px}
.counts{display:flex;flex-wrap:wrap;gap:8px;padding:0;margin:8px 0 16px;list-style:none}
.counts li{border-radius:14px;padding:2px 12px;color:#fff;font-size:13px}
.score{font-size:14px;margin:0 0 12px}
table{border-collapse:collapse;width:100%%;font-size:13px;margin:8px 0 16px}
th,td{border-bottom:1px solid #d0d7de;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa;font-weight:600}
table.status-table td:first-child{width:34%%}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.status{font-weight:600;white-space:nowrap}
article.target{border-top:1px solid #d0d7de;padding:16px 0 8px}
.chart svg{max-width:100%%;height:auto;border:1px solid #eaeef2;border-radius:6px}
blockquote{margin:8px 0;padding:6px 12px;border-left:4px solid #0b3d91;background:#f6f8fa}
.sources{font-size:12px;color:#57606a;word-break:break-all}
.warn{font-size:12px;color:#9a6700}
.legend{font-size:12px;color:#57606a;margin:4px 0 12px}
ul.nodata{columns:2;font-size:12px;color:#57606a;padding-left:18px;margin:4px 0 16px}
ul.nodata li{break-inside:avoid}
section.overview{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:20px;margin-bottom:32px}
a{color:#0969da}
@page{size:A4;margin:14mm}
@media print{body{background:#fff;line-height:1.35}main{max-width:none;padding:0}
section.plan,section.overview{border:none;padding:0;margin-bottom:12px}
section.plan{break-before:page}
table{font-size:10px}th,td{padding:2px 4px}
article.target{break-inside:avoid;padding:6px 0 2px}
.chart svg{width:85%%;height:auto;border:none}
table.figures,.sources,blockquote{font-size:9px}
a{color:inherit;text-decoration:none}}
""" % {"font": FONT}

_URL = re.compile(r"https?://[^\s<>\"'，。；、]+")


def linked(text: object) -> str:
    """Escaped text whose http(s) URLs are links (only those schemes, escaped in the href)."""
    s = str(text)
    out, pos = [], 0
    for m in _URL.finditer(s):
        out.append(esc(s[pos:m.start()]))
        url = m.group(0).rstrip(").,;")
        out.append(f'<a href="{esc(url)}">{esc(url)}</a>')
        pos = m.start() + len(url)
    out.append(esc(s[pos:]))
    return "".join(out)


def render_html(reports: list[PlanReport], lang: str = "en", *, generated: date | None = None,
                as_of: date | None = None) -> str:
    h = lambda k: esc(labels.header(k, lang))  # noqa: E731
    titles = [labels.pick(lang, r.status.plan.title, r.status.plan.title_en) for r in reports]
    page_title = f"{word('report', lang)}: " + ", ".join(r.status.plan.id for r in reports)
    out = ['<!DOCTYPE html>',
           f'<html lang="{labels.pick(lang, "zh-CN", "en")}">',
           '<head>',
           '<meta charset="utf-8"/>',
           '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'; img-src data:\"/>",
           '<meta name="generator" content="ptarget"/>',
           f'<title>{esc(page_title)}</title>',
           f'<style>{CSS}</style>',
           '</head>',
           '<body><main>',
           '<header class="top">',
           f'<h1>{esc(word("report", lang))}</h1>',
           '<p class="meta">' + esc(f"{len(reports)} {word('plans', lang)}: " + "; ".join(titles))
           + (esc(f" · {word('as_of', lang)} {as_of.isoformat()}") if as_of else "")
           + (esc(f" · {word('generated', lang)} {generated.isoformat()}") if generated else "")
           + ' · ptarget</p>',
           '</header>']
    out.extend(_overview(reports, lang, h))
    for r in reports:
        out.extend(_plan_section(r, lang, h))
    out.append('</main></body></html>')
    return "\n".join(out) + "\n"


def _plan_section(r: PlanReport, lang: str, h) -> list[str]:  # type: ignore[no-untyped-def]
    ps = r.status
    plan = ps.plan
    pd = plan_dict(plan)
    title = labels.pick(lang, plan.title, plan.title_en)
    out = [f'<section class="plan" id="plan-{esc(plan.id)}">',
           f'<h2>{esc(title)}</h2>']
    meta = [f"{plan.id}", labels.pick(lang, plan.city_zh, plan.city), f"{plan.start}–{plan.end}"]
    if pd.get("issuer"):
        meta.append(str(pd["issuer"]))
    if pd.get("issued"):
        meta.append(str(pd["issued"]))
    if lang != "zh" and plan.title_en:
        meta.append(plan.title)
    out.append(f'<p class="meta">{esc(" · ".join(meta))}</p>')
    # summary: counts by status in the order of the statuses, then the mean score
    out.append(f'<h3>{h("summary")}</h3>')
    out.append('<ul class="counts">')
    counts = ps.summary
    for s in STATUSES:
        if counts.get(s):
            out.append(f'<li class="count-{s}" style="background:{STATUS_COLOUR[s]}">'
                       f'{esc(labels.status_label(s, lang))}: <b>{counts[s]}</b></li>')
    out.append('</ul>')
    score = ps.mean_score
    out.append(f'<p class="score">{h("mean_score")}: <b>{esc(num(score))}</b> '
               f'<span class="meta">(−5 … +5; {len(ps.assessments)} {h("targets")})</span></p>')
    out.extend(_status_table(ps, lang, h))
    out.append(f'<p class="legend">{esc(labels.w("legend", lang))} {esc(labels.w("legend_baseline", lang))}'
               + (f' {esc(labels.w("legend_eurostat", lang))}' if any(a.method == "eurostat" for a in ps.assessments)
                  else "") + '</p>')
    by_id = {a.target.id: a for a in ps.assessments}
    empty = [c for c in r.charts if c.target.id in by_id and by_id[c.target.id].status == "no_data"
             and not r.figures.get(c.target.id)]
    for chart in r.charts:
        if chart.target.id in by_id and chart not in empty:
            out.extend(_target_article(chart, r.figures.get(chart.target.id, []), lang, h))
    if empty:  # one compact list instead of an empty chart each
        out.append(f'<h3>{esc(word("no_figure_list", lang))} ({len(empty)})</h3><ul class="nodata">')
        for c in empty:
            out.append(f'<li id="t-{esc(plan.id)}-{esc(c.target.id)}">{esc(name_of(c.target, lang))}: '
                       f'{esc(goal_text(c.target, c.assessment.deadline, lang))}</li>')
        out.append('</ul>')
    out.append('</section>')
    return out


def _overview(reports: list[PlanReport], lang: str, h) -> list[str]:  # type: ignore[no-untyped-def]
    """The first screen: each plan in one row, with its counts by status and mean score."""
    present = [s for s in STATUSES if any(r.status.summary.get(s) for r in reports)]
    out = ['<section class="overview">', f'<h2>{esc(word("summary_all", lang))}</h2>',
           '<table class="overview-table"><thead><tr>'
           + f'<th>{h("plan")}</th><th>{h("targets")}</th>'
           + "".join(f'<th style="color:{STATUS_COLOUR[s]}">{esc(labels.status_label(s, lang))}</th>' for s in present)
           + f'<th>{h("mean_score")}</th></tr></thead><tbody>']
    for r in reports:
        ps = r.status
        counts = ps.summary
        out.append(f'<tr><td><a href="#plan-{esc(ps.plan.id)}">{esc(labels.pick(lang, ps.plan.title, ps.plan.title_en))}</a></td>'
                   f'<td class="n">{sum(counts.values())}</td>'
                   + "".join(f'<td class="n">{counts.get(s) or "·"}</td>' for s in present)
                   + f'<td class="n">{esc(num(ps.mean_score))}</td></tr>')
    out.append('</tbody></table>')
    out.append(f'<p class="legend">{esc(labels.w("legend", lang))}</p>')
    out.append('</section>')
    return out


def _status_table(ps: PlanStatus, lang: str, h) -> list[str]:  # type: ignore[no-untyped-def]
    from policy_targets.report.fmt import needed_text

    eurostat = any(a.method == "eurostat" for a in ps.assessments)
    cols = ["target", "goal", "baseline", "latest", "path", "gap", "ratio" if eurostat else "progress",
            "status", "needed"]
    out = ['<table class="status-table">', '<thead><tr>'
           + "".join(f"<th>{h(c)}</th>" for c in cols) + '</tr></thead>', '<tbody>']
    for a in ps.assessments:
        t = a.target
        latest = esc(latest_text(a, lang)).replace("\n", "<br/>")
        if eurostat:
            prog = "—" if a.ratio is None else f"{a.ratio:.2f}"
        else:
            prog = "—" if a.progress is None or a.elapsed is None else f"{pct(a.progress)} / {pct(a.elapsed)}"
        status = labels.status_label(a.status, lang, a.before_deadline)
        anchor = f"t-{ps.plan.id}-{t.id}"
        out.append(
            f'<tr id="row-{esc(anchor)}"><td><a href="#{esc(anchor)}">{esc(name_of(t, lang))}</a></td>'
            f'<td class="n">{esc(goal_text(t, a.deadline, lang))}</td>'
            f'<td class="n">{esc(baseline_text(a, lang))}</td><td class="n">{latest}</td>'
            f'<td class="n">{esc(num(a.expected))}</td>'
            f'<td class="n">{esc(num(a.gap))}</td><td class="n">{esc(prog)}</td>'
            f'<td class="status" style="color:{STATUS_COLOUR.get(a.status, "#1f2328")}">{esc(status)}</td>'
            f'<td class="n">{esc(needed_text(a, lang))}</td></tr>')
    out.append('</tbody></table>')
    return out


def _target_article(chart: ChartData, figures: list[Figure], lang: str, h) -> list[str]:  # type: ignore[no-untyped-def]
    t = chart.target
    anchor = f"t-{chart.plan.id}-{t.id}"
    out = [f'<article class="target" id="{esc(anchor)}">',
           f'<h3>{esc(name_of(t, lang))} <span class="meta">({esc(t.id)})</span></h3>',
           f'<div class="chart">{render_svg(chart, lang, standalone=False, ident="svg-" + anchor)}</div>']
    if t.quote:
        out.append(f'<p><b>{esc(word("quote", lang))}</b>'
                   + (f' <span class="meta">({esc(t.section)})</span>' if t.section else "") + '</p>')
        out.append(f'<blockquote lang="zh-CN">{esc(t.quote)}</blockquote>')
    if t.baseline is not None and t.baseline.source:
        out.append(f'<p class="sources">{h("baseline")}: {esc(num(t.baseline.value))}{esc(unit_suffix(t.unit))} '
                   f'({t.baseline.year}): {linked(t.baseline.source)}</p>')
    out.append(f'<p><b>{esc(word("data", lang))} · {esc(word("sources", lang))}</b></p>')
    if figures:
        out.append('<table class="figures"><thead><tr>'
                   + "".join(f"<th>{esc(word(k, lang))}</th>" for k in ("period", "value", "source", "published", "note"))
                   + '</tr></thead><tbody>')
        for f in figures:
            value = num(f.value) + ("%" if t.kind == "growth" and f.basis != "stock" else unit_suffix(t.unit))
            if f.revised_from:
                value += " * (" + ", ".join(num(v) for v in f.revised_from) + ")"
            out.append(f'<tr><td>{esc(f.period.label or f.period.iso)}</td><td class="n">{esc(value)}</td>'
                       f'<td class="sources">{linked(f.source or "—")}</td>'
                       f'<td>{esc(f.published.isoformat() if f.published else "—")}</td>'
                       f'<td class="sources">{esc(f.note or "")}</td></tr>')
        out.append('</tbody></table>')
    else:
        out.append(f'<p class="meta">{esc(word("no_figures", lang))}</p>')
    out.append('</article>')  # the warnings are in the chart's legend
    return out
