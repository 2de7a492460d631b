"""Text normalisation shared by every scheme: NFKC, look-alikes, kanji numerals.

Codes reach us typed by people, pasted from PDFs and exported from ERPs, so the
same code comes in many spellings.  Normalisation happens in three reviewable
steps before any grammar sees the text:

1. Unicode NFKC (full-width ``３Ａ００１．ａ`` becomes ``3A001.a``, ``（一）`` becomes ``(一)``);
2. a look-alike table written with Unicode character *names*, so a reviewer can
   check every entry at a glance (dashes, brackets, ideographic punctuation);
3. kanji numerals to arabic digits where a grammar asks for it.

>>> normalize_code("３Ａ００１．ａ．１")
'3A001.a.1'
>>> kanji_to_int("十の二") is None
True
>>> kanji_to_int("二十三"), kanji_to_int("一〇"), kanji_to_int("六〇〇")
(23, 10, 600)
>>> replace_kanji_numbers("第六条第十号の二")
'第6条第10号の2'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "KANJI_DIGITS",
    "LOOKALIKES",
    "kanji_to_int",
    "nfkc",
    "normalize_code",
    "replace_kanji_numbers",
]


def _table(names: dict[str, str]) -> dict[int, str]:
    table: dict[int, str] = {}
    for keys, value in names.items():
        for name in keys.split(","):
            table[ord(unicodedata.lookup(name.strip()))] = value
    return table


#: Characters that people (and OCR) use in place of the ones a code grammar expects.
#: Applied after NFKC.  The katakana prolonged sound mark is a dash only inside
#: codes; :func:`normalize_code` is never applied to running text.
LOOKALIKES: dict[int, str] = _table(
    {
        "HYPHEN, NON-BREAKING HYPHEN, FIGURE DASH, EN DASH, EM DASH, HORIZONTAL BAR, "
        "MINUS SIGN, KATAKANA-HIRAGANA PROLONGED SOUND MARK, "
        "HALFWIDTH KATAKANA-HIRAGANA PROLONGED SOUND MARK, SMALL HYPHEN-MINUS, "
        "BOX DRAWINGS LIGHT HORIZONTAL, WAVE DASH": "-",
        "IDEOGRAPHIC FULL STOP, HALFWIDTH IDEOGRAPHIC FULL STOP, "
        "MIDDLE DOT, KATAKANA MIDDLE DOT, HALFWIDTH KATAKANA MIDDLE DOT": ".",
        "IDEOGRAPHIC COMMA, HALFWIDTH IDEOGRAPHIC COMMA": ",",
        "LEFT TORTOISE SHELL BRACKET, LEFT WHITE PARENTHESIS, LEFT CORNER BRACKET, "
        "LEFT BLACK LENTICULAR BRACKET": "(",
        "RIGHT TORTOISE SHELL BRACKET, RIGHT WHITE PARENTHESIS, RIGHT CORNER BRACKET, "
        "RIGHT BLACK LENTICULAR BRACKET": ")",
        "IDEOGRAPHIC SPACE, NO-BREAK SPACE, ZERO WIDTH SPACE, CHARACTER TABULATION": " ",
    }
)

#: Kanji digits as used in Japanese statutes; 〇 is the ideographic zero of
#: positional numbers such as 一〇 (10) and 六〇〇 (600).
KANJI_DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
KANJI_NUMBER = "[〇零一二三四五六七八九十百千]+"
_KANJI_RUN = re.compile(KANJI_NUMBER)


def nfkc(text: str) -> str:
    """NFKC-normalise ``text``."""
    return unicodedata.normalize("NFKC", text)


#: NFKC would turn these into plain digits and letters (``²`` → ``2``, ``⑱`` → ``18``):
#: no one writes a code with them, so they are kept as a character no grammar accepts.
_DECORATED = ("<super>", "<sub>", "<circle>", "<fraction>", "<square>")


def _undecorate(text: str) -> str:
    if text.isascii():
        return text
    return "".join("\ufffd" if unicodedata.decomposition(ch).startswith(_DECORATED) else ch for ch in text)


def normalize_code(text: str) -> str:
    """NFKC, look-alikes, collapsed white space, stripped: the first step of every grammar.

    >>> normalize_code("１²")
    '1\ufffd'
    """
    text = nfkc(_undecorate(text)).translate(LOOKALIKES)
    return re.sub(r"\s+", " ", text).strip()


def kanji_to_int(text: str) -> int | None:
    """Value of one kanji numeral (``二十三``, ``一〇``, ``百``), or None if it is not one.

    Two systems occur in the law: traditional numerals with units (item numbers:
    第二十三号) and positional digits with 〇 (quantities: 一〇, 六〇〇).
    """
    if not text or not _KANJI_RUN.fullmatch(text):
        return None
    if not any(ch in _KANJI_UNITS for ch in text):
        if any(ch not in KANJI_DIGITS for ch in text):
            return None
        value = 0
        for ch in text:
            value = value * 10 + KANJI_DIGITS[ch]
        return value
    total, digit = 0, None
    last_unit = 10_000
    for ch in text:
        if ch in KANJI_DIGITS:
            if digit is not None:
                return None
            digit = KANJI_DIGITS[ch]
        else:
            unit = _KANJI_UNITS[ch]
            if unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    return total + (digit or 0)


def replace_kanji_numbers(text: str) -> str:
    """Replace every run of kanji numerals in ``text`` by its arabic value."""

    def sub(match: re.Match[str]) -> str:
        value = kanji_to_int(match.group(0))
        return match.group(0) if value is None else str(value)

    return _KANJI_RUN.sub(sub, text)
