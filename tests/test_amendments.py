"""Amendments: successors of removed entries, per-version mapping rows, review flags, recheck."""

from __future__ import annotations

import csv
import itertools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import crosswalk
from conftest import ROOT
from crosswalk import load, sssom
from crosswalk.batch import BatchError
from crosswalk.batch_io import Settings, convert_file
from crosswalk.cli import main
from crosswalk.diff import diff
from crosswalk.errors import DataError, UnknownCode
from crosswalk.history import lifecycle, successors
from crosswalk.translation import translate

AMENDMENTS = ROOT / "data" / "amendments"
OLD_ROWS = ROOT / "data" / "meti_tables" / "clause_eu_2025-05-28.sssom.tsv"
BEFORE = "2025-06-01"  # 貨物等省令 2025-05-28 and 輸出令別表第1 2025-01-23 in force


# -- successor tables ------------------------------------------------------------------------
def test_every_removed_entry_has_a_successor_row() -> None:
    """Between any two consecutive installed versions, no entry disappears without a word."""
    dataset = load()
    checked = 0
    for scheme in ("jp", "jp-clause", "eu", "us", "kr"):
        versions = [v.version for v in dataset.versions_of(scheme)]
        for old, new in itertools.pairwise(versions):
            result = diff(dataset, scheme, old, new)
            assert result.unexplained == [], f"{scheme} {old}→{new}: removed without successor row"
            checked += len(result.removed)
    assert checked == 7


def test_successor_tables_are_well_formed() -> None:
    tables = sorted(AMENDMENTS.glob("*.sssom.tsv"))
    assert [t.name for t in tables] == ["jp-clause_2025-05-28_2026-02-14.sssom.tsv",
                                        "jp_2025-01-23_2026-06-05.sssom.tsv"]  # fmt: skip
    for path in tables:
        table = sssom.read(path)
        assert table.meta["subject_source"] == table.meta["object_source"]
        assert table.meta["subject_source_version"] < table.meta["object_source_version"]
        for row in table.rows:
            assert row.comment, f"{path.name}:{row.line} needs a comment saying what moved"


def test_moved_clauses_point_to_their_new_numbers() -> None:
    dataset = load()
    steps = successors(dataset, "jp-clause", "第2条の2第2項第3号ハ")
    assert [(s.code, s.relation) for s in steps] == [("第2条の2第2項第3号イ(1)", "exactMatch")]
    # the moved text is word for word the same
    old = dataset.get("jp-clause", "第2条の2第2項第3号ハ", BEFORE).text
    assert dataset.get("jp-clause", "第2条の2第2項第3号イ(1)").text == old
    dropped = successors(dataset, "jp-clause", "第14条第1項第9号ロ(3)")
    assert [s.code for s in dropped] == [None] and "deleted" in dropped[0].comment
    split = {s.code for s in successors(dataset, "jp", "16")}
    assert split == {"16(1)", "16(2)"}


def test_successor_chains_compose(tmp_path: Path) -> None:
    """A → B in one amendment and B → C in the next give A → C with the composed relation."""
    from crosswalk.dataset import Dataset

    dataset = Dataset()
    dataset.__dict__["successor_table"] = {"jp-clause": {
        "A": [["B", "exactMatch", "2025-01-01", "2025-06-01", 0.9, "moved", "", "t1"]],
        "B": [["C", "broadMatch", "2025-06-01", "2026-01-01", 0.8, "absorbed", "", "t2"]],
    }}  # fmt: skip
    (step,) = successors(dataset, "jp-clause", "A")
    assert (step.code, step.relation, step.confidence) == ("C", "broadMatch", 0.72)
    assert "moved" in step.comment and "absorbed" in step.comment
    (first,) = successors(dataset, "jp-clause", "A", upto="2025-06-01")
    assert first.code == "B"


# -- lifecycle and answers -------------------------------------------------------------------
def test_lifecycle_states() -> None:
    dataset = load()
    assert lifecycle(dataset, "jp", "7(24)", "2025-03-01").state == "not-yet"
    assert lifecycle(dataset, "jp", "7(24)").state == "in-force"
    removed = lifecycle(dataset, "jp-clause", "第6条第1項第1号ヨ(2)")
    assert (removed.state, removed.last_version, removed.removed_in) == (
        "removed",
        "2025-05-28",
        "2026-02-14",
    )
    assert lifecycle(dataset, "jp", "7(99)").state == "never"
    with pytest.raises(UnknownCode, match="no longer in the jp-clause list") as caught:
        dataset.get("jp-clause", "第6条第1項第1号ヨ(1)")
    assert caught.value.removed


def test_removed_code_answers_with_its_successors() -> None:
    result = translate("第6条第1項第1号ヨ(1)", "eu")
    assert result.status == "removed" and not result.matches
    assert [(s.code, s.relation) for s in result.successors] == [("第6条第1項第1号ヨ", "broadMatch")]
    assert result.to_dict()["successors"][0]["to_version"] == "2026-02-14"
    # before the change the old rows answer, made against the version then in force: no review flag
    before = translate("第6条第1項第1号ヨ(1)", "eu", as_of=BEFORE)
    assert before.status == "partial" and before.best().code == "3A501.a.16"
    assert before.best().path[0].mapping_set == "clause_eu_2025-05-28" and not before.best().needs_review


def test_the_rows_made_for_the_version_in_force_answer() -> None:
    now = translate("3A002.a.7", "jp-clause")
    then = translate("3A002.a.7", "jp-clause", as_of=BEFORE)
    assert now.best().relation == "exactMatch" and now.best().path[0].mapping_set == "clause_eu"
    assert then.best().relation == "closeMatch"  # 60 GHz in the old text, 90 GHz in the EU's
    assert then.best().path[0].mapping_set == "clause_eu_2025-05-28"
    # a clause that was only renumbered: the old number answers before, the new one after
    assert translate("2B352.c.1.c", "jp-clause", as_of=BEFORE).best().code == "第2条の2第2項第3号ニ"
    assert translate("2B352.c.1.c", "jp-clause").best().code == "第2条の2第2項第3号イ(3)"


def test_old_rows_cover_every_removed_or_changed_clause() -> None:
    result = diff(load(), "jp-clause", "2025-05-28", "2026-02-14")
    subjects = {r.subject_id.removeprefix("jpclause:") for r in sssom.read(OLD_ROWS).rows}
    assert set(result.removed) | {c.code for c in result.changed} == subjects
    items = diff(load(), "jp", "2025-01-23", "2026-06-05")
    old_items = ROOT / "data" / "meti_tables" / "item_clause_2025-01-23.sssom.tsv"
    mapped_now = {
        r.subject_id.removeprefix("jp:")
        for r in sssom.read(old_items.with_name("item_clause.sssom.tsv")).rows
    }
    changed = {c.code for c in items.changed} & (mapped_now | {"16"})
    assert {r.subject_id.removeprefix("jp:") for r in sssom.read(old_items).rows} == changed


def test_review_flag_only_where_the_entry_reads_differently() -> None:
    same = translate("第6条第1項第7号", "eu", as_of=BEFORE)  # reads the same in both versions
    assert same.status == "mapped" and not same.best().needs_review
    changed = translate("第8条第1項第1号", "us", as_of=BEFORE)  # a set made once (METI's reference column)
    reason = next(m for m in changed.matches if m.basis == "official-reference").review[0]
    assert "2026-02-14" in reason and "2025-05-28" in reason and "an entry below it differs" in reason
    # the item's own old text has its own rows: no flag, and the old relation (IF5 named only by the clause)
    old_item = translate("5(19)", "jp-clause", as_of=BEFORE).best()
    assert old_item.relation == "broadMatch" and not old_item.needs_review
    assert old_item.path[0].mapping_set == "item_clause_2025-01-23"


def test_families_of_one_set_must_not_repeat_versions(tmp_path: Path) -> None:
    from crosswalk.mappings import _check_families

    sets = [{"family": "crosswalk/x", "subject_source_version": "1", "object_source_version": "2", "source": s}
            for s in ("a.tsv", "b.tsv")]  # fmt: skip
    with pytest.raises(DataError, match="same list versions"):
        _check_families(sets)


# -- CLI -------------------------------------------------------------------------------------
def test_show_and_lookup_of_a_removed_code() -> None:
    runner = CliRunner()
    shown = runner.invoke(main, ["show", "第6条第1項第1号ヨ(1)"])
    assert shown.exit_code == 2
    assert "no longer in the jp-clause list" in shown.output and "--as-of 2025-05-28" in shown.output
    looked = runner.invoke(main, ["lookup", "第14条第1項第9号ロ(3)", "--to", "eu"])
    assert looked.exit_code == 0 and "removed" in looked.output and "no successor in version" in looked.output
    future = runner.invoke(main, ["show", "7(24)", "--as-of", "2025-03-01"])
    assert future.exit_code == 2 and "added in version 2026-06-05" in future.output


def test_diff_names_successors() -> None:
    out = CliRunner().invoke(main, ["diff", "jp-clause"]).output
    assert "第2条の2第2項第3号ハ → 第2条の2第2項第3号イ(1) (moved unchanged)" in out
    assert "its former content went to 第2条の2第2項第3号イ(2)" in out  # old ロ, a changed clause
    data = json.loads(CliRunner().invoke(main, ["diff", "jp-clause", "--json"]).output)
    assert data["removed_without_successor"] == []
    assert data["successors"]["第6条第1項第1号ヨ(3)"][0]["code"] == "第6条第1項第1号ヨ"


# -- recheck ---------------------------------------------------------------------------------
ROWS = [
    ["品名", "該当項番"],
    ["遠心分離機", "第2条の2第2項第3号ハ"],
    ["超電導磁石", "7(5)"],
    ["レーザー", "第9条第1項第10号ニ(1)2二"],
    ["", ""],
    ["部品", "非該当"],
    ["潜水艇", "第14条第1項第9号ロ(3)"],
    ["ほう素", "5(19)"],
    ["超電導材料", "第4条第1項第10号ロ"],
]


def _write_csv(path: Path) -> None:
    with open(path, "w", encoding="cp932", newline="") as handle:
        csv.writer(handle).writerows(ROWS)


def test_recheck_csv_names_the_rows_and_why(tmp_path: Path) -> None:
    source = tmp_path / "parts.csv"
    _write_csv(source)
    old = tmp_path / "old.csv"
    convert_file(source, old, Settings(as_of=BEFORE))
    assert (tmp_path / "old.csv.summary.json").exists()
    report = crosswalk.recheck(old)
    assert report.to_dict()["rows_differing"] == 4
    assert (
        report.recorded.versions["jp-clause"] == "2025-05-28" and report.versions["jp-clause"] == "2026-02-14"
    )
    assert report.rows == 8
    rows = {(d.row, d.target): d for d in report.differences}
    # the two removed clauses; the laser clause whose old text now sits at 四; 5(19), whose old text did
    # not name 五ふっ化よう素 (the clause did). 7(5) and the blank and 非該当 rows answer as before
    assert {r for r, _ in rows} == {2, 4, 7, 8}
    centrifuge = rows[(2, "eu")]
    assert centrifuge.old["codes"] == "2B352.c.1.a" and centrifuge.new["status"] == "removed"
    assert any("第2条の2第2項第3号イ(1)" in why for why in centrifuge.why)
    laser = rows[(4, "eu")]
    assert (laser.old["codes"], laser.new["codes"]) == ("6A005.d.1.b.4", "6A005.d.1.b")
    assert any("changed from version 2025-05-28 to 2026-02-14" in why for why in laser.why)
    boron = rows[(8, "eu")]
    assert any("五ふっ化よう素" in why for why in boron.why)
    (wording,) = report.amended  # the same answer, but the clause's wording was amended (すべて → 全て)
    assert wording.row == 9 and "すべ → 全" in wording.why[0]


def test_recheck_xlsx_cli(tmp_path: Path) -> None:
    import xlsxwriter

    source = tmp_path / "parts.xlsx"
    book = xlsxwriter.Workbook(str(source))
    sheet = book.add_worksheet("部品")
    for number, row in enumerate(ROWS):
        sheet.write_row(number, 0, row)
    book.close()
    runner = CliRunner()
    made = runner.invoke(main, ["convert", str(source), "-o", str(tmp_path / "old.xlsx"), "--as-of", BEFORE])
    assert made.exit_code == 0, made.output
    result = runner.invoke(main, ["convert", "--recheck", str(tmp_path / "old.xlsx")])
    assert result.exit_code == 1, result.output
    assert "4 rows answer differently" in result.output and "部品 row 7" in result.output
    data = json.loads(
        runner.invoke(main, ["convert", "--recheck", str(tmp_path / "old.xlsx"), "--json"]).output
    )
    assert data["rows_differing"] == 4 and data["now"]["list_versions"]["jp-clause"] == "2026-02-14"
    same = runner.invoke(main, ["convert", "--recheck", str(tmp_path / "old.xlsx"), "--as-of", BEFORE])
    assert same.exit_code == 0 and "0 rows answer differently" in same.output
    assert source.read_bytes()[:2] == b"PK"  # nothing written


def test_recheck_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    source = tmp_path / "parts.csv"
    _write_csv(source)
    no_summary = runner.invoke(main, ["convert", "--recheck", str(source)])
    assert no_summary.exit_code == 2 and "summary.json" in no_summary.output
    both = runner.invoke(main, ["convert", str(source), "--recheck", str(source)])
    assert both.exit_code == 2 and "--recheck OLD_OUTPUT takes only" in both.output
    neither = runner.invoke(main, ["convert"])
    assert neither.exit_code == 2 and "missing SOURCE" in neither.output


def test_package_functions_survive_their_modules_being_imported() -> None:
    """crosswalk.translate / search / recheck stay functions however often they are called."""
    import importlib

    for name in ("translation", "text_search", "rechecking", "batch", "cli"):
        importlib.import_module(f"crosswalk.{name}")
    assert crosswalk.translate("7(5)", "eu").status == crosswalk.translate("7(5)", "eu").status == "mapped"
    assert crosswalk.search("軸受", limit=3) and crosswalk.search("軸受", limit=3)
    assert all(callable(getattr(crosswalk, name)) for name in crosswalk.__all__)


def test_recheck_skips_rows_added_later_and_refuses_moved_columns(tmp_path: Path) -> None:
    source = tmp_path / "parts.csv"
    _write_csv(source)
    old = tmp_path / "old.csv"
    convert_file(source, old, Settings(as_of=BEFORE))
    rows = list(csv.reader(old.read_text(encoding="cp932").splitlines()))
    rows.append(["追加", "7(24)"])  # typed in after the conversion: no answers
    with open(old, "w", encoding="cp932", newline="") as handle:
        csv.writer(handle).writerows(rows)
    report = crosswalk.recheck(old)
    assert report.unconverted == [len(rows)] and report.rows == len(ROWS) - 1
    moved = [[row[0], "", *row[1:]] for row in rows]  # a column inserted before the added ones
    with open(old, "w", encoding="cp932", newline="") as handle:
        csv.writer(handle).writerows(moved)
    with pytest.raises(BatchError, match="no longer at column"):
        crosswalk.recheck(old)


def test_every_entry_knows_its_validity_interval() -> None:
    from crosswalk.history import validity

    dataset = load()
    old = validity(dataset, "jp-clause", "第9条第1項第10号ニ(1)2二", "2025-05-28")
    assert (old.start, old.since_before, old.end, old.why) == (
        "2025-05-28",
        True,
        "2026-02-14",
        "text changed",
    )
    new = validity(dataset, "jp-clause", "第9条第1項第10号ニ(1)2二", "2026-02-14")
    assert (new.start, new.since_before, new.end) == ("2026-02-14", False, None)
    assert validity(dataset, "jp", "7(1)", "2026-06-05").describe() == "≤ 2025-01-23 – in force"
    gone = validity(dataset, "jp-clause", "第14条第1項第9号ロ(3)", "2025-05-28")
    assert (gone.end, gone.why) == ("2026-02-14", "removed")
    shown = CliRunner().invoke(main, ["show", "7(24)"]).output
    assert "valid: 2026-06-05 – in force" in shown


def test_as_of_defaults_to_today_and_must_be_a_date(monkeypatch: pytest.MonkeyPatch) -> None:
    from crosswalk.dataset import Dataset
    from crosswalk.errors import InvalidDate

    dataset = Dataset()
    monkeypatch.setenv("CROSSWALK_TODAY", "2025-06-01")  # before the 2026 versions came into force
    assert dataset.version_for("jp-clause").version == "2025-05-28"
    assert dataset.version_for("jp").version == "2025-01-23"
    monkeypatch.setenv("CROSSWALK_TODAY", "2026-11-25")
    assert dataset.version_for("jp-clause").version == "2026-02-14"
    with pytest.raises(InvalidDate, match="YYYY-MM-DD"):
        translate("7(5)", "eu", as_of="2025/06/01")
    bad = CliRunner().invoke(main, ["lookup", "7(5)", "--as-of", "yesterday"])
    assert bad.exit_code == 2 and "is not a date" in bad.output


def test_a_date_before_every_installed_version_is_said() -> None:
    result = translate("7(5)", "eu", as_of=BEFORE)
    assert result.warnings == [
        "no installed eu list was in force on 2025-06-01; the oldest installed (2025-11-15) was used"
    ]
    assert translate("7(5)", "eu").warnings == []


def test_search_for_a_removed_code_offers_its_successors() -> None:
    hits = crosswalk.search("第6条第1項第1号ヨ(1)")
    assert "no longer in the jp-clause list" in hits.message
    assert [(h.code, h.kind) for h in hits] == [("第6条第1項第1号ヨ", "successor")]
    future = crosswalk.search("7(24)", as_of="2025-03-01")
    assert not future and "added in version 2026-06-05" in future.message


def test_diff_edge_cases() -> None:
    runner = CliRunner()
    single = runner.invoke(main, ["diff", "eu"])
    assert single.exit_code == 0 and "nothing to compare" in single.output
    unknown = runner.invoke(main, ["diff", "foo"])
    assert unknown.exit_code == 2 and "unknown scheme 'foo'" in unknown.output
    backwards = runner.invoke(main, ["diff", "jp", "--from", "2026-07-01", "--to", "2025-02-01"])
    assert backwards.exit_code == 2 and "swap them" in backwards.output


def test_rows_to_entries_that_read_differently_then_do_not_answer() -> None:
    """2B352.c.2 (single-use centrifuges) ↔ 第3号ロ holds since 2026-02-14; before, 第3号ロ was polished steel."""
    now = translate("2B352.c.2", "jp-clause")
    assert now.best().code == "第2条の2第2項第3号ロ" and now.best().relation == "exactMatch"
    then = translate("2B352.c.2", "jp-clause", as_of=BEFORE)
    assert "第2条の2第2項第3号ロ" not in {m.code for m in then.matches}
    assert then.status == "partial" and all(any(h.note for h in m.path) for m in then.matches)


def test_a_change_below_a_mapped_entry_is_flagged_not_dropped() -> None:
    before = translate("7(1)", "eu", as_of=BEFORE)  # 第6条第1項第1号 itself reads the same; its ヨ changed
    assert before.status == "partial" and before.matches
    reasons = [r for m in before.matches for r in m.review]
    assert any("第6条第1項第1号 reads the same but an entry below it differs" in r for r in reasons)


POOL = ["7(5)", "第2条の2第2項第3号ハ", "第6条第1項第1号ヨ(1)", "3A001.a.1", "5A992.c", "非該当", "", "8", "7(24)",
        "３Ａ００１", "3A0O1", "第9条第1項第10号ニ(1)2二", "16", "2B352.c.2", "7(1), 7(2)", "N/A", "1C901"]  # fmt: skip


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.sampled_from(POOL), min_size=1, max_size=12),
       day=st.sampled_from([BEFORE, "2026-03-01", "2026-11-25"]))  # fmt: skip
def test_recheck_on_the_same_date_finds_nothing(tmp_path: Path, cells: list[str], day: str) -> None:
    """Whatever the cells, a file re-checked on the date it was converted answers the same in every row."""
    source = tmp_path / f"in_{abs(hash((tuple(cells), day)))}.csv"
    with open(source, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["品名", "該当項番"], *[[f"部品{n}", c] for n, c in enumerate(cells)]])
    out = source.with_name(source.stem + "_out.csv")
    convert_file(source, out, Settings(as_of=day, column="該当項番"))  # a column of junk alone is not found
    report = crosswalk.recheck(out, as_of=day)
    assert report.differences == [] and report.amended == []
    assert report.rows + len(report.unconverted) == len(cells)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.sampled_from(POOL), min_size=1, max_size=10))
def test_recheck_agrees_with_a_fresh_conversion(tmp_path: Path, cells: list[str]) -> None:
    """The rows a re-check lists are exactly the rows whose cells differ from a conversion made now."""
    source = tmp_path / f"in_{abs(hash(tuple(cells)))}.csv"
    with open(source, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["品名", "該当項番"], *[[f"部品{n}", c] for n, c in enumerate(cells)]])
    old, new = source.with_name("old.csv"), source.with_name("new.csv")
    convert_file(source, old, Settings(as_of=BEFORE, column="該当項番"))
    convert_file(source, new, Settings(as_of="2026-11-25", column="該当項番"))
    before, after = (list(csv.reader(p.read_text(encoding="utf-8").splitlines())) for p in (old, new))
    header = after[0]

    def view(row: list[str], target: str) -> tuple[frozenset[str], frozenset[str], str]:
        def items(text: str) -> frozenset[str]:
            return frozenset(p.strip() for p in text.split(",") if p.strip())

        return (items(row[header.index(target)]), items(row[header.index(f"{target} relation")]),
                row[header.index(f"{target} status")])  # fmt: skip

    expected = {(n + 1, t) for n in range(1, len(after)) for t in ("eu", "us", "kr")
                if view(before[n], t) != view(after[n], t)}  # fmt: skip
    report = crosswalk.recheck(old, as_of="2026-11-25")
    assert {(d.row, d.target) for d in report.differences} == expected


def test_successor_candidates_find_moved_text() -> None:
    from crosswalk.diff import successor_candidates

    result = diff(load(), "jp-clause", "2025-05-28", "2026-02-14")
    (first, *_rest) = successor_candidates(load(), result, "第2条の2第2項第3号ニ")
    assert (first.code, first.score, first.why) == ("第2条の2第2項第3号イ(3)", 100.0, "the same text")
    renumbered = successor_candidates(load(), result, "第9条第1項第10号ニ(1)2二", limit=1)
    assert renumbered[0].code == "第9条第1項第10号ニ(1)2四"


def test_recheck_reports_progress(tmp_path: Path) -> None:
    from crosswalk.rechecking import recheck as run

    source = tmp_path / "parts.csv"
    _write_csv(source)
    convert_file(source, tmp_path / "old.csv", Settings(as_of=BEFORE))
    seen: list[tuple[int, int]] = []
    run(tmp_path / "old.csv", progress=lambda done, total: seen.append((done, total)))
    assert seen and all(done <= total == len(ROWS) for done, total in seen)
