"""Outputs never clobber inputs or special files (issue 18): export, report, chart --svg."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from tests.cli import invoke

from policy_targets.files import guard
from tests.datadir import make

COMMANDS = {
    "export": ["export", "demo", "--format", "csv", "-o"],
    "report": ["report", "demo", "--html"],
    "chart": ["chart", "demo", "firms", "--svg"],
}


def run(*args: str):  # type: ignore[no-untyped-def]
    return invoke(list(args))


def write(data: Path, command: str, output: str | Path):  # type: ignore[no-untyped-def]
    return run(*COMMANDS[command], str(output), "--data", str(data))


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("victim", ["actuals/demo.csv", "demo.toml", "sources/demo.txt"])
def test_an_output_never_overwrites_an_input(tmp_path: Path, command: str, victim: str) -> None:
    data = make(tmp_path)
    path = data / victim
    old = path.read_bytes()
    result = write(data, command, path)
    assert result.exit_code == 1
    assert "is one of the files this command reads" in result.output
    assert "wrote" not in result.output
    assert path.read_bytes() == old


def test_an_output_reached_through_a_link_to_an_input_is_refused(tmp_path: Path) -> None:
    data = make(tmp_path)
    link = tmp_path / "out.csv"
    link.symlink_to(data / "actuals" / "demo.csv")
    old = (data / "actuals" / "demo.csv").read_bytes()
    assert write(data, "export", link).exit_code == 1
    assert (data / "actuals" / "demo.csv").read_bytes() == old


@pytest.mark.parametrize("name", ["actuals/other.csv", "other.toml", "sources/other.txt"])
def test_an_output_that_would_become_an_input_is_refused(tmp_path: Path, name: str) -> None:
    data = make(tmp_path)
    result = write(data, "export", data / name)
    assert result.exit_code == 1
    assert "would become an input" in result.output
    assert not (data / name).exists()


def test_a_fifo_stays_a_fifo(tmp_path: Path) -> None:
    data = make(tmp_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = write(data, "report", fifo)
    assert result.exit_code == 1
    assert "is a device, FIFO or socket" in result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def _device(tmp_path: Path, name: str, minor: int) -> Path:
    """A character device to aim at: a copy of /dev/null (1, 3) or /dev/full (1, 7) in tmp_path
    when root may make one, else the real one (which only root could replace). The real ones are
    not used as root: a ptarget without this fix replaced them with regular files."""
    if os.geteuid() != 0:
        return Path(f"/dev/{name}")
    path = tmp_path / name
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    return path


@pytest.mark.parametrize(("name", "minor"), [("null", 3), ("full", 7)])
def test_a_device_is_refused_and_left_alone(tmp_path: Path, name: str, minor: int) -> None:
    data = make(tmp_path)
    device = _device(tmp_path, name, minor)
    result = write(data, "export", device)
    assert result.exit_code == 1
    assert "is a device, FIFO or socket" in result.output
    assert stat.S_ISCHR(os.lstat(device).st_mode)


@pytest.mark.parametrize("name", ["-", "/dev/fd/1"])
def test_dash_and_the_stdout_descriptor_write_to_standard_output(tmp_path: Path, name: str,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    data = make(tmp_path)
    monkeypatch.chdir(tmp_path)  # a file named "-" would appear here
    result = write(data, "export", name)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("\ufeff")  # the CSV, with its BOM for Excel
    assert "firms" in result.stdout
    assert "wrote" not in result.stdout and "wrote" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_dev_stdout_is_standard_output() -> None:
    # not run through a command: as root, a ptarget without the fix replaced /dev/stdout itself
    assert all(guard.is_stdout(n) for n in ("-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"))
    assert guard.output_problem("/dev/stdout") is None
    assert not guard.is_stdout("./-x")


def test_an_output_link_is_kept_and_its_file_written(tmp_path: Path) -> None:
    data = make(tmp_path)
    real = tmp_path / "shared" / "report.html"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "report.html"
    link.symlink_to(real)
    assert write(data, "report", link).exit_code == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("length", [242, 250, 255])
def test_an_output_name_of_up_to_255_bytes_is_written(tmp_path: Path, length: int) -> None:
    data = make(tmp_path)
    out = tmp_path / ("x" * (length - 4) + ".csv")
    assert len(out.name.encode()) == length
    result = write(data, "export", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["data", out.name])


# ---------------------------------------------------------------- extract -o: both files or neither

SOURCE_TEXT = "到2025年,高新技术企业达到900家,技术合同成交额达450亿元。\n"


def _extract(tmp_path: Path, output: Path, *more: str):  # type: ignore[no-untyped-def]

    src = tmp_path / "in.txt"
    src.write_text(SOURCE_TEXT, encoding="utf-8")
    return run("extract", str(src), "-o", str(output), *more)


def test_extract_writes_neither_file_when_the_plan_cannot_be_written(tmp_path: Path) -> None:
    # a plan name of 251 + 5 (".toml") = 256 bytes is over NAME_MAX, its source 251 + 4 = 255 is not
    out = tmp_path / ("x" * 251 + ".toml")
    result = _extract(tmp_path, out)
    assert result.exit_code == 1
    assert "File name too long" in result.output and "nothing was written" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt"]  # no sources/ left either
    assert "internal error" not in result.output


def test_extract_writes_neither_file_when_sources_is_not_a_folder(tmp_path: Path) -> None:
    (tmp_path / "sources").write_text("a file where the folder should be", encoding="utf-8")
    result = _extract(tmp_path, tmp_path / "plan.toml")
    assert result.exit_code == 1
    assert "nothing was written" in result.output
    assert not (tmp_path / "plan.toml").exists()


def test_extract_force_onto_a_fifo_is_refused_and_the_old_pair_kept(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "plan.toml")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "plan.txt").write_text("old", encoding="utf-8")
    result = _extract(tmp_path, tmp_path / "plan.toml", "--force")
    assert result.exit_code == 1
    assert "FIFO" in result.output
    assert stat.S_ISFIFO(os.lstat(tmp_path / "plan.toml").st_mode)
    assert (tmp_path / "sources" / "plan.txt").read_text(encoding="utf-8") == "old"


def test_extract_writes_both_files(tmp_path: Path) -> None:
    result = _extract(tmp_path, tmp_path / "plan.toml")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "plan.toml").read_text(encoding="utf-8").count("[[target]]") == 2
    assert "高新技术企业达到900家" in (tmp_path / "sources" / "plan.txt").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt", "plan.toml", "sources"]


# ---------------------------------------------------------------- what the files may hold

def _renamed(tmp_path: Path, name_en: str) -> Path:
    from tests.datadir import PLAN

    plan = PLAN.replace('name_en = "High-tech firms"', f'name_en = "{name_en}"', 1)
    assert plan != PLAN
    return make(tmp_path, plan=plan)


@pytest.mark.parametrize("name", [" =1+1", "  +SUM(A1:A9)", '\\t=HYPERLINK(\\"http://x\\")', "\\u3000@cmd", " -2+3"])
def test_csv_export_neutralises_a_formula_after_leading_white_space(tmp_path: Path, name: str) -> None:
    import csv
    import io

    data = _renamed(tmp_path, name)
    out = tmp_path / "e.csv"
    assert write(data, "export", out).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    cell = next(r["name_en"] for r in rows if r["id"] == "firms")
    # trimmed as an import may trim it, the cell starts with no formula character (a quote, or
    # the escape of a tab), and the text is all still there
    assert not cell.strip().startswith(("=", "+", "-", "@"))
    assert cell.strip().lstrip("'").lstrip().lstrip("\\x09").startswith(("=", "+", "-", "@"))


@pytest.mark.parametrize("char", ["\uFFFE", "\uFFFF"])
def test_characters_xml_forbids_never_reach_svg_html_or_xlsx(tmp_path: Path, char: str) -> None:
    import xml.etree.ElementTree as ET

    from openpyxl import load_workbook

    data = _renamed(tmp_path, f"High\\u{ord(char):04X}tech")  # a TOML escape: the file stays UTF-8
    svg, page, book = tmp_path / "c.svg", tmp_path / "r.html", tmp_path / "e.xlsx"
    assert write(data, "chart", svg).exit_code == 0
    assert write(data, "report", page).exit_code == 0
    assert run("export", "demo", "--format", "xlsx", "-o", str(book), "--data", str(data)).exit_code == 0
    ET.parse(svg)  # well-formed XML, or this raises
    for text in (svg.read_text(encoding="utf-8"), page.read_text(encoding="utf-8")):
        assert "\ufffe" not in text and "\uffff" not in text
        assert f"High\\u{ord(char):04x}tech" in text  # shown as an escape
    cells = [c.value for row in load_workbook(book).active.iter_rows() for c in row]
    assert not any(isinstance(v, str) and ("\ufffe" in v or "\uffff" in v) for v in cells)
    assert any(isinstance(v, str) and v.startswith("High\\uff") for v in cells)


def test_extract_never_overwrites_the_text_it_reads_even_with_force(tmp_path: Path) -> None:
    # extract sources/plan.txt -o plan.toml would write its cleaned text over sources/plan.txt
    (tmp_path / "sources").mkdir()
    text = tmp_path / "sources" / "plan.txt"
    text.write_text(SOURCE_TEXT, encoding="utf-8")

    result = run("extract", str(text), "-o", str(tmp_path / "plan.toml"), "--force")
    assert result.exit_code == 1
    assert "is one of the files this command reads" in result.output
    assert text.read_text(encoding="utf-8") == SOURCE_TEXT
    assert not (tmp_path / "plan.toml").exists()


def test_an_xlsx_cell_holds_at_most_what_excel_reads(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    data = _renamed(tmp_path, "x" * 40_000)  # Excel reads at most 32 767 characters in a cell
    book = tmp_path / "e.xlsx"
    assert run("export", "demo", "--format", "xlsx", "-o", str(book), "--data", str(data)).exit_code == 0
    cells = [c.value for row in load_workbook(book).active.iter_rows() for c in row if isinstance(c.value, str)]
    longest = max(cells, key=len)
    assert len(longest) == 32_767 and longest.endswith("x…")
