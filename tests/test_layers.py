"""The layers of the package, read from its imports: the path of a module says its layer, and no
import may point up.

    core/    pure: model, periods, numbers, pace, assessment, check rules, views, extraction
    files/   loaders and writers: files ↔ model + findings     (may import core)
    report/  reporters: results → text, JSON, HTML, SVG, xlsx  (may import core)
    cli/     click: parse, call, pick a reporter               (may import anything)

Every `import` and `from … import` is read with ast, those inside functions too, so a lazy
import cannot hide a crossing.
"""

from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path

import click
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "policy_targets"
ALLOWED = {
    "core": {"core"},
    "files": {"core", "files"},
    "report": {"core", "report"},
    "cli": {"core", "files", "report", "cli", ""},
}


def layer_of(module: str) -> str | None:
    """'policy_targets.core.assess' → 'core'; the package itself → ''; outside → None."""
    parts = module.split(".")
    if parts[0] != "policy_targets":
        return None
    if len(parts) == 1 or parts[1] in ("__init__", "__main__", "data"):
        return ""
    return parts[1] if parts[1] in ALLOWED else f"?{parts[1]}"


def imports_of(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports (absolute names), with the line of the import."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    here = list(rel.parts[:-1]) if rel.name != "__init__" else list(rel.parts[:-1])
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            # `from policy_targets.core import pace` imports policy_targets.core.pace
            found += [(node.lineno, f"{module}.{a.name}") for a in node.names
                      if (PACKAGE.parent / module.replace(".", "/") / f"{a.name}.py").exists()]
    return found


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def crossings() -> list[str]:
    bad = []
    for path in modules():
        mine = layer_of(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts))
        if mine == "" or mine is None:
            continue
        for line, module in imports_of(path):
            theirs = layer_of(module)
            if theirs is None:
                continue
            if mine.startswith("?") or theirs not in ALLOWED.get(mine, set()):
                bad.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {mine or 'package'} imports {module}")
    return bad


def test_every_module_is_in_a_layer() -> None:
    strays = [str(p.relative_to(PACKAGE.parent)) for p in modules()
              if (layer_of(".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts)) or "").startswith("?")]
    assert strays == []


def test_no_import_crosses_a_layer_upwards() -> None:
    assert crossings() == []


def test_the_reader_sees_a_crossing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The control: a core module that imports a loader, even inside a function, is caught."""
    fake = tmp_path / "policy_targets"
    (fake / "core").mkdir(parents=True)
    (fake / "files").mkdir()
    (fake / "files" / "plan.py").write_text("X = 1\n")
    (fake / "core" / "bad.py").write_text("def f():\n    from policy_targets.files import plan\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    assert crossings() == ["policy_targets/core/bad.py:2: core imports policy_targets.files",
                           "policy_targets/core/bad.py:2: core imports policy_targets.files.plan"]


def test_every_command_is_registered_once() -> None:
    """A command defined in a cli module but missing from COMMANDS would silently vanish."""
    from policy_targets.cli import COMMANDS

    defined: list[str] = []
    for path in sorted((PACKAGE / "cli").glob("*.py")):
        module = importlib.import_module(f"policy_targets.cli.{path.stem}" if path.stem != "__init__"
                                         else "policy_targets.cli")
        for attr, obj in vars(module).items():
            if isinstance(obj, click.Command) and not isinstance(obj, click.Group) \
                    and obj.callback is not None and obj.callback.__module__ == module.__name__:
                defined.append(obj.name or attr)
                assert COMMANDS.get(obj.name or "") == (path.stem, attr), obj.name
    assert sorted(defined) == sorted(COMMANDS)
