"""A workbook's numbers are read at the 15 significant digits a spreadsheet
keeps: a result of its arithmetic saved with more (=AVERAGE(95%, 85%) as
0.89999999999999991) is what the sheet shows (0.9), on every reader."""

from __future__ import annotations

import csv
import io
import math
import zipfile
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from conftest import invoke
from hypothesis import example, given
from hypothesis import strategies as st

from engine.base.numbers import spreadsheet_number
from engine.batch.spreadsheet_digits import spreadsheet_numbers
from engine.batch.xlsx import TYPED_ROWS

SPEC = """\
spec: 1
id: s
title: s
version: '1'
total: 10
indicators:
  - {id: rate, name: 满意度, weight: 10, target: 0.9, direction: higher,
     method: {formula: "weight if actual >= target else 0"}}
"""

#: what Excel saves for =AVERAGE(0.95,0.85), which it shows as 0.9 (90%)
AVERAGE = "0.89999999999999991"


@given(st.lists(st.floats(), max_size=30))
@example([0.89999999999999991, 6.6499999999999995, 1e300, 5e-324, 1 / 3, -0.0])
def test_the_columns_are_the_cells_each_made_so(values: list[float]) -> None:
    """Column-wise, each number is what :func:`spreadsheet_number` makes it, bit
    for bit (a NaN stays a NaN)."""
    got = spreadsheet_numbers(np.array(values, dtype=np.float64))
    want = np.array([spreadsheet_number(x) for x in values], dtype=np.float64)
    assert got.tobytes() == want.tobytes()


@given(
    st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
        lambda d: (
            d != 0 and len(d.normalize().as_tuple().digits) <= 15 and abs(d) < Decimal("1e300")
        )
    )
)
def test_a_number_of_15_digits_is_read_as_it_is(d: Decimal) -> None:
    """A number a person types (at most 15 significant digits) is not changed."""
    x = float(d)
    if x == 0 or math.isinf(x):
        return  # below or beyond a double
    assert spreadsheet_number(x) == x
    assert spreadsheet_numbers(np.array([x])).tobytes() == np.array([x]).tobytes()


@given(st.integers(-(2**53), 2**53))
def test_a_whole_number_is_read_as_it_is(n: int) -> None:
    """A code of 16 digits a program wrote (1000000000000001) keeps its digits."""
    assert spreadsheet_number(float(n)) == float(n)
    assert spreadsheet_numbers(np.array([float(n)]))[0] == float(n)


@pytest.mark.parametrize(
    ("saved", "shown"),
    [(AVERAGE, 0.9), ("6.6499999999999995", 6.65), ("0.33333333333333331", 0.333333333333333)],
)
def test_a_result_of_the_sheets_arithmetic_is_what_it_shows(saved: str, shown: float) -> None:
    assert spreadsheet_number(float(saved)) == shown


def _workbook(path: Path, rows: int) -> Path:
    """A table of ``rows`` entities, each rate a formula saved as :data:`AVERAGE`."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["entity", "rate"])
    for i in range(rows):
        ws.append([f"单位{i:05d}", 0.5])
    wb.save(path)
    # the saved values as Excel writes a formula's: its text, then the double's
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(
        b"<v>0.5</v>", f"<f>AVERAGE(0.95,0.85)</f><v>{AVERAGE}</v>".encode()
    )
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


@pytest.mark.parametrize("rows", [3, TYPED_ROWS + 10])
def test_a_table_reads_a_formulas_value_as_the_sheet_shows_it(tmp_path: Path, rows: int) -> None:
    """Row by row (a small sheet) and column-wise (a large one), 0.9 meets its
    target of 0.9: full marks, not 0."""
    spec = tmp_path / "s.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    out = tmp_path / "out.csv"
    code, _, err = invoke(
        "batch", str(spec), str(_workbook(tmp_path / "t.xlsx", rows)), "-o", str(out)
    )
    assert code == 0, err
    scored = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(scored) == rows
    assert {(r["total"], r["rate"]) for r in scored} == {("10.00", "10.00")}


def test_a_forms_cell_is_read_as_the_sheet_shows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 自评表's 实际完成值 worked out by a formula (3 trips saved as
    2.9999999999999996) scores as the 3 it shows, exactly as the typed 3."""
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    form, sheet = "examples/licheng-2021/自评表.xlsx", "xl/worksheets/sheet1.xml"
    typed = b'<c r="H26" s="12" t="n"><v>3</v></c>'
    worked = b'<c r="H26" s="12" t="n"><f>6/2</f><v>2.9999999999999996</v></c>'
    with zipfile.ZipFile(form) as src, zipfile.ZipFile(tmp_path / "f.xlsx", "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == sheet:
                assert data.count(typed) == 1
                data = data.replace(typed, worked)
            dst.writestr(info, data)
    spec = "specs/gz-dept-overall-2021.yaml"
    code, out, err = invoke("explain", spec, str(tmp_path / "f.xlsx"), "trips")
    assert (code, err) == (0, ""), err
    assert "= 3.75 * min(3 / 4, 1)" in out
    assert invoke("score", spec, form)[1] == invoke("score", spec, str(tmp_path / "f.xlsx"))[1]


def test_no_warning_is_raised_for_what_is_no_number() -> None:
    """A NaN or an infinity is kept as it is, without numpy's warning of it."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = spreadsheet_numbers(np.array([float("nan"), float("inf"), -float("inf"), 0.1]))
    assert math.isnan(got[0]) and got[1:].tolist() == [float("inf"), -float("inf"), 0.1]
