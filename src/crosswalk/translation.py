"""``translate(code, to)`` — one answer type for every pair of schemes.

Statuses: ``mapped`` (an exact or close counterpart), ``partial`` (only broader,
narrower or overlapping counterparts), ``no-counterpart`` (the tables say there is
none, with the reason), ``not-mapped-yet`` (the tables do not cover this code yet —
never read this as "not controlled"), ``removed`` (the code was in an older version of
its list and is not in the one in force; ``successors`` says where its content went —
ask again with ``as_of`` before the change for the old answer), ``unknown-code``
(including a code added only in a later version), ``invalid``.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from typing import Any

from crosswalk.errors import AmbiguousInput, CrosswalkError, InvalidFormat, UnknownCode
from crosswalk.graph import CLOSE, EXACT, STRENGTH, Edges, Match, load_edges, scheme_paths, walk
from crosswalk.history import Successor, version_warnings

CAVEAT = "No hit is not clearance: an unmapped or weakly mapped code is not a classification."
_EDGES: dict[int, Edges] = {}
_LOCK = threading.Lock()


@dataclass
class Result:
    query: str
    scheme: str | None
    code: str | None
    to: str
    status: str
    matches: list[Match] = field(default_factory=list)
    message: str = ""
    versions: dict[str, str] = field(default_factory=dict)
    successors: tuple[Successor, ...] = ()
    warnings: list[str] = field(default_factory=list)

    def best(self) -> Match | None:
        """The strongest match (exact before close before partial; curated before other bases)."""
        found = [m for m in self.matches if not m.no_counterpart]
        if not found:
            return None
        return min(found, key=lambda m: (STRENGTH[m.relation], len(m.path), -m.confidence))

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "scheme": self.scheme, "code": self.code, "to": self.to,
                "status": self.status, "message": self.message, "versions": self.versions,
                "matches": [m.to_dict() for m in self.matches],
                "successors": [s.to_dict() for s in self.successors], "warnings": self.warnings,
                "caveat": CAVEAT}  # fmt: skip


def _edges(dataset: Any) -> Edges:
    with _LOCK:
        if id(dataset) not in _EDGES:
            _EDGES[id(dataset)] = load_edges(dataset)
        return _EDGES[id(dataset)]


def translate(code: str, to: str, src: str | None = None, as_of: str | dt.date | None = None,
              dataset: Any = None) -> Result:  # fmt: skip
    """Translate ``code`` (scheme ``src``, detected when None) into scheme ``to``."""
    from crosswalk import load
    from crosswalk.dataset import as_date
    from crosswalk.schemes import get as get_scheme
    from crosswalk.schemes import scheme_of_prefix

    dataset = dataset or load()
    to = get_scheme(to).NAME
    as_of = as_date(as_of)  # once per query (a malformed date is the caller's error, not the code's)
    try:
        scheme, canonical = dataset.resolve(code, src, as_of)
    except UnknownCode as exc:
        if exc.removed:
            versions = {exc.scheme: exc.lifecycle.version}
            return Result(str(code), exc.scheme, exc.code, to, "removed", message=str(exc), versions=versions,
                          successors=exc.lifecycle.successors)  # fmt: skip
        return Result(str(code), exc.scheme, exc.code, to, "unknown-code", message=str(exc))
    except (InvalidFormat, AmbiguousInput) as exc:
        return Result(str(code), src, None, to, "invalid", message=str(exc))
    except CrosswalkError as exc:
        return Result(str(code), src, None, to, "invalid", message=str(exc))
    versions = {s: dataset.version_for(s, as_of).version for s in {scheme, to}}
    if scheme == to:
        return Result(str(code), scheme, canonical, to, "mapped", message="same scheme", versions=versions)
    edges = _edges(dataset)
    matches: list[Match] = []
    seen: set[tuple[Any, ...]] = set()
    for path in scheme_paths(edges, scheme, to):
        for match in walk(dataset, edges, scheme, canonical, path, as_of):
            key = (match.code, match.relation, tuple((h.source, h.target) for h in match.path))
            if key not in seen:
                seen.add(key)
                matches.append(match)
            for hop in match.path:
                for side in (hop.source, hop.target):
                    if side:
                        s = scheme_of_prefix(side.partition(":")[0])
                        versions.setdefault(s, dataset.version_for(s, as_of).version)
    matches.sort(key=lambda m: (m.no_counterpart, STRENGTH[m.relation], len(m.path), m.code or ""))
    result = Result(str(code), scheme, canonical, to, _status(matches), matches,
                    _message(matches, scheme, to), versions)  # fmt: skip
    result.warnings = version_warnings(versions, as_of)
    return result


def _status(matches: list[Match]) -> str:
    found = [m for m in matches if not m.no_counterpart]
    if not matches:
        return "not-mapped-yet"
    if not found:
        return "no-counterpart"
    if any(m.relation in (EXACT, CLOSE) for m in found):
        return "mapped"
    return "partial"


def _message(matches: list[Match], scheme: str, to: str) -> str:
    if not matches:
        return (f"the mapping tables do not cover this {scheme} code towards {to} yet; "
                "this says nothing about whether it is controlled")  # fmt: skip
    if all(m.no_counterpart for m in matches):
        return matches[0].reason
    return ""
