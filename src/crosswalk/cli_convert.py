"""``crosswalk convert``: add EU / ECCN / KR (or Japanese) columns to a classification spreadsheet.

Registered on the ``crosswalk`` group by ``main.add_command(convert)``.  Only click is
imported here; the engine, calamine, xlsxwriter and rich load when the command runs.
"""

from __future__ import annotations

import json
import signal
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any, NoReturn

import click

from crosswalk.cli_options import as_of_option

EXIT_USAGE = 2


@click.command()
@click.argument("source", type=click.Path(path_type=Path), required=False)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="output file (default: NAME.crosswalk.EXT)"
)
@click.option(
    "--from", "src", help="scheme of the codes when a cell could be read several ways (eu, us, kr …)"
)
@click.option("--to", "targets", help="target schemes, comma-separated (default: eu,us,kr for Japanese columns, "
              "else jp,jp-clause)")  # fmt: skip
@click.option("--column", help="code column(s): header, letter or 1-based index, comma-separated")
@click.option(
    "--sheet", "sheets", multiple=True, help="sheet to convert (repeat; default: every sheet with codes)"
)
@as_of_option()
@click.option("--encoding", help="CSV encoding to read and write (default: detected; utf-8, cp932, cp949)")
@click.option("--in-place", is_flag=True, help="rewrite SOURCE itself, keeping SOURCE.bak")
@click.option("--recheck", "recheck_path", type=click.Path(path_type=Path), metavar="OLD_OUTPUT",
              help="re-answer a file converted earlier under the lists in force now (or --as-of) and list "
                   "the rows whose answer differs, with why; writes nothing")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="print the summary as JSON")
def convert(source: Path | None, output: Path | None, src: str | None, targets: str | None, column: str | None,
            sheets: tuple[str, ...], as_of: str | None, encoding: str | None, in_place: bool,
            recheck_path: Path | None, as_json: bool) -> None:  # fmt: skip
    """Add translation columns to every row of a spreadsheet (.xlsx, .xlsm, .xls, .csv, .tsv).

    Per target: codes, relation, basis, confidence, comment, status (mapped, partial,
    no-counterpart, not-mapped-yet, removed, not-a-code, invalid) and needs_review. Rows are never
    dropped or reordered; statuses such as 非該当 or N/A are kept, never turned into codes.

    \b
    crosswalk convert parts.xlsx -o parts_eu.xlsx
    crosswalk convert supplier.csv --to jp,jp-clause --column "Control No."
    crosswalk convert list.xlsx --sheet 部品 --to eu,us --json

    \b
    A converted file records the list versions it used.  After an amendment:
    crosswalk convert --recheck parts.crosswalk.xlsx
    lists the rows whose answer differs now and why (exit status 1 if any differ).

    No hit is not clearance: an unmapped or weakly mapped code is not a classification.
    """
    from crosswalk.batch import BatchError
    from crosswalk.batch_io import Settings, convert_file
    from crosswalk.errors import CrosswalkError

    if recheck_path is not None:
        if source is not None or output or targets or column or sheets or in_place or encoding:
            _usage("--recheck OLD_OUTPUT takes only --as-of and --json (the file records the rest)")
        _recheck(recheck_path, as_of, as_json)
        return
    if source is None:
        _usage("missing SOURCE (the spreadsheet to convert), or --recheck OLD_OUTPUT")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind: the temporary file is removed
    settings = Settings(_split(targets), src, column, list(sheets) or None, as_of, encoding)
    try:
        with _progress_bar() as progress:
            settings.progress = progress
            report = convert_file(source, output, settings, in_place)
    except (BatchError, CrosswalkError, OSError) as exc:
        click.echo(f"crosswalk: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    _print_report(report, as_json)


def _usage(message: str) -> NoReturn:
    click.echo(f"crosswalk: {message}; see crosswalk convert --help", err=True)
    sys.exit(EXIT_USAGE)


def _recheck(path: Path, as_of: str | None, as_json: bool) -> None:
    from crosswalk.errors import CrosswalkError
    from crosswalk.rechecking import recheck

    try:
        with _progress_bar() as progress:
            report = recheck(path, as_of, progress=progress)
    except (CrosswalkError, OSError) as exc:
        click.echo(f"crosswalk: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    data = report.to_dict()
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        rec = report.recorded
        click.echo(f"{path}: converted by crosswalk {rec.crosswalk}, as of {rec.as_of}, with "
                   + ", ".join(f"{k} {v}" for k, v in rec.versions.items()))  # fmt: skip
        click.echo(
            f"now (as of {report.as_of}): " + ", ".join(f"{k} {v}" for k, v in report.versions.items())
        )
        click.echo(f"{report.rows} rows checked; {data['rows_differing']} rows answer differently"
                   + (":" if report.differences else "."))  # fmt: skip
        _print_rows(report.differences, changed=True)
        if report.unconverted:
            shown = ", ".join(map(str, report.unconverted[:10])) + (
                " …" if len(report.unconverted) > 10 else ""
            )
            click.echo(f"{len(report.unconverted)} rows have no answers in the file (added after the conversion?), "
                       f"not checked: rows {shown}")  # fmt: skip
        if report.amended:
            click.echo(f"{len(report.amended)} rows answer the same, but the entry they cite was amended:")
            _print_rows(report.amended, changed=False)
        click.echo(data["caveat"])
    sys.exit(1 if report.differences else 0)


def _print_rows(rows: list[Any], changed: bool) -> None:
    """One block per spreadsheet row: each target's old → new answer, then the reasons once."""
    groups: dict[tuple[str, int, str, str], list[Any]] = {}
    for d in rows:
        groups.setdefault((d.sheet, d.row, d.column, d.cell), []).append(d)
    for (sheet, row, _column, cell), items in groups.items():
        click.echo(f"  {sheet} row {row}: {cell}")
        if changed:
            for d in items:
                old = f"{d.old['codes'] or '—'} ({'; '.join(filter(None, (d.old['relation'], d.old['status'])))})"
                new = f"{d.new['codes'] or '—'} ({'; '.join(filter(None, (d.new['relation'], d.new['status'])))})"
                click.echo(f"    {d.target}: {old} → {new}")
        for reason in dict.fromkeys(r for d in items for r in d.why):
            click.echo(f"    why: {reason}")


def _split(text: str | None) -> list[str] | None:
    return [t.strip() for t in text.split(",") if t.strip()] if text else None


def _progress_bar() -> AbstractContextManager[Any]:
    """A rich progress bar on a terminal; nothing in a pipe."""
    if not sys.stderr.isatty():
        return nullcontext(None)
    return _RichProgress()


class _RichProgress:
    def __enter__(self) -> Any:
        from rich.progress import Progress

        self.bar = Progress(transient=True)
        self.bar.__enter__()
        self.task = self.bar.add_task("converting", total=None)
        return self.update

    def update(self, done: int, total: int) -> None:
        self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(None, None, None)


def _print_report(report: dict[str, Any], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    click.echo(f"{report['input']} → {report['output']}")
    for sheet in report["sheets"]:
        click.echo(f"  {sheet['sheet']}: {sheet['rows']} rows")
        for count in sheet["counts"]:
            statuses = ", ".join(f"{k} {v}" for k, v in count["statuses"].items())
            click.echo(f"    {count['column']} → {count['target']}: {statuses}")
        for warning in sheet["warning_examples"][:5]:
            click.echo(f"  warning: {warning}", err=True)
        if sheet["warnings"] > 5:
            click.echo(f"  … {sheet['warnings'] - 5} more warnings (see the summary)", err=True)
    click.echo("  lists: " + ", ".join(f"{k} {v}" for k, v in report["list_versions"].items()))
    for note in report.get("list_notes", []):
        click.echo(f"  note: {note}")
    click.echo(report["caveat"])
