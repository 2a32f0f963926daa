"""The sheet reader of engine.batch.xlsx_values against python-calamine: on any
sheet it reads, the very values calamine gives, at the 15 significant digits a
spreadsheet keeps (and the same columns for the column-wise path); a sheet in
any other form is left to calamine."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from engine.base.numbers import spreadsheet_number
from engine.batch import xlsx
from engine.batch.typed import GridPiece, Numbers, SheetPiece, Texts
from engine.batch.xlsx_survey import column_letters
from engine.batch.xlsx_values import Grid, sheet_reader

SHEET = "xl/worksheets/sheet1.xml"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SHARED_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
#: a cell style per number format: 0 General, 1 a percentage, 2 a date, 3 a
#: custom date, 4 a custom number with a colour
_STYLES = (
    f'<styleSheet xmlns="{_MAIN}"><numFmts count="2">'
    '<numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/>'
    '<numFmt numFmtId="165" formatCode="#,##0.00;[Red]-#,##0.00"/></numFmts>'
    '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills>'
    '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
    '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="10"/><xf numFmtId="14"/>'
    '<xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>'
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from openpyxl import Workbook

    path = tmp_path_factory.mktemp("template") / "plain.xlsx"
    Workbook().save(path)
    return path


def _workbook(
    template: Path, out: Path, rows: str, shared: list[str] | None = None, styles: str = ""
) -> Path:
    """A workbook of ``template``'s parts with the sheet's data ``rows`` (and
    shared strings, each written as given: ``<si>…</si>``'s inside)."""
    with zipfile.ZipFile(template) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == SHEET:
                sheet = f'<worksheet xmlns="{_MAIN}"><sheetData>{rows}</sheetData></worksheet>'
                data = sheet.encode("utf-8", "surrogateescape")
            elif info.filename == "xl/styles.xml":
                data = (styles or _STYLES).encode()
            elif shared is not None and info.filename == "xl/_rels/workbook.xml.rels":
                rel = f'<Relationship Id="rIdS" Type="{_SHARED_TYPE}" Target="sharedStrings.xml"/>'
                data = data.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            elif shared is not None and info.filename == "[Content_Types].xml":
                kind = (
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
                )
                part = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{kind}"/>'
                data = data.replace(b"</Types>", part.encode() + b"</Types>")
            zout.writestr(info, data)
        if shared is not None:
            items = "".join(f"<si>{s}</si>" for s in shared)
            zout.writestr("xl/sharedStrings.xml", f'<sst xmlns="{_MAIN}">{items}</sst>'.encode())
    return out


def _grid(path: Path) -> Grid | None:
    with zipfile.ZipFile(path) as z:
        reader = sheet_reader(z)
    if reader is None:
        return None
    xlsx._read_sheet(path, "t.xlsx", SHEET, set(), reader)
    return reader.grid()


def _calamine(path: Path) -> list[list[Any]] | None:
    """The sheet as calamine reads it; None where it refuses the workbook."""
    try:
        book = CalamineWorkbook.from_path(str(path))
        return book.get_sheet_by_name(book.sheet_names[0]).to_python(skip_empty_area=False)
    except Exception:
        return None


def _typed(rows: list[list[Any]]) -> list[list[tuple[type, str]]]:
    """Each cell's type and exact text (``repr``: -0.0 is not 0.0)."""
    return [[(type(c), repr(c)) for c in row] for row in rows]


def _same_columns(a: Numbers | Texts, b: Numbers | Texts) -> None:
    assert type(a) is type(b)
    if isinstance(a, Numbers) and isinstance(b, Numbers):
        assert a.values.tobytes() == b.values.tobytes()
        assert (a.filled == b.filled).all() and a.whole == b.whole and a.ints is b.ints is None
    elif isinstance(a, Texts) and isinstance(b, Texts):
        assert a.texts.to_pylist() == b.texts.to_pylist()
        assert (a.filled == b.filled).all()


def _same_as_calamine(path: Path) -> Grid | None:
    """The reader's values are calamine's, row by row and column by column (or
    it leaves the sheet); where calamine refuses the workbook, it leaves it too."""
    grid = _grid(path)
    values = _calamine(path)
    if grid is None:
        return None
    assert values is not None, "read a sheet calamine refuses"
    # calamine's numbers at the 15 significant digits a spreadsheet keeps
    values = [[spreadsheet_number(c) if type(c) is float else c for c in row] for row in values]
    assert _typed(grid.values()) == _typed(values)
    assert _typed([grid.first_row()] if values else []) == _typed(values[:1])
    if len(values) > 1:
        n = len(values) - 1
        piece = GridPiece(2, n, grid, {})
        before = SheetPiece(2, values[1:], {})
        table: Any = None  # the columns do not read the table
        for a, b in zip(piece.columns(table), before.columns(table), strict=True):
            _same_columns(a, b)
        for i in range(n):
            assert _typed([piece.cells(i)]) == _typed([before.cells(i)])
    return grid


# -- cells as a sheet may write them ---------------------------------------------------
_NUMBER_TEXTS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.integers(-(10**20), 10**20).map(str),
    st.sampled_from(
        [
            "1E3",
            "-0",
            ".5",
            "5.",
            "+5",
            "00.5",
            "1e400",
            "-1e-400",
            "4.9e-324",
            "0.98929999999999996",
        ]
    ),
    st.from_regex(r"-?[0-9]{1,20}(\.[0-9]{0,20})?([eE][-+]?[0-9]{1,3})?", fullmatch=True),
)
#: texts a number cell may hold that are not numbers (calamine reads them as text)
_NOT_NUMBERS = st.sampled_from(["1e", "inf", " 5", "--1", "1_0", "0x10", "NaN"])
_TEXTS = st.one_of(
    st.text(alphabet=st.sampled_from("ab 中文\t\n&<>\"'%,.0123456789　"), max_size=8),
    st.sampled_from(["", " ", "  a  ", "\n1", "a_x000D_b", "x\ry", "単位"]),
)


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def _cell(draw: Any, ref: str, shared: list[str]) -> str:
    kind = draw(
        st.sampled_from(
            [
                *("number", "number", "typed", "inline", "kept", "shared", "empty", "open"),
                *("formula", "shared-formula", "bool", "error", "str", "odd-number"),
                *("styled", "dated"),
            ]
        )
    )
    style = draw(st.sampled_from(["", ' s="0"', ' s="4"']))
    if kind == "number":
        return f'<c r="{ref}"{style}><v>{draw(_NUMBER_TEXTS)}</v></c>'
    if kind == "typed":
        return f'<c r="{ref}"{style} t="n"><v>{draw(_NUMBER_TEXTS)}</v></c>'
    if kind == "odd-number":
        return f'<c r="{ref}"><v>{draw(_NOT_NUMBERS)}</v></c>'
    if kind in ("inline", "kept"):
        space = ' xml:space="preserve"' if kind == "kept" else ""
        text = _escaped(draw(_TEXTS))
        return f'<c r="{ref}" t="inlineStr"><is><t{space}>{text}</t></is></c>'
    if kind == "shared":
        return f'<c r="{ref}" t="s"><v>{draw(st.integers(0, len(shared)))}</v></c>'
    if kind == "empty":
        return f'<c r="{ref}"{style}/>'
    if kind == "open":
        return f'<c r="{ref}"{style}></c>'
    if kind == "formula":
        return f'<c r="{ref}"><f>1+1</f><v>{draw(_NUMBER_TEXTS)}</v></c>'
    if kind == "shared-formula":
        return f'<c r="{ref}"><f t="shared" si="0"/><v>2</v></c>'
    if kind == "bool":
        return f'<c r="{ref}" t="b"><v>1</v></c>'
    if kind == "error":
        return f'<c r="{ref}" t="e"><v>#DIV/0!</v></c>'
    if kind == "str":
        return f'<c r="{ref}" t="str"><f>"a"</f><v>a</v></c>'
    if kind == "styled":
        return f'<c r="{ref}" s="1"><v>{draw(_NUMBER_TEXTS)}</v></c>'
    return f'<c r="{ref}" s="{draw(st.sampled_from(["2", "3"]))}"><v>45000</v></c>'


@st.composite
def _sheets(draw: Any) -> tuple[str, list[str]]:
    shared = [
        f"<t>{_escaped(t)}</t>"
        if draw(st.booleans())
        else f'<t xml:space="preserve">{_escaped(t)}</t>'
        for t in draw(st.lists(_TEXTS, max_size=4))
    ]
    rows = []
    row = 0
    for _ in range(draw(st.integers(1, 6))):
        row += draw(st.integers(1, 3))
        columns = sorted(draw(st.sets(st.integers(1, 6), min_size=0, max_size=5)))
        cells = "".join(draw(_cell(f"{column_letters(c)}{row}", shared)) for c in columns)
        rows.append(f'<row r="{row}">{cells}</row>' if cells else f'<row r="{row}"/>')
    return "".join(rows), shared


@settings(deadline=None, max_examples=300)
@given(_sheets(), st.booleans())
def test_the_reader_gives_what_calamine_gives_or_leaves_the_sheet(
    template: Path,
    tmp_path_factory: pytest.TempPathFactory,
    sheet: tuple[str, list[str]],
    with_shared: bool,
) -> None:
    rows, shared = sheet
    path = tmp_path_factory.mktemp("v") / "t.xlsx"
    _workbook(template, path, rows, shared if with_shared else None)
    _same_as_calamine(path)


@settings(deadline=None, max_examples=100)
@given(
    st.lists(
        st.lists(
            st.one_of(
                _NUMBER_TEXTS.map(lambda t: ("n", t)),
                _TEXTS.filter(lambda t: "\r" not in t and "_x" not in t).map(lambda t: ("s", t)),
                st.none(),
            ),
            min_size=1,
            max_size=5,
        ),
        min_size=1,
        max_size=8,
    )
)
def test_sheets_as_spreadsheets_write_them_are_read(
    template: Path,
    tmp_path_factory: pytest.TempPathFactory,
    table: list[list[tuple[str, str] | None]],
) -> None:
    """Numbers, shared and inline strings, empty cells: the reader reads them
    (it does not leave them to calamine), as calamine does."""
    shared: list[str] = []
    rows = []
    for r, cells in enumerate(table, 1):
        out = []
        for c, cell in enumerate(cells, 1):
            ref = f"{column_letters(c)}{r}"
            if cell is None:
                out.append(f'<c r="{ref}" s="0"/>')
            elif cell[0] == "n":
                out.append(f'<c r="{ref}"><v>{cell[1]}</v></c>')
            elif c % 2:
                shared.append(f"<t>{_escaped(cell[1])}</t>")
                out.append(f'<c r="{ref}" t="s"><v>{len(shared) - 1}</v></c>')
            else:
                out.append(f'<c r="{ref}" t="inlineStr"><is><t>{_escaped(cell[1])}</t></is></c>')
        rows.append(f'<row r="{r}">{"".join(out)}</row>')
    path = tmp_path_factory.mktemp("w") / "t.xlsx"
    _workbook(template, path, "".join(rows), shared)
    assert _same_as_calamine(path) is not None


@pytest.mark.parametrize(
    ("rows", "shared"),
    [
        ('<row r="1"><c r="A1" t="b"><v>1</v></c></row>', None),  # a boolean
        ('<row r="1"><c r="A1" s="2"><v>45000</v></c></row>', None),  # a date
        ('<row r="1"><c r="A1" s="3"><v>45000</v></c></row>', None),  # a custom date
        ('<row r="1"><c r="A1"><v>inf</v></c></row>', None),  # calamine: a number
        ('<row r="1"><c r="A1"><v>1e</v></c></row>', None),  # calamine: a text
        ('<row r="1"><c r="A1" t="inlineStr"><is><t>a&#13;</t></is></c></row>', None),
        ('<row r="1"><c r="A1" t="inlineStr"><is><r><t>a</t></r></is></c></row>', None),
        ('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', ["<r><t>a</t></r>"]),  # rich text
        ('<row r="1"><c r="A1" t="s"><v>1</v></c></row>', ["<t>a</t>"]),  # no such string
        ('<row r="1">\n  <c r="A1"><v>1</v></c>\n</row>', None),  # white space: fine
        ('<row r="1"><c r="A1"> <v>1</v></c></row>', None),  # in a cell: left
        ('<row r="1"><c r="A1"><v>1</v></c>', None),  # a row not closed
        ('<c r="A1"><v>1</v></c>', None),  # a cell outside a row
        ('<row r="1"><c r="A1"><v>1</v></c><x/></row>', None),  # another tag
        ('<row r="1"><c r="A1"\tt="s"><v>0</v></c></row>', ["<t>a</t>"]),  # a tab
        ('<row r="1"><c r="A1"\nt="b"><v>1</v></c></row>', None),  # a line break
        ('<row r="1"><c r="A1"t="s"><v>0</v></c></row>', ["<t>a</t>"]),  # no space
        ('<row r="1"><c r="A1"- t="s"><v>0</v></c></row>', ["<t>a</t>"]),  # junk
        ('<row r="1"><c r="A1" t="s" s="0"><v>0</v></c></row>', ["<t>a</t>"]),  # order
        ('<row r="1"><c r="A1" s="+2"><v>45000</v></c></row>', None),  # style form
        ('<row r="1"><c r="A1" s="02"><v>45000</v></c></row>', None),
        ('<row r="1"><c r="A1" foo><v>1</v></c></row>', None),  # no value
        ('<row r="1"><c r="A1"><foo/><v>1</v></c></row>', None),  # not a formula
        ('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f/><is/></c></row>', None),
        ('<row r="1"><c r="A1"><f>1</><v>1</v></c></row>', None),
        ('<row r="1" foo><c r="A1"><v>1</v></c></row>', None),  # a row's attribute
        ('<row r="x"><c r="A1"><v>1</v></c></row>', None),  # a row's number
        ('<row r="1">&<c r="A1"><v>1</v></c></row>', None),  # a bare "&"
        ('<row r="1">\udcff<c r="A1"><v>1</v></c></row>', None),  # not UTF-8 (0xff)
        ('<row r="1"><c r="A1"><f>A2&amp;"x"</f><v>1</v></c></row>', None),  # fine
        ('<row r="1"><c r="A1"><f>x/><v>2</v></c></row>', None),  # a formula not closed
        ('<row r="1"><c r="A1"><f/></f><v>2</v></c></row>', None),  # closed twice
        ('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f>x/></c></row>', None),
    ],
    ids=[
        "boolean",
        "date",
        "custom-date",
        "inf",
        "not-a-number",
        "character-reference",
        "rich-inline",
        "rich-shared",
        "missing-shared",
        "spaced-rows",
        "spaced-cell",
        "open-row",
        "rowless-cell",
        "other-tag",
        "tab-before-type",
        "line-break-before-type",
        "no-space-before-type",
        "junk-before-type",
        "type-before-style",
        "style-with-sign",
        "style-with-leading-zero",
        "attribute-without-value",
        "other-element-in-cell",
        "empty-inline-string-without-type",
        "formula-closed-otherwise",
        "row-attribute-without-value",
        "row-number-not-a-number",
        "bare-ampersand",
        "not-utf-8",
        "formula-with-entity",
        "formula-not-closed",
        "formula-closed-twice",
        "formula-alone-not-closed",
    ],
)
def test_other_forms_are_left_to_calamine(
    template: Path, tmp_path: Path, rows: str, shared: list[str] | None
) -> None:
    path = _workbook(template, tmp_path / "t.xlsx", rows, shared)
    grid = _same_as_calamine(path)
    read = rows.startswith('<row r="1">\n') or "&amp;" in rows
    assert (grid is not None) == read


def test_a_large_sheet_is_read_in_pieces_as_calamine_reads_it(
    template: Path, tmp_path: Path
) -> None:
    """Over 8 MB of XML (several pieces, cut anywhere before a cell): the same
    values as calamine, and the column-wise pieces of the batch."""
    rng = np.random.default_rng(5)
    rows = []
    for r in range(1, 40_001):
        numbers = (rng.integers(-(10**6), 10**6, size=6) / 100).tolist()
        cells = "".join(
            f'<c r="{column_letters(c)}{r}"><v>{x!r}</v></c>' for c, x in enumerate(numbers, 2)
        )
        rows.append(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>e{r}</t></is></c>{cells}</row>')
    path = _workbook(template, tmp_path / "t.xlsx", "".join(rows))
    with zipfile.ZipFile(path) as z:
        assert z.getinfo(SHEET).file_size > 2 * xlsx._STEP
    assert _same_as_calamine(path) is not None


def test_a_small_csv_batch_imports_neither_numpy_nor_the_sheet_reader(tmp_path: Path) -> None:
    """Small tables are scored without numpy (decisions §17): reading CSV does
    not import the sheet reader, which needs it."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    code = (
        "import sys\n"
        "from engine.cli import main\n"
        "try:\n"
        f"    main(['batch', {str(root / 'specs/gz-dept-overall-2021.yaml')!r}, "
        f"{str(root / 'examples/docs/units.csv')!r}, '-o', {str(tmp_path / 'out.csv')!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('numpy' in sys.modules, 'engine.batch.xlsx_values' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert done.stdout.split()[-2:] == ["False", "False"], done.stderr[-2000:]
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").startswith("row,entity,")


@pytest.mark.parametrize(
    "styles",
    [
        # the styles not in the main namespace: calamine reads elements by name
        _STYLES.replace(f' xmlns="{_MAIN}"', ""),
        _STYLES.replace(_MAIN, "http://purl.oclc.org/ooxml/spreadsheetml/main"),
        # two lists of cell styles: calamine counts on through the second
        _STYLES.replace("</cellXfs>", '</cellXfs><cellXfs count="1"><xf numFmtId="14"/></cellXfs>'),
        # a time of day (a/p)
        _STYLES.replace('<xf numFmtId="164"/>', '<xf numFmtId="166"/>').replace(
            "</numFmts>", '<numFmt numFmtId="166" formatCode="h a/p"/></numFmts>'
        ),
    ],
    ids=["no-namespace", "strict-namespace", "two-lists", "am-pm"],
)
def test_a_number_styled_as_a_date_is_left_to_calamine(
    template: Path, tmp_path: Path, styles: str
) -> None:
    rows = '<row r="1"><c r="A1" s="3"><v>45000</v></c><c r="B1" s="5"><v>45000</v></c></row>'
    path = _workbook(template, tmp_path / "t.xlsx", rows, None, styles)
    assert _same_as_calamine(path) is None


@pytest.mark.parametrize(
    ("code", "date"),
    [
        ("General", False),
        ("General/", True),  # calamine reads "a" then "/" as a.m./p.m.
        ("0.00", False),
        ("#,##0.00", False),
        ('#,##0.00"元"', False),
        ("[$¥-804]#,##0.00", False),
        ("0.00E+00", False),
        ("@", False),
        ("[Red]0.00", False),
        ("#,##0;[Red]-#,##0", False),
        ("[>100]0", False),
        ("0%", False),
        ("yyyy/m/d", True),
        ('yyyy"年"m"月"', True),
        ("[h]:mm", True),
        ("mm:ss", True),
        ("h a/p", True),
        ("0 a/p", True),
        ('_"d"', True),
        ("[[h]]", True),
        ("[$-F800]dddd", True),
        ("上午/下午h", True),
        ('0"d"', True),  # in doubt, yes
        ("[DBNum1]", True),
    ],
)
def test_formats_that_may_show_a_date(code: str, date: bool) -> None:
    from engine.base.numfmt import shows_date

    assert shows_date(code) is date


def _sheet_xml(rows: str, head: str = "") -> str:
    return f'<worksheet xmlns="{_MAIN}">{head}<sheetData>{rows}</sheetData></worksheet>'


def _with_parts(template: Path, out: Path, parts: dict[str, bytes]) -> Path:
    """``template`` with parts replaced or added (a None value: left out)."""
    with zipfile.ZipFile(template) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            if info.filename not in parts:
                zout.writestr(info, zin.read(info.filename))
        for name, data in parts.items():
            zout.writestr(name, data)
    return out


_ROW = '<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="s"><v>0</v></c></row>'
_RELS_SHARED = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rIdS" Type="{_SHARED_TYPE}" Target="sharedStrings.xml"/>'
    "</Relationships>"
)


@pytest.mark.parametrize(
    ("parts", "read"),
    [
        # Excel: a line break after the declaration, and a phonetic note in each string
        (
            {
                "xl/sharedStrings.xml": (
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
                    f'<sst xmlns="{_MAIN}"><si><t>甲</t><phoneticPr fontId="1" '
                    'type="noConversion"/></si></sst>'
                )
            },
            True,
        ),
        # UTF-8 bytes that the declaration says are Latin-1: calamine reads UTF-8
        (
            {
                "xl/sharedStrings.xml": (
                    '<?xml version="1.0" encoding="ISO-8859-1"?>'
                    f'<sst xmlns="{_MAIN}"><si><t>甲</t></si></sst>'
                )
            },
            False,
        ),
        (
            {
                "xl/sharedStrings.xml": (
                    '<?xml version="1.0" encoding="UTF-8t"?>'
                    f'<sst xmlns="{_MAIN}"><si><t>a</t></si></sst>'
                )
            },
            False,
        ),
        # two dimensions, one calamine refuses; a sheetData under a prefix first
        ({SHEET: _sheet_xml(_ROW, '<dimension ref="A1:B1"/><dimension ref="A0"/>')}, False),
        ({SHEET: _sheet_xml(_ROW, '<q:sheetData xmlns:q="urn:q"/>')}, False),
        ({SHEET: _sheet_xml(_ROW, '<dimension ref="A1:B1" />')}, True),
        # two styles parts whose names differ in case: which one calamine reads, unsaid
        ({"xl/Styles.xml": _STYLES}, False),
    ],
    ids=[
        "excel-shared-strings",
        "declared-latin-1",
        "unknown-encoding",
        "two-dimensions",
        "prefixed-sheet-data",
        "dimension",
        "part-name-case",
    ],
)
def test_workbook_parts_as_calamine_reads_them(
    template: Path, tmp_path: Path, parts: dict[str, str], read: bool
) -> None:
    data = {SHEET: _sheet_xml(_ROW), "xl/_rels/workbook.xml.rels": _RELS_SHARED, **parts}
    data.setdefault("xl/sharedStrings.xml", f'<sst xmlns="{_MAIN}"><si><t>a</t></si></sst>')
    encoded = {name: text.encode() for name, text in data.items()}
    path = _with_parts(template, tmp_path / "t.xlsx", encoded)
    if "xl/Styles.xml" in encoded:
        with zipfile.ZipFile(path) as z:
            assert "xl/styles.xml" in z.namelist()  # both: the names differ in case
    assert (_same_as_calamine(path) is not None) is read
