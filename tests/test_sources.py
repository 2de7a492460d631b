"""Each parser on a small committed fixture and on the real source file."""

from __future__ import annotations

import collections

import pytest

from conftest import FIXTURES, SOURCES, needs_sources
from crosswalk.errors import DataError
from crosswalk.sources import ccl, egov_beppyo1, eu_annex, kr_annex, military_list, shorei


def by_code(entries):
    return {e.code: e for e in entries}


def test_beppyo1_fixture_levels_and_displaced_ruby() -> None:
    entries = by_code(egov_beppyo1.parse(FIXTURES / "beppyo1_sample.xml", "2026-06-05"))
    assert entries["7(5)"].text.startswith("超電導電磁石")
    assert entries["7(5)"].parent == "7"
    assert "燐、砒素若しくは" in entries["7(20)"].text  # ruby restored in place
    assert entries["7(21)"].text.startswith("燐、砒素又は")
    assert "磁場勾配計" in entries["10(9)"].text
    assert entries["8"].kind == "kou" and "電子計算機" in entries["8"].text
    assert entries["7"].title == "7項 エレクトロニクス"


def test_unknown_ruby_displacement_stops_the_build(tmp_path) -> None:
    text = (FIXTURES / "beppyo1_sample.xml").read_text(encoding="utf-8").replace("磁場配計", "磁場X配計")
    (tmp_path / "b.xml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match="RUBY_RESTORATIONS"):
        egov_beppyo1.parse(tmp_path / "b.xml", "2026-06-05")


@needs_sources
def test_beppyo1_real_counts() -> None:
    entries = egov_beppyo1.parse(SOURCES / "jp/yushutsurei_20260605_beppyo1.xml", "2026-06-05")
    kinds = collections.Counter(e.kind for e in entries)
    assert kinds["kou"] == 17
    goods_rows = kinds["item"] + sum(1 for e in entries if e.kind == "kou" and e.code == "8")
    assert goods_rows == 249  # the sub-items, and 8項 which has none
    deleted = sorted(e.code for e in entries if e.deleted)
    assert deleted == ["14(4)", "14(8)", "5(2)", "5(9)", "9(4)", "9(9)"]
    items = (
        (SOURCES / "jp/yushutsurei_beppyo1_items_20260605.tsv").read_text(encoding="utf-8").splitlines()[1:]
    )
    assert {line.split("\t")[2] for line in items} == {e.code for e in entries if e.kind == "item"} | {"8"}


def test_shorei_fixture_joint_deletions_and_deep_levels() -> None:
    entries = by_code(shorei.parse_tsv(FIXTURES / "shorei_sample.tsv", "2026-02-14"))
    assert entries["第1条第1項第12号"].deleted and entries["第1条第1項第13号"].deleted
    deep = entries["第9条第1項第1号イ(1)2二ニ(1)"]
    assert deep.text == "センサーの動作" and deep.parent == "第9条第1項第1号イ(1)2二ニ"
    assert entries["第6条"].title == "第6条（輸出令別表第1 7の項関係）"
    assert entries["第6条第1項"].extra["refers_to"] == "7"


@needs_sources
def test_shorei_xml_and_tsv_agree_element_for_element() -> None:
    xml = shorei.parse_xml(SOURCES / "jp/kamotsu_shorei_20260214_excerpt.xml", "2026-02-14")
    tsv = by_code(shorei.parse_tsv(SOURCES / "jp/kamotsu_shorei_20260214.tsv", "2026-02-14"))
    assert len(xml) > 150
    for entry in xml:
        assert tsv[entry.code].text == entry.text, entry.code
    formula = next(e for e in xml if "複素点" in e.text)
    assert "ｌｏｇ２（複素点の数）" in formula.text


@needs_sources
def test_shorei_real_articles() -> None:
    entries = shorei.parse_tsv(SOURCES / "jp/kamotsu_shorei_20260214.tsv", "2026-02-14")
    articles = [e.code for e in entries if e.kind == "article"]
    assert articles[:3] == ["第1条", "第2条", "第2条の2"] and articles[-1] == "第28条"
    assert len(articles) == 32
    assert sum(1 for e in entries if e.kind != "article") == 3285 + 6  # four joint 削除 rows stand for ten 号
    goods = {e.code for e in entries if "goods" in e.flags and e.kind == "article"}
    assert "第14条の2" in goods and "第15条" not in goods


def test_eu_fixture_notes_and_levels() -> None:
    entries = by_code(eu_annex.parse(FIXTURES / "eu_annex_sample.json", "2025-11-15"))
    assert entries["3A001"].title == "Electronic items"
    assert entries["3A001.a.1.b"].parent == "3A001.a.1"
    assert any(n.startswith("Note") for n in entries["0A001.i"].notes)
    assert entries["0B004.b.10.1"].parent == "0B004.b.10"
    assert entries["0A001"].regimes == ("NSG",) and entries["3A001"].regimes == ("WA",)


@needs_sources
def test_eu_real_counts() -> None:
    entries = eu_annex.parse(SOURCES / "eu/eu_annex_i_02021R0821-20251115.json", "2025-11-15")
    assert sum(e.level == 0 for e in entries) == 384
    assert sum(len(e.notes) for e in entries) >= 634


def test_ccl_fixture() -> None:
    entries = by_code(
        ccl.parse(FIXTURES / "ccl_sample.json", FIXTURES / "ccl_flat_sample.json", "2026-07-23")
    )
    assert entries["EAR99"].kind == "designation"
    assert entries["3A001.a.1.b"].parent == "3A001.a.1"
    assert entries["3A001"].extra["reasons_for_control"].startswith("NS")
    assert "Containment facilities" in entries["2B352"].text  # only in the flat extract


@needs_sources
def test_ccl_real_counts() -> None:
    entries = ccl.parse(SOURCES / "us/ccl_ecfr_2026-07-23_seelpeed.json",
                        SOURCES / "us/ccl_ecfr_jaepaly_v3.json", "2026-07-23")  # fmt: skip
    assert sum(e.level == 0 and e.code != "EAR99" for e in entries) >= 633


def test_kr_fixture_flags_and_implied_parents() -> None:
    entries = by_code(kr_annex.parse(FIXTURES / "kr_index_sample.csv", None, None, None, "2025-12-31"))
    assert "korea-only" in entries["1C901"].flags and "implied" in entries["1C901"].flags
    assert entries["0B001.b.3"].parent == "0B001.b"  # official text writes 0B001b.3
    assert "nuclear-only" in entries["0B001"].flags
    assert entries["1B003"].extra["also_listed_as"]


@needs_sources
def test_kr_real_index_regimes_and_keywords() -> None:
    kr = SOURCES / "kr"
    entries = by_code(kr_annex.parse(kr / "byeolpyo1_index_2025-37.csv", kr / "byeolpyo4_regime_classification_2025-37.txt",
                                     kr / "kosti_item_keywords_20260522.csv", kr / "kosti_hsk_linkage_20181126_utf8.csv",
                                     "2025-12-31"))  # fmt: skip
    listed = [e for e in entries.values() if "implied" not in e.flags]
    assert len(listed) == 1043  # 1,046 index rows; 1B003, 1B101 and 1B102 are listed twice
    assert "CWC 1종" in entries["1C350.4"].regimes and "AG AG1" in entries["1C350.4"].regimes
    assert "MTCR Category II" in entries["1A102"].regimes
    assert entries["0A001"].regimes == ("NSG",)
    assert "불소화" in " ".join(entries["1A001"].keywords)
    assert entries["1C111.d"].extra["hs_hints"]


def test_military_list() -> None:
    from conftest import ROOT

    entries = military_list.parse(ROOT / "data/ml/military_list.tsv", "2025")
    assert [e.code for e in entries][:3] == ["ML1", "ML2", "ML3"] and len(entries) == 22


def test_meti_matrix_fixture() -> None:
    from crosswalk.sources.meti_matrix import read_rows

    rows = list(read_rows(FIXTURES / "kamotsu_matrix_sample.xlsx"))
    by_clause = {r.clause: r for r in rows}
    assert by_clause["第3条第1項第1号"].eccns == ("9A004", "9A104", "9B116")  # comma-separated cell
    assert by_clause["第1条第1項第1号"].eccns == ("0C001", "0C002")  # space-separated cell
    assert by_clause["第8条第1項第1号"].eccns == ("5A001.a",)  # dotless 5A001a
    assert by_clause["第3条第1項第1号の3"].item == "4(1の2)"  # merged item cell spans two clauses
    assert {r.sheet for r in rows} >= {"９項　通信", "15項　機微品目"}


def test_meti_matrix_bad_cell_names_sheet_and_row(tmp_path) -> None:
    import openpyxl

    from crosswalk.sources.meti_matrix import read_rows

    book = openpyxl.load_workbook(FIXTURES / "kamotsu_matrix_sample.xlsx")
    book["９項　通信"]["H3"] = "5A0O1a"
    book.save(tmp_path / "kamotsu_matrix_20260214.xlsx")
    with pytest.raises(DataError, match=r"９項　通信\] row 3"):
        list(read_rows(tmp_path / "kamotsu_matrix_20260214.xlsx"))


def test_meti_matrix_reference_sets(tmp_path) -> None:
    import shutil

    from crosswalk.mappings import matrix_sets

    path = tmp_path / "kamotsu_matrix_20260214.xlsx"
    shutil.copy(FIXTURES / "kamotsu_matrix_sample.xlsx", path)
    sets = {
        name: (meta, rows)
        for name, meta, rows in matrix_sets(path, {"jp": "2026-06-05", "jp-clause": "2026-02-14"})
    }
    meta, rows = sets["meti_matrix_eccn"]
    assert meta["basis"] == "official-reference" and meta["source_date"] == "2007-03"
    assert ("jpclause:第8条第1項第1号", "us:5A001.a") in {(r.subject_id, r.object_id) for r in rows}
    assert sets["meti_matrix_item_clause"][0]["source_date"] == "2026-02-14"
