"""`gap` over every plan reads them one at a time (files.stream); its output must be byte for
byte what one whole load gives, for good data and for broken data, and in both JSON layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_targets.core.views import assess_plan, gap_rows
from policy_targets.files.dataset import load_dataset
from policy_targets.files.stream import Stream
from policy_targets.report.json import dumps
from tests import datadir

SECOND = datadir.PLAN.replace('city = "demo"', 'city = "other"').replace("示例市", "另一市")


def two_plans(tmp: Path, actuals_other: str = datadir.ACTUALS) -> Path:
    data = datadir.make(tmp)
    datadir.make(tmp, plan=SECOND, actuals=actuals_other, name="other")
    return data


def whole_rows(data: Path) -> list[dict[str, object]]:
    ds = load_dataset(data)
    return gap_rows([assess_plan(p, ds.index, year=2023) for p in ds.plans.values()], 2023)


def test_the_stream_yields_each_plan_with_only_its_figures(tmp_path: Path) -> None:
    data = two_plans(tmp_path, "target,period,value\nfirms,2023,650\n")
    got = [(pf.plan.id, [f.value for f in pf.index.of(pf.plan.id, "firms")]) for pf in Stream(data)]
    # demo.csv holds firms 2023 = 700, other.csv firms 2023 = 650
    assert got == [("demo", [700.0]), ("other", [650.0])]


def test_gap_streamed_is_byte_for_byte_the_whole_load(tmp_path: Path, run_line) -> None:  # type: ignore[no-untyped-def]
    data = two_plans(tmp_path)
    result = run_line(["ptarget", "gap", "--year", "2023", "--json", "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert result.stdout == dumps(whole_rows(data), pretty=False) + "\n"
    # named plans take the whole load; every plan takes the stream: the same bytes
    named = run_line(["ptarget", "gap", "demo", "other", "--year", "2023", "--json", "--data", str(data)])
    assert named.stdout == result.stdout
    assert result.stdout.count('"plan": "other"') == 3  # three targets of the second plan


@pytest.mark.parametrize("pretty", [True, False])
@pytest.mark.parametrize("parts", [[], [[]], [[{"a": 1}], [], [{"b": [1, {"c": "中"}]}, {"d": float("nan")}]]])
def test_a_list_written_in_parts_is_the_list_written_whole(pretty: bool, parts: list[list[dict[str, object]]],
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from policy_targets.cli.common import emit_json_list

    emit_json_list(iter(parts), lambda: [], pretty=pretty)
    whole = [x for part in parts for x in part]
    assert capsys.readouterr().out == dumps(whole, pretty=pretty) + "\n"


def test_broken_figures_stop_the_stream_with_the_whole_loads_findings_and_no_half_list(
        tmp_path: Path, run_line) -> None:  # type: ignore[no-untyped-def]
    data = two_plans(tmp_path, "target,period,value\nfirmz,2023,650\nfirms,20233,1\n")
    streamed = run_line(["ptarget", "gap", "--year", "2023", "--json", "--data", str(data)])
    named = run_line(["ptarget", "gap", "demo", "other", "--year", "2023", "--json", "--data", str(data)])
    assert streamed.exit_code == named.exit_code == 1
    assert streamed.stdout == ""  # nothing of the list was printed
    assert streamed.stderr == named.stderr
    assert "other.csv:2: error: unknown target 'firmz'" in streamed.stderr
    assert "other.csv:3: error: period '20233'" in streamed.stderr


def test_a_layout_that_cannot_stream_is_loaded_whole(tmp_path: Path) -> None:
    """A figures file with a plan column may name any plan: the stream loads everything once."""
    data = two_plans(tmp_path)
    (data / "actuals" / "other.csv").write_text("plan,target,period,value\ndemo,firms,2024,800\n",
                                                encoding="utf-8")
    got = {pf.plan.id: [f.value for f in pf.index.of(pf.plan.id, "firms")] for pf in Stream(data)}
    # demo's own file has 700 for 2023; other.csv adds 800 for 2024 to demo, none to other
    assert got == {"demo": [700.0, 800.0], "other": []}


def test_a_broken_plan_file_gives_the_whole_loads_findings(tmp_path: Path, run_line) -> None:  # type: ignore[no-untyped-def]
    data = two_plans(tmp_path)
    (data / "other.toml").write_text(SECOND.replace('kind = "level"', 'kind = "levle"', 1), encoding="utf-8")
    streamed = run_line(["ptarget", "gap", "--year", "2023", "--json", "--data", str(data)])
    named = run_line(["ptarget", "gap", "demo", "other", "--year", "2023", "--json", "--data", str(data)])
    assert streamed.exit_code == named.exit_code == 1
    assert streamed.stderr == named.stderr
    assert "levle" in streamed.stderr


def test_gap_of_several_plans_keeps_the_plan_column_at_80_columns(tmp_path: Path, run_line) -> None:  # type: ignore[no-untyped-def]
    data = two_plans(tmp_path)
    out = run_line(["ptarget", "gap", "--year", "2023", "--data", str(data)], env={"COLUMNS": "80"}).stdout
    # both plans have figures for 2023, so the rows must say whose they are
    assert "\ndemo " in out and "\nother " in out
    assert "Not shown at 80 columns: Plan" not in out


def test_a_plan_column_under_a_title_row_is_seen(tmp_path: Path) -> None:
    """A sheet saved with a title row above its header (规划 = plan) may name any plan too."""
    data = two_plans(tmp_path)
    (data / "actuals" / "other.csv").write_text("青山市数据\n规划,指标,期间,数值\ndemo,firms,2024,800\n",
                                                encoding="utf-8")
    got = {pf.plan.id: [f.value for f in pf.index.of(pf.plan.id, "firms")] for pf in Stream(data)}
    # as in the test above: the 2024 row of other.csv belongs to demo
    assert got == {"demo": [700.0, 800.0], "other": []}
