"""What changed between two versions of a list, and which mapping rows a curator must re-check.

>>> from crosswalk import load
>>> d = diff(load(), "jp", "2025-01-23", "2026-06-05")
>>> "7(24)" in d.added
True
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from dataclasses import dataclass, field
from typing import Any

from crosswalk.dataset import Dataset
from crosswalk.errors import CrosswalkError
from crosswalk.history import Successor, successors
from crosswalk.schemes import curie_prefix


@dataclass
class Change:
    code: str
    old: str
    new: str

    def describe(self, limit: int = 3, width: int = 40) -> str:
        """The first ``limit`` edits as ``old → new``, each side cut to ``width`` characters."""

        def cut(text: str) -> str:
            text = " ".join(text.split())
            return text if len(text) <= width else text[: width - 1] + "…"

        shown = "; ".join(f"{cut(o) or '∅'} → {cut(n) or '∅'}" for o, n in self.edits[:limit])
        more = len(self.edits) - limit
        return shown + (f"; … {more} more" if more > 0 else "")

    @property
    def edits(self) -> list[tuple[str, str]]:
        """(old words, new words) for each changed stretch, e.g. ('衝撃圧力', '圧力')."""
        matcher = difflib.SequenceMatcher(a=self.old, b=self.new, autojunk=False)
        return [
            (self.old[i1:i2], self.new[j1:j2])
            for op, i1, i2, j1, j2 in matcher.get_opcodes()
            if op != "equal"
        ]


@dataclass
class Diff:
    scheme: str
    old_version: str
    new_version: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    affected_rows: list[dict[str, Any]] = field(default_factory=list)
    successors: dict[str, list[Successor]] = field(default_factory=dict)
    """old code → where its content went (removed entries, and entries whose content moved)"""

    def to_dict(self) -> dict[str, Any]:
        return {
            "scheme": self.scheme, "from": self.old_version, "to": self.new_version,
            "added": self.added, "removed": self.removed,
            "changed": [{"code": c.code, "edits": [{"old": o, "new": n} for o, n in c.edits]} for c in self.changed],
            "affected_rows": self.affected_rows,
            "successors": {code: [s.to_dict() for s in steps] for code, steps in self.successors.items()},
            "removed_without_successor": self.unexplained,
        }  # fmt: skip

    @property
    def unexplained(self) -> list[str]:
        """Removed entries for which no successor row (not even "no successor") is recorded."""
        return [code for code in self.removed if code not in self.successors]


def diff(
    dataset: Dataset, scheme: str, old: str | dt.date | None = None, new: str | dt.date | None = None
) -> Diff:
    """Entries added, removed and changed from the version in force on ``old`` to the one in force
    on ``new`` (defaults: the version in force today and the one before it), with the mapping rows
    that touch them."""
    from crosswalk.schemes import get as get_scheme

    scheme = get_scheme(scheme).NAME  # an unknown scheme is an UnknownScheme error naming the known ones
    versions = dataset.versions_of(scheme)
    new_version = dataset.version_for(scheme, new)
    if old is None:
        older = [v for v in versions if v.version < new_version.version]
        old_version = older[-1] if older else new_version
    else:
        old_version = dataset.version_for(scheme, old)
    if old_version.version > new_version.version:
        raise CrosswalkError(f"the version in force on the 'from' date ({old_version.version}) is later than the "
                             f"one in force on the 'to' date ({new_version.version}); swap them")  # fmt: skip
    before = dataset.list_index(scheme, old_version.version)
    after = dataset.list_index(scheme, new_version.version)
    result = Diff(scheme, old_version.version, new_version.version)
    result.added = [c for c in after.light if c not in before.light]
    result.removed = [c for c in before.light if c not in after.light]
    for code in after.light:
        if code in before.light and before.by_code[code].text != after.by_code[code].text:
            result.changed.append(Change(code, before.by_code[code].text, after.by_code[code].text))
    for code in before.light:
        steps = successors(dataset, scheme, code, new_version.version)
        steps = tuple(s for s in steps if s.old_version >= old_version.version)
        if steps:
            result.successors[code] = list(steps)
    touched = set(result.added) | set(result.removed) | {c.code for c in result.changed}
    result.affected_rows = _affected(dataset, scheme, touched)
    return result


def _affected(dataset: Dataset, scheme: str, codes: set[str]) -> list[dict[str, Any]]:
    prefix = curie_prefix(scheme) + ":"
    curies = {prefix + c for c in codes}
    out = []
    for meta in dataset.manifest.get("mapping_sets", []):
        if scheme not in (meta["subject_source"], meta["object_source"]):
            continue
        with open(dataset.root / meta["file"], encoding="utf-8") as handle:
            rows = json.load(handle)["rows"]
        for subject, predicate, obj, *_ in rows:
            if subject in curies or obj in curies:
                out.append({"set": meta["id"], "subject": subject, "predicate": predicate, "object": obj,
                            "made_against": meta["subject_source_version"] if subject in curies
                            else meta["object_source_version"]})  # fmt: skip
    return out


@dataclass(frozen=True)
class Candidate:
    """A possible new home for the content of an old entry — for a curator to read, never a successor."""

    code: str
    score: float  # 0–100, text similarity (100: the same text)
    why: str


def successor_candidates(dataset: Dataset, result: Diff, code: str, limit: int = 3) -> list[Candidate]:
    """Entries of ``result.new_version`` whose text is nearest the old text of ``code``.

    Only entries the amendment touched (added or changed) are candidates: content that moved
    lands somewhere the diff lists.  Ranked by character similarity of the texts, with the
    entry's own siblings (same parent in the old list) preferred on ties.
    """
    from rapidfuzz import fuzz

    before = dataset.list_index(result.scheme, result.old_version)
    after = dataset.list_index(result.scheme, result.new_version)
    old_text = before.by_code[code].text
    parent = before.light[code].get("parent")
    touched = [*result.added, *(c.code for c in result.changed)]
    scored = []
    for other in touched:
        if other == code:
            continue
        text = after.by_code[other].text
        score = 100.0 if text == old_text else float(fuzz.ratio(old_text, text))
        near = other.startswith(parent) if parent else False
        scored.append((score, near, other))
    scored.sort(key=lambda s: (-s[0], not s[1], s[2]))
    return [Candidate(other, score, "the same text" if score == 100 else f"text similarity {score:.0f}")
            for score, _near, other in scored[:limit]]  # fmt: skip
