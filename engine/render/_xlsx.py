"""Text in XLSX cells stays text: never read as a formula, and never holding a
character the format cannot (a vertical tab, pasted from Word, becomes a line
break; other control characters are dropped); text that a workbook reads as an
escaped character (``_x0041_`` for "A") is escaped itself, so that Excel shows
it as written. Workbooks are saved with fixed timestamps, so the same inputs
give the same bytes. (Large sheets: :mod:`engine.render.xlsx_stream`.)"""

from __future__ import annotations

import re
import shutil
import zipfile
from typing import IO, Any

#: the time written into every workbook (zip entries and document properties)
FIXED_TIME = (2000, 1, 1, 0, 0, 0)

#: characters that become line breaks (a vertical tab, pasted from Word; a form feed)
BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def clean(text: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ESCAPED.sub("_x005F_", ILLEGAL_CHARACTERS_RE.sub("", text.translate(BREAKS)))


#: the ``_`` of text that reads as an escaped character, ``_xHHHH_``
ESCAPED = re.compile("_(?=x[0-9A-Fa-f]{4}_)")


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


def save(wb: Any, fh: IO[bytes]) -> None:
    """Save ``wb`` into ``fh`` with fixed timestamps: openpyxl stamps the document
    with the time of saving and its zip entries with the local time."""
    import datetime

    from openpyxl.writer.excel import ExcelWriter

    fixed = datetime.datetime(*FIXED_TIME)
    wb.properties.created = wb.properties.modified = fixed
    with _FixedTimeZip(fh, "w", _DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).write_data()  # what openpyxl's save does, but the clock


_DEFLATED = 8  # zipfile.ZIP_DEFLATED


class _FixedTimeZip(zipfile.ZipFile):
    """A zip archive whose every entry carries :data:`FIXED_TIME`."""

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo_or_arcname = self._entry(str(zinfo_or_arcname))
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        entry = self._entry(str(arcname if arcname is not None else filename))
        with open(filename, "rb") as src, self.open(entry, "w") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)

    def _entry(self, name: str) -> zipfile.ZipInfo:
        entry = zipfile.ZipInfo(name, date_time=FIXED_TIME)
        entry.compress_type = self.compression
        entry.external_attr = 0o600 << 16
        return entry
