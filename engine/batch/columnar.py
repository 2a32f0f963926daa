"""Large CSV files read column-wise with Apache Arrow, for the fast path.

A CSV of at least :data:`engine.batch.tables.COLUMNAR_BYTES` bytes (enough to
pay for importing pyarrow; :func:`engine.batch.tables.columnar_source`) is
read in pieces of about :data:`PIECE_BYTES`, cut at line ends outside quotes.
Each piece is parsed by pyarrow's CSV reader into columns of text, but only
where that parse is certainly what csv's reader makes of the same lines: no
blank line, quotes only around whole cells with no quote inside (a line break
inside quotes is part of its cell: a note written on two lines), every row as
wide as the header, no cell over csv's size limit.
Any other piece is read by csv's reader, row by row, as a smaller table is.

A column whose cells are all plain numbers is read by Arrow's cast; in any
other column, the cells that are not are made plain by the rules of
:mod:`engine.batch.cellforms` (surrounding and inner spaces, full-width digits,
a final ``%`` on percentage columns, thousands separators in groups of three),
and a cell is read as a number only when it then holds only a plain number's
characters and the cast reads it; any other cell, and every value the fast
path's bound cannot decide, goes the exact way with the cells as read, so
results and messages are those of the row-by-row reader.

pyarrow is imported only here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import Any

import numpy as np

from ..base.text import is_percent
from ..spec.model import Spec
from .arrowbuf import TextColumn, integers, strings, valid_only
from .arrowbuf import flags as _mask
from .arrowbuf import string_buffers as _buffers
from .arrowbuf import to_numpy as _numpy
from .arrowforms import WHITESPACE as _WHITESPACE
from .arrowforms import (
    cells_of,
    odd_bytes,
    plain_cells,
    plain_forms,
    plain_forms_bytes,
)
from .blocks import Block, Found, fast_block, reads_as_float, scored_block
from .fastpath import _LONGEST, _MAX, _TINY, Chunk, Labels, Plan, U
from .gaps import Gaps, leaf_gaps
from .rows import RowResult
from .tables import CsvLines, Table, csv_records

#: bytes of a piece (cut at the next line end outside quotes)
PIECE_BYTES = 4 << 20
#: a piece that stays open at a quote past this many bytes ends the columnar
#: reading: the rest of the file goes to csv's reader, which says what is wrong
LONGEST_PIECE = 64 << 20
#: most exact scores of undecided cells kept for reuse
MEMO = 200_000
#: rows scored together when a piece goes to csv's reader
CHUNK = 4096


def byte_pieces(source: CsvLines) -> Iterator[tuple[int, bytes]]:
    """The data lines as pieces of bytes, each with the number of lines before it;
    a piece ends at a line end where the quotes so far are balanced."""
    with open(source.read_from, "rb") as fh:
        for _skipped in range(source.skip):
            fh.readline()
        before = source.skip
        rest = b""
        while True:
            data = fh.read(PIECE_BYTES)
            if not data:
                if rest:
                    yield before, rest
                return
            data = rest + data
            cut = data.rfind(b"\n") + 1
            if cut == 0 or (source.quoted and data.count(b'"', 0, cut) % 2):
                if len(data) > LONGEST_PIECE:  # an unclosed quote: csv's reader says so
                    yield before, data + fh.read()
                    return
                rest = data
                continue
            yield before, data[:cut]
            before += _line_ends(data, cut)
            rest = data[cut:]


def _line_ends(data: bytes, cut: int) -> int:
    """The line ends in ``data[:cut]`` as csv's reader counts them: each line
    feed, and each carriage return not followed by one. The rule of
    :func:`engine.batch.tables._line_ends` (a test holds the two together),
    compared in numpy: the files Excel writes end every line with both, and two
    more scans of each piece would cost more than the rest of this."""
    ends = data.count(b"\n", 0, cut)
    if data.find(b"\r", 0, cut) >= 0:
        codes = np.frombuffer(data, dtype=np.uint8, count=cut)
        returns = np.flatnonzero(codes == ord("\r")) + 1  # what follows each
        ends += int((returns == cut).sum()) + int((codes[returns[returns < cut]] != 10).sum())
    return ends


def csv_items(
    plan: Plan,
    spec: Spec,
    table: Table,
    source: CsvLines,
    missing: str,
    na_tokens: tuple[str, ...],
    memo: dict[tuple[str, ...], int | None],
) -> Iterator[Block | RowResult]:
    """Every row of the table, read column-wise piece by piece, in order."""
    for before, data in byte_pieces(source):
        yield from piece_items(plan, spec, table, source, before, data, missing, na_tokens, memo)


def piece_items(
    plan: Plan,
    spec: Spec,
    table: Table,
    source: CsvLines,
    before: int,
    data: bytes,
    missing: str,
    na_tokens: tuple[str, ...],
    memo: dict[tuple[str, ...], int | None],
) -> Iterator[Block | RowResult]:
    """The rows of one piece (``before`` lines precede it), scored: a pure
    function of its arguments, so a piece can be scored in another process."""
    piece = _arrow_columns(data, source, table, before + 1)
    if piece is None:
        yield from _row_items(plan, spec, table, source, before, data, missing, na_tokens, memo)
        return
    if len(memo) > MEMO:
        memo.clear()
    yield _block(plan, spec, table, piece, before + 1, missing, na_tokens, memo)


def _row_items(
    plan: Plan,
    spec: Spec,
    table: Table,
    source: CsvLines,
    before: int,
    data: bytes,
    missing: str,
    na_tokens: tuple[str, ...],
    memo: dict[tuple[str, ...], int | None],
) -> Iterator[Block | RowResult]:
    """A piece csv's reader reads, as it reads a smaller table."""
    text = io.StringIO(data.decode(source.encoding), newline="")
    reader = csv.reader(text, delimiter=source.delimiter, strict=True)
    rows = csv_records(reader, before, source.path)
    chunk = list(islice(rows, CHUNK))
    while chunk:
        yield fast_block(plan, spec, table, chunk, missing, na_tokens, memo)
        chunk = list(islice(rows, CHUNK))


def _lines(codes: Any) -> Any | None:
    """The positions of the line feeds of a piece's bytes; None where a line is
    blank or a carriage return stands alone, which csv's reader reads otherwise
    than Arrow's. Every carriage return is then just before a line feed, so a
    span holding one holds a line feed too: the feeds are the line breaks."""
    feeds = np.flatnonzero(codes == ord("\n"))
    returns = np.flatnonzero(codes == ord("\r"))
    gaps = np.diff(feeds, prepend=-1)  # a line's length with its line feed
    if (
        (returns + 1 >= len(codes)).any()
        or (codes[np.minimum(returns + 1, len(codes) - 1)] != ord("\n")).any()
        or (gaps == 1).any()  # an empty line
        or ((gaps == 2) & (codes[np.maximum(feeds - 1, 0)] == ord("\r"))).any()  # "\r\n" alone
    ):
        return None
    return feeds


def _record_ends(codes: Any, breaks: Any, delimiter: str) -> Any | None:
    """The line feeds (of ``breaks``, a piece's) that end a row: those outside
    quotes. None unless every quote in ``codes`` opens or closes a whole cell
    (after a delimiter or a line start, before a delimiter or a line end) with
    no quote inside: then Arrow's reader and csv's read the cells alike, a line
    break inside quotes (a note written on two lines) as part of its cell."""
    at = np.flatnonzero(codes == ord('"'))
    if len(at) % 2:
        return None
    opens, closes = at[0::2], at[1::2]
    d = ord(delimiter)
    before = codes[np.maximum(opens - 1, 0)]
    after = codes[np.minimum(closes + 1, len(codes) - 1)]
    # what precedes an opening quote and follows a closing one is outside quotes
    start = (opens == 0) | (before == d) | (before == ord("\n"))
    end = (closes == len(codes) - 1) | (after == d) | (after == ord("\r")) | (after == ord("\n"))
    if not (start.all() and end.all()):
        return None
    return breaks[np.searchsorted(at, breaks) % 2 == 0]  # an even count of quotes before


def _arrow_columns(data: bytes, source: CsvLines, table: Table, first: int) -> _Piece | None:
    """The piece's cells as Arrow string columns (its first line is the file's
    line ``first``); None where csv's reader might read the lines otherwise."""
    if source.encoding not in ("utf-8", "utf-8-sig"):
        data = data.decode(source.encoding).encode("utf-8")
    codes = np.frombuffer(data, dtype=np.uint8)
    feeds = _lines(codes)
    if feeds is None:
        return None
    ends = feeds
    if source.quoted and b'"' in data:
        ends = _record_ends(codes, feeds, source.delimiter)
        if ends is None:
            return None
    multiline = len(ends) < len(feeds)
    width = table.width
    entity = next(c.index - 1 for c in table.columns if c.kind == "entity")
    read = _arrow_read(data, source.delimiter, width, multiline)
    if read is None:  # rows of another width, say: each wider by the same empty cells?
        wide = _first_width(data, ends, source.delimiter)
        read = _arrow_read(data, source.delimiter, wide, multiline) if wide > width else None
    if read is None or read.num_rows != len(ends) + (not data.endswith(b"\n")) or not width:
        return None
    piece = _Piece([c.combine_chunks() for c in read.columns[:width]])
    if read.num_columns > width and any(
        _Piece([c.combine_chunks()]).filled(0).any() for c in read.columns[width:]
    ):
        return None  # a cell beyond the header's columns: csv's way refuses its row
    if multiline:  # a row's number is the line it starts on, as csv's reader counts
        after = np.searchsorted(feeds, ends[: piece.n - 1]) + 1  # lines before each next row
        piece.rows = (first + np.concatenate(([0], after))).tolist()
    if piece.blank_rows(entity) or piece.longest() > csv.field_size_limit():
        return None  # csv's way skips blank rows, and refuses very long cells
    return piece


def _arrow_read(data: bytes, delimiter: str, width: int, multiline: bool) -> Any:
    """The piece's cells as ``width`` Arrow string columns; None when a row is of
    another width (or Arrow reads it otherwise)."""
    import pyarrow as pa
    from pyarrow import csv as pacsv

    names = [f"c{j}" for j in range(width)]
    try:
        return pacsv.read_csv(
            pa.py_buffer(data),
            read_options=pacsv.ReadOptions(column_names=names, use_threads=False),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, double_quote=True, newlines_in_values=multiline
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None


def _first_width(data: bytes, ends: Any, delimiter: str) -> int:
    """The cells of the piece's first row (csv's reader reads it); 0 when it
    cannot (a cell over its size limit: csv's way then says so, at its row)."""
    first = data[: int(ends[0]) + 1] if len(ends) else data
    reader = csv.reader(io.StringIO(first.decode("utf-8"), newline=""), delimiter=delimiter)
    try:
        return len(next(reader, []))
    except csv.Error:
        return 0


class _Piece:
    """A piece's columns of cells as read, with what is cheaply known of each:
    its cells' lengths in bytes, and which cells hold only bytes a plain number
    may hold (those need no stripping or rewriting).

    What :func:`_block` reads of a piece goes through the methods below (texts,
    labels, N/A marks, filled cells, numbers, a row's cells): a typed table's
    piece (:mod:`engine.batch.typed`) answers them from columns of other types."""

    #: the row numbers of the piece's rows, when they do not follow one another
    rows: list[int] | None = None
    #: rows the fast path must leave to the exact path whatever they hold
    blocked: Any = None
    #: whether ``raw`` holds each cell as the row reader gives it (a CSV's text):
    #: then rows whose odd cells read alike are refused alike (:attr:`Chunk.odd`)
    cells_are_texts = True

    def __init__(self, raw: list[Any], n: int | None = None):
        self.raw = raw
        self.n = len(raw[0]) if n is None else n
        self._trimmed: dict[int, Any] = {}
        self._plain: dict[int, Any] = {}

    def texts(self, j: int) -> Sequence[str]:
        """Column ``j``'s cells stripped, as texts (kept as Arrow's until read)."""
        return TextColumn(self.trimmed(j))

    def labels(self, j: int) -> Labels:
        """Column ``j``'s cells stripped, as their distinct words and codes."""
        import pyarrow.compute as pc

        encoded = pc.dictionary_encode(self.trimmed(j))
        return Labels(encoded.dictionary.to_pylist(), _numpy(encoded.indices))

    def among(self, j: int, tokens: list[str]) -> Any:
        """Per row, whether column ``j``'s stripped cell is one of ``tokens``.
        Only the cells holding a token's first byte are stripped and compared:
        a cell that is a token once stripped holds all of its bytes."""
        import pyarrow.compute as pc

        column = self.raw[j]
        if j in self._trimmed or "" in tokens:
            return _numpy(pc.is_in(self.trimmed(j), value_set=strings(tokens)))
        cells = _holding(*_buffers(column), tokens)
        found = np.zeros(self.n, dtype=bool)
        if len(cells):
            # (an Arrow array to take with: given numpy, pyarrow imports pandas)
            some = pc.utf8_trim(column.take(integers(cells)), characters=_WHITESPACE)
            found[cells] = _numpy(pc.is_in(some, value_set=strings(tokens)))
        return found

    def filled(self, j: int) -> Any:
        """Per row, whether column ``j``'s cell holds anything once stripped. Only
        the cells that start with whitespace (a byte up to the space, or one
        beyond ASCII) are stripped: any other cell holds its first character."""
        import pyarrow.compute as pc

        if j in self._trimmed:
            return _numpy(pc.binary_length(self._trimmed[j])) > 0
        column = self.raw[j]
        offsets, codes = _buffers(column)
        full = np.diff(offsets) > 0
        at = np.flatnonzero(full)
        first = codes[offsets[at] - offsets[0]]
        at = at[(first <= ord(" ")) | (first >= 0x80)]
        if len(at):
            some = pc.utf8_trim(column.take(integers(at)), characters=_WHITESPACE)
            full[at] = _numpy(pc.binary_length(some)) > 0
        return full

    def read_numbers(
        self, chunk: Chunk, key: str, j: int, percent: bool, marks: dict[str, Any]
    ) -> None:
        """Column ``j`` as the fast path's numbers (:func:`_number_column`)."""
        _number_column(chunk, key, self, j, percent, marks)

    def cells(self, i: int) -> list[Any]:
        """Row ``i``'s cells as the row reader gives them (for the exact path)."""
        return [c[i].as_py() for c in self.raw]

    def lengths(self, j: int) -> Any:
        offsets, _codes = _buffers(self.raw[j])
        return np.diff(offsets)

    def longest(self) -> int:
        import pyarrow.compute as pc

        return max(int(pc.max(pc.binary_length(c)).as_py() or 0) for c in self.raw)

    def plain(self, j: int) -> Any:
        """Per row, whether the cell holds only a plain number's bytes; None when
        every cell does."""
        if j not in self._plain:
            self._plain[j] = _plain_bytes(self.raw[j])
        return self._plain[j]

    def trimmed(self, j: int) -> Any:
        """Column ``j``'s cells stripped as str.strip strips them."""
        import pyarrow.compute as pc

        if j not in self._trimmed:
            column = self.raw[j]
            codes = _buffers(column)[1]
            # whitespace is a byte below "!" or part of a character beyond ASCII
            if len(codes) and ((codes <= ord(" ")) | (codes >= 0x80)).any():
                column = pc.utf8_trim(column, characters=_WHITESPACE)
            self._trimmed[j] = column
        return self._trimmed[j]

    def blank_rows(self, first: int) -> bool:
        """Whether a row is blank (every cell empty once stripped); column
        ``first`` (the entities') is looked at first."""
        import pyarrow.compute as pc

        filled = np.zeros(self.n, dtype=bool)
        for j in [first, *range(len(self.raw))]:
            filled |= _numpy(pc.binary_length(self.trimmed(j))) > 0
            if filled.all():
                return False
        return True


def _holding(offsets: Any, codes: Any, tokens: list[str]) -> Any:
    """The cells (``offsets`` into ``codes``) holding the first byte of one of
    ``tokens`` (none empty), in order."""
    firsts = {t.encode("utf-8")[0] for t in tokens}
    if len(codes):  # only first bytes the column holds at all (two quick passes)
        low, high = int(codes.min()), int(codes.max())
        firsts = {b for b in firsts if low <= b <= high}
    held = np.zeros(len(codes), dtype=bool)
    for first in firsts:
        held |= codes == first
    at = np.flatnonzero(held)
    if not len(at):
        return at
    cells = np.zeros(len(offsets) - 1, dtype=bool)
    cells[cells_of(at, np.diff(offsets))] = True
    return np.flatnonzero(cells)


def _plain_bytes(column: Any) -> Any:
    """Per cell, whether it holds only bytes a plain number may hold (digits,
    ``.``, ``+``, ``-``); None when every cell does."""
    return plain_cells(*_buffers(column))


def _block(
    plan: Plan,
    spec: Spec,
    table: Table,
    piece: _Piece,
    first: int,
    missing: str,
    na_tokens: tuple[str, ...],
    memo: dict[tuple[str, ...], int | None],
) -> Block:
    """A piece's rows, scored (its first row is line ``first``, unless the piece
    numbers its rows)."""
    n = piece.n
    label_ids = {leaf.id for leaf in plan.leaves if leaf.kind == "grades"}
    percent = {i.id for i in spec.leaves() if is_percent(i.unit)}
    numeric = [t for t in na_tokens if reads_as_float(t)]
    words = [t for t in na_tokens if t not in numeric]
    chunk = Chunk(n, {}, {}, np.ones(n, dtype=bool), {})
    rows = piece.rows if piece.rows is not None else list(range(first, first + n))
    found = Found(rows, [""] * n, [""] * n, [])
    marks: dict[str, Any] = {}  # leaf id → rows whose cell is an N/A mark
    #: value or input → its empty cells: scored 0 (--missing zero), or their rows
    #: told what is missing (:mod:`engine.batch.gaps`)
    blanks: dict[str, Any] = {}
    barred = np.zeros(n, dtype=bool)
    reasons: dict[str, Any] = {}  # leaf id → rows whose na.ID cell gives a reason
    valued = {c.target for c in table.columns if c.kind == "value"}
    plain_leaves = {leaf.id for leaf in spec.leaves() if leaf.derive is None} & valued
    for col in table.columns:
        j = col.index - 1
        if col.kind == "value" and words:
            marked = piece.among(j, words)
            if marked.any():
                marks[col.target] = marked
        if col.kind in ("value", "input"):
            unread = marks  # the cells not read as numbers: N/A marks, and empty ones
            empty = ~piece.filled(j)
            if empty.any():
                blanks[col.target] = empty
                unread = {**marks, col.target: empty | marks.get(col.target, False)}
            if col.target in label_ids:
                chunk.labels[col.target] = piece.labels(j)
            else:
                piece.read_numbers(chunk, col.target, j, col.target in percent, unread)
            if numeric and col.kind == "value":  # N/A marks that would read as numbers
                chunk.eligible &= ~piece.among(j, numeric)
        elif col.kind == "score" and not table.typed:  # a grade range's chosen score
            chunk.chosen[col.target] = piece.labels(j)
        elif col.kind == "na" and col.target in plain_leaves:
            reasons[col.target] = piece.filled(j)
        elif col.kind in ("score", "na", "claimed", "claimed_total"):  # the exact way
            given = piece.filled(j)
            chunk.eligible &= ~given
            barred |= given
        elif col.kind == "entity":
            found.entities = piece.texts(j)
        elif col.kind == "period":
            found.periods = piece.texts(j)
        elif col.kind == "note":
            found.notes.append(piece.texts(j))
    for target, given in reasons.items():  # not applicable where its value's cell is empty
        empty = blanks.get(target)
        marked = given & empty if empty is not None else np.zeros(n, dtype=bool)
        chunk.eligible &= ~(given & ~marked)  # a value beside a reason: the exact way says so
        barred |= given & ~marked
        if marked.any():
            marks[target] = marks[target] | marked if target in marks else marked
    if piece.blocked is not None:
        chunk.eligible &= ~piece.blocked
        barred |= piece.blocked
    for codes, _texts in chunk.odd.values():  # a row with other cells the exact path
        codes[barred] = 0  # reads (a claim, a reason) may be refused for them too
    present = {c.target for c in table.columns if c.kind in ("value", "input")}
    gaps = Gaps(leaf_gaps(spec, present, blanks, n, marks), blanks, marks)
    return scored_block(
        plan, spec, table, chunk, memo, found, piece.cells, missing, na_tokens, marks, gaps
    )


def scored_piece(
    plan: Plan,
    spec: Spec,
    table: Table,
    piece: _Piece,
    missing: str,
    na_tokens: tuple[str, ...],
    memo: dict[tuple[str, ...], int | None],
) -> Block:
    """A piece that numbers its rows (``piece.rows``), scored."""
    return _block(plan, spec, table, piece, 0, missing, na_tokens, memo)


def _number_column(
    chunk: Chunk, key: str, piece: _Piece, j: int, percent: bool, marks: dict[str, Any]
) -> None:
    """A column's cells made plain, read as floats with their bound; a row with a
    cell that is not then a number float() and the exact reader read alike is
    not eligible."""
    import pyarrow.compute as pc

    t, lengths, plain = piece.raw[j], piece.lengths(j), None
    odd = int(np.count_nonzero(odd_bytes(_buffers(t)[1])))
    # a column whose only cells not plain are its N/A marks has nothing to rewrite
    # (its odd bytes cannot outnumber its marks' bytes: counted first, as cheaper)
    if (
        odd
        and key in marks
        and odd <= int(lengths[marks[key]].sum())
        and not (~piece.plain(j) & ~marks[key]).any()
    ):
        plain = piece.plain(j)  # the N/A marks are not read
    elif odd:  # spreadsheet forms, or other text
        rewritten = plain_forms_bytes(t, percent)  # in a few passes over the bytes
        if rewritten is None:  # other characters: Arrow's kernels, on the odd cells
            other = _mask(~piece.plain(j))
            t = pc.replace_with_mask(t, other, plain_forms(t.filter(other), percent))
            rewritten = t, _plain_bytes(t)
        t, plain = rewritten
        lengths = np.diff(_buffers(t)[0])
    good = (lengths > 0) & (lengths <= _LONGEST)
    if plain is not None:
        good &= plain
    if key in marks:  # an N/A mark is not read, even one of a number's bytes ("--")
        good &= ~marks[key]
    scientific = _with_exponent(t)
    if scientific is not None:  # 1.23457E+11: read where it has a number's form
        good[scientific] &= readable(t.filter(_mask(scientific)))
    v = _floats(t, good)
    v = np.where(good, v, 0.0)
    size = np.abs(v)
    least = (size >= _TINY) | (v == 0)
    if scientific is not None:  # read as 0 but not 0 (1e-400): the exact reader refuses it
        zero = scientific & good & (v == 0)
        if zero.any():
            least[zero] = ~_not_zero(t.filter(_mask(zero)))
    good &= np.isfinite(v) & (size < _MAX) & least
    chunk.eligible &= good if key not in marks else good | marks[key]
    if piece.cells_are_texts:
        _odd_cells(chunk, key, piece.raw[j], ~good if key not in marks else ~good & ~marks[key])
    # a text of at most 15 characters that reads as a whole number is that number
    # exactly (15 significant digits survive the trip through a double)
    whole = (lengths <= 15) & (v == np.floor(v)) & (size < 1e15)
    chunk.numbers[key] = (v, np.where(whole, 0.0, size * U))
    chunk.short[key] = good & (lengths <= 15)
    chunk.texts[key] = t


def _odd_cells(chunk: Chunk, key: str, column: Any, odd: Any) -> None:
    """Note the ``odd`` cells of a column (those the fast path does not read) by
    their text, as codes among the distinct texts (:attr:`Chunk.odd`)."""
    import pyarrow.compute as pc

    if not odd.any():
        return
    encoded = pc.dictionary_encode(column.filter(_mask(odd)))
    codes = np.zeros(len(odd), dtype=np.int64)
    codes[odd] = _numpy(encoded.indices).astype(np.int64) + 1
    chunk.odd[key] = (codes, encoded.dictionary.to_pylist())


#: a number's text as the exact reader reads it (engine.base.numbers.parse_number):
#: of the bytes ``plain_cells`` allows, those Arrow's cast reads alike
_DECIMAL = r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"


def readable(t: Any) -> Any:
    """Per cell of string column ``t``, whether it has a number's form (:data:`_DECIMAL`)."""
    import pyarrow.compute as pc

    return _numpy(pc.match_substring_regex(t, _DECIMAL))


def _with_exponent(t: Any) -> Any:
    """Per cell of string column ``t``, whether it holds an ``e`` or ``E``; None
    when none does (one quick pass over the bytes)."""
    offsets, codes = _buffers(t)
    at = np.flatnonzero((codes | np.uint8(0x20)) == ord("e"))  # E and e alone become e
    if not len(at):
        return None
    cells = np.zeros(len(t), dtype=bool)
    cells[cells_of(at, np.diff(offsets))] = True
    return cells


def _not_zero(t: Any) -> Any:
    """Per cell of string column ``t``, whether it holds a digit other than 0
    before an ``e`` or ``E`` (0.000000E+00 is 0; 1E-400 is not)."""
    import pyarrow.compute as pc

    return _numpy(pc.match_substring_regex(t, "^[^eE]*[1-9][^eE]*[eE]"))


def _floats(t: Any, good: Any) -> Any:
    """The ``good`` cells of string column ``t`` as floats (0 elsewhere); a cell
    of a number's bytes that is no number ("1.2.3", "-", "+-") is taken out of
    ``good``: found by a regular expression over the column when the cast fails,
    and cell by cell only if the cast then fails again."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for attempt in range(2):
        try:
            cells = t if good.all() else valid_only(t, good)
            return _numpy(pc.cast(cells, pa.float64()))
        except pa.ArrowInvalid:
            if attempt == 0:
                good &= readable(t)
    v, bad = _cellwise(t.to_pylist(), good)
    good &= ~bad
    return v


def _cellwise(texts: list[str], good: Any) -> tuple[Any, Any]:
    values = np.zeros(len(texts))
    bad = np.zeros(len(texts), dtype=bool)
    for i, (text, ok) in enumerate(zip(texts, good.tolist(), strict=True)):
        if ok:
            try:
                values[i] = float(text)
            except ValueError:
                bad[i] = True
    return values, bad
