"""Benchmarks of issue 7: each figure a ratio against a floor run side by side, interleaved.

Every measurement is the wall time of a child process (fork+exec to exit), taken in pairs:
subject and floor run one after the other in the same loop, the order alternating from one
repeat to the next, so drift of the machine (frequency, cache, a neighbour's load) hits
both alike. A figure is the median over the repeats; the ratio is median / median, and the
verdict is on it. The children's CPU time (user + system, from wait4) is reported beside it
as a second, steadier view: it leaves out time the host spent elsewhere.

    python benchmarks/run.py                 # full run: 500 and 1000 synthetic plans
    python benchmarks/run.py --quick         # 3 repeats, 100 and 200 plans
    python benchmarks/run.py --pythonpath /tmp/pt_fix   # the same against a patched copy

Bytecode: by default the children run with PYTHONPYCACHEPREFIX set to a folder of their
own (and PYTHONDONTWRITEBYTECODE unset), so every module, ours and the floor's, is loaded
from cached bytecode as after a normal `pip install`. `--pycache env` keeps the caller's
environment instead (where PYTHONDONTWRITEBYTECODE=1 our modules are compiled on every run).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from policy_targets.files.atomic import write_text_atomic  # noqa: E402
import synth  # noqa: E402

GOALS = {
    "status_json": ("ratio", 1.5),
    "status_table": ("ratio", 1.5),
    "gap": ("ratio", 3.0),
    "gap_peak_memory_mib": ("max", 1024.0),
    "gap_scaling": ("ratio", 2.2),
    "gap_memory_scaling": ("ratio", 1.3),
}


@dataclass
class Run:
    wall: float
    maxrss_kib: int
    cpu: float = 0.0  # user + system time of the child: steadier than wall on a shared host


@dataclass
class Series:
    name: str
    argv: list[str]
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu_median(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    peak_mib: float = 0.0  # set by peak_mib(): runs' own ru_maxrss start at this process's size


def run_child(argv: list[str], env: dict[str, str], cwd: Path) -> Run:
    """Wall time and peak resident memory (ru_maxrss) of one child, its output discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark command failed with exit {proc.returncode}: {' '.join(argv)}")
    return Run(wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)


def peak_mib(argv: list[str], env: dict[str, str], cwd: Path, repeats: int = 3) -> float:
    """The largest peak resident memory of `argv` over a few runs, measured by benchmarks/peak.py
    from a small parent (ru_maxrss seen from this process starts at this process's own size)."""
    peaks = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "peak"
        for _ in range(repeats):
            code = subprocess.call([sys.executable, "-I", "-S", str(HERE / "peak.py"), str(out), *argv],
                                   env=env, cwd=cwd)
            if code != 0:
                raise SystemExit(f"benchmark command failed with exit {code}: {' '.join(argv)}")
            peaks.append(int(out.read_text()) / 1024)
    return max(peaks)


def validate(argv: list[str], env: dict[str, str], cwd: Path, expect: str) -> None:
    """Run once with output captured: exit 0 and the output is what the figure claims to time."""
    p = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed (exit {p.returncode}):\n{p.stderr[-2000:]}")
    if expect == "json":
        json.loads(p.stdout)
    elif expect and expect not in p.stdout:
        raise SystemExit(f"{' '.join(argv)}: {expect!r} not in its output")


def interleave(series: list[Series], repeats: int, env: dict[str, str], cwd: Path,
               warmup: int = 1) -> None:
    """Run every series once per repeat, the order rotating so none is always first."""
    for _ in range(warmup):
        for s in series:
            run_child(s.argv, env, cwd)
    for i in range(repeats):
        k = i % len(series)
        order = series[k:] + series[:k]
        if i % 2:
            order = order[::-1]
        for s in order:
            s.runs.append(run_child(s.argv, env, cwd))


def pair_ratio(a: Series, b: Series) -> float:
    """The median of the per-repeat ratios (a second view of the same pairs)."""
    return statistics.median(x.wall / y.wall for x, y in zip(a.runs, b.runs))


def child_env(mode: str, pythonpath: str | None, cache_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    if mode == "prefix":
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(cache_dir)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("PTARGET_DATA", None)
    env.setdefault("COLUMNS", "160")
    return env


def ensure_synth(directory: Path, plans: int, seed: int) -> dict[str, int]:
    """Generate the synthetic directory unless one with the same plans and seed is there."""
    marker = directory / ".synth.json"
    want = {"plans": plans, "seed": seed, "targets": 50, "years": 10}
    if marker.is_file():
        try:
            have = json.loads(marker.read_text())
            if have.get("params") == want:
                return have["counts"]
        except (ValueError, KeyError):
            pass
    counts = synth.generate(directory, plans, seed)
    write_text_atomic(marker, json.dumps({"params": want, "counts": counts}))
    return counts


def verdict(name: str, value: float) -> str:
    kind, limit = GOALS[name]
    ok = value <= limit if kind == "ratio" else value < limit
    return "ok" if ok else "MISSED"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="3 repeats, 100 and 200 plans")
    ap.add_argument("--repeats", type=int, help="repeats of the start-up pairs (default 15)")
    ap.add_argument("--data-repeats", type=int, help="repeats of the data loop (default 3)")
    ap.add_argument("--plans", type=int, help="synthetic plans of the data benchmark (default 500)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "ptarget-bench",
                    help="where synthetic data and the bytecode cache go")
    ap.add_argument("--pycache", choices=("prefix", "env"), default="prefix")
    ap.add_argument("--pythonpath", help="PYTHONPATH for the children (to time a patched copy)")
    ap.add_argument("--only", choices=("startup", "data"), help="run one group only")
    ap.add_argument("--out", type=Path, default=HERE / "results.json", help="JSON results file")
    args = ap.parse_args(argv)
    repeats = args.repeats or (3 if args.quick else 15)
    data_repeats = args.data_repeats or 3
    plans = args.plans or (100 if args.quick else 500)

    py = sys.executable
    ptarget = str(Path(py).parent / "ptarget")
    env = child_env(args.pycache, args.pythonpath, args.work / "pycache")
    real_data = ROOT / "data"
    results: dict[str, object] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "settings": {"repeats": repeats, "data_repeats": data_repeats, "plans": plans,
                     "seed": args.seed, "pycache": args.pycache, "pythonpath": args.pythonpath},
        "figures": {},
    }
    figures: dict[str, dict[str, object]] = results["figures"]  # type: ignore[assignment]
    table: list[tuple[str, str, str, str, str, str, str]] = []

    if args.only in (None, "startup"):
        pairs = [
            ("status_json", [ptarget, "status", "changzhou", "--json", "--data", str(real_data)], "json",
             [py, "-c", "import click"]),
            ("status_table", [ptarget, "status", "changzhou", "--data", str(real_data)], "Changzhou",
             [py, "-c", "import click, rich.console, rich.table"]),
        ]
        for name, cmd, expect, floor_cmd in pairs:
            validate(cmd, env, ROOT, expect)
            subject, floor = Series(name, cmd), Series("floor", floor_cmd)
            interleave([subject, floor], repeats, env, ROOT)
            ratio = subject.median / floor.median
            figures[name] = {"subject": " ".join(cmd[1:]), "floor": " ".join(floor_cmd[1:]),
                             "median_s": subject.median, "floor_median_s": floor.median,
                             "ratio": ratio, "pair_ratio": pair_ratio(subject, floor),
                             "cpu_ratio": subject.cpu_median / floor.cpu_median,
                             "goal": GOALS[name][1], "verdict": verdict(name, ratio),
                             "runs_s": [r.wall for r in subject.runs],
                             "floor_runs_s": [r.wall for r in floor.runs]}
            table.append((name, f"{subject.median * 1000:.0f} ms", f"{floor.median * 1000:.0f} ms",
                          f"{ratio:.2f}x", f"{subject.cpu_median / floor.cpu_median:.2f}x",
                          f"<= {GOALS[name][1]}x", verdict(name, ratio)))

    if args.only in (None, "data"):
        d1 = args.work / f"synth-{plans}-s{args.seed}"
        d2 = args.work / f"synth-{2 * plans}-s{args.seed}"
        c1 = ensure_synth(d1, plans, args.seed)
        c2 = ensure_synth(d2, 2 * plans, args.seed)
        dq = args.work / f"synth-{plans // 2}-s{args.seed}"  # a quarter of d2: memory scaling
        cq = ensure_synth(dq, plans // 2, args.seed)
        gapq = Series("gapq", [ptarget, "gap", "--year", "2024", "--json", "--data", str(dq)])
        floorq = Series("floorq", [py, str(HERE / "floor_read.py"), str(dq)])
        gap1 = Series("gap", [ptarget, "gap", "--year", "2024", "--json", "--data", str(d1)])
        gap2 = Series("gap2", [ptarget, "gap", "--year", "2024", "--json", "--data", str(d2)])
        floor1 = Series("floor", [py, str(HERE / "floor_read.py"), str(d1)])
        floor2 = Series("floor2", [py, str(HERE / "floor_read.py"), str(d2)])
        validate(gap1.argv, env, ROOT, "json")  # also the warm-up: files in the page cache
        interleave([gap1, floor1, gap2, floor2, gapq, floorq], data_repeats, env, ROOT, warmup=0)
        for s in (gap1, floor1, gap2, floor2, gapq, floorq):
            s.peak_mib = peak_mib(s.argv, env, ROOT)
        ratio = gap1.median / floor1.median
        scaling = gap2.median / gap1.median
        figures["gap"] = {"subject": " ".join(gap1.argv[1:]), "floor": " ".join(floor1.argv[1:]),
                          "plans": c1["plans"], "targets": c1["targets"], "rows": c1["rows"],
                          "median_s": gap1.median, "floor_median_s": floor1.median, "ratio": ratio,
                          "pair_ratio": pair_ratio(gap1, floor1), "goal": 3.0,
                          "cpu_ratio": gap1.cpu_median / floor1.cpu_median,
                          "verdict": verdict("gap", ratio),
                          "runs_s": [r.wall for r in gap1.runs], "floor_runs_s": [r.wall for r in floor1.runs]}
        figures["gap_peak_memory_mib"] = {"value": gap1.peak_mib, "floor_mib": floor1.peak_mib,
                                          "double_mib": gap2.peak_mib, "goal": 1024.0,
                                          "verdict": verdict("gap_peak_memory_mib", gap1.peak_mib)}
        figures["gap_scaling"] = {"plans": c2["plans"], "rows": c2["rows"], "median_s": gap2.median,
                                  "ratio": scaling, "pair_ratio": pair_ratio(gap2, gap1),
                                  "floor_median_s": floor2.median,
                                  "floor_ratio": floor2.median / floor1.median, "goal": 2.2,
                                  "cpu_ratio": gap2.cpu_median / gap1.cpu_median,
                                  "floor_cpu_ratio": floor2.cpu_median / floor1.cpu_median,
                                  "verdict": verdict("gap_scaling", scaling),
                                  "runs_s": [r.wall for r in gap2.runs]}
        memory = gap2.peak_mib / gapq.peak_mib
        figures["gap_memory_scaling"] = {"plans": c2["plans"], "quarter_plans": cq["plans"],
                                         "peak_mib": gap2.peak_mib, "quarter_peak_mib": gapq.peak_mib,
                                         "ratio": memory, "goal": 1.3,
                                         "floor_ratio": floor2.peak_mib / floorq.peak_mib,
                                         "verdict": verdict("gap_memory_scaling", memory)}
        table.append((f"gap ({c1['plans']} plans, {c1['rows']} rows)", f"{gap1.median:.2f} s",
                      f"{floor1.median:.2f} s", f"{ratio:.2f}x", f"{gap1.cpu_median / floor1.cpu_median:.2f}x",
                      "<= 3x", verdict("gap", ratio)))
        table.append(("gap peak memory", f"{gap1.peak_mib:.0f} MiB", f"{floor1.peak_mib:.0f} MiB", "", "",
                      "< 1024 MiB", verdict("gap_peak_memory_mib", gap1.peak_mib)))
        table.append((f"gap x2 ({c2['plans']} plans vs {c1['plans']})", f"{gap2.median:.2f} s",
                      f"{gap1.median:.2f} s", f"{scaling:.2f}x", f"{gap2.cpu_median / gap1.cpu_median:.2f}x",
                      "<= 2.2x", verdict("gap_scaling", scaling)))
        table.append((f"gap peak memory, {c2['plans']} plans vs {cq['plans']}", f"{gap2.peak_mib:.0f} MiB",
                      f"{gapq.peak_mib:.0f} MiB", f"{memory:.2f}x",
                      f"(floor {floor2.peak_mib / floorq.peak_mib:.2f}x)", "<= 1.3x",
                      verdict("gap_memory_scaling", memory)))

    head = ("figure", "subject", "floor", "ratio", "cpu ratio", "goal", "")
    widths = [max(len(r[i]) for r in [head, *table]) for i in range(len(head))]
    for row in [head, *table]:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
    write_text_atomic(args.out, json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"results: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
