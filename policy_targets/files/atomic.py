"""Writing files so that a failure at any point leaves the old file byte for byte as it was.

Everything that writes (new, record, reports, exports) goes through `write_atomic`: the
content goes to a temporary file in the same folder, is flushed to disk, and replaces the
target with one rename.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Write `data` to `path` atomically; with `exclusive`, refuse to replace an existing file."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if exclusive and path.exists():
        raise FileExistsError(f"{path} already exists")
    mode = None
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        pass
    # a short temporary name: `.<name>.XXXXXXXX.tmp` of a 242-255 byte name is over NAME_MAX
    stem = path.name.encode("utf-8", "surrogateescape")[:100].decode("utf-8", "ignore")
    fd, tmp = tempfile.mkstemp(prefix=f".{stem}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is None:  # a new file: what open() would give it, not mkstemp's 0600
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        if exclusive:
            # link fails if the name was taken meanwhile, so a concurrent writer never loses data
            os.link(tmp, path)
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_text_atomic(path: Path, text: str, encoding: str = "utf-8", **kw: bool) -> None:
    write_atomic(path, text.encode(encoding), **kw)
