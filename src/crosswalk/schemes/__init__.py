"""Registry of identifier schemes and detection of the scheme of a bare input.

>>> [s for s in names()]
['jp', 'jp-tech', 'jp-clause', 'eu', 'us', 'kr', 'ml']
>>> detect("7(1)")
('jp',)
>>> detect("3A001")
('eu', 'us', 'kr')
>>> detect("外為令7(1)")
('jp-tech',)
>>> detect("EAR99")
('us',)
"""

from __future__ import annotations

import re
from importlib import import_module
from types import ModuleType

from crosswalk.errors import UnknownScheme
from crosswalk.normalize import normalize_code

_MODULES = {
    "jp": "jp",
    "jp-tech": "jp_tech",
    "jp-clause": "jp_clause",
    "eu": "eu",
    "us": "us",
    "kr": "kr",
    "ml": "ml",
}
#: prefixes of mapping-table ids (CURIEs)
CURIE_PREFIXES = {
    "jp": "jp",
    "jp-tech": "jptech",
    "jp-clause": "jpclause",
    "eu": "eu",
    "us": "us",
    "kr": "kr",
    "ml": "ml",
}
_BY_PREFIX = {v: k for k, v in CURIE_PREFIXES.items()}
_TECH_MARK = re.compile(r"外為令|外国為替令")


def names() -> tuple[str, ...]:
    return tuple(_MODULES)


def get(name: str) -> ModuleType:
    """The module of scheme ``name`` (``jp``, ``jp-clause``, ``eu`` …)."""
    key = name.strip().lower().replace("_", "-")
    if key not in _MODULES:
        raise UnknownScheme(name, names())
    return import_module(f"crosswalk.schemes.{_MODULES[key]}")


def curie_prefix(scheme: str) -> str:
    return CURIE_PREFIXES[scheme]


def scheme_of_prefix(prefix: str) -> str:
    if prefix not in _BY_PREFIX:
        raise UnknownScheme(prefix, tuple(_BY_PREFIX))
    return _BY_PREFIX[prefix]


def detect(text: str) -> tuple[str, ...]:
    """Every scheme in which ``text`` is a well-formed code, in registry order.

    Bare item numbers (``7(1)``) are goods (``jp``); they are technology
    (``jp-tech``) only when written with a 外為令 prefix.  Where several EU-style
    schemes accept a code, all are returned: the caller reports the ambiguity.
    """
    if not isinstance(text, str):
        return ()
    marked_tech = bool(_TECH_MARK.search(normalize_code(text)))
    found = []
    for name in names():
        if (name == "jp-tech") != marked_tech and name in ("jp", "jp-tech"):
            continue
        if get(name).is_valid(text):
            found.append(name)
    if "ml" in found and "kr" in found:
        found.remove("kr")  # ML codes are Korea's 별표3 too, but name the list they come from
    return tuple(found)
