"""Batch conversion of classification spreadsheets: the engine behind ``crosswalk convert``.

A *code column* holds classification numbers (輸出令 項番, 貨物等省令 clauses, ECCNs, EU or
Korean numbers).  Every cell of it is read into *pieces* (``7(1), 7(2)`` is two codes),
each piece is translated into every target scheme, and the answers are folded back into
one row of added columns per target: codes, relation, basis, confidence, comment, status
and ``needs_review``.

Statuses written in place of a number (非該当, 該当なし, N/A, NLR, EAR99, ``-``, blank) are
kept as statuses (``not-a-code``) and never translated into codes.

>>> engine = Converter(["eu"])
>>> answer = engine.answer("7(5)", "jp")[0]
>>> answer.codes, answer.relation, answer.status, answer.needs_review
('3A001.e.3', 'closeMatch', 'mapped', True)
>>> engine.answer("非該当", "jp")[0].status
'not-a-code'

Nothing heavy is imported at module level; pandas is imported by :func:`convert_frame` only.
"""

from __future__ import annotations

import datetime as dt
import numbers
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from crosswalk.errors import CrosswalkError
from crosswalk.schemes import detect
from crosswalk.schemes import get as get_scheme

if TYPE_CHECKING:
    import pandas as pd

STATUSES = ("invalid", "removed", "not-mapped-yet", "no-counterpart", "partial", "mapped", "not-a-code")
"""Row statuses, the one needing most attention first (a row takes its first piece status)."""
FIELDS = ("", " relation", " basis", " confidence", " comment", " status", " needs_review")
"""Suffixes of the columns added per target: ``eu``, ``eu relation`` … ``eu needs_review``."""
JP_SIDE = ("jp", "jp-tech", "jp-clause")
LAYOUT_HEAD = "sheet layout (read by crosswalk convert --recheck)"
LAYOUT_COLUMNS = (
    "sheet",
    "header row",
    "code columns",
    "headers",
    "reads as",
    "targets",
    "added from column",
)
MAX_COMMENT = 600
SNIFF_ROWS = 200
HEAD_ROWS = 60

#: words a status cell is made of (NFKC, case-folded); matched as the whole cell or its start
STATUS_WORDS = (
    "非該当", "該当なし", "該当無し", "該当せず", "該当", "対象外", "非対象", "規制対象外", "リスト規制外",
    "なし", "無し", "無", "不要", "n/a", "na", "n.a.", "nlr", "ear99", "ear 99", "none", "nil",
    "not controlled", "not applicable", "no license required", "catch-all", "キャッチオール",
    "비해당", "해당없음", "해당 없음", "해당", "비전략물자", "-", "--", "ー", "―", "−", "–", "—", "‐", "/",
)  # fmt: skip
_STATUS_START = re.compile(
    r"^(非該当|該当なし|対象外|規制対象外|비해당|해당\s?없음|nlr|ear\s?99|n/a)(?![0-9a-z])"
)
_SEPARATORS = re.compile(r"[,，、;；/／\n\r・]|及び|および|並びに|(?<![a-z])and(?![a-z])|&|및", re.IGNORECASE)
_HAS_NUMBER = re.compile(r"[0-9〇一二三四五六七八九十]")
_DIGITS_ONLY = re.compile(r"^[0-9]+$")
_POSITION = re.compile(r"[A-Za-z]{1,3}|[0-9]+")
NOT_CODE_HEADER = re.compile(
    r"備考|項目|品名|名称|摘要|メモ|説明|비고|품명|(?<![a-z])(remarks?|notes?|description|title|comments?|memo|name)(?![a-z])"
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: header words → the scheme a column's codes are read in first (None: detected per cell)
HEADER_WORDS: tuple[tuple[str | None, re.Pattern[str]], ...] = tuple(
    (scheme, re.compile(pattern))
    for scheme, pattern in (
        ("jp-tech", r"外為令|外国為替令"),
        ("jp-clause", r"貨物等省令|省令|条項"),
        ("jp", r"輸出令|該当項番|項番|別表第?[1一]"),
        ("us", r"(?<![a-z])(eccn|ear|ccl|us)(?![a-z])"),
        ("kr", r"통제번호|전략물자|해당번호|분류번호|(?<![a-z])(kr|korea)(?![a-z])"),
        ("ml", r"(?<![a-z])(ml|military list)(?![a-z])|軍用"),
        ("eu", r"(?<![a-z])(eu|annex i)(?![a-z])|dual[- ]use|2021/821"),
        (None, r"classification|control (no|number)|export control|分類番号|規制番号|該非|品目番号|코드"),
    )
)


class BatchError(CrosswalkError):
    """A file or sheet cannot be converted (the message says why and what was seen)."""


# -- cells -----------------------------------------------------------------------------------
def cell_text(value: Any) -> tuple[str, str]:
    """(text, note) of a cell value; numbers and dates are read as text with a note.

    >>> cell_text(8.0)
    ('8', 'stored as a number (8); read as the code 8')
    >>> cell_text(" 7(1) ")
    ('7(1)', '')
    """
    if value is None or isinstance(value, str):
        return (value or "").strip(), ""
    if isinstance(value, bool):
        return str(value), "stored as TRUE/FALSE, not a code"
    if isinstance(value, numbers.Real):
        number = float(value)
        text = str(int(number)) if number.is_integer() else repr(number)
        return text, f"stored as a number ({text}); read as the code {text}"
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return "", (f"stored as a date ({value}): a code typed like 7-1 may have been turned into a "
                    "date by the spreadsheet; retype it as text")  # fmt: skip
    return str(value).strip(), ""


def fold(text: str) -> str:
    """NFKC and case-folded, for comparing words."""
    return unicodedata.normalize("NFKC", text).casefold().strip()


def is_status(text: str) -> bool:
    """Whether ``text`` is a status word (非該当, N/A, NLR, EAR99, ``-`` …) rather than a code.

    >>> [is_status(t) for t in ("非該当", "N/A", "EAR99", "7(1)", "-")]
    [True, True, True, False, True]
    """
    folded = fold(text)
    return folded in STATUS_WORDS or bool(_STATUS_START.match(folded))


@lru_cache(maxsize=65536)
def detected(text: str) -> tuple[str, ...]:
    """:func:`crosswalk.schemes.detect`, memoised (the same codes repeat down a column)."""
    return detect(text)


def split_codes(text: str) -> list[str]:
    """The codes written in one cell: ``7(1), 7(2)``, ``7(1)/8``, one per line, ``7(1)・8``.

    >>> split_codes("7(1), 7(2)")
    ['7(1)', '7(2)']
    >>> split_codes("7(1)/8")
    ['7(1)', '8']
    >>> split_codes("3A001 5A002")
    ['3A001', '5A002']
    """
    pieces = [p.strip() for p in _SEPARATORS.split(text) if p and p.strip()]
    out: list[str] = []
    for piece in pieces:
        words = piece.split()
        if len(words) > 1 and not detected(piece) and all(detected(w) for w in words):
            out.extend(words)
        else:
            out.append(piece)
    return out


def neutralise(value: Any) -> Any:
    """A text cell we write, made inert against formula injection (a leading ``'``).

    >>> neutralise("=HYPERLINK(1)"), neutralise("3A001"), neutralise(0.5)
    ("'=HYPERLINK(1)", '3A001', 0.5)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


# -- answers ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PieceAnswer:
    """One code of a cell translated into one target scheme."""

    piece: str
    status: str
    codes: tuple[str, ...] = ()
    relations: tuple[str, ...] = ()
    bases: tuple[str, ...] = ()
    confidence: float | None = None
    notes: tuple[str, ...] = ()
    exact_curated: bool = False


@dataclass(frozen=True, slots=True)
class CellAnswer:
    """The added cells of one row for one target scheme."""

    codes: str
    relation: str
    basis: str
    confidence: float | None
    comment: str
    status: str
    needs_review: bool

    def values(self) -> tuple[Any, ...]:
        """The cells in :data:`FIELDS` order, neutralised against formula injection."""
        return tuple(neutralise(v) for v in (self.codes, self.relation, self.basis, self.confidence,
                                             self.comment, self.status, self.needs_review))  # fmt: skip


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_COMMENT else text[: MAX_COMMENT - 1] + "…"


def _piece_from_result(piece: str, result: Any) -> PieceAnswer:
    """A :class:`PieceAnswer` from a :class:`crosswalk.translation.Result`."""
    if result.status in ("invalid", "unknown-code"):
        return PieceAnswer(piece, "invalid", notes=(result.message,))
    if result.status == "removed":
        return PieceAnswer(piece, "removed", notes=(result.message,))
    if result.message == "same scheme":
        return PieceAnswer(piece, "mapped", (result.code,), ("exactMatch",), ("same scheme",), 1.0)
    found = [m for m in result.matches if not m.no_counterpart]
    notes = [result.message] if result.message else []
    for match in found:
        for hop in match.path:
            notes += [hop.note, hop.comment] if match.relation != "exactMatch" or hop.note else []
        notes += [f"needs review: {reason}" for reason in match.review]
    exact = bool(found) and all(
        m.relation == "exactMatch"
        and m.basis == "curated"
        and not m.review
        and not any(h.note for h in m.path)
        for m in found
    )
    return PieceAnswer(
        piece, result.status, _unique(m.code for m in found), _unique(m.relation for m in found),
        _unique(m.basis for m in found), min((m.confidence for m in found), default=None),
        _unique(notes), exact and result.status == "mapped",
    )  # fmt: skip


def fold_pieces(answers: Sequence[PieceAnswer], note: str = "") -> CellAnswer:
    """One :class:`CellAnswer` from the answers of every code in the cell."""
    status = min((a.status for a in answers), key=STATUSES.index, default="not-a-code")
    several = len(answers) > 1
    notes: list[str] = [note] if note else []
    for a in answers:
        for text in a.notes:
            notes.append(f"{a.piece}: {text}" if several else text)
        if several and not a.notes and a.status != "mapped":
            notes.append(f"{a.piece}: {a.status}")
    confidences = [a.confidence for a in answers if a.confidence is not None]
    return CellAnswer(
        ", ".join(_unique(c for a in answers for c in a.codes)),
        ", ".join(_unique(r for a in answers for r in a.relations)),
        ", ".join(_unique(b for a in answers for b in a.bases)),
        round(min(confidences), 2) if confidences else None,
        _shorten(" | ".join(_unique(notes))),
        status,
        not (answers and all(a.exact_curated for a in answers)),
    )  # fmt: skip


class Converter:
    """Translates cells into ``targets``; memoised, so a column of repeated codes is cheap.

    ``src`` (``--from``) and a column's header scheme are preferences: a piece valid in that
    scheme is read in it; a piece that is plainly another scheme's code is read as that.
    """

    def __init__(self, targets: Sequence[str], src: str | None = None, as_of: str | None = None,
                 dataset: Any = None) -> None:  # fmt: skip
        from crosswalk import load

        self.targets = tuple(get_scheme(t).NAME for t in targets)
        self.src = get_scheme(src).NAME if src else None
        self.as_of = as_of
        self.dataset = dataset or load()
        self.versions: dict[str, str] = {}
        self._cells: dict[tuple[str, str | None], tuple[CellAnswer, ...]] = {}
        self._pieces: dict[tuple[str, str | None, str], PieceAnswer] = {}

    def answer(self, value: Any, hint: str | None = None) -> tuple[CellAnswer, ...]:
        """The added cells of one cell, one :class:`CellAnswer` per target."""
        text, note = cell_text(value)
        key = (text if not note else f"{text}\x00{note}", hint)
        if key not in self._cells:
            self._cells[key] = self._answer(text, note, hint)
        return self._cells[key]

    def _answer(self, text: str, note: str, hint: str | None) -> tuple[CellAnswer, ...]:
        if not text:
            blank = PieceAnswer("", "not-a-code", notes=(note or "blank cell",))
            return tuple(fold_pieces([blank]) for _ in self.targets)
        pieces = split_codes(text)
        return tuple(fold_pieces([self._piece(p, hint, t) for p in pieces], note) for t in self.targets)

    def _piece(self, piece: str, hint: str | None, to: str) -> PieceAnswer:
        key = (piece, hint, to)
        if key not in self._pieces:
            self._pieces[key] = self._translate(piece, hint, to)
        return self._pieces[key]

    def scheme_for(self, piece: str, hint: str | None) -> str | None:
        """The scheme ``piece`` is read in: ``--from``, else the column's, if valid there; else detected."""
        return next((s for s in (self.src, hint) if s and get_scheme(s).is_valid(piece)), None)

    def _translate(self, piece: str, hint: str | None, to: str) -> PieceAnswer:
        from crosswalk.translation import translate

        if is_status(piece):
            return PieceAnswer(
                piece, "not-a-code", notes=(f"status {piece!r} kept as written, not translated",)
            )
        if not _HAS_NUMBER.search(unicodedata.normalize("NFKC", piece)):
            return PieceAnswer(piece, "not-a-code", notes=(f"no code in {piece!r}; kept as written",))
        result = translate(piece, to, self.scheme_for(piece, hint), self.as_of, dataset=self.dataset)
        self.versions.update(result.versions)
        return _piece_from_result(piece, result)


# -- columns ---------------------------------------------------------------------------------
@dataclass
class CodeColumn:
    """A column of codes: its position, header label and the scheme its header names."""

    index: int
    label: str
    scheme: str | None = None
    detected: str | None = None

    @property
    def reads_as(self) -> str | None:
        return self.scheme or self.detected


@dataclass
class Layout:
    """Where a table sits in a sheet: its header row (None: no header) and code columns."""

    header_row: int | None
    labels: list[str]
    columns: list[CodeColumn]
    width: int

    @property
    def first_data_row(self) -> int:
        return 0 if self.header_row is None else self.header_row + 1


@dataclass
class Tally:
    """Status counts per (code column, target), and the warnings met on the way."""

    counts: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    warning_count: int = 0
    rows: int = 0

    def add(self, column: str, target: str, status: str) -> None:
        self.counts.setdefault((column, target), Counter())[status] += 1

    def warn(self, message: str, limit: int = 20) -> None:
        self.warning_count += 1
        if len(self.warnings) < limit:
            self.warnings.append(message)


def column_letter(index: int) -> str:
    """``0`` → ``A``, ``27`` → ``AB``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def header_scheme(label: str) -> tuple[bool, str | None]:
    """(whether ``label`` names a code column, the scheme it names).

    >>> header_scheme("該当項番"), header_scheme("ECCN番号"), header_scheme("品名")
    ((True, 'jp'), (True, 'us'), (False, None))
    """
    folded = fold(label)
    for scheme, pattern in HEADER_WORDS:
        if pattern.search(folded):
            return True, scheme
    return False, None


def _texts(rows: Sequence[Sequence[Any]], index: int) -> list[str]:
    return [cell_text(r[index])[0] if index < len(r) else "" for r in rows]


def sniff(values: Sequence[str]) -> tuple[float, float, str | None]:
    """(share of codes or statuses, share of codes not made of digits only, commonest scheme)."""
    filled = [v for v in values if v]
    if not filled:
        return 0.0, 0.0, None
    coded = lettered = 0
    schemes: Counter[str] = Counter()
    for value in filled:
        pieces = split_codes(value)
        found = [detected(p) for p in pieces if not is_status(p)]
        if all(found) or all(is_status(p) for p in pieces):
            coded += 1
        if found and all(found) and not _DIGITS_ONLY.match(value):
            lettered += 1
            schemes.update(f[0] for f in found)
    top = schemes.most_common(1)[0][0] if schemes else None
    return coded / len(filled), lettered / len(filled), top


def fill_merged(rows: list[list[Any]], merged: Sequence[tuple[tuple[int, int], tuple[int, int]]],
                upto: int) -> list[list[Any]]:  # fmt: skip
    """A copy of the first ``upto`` rows with each merged range's value in every cell of it."""
    head = [list(r) for r in rows[:upto]]
    for (r0, c0), (r1, c1) in merged:
        if r0 >= len(head) or c0 >= len(head[r0]):
            continue
        value = head[r0][c0]
        for r in range(r0, min(r1, len(head) - 1) + 1):
            for c in range(c0, c1 + 1):
                while len(head[r]) <= c:
                    head[r].append("")
                head[r][c] = value
    return head


def _labels(
    head: list[list[Any]], header: int, merged: Sequence[Any], width: int
) -> tuple[list[str], list[str]]:
    """(labels, own header cells); a group header merged across columns in the row above prefixes a label."""
    above = {(header - 1, c) for (r0, c0), (r1, c1) in merged if c1 > c0 and r0 <= header - 1 <= r1
             for c in range(c0, c1 + 1)}  # fmt: skip
    labels, own_cells = [], []
    for col in range(width):
        own = cell_text(head[header][col])[0] if col < len(head[header]) else ""
        group = cell_text(head[header - 1][col])[0] if (header - 1, col) in above else ""
        labels.append(" ".join(_unique([group, own])) or column_letter(col))
        own_cells.append(own)
    return labels, own_cells


def _first_data_row(head: list[list[Any]]) -> int | None:
    for number, row in enumerate(head):
        for value in row:
            text = cell_text(value)[0]
            if text and not _DIGITS_ONLY.match(text) and all(detected(p) for p in split_codes(text)):
                return number
    return None


def _header_row(head: list[list[Any]]) -> int | None:
    """The header row: the nearest row above the first code naming a code column, else non-empty."""
    keyword_rows = [n for n, row in enumerate(head) if any(header_scheme(cell_text(v)[0])[0] for v in row)]
    data = _first_data_row(head)
    if data is None:
        return keyword_rows[-1] if keyword_rows else None
    above = [n for n in keyword_rows if n < data]
    if above:
        return above[-1]
    filled = [n for n in range(data) if any(cell_text(v)[0] for v in head[n])]
    return filled[-1] if filled else None


def _named_row(head: list[list[Any]], column: str) -> int | None:
    """The first row holding a header that ``--column`` names."""
    names = {
        fold(spec) for spec in column.split(",") if spec.strip() and not _POSITION.fullmatch(spec.strip())
    }
    return next((n for n, row in enumerate(head) if names & {fold(cell_text(v)[0]) for v in row}), None)


def find_layout(rows: list[list[Any]], merged: Sequence[Any] = (), column: str | None = None,
                sheet: str = "") -> Layout:  # fmt: skip
    """Find the header row and the code columns of a table (``column`` overrides the search)."""
    head = fill_merged(rows, merged, HEAD_ROWS)
    width = max((len(r) for r in rows[: SNIFF_ROWS + HEAD_ROWS]), default=0)
    header = _named_row(head, column) if column else None
    header = _header_row(head) if header is None else header
    letters = [column_letter(c) for c in range(width)]
    labels, own = _labels(head, header, merged, width) if header is not None else (letters, [""] * width)
    start = 0 if header is None else header + 1
    sample = rows[start : start + SNIFF_ROWS]
    if column:
        columns = [_choose_column(spec, labels, sample, sheet) for spec in column.split(",") if spec.strip()]
    else:
        columns = _code_columns(labels, sample, own if header is not None else None)
    if not columns:
        where = f" in sheet {sheet!r}" if sheet else ""
        first = next((r for r in head if any(cell_text(v)[0] for v in r)), [])
        shown = labels if header is not None else [cell_text(v)[0] for v in first]
        seen = ", ".join(repr(label) for label in shown if label) or "none"
        raise BatchError(f"no code column found{where}; headers seen: {seen} (name one with --column)")
    return Layout(header, labels, columns, width)


def _code_columns(labels: list[str], sample: list[list[Any]], own: list[str] | None) -> list[CodeColumn]:
    """Columns named as code columns whose cells agree, and unnamed columns full of codes.

    A column named only through a merged group header (輸出令 over 項番 | 項目) must hold codes;
    a column whose own header says it holds names or notes (項目, 品名, 備考 …) never does.
    """
    columns = []
    for index, label in enumerate(labels):
        header = own[index] if own is not None else ""
        named, scheme = header_scheme(label) if own is not None else (False, None)
        values = _texts(sample, index)
        coded, lettered, top = sniff(values)
        if NOT_CODE_HEADER.search(fold(header)):
            continue
        own_named = named and header_scheme(header)[0]
        if (named and coded >= 0.5) or (own_named and not any(values)) or lettered >= 0.6:
            columns.append(CodeColumn(index, label, scheme, top))
    return columns


def _choose_column(spec: str, labels: list[str], sample: list[list[Any]], sheet: str) -> CodeColumn:
    """A column named by ``--column``: a header label, a letter (``C``) or a 1-based index."""
    spec = spec.strip()
    folded = [fold(label) for label in labels]
    if fold(spec) in folded:
        index = folded.index(fold(spec))
    elif re.fullmatch(r"[A-Za-z]{1,3}", spec):
        index = sum((ord(ch) - 64) * 26**n for n, ch in enumerate(reversed(spec.upper()))) - 1
    elif _DIGITS_ONLY.match(spec) and int(spec) >= 1:
        index = int(spec) - 1
    else:
        raise BatchError(f"no column {spec!r}{f' in sheet {sheet!r}' if sheet else ''}; headers seen: "
                         + ", ".join(repr(label) for label in labels))  # fmt: skip
    label = labels[index] if index < len(labels) else column_letter(index)
    return CodeColumn(index, label, header_scheme(label)[1], sniff(_texts(sample, index))[2])


def default_targets(columns: Sequence[CodeColumn]) -> list[str]:
    """EU, US and KR for Japanese columns; 輸出令 items and 省令 clauses for foreign ones."""
    sources = {c.reads_as for c in columns if c.reads_as}
    if sources <= set(JP_SIDE):
        return ["eu", "us", "kr"]
    if not sources & set(JP_SIDE):
        return ["jp", "jp-clause"]
    return [t for t in ("jp", "jp-clause", "eu", "us", "kr") if t not in sources]


def added_labels(columns: Sequence[CodeColumn], targets: Sequence[str], taken: Sequence[str]) -> list[str]:
    """Names of the added columns (``eu``, ``eu relation`` …; ``項番 → eu`` … for several columns)."""
    used = {fold(t) for t in taken}
    names = []
    for column in columns:
        for target in targets:
            stem = f"{column.label} → {target}" if len(columns) > 1 else target
            for suffix in FIELDS:
                name = stem + suffix
                while fold(name) in used:
                    name += " (crosswalk)"
                used.add(fold(name))
                names.append(name)
    return names


# -- rows ------------------------------------------------------------------------------------
class RowConverter:
    """Turns a data row into the cells to add, and tallies statuses and warnings."""

    def __init__(self, converter: Converter, layout: Layout, tally: Tally, sheet: str = "") -> None:
        self.converter = converter
        self.layout = layout
        self.tally = tally
        self.sheet = sheet
        self._values: dict[int, tuple[Any, ...]] = {}

    def added(self, row: Sequence[Any], number: int) -> list[Any]:
        """The added cells of ``row`` (``number`` is its 0-based row in the sheet, for warnings)."""
        out: list[Any] = []
        self.tally.rows += 1
        for column in self.layout.columns:
            value = row[column.index] if column.index < len(row) else ""
            answers = self.converter.answer(value, column.reads_as)
            if value is not None and not isinstance(value, str):
                self._warn_number(value, column, number)
            for target, answer in zip(self.converter.targets, answers, strict=True):
                self.tally.add(column.label, target, answer.status)
                out.extend(self._cached_values(answer))
        return out

    def _cached_values(self, answer: CellAnswer) -> tuple[Any, ...]:
        key = id(answer)
        if key not in self._values:
            self._values[key] = answer.values()
        return self._values[key]

    def _warn_number(self, value: Any, column: CodeColumn, number: int) -> None:
        where = f"{self.sheet}!" if self.sheet else ""
        note = cell_text(value)[1]
        self.tally.warn(f"{where}{column_letter(column.index)}{number + 1}: {note}")


def summary(tallies: dict[str, Tally], layouts: dict[str, Layout], engines: dict[str, Converter],
            extra: dict[str, Any] | None = None) -> dict[str, Any]:  # fmt: skip
    """The run summary: counts by status, list versions used, warnings and the caveat."""
    from crosswalk import __version__
    from crosswalk.dataset import today
    from crosswalk.history import version_warnings
    from crosswalk.translation import CAVEAT

    sheets = []
    for name, tally in tallies.items():
        layout = layouts[name]
        sheets.append({
            "sheet": name, "rows": tally.rows, "targets": list(engines[name].targets),
            "header_row": None if layout.header_row is None else layout.header_row + 1,
            "code_columns": [{"column": column_letter(c.index), "header": c.label, "reads_as": c.reads_as}
                             for c in layout.columns],
            "added_from": column_letter(layout.width),
            "counts": [{"column": col, "target": target, "statuses": dict(sorted(counts.items()))}
                       for (col, target), counts in tally.counts.items()],
            "warnings": tally.warning_count, "warning_examples": tally.warnings,
        })  # fmt: skip
    versions = {k: v for e in engines.values() for k, v in e.versions.items()}
    as_of = next((e.as_of for e in engines.values() if e.as_of), None) or today()
    src = next((e.src for e in engines.values() if e.src), None) or ""
    notes = version_warnings(versions, as_of)
    return {"crosswalk": __version__, **(extra or {}), "as_of": as_of, "from": src, "sheets": sheets,
            "list_versions": dict(sorted(versions.items())), "list_notes": notes, "caveat": CAVEAT}  # fmt: skip


def summary_rows(report: dict[str, Any]) -> list[list[Any]]:
    """The summary as rows of a sheet."""
    rows: list[list[Any]] = [["crosswalk summary"], [report["caveat"]], []]
    rows += [
        [key, str(report[key])] for key in ("input", "output", "crosswalk", "as_of", "from") if key in report
    ]
    rows += [[], ["sheet", "code column", "target", *STATUSES, "rows"]]
    for sheet in report["sheets"]:
        for count in sheet["counts"]:
            rows.append([sheet["sheet"], count["column"], count["target"],
                         *(count["statuses"].get(s, 0) for s in STATUSES), sheet["rows"]])  # fmt: skip
    rows += [[], ["list", "version"], *([k, v] for k, v in report["list_versions"].items())]
    rows += [["note", note] for note in report.get("list_notes", [])]
    rows += [[], [LAYOUT_HEAD], list(LAYOUT_COLUMNS)]
    for sheet in report["sheets"]:
        rows.append([sheet["sheet"], sheet["header_row"] or "",
                     ",".join(c["column"] for c in sheet["code_columns"]),
                     ",".join(c["header"] for c in sheet["code_columns"]),
                     ",".join(c["reads_as"] or "" for c in sheet["code_columns"]),
                     ",".join(sheet["targets"]), sheet["added_from"]])  # fmt: skip
    warnings = [w for s in report["sheets"] for w in s["warning_examples"]]
    if warnings:
        rows += [[], ["warnings (first of each sheet)"], *([w] for w in warnings)]
    return [[neutralise(v) for v in row] for row in rows]


# -- pandas ----------------------------------------------------------------------------------
def convert_frame(df: pd.DataFrame, column: str | Sequence[str] | None = None,
                  to: Sequence[str] | str | None = None, src: str | None = None,
                  as_of: str | None = None) -> pd.DataFrame:  # fmt: skip
    """A copy of ``df`` with the translation columns added; rows, order and index unchanged.

    ``column``: the code column(s) (default: found by header words or by sniffing the cells);
    ``to``: target schemes (default: EU, US, KR for Japanese columns, else 輸出令 and 省令).
    """
    import pandas as pd

    labels = [str(c) for c in df.columns]
    sample = df.head(SNIFF_ROWS).astype(object).where(df.head(SNIFF_ROWS).notna(), "").values.tolist()
    names = [column] if isinstance(column, str) else list(column or [])
    if names:
        columns = [_choose_column(_frame_spec(n, labels), labels, sample, "") for n in names]
    else:
        columns = _code_columns(labels, sample, labels)
    if not columns:
        raise BatchError(f"no code column found; columns seen: {', '.join(map(repr, labels))}")
    targets = [to] if isinstance(to, str) else list(to or default_targets(columns))
    engine = Converter(targets, src, as_of)
    layout = Layout(None, labels, columns, len(labels))
    rows = RowConverter(engine, layout, Tally())
    data = [rows.added([_frame_value(v) for v in row], n)
            for n, row in enumerate(df.itertuples(index=False, name=None))]  # fmt: skip
    added = pd.DataFrame(data, index=df.index, columns=added_labels(columns, engine.targets, labels))
    return pd.concat([df, added], axis=1)


def _frame_spec(name: str, labels: list[str]) -> str:
    if name not in labels:
        raise BatchError(f"no column {name!r}; columns seen: {', '.join(map(repr, labels))}")
    return str(labels.index(name) + 1)


def _frame_value(value: Any) -> Any:
    try:
        import pandas as pd

        return "" if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


ProgressCallback = Callable[[int], None]
