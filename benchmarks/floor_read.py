"""The floor of the data benchmark: merely read every plan with tomllib and every CSV with csv.

No validation, no model, no assessment, no output: what any tool must at least spend to
look at the same files. Prints the number of plans and rows so the work cannot be skipped.
"""

from __future__ import annotations

import csv
import sys
import tomllib
from pathlib import Path


def main(directory: str) -> None:
    root = Path(directory)
    plans = 0
    for path in sorted(root.glob("*.toml")):
        if path.name == "indicators.toml":
            continue
        with path.open("rb") as fh:
            tomllib.load(fh)
        plans += 1
    rows = 0
    for path in sorted((root / "actuals").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            rows += sum(1 for _ in csv.reader(fh)) - 1
    print(plans, rows)


if __name__ == "__main__":
    main(sys.argv[1])
