"""Search every list by description or by a sloppy number, in Japanese, English and Korean.

People do not know the legal words: they type ベアリング, not 軸受; CNC旋盤, not
数値制御工作機械; "GPS receiver"; 반도체 제조장비; and they mistype numbers (``3A0O1``,
``7-1``).  :func:`search` answers all of these with one return type, a list of
:class:`Hit` (a :class:`Hits` list that also carries "did you mean" codes and the caveat).

How a query is answered:

1. **Numbers first.**  A query shaped like a code of any scheme, in any accepted
   spelling, is looked up exactly.  A malformed or unknown one is repaired where the slip
   is a known one (``O`` for ``0``, ``7-1`` for ``7(1)``) or gets the nearest canonical
   codes ("did you mean").
2. **Words.**  Entry titles, full texts and keywords (KOSTI's, for Korea) are folded once
   per list version (NFKC, case, hiragana → katakana, long-vowel marks and dashes, full
   and half width, kanji quantities) and indexed by words (Latin) and character bigrams
   (kanji, kana, Hangul).  The query is folded the same way and expanded with curated
   synonyms (``data/synonyms/*.tsv``: everyday word → legal word).  A BM25 pass picks
   candidates; rapidfuzz re-scores them on the folded text, concept by concept.

The score (0–100) is the share of the query's concepts found in the entry, weighted by
how rare each concept is and how well it matched.  **No hit, or a weak one, is not a
classification and not clearance**: the lists are worded by specification, and an item
can be controlled under words the query does not contain.

>>> fold("ベアリング") == fold("ﾍﾞｱﾘﾝｸﾞ") == fold("べありんぐ")
True
>>> fold("モーター") == fold("モータ")
True
>>> fold("一〇キロジュール")  # quantities become digits; long-vowel marks go
'10キロジュル'
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
import threading
import unicodedata
import weakref
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from crosswalk.normalize import kanji_to_int, normalize_code

__all__ = ["CAVEAT", "WEAK", "Hit", "Hits", "fold", "load_synonyms", "search", "search_many"]

CAVEAT = (
    "No hit, or a weak one, is not a classification and not clearance: "
    "read the entry's full text and the official list."
)
#: Hits scoring below this are marked weak: a lead to read, not an answer.
WEAK = 60.0
#: Code-path scores: an exact code, a repaired slip, a nearest-code suggestion.
EXACT_CODE, REPAIRED_CODE, NEAR_CODE = 100.0, 90.0, 50.0
#: Schemes searched by default (every scheme that has a list installed).
SEARCHABLE = ("jp", "jp-clause", "eu", "us", "kr", "ml")
#: Schemes whose numbers a hit lists as counterparts.
COUNTERPART_SCHEMES = ("jp", "jp-clause", "eu", "us", "kr")
#: How much a match counts by the field it was found in.
FIELD_WEIGHT = {"title": 1.0, "keywords": 0.95, "text": 0.85, "context": 0.7}
_FIELDS = ("title", "keywords", "text", "context")
_CANDIDATES = 40  # per scheme, re-scored with rapidfuzz
_TEXT_CAP = 1200  # characters of full text re-scored with rapidfuzz (BM25 sees all)
_BM25_K1, _BM25_B = 1.2, 0.75
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "other",
        "than",
        "the",
        "their",
        "them",
        "this",
        "to",
        "with",
        "which",
        "having",
        "following",
        "specially",
        "designed",
        "therefor",
    ]
)

# -- folding --------------------------------------------------------------------------------

_HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(0x3041, 0x3097)}
_KANA = "\u30a1-\u30fa"
_CJK = "\u3005\u3006\u30a1-\u30fa\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HANGUL = "\uac00-\ud7a3"
_LONG_VOWEL = re.compile(f"(?<=[{_KANA}])[\u30fc\u2010-\u2015\u2212\uff0d\\-~\u301c]+")
_QUANTITY = re.compile("[〇一二三四五六七八九十百千]{2,}")
_GAP = re.compile(f"(?<=[{_CJK}{_HANGUL}])\\s+(?=[{_CJK}{_HANGUL}])")
_NOT_WORD = re.compile(f"[^0-9a-z{_CJK}{_HANGUL}.%]+")
_TOKEN = re.compile(f"[0-9a-z]+(?:\\.[0-9]+)?|[{_CJK}]+|[{_HANGUL}]+")
_LATIN = re.compile("[0-9a-z]")


def _quantity(match: re.Match[str]) -> str:
    value = kanji_to_int(match.group(0))
    return match.group(0) if value is None else str(value)


def fold(text: str) -> str:
    """The form both entries and queries are matched in (see the module docstring).

    Kanji numerals become digits only in runs of two or more (``一〇``, ``二十``), so
    words such as 一般 keep their kanji.  White space between two CJK or Hangul
    characters is dropped (Korean spacing varies: 제조 장비 = 제조장비).
    """
    text = unicodedata.normalize("NFKC", text).casefold().translate(_HIRAGANA_TO_KATAKANA)
    text = _LONG_VOWEL.sub("", text)
    text = _QUANTITY.sub(_quantity, text)
    text = _NOT_WORD.sub(" ", text).replace(". ", " ")
    return _GAP.sub("", re.sub(r"\s+", " ", text)).strip(" .")


def _stem(word: str) -> str:
    """A light English stem (plurals only): ``bearings`` → ``bearing``, ``valves`` → ``valve``."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _bigrams(run: str) -> list[str]:
    return [run] if len(run) < 2 else [run[i : i + 2] for i in range(len(run) - 1)]


def terms(folded: str) -> list[str]:
    """Index terms of folded text: stemmed Latin words and CJK/Hangul character bigrams."""
    out: list[str] = []
    for token in _TOKEN.findall(folded):
        if _LATIN.match(token):
            if token not in _STOPWORDS:
                out.append(_stem(token))
        else:
            out.extend(_bigrams(token))
    return out


# -- synonyms -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Synonym:
    """One curated row: an everyday ``term`` that ``means`` a legal word (any language)."""

    term: str
    means: str
    lang: str
    source: str = ""
    note: str = ""


def _synonym_dirs() -> list[Path]:
    packaged = Path(str(resources.files("crosswalk") / "data" / "synonyms"))
    checkout = Path(__file__).resolve().parents[2] / "data" / "synonyms"
    return [d for d in (packaged, checkout) if d.is_dir()]


def load_synonyms(folder: Path | str | None = None) -> tuple[Synonym, ...]:
    """Every row of ``*.tsv`` in ``folder`` (default: the packaged, else the checkout's table).

    Columns: ``term  means  source  note``; ``#`` lines are comments; the file name is the
    language of ``term`` (``ja.tsv``, ``en.tsv``, ``ko.tsv``).
    """
    folders = [Path(folder)] if folder else _synonym_dirs()[:1]
    rows: list[Synonym] = []
    for path in sorted(p for d in folders for p in d.glob("*.tsv")):
        with open(path, encoding="utf-8", newline="") as handle:
            lines = (line for line in handle if line.strip() and not line.startswith("#"))
            for record in csv.DictReader(lines, delimiter="\t"):
                rows.append(Synonym(record["term"].strip(), record["means"].strip(), path.stem,
                                    (record.get("source") or "").strip(), (record.get("note") or "").strip()))  # fmt: skip
    return tuple(rows)


@lru_cache(maxsize=4)
def _synonym_table(folder: str | None = None) -> dict[str, tuple[Synonym, ...]]:
    table: dict[str, list[Synonym]] = {}
    for row in load_synonyms(folder):
        table.setdefault(fold(row.term), []).append(row)
    return {key: tuple(rows) for key, rows in table.items() if key}


def kosti_synonyms(entries: Iterable[Any], most: int = 3) -> tuple[Synonym, ...]:
    """Korean → English pairs read from the KOSTI keyword lists of the Korean entries.

    A Korean keyword that names at most ``most`` entries is paired with the shortest English
    keywords of those entries, so a Korean query also finds the EU, US and Japanese entries.
    """
    by_word: dict[str, list[Any]] = {}
    for entry in entries:
        for word in entry.keywords:
            if re.search(f"[{_HANGUL}]", word):
                by_word.setdefault(word, []).append(entry)
    rows = []
    for word, found in by_word.items():
        english = sorted({k for e in found for k in e.keywords if k.isascii()}, key=len)
        if len(found) <= most:
            rows += [Synonym(word, k, "ko", f"KOSTI kr:{found[0].code}") for k in english[:most]]
    return tuple(rows)


_KOSTI: weakref.WeakKeyDictionary[Any, dict[str, tuple[Synonym, ...]]] = weakref.WeakKeyDictionary()


def _synonyms_for(dataset: Any) -> dict[str, tuple[Synonym, ...]]:
    """The curated table plus the dataset's KOSTI pairs (curated rows first)."""
    with _LOCK:
        if dataset not in _KOSTI:
            table = {k: list(v) for k, v in _synonym_table().items()}
            for row in kosti_synonyms(dataset.entries("kr")) if dataset.versions_of("kr") else ():
                table.setdefault(fold(row.term), []).append(row)
            _KOSTI[dataset] = {k: tuple(v) for k, v in table.items()}
        return _KOSTI[dataset]


# -- the index of one list version ----------------------------------------------------------


@dataclass(slots=True)
class _Doc:
    entry: Any
    title: str
    keywords: str
    text: str
    context: str  # the titles of the entry's ancestors: a sub-item's words are often only there


class ListSearchIndex:
    """Folded fields and BM25 postings of one list version, built once and cached."""

    def __init__(self, entries: Iterable[Any]) -> None:
        listed = [e for e in entries if not e.deleted]
        by_code = {e.code: e for e in listed}
        self.docs = [_doc(e, by_code) for e in listed]
        bags = [_bag(d) for d in self.docs]
        lengths = np.array([sum(b.values()) or 1 for b in bags], dtype=np.float64)
        self.postings = _postings(bags, lengths)
        self.vocabulary = sorted(t for t in self.postings if _LATIN.match(t))
        self._char_cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def lookup(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(doc ids, BM25 weights) of ``term``; a single CJK character matches its bigrams."""
        if term in self.postings or len(term) != 1 or _LATIN.match(term):
            return self.postings.get(term, _EMPTY)
        if term not in self._char_cache:
            self._char_cache[term] = _merge(
                [p for t, p in self.postings.items() if term in t and len(t) == 2]
            )
        return self._char_cache[term]


_EMPTY = (np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float64))


def _doc(entry: Any, by_code: dict[str, Any]) -> _Doc:
    text = entry.text if entry.text != entry.title else ""
    context = fold(_context(entry, by_code))
    return _Doc(entry, fold(entry.title), fold(" / ".join(entry.keywords)), fold(text), context)


def _context(entry: Any, by_code: dict[str, Any], depth: int = 3) -> str:
    """Titles of the entry's ancestors, nearest first (up to ``depth`` levels)."""
    titles: list[str] = []
    while entry.parent in by_code and len(titles) < depth:
        entry = by_code[entry.parent]
        titles.append(entry.title)
    return " / ".join(titles)


def _bag(doc: _Doc) -> Counter[str]:
    bag = Counter(terms(doc.title) * 3 + terms(doc.keywords) * 3)
    bag.update(terms(doc.text) + terms(doc.context))
    return bag


def _postings(bags: list[Counter[str]], lengths: np.ndarray) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    by_term: dict[str, list[tuple[int, int]]] = {}
    for doc, bag in enumerate(bags):
        for term, count in bag.items():
            by_term.setdefault(term, []).append((doc, count))
    norm = _BM25_K1 * (1 - _BM25_B + _BM25_B * lengths / lengths.mean())
    out = {}
    for term, rows in by_term.items():
        ids = np.array([r[0] for r in rows], dtype=np.int32)
        tf = np.array([r[1] for r in rows], dtype=np.float64)
        idf = math.log(1 + (len(bags) - len(rows) + 0.5) / (len(rows) + 0.5))
        out[term] = (ids, idf * tf * (_BM25_K1 + 1) / (tf + norm[ids]))
    return out


def _merge(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    if not parts:
        return _EMPTY
    ids = np.concatenate([p[0] for p in parts])
    weights = np.concatenate([p[1] for p in parts])
    unique, inverse = np.unique(ids, return_inverse=True)
    summed = np.zeros(len(unique))
    np.add.at(summed, inverse, weights)
    return unique.astype(np.int32), summed


_INDEXES: weakref.WeakKeyDictionary[Any, dict[tuple[str, str], ListSearchIndex]] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def search_index(dataset: Any, scheme: str, as_of: str | dt.date | None = None) -> ListSearchIndex:
    """The search index of ``scheme`` in force on ``as_of``, cached with the dataset."""
    version = dataset.version_for(scheme, as_of)
    with _LOCK:
        cache = _INDEXES.setdefault(dataset, {})
        key = (version.scheme, version.version)
        if key not in cache:
            cache[key] = ListSearchIndex(dataset.entries(scheme, as_of))
        return cache[key]


# -- hits -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hit:
    """One entry found: what it is, what it matched, how well (0–100) and by which route.

    ``kind`` is ``code`` (the query is this code), ``suggestion`` (the query looks like a
    code with a slip: did you mean this?) or ``text`` (matched by words).
    """

    scheme: str
    code: str
    title: str
    version: str
    score: float
    kind: str
    field: str  # title, keywords, text, code
    matched: str  # the passage of the entry that matched (or the code)
    via: tuple[str, ...] = ()  # synonyms and spelling corrections used ("ベアリング → 軸受")

    @property
    def weak(self) -> bool:
        """A weak hit is a lead to read, not an answer."""
        return self.score < WEAK

    def counterparts(self, as_of: str | dt.date | None = None) -> dict[str, tuple[str, ...]]:
        """The entry's numbers in the other schemes, from the mapping tables (may be empty)."""
        return _counterparts(self.scheme, self.code, as_of)

    def to_dict(self, with_counterparts: bool = False, as_of: str | dt.date | None = None) -> dict[str, Any]:
        out = {"scheme": self.scheme, "code": self.code, "title": self.title, "version": self.version,
               "score": round(self.score, 1), "weak": self.weak, "kind": self.kind,
               "field": self.field, "matched": self.matched, "via": list(self.via)}  # fmt: skip
        if with_counterparts:
            out["counterparts"] = {k: list(v) for k, v in self.counterparts(as_of).items()}
        return out


class Hits(list[Hit]):
    """The hits of one query, best first, with "did you mean" codes and the caveat."""

    def __init__(self, query: str, hits: Iterable[Hit] = (), suggestions: Sequence[str] = (),
                 message: str = "") -> None:  # fmt: skip
        super().__init__(hits)
        self.query = query
        self.suggestions = tuple(suggestions)
        self.message = message
        self.caveat = CAVEAT

    @property
    def confident(self) -> list[Hit]:
        return [h for h in self if not h.weak]

    def to_dict(self, with_counterparts: bool = False, as_of: str | dt.date | None = None) -> dict[str, Any]:
        return {"query": self.query, "message": self.message, "suggestions": list(self.suggestions),
                "hits": [h.to_dict(with_counterparts, as_of) for h in self], "caveat": self.caveat}  # fmt: skip


def _counterparts(scheme: str, code: str, as_of: str | dt.date | None) -> dict[str, tuple[str, ...]]:
    from crosswalk.translation import translate

    found: dict[str, tuple[str, ...]] = {}
    for target in COUNTERPART_SCHEMES:
        if target == scheme or scheme == "ml":
            continue
        result = translate(code, target, scheme, as_of)
        codes = tuple(dict.fromkeys(m.code for m in result.matches if m.code))
        if result.status in ("mapped", "partial") and codes:
            found[target] = codes[:3]
    return found


# -- numbers --------------------------------------------------------------------------------

_EU_LIKE = re.compile(r"[0-9][A-Ea-e][0-9OoIl]{3}(?:[ .]?[0-9A-Za-z]{1,3})*\.?")
_JP_SLIP = re.compile(r"(\d{1,2}(?:の\d)?)\s*(?:項)?\s*[-.\s]\s*(\d{1,2}(?:の\d)?)(.*)")
_CODE_SHAPED = re.compile(
    r"[0-9][A-Ea-e][0-9OoIl]{3}\S*|ML\s?\d.*|EAR\s?99|第.+[条号].*|\d{1,2}(?:の\d)?\s*項?\s*[-.(\s]\s*\d.*|\d{1,2}項?",
    re.IGNORECASE,
)


def looks_like_code(text: str) -> bool:
    """True if ``text`` is shaped like a code of some scheme (well-formed or not).

    >>> [looks_like_code(t) for t in ("3A0O1", "7-1", "第6条", "ML8", "GPS", "3D printer")]
    [True, True, True, True, False, False]
    """
    from crosswalk.schemes import detect

    text = normalize_code(text)
    return bool(_CODE_SHAPED.fullmatch(text)) or bool(detect(text))


def _repairs(text: str) -> list[str]:
    """Spellings that undo the usual slips: letter O/I/l for a digit, ``7-1`` for ``7(1)``."""
    out = []
    if _EU_LIKE.fullmatch(text):
        digits = text[2:5].translate(str.maketrans("OoIl", "0011"))
        out.append(text[:2].upper() + digits + text[5:])
    slip = _JP_SLIP.fullmatch(text)
    if slip:
        out.append(f"{slip.group(1)}({slip.group(2)}){slip.group(3).strip()}")
    return [r for r in out if r != text]


def _entry_hit(entry: Any, score: float, kind: str, via: tuple[str, ...] = ()) -> Hit:
    return Hit(entry.scheme, entry.code, entry.title, entry.version, score, kind, "code", entry.code, via)


def _exact(dataset: Any, text: str, schemes: Sequence[str], as_of: Any) -> list[Any]:
    from crosswalk.schemes import detect

    found = [dataset.find(s, text, as_of) for s in detect(text) if s in schemes]
    return [e for e in found if e is not None]


def _code_hits(dataset: Any, query: str, schemes: Sequence[str], as_of: Any) -> Hits | None:
    """Hits for a code-shaped query, or None when the query is not shaped like a code."""
    text = normalize_code(query)
    if not looks_like_code(text):
        return None
    exact = _exact(dataset, text, schemes, as_of)
    if exact:
        return Hits(query, [_entry_hit(e, EXACT_CODE, "code") for e in exact])
    moved = _moved(dataset, query, text, schemes, as_of)
    if moved is not None:
        return moved
    repaired = [(r, e) for r in _repairs(text) for e in _exact(dataset, r, schemes, as_of)]
    hits = [_entry_hit(e, REPAIRED_CODE, "suggestion", (f"{text} → {r}",)) for r, e in repaired]
    near = [(s, c) for s in schemes for c in dataset.suggest(s, text, as_of, limit=3)]
    seen = {(h.scheme, h.code) for h in hits}
    for scheme, code in near:
        if (scheme, code) not in seen and len(hits) < 8:
            seen.add((scheme, code))
            hits.append(_entry_hit(dataset.get(scheme, code, as_of), NEAR_CODE, "suggestion"))
    codes = tuple(dict.fromkeys(h.code for h in hits))
    message = f"{text!r} is not a code in the lists searched" + (
        f"; did you mean {', '.join(codes[:5])}?" if codes else "")  # fmt: skip
    return Hits(query, hits, codes, message)


def _moved(dataset: Any, query: str, text: str, schemes: Sequence[str], as_of: Any) -> Hits | None:
    """A code of another installed version: removed (its successors are the hits) or not yet added."""
    from crosswalk.errors import CrosswalkError
    from crosswalk.history import lifecycle
    from crosswalk.schemes import detect
    from crosswalk.schemes import get as get_scheme

    for scheme in (s for s in detect(text) if s in schemes):
        try:
            code = get_scheme(scheme).validate(text)
        except CrosswalkError:
            continue
        status = lifecycle(dataset, scheme, code, as_of)
        if status.state not in ("removed", "not-yet"):
            continue
        hits = [_entry_hit(entry, REPAIRED_CODE, "successor", (step.describe(),))
                for step in status.successors if step.code and (entry := dataset.find(scheme, step.code, as_of))]  # fmt: skip
        return Hits(query, hits, tuple(h.code for h in hits), status.explain())
    return None


# -- words ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Concept:
    """One part of the query and the ways it may be written in an entry."""

    label: str
    variants: list[str] = field(default_factory=list)  # folded phrases
    via: list[str] = field(default_factory=list)


def _segments(query: str) -> list[str]:
    pieces = [fold(p) for p in unicodedata.normalize("NFKC", query).split()]
    return [t for p in pieces for t in _TOKEN.findall(p) if t not in _STOPWORDS]


def concepts(query: str, synonyms: dict[str, tuple[Synonym, ...]] | None = None) -> list[_Concept]:
    """The query's concepts, each with its synonyms (a synonym spanning parts joins them)."""
    table = _synonym_table() if synonyms is None else synonyms
    parts = [_Concept(s, [s]) for s in _segments(query)]
    whole = fold(query)
    for key in sorted(table, key=len, reverse=True):
        if not _contains(whole, key):
            continue
        inside = [c for c in parts if _contains(key, c.label) or _contains(c.label, key)]
        target = _join(parts, inside) if len(inside) > 1 else (inside[0] if inside else None)
        if target is None:
            continue
        for row in table[key]:
            if fold(row.means) not in target.variants:
                target.variants.append(fold(row.means))
                target.via.append(f"{row.term} → {row.means}")
    return parts


def _contains(text: str, key: str) -> bool:
    if _LATIN.match(key):
        return re.search(rf"(?<![0-9a-z]){re.escape(key)}(?:e?s)?(?![0-9a-z])", text) is not None
    return key in text


def _join(parts: list[_Concept], inside: list[_Concept]) -> _Concept:
    joined = _Concept(" ".join(c.label for c in inside))
    joined.variants = [joined.label] + [v for c in inside for v in c.variants[1:]]
    joined.via = [v for c in inside for v in c.via]
    at = parts.index(inside[0])
    for concept in inside:
        parts.remove(concept)
    parts.insert(at, joined)
    return joined


def _variant_terms(variant: str, vocabulary: set[str], corrections: dict[str, str]) -> list[str]:
    out = []
    for term in terms(variant):
        out.append(corrections.get(term, term) if term not in vocabulary else term)
    return out


@dataclass(slots=True)
class _Query:
    text: str
    concepts: list[_Concept]
    corrections: dict[str, str]


def _unknown_words(phrases: Iterable[str], vocabulary: set[str]) -> list[str]:
    """Latin words of ``phrases`` (folded) that no list has: candidates for spelling correction."""
    return sorted({t for p in phrases for t in terms(p)
                   if _LATIN.match(t) and len(t) >= 4 and t not in vocabulary and not t.isdigit()})  # fmt: skip


def _prepare(query: str, vocabulary: list[str], vocab_set: set[str], known: dict[str, str] | None,
             synonyms: dict[str, tuple[Synonym, ...]] | None = None) -> _Query:  # fmt: skip
    found = concepts(query, synonyms)
    unknown = _unknown_words((v for c in found for v in c.variants), vocab_set)
    if known is not None:  # precomputed for a batch
        return _Query(query, found, {w: known[w] for w in unknown if w in known})
    return _Query(query, found, _corrections(unknown, vocabulary))


def _corrections(words: list[str], vocabulary: list[str]) -> dict[str, str]:
    """Nearest known word of each unknown Latin word (spelling slips: ``bearng`` → ``bearing``)."""
    if not words or not vocabulary:
        return {}
    words = [w for w in words if len(w) > 5]  # short words have too many near neighbours (shirt/shift)
    if not words:
        return {}
    scores = process.cdist(words, vocabulary, scorer=fuzz.ratio, score_cutoff=85, workers=-1)
    best = scores.argmax(axis=1)
    return {w: vocabulary[int(b)] for w, b, row in zip(words, best, scores, strict=True) if row[b] > 0}


@dataclass(slots=True)
class _Plan:
    """A query prepared for one index: per concept, its rarity and its variants' terms."""

    concepts: list[tuple[float, _Concept, list[tuple[str, list[str]]]]]
    present: dict[str, set[int]] = field(default_factory=dict)  # Latin term → candidate docs having it


def _plan(index: ListSearchIndex, query: _Query, vocab: set[str]) -> _Plan:
    planned = []
    for concept in query.concepts:
        variants = [(v, _variant_terms(v, vocab, query.corrections)) for v in concept.variants]
        weights = [len(index.docs) / (1 + len(index.lookup(t)[0])) for t in variants[0][1]]
        planned.append((math.log(1 + (min(weights) if weights else len(index.docs))), concept, variants))
    return _Plan(planned)


def _bm25(index: ListSearchIndex, plan: _Plan) -> np.ndarray:
    scores = np.zeros(len(index.docs))
    for _, _, variants in plan.concepts:
        best = np.zeros(len(index.docs))
        for _, variant_terms in variants:
            found = np.zeros(len(index.docs))
            for term in variant_terms:
                ids, weights = index.lookup(term)
                found[ids] += weights
            np.maximum(best, found, out=best)
        scores += best
    return scores


def _mark_present(index: ListSearchIndex, plan: _Plan, candidates: np.ndarray) -> None:
    """Which candidates contain each Latin term (one vectorised test per term)."""
    for _, _, variants in plan.concepts:
        for variant, variant_terms in variants:
            for term in variant_terms if _LATIN.match(variant) else ():
                if term not in plan.present:
                    ids = index.lookup(term)[0]
                    plan.present[term] = set(candidates[np.isin(candidates, ids)].tolist())


def _concept_fit(doc: _Doc, variant: str, variant_terms: list[str], plan: _Plan,
                 at: int) -> tuple[float, str, int]:  # fmt: skip
    """How well one variant appears in a doc: (0–1, field, position in that field)."""
    if _LATIN.match(variant):
        return _latin_fit(doc, variant, variant_terms, plan, at)
    best = (0.0, "", 0)
    for name in _FIELDS:
        text = getattr(doc, name)[:_TEXT_CAP]
        found = fuzz.partial_ratio_alignment(variant, text, score_cutoff=55) if text else None
        if found is not None:
            fit = max(0.0, (found.score - 50) / 50) * FIELD_WEIGHT[name]
            if fit > best[0]:
                best = (fit, name, found.dest_start)
    return best


def _latin_fit(
    doc: _Doc, variant: str, variant_terms: list[str], plan: _Plan, at: int
) -> tuple[float, str, int]:
    """Share of the variant's words in the doc; 10 % less when they are not together."""
    found = [t for t in variant_terms if at in plan.present.get(t, ())]
    if not found:
        return 0.0, "", 0
    name, text = _field_with(doc, found[0])
    together = len(variant_terms) < 2 or any(variant in getattr(doc, f) for f in _FIELDS)
    share = len(found) / len(variant_terms) * (1.0 if together else 0.9)
    return share * FIELD_WEIGHT[name], name, max(text.find(found[0][:4]), 0)


def _field_with(doc: _Doc, term: str) -> tuple[str, str]:
    for name in _FIELDS:
        if term[:4] in getattr(doc, name):
            return name, getattr(doc, name)
    return "text", doc.text


def _text_hit(plan: _Plan, query: _Query, doc: _Doc, at: int, bm25: float) -> tuple[Hit, float]:
    """The hit of one candidate and its rank key (score, then title fit, BM25 and level)."""
    total = got = 0.0
    where: tuple[float, str, int] = (0.0, "", 0)
    via: list[str] = []
    in_title = leads = 0
    for rarity, concept, variants in plan.concepts:
        fits = [(_concept_fit(doc, v, t, plan, at), i) for i, (v, t) in enumerate(variants)]
        (fit, i) = max(fits, key=lambda f: f[0][0])
        total += rarity
        got += rarity * fit[0]
        where = fit if fit[0] > where[0] else where
        if i > 0 and fit[0] > 0:
            via.append(concept.via[i - 1])
        in_title += len(concept.variants[i]) if fit[1] == "title" else 0
        leads += fit[1] == "title" and fit[2] == 0
    via += [f"{w} → {c}" for w, c in query.corrections.items()]
    score = 100 * got / total if total else 0.0
    score *= 0.9 if query.corrections else 1.0  # a corrected spelling is a guess
    entry, name = doc.entry, where[1] or "text"
    hit = Hit(entry.scheme, entry.code, entry.title, entry.version, round(score, 1), "text", name,
              _passage(entry, name, where[2], getattr(doc, name)), tuple(via))  # fmt: skip
    # a title that is mostly the query, or starts with it (its head word), ranks first
    share = min(1.0, in_title / max(len(doc.title), 1))
    return hit, score + 5 * share + 2 * leads / len(plan.concepts) + min(
        bm25, 50
    ) / 1000 - entry.level / 10_000


def _passage(entry: Any, name: str, start: int, folded: str, width: int = 60) -> str:
    """About ``width`` characters of the entry's own text around where the query matched."""
    original = {"title": entry.title, "keywords": " / ".join(entry.keywords)}.get(name, entry.text)
    if len(original) <= width:
        return original
    at = int(start * len(original) / max(len(folded), 1))
    begin = max(0, min(at - width // 4, len(original) - width))
    prefix, suffix = ("…" if begin else ""), ("…" if begin + width < len(original) else "")
    return prefix + original[begin : begin + width] + suffix


def _vocabulary(indexes: list[ListSearchIndex]) -> tuple[list[str], set[str]]:
    words = sorted({w for index in indexes for w in index.vocabulary})
    return words, set(words)


def _text_hits(dataset: Any, query: str, schemes: Sequence[str], as_of: Any, limit: int,
               known: dict[str, str] | None = None) -> Hits:  # fmt: skip
    indexes = [search_index(dataset, s, as_of) for s in schemes]
    vocab_list, vocab = _vocabulary_cached(dataset, tuple(schemes), as_of, indexes)
    prepared = _prepare(query, vocab_list, vocab, known, _synonyms_for(dataset))
    if all(c.label.replace(".", "").isdigit() for c in prepared.concepts):
        return Hits(query, message="the query has no words to search for (and is not a code of any list)")
    ranked: list[tuple[float, Hit]] = []
    for index in indexes:
        plan = _plan(index, prepared, vocab)
        scores = _bm25(index, plan)
        top = np.argpartition(-scores, min(_CANDIDATES, len(scores) - 1))[:_CANDIDATES]
        top = top[scores[top] > 0]
        _mark_present(index, plan, top)
        for at in top.tolist():
            hit, rank = _text_hit(plan, prepared, index.docs[at], at, float(scores[at]))
            if hit.score > 0:
                ranked.append((rank, hit))
    ranked.sort(key=lambda r: -r[0])
    hits = Hits(query, [h for _, h in ranked[:limit]])
    if not hits.confident:
        hits.message = "no confident hit"
    return hits


_VOCAB: weakref.WeakKeyDictionary[Any, dict[Any, tuple[list[str], set[str]]]] = weakref.WeakKeyDictionary()


def _vocabulary_cached(dataset: Any, schemes: tuple[str, ...], as_of: Any,
                       indexes: list[ListSearchIndex]) -> tuple[list[str], set[str]]:  # fmt: skip
    key = (schemes, tuple(dataset.version_for(s, as_of).version for s in schemes))
    with _LOCK:
        cache = _VOCAB.setdefault(dataset, {})
        if key not in cache:
            cache[key] = _vocabulary(indexes)
        return cache[key]


# -- public API -----------------------------------------------------------------------------


def _schemes(dataset: Any, schemes: str | Sequence[str] | None) -> list[str]:
    from crosswalk.schemes import get as get_scheme

    if schemes is None:
        return [s for s in SEARCHABLE if dataset.versions_of(s)]
    names = schemes.split(",") if isinstance(schemes, str) else list(schemes)
    return [str(get_scheme(n.strip()).NAME) for n in names if n.strip()]


def search(text: str, schemes: str | Sequence[str] | None = None, limit: int = 10,
           as_of: str | dt.date | None = None, dataset: Any = None) -> Hits:  # fmt: skip
    """Entries of every list (or of ``schemes``) that match ``text``, best first.

    ``text`` is a description in Japanese, English or Korean (everyday words are fine) or a
    code in any scheme and spelling.  A code is looked up exactly; a malformed one gives
    "did you mean" hits (``kind == "suggestion"``) and ``Hits.suggestions``.  Each
    :class:`Hit` carries its score (0–100; below :data:`WEAK` it is weak), the passage it
    matched and the synonyms used; ``hit.counterparts()`` gives its numbers in other schemes.

    No hit, or a weak one, is not a classification and not clearance (:data:`CAVEAT`).

    >>> hits = search("ベアリング", schemes="jp")
    >>> hits[0].code, hits[0].via
    ('6(1)', ('ベアリング → 軸受',))
    >>> search("3A0O1", schemes="eu").suggestions[0]
    '3A001'
    """
    from crosswalk import load

    dataset = dataset or load()
    return _search(dataset, text, _schemes(dataset, schemes), limit, as_of)


def _search(dataset: Any, text: Any, names: list[str], limit: int, as_of: Any,
            known: dict[str, str] | None = None) -> Hits:  # fmt: skip
    if not isinstance(text, str) or not text.strip():
        return Hits(str(text or ""), message="empty query")
    found = _code_hits(dataset, text, names, as_of)
    if found is not None and (found or not _has_words(text)):
        return Hits(found.query, found[:limit], found.suggestions, found.message)
    return _text_hits(dataset, text, names, as_of, limit, known)


def _has_words(text: str) -> bool:
    return any(len(t) > 2 for t in _segments(text))


def search_many(descriptions: Sequence[str], schemes: str | Sequence[str] | None = None, limit: int = 3,
                as_of: str | dt.date | None = None, dataset: Any = None) -> list[Hits]:  # fmt: skip
    """:func:`search` for many descriptions (a spreadsheet column), one :class:`Hits` each.

    Identical descriptions are searched once; spelling corrections for every description are
    found in one :func:`rapidfuzz.process.cdist` call (``workers=-1``) over the vocabulary.
    """
    from crosswalk import load

    dataset = dataset or load()
    names = _schemes(dataset, schemes)
    indexes = [search_index(dataset, s, as_of) for s in names]
    vocab_list, vocab = _vocabulary_cached(dataset, tuple(names), as_of, indexes)
    unique = list(dict.fromkeys(str(d) for d in descriptions))
    phrases = [v for d in unique for c in concepts(d, _synonyms_for(dataset)) for v in c.variants]
    known = _corrections(_unknown_words(phrases, vocab), vocab_list)
    answers = {d: _search(dataset, d, names, limit, as_of, known) for d in unique}
    return [answers[str(d)] for d in descriptions]
