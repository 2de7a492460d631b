"""The mapping graph: every mapping set is an edge between two schemes; a translation
is a path search over schemes, never per-pair code.

Hierarchy is part of every hop: a code with no row of its own takes the union of
its descendants' rows (each labelled with the descendant), or, failing that, the
rows of its nearest mapped ancestor (labelled, and weakened to ``broadMatch``).
Relations compose along a path by :data:`COMPOSE`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from crosswalk.dataset import Dataset, as_date
from crosswalk.schemes import curie_prefix, scheme_of_prefix
from crosswalk.schemes import get as get_scheme

EXACT, CLOSE, BROAD, NARROW, RELATED = "exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch"
INVERSE = {EXACT: EXACT, CLOSE: CLOSE, BROAD: NARROW, NARROW: BROAD, RELATED: RELATED}
#: relation of A to C, given A→B (first key) and B→C (second key)
COMPOSE: dict[tuple[str, str], str] = {}
for _r in (EXACT, CLOSE, BROAD, NARROW, RELATED):
    COMPOSE[(EXACT, _r)] = COMPOSE[(_r, EXACT)] = _r
    COMPOSE[(RELATED, _r)] = COMPOSE[(_r, RELATED)] = RELATED
COMPOSE.update({
    (CLOSE, CLOSE): CLOSE, (CLOSE, BROAD): BROAD, (BROAD, CLOSE): BROAD,
    (CLOSE, NARROW): NARROW, (NARROW, CLOSE): NARROW,
    (BROAD, BROAD): BROAD, (NARROW, NARROW): NARROW,
    (BROAD, NARROW): RELATED, (NARROW, BROAD): RELATED,
})  # fmt: skip
STRENGTH = {EXACT: 0, CLOSE: 1, BROAD: 2, NARROW: 2, RELATED: 3}
BASIS_ORDER = ("legal-reference", "curated", "same-number", "official-reference", "derived")
MAX_HOPS = 4


@dataclass(frozen=True, slots=True)
class Hop:
    """One row of one mapping set, read in the direction it was used."""

    source: str  # scheme:code
    target: str | None  # None: no counterpart
    relation: str
    basis: str
    mapping_set: str
    confidence: float
    comment: str
    evidence: str
    versions: tuple[str, str]
    note: str = ""  # hierarchy: "via descendant …" / "via ancestor …"


@dataclass(frozen=True, slots=True)
class Match:
    scheme: str
    code: str | None  # None: no counterpart in this scheme
    title: str
    relation: str
    basis: str
    confidence: float
    path: tuple[Hop, ...]
    review: tuple[str, ...] = ()  # why a row may not hold for the list versions in force

    @property
    def no_counterpart(self) -> bool:
        return self.code is None

    @property
    def needs_review(self) -> bool:
        """True when a row on the path was made against another version than the one in force."""
        return bool(self.review)

    @property
    def reason(self) -> str:
        return self.path[-1].comment if self.path else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "scheme": self.scheme, "code": self.code, "title": self.title, "relation": self.relation,
            "basis": self.basis, "confidence": round(self.confidence, 2),
            "needs_review": self.needs_review, "review": list(self.review),
            "path": [{"from": h.source, "to": h.target, "relation": h.relation, "basis": h.basis,
                      "set": h.mapping_set, "comment": h.comment, "evidence": h.evidence,
                      "versions": list(h.versions), "note": h.note} for h in self.path],
        }  # fmt: skip


@dataclass
class MappingSet:
    """One compiled set: its rows and indices by subject and by object CURIE."""

    meta: dict[str, Any]
    rows: list[list[Any]]
    by_subject: dict[str, list[int]]
    by_object: dict[str, list[int]]


@dataclass
class Edges:
    """Every mapping set, read lazily: a set's file is loaded when a query first crosses it."""

    dataset: Dataset
    sides: dict[frozenset[str], list[dict[str, Any]]] = field(default_factory=dict)
    loaded: dict[str, MappingSet] = field(default_factory=dict)
    built: dict[tuple[str, ...], list[Hop]] = field(default_factory=dict)
    families: dict[tuple[str, ...], list[list[dict[str, Any]]]] = field(default_factory=dict)

    def schemes_from(self, scheme: str) -> list[str]:
        return sorted({s for pair in self.sides if scheme in pair for s in pair if s != scheme})

    def _set(self, meta: dict[str, Any]) -> MappingSet:
        if meta["id"] not in self.loaded:
            with open(self.dataset.root / meta["file"], encoding="utf-8") as handle:
                data = json.load(handle)
            self.loaded[meta["id"]] = MappingSet(meta, data["rows"], data["by_subject"], data["by_object"])
        return self.loaded[meta["id"]]

    def in_force(self, scheme: str, as_of: Any) -> str:
        return self.dataset.version_for(scheme, as_of).version

    def members(self, pair: tuple[str, str], as_of: Any) -> list[list[dict[str, Any]]]:
        """The sets on ``pair``, grouped by family, each family's best fit for ``as_of`` first.

        A family is one curated set made against several list versions (the same
        ``mapping_set_id`` in several files); for each code the member made against the
        versions in force answers, else the newest member that has the code.
        """
        key = (*pair, as_of if isinstance(as_of, str) else as_date(as_of))
        if key not in self.families:
            groups: dict[str, list[dict[str, Any]]] = {}
            for meta in self.sides.get(frozenset(pair), []):
                groups.setdefault(meta.get("family") or meta["id"], []).append(meta)
            self.families[key] = [sorted(group, key=lambda m: self._fit(m, as_of), reverse=True)
                                  for group in groups.values()]  # fmt: skip
        return self.families[key]

    def _fit(self, meta: dict[str, Any], as_of: Any) -> tuple[int, str]:
        fit = sum(meta[f"{side}_source_version"] == self.in_force(meta[f"{side}_source"], as_of)
                  for side in ("subject", "object"))  # fmt: skip
        return fit, meta["subject_source_version"] + meta["object_source_version"]

    def hops(self, pair: tuple[str, str], code: str, as_of: Any = None) -> list[Hop]:
        """Rows that lead from ``code`` (in ``pair[0]``) to ``pair[1]``, read in that direction."""
        key = (*pair, code, self.in_force(pair[0], as_of), self.in_force(pair[1], as_of))
        if key not in self.built:
            hops: list[Hop] = []
            here = self.in_force(pair[0], as_of)
            there = self.in_force(pair[1], as_of)
            for family in self.members(pair, as_of):
                hops.extend(self._family_hops(family, pair, code, here, there))
            self.built[key] = hops
        return self.built[key]

    def _family_hops(self, family: list[dict[str, Any]], pair: tuple[str, str], code: str, here: str,
                     there: str) -> list[Hop]:  # fmt: skip
        """The rows of the first member of a family that answers for ``code`` on the versions in force.

        When the family has several members, a member made against a version in which this entry
        read differently does not answer, nor do its rows to entries that read differently (or do
        not exist) in the version in force: a member made for those versions, or the hierarchy,
        answers instead.  A set made only once still answers; its rows are flagged for review.
        """
        for meta in family:
            found = self._hops(meta, pair, code)
            if not found or len(family) == 1:
                if found:
                    return found
                continue
            if self._stale(pair[0], code, _made(meta, pair[0]), here):
                continue
            made = _made(meta, pair[1])
            found = [
                h
                for h in found
                if h.target is None or not self._stale(pair[1], _curie(h.target)[1], made, there)
            ]
            if found:
                return found
        return []

    def _stale(self, scheme: str, code: str, made: str, here: str) -> bool:
        if made == here or made not in {v.version for v in self.dataset.versions_of(scheme)}:
            return False
        # own text, as `crosswalk diff` counts a change: a member made for the other version covers
        # every entry whose own text changed; a change further down is flagged, not dropped
        return self.dataset.reads_differently(scheme, code, made, here, subtree=False)

    def _hops(self, meta: dict[str, Any], pair: tuple[str, str], code: str) -> list[Hop]:
        here, there = pair
        curie = f"{curie_prefix(here)}:{code}"
        hops: list[Hop] = []
        mapping_set = self._set(meta)
        versions = (meta["subject_source_version"], meta["object_source_version"])
        for number in mapping_set.by_subject.get(curie, []):
            subject, predicate, obj, _just, confidence, comment, evidence, *_ = mapping_set.rows[number]
            relation = predicate.removeprefix("skos:")
            if obj == "sssom:NoTermFound":
                hops.append(Hop(subject, None, relation, meta["basis"], meta["id"], confidence, comment,
                                evidence, versions))  # fmt: skip
            elif _curie(obj)[0] == there:
                hops.append(Hop(subject, obj, relation, meta["basis"], meta["id"], confidence, comment,
                                evidence, versions))  # fmt: skip
        for number in mapping_set.by_object.get(curie, []):
            subject, predicate, obj, _just, confidence, comment, evidence, *_ = mapping_set.rows[number]
            if _curie(subject)[0] == there:
                hops.append(Hop(obj, subject, INVERSE[predicate.removeprefix("skos:")], meta["basis"],
                                meta["id"], confidence, comment, evidence, versions[::-1]))  # fmt: skip
        return hops

    def has(self, pair: tuple[str, str], code: str, as_of: Any = None) -> bool:
        return bool(self.hops(pair, code, as_of))


def _made(meta: dict[str, Any], scheme: str) -> str:
    """The version of ``scheme``'s list a set was made against."""
    side = "subject" if meta["subject_source"] == scheme else "object"
    return str(meta[f"{side}_source_version"])


def _curie(curie: str) -> tuple[str, str]:
    prefix, _, code = curie.partition(":")
    return scheme_of_prefix(prefix), code


def load_edges(dataset: Dataset) -> Edges:
    edges = Edges(dataset)
    for meta in dataset.manifest.get("mapping_sets", []):
        edges.sides.setdefault(frozenset((meta["subject_source"], meta["object_source"])), []).append(meta)
    return edges


def scheme_paths(edges: Edges, start: str, goal: str) -> list[list[str]]:
    """Every simple path of schemes from ``start`` to ``goal`` (at most MAX_HOPS hops), shortest first."""
    paths: list[list[str]] = []
    stack = [[start]]
    while stack:
        path = stack.pop()
        for nxt in edges.schemes_from(path[-1]):
            if nxt in path:
                continue
            if nxt == goal:
                paths.append([*path, nxt])
            elif len(path) < MAX_HOPS:
                stack.append([*path, nxt])
    return sorted(paths, key=len)


def hops_for(dataset: Dataset, edges: Edges, scheme: str, code: str, to: str, as_of: Any) -> list[Hop]:
    """Rows leaving ``code`` towards ``to``: its own, else its descendants', else its nearest ancestor's."""
    pair = (scheme, to)
    if edges.has(pair, code, as_of):
        return edges.hops(pair, code, as_of)
    found: list[Hop] = []
    for descendant in dataset.descendants(scheme, code, as_of):
        for hop in edges.hops(pair, descendant, as_of):
            relation = COMPOSE[(NARROW, hop.relation)] if hop.target else hop.relation
            found.append(_relabel(hop, relation, f"via descendant {descendant}"))
    if found:
        return found
    parent = get_scheme(scheme).parse(code).parent
    while parent:
        if edges.has(pair, parent, as_of):
            return [_relabel(h, COMPOSE[(BROAD, h.relation)] if h.target else h.relation,
                             f"via ancestor {parent}: {code} is narrower than the mapped entry")
                    for h in edges.hops(pair, parent, as_of)]  # fmt: skip
        parent = get_scheme(scheme).parse(parent).parent
    return []


def _relabel(hop: Hop, relation: str, note: str) -> Hop:
    return Hop(hop.source, hop.target, relation, hop.basis, hop.mapping_set, hop.confidence, hop.comment,
               hop.evidence, hop.versions, note)  # fmt: skip


def weakest_basis(bases: list[str]) -> str:
    return max(bases, key=lambda b: BASIS_ORDER.index(b) if b in BASIS_ORDER else len(BASIS_ORDER))


def walk(dataset: Dataset, edges: Edges, scheme: str, code: str, path: list[str], as_of: Any) -> list[Match]:
    """Follow one scheme path from ``code``; return the matches at its end."""
    frontier: list[tuple[str, tuple[Hop, ...], str]] = [(code, (), EXACT)]
    out: list[Match] = []
    for here, there in pairwise(path):
        nxt: list[tuple[str, tuple[Hop, ...], str]] = []
        for node, hops, relation in frontier:
            for hop in hops_for(dataset, edges, here, node, there, as_of):
                if hop.target is None:
                    out.append(_match(dataset, there, None, (*hops, hop), relation, as_of))
                    continue
                nxt.append((_curie(hop.target)[1], (*hops, hop), COMPOSE[(relation, hop.relation)]))
        frontier = nxt
    out.extend(_match(dataset, path[-1], node, hops, relation, as_of) for node, hops, relation in frontier)
    return out


def _match(dataset: Dataset, scheme: str, code: str | None, hops: tuple[Hop, ...], relation: str,
           as_of: Any) -> Match:  # fmt: skip
    title = dataset.title(scheme, code, as_of) if code else ""
    confidence = 1.0
    for hop in hops:
        confidence *= hop.confidence
    return Match(scheme, code, title, relation,
                 weakest_basis([h.basis for h in hops]), confidence, hops,
                 _version_review(dataset, hops, as_of))  # fmt: skip


def _version_review(dataset: Dataset, hops: tuple[Hop, ...], as_of: Any) -> tuple[str, ...]:
    """Why the rows of a path may not hold for the list versions in force on ``as_of``.

    A row made against another version than the one in force still holds when its entry
    reads the same, subtree included, in both; otherwise it is flagged with the reason.
    """
    reasons = []
    for hop in hops:
        for curie, made in zip((hop.source, hop.target), hop.versions, strict=True):
            if curie is None:
                continue
            scheme, code = _curie(curie)
            bundled = {v.version for v in dataset.versions_of(scheme)}
            in_force = dataset.version_for(scheme, as_of).version
            if curie == hop.target and not dataset.list_index(scheme, as_of).has(code):
                reasons.append(f"{curie} is not in the {scheme} list in force ({in_force})")
            elif (
                made in bundled
                and made != in_force
                and dataset.reads_differently(scheme, code, made, in_force)
            ):
                when = "an older" if made < in_force else "a later"
                reasons.append(f"row {hop.source} → {hop.target or 'no counterpart'} ({hop.mapping_set}) was made "
                               f"against {when} {scheme} list ({made}) than the one in force ({in_force}), "
                               f"and {code} {_what_differs(dataset, scheme, code, made, in_force)} in the two")  # fmt: skip
    return tuple(dict.fromkeys(reasons))


def _what_differs(dataset: Dataset, scheme: str, code: str, one: str, other: str) -> str:
    if dataset.reads_differently(scheme, code, one, other, subtree=False):
        return "reads differently"
    return "reads the same but an entry below it differs"
