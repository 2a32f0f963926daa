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
    frame = _frame(rows)
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
    scored = pq.read_table(out).drop_columns(["row", "error"])
    assert scored.cast(whole.schema).equals(whole)


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


def test_score_dataframe_on_a_local_cluster_of_two_processes() -> None:
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    from engine.dask import score_dataframe

    frame = _frame(700)
    ddf = dd.from_pandas(frame, npartitions=4)
    with (
        alarm_guard(300, "the local cluster did not answer"),
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
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
