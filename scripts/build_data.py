#!/usr/bin/env python3
"""Rebuild src/crosswalk/data/ from the official sources and the curated tables under data/.

python scripts/build_data.py                       # sources from ../shared/sources
python scripts/build_data.py --sources DIR         # or from a folder you downloaded
python scripts/build_data.py --out /tmp/check      # build elsewhere (e.g. to compare)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "src"))

from crosswalk.build import build, default_sources_dir  # noqa: E402
from crosswalk.errors import CrosswalkError  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument(
        "--sources",
        type=Path,
        default=default_sources_dir(PROJECT),
        help="folder of official source files (default: %(default)s)",
    )
    parser.add_argument("--data", type=Path, default=PROJECT / "data", help="curated tables folder")
    parser.add_argument(
        "--out",
        type=Path,
        default=PROJECT / "src" / "crosswalk" / "data",
        help="output folder (default: the package data)",
    )
    parser.add_argument(
        "--meti-matrix",
        type=Path,
        action="append",
        default=[],
        help="a METI kamotsu_matrix_YYYYMMDD.xlsx you downloaded (repeatable)",
    )
    args = parser.parse_args(argv)
    try:
        build(
            args.sources,
            args.out,
            args.data,
            log=lambda line: print(line, file=sys.stderr),
            matrix_files=tuple(args.meti_matrix),
        )
    except CrosswalkError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
