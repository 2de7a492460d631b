"""JP-CLAUSE — clauses of 貨物等省令, the ordinance that gives the specifications.

輸出貿易管理令別表第一及び外国為替令別表の規定に基づき貨物又は技術を定める省令
(平成三年通商産業省令第四十九号).  Goods articles 第1条–第14条の2 specify
輸出令別表第1 2–16項; technology articles 第15条–第28条 specify 外為令別表.

A clause is 条 / 項 / 号 followed by up to seven nested levels, which the law
labels in turn with katakana (イ, ロ … ス, ン, then イイ, イロ …), bracketed
numerals （一）, digits １, kanji numerals 一, then katakana again, and so on;
two adjacent levels never use the same kind of label.  The canonical form
writes 条/項/号 numbers in arabic digits, always names the 項, keeps の-numbers
(``第2条の2``, ``第10号の2``), keeps katakana as written, writes （一） as ``(1)``
and １ as ``1``, and keeps the kanji-numeral level in kanji so that every level
stays distinguishable: ``第9条第1項第10号ロ(6)4一ロ``.

Source: e-Gov 法令 403M50000400049, https://laws.e-gov.go.jp/law/403M50000400049

>>> validate("第六条第一号イ（一）")
'第6条第1項第1号イ(1)'
>>> validate("6条1項1号イ(1)1"), validate("省令第6条第1項第1号イ")
('第6条第1項第1号イ(1)1', '第6条第1項第1号イ')
>>> validate("貨物等省令第８条第二号")
'第8条第1項第2号'
>>> validate("第9条第1項第10号ロ（六）４一ロ")
'第9条第1項第10号ロ(6)4一ロ'
>>> parse("第2条の2第2項第3号ハ").parent
'第2条の2第2項第3号'
>>> is_valid("第6条第1項第1号イロハ")
False
>>> validate("第2条第1項第1号イロ"), validate("第1条第1項第40号の2ハ(5)")
('第2条第1項第1号イロ', '第1条第1項第40号の2ハ(5)')
"""

from __future__ import annotations

import re
from typing import Any

from crosswalk.errors import InvalidFormat
from crosswalk.normalize import KANJI_NUMBER, kanji_to_int, normalize_code
from crosswalk.schemes.base import Scheme

#: The order of katakana item labels in Japanese statutes (いろは順, then ン, then イイ, イロ …).
IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセスン"
PREFIX = re.compile(
    r"^(?:貨物等省令|省令|輸出貿易管理令別表第一及び外国為替令別表の規定に基づき貨物又は技術を定める省令)"
)
N = rf"(?:[0-9]+|{KANJI_NUMBER})"
HEAD = re.compile(
    rf"第?(?P<art>{N})条(?:の(?P<art2>{N}))?"
    rf"(?:第?(?P<para>{N})項)?"
    rf"(?:第?(?P<go>{N})号(?:の(?P<go2>{N}))?)?"
)
TOKEN = {
    "kana": re.compile(f"[{IROHA}]{{1,2}}"),
    "paren": re.compile(rf"\((?P<a>{N})(?:の(?P<b>{N}))?\)"),
    "digit": re.compile(r"(?P<a>[0-9]+)(?:の(?P<b>[0-9]+))?"),
    "kanji": re.compile(rf"(?P<a>{KANJI_NUMBER})(?:の(?P<b>{KANJI_NUMBER}))?"),
}
_KANJI = "〇一二三四五六七八九"


def to_int(text: str | None) -> int:
    if text is None:
        return 0
    value = int(text) if text.isdigit() else kanji_to_int(text)
    if value is None:
        raise ValueError(text)
    return value


def int_to_kanji(value: int) -> str:
    """Traditional kanji numeral as item labels use it: 1 → 一, 10 → 十, 23 → 二十三."""
    if value < 10:
        return _KANJI[value]
    tens, ones = divmod(value, 10)
    return ("" if tens == 1 else _KANJI[tens]) + "十" + ("" if ones == 0 else _KANJI[ones])


def _numbered(a: int, b: int) -> str:
    return f"{a}の{b}" if b else str(a)


class JpClauseScheme(Scheme):
    name = "jp-clause"
    title = "貨物等省令 (specifications of goods and technology)"

    def clean(self, text: str) -> str:
        return PREFIX.sub("", normalize_code(text).replace(" ", ""))

    def split(self, text: str) -> tuple[Any, ...]:
        match = HEAD.match(text)
        if not match:
            raise InvalidFormat(text, self.name, "expected a clause like 第6条第1項第1号イ(1)")
        try:
            art, art2 = to_int(match["art"]), to_int(match["art2"])
            para = to_int(match["para"]) if match["para"] else (1 if match["go"] else 0)
            go, go2 = to_int(match["go"]), to_int(match["go2"])
        except ValueError as exc:
            raise InvalidFormat(text, self.name, "bad numeral") from exc
        if art == 0 or (match["para"] and para == 0) or (match["go"] and go == 0):
            raise InvalidFormat(text, self.name, "article, paragraph and item numbers start at 1")
        parts: list[Any] = [("条", art, art2)]
        if para:
            parts.append(("項", para))
        if go:
            parts.append(("号", go, go2))
        pos = match.end()
        while pos < len(text):
            if not go:
                raise InvalidFormat(text, self.name, "sub-levels need a 号")
            previous = parts[-1][0]
            for kind, pattern in TOKEN.items():
                tok = pattern.match(text, pos)
                if tok and kind != previous:
                    break
            else:
                raise InvalidFormat(text, self.name, f"unexpected {text[pos:]!r} after the 号")
            if kind == "kana":
                parts.append(("kana", tok.group(0)))
            else:
                try:
                    a, b = to_int(tok["a"]), to_int(tok["b"])
                except ValueError as exc:
                    raise InvalidFormat(text, self.name, "bad numeral") from exc
                if a == 0:
                    raise InvalidFormat(text, self.name, "numbers start at 1")
                parts.append((kind, a, b))
            pos = tok.end()
        return tuple(parts)

    def render(self, parts: tuple[Any, ...]) -> str:
        out = []
        for part in parts:
            kind = part[0]
            if kind == "条":
                out.append(f"第{part[1]}条" + (f"の{part[2]}" if part[2] else ""))
            elif kind == "項":
                out.append(f"第{part[1]}項")
            elif kind == "号":
                out.append(f"第{part[1]}号" + (f"の{part[2]}" if part[2] else ""))
            elif kind == "kana":
                out.append(part[1])
            elif kind == "paren":
                out.append(f"({_numbered(part[1], part[2])})")
            elif kind == "digit":
                out.append(_numbered(part[1], part[2]))
            else:
                out.append(int_to_kanji(part[1]) + (f"の{int_to_kanji(part[2])}" if part[2] else ""))
        return "".join(out)

    def sort_key(self, parts: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(
            (len(p[1]), *(IROHA.index(ch) for ch in p[1])) if p[0] == "kana" else p[1:] for p in parts
        )

    def level(self, parts: tuple[Any, ...]) -> int:
        return len(parts) - 1

    def is_goods(self, text: str) -> bool:
        """True for the goods articles 第1条–第14条の2, False for technology."""
        return self.parse(text).parts[0][1] <= 14


SCHEME = JpClauseScheme()
NAME, TITLE = SCHEME.name, SCHEME.title
compact, validate, is_valid = SCHEME.compact, SCHEME.validate, SCHEME.is_valid
format, parse = SCHEME.format, SCHEME.parse
