"""METI 貨物・技術のマトリクス表 (``kamotsu_matrix_YYYYMMDD.xlsx``).

One sheet per 項 (names mix full- and half-width digits: ``９項　通信``, ``3の2項　生物兵器``),
merged cells, and four column groups that do not share physical rows::

    0 輸出令 項番 ("輸出令\\n第９項\\n（５の２）")   1 輸出令 項目
    2 貨物等省令 項番 ("貨物等省令第８条第二号")     3 貨物等省令 項目
    4 解釈 用語    5 解釈 用語の意味    6 (blank)    7 (参考)関係するECCN番号(注)

An item block runs from one column-0 label to the next; a clause runs from one
column-2 label to the next.  The ECCN column holds US numbers *as of March 2007*,
without dots between sub-paragraphs (``5A001a``), several per cell (``9A004, 9A104``).
They become a reference mapping set with that source date — never curated rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosswalk.errors import CrosswalkError, DataError
from crosswalk.schemes import jp, jp_clause, us

COL_ITEM, COL_CLAUSE, COL_ECCN = 0, 2, 7
ECCN_SPLIT = re.compile(r"[,、，;；/／\s]+")


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """One clause of the matrix with the item it sits under and its reference ECCNs."""

    sheet: str
    row: int  # 1-based row of the clause label
    item: str  # canonical jp code
    clause: str  # canonical jp-clause code
    eccns: tuple[str, ...]  # canonical us codes
    eccn_cell: str  # as printed


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_eccn_cell(cell: str, where: str) -> tuple[str, ...]:
    """``9A004, 9A104 9B116`` → three codes; ``5A001a`` → ``5A001.a``."""
    codes = []
    for token in ECCN_SPLIT.split(cell.strip()):
        if not token or token in ("-", "－", "―"):
            continue
        try:
            codes.append(us.validate(token))
        except CrosswalkError as exc:
            raise DataError(f"{where}: ECCN cell {cell!r}: {exc}") from None
    return tuple(codes)


def read_rows(path: Path) -> Iterator[MatrixRow]:
    """Every clause of every 項 sheet, in sheet and row order."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for corrupt files
        raise DataError(f"{path}: cannot read the workbook ({exc})") from None
    for name in workbook.sheet_names:
        if "項" not in name:
            continue
        rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        yield from _sheet_rows(name, rows, path)


def _sheet_rows(sheet: str, rows: list[list[Any]], path: Path) -> Iterator[MatrixRow]:
    item: str | None = None
    pending: dict[str, Any] | None = None
    for number, cells in enumerate(rows, 1):
        cells = [*cells, *[None] * (8 - len(cells))]
        where = f"{path.name} [{sheet}] row {number}"
        label = _text(cells[COL_ITEM])
        if label.startswith("輸出令") and label != "輸出令":  # not the header cell
            try:
                item = jp.validate(label.replace("輸出令", "").replace("\n", ""))
            except CrosswalkError as exc:
                raise DataError(f"{where}: item label {label!r}: {exc}") from None
        clause_label = _text(cells[COL_CLAUSE])
        if clause_label.startswith(("貨物等省令", "第")) and "条" in clause_label:
            if pending:
                yield MatrixRow(**pending)
            if item is None:
                raise DataError(f"{where}: clause {clause_label!r} before any 輸出令 item label")
            try:
                clause = jp_clause.validate(clause_label.replace("\n", ""))
            except CrosswalkError as exc:
                raise DataError(f"{where}: clause label {clause_label!r}: {exc}") from None
            pending = {"sheet": sheet, "row": number, "item": item, "clause": clause,
                       "eccns": (), "eccn_cell": ""}  # fmt: skip
        cell = _text(cells[COL_ECCN])
        if pending and cell and not cell.startswith("(参考)"):
            pending["eccns"] = pending["eccns"] + parse_eccn_cell(cell, where)
            pending["eccn_cell"] = (pending["eccn_cell"] + " " + cell).strip()
    if pending:
        yield MatrixRow(**pending)
