#!/usr/bin/env python3
"""Compare two independent readings of the same mapping scope (double entry).

    python scripts/compare_mappings.py A.tsv B.tsv [-o disagreements.tsv]

Each input is a TSV with at least subject_id, predicate_id, object_id (SSSOM columns;
``#`` header lines are skipped).  Rows are matched on (subject_id, object_id).  The
report lists, per subject, the pairs only one reader gave and the pairs both gave
with different predicates; agreement figures go to stderr.  Every disagreement
must be settled by reading the texts again before a row lands in data/.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path


def read(path: Path) -> dict[tuple[str, str], dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    rows = {}
    for row in csv.DictReader(lines, delimiter="\t"):
        rows[(row["subject_id"].strip(), row["object_id"].strip())] = row
    return rows


def compare(a: dict, b: dict) -> list[dict[str, str]]:
    subjects = defaultdict(set)
    for subject, obj in set(a) | set(b):
        subjects[subject].add(obj)
    out = []
    for subject in sorted(subjects):
        for obj in sorted(subjects[subject]):
            ra, rb = a.get((subject, obj)), b.get((subject, obj))
            if ra and rb and ra["predicate_id"] == rb["predicate_id"]:
                continue
            kind = "only_A" if not rb else "only_B" if not ra else "predicate"
            out.append({
                "kind": kind, "subject_id": subject, "object_id": obj,
                "A_predicate": ra["predicate_id"] if ra else "", "B_predicate": rb["predicate_id"] if rb else "",
                "A_comment": (ra or {}).get("comment", ""), "B_comment": (rb or {}).get("comment", ""),
            })  # fmt: skip
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("-o", "--output", type=Path, help="write the disagreements as TSV")
    args = parser.parse_args(argv)
    a, b = read(args.a), read(args.b)
    diffs = compare(a, b)
    both = len(set(a) & set(b))
    same = both - sum(d["kind"] == "predicate" for d in diffs)
    subj_a = {s for s, _ in a}
    subj_b = {s for s, _ in b}
    agree_subjects = sum(
        1 for s in subj_a | subj_b
        if {o: a[(s, o)]["predicate_id"] for (t, o) in a if t == s}
        == {o: b[(s, o)]["predicate_id"] for (t, o) in b if t == s}
    )  # fmt: skip
    print(f"rows A={len(a)} B={len(b)}; same pair={both}, same pair and predicate={same}; "
          f"subjects {len(subj_a | subj_b)}, identical answers {agree_subjects}; "
          f"disagreements {len(diffs)}", file=sys.stderr)  # fmt: skip
    fields = list(diffs[0]) if diffs else ["kind"]
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as out:
            write(out, fields, diffs)
    else:
        write(sys.stdout, fields, diffs)
    return 0


def write(out, fields: list[str], rows: list[dict[str, str]]) -> None:
    writer = csv.DictWriter(out, fieldnames=fields, delimiter="\t")
    writer.writeheader()
    writer.writerows(rows)


if __name__ == "__main__":
    raise SystemExit(main())
