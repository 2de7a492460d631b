"""One exception tree for every error crosswalk raises on purpose.

All errors derive from :class:`CrosswalkError`, itself a :class:`ValueError`, so a
caller can catch one class for "this input is not usable".
"""

from __future__ import annotations

from typing import Any


class CrosswalkError(ValueError):
    """Base class of every crosswalk error."""


class InvalidFormat(CrosswalkError):
    """The text is not a well-formed code of the scheme."""

    def __init__(self, text: object, scheme: str | None = None, reason: str = "") -> None:
        self.text = text
        self.scheme = scheme
        self.reason = reason
        where = f" for scheme {scheme!r}" if scheme else ""
        why = f": {reason}" if reason else ""
        super().__init__(f"{text!r} is not a valid code{where}{why}")


class InvalidDate(CrosswalkError):
    """An ``as_of`` that is not a date written ``YYYY-MM-DD``."""

    def __init__(self, text: object) -> None:
        self.text = text
        super().__init__(f"{text!r} is not a date: write YYYY-MM-DD, e.g. 2025-06-01")


class UnknownCode(CrosswalkError):
    """A well-formed code that is not in the list version asked for.

    ``lifecycle`` (a :class:`crosswalk.history.Lifecycle`) says whether another installed
    version has it: removed since (with where its content went) or not yet added.
    """

    def __init__(
        self,
        code: str,
        scheme: str,
        version: str | None = None,
        suggestions: tuple[str, ...] = (),
        lifecycle: Any = None,
    ) -> None:
        self.code = code
        self.scheme = scheme
        self.version = version
        self.suggestions = suggestions
        self.lifecycle = lifecycle
        if lifecycle is not None and lifecycle.state in ("removed", "not-yet"):
            super().__init__(lifecycle.explain())
            return
        where = f" (list version {version})" if version else ""
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"{code} is not in the {scheme} list{where}{hint}")

    @property
    def removed(self) -> bool:
        """True when an older installed version has the code (see ``lifecycle.successors``)."""
        return self.lifecycle is not None and self.lifecycle.state == "removed"


class AmbiguousInput(CrosswalkError):
    """The text is a valid code in several schemes and none was named."""

    def __init__(self, text: str, schemes: tuple[str, ...]) -> None:
        self.text = text
        self.schemes = schemes
        super().__init__(
            f"{text!r} is a valid code in several schemes ({', '.join(schemes)}); "
            "name one with scheme=... (CLI: --scheme)"
        )


class UnknownScheme(CrosswalkError):
    """A scheme name that crosswalk does not know."""

    def __init__(self, name: str, known: tuple[str, ...]) -> None:
        self.name = name
        super().__init__(f"unknown scheme {name!r}; known schemes: {', '.join(known)}")


class DataError(CrosswalkError):
    """A source file or curated table is malformed; the message names file and line."""
