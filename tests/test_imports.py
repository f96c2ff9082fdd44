"""Which modules a command loads: `--json`, `--help`, `--version` and `check --format github`
must not import rich (the table library) nor dateutil (only for free-form dates).

Each case runs in a fresh interpreter, because the test process itself has long imported
both. A small runner calls `policy_targets.cli.main([...])`, catches its SystemExit and
prints the sorted names of sys.modules as the last line of stderr.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import datadir

RUNNER = """
import json, sys
argv = sys.argv[1:]
if argv != ["--import-only"]:
    from policy_targets.cli import main
    try:
        main(argv)
    except SystemExit as exc:
        code = exc.code
    else:
        code = 0
else:
    import policy_targets.cli  # noqa: F401
    code = 0
sys.stdout.flush()
print("MODULES " + json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""

ACTUALS = "target,period,value,unit,published\nfirms,2024,820,家,{published}\n"


def make_data(root: Path, published: str = "2025-03-01") -> Path:
    """The shared demo data set (tests/datadir.py) with one figure: firms 820 in 2024."""
    return datadir.make(root, actuals=ACTUALS.format(published=published))


def run(tmp_path: Path, *args: str) -> tuple[int, set[str], str]:
    """Exit code, loaded module names and stdout of `ptarget ARGS` in a fresh interpreter."""
    runner = tmp_path / "runner.py"
    runner.write_text(RUNNER, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PTARGET_DATA", "GITHUB_ACTIONS")}
    p = subprocess.run([sys.executable, str(runner), *args], cwd=tmp_path, env=env,
                       capture_output=True, text=True, timeout=60)
    last = p.stderr.rstrip().splitlines()[-1]
    assert last.startswith("MODULES "), p.stderr
    report = json.loads(last[len("MODULES "):])
    return report["code"], set(report["modules"]), p.stdout


def heavy(modules: set[str]) -> set[str]:
    """The loaded modules of rich and dateutil, top-level names only."""
    return {m.split(".")[0] for m in modules} & {"rich", "dateutil"}


def test_importing_the_cli_loads_neither_rich_nor_dateutil(tmp_path: Path) -> None:
    code, modules, _ = run(tmp_path, "--import-only")
    assert code == 0
    assert "policy_targets.cli" in modules  # the runner did import it
    assert heavy(modules) == set()


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["status", "--help"]])
def test_help_and_version_load_neither(tmp_path: Path, args: list[str]) -> None:
    code, modules, out = run(tmp_path, *args)
    assert code == 0
    assert "ptarget" in out or "Usage" in out
    assert heavy(modules) == set()


def test_status_json_loads_neither(tmp_path: Path) -> None:
    data = make_data(tmp_path)
    code, modules, out = run(tmp_path, "status", "demo", "--json", "--data", str(data))
    assert code == 0
    result = json.loads(out)
    assert result["targets"][0]["actual"]["value"] == 820  # the figure of demo.csv
    assert heavy(modules) == set()


def test_a_command_looks_up_no_message_catalogue(tmp_path: Path) -> None:
    """click's own -h/--help looks its text up through gettext each time a command is parsed,
    which imports locale; ptarget builds that option itself (cli.OwnHelp)."""
    data = make_data(tmp_path)
    for args in (["status", "demo", "--json"], ["status", "demo"]):
        code, modules, _ = run(tmp_path, *args, "--data", str(data))
        assert code == 0 and "locale" not in modules
    # the control: click's error message does go through gettext, so the test can fail
    code, modules, _ = run(tmp_path, "status", "--bogus")
    assert code == 2 and "locale" in modules


def test_gap_json_loads_neither(tmp_path: Path) -> None:
    data = make_data(tmp_path)
    code, modules, out = run(tmp_path, "gap", "--year", "2024", "--json", "--data", str(data))
    assert code == 0
    assert [r["target"] for r in json.loads(out)] == ["firms", "contracts", "platforms"]
    assert heavy(modules) == set()


def test_check_github_loads_neither(tmp_path: Path) -> None:
    data = make_data(tmp_path)
    # a quote the source does not contain: check reports it as an annotation and exits 1
    (data / "demo.toml").write_text(datadir.PLAN.replace("达到900家\"", "达到900家以上\""), encoding="utf-8")
    code, modules, out = run(tmp_path, "check", str(data), "--format", "github")
    assert code == 1
    assert out.startswith("::error file=")
    assert heavy(modules) == set()


def test_the_table_does_load_rich(tmp_path: Path) -> None:
    """The control: the same command without --json prints with rich, so the test can fail."""
    data = make_data(tmp_path)
    code, modules, out = run(tmp_path, "status", "demo", "--data", str(data))
    assert code == 0
    assert "High-tech firms" in out
    assert "rich" in modules
    assert "dateutil" not in heavy(modules)


def test_a_free_form_date_does_load_dateutil(tmp_path: Path) -> None:
    """The other control: a `published` date only dateutil reads ("Mar 1, 2025")."""
    data = make_data(tmp_path, published='"Mar 1, 2025"')
    code, modules, out = run(tmp_path, "status", "demo", "--json", "--data", str(data))
    assert code == 0
    assert json.loads(out)["targets"][0]["actual"]["value"] == 820
    assert heavy(modules) == {"dateutil"}
