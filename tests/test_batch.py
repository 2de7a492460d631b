"""Batch conversion: cells, column detection, files in every supported format, reliability."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from crosswalk import batch_io
from crosswalk.batch import (
    BatchError,
    Converter,
    cell_text,
    convert_frame,
    find_layout,
    is_status,
    neutralise,
    split_codes,
)
from crosswalk.batch_io import Settings, convert_file
from crosswalk.cli import main
from crosswalk.cli_convert import convert

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "batch"
FORMULA_START = ("=", "+", "-", "@")
if "convert" not in main.commands:
    main.add_command(convert)


@pytest.fixture
def work(tmp_path: Path) -> Path:
    for item in FIXTURES.iterdir():
        shutil.copy(item, tmp_path / item.name)
    return tmp_path


def run(*args: str) -> object:
    return CliRunner().invoke(main, ["convert", *args])


def read_csv(path: Path, encoding: str, delimiter: str = ",") -> list[list[str]]:
    with open(path, encoding=encoding, newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


# -- cells ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "pieces"),
    [("7(1), 7(2)", ["7(1)", "7(2)"]), ("7(1)/8", ["7(1)", "8"]), ("7(5)\n7(1)", ["7(5)", "7(1)"]),
     ("7(1)・7(2)", ["7(1)", "7(2)"]), ("3A001.a.1", ["3A001.a.1"]), ("3a001 a 1", ["3a001 a 1"])],
)  # fmt: skip
def test_split_codes(text: str, pieces: list[str]) -> None:
    assert split_codes(text) == pieces


@pytest.mark.parametrize("text", ["非該当", "該当なし", "対象外", "N/A", "NLR", "EAR99", "-", "비해당", "－"])
def test_statuses_are_not_codes(text: str) -> None:
    assert is_status(text)
    answer = Converter(["eu"]).answer(text, "jp")[0]
    assert (answer.status, answer.codes) == ("not-a-code", "")


def test_numbers_read_as_text_with_a_note() -> None:
    assert cell_text(8.0)[0] == "8"
    assert cell_text(3.1)[0] == "3.1"
    answer = Converter(["eu"]).answer(8.0, "jp")[0]
    assert answer.codes and "stored as a number" in answer.comment


def test_full_width_and_kanji_numerals() -> None:
    engine = Converter(["eu"])
    assert engine.answer("７（５）", "jp")[0].codes == "3A001.e.3"
    assert engine.answer("第六条第一項第七号", "jp-clause")[0].codes == "3A001.e.3"


def test_several_codes_in_a_cell_take_the_weakest_status() -> None:
    answer = Converter(["eu"]).answer("7(5), 16", "jp")[0]
    assert answer.status == "no-counterpart"
    assert "3A001.e.3" in answer.codes and answer.needs_review


def test_invalid_and_blank() -> None:
    engine = Converter(["eu"])
    assert engine.answer("3A0O1")[0].status == "invalid"
    assert engine.answer("")[0].status == "not-a-code"
    assert engine.answer(None)[0].status == "not-a-code"


def test_needs_review_false_only_for_exact_curated() -> None:
    engine = Converter(["jp-clause"])
    answer = engine.answer("3A001.a.1", "eu")[0]
    assert answer.relation == "exactMatch" and answer.basis == "curated"
    assert answer.needs_review is False
    assert Converter(["eu"]).answer("7(5)", "jp")[0].needs_review is True


def test_neutralise_formula_cells() -> None:
    assert [neutralise(t) for t in ("=1+1", "+1", "-1", "@SUM(A1)", "7(1)")] == [
        "'=1+1", "'+1", "'-1", "'@SUM(A1)", "7(1)"]  # fmt: skip


# -- layout -----------------------------------------------------------------------------------
def test_layout_header_not_on_first_row_with_merged_group() -> None:
    rows = [["title", "", ""], ["", "輸出令", ""], ["品名", "項番", "項目"], ["a", "7(1)", "集積回路"]]
    layout = find_layout(rows, [((1, 1), (1, 2))])
    assert layout.header_row == 2
    assert [(c.index, c.scheme) for c in layout.columns] == [(1, "jp")]
    assert layout.labels[1] == "輸出令 項番"


def test_layout_found_by_sniffing_without_header_words() -> None:
    rows = [["part", "code"], ["a", "3A001"], ["b", "5A002.a"], ["c", "9A001"]]
    assert [c.index for c in find_layout(rows).columns] == [1]


def test_layout_no_code_column_names_the_headers() -> None:
    with pytest.raises(BatchError, match="headers seen: '品名', '数量'"):
        find_layout([["品名", "数量"], ["ねじ", "10"]])


@pytest.mark.parametrize("spec", ["B", "2", "code"])
def test_layout_column_override(spec: str) -> None:
    rows = [["part", "code"], ["a", "x"], ["b", "3A001"]]
    assert [c.index for c in find_layout(rows, column=spec).columns] == [1]


# -- xlsx -------------------------------------------------------------------------------------
def test_xls_is_read_and_written_as_xlsx(work: Path) -> None:
    """parts.xls is parts.xlsx saved in the legacy format by LibreOffice."""
    from openpyxl import load_workbook

    result = run(str(work / "parts.xls"), "-o", str(work / "out.xlsx"))
    assert result.exit_code == 0, result.output
    sheet = load_workbook(work / "out.xlsx")["部品"]
    header = [c.value for c in sheet[3]]
    status = header.index("輸出令 項番 → eu status") + 1
    assert sheet.cell(4, 3).value == "7(5)" and sheet.cell(4, status).value == "mapped"
    assert sheet.max_row >= 13


def test_xlsx_end_to_end(work: Path) -> None:
    from openpyxl import load_workbook

    result = run(str(work / "parts.xlsx"), "-o", str(work / "out.xlsx"))
    assert result.exit_code == 0, result.output
    book = load_workbook(work / "out.xlsx")
    assert book.sheetnames == ["部品", "メモ", "supplier", "crosswalk summary"]
    sheet = book["部品"]
    header = [c.value for c in sheet[3]]
    assert header[:6] == ["No", "品名", "項番", "項目", "条項", "備考"]
    assert "輸出令 項番 → eu" in header and "条項 → eu status" in header
    status = header.index("輸出令 項番 → eu status") + 1
    codes = header.index("輸出令 項番 → eu") + 1
    column = {r: sheet.cell(r, status).value for r in range(4, 14)}
    assert column[4] == "mapped" and sheet.cell(4, codes).value == "3A001.e.3"
    assert column[5] == "not-a-code" and sheet.cell(5, codes).value is None  # 非該当 stays a status
    assert column[7] == "not-a-code"  # blank row kept, with a status
    assert column[11] == "invalid"  # 3A0O1
    assert sheet["C4"].fill.fgColor.rgb == "00FFFF00"  # formatting survives
    assert sheet["F4"].value == "=LEN(B5)"  # the user's formula survives
    assert sheet["A1"].font.b
    assert [c.value for c in book["メモ"]["A"]] == ["このシートにはコードがありません", "担当: 山田"]
    supplier = [c.value for c in book["supplier"][1]]
    assert supplier[:3] == ["Part", "EU", "jp"]
    summary_text = [c.value for row in book["crosswalk summary"].iter_rows() for c in row if c.value]
    assert any("No hit is not clearance" in str(v) for v in summary_text)


def test_xlsx_json_summary_and_sheet_option(work: Path) -> None:
    result = run(str(work / "parts.xlsx"), "-o", str(work / "o.xlsx"), "--sheet", "supplier", "--to", "jp",
                 "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [s["sheet"] for s in report["sheets"]] == ["supplier"]
    assert report["sheets"][0]["counts"][0]["target"] == "jp"
    assert "eu" in report["list_versions"] and "No hit" in report["caveat"]


def test_xlsx_numbers_warned(work: Path) -> None:
    report = convert_file(work / "parts.xlsx", work / "o.xlsx", Settings(sheets=["部品"]))
    assert any("stored as a number (8)" in w for w in report["sheets"][0]["warning_examples"])


def test_added_cells_never_start_a_formula(work: Path) -> None:
    from openpyxl import load_workbook

    convert_file(work / "parts.xlsx", work / "o.xlsx")
    sheet = load_workbook(work / "o.xlsx")["部品"]
    for row in sheet.iter_rows(min_row=3, min_col=7):
        for cell in row:
            assert not (isinstance(cell.value, str) and cell.value.startswith(FORMULA_START))


# -- CSV --------------------------------------------------------------------------------------
def test_cp932_csv_round_trip(work: Path) -> None:
    result = run(str(work / "parts_cp932.csv"), "-o", str(work / "out.csv"))
    assert result.exit_code == 0, result.output
    rows = read_csv(work / "out.csv", "cp932")
    assert rows[0] == ["部品リスト 株式会社サンプル"]
    assert rows[2][:4] == ["品番", "品名", "該当項番", "備考"] and rows[2][4] == "eu"
    by_part = {r[0]: r for r in rows[3:]}
    assert list(by_part) == ["A-1", "A-2", "A-3", "A-4", "A-5"]
    status = rows[2].index("eu status")
    assert by_part["A-1"][4] == "3A001.e.3"
    assert by_part["A-2"][status] == "not-a-code" and by_part["A-2"][4] == ""
    assert by_part["A-4"][status] == "partial"  # full-width ８
    assert (work / "out.csv").read_bytes().count(b"\r\n") == len(rows)


def test_cp949_csv_detected_and_kept(work: Path) -> None:
    report = convert_file(work / "supplier_cp949.csv", work / "out.csv", Settings(to=["eu", "us"]))
    assert report["encoding"] == "cp949" and "encoding_note" not in report
    rows = read_csv(work / "out.csv", "cp949")
    assert rows[0][:3] == ["품명", "통제번호", "비고"] and rows[0][3] == "eu"
    assert rows[3][rows[0].index("eu status")] == "not-a-code"


def test_text_the_input_encoding_cannot_hold_is_never_replaced(work: Path) -> None:
    """CP949 has no 条 or 号: the 省令 clauses are written, in UTF-8 with a BOM, and the user is told."""
    report = convert_file(work / "supplier_cp949.csv", work / "out.csv")  # default targets: jp, jp-clause
    assert report["encoding"] == "utf-8-sig" and "cp949" in report["encoding_note"]
    assert report["sheets"][0]["warning_examples"][0] == report["encoding_note"]
    raw = (work / "out.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"?" not in raw.replace(b"?)", b"")
    rows = read_csv(work / "out.csv", "utf-8-sig")
    assert rows[0][:3] == ["품명", "통제번호", "비고"]  # the user's cells, read back intact
    assert rows[1][rows[0].index("jp-clause")] == "第2条第2項第7号"


def test_bom_tsv_and_formula_injection(work: Path) -> None:
    report = convert_file(work / "eccn_bom.tsv", work / "out.tsv")
    assert (report["encoding"], report["delimiter"]) == ("utf-8-sig", "\t")
    assert (work / "out.tsv").read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_csv(work / "out.tsv", "utf-8-sig", "\t")
    status = rows[0].index("jp status")
    assert [r[status] for r in rows[1:]] == ["partial", "not-a-code", "no-counterpart", "not-a-code"]
    assert rows[4][1] == '=HYPERLINK("http://x")'  # the user's own cell is left as it was
    added = [cell for r in rows for cell in r[3:]]
    assert not any(cell.startswith(FORMULA_START) for cell in added)


# -- errors and safety ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "message"),
    [("missing.xlsx", "no such file"), ("corrupt.xlsx", "not a readable workbook"),
     ("encrypted.xlsx", "password-protected"), ("no_codes.csv", "headers seen: '品名', '数量'"),
     ("empty.csv", "is empty"), ("notes.pdf", "unsupported file type")],
)  # fmt: skip
def test_clear_errors_exit_2(work: Path, name: str, message: str) -> None:
    (work / "notes.pdf").write_bytes(b"%PDF")
    out = work / ("out" + Path(name).suffix)
    result = run(str(work / name), "-o", str(out))
    assert result.exit_code == 2
    assert message in result.stderr
    assert not out.exists()


def test_empty_sheet_asked_for(work: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "空"
    book.save(work / "blank.xlsx")
    result = run(str(work / "blank.xlsx"), "--sheet", "空")
    assert result.exit_code == 2 and "is empty" in result.stderr


def test_refuses_to_overwrite_the_input(work: Path) -> None:
    before = (work / "parts.xlsx").read_bytes()
    result = run(str(work / "parts.xlsx"), "-o", str(work / "parts.xlsx"))
    assert result.exit_code == 2 and "--in-place" in result.stderr
    assert (work / "parts.xlsx").read_bytes() == before


def test_in_place_keeps_a_backup(work: Path) -> None:
    before = (work / "parts_cp932.csv").read_bytes()
    result = run(str(work / "parts_cp932.csv"), "--in-place")
    assert result.exit_code == 0, result.output
    assert (work / "parts_cp932.csv.bak").read_bytes() == before
    assert "eu status" in (work / "parts_cp932.csv").read_text("cp932")


def test_failed_run_leaves_no_file(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object) -> bytes:
        raise OSError("disk full")

    monkeypatch.setattr(batch_io, "add_cells", explode)
    result = run(str(work / "parts.xlsx"), "-o", str(work / "out.xlsx"))
    assert result.exit_code == 2 and "disk full" in result.stderr
    assert sorted(p.name for p in work.iterdir() if "out" in p.name) == []


def test_no_progress_output_in_a_pipe(work: Path) -> None:
    result = run(str(work / "parts_cp932.csv"), "-o", str(work / "o.csv"), "--json")
    json.loads(result.stdout)  # stdout is the summary only
    assert result.stderr == ""


def test_cli_module_does_not_import_heavy_libraries() -> None:
    import subprocess
    import sys

    code = ("import sys; import crosswalk.cli_convert; "
            "print([m for m in ('pandas', 'openpyxl', 'rich', 'python_calamine') if m in sys.modules])")  # fmt: skip
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "[]"


# -- pandas -----------------------------------------------------------------------------------
def test_convert_frame_keeps_rows_and_index() -> None:
    import pandas as pd

    df = pd.DataFrame({"品名": ["a", "b", "c"], "項番": ["7(5)", "非該当", None]}, index=[10, 5, 7])
    out = convert_frame(df, column="項番", to=["eu", "us"])
    assert list(out.index) == [10, 5, 7]
    assert list(out["eu"]) == ["3A001.e.3", "", ""]
    assert list(out["eu status"]) == ["mapped", "not-a-code", "not-a-code"]
    assert "us needs_review" in out.columns
    assert list(convert_frame(df)["eu status"]) == ["mapped", "not-a-code", "not-a-code"]


# -- 100,000 rows -----------------------------------------------------------------------------
def test_hundred_thousand_rows_keep_count_and_order(tmp_path: Path) -> None:
    import python_calamine
    import xlsxwriter

    codes = ["7(5)", "非該当", "", "第6条第1項第7号", "8", "7(1), 7(2)", "N/A", "3A0O1", "16", "７（３）"]
    n = 100_000
    book = xlsxwriter.Workbook(str(tmp_path / "big.xlsx"), {"constant_memory": True})
    sheet = book.add_worksheet("parts")
    sheet.write_row(0, 0, ["key", "該当項番"])
    for i in range(n):
        sheet.write_number(i + 1, 0, i)
        if codes[i % len(codes)]:
            sheet.write_string(i + 1, 1, codes[i % len(codes)])
    book.close()
    convert_file(tmp_path / "big.xlsx", tmp_path / "out.xlsx", Settings(to=["eu"]))
    rows = python_calamine.CalamineWorkbook.from_path(str(tmp_path / "out.xlsx")).get_sheet_by_name(
        "parts").to_python(skip_empty_area=False)  # fmt: skip
    assert len(rows) == n + 1
    status = rows[0].index("eu status")
    assert [r[0] for r in rows[1:]] == [float(i) for i in range(n)]
    statuses = {"mapped", "partial", "no-counterpart", "not-mapped-yet", "not-a-code", "invalid"}
    assert all(r[status] in statuses for r in rows[1:])
