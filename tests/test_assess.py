"""The arithmetic of SPEC 4 on worked examples; every expected number is worked beside it."""

from __future__ import annotations

from datetime import date

import pytest

from policy_targets.core.assess import assess, status_of
from policy_targets.core.model import Thresholds

from .helpers import fig, plan, target

approx = pytest.approx


# ---------------------------------------------------------------- Statistics Canada examples

def test_canada_lower_is_better_moderate_progress() -> None:
    # 2015: 14.5 → 2023: 10.4; target 7.25 by 2030, lower is better.
    # t0 = 2016.0, ta = 2024.0, T = 2031.0
    # g_a = (10.4/14.5)^(1/8) - 1 = 0.717241^(0.125) - 1 = -0.040692
    # g_r = (7.25/14.5)^(1/15) - 1 = 0.5^(1/15) - 1 = -0.045158
    # r = s·d·g_a/|g_r| = 1 · -1 · -0.040692 / 0.045158 = 0.901090 → behind (0.6 ≤ r < 0.95)
    p = plan(2016, 2030, 2015)
    t = target(value=7.25, comparator="<=", deadline=2030, baseline=(14.5, 2015))
    a = assess(p, t, [fig("2023", 10.4)], method="eurostat")
    assert a.ratio == approx(0.901090, abs=1e-6)
    assert a.status == "behind"
    assert a.lower_is_better
    # score = (5/0.7)(0.901090 - 0.6) = 2.150643
    assert a.score == approx(2.150643, abs=1e-5)


def test_canada_same_case_under_the_pace_method_is_on_track() -> None:
    # progress = (10.4-14.5)/(7.25-14.5) = -4.1/-7.25 = 0.565517; e = 8/15 = 0.533333
    # ratio = 0.565517/0.533333 = 1.060345 → on_track
    p = plan(2016, 2030, 2015)
    t = target(value=7.25, comparator="<=", deadline=2030, baseline=(14.5, 2015))
    a = assess(p, t, [fig("2023", 10.4)])
    assert a.progress == approx(0.565517, abs=1e-6)
    assert a.elapsed == approx(8 / 15)
    assert a.ratio == approx(1.060345, abs=1e-6)
    assert a.status == "on_track"
    # path at ta: 14.5 + (7.25-14.5)·8/15 = 14.5 - 3.866667 = 10.633333; gap = a - p = -0.233333
    assert a.expected == approx(10.633333, abs=1e-6)
    assert a.gap == approx(-0.233333, abs=1e-6)


def test_canada_off_track() -> None:
    # 2014: 699 → 2024: 666.6; target 490 by 2030, lower is better.
    # g_a = (666.6/699)^(1/10) - 1 = -0.0047349; g_r = (490/699)^(1/16) - 1 = -0.0219580
    # r = 0.0047349/0.0219580 = 0.215629 → off_track
    p = plan(2015, 2030, 2014)
    t = target(value=490, comparator="<=", deadline=2030, baseline=(699, 2014))
    a = assess(p, t, [fig("2024", 666.6)], method="eurostat")
    assert a.ratio == approx(0.215629, abs=1e-6)
    assert a.status == "off_track"


def test_canada_regressing() -> None:
    # 2016: 19.3 → 2021: 13.9; target 22 by 2030, higher is better.
    # g_a = (13.9/19.3)^(1/5) - 1 = -0.063535; g_r = (22/19.3)^(1/14) - 1 = 0.0093966
    # r = -0.063535/0.0093966 = -6.761542 → regressing; score -5 (r ≤ -0.6)
    p = plan(2017, 2030, 2016)
    t = target(value=22, deadline=2030, baseline=(19.3, 2016))
    a = assess(p, t, [fig("2021", 13.9)], method="eurostat")
    assert a.ratio == approx(-6.761542, abs=1e-5)
    assert a.status == "regressing"
    assert a.score == -5.0


def test_canada_maintain_target_regressing() -> None:
    # 2015: 68.5535 already meets 55 (higher is better) → a target to maintain.
    # 2023: 46.7337 < 55 → regressing. Pace method: no ratio, score -5, no progress.
    p = plan(2016, 2026, 2015)
    t = target(value=55, deadline=2026, baseline=(68.5535, 2015))
    a = assess(p, t, [fig("2023", 46.7337)])
    assert a.status == "regressing"
    assert a.ratio is None and a.progress is None
    assert a.score == -5.0
    # Eurostat: g_a = (46.7337/68.5535)^(1/8) - 1 = -0.046765; g_r = (55/68.5535)^(1/11) - 1 = -0.019826
    # r = -0.046765/0.019826 = -2.358715: negative, as it always is in this case
    e = assess(p, t, [fig("2023", 46.7337)], method="eurostat")
    assert e.status == "regressing"
    assert e.ratio == approx(-2.358715, abs=1e-5)


def test_maintained_target_still_met_is_achieved() -> None:
    p = plan(2016, 2026, 2015)
    t = target(value=55, deadline=2026, baseline=(68.5535, 2015))
    a = assess(p, t, [fig("2023", 60)])
    assert a.status == "achieved"
    assert a.score == 5.0


# ---------------------------------------------------------------- 序时进度

def test_xushi_jindu_view() -> None:
    # 500 (2020) → 700 (2023), target 900 by 2025: t0 = 2021.0, ta = 2024.0, T = 2026.0
    # progress = 200/400 = 0.5; elapsed = 3/5 = 0.6; ratio = 0.833333 → behind
    p = plan(2021, 2025, 2020)
    t = target(value=900, deadline=2025, baseline=(500, 2020))
    a = assess(p, t, [fig("2023", 700)])
    assert a.progress == approx(0.5)
    assert a.elapsed == approx(0.6)
    assert a.ratio == approx(0.833333, abs=1e-6)
    assert a.status == "behind"
    # path: 500 + 400·0.6 = 740; gap = 740 - 700 = 40; remaining = 900 - 700 = 200
    assert a.expected == approx(740)
    assert a.gap == approx(40)
    assert a.remaining == approx(200)
    # pace now needed: (900-700)/(2026-2024) = 100 a year; growth (900/700)^(1/2) - 1 = 0.133893
    assert a.required_per_year == approx(100)
    assert a.required_growth == approx(0.133893, abs=1e-6)
    # projection: 700 + (700-500)/3 · 2 = 833.333
    assert a.projected == approx(833.333333, abs=1e-5)
    # score: (5/0.7)(0.833333 - 0.6) = 1.666667
    assert a.score == approx(1.666667, abs=1e-6)
    assert a.baseline_from == "plan"


def test_xushi_jindu_eurostat_ratio() -> None:
    # g_a = 1.4^(1/3) - 1 = 0.118689; g_r = 1.8^(1/5) - 1 = 0.124746; r = 0.951444 → on_track
    p = plan(2021, 2025, 2020)
    t = target(value=900, deadline=2025, baseline=(500, 2020))
    a = assess(p, t, [fig("2023", 700)], method="eurostat")
    assert a.ratio == approx(0.951444, abs=1e-6)
    assert a.status == "on_track"


def test_plan_thresholds_override() -> None:
    # the same ratio 0.8333 is on track when the plan sets on_track = 0.8
    p = plan(2021, 2025, 2020, thresholds=Thresholds(on_track=0.8, behind=0.5))
    t = target(value=900, deadline=2025, baseline=(500, 2020))
    assert assess(p, t, [fig("2023", 700)]).status == "on_track"


def test_geometric_level_path() -> None:
    # baseline 100 (2020), target 400 by 2022 geometric: t0 = 2021.0, T = 2023.0
    # at 2021 (ta = 2022.0): e = 0.5; path = 100·4^0.5 = 200; a = 150
    # progress = ln(1.5)/ln(4) = 0.405465/1.386294 = 0.292481; ratio = 0.584963 → off_track
    p = plan(2021, 2022, 2020)
    t = target(value=400, deadline=2022, baseline=(100, 2020), pace="geometric")
    a = assess(p, t, [fig("2021", 150)])
    assert a.expected == approx(200)
    assert a.progress == approx(0.292481, abs=1e-6)
    assert a.ratio == approx(0.584963, abs=1e-6)
    assert a.status == "off_track"
    # projection: 150·1.5^(1/1) = 225
    assert a.projected == approx(225)


# ---------------------------------------------------------------- the status table

def test_no_data() -> None:
    a = assess(plan(), target(), [])
    assert a.status == "no_data" and a.score is None and a.actual_value is None


def test_insufficient_data_with_one_figure_still_shows_pace_needed() -> None:
    # one figure 60 at 2023 (ta = 2024.0), no plan baseline; target 100 by 2025 (T = 2026.0)
    # pace needed = (100 - 60)/2 = 20 a year
    a = assess(plan(), target(deadline=2025), [fig("2023", 60)])
    assert a.status == "insufficient_data"
    assert a.required_per_year == approx(20)
    assert a.baseline_from == "actuals" and a.score is None


def test_baseline_from_earliest_figure() -> None:
    # 614 (2022) → 754 (2024), 900 by 2025: t0 = 2023.0, ta = 2025.0, T = 2026.0
    # progress = 140/286 = 0.489510; elapsed = 2/3; ratio = 0.734266 → behind; needs 146 a year
    p = plan(2022, 2025)
    a = assess(p, target(value=900, deadline=2025), [fig("2022", 614), fig("2024", 754)])
    assert a.baseline_value == 614 and a.baseline_from == "actuals"
    assert a.ratio == approx(0.734266, abs=1e-6)
    assert a.status == "behind"
    assert a.required_per_year == approx(146)


def test_history_before_the_plan_is_not_the_baseline() -> None:
    # plan 2023-2027 (baseline year 2022); figures 2017: 3.0, 2020: 3.31, 2023: 3.56.
    # The baseline is the latest figure on or before the end of 2022 (3.31 at 2020), not 2017.
    p = plan(2023, 2027)
    figs = [fig("2017", 3.0), fig("2020", 3.31), fig("2023", 3.56)]
    a = assess(p, target(value=3.65, unit="%", deadline=2027), figs)
    assert a.baseline_value == 3.31 and a.baseline_date == date(2020, 12, 31)
    # progress = 0.25/0.34 = 0.735294; elapsed = (2024-2021)/(2028-2021) = 3/7; ratio = 1.715686
    assert a.ratio == approx(1.715686, abs=1e-6)


def test_achieved_before_deadline_and_missed_at_deadline() -> None:
    p = plan(2021, 2025, 2020)
    t = target(value=900, deadline=2025, baseline=(500, 2020))
    early = assess(p, t, [fig("2024", 910)])
    assert early.status == "achieved" and early.before_deadline and early.score == 5.0
    late = assess(p, t, [fig("2025", 899)])
    assert late.status == "missed"


def test_about_comparator_tolerance() -> None:
    # ~50 with the default 5 %: 48 is within 2.5 of 50 → achieved; 47 is not
    p = plan(2021, 2025, 2020)
    t = target(value=50, comparator="~", deadline=2025, baseline=(30, 2020))
    assert assess(p, t, [fig("2023", 48)]).status == "achieved"
    assert assess(p, t, [fig("2023", 47)]).status != "achieved"


def test_about_below_baseline_is_a_reduction() -> None:
    # ~80 from a baseline of 100 → lower is better; 90 at 2023: gap = a - p(ta)
    # path: 100 - 20·0.6 = 88; gap = 90 - 88 = 2 (a shortfall)
    p = plan(2021, 2025, 2020)
    t = target(value=80, comparator="~", deadline=2025, baseline=(100, 2020))
    a = assess(p, t, [fig("2023", 90)])
    assert a.lower_is_better
    assert a.gap == approx(2)


def test_range_uses_its_minimum() -> None:
    # [5, 10] from 0: 3 at 2023 → progress 3/5 = 0.6 against 0.6 → ratio 1.0
    p = plan(2021, 2025, 2020)
    t = target(value=5, value_max=10, deadline=2025, baseline=(0, 2020))
    a = assess(p, t, [fig("2023", 3)])
    assert a.ratio == approx(1.0)
    assert a.target.target_json == [5, 10]


def test_as_of_ignores_later_figures() -> None:
    p = plan(2021, 2025, 2020)
    t = target(value=900, deadline=2025, baseline=(500, 2020))
    a = assess(p, t, [fig("2023", 700), fig("2024", 950)], as_of=date(2023, 12, 31))
    assert a.actual_value == 700 and a.status == "behind"


def test_deadline_passed_warning_without_changing_status() -> None:
    p = plan(2021, 2025, 2020)
    t = target(value=900, deadline=2025, baseline=(500, 2020))
    a = assess(p, t, [fig("2023", 700)], today=date(2026, 11, 22))
    assert a.status == "behind"
    assert any("deadline 2025-12-31 has passed" in w for w in a.warnings)


def test_revised_figure_is_reported() -> None:
    p = plan(2021, 2025, 2020)
    t = target(value=900, deadline=2025, baseline=(500, 2020))
    a = assess(p, t, [fig("2023", 700, revised_from=[690])])
    assert a.revised and any("revised" in w for w in a.warnings)


# ---------------------------------------------------------------- flows

def test_increment_sums_flows_and_later_months_supersede() -> None:
    # 新增 100 from the end of 2022 to 2025. 2023: 30; 2024H1: 20 → sum 50 at 30 June 2024.
    # t0 = 2023.0, ta = 2024 + 182/366 = 2024.497268, T = 2026.0, e = 1.497268/3 = 0.499089
    # progress 0.5; ratio = 0.5/0.499089 = 1.001825 → on_track; path 100·e = 49.908925
    p = plan(2023, 2025)
    t = target("increment", 100, deadline=2025)
    a = assess(p, t, [fig("2023", 30), fig("2024H1", 20)])
    assert a.actual_value == 50
    assert a.elapsed == approx(0.499089, abs=1e-6)
    assert a.ratio == approx(1.001825, abs=1e-6)
    assert a.expected == approx(49.908925, abs=1e-6)
    assert a.status == "on_track"
    # the whole year 2024 (45) supersedes its half year: 30 + 45 = 75 at 2025.0, e = 2/3
    b = assess(p, t, [fig("2023", 30), fig("2024H1", 20), fig("2024", 45)])
    assert b.actual_value == 75 and b.ratio == approx(1.125)


def test_increment_cumulative_basis_and_missing_year_warning() -> None:
    p = plan(2023, 2025)
    t = target("increment", 100, deadline=2025)
    # a running total of 70 at 2024 plus a flow of 20 in 2025 → 90
    a = assess(p, t, [fig("2024", 70, basis="cumulative"), fig("2025H1", 20)])
    assert a.actual_value == 90
    # flows for 2023 and 2025 only: 2024 is missing → a warning, not a silent zero
    b = assess(p, t, [fig("2023", 30), fig("2025H1", 20)])
    assert any("2024" in w for w in b.warnings)
    assert b.actual_value == 50


def test_annual_target_year_by_year() -> None:
    # 每年新增 20: 2023: 25 (met), 2024: 15 (missed), 2025-06: 8
    # share of 2025 to 30 June = 181/365 = 0.495890; expected = 20·0.495890 = 9.917808
    # ratio = (8/20)/0.495890 = 0.806630 → behind
    p = plan(2023, 2025)
    t = target("annual", 20, deadline=2025)
    a = assess(p, t, [fig("2023", 25), fig("2024", 15), fig("2025-06", 8)])
    assert a.years_met == [2023] and a.years_missed == [2024]
    assert a.expected == approx(9.917808, abs=1e-6)
    assert a.ratio == approx(0.806630, abs=1e-6)
    assert a.status == "behind"
    # a whole year that reaches V is achieved; one below it is missed
    assert assess(p, t, [fig("2023", 20)]).status == "achieved"
    assert assess(p, t, [fig("2023", 19)]).status == "missed"


def test_growth_target_on_the_compound_product() -> None:
    # 年均增长 15 % from 2021 to 2025 (N = 4): rates 2022: 10 %, 2023: 20 %
    # product = 1.1·1.2 = 1.32 at ta = 2024.0 (t0 = 2022.0); average = 1.32^(1/2) - 1 = 14.8913 %
    # gap = 15 - 14.8913 = 0.1087 pp; goal = 1.15^4 = 1.749006
    # progress = ln 1.32 / ln 1.749006 = 0.496615; elapsed 0.5; ratio 0.993231 → on_track
    # needed: (1.749006/1.32)^(1/2) - 1 = 0.151089
    p = plan(2022, 2025)
    t = target("growth", 15, unit="%", deadline=2025)
    a = assess(p, t, [fig("2022", 10), fig("2023", 20)])
    assert a.actual_value == approx(14.891253, abs=1e-5)
    assert a.expected == 15
    assert a.gap == approx(0.108747, abs=1e-5)
    assert a.progress == approx(0.496615, abs=1e-5)
    assert a.ratio == approx(0.993231, abs=1e-5)
    assert a.status == "on_track"
    assert a.required_growth == approx(0.151089, abs=1e-5)
    assert a.required_per_year is None


def test_relative_target_against_reference_series() -> None:
    # 增速快于 the reference: 2023: 6 vs 5 → achieved; 2024: 4 vs 5.5 → missed (a whole year);
    # 2025-06: 3 vs 4 → behind (part of a year)
    p = plan(2023, 2025)
    t = target("relative", 0, unit="%", comparator=">", deadline=2025, reference="ref")
    ref = [fig("2023", 5, item="ref"), fig("2024", 5.5, item="ref"), fig("2025-06", 4, item="ref")]
    assert assess(p, t, [fig("2023", 6)], reference=ref).status == "achieved"
    missed = assess(p, t, [fig("2023", 6), fig("2024", 4)], reference=ref)
    assert missed.status == "missed" and missed.gap == approx(1.5)
    assert assess(p, t, [fig("2025-06", 3)], reference=ref).status == "behind"
    lonely = assess(p, t, [fig("2023", 6)], reference=[])
    assert lonely.status == "insufficient_data"


def test_milestone_pending_achieved_missed() -> None:
    p = plan(2023, 2025)
    t = target("milestone", 1, unit="个", deadline=2025)
    assert assess(p, t, [fig("2024", 0)]).status == "pending"
    assert assess(p, t, [fig("2024", 0), fig("2025", 1)]).status == "achieved"
    assert assess(p, t, [fig("2025", 0)]).status == "missed"


def test_eurostat_does_not_apply_to_flows() -> None:
    p = plan(2023, 2025)
    t = target("increment", 100, deadline=2025)
    a = assess(p, t, [fig("2023", 30)], method="eurostat")
    assert any("does not apply" in w for w in a.warnings)
    # pace ratio: 30/100 against e = 1/3 → 0.9
    assert a.ratio == approx(0.9)


def test_gap_year_without_a_figure_in_that_year_is_no_data() -> None:
    p = plan(2021, 2025, 2020)
    t = target(value=900, deadline=2025, baseline=(500, 2020))
    assert assess(p, t, [fig("2023", 700)], year=2024).status == "no_data"
    assert assess(p, t, [fig("2023", 700)], year=2023).status == "behind"


def test_reprs_are_short_and_name_the_thing() -> None:
    """Plan, Target and Assessment print one line each (the generated reprs ran to every
    target, quote and note): 500 → 700 of 900 by 2025 from 2020 is behind, path 740."""
    p = plan(2021, 2025, 2020)
    t = target("level", 900.0, deadline=2025, baseline=(500.0, 2020))
    p.targets.append(t)
    a = assess(p, t, [fig("2023", 700.0)], today=date(2024, 3, 1))
    assert repr(p) == "Plan('p', 2021–2025, 1 targets)"
    assert repr(t) == "Target('t', level, >=900.0 家)"
    assert repr(a) == "Assessment(p.t: behind, actual 700.0 at 2023-12-31, path 740.0)"


def test_the_one_status_ladder_first_rung_wins() -> None:
    # met beats everything; a figure for the deadline not met is missed before any ratio
    assert status_of(None, met=True, ended=True, ratio=-1.0) == "achieved"
    assert status_of(None, met=False, ended=True, ratio=2.0) == "missed"
    assert status_of(None, met=False, ended=False, ratio=2.0, maintain=True) == "regressing"
    assert status_of(None, met=False, ended=False, ratio=None, pending=True) == "pending"
    # the default thresholds 0.95 and 0.6
    assert [status_of(None, met=False, ended=False, ratio=x) for x in (0.95, 0.6, 0.0, -0.01)] == [
        "on_track", "behind", "off_track", "regressing"]
    assert status_of(None, met=False, ended=False, ratio=None) == "insufficient_data"
    assert status_of(None, met=False, ended=False, ratio=None, otherwise="behind") == "behind"
    # a plan's own thresholds
    strict = plan(thresholds=Thresholds(on_track=1.0, behind=0.8))
    assert status_of(strict, met=False, ended=False, ratio=0.97) == "behind"
