"""The ``crosswalk`` command.

One lookup must start fast: this module imports only click at the top; the
dataset, pandas, openpyxl and rich are imported inside the commands that need them.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from crosswalk.cli_options import as_of_option, check_date
from crosswalk.errors import CrosswalkError, InvalidFormat, UnknownCode

SCHEME_HELP = "jp | jp-tech | jp-clause | eu | us | kr | ml (default: detected from CODE)"
EXIT_USAGE = 2


def _fail(message: str) -> None:
    click.echo(f"crosswalk: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _suggestions(text: str, scheme: str | None, as_of: str | None) -> tuple[str, ...]:
    from crosswalk import load

    dataset = load()
    schemes = [scheme] if scheme else ["eu", "jp", "jp-clause", "us", "kr"]
    found: list[str] = []
    for name in schemes:
        for code in dataset.suggest(name, text, as_of):
            if code not in found:
                found.append(code)
    return tuple(found[:5])


def _resolve_entry(code: str, scheme: str | None, as_of: str | None) -> Any:
    """(entry, other schemes the code is also valid in) or exit 2 with suggestions."""
    from crosswalk import load
    from crosswalk.schemes import detect

    try:
        dataset = load()
        name, canonical = dataset.resolve(code, scheme, as_of)
        entry = dataset.get(name, canonical, as_of)
    except UnknownCode as exc:
        if exc.removed:
            _fail(f"{exc}\n(show the old entry with --as-of {exc.lifecycle.last_version})")
        if exc.lifecycle is not None and exc.lifecycle.state == "not-yet":
            _fail(str(exc))
        hint = f"; did you mean {', '.join(exc.suggestions)}?" if exc.suggestions else ""
        _fail(f"{exc.code} is not in the {exc.scheme} list (version {exc.version}){hint}")
    except CrosswalkError as exc:
        near = _suggestions(code, scheme, as_of) if isinstance(exc, InvalidFormat) else ()
        hint = f"; did you mean {', '.join(near)}?" if near else ""
        _fail(f"{exc}{hint}")
    others = tuple(s for s in detect(code) if s != name) if not scheme else ()
    return entry, others


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="crosswalk")
def main() -> None:
    """Translate export-control classification numbers between Japan's lists
    (輸出令別表第1 項番, 貨物等省令 clauses, 外為令別表), the EU dual-use list,
    US ECCNs and Korea's 전략물자 lists.

    \b
    Examples:
      crosswalk show "7(5)"                 輸出令 item 7(5) with its text
      crosswalk show 第6条第1項第7号          a 貨物等省令 clause and its sub-clauses
      crosswalk show 3A001.a.1              an EU Annex I sub-paragraph
      crosswalk show 1C901 --scheme kr      a Korea-only entry
      crosswalk info                        list versions and sources

    No hit is not clearance: crosswalk never answers "not controlled".
    """


@main.command()
@click.argument("code")
@click.option("--scheme", "-s", help=SCHEME_HELP)
@as_of_option()
@click.option("--json", "as_json", is_flag=True, help="print JSON for machines")
def show(code: str, scheme: str | None, as_of: str | None, as_json: bool) -> None:
    """Show the entry of CODE: its path from the root, full text, children, flags, list version.

    \b
    crosswalk show "7(5)"
    crosswalk show "第六条第一項第七号"
    crosswalk show 3A001a1 --scheme us
    crosswalk show EAR99 --json
    """
    from crosswalk import load
    from crosswalk.history import validity, version_warnings

    entry, others = _resolve_entry(code, scheme, as_of)
    dataset = load()
    path = dataset.path(entry)
    children = dataset.children(entry)
    version = dataset.version_for(entry.scheme, as_of)
    valid = validity(dataset, entry.scheme, entry.code, version.version)
    if as_json:
        record = entry.to_dict()
        record["valid"] = valid.to_dict()
        record["path"] = [{"code": e.code, "title": e.title} for e in path]
        record["children"] = [{"code": c.code, "title": c.title} for c in children]
        record["list"] = {"title": version.title, "version": version.version,
                          "sources": [s.file for s in version.sources]}  # fmt: skip
        record["also_valid_in"] = list(others)
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    click.echo(f"{entry.scheme} {entry.code}    {version.title}, version {version.version}")
    if len(dataset.versions_of(entry.scheme)) > 1:
        click.echo(f"valid: {valid.describe()}")
    for warning in version_warnings({entry.scheme: version.version}, as_of):
        click.echo(f"note: {warning}")
    if len(path) > 1:
        click.echo("path: " + " › ".join(f"{e.code} {e.title}".strip() for e in path[:-1]))
    if entry.flags:
        click.echo("flags: " + ", ".join(entry.flags))
    if entry.regimes:
        click.echo("regimes: " + ", ".join(entry.regimes))
    click.echo("")
    click.echo(entry.text or entry.title or "(the source lists this entry only through its sub-entries)")
    for note in entry.notes:
        click.echo(f"  ‣ {note}")
    if children:
        click.echo("")
        click.echo(f"{len(children)} sub-entries:")
        for child in children:
            click.echo(f"  {child.code}  {child.title}")
    for key, value in entry.extra.items():
        if key != "hs_hints":
            click.echo(f"{key}: {value}")
    if others:
        click.echo(f"\nnote: {entry.code} is also a code in {', '.join(others)} (use --scheme)")


RELATION_WORDS = {
    "exactMatch": "same scope",
    "closeMatch": "same intent, wording or a threshold differs",
    "broadMatch": "the target is broader",
    "narrowMatch": "the target is narrower (one of several)",
    "relatedMatch": "overlap only",
}


@main.command()
@click.argument("code")
@click.option(
    "--to",
    "targets",
    default="jp,jp-clause,eu,us,kr",
    show_default=True,
    help="target schemes, comma-separated",
)
@click.option("--scheme", "-s", help=SCHEME_HELP)
@as_of_option()
@click.option("--json", "as_json", is_flag=True, help="print JSON for machines")
@click.option("--limit", default=20, show_default=True, help="matches shown per target (text output)")
def lookup(code: str, targets: str, scheme: str | None, as_of: str | None, as_json: bool, limit: int) -> None:
    """Translate CODE into other schemes, with the relation, basis and the chain of reasons.

    \b
    crosswalk lookup "7(5)" --to jp-clause,eu
    crosswalk lookup 3A001 --to kr
    crosswalk lookup 3A901 --scheme kr --to eu     Korea-only: no counterpart
    crosswalk lookup 5A992.c --to jp               US-only: no counterpart
    crosswalk lookup "9(1)" --to us --json

    Status per target: mapped, partial, no-counterpart, not-mapped-yet, removed,
    unknown-code, invalid. "not-mapped-yet" means the tables do not cover the code yet,
    never that it is not controlled. "removed": the code is not in the list in force, with
    where its content went (ask with --as-of before the change for the old answer).
    Exit status 2 for invalid or unknown codes.
    """
    from crosswalk.translation import CAVEAT, translate

    try:
        if scheme:
            from crosswalk.schemes import get as get_scheme

            get_scheme(scheme)
        results = [translate(code, t.strip(), scheme, as_of) for t in targets.split(",") if t.strip()]
    except CrosswalkError as exc:  # an unknown --to or --scheme: nothing to translate into
        _fail(str(exc))
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2))
    else:
        for result in results:
            _print_result(result, limit)
        click.echo(CAVEAT)
    if any(r.status in ("invalid", "unknown-code") for r in results):
        sys.exit(EXIT_USAGE)


def _print_result(result: Any, limit: int) -> None:
    head = f"{result.scheme or '?'} {result.code or result.query} → {result.to}: {result.status}"
    click.echo(head)
    if result.message and not result.successors:
        click.echo(f"  {result.message}")
    if result.successors:
        click.echo(f"  {result.message.split('; its content went to:')[0]}")
        click.echo("  its content went to:")
        for step in result.successors:
            click.echo(f"    {step.describe()}")
        if any(s.code for s in result.successors):
            click.echo(
                f"  translate the successor, or ask with --as-of {step.old_version} for the old answer"
            )
    for match in result.matches[:limit]:
        target = match.code or "no counterpart"
        click.echo(f"  {target}  {match.title[:60]}".rstrip())
        if not match.no_counterpart:
            click.echo(f"    {match.relation} ({RELATION_WORDS[match.relation]}); basis: {match.basis}; "
                       f"confidence {match.confidence:.2f}")  # fmt: skip
        for reason in match.review:
            click.echo(f"    needs review: {reason}")
        for hop in match.path:
            note = f" [{hop.note}]" if hop.note else ""
            click.echo(f"    · {hop.source} → {hop.target or 'no counterpart'} {hop.relation} "
                       f"({hop.mapping_set}){note}")  # fmt: skip
            if hop.comment:
                click.echo(f"      {hop.comment}")
            if hop.evidence:
                click.echo(f"      evidence: {hop.evidence}")
    if len(result.matches) > limit:
        click.echo(f"  … {len(result.matches) - limit} more (use --limit or --json)")
    if result.versions:
        click.echo("  lists: " + ", ".join(f"{k} {v}" for k, v in sorted(result.versions.items())))
    for warning in result.warnings:
        click.echo(f"  note: {warning}")
    click.echo("")


@main.command()
@click.option("--set", "set_id", help="a mapping set id (see crosswalk info); default: all")
@click.option(
    "--format", "fmt", type=click.Choice(["sssom", "csv", "json"]), default="sssom", show_default=True
)
def export(set_id: str | None, fmt: str) -> None:
    """Export mapping sets as SSSOM TSV, CSV or JSON (to standard output)."""
    import csv as csv_module

    from crosswalk import load

    dataset = load()
    sets = [s for s in dataset.manifest.get("mapping_sets", []) if set_id in (None, s["id"])]
    if not sets:
        _fail(f"no mapping set {set_id!r}; known: " +
              ", ".join(s["id"] for s in dataset.manifest.get("mapping_sets", [])))  # fmt: skip
    columns = ["subject_id", "predicate_id", "object_id", "mapping_justification", "confidence", "comment",
               "evidence", "subject_label", "object_label"]  # fmt: skip
    records = []
    for meta in sets:
        with open(dataset.root / meta["file"], encoding="utf-8") as handle:
            for row in json.load(handle)["rows"]:
                records.append({"mapping_set_id": meta["id"], **dict(zip(columns, row, strict=True))})
    if fmt == "json":
        click.echo(json.dumps({"mapping_sets": sets, "mappings": records}, ensure_ascii=False, indent=1))
        return
    if fmt == "sssom":
        for meta in sets:
            click.echo(f"# mapping_set_id: {meta['id']} ({meta['basis']}, "
                       f"{meta['subject_source']} {meta['subject_source_version']} → "
                       f"{meta['object_source']} {meta['object_source_version']})")  # fmt: skip
    order = ["subject_id", "subject_label", "predicate_id", "object_id", "object_label",
             "mapping_justification", "confidence", "comment", "evidence", "mapping_set_id"]  # fmt: skip
    writer = csv_module.DictWriter(sys.stdout, fieldnames=order, delimiter="\t" if fmt == "sssom" else ",",
                                   lineterminator="\n", extrasaction="ignore")  # fmt: skip
    writer.writeheader()
    writer.writerows(records)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="print JSON for machines")
def info(as_json: bool) -> None:
    """List every installed list version with entry counts and sources."""
    from crosswalk import load

    dataset = load()
    if as_json:
        out = {"lists": dataset.manifest["lists"],
               "mapping_sets": dataset.manifest.get("mapping_sets", []),
               "successor_sets": dataset.manifest.get("successor_sets", []),
               "notices": dataset.manifest["notices"]}  # fmt: skip
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    for version in dataset.versions:
        counts = ", ".join(f"{k} {v}" for k, v in version.counts.items() if k != "entries")
        click.echo(f"{version.scheme:9} {version.version:10}  {version.counts['entries']:5} entries  "
                   f"{version.title}")  # fmt: skip
        click.echo(f"{'':22}{counts}")
        for source in version.sources:
            click.echo(f"{'':22}{source.file}  sha256 {source.sha256[:12]}…")
    sets = dataset.manifest.get("mapping_sets", [])
    if sets:
        click.echo("")
        for mapping_set in sets:
            click.echo(
                f"mapping set {mapping_set['id']}: {mapping_set['rows']} rows ({mapping_set['basis']})"
            )
    for successor_set in dataset.manifest.get("successor_sets", []):
        click.echo(f"successor table {successor_set['id']}: {successor_set['rows']} rows "
                   f"({successor_set['scheme']} {successor_set['from']} → {successor_set['to']})")  # fmt: skip
    click.echo("")
    click.echo("Only the official publications are authentic. " + dataset.manifest["notices"][0])


@main.command()
@click.argument("scheme")
@click.option(
    "--from",
    "old",
    callback=check_date,
    metavar="YYYY-MM-DD",
    help="the version in force on this date (default: the one before --to)",
)
@click.option(
    "--to",
    "new",
    callback=check_date,
    metavar="YYYY-MM-DD",
    help="the version in force on this date (default: today's)",
)
@click.option("--json", "as_json", is_flag=True, help="print JSON for machines")
def diff(scheme: str, old: str | None, new: str | None, as_json: bool) -> None:
    """What changed in a list between two versions, and the mapping rows to re-check.

    \b
    crosswalk diff jp-clause                               2025-05-28 → 2026-02-14
    crosswalk diff jp --from 2025-01-23 --to 2026-06-05
    """
    from crosswalk import load
    from crosswalk.diff import diff as compute

    try:
        result = compute(load(), scheme, old, new)
    except CrosswalkError as exc:
        _fail(str(exc))
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{result.scheme}: {result.old_version} → {result.new_version}")
    if result.old_version == result.new_version:
        installed = [v.version for v in load().versions_of(result.scheme)]
        click.echo(f"the same version on both dates: nothing to compare (installed {result.scheme} versions: "
                   f"{', '.join(installed)})")  # fmt: skip
        return
    click.echo(f"added {len(result.added)}" + (": " + ", ".join(result.added) if result.added else ""))
    click.echo(f"removed {len(result.removed)}" + (":" if result.removed else ""))
    for code in result.removed:
        steps = result.successors.get(code, [])
        click.echo(
            f"  {code} → " + ("; ".join(s.describe() for s in steps) if steps else "no successor recorded")
        )
    click.echo(f"changed {len(result.changed)}:")
    for change in result.changed:
        click.echo(f"  {change.code}: {change.describe(4)}")
        for step in result.successors.get(change.code, []):
            click.echo(f"    its former content went to {step.describe()}")
    click.echo(f"mapping rows to re-check: {len(result.affected_rows)}")
    for row in result.affected_rows:
        click.echo(f"  [{row['set']}] {row['subject']} {row['predicate']} {row['object']} "
                   f"(made against {row['made_against']})")  # fmt: skip


from crosswalk.cli_search import search  # noqa: E402  (imports only click at load)

main.add_command(search)

from crosswalk.cli_convert import convert  # noqa: E402  (imports only click at load)

main.add_command(convert)

if __name__ == "__main__":  # pragma: no cover
    main()
