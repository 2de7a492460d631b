#!/usr/bin/env python3
"""Search speed, warm: one query over every list, and many descriptions in batch.

    python benchmarks/bench_search.py [-n 10000] [--repeat 5]

1. One query: each query of tests/golden/search.tsv run ``--repeat`` times against the whole
   dataset (all schemes) after a warm-up; median, 95th percentile and worst (target: median
   ≤ 20 ms).  The first call, which builds the search indexes, is reported separately.
2. Batch: ``-n`` descriptions (golden queries, entry titles in every language, product-like
   phrases, with repeats as in a real spreadsheet column) through ``search_many``, whose
   spelling corrections for the whole batch are one ``rapidfuzz.process.cdist(workers=-1)``
   call; seconds in all and per distinct description.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import random
import statistics
import time
from pathlib import Path

import crosswalk
from crosswalk.text_search import search, search_many

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden" / "search.tsv"


def golden_queries() -> list[str]:
    with open(GOLDEN, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return [row["query"] for row in csv.DictReader(lines, delimiter="\t")]


def descriptions(n: int, seed: int = 7) -> list[str]:
    """``n`` spreadsheet-like descriptions: real titles cut short, golden queries, repeats."""
    rng = random.Random(seed)
    dataset = crosswalk.load()
    titles = [e.title[:40] for s in ("jp", "jp-clause", "eu", "us", "kr") for e in dataset.entries(s)
              if e.title and e.level <= 2]  # fmt: skip
    pool = golden_queries() + rng.sample(titles, min(len(titles), n // 3))
    return [rng.choice(pool) for _ in range(n)]


def one_query(repeat: int) -> None:
    start = time.perf_counter()
    search("ベアリング")
    print(f"first query (builds the indexes): {time.perf_counter() - start:.2f} s")
    queries = golden_queries()
    for query in queries:
        search(query)
    timings = []
    for query in itertools.chain.from_iterable(itertools.repeat(queries, repeat)):
        start = time.perf_counter()
        search(query)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95)]
    print(f"one query, warm, all schemes ({len(queries)} queries × {repeat}): median "
          f"{statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, worst {timings[-1]:.1f} ms "
          f"(target median ≤ 20 ms)")  # fmt: skip


def batch(n: int) -> None:
    work = descriptions(n)
    start = time.perf_counter()
    answers = search_many(work, limit=3)
    elapsed = time.perf_counter() - start
    distinct = len(set(work))
    confident = sum(1 for hits in answers if hits.confident)
    print(f"batch: {n} descriptions ({distinct} distinct) in {elapsed:.1f} s, "
          f"{elapsed / distinct * 1000:.1f} ms per distinct description; {confident} with a confident hit")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("-n", type=int, default=10_000, help="descriptions in the batch")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    one_query(args.repeat)
    batch(args.n)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
