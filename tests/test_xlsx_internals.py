"""XLSX internals: what the sheet holds is read, not what it claims, and every
malformed workbook gets a located one-line message and exit 1 (never 3)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from engine.base.errors import LoadError
from engine.batch import xlsx
from engine.batch.runner import score_rows
from engine.batch.tables import open_table
from engine.spec.compile import compile_spec
from engine.spec.load import load_text

ROOT = Path(__file__).resolve().parent.parent
SPEC = """\
spec: 1
id: forms
total: 20
rounding: {places: 2, mode: half_up}
grades: [{grade: A, min: 15}, {grade: B, min: 0}]
indicators:
  - {id: rate, name: 执行率, weight: 10, unit: "%", direction: higher, target: 100, method: ratio}
  - {id: money, name: 金额, weight: 10, unit: 万元, direction: higher, target: 50000,
     method: ratio}
"""
SHEET = "xl/worksheets/sheet1.xml"


def _workbook(path: Path, rows: int = 12) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["entity", "rate", "money"])
    for i in range(rows - 1):
        ws.append([f"e{i}", 90 + i % 10, 40000 + i])
    wb.save(path)
    return path


def _rewrite(
    src: Path, dst: Path, change: Callable[[str, bytes], bytes], drop: tuple[str, ...] = ()
) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename not in drop:
                zout.writestr(info.filename, change(info.filename, zin.read(info.filename)))
    return dst


def _sheet(change: Callable[[bytes], bytes]) -> Callable[[str, bytes], bytes]:
    return lambda name, data: change(data) if name == SHEET else data


def _run(spec: Path, table: Path) -> tuple[int, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "engine", "batch", str(spec), str(table), "-f", "csv"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,  # a hang guard only
    )
    return proc.returncode, proc.stderr


@pytest.fixture
def spec_file(tmp_path: Path) -> Path:
    path = tmp_path / "forms.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return path


def _dimension(ref: bytes) -> Callable[[bytes], bytes]:
    return lambda d: re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="' + ref + b'"/>', d)


@pytest.mark.parametrize("claim", [b"A1:E3", b"A1:B2", b"A1:XFD1048576"])
def test_every_row_the_sheet_holds_is_read_whatever_its_dimension_claims(
    tmp_path: Path, spec_file: Path, claim: bytes
) -> None:
    good = _workbook(tmp_path / "good.xlsx")
    lying = _rewrite(good, tmp_path / "lying.xlsx", _sheet(_dimension(claim)))
    assert claim in zipfile.ZipFile(lying).read(SHEET)
    code, err = _run(spec_file, lying)
    assert (code, err.splitlines()[-1]) == (0, "11 scored, 0 failed")
    spec = compile_spec(load_text(SPEC, "forms.yaml"))
    rows = list(score_rows(spec, open_table(str(lying), spec)))
    assert [r.entity for r in rows] == [f"e{i}" for i in range(11)]


def test_a_number_cell_holding_text_is_located(tmp_path: Path, spec_file: Path) -> None:
    good = _workbook(tmp_path / "good.xlsx")
    bad = _rewrite(
        good,
        tmp_path / "bad.xlsx",
        _sheet(lambda d: re.sub(rb'(<c r="C5"[^>]*>)<v>[^<]*</v>', rb"\1<v>abc</v>", d)),
    )
    assert b'<c r="C5" t="n"><v>abc</v>' in zipfile.ZipFile(bad).read(SHEET)
    assert _run(spec_file, bad) == (
        1,
        f"{bad}:5:3: cell C5 is marked as a number but holds 'abc'; save the workbook "
        "again from Excel, or as CSV\n",
    )


def test_a_dtd_with_entities_is_refused(tmp_path: Path, spec_file: Path) -> None:
    good = _workbook(tmp_path / "good.xlsx")
    dtd = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]>'
    bad = _rewrite(good, tmp_path / "dtd.xlsx", _sheet(lambda d: dtd + d.replace(b"e3", b"&a;")))
    assert _run(spec_file, bad) == (
        1,
        f"{bad}: {SHEET}:1:1: a DTD (<!DOCTYPE>, entities) in the workbook's XML is not "
        "accepted; save the workbook again from Excel, or as CSV\n",
    )


def test_a_missing_sheet_part_is_a_damaged_file(tmp_path: Path, spec_file: Path) -> None:
    good = _workbook(tmp_path / "good.xlsx")
    bad = _rewrite(good, tmp_path / "missing.xlsx", lambda n, d: d, drop=(SHEET,))
    assert _run(spec_file, bad) == (
        1,
        f"{bad}: the sheet (the first) has no part in the workbook (a damaged file); "
        "save it again from Excel, or as CSV\n",
    )


def test_a_truncated_workbook_is_refused(tmp_path: Path, spec_file: Path) -> None:
    data = _workbook(tmp_path / "good.xlsx").read_bytes()
    bad = tmp_path / "cut.xlsx"
    bad.write_bytes(data[: len(data) // 2])
    assert _run(spec_file, bad) == (
        1,
        f"{bad}: not a readable .xlsx workbook (not a zip archive, or a truncated one); "
        "save it again from Excel, or as CSV\n",
    )


def test_a_huge_shared_string_is_refused_before_it_is_read(tmp_path: Path, spec_file: Path) -> None:
    good = _workbook(tmp_path / "good.xlsx")
    bad = tmp_path / "huge.xlsx"
    _rewrite(good, bad, lambda n, d: d)
    huge = b"<sst><si><t>" + b"x" * 20_000_000 + b"</t></si></sst>"
    with zipfile.ZipFile(bad, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/sharedStrings.xml", huge)
    assert bad.stat().st_size < 200_000  # small on disk, large unpacked
    assert _run(spec_file, bad) == (
        1,
        f"{bad}: xl/sharedStrings.xml: a cell text longer than 131072 characters (as a "
        "CSV cell may be at most); is this a table?\n",
    )


def test_a_part_over_the_size_cap_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _workbook(tmp_path / "good.xlsx", rows=2000)
    monkeypatch.setattr(xlsx, "MAX_PART_BYTES", 50_000)
    spec = compile_spec(load_text(SPEC, "forms.yaml"))
    with pytest.raises(Exception) as e:
        open_table(str(path), spec)
    assert str(e.value) == f"{path}: {SHEET} is over 50000 bytes uncompressed; split the table"


def test_percentages_formats_and_whole_numbers_read_as_before(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["entity", "rate", "money"])
    ws.append([123, 0.9893, 82912.04])
    ws.append(["b", "=1+1", 1])
    ws.cell(2, 2).number_format = "0.00%"
    path = tmp_path / "p.xlsx"
    wb.save(path)
    spec = compile_spec(load_text(SPEC, "forms.yaml"))
    table = open_table(str(path), spec)
    assert table.percent_columns == {2}
    first, second = score_rows(spec, table)
    assert first.entity == "123"  # a whole number is shown as written, not as 123.0
    assert first.total == Fraction("9.89") + 10
    assert second.errors == (
        f"{path}:3:2: cell B3 holds the formula =1+1 with no saved value; open and save "
        "the file in Excel (or write the value)",
    )


@pytest.fixture(params=["with its values", "values left to calamine"])
def reading(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """A sheet's percentages are noted by the reader of its values as it reads
    them, or, where calamine reads the values, by a scan of its XML: both ways
    are tried (the second by giving no reader)."""
    if request.param == "values left to calamine":
        monkeypatch.setattr(xlsx, "_values_reader", lambda z: None)
    return str(request.param)


def _refusal(path: Path) -> str:
    """What opening the table at ``path`` against SPEC is refused with."""
    spec = compile_spec(load_text(SPEC, "forms.yaml"))
    with pytest.raises(LoadError) as e:
        open_table(str(path), spec)
    return str(e.value)


def _values_read(path: Path) -> bool:
    """Whether the reader of values reads the sheet (else calamine does)."""
    with zipfile.ZipFile(path) as z:
        reader = xlsx._values_reader(z)
        styles = xlsx._percent_styles(z)
    if reader is None:
        return False
    return xlsx._read_sheet(path, "t", SHEET, styles, reader).grid is not None


def test_a_percentage_column_first_met_far_down_the_sheet_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reading: str
) -> None:
    """Once a column is known to hold percentages its cells are passed over by
    the scan (a sheet's scan costs little after its first rows): a column whose
    first percentage comes pieces later (after text shown as a percentage, in
    lower-case references too) is still found, and a mixed one refused; the
    reader of the sheet's values finds them alike."""
    wb = Workbook()
    ws = wb.active
    ws.append(["entity", "rate", "money"])
    for k in range(300):
        ws.append([f"e{k}", "N/A" if k < 250 else 0.95, 50000])
        ws.cell(k + 2, 2).number_format = "0.00%"
    path = tmp_path / "late.xlsx"
    wb.save(path)
    monkeypatch.setattr(xlsx, "_STEP", 2_000)  # pieces of a few rows
    spec = compile_spec(load_text(SPEC, "forms.yaml"))
    assert _values_read(path) is (reading == "with its values")
    table = open_table(str(path), spec)
    assert table.percent_columns == {2}
    rows = list(score_rows(spec, table))
    assert [r.total for r in rows[-2:]] == [Fraction(195, 10)] * 2  # 95% of 10, and 10
    ws.cell(290, 2).number_format = "General"  # one plain number among the late ones
    wb.save(path)
    table = open_table(str(path), spec)
    assert (table.percent_columns, table.plain_cells) == ({2}, {(290, 2)})
    rows = list(score_rows(spec, table))  # 0.95 shown plain: 0.095 of 10, and 10
    full, plain = Fraction(195, 10), Fraction(101, 10)
    assert [r.total for r in rows[-13:-10]] == [full, plain, full]


def test_a_column_mixing_percentages_and_plain_numbers_is_read_cell_by_cell(
    tmp_path: Path, reading: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """98.93% is stored as 0.9893 and a plain 96.5 as 96.5: each cell is read as
    it shows (the table was refused, as a column was read one way); a cell shown
    as a percentage for an indicator in 万元 fails its row, at that cell; the
    column-wise path reads such rows the exact way."""
    wb = Workbook()
    ws = wb.active
    ws.append(["entity", "rate", "money"])
    ws.append(["a", 0.9893, 0.5])
    ws.append(["b", 96.5, 1])
    ws.append(["c", "=0.5", 1])
    ws.cell(2, 2).number_format = "0.00%"
    ws.cell(4, 2).number_format = "0.00%"
    ws.cell(2, 3).number_format = "0%"  # C3 is plain too: B3 comes first
    wb.save(tmp_path / "unsaved.xlsx")
    # the formula's value saved, as Excel saves it
    saved = _sheet(lambda d: d.replace(b"<f>0.5</f><v />", b"<f>0.5</f><v>0.5</v>"))
    path = _rewrite(tmp_path / "unsaved.xlsx", tmp_path / "mixed.xlsx", saved)
    assert _values_read(path) is (reading == "with its values")
    spec = compile_spec(load_text(SPEC, "forms.yaml"))
    table = open_table(str(path), spec)
    assert (table.percent_columns, table.plain_cells) == ({2, 3}, {(3, 2), (3, 3), (4, 3)})
    rows = list(score_rows(spec, table))
    assert [r.errors for r in rows[:1]] == [
        (
            f"{path}:2:3: column 'money' (金额): '0.5' is formatted as a percentage, shown as "
            "50%, but the unit is '万元'; write the plain number, in a cell not so formatted",
        )
    ]
    assert [r.total for r in rows[1:]] == [Fraction("9.65"), Fraction(5)]  # 96.5, and 50%
    monkeypatch.setattr(xlsx, "TYPED_ROWS", 1)  # column-wise
    assert list(score_rows(spec, open_table(str(path), spec))) == rows


def _mixed_rates(tmp_path: Path) -> Path:
    """Rates of 98.93% and 50% (stored as fractions, formatted as percentages) in
    rows 2 and 4, and plain 96.5 and 97 in rows 3 and 5."""
    wb = Workbook()
    ws = wb.active
    ws.append(["entity", "rate", "money"])
    for row in (["a", 0.9893, 50000], ["b", 96.5, 50000], ["c", 0.5, 50000], ["d", 97, 50000]):
        ws.append(row)
    for r in (2, 4):
        ws.cell(r, 2).number_format = "0.00%"
    wb.save(tmp_path / "rates.xlsx")
    return tmp_path / "rates.xlsx"


@pytest.mark.parametrize(
    "form",
    [
        lambda d: d.replace(b'<c r="B3" t="n">', b'<c t="n" r="B3">'),
        lambda d: d.replace(b'<c r="B3" t="n">', b'<c t="n" r="b3">').replace(
            b'<c r="B5" t="n">', b'<c  r="B5" t="n">'
        ),
        lambda d: d.replace(b'<c r="B5" t="n">', b'<c s="0" t="n" r="B5">'),
    ],
    ids=["type first", "lower case, two spaces", "style first"],
)
def test_a_plain_number_whose_reference_is_not_first_is_not_read_as_a_percentage(
    tmp_path: Path, reading: str, form: Callable[[bytes], bytes]
) -> None:
    """A plain 96.5 among a column's percentages whose tag writes its reference
    elsewhere than first (valid XML) was taken for a percentage: 9650%, and the
    row scored full marks. It is read as it shows, as in the usual form."""
    usual = _mixed_rates(tmp_path)
    other = _rewrite(usual, tmp_path / "other.xlsx", _sheet(form))
    with zipfile.ZipFile(other) as z:
        assert z.read(SHEET) != zipfile.ZipFile(usual).read(SHEET)
    spec = compile_spec(load_text(SPEC, "forms.yaml"))
    totals = []
    for path in (usual, other):
        table = open_table(str(path), spec)
        assert table.plain_cells == {(3, 2), (5, 2)}
        totals.append([r.total for r in score_rows(spec, table)])
    assert totals[1] == totals[0]
    assert totals[0] == [Fraction("19.89"), Fraction("19.65"), Fraction(15), Fraction("19.7")]


@pytest.mark.parametrize(
    "form",
    [
        lambda d: d.replace(b'<c r="B3" t="n">', b'<c t="n">'),
        lambda d: d.replace(b'<c r="B5" t="n">', b"<c>").replace(b'<c r="C3" t="n">', b"<c>"),
        lambda d: d.replace(
            b'<c r="A3" t="inlineStr"><is><t>b</t></is></c>', b'<c t="str"><v>b</v></c>'
        ),
        lambda d: d.replace(b'<row r="3">', b"<row>").replace(b'<c r="A3" ', b"<c "),
    ],
    ids=["plain rate", "no attribute", "text", "row and cell"],
)
def test_cells_without_a_reference_are_placed_as_readers_place_them(
    tmp_path: Path, reading: str, form: Callable[[bytes], bytes]
) -> None:
    """A cell with no reference is the one after the cell before it in its row
    (a row with none, the one after the row before it): a plain 96.5 so written
    among a column's percentages is read as 96.5, and a sheet whose other cells
    lack one is read as before."""
    path = _rewrite(_mixed_rates(tmp_path), tmp_path / "unplaced.xlsx", _sheet(form))
    spec = compile_spec(load_text(SPEC, "forms.yaml"))
    table = open_table(str(path), spec)
    assert table.plain_cells == {(3, 2), (5, 2)}
    totals = [r.total for r in score_rows(spec, table)]
    assert totals == [Fraction("19.89"), Fraction("19.65"), Fraction(15), Fraction("19.7")]


def test_a_cell_without_a_style_is_no_percentage_whatever_style_0_shows(
    tmp_path: Path, reading: str
) -> None:
    """A workbook whose Normal style (style 0) was made a percentage: its cells
    without a style are read as the numbers stored, on either path (the reader
    of values leaves such a sheet to calamine, as one whose style 0 is a date),
    as before; the scan of styles written out finds no percentage column."""
    wb = Workbook()
    ws = wb.active
    ws.append(["entity", "rate", "money"])
    ws.append(["a", 95, 50000])
    wb.save(tmp_path / "plain.xlsx")
    normal = re.compile(rb'(<cellXfs count="1"><xf) numFmtId="0"')

    def percent_normal(name: str, data: bytes) -> bytes:
        return normal.sub(rb'\1 numFmtId="10"', data) if name == "xl/styles.xml" else data

    path = _rewrite(tmp_path / "plain.xlsx", tmp_path / "normal.xlsx", percent_normal)
    with zipfile.ZipFile(path) as z:
        assert b'<cellXfs count="1"><xf numFmtId="10"' in z.read("xl/styles.xml")
    assert not _values_read(path)
    spec = compile_spec(load_text(SPEC, "forms.yaml"))
    table = open_table(str(path), spec)
    assert table.percent_columns == set()
    assert [r.total for r in score_rows(spec, table)] == [Fraction(195, 10)]


def test_a_formula_shown_as_a_percentage_is_a_percentage(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["entity", "rate", "money"])
    ws.append(["a", "=0.9893", 50000])
    ws.cell(2, 2).number_format = "0.00%"
    path = tmp_path / "formula.xlsx"
    wb.save(path)
    # openpyxl writes no saved value: give the formula one, as Excel would
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts[SHEET] = re.sub(rb"(<f>0\.9893</f>)(<v\s*/>|<v></v>)?", rb"\1<v>0.9893</v>", parts[SHEET])
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    spec = compile_spec(load_text(SPEC, "forms.yaml"))
    table = open_table(str(path), spec)
    assert table.percent_columns == {2}
    (row,) = score_rows(spec, table)
    assert row.total == Fraction("9.89") + 10


def test_no_part_is_unpacked_before_every_part_size_is_checked(tmp_path: Path) -> None:
    # workbook.xml was read (and parsed) to find the sheet before the sizes were
    # checked: a 600 KB file took 1.3 GB before it was refused as a zip bomb
    import tracemalloc

    bomb = b" " * (xlsx.PACKED_FROM + 1024)

    def pad(name: str, data: bytes) -> bytes:
        return (
            data.replace(b"<workbook", bomb + b"<workbook", 1)
            if name == "xl/workbook.xml"
            else data
        )

    table = _rewrite(_workbook(tmp_path / "w.xlsx"), tmp_path / "t.xlsx", pad)
    tracemalloc.start()
    try:
        with pytest.raises(LoadError) as e:
            xlsx.xlsx_rows(table, "t.xlsx", None)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(e.value).startswith("t.xlsx: xl/workbook.xml unpacks to 67110440 bytes from ")
    assert peak < xlsx.PACKED_FROM // 4, peak  # nothing of that size was read


def test_percentages_under_a_prefix_are_read_as_percentages(
    tmp_path: Path, spec_file: Path
) -> None:
    # the Open XML SDK writes every element under a prefix (<x:c r="B2" s="1">): the
    # scans named the elements unprefixed, and 95% was read as the 0.95 stored
    wb = Workbook()
    ws = wb.active
    ws.append(["entity", "rate", "money"])
    for i in range(3):
        ws.append([f"e{i}", 0.95, 50000])
        ws.cell(i + 2, 2).number_format = "0.00%"
    wb.save(tmp_path / "p.xlsx")

    def prefixed(data: bytes) -> bytes:
        data = data.replace(b"<worksheet xmlns=", b"<x:worksheet xmlns:x=", 1)
        data = re.sub(rb"<(/?)(?![x?]:|\?)([A-Za-z]+)", rb"<\1x:\2", data)
        return data.replace(b"<x:x:", b"<x:").replace(b"</x:x:", b"</x:")

    table = _rewrite(tmp_path / "p.xlsx", tmp_path / "px.xlsx", _sheet(prefixed))
    assert b"<x:c " in zipfile.ZipFile(table).read(SHEET)
    spec = compile_spec(load_text(spec_file.read_text("utf-8"), "forms.yaml"))
    rows = list(score_rows(spec, open_table(str(table), spec)))
    assert [r.errors for r in rows] == [(), (), ()]
    assert {r.total for r in rows} == {Fraction(195, 10)}  # 9.50 + 10


def _percent_workbook(tmp_path: Path, rate: object = 0.95) -> Path:
    """Three rows whose rate is 95% (stored as 0.95, formatted as a percentage),
    and a fourth row's rate ``rate`` formatted alike."""
    wb = Workbook()
    ws = wb.active
    ws.append(["entity", "rate", "money"])
    for i in range(4):
        ws.append([f"e{i}", 0.95 if i < 3 else rate, 50000])
        ws.cell(i + 2, 2).number_format = "0.00%"
    wb.save(tmp_path / "p.xlsx")
    return tmp_path / "p.xlsx"


@pytest.mark.parametrize(
    ("form", "tag"),
    [
        (lambda d: re.sub(rb'<c r="(B[0-9]+)"', rb'<c\tr="\1"', d), '<c\\x09r="B2" s="1" t="n">'),
        (lambda d: re.sub(rb'<c r="(B[0-9]+)"', rb'<c  r="\1"', d), '<c  r="B2" s="1" t="n">'),
        (
            lambda d: re.sub(rb'<c r="(B[0-9]+)" s="([0-9]+)"', rb'<c s="\2" r="\1"', d),
            '<c s="1" r="B2" t="n">',
        ),
        (lambda d: re.sub(rb'(<c r="B[0-9]+") s="([0-9]+)"', rb'\1 s="0\2"', d), 's="01"'),
        (lambda d: re.sub(rb'(<c r="B[0-9]+") s="1"', rb'\1 s="&#49;"', d), 's="&#49;"'),
    ],
    ids=["tab", "two spaces", "style first", "style 01", "style as an entity"],
)
def test_a_percentage_cell_written_in_an_unusual_form_is_refused_not_read_as_a_fraction(
    tmp_path: Path, form: Callable[[bytes], bytes], tag: str
) -> None:
    """The scan for percentages reads the form writers write (<c r="B2" s="1">);
    95% in any other form was read as the 0.95 stored, a hundredfold too small."""
    table = _rewrite(_percent_workbook(tmp_path), tmp_path / "odd.xlsx", _sheet(form))
    spec = compile_spec(load_text(SPEC, "forms.yaml"))
    with pytest.raises(LoadError) as e:
        open_table(str(table), spec)
    assert str(e.value) == (
        f"{table}: a cell of a sheet with percentage formats is written in a form not checked "
        f"before reading (its reference not first, or its style not a plain number): {tag}; "
        "save the workbook again from Excel, or as CSV"
    )


def test_references_in_lower_case_are_read_with_their_percentages(tmp_path: Path) -> None:
    lower = _sheet(
        lambda d: re.sub(
            rb'<c r="([A-Z]+)([0-9]+)"',
            lambda m: b'<c r="' + m.group(1).lower() + m.group(2) + b'"',
            d,
        )
    )
    table = _rewrite(_percent_workbook(tmp_path), tmp_path / "lower.xlsx", lower)
    spec = compile_spec(load_text(SPEC, "forms.yaml"))
    rows = list(score_rows(spec, open_table(str(table), spec)))
    assert [r.total for r in rows] == [Fraction(195, 10)] * 4  # 9.50 + 10
    mixed = _rewrite(_percent_workbook(tmp_path, 96.5), tmp_path / "mixed.xlsx", lower)
    with zipfile.ZipFile(mixed) as z:  # the fourth row's rate shown plain
        sheet = z.read(SHEET)
    assert b'r="b5" s="1"' in sheet
    plain = _rewrite(
        mixed, tmp_path / "plain.xlsx", _sheet(lambda d: d.replace(b'r="b5" s="1"', b'r="b5"'))
    )
    read = open_table(str(plain), spec)
    assert (read.percent_columns, read.plain_cells) == ({2}, {(5, 2)})  # b5, found as B5
    assert [r.total for r in score_rows(spec, read)][-1] == Fraction(1965, 100)  # 96.5 as is


@given(
    st.binary(max_size=80).map(lambda b: bytes(b"<aaaaaaa"[x % 8] for x in b)),
    st.integers(0, 30),
    st.integers(1, 24),
)
def test_a_text_too_long_is_found_as_by_splitting_at_every_tag(
    chunk: bytes, run: int, limit: int
) -> None:
    """The check looks at stretches of the chunk rather than at every ``<``: the
    same answer as splitting it at each ``<``, and the same run carried on."""
    from engine.batch.xlsx import _over_long

    pieces = chunk.split(b"<")
    longest = max([run + len(pieces[0]), *map(len, pieces[1:])])
    last = len(pieces[-1]) if len(pieces) > 1 else run + len(pieces[0])
    assert _over_long(chunk, run, limit) == (longest > limit, last)


@pytest.mark.parametrize(("blank", "rows"), [(1, 3), (2, 3), (1, 3000)])
def test_a_header_below_empty_rows_is_told_at_its_row(
    tmp_path: Path, blank: int, rows: int
) -> None:
    """Row 1 empty, the header in row 2: "the sheet is empty" (a CSV so laid out
    is told its header is below). Small sheets and large (read another way)."""
    wb = Workbook()
    for _ in range(blank):
        wb.active.append([None])
    wb.active.append(["entity", "rate", "money"])
    for k in range(rows):
        wb.active.append([f"u{k}", 95, 50000])
    path = tmp_path / "below.xlsx"
    wb.save(path)
    header = blank + 1
    above = (
        "row 1 is empty, and the header must be the first row; if row 2 is the header, "
        "delete the empty row above it"
        if blank == 1
        else f"rows 1 to {blank} are empty, and the header must be the first row; if row "
        f"{header} is the header, delete the {blank} empty rows above it"
    )
    assert _refusal(path) == f"{path}:{header}:1: {above}"


def test_a_hidden_sheet_is_named_where_the_shown_one_holds_no_known_column(
    tmp_path: Path,
) -> None:
    """The data on a hidden first sheet behind a cover sheet: the cover was read and
    refused, the hidden sheet unsaid."""
    wb = Workbook()
    data = wb.active
    data.title = "数据"
    data.append(["entity", "rate", "money"])
    data.append(["a", 95, 50000])
    data.sheet_state = "hidden"
    wb.create_sheet("封面").append(["2024年度绩效自评汇总"])
    path = tmp_path / "cover.xlsx"
    wb.save(path)
    from engine.base.errors import ErrorList

    spec = compile_spec(load_text(SPEC, "forms.yaml"))
    with pytest.raises(ErrorList) as e:
        open_table(str(path), spec)
    assert str(e.value) == (
        f"{path}:1:1: no known column on the first sheet '封面'; if the data are on another "
        "sheet, give --sheet NAME (sheets: 数据 (hidden), 封面)"
    )


def test_an_empty_first_sheet_names_the_workbook_s_other_sheets(tmp_path: Path) -> None:
    """A workbook whose first sheet is empty (the data on the second, as a 说明
    sheet pushed aside): the message names the other sheets and --sheet."""
    wb = Workbook()
    wb.active.title = "Sheet1"
    ws = wb.create_sheet("汇总")
    ws.append(["entity", "rate", "money"])
    ws.append(["a", 95, 50000])
    path = tmp_path / "two.xlsx"
    wb.save(path)
    assert _refusal(path) == (
        f"{path}:1:1: the sheet is empty; the first row must name the columns (entity, then "
        "indicator ids); the workbook's other sheets: 汇总 (choose one with --sheet NAME)"
    )
    spec = compile_spec(load_text(SPEC, "forms.yaml"))
    rows = list(score_rows(spec, open_table(str(path), spec, sheet="汇总")))
    assert [r.total for r in rows] == [Fraction(195, 10)]


@pytest.mark.parametrize(
    ("merges", "told"),
    [
        (
            ["A1:C1"],
            "{p}:1:1: row 1 is a title merged across A1:C1, above the header; delete the "
            "title's rows (and any other above the header), so that the header is the first row",
        ),
        (
            ["A1:C2"],
            "{p}:1:1: row 1 is a title merged across A1:C2, above the header; delete the "
            "title's rows (and any other above the header), so that the header is the first row",
        ),
        (
            ["B1:C1"],
            "{p}:1:2: cells B1:C1 of the header are merged; each column is named in its own "
            "cell: unmerge them and give each column its name",
        ),
        (
            ["B1:C1", "A1:A2"],
            "{p}:1:1: the header is written over more than one row (cells A1:A2, B1:C1 are "
            "merged); the header is one row naming each column by its indicator or input: "
            "unmerge the cells, give every column its name in one row, and delete the other",
        ),
        (
            ["B2:B3"],
            "{p}:2:2: cells B2:B3 are merged: their value is read in the first cell only, and "
            "the others read as empty; unmerge them and fill each cell",
        ),
        (
            [f"C{r}:C{r + 1}" for r in range(30, 2, -2)] + ["B2:B3"],
            "{p}:2:2: 15 ranges of cells are merged (B2:B3, C4:C5, C6:C7, C8:C9, C10:C11, "
            "C12:C13, C14:C15, C16:C17, C18:C19, C20:C21 and 5 more): each one's value is read "
            "in its first cell only, and the others read as empty; unmerge them and fill each "
            "cell",
        ),
        (
            ["A32:C32"],
            "{p}:32:1: row 32, below the table, is merged across the sheet (A32:C32): a note, "
            "not an entity's row; delete it, or move the note to another sheet",
        ),
        (
            ["A32:C32", "A33:C33"],
            "{p}:32:1: rows 32, 33, below the table, are merged across the sheet (A32:C32, "
            "A33:C33): notes, not entities' rows; delete them, or move the notes to another "
            "sheet",
        ),
    ],
    ids=[
        "title",
        "title-over-two-rows",
        "header-cells",
        "header-over-two-rows",
        "one",
        "many",
        "a note below",
        "two notes below",
    ],
)
def test_merged_cells_are_told_at_once_and_by_what_they_likely_are(
    tmp_path: Path, merges: list[str], told: str
) -> None:
    """Every merged range at once (it was one a run), the first ten named; a
    title across row 1, and a header over two rows, told what to do; a 注：row
    merged across the sheet below the table (every bureau's table ends in one)
    was told to be unmerged and each of its cells filled."""
    wb = Workbook()
    ws = wb.active
    ws.append(["entity", "rate", "money"])
    for k in range(30):
        ws.append([f"e{k}", 95, 50000])
    for _note in range(sum(ref.startswith("A3") for ref in merges)):
        ws.append(["注：金额单位为万元"])
    for ref in merges:
        ws.merge_cells(ref)
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    spec = compile_spec(load_text(SPEC, "forms.yaml"))
    with pytest.raises(LoadError) as e:
        open_table(str(path), spec)
    assert str(e.value) == told.format(p=path)


def test_cells_merged_in_a_column_not_read_are_left_as_they_are(tmp_path: Path) -> None:
    """A department's name merged down a column the spec does not name (its header
    empty, or 主管部门) refused the workbook; merged in a column read, it still is."""
    wb = Workbook()
    ws = wb.active
    ws.append(["主管部门", "entity", "rate", "money", None])
    for k in range(6):
        ws.append(["县教育局" if k % 3 == 0 else None, f"e{k}", 95, 50000, "x" if k == 0 else None])
    for ref in ("A2:A4", "A5:A7", "E2:E7"):
        ws.merge_cells(ref)
    path = tmp_path / "dept.xlsx"
    wb.save(path)
    spec = compile_spec(load_text(SPEC, "forms.yaml"))
    rows = list(score_rows(spec, open_table(str(path), spec)))
    assert [r.entity for r in rows] == [f"e{k}" for k in range(6)] and all(r.ok for r in rows)
    ws.merge_cells("C3:D4")  # a value read in one cell of four
    wb.save(path)
    assert _refusal(path) == (
        f"{path}:3:3: cells C3:D4 are merged: their value is read in the first cell only, and "
        "the others read as empty; unmerge them and fill each cell"
    )


def test_cells_merged_across_part_of_row_1_are_told_they_may_be_a_title(
    tmp_path: Path,
) -> None:
    """A1:D1 of a sheet ten columns wide: a title, or the header's cells (it was
    told to be unmerged and each column named, which leaves a title above the
    header); both are said."""
    wb = Workbook()
    ws = wb.active
    ws.append(["entity", "rate", "money", *(f"x{k}" for k in range(7))])
    ws.append(["e0", 95, 50000, *range(7)])
    ws.merge_cells("A1:D1")
    path = tmp_path / "title.xlsx"
    wb.save(path)
    assert _refusal(path) == (
        f"{path}:1:1: cells A1:D1 of row 1 are merged: if row 1 is a title above the header, "
        "delete it (and any other row above the header); else unmerge them and give each column "
        "its name"
    )


def test_too_many_plain_numbers_among_percentages_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plain numbers among a column's percentages are kept cell by cell, up to
    MIXED_CELLS of them; beyond, the table is refused at the first."""
    monkeypatch.setattr(xlsx, "MIXED_CELLS", 1)
    wb = Workbook()
    ws = wb.active
    ws.append(["entity", "rate", "money"])
    for k, rate in enumerate([0.95, 96.5, 97.5], start=2):
        ws.append([f"e{k}", rate, 50000])
    ws.cell(2, 2).number_format = "0.00%"
    path = tmp_path / "mostly-plain.xlsx"
    wb.save(path)
    assert _refusal(path) == (
        f"{path}:3:2: cell B3 is a plain number in a column whose other numbers are formatted "
        "as percentages, and over 1 such cells are; format each column alike (all as "
        "percentages, or none)"
    )
