"""The repository's own data: every target transcribed, verified, and a few real assessments pinned."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from policy_targets.files.check import check_paths
from policy_targets.files.dataset import load_dataset
from policy_targets.core.views import assess_plan

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(scope="module")
def ds():  # type: ignore[no-untyped-def]
    return load_dataset(DATA)


def test_check_passes_on_the_repository_data() -> None:
    result = check_paths([DATA], DATA)
    errors = [f for f in result.findings if f.severity == "error"]
    assert errors == []
    assert result.plans == 5


# Counted sentence by sentence by the transcribers (see each plan's notes): 18 + 49 + 8 + 25 + 16
TARGETS_PER_PLAN = {"jiangyin": 18, "jiaxing": 49, "bijie": 8, "changde": 25, "changzhou": 16}


def test_number_of_targets_per_plan(ds) -> None:  # type: ignore[no-untyped-def]
    assert {pid: len(p.targets) for pid, p in ds.plans.items()} == TARGETS_PER_PLAN


def test_every_target_has_quote_name_en_and_source_text(ds) -> None:  # type: ignore[no-untyped-def]
    for plan in ds.plans.values():
        body = (DATA / "sources" / f"{plan.id}.txt").read_text(encoding="utf-8")
        squashed = re.sub(r"\s", "", body)
        for t in plan.targets:
            assert t.name_en.strip(), t.id
            assert re.sub(r"\s", "", t.quote) in squashed, (plan.id, t.id)


def test_sources_are_clean(ds) -> None:  # type: ignore[no-untyped-def]
    for plan in ds.plans.values():
        text = (DATA / "sources" / f"{plan.id}.txt").read_text(encoding="utf-8")
        body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
        assert "凯时" not in body and "(chuàng)" not in body and "力口" not in body, plan.id
        for traditional in "創實們為產業發這":
            assert traditional not in body, (plan.id, traditional)


def test_changde_high_tech_enterprises_behind(ds) -> None:  # type: ignore[no-untyped-def]
    # 614 at the end of 2022 (the baseline: the plan states none and no figure for 2021 exists),
    # 754 at the end of 2024, 900 by 2025: t0 = 2023.0, ta = 2025.0, T = 2026.0
    # progress = 140/286 = 0.489510 against 2/3 of the time → ratio 0.734266 → behind
    # pace now needed = (900 - 754)/(2026 - 2025) = 146 a year
    ps = assess_plan(ds.plans["changde"], ds.index, today=date(2026, 11, 22))
    a = {x.target.id: x for x in ps.assessments}["high_tech_enterprises"]
    assert a.baseline_value == 614 and a.actual_value == 754
    assert a.status == "behind"
    assert a.required_per_year == pytest.approx(146)
    assert a.ratio == pytest.approx(0.734266, abs=1e-6)


def test_changde_tech_smes_achieved(ds) -> None:  # type: ignore[no-untyped-def]
    # 1 667 at the end of 2024 against 1 200 → achieved (before its deadline)
    ps = assess_plan(ds.plans["changde"], ds.index, today=date(2026, 11, 22))
    a = {x.target.id: x for x in ps.assessments}["tech_smes"]
    assert a.actual_value == 1667 and a.status == "achieved" and a.score == 5.0


def test_changzhou_rd_intensity_vintages(ds) -> None:  # type: ignore[no-untyped-def]
    # 2022: 3.33 % published January 2023 (preliminary), revised to 3.38 %: the later vintage wins
    figs = [f for f in ds.figures_of("changzhou", "rd_intensity") if f.date.year == 2022]
    assert len(figs) == 1 and figs[0].value == 3.38 and figs[0].revised_from == (3.33,)


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.+?)\n```", readme)
    assert len(blocks) >= 2 and "ptarget status changzhou" in blocks[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1] in ci.splitlines()


def test_every_data_file_is_toml_1_0() -> None:
    """ptarget parses with tomli, which accepts TOML 1.1; the shipped files stay readable by
    Python 3.11's tomllib (TOML 1.0) and the editors and tools that know only 1.0."""
    import tomllib

    files = sorted(DATA.glob("*.toml"))
    assert len(files) == 6  # five plans and indicators.toml
    for path in files:
        tomllib.loads(path.read_text(encoding="utf-8-sig"))
