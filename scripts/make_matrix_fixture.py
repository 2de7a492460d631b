#!/usr/bin/env python3
"""Build tests/fixtures/kamotsu_matrix_sample.xlsx in the layout of METI's 貨物・技術のマトリクス表.

The rows are the real matrix rows whose reference-ECCN cells could be read in public copies
(``jp/meti_matrix_sample_rows.tsv``); clause texts come from 貨物等省令.  Layout as METI's:
one sheet per 項 with full/half-width names, a two-row header with merged group cells, item
labels merged down their block, ECCN cells as printed (dotless, several per cell).

    python scripts/make_matrix_fixture.py [--sources ../shared/sources]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "src"))

# (sheet, item label, item text, [(clause label, clause id, ECCN cell as printed)])
SHEETS = [
    ("2項　原子力", [("輸出令\n第２項\n（１）", "核燃料物質又は核原料物質",
                     [("貨物等省令第１条第一号", "第1条第1項第1号", "0C001 0C002")])]),
    ("４項　ミサイル", [("輸出令\n第４項\n（１）", "ロケット又はその製造用の装置若しくは試験装置又はこれらの部分品",
                        [("貨物等省令第３条第一号", "第3条第1項第1号", "9A004, 9A104, 9B116")]),
                       ("輸出令\n第４項\n（１の２）", "無人航空機若しくはその製造用の装置若しくは試験装置又はこれらの部分品",
                        [("貨物等省令第３条第一号の二", "第3条第1項第1号の2", "9A012"),
                         ("貨物等省令第３条第一号の三", "第3条第1項第1号の3", "")])]),
    ("6項　材料加工", [("輸出令\n第６項\n（１）", "軸受又はその部分品",
                       [("貨物等省令第５条第一号", "第5条第1項第1号", "2A001")])]),
    ("９項　通信", [("輸出令\n第９項\n（１）", "伝送通信装置又はその部分品",
                    [("貨物等省令第８条第一号", "第8条第1項第1号", "5A001a")])]),
    ("15項　機微品目", [("輸出令\n第１５項\n（１）", "無機繊維又は有機繊維を使用した成型品",
                        [("貨物等省令第１４条第一号", "第14条第1項第1号", "1A002a")]),
                       ("輸出令\n第１５項\n（２）", "電波の吸収材又は導電性高分子",
                        [("貨物等省令第１４条第二号", "第14条第1項第2号", "1C001")])]),
]  # fmt: skip


def main() -> int:
    import openpyxl
    from openpyxl.styles import Alignment

    from crosswalk.build import default_sources_dir
    from crosswalk.sources.shorei import parse_tsv

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--sources", type=Path, default=default_sources_dir(PROJECT))
    args = parser.parse_args()
    clauses = {
        e.code: e.text for e in parse_tsv(args.sources / "jp/kamotsu_shorei_20260214.tsv", "2026-02-14")
    }
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet_name, items in SHEETS:
        sheet = book.create_sheet(sheet_name)
        sheet.append(["輸出令", None, "貨物等省令", None, "解釈", None, None, "(参考)関係するECCN番号(注)"])
        sheet.append(["項番", "項目", "項番", "項目", "用語", "用語の意味", None, None])
        for cols in ("A1:B1", "C1:D1", "E1:F1", "H1:H2"):
            sheet.merge_cells(cols)
        for label, text, rows in items:
            start = sheet.max_row + 1
            for clause_label, clause_id, eccn in rows:
                sheet.append([None, None, clause_label, clauses[clause_id], None, None, None, eccn or None])
            sheet.cell(start, 1, label).alignment = Alignment(wrap_text=True, vertical="top")
            sheet.cell(start, 2, text)
            if len(rows) > 1:
                sheet.merge_cells(
                    start_row=start, end_row=start + len(rows) - 1, start_column=1, end_column=1
                )
                sheet.merge_cells(
                    start_row=start, end_row=start + len(rows) - 1, start_column=2, end_column=2
                )
    out = PROJECT / "tests" / "fixtures" / "kamotsu_matrix_sample.xlsx"
    book.save(out)
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
