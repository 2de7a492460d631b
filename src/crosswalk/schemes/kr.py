"""KR — Korea's 전략물자 수출입고시: 별표2 (dual-use) and 별표3 (munitions).

별표2 follows the EU numbering (``1A001.a``) and adds Korea-only entries in
the 9xx block (``3A901``, ``1C901``); its 제10부 lists nuclear-only items
0A–0E.  별표3 uses the Military List numbers (``ML8.a``).  KOSTI writes a
trailing dot (``1C111.d.``) and the official text has typos such as
``0B001b.3``; both compact to the canonical form.

Source: 산업통상부고시 전략물자 수출입고시, https://www.law.go.kr/ (별표1–4).

>>> validate("1C111.d.")
'1C111.d'
>>> validate("0B001b.3")
'0B001.b.3'
>>> validate("ML16")
'ML16'
"""

from typing import Any

from crosswalk.schemes.eu_style import EuStyleScheme, token_key
from crosswalk.schemes.ml import ML_HEAD, split_ml


class KrScheme(EuStyleScheme):
    name = "kr"
    title = "Korea 전략물자 수출입고시 별표2/별표3"

    def split(self, text: str) -> tuple[Any, ...]:
        if ML_HEAD.match(text):
            return split_ml(text, self.name)
        return super().split(text)

    def sort_key(self, parts: tuple[Any, ...]) -> tuple[Any, ...]:
        if parts[0].startswith("ML"):
            return ("~ML", int(parts[0][2:]), *(token_key(t) for t in parts[1:]))
        return super().sort_key(parts)


SCHEME = KrScheme()
NAME, TITLE = SCHEME.name, SCHEME.title
compact, validate, is_valid = SCHEME.compact, SCHEME.validate, SCHEME.is_valid
format, parse = SCHEME.format, SCHEME.parse
