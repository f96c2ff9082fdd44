"""Every finding has a stable code, and the codes are exactly those docs/authoring.md lists.

The codes in the source are read with ast: the first argument of every `.error(...)` /
`.warning(...)` call of a Findings collector and the `code=` (or seventh argument) of every
`Finding(...)`. A code used but not documented, or documented but never used, fails.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from tests import datadir

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "authoring.md"


def documented() -> dict[str, str]:
    """code → severity, from the table under '### Finding codes'."""
    text = DOC.read_text(encoding="utf-8")
    table = text.split("### Finding codes", 1)[1].split("\n### ", 1)[0]
    return {m.group(1): m.group(2) for m in re.finditer(r"^\| `([a-z0-9-]+)` \| (error|warning) \|", table, re.M)}


def used() -> set[str]:
    codes: set[str] = set()
    for path in (ROOT / "policy_targets").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            fn = node.func
            name = fn.attr if isinstance(fn, ast.Attribute) else fn.id if isinstance(fn, ast.Name) else ""
            if name in ("error", "warning", "err") and len(node.args) >= 2:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str) \
                        and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", first.value):
                    codes.add(first.value)
            if name == "Finding":
                kw = [k.value for k in node.keywords if k.arg == "code"]
                arg = node.args[6:7]
                for v in kw + arg:
                    if isinstance(v, ast.Name) and v.id == "code":  # Findings passing its own on
                        continue
                    assert isinstance(v, ast.Constant), f"{path}:{node.lineno}: a code must be a literal"
                    codes.add(v.value)
    return codes


def test_codes_in_the_source_are_the_documented_ones() -> None:
    assert used() == set(documented())


def test_every_finding_of_a_broken_data_set_has_a_documented_code(run_line) -> None:  # type: ignore[no-untyped-def]
    """A plan with a misspelt key and a CSV with an unknown target: each finding says which."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        plan = datadir.PLAN.replace('unit = "家"', 'unitt = "家"', 1)
        actuals = datadir.ACTUALS + "firmz,2023,1,,,,,\n"
        data = datadir.make(Path(tmp), plan=plan, actuals=actuals)
        result = run_line(["ptarget", "check", "--data", str(data), "--format", "json"])
        findings = json.loads(result.stdout)
    codes = {(f["code"], f["key"]) for f in findings}
    # the misspelt key is unknown, and so the required key 'unit' is missing; the row's target
    # 'firmz' is unknown
    assert ("unknown-key", "unitt") in codes
    assert ("missing-key", "unit") in codes
    assert ("unknown-target", "target") in codes
    assert all(f["code"] in documented() for f in findings)
    assert all(f["severity"] == documented()[f["code"]] for f in findings)
