"""Where a code stands across the installed versions of its list, and where removed content went.

A code that is not in the version in force on a date is one of three things: not yet
added (a later version has it), removed (an earlier version has it; the successor tables
under ``data/amendments/`` say where its content went), or never a code of the list.

>>> from crosswalk import load
>>> status = lifecycle(load(), "jp-clause", "第6条第1項第1号ヨ(1)", "2026-03-01")
>>> status.state, status.last_version
('removed', '2025-05-28')
>>> [s.code for s in status.successors]
['第6条第1項第1号ヨ']
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from crosswalk.dataset import Dataset

RELATION_WORDS = {
    "exactMatch": "moved unchanged",
    "closeMatch": "moved, reworded or a threshold changed",
    "broadMatch": "absorbed into a broader entry",
    "narrowMatch": "split; this part",
    "relatedMatch": "overlaps",
}


@dataclass(frozen=True, slots=True)
class Successor:
    """Where (part of) the content of an entry of an older version now sits."""

    code: str | None  # None: the content left the list (the comment says where, if anywhere)
    relation: str
    old_version: str
    new_version: str
    confidence: float
    comment: str
    evidence: str = ""
    mapping_set: str = ""

    def describe(self) -> str:
        if self.code is None:
            return f"no successor in version {self.new_version}: {self.comment}"
        return f"{self.code} ({RELATION_WORDS.get(self.relation, self.relation)}): {self.comment}"

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "relation": self.relation, "from_version": self.old_version,
                "to_version": self.new_version, "confidence": self.confidence, "comment": self.comment,
                "evidence": self.evidence, "set": self.mapping_set}  # fmt: skip


@dataclass(frozen=True)
class Lifecycle:
    """A code's standing on one date: ``in-force``, ``removed``, ``not-yet`` or ``never``."""

    scheme: str
    code: str
    state: str
    version: str  # the version in force on the date asked
    versions: tuple[str, ...] = ()  # installed versions that have the code
    successors: tuple[Successor, ...] = ()
    removed_in: str | None = None  # the first installed version without the code, after its last

    @property
    def last_version(self) -> str | None:
        older = [v for v in self.versions if v < self.version]
        return older[-1] if older else None

    @property
    def first_version(self) -> str | None:
        later = [v for v in self.versions if v > self.version]
        return later[0] if later else None

    def explain(self) -> str:
        if self.state == "removed":
            removed_in = self.removed_in or self.version
            text = (f"{self.code} is no longer in the {self.scheme} list: it is in version {self.last_version} "
                    f"and not in version {removed_in}")  # fmt: skip
            if self.version != removed_in:
                text += f" (in force: {self.version})"
            if self.successors:
                return text + "; its content went to: " + "; ".join(s.describe() for s in self.successors)
            return text + "; no successor is recorded (see crosswalk diff " + self.scheme + ")"
        if self.state == "not-yet":
            return (f"{self.code} did not exist in the {self.scheme} list in force then (version {self.version}): "
                    f"it was added in version {self.first_version}")  # fmt: skip
        if self.state == "never":
            return f"{self.code} is not in any installed version of the {self.scheme} list"
        return f"{self.code} is in the {self.scheme} list, version {self.version}"

    def to_dict(self) -> dict[str, Any]:
        return {"scheme": self.scheme, "code": self.code, "state": self.state, "version": self.version,
                "versions": list(self.versions), "successors": [s.to_dict() for s in self.successors]}  # fmt: skip


def versions_with(dataset: Dataset, scheme: str, code: str) -> tuple[str, ...]:
    """The installed versions of ``scheme`` whose list has ``code`` (canonical), oldest first."""
    return tuple(
        v.version for v in dataset.versions_of(scheme) if dataset.list_index(scheme, v.version).has(code)
    )


def lifecycle(dataset: Dataset, scheme: str, code: str, as_of: str | dt.date | None = None) -> Lifecycle:
    """The standing of canonical ``code`` on ``as_of`` (default: today)."""
    version = dataset.version_for(scheme, as_of).version
    versions = versions_with(dataset, scheme, code)
    if version in versions:
        return Lifecycle(scheme, code, "in-force", version, versions)
    if any(v < version for v in versions):
        last = max(v for v in versions if v < version)
        removed_in = min(v.version for v in dataset.versions_of(scheme) if v.version > last)
        return Lifecycle(scheme, code, "removed", version, versions, successors(dataset, scheme, code, version),
                         removed_in)  # fmt: skip
    if versions:
        return Lifecycle(scheme, code, "not-yet", version, versions)
    return Lifecycle(scheme, code, "never", version, versions)


def successors(dataset: Dataset, scheme: str, code: str, upto: str | None = None) -> tuple[Successor, ...]:
    """Where the content of ``code`` went, following the successor tables up to version ``upto``.

    A chain (A → B in one amendment, B → C in a later one) is followed to its end at or
    before ``upto``; the relations compose as in the mapping graph and the comments join.
    """
    from crosswalk.graph import COMPOSE

    table = dataset.successor_table.get(scheme, {})
    found: list[Successor] = []

    def follow(current: str, since: str, before: Successor | None, depth: int) -> None:
        steps = [Successor(*row) for row in table.get(current, [])
                 if row[2] >= since and (upto is None or row[3] <= upto)]  # fmt: skip
        for step in steps:
            if before is not None:
                step = Successor(step.code, COMPOSE[(before.relation, step.relation)], before.old_version,
                                 step.new_version, round(before.confidence * step.confidence, 2),
                                 f"{before.comment} / then ({step.new_version}): {step.comment}",
                                 step.evidence, step.mapping_set)  # fmt: skip
            later = step.code is not None and any(
                row[2] >= step.new_version and (upto is None or row[3] <= upto)
                for row in table.get(step.code, [])
            )
            if later and step.code is not None and depth < 20:
                follow(step.code, step.new_version, step, depth + 1)
            else:
                found.append(step)

    follow(code, "", None, 0)
    return tuple(dict.fromkeys(found))


@dataclass(frozen=True, slots=True)
class Validity:
    """The dates between which an entry's text, as in one version, was in force.

    ``start`` is the first installed version with this text (``since_before``: it is the oldest
    installed version, so the text may be older); ``end`` the first later version in which the
    entry reads differently or is gone (None: still in force), with ``why``.
    """

    start: str
    since_before: bool
    end: str | None
    why: str = ""

    def describe(self) -> str:
        start = f"{'≤ ' if self.since_before else ''}{self.start}"
        return f"{start} – {self.end} ({self.why})" if self.end else f"{start} – in force"

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.start, "from_is_oldest_installed": self.since_before, "until": self.end,
                "until_why": self.why}  # fmt: skip


def validity(dataset: Dataset, scheme: str, code: str, version: str) -> Validity:
    """How long the text of ``code`` as in ``version`` was in force, over the installed versions."""
    versions = [v.version for v in dataset.versions_of(scheme)]
    at = versions.index(version)

    mine = dataset.text_in(scheme, code, version)
    start = at
    while start > 0 and dataset.text_in(scheme, code, versions[start - 1]) == mine:
        start -= 1
    for later in versions[at + 1 :]:
        other = dataset.text_in(scheme, code, later)
        if other != mine:
            return Validity(
                versions[start], start == 0, later, "removed" if other is None else "text changed"
            )
    return Validity(versions[start], start == 0, None)


def version_warnings(versions: dict[str, str], as_of: str | dt.date | None) -> list[str]:
    """A note for each list whose oldest installed version came into force after ``as_of``."""
    from crosswalk.dataset import as_date

    day = as_date(as_of)
    return [f"no installed {scheme} list was in force on {day}; the oldest installed ({version}) was used"
            for scheme, version in sorted(versions.items()) if version > day and len(version) == len(day)]  # fmt: skip
