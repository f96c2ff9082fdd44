"""Reading a plan's file into raw text: plain text, .docx, .pdf with a text layer, .html.

Each format's reader is imported lazily, so `--help` and the other commands never pay for
it. Every failure is an `ExtractError` naming the file and what to do, never a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path


class ExtractError(Exception):
    """A file that cannot be read as a plan's text; the message says why and what to do."""


TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}


def read_document(path: Path) -> str:
    """The raw text of a plan's file, by its suffix (or its first bytes when that says more)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ExtractError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ExtractError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise ExtractError(f"{path}: cannot read the file: {exc.strerror or exc}") from None
    if not data.strip():
        raise ExtractError(f"{path}: the file is empty")
    suffix = path.suffix.lower()
    if data.startswith(b"%PDF") or suffix == ".pdf":
        text = read_pdf(path, data)
    elif data.startswith(b"PK\x03\x04") or suffix == ".docx":
        text = read_docx(path, data)
    elif suffix in HTML_SUFFIXES or _looks_html(data):
        text = html_to_text(decode(path, data))
    elif suffix == ".doc" or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ExtractError(f"{path}: an old Word .doc file; save it as .docx or plain text first")
    else:
        text = decode(path, data)
    if not re.search("[\u3400-\u9fff]", text):
        raise ExtractError(f"{path}: no Chinese text found (is this a plan's text?)")
    return text


def _looks_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def decode(path: Path, data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030; binary data is an error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise ExtractError(f"{path}: a binary file, not text (expected UTF-8 or GB18030 text, "
                           ".docx, .pdf or .html)")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
        if controls > 8:
            break
        return text
    raise ExtractError(f"{path}: not readable as UTF-8 or GB18030 text (a binary file?)")


def read_docx(path: Path, data: bytes) -> str:
    """A .docx's paragraphs (tables included, in document order) via the stdlib.

    A .docx is a zip of XML: reading word/document.xml's <w:p> elements needs no library,
    and avoids python-docx's compiled lxml dependency.
    """
    import io
    import zipfile
    from xml.etree import ElementTree as ET

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = z.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError):
        raise ExtractError(f"{path}: not a readable .docx (no word/document.xml inside)") from None
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        raise ExtractError(f"{path}: a damaged .docx ({exc})") from None
    paras = []
    for p in root.iter(f"{w}p"):
        parts = []
        for node in p.iter():
            if node.tag == f"{w}t" and node.text:
                parts.append(node.text)
            elif node.tag in (f"{w}tab",):
                parts.append(" ")
            elif node.tag in (f"{w}br", f"{w}cr"):
                parts.append("\n")
        paras.append("".join(parts))
    return "\n".join(paras)


def read_pdf(path: Path, data: bytes) -> str:
    """The text layer of a PDF (pypdf); a scanned PDF without one is an error."""
    import io

    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - a declared dependency
        raise ExtractError(f"{path}: reading PDF needs the pypdf package (pip install pypdf)") from None
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise ExtractError(f"{path}: an encrypted PDF; save an unprotected copy") from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except ExtractError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ExtractError(f"{path}: not a readable PDF ({exc})") from None
    text = "\n\f\n".join(pages)
    if not re.search(r"\w", text.replace("\f", "")):
        raise ExtractError(f"{path}: the PDF has no text layer (a scanned document?); run OCR on it "
                           "first, or paste its text into a .txt file")
    return text


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block per line (stdlib html.parser)."""
    from html.parser import HTMLParser

    blocks = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
              "article", "td", "title", "table", "ul", "ol"}
    hidden = {"script", "style", "noscript", "template", "head"}

    class P(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.out: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in hidden:
                self.skip += 1
            if tag in blocks:
                self.out.append("\n")

        def handle_endtag(self, tag: str) -> None:
            if tag in hidden and self.skip:
                self.skip -= 1
            if tag in blocks:
                self.out.append("\n")

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.out.append(data)

    p = P()
    p.feed(html)
    text = "".join(p.out)
    lines = [re.sub(r"[ \t]+", " ", x).strip() for x in text.split("\n")]
    return "\n".join(x for x in lines if x)
