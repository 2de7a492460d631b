"""輸出貿易管理令 別表第1 from e-Gov 法令XML (law 324CO0000000378).

The table is an ``<AppdxTable>`` of 18 ``<TableRow>``s: a header row, then one row
per 項 with three columns — the 項 number in kanji, the goods, the destinations.
The goods column is a *flat* list of ``<Sentence>`` elements; only the text
prefix shows the level: ``（一）　`` is a sub-item, ``１　`` a numbered good under
the previous sub-item, no prefix a lead-in sentence of the 項.

In some stored copies the ``<Ruby>`` elements of a sentence sit at its end
instead of in place.  :data:`RUBY_RESTORATIONS` lists, for reviewers, where each
displaced ruby base belongs; an unknown displacement stops the build rather
than silently producing wrong text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from crosswalk.errors import DataError
from crosswalk.model import Entry
from crosswalk.normalize import kanji_to_int, nfkc
from crosswalk.sources import short_title

LAW_ID = "324CO0000000378"
URL = f"https://laws.e-gov.go.jp/law/{LAW_ID}"

#: (ruby bases in document order, text as stored without them) -> text with them in place.
RUBY_RESTORATIONS: dict[tuple[str, str], str] = {
    ("燐砒", "又は、素若しくは"): "又は燐、砒素若しくは",
    ("燐砒", "　、素又は"): "　燐、砒素又は",
    ("勾", "磁場配計"): "磁場勾配計",
    ("勾", "重力配計"): "重力勾配計",
}

#: Conventional short names of the 項, as METI's 貨物・技術のマトリクス表 names its sheets.
KOU_NAMES = {
    "1": "武器", "2": "原子力", "3": "化学兵器", "3の2": "生物兵器", "4": "ミサイル",
    "5": "先端素材", "6": "材料加工", "7": "エレクトロニクス", "8": "電子計算機", "9": "通信",
    "10": "センサー・レーザー", "11": "航法装置", "12": "海洋関連", "13": "推進装置",
    "14": "その他", "15": "機微品目", "16": "キャッチオール",
}  # fmt: skip

SUBITEM = re.compile(
    r"^（(?P<num>[一二三四五六七八九十〇]+(?:の[一二三四五六七八九十〇]+)?)）\u3000(?P<text>.*)$", re.S
)
NUMBERED = re.compile(r"^(?P<num>[０-９]+(?:の[０-９]+)?)\u3000(?P<text>.*)$", re.S)


def _kanji_label(label: str) -> str:
    """``十の二`` → ``10の2``; ``三の二`` → ``3の2``."""
    out = []
    for part in label.split("の"):
        value = kanji_to_int(part)
        if value is None:
            raise DataError(f"not a kanji numeral: {label!r}")
        out.append(str(value))
    return "の".join(out)


def sentence_text(sentence: ET.Element, where: str) -> str:
    """The text of a <Sentence>, with ruby bases in place and <Rt> readings dropped."""
    rubies = sentence.findall("Ruby")
    if not rubies:
        return "".join(sentence.itertext())
    displaced = all(not (r.tail or "").strip() for r in rubies) and sentence[-1].tag == "Ruby"
    if not displaced:
        parts = [sentence.text or ""]
        for child in sentence:
            parts.append(child.text or "" if child.tag == "Ruby" else "".join(child.itertext()))
            parts.append(child.tail or "")
        return "".join(parts)
    plain = (sentence.text or "").strip()
    bases = "".join((r.text or "").strip() for r in rubies)
    for (ruby_bases, stored), restored in RUBY_RESTORATIONS.items():
        if ruby_bases == bases and stored in plain:
            return plain.replace(stored, restored, 1)
    raise DataError(f"{where}: ruby {bases!r} displaced in {plain!r}; add it to RUBY_RESTORATIONS")


def parse(path: Path, version: str) -> list[Entry]:
    """Entries of scheme ``jp``: each 項, each sub-item （n）, each numbered good １."""
    root = ET.parse(path).getroot()
    table = root.find(".//AppdxTable")
    if table is None:
        raise DataError(f"{path}: no <AppdxTable>")
    entries: list[Entry] = []
    for row in table.iter("TableRow"):
        columns = row.findall("TableColumn")
        label = "".join(columns[0].itertext()).strip()
        if not label or label == "\u3000":
            continue  # header row
        kou = _kanji_label(label)
        entries.extend(_rows_of_kou(kou, columns, path, version))
    return entries


def _entry(
    code: str, parent: str | None, level: int, text: str, version: str, kind: str, extra: dict[str, str]
) -> Entry:
    deleted = text.strip() == "削除"
    return Entry(
        scheme="jp", code=code, parent=parent, level=level,
        title="削除" if deleted else short_title(text), text=text, lang="ja",
        version=version, kind=kind, flags=("deleted",) if deleted else (), extra=extra,
    )  # fmt: skip


def _rows_of_kou(kou: str, columns: list[ET.Element], path: Path, version: str) -> list[Entry]:
    destinations = "".join(columns[2].itertext()).strip()
    extra = {"destinations": destinations}
    cell: list[str] = []
    children: list[Entry] = []
    item_code: str | None = None
    for i, sentence in enumerate(columns[1].findall("Sentence"), 1):
        text = sentence_text(sentence, f"{path.name} {kou}項 sentence {i}").strip()
        cell.append(text)
        if m := SUBITEM.match(text):
            item_code = f"{kou}({_kanji_label(m['num'])})"
            children.append(_entry(item_code, kou, 1, m["text"], version, "item", extra))
        elif (m := NUMBERED.match(text)) and item_code:
            code = f"{item_code}{nfkc(m['num'])}"
            children.append(_entry(code, item_code, 2, m["text"], version, "subitem", extra))
        elif not children:
            continue  # lead-in sentence of the 項; kept in the 項's own text
        else:
            raise DataError(f"{path.name}: {kou}項 sentence {i} has no level prefix: {text[:30]!r}")
    head = _entry(kou, None, 0, "\n".join(cell), version, "kou", extra)
    head = Entry(**{**head.to_dict(), "title": f"{kou}項 {KOU_NAMES[kou]}"})
    return [head, *_with_full_text(children)]


def _with_full_text(children: list[Entry]) -> list[Entry]:
    """A sub-item's full text includes the numbered goods listed under it."""
    by_parent: dict[str, list[str]] = {}
    for child in children:
        if child.kind == "subitem" and child.parent:
            num = child.code[len(child.parent) :]
            by_parent.setdefault(child.parent, []).append(f"{num}　{child.text}")
    out = []
    for child in children:
        if child.code in by_parent:
            full = child.text + "\n" + "\n".join(by_parent[child.code])
            child = Entry(**{**child.to_dict(), "text": full})
        out.append(child)
    return out
