"""Periods as statistics label them, and dates as decimal years (SPEC 3 and 4.1).

A period is dated by its last day. For flows it covers 1 January of its year up to that
day (1–N月累计), which is why `2024Q2`, `2024H1` and `2024-06` are all the same period, unless
it is a period alone: Chinese statistics write 二季度, 4-6月 and 6月 for the quarter or month by
itself, and 1-6月, 上半年 and 前三季度 for the year to date. A period alone has a `start`.
"""

from __future__ import annotations

import functools
import re
from functools import lru_cache
from datetime import date, datetime
from typing import NamedTuple

from policy_targets.core.numbers import normalize


class Period(NamedTuple):
    """A reporting period: its last day, the label the data author wrote, and its first day
    when it is a quarter or month alone (None: from 1 January, i.e. year to date, or a moment)."""

    end: date
    label: str = ""
    start: date | None = None

    @property
    def alone(self) -> bool:
        """A quarter, months or a month by itself (2024年二季度), not January up to it."""
        return self.start is not None

    @property
    def key(self) -> tuple[date | None, date]:
        """The period however it was written: 2024H1, 2024年1-6月 and 2024年上半年 are one key."""
        return (self.start, self.end)

    @property
    def year(self) -> int:
        return self.end.year

    @property
    def whole_year(self) -> bool:
        return self.end.month == 12 and self.end.day == 31 and self.start is None

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

# A period "alone" (the quarter or month by itself, not January up to it): 当季/单季/当月/单月, or
# "alone", after any period; 累计 after one makes it year to date.
_ALONE = r"(?i)[(（]?(当季|单季|当月|单月|alone)[)）]?$"
_YTD = r"[(（]?累计[)）]?$"

# Patterns as strings: re compiles (and caches) each the first time a label reaches it, so
# a command that meets only plain years compiles one. Each form says whether a Chinese label
# means the period alone ("alone") or from 1 January ("ytd").
_FORMS: list[tuple[str, str]] = [
    (r"^(\d{4})\s*(?:年)?(?:全年|年度|年底|年末)?$", "year"),
    (r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$", "date"),
    (r"^(\d{4})年(\d{1,2})月(\d{1,2})日$", "date"),
    (r"^(\d{4})[-/.](\d{1,2})$", "month"),
    (r"^(\d{4})年(\d{1,2})\s*[-—–~至到]\s*(\d{1,2})月(?:份)?$", "months"),
    (r"^(\d{4})年(\d{1,2})月(份)?$", "month-cn"),
    (r"^(\d{4})年(\d{1,2})月(?:底|末)$", "month"),
    (r"^(\d{4})\s*-?\s*[Qq]([1-4])$", "quarter"),
    (r"^(\d{4})年前([一二三四1-4])(?:个)?季度(?:末)?$", "quarter"),
    (r"^(\d{4})年(?:第)?([一二三四1-4])季度末$", "quarter"),
    (r"^(\d{4})年(?:第)?([一二三四1-4])季度$", "quarter-cn"),
    (r"^(\d{4})\s*-?\s*[Hh]([12])$", "half"),
    (r"^(\d{4})年上半年(?:末)?$", "half"),
    (r"^(\d{4})年下半年末$", "half"),
    (r"^(\d{4})年下半年$", "half-cn"),
]


def month_start(year: int, month: int) -> date:
    return date(year, month, 1)


@functools.lru_cache(maxsize=4096)
def parse_period(text: str) -> Period:
    """Read a period as statistics label it: 2024, 2024-06, 2024-06-30, 2024Q2, 2024H1, 2024年,
    2024年1-6月, 2024年上半年, 2024年前三季度 (all from 1 January: year to date), and the Chinese
    single periods 2024年二季度, 2024年第二季度, 2024年4-6月, 2024年6月, 2024年下半年 (the quarter,
    months or month alone). `2024Q2当季`, `2024-06当月` (or `… alone`) mark an ISO period as
    the period alone; `2024年6月累计` marks a month as year to date.

    A period alone has a `start` (its first day); for a flow it is added to what precedes it
    in its year (core.flows). A period that starts on 1 January is year to date whichever way
    it is written, so 2024年一季度, 2024Q1, 2024年1-3月 and 2024-03 are one period.

    Cached: a CSV repeats a few labels over thousands of rows, and a Period is frozen."""
    s = normalize(text).replace(" ", "").replace("\u3000", "")
    alone = ytd = False
    m = re.search(_ALONE, s)
    if m and m.start() > 0:
        alone, s = True, s[:m.start()]
    else:
        m = re.search(_YTD, s)
        if m and m.start() > 0:
            ytd, s = True, s[:m.start()]
    for pattern, form in _FORMS:
        m = re.match(pattern, s)
        if not m:
            continue
        year = int(m.group(1))
        if not 1900 <= year <= 2200:
            raise PeriodError(f"period {text!r}: year {year} is out of range")
        start: date | None = None
        try:
            if form == "year":
                end = year_end(year)
            elif form == "date":
                end = date(year, int(m.group(2)), int(m.group(3)))
            elif form in ("month", "month-cn"):
                month = int(m.group(2))
                end = month_end(year, month)
                if alone or (form == "month-cn" and not ytd):
                    start = month_start(year, month)
            elif form == "months":
                first, last = int(m.group(2)), int(m.group(3))
                end = month_end(year, last)
                month_end(year, first)  # a bad first month says so
                if first > last:
                    raise ValueError(f"months {first}-{last} run backwards")
                start = month_start(year, first)
            elif form in ("quarter", "quarter-cn"):
                q = _QUARTER_CN[m.group(2)]
                end = month_end(year, 3 * q)
                if alone or (form == "quarter-cn" and not ytd):
                    start = month_start(year, 3 * q - 2)
            else:  # half: H1, H2, 上半年, 下半年
                first_half = "下" not in s and (m.lastindex == 1 or m.group(2) == "1")
                end = month_end(year, 6) if first_half else year_end(year)
                if not first_half and (alone or (form == "half-cn" and not ytd)):
                    start = month_start(year, 7)
        except ValueError as exc:
            raise PeriodError(f"period {text!r}: {exc}") from None
        if (alone or ytd) and form in ("year", "date"):
            raise PeriodError(f"period {text!r}: 当季/当月/累计 go only after a quarter, a month "
                              "or a half year (2024Q2当季, 2024-06当月)")
        if start is not None and start.month == 1 and start.day == 1:
            start = None  # from 1 January: year to date however it is written
        return Period(end, text.strip(), start)
    raise PeriodError(
        f"period {text!r} is not understood (use 2024, 2024-06, 2024-06-30, 2024Q2, 2024H1, "
        "2024年, 2024年1-6月, 2024年上半年 or 2024年前三季度 for the year to date, and 2024年二季度, "
        "2024年4-6月, 2024年6月 or 2024Q2当季 for the quarter or month alone)"
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

