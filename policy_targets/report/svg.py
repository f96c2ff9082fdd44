"""The chart of one target as SVG, by string building (no library, no script, no network).

Every data string is cleaned of control characters (which XML cannot hold even escaped)
and XML-escaped. Text uses a font stack that renders Chinese on Linux, Windows and macOS.
`standalone` adds the XML declaration for a .svg file; the HTML report inlines the same.
"""

from __future__ import annotations

import html
import math
import unicodedata

from policy_targets.report import labels
from policy_targets.core.periods import decimal_year
from policy_targets.report.chart import ChartData, Point, goal_text, legend, name_of, nice_ticks, unit_suffix, word, year_ticks
from policy_targets.report.fmt import num
from policy_targets.report.safe import clean

FONT = ('"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", '
        '"Hiragino Sans GB", "WenQuanYi Micro Hei", sans-serif')
STATUS_COLOUR = {
    "achieved": "#1a7f37", "on_track": "#1a7f37", "behind": "#9a6700", "off_track": "#cf222e",
    "regressing": "#a40e26", "missed": "#a40e26", "pending": "#0969da",
    "insufficient_data": "#57606a", "no_data": "#57606a",
}
COLOUR = {"path": "#4a6fa5", "goal": "#1a7f37", "deadline": "#cf222e", "projection": "#d97706",
          "figure": "#0b3d91", "history": "#8c959f", "axis": "#57606a", "grid": "#d0d7de",
          "expected": "#4a6fa5", "text": "#1f2328"}

W, PLOT_H = 760, 280
LEFT, RIGHT, TOP = 70, 170, 56
LINE_H = 18


def esc(value: object) -> str:
    """A data string made safe for XML text and attribute values."""
    return html.escape(clean(value), quote=True)


def _wrap(text: str, width: int = 104) -> list[str]:
    """Lines of at most `width` columns (a CJK character counts two), broken at spaces when possible."""
    out, line, cols = [], "", 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        if cols + w > width:
            cut = line.rfind(" ")
            if cut > width // 2:
                out.append(line[:cut])
                line = line[cut + 1:]
            else:
                out.append(line)
                line = ""
            cols = sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in line)
        line += ch
        cols += w
    out.append(line)
    return out


def _f(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def render_svg(chart: ChartData, lang: str = "en", *, standalone: bool = True, ident: str = "chart") -> str:
    a, t = chart.assessment, chart.target
    x0, x1 = chart.x_range()
    y0, y1 = chart.y_range()
    lines = [(part if i == 0 else "   " + part, style)
             for line, style in legend(chart, lang) for i, part in enumerate(_wrap(line))]
    plot_w = W - LEFT - RIGHT
    height = TOP + PLOT_H + 40 + LINE_H * len(lines) + 10

    def X(x: float) -> float:
        return LEFT + (x - x0) / (x1 - x0) * plot_w

    def Y(y: float) -> float:
        return TOP + (y1 - y) / (y1 - y0) * PLOT_H

    def XY(p: Point) -> str:
        return f"{_f(X(p.x))},{_f(Y(p.value))}"

    u = unit_suffix(chart.unit)
    title = f"{name_of(t, lang)} ({goal_text(t, a.deadline, lang)})"
    desc = "; ".join(line for line, _ in legend(chart, lang))
    out: list[str] = []
    if standalone:
        out.append('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.append(f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{height}" '
               f'viewBox="0 0 {W} {height}" role="img" aria-labelledby="{esc(ident)}-t {esc(ident)}-d" '
               f'font-family="{esc(FONT)}" font-size="12" fill="{COLOUR["text"]}">')
    out.append(f'<title id="{esc(ident)}-t">{esc(title)}</title>')
    out.append(f'<desc id="{esc(ident)}-d">{esc(desc)}</desc>')
    out.append(f'<rect x="0" y="0" width="{W}" height="{height}" fill="#ffffff"/>')
    out.append(f'<text x="{LEFT}" y="22" font-size="15" font-weight="bold">{esc(title)}</text>')
    sub = f"{chart.plan.id}/{t.id} · {t.kind}" + (f" · {t.unit}" if t.unit else "")
    out.append(f'<text x="{LEFT}" y="40" fill="{COLOUR["axis"]}">{esc(sub)}</text>')
    status = labels.status_label(a.status, lang, a.before_deadline)
    out.append(f'<text x="{W - 10}" y="22" text-anchor="end" font-size="14" font-weight="bold" '
               f'fill="{STATUS_COLOUR.get(a.status, COLOUR["text"])}">{esc(status)}</text>')
    # grid and axes
    for v in nice_ticks(y0, y1, 5):
        y = _f(Y(v))
        out.append(f'<line x1="{LEFT}" y1="{y}" x2="{LEFT + plot_w}" y2="{y}" stroke="{COLOUR["grid"]}" stroke-width="1"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y}" dy="4" text-anchor="end" fill="{COLOUR["axis"]}">{esc(num(v))}</text>')
    for xt, yr in year_ticks(x0, x1):
        x = _f(X(xt))
        out.append(f'<line x1="{x}" y1="{TOP + PLOT_H}" x2="{x}" y2="{TOP + PLOT_H + 5}" stroke="{COLOUR["axis"]}"/>')
        out.append(f'<text x="{x}" y="{TOP + PLOT_H + 18}" text-anchor="middle" fill="{COLOUR["axis"]}">{yr}</text>')
    out.append(f'<line x1="{LEFT}" y1="{TOP + PLOT_H}" x2="{LEFT + plot_w}" y2="{TOP + PLOT_H}" stroke="{COLOUR["axis"]}"/>')
    out.append(f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + PLOT_H}" stroke="{COLOUR["axis"]}"/>')
    if chart.unit:
        out.append(f'<text x="{LEFT - 6}" y="{TOP - 6}" text-anchor="end" fill="{COLOUR["axis"]}">{esc(chart.unit)}</text>')
    # the target and the deadline
    if chart.goal is not None and math.isfinite(chart.goal):
        gy = _f(Y(chart.goal))
        out.append(f'<line class="goal" x1="{LEFT}" y1="{gy}" x2="{LEFT + plot_w}" y2="{gy}" '
                   f'stroke="{COLOUR["goal"]}" stroke-width="1.5" stroke-dasharray="2 3"/>')
        out.append(f'<text x="{LEFT + plot_w + 6}" y="{gy}" dy="4" fill="{COLOUR["goal"]}">'
                   f'{esc(word("target", lang))} {esc(goal_text(t, None, lang))}</text>')
    if chart.goal_max is not None and math.isfinite(chart.goal_max):
        gy = _f(Y(chart.goal_max))
        out.append(f'<line x1="{LEFT}" y1="{gy}" x2="{LEFT + plot_w}" y2="{gy}" '
                   f'stroke="{COLOUR["goal"]}" stroke-width="1" stroke-dasharray="2 3"/>')
    dx = _f(X(decimal_year(chart.deadline)))
    out.append(f'<line class="deadline" x1="{dx}" y1="{TOP}" x2="{dx}" y2="{TOP + PLOT_H}" '
               f'stroke="{COLOUR["deadline"]}" stroke-width="1.5" stroke-dasharray="6 3"/>')
    out.append(f'<text x="{dx}" y="{TOP - 6}" text-anchor="middle" fill="{COLOUR["deadline"]}">'
               f'{esc(word("deadline", lang))} {chart.deadline.isoformat()}</text>')
    # the required path, the projection
    for run in chart.path:
        if len(run) >= 2:
            pts = " ".join(XY(p) for p in run)
            out.append(f'<polyline class="path" points="{pts}" fill="none" stroke="{COLOUR["path"]}" stroke-width="2"/>')
    if len(chart.projection) == 2:
        p, q = chart.projection
        out.append(f'<line class="projection" x1="{_f(X(p.x))}" y1="{_f(Y(p.value))}" x2="{_f(X(q.x))}" '
                   f'y2="{_f(Y(q.value))}" stroke="{COLOUR["projection"]}" stroke-width="2" stroke-dasharray="5 4"/>')
        out.append(f'<circle cx="{_f(X(q.x))}" cy="{_f(Y(q.value))}" r="3.5" fill="#ffffff" '
                   f'stroke="{COLOUR["projection"]}" stroke-width="2"/>')
        out.append(f'<text x="{_f(X(q.x) + 6)}" y="{_f(Y(q.value))}" dy="-6" fill="{COLOUR["projection"]}">'
                   f'{esc(word("projection", lang))} {esc(num(q.value))}{esc(u)}</text>')
    if chart.expected:
        ex, ey = X(chart.expected.x), Y(chart.expected.value)
        out.append(f'<path class="expected" d="M{_f(ex - 4)},{_f(ey - 4)} L{_f(ex + 4)},{_f(ey + 4)} '
                   f'M{_f(ex - 4)},{_f(ey + 4)} L{_f(ex + 4)},{_f(ey - 4)}" stroke="{COLOUR["expected"]}" stroke-width="2"/>')
    # the figures
    if chart.baseline:
        b = chart.baseline
        bx, by = X(b.x), Y(b.value)
        out.append(f'<rect class="baseline" x="{_f(bx - 4.5)}" y="{_f(by - 4.5)}" width="9" height="9" '
                   f'fill="{COLOUR["path"]}" transform="rotate(45 {_f(bx)} {_f(by)})"/>')
        out.append(f'<text x="{_f(bx + 8)}" y="{_f(by)}" dy="16" fill="{COLOUR["path"]}">'
                   f'{esc(word("baseline", lang))} {esc(num(b.value))}{esc(u)}</text>')
    for p in chart.history:
        out.append(f'<circle class="history" cx="{_f(X(p.x))}" cy="{_f(Y(p.value))}" r="4" fill="#ffffff" '
                   f'stroke="{COLOUR["history"]}" stroke-width="1.5"><title>{esc(p.label)}: {esc(num(p.value))}{esc(u)}</title></circle>')
    for p in chart.figures:
        px, py = _f(X(p.x)), _f(Y(p.value))
        out.append(f'<circle class="figure" cx="{px}" cy="{py}" r="4.5" fill="{COLOUR["figure"]}">'
                   f'<title>{esc(p.label)}: {esc(num(p.value))}{esc(u)}</title></circle>')
        out.append(f'<text x="{px}" y="{py}" dy="-9" text-anchor="middle" font-weight="bold" '
                   f'fill="{COLOUR["figure"]}">{esc(num(p.value))}</text>')
    if not chart.figures and not chart.history:
        out.append(f'<text x="{_f(LEFT + plot_w / 2)}" y="{_f(TOP + PLOT_H / 2)}" text-anchor="middle" '
                   f'fill="{COLOUR["axis"]}" font-size="14">{esc(labels.status_label("no_data", lang))}</text>')
    # the legend: the same words as the terminal chart
    y = TOP + PLOT_H + 44
    for line, style in lines:
        colour = STATUS_COLOUR.get(a.status) if style and style not in ("dim", "bold") else None
        fill = colour or (COLOUR["axis"] if style == "dim" else COLOUR["text"])
        out.append(f'<text x="{LEFT}" y="{y}" fill="{fill}">{esc(line)}</text>')
        y += LINE_H
    out.append("</svg>")
    return "\n".join(out) + ("\n" if standalone else "")
