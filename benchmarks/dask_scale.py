"""Ten million rows on a Dask local cluster: time and peak memory per worker.

    python benchmarks/dask_scale.py [--rows 10000000] [--part-rows 200000] [--workers 2]
                                    [--text]

Writes the benchmark table of run.py as Parquet parts of ``--part-rows`` rows (one
part made, then copied: the work per part is the same), its columns typed as
Arrow's CSV reader infers them (floats, integers, text), or all text with
``--text``; then scores every part on
a ``LocalCluster`` of ``--workers`` processes the way ``scorecard batch SPEC
'parts/*.parquet' --dask local -f csv`` does (workers read, score and render their
part; this process writes the rows in order), and prints the time, the rate, and
each worker's and this process's peak resident memory. Not a test (see
docs/performance.md and docs/scale.md).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from run import SPEC, make_table  # noqa: E402


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--part-rows", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--text", action="store_true", help="every column as text")
    args = parser.parse_args()

    import compileall
    import functools

    for folder in ("engine", "schemas"):  # bytecode, as installed
        compileall.compile_dir(HERE.parent / folder, quiet=1)

    import pyarrow as pa
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq
    from dask.distributed import Client, LocalCluster

    from engine.batch.parts import PartJob, score_parts
    from engine.render.batch_view import CsvRows, csv_lines
    from engine.spec.compile import load_spec

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "part.csv"
        make_table(source, args.part_rows)
        names = source.open(encoding="utf-8").readline().strip().split(",")
        options = pcsv.ConvertOptions(
            column_types={n: pa.string() for n in names} if args.text else {}
        )
        parts = folder / "parts"
        parts.mkdir()
        first = parts / "part-0000.parquet"
        pq.write_table(pcsv.read_csv(source, convert_options=options), first)
        count = -(-args.rows // args.part_rows)
        for k in range(1, count):
            shutil.copyfile(first, parts / f"part-{k:04d}.parquet")
        paths = sorted(str(p) for p in parts.glob("*.parquet"))
        spec = load_spec(SPEC)
        job = PartJob(spec, render=functools.partial(CsvRows, notes=()), lean=True)
        out = folder / "out.csv"
        with (
            LocalCluster(
                n_workers=args.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",  # any free port: two batches at once do not clash
                memory_limit=0,
            ) as cluster,
            Client(cluster) as client,
        ):
            client.run(lambda: None)  # the workers are up before the clock starts
            start = time.perf_counter()
            rows = 0
            with out.open("w", encoding="utf-8", newline="") as fh:
                for text in csv_lines(spec, score_parts(job, paths, client)):
                    fh.write(text)
            elapsed = time.perf_counter() - start
            peaks = client.run(_peak_mb)
        with out.open("rb") as fh:
            rows = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 22), b"")) - 1
        kinds = "text" if args.text else "typed"
        print(
            f"{rows:,} rows in {len(paths)} Parquet parts of {args.part_rows:,} ({kinds} "
            "columns) on a "
            f"LocalCluster of {args.workers} worker processes: {elapsed:.1f} s, "
            f"{rows / elapsed:,.0f} rows/s"
        )
        print(
            f"  load average (1 min) at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        for worker, peak in sorted(peaks.items()):
            print(f"  worker {worker}: peak RSS {peak:.0f} MB")
        print(f"  main process (writes the CSV): peak RSS {_peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
