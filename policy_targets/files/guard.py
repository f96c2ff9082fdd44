"""What ptarget may read and where it may write (issue 18).

Reading stays inside the data directory: a file found in it (a plan, a CSV of figures, a source
text, indicators.toml) that is a link leading out of it, or that is not a regular file (a FIFO, a
device), is reported by `read_problem` and not opened, so a link to /proc/self/environ or to a
secret never reaches a message. A file named on the command line outside the data directory
(`--actuals ../x.csv`) is read as given: the person typed its name.

Writing never clobbers what the command reads or what is not a file: `output_problem` refuses
an output path that is one of the inputs of the command (`remember_inputs` is told them as they
are loaded), a future input (a .toml in the data directory, a .csv in its actuals/, a .txt in its
sources/), a folder, a device, a FIFO or a socket; `-`, /dev/stdout and /dev/fd/1 mean standard
output, plainly. `write_output` writes after that check, through a link to the file it names.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from policy_targets.files.atomic import write_atomic

STDOUT_NAMES = ("-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")
"""Output names that mean standard output: written there, never replaced by a file."""

_INPUT_FOLDERS = {"": ".toml", "actuals": ".csv", "sources": ".txt"}
"""Where, inside a data directory, a new file would become an input of the next command."""

_inputs: set[tuple[int, int]] = set()
_input_paths: set[str] = set()
_data_dirs: set[str] = set()


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def read_problem(path: Path, directory: Path) -> str | None:
    """Why the file `path`, found inside the data directory `directory`, must not be read; None if
    it may be. A path that is not inside `directory` by name (given on the command line) is not
    judged here. A missing file is left to the loader, which says so.
    """
    where = os.path.abspath(path)
    home = os.path.abspath(directory)
    if not _within(where, home):
        return None
    real = os.path.realpath(path)
    if not _within(real, os.path.realpath(directory)):
        return (f"is a link to a file outside the data directory {directory}; it is not read "
                "(copy the file into the data directory instead of linking to it)")
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISDIR(mode):
        return None  # the loaders report a folder where a file should be
    if not stat.S_ISREG(mode):
        return "is not a regular file (a FIFO, socket or device); it is not read (replace it by a file)"
    return None


def remember_inputs(paths: Iterable[Path], directory: Path | None = None) -> None:
    """Record the files a command reads (and its data directory), so that it never writes them."""
    if directory is not None:
        _data_dirs.add(os.path.realpath(directory))
    for p in paths:
        try:
            st = os.stat(p)
        except OSError:
            continue
        _inputs.add((st.st_dev, st.st_ino))
        _input_paths.add(os.path.realpath(p))


def forget_inputs() -> None:
    """Forget every input remembered (a new command in the same process starts clean)."""
    _inputs.clear()
    _input_paths.clear()
    _data_dirs.clear()


def is_stdout(path: str) -> bool:
    """`-`, /dev/stdout, /dev/fd/1 and /proc/self/fd/1: the output is standard output."""
    return str(path) in STDOUT_NAMES


def output_problem(path: str) -> str | None:
    """Why `path` may not be written by a command that reads the remembered inputs; None if it may."""
    if is_stdout(path):
        return None
    name = str(path)
    if not name or name.endswith(os.sep):
        return "is not a file name"
    real = os.path.realpath(name)
    try:
        st = os.stat(name)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        return f"cannot be examined: {exc.strerror or exc}"
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            return "is a folder; give the name of a file to write"
        if not stat.S_ISREG(st.st_mode):
            return ("is a device, FIFO or socket, not a file; ptarget writes files only "
                    "(use -o - for standard output)")
        if (st.st_dev, st.st_ino) in _inputs or real in _input_paths:
            return "is one of the files this command reads; it would be overwritten: choose another name"
    elif real in _input_paths:
        return "is one of the files this command reads; choose another name"
    parent, base = os.path.split(real)
    for home in _data_dirs:
        for sub, suffix in _INPUT_FOLDERS.items():
            folder = os.path.join(home, sub) if sub else home
            if parent == folder and base.lower().endswith(suffix):
                return (f"would become an input of ptarget in the data directory ({sub or 'plans'}/*{suffix}); "
                        "write it somewhere else")
    return None


class OutputRefused(ValueError):
    """An output path refused by `output_problem`; the message names the path and says why."""


def write_output(path: str, data: bytes) -> bool:
    """Write `data` to the output `path` after `output_problem`; True if it went to standard output.

    A link is followed: the file it names gets the content and the link stays. Raises
    OutputRefused for a refused path, OSError when the writing fails (the old file then untouched).
    """
    problem = output_problem(path)
    if problem:
        raise OutputRefused(f"{path} {problem}; nothing written")
    if is_stdout(path):
        out = sys.stdout.buffer
        out.write(data)
        out.flush()
        return True
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    write_atomic(target, data)
    return False
