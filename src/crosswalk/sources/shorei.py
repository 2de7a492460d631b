"""貨物等省令 (law 403M50000400049) from e-Gov 法令XML, or from its row-per-element TSV.

The ordinance nests Article → Paragraph → Item (号) → Subitem1 … Subitem10, each
with a title as written (``一``, ``イ``, ``（一）``, ``１``) and a sentence.  Both
inputs are first turned into :class:`Row` records (the TSV is a transcription of
the XML in exactly that shape), then into ``jp-clause`` entries whose codes
come from the scheme grammar, so that the two formats cannot disagree.

Articles 第1条–第14条の2 specify the goods of 輸出令別表第1 (flag ``goods``);
第15条–第28条 specify the technology of 外為令別表 (flag ``technology``).
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from crosswalk.errors import DataError
from crosswalk.model import Entry
from crosswalk.normalize import kanji_to_int
from crosswalk.schemes import jp_clause
from crosswalk.schemes.base import Code
from crosswalk.sources import short_title

LAW_ID = "403M50000400049"
URL = f"https://laws.e-gov.go.jp/law/{LAW_ID}"
TSV_COLUMNS = ["article", "paragraph", "item", "sub1", "sub2", "sub3", "sub4", "sub5", "caption", "text"]

#: ArithFormula elements whose <Sub> the stored XML moved to the end: formula as stored
#: (without the Sub) -> formula as the law means it (log base 2 of the complex points).
FORMULA_RESTORATIONS = {
    "（（複素点の数）ｌｏｇ（複素点の数））／２０，４８０": "（（複素点の数）ｌｏｇ２（複素点の数））／２０，４８０",
}
REFERENCE = re.compile(
    r"(?P<law>輸出令|外為令|輸出貿易管理令|外国為替令)(?:（[^）]*）)?別表(?:第一)?の(?P<kou>[一二三四五六七八九十〇]+(?:の[一二三四五六七八九十〇]+)?)の項"
    r"(?:（(?P<item>[一二三四五六七八九十〇]+(?:の[一二三四五六七八九十〇]+)?)）)?"
)


@dataclass(frozen=True, slots=True)
class Row:
    """One element of the ordinance that carries a sentence."""

    article: str  # "1", "2_2", "14_2"
    paragraph: str
    titles: tuple[str, ...]  # 号 title, then sub-level titles, as written
    caption: str
    text: str
    line: int = 0


def _number(text: str) -> str:
    return "の".join(str(kanji_to_int(p)) for p in text.split("の"))


def read_tsv(path: Path) -> Iterator[Row]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        if header != TSV_COLUMNS:
            raise DataError(f"{path}:1: expected columns {TSV_COLUMNS}, got {header}")
        for line, cells in enumerate(reader, 2):
            if len(cells) != len(TSV_COLUMNS):
                raise DataError(f"{path}:{line}: expected {len(TSV_COLUMNS)} cells, got {len(cells)}")
            record = dict(zip(TSV_COLUMNS, cells, strict=True))
            titles: list[str] = []
            for key in ("item", "sub1", "sub2", "sub3", "sub4", "sub5"):
                titles.extend(t for t in record[key].split("/") if t)
            yield Row(record["article"], record["paragraph"], tuple(titles),
                      record["caption"], record["text"], line)  # fmt: skip


def _sentence_text(element: ET.Element | None) -> str:
    if element is None:
        return ""
    parts: list[str] = []
    for sentence in element.iter("Sentence"):
        parts.append(_inline_text(sentence))
    return "".join(parts)


def _inline_text(element: ET.Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == "Rt":
            pass
        elif child.tag == "ArithFormula":
            parts.append(_formula(child))
        else:
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts).strip() if element.tag == "Sentence" else "".join(parts)


def _formula(element: ET.Element) -> str:
    text = "".join((element.text or "").split())
    subs = list(element)
    if subs and all(not (s.tail or "").strip() for s in subs) and text in FORMULA_RESTORATIONS:
        return FORMULA_RESTORATIONS[text]
    return "".join("".join(element.itertext()).split())


def read_xml(path: Path) -> Iterator[Row]:
    """Rows of every Article in the law body, in document order."""
    root = ET.parse(path).getroot()
    for article in root.iter("Article"):
        num = article.get("Num", "")
        caption = "".join(article.findtext("ArticleCaption") or "")
        for p_index, paragraph in enumerate(article.findall("Paragraph")):
            yield Row(num, paragraph.get("Num", ""), (), caption if p_index == 0 else "",
                      _sentence_text(paragraph.find("ParagraphSentence")))  # fmt: skip
            for item in paragraph.findall("Item"):
                yield from _read_item(num, paragraph.get("Num", ""), item, "Item", ())


def _read_item(article: str, paragraph: str, element: ET.Element, tag: str,
               titles: tuple[str, ...]) -> Iterator[Row]:  # fmt: skip
    title = (element.findtext(f"{tag}Title") or "").strip()
    titles = (*titles, title)
    text = _sentence_text(element.find(f"{tag}Sentence"))
    for extra in element.findall("List"):
        text += " " + _sentence_text(extra.find("ListSentence"))
    yield Row(article, paragraph, titles, "", text)
    level = 1 if tag == "Item" else int(tag.removeprefix("Subitem")) + 1
    for child in element.findall(f"Subitem{level}"):
        yield from _read_item(article, paragraph, child, f"Subitem{level}", titles)


def clause_code(row: Row) -> str:
    """The canonical jp-clause code of a row, through the scheme grammar."""
    art, _, art2 = row.article.partition("_")
    text = f"第{art}条" + (f"の{art2}" if art2 else "") + f"第{row.paragraph}項"
    if row.titles:
        go, _, go2 = row.titles[0].partition("の")
        text += f"第{go}号" + (f"の{go2}" if go2 else "") + "".join(row.titles[1:])
    return jp_clause.validate(text)


JOINT = re.compile(r"^(?P<a>[^及か]+)(?P<op>及び|から)(?P<b>[^ま]+)(?:まで)?$")


def expand_joint(row: Row) -> list[Row]:
    """``十二及び十三　削除`` and ``七から十まで　削除`` are one element for several 号."""
    if not row.titles or not (match := JOINT.match(row.titles[0])):
        return [row]
    first, last = kanji_to_int(match["a"]), kanji_to_int(match["b"])
    if first is None or last is None or last <= first:
        raise DataError(f"row {row.line}: cannot read the joint title {row.titles[0]!r}")
    numbers = [first, last] if match["op"] == "及び" else list(range(first, last + 1))
    return [Row(row.article, row.paragraph, (str(n), *row.titles[1:]), row.caption, row.text,
                row.line) for n in numbers]  # fmt: skip


def to_entries(rows: Iterable[Row], version: str, source: str) -> list[Entry]:
    """Article, paragraph and clause entries of one version of the ordinance."""
    entries: list[Entry] = []
    seen: set[str] = set()
    for row in (single for joint in rows for single in expand_joint(joint)):
        try:
            code = jp_clause.parse(clause_code(row))
        except ValueError as exc:
            raise DataError(f"{source}:{row.line}: {exc}") from exc
        article = (
            code.canonical.split("条")[0]
            + "条"
            + (f"の{row.article.partition('_')[2]}" if "_" in row.article else "")
        )
        if article not in seen:
            seen.add(article)
            entries.append(_article_entry(article, row, version))
        if code.canonical in seen:
            raise DataError(f"{source}:{row.line}: duplicate clause {code.canonical}")
        seen.add(code.canonical)
        entries.append(_clause_entry(code, row, version))
    return entries


def _kind_flag(article: str) -> str:
    number = int(re.match(r"第(\d+)条", article).group(1))  # type: ignore[union-attr]
    return "goods" if number <= 14 else "technology"


def _reference(text: str) -> str:
    match = REFERENCE.search(text)
    if not match:
        return ""
    ref = _number(match["kou"]) + (f"({_number(match['item'])})" if match["item"] else "")
    return ("外為令" if match["law"].startswith("外") else "") + ref


def _article_entry(article: str, row: Row, version: str) -> Entry:
    ref = _reference(row.text)
    law = "外為令別表" if ref.startswith("外為令") else "輸出令別表第1"
    title = article + (f"（{law} {ref.removeprefix('外為令')}の項関係）" if ref else "")
    return Entry(
        scheme="jp-clause", code=article, parent=None, level=0, title=title,
        text=(row.caption + "\n" if row.caption else "") + row.text, lang="ja", version=version,
        kind="article", flags=(_kind_flag(article),),
    )  # fmt: skip


def _clause_entry(code: Code, row: Row, version: str) -> Entry:
    deleted = row.text.strip() == "削除"
    kind = "paragraph" if code.level == 1 else "clause"
    extra = {}
    if kind == "paragraph" and (ref := _reference(row.text)):
        extra["refers_to"] = ref
    article = code.canonical.split("第", 2)
    flags = ("deleted",) if deleted else ()
    return Entry(
        scheme="jp-clause", code=code.canonical, parent=code.parent, level=code.level,
        title="削除" if deleted else short_title(row.text), text=row.text, lang="ja",
        version=version, kind=kind, flags=(*flags, _kind_flag("第" + article[1])), extra=extra,
    )  # fmt: skip


def parse_tsv(path: Path, version: str) -> list[Entry]:
    return to_entries(read_tsv(path), version, path.name)


def parse_xml(path: Path, version: str) -> list[Entry]:
    return to_entries(read_xml(path), version, path.name)
