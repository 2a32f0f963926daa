"""The batch report and the explorer: how long they take and how large the page is.

    python benchmarks/pictures.py [--rows 500] [--view-rows 100000]

Builds a table of ROWS entities of the seed spec (as benchmarks/run.py does), then
times, as subprocesses (wall time including start-up):

1. ``scorecard batch SPEC TABLE`` (the terminal summary, for reference);
2. ``scorecard batch SPEC TABLE -f html -o report.html`` (every row scored a second
   time with its derivation, three charts, the page), and the page's size;
3. ``scorecard compare SPEC TABLE --set ... -o compare.html``;

and, in process, the explorer headless (Textual's pilot, 80×24): from start to the
first screen of one entity, and of the table; then, over a table of VIEW_ROWS
entities (default: ROWS), the first screen (and the CPU time it took: steadier on
a shared machine), a sort by total, opening the entity under the cursor, and the
process's peak memory. Not a test: timings depend on the machine; the figures
are in docs/en/pictures.md.
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import ACTUALS, SPEC, make_table  # noqa: E402

REHAB = "indicators.rehab.method={threshold: {partial: 0.5}}"


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "engine", *args],
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def explorer_first_screen(table: Path | None) -> float:
    from engine.cli.inputs import load_spec_with_sets
    from engine.cli.view import entity_screen, table_screen
    from engine.render.explorer import Explorer

    async def run() -> float:
        start = time.perf_counter()
        spec = load_spec_with_sets(str(SPEC))
        first = (
            table_screen(spec, str(table), "error")
            if table is not None
            else entity_screen(spec, str(ACTUALS), "error")
        )
        app = Explorer(first)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            return time.perf_counter() - start

    return asyncio.run(run())


def explorer_table(table: Path) -> dict[str, float]:
    """The table explorer over ``table``: seconds to the first screen (spec loaded,
    every row scored and ranked), to sort by total, to open one entity; peak MB."""
    import resource

    from engine.cli.inputs import load_spec_with_sets
    from engine.cli.view import table_screen
    from engine.render.explorer import Explorer

    async def run() -> dict[str, float]:
        start, cpu = time.perf_counter(), time.process_time()
        app = Explorer(table_screen(load_spec_with_sets(str(SPEC)), str(table), "error"))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            first, first_cpu = time.perf_counter(), time.process_time()
            await pilot.press("right", "s")
            await pilot.pause()
            ordered = time.perf_counter()
            await pilot.press("enter")
            await pilot.pause()
            opened = time.perf_counter()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return {
            "first": first - start,
            "first_cpu": first_cpu - cpu,
            "sort": ordered - first,
            "open": opened - ordered,
            "peak": peak,
        }

    return asyncio.run(run())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--view-rows", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp) / "units.csv"
        make_table(table, args.rows)
        report, compare = Path(tmp) / "report.html", Path(tmp) / "compare.html"
        summary = timed(["batch", str(SPEC), str(table)])
        page = timed(["batch", str(SPEC), str(table), "-f", "html", "-o", str(report)])
        both = timed(["compare", str(SPEC), str(table), "--set", REHAB, "-o", str(compare)])
        print(f"{args.rows} entities of {SPEC.name}")
        print(f"  batch (terminal summary)      {summary:7.2f} s")
        print(
            f"  batch -f html                 {page:7.2f} s   "
            f"page {report.stat().st_size / 1e6:.1f} MB"
        )
        print(
            f"  compare -o FILE.html          {both:7.2f} s   "
            f"page {compare.stat().st_size / 1e6:.1f} MB"
        )
        print(f"  view, one entity: first screen {explorer_first_screen(None):6.2f} s")
        print(f"  view, the table: first screen  {explorer_first_screen(table):6.2f} s")
        big = table
        if args.view_rows is not None and args.view_rows != args.rows:
            big = Path(tmp) / "view.csv"
            make_table(big, args.view_rows)
        t = explorer_table(big)
        print(f"{args.view_rows or args.rows} entities in `view SPEC TABLE`")
        print(
            f"  first screen {t['first']:6.2f} s (CPU {t['first_cpu']:.2f} s)   "
            f"sort by total {t['sort']:5.2f} s"
        )
        print(f"  open one     {t['open']:6.2f} s   peak memory  {t['peak']:5.0f} MB")


if __name__ == "__main__":
    main()
