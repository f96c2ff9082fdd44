"""How well `ptarget extract` drafts targets: recall and precision against hand-checked plans.

Usage:  .venv/bin/python benchmarks/extract_eval.py [--json] [--verbose] [--timing]

Runs the extractor on the five raw seed texts (/work/shared/seeds, or $PTARGET_SEEDS) and
compares its candidates with the project's hand-checked data/*.toml; then does the same on
the unseen texts of tests/fixtures/extract/ (each NAME.txt with its labels NAME.toml).

A candidate matches a target when value and unit agree (万家 and 家 converted) and their
clauses agree: the squashed quotes contain one another, or share a run of at least half of
the shorter one (the raw seeds' OCR damage makes exact equality too strict), against the
target's quote or any of its `also`. Each target is matched at most once; a second
candidate for a matched target is a false positive. On matches it also counts how often
kind, comparator and deadline (the year) are right.

--timing measures what issue 13 bounds: extraction (cleaning included) of a work report of
20 000 characters, cut from the labelled corpus ($PTARGET_CORPUS, default
/work/shared/extract-corpus), as the median of seven runs after a first, and the same text
as a single line. The answer keys there are scored by the corpus's own score.py.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tomllib
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from policy_targets.core.extract.draft import draft_text, target_dicts  # noqa: E402
from policy_targets.files.documents import read_document  # noqa: E402
from policy_targets.core.numbers import UnitError, convert  # noqa: E402

SEEDS = {"000": "jiangyin", "001": "jiaxing", "002": "bijie", "003": "changde", "004": "changzhou"}


def squash(s: str) -> str:
    s = re.sub(r"\s+", "", s)
    return s.translate({ord(","): "，", ord("("): "（", ord(")"): "）", ord(";"): "；", ord(":"): "："})


def clause_agrees(a: str, b: str) -> bool:
    x, y = squash(a), squash(b)
    if not x or not y:
        return False
    if x in y or y in x:
        return True
    m = SequenceMatcher(None, x, y, autojunk=False).find_longest_match(0, len(x), 0, len(y))
    return m.size >= max(4, 0.5 * min(len(x), len(y)))


def _values(v: object) -> list[float]:
    return [float(x) for x in v] if isinstance(v, list) else [float(v)] if v is not None else []  # type: ignore[union-attr]


def value_agrees(c: dict, t: dict) -> bool:
    cv, tv = _values(c.get("value")), _values(t.get("value", 1 if t["kind"] == "milestone" else 0))
    if len(cv) != len(tv):
        return False
    cu, tu = str(c.get("unit")), str(t.get("unit"))
    for a, b in zip(cv, tv):
        try:
            a = convert(a, cu, tu)
        except UnitError:
            return False
        if abs(a - b) > 1e-6 * max(1.0, abs(b)):
            return False
    return True


def year_of(d: object) -> int | None:
    if d is None:
        return None
    if isinstance(d, int):
        return d
    return int(str(d)[:4])


@dataclass
class Score:
    name: str
    targets: int = 0
    candidates: int = 0
    matched: int = 0
    kind_ok: int = 0
    comparator_ok: int = 0
    deadline_ok: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.targets if self.targets else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.candidates if self.candidates else 1.0

    def as_dict(self) -> dict[str, object]:
        m = self.matched or 1
        return {"plan": self.name, "targets": self.targets, "candidates": self.candidates,
                "matched": self.matched, "recall": round(self.recall, 3),
                "precision": round(self.precision, 3), "kind": round(self.kind_ok / m, 3),
                "comparator": round(self.comparator_ok / m, 3), "deadline": round(self.deadline_ok / m, 3)}


def score(name: str, cands: list[dict], truth: list[dict], plan_end: int) -> Score:
    s = Score(name, len(truth), len(cands))
    used: set[int] = set()
    for c in cands:
        hit = None
        for i, t in enumerate(truth):
            if i in used or not value_agrees(c, t):
                continue
            quotes = [t["quote"], *t.get("also", [])]
            if any(clause_agrees(c["quote"], q) for q in quotes):
                hit = i
                break
        if hit is None:
            s.extra.append(f"{c['value']} {c['unit']} | {c['quote']}")
            continue
        used.add(hit)
        t = truth[hit]
        s.matched += 1
        ok_k = c["kind"] == t["kind"]
        ok_c = c["comparator"] == t.get("comparator", ">=")
        ok_d = year_of(c.get("deadline")) == year_of(t.get("deadline", plan_end))
        s.kind_ok += ok_k
        s.comparator_ok += ok_c
        s.deadline_ok += ok_d
        if not (ok_k and ok_c and ok_d):
            s.wrong.append(f"{t['id']}: kind {c['kind']}/{t['kind']} comp {c['comparator']}/"
                           f"{t.get('comparator', '>=')} deadline {c.get('deadline')}/{t.get('deadline', plan_end)}")
    for i, t in enumerate(truth):
        if i not in used:
            s.missed.append(f"{t['id']}: {t.get('value')} {t['unit']} | {t['quote']}")
    return s


def run(text_path: Path, truth_path: Path, name: str) -> Score:
    draft = draft_text(read_document(text_path))
    cands = target_dicts(draft)
    doc = tomllib.loads(truth_path.read_text(encoding="utf-8"))
    return score(name, cands, doc.get("target", []), doc["plan"]["end"])


def total(name: str, scores: list[Score]) -> Score:
    t = Score(name)
    for s in scores:
        for k in ("targets", "candidates", "matched", "kind_ok", "comparator_ok", "deadline_ok"):
            setattr(t, k, getattr(t, k) + getattr(s, k))
    return t


def timing(corpus: Path, size: int = 20_000, runs: int = 7) -> dict[str, float | int]:
    """Seconds to draft a report of `size` characters: the first run, the median after it, one line."""
    import statistics
    import time

    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    text = "\n".join(texts)[:size]
    if len(text) < size:
        raise SystemExit(f"{corpus}: fewer than {size} characters of text")

    def once(t: str) -> float:
        t0 = time.perf_counter()
        draft_text(t)
        return time.perf_counter() - t0

    first = once(text)
    median = statistics.median(once(text) for _ in range(runs))
    line = statistics.median(once(text.replace("\n", "")) for _ in range(3))
    return {"characters": len(text), "first_s": round(first, 3), "median_s": round(median, 3),
            "one_line_median_s": round(line, 3), "targets": len(draft_text(text).candidates)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--verbose", "-v", action="store_true", help="list misses, extras and wrong fields")
    ap.add_argument("--timing", action="store_true", help="time a 20 000-character report instead")
    args = ap.parse_args()
    if args.timing:
        result = timing(Path(os.environ.get("PTARGET_CORPUS", "/work/shared/extract-corpus")))
        print(json.dumps(result) if args.json else "\n".join(f"{k}: {v}" for k, v in result.items()))
        return 0
    seeds = Path(os.environ.get("PTARGET_SEEDS", "/work/shared/seeds"))
    groups: dict[str, list[Score]] = {"seeds": [], "unseen": []}
    for path in sorted(seeds.glob("*.txt")):
        plan = SEEDS.get(path.name[:3])
        if plan and (ROOT / "data" / f"{plan}.toml").is_file():
            groups["seeds"].append(run(path, ROOT / "data" / f"{plan}.toml", plan))
    fixtures = ROOT / "tests" / "fixtures" / "extract"
    for path in sorted(fixtures.glob("*.txt")):
        labels = path.with_suffix(".toml")
        if labels.is_file():
            groups["unseen"].append(run(path, labels, path.stem))
    if args.json:
        print(json.dumps({g: [s.as_dict() for s in v] + [total("all", v).as_dict()]
                          for g, v in groups.items()}, ensure_ascii=False, indent=2))
        return 0
    for g, scores in groups.items():
        print(f"== {g}")
        print(f"{'plan':<14}{'targets':>8}{'cands':>7}{'match':>7}{'recall':>8}{'prec':>7}{'kind':>7}{'comp':>7}{'deadl':>7}")
        for s in scores + [total("all", scores)]:
            d = s.as_dict()
            print(f"{d['plan']:<14}{d['targets']:>8}{d['candidates']:>7}{d['matched']:>7}{d['recall']:>8.3f}"
                  f"{d['precision']:>7.3f}{d['kind']:>7.3f}{d['comparator']:>7.3f}{d['deadline']:>7.3f}")
            if args.verbose and s.name != "all":
                for m in s.missed:
                    print("   MISSED ", m)
                for e in s.extra:
                    print("   EXTRA  ", e)
                for w in s.wrong:
                    print("   WRONG  ", w)
    return 0


if __name__ == "__main__":
    sys.exit(main())
