"""Option checks shared by the ``crosswalk`` commands (imports only click)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click


def check_date(_ctx: Any, _param: Any, value: str | None) -> str | None:
    """Click callback: a date option must be ``YYYY-MM-DD`` (checked before anything is loaded)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date: write YYYY-MM-DD, e.g. 2025-06-01") from None


def as_of_option(help_text: str = "use the list versions in force on this date (default: today)") -> Any:
    """The ``--as-of`` option every command takes, checked as a date."""
    return click.option("--as-of", callback=check_date, metavar="YYYY-MM-DD", help=help_text)
