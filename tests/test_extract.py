"""`ptarget extract`: cleaning, the reading rules (in both scripts), files, and the command.

Every expected value below is read off the sentence by hand, as a data author would.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from tests.cli import invoke

from policy_targets.core.extract.clean import clean_text
from policy_targets.core.extract.draft import draft_text, target_dicts
from policy_targets.files.documents import ExtractError, read_document
from policy_targets.files.plan import load_plan_file
from .extract_files import pdf_file


def targets(text: str) -> list[dict]:
    return target_dicts(draft_text(text))


def one(text: str) -> dict:
    found = targets(text)
    assert len(found) == 1, found
    return found[0]


def both(simplified: str, traditional: str) -> list[list[dict]]:
    """The same sentence in both scripts gives the same targets (quotes point into the clean text)."""
    a, b = targets(simplified), targets(traditional)
    strip = [{k: v for k, v in t.items() if k not in ("note", "confidence")} for t in a]
    assert strip == [{k: v for k, v in t.items() if k not in ("note", "confidence")} for t in b]
    return [a, b]


# ---------------------------------------------------------------- cleaning

def test_clean_pinyin_and_traditional() -> None:
    c = clean_text("創(chuàng)新平臺達(dá)到50家。")
    assert c.text == "创新平台达到50家。\n"
    assert c.converted


def test_clean_taiwan_vocabulary_only_where_the_text_is_taiwanese() -> None:
    tw = clean_text("推動軟體和網路產業發展,加強智慧財產權保護,新增企業10家。").text
    assert "软件" in tw and "网络" in tw and "知识产权" in tw
    assert "新增" in tw  # OpenCC's tw2sp would have made it 添加
    mainland = clean_text("推動網絡產業發展,新增企業10家。").text
    assert mainland == "推动网络产业发展,新增企业10家。\n"


def test_clean_fullwidth_page_markers_and_numbers_split_by_a_break() -> None:
    raw = "1、到２０２５年,新增平台５０家,市级6\n2、0家,其中实验\n3、室10家。"
    c = clean_text(raw)
    # page markers 1、2、3、 dropped, the halves joined: 6 + 0家 → 60家, 实验 + 室 → 实验室
    assert c.text == "到2025年,新增平台50家,市级60家,其中实验室10家。\n"


def test_clean_spam_and_wrapper_lines() -> None:
    raw = "首页 > 行业资讯\n来源:某网\n根据规划,凯时k8官网下载现就科技服务业发展制定计划。\n热门词条\n"
    c = clean_text(raw)
    assert c.text == "根据规划,现就科技服务业发展制定计划。\n"
    assert any("凯时k8官网下载" in r for r in c.repairs)


# ---------------------------------------------------------------- rules, simplified and traditional

def test_increment_and_comparator_about() -> None:
    a, _ = both("到2025年,新增科技创新平台500家左右。", "到2025年,新增科技創新平臺500家左右。")
    t = a[0]
    assert (t["kind"], t["value"], t["unit"], t["comparator"], t["deadline"]) == ("increment", 500, "家", "~", 2025)
    assert t["quote"] == "新增科技创新平台500家左右"


def test_annual_and_deadline_from_plan_period() -> None:
    text = "示例市行动方案(2023—2027年)\n每年新增高新技术企业80家以上。"
    a, _ = both(text, "示例市行動方案(2023—2027年)\n每年新增高新技術企業80家以上。")
    t = a[0]
    # 每年 → annual; no year in the clause or sentence → the plan's end, 2027
    assert (t["kind"], t["value"], t["comparator"], t["deadline"]) == ("annual", 80, ">=", 2027)


def test_growth() -> None:
    a, _ = both("到2025年,高新技术产业增加值年均增长15%以上。", "到2025年,高新技術產業增加值年均增長15%以上。")
    assert (a[0]["kind"], a[0]["value"], a[0]["unit"]) == ("growth", 15, "%")


def test_milestone_zero_breakthrough() -> None:
    a, _ = both("到2025年,实现国家重点实验室零的突破。", "到2025年,實現國家重點實驗室零的突破。")
    # 零的突破 → a milestone of 1; 实验室 is counted in 家
    assert (a[0]["kind"], a[0]["value"], a[0]["unit"]) == ("milestone", 1, "家")


def test_full_coverage_is_100_percent() -> None:
    a, _ = both("到2025年,规上工业企业研发机构全覆盖。", "到2025年,規上工業企業研發機構全覆蓋。")
    assert (a[0]["kind"], a[0]["value"], a[0]["unit"]) == ("level", 100, "%")


def test_rank_is_lower_is_better() -> None:
    a, _ = both("到2027年,高新区排名进入全国前40位。", "到2027年,高新區排名進入全國前40位。")
    assert (a[0]["value"], a[0]["unit"], a[0]["comparator"]) == (40, "位", "<=")


def test_relative() -> None:
    a, _ = both("力争高新技术产业投资增速快于全部投资增速。", "力爭高新技術產業投資增速快於全部投資增速。")
    t = a[0]
    assert (t["kind"], t["comparator"], t["value"]) == ("relative", ">", 0)
    assert t["reference"] == "全部投资增速"


@pytest.mark.parametrize("word,comparator", [
    ("达到", ">="), ("不少于", ">="), ("超过", ">"), ("突破", ">"), ("不超过", "<="), ("控制在", "<="),
])
def test_comparator_words_before(word: str, comparator: str) -> None:
    t = one(f"到2025年,企业研发投入强度{word}3%。")
    assert (t["value"], t["comparator"]) == (3, comparator)


@pytest.mark.parametrize("word,comparator", [("以上", ">="), ("左右", "~"), ("以内", "<=")])
def test_comparator_words_after(word: str, comparator: str) -> None:
    assert one(f"到2025年,失业率5.5%{word}。")["comparator"] == comparator


def test_exceed_is_strictly_more() -> None:
    # 超/突破 say "more than": SPEC's ">" (the answer keys' convention too)
    t = one("到2025年,技术合同成交额超100亿元。")
    assert t["comparator"] == ">"


def test_range() -> None:
    a, _ = both("到2027年,取得硬核科技成果5—10项。", "到2027年,取得硬核科技成果5—10項。")
    assert (a[0]["value"], a[0]["unit"], a[0]["kind"]) == ([5, 10], "项", "increment")


def test_each_gives_several_targets() -> None:
    a, _ = both("到2027年,引进科技领军人才、青年科技人才各200名。", "到2027年,引進科技領軍人才、青年科技人才各200名。")
    assert [(t["name"], t["value"]) for t in a] == [("科技领军人才", 200), ("青年科技人才", 200)]


def test_respectively_pairs_subjects_and_values() -> None:
    found = targets("到2025年,国家级、省级专精特新企业分别突破50家、220家。")
    # 分别: the first subject borrows the noun of the last: 国家级专精特新企业 50, 省级专精特新企业 220
    assert [(t["name"], t["value"]) for t in found] == [("国家级专精特新企业", 50), ("省级专精特新企业", 220)]


def test_parts_link_to_their_whole() -> None:
    a, _ = both("到2025年,新增科技创新平台500家,其中院士工作站10家、新型研发机构20家。",
                "到2025年,新增科技創新平臺500家,其中院士工作站10家、新型研發機構20家。")
    whole, p1, p2 = a
    assert (p1["parent"], p2["parent"]) == (whole["id"], whole["id"])
    assert (p1["kind"], p2["kind"]) == ("increment", "increment")  # a part reads like its whole
    assert (p1["value"], p2["value"]) == (10, 20)


def test_deadline_order_clause_sentence_section_plan() -> None:
    text = ("示例市行动计划(2023—2027年)\n一、主要目标\n到2026年,全市高新技术企业达到600家。"
            "科技型中小企业达到1200家。\n二、重点任务\n到2025年底前建成实验室5家,众创空间达到20家。院士工作站达到8家。")
    found = {t["value"]: t for t in targets(text)}
    assert found[600]["deadline"] == 2026  # its own clause
    assert found[1200]["deadline"] == 2026  # the section's 到2026年
    assert found[5]["deadline"] == 2025  # its own clause: 2025年底前
    assert found[20]["deadline"] == 2025  # its sentence
    assert found[8]["deadline"] == 2025  # its section
    text2 = "示例市行动计划(2023—2027年)\n高新技术企业达到600家。"
    assert one(text2)["deadline"] == 2027  # the plan's end


def test_baseline_from_to() -> None:
    t = one("示例市行动计划(2023—2025年)\n全市研发经费投入强度从2.5%提高到3.0%。")
    # 从2.5%提高到3.0%: target 3.0, baseline 2.5 in the year before the plan starts (2022)
    assert t["value"] == 3 and t["baseline"]["value"] == 2.5 and t["baseline"]["year"] == 2022
    assert t["quote"] == "全市研发经费投入强度从2.5%提高到3.0%" and t["name"] == "研发经费投入强度"


def test_restated_target_is_one_target() -> None:
    found = targets("到2025年,技术合同登记成交额达450亿元。\n二、任务\n全市技术合同登记成交额达450亿元。")
    assert len(found) == 1 and found[0]["also"] == ["全市技术合同登记成交额达450亿元"]


@pytest.mark.parametrize("sentence", [
    "对首次认定的高新技术企业给予20万元奖励。",  # a subsidy amount
    "推进年产5万吨新材料项目建设。",  # a project's size
    "落实“1+N”政策体系,打好三大攻坚行动。",  # numbers inside names
    "培育一批科技领军企业,争创国家级平台。",  # 一批, 争创: no number
    "对研发费用占营业收入比重高于5%的企业予以支持。",  # a condition
    "截至2022年底,全市已有高新技术企业500家。",  # a status statement
])
def test_not_targets(sentence: str) -> None:
    assert targets("到2025年,示例。\n" + sentence) == []


def test_work_report_results_are_not_targets() -> None:
    report = ("2025年示例市政府工作报告\n一、2024年工作回顾\n全年新增高新技术企业120家,研发投入突破50亿元。\n"
              "二、2025年工作安排\n全年新增高新技术企业150家,地区生产总值增长6%左右。")
    found = targets(report)
    # 120 and 50 are last year's results; 150 and 6 are this year's targets, due 2025
    assert [(t["value"], t["kind"], t["deadline"]) for t in found] == [(150, "increment", 2025), (6, "growth", 2025)]


# ---------------------------------------------------------------- results are not targets (issue 9)

REVIEW_S = ("三是坚持创新引领，创新能力稳步提升。全市研发经费投入强度达到3.2%，技术合同成交额增长12.6%。"
            "围绕优势产业制定修订地方标准46项。新兴产业蓬勃发展，高新技术产业产值占规上工业比重提高到48.5%。")
REVIEW_T = ("三是堅持創新引領，創新能力穩步提升。全市研發經費投入強度達到3.2%，技術合同成交額增長12.6%。"
            "圍繞優勢產業制定修訂地方標準46項。新興產業蓬勃發展，高新技術產業產值占規上工業比重提高到48.5%。")


def test_review_passage_without_headings_yields_no_targets() -> None:
    # no title, no heading: 稳步提升 and 蓬勃发展 close their clauses (the subject came first, a
    # narration), and no sentence has a word of a target, so all four numbers are results
    assert both(REVIEW_S, REVIEW_T) == [[], []]


@pytest.mark.parametrize("simplified,traditional", [
    # a paragraph that opens 一年来 reviews
    ("一年来，我们坚持创新驱动。全市新增高新技术企业120家。", "一年來，我們堅持創新驅動。全市新增高新技術企業120家。"),
    # 二是 goes on a 一是 list that reviewed
    ("一是科技实力稳步增强。全市新增高新技术企业120家。\n二是开放合作。新引进研发机构8家。",
     "一是科技實力穩步增強。全市新增高新技術企業120家。\n二是開放合作。新引進研發機構8家。"),
    # 了 after a verb: done
    ("示例市行动方案\n全市研发投入强度提高到了3%。", "示例市行動方案\n全市研發投入強度提高到了3%。"),
    # under a review heading, in a text that is not titled as a work report
    ("一、过去一年工作回顾\n全年新增高新技术企业120家，研发投入突破50亿元。\n（一）创新能力\n新建省级研发平台12个。",
     "一、過去一年工作回顧\n全年新增高新技術企業120家，研發投入突破50億元。\n（一）創新能力\n新建省級研發平臺12個。"),
    # the text's structure and a session's number
    ("今年要抓好六个方面的重点工作。示例县第十八届人大四次会议开幕。",
     "今年要抓好六個方面的重點工作。示例縣第十八屆人大四次會議開幕。"),
])
def test_review_passages_yield_no_targets(simplified: str, traditional: str) -> None:
    assert both(simplified, traditional) == [[], []]


def test_plan_review_section_then_its_goals() -> None:
    a, _ = both("示例市科技创新行动方案（2025—2027年）\n一、发展基础\n“十四五”以来，全市高新技术企业达到800家。"
                "科技型中小企业1500家。\n二、发展目标\n高新技术企业达到1200家。",
                "示例市科技創新行動方案（2025—2027年）\n一、發展基礎\n“十四五”以來，全市高新技術企業達到800家。"
                "科技型中小企業1500家。\n二、發展目標\n高新技術企業達到1200家。")
    # 800 and 1500 are the base the plan starts from; 1200 is its target, due at its end (2027)
    assert [(t["value"], t["deadline"]) for t in a] == [(1200, 2027)]


@pytest.mark.parametrize("sep", ["\n", ""])
def test_work_report_review_then_expected_targets(sep: str) -> None:
    # the turn (今年…主要预期目标) on its own line, or inside the review's paragraph
    simplified = ("2025年示例市政府工作报告\n过去一年，全市经济稳中向好。地区生产总值增长5.8%，新增高新技术企业130家。" + sep
                  + "今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，新增高新技术企业150家以上。")
    traditional = ("2025年示例市政府工作報告\n過去一年，全市經濟穩中向好。地區生產總值增長5.8%，新增高新技術企業130家。" + sep
                   + "今年經濟社會發展的主要預期目標是：地區生產總值增長5.5%左右，新增高新技術企業150家以上。")
    a, _ = both(simplified, traditional)
    # 5.8 and 130 are 2024's results; 5.5 % (about) and 150 (at least) are 2025's targets
    assert [(t["value"], t["kind"], t["comparator"], t["deadline"]) for t in a] == [
        (5.5, "growth", "~", 2025), (150, "increment", ">=", 2025)]


def test_plan_goal_without_a_year_is_still_a_target() -> None:
    a, _ = both("示例市科技创新行动方案\n一、主要目标\n全市高新技术企业达到600家，科技型中小企业数量稳步增长。",
                "示例市科技創新行動方案\n一、主要目標\n全市高新技術企業達到600家，科技型中小企業數量穩步增長。")
    # a plan's 目标 section: 稳步增长 describes the aim; 0.9 − 0.1 (no year: deadline from the plan) = 0.8
    assert [(t["value"], t["kind"], t["confidence"]) for t in a] == [(600, "level", 0.8)]
    assert "result" not in a[0]["note"]


def test_ambiguous_evidence_keeps_the_target_with_lower_confidence() -> None:
    a, _ = both("示例市行动方案\n三、其他\n创新能力稳步增强，高新技术企业达到600家。",
                "示例市行動方案\n三、其他\n創新能力穩步增強，高新技術企業達到600家。")
    # a plan, but a paragraph that narrates: kept; 0.9 − 0.1 (deadline from the plan) − 0.15 = 0.65
    assert [(t["value"], t["confidence"]) for t in a] == [(600, 0.65)]
    assert "may be a result" in a[0]["note"]
    t = one("聚焦重点领域制定修订国家标准50项。")
    # no context at all, a verb reports use: 0.9 − 0.25 (kind) − 0.1 (deadline) − 0.2 = 0.35
    assert t["value"] == 50 and t["confidence"] == 0.35 and "制定修订" in t["note"]


def test_mixed_sentence_keeps_only_the_target() -> None:
    a, _ = both("截至2024年底，全市已有高新技术企业500家，力争到2027年达到800家。",
                "截至2024年底，全市已有高新技術企業500家，力爭到2027年達到800家。")
    # 500 is the status before 力争; 800 is the target
    assert [(t["value"], t["deadline"]) for t in a] == [(800, 2027)]


def test_year_after_a_comma_is_the_deadline() -> None:
    t = one("报告提出，2025年全县主要预期目标是：地区生产总值增长6%左右。")
    assert (t["value"], t["comparator"], t["deadline"]) == (6, "~", 2025)


def test_quotes_are_substrings_of_the_clean_text() -> None:
    raw = "到2025年,新增創(chuàng)新平臺500家左右,其中院士工作站10家。"
    d = draft_text(raw)
    assert d.candidates and all(c.quote in d.cleaned.text for c in d.candidates)


# ---------------------------------------------------------------- files

def _docx(paragraphs: list[str]) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
           f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


def _pdf(text: str | None) -> bytes:
    """A one-page PDF; with text, a Type0 font whose ToUnicode maps glyph ids to the characters."""
    chars = sorted(set(text or ""))
    cid = {c: i + 1 for i, c in enumerate(chars)}
    if text:
        content = ("BT /F1 12 Tf 20 100 Td <" + "".join(f"{cid[c]:04X}" for c in text) + "> Tj ET").encode()
        cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
                "1 begincodespacerange <0000> <FFFF> endcodespacerange "
                f"{len(chars)} beginbfchar\n" + "\n".join(f"<{cid[c]:04X}> <{ord(c):04X}>" for c in chars)
                + "\nendbfchar endcmap CMapName currentdict /CMap defineresource pop end end").encode()
    else:
        content, cmap = b"0 0 1 rg 10 10 50 50 re f", b""  # a picture only: no text layer
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources "
            + (b"<< /Font << /F1 5 0 R >> >>" if text else b"<< >>") + b" >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    if text:
        objs += [b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H "
                 b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
                 b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) "
                 b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /CIDToGIDMap /Identity >>",
                 b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
                 b"<< /Type /FontDescriptor /FontName /X /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 "
                 b"/Ascent 1000 /Descent 0 /CapHeight 1000 /StemV 80 >>"]
    return pdf_file(objs)


SENTENCE = "到2025年,高新技术企业达到600家。"


@pytest.mark.parametrize("name,data", [
    ("plan.txt", SENTENCE.encode("utf-8")),
    ("plan_bom.txt", b"\xef\xbb\xbf" + SENTENCE.encode("utf-8")),
    ("plan_gb.txt", SENTENCE.encode("gb18030")),
    ("plan.html", f"<html><head><title>t</title><script>var x=1;</script></head><body><p>{SENTENCE}</p></body></html>".encode()),
    ("plan.docx", _docx(["示例行动方案", SENTENCE])),
    ("plan.pdf", _pdf(SENTENCE)),
])
def test_readers(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    text = read_document(path)
    assert SENTENCE in text and "var x" not in text
    assert one(text)["value"] == 600


@pytest.mark.parametrize("name,data,message", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b" \n\n", "empty"),
    ("image.bin", bytes(range(256)) * 8, "binary"),
    ("scan.pdf", _pdf(None), "no text layer"),
    ("broken.docx", b"PK\x03\x04not really a zip", "not a readable .docx"),
    ("english.txt", b"hello world", "no Chinese text"),
])
def test_bad_files_exit_1_with_a_clear_message(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ExtractError, match=message):
        read_document(path)
    result = invoke(["extract", str(path)])
    assert result.exit_code == 1
    assert message in result.output and str(path) in result.output
    assert "Traceback" not in result.output


def test_missing_file_and_bad_output_name(tmp_path: Path) -> None:
    r = invoke(["extract", str(tmp_path / "nope.txt")])
    assert r.exit_code == 1 and "no such file" in r.output
    src = tmp_path / "p.txt"
    src.write_text(SENTENCE, encoding="utf-8")
    r = invoke(["extract", str(src), "-o", str(tmp_path / "p.csv")])
    assert r.exit_code == 2 and ".toml" in r.output


# ---------------------------------------------------------------- the command

PLAN = ("示例市科技创新行动方案(2023—2025年)\n一、主要目标\n到2025年,全市高新技术企业达到600家,"
        "新增科技创新平台50家左右,其中重点实验室10家。每年新增众创空间5家。实现国家级技术创新中心零的突破。"
        "研发经费投入强度从2.5%提高到3%。高新技术产业增速快于工业增速。\n")


def test_json_keys(tmp_path: Path) -> None:
    src = tmp_path / "plan.txt"
    src.write_text(PLAN, encoding="utf-8")
    r = invoke(["extract", str(src), "--json"])
    assert r.exit_code == 0
    doc = json.loads(r.output)
    assert set(doc) == {"source", "text", "targets"} and doc["source"] == str(src) and doc["text"] is None
    assert len(doc["targets"]) == 7
    for t in doc["targets"]:
        assert {"id", "name", "kind", "value", "unit", "comparator", "deadline", "quote", "confidence",
                "note"} <= set(t)
        assert 0 <= t["confidence"] <= 1
    assert any("baseline" in t for t in doc["targets"])


def test_output_plan_passes_the_loader_and_check(tmp_path: Path) -> None:
    src = tmp_path / "plan.txt"
    src.write_text(PLAN, encoding="utf-8")
    out = tmp_path / "data" / "shili.toml"
    out.parent.mkdir()
    r = invoke(["extract", str(src), "-o", str(out), "--json"])
    assert r.exit_code == 0, r.output
    source = out.parent / "sources" / "shili.txt"
    assert json.loads(r.output)["text"] == str(source)
    text = out.read_text(encoding="utf-8")
    assert "TODO" in text
    # a person fills the TODOs
    out.write_text(text.replace('"TODO"', '"filled"').replace("TODO:", "reviewed:"), encoding="utf-8")
    plan, findings = load_plan_file(out)
    assert plan is not None and not [f for f in findings if f.severity == "error"], findings
    assert len(plan.targets) == 7 and (plan.start, plan.end) == (2023, 2025)
    parts = [t for t in plan.targets if t.parent]
    assert len(parts) == 1 and parts[0].value == 10
    r = invoke(["check", str(out)])
    assert r.exit_code == 0, r.output
    # a second run refuses to overwrite without --force
    r = invoke(["extract", str(src), "-o", str(out)])
    assert r.exit_code == 2 and "--force" in r.output


def test_table_output(tmp_path: Path) -> None:
    src = tmp_path / "plan.txt"
    src.write_text(PLAN, encoding="utf-8")
    r = invoke(["extract", str(src)])
    assert r.exit_code == 0 and "7 candidate target(s)" in r.output and "600" in r.output


# ---------------------------------------------------------------- issue 13: real texts of both kinds

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
SCORED_KIND = {"share": "level", "coverage": "level", "rank": "level"}


@pytest.mark.parametrize("stem", ["plan_table_composed", "plan_web_composed", "workreport_turn_composed",
                                  "workreport_oneline_composed"])
def test_composed_texts_against_their_keys(stem: str) -> None:
    """Every key entry (worked by hand) is found with its kind, comparator and deadline; nothing else is."""
    key = json.loads((FIXTURES / f"{stem}.key.json").read_text(encoding="utf-8"))
    found = targets((FIXTURES / f"{stem}.txt").read_text(encoding="utf-8"))
    assert len(found) == len(key), [t["quote"] for t in found]
    for k in key:
        match = [t for t in found if t["value"] == k["value"] and t["quote"] in k["quote"].replace("\t", " | ")
                 or k["quote"] in t["quote"]]
        assert len(match) == 1, (k["id"], [t["quote"] for t in found])
        t = match[0]
        assert t["kind"] == SCORED_KIND.get(k["kind"], k["kind"]) or {t["kind"], k["kind"]} == {"increment", "annual"}, k["id"]
        assert t["comparator"] == {"==": ">="}.get(k["comparator"], k["comparator"]), k["id"]
        assert t["deadline"] == k["deadline"], k["id"]


def test_work_report_year_said_once_at_its_turn() -> None:
    text = ("各位代表：\n一、2023年工作回顾\n全年新增高新技术企业1040家，地区生产总值增长6.5%。\n"
            "二、2024年主要目标和重点工作\n今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。"
            "全年新增高新技术企业1100家以上。")
    d = draft_text(text)
    assert d.work_report and (d.period.start, d.period.end) == (2024, 2024)
    # the review's 1040 and 6.5 % are results; the two targets get the report's year
    assert [(t["value"], t["kind"], t["comparator"], t["deadline"]) for t in target_dicts(d)] == [
        (6, "growth", "~", 2024), (1100, "increment", ">=", 2024)]


def test_work_report_year_from_its_review_when_no_heading_names_it() -> None:
    text = ("2023年是全面贯彻党的二十大精神的开局之年。一年来，我们新增高新技术企业90家。\n"
            "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。")
    d = draft_text(text)
    assert d.work_report and d.period.end == 2024  # not 政府工作报告 in a title: 主要预期目标 and 一年来 say it
    assert [(t["value"], t["deadline"]) for t in target_dicts(d)] == [(5, 2024)]


def test_plan_period_from_title_not_from_a_review_of_the_last_plan() -> None:
    d = draft_text("示例市“十四五”科技创新规划\n一、发展基础\n“十三五”期间，研发投入强度达到2.4%。\n"
                   "二、发展目标\n到2025年，研发投入强度达到3%。")
    assert (d.period.start, d.period.end, d.period.how) == (2021, 2025, "十四五")
    d = draft_text("示例市制造业数字化转型三年行动(2023—2025年)\n到2025年，建成智能工厂20家。")
    assert (d.period.start, d.period.end) == (2023, 2025)


@pytest.mark.parametrize("sentence,expected", [
    # 累计下降 over a plan's years: the signed change; 13.5 → -13.5 with <=
    ("单位地区生产总值能耗累计下降13.5%。", ("change", -13.5, "<=")),
    ("单位地区生产总值能耗降低14%左右。", ("change", -14, "~")),
    ("细颗粒物年均浓度每年控制在35微克/立方米以内。", ("hold", 35, "<=")),
    ("森林覆盖率始终保持在60%以上。", ("hold", 60, ">=")),
    ("研发投入占比每年不低于3%。", ("hold", 3, ">=")),
    ("城镇调查失业率控制在5.5%以内。", ("hold", 5.5, "<=")),  # over a plan's years: every year
    ("全员劳动生产率累计提高20%。", ("change", 20, ">=")),  # a rise: positive, at least
    ("每年高新技术产业投资占比达到20%左右。", ("hold", 20, "~")),  # a band: a person adds its width
])
def test_change_and_hold_in_a_plan(sentence: str, expected: tuple) -> None:
    t = one("示例市生态环境保护规划(2021—2025年)\n一、主要目标\n" + sentence)
    assert (t["kind"], t["value"], t["comparator"], t["deadline"]) == (*expected, 2025)


def test_main_indicator_table_gives_one_target_per_row() -> None:
    text = ("示例市科技创新规划(2021—2025年)\n表1 主要指标\n"
            "指标 | 2020年基期值 | 2025年目标值 | 属性\n"
            "研发经费投入强度（%） | 2.4 | 3.0 | 预期性\n"
            "单位GDP能耗降低（%） | — | [13.5] | 约束性\n"
            "技术合同成交额年均增长（%） | — | ≥10 | 预期性\n")
    rows = targets(text)
    assert [(t["name"], t["kind"], t["value"], t["unit"], t["comparator"], t["deadline"]) for t in rows] == [
        ("研发经费投入强度", "level", 3, "%", ">=", 2025),
        ("单位GDP能耗降低", "change", -13.5, "%", "<=", 2025),
        ("技术合同成交额年均增长", "growth", 10, "%", ">=", 2025)]
    assert rows[0]["baseline"]["value"] == 2.4 and rows[0]["baseline"]["year"] == 2020
    assert all(t["quote"] in draft_text(text).cleaned.text for t in rows)


def test_table_rows_from_tabs_docx_and_html(tmp_path: Path) -> None:
    row = ["研发经费投入强度（%）", "2.4", "3.0"]
    head = ["指标", "2020年基期值", "2025年目标值"]
    tabbed = "示例规划(2021—2025年)\n" + "\t".join(head) + "\n" + "\t".join(row)
    assert [t["value"] for t in targets(tabbed)] == [3]
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    cells = lambda r: "".join(f"<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>" for c in r)  # noqa: E731
    xml = (f'<w:document xmlns:w="{w}"><w:body><w:p><w:r><w:t>示例规划(2021—2025年)</w:t></w:r></w:p>'
           f"<w:tbl><w:tr>{cells(head)}</w:tr><w:tr>{cells(row)}</w:tr></w:tbl></w:body></w:document>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", xml)
    (tmp_path / "t.docx").write_bytes(buf.getvalue())
    html = ("<html><body><p>示例规划(2021—2025年)</p><table><tr>" + "".join(f"<th>{c}</th>" for c in head)
            + "</tr><tr>" + "".join(f"<td><p>{c}</p></td>" for c in row) + "</tr></table></body></html>")
    (tmp_path / "t.html").write_text(html, encoding="utf-8")
    for name in ("t.docx", "t.html"):
        text = read_document(tmp_path / name)
        assert "研发经费投入强度（%） | 2.4 | 3.0" in text
        assert [t["value"] for t in targets(text)] == [3]


def test_web_header_urls_and_kangxi_radicals() -> None:
    raw = ("# Source: https://www.example.gov.cn/a/%E8%BF%91%E6%97%A5%E5%8F%91%E5%B8%83.html\n"
           "# Title: 示例市行动方案(2023—2025年)\n"
           "示例市行动方案(2023—2025年)\n"
           "到2025年，⾼新技术企业达到600家，研发投⼊强度达到3%。\n"
           "原文链接：https://www.example.gov.cn/art/2024/%E6%96%B9%E6%A1%88.html?id=25\n")
    d = draft_text(raw)
    assert "⾼" not in d.cleaned.text and "高新技术企业" in d.cleaned.text and "投入" in d.cleaned.text
    assert "%E8" not in d.cleaned.text and "http" not in d.cleaned.text
    assert d.title == "示例市行动方案(2023—2025年)"
    assert [(t["value"], t["unit"]) for t in target_dicts(d)] == [(600, "家"), (3, "%")]


def test_newspaper_page_turn_is_joined() -> None:
    c = clean_text("全年新增企业50家，（下转第3版）\n\n政 府 工 作 报 告\n\n（上接第1版）技术合同成交额突破100亿元。")
    assert "全年新增企业50家，技术合同成交额突破100亿元。" in c.text and "下转" not in c.text


@pytest.mark.parametrize("sentence,expected", [
    # a money amount before a noun names a class; the count after it is the target, named with the class
    ("2025年工作安排\n今年力争引进100亿元以上项目5个。", [(5, "个", "今年力争引进100亿元以上项目5个")]),
    ("2025年工作安排\n今年新增营收过五十亿元企业2家。", [(2, "家", "今年新增营收过五十亿元企业2家")]),
    # a thing's physical size before its noun describes it
    ("2025年工作安排\n今年加快1235万千瓦海上光伏基地开发，电力装机达1045万千瓦左右。",
     [(1045, "万千瓦", "电力装机达1045万千瓦左右")]),
    # slogans and rules named by a count
    ("2025年工作安排\n今年严格落实中央八项规定精神，落实“民营经济”33条，新增“三品一标”30个。",
     [(30, "个", "新增“三品一标”30个")]),
])
def test_numbers_that_name_or_describe_are_not_targets(sentence: str, expected: list) -> None:
    text = "各位代表：\n一、2024年工作回顾\n一年来，全市新增企业10家。\n二、" + sentence
    assert [(t["value"], t["unit"], t["quote"]) for t in targets(text)] == expected


def test_respectively_with_words_between_it_and_the_values() -> None:
    found = targets("示例市城市管理行动方案(2024—2026年)\n到2026年，示范区、高标区分别不少于建成区面积的7.5%、22.5%。")
    assert [(t["name"], t["value"], t["comparator"]) for t in found] == [("示范区", 7.5, ">="), ("高标区", 22.5, ">=")]


def test_label_and_value_after_a_colon() -> None:
    found = targets("示例市数字政府建设实施意见(2023—2025年)\n一、主要目标\n到2025年，主要指标如下：\n"
                    "1.政务服务事项网上可办率：100%\n2.全市数据共享平台接入部门数：60个以上\n")
    assert [(t["name"], t["value"], t["unit"], t["quote"]) for t in found] == [
        ("政务服务事项网上可办率", 100, "%", "政务服务事项网上可办率：100%"),
        ("数据共享平台接入部门数", 60, "个", "全市数据共享平台接入部门数：60个以上")]


def test_table_saved_one_cell_per_line() -> None:
    cells = ["序号", "类别", "指标", "2020年", "2025年目标值", "属性",
             "1", "数字产业化", "数字经济核心产业增加值（亿元）", "300", "600", "预期性",
             "2", "软件业务收入（亿元）", "50", "100", "预期性"]  # row 2's 类别 spans from row 1
    d = draft_text("示例市“十四五”数字经济发展规划\n表1 主要指标\n" + "\n".join(cells) + "\n三、主要任务\n")
    assert "1 | 数字产业化 | 数字经济核心产业增加值（亿元） | 300 | 600 | 预期性" in d.cleaned.text
    assert [(t["name"], t["value"], t["baseline"]["value"], t["deadline"]) for t in target_dicts(d)] == [
        ("数字经济核心产业增加值", 600, 300, 2025), ("软件业务收入", 100, 50, 2025)]


@pytest.mark.parametrize("sentence,kind", [
    ("居民消费价格涨幅控制在3%左右", "growth"),  # a rate of change held to about 3 %
    ("金融机构贷款增速不低于10%", "growth"),
    ("PM2.5年均浓度控制在28微克/立方米以下", "level"),  # a ceiling on a level, not this year's flow
    ("实际利用外资10.6亿美元以上", "level"),  # money reached in the year: a level
    ("完成固定资产投资1500亿元", "increment"),  # investment done in the year: its flow
    ("发放创业担保贷款10亿元以上", "increment"),
    ("规模以上包装企业完成产值42亿元以上", "level"),  # 产值: a year's total reached
    ("科技型中小企业入库3000家", "increment"),
    ("粮食播种面积稳定在910万亩以上", "level"),
    ("谋划储备重大项目1100个以上", "level"),
])
def test_kinds_in_a_work_report(sentence: str, kind: str) -> None:
    t = one("各位代表：\n一、2023年工作回顾\n一年来，全市新增企业10家，地区生产总值增长5%。\n"
            f"二、2024年工作安排\n今年确保{sentence}。")
    assert (t["kind"], t["deadline"]) == (kind, 2024)


@pytest.mark.parametrize("sentence,expected", [
    # a count of the items just listed sets nothing
    ("培育壮大现代物流、绿色食品、先进装备制造3个千亿产业，新增规上企业50家", [50]),
    # numbers inside a short quoted name
    ("全面落实“3个80%”要求，深化“新十条”，新增规上企业50家", [50]),
    # a welfare standard is a subsidy's amount, not a target
    ("城乡低保标准不低于1.4万元，新增规上企业50家", [50]),
    # 项目前期工作 is no 目前: the sentence is not a status report
    ("加快推进抽水蓄能项目前期工作，电力装机达1045万千瓦左右", [1045]),
])
def test_more_numbers_that_are_not_targets(sentence: str, expected: list) -> None:
    text = "各位代表：\n一、2023年工作回顾\n一年来，全市新增企业10家。\n二、2024年工作安排\n今年" + sentence + "。"
    assert [t["value"] for t in targets(text)] == expected


def test_a_list_closed_by_deng_names_the_noun_after_the_number() -> None:
    t = one("2024年工作安排\n今年推动储能基地（三期）等93个重大项目竣工投产。")
    assert (t["name"], t["quote"]) == ("重大项目竣工投产", "今年推动储能基地（三期）等93个重大项目竣工投产")


def test_a_report_saved_without_its_title_is_titled_by_its_year() -> None:
    d = draft_text("各位代表：\n现在，我代表市人民政府向大会报告工作。\n一、2023年工作回顾\n一年来，新增企业10家。\n"
                   "二、2024年工作安排\n今年新增规上企业50家。")
    assert d.title == "2024年政府工作报告"


def test_a_bare_growth_clause_takes_the_name_before_it() -> None:
    found = targets("示例市数字经济实施意见\n（二）发展目标。到2025年，全市数字经济核心产业增加值达到800亿元，年均增长15%以上。")
    assert [(t["name"], t["kind"], t["value"]) for t in found] == [
        ("数字经济核心产业增加值", "level", 800), ("数字经济核心产业增加值年均增长", "growth", 15)]


def test_plan_with_chapters_and_a_five_year_lead() -> None:
    d = draft_text("示例市“十四五”科技创新规划\n第一章 发展基础\n“十三五”时期，高新技术企业达到860家。\n"
                   "第二章 总体要求\n第一节 发展目标\n到2025年，高新技术企业突破1500家。\n第三章 主要任务\n"
                   "“十四五”期间新增科技型中小企业2000家以上。市财政科技投入年均增长10%以上。")
    assert [(t["name"], t["value"], t["section"]) for t in target_dicts(d)] == [
        ("高新技术企业", 1500, "第二章总体要求 第一节发展目标"), ("科技型中小企业", 2000, "第三章主要任务"),
        ("市财政科技投入", 10, "第三章主要任务")]  # 年均 is no 均 ("each"); 第一章's 860 is a result


def test_a_reviews_goals_met_do_not_set_the_reports_year() -> None:
    d = draft_text("各位代表：\n一、2023年工作回顾\n一年来，我们圆满完成2023年主要预期目标，全年新增企业90家。\n"
                   "二、2024年工作安排\n今年新增规上企业50家。")
    assert d.period.end == 2024 and [t["deadline"] for t in target_dicts(d)] == [2024]


@pytest.mark.parametrize("sentence,expected", [
    # 另外/此外 are words: 外 alone is no filler to strip from a name
    ("确保新签约项目不少于1000个，其中外贸项目不少于300个", [(1000, "新签约项目"), (300, "外贸项目")]),
    # a share of things doing something, after 实现: a target (高于5%的企业 stays a condition)
    ("实现90%的村配备专职人民调解员", [(90, "村配备专职人民调解员")]),
    # the noun after a verb's number runs past digits and across 、 to the end of its description
    ("精选1000家500强企业登门招商", [(1000, "500强企业登门招商")]),
    ("建设10处集公厕、书屋等于一体的综合服务驿站", [(10, "集公厕、书屋等于一体的综合服务驿站")]),
    ("新增建设用地2万亩以上", [(2, "建设用地")]),  # 用地 is a project's size only as 项目用地/占地
])
def test_names_and_targets_in_work_report_sentences(sentence: str, expected: list) -> None:
    text = "各位代表：\n一、2023年工作回顾\n一年来，全市新增企业10家。\n二、2024年工作安排\n今年" + sentence + "。"
    assert [(t["value"], t["name"]) for t in targets(text)] == expected


def test_table_with_year_columns_and_a_unit_column() -> None:
    text = ("示例市规划(2021—2025年)\n表1 主要指标\n类别 | 指标 | 单位 | 2020年 | 2025年 | 属性\n"
            "创新 | 研发经费投入强度 | % | 2.4 | 3.0 | 预期性\n"
            "高新技术企业数 | 家 | 1200 | ≥2000 | 预期性\n"  # 类别 spans from the row above
            "绿色 | 单位GDP能耗降低 | % | — | [13.5] | 约束性\n")
    assert [(t["name"], t["kind"], t["value"], t["unit"], t["deadline"], (t.get("baseline") or {}).get("value"))
            for t in targets(text)] == [
        ("研发经费投入强度", "level", 3, "%", 2025, 2.4), ("高新技术企业数", "level", 2000, "家", 2025, 1200),
        ("单位GDP能耗降低", "change", -13.5, "%", 2025, None)]
    vertical = "\n".join(["示例市规划(2021—2025年)", "序号", "指标", "2020年", "2025年", "属性",
                          "1", "研发经费投入强度（%）", "2.4", "3.0", "预期性"])
    assert [(t["value"], t["deadline"]) for t in targets(vertical)] == [(3, 2025)]


def test_table_a_pdf_wrote_with_single_spaces() -> None:
    text = ("示例市“十四五”科技创新规划\n表1 主要指标\n序号 指标 2020年 2025年 属性\n"
            "1 全社会研发经费投入强度（%） 2.4 3.0 预期性\n2 单位GDP能耗降低（%） — [13.5] 约束性\n"
            "二、主要任务\n新建重点实验室10家。")
    assert [(t["name"], t["kind"], t["value"]) for t in targets(text)] == [
        ("全社会研发经费投入强度", "level", 3), ("单位GDP能耗降低", "change", -13.5), ("重点实验室", "increment", 10)]


def test_prose_with_a_few_spaces_is_no_single_spaced_table() -> None:
    # a report saved as one line mentions 指标 and 目标 in prose: no table header, no rows
    line = ("各位代表： 2023年工作回顾 一年来，主要指标好于预期，全年新增企业90家。 2024年工作安排 "
            "今年主要预期目标是：地区生产总值增长6%左右。")
    c = clean_text(line)
    assert " | " not in c.text
    assert [(t["value"], t["deadline"]) for t in targets(line)] == [(6, 2024)]
