"""The explorer over a table (`scorecard view SPEC TABLE`): the entities, sortable
by total, grade or any indicator, filterable by name; Enter opens one entity."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from ..base.i18n import N_, _, language
from ..base.numbers import format_fixed, format_value
from ..spec.model import Spec
from . import explore as x
from .explorer import ScorecardScreen, translate_bindings
from .explorer_errors import ErrorsScreen
from .explorer_list import UnitList
from .explorer_units import Opener, Unit, Units
from .safe_text import Text, cell_len, one_line

#: the fixed columns before one per indicator, with their headers (the catalogue's)
FIXED = ("rank", "total", "grade", "entity", "row")
HEADERS = {
    "rank": N_("rank"),
    "total": N_("total"),
    "grade": N_("grade"),
    "entity": N_("entity"),
    "row": N_("row"),
}


class TableScreen(Screen[None]):
    """The entities as a table; ``s`` sorts by the column under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", N_("Open"), priority=True),
        Binding("s", "sort", N_("Sort")),
        Binding("slash", "filter", N_("Filter")),
        Binding("l", "app.language", N_("Lang")),
        Binding("escape", "clear", N_("Clear"), show=False),
        Binding("q", "app.quit", N_("Quit")),
    ]

    def __init__(self, spec: Spec, units: Sequence[Unit], opener: Opener):
        super().__init__()
        self.spec = spec
        self.units = Units(units, spec)
        self.opener = opener  # a unit is scored with its derivation when opened
        self.ids = [i.id for i in spec.walk()]
        self.names = {i.id: one_line(i.name or i.id) for i in spec.walk()}
        self.sort_column = 0  # rank
        self.reverse = False
        self.filter = ""
        self.sources = x.Sources()
        self.order: list[Unit] = []  # the units shown, in the order shown

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        yield UnitList(self.cell, id="units", frozen=FIXED.index("entity") + 1)
        yield Static(id="status")
        yield Input(id="prompt")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.fill()
        self.query_one("#units", UnitList).focus()

    def shown(self) -> list[Unit]:
        """The units passing the filter, in the chosen order: ties, and in either
        direction the units with no value in the column (last), by row."""
        q = self.filter.casefold()
        names = self.units.casefolded()
        kept = [i for i, name in enumerate(names) if q in name] if q else range(len(names))
        keys = self.units.keys(self.sort_column)
        valued = [i for i in kept if keys[i] is not None]
        valued.sort(key=keys.__getitem__, reverse=self.reverse)
        return [self.units[i] for i in (*valued, *(i for i in kept if keys[i] is None))]

    def fill(self) -> None:
        """The units shown again (filtered, sorted), the cursor on the first."""
        self.order = self.shown()
        self.draw()
        self.query_one("#units", UnitList).move_to(0)

    def draw(self) -> None:
        """The list's headers, widths and rows, and the words around it."""
        headers = [self.header(c) for c in range(len(FIXED) + len(self.ids))]
        numbers = frozenset(c for c in range(len(headers)) if c not in (2, 3))  # grade, entity
        self.query_one("#units", UnitList).show(headers, self.widths(), len(self.order), numbers)
        self.words()

    def widths(self) -> list[int]:
        """The columns' widths from what their values can be: the largest rank and
        row, each grade, the full marks (no score is wider), the names."""
        spec, units = self.spec, self.units
        fixed = [
            len(str(len(units))),
            len(self._number(spec.total)),
            max(cell_len(n) for n in (*(g.grade for g in spec.grades), "—", _("error"))),
            *units.widths,
        ]
        return fixed + [len(self._number(i.weight)) for i in spec.walk()]

    def cell(self, row: int, column: int) -> str | Text:
        """What one cell of the list shows: formatted only when it is drawn."""
        u = self.order[row]
        if column >= len(FIXED):
            return self._number(u.scores[column - len(FIXED)]) if u.scores else "—"
        if column == 0:
            return "" if u.rank is None else str(u.rank)
        if column == 1:
            return self._number(u.total)
        if column == 2:
            return u.grade or ("—" if not u.errors else Text(_("error"), style="bold reverse"))
        return one_line(u.entity) if column == 3 else str(u.row)

    def _number(self, value: Fraction | None) -> str:
        if value is None:
            return "—"
        r = self.spec.rounding
        return format_fixed(value, r.places) if r.apply == "each" else format_value(value)

    def header(self, column: int) -> str:
        """A column's header in the language of the moment: the fixed ones, then each
        indicator's id (English) or name (Chinese, as the batch's tables head them)."""
        if column < len(FIXED):
            return _(HEADERS[FIXED[column]])
        iid = self.ids[column - len(FIXED)]
        return self.names[iid] if language() == "zh" else iid

    def relabel(self) -> None:
        """Draw the screen again in the language of the moment (``l``), the cursor
        where it was."""
        self.draw()

    def words(self) -> None:
        self.query_one("#title", Static).update(Text(one_line(self.spec.title or self.spec.id)))
        if self.filter:
            status = _("{count} entities · shown {shown} ('{text}')").format(
                count=len(self.units), shown=len(self.order), text=self.filter
            )
        else:
            status = _("{count} entities · shown {shown}").format(
                count=len(self.units), shown=len(self.order)
            )
        status += " · " + _("sorted by {column} {arrow}").format(
            column=self.header(self.sort_column), arrow="↓" if self.reverse else "↑"
        )
        self.query_one("#status", Static).update(Text(one_line(status)))
        self.query_one("#prompt", Input).placeholder = _(
            "Filter by entity; Enter to apply, Escape to cancel"
        )
        translate_bindings(self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":  # while the filter is typed, Enter is the filter's
            return not self.query_one("#prompt").has_class("open")
        return True

    def action_sort(self) -> None:
        column = self.query_one("#units", UnitList).column
        if column == self.sort_column:
            self.reverse = not self.reverse
        else:
            self.sort_column, self.reverse = column, column in (1,) or column >= len(FIXED)
        self.fill()

    def on_unit_list_header_selected(self, event: UnitList.HeaderSelected) -> None:
        listed = self.query_one("#units", UnitList)
        listed.move_to(listed.row, event.column)
        self.action_sort()

    def action_open(self) -> None:
        if not self.order:
            return
        unit = self.order[self.query_one("#units", UnitList).row]
        opened = None if unit.errors else self.opener(unit.row)
        if opened is None:  # every error whole, on a screen of its own
            self.app.push_screen(ErrorsScreen(unit.entity, unit.errors))
            return
        self.app.push_screen(ScorecardScreen.of(*opened, self.sources))

    def action_filter(self) -> None:
        prompt = self.query_one("#prompt", Input)
        prompt.value = self.filter
        prompt.add_class("open")
        prompt.focus()
        self.refresh_bindings()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.filter = event.value.strip()
        self.close_prompt()
        self.fill()

    def close_prompt(self) -> None:
        self.query_one("#prompt", Input).remove_class("open")
        self.query_one("#units", UnitList).focus()
        self.refresh_bindings()

    def action_clear(self) -> None:
        if self.query_one("#prompt").has_class("open"):
            self.close_prompt()
        elif self.filter:
            self.filter = ""
            self.fill()
