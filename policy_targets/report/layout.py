"""Tables that fit the width they are given, from 60 columns up, on a terminal and in a pipe.

rich squeezes a table that is too wide by cutting its cells (`0.11` printed as `0.1`, a
column dropped without a word). Here the widths are decided before anything is drawn:

- a figure cell wraps only between words, so a number is never cut: its column is never
  narrower than its longest word;
- the name column wraps between words (Chinese between characters) and takes what is left;
- where even that does not fit, the columns marked droppable go, least needed first, and the
  caller prints a line saying which (`Grid.dropped`);
- narrower still, or below `blocks_below` columns, one block per row: the name, then each
  figure with its header, never split inside a figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.text import Text

GAP = 2  # cells between two columns
NAME_MIN = 18  # the narrowest name column a table is drawn with (narrower, names run to five lines)
NAME_WORD = 20  # a longer word in a name folds (a Chinese name is one word: it folds anywhere)


@dataclass
class Column:
    header: str
    cells: list[Text]
    justify: str = "left"  # "left" | "right"
    name: bool = False  # the one column that takes the room left and wraps anywhere it must
    drop: int = 0  # 0: always shown; otherwise dropped before the columns of lower `drop`


@dataclass
class Grid:
    lines: list[Text]
    dropped: list[str] = field(default_factory=list)  # headers of the columns left out
    blocks: bool = False


GLUE = "\u00a0"  # a space that never breaks: between a number and its unit; printed as a space


def _words(text: Text) -> list[int]:
    return [cell_len(word) for line in text.plain.split("\n") for word in line.split(" ")] or [0]


def _natural(text: Text) -> int:
    return max((cell_len(line) for line in text.plain.split("\n")), default=0)


def _fold(text: Text, width: int) -> list[Text]:
    """A word wider than `width`, cut between characters: anywhere between Chinese characters
    (which have no spaces to break at), but not inside a run of Latin letters and digits such
    as '2022' or 'R&D', unless that run alone is wider than the line."""
    plain = text.plain
    units, start = [], 0  # (start, end) of each piece that stays whole
    for i in range(1, len(plain) + 1):
        if i == len(plain) or cell_len(plain[i]) > 1 or cell_len(plain[i - 1]) > 1:
            units.append((start, i))
            start = i
    cuts, used = [], 0
    for s, e in units:
        w = cell_len(plain[s:e])
        if used and used + w > width:
            cuts.append(s)
            used = 0
        if w > width:  # a run wider than the line: by characters
            for i in range(s, e):
                c = cell_len(plain[i])
                if used and used + c > width:
                    cuts.append(i)
                    used = 0
                used += c
            continue
        used += w
    return list(text.divide(cuts))


def wrap(text: Text, width: int) -> list[Text]:
    """`text` in lines of at most `width` cells, broken at spaces (never at GLUE, which is
    printed as a space); a word wider than `width` is cut between characters."""
    plain = text.plain
    if "\n" not in plain and GLUE not in plain and not plain.endswith(" ") and cell_len(plain) <= width:
        return [text]  # most cells: as they are (a national table has a hundred thousand)
    out: list[Text] = []
    for part in text.split("\n", allow_blank=True):
        if part.cell_len <= width:
            lines = [part.copy()]
        else:
            lines, line = [], Text()
            for word in part.split(" "):
                if not word.plain:
                    continue
                if line.plain and line.cell_len + 1 + word.cell_len <= width:
                    line.append(" ")
                    line.append_text(word)
                    continue
                if line.plain:
                    lines.append(line)
                pieces = _fold(word, width) if word.cell_len > width else [word]
                lines.extend(pieces[:-1])
                line = pieces[-1].copy()
            lines.append(line)
        for line in lines:
            line.rstrip()
            out.append(Text(line.plain.replace(GLUE, " "), style=line.style, spans=line.spans)
                       if GLUE in line.plain else line)
    return out or [Text()]


def _widths(cols: list[Column], width: int) -> list[int] | None:
    """Each column's width, or None where the columns do not fit in `width` at their narrowest."""
    avail = width - GAP * (len(cols) - 1)
    mins, nats = [], []
    for c in cols:
        words = max(max(_words(t)) for t in c.cells) if c.cells else 0
        head = max(_words(Text(c.header)))
        nat = max([_natural(t) for t in c.cells] + [_natural(Text(c.header))])
        if c.name:
            mins.append(max(min(NAME_MIN, nat), min(words, NAME_WORD), min(head, NAME_MIN)))
        else:
            mins.append(max(words, head))
        nats.append(max(nat, mins[-1]))
    w = list(mins)
    if sum(w) > avail:
        return None
    names = [i for i, c in enumerate(cols) if c.name]

    def give(i: int, upto: int) -> None:
        extra = avail - sum(w)
        w[i] = min(max(w[i], upto), w[i] + extra)

    for i in names:  # a readable name first,
        give(i, min(nats[i], 22))
    for i in sorted((i for i in range(len(cols)) if i not in names), key=lambda i: nats[i] - w[i]):
        give(i, nats[i])  # then the figures on one line each, the shortest first,
    for i in names:  # then the whole name
        give(i, min(nats[i], 40))
    return w


def grid(cols: list[Column], width: int, blocks_below: int = 0) -> Grid:
    """The table as lines of at most `width` cells (see the module's doc)."""
    active = list(cols)
    widths = _widths(active, width) if width >= blocks_below else None
    while widths is None and width >= blocks_below:
        candidates = [c for c in active if c.drop]
        if not candidates:
            break
        worst = max(candidates, key=lambda c: c.drop)
        active.remove(worst)
        widths = _widths(active, width)
    if widths is None:
        return Grid(blocks(cols, width), blocks=True)
    return Grid(_table(active, widths), [c.header for c in cols if c not in active])


def _table(cols: list[Column], widths: list[int]) -> list[Text]:
    out: list[Text] = []
    rows = [[Text(c.header, style="bold") for c in cols]]
    rows += [list(r) for r in zip(*(c.cells for c in cols))]
    for n, row in enumerate(rows):
        wrapped = [wrap(cell, w) for cell, w in zip(row, widths)]
        for k in range(max(len(x) for x in wrapped)):
            line = Text()
            for i, (lines, w, c) in enumerate(zip(wrapped, widths, cols)):
                if i:
                    line.append(" " * GAP)
                cell = lines[k] if k < len(lines) else Text()
                pad = " " * (w - cell.cell_len)
                if c.justify == "right":
                    line.append(pad)
                    line.append_text(cell)
                else:
                    line.append_text(cell)
                    line.append(pad)
            line.rstrip()
            out.append(line)
        if n == 0:
            out.append(Text("─" * (sum(widths) + GAP * (len(widths) - 1)), style="dim"))
    return out


def blocks(cols: list[Column], width: int) -> list[Text]:
    """One block per row: the name on its own lines, then "Header value" items, two spaces in,
    as many to a line as fit, none split unless wider than the line itself."""
    name_cols = [c for c in cols if c.name]
    others = [c for c in cols if not c.name]
    n = len(cols[0].cells) if cols else 0
    out: list[Text] = []
    for r in range(n):
        if r:
            out.append(Text())
        for c in name_cols:
            out.extend(Text.assemble(line, style="bold") for line in wrap(c.cells[r], width))
        line = Text("  ")
        for c in others:
            cell = c.cells[r]
            if cell.plain.strip() in ("", "—", "·"):
                continue
            item = Text(f"{c.header} ", style="dim")
            item.append_text(Text(" ").join(cell.split("\n")))
            if line.cell_len > 2 and line.cell_len + 3 + item.cell_len > width:
                out.append(line)
                line = Text("  ")
            if line.cell_len > 2:
                line.append(" · ", style="dim")
            if 2 + item.cell_len > width:
                parts = wrap(item, width - 2)
                for p in parts[:-1]:
                    line.append_text(p)
                    out.append(line)
                    line = Text("  ")
                item = parts[-1]
            line.append_text(item)
        if line.cell_len > 2:
            out.append(line)
    return [Text(x.plain.replace(GLUE, " "), style=x.style, spans=x.spans) for x in out]
