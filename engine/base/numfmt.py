"""Spreadsheet number formats: what a cell's format says about the number stored.

A cell typed as ``90%`` holds 0.9 with a percentage format; ``0.00"%"`` or
``0.00\\%`` only print a percent sign after the number as stored.
"""

from __future__ import annotations

import re

#: quoted literals, backslash-escaped characters, and bracketed colours or conditions
_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def shows_percent(code: str | None) -> bool:
    """Whether a number format multiplies the stored number by 100 for display."""
    return "%" in _LITERALS.sub("", code or "")
