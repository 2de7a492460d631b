"""The Wassenaar Munitions List / EU Common Military List headings (ML1–ML22).

No machine-readable official edition is bundled; the 22 headings are a curated
table (``data/ml/military_list.tsv``) whose header names the official source.
"""

from __future__ import annotations

import csv
from pathlib import Path

from crosswalk.errors import DataError
from crosswalk.model import Entry
from crosswalk.schemes import ml


def read_header(path: Path) -> dict[str, str]:
    """``# key: value`` lines at the top of a curated table."""
    header: dict[str, str] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#"):
                break
            key, sep, value = line[1:].partition(":")
            if sep and key.strip().isidentifier():
                header[key.strip()] = value.strip()
    return header


def parse(path: Path, version: str) -> list[Entry]:
    entries = []
    with open(path, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    for number, row in enumerate(csv.DictReader(lines, delimiter="\t"), 2):
        try:
            code = ml.validate(row["code"])
        except ValueError as exc:
            raise DataError(f"{path.name}: row {number}: {exc}") from exc
        entries.append(
            Entry(
                scheme="ml",
                code=code,
                parent=None,
                level=0,
                title=row["title"],
                text=row["title"],
                lang="en",
                version=version,
                regimes=("WA",),
            )
        )
    if len(entries) != 22:
        raise DataError(f"{path.name}: expected ML1–ML22, found {len(entries)} rows")
    return entries
