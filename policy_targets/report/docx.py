"""The report as an editable Word document (`report --docx`), for bureaux that write their
reviews in Word: the same summary, status table, legend and warnings as the HTML report.

Built with python-docx (imported here only, so no other command loads it). The charts are
left out with a note: Word does not take SVG, and drawing them as PNG would need a renderer
(cairo) far heavier than the rest of ptarget; the HTML report has them.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from policy_targets.core.assess import STATUSES
from policy_targets.core.views import PlanStatus
from policy_targets.report import labels
from policy_targets.report.fmt import baseline_text, goal_text, latest_text, needed_text, num, pct
from policy_targets.report.i18n import warning_text
from policy_targets.report.safe import clean

FONT_ZH = "SimSun"  # 宋体: the body font of Chinese government documents; Word substitutes if absent
WORDS = {
    "en": {"report": "Progress report", "generated": "generated", "as_of": "figures up to",
           "overview": "Summary", "no_figure": "Targets without a figure yet", "warnings": "Warnings",
           "charts": "Charts are not included in this document; they are in the HTML report "
                     "(ptarget report --html).",
           "plan": "Plan", "targets": "Targets"},
    "zh": {"report": "目标进度报告", "generated": "生成于", "as_of": "数据截至", "overview": "总览",
           "no_figure": "尚无数据的指标", "warnings": "提示",
           "charts": "本文档不含图表;图表见 HTML 报告(ptarget report --html)。",
           "plan": "规划", "targets": "指标数"},
}


def _w(key: str, lang: str) -> str:
    return WORDS.get(lang, WORDS["en"])[key]


def render_docx(statuses: list[PlanStatus], lang: str = "en", *, generated: date | None = None,
                as_of: date | None = None, **_: Any) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]  # A4 landscape: the status table has nine columns
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT_ZH)
    for name in ("Title", "Heading 1", "Heading 2"):
        doc.styles[name].element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT_ZH)

    h = lambda k: labels.header(k, lang)  # noqa: E731
    doc.add_heading(_w("report", lang), 0)
    meta = [", ".join(ps.plan.id for ps in statuses)]
    if as_of:
        meta.append(f"{_w('as_of', lang)} {as_of.isoformat()}")
    if generated:
        meta.append(f"{_w('generated', lang)} {generated.isoformat()}")
    doc.add_paragraph(" · ".join(meta) + " · ptarget")

    # the summary first: one row per plan
    doc.add_heading(_w("overview", lang), 1)
    present = [s for s in STATUSES if any(ps.summary.get(s) for ps in statuses)]
    rows = [[labels.pick(lang, ps.plan.title, ps.plan.title_en), str(sum(ps.summary.values()))]
            + [str(ps.summary.get(s) or "·") for s in present] + [num(ps.mean_score)] for ps in statuses]
    _table(doc, [_w("plan", lang), _w("targets", lang)] + [labels.status_label(s, lang) for s in present]
           + [h("mean_score")], rows, right_from=1, first_width=90)
    doc.add_paragraph(labels.w("legend", lang)).runs[0].font.size = Pt(8)

    for ps in statuses:
        plan = ps.plan
        doc.add_heading(clean(labels.pick(lang, plan.title, plan.title_en)), 1)
        doc.add_paragraph(" · ".join([plan.id, labels.pick(lang, plan.city_zh, plan.city),
                                      f"{plan.start}–{plan.end}"]))
        counts = ", ".join(f"{labels.status_label(k, lang)}: {v}" for k, v in
                           sorted(ps.summary.items(), key=lambda kv: -kv[1]))
        score = f"; {h('mean_score')} {num(ps.mean_score)}" if ps.mean_score is not None else ""
        doc.add_paragraph(f"{h('summary')}: {counts}{score}")
        with_data = [a for a in ps.assessments if a.status != "no_data"]
        without = [a for a in ps.assessments if a.status == "no_data"]
        eurostat = any(a.method == "eurostat" for a in ps.assessments)
        if with_data:
            heads = [h(k) for k in ("target", "goal", "baseline", "latest", "path", "gap",
                                    "ratio" if eurostat else "progress", "status", "needed")]
            body = []
            for a in with_data:
                prog = ("—" if a.ratio is None else f"{a.ratio:.2f}") if eurostat else (
                    "—" if a.progress is None or a.elapsed is None else f"{pct(a.progress)} / {pct(a.elapsed)}")
                body.append([labels.pick(lang, a.target.name, a.target.name_en),
                             goal_text(a.target, a.deadline, lang), baseline_text(a, lang),
                             latest_text(a, lang), num(a.expected), num(a.gap), prog,
                             labels.status_label(a.status, lang), needed_text(a, lang)])
            _table(doc, heads, body, right_from=1, status_col=7, first_width=60)
            legend = [labels.w("legend", lang), labels.w("legend_baseline", lang)]
            if eurostat:
                legend.append(labels.w("legend_eurostat", lang))
            p = doc.add_paragraph(" ".join(legend))
            p.runs[0].font.size = Pt(8)
        if without:
            doc.add_heading(f"{_w('no_figure', lang)} ({len(without)})", 2)
            for a in without:
                doc.add_paragraph(clean(f"{labels.pick(lang, a.target.name, a.target.name_en)}: "
                                        f"{goal_text(a.target, a.deadline, lang)}"), style="List Bullet")
        warnings: dict[str, list[str]] = {}
        for a in ps.assessments:
            for msg in a.warnings:
                warnings.setdefault(warning_text(msg, lang), []).append(a.target.id)
        if warnings:
            doc.add_heading(_w("warnings", lang), 2)
            for msg, ids in warnings.items():
                doc.add_paragraph(clean(f"{', '.join(ids)}: {msg}"), style="List Bullet")
    doc.add_paragraph(_w("charts", lang)).runs[0].italic = True
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


STATUS_RGB = {"achieved": "1a7f37", "on_track": "1a7f37", "behind": "9a6700", "off_track": "cf222e",
              "regressing": "cf222e", "missed": "cf222e"}


def _table(doc: Any, heads: list[str], rows: list[list[str]], right_from: int = 1,
           status_col: int | None = None, first_width: int = 0) -> None:
    """A Word table with a bold header row that repeats on each page; numbers right-aligned."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    table = doc.add_table(rows=1, cols=len(heads))
    table.style = "Table Grid"
    head_row = table.rows[0]
    flag = OxmlElement("w:tblHeader")  # repeat the header on every page
    flag.set(qn("w:val"), "true")
    head_row._tr.get_or_add_trPr().append(flag)
    if first_width:
        from docx.shared import Mm

        table.autofit = False
        rest = (267 - first_width) / max(1, len(heads) - 1)
        for i, (column, cell) in enumerate(zip(table.columns, head_row.cells)):
            column.width = cell.width = Mm(first_width if i == 0 else rest)  # Word reads cells, LibreOffice the grid
    for cell, text in zip(head_row.cells, heads):
        run = cell.paragraphs[0].add_run(clean(text))
        run.bold = True
        run.font.size = Pt(9)
    for r in rows:
        cells = table.add_row().cells
        if first_width:
            for cell, head in zip(cells, head_row.cells):
                cell.width = head.width
        for i, (cell, text) in enumerate(zip(cells, r)):
            run = cell.paragraphs[0].add_run(clean(str(text)))
            run.font.size = Pt(9)
            if i >= right_from and i != status_col:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if i == status_col:
                status = next((k for k, v in labels.STATUS["en"].items() if v == text), None) or next(
                    (k for k, v in labels.STATUS["zh"].items() if v == text), "")
                if status in STATUS_RGB:
                    run.font.color.rgb = RGBColor.from_string(STATUS_RGB[status])
                    run.bold = True
