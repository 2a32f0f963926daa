"""The Python API: engine.score_table and engine.score (docs/en/python-api.md)."""

from __future__ import annotations

import csv
import doctest
import io
import os
import pickle
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import engine
from engine.base.errors import ErrorList, ScorecardError
from engine.base.i18n import called_from, caller
from engine.batch.runner import score_blocks
from engine.batch.tables import note_columns, open_table
from engine.render.batch_view import csv_lines
from engine.spec.compile import load_spec
from tests.test_fastpath import _seed_table

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "specs" / "gz-dept-overall-2021.yaml"
UNITS = ROOT / "examples" / "docs" / "units.csv"


def _csv_rows(path: Path, spec_path: Path = SPEC) -> list[dict[str, str]]:
    """What `scorecard batch -f csv` writes for the table, row by row, its fixes
    worded for Python (``missing="zero"``), as the API words them."""
    spec = load_spec(spec_path)
    table = open_table(str(path), spec)
    notes = [c.target for c in note_columns(table)]
    with called_from("python"):
        text = "".join(csv_lines(spec, score_blocks(spec, table), notes))
    return list(csv.DictReader(io.StringIO(text)))


def _as_text(table: pa.Table) -> list[dict[str, str]]:
    """The Arrow table's rows as the CSV output writes them."""
    out = []
    for row in table.to_pylist():
        out.append({k: "" if v is None else str(v) for k, v in row.items()})
    return out


@pytest.mark.parametrize("rows", [4, 600])
def test_score_table_says_what_the_batch_csv_says(tmp_path: Path, rows: int) -> None:
    path = tmp_path / "t.csv"
    path.write_text(_seed_table(rows), encoding="utf-8")
    result = engine.score_table(SPEC, path)
    assert isinstance(result, pa.Table)
    assert result.schema.field("total").type == pa.decimal128(38, 2)
    assert _as_text(result) == _csv_rows(path)
    assert result.num_rows == rows


def test_score_table_with_n_a_marks_says_what_the_batch_csv_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """N/A marks in about 5% of value cells, read column-wise in several pieces:
    scores at redistributed full marks, whose weights handed on are rounded to
    the places (shared_out), keep the score columns decimal, each as the CSV
    writes it; full marks and flags as the CSV's too."""
    from engine.batch import columnar, tables

    monkeypatch.setattr(tables, "COLUMNAR_BYTES", 1)
    monkeypatch.setattr(columnar, "PIECE_BYTES", 40_000)
    lines = _seed_table(1500).splitlines()
    marked = [lines[0]]
    for i, line in enumerate(lines[1:]):
        cells = line.split(",")
        for j in range(3, len(cells)):
            if (i * 31 + j * 17) % 20 == 0:
                cells[j] = "N/A"
        marked.append(",".join(cells))
    path = tmp_path / "t.csv"
    path.write_text("\n".join(marked) + "\n", encoding="utf-8")
    result = engine.score_table(SPEC, path)
    expected = _csv_rows(path)
    assert result.schema.field("total").type == pa.decimal128(38, 2)  # every score whole units
    assert _as_text(result) == expected
    assert sum(1 for r in expected if r["flags"]) > 1000  # most rows hold a mark


@pytest.mark.parametrize("rows", [0, 600, 1500])
def test_a_row_without_flags_has_null_flags_as_one_without_errors_has_a_null_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: int
) -> None:
    """No flags and no error are both null in the Arrow table (and so in Parquet),
    on the exact path (units.csv: clean, marked and failed rows), the fast path
    and the fast path with N/A marks; the CSV writes both as empty cells."""
    from engine.batch import tables

    path = UNITS
    if rows:
        monkeypatch.setattr(tables, "COLUMNAR_BYTES", 1)
        lines = _seed_table(rows).splitlines()
        if rows == 1500:  # N/A marks in some rows' cells
            for i in range(1, len(lines), 7):
                cells = lines[i].split(",")
                cells[5] = "N/A"
                lines[i] = ",".join(cells)
        path = tmp_path / "t.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = engine.score_table(SPEC, path).to_pylist()
    expected = _csv_rows(path)
    assert [r["flags"] for r in result] == [r["flags"] or None for r in expected]
    assert [r["error"] for r in result] == [r["error"] or None for r in expected]
    assert "" not in [r["flags"] for r in result]
    assert None in [r["flags"] for r in result]
    assert any(r["flags"] for r in result) == (rows != 600)  # 600: no marks, no gaps


def test_rows_with_n_a_marks_and_rows_scored_exactly_keep_their_scores(tmp_path: Path) -> None:
    """A block of the fast path with N/A marks in which a row is scored the exact
    way (a number with an exponent): that row keeps its scores in the Arrow table,
    as on the exact path."""
    from engine.batch.arrow_results import results_table
    from engine.spec.compile import compile_spec
    from engine.spec.load import load_text
    from tests.test_columnar import SPEC as FORMS

    spec = compile_spec(load_text(FORMS, "forms.yaml"))
    path = tmp_path / "t.csv"
    path.write_text("entity,rate,money\ne0,N/A,1e3\ne1,N/A,2000\ne2,50,1e3\n", encoding="utf-8")

    def table(fast: bool) -> list[dict[str, object]]:
        rows = results_table(spec, score_blocks(spec, open_table(str(path), spec), fast=fast))
        return rows.to_pylist()  # type: ignore[no-any-return]

    assert table(fast=True) == table(fast=False)
    assert all(r["total"] is not None for r in table(fast=True))


def test_errors_are_values_in_their_rows() -> None:
    result = engine.score_table(str(SPEC), UNITS).to_pylist()
    assert [r["status"] for r in result] == ["ok", "ok", "ok", "error"]
    bad = result[3]
    assert bad["total"] is None and bad["trips"] is None
    assert bad["error"] == (
        f"{UNITS}:5:4: missing inputs: spent (for budget_execution); fill in their "
        'cells, or use missing="zero" to score those indicators 0'
    )
    assert result[0]["total"] == Decimal("88.59")
    assert result[0]["notes.trips"] == "受疫情影响，外出招商活动减少"
    zero = engine.score_table(SPEC, UNITS, missing="zero").to_pylist()
    assert [r["status"] for r in zero] == ["ok"] * 4


@pytest.mark.parametrize("start", ["fork", "forkserver"])
def test_fixes_name_the_python_keyword_in_every_worker_and_only_inside_the_api(
    tmp_path: Path, start: str
) -> None:
    """A row's fix names ``missing="zero"`` for the API, in the rows its worker
    processes score too (more rows than one part holds), however they start (a
    forked worker has its parent's state, one from a server is told), and the
    command line's ``--missing zero`` again once the call returns."""
    import multiprocessing

    before = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method(start, force=True)
    try:
        _python_fixes_in_workers(tmp_path)
    finally:
        multiprocessing.set_start_method(before, force=True)


def _python_fixes_in_workers(tmp_path: Path) -> None:
    from engine.batch.runner import PARALLEL_CHUNK

    lines = UNITS.read_text("utf-8").splitlines()
    good = [line for line in lines[1:] if not line.startswith("小楼镇,")]
    body = [good[i % len(good)] for i in range(PARALLEL_CHUNK + 50)]
    bad = next(line for line in lines[1:] if line.startswith("小楼镇,"))  # its input cell is empty
    path = tmp_path / "t.csv"
    path.write_text("\n".join([lines[0], *body, bad]) + "\n", encoding="utf-8")
    result = engine.score_table(SPEC, path, jobs=2).to_pylist()
    assert [r["row"] for r in result if r["status"] == "error"] == [len(body) + 2]
    assert result[-1]["error"] == (
        f"{path}:{len(body) + 2}:4: missing inputs: spent (for budget_execution); fill in their "
        'cells, or use missing="zero" to score those indicators 0'
    )
    assert caller() == "cli"
    with pytest.raises(ErrorList) as raised:
        engine.score(SPEC, {"entity": "a", "budget": "100"})
    assert 'use missing="zero" to score' in str(raised.value)
    assert caller() == "cli"


def test_data_frames_of_every_kind_score_alike() -> None:
    frame = pd.read_csv(UNITS, dtype=str, keep_default_na=False)
    from_path = engine.score_table(SPEC, UNITS).drop_columns(["row"])
    polars = pl.from_pandas(frame)
    for data in (frame, polars, polars.lazy(), pa.Table.from_pandas(frame)):
        result = engine.score_table(SPEC, data)
        assert result.column("row").to_pylist() == [2, 3, 4, 5]  # the header is row 1
        assert _as_text(result.drop_columns(["row", "error"])) == _as_text(
            from_path.drop_columns(["error"])
        )
        (error,) = [e for e in result.column("error").to_pylist() if e]
        assert error.startswith(f"{type(data).__name__}:5:4: missing inputs: spent")


def test_typed_frames_read_numbers_exactly_and_nan_as_missing() -> None:
    frame = pd.read_csv(UNITS, dtype=str, keep_default_na=False).head(2)
    typed = frame.copy()
    typed["budget"] = [82912.04, float("nan")]
    typed["spent"] = [Decimal("75317.78"), Decimal("58800")]
    result = engine.score_table(SPEC, typed, missing="error").to_pylist()
    assert result[0]["total"] == Decimal("88.59")
    assert result[1]["status"] == "error"
    assert "missing inputs: budget" in result[1]["error"]


def test_header_problems_raise() -> None:
    frame = pl.DataFrame({"entity": ["a"], "spnet": ["1"]})
    with pytest.raises(ScorecardError) as e:
        engine.score_table(SPEC, frame)
    assert "DataFrame:1:2: column 'spnet' is not an indicator" in str(e.value)
    with pytest.raises(ScorecardError) as e:
        engine.score_table(SPEC, UNITS, missing="maybe")
    assert str(e.value) == "missing='maybe': unknown; valid: error, zero"
    with pytest.raises(ScorecardError) as e:
        engine.score_table(SPEC, [1, 2])
    assert str(e.value) == (
        "data of type list: give a path, a pyarrow Table, a pandas DataFrame or a polars DataFrame"
    )


def test_parquet_in_scores_as_csv(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    frame = pa.Table.from_pandas(pd.read_csv(UNITS, dtype=str, keep_default_na=False))
    path = tmp_path / "units.parquet"
    pq.write_table(frame, path)
    got = engine.score_table(SPEC, path)
    want = engine.score_table(SPEC, UNITS)
    assert _as_text(got.drop_columns(["error"])) == _as_text(want.drop_columns(["error"]))


# weights finer than the places: a weight handed on that is no whole number of
# units stays exact (shared_out), and so does a score at it
REDISTRIBUTED = """\
spec: 1
id: p
total: 10
rounding: {places: 0, mode: half_up}
not_applicable: redistribute
indicators:
  - id: g
    name: G
    weight: 2.5
    children:
      - {id: a, name: A, weight: 1.5, direction: higher, target: 90, method: ratio}
      - {id: c, name: C, weight: 1, direction: higher, target: 90, method: ratio}
  - {id: b, name: B, weight: 7.5, direction: higher, target: 90, method: ratio}
"""


@pytest.mark.parametrize("marked_first", [True, False])
def test_parquet_output_turns_to_text_when_a_later_row_needs_it(
    tmp_path: Path, marked_first: bool
) -> None:
    """A row whose score is its redistributed full marks (1.5 × 2.5 / 1.5: not a
    whole number of units at places 0) after thousands of rows of whole numbers,
    or before them: one file whose score columns are all text, as score_table
    gives them."""
    import pyarrow.parquet as pq
    from cli_process import run

    spec = tmp_path / "p.yaml"
    spec.write_text(REDISTRIBUTED, encoding="utf-8")
    rows = [f"e{i},95,80,70\n" for i in range(5000)]
    marked = "z,95,80,N/A\n"
    rows = [marked, *rows] if marked_first else [*rows, marked]
    table = tmp_path / "t.csv"
    table.write_text("entity,a,b,c\n" + "".join(rows), encoding="utf-8")
    out = tmp_path / "out.parquet"
    done = run(["batch", str(spec), str(table), "-o", str(out)], cwd=tmp_path)
    assert (done.code, done.out) == (0, "")
    written = pq.read_table(out)
    assert written.schema.field("a").type == pa.string()
    assert written.equals(engine.score_table(spec, table))
    assert written.column("a").to_pylist()[0 if marked_first else -1] == "2.5"  # as the CSV
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.parquet", "p.yaml", "t.csv"]


SHRUNK = """\
spec: 1
id: s
total: 10
not_applicable: redistribute
indicators:
  - id: g
    name: G
    weight: 7
    not_applicable: exclude
    children:
      - {id: x, name: X, weight: 3, direction: higher, target: 90, method: ratio}
      - {id: y, name: Y, weight: 4, direction: higher, target: 90, method: ratio}
  - {id: z, name: Z, weight: 3, direction: higher, target: 90, method: ratio}
"""


@pytest.mark.parametrize("rows", [1, 3000])
def test_parquet_full_marks_are_the_csvs_text(tmp_path: Path, rows: int) -> None:
    """z not applicable gives g 10 (x 30/7); y not applicable shrinks g to 30/7:
    full marks 4.2857…, written to 28 decimals in the CSV, and so in Parquet."""
    import pyarrow.parquet as pq
    from cli_process import run

    spec = tmp_path / "s.yaml"
    spec.write_text(SHRUNK, encoding="utf-8")
    table = tmp_path / "t.csv"
    table.write_text("entity,x,y,z\n" + "e,95,N/A,N/A\n" * rows, encoding="utf-8")
    for name in ("out.csv", "out.parquet"):
        done = run(["batch", str(spec), str(table), "-o", str(tmp_path / name)], cwd=tmp_path)
        assert (done.code, done.out) == (0, "")
    with (tmp_path / "out.csv").open(encoding="utf-8") as f:
        text = next(iter(list(csv.DictReader(f))))["full_marks"]
    assert text == "4.2857142857142857142857142857…"
    assert set(pq.read_table(tmp_path / "out.parquet").column("full_marks").to_pylist()) == {text}


def test_score_one_entity_from_a_flat_dict_or_an_actuals_document() -> None:
    frame = pd.read_csv(UNITS, dtype=str, keep_default_na=False)
    row = {k: v for k, v in frame.iloc[0].items() if v != ""}
    scored = engine.score(SPEC, row)
    assert scored.total == Decimal("88.59")
    assert scored.grade == "良"
    assert scored.scorecard.entity == "荔城街道"
    html = scored._repr_html_()
    assert html.startswith("<table><caption>")
    assert "<th>88.59 / 100.00</th>" in html
    assert "训练" not in html or "(training)" in html
    from engine.scoring.actuals import load_actuals
    from engine.scoring.evaluate import evaluate
    from engine.spec.load import load_file

    actuals = ROOT / "examples" / "licheng-2021" / "actuals.yaml"
    doc = load_file(actuals).data
    spec = load_spec(SPEC)
    expected = evaluate(spec, load_actuals(actuals, spec))
    assert engine.score(spec, doc).total == expected.total


def test_score_says_what_is_wrong() -> None:
    with pytest.raises(ErrorList) as e:
        engine.score(SPEC, {"entity": "a", "budget": "lots"})
    lines = str(e.value).splitlines()
    assert "<values>['budget']: 'lots' is not a number; write digits such as 3, 2.5 or 98.93%" in (
        lines
    )
    # and, at once, what else is missing (not budget: it was given, as a word)
    assert lines[0].startswith("<values>: missing inputs: spent (for budget_execution); ")
    assert lines[1].startswith("<values>: missing values for 25 indicators: key_spending, ")


def _one_entity(**changes: Any) -> dict[str, Any]:
    frame = pd.read_csv(UNITS, dtype=str, keep_default_na=False)
    row = {k: v for k, v in frame.iloc[0].items() if v != ""}
    row.update(changes)
    return {k: v for k, v in row.items() if v is not None}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"budgte": "1"},
            "<values>['budgte']: key 'budgte' is not an indicator, input or known key of spec "
            "'gz-dept-overall-2021'; did you mean 'budget'?; keys: entity, period, indicator "
            "ids or names, input ids, score.ID, notes.ID, na.ID, claimed.ID, claimed_total",
        ),
        (
            {"score.training": "3"},
            "<values>['score.training']: key 'score.training': 'training' has no grade ranges, "
            "so it takes no chosen score; give its value under the key 'training'",
        ),
        (
            {"management_system": "较好"},
            "<values>['management_system']: 'management_system' (管理制度健全性) has no grade "
            "'较好'; grades: 优, 良, 中, 差",
        ),
        (
            {"重点支出安排率": "50"},  # key_spending's name, beside its id
            "<values>['重点支出安排率']: key '重点支出安排率' gives what key 'key_spending' "
            "gives already ('key_spending'); keep one of them",
        ),
        (
            {"notes.budgte": "x"},
            "<values>['notes.budgte']: key 'notes.budgte': no indicator 'budgte'",
        ),
        (  # a key as given, not as read: an int, spaces
            {5: "a", "5": "b"},
            "<values>[5]: key '5' is not an indicator, input or known key of spec "
            "'gz-dept-overall-2021'; keys: entity, period, indicator ids or names, input ids, "
            "score.ID, notes.ID, na.ID, claimed.ID, claimed_total\n"
            "<values>['5']: key '5' is key 5 again, read as text without surrounding spaces; "
            "keep one of them",
        ),
        (  # True is Python's, not a spreadsheet's TRUE cell
            {"training": True},
            "<values>['training']: True is not a number; give the number itself, such as 3, "
            "2.5 or 98.93",
        ),
        (
            {"budget": None, " budget ": "lots"},
            "<values>[' budget ']: 'lots' is not a number; write digits such as 3, 2.5 or 98.93%",
        ),
        (  # no key holds what is missing: the whole mapping
            {"training": None},
            "<values>: missing value for 1 indicator: training; give it a value, a reason "
            'under its na.ID key if it does not apply, or use missing="zero" to score it 0',
        ),
    ],
)
def test_score_places_a_problem_at_its_key(changes: dict[Any, Any], message: str) -> None:
    row: dict[Any, Any] = _one_entity()
    row.update(changes)
    with pytest.raises(ErrorList) as e:
        engine.score(SPEC, {k: v for k, v in row.items() if v is not None})
    assert str(e.value) == message
    assert str(pickle.loads(pickle.dumps(e.value))) == message  # as workers send it back


def test_a_mappings_n_a_mark_is_not_said_to_be_in_a_table() -> None:
    scored = engine.score(SPEC, _one_entity(training="N/A"))
    training = scored.find("training")
    assert training.status == "not_applicable"
    assert str(training.reason) == "marked N/A"


def test_score_needs_no_entity_for_one_entity() -> None:
    """A table needs its entity column; one entity's mapping does not."""
    row = _one_entity(entity=None)
    assert "entity" not in row
    scored = engine.score(SPEC, row)
    assert scored.total == engine.score(SPEC, _one_entity()).total
    assert scored.scorecard.entity == ""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_python_api_document_runs_as_shown(lang: str) -> None:
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = doctest.testfile(
            str(ROOT / "docs" / lang / "python-api.md"),
            module_relative=False,
            optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS,
        )
    finally:
        os.chdir(cwd)
    assert result.attempted > 5
    assert result.failed == 0


def test_a_spec_rounding_only_its_total_gives_scores_as_text(tmp_path: Path) -> None:
    text = SPEC.read_text("utf-8").replace(
        "rounding: {places: 2, mode: half_up, apply: each}",
        "rounding: {places: 2, mode: half_up, apply: total}",
    )
    assert "apply: total" in text
    spec = tmp_path / "total.yaml"  # the schema comment points nowhere here: harmless
    spec.write_text(text, encoding="utf-8")
    result = engine.score_table(spec, UNITS)
    assert result.schema.field("total").type == pa.string()
    assert result.schema.field("training").type == pa.string()
    rows = _csv_rows(UNITS, spec)
    assert _as_text(result) == rows


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: engine.score(SPEC, [1]),  # type: ignore[arg-type]
            "values of type list: give a mapping of indicator ids to values (a dict), or an "
            "actuals document with values:; for a file, load it or use score_table",
        ),
        (
            lambda: engine.score_table(None, "t.csv"),  # type: ignore[arg-type]
            "spec of type NoneType: give a path or a loaded spec",
        ),
        (
            lambda: engine.score_table(SPEC, "t.csv", jobs="2"),  # type: ignore[arg-type]
            "jobs='2': give a whole number of processes, 1 or more",
        ),
    ],
)
def test_wrong_arguments_raise_a_scorecard_error_that_says_what_to_give(
    call: Any, message: str
) -> None:
    """They raised AttributeError and TypeError from deep inside."""
    from engine.base.errors import ScorecardError

    with pytest.raises(ScorecardError) as e:
        call()
    assert str(e.value) == message


def test_a_data_frame_with_a_column_twice_is_refused_by_name() -> None:
    import pandas as pd

    from engine.base.errors import ScorecardError

    frame = pd.DataFrame([["a", 1]], columns=["entity", "entity"])
    with pytest.raises(ScorecardError) as e:
        engine.score_table(SPEC, frame)
    assert str(e.value) == "column 'entity' is given twice in the data frame; keep one"


def test_the_table_api_does_not_import_pandas(tmp_path: Path) -> None:
    """Results are built from buffers: pyarrow's list conversions would import
    pandas where it is installed (half a second, once per process)."""
    import subprocess
    import sys

    path = tmp_path / "t.csv"
    path.write_text(
        "entity,b,s\n" + "".join(f"单位{k},{100 + k % 7},{k % 113 + 0.5}\n" for k in range(3000)),
        encoding="utf-8",
    )
    spec = tmp_path / "r.yaml"
    spec.write_text(
        "spec: 1\nid: r\ntotal: 10\ninputs: {b: {name: B}, s: {name: S}}\n"
        "indicators:\n  - {id: x0, name: X0, weight: 10, direction: higher, target: 100, "
        "actual: s / b * 100, method: ratio}\n",
        encoding="utf-8",
    )
    code = (
        "import sys, engine\n"
        f"t = engine.score_table({str(spec)!r}, {str(path)!r})\n"
        "print(t.num_rows, t.column('error').null_count, 'pandas' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == ["3000", "3000", "False"]


def test_an_actuals_document_from_yaml_safe_load_scores_as_its_file() -> None:
    """yaml.safe_load and json.load give ints and floats: read exactly, as the file's."""
    import json

    import yaml

    path = ROOT / "examples" / "licheng-2021" / "actuals.yaml"
    by_file = engine.score_files(ROOT / "specs" / "gz-dept-overall-2021.yaml", path)
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(doc["inputs"]["budget"], float)
    scored = engine.score(ROOT / "specs" / "gz-dept-overall-2021.yaml", doc)
    assert scored.total == by_file.total
    again = engine.score(
        ROOT / "specs" / "gz-dept-overall-2021.yaml", json.loads(json.dumps(doc, default=str))
    )
    assert [r.score for r in again.walk()] == [r.score for r in by_file.walk()]


def test_numpy_scalars_and_missing_values_are_cells_as_in_a_table() -> None:
    import numpy as np

    spec = ROOT / "specs" / "gz-dept-overall-2021.yaml"
    frame = pd.read_csv(ROOT / "examples" / "docs" / "units.csv", dtype=str)
    row = frame.iloc[0].to_dict()
    plain = engine.score(spec, row)
    as_numpy = {
        **row,
        "trips": np.float64(row["trips"]),
        "incidents": np.int64(row["incidents"]),
        "training": np.float32(row["training"]),
    }
    assert engine.score(spec, as_numpy).total == plain.total
    for empty in (float("nan"), np.float64("nan"), pd.NA, Decimal("NaN"), None):
        got = engine.score(spec, {**row, "trips": empty}, missing="zero")
        assert (got.find("trips").score, got.find("trips").status) == (0, "missing")


def test_a_pandas_column_of_numbers_and_marks_is_read_cell_by_cell() -> None:
    """pd.read_excel gives a column of numbers and 不适用 an object dtype that
    Arrow cannot type: it was a raw pyarrow error, and no row was scored."""
    spec = ROOT / "specs" / "gz-dept-overall-2021.yaml"
    frame = pd.read_csv(ROOT / "examples" / "docs" / "units.csv", dtype=str)
    texts = engine.score_table(spec, frame)
    mixed = frame.copy()
    mixed["disclosure"] = [100, Decimal("100"), "不适用", 100.0][: len(frame)]
    got = engine.score_table(spec, mixed)
    marked = frame.copy()
    marked["disclosure"] = ["100", "100", "不适用", "100"][: len(frame)]
    want = engine.score_table(spec, marked)
    assert got.column("total").to_pylist() == want.column("total").to_pylist()
    assert got.column("status").to_pylist() == want.column("status").to_pylist()
    assert texts.num_rows == got.num_rows


def test_score_table_takes_batchs_sheet_na_and_encoding_and_its_fixes_name_them(
    tmp_path: Path,
) -> None:
    """The fixes named --sheet and --na, which the API did not take."""
    rows = list(csv.reader(UNITS.open(encoding="utf-8")))
    rows[1][rows[0].index("disclosure")] = "无"
    table = tmp_path / "wu.csv"
    with table.open("w", newline="", encoding="gbk") as fh:
        csv.writer(fh).writerows(rows)
    got = engine.score_table(SPEC, table, encoding="gbk")
    assert got.column("error").to_pylist()[0] == (
        f"{table}:2:12: column 'disclosure' (预决算信息公开率): '无' is not a number, and is "
        "read neither as 0 nor as not applicable; write 0, or an N/A mark (N/A, n/a, NA, 不适用, "
        "--); score_table reads it as one with na=['无']"
    )
    marked = engine.score_table(SPEC, table, na=["无"], encoding="gbk")
    assert marked.column("flags").to_pylist()[0] == "disclosure:not_applicable"
    # na replaces the usual marks, as --na does: 不适用 in row 4 is then no mark
    assert marked.column("status").to_pylist() == ["ok", "ok", "error", "error"]
    with pytest.raises(ScorecardError) as e:
        engine.score_table(SPEC, table, na="无")
    assert (
        str(e.value) == "na='无': give a list of the texts that mark not applicable, such as ['无']"
    )
    with pytest.raises(ScorecardError) as e:
        engine.score_table(SPEC, pd.read_csv(UNITS, dtype=str), sheet="2021")
    assert str(e.value) == "sheet= and encoding= are for a file's path, not for DataFrame"


@pytest.mark.parametrize("na", [0, True, 3.5])
def test_score_table_refuses_na_that_is_no_list_of_texts(na: Any) -> None:
    """na=0 raised a bare TypeError ('int' object is not iterable)."""
    with pytest.raises(ScorecardError) as e:
        engine.score_table(SPEC, UNITS, na=na)
    assert str(e.value) == (
        f"na={na!r}: give a list of the texts that mark not applicable, such as ['无']"
    )


@pytest.mark.parametrize("data", ["path", "frame"])
@pytest.mark.parametrize(
    ("mark", "said"),
    [
        (
            "3",
            "na='3': '3' reads as a number, and every cell of it would be not applicable; give "
            "a text that is no value, such as 不适用",
        ),
        (
            "差",
            "na='差': '差' is a grade of management_system (管理制度健全性), and its "
            "cells would be not applicable, not scored; mark the cells meant as not applicable "
            "otherwise, such as 不适用",
        ),
    ],
)
def test_score_table_refuses_a_mark_that_would_change_values_as_na_does(
    data: str, mark: str, said: str
) -> None:
    """na=['3'] made every 3 not applicable, though --na 3 is refused."""
    table: Any = UNITS if data == "path" else pd.read_csv(UNITS, dtype=str)
    with pytest.raises(ScorecardError) as e:
        engine.score_table(SPEC, table, na=["不适用", mark])
    assert str(e.value) == said


def test_a_workbook_whose_data_are_on_another_sheet_names_the_sheet_keyword(
    tmp_path: Path,
) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["这本工作簿的第二页是数据"])
    data = wb.create_sheet("2021")
    for row in csv.reader(UNITS.open(encoding="utf-8")):
        data.append(row)
    wb.save(tmp_path / "two.xlsx")
    with pytest.raises(ScorecardError) as e:
        engine.score_table(SPEC, tmp_path / "two.xlsx")
    assert str(e.value).endswith(
        "no known column on the first sheet '说明'; if the data are on another sheet, give "
        'sheet="NAME" (sheets: 说明, 2021)'
    )
    got = engine.score_table(SPEC, tmp_path / "two.xlsx", sheet="2021")
    assert (
        got.column("total").to_pylist()
        == engine.score_table(SPEC, UNITS).column("total").to_pylist()
    )


def test_set_language_makes_the_api_speak_chinese() -> None:
    """The Jupyter table and the messages stayed English; engine.set_language("zh")
    is the API's --lang zh."""
    frame = pd.read_csv(UNITS, dtype=str, keep_default_na=False)
    row = {k: v for k, v in frame.iloc[0].items() if v != ""}
    engine.set_language("zh")
    try:
        html = engine.score(SPEC, row)._repr_html_()
        assert (
            "<thead><tr><th>指标</th><th>目标值</th><th>实际值</th><th>分值</th><th>得分</th>"
            in html
        )
        assert "<th colspan='4'>总分</th>" in html and "<th>等级 良</th>" in html
        with pytest.raises(ScorecardError) as e:
            engine.score_table(SPEC, UNITS, missing="none")
        assert str(e.value) == "missing='none'：未知；可选：error、zero"
    finally:
        engine.set_language("en")
    assert "<th>Indicator</th>" in engine.score(SPEC, row)._repr_html_()


def test_the_notes_batch_prints_beside_the_rows_are_warnings(tmp_path: Path) -> None:
    """They were dropped: a duplicated entity was scored twice without a word, and
    fractions typed for percentages went unremarked."""
    from engine.base.errors import ScorecardWarning

    rows = list(csv.reader(UNITS.open(encoding="utf-8")))
    rows.append(list(rows[1]))  # 荔城街道 again
    table = tmp_path / "twice.csv"
    with table.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    with pytest.warns(ScorecardWarning) as said:
        got = engine.score_table(SPEC, table)
    assert got.num_rows == 5
    assert [str(w.message) for w in said] == [
        f"{table}:6:1: warning: entity '荔城街道' is also row 2 (the same period); each entity "
        "once: remove or correct one of the rows"
    ]
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        engine.score_table(SPEC, UNITS)  # a table without such rows: no warning


def test_a_claim_beyond_its_weight_is_a_warning_where_claims_are_not_read(tmp_path: Path) -> None:
    """score and score_files refused the actuals for a claim, which no score reads."""
    import warnings
    from fractions import Fraction

    from engine.base.errors import ScorecardWarning

    text = (ROOT / "examples/licheng-2021/submission.yaml").read_text("utf-8")
    path = tmp_path / "old.yaml"
    path.write_text(text.replace("  trips: 3.75  ", "  trips: 5     "), "utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        card = engine.score_files(SPEC, path)
    assert card.total == Fraction("88.59")
    assert [str(w.message) for w in caught if w.category is ScorecardWarning] == [
        f"{path}:51:10: note: claimed score 5 for 'trips' lies outside 0 to its weight 3.75 "
        "(a claim above the weight stands only where an indicator beside it is marked not "
        "applicable and hands its weight on); "
        "claims are not scored here (review checks them)"
    ]


def test_score_table_scores_without_numpys_huge_pages_and_puts_them_back(tmp_path: Path) -> None:
    """Huge pages stall a batch's large arrays on some virtual machines: the table
    API turns them off while it scores, and leaves the caller's setting as it was."""
    from engine.batch import memory, runner

    switch = memory._switch()
    assert switch is not None  # every numpy this project supports has one
    seen: list[bool] = []
    real = runner.score_blocks

    def watched(*args: Any, **kwargs: Any) -> Any:
        state = switch(False)  # the setting while the rows are scored
        switch(state)
        seen.append(state)
        return real(*args, **kwargs)

    path = tmp_path / "t.csv"
    path.write_text(_seed_table(3), encoding="utf-8")
    before = switch(True)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(runner, "score_blocks", watched)
            assert engine.score_table(SPEC, path).num_rows == 3
        assert seen == [False]
        assert switch(True) is True  # put back as the caller had it
    finally:
        switch(before)
