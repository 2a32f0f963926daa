"""A batch of many files (a table in parts, forms) says each row's file: rows are
numbered within their own file, so the row alone named two rows of the batch."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pyarrow  # noqa: F401  (imported: large parts are written column-wise, as the CLI's are)
import pyarrow.parquet as pq
import pytest
from conftest import invoke

SPEC = "specs/gz-dept-overall-2021.yaml"
UNITS = Path("examples/docs/units.csv")

pytestmark = pytest.mark.usefixtures("in_root")


def _rows() -> tuple[list[str], list[list[str]]]:
    header, *rows = list(csv.reader(UNITS.read_text("utf-8").splitlines()))
    return header, rows


def _part(path: Path, rows: list[list[str]], header: list[str]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, *rows])
    path.write_text(buf.getvalue(), "utf-8")


def _parts(folder: Path, n: int = 300, names: tuple[str, str] = ("a.csv", "b.csv")) -> list[Path]:
    """Two parts of ``n`` scored rows each (the first two rows of units.csv, each
    unit named apart), the second part's values a little lower."""
    header, rows = _rows()
    folder.mkdir()
    paths = []
    for k, name in enumerate(names):
        made = []
        for i in range(n):
            row = list(rows[i % 2])
            row[0] = f"{row[0]}{i}"
            row[header.index("trips")] = str(int(row[header.index("trips")]) - k)
            made.append(row)
        paths.append(folder / name)
        _part(paths[-1], made, header)
    return paths


def _csv(*args: str) -> tuple[int, list[list[str]], str]:
    code, out, err = invoke("batch", SPEC, *args, "-f", "csv", "--lang", "en")
    return code, list(csv.reader(io.StringIO(out, newline=""))), err


@pytest.mark.parametrize("n", [2, 300])  # a few rows written one by one; many, column-wise
def test_each_row_of_a_table_in_parts_says_its_file(tmp_path: Path, n: int) -> None:
    a, b = _parts(tmp_path / "parts", n)
    code, rows, err = _csv(str(tmp_path / "parts" / "*.csv"))
    assert code == 0, err
    assert rows[0][:3] == ["file", "row", "entity"]
    assert [r[:2] for r in rows[1:]] == [
        [str(path), str(row)] for path in (a, b) for row in range(2, n + 2)
    ]
    # the other cells are what each file alone gives
    for path, got in ((a, rows[1 : n + 1]), (b, rows[n + 1 :])):
        code, alone, _ = _csv(str(path))
        assert alone[0] == rows[0][1:]
        assert [r[1:] for r in got] == alone[1:]


@pytest.mark.parametrize("n", [2, 300])
def test_a_file_name_that_needs_quotes_is_quoted(tmp_path: Path, n: int) -> None:
    """Quoted where it must be; a carriage return in a name broke the row-by-row
    CSV (a lone \\r is no line end to csv's writer): written as a line feed, as an
    entity's is, on either path."""
    paths = _parts(tmp_path / "parts", n, ("a,1.csv", 'b"2\r.csv'))
    code, rows, err = _csv(str(tmp_path / "parts" / "*.csv"))
    assert code == 0, err
    assert {r[0] for r in rows[1:]} == {str(p).replace("\r", "\n") for p in paths}
    assert len(rows) == 1 + 2 * n and all(len(r) == len(rows[0]) for r in rows)


def test_a_pattern_of_one_file_has_the_file_column_a_file_given_has_not(tmp_path: Path) -> None:
    """A script reading a pattern's output finds the same columns however many files
    the pattern matched."""
    a, _b = _parts(tmp_path / "parts")
    code, rows, _ = _csv(str(tmp_path / "parts" / "a*.csv"))
    assert code == 0
    assert rows[0][:2] == ["file", "row"] and {r[0] for r in rows[1:]} == {str(a)}
    code, rows, _ = _csv(str(a))
    assert code == 0
    assert rows[0][:2] == ["row", "entity"]


def test_json_xlsx_and_parquet_say_each_rows_file(tmp_path: Path) -> None:
    a, b = _parts(tmp_path / "parts", 2)
    pattern = str(tmp_path / "parts" / "*.csv")
    for suffix in ("json", "xlsx", "parquet"):
        code, _, err = invoke("batch", SPEC, pattern, "-o", str(tmp_path / f"out.{suffix}"))
        assert code == 0, err
    expected = [(str(p), row) for p in (a, b) for row in (2, 3)]
    rows = json.loads((tmp_path / "out.json").read_text("utf-8"))["rows"]
    assert [(r["file"], r["row"]) for r in rows] == expected
    assert list(rows[0])[:2] == ["file", "row"]
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]
    got = [tuple(c.value for c in r[:2]) for r in sheet.iter_rows(min_row=2)]
    assert got == expected
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.column_names[:2] == ["file", "row"]
    assert list(zip(table["file"].to_pylist(), table["row"].to_pylist(), strict=True)) == expected


def test_the_ranking_tells_each_row_by_its_file_and_row(tmp_path: Path) -> None:
    a, b = _parts(tmp_path / "parts", 2)
    shutil.copy(a, tmp_path / "parts" / "c.csv")  # ties with a's rows: after them
    pattern = str(tmp_path / "parts" / "*.csv")
    code, out, err = invoke("batch", SPEC, pattern, "--lang", "en", "--width", "400")
    assert code == 0, err
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith(" Rank"))
    assert lines[head].endswith("Entity  (file:row)")
    assert [line.split("  (")[1] for line in lines[head + 1 : head + 7]] == [
        f"{a}:3)",
        f"{tmp_path / 'parts' / 'c.csv'}:3)",
        f"{b}:3)",
        f"{a}:2)",
        f"{tmp_path / 'parts' / 'c.csv'}:2)",
        f"{b}:2)",
    ]


def test_the_page_opens_each_rows_own_derivation(tmp_path: Path) -> None:
    """The page read the shown rows again from the first file alone: a row of the
    second file opened no derivation, or the first file's row of that number."""
    a, b = _parts(tmp_path / "parts", 2)
    page = tmp_path / "out.html"
    code, _, err = invoke("batch", SPEC, str(tmp_path / "parts" / "*.csv"), "-o", str(page))
    assert code == 0, err
    text = page.read_text("utf-8")
    cells = text.split('data-row="')[1:]
    assert len(cells) == text.count("<pre>") == 4 and all("<pre>" in c for c in cells)
    # each row told by its file and row, and sorted by its place in the files' order
    told = {c.split("</details></td><td>")[1].split("</td>")[0]: c.split('"')[0] for c in cells}
    assert told == {f"{a}:2": "0", f"{a}:3": "1", f"{b}:2": "2", f"{b}:3": "3"}
    assert '<th data-key="row" data-num>' in text
    # b's rows have one trip less than a's: their derivations differ
    shown = {
        c.split("</details></td><td>")[1].split("</td>")[0]: c.split("<pre>")[1].split("</pre>")[0]
        for c in cells
    }
    assert shown[f"{a}:2"] != shown[f"{b}:2"]


@pytest.mark.parametrize("n", [2, 300])
def test_each_parts_notes_stay_with_their_indicator(tmp_path: Path, n: int) -> None:
    """A part giving notes.trips and notes.rehab in the other order had each written
    under the other's column; a part with other note columns had its notes put
    under the first file's, or dropped."""
    header, rows = _rows()
    folder = tmp_path / "parts"
    folder.mkdir()
    base = header.index("notes.trips")
    for name, names in (
        ("a.csv", ["notes.trips", "notes.rehab"]),
        ("b.csv", ["notes.rehab", "notes.trips"]),
    ):
        made = []
        for i in range(n):
            row = list(rows[0][:base])
            row[0] = f"u{i}"
            made.append([*row, *(f"{name}:{column}" for column in names)])
        _part(folder / name, made, [*header[:base], *names])
    code, out, err = _csv(str(folder / "*.csv"))
    assert code == 0, err
    at = out[0].index("notes.trips")
    assert out[0][at : at + 2] == ["notes.trips", "notes.rehab"]
    assert {tuple(r[at : at + 2]) for r in out[1:]} == {
        ("a.csv:notes.trips", "a.csv:notes.rehab"),
        ("b.csv:notes.trips", "b.csv:notes.rehab"),
    }
    _part(folder / "c.csv", [[*rows[0][:base], "x"]], [*header[:base], "notes.rehab"])
    code, _out, err = _csv(str(folder / "*.csv"))
    assert code == 1
    assert (
        f"{folder / 'c.csv'}:1:{base + 1}: its note columns (notes.rehab) are not the first "
        "file's (notes.trips, notes.rehab); give every file of the pattern the same notes.ID "
        "columns"
    ) in err.splitlines()
