"""The normalized data model: entries of a list version, list versions, mappings.

These are plain frozen dataclasses so that loading the packaged dataset costs
nothing beyond reading JSON.  They are validated with pydantic (which supports
standard dataclasses through ``TypeAdapter``) when the dataset is built and
whenever :func:`crosswalk.load` is called with ``validate=True``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: Flags an entry can carry.
FLAGS = (
    "deleted",  # 削除 in the law, kept so that old references resolve
    "national",  # one country's own control, not from a multilateral regime
    "korea-only",  # Korea's 9xx entries
    "nuclear-only",  # Korea's 제10부 (0A–0E)
    "us-only",  # x9xx, 600 series, 0x5xx, 9x515, EAR99
    "implied",  # a parent that the source lists only through its sub-items
    "heading-only",  # the source has the heading but no item text
    "goods",  # 貨物等省令 goods article
    "technology",  # 貨物等省令 technology article
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One code of one list version, with its text as in the source."""

    scheme: str
    code: str
    parent: str | None
    level: int
    title: str
    text: str
    lang: str
    version: str
    kind: str = "entry"
    flags: tuple[str, ...] = ()
    regimes: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def deleted(self) -> bool:
        return "deleted" in self.flags

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a list version came from."""

    file: str
    sha256: str
    url: str
    title: str
    attribution: str = ""
    retrieved: str = ""


@dataclass(frozen=True, slots=True)
class ListVersion:
    """One scheme at one effective date."""

    scheme: str
    version: str  # effective date, ISO
    title: str
    file: str  # compiled file name inside the package data
    sources: tuple[Source, ...]
    counts: dict[str, int]
    notes: str = ""


def entry_from_dict(data: dict[str, Any]) -> Entry:
    """Fast path used by the loader: the compiled data was validated at build time."""
    for key in ("flags", "regimes", "notes", "keywords"):
        if key in data:
            data[key] = tuple(data[key])
    return Entry(**data)
