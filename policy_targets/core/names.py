"""Names a person typed, matched against the names we know: "did you mean …?".

Pure; used by the loaders (a misspelt key), the checker (an unknown indicator) and the CLI (an
unknown plan or target).
"""

from __future__ import annotations

from collections.abc import Iterable


def suggest(word: str, choices: Iterable[object]) -> str | None:
    """The closest known name to a misspelt one ('unitt' → 'unit'), if any is close."""
    import difflib  # only when a name is misspelt

    found = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[object]) -> str:
    s = suggest(word, choices)
    return f"; did you mean {s!r}?" if s else ""
