"""JP-TECH — 外国為替令 別表 (Foreign Exchange Order, Appended Table): technology.

Numbered like 輸出令別表第1 (``7(1)`` is the technology for the goods of
輸出令 7(1)); the specifications are in 貨物等省令 第15条–第28条.  Written with
a 外為令 prefix to tell it from goods: ``外為令別表7(1)``, ``外為令 7項(1)``.

Source: e-Gov 法令 355CO0000000260, https://laws.e-gov.go.jp/law/355CO0000000260

>>> validate("外為令別表7(1)"), validate("外為令 7項(1)")
('7(1)', '7(1)')
>>> format("外国為替令別表の七の項（一）")
'7(1)'
"""

from crosswalk.schemes.jp import JpTechScheme

SCHEME = JpTechScheme()
NAME, TITLE = SCHEME.name, SCHEME.title
compact, validate, is_valid = SCHEME.compact, SCHEME.validate, SCHEME.is_valid
format, parse = SCHEME.format, SCHEME.parse
