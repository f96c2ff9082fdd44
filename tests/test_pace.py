"""Properties of the arithmetic (hypothesis) and the score scale."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policy_targets.core import pace
from policy_targets.core.assess import assess

from .helpers import fig, plan, target

values = st.floats(min_value=0.5, max_value=1e6, allow_nan=False, allow_infinity=False)
years = st.integers(min_value=1, max_value=30)


@given(values, values)
def test_paths_pass_through_baseline_and_target(b: float, V: float) -> None:
    for geometric in (False, True):
        assert pace.path_value(b, V, 0.0, geometric) == pytest.approx(b)
        assert pace.path_value(b, V, 1.0, geometric) == pytest.approx(V)


@given(values, values, st.floats(min_value=0.0, max_value=1.0))
def test_linear_and_geometric_agree_at_both_ends_and_geometric_lies_below(b: float, V: float, e: float) -> None:
    lin = pace.linear_path(b, V, e)
    geo = pace.geometric_path(b, V, e)
    assert geo is not None
    # the geometric path is convex between the same two ends, so it never lies above the line
    assert geo <= lin * (1 + 1e-9) + 1e-9


@given(values, values, st.floats(min_value=2000, max_value=2030), years)
def test_pace_now_needed_kept_up_lands_on_the_target(a: float, V: float, ta: float, n: int) -> None:
    T = ta + n
    per_year = pace.pace_per_year(a, V, ta, T)
    growth = pace.growth_per_year(a, V, ta, T)
    assert per_year is not None and growth is not None
    assert a + per_year * (T - ta) == pytest.approx(V, rel=1e-9)
    assert a * (1 + growth) ** (T - ta) == pytest.approx(V, rel=1e-6)


def test_no_pace_when_no_time_is_left() -> None:
    assert pace.pace_per_year(1, 2, 2026.0, 2026.0) is None
    assert pace.growth_per_year(-1, 2, 2020.0, 2026.0) is None


@pytest.mark.parametrize(("ratio", "score"), [
    (1.3, 5.0),            # r ≥ 1.3 → 5
    (0.95, 2.5),           # (5/0.7)(0.95-0.6) = 5·0.35/0.7 = 2.5
    (0.6, 0.0),            # (5/0.7)(0) = 0
    (0.0, -2.5),           # (5/1.2)(0+0.6) - 5 = 2.5 - 5 = -2.5
    (-0.6, -5.0),          # r ≤ -0.6 → -5
    (-3.0, -5.0),
])
def test_score_scale(ratio: float, score: float) -> None:
    assert pace.score(ratio) == pytest.approx(score)


ORDER = {"regressing": 0, "off_track": 1, "behind": 2, "on_track": 3, "achieved": 4}


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=-1000, max_value=2000), st.floats(min_value=-1000, max_value=2000),
       st.sampled_from(["2022", "2023", "2024H1", "2024"]), st.booleans())
def test_status_never_improves_when_the_latest_figure_gets_worse(x: float, y: float, period: str,
                                                                  lower: bool) -> None:
    p = plan(2021, 2025, 2020)
    if lower:
        t = target(value=400, comparator="<=", deadline=2025, baseline=(900, 2020))
        worse, better = max(x, y), min(x, y)
    else:
        t = target(value=900, deadline=2025, baseline=(500, 2020))
        worse, better = min(x, y), max(x, y)
    s_worse = assess(p, t, [fig(period, worse)]).status
    s_better = assess(p, t, [fig(period, better)]).status
    assert ORDER[s_worse] <= ORDER[s_better]


@given(st.floats(min_value=1, max_value=1e4), st.floats(min_value=1, max_value=1e4))
def test_eurostat_ratio_is_one_exactly_on_the_geometric_path(b: float, V: float) -> None:
    # a figure on the geometric path at mid-term grows at exactly the required rate
    if math.isclose(b, V, rel_tol=1e-6):
        return
    a = pace.geometric_path(b, V, 0.5)
    assert a is not None
    r = pace.eurostat_ratio(b, a, V, 2020.0, 2023.0, 2026.0, lower_is_better=V < b)
    assert r == pytest.approx(1.0, rel=1e-6)
