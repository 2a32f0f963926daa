"""Spreadsheet cell forms made plain by Arrow's string kernels, a column at a time.

The rules are those of :func:`engine.batch.cellforms.plain_cells` (strip the
cell; remove inner spaces and no-break spaces; make full-width digits ASCII;
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


def plain_forms(column: Any, percent: bool) -> Any:
    """The column's cells (an Arrow string array) stripped, with the spreadsheet
    forms the exact reader accepts rewritten as plain decimals."""
    t = pc.utf8_trim(column, characters=WHITESPACE)
    _offsets, codes = string_buffers(t)
    wide = bool(len(codes)) and int(codes.max()) >= 0x80  # any character beyond ASCII
    if (codes == ord(" ")).any():
        t = pc.replace_substring(t, " ", "")
    if wide and _has_nbsp(codes):
        t = pc.replace_substring(t, "\u00a0", "")
    if wide:
        t = _ascii_digits(t)
    if percent:
        for sign in ("%", "％") if wide else ("%",):
            ends = pc.ends_with(t, sign)
            if bool(pc.any(ends).as_py()):
                t = pc.if_else(ends, pc.utf8_slice_codeunits(t, 0, -1), t)
    if (string_buffers(t)[1] == ord(",")).any():
        grouped = pc.match_substring_regex(t, _GROUPED)
        t = pc.if_else(grouped, pc.replace_substring(t, ",", ""), t)
    return t


def _ascii_digits(column: Any) -> Any:
    """Full-width digits made ASCII in the bytes themselves: U+FF10 to U+FF19 are
    the three bytes EF BC 90 to EF BC 99 in UTF-8 (EF only ever starts a
    character), each becoming the one byte 30 to 39; offsets shift by what was
    dropped before them."""
    offsets, codes = string_buffers(column)
    if column.null_count or len(codes) < 3:
        return column
    lead = np.flatnonzero(codes[:-2] == 0xEF)
    third = codes[lead + 2]
    lead = lead[(codes[lead + 1] == 0xBC) & (third >= 0x90) & (third <= 0x99)]
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


def _has_nbsp(codes: Any) -> bool:
    """Whether the bytes hold a no-break space (C2 A0 in UTF-8)."""
    lead = np.flatnonzero(codes[:-1] == 0xC2)
    return bool((codes[lead + 1] == 0xA0).any())
