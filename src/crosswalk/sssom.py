"""Read and write SSSOM TSV mapping tables (https://mapping-commons.github.io/sssom/).

A table is a metadata block in ``#`` comment lines (``key: value``; a nested
``curie_map`` whose entries are indented), then a header row and one mapping per
row.  Reading validates the form of every row and names the file and line of
any error; whether the ids exist in a list version is checked when the set is
compiled (:mod:`crosswalk.mappings`).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosswalk.errors import CrosswalkError, DataError

COLUMNS = ("subject_id", "subject_label", "predicate_id", "object_id", "object_label",
           "mapping_justification", "confidence", "comment", "evidence")  # fmt: skip
PREDICATES = (
    "skos:exactMatch",
    "skos:closeMatch",
    "skos:broadMatch",
    "skos:narrowMatch",
    "skos:relatedMatch",
)
JUSTIFICATIONS = ("semapv:ManualMappingCuration", "semapv:LexicalMatching", "semapv:MappingChaining",
                  "semapv:UnspecifiedMatching")  # fmt: skip
NO_TERM = "sssom:NoTermFound"


@dataclass(frozen=True, slots=True)
class Row:
    subject_id: str
    subject_label: str
    predicate_id: str
    object_id: str
    object_label: str
    mapping_justification: str
    confidence: float
    comment: str
    evidence: str
    line: int = 0

    def record(self) -> dict[str, Any]:
        return {c: getattr(self, c) for c in COLUMNS}


@dataclass
class MappingTable:
    path: Path
    meta: dict[str, Any] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)


def parse_meta(lines: list[str]) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    current: dict[str, str] | None = None
    for raw in lines:
        text = raw[1:].rstrip("\n")
        if not text.strip():
            continue
        indented = text.startswith("   ")
        key, sep, value = text.strip().partition(":")
        if not sep:
            continue
        if indented and current is not None:
            current[key.strip()] = value.strip()
        elif value.strip():
            meta[key.strip()] = value.strip()
            current = None
        else:
            current = meta.setdefault(key.strip(), {})
    return meta


def read(path: Path) -> MappingTable:
    """Read one SSSOM TSV; raise :class:`DataError` naming ``path:line`` on malformed rows."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    meta_lines = [line for line in lines if line.startswith("#")]
    first = len(meta_lines)
    if any(not line.startswith("#") for line in lines[:first]):
        raise DataError(f"{path}: metadata lines must come first")
    table = MappingTable(path, parse_meta(meta_lines))
    reader = csv.reader(io.StringIO("".join(lines[first:])), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader, None)
    if header is None or tuple(header) != COLUMNS:
        raise DataError(f"{path}:{first + 1}: expected the columns {' '.join(COLUMNS)}")
    seen: set[tuple[str, str, str]] = set()
    for offset, cells in enumerate(reader, first + 2):
        if not any(cells):
            continue
        table.rows.append(_row(path, offset, cells, seen))
    return table


def _row(path: Path, line: int, cells: list[str], seen: set[tuple[str, str, str]]) -> Row:
    where = f"{path}:{line}"
    if len(cells) != len(COLUMNS):
        raise DataError(f"{where}: expected {len(COLUMNS)} cells, got {len(cells)}")
    data = dict(zip(COLUMNS, (c.strip() for c in cells), strict=True))
    if data["predicate_id"] not in PREDICATES:
        raise DataError(f"{where}: predicate {data['predicate_id']!r} is not one of {', '.join(PREDICATES)}")
    if data["mapping_justification"] not in JUSTIFICATIONS:
        raise DataError(f"{where}: unknown mapping_justification {data['mapping_justification']!r}")
    try:
        confidence = float(data["confidence"])
    except ValueError:
        raise DataError(f"{where}: confidence {data['confidence']!r} is not a number") from None
    if not 0 <= confidence <= 1:
        raise DataError(f"{where}: confidence must be between 0 and 1")
    if data["object_id"] == NO_TERM and not data["comment"]:
        raise DataError(f"{where}: a sssom:NoTermFound row must say why in comment")
    key = (data["subject_id"], data["predicate_id"], data["object_id"])
    if key in seen:
        raise DataError(f"{where}: duplicate row {' '.join(key)}")
    seen.add(key)
    for column in ("subject_id", "object_id"):
        if data[column] != NO_TERM:
            check_curie(data[column], where)
    return Row(**{**data, "confidence": confidence}, line=line)  # type: ignore[arg-type]


def check_curie(curie: str, where: str) -> tuple[str, str]:
    """(scheme, canonical code) of a CURIE such as ``eu:3A001.a.1``; the code must be canonical."""
    from crosswalk.schemes import get, scheme_of_prefix

    prefix, sep, code = curie.partition(":")
    if not sep:
        raise DataError(f"{where}: {curie!r} is not a CURIE (prefix:code)")
    try:
        scheme = scheme_of_prefix(prefix)
        canonical = get(scheme).validate(code)
    except CrosswalkError as exc:
        raise DataError(f"{where}: {exc}") from None
    if canonical != code:
        raise DataError(f"{where}: {curie} is not canonical; write {prefix}:{canonical}")
    return scheme, canonical


def dumps(meta: dict[str, Any], rows: list[Row]) -> str:
    """The SSSOM TSV text of a table (metadata block, header, rows)."""
    out = []
    for key, value in meta.items():
        if isinstance(value, dict):
            out.append(f"# {key}:")
            out.extend(f"#   {k}: {v}" for k, v in value.items())
        else:
            out.append(f"# {key}: {value}")
    out.append("\t".join(COLUMNS))
    for row in rows:
        cells = [str(getattr(row, c)) if c != "confidence" else f"{row.confidence:.2f}" for c in COLUMNS]
        out.append("\t".join(cells))
    return "\n".join(out) + "\n"
