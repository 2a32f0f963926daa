"""The errors of a table's row that could not be scored, on a screen of their own
(`scorecard view SPEC TABLE`, Enter on such a row): every error whole, one to a
paragraph, scrolled where they do not fit; the status line had room for one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..base.i18n import N_, ngettext
from .explorer import translate_bindings
from .safe_text import Text, one_line


class ErrorsScreen(Screen[None]):
    """Why one entity could not be scored: each of its errors."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "app.language", N_("Lang")),
        Binding("escape", "back", N_("Back")),
        Binding("q", "app.quit", N_("Quit")),
    ]

    def __init__(self, entity: str, errors: Sequence[str]):
        super().__init__()
        self.entity = entity
        self.errors = list(errors)

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        with VerticalScroll(id="detail"):
            yield Static(id="body")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.relabel()
        self.query_one("#detail").focus()

    def relabel(self) -> None:
        """The screen in the language of the moment (the errors as they were said)."""
        head = ngettext(  # the count first: a long name is cut at the right
            "{n} error: {entity} could not be scored",
            "{n} errors: {entity} could not be scored",
            len(self.errors),
        ).format(entity=one_line(self.entity), n=len(self.errors))
        self.query_one("#title", Static).update(Text(head))
        body = Text("\n\n".join(one_line(e) for e in self.errors))
        self.query_one("#body", Static).update(body)
        translate_bindings(self)

    def action_back(self) -> None:
        self.app.pop_screen()
