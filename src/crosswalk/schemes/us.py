"""US — Export Control Classification Numbers of the Commerce Control List (15 CFR 774 Supp. 1).

Same shape as the EU numbers (``3A001.a.1.b``) plus US-only blocks: x9xx
(anti-terrorism and other unilateral controls), the 600 series (former
munitions, ``9A610``), 0x5xx firearms, 9x515 spacecraft, and ``EAR99`` — the
designation of items subject to the EAR but not on the CCL.

Source: https://www.ecfr.gov/current/title-15/part-774

>>> validate("EAR 99")
'EAR99'
>>> validate("ECCN 5A992.c")
'5A992.c'
>>> is_valid("EAR98")
False
"""

import re
from typing import Any

from crosswalk.schemes.eu_style import EuStyleScheme


class UsScheme(EuStyleScheme):
    name = "us"
    title = "US Commerce Control List (ECCN)"

    def split(self, text: str) -> tuple[Any, ...]:
        if re.fullmatch(r"EAR\s*-?\s*99", text, flags=re.IGNORECASE):
            return ("EAR99",)
        return super().split(text)


SCHEME = UsScheme()
NAME, TITLE = SCHEME.name, SCHEME.title
compact, validate, is_valid = SCHEME.compact, SCHEME.validate, SCHEME.is_valid
format, parse = SCHEME.format, SCHEME.parse
