"""Files as people really have them: encodings, missing, folders, unreadable, empty, huge, looping.

Tests run as root in CI, where chmod 000 does not stop a read: the unreadable-file tests
then make `open` raise PermissionError for that one path instead (and use chmod when not
root), so the test exercises the same code either way.
"""

from __future__ import annotations

import builtins
import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from policy_targets.files.dataset import load_dataset
from policy_targets.files.plan import load_plan_file

from . import datadir

PLAN = """\
[plan]
city = "testcity"
city_zh = "测试市"
title = "测试规划"
start = 2023
end = 2025

[[target]]
id = "firms"
name = "高新技术企业"
name_en = "High-tech firms"
kind = "level"
value = 100
unit = "家"
baseline = { value = 50, year = 2022, source = "统计公报" }
quote = "高新技术企业达到100家"
"""

# Chinese headers and a Chinese source: the figures must come out exactly as written
CSV_TEXT = "指标,期间,数值,单位,来源\nfirms,2023年,60,家,国家统计局\nfirms,2024年上半年,0.007,万家,省科技厅\n"


def make_data(root: Path, csv_bytes: bytes | None = None) -> Path:
    return datadir.write(root, {"testcity": (PLAN, "高新技术企业达到100家。\n", csv_bytes)})


def _read(root: Path):  # type: ignore[no-untyped-def]
    ds = load_dataset(root)
    return ds.figures, [f for f in ds.findings if f.severity == "error"], ds


# ---------------------------------------------------------------- encodings

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_csv_encodings_read_right(encoding: str, newline: str, tmp_path: Path) -> None:
    data = CSV_TEXT.replace("\n", newline).encode(encoding)  # "utf-16" writes a BOM
    figures, errors, _ = _read(make_data(tmp_path, data))
    assert errors == []
    got = sorted((f.period.label, f.value, f.source) for f in figures)
    # 0.007 万家 = 70 家
    assert got == [("2023年", 60.0, "国家统计局"), ("2024年上半年", pytest.approx(70.0), "省科技厅")]


def test_gb18030_four_byte_characters_read_right(tmp_path: Path) -> None:
    # 𠀀 (U+20000) has no GBK code: only GB18030 (four bytes) holds it
    text = CSV_TEXT.replace("国家统计局", "国家统计局𠀀")
    figures, errors, _ = _read(make_data(tmp_path, text.encode("gb18030")))
    assert errors == []
    assert {f.source for f in figures} == {"国家统计局𠀀", "省科技厅"}


def test_plan_with_bom_reads_right(tmp_path: Path) -> None:
    path = tmp_path / "testcity.toml"
    path.write_bytes(PLAN.encode("utf-8-sig"))
    plan, findings = load_plan_file(path)
    assert findings == [] and plan is not None and plan.city_zh == "测试市"


def test_plan_in_gbk_names_the_line_and_says_save_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "testcity.toml"
    path.write_bytes(PLAN.encode("gbk"))
    plan, findings = load_plan_file(path)
    assert plan is None and len(findings) == 1
    # the first non-ASCII character of PLAN is 测 in `city_zh = "测试市"`, line 3
    assert findings[0].line == 3 and findings[0].file == str(path)
    assert "UTF-8" in findings[0].message


def _rows(n: int) -> list[str]:
    return ["指标,期间,数值,来源"] + [f"firms,{2023 + i % 3},{50 + i % 3},国家统计局" for i in range(n)]


@pytest.mark.parametrize("bad_line", [2, 5, 300, 1200])
def test_gbk_file_with_a_bad_byte_names_its_line(bad_line: int, tmp_path: Path) -> None:
    rows = _rows(1500)
    data = "\n".join(rows).encode("gbk").split(b"\n")
    data[bad_line - 1] += b"\xff"  # 0xFF starts no character in GBK or GB18030
    _, errors, _ = _read(make_data(tmp_path, b"\n".join(data)))
    assert len(errors) == 1
    e = errors[0]
    assert e.file.endswith("testcity.csv") and e.line == bad_line
    assert "UTF-8" in e.message and "GB18030" in e.message  # what to save it as


@pytest.mark.parametrize("bad_line", [2, 5, 300])
def test_utf8_file_with_a_bad_byte_names_its_line(bad_line: int, tmp_path: Path) -> None:
    # Chinese text in UTF-8 with one stray byte (a Latin-1 é pasted in): the file is UTF-8
    # with one bad byte on `bad_line`, not a GB18030 file that fails on line 1
    rows = _rows(400)
    data = "\n".join(rows).encode("utf-8").split(b"\n")
    data[bad_line - 1] += b",caf\xe9"
    _, errors, _ = _read(make_data(tmp_path, b"\n".join(data)))
    assert errors, "a stray byte must not pass silently"
    assert errors[0].line == bad_line, errors[0]
    assert "UTF-8" in errors[0].message


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x1e", "\x1c", "\x0c"])
def test_a_line_separator_inside_a_cell_does_not_split_the_row(separator: str, tmp_path: Path) -> None:
    # text pasted from web pages carries U+2028; a CSV row ends only at \n or \r
    csv_text = ("target,period,value,note\n"
                f"firms,2023,60,第一段{separator}第二段\n"
                "firmz,2024,80,\n")
    figures, errors, _ = _read(make_data(tmp_path, csv_text.encode("utf-8")))
    assert [(f.value, f.note) for f in figures] == [(60.0, f"第一段{separator}第二段")]
    # the only error is the misspelt target, on line 3 as any editor counts
    assert [(e.line, e.target) for e in errors] == [(3, "firmz")]


def test_unterminated_quote_does_not_swallow_the_rows_after_it(tmp_path: Path) -> None:
    # an opening " with no closing one turns the rest of the file into one cell: the rows
    # after it must not vanish without a word
    csv_text = 'target,period,value,note\nfirms,2023,60,"unclosed\nfirms,2024,80,\n'
    figures, errors, _ = _read(make_data(tmp_path, csv_text.encode("utf-8")))
    assert errors, f"rows lost silently: figures {[(f.period.label, f.value) for f in figures]}"
    assert errors[0].line == 2


def test_oversized_field_error_names_the_line(tmp_path: Path) -> None:
    csv_text = "target,period,value,note\nfirms,2023,60,\nfirms,2024,80,\"" + "x" * 200_000 + "\"\n"
    _, errors, _ = _read(make_data(tmp_path, csv_text.encode("utf-8")))
    assert len(errors) == 1 and errors[0].line == 3, errors


# ---------------------------------------------------------------- missing, folders, unreadable, empty

def test_missing_actuals_file_given_explicitly(tmp_path: Path, run_line) -> None:  # type: ignore[no-untyped-def]
    d = make_data(tmp_path / "data", CSV_TEXT.encode())
    missing = tmp_path / "nope.csv"
    # an option naming a file that is not there is a usage error (exit 2), not broken data
    result = run_line(["ptarget", "status", "testcity", "--data", str(d), "--actuals", str(missing)])
    assert result.exit_code == 2
    assert f"'{missing}' does not exist" in result.stderr


def test_missing_path_for_check(tmp_path: Path, run_line) -> None:  # type: ignore[no-untyped-def]
    result = run_line(["ptarget", "check", str(tmp_path / "nope.toml")])
    assert result.exit_code == 1
    assert "nope.toml: error: no such file or folder" in result.stdout


def test_missing_data_dir(tmp_path: Path, run_line) -> None:  # type: ignore[no-untyped-def]
    # a folder named on the command line that is not there is a usage error, not broken data
    result = run_line(["ptarget", "list", "--data", str(tmp_path / "nodata")])
    assert result.exit_code == 2
    assert "nodata: no such folder" in result.stderr


def test_folder_where_the_actuals_file_should_be(tmp_path: Path, run_line) -> None:  # type: ignore[no-untyped-def]
    d = make_data(tmp_path / "data")
    (d / "actuals" / "testcity.csv").mkdir()
    result = run_line(["ptarget", "check", "--data", str(d)])
    assert result.exit_code == 1
    assert "testcity.csv: error: is a folder, not a figures file (CSV or .xlsx)" in result.stdout


def test_folder_where_a_plan_file_should_be_is_reported(tmp_path: Path, run_line) -> None:  # type: ignore[no-untyped-def]
    d = make_data(tmp_path / "data", CSV_TEXT.encode())
    (d / "other.toml").mkdir()
    result = run_line(["ptarget", "check", "--data", str(d)])
    assert result.exit_code == 1, result.stdout
    assert "other.toml" in result.stdout


def test_folder_as_data_option_file_is_usage_error(tmp_path: Path, run_line) -> None:  # type: ignore[no-untyped-def]
    d = make_data(tmp_path / "data", CSV_TEXT.encode())
    result = run_line(["ptarget", "status", "testcity", "--data", str(d / "testcity.toml")])
    assert result.exit_code == 2
    result = run_line(["ptarget", "status", "testcity", "--data", str(d), "--actuals", str(d / "actuals")])
    assert result.exit_code == 2


def _make_unreadable(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000 where that stops a read; as root (where it does not) open raises instead."""
    path.chmod(0)
    try:
        with open(path, "rb"):
            readable = True
    except PermissionError:
        readable = False
    if not readable:
        return
    real_open = io.open

    def guarded(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.fspath(file) == os.fspath(path):
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", guarded)
    monkeypatch.setattr(builtins, "open", guarded)


@pytest.mark.parametrize("which", ["testcity.toml", "actuals/testcity.csv"])
def test_unreadable_file(which: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                         run_line) -> None:  # type: ignore[no-untyped-def]
    d = make_data(tmp_path / "data", CSV_TEXT.encode())
    _make_unreadable(d / which, monkeypatch)
    result = run_line(["ptarget", "check", "--data", str(d)])
    (d / which).chmod(0o644)
    assert result.exit_code == 1
    assert f"{d / which}: error: cannot read the file: Permission denied" in result.stdout


def test_empty_csv_is_a_warning_and_status_still_works(tmp_path: Path, run_line) -> None:  # type: ignore[no-untyped-def]
    d = make_data(tmp_path / "data", b"")
    checked = run_line(["ptarget", "check", "--data", str(d)])
    assert checked.exit_code == 0
    assert "testcity.csv: warning: the file is empty" in checked.stdout
    result = run_line(["ptarget", "status", "testcity", "--data", str(d), "--json"])
    assert result.exit_code == 0 and '"status": "no_data"' in result.stdout


def test_header_only_csv_means_no_data(tmp_path: Path, run_line) -> None:  # type: ignore[no-untyped-def]
    d = make_data(tmp_path / "data", "\ufefftarget,period,value\r\n".encode())
    assert run_line(["ptarget", "check", "--data", str(d)]).exit_code == 0
    result = run_line(["ptarget", "status", "testcity", "--data", str(d), "--json"])
    assert result.exit_code == 0 and '"status": "no_data"' in result.stdout


def test_empty_plan_file(tmp_path: Path, run_line) -> None:  # type: ignore[no-untyped-def]
    d = make_data(tmp_path / "data", CSV_TEXT.encode())
    (d / "testcity.toml").write_bytes(b"")
    result = run_line(["ptarget", "check", "--data", str(d)])
    assert result.exit_code == 1
    assert "testcity.toml:1: error: missing [plan] table" in result.stdout


# ---------------------------------------------------------------- symlink loops

def test_symlink_loops_in_the_data_dir_are_reported_not_followed(tmp_path: Path, run_line) -> None:  # type: ignore[no-untyped-def]
    d = make_data(tmp_path / "data", CSV_TEXT.encode())
    (d / "actuals" / "loop.csv").symlink_to("loop.csv")
    (d / "actuals" / "sub").symlink_to("..")  # a folder loop: actuals/sub/actuals/sub/…
    result = run_line(["ptarget", "check", "--data", str(d)])
    assert result.exit_code == 1
    assert "loop.csv: error: cannot read the file" in result.stdout
    # status reads only testcity's own files; list reads them all, and a broken one stops it
    assert run_line(["ptarget", "status", "testcity", "--data", str(d)]).exit_code == 0
    listed = run_line(["ptarget", "list", "--data", str(d)])
    assert listed.exit_code == 1 and "loop.csv" in listed.stderr


def test_plan_symlink_loop_is_reported(tmp_path: Path, run_line) -> None:  # type: ignore[no-untyped-def]
    # a plan file that cannot be read must not vanish from `check` without a word
    d = make_data(tmp_path / "data", CSV_TEXT.encode())
    (d / "loop.toml").symlink_to("loop.toml")
    result = run_line(["ptarget", "check", "--data", str(d)])
    assert result.exit_code == 1, result.stdout
    assert "loop.toml" in result.stdout


def test_source_symlink_loop(tmp_path: Path, run_line) -> None:  # type: ignore[no-untyped-def]
    d = make_data(tmp_path / "data", CSV_TEXT.encode())
    (d / "sources" / "testcity.txt").unlink()
    (d / "sources" / "testcity.txt").symlink_to("testcity.txt")
    result = run_line(["ptarget", "check", "--data", str(d)])
    assert result.exit_code == 1
    assert "no source text" in result.stdout and "testcity.txt" in result.stdout


# ---------------------------------------------------------------- a large file, streamed

BIG_MB = int(os.environ.get("PTARGET_BIG_CSV_MB", "20"))

_MEASURE = textwrap.dedent("""
    import resource, sys, tracemalloc
    from pathlib import Path
    from policy_targets.files.actuals import load_actuals
    from policy_targets.files.plan import load_plan_text
    plan, _ = load_plan_text(Path(sys.argv[1]).read_text(encoding="utf-8"), "testcity.toml")
    tracemalloc.start()
    figures, findings = load_actuals([Path(sys.argv[2])], {"testcity": plan})
    peak = tracemalloc.get_traced_memory()[1]
    print(len(figures), len(findings), peak)
""")


def _big_csv(path: Path, megabytes: int) -> int:
    """`megabytes` of rows; all but a few are missing figures ("-") with a 1 kB note."""
    note = "备注" * 170  # 340 characters, 1020 bytes in UTF-8
    line = f"firms,2024-06,-,国家统计局,{note}\n".encode()
    n = megabytes * 1024 * 1024 // len(line)
    with path.open("wb") as fh:
        fh.write("target,period,value,source,note\nfirms,2023,60,,\n".encode())
        block = line * 1000
        for _ in range(n // 1000):
            fh.write(block)
        fh.write("firms,2024,80,,\n".encode())
    return path.stat().st_size


def test_large_csv_is_read_streaming(tmp_path: Path) -> None:
    """Peak memory while reading a BIG_MB file stays far below the file's size.

    The rows are missing figures, which the loader skips, so nothing it must keep grows
    with the file: a loader that read the file whole would peak above its size.
    PTARGET_BIG_CSV_MB sets the size: 20 by default (about 3 s); 100 takes about 17 s.
    """
    plan = tmp_path / "testcity.toml"
    plan.write_text(PLAN, encoding="utf-8")
    big = tmp_path / "testcity.csv"
    size = _big_csv(big, BIG_MB)
    out = subprocess.run([sys.executable, "-c", _MEASURE, str(plan), str(big)], capture_output=True,
                         text=True, check=True, timeout=120)
    figures, findings, peak = map(int, out.stdout.split())
    print(f"read {size / 1e6:.0f} MB with a peak of {peak / 1e6:.2f} MB")
    assert figures == 2 and findings == 0
    assert size > BIG_MB * 1_000_000
    assert peak < min(16 * 1024 * 1024, size // 2), f"peak {peak / 1e6:.1f} MB reading a {size / 1e6:.0f} MB file"


# ---------------------------------------------------------------- names are identifiers, never paths

@pytest.mark.parametrize("name", ["../outside", "../outside.toml", str(Path("/etc/passwd")), "actuals/testcity",
                                  "./testcity", "testcity.toml", "..", "~"])
@pytest.mark.parametrize("command", ["status", "show"])
def test_plan_names_are_identifiers_not_paths(name: str, command: str, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch, run_line) -> None:  # type: ignore[no-untyped-def]
    d = make_data(tmp_path / "data", CSV_TEXT.encode())
    (tmp_path / "outside.toml").write_text(PLAN.replace("testcity", "outside"), encoding="utf-8")
    opened: list[str] = []
    real_open = io.open

    def spy(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(file, (str, os.PathLike)):
            opened.append(os.path.realpath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", spy)
    monkeypatch.setattr(builtins, "open", spy)
    result = run_line(["ptarget", command, name, "--data", str(d)])
    assert result.exit_code == 2, result.output
    assert "unknown plan" in result.stderr
    root = os.path.realpath(d)
    outside = [p for p in opened if not p.startswith(root + os.sep) and "site-packages" not in p
               and not p.startswith(sys.prefix) and not p.startswith(sys.base_prefix)]
    assert outside == [], outside


# ---------------------------------------------------------------- the last line of defence

def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom: something\nunexpected")


def test_unexpected_exception_is_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from policy_targets import cli
    from policy_targets.core import views

    d = make_data(tmp_path / "data", CSV_TEXT.encode())
    monkeypatch.setattr(views, "assess_plan", _boom)
    with pytest.raises(SystemExit) as exc:
        cli.main(["status", "testcity", "--data", str(d)])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "internal error" in err and "RuntimeError" in err and "boom" in err
    assert len(err.strip().splitlines()) == 1, err  # one line, even for a message with a newline


@pytest.mark.parametrize("how", ["flag", "env"])
def test_debug_shows_the_traceback(how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    from policy_targets import cli
    from policy_targets.files import plan as load_plan

    d = make_data(tmp_path / "data", CSV_TEXT.encode())
    monkeypatch.setattr(load_plan, "load_plan_text", _boom)
    args = ["check", "--data", str(d)]
    if how == "flag":
        args.append("--debug")
    else:
        monkeypatch.setenv("PTARGET_DEBUG", "1")
    with pytest.raises(SystemExit) as exc:
        cli.main(args)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" in err and "_boom" in err


def test_interrupt_exits_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    from policy_targets import cli
    from policy_targets.core import views

    def interrupt(*a: object, **k: object) -> None:
        raise KeyboardInterrupt

    d = make_data(tmp_path / "data", CSV_TEXT.encode())
    monkeypatch.setattr(views, "show_plan", interrupt)
    with pytest.raises(SystemExit) as exc:
        cli.main(["show", "testcity", "--data", str(d)])
    assert exc.value.code == 130
    assert "Traceback" not in capsys.readouterr().err


def test_figures_share_their_ids_and_sources(tmp_path: Path) -> None:
    """Rows hold the plan's own id strings and one string per distinct source, not a copy per
    row: a national data set repeats each over thousands of rows."""
    data = datadir.make(tmp_path)
    csv_path = data / "actuals" / "demo.csv"
    rows = "".join(f"firms,{y},{600 + y - 2021},家,stock,示例市统计公报,,\n" for y in range(2021, 2024))
    csv_path.write_text("target,period,value,unit,basis,source,published,note\n" + rows, encoding="utf-8")
    ds = load_dataset(data)
    figs = ds.figures_of("demo", "firms")
    assert len(figs) == 3
    plan = ds.plans["demo"]
    firms = plan.item("firms")
    assert all(f.target is firms.id and f.plan is plan.id for f in figs)  # type: ignore[union-attr]
    assert figs[0].source == "示例市统计公报" and figs[0].source is figs[1].source is figs[2].source
    assert figs[0].basis is figs[2].basis == "stock"


# ---------------------------------------------------------------- --actuals adds (issue 14)

def test_actuals_option_adds_to_the_data_dir_and_only_actuals_replaces(tmp_path: Path, run_line) -> None:  # type: ignore[no-untyped-def]
    import json

    d = datadir.make(tmp_path / "data")
    extra = tmp_path / "extra.csv"  # named after no plan and without a plan column: the command names it
    extra.write_text("target,period,value\nfirms,2024,800\n", encoding="utf-8")

    def latest(*args: str) -> dict[str, object]:
        result = run_line(["ptarget", "status", "demo", "--data", str(d), "--json", *args])
        assert result.exit_code == 0, result.stdout
        return {t["id"]: t["actual"]["value"] for t in json.loads(result.stdout)["targets"]}

    assert latest() == {"firms": 700, "contracts": 350, "platforms": 60}  # 20 + 25 + 15
    # --actuals adds one file: firms 2024 800 is the latest, the recorded figures stay
    assert latest("--actuals", str(extra)) == {"firms": 800, "contracts": 350, "platforms": 60}
    assert latest("--actuals", str(extra), "--only-actuals") == {"firms": 800, "contracts": None, "platforms": None}


def test_a_plan_is_named_by_its_city_in_chinese(tmp_path: Path, run_line) -> None:  # type: ignore[no-untyped-def]
    d = datadir.make(tmp_path / "data")
    for name in ("示例市", "示例", "demo"):
        result = run_line(["ptarget", "status", name, "--data", str(d)])
        assert result.exit_code == 0 and "Demo city" in result.stdout, (name, result.stdout)


def test_a_workbook_given_to_actuals_is_read_not_called_an_encoding_problem(tmp_path: Path, run_line) -> None:  # type: ignore[no-untyped-def]
    import json

    import openpyxl

    d = datadir.make(tmp_path / "data")
    book = openpyxl.Workbook()
    book.active.append(["指标", "2024", "2025年1-6月"])   # wide, Chinese names, no plan column
    book.active.append(["高新技术企业", 800, 850])
    book.save(tmp_path / "统计.xlsx")
    result = run_line(["ptarget", "status", "示例", "--data", str(d), "--json", "--actuals", str(tmp_path / "统计.xlsx")])
    assert result.exit_code == 0, result.stdout
    firms = next(t for t in json.loads(result.stdout)["targets"] if t["id"] == "firms")
    assert (firms["actual"]["value"], firms["actual"]["period"]) == (850, "2025年1-6月")
