from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from crosswalk.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_show_item() -> None:
    result = run("show", "7(5)")
    assert result.exit_code == 0 and "超電導電磁石" in result.output


def test_show_clause_with_children() -> None:
    result = run("show", "第6条第1項第7号")
    assert result.exit_code == 0
    assert "超電導電磁石" in result.output and "第6条第1項第7号イ" in result.output


def test_show_eu_us_kr_and_ear99() -> None:
    assert "radiation hardened" in run("show", "3A001.a.1").output
    korea = run("show", "1C901", "--scheme", "kr")
    assert korea.exit_code == 0 and "korea-only" in korea.output
    assert "not listed on the Commerce Control List" in run("show", "EAR99").output


def test_show_json() -> None:
    data = json.loads(run("show", "7(5)", "--json").output)
    assert data["code"] == "7(5)" and data["path"][0]["code"] == "7" and data["list"]["version"]


def test_malformed_code_exits_2_with_suggestion() -> None:
    result = run("show", "3A0O1")
    assert result.exit_code == 2 and "3A001" in result.output


def test_unknown_code_exits_2() -> None:
    result = run("show", "3A009", "--scheme", "eu")
    assert result.exit_code == 2 and "did you mean" in result.output


def test_as_of_before_an_item_existed() -> None:
    result = run("show", "7(24)", "--as-of", "2025-03-01")
    assert result.exit_code == 2 and "2025-01-23" in result.output


def test_info_json_counts() -> None:
    data = json.loads(run("info", "--json").output)
    schemes = {(m["scheme"], m["version"]) for m in data["lists"]}
    assert ("jp", "2026-06-05") in schemes and ("eu", "2025-11-15") in schemes
    assert any("2011/833/EU" in n for n in data["notices"])


def test_show_reads_an_eu_style_number_in_the_list_that_has_it() -> None:
    result = run("show", "5A992")  # US-only x9xx: not in the EU list
    assert result.exit_code == 0 and result.output.startswith("us 5A992")


@pytest.mark.parametrize("args", [["--to", "xx"], ["--scheme", "xx", "--to", "eu"]])
def test_lookup_unknown_scheme_is_a_clear_error(args: list[str]) -> None:
    result = CliRunner().invoke(main, ["lookup", "7(1)", *args])
    assert result.exit_code == 2 and "unknown scheme 'xx'; known schemes" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
