"""Compile the official sources and the curated tables into the packaged dataset.

Reads the source files (default ``../shared/sources`` beside the project, or a
folder a user gives) and the curated tables under ``data/``; writes
``src/crosswalk/data/``: one JSON file per list version (one entry per line, so
that an update is a reviewable diff), compiled mapping sets, and
``manifest.json`` naming every source file with its URL, effective date and
sha256.  The output is deterministic: building twice gives identical bytes.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from crosswalk.errors import DataError
from crosswalk.model import Entry
from crosswalk.schemes import get as get_scheme
from crosswalk.sources import (
    ccl,
    egov_beppyo1,
    eu_annex,
    foreign_exchange,
    kr_annex,
    military_list,
    sha256_of,
    shorei,
)

EU_NOTICE = (
    "Contains Annex I of Regulation (EU) 2021/821 (consolidated). © European Union, "
    "https://eur-lex.europa.eu/ — reuse permitted provided the source is acknowledged "
    "(Commission Decision 2011/833/EU). Only the Official Journal of the European Union is authentic."
)
JP_NOTICE = "Japanese statutes are not subject to copyright (著作権法第13条). Source: e-Gov 法令検索."
KR_NOTICE = "Korean public notices are not subject to copyright (저작권법 제7조). Source: 국가법령정보센터."
US_NOTICE = "US federal government work, public domain (17 U.S.C. 105). Source: eCFR."


@dataclass(frozen=True)
class ListSource:
    """One list version and how to read it."""

    scheme: str
    version: str
    title: str
    url: str
    attribution: str
    files: tuple[str, ...]  # relative to the sources folder ("@data/…" = the project's data folder)
    reader: Callable[[Sequence[Path], str], list[Entry]]
    notes: str = ""


def _optional(paths: Sequence[Path], index: int) -> Path | None:
    return paths[index] if len(paths) > index else None


LIST_SOURCES: tuple[ListSource, ...] = (
    ListSource("jp", "2025-01-23", "輸出貿易管理令 別表第1", egov_beppyo1.URL, JP_NOTICE,
               ("jp/yushutsurei_20250123_beppyo1.xml",), lambda p, v: egov_beppyo1.parse(p[0], v)),
    ListSource("jp", "2026-06-05", "輸出貿易管理令 別表第1", egov_beppyo1.URL, JP_NOTICE,
               ("jp/yushutsurei_20260605_beppyo1.xml",), lambda p, v: egov_beppyo1.parse(p[0], v)),
    ListSource("jp-clause", "2025-05-28", "貨物等省令", shorei.URL, JP_NOTICE,
               ("jp/kamotsu_shorei_20250528.tsv",), lambda p, v: shorei.parse_tsv(p[0], v)),
    ListSource("jp-clause", "2026-02-14", "貨物等省令", shorei.URL, JP_NOTICE,
               ("jp/kamotsu_shorei_20260214.tsv",), lambda p, v: shorei.parse_tsv(p[0], v)),
    ListSource("eu", "2025-11-15", "Regulation (EU) 2021/821 Annex I",
               "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:02021R0821-20251115",
               EU_NOTICE, ("eu/eu_annex_i_02021R0821-20251115.json",),
               lambda p, v: eu_annex.parse(p[0], v)),
    ListSource("us", "2026-07-23", "Commerce Control List (15 CFR 774 Supp. 1)",
               "https://www.ecfr.gov/current/title-15/subtitle-B/chapter-VII/subchapter-C/part-774",
               US_NOTICE, ("us/ccl_ecfr_2026-07-23_seelpeed.json", "us/ccl_ecfr_jaepaly_v3.json"),
               lambda p, v: ccl.parse(p[0], _optional(p, 1), v)),
    ListSource("kr", "2025-12-31", "전략물자 수출입고시 (산업통상부고시 제2025-37호) 별표1·별표4",
               "https://www.law.go.kr/행정규칙/전략물자수출입고시", KR_NOTICE,
               ("kr/byeolpyo1_index_2025-37.csv", "kr/byeolpyo4_regime_classification_2025-37.txt",
                "kr/kosti_item_keywords_20260522.csv", "kr/kosti_hsk_linkage_20181126_utf8.csv"),
               lambda p, v: kr_annex.parse(p[0], _optional(p, 1), _optional(p, 2), _optional(p, 3), v),
               notes="별표2/별표3 full texts are not bundled; titles come from the 별표1 index."),
    ListSource("ml", "2025", "Wassenaar Munitions List / EU Common Military List (headings)",
               "https://www.wassenaar.org/control-lists/", "Curated headings; see data/ml/military_list.tsv.",
               ("@data/ml/military_list.tsv",), lambda p, v: military_list.parse(p[0], v)),
)  # fmt: skip


def default_sources_dir(project: Path) -> Path:
    return Path(os.environ.get("CROSSWALK_SOURCES", project.parent / "shared" / "sources"))


def resolve(source: ListSource, sources_dir: Path, data_dir: Path) -> list[Path]:
    paths = []
    for name in source.files:
        path = data_dir / name[len("@data/") :] if name.startswith("@data/") else sources_dir / name
        if not path.exists():
            raise DataError(f"missing source file {path} (for {source.scheme} {source.version})")
        paths.append(path)
    return paths


def compile_list(source: ListSource, paths: list[Path]) -> tuple[list[Entry], dict[str, Any]]:
    entries = source.reader(paths, source.version)
    check_entries(source, entries)
    scheme = get_scheme(source.scheme)
    entries.sort(key=lambda e: scheme.parse(e.code).sort_key if e.code != "EAR99" else ("~",))
    return entries, _list_meta(source, paths, entries)


def foreign_exchange_url() -> str:
    return "https://laws.e-gov.go.jp/law/355CO0000000260"


def _list_meta(source: ListSource, paths: list[Path], entries: list[Entry]) -> dict[str, Any]:
    counts = Counter(e.kind for e in entries)
    counts["entries"] = len(entries)
    counts["deleted"] = sum(e.deleted for e in entries)
    return {
        "scheme": source.scheme,
        "version": source.version,
        "title": source.title,
        "file": f"lists/{source.scheme}@{source.version}.json",
        "sources": [
            {"file": p.name, "sha256": sha256_of(p), "url": source.url, "title": source.title,
             "attribution": source.attribution, "retrieved": ""}
            for p in paths
        ],
        "counts": dict(sorted(counts.items())),
        "notes": source.notes,
    }  # fmt: skip


def check_entries(source: ListSource, entries: list[Entry]) -> None:
    """Unique codes, canonical codes, parents present, text unless deleted."""
    from pydantic import TypeAdapter

    TypeAdapter(list[Entry]).validate_python([e.to_dict() for e in entries])
    scheme = get_scheme(source.scheme)
    codes = Counter(e.code for e in entries)
    if dupes := [c for c, n in codes.items() if n > 1]:
        raise DataError(f"{source.scheme} {source.version}: duplicate codes {dupes[:5]}")
    for entry in entries:
        if scheme.validate(entry.code) != entry.code:
            raise DataError(f"{source.scheme}: {entry.code} is not canonical")
        if entry.parent and entry.parent not in codes:
            raise DataError(f"{source.scheme}: parent {entry.parent} of {entry.code} is missing")
        if not entry.text and not ({"deleted", "implied"} & set(entry.flags)):
            raise DataError(f"{source.scheme}: {entry.code} has no text")


def dump_entries(entries: list[Entry]) -> str:
    lines = [json.dumps(_compact(e.to_dict()), ensure_ascii=False, sort_keys=True) for e in entries]
    return "[\n" + ",\n".join(lines) + "\n]\n"


def dump_index(entries: list[Entry]) -> str:
    """The light index of a list version: what a translation needs, without the full texts."""
    from crosswalk.dataset import INDEX_FIELDS

    lines = []
    for entry in entries:
        record = {k: v for k, v in _compact(entry.to_dict()).items() if k in INDEX_FIELDS}
        lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True))
    return "[\n" + ",\n".join(lines) + "\n]\n"


def _compact(record: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty optional fields; the loader fills the defaults back in."""
    return {k: v for k, v in record.items() if v not in ((), [], {}, "") or k in ("text", "title")}


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
        out.write(text)
    os.chmod(tmp, 0o644)  # mkstemp makes the file private; the dataset is read by every user
    os.replace(tmp, path)


def build(sources_dir: Path, out_dir: Path, data_dir: Path,
          log: Callable[[str], None] = lambda _: None,
          matrix_files: tuple[Path, ...] = ()) -> dict[str, Any]:  # fmt: skip
    """Build every list version and mapping set; return the manifest.

    ``matrix_files``: METI 貨物・技術のマトリクス表 workbooks a user downloaded; each adds two
    reference sets (its item → clause alignment and its 2007 ECCN column).
    """
    from crosswalk import mappings as mapping_build

    lists = []
    compiled: dict[tuple[str, str], list[Entry]] = {}
    for source in LIST_SOURCES:
        entries, meta = compile_list(source, resolve(source, sources_dir, data_dir))
        write_atomic(out_dir / meta["file"], dump_entries(entries))
        write_atomic(out_dir / meta["file"].replace(".json", ".index.json"), dump_index(entries))
        compiled[(source.scheme, source.version)] = entries
        lists.append(meta)
        log(f"{source.scheme:9} {source.version}  {len(entries):6} entries")
    for (scheme, version), entries in list(compiled.items()):
        if scheme == "jp-clause":  # 外為令 items, as the technology articles name them
            source = ListSource("jp-tech", version, "外国為替令 別表 (items named by 貨物等省令 第15条–第28条)",
                                foreign_exchange_url(), JP_NOTICE, (), lambda p, v: [],
                                notes="derived from the technology articles of 貨物等省令 of the same date")  # fmt: skip
            derived = foreign_exchange.derive(entries, version)
            check_entries(source, derived)
            parent = next(m for m in lists if m["scheme"] == "jp-clause" and m["version"] == version)
            meta = {**_list_meta(source, [], derived), "sources": parent["sources"]}
            write_atomic(out_dir / meta["file"], dump_entries(derived))
            write_atomic(out_dir / meta["file"].replace(".json", ".index.json"), dump_index(derived))
            compiled[("jp-tech", version)] = derived
            lists.append(meta)
            log(f"jp-tech    {version}  {len(derived):6} entries (derived)")
    for table in sorted((data_dir / "synonyms").glob("*.tsv")):  # search synonyms ship with the package
        write_atomic(out_dir / "synonyms" / table.name, table.read_text(encoding="utf-8"))
    mapping_sets = mapping_build.compile_all(data_dir, compiled, out_dir, log, matrix_files)
    successor_sets = mapping_build.compile_successors(data_dir, compiled, out_dir, log)
    manifest: dict[str, Any] = {
        "format": 1,
        "lists": lists,
        "mapping_sets": mapping_sets,
        "successor_sets": successor_sets,
        "notices": [EU_NOTICE, JP_NOTICE, KR_NOTICE, US_NOTICE],
    }
    write_atomic(
        out_dir / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    )
    write_atomic(out_dir / "NOTICE.txt", "\n\n".join(manifest["notices"]) + "\n")
    return manifest


def entry_record(entry: Entry) -> dict[str, Any]:
    return asdict(entry)
