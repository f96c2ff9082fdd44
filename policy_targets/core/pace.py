"""The arithmetic of SPEC 4, pure: paths, paces, progress, ratios and scores.

Times are decimal years (periods.decimal_year). Every function returns None where a
quantity is not defined (no time left, a non-positive value under a logarithm) rather than
raising, so an assessment can report what it can.
"""

from __future__ import annotations

import math


def elapsed(t: float, t0: float, T: float) -> float | None:
    """e(t) = (t - t0) / (T - t0): the share of the plan's time gone at t."""
    if T == t0:
        return None
    return (t - t0) / (T - t0)


def linear_path(b: float, V: float, e: float) -> float:
    return b + (V - b) * e


def geometric_path(b: float, V: float, e: float) -> float | None:
    if b <= 0 or V <= 0:
        return None
    return b * (V / b) ** e


def path_value(b: float, V: float, e: float, geometric: bool) -> float | None:
    """p(t) on the chosen scale, given the elapsed share e = e(t)."""
    return geometric_path(b, V, e) if geometric else linear_path(b, V, e)


def pace_per_year(start: float, V: float, t_start: float, T: float) -> float | None:
    """(V - x) / (T - t): the amount per year needed from `start` at t_start to reach V at T."""
    if T <= t_start:
        return None
    return (V - start) / (T - t_start)


def growth_per_year(start: float, V: float, t_start: float, T: float) -> float | None:
    """(V / x) ** (1 / (T - t)) - 1 as a fraction; only where both are positive."""
    if T <= t_start or start <= 0 or V <= 0:
        return None
    return (V / start) ** (1 / (T - t_start)) - 1


def projection(b: float, a: float, t0: float, ta: float, T: float, geometric: bool) -> float | None:
    """The value at T if the average pace observed since the baseline goes on."""
    if ta <= t0:
        return None
    if geometric:
        if a <= 0 or b <= 0:
            return None
        return a * (a / b) ** ((T - ta) / (ta - t0))
    return a + (a - b) / (ta - t0) * (T - ta)


def progress(b: float, a: float, V: float, geometric: bool) -> float | None:
    """Share of the distance from baseline to target covered (SPEC 4.3)."""
    if V == b:
        return None
    if geometric:
        if a <= 0 or b <= 0 or V <= 0:
            return None
        return math.log(a / b) / math.log(V / b)
    return (a - b) / (V - b)


def eurostat_ratio(b: float, a: float, V: float, t0: float, ta: float, T: float,
                   lower_is_better: bool) -> float | None:
    """s·d·g_a / |g_r|: Eurostat's and Statistics Canada's growth ratio (SPEC 4.4)."""
    if ta <= t0 or T <= t0 or b == 0 or V == 0:
        return None
    if a / b <= 0 or V / b <= 0:
        return None
    g_a = (a / b) ** (1 / (ta - t0)) - 1
    g_r = (V / b) ** (1 / (T - t0)) - 1
    if g_r == 0:
        return None
    s = -1.0 if b < 0 else 1.0
    d = -1.0 if lower_is_better else 1.0
    return s * d * g_a / abs(g_r)


def milestone_value(points: list[tuple[float, float]], t: float, geometric: bool) -> float | None:
    """The value at t of the path through `points` (time, value), sorted by time, straight
    between neighbours (on the log scale when geometric). Before the first point or after the
    last, the nearest segment is extended. None where a log is not defined."""
    if len(points) < 2:
        return None
    i = 1
    while i < len(points) - 1 and points[i][0] < t:
        i += 1
    (t1, v1), (t2, v2) = points[i - 1], points[i]
    if t2 == t1:
        return v2
    share = (t - t1) / (t2 - t1)
    if geometric:
        if v1 <= 0 or v2 <= 0:
            return None
        return v1 * (v2 / v1) ** share
    return v1 + (v2 - v1) * share


def score(ratio: float) -> float:
    """The Eurostat / Statistics Canada score, -5 to +5, of a ratio (SPEC 4.4)."""
    if ratio >= 1.3:
        return 5.0
    if ratio >= 0.6:
        return (5 / 0.7) * (ratio - 0.6)
    if ratio > -0.6:
        return (5 / 1.2) * (ratio + 0.6) - 5
    return -5.0


def meets(a: float, comparator: str, V: float, v_max: float | None = None,
          tolerance: float = 0.05) -> bool:
    """Whether a figure meets the target under its comparator; a range is met inside it."""
    if comparator == "~":
        if v_max is not None:
            return V <= a <= v_max
        return abs(a - V) <= tolerance * abs(V)
    if comparator == ">=":
        return a >= V
    if comparator == ">":
        return a > V
    upper = v_max if v_max is not None else V
    if comparator == "<=":
        return a <= upper
    return a < upper
