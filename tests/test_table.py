"""Tables that fit any width from 60 columns up (report.layout): numbers never cut, names
wrapped between words, a column left out only with a line that says so, blocks when narrow."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.cli import invoke
from rich.cells import cell_len
from rich.text import Text

from policy_targets.report.labels import pick
from policy_targets.report.layout import GLUE, Column, grid, wrap

DATA = Path(__file__).resolve().parent.parent / "data"
WIDTHS = (60, 80, 100, 120, 160)
COMMANDS = (["status", "changde"], ["status", "jiaxing", "--only-with-data"], ["gap", "--year", "2024"],
            ["show", "changde"], ["summary"], ["list"], ["compare", "high_tech_enterprises"],
            ["status", "changde", "--method", "eurostat"])
DROPPED = re.compile(r"^(Not shown at|终端宽)")


def run(args: list[str], width: int, lang: str) -> str:
    result = invoke([*args, "--data", str(DATA), "--lang", lang],
                                env={"COLUMNS": str(width), "PTARGET_TODAY": "2026-12-02"})
    assert result.exit_code == 0, result.output
    return result.output


NUMBER = re.compile(r"[-−+]?\d[\d,]*(?:\.\d+)?%?")


def numbers(text: str) -> set[str]:
    """Every number of the text, with its sign, thousands separators, decimals and %."""
    out = set()
    for line in text.splitlines():
        if not DROPPED.match(line):  # it names the width
            out.update(m.group(0).rstrip(",") for m in NUMBER.finditer(line))
    return out


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_table_fits_every_width_with_its_numbers_whole(args: list[str], lang: str) -> None:
    wide = run(args, 400, lang)
    assert not any(DROPPED.match(line) for line in wide.splitlines())  # 400 columns hold all
    whole = numbers(wide)
    assert whole  # the test has something to look at
    for width in WIDTHS:
        text = run(args, width, lang)
        for line in text.splitlines():
            assert cell_len(line) <= width, (width, line)
        seen = numbers(text)
        # a number cut in two would be a word the wide table does not have ("0.1" of "0.11")
        assert seen <= whole, (width, sorted(seen - whole))
        if not any(DROPPED.match(line) for line in text.splitlines()):
            assert whole <= seen, (width, sorted(whole - seen))  # nothing lost without a word


def test_the_wide_status_table_has_the_figures_checked_by_hand() -> None:
    text = run(["status", "changde"], 200, "en")
    # high_tech_enterprises: 614 (2022 figure) to 900 by the end of 2025, 754 at the end of
    # 2024; needed (900 - 754) / 1 year = 146 a year, 146 / 754 = 19.4 %
    line = next(x for x in text.splitlines() if x.startswith("High-tech enterprises"))
    assert "754 (2024)" in line and "146/yr (19.4%)" in line and "behind" in line
    assert "614 (2022, figure)" in text.replace("\n", " ") or "614" in line
    assert "Gap: positive is a shortfall" in text


@pytest.mark.parametrize("width", WIDTHS)
def test_a_dropped_column_is_named(width: int) -> None:
    text = run(["status", "changde"], width, "en")
    lines = text.splitlines()
    header = next((x for x in lines if x.startswith("Target ") and "Goal" in x), None)
    note = text[text.index("Not shown at"):text.index("Summary:")] if "Not shown at" in text else ""
    if header is None:  # blocks: every figure with its own header, nothing dropped
        assert width < 72 and "Latest 754 (2024)" in text
        return
    for column in ("Baseline", "Path", "Gap", "Needed"):
        assert column in header or column in note, (width, column)


def test_status_blocks_below_72_columns() -> None:
    text = run(["status", "changde", "--only-with-data"], 60, "en")
    # one block per target: the name alone, then "Header value" items two spaces in
    assert "High-tech enterprises (valid certificates, stock)\n  Goal ≥900 家 @2025" in text
    assert "Needed 146/yr (19.4%)" in text


def test_wrap_breaks_at_spaces_never_at_glue_and_folds_chinese() -> None:
    assert [x.plain for x in wrap(Text("146/yr (19.4%)"), 8)] == ["146/yr", "(19.4%)"]
    assert [x.plain for x in wrap(Text(f"≥2,200{GLUE}家 @2025"), 9)] == ["≥2,200 家", "@2025"]
    # 8 Chinese characters are 16 cells: at 6 cells, three characters a line
    assert [x.plain for x in wrap(Text("科技型中小企业数"), 6)] == ["科技型", "中小企", "业数"]


def test_grid_columns_never_narrower_than_their_longest_word() -> None:
    cols = [Column("Target", [Text("Valid invention patents per 10,000 residents")], name=True),
            Column("Needed", [Text("146/yr (19.4%)")], "right", drop=1),
            Column("Status", [Text("insufficient data")])]
    g = grid(cols, 45)
    # 45 cells: name ≥ 18, "(19.4%)" 7, "insufficient" 12, two gaps of 2: 18 + 7 + 12 + 4 = 41
    assert not g.dropped and not g.blocks
    text = "\n".join(x.plain for x in g.lines)
    assert "(19.4%)" in text and "insufficient" in text
    narrow = grid(cols, 40)  # 41 > 40: the droppable Needed goes, and is named
    assert narrow.dropped == ["Needed"]
    assert all(x.cell_len <= 40 for x in narrow.lines)


def test_pick_falls_back_to_chinese_when_english_is_missing() -> None:
    assert pick("zh", "高新技术企业", "High-tech enterprises") == "高新技术企业"
    assert pick("en", "高新技术企业", "High-tech enterprises") == "High-tech enterprises"
    assert pick("en", "高新技术企业", "") == "高新技术企业"
    assert pick("en", "高新技术企业", None) == "高新技术企业"
    assert pick("zh", "", "only English") == "only English"
