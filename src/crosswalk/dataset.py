"""The packaged dataset: list versions loaded on first use, indexed by code.

Nothing is read at import.  :func:`load` returns the process-wide
:class:`Dataset` (memoised, thread-safe); each list version's file is read the
first time a query needs that scheme.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from crosswalk.errors import InvalidDate, InvalidFormat, UnknownCode
from crosswalk.model import Entry, ListVersion, Source, entry_from_dict
from crosswalk.schemes import get as get_scheme

_LOCK = threading.Lock()
_DATASETS: dict[str, Dataset] = {}


def today() -> str:
    """Today's date (``YYYY-MM-DD``), the default ``as_of``; ``CROSSWALK_TODAY`` overrides it
    (for reproducible runs and tests)."""
    return os.environ.get("CROSSWALK_TODAY") or dt.date.today().isoformat()


def as_date(as_of: str | dt.date | None) -> str:
    """``as_of`` as ``YYYY-MM-DD`` (None: today); anything else is an :class:`InvalidDate`."""
    if as_of is None:
        return today()
    if isinstance(as_of, dt.date):
        return as_of.isoformat()
    return _day(str(as_of))


@lru_cache(maxsize=1024)
def _day(text: str) -> str:
    text = text.strip()
    if (
        len(text) in (4, 7)
        and text[:4].isdigit()
        and (len(text) == 4 or (text[4] == "-" and text[5:].isdigit()))
    ):
        return text  # a version id such as 2025 or 2007-03 (a year or month)
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise InvalidDate(text) from None


def _data_root() -> Path:
    return Path(str(resources.files("crosswalk") / "data"))


class LazyEntries(Mapping[str, Entry]):
    """Entries by code, each built from its record the first time it is asked for.

    A lookup touches a handful of entries out of thousands; building all of them
    would cost more than reading the file.
    """

    def __init__(self, records: list[dict[str, Any]]) -> None:
        self._records = {r["code"]: r for r in records}
        self._built: dict[str, Entry] = {}

    def __getitem__(self, code: str) -> Entry:
        entry = self._built.get(code)
        if entry is None:
            entry = self._built[code] = entry_from_dict(dict(self._records[code]))
        return entry

    def __contains__(self, code: object) -> bool:
        return code in self._records

    def __iter__(self) -> Iterator[str]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)


#: the fields of the light index file that a translation needs (no full texts)
INDEX_FIELDS = ("code", "parent", "title", "kind", "flags")


class ListIndex:
    """One list version: codes, parents and titles from the light index file; full entries
    (texts, notes, keywords) from the full file, read only when something asks for them."""

    def __init__(self, version: ListVersion, light: list[dict[str, Any]],
                 read_full: Callable[[], list[dict[str, Any]]]) -> None:  # fmt: skip
        self.version = version
        self.light = {r["code"]: r for r in light}
        self._read_full = read_full
        self.children: dict[str, list[str]] = {}
        for record in light:
            if parent := record.get("parent"):
                self.children.setdefault(parent, []).append(record["code"])

    @cached_property
    def by_code(self) -> LazyEntries:
        """Full entries by code (reads the full file on first use)."""
        return LazyEntries(self._read_full())

    def has(self, code: str) -> bool:
        return code in self.light

    def title(self, code: str) -> str:
        return str(self.light[code].get("title", ""))

    @cached_property
    def entries(self) -> list[Entry]:
        """Every entry, in the list's order."""
        return [self.by_code[code] for code in self.by_code]


class Dataset:
    """Every list version of the packaged (or a given) data folder."""

    def __init__(self, root: Path | None = None, validate: bool = False) -> None:
        self.root = root or _data_root()
        self.validate = validate
        with open(self.root / "manifest.json", encoding="utf-8") as handle:
            self.manifest: dict[str, Any] = json.load(handle)
        self._lists: dict[tuple[str, str], ListIndex] = {}
        self._in_force: dict[tuple[str, str], ListVersion] = {}
        self._differs: dict[tuple[str, str, str, str, bool], bool] = {}
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
        """The installed versions of ``scheme``, oldest first."""
        return list(self._by_scheme.get(scheme, ()))

    @cached_property
    def _by_scheme(self) -> dict[str, tuple[ListVersion, ...]]:
        out: dict[str, list[ListVersion]] = {}
        for version in self.versions:
            out.setdefault(version.scheme, []).append(version)
        return {k: tuple(sorted(v, key=lambda v: v.version)) for k, v in out.items()}

    def version_for(self, scheme: str, as_of: str | dt.date | None = None) -> ListVersion:
        """The version of ``scheme`` in force on ``as_of`` (default: today, see :func:`today`).

        Before the oldest installed version, the oldest one answers (it is the nearest known).
        """
        day = as_date(as_of)
        key = (scheme, day)
        if key not in self._in_force:
            versions = self.versions_of(scheme)
            if not versions:
                raise InvalidFormat(scheme, None, "no list of this scheme is installed")
            in_force = [v for v in versions if v.version <= day]
            self._in_force[key] = in_force[-1] if in_force else versions[0]
        return self._in_force[key]

    def list_index(self, scheme: str, as_of: str | dt.date | None = None) -> ListIndex:
        version = self.version_for(scheme, as_of)
        key = (version.scheme, version.version)
        with self._lock:
            if key not in self._lists:
                light = self._read_json(version.file.replace(".json", ".index.json"))
                self._lists[key] = ListIndex(version, light, lambda: self._read(version))
            return self._lists[key]

    def _read_json(self, name: str) -> list[dict[str, Any]]:
        with open(self.root / name, encoding="utf-8") as handle:
            records: list[dict[str, Any]] = json.load(handle)
        return records

    def _read(self, version: ListVersion) -> list[dict[str, Any]]:
        records = self._read_json(version.file)
        if self.validate:
            from pydantic import TypeAdapter

            TypeAdapter(list[Entry]).validate_python(records)
        return records

    @cached_property
    def successor_table(self) -> dict[str, dict[str, list[list[Any]]]]:
        """scheme → old code → successor rows (see :mod:`crosswalk.history`); empty if none built."""
        path = self.root / "successors.json"
        if not path.exists():
            return {}
        with open(path, encoding="utf-8") as handle:
            table: dict[str, dict[str, list[list[Any]]]] = json.load(handle)["by_scheme"]
        return table

    # -- lookups ----------------------------------------------------------------------------
    def canonical(self, scheme: str, code: str, as_of: str | dt.date | None = None) -> str:
        """The canonical form of ``code`` if it is in the list in force, else :class:`UnknownCode`."""
        module = get_scheme(scheme)
        canonical = module.validate(code)
        index = self.list_index(module.NAME, as_of)
        if not index.has(canonical):
            from crosswalk.history import lifecycle

            status = lifecycle(self, module.NAME, canonical, as_of)
            near = self.suggest(module.NAME, code, as_of) if status.state == "never" else ()
            raise UnknownCode(canonical, module.NAME, index.version.version, near, status)
        return canonical

    def resolve(self, code: str, scheme: str | None = None,
                as_of: str | dt.date | None = None) -> tuple[str, str]:  # fmt: skip
        """(scheme, canonical code) of ``code``; without ``scheme``, the detected one.

        An EU-style number valid in several lists (``3A001`` in eu, us and kr) is read in the
        first of them, in registry order, whose list has it (``5A992`` → us); other ambiguity
        is reported (:class:`AmbiguousInput`), never guessed.
        """
        from crosswalk import resolve_scheme
        from crosswalk.schemes import detect

        name = resolve_scheme(code, scheme)
        if scheme is None and name == "eu":
            candidates = detect(code)
            name = next((s for s in candidates if self._has(s, code, as_of)), name)
        return name, self.canonical(name, code, as_of)

    def _has(self, scheme: str, code: str, as_of: str | dt.date | None) -> bool:
        index = self.list_index(scheme, as_of)
        return index.has(get_scheme(scheme).validate(code))

    def title(self, scheme: str, code: str, as_of: str | dt.date | None = None) -> str:
        """The short title of a code that exists ('' otherwise); reads no full texts."""
        index = self.list_index(scheme, as_of)
        return index.title(code) if index.has(code) else ""

    def get(self, scheme: str, code: str, as_of: str | dt.date | None = None) -> Entry:
        """The entry of ``code`` (any accepted spelling) or :class:`UnknownCode`."""
        canonical = self.canonical(scheme, code, as_of)
        return self.list_index(scheme, as_of).by_code[canonical]

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

    def text_in(self, scheme: str, code: str, version: str) -> str | None:
        """The text of ``code`` in one version of its list (None if that version has no such code)."""
        index = self.list_index(scheme, version)
        return index.by_code[code].text if index.has(code) else None

    def reads_differently(self, scheme: str, code: str, one: str, other: str, subtree: bool = True) -> bool:
        """Whether ``code`` differs between two versions of its list: its own text, or with
        ``subtree`` everything below it too; a code missing from either version differs."""
        first, second = sorted((one, other))
        key = (scheme, code, first, second, subtree)
        if key not in self._differs:
            texts = [self.subtree_text(scheme, code, v) if subtree and self.list_index(scheme, v).has(code)
                     else self.text_in(scheme, code, v) for v in (first, second)]  # fmt: skip
            self._differs[key] = texts[0] is None or texts[1] is None or texts[0] != texts[1]
        return self._differs[key]

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

        codes = list(self.list_index(scheme, as_of).light)
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
