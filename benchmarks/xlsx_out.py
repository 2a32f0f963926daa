"""XLSX output against CSV output of the same batch, side by side in one run.

    python benchmarks/xlsx_out.py [--rows 200000] [--repeat 3] [--memory-rows 1000000]

Builds the benchmark table of run.py (the seed spec, ``--rows`` entities), then
times ``scorecard batch SPEC TABLE -o out.csv`` and ``... -o out.xlsx`` in turn,
``--repeat`` times each, and prints the best CPU seconds (user + system of the
command, start-up included: the machine is shared, and wall time would measure
the other work too) and their ratio. Then checks that ``--jobs 2`` writes the
same workbook bytes, and measures the peak resident memory of the XLSX output
of ``--memory-rows`` entities (0: skip). Not a test: timings depend on the
machine (docs/performance.md).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from goals import peak_mb, run  # noqa: E402
from run import SPEC, make_table  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory-rows", type=int, default=1_000_000)
    args = parser.parse_args()
    cli = [sys.executable, "-m", "engine", "batch", str(SPEC)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        table = folder / "table.csv"
        make_table(table, args.rows)
        print(f"machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}; ", end="")
        print(f"{args.rows} entities of {SPEC.name}; load average {os.getloadavg()[0]:.1f}")
        best: dict[str, float] = {}
        for _ in range(args.repeat):  # interleaved: a change in load hits both
            for fmt in ("csv", "xlsx"):
                t = run([*cli, str(table), "-o", str(folder / f"out.{fmt}")])
                best[fmt] = min(best.get(fmt, t), t)
        size = (folder / "out.xlsx").stat().st_size / 1e6
        print(f"-f csv   {best['csv']:7.2f} s CPU")
        print(f"-f xlsx  {best['xlsx']:7.2f} s CPU   {best['xlsx'] / best['csv']:.2f}× the CSV")
        print(f"workbook: {size:.1f} MB")
        run([*cli, str(table), "-o", str(folder / "jobs2.xlsx"), "-j", "2"])
        same = (folder / "jobs2.xlsx").read_bytes() == (folder / "out.xlsx").read_bytes()
        print(f"-j 1 and -j 2 write the same bytes: {same}")
        if args.memory_rows:
            big = folder / "big.csv"
            make_table(big, args.memory_rows)
            mb = peak_mb([*cli, str(big), "-o", str(folder / "big.xlsx")])
            print(f"peak RSS, -f xlsx of {args.memory_rows} entities: {mb:.0f} MB")


if __name__ == "__main__":
    main()
