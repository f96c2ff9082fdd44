"""Numbers and units as Chinese statistics write them.

Pure functions: reading a figure typed or pasted by a person ("1,234.5", "４５０亿元", "2.7%"),
converting between units that share a base (万元 and 亿元), and reading every number a
clause of a plan states (Arabic or Chinese numerals, 万/亿 multipliers, fractions), which
the quote check compares with the target's value.
"""

from __future__ import annotations

import functools
import math
import re
from typing import NamedTuple

# Full-width digits and punctuation that Excel exports and PDF copies are full of.
_FULLWIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９．，％－＋／"}
_FULLWIDTH.update({0x3000: 0x20, 0x2212: ord("-"), 0xFF5E: ord("~")})

PREFIXES: dict[str, float] = {"千万": 1e7, "百万": 1e6, "十万": 1e5, "千": 1e3, "万": 1e4, "亿": 1e8}
"""Multiplier prefixes of units, longest first where one is a prefix of another."""

MISSING = frozenset({"", "-", "—", "–", "/", "－", "／", "——", "--"})
"""Cell contents that mean "no figure" in a statistical table."""


def normalize(text: str) -> str:
    """Fold full-width digits, signs and spaces to ASCII, and strip."""
    return text.translate(_FULLWIDTH).strip()


# The common case is compiled at import; the rest are strings that re compiles (and caches)
# the first time a cell that is not a plain number reaches them.
_PLAIN = re.compile(r"-?\d{1,15}(?:\.\d{1,15})?\Z")
_NUMBER = r"""(?x)^(?P<num>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?|[+-]?\.\d+)
        \s*(?P<unit>(?![\d,.]).*)$"""
_NONFINITE = r"(?i)^[+-]?(nan|inf|infinity)$"
_LOOKALIKE = r"^[OolI][OolI\d.,]*$"


class NumberError(ValueError):
    """A cell that is not a finite number; the message says what was probably meant."""


def parse_value(text: str) -> tuple[float, str | None]:
    """Read a figure and the unit written after it ("450亿元" -> (450.0, "亿元")).

    Raises NumberError for anything that is not one finite number.
    """
    if _PLAIN.match(text):  # the common case, "754" or "3.62": no folding, no unit
        return float(text), None
    s = normalize(text)
    if re.match(_NONFINITE, s):
        raise NumberError(f"{text!r} is not a finite number")
    m = re.match(_NUMBER, s)
    if not m:
        raise NumberError(f"{text!r} is not a number (expected e.g. 450, 1,234.5 or 450亿元)")
    num = m.group("num").replace(",", "")
    try:
        value = float(num)
    except ValueError as exc:  # pragma: no cover - the regex admits only float syntax
        raise NumberError(f"{text!r} is not a number") from exc
    if not math.isfinite(value):
        raise NumberError(f"{text!r} is too large to be a figure")
    unit = m.group("unit").strip() or None
    if unit and re.match(_LOOKALIKE, unit):
        raise NumberError(f"{text!r} is not a number (letters O, o, l or I typed for digits?)")
    return value, unit


class Qualifier(NamedTuple):
    """A word around a number that makes it a bound or an estimate: 约760家, 超760家, 760余家."""

    word: str
    kind: str  # "about" | "lower" | "upper"

    @property
    def note(self) -> str:
        """How the qualifier is kept in the row's note (docs/authoring.md §4)."""
        return {"about": "Approximate", "lower": "Lower bound", "upper": "Upper bound"}[self.kind]


# Longest first where one word begins another (超过 before 超). Chinese writes these before the
# number (约760家), after it (760家以上, 760家左右) or between it and the unit (760余家, 760多家).
QUALIFIERS_BEFORE = {
    "大约": "about", "约": "about", "大概": "about",
    "超过": "lower", "超": "lower", "逾": "lower", "突破": "lower", "不少于": "lower", "至少": "lower",
    "将近": "upper", "接近": "upper", "近": "upper", "不到": "upper", "不足": "upper", "最多": "upper",
}
QUALIFIERS_AFTER = {"以上": "lower", "有余": "lower", "左右": "about", "上下": "about", "以下": "upper",
                    "以内": "upper"}
QUALIFIERS_BETWEEN = {"余": "lower", "多": "lower"}


def parse_qualified(text: str) -> tuple[float, str | None, Qualifier | None]:
    """parse_value, also reading 约/近/超/逾/余/多/以上/左右… around the number: "约760家" →
    (760.0, "家", Qualifier("约", "about")). The qualifier is returned so that the caller keeps
    it (in the note) and says so; the number alone is never the whole truth."""
    if _PLAIN.match(text):  # the common case, as in parse_value
        return float(text), None, None
    try:
        value, unit = parse_value(text)
    except NumberError:
        s = normalize(text)
        word = next((w for w in QUALIFIERS_BEFORE if s.startswith(w)), None)
        if word is None:
            raise
        try:
            value, unit = parse_value(s[len(word):])
        except NumberError:
            raise NumberError(f"{text!r} is not a number (expected e.g. 450, 1,234.5 or 450亿元)") from None
        qualifier: Qualifier | None = Qualifier(word, QUALIFIERS_BEFORE[word])
    else:
        qualifier = None
    if unit and qualifier is None:
        unit, qualifier = _unit_qualifier(unit)
    return value, unit, qualifier


@functools.lru_cache(maxsize=1024)
def _unit_qualifier(unit: str) -> tuple[str | None, Qualifier | None]:
    """'家以上' → ('家', 以上), '余家' → ('家', 余), '万元' → ('万元', None); cached, as units repeat."""
    after = next((w for w in QUALIFIERS_AFTER if unit.endswith(w)), None)
    if after is not None:
        return unit[: -len(after)].strip() or None, Qualifier(after, QUALIFIERS_AFTER[after])
    if unit[:1] in QUALIFIERS_BETWEEN:
        return unit[1:].strip() or None, Qualifier(unit[:1], QUALIFIERS_BETWEEN[unit[:1]])
    return unit, None


def is_missing(text: str | None) -> bool:
    if text is None:
        return True
    if text[:1].isdigit():  # a figure, the common case
        return False
    return normalize(text) in MISSING


class Unit(NamedTuple):
    """A unit split into its multiplier and base: 亿元 is 1e8 × 元."""

    text: str
    factor: float
    base: str


@functools.lru_cache(maxsize=1024)
def parse_unit(text: str) -> Unit:
    """Cached: every row of a CSV converts its unit, and a Unit is frozen."""
    t = normalize(text)
    if "/" in t:  # compound units (件/万人) convert to nothing but themselves
        return Unit(t, 1.0, t)
    for prefix, factor in PREFIXES.items():
        if t.startswith(prefix) and len(t) > len(prefix):
            return Unit(t, factor, t[len(prefix):])
    return Unit(t, 1.0, t)


class UnitError(ValueError):
    pass


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert between units with the same base (万元 → 亿元); raise UnitError otherwise.

    A bare multiplier (70亿, 1.2万) takes the base of the target's unit: 70 亿 → 70 亿元,
    7000 万 → 0.7 亿元, 1.2 万 → 12000 家. Not into a compound unit or a share (%, ‰).
    """
    a, b = parse_unit(from_unit), parse_unit(to_unit)
    if a.text == b.text:
        return value
    if a.text in PREFIXES and "/" not in b.base and b.base not in ("%", "‰", "个百分点", "百分点"):
        return value * PREFIXES[a.text] / b.factor
    if a.base != b.base or "/" in a.base:
        raise UnitError(f"unit {from_unit!r} cannot be converted to {to_unit!r}")
    return value * a.factor / b.factor


def base_factor(unit: str) -> float:
    """How many base units one of `unit` is (万家 → 1e4)."""
    return parse_unit(unit).factor


# ---------------------------------------------------------------- Chinese numerals

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "".join(_CN_DIGITS) + "".join(_CN_SMALL) + "".join(_CN_BIG)


def chinese_to_number(text: str) -> float:
    """Read a Chinese numeral: 三十五 → 35, 两百 → 200, 一万二千 → 12000, 十 → 10."""
    if not text or any(c not in CN_NUMERAL_CHARS for c in text):
        raise NumberError(f"{text!r} is not a Chinese numeral")
    result = 0  # everything before the last 万 or 亿
    section = 0  # the part below 万 being read
    digit = 0
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            section += (digit or 1) * _CN_SMALL[ch]
            digit = 0
        elif ch == "万":
            result += ((section + digit) or 1) * 10_000
            section = digit = 0
        else:  # 亿 multiplies everything read so far
            result = ((result + section + digit) or 1) * 100_000_000
            section = digit = 0
    try:
        return float(result + section + digit)
    except OverflowError:
        raise NumberError(f"{text!r} is too large to be a number") from None


# Only the quote check reads numbers out of text: compiled on first use (re caches them).
_ARABIC_IN_TEXT = r"(\d+(?:,\d{3})*(?:\.\d+)?)(\s*(?:万|亿))?"
_FRACTION = r"(\d+)\s*/\s*(\d+)"
_CN_FRACTION = rf"([{CN_NUMERAL_CHARS}]+)分之([{CN_NUMERAL_CHARS}]+)"
_CN_RUN = rf"[{CN_NUMERAL_CHARS}]+"


def numbers_in(text: str) -> set[float]:
    """Every number a clause states, read the way a person reads it.

    "达到1.2万家" states 1.2 and 12000; "三分之一" states 1/3 and 33.33…%; "零的突破" states
    1; "全覆盖" states 100 (per cent). Arabic digits are also offered bare, without their
    万/亿, so a target written in 万家 matches "1.2万家" either way.
    """
    s = normalize(text)
    found: set[float] = set()
    for m in re.finditer(_FRACTION, s):
        num, den = float(m.group(1)), float(m.group(2))
        if den:
            found.update({num / den, 100 * num / den})
    for m in re.finditer(_CN_FRACTION, s):
        try:
            den, num = chinese_to_number(m.group(1)), chinese_to_number(m.group(2))
        except NumberError:
            continue
        if den:
            found.update({num / den, 100 * num / den})
    for m in re.finditer(_ARABIC_IN_TEXT, s):
        value = float(m.group(1).replace(",", ""))
        found.add(value)
        if m.group(2):
            found.add(value * _CN_BIG[m.group(2).strip()])
    for m in re.finditer(_CN_RUN, s):
        run = m.group(0)
        # a lone 万 or 亿 after Arabic digits was handled above; "一批" and "一流" are words
        if run in _CN_BIG or run in {"一"}:
            continue
        try:
            found.add(chinese_to_number(run))
        except NumberError:
            continue
    if "零的突破" in s or "零突破" in s:
        found.add(1.0)
    if "全覆盖" in s:
        found.add(100.0)
    return found


def states_value(text: str, value: float, unit: str) -> bool:
    """True when the clause states `value` (in `unit`), reading 万/亿 either way."""
    candidates = {value, value * base_factor(unit)}
    for n in numbers_in(text):
        for v in candidates:
            if math.isclose(n, v, rel_tol=1e-4, abs_tol=1e-9) or (
                abs(v) >= 1 and math.isclose(round(n, 2), round(v, 2), rel_tol=0, abs_tol=0.006)
            ):
                return True
    return False
