"""A sheet's values read from its XML column-wise, with numpy, as the survey
reads it (:func:`engine.batch.xlsx_survey.survey`): no Python object per cell.

Only a sheet written as spreadsheet programs write one is read so: every cell's
tag is ``<c r="A1"``, an optional `` s="7"`` and `` t="…"``, then ``>`` or
``/>``; a cell holds a number (``<v>`` after an optional formula), a shared
string (``t="s"``), an inline string (``t="inlineStr"``, ``<is><t>…</t></is>``)
or nothing; no cell's style may show a date or a time; every text is one plain
run (no rich text, no character references, no ``_x000D_`` escapes, no carriage
return); and the XML is what calamine's parser takes (rows and formulas'
attributes, references, UTF-8, the frame around the data). Anything else,
anywhere in the sheet, leaves the whole sheet to python-calamine, as before:
this reader gives exactly the values calamine gives (a number is the double
nearest its text; a text is trimmed of XML white space unless
``xml:space="preserve"``), or none at all. Differential tests hold the two to
the same values (decisions §32).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import field
from typing import Any, NamedTuple
from xml.etree import ElementTree

import numpy as np

from ..base.numfmt import shows_date
from ..base.records import record
from .spreadsheet_digits import spreadsheet_numbers
from .xlsx_survey import AFTER_NAME

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_SHARED = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
#: white space XML trims from a text not marked ``xml:space="preserve"``
_XML_SPACE = " \t\n"
#: bytes a text may not hold for this reader (calamine turns each into something else)
_UNPLAIN = (b"\r", b"&#", b"_x")
#: the sheet's range as writers write it
_DIMENSION = re.compile(
    rb'<dimension ref="[A-Z]{1,3}[1-9][0-9]{0,6}(?::[A-Z]{1,3}[1-9][0-9]{0,6})?"\s*/>'
)
#: the encoding an XML declaration names
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([^"']*)["']""")
#: every element named dimension, under any prefix
_DIMENSIONS = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?dimension(?=[\s/>])[^>]*>")
#: a sheetData element under a prefix
_PREFIXED_DATA = re.compile(rb"<[A-Za-z_][\w.-]*:sheetData(?=[\s/>])")
#: an "&" that starts no entity or character reference
_BARE_AMPERSAND = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)")
#: the named entities, the only ones XML has
_ENTITY = re.compile(rb"&(amp|lt|gt|quot|apos);")
_ENTITIES = {b"amp": b"&", b"lt": b"<", b"gt": b">", b"quot": b'"', b"apos": b"'"}
#: bytes of a number's text: digits, point, sign, exponent
_NUMERIC = np.zeros(256, dtype=bool)
_NUMERIC[list(b"0123456789.+-eE")] = True
#: bytes that end an element's name
_ENDS_NAME = np.zeros(256, dtype=bool)
_ENDS_NAME[list(AFTER_NAME)] = True
#: bytes after ``<f`` that make it a formula's tag
_AFTER_F = np.zeros(256, dtype=bool)
_AFTER_F[list(b" >/")] = True
#: the white space XML trims
_SPACED = np.zeros(256, dtype=bool)
_SPACED[list(b" \t\n")] = True
#: an inline string's opening, with white space kept or trimmed
_INLINE = b"<is><t>"
_INLINE_KEPT = b'<is><t xml:space="preserve">'
_INLINE_END = b"</t></is>"
#: built-in number formats that show a date or a time (calamine reads their
#: numbers as dates): 14-22, 27-36, 45-47, 50-58 (the East Asian dates)
_DATE_FORMATS = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)}


class _Leave(Exception):
    """The sheet is written in a form this reader leaves to calamine."""


class _Tags(NamedTuple):
    """A piece's tags: where each ``<`` is, and the three bytes after it."""

    at: Any
    b1: Any
    b2: Any
    b3: Any


class _CellTags(NamedTuple):
    """A piece's cells: where each one's tag ends, whether it closes there
    (``<c …/>``), where its ``</c>`` is (0 for none), how many tags it holds,
    the cell each tag of the piece is in (or after), and how many tags are
    inside cells with their ``</c>``."""

    tag_end: Any
    closed: Any
    close: Any
    inner: Any
    cell_of: Any
    inside: int


def _cell_tags(size: int, codes: Any, tags: _Tags, at: Any) -> _CellTags:
    """Where each cell of a piece (of ``size`` bytes) ends, and what it holds."""
    cell = (tags.b1 == ord("c")) & _ENDS_NAME[tags.b2]
    ci = np.flatnonzero(cell)  # each cell's "<" among the tags
    if len(ci) != len(at):
        raise _Leave
    # a tag ends before the next one opens; the piece's last tag, at its end
    tag_end = np.append(tags.at[1:], size)[ci] - 1
    if (codes[tag_end] != ord(">")).any():
        raise _Leave  # white space or text after a cell's tag
    closed = codes[tag_end - 1] == ord("/")
    opened = np.flatnonzero(~closed)
    cj = np.flatnonzero((tags.b1 == ord("/")) & (tags.b2 == ord("c")) & (tags.b3 == ord(">")))
    if len(cj) != len(opened):
        raise _Leave
    closes = tags.at[cj]
    after = np.append(at[1:], size)
    if len(opened) and ((closes <= tag_end[opened]).any() or (closes >= after[opened]).any()):
        raise _Leave
    close = np.zeros(len(at), dtype=np.int64)
    close[opened] = closes
    inner = np.zeros(len(at), dtype=np.int64)
    inner[opened] = cj - ci[opened] - 1
    cell_of = np.cumsum(cell) - 1
    return _CellTags(tag_end, closed, close, inner, cell_of, int(inner.sum()) + len(cj))


def _cell_values(codes: Any, tags: _Tags, cells: _CellTags, kind: Any) -> tuple[Any, Any, Any]:
    """Each ``<v>``'s cell, where it opens and where it closes; leave the sheet
    unless each cell holds a value (``<v>`` last), a formula and its value, an
    inline string, a formula alone (read by the survey) or nothing."""
    tag_end, closed, close, inner = cells.tag_end, cells.closed, cells.close, cells.inner
    v = tags.b1 == ord("v")
    vi = np.flatnonzero(v & (tags.b2 == ord(">")))
    if int((v & _ENDS_NAME[tags.b2]).sum()) != len(vi):
        raise _Leave  # <v/>, <v xml:space=…>: not read here
    v_open = tags.at[vi]
    slash = tags.b1 == ord("/")
    v_close = tags.at[slash & (tags.b2 == ord("v")) & (tags.b3 == ord(">"))]
    if len(v_close) != len(v_open):
        raise _Leave
    owner = cells.cell_of[vi]
    if len(v_open) and (
        (owner < 0).any()
        or (np.diff(owner) <= 0).any()
        or closed[owner].any()
        or (v_close != close[owner] - 4).any()
        or (v_open <= tag_end[owner]).any()
    ):
        raise _Leave  # a value outside a cell, two in one, or not ending it
    plain = (v_open == tag_end[owner] + 1) & (inner[owner] == 2)
    formula = _formula_before(codes, tag_end[owner] + 1, v_open, inner[owner] - 2)
    if not (plain | formula).all():
        raise _Leave  # something else inside a cell with a value
    valued = np.zeros(len(kind), dtype=bool)
    valued[owner] = True
    if (kind[owner] == 3).any() or ((kind == 2) & ~valued).any():
        raise _Leave  # an inline string with a value, a shared one without
    f = np.flatnonzero(tags.b1 == ord("f"))
    f = tags.at[f[_AFTER_F[tags.b2[f]]]]
    _plain_tags(codes, f, _ends(codes, f), 1)
    unsaved = ~valued & ~closed & (inner != 0) & (kind != 3)
    if unsaved.any():  # a cell with no value holds nothing, or a formula alone
        alone = _formula_before(codes, tag_end[unsaved] + 1, close[unsaved], inner[unsaved])
        if not alone.all():
            raise _Leave
    return owner, v_open, v_close


@record
class _Cells:
    """One piece's cells that hold a value, in the order of the sheet (row by
    row, left to right): ``kinds`` 1 a number, its value in ``values``; 2 a
    text, its index among the strings in ``values``."""

    rows: Any
    columns: Any
    kinds: Any
    values: Any


@record
class Grid:
    """A sheet's values as calamine reads them, by pieces of its XML (an empty
    text is no value); ``height`` and ``width`` reach the farthest cell calamine
    counts (one with a value, or an empty text). ``strings``: every text, and
    ``""`` last."""

    pieces: list[_Cells]
    strings: list[str]
    height: int
    width: int

    def rows(self, first: int, n: int) -> tuple[Any, Any]:
        """Rows ``first`` to ``first + n - 1``: each cell's kind (0 empty, 1 a
        number, 2 a text) and value (a number, or a text's index), ``n`` by
        :attr:`width`."""
        kinds = np.zeros((n, self.width), dtype=np.uint8)
        values = np.zeros((n, self.width), dtype=np.float64)
        for cells in self.pieces:
            if not len(cells.rows) or cells.rows[-1] < first or cells.rows[0] >= first + n:
                continue
            lo, hi = np.searchsorted(cells.rows, [first, first + n]).tolist()
            at = (cells.rows[lo:hi] - first, cells.columns[lo:hi].astype(np.int64) - 1)
            kinds[at] = cells.kinds[lo:hi]
            values[at] = cells.values[lo:hi]
        return kinds, values

    def python_rows(self, first: int, n: int) -> list[list[Any]]:
        """Rows as calamine's ``to_python`` gives them: a float or text per
        cell, ``""`` for an empty one."""
        kinds, values = self.rows(first, n)
        return [python_cells(k, x, self.strings) for k, x in zip(kinds, values, strict=True)]

    def first_number(self, j: int) -> tuple[int, str] | None:
        """The first number below row 1 in column ``j`` (from 0), as (row, its
        text as the table reader takes it: a whole number as an integer)."""
        for cells in self.pieces:
            at = np.flatnonzero((cells.columns == j + 1) & (cells.kinds == 1) & (cells.rows > 1))
            if len(at):
                x = float(cells.values[at[0]])
                return int(cells.rows[at[0]]), str(int(x)) if x.is_integer() else repr(x)
        return None

    def first_filled(self) -> int | None:
        """The first row holding a value (a number, or a text other than ``""``)."""
        empty = len(self.strings) - 1
        rows = [
            int(cells.rows[at[0]])
            for cells in self.pieces
            for at in [
                np.flatnonzero((cells.kinds == 1) | ((cells.kinds == 2) & (cells.values != empty)))
            ]
            if len(at)
        ]
        return min(rows, default=None)

    def first_row(self) -> list[Any]:
        """Row 1 as calamine gives it (``[]`` for a sheet with no value)."""
        return self.python_rows(1, 1)[0] if self.height else []

    def values(self) -> list[list[Any]]:
        """The sheet as calamine's ``to_python``: a list per row of the
        rectangle from A1."""
        return self.python_rows(1, self.height)


def python_cells(kinds: Any, values: Any, strings: list[str]) -> list[Any]:
    """Cells as calamine gives them: a float, a text (``values`` holds its index
    among ``strings``, whose last is ``""``), or ``""`` for an empty cell."""
    texts = np.where(kinds == 2, values, -1).astype(np.int64).tolist()
    return [
        x if k == 1 else strings[t]
        for k, x, t in zip(kinds.tolist(), values.tolist(), texts, strict=True)
    ]


@record
class SheetReader:
    """Reads each piece the survey reads (:meth:`read`); :meth:`grid` then gives
    the sheet's values, or None where the sheet is left to calamine."""

    shared: list[str]
    #: style indexes (``s="…"``) whose number format shows a date or time
    dated: list[int]
    pieces: list[_Cells] = field(default_factory=list)
    #: the shared strings, then the inline ones as they are read
    strings: list[str] = field(default_factory=list)
    reach: tuple[int, int] = (0, 0)
    left: bool = False
    #: before <sheetData> (0), within it (1), after it (2)
    stage: int = 0
    #: whether a row is open
    depth: int = 0
    #: the sheet's XML but its data: checked as XML at the end
    frame: list[bytes] = field(default_factory=list)
    #: style indexes whose number format shows a percentage
    percent_styles: list[int] = field(default_factory=list)
    #: the columns holding a number shown as a percentage
    percent: set[int] = field(default_factory=set)
    #: per column, the first number below row 1 not shown as a percentage: its
    #: place among the sheet's cells, and its row
    plain_at: dict[int, tuple[int, int]] = field(default_factory=dict)
    #: the cells read so far
    seen: int = 0

    def __post_init__(self) -> None:
        self.strings = list(self.shared)
        self.shared_empty = np.array([not s for s in self.shared], dtype=bool)

    def read(
        self, body: bytes, codes: Any, at: Any, place: tuple[Any, Any] | None, ends: Any = None
    ) -> None:
        """Read a piece: ``codes`` its bytes (numpy, zeros after them), ``at``
        where its cells open, ``place`` their rows and columns (None where the
        survey could not read every reference from the bytes), ``ends`` where
        each tag's ``<c r="…`` reference closes its quote, when the survey read
        them so (None: looked for here)."""
        if self.left:
            return
        try:
            if place is None:
                raise _Leave
            self._read(body, codes, at, place, ends)
        except _Leave:
            self.left = True
            self.pieces.clear()
            self.strings.clear()

    def grid(self) -> Grid | None:
        """The sheet's values, or None where it is left to calamine."""
        if self.left or self.stage != 2 or self.depth:
            return None  # a sheet cut short: calamine says where
        frame = b"".join(self.frame)
        try:
            ElementTree.fromstring(frame)
        except ElementTree.ParseError:
            return None
        if any(not _DIMENSION.fullmatch(tag) for tag in _DIMENSIONS.findall(frame)):
            return None  # a range calamine may refuse
        if _PREFIXED_DATA.search(frame):
            return None  # another sheetData, under a prefix: calamine may read that one
        height, width = self.reach
        return Grid(self.pieces, [*self.strings, ""], height, width)

    def _read(self, body: bytes, codes: Any, at: Any, place: tuple[Any, Any], ends: Any) -> None:
        rows, columns = place
        lt = np.flatnonzero(codes[: len(body)] == ord("<"))  # every tag, by its "<"
        tags = _Tags(lt, codes[lt + 1], codes[lt + 2], codes[lt + 3])
        if b"&" in body and _BARE_AMPERSAND.search(body):
            raise _Leave  # an "&" that is no reference: calamine refuses the XML
        if not body.isascii() and not _utf8(body):
            raise _Leave  # not UTF-8: calamine refuses the XML
        region = self._region(body)
        if not len(at):
            self._frame(codes, tags, region, at, 0)
            return
        if (rows < 1).any() or (columns < 1).any():
            raise _Leave  # a reference such as A0
        cells = _cell_tags(len(body), codes, tags, at)
        self._frame(codes, tags, region, at, cells.inside)
        kind, style = self._kinds(codes, at, cells.tag_end, ends)
        owner, v_open, v_close = _cell_values(codes, tags, cells, kind)
        valued = np.zeros(len(at), dtype=bool)
        valued[owner] = True
        values = np.zeros(len(at), dtype=np.float64)
        kinds = np.zeros(len(at), dtype=np.uint8)
        number = valued & (kind <= 1)
        if self.percent_styles:
            self._shown(rows, columns, number, style)
        starts, stops = v_open[kind[owner] <= 1] + 3, v_close[kind[owner] <= 1]
        values[number] = _numbers(codes, starts, stops)
        kinds[number] = 1
        shared = np.flatnonzero(valued & (kind == 2))
        index = self._shared(codes, v_open[kind[owner] == 2] + 3, v_close[kind[owner] == 2])
        values[shared] = index
        kinds[shared] = np.where(self.shared_empty[index], 0, 2)  # "": no value
        inline = np.flatnonzero(kind == 3)
        index, empty = self._inline(
            body, codes, cells.tag_end[inline], cells.close[inline], cells.inner[inline]
        )
        values[inline] = index
        kinds[inline] = np.where(empty, 0, 2)
        reached = number | (kind >= 2)  # a cell with a value, or an empty text
        if reached.any():
            self.reach = (
                max(self.reach[0], int(rows[reached].max())),
                max(self.reach[1], int(columns[reached].max())),
            )
        has = kinds > 0
        self.pieces.append(
            _Cells(
                rows[has].astype(np.int32),
                columns[has].astype(np.int16),
                kinds[has],
                values[has],
            )
        )

    def _shown(self, rows: Any, columns: Any, number: Any, style: Any) -> None:
        """Note the columns of the piece's numbers shown as percentages, and
        each column's first number below row 1 shown otherwise (a column read
        one way must be formatted one way: :func:`engine.batch.xlsx.refuse_mixed_percent`)."""
        shown = number & np.isin(style, self.percent_styles)
        self.percent.update(np.unique(columns[shown]).tolist())
        plain = np.flatnonzero(number & ~shown & (rows > 1))
        if len(plain):
            found, first = np.unique(columns[plain], return_index=True)
            for col, k in zip(found.tolist(), plain[first].tolist(), strict=True):
                self.plain_at.setdefault(col, (self.seen + k, int(rows[k])))
        self.seen += len(rows)

    def _region(self, body: bytes) -> tuple[int, int]:
        """Where the piece's part of ``<sheetData>`` starts and ends; what comes
        before and after it is kept, to be checked as XML (:meth:`grid`)."""
        start, end = 0, len(body)
        if self.stage == 0:  # before <sheetData>
            at = body.find(b"<sheetData")
            if at < 0:
                self.frame.append(body)
                return 0, 0
            if body[at : at + 11] != b"<sheetData>":
                raise _Leave  # <sheetData/>, or an attribute
            self.frame.append(body[:at])
            start, self.stage = at + 11, 1
        if self.stage == 1:
            at = body.find(b"</sheetData>", start)
            if at >= 0:
                self.frame.append(b"<sheetData/>" + body[at + 12 :])
                end, self.stage = at, 2
            return start, end
        self.frame.append(body)  # after </sheetData>
        return 0, 0

    def _frame(
        self, codes: Any, tags: _Tags, region: tuple[int, int], at: Any, inside: int
    ) -> None:
        """Check how the piece's rows hold its cells: every tag in the sheet's
        data is a cell's (its own, or one of the ``inside`` tags within the cells)
        or a row's; every cell is in a row; rows open and close in turn."""
        start, end = region
        if len(at) and (at[0] < start or at[-1] >= end):
            raise _Leave  # a cell outside <sheetData>
        lo, hi = np.searchsorted(tags.at, [start, end]).tolist()
        there, first, b2, b3 = tags.at[lo:hi], tags.b1[lo:hi], tags.b2[lo:hi], tags.b3[lo:hi]
        row = (first == ord("r")) & (b2 == ord("o")) & (b3 == ord("w"))
        opens = there[row & _ENDS_NAME[codes[there + 4]]]
        ends = there[(first == ord("/")) & (b2 == ord("r")) & (b3 == ord("o"))]
        ends = ends[(codes[ends + 4] == ord("w")) & (codes[ends + 5] == ord(">"))]
        if hi - lo != len(at) + inside + len(opens) + len(ends):
            raise _Leave  # a tag neither a cell's nor a row's
        row_ends = _ends(codes, opens)
        _plain_tags(codes, opens, row_ends, 3)
        if not _starts(codes, opens, b'<row r="').all():
            raise _Leave  # a row without its number first
        number = codes[(opens + 8)[:, None] + np.arange(9)] == 34
        if not number.any(axis=1).all():
            raise _Leave
        _index(codes, opens + 8, opens + 8 + np.argmax(number, axis=1))  # a plain number
        held = codes[row_ends - 1] != ord("/")  # <row/> holds none
        events = np.concatenate([opens[held], ends])
        order = np.argsort(events, kind="stable")
        events = events[order]
        step = np.concatenate([np.ones(int(held.sum()), np.int64), -np.ones(len(ends), np.int64)])
        depth = self.depth + np.cumsum(step[order])
        if len(depth) and ((depth < 0) | (depth > 1)).any():
            raise _Leave  # a row in a row, or a row closed twice
        if len(at):
            before = np.searchsorted(events, at) - 1  # the last row's tag before each cell
            depths = np.append(depth, self.depth)  # before the first: as the piece began
            inside_row = depths[np.where(before >= 0, before, -1)]
            if (inside_row != 1).any():
                raise _Leave  # a cell outside a row
        self.depth = int(depth[-1]) if len(depth) else self.depth

    def _kinds(self, codes: Any, at: Any, tag_end: Any, ends: Any = None) -> tuple[Any, Any]:
        """Each cell's type from its tag, which must be written as writers write
        it: ``<c r="A1"``, then optionally `` s="7"`` and `` t="…"``, then ``>``
        or ``/>`` (any other attribute, white space or form leaves the sheet).
        Types: 0 none (a number), 1 ``t="n"``, 2 ``t="s"``, 3 ``t="inlineStr"``;
        another type, or a style that shows a date, leaves the sheet. ``ends``:
        each reference's closing quote, where the survey found every tag so.
        Also each cell's style (0 where its tag names none)."""
        n = len(at)
        if ends is None:
            if not _starts(codes, at, b'<c r="').all():
                raise _Leave
            quoted = codes[(at + 6)[:, None] + np.arange(12)] == 34
            if not quoted.any(axis=1).all():
                raise _Leave
            ends = at + 6 + np.argmax(quoted, axis=1)
        rest = ends + 1  # after the reference's quote
        end = tag_end - (codes[tag_end - 1] == ord("/"))  # the tag's "/>" or ">"
        kind = np.zeros(n, dtype=np.int64)
        typed = end.copy()
        quoted = np.flatnonzero(codes[end - 1] == 34)  # a tag ending with a value
        letter = codes[end[quoted] - 2]
        for code, text in ((1, b' t="n"'), (2, b' t="s"'), (3, b' t="inlineStr"')):
            maybe = quoted[letter == text[-2]]
            start = end[maybe] - len(text)
            found = maybe[(start >= rest[maybe]) & _starts(codes, start, text)]
            kind[found] = code
            typed[found] = end[found] - len(text)
        styled = typed > rest
        style = np.zeros(n, dtype=np.int64)
        if styled.any():
            at_s, stop = rest[styled], typed[styled] - 1  # the style's closing quote
            if not _starts(codes, at_s, b' s="').all() or (codes[stop] != 34).any():
                raise _Leave  # another attribute, or another form
            style[styled] = _index(codes, at_s + 4, stop)
        if len(self.dated) and np.isin(style, self.dated).any():
            raise _Leave  # a number shown as a date or a time: calamine gives a date
        return kind, style

    def _shared(self, codes: Any, starts: Any, stops: Any) -> Any:
        """The indexes of shared strings, from their cells' values."""
        index = _index(codes, starts, stops)
        if (index >= len(self.shared)).any():
            raise _Leave  # calamine refuses it: its message, as before
        return index

    def _inline(
        self, body: bytes, codes: Any, tag_end: Any, close: Any, inner: Any
    ) -> tuple[Any, Any]:
        """The inline strings' indexes among :attr:`strings` (each as calamine
        reads it), and which are empty."""
        if not len(tag_end):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
        opens = _starts(codes, tag_end + 1, _INLINE[:-1])  # "<is><t"
        after = codes[tag_end + len(_INLINE)]
        trimmed = opens & (after == ord(">"))
        kept = opens & (after == ord(" "))
        kept[kept] = _starts(codes, tag_end[kept] + 1, _INLINE_KEPT)
        ended = _starts(codes, close - len(_INLINE_END), _INLINE_END)
        if not ((kept | trimmed) & ended & (inner == 4)).all():
            raise _Leave  # rich text, an empty <t/>, phonetic runs: left to calamine
        starts = tag_end + 1 + np.where(kept, len(_INLINE_KEPT), len(_INLINE))
        stops = close - len(_INLINE_END)
        texts = _texts(codes, starts, stops)
        first = len(self.strings)
        spaced = _SPACED[codes[starts]] | _SPACED[codes[np.maximum(stops - 1, 0)]]
        trim = np.flatnonzero(spaced & ~kept & (stops > starts))
        for k in trim.tolist():  # white space at either end: trimmed, as calamine does
            texts[k] = texts[k].strip(_XML_SPACE)
        self.strings.extend(texts)
        empty = stops == starts
        if len(trim):
            empty[trim] = [not texts[k] for k in trim.tolist()]
        return np.arange(first, first + len(texts), dtype=np.int64), empty


def _index(codes: Any, starts: Any, stops: Any) -> Any:
    """Whole numbers written from each start to its stop: digits only, 1 to 9
    of them, no leading zero (else the sheet is left: which number a reader
    takes is unsaid)."""
    if not len(starts):
        return np.zeros(0, dtype=np.int64)
    width = stops - starts
    if (width < 1).any() or (width > 9).any():
        raise _Leave
    digits = codes[starts[:, None] + np.arange(int(width.max()))]
    place = np.arange(digits.shape[1])
    inside = place < width[:, None]
    number = (digits >= ord("0")) & (digits <= ord("9"))
    if (inside & ~number).any() or ((digits[:, 0] == ord("0")) & (width > 1)).any():
        raise _Leave
    values = np.where(inside, digits.astype(np.int64) - ord("0"), 0)
    power = np.where(inside, 10 ** np.maximum(width[:, None] - 1 - place, 0), 0)
    return (values * power).sum(axis=1)


#: per byte: 1 a name's character, 2 white space XML allows between attributes
_NAME = np.zeros(256, dtype=np.uint8)
_NAME[list(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:.-")] = 1
_NAME[list(b" ")] = 2


def _plain_tags(codes: Any, starts: Any, ends: Any, name: int) -> None:
    """Leave the sheet unless every tag from each start (its ``<``) to its end
    (its ``>``) is its name (``name`` bytes after the ``<``), then attributes
    each written `` name="value"`` (no ``<`` in a value), then ``>`` or ``/>``:
    what calamine's XML reader may take otherwise, or refuse, is left to it."""
    if not len(starts):
        return
    length = ends - starts + 1
    if int(length.max()) > 1024:
        raise _Leave
    place = np.arange(int(length.max()))
    tag = codes[starts[:, None] + place]
    within = (place > name) & (place < length[:, None] - 1)  # the attributes' bytes
    quote = (tag == 34) & within
    count = np.cumsum(quote, axis=1)
    value = (count % 2 == 1) & ~quote  # inside a quoted value
    if (count[:, -1] % 2).any() or ((tag == ord("<")) & value).any():
        raise _Leave
    outside = within & ~value & ~quote
    kind = _NAME[tag]
    after = np.zeros_like(tag)
    after[:, :-1] = tag[:, 1:]
    before = np.zeros_like(tag)
    before[:, 1:] = tag[:, :-1]
    slash = tag == ord("/")
    ends_slash = slash & (place == length[:, None] - 2)
    bad = outside & (kind == 0) & (tag != ord("=")) & ~ends_slash  # another byte
    bad |= outside & (tag == ord("=")) & ((after != 34) | (_NAME[before] != 1))
    bad |= quote & (count % 2 == 1) & (before != ord("="))  # an opening quote
    closing = quote & (count % 2 == 0)
    bad |= closing & ~np.isin(after, np.frombuffer(b" />", dtype=np.uint8))
    bad |= outside & (kind == 1) & (_NAME[after] != 1) & (after != ord("="))  # no value
    first = tag[:, name + 1]
    if bad.any() or not np.isin(first, np.frombuffer(b" />", dtype=np.uint8)).all():
        raise _Leave


def _formula_before(codes: Any, at: Any, stop: Any, tags: Any) -> Any:
    """Per cell, whether a formula opens at ``at`` and ends right before
    ``stop`` (its ``<v>`` or ``</c>``), in ``tags`` tags: ``<f …/>`` (1), or
    ``<f …>`` and ``</f>`` (2)."""
    ok = _formula(codes, at)
    if not ok.any():
        return ok
    end = np.zeros(len(at), dtype=np.int64)
    end[ok] = _ends(codes, at[ok])  # the tag's own ">"
    closed = codes[end - 1] == ord("/")
    alone = (tags == 1) & closed & (end == stop - 1)
    pair = (tags == 2) & ~closed & _starts(codes, stop - 4, b"</f>")
    return ok & (alone | pair)


def _formula(codes: Any, at: Any) -> Any:
    """Per position, whether a formula's tag opens there: ``<f>``, ``<f `` or ``<f/``."""
    after = codes[np.minimum(at + 2, len(codes) - 1)]
    return _starts(codes, at, b"<f") & _AFTER_F[after]


def _utf8(body: bytes) -> bool:
    """Whether the bytes are UTF-8 (Arrow's check: no text is made)."""
    from .arrowbuf import is_utf8

    return is_utf8(body)


def _ends(codes: Any, at: Any) -> Any:
    """Where each tag opened at ``at`` ends (its ``>``): within 256 bytes, or
    the sheet is left to calamine."""
    if not len(at):
        return at
    size = 16
    while True:
        window = codes[np.minimum(at[:, None] + np.arange(size), len(codes) - 1)] == ord(">")
        found = window.any(axis=1)
        if found.all():
            return at + np.argmax(window, axis=1)
        if size >= 256:
            raise _Leave
        size *= 4


def _starts(codes: Any, where: Any, text: bytes) -> Any:
    """Per position in ``where``, whether ``text`` starts there."""
    ok = np.ones(len(where), dtype=bool)
    if len(where) and (where.min() < 0 or where.max() + len(text) > len(codes)):
        ok = (where >= 0) & (where + len(text) <= len(codes))  # past either end: no match
        where = np.clip(where, 0, len(codes) - len(text))
    for k, byte in enumerate(text):
        ok &= codes[where + k] == byte
    return ok


def _gathered(codes: Any, starts: Any, stops: Any) -> tuple[Any, Any]:
    """The bytes from each start to its stop, one after the other, and the
    offsets of each run among them."""
    width = stops - starts
    offsets = np.zeros(len(starts) + 1, dtype=np.int64)
    np.cumsum(width, out=offsets[1:])
    index = np.repeat(starts - offsets[:-1], width) + np.arange(int(offsets[-1]))
    return codes[index], offsets


def _numbers(codes: Any, starts: Any, stops: Any) -> Any:
    """Numbers' texts read as doubles, each the nearest to its text (as calamine
    reads them); a text not written as a number leaves the sheet."""
    if not len(starts):
        return np.zeros(0, dtype=np.float64)
    if ((stops - starts) < 1).any():
        raise _Leave
    data, offsets = _gathered(codes, starts, stops)
    if not _NUMERIC[data].all():
        raise _Leave  # "inf", spaces: calamine reads some as text
    import pyarrow as pa
    import pyarrow.compute as pc

    kind = pa.string() if offsets[-1] < 1 << 31 else pa.large_string()
    offsets = offsets.astype(np.int32 if kind == pa.string() else np.int64)
    array = pa.Array.from_buffers(
        kind, len(starts), [None, pa.py_buffer(offsets), pa.py_buffer(data.tobytes())]
    )
    try:
        doubles = pc.cast(array, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        raise _Leave from None
    read = np.frombuffer(doubles.buffers()[1], dtype=np.float64, count=len(starts))
    return spreadsheet_numbers(read)  # as the spreadsheet keeps them: 15 digits


def _texts(codes: Any, starts: Any, stops: Any) -> list[str]:
    """Texts between each start and stop, their named entities read; one with a
    character reference, an escape or a carriage return leaves the sheet."""
    width = stops - starts
    if (width < 0).any():
        raise _Leave
    data, offsets = _gathered(codes, starts, stops)
    raw = data.tobytes()
    if any(b in raw for b in _UNPLAIN) or b"\0" in raw:
        raise _Leave
    parts = np.insert(data, offsets[1:-1], 0).tobytes()  # texts parted by NUL
    if b"&" in parts:
        if parts.count(b"&") != len(_ENTITY.findall(parts)):
            raise _Leave  # an entity XML does not name: calamine refuses it
        parts = _ENTITY.sub(lambda m: _ENTITIES[m.group(1)], parts)
    try:
        return parts.decode("utf-8").split("\0")
    except UnicodeDecodeError:
        raise _Leave from None


# -- the workbook's other parts --------------------------------------------------------
def sheet_reader(z: zipfile.ZipFile) -> SheetReader | None:
    """A reader for a sheet of the workbook, or None where its shared strings or
    styles are written in a form left to calamine (or two of its parts have
    names that differ only in case: calamine finds a part whatever its case)."""
    names = [n.lower() for n in z.namelist()]
    if len(set(names)) != len(names):
        return None
    shared = _shared_strings(z)
    dated = _dated_styles(z)
    if shared is None or dated is None:
        return None
    return SheetReader(shared, dated)


def _part(z: zipfile.ZipFile, name: str) -> bytes | None:
    """A part's bytes, its name matched whatever its case; None if it is not there."""
    for info in z.infolist():
        if info.filename.lower() == name.lower():
            return z.read(info)
    return None


def _xml(data: bytes) -> ElementTree.Element | None:
    """A part parsed as UTF-8 XML (calamine reads no other encoding); None where
    it does not parse, or declares another encoding."""
    head = data[:200]
    declared = _ENCODING.search(head) if b"<?xml" in head else None
    if declared is not None and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        return None
    try:
        return ElementTree.fromstring(data)
    except (ElementTree.ParseError, LookupError, ValueError):
        return None


def _shared_strings(z: zipfile.ZipFile) -> list[str] | None:
    """The workbook's shared strings, each as calamine reads it; [] when there
    are none, None when one is not a single plain run."""
    rels_data = _part(z, "xl/_rels/workbook.xml.rels")
    rels = None if rels_data is None else _xml(rels_data)
    if rels is None:
        return None
    named = [
        r.get("Target", "")
        for r in rels.iter(f"{_PKG}Relationship")
        if r.get("Type", "") == _SHARED
    ]
    if not named:
        return []
    if len(named) != 1:
        return None
    target = named[0]
    data = _part(z, target[1:] if target.startswith("/") else "xl/" + target)
    if data is None:
        return None
    at = data.find(b"<sst")
    if at < 0 or any(b in data[at:] for b in _UNPLAIN):
        return None  # a carriage return, a reference or an escape in the strings
    root = _xml(data)
    if root is None:
        return None
    out: list[str] = []
    for item in root:
        runs = [r for r in item if r.tag != f"{_MAIN}phoneticPr"]  # calamine skips it
        if item.tag != f"{_MAIN}si" or len(runs) != 1 or runs[0].tag != f"{_MAIN}t":
            return None
        t = runs[0]
        if len(t) or set(t.attrib) - {_SPACE}:
            return None
        if any(r.text or len(r) for r in item if r is not t):
            return None
        text = t.text or ""
        out.append(text if t.get(_SPACE) == "preserve" else text.strip(_XML_SPACE))
    return out


def _dated_styles(z: zipfile.ZipFile) -> list[int] | None:
    """The cell styles (their indexes) whose number format shows a date or a
    time; None where the styles are not read here (unreadable, more than one
    list of cell styles, or style 0, every unstyled cell's, showing a date).
    Elements are matched by their local names, as calamine matches them."""
    data = _part(z, "xl/styles.xml")
    if data is None:
        return []
    styles = _xml(data)
    if styles is None:
        return None

    def local(e: ElementTree.Element) -> str:
        return e.tag.rsplit("}", 1)[-1]

    dated = set(_DATE_FORMATS)
    for f in styles.iter():
        if local(f) == "numFmt" and shows_date(f.get("formatCode") or ""):
            number = f.get("numFmtId") or ""
            if not number.isdigit():
                return None
            dated.add(int(number))
    lists = [e for e in styles.iter() if local(e) == "cellXfs"]
    if len(lists) > 1:
        return None
    out: list[int] = []
    within = lists[0].iter() if lists else iter(())
    for k, xf in enumerate(e for e in within if local(e) == "xf"):  # nested ones too
        number = xf.get("numFmtId") or "0"
        if not number.isdigit() or int(number) in dated:
            out.append(k)
    return None if 0 in out else out
