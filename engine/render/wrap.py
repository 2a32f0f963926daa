"""Wrapping text by display cells, with the line-breaking rules of Chinese: no
line starts with closing punctuation (、，。), none ends with an opening one (“（),
and a number keeps its counter word (``5 次``, ``1000 万``). The terminal tables,
the derivations and the command line's help all wrap through here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate, pairwise
from typing import TYPE_CHECKING, cast

from rich.containers import Lines

from .safe_text import RichText, Text, cell_len

if TYPE_CHECKING:
    from rich.console import Console, JustifyMethod, OverflowMethod


@lru_cache(maxsize=8192)
def char_cells(ch: str) -> int:
    """Display cells of one character (an escape's, for a control character):
    the wrapping below measures every character of a text, and a text of one
    language repeats the same few hundred."""
    return cell_len(ch)


def wrap_cells(text: str, width: int) -> list[str]:
    """Wrap by display cells: at spaces where possible, anywhere in CJK text."""
    width = max(width, 1)
    if cell_len(text) <= width:
        return [text]
    lines: list[str] = []
    current = ""
    for word in tokens(text):
        if cell_len(current + word) <= width:
            current += word
            continue
        if current.strip():
            lines.append(current.rstrip())
        current = word.lstrip()
        if cell_len(current) > width:  # a token longer than the line: cut it by cells
            cuts = [0, *_line_starts(current, width)]
            lines += [current[a:b] for a, b in pairwise(cuts)]
            current = current[cuts[-1] :]
    if current.strip():
        lines.append(current.rstrip())
    return lines or [""]


#: Chinese punctuation that never starts a line, and that never ends one
NO_LINE_START = frozenset("、，。；：？！”’）》」』】〉…·%％")
NO_LINE_END = frozenset("“‘（《「『【〈")


def tokens(text: str) -> list[str]:
    """Unbreakable pieces with their leading space: a word, or one CJK character
    together with the punctuation that may not be parted from it, and a number
    together with the counter word after it (``5 次``, ``1000 万``)."""
    out: list[str] = []
    # a number's unit ends the text: keep it whole (a compound one may break
    # after its slash only: 万元/ 公里)
    unit = _COMPOUND_UNIT_AT_END.search(text) or _UNIT_AT_END.search(text)
    pieces = _pieces(text[: unit.start(1)]) if unit else _pieces(text)
    if unit:
        pieces += [g for g in unit.groups() if g]
    for tok in pieces:
        prev = out[-1] if out else ""
        glued = prev and (
            tok[0] in NO_LINE_START
            or prev[-1] in NO_LINE_END
            or (char_cells(tok[0]) > 1 and _ends_in_number(prev))
        )
        if glued or (prev.strip() and not tok.strip()):
            out[-1] = prev + tok
        else:
            out.append(tok)
    return out


_UNIT_AT_END = re.compile(r"\d[\d.,…%]* ?([^\x00-\xff]{1,4})$")
_COMPOUND_UNIT_AT_END = re.compile(r"\d[\d.,…%]* ?([^\x00-\xff]{1,4}/)([^\x00-\xff]{1,4})$")


def _ends_in_number(text: str) -> bool:
    return text.rstrip(" ")[-1:].isdigit()


def _pieces(text: str) -> list[str]:
    """Words with their leading space; every CJK character is a word of its own
    (cut by position, not built a character at a time: a megabyte-long word)."""
    out: list[str] = []
    start = 0  # where the word being read starts
    for i, ch in enumerate(text):
        # (a printable character below U+1100 takes one cell: not measured)
        wide = (ch >= "\u1100" or not ch.isprintable()) and char_cells(ch) > 1
        if ch == " " or wide:
            if i > start:
                out.append(text[start:i])
            start = i
            if wide:
                out.append(ch)
                start = i + 1
    if start < len(text):
        out.append(text[start:])
    return out


def break_offsets(text: str, width: int) -> list[int]:
    """Where lines of ``text`` start when wrapped to ``width`` cells, as rich's
    ``divide_line`` gives them (a space stays at the end of its line), but
    between :func:`tokens` only."""
    offsets: list[int] = []
    col = start = 0
    for tok in tokens(text):
        end = start + len(tok)
        begin = start
        if col and col + cell_len(tok.rstrip()) > width:
            begin += len(tok) - len(tok.lstrip(" "))  # the new line starts at the word
            offsets.append(begin)
            col = 0
        piece = text[begin:end]
        if col == 0 and len(piece) > 1 and cell_len(piece.rstrip()) > width:
            # a piece longer than a line: cut it by cells (its trailing spaces stay)
            starts = _line_starts(piece, width, len(piece.rstrip()))
            offsets += [begin + at for at in starts]
            piece = piece[starts[-1] :] if starts else piece
        col += cell_len(piece)
        start = end
    return offsets


def _line_starts(text: str, width: int, end: int | None = None) -> list[int]:
    """Where lines start when ``text`` is cut into lines of at most ``width`` cells
    (at least one character each), until what is left before ``end`` fits; in one
    pass, so that a megabyte-long word costs what its length does."""
    sums = [0, *accumulate(char_cells(ch) for ch in text)]
    n = len(text)
    end = n if end is None else end
    starts: list[int] = []
    at = 0
    while sums[end] - sums[at] > width and n - at > 1:
        cut = 1
        while at + cut < n and sums[at + cut + 1] - sums[at] <= width:
            cut += 1
        at += cut
        starts.append(at)
    return starts


def is_wide(text: str) -> bool:
    """Does ``text`` hold a character two cells wide (Chinese)?"""
    return any(ord(ch) >= 0x1100 and char_cells(ch) == 2 for ch in text)


class LineBrokenText(Text):
    """A rich :class:`~rich.text.Text` that wraps Chinese by :func:`break_offsets`
    (text without wide characters wraps as rich wraps it)."""

    __slots__ = ()

    def wrap(
        self,
        console: Console,
        width: int,
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        if no_wrap or self.no_wrap or overflow == "ignore" or not is_wide(self.plain):
            return super().wrap(
                console,
                width,
                justify=justify,
                overflow=overflow,
                tab_size=tab_size,
                no_wrap=no_wrap,
            )
        wrap_justify = justify or self.justify or "default"
        wrap_overflow = overflow or self.overflow or "fold"
        lines = Lines()
        for line in self.split(allow_blank=True):
            if "\t" in line:
                line.expand_tabs(tab_size)
            new_lines = line.divide(break_offsets(line.plain, width))
            for piece in new_lines:
                piece.rstrip_end(width)
            new_lines.justify(console, width, justify=wrap_justify, overflow=wrap_overflow)
            for piece in new_lines:
                piece.truncate(width, overflow=wrap_overflow)
            lines.extend(new_lines)
        return lines


def line_broken(text: RichText) -> Text:
    """``text`` wrapped by :class:`LineBrokenText` (a copy; ``text`` is left as it is)."""
    out = text.copy()
    out.__class__ = LineBrokenText
    return cast(LineBrokenText, out)
