"""Every input variant of DESIGN §1 parses; junk never crashes; format(parse(x)) is a fixed point."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswalk import schemes
from crosswalk.errors import CrosswalkError, InvalidFormat

VARIANTS = {
    "jp": {
        "7(1)": [
            "７（１）",
            "7項(1)",
            "7-(1)",
            "第7項第1号",
            "輸出令別表第1の7の項(1)",
            "別表第一の七の項（一）",
            "7の項(1)",
            " 7 ( 1 ) ",
        ],
        "3の2(2)": ["３の２（２）", "3の2項(2)", "別表第一の三の二の項（二）"],
        "2(10の2)": ["２（１０の２）", "2項(十の二)"],
        "4(1の2)": ["4(1の2)"],
        "8": ["８", "8項"],
        "16(1)12": ["16(1)12", "１６（１）１２"],
    },
    "jp-tech": {"7(1)": ["外為令別表7(1)", "外為令 7項(1)", "外国為替令別表の七の項（一）", "7(1)"]},
    "jp-clause": {
        "第6条第1項第1号イ(1)": [
            "第6条第1号イ(1)",
            "第六条第一号イ（一）",
            "6条1項1号イ(1)",
            "省令第6条第1項第1号イ(1)",
            "貨物等省令第６条第１項第１号イ（１）",
        ],
        "第2条の2第1項第1号": ["第二条の二第一項第一号", "2条の2第1号"],
        "第1条第1項第10号の2": ["第一条第十号の二", "第1条第1項第10号の2"],
        "第9条第1項第10号ロ(6)4一ロ": ["第9条第1項第10号ロ（六）４一ロ"],
        "第8条第1項第2号": ["貨物等省令第８条第二号"],
    },
    "eu": {
        "3A001.a.1.b": [
            "3A001a1b",
            "3A001.a.1.b.",
            "3a001 a 1 b",
            "３Ａ００１．ａ．１．ｂ",
            "EU 3A001.a.1.b",
        ],
        "1C350.12": ["1C350.12."],
        "0B004.b.10.1": ["0B004.b.10.1"],
    },
    "us": {
        "EAR99": ["EAR 99", "ear99", "EAR-99"],
        "5A992.c": ["ECCN 5A992.c", "5A992c"],
        "0A501.a": ["0A501a"],
    },
    "kr": {"1C111.d": ["1C111.d."], "0B001.b.3": ["0B001b.3"], "ML8.a": ["ML8.a"], "3A901": ["3A901."]},
    "ml": {"ML8.a.1": ["ML 8 a 1", "ML08.a.1", "ml8a1"], "ML8.a": ["ML08.a"]},
}
JUNK = [None, "", " ", "🙂", "3²", "⑱", "１²", "x" * 10_000, "第", "()", "7(", "ML0", "ML23", "3F001",
        "\x00", "第0条", "7(0)", "17(1)", "第6条第1項第1号イロハ", 12, 3.5, b"3A001", ["7(1)"]]  # fmt: skip


@pytest.mark.parametrize(("scheme", "canonical", "variant"), [
    (s, c, v) for s, table in VARIANTS.items() for c, vs in table.items() for v in [c, *vs]
])  # fmt: skip
def test_variant_parses_to_canonical(scheme: str, canonical: str, variant: str) -> None:
    module = schemes.get(scheme)
    assert module.validate(variant) == canonical
    assert module.is_valid(variant)


@pytest.mark.parametrize("scheme", schemes.names())
@pytest.mark.parametrize("junk", JUNK, ids=repr)
def test_junk_is_invalid_never_a_crash(scheme: str, junk: object) -> None:
    module = schemes.get(scheme)
    assert module.is_valid(junk) is False  # type: ignore[arg-type]
    with pytest.raises(CrosswalkError):
        module.validate(junk)  # type: ignore[arg-type]


def test_invalid_format_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        schemes.get("eu").validate("3F001")
    assert issubclass(InvalidFormat, CrosswalkError)


@pytest.mark.parametrize(("text", "expected"), [
    ("7(1)", ("jp",)), ("外為令7(1)", ("jp-tech",)), ("第6条第1項第7号", ("jp-clause",)),
    ("3A001", ("eu", "us", "kr")), ("EAR99", ("us",)), ("ML8", ("ml",)), ("🙂", ()), ("3A0O1", ()),
])  # fmt: skip
def test_detect_reports_every_candidate(text: str, expected: tuple[str, ...]) -> None:
    assert schemes.detect(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_any_text_is_valid_or_a_typed_error(text: str) -> None:
    for name in schemes.names():
        module = schemes.get(name)
        try:
            canonical = module.validate(text)
        except CrosswalkError:
            continue
        assert module.validate(canonical) == canonical
        assert module.format(module.format(text)) == module.format(text)


EU_CODES = st.builds(
    lambda c, g, n, subs: f"{c}{g}{n:03d}" + "".join(f".{s}" for s in subs),
    st.integers(0, 9),
    st.sampled_from("ABCDE"),
    st.integers(0, 999),
    st.lists(st.one_of(st.sampled_from("abcdefghz"), st.integers(1, 30).map(str)), max_size=4),
)
CLAUSES = st.builds(
    lambda a, p, g, subs: f"第{a}条第{p}項第{g}号" + "".join(subs),
    st.integers(1, 28),
    st.integers(1, 9),
    st.integers(1, 70),
    st.sampled_from(["", "イ", "イ(1)", "ロ(2)3", "ハ(10の2)1一", "イロ", "ン(3)2三ニ(1)"]),
)


@settings(max_examples=200, deadline=None)
@given(EU_CODES)
def test_eu_round_trip(code: str) -> None:
    for name in ("eu", "us", "kr"):
        module = schemes.get(name)
        assert module.format(module.parse(code).canonical) == module.parse(code).canonical


@settings(max_examples=200, deadline=None)
@given(CLAUSES)
def test_clause_round_trip_and_parent_chain(code: str) -> None:
    module = schemes.get("jp-clause")
    parsed = module.parse(code)
    assert parsed.canonical == code
    parent = parsed.parent
    while parent:
        assert module.parse(parent).sort_key < parsed.sort_key or parent == parsed.canonical
        parent = module.parse(parent).parent


def test_clause_sort_follows_the_law() -> None:
    module = schemes.get("jp-clause")
    ordered = ["第1条第1項第10号", "第1条第1項第10号の2", "第1条第1項第10号の3", "第1条第1項第11号",
               "第2条第1項第1号ス", "第2条第1項第1号ン", "第2条第1項第1号イイ", "第2条の2第1項", "第3条"]  # fmt: skip
    assert sorted(ordered, key=lambda c: module.parse(c).sort_key) == ordered
