"""An XLSX workbook written as text, a row at a time, for sheets of any length.

openpyxl builds and serialises an object per cell; a batch of 200,000 rows and
40 columns spends most of its time there. Here each sheet's XML is made as
text, row by row from a template (the cell references are in the template,
each cell's content is a small string made once per distinct value where it
repeats), and deflated into the zip archive as it comes: nothing holds the
sheet in memory.

Text cells are *inline strings* (``t="inlineStr"``), not shared strings: a
shared-string table must hold every distinct text of the sheet until the end
(a million entity names, in memory), while an inline string is written where it
stands and forgotten, so memory stays bounded whatever the number of rows. It
is what openpyxl's write-only mode wrote before, and what XlsxWriter writes in
its constant-memory mode; Excel, LibreOffice, openpyxl and calamine read it.

Text stays text (never a formula), and characters the format cannot hold are
handled as :mod:`engine.render._xlsx` does (a vertical tab or form feed becomes
a line break, other control characters are dropped); a carriage return is a
line break, as an XML reader would make it. Text that Excel would read as an
escaped character (``_x0041_``) is escaped itself, so it shows as written.
Numbers are written from their exact decimal text. Every zip entry carries
:data:`engine.render._xlsx.FIXED_TIME`: the same rows give the same bytes.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from typing import IO

from ..base.errors import ScorecardError
from ..base.i18n import _
from ..base.text import utf8
from ..batch.xlsx_survey import column_letters
from ._xlsx import BREAKS, ESCAPED, _FixedTimeZip

#: rows an Excel sheet holds, the header included
MAX_ROWS = 1_048_576

#: the largest zip entry written without ZIP64 extensions (zipfile's limit; Excel
#: reads ZIP64 entries only in the form its own writer makes)
MAX_PART = (1 << 31) - 1

#: a cell with no value (the reference only)
EMPTY = "/>"

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

#: what text cells need changed before they are written as XML text
_SPECIAL = re.compile(
    "[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]|_x[0-9A-Fa-f]{4}_"
)
_DROPPED = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def text(value: str | None) -> str:
    """A text cell's content (after its reference): the text as an inline string,
    kept as text whatever it starts with; no text: an empty cell."""
    if not value:
        return EMPTY
    if _SPECIAL.search(value) is not None:
        value = _cleaned(value)
        if not value:
            return EMPTY
    if value[0].isspace() or value[-1].isspace():
        return f' t="inlineStr"><is><t xml:space="preserve">{value}</t></is></c>'
    return f' t="inlineStr"><is><t>{value}</t></is></c>'


def _cleaned(value: str) -> str:
    value = _DROPPED.sub("", value.translate(BREAKS))  # then line breaks as XML reads them
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return ESCAPED.sub("_x005F_", value).translate(_XML)


def number(decimal: str, style: str = "") -> str:
    """A number cell's content, from a decimal's text (``-12.50``): written as it
    reads, without trailing zeros (never through a float); ``style``: its
    :func:`places_style`, or none (General)."""
    if "." in decimal:
        decimal = decimal.rstrip("0").rstrip(".")
    if decimal == "-0":
        decimal = "0"
    return f"{style}><v>{decimal}</v></c>"


#: most decimal places a score's number format shows (a spec's ``rounding.places``)
MOST_PLACES = 10


def places_style(places: int) -> str:
    """The style of a number shown at ``places`` decimals (3.16, 4.00, 0.00), as
    the tables of scores are read: the cell keeps its value, the sheet shows it
    at the spec's places."""
    return f' s="{1 + places}"' if 0 <= places <= MOST_PLACES else ""


def integer(value: int) -> str:
    """An integer cell's content."""
    return f"><v>{value}</v></c>"


def is_decimal(value: str) -> bool:
    """Whether ``value`` is a plain decimal (what :func:`number` writes)."""
    return _DECIMAL.fullmatch(value) is not None


class Sheet:
    """A worksheet's rows as XML text. Every row has ``width`` cells, given as
    their contents (:func:`text`, :func:`number`, :func:`integer`, :data:`EMPTY`)."""

    def __init__(self, width: int):
        self.width = width
        cells = "".join(f'<c r="{column_letters(j)}{{0}}"{{{j}}}' for j in range(1, width + 1))
        self._format = ('<row r="{0}">' + cells + "</row>").format
        #: rows written so far
        self.rows = 0

    def row(self, cells: Sequence[str]) -> str:
        """The next row, its cells' contents in order."""
        self.rows += 1
        if self.rows > MAX_ROWS:
            raise _TooLarge()
        return self._format(self.rows, *cells)

    def skip(self, count: int) -> None:
        """Count ``count`` rows made elsewhere (:mod:`engine.render.xlsx_columns`)."""
        self.rows += count
        if self.rows > MAX_ROWS:
            raise _TooLarge()

    def many(self, rows: Iterable[Sequence[str]]) -> str:
        """The next rows, as one text."""
        fmt = self._format
        start = self.rows + 1
        out = [fmt(n, *cells) for n, cells in enumerate(rows, start)]
        self.rows += len(out)
        if self.rows > MAX_ROWS:
            raise _TooLarge()
        return "".join(out)


class _TooLarge(Exception):
    """More rows, or more XML, than a sheet of a workbook holds."""


def write_workbook(
    fh: IO[bytes], sheets: Sequence[tuple[str, Iterable[str | bytes]]], path: str, level: int = 1
) -> None:
    """The workbook of ``sheets`` (name, the sheet's rows as XML text, taken only
    when the sheet is written) into ``fh``, deflated at ``level``; ``path``: the
    file named in a message. A sheet of more rows than Excel holds stops the
    writing (exit 1, saying to write CSV or Parquet instead)."""
    names = [name for name, _rows in sheets]
    with _FixedTimeZip(fh, "w", _DEFLATED, allowZip64=True) as archive:
        for part, data in _parts(names):
            archive.writestr(archive._entry(part), utf8(data))
        for k, (_name, rows) in enumerate(sheets, start=1):
            entry = archive._entry(f"xl/worksheets/sheet{k}.xml")
            entry._compresslevel = level  # type: ignore[attr-defined]
            try:
                _write_sheet(archive, entry, rows)
            except _TooLarge:
                raise ScorecardError(
                    _(
                        "{path}: the sheet '{sheet}' would have more than {rows} rows "
                        "(or 2 GiB of text), more than Excel holds; write the batch as "
                        "CSV or Parquet (--format csv, --format parquet)"
                    ).format(path=path, sheet=_name, rows=f"{MAX_ROWS:,}")
                ) from None


_DEFLATED = 8  # zipfile.ZIP_DEFLATED

#: text gathered before it is encoded and deflated (characters)
_CHUNK = 1 << 18


def _write_sheet(
    archive: _FixedTimeZip, entry: zipfile.ZipInfo, rows: Iterable[str | bytes]
) -> None:
    size = 0
    with archive.open(entry, "w") as out:
        for data in _chunks(rows):
            size += len(data)
            if size > MAX_PART:
                raise _TooLarge()
            out.write(data)


def _chunks(rows: Iterable[str | bytes]) -> Iterator[bytes]:
    """The sheet's XML in pieces of about :data:`_CHUNK` characters (rows given
    as bytes are UTF-8 already)."""
    yield f'{_DECL}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><sheetData>'.encode()
    pending: list[str] = []
    held = 0
    for text in rows:
        if isinstance(text, bytes) or len(text) >= _CHUNK:  # as it is, after what is held
            yield utf8("".join(pending))
            yield text if isinstance(text, bytes) else utf8(text)
            pending, held = [], 0
            continue
        pending.append(text)
        held += len(text)
        if held >= _CHUNK:
            yield utf8("".join(pending))
            pending, held = [], 0
    yield utf8("".join(pending) + "</sheetData></worksheet>")


def _parts(names: list[str]) -> list[tuple[str, str]]:
    """Every part of the workbook but its sheets: (name in the zip, XML)."""
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{k}.xml" ContentType="{sheet_type}"/>'
        for k in range(1, len(names) + 1)
    )
    office = "application/vnd.openxmlformats-officedocument"
    types = (
        f'<Types xmlns="{_PKG}/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{office}.spreadsheetml.'
        'sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{office}.spreadsheetml.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
        'package.core-properties+xml"/>'
        f'<Override PartName="/docProps/app.xml" ContentType="{office}.extended-properties+xml"/>'
        f"{overrides}</Types>"
    )
    sheets = "".join(
        f'<sheet name="{_attribute(name)}" sheetId="{k}" r:id="rId{k}"/>'
        for k, name in enumerate(names, start=1)
    )
    workbook = (
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView/></bookViews>'
        f"<sheets>{sheets}</sheets></workbook>"
    )
    relation = f"{_REL}/worksheet"
    links = "".join(
        f'<Relationship Id="rId{k}" Type="{relation}" Target="worksheets/sheet{k}.xml"/>'
        for k in range(1, len(names) + 1)
    )
    styles_link = (
        f'<Relationship Id="rId{len(names) + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
    )
    return [
        ("[Content_Types].xml", _DECL + types),
        ("_rels/.rels", _DECL + _ROOT_RELS),
        ("docProps/core.xml", _DECL + _CORE),
        ("docProps/app.xml", _DECL + _APP),
        ("xl/workbook.xml", _DECL + workbook),
        (
            "xl/_rels/workbook.xml.rels",
            f'{_DECL}<Relationships xmlns="{_PKG}/relationships">{links}{styles_link}'
            "</Relationships>",
        ),
        ("xl/styles.xml", _DECL + _STYLES),
    ]


def _attribute(value: str) -> str:
    return value.translate(_XML).replace('"', "&quot;")


_ROOT_RELS = (
    f'<Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    f'<Relationship Id="rId2" Type="{_PKG}/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
_CORE = (
    f'<cp:coreProperties xmlns:cp="{_PKG}/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>scorecard</dc:creator>'
    '<dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:modified>'
    "</cp:coreProperties>"
)
_APP = (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties"><Application>scorecard</Application></Properties>'
)
_STYLE_SHEET = (
    f'<styleSheet xmlns="{_MAIN}">'
    "{formats}"
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="{xfs}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    "{places}</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
#: number formats of 1 to MOST_PLACES decimals (0 decimals is Excel's own format 1)
_FORMATS = "".join(
    f'<numFmt numFmtId="{163 + p}" formatCode="0.{"0" * p}"/>' for p in range(1, MOST_PLACES + 1)
)
_STYLES = _STYLE_SHEET.format(
    formats=f'<numFmts count="{MOST_PLACES}">{_FORMATS}</numFmts>',
    xfs=2 + MOST_PLACES,
    places="".join(
        f'<xf numFmtId="{163 + p if p else 1}" fontId="0" fillId="0" borderId="0" xfId="0" '
        'applyNumberFormat="1"/>'
        for p in range(MOST_PLACES + 1)
    ),
)
