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
        try:
            text = html_to_text(decode(path, data))
        except ExtractError:
            raise
        except Exception as exc:  # html.parser gives up on some malformed markup (AssertionError …)
            raise ExtractError(f"{path}: malformed HTML the parser cannot read ({type(exc).__name__}: {exc}); "
                               "open the page in a browser and save it as text") from None
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
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ExtractError(f"{path}: starts as UTF-16 text but byte {exc.start} is not valid UTF-16 "
                               "(a damaged or cut file?); save it again as UTF-8 text") from None
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


# A .docx is a zip: a small file can hold gigabytes of XML (a zip bomb). Only word/document.xml
# is read, in bounded chunks, and refused past either limit; real plans' XML is a few MB.
DOCX_MAX_BYTES = 64 * 1024 * 1024  # uncompressed word/document.xml
DOCX_MAX_RATIO = 200  # uncompressed / compressed; text XML compresses 5-20x
_CHUNK = 1 << 16
# A PDF's size in pages and objects: a plan has tens of pages; more is not a plan, or a trap.
PDF_MAX_PAGES = 2000
PDF_MAX_OBJECTS = 500_000
PDF_MAX_CHARS = 20_000_000


def _docx_xml(path: Path, data: bytes) -> bytes:
    """word/document.xml, read in chunks and refused past the size or ratio limits."""
    import io
    import zipfile

    name = "word/document.xml"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            info = z.getinfo(name)
            limit = min(DOCX_MAX_BYTES, max(_CHUNK, info.compress_size) * DOCX_MAX_RATIO)
            if info.file_size > limit:
                raise ExtractError(_bomb(path, info.file_size, info.compress_size))
            out = bytearray()
            with z.open(info) as f:
                while chunk := f.read(_CHUNK):
                    out += chunk
                    if len(out) > limit:  # the header may lie about the size
                        raise ExtractError(_bomb(path, len(out), info.compress_size))
            return bytes(out)
    except ExtractError:
        raise
    except KeyError:
        raise ExtractError(f"{path}: not a readable .docx (no word/document.xml inside); "
                           "open it in Word and save it again, or save it as plain text") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError, ValueError) as exc:
        raise ExtractError(f"{path}: not a readable .docx ({exc}); open it in Word and save it again, "
                           "or save it as plain text") from None


def _bomb(path: Path, size: int, packed: int) -> str:
    return (f"{path}: word/document.xml unpacks to over {size:,} bytes from {packed:,} (limits: "
            f"{DOCX_MAX_BYTES // 2**20} MiB, {DOCX_MAX_RATIO}x compression); not a plan's document "
            "(a zip bomb?). Save the text as .txt if it is genuine")


def read_docx(path: Path, data: bytes) -> str:
    """A .docx's paragraphs in document order, each table row as one line of cells joined by ' | '.

    A .docx is a zip of XML: reading word/document.xml needs no library, and avoids
    python-docx's compiled lxml dependency. A 主要指标 table keeps its rows whole this way.
    """
    from xml.etree import ElementTree as ET

    xml = _docx_xml(path, data)
    if b"<!DOCTYPE" in xml[:4096] or b"<!ENTITY" in xml:
        raise ExtractError(f"{path}: word/document.xml declares entities, which Word never writes; "
                           "not a genuine .docx")
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        raise ExtractError(f"{path}: a damaged .docx ({exc}); open it in Word and save it again") from None
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def para(p: ET.Element) -> str:
        parts = []
        for node in p.iter():
            if node.tag == f"{w}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{w}tab":
                parts.append(" ")
            elif node.tag in (f"{w}br", f"{w}cr"):
                parts.append("\n")
        return "".join(parts)

    lines: list[str] = []

    def walk(el: ET.Element) -> None:
        for child in el:
            if child.tag == f"{w}p":
                lines.append(para(child))
            elif child.tag == f"{w}tbl":
                for tr in child.iter(f"{w}tr"):
                    row = [" ".join(para(p).strip() for p in tc.iter(f"{w}p")).strip()
                           for tc in tr.iter(f"{w}tc")]
                    lines.append(" | ".join(c.replace("|", "/") for c in row))
            else:
                walk(child)  # body, content controls, inserted runs

    walk(root)
    return "\n".join(lines)


def read_pdf(path: Path, data: bytes) -> str:
    """The text layer of a PDF (pypdf), within page, object and size limits."""
    import io
    import logging

    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - a declared dependency
        raise ExtractError(f"{path}: reading PDF needs the pypdf package (pip install pypdf)") from None

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    what = "open it and save or print it again as PDF, or paste its text into a .txt file"
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise ExtractError(f"{path}: an encrypted PDF; save an unprotected copy") from None
        size = reader.trailer.get("/Size", 0)
        if isinstance(size, int) and size > PDF_MAX_OBJECTS:
            raise ExtractError(f"{path}: the PDF declares {size:,} objects (limit {PDF_MAX_OBJECTS:,}); "
                               f"not a plan's document; {what}")
        n = len(reader.pages)
        if n > PDF_MAX_PAGES:
            raise ExtractError(f"{path}: the PDF has {n:,} pages (limit {PDF_MAX_PAGES:,}); "
                               "split out the plan's pages first")
        pages, total = [], 0
        for page in reader.pages:
            t = page.extract_text() or ""
            total += len(t)
            if total > PDF_MAX_CHARS:
                raise ExtractError(f"{path}: the PDF's text runs past {PDF_MAX_CHARS:,} characters; "
                                   "not a plan's document")
            pages.append(t)
    except ExtractError:
        raise
    except RecursionError:
        raise ExtractError(f"{path}: the PDF nests its objects too deeply to read; {what}") from None
    except MemoryError:
        raise ExtractError(f"{path}: the PDF needs more memory than a plan's text can; {what}") from None
    except Exception as exc:  # pypdf raises many types (LimitReachedError, PdfReadError, KeyError …) on bad files
        raise ExtractError(f"{path}: not a readable PDF ({type(exc).__name__}: {exc}); {what}") from None
    text = "\n\f\n".join(pages)
    if not re.search(r"\w", text.replace("\f", "")):
        raise ExtractError(f"{path}: the PDF has no text layer (a scanned document?); run OCR on it "
                           "first, or paste its text into a .txt file")
    return text


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block per line, a table row as cells joined by ' | '."""
    from html.parser import HTMLParser

    blocks = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
              "article", "title", "table", "ul", "ol"}
    hidden = {"script", "style", "noscript", "template", "head"}

    class P(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.out: list[str] = []
            self.skip = 0
            self.cells = 0  # cells begun in the current table row

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in hidden:
                self.skip += 1
            if tag in ("td", "th"):
                if self.cells:
                    self.out.append(" | ")
                self.cells += 1
            elif tag in blocks and not (self.cells and tag in ("p", "div", "br")):
                self.out.append("\n")
            if tag == "tr":
                self.cells = 0

        def handle_endtag(self, tag: str) -> None:
            if tag in hidden and self.skip:
                self.skip -= 1
            if tag in ("tr", "table"):
                self.cells = 0
            if tag in blocks and not (self.cells and tag in ("p", "div")):
                self.out.append("\n")

        def handle_data(self, data: str) -> None:
            if not self.skip:
                self.out.append(data.replace("|", "/") if self.cells else data)

    p = P()
    p.feed(html)
    p.close()
    text = "".join(p.out)
    lines = [re.sub(r"[ \t]+", " ", x).strip() for x in text.split("\n")]
    return "\n".join(x for x in lines if x)
