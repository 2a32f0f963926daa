"""Text in XLSX cells stays text: never read as a formula, and never holding a
character the format cannot (a vertical tab, pasted from Word, becomes a line
break; other control characters are dropped)."""

from __future__ import annotations

from typing import Any

_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def clean(text: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return str(ILLEGAL_CHARACTERS_RE.sub("", text.translate(_BREAKS)))


def text_cell(ws: Any, text: str | None) -> Any:
    """A write-only cell holding ``text`` as text (None for no text)."""
    from openpyxl.cell import WriteOnlyCell

    if not text:
        return None
    cell = WriteOnlyCell(ws, value=clean(text))
    cell.data_type = "s"  # '=…' is a note, not a formula
    return cell


def keep_text(ws: Any) -> None:
    """Every text cell of a (normal) sheet as text, even when it starts with '='."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.data_type == "f":
                cell.data_type = "s"
