"""外国為替令 別表 items (scheme ``jp-tech``), read from 貨物等省令's technology articles.

No 外為令 XML is bundled, but each paragraph of 第15条–第28条 opens by naming the item it
specifies: 「外為令別表の七の項（一）の経済産業省令で定める技術は、…」.  Those references give
the ``jp-tech`` entries (and, through :func:`links`, which paragraph specifies which item).
When an 外為令 XML is supplied, a parser like the one for 輸出令別表第1 replaces this.
"""

from __future__ import annotations

from crosswalk.model import Entry
from crosswalk.schemes import jp_tech
from crosswalk.sources.egov_beppyo1 import KOU_NAMES

PREFIX = "外為令"


def links(shorei: list[Entry]) -> list[tuple[str, Entry]]:
    """(jp-tech code, the technology paragraph that specifies it), in the ordinance's order."""
    out = []
    for entry in shorei:
        ref = entry.extra.get("refers_to", "")
        if "technology" in entry.flags and entry.kind == "paragraph" and ref.startswith(PREFIX):
            out.append((jp_tech.validate(ref.removeprefix(PREFIX)), entry))
    return out


def derive(shorei: list[Entry], version: str) -> list[Entry]:
    """jp-tech entries: each referenced item, under an implied entry for its 項."""
    entries: dict[str, Entry] = {}
    for code, paragraph in links(shorei):
        kou = jp_tech.parse(code).parts[0]
        if kou not in entries:
            entries[kou] = Entry(scheme="jp-tech", code=kou, parent=None, level=0,
                                 title=f"外為令別表 {kou}の項 {KOU_NAMES[kou]}（技術）", text="", lang="ja",
                                 version=version, kind="kou", flags=("implied",))  # fmt: skip
        if code == kou:
            entries[kou] = Entry(**{**entries[kou].to_dict(), "text": paragraph.text, "flags": ()})
            continue
        entries[code] = Entry(scheme="jp-tech", code=code, parent=kou, level=1,
                              title=f"外為令別表 {code} の技術（貨物等省令 {paragraph.code}）",
                              text=paragraph.text, lang="ja", version=version, kind="item",
                              extra={"specified_in": paragraph.code})  # fmt: skip
    return sorted(entries.values(), key=lambda e: jp_tech.parse(e.code).sort_key)
