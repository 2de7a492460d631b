"""Candidate proposer: rank EU Annex I entries for a 貨物等省令 clause.

Scores EU entries inside the categories the clause's article pairs with (DESIGN §3) by
the technical parameters both texts state (:mod:`crosswalk.parameters`) and by term
overlap through a small Japanese–English glossary.  The output is a list of
*candidates* with their evidence, for a curator to read — never an answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from crosswalk.dataset import Dataset
from crosswalk.parameters import Quantity, extract_en, extract_ja, shared

#: everyday statutory terms, Japanese → English stems as the EU text writes them
GLOSSARY: dict[str, tuple[str, ...]] = {
    "軸受": ("bearing",), "工作機械": ("machine tool",), "旋削": ("turning",), "研削": ("grinding",),
    "放電加工": ("electrical discharge",), "集積回路": ("integrated circuit",), "超電導": ("superconduct",),
    "電磁石": ("electromagnet",), "レーザー": ("laser",), "磁力計": ("magnetometer",), "重力計": ("gravimeter", "gravity"),
    "レーダー": ("radar",), "光検出器": ("detector",), "カメラ": ("camera",), "暗号": ("cryptograph",),
    "伝送通信": ("telecommunication", "transmission"), "電子計算機": ("computer",), "ポンプ": ("pump",), "弁": ("valve",),
    "熱交換器": ("heat exchanger",), "遠心分離機": ("centrifug",), "真空": ("vacuum",), "炉": ("furnace", "reactor"),
    "ロボット": ("robot",), "合金": ("alloy",), "繊維": ("fibre", "fiber", "fibrous"), "複合材料": ("composite",),
    "粉": ("powder",), "燃料": ("fuel",), "推進": ("propulsion",), "ロケット": ("rocket",),
    "無人航空機": ("unmanned aerial", "uav"), "航法": ("navigation",), "ジャイロ": ("gyro",), "加速度計": ("accelerometer",),
    "潜水": ("submersible",), "船舶": ("vessel",), "ガスタービン": ("gas turbine",), "エンジン": ("engine",),
    "質量分析計": ("mass spectrometer",), "圧力計": ("pressure transducer", "pressure"), "周波数変換器": ("frequency changer",),
    "発振器": ("oscillator",), "増幅器": ("amplifier",), "アンテナ": ("antenna",), "光ファイバー": ("optical fibre",),
    "半導体": ("semiconductor",), "基板": ("substrate",), "ウエハー": ("wafer",), "露光": ("lithograph", "exposure"),
    "エッチング": ("etch",), "蒸着": ("deposition",), "マスク": ("mask",), "信号発生器": ("signal generator",),
    "ネットワークアナライザー": ("network analy",), "アナログデジタル変換": ("analogue-to-digital",), "電池": ("cell", "batter"),
    "コンデンサ": ("capacitor",), "音響": ("acoustic",), "水中": ("underwater",), "赤外": ("infrared",),
    "撮像": ("imaging",), "光学": ("optical",), "反射鏡": ("mirror",), "レンズ": ("lens",), "結晶": ("crystal",),
    "ウイルス": ("virus",), "細菌": ("bacteria",), "毒素": ("toxin",), "発酵槽": ("fermenter",), "ろ過": ("filtration",),
    "凍結乾燥": ("freeze-dryer",), "噴霧": ("spray",), "防護": ("protective",), "反応器": ("reactor",),
    "貯蔵容器": ("storage tank",), "蒸留": ("distillation",), "吸収塔": ("absorption column",), "ウラン": ("uranium",),
    "プルトニウム": ("plutonium",), "重水": ("heavy water", "deuterium"), "黒鉛": ("graphite",), "トリチウム": ("tritium",),
    "リチウム": ("lithium",), "ベリリウム": ("beryllium",), "ジルコニウム": ("zirconium",), "ハフニウム": ("hafnium",),
    "タングステン": ("tungsten",), "チタン": ("titanium",), "アルミニウム": ("aluminium",), "マグネシウム": ("magnesium",),
    "ほう素": ("boron",), "フィラメントワインディング": ("filament winding",), "アイソスタチックプレス": ("isostatic press",),
    "振動試験": ("vibration test",), "中性子": ("neutron",), "エックス線": ("x-ray",), "電子加速器": ("accelerator",),
    "起爆": ("detonator", "firing"), "爆薬": ("explosive",), "水中聴音": ("hydrophone",), "ソナー": ("sonar",),
    "慣性": ("inertial",), "衛星航法": ("satellite navigation", "gnss"), "量子": ("quantum",), "極低温": ("cryogenic",),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposed EU entry for a clause, with why — a candidate, not a mapping."""

    code: str
    score: float
    parameters: tuple[Quantity, ...]
    terms: tuple[str, ...]

    @property
    def evidence(self) -> str:
        parts = [f"{q.dimension} {q.value:g}" for q in self.parameters] + list(self.terms)
        return "; ".join(parts)


def paired(article: str) -> Callable[[str], bool]:
    """Which EU codes the article's clauses may correspond to (DESIGN §3)."""
    number = int(re.match(r"第(\d+)条", article).group(1))  # type: ignore[union-attr]
    if number == 1:
        return lambda c: c[0] == "0" or 200 <= int(c[2:5]) < 300
    if number == 2:
        return lambda c: c[:4] in ("1C35", "1C45", "2B35") and c[:5] != "1C351"
    if number == 3:
        return lambda c: 100 <= int(c[2:5]) < 200 or c[:5] in ("9A004", "9A012", "7A003")
    categories = {4: "1", 5: "2", 6: "3", 7: "4", 8: "5", 9: "6", 10: "7", 11: "8", 12: "9"}
    if number in categories:
        category = categories[number]
        return lambda c: c[0] == category and (int(c[2:5]) < 100 or c[2] == "5")
    return lambda c: c[1] in "ABC"


def _terms(japanese: str, english: str) -> tuple[str, ...]:
    english = english.lower()
    return tuple(ja for ja, stems in GLOSSARY.items() if ja in japanese and any(s in english for s in stems))


def propose(dataset: Dataset, clause: str, limit: int = 5, max_level: int = 1) -> list[Candidate]:
    """Rank EU entries (entries and first-level sub-paragraphs) for a 貨物等省令 clause."""
    entry = dataset.get("jp-clause", clause)
    japanese = dataset.subtree_text("jp-clause", entry.code)
    accept = paired(entry.code)
    if "第2条の2" in entry.code:
        accept = lambda c: c[:4] in ("1C35", "2B35")  # noqa: E731
    goods = "goods" in entry.flags
    ja_params = extract_ja(japanese)
    scored = []
    for candidate in dataset.entries("eu"):
        if candidate.level > max_level or not accept(candidate.code[:5]) or not candidate.text:
            continue
        if goods and candidate.code[1] not in "ABC":
            continue
        english = dataset.subtree_text("eu", candidate.code)
        params = tuple(sorted(shared(japanese, english))) if ja_params and extract_en(english) else ()
        terms = _terms(japanese, english)
        score = 3.0 * len(params) + 2.0 * len(terms) - 0.1 * candidate.level
        if score > 0:
            scored.append(Candidate(candidate.code, round(score, 2), params, terms))
    scored.sort(key=lambda c: (-c.score, c.code))
    return scored[:limit]
