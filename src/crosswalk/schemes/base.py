"""The interface every identifier scheme offers, and the value object it parses into.

Every scheme has the same small interface (python-stdnum style)::

    compact(text) -> str      normalised text, not yet checked
    validate(text) -> str     the canonical form, or raises InvalidFormat
    is_valid(text) -> bool    never raises
    format(text) -> str       the form to show a person
    parse(text) -> Code       a frozen value object (canonical, parts, parent, sort key)

A scheme checks *form* only.  Whether a well-formed code exists in a list
version is the dataset's question (:class:`crosswalk.errors.UnknownCode`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from crosswalk.errors import InvalidFormat

MAX_INPUT = 200  # no code is longer; longer input is refused before any regex runs


@dataclass(frozen=True, slots=True)
class Code:
    """A parsed code: scheme, canonical text and structured parts."""

    scheme: str
    canonical: str
    parts: tuple[Any, ...]
    sort_key: tuple[Any, ...]
    parent: str | None
    level: int

    def __str__(self) -> str:
        return self.canonical

    @property
    def curie(self) -> str:
        """The id used in mapping tables, e.g. ``eu:3A001.a.1``."""
        from crosswalk.schemes import curie_prefix

        return f"{curie_prefix(self.scheme)}:{self.canonical}"


class SchemeModule(Protocol):
    """What a scheme module exposes (checked by the registry tests)."""

    NAME: str
    TITLE: str

    def compact(self, text: str) -> str: ...
    def validate(self, text: str) -> str: ...
    def is_valid(self, text: str) -> bool: ...
    def format(self, text: str) -> str: ...
    def parse(self, text: str) -> Code: ...


class Scheme:
    """Shared plumbing; a subclass supplies the grammar in :meth:`split`."""

    name = ""
    title = ""

    def compact(self, text: str) -> str:
        if not isinstance(text, str):
            raise InvalidFormat(text, self.name, "not a string")
        if len(text) > MAX_INPUT:
            raise InvalidFormat(text[:40] + "…", self.name, "too long to be a code")
        return self.clean(text)

    def clean(self, text: str) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def split(self, text: str) -> tuple[Any, ...]:  # pragma: no cover - overridden
        """Parts of a compacted code; raise InvalidFormat when malformed."""
        raise NotImplementedError

    def render(self, parts: tuple[Any, ...]) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def sort_key(self, parts: tuple[Any, ...]) -> tuple[Any, ...]:  # pragma: no cover
        raise NotImplementedError

    def parent_parts(self, parts: tuple[Any, ...]) -> tuple[Any, ...] | None:
        return parts[:-1] if len(parts) > 1 else None

    def level(self, parts: tuple[Any, ...]) -> int:
        return len(parts) - 1

    def parse(self, text: str) -> Code:
        parts = self.split(self.compact(text))
        parent = self.parent_parts(parts)
        return Code(
            scheme=self.name,
            canonical=self.render(parts),
            parts=parts,
            sort_key=self.sort_key(parts),
            parent=None if parent is None else self.render(parent),
            level=self.level(parts),
        )

    def validate(self, text: str) -> str:
        return self.parse(text).canonical

    def is_valid(self, text: str) -> bool:
        try:
            self.parse(text)
        except InvalidFormat:
            return False
        return True

    def format(self, text: str) -> str:
        return self.validate(text)
