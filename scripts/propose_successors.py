#!/usr/bin/env python3
"""Draft a successor table for an amendment, and measure the drafting against the curated tables.

    python scripts/propose_successors.py jp-clause [--from 2025-05-28] [--to 2026-02-14] > draft.tsv
    python scripts/propose_successors.py --evaluate

For every entry the amendment removed, and every changed entry, the draft lists the added or
changed entries of the new version whose text is nearest its old text.  The rows are
*proposals*: relatedMatch with the similarity in the comment, to be read, decided and
double-entered by curators before anything lands in data/amendments/.  --evaluate reports
how often the curated successor is the first (or among the first three) proposals.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "src"))

import crosswalk  # noqa: E402
from crosswalk import sssom  # noqa: E402
from crosswalk.diff import diff, successor_candidates  # noqa: E402
from crosswalk.schemes import curie_prefix  # noqa: E402


def draft(scheme: str, old: str | None, new: str | None, limit: int) -> None:
    dataset = crosswalk.load()
    result = diff(dataset, scheme, old, new)
    prefix = curie_prefix(scheme)
    print(f"# DRAFT successor table for {scheme} {result.old_version} → {result.new_version}: proposals to read and "
          "decide, not successors")  # fmt: skip
    print(f"# subject_source: {scheme}\n# subject_source_version: {result.old_version}")
    print(f"# object_source: {scheme}\n# object_source_version: {result.new_version}")
    print("\t".join(sssom.COLUMNS))
    for code in [*result.removed, *(c.code for c in result.changed)]:
        state = "removed" if code in result.removed else "changed"
        for candidate in successor_candidates(dataset, result, code, limit):
            print("\t".join([f"{prefix}:{code}", "", "skos:relatedMatch", f"{prefix}:{candidate.code}", "",
                             "semapv:UnspecifiedMatching", f"{candidate.score / 100:.2f}",
                             f"PROPOSED ({state} entry): {candidate.why}; read both texts and decide", ""]))  # fmt: skip


def evaluate() -> int:
    dataset = crosswalk.load()
    top1 = top3 = total = 0
    for path in sorted((PROJECT / "data" / "amendments").glob("*.sssom.tsv")):
        table = sssom.read(path)
        meta = table.meta
        result = diff(
            dataset, meta["subject_source"], meta["subject_source_version"], meta["object_source_version"]
        )
        gold: dict[str, set[str]] = {}
        for row in table.rows:
            if row.object_id != sssom.NO_TERM and row.subject_id != row.object_id:
                gold.setdefault(row.subject_id.partition(":")[2], set()).add(row.object_id.partition(":")[2])
        for code, expected in gold.items():
            ranked = [c.code for c in successor_candidates(dataset, result, code, 3)]
            total += 1
            top1 += bool(ranked[:1] and ranked[0] in expected)
            top3 += bool(set(ranked) & expected)
    print(
        f"curated successors: {total} old entries; top-1 {top1 / total:.0%} ({top1}), top-3 {top3 / total:.0%} ({top3})"
    )
    return 0


def main() -> int:
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends the output quietly
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("scheme", nargs="?")
    parser.add_argument("--from", dest="old")
    parser.add_argument("--to", dest="new")
    parser.add_argument("--limit", type=int, default=2)
    parser.add_argument("--evaluate", action="store_true")
    args = parser.parse_args()
    if args.evaluate:
        return evaluate()
    if not args.scheme:
        parser.error("name a scheme (jp, jp-clause …) or --evaluate")
    draft(args.scheme, args.old, args.new, args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
