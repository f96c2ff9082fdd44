"""chart, report, export, compare and summary (issue 8), on a small data directory.

The data (worked by hand once, used by every test):

alpha, 2023–2025, baseline year 2022, so t0 = 2023.0 (31 Dec 2022) and T = 2026.0:
- hte (level, ≥200 家, baseline 100 stated by the plan), figures 2023: 130, 2024: 150.
  At the 2024 figure ta = 2025.0: e = 2/3, path = 100 + 100·2/3 = 166.67, gap 16.67,
  progress 50/100 = 0.5, ratio 0.5/(2/3) = 0.75 → behind, score (5/0.7)(0.75-0.6) = 1.0714,
  needed (200-150)/1 = 50 a year, growth 200/150 - 1 = 0.3333,
  projection 150 + (150-100)/2 · 1 = 175. Path at 2023's end: 100 + 100/3 = 133.33.
- new_x (increment, ≥30 家), flows 2023: 10, 2024: 12. Sum 22; path 30·2/3 = 20, gap -2,
  progress 22/30, ratio 1.1 → on track, score (5/0.7)(0.5) = 3.5714, needed 8 a year,
  projection 22 + 22/2 = 33. Charted as running sums 10 and 22.
- evil: no figures, a name full of markup → no data.
  summary {behind 1, on_track 1, no_data 1}, mean score (1.0714 + 3.5714)/2 = 2.3214.
beta, 2023–2026, baseline year 2022: t0 = 2023.0, T = 2027.0:
- hte (level, ≥60 家, baseline 40), figure 2024: 50. ta = 2025.0, e = 0.5, path 50, gap 0,
  progress 0.5, ratio 1.0 → on track, score (5/0.7)(0.4) = 2.8571, needed 10/2 = 5 a year,
  growth sqrt(60/50) - 1 = 0.095445, projection 50 + 10/2·2 = 60.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from tests import datadir
from tests.cli import invoke


ALPHA = """
[plan]
city = "alpha"
city_zh = "甲市"
title = "甲市科技创新行动计划(2023—2025年)"
title_en = "Alpha sci-tech action plan (2023-2025)"
start = 2023
end = 2025

[[target]]
id = "hte"
name = "高新技术企业数"
name_en = "High-tech enterprises"
kind = "level"
value = 200
unit = "家"
baseline = { value = 100, year = 2022, source = "甲市统计公报2022" }
indicator = "high_tech_enterprises"
quote = "高新技术企业达到200家"

[[target]]
id = "new_x"
name = "新增孵化器"
name_en = "New incubators"
kind = "increment"
value = 30
unit = "家"
quote = "新增孵化器30家"

[[target]]
id = "evil"
name = "<script>alert(1)</script>恶意"
name_en = "<script>alert(1)</script> & co"
kind = "level"
value = 5
unit = "个"
quote = "<b>5个</b>"
"""

ALPHA_CSV = """target,period,value,unit,basis,source,published,note
hte,2023,130,家,,"统计局 <i>公报</i> 2024; https://example.org/a?x=1&y=2",,
hte,2024,150,家,,统计局公报 2025,2025-03-01,
new_x,2023,10,家,,src,,
new_x,2024,12,家,,src,,
"""

BETA = """
[plan]
city = "beta"
city_zh = "乙市"
title = "乙市行动方案"
title_en = "Beta action plan"
start = 2023
end = 2026

[[target]]
id = "hte"
name = "高新技术企业"
name_en = "=1+1 high-tech firms"
kind = "level"
value = 60
unit = "家"
baseline = { value = 40, year = 2022, source = "乙市公报" }
indicator = "high_tech_enterprises"
quote = "高新技术企业60家"
"""

BETA_CSV = "target,period,value\nhte,2024,50\n"

INDICATORS = """
[indicator.high_tech_enterprises]
name = "高新技术企业数"
name_en = "High-tech enterprises"
unit = "家"

[indicator.rd_intensity]
name = "研发投入强度"
name_en = "R&D intensity"
unit = "%"
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return datadir.write(tmp_path / "data", {"alpha": (ALPHA, None, ALPHA_CSV), "beta": (BETA, None, BETA_CSV)},
                         indicators=INDICATORS)


def run(*args: str):  # type: ignore[no-untyped-def]
    return invoke(list(args))


class Tags(HTMLParser):
    """Start tags, text and balance of an HTML page, as html.parser reads it."""

    VOID = {"meta", "br", "img", "input", "link", "hr", "rect", "line", "circle", "polyline", "path"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append(tag)
        self.attrs.extend(attrs)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        self.text.append(data)


def parse_html(page: str) -> Tags:
    p = Tags()
    p.feed(page)
    p.close()
    assert not p.errors and not p.stack, (p.errors, p.stack)
    return p


# ---------------------------------------------------------------- chart

def test_chart_json_points_are_the_cores(data: Path) -> None:
    r = run("chart", "alpha", "hte", "--data", str(data), "--json")
    assert r.exit_code == 0, r.output
    v = json.loads(r.output)
    path = [(p["date"], p["value"]) for p in v["path"][0]]
    assert path[0] == ("2022-12-31", 100.0) and path[-1] == ("2025-12-31", 200.0)
    assert [d for d, _ in path] == ["2022-12-31", "2023-12-31", "2024-12-31", "2025-12-31"]
    assert path[1][1] == pytest.approx(133.3333333)  # 100 + 100/3
    assert [(p["date"], p["value"]) for p in v["figures"]] == [("2023-12-31", 130.0), ("2024-12-31", 150.0)]
    assert v["expected"]["value"] == pytest.approx(166.6666667)  # 100 + 100·2/3
    assert v["projection"][1] == {"date": "2025-12-31", "value": 175.0, "label": "projection"}
    assert v["assessment"]["status"] == "behind"
    assert v["goal"] == 200.0


def test_chart_increment_figures_are_running_sums(data: Path) -> None:
    v = json.loads(run("chart", "alpha", "new_x", "--data", str(data), "--json").output)
    assert [p["value"] for p in v["figures"]] == [10.0, 22.0]  # 10, then 10 + 12
    assert v["baseline"]["value"] == 0.0
    assert v["projection"][1]["value"] == pytest.approx(33.0)  # 22 + 22/2


def test_chart_terminal_is_labelled(data: Path) -> None:
    r = run("chart", "alpha", "hte", "--data", str(data))
    assert r.exit_code == 0
    out = r.output
    assert "High-tech enterprises  (≥200 家 @2025)" in out
    assert "● figures: 2023 130 家, 2024 150 家" in out
    assert "┄ projection: 175 家 (2025-12-31)" in out
    assert "× path at latest figure: 166.67 家 (2024-12-31)" in out
    assert "│ deadline: 2025-12-31" in out
    assert "Status: behind (score 1.071; needed 50/yr (33.3%))" in out
    assert "\x1b" not in out  # not a terminal: no colour codes
    zh = run("chart", "alpha", "hte", "--data", str(data), "--lang", "zh").output
    assert "状态: 滞后于序时进度" in zh and "高新技术企业数" in zh


def test_chart_unknown_target_is_a_usage_error(data: Path) -> None:
    r = run("chart", "alpha", "htee", "--data", str(data))
    assert r.exit_code == 2
    assert "unknown target 'htee'" in r.output and "did you mean 'hte'" in r.output


def test_chart_svg_is_xml_with_the_numbers(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "c.svg"
    r = run("chart", "alpha", "hte", "--data", str(data), "--svg", str(out))
    assert r.exit_code == 0 and "wrote" in r.output
    text = out.read_text(encoding="utf-8")
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    words = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for n in ("130", "150", "175", "≥200 家", "2025-12-31", "100 家"):
        assert n in words
    assert "Noto Sans CJK SC" in root.get("font-family", "")
    assert len(root.findall(".//{http://www.w3.org/2000/svg}circle[@class='figure']")) == 2


def test_chart_svg_escapes_markup(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "evil.svg"
    assert run("chart", "alpha", "evil", "--data", str(data), "--svg", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "<script" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in text
    root = ET.fromstring(text.encode("utf-8"))
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    assert root.find("{http://www.w3.org/2000/svg}title").text.startswith("<script>alert(1)</script> & co")


# ---------------------------------------------------------------- report

def test_report_html_is_complete_and_escaped(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    r = run("report", "alpha", "beta", "--data", str(data), "--html", str(out))
    assert r.exit_code == 0, r.output
    assert "2 plan(s), 4 target(s)" in r.output
    page = out.read_text(encoding="utf-8")
    tags = parse_html(page)
    ET.fromstring(page.encode("utf-8"))  # well-formed XML too
    text = "".join(tags.text)
    assert "script" not in tags.tags
    # a chart per target with figures; the one without (no data: 1) is in the compact list
    assert tags.tags.count("svg") == 3
    assert tags.tags.count("ul") >= 2 and "Targets without a figure yet (1)" in text
    assert not [v for k, v in tags.attrs if k == "src"]  # nothing to load
    assert "link" not in tags.tags
    # the injected markup is data, shown as text
    assert "<script>alert(1)</script> & co" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "统计局 <i>公报</i> 2024" in text
    # summary, table, quote, sources
    assert "behind: 1" in text and "on track: 1" in text and "no data: 1" in text
    assert "mean score: 2.321" in text  # (1.0714 + 3.5714) / 2
    assert "mean score: 2.857" in text  # beta: (5/0.7)·0.4
    assert "166.67" in text and "16.67" in text and "50/yr (33.3%)" in text
    assert "5/yr (9.5%)" in text  # beta: (60-50)/2, sqrt(1.2) - 1
    assert "高新技术企业达到200家" in text
    assert "甲市统计公报2022" in text
    assert 'href="https://example.org/a?x=1&amp;y=2"' in page
    assert "2025-03-01" in text


def test_report_zh(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert run("report", "alpha", "--data", str(data), "--html", str(out), "--lang", "zh").exit_code == 0
    page = out.read_text(encoding="utf-8")
    text = "".join(parse_html(page).text)
    assert '<html lang="zh-CN">' in page
    assert "滞后于序时进度: 1" in text and "平均得分: 2.321" in text
    assert "甲市科技创新行动计划(2023—2025年)" in text


def test_report_unknown_plan_is_a_usage_error(data: Path, tmp_path: Path) -> None:
    r = run("report", "alpah", "--data", str(data), "--html", str(tmp_path / "x.html"))
    assert r.exit_code == 2 and "did you mean 'alpha'" in r.output
    assert not (tmp_path / "x.html").exists()


# ---------------------------------------------------------------- export

def test_export_csv_has_bom_and_plain_values(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "e.csv"
    r = run("export", "alpha", "beta", "--data", str(data), "--format", "csv", "-o", str(out))
    assert r.exit_code == 0 and "4 row(s)" in r.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    hte = rows[0]
    assert hte["plan"] == "alpha" and hte["name"] == "高新技术企业数"
    assert float(hte["actual_value"]) == 150.0
    assert float(hte["expected"]) == pytest.approx(166.6666667)
    assert float(hte["required_growth"]) == pytest.approx(1 / 3)
    assert hte["baseline_date"] == "2022-12-31" and hte["actual_date"] == "2024-12-31"
    assert hte["deadline"] == "2025-12-31" and hte["status"] == "behind"
    assert hte["target_max"] == "" and hte["actual_revised"] == "FALSE"
    assert rows[3]["name_en"] == "'=1+1 high-tech firms"  # never a formula in Excel


def test_export_xlsx_types(data: Path, tmp_path: Path) -> None:
    import openpyxl  # a dependency of the package (pyproject): never skipped

    out = tmp_path / "e.xlsx"
    r = run("export", "alpha", "beta", "--data", str(data), "--format", "xlsx", "-o", str(out))
    assert r.exit_code == 0, r.output
    ws = openpyxl.load_workbook(out).active
    head = [c.value for c in ws[1]]
    row = dict(zip(head, [c.value for c in ws[2]]))
    assert row["actual_value"] == 150 and isinstance(row["actual_value"], (int, float))
    assert row["expected"] == pytest.approx(166.6666667)
    assert isinstance(row["deadline"], datetime) and row["deadline"].date() == date(2025, 12, 31)
    assert row["baseline_date"].date() == date(2022, 12, 31)
    assert row["score"] == pytest.approx(1.0714286)  # (5/0.7)(0.75 - 0.6)
    assert row["name"] == "高新技术企业数"
    beta = dict(zip(head, [c for c in ws[5]]))
    assert beta["name_en"].value == "=1+1 high-tech firms" and beta["name_en"].data_type == "s"
    assert beta["required_growth"].value == pytest.approx(0.0954451)  # sqrt(1.2) - 1


def test_failed_write_leaves_old_file(data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import policy_targets.files.atomic as atomic

    out = tmp_path / "keep.csv"
    out.write_bytes(b"old contents")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken)
    r = run("export", "alpha", "--data", str(data), "--format", "csv", "-o", str(out))
    assert r.exit_code == 1
    assert f"cannot write {out}: No space left on device" in r.output
    assert out.read_bytes() == b"old contents"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".keep")] == []
    r = run("report", "alpha", "--data", str(data), "--html", str(out))
    assert r.exit_code == 1 and out.read_bytes() == b"old contents"


# ---------------------------------------------------------------- compare and summary

def test_compare_json(data: Path) -> None:
    r = run("compare", "high_tech_enterprises", "--data", str(data), "--json")
    assert r.exit_code == 0, r.output
    v = json.loads(r.output)
    assert v["indicator"]["code"] == "high_tech_enterprises" and v["indicator"]["unit"] == "家"
    rows = {x["plan"]: x for x in v["targets"]}
    assert set(rows) == {"alpha", "beta"} and v["plans_without"] == []
    assert rows["alpha"]["value"] == 200.0 and rows["alpha"]["deadline"] == "2025-12-31"
    assert rows["alpha"]["actual"]["value"] == 150.0 and rows["alpha"]["status"] == "behind"
    assert rows["alpha"]["required_per_year"] == pytest.approx(50.0)
    assert rows["beta"]["kind"] == "level" and rows["beta"]["deadline"] == "2026-12-31"
    assert rows["beta"]["status"] == "on_track"
    assert rows["beta"]["required_per_year"] == pytest.approx(5.0)  # (60 - 50) / 2
    assert rows["beta"]["required_growth"] == pytest.approx(0.0954451)  # sqrt(1.2) - 1
    table = run("compare", "high_tech_enterprises", "--data", str(data)).output
    assert "≥60 家 @2026" in table and "5/yr (9.5%)" in table


def test_compare_indicator_without_targets_and_unknown(data: Path) -> None:
    v = json.loads(run("compare", "rd_intensity", "--data", str(data), "--json").output)
    assert v["targets"] == [] and v["plans_without"] == ["alpha", "beta"]
    r = run("compare", "high_tech_enterprise", "--data", str(data))
    assert r.exit_code == 2
    assert "unknown indicator 'high_tech_enterprise'; did you mean 'high_tech_enterprises'?" in r.output


def test_broken_indicators_stop_compare_and_check_only(data: Path) -> None:
    """indicators.toml is read by compare and check, not by the commands that never use it."""
    (data / "indicators.toml").write_text("[indicator.x\n", encoding="utf-8")
    assert run("status", "alpha", "--data", str(data), "--json").exit_code == 0
    assert run("gap", "--year", "2024", "--data", str(data), "--json").exit_code == 0
    r = run("compare", "high_tech_enterprises", "--data", str(data))
    assert r.exit_code == 1 and "cannot read the indicators" in r.output
    r = run("check", "--data", str(data))
    assert r.exit_code == 1 and "indicators.toml" in r.output


def test_summary_json_and_table(data: Path) -> None:
    r = run("summary", "--data", str(data), "--json")
    assert r.exit_code == 0
    rows = {x["id"]: x for x in json.loads(r.output)}
    assert rows["alpha"]["targets"] == 3 and rows["alpha"]["figures"] == 4
    assert rows["alpha"]["summary"] == {"behind": 1, "on_track": 1, "no_data": 1}
    assert rows["alpha"]["mean_score"] == pytest.approx(2.3214286)  # (1.0714 + 3.5714) / 2
    assert rows["beta"]["summary"] == {"on_track": 1}
    assert rows["beta"]["mean_score"] == pytest.approx(2.8571429)  # (5/0.7)(1.0 - 0.6)
    table = run("summary", "--data", str(data), "--lang", "zh").output
    assert "乙市" in table and "2.857" in table and "符合序时进度" in table


def test_as_of_reaches_every_command(data: Path) -> None:
    """--as-of 2023-12-31: alpha hte at its 2023 figure, e = 1/3, path 133.33, ratio 0.9."""
    v = json.loads(run("chart", "alpha", "hte", "--data", str(data), "--json",
                       "--as-of", "2023-12-31").output)
    assert [p["value"] for p in v["figures"]] == [130.0]
    assert v["assessment"]["ratio"] == pytest.approx(0.9)  # 0.3 / (1/3)
    rows = {x["id"]: x for x in json.loads(run("summary", "--data", str(data), "--json",
                                                 "--as-of", "2023-12-31").output)}
    assert rows["beta"]["summary"] == {"no_data": 1}


def test_json_and_help_do_not_import_rich_or_openpyxl(data: Path) -> None:
    code = ("import sys\nfrom policy_targets.cli import reports\nfrom policy_targets.cli import cli\n"
            "for args in (['summary', '--json', '--data', sys.argv[1]], ['export', '--help']):\n"
            "    try:\n        cli.main(args, standalone_mode=False)\n    except SystemExit:\n        pass\n"
            "print('rich' in sys.modules, 'openpyxl' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(data)], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False False"


def test_report_honours_ptarget_today(tmp_path: Path) -> None:
    # the page says when it was generated; $PTARGET_TODAY fixes that date, as it does for status
    from . import datadir

    data = datadir.make(tmp_path)
    out = tmp_path / "r.html"
    result = invoke(["report", "demo", "--data", str(data), "--html", str(out)],
                                catch_exceptions=False, env={"PTARGET_TODAY": "2030-01-02"})
    assert result.exit_code == 0, result.output
    assert "2030-01-02" in out.read_text(encoding="utf-8")
