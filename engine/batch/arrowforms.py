"""Spreadsheet cell forms made plain by Arrow's string kernels, a column at a time.

The rules are those of :func:`engine.batch.cellforms.plain_cells` (strip the
cell; make full-width digits ASCII;
remove a final ``%`` or ``％`` on a percentage column; remove thousands
separators from a cell that is a number grouped by threes), applied by Arrow's
compiled kernels rather than by Python string operations: a column of Excel
forms costs a few passes in C instead of a Python object per cell.

One difference is deliberate and harmless: Arrow's regular expressions read
``\\d`` as an ASCII digit where Python's read any Unicode digit, so a cell such as
``٣,٠٠٠`` keeps its comma here. Either way the cell is not a plain number
afterwards and its row goes the exact way, which reads it (or says what is
wrong with it) as the row-by-row reader does. The differential tests hold the
two rewrites to each other on every cell that either makes plain.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .arrowbuf import string_buffers

#: every character str.strip removes (``c.isspace()``), for Arrow's trim
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_GROUPED = r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$"
#: digits grouped by threes with spaces (no-break spaces too): 82 912.04
_SPACED = "^[+-]?\\d{1,3}(?:[ \u00a0]\\d{3})+(?:\\.\\d+)?$"


def plain_forms(column: Any, percent: bool) -> Any:
    """The column's cells (an Arrow string array) stripped, with the spreadsheet
    forms the exact reader accepts rewritten as plain decimals."""
    t = pc.utf8_trim(column, characters=WHITESPACE)
    _offsets, codes = string_buffers(t)
    wide = bool(len(codes)) and int(codes.max()) >= 0x80  # any character beyond ASCII
    # a space inside a cell goes only where it groups digits by threes (82 912.04);
    # in any other (3 5) it stays, and the exact reader says what is wrong
    if wide:
        t = _ascii_digits(t)
    if percent:  # one final sign, either one (as the Python rule: "0％%" keeps its ％)
        ends = pc.ends_with(t, "%")
        if wide:
            ends = pc.or_(ends, pc.ends_with(t, "％"))
        if bool(pc.any(ends).as_py()):  # and the spaces before it (98.93 %)
            signless = pc.utf8_rtrim(pc.utf8_slice_codeunits(t, 0, -1), characters=" \u00a0")
            t = pc.if_else(ends, signless, t)
    return _ungrouped(t)


def _ungrouped(t: Any) -> Any:
    """The cells of ``t`` that are numbers grouped by threes (with commas, or with
    spaces or no-break spaces) without their separators; by Arrow's regular
    expression and replace kernels (in C: quicker than locating them byte by
    byte in numpy), each only where the column holds its separator at all."""
    codes = string_buffers(t)[1]
    if (codes == ord(",")).any():
        t = pc.if_else(pc.match_substring_regex(t, _GROUPED), pc.replace_substring(t, ",", ""), t)
    # (0xA0 ends a no-break space's two bytes, and ends or is inside other characters)
    if ((codes == ord(" ")) | (codes == 0xA0)).any():
        spaces = pc.replace_substring_regex(t, "[ \u00a0]", "")
        t = pc.if_else(pc.match_substring_regex(t, _SPACED), spaces, t)
    return t


def _full_width(second: Any, third: Any) -> Any:
    """Whether each character EF ``second`` ``third`` is a full-width digit
    (U+FF10 to U+FF19: EF BC 90 to 99), point (．, U+FF0E: 8E) or sign (＋ 8B,
    － 8D), as the exact reader reads them (the full-width comma, 8C, it does
    not): each is its ASCII byte plus 0x60 (the digits 30 to 39, . 2E, + 2B, - 2D)."""
    sign = (third == 0x8B) | (third == 0x8D) | (third == 0x8E)
    return (second == 0xBC) & (((third >= 0x90) & (third <= 0x99)) | sign)


def _ascii_digits(column: Any) -> Any:
    """Full-width digits, point and signs made ASCII in the bytes themselves
    (:func:`_full_width`; EF only ever starts a character), each three bytes
    becoming one; offsets shift by what was dropped before them."""
    offsets, codes = string_buffers(column)
    if column.null_count or len(codes) < 3:
        return column
    lead = np.flatnonzero(codes[:-2] == 0xEF)
    lead = lead[_full_width(codes[lead + 1], codes[lead + 2])]
    if not len(lead):
        return column
    out = codes.copy()
    out[lead + 2] -= 0x60
    dropped = np.zeros(len(codes), dtype=bool)
    dropped[lead] = dropped[lead + 1] = True
    start = offsets - offsets[0]
    # two bytes dropped for each full-width digit that starts before a cell
    shifted = (start - 2 * np.searchsorted(lead, start)).astype(np.int32)
    data = out[~dropped]
    return pa.Array.from_buffers(
        pa.string(), len(column), [None, pa.py_buffer(shifted), pa.py_buffer(data)]
    )


def _end_spaces(spaces: Any, start: Any, last: Any) -> tuple[Any, Any]:
    """The spaces (positions ``spaces``, in order) at either end of their cells
    (cells from ``start``), with their cells; each cell's ``last`` byte is moved
    before its trailing spaces. Spaces are looked at in runs, a run ending where
    a cell does: no pass over every byte."""
    lengths = np.diff(start)
    cell = cells_of(spaces, lengths)
    begins = np.ones(len(spaces), dtype=bool)
    begins[1:] = (np.diff(spaces) != 1) | (np.diff(cell) != 0)
    heads = np.flatnonzero(begins)
    first, run_cell = spaces[heads], cell[heads]
    final = spaces[np.append(heads[1:] - 1, len(spaces) - 1)]
    leading = first == start[run_cell]
    trailing = final == start[run_cell + 1] - 1
    last[run_cell[trailing]] = first[trailing] - 1
    dropped = (leading | trailing)[np.cumsum(begins) - 1]
    return spaces[dropped], cell[dropped]


def plain_forms_bytes(column: Any, percent: bool) -> tuple[Any, Any] | None:
    """:func:`plain_forms` for a column whose only characters beyond ASCII are
    full-width digits and whose only space is the space bar's, done on the bytes
    in a few numpy passes; with it, per cell, whether the result holds only a
    plain number's bytes. None for any other column (another character beyond
    ASCII, a tab or other control character, a null), which :func:`plain_forms`
    rewrites.

    With only such spaces, stripping a cell is dropping the spaces at either end
    of it (one inside stays, and the cell is then not plain); a full-width
    digit's three bytes become its ASCII digit's one; then a final ``%`` goes
    (on a percentage column). Each step names the bytes it drops and their cells
    (few, beside the column's bytes); the kept bytes are taken once. Then the
    commas of a cell grouped by threes go, by Arrow's regular expression and
    replace kernels (in C: quicker than locating them byte by byte in numpy)."""
    offsets, codes = string_buffers(column)
    if column.null_count or (len(codes) and (codes < ord(" ")).any()):
        return None
    start = (offsets - offsets[0]).astype(np.int64)
    lengths = np.diff(start)
    last = start[1:] - 1  # each cell's last byte once stripped
    drops: list[tuple[Any, Any]] = []  # dropped bytes, and their cells
    spaces = np.flatnonzero(codes == ord(" "))
    if len(spaces):
        drops.append(_end_spaces(spaces, start, last))
    if len(codes) and codes.max() >= 0x80:
        lead = _full_width_digits(codes)
        if lead is None:
            return None
        codes = codes.copy()
        codes[lead + 2] -= 0x60
        cell = cells_of(lead, lengths)
        drops += [(lead, cell), (lead + 1, cell)]
    left = lengths - _count(drops, len(lengths))
    if percent:
        cell = np.flatnonzero(left > 0)
        cell = cell[codes[last[cell]] == ord("%")]
        drops.append((last[cell], cell))
        left[cell] -= 1
        drops += _before_sign(codes, left, last[cell] - 1, cell)
    codes, lengths = _dropped(codes, left, drops)
    start = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=start[1:])
    kind = pa.string() if start[-1] < 1 << 31 else pa.large_string()
    if kind == pa.string():
        start = start.astype(np.int32)
    buffers = [None, pa.py_buffer(start), pa.py_buffer(codes)]
    made = pa.Array.from_buffers(kind, len(lengths), buffers)
    if ((codes == ord(",")) | (codes == ord(" "))).any():  # by Arrow's kernels, in C
        made = _ungrouped(made)
        start, codes = string_buffers(made)
    return made, plain_cells(start - start[0], codes)


def _before_sign(codes: Any, left: Any, at: Any, cell: Any) -> list[tuple[Any, Any]]:
    """The spaces just before each ``cell``'s final ``%`` (ending at ``at``), which
    the exact reader drops with it (98.93 %); ``left``, each cell's bytes still
    kept, is lowered by them. A space of a cell's start was dropped already: a
    cell is looked at only while it keeps a byte."""
    drops = []
    while len(cell):
        space = (left[cell] > 0) & (codes[at] == ord(" "))
        cell, at = cell[space], at[space]
        drops.append((at, cell))
        left[cell] -= 1
        at = at - 1
    return drops


def _count(drops: list[tuple[Any, Any]], n: int) -> Any:
    """The dropped bytes (``drops``: positions, and their cells) of each of ``n`` cells."""
    if not drops:
        return 0
    return np.bincount(np.concatenate([cell for _, cell in drops]), minlength=n)


def _dropped(codes: Any, lengths: Any, drops: list[tuple[Any, Any]]) -> tuple[Any, Any]:
    """The bytes but those dropped (``drops``: positions, and their cells), with
    the cells' ``lengths`` once they are dropped."""
    if not any(len(at) for at, _ in drops):
        return codes, lengths
    keep = np.ones(len(codes), dtype=bool)
    for at, _ in drops:
        keep[at] = False
    return codes[keep], lengths


def plain_cells(offsets: Any, codes: Any) -> Any:
    """Per cell (``offsets`` into ``codes``), whether it holds only bytes a plain
    number may hold; None when every cell does."""
    odd = np.flatnonzero(odd_bytes(codes))
    if not len(odd):
        return None
    plain = np.ones(len(offsets) - 1, dtype=bool)
    # the cell of each odd byte: the last cell starting at or before it
    plain[cells_of(odd, np.diff(offsets))] = False
    return plain


def cells_of(at: Any, lengths: Any) -> Any:
    """The cell (of cells of ``lengths`` bytes, one after another) of each byte
    position ``at``: the last cell starting at or before it. Searched for a few
    positions; for many, taken from every byte's cell, written once."""
    total = int(lengths.sum())
    if len(at) * 16 < total:
        starts = np.cumsum(lengths) - lengths
        return np.searchsorted(starts, at, side="right") - 1
    return np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)[at]


def odd_bytes(codes: Any) -> Any:
    """Per byte, whether it is not one a plain number's text may hold (digits,
    ``.``, ``+``, ``-``, and an exponent's ``e`` or ``E``, as a spreadsheet
    writes 1.23457E+11: a cell holding one is read only if it has a number's
    form, :func:`engine.batch.columnar.readable`): comparisons, which numpy
    does far faster than a lookup in a table of 256."""
    shifted = codes - np.uint8(ord("+"))  # + , - . / 0-9 become 0 to 14
    letter = (codes | np.uint8(0x20)) != ord("e")  # E and e alone become e
    return ((shifted > 14) & letter) | (codes == ord(",")) | (codes == ord("/"))


def _full_width_digits(codes: Any) -> Any:
    """The first bytes of the full-width digits, points and signs
    (:func:`_full_width`); None when a byte beyond ASCII belongs to any other
    character."""
    lead = np.flatnonzero(codes[:-2] == 0xEF)
    if 3 * len(lead) != int(np.count_nonzero(codes >= 0x80)):
        return None
    if not _full_width(codes[lead + 1], codes[lead + 2]).all():
        return None
    return lead
