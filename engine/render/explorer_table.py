"""The explorer over a table (`scorecard view SPEC TABLE`): the entities, sortable
by total, grade or any indicator, filterable by name; Enter opens one entity."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from ..base.errors import Pos
from ..base.i18n import N_, _
from ..base.numbers import format_fixed, format_value
from ..scoring.result import Scorecard
from ..spec.model import Spec
from . import explore as x
from .explorer import ScorecardScreen, translate_bindings

#: the fixed columns before one per indicator, with their headers (the catalogue's)
FIXED = ("rank", "total", "grade", "entity", "row")
HEADERS = {
    "rank": N_("rank"),
    "total": N_("total"),
    "grade": N_("grade"),
    "entity": N_("entity"),
    "row": N_("row"),
}


@dataclass(frozen=True)
class Unit:
    """One entity of a table: its row, rank and results (or its errors)."""

    row: int
    entity: str
    rank: int | None
    total: Fraction | None
    grade: str | None
    scores: tuple[Fraction | None, ...]
    errors: tuple[str, ...] = ()


#: row → its scorecard with derivation and its cells' positions (None: it failed)
Opener = Callable[[int], tuple[Scorecard, Mapping[tuple[str, str], Pos]] | None]


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
        self.units = list(units)
        self.opener = opener  # a unit is scored with its derivation when opened
        self.ids = [i.id for i in spec.walk()]
        self.sort_column = 0  # rank
        self.reverse = False
        self.filter = ""
        self.sources = x.Sources()
        self.grade_order = {g.grade: n for n, g in enumerate(spec.grades)}

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        yield DataTable(id="units", cursor_type="cell", zebra_stripes=True)
        yield Static(id="status")
        yield Input(id="prompt")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#units", DataTable)
        for key in (*FIXED, *self.ids):
            table.add_column(key, key=key)
        self.fill()
        table.focus()

    def shown(self) -> list[Unit]:
        """The units passing the filter, in the chosen order (ties by row)."""
        q = self.filter.casefold()
        units = [u for u in self.units if q in u.entity.casefold()]
        units.sort(key=lambda u: u.row)
        units.sort(key=self._key, reverse=self.reverse)
        return units

    def _key(self, u: Unit) -> tuple[int, Fraction | str]:
        """Sort key of the sort column; units with no value there go last."""
        c = self.sort_column
        value: Fraction | str | int | None
        if c == 0:
            value = u.rank
        elif c == 1:
            value = u.total
        elif c == 2:
            value = self.grade_order.get(u.grade or "", len(self.grade_order)) if u.grade else None
        elif c == 3:
            value = u.entity
        elif c == 4:
            value = u.row
        else:
            value = u.scores[c - len(FIXED)] if u.scores else None
        if value is None:
            return (1, "") if not self.reverse else (-1, "")
        return (0, Fraction(value) if isinstance(value, int) else value)

    def fill(self) -> None:
        table = self.query_one("#units", DataTable)
        column = table.cursor_coordinate.column
        table.clear()
        for u in self.shown():
            show = [self._number(s) for s in u.scores] or ["—"] * len(self.ids)
            table.add_row(
                "" if u.rank is None else str(u.rank),
                self._number(u.total),
                u.grade or ("—" if not u.errors else Text(_("error"), style="bold reverse")),
                u.entity,
                str(u.row),
                *show,
                key=str(u.row),
            )
        table.move_cursor(row=0, column=column)
        self.words()

    def _number(self, value: Fraction | None) -> str:
        if value is None:
            return "—"
        r = self.spec.rounding
        return format_fixed(value, r.places) if r.apply == "each" else format_value(value)

    def header(self, column: int) -> str:
        """A column's header: the fixed ones in the language of the moment, then ids."""
        return _(HEADERS[FIXED[column]]) if column < len(FIXED) else self.ids[column - len(FIXED)]

    def relabel(self) -> None:
        """Draw the screen again in the language of the moment (``l``)."""
        self.fill()

    def words(self) -> None:
        table = self.query_one("#units", DataTable)
        for n, column in enumerate(table.ordered_columns[: len(FIXED)]):
            column.label = Text(self.header(n))
        self.query_one("#title", Static).update(self.spec.title or self.spec.id)
        status = _("{count} entities · shown {shown}").format(
            count=len(self.units), shown=len(table.rows)
        )
        if self.filter:
            status += f" ('{self.filter}')"
        status += " · " + _("sorted by {column} {arrow}").format(
            column=self.header(self.sort_column), arrow="↓" if self.reverse else "↑"
        )
        self.query_one("#status", Static).update(status)
        self.query_one("#prompt", Input).placeholder = _(
            "Filter by entity; Enter to apply, Escape to cancel"
        )
        translate_bindings(self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":  # while the filter is typed, Enter is the filter's
            return not self.query_one("#prompt").has_class("open")
        return True

    def action_sort(self) -> None:
        column = self.query_one("#units", DataTable).cursor_coordinate.column
        if column == self.sort_column:
            self.reverse = not self.reverse
        else:
            self.sort_column, self.reverse = column, column in (1,) or column >= len(FIXED)
        self.fill()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        self.query_one("#units", DataTable).move_cursor(column=event.column_index)
        self.action_sort()

    def action_open(self) -> None:
        table = self.query_one("#units", DataTable)
        if not table.rows:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        unit = next(u for u in self.units if str(u.row) == key)
        opened = None if unit.errors else self.opener(unit.row)
        if opened is None:
            self.query_one("#status", Static).update(
                _("{entity} (could not be scored): {errors}").format(
                    entity=unit.entity, errors=" | ".join(unit.errors)
                )
            )
            return
        self.app.push_screen(ScorecardScreen(*opened, self.sources))

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        self.action_open()

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
        self.query_one("#units", DataTable).focus()
        self.refresh_bindings()

    def action_clear(self) -> None:
        if self.query_one("#prompt").has_class("open"):
            self.close_prompt()
        elif self.filter:
            self.filter = ""
            self.fill()


def units_of(
    spec: Spec, path: str, missing: str = "error", encoding: str = "auto", sheet: str | None = None
) -> tuple[list[Unit], Opener]:
    """Every row of a table as a unit, scored and ranked; and how to open one
    (its row read again and scored with the derivation)."""
    from ..batch.runner import Summary, score_rows
    from ..batch.tables import NA_TOKENS, open_table
    from .distribution import traced

    results = list(score_rows(spec, open_table(path, spec, encoding, sheet, NA_TOKENS), missing))
    summary = Summary(spec)
    for r in results:
        summary.add(r)
    ranks = {row: rank for rank, _, row, _, _ in summary.ranking()}
    units = [
        Unit(r.row, r.entity, ranks.get(r.row), r.total, r.grade, r.scores, r.errors)
        for r in results
    ]

    def opener(row: int) -> tuple[Scorecard, Mapping[tuple[str, str], Pos]] | None:
        positions: dict[int, dict[tuple[str, str], Pos]] = {}
        table = open_table(path, spec, encoding, sheet, NA_TOKENS)
        card = traced(spec, table, missing, NA_TOKENS, positions, only=row).get(row)
        return None if card is None else (card, positions[row])

    return units, opener
