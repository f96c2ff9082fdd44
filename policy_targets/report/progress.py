"""Progress on standard error, for work that takes more than a moment (a national `gap`,
`status` or `report` over hundreds of plans): a transient bar when standard error is a
terminal, nothing at all otherwise (a pipe, a CI log, a test). rich is imported only then.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sized
from contextlib import contextmanager
from typing import TypeVar

X = TypeVar("X")
MIN_ITEMS = 20  # fewer plans than this are done before a bar would be read


def _shown() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


def steps(items: Iterable[X], label: str, min_items: int = MIN_ITEMS) -> Iterator[X]:
    """`items`, one by one, with a bar on standard error while they are worked through (a
    stream of plans says how many it will yield by its len())."""
    total = len(items) if isinstance(items, Sized) else 0
    if total < min_items or not _shown():
        yield from items
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        for item in items:
            yield item
            bar.advance(task)


@contextmanager
def working(label: str) -> Iterator[None]:
    """A spinner on standard error while the block runs (loading the data directory)."""
    if not _shown():
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(label):
        yield
