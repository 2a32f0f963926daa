"""Read an Excel 指标表 as a grid of cell texts: merged cells filled from their
top-left cell, numbers as exact text (never through float arithmetic).

A workbook is checked before openpyxl builds it: openpyxl makes an object of every
cell a merged range covers, so a range reaching beyond the cells its sheet holds is
clipped to them first (a 5 KB file merging ``J1:ZZ200000`` would fill gigabytes).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import field
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from ..base.errors import LoadError, UsageError, did_you_mean
from ..base.files import not_there
from ..base.i18n import _
from ..base.numbers import spreadsheet_number
from ..base.numfmt import shows_percent
from ..base.records import record

#: the largest workbook read whole (a 指标表 or a 自评表 form: a few hundred rows),
#: all its parts uncompressed; a table of entities is read by the table reader
MAX_WORKBOOK_BYTES = 32 * 1024 * 1024
#: the most cells a sheet read whole may span, from A1 to its farthest cell
MAX_SHEET_CELLS = 1_000_000
#: the most cells the merged ranges of a workbook may cover, once clipped to the
#: cells their sheets hold (openpyxl makes an object of each; a 指标表 merges a few
#: thousand at most)
MAX_MERGED_CELLS = 100_000

#: a part that may hold merged ranges: the tag's name in UTF-8 (or any encoding
#: that keeps ASCII) or in UTF-16
_MAY_MERGE = re.compile(
    re.escape(b"mergeCell")
    + b"|"
    + re.escape("mergeCell".encode("utf-16-le"))
    + b"|"
    + re.escape("mergeCell".encode("utf-16-be"))
)
#: a ``<mergeCell ref="…"/>`` element as written, with any namespace prefix
_MERGE_ELEMENT = re.compile(
    rb"<(?P<prefix>[A-Za-z_][\w.-]*:)?mergeCell\b(?P<attrs>[^>]*?)"
    rb"(?:/>|>\s*</(?P=prefix)?mergeCell\s*>)"
)
_REF = re.compile(rb"""\bref\s*=\s*(["'])([^"']*)\1""")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
#: what a damaged or unexpected part raises while it is checked
_DAMAGED = (
    zipfile.BadZipFile,
    OSError,
    ValueError,
    KeyError,
    RuntimeError,
    NotImplementedError,
    EOFError,
    zlib.error,
    ElementTree.ParseError,
)


def open_small_workbook(path: str, unreadable: str, kind: str) -> Any:
    """An .xlsx workbook opened whole with openpyxl, after a check of its size: a
    damaged one is ``unreadable`` (one line), a large one is refused before it fills
    memory, and merged ranges beyond the cells a sheet holds are clipped to them
    (see :func:`_clip_merges`). ``kind`` names what was expected, for the message."""
    import openpyxl

    try:
        with zipfile.ZipFile(path) as z:
            size = sum(info.file_size for info in z.infolist())
            if size > MAX_WORKBOOK_BYTES:
                raise LoadError(
                    _(
                        "{path}: {size} bytes uncompressed, over the {max} a {kind} may "
                        "hold; is this the right file?"
                    ).format(path=path, size=size, max=MAX_WORKBOOK_BYTES, kind=kind)
                )
            source: str | io.BytesIO = _clip_merges(z, path, kind) or path
    except _DAMAGED:
        from ..base.files import sealed_workbook

        raise LoadError(sealed_workbook(path) or unreadable) from None
    try:
        return openpyxl.load_workbook(source, data_only=True)
    except Exception:  # openpyxl's and the XML parser's errors on a damaged part
        raise LoadError(unreadable) from None


@record
class _Merges:
    """One sheet part's merged ranges, as written, and the last row and column
    holding a cell (what openpyxl makes of the part without its merges)."""

    refs: list[str] = field(default_factory=list)
    rows: int = 0
    cols: int = 0


#: a row's number as a sheet writes it (a whole number, maybe as 3.0): never an
#: exponent, whose integer may have millions of digits
_ROW_NUMBER = re.compile(r"[0-9]{1,9}(?:\.0*)?")


def _survey(data: bytes) -> _Merges | None:
    """The merged ranges and the extent of the cells of one sheet part (None: not a
    sheet's XML, left to openpyxl); cells without a reference are placed as openpyxl
    places them, after the one before."""
    from openpyxl.utils.cell import coordinate_to_tuple

    out = _Merges()
    row = col = 0
    try:
        for event, el in ElementTree.iterparse(io.BytesIO(data), events=("start", "end")):
            tag = el.tag.rpartition("}")[2]
            if event == "start":
                if tag == "row":
                    r = el.get("r")
                    if r is not None and not _ROW_NUMBER.fullmatch(r):
                        return None  # 3e3000000 and the like: left to openpyxl
                    row, col = int(Decimal(r or row + 1)), 0
                continue
            if tag == "c":
                ref = el.get("r")
                row, col = coordinate_to_tuple(ref) if ref else (row, col + 1)
                out.rows, out.cols = max(out.rows, row), max(out.cols, col)
                el.clear()
            elif tag == "mergeCell":
                out.refs.append(el.get("ref") or "")
            elif tag == "row":
                el.clear()
    except (ElementTree.ParseError, ArithmeticError, ValueError):
        return None
    return out


def _clipped(ref: str, rows: int, cols: int) -> tuple[str | None, int]:
    """A merged range cut to the first ``rows`` and ``cols`` (None: nothing of it
    left but its top-left cell), and how many cells the cut range covers; a range
    that does not read is kept as written, for openpyxl to refuse."""
    from openpyxl.utils.cell import get_column_letter, range_boundaries

    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
    except ValueError:
        return ref, 0
    low_col, low_row = min_col or 1, min_row or 1
    high_col, high_row = min(max_col or cols, cols), min(max_row or rows, rows)
    if high_col < low_col or high_row < low_row or (high_col, high_row) == (low_col, low_row):
        return None, 0
    cut = f"{get_column_letter(low_col)}{low_row}:{get_column_letter(high_col)}{high_row}"
    return cut, (high_col - low_col + 1) * (high_row - low_row + 1)


def _clip_merges(z: zipfile.ZipFile, path: str, kind: str) -> io.BytesIO | None:
    """The workbook with each merged range cut to the cells its sheet holds, when one
    reaches beyond them (the cells beyond hold nothing: nothing read changes); None
    when none does. Refused in one line: merged ranges that still cover more than
    :data:`MAX_MERGED_CELLS` cells, or one that cannot be cut as written."""
    names = _sheet_names(z)
    rewritten: dict[str, bytes] = {}
    covered, largest = 0, (0, "", "")
    for info in z.infolist():
        data = z.read(info)
        if _MAY_MERGE.search(data) is None:
            continue
        found = _survey(data)
        if found is None:
            continue
        cuts: list[str | None] = []
        for ref in found.refs:
            cut, cells = _clipped(ref, found.rows, found.cols)
            cuts.append(cut)
            covered += cells
            largest = max(largest, (cells, info.filename, cut or ref))
        if cuts != found.refs:
            rewritten[info.filename] = _rewrite(data, found.refs, cuts, path, names, info)
    if covered > MAX_MERGED_CELLS:
        cells, part, ref = largest
        raise _merge_error(
            _(
                "{path}:{row}:{col}: sheet '{sheet}': merged ranges cover {cells:,} cells "
                "({ref} the largest), far more than the {kind} needs; unmerge them"
            ),
            path,
            names.get(part, part),
            ref,
            cells=covered,
            kind=kind,
        )
    if not rewritten:
        return None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as copy:
        for info in z.infolist():
            copy.writestr(info.filename, rewritten.get(info.filename) or z.read(info))
    out.seek(0)
    return out


def _rewrite(
    data: bytes,
    refs: list[str],
    cuts: list[str | None],
    path: str,
    names: dict[str, str],
    info: zipfile.ZipInfo,
) -> bytes:
    """The part with its ``<mergeCell>`` elements replaced by the cut ranges (or left
    out); refused when the elements as written are not the ranges the XML holds."""
    elements = list(_MERGE_ELEMENT.finditer(data))
    written = [_written_ref(m) for m in elements]
    if written != refs:
        first = next(r for r, c in zip(refs, cuts, strict=True) if r != c)
        raise _merge_error(
            _(
                "{path}:{row}:{col}: sheet '{sheet}': merged cells {ref} reach beyond the "
                "sheet's cells and cannot be cut to them; unmerge them in Excel"
            ),
            path,
            names.get(info.filename, info.filename),
            first,
        )
    out, at = bytearray(), 0
    for m, ref, cut in zip(elements, refs, cuts, strict=True):
        out += data[at : m.start()]
        if cut == ref:
            out += m.group()
        elif cut is not None:
            out += b'<%smergeCell ref="%s"/>' % (m["prefix"] or b"", cut.encode())
        at = m.end()
    return bytes(out + data[at:])


def _written_ref(element: re.Match[bytes]) -> str:
    """The ``ref="…"`` of a ``<mergeCell>`` element as written ("" when it has none)."""
    ref = _REF.search(element["attrs"])
    return ref[2].decode("ascii", "replace") if ref else ""


def _merge_error(message: str, path: str, sheet: str, ref: str, **more: Any) -> LoadError:
    """A merged range's problem, located at its top-left cell."""
    from openpyxl.utils.cell import range_boundaries

    try:
        col, row = (n or 1 for n in range_boundaries(ref)[:2])
    except ValueError:
        col = row = 1
    return LoadError(message.format(path=path, row=row, col=col, sheet=sheet, ref=ref, **more))


def _sheet_names(z: zipfile.ZipFile) -> dict[str, str]:
    """The name of each sheet by its part (``xl/worksheets/sheet1.xml``), as far as
    the workbook says; {} when it does not."""
    import posixpath

    try:
        book = ElementTree.fromstring(z.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    except _DAMAGED:
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG}Relationship")}
    out: dict[str, str] = {}
    for s in book.iter(f"{_MAIN}sheet"):
        target = targets.get(s.get(f"{_REL}id"), "")
        part = target[1:] if target.startswith("/") else posixpath.join("xl", target)
        out[posixpath.normpath(part)] = s.get("name", "")
    return out


@record(frozen=True)
class Grid:
    """A sheet's cells as text, 1-based row and column numbers kept for messages;
    ``formulas``: the cells holding a formula saved without its value (shown as
    empty), by (row, column)."""

    file: str
    sheet: str
    rows: list[list[str]]
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    #: cells of a merged range over several rows, every one of which reads as its
    #: first cell's value: the range, e.g. E2:E3
    copied: dict[tuple[int, int], str] = field(default_factory=dict)
    #: rows Excel hides
    hidden_rows: frozenset[int] = frozenset()
    #: every cell of a merged range (in any direction), by (row, column): the range
    merged: dict[tuple[int, int], str] = field(default_factory=dict)

    def cell(self, row: int, col: int) -> str:
        r = self.rows[row - 1] if 0 < row <= len(self.rows) else []
        return r[col - 1] if 0 < col <= len(r) else ""


def _text(value: Any, fmt: str) -> str:
    """A cell's value as the table shows it: a number exact (see :func:`_number`),
    a boolean as 是/否, text with its runs of white space made one space."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        return _number(value, fmt)
    return " ".join(str(value).split())


def _number(value: int | float, fmt: str) -> str:
    """A number as its format shows it, at the 15 significant digits a spreadsheet
    keeps (:func:`~engine.base.numbers.spreadsheet_number`): times
    100 with '%' when the format shows a percentage (0.95 typed as 95%), followed by
    the '%' a format prints after the number as stored (95.5 under ``0.0"%"``)."""
    number = Decimal(repr(spreadsheet_number(value)) if isinstance(value, float) else value)
    if shows_percent(fmt):
        return _plain(number * 100) + "%"
    return _plain(number) + ("%" if "%" in fmt else "")


def _plain(number: Decimal) -> str:
    """A decimal in positional notation, without trailing zeros: 95, 0.00001."""
    if not number.is_finite():
        return str(number)
    return format(number.normalize(), "f")


def read_grid(path: str, sheet: str | None = None) -> Grid:
    """The sheet (the first one shown unless named: a hidden sheet is read only when
    named) as a grid of texts."""
    try:
        import openpyxl  # noqa: F401
    except ImportError:  # pragma: no cover - a declared dependency
        raise UsageError(_("reading .xlsx needs openpyxl: pip install openpyxl")) from None
    p = Path(path)
    if not p.is_file():
        raise LoadError(not_there(path))
    if p.suffix.lower() not in (".xlsx", ".xlsm"):
        raise UsageError(
            _("{path}: give an Excel workbook (.xlsx); save other formats as .xlsx").format(
                path=path
            )
        )
    unreadable = _("{path}: not a readable .xlsx workbook").format(path=path)
    wb = open_small_workbook(path, unreadable, _("indicator table"))
    ws = _chosen(wb, path, sheet, unreadable)
    _check_span(ws, path)
    rows = [[""] * ws.max_column for _ in range(ws.max_row)]
    for (r, c), cell in ws._cells.items():  # the cells the sheet holds, not its span
        rows[r - 1][c - 1] = _text(cell.value, getattr(cell, "number_format", "") or "")
    copied: dict[tuple[int, int], str] = {}
    spans: dict[tuple[int, int], str] = {}
    for merged in ws.merged_cells.ranges:
        top = rows[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                rows[r - 1][c - 1] = top
                spans[(r, c)] = merged.coord
                if merged.max_row > merged.min_row:  # over rows: several indicators share it
                    copied[(r, c)] = merged.coord
    hidden = frozenset(r for r, d in ws.row_dimensions.items() if d.hidden and 0 < r <= len(rows))
    wb.close()
    formulas = _unsaved_formulas(path, ws.title, rows)
    return Grid(path, ws.title, rows, formulas, copied, hidden, spans)


def _chosen(wb: Any, path: str, sheet: str | None, unreadable: str) -> Any:
    """The named worksheet, else the first one Excel shows (the first of all when
    every one is hidden)."""
    sheets = wb.worksheets
    names = [ws.title for ws in sheets]
    if sheet is not None and sheet not in names:
        raise UsageError(
            _("--sheet {sheet}: no such sheet in {path}{hint}; sheets: {list}").format(
                sheet=sheet, path=path, hint=did_you_mean(sheet, names), list=_(", ").join(names)
            )
        )
    if not sheets:
        raise LoadError(unreadable)
    if sheet is not None:
        return wb[sheet]
    return next((ws for ws in sheets if ws.sheet_state == "visible"), sheets[0])


def _check_span(ws: Any, path: str) -> None:
    """Refuse a sheet whose cells span more than :data:`MAX_SHEET_CELLS` from A1."""
    if ws.max_row * ws.max_column > MAX_SHEET_CELLS:
        from openpyxl.utils import get_column_letter

        raise LoadError(
            _(
                "{path}:{row}:{col}: the sheet reaches cell {ref}, {cells:,} cells from A1; "
                "an indicator table is far smaller: delete the cells beyond it"
            ).format(
                path=path,
                row=ws.max_row,
                col=ws.max_column,
                ref=f"{get_column_letter(ws.max_column)}{ws.max_row}",
                cells=ws.max_row * ws.max_column,
            )
        )


def _unsaved_formulas(path: str, title: str, rows: list[list[str]]) -> dict[tuple[int, int], str]:
    """The formulas of the sheet's empty cells: saved without their value, they read
    as empty (the sheet read once more, streamed, over the cells already read)."""
    import openpyxl

    if not rows or not rows[0]:
        return {}
    wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        cells = wb[title].iter_rows(max_row=len(rows), max_col=len(rows[0]), values_only=True)
        return {
            (r, c): formula
            for r, row in enumerate(cells, start=1)
            for c, value in enumerate(row, start=1)
            if not rows[r - 1][c - 1]
            and isinstance(formula := getattr(value, "text", value), str)
            and formula.startswith("=")
        }
    except Exception as e:  # openpyxl's own (a shared formula it cannot translate)
        raise LoadError(
            _(
                "{path}: the formulas of sheet '{sheet}' cannot be read ({problem}); save the "
                "workbook again from Excel"
            ).format(path=path, sheet=title, problem=f"{type(e).__name__}: {e}"[:120])
        ) from None
    finally:
        wb.close()
