"""A table that draws only the lines on screen (Textual's line API), for the explorer's
list of entities: a table of 100,000 rows opens as fast as one of ten, because a
cell is formatted only when its line is drawn (Textual's DataTable measures and
stores every cell first).

The rows are given as a count and a function (row, column) → text; the header
line stays on top while the rows scroll under it, and the first ``frozen`` columns
(rank, total, grade, entity) stay on the left while the others scroll sideways
under them, so a score is never shown without its unit's name. A cursor cell moves with the
arrow keys, Page Up/Down, Home/End; a click moves it, a click on the header asks
for a sort.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .safe_text import RichText, Text, cell_len, one_line

#: the space on each side of a cell
PAD = 1
HEADER = Style(bold=True)
CURSOR = Style(reverse=True, bold=True)


class UnitList(ScrollView, can_focus=True):
    """``count`` rows of ``len(headers)`` columns, each cell ``cell(row, column)``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1, 0)", show=False),
        Binding("down", "move(1, 0)", show=False),
        Binding("left", "move(0, -1)", show=False),
        Binding("right", "move(0, 1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "move(-1_000_000_000, 0)", show=False),
        Binding("end", "move(1_000_000_000, 0)", show=False),
    ]

    class HeaderSelected(Message):
        """The header of ``column`` was clicked."""

        def __init__(self, column: int) -> None:
            super().__init__()
            self.column = column

    def __init__(
        self, cell: Callable[[int, int], str | Text], id: str | None = None, frozen: int = 0
    ):
        super().__init__(id=id)
        self.cell = cell
        self.frozen = frozen
        self.headers: list[str] = []
        self.widths: list[int] = []
        self.count = 0
        self.right: frozenset[int] = frozenset()  # the columns aligned right (numbers)
        self.row = 0
        self.column = 0

    def show(
        self,
        headers: Sequence[str],
        widths: Sequence[int],
        count: int,
        right: frozenset[int] = frozenset(),
    ) -> None:
        """Draw ``count`` rows under ``headers``; a column is as wide as the larger of
        its header and ``widths`` (and grows if a cell drawn later is wider); the
        columns in ``right`` are aligned right."""
        self.headers = list(headers)
        self.right = right
        self.widths = [max(w, cell_len(h)) for h, w in zip(headers, widths, strict=True)]
        self.count = count
        self.row = min(self.row, max(count - 1, 0))
        self._resize()
        self._into_view()  # the widths may have changed (names for ids): the cursor in view

    def _resize(self) -> None:
        width = sum(w + 2 * PAD for w in self.widths)
        self.virtual_size = Size(width, self.count + 1)  # the header, then the rows
        self.refresh()

    def render_line(self, y: int) -> Strip:
        if y == 0:
            return self._strip([Text(h, style=HEADER) for h in self.headers], None)
        row = int(self.scroll_offset.y) + y - 1
        if row >= self.count:
            return Strip.blank(self.size.width, self.rich_style)
        cells = [self._text(row, c) for c in range(len(self.headers))]
        return self._strip(cells, self.column if row == self.row else None)

    def _text(self, row: int, column: int) -> RichText:
        value = self.cell(row, column)
        text = value if isinstance(value, RichText) else Text(one_line(value))
        if cell_len(text.plain) > self.widths[column]:  # wider than measured: grow
            self.widths[column] = cell_len(text.plain)
            self.call_after_refresh(self._resize)
        return text

    def _kept(self) -> tuple[int, int]:
        """How many leading columns stay in view, and their width: none where they
        would take over two thirds of the widget (a very long name)."""
        width = sum(w + 2 * PAD for w in self.widths[: self.frozen])
        if not self.frozen or width > self.size.width * 2 // 3:
            return 0, 0
        return self.frozen, width

    def _strip(self, cells: Sequence[RichText], cursor: int | None) -> Strip:
        kept, kept_width = self._kept()
        parts: tuple[list[Segment], list[Segment]] = ([], [])
        for c, (cell, width) in enumerate(zip(cells, self.widths, strict=True)):
            text = cell.copy()
            text.align("right" if c in self.right else "left", width)
            text.pad(PAD)
            if c == cursor:
                text.stylize(CURSOR, PAD, PAD + width)
            parts[c >= kept].extend(text.render(self.app.console))
        x = int(self.scroll_offset.x)
        left, rest = (Strip(Segment.apply_style(p, self.rich_style)) for p in parts)
        strip = Strip.join([left, rest.crop(x, x + self.size.width - kept_width)])
        return strip.crop(0, self.size.width).extend_cell_length(self.size.width, self.rich_style)

    def move_to(self, row: int, column: int | None = None) -> None:
        """Put the cursor on ``row`` (and ``column``), scrolled into view."""
        self.row = max(0, min(row, self.count - 1))
        if column is not None:
            self.column = max(0, min(column, len(self.headers) - 1))
        self._into_view()
        self.refresh()

    @property
    def view(self) -> Size:
        """What the rows are drawn in: the widget less its scrollbars."""
        return self.scrollable_content_region.size

    def _into_view(self) -> None:
        if not self.view.area:  # not laid out yet: nothing to scroll
            return
        height = max(self.view.height - 1, 1)  # rows under the header
        top = int(self.scroll_offset.y)
        if self.row < top:
            top = self.row
        elif self.row >= top + height:
            top = self.row - height + 1
        kept, kept_width = self._kept()
        x = int(self.scroll_offset.x)
        if self.column >= kept:  # among the columns that scroll sideways
            left = sum(w + 2 * PAD for w in self.widths[kept : self.column])
            right = left + self.widths[self.column] + 2 * PAD if self.widths else 0
            if left < x:
                x = left
            elif right > x + self.view.width - kept_width:
                x = right - (self.view.width - kept_width)
                # at a column's left edge: no column shown cut, its header blank
                edges = accumulate(w + 2 * PAD for w in self.widths[kept : self.column])
                x = next((e for e in edges if e >= x), x)
        self.scroll_to(x, top, animate=False, force=True)

    def action_move(self, rows: int, columns: int) -> None:
        self.move_to(self.row + rows, self.column + columns)

    def action_page(self, pages: int) -> None:
        self.move_to(self.row + pages * max(self.view.height - 1, 1))

    def on_click(self, event: events.Click) -> None:
        _kept, kept_width = self._kept()
        # the columns kept in view are where they are drawn; the others scrolled
        x = event.x if event.x < kept_width else event.x + int(self.scroll_offset.x)
        column, left = 0, 0
        for column, width in enumerate(self.widths):  # noqa: B007 (the column clicked)
            left += width + 2 * PAD
            if x < left:
                break
        if event.y == 0:
            self.post_message(self.HeaderSelected(column))
        else:
            self.move_to(int(self.scroll_offset.y) + event.y - 1, column)
