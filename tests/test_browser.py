"""The HTML report in a real browser: Debian's chromium, headless.

Runs when /usr/bin/chromium exists. With PTARGET_BROWSER_TESTS=1 (which .ci/run sets) it
must run: a missing chromium or font is a failure, not a skip. Without either, the tests
skip with the reason, so a developer without a browser can still run the suite.

The page must load with no console message at all (the page's Content-Security-Policy
would log one for any attempt to fetch something), carry a target's numbers in its DOM,
draw something (the screenshot has many colours), and the Chinese font stack must resolve
to an installed CJK font.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from tests import datadir
from tests.cli import invoke


CHROMIUM = Path("/usr/bin/chromium")
REQUIRED = os.environ.get("PTARGET_BROWSER_TESTS") == "1"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0"]

PLAN = """
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
quote = "高新技术企业达到200家"

[[target]]
id = "evil"
name = "<script>document.title='pwned'</script>恶意"
name_en = "<img src=x onerror=alert(1)>"
kind = "level"
value = 5
unit = "个"
quote = "5个"
"""

ACTUALS = "target,period,value,source\nhte,2023,130,统计局公报\nhte,2024,150,统计局公报\n"


def _need(path: str, what: str) -> str:
    found = shutil.which(path) or (path if Path(path).exists() else None)
    if found:
        return found
    message = f"{what} is missing: apt-get install -y chromium fonts-noto-cjk"
    if REQUIRED:
        pytest.fail(f"PTARGET_BROWSER_TESTS=1 but {message}")
    pytest.skip(message + " (set PTARGET_BROWSER_TESTS=1 to make this a failure; CI does)")
    raise AssertionError  # unreachable


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Write a zh report of a small plan, then screenshot it and dump its DOM."""
    if not CHROMIUM.exists():
        _need(str(CHROMIUM), "/usr/bin/chromium")
    tmp = tmp_path_factory.mktemp("browser")
    data = datadir.write(tmp / "data", {"alpha": (PLAN, None, ACTUALS)})
    page = tmp / "report.html"
    r = invoke(["report", "alpha", "--data", str(data), "--html", str(page),
                                 "--lang", "zh"])
    assert r.exit_code == 0, r.output
    shot = tmp / "shot.png"
    url = page.resolve().as_uri()
    # the two runs go side by side, each with its own profile
    procs = [subprocess.Popen([str(CHROMIUM), *FLAGS, f"--user-data-dir={tmp / name}", *args, url],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for name, args in (("p1", [f"--screenshot={shot}", "--window-size=1200,1600"]),
                                ("p2", ["--dump-dom"]))]
    (_, s_err), (dom, d_err) = (p.communicate(timeout=120) for p in procs)
    return {"shot": shot, "dom": dom, "stderr": s_err + d_err, "rc": tuple(p.returncode for p in procs)}


def test_chromium_loads_the_page_without_console_messages(rendered: dict[str, object]) -> None:
    assert rendered["rc"] == (0, 0), rendered["stderr"]
    console = [line for line in str(rendered["stderr"]).splitlines() if ":CONSOLE" in line]
    assert console == []


class _Dom(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append(tag)

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        self.text.append(data)


def test_dom_has_the_numbers_and_no_injected_element(rendered: dict[str, object]) -> None:
    dom = _Dom()
    dom.feed(str(rendered["dom"]))
    text = "".join(dom.text)
    # level ≥200 from 100 (end 2022); 150 at end 2024: path 100 + 100·2/3 = 166.67,
    # needed (200 - 150)/1 = 50 a year, 200/150 - 1 = 33.3 %, projection 150 + 25 = 175
    for s in ("高新技术企业数", "≥200 家 2025年", "166.67", "50/年 (33.3%)", "175", "滞后于序时进度"):
        assert s in text, s
    # the overview opens the page; the target without figures is listed, not drawn empty
    assert text.index("总览") < text.index("高新技术企业数") and "尚无数据的指标 (1)" in text
    assert "script" not in dom.tags and "img" not in dom.tags
    assert "<script>document.title='pwned'</script>恶意" in text
    assert "<title>目标进度报告: alpha</title>" in str(rendered["dom"])  # not 'pwned'


def _png_colours(data: bytes, rows: int) -> tuple[int, int, int]:
    """Width, height and distinct colours of the first `rows` rows of an 8-bit PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, []
    width = height = depth = ctype = interlace = 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + n
    assert depth == 8 and interlace == 0 and ctype in (0, 2, 4, 6)
    bpp = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    assert len(raw) == height * (stride + 1)
    prev = bytearray(stride)
    colours: set[bytes] = set()
    for y in range(min(rows, height)):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        colours.update(bytes(line[i:i + bpp]) for i in range(0, stride, bpp))
        prev = line
    return width, height, len(colours)


def test_png_decoder_counts_colours() -> None:
    """A 2×2 RGB image, rows filtered None and Sub: white, red / white, white → 2 colours."""
    rows = b"\x00" + bytes([255, 255, 255, 255, 0, 0]) + b"\x01" + bytes([255, 255, 255, 0, 0, 0])
    ihdr = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    assert _png_colours(png, 2) == (2, 2, 2)


def test_screenshot_is_not_blank(rendered: dict[str, object]) -> None:
    shot = Path(str(rendered["shot"]))
    assert shot.is_file(), rendered["stderr"]
    width, height, colours = _png_colours(shot.read_bytes(), 500)
    assert (width, height) == (1200, 1600)
    # a blank page has 1 colour; anti-aliased text, badges and a table give hundreds
    assert colours > 50


def test_chinese_resolves_to_a_cjk_font() -> None:
    fc_match = _need("fc-match", "fontconfig (fc-match)")
    fc_list = _need("fc-list", "fontconfig (fc-list)")
    family = subprocess.run([fc_match, "-f", "%{family}", "Noto Sans CJK SC"], capture_output=True,
                            text=True, timeout=30).stdout
    zh = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=30).stdout
    if "CJK" not in family or not zh.strip():
        message = f"no CJK font (fc-match gives {family!r}): apt-get install -y fonts-noto-cjk"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    assert re.search(r"Noto Sans CJK", family)
