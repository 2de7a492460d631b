"""US Commerce Control List (15 CFR 774 Supp. 1), from two structured extracts of the eCFR.

* the primary extract gives every ECCN with heading, reasons for control and,
  for Categories 1, 3, 4 and 5, the item paragraphs with their designators;
* the secondary extract gives the items text of every category as flat text
  (used where the primary has no paragraphs) and a few ECCNs the primary lacks.

``EAR99`` is added as a defined code: items subject to the EAR but not listed
on the CCL (15 CFR 734.3(c)).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from crosswalk.errors import DataError
from crosswalk.model import Entry
from crosswalk.schemes import us
from crosswalk.sources import short_title

EAR99_TEXT = (
    "Items subject to the EAR that are not listed on the Commerce Control List "
    "(15 CFR 734.3(c)); a designation, not an ECCN."
)


def _load(path: Path) -> Any:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def parse(primary: Path, secondary: Path | None, version: str) -> list[Entry]:
    records = {r["eccn"]: r for r in _load(primary)["entries"]}
    flat: dict[str, dict[str, Any]] = {}
    if secondary is not None:
        for record in _load(secondary)["entries"]:
            flat[record["code"].removeprefix("ECCN-")] = record
    entries: list[Entry] = []
    for eccn in sorted(set(records) | set(flat), key=lambda c: us.parse(c).sort_key):
        entries.extend(_entries_of(eccn, records.get(eccn), flat.get(eccn), version))
    entries.append(
        Entry(
            scheme="us",
            code="EAR99",
            parent=None,
            level=0,
            title="EAR99",
            text=EAR99_TEXT,
            lang="en",
            version=version,
            kind="designation",
        )
    )
    return entries


def _entries_of(eccn: str, record: dict[str, Any] | None, flat: dict[str, Any] | None,
                version: str) -> list[Entry]:  # fmt: skip
    heading = (record or {}).get("heading") or (flat or {}).get("heading") or ""
    paragraphs = [i for i in (record or {}).get("items") or [] if i.get("paragraph")]
    items_text = (flat or {}).get("items_controlled") or ""
    text = heading if paragraphs or not items_text else f"{heading}\n{items_text}"
    extra = {}
    if record and record.get("reasonForControl"):
        extra["reasons_for_control"] = record["reasonForControl"]
    flags = ("heading-only",) if not paragraphs and not items_text else ()
    root = Entry(scheme="us", code=us.validate(eccn), parent=None, level=0,
                 title=short_title(heading, 90), text=text or eccn, lang="en", version=version,
                 flags=flags, extra=extra)  # fmt: skip
    return [root, *_paragraph_entries(eccn, paragraphs, version)]


def _paragraph_entries(eccn: str, items: list[dict[str, Any]], version: str) -> list[Entry]:
    texts: dict[str, list[str]] = {}
    notes: dict[str, list[str]] = {}
    for item in items:
        try:
            code = us.validate(f"{eccn}.{item['paragraph']}")
        except ValueError as exc:
            raise DataError(f"{eccn}: bad paragraph designator {item['paragraph']!r}") from exc
        (notes if item["kind"] == "note" else texts).setdefault(code, []).append(item["text"])
    for code in list(texts) + list(notes):
        parent = us.parse(code).parent
        while parent and parent != eccn and parent not in texts:
            texts[parent] = []
            parent = us.parse(parent).parent
    out = []
    for code in sorted(texts, key=lambda c: us.parse(c).sort_key):
        parsed = us.parse(code)
        text = "\n".join(texts[code])
        out.append(Entry(scheme="us", code=code, parent=parsed.parent, level=parsed.level,
                         title=short_title(text, 90) if text else "", text=text, lang="en",
                         version=version, kind="paragraph", flags=() if text else ("implied",),
                         notes=tuple(notes.get(code, ()))))  # fmt: skip
    return out
