"""ML — the Wassenaar Arrangement Munitions List / EU Common Military List.

Twenty-two entries ``ML1`` … ``ML22`` with lettered and numbered
sub-paragraphs (``ML8.a.1``).  People write ``ML 8 a 1`` or ``ML08.a``.

Source: https://www.wassenaar.org/control-lists/ (Munitions List);
EU Common Military List, OJ C series (annual).

>>> validate("ML08.a")
'ML8.a'
>>> validate("ml 8 a 1")
'ML8.a.1'
>>> is_valid("ML23")
False
"""

import re
from typing import Any

from crosswalk.errors import InvalidFormat
from crosswalk.normalize import normalize_code
from crosswalk.schemes.base import Scheme
from crosswalk.schemes.eu_style import split_subparagraphs, token_key

ML_HEAD = re.compile(r"ML\s*0*([0-9]{1,2})(?![0-9])", re.IGNORECASE)


def split_ml(text: str, scheme: str) -> tuple[Any, ...]:
    match = ML_HEAD.match(text)
    if not match or not 1 <= int(match.group(1)) <= 22:
        raise InvalidFormat(text, scheme, "expected ML1 … ML22")
    return (f"ML{int(match.group(1))}", *split_subparagraphs(text[match.end() :], scheme, text))


class MlScheme(Scheme):
    name = "ml"
    title = "Wassenaar Munitions List / EU Common Military List"

    def clean(self, text: str) -> str:
        return normalize_code(text).rstrip(".").strip()

    def split(self, text: str) -> tuple[Any, ...]:
        return split_ml(text, self.name)

    def render(self, parts: tuple[Any, ...]) -> str:
        return ".".join(parts)

    def sort_key(self, parts: tuple[Any, ...]) -> tuple[Any, ...]:
        return (int(parts[0][2:]), *(token_key(t) for t in parts[1:]))


SCHEME = MlScheme()
NAME, TITLE = SCHEME.name, SCHEME.title
compact, validate, is_valid = SCHEME.compact, SCHEME.validate, SCHEME.is_valid
format, parse = SCHEME.format, SCHEME.parse
