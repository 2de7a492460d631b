"""Tests over every shipped record, and the rebuild check."""

from __future__ import annotations

import filecmp

import pytest

import crosswalk
from conftest import ROOT, SOURCES, needs_sources
from crosswalk import schemes
from crosswalk.errors import UnknownCode


def all_indexes(dataset):
    for version in dataset.versions:
        yield dataset.list_index(version.scheme, version.version)


def test_every_record_round_trips_and_links(dataset) -> None:
    checked = 0
    for index in all_indexes(dataset):
        module = schemes.get(index.version.scheme)
        assert len(index.by_code) == len(index.entries), "duplicate codes"
        for entry in index.entries:
            assert module.validate(entry.code) == entry.code
            assert entry.parent is None or entry.parent in index.by_code
            assert entry.text or {"deleted", "implied"} & set(entry.flags), entry.code
            assert entry.version == index.version.version
            checked += 1
    assert checked > 14_000


def test_validated_load_accepts_the_packaged_data() -> None:
    dataset = crosswalk.load(validate=True)
    assert dataset.list_index("eu").by_code["3A001"].title == "Electronic items"


def test_acceptance_counts(dataset) -> None:
    jp = dataset.list_index("jp")
    assert sum(e.kind == "kou" for e in jp.entries) == 17
    assert sum(e.kind == "item" for e in jp.entries) + 1 == 249  # + 8項, which has no sub-items
    eu = dataset.list_index("eu")
    assert sum(e.level == 0 for e in eu.entries) == 384
    us = dataset.list_index("us")
    assert sum(e.level == 0 and e.code != "EAR99" for e in us.entries) >= 633
    kr = dataset.list_index("kr")
    assert sum("implied" not in e.flags for e in kr.entries) == 1043
    clauses = dataset.list_index("jp-clause")
    articles = [e.code for e in clauses.entries if e.kind == "article"]
    assert len(articles) == 32


def test_get_and_errors(dataset) -> None:
    assert crosswalk.get("jp", "7(5)").title.startswith("超電導電磁石")
    assert "超電導電磁石" in crosswalk.get(None, "第6条第1項第7号").text
    with pytest.raises(UnknownCode) as info:
        dataset.get("eu", "3A009")
    assert info.value.suggestions
    assert dataset.get("jp", "7(24)", as_of="2026-06-05").version == "2026-06-05"
    with pytest.raises(UnknownCode):
        dataset.get("jp", "7(24)", as_of="2025-03-01")


@needs_sources
def test_rebuild_is_byte_identical(tmp_path) -> None:
    from crosswalk.build import build

    build(SOURCES, tmp_path, ROOT / "data")
    built = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert all(p.stat().st_mode & 0o044 == 0o044 for p in built), "the dataset must be readable by every user"
    packaged = ROOT / "src" / "crosswalk" / "data"
    compared = filecmp.dircmp(packaged, tmp_path)
    mismatched = []

    def walk(cmp: filecmp.dircmp, prefix: str = "") -> None:
        mismatched.extend(prefix + n for n in cmp.left_only + cmp.right_only + cmp.diff_files)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(compared)
    _, mismatch, errors = filecmp.cmpfiles(packaged, tmp_path, ["manifest.json"], shallow=False)
    assert not mismatched and not mismatch and not errors, mismatched
