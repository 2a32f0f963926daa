"""Spreadsheet number formats: what a cell's format says about the number stored.

A cell typed as ``90%`` holds 0.9 with a percentage format; ``0.00"%"`` or
``0.00\\%`` only print a percent sign after the number as stored.
"""

from __future__ import annotations

import re

#: quoted literals, backslash-escaped characters, and bracketed colours or conditions
_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
#: quoted literals and backslash-escaped characters
_QUOTED = re.compile(r'"[^"]*"|\\.')
#: a bracketed part: a colour, a condition, a currency and locale, or elapsed time
_BRACKET = re.compile(r"\[([^\]]*)\]")
#: letters (and words) that show part of a date or a time
_DATE_PARTS = set("dmyhsDMYHS年月日时分秒時")
_COLOURS = {"black", "blue", "cyan", "green", "magenta", "red", "white", "yellow"}


def shows_date(code: str) -> bool:
    """Whether a number format may show the number stored as a date or a time
    (a reader then gives a date): a day, month, year, hour, minute or second
    outside quotes, or elapsed time (``[h]``); in doubt, yes."""
    text = _QUOTED.sub("", code)
    for m in _BRACKET.finditer(text):
        inside = m.group(1)
        if inside.lower() in _COLOURS or inside.lower().startswith("color"):
            continue
        if inside[:1] in ("h", "H", "m", "M", "s", "S") or inside.startswith("$-"):
            return True  # elapsed time, or a locale (which may pick a calendar)
    text = _BRACKET.sub("", text)
    return any(ch in _DATE_PARTS for ch in text)


def shows_percent(code: str | None) -> bool:
    """Whether a number format multiplies the stored number by 100 for display."""
    return "%" in _LITERALS.sub("", code or "")
