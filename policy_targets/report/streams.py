"""Standard output and error that cannot turn into an "internal error" (issue 18).

`prepare` is called once by the entry point, before any command:

- a terminal or pipe in ASCII, Latin-1 or cp1252 cannot encode 常州 or ≥: characters the
  stream's encoding lacks are written as backslash escapes (\\u2265) instead of raising;
- COLUMNS or LINES that is not a number from 1 to 10 000 (COLUMNS=abc, or a width that would
  make rich lay out lines of a billion cells) is ignored, as if unset;
- a last flush of standard output at exit reports a full device in one line (exit 1) and
  stays quiet for a reader that has gone away (`ptarget list | true`: exit 0).

`settle` and `os_error` turn what escapes a command into an exit code: a closed pipe is not a
failure of ptarget; a full device or an I/O error is one line naming what failed, exit 1.
"""

from __future__ import annotations

import atexit
import errno
import os
import sys

_QUIET = (errno.EPIPE,)
_prepared = False
_stdout_at_start: tuple[int, int] | None = None


def prepare() -> None:
    """Make the standard streams and the terminal size variables safe for every command."""
    global _prepared, _stdout_at_start
    _stdout_at_start = _identity(1)
    for name in ("COLUMNS", "LINES"):
        value = os.environ.get(name)
        if value is not None and not (value.strip().isdigit() and 0 < int(value) <= 10_000):
            del os.environ[name]
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass
    if not _prepared:
        _prepared = True
        atexit.register(_flush_at_exit)


def _identity(fd_or_path: int | str) -> tuple[int, int] | None:
    """The (device, inode) of an open descriptor or a path; None if it cannot be examined."""
    try:
        st = os.fstat(fd_or_path) if isinstance(fd_or_path, int) else os.stat(fd_or_path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _pipe_closed() -> bool:
    """True if click or rich has seen standard output's reader go away and exited 1: click wraps
    the stream, rich points descriptor 1 at /dev/null (Console.on_broken_pipe)."""
    if "PacifyFlushWrapper" in type(sys.stdout).__name__:
        return True
    now = _identity(1)
    return now is not None and now != _stdout_at_start and now == _identity(os.devnull)


def settle(exc: SystemExit) -> SystemExit:
    """The SystemExit to raise for `exc`: exit 0 instead of click's 1 when the reader of standard
    output went away (`ptarget list | head -1` has done its job)."""
    if exc.code == 1 and _pipe_closed():
        _silence_stdout()
        return SystemExit(0)
    return exc


def os_error(exc: OSError) -> int:
    """Report an OSError that escaped a command in one line; the exit code to use."""
    if exc.errno in _QUIET:
        _silence_stdout()
        return 0
    what = exc.filename if exc.filename else "the output"
    _say(f"ptarget: cannot write {what}: {exc.strerror or exc}")
    _silence_stdout()
    return 1


def out_of_memory() -> int:
    """Report running out of memory in one line (never a traceback); the exit code, 1."""
    _say("ptarget: out of memory: the data is more than this machine can hold; check its files one "
         "at a time (ptarget check FILE) to find the one that is too large")
    return 1


def _say(line: str) -> None:
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that the flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _flush_at_exit() -> None:
    try:
        sys.stdout.flush()
    except OSError as exc:
        code = os_error(exc)
        os._exit(code)  # past this point Python would only print "Exception ignored" and exit 120
    except ValueError:  # closed
        pass
