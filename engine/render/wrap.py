"""Wrapping text by display cells, with the line-breaking rules of Chinese: no
line starts with closing punctuation (、，。), none ends with an opening one (“（),
and a number keeps its counter word (``5 次``, ``1000 万``); a word longer than a
line (an id, a path) is parted at its joints (``budget_`` ``execution``), not
wherever the line ends. The terminal tables, the derivations and the command
line's help all wrap through here; what must stay on one line is clipped with
``…`` (:func:`clip`), and a legend wraps between its entries (:func:`pack`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate, pairwise
from typing import TYPE_CHECKING, cast

from rich.containers import Lines
from rich.measure import Measurement

from .safe_text import RichText, Text, cell_len

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, JustifyMethod, OverflowMethod, RenderResult


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
        at += _joint(text, at, cut)
        starts.append(at)
    return starts


#: where a word too long for a line is parted, rather than anywhere: after these
#: (``budget_`` ``execution``, ``examples/`` ``licheng-2021/``), or before a dot
#: (``submission`` ``.yaml``)
BREAK_AFTER = frozenset("_-/\\:")
BREAK_BEFORE = frozenset(".")


def _joint(text: str, at: int, cut: int) -> int:
    """How much of ``text[at:]`` to put on a line that holds ``cut`` characters at
    most: up to its last joint (:data:`BREAK_AFTER`, :data:`BREAK_BEFORE`) when it
    has one, else ``cut`` (a word with none is cut where the line ends)."""
    for k in range(cut, 0, -1):
        if at + k >= len(text) or _is_joint(text, at + k):
            return k
    return cut


def _is_joint(text: str, i: int) -> bool:
    return text[i - 1] in BREAK_AFTER or (text[i] in BREAK_BEFORE and text[i - 1] != text[i])


def is_wide(text: str) -> bool:
    """Does ``text`` hold a character two cells wide (Chinese)?"""
    return any(ord(ch) >= 0x1100 and char_cells(ch) == 2 for ch in text)


def breaks_itself(text: str, width: int) -> bool:
    """Is ``text`` wrapped here rather than as rich wraps it: Chinese, or a word
    longer than a line of ``width`` cells (parted at its joints, :func:`_joint`)."""
    return is_wide(text) or any(cell_len(word) > width for word in text.split())


class LineBrokenText(Text):
    """A rich :class:`~rich.text.Text` that wraps Chinese, and a word longer than a
    line, by :func:`break_offsets` (other text wraps as rich wraps it)."""

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
        folds = (overflow or self.overflow or "fold") == "fold"
        own = is_wide(self.plain) or (folds and breaks_itself(self.plain, width))
        if no_wrap or self.no_wrap or overflow == "ignore" or not own:
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


def clip(text: str, width: int) -> str:
    """At most ``width`` display cells, ending in ``…`` when cut (never cut unmarked)."""
    if cell_len(text) <= width:
        return text
    return text[: _fitting(text, width - 1)] + "…" if width > 0 else ""


def clip_text(text: RichText, width: int) -> RichText:
    """:func:`clip` for a styled text: the ``…`` takes the styles of what it replaces
    (a line's cursor highlight goes on to its end)."""
    if text.cell_len <= width:
        return text
    if width < 1:
        return text[:0]
    end = _fitting(text.plain, width - 1)
    out = text[:end]
    out.append("…")
    out.spans = [s._replace(end=end + 1) if s.end == end else s for s in out.spans]
    return out


def _fitting(text: str, width: int) -> int:
    """How many characters of ``text`` fit in ``width`` cells."""
    cells = 0
    for i, ch in enumerate(text):
        cells += char_cells(ch)
        if cells > width:
            return i
    return len(text)


def pack(items: Sequence[str], width: int, sep: str = " · ") -> list[str]:
    """``items`` joined by ``sep`` in lines of at most ``width`` cells, each line as
    full as it can be and no item parted from itself (one longer than a line is
    wrapped on lines of its own, :func:`wrap_cells`): a legend that wraps."""
    lines: list[str] = []
    for item in items:
        if lines and cell_len(lines[-1] + sep + item) <= width:
            lines[-1] += sep + item
            continue
        if lines and cell_len(lines[-1] + sep.rstrip()) <= width:
            lines[-1] += sep.rstrip()  # the separator ends its line (· starts none)
        lines += wrap_cells(item, width)
    return lines


class Packed:
    """``items`` laid out by :func:`pack` at the width they are drawn at (a legend
    that wraps between its entries on a narrow screen)."""

    def __init__(self, items: Sequence[str], sep: str = " · "):
        self.items = list(items)
        self.sep = sep

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in pack(self.items, options.max_width, self.sep):
            yield Text(line, no_wrap=True)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        longest = max(map(cell_len, self.items), default=0)
        return Measurement(longest, cell_len(self.sep.join(self.items))).clamp(
            max_width=options.max_width
        )


class Hung:
    """A text whose lines after the first are indented ``more`` cells further: an
    entry of a list that wraps, whose continuation is not read as the next entry."""

    def __init__(self, text: RichText, more: int):
        self.text = text
        self.more = more

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.padding import Padding

        width = options.max_width
        lines = line_broken(self.text).wrap(console, width)
        if len(lines) < 2 or width < 2 * self.more + 10:
            yield from lines
            return
        first = lines[0]
        rest = self.text[len(first.plain) :]
        yield first
        skip = len(rest.plain) - len(rest.plain.lstrip(" "))
        yield Padding(line_broken(rest[skip:]), (0, 0, 0, self.more))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, line_broken(self.text))


class ItemsText(Text):
    """A line of items (a scorecard's ``target 4 次  actual 3 次  weight 3.75``) that,
    drawn through :func:`~engine.render.text.hanging`, wraps between its items as
    :class:`Packed` lays them out, so that a word never goes to the next line without
    the value it names (``得分`` and ``55.87``); its plain text is the line whole."""

    __slots__ = ("items", "sep")

    def __init__(self, items: Sequence[str], sep: str = "  ", indent: str = ""):
        super().__init__(indent + sep.join(items))
        self.items = list(items)
        self.sep = sep
