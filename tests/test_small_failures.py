"""The smaller failures of issue 18, each as it was found: encodings, cells, keys, names, locks."""

from __future__ import annotations

from pathlib import Path

from tests.cli import invoke

from tests.datadir import PLAN, make

HEADER = "target,period,value,unit,basis,source,published,note\n"


def run(*args: str):  # type: ignore[no-untyped-def]
    return invoke(list(args))


def test_a_csv_mixing_gbk_and_utf8_rows_is_a_warning(tmp_path: Path) -> None:
    data = make(tmp_path, actuals=None)
    (data / "actuals" / "demo.csv").write_bytes(
        (HEADER + "firms,2023,700,,,统计公报,,\n").encode("gb18030")  # lines 1-2: GB18030
        + "contracts,2023,350,亿元,,统计公报,,\n".encode("utf-8"))  # line 3: UTF-8
    result = run("check", str(data))
    assert "demo.csv:3: warning: line 3 is UTF-8 in a file read as GB18030" in result.output


def test_a_gb18030_file_alone_gets_no_such_warning(tmp_path: Path) -> None:
    data = make(tmp_path, actuals=None)
    (data / "actuals" / "demo.csv").write_bytes(
        (HEADER + "firms,2023,700,,,统计公报,,\ncontracts,2023,350,亿元,,统计公报,,\n").encode("gb18030"))
    result = run("check", str(data))
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.output


def test_cells_beyond_the_header_are_a_warning(tmp_path: Path) -> None:
    # an unquoted 2,800 spills one cell past the 3 columns of the header
    data = make(tmp_path, actuals="target,period,value\nfirms,2023,700\nfirms,2024,2,800\n")
    result = run("check", str(data))
    assert "demo.csv:3: warning: 4 cells but the header has 3 columns" in result.output


def test_a_top_level_key_and_a_dotted_key_are_reported_on_their_lines(tmp_path: Path) -> None:
    plan = "# a comment\n" + "k" * 3000 + " = 1\n" + PLAN.replace('city = "demo"', 'city = "demo"\nzz.b = 1', 1)
    data = make(tmp_path, plan=plan)
    result = run("check", str(data))
    assert "demo.toml:2: error: unknown table [kkk" in result.output  # the key's line, not none
    assert "demo.toml:5: error: unknown key 'zz'" in result.output  # line 3 of the plan + 2 added above
    assert "more characters)" in result.output  # a 3000-character key is cut in the message
    assert max(len(line) for line in result.output.splitlines()) < 1200


def test_a_plan_named_twice_is_shown_once(tmp_path: Path) -> None:
    data = make(tmp_path)
    once = run("status", "demo", "--data", str(data), "--json")
    twice = run("status", "demo", "demo", "--data", str(data), "--json")
    by_city = run("status", "demo", "demo", "--data", str(data), "--json")  # id and city are both demo
    assert once.exit_code == twice.exit_code == by_city.exit_code == 0
    assert twice.output == once.output == by_city.output


def test_an_excel_lock_file_is_not_read(tmp_path: Path) -> None:
    data = make(tmp_path)
    (data / "actuals" / "~$demo.csv").write_bytes(b"\x08alice\x00\x00\x00" + b"\x00" * 150)
    result = run("check", str(data))
    assert result.exit_code == 0, result.output
    assert "~$demo.csv" not in result.output
    assert run("status", "demo", "--data", str(data)).exit_code == 0


def test_a_broken_plan_is_one_warning_for_its_figures_not_one_per_row(tmp_path: Path) -> None:
    data = make(tmp_path, plan=PLAN.replace('start = 2021', 'start = 2021x', 1))  # one TOML typo
    result = run("check", str(data))
    assert result.exit_code == 1
    assert "unknown plan" not in result.output and "no plan" not in result.output
    assert result.output.count("demo.csv") == 1  # one line for the file, not one per row
    # its six rows (tests' demo figures) are counted in that one line
    assert "demo.csv: error: 6 figure(s) of plan demo could not be checked: its plan file has errors" \
        in result.output
    single = run("check", str(data / "actuals" / "demo.csv"), "--data", str(data))
    assert "unknown plan" not in single.output and "no plan" not in single.output


def test_out_of_memory_is_one_line_and_exit_1(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from policy_targets.cli import main
    from policy_targets.files import dataset

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError()

    monkeypatch.setattr(dataset, "read_rows", exhausted)
    with pytest.raises(SystemExit) as stop:
        main(["status", "demo", "--data", str(make(tmp_path))])
    assert stop.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("ptarget: out of memory: the data is more than this machine can hold")
    assert "internal error" not in err and "Traceback" not in err


def test_a_plan_or_source_larger_than_the_limit_is_a_finding_not_a_read(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from policy_targets.files import guard

    data = make(tmp_path)
    # the limit set between the source text (~170 bytes) and the plan (~900 bytes)
    monkeypatch.setattr(guard, "MAX_TEXT_BYTES", 500)
    result = run("check", str(data))
    assert result.exit_code == 1
    size = (data / "demo.toml").stat().st_size
    assert f"demo.toml: error: is {size:,} bytes, more than the 500 bytes a plan or source text may be" in result.output


def test_a_literal_quoted_key_and_a_sub_table_are_reported_on_their_lines(tmp_path: Path) -> None:
    # [plan] is line 1 of PLAN, city line 2: the literal key goes on line 3; the sub-table header
    # goes after the 37 lines of PLAN, the added one and a blank line, on line 40
    long = "k" * 10_000
    plan = PLAN.replace('city = "demo"', f"city = \"demo\"\n'{long}' = 1", 1) + f"\n[plan.zz{long}]\nx = 1\n"
    assert plan.splitlines()[2].startswith("'kkk") and plan.splitlines()[39].startswith("[plan.zz")
    data = make(tmp_path, plan=plan)
    result = run("check", str(data))
    assert "demo.toml:3: error: unknown key 'kkk" in result.output
    assert "demo.toml:40: error: unknown key 'zzkkk" in result.output


def _many_targets(n: int, parent: str | None = None) -> str:
    """A plan of n level targets t0 … t{n-1}, quotes unchecked, each with `parent` if given."""
    head = PLAN.split("[[target]]")[0]
    extra = f'parent = "{parent}"\n' if parent else ""
    return head + "".join(f'[[target]]\nid = "t{i}"\nname = "指标{i}"\nname_en = "T{i}"\nkind = "level"\n'
                          f'value = 10\nunit = "家"\nquote = "q"\nverify_quote = false\nnote = "n"\n{extra}\n'
                          for i in range(n))


def test_did_you_mean_is_given_to_the_first_20_unknown_ids_only(tmp_path: Path) -> None:
    # 300 rows of unknown targets t0x … t299x: each is one edit from a target id, so each would get a
    # "did you mean", at the cost of a comparison with all 300 ids; only the first 20 get one
    rows = "".join(f"t{i}x,2023,1\n" for i in range(300))
    data = make(tmp_path, plan=_many_targets(300, parent="nobody"), actuals="target,period,value\n" + rows)
    result = run("check", str(data))
    assert result.output.count("error: unknown target") == 300
    assert result.output.count("unknown target 't0x' in plan demo; did you mean 't0'?") == 1
    assert result.output.count("; did you mean 't") == 20
    assert result.output.count("parent 'nobody' is not a target of this plan") == 300
