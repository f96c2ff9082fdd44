"""Names a person typed, matched against the names we know: "did you mean …?".

Pure; used by the loaders (a misspelt key), the checker (an unknown indicator) and the CLI (an
unknown plan or target).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def suggest(word: str, choices: Iterable[object]) -> str | None:
    """The closest known name to a misspelt one ('unitt' → 'unit'), if any is close."""
    import difflib  # only when a name is misspelt

    found = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[object]) -> str:
    s = suggest(word, choices)
    return f"; did you mean {s!r}?" if s else ""


# ---------------------------------------------------------------- targets and plans by name

_FOLD = str.maketrans({"（": "(", "）": ")", "“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"',
                       "，": ",", "、": ",", "：": ":", "　": None, " ": None, "\t": None})


def fold(text: str) -> str:
    """A name as compared: full-width folded, quotes and brackets of one kind, no spaces, lower case."""
    from policy_targets.core.numbers import normalize

    return normalize(text).translate(_FOLD).lower()


def items_named(plan: Any, text: str) -> list[Any]:
    """The targets and series of `plan` that `text` names: by id, else by Chinese `name`, else
    by `name_en` (case, width, spaces and the kind of quotes ignored). Usually one; two when two
    items share a name; none when nothing matches."""
    item = plan.item(text)
    if item is not None:
        return [item]
    key = fold(text)
    if not key:
        return []
    items = [*plan.targets, *plan.series]
    for attr in ("id", "name", "name_en"):
        found = [i for i in items if fold(getattr(i, attr) or "") == key]
        if found:
            return found
    return []


def suggest_item(plan: Any, text: str) -> str:
    """"; did you mean 'high_tech_enterprises' (高新技术企业数量)?", searching ids, Chinese names
    and English names at once; "" when nothing is close."""
    import difflib

    items = [*plan.targets, *plan.series]
    key = fold(text)
    best: tuple[float, Any, str] | None = None
    for item in items:
        for attr in ("id", "name", "name_en"):
            name = fold(getattr(item, attr) or "")
            if not name:
                continue
            ratio = difflib.SequenceMatcher(None, key, name).ratio()
            if ratio >= 0.6 and (best is None or ratio > best[0]):
                best = (ratio, item, attr)
    if best is None:
        return ""
    _, item, attr = best
    return f"; did you mean {item.id!r}?" if attr == "id" else f"; did you mean {item.id!r} ({item.name})?"


def plans_named(plans: dict[str, Any], text: str) -> list[Any]:
    """The plans `text` names: a plan id, else a city slug, else the city's Chinese name with or
    without 市/县/区 (常德, 常德市). A city may have several plans."""
    if text in plans:
        return [plans[text]]
    key = fold(text)
    by_city = [p for p in plans.values() if fold(p.city) == key]
    if by_city:
        return by_city

    def bare(name: str) -> str:
        name = fold(name)
        return name[:-1] if len(name) > 2 and name[-1] in "市县区州盟" else name

    return [p for p in plans.values() if p.city_zh and bare(p.city_zh) == bare(text)] if key else []


def plan_names(plans: dict[str, Any]) -> list[str]:
    """Every name a plan may be called by: ids, city slugs, Chinese city names."""
    return sorted(set(plans) | {p.city for p in plans.values()} | {p.city_zh for p in plans.values() if p.city_zh})


class Hints:
    """`did_you_mean` for the first `limit` calls only: each compares a word with every choice,
    so one per target or row of a hostile file against many ids was quadratic."""

    def __init__(self, limit: int = 20) -> None:
        self.left = limit

    def __call__(self, word: str, choices: Iterable[object]) -> str:
        self.left -= 1
        return did_you_mean(word, choices) if self.left >= 0 else ""
