"""Typed tables on the column-wise path (engine.batch.typed): Parquet files, data
frames and XLSX sheets, held to the row-by-row exact path over every cell type
(integers, floats with their odd values, decimals, booleans, text in spreadsheet
forms, N/A marks, empty cells) and random specs."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import engine.batch.typed as typed
import engine.batch.xlsx as xlsx
from engine.batch.arrow import open_frame
from engine.batch.blocks import Block
from engine.batch.runner import score_blocks, score_rows
from engine.batch.tables import open_table
from engine.spec.compile import compile_spec
from engine.spec.load import load_text
from tests.test_fastpath import cases

#: floats a table may hold, the awkward ones included
ODD_FLOATS = [0.1, 0.2, 1e16, 2.0**53 + 2, -0.0, 0.0, math.nan, math.inf, -math.inf, 1e-25, 1e22]
ODD_TEXTS = ["", " ", "N/A", "--", "abc", "1,234.5", " 12.5 ", "１２", "1e3", "0", "0.0", "-0"]


def floats() -> st.SearchStrategy[float | None]:
    return st.one_of(
        st.none(),
        st.sampled_from(ODD_FLOATS),
        st.decimals(min_value=-600, max_value=600, places=2).map(float),
        st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    )


def integers() -> st.SearchStrategy[int | None]:
    return st.one_of(
        st.none(), st.integers(-700, 700), st.sampled_from([0, 2**53 + 1, -(2**62), 10**15])
    )


def texts() -> st.SearchStrategy[str | None]:
    number = st.decimals(min_value=-600, max_value=600, places=2).map(str)
    return st.one_of(st.none(), number, st.sampled_from(ODD_TEXTS))


#: a column's Arrow type and the cells it may hold
COLUMNS: dict[str, tuple[Any, Any]] = {
    "float64": (pa.float64(), floats),
    "float32": (pa.float32(), floats),
    "int64": (pa.int64(), integers),
    "int16": (pa.int16(), lambda: st.one_of(st.none(), st.integers(-700, 700))),
    "decimal": (
        pa.decimal128(12, 3),
        lambda: st.one_of(st.none(), st.decimals(min_value=-600, max_value=600, places=3)),
    ),
    "bool": (pa.bool_(), lambda: st.one_of(st.none(), st.booleans())),
    "string": (pa.string(), texts),
    "large_string": (pa.large_string(), texts),
    "dictionary": (pa.dictionary(pa.int32(), pa.string()), texts),
}


@st.composite
def typed_tables(draw: st.DrawFn) -> tuple[str, Any]:
    """A random spec, and an Arrow table of its columns in random types."""
    spec_text, table_text = draw(cases())
    header = table_text.splitlines()[0].split(",")
    rows = draw(st.integers(min_value=1, max_value=40))
    entities = st.one_of(st.none(), st.sampled_from(["e1", " e2 ", "单位", ""]))
    arrays = [pa.array([draw(entities) for _ in range(rows)], pa.string())]
    for _name in header[1:]:
        kind, cells = COLUMNS[draw(st.sampled_from(sorted(COLUMNS)))]
        arrays.append(pa.array([draw(cells()) for _ in range(rows)], kind))
    return spec_text, pa.Table.from_arrays(arrays, names=header)


def _results(spec: Any, table: Any, fast: bool, missing: str = "error") -> list[Any]:
    return list(score_rows(spec, open_frame(table, spec), missing, fast=fast))


@settings(deadline=None, max_examples=150)
@given(typed_tables(), st.sampled_from([4, 16_384]), st.sampled_from(["error", "zero"]))
def test_typed_columns_score_as_the_exact_path_does(
    case: tuple[str, Any], piece_rows: int, missing: str
) -> None:
    """Empty cells (nulls) too: refused, or under --missing zero scored 0."""
    spec_text, table = case
    spec = compile_spec(load_text(spec_text, "r.yaml"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typed, "PIECE_ROWS", piece_rows)
        column_wise = _results(spec, table, True, missing)
    assert column_wise == _results(spec, table, False, missing)


@settings(deadline=None, max_examples=60)
@given(typed_tables(), st.sampled_from([("--",), ("N/A", "0"), ("0.0", "nan", "inf", "-0.0")]))
def test_na_marks_in_typed_columns_are_the_exact_paths(
    case: tuple[str, Any], marks: tuple[str, ...]
) -> None:
    """A mark that reads as a number (--na 0) matches a cell whose text it is."""
    spec_text, table = case
    spec = compile_spec(load_text(spec_text, "r.yaml"))

    def results(fast: bool) -> list[Any]:
        return list(score_rows(spec, open_frame(table, spec), na_tokens=marks, fast=fast))

    assert results(True) == results(False)


def test_typed_tables_take_the_column_path() -> None:
    spec_text, _ = _SPEC
    spec = compile_spec(load_text(spec_text, "r.yaml"))
    table = pa.table({"entity": ["a", None, "c"], "b": [100.0, None, 80.5], "s": [90, None, 70]})
    items = list(score_blocks(spec, open_frame(table, spec)))
    assert [type(i) for i in items] == [Block]
    assert [r.row for r in items[0].results()] == [2, 4]  # the blank row 3 is skipped


_SPEC = (
    "spec: 1\nid: r\ntotal: 10\nrounding: {places: 2, mode: half_up}\n"
    "inputs: {b: {name: B}, s: {name: S}}\n"
    "grades: [{grade: A, min: 8}, {grade: B, min: 0}]\nindicators:\n"
    "  - {id: x0, name: X0, weight: 10, direction: higher, target: 100, "
    "actual: s / b * 100, method: ratio}\n",
    None,
)


# -- workbooks ------------------------------------------------------------------------------
def sheet_cells() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.decimals(min_value=-600, max_value=600, places=2).map(float),
        st.sampled_from([0.1, 1e16, -0.0, 3.0, 1e-25, 1e22, 2.0**53 + 2]),
        st.integers(-700, 700),
        st.booleans(),
        st.sampled_from(ODD_TEXTS),
    )


@settings(deadline=None, max_examples=40)
@given(st.data())
def test_xlsx_sheets_score_as_the_exact_path_does(
    tmp_path_factory: pytest.TempPathFactory, data: Any
) -> None:
    from openpyxl import Workbook

    spec_text, table_text = data.draw(cases())
    header = table_text.splitlines()[0].split(",")
    rows = data.draw(st.integers(min_value=1, max_value=30))
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in range(rows):
        cells = [data.draw(sheet_cells()) for _ in header[1:]]
        ws.append([None if r % 7 == 3 else f"e{r}", *cells])
    if data.draw(st.booleans()):
        ws.cell(row=2, column=2).value = "=1+1"  # a formula with no saved value
    path = tmp_path_factory.mktemp("xl") / "t.xlsx"
    wb.save(path)
    spec = compile_spec(load_text(spec_text, "r.yaml"))
    piece_rows = data.draw(st.sampled_from([3, 16_384]))
    missing = data.draw(st.sampled_from(["error", "zero"]))

    def results(fast: bool, threshold: int) -> list[Any]:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(typed, "PIECE_ROWS", piece_rows)
            patch.setattr(xlsx, "TYPED_ROWS", threshold)
            return list(score_rows(spec, open_table(str(path), spec), missing, fast=fast))

    column_wise = results(True, 1)
    assert column_wise == results(False, 1)  # the exact path, row by row
    assert column_wise == results(True, 10**9)  # the row-wise fast path


def test_parquet_parts_of_typed_columns_score_as_their_table(tmp_path: Path) -> None:
    spec_text, _ = _SPEC
    spec = compile_spec(load_text(spec_text, "r.yaml"))
    table = pa.table(
        {
            "entity": ["a", "b", "c", "d"],
            "b": pa.array([100, 0, 50, None], pa.int32()),
            "s": [90.5, 1.0, math.nan, 70.25],
        }
    )
    path = tmp_path / "t.parquet"
    pq.write_table(table, path)
    column_wise = list(score_blocks(spec, open_table(str(path), spec), fast=True))
    assert isinstance(column_wise[0], Block)
    results = list(column_wise[0].results())
    assert results == list(score_rows(spec, open_table(str(path), spec), fast=False))
    assert [(r.row, r.total) for r in results] == [
        (2, Fraction(181, 20)),
        (3, None),
        (4, None),
        (5, None),
    ]
    assert [e for r in results[1:] for e in r.errors] == [
        f"{path}:3:2: indicator 'x0' (X0): division by zero; formula: s / b * 100 with b = 0, "
        "s = 1; the formula is at r.yaml:8:76; correct the cell, or give a reason in an na.x0 "
        "column if the indicator does not apply to this entity",
        f"{path}:4:3: missing inputs: s (for x0); fill in their cells, or use "
        "--missing zero to score those indicators 0",
        f"{path}:5:2: missing inputs: b (for x0); fill in their cells, or use "
        "--missing zero to score those indicators 0",
    ]


def test_a_float_cell_is_its_shortest_decimal_not_the_double(tmp_path: Path) -> None:
    """0.1 / 5.0 is 0.02 exactly, and 3.75 × 0.02 = 0.075 rounds half up to 0.08;
    in doubles it is 0.07499…, which rounds to 0.07: the fast path must not decide it."""
    text = _SPEC[0].replace("weight: 10", "weight: 3.75").replace("total: 10", "total: 3.75")
    spec = compile_spec(load_text(text, "r.yaml"))
    table = pa.table({"entity": ["a", "b"], "b": [5.0, 1.8], "s": [0.1, 0.3]})
    items = list(score_blocks(spec, open_frame(table, spec), fast=True))
    assert [type(i) for i in items] == [Block]
    assert [r.total for r in items[0].results()] == [Fraction(8, 100), Fraction(63, 100)]


@pytest.mark.parametrize(
    ("marks", "flagged"),
    [(("-0.0",), [False, True, False]), (("0.0",), [True, False, False]), (("0",), [False] * 3)],
)
def test_an_na_mark_matches_a_float_cell_whose_text_it_is(
    marks: tuple[str, ...], flagged: list[bool]
) -> None:
    spec = compile_spec(load_text(_TWO, "r.yaml"))
    table = pa.table({"entity": ["a", "b", "c"], "x": [0.0, -0.0, 5.0], "y": [1.0, 2.0, 3.0]})
    for fast in (True, False):
        results = list(score_rows(spec, open_frame(table, spec), na_tokens=marks, fast=fast))
        assert ["x:not_applicable" in r.flags for r in results] == flagged


_TWO = (
    "spec: 1\nid: r\ntotal: 20\nrounding: {places: 2, mode: half_up}\n"
    "grades: [{grade: A, min: 8}, {grade: B, min: 0}]\nindicators:\n"
    "  - {id: x, name: X, weight: 10, direction: higher, target: 10, method: ratio}\n"
    "  - {id: y, name: Y, weight: 10, direction: higher, target: 10, method: ratio}\n"
)


@pytest.mark.parametrize("suffix", ["parquet", "xlsx"])
def test_typed_tables_are_scored_without_importing_pandas(tmp_path: Path, suffix: str) -> None:
    """pyarrow's conveniences import pandas (a fifth of a second, and a Ctrl-C
    inside that import is lost): a batch of a Parquet file or a workbook needs none."""
    import subprocess
    import sys

    from openpyxl import Workbook

    rows = [[f"e{k}", 100.0 + k % 7, k % 113 + 0.5] for k in range(3000)]
    rows[5][2] = None  # an empty cell: nulls on the way
    path = tmp_path / f"t.{suffix}"
    if suffix == "parquet":
        columns = list(zip(*rows, strict=True))
        names = ["entity", "b", "s"]
        pq.write_table(pa.table(dict(zip(names, map(list, columns), strict=True))), path)
    else:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet()
        ws.append(["entity", "b", "s"])
        for row in rows:
            ws.append(row)
        wb.save(path)
    code = (
        "import sys\n"
        "from engine.batch.runner import score_blocks\n"
        "from engine.batch.tables import open_table\n"
        "from engine.render.batch_view import csv_lines\n"
        "from engine.spec.compile import compile_spec\n"
        "from engine.spec.load import load_text\n"
        f"spec = compile_spec(load_text({_SPEC[0]!r}, 'r.yaml'))\n"
        f"items = list(score_blocks(spec, open_table({str(path)!r}, spec)))\n"
        "text = ''.join(csv_lines(spec, items))\n"
        "import engine.batch.typed\n"
        "print(len(text.splitlines()), type(items[0]).__name__, 'pandas' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == ["3001", "Block", "False"]


#: doubles of percentages as a workbook stores them: few digits (0.07 for 7%,
#: whose double times 100 is 7.000000000000001), all 17 (a ratio a formula
#: computed), whole, tiny, huge
_STORED = st.one_of(
    st.decimals(min_value=-3, max_value=3, places=4).map(float),
    st.decimals(min_value=-(10**6), max_value=10**6, places=2).map(float),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.07, 0.29, 0.575, 0.9, 0.8999999999999999, 1e-21, 5e-324, 1e19, 2.0**60]),
)


def _percent_sheet(
    path: Path,
    values: list[Any],
    unit: str = "%",
    method: str = "ratio",
    plain: frozenset[int] = frozenset(),
) -> Any:
    """A spec of one ratio indicator (``unit``; or scored by another ``method``)
    and a workbook of ``values`` in its column, every cell formatted as a
    percentage (0.00%) but those at the positions in ``plain``."""
    from openpyxl import Workbook

    text = (
        _SPEC[0]
        .replace("inputs: {b: {name: B}, s: {name: S}}\n", "")
        .replace(
            "target: 100, actual: s / b * 100, method: ratio",
            f'unit: "{unit}", target: 100, method: {method}',
        )
    )
    wb = Workbook()
    ws = wb.active
    ws.append(["entity", "x0"])
    for k, value in enumerate(values):
        ws.append([f"e{k}", value])
        if k not in plain:
            ws.cell(row=k + 2, column=2).number_format = "0.00%"
    wb.save(path)
    return compile_spec(load_text(text, "r.yaml"))


def _sheet_results(
    spec: Any, path: Path, fast: bool, threshold: int, missing: str = "error"
) -> list[Any]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(xlsx, "TYPED_ROWS", threshold)
        return list(score_rows(spec, open_table(str(path), spec), missing, fast=fast))


_EDGES = (
    "{bands: [{min: 90, fraction: 1}, {min: 7, fraction: 0.5}, {fraction: 0}]}",
    "{bands: [{max: 7, fraction: 1}, {max: 57.5, fraction: 0.3}, {fraction: 0}]}",
)


@settings(deadline=None, max_examples=40)
@given(
    st.lists(st.one_of(st.none(), _STORED), min_size=1, max_size=20),
    st.sampled_from(["ratio", *_EDGES]),
    st.frozensets(st.integers(0, 19), max_size=4),
)
@example([0.07, 0.575, 0.9, 0.8999999999999999, 0.29], _EDGES[0], frozenset())
@example([0.07, 0.575, 0.9, 0.8999999999999999, 0.29], _EDGES[1], frozenset({1, 3}))
def test_percentage_cells_of_any_double_score_as_the_exact_path_does(
    tmp_path_factory: pytest.TempPathFactory,
    values: list[Any],
    method: str,
    plain: frozenset[int],
) -> None:
    """Cells shown as percentages, read from their doubles on the column path
    (0.07 is 7%, exactly on a band's edge, though 0.07 × 100 is
    7.000000000000001 as doubles), score as the exact path scores them; so do
    plain numbers among them, each read as it shows."""
    path = tmp_path_factory.mktemp("pc") / "p.xlsx"
    spec = _percent_sheet(path, values, method=method, plain=plain)
    assert _sheet_results(spec, path, True, 1) == _sheet_results(spec, path, False, 10**9)


def test_a_sheet_with_percentage_cells_scores_as_the_exact_path_does(tmp_path: Path) -> None:
    """Cells shown as percentages (0.9893 shown as 98.93%) are read as shown, on
    the column path too, which keeps their rows (it sent every row of the
    sheet the exact way)."""
    path = tmp_path / "p.xlsx"
    spec = _percent_sheet(path, [0.9893, 0.5, None, 1.2, 0.07, 1, -0.0])
    column_wise = _sheet_results(spec, path, True, 1)
    assert column_wise == _sheet_results(spec, path, False, 10**9)
    assert [r.total for r in column_wise] == [
        Fraction(989, 100),
        Fraction(5),
        None,
        Fraction(10),
        Fraction(7, 10),
        Fraction(10),
        Fraction(0),
    ]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(xlsx, "TYPED_ROWS", 1)
        items = list(score_blocks(spec, open_table(str(path), spec), fast=True))
    assert [len(i.fast) for i in items if isinstance(i, Block)] == [6]


@settings(deadline=None, max_examples=200)
@given(st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=1, max_size=30))
def test_a_percentage_cell_reads_as_its_shortest_decimal_a_hundredfold(values: list[float]) -> None:
    """Arrow's text of a double, its point moved two places, is the exact
    reader's value of the cell (repr's decimal × 100); an empty cell has no
    text, and one not finite or below 10⁻²⁰ but not 0 (the exact path's to
    refuse) a text that is no number, so it is not taken for an empty one."""
    from decimal import Decimal

    import numpy as np

    filled = np.array([k % 5 != 3 for k in range(len(values))])
    texts = typed.Hundredfold(np.array(values), filled).texts()
    for x, f, text in zip(values, filled.tolist(), texts, strict=True):
        if not f:
            assert text == ""
        elif not math.isfinite(x) or (x != 0 and abs(x) < 1e-20):
            assert text == "?"
        else:
            assert Decimal(text) == Decimal(repr(x)) * 100, (x, text)


@settings(deadline=None, max_examples=300)
@given(st.lists(_STORED, min_size=1, max_size=30))
@example([0.0, 0.0, 0.0, 0.0, 1e13])  # 10¹⁵ once scaled: no exact decimal found for it
def test_a_percentage_column_reads_numbers_within_their_bounds(values: list[float]) -> None:
    """The fast path's number for a cell shown as a percentage is within its
    bound of the exact value (repr's decimal × 100); where its exact decimal is
    said to be known, it is that value's nearest double, and the decimal found
    again from it is the exact value; a cell the exact reader refuses (not
    finite, below 10⁻²⁰ but not 0, or beyond 10²¹ once scaled) sends its row
    the exact way."""
    import numpy as np

    from engine.batch.fastpath import Chunk
    from engine.batch.rational import from_doubles

    n = len(values)
    filled = np.array([k % 5 != 3 for k in range(n)])
    chunk = Chunk(n, {}, {}, np.ones(n, dtype=bool), {})
    typed.Hundredfold(np.array(values), filled).read(chunk, "x", {})
    x, bound = chunk.numbers["x"]
    known = chunk.short["x"]
    found = from_doubles(x, known)
    for k, v in enumerate(values):
        usable = (
            bool(filled[k])
            and math.isfinite(v)
            and (v == 0 or abs(v) >= 1e-20)
            and (v == 0 or 1e-20 <= abs(v) * 100 < 1e21)
        )
        assert bool(chunk.eligible[k]) is usable, v
        if not usable:
            continue
        exact = Fraction(repr(v)) * 100
        assert abs(Fraction(float(x[k])) - exact) <= Fraction(float(bound[k])), v
        if known[k]:
            assert float(x[k]) == float(exact), v
            if abs(exact) < 10**15:  # beyond, rational finds none: the exact path's
                assert bool(found.ok[k]) and Fraction(int(found.n[k]), int(found.d[k])) == exact
            else:
                assert not found.ok[k], v


_SHARES = st.one_of(
    st.none(),
    st.floats(min_value=-2, max_value=3, allow_nan=False),
    st.decimals(min_value=-2, max_value=3, places=4).map(float),
    st.sampled_from([0.0, -0.0, 1.0, 1e-05, 5e-324, 1e-22, 1e19, math.inf, "N/A", "98%"]),
)


@settings(deadline=None, max_examples=40)
@given(
    st.lists(_SHARES, min_size=1, max_size=12),
    st.sampled_from(["%", "分"]),
    st.sampled_from(["error", "zero"]),
)
def test_percentage_cells_score_as_the_exact_path_does_whatever_they_hold(
    tmp_path_factory: pytest.TempPathFactory, values: list[Any], unit: str, missing: str
) -> None:
    """Any number or text in a column shown as percentages, of a percentage
    indicator or not (refused there: the exact path's message); a value too
    small to read is refused, not taken for an empty cell under --missing zero."""
    path = tmp_path_factory.mktemp("pct") / "p.xlsx"
    spec = _percent_sheet(path, values, unit)
    fast = _sheet_results(spec, path, True, 1, missing)
    assert fast == _sheet_results(spec, path, False, 10**9, missing)


def test_a_grade_in_a_column_shown_as_percentages_is_its_cell_unscaled(tmp_path: Path) -> None:
    """The exact reader takes a grade's label as the cell's text (0.5), never
    scaled as the sheet shows it (50%): the column path read the label 50."""
    from openpyxl import Workbook

    spec = compile_spec(
        load_text(
            "spec: 1\nid: g\ntotal: 10\nrounding: {places: 2, mode: half_up}\nindicators:\n"
            "  - {id: q, name: Q, weight: 10, unit: '%', "
            "method: {grades: {'0.5': 1, '50': 0.5, '0': 0}}}\n",
            "g.yaml",
        )
    )
    wb = Workbook()
    ws = wb.active
    ws.append(["entity", "q"])
    for k, value in enumerate([0.5, 0.5, 0]):
        ws.append([f"e{k}", value])
        ws.cell(row=k + 2, column=2).number_format = "0.00%"
    path = tmp_path / "g.xlsx"
    wb.save(path)
    fast = _sheet_results(spec, path, True, 1)
    assert fast == _sheet_results(spec, path, False, 10**9)
    assert [r.total for r in fast] == [Fraction(10), Fraction(10), Fraction(0)]


def test_a_likely_slip_in_a_typed_column_is_named_by_its_cell(tmp_path: Path) -> None:
    """A percentage indicator's value in (0, 1] in a typed table (a fraction
    typed for a percentage) crashed the column path's notes: its example cell
    could not be read from the column's texts."""
    spec = compile_spec(
        load_text(
            "spec: 1\nid: s\ntotal: 10\nrounding: {places: 2, mode: half_up}\nindicators:\n"
            "  - {id: x, name: X, weight: 10, unit: '%', direction: higher, target: 100,"
            " method: ratio}\n",
            "s.yaml",
        )
    )
    table = pa.table({"entity": ["a", "b", "c"], "x": [95.5, 0.5, 0.3]})
    items = list(score_blocks(spec, open_frame(table, spec), fast=True))
    (block,) = [i for i in items if isinstance(i, Block)]
    assert block.suspects == {("x", "fraction"): (2, 3, "0.5")}
    assert [r.total for r in block.results()] == [
        Fraction("9.55"),
        Fraction("0.05"),
        Fraction("0.03"),
    ]


_FLOATS = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from([0.0, -0.0, 1.0])


@given(
    st.lists(st.tuples(_FLOATS, st.booleans()), min_size=1, max_size=40),
    st.booleans(),
    st.data(),
)
def test_distinct_texts_of_a_numbers_column_are_its_texts(
    cells: list[tuple[float, bool]], whole: bool, data: st.DataObject
) -> None:
    """The undecided cells of a typed column are scored once per distinct text:
    each row's text through the distinct ones is its own text (0.0 and -0.0
    apart, empty cells empty)."""
    import numpy as np

    from engine.batch.typed import Numbers, _Texts

    values = np.array([v for v, _ in cells], dtype=np.float64)
    filled = np.array([f for _, f in cells], dtype=bool)
    rows = np.array(
        data.draw(st.lists(st.integers(0, len(cells) - 1), min_size=1, max_size=60)),
        dtype=np.int64,
    )
    for ints in (None, np.arange(len(cells), dtype=np.int64) % 3 - 1):
        texts = _Texts(Numbers(values, filled, ints, whole))
        distinct, codes = texts.distinct(rows)
        assert [distinct[c] for c in codes] == texts.take(rows).to_pylist()
        assert len(distinct) <= len(set(rows.tolist())) + 1  # made once per value


@pytest.mark.parametrize("fast", [True, False])
def test_a_logical_cell_is_named_as_excel_shows_it(fast: bool) -> None:
    """A boolean cell of a number column said "'true' is not a number"."""
    spec = compile_spec(load_text(_TWO, "r.yaml"))
    table = pa.table({"entity": ["a", "b"], "x": [True, False], "y": [1.0, 2.0]})
    results = list(score_rows(spec, open_frame(table, spec), fast=fast))
    assert [r.errors for r in results] == [
        (
            f"<data>:{row}:2: column 'x' (X): the cell holds the logical value {shown}, not a "
            "number; type the number itself, such as 3, 2.5 or 98.93",
        )
        for row, shown in ((2, "TRUE"), (3, "FALSE"))
    ]


@pytest.mark.parametrize("piece_rows", [5, 16_384])
def test_small_record_batches_are_joined_into_pieces_that_score_the_same(
    piece_rows: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A table of many small batches (a CSV reader's blocks, each dictionary
    column with its own dictionary) scores as one batch of the same rows, each
    row under its own row number."""
    spec = compile_spec(load_text(_SPEC[0], "r.yaml"))
    batches = []
    for k in range(9):
        entities = pa.array([f"单位{k}-{i}" for i in range(3)]).dictionary_encode()
        values = pa.array([100.0 + k, 95.5, float(k)])
        batches.append(
            pa.record_batch([entities, values, pa.array([7.25, 8.0, 9.5])], ["entity", "b", "s"])
        )
    table = pa.Table.from_batches(batches)
    monkeypatch.setattr(typed, "PIECE_ROWS", piece_rows)
    pieces = list(typed.arrow_pieces(iter(table.to_batches())))
    assert sum(p.n for p in pieces) == 27
    assert len(pieces) == (9 if piece_rows == 5 else 1)
    got = _results(spec, table, fast=True)
    assert got == _results(spec, table.combine_chunks(), fast=False)
    assert [r.row for r in got] == list(range(2, 29))
    assert got[4].entity == "单位1-1"


def test_a_text_column_is_read_by_a_pyarrow_without_string_view(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """pyproject.toml allows pyarrow 14; string_view came in 16 (asking for it
    failed every typed table with text under pyarrow 14 and 15)."""
    monkeypatch.delattr(pa, "string_view", raising=False)
    monkeypatch.delattr(pa.types, "is_string_view", raising=False)
    column = typed.arrow_column(pa.array(["a", " ", None]))
    assert isinstance(column, typed.Texts)
    assert column.filled.tolist() == [True, False, False]
    logical = typed.arrow_column(pa.array([True, None]))  # past the text types' test
    assert isinstance(logical, typed.Texts)
    assert logical.filled.tolist() == [True, False]
