"""Checks over the curated tables: coverage both ways, ids, and shared technical parameters."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from conftest import ROOT
from crosswalk import sssom
from crosswalk.parameters import extract_en, extract_ja, shared

TABLES = ROOT / "data" / "meti_tables"
#: exact/close rows whose texts state the same limit in different figures (checked by reading both)
SAME_LIMIT_OTHER_FIGURES = {
    (
        "jpclause:第9条第1項第13号ロ",
        "eu:6A008.b",
    ): "JP 12.5 % total bandwidth = EU ±6.25 % of the centre frequency",
}


@pytest.fixture(scope="module")
def clause_eu():
    return sssom.read(TABLES / "clause_eu.sssom.tsv")


def _subjects(table) -> set[str]:
    return {r.subject_id.split(":", 1)[1] for r in table.rows}


def _covered(code: str, subjects: set[str]) -> bool:
    return code in subjects or any(s.startswith(code) and s != code for s in subjects)


def test_every_clause_has_a_row(dataset, clause_eu) -> None:
    """Goods clauses (第1条–第14条の2) and technology clauses (第15条–第28条) alike."""
    subjects = _subjects(clause_eu)
    missing = []
    for entry in dataset.entries("jp-clause"):
        if entry.deleted or entry.level not in (1, 2):
            continue
        if entry.level == 1 and dataset.children(entry):
            continue  # a paragraph with 号: its 号 carry the rows
        if not _covered(entry.code, subjects):
            missing.append(entry.code)
    assert not missing


def test_every_item_has_a_clause_or_a_reason(dataset) -> None:
    table = sssom.read(TABLES / "item_clause.sssom.tsv")
    subjects = _subjects(table)
    items = [e for e in dataset.entries("jp") if not e.deleted and (e.kind == "item" or e.code == "8")]
    missing = [e.code for e in items if e.code.split("(")[0] not in ("1", "16") and e.code not in subjects]
    assert not missing
    assert "16(1)" in subjects


def test_every_arms_item_maps_to_the_military_list(dataset) -> None:
    subjects = _subjects(sssom.read(TABLES / "item_ml.sssom.tsv"))
    arms = [e.code for e in dataset.entries("jp") if e.kind == "item" and e.code.startswith("1(")]
    assert set(arms) <= subjects


def test_every_eu_entry_is_mapped_or_explained(dataset, clause_eu) -> None:
    mapped = {r.object_id.removeprefix("eu:") for r in clause_eu.rows if r.object_id.startswith("eu:")}
    with open(TABLES / "eu_not_covered.tsv", encoding="utf-8") as handle:
        explained = {r["eu_id"].removeprefix("eu:") for r in csv.DictReader(
            (line for line in handle if not line.startswith("#")), delimiter="\t") if r["reason"].strip()}  # fmt: skip
    assert explained <= set(dataset.list_index("eu").by_code)

    def covered(code: str) -> bool:
        parts = code.split(".")
        ancestors = {".".join(parts[:i]) for i in range(1, len(parts))}
        return code in mapped or any(m.startswith(code + ".") for m in mapped) or bool(ancestors & mapped)

    entries = [e.code for e in dataset.entries("eu") if e.level <= 1]
    assert [c for c in entries if not covered(c) and c not in explained] == []


def test_exact_and_close_rows_share_a_parameter_or_have_none(dataset, clause_eu) -> None:
    unexplained, qualitative, checked = [], 0, 0
    for row in clause_eu.rows:
        if row.predicate_id not in ("skos:exactMatch", "skos:closeMatch") or not row.object_id.startswith(
            "eu:"
        ):
            continue
        checked += 1
        ja = dataset.subtree_text("jp-clause", row.subject_id.removeprefix("jpclause:"))
        en = dataset.subtree_text("eu", row.object_id.removeprefix("eu:"))
        if shared(ja, en):
            continue
        if not extract_ja(ja) or not extract_en(en):
            qualitative += 1  # the texts have no number to share; listed per scope in docs/coverage.md
            continue
        if (
            row.predicate_id == "skos:closeMatch"
            or (row.subject_id, row.object_id) in SAME_LIMIT_OTHER_FIGURES
        ):
            continue  # a threshold differs, and the row says so as closeMatch
        unexplained.append((row.subject_id, row.object_id))
    assert unexplained == []
    assert qualitative < 0.5 * checked  # most exact/close rows are backed by a shared figure


def test_coverage_doc_is_up_to_date() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "coverage_report.py"), "--check"], check=False
    )
    assert done.returncode == 0, "run scripts/coverage_report.py"
