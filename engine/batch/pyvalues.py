"""Values from Python programs (a dict for one entity, a pandas column of mixed
types) as the cells of a table: numpy's scalars as Python's numbers, pandas'
and float's missing values as empty cells, nothing read through a binary float
that was not one already.

- ``np.float64`` is a float whose ``repr`` is ``np.float64(3.0)``: it is read as
  the float it is. ``np.float32`` is read from its own shortest text (``3.1``),
  not from the double it widens to (3.0999999046325684).
- ``None``, a float NaN, ``Decimal('NaN')``, ``pd.NA`` and ``pd.NaT`` are empty.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..base.numbers import NumberError, logical_text, parse_number

#: pandas' missing values, known by their type's name (pandas is not imported)
_MISSING_TYPES = ("NAType", "NaTType")


def plain(v: Any) -> Any:
    """``v`` as a cell: a Python str, bool, int, float or Decimal, or None (empty)."""
    if v is None or isinstance(v, str | bool | int | Fraction):
        return v
    if type(v).__name__ in _MISSING_TYPES:
        return None
    if isinstance(v, Decimal):
        return None if v.is_nan() else v
    if isinstance(v, float):  # np.float64 too
        return None if v != v else float(v)
    if type(v).__module__ == "numpy" and hasattr(v, "dtype"):
        kind = v.dtype.kind
        if kind == "b":
            return bool(v)
        if kind in "iu":
            return int(v)
        if kind == "f":
            return None if v != v else str(v)  # its own shortest text
    return v


def exact(v: Any) -> Any:
    """``v`` as an actuals document's YAML would hold it: numbers exact
    (Fractions), texts as they are; a mapping or list, each of its values so."""
    if isinstance(v, dict):
        return {k: exact(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [exact(x) for x in v]
    was_text = isinstance(v, str)
    v = plain(v)
    if was_text or v is None or isinstance(v, bool | Fraction):
        return v
    if isinstance(v, int):
        return Fraction(v)
    try:
        if isinstance(v, float):
            return parse_number(repr(v))
        if isinstance(v, Decimal | str):  # a Decimal, or a narrow float's text
            return parse_number(str(v))
    except NumberError:  # infinite: said not to be a number where it is checked
        return v
    return v


def cell_text(v: Any) -> str | None:
    """``v`` as the text of a cell (a column of mixed types read as text): a
    number as its shortest text, a missing value as None."""
    v = plain(v)
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, bool):
        return logical_text(v)
    if isinstance(v, float):
        return repr(v)
    return str(v)
