"""Is this quote in the source text? Answered in time that does not grow with the text (issue 18).

`check` looks up every quote of a plan in its squashed source text. `quote in body` scans the
body, so a plan of n targets with a source of n clauses took n² steps: 100 000 targets, minutes.
`SubstringIndex` files the position of every STEP-th K-character piece of the body once (linear),
then finds a quote by the rarest of its filed pieces, one per alignment, and checks the few
places those occur.
A text shorter than SMALL, a quote shorter than K + STEP - 1 characters, or a quote whose pieces all occur more than MAX_CANDIDATES
times (a text that repeats itself), is looked up by a plain scan, as before.
"""

from __future__ import annotations

K = 8
STEP = 8
MAX_CANDIDATES = 64
SMALL = 1 << 16
"""A text shorter than this (64 Ki characters, a plan of a few hundred targets) is scanned."""


class SubstringIndex:
    """`q in index` ⇔ `q in text`, for a text searched many times."""

    def __init__(self, text: str) -> None:
        self.text = text
        grams: dict[str, list[int] | int] = {}
        self._grams = grams
        if len(text) < SMALL:  # a scan of a short text costs less than filing its pieces
            return
        for pos in range(0, len(text) - K + 1, STEP):
            gram = text[pos:pos + K]
            seen = grams.get(gram)
            if seen is None:
                grams[gram] = pos  # most pieces occur once: an int, not a list
            elif isinstance(seen, int):
                grams[gram] = [seen, pos]
            elif len(seen) <= MAX_CANDIDATES:
                seen.append(pos)

    def find(self, q: str) -> int:
        """The index of a place `q` occurs in the text (not always the first), or -1."""
        if len(q) < K + STEP - 1 or len(self.text) < SMALL:
            return self.text.find(q)
        # If q starts at s, then for first = -s mod STEP every piece q[o:o + K] with o = first,
        # first + STEP, … is filed at s + o (a multiple of STEP). So for each `first`, the rarest
        # of those pieces lists every place q can start with that alignment.
        lists: list[tuple[list[int], int]] = []
        for first in range(STEP):
            best: list[int] | None = None
            best_offset = first
            for offset in range(first, len(q) - K + 1, STEP):
                seen = self._grams.get(q[offset:offset + K])
                places = [] if seen is None else [seen] if isinstance(seen, int) else seen
                if len(places) <= MAX_CANDIDATES and (best is None or len(places) < len(best)):
                    best, best_offset = places, offset
                    if not places:
                        break
            if best is None:  # every piece too common to list in full: scan
                return self.text.find(q)
            lists.append((best, best_offset))
        lists.sort(key=lambda x: len(x[0]))  # the true alignment usually has a piece found once
        for places, offset in lists:
            for place in places:
                start = place - offset
                if start >= 0 and self.text.startswith(q, start):
                    return start
        return -1

    def __contains__(self, q: str) -> bool:
        return self.find(q) >= 0
