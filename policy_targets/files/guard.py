"""What ptarget may read and where it may write (issue 18).

Reading stays inside the data directory: a file found in it (a plan, a CSV of figures, a source
text, indicators.toml) that is a link leading out of it, or that is not a regular file (a FIFO, a
device), is reported by `read_problem` and not opened, so a link to /proc/self/environ or to a
secret never reaches a message. A file named on the command line outside the data directory
(`--actuals ../x.csv`) is read as given: the person typed its name.

Writing never clobbers what the command reads or what is not a file: `output_problem` refuses
an output path that is one of the inputs of the command (`Inputs`, which `load_dataset`
gives every Dataset), a future input (a .toml in the data directory, a .csv in its actuals/, a .txt in its
sources/), a folder, a device, a FIFO or a socket; `-`, /dev/stdout and /dev/fd/1 mean standard
output, plainly. `write_output` writes after that check, through a link to the file it names.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path


STDOUT_NAMES = ("-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")
"""Output names that mean standard output: written there, never replaced by a file."""

MAX_TEXT_BYTES = 256 * 2**20
"""The largest plan file or source text read (each is read whole): a plan of 100 000 targets is
32 MiB. CSVs of figures are read as a stream and have no such limit."""

_INPUT_FOLDERS = {"": ".toml", "actuals": ".csv", "sources": ".txt"}
"""Where, inside a data directory, a new file would become an input of the next command."""

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
    try:
        st = os.lstat(path)
    except OSError:
        st = None
    # a file that is no link can only lead out through a linked folder: each folder is looked up once
    linked = st is None or stat.S_ISLNK(st.st_mode)
    real = os.path.realpath(path) if linked else os.path.join(_real(os.path.dirname(where)), os.path.basename(where))
    if not _within(real, _real(home)):
        return (f"is a link to a file outside the data directory {directory}; it is not read "
                "(copy the file into the data directory instead of linking to it)")
    try:
        if linked:
            st = os.stat(path)
    except OSError:
        return None
    assert st is not None
    if stat.S_ISDIR(st.st_mode):
        return None  # the loaders report a folder where a file should be
    if not stat.S_ISREG(st.st_mode):
        return "is not a regular file (a FIFO, socket or device); it is not read (replace it by a file)"
    if path.suffix.lower() in (".toml", ".txt") and st.st_size > MAX_TEXT_BYTES:
        return (f"is {_size(st.st_size)}, more than the {_size(MAX_TEXT_BYTES)} a plan or source text may be "
                "(read whole, it would exhaust memory); split the plan")
    return None


@lru_cache(maxsize=256)
def _real(folder: str) -> str:
    """os.path.realpath of a folder, once per folder (read_problem asks for every file's)."""
    return os.path.realpath(folder)


def _size(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB" if n >= 2**20 else f"{n:,} bytes"


class Inputs:
    """The files a command reads and its data directory: what its outputs must never overwrite."""

    def __init__(self, paths: Iterable[Path] = (), directory: Path | None = None) -> None:
        self._given = list(paths)
        self._directory = directory
        self._ids: set[tuple[int, int]] | None = None
        self._paths: set[str] = set()

    def _examine(self) -> None:
        """Inodes and real paths, found when an output is first checked (a reader never pays)."""
        self._ids = set()
        for p in self._given:
            try:
                st = os.stat(p)
            except OSError:
                continue
            self._ids.add((st.st_dev, st.st_ino))
            self._paths.add(os.path.realpath(p))

    @property
    def ids(self) -> set[tuple[int, int]]:
        if self._ids is None:
            self._examine()
        assert self._ids is not None
        return self._ids

    @property
    def paths(self) -> set[str]:
        if self._ids is None:
            self._examine()
        return self._paths

    @property
    def directory(self) -> str | None:
        return os.path.realpath(self._directory) if self._directory is not None else None


def is_stdout(path: str) -> bool:
    """`-`, /dev/stdout, /dev/fd/1 and /proc/self/fd/1: the output is standard output."""
    return str(path) in STDOUT_NAMES


def output_problem(path: str, inputs: Inputs | None = None) -> str | None:
    """Why `path` may not be written by a command that reads `inputs`; None if it may."""
    inputs = inputs or Inputs()
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
        if (st.st_dev, st.st_ino) in inputs.ids or real in inputs.paths:
            return "is one of the files this command reads; it would be overwritten: choose another name"
    elif real in inputs.paths:
        return "is one of the files this command reads; choose another name"
    parent, base = os.path.split(real)
    home = inputs.directory
    if home is not None:
        for sub, suffix in _INPUT_FOLDERS.items():
            folder = os.path.join(home, sub) if sub else home
            if parent == folder and base.lower().endswith(suffix):
                return (f"would become an input of ptarget in the data directory ({sub or 'plans'}/*{suffix}); "
                        "write it somewhere else")
    return None


class OutputRefused(ValueError):
    """An output path refused by `output_problem`; the message names the path and says why."""


def write_output(path: str, data: bytes, inputs: Inputs | None = None) -> bool:
    """Write `data` to the output `path` after `output_problem`; True if it went to standard output.

    A link is followed: the file it names gets the content and the link stays. Raises
    OutputRefused for a refused path, OSError when the writing fails (the old file then untouched).
    """
    problem = output_problem(path, inputs)
    if problem:
        raise OutputRefused(f"{path} {problem}; nothing written")
    if is_stdout(path):
        out = sys.stdout.buffer
        out.write(data)
        out.flush()
        return True
    from policy_targets.files.atomic import write_atomic  # tempfile: only for a command that writes

    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    write_atomic(target, data)
    return False
