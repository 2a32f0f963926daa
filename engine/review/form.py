"""The 自评表 form a department fills in (written by ``scorecard template``), read back
as one entity's actuals.

The layout is shared with the writer (:mod:`engine.render.template`): a sheet
``自评表`` with the entity and period, a block of raw inputs, and one row per
indicator in the spec's order; a hidden sheet ``_form`` records the spec and
where each block is. Rows are matched by the id column, never by their order, and
every cell read keeps its position (``FILE:row:col``) for the messages of the
actuals check.

Nothing a unit typed is dropped without a word: a number typed as text is read by
the rules of a table's cell (thousands separators in groups of three, ``%`` only
in %), a second row for one id, a merged cell, a formula with no saved value, an
entry in a cell its row does not read, and a cell or row written twice in the
sheet's XML are each refused at their cell. The total row is found by its label
合计 when rows were inserted or deleted; a damaged hidden sheet is refused in one
line, and no block is read beyond the sheet's rows.
"""

from __future__ import annotations

import re
from dataclasses import field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..base.errors import ActualsError, ErrorList, LoadError, Pos, did_you_mean
from ..base.files import FORM_SHEET, FORM_TITLE_SHEET, sheets_named
from ..base.i18n import _, ngettext
from ..base.numbers import (
    NumberError,
    format_value,
    logical_cell,
    logical_text,
    parse_number,
    spreadsheet_number,
    ungrouped,
)
from ..base.numfmt import shows_percent
from ..base.output import note_input
from ..base.records import record
from ..base.text import is_percent, shown
from ..scoring.not_applicable import NA_TOKENS
from ..spec.load import Document
from ..spec.methods import GradesMethod, compared_labels, percent
from ..spec.model import Indicator, Spec

SHEET = FORM_TITLE_SHEET
META = FORM_SHEET
#: the template's hidden sheet of drop-down lists
LISTS = "_lists"
KIND = "scorecard-form"
FORMAT = 1

#: the indicator table's columns, 1-based: key -> (column, header)
COLUMNS = {
    "level": (1, "层级"),
    "id": (2, "编号"),
    "name": (3, "指标名称"),
    "unit": (4, "计量单位"),
    "direction": (5, "指标方向"),
    "target": (6, "年度指标值"),
    "weight": (7, "分值"),
    "actual": (8, "实际完成值"),
    "chosen": (9, "等级内给分"),
    "claimed": (10, "自评得分"),
    "na": (11, "不适用原因"),
    "note": (12, "偏差原因及佐证材料"),
}
#: the inputs block's columns
INPUT_COLUMNS = {"id": 1, "name": 2, "unit": 3, "value": 4}
#: cells of the head: entity and period
ENTITY_CELL = (3, 2)
PERIOD_CELL = (4, 2)


@record(frozen=True)
class Layout:
    """Where the blocks of one form are (rows, 1-based, inclusive)."""

    spec_id: str
    inputs: tuple[int, int]
    indicators: tuple[int, int]
    total: int

    def meta_rows(self) -> list[tuple[str, str]]:
        return [
            ("kind", KIND),
            ("format", str(FORMAT)),
            ("spec", self.spec_id),
            ("inputs", f"{self.inputs[0]}-{self.inputs[1]}"),
            ("indicators", f"{self.indicators[0]}-{self.indicators[1]}"),
            ("total", str(self.total)),
        ]


def is_form(path: str | Path) -> bool:
    """Whether ``path`` is an XLSX workbook written by ``scorecard template``.

    The workbook's list of sheets is looked at first (a few bytes of its zip): a
    large table is not a form, and is not loaded whole to find that out."""
    if Path(path).suffix.lower() not in (".xlsx", ".xlsm") or not sheets_named(path, (META,)):
        return False
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False  # a damaged workbook is not a form; reading it as a table says why
    try:
        if META not in wb.sheetnames:
            return False
        first: tuple[Any, ...] = next(
            wb[META].iter_rows(min_row=1, max_row=1, values_only=True), ()
        )
        return len(first) > 1 and first[1] == KIND
    finally:
        wb.close()


def _open(path: str) -> Any:
    from .sheet import open_small_workbook

    unreadable = _(
        "{path}: not a readable .xlsx workbook; give a form written by 'scorecard template'"
    ).format(path=path)
    return open_small_workbook(path, unreadable, _("form"))


# -- what the sheet's XML says that its values do not --------------------------------
@record(frozen=True)
class SheetXml:
    """What the form sheet's XML holds beyond the values openpyxl gives: cells it
    reads as empty or as text (formulas with no saved value, error values), their
    problems by (row, column); numbers written with more digits than Excel keeps,
    read as written; and the merged ranges."""

    unread: dict[tuple[int, int], str] = field(default_factory=dict)
    exact: dict[tuple[int, int], str] = field(default_factory=dict)
    #: (first row, first column, last row, last column, reference) of each range
    merged: tuple[tuple[int, int, int, int, str], ...] = ()


def _sheet_xml(path: str, name: str) -> SheetXml:
    """The form sheet's XML, read before the workbook is loaded: a cell or row
    written twice (openpyxl keeps the last value without a word) is refused here.
    A workbook that cannot be read this way is left to :func:`_open`, which says
    why."""
    import zipfile
    import zlib

    from .sheet import MAX_WORKBOOK_BYTES

    try:
        with zipfile.ZipFile(path) as z:
            if sum(info.file_size for info in z.infolist()) > MAX_WORKBOOK_BYTES:
                return SheetXml()
            part = _sheet_part(z)
            data = z.read(part) if part else b""
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError, zlib.error):
        return SheetXml()
    _refuse_repeated(data, name)
    unread = {**_error_values(data), **_unsaved(data)}
    return SheetXml(unread, _long_numbers(data), _merged(data))


def _sheet_part(z: Any) -> str:
    """The zip entry of the sheet 自评表, or "" when the workbook does not say."""
    from xml.etree import ElementTree

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    pkg = "{http://schemas.openxmlformats.org/package/2006/relationships}"
    try:
        book = ElementTree.fromstring(z.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return ""
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{pkg}Relationship")}
    sheets = list(book.iter(f"{main}sheet"))
    try:  # the sheet 自评表, or the one beside _form when renamed (:func:`_form_sheet`)
        name = _form_sheet([str(s.get("name")) for s in sheets], "")
    except LoadError:
        return ""
    for sheet in sheets:
        if sheet.get("name") == name:
            target = targets.get(sheet.get(f"{rel}id"), "") or ""
            part = target.lstrip("/") if target.startswith("/") else "xl/" + target
            return part if part in z.namelist() else ""
    return ""


#: a row's or cell's opening tag (any prefix), and its reference
_TAG = re.compile(rb"<(?:[\w.-]+:)?(row|c)(?=[\s>/])([^>]*)>")
_REF = re.compile(rb"""\sr\s*=\s*["']([A-Za-z]*)([0-9]*)["']""")


def _ref_at(path: str, row: int, col: int) -> str:
    """``path:row:col``, a place in the form for a message of its own."""
    return f"{path}:{row}:{col}"


def _refuse_repeated(data: bytes, name: str) -> None:
    """A row or cell written twice, or out of order: Excel writes each once, in
    order, and openpyxl would keep the last of two values without a word."""
    row = col = 0
    for m in _TAG.finditer(data):
        ref = _REF.search(m.group(2))
        if m.group(1) == b"row":
            number = int(ref.group(2)) if ref and ref.group(2) else row + 1
            if number <= row:
                raise ActualsError(
                    _(
                        "row {row} is written twice (or out of order) in the sheet's XML, and "
                        "one copy would be lost; the workbook is damaged: save it again from "
                        "Excel"
                    ).format(row=number),
                    Pos(name, number, 1),
                )
            row, col = number, 0
            continue
        at = _cell_at(ref, row, col + 1)
        if at <= (row, col):
            raise ActualsError(
                _(
                    "cell {ref} is written twice (or out of order) in the sheet's XML, and "
                    "one value would be lost; the workbook is damaged: save it again from Excel"
                ).format(ref=_ref(*at)),
                Pos(name, *at),
            )
        row, col = at


def _cell_at(ref: re.Match[bytes] | None, row: int, col: int) -> tuple[int, int]:
    """Where a cell's tag puts it: its reference, else the next cell of the row."""
    from openpyxl.utils import column_index_from_string

    if ref is None or not ref.group(1) or not ref.group(2):
        return row, col
    try:
        return int(ref.group(2)), column_index_from_string(ref.group(1).decode().upper())
    except ValueError:  # beyond column XFD: openpyxl refuses the workbook
        return row, col


def _ref(row: int, col: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(col)}{row}" if 1 <= col <= 18278 else f"?{row}"


#: a formula cell with no saved value: ``<c r="B3"><f>1+1</f><v></v></c>``
_UNSAVED = re.compile(
    rb'<c r="([A-Z]+)([0-9]+)"[^>]*>\s*<f[^>]*(?:/>|>([^<]*)</f>)\s*(?:<v\s*/>|<v></v>)?\s*</c>'
)
#: a cell holding an error value: ``<c r="B3" t="e"><f>1/0</f><v>#DIV/0!</v></c>``
_ERROR = re.compile(
    rb'<c r="([A-Z]+)([0-9]+)"(?=[^>]*\st="e")[^>]*>(?:(?!</c>).)*?<v>([^<]*)</v>', re.DOTALL
)


def _unsaved(data: bytes) -> dict[tuple[int, int], str]:
    """The formula cells with no saved value (openpyxl reads them as empty)."""
    from html import unescape

    from openpyxl.utils import column_index_from_string

    out: dict[tuple[int, int], str] = {}
    for m in _UNSAVED.finditer(data) if b"<f" in data else ():
        letters, row = m.group(1).decode(), m.group(2).decode()
        formula = "=" + unescape((m.group(3) or b"").decode("utf-8", "replace"))
        out[(int(row), column_index_from_string(letters))] = _(
            "cell {cell} holds the formula {formula} with no saved value; open and "
            "save the file in Excel (or write the value)"
        ).format(cell=letters + row, formula=formula)
    return out


def _error_values(data: bytes) -> dict[tuple[int, int], str]:
    """The cells holding an error value (openpyxl reads them as text)."""
    from openpyxl.utils import column_index_from_string

    out: dict[tuple[int, int], str] = {}
    for m in _ERROR.finditer(data) if b't="e"' in data else ():
        letters, row = m.group(1).decode(), m.group(2).decode()
        out[(int(row), column_index_from_string(letters))] = _(
            "cell {cell} holds the error value {value} (a formula that failed in Excel); "
            "correct it in the workbook, or write the value"
        ).format(cell=letters + row, value=m.group(3).decode("utf-8", "replace"))
    return out


#: a number cell's saved text of 18 characters or more (Excel writes at most 17
#: significant digits, what a double holds): read as written, not via float
_LONG_NUMBER = re.compile(
    rb'<c r="([A-Z]+)([0-9]+)"([^>]*)>\s*(?:<f[^>]*(?:/>|>[^<]*</f>)\s*)?'
    rb"<v>\s*([+-]?[0-9.]{18,}(?:[eE][+-]?[0-9]+)?)\s*</v>"
)
EXCEL_DIGITS = 17


def _long_numbers(data: bytes) -> dict[tuple[int, int], str]:
    """The number cells whose saved text has more significant digits than Excel
    writes: their text, to read exactly (openpyxl gives the nearest float)."""
    from decimal import Decimal, InvalidOperation

    from openpyxl.utils import column_index_from_string

    out: dict[tuple[int, int], str] = {}
    for m in _LONG_NUMBER.finditer(data):
        attrs, text = m.group(3), m.group(4).decode()
        if b' t="' in attrs and b' t="n"' not in attrs:
            continue  # text, not a number
        try:
            digits = len(Decimal(text).as_tuple().digits)
        except InvalidOperation:
            continue
        if digits > EXCEL_DIGITS:
            out[(int(m.group(2)), column_index_from_string(m.group(1).decode()))] = text
    return out


_MERGE = re.compile(rb'<(?:[\w.-]+:)?mergeCell\s[^>]*?ref="([A-Z]+)([0-9]+)(?::([A-Z]+)([0-9]+))?"')


def _merged(data: bytes) -> tuple[tuple[int, int, int, int, str], ...]:
    """The sheet's merged ranges of more than one cell, as written (a range far
    beyond the sheet's cells is cut by :func:`_open` before openpyxl sees it)."""
    from openpyxl.utils import column_index_from_string

    out = []
    for m in _MERGE.finditer(data) if b"mergeCell" in data else ():
        try:
            first = (int(m.group(2)), column_index_from_string(m.group(1).decode()))
            last = (int(m.group(4)), column_index_from_string(m.group(3).decode()))
        except (ValueError, TypeError, AttributeError):
            continue  # one cell, or beyond column XFD (openpyxl refuses the workbook)
        ref = m.group(0).split(b'ref="')[1].rstrip(b'"').decode()
        out.append((*first, *last, ref))
    return tuple(out)


def _merged_error(name: str, merged: tuple[int, int, int, int, str]) -> ActualsError:
    """The problem of a merged range: its other cells read as empty."""
    row, col, _last_row, _last_col, ref = merged
    return ActualsError(
        _(
            "cells {ref} are merged: only {first} keeps its value, and the others read as "
            "empty; unmerge them and fill each cell"
        ).format(ref=ref, first=_ref(row, col)),
        Pos(name, row, col),
    )


# -- the hidden sheet _form ------------------------------------------------------------
def _layout(path: str, meta_sheet: Any, rows: int) -> Layout:
    """The layout the hidden sheet records, each entry checked: a damaged one is
    refused in one line, and no block reaches beyond the sheet's ``rows``."""
    meta = _meta(meta_sheet)
    if meta.get("format") != str(FORMAT):
        raise LoadError(
            _(
                "{path}: a form of format {found}; this engine reads format {format}: write a "
                "new one with 'scorecard template'"
            ).format(path=path, found=meta.get("format"), format=FORMAT)
        )
    if not meta.get("spec"):
        raise LoadError(
            _(
                "{path}: the form's hidden sheet {sheet} names no spec; write a new form with "
                "'scorecard template'"
            ).format(path=path, sheet=META)
        )
    return Layout(
        meta["spec"],
        _span(path, meta, "inputs", rows, empty=True),
        _span(path, meta, "indicators", rows, least=2),  # its header is the row above
        _row_number(path, meta, "total", rows),
    )


def _meta(sheet: Any) -> dict[str, str]:
    """The hidden sheet's entries, key -> value (its first rows; the first of a key)."""
    out: dict[str, str] = {}
    for r in sheet.iter_rows(max_row=min(sheet.max_row, 50), max_col=2, values_only=True):
        if r and r[0] is not None:
            value = r[1] if len(r) > 1 else None
            out.setdefault(str(r[0]).strip(), "" if value is None else str(value).strip())
    return out


_SPAN = re.compile(r"([0-9]{1,7})-([0-9]{1,7})")


def _span(
    path: str, meta: dict[str, str], key: str, rows: int, empty: bool = False, least: int = 1
) -> tuple[int, int]:
    """A block's rows ``FIRST-LAST``, the last bounded by the sheet's rows, the first
    at least ``least``; ``0-0`` (no block) where ``empty`` allows it."""
    value = meta.get(key, "")
    m = _SPAN.fullmatch(value)
    first, last = (int(m.group(1)), int(m.group(2))) if m else (0, -1)
    if empty and (first, last) == (0, 0):
        return 0, 0
    if not least <= first <= min(last, rows):
        raise _damaged(
            path,
            key,
            value,
            _("FIRST-LAST, two row numbers of the sheet ({least} to {rows})").format(
                least=least, rows=rows
            ),
        )
    return first, min(last, rows)


def _row_number(path: str, meta: dict[str, str], key: str, rows: int) -> int:
    """A row number, bounded by the sheet's rows (rows deleted below it: the row is
    then looked for by its label)."""
    value = meta.get(key, "")
    if not (value.isascii() and value.isdigit() and len(value) <= 7 and int(value) >= 1):
        raise _damaged(
            path, key, value, _("a row number of the sheet (1 to {rows})").format(rows=rows)
        )
    return min(int(value), rows)


def _damaged(path: str, key: str, value: str, expected: str) -> LoadError:
    from ..base.text import shown

    return LoadError(
        _(
            "{path}: the form's hidden sheet {sheet} is damaged: {key} is '{value}', not "
            "{expected}; write a new form with 'scorecard template' and copy the entries "
            "into it"
        ).format(path=path, sheet=META, key=key, value=shown(value), expected=expected)
    )


#: the 指标方向 cell of each direction
DIRECTIONS = {"higher": "正向（≥）", "lower": "反向（≤）"}


def cell_number(x: Fraction | None) -> Decimal | str | None:
    """A number for a cell: a Decimal when it terminates (exact), else its text."""
    if x is None:
        return None
    text = format_value(x, max_places=28)
    return text if text.endswith("…") else Decimal(text)


def target_cell(ind: Indicator) -> Decimal | str | None:
    """What the form's 年度指标值 cell of ``ind`` holds."""
    return ind.target_label or cell_number(ind.target)


def weight_cell(ind: Indicator) -> Decimal | str | None:
    """What the form's 分值 cell of ``ind`` holds."""
    return cell_number(ind.weight)


def _labels(ind: Indicator) -> tuple[str, ...]:
    """The labels an indicator's actual may be: a qualitative indicator's grades,
    or those its formula compares the actual with."""
    if isinstance(ind.method, GradesMethod):
        return tuple(ind.method.grades)
    return tuple(sorted(compared_labels(ind.method)))


def _same_cell(shown: Any, written: Any) -> bool:
    """Whether a cell holds what the template writes there now (numbers by value)."""
    if isinstance(written, Decimal) and not isinstance(shown, bool):
        try:
            value = Fraction(repr(shown) if isinstance(shown, float) else str(shown))
        except (ValueError, ZeroDivisionError):
            return False
        # a workbook saved again keeps 15 significant digits (Excel) or a double's
        return value == Fraction(written) or f"{float(value):.15g}" == f"{float(written):.15g}"
    return _text(shown) == _text(written)


# -- reading a form --------------------------------------------------------------------
def read_form(
    path: str, spec: Spec, display: str | None = None, others: frozenset[str] = frozenset()
) -> Document:
    """A filled form as an actuals document, every value located at its cell;
    ``others``: the ids of another spec it may be written for (compare's other
    side), whose rows are left out with a note rather than refused."""
    return _read(path, spec, display or path, others)


def read_head(path: str) -> Document:
    """A filled form's head alone: its spec id, entity and period (a folder of
    fiscal-year versions picks one by them, before the form is read with it)."""
    return _read(path, None, path)


def _form_sheet(names: list[str], path: str) -> str:
    """The form's sheet: 自评表, or the one sheet beside the hidden ``_form`` when
    it was renamed (a department naming it after itself)."""
    others = [n for n in names if n not in (META, LISTS)]
    if SHEET in names and META in names:
        return SHEET
    if META in names and len(others) == 1:
        return others[0]
    if META in names:
        raise LoadError(
            _(
                "{path}: the form's sheet {sheet} is not there (sheets: {names}); name the "
                "sheet the unit filled in {sheet} again"
            ).format(path=path, sheet=SHEET, names=_(", ").join(others))
        )
    raise LoadError(
        _("{path}: not a 自评表 written by 'scorecard template' (no sheet {sheet})").format(
            path=path, sheet=SHEET
        )
    )


def _read(
    path: str, spec: Spec | None, name: str, others: frozenset[str] = frozenset()
) -> Document:
    import hashlib

    raw = Path(path).read_bytes()
    note_input(path)  # -o may not replace the form
    xml = _sheet_xml(path, name)
    wb = _open(path)
    try:
        sheet = _form_sheet(wb.sheetnames, name)
        ws = wb[sheet]
        layout = _layout(name, wb[META], ws.max_row)
        doc = Document(file=name, data={}, sha256=hashlib.sha256(raw).hexdigest(), medium="form")
        if sheet != SHEET:
            doc.notes.append(
                _(
                    "{path}: note: the form's sheet is named '{sheet}', not {form}; read as "
                    "the form"
                ).format(path=name, sheet=sheet, form=SHEET)
            )
        reader: _Cells = (
            _Cells(doc, ws, xml) if spec is None else _Reader(doc, ws, spec, xml, others)
        )
        reader.read(layout)
        if spec is not None:
            doc.notes += _unread_sheets(wb, name, sheet)
    finally:
        wb.close()
    whole = isinstance(reader, _Reader) and reader.whole
    placed = reader.placed() if isinstance(reader, _Reader) else []
    if placed and whole and all(e.path for e in placed):
        # cells of rows read through: the check goes on, and tells what else is wrong
        # at once; a row not read (an unknown id, a second row) would only cascade
        doc.refused = placed
    elif reader.errors:
        raise ErrorList(reader.errors)
    return doc


def _unread_sheets(wb: Any, name: str, sheet: str = SHEET) -> list[str]:
    """A note for each sheet a person added to the form with anything in it: only
    the form's ``sheet`` is read (and the template's hidden sheets)."""
    added = [ws for ws in wb.worksheets if ws.title not in (sheet, META, LISTS)]
    return [
        _(
            "{path}: note: sheet '{sheet}' is not read (the form reads the sheet {form}); "
            "what it holds is neither scored nor kept"
        ).format(path=name, sheet=ws.title, form=SHEET)
        for ws in added
        if any(_text(c) for row in ws.iter_rows(values_only=True) for c in row)
    ]


#: the columns read in an indicator's row (id, actual, chosen, claimed, N/A, note)
ROW_COLUMNS = tuple(COLUMNS[k][0] for k in ("id", "actual", "chosen", "claimed", "na", "note"))
#: the entries outside the form's cells said one by one; more are counted
UNREAD_SHOWN = 5
#: the label of the total row, in the name column
TOTAL_LABEL = "合计"
#: how the template marks the actual of a value computed from the inputs
DERIVED = "由原始数据计算："


class _Cells:
    """Fills ``doc`` from the cells of one form sheet, collecting cell problems:
    the head alone (with no spec to read the rest by)."""

    def __init__(self, doc: Document, ws: Any, xml: SheetXml):
        self.doc, self.ws, self.xml = doc, ws, xml
        self.errors: list[ActualsError] = []

    def read(self, layout: Layout) -> None:
        self.head(layout)

    def pos(self, row: int, col: int) -> Pos:
        return Pos(self.doc.file, row, col)

    def fail(self, message: str, row: int, col: int) -> None:
        self.errors.append(ActualsError(message, self.pos(row, col)))

    def value(self, row: int, col: int, what: str) -> Any:
        """A cell's value; a cell whose value was not saved (a formula never
        calculated, an error value) is a problem, located, and reads as None."""
        unread = self.xml.unread.get((row, col))
        if unread is not None:
            self.fail(_("{what}: {problem}").format(what=what, problem=unread), row, col)
            return None
        return self.ws.cell(row, col).value

    def put(self, section: str, key: str, value: Any, row: int, col: int) -> None:
        data = self.doc.data
        if section in ("entity", "period", "claimed_total", "spec"):
            data[section] = value
            self.doc.positions[(section,)] = self.pos(row, col)
            return
        data.setdefault(section, {})[key] = value
        here = self.pos(row, col)
        self.doc.positions[(section, key)] = here
        self.doc.key_positions[(section, key)] = here
        self.doc.positions.setdefault((section,), here)

    def head(self, layout: Layout) -> None:
        self.put("spec", "", layout.spec_id, 2, 2)
        for key, (row, col), what in (
            ("entity", ENTITY_CELL, "评价对象"),
            ("period", PERIOD_CELL, "评价年度"),
        ):
            text = _text(self.value(row, col, what))
            if text:
                self.put(key, "", text, row, col)
            else:  # where a message asks for it
                self.doc.positions[(key,)] = self.pos(row, col)


class _Reader(_Cells):
    """The whole form, read by its spec."""

    def __init__(self, doc: Document, ws: Any, spec: Spec, xml: SheetXml, others: frozenset[str]):
        super().__init__(doc, ws, xml)
        self.spec = spec
        self.others = others
        #: the row of each indicator and input read (a second row is refused)
        self.rows: dict[str, int] = {}
        self.input_rows: dict[str, int] = {}
        #: leaves with neither a value nor a reason, and inputs without a value: (row, id)
        self.empty: list[tuple[int, str]] = []
        self.empty_inputs: list[int] = []
        #: whether every block was read (a merged entry stops the reading)
        self.whole = False
        #: whether a row's id is unknown or given twice (not a row deleted)
        self.changed_ids = False
        #: the 合计 row, whose 自评得分 is the claimed total
        self.total_line = 0

    def read(self, layout: Layout) -> None:
        """The head, the inputs, the indicators and the claimed total."""
        self.head(layout)
        if layout.spec_id != self.spec.id:
            return  # every id would look unknown: the check of the actuals says the one thing
        self.header(layout.indicators[0] - 1)
        total = self.total_line = self.total_row(layout)
        rows = self.indicator_rows(layout, total)
        if self.refuse_merged(layout, rows, total):
            return  # a merged cell reads empty: what else is wrong would mislead
        self.inputs(layout)
        for row in rows:
            self.indicator_row(row)
        self.absent_rows(rows)
        self.claimed_total(total)
        self.locate_missing(layout)
        self.unread_cells(layout, rows, total)
        self.whole = True

    def placed(self) -> list[ActualsError]:
        """The cells' problems, each with the path of what its cell would have given
        (an indicator's value, score within its grade or claim, an input's value), so
        that the check of the form neither checks it again nor calls it missing."""
        ids = {row: iid for iid, row in self.rows.items()}
        inputs = {row: iid for iid, row in self.input_rows.items()}
        by_column = {
            COLUMNS["chosen"][0]: "score",
            COLUMNS["claimed"][0]: "claimed",
            COLUMNS["na"][0]: "not_applicable",
            COLUMNS["note"][0]: "notes",
        }
        out = []
        for err in self.errors:
            pos, path = err.pos, err.path
            if pos is not None and not path and pos.line in ids:
                iid, section = ids[pos.line], by_column.get(pos.col, "values")
                path = ("values", iid, "score") if section == "score" else (section, iid)
            elif pos is not None and not path and pos.line in inputs:
                path = ("inputs", inputs[pos.line])
            elif (
                pos is not None
                and not path
                and (pos.line, pos.col)
                == (
                    self.total_line,
                    COLUMNS["claimed"][0],
                )
            ):  # the claimed total: a claim, as an indicator's is
                path = ("claimed_total",)
            out.append(err if path == err.path else ActualsError(err.message, pos, path))
        return out

    def header(self, row: int) -> None:
        """The indicator table's header as the template wrote it. A title found in
        another column means columns were inserted, deleted or moved (a sheet
        unprotected elsewhere): every cell would be read from the wrong column,
        so the form is refused at the first such title, in one line. A title
        changed in place is read as the template's column, and said in a note."""
        titles = {_text(self.ws.cell(row, c).value): c for c in range(1, self.ws.max_column + 1)}
        for _key, (col, title) in COLUMNS.items():
            found = _text(self.ws.cell(row, col).value)
            if found == title:
                continue
            said = {
                "path": _ref_at(self.doc.file, row, col),
                "col": _ref(1, col)[:-1],
                "found": shown(found),
                "title": title,
            }
            moved = titles.get(title)
            if moved is not None:
                raise LoadError(
                    _(
                        "{path}: column {col} is headed '{found}' where the form has "
                        "'{title}', which is in column {moved}: a column was inserted, deleted "
                        "or moved; put the columns back as the form has them, or fill in a new "
                        "form from 'scorecard template'"
                    ).format(**said, moved=_ref(1, moved)[:-1])
                )
            self.doc.notes.append(
                _(
                    "{path}: note: column {col} is headed '{found}' where the form has "
                    "'{title}'; it is read as {title}"
                ).format(**said)
            )

    # -- where the rows are
    def total_row(self, layout: Layout) -> int:
        """The row labelled 合计: where the form says, else found below the first
        indicator (rows were inserted or deleted); a form without one is refused."""
        if self.is_total(layout.total):
            return layout.total
        for row in range(layout.indicators[0], self.ws.max_row + 1):
            if self.is_total(row):
                return row
        raise LoadError(
            _(
                "{path}: no row labelled {label} (the total) below the indicators: the form "
                "was reshaped; write a new form with 'scorecard template' and copy the "
                "entries into it"
            ).format(path=self.doc.file, label=TOTAL_LABEL)
        )

    def is_total(self, row: int) -> bool:
        return _text(self.ws.cell(row, COLUMNS["name"][0]).value) == TOTAL_LABEL and not _text(
            self.ws.cell(row, COLUMNS["id"][0]).value
        )

    def indicator_rows(self, layout: Layout, total: int) -> list[int]:
        """The rows read as indicators: those above the total, and any row below it
        that names one of the spec's indicators (moved, or a second copy)."""
        below = [
            row
            for row in range(total + 1, self.ws.max_row + 1)
            if _text(self.ws.cell(row, COLUMNS["id"][0]).value) in self.spec.by_id
        ]
        return [*range(layout.indicators[0], total), *below]

    def refuse_merged(self, layout: Layout, rows: list[int], total: int) -> bool:
        """Refuse a merged range over a cell the form is read from (it reads empty);
        whether there was one."""
        import bisect

        read: dict[int, tuple[int, ...]] = {ENTITY_CELL[0]: (2,), PERIOD_CELL[0]: (2,)}
        first, last = layout.inputs
        for row in range(first, last + 1) if first else ():
            read[row] = (INPUT_COLUMNS["id"], INPUT_COLUMNS["value"])
        read.update(dict.fromkeys(rows, ROW_COLUMNS))
        read[total] = (COLUMNS["claimed"][0],)
        order, before = sorted(read), len(self.errors)
        for merged in self.xml.merged:
            top, left, bottom, right, _ref = merged
            covered = order[bisect.bisect_left(order, top) : bisect.bisect_right(order, bottom)]
            if any(
                (row, col) != (top, left) and left <= col <= right
                for row in covered
                for col in read[row]
            ):
                self.errors.append(_merged_error(self.doc.file, merged))
        return len(self.errors) > before

    # -- the blocks
    def inputs(self, layout: Layout) -> None:
        first, last = layout.inputs
        for row in range(first, last + 1) if first else ():
            key = _text(self.value(row, INPUT_COLUMNS["id"], "编号"))
            if not key:
                continue
            known = self.spec.inputs.get(key)
            what = known.name if known is not None else key
            cell = self.value(row, INPUT_COLUMNS["value"], what)
            if key in self.input_rows:
                self.fail(_second_row("input", key, self.input_rows[key]), row, 1)
                continue
            self.input_rows[key] = row
            if not _text(cell):
                self.empty_inputs.append(row)
                continue
            unit = known.unit if known is not None else ""
            number = self.number(cell, row, INPUT_COLUMNS["value"], what, unit)
            if number is not None:
                self.put("inputs", key, number, row, INPUT_COLUMNS["value"])

    def indicator_row(self, row: int) -> None:
        """One row of the indicator table, matched by its id."""
        col = COLUMNS["id"][0]
        iid = _text(self.value(row, col, COLUMNS["id"][1]))
        if not iid:
            if (row, col) not in self.xml.unread:  # said already
                self.unlabelled(row)
            return
        ind = self.spec.by_id.get(iid)
        if ind is None and iid in self.others:  # the other spec's indicator (compare)
            self.doc.notes.append(
                _(
                    "{path}:{row}:{col}: note: '{iid}' is no indicator of {file}; its row is "
                    "left out of that spec's scoring"
                ).format(path=self.doc.file, row=row, col=col, iid=iid, file=self.spec.file)
            )
            return
        if ind is None or iid in self.rows:
            self.changed_ids = True
        if ind is None:
            self.fail(
                _(
                    "unknown indicator id '{iid}'{hint}; write the id the form was written "
                    "with (the spec's), or delete the row"
                ).format(iid=iid, hint=did_you_mean(iid, self.spec.by_id)),
                row,
                col,
            )
        elif iid in self.rows:
            self.fail(_second_row("indicator", iid, self.rows[iid]), row, col)
        else:
            self.rows[iid] = row
            self.stale_rule(ind, row)
            self.indicator(ind, row)

    def absent_rows(self, rows: list[int]) -> None:
        """A note for each indicator the form has no row of (a row deleted), at the
        row it would follow: its value is then missing, and the message for that
        (an error, or a 0 under ``--missing zero``) would send the unit to a cell
        that is not there. Where a row's id was changed (unknown, or given twice),
        that row's own message says what is wrong."""
        if not rows or self.changed_ids:
            return
        after = rows[0] - 1
        for ind in self.spec.walk():
            row = self.rows.get(ind.id)
            if row is not None:
                after = row
                continue
            # its missing value is told where the row would be, beside this note
            self.doc.key_positions[("values", ind.id)] = self.pos(after, COLUMNS["id"][0])
            self.doc.notes.append(
                _(
                    "{pos}: note: the form has no row of indicator '{id}' ({name}), which "
                    "should follow this one: was the row deleted? Put it back (its id in "
                    "column {col}), or fill in a new form from 'scorecard template'"
                ).format(
                    pos=self.pos(after, COLUMNS["id"][0]),
                    id=ind.id,
                    name=ind.name,
                    col=_ref(1, COLUMNS["id"][0])[:-1],
                )
            )

    def stale_rule(self, ind: Indicator, row: int) -> None:
        """A note where the form shows another target, weight or direction than
        the spec has now: it was written for other rules (and is scored by these)."""
        for key, now in (
            ("target", target_cell(ind)),
            ("weight", weight_cell(ind)),
            ("direction", DIRECTIONS.get(ind.direction or "")),
        ):
            col, title = COLUMNS[key]
            if (row, col) in self.xml.unread:
                continue
            shown = self.xml.exact.get((row, col)) or self.ws.cell(row, col).value
            if _same_cell(shown, now):
                continue
            self.doc.notes.append(
                _(
                    "{pos}: note: the form shows {title} {shown} for '{iid}' where the spec now "
                    "has {now}: it was written for other rules and is scored by the spec's; "
                    "'scorecard template' writes a form of the rules as they are"
                ).format(
                    pos=self.pos(row, col),
                    title=title,
                    shown=_text(shown) or _("nothing"),
                    iid=ind.id,
                    now=_text(now) or _("nothing"),
                )
            )

    def unlabelled(self, row: int) -> None:
        """A row with no id is read only if it is empty: an entry there would be lost."""
        titles = {c: title for c, title in COLUMNS.values()}
        for col in ROW_COLUMNS[1:]:
            if _text(self.value(row, col, titles[col])):
                self.fail(
                    _(
                        "an entry in a row with no indicator id (编号, column {id_col}); write "
                        "the indicator's id there, or move the entry into the indicator's row"
                    ).format(id_col=COLUMNS["id"][0]),
                    row,
                    col,
                )
                return

    def indicator(self, ind: Indicator, row: int) -> None:
        iid = ind.id
        label = _("{id} ({name})").format(id=iid, name=ind.name)
        cell = {
            key: self.value(row, c, _of(label, title))
            for key, (c, title) in COLUMNS.items()
            if c in ROW_COLUMNS[1:]
        }
        na = _text(cell["na"])
        if na:
            self.put("not_applicable", iid, na, row, COLUMNS["na"][0])
        if _text(cell["note"]):
            self.put("notes", iid, _text(cell["note"]), row, COLUMNS["note"][0])
        if _text(cell["claimed"]):
            self.claim(ind, label, cell["claimed"], row, bool(na))
        if self.unread_entries(ind, label, cell, row):
            return
        if not _text(cell["actual"]):
            if _text(cell["chosen"]) and isinstance(ind.method, GradesMethod):
                self.chosen_alone(label, row, bool(na), _text(cell["chosen"]))  # else lost
            elif not na:
                self.empty.append((row, iid))
            return
        self.actual(ind, label, cell, row)

    def table_mark(self, label: str, key: str, text: str, row: int) -> None:
        """Refuse a table's N/A mark in a cell of column ``key`` (实际完成值 or 等级内
        给分): a form gives its reason under 不适用原因."""
        col, title = COLUMNS[key]
        self.fail(
            _(
                "{what}: '{text}' marks it not applicable in a table; in the form write why "
                "in {na} (column {col}) and leave {chosen} empty"
            ).format(
                what=_of(label, title),
                text=text,
                na=COLUMNS["na"][1],
                col=_ref(1, COLUMNS["na"][0])[:-1],
                chosen=title,
            ),
            row,
            col,
        )

    def chosen_alone(self, label: str, row: int, na: bool, text: str) -> None:
        """Refuse a chosen score (等级内给分, ``text``) without its grade: in a row
        marked not applicable, or holding a table's N/A mark, at the score;
        otherwise at the empty 实际完成值."""
        chosen, chosen_title = COLUMNS["chosen"]
        actual, actual_title = COLUMNS["actual"]
        if text in NA_TOKENS and not na:
            self.table_mark(label, "chosen", text, row)
            return
        if na:
            message = _(
                "{what}: a chosen score for an indicator marked not applicable (不适用原因, "
                "column {na_col}); clear the score, or the reason"
            ).format(what=f"{label} {chosen_title}", na_col=_ref(1, COLUMNS["na"][0])[:-1])
            self.fail(message, row, chosen)
            return
        message = _(
            "{what} is empty, but {chosen} (column {col}) gives a chosen score within a "
            "grade; fill in the grade"
        ).format(what=f"{label} {actual_title}", chosen=chosen_title, col=_ref(1, chosen)[:-1])
        self.fail(message, row, actual)

    def unread_entries(self, ind: Indicator, label: str, cell: dict[str, Any], row: int) -> bool:
        """Refuse an entry in a cell this indicator's row does not read (it would be
        lost): the actual and chosen score of a group, the actual of a value computed
        from the inputs (where the form says so), a chosen score of an indicator
        without grades. Whether the row has no actual to read."""
        computed = ind.derive is not None
        actual_read = not ind.is_group and not computed
        chosen_read = actual_read and isinstance(ind.method, GradesMethod)
        for key, read in (("actual", actual_read), ("chosen", chosen_read)):
            text = _text(cell[key])
            if read or not text or (key == "actual" and computed and text.startswith(DERIVED)):
                continue
            col, title = COLUMNS[key]
            self.fail(_unread_problem(ind, key).format(what=_of(label, title)), row, col)
        return not actual_read

    def claim(self, ind: Indicator, label: str, raw: Any, row: int, na: bool) -> None:
        """A claimed score: a number of points from 0 to the weight, on an indicator
        that is applicable."""
        col = COLUMNS["claimed"][0]
        number = self.number(raw, row, col, _of(label, "自评得分"))
        if number is None:
            return
        if na:
            self.fail(
                _(
                    "{what}: a score is claimed for an indicator marked not applicable "
                    "(不适用原因, column {na_col}); clear the claim, or the reason"
                ).format(what=_of(label, "自评得分"), na_col=_ref(1, COLUMNS["na"][0])[:-1]),
                row,
                col,
            )
        elif number < 0:  # the most it may be is checked with the form's N/A marks known
            self.fail(
                _("claimed score {score} for '{key}' lies outside 0 to its weight {weight}").format(
                    score=format_value(number), key=ind.id, weight=format_value(ind.weight)
                ),
                row,
                col,
            )
        else:
            self.put("claimed", ind.id, number, row, col)

    def actual(self, ind: Indicator, label: str, cell: dict[str, Any], row: int) -> None:
        col = COLUMNS["actual"][0]
        if _text(cell["actual"]) in NA_TOKENS and _text(cell["actual"]) not in _labels(ind):
            self.table_mark(label, "actual", _text(cell["actual"]), row)
            return
        if isinstance(ind.method, GradesMethod):
            grade = _text(cell["actual"])
            if _text(cell["chosen"]):
                chosen_col = COLUMNS["chosen"][0]
                chosen: Any = _text(cell["chosen"])
                if percent(chosen) is None:  # a share of the weight (75%) is checked as such
                    chosen = self.number(cell["chosen"], row, chosen_col, _of(label, "等级内给分"))
                if chosen is None:  # told at its cell, and not read
                    return
                self.put("values", ind.id, {"grade": grade, "score": chosen}, row, col)
                self.doc.positions[("values", ind.id, "score")] = self.pos(row, chosen_col)
            else:
                self.put("values", ind.id, grade, row, col)
            return
        if _text(cell["actual"]) in _labels(ind):  # a label its formula compares
            self.put("values", ind.id, _text(cell["actual"]), row, col)
            return
        number = self.number(cell["actual"], row, col, _of(label, "实际完成值"), ind.unit)
        if number is not None:
            self.put("values", ind.id, number, row, col)

    def claimed_total(self, total: int) -> None:
        col = COLUMNS["claimed"][0]
        what = _of(TOTAL_LABEL, "自评得分")
        claimed = self.value(total, col, what)
        if _text(claimed):
            number = self.number(claimed, total, col, what)
            if number is not None:
                self.put("claimed_total", "", number, total, col)

    def locate_missing(self, layout: Layout) -> None:
        """Missing values and inputs are reported at the first empty cell that
        needs one (else at the first cell of their block)."""
        na = self.doc.data.get("not_applicable", {})
        leaves = [
            (row, iid)
            for row, iid in sorted(self.empty)
            if not any(group in na for group in self.spec.ancestors(iid))
        ]
        for section, rows, column, first in (
            ("values", [row for row, _iid in leaves], COLUMNS["actual"][0], layout.indicators[0]),
            ("inputs", sorted(self.empty_inputs), INPUT_COLUMNS["value"], layout.inputs[0]),
        ):
            if section not in self.doc.data and first:
                self.doc.data[section] = {}
                self.doc.positions[(section,)] = self.pos(first, column)
                self.doc.key_positions[(section,)] = self.pos(first, column)
            if rows:
                self.doc.key_positions[(section,)] = self.pos(rows[0], column)

    def unread_cells(self, layout: Layout, rows: list[int], total: int) -> None:
        """A note for each entry outside what the form is made of and read from (a
        remark beside the table, a row under 合计): it is neither scored nor kept."""
        width = max(c for c, _title in COLUMNS.values())
        input_width = max(INPUT_COLUMNS.values())
        first, last = layout.inputs
        table = {*range(layout.indicators[0] - 1, total + 1), *rows}
        inputs = set(range(first - 2, last + 1)) if first else set()
        found = []
        for line in self.ws.iter_rows():
            for cell in line:
                if cell.value is None or not _text(cell.value):
                    continue
                row, col = cell.row, cell.column
                if (row in table and col <= width) or (row in inputs and col <= input_width):
                    continue
                if row <= PERIOD_CELL[0] and col <= 3:  # the head: 规格, 评价对象, 评价年度
                    continue
                found.append((row, col, _text(cell.value)))
        for row, col, text in found[:UNREAD_SHOWN]:
            self.doc.notes.append(
                _(
                    "{pos}: note: cell {cell} holds '{text}', outside what the form reads: "
                    "it is neither scored nor kept; write a remark in 偏差原因 (column {note}) "
                    "of its indicator's row"
                ).format(
                    pos=self.pos(row, col),
                    cell=_ref(row, col),
                    text=text if len(text) <= 40 else text[:40] + "…",
                    note=_ref(1, COLUMNS["note"][0])[:-1],
                )
            )
        if len(found) > UNREAD_SHOWN:
            self.doc.notes.append(
                ngettext(
                    "{path}: note: {n} more cell outside what the form reads",
                    "{path}: note: {n} more cells outside what the form reads",
                    len(found) - UNREAD_SHOWN,
                ).format(path=self.doc.file, n=len(found) - UNREAD_SHOWN)
            )

    # -- numbers
    def number(
        self, raw: Any, row: int, col: int, what: str, unit: str | None = None
    ) -> Fraction | None:
        """A cell's number, exact from its shortest decimal text; text is read as a
        table's cell is (:func:`text_number`).

        ``unit`` is the value's unit (None for a score, in points). A cell that shows
        a percentage (typed ``90%``, stored 0.9) is read as shown, 90, when the unit
        is ``%``; for any other unit it cannot be decided and is refused."""
        try:
            fmt = self.ws.cell(row, col).number_format
            return _number(raw, unit, fmt, self.xml.exact.get((row, col)))
        except NumberError as e:
            self.fail(_("{what}: {problem}").format(what=what, problem=e), row, col)
            return None


def _second_row(kind: str, key: str, first: int) -> str:
    """The problem of a second row for one indicator (``kind`` "indicator") or input."""
    if kind == "input":
        return _(
            "input '{key}' has a second row here (row {first} has it too); one row per "
            "input: delete or correct one"
        ).format(key=key, first=first)
    return _(
        "indicator '{key}' has a second row here (row {first} has it too); one row per "
        "indicator: delete or correct one"
    ).format(key=key, first=first)


def _unread_problem(ind: Indicator, key: str) -> str:
    """Why an entry in the ``key`` cell of ``ind``'s row is not read ({what}: the cell)."""
    if ind.is_group:
        return _("{what}: a group is scored from its indicators; clear this cell")
    if key == "actual":
        return _(
            "{what}: this value is computed from the raw inputs (原始数据); clear this cell "
            "and fill in the inputs"
        )
    return _("{what}: a score within a grade is read for a graded indicator only; clear this cell")


def _number(raw: Any, unit: str | None, fmt: str, exact: str | None) -> Fraction:
    """The number a cell holds: a number cell at the 15 significant digits a
    spreadsheet keeps (:func:`~engine.base.numbers.spreadsheet_number`; ``exact``:
    its saved text, when longer than Excel writes), a text cell read as a table's
    cell; a date is no number."""
    import datetime

    if isinstance(raw, datetime.date | datetime.time | datetime.timedelta):
        raise NumberError(
            _(
                "the cell holds the date {date}, not a number; format it as a number and "
                "type the value"
            ).format(date=_shown_date(raw))
        )
    if isinstance(raw, bool):
        raise logical_cell(raw)
    if not isinstance(raw, int | float):
        return text_number(_text(raw), unit)
    value = _plain(exact or (repr(spreadsheet_number(raw)) if isinstance(raw, float) else str(raw)))
    if not shows_percent(fmt):
        return value
    if is_percent(unit):
        return value * 100
    raise NumberError(
        _(
            "the cell shows {shown}% (formatted as a percentage) but {unit}; format it "
            "as a plain number and type the value itself"
        ).format(
            shown=format_value(value * 100),
            unit=_("the unit is '{unit}'").format(unit=unit)
            if unit
            else _("this value has no unit")
            if unit is not None
            else _("a score is in points"),
        )
    )


def text_number(text: str, unit: str | None) -> Fraction:
    """A number typed as text, read by the rules of a table's cell: thousands
    separators (commas, or spaces) only in groups of three, a final ``%`` only
    when the unit is ``%``, full-width digits; anything else is refused, saying
    what is valid. ``unit`` is None for a score (in points)."""
    from ..base.text import shown

    t = " ".join(text.replace("\u00a0", " ").split())
    if t.endswith(("%", "％")):
        if not is_percent(unit):
            raise NumberError(
                _("'{text}' has a % but a score is in points; write the plain number").format(
                    text=shown(text)
                )
                if unit is None
                else _("'{text}' has a % but the unit is '{unit}'; write the plain number").format(
                    text=shown(text), unit=unit or "none"
                )
            )
        t = t[:-1].rstrip()
    t = ungrouped(t, text, unit)  # separators by the table's rule
    return _plain(t, text)


def _plain(text: str, shown_as: str | None = None) -> Fraction:
    """``parse_number``, saying what is valid when the text is no number at all."""
    try:
        return parse_number(text)
    except NumberError as e:
        if not e.plain:
            raise
        if shown_as is not None and shown_as != text:
            from ..base.text import shown

            e = NumberError(_("'{text}' is not a number").format(text=shown(shown_as)))
        raise NumberError(
            _("{problem}; write digits such as 3, 2.5 or 98.93").format(problem=e)
        ) from None


def _shown_date(raw: Any) -> str:
    """A date or time as Excel shows one by default: no time at midnight."""
    import datetime

    if isinstance(raw, datetime.datetime) and raw.time() == datetime.time():
        return raw.date().isoformat()
    if isinstance(raw, datetime.datetime):
        return raw.isoformat(sep=" ", timespec="seconds")
    return str(raw)


def _text(raw: Any) -> str:
    import datetime

    if raw is None:
        return ""
    if isinstance(raw, bool):  # as the sheet shows it, and as a table's cell reads
        return logical_text(raw)
    if isinstance(raw, float):
        return repr(spreadsheet_number(raw))
    if isinstance(raw, datetime.date | datetime.time):
        return _shown_date(raw)
    return str(raw).strip()


def _of(label: str, title: str) -> str:
    """A cell of an indicator's row named as the interface language writes it
    (``trips（外出招商活动次数）实际完成值`` in Chinese: no space after the bracket)."""
    return _("{indicator} {what}").format(indicator=label, what=title)
