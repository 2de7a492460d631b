"""Compile mapping sets (curated SSSOM tables and generated same-number sets)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from crosswalk.model import Entry


def compile_all(data_dir: Path, lists: dict[tuple[str, str], list[Entry]], out_dir: Path,
                log: Callable[[str], None]) -> list[dict[str, Any]]:  # fmt: skip
    """No mapping sets yet."""
    return []
