"""Spreadsheet cell forms made plain, a column at a time, for the fast path.

Tables exported from Excel carry numbers as ``82,912.04``, ``98.93%``, ``１２３．５``
or `` 3 `` (surrounding spaces, no-break spaces). The exact reader
(:func:`engine.batch.tables._cell_value`) accepts each of these forms; this module
rewrites a whole column of them into the plain decimal text that reader would
parse, so that the fast path can score them instead of sending every such row
down the exact path.

The rewrite is a subset of what the exact reader does, never more: a cell it
cannot make plain with certainty is left as it is, the fast path finds it not
plain, and the row goes the exact way (which reads it, or says what is wrong
with it, at its position). The differential tests hold the two to each other.

A column of plain numbers is only stripped. Large CSV files read column-wise
apply the same rules with Arrow's kernels (:mod:`engine.batch.arrowforms`),
held to these by a differential test; smaller tables, read row by row, use
these.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: full-width digits, point and signs, which the exact reader reads as ASCII
#: (:func:`engine.base.numbers.ascii_digits`: ８５．５, －３), made ASCII (a space
#: inside a cell goes only where it groups digits by threes)
_FULL = "０１２３４５６７８９．－＋"
_ASCII = str.maketrans(_FULL, "0123456789.-+")
_FULL_WIDTH = re.compile(f"[{_FULL}]")
#: thousands separators, in groups of three (the exact reader's rule)
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
#: a cell that needs no rewriting (the usual case of a plain-number column)
_PLAIN = re.compile(r"[^0-9.+\-\n]")
#: the same rules over a whole column joined by newlines, one cell a line
_PERCENT_END = re.compile("[ \u00a0]*+[%％]$", re.MULTILINE)
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$", re.MULTILINE)
#: digits grouped by threes with spaces or no-break spaces (82 912.04), in a cell
#: and in a column joined by newlines
_SPACED = re.compile("[+-]?\\d{1,3}(?:[ \u00a0]\\d{3})+(?:\\.\\d+)?")
_SPACED_LINES = re.compile("^" + _SPACED.pattern + "$", re.MULTILINE)


def plain_cells(cells: Sequence[str], percent: bool) -> list[str]:
    """The column's cells, stripped, with the spreadsheet forms the exact reader
    accepts rewritten as plain decimals: thousands separators removed, a final
    ``%`` (or ``％``) removed when ``percent`` (the indicator's unit is %),
    full-width digits made ASCII. Any other cell (a space that does not group
    digits by threes among them) is only stripped."""
    texts = list(map(str.strip, cells))
    joined = "\n".join(texts)
    if _PLAIN.search(joined) is None:
        return texts
    if joined.count("\n") != len(texts) - 1:  # a cell holds a line break: cell by cell
        return [_one(t, percent) for t in texts]
    # the column as one text, rewritten by C loops rather than a call per cell; a
    # cell left with a stray comma or an inner space is not plain, and the exact
    # reader says what is wrong with it (3 5 is no number)
    column = joined
    if _FULL_WIDTH.search(column) is not None:  # str.replace: far faster than translate
        for wide, ascii in zip(_FULL, "0123456789.-+", strict=True):
            column = column.replace(wide, ascii)
    if percent:
        column = _PERCENT_END.sub("", column)
    if "," in column:
        column = _GROUPED.sub(_ungroup, column)
    if " " in column or "\u00a0" in column:
        column = _SPACED_LINES.sub(_unspace, column)
    return column.split("\n")


def _ungroup(m: re.Match[str]) -> str:
    return m.group().replace(",", "")


def _unspace(m: re.Match[str]) -> str:
    return m.group().replace(" ", "").replace("\u00a0", "")


def _one(text: str, percent: bool) -> str:
    t = text.translate(_ASCII)
    if percent and t[-1:] in ("%", "％"):
        t = t[:-1].rstrip(" \u00a0")  # and the spaces before it (98.93 %)
    if "," in t:
        if _THOUSANDS.fullmatch(t) is None:
            return text
        t = t.replace(",", "")
    if " " in t or "\u00a0" in t:
        if _SPACED.fullmatch(t) is None:
            return text
        t = t.replace(" ", "").replace("\u00a0", "")
    return t
