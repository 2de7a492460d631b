"""Technical parameters in legal texts: numbers with units, in Japanese and English.

Japanese statutes write quantities in kanji (六〇〇ヘルツ, 〇・二パーセント, 一、〇〇〇キログラム,
零下二五八度) and the EU writes them in figures with decimal commas (1,50 g/cm3, 0,2 %).
Both are reduced to ``(dimension, value in a base unit)`` so that a clause and an EU entry
can be compared by the parameters they share.

>>> sorted(extract_ja("周波数が六〇〇ヘルツ以上で、精度が〇・二パーセント"))
[Quantity(dimension='fraction', value=0.002), Quantity(dimension='frequency', value=600.0)]
>>> extract_ja("零下二五八度")
{Quantity(dimension='temperature', value=-258.0)}
>>> shared("比率が五、〇〇〇分の一を超える", "ratio of deuterium to hydrogen exceeds 1:5000")
{Quantity(dimension='fraction', value=0.0002)}
>>> sorted(extract_en("a frequency of 600 Hz and 1,50 g/cm3 or 0,2 %"))
[Quantity(dimension='density', value=1.5), Quantity(dimension='fraction', value=0.002), Quantity(dimension='frequency', value=600.0)]
>>> extract_en("a total dose of 5 × 103 Gy (silicon)")
{Quantity(dimension='dose', value=5000.0)}
"""

from __future__ import annotations

import re
from typing import NamedTuple

from crosswalk.normalize import KANJI_DIGITS, nfkc


class Quantity(NamedTuple):
    dimension: str
    value: float


# unit → (dimension, factor to the base unit); longest names first when matching
JA_UNITS: dict[str, tuple[str, float]] = {
    "テラヘルツ": ("frequency", 1e12), "ギガヘルツ": ("frequency", 1e9), "メガヘルツ": ("frequency", 1e6),
    "キロヘルツ": ("frequency", 1e3), "ヘルツ": ("frequency", 1),
    "キロワット": ("power", 1e3), "メガワット": ("power", 1e6), "ミリワット": ("power", 1e-3), "ワット": ("power", 1),
    "キロボルト": ("voltage", 1e3), "ボルト": ("voltage", 1),
    "キログラム": ("mass", 1), "グラム": ("mass", 1e-3), "トン": ("mass", 1e3),
    "キロメートル": ("length", 1e3), "センチメートル": ("length", 1e-2), "ミリメートル": ("length", 1e-3),
    "マイクロメートル": ("length", 1e-6), "ナノメートル": ("length", 1e-9), "メートル": ("length", 1),
    "メートル毎秒毎秒": ("acceleration", 1), "メートル毎秒": ("speed", 1), "度毎時": ("angular-rate", 1),
    "度毎秒": ("angular-rate", 3600), "パーセント": ("fraction", 0.01), "グラム毎立方センチメートル": ("density", 1), "ボルトアンペア": ("apparent-power", 1), "キロボルトアンペア": ("apparent-power", 1e3), "ケルビン": ("kelvin", 1), "度": ("temperature", 1),
    "メガパスカル": ("pressure", 1e6), "キロパスカル": ("pressure", 1e3), "ギガパスカル": ("pressure", 1e9),
    "パスカル": ("pressure", 1),
    "キロジュール": ("energy", 1e3), "ミリジュール": ("energy", 1e-3), "ジュール": ("energy", 1), "テスラ": ("flux", 1),
    "アンペア": ("current", 1), "グレイ": ("dose", 1), "デシベル": ("db", 1), "ビット": ("bits", 1),
    "ピコ秒": ("time", 1e-12), "ナノ秒": ("time", 1e-9), "マイクロ秒": ("time", 1e-6), "ミリ秒": ("time", 1e-3),
    "秒": ("time", 1),
}  # fmt: skip
EN_UNITS: dict[str, tuple[str, float]] = {
    "THz": ("frequency", 1e12), "GHz": ("frequency", 1e9), "MHz": ("frequency", 1e6), "kHz": ("frequency", 1e3),
    "Hz": ("frequency", 1), "MW": ("power", 1e6), "kW": ("power", 1e3), "mW": ("power", 1e-3), "W": ("power", 1),
    "m/s2": ("acceleration", 1), "m/s": ("speed", 1), "°/h": ("angular-rate", 1), "deg/h": ("angular-rate", 1),
    "°/s": ("angular-rate", 3600), "deg/s": ("angular-rate", 3600), "degrees per hour": ("angular-rate", 1),
    "kVA": ("apparent-power", 1e3), "VA": ("apparent-power", 1), "m3/h": ("flow", 1), "m3/s": ("flow", 3600),
    "l/h": ("flow", 1e-3), "ppm": ("fraction", 1e-6), "parts per million": ("fraction", 1e-6),
    "kV": ("voltage", 1e3), "V": ("voltage", 1), "kg": ("mass", 1), "g/cm3": ("density", 1), "g": ("mass", 1e-3),
    "km": ("length", 1e3), "cm": ("length", 1e-2), "mm": ("length", 1e-3), "µm": ("length", 1e-6),
    "μm": ("length", 1e-6), "nm": ("length", 1e-9), "m": ("length", 1), "%": ("fraction", 0.01), "K": ("kelvin", 1),
    "°C": ("temperature", 1), "GPa": ("pressure", 1e9), "MPa": ("pressure", 1e6), "kPa": ("pressure", 1e3),
    "Pa": ("pressure", 1), "kJ": ("energy", 1e3), "J": ("energy", 1), "T": ("flux", 1), "A": ("current", 1),
    "Gy": ("dose", 1), "dB": ("db", 1), "dBm": ("db", 1), "bit": ("bits", 1), "bits": ("bits", 1),
    "ps": ("time", 1e-12), "ns": ("time", 1e-9), "µs": ("time", 1e-6), "μs": ("time", 1e-6), "ms": ("time", 1e-3),
    "s": ("time", 1),
}  # fmt: skip
_KANJI_NUM = "〇一二三四五六七八九"
_JA_NUMBER = re.compile(
    rf"(?P<neg>零下|マイナス)?(?P<num>[{_KANJI_NUM}0-9][{_KANJI_NUM}0-9、,]*(?:[・.][{_KANJI_NUM}0-9]+)?)"
    rf"(?P<unit>{'|'.join(sorted(map(re.escape, JA_UNITS), key=len, reverse=True))})"
)
_EN_NUMBER = re.compile(
    r"(?<![\w.,])(?P<neg>[-−–])?(?P<num>\d{1,3}(?:[  ]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)\s*"
    r"(?:[×x]\s*10(?P<exp>[-−]?\d{1,2})\s*)?"
    rf"(?P<unit>{'|'.join(sorted(map(re.escape, EN_UNITS), key=len, reverse=True))})(?![A-Za-z0-9])"
)
_UNIT = "(?:" + "|".join(sorted(map(re.escape, JA_UNITS), key=len, reverse=True)) + ")"
_JA_FRACTION_UNIT = re.compile(
    rf"(?P<den>[{_KANJI_NUM}0-9][{_KANJI_NUM}0-9、,]*)(?P<big>億|万)?分の(?P<num>[{_KANJI_NUM}0-9]+)(?P<unit>{_UNIT})"
)
_EN_POWER = re.compile(r"(?<![\d.,])10[-−](?P<exp>\d{1,2})\s*(?P<unit>[A-Za-zµμ°%]+)")
_N = f"[{_KANJI_NUM}0-9][{_KANJI_NUM}0-9、,]*(?:[・.][{_KANJI_NUM}0-9]+)?"
#: patterns whose unit is not a suffix: (regex with a "num" group, dimension, factor, invert)
_JA_SPECIAL = [
    (re.compile(rf"(?:密度|比重)が(?P<num>{_N})"), "density", 1.0, False),
    (re.compile(rf"一時間(?:につき|当たり)(?P<num>{_N})立方メートル"), "flow", 1.0, False),
    (re.compile(rf"(?:一秒(?:につき|当たり)|秒速|毎秒)(?P<num>{_N})メートル"), "speed", 1.0, False),
    (re.compile(rf"一立方センチメートル(?:につき|当たり)(?P<num>{_N})グラム"), "density", 1.0, False),
    (re.compile(rf"一時間(?:につき|当たり)(?P<num>{_N})度"), "angular-rate", 1.0, False),
    (re.compile(rf"一秒(?:につき|当たり)(?P<num>{_N})度"), "angular-rate", 3600.0, False),
    (re.compile(rf"(?P<den>{_N})分の(?P<num>{_N})(?!{_UNIT})"), "fraction", 1.0, True),
]
_EN_RATIO = re.compile(r"(?<![\d.,])1\s*:\s*(?P<den>\d[\d ,.]*\d|\d)")


def _ja_value(text: str) -> float | None:
    text = text.replace("、", "").replace(",", "")
    whole, _, frac = text.partition("・") if "・" in text else text.partition(".")
    digits = "".join(str(KANJI_DIGITS[c]) if c in KANJI_DIGITS else c for c in whole)
    fraction = "".join(str(KANJI_DIGITS[c]) if c in KANJI_DIGITS else c for c in frac)
    try:
        return float(f"{digits}.{fraction}" if fraction else digits)
    except ValueError:
        return None


def extract_ja(text: str) -> set[Quantity]:
    """Quantities in Japanese legal text (kanji or arabic figures)."""
    found = set()
    text = text.replace("プラスマイナス", "±")
    for match in _JA_NUMBER.finditer(nfkc(text)):
        value = _ja_value(match["num"])
        if value is None:
            continue
        dimension, factor = JA_UNITS[match["unit"]]
        found.add(Quantity(dimension, round((-value if match["neg"] else value) * factor, 12)))
    for match in _JA_FRACTION_UNIT.finditer(text):  # 一〇〇、〇〇〇分の一ミリジュール
        numerator, denominator = _ja_value(match["num"]), _ja_value(match["den"])
        if denominator and match["big"]:
            denominator *= 1e8 if match["big"] == "億" else 1e4
        if numerator is not None and denominator:
            dimension, factor = JA_UNITS[match["unit"]]
            found.add(Quantity(dimension, round(numerator / denominator * factor, 20)))
    for pattern, dimension, factor, is_fraction in _JA_SPECIAL:
        for match in pattern.finditer(text):
            value = _ja_value(match["num"])
            if value is None:
                continue
            if is_fraction:
                denominator = _ja_value(match["den"])
                if not denominator:
                    continue
                value = value / denominator
            found.add(Quantity(dimension, round(value * factor, 12)))
    return found


def extract_en(text: str) -> set[Quantity]:
    """Quantities in English legal text (EU decimal commas, thin-space thousands)."""
    found = set()
    for match in _EN_NUMBER.finditer(text.replace("\u2009", " ")):
        raw = match["num"].replace(" ", "").replace(" ", "")
        value = float(raw.replace(",", ".")) if re.fullmatch(r"\d+,\d+", raw) else float(raw.replace(",", ""))
        if match["exp"]:  # "5 × 103 Gy": the source lost the superscript of 10³
            value *= 10 ** int(match["exp"].replace("−", "-"))
        dimension, factor = EN_UNITS[match["unit"]]
        found.add(Quantity(dimension, round((-value if match["neg"] else value) * factor, 12)))
    for match in _EN_POWER.finditer(text):  # "10-14 J": the source lost the superscript of 10⁻¹⁴
        if match["unit"] in EN_UNITS:
            dimension, factor = EN_UNITS[match["unit"]]
            found.add(Quantity(dimension, round(10 ** -int(match["exp"]) * factor, 20)))
    for match in _EN_RATIO.finditer(text):
        denominator = float(re.sub(r"[ ,.]", "", match["den"]))
        if denominator:
            found.add(Quantity("fraction", round(1 / denominator, 12)))
    return found


def _comparable(quantities: set[Quantity]) -> set[Quantity]:
    """Kelvin and °C on one scale; an English "g" read both as grams and as standard gravity."""
    out = set()
    for q in quantities:
        if q.dimension == "mass":
            out.add(q)
            out.add(Quantity("acceleration", round(q.value * 1000 * 9.80665, 6)))
        elif q.dimension == "kelvin":
            out.add(Quantity("temperature", round(q.value - 273.15, 6)))
            out.add(Quantity("temperature", round(q.value - 273, 6)))
        else:
            out.add(q)
    return out


def shared(japanese: str, english: str, tolerance: float = 0.01) -> set[Quantity]:
    """Parameters that a Japanese text and an English text both state (equal within ``tolerance``)."""
    english_side = _comparable(extract_en(english))
    found = set()
    for q in _comparable(extract_ja(japanese)):
        for other in english_side:
            if q.dimension == other.dimension and abs(q.value - other.value) <= tolerance * max(
                abs(q.value), 1e-30
            ):
                found.add(q)
    return found
