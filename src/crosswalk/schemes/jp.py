"""JP — 輸出貿易管理令 別表第1 (Export Trade Control Order, Appended Table 1): goods.

Sixteen 項 (rows) plus 3の2 (biological), 1 arms … 15 sensitive items, 16
catch-all.  Each 項 lists sub-items ``（一）``, ``（二）``, ``（十の二）`` and some
sub-items list numbered goods ``１``, ``２`` (3の2(2), 16(1)).  The canonical form
is ``7(1)``, ``3の2(2)``, ``2(10の2)``, ``16(1)1``, or a whole 項 ``7``.

The specifications behind each sub-item are in 貨物等省令 (scheme ``jp-clause``).

Source: e-Gov 法令 324CO0000000378, https://laws.e-gov.go.jp/law/324CO0000000378

>>> validate("別表第一の七の項（一）")
'7(1)'
>>> validate("輸出令別表第1の7の項(1)")
'7(1)'
>>> validate("７（１）"), validate("7-(1)"), validate("第7項第1号"), validate("3の2項(2)")
('7(1)', '7(1)', '7(1)', '3の2(2)')
>>> is_valid("17(1)")
False
>>> parse("16(1)1").parent
'16(1)'
"""

from __future__ import annotations

import re
from typing import Any

from crosswalk.errors import InvalidFormat
from crosswalk.normalize import normalize_code, replace_kanji_numbers
from crosswalk.schemes.base import Scheme

GOODS_PREFIX = r"(?:輸出貿易管理令|輸出令)?\s*(?:別表第?\s*1\s*の?)?"
TECH_PREFIX = r"(?:外国為替令|外為令)\s*(?:別表\s*の?)?"
NUMBER = r"[0-9]+(?:の[0-9]+)?"
ITEM = re.compile(
    rf"第?(?P<kou>{NUMBER})\s*の?\s*項?\s*-?\s*"
    rf"(?:\((?P<item>{NUMBER})\)|第?(?P<item2>{NUMBER})号)?"
    rf"\s*(?P<sub>{NUMBER})?"
)
KOU = {str(n) for n in range(1, 17)} | {"3の2"}


def number_key(text: str) -> tuple[int, ...]:
    """``10の2`` → (10, 2); ``7`` → (7, 0)."""
    major, _, minor = text.partition("の")
    return (int(major), int(minor or 0))


class JpItemScheme(Scheme):
    name = "jp"
    title = "輸出貿易管理令 別表第1 (goods)"
    prefix = GOODS_PREFIX

    def clean(self, text: str) -> str:
        text = replace_kanji_numbers(normalize_code(text).replace(" ", ""))
        return re.sub(rf"^{self.prefix}", "", text)

    def split(self, text: str) -> tuple[Any, ...]:
        match = ITEM.fullmatch(text)
        if not match or match.group("kou") not in KOU:
            raise InvalidFormat(text, self.name, "expected a 項番 like 7(1), 3の2(2) or 2(10の2)")
        item = match.group("item") or match.group("item2")
        sub = match.group("sub")
        if sub and not item:
            raise InvalidFormat(text, self.name, "a numbered sub-item needs its (n) item")
        for number in (item, sub):
            if number is not None and min(number_key(number)[:1]) == 0:
                raise InvalidFormat(text, self.name, "item numbers start at 1")
        return tuple(p for p in (match.group("kou"), item, sub) if p)

    def render(self, parts: tuple[Any, ...]) -> str:
        kou, *rest = parts
        out = kou
        if rest:
            out += f"({rest[0]})"
        if len(rest) > 1:
            out += rest[1]
        return out

    def sort_key(self, parts: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(number_key(p) for p in parts)


class JpTechScheme(JpItemScheme):
    name = "jp-tech"
    title = "外国為替令 別表 (technology)"
    prefix = rf"(?:{TECH_PREFIX})?"


class _GoodsOnly(JpItemScheme):
    def clean(self, text: str) -> str:
        if re.match(TECH_PREFIX, normalize_code(text).replace(" ", "")):
            raise InvalidFormat(text, self.name, "this is a 外為令 (technology) number: use jp-tech")
        return super().clean(text)


SCHEME = _GoodsOnly()
NAME, TITLE = SCHEME.name, SCHEME.title
compact, validate, is_valid = SCHEME.compact, SCHEME.validate, SCHEME.is_valid
format, parse = SCHEME.format, SCHEME.parse
