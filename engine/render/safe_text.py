"""Text as the terminal shows it: where strings enter rich renderables, with their
control characters already escaped (:func:`engine.base.text.visible`).

Every terminal renderer takes its :class:`Text` and its :func:`cell_len` from
here, never from rich, so that text is escaped *before* anything measures it: a
name holding ESC takes the four cells its ``\\x1b`` takes on the screen (columns
stay aligned), and rich, which silently drops BEL, CR, BS, VT and FF from the
text it is given, never sees them raw. Line breaks written by the renderers
themselves are kept; a value that must stay on one line is passed through
:func:`one_line` first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len as _rich_cell_len
from rich.text import Span
from rich.text import Text as _RichText

from ..base.text import visible

if TYPE_CHECKING:
    from rich.console import JustifyMethod, OverflowMethod
    from rich.style import Style

__all__ = ["RichText", "Text", "cell_len", "one_line"]

#: rich's own text, which rich makes when it cuts or copies one (already escaped)
RichText = _RichText


def cell_len(text: str) -> int:
    """Display cells ``text`` takes once shown (an escape takes its own length)."""
    return _rich_cell_len(visible(text, keep="\n"))


def one_line(text: str) -> str:
    """``text`` from the inputs where it must stay on one line (an entity in the
    ranking): line breaks too are shown as escapes, so it cannot start a fake line."""
    return visible(text)


class Text(_RichText):
    """A rich text whose strings are shown with control characters escaped (line
    breaks kept), from the moment they are given."""

    __slots__ = ()

    def __init__(
        self,
        text: str = "",
        style: str | Style = "",
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        no_wrap: bool | None = None,
        end: str = "\n",
        tab_size: int | None = None,
        spans: list[Span] | None = None,
    ) -> None:
        shown = visible(text, keep="\n")
        super().__init__(
            shown,
            style,
            justify=justify,
            overflow=overflow,
            no_wrap=no_wrap,
            end=end,
            tab_size=tab_size,
            spans=spans if shown == text else None,  # positions of the text as given
        )

    def append(self, text: str | _RichText, style: str | Style | None = None) -> Text:
        """``text`` added at the end (a rich text made elsewhere is taken as it is:
        the console escapes what is left when it writes)."""
        super().append(visible(text, keep="\n") if isinstance(text, str) else text, style)
        return self
