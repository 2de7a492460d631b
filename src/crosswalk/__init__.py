"""crosswalk — export-control classification numbers across Japan, the EU, the US and Korea.

>>> import crosswalk
>>> crosswalk.detect("7(1)")
('jp',)
>>> crosswalk.get("jp", "７（５）").title
'超電導電磁石（二の項の中欄に掲げるものを除く。）'

Nothing heavy is imported here: the dataset loads on first use.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from crosswalk.errors import (
    AmbiguousInput,
    CrosswalkError,
    DataError,
    InvalidFormat,
    UnknownCode,
    UnknownScheme,
)
from crosswalk.schemes import detect

if TYPE_CHECKING:
    from crosswalk.dataset import Dataset
    from crosswalk.model import Entry

__version__ = "0.2.0"
__all__ = [
    "AmbiguousInput",
    "CrosswalkError",
    "DataError",
    "InvalidFormat",
    "UnknownCode",
    "UnknownScheme",
    "convert_frame",
    "detect",
    "get",
    "load",
    "recheck",
    "resolve_scheme",
    "search",
    "translate",
]


def load(root: Any = None, validate: bool = False) -> Dataset:
    """The bundled dataset (or one at ``root``); see :class:`crosswalk.dataset.Dataset`."""
    from crosswalk.dataset import load as _load

    return _load(root, validate)


def resolve_scheme(code: str, scheme: str | None = None) -> str:
    """The scheme of ``code``: ``scheme`` if given, else the single one :func:`detect` finds.

    Several EU-numbered lists share a code (``3A001``); without ``scheme`` the EU list is
    assumed for those only when it is the first candidate and the others are eu/us/kr.
    """
    if scheme:
        from crosswalk.schemes import get as get_scheme

        return str(get_scheme(scheme).NAME)
    found = detect(code)
    if not found:
        raise InvalidFormat(code, None, "not a code of any known scheme")
    if len(found) > 1 and set(found) <= {"eu", "us", "kr"}:
        return "eu"
    if len(found) > 1:
        raise AmbiguousInput(code, found)
    return found[0]


def get(scheme: str | None, code: str, as_of: str | dt.date | None = None) -> Entry:
    """The entry of ``code`` in ``scheme`` (detected when None); raises a :class:`CrosswalkError`."""
    dataset = load()
    name, canonical = dataset.resolve(code, scheme, as_of)
    return dataset.get(name, canonical, as_of)


def search(text: str, schemes: Any = None, limit: int = 10, as_of: str | dt.date | None = None) -> Any:
    """Entries matching a description or a sloppy number; see :func:`crosswalk.text_search.search`.

    No hit, or a weak one, is not a classification and not clearance.
    """
    from crosswalk.text_search import search as _search

    return _search(text, schemes, limit, as_of)


def translate(code: str, to: str, src: str | None = None, as_of: str | dt.date | None = None) -> Any:
    """``code`` in scheme ``to``: a :class:`crosswalk.translation.Result`; see that module."""
    from crosswalk.translation import translate as _translate

    return _translate(code, to, src, as_of)


def convert_frame(df: Any, column: Any = None, to: Any = None, src: str | None = None,
                  as_of: str | None = None) -> Any:  # fmt: skip
    """A copy of ``df`` with EU/ECCN/KR (or Japanese) columns added; see :mod:`crosswalk.batch`."""
    from crosswalk.batch import convert_frame as _convert_frame

    return _convert_frame(df, column=column, to=to, src=src, as_of=as_of)


def recheck(path: Any, as_of: str | dt.date | None = None) -> Any:
    """Rows of a file converted earlier whose answer differs now, and why; see :mod:`crosswalk.rechecking`."""
    from crosswalk.rechecking import recheck as _recheck

    return _recheck(path, as_of)
