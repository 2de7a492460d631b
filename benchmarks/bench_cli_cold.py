#!/usr/bin/env python3
"""Cold start of one CLI lookup against a bare interpreter, measured in the same run.

    python benchmarks/bench_cli_cold.py [--runs 15]

Prints the median wall time of `python -c pass`, of `crosswalk show 3A001` (a fresh
process each time, so the dataset is read cold) and, once the engine exists, of
`crosswalk lookup "7(1)" --to eu,us,kr`, with the ratio to the bare interpreter.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "crosswalk show 3A001": [sys.executable, "-m", "crosswalk.cli", "show", "3A001"],
    'crosswalk lookup "7(1)" --to eu,us,kr': [sys.executable, "-m", "crosswalk.cli", "lookup", "7(1)",
                                              "--to", "eu,us,kr"],
}  # fmt: skip


def median_seconds(command: list[str], runs: int) -> float | None:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0,):
            return None
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    if shutil.which(sys.executable) is None:
        return 1
    base = median_seconds(COMMANDS["python -c pass"], args.runs)
    assert base is not None
    print(f"{'command':42} {'median ms':>10} {'ratio':>7}")
    for name, command in COMMANDS.items():
        seconds = median_seconds(command, args.runs)
        if seconds is None:
            print(f"{name:42} {'(fails)':>10}")
            continue
        print(f"{name:42} {seconds * 1000:10.1f} {seconds / base:6.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
