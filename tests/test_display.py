"""What a person sees (issue 15): the figures that matter per kind, filters, scope, language.

The data, worked by hand:

gamma, 2023–2025, baseline year 2022 (t0 = 31 Dec 2022):
- calls (annual, ≥300 个 a year): 2024-09 (1–9月累计) 240. 300 - 240 = 60 still needed in 2024.
- growth (growth, ≥10 %/yr): rates 2023: 20 (whole year), 2024H1: 12. The rate recorded for
  the latest period is 12 %; the average so far compounds 1.2 · 1.12^0.5 = 1.26996 over the
  1.499 years to 30 June 2024: exp(ln 1.26996 / 1.499) - 1 = exp(0.23892 / 1.499) - 1 = 17.28 %
  (the table's "avg"). Not achieved: 1.26996 < 1.1^3 = 1.331; progress ln 1.26996 / ln 1.331
  = 0.23892 / 0.28593 = 83.6 % in 50 % of the time → on track.
- firms (level, ≥200 家, baseline 100 in 2022 stated by the plan): 2024: 250 → achieved,
  so nothing is needed (its pace would be -50).
- silent (level, ≥5 个): no figure → no data.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from tests import datadir
from tests.cli import invoke


GAMMA = """
[plan]
city = "gamma"
city_zh = "丙市"
title = "丙市科技行动方案(2023—2025年)"
start = 2023
end = 2025

[[target]]
id = "calls"
name = "年度项目"
name_en = ""  # the loader still asks for the key (files/, issue 15's report); empty, the English shows the Chinese
quote = "每年实施项目300个"
kind = "annual"
value = 300
unit = "个"

[[target]]
id = "growth"
name = "高新产业增加值年均增长"
name_en = "High-tech value added, average growth"
kind = "growth"
value = 10
unit = "%"
quote = "原文"

[[target]]
id = "firms"
name = "高新技术企业"
name_en = "High-tech firms"
kind = "level"
value = 200
unit = "家"
baseline = { value = 100, year = 2022, source = "丙市公报2022" }
quote = "原文"

[[target]]
id = "silent"
name = "没有数据的指标"
name_en = "A target without figures"
kind = "level"
value = 5
unit = "个"
quote = "原文"
"""

GAMMA_CSV = """target,period,value,unit,basis
calls,2024-09,240,个,
growth,2023,20,%,
growth,2024H1,12,%,
firms,2024,250,家,
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return datadir.write(tmp_path / "data", {"gamma": (GAMMA, None, GAMMA_CSV)})


def run(data: Path, *args: str, lang: str = "en", width: int = 200) -> str:
    result = invoke([*args, "--data", str(data), "--lang", lang],
                                env={"COLUMNS": str(width), "PTARGET_TODAY": "2024-10-15"})
    assert result.exit_code == 0, result.output
    return result.output


def row(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(start))


def test_annual_target_shows_what_this_year_still_needs(data: Path) -> None:
    out = run(data, "status", "gamma")
    assert "60 个 more in 2024" in row(out, "年度项目")  # 300 - 240, the English falls back to Chinese
    zh = run(data, "status", "gamma", lang="zh")
    assert "2024年尚需 60 个" in row(zh, "年度项目")


def test_growth_target_shows_the_latest_rate_beside_the_average(data: Path) -> None:
    out = run(data, "status", "gamma")
    lines = out.splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith("High-tech value added"))
    assert "12% (2024H1)" in lines[i]  # the rate recorded for the latest period
    assert "avg 17.28%" in lines[i + 1]  # see the module's doc
    status = json.loads(run(data, "status", "gamma", "--json"))
    growth = next(t for t in status["targets"] if t["id"] == "growth")
    assert growth["latest_rate"] == 12 and growth["actual"]["value"] == pytest.approx(17.28, abs=0.005)
    chart = json.loads(run(data, "chart", "gamma", "growth", "--json"))
    assert chart["assessment"]["latest_rate"] == 12  # the chart's JSON says what the table says
    legend = run(data, "chart", "gamma", "growth")
    assert "rate of the latest period: 12% (2024H1); average growth so far 17.28%" in legend


def test_nothing_is_needed_once_achieved(data: Path, tmp_path: Path) -> None:
    status = json.loads(run(data, "status", "gamma", "--json"))
    firms = next(t for t in status["targets"] if t["id"] == "firms")
    assert firms["status"] == "achieved"
    assert firms["required_per_year"] is None and firms["required_growth"] is None  # not -50
    assert row(run(data, "status", "gamma"), "High-tech firms").rstrip().endswith("—")
    run(data, "export", "gamma", "--format", "csv", "-o", str(tmp_path / "x.csv"))
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((tmp_path / "x.csv").read_text("utf-8-sig")))}
    assert rows["firms"]["required_per_year"] == ""


def test_the_baseline_is_shown_with_where_it_comes_from(data: Path, tmp_path: Path) -> None:
    assert "100 (2022)" in row(run(data, "status", "gamma"), "High-tech firms")
    run(data, "export", "gamma", "--format", "csv", "-o", str(tmp_path / "x.csv"), lang="zh")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "x.csv").read_text("utf-8-sig"))))
    firms = next(r for r in rows if r["指标标识"] == "firms")
    assert float(firms["基数"]) == 100 and firms["基数来源"] == "规划" and firms["基数日期"] == "2022-12-31"


def test_filters_and_every_plan_by_default(data: Path) -> None:
    out = run(data, "status")  # no plan: every plan, as gap
    assert "A target without figures" in out
    only = run(data, "status", "--only-with-data")
    assert "A target without figures" not in only
    assert "1 target(s) with no figure yet not shown" in only
    assert "no data: 1" in only  # the summary still counts every target
    behind = run(data, "status", "--status", "achieved")
    assert "High-tech firms" in behind and "年度项目" not in behind
    assert json.loads(run(data, "status", "--status", "on_track", "--json"))["not_shown"] == 2  # calls and growth are on track
    bad = invoke(["status", "--status", "late", "--data", str(data)])
    assert bad.exit_code == 2 and "not a status" in bad.output


def test_ptarget_lang_sets_the_default(data: Path) -> None:
    result = invoke(["status", "gamma", "--data", str(data)],
                                env={"PTARGET_LANG": "zh", "COLUMNS": "200", "PTARGET_TODAY": "2024-10-15"})
    assert "目标值" in result.output and "已完成" in result.output


def test_chinese_has_no_english_words_of_ours(data: Path) -> None:
    zh = run(data, "status", "gamma", lang="zh")
    for english in ("/yr", "@20", "Target", "Goal", "avg", "achieved", "more in", "Summary", "Gap:"):
        assert english not in zh, english
    assert "/年" in zh and "2025年" in zh and "年均 17.28%" in zh


def test_show_is_the_path_year_by_year(data: Path) -> None:
    out = run(data, "show", "gamma")
    head = row(out, "Target")
    assert "2023" in head and "2024" in head and "2025" in head
    # firms: 100 (2022) to 200 by the end of 2025: 133.33, 166.67, 200
    firms = row(out, "High-tech firms")
    assert "133.33" in firms and "166.67" in firms and firms.rstrip().endswith("200")
    # growth 10 %/yr: +10.0 %, +21.0 %, +33.1 % since the baseline
    assert "+10.0%" in out and "+21.0%" in out and "+33.1%" in out


def test_docx_has_the_summary_and_the_table(data: Path, tmp_path: Path) -> None:
    from docx import Document

    out = tmp_path / "r.docx"
    assert f"已写入 {out}：1 个规划，4 项指标" in run(data, "report", "gamma", "--docx", str(out), lang="zh")
    doc = Document(str(out))
    overview, status = doc.tables[0], doc.tables[1]
    assert [c.text for c in overview.rows[0].cells][:2] == ["规划", "指标数"]
    assert overview.rows[1].cells[1].text == "4"
    cells = [[c.text for c in r.cells] for r in status.rows]
    assert cells[0][0] == "指标" and len(cells) == 4  # the header and the three targets with figures
    calls = next(r for r in cells if r[0] == "年度项目")
    assert calls[-1] == "2024年尚需 60 个"
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "没有数据的指标: ≥5 个 2025年" in text  # in the list of targets without figures
    assert "图表见 HTML 报告" in text


def test_report_needs_an_output(data: Path) -> None:
    result = invoke(["report", "gamma", "--data", str(data)])
    assert result.exit_code == 2 and "--html" in result.output


def test_every_finding_code_has_a_chinese_meaning() -> None:
    from policy_targets.report.i18n import CODES_ZH
    from tests.test_codes import documented

    codes = set(documented())
    assert codes and codes <= set(CODES_ZH), sorted(codes - set(CODES_ZH))


def test_findings_and_warnings_read_in_chinese(tmp_path: Path) -> None:
    from policy_targets.report.i18n import finding_text, warning_text

    assert finding_text("missing-key", "target a: missing the required key 'quote'", "zh") == "指标 a：缺少必填键 'quote'"
    assert finding_text("unknown-key", "target a: unknown key 'vlaue' (did you mean 'value'?)", "zh") \
        == "指标 a：未知的键 'vlaue'（是否应为 'value'？）"
    # a message no template knows keeps its English after the code's meaning
    assert finding_text("bad-range", "something new", "zh") == "区间下限大于上限：something new"
    assert finding_text("bad-range", "something new", "en") == "something new"
    assert warning_text("no figure for 2023: that year is neither met nor missed", "zh") == "缺少 2023 年数据：该年不计完成与否"
    assert warning_text("--method eurostat does not apply to increment targets; the pace ratio is used", "zh") \
        == "--method eurostat 不适用于新增指标，改用序时进度比"
    assert warning_text("a new warning", "zh") == "a new warning"  # English rather than nothing


def test_check_in_chinese_with_ptarget_lang(tmp_path: Path) -> None:
    datadir.write(tmp_path, {"x": (GAMMA.replace('city = "gamma"', 'city = "x"'), None,
                                   "target,period,value\nnope,2024,3\n")})
    result = invoke(["status", "--data", str(tmp_path)], env={"PTARGET_LANG": "zh"})
    assert result.exit_code == 1 and "错误: 规划 x 中没有指标 'nope'" in result.output


def test_progress_goes_to_a_terminal_only(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from policy_targets.report import progress

    result = invoke(["gap", "--year", "2024", "--data", str(data)])
    assert result.exit_code == 0 and result.stderr == ""  # not a terminal: nothing
    monkeypatch.setattr(progress, "_shown", lambda: True)
    assert list(progress.steps(list(range(25)), "x")) == list(range(25))  # a bar, every item


def test_the_new_kinds_have_words_and_cells() -> None:
    """`change` and `hold` are being added to the core: their labels and cells are ready."""
    from types import SimpleNamespace

    from policy_targets.report.fmt import latest_text
    from policy_targets.report.labels import KINDS, kind_label

    assert set(KINDS["zh"]) == set(KINDS["en"]) == {"level", "increment", "annual", "growth", "milestone",
                                                    "relative", "change", "hold"}
    assert kind_label("change", "zh") == "累计变化" and kind_label("hold", "zh") == "每年保持"
    hold = SimpleNamespace(actual_value=1.0, revised=False, target=SimpleNamespace(kind="hold", value=3, unit="%"),
                           years_met=[2023, 2024], years_missed=[], actual_period="2024")
    # the latest figure, then the years held: both 2023 and 2024 kept the bound
    assert latest_text(hold, "en") == "1% (2024)\nheld 2 of 2 years"  # type: ignore[arg-type]
    change = SimpleNamespace(actual_value=-2.8, revised=False, target=SimpleNamespace(kind="change", value=-13.5),
                             years_met=[], years_missed=[], actual_period="2024")
    # one decimal and a true minus sign, as the issue writes it
    assert latest_text(change, "en") == "−2.8 % of −13.5 % (2024)"  # type: ignore[arg-type]


def test_lang_reaches_the_findings_of_a_broken_data_directory(tmp_path: Path) -> None:
    datadir.write(tmp_path, {"x": (GAMMA.replace('city = "gamma"', 'city = "x"'), None,
                                   "target,period,value\nnope,2024,3\n")})
    zh = invoke(["status", "--data", str(tmp_path), "--lang", "zh"])
    assert zh.exit_code == 1 and "规划 x 中没有指标 'nope'" in zh.output
    en = invoke(["check", str(tmp_path)])  # no --lang: English, whatever came before
    assert "unknown target 'nope' in plan x" in en.output


def test_status_filter_takes_the_chinese_words_too(data: Path) -> None:
    out = run(data, "status", "--status", "已完成，符合序时进度", lang="zh")  # a full-width comma
    assert "高新技术企业" in out and "年度项目" in out and "没有数据的指标" not in out


def test_plans_the_filters_empty_are_one_line() -> None:
    data = Path(__file__).resolve().parent.parent / "data"
    result = invoke(["status", "--status", "behind", "--data", str(data)],
                                env={"COLUMNS": "120", "PTARGET_TODAY": "2026-11-23"})
    # behind: changde's high-tech enterprises and jiaxing's; the three other plans have none
    assert result.output.count("Summary:") == 2
    assert "3 plan(s) with no target that matches: bijie, changzhou, jiangyin" in result.output


def test_usage_errors_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    """click's own usage errors, which its messages give in English, read in Chinese with --lang zh."""
    from policy_targets.cli import main

    for args, said in ((["gap", "--lang", "zh"], "错误：缺少选项 --year。"),
                       (["chart", "changde", "--lang", "zh"], "错误：缺少参数 TARGET。"),
                       (["status", "changdee", "--lang", "zh"], "错误：规划 'changdee' 不存在；是否应为 'changde'？"),
                       (["staus", "changde", "--lang", "zh"], "错误：没有命令 staus（是否应为 status？）。")):
        with pytest.raises(SystemExit) as stop:
            main(args)
        assert stop.value.code == 2
        err = capsys.readouterr().err
        assert said in err, err
        assert "运行 'ptarget" in err and "--help' 查看帮助。" in err
