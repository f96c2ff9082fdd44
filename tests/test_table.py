"""The status table lays its figure columns out itself (report.table.aligned), as one rich cell
per row, because rich's per-cell rendering was most of the cost of `ptarget status`. These
tests hold that layout to rich's own: the same text, cell for cell, as a rich Table with the
same columns would print."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from policy_targets.report.table import aligned

WIDE = 400


def render(table: Table) -> list[str]:
    out = io.StringIO()
    Console(file=out, width=WIDE, color_system=None, no_color=True, highlight=False,
            markup=False, emoji=False).print(table)
    return out.getvalue().splitlines()


def rich_columns(rows: list[list[str]], justify: list[str]) -> list[str]:
    """The reference: rich laying out the same cells as separate no-wrap columns."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_header=False)
    for how in justify:
        table.add_column(justify=how, no_wrap=True)  # type: ignore[arg-type]
    for r in rows:
        table.add_row(*(Text(c) for c in r))
    return render(table)


def ours(rows: list[list[str]], justify: list[str]) -> list[str]:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_header=False)
    table.add_column(no_wrap=True)
    for line in aligned([[Text(c) for c in r] for r in rows], justify):
        table.add_row(line)
    return render(table)


def test_mixed_widths_and_chinese_line_up_like_rich() -> None:
    rows = [["Goal", "Latest", "Status"],
            ["≥900 家 @2025", "754 (2024)", "behind"],
            ["≥2.7% @2025", "—", "滞后于序时进度"]]
    justify = ["right", "right", "left"]
    assert ours(rows, justify) == rich_columns(rows, justify)
    # by hand: widths 13 ("≥900 家 @2025": 家 is two cells), 10 and 14 (7 CJK characters);
    # line 0 is the box's blank top edge; each row starts with the edge's one space, and the
    # columns stand three apart (padding, rule, padding): "≥2.7% @2025" (11) right in 13
    line = ours(rows, justify)[3]
    assert line.startswith(" " + "  ≥2.7% @2025" + " " * 3 + " " * 9 + "—" + " " * 3 + "滞后于序时进度")


# spaces anywhere, the ends included: rich drops a right-aligned cell's trailing spaces
cells = st.text(alphabet=st.sampled_from("a1 —≥%家年度滞后"), max_size=12)


@given(st.integers(1, 5).flatmap(lambda n: st.tuples(
    st.lists(st.lists(cells, min_size=n, max_size=n), min_size=1, max_size=6),
    st.lists(st.sampled_from(["left", "right"]), min_size=n, max_size=n))))
def test_any_cells_line_up_like_rich(case: tuple[list[list[str]], list[str]]) -> None:
    rows, justify = case
    assert ours(rows, justify) == rich_columns(rows, justify)


def test_a_trailing_space_is_dropped_from_a_right_aligned_cell_as_rich_does() -> None:
    """A series whose unit is "" prints "81.5 ": rich measures the space but does not draw it."""
    rows = [["Latest", "Period"], ["81.5 ", "2023"], ["3.62%", "2024"]]
    assert ours(rows, ["right", "left"]) == rich_columns(rows, ["right", "left"])
    # by hand: width 6 ("Latest"); "81.5" right in 6 → two spaces, then 3 apart, "2023"
    assert ours(rows, ["right", "left"])[2].startswith(" " + "  81.5" + "   " + "2023")


def test_styles_survive_the_layout() -> None:
    header, line = aligned([[Text("Status")], [Text("behind", style="yellow")]], ["left"])
    assert line.plain == "behind" and [(s.start, s.end, str(s.style)) for s in line.spans] == [(0, 6, "yellow")]


def test_the_figures_go_as_one_cell_only_where_that_prints_what_separate_columns_print() -> None:
    """At every width `fits` allows, the one-cell layout prints the same text as separate
    figure columns; narrower, status_table uses separate columns (rich squeezes each one)."""
    from datetime import date
    from pathlib import Path

    from policy_targets.files.dataset import load_dataset
    from policy_targets.report.table import fits, status_table
    from policy_targets.core.views import assess_plan

    data = Path(__file__).resolve().parent.parent / "data"
    ds = load_dataset(data, plans_only=["changde"])
    ps = assess_plan(ds.plans["changde"], ds.index, today=date(2026, 11, 23))

    def text(width: int, layout_width: int | None) -> str:
        out = io.StringIO()
        Console(file=out, width=width, color_system=None, no_color=True, highlight=False,
                markup=False, emoji=False).print(status_table(ps, "en", False, layout_width))
        return out.getvalue()

    one_cell_widths = []
    for width in range(60, 221, 5):
        one_cell, columns = text(width, None), text(width, 1)  # width 1: never fits
        if one_cell != columns:
            assert text(width, width) == columns  # status_table chose the columns here
        else:
            one_cell_widths.append(width)
    assert one_cell_widths and min(one_cell_widths) <= 130  # the fast layout is the usual one
    # figures 103 cells wide beside a name column of at least 18: 18 + 103 + 5 = 126 columns
    assert fits([], Text("Target"), 103, 126, 18) and not fits([], Text("Target"), 103, 125, 18)
    # a longer word than 18 cells sets the narrowest name column: "科技型中小企业评价入库" is 22
    assert not fits([Text("科技型中小企业评价入库")], Text("Target"), 103, 129, 18)
