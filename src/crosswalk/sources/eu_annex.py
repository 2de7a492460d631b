"""EU Annex I of Regulation (EU) 2021/821 (consolidated), from its structured JSON.

Each of the 384 entries carries its verbatim text one line per sub-paragraph,
each line prefixed with its designator (``3A001.a.1.a …``).  Lines that are
notes (``Note:``, ``Technical Note:``, ``N.B.``) carry the designator they
attach to and become that entry's notes; continuation lines of the same
designator are joined.  Parents that the text implies but never states on a
line of their own are added and flagged ``implied``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from crosswalk.errors import DataError
from crosswalk.model import Entry
from crosswalk.schemes import eu
from crosswalk.sources import short_title

NOTE = re.compile(r"^(?:Notes?\b|N\.B\.|Technical Notes?\b|Nota\b)")
LINE = re.compile(r"^(?P<designator>[0-9][A-E][0-9]{3}(?:\.[a-z0-9]+)*)\.?\s+(?P<text>.*)$")
GROUPS = {"A": "Systems, equipment and components", "B": "Test, inspection and production equipment",
          "C": "Materials", "D": "Software", "E": "Technology"}  # fmt: skip


def regimes_of(code: str) -> tuple[str, ...]:
    """The regime an Annex I number belongs to, by the Annex's numbering convention."""
    if code[0] == "0":
        return ("NSG",)
    block = int(code[2:5]) // 100
    return {0: ("WA",), 1: ("MTCR",), 2: ("NSG",), 3: ("AG",), 4: ("CWC",), 5: ("EU",)}.get(block, ())


def load_json(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def parse(path: Path, version: str) -> list[Entry]:
    data = load_json(path)
    entries: list[Entry] = []
    for record in data["entries"]:
        entries.extend(_entries_of(record, version, path))
    return entries


def _entries_of(record: dict[str, Any], version: str, path: Path) -> list[Entry]:
    root = record["entry_code"]
    texts: dict[str, list[str]] = {}
    notes: dict[str, list[str]] = {}
    for number, line in enumerate(record["verbatim_text"].split("\n"), 1):
        match = LINE.match(line)
        if not match or not match["designator"].startswith(root):
            raise DataError(f"{path.name}: {root} line {number} has no designator: {line[:50]!r}")
        designator = eu.validate(match["designator"])
        target = notes if NOTE.match(match["text"]) else texts
        target.setdefault(designator, []).append(match["text"])
    for designator in list(texts) + list(notes):
        code = eu.parse(designator)
        while code.parent and code.parent not in texts:
            texts[code.parent] = []
            code = eu.parse(code.parent)
    out = []
    for designator in sorted(texts, key=lambda d: eu.parse(d).sort_key):
        code = eu.parse(designator)
        text = "\n".join(texts[designator])
        out.append(Entry(
            scheme="eu", code=designator, parent=code.parent, level=code.level,
            title=short_title(text, 90) if text else "", text=text, lang="en", version=version,
            kind="entry" if code.level == 0 else "paragraph",
            flags=() if text else ("implied",), regimes=regimes_of(root),
            notes=tuple(notes.get(designator, ())),
            extra={"category": root[0], "product_group": f"{root[1]} {GROUPS[root[1]]}"}
            if code.level == 0 else {},
        ))  # fmt: skip
    return out
