"""Text in XLSX cells stays text: never read as a formula, and never holding a
character the format cannot (a vertical tab, pasted from Word, becomes a line
break; other control characters are dropped). Workbooks are saved with fixed
timestamps, so the same inputs give the same bytes."""

from __future__ import annotations

import re
from typing import IO, Any

#: the time written into every workbook (zip entries and document properties)
FIXED_TIME = (2000, 1, 1, 0, 0, 0)
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")

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


def save(wb: Any, fh: IO[bytes]) -> None:
    """Save ``wb`` into ``fh`` with fixed timestamps: openpyxl stamps the document
    with the time of saving and its zip entries with the local time. The workbook
    goes to a temporary file first and is copied entry by entry (memory stays
    bounded for large batch workbooks)."""
    import shutil
    import tempfile
    import zipfile

    with tempfile.TemporaryFile() as tmp:
        wb.save(tmp)
        tmp.seek(0)
        with (
            zipfile.ZipFile(tmp) as zin,
            zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zout,
        ):
            for info in zin.infolist():
                entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                if info.filename == "docProps/core.xml":
                    data = _STAMP.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", zin.read(info))
                    zout.writestr(entry, data)
                    continue
                with zin.open(info) as src, zout.open(entry, "w") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
