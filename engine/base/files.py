"""What a file's name says of it before it is read."""

from __future__ import annotations

from pathlib import Path

from .i18n import _


def old_excel(path: str) -> str | None:
    """The message for a workbook in the old ``.xls`` format, which is not read;
    None for any other file."""
    if Path(path).suffix.lower() != ".xls":
        return None
    return _("{path}: the old .xls format is not read; save it as .xlsx (or CSV)").format(path=path)
