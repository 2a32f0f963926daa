"""Scoring on Dask: the same bytes as the local path, on a LocalCluster of two
worker processes (docs/en/scale.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import engine
from tests.conftest import alarm_guard
from tests.test_fastpath import _seed_table

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "specs" / "gz-dept-overall-2021.yaml"


def _frame(rows: int) -> pd.DataFrame:
    from io import StringIO

    return pd.read_csv(StringIO(_seed_table(rows)), dtype=str, keep_default_na=False)


def _parts(folder: Path, rows: int = 900, parts: int = 3) -> Path:
    return _written(_frame(rows), folder, parts)


def _written(frame: pd.DataFrame, folder: Path, parts: int) -> Path:
    """``frame`` as ``parts`` Parquet files of about equal rows in ``folder``."""
    size = -(-len(frame) // parts)
    folder.mkdir()
    for k in range(parts):
        piece = pa.Table.from_pandas(frame.iloc[k * size : (k + 1) * size], preserve_index=False)
        pq.write_table(piece, folder / f"part-{k}.parquet")
    return folder


def _batch(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "engine", "batch", str(SPEC), *args],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=300,  # a hang guard only
    )


@pytest.mark.parametrize("suffix", ["csv", "parquet"])
def test_dask_local_writes_the_bytes_the_local_path_writes(tmp_path: Path, suffix: str) -> None:
    parts = _parts(tmp_path / "parts")
    pattern = str(parts / "*.parquet")
    local = _batch(pattern, "-o", str(tmp_path / f"local.{suffix}"))
    dask = _batch(pattern, "-o", str(tmp_path / f"dask.{suffix}"), "--dask", "local", "-j", "2")
    assert local.returncode == dask.returncode == 1  # the seed table has one bad row
    assert local.stderr.splitlines()[-2:] == dask.stderr.splitlines()[-2:]
    assert (tmp_path / f"local.{suffix}").read_bytes() == (tmp_path / f"dask.{suffix}").read_bytes()
    if suffix == "csv":
        text = (tmp_path / "local.csv").read_text("utf-8")
        assert len(text.splitlines()) == 1 + 900


def test_parts_are_scored_as_one_table_would_be(tmp_path: Path) -> None:
    parts = _parts(tmp_path / "parts")
    whole = engine.score_table(SPEC, _frame(900)).drop_columns(["row", "error"])
    out = tmp_path / "parts.parquet"
    assert _batch(str(parts / "*.parquet"), "-o", str(out)).returncode == 1
    read = pq.read_table(out)
    scored = read.drop_columns(["file", "row", "error"])
    assert scored.cast(whole.schema).equals(whole)
    # each row says which part it came from, and its row there (the header is row 1)
    files = sorted(str(p) for p in parts.glob("*.parquet"))
    sizes = [pq.ParquetFile(f).metadata.num_rows for f in files]
    assert read.column_names[:2] == ["file", "row"]
    assert read.column("file").to_pylist() == [
        f for f, n in zip(files, sizes, strict=True) for _ in range(n)
    ]
    assert read.column("row").to_pylist() == [r for n in sizes for r in range(2, n + 2)]


def test_a_pattern_that_matches_nothing_is_a_usage_error(tmp_path: Path) -> None:
    proc = _batch(str(tmp_path / "none" / "*.parquet"))
    assert proc.returncode == 2
    assert (
        proc.stderr.decode()
        .strip()
        .endswith(
            f"{tmp_path}/none/*.parquet: no file matches this pattern; give a file or a pattern"
        )
    )


def test_a_part_refused_on_a_worker_is_said_in_one_line_without_a_traceback(
    tmp_path: Path,
) -> None:
    """A part's own problem (here a column its header misnames) travels back
    from the worker as a value: the batch says it as the local path does, not
    Dask's log of a failed task with its traceback."""
    parts = _parts(tmp_path / "parts", parts=2)
    frame = pq.read_table(parts / "part-1.parquet")
    names = ["spentx" if n == "spent" else n for n in frame.column_names]
    pq.write_table(frame.rename_columns(names), parts / "part-1.parquet")
    pattern = str(parts / "*.parquet")
    local = _batch(pattern, "-o", str(tmp_path / "local.csv"))
    dask = _batch(pattern, "-o", str(tmp_path / "dask.csv"), "--dask", "local", "-j", "2")
    assert local.returncode == dask.returncode == 1
    expected = local.stderr.decode().splitlines()
    assert len(expected) == 1
    assert expected[0].startswith(f"{parts}/part-1.parquet:1:")
    assert "column 'spentx' is not an indicator, input or known column" in expected[0]
    assert dask.stderr.decode().splitlines() == expected


def test_each_parts_own_warnings_come_back_from_the_workers(tmp_path: Path) -> None:
    """A part's rows are checked where it is scored (a 合计 row, a unit twice), and
    the parts against each other where they come together (a unit in two files):
    the warnings come back with the rows, the same and in the same order as
    locally."""
    frame = _frame(40)
    frame.loc[5, "entity"] = "合计"
    frame.loc[30, "entity"] = frame.loc[25, "entity"]
    frame.loc[33, "entity"] = frame.loc[3, "entity"]  # part 1's row 15 is part 0's row 5
    parts = _written(frame, tmp_path / "parts", 2)
    pattern = str(parts / "*.parquet")
    local = _batch(pattern, "-o", str(tmp_path / "local.csv"))
    dask = _batch(pattern, "-o", str(tmp_path / "dask.csv"), "--dask", "local", "-j", "2")
    told = [x for x in local.stderr.decode().splitlines() if ": warning: " in x]
    assert [x.split(": warning: ")[0] for x in told] == [
        f"{parts}/part-0.parquet:7:1",  # row 7 of part 0 (the header is row 1)
        f"{parts}/part-1.parquet:12:1",  # the second of two rows of one unit in part 1
        f"{parts}/part-1.parquet:15:1",  # a unit of part 0 again in part 1
    ]
    assert "'合计' reads as a totals" in told[0] and "is also row 7" in told[1]
    assert told[2].endswith(
        f"warning: entity '{frame.loc[3, 'entity']}' is also row 5 of {parts}/part-0.parquet "
        "(the same period); each entity once: remove or correct one of the rows"
    )
    assert [x for x in dask.stderr.decode().splitlines() if ": warning: " in x] == told


def test_score_dataframe_on_a_local_cluster_of_two_processes() -> None:
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    from engine.dask import score_dataframe

    frame = _frame(700)
    ddf = dd.from_pandas(frame, npartitions=4)
    with (
        alarm_guard(300, "the local cluster did not answer"),
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        assert len(client.scheduler_info()["workers"]) == 2
        result = score_dataframe(ddf, SPEC).compute()
    expected = engine.score_table(SPEC, frame).to_pandas()
    assert list(result.index) == list(frame.index)
    assert result["total"].tolist() == expected["total"].tolist()
    assert result["status"].tolist() == expected["status"].tolist()
    assert (
        result.drop(columns=["row", "error"])
        .reset_index(drop=True)
        .equals(expected.drop(columns=["row", "error"]))
    )


def _typed_parts(folder: Path, rows: int = 900, parts: int = 3) -> Path:
    """Parts whose columns have the types pandas infers: floats, integers, NaN for
    an empty cell, and text where a column holds an N/A mark or a form."""
    from io import StringIO

    frame = pd.read_csv(StringIO(_seed_table(rows)), keep_default_na=False, na_values=[""])
    frame.loc[frame.index % 11 == 3, "budget"] = float("nan")
    marked = frame["compliance"].astype(object)
    marked[frame.index % 13 == 5] = "N/A"
    frame["compliance"] = marked.astype(str)
    return _written(frame, folder, parts)


def test_typed_parts_write_the_same_bytes_on_every_path(tmp_path: Path) -> None:
    parts = _typed_parts(tmp_path / "parts")
    schema = pq.read_schema(parts / "part-0.parquet")
    assert schema.field("budget").type == pa.float64()
    assert schema.field("training").type == pa.int64()
    pattern = str(parts / "*.parquet")
    runs = {
        "local": _batch(pattern, "-o", str(tmp_path / "local.csv")),
        "jobs": _batch(pattern, "-o", str(tmp_path / "jobs.csv"), "-j", "2"),
        "dask": _batch(pattern, "-o", str(tmp_path / "dask.csv"), "--dask", "local", "-j", "2"),
    }
    assert {k: p.returncode for k, p in runs.items()} == dict.fromkeys(runs, 1)
    written = {k: (tmp_path / f"{k}.csv").read_bytes() for k in runs}
    assert written["local"] == written["jobs"] == written["dask"]
    text = written["local"].decode("utf-8")
    assert "compliance:not_applicable" in text
    assert f"{parts}/part-0.parquet:5:2: missing inputs: budget (for budget_execution)" in text


def test_a_large_parquet_file_and_workbook_write_the_same_bytes_with_jobs(tmp_path: Path) -> None:
    """More rows than one piece (engine.batch.typed.PIECE_ROWS): the pieces go to
    two worker processes and come back in order."""
    from io import StringIO

    from openpyxl import Workbook

    frame = pd.read_csv(StringIO(_seed_table(17_000)), keep_default_na=False, na_values=[""])
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), tmp_path / "t.parquet")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        ws.append([None if isinstance(c, float) and c != c else c for c in row])
    wb.save(tmp_path / "t.xlsx")
    for name in ("t.parquet", "t.xlsx"):
        one = _batch(str(tmp_path / name), "-o", str(tmp_path / "one.csv"))
        two = _batch(str(tmp_path / name), "-o", str(tmp_path / "two.csv"), "-j", "2")
        assert one.returncode == two.returncode == 1, name
        assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes(), name


def test_a_rows_error_names_its_partition() -> None:
    """Every partition's rows count from 2: four rows all read DataFrame:2:15."""
    import dask.dataframe as dd

    from engine.dask import score_dataframe

    frame = _frame(40)
    frame.loc[[0, 20], "spent"] = ""  # the first row of each of two partitions
    result = score_dataframe(dd.from_pandas(frame, npartitions=2), SPEC).compute(scheduler="sync")
    failed = result[result["status"] == "error"]
    assert [e.split(": ")[0] for e in failed["error"]] == ["partition 0:2:3", "partition 1:2:3"]
    assert list(failed.index) == [0, 20]
