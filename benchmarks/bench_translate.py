#!/usr/bin/env python3
"""Translations through the API, warm: per-translation time over many real codes.

    python benchmarks/bench_translate.py [-n 10000]

Baseline in the same run: a dictionary lookup of the same codes in the loaded list (the
floor any translation pays), so the figure is comparable across machines.
"""

from __future__ import annotations

import argparse
import itertools
import time

import crosswalk
from crosswalk.translation import translate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("-n", type=int, default=10_000)
    args = parser.parse_args()
    dataset = crosswalk.load()
    queries = [(e.code, "jp", "eu") for e in dataset.entries("jp") if e.kind == "item"]
    queries += [(e.code, "eu", "kr") for e in dataset.entries("eu") if e.level <= 1]
    queries += [(e.code, "us", "jp") for e in dataset.entries("us") if e.level == 0]
    work = list(itertools.islice(itertools.cycle(queries), args.n))
    translate("7(1)", "eu")  # warm: edges and lists loaded
    start = time.perf_counter()
    for code, src, _ in work:
        dataset.get(src, code)
    base = time.perf_counter() - start
    start = time.perf_counter()
    statuses: dict[str, int] = {}
    for code, src, to in work:
        status = translate(code, to, src).status
        statuses[status] = statuses.get(status, 0) + 1
    elapsed = time.perf_counter() - start
    print(f"{args.n} translations: {elapsed:.2f} s, {elapsed / args.n * 1e6:.0f} µs each "
          f"(baseline lookup {base / args.n * 1e6:.1f} µs each)")  # fmt: skip
    print("statuses:", dict(sorted(statuses.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
