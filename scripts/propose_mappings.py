#!/usr/bin/env python3
"""Propose EU Annex I candidates for 貨物等省令 clauses, and measure the proposer.

    python scripts/propose_mappings.py 第6条第1項第7号 [more clauses …] [--limit 5]
    python scripts/propose_mappings.py --evaluate

Candidates are ranked by shared technical parameters and glossary terms; they are
*candidates* for a curator to read, never mappings.  --evaluate reports top-1 / top-5
accuracy (at the level of the five-character entry) against METI's reference rows and
against the curated clause → EU table.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "src"))

import crosswalk  # noqa: E402
from crosswalk import sssom  # noqa: E402
from crosswalk.propose import propose  # noqa: E402


def evaluate(dataset, pairs: dict[str, set[str]], label: str) -> None:
    top1 = top5 = 0
    for clause, expected in pairs.items():
        ranked = [c.code[:5] for c in propose(dataset, clause, limit=25)]
        entries = list(dict.fromkeys(ranked))
        top1 += bool(entries[:1] and entries[0] in expected)
        top5 += bool(set(entries[:5]) & expected)
    total = len(pairs)
    print(f"{label}: {total} clauses; top-1 {top1 / total:.0%} ({top1}), top-5 {top5 / total:.0%} ({top5})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("clauses", nargs="*")
    parser.add_argument("--limit", type=int, default=5)
    parser.add_argument("--evaluate", action="store_true")
    args = parser.parse_args()
    dataset = crosswalk.load()
    for clause in args.clauses:
        print(f"candidates for {clause} (to be read and decided by a curator):")
        for candidate in propose(dataset, clause, args.limit):
            title = dataset.get("eu", candidate.code).title
            print(f"  {candidate.code:14} score {candidate.score:5.1f}  {title[:60]}  [{candidate.evidence}]")
    if args.evaluate:
        meti = sssom.read(PROJECT / "data/meti_tables/meti_reference_eccn.sssom.tsv")
        reference: dict[str, set[str]] = {}
        for row in meti.rows:
            code = row.object_id.removeprefix("us:")[:5]
            if dataset.find("eu", code):
                reference.setdefault(row.subject_id.removeprefix("jpclause:"), set()).add(code)
        evaluate(dataset, reference, "METI reference rows (2007 ECCNs present in Annex I)")
        curated = sssom.read(PROJECT / "data/meti_tables/clause_eu.sssom.tsv")
        gold: dict[str, set[str]] = {}
        for row in curated.rows:
            clause = row.subject_id.removeprefix("jpclause:")
            if row.object_id.startswith("eu:") and row.predicate_id in ("skos:exactMatch", "skos:closeMatch") \
                    and clause.count("号") == 1 and clause.endswith("号"):  # fmt: skip
                gold.setdefault(clause, set()).add(row.object_id.removeprefix("eu:")[:5])
        evaluate(dataset, gold, "curated clause → EU rows (号 level, exact/close)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
