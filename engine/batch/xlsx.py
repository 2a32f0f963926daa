"""XLSX tables, read with python-calamine (a Rust reader: no Python object per
cell until a row is handed over), after a check of the workbook's parts.

What the sheet holds is read, never what its ``<dimension>`` claims. Before the
reader runs, every XML part is checked: its uncompressed size (a sheet is capped
as a CSV file is), no DTD (``<!DOCTYPE``, entities), and no cell text longer than
a CSV cell may be. The sheet's XML is also scanned for what the values alone do
not say: cells formatted as percentages (Excel shows 0.9893 as 98.93%) and
formulas with no saved value. Every malformed workbook gets a one-line message.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from ..base.errors import LoadError, UsageError, did_you_mean
from ..base.files import opened_by_name
from ..base.i18n import _, option_given
from ..base.numbers import spreadsheet_number
from ..base.numfmt import shows_percent
from ..base.records import record
from .xlsx_survey import (
    Survey,
    UnreadCell,
    check_survey,
    column_letters,
    column_number,
    merged_read,
    sheet_prefix,
    survey,
)

if TYPE_CHECKING:
    from .xlsx_values import Grid, SheetReader

#: largest uncompressed XML part (a sheet, the shared strings) of a workbook
MAX_PART_BYTES = 2 * 1024**3
#: a part over PACKED_FROM bytes unpacked may unpack to at most MAX_RATIO times its
#: packed size: a sheet of real data packs about 10 times, a zip bomb a thousand
MAX_RATIO = 100
PACKED_FROM = 64 * 1024**2
#: bytes read at a time while a part is checked
_STEP = 1 << 22
_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
#: formula cells with no saved value: ``<c r="B3"><f>1+1</f></c>``
_UNSAVED = re.compile(
    rb'<c r="([A-Z]+)([0-9]+)"[^>]*>\s*<f[^>]*(?:/>|>([^<]*)</f>)\s*(?:<v\s*/>|<v></v>)?\s*</c>'
)
#: a formula before a cell's saved value: ``<f>B2/C2</f>``
_FORMULA = rb"(?:<f[^>]*(?:/>|>[^<]*</f>)\s*)?"
#: a cell typed other than a number (``t="s"``, ``t="b"``), after any whitespace
_TYPED = re.compile(rb'\st="(?!n")')
_NUMBER_CELL = re.compile(rb'<c r="([A-Z]+)([0-9]+)"(?:[^>]*\st="n")?[^>]*>\s*<v>([^<]*)</v>')


@record(frozen=True)
class UnsavedFormula(UnreadCell):
    """An XLSX formula cell with no saved value: that row fails, the others go on."""

    cell: str
    formula: str

    def problem(self) -> str:
        return _(
            "cell {cell} holds the formula {formula} with no saved value; open and "
            "save the file in Excel (or write the value)"
        ).format(cell=self.cell, formula=self.formula)

    def shown(self) -> str:
        return self.formula


@record
class Shown:
    """How a sheet shows its cells: the columns holding a number shown as a
    percentage, and the numbers in those columns shown otherwise (row, column),
    each read as it shows; the rows and ranges of columns hidden from view."""

    columns: set[int]
    plain: set[tuple[int, int]]
    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: list[tuple[int, int]] = field(default_factory=list)
    #: the first cell below the header of a column (its index from 0) that holds
    #: what a sheet may show otherwise than it stores, by kind, as (row, the value
    #: read): "month", a date on the first of a month (what Excel makes of 2021/1);
    #: "number", a number (a code shown by its format as 000101 is stored as 101)
    first_cell: Callable[[int, str], tuple[int, str] | None] = lambda _j, _kind: None
    #: the cells merged below the header, refused only in a column that is read
    #: (:func:`~engine.batch.xlsx_survey.merged_read`)
    merged: Callable[[Iterable[int]], None] = lambda _read: None


def xlsx_rows(
    p: Path, path: str, sheet: str | None
) -> tuple[list[str], Iterator[tuple[int, list[Any]]], Shown]:
    """The sheet's header, its rows (line, cells), and how it shows its cells
    (percentages, hidden rows and columns)."""
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:  # pragma: no cover - a declared dependency
        raise UsageError(
            _("reading .xlsx needs python-calamine: pip install python-calamine")
        ) from None
    part, first, percent_styles, reader = _check_workbook(p, path, sheet)
    percent: set[int] = set()
    unsaved: dict[tuple[int, int], UnsavedFormula] = {}
    found = None
    grid = None
    mixed = None
    if part:
        read = _read_sheet(p, path, part, percent_styles, reader)
        found, percent, unsaved, grid, mixed = (
            read.found,
            read.percent,
            read.unsaved,
            read.grid,
            read.mixed,
        )
        check_survey(found, path)
    reader = None  # what it read is in the grid, or let go
    try:
        # the workbook is opened by calamine either way: its checks of the
        # workbook's other parts (its sheets, their relations) stand as before
        book = _calamine(CalamineWorkbook, p)
        names = list(book.sheet_names)
        if sheet is not None and sheet not in names:
            raise UsageError(
                _("{given}: no such sheet in {path}{hint}; sheets: {names}").format(
                    given=option_given("sheet", sheet),
                    path=path,
                    hint=did_you_mean(sheet, names),
                    names=_(", ").join(names),
                )
            )
        name = sheet or first or names[0]
        values = (
            []
            if grid is not None
            else book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        )
    except (UsageError, LoadError):
        raise
    except Exception as e:  # the reader's own errors: say where, in one line
        raise LoadError(_reader_problem(p, path, part, sheet, e)) from None
    unread: dict[tuple[int, int], UnreadCell] = {**(found.errors if found else {}), **unsaved}
    plain: set[tuple[int, int]] = set()
    if grid is None or mixed is not None:  # (else the reader found every cell alike)
        plain = plain_among_percent(p, path, part, percent_styles, percent)
    others = [n for n in names if n != name]
    shown = Shown(percent, plain)
    if found is not None:
        shown.hidden_rows, shown.hidden_columns = found.hidden_rows, found.hidden_columns
        if found.merged:
            survey = found
            shown.merged = lambda read: merged_read(survey, path, read)
    if grid is not None:  # read with the survey: the values as calamine reads them
        header = [_shown(c) for c in grid.first_row()]
        _refuse_empty(header, path, others, grid.first_filled)
        shown.first_cell = lambda j, kind: grid.first_number(j) if kind == "number" else None
        return header, _grid_rows(grid, unread), shown
    header = [_shown(c) for c in values[0]] if values else []
    _refuse_empty(
        header,
        path,
        others,
        lambda: next((n for n, r in enumerate(values, start=1) if any(map(_shown, r))), None),
    )
    shown.first_cell = lambda j, kind: _first_cell(values, j, kind)
    return header, _sheet_rows(values, unread), shown


def _first_cell(values: list[list[Any]], j: int, kind: str) -> tuple[int, str] | None:
    """:attr:`Shown.first_cell` over calamine's values (a datetime is a date
    too), read before the rows are, which free the values as they go."""
    for n in range(1, len(values)):
        cell = values[n][j] if j < len(values[n]) else None
        midnight = not isinstance(cell, dt.datetime) or cell.time() == dt.time()
        if kind == "month" and isinstance(cell, dt.date) and cell.day == 1 and midnight:
            return n + 1, cell.isoformat()[:10]
        if kind == "number" and type(cell) in (int, float):
            return n + 1, str(_cell(cell))
    return None


def _refuse_empty(
    header: list[str], path: str, others: list[str], first_filled: Callable[[], int | None]
) -> None:
    """Refuse a sheet whose first row is empty: at the first row that holds
    anything (the header, likely, below empty rows), else naming the workbook's
    other sheets."""
    if any(header):
        return
    below = first_filled()
    if below is not None and below > 1:
        above = (  # (two messages, not plural forms: Chinese has one form for both)
            _(
                "{path}:{row}:1: row 1 is empty, and the header must be the first row; if row "
                "{row} is the header, delete the empty row above it"
            )
            if below == 2
            else _(
                "{path}:{row}:1: rows 1 to {last} are empty, and the header must be the first "
                "row; if row {row} is the header, delete the {n} empty rows above it"
            )
        )
        raise LoadError(above.format(path=path, row=below, last=below - 1, n=below - 1))
    if not any(header):
        elsewhere = (
            _("; the workbook's other sheets: {names} (choose one with {option})").format(
                names=_(", ").join(others), option=option_given("sheet", "NAME")
            )
            if others
            else ""
        )
        raise LoadError(
            _(
                "{path}:1:1: the sheet is empty; the first row must name the "
                "columns (entity, then indicator ids){elsewhere}"
            ).format(path=path, elsewhere=elsewhere)
        )


#: a sheet of at least this many rows is read column-wise (:mod:`engine.batch.typed`):
#: a smaller one is scored sooner than numpy and pyarrow are imported
TYPED_ROWS = 2000


def _sheet_rows(
    values: list[list[Any]], unread: dict[tuple[int, int], UnreadCell]
) -> Iterator[tuple[int, list[Any]]]:
    """The rows after the header: in pieces of columns for a large sheet (when
    pyarrow is installed), else one by one."""
    from importlib.util import find_spec

    if len(values) < TYPED_ROWS or find_spec("pyarrow") is None:
        return _rows(values, unread)
    from .typed import TypedRows, sheet_pieces

    by_row: dict[int, list[Any]] = {}
    for (row, col), cell in sorted(unread.items()):
        by_row.setdefault(row, []).append((col, cell))
    return TypedRows(sheet_pieces(values, by_row))


def _grid_rows(
    grid: Grid, unread: dict[tuple[int, int], UnreadCell]
) -> Iterator[tuple[int, list[Any]]]:
    """:func:`_sheet_rows` of a sheet read with its survey: a large one goes in
    pieces of columns made from its values, never a Python object per cell."""
    from importlib.util import find_spec

    if grid.height < TYPED_ROWS or find_spec("pyarrow") is None:
        return _rows(grid.values(), unread)
    from .typed import TypedRows, grid_pieces

    by_row: dict[int, list[Any]] = {}
    for (row, col), cell in sorted(unread.items()):
        by_row.setdefault(row, []).append((col, cell))
    return TypedRows(grid_pieces(grid, by_row))


def _shown(cell: Any) -> str:
    return "" if cell is None else str(_cell(cell)).strip()


def _cell(c: Any) -> Any:
    """A value as the table reader takes it: a number at the 15 significant digits
    the spreadsheet keeps (:func:`~engine.base.numbers.spreadsheet_number`); a
    whole number stored as a float (how Excel stores every number) is that
    integer, as it was written."""
    if type(c) is not float:
        return c
    c = spreadsheet_number(c)  # as the spreadsheet keeps it: 15 significant digits
    return int(c) if c.is_integer() and abs(c) < 2**53 else c


def _rows(
    values: list[list[Any]], unread: dict[tuple[int, int], UnreadCell]
) -> Iterator[tuple[int, list[Any]]]:
    by_row: dict[int, list[tuple[int, UnreadCell]]] = {}
    for (row, col), cell in sorted(unread.items()):
        by_row.setdefault(row, []).append((col, cell))
    for n in range(1, len(values)):
        cells = [None if c == "" else _cell(c) for c in values[n]]
        values[n] = []  # read once: free it as the rows go
        for col, cell in by_row.get(n + 1, ()):
            cells.extend([None] * (col - len(cells)))
            cells[col - 1] = cell
        if any(c is not None and (not isinstance(c, str) or c.strip()) for c in cells):
            yield n + 1, cells


def _reader_problem(p: Path, path: str, part: str, sheet: str | None, e: Exception) -> str:
    kind = type(e).__name__
    which = repr(sheet) if sheet else _("(the first)")
    if kind == "WorksheetNotFound" or not part:
        return _(
            "{path}: the sheet {which} has no part in the workbook "
            "(a damaged file); save it again from Excel, or as CSV"
        ).format(path=path, which=which)
    if "float" in str(e).lower():
        where = _text_in_number(p, part)
        if where is not None:
            row, col, text = where
            return _(
                "{path}:{row}:{col}: cell {cell} is marked as a number "
                "but holds '{text}'; save the workbook again from Excel, or as CSV"
            ).format(
                path=path, row=row, col=col, cell=f"{column_letters(col)}{row}", text=text[:40]
            )
    return _(
        "{path}: not a readable .xlsx workbook ({problem}); save it again from Excel, or as CSV"
    ).format(path=path, problem=str(e)[:120])


def _text_in_number(p: Path, part: str) -> tuple[int, int, str] | None:
    with zipfile.ZipFile(p) as z:
        data = z.read(part)
    for m in _NUMBER_CELL.finditer(data):
        if _TYPED.search(m.group(0)):  # a cell typed other than a number
            continue
        text = m.group(3).decode("utf-8", "replace")
        try:
            float(text)
        except ValueError:
            return int(m.group(2)), column_number(m.group(1).decode()), text
    return None  # pragma: no cover - the reader found what this scan does not


def _calamine(workbook: Any, p: Path) -> Any:
    """The workbook opened by calamine: by its name, or as a file where its name
    holds bytes that are not UTF-8 (which calamine cannot take)."""
    if opened_by_name(p):
        return workbook.from_path(str(p))
    with open(p, "rb") as fh:
        return workbook.from_filelike(fh)


def not_a_workbook(path: str, p: Path | None = None) -> LoadError:
    """What a file named .xlsx that is no zip archive (empty, cut short, encrypted)
    is told (``p``: the file, where ``path`` is what it is called)."""
    from ..base.files import sealed_workbook

    return LoadError(
        sealed_workbook(p or path, path)
        or _(
            "{path}: not a readable .xlsx workbook (not a zip archive, or a truncated "
            "one); save it again from Excel, or as CSV"
        ).format(path=path)
    )


# -- the workbook's parts ------------------------------------------------------------
def _check_workbook(
    p: Path, path: str, sheet: str | None
) -> tuple[str, str, set[bytes], SheetReader | None]:
    """Check every XML part; the sheet's part name, its name, the styles that
    show a percentage, and a reader of its values (None: calamine reads them).
    The sheet's part is checked here for its size only: its bytes are checked
    as it is surveyed (:func:`_read_sheet`), in one reading."""
    try:
        z = zipfile.ZipFile(p)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise not_a_workbook(path, p) from None
    with z:
        parts = [i for i in z.infolist() if i.filename.endswith((".xml", ".rels"))]
        for info in parts:  # sizes first: nothing is unpacked before they are known
            _check_size(info, path)
        part, name = _sheet_part(z, sheet)
        for info in parts:
            if info.filename != part:
                check = _PartCheck(path, info.filename)
                for chunk in _pieces(z, info.filename, path, cut=False):
                    check.feed(chunk)
        return part, name, _percent_styles(z), _values_reader(z) if part else None


def _values_reader(z: zipfile.ZipFile) -> SheetReader | None:
    """A reader of the sheet's values with its survey (it needs pyarrow to read
    numbers), or None: python-calamine reads them."""
    from importlib.util import find_spec

    if find_spec("pyarrow") is None:
        return None
    from .xlsx_values import sheet_reader

    return sheet_reader(z)


def _check_size(info: zipfile.ZipInfo, path: str) -> None:
    """A part's uncompressed size, and how many times its packed size that is."""
    name = info.filename
    if info.file_size > MAX_PART_BYTES:
        raise LoadError(
            _("{path}: {name} is over {max} bytes uncompressed; split the table").format(
                path=path, name=name, max=MAX_PART_BYTES
            )
        )
    if info.file_size > PACKED_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise LoadError(
            _(
                "{path}: {name} unpacks to {size} bytes from {packed} ({ratio:.0f} times; real "
                "data pack about 10 times): is it a zip bomb? save it again from Excel, or as CSV"
            ).format(
                path=path,
                name=name,
                size=info.file_size,
                packed=info.compress_size,
                ratio=info.file_size / max(info.compress_size, 1),
            )
        )


class _PartCheck:
    """A part's bytes checked as they are read, piece by piece: no DTD at its
    start, and no text between two tags longer than a CSV cell may be."""

    def __init__(self, path: str, name: str):
        self.path, self.name = path, name
        self.first = True
        self.run = 0  # bytes since the last '<': the longest text a cell may hold
        self.limit = csv.field_size_limit()

    def feed(self, chunk: bytes) -> None:
        if not chunk:
            return
        if self.first and _DTD.search(chunk[:4096]):
            raise LoadError(
                _(
                    "{path}: {name}:1:1: a DTD (<!DOCTYPE>, entities) in the workbook's "
                    "XML is not accepted; save the workbook again from Excel, or as CSV"
                ).format(path=self.path, name=self.name)
            )
        self.first = False
        over, self.run = _over_long(chunk, self.run, self.limit)
        if over and self.name.startswith("xl/"):
            raise LoadError(
                _(
                    "{path}: {name}: a cell text longer than {limit} characters "
                    "(as a CSV cell may be at most); is this a table?"
                ).format(path=self.path, name=self.name, limit=self.limit)
            )


def _over_long(chunk: bytes, run: int, limit: int) -> tuple[bool, int]:
    """Whether a run of bytes between two ``<`` in ``chunk`` (the first counting
    the ``run`` bytes since the last ``<`` before it) is longer than ``limit``,
    and the run the chunk ends with. A run that long holds a whole stretch of
    ``limit // 2`` bytes starting at a multiple of it: where every such stretch
    holds a ``<`` (found by a search that stops at the first), none is."""
    first = chunk.find(b"<")
    if first < 0:
        return run + len(chunk) > limit, run + len(chunk)
    last = len(chunk) - chunk.rfind(b"<") - 1
    if run + first > limit or last > limit:
        return True, last
    step = max(limit // 2, 1)
    if all(chunk.find(b"<", k, k + step) >= 0 for k in range(0, len(chunk) - step + 1, step)):
        return False, last
    return _longest_inside(chunk) > limit, last


def _longest_inside(chunk: bytes) -> int:
    """The longest run of bytes between two ``<`` in ``chunk``."""
    import numpy as np

    at = np.flatnonzero(np.frombuffer(chunk, dtype=np.uint8) == ord("<"))
    return int(np.diff(at).max()) - 1 if len(at) > 1 else 0


def _sheet_part(z: zipfile.ZipFile, sheet: str | None) -> tuple[str, str]:
    """The zip entry and name of the named sheet, or of the first one Excel shows (a
    hidden sheet is read only when named); "" when the workbook does not say or
    names a part that is not there."""
    try:
        book = ElementTree.fromstring(z.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return "", ""
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG}Relationship")}
    sheets = list(book.iter(f"{_MAIN}sheet"))
    shown = [s for s in sheets if s.get("state") not in ("hidden", "veryHidden")] or sheets
    for s in sheets if sheet is not None else shown[:1]:
        if sheet is None or s.get("name") == sheet:
            target = targets.get(s.get(f"{_REL}id"), "")
            part = target.lstrip("/") if target.startswith("/") else "xl/" + target
            return (part if part in z.namelist() else ""), s.get("name", "")
    return "", ""


def all_sheets(p: Path) -> list[tuple[str, bool]]:
    """Each sheet's name and whether Excel hides it, in order."""
    try:
        with zipfile.ZipFile(p) as z:
            book = ElementTree.fromstring(z.read("xl/workbook.xml"))
    except (KeyError, OSError, zipfile.BadZipFile, ElementTree.ParseError):
        return []
    return [
        (s.get("name", ""), s.get("state") in ("hidden", "veryHidden"))
        for s in book.iter(f"{_MAIN}sheet")
    ]


def _percent_styles(z: zipfile.ZipFile) -> set[bytes]:
    """The style indexes (``s="…"``) whose number format shows a percentage."""
    try:
        styles = ElementTree.fromstring(z.read("xl/styles.xml"))
    except (KeyError, ElementTree.ParseError, LookupError, ValueError):
        return set()  # (an unknown declared encoding: calamine says what is wrong)
    percent_formats = {"9", "10"}  # the built-in 0% and 0.00%
    for f in styles.iter(f"{_MAIN}numFmt"):
        if shows_percent(f.get("formatCode")):  # not a quoted "%" after the number
            percent_formats.add(f.get("numFmtId") or "")
    found: set[bytes] = set()
    for xfs in styles.iter(f"{_MAIN}cellXfs"):
        for k, xf in enumerate(xfs.iter(f"{_MAIN}xf")):
            if xf.get("numFmtId") in percent_formats:
                found.add(str(k).encode())
    return found


@record
class _Sheet:
    """What one reading of a sheet's XML found: its survey, the columns holding a
    number shown as a percentage, the formula cells with no saved value, and its
    values (None: calamine reads them)."""

    found: Survey
    percent: set[int]
    unsaved: dict[tuple[int, int], UnsavedFormula]
    grid: Grid | None = None
    #: where the values were read with the survey: the first number below row 1
    #: shown otherwise in a column of percentages (row, column), if any
    mixed: tuple[int, int] | None = None


def _read_sheet(
    p: Path, path: str, part: str, percent_styles: set[bytes], reader: SheetReader | None = None
) -> _Sheet:
    """The sheet's XML read once, in pieces: each piece checked (:class:`_PartCheck`)
    before it is surveyed (:func:`survey`; its values read by ``reader``, which
    notes the cells shown as percentages as it reads them) and scanned for the
    formula cells with no saved value. A sheet whose values the reader leaves to
    calamine is read again for its percentages (:func:`_percent_scan`)."""
    unsaved: dict[tuple[int, int], UnsavedFormula] = {}
    check = _PartCheck(path, part)
    if b"0" in percent_styles:
        # a cell with no style shows style 0: the reader would take it as a
        # percentage, the scan (styles written out only) would not; calamine
        # reads such a sheet, as one whose style 0 shows a date
        reader = None
    if reader is not None:
        reader.percent_styles = sorted(int(s) for s in percent_styles)

    def pieces() -> Iterator[bytes]:
        plain = None
        for body in _sheet_pieces(p, part, path):
            check.feed(body)
            plain = plain or _unprefix(body)
            _scan_unsaved(plain(body) if plain else body, unsaved)
            yield body  # the survey reads a prefix itself

    found = survey(pieces(), reader)
    grid = reader.grid() if reader is not None else None
    if grid is not None and reader is not None:
        return _Sheet(found, reader.percent, unsaved, grid, _first_plain(reader))
    percent = _percent_scan(p, path, part, percent_styles, found) if percent_styles else set()
    return _Sheet(found, percent, unsaved)


def _first_plain(reader: SheetReader) -> tuple[int, int] | None:
    """The first number below row 1 not shown as a percentage in a column of
    percentages, as the reader noted them: (row, column)."""
    mixed = [(at, row, col) for col, (at, row) in reader.plain_at.items() if col in reader.percent]
    return min(mixed)[1:] if mixed else None


def _percent_scan(
    p: Path, path: str, part: str, percent_styles: set[bytes], found: Survey
) -> set[int]:
    """The columns holding a number shown as a percentage, scanned for in the
    sheet's XML (a sheet whose values calamine reads)."""
    percent: set[int] = set()
    styles = b"|".join(sorted(percent_styles))

    def styled_cell(known: set[int]) -> re.Pattern[bytes]:
        """A number cell shown as a percentage, in a column not yet ``known``
        to hold one: a cell of a known column fails at its reference, so a
        sheet's scan costs little once its first rows have named them."""
        letters = b"|".join(sorted(column_letters(c).encode() for c in known))
        skip = rb"(?!(?i:" + letters + rb")[0-9])" if known else b""
        return re.compile(
            rb'<c r="'
            + skip
            + rb'([A-Za-z]+)[0-9]+"(?=[^>]*\ss="(?:'
            + styles
            + rb')")([^>]*)>\s*'
            + _FORMULA
            + rb"<v>"
        )

    styled = styled_cell(percent)
    # a percentage's cell the pattern above would pass over: its reference not
    # first after one space (<c s="1" r="B2">, a tab), or a style not written as
    # a plain index (s="01", s="&#49;"); the bytes of a 95% would be read as 0.95
    odd = [  # (two patterns, each found by its first bytes: one would be 4× slower)
        re.compile(rb'<c(?! r="[A-Za-z])(?=\s)[^>]*?\ss="(?:' + styles + rb')"[^>]*>'),
        re.compile(rb' s="(?:0[0-9]|[^"0-9]|")[^"]*"'),
    ]
    found_odd: list[bytes] = []
    for read in _unprefixed_pieces(p, part, path):
        known = len(percent)
        for cell in styled.finditer(read):
            attrs = cell.group(2)
            if b' t="' not in attrs or b' t="n"' in attrs:
                percent.add(column_number(cell.group(1).decode().upper()))
        if len(percent) > known:
            styled = styled_cell(percent)
        if not found_odd:
            found_odd.extend(m.group(0) for rx in odd if (m := rx.search(read)) is not None)
    if found_odd and found.odd is None:
        raise LoadError(
            _(
                "{path}: a cell of a sheet with percentage formats is written in a form not "
                "checked before reading (its reference not first, or its style not a plain "
                "number): {tag}; save the workbook again from Excel, or as CSV"
            ).format(path=path, tag=found_odd[0][:80].strip().decode("utf-8", "replace"))
        )
    return percent


def _unprefix(first: bytes) -> Callable[[bytes], bytes] | None:
    """How the scans read a piece: as it is, or, where the sheet writes its
    elements under a prefix (``<x:c r="B2" s="1">``, as the Open XML SDK does),
    without it: the scans' patterns name the elements unprefixed, and a
    percentage under a prefix was read as the fraction stored."""
    prefix = sheet_prefix(first)
    if prefix is None:
        return None  # not the piece that opens the sheet: the next says
    if not prefix:
        return lambda body: body
    opening, closing = b"<" + prefix, b"</" + prefix
    return lambda body: body.replace(opening, b"<").replace(closing, b"</")


def _unprefixed_pieces(p: Path, part: str, path: str) -> Iterator[bytes]:
    """The sheet's pieces as the scans read them: without the prefix its elements
    are written under, if any (:func:`_unprefix`)."""
    plain = None
    for body in _sheet_pieces(p, part, path):
        plain = plain or _unprefix(body)
        yield plain(body) if plain else body


def _sheet_pieces(p: Path, part: str, path: str) -> Iterator[bytes]:
    """The sheet's XML in pieces of about ``_STEP`` bytes, each cut before a cell."""
    with zipfile.ZipFile(p) as z:
        yield from _pieces(z, part, path, cut=True)


def _pieces(z: zipfile.ZipFile, name: str, path: str, cut: bool) -> Iterator[bytes]:
    """A part's bytes in pieces of about ``_STEP`` bytes; ``cut``: each cut before
    a cell (or a tag), never inside one. A part that cannot be read is a damaged
    workbook, said in one line."""
    try:
        with z.open(name) as fh:
            rest = b""
            for chunk in iter(lambda: fh.read(_STEP), b""):
                if not cut:
                    yield chunk
                    continue
                data = rest + chunk
                at = data.rfind(b"<c ")
                at = data.rfind(b"<") if at < 0 else at  # no cell here: never cut in a tag
                at = len(data) if at < 0 else at
                yield data[:at]
                rest = data[at:]
            if cut:
                yield rest
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as e:
        if isinstance(e, LoadError):
            raise
        raise LoadError(
            _(
                "{path}: {name}: not readable ({problem}); the workbook is damaged or "
                "truncated; save it again from Excel, or as CSV"
            ).format(path=path, name=name, problem=e)
        ) from None


#: plain numbers among a column's percentages read cell by cell at most (more: refused)
MIXED_CELLS = 100_000


def plain_among_percent(
    p: Path, path: str, part: str, percent_styles: set[bytes], percent: set[int]
) -> set[tuple[int, int]]:
    """The numbers below row 1 not shown as percentages in columns whose other
    numbers are (row, column), scanned for in the sheet's XML: each cell is read
    as it shows (98.93% is stored as 0.9893, a plain 85 is 85). Over
    :data:`MIXED_CELLS` of them, the table is refused at the first."""
    found: set[tuple[int, int]] = set()
    if not percent:
        return found
    letters = b"|".join(sorted(column_letters(c).encode() for c in percent))
    plain = re.compile(  # letters of either case, as the reader takes them
        rb'<c r="((?i:'
        + letters
        + rb'))([0-9]+)"(?![^>]*\ss="(?:'
        + b"|".join(sorted(percent_styles))
        + rb')")([^>]*)>\s*'
        + _FORMULA
        + rb"<v>"
    )
    columns = {column_letters(c).encode() for c in percent}
    styles = set(percent_styles)
    unplaced = False  # a number cell with no reference: placed by a walk of the sheet
    for body in _unprefixed_pieces(p, part, path):
        cells = [(m.group(1), m.group(2), m.group(3)) for m in plain.finditer(body)]
        other, without = _other_forms(body, columns, styles)
        unplaced = unplaced or without
        for letters, number, attrs in cells + other:
            if _number_below_header(int(number), attrs):
                found.add((int(number), column_number(letters.decode().upper())))
        if len(found) > MIXED_CELLS:
            _refuse_mixed(path, min(found))
    if unplaced:
        found |= _placed_plain(p, path, part, percent, styles)
        if len(found) > MIXED_CELLS:
            _refuse_mixed(path, min(found))
    return found


def _number_below_header(row: int, attrs: bytes) -> bool:
    """Whether a cell of ``row`` whose tag holds ``attrs`` (before a value) is a
    number below the header: no type, or ``t="n"``."""
    return row > 1 and (b' t="' not in attrs or b' t="n"' in attrs)


#: a number cell whose tag does not open with its reference (<c t="n" r="B3">, or
#: none at all): valid XML that the pattern of :func:`plain_among_percent` passes over
_OTHER_FORM = re.compile(rb'<c(?=[\s>])(?! r="[A-Za-z])([^>]*)>\s*' + _FORMULA + rb"<v>")
_REFERENCE = re.compile(rb'\sr="([A-Za-z]+)([0-9]+)"')
_STYLE = re.compile(rb'\ss="([^"]*)"')
#: every row's and cell's tag, and whether a value follows (a cell's)
_TAG = re.compile(rb"<(row|c)(?=[\s>/])([^>]*)>(\s*" + _FORMULA + rb"<v>)?")


def _shown_plain(attrs: bytes, styles: set[bytes]) -> bool:
    style = _STYLE.search(attrs)
    return style is None or style.group(1) not in styles


def _other_forms(
    body: bytes, columns: set[bytes], styles: set[bytes]
) -> tuple[list[tuple[bytes, bytes, bytes]], bool]:
    """The piece's number cells in ``columns`` not shown as percentages whose tags
    write their reference elsewhere than first: (column letters, row, attributes).
    Such a cell was taken for a percentage, its 96.5 read as 9650%. Also whether
    a number cell not shown as a percentage has no reference at all (its place is
    then known only from the cells and rows before it: :func:`_placed_plain`)."""
    cells, without = [], False
    for m in _OTHER_FORM.finditer(body):
        attrs = m.group(1)
        ref = _REFERENCE.search(attrs)
        if not _shown_plain(attrs, styles):
            continue
        if ref is None:
            without = without or b' t="' not in attrs or b' t="n"' in attrs
        elif ref.group(1).upper() in columns:
            cells.append((ref.group(1), ref.group(2), attrs))
    return cells, without


def _placed_plain(
    p: Path, path: str, part: str, percent: set[int], styles: set[bytes]
) -> set[tuple[int, int]]:
    """The numbers below row 1 not shown as percentages in the ``percent``
    columns, every cell placed as readers place it (a cell with no reference is
    the one after the cell before it in its row, a row with none the one after
    the row before it): a walk of every tag, for a sheet with such cells."""
    found: set[tuple[int, int]] = set()
    row, col = 0, 0
    for body in _unprefixed_pieces(p, part, path):
        for m in _TAG.finditer(body):
            attrs = m.group(2)
            ref = _REFERENCE.search(attrs)
            if m.group(1) == b"row":
                number = re.search(rb'\sr="([0-9]+)"', attrs)
                row, col = int(number.group(1)) if number else row + 1, 0
                continue
            if ref is not None:
                row, col = int(ref.group(2)), column_number(ref.group(1).decode().upper())
            else:
                col += 1
            if (
                m.group(3)
                and col in percent
                and _number_below_header(row, attrs)
                and _shown_plain(attrs, styles)
            ):
                found.add((row, col))
    return found


def _refuse_mixed(path: str, first: tuple[int, int]) -> None:
    """Refuse a sheet whose columns mix more plain numbers with percentages than
    are read cell by cell (``first``: the first plain number's row and column)."""
    row, col = first
    raise LoadError(
        _(
            "{path}:{row}:{col}: cell {cell} is a plain number in a column whose other "
            "numbers are formatted as percentages, and over {most:,} such cells are; format "
            "each column alike (all as percentages, or none)"
        ).format(path=path, row=row, col=col, cell=f"{column_letters(col)}{row}", most=MIXED_CELLS)
    )


def _scan_unsaved(body: bytes, unsaved: dict[tuple[int, int], UnsavedFormula]) -> None:
    """Note the piece's formula cells with no saved value."""
    # a formula's tag: looked for where the piece holds an f at all (the search for
    # the byte alone is some 25 times quicker: a sheet's "<" are everywhere)
    if b"f" in body and b"<f" in body:
        from html import unescape

        for m in _UNSAVED.finditer(body):
            row, col = int(m.group(2)), column_number(m.group(1).decode())
            text = unescape((m.group(3) or b"").decode("utf-8", "replace"))
            cell = m.group(1).decode() + m.group(2).decode()
            unsaved[(row, col)] = UnsavedFormula(cell, "=" + text)
