"""Writers of the data files that cannot lose a row or clobber a link (issue 18).

`record` (and any later writer of figures) holds `locked(folder)` while it reads the files,
checks the new row against them and writes it, so two writers never both decide on the same
old content: the second one waits, then reads the row of the first. The lock is `flock` on
the folder itself (an open descriptor of the directory), so no lock file is left behind and
the lock goes with the process if it dies.

A row is added by `append_bytes`, which writes at the end of the file in place (O_APPEND, then
fsync): a symbolic link keeps pointing at the shared file, hard links stay one file, the mode
and owner are untouched, and rows another program appended meanwhile through an open handle are
kept. If the write fails half way, the file is cut back to its old length.

`replace_keep_links` is for a writer that must rewrite a whole file: it writes the new content
beside the file the link points at (not beside the link) and renames it over that file,
keeping its mode.
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from policy_targets.files.atomic import write_atomic

LOCK_WAIT = 60.0
"""Seconds a writer waits for another one before giving up with a clear message."""


class Busy(OSError):
    """Another writer held the lock for longer than LOCK_WAIT seconds."""


@contextmanager
def locked(folder: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold an exclusive lock on `folder` (which must exist) for the body of the `with`.

    Every writer of the folder's files takes the same lock, so their read-check-write steps
    run one after the other. Raises `Busy` if the lock is not free within `wait` seconds.
    """
    try:
        import fcntl
    except ImportError:  # no flock (Windows): a lock file made with O_EXCL instead
        with _lock_file(Path(folder) / ".ptarget.lock", wait):
            yield
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise Busy(errno.EWOULDBLOCK, f"another ptarget has been writing in {folder} for "
                               f"{wait:g} s; try again when it has finished") from None
                time.sleep(0.01)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


class ChangedError(OSError):
    """The file is not as it was read: something wrote to it without taking the lock."""


@contextmanager
def _lock_file(path: Path, wait: float) -> Iterator[None]:
    """The lock of `locked` where flock is missing: the file exists while the lock is held."""
    deadline = time.monotonic() + wait
    while True:
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            break
        except FileExistsError:
            if time.monotonic() >= deadline:
                raise Busy(errno.EWOULDBLOCK, f"another ptarget has been writing in {path.parent} for "
                           f"{wait:g} s (or left {path} behind: delete it if none is running)") from None
            time.sleep(0.01)
    try:
        yield
    finally:
        os.unlink(path)


def append_bytes(path: Path, data: bytes, expected_size: int | None = None) -> int:
    """Append `data` to the end of the existing file `path` in place and fsync it.

    The file is opened through any symbolic link, so the file the link points at grows. With
    `expected_size`, a file whose size changed since it was read (a writer that does not take
    the lock) is refused with `ChangedError`, before anything is written.
    On a failure while writing, the file is cut back to its old length and the error re-raised.
    Returns the file's size before the append.
    """
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    try:
        size = os.fstat(fd).st_size
        if expected_size is not None and size != expected_size:
            raise ChangedError(errno.EAGAIN, f"{path} changed while the figure was being checked")
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        except BaseException:
            try:
                os.ftruncate(fd, size)
            except OSError:
                pass
            raise
        return size
    finally:
        os.close(fd)


def replace_keep_links(path: Path, data: bytes) -> None:
    """Replace the content of `path` atomically; a symbolic link is kept and its target replaced.

    The new content is renamed over the file the link resolves to (in that file's folder), so
    the link and every other link to the same name see it; the mode is kept by `write_atomic`.
    """
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    write_atomic(target, data)


class PairError(OSError):
    """One of the files of `write_together` could not be written; none of them was."""


def write_together(files: list[tuple[Path, bytes]], *, replace: bool = False,
                   inputs: Iterable[Path] = ()) -> None:
    """Write every (path, data) of `files`, or none of them: a plan and its source text.

    Each file first goes to a temporary file in its own folder (created if missing and removed
    again on failure); only when all are on disk are they renamed into place. If a rename fails,
    the files already renamed are taken back (a replaced file is restored from a hard link kept
    of it), so a failure leaves every path as it was. Without `replace`, an existing path is
    refused, and so is any of `inputs` (the files the command read), --force or not. Raises
    PairError naming the path and the reason.
    """
    import tempfile

    from policy_targets.files.guard import Inputs, output_problem

    read = Inputs(inputs)
    for path, _ in files:
        problem = output_problem(str(path), read)
        if problem:
            raise PairError(errno.EINVAL, f"{path} {problem}; nothing was written")
        if not replace and os.path.lexists(path):
            raise PairError(errno.EEXIST, f"{path} already exists; nothing was written")
    made: list[Path] = []
    temps: list[tuple[Path, str]] = []
    done: list[tuple[Path, str | None]] = []  # renamed into place, with the backup of the old file
    current = files[0][0] if files else Path(".")
    try:
        for path, data in files:
            current = path
            folder = path.parent if str(path.parent) else Path(".")
            if not folder.exists():
                folder.mkdir()
                made.append(folder)
            fd, tmp = tempfile.mkstemp(prefix=".ptarget.", suffix=".tmp", dir=folder)
            temps.append((path, tmp))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        for path, tmp in temps:
            current = path
            backup = None
            if os.path.lexists(path):
                backup = tmp + ".old"
                os.link(path, backup, follow_symlinks=False)
                os.replace(tmp, path)
            else:
                os.link(tmp, path)  # fails if the name was taken meanwhile
                os.unlink(tmp)
            done.append((path, backup))
    except OSError as exc:
        for path, backup in reversed(done):
            try:
                if backup is not None:
                    os.replace(backup, path)
                else:
                    os.unlink(path)
            except OSError:
                pass
        for _, tmp in temps:
            for name in (tmp, tmp + ".old"):
                try:
                    os.unlink(name)
                except OSError:
                    pass
        for folder in reversed(made):
            try:
                folder.rmdir()
            except OSError:
                pass
        raise PairError(exc.errno or errno.EIO, f"cannot write {current}: {exc.strerror or exc}; "
                        "nothing was written") from None
    for _, backup in done:
        if backup is not None:
            os.unlink(backup)
