"""Files for :mod:`crosswalk.batch`: workbooks and CSV in, the same kind of file out.

- ``.xlsx``/``.xlsm``: read with python-calamine; the output is a copy of the user's
  workbook in which only the converted sheets' XML gains the added cells (inline strings)
  and a ``crosswalk summary`` sheet is added.  Every other part — formatting, other sheets,
  formulas, macros — is copied byte for byte.  (openpyxl would rewrite the whole workbook:
  9× slower on 100,000 rows and lossy for features it does not model.)
- ``.xls``: read; written as a new ``.xlsx`` (values) with xlsxwriter.
- ``.csv``/``.tsv``: UTF-8 with or without BOM, CP932 (Shift_JIS), CP949 (EUC-KR), detected;
  streamed row by row; written in the input's delimiter, line ending and encoding — or in
  UTF-8 with a BOM when the added cells hold text that encoding cannot (never as ``?``).

Outputs are written to a temporary file beside the target and renamed into place.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import json
import os
import re
import shutil
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree import ElementTree as ET

from crosswalk.batch import (
    HEAD_ROWS,
    SNIFF_ROWS,
    BatchError,
    Converter,
    Layout,
    RowConverter,
    Tally,
    added_labels,
    column_letter,
    default_targets,
    find_layout,
    summary,
    summary_rows,
)

KINDS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".csv": "csv", ".tsv": "csv", ".txt": "csv"}
SUMMARY_SHEET = "crosswalk summary"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
WORKSHEET_TYPE = REL_NS + "/worksheet"
WORKSHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
Progress = Callable[[int, int], None]


@dataclass
class Settings:
    """What the user asked for (``crosswalk convert`` options)."""

    to: Sequence[str] | None = None
    src: str | None = None
    column: str | None = None
    sheets: Sequence[str] | None = None
    as_of: str | None = None
    encoding: str | None = None
    progress: Progress | None = None


# -- paths -----------------------------------------------------------------------------------
def file_kind(path: Path) -> str:
    """``xlsx``, ``xls`` or ``csv``; a clear :class:`BatchError` for anything unusable."""
    if not path.exists():
        raise BatchError(f"{path}: no such file")
    if path.is_dir():
        raise BatchError(f"{path} is a folder, not a spreadsheet")
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise BatchError(f"{path}: unsupported file type {path.suffix or '(none)'!r}; "
                         f"use one of {', '.join(KINDS)}")  # fmt: skip
    return kind


def output_path(source: Path, output: Path | None, in_place: bool) -> Path:
    """The output path; never the input unless ``in_place``."""
    kind = file_kind(source)
    if in_place:
        if output is not None and output.resolve() != source.resolve():
            raise BatchError("give either -o/--output or --in-place, not both")
        if kind == "xls":
            raise BatchError(f"{source}: .xls cannot be rewritten in place; write an .xlsx with -o")
        return source
    if output is None:
        suffix = ".xlsx" if kind == "xls" else source.suffix
        output = source.with_name(f"{source.stem}.crosswalk{suffix}")
    if output.resolve() == source.resolve():
        raise BatchError(f"{output} is the input file; choose another -o or use --in-place (keeps a .bak)")
    _check_output_type(kind, source, output)
    return output


def _check_output_type(kind: str, source: Path, output: Path) -> None:
    wanted = {"xlsx": (source.suffix.lower(),), "xls": (".xlsx",), "csv": (".csv", ".tsv", ".txt")}[kind]
    if output.suffix.lower() not in wanted:
        raise BatchError(f"{output}: a {source.suffix} input is written as {' or '.join(wanted)}")


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path``, renamed onto it only when the block succeeds."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.crosswalk-tmp")
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def convert_file(source: Path | str, output: Path | str | None = None, settings: Settings | None = None,
                 in_place: bool = False) -> dict[str, Any]:  # fmt: skip
    """Convert ``source`` into ``output`` (default ``NAME.crosswalk.EXT``); returns the summary."""
    source = Path(source)
    settings = settings or Settings()
    target = output_path(source, Path(output) if output else None, in_place)
    kind = file_kind(source)
    with atomic_output(target) as tmp:
        report = {"xlsx": convert_xlsx, "xls": convert_xls, "csv": convert_csv}[kind](source, tmp, settings)
        if in_place:
            shutil.copy2(source, source.with_name(source.name + ".bak"))
    report["output"] = str(target)
    if kind == "csv":  # a text table has no room for the summary: it goes beside the output
        report["summary_file"] = str(summary_path(target))
        with atomic_output(summary_path(target)) as tmp:
            tmp.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return report


def summary_path(output: Path) -> Path:
    """Where the summary of a converted CSV is written: ``OUTPUT.summary.json``."""
    return output.with_name(output.name + ".summary.json")


# -- workbooks: reading ----------------------------------------------------------------------
@dataclass
class SheetPlan:
    """A sheet to convert: its rows, layout and where its added cells go."""

    name: str
    rows: list[list[Any]]
    layout: Layout
    tally: Tally
    engine: Converter | None = None


def open_workbook(path: Path) -> Any:
    """The calamine workbook, or a :class:`BatchError` saying it is corrupt or protected."""
    import python_calamine as calamine

    head = path.read_bytes()[:8]
    if path.suffix.lower() in (".xlsx", ".xlsm") and head.startswith(OLE_MAGIC):
        raise BatchError(f"{path} is password-protected (encrypted); remove the password in Excel "
                         "(File › Info › Protect Workbook) and save a copy")  # fmt: skip
    try:
        return calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError as exc:
        raise BatchError(f"{path} is password-protected: {exc}") from exc
    except Exception as exc:  # calamine raises several unrelated types for a damaged file
        raise BatchError(f"{path} is not a readable workbook (corrupt or not {path.suffix}): {exc}") from exc


def plan_sheets(book: Any, path: Path, settings: Settings) -> list[SheetPlan]:
    """Every sheet to convert: the ones asked for, else every sheet that has a code column."""
    names = [m.name for m in book.sheets_metadata if str(m.typ).endswith("WorkSheet")]
    wanted = _wanted_sheets(names, settings.sheets, path)
    plans, seen = [], []
    for name in wanted:
        rows = _sheet_rows(book, name, path)
        if not rows:
            if settings.sheets:
                raise BatchError(f"{path}: sheet {name!r} is empty")
            continue
        sheet = book.get_sheet_by_name(name)
        try:
            layout = find_layout(rows, sheet.merged_cell_ranges or (), settings.column, name)
        except BatchError as exc:
            if settings.sheets:
                raise
            seen.append(str(exc))
            continue
        plans.append(SheetPlan(name, rows, layout, Tally()))
    if not plans:
        raise BatchError(f"{path}: " + ("; ".join(seen) if seen else "every sheet is empty"))
    return plans


def _wanted_sheets(names: list[str], asked: Sequence[str] | None, path: Path) -> list[str]:
    if not asked:
        return [n for n in names if n != SUMMARY_SHEET]
    missing = [a for a in asked if a not in names]
    if missing:
        raise BatchError(f"{path}: no sheet {', '.join(map(repr, missing))}; sheets: {', '.join(names)}")
    return list(asked)


def _sheet_rows(book: Any, name: str, path: Path) -> list[list[Any]]:
    try:
        rows: list[list[Any]] = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception as exc:
        raise BatchError(f"{path}: sheet {name!r} cannot be read: {exc}") from exc
    return rows


def attach_engines(plans: Sequence[SheetPlan], settings: Settings) -> dict[str, Converter]:
    """One translator per set of targets (each sheet defaults to its own); shared caches."""
    engines: dict[tuple[str, ...], Converter] = {}
    for plan in plans:
        targets = tuple(settings.to or default_targets(plan.layout.columns))
        if targets not in engines:
            engines[targets] = Converter(targets, settings.src, settings.as_of)
        plan.engine = engines[targets]
    return {p.name: p.engine for p in plans if p.engine}


def _sheet_edits(plan: SheetPlan, done: int, total: int, settings: Settings) -> dict[int, list[Any]]:
    """Added cells per 0-based row: the labels on the header row, answers on every data row."""
    layout, engine = plan.layout, plan.engine
    assert engine is not None
    rows = RowConverter(engine, layout, plan.tally, plan.name)
    edits: dict[int, list[Any]] = {}
    if layout.header_row is not None:
        edits[layout.header_row] = added_labels(layout.columns, engine.targets, layout.labels)
    for number in range(layout.first_data_row, len(plan.rows)):
        edits[number] = rows.added(plan.rows[number], number)
        if settings.progress and number % 5000 == 0:
            settings.progress(done + number, total)
    return edits


# -- workbooks: .xlsx by patching the sheet XML ----------------------------------------------
def convert_xlsx(source: Path, tmp: Path, settings: Settings) -> dict[str, Any]:
    book = open_workbook(source)
    plans = plan_sheets(book, source, settings)
    engines = attach_engines(plans, settings)
    total = sum(len(p.rows) for p in plans)
    parts = workbook_parts(source)
    edits, done = {}, 0
    for plan in plans:
        edits[parts.sheets[plan.name]] = (_sheet_edits(plan, done, total, settings), plan.layout.width)
        done += len(plan.rows)
    report = summary({p.name: p.tally for p in plans}, {p.name: p.layout for p in plans}, engines,
                     {"input": str(source)})  # fmt: skip
    patch_workbook(source, tmp, parts, edits, summary_rows(report))
    return report


@dataclass
class WorkbookParts:
    """Where the workbook's parts are inside the zip."""

    workbook: str
    rels: str
    sheets: dict[str, str]


def workbook_parts(path: Path) -> WorkbookParts:
    """The workbook part, its relationships part and each sheet's XML part."""
    with zipfile.ZipFile(path) as book:
        root = ET.fromstring(book.read("_rels/.rels"))
        workbook = next(r.get("Target", "") for r in root if r.get("Type", "").endswith("/officeDocument"))
        workbook = workbook.lstrip("/")
        folder = PurePosixPath(workbook).parent
        rels_name = str(folder / "_rels" / (PurePosixPath(workbook).name + ".rels"))
        targets = {r.get("Id"): r.get("Target", "") for r in ET.fromstring(book.read(rels_name))}
        sheets = {}
        for sheet in ET.fromstring(book.read(workbook)).iter():
            if sheet.tag.endswith("}sheet") and sheet.get(f"{{{REL_NS}}}id") in targets:
                target = targets[sheet.get(f"{{{REL_NS}}}id")]
                sheets[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else str(
                    PurePosixPath(os.path.normpath(folder / target)))  # fmt: skip
    return WorkbookParts(workbook, rels_name, sheets)


def patch_workbook(source: Path, tmp: Path, parts: WorkbookParts,
                   edits: dict[str, tuple[dict[int, list[Any]], int]], summary: list[list[Any]]) -> None:  # fmt: skip
    """Copy ``source`` to ``tmp``, adding cells to the edited sheets and the summary sheet."""
    summary_part = str(PurePosixPath(parts.workbook).parent / "worksheets" / "crosswalkSummary.xml")
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename in edits:
                data = add_cells(data, *edits[info.filename])
            elif info.filename == parts.workbook:
                data = _add_sheet_entry(data)
            elif info.filename == parts.rels:
                data = _add_relationship(data, summary_part, parts.workbook)
            elif info.filename == "[Content_Types].xml":
                data = _add_content_type(data, summary_part)
            level = 1 if len(data) > 1 << 22 else 6
            zout.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=level)
        zout.writestr(summary_part, sheet_xml(summary), compress_type=zipfile.ZIP_DEFLATED)


_ROW = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)row\b([^>]*?)(/>|>(.*?)</\1row>)", re.S)
_ROW_NUMBER = re.compile(rb'\sr="(\d+)"')
_SPANS = re.compile(rb'\sspans="[^"]*"')
_CELL_COLUMN = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?c\b[^>]*?\sr="([A-Z]+)\d+"')
_DIMENSION = re.compile(rb'(<(?:[A-Za-z_][\w.-]*:)?dimension\b[^>]*?ref=")([A-Z]+\d+)(?::[A-Z]+\d+)?(")')
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _column_index(letters: bytes) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ch - 64
    return index - 1


def add_cells(xml: bytes, edits: dict[int, list[Any]], width: int) -> bytes:
    """Sheet XML with ``edits[row]`` appended to each row after the last used column."""
    start, end = xml.find(b"<sheetData"), xml.rfind(b"sheetData>")
    if start < 0 or end < 0:
        raise BatchError("a converted sheet has no sheetData element")
    first = max([width, *(_column_index(m) + 1 for m in set(_CELL_COLUMN.findall(xml, start, end)))])
    prefix = re.match(rb"<((?:[A-Za-z_][\w.-]*:)?)sheetData", xml[start:]).group(1)  # type: ignore[union-attr]
    cells = CellWriter(prefix, first)
    body = xml[start:end]
    head_end = body.find(b">") + 1
    if body[head_end - 2 : head_end] == b"/>":  # <sheetData/>
        inner, opening = b"", body[: head_end - 2] + b">"
        closing = b"</" + prefix + b"sheetData>"
        tail = xml[end + len(b"sheetData>") :]
    else:
        inner, opening, closing, tail = body[head_end:], body[:head_end], b"", xml[end:]
    rows = _patch_rows(inner, edits, cells)
    last = max(edits, default=0) + 1
    head = _DIMENSION.sub(lambda m: m.group(1) + m.group(2) + b":" +
                          column_letter(first + max(map(len, edits.values()), default=1) - 1).encode() +
                          str(last).encode() + m.group(3), xml[:start], count=1)  # fmt: skip
    return head + opening + rows + closing + tail


def _patch_rows(inner: bytes, edits: dict[int, list[Any]], cells: CellWriter) -> bytes:
    pending = sorted(edits)
    out: list[bytes] = []
    at, position, previous = 0, 0, 0
    for match in _ROW.finditer(inner):
        found = _ROW_NUMBER.search(match.group(2))
        number = int(found.group(1)) if found else previous + 1
        previous = number
        while at < len(pending) and pending[at] + 1 < number:
            out.append(cells.new_row(pending[at] + 1, edits[pending[at]]))
            at += 1
        if at < len(pending) and pending[at] + 1 == number:
            out.append(inner[position : match.start()])
            out.append(cells.extend_row(match, number, edits[pending[at]]))
            position = match.end()
            at += 1
    out.append(inner[position:])
    out.extend(cells.new_row(row + 1, edits[row]) for row in pending[at:])
    return b"".join(out)


class CellWriter:
    """Cells as SpreadsheetML: inline strings, numbers and booleans, from column ``first`` on."""

    def __init__(self, prefix: bytes, first: int) -> None:
        self.prefix = prefix.decode()
        self.first = first
        self._letters: list[bytes] = []
        self._bodies: dict[tuple[type, Any], bytes] = {}

    def letters(self, offset: int) -> bytes:
        while len(self._letters) <= offset:
            self._letters.append(column_letter(self.first + len(self._letters)).encode())
        return self._letters[offset]

    def cells(self, number: int, values: list[Any]) -> bytes:
        row = str(number).encode()
        open_c = b"<" + self.prefix.encode() + b'c r="'
        return b"".join(open_c + self.letters(n) + row + self.body(v)
                        for n, v in enumerate(values) if v is not None and v != "")  # fmt: skip

    def body(self, value: Any) -> bytes:
        key = (type(value), value)
        if key not in self._bodies:
            self._bodies[key] = self._body(value)
        return self._bodies[key]

    def _body(self, value: Any) -> bytes:
        p = self.prefix
        if isinstance(value, bool):
            return f'" t="b"><{p}v>{int(value)}</{p}v></{p}c>'.encode()
        if isinstance(value, int | float):
            return f'"><{p}v>{value!r}</{p}v></{p}c>'.encode()
        text = (
            _XML_ILLEGAL.sub("", str(value)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        )
        return f'" t="inlineStr"><{p}is><{p}t xml:space="preserve">{text}</{p}t></{p}is></{p}c>'.encode()

    def new_row(self, number: int, values: list[Any]) -> bytes:
        p = self.prefix.encode()
        return (
            b"<"
            + p
            + b'row r="'
            + str(number).encode()
            + b'">'
            + self.cells(number, values)
            + b"</"
            + p
            + b"row>"
        )

    def extend_row(self, match: re.Match[bytes], number: int, values: list[Any]) -> bytes:
        p, attrs = match.group(1), _SPANS.sub(b"", match.group(2))
        return b"<" + p + b"row" + attrs + b">" + (match.group(4) or b"") + self.cells(number, values) + \
            b"</" + p + b"row>"  # fmt: skip


def sheet_xml(rows: list[list[Any]]) -> bytes:
    """A small worksheet holding ``rows`` (the summary sheet)."""
    cells = CellWriter(b"", 0)
    body = b"".join(cells.new_row(n + 1, row) for n, row in enumerate(rows))
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<cols><col min="1" max="1" width="28" customWidth="1"/></cols>'
            b"<sheetData>" + body + b"</sheetData></worksheet>")  # fmt: skip


def _add_sheet_entry(xml: bytes) -> bytes:
    names = set(re.findall(rb'<(?:\w+:)?sheet\b[^>]*\sname="([^"]*)"', xml))
    name, n = SUMMARY_SHEET, 1
    while name.encode() in names:
        n += 1
        name = f"{SUMMARY_SHEET} {n}"
    sheet_id = max([0, *map(int, re.findall(rb'sheetId="(\d+)"', xml))]) + 1
    closing = re.search(rb"</((?:\w+:)?)sheets>", xml)
    if closing is None:
        raise BatchError("the workbook part lists no sheets")
    entry = (f'<{closing.group(1).decode()}sheet xmlns:cwr="{REL_NS}" name="{name}" sheetId="{sheet_id}" '
             'cwr:id="rIdCrosswalkSummary"/>').encode()  # fmt: skip
    return xml[: closing.start()] + entry + xml[closing.start() :]


def _add_relationship(xml: bytes, part: str, workbook: str) -> bytes:
    target = str(PurePosixPath(part).relative_to(PurePosixPath(workbook).parent))
    entry = f'<Relationship Id="rIdCrosswalkSummary" Type="{WORKSHEET_TYPE}" Target="{target}"/>'.encode()
    return xml.replace(b"</Relationships>", entry + b"</Relationships>", 1)


def _add_content_type(xml: bytes, part: str) -> bytes:
    entry = f'<Override PartName="/{part}" ContentType="{WORKSHEET_CT}"/>'.encode()
    return xml.replace(b"</Types>", entry + b"</Types>", 1)


# -- workbooks: .xls → new .xlsx -------------------------------------------------------------
def convert_xls(source: Path, tmp: Path, settings: Settings) -> dict[str, Any]:
    import xlsxwriter

    book = open_workbook(source)
    plans = {p.name: p for p in plan_sheets(book, source, settings)}
    engines = attach_engines(list(plans.values()), settings)
    total, done = sum(len(p.rows) for p in plans.values()), 0
    out = xlsxwriter.Workbook(str(tmp), {"constant_memory": True, "strings_to_formulas": False})
    for meta in book.sheets_metadata:
        rows = plans[meta.name].rows if meta.name in plans else _sheet_rows(book, meta.name, source)
        edits = _sheet_edits(plans[meta.name], done, total, settings) if meta.name in plans else {}
        width = plans[meta.name].layout.width if meta.name in plans else 0
        _write_rows(out.add_worksheet(meta.name), rows, edits, width)
        done += len(rows) if meta.name in plans else 0
    report = summary({n: p.tally for n, p in plans.items()}, {n: p.layout for n, p in plans.items()}, engines,
                     {"input": str(source)})  # fmt: skip
    _write_rows(out.add_worksheet(SUMMARY_SHEET), summary_rows(report), {}, 0)
    out.close()
    return report


def _write_rows(sheet: Any, rows: list[list[Any]], edits: dict[int, list[Any]], width: int) -> None:
    for number in range(max(len(rows), max(edits, default=-1) + 1)):
        row = rows[number] if number < len(rows) else []
        for col, value in chain(enumerate(row), enumerate(edits.get(number, []), start=width)):
            if isinstance(value, bool):
                sheet.write_boolean(number, col, value)
            elif isinstance(value, int | float):
                sheet.write_number(number, col, value)
            elif value is not None and value != "":
                sheet.write_string(number, col, str(value))


# -- CSV -------------------------------------------------------------------------------------
@dataclass
class TextFormat:
    """How a CSV file is written: encoding, delimiter and line ending."""

    encoding: str
    delimiter: str
    newline: str


def detect_encoding(path: Path) -> str:
    """``utf-8-sig``, ``utf-8``, ``cp932`` or ``cp949``, from the bytes."""
    with open(path, "rb") as handle:
        head = handle.read(1 << 20)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        sample = head if not head.isascii() else _non_ascii_chunk(handle)
    if sample is None:
        return "utf-8"
    sample = _whole_lines(sample)
    decodable = [e for e in ("utf-8", "cp932", "cp949") if _decodes(sample, e)]
    if not decodable:
        raise BatchError(f"{path}: not UTF-8, CP932 (Shift_JIS) or CP949 (EUC-KR) text; name the encoding "
                         "with --encoding")  # fmt: skip
    if decodable[0] == "utf-8":
        return "utf-8"
    return max(decodable, key=lambda e: _script_score(sample.decode(e), e))


def _non_ascii_chunk(handle: Any) -> bytes | None:
    while chunk := handle.read(1 << 20):
        if not chunk.isascii():
            return bytes(chunk)
    return None


def _whole_lines(sample: bytes) -> bytes:
    """The sample cut at line ends (a newline byte never sits inside a multibyte character)."""
    last = sample.rfind(b"\n")
    return sample[: last + 1] if last > 0 else sample


def _decodes(sample: bytes, encoding: str) -> bool:
    try:
        sample.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _script_score(text: str, encoding: str) -> int:
    """How much ``text`` looks like Japanese (cp932) or Korean (cp949) read correctly."""
    if encoding == "cp932":
        good = sum(1 for ch in text if "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff")
        bad = sum(1 for ch in text if "\uff61" <= ch <= "\uff9f" or "\uac00" <= ch <= "\ud7a3")
        return good - 2 * bad
    hangul = [ch for ch in text if "\uac00" <= ch <= "\ud7a3"]
    common = sum(1 for ch in hangul if _in_euc_kr(ch))
    return common - 2 * (len(hangul) - common)


def _in_euc_kr(ch: str) -> bool:
    try:
        ch.encode("euc_kr")
    except UnicodeEncodeError:
        return False
    return True


def text_format(path: Path, encoding: str | None) -> tuple[str, TextFormat]:
    """(encoding to read with, format to write with)."""
    read_as = encoding or detect_encoding(path)
    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
    lines = head.decode(read_as, errors="ignore").splitlines()[:30]
    counts = {d: sum(line.count(d) for line in lines) for d in (",", "\t", ";")}
    delimiter = "\t" if path.suffix.lower() == ".tsv" else max(counts, key=lambda d: (counts[d], d == ","))
    newline = "\r\n" if b"\r\n" in head else "\n"
    return read_as, TextFormat(read_as, delimiter, newline)


def convert_csv(source: Path, tmp: Path, settings: Settings) -> dict[str, Any]:
    """Convert a CSV, written in the input's encoding when every added cell fits in it; else as
    UTF-8 with a BOM (Excel reads it), with a warning — never with characters replaced by ``?``."""
    read_as, fmt = text_format(source, settings.encoding)
    try:
        return _convert_csv(source, tmp, settings, read_as, fmt)
    except UnicodeEncodeError as exc:
        if fmt.encoding.replace("-", "").lower() in ("utf8", "utf8sig"):
            raise
        wide = TextFormat("utf-8-sig", fmt.delimiter, fmt.newline)
        report = _convert_csv(source, tmp, settings, read_as, wide)
        note = (f"the input is {fmt.encoding}, but the added cells hold text it cannot encode "
                f"({exc.object[exc.start:exc.end]!r} …): the output is written as UTF-8 with a BOM")  # fmt: skip
        report["encoding_note"] = note
        for sheet in report["sheets"]:
            sheet["warnings"] += 1
            sheet["warning_examples"].insert(0, note)
        return report


def _convert_csv(
    source: Path, tmp: Path, settings: Settings, read_as: str, fmt: TextFormat
) -> dict[str, Any]:
    size = source.stat().st_size
    try:
        with open(source, encoding=read_as, newline="") as handle:
            reader = csv.reader(handle, delimiter=fmt.delimiter)
            head = list(islice(reader, HEAD_ROWS + SNIFF_ROWS))
            if not any(any(cell.strip() for cell in row) for row in head):
                raise BatchError(f"{source} is empty")
            layout = find_layout([list(r) for r in head], (), settings.column)
            engine = Converter(settings.to or default_targets(layout.columns), settings.src, settings.as_of)
            tally = Tally()
            _stream_csv(chain(head, reader), tmp, fmt, layout, RowConverter(engine, layout, tally),
                        lambda n: settings.progress(_position(handle), size) if settings.progress else None)  # fmt: skip
    except UnicodeDecodeError as exc:
        raise BatchError(f"{source}: not consistently {read_as} text ({exc.reason} at byte {exc.start} of a "
                         "block); name the encoding with --encoding") from exc  # fmt: skip
    report = summary(
        {source.name: tally}, {source.name: layout}, {source.name: engine}, {"input": str(source)}
    )
    report["encoding"], report["delimiter"] = fmt.encoding, fmt.delimiter
    return report


def _position(handle: Any) -> int:
    """Bytes read so far (the text layer cannot tell while it is being iterated)."""
    return int(handle.buffer.tell())


def _stream_csv(rows: Iterator[list[str]], tmp: Path, fmt: TextFormat, layout: Layout, converter: RowConverter,
                progress: Callable[[int], None]) -> None:  # fmt: skip
    names = added_labels(layout.columns, converter.converter.targets, layout.labels)
    with open(tmp, "w", encoding=fmt.encoding, newline="") as out:
        writer = csv.writer(out, delimiter=fmt.delimiter, lineterminator=fmt.newline)
        for number, row in enumerate(rows):
            if number < layout.first_data_row:
                writer.writerow(_pad(row, layout.width) + names if number == layout.header_row else row)
                continue
            if len(row) > layout.width:
                converter.tally.warn(f"row {number + 1} has {len(row)} cells, more than the header's "
                                     f"{layout.width}; the added cells follow them")  # fmt: skip
            added = [
                ("TRUE" if v else "FALSE") if isinstance(v, bool) else v for v in converter.added(row, number)
            ]
            writer.writerow(_pad(row, layout.width) + added)
            if number % 20000 == 0:
                progress(number)
        progress(0)


def _pad(row: list[str], width: int) -> list[str]:
    return row + [""] * (width - len(row)) if len(row) < width else row
