"""Spreadsheet number formats: what a cell's format says about the number stored.

A cell typed as ``90%`` holds 0.9 with a percentage format; ``0.00"%"`` or
``0.00\\%`` only print a percent sign after the number as stored.
"""

from __future__ import annotations

import re

#: quoted literals, backslash-escaped characters, and bracketed colours or conditions
_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
#: a bracketed part: a colour, a condition, a currency and locale, elapsed time
_BRACKET = re.compile(r"\[([^\[\]]*)\]")
#: colours and conditions, which say nothing of a date
_PLAIN_BRACKET = re.compile(
    r"(?i:black|blue|cyan|green|magenta|red|white|yellow|color[0-9]+)|[<>=].*"
)
#: a currency and locale (``[$¥-804]``) whose locale is no system date or time format
_CURRENCY = re.compile(r"\$[^-A-Za-z]*(?:-[0-9A-Ea-e][0-9A-Fa-f]{0,7})?")


#: Chinese and Japanese date and time words in formats (年, 上午/下午 for AM/PM)
_CJK_DATE = set("年月日时分秒時上下午")


def shows_date(code: str) -> bool:
    """Whether a number format may show the number stored as a date or a time
    (a reader then gives a date or a duration). In doubt, yes: but for the
    format ``General``, any Latin letter but the ``E`` of an exponent, and any Chinese date
    or time word, outside colours, conditions and currencies, counts (quoted
    or escaped text too: ``"元"`` does not)."""
    if code.strip().lower() == "general":
        return False
    text = code
    for m in _BRACKET.finditer(text):
        inside = m.group(1)
        if not (_PLAIN_BRACKET.fullmatch(inside) or _CURRENCY.fullmatch(inside)):
            return True  # elapsed time ([h]), a system date locale ([$-F800]), nested …
    text = _BRACKET.sub("", text)
    if "[" in text or "]" in text:
        return True
    return any((ch.isascii() and ch.isalpha() and ch not in "Ee") or ch in _CJK_DATE for ch in text)


def shows_percent(code: str | None) -> bool:
    """Whether a number format multiplies the stored number by 100 for display."""
    return "%" in _LITERALS.sub("", code or "")
