"""The batch XLSX output (engine/render/xlsx_stream.py, engine/render/batch_xlsx.py):
read back by openpyxl and by calamine, every cell is what the openpyxl writer it
replaced gave (kept here as the reference), on the shipped examples and on
random tables; text stays text, characters XML cannot hold never make a corrupt
file, numbers are their exact decimals, and a batch larger than a sheet stops
with a located message and no file."""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from conftest import invoke
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from python_calamine import CalamineWorkbook

from engine.base.errors import ScorecardError
from engine.base.numbers import nearest_decimal
from engine.batch.blocks import Block
from engine.batch.rows import RowResult
from engine.batch.runner import Summary, score_blocks
from engine.batch.tables import NA_TOKENS, note_columns, open_table
from engine.render import xlsx_stream
from engine.render._fmt import column_names
from engine.render._xlsx import save, text_cell
from engine.render.batch_view import _score, csv_header, grade_counts
from engine.render.batch_xlsx import write_rows
from engine.spec.compile import load_spec
from engine.spec.model import Spec

ROOT = Path(__file__).resolve().parent.parent
SPEC = "specs/gz-dept-overall-2021.yaml"
HEADER = (ROOT / "examples/docs/units.csv").read_text("utf-8").split("\n", 1)[0].split(",")
LABELS = {"management_system", "asset_management"}

pytestmark = pytest.mark.usefixtures("in_root")


# -- the writer this one replaced (openpyxl's write-only mode), as it was but for a
# -- score that does not end: a number now (text left it out of every SUM) ---------


def old_write_rows(
    path: Path,
    spec: Spec,
    rows: Iterable[RowResult],
    summary: Summary,
    notes: Sequence[str] = (),
    header: str = "words",
) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("results")
    ws.append([text_cell(ws, h) for h in csv_header(spec, notes, header)])
    count = sum(1 for _ in spec.walk())
    for r in rows:
        note_cells = [text_cell(ws, t) for t in (r.notes + ("",) * len(notes))[: len(notes)]]
        head = [r.row, text_cell(ws, r.entity), text_cell(ws, r.period)]
        if not r.ok:
            errors = text_cell(ws, " | ".join(r.errors))
            tail = [None, *[None] * count, *note_cells] if notes else []
            ws.append([*head, None, None, None, "error", errors, *tail])
            continue
        ws.append(
            [
                *head,
                _old_cell(_score(spec, r.total)),
                _old_cell(_score(spec, r.full_marks)),
                text_cell(ws, r.grade),
                "ok",
                "",
                r.flags,
                *[_old_score(spec, x) for x in r.scores],
                *note_cells,
            ]
        )
    grades = wb.create_sheet("grades")
    grades.append(column_names(["grade", "count"], header))
    for g, n in grade_counts(summary).items():
        grades.append([text_cell(grades, g), n])
    with path.open("wb") as fh:
        save(wb, fh)


def _old_score(spec: Spec, x: Fraction | None) -> Decimal | float | str | None:
    shown = _score(spec, x, 28)
    if x is not None and "…" in shown:
        return Decimal(nearest_decimal(x))  # openpyxl writes a Decimal's every digit
    return _old_cell(shown)


def _old_cell(text: str) -> float | str | None:
    if text in ("—", ""):
        return None
    try:
        return float(text) if "…" not in text else text
    except ValueError:
        return text


# -- helpers ----------------------------------------------------------------------


def _scored(
    table: Path, na: tuple[str, ...] = NA_TOKENS
) -> tuple[Spec, list[Any], Summary, tuple[str, ...]]:
    spec = load_spec(ROOT / SPEC)
    opened = open_table(str(table), spec, na_tokens=na)
    notes = tuple(c.target for c in note_columns(opened))
    summary = Summary(spec)
    items = list(score_blocks(spec, opened, "error", na))
    for item in items:
        if isinstance(item, Block):
            summary.add_block(item)
        else:
            summary.add(item)
    return spec, items, summary, notes


def _rows(items: list[Any]) -> Iterable[RowResult]:
    for item in items:
        yield from item.results() if isinstance(item, Block) else (item,)


def _both(tmp: Path, table: Path, header: str = "words") -> tuple[Path, Path]:
    """The table's batch workbook by the old writer and by the new one."""
    spec, items, summary, notes = _scored(table)
    old, new = tmp / "old.xlsx", tmp / "new.xlsx"
    old_write_rows(old, spec, _rows(items), summary, notes, header)
    write_rows(str(new), spec, items, summary, notes, header)
    return old, new


def _openpyxl(path: Path) -> dict[str, list[list[tuple[type, Any]]]]:
    """Every cell's (type, value), each sheet's rows padded to its width."""
    wb = load_workbook(path)
    return {
        ws.title: [[(type(v), v) for v in row] for row in ws.iter_rows(values_only=True)]
        for ws in wb.worksheets
    }


def _calamine(path: Path) -> dict[str, list[list[tuple[type, Any]]]]:
    wb = CalamineWorkbook.from_path(str(path))
    return {
        name: [[(type(v), v) for v in row] for row in wb.get_sheet_by_name(name).to_python()]
        for name in wb.sheet_names
    }


def _same_cells(old: Path, new: Path) -> None:
    for read in (_openpyxl, _calamine):
        a, b = read(new), read(old)
        if a != b:  # the same but for floats a last digit off
            assert _near(a, b), (a, b)


def _near(a: Any, b: Any) -> bool:
    """The same cells, floats within a part in 10^15: openpyxl writes a float with 16
    digits (a score that does not end, 60/19, reads back a last digit off), the
    writer its 28 decimals."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_near(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_near(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-15)
    if isinstance(a, str) and isinstance(b, str) and a != b:
        # the new writer keeps white space at a text's ends (xml:space="preserve"),
        # which a reader trims where the old one wrote none: an entity "\x01\n\x01"
        # (its control characters dropped) reads "\n" now, "" before
        return a.strip(" \t\n") == b and a != a.strip(" \t\n")
    return bool(a == b)


def _parts_parse(path: Path) -> None:
    """Every XML part of the workbook is well-formed XML."""
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            ElementTree.fromstring(z.read(name))


# -- the same cells as before -------------------------------------------------------


@pytest.mark.parametrize(
    "table", ["units.csv", "units-claimed.csv", "units-wu.csv", "streets.csv", "errors.csv"]
)
@pytest.mark.parametrize("header", ["words", "ids"])
def test_the_shipped_examples_read_back_as_from_the_old_writer(
    tmp_path: Path, table: str, header: str
) -> None:
    old, new = _both(tmp_path, ROOT / "examples/docs" / table, header)
    _same_cells(old, new)
    _parts_parse(new)
    assert load_workbook(new).sheetnames == ["results", "grades"]


def test_the_shipped_example_reads_back_to_these_cells(tmp_path: Path) -> None:
    """Golden values: the first scored row, the failed row, the grades sheet."""
    _old, new = _both(tmp_path, Path("examples/docs/units.csv"))
    cells = _calamine(new)
    first = [v for _, v in cells["results"][1]]
    assert first[:9] == [2.0, "荔城街道", "2021", 88.59, 100.0, "良", "ok", "", ""]
    assert first[9:12] == [31.5, 9.08, 4.0] and first[-1] == "受疫情影响，外出招商活动减少"
    failed = [v for _, v in cells["results"][4]]
    assert failed[:7] == [5.0, "小楼镇", "2021", "", "", "", "error"]
    assert failed[7].startswith("examples/docs/units.csv:5:4: missing inputs: spent")
    assert [[v for _, v in row] for row in cells["grades"]] == [
        ["grade", "count"],
        ["优", 1.0],
        ["良", 2.0],
    ]
    with zipfile.ZipFile(new) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert '<c r="D2" s="3"><v>88.59</v></c><c r="E2" s="3"><v>100</v></c>' in sheet
    assert new_formats(new)["results"][1][3:5] == ["0.00", "0.00"]  # shown 88.59, 100.00
    assert '<c r="B2" t="inlineStr"><is><t>荔城街道</t></is></c>' in sheet


_TEXT = st.lists(
    st.sampled_from([*"甲乙 单位-=+@\t\r\n\x0b\x0c\x01\x1f&<>'\"_x0041A", "_x0041_", "=1+1"]),
    max_size=12,
).map(lambda pieces: re.sub("_(?=x[0-9A-Fa-f]{4}_)", "-", "".join(pieces)))  # _xHHHH_ below


def _cell(column: str, draw: Any) -> str:
    if column in LABELS:
        return str(draw(st.sampled_from(["优", "良", "中", "差", "N/A", ""])))
    if column == "entity" or column.startswith("notes."):
        return str(draw(_TEXT))
    kind = draw(st.sampled_from(["int", "decimal", "decimal", "N/A", "bad", "percent"]))
    if kind == "N/A":
        return "N/A"
    if kind == "bad":
        return "9O"
    value = draw(st.integers(0, 300_000))
    text = str(value // 100) if kind == "int" else f"{value // 100}.{value % 100:02d}"
    return text + "%" if kind == "percent" and column in {"sanitation"} else text


@st.composite
def _tables(draw: Any) -> list[list[str]]:
    rows = draw(st.integers(1, 25))
    return [[_cell(c, draw) for c in HEADER] for _ in range(rows)]


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    import csv

    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(rows)


@settings(max_examples=25)
@given(rows=_tables())
def test_random_tables_read_back_as_from_the_old_writer(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]]
) -> None:
    """Every cell, by openpyxl and by calamine, as the old writer gave it: numbers,
    failed rows, N/A rows, notes; text of every kind (but for _xHHHH_ below)."""
    tmp = tmp_path_factory.mktemp("random")
    table = tmp / "t.csv"
    _write_csv(table, rows)
    old, new = _both(tmp, table)
    _same_cells(old, new)
    _parts_parse(new)


def test_a_large_table_on_the_fast_path_reads_back_as_from_the_old_writer(
    tmp_path: Path,
) -> None:
    """Blocks of thousands of rows, with N/A marks, failed rows and notes."""
    import random

    rnd = random.Random(13)
    rows = []
    for i in range(5000):
        row = [
            f"单位{i}" if c == "entity" else rnd.choice("优良中差") if c in LABELS else ""
            for c in HEADER
        ]
        for j, c in enumerate(HEADER):
            if c not in LABELS and c != "entity" and not c.startswith("notes."):
                row[j] = f"{rnd.randint(0, 200)}.{rnd.randint(0, 99):02d}"
        if i % 97 == 0:
            row[5] = "N/A"
        if i % 311 == 0:
            row[3] = "9O"
        row[-1] = "说明 & <备注>" if i % 50 == 0 else ""
        rows.append(row)
    table = tmp_path / "t.csv"
    _write_csv(table, rows)
    _spec, items, _summary, _notes = _scored(table)
    assert any(isinstance(i, Block) and len(i) > 2048 for i in items)  # pieces of a block
    old, new = _both(tmp_path, table)
    _same_cells(old, new)


def test_runs_written_column_wise_are_the_same_bytes_as_row_by_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large runs of fast rows are made with Arrow (pyarrow imported: a large
    table); the workbook is the same, byte for byte, as made a row at a time."""
    import pyarrow  # noqa: F401  (what a large table's reading imports)

    from engine.render import batch_xlsx

    rows = [[("单位 & <" + str(i) if c == "entity" else "优") for c in HEADER] for i in range(3000)]
    for i, row in enumerate(rows):
        for j, c in enumerate(HEADER):
            if c not in LABELS and c != "entity":
                row[j] = f"{(i * 7 + j * 13) % 150}.{(i + j) % 100:02d}"
        row[-1] = "备注" if i % 3 else ""
        if i % 500 == 9:
            row[4] = "9O"
    table = tmp_path / "t.csv"
    _write_csv(table, rows)
    spec, items, summary, notes = _scored(table)
    write_rows(str(tmp_path / "columns.xlsx"), spec, items, summary, notes)
    monkeypatch.setattr(batch_xlsx, "_COLUMNS", 10**9)
    write_rows(str(tmp_path / "rows.xlsx"), spec, items, summary, notes)
    assert (tmp_path / "columns.xlsx").read_bytes() == (tmp_path / "rows.xlsx").read_bytes()
    old = tmp_path / "old.xlsx"
    old_write_rows(old, spec, _rows(items), summary, notes)
    _same_cells(old, tmp_path / "columns.xlsx")


# -- text ---------------------------------------------------------------------------


def test_text_is_escaped_cleaned_and_never_a_formula(tmp_path: Path) -> None:
    texts = [
        "a & b <c> \"d\" 'e'",
        "=SUM(A1:A2)",
        "+1",
        "-x",
        "@x",
        "原因\x0b说明\x0c完",
        "控制\x00字\x01符\x1f",
        "第一行\r第二行\r\n第三行",
        "  前后空格 ",
        "\ufffe非字符\uffff",
        "\x01\x02",
    ]
    sheet = xlsx_stream.Sheet(len(texts))
    path = tmp_path / "t.xlsx"
    with path.open("wb") as fh:
        xlsx_stream.write_workbook(
            fh, [("s", [sheet.row([xlsx_stream.text(t) for t in texts])])], "t"
        )
    _parts_parse(path)
    expected = [
        "a & b <c> \"d\" 'e'",
        "=SUM(A1:A2)",
        "+1",
        "-x",
        "@x",
        "原因\n说明\n完",
        "控制字符",
        "第一行\n第二行\n第三行",
        "  前后空格 ",
        "非字符",
    ]
    assert [v for v in next(load_workbook(path)["s"].iter_rows(values_only=True))] == [
        *expected,
        None,
    ]
    book = CalamineWorkbook.from_path(str(path))  # the last cell, empty, not counted
    assert book.get_sheet_by_name("s").to_python() == [expected]
    wb = load_workbook(path)
    assert {c.data_type for c in wb["s"][1] if c.value is not None} == {"s"}  # no formula


def test_text_that_reads_as_an_excel_escape_is_escaped_itself(tmp_path: Path) -> None:
    """``_x0041_`` is how a workbook writes "A": a cell holding those characters is
    written ``_x005F_x0041_``, so Excel and calamine show it as typed (openpyxl
    does not undo the escape)."""
    path = tmp_path / "t.xlsx"
    sheet = xlsx_stream.Sheet(2)
    with path.open("wb") as fh:
        cells = [xlsx_stream.text("_x0041_"), xlsx_stream.text("a_x00e9_b_x")]
        xlsx_stream.write_workbook(fh, [("s", [sheet.row(cells)])], "t")
    book = CalamineWorkbook.from_path(str(path))
    assert book.get_sheet_by_name("s").to_python() == [["_x0041_", "a_x00e9_b_x"]]
    with zipfile.ZipFile(path) as z:
        assert b"<t>_x005F_x0041_</t>" in z.read("xl/worksheets/sheet1.xml")


def test_the_small_workbooks_escape_it_too() -> None:
    """openpyxl writes the small workbooks (working paper, review sheet): their
    text goes through the same cleaning."""
    from engine.render._xlsx import clean

    assert clean("_x0041_ a\x0bb\x01") == "_x005F_x0041_ a\nb"


def test_batch_text_cells_from_a_table_survive(tmp_path: Path) -> None:
    rows = [[("甲单位" if c == "entity" else "80") for c in HEADER] for _ in range(4)]
    notes = ["=见附件", "原因\x0b说明", "a\r\nb", "x & <y>"]
    for row, note in zip(rows, notes, strict=True):
        row[HEADER.index("management_system")] = row[HEADER.index("asset_management")] = "优"
        row[-1] = note
    table = tmp_path / "t.csv"
    _write_csv(table, rows)
    old, new = _both(tmp_path, table)
    _same_cells(old, new)
    cells = load_workbook(new)["results"]
    assert [cells.cell(r, cells.max_column).value for r in range(2, 6)] == [
        "=见附件",
        "原因\n说明",
        "a\nb",
        "x & <y>",
    ]
    assert cells.cell(2, cells.max_column).data_type == "s"


# -- numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("decimal", "written"),
    [
        ("88.59", "88.59"),
        ("100.00", "100"),
        ("3.50", "3.5"),
        ("0.00", "0"),
        ("-0.00", "0"),
        ("-2.250", "-2.25"),
        ("12", "12"),
        ("123456789012345678.123456789", "123456789012345678.123456789"),
    ],
)
def test_numbers_are_written_from_their_exact_decimal_text(decimal: str, written: str) -> None:
    assert xlsx_stream.number(decimal) == f"><v>{written}</v></c>"


def test_a_score_that_does_not_end_is_the_nearest_number() -> None:
    """It was text ("0.3333333333…"), which every SUM in Excel leaves out."""
    from engine.render.batch_xlsx import ResultRows

    rows = ResultRows(load_spec(ROOT / SPEC), (), xlsx_stream.Sheet(3))
    assert rows.score(None) == xlsx_stream.EMPTY
    at = ' s="3"'  # shown at the spec's 2 places
    assert rows.score(Fraction(1, 3)) == f"{at}><v>0.3333333333333333333333333333</v></c>"
    assert rows.score(Fraction(2, 3)) == f"{at}><v>0.6666666666666666666666666667</v></c>"
    assert rows.score(Fraction(71, 10)) == f"{at}><v>7.1</v></c>"


@pytest.mark.parametrize(
    ("places", "shown"), [(0, "0"), (1, "0.0"), (2, "0.00"), (10, "0." + "0" * 10)]
)
def test_scores_are_shown_at_the_specs_places(tmp_path: Path, places: int, shown: str) -> None:
    """They were General: Excel showed 4 for 4.00 and 31.6 for 31.60."""
    spec = tmp_path / "s.yaml"
    spec.write_text(
        f"spec: 1\nid: s\ntotal: 10\nrounding: {{places: {places}}}\nindicators:\n"
        "  - {id: x, name: X, weight: 10, direction: higher, target: 3, method: ratio}\n",
        encoding="utf-8",
    )
    table = tmp_path / "t.csv"
    table.write_text("entity,x\na,1\nb,3\n", encoding="utf-8")
    out = tmp_path / "o.xlsx"
    code, _, _ = invoke("batch", str(spec), str(table), "-o", str(out))
    assert code == 0
    formats = new_formats(out)["results"]
    assert [row[3:5] + row[9:] for row in formats[1:]] == [[shown] * 3] * 2  # total, full, x
    assert formats[1][:3] == ["General"] * 3  # row, entity, period


def new_formats(path: Path) -> dict[str, list[list[str]]]:
    """Each sheet's cells' number formats, as openpyxl reads them."""
    wb = load_workbook(path)
    return {ws.title: [[c.number_format for c in row] for row in ws.iter_rows()] for ws in wb}


# -- the workbook -------------------------------------------------------------------


def test_the_workbook_has_fixed_times_and_the_parts_excel_needs(tmp_path: Path) -> None:
    _old, new = _both(tmp_path, ROOT / "examples/docs/units.csv")
    with zipfile.ZipFile(new) as z:
        assert z.namelist() == [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "docProps/app.xml",
            "xl/workbook.xml",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/sheet2.xml",
        ]
        assert {i.date_time for i in z.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        assert b"2000-01-01T00:00:00Z" in z.read("docProps/core.xml")


def test_column_letters() -> None:
    from engine.batch.xlsx_survey import column_letters

    assert [column_letters(c) for c in (1, 26, 27, 52, 53, 702, 703, 16384)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
        "XFD",
    ]


def test_a_batch_larger_than_a_sheet_stops_with_a_message_and_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_stream, "MAX_ROWS", 3)  # a sheet of 3 rows, the header included
    spec, items, summary, notes = _scored(ROOT / "examples/docs/units.csv")
    out = tmp_path / "out.xlsx"
    with pytest.raises(ScorecardError) as e:
        write_rows(str(out), spec, items, summary, notes)
    assert str(e.value) == (
        f"{out}: the sheet 'results' would have more than 3 rows (or 2 GiB of text), more "
        "than Excel holds; write the batch as CSV or Parquet (--format csv, --format parquet)"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_sheet_of_more_text_than_a_zip_entry_holds_stops_the_same_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_stream, "MAX_PART", 1000)
    spec, items, summary, notes = _scored(ROOT / "examples/docs/units.csv")
    out = tmp_path / "out.xlsx"
    with pytest.raises(ScorecardError, match="more than Excel holds"):
        write_rows(str(out), spec, items, summary, notes)
    assert list(tmp_path.iterdir()) == []


def test_the_command_line_says_so_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    monkeypatch.setattr(xlsx_stream, "MAX_ROWS", 2)
    out = tmp_path / "out.xlsx"
    code, _out, err = invoke("batch", SPEC, "examples/docs/units.csv", "-o", str(out))
    assert code == 1
    assert err.strip().splitlines()[-1] == (
        f"{out}: the sheet 'results' would have more than 2 rows (or 2 GiB of text), more "
        "than Excel holds; write the batch as CSV or Parquet (--format csv, --format parquet)"
    )
    assert "Traceback" not in err and not out.exists()


# -- the sheets' names follow the interface language, as the columns do -----------------


@pytest.mark.parametrize(
    ("args", "names", "grades_head"),
    [
        (["--lang", "zh"], ["结果", "等级"], ("等级", "数量")),
        (["--lang", "zh", "--header", "ids"], ["results", "grades"], ("grade", "count")),
        (["--lang", "en"], ["results", "grades"], ("grade", "count")),
    ],
)
def test_the_sheets_are_named_in_the_interface_language(
    tmp_path: Path, args: list[str], names: list[str], grades_head: tuple[str, str]
) -> None:
    """`batch -o out.xlsx` under the Chinese interface names its sheets 结果 and 等级
    (``--header ids`` and English keep results and grades, for scripts); whatever
    the names, the workbook holds no formula that could name a sheet."""

    out = tmp_path / "out.xlsx"
    code, _out, _err = invoke(
        *args[:2], "batch", SPEC, "examples/docs/units.csv", "-o", str(out), *args[2:]
    )
    assert code == 1  # the example's fifth row fails, as the documentation shows
    wb = load_workbook(out)
    assert wb.sheetnames == names
    results, grades = wb.worksheets
    assert [c.value for c in results[2]][:6] == [2, "荔城街道", "2021", 88.59, 100, "良"]
    assert list(grades.values) == [grades_head, ("优", 1), ("良", 2)]
    with zipfile.ZipFile(out) as z:
        assert all(b"<f>" not in z.read(n) and b"<f " not in z.read(n) for n in z.namelist())


def test_a_workbook_written_in_chinese_holds_what_one_in_english_holds(tmp_path: Path) -> None:
    """Only the names change with the language: the sheets' rows under the Chinese
    names are those under the English ones, and with ``--header ids`` the workbook
    is the same bytes in either language."""
    from engine.base.i18n import set_language

    spec, items, summary, notes = _scored(ROOT / "examples/docs/units.csv")
    zh, en = tmp_path / "zh.xlsx", tmp_path / "en.xlsx"
    set_language("zh")
    write_rows(str(zh), spec, items, summary, notes, "ids")
    write_rows(str(tmp_path / "zh-words.xlsx"), spec, items, summary, notes)
    set_language("en")
    write_rows(str(en), spec, items, summary, notes, "ids")
    assert zh.read_bytes() == en.read_bytes()  # --header ids: the same bytes in any language
    words = _calamine(tmp_path / "zh-words.xlsx")
    assert list(words) == ["结果", "等级"]
    ids = _calamine(en)
    assert words["结果"][1:] == ids["results"][1:]  # the same rows under another header
    assert words["等级"][1:] == ids["grades"][1:]
