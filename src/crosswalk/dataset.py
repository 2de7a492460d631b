"""The packaged dataset: list versions loaded on first use, indexed by code.

Nothing is read at import.  :func:`load` returns the process-wide
:class:`Dataset` (memoised, thread-safe); each list version's file is read the
first time a query needs that scheme.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from crosswalk.errors import InvalidFormat, UnknownCode
from crosswalk.model import Entry, ListVersion, Source, entry_from_dict
from crosswalk.schemes import get as get_scheme

_LOCK = threading.Lock()
_DATASETS: dict[str, Dataset] = {}


def _data_root() -> Path:
    return Path(str(resources.files("crosswalk") / "data"))


class ListIndex:
    """The entries of one list version, by code, with children lists."""

    def __init__(self, version: ListVersion, entries: list[Entry]) -> None:
        self.version = version
        self.entries = entries
        self.by_code = {e.code: e for e in entries}
        self.children: dict[str, list[str]] = {}
        for entry in entries:
            if entry.parent:
                self.children.setdefault(entry.parent, []).append(entry.code)


class Dataset:
    """Every list version of the packaged (or a given) data folder."""

    def __init__(self, root: Path | None = None, validate: bool = False) -> None:
        self.root = root or _data_root()
        self.validate = validate
        with open(self.root / "manifest.json", encoding="utf-8") as handle:
            self.manifest: dict[str, Any] = json.load(handle)
        self._lists: dict[tuple[str, str], ListIndex] = {}
        self._lock = threading.Lock()

    # -- versions ---------------------------------------------------------------------------
    @cached_property
    def versions(self) -> tuple[ListVersion, ...]:
        out = []
        for meta in self.manifest["lists"]:
            sources = tuple(Source(**s) for s in meta["sources"])
            out.append(ListVersion(meta["scheme"], meta["version"], meta["title"], meta["file"],
                                   sources, meta["counts"], meta.get("notes", "")))  # fmt: skip
        return tuple(out)

    def versions_of(self, scheme: str) -> list[ListVersion]:
        return sorted((v for v in self.versions if v.scheme == scheme), key=lambda v: v.version)

    def version_for(self, scheme: str, as_of: str | dt.date | None = None) -> ListVersion:
        """The version of ``scheme`` in force on ``as_of`` (default: the newest)."""
        versions = self.versions_of(scheme)
        if not versions:
            raise InvalidFormat(scheme, None, "no list of this scheme is installed")
        if as_of is None:
            return versions[-1]
        day = as_of.isoformat() if isinstance(as_of, dt.date) else str(as_of)
        in_force = [v for v in versions if v.version <= day]
        return in_force[-1] if in_force else versions[0]

    def list_index(self, scheme: str, as_of: str | dt.date | None = None) -> ListIndex:
        version = self.version_for(scheme, as_of)
        key = (version.scheme, version.version)
        with self._lock:
            if key not in self._lists:
                self._lists[key] = ListIndex(version, self._read(version))
            return self._lists[key]

    def _read(self, version: ListVersion) -> list[Entry]:
        with open(self.root / version.file, encoding="utf-8") as handle:
            records = json.load(handle)
        if self.validate:
            from pydantic import TypeAdapter

            TypeAdapter(list[Entry]).validate_python(records)
        return [entry_from_dict(r) for r in records]

    # -- lookups ----------------------------------------------------------------------------
    def get(self, scheme: str, code: str, as_of: str | dt.date | None = None) -> Entry:
        """The entry of ``code`` (any accepted spelling) or :class:`UnknownCode`."""
        module = get_scheme(scheme)
        canonical = module.validate(code)
        index = self.list_index(module.NAME, as_of)
        if canonical not in index.by_code:
            raise UnknownCode(canonical, module.NAME, index.version.version,
                              self.suggest(module.NAME, code, as_of))  # fmt: skip
        return index.by_code[canonical]

    def find(self, scheme: str, code: str, as_of: str | dt.date | None = None) -> Entry | None:
        try:
            return self.get(scheme, code, as_of)
        except (UnknownCode, InvalidFormat):
            return None

    def parent(self, entry: Entry) -> Entry | None:
        if not entry.parent:
            return None
        return self.list_index(entry.scheme, entry.version).by_code.get(entry.parent)

    def children(self, entry: Entry) -> list[Entry]:
        index = self.list_index(entry.scheme, entry.version)
        return [index.by_code[c] for c in index.children.get(entry.code, [])]

    def descendants(self, scheme: str, code: str, as_of: str | dt.date | None = None) -> Iterator[str]:
        """Codes below ``code``, depth first in the list's order."""
        index = self.list_index(scheme, as_of)
        stack = list(reversed(index.children.get(code, [])))
        while stack:
            current = stack.pop()
            yield current
            stack.extend(reversed(index.children.get(current, [])))

    def subtree_text(self, scheme: str, code: str, as_of: str | dt.date | None = None) -> str:
        """The text of an entry followed by the texts of everything below it."""
        index = self.list_index(scheme, as_of)
        texts = [index.by_code[code].text]
        texts += [index.by_code[c].text for c in self.descendants(scheme, code, as_of)]
        return "\n".join(texts)

    def path(self, entry: Entry) -> list[Entry]:
        """The entry's ancestors, root first, ending with the entry itself."""
        chain = [entry]
        while (parent := self.parent(chain[0])) is not None:
            chain.insert(0, parent)
        return chain

    def entries(self, scheme: str, as_of: str | dt.date | None = None) -> Iterator[Entry]:
        yield from self.list_index(scheme, as_of).entries

    def suggest(self, scheme: str, text: str, as_of: str | dt.date | None = None,
                limit: int = 5) -> tuple[str, ...]:  # fmt: skip
        """Up to ``limit`` canonical codes nearest to ``text`` (for "did you mean")."""
        from crosswalk.normalize import normalize_code

        codes = list(self.list_index(scheme, as_of).by_code)
        probe = normalize_code(str(text)).upper().replace(" ", "")
        from rapidfuzz import fuzz, process

        ranked = process.extract(probe, {c: c.upper() for c in codes}, scorer=fuzz.ratio,
                                 limit=limit * 3, score_cutoff=60)  # fmt: skip
        ranked.sort(key=lambda r: (-r[1], len(r[2]), r[2]))
        return tuple(r[2] for r in ranked[:limit])


def load(root: Path | str | None = None, validate: bool = False) -> Dataset:
    """The dataset (memoised per folder); ``validate=True`` checks every record with pydantic."""
    key = f"{root}|{validate}"
    with _LOCK:
        if key not in _DATASETS:
            _DATASETS[key] = Dataset(Path(root) if root else None, validate)
        return _DATASETS[key]
