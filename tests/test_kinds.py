"""The kinds of issue 16 (change, hold), plan milestones, and optional English names (issue 15).

Every expected number is worked by hand in the comment beside it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli import invoke

from policy_targets.core.assess import assess
from policy_targets.core.model import FigureIndex, Target
from policy_targets.core.views import show_target
from policy_targets.files.plan import load_plan_text
from policy_targets.report.fmt import goal_text, kind_progress_text

from . import datadir
from .helpers import fig, plan, target

approx = pytest.approx


def run(*args: str) -> tuple[int, str]:
    result = invoke(list(args),
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


# ---------------------------------------------------------------- change: 累计降低 13.5 %


def energy_intensity(**kw: object) -> Target:
    # 单位GDP能耗累计降低13.5% over 2021-2025 (baseline 2020): down at least 13.5 %
    return target("change", -13.5, comparator="<=", deadline=2025, unit="%", **kw)


def test_change_from_yearly_rates_the_issues_worked_example() -> None:
    # 2021 −2.7 %, 2022 −0.1 %: product 0.973 × 0.999 = 0.972027, a change of −2.7973 %
    # goal 1 − 0.135 = 0.865; progress ln 0.972027 / ln 0.865 = −0.028372 / −0.145026 = 0.195632
    # elapsed 2 of 5 years = 0.4; ratio 0.195632 / 0.4 = 0.489080 < 0.6 → off_track (official: 滞后)
    a = assess(plan(2021, 2025, 2020), energy_intensity(),
               [fig("2021", -2.7, basis="rate"), fig("2022", -0.1, basis="rate")])
    assert a.product == approx(0.972027, abs=1e-9)
    assert a.actual_value == approx(-2.7973, abs=1e-9)
    assert a.progress == approx(0.195632, abs=1e-6)
    assert a.elapsed == approx(0.4)
    assert a.ratio == approx(0.489080, abs=1e-6)
    assert a.status == "off_track"
    assert a.lower_is_better
    # the geometric path at 2 of 5 years: 0.865^0.4 = exp(0.4 × −0.145026) = 0.943640, −5.636 %;
    # the gap is the shortfall from it: −2.797 − (−5.636) = 2.839 points
    assert a.expected == approx(-5.6360, abs=1e-4)
    assert a.gap == approx(2.8387, abs=1e-4)
    # still needed: (0.865 / 0.972027)^(1/3) − 1 = 0.889893^(1/3) − 1 = −3.81 % a year
    assert a.required_growth == approx(-0.038138, abs=1e-6)
    # the pace so far continued to 2025: 0.972027^(5/2) − 1 = −6.85 %
    assert a.projected == approx(-6.8472, abs=1e-4)
    # score (5/1.2)(0.489080 + 0.6) − 5 = −0.462167
    assert a.score == approx(-0.462167, abs=1e-5)
    assert kind_progress_text(a) == "−2.8 % of −13.5 %"
    assert goal_text(a.target, a.deadline) == "≤-13.5% cum. @2025"


def test_change_without_a_basis_reads_yearly_rates() -> None:
    a = assess(plan(2021, 2025, 2020), energy_intensity(), [fig("2021", -2.7), fig("2022", -0.1)])
    assert a.product == approx(0.972027, abs=1e-9)


def test_change_under_the_eurostat_method() -> None:
    # g_a = 0.972027^(1/2) − 1 = 0.985914 − 1 = −0.014086; g_r = 0.865^(1/5) − 1 = −0.028589
    # ratio = s·d·g_a/|g_r| = 1 · −1 · −0.014086 / 0.028589 = 0.492704 → off_track
    a = assess(plan(2021, 2025, 2020), energy_intensity(),
               [fig("2021", -2.7, basis="rate"), fig("2022", -0.1, basis="rate")], method="eurostat")
    assert a.ratio == approx(0.492704, abs=1e-6)
    assert a.status == "off_track"
    assert a.warnings == []


def test_change_from_levels_against_the_baselines_level() -> None:
    # PM2.5浓度较2015年下降20% (13th FYP, 2016-2020): baseline 46 μg/m³ in 2015; 39.1 in 2018
    # product 39.1/46 = 0.85 (−15 %); progress ln 0.85 / ln 0.8 = −0.162519 / −0.223144 = 0.728316
    # elapsed 3/5 = 0.6; ratio 0.728316 / 0.6 = 1.213860 → on_track
    t = target("change", -20, comparator="<=", deadline=2020, unit="%", baseline=(46, 2015))
    a = assess(plan(2016, 2020, 2015), t, [fig("2018", 39.1, basis="stock")])
    assert a.product == approx(0.85)
    assert a.actual_value == approx(-15.0)
    assert a.ratio == approx(1.213860, abs=1e-6)
    assert a.status == "on_track"
    # 36.5 in 2019: 36.5/46 = 0.793478, down 20.65 % ≤ −20 → achieved a year early
    a = assess(plan(2016, 2020, 2015), t, [fig("2018", 39.1, basis="stock"), fig("2019", 36.5, basis="stock")])
    assert a.actual_value == approx(-20.6522, abs=1e-4)
    assert a.status == "achieved" and a.score == 5.0


def test_change_as_an_index_with_the_baseline_among_the_figures() -> None:
    # an index, 2020 = 100, and 97.2027 in 2022: the same product 0.972027 as the rates above
    a = assess(plan(2021, 2025, 2020), energy_intensity(),
               [fig("2020", 100, basis="stock"), fig("2022", 97.2027, basis="stock")])
    assert a.product == approx(0.972027, abs=1e-9)
    assert a.baseline_from == "actuals"
    assert a.status == "off_track"


def test_change_from_the_cumulative_change_itself_and_rates_after_it() -> None:
    # 二氧化碳排放降低18%: −21.2 (down 21.2 % since 2020) reported for 2023 → product 0.788 ≤ 0.82
    t = target("change", -18, comparator="<=", deadline=2025, unit="%")
    a = assess(plan(2021, 2025, 2020), t, [fig("2023", -21.2, basis="cumulative")])
    assert a.product == approx(0.788)
    assert a.status == "achieved"
    # −5 cumulative to 2022, then a 2023 rate of −3: 0.95 × 0.97 = 0.9215 (−7.85 %);
    # a 2021 rate before the cumulative figure is inside it and not counted again
    a = assess(plan(2021, 2025, 2020), t, [fig("2021", -2.0, basis="rate"), fig("2022", -5, basis="cumulative"),
                                            fig("2023", -3, basis="rate")])
    assert a.product == approx(0.9215)
    # progress ln 0.9215 / ln 0.82 = −0.081753 / −0.198451 = 0.411953; elapsed 3/5; ratio 0.686589 → behind
    assert a.ratio == approx(0.686589, abs=1e-6)
    assert a.status == "behind"


def test_a_rise_at_the_deadline_that_falls_short_is_missed() -> None:
    # 单位建设用地生产总值提升20% (2021-2025): rates 4, 3, 3, 3, 3 → 1.04 × 1.03^4 = 1.04 × 1.125509 = 1.170529 (+17.05 %) < +20
    t = target("change", 20, comparator=">=", deadline=2025, unit="%")
    figs = [fig("2021", 4, basis="rate")] + [fig(str(y), 3, basis="rate") for y in range(2022, 2026)]
    a = assess(plan(2021, 2025, 2020), t, figs)
    assert a.product == approx(1.170529, abs=1e-6)
    assert a.status == "missed"
    assert kind_progress_text(a) == "+17.1 % of +20 %"


def test_change_with_the_plans_own_milestones() -> None:
    # the same figures, but the plan asks only −2.5 % by 2022 (a back-loaded 分年度目标):
    # planned share ln 0.975 / ln 0.865 = −0.025318 / −0.145026 = 0.174575;
    # ratio 0.195632 / 0.174575 = 1.120622 → on_track, where the geometric path said off_track
    a = assess(plan(2021, 2025, 2020), energy_intensity(milestones={2022: -2.5, 2024: -10.0}),
               [fig("2021", -2.7, basis="rate"), fig("2022", -0.1, basis="rate")])
    assert a.planned == approx(0.174575, abs=1e-6)
    assert a.ratio == approx(1.120622, abs=1e-6)
    assert a.status == "on_track"
    assert a.expected == approx(-2.5)


def test_show_gives_the_cumulative_path_of_a_change_target() -> None:
    # 0.865^(k/5) − 1 for k = 0…5: 0, −2.8589, −5.6360, −8.3337, −10.9543, −13.5 %
    t = energy_intensity()
    p = plan(2021, 2025, 2020)
    p.targets.append(t)
    shown = show_target(p, t, FigureIndex())
    assert [row["year"] for row in shown["path"]] == [2020, 2021, 2022, 2023, 2024, 2025]
    assert [row["value"] for row in shown["path"]] == approx([0, -2.8589, -5.6360, -8.3337, -10.9543, -13.5],
                                                             abs=1e-4)
    # a yearly rate of 0.865^(1/5) − 1 = −2.86 %
    assert shown["required_growth_from_baseline"] == approx(-0.028589, abs=1e-6)


# ---------------------------------------------------------------- hold: 控制在5.5%以内

def unemployment() -> Target:
    return target("hold", 5.5, comparator="<=", deadline=2025, unit="%")


def test_hold_within_the_bound_is_on_track_not_achieved() -> None:
    # 5.1 for 2021 and 5.5 for December 2022, each ≤ 5.5: held 2 of 2 years, on track
    # (the official verdict for December 2022: 基本符合预期), not achieved three years early
    a = assess(plan(2021, 2025, 2020), unemployment(), [fig("2021", 5.1), fig("2022-12", 5.5)])
    assert a.status == "on_track"
    assert a.years_met == [2021, 2022] and a.years_missed == []
    assert kind_progress_text(a) == "held 2 of 2 years"
    assert goal_text(a.target, a.deadline) == "≤5.5% every yr @2025"
    # the gap is the distance outside the bound: 5.5 − 5.5 = 0; inside it is negative
    assert a.expected == 5.5 and a.gap == 0.0 and a.remaining == 0.0


def test_hold_breached_now_is_behind_near_the_bound_and_off_track_beyond_it() -> None:
    # 5.7 in 2023: 0.2 over, 0.2/5.5 = 3.6 % of the bound, within the 5 % tolerance → behind
    a = assess(plan(2021, 2025, 2020), unemployment(), [fig("2021", 5.1), fig("2023", 5.7)])
    assert a.status == "behind"
    assert a.gap == approx(0.2)
    assert a.years_met == [2021] and a.years_missed == [2023]
    assert any("no figure for 2022" in w for w in a.warnings)
    # 6.1: 0.6/5.5 = 10.9 % over → off_track
    a = assess(plan(2021, 2025, 2020), unemployment(), [fig("2023", 6.1)])
    assert a.status == "off_track"


def test_hold_at_the_deadline_achieved_with_earlier_breaches_listed_or_missed() -> None:
    figs = [fig("2021", 5.1), fig("2022", 5.6), fig("2023", 5.2), fig("2024", 5.3)]
    a = assess(plan(2021, 2025, 2020), unemployment(), [*figs, fig("2025", 5.0)])
    assert a.status == "achieved"
    assert a.years_missed == [2022]
    assert "outside the bound in 2022" in a.warnings
    assert kind_progress_text(a) == "held 4 of 5 years"
    a = assess(plan(2021, 2025, 2020), unemployment(), [*figs, fig("2025", 5.8)])
    assert a.status == "missed"


def test_hold_a_floor_and_history_before_the_plan() -> None:
    # 粮食产量保持在 1.3 万亿斤以上 (≥ 13000 亿斤); a 2019 figure is history, not judged
    t = target("hold", 13000, comparator=">=", deadline=2025, unit="亿斤")
    a = assess(plan(2021, 2025, 2020), t, [fig("2019", 12000), fig("2021", 13657), fig("2022", 13731)])
    assert a.years_met == [2021, 2022] and a.years_missed == []
    assert a.status == "on_track"
    # gap below a floor: 13000 − 13731 = −731 (inside)
    assert a.gap == approx(-731)


# ---------------------------------------------------------------- milestones on a level target

def test_level_judged_against_the_plans_yearly_milestones() -> None:
    # 84.5 at the end of 2022 to 87 by 2025, the plan's own milestones 2023年85.6, 2024年86.5.
    # The 2023 figure 85.4: progress (85.4 − 84.5) / 2.5 = 0.36.
    # A straight path: elapsed 1/3, ratio 0.36 / (1/3) = 1.08 → on_track.
    t = target(value=87, deadline=2025, baseline=(84.5, 2022), unit="%")
    straight = assess(plan(2023, 2025, 2022), t, [fig("2023", 85.4)])
    assert straight.ratio == approx(1.08)
    assert straight.status == "on_track"
    # The milestones: planned (85.6 − 84.5) / 2.5 = 0.44; ratio 0.36 / 0.44 = 0.818182 → behind;
    # the path value is the milestone, 85.6, and the gap 85.6 − 85.4 = 0.2
    t = target(value=87, deadline=2025, baseline=(84.5, 2022), unit="%", milestones={2023: 85.6, 2024: 86.5})
    a = assess(plan(2023, 2025, 2022), t, [fig("2023", 85.4)])
    assert a.planned == approx(0.44)
    assert a.ratio == approx(0.818182, abs=1e-6)
    assert a.status == "behind"
    assert a.expected == approx(85.6) and a.gap == approx(0.2)
    # mid-2024 (2024H1, 182 of 366 days): the path halfway between the milestones,
    # 85.6 + 0.9 × 182/366 = 86.047541
    a = assess(plan(2023, 2025, 2022), t, [fig("2024H1", 86.0)])
    assert a.expected == approx(86.047541, abs=1e-6)


def test_increment_with_milestones_that_expect_nothing_yet() -> None:
    # 新增 100 by 2025, milestones 2021 = 0, 2022 = 0 (nothing planned before 2023): a 2021 flow
    # of 5 is on track (planned share 0), one of 0 too, and a negative total would regress
    t = target("increment", 100, deadline=2025, milestones={2021: 0, 2022: 0})
    a = assess(plan(2021, 2025, 2020), t, [fig("2021", 5)])
    assert a.planned == 0 and a.ratio is None
    assert a.status == "on_track"


# ---------------------------------------------------------------- check

CHANGE = '''
[[target]]
id = "energy"
name = "单位地区生产总值能耗累计降低"
kind = "change"
value = -13.5
comparator = "<="
unit = "%"
deadline = 2025
quote = "单位GDP能耗累计降低13.5%"
'''


def codes(text: str) -> list[tuple[str, str | None]]:
    _, findings = load_plan_text(datadir.PLAN + text, "demo.toml")
    return [(f.code, f.key) for f in findings]


def test_check_a_change_target_and_its_sign() -> None:
    assert codes(CHANGE) == []
    assert codes(CHANGE.replace("value = -13.5", "value = 13.5")) == [("change-sign", "comparator")]
    assert codes(CHANGE.replace('comparator = "<="', 'comparator = ">="')) == [("change-sign", "comparator")]
    assert codes(CHANGE.replace("value = -13.5", "value = -100")) == [("bad-value", "value")]
    # 提高 20 %: a positive change with >=
    assert codes(CHANGE.replace("value = -13.5", "value = 20").replace('"<="', '">="')) == []


def test_check_a_hold_target_needs_a_bound() -> None:
    hold = CHANGE.replace('kind = "change"', 'kind = "hold"').replace("value = -13.5", "value = 5.5")
    assert codes(hold) == []
    assert codes(hold.replace('comparator = "<="', 'comparator = "~"')) == [("hold-needs-bound", "comparator")]
    assert codes(hold.replace('comparator = "<="', 'comparator = "~"').replace("value = 5.5", "value = [5, 6]")) == []
    # 每年…达到20%左右: ~ with the band said by an explicit tolerance
    assert codes(hold.replace('comparator = "<="', 'comparator = "~"\ntolerance = 0.05')) == []


def test_the_numbers_a_change_quote_states_are_magnitudes() -> None:
    # 累计降低13.5% states 13.5, not −13.5
    assert target("change", -13.5, comparator="<=").stated_values == [13.5]
    assert target("level", 900).stated_values == [900]


def test_check_milestones() -> None:
    ok = CHANGE + "milestones = { 2022 = -5.0, 2024 = -10.5 }\n"
    assert codes(ok) == []
    _, findings = load_plan_text(datadir.PLAN + ok, "demo.toml")
    assert findings == []
    assert codes(CHANGE + "milestones = { 2020 = -1 }\n") == [("bad-milestones", "milestones")]
    assert codes(CHANGE + "milestones = { 2025 = -10 }\n") == [("bad-milestones", "milestones")]
    assert codes(CHANGE + "milestones = { 2025 = -13.5 }\n") == []
    assert codes(CHANGE + 'milestones = { 2023 = "x" }\n') == [("bad-milestones", "milestones")]
    assert codes(CHANGE + "milestones = [1, 2]\n") == [("bad-milestones", "milestones")]
    growth = CHANGE.replace('kind = "change"', 'kind = "growth"').replace("value = -13.5", "value = 5").replace('"<="', '">="')
    assert codes(growth + "milestones = { 2023 = 5 }\n") == [("bad-milestones", "milestones")]


def test_hold_in_a_band() -> None:
    # 每年…达到20%左右 with tolerance 0.05: the band 19–21 every year
    t = target("hold", 20, comparator="~", tolerance=0.05, deadline=2027, unit="%")
    p = plan(2022, 2027, 2021)
    # 20.5 is inside, 0.5 from the top edge 21: gap −0.5
    a = assess(p, t, [fig("2023", 20.5)])
    assert a.status == "on_track" and a.expected == approx(21) and a.gap == approx(-0.5)
    # 21.8 is 0.8 above the top edge 21, 0.8/21 = 3.8 % of it → behind
    a = assess(p, t, [fig("2023", 21.8)])
    assert a.status == "behind" and a.expected == approx(21) and a.gap == approx(0.8)
    # 17 is 2 below the bottom edge 19, 10.5 % of it → off_track
    a = assess(p, t, [fig("2023", 17)])
    assert a.status == "off_track" and a.expected == approx(19) and a.gap == approx(2)
    # a range [5, 6]: 6.2 is 0.2 above 6 → behind
    r = target("hold", 5, comparator="~", value_max=6, deadline=2027, unit="%")
    a = assess(p, r, [fig("2023", 6.2)])
    assert a.status == "behind" and a.gap == approx(0.2)


def test_change_dated_by_the_figure_its_product_stands_on() -> None:
    # −3 % cumulative to mid-2022 and a 2022 yearly rate: the rate's year is inside the
    # cumulative figure's, so it is not compounded again, and the change is dated mid-2022
    t = target("change", -13.5, comparator="<=", deadline=2025, unit="%")
    a = assess(plan(2021, 2025, 2020), t, [fig("2022H1", -3, basis="cumulative"), fig("2022", -4, basis="rate")])
    assert a.product == approx(0.97)
    assert a.actual_period == "2022H1"


def test_show_gives_a_holds_bound_each_year_and_a_levels_milestone_path() -> None:
    p = plan(2021, 2025, 2020)
    hold = unemployment()
    shown = show_target(p, hold, FigureIndex())
    assert [(row["year"], row["value"]) for row in shown["path"]] == [(y, 5.5) for y in range(2021, 2026)]
    # 84.5 (2022) → 87 (2025) through the milestones 2023 = 85.6, 2024 = 86.5
    p = plan(2023, 2025, 2022)
    level = target(value=87, deadline=2025, baseline=(84.5, 2022), unit="%", milestones={2023: 85.6, 2024: 86.5})
    shown = show_target(p, level, FigureIndex())
    assert [row["value"] for row in shown["path"]] == approx([84.5, 85.6, 86.5, 87])
    assert shown["milestones"] == {"2023": 85.6, "2024": 86.5}


def test_pace_calculates_a_cumulative_change(run_line) -> None:  # type: ignore[no-untyped-def]
    """累计降低13.5% from 2020 to 2025: 0.865 ** (1/5) = exp(ln 0.865 / 5) = exp(-0.029006)
    = 0.971411, a rate of -2.8589 % a year; the index after one year 97.1411, after two
    0.971411 ** 2 * 100 = 94.3640."""
    import json

    result = run_line(["ptarget", "pace", "--change", "-13.5", "--from", "2020", "--by", "2025", "--json"])
    view = json.loads(result.stdout)
    assert view["required_rate"] == pytest.approx(-2.8589, abs=1e-4)
    path = {r["year"]: r for r in view["path"]}
    assert path[2021]["value"] == pytest.approx(97.1411, abs=1e-4)
    assert path[2022]["cumulative_change"] == pytest.approx(-5.6360, abs=1e-4)
    assert path[2025]["cumulative_change"] == pytest.approx(-13.5)
    table = run_line(["ptarget", "pace", "--change", "-13.5", "--from", "2020", "--by", "2025"]).stdout
    assert "−2.9 %/yr" in table and "−13.5 %" in table
    both = run_line(["ptarget", "pace", "--change", "-13.5", "--baseline", "1", "--from", "2020", "--by", "2025"])
    assert both.exit_code == 2 and "--change replaces --baseline and --target" in both.output
