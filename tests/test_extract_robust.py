"""`ptarget extract` on hostile or damaged files (issue 18): every one is a clear error, exit 1.

A zip bomb dressed as a .docx, PDFs past pypdf's limits or ours, bad UTF-16 and HTML that the
standard parser gives up on each once gave an internal error (exit 2) or ate gigabytes.
"""

from __future__ import annotations

import io
import re
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from tests.cli import invoke

from policy_targets.files.documents import ExtractError, read_document
from .extract_files import pdf_file, zip_file


def _bomb(megabytes: int) -> bytes:
    """A .docx whose document.xml is `megabytes` MB of one repeated paragraph (compresses ~1000x)."""
    para = b"<w:p><w:r><w:t>\xe4\xb8\xad</w:t></w:r></w:p>"
    body = para * (megabytes * 2**20 // len(para))
    xml = (b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           + body + b"</w:body></w:document>")
    return zip_file({"[Content_Types].xml": b"<Types/>", "word/document.xml": xml})


def _pdf_page(contents: bytes, filters: bytes = b"", pages: int = 1) -> bytes:
    kids = b" ".join(b"3 0 R" for _ in range(pages))
    return pdf_file([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
                 b"<< /Length %d %s >>\nstream\n" % (len(contents), filters) + contents + b"\nendstream"])


def _exits_1(path: Path, message: str) -> str:
    with pytest.raises(ExtractError, match=f"^{re.escape(str(path))}: .*{message}"):
        read_document(path)
    r = invoke(["extract", str(path)])
    assert r.exit_code == 1, r.output
    assert str(path) in r.output and "internal error" not in r.output and "Traceback" not in r.output
    return r.output


def test_docx_zip_bomb_is_refused_without_unpacking_it(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(_bomb(100))  # 100 MB of XML in about 100 kB
    assert path.stat().st_size < 1_000_000
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        _exits_1(path, "zip bomb")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 40 * 2**20 and time.perf_counter() - t0 < 10


def test_docx_refused_by_ratio_though_under_the_size_limit(tmp_path: Path) -> None:
    # 20 MB (under 64 MiB) packed over 200x: no plan's text compresses like that
    path = tmp_path / "dense.docx"
    path.write_bytes(_bomb(20))
    _exits_1(path, "200x compression")


def test_docx_lying_about_its_size_is_still_bounded(tmp_path: Path) -> None:
    # the central directory says 1 kB; the reader stops at what was declared and the check fails
    data = bytearray(_bomb(20))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    cd = data.rfind(b"PK\x01\x02" + data[data.rfind(b"PK\x01\x02") + 4:data.rfind(b"PK\x01\x02") + 6])
    # patch the uncompressed size (offset 24 in a central directory header) of the last entry
    data[cd + 24:cd + 28] = (1024).to_bytes(4, "little")
    assert info.file_size > 1024
    path = tmp_path / "liar.docx"
    path.write_bytes(bytes(data))
    _exits_1(path, "not a readable .docx")  # zipfile reads what was declared, then the CRC fails


def test_docx_with_entities_is_refused(tmp_path: Path) -> None:
    xml = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "\xe4\xb8\xad\xe4\xb8\xad">]>'
           b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           b"<w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>")
    path = tmp_path / "entity.docx"
    path.write_bytes(zip_file({"word/document.xml": xml}))
    _exits_1(path, "declares entities")


def test_pdf_past_a_pypdf_limit(tmp_path: Path) -> None:
    # an array of 100 001 numbers (200 kB): pypdf stops at 100 000 elements with LimitReachedError
    big = b"[" + b"0 " * 100_001 + b"]"
    path = tmp_path / "array.pdf"
    path.write_bytes(pdf_file([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                           b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Foo %s >>" % big,
                           b"<< /Length 5 >>\nstream\nBT ET\nendstream"]))
    assert path.stat().st_size < 300_000
    _exits_1(path, "not a readable PDF")


def test_pdf_with_too_many_pages(tmp_path: Path) -> None:
    path = tmp_path / "pages.pdf"
    path.write_bytes(_pdf_page(b"BT /F1 12 Tf 72 712 Td (x) Tj ET", pages=2001))
    _exits_1(path, "has 2,001 pages")


def test_pdf_declaring_too_many_objects(tmp_path: Path) -> None:
    good = _pdf_page(b"BT ET")
    path = tmp_path / "objects.pdf"
    path.write_bytes(good.replace(b"/Size 5", b"/Size 90000000"))
    _exits_1(path, "declares 90,000,000 objects")


@pytest.mark.parametrize("data", [
    b"\xff\xfe" + "到2025年".encode("utf-16-le") + b"\x00\xd8\x41\x00",  # a lone surrogate
    b"\xfe\xff" + "到2025年".encode("utf-16-be") + b"\x4e",  # cut in the middle of a character
])
def test_bad_utf16(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bad16.txt"
    path.write_bytes(data)
    _exits_1(path, "not valid UTF-16")


def test_malformed_html(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes("<html><body><p>到2025年,高新技术企业达到600家。</p><![foo bar]></body></html>".encode())
    _exits_1(path, "malformed HTML")


WORDS = "新增企业达到家个项亿元万人增长%以上左右到年“”、"


@pytest.mark.parametrize("text", [
    # a flattened table or garbage: one "sentence" of 40 000 characters full of numbers
    "".join(WORDS[i % len(WORDS)] + str(i % 97) for i in range(14_000)),
    "1" * 60_000 + "家",  # one number as long as a book
])
def test_text_without_punctuation_is_extracted_in_linear_time(text: str) -> None:
    from policy_targets.core.extract.draft import draft_text

    t0 = time.perf_counter()
    draft_text(text)
    assert time.perf_counter() - t0 < 3  # each took minutes when a clause had no bound
