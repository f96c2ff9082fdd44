"""Building small files for the extract tests: a PDF from its objects, a zip from its members."""

from __future__ import annotations

import io
import zipfile


def pdf_file(objects: list[bytes], size: int | None = None) -> bytes:
    """A PDF of these objects (1 0 obj the catalog), with a correct xref; `size` overrides /Size."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size or len(objects) + 1, xref)
    return bytes(out)


def zip_file(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()
