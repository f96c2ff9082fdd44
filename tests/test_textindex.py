"""SubstringIndex answers `q in text` exactly as `in` does (issue 18: quotes found without a scan each)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policy_targets.core import textindex
from policy_targets.core.textindex import K, MAX_CANDIDATES, STEP, SubstringIndex


@pytest.fixture(autouse=True)
def _index_every_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Texts here are short; filed all the same, so that the index, not the scan, answers."""
    monkeypatch.setattr(textindex, "SMALL", 0)

ALPHABETS = st.sampled_from(["ab", "abc", "到2025年高新技术企业达900家", "abcdefghijklmnop"])


@given(ALPHABETS.flatmap(lambda a: st.tuples(st.text(a, max_size=500), st.lists(st.text(a, max_size=40), max_size=20),
                                             st.lists(st.tuples(st.integers(0, 500), st.integers(0, 60)), max_size=20))))
def test_the_index_agrees_with_in(case: tuple[str, list[str], list[tuple[int, int]]]) -> None:
    text, others, cuts = case
    index = SubstringIndex(text)
    assert index._grams or len(text) < K  # filed, not scanned
    pieces = [text[i:i + n] for i, n in cuts]  # pieces of the text: found
    for q in pieces + others:
        assert (q in index) == (q in text), q
        at = index.find(q)
        assert at == -1 if q not in text else text.startswith(q, at)


def test_a_piece_found_at_every_alignment() -> None:
    # every start 0..STEP-1 of a 20-character quote in a text of distinct characters
    text = "".join(chr(0x4E00 + i) for i in range(200))
    index = SubstringIndex(text)
    for start in range(STEP * 2):
        assert index.find(text[start:start + 20]) == start


def test_a_text_that_repeats_itself_falls_back_to_a_scan() -> None:
    # one piece, filed more than MAX_CANDIDATES times: the list is not complete, so a scan decides
    text = "ab" * (K * STEP * (MAX_CANDIDATES + 2)) + "END-of-it-all"
    index = SubstringIndex(text)
    assert "ababababababababEND-of-it" in index
    assert "ababababababababEND-of-iX" not in index
