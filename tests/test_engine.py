"""The mapping tables, the graph and translate(): golden and should-not-match cases."""

from __future__ import annotations

import csv
import json
import re

import pytest
from click.testing import CliRunner

from conftest import ROOT, SOURCES, needs_sources
from crosswalk import sssom
from crosswalk.cli import main
from crosswalk.errors import DataError
from crosswalk.graph import COMPOSE, INVERSE
from crosswalk.schemes import jp_clause
from crosswalk.translation import translate


def codes(result):
    return {m.code for m in result.matches}


def test_composition_table() -> None:
    assert COMPOSE[("exactMatch", "exactMatch")] == "exactMatch"
    assert COMPOSE[("exactMatch", "broadMatch")] == "broadMatch"
    assert COMPOSE[("broadMatch", "narrowMatch")] == "relatedMatch"
    assert COMPOSE[("closeMatch", "closeMatch")] == "closeMatch"
    assert COMPOSE[("relatedMatch", "exactMatch")] == "relatedMatch"
    for (a, b), c in COMPOSE.items():  # the inverse path composes to the inverse relation
        assert COMPOSE[(INVERSE[b], INVERSE[a])] == INVERSE[c]


def test_item_to_clause() -> None:
    result = translate("7(5)", "jp-clause")
    assert result.status == "mapped" and codes(result) == {"第6条第1項第7号"}
    assert result.best().basis == "curated"


def test_same_number_rule_eu_kr() -> None:
    result = translate("3A001", "kr")
    assert result.status == "mapped" and result.best().code == "3A001"
    assert result.best().relation == "exactMatch" and result.best().basis == "same-number"


def test_finer_query_climbs_to_mapped_ancestor() -> None:
    result = translate("3A001.a.1.b", "kr")
    best = result.best()
    assert best.code == "3A001.a.1" and best.relation == "broadMatch"
    assert "via ancestor" in best.path[0].note


def test_coarse_query_takes_descendants() -> None:
    result = translate("8", "eu")
    assert len(result.matches) > 1
    assert all(m.relation != "exactMatch" for m in result.matches)


@pytest.mark.parametrize(("code", "src", "to"), [
    ("3A901", "kr", "eu"), ("3A901", "kr", "jp"), ("1C901", "kr", "jp"), ("5A992.c", None, "jp"),
    ("EAR99", None, "jp"), ("9A610", None, "jp-clause"), ("0A501", None, "jp"),
])  # fmt: skip
def test_us_only_and_korea_only_never_map_to_jp(code: str, src: str | None, to: str) -> None:
    result = translate(code, to, src)
    assert result.status == "no-counterpart", result
    assert not [m for m in result.matches if not m.no_counterpart]
    assert result.message


def test_curated_exception_eu_us() -> None:
    result = translate("3A504", "us")
    assert result.best().code == "3A904" and result.best().basis == "curated"


def test_meti_reference_is_labelled() -> None:
    result = translate("9(1)", "us")
    refs = [m for m in result.matches if m.basis == "official-reference"]
    assert any(m.code == "5A001.a" for m in refs)
    assert all("2007" in m.path[-1].comment for m in refs)


def test_invalid_and_unknown() -> None:
    assert translate("🙂", "eu").status == "invalid"
    assert translate("3A009", "kr", "eu").status == "unknown-code"


def test_golden_alignment_7_9() -> None:
    """The 7項/9項 alignment read from both texts agrees with the curated item → clause table."""
    path = SOURCES / "jp" / "item_clause_alignment_7_9.tsv"
    if not path.exists():
        pytest.skip("the official source files (../shared/sources) are not beside the project")
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    checked = 0
    for row in csv.DictReader(lines, delimiter="\t"):
        got = {c for c in codes(translate(row["jp_item"], "jp-clause")) if c}
        for go in row["go"].split(";"):
            number, _, rest = re.match(r"([0-9]+(?:の[0-9]+)?)(.*)", go).group(1, 0, 2)
            main_no, _, sub_no = number.partition("の")
            clause = jp_clause.validate(
                f"第{row['article']}条第{row['paragraph']}項第{main_no}号"
                + (f"の{sub_no}" if sub_no else "")
                + rest
            )
            assert any(c == clause or c.startswith(clause) for c in got), (row["jp_item"], clause, got)
            checked += 1
    assert checked >= 45


@needs_sources
def test_meti_reference_rows_match_the_source() -> None:
    table = sssom.read(ROOT / "data" / "meti_tables" / "meti_reference_eccn.sssom.tsv")
    pairs = {(r.subject_id, r.object_id) for r in table.rows}
    src = (SOURCES / "jp" / "meti_matrix_sample_rows.tsv").read_text(encoding="utf-8").splitlines()
    rows = list(csv.DictReader([line for line in src if not line.startswith("#")], delimiter="\t"))
    normalized = [r["eccn_normalized"] for r in rows if r["eccn_normalized"] and "第" in r["shorei_clause"]]
    assert sum(len(n.split(";")) for n in normalized[:7]) == len(pairs)


def test_sssom_errors_name_file_and_line(tmp_path) -> None:
    bad = tmp_path / "bad.sssom.tsv"
    bad.write_text("# basis: curated\n" + "\t".join(sssom.COLUMNS) + "\n"
                   "eu:3A001\tx\tskos:sameAs\tkr:3A001\tx\tsemapv:ManualMappingCuration\t1\t\t\n",
                   encoding="utf-8")  # fmt: skip
    with pytest.raises(DataError, match=r"bad.sssom.tsv:3: predicate"):
        sssom.read(bad)
    bad.write_text("\t".join(sssom.COLUMNS) + "\n"
                   "eu:3A001\tx\tskos:exactMatch\tsssom:NoTermFound\t\tsemapv:ManualMappingCuration\t1\t\t\n",
                   encoding="utf-8")  # fmt: skip
    with pytest.raises(DataError, match="must say why"):
        sssom.read(bad)


def test_every_curated_row_passes_validation() -> None:
    for path in sorted((ROOT / "data").glob("**/*.sssom.tsv")):
        table = sssom.read(path)
        assert table.rows, path
        for row in table.rows:
            if row.predicate_id in ("skos:exactMatch", "skos:closeMatch") and row.object_id != sssom.NO_TERM:
                assert row.evidence or row.comment, (path.name, row.line)


def test_cli_lookup_and_export() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["lookup", "7(5)", "--to", "jp-clause"])
    assert result.exit_code == 0 and "第6条第1項第7号" in result.output and "not clearance" in result.output
    data = json.loads(runner.invoke(main, ["lookup", "5A992.c", "--to", "jp", "--json"]).output)
    assert data[0]["status"] == "no-counterpart"
    assert runner.invoke(main, ["lookup", "3A0O1"]).exit_code == 2
    exported = runner.invoke(main, ["export", "--set", "eu_us_exceptions", "--format", "csv"])
    assert exported.exit_code == 0 and "us:3A904" in exported.output


def test_proposer_ranks_by_shared_parameters(dataset) -> None:
    from crosswalk.propose import propose

    candidates = propose(dataset, "第6条第1項第7号", limit=5)
    assert "3A001.e" in [c.code for c in candidates[:2]]
    best = next(c for c in candidates if c.code == "3A001.e")
    assert any(
        q.dimension == "energy" and q.value == 10_000 for q in best.parameters
    )  # 一〇キロジュール = 10 kJ
    assert all(c.code[1] in "ABC" for c in candidates)  # a goods clause gets goods entries only


def test_same_number_pairs_whose_titles_disagree_are_left_out() -> None:
    """0B001.d.4 is heat exchangers in the EU but rotary shaft seals in Korea's index."""
    result = translate("0B001.d.4", "kr", "eu")
    assert all(m.relation != "exactMatch" or m.code != "0B001.d.4" for m in result.matches)
    assert translate("0B001.d.1", "kr", "eu").best().relation == "exactMatch"


def test_diff_of_the_ordinance_reports_exactly_what_changed(dataset) -> None:
    from crosswalk.diff import diff

    result = diff(dataset, "jp-clause", "2025-05-28", "2026-02-14")
    below_article = lambda codes: [c for c in codes if c.count("第") > 1]  # noqa: E731
    assert len(below_article(result.added)) == 20 and len(below_article(result.removed)) == 7
    assert len([c for c in result.changed if c.code.count("第") > 1]) == 32
    shock = next(c for c in result.changed if c.code == "第1条第1項第45号ロ")
    assert ("", "衝撃") in shock.edits
    assert "第14条の2" in result.added and "第6条第1項第1号ヨ(1)" in result.removed
    assert result.affected_rows


def test_diff_of_the_appended_table_reports_new_items(dataset) -> None:
    from crosswalk.diff import diff

    result = diff(dataset, "jp", "2025-01-23", "2026-06-05")
    assert {"3の2(2)10", "5(20)", "6(10)", "7(10の2)", "7(15の3)", "7(24)", "7(25)", "16(1)", "16(2)"} <= set(
        result.added
    )
    assert {"16", "2(49)", "5(19)"} <= {c.code for c in result.changed}
    output = CliRunner().invoke(main, ["diff", "jp", "--from", "2025-01-23"]).output
    assert "7(24)" in output


def test_rows_made_against_another_version_need_review() -> None:
    today = translate("第6条第1項第7号", "eu")
    assert not today.best().needs_review
    # METI's reference set was made once, against 貨物等省令 2026-02-14; on 2025-06-01 the 2025-05-28
    # text is in force, and 第8条第1項第1号 reads differently there (人工衛星 in ロ–ニ)
    before = translate("第8条第1項第1号", "us", as_of="2025-06-01")
    flagged = [m for m in before.matches if m.basis == "official-reference"]
    assert flagged and all(m.needs_review for m in flagged)
    assert "2025-05-28" in flagged[0].review[0] and "2026-02-14" in flagged[0].review[0]
