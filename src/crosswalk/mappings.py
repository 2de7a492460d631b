"""Compile mapping sets: the curated SSSOM tables under ``data/`` and the generated sets.

Curated tables are checked against the list versions they name (every id must exist
there; a version that is not bundled, such as the 2007 ECCNs of METI's reference
column, is checked for form only).  Generated sets apply a documented rule:

* ``eu_kr_same_number`` — Korea's 별표2 follows the EU numbering: every code in both lists
  is the same item (``exactMatch``); Korea's 9xx entries have no EU counterpart.
* ``eu_us_same_number`` — the same number in Annex I and the CCL, except where the curated
  exceptions table says otherwise; US-only blocks (x9xx, 600 series, 0x5xx, 9x515 …) have
  no EU counterpart unless the exceptions table names one.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from crosswalk import sssom
from crosswalk.errors import DataError
from crosswalk.model import Entry

SAME_NUMBER_JUSTIFICATION = "semapv:LexicalMatching"
AMENDMENTS = "amendments"  # data/amendments/: successor tables between two versions of one list
ListKey = tuple[str, str]


def compile_all(data_dir: Path, lists: dict[ListKey, list[Entry]], out_dir: Path,
                log: Callable[[str], None], matrix_files: tuple[Path, ...] = ()) -> list[dict[str, Any]]:  # fmt: skip
    codes = {key: {e.code for e in entries} for key, entries in lists.items()}
    newest = {scheme: max(v for s, v in lists if s == scheme) for scheme, _ in lists}
    sets: list[dict[str, Any]] = []
    tables = {}
    for path in sorted(data_dir.glob("**/*.sssom.tsv")):
        if path.parent.name == AMENDMENTS:
            continue
        table = sssom.read(path)
        check_table(table, codes)
        tables[path.stem.removesuffix(".sssom")] = table
        sets.append(write_set(out_dir, path.stem.removesuffix(".sssom"), table.meta, table.rows,
                              str(path.relative_to(data_dir.parent))))  # fmt: skip
        sets[-1]["family"] = str(table.meta["mapping_set_id"])
    _check_families(sets)
    exceptions = tables.get("eu_us_exceptions")
    review = read_kr_review(data_dir / "kr_annex" / "eu_kr_title_review.tsv")
    for name, meta, rows in generated_sets(lists, newest, exceptions, review):
        sets.append(write_set(out_dir, name, meta, rows, "generated"))
        sets[-1]["family"] = meta.get("family", name)
    for path in matrix_files:
        for name, meta, rows in matrix_sets(path, newest):
            sets.append(write_set(out_dir, name, meta, rows, path.name))
    for item in sets:
        log(f"mapping set {item['id']:28} {item['rows']:6} rows")
    return sets


def _check_families(sets: list[dict[str, Any]]) -> None:
    """Files sharing a ``mapping_set_id`` are one set made against different list versions."""
    seen: dict[tuple[str, str, str], str] = {}
    for meta in sets:
        key = (meta["family"], meta["subject_source_version"], meta["object_source_version"])
        if key in seen:
            raise DataError(f"{meta['source']} and {seen[key]} are both {meta['family']} made against the same "
                            "list versions; merge them or change a version")  # fmt: skip
        seen[key] = meta["source"]


def check_table(table: sssom.MappingTable, codes: dict[ListKey, set[str]]) -> None:
    meta = table.meta
    for side in ("subject", "object"):
        if f"{side}_source" not in meta or f"{side}_source_version" not in meta:
            raise DataError(f"{table.path}: metadata needs {side}_source and {side}_source_version")
    for key in ("mapping_set_id", "basis", "license"):
        if key not in meta:
            raise DataError(f"{table.path}: metadata needs {key}")
    for row in table.rows:
        for side, curie in (("subject", row.subject_id), ("object", row.object_id)):
            if curie == sssom.NO_TERM:
                continue
            scheme, code = sssom.check_curie(curie, f"{table.path}:{row.line}")
            version = meta[f"{side}_source_version"] if scheme == meta[f"{side}_source"] else None
            bundled = [v for (s, v) in codes if s == scheme]
            versions = [version] if version in bundled else ([] if version else bundled)
            if versions and not any(code in codes[(scheme, v)] for v in versions):
                raise DataError(f"{table.path}:{row.line}: {curie} is not in the {scheme} list "
                                f"{'/'.join(versions)}")  # fmt: skip


def write_set(
    out_dir: Path, name: str, meta: dict[str, Any], rows: list[sssom.Row], source: str
) -> dict[str, Any]:
    from crosswalk.build import write_atomic

    records = [[r.subject_id, r.predicate_id, r.object_id, r.mapping_justification, r.confidence,
                r.comment, r.evidence, r.subject_label, r.object_label] for r in rows]  # fmt: skip
    by_subject: dict[str, list[int]] = {}
    by_object: dict[str, list[int]] = {}
    for number, row in enumerate(rows):
        by_subject.setdefault(row.subject_id, []).append(number)
        if row.object_id != sssom.NO_TERM:
            by_object.setdefault(row.object_id, []).append(number)
    body = (
        '{"rows": [\n'
        + ",\n".join(json.dumps(r, ensure_ascii=False) for r in records)
        + "\n],\n"
        + '"by_subject": '
        + json.dumps(by_subject, ensure_ascii=False, sort_keys=True)
        + ",\n"
        + '"by_object": '
        + json.dumps(by_object, ensure_ascii=False, sort_keys=True)
        + "}\n"
    )
    write_atomic(out_dir / "mappings" / f"{name}.json", body)
    return {
        "id": name,
        "file": f"mappings/{name}.json",
        "source": source,
        "rows": len(rows),
        "basis": meta.get("basis", "curated"),
        "description": meta.get("mapping_set_description", ""),
        "source_date": meta.get("source_date", ""),
        "subject_source": meta.get("subject_source", ""),
        "subject_source_version": meta.get("subject_source_version", ""),
        "object_source": meta.get("object_source", ""),
        "object_source_version": meta.get("object_source_version", ""),
    }


def _row(subject: str, predicate: str, obj: str, comment: str, evidence: str = "",
         confidence: float = 1.0, labels: tuple[str, str] = ("", "")) -> sssom.Row:  # fmt: skip
    return sssom.Row(subject, labels[0], predicate, obj, labels[1], SAME_NUMBER_JUSTIFICATION,
                     confidence, comment, evidence)  # fmt: skip


def us_only_reason(code: str) -> str:
    number = int(code[2:5])
    if code[0] == "0" and 500 <= number < 600:
        return "US-only: 0x5xx firearms and related items (moved from the USML), not on EU Annex I"
    if code[1:5] == "A515" or code[2:5] == "515":
        return "US-only: 9x515 spacecraft items (moved from the USML), not on EU Annex I"
    if 600 <= number < 700:
        return (
            "US-only: 600 series (items moved from the USML), counterpart is the Military List, not Annex I"
        )
    if number >= 900:
        return (
            "US-only: x9xx unilateral control (anti-terrorism, regional stability or other US-only reasons)"
        )
    return "no EU Annex I entry with this number, and no curated counterpart under another number"


def read_kr_review(path: Path) -> dict[str, tuple[str, str]]:
    """code → (verdict, reason) for the same-number pairs whose titles were found to disagree."""
    import csv

    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    out = {}
    for number, row in enumerate(csv.DictReader(lines, delimiter="\t"), 2):
        if row["verdict"] not in ("disagree", "unsure"):
            raise DataError(f"{path}: row {number}: verdict must be disagree or unsure")
        out[row["code"]] = (row["verdict"], row["reason"])
    return out


def generated_sets(lists: dict[ListKey, list[Entry]], newest: dict[str, str],
                   exceptions: sssom.MappingTable | None, review: dict[str, tuple[str, str]] | None = None) -> list[tuple[str, dict[str, Any], list[sssom.Row]]]:  # fmt: skip
    eu = {e.code: e for e in lists[("eu", newest["eu"])]}
    kr = {e.code: e for e in lists[("kr", newest["kr"])]}
    us = {e.code: e for e in lists[("us", newest["us"])]}
    excepted_eu = {r.subject_id.removeprefix("eu:") for r in exceptions.rows} if exceptions else set()
    excepted_us = {r.object_id.removeprefix("us:") for r in exceptions.rows} if exceptions else set()
    out = []
    review = review or {}
    same = "same control number: Korea's Annex 2 (strategic items) follows the EU numbering"
    rows = [_row(f"eu:{c}", "skos:exactMatch", f"kr:{c}",
                 same if c not in review else f"{same}; titles read as unsure: {review[c][1]}",
                 confidence=1.0 if c not in review else 0.7, labels=(eu[c].title, kr[c].title))
            for c in eu if c in kr and review.get(c, ("",))[0] != "disagree"]  # fmt: skip
    rows += [_row(f"kr:{c}", "skos:exactMatch", sssom.NO_TERM, "Korea-only control (9xx): no EU counterpart",
                  labels=(kr[c].title, "")) for c in kr if kr[c].level == 0 and "korea-only" in kr[c].flags]  # fmt: skip
    out.append(("eu_kr_same_number", _meta("eu", newest["eu"], "kr", newest["kr"]), rows))
    rows = [_row(f"eu:{c}", "skos:exactMatch", f"us:{c}", "same number in Annex I and the CCL",
                 labels=(eu[c].title, us[c].title))
            for c in eu if c in us and c.split(".")[0] not in excepted_eu]  # fmt: skip
    rows += [_row(f"us:{c}", "skos:exactMatch", sssom.NO_TERM, us_only_reason(c), labels=(us[c].title, ""))
             for c in us if us[c].level == 0 and c != "EAR99" and c not in eu and c not in excepted_us]  # fmt: skip
    rows.append(_row("us:EAR99", "skos:exactMatch", sssom.NO_TERM,
                     "EAR99 is a US designation for items subject to the EAR but not on the CCL; it is not "
                     "a control number and says nothing about other countries' lists"))  # fmt: skip
    out.append(("eu_us_same_number", _meta("eu", newest["eu"], "us", newest["us"]), rows))
    versions = sorted(v for s, v in lists if s == "jp-clause")
    for version in versions:  # the law's own links, read from each version of 貨物等省令
        name, meta, rows = tech_item_clause(lists, version)
        meta["family"] = name
        out.append((name if version == versions[-1] else f"{name}_{version}", meta, rows))
    return out


def tech_item_clause(
    lists: dict[ListKey, list[Entry]], version: str
) -> tuple[str, dict[str, Any], list[sssom.Row]]:
    """外為令別表 item → the 貨物等省令 paragraph whose opening sentence names it (the law's own link),
    read from the 貨物等省令 of ``version`` (the 外為令 items of the same date are derived from it)."""
    from crosswalk.sources.foreign_exchange import links

    rows = [
        sssom.Row(
            f"jptech:{code}",
            "",
            "skos:exactMatch",
            f"jpclause:{paragraph.code}",
            paragraph.title,
            "semapv:ManualMappingCuration",
            1.0,
            f"the opening sentence of {paragraph.code} names 外為令別表 {code}",
            paragraph.text.split("技術は")[0] + "技術は",
        )
        for code, paragraph in links(lists[("jp-clause", version)])
    ]
    meta = {"basis": "legal-reference", "subject_source": "jp-tech", "subject_source_version": version,
            "object_source": "jp-clause", "object_source_version": version,
            "mapping_set_description": "外為令別表 items → the 貨物等省令 paragraphs that specify them, "
                                       "read from the paragraphs' own opening sentences"}  # fmt: skip
    return ("tech_item_clause", meta, rows)


def _meta(subject: str, subject_version: str, obj: str, object_version: str) -> dict[str, Any]:
    return {"basis": "same-number", "subject_source": subject, "subject_source_version": subject_version,
            "object_source": obj, "object_source_version": object_version,
            "mapping_set_description": "generated by the same-number rule (see crosswalk.mappings)"}  # fmt: skip


def matrix_sets(path: Path, newest: dict[str, str]) -> list[tuple[str, dict[str, Any], list[sssom.Row]]]:
    """Two reference sets from a METI matrix workbook: its item → clause alignment, and its ECCN column."""
    import re

    from crosswalk.sources.meti_matrix import read_rows

    stamp = re.search(r"(\d{8})", path.name)
    date = f"{stamp[1][:4]}-{stamp[1][4:6]}-{stamp[1][6:]}" if stamp else ""
    rows = list(read_rows(path))
    links, eccns = [], []
    seen: set[tuple[str, str]] = set()
    for row in rows:
        if (row.item, row.clause) not in seen:
            seen.add((row.item, row.clause))
            links.append(sssom.Row(f"jp:{row.item}", "", "skos:relatedMatch", f"jpclause:{row.clause}", "",
                                   "semapv:ManualMappingCuration", 1.0,
                                   f"METI matrix {path.name}, sheet {row.sheet}, row {row.row}", ""))  # fmt: skip
        for eccn in row.eccns:
            eccns.append(sssom.Row(f"jpclause:{row.clause}", "", "skos:relatedMatch", f"us:{eccn}", "",
                                   "semapv:ManualMappingCuration", 0.5,
                                   f"METI matrix reference column (ECCNs as of March 2007), {path.name} "
                                   f"sheet {row.sheet} row {row.row}", f"matrix cell: {row.eccn_cell}"))  # fmt: skip
    base = {"basis": "official-reference", "mapping_set_source": path.name}
    return [
        ("meti_matrix_item_clause", {**base, "source_date": date, "subject_source": "jp",
                                     "subject_source_version": newest["jp"], "object_source": "jp-clause",
                                     "object_source_version": newest["jp-clause"],
                                     "mapping_set_description": "item → clause alignment of the METI matrix"}, links),
        ("meti_matrix_eccn", {**base, "source_date": "2007-03", "subject_source": "jp-clause",
                              "subject_source_version": newest["jp-clause"], "object_source": "us",
                              "object_source_version": "2007-03",
                              "mapping_set_description": "METI matrix reference ECCN column (as of March 2007)"}, eccns),
    ]  # fmt: skip


def compile_successors(data_dir: Path, lists: dict[ListKey, list[Entry]], out_dir: Path,
                       log: Callable[[str], None]) -> list[dict[str, Any]]:  # fmt: skip
    """``data/amendments/*.sssom.tsv`` → ``successors.json``: where the content of entries went.

    Each table maps one list's older version (subject) to a newer version (object) of the
    same list; every subject must be in the older list and every object in the newer one.
    Removed entries that no table covers are reported in the log (the tests require none).
    """
    from crosswalk.build import write_atomic

    codes = {key: {e.code for e in entries} for key, entries in lists.items()}
    by_scheme: dict[str, dict[str, list[list[Any]]]] = {}
    sets = []
    for path in sorted((data_dir / AMENDMENTS).glob("*.sssom.tsv")):
        table = sssom.read(path)
        meta = table.meta
        scheme = str(meta.get("subject_source", ""))
        old, new = str(meta.get("subject_source_version", "")), str(meta.get("object_source_version", ""))
        if scheme != meta.get("object_source") or not old or not new or not old < new:
            raise DataError(f"{path}: a successor table maps an older version of one list (subject_source, "
                            "subject_source_version) to a newer version of the same list (object_source, "
                            "object_source_version)")  # fmt: skip
        for key in ((scheme, old), (scheme, new)):
            if key not in codes:
                raise DataError(f"{path}: {key[0]} version {key[1]} is not built")
        name = path.name.removesuffix(".sssom.tsv")
        for row in table.rows:
            where = f"{path}:{row.line}"
            _, subject = sssom.check_curie(row.subject_id, where)
            if subject not in codes[(scheme, old)]:
                raise DataError(f"{where}: {row.subject_id} is not in the {scheme} list {old}")
            target = None
            if row.object_id != sssom.NO_TERM:
                _, target = sssom.check_curie(row.object_id, where)
                if target not in codes[(scheme, new)]:
                    raise DataError(f"{where}: {row.object_id} is not in the {scheme} list {new}")
            by_scheme.setdefault(scheme, {}).setdefault(subject, []).append(
                [target, row.predicate_id.removeprefix("skos:"), old, new, row.confidence, row.comment,
                 row.evidence, name])  # fmt: skip
        missing = sorted(
            codes[(scheme, old)] - codes[(scheme, new)] - {r.subject_id.partition(":")[2] for r in table.rows}
        )
        for code in missing:
            log(f"warning: {path.name}: {code} was removed and has no successor row")
        sets.append({"id": name, "file": "successors.json", "source": str(path.relative_to(data_dir.parent)),
                     "rows": len(table.rows), "scheme": scheme, "from": old, "to": new,
                     "description": meta.get("mapping_set_description", "")})  # fmt: skip
        log(f"successors {name:28} {len(table.rows):6} rows")
    body = json.dumps({"by_scheme": by_scheme}, ensure_ascii=False, indent=0, sort_keys=True)
    write_atomic(out_dir / "successors.json", body + "\n")
    return sets
