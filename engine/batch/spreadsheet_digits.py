"""A workbook's numbers at the 15 significant digits a spreadsheet keeps
(:func:`engine.base.numbers.spreadsheet_number`; a whole number as it is),
column-wise.

Most numbers are already so; those are found without a Python object per cell:
a double is the nearest to a decimal of at most 15 significant digits when
rounding it to 15 digits in doubles gives it back. Rounding in doubles may miss a
decimal (the product by a power of ten is rounded), never find a wrong one: a
number it gives back is that decimal's nearest double, as the division or
product of an integer below 10¹⁵ by an exact power of ten is. The few it does
not give back (a result of the spreadsheet's arithmetic) are made cell by cell.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..base.numbers import SPREADSHEET_DIGITS, spreadsheet_number

#: powers of ten exact as doubles (10²² is the last)
_EXACT = 22


def spreadsheet_numbers(values: Any) -> Any:
    """``values`` (doubles) each at most 15 significant digits: the array itself
    when every one already is, else a copy with the others rounded."""
    v = np.asarray(values, dtype=np.float64)
    if not len(v):
        return v
    size = np.abs(v)
    finite = np.isfinite(v) & (size > 0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        places = SPREADSHEET_DIGITS - 1 - np.floor(np.log10(np.where(finite, size, 1.0)))
        places = np.clip(places, -_EXACT, _EXACT)
        up = places >= 0
        scale = 10.0 ** np.abs(places)
        digits = np.rint(np.where(up, v * scale, v / scale))
        back = np.where(up, digits / scale, digits * scale)
        whole = v == np.floor(v)  # kept as it is, as a code of 16 digits
    kept = ~finite | whole | ((back == v) & (np.abs(digits) < 10.0**SPREADSHEET_DIGITS))
    if kept.all():
        return v
    out = v.copy()
    for i in np.flatnonzero(~kept).tolist():
        out[i] = spreadsheet_number(float(v[i]))
    return out
