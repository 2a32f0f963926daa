"""Text from inputs, made safe to show: control characters visibly escaped, long
values shortened.

A name, note or cell may hold ESC and other control characters; printed raw, they
would move the cursor, erase lines or set the terminal's title, so a table could
hide its real first line behind a fake one. Everything that reaches a terminal
goes through :func:`visible`; every input value quoted in a message goes through
:func:`shown`, so a megabyte-long cell gives a one-line message, not a megabyte.
"""

from __future__ import annotations

import re

#: C0 controls, DEL, C1 controls, the bidirectional marks and overrides that
#: reorder what is shown (U+061C, U+200E/F, U+202A-E, U+2066-9), the line and
#: paragraph separators (U+2028/9), and the characters that take no room at all
#: (U+200B, U+2060, U+FEFF): 'bud\ufeffget' must not look like 'budget'
_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)

#: the units that mean per cent: a value may be written with a final % or ％ (Chinese
#: tables write either), a cell formatted as a percentage shows it × 100
PERCENT_UNITS = frozenset({"%", "％"})


def is_percent(unit: str | None) -> bool:
    """Whether ``unit`` is per cent, written either way."""
    return unit in PERCENT_UNITS


#: longest input value quoted whole in a message
SHOWN_CHARS = 60


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, keep: str = "") -> str:
    """``text`` with every control character shown as an escape (ESC as ``\\x1b``,
    a right-to-left override as ``\\u202e``), except those in ``keep``."""
    if _CONTROL.search(text) is None:  # the usual case, in one pass
        return text
    if keep:
        return _CONTROL.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)
    return _CONTROL.sub(_escape, text)


def shown(text: str, limit: int = SHOWN_CHARS) -> str:
    """An input value as a message quotes it: visible, and cut after ``limit``
    characters with a note of its full length."""
    if len(text) <= limit:
        return visible(text)
    return f"{visible(text[:limit])}… ({len(text)} characters)"


#: a quoted value far too long to show whole (prose between two apostrophes is
#: shorter than this)
LONG_QUOTED_CHARS = 200
_LONG_QUOTED = re.compile(f"'([^']{{{LONG_QUOTED_CHARS + 1},}})'")


def short_quotes(message: str) -> str:
    """``message`` with every quoted value over :data:`LONG_QUOTED_CHARS` characters
    shortened as :func:`shown` does (a message names a value; it does not repeat a
    megabyte of it)."""
    if len(message) <= LONG_QUOTED_CHARS:
        return message
    return _LONG_QUOTED.sub(lambda m: f"'{shown(m.group(1))}'", message)
