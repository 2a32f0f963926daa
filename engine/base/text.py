"""Text from inputs, made safe to show: control characters visibly escaped, long
values shortened.

A name, note or cell may hold ESC and other control characters; printed raw, they
would move the cursor, erase lines or set the terminal's title, so a table could
hide its real first line behind a fake one. Everything that reaches a terminal
goes through :func:`visible`; every input value quoted in a message goes through
:func:`shown`, so a megabyte-long cell gives a one-line message, not a megabyte.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

#: C0 controls, DEL, C1 controls, the bidirectional marks and overrides that
#: reorder what is shown (U+061C, U+200E/F, U+202A-E, U+2066-9), the line and
#: paragraph separators (U+2028/9), and the characters that take no room at all
#: (U+200B, U+2060, U+FEFF): 'bud\ufeffget' must not look like 'budget'; and the lone
#: surrogates by which Python carries the bytes of a file name that is not UTF-8
#: (GBK names from a zip made on Chinese Windows), which no output can encode
_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff"
    "\ud800-\udfff]"
)

#: a word a shell takes as it is: letters of any script, digits and @%+=:,./_-
_PLAIN_WORD = re.compile(r"[\w@%+=:,./-]+")

#: the lone surrogates alone (:func:`name_text`)
_SURROGATE = re.compile("[\ud800-\udfff]")

#: the units that mean per cent: a value may be written with a final % or ％ (Chinese
#: tables write either), a cell formatted as a percentage shows it × 100
PERCENT_UNITS = frozenset({"%", "％"})


def is_percent(unit: str | None) -> bool:
    """Whether ``unit`` is per cent, written either way."""
    return unit in PERCENT_UNITS


#: longest input value quoted whole in a message
SHOWN_CHARS = 60


def _escape(match: re.Match[str]) -> str:
    return _escaped(ord(match.group()))


def _escaped(code: int) -> str:
    """A character as an escape; a byte of a name that is not UTF-8 (carried as
    U+DC80..U+DCFF) as that byte: ``\\xd6``."""
    if 0xDC80 <= code <= 0xDCFF:
        code -= 0xDC00
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def foreign_bytes(text: str) -> bool:
    """Whether ``text`` holds bytes that are not UTF-8 (a file name, or an argument
    typed in another encoding), which Python carries as lone surrogates."""
    return _SURROGATE.search(text) is not None


def name_text(name: str) -> str:
    """A file name as text every output can hold: the bytes of a name that is not
    UTF-8 shown as escapes (``\\xd6\\xd0.csv``), the rest as it is. Such a name
    opens only as given; this is what is shown of it."""
    return _SURROGATE.sub(_escape, name) if foreign_bytes(name) else name


def _escape_unencodable(error: UnicodeError) -> tuple[str, int]:
    """The codec error handler ``scorecard.escape``: what an output's encoding
    cannot hold, shown as escapes (:func:`_escaped`) rather than failing."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(_escaped(ord(ch)) for ch in bad), error.end


def _escape_name_bytes(error: UnicodeError) -> tuple[str, int]:
    """The codec error handler ``scorecard.names``: the bytes of a file name that
    is not UTF-8 shown as escapes (``\\xd6``); any other character the encoding
    cannot hold is still an error (a result is not changed without a word)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    if any(not 0xDC80 <= ord(ch) <= 0xDCFF for ch in bad):
        raise error
    return _escape_unencodable(error)


codecs.register_error("scorecard.escape", _escape_unencodable)
codecs.register_error("scorecard.names", _escape_name_bytes)


def shell_word(text: str) -> str:
    """``text`` as one word of a command to paste into a shell: quoted where it
    needs to be; a name holding bytes that are not UTF-8 or control characters
    as bash's ``$'…'``, whose escapes give back the very name."""
    import shlex

    if _PLAIN_WORD.fullmatch(text):  # 自评表.xlsx as it is: bash takes any letter
        return text
    if _CONTROL.search(text) is None:
        return shlex.quote(text)
    inner = text.replace("\\", "\\\\").replace("'", "\\'")
    return "$'" + _CONTROL.sub(_escape, inner) + "'"


def json_text(value: object, **options: Any) -> str:
    """``value`` as JSON text (``json.dumps``, characters as they are), any byte of
    a file name that is not UTF-8 written as :func:`name_text` shows it: valid
    JSON, which UTF-8 encodes."""
    import json

    text = json.dumps(value, ensure_ascii=False, **options)
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(lambda m: "\\" + _escape(m), text)


def utf8(text: str) -> bytes:
    """``text`` as an output file holds it: UTF-8, with what UTF-8 cannot hold (a
    byte of a file name that is not UTF-8) as an escape, never an error."""
    return text.encode("utf-8", "scorecard.names")


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


def _han(ch: str) -> bool:
    """A Chinese character or kana (a letter two cells wide): no space between two."""
    import unicodedata

    return ch >= "\u2e80" and unicodedata.category(ch) == "Lo"


def _latin(ch: str) -> bool:
    """A visible ASCII character: a word, a number, a quote or a bracket."""
    return "!" <= ch <= "~"


def _apart(a: str, b: str) -> bool:
    """Is a space written between ``a`` and ``b``, as the catalogue mixes Chinese and
    Latin (``是 ratio``, ``文字 '…'``, ``100 分``)?"""
    return (_han(a) and _latin(b)) or (_latin(a) and _han(b))


def fill(template: str, **values: object) -> str:
    """``template.format(**values)`` with a space where a value's Latin text meets the
    template's Chinese, or the other way round (``必须是{x}`` with ``ratio`` gives
    ``必须是 ratio``, with ``数值`` ``必须是数值``); the values themselves are never
    changed. English templates, which space their words, come out as ``format``
    makes them."""
    import string

    out = ""
    for literal, name, spec, conversion in string.Formatter().parse(template):
        if literal:
            out += " " + literal if out and _apart(out[-1], literal[0]) else literal
        if name is None:
            continue
        field = name + ("!" + conversion if conversion else "") + (":" + spec if spec else "")
        value = ("{" + field + "}").format(**values)
        out += " " + value if out and value and _apart(out[-1], value[0]) else value
    return out


def joined(parts: list[str], word: str) -> str:
    """``parts`` joined by ``word`` (``or``, ``或``) as each language writes it: a space
    on each side but between two Chinese characters or next to full-width
    punctuation (``a or b``; ``数值或文字``; ``formula 或由英文字母…``; ``）或数值``)."""

    def glue(a: str, b: str) -> str:
        x, y = a[-1:], b[:1]
        tight = (_han(x) and _han(y)) or _wide_mark(x) or _wide_mark(y)
        return a + b if not x or not y or tight else a + " " + b

    out = parts[0] if parts else ""
    for part in parts[1:]:
        out = glue(glue(out, word), part)
    return out


def _wide_mark(ch: str) -> bool:
    """Full-width punctuation (，、（）：), which is never spaced."""
    import unicodedata

    return bool(ch) and ch >= "\u3000" and unicodedata.category(ch)[0] in "PS"
