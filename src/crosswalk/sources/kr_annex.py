"""Korea's 전략물자 수출입고시 (산업통상부고시), from its annexes and KOSTI's lists.

* 별표1 전략물자·기술 색인: every 별표2 control number with its Korean title.
  Some entries appear only through their sub-items (``5A002`` as ``5A002.a``–``e``):
  their parents are added and flagged ``implied``.  9xx numbers are Korea-only;
  제10부 (0A–0E) lists nuclear-only items.
* 별표4: which numbers belong to which export-control regime.
* KOSTI keyword lists per control number (search), and HS code links (hints,
  never verdicts).  KOSTI writes a trailing dot (``1C111.d.``), which the scheme
  grammar removes, as it mends the official text's ``0B001b.3``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from crosswalk.errors import DataError
from crosswalk.model import Entry
from crosswalk.schemes import kr
from crosswalk.sources import short_title

REGIME_TAGS = {
    "바세나르체제(WA)": "WA",
    "핵공급국그룹(NSG)": "NSG",
    "미사일기술통제체제(MTCR)": "MTCR",
    "오스트레일리아그룹(AG)": "AG",
    "화학무기의 개발·생산·비축·사용 금지 및 폐기에 관한 협약(CWC)": "CWC",
    "세균무기(생물무기) 및 독소무기의 개발·생산·비축 금지 및 폐기에 관한 협약 (BWC)": "BWC",
    "무기거래조약(ATT)": "ATT",
}
BLOCK_RULE = re.compile(r"각 (\d{3})～(\d{3})")
RANGE = re.compile(r"^(?P<a>[0-9]+|[a-z])～(?P<b>[0-9]+|[a-z])$")


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        yield from enumerate(csv.DictReader(handle), 2)


def parse(index_csv: Path, regimes_txt: Path | None, keywords_csv: Path | None,
          hs_csv: Path | None, version: str) -> list[Entry]:  # fmt: skip
    titles: dict[str, str] = {}
    parts: dict[str, str] = {}
    also_listed: dict[str, str] = {}
    for line, row in _rows(index_csv):
        try:
            code = kr.validate(row["code_raw"])
        except ValueError as exc:
            raise DataError(f"{index_csv.name}:{line}: {exc}") from exc
        if code in titles:
            # 별표1 lists 1B003, 1B101 and 1B102 twice, with two wordings: keep both.
            also_listed[code] = row["title_ko"]
            continue
        titles[code] = row["title_ko"]
        parts[code] = row["part"]
    for code in list(titles):
        parent = kr.parse(code).parent
        while parent and parent not in titles:
            titles[parent] = ""
            parts[parent] = parts[code]
            parent = kr.parse(parent).parent
    rules = list(read_regimes(regimes_txt)) if regimes_txt else []
    keywords = read_keywords(keywords_csv) if keywords_csv else {}
    hs = read_hs_links(hs_csv) if hs_csv else {}
    out = []
    for code in sorted(titles, key=lambda c: kr.parse(c).sort_key):
        parsed = kr.parse(code)
        flags = []
        if int(code[2:5]) >= 900:
            flags += ["korea-only", "national"]
        if parts[code] == "10":
            flags.append("nuclear-only")
        if not titles[code]:
            flags.append("implied")
        extra = {"part": parts[code]}
        if code in also_listed:
            extra["also_listed_as"] = also_listed[code]
        if code in hs:
            extra["hs_hints"] = ",".join(hs[code])
        out.append(Entry(
            scheme="kr", code=code, parent=parsed.parent, level=parsed.level,
            title=short_title(titles[code], 90), text=titles[code], lang="ko", version=version,
            flags=tuple(flags), regimes=regimes_for(code, parts[code], rules),
            keywords=keywords.get(code, ()), extra=extra,
        ))  # fmt: skip
    return out


def read_regimes(path: Path) -> Iterator[tuple[str, str, str]]:
    """(regime tag, sub-list, rule text) for each row of 별표4."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            cells = [c.strip() for c in line.split("|")]
            if len(cells) == 3 and cells[0] in REGIME_TAGS:
                yield REGIME_TAGS[cells[0]], cells[1], cells[2]


def _listed_codes(rule: str) -> set[str]:
    """Codes named in a rule: ``1C350.4, 23, 29`` names 1C350.4, 1C350.23 and 1C350.29."""
    listed: set[str] = set()
    for group in re.split(r";", rule.split("의 품목 중")[0]):
        base: list[str] = []
        for token in (t.strip() for t in group.split(",")):
            if not token or token.startswith("ML"):
                continue
            if kr.is_valid(token) and re.match(r"[0-9][A-E][0-9]{3}", token) and "～" not in token:
                base = list(kr.parse(token).parts)
                listed.add(kr.validate(token))
                continue
            head, _, tail = token.rpartition(".") if "～" in token and "." in token else ("", "", token)
            if head:
                base = [*kr.parse(head).parts, tail]
            if not base:
                continue
            if match := RANGE.match(base[-1] if head else tail):
                a, b = match["a"], match["b"]
                values = (range(int(a), int(b) + 1) if a.isdigit()
                          else [chr(c) for c in range(ord(a), ord(b) + 1)])  # fmt: skip
                listed.update(".".join([*base[:-1], str(v)]) for v in values)
            elif kr.is_valid(".".join([*base[:-1], token])):
                listed.add(kr.validate(".".join([*base[:-1], token])))
    return listed


def regimes_for(code: str, part: str, rules: list[tuple[str, str, str]]) -> tuple[str, ...]:
    found: list[str] = []
    number = int(code[2:5])
    lineage = {code}
    parent = kr.parse(code).parent
    while parent:
        lineage.add(parent)
        parent = kr.parse(parent).parent
    for tag, sub, rule in rules:
        hit = False
        if tag == "NSG" and "제10부" in rule:
            hit = part == "10"
        elif m := BLOCK_RULE.search(rule):
            hit = part != "10" and int(m[1]) <= number <= int(m[2])
        if not hit:
            hit = bool(lineage & _listed_codes(rule))
        if hit:
            label = tag if tag in ("WA", "NSG", "BWC", "ATT") else f"{tag} {sub}".strip()
            if label not in found:
                found.append(label)
    return tuple(found)


def read_keywords(path: Path) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for line, row in _rows(path):
        try:
            code = kr.validate(row["통제번호"])
        except ValueError as exc:
            raise DataError(f"{path.name}:{line}: {exc}") from exc
        words: list[str] = []
        for key in ("키워드1", "키워드2", "키워드3"):
            for word in (row.get(key) or "").split(";"):
                word = word.strip().lstrip("=")
                if word and word not in words:
                    words.append(word)
        out[code] = tuple(words)
    return out


def read_hs_links(path: Path) -> dict[str, list[str]]:
    """HS code hints per control number (KOSTI linkage table; first line is a Korean header)."""
    out: dict[str, list[str]] = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        header = next(reader)
        if header[:4] != ["HSKCD", "HSKNM", "HSENM", "CNTRLNO"]:
            raise DataError(f"{path.name}:2: unexpected header {header}")
        for row in reader:
            if len(row) >= 4 and kr.is_valid(row[3]):
                out.setdefault(kr.validate(row[3]), []).append(row[0])
    return out
