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


# ---------------------------------------------------------------- periods alone (issue 14)

@pytest.mark.parametrize(("text", "start", "end"), [
    # the quarter or month alone, as Chinese statistics write them
    ("2024年二季度", date(2024, 4, 1), date(2024, 6, 30)),
    ("2024年第二季度", date(2024, 4, 1), date(2024, 6, 30)),
    ("2024年4-6月", date(2024, 4, 1), date(2024, 6, 30)),
    ("2024年4月", date(2024, 4, 1), date(2024, 4, 30)),
    ("2024年6月份", date(2024, 6, 1), date(2024, 6, 30)),
    ("2024年下半年", date(2024, 7, 1), date(2024, 12, 31)),
    ("2024年四季度", date(2024, 10, 1), date(2024, 12, 31)),
    # ISO periods are year to date unless marked alone
    ("2024Q2当季", date(2024, 4, 1), date(2024, 6, 30)),
    ("2024-06当月", date(2024, 6, 1), date(2024, 6, 30)),
    ("2024Q2 alone", date(2024, 4, 1), date(2024, 6, 30)),
    ("2024H2当季", date(2024, 7, 1), date(2024, 12, 31)),
    # year to date: no start
    ("2024Q2", None, date(2024, 6, 30)), ("2024-06", None, date(2024, 6, 30)),
    ("2024年1-6月", None, date(2024, 6, 30)), ("2024年1—6月", None, date(2024, 6, 30)),
    ("2024年上半年", None, date(2024, 6, 30)), ("2024年前三季度", None, date(2024, 9, 30)),
    ("2024年1-9月", None, date(2024, 9, 30)), ("2024年6月累计", None, date(2024, 6, 30)),
    ("2024年6月底", None, date(2024, 6, 30)), ("2024年二季度末", None, date(2024, 6, 30)),
    # a first quarter or January alone starts on 1 January: it is the year to date
    ("2024年一季度", None, date(2024, 3, 31)), ("2024年1月", None, date(2024, 1, 31)),
])
def test_periods_alone_and_to_date(text: str, start: date | None, end: date) -> None:
    p = parse_period(text)
    assert (p.start, p.end) == (start, end)


def test_one_period_written_five_ways_is_one_key() -> None:
    ways = ["2024H1", "2024Q2", "2024-06", "2024年1-6月", "2024年上半年"]
    assert {parse_period(w).key for w in ways} == {(None, date(2024, 6, 30))}
    alone = ["2024年二季度", "2024年第二季度", "2024年4-6月", "2024Q2当季", "2024年2季度"]
    assert {parse_period(w).key for w in alone} == {(date(2024, 4, 1), date(2024, 6, 30))}


@pytest.mark.parametrize("text", ["2024当季", "2024-06-30当月", "2024年6-4月", "2024年0-6月"])
def test_bad_periods_alone(text: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(text)


def test_a_period_alone_is_not_a_whole_year() -> None:
    assert parse_period("2024").whole_year
    assert not parse_period("2024年四季度").whole_year  # October to December only


# ---------------------------------------------------------------- flows added up

def _fig(period: str, value: float, basis: str | None = "flow", line: int = 1):  # type: ignore[no-untyped-def]
    from policy_targets.core.model import Figure

    return Figure("p", "t", parse_period(period), value, basis=basis, file="f.csv", line=line)


def test_flows_alone_add_up_within_a_year() -> None:
    from policy_targets.core.flows import add_up

    figs, problems = add_up([_fig("2024年一季度", 90), _fig("2024年二季度", 80), _fig("2024年三季度", 95),
                             _fig("2025年1-3月", 50), _fig("2025年4-6月", 60)])
    assert not problems
    # 90; 90 + 80 = 170; 170 + 95 = 265; 2025 starts again: 50; 50 + 60 = 110
    assert [(f.date.isoformat(), f.value) for f in figs] == [
        ("2024-03-31", 90), ("2024-06-30", 170), ("2024-09-30", 265), ("2025-03-31", 50), ("2025-06-30", 110)]
    assert figs[1].period.label == "2024年1-6月 (sum of 2)"


def test_a_stated_year_to_date_is_preferred_and_a_gap_is_a_problem() -> None:
    from policy_targets.core.flows import add_up

    figs, problems = add_up([_fig("2024年1-6月", 170), _fig("2024年二季度", 80), _fig("2024年一季度", 90),
                             _fig("2024年四季度", 70)])
    # 1-6月 170 is stated (= 90 + 80), so 二季度 is not needed; 四季度 follows nothing to 30 Sep: left out
    assert [(f.date.isoformat(), f.value) for f in figs] == [("2024-03-31", 90), ("2024-06-30", 170)]
    assert len(problems) == 1 and "no figure covers 2024-07-01 to 2024-09-30" in problems[0].message


def test_stocks_alone_are_stocks_at_their_end_and_rates_alone_are_left_out() -> None:
    from policy_targets.core.flows import add_up

    figs, problems = add_up([_fig("2024年二季度", 760, "stock")])
    assert [(f.period.start, f.value) for f in figs] == [(None, 760)]
    figs, problems = add_up([_fig("2024年二季度", 5.2, "rate")])
    assert figs == [] and "a rate of it is not a rate of the year to date" in problems[0].message


def test_a_year_to_date_flow_that_falls() -> None:
    from policy_targets.core.flows import falls

    pairs = falls([_fig("2024Q1", 90, line=2), _fig("2024Q2", 80, line=3), _fig("2024Q3", 250, line=4)])
    assert [(a.line, b.line) for a, b in pairs] == [(2, 3)]  # 80 < 90; 250 ≥ 90


# ---------------------------------------------------------------- values as clerks write them

@pytest.mark.parametrize(("text", "value", "unit", "word", "kind"), [
    ("约760家", 760, "家", "约", "about"),
    ("大约760", 760, None, "大约", "about"),
    ("760家左右", 760, "家", "左右", "about"),
    ("3.4%左右", 3.4, "%", "左右", "about"),
    ("超760家", 760, "家", "超", "lower"),
    ("超过1.2万家", 1.2, "万家", "超过", "lower"),
    ("760余家", 760, "家", "余", "lower"),
    ("760多家", 760, "家", "多", "lower"),
    ("760家以上", 760, "家", "以上", "lower"),
    ("逾760家", 760, "家", "逾", "lower"),
    ("近760家", 760, "家", "近", "upper"),
    ("不足760家", 760, "家", "不足", "upper"),
])
def test_qualified_values(text: str, value: float, unit: str | None, word: str, kind: str) -> None:
    from policy_targets.core.numbers import Qualifier, parse_qualified

    assert parse_qualified(text) == (value, unit, Qualifier(word, kind))


def test_plain_values_have_no_qualifier_and_words_alone_are_not_numbers() -> None:
    from policy_targets.core.numbers import parse_qualified

    assert parse_qualified("760") == (760.0, None, None)
    assert parse_qualified("70亿") == (70.0, "亿", None)
    for bad in ("约", "多少", "约七百六十家"):
        with pytest.raises(NumberError):
            parse_qualified(bad)


def test_a_bare_multiplier_takes_the_targets_base() -> None:
    assert convert(70, "亿", "亿元") == 70          # 70 × 1e8 / 1e8
    assert convert(7000, "万", "亿元") == 0.7       # 7000 × 1e4 / 1e8
    assert convert(1.2, "万", "家") == 12000        # 1.2 × 1e4 / 1
    assert convert(1.2, "万", "万家") == 1.2
    with pytest.raises(UnitError):
        convert(3, "万", "%")                       # a share has no multiplier
    with pytest.raises(UnitError):
        convert(3, "万", "件/万人")


# ---------------------------------------------------------------- names

def test_targets_by_id_chinese_or_english_name() -> None:
    from policy_targets.core.model import Plan, Series, Target
    from policy_targets.core.names import items_named, plans_named, suggest_item

    t = Target("high_tech_enterprises", "高新技术企业数量", "High-tech enterprises", "level", 1000, "家")
    s = Series("rd_intensity", "全社会研发经费支出占地区生产总值比重", "R&D intensity", "%")
    plan = Plan("changde", "changde", "常德市", "T", 2022, 2025, targets=[t], series=[s])
    for name in ("high_tech_enterprises", "高新技术企业数量", " 高新技术企业 数量", "high-tech ENTERPRISES"):
        assert items_named(plan, name) == [t]
    assert items_named(plan, "R&D intensity") == [s]
    assert items_named(plan, "高新企业") == []
    assert suggest_item(plan, "高新技术企业数") == "; did you mean 'high_tech_enterprises' (高新技术企业数量)?"
    assert suggest_item(plan, "high_tech_enterprise") == "; did you mean 'high_tech_enterprises'?"
    assert suggest_item(plan, "专利") == ""
    plans = {"changde": plan}
    for name in ("changde", "常德", "常德市"):
        assert plans_named(plans, name) == [plan]
    assert plans_named(plans, "常州") == []


def test_quarters_alone_that_disagree_with_the_stated_year_to_date() -> None:
    from policy_targets.core.flows import add_up

    figs, problems = add_up([_fig("2024年一季度", 90), _fig("2024年二季度", 80), _fig("2024-06", 75)])
    assert [(f.date.month, f.value) for f in figs] == [(3, 90), (6, 75)]  # the stated 1-6月 wins
    # 90 + 80 = 170, not 75
    assert [(p.code, p.message) for p in problems] == [("flow-sum-differs", "2024年二季度 (80) added to "
                                                        "2024年一季度 (90) makes 170, but 2024-06 says 75; "
                                                        "the stated year to date is used")]
