"""What an XLSX sheet holds, surveyed from its XML before the reader runs: where
its cells reach, how many there are, its rows' order, merged cells and error
values.

The reader takes a sheet as one rectangle, from A1 to its farthest cell: a 5 KB
sheet with one cell at XFD1048576 would become 17 billion cells. The survey
counts the cells first, so the rectangle read stays within a few times the cells
the file holds (memory in proportion to the input). It also finds what the values
alone would hide: an error value such as ``#DIV/0!`` reads as an empty cell,
merged cells show one value across cells that read empty, and two rows with the
same number (a damaged file) would leave one of them unread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import field
from typing import Any, Protocol

from ..base.errors import LoadError
from ..base.i18n import _, ngettext
from ..base.records import record

#: the most rows and columns a sheet has in Excel (row 1048576, column XFD)
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
#: the rectangle read may hold this many cells more than the sheet has, and this
#: many times as many: blank cells inside a table are fine, a stray far cell is not
SPARE_CELLS = 1_000_000
SPARE_FACTOR = 4


class UnreadCell:
    """A cell whose value the reader cannot give (it would read as empty): its row
    fails with :meth:`problem`, and the other rows go on."""

    __slots__ = ()

    def problem(self) -> str:  # pragma: no cover - every kind says its own
        raise NotImplementedError

    def shown(self) -> str:  # pragma: no cover - every kind says its own
        """What the cell shows, or holds: its row's entity where it is the entity's."""
        raise NotImplementedError


@record(frozen=True)
class CellError(UnreadCell):
    """An XLSX cell holding an error value (``#DIV/0!``, ``#N/A``)."""

    cell: str
    value: str

    def problem(self) -> str:
        return _(
            "cell {cell} holds the error value {value} (a formula that failed in Excel); "
            "correct it in the workbook, or write the value"
        ).format(cell=self.cell, value=self.value)

    def shown(self) -> str:
        return self.value


@record
class Survey:
    """What the sheet's XML holds."""

    cells: int = 0
    rows: int = 0  # the highest row number
    columns: int = 0  # the highest column number
    far: tuple[int, int, str] = (1, 1, "A1")  # the cell that reaches farthest
    errors: dict[tuple[int, int], CellError] = field(default_factory=dict)
    #: merged ranges: row, column and ref of each (at least the first
    #: :data:`MERGED_TOLD` in the sheet's order)
    merged: list[tuple[int, int, str]] = field(default_factory=list)
    #: how many ranges are merged in all
    merged_count: int = 0
    disorder: tuple[int, int] | None = None  # a row numbered at or before the one above
    #: the first cell at or before the cell before it, by row then column (written
    #: twice, or out of order), and that cell: (row, column) each
    repeated: tuple[tuple[int, int], tuple[int, int]] | None = None
    #: a row's or cell's tag written in a form the survey does not read (single
    #: quotes, spaces around "=", a ">" in a value, a reference twice, another
    #: prefix); looked for in fewer pieces where the bytes' reading succeeds, so not
    #: part of what two readings of a sheet compare
    odd: str | None = field(default=None, compare=False)
    #: the last cell read: row, column (a piece may end within a row); the
    #: reading's own state, not what the survey found
    last: tuple[int, int] = field(default=(0, 0), compare=False)
    #: rows below the first hidden in the sheet that hold cells (``hidden="1"``,
    #: as Excel hides a row, or a filter does), in the sheet's order
    hidden_rows: list[int] = field(default_factory=list)
    #: ranges of hidden columns (first, last)
    hidden_columns: list[tuple[int, int]] = field(default_factory=list)


def column_letters(col: int) -> str:
    """The letters of column ``col`` (1 → A, 28 → AB)."""
    out = ""
    while col:
        col, rest = divmod(col - 1, 26)
        out = chr(65 + rest) + out
    return out


def column_number(letters: str) -> int:
    """The number of a column's letters (A → 1, AB → 28)."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


class _Patterns:
    """The survey's patterns for one namespace prefix (``x:`` in some writers)."""

    def __init__(self, prefix: bytes):
        self.prefix = prefix
        p = re.escape(prefix)
        self.cell = re.compile(rb"<" + p + rb"c[\s>/]")
        # letters of either case: readers take "b2" as B2. An attribute follows a
        # space: x14ac:r="Z9" is another namespace's, not the cell's reference
        self.ref = re.compile(rb"<" + p + rb'c(?=\s)[^>]*?\sr="([A-Za-z]++)([0-9]++)"')
        self.row = re.compile(rb"<" + p + rb'row(?=\s)[^>]*?\sr="([0-9]++)"')
        self.error = re.compile(
            rb"<" + p + rb'c(?=\s)(?=[^>]*\st="e")[^>]*?\sr="([A-Z]++)([0-9]++)"[^>]*>'
            rb"(?:(?!</" + p + rb"c>).)*?<" + p + rb"v>([^<]*+)</" + p + rb"v>",
            re.DOTALL,
        )
        self.merged = re.compile(
            rb"<" + p + rb'mergeCell(?=\s)[^>]*?\sref="([A-Z]++)([0-9]++)[^"]*"'
        )
        #: every row's and cell's opening tag, and its attributes
        self.tag = re.compile(rb"<" + p + rb"(row|c)(?=[\s>/])([^>]*)>")
        self.attribute_r = re.compile(rb'\sr="([^"]*)"')
        #: a row's or cell's tag the patterns above would not read: XML allows some
        #: of these forms, writers write none. Searched where the bytes' reading of
        #: references fails or a piece holds "='" (a search of every piece would cost
        #: a quarter of the survey)
        self.odd = re.compile(
            rb"<" + p + rb"(?:row|c)(?=\s)[^>]*?(?:\s=|=\s|=')[^>]*>"
            # a ">" inside an attribute's value, where the patterns end the tag
            rb"|<" + p + rb'(?:row|c)(?=\s)[^>]*?="[^"<]*>'
            # a reference twice: the patterns read the first, the reader the last
            rb"|<" + p + rb'(?:row|c)(?=\s)[^>]*?\sr="[^"]*"[^>]*?\sr="'
        )
        #: a hidden row that holds cells (not ``<row …/>``): its number, and
        #: whether the tag closes itself
        self.hidden_row = re.compile(
            rb"<" + p + rb'row(?=\s)(?=[^>]*\shidden="(?:1|true)")[^>]*?\sr="([0-9]+)"[^>]*?(/?)>'
        )
        #: a hidden range of columns: its first and last
        self.hidden_columns = re.compile(
            rb"<" + p + rb'col(?=\s)(?=[^>]*\shidden="(?:1|true)")'
            rb'(?=[^>]*\smin="([0-9]+)")(?=[^>]*\smax="([0-9]+)")'
        )
        #: a row or cell under another prefix than the sheet's: the reader takes an
        #: element by its name alone
        self.foreign = re.compile(
            rb"<(?!" + p + rb"(?:row|c)[\s>/])[A-Za-z_][\w.-]*:(?:row|c)(?=[\s>/])[^>]*>?"
        )


def sheet_prefix(body: bytes) -> bytes | None:
    """The namespace prefix the sheet's elements are written under (``x:``, or
    ``b""`` for none), from the piece that opens the sheet; None for another piece."""
    m = re.search(rb"<([A-Za-z_][\w.-]*:)?worksheet\b", body)
    return None if m is None else (m.group(1) or b"")


class PieceReader(Protocol):
    """What reads each piece's values as the survey goes
    (:class:`engine.batch.xlsx_values.SheetReader`)."""

    def read(
        self, body: bytes, codes: Any, at: Any, place: tuple[Any, Any] | None, ends: Any = None
    ) -> None: ...


def survey(pieces: Iterable[bytes], values: PieceReader | None = None) -> Survey:
    """The survey of a sheet given as pieces of its XML, each cut before a tag;
    ``values``: given each piece, its cells and their rows and columns (None
    where a reference is not read from the bytes, or the sheet has a prefix)."""
    found = Survey()
    patterns: _Patterns | None = None
    last_row = 0
    for body in pieces:
        if patterns is None:
            patterns = _Patterns(sheet_prefix(body) or b"")
        codes = _bytes(body)
        cells = _cells(codes, patterns.prefix)
        found.cells += len(cells)
        rows = patterns.row.findall(body)
        last_row = _in_order(found, rows, last_row)
        if found.odd is None and _prefixed(codes) and (m := patterns.foreign.search(body)):
            found.odd = m.group(0)[:80].decode("utf-8", "replace")
        numbered = _numbered(codes, cells, patterns.prefix)
        if numbered is not None and body.count(b'r="') != len(cells) + len(rows):
            numbered = None  # a reference more than the cells and rows: the patterns' turn
        # an attribute written otherwise (a style in single quotes, or with spaces
        # around "=", would hide a percentage) is looked for in every piece: the
        # bytes say whether an "=" is written otherwise, and the pattern runs only
        # there (a formula may hold one)
        looked = found.odd is None and (numbered is None or _loose(codes))
        if looked and (odd := patterns.odd.search(body)) is not None:
            found.odd = odd.group(0)[:80].decode("utf-8", "replace")
        if numbered is None:  # a reference of another form: the pattern reads them
            refs = patterns.ref.findall(body)
            read = len(refs) == len(cells)
            if read:
                placed = [(int(r), column_number(c.decode().upper())) for c, r in refs]
            else:  # cells with no reference: placed after the one before, as readers do
                placed = _implied_cells(found, body, patterns)
            _reach(found, placed)
            _cells_in_order(found, placed)
            if values is not None:
                values.read(body, codes, cells, _places(placed) if read else None)
        else:
            window, letters, digits = numbered
            place: tuple[Any, Any] = (cells, cells)  # none
            if len(window):
                column = _columns(window, letters)
                place = (_rows(window, letters, digits), column)
                _reach_window(found, window, letters, digits, place)
                _window_in_order(found, window, letters, digits, column)
            if values is not None:
                # each reference's closing quote is at its window's letters + digits
                ends = cells + len(patterns.prefix) + 6 + letters + digits
                values.read(body, codes, cells, None if patterns.prefix else place, ends)
        # the patterns of error values and merged cells need these words: most
        # sheets have neither, and a search for a word is far quicker
        errors = patterns.error.finditer(body) if b't="e"' in body else ()
        for m in errors:
            letters, row = m.group(1).decode(), int(m.group(2))
            value = m.group(3).decode("utf-8", "replace")
            found.errors[(row, column_number(letters))] = CellError(f"{letters}{row}", value)
        if b"hidden" in body:  # (a word most sheets do not hold)
            _hidden(found, body, patterns)
        # (a g first: the search for one byte is many times quicker, and a sheet's
        # cells and rows hold none)
        if b"g" in body and b"mergeCell" in body:
            for m in patterns.merged.finditer(body):
                found.merged_count += 1
                letters, row = m.group(1).decode(), int(m.group(2))
                ref = m.group(0).split(b'ref="')[1].rstrip(b'"').decode()
                found.merged.append((row, column_number(letters), ref))
                if len(found.merged) > 10 * MERGED_TOLD:  # the first in the sheet kept
                    found.merged = sorted(found.merged)[:MERGED_TOLD]
    found.rows = max(found.rows, last_row)
    return found


def _hidden(found: Survey, body: bytes, patterns: _Patterns) -> None:
    """Note the piece's hidden rows that hold cells (below the first), and its
    hidden columns."""
    for m in patterns.hidden_row.finditer(body):
        row = int(m.group(1))
        if row > 1 and not m.group(2):
            found.hidden_rows.append(row)
    for m in patterns.hidden_columns.finditer(body):
        found.hidden_columns.append((int(m.group(1)), int(m.group(2))))


#: bytes after ``<c`` that end a cell's tag name (``<c[\\s>/]``)
AFTER_NAME = b" \t\n\r\x0b\x0c>/"
#: the longest reference read from the bytes: 3 letters (XFD), 7 digits, a quote
_WINDOW = 11


def _bytes(body: bytes) -> Any:
    """The piece's bytes as a numpy array, with a few zeros after them (so that a
    look past the end reads a zero)."""
    import numpy as np

    codes = np.zeros(len(body) + _WINDOW + 4, dtype=np.uint8)
    codes[: len(body)] = np.frombuffer(body, dtype=np.uint8)
    return codes


def _prefixed(codes: Any) -> bool:
    """Whether the bytes hold a colon followed by ``c`` or ``row`` and then a byte
    that ends a tag's name: a cell or row may be under a prefix (looked at only
    then, with the pattern)."""
    import numpy as np

    at = np.flatnonzero(codes == ord(":"))
    if not len(at):
        return False
    ends = np.frombuffer(AFTER_NAME, dtype=np.uint8)
    cell = (codes[at + 1] == ord("c")) & np.isin(codes[at + 2], ends)
    row = (codes[at + 1] == ord("r")) & (codes[at + 2] == ord("o")) & (codes[at + 3] == ord("w"))
    return bool(cell.any() or (row & np.isin(codes[at + 4], ends)).any())


def _loose(codes: Any) -> bool:
    """Whether the bytes hold an "=" not written as writers write an attribute's
    (right after its name, right before a double quote): spaces around it, or a
    single quote after it."""
    import numpy as np

    at = np.flatnonzero(codes == ord("="))
    if not len(at):
        return False
    before = codes[at - 1]  # at 0: the zeros after the bytes
    spaced = (before <= ord(" ")) & (before > 0)  # white space (other controls: no XML)
    return bool(((codes[at + 1] != ord('"')) | spaced).any())


def found_at(codes: Any, text: bytes) -> Any:
    """Where ``text`` starts in the piece's bytes: a comparison per byte of it
    over shifted views, far quicker than listing where each byte is."""
    import numpy as np

    size = len(codes) - len(text)
    match = codes[:size] == text[0]
    for k, byte in enumerate(text[1:], 1):
        match &= codes[k : size + k] == byte
    return np.flatnonzero(match)


def _cells(codes: Any, prefix: bytes) -> Any:
    """Where the piece opens a cell: ``<c`` (with the namespace prefix) then a
    space, ``>`` or ``/``."""
    import numpy as np

    at = found_at(codes, b"<" + prefix + b"c")
    after = codes[at + len(prefix) + 2]
    return at[np.isin(after, np.frombuffer(AFTER_NAME, dtype=np.uint8))]


def _in_order(found: Survey, numbers: list[bytes], last_row: int) -> int:
    """Note the first row numbered at or before one above it (``last_row``: the
    highest before the piece); the highest row number after the piece."""
    import numpy as np

    if not numbers:
        return last_row
    wide = max(map(len, numbers)) > 18 or last_row >= 2**62  # beyond int64: Python integers
    rows = np.array([int(n) for n in numbers], dtype=object if wide else np.int64)
    above = np.maximum.accumulate(np.concatenate([[last_row], rows]))[:-1]
    back = np.flatnonzero(rows <= above)
    if len(back) and found.disorder is None:
        found.disorder = (int(rows[back[0]]), int(above[back[0]]))
    return max(last_row, int(above[-1]), int(rows[-1]))


def _numbered(codes: Any, cells: Any, prefix: bytes) -> tuple[Any, Any, Any] | None:
    """The piece's cell references read from the bytes, as writers write them:
    `` r="`` right after each cell's name (``cells``: where the tags open), then
    letters, digits and the closing quote; as a window of bytes with its number
    of letters and of digits. None unless every cell's tag starts so, each with
    1 to 3 letters and 1 to 7 digits, no leading zero (then the pattern reads
    them, as before: there the first ``r`` of the tag is the one read too)."""
    import numpy as np

    name = len(prefix) + 2  # "<" and "c"
    for shift, byte in enumerate(b' r="'):
        if not (codes[cells + name + shift] == byte).all():
            return None
    window = codes[(cells + name + 4)[:, None] + np.arange(_WINDOW)]
    letter = (window >= ord("A")) & (window <= ord("Z"))
    letters = np.argmin(letter, axis=1)
    if ((letters < 1) | (letters > 3)).any():
        return None  # none, or a run of letters to the window's end (argmin: 0)
    place = np.arange(_WINDOW)
    after = place >= letters[:, None]
    digit = (window >= ord("0")) & (window <= ord("9")) & after
    digits = np.argmin(digit | ~after, axis=1) - letters
    k = np.arange(len(window))
    end, first = window[k, letters + digits], window[k, letters]
    if ((digits < 1) | (digits > 7) | (end != ord('"')) | (first == ord("0"))).any():
        return None
    return window, letters, digits


def _reach_window(
    found: Survey, window: Any, letters: Any, digits: Any, place: tuple[Any, Any]
) -> None:
    """:func:`_reach` on references read from the bytes (``place``: their rows
    and columns); the farthest is the last that widens the rectangle, as there."""
    import numpy as np

    rows, columns = place
    col, row = int(columns.max()), int(rows.max())
    if col > found.columns or row > found.rows:
        widens = np.zeros(len(window), dtype=bool)
        if col > found.columns:
            widens |= columns == col
        if row > found.rows:
            widens |= rows == row
        i = int(np.flatnonzero(widens)[-1])
        ref = bytes(window[i, : letters[i] + digits[i]]).decode()
        found.far = (int(ref[letters[i] :]), column_number(ref[: letters[i]]), ref)
    found.columns = max(found.columns, col)
    found.rows = max(found.rows, row)


def _window_in_order(found: Survey, window: Any, letters: Any, digits: Any, column: Any) -> None:
    """:func:`_cells_in_order` on references read from the bytes (``column``:
    each one's column number). A row's digits (no leading zero, at most 7) are
    ordered as its number is by their count, then their bytes: both make one
    integer (the count in the top byte, the digits big-endian below it)."""
    import numpy as np

    if found.repeated is not None:
        return
    low, high = int(letters.min()), int(letters.max())
    rows = _eight(window, low)  # the eight bytes after the letters, the first on top
    for count in range(low + 1, high + 1):
        rows = np.where(letters == count, _eight(window, count), rows)
    top = np.array([((1 << (8 * k)) - 1) << (8 * (8 - k)) for k in range(8)], dtype=np.uint64)
    rows = ((rows & top[digits]) >> np.uint64(8)) | (digits.astype(np.uint64) << np.uint64(56))

    def cell(i: int) -> tuple[int, int]:
        return int(bytes(window[i, letters[i] : letters[i] + digits[i]])), int(column[i])

    _cells_in_order(found, [cell(0)])  # after the piece before
    if found.repeated is not None:
        return
    same = rows[1:] == rows[:-1]
    back = np.flatnonzero((rows[1:] < rows[:-1]) | (same & (column[1:] <= column[:-1])))
    if len(back):
        i = int(back[0]) + 1
        found.repeated = (cell(i), cell(i - 1))
        return
    found.last = cell(len(window) - 1)


def _places(placed: list[tuple[int, int]]) -> tuple[Any, Any]:
    """Cells' rows and columns as two arrays."""
    import numpy as np

    cells = np.array(placed, dtype=np.int64).reshape(-1, 2)
    return cells[:, 0], cells[:, 1]


def _rows(window: Any, letters: Any, digits: Any) -> Any:
    """The row number of each reference read from the bytes."""
    import numpy as np

    k = np.arange(len(window))
    rows = np.zeros(len(window), dtype=np.int64)
    for place in range(int(digits.max())):
        more = place < digits
        digit = window[k, np.minimum(letters + place, window.shape[1] - 1)] - ord("0")
        rows = np.where(more, rows * 10 + digit, rows)
    return rows


def _eight(window: Any, start: int) -> Any:
    """Bytes ``start`` to ``start + 8`` of each reference's window as one
    integer, the first byte the most significant."""
    import numpy as np

    return np.ascontiguousarray(window[:, start : start + 8]).view(">u8").reshape(-1)


def _columns(window: Any, letters: Any) -> Any:
    """The column number of each reference read from the bytes."""
    import numpy as np

    low, high = int(letters.min()), int(letters.max())
    column = (window[:, :low].astype(np.int64) - 64) @ 26 ** np.arange(low - 1, -1, -1)
    for place in range(low, high):  # the longer references' further letters
        longer = letters > place
        column[longer] = column[longer] * 26 + window[longer, place] - 64
    return column


def _cells_in_order(found: Survey, cells: list[tuple[int, int]]) -> None:
    """Note the first cell at or before the one before it, by row then column
    (a cell written twice, or out of order: Excel writes each cell once, row by
    row, left to right; a reader keeps the last of two); ``cells``: (row,
    column) in the order of the XML."""
    if found.repeated is not None:
        return
    before = found.last
    for cell in cells:
        if cell <= before:
            found.repeated = (cell, before)
            return
        before = cell
    found.last = before


def _implied_cells(found: Survey, body: bytes, patterns: _Patterns) -> list[tuple[int, int]]:
    """Every cell's (row, column) in the order of the XML, where some cells (or
    rows) have no reference: such a cell is the one after the cell before it in
    its row, such a row the one after the row before it, as readers place them."""
    out = []
    row, col = found.last
    for m in patterns.tag.finditer(body):
        ref = patterns.attribute_r.search(m.group(2) or b"")
        if m.group(1) == b"row":
            number = ref.group(1) if ref else b""
            row, col = int(number) if number.isdigit() else row + 1, 0
        elif ref and (cell := re.fullmatch(rb"([A-Za-z]+)([0-9]+)", ref.group(1))):
            row, col = int(cell.group(2)), column_number(cell.group(1).decode().upper())
            out.append((row, col))
        elif ref is None:
            col += 1
            out.append((row, col))
    return out


def _reach(found: Survey, cells: list[tuple[int, int]]) -> None:
    """Widen ``found`` to cells placed where readers place them ((row, column)
    each; a row of cells without references reaches as far as it is long); the
    farthest is the last that widens the rectangle."""
    if not cells:
        return
    col = max(c for _, c in cells)
    row = max(r for r, _ in cells)
    if col > found.columns or row > found.rows:
        far = next(
            (r, c)
            for r, c in reversed(cells)
            if (c == col and col > found.columns) or (r == row and row > found.rows)
        )
        found.far = (far[0], far[1], f"{column_letters(far[1])}{far[0]}")
    found.columns = max(found.columns, col)
    found.rows = max(found.rows, row)


def check_survey(found: Survey, path: str) -> None:
    """Refuse a sheet whose rectangle is far larger than what it holds, that goes
    beyond Excel's own limits, that is out of order, or that merges cells."""
    if found.odd is not None:
        raise LoadError(
            _(
                "{path}: the sheet's XML writes a row or cell in a form not checked before "
                "reading (single quotes, spaces around '=', '>' inside a value, a reference "
                "twice, or another prefix): {tag}; save the workbook again from Excel, or as CSV"
            ).format(path=path, tag=found.odd)
        )
    row, col, ref = found.far
    if found.columns > MAX_COLUMNS or found.rows > MAX_ROWS:
        raise LoadError(
            _(
                "{path}:{row}:{col}: cell {ref} is beyond the last row or column Excel has "
                "(XFD1048576); the workbook is damaged: save it again from Excel, or as CSV"
            ).format(path=path, row=row, col=col, ref=ref)
        )
    area = found.rows * found.columns
    if area > SPARE_CELLS + SPARE_FACTOR * found.cells:
        raise LoadError(
            _(
                "{path}:{row}:{col}: cell {ref} lies far outside the table: the sheet is "
                "read as one block of {rows:,} rows × {columns:,} columns for its {cells:,} "
                "cells; delete the cells beyond the table (Ctrl+End in Excel goes to the "
                "last one), or save the table as CSV"
            ).format(
                path=path,
                row=row,
                col=col,
                ref=ref,
                rows=found.rows,
                columns=found.columns,
                cells=found.cells,
            )
        )
    if found.disorder is not None:
        row, before = found.disorder
        raise LoadError(
            _(
                "{path}:{row}:1: row {row} comes after row {before} in the sheet's XML (twice, "
                "or out of order); the workbook is damaged: save it again from Excel, or as CSV"
            ).format(path=path, row=row, before=before)
        )
    if found.repeated is not None:
        (row, col), (left_row, left_col) = found.repeated
        ref, left = f"{column_letters(col)}{row}", f"{column_letters(left_col)}{left_row}"
        raise LoadError(
            _(
                "{path}:{row}:{col}: cell {ref} comes after cell {left} in the sheet's XML "
                "(written twice, or out of order); the workbook is damaged: save it again "
                "from Excel, or as CSV"
            ).format(path=path, row=row, col=col, ref=ref, left=left)
        )
    if found.merged and (
        any(row == 1 for row, _col, _ref in found.merged) or found.merged_count > len(found.merged)
    ):  # the header's (or too many to tell apart): below it, told once columns are known
        raise LoadError(_merged_problem(found, path))


def merged_read(found: Survey, path: str, read: Iterable[int]) -> None:
    """Refuse cells merged below the header in a column that is read (their value
    is in the first cell only); a range in a column not read (a department's name
    merged down a column the spec does not name) is left as it is."""
    columns = set(read)
    kept = [
        (row, col, ref)
        for row, col, ref in found.merged
        if any(lo <= j <= hi for j in columns for lo, hi in [_columns_of(ref, col)])
    ]
    if kept:
        told = Survey(columns=found.columns, rows=found.rows, merged=kept, merged_count=len(kept))
        raise LoadError(_merged_problem(told, path))


def _notes_below(found: Survey) -> list[tuple[int, str]]:
    """The rows and ranges of a sheet whose every merged range is one row merged
    across most of the sheet from its first columns, the last rows of the sheet:
    notes below the table (注：…, 填表说明, a signature line). None otherwise."""
    if found.merged_count != len(found.merged) or not found.merged:
        return []
    wide = []
    for row, col, ref in sorted(found.merged):
        span = re.fullmatch(r"[A-Z]+([0-9]+):([A-Z]+)([0-9]+)", ref)
        if row == 1 or col > 2 or not span or span[1] != span[3]:
            return []
        if column_number(span[2]) < max(3, found.columns // 2):
            return []
        wide.append((row, ref))
    last = [row for row, _ref in wide]
    return wide if last == list(range(found.rows - len(last) + 1, found.rows + 1)) else []


def _columns_of(ref: str, first: int) -> tuple[int, int]:
    """The first and last column a merged range (``B2:C4``) spans."""
    end = re.fullmatch(r"[A-Z]+[0-9]+:([A-Z]+)[0-9]+", ref)
    return first, column_number(end[1]) if end else first


#: merged ranges named in the message at most
MERGED_TOLD = 10


def _merged_problem(found: Survey, path: str) -> str:
    """What a sheet with merged cells is told: a title merged across row 1 above
    the header, or every range (the first :data:`MERGED_TOLD`), from the first."""
    ranges = sorted(found.merged)[:MERGED_TOLD]
    row, col, ref = ranges[0]
    span = re.fullmatch(r"[A-Z]+[0-9]+:([A-Z]+)[0-9]+", ref)
    if (row, col) == (1, 1) and span and column_number(span[1]) >= max(3, found.columns // 2):
        return _(
            "{path}:1:1: row 1 is a title merged across {ref}, above the header; delete the "
            "title's rows (and any other above the header), so that the header is the first row"
        ).format(path=path, ref=ref)
    header = [r for at, _col, r in ranges if at == 1]
    if any(re.fullmatch(r"[A-Z]+1:[A-Z]+1", r) is None for r in header):
        return _(  # names of groups over their indicators, or a name over two rows
            "{path}:1:{col}: the header is written over more than one row (cells {refs} are "
            "merged); the header is one row naming each column by its indicator or input: "
            "unmerge the cells, give every column its name in one row, and delete the other"
        ).format(path=path, col=col, refs=_(", ").join(header))
    if header and (row, col) == (1, 1) and span and column_number(span[1]) >= 3:
        return _(  # A1:J1 of 30 columns: a title over part of the row, or a header's cells
            "{path}:1:1: cells {refs} of row 1 are merged: if row 1 is a title above the "
            "header, delete it (and any other row above the header); else unmerge them and "
            "give each column its name"
        ).format(path=path, refs=_(", ").join(header))
    if header:
        return _(
            "{path}:1:{col}: cells {refs} of the header are merged; each column is named in its "
            "own cell: unmerge them and give each column its name"
        ).format(path=path, col=col, refs=_(", ").join(header))
    notes = _notes_below(found)
    if notes:
        return ngettext(
            "{path}:{row}:1: row {row}, below the table, is merged across the sheet ({refs}): "
            "a note, not an entity's row; delete it, or move the note to another sheet",
            "{path}:{row}:1: rows {rows}, below the table, are merged across the sheet "
            "({refs}): notes, not entities' rows; delete them, or move the notes to another "
            "sheet",
            len(notes),
        ).format(
            path=path,
            row=notes[0][0],
            rows=_(", ").join(str(r) for r, _ref in notes),
            refs=_(", ").join(ref for _r, ref in notes),
        )
    if found.merged_count == 1:
        return _(
            "{path}:{row}:{col}: cells {ref} are merged: their value is read in the "
            "first cell only, and the others read as empty; unmerge them and fill each cell"
        ).format(path=path, row=row, col=col, ref=ref)
    refs = _(", ").join(r for _row, _col, r in ranges)
    more = found.merged_count - len(ranges)
    if more:
        refs += ngettext(" and {n} more", " and {n} more", more).format(n=more)
    return _(
        "{path}:{row}:{col}: {n} ranges of cells are merged ({refs}): each one's value is "
        "read in its first cell only, and the others read as empty; unmerge them and fill "
        "each cell"
    ).format(path=path, row=row, col=col, n=found.merged_count, refs=refs)
