"""Periods as statistics label them, and dates as decimal years (SPEC 3 and 4.1).

A period is dated by its last day. For flows it covers 1 January of its year up to that
day (1–N月累计), which is why `2024Q2`, `2024H1` and `2024-06` are all the same period.
"""

from __future__ import annotations

import functools
import re
from functools import lru_cache
from datetime import date, datetime
from typing import NamedTuple

from policy_targets.core.numbers import normalize


class Period(NamedTuple):
    """A reporting period: its last day, and the label the data author wrote."""

    end: date
    label: str = ""

    @property
    def year(self) -> int:
        return self.end.year

    @property
    def whole_year(self) -> bool:
        return self.end.month == 12 and self.end.day == 31

    @property
    def year_share(self) -> float:
        """The share of its year a year-to-date flow of this period covers (Jun 30 → 182/366)."""
        return day_of_year(self.end) / days_in_year(self.end.year)

    @property
    def iso(self) -> str:
        return self.end.isoformat()


class PeriodError(ValueError):
    pass


def days_in_year(year: int) -> int:
    return 366 if _is_leap(year) else 365


def _is_leap(year: int) -> bool:
    """calendar.isleap, without importing calendar (and locale) at start-up."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def day_of_year(d: date) -> int:
    return d.timetuple().tm_yday


@lru_cache(maxsize=8192)
def decimal_year(d: date) -> float:
    """t(d) = year + day of year / days in year; 31 Dec 2024 is 2025.0 (SPEC 4.1)."""
    return d.year + day_of_year(d) / days_in_year(d.year)


def year_end(year: int) -> date:
    return date(year, 12, 31)


def month_end(year: int, month: int) -> date:
    if not 1 <= month <= 12:
        raise ValueError(f"bad month number {month}; must be 1-12")
    return date(year, month, 29 if month == 2 and _is_leap(year) else _MONTH_DAYS[month - 1])


_QUARTER_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# Patterns as strings: re compiles (and caches) each the first time a label reaches it, so
# a command that meets only plain years compiles one.
_FORMS: list[tuple[str, str]] = [
    (r"^(\d{4})\s*(?:年)?(?:全年|年度|年底|年末)?$", "year"),
    (r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$", "date"),
    (r"^(\d{4})年(\d{1,2})月(\d{1,2})日$", "date"),
    (r"^(\d{4})[-/.](\d{1,2})$", "month"),
    (r"^(\d{4})年(?:1\s*[-—~至]\s*)?(\d{1,2})月(?:底|末|份)?$", "month"),
    (r"^(\d{4})\s*-?\s*[Qq]([1-4])$", "quarter"),
    (r"^(\d{4})年(?:第|前)?([一二三四1-4])季度(?:末)?$", "quarter"),
    (r"^(\d{4})\s*-?\s*[Hh]([12])$", "half"),
    (r"^(\d{4})年([上下])半年(?:末)?$", "half"),
]


@functools.lru_cache(maxsize=4096)
def parse_period(text: str) -> Period:
    """Read any period form of SPEC 3: 2024, 2024-06, 2024-06-30, 2024Q2, 2024H1, 2024年,
    2024年6月, 2024年上半年, and the usual neighbours (2024年第二季度, 2024年1-6月, 2024/6/30).

    Cached: a CSV repeats a few labels over thousands of rows, and a Period is frozen."""
    s = normalize(text).replace(" ", "")
    for pattern, form in _FORMS:
        m = re.match(pattern, s)
        if not m:
            continue
        year = int(m.group(1))
        if not 1900 <= year <= 2200:
            raise PeriodError(f"period {text!r}: year {year} is out of range")
        try:
            if form == "year":
                end = year_end(year)
            elif form == "date":
                end = date(year, int(m.group(2)), int(m.group(3)))
            elif form == "month":
                end = month_end(year, int(m.group(2)))
            elif form == "quarter":
                end = month_end(year, 3 * _QUARTER_CN[m.group(2)])
            else:
                half = m.group(2)
                end = month_end(year, 6) if half in ("1", "上") else year_end(year)
        except ValueError as exc:
            raise PeriodError(f"period {text!r}: {exc}") from None
        return Period(end, text.strip())
    raise PeriodError(
        f"period {text!r} is not understood "
        "(use 2024, 2024-06, 2024-06-30, 2024Q2, 2024H1, 2024年, 2024年6月 or 2024年上半年)"
    )


def parse_date(text: str) -> date:
    """A date or a period given on the command line or in `published`: its last day.

    Free-form dates ("Jan 5, 2023") fall back to dateutil, imported only then.
    """
    try:
        return parse_period(text).end
    except PeriodError:
        pass
    from dateutil import parser as dateparser  # only for free-form dates

    s = normalize(text)
    try:
        # parsed against two different defaults: a part the text leaves out (the day of
        # "Jun 2024") would come from the default, i.e. from nowhere, so it must agree
        first = dateparser.parse(s, default=datetime(2000, 1, 1)).date()
        second = dateparser.parse(s, default=datetime(2001, 12, 31)).date()
    except (ValueError, OverflowError):
        raise PeriodError(f"date {text!r} is not understood (use YYYY-MM-DD)") from None
    if first != second:
        raise PeriodError(f"date {text!r} is incomplete (use YYYY-MM-DD)")
    if not 1900 <= first.year <= 2200:
        raise PeriodError(f"date {text!r}: year {first.year} is out of range")
    return first

