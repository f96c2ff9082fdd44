"""The command line on a small data directory: exact output, JSON = the library's result, exit codes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from policy_targets.cli import cli
from policy_targets.files.dataset import load_dataset
from policy_targets.core.views import assess_plan, gap_rows

from . import datadir


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    return datadir.make(tmp_path)


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    runner = CliRunner()
    result = runner.invoke(cli, list(args), catch_exceptions=False,
                           env={"PTARGET_TODAY": "2024-03-01", "COLUMNS": "160", **(env or {})})
    return result.exit_code, result.output


def test_pace_calculator_exact_output() -> None:
    # 500 at the end of 2020 to 900 by the end of 2025: 80 a year (400/5);
    # growth 1.8^(1/5) - 1 = 12.47 %
    code, out = run("pace", "--baseline", "500", "--from", "2020", "--target", "900", "--by", "2025")
    assert code == 0
    lines = [line.rstrip() for line in out.splitlines()]
    assert lines == [
        "Year  Value  Change",
        "───────────────────",
        "2020    500       —",
        "2021    580      80",
        "2022    660      80",
        "2023    740      80",
        "2024    820      80",
        "2025    900      80",
        "Needed: 80/yr (12.5%)",
    ]


def test_pace_calculator_geometric_json() -> None:
    # 100 → 400 over 2 years geometric: 100, 200, 400; growth 4^(1/2) - 1 = 1.0
    code, out = run("pace", "--baseline", "100", "--from", "2020", "--target", "400", "--by", "2022",
                    "--geometric", "--json")
    assert code == 0
    view = json.loads(out)
    assert [r["value"] for r in view["path"]] == pytest.approx([100, 200, 400])
    assert view["required_growth"] == pytest.approx(1.0)
    assert view["required_per_year"] == pytest.approx(150)


def test_pace_calculator_usage_errors() -> None:
    assert run("pace", "--baseline", "1", "--from", "2025", "--target", "2", "--by", "2020")[0] == 2
    code, out = run("pace", "--baseline", "-1", "--from", "2020", "--target", "2", "--by", "2025",
                    "--geometric")
    assert code == 2 and "positive" in out


def test_status_table(data: Path) -> None:
    code, out = run("status", "demo", "--data", str(data))
    assert code == 0
    names = ("High-tech firms", "Technology contracts", "New R&D platforms")
    rows = {name: line for line in out.splitlines() for name in names if line.strip().startswith(name)}
    # firms: 500 (2020) → 700 (2023), 900 by 2025: path 740, gap 40, 50 % of the way in 60 % of
    # the time, behind; needed (900-700)/2 = 100 a year, (900/700)^(1/2) - 1 = 13.4 %
    assert "behind" in rows["High-tech firms"]
    assert "740" in rows["High-tech firms"] and "50% / 60%" in rows["High-tech firms"]
    assert "100/yr (13.4%)" in rows["High-tech firms"]
    # contracts: 2,800,000万元 = 280亿元 at 2022 is the baseline; 350 at 2023:
    # progress 70/170 = 41.2 % against (2024-2023)/(2026-2023) = 33.3 % → on track; path 336.67
    assert "336.67" in rows["Technology contracts"] and "41% / 33%" in rows["Technology contracts"]
    assert "on track" in rows["Technology contracts"]
    # platforms: 20 + 25 + 15 = 60 new by 2023, 60 % in 60 % of the time → on track, 20 a year
    assert "60% / 60%" in rows["New R&D platforms"]
    assert "Summary: on track: 2, behind: 1" in out
    assert "\x1b[" not in out  # not a terminal: no colour


def test_status_json_equals_library_result(data: Path) -> None:
    code, out = run("status", "demo", "--data", str(data), "--json")
    assert code == 0
    ds = load_dataset(data)
    expected = assess_plan(ds.plans["demo"], ds.index, today=date(2024, 3, 1)).as_dict()
    assert json.loads(out) == json.loads(json.dumps(expected))
    keys = {"id", "name", "name_en", "kind", "unit", "comparator", "target", "deadline", "baseline",
            "actual", "expected", "gap", "remaining", "progress", "elapsed", "ratio", "score",
            "required_per_year", "required_growth", "projected", "status", "warnings"}
    for t in json.loads(out)["targets"]:
        assert keys <= set(t)
    firms = json.loads(out)["targets"][0]
    assert firms["baseline"] == {"date": "2020-12-31", "value": 500, "from": "plan"}
    assert firms["actual"]["date"] == "2023-12-31" and firms["actual"]["value"] == 700
    assert firms["ratio"] == pytest.approx(0.5 / 0.6)


def test_gap_json_rows(data: Path) -> None:
    code, out = run("gap", "--year", "2023", "--data", str(data), "--json")
    assert code == 0
    rows = json.loads(out)
    ds = load_dataset(data)
    expected = gap_rows([assess_plan(ds.plans["demo"], ds.index, year=2023, today=date(2024, 3, 1))], 2023)
    assert rows == json.loads(json.dumps(expected))
    firms = rows[0]
    assert set(firms) >= {"plan", "target", "name", "unit", "year", "target_value", "expected", "actual",
                          "gap", "gap_pct", "required_per_year", "status"}
    # gap 40 over the path 740 = 0.054054
    assert firms["gap_pct"] == pytest.approx(40 / 740)
    # in 2022 only contracts (its first figure: no progress yet) and platforms have figures
    rows_2022 = json.loads(run("gap", "--year", "2022", "--data", str(data), "--json")[1])
    assert [r["status"] for r in rows_2022] == ["no_data", "insufficient_data", "on_track"]


def test_status_in_chinese(data: Path) -> None:
    code, out = run("status", "demo", "--data", str(data), "--lang", "zh")
    assert code == 0
    assert "高新技术企业" in out and "滞后于序时进度" in out and "符合序时进度" in out
    assert "示例市科技创新行动方案(2021—2025年)" in out


def test_as_of(data: Path) -> None:
    code, out = run("status", "demo", "--data", str(data), "--as-of", "2022-12-31", "--json")
    targets = {t["id"]: t for t in json.loads(out)["targets"]}
    assert targets["firms"]["status"] == "no_data"
    assert targets["platforms"]["actual"]["value"] == 45  # 20 + 25


def test_bad_as_of_is_a_usage_error(data: Path) -> None:
    code, out = run("status", "demo", "--data", str(data), "--as-of", "yesterday-ish")
    assert code == 2 and "--as-of" in out


def test_unknown_plan_suggests(data: Path) -> None:
    code, out = run("status", "dmeo", "--data", str(data))
    assert code == 2
    assert "unknown plan 'dmeo'; did you mean 'demo'?" in out


def test_broken_data_exits_1_naming_file_and_line(tmp_path: Path) -> None:
    data = datadir.make(tmp_path, plan=datadir.PLAN.replace('unit = "亿元"', 'unitt = "亿元"'))
    code, out = run("status", "demo", "--data", str(data))
    assert code == 1
    # the [[target]] of contracts starts on line 20; its `unitt` key is on line 26
    assert "demo.toml:26: error: target contracts: unknown key 'unitt'; did you mean 'unit'?" in out
    assert "demo.toml:20: error: target contracts: missing the required key 'unit'" in out


def test_list_and_show(data: Path) -> None:
    code, out = run("list", "--data", str(data), "--json")
    assert json.loads(out)[0]["targets"] == 3 and json.loads(out)[0]["figures"] == 6
    code, out = run("show", "demo", "--data", str(data), "--json")
    t = {x["id"]: x for x in json.loads(out)["targets"]}
    # firms: (900 - 500)/5 = 80 a year; growth 1.8^(1/5) - 1 = 0.124746
    assert t["firms"]["required_per_year_from_baseline"] == pytest.approx(80)
    assert t["firms"]["required_growth_from_baseline"] == pytest.approx(0.124746, abs=1e-6)
    assert [p["value"] for p in t["firms"]["path"]] == pytest.approx([500, 580, 660, 740, 820, 900])
    # platforms: 100 new over 5 years from 0 = 20 a year
    assert t["platforms"]["required_per_year_from_baseline"] == pytest.approx(20)


def test_no_color_and_terminal_colour(data: Path) -> None:
    # forced onto a terminal, the status is coloured and a bar is drawn; NO_COLOR removes colour
    code, out = run("status", "demo", "--data", str(data), env={"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1",
                                                                "TTY_INTERACTIVE": "1"})
    coloured = "\x1b[" in out
    code, plain = run("status", "demo", "--data", str(data),
                      env={"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1", "NO_COLOR": "1"})
    assert "\x1b[3" not in plain  # no foreground colour codes under NO_COLOR
    if coloured:
        assert "█" in out


def test_version_and_help() -> None:
    code, out = run("--version")
    assert code == 0 and "ptarget, version" in out
    code, out = run("--help")
    assert code == 0 and "status" in out


def test_unknown_command_is_usage_error() -> None:
    assert run("statuss")[0] == 2


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    import click

    names = cli.list_commands(click.Context(cli))
    assert {"status", "gap", "check", "record", "report", "extract"} <= set(names)
    for name in names:
        assert cli.get_command(click.Context(cli), name) is not None, name
        assert f"ptarget {name}" in readme, f"README does not mention `ptarget {name}`"


def test_loaded_data_is_frozen_for_the_command_and_thawed_after(data: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The collector skips the loaded data while a command runs, and gets it back after."""
    import gc

    from policy_targets.core import views

    seen: list[int] = []
    real = views.assess_plan

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.get_freeze_count())
        return real(*args, **kwargs)

    monkeypatch.setattr(views, "assess_plan", spy)
    before = gc.get_freeze_count()
    code, _ = run("status", "demo", "--data", str(data), "--json")
    assert code == 0
    assert seen and seen[0] > before  # frozen while assessing
    assert gc.get_freeze_count() == before  # thawed when the command closed


def test_a_callers_own_frozen_objects_stay_frozen(data: Path) -> None:
    """gc.unfreeze thaws everything, so ptarget does not freeze when its caller already has."""
    import gc

    gc.freeze()
    try:
        mine = gc.get_freeze_count()
        assert mine > 0
        code, _ = run("status", "demo", "--data", str(data), "--json")
        assert code == 0
        assert gc.get_freeze_count() == mine
    finally:
        gc.unfreeze()


def test_a_misspelt_command_says_what_was_meant(run_line) -> None:  # type: ignore[no-untyped-def]
    result = run_line(["ptarget", "staus", "changde"])
    assert result.exit_code == 2
    assert "No such command 'staus'; did you mean 'status'?" in result.output
