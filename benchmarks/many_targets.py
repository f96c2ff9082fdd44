"""Issue 18: `check` on one plan of many targets must take time linear in the targets.

Generates one synthetic plan of N targets (benchmarks/synth.py: one figure each, a source
text holding every quote) for each N, times `ptarget check` on it in a child process, and
prints seconds and seconds per 1000 targets: a linear loader keeps the second column flat.

    python benchmarks/many_targets.py                  # 10 000, 20 000, 50 000, 100 000
    python benchmarks/many_targets.py --targets 5000 10000

Before the fix (the parts of every target found by a scan of all targets, every quote by a
scan of the whole source) 20 000 targets took 76 s and 100 000 about 16 minutes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--targets", type=int, nargs="+", default=[10_000, 20_000, 50_000, 100_000])
    args = ap.parse_args()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    print(f"{'targets':>8} {'seconds':>8} {'s/1000':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.targets:
            out = Path(tmp) / f"d{n}"
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth.py"), str(out), "--plans", "1",
                            "--targets", str(n), "--years", "1"], check=True, capture_output=True, env=env)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "policy_targets", "check", str(out)], capture_output=True,
                           env=env)
            took = time.perf_counter() - start
            print(f"{n:>8} {took:>8.1f} {took / n * 1000:>7.3f}", flush=True)


if __name__ == "__main__":
    main()
