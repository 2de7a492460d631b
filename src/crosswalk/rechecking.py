"""Re-check a spreadsheet converted earlier: which rows would be answered differently now, and why.

A converted file records how it was made: the ``crosswalk summary`` sheet of a workbook (or
``OUTPUT.summary.json`` beside a CSV) names the list versions used, the date asked, the
code columns, the targets and where the added columns start.  :func:`recheck` reads the
code cells and the recorded answers back, answers every row again under the versions in
force now (or on ``as_of``), and reports each row whose codes, relation or status differ,
with the reasons: the code was removed (and where its content went) or its text changed
in a newer list version, a target code changed, or the mapping tables were revised.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosswalk.batch import (
    FIELDS,
    LAYOUT_HEAD,
    BatchError,
    CellAnswer,
    Converter,
    cell_text,
    column_letter,
    split_codes,
)
from crosswalk.errors import CrosswalkError


@dataclass
class SheetRecord:
    """How one sheet was converted: header row, code columns, targets, first added column."""

    name: str
    header_row: int | None  # 1-based
    columns: list[tuple[int, str, str | None]]  # (0-based index, header, scheme read as)
    targets: list[str]
    added_from: int  # 0-based index of the first added column


@dataclass
class Recorded:
    """What a converted file says about how it was made."""

    crosswalk: str
    as_of: str
    src: str | None
    versions: dict[str, str]
    sheets: list[SheetRecord]


@dataclass
class Difference:
    sheet: str
    row: int  # 1-based, as the spreadsheet shows it
    column: str
    cell: str
    target: str
    old: dict[str, str]
    new: dict[str, str]
    why: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "cell": self.cell,
                "target": self.target, "old": self.old, "new": self.new, "why": self.why}  # fmt: skip


@dataclass
class RecheckReport:
    file: str
    recorded: Recorded
    as_of: str
    versions: dict[str, str]
    rows: int = 0
    differences: list[Difference] = field(default_factory=list)
    unconverted: list[int] = field(default_factory=list)
    """rows with content but none of the added cells filled: added after the conversion, not checked"""
    amended: list[Difference] = field(default_factory=list)
    """rows whose answer is the same but whose code's own text was amended (worth a look)"""

    def to_dict(self) -> dict[str, Any]:
        from crosswalk.translation import CAVEAT

        return {
            "file": self.file,
            "recorded": {"crosswalk": self.recorded.crosswalk, "as_of": self.recorded.as_of,
                         "list_versions": self.recorded.versions},
            "now": {"as_of": self.as_of, "list_versions": self.versions},
            "rows_checked": self.rows, "rows_differing": len({(d.sheet, d.row) for d in self.differences}),
            "differences": [d.to_dict() for d in self.differences],
            "same_answer_amended_text": [d.to_dict() for d in self.amended],
            "rows_not_converted": self.unconverted, "caveat": CAVEAT,
        }  # fmt: skip


# -- reading a converted file ----------------------------------------------------------------
def _letters_to_index(letters: str) -> int:
    index = 0
    for ch in letters.strip().upper():
        index = index * 26 + ord(ch) - 64
    return index - 1


def read_recorded(path: Path) -> tuple[Recorded, dict[str, list[list[Any]]]]:
    """(what the file records, the rows of each converted sheet)."""
    from crosswalk.batch_io import SUMMARY_SHEET, file_kind, open_workbook, summary_path

    if not path.exists():
        raise BatchError(f"{path}: no such file")
    kind = file_kind(path)
    if kind == "csv":
        side = summary_path(path)
        if not side.exists():
            raise BatchError(f"{path}: no {side.name} beside it; a converted CSV records its list versions "
                             "there (convert the original file again)")  # fmt: skip
        report = json.loads(side.read_text(encoding="utf-8"))
        recorded = _from_report(report, path)
        recorded.sheets[0].name = path.name  # a text table has one "sheet": the file itself
        return recorded, {path.name: _csv_rows(path, report)}
    if kind != "xlsx":
        raise BatchError(f"{path}: --recheck reads the .xlsx or .csv that crosswalk convert wrote")
    book = open_workbook(path)
    names = [m.name for m in book.sheets_metadata]
    if SUMMARY_SHEET not in names:
        raise BatchError(f"{path} has no {SUMMARY_SHEET!r} sheet: it was not written by crosswalk convert")
    summary = book.get_sheet_by_name(SUMMARY_SHEET).to_python(skip_empty_area=False)
    recorded = _from_summary_sheet(summary, path)
    rows = {}
    for sheet in recorded.sheets:
        if sheet.name not in names:
            raise BatchError(f"{path}: the summary names sheet {sheet.name!r}, which is gone")
        rows[sheet.name] = book.get_sheet_by_name(sheet.name).to_python(skip_empty_area=False)
    return recorded, rows


def _from_summary_sheet(rows: list[list[Any]], path: Path) -> Recorded:
    texts = [[cell_text(v)[0] for v in row] for row in rows]
    keys = {row[0]: row[1] for row in texts if len(row) > 1 and row[0]}
    start = next((n for n, row in enumerate(texts) if row and row[0] == LAYOUT_HEAD), None)
    if start is None:
        raise BatchError(f"{path}: the summary sheet does not record the sheet layout (written by an older "
                         "crosswalk); convert the original file again")  # fmt: skip
    sheets = []
    for row in texts[start + 2 :]:
        if not row or not row[0]:
            break
        name, header, letters, headers, reads, targets, added = (row + [""] * 7)[:7]
        columns = [(_letters_to_index(c), h, r or None)
                   for c, h, r in zip(letters.split(","), headers.split(","), reads.split(","), strict=False)]  # fmt: skip
        sheets.append(SheetRecord(name, int(float(header)) if header else None, columns,
                                  targets.split(","), _letters_to_index(added)))  # fmt: skip
    versions = {}
    list_head = next((n for n, row in enumerate(texts) if row[:2] == ["list", "version"]), None)
    if list_head is not None:
        for row in texts[list_head + 1 :]:
            if not row or not row[0]:
                break
            if row[0] != "note":
                versions[row[0]] = row[1]
    return Recorded(keys.get("crosswalk", "?"), keys.get("as_of", "newest"), keys.get("from") or None,
                    versions, sheets)  # fmt: skip


def _from_report(report: dict[str, Any], path: Path) -> Recorded:
    sheets = []
    for sheet in report.get("sheets", []):
        if "added_from" not in sheet:
            raise BatchError(f"{path}: its summary does not record the layout; convert the original again")
        columns = [
            (_letters_to_index(c["column"]), c["header"], c["reads_as"]) for c in sheet["code_columns"]
        ]
        sheets.append(SheetRecord(sheet["sheet"], sheet["header_row"], columns, sheet["targets"],
                                  _letters_to_index(sheet["added_from"])))  # fmt: skip
    return Recorded(report.get("crosswalk", "?"), report.get("as_of", "newest"), report.get("from") or None,
                    report.get("list_versions", {}), sheets)  # fmt: skip


def _csv_rows(path: Path, report: dict[str, Any]) -> list[list[Any]]:
    import csv

    encoding = report.get("encoding") or "utf-8"
    with open(path, encoding=encoding, newline="") as handle:
        return [list(row) for row in csv.reader(handle, delimiter=report.get("delimiter") or ",")]


# -- answering again -------------------------------------------------------------------------
def reproduce_date(dataset: Any, recorded: Recorded) -> str | None:
    """A date on which the recorded list versions were all in force (None if one is not installed)."""
    wanted = {s: v for s, v in recorded.versions.items() if dataset.versions_of(s)}
    for scheme, version in wanted.items():
        if version not in {v.version for v in dataset.versions_of(scheme)}:
            return None
    candidates = [recorded.as_of] if recorded.as_of not in ("", "newest") else []
    candidates += [max(wanted.values())] if wanted else []
    for day in candidates:
        if all(dataset.version_for(s, day).version == v for s, v in wanted.items()):
            return day
    return None


def recheck(path: Path | str, as_of: str | dt.date | None = None, dataset: Any = None,
            progress: Callable[[int, int], None] | None = None) -> RecheckReport:  # fmt: skip
    """Every row of a converted file whose answer differs under the versions in force on ``as_of``.

    ``progress(done, total)`` is called every few thousand rows.
    """
    from crosswalk import load
    from crosswalk.dataset import as_date, today

    dataset = dataset or load()
    path = Path(path)
    as_of = as_date(as_of) if as_of is not None else None
    recorded, sheets = read_recorded(path)
    then = reproduce_date(dataset, recorded)
    day = as_of.isoformat() if isinstance(as_of, dt.date) else as_of
    report = RecheckReport(str(path), recorded, day or today(), {})
    engines: dict[tuple[str, ...], tuple[Converter, Converter | None]] = {}
    done, total = 0, sum(len(rows) for rows in sheets.values())
    for sheet in recorded.sheets:
        key = tuple(sheet.targets)
        if key not in engines:
            now = Converter(sheet.targets, recorded.src, day, dataset)
            old = Converter(sheet.targets, recorded.src, then, dataset) if then else None
            engines[key] = (now, old)
        now, old = engines[key]
        tick = (lambda n, start=done: progress(start + n, total)) if progress else None
        _check_sheet(dataset, sheet, sheets[sheet.name], now, old, recorded, report, tick)
        done += len(sheets[sheet.name])
        if progress:
            progress(done, total)
    for now, _ in engines.values():
        report.versions.update(now.versions)
    report.versions = dict(sorted(report.versions.items()))
    return report


def _check_sheet(dataset: Any, sheet: SheetRecord, rows: list[list[Any]], now: Converter, old: Converter | None,
                 recorded: Recorded, report: RecheckReport,
                 tick: Callable[[int], None] | None = None) -> None:  # fmt: skip
    first = sheet.header_row or 0  # the header row, 1-based, is the 0-based index of the first data row
    width = len(FIELDS)
    _check_added_columns(sheet, rows, report.file)
    memo: dict[tuple[str, str | None], list[str]] = {}
    reasons: dict[tuple[str | None, ...], list[str]] = {}
    status_cells = [sheet.added_from + (c * len(sheet.targets) + t) * width + 5
                    for c in range(len(sheet.columns)) for t in range(len(sheet.targets))]  # fmt: skip
    for number in range(first, len(rows)):
        if tick and number % 5000 == 0:
            tick(number)
        row = rows[number]
        if not any(i < len(row) and cell_text(row[i])[0] for i in status_cells):
            if any(cell_text(v)[0] for v in row):
                report.unconverted.append(number + 1)  # a row added after the conversion
            continue
        report.rows += 1
        for c, (index, header, reads_as) in enumerate(sheet.columns):
            value = row[index] if index < len(row) else ""
            answers_now = now.answer(value, reads_as)
            answers_then = old.answer(value, reads_as) if old else None
            differs = False
            for t, target in enumerate(sheet.targets):
                base = sheet.added_from + (c * len(sheet.targets) + t) * width
                cells = [cell_text(row[i])[0] if i < len(row) else "" for i in range(base, base + width)]
                written = {"codes": cells[0], "relation": cells[1], "status": cells[5]}
                fresh = _view(answers_now[t])
                if _same(written, fresh):
                    continue
                differs = True
                then = _view(answers_then[t]) if answers_then else None
                key = (cell_text(value)[0], reads_as, target, *written.values(), *(then or {}).values(),
                       *fresh.values())  # fmt: skip
                if key not in reasons:  # the same codes repeat down a column: explain each once
                    reasons[key] = _why(
                        dataset, value, reads_as, target, written, then, fresh, old, now, recorded
                    )
                why = reasons[key]
                report.differences.append(Difference(sheet.name, number + 1, header, cell_text(value)[0], target,
                                                     written, fresh, why))  # fmt: skip
            text = cell_text(value)[0]
            if not differs and text and old is not None:
                key = (text, reads_as)
                if key not in memo:
                    memo[key] = [r for p in split_codes(text)
                                 for r in _piece_reasons(dataset, p, now.scheme_for(p, reads_as), old.as_of,
                                                         now.as_of)
                                 if " changed from version " in r or "no longer" in r]  # fmt: skip
                if memo[key]:
                    same = _view(answers_now[0]) if answers_now else {}
                    report.amended.append(Difference(sheet.name, number + 1, header, text, ",".join(sheet.targets),
                                                     same, same, memo[key]))  # fmt: skip


def _check_added_columns(sheet: SheetRecord, rows: list[list[Any]], file: str) -> None:
    """The added columns must still be where the summary says (a column inserted since moves them)."""
    if sheet.header_row is None or sheet.header_row > len(rows):
        return
    header = rows[sheet.header_row - 1]
    for c, (_index, label, _reads) in enumerate(sheet.columns):
        for t, target in enumerate(sheet.targets):
            stem = f"{label} → {target}" if len(sheet.columns) > 1 else target
            at = sheet.added_from + (c * len(sheet.targets) + t) * len(FIELDS)
            found = cell_text(header[at])[0] if at < len(header) else ""
            if not found.startswith(stem):
                raise BatchError(f"{file}: sheet {sheet.name!r}: the column added for {target} is no longer at "
                                 f"column {column_letter(at)} (found {found!r}); was a column inserted or deleted since "
                                 "the conversion? Convert the original file again")  # fmt: skip


def _same(one: dict[str, str], other: dict[str, str]) -> bool:
    """The same answer: the same status, and the same codes and relations in any order."""
    return one["status"] == other["status"] and all(
        _items(one[k]) == _items(other[k]) for k in ("codes", "relation")
    )


def _items(text: str) -> set[str]:
    return {part.strip() for part in text.split(",") if part.strip()}


def _view(answer: CellAnswer) -> dict[str, str]:
    return {"codes": answer.codes, "relation": answer.relation, "status": answer.status}


def _why(dataset: Any, value: Any, reads_as: str | None, target: str, written: dict[str, str],
         then: dict[str, str] | None, fresh: dict[str, str], old: Converter | None, now: Converter,
         recorded: Recorded) -> list[str]:  # fmt: skip
    reasons: list[str] = []
    if "?" in written["codes"]:
        reasons.append("the recorded codes contain '?': characters were lost when the file was saved in an "
                       "encoding that cannot hold them (older crosswalk versions, or an editor), not a change "
                       "of the lists")  # fmt: skip
        return reasons
    if then is None:
        reasons.append("the list versions recorded in the file are not all installed, so the change cannot be "
                       "split into list amendments and mapping revisions")  # fmt: skip
    elif not _same(then, written):
        reasons.append(f"the mapping tables were revised since crosswalk {recorded.crosswalk}: under the recorded "
                       f"list versions the answer is now {then['codes'] or '—'} ({then['status']})")  # fmt: skip
    if then is not None and _same(then, fresh):
        return reasons
    text = cell_text(value)[0]
    amended: list[str] = []
    for piece in split_codes(text) if text else []:
        amended += _piece_reasons(
            dataset, piece, now.scheme_for(piece, reads_as), old.as_of if old else None, now.as_of
        )
    for code in _codes(written) ^ _codes(fresh):
        amended += _target_reasons(dataset, target, code, old.as_of if old else None, now.as_of)
    if not amended:
        amended.append("the mapping rows behind the answer differ between the list versions (compare "
                       f"crosswalk lookup {text!r} --to {target} with and without --as-of)")  # fmt: skip
    return list(dict.fromkeys(reasons + amended))


def _codes(view: dict[str, str]) -> set[str]:
    return {c.strip() for c in view["codes"].split(",") if c.strip()}


def _piece_reasons(dataset: Any, piece: str, src: str | None, then: str | None, now: str | None) -> list[str]:
    """Why one code of a cell answers differently: ``src`` is the scheme it is read in (None: detected)."""
    from crosswalk.diff import Change

    try:
        scheme, code = dataset.resolve(piece, src, then)
    except CrosswalkError:
        return []
    before = dataset.version_for(scheme, then).version
    after = dataset.version_for(scheme, now).version
    if before == after:
        return []
    index = dataset.list_index(scheme, now)
    if not index.has(code):
        from crosswalk.history import lifecycle

        return [lifecycle(dataset, scheme, code, now).explain()]
    old_text = dataset.list_index(scheme, then).by_code[code].text
    new_text = index.by_code[code].text
    if old_text != new_text:
        from crosswalk.history import successors

        edits = Change(code, old_text, new_text).describe()
        reasons = [f"the text of {scheme} {code} changed from version {before} to {after}: {edits}"]
        moved = [s for s in successors(dataset, scheme, code, after) if s.old_version >= before]
        if moved:
            reasons.append("its former content went to: " + "; ".join(s.describe() for s in moved))
        return reasons
    return [
        f"{scheme} {code} reads the same in versions {before} and {after}; the rows below or beside it changed"
    ]


def _target_reasons(dataset: Any, scheme: str, code: str, then: str | None, now: str | None) -> list[str]:
    before = dataset.version_for(scheme, then).version
    after = dataset.version_for(scheme, now).version
    if before == after:
        return []
    had = dataset.list_index(scheme, then).has(code)
    has = dataset.list_index(scheme, now).has(code)
    if had and not has:
        return [f"target {scheme} {code} is not in version {after}"]
    if has and not had:
        return [f"target {scheme} {code} was added in version {after}"]
    return []
