#!/usr/bin/env python3
"""Spreadsheet conversion: a 100,000-row xlsx against the bare I/O baseline, and a big CSV.

    python benchmarks/bench_convert.py [--rows 100000] [--csv-rows 1000000] [--skip-csv]

Baseline in the same run: reading the same workbook with python-calamine and writing the
same rows with xlsxwriter (constant_memory), nothing else; the figure to watch is the ratio.
``--recheck`` of the converted workbook (answered again under the lists of 2025-06-01) is
compared with a bare calamine read of that workbook.
The CSV part runs the conversion in a child process and reports rows per second and the
child's own peak resident memory.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CODES = ["7(5)", "非該当", "", "第6条第1項第7号", "8", "7(1), 7(2)", "N/A", "3A0O1", "16", "７（３）",
         "2(1)", "該当なし", "13(1)", "9(1)", "EAR99"]  # fmt: skip


def make_xlsx(path: Path, rows: int) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("parts")
    sheet.write_row(0, 0, ["No", "品名", "型式", "該当項番", "備考"])
    for i in range(rows):
        sheet.write_row(i + 1, 0, [i + 1, f"部品{i}", f"MDL-{i:06d}", CODES[i % len(CODES)], "memo"])
    book.close()


def make_csv(path: Path, rows: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["No", "品名", "型式", "該当項番", "備考"])
        writer.writerows(
            [i + 1, f"部品{i}", f"MDL-{i:06d}", CODES[i % len(CODES)], "memo"] for i in range(rows)
        )


def baseline(source: Path, out: Path) -> float:
    import python_calamine
    import xlsxwriter

    start = time.perf_counter()
    rows = python_calamine.CalamineWorkbook.from_path(str(source)).get_sheet_by_index(0).to_python()
    book = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    sheet = book.add_worksheet("parts")
    for number, row in enumerate(rows):
        sheet.write_row(number, 0, row)
    book.close()
    return time.perf_counter() - start


def converted(source: Path, out: Path) -> float:
    from crosswalk.batch_io import Settings, convert_file

    start = time.perf_counter()
    convert_file(source, out, Settings(to=["eu", "us", "kr"]))
    return time.perf_counter() - start


def rechecked(path: Path) -> tuple[float, float, int]:
    import python_calamine

    from crosswalk.rechecking import recheck

    start = time.perf_counter()
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()
    bare = time.perf_counter() - start
    start = time.perf_counter()
    report = recheck(path, as_of="2025-06-01")
    return bare, time.perf_counter() - start, len({(d.sheet, d.row) for d in report.differences})


def bench_csv(folder: Path, rows: int) -> None:
    source = folder / "big.csv"
    make_csv(source, rows)
    code = ("import sys, time; from crosswalk.batch_io import Settings, convert_file; t = time.perf_counter(); "
            "convert_file(sys.argv[1], sys.argv[2], Settings(to=['eu', 'us', 'kr'])); "
            "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]; "
            "print(time.perf_counter() - t, hwm)")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code, str(source), str(folder / "out.csv")],
                          capture_output=True, text=True, check=True)  # fmt: skip
    seconds, kilobytes = done.stdout.split()
    elapsed, peak = (
        float(seconds),
        int(kilobytes) / 1024,
    )  # VmHWM: the child's own peak, not the forked parent's
    print(f"CSV {rows:,} rows → eu,us,kr: {elapsed:.1f} s, {rows / elapsed:,.0f} rows/s, "
          f"peak memory {peak:.0f} MB")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--csv-rows", type=int, default=1_000_000)
    parser.add_argument("--skip-csv", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_xlsx(folder / "big.xlsx", args.rows)
        base = baseline(folder / "big.xlsx", folder / "base.xlsx")
        ours = converted(folder / "big.xlsx", folder / "out.xlsx")
        print(f"xlsx {args.rows:,} rows → eu,us,kr (21 added columns): {ours:.1f} s; baseline calamine read + "
              f"xlsxwriter write of the same rows: {base:.1f} s; ratio {ours / base:.2f}×")  # fmt: skip
        bare, again, differing = rechecked(folder / "out.xlsx")
        print(f"recheck of that output under the lists of 2025-06-01: {again:.1f} s ({differing:,} rows differ); "
              f"baseline calamine read of it: {bare:.1f} s; ratio {again / bare:.2f}×")  # fmt: skip
        if not args.skip_csv:
            bench_csv(folder, args.csv_rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
