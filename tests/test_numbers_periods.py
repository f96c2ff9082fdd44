"""Reading figures, units, Chinese numerals and periods the way statistics write them."""

from __future__ import annotations

from datetime import date

import pytest

from policy_targets.core.numbers import (NumberError, UnitError, chinese_to_number, convert, numbers_in,
                                    parse_value, states_value)
from policy_targets.core.periods import PeriodError, decimal_year, parse_period


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("450", 450.0, None),
    ("1,234.5", 1234.5, None),
    ("４５０亿元", 450.0, "亿元"),       # full-width digits and a unit in the cell
    ("2.7%", 2.7, "%"),
    ("-3", -3.0, None),
    (" 12 家", 12.0, "家"),
])
def test_parse_value(text: str, value: float, unit: str | None) -> None:
    assert parse_value(text) == (value, unit)


@pytest.mark.parametrize("text", ["nan", "inf", "-Infinity", "abc", "", "1,2,3", "亿元"])
def test_parse_value_rejects(text: str) -> None:
    with pytest.raises(NumberError):
        parse_value(text)


@pytest.mark.parametrize(("value", "src", "dst", "out"), [
    (5000, "万元", "亿元", 0.5),       # 5000·1e4 / 1e8 = 0.5
    (3, "万人", "人", 30000),          # 3·1e4
    (1.2, "万家", "家", 12000),
    (7, "件/万人", "件/万人", 7),
])
def test_convert(value: float, src: str, dst: str, out: float) -> None:
    assert convert(value, src, dst) == pytest.approx(out)


@pytest.mark.parametrize(("src", "dst"), [("亿元", "家"), ("件/万人", "件"), ("%", "元")])
def test_convert_refuses_other_bases(src: str, dst: str) -> None:
    with pytest.raises(UnitError):
        convert(1, src, dst)


@pytest.mark.parametrize(("text", "value"), [
    ("十", 10), ("三十五", 35), ("两百", 200), ("一百零五", 105), ("一万二千", 12000),
    ("一亿二千万", 120_000_000), ("十万", 100_000),
])
def test_chinese_numerals(text: str, value: float) -> None:
    assert chinese_to_number(text) == value


def test_numbers_in_a_clause() -> None:
    assert {700.0, 1000.0, 1e11} <= numbers_in("规上科技服务业机构达700家,营业收入达1000亿元")
    assert 1.0 in numbers_in("实现国家级平台零的突破")
    assert 100.0 in numbers_in("规上工业企业研发机构全覆盖")
    assert any(abs(n - 100 / 3) < 1e-9 for n in numbers_in("占比达到三分之一"))


def test_states_value_reads_wan_and_yi_either_way() -> None:
    assert states_value("从业人员数量达8万人", 80000, "人")
    assert states_value("科技型中小企业达1.5万家", 1.5, "万家")
    assert states_value("占比1/3以上", 33.33, "%")
    assert not states_value("技术合同登记成交额达450亿元", 400, "亿元")


@pytest.mark.parametrize(("text", "end"), [
    ("2024", date(2024, 12, 31)), ("2024年", date(2024, 12, 31)),
    ("2024-06", date(2024, 6, 30)), ("2024年6月", date(2024, 6, 30)),
    ("2024-06-30", date(2024, 6, 30)), ("2024Q2", date(2024, 6, 30)),
    ("2024H1", date(2024, 6, 30)), ("2024年上半年", date(2024, 6, 30)),
    ("2024年第三季度", date(2024, 9, 30)), ("2024年1-6月", date(2024, 6, 30)),
    ("2024/6/30", date(2024, 6, 30)), ("2024H2", date(2024, 12, 31)),
    ("２０２４年", date(2024, 12, 31)),
])
def test_periods(text: str, end: date) -> None:
    assert parse_period(text).end == end


@pytest.mark.parametrize("text", ["2024-13", "2024Q5", "24", "last year", "2024-02-30"])
def test_bad_periods(text: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(text)


def test_decimal_year() -> None:
    assert decimal_year(date(2024, 12, 31)) == 2025.0        # 366/366
    assert decimal_year(date(2024, 6, 30)) == 2024 + 182 / 366
    assert decimal_year(date(2023, 1, 1)) == 2023 + 1 / 365
    # a flow to 30 June 2024 covers 182/366 of its year
    assert parse_period("2024H1").year_share == 182 / 366
