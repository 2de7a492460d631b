"""``crosswalk search`` — find entries by description or by a sloppy number.

Registered on the main group by ``main.add_command(search)``.  Imports only click at the
top: the search index (rapidfuzz, numpy) loads when the command runs, so the one-lookup
path of ``crosswalk lookup`` / ``show`` never pays for it.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from crosswalk.cli_options import as_of_option

EXIT_NO_HIT = 1
SCHEME_HELP = "schemes to search, comma-separated: jp, jp-clause, eu, us, kr, ml (default: all)"


@click.command()
@click.argument("text", nargs=-1, required=True)
@click.option("--scheme", "-s", "schemes", help=SCHEME_HELP)
@click.option("--limit", "-n", default=10, show_default=True, help="hits shown")
@as_of_option("search the list versions in force on this date (default: today)")
@click.option("--json", "as_json", is_flag=True, help="print JSON for machines")
@click.option("--no-counterparts", is_flag=True, help="skip the numbers in other schemes (faster)")
def search(text: tuple[str, ...], schemes: str | None, limit: int, as_of: str | None, as_json: bool,
           no_counterparts: bool) -> None:  # fmt: skip
    """Search every list by description (Japanese, English, Korean) or by a code typed any way.

    \b
    crosswalk search ベアリング                 everyday words are fine (→ 軸受)
    crosswalk search CNC旋盤 --scheme jp
    crosswalk search "GPS receiver" -s eu,us
    crosswalk search 반도체 제조장비 -s kr
    crosswalk search 3A0O1                     a mistyped number: did you mean 3A001?
    crosswalk search 7-1 --json

    Each hit shows its score (0-100; below 60 it is weak), the passage it matched, the
    synonyms used and its numbers in the other schemes. No hit, or a weak one, is not a
    classification and not clearance. Exit status 1 when nothing was found.
    """
    from crosswalk.errors import CrosswalkError
    from crosswalk.text_search import search as run_search

    query = " ".join(text)
    try:
        hits = run_search(query, schemes, limit, as_of)
    except CrosswalkError as exc:
        click.echo(f"crosswalk: {exc}", err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps(hits.to_dict(not no_counterparts, as_of), ensure_ascii=False, indent=2))
    else:
        _print_hits(hits, as_of, not no_counterparts)
    if not hits:
        sys.exit(EXIT_NO_HIT)


def _print_hits(hits: Any, as_of: str | None, counterparts: bool) -> None:
    if hits.message:
        click.echo(hits.message)
    if not hits:
        click.echo(f"no hit for {hits.query!r}.")
    for rank, hit in enumerate(hits, 1):
        weak = "  (weak)" if hit.weak else ""
        click.echo(f"{rank:2}. {hit.scheme} {hit.code}  score {hit.score:.0f}{weak}  [{hit.kind}]")
        click.echo(f"    {hit.title[:90]}")
        if hit.kind == "text":
            click.echo(f"    matched {hit.field}: {hit.matched[:90]}")
        if hit.via:
            click.echo("    via " + "; ".join(hit.via))
        others = hit.counterparts(as_of) if counterparts else {}
        if others:
            click.echo("    also " + " · ".join(f"{s} {', '.join(c)}" for s, c in others.items()))
    click.echo("")
    click.echo(hits.caveat)
