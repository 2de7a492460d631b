"""Grammar shared by the EU-numbered lists: EU Annex I, the US CCL and Korea's 별표2.

A code is a five-character entry — category digit, product group letter A–E,
three digits (``3A001``) — followed by sub-paragraphs that alternate letters and
numbers (``3A001.a.1.b``), or numbered items (``1C350.12``).  People write them
without dots (``3A001a1b``; letters and numbers usually alternate, but the
law has a few exceptions such as ``0B004.b.10.1`` and ``9A106.d.a``, so runs are
split only where the character class changes), with a trailing dot (KOSTI: ``1C111.d.``), with
spaces, in full width, or with a dot missing (the official Korean text has
``0B001b.3``); all of these compact to the same canonical form.
"""

from __future__ import annotations

import re
from typing import Any

from crosswalk.errors import InvalidFormat
from crosswalk.normalize import normalize_code
from crosswalk.schemes.base import Scheme

HEAD = re.compile(r"([0-9])([A-Ea-e])([0-9]{3})")
SUB_TOKEN = re.compile(r"[a-z]{1,2}|[0-9]{1,3}")


def split_subparagraphs(tail: str, scheme: str, text: str) -> tuple[str, ...]:
    """``.a.1.b`` / ``a1b`` / `` a 1 b`` → ``('a', '1', 'b')``."""
    tail = tail.lower().replace(" ", ".").replace("-", ".")
    tokens: list[str] = []
    for chunk in tail.split("."):
        if not chunk:
            continue
        pos = 0
        for match in SUB_TOKEN.finditer(chunk):
            if match.start() != pos:
                break
            tokens.append(match.group(0))
            pos = match.end()
        if pos != len(chunk):
            raise InvalidFormat(text, scheme, f"unexpected {chunk[pos:]!r} in the sub-paragraphs")
    if any(t.isdigit() and (t != str(int(t)) or int(t) == 0) for t in tokens):
        raise InvalidFormat(text, scheme, "sub-paragraph numbers start at 1, without leading zeros")
    return tuple(tokens)


def token_key(token: str) -> tuple[int, Any]:
    return (0, int(token)) if token.isdigit() else (1, token)


class EuStyleScheme(Scheme):
    """A scheme whose codes follow the EU Annex I numbering."""

    def clean(self, text: str) -> str:
        text = normalize_code(text)
        text = re.sub(r"^(?:ECCN|EU|KR)\s*[:#]?\s*", "", text, flags=re.IGNORECASE)
        return text.rstrip(".").strip()

    def split(self, text: str) -> tuple[Any, ...]:
        match = HEAD.match(text)
        if not match:
            raise InvalidFormat(text, self.name, "expected a code like 3A001 or 3A001.a.1")
        head = match.group(1) + match.group(2).upper() + match.group(3)
        return (head, *split_subparagraphs(text[match.end() :], self.name, text))

    def render(self, parts: tuple[Any, ...]) -> str:
        return ".".join(parts)

    def sort_key(self, parts: tuple[Any, ...]) -> tuple[Any, ...]:
        return (parts[0], *(token_key(t) for t in parts[1:]))
