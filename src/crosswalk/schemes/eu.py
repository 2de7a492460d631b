"""EU — Annex I of Regulation (EU) 2021/821 (the EU dual-use list).

Ten categories (0 nuclear … 9 aerospace), five product groups (A systems,
B test and production equipment, C materials, D software, E technology), a
three-digit number whose hundreds tell the regime (0xx Wassenaar, 1xx MTCR,
2xx NSG, 3xx AG/CWC, 5xx EU national-style), then sub-paragraphs.

Source: https://eur-lex.europa.eu/eli/reg/2021/821 (consolidated versions).

>>> validate("3a001 a 1 b")
'3A001.a.1.b'
>>> validate("３Ａ００１．ａ．１．")
'3A001.a.1'
>>> is_valid("3F001")
False
>>> parse("3A001.a.1").parent
'3A001.a'
"""

from crosswalk.schemes.eu_style import EuStyleScheme


class EuScheme(EuStyleScheme):
    name = "eu"
    title = "EU Annex I (Regulation (EU) 2021/821)"


SCHEME = EuScheme()
NAME, TITLE = SCHEME.name, SCHEME.title
compact, validate, is_valid = SCHEME.compact, SCHEME.validate, SCHEME.is_valid
format, parse = SCHEME.format, SCHEME.parse
