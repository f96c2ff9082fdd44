"""write_atomic: a failure at any point leaves the old file byte for byte as it was."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from policy_targets.files import atomic


@pytest.mark.parametrize("fail_at", ["write", "fsync", "replace"])
def test_failure_mid_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              fail_at: str) -> None:
    target = tmp_path / "demo.csv"
    old = "target,period,value\r\nfirms,2023,700\r\n".encode("gb18030")
    target.write_bytes(old)

    def boom(*_a: object, **_k: object) -> None:
        raise OSError(28, "No space left on device")

    if fail_at == "write":
        real_fdopen = os.fdopen

        class Broken:
            def __init__(self, fh): self.fh = fh  # noqa: E704
            def __enter__(self): return self  # noqa: E704
            def __exit__(self, *a): self.fh.close()  # noqa: E704
            def write(self, data: bytes) -> None:
                self.fh.write(data[: len(data) // 2])  # half the bytes reach the temp file
                boom()

        monkeypatch.setattr(atomic.os, "fdopen", lambda fd, mode: Broken(real_fdopen(fd, mode)))
    elif fail_at == "fsync":
        monkeypatch.setattr(atomic.os, "fsync", boom)
    else:
        monkeypatch.setattr(atomic.os, "replace", boom)
    with pytest.raises(OSError):
        atomic.write_atomic(target, b"something else entirely")
    assert target.read_bytes() == old
    assert [p.name for p in tmp_path.iterdir()] == ["demo.csv"]  # no temporary file left behind


def test_exclusive_refuses_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.toml"
    target.write_bytes(b"old")
    with pytest.raises(FileExistsError):
        atomic.write_atomic(target, b"new", exclusive=True)
    assert target.read_bytes() == b"old"


def test_modes(tmp_path: Path) -> None:
    kept = tmp_path / "kept.csv"
    kept.write_bytes(b"x")
    kept.chmod(0o640)
    atomic.write_atomic(kept, b"y")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    fresh = tmp_path / "fresh.html"
    umask = os.umask(0o022)
    try:
        atomic.write_atomic(fresh, b"<p>")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644  # 0o666 & ~0o022, not mkstemp's 0o600
