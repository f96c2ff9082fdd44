"""The kinds of issue 16 (change, hold), plan milestones, and optional English names (issue 15).

Every expected number is worked by hand in the comment beside it.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from policy_targets.cli import cli
from policy_targets.files.plan import load_plan_text

from . import datadir


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False,
                                env={"PTARGET_TODAY": "2024-03-01", "COLUMNS": "160"})
    return result.exit_code, result.output


# ---------------------------------------------------------------- English names are optional

def test_a_plan_without_english_names_loads_and_every_reader_runs(tmp_path: Path) -> None:
    plan = (datadir.PLAN.replace('name_en = "Technology contracts"\n', '')
            .replace('title_en = "Demo city sci-tech action plan (2021-2025)"\n', '')
            + '\n[[series]]\nid = "gdp"\nname = "地区生产总值"\nunit = "亿元"\n')
    loaded, findings = load_plan_text(plan, "demo.toml")
    assert loaded is not None and findings == []
    contracts = loaded.target("contracts")
    assert contracts is not None and contracts.name_en == ""
    assert loaded.series[0].name_en == "" and loaded.title_en is None
    data = datadir.make(tmp_path, plan=plan)
    for command in (["status", "demo"], ["status", "demo", "--lang", "zh"], ["status", "demo", "--json"],
                    ["show", "demo"], ["gap", "--year", "2023"], ["summary"], ["list"],
                    ["chart", "demo", "contracts"]):
        code, _ = run(*command, "--data", str(data))
        assert code == 0, command
    assert run("check", "--data", str(data))[0] == 0


def test_name_en_if_given_must_be_a_string() -> None:
    plan = datadir.PLAN.replace('name_en = "Technology contracts"', 'name_en = 3')
    _, findings = load_plan_text(plan, "demo.toml")
    assert [(f.code, f.key) for f in findings] == [("wrong-type", "name_en")]
