"""Search: folding, synonyms, the code path, golden recall@5, should-not-match, the CLI."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from crosswalk.cli_search import search as search_command
from crosswalk.text_search import (
    CAVEAT,
    Hits,
    concepts,
    fold,
    load_synonyms,
    looks_like_code,
    search,
    search_many,
)

GOLDEN = Path(__file__).parent / "golden"
RECALL_TARGET = 0.9


def _rows(name: str) -> list[dict[str, str]]:
    with open(GOLDEN / name, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _found(expected: str, hits: Hits) -> bool:
    got = {f"{h.scheme}:{h.code}" for h in hits}
    return any(choice in got for choice in expected.split("|"))


# -- folding --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ベアリング", "べありんぐ"),  # hiragana / katakana
        ("ベアリング", "ﾍﾞｱﾘﾝｸﾞ"),  # half width
        ("コンピューター", "コンピュータ"),  # long vowel
        ("センサー", "センサ―"),  # dash look-alike for the long vowel
        ("ＧＰＳ", "gps"),  # full width, case
        ("一〇キロジュール", "10キロジュール"),  # kanji quantity
        ("제조 장비", "제조장비"),  # Korean spacing
    ],
)
def test_fold_makes_variants_equal(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_fold_keeps_words_with_single_kanji_numerals() -> None:
    assert "一般" in fold("一般の工作機械")


def test_synonym_expands_everyday_word() -> None:
    (concept,) = concepts("ベアリング")
    assert fold("軸受") in concept.variants and "ベアリング → 軸受" in concept.via


def test_synonym_joins_the_parts_it_spans() -> None:
    found = concepts("반도체 제조장비")
    assert len(found) == 1 and any("생산" in v for v in found[0].variants)


# -- synonyms table ------------------------------------------------------------------------


def test_synonym_rows_are_complete_and_sources_exist(dataset) -> None:
    rows = load_synonyms()
    assert {r.lang for r in rows} == {"ja", "en", "ko"} and len(rows) >= 150
    for row in rows:
        assert row.term and row.means, row
        if ":" in row.source:
            scheme, _, code = row.source.partition(":")
            assert dataset.find(scheme, code) is not None, row


def test_synonyms_do_not_copy_kosti_keywords(dataset) -> None:
    kosti = {k for e in dataset.entries("kr") for k in e.keywords}
    copied = [r for r in load_synonyms() if r.lang == "ko" and r.term in kosti and r.means in kosti]
    assert not copied


# -- numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["3A0O1", "7-1", "第6条", "ML8", "6条1項1号", "EAR 99"])
def test_code_shaped(text: str) -> None:
    assert looks_like_code(text)


@pytest.mark.parametrize("text", ["GPS", "3D printer", "ベアリング", "IC"])
def test_not_code_shaped(text: str) -> None:
    assert not looks_like_code(text)


def test_exact_code_in_every_scheme_that_has_it() -> None:
    hits = search("3A001")
    assert {(h.scheme, h.code, h.kind) for h in hits} >= {("eu", "3A001", "code"), ("us", "3A001", "code")}
    assert all(h.score == 100 for h in hits)


def test_mistyped_number_gets_did_you_mean() -> None:
    hits = search("3A0O1", schemes="eu")
    assert hits.suggestions[0] == "3A001" and hits[0].kind == "suggestion" and "did you mean" in hits.message


def test_jp_number_with_dash() -> None:
    hits = search("7-1")
    assert hits[0].scheme == "jp" and hits[0].code == "7(1)" and hits[0].via == ("7-1 → 7(1)",)


def test_unknown_but_well_formed_code() -> None:
    hits = search("3A009", schemes="eu")
    assert hits.suggestions and all(h.kind == "suggestion" for h in hits)


def test_as_of_uses_the_older_list() -> None:
    assert search("7(24)", schemes="jp")[0].kind == "code"
    older = search("7(24)", schemes="jp", as_of="2025-03-01")
    assert all(h.kind == "suggestion" for h in older)


# -- words ----------------------------------------------------------------------------------


def test_hit_shows_entry_passage_score_and_route() -> None:
    hit = search("ベアリング", schemes="jp")[0]
    assert (hit.code, hit.field, hit.kind) == ("6(1)", "title", "text")
    assert "軸受" in hit.matched and hit.score >= 90 and not hit.weak


def test_counterparts_come_from_the_mappings() -> None:
    hit = search("ベアリング", schemes="jp")[0]
    assert "2A001" in hit.counterparts().get("eu", ())


def test_spelling_correction_is_reported_and_discounted() -> None:
    hits = search("bearng", schemes="eu", limit=3)
    assert any(h.code.startswith("2A001") for h in hits)
    assert all("bearng → bearing" in h.via and h.score < 100 for h in hits)


def test_answers_carry_the_caveat() -> None:
    hits = search("banana")
    assert hits.caveat == CAVEAT and "not clearance" in CAVEAT
    assert "not clearance" in json.dumps(hits.to_dict())


@pytest.mark.parametrize("junk", [None, "", "   ", "😀", "3²", "⑱", "!!!"])
def test_junk_never_raises(junk) -> None:
    hits = search(junk)
    assert isinstance(hits, Hits) and not hits.confident


def test_schemes_filter() -> None:
    assert {h.scheme for h in search("bearing", schemes=["eu", "us"])} <= {"eu", "us"}


def test_search_many_matches_search() -> None:
    queries = ["ベアリング", "vacuum pump", "ベアリング", "3A0O1"]
    many = search_many(queries, limit=3)
    assert [[h.code for h in hits] for hits in many] == [
        [h.code for h in search(q, limit=3)] for q in queries
    ]


# -- golden sets ----------------------------------------------------------------------------


def test_golden_has_enough_real_queries() -> None:
    rows = _rows("search.tsv")
    assert len(rows) >= 60
    text = "".join(r["query"] for r in rows)
    assert any("\uac00" <= ch <= "\ud7a3" for ch in text) and any("\u30a0" <= ch <= "\u30ff" for ch in text)


def test_golden_recall_at_5() -> None:
    expected = found = 0
    misses = []
    for row in _rows("search.tsv"):
        hits = search(row["query"], row["schemes"] or None, limit=5)
        for item in row["expected"].split():
            expected += 1
            if _found(item, hits):
                found += 1
            else:
                misses.append(f"{row['query']} → {item}: {[h.code for h in hits]}")
    recall = found / expected
    print(f"recall@5 = {recall:.3f} ({found}/{expected})")
    assert recall >= RECALL_TARGET, misses


@pytest.mark.parametrize("row", _rows("search_should_not_match.tsv"), ids=lambda r: r["query"])
def test_should_not_match(row: dict[str, str]) -> None:
    hits = search(row["query"], row["schemes"] or None)
    assert not hits.confident, [(h.scheme, h.code, h.score, h.matched) for h in hits]


# -- CLI ------------------------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(search_command, list(args))


def test_cli_text_search() -> None:
    result = run("ベアリング", "--scheme", "jp", "--limit", "3")
    assert result.exit_code == 0
    assert "jp 6(1)" in result.output and "ベアリング → 軸受" in result.output and "eu 2A001" in result.output
    assert "not clearance" in result.output


def test_cli_did_you_mean() -> None:
    result = run("3A0O1", "--no-counterparts")
    assert result.exit_code == 0 and "did you mean 3A001" in result.output


def test_cli_no_hit_exits_1_and_says_so() -> None:
    result = run("xyzzy")
    assert result.exit_code == 1 and "no hit" in result.output and "not clearance" in result.output


def test_cli_json() -> None:
    data = json.loads(run("vacuum pump", "-s", "eu", "--json").output)
    assert data["hits"][0]["code"].startswith("2B231") and "caveat" in data
    assert "counterparts" in data["hits"][0]


def test_cli_bad_scheme_exits_2() -> None:
    assert run("bearing", "--scheme", "xx").exit_code == 2


def test_one_lookup_path_does_not_import_search_dependencies() -> None:
    code = ("import sys, crosswalk.cli, crosswalk.cli_search; "
            "print(sorted(m for m in ('rapidfuzz', 'rich', 'numpy', 'crosswalk.text_search') if m in sys.modules))")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
