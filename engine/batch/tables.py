"""Actuals from tables: CSV (UTF-8 with or without BOM, GBK) and XLSX, one row per
entity, one column per indicator id (or name) or input id.

Columns:
- ``entity`` (or 单位/单位名称/评价对象), and optionally ``period`` (or 年度/期间);
- one per indicator id or exact indicator name, or input id: the value;
- ``score.ID``: the chosen score of a ``grades`` range;
- ``notes.ID`` (or ``ID.note``): a note (偏差原因);
- ``na.ID``: a reason that makes the indicator not applicable;
- ``claimed.ID`` and ``claimed_total``: the scores the entity claims (自评得分), which
  ``review`` compares with the rules' (an indicator's or a group's).

A cell holding an N/A token (``N/A``, ``n/a``, ``NA``, ``不适用``, ``--`` by default)
marks the indicator not applicable; an empty cell is a missing value. Numbers
are read exactly from the cell's text: ``1,234.5`` (thousands separators in
groups of three) and ``98.93%`` (for indicators whose unit is %) are accepted.

Every row becomes an actuals document whose positions are ``file:row:column``,
so the checks and messages of single-entity actuals apply unchanged.
"""

from __future__ import annotations

import csv
import hashlib
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import field
from pathlib import Path
from typing import Any

from ..base.errors import (
    ActualsError,
    KeyPos,
    LoadError,
    Pos,
    ScorecardError,
    UsageError,
    close_word,
    did_you_mean,
)
from ..base.files import lost_form_sheet, not_there
from ..base.i18n import N_, _, caller, msg, ngettext, option, option_given
from ..base.numbers import (
    NumberError,
    format_value,
    logical_cell,
    logical_text,
    parse_number,
    ungrouped,
    unit_typed,
)
from ..base.output import note_input
from ..base.records import record
from ..base.suspect import COUNT_UNITS
from ..base.text import is_percent, name_text, shell_word, shown
from ..scoring.not_applicable import NA_TOKENS as NA_TOKENS
from ..spec.load import Document, JsonPath, Medium
from ..spec.methods import GradesMethod, compared_labels, labels_only
from ..spec.model import Indicator, Spec
from .utf8_copies import Utf8Copy, remove
from .xlsx import Shown, UnsavedFormula, xlsx_rows
from .xlsx_survey import UnreadCell

__all__ = ["UnreadCell", "UnsavedFormula"]  # the XLSX reader's, used with the rows

#: headers of a table of projects' entity column (项目支出绩效自评: one row per project)
PROJECT_HEADERS = ("项目名称", "项目", "评价项目", "被评价项目")
ENTITY_HEADERS = (
    "entity",
    "单位",
    "单位名称",
    "评价对象",
    "部门",
    "部门名称",
    "被评价单位",
    *PROJECT_HEADERS,
)
#: headers of columns that describe a row and hold no value of a spec, as tables
#: carry them (备注, 主管部门, 项目编号): not read, as a column of row numbers is
#: not; a spec that names an indicator or input so reads it. In a table of
#: projects, the unit's column (单位, 部门) is one of these too.
DESCRIPTIVE_HEADERS = frozenset(
    (
        "备注",
        "说明",
        "主管部门",
        "主管单位",
        "所属部门",
        "所属单位",
        "项目单位",
        "实施单位",
        "项目编号",
        "项目代码",
        "项目类别",
        "项目类型",
        "资金来源",
        "联系人",
        "联系电话",
        "填报人",
        "填表人",
        "负责人",
        "审核人",
    )
)
PERIOD_HEADERS = ("period", "年度", "期间")
#: headers of the claimed total (自评总分), beside its id
CLAIMED_TOTAL_HEADERS = ("claimed_total", "自评总分", "自评得分合计", "自评得分")
#: headers of a column of row numbers (序号), which tables put first: left out
ROW_NUMBER_HEADERS = frozenset(("序号", "行号", "no", "no.", "#"))
ENCODINGS = ("auto", "utf-8", "utf-8-sig", "gbk", "gb18030")
#: largest table read (CSV or XLSX), in bytes
MAX_TABLE_BYTES = 2 * 1024**3
#: smallest CSV read column-wise with pyarrow (about 5,000 rows of a 25-column
#: table): a smaller one is read sooner than pyarrow is imported
COLUMNAR_BYTES = 1 << 20
#: largest CSV in another encoding copied to UTF-8 as it is checked (the copy
#: takes its size again in the temporary folder, which may be memory)
COPIED_BYTES = 256 << 20
#: most columns in a table's header (Excel's limit, column XFD)
MAX_COLUMNS = 16_384


@record(frozen=True)
class Column:
    """One column of a table's header, and what it holds."""

    index: int  # 1-based
    header: str
    kind: str  # entity period value input score note na claimed claimed_total
    target: str = ""  # indicator or input id


@record
class Table:
    """A table's header, understood against a spec, and its rows."""

    file: str
    columns: list[Column]
    rows: Iterator[tuple[int, list[Any]]]
    encoding: str = ""
    #: the file the table was read from (its digest is :attr:`sha256`)
    source: Path | None = None
    percent_columns: set[int] = field(default_factory=set)
    #: the numbers of those columns not shown as percentages (row, column): each
    #: cell is read as it shows
    plain_cells: set[tuple[int, int]] = field(default_factory=set)
    #: how many columns the header has
    width: int = 0
    #: cells may be numbers and other values, not only text (XLSX, Parquet, data frames)
    typed: bool = False
    #: a mapping's own keys (``engine.score``): its problems are placed at them
    keys: tuple[Any, ...] | None = None
    #: rows of an XLSX sheet hidden from view, and its columns so hidden (those
    #: the table reads): scored and read as any other, and told
    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: list[Column] = field(default_factory=list)
    #: cells of an XLSX sheet that it may show otherwise than it stores, told:
    #: (kind, row, column, the value read) of the first period cell holding a
    #: date on the first of a month ("month"), and of the first entity cell
    #: holding a number ("number"; see :attr:`engine.batch.xlsx.Shown.first_cell`)
    stored: list[tuple[str, int, int, str]] = field(default_factory=list)
    #: the digest once worked: one list shared by the table's copies
    #: (``dataclasses.replace`` makes one for each chunk), so it is worked once
    digested: list[str] = field(default_factory=list, repr=False, compare=False)

    @property
    def sha256(self) -> str:
        """The SHA-256 of the file read ("" for a table in memory), worked when
        first asked (a table whose rows all take the fast path, given to the
        table API, never asks)."""
        if not self.digested:
            self.digested.append("" if self.source is None else _digest(self.source))
        return self.digested[0]

    def __getstate__(self) -> dict[str, Any]:
        """The table as it travels to another process: with its digest, worked
        here first, as the file may not be there (or may have changed) by the
        time the other side asks."""
        state = dict(self.__dict__)
        state["digested"] = [self.sha256]
        return state


def note_columns(table: Table) -> list[Column]:
    """The table's note columns (``notes.ID``), in the table's order: batch outputs
    carry them through as ``notes.ID`` columns."""
    return [c for c in table.columns if c.kind == "note"]


class TableRows:
    """The rows of a CSV as :func:`open_table` opened it. For a file without
    quote characters it also knows how to read the lines again in pieces, to
    be parsed elsewhere (``--jobs``); :func:`line_source` says when it may."""

    def __init__(
        self,
        rows: Iterator[tuple[int, list[Any]]],
        lines: CsvLines | None,
        source: CsvLines | None = None,
    ):
        self._rows = rows
        self.lines = lines
        #: the file, quoted or not (the columnar reader's, :func:`csv_source`)
        self.source = source
        self.started = False

    def __iter__(self) -> TableRows:
        return self

    def __next__(self) -> tuple[int, list[Any]]:
        self.started = True
        return next(self._rows)

    def close(self) -> None:
        """Stop reading: the file is let go of now, not when collected."""
        close = getattr(self._rows, "close", None)
        if close is not None:
            close()


def line_source(table: Table) -> CsvLines | None:
    """Where to read the table's lines in pieces: only for a quote-free CSV whose
    rows are still the untouched ones :func:`open_table` gave (not replaced, none
    read yet)."""
    rows = table.rows
    if isinstance(rows, TableRows) and not rows.started:
        return rows.lines
    return None


def columnar_source(table: Table) -> CsvLines | None:
    """The CSV file behind the table's rows, quoted or not, if they are still the
    untouched ones :func:`open_table` gave and the file is worth reading
    column-wise (:mod:`engine.batch.columnar`): at least :data:`COLUMNAR_BYTES`,
    pyarrow installed, and a header whose lines end as csv's reader counts them."""
    from importlib.util import find_spec

    rows = table.rows
    if not isinstance(rows, TableRows) or rows.started or rows.source is None:
        return None
    source = rows.source
    path = Path(source.read_from)
    if path.stat().st_size < COLUMNAR_BYTES or find_spec("pyarrow") is None:
        return None
    with path.open("rb") as fh:
        head = b"".join(fh.readline() for _ in range(source.skip))
    return source if head.count(b"\r") == head.count(b"\r\n") else None


@record(frozen=True)
class CsvLines:
    """How a CSV file is read: its encoding, delimiter and header lines."""

    path: str
    encoding: str
    delimiter: str
    #: lines before the first data line (the header)
    skip: int
    #: the file holds a quote character
    quoted: bool = False
    #: where the lines are read, when not from ``path``: a UTF-8 copy of a large
    #: file in another encoding (``encoding`` is then the copy's), made by
    #: :func:`_decode_probe` as it checks the file, which spares decoding it again
    file: str = ""

    @property
    def read_from(self) -> str:
        """The file the lines are read from."""
        return self.file or self.path


def table_kind(path: str, shown: str | None = None) -> str:
    """A table's kind by its name (csv, xlsx, parquet); another file is refused,
    a scorecard or one entity's actuals told so (``shown``: the name to say)."""
    suffix = Path(path).suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        return "csv"
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    if suffix == ".json" and _is_scorecard(path):
        raise UsageError(
            _(
                "{path}: a scorecard (score --format json writes one), not a table; check it "
                "with 'scorecard verify {command}'; a table is a .csv, .xlsx or .parquet file"
            ).format(path=shown or path, command=shell_word(path))
        )
    if suffix in (".yaml", ".yml", ".json") and caller() != "python":
        raise UsageError(
            _(
                "{path}: one entity's actuals, not a table: score it with 'scorecard score "
                "SPEC {command}'; a table is a .csv, .xlsx or .parquet file"
            ).format(path=shown or path, command=shell_word(path))
        )
    raise UsageError(
        _(
            "{path}: not a table; give a .csv, .xlsx or .parquet file (or .yaml/.json "
            "for one entity)"
        ).format(path=shown or path)
    )


def _is_scorecard(path: str) -> bool:
    """Whether the JSON file at ``path`` is a scorecard (a stamp and its spec)."""
    import json

    try:
        if Path(path).stat().st_size > 8 << 20:
            return False
        data = json.loads(Path(path).read_bytes())
    except (OSError, ValueError):
        return False
    from ..scoring.actuals import is_scorecard

    return is_scorecard(data)


def open_table(
    path: str,
    spec: Spec,
    encoding: str = "auto",
    sheet: str | None = None,
    na_tokens: tuple[str, ...] = NA_TOKENS,
    ignored: frozenset[str] = frozenset(),
) -> Table:
    """Open a CSV or XLSX table and map its header to the spec. ``ignored``: the
    headers of columns left out (compare's B without an indicator of A)."""
    p = Path(path)
    path = name_text(path)  # from here on, what the table is called: ``p`` opens it
    if not p.exists():
        raise LoadError(not_there(path))
    if p.is_dir():
        raise LoadError(_("{path}: is a directory; give a file").format(path=path))
    if not stat.S_ISREG(p.stat().st_mode):  # a FIFO would block, and a table is read twice
        raise LoadError(
            _("{name}: not a regular file (a pipe, device or socket); give a file").format(
                name=path
            )
        )
    if p.stat().st_size > MAX_TABLE_BYTES:
        raise LoadError(
            _("{path}: file is over {max_table_bytes} bytes; split it").format(
                path=path, max_table_bytes=MAX_TABLE_BYTES
            )
        )
    note_input(p)  # -o may not replace the table
    if na_tokens != NA_TOKENS:  # marks given: none may be a value of the spec
        graded_mark(na_tokens, spec)
    kind = table_kind(str(p), path)
    if sheet is not None and kind != "xlsx":
        raise UsageError(
            _("{option} names a sheet of an .xlsx table, not of {path}; drop {option}").format(
                option=option_given("sheet"), path=path
            )
        )
    rows: Iterator[tuple[int, list[Any]]]
    shown = Shown(set(), set())
    if kind == "csv":
        header, csv_rows, used, source = _csv_rows(p, path, encoding)
        rows = TableRows(csv_rows, None if source.quoted else source, source)
    elif kind == "xlsx":
        header, rows, shown = xlsx_rows(p, path, sheet)
        used = "xlsx"
    else:
        from .arrow import parquet_rows

        header, rows = parquet_rows(p, path)
        used = "parquet"
    try:
        columns = _columns(header, spec, path, ignored=ignored)
    except ScorecardError as e:
        below = _header_below(e, rows, path, header, spec) if kind != "parquet" else None
        raise below or _header_hint(e, header, p, path, sheet if kind == "xlsx" else "") from None
    shown.merged(c.index for c in columns)  # cells merged in a column read: refused
    table = Table(path, columns, rows, used, p, shown.columns, shown.plain, len(header))
    table.typed = kind != "csv"
    table.hidden_rows = shown.hidden_rows
    table.hidden_columns = [
        c for c in columns if any(lo <= c.index <= hi for lo, hi in shown.hidden_columns)
    ]
    for c in columns:
        for kind in {"period": ["month"], "entity": ["number"]}.get(c.kind, []):
            found = shown.first_cell(c.index - 1, kind)
            if found is not None:
                table.stored.append((kind, found[0], c.index, found[1]))
    return table


def _header_hint(
    e: ScorecardError, header: list[str], p: Path, path: str, sheet: str | None
) -> ScorecardError:
    """A header that is wrong as a whole: say why (another separator, another sheet)."""
    from ..base.errors import ErrorList

    errors = e.errors if isinstance(e, ErrorList) else [e]
    where = Pos(path, 1, 1)
    cells = [h for h in header if h.strip()]
    if len(cells) == 1 and max(";\t|", key=cells[0].count) in cells[0]:
        sep = max(";\t|", key=cells[0].count)
        return ActualsError(
            _(
                "the header is one column holding {n} '{sep}': the table is separated by "
                "'{sep}', not by commas; save it as CSV with commas (in Excel: Save As, "
                "CSV UTF-8)"
            ).format(n=cells[0].count(sep), sep="\\t" if sep == "\t" else sep),
            where,
        )
    lost = lost_form_sheet(p, path) if sheet is None else None
    if lost is not None:  # a 自评表 form, not a table: no header would read it
        return LoadError(lost)
    if sheet is None:
        sheets = _sheets(p)  # a hidden one too: the data sheet may be hidden behind a cover
        shown = [name for name, hidden in sheets if not hidden]
        if (
            len(sheets) > 1
            and shown
            and not any(c.lower() in ENTITY_HEADERS or c in ENTITY_HEADERS for c in cells)
        ):
            hint = ActualsError(
                _(
                    "no known column on the first sheet '{first}'; if the data are on "
                    "another sheet, give {sheet} (sheets: {list})"
                ).format(
                    first=shown[0],
                    sheet=option("sheet", "NAME") if caller() == "python" else _("--sheet NAME"),
                    list=_(", ").join(
                        _("{name} (hidden)").format(name=name) if hidden else name
                        for name, hidden in sheets
                    ),
                ),
                where,
            )
            # (the hint says more than that no column names the entity); first, and
            # alone where no cell of the header names a column (a sheet of notes)
            kept = [x.replaced if isinstance(x, _NoEntity) else x for x in errors]
            told = [x for x in kept if x is not None]
            placed = {x.pos.col for x in told if x.pos is not None and x.pos.line == 1}
            return ErrorList([hint] if len(placed) >= len(cells) else [hint, *told])
    return e


#: rows below the first looked at for the header (a title and notes above it)
_HEADER_BELOW = 10


def _header_below(
    e: ScorecardError,
    rows: Iterator[tuple[int, list[Any]]],
    path: str,
    header: list[str],
    spec: Spec,
) -> ActualsError | None:
    """A first row without an entity column over a row that names one: a title
    above the header, as a sheet's first rows often hold; or a header written
    over two rows (:func:`header_split`). None for another header problem, or
    no such row."""
    from itertools import islice

    from ..base.errors import ErrorList

    errors = e.errors if isinstance(e, ErrorList) else [e]
    try:
        below = list(islice(rows, _HEADER_BELOW))
    except (ScorecardError, csv.Error, OSError, ValueError):  # a row that cannot be read
        return None  # (a cell over csv's limit, say): the header's own problems are said
    if not any(isinstance(x, _NoEntity) for x in errors):
        return header_split(below[0] if below else None, header, spec, path)
    for line, cells in below:
        for j, cell in enumerate(cells, start=1):
            word = _text(cell)
            if word.lower() in ENTITY_HEADERS or word in ENTITY_HEADERS:
                return ActualsError(
                    ngettext(
                        "row {line} looks like the header (its column '{word}' names the "
                        "entity), but the header must be the first row; delete the row above "
                        "it (a title, say)",
                        "row {line} looks like the header (its column '{word}' names the "
                        "entity), but the header must be the first row; delete the {n} rows "
                        "above it (a title, say)",
                        line - 1,
                    ).format(line=line, word=word, n=line - 1),
                    Pos(path, line, j),
                )
    return None


def header_split(
    second: tuple[int, list[Any]] | None, header: list[str], spec: Spec, path: str
) -> ActualsError | None:
    """A header written over two rows: groups' names (管理效能) or nothing in
    row 1 above the names of indicators or inputs in row 2, two or more."""
    if second is None or second[0] != 2:
        return None
    names = _Names(spec)

    def names_one(text: str) -> bool:
        named = names.named(names.unit_dropped(text))
        return (named in names.known or named in names.by_name) and (
            (names.by_name.get(named, named) in names.leaves)
            or names.by_name.get(named, named) in spec.inputs
        )

    under = [
        (j, _text(cell))
        for j, cell in enumerate(second[1], start=1)
        if _text(cell)
        and names_one(_text(cell))
        and not (j <= len(header) and header[j - 1].strip() and names_one(header[j - 1].strip()))
    ]
    if len(under) < 2:
        return None
    return ActualsError(
        _(
            "the header is written over two rows: row 2 names indicators or inputs ('{name}' "
            "and {n} more) under row 1's groups or empty cells; the header is one row: write "
            "every column's name in row 1 and delete row 2"
        ).format(name=under[0][1], n=len(under) - 1),
        Pos(path, 2, under[0][0]),
    )


def _sheets(p: Path) -> list[tuple[str, bool]]:
    from .xlsx import all_sheets

    return all_sheets(p)


def _digest(p: Path) -> str:
    h = hashlib.sha256()
    with p.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# -- CSV ----------------------------------------------------------------------
def _line_of(raw: bytes, offset: int) -> int:
    return _line_ends(raw[:offset]) + 1


def _line_ends(raw: bytes) -> int:
    """The line ends in ``raw`` as csv's reader and editors count them: each
    line feed, and each carriage return not followed by one."""
    return raw.count(b"\n") + raw.count(b"\r") - raw.count(b"\r\n")


def _decode_probe(p: Path, encoding: str, path: str) -> tuple[str, bool, str]:
    """The encoding to read ``p`` with, whether the file holds a quote character,
    and the name of a UTF-8 copy of it ("" when there is none:
    :func:`_check_decodes`); refuses what is not text in one line."""
    if encoding not in ENCODINGS:
        raise UsageError(
            _("{given}: unknown; valid: {list}").format(
                given=option_given("encoding", encoding), list=_(", ").join(ENCODINGS)
            )
        )
    with p.open("rb") as fh:
        head = fh.read(1 << 16)
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise LoadError(
            _(
                "{path}:1:1: UTF-16 text (Windows 'Unicode'); save the table as UTF-8 or GBK CSV"
            ).format(path=path)
        )
    if b"\x00" in head:
        line = _line_of(head, head.index(b"\x00"))
        raise LoadError(
            _("{path}:{line}:1: binary data (NUL byte); expected a CSV text file").format(
                path=path, line=line
            )
        )
    bom = head.startswith(b"\xef\xbb\xbf")
    # a UTF-8 mark says what the text is; GBK's codec is a third faster than its
    # superset GB18030's and reads every byte it accepts as GB18030 does
    candidates = (
        ["utf-8-sig", *([] if bom else ["gbk", "gb18030"])]
        if encoding == "auto"
        else ["utf-8-sig" if encoding == "utf-8" else encoding]
    )
    failure: tuple[str, _DecodeFailure] | None = None
    private: int | None = None  # the line GB18030 reads as private-use characters
    for name in candidates:
        if failure is not None and failure[1].utf8_text:
            break  # UTF-8 Chinese text, then something else: no one encoding reads it all
        try:
            return (name, *_check_decodes(p, name, guessed=encoding == "auto"))
        except _DecodeFailure as e:  # kept without its frames (they would hold the table)
            failure = failure or (name, _DecodeFailure(e.line, e.byte, e.utf8_text))
            private = e.line if e.private else private
    assert failure is not None
    if private is not None:
        raise LoadError(
            _(
                "{path}:{line}:1: not UTF-8 or GBK text, and read as GB18030 its bytes make "
                "private-use characters: likely another encoding (Big5, for Traditional "
                "Chinese); save the table as UTF-8 (in Excel: CSV UTF-8), or give --encoding "
                "gb18030 if it is GB18030 with user-defined characters (造字)"
            ).format(path=path, line=private)
        )
    if encoding == "auto" and failure[1].utf8_text:
        raise LoadError(
            _(
                "{path}:{line}:1: the file mixes encodings: UTF-8 text up to here, then a "
                "byte (0x{raw:02x}) that is not UTF-8; save the whole table again in one "
                "encoding (in Excel: CSV UTF-8)"
            ).format(path=path, line=failure[1].line, raw=failure[1].byte or 0)
        )
    if encoding == "auto" and bom and _is_gbk(head[3:]):
        raise LoadError(
            _(
                "{path}:1:1: the file starts with a UTF-8 byte order mark but its text is "
                "GBK; save it again as UTF-8 (in Excel: CSV UTF-8), or as GBK without the mark"
            ).format(path=path)
        )
    name, bad = failure
    shown = "UTF-8" if name == "utf-8-sig" else name.upper()
    other = "gbk" if name == "utf-8-sig" else "gb18030" if _is_gb18030(p, name) else "utf-8"
    byte = f" (byte 0x{bad.byte:02x})" if bad.byte is not None else ""
    raise LoadError(
        _(
            "{path}:{line}:1: not valid {shown} text{byte}; give --encoding {other}, "
            "or save the table as UTF-8"
        ).format(path=path, line=bad.line, shown=shown, byte=byte, other=other)
    )


def _is_gb18030(p: Path, name: str) -> bool:
    """Whether a file that is not GBK is GB18030 (GBK's superset, with characters
    of four bytes): then that is the encoding to suggest."""
    import codecs

    if name != "gbk":
        return False
    try:
        _decoded(p, "gb18030", codecs.getincrementaldecoder("gb18030")(), None)
    except _DecodeFailure:
        return False
    return True


def _is_gbk(data: bytes) -> bool:
    import codecs

    try:
        codecs.getincrementaldecoder("gb18030")().decode(data, final=False)
    except UnicodeDecodeError:
        return False
    return True


class _DecodeFailure(Exception):
    def __init__(self, line: int, byte: int | None, utf8_text: bool = False, private: bool = False):
        self.line = line
        self.byte = byte
        #: Chinese text read as UTF-8 before the failure (the file mixes encodings)
        self.utf8_text = utf8_text
        #: read as GB18030, the bytes make private-use characters, which no text
        #: holds: another encoding (Big5's bytes, which GB18030 reads without error)
        self.private = private


#: the private-use characters GB18030 maps its user-defined byte pairs to
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


#: two Chinese characters: enough to tell UTF-8 text from GBK bytes that happen to decode
_CJK_TEXT = re.compile("[\u4e00-\u9fff][^\u4e00-\u9fff]*+[\u4e00-\u9fff]")


def _has_text(text: str) -> bool:
    return _CJK_TEXT.search(text) is not None


def _check_decodes(p: Path, encoding: str, guessed: bool = False) -> tuple[bool, str]:
    """Decode the whole file incrementally; raise _DecodeFailure where it breaks.
    Says whether the file holds a quote character (in UTF-8, GBK and GB18030 the
    byte 0x22 is never part of another character), and the name of a UTF-8 copy
    of a large file in another encoding, written from the text decoded here: the
    rows are read from it, which spares decoding the file a second time ("" when
    there is none: a small or UTF-8 file, or one the copy could not be written for)."""
    import codecs

    size = p.stat().st_size
    copied = not encoding.startswith("utf-8") and COLUMNAR_BYTES <= size <= COPIED_BYTES
    copy = Utf8Copy.start() if copied else None
    try:
        decoder = codecs.getincrementaldecoder(encoding)()
        return _decoded(p, encoding, decoder, copy, guessed), (copy.finish() if copy else "")
    except BaseException:
        if copy:
            copy.discard()
        raise


def _decoded(
    p: Path, encoding: str, decoder: Any, copy: Utf8Copy | None, guessed: bool = False
) -> bool:
    """The body of :func:`_check_decodes`: whether the file holds a quote character.
    ``guessed``: the encoding is tried, not given; GB18030 so tried refuses bytes it
    reads as private-use characters (another encoding, such as Big5; given, it
    reads them: user-defined characters, 造字 of rare names, are kept there)."""
    offset = 0  # bytes before the chunk
    quoted = False
    utf8 = encoding.startswith("utf-8")
    text = False  # Chinese text read so far (UTF-8 only)
    valid = _utf8_check(p) if utf8 else None
    with p.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            quoted = quoted or b'"' in chunk
            if (
                valid is not None
                and decoder.getstate()[0] == b""  # no character held over
                and (chunk.isascii() or (text and valid(chunk)))  # ASCII is UTF-8
            ):
                offset += len(chunk)  # UTF-8, and nothing more to learn from its text
                continue
            try:
                read = decoder.decode(chunk)
            except UnicodeDecodeError as e:
                at = max(e.start, 0)
                before = chunk[: chunk.rfind(b"\n", 0, at) + 1]  # the lines before, whole
                text = text or (utf8 and _has_text(before.decode(encoding, "replace")))
                raise _DecodeFailure(
                    _line_at(p, offset + at),
                    chunk[e.start] if 0 <= e.start < len(chunk) else None,
                    bool(text),
                ) from None
            text = text or (utf8 and not chunk.isascii() and _has_text(read))
            odd = _PRIVATE_USE.search(read) if guessed and encoding == "gb18030" else None
            if odd is not None:  # bytes of another encoding (Big5) read as GB18030
                at = len(read[: odd.start()].encode("gb18030"))
                raise _DecodeFailure(_line_at(p, offset + at), None, private=True)
            if copy is not None:
                copy.write(read)
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise _DecodeFailure(_line_at(p, offset), None) from None
    return quoted


def _utf8_check(p: Path) -> Callable[[bytes], bool] | None:
    """For a file large enough to be read column-wise (pyarrow is then imported
    anyway), a check that a chunk is whole UTF-8 by Arrow's validation, which
    makes no text; None otherwise. A chunk whose last character runs on into
    the next one is not whole: the decoder reads it, and says where a fault is."""
    from importlib.util import find_spec

    if p.stat().st_size < COLUMNAR_BYTES or find_spec("pyarrow") is None:
        return None
    from .arrowbuf import is_utf8

    return is_utf8


def _line_at(p: Path, stop: int) -> int:
    """The line of the file that byte ``stop`` is on, line ends counted as csv's
    reader counts them (a CR LF parted between two reads counts once): the
    lines are counted only when a byte does not decode."""
    line, last_cr = 1, False
    with p.open("rb") as fh:
        while stop > 0:
            chunk = fh.read(min(1 << 20, stop))
            if not chunk:
                break
            stop -= len(chunk)
            line += _line_ends(chunk) - (last_cr and chunk.startswith(b"\n"))
            last_cr = chunk.endswith(b"\r")
    return line


def _csv_rows(
    p: Path, path: str, encoding: str
) -> tuple[list[str], Iterator[tuple[int, list[Any]]], str, CsvLines]:
    used, quoted, copy = _decode_probe(p, encoding, path)
    try:
        header, source = _csv_header(p, path, used, quoted, copy)
    except BaseException:
        remove(copy)
        raise
    lines = None if quoted else source
    delimiter = source.delimiter
    read_from, read_as = (Path(copy), "utf-8") if copy else (p, used)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        # the file is open only while the rows are read: a table that is opened
        # and never read (or read elsewhere, in pieces) holds no file
        with read_from.open("r", encoding=read_as, newline="") as fh:
            reader = csv.reader(fh, delimiter=delimiter, strict=True)
            next(reader)  # the header, read above
            if lines is None:
                yield from csv_records(reader, 0, path)
            else:  # no quotes: each line is a row, split at the delimiter
                yield from plain_records(fh, reader.line_num, lines)

    them = rows()
    if copy:  # the copy goes with the rows (the table), or at exit
        import weakref

        weakref.finalize(them, remove, copy)
    return [h.strip() for h in header], them, used, source


def _csv_header(
    p: Path, path: str, used: str, quoted: bool, copy: str
) -> tuple[list[str], CsvLines]:
    """The header's cells, and how the file's lines are read (from ``copy``
    in UTF-8 where there is one)."""
    with p.open("r", encoding=used, newline="") as fh:
        sample = fh.read(64 * 1024)
        fh.seek(0)
        delimiter = (
            "\t"
            if p.suffix.lower() == ".tsv"
            or (sample.count("\t") > sample.count(",") and "\t" in sample.split("\n", 1)[0])
            else ","
        )
        reader = csv.reader(fh, delimiter=delimiter, strict=True)
        try:
            header = next(reader)
        except StopIteration:
            raise LoadError(
                _(
                    "{path}:1:1: the table is empty; the first row must name the columns "
                    "(entity, then indicator ids)"
                ).format(path=path)
            ) from None
        except csv.Error as e:
            raise LoadError(f"{path}:1:1: {_csv_problem(e)}") from None
        skip = reader.line_num
    # read from the copy, or from the file where its name is shown otherwise (name_text)
    read_from = copy or (str(p) if str(p) != path else "")
    source = CsvLines(path, "utf-8" if copy else used, delimiter, skip, quoted, read_from)
    return header, source


def csv_records(reader: Any, before: int, path: str) -> Iterator[tuple[int, list[Any]]]:
    """(line, cells) of each row that is not blank; ``before`` lines precede the
    reader's first (its own count starts at 0)."""
    start = before + reader.line_num + 1
    try:
        for cells in reader:
            if "".join(cells).strip():  # blank rows are skipped
                yield start, cells
            start = before + reader.line_num + 1
    except csv.Error as e:
        raise LoadError(f"{path}:{start}:1: {_csv_problem(e)}") from None


def plain_records(
    lines: Iterable[str], before: int, source: CsvLines
) -> Iterator[tuple[int, list[Any]]]:
    """The rows of a CSV without quote characters: each line split at the
    delimiter, which is what csv's reader makes of it, only faster. A line longer
    than csv's cell limit goes to csv's reader, which says what is wrong."""
    delimiter = source.delimiter
    limit = csv.field_size_limit()
    number = before
    for line in lines:
        number += 1
        if len(line) > limit:
            reader = csv.reader([line], delimiter=delimiter, strict=True)
            yield from csv_records(reader, number - 1, source.path)
            continue
        text = line.rstrip("\r\n")
        if text.replace(delimiter, "").strip():  # blank rows are skipped
            yield number, text.split(delimiter)


def csv_pieces(source: CsvLines, size: int) -> Iterator[tuple[int, list[str]]]:
    """The data lines of a quote-free CSV, ``size`` at a time, each piece with the
    number of lines before it: :func:`piece_records` turns one into rows."""
    from itertools import islice

    with open(source.read_from, encoding=source.encoding, newline="") as fh:
        for _skipped in islice(fh, source.skip):
            pass
        before = source.skip
        while True:
            piece = list(islice(fh, size))
            if not piece:
                return
            yield before, piece
            before += len(piece)


def piece_records(
    source: CsvLines, before: int, piece: list[str]
) -> Iterator[tuple[int, list[Any]]]:
    """The rows of one piece, as the table's own reader gives them."""
    return plain_records(piece, before, source)


def _csv_problem(e: csv.Error) -> str:
    text = str(e)
    if "field larger than field limit" in text:
        return _(
            "a cell longer than {limit} characters; is this a CSV "
            "table? (an unclosed quote can also swallow the rest of the file)"
        ).format(limit=csv.field_size_limit())
    if "unexpected end of data" in text:
        return _('a quote (") opened in this row is never closed; close it or remove it')
    return _("not a readable CSV row ({problem})").format(problem=text)


# -- header -------------------------------------------------------------------
def _columns(
    header: list[str],
    spec: Spec,
    path: str,
    keys: Sequence[Any] | None = None,
    ignored: frozenset[str] = frozenset(),
) -> list[Column]:
    """The columns a header names (``keys``: a mapping's own keys, the header
    their texts; a problem is placed at its key, and no entity is needed), but
    those headed by one of ``ignored``."""
    if len(header) > MAX_COLUMNS:
        raise LoadError(
            _(
                "the header has {header:,} columns; at most {max_columns:,} are read "
                "(Excel's own limit); is this the right file?"
            ).format(header=len(header), max_columns=MAX_COLUMNS),
            Pos(path, 1, MAX_COLUMNS + 1),
        )
    names = _Names(spec)
    columns: list[Column] = []
    problems: list[ActualsError] = []
    seen: dict[str, int] = {}
    unread = _unread_headers(header, names)
    for j, raw in enumerate(header, start=1):
        h = raw.strip().lstrip("\ufeff")
        pos = Pos(path, 1, j) if keys is None else KeyPos(path, 1, j, keys[j - 1])
        if not h or h.lower() in unread or left_out(h, ignored, names):
            continue
        if h in seen:
            twice = (
                _("column '{column}' appears twice (also column {seen}); each column once").format(
                    column=h, seen=seen[h]
                )
                if keys is None
                else _(
                    "key {key!r} is key {other!r} again, read as text without surrounding "
                    "spaces; keep one of them"
                ).format(key=keys[j - 1], other=keys[seen[h] - 1])
            )
            problems.append(ActualsError(twice, pos))
            continue
        seen[h] = j
        column = _header_column(h, j, pos, spec, names, columns, problems)
        if column is not None:
            columns.append(column)
    if keys is None and not any(c.kind == "entity" for c in columns):
        filled = [h.strip().lstrip("\ufeff") for h in header if h.strip()]
        if filled == [spec.title or spec.id]:  # the title 'scorecard template' writes in A1
            raise FormAsTable(
                _(
                    "this looks like a 自评表 form saved as a table: its first row is the "
                    "form's title '{title}'; give the .xlsx form itself, as 'scorecard "
                    "template' wrote it (score, review and batch read it)"
                ).format(title=filled[0]),
                Pos(path, 1, 1),
            )
        problems = _no_entity(header, path, columns, problems)
    if problems:
        from ..base.errors import ErrorList

        raise ErrorList([*_another_spec(path, spec, len(seen), columns, keys), *problems])
    return columns


def _unread_headers(header: Sequence[str], names: _Names) -> frozenset[str]:
    """The headers (lower case) of the columns not read: row numbers (序号), and
    columns that describe a row (:data:`DESCRIPTIVE_HEADERS`) unless the spec
    names something so; with a project's column, the unit's (单位, 部门): the
    project is the entity."""
    given = {h.strip().lstrip("\ufeff") for h in header}
    unread = set(ROW_NUMBER_HEADERS)
    unread |= {h for h in DESCRIPTIVE_HEADERS if h in given and not names.reads(h)}
    projects = {h for h in given & set(PROJECT_HEADERS) if not names.reads(h)}
    units = {h for h in given if h.lower() in ENTITY_HEADERS and h not in PROJECT_HEADERS}
    if "entity" in {h.lower() for h in given}:  # named so: the entity, whatever else
        unread |= projects
    elif projects:  # a table of projects: the project is the entity, not its unit
        unread |= {h.lower() for h in units if not names.reads(h)}
    return frozenset(unread)


def left_out(header: str, ignored: frozenset[str], names: _Names | None = None) -> bool:
    """Whether a column is one of ``ignored``'s (the headers of what one spec of a
    comparison lacks: :func:`engine.scoring.dropped.dropped_headers`), written as
    one is or as a header may name it otherwise (spaces, widths, quotes, a unit in
    brackets or a % after it: 农民技能培训人次（人次）); never one that ``names``
    (the spec's) reads."""
    h = header.strip().lstrip("\ufeff")
    if h in ignored or not ignored:
        return h in ignored
    stems = [h]
    at = max(h.rfind("（"), h.rfind("("))
    if h.endswith(("）", ")")) and at > 0:
        stems.append(h[:at].rstrip())
    if h.endswith(("%", "％")):
        stems.append(h[:-1].rstrip())
    keys = {name_key(text) for text in ignored}
    for stem in stems:
        if names is not None and names.named(stem) in (names.known | set(names.by_name)):
            return False
        if name_key(stem) in keys:
            return True
    return False


def _another_spec(
    path: str, spec: Spec, headed: int, columns: list[Column], keys: Sequence[Any] | None
) -> list[ActualsError]:
    """One line first where most of the header is not of the spec (17 unknown
    columns said one by one, a comparison suggested where none fits): the table
    is likely for another spec."""
    read = sum(c.kind not in ("entity", "period") for c in columns)
    unknown = headed - len(columns)
    if keys is not None or unknown < 5 or unknown <= read:
        return []
    return [
        ActualsError(
            _(
                "{unknown} of the header's {headed} columns are not of spec '{id}' ({title}); "
                "is the table for another spec? give the spec it was written for"
            ).format(unknown=unknown, headed=headed, id=spec.id, title=spec.title or spec.id),
            Pos(path, 1, 1),
        )
    ]


def _no_entity(
    header: list[str], path: str, columns: list[Column], problems: list[ActualsError]
) -> list[ActualsError]:
    """The header's problems with one for its missing entity column, first: at a
    refused column whose name is close to an entity header's (in place of that
    column's own problem), else at ``file:1:1``; it names the columns found."""
    names = [h.strip().lstrip("\ufeff") for h in header]
    found = [h for h in names if h]
    shown = _(", ").join(found)
    if len(found) > 12:
        shown = _("{list}, … ({n} in all)").format(list=_(", ").join(found[:12]), n=len(found))
    taken = {c.index for c in columns}
    for j, h in enumerate(names, start=1):
        close = close_word(h, ENTITY_HEADERS) if h and j not in taken else None
        if close is not None:
            at = Pos(path, 1, j)
            message = _(
                "no entity column: none is named {names}; did you mean '{word}' for column "
                "'{column}'?; columns found: {found}"
            ).format(names=_entity_headers(), word=close, column=h, found=shown)
            replaced = [p for p in problems if p.pos == at]
            return [
                _NoEntity(message, at, replaced[0] if replaced else None),
                *(p for p in problems if p.pos != at),
            ]
    at = Pos(path, 1, 1)
    first = [p for p in problems if p.pos == at and isinstance(p, _Unknown)]
    if first:  # an unknown first column: where the entity column usually is
        message = _(
            "no entity column: none is named {names}, and column '{column}' is not one the "
            "spec knows; if '{column}' says whose row it is, name it entity (or 单位); columns "
            "found: {found}"
        ).format(names=_entity_headers(), column=names[0], found=shown)
        return [_NoEntity(message, at, first[0]), *(p for p in problems if p is not first[0])]
    message = _(
        "no entity column: none is named {names}; columns found: {found}; name the column "
        "that says whose row it is entity (or 单位)"
    ).format(names=_entity_headers(), found=shown)
    return [_NoEntity(message, at, None), *problems]


def _entity_headers() -> str:
    """The headers an entity column may have, as a list said in words."""
    *most, last = ENTITY_HEADERS
    return _("{most} or {last}").format(most=_(", ").join(most), last=last)


class FormAsTable(ActualsError):
    """A 自评表 form saved as CSV and given as a table: its first row is the form's
    title (``score``, which reads no table, says it too)."""


class _NoEntity(ActualsError):
    """A header without an entity column, said in place of the problem of the
    column that was likely meant as it (``replaced``), if any."""

    def __init__(self, message: str, pos: Pos, replaced: ActualsError | None):
        super().__init__(message, pos)
        self.replaced = replaced

    def __reduce__(self) -> tuple[type[_NoEntity], tuple[str, Pos, ActualsError | None]]:
        """Pickled whole (a part refused on a Dask worker travels back)."""
        assert self.pos is not None
        return (_NoEntity, (self.message, self.pos, self.replaced))


class _Unknown(ActualsError):
    """A column that names nothing the spec or a table knows."""


class _Names:
    """What a header may name in a spec."""

    def __init__(self, spec: Spec):
        self.leaves = {i.id for i in spec.leaves()}
        self.known = set(spec.by_id) | set(spec.inputs)
        named: dict[str, list[str]] = {}
        for ind in spec.walk():
            named.setdefault(ind.name, []).append(ind.id)
        for inp in spec.inputs.values():  # an input's column by its name too (全年预算数)
            if inp.name:
                named.setdefault(inp.name, []).append(inp.id)
        self.by_name: dict[str, str] = {}
        #: names shared by more than one leaf or input: a value column cannot be told by them
        self.shared: dict[str, list[str]] = {}
        #: names shared by more than one indicator of any kind: nor can na.NAME, claimed.NAME
        self.shared_any = {name: ids for name, ids in named.items() if len(ids) > 1}
        for name, ids in named.items():
            usable = [i for i in ids if i in self.leaves or i in spec.inputs]
            if len(usable) > 1:
                self.shared[name] = usable
            self.by_name[name] = usable[0] if usable else ids[0]
        #: each indicator's and input's unit, for a header that gives it (金额（万元）)
        self.units = {i.id: i.unit for i in spec.walk()}
        self.units.update({i.id: i.unit for i in spec.inputs.values()})
        #: each name and id as :func:`name_key` writes it, where nothing naming another
        #: is written so: a header typed otherwise (spaces, line breaks, quotes, case)
        keyed: dict[str, dict[str, str]] = {}  # key → {name or id: the id it names}
        for name in named:
            keyed.setdefault(name_key(name), {})[name] = self.by_name[name]
        for iid in self.known:  # ids too: a key an id and another's name share names neither
            keyed.setdefault(name_key(iid), {})[iid] = iid
        self.by_key = {
            key: min(texts) for key, texts in keyed.items() if len(set(texts.values())) == 1
        }

    def named(self, h: str) -> str:
        """The id or name a header is (``h`` itself if it is one), or the name it
        is written otherwise (``“三公”经费`` as ``"三公"经费``, ``出租屋安全隐患排查整治
        等专项行动次数`` broken over two lines in its cell); else ``h``."""
        if h in self.known or h in self.by_name:
            return h
        return self.by_key.get(name_key(h), h)

    def reads(self, h: str) -> bool:
        """Whether a header names an indicator or input of the spec, by id or name."""
        named = self.named(h)
        return named in self.known or named in self.by_name

    def _bracketed(self, h: str) -> tuple[str, str, str] | None:
        """A header written as an id or name with text after it in brackets, of
        either width (``重点支出安排率（%）``): the id or name, the text in the
        brackets, and the spec's unit of what it names (""); None for another."""
        at = max(h.rfind("（"), h.rfind("("))
        if not h.endswith(("）", ")")) or at <= 0:
            return None
        base = self.named(h[:at].rstrip())
        iid = base if base in self.known else self.by_name.get(base)
        return base, h[at + 1 : -1], self.units.get(iid or "", "")

    def _signed(self, h: str) -> tuple[str, str, str] | None:
        """A header written as an id or name with a percent sign after it, no
        brackets (``在职人员控制率%``): as :meth:`_bracketed` gives one; None for
        another."""
        if not h.endswith(("%", "％")):
            return None
        base = self.named(h[:-1].rstrip())
        iid = base if base in self.known else self.by_name.get(base)
        return (base, h[-1], self.units.get(iid, "")) if iid else None

    def other_unit(self, h: str) -> tuple[str, str, str] | None:
        """For a header that is an id or name with a unit after it in brackets
        other than the spec's (``服务企业数（个）`` where the spec counts 家): the
        base, the unit written and the spec's; else None."""
        bracketed = self._bracketed(h) or self._signed(h)  # (外出招商活动次数%, in 次)
        if bracketed is None:
            return None
        base, written, unit = bracketed[0], bracketed[1].strip(), bracketed[2]
        if not written or not unit or _same_unit(written, unit):
            return None
        known = {*self.units.values(), *COUNT_UNITS, *_MONEY_UNITS}
        if not any(_same_unit(written, u) for u in known if u):
            return None  # 全年预算数（调整后）: no unit, but a word of its own
        return base, written, unit

    def unit_dropped(self, h: str) -> str:
        """A header that is an id or name with its own unit after it in brackets
        (``重点支出安排率（%）``, ``budget (万元)``), or a percentage's with a sign after
        it (``在职人员控制率%``), as that id or name; any other
        header as it is. A unit other than the spec's keeps the header whole (and
        unknown): the column may be in another unit."""
        bracketed = self._bracketed(h) or self._signed(h)
        if bracketed is None:
            return h
        base, written, unit = bracketed
        if not base or any(c in written for c in "（）()"):
            return h
        return base if unit and _same_unit(written, unit) else h

    def target(
        self, h: str, pos: Pos, problems: list[ActualsError], column: str | None = None
    ) -> str | None:
        """The id a header (or ``h``, the part after ``na.`` of ``column``) names:
        an id as it is, else the indicator or input of that name; None when the name
        is shared by those the column may mean (the problem is then in ``problems``)."""
        if h in self.known:
            return h
        h = self.named(self.unit_dropped(h))
        if h in self.known:
            return h
        shared = self.shared if column is None else self.shared_any
        if h in shared:
            named = (
                _(
                    "key '{column}' is the name of {n} indicators or inputs ({ids}); name "
                    "the key by the id of the one meant"
                )
                if isinstance(pos, KeyPos)
                else _(
                    "column '{column}' is the name of {n} indicators or inputs ({ids}); "
                    "name the column by the id of the one meant"
                )
            )
            ids = _(", ").join(shared[h])
            message = named.format(column=column or h, n=len(shared[h]), ids=ids)
            problems.append(ActualsError(message, pos))
            return None
        return self.by_name.get(h, h)


#: what a spreadsheet's cell holds for "none" (a dash, a slash, 无): 0 or not applicable?
_NONE_WORDS = frozenset(("—", "——", "–", "－", "-", "/", "／", "\\", "无", "空", "暂无", "×"))


#: units of money a header may give in brackets (beside those of counts and the spec's)
_MONEY_UNITS = ("元", "万元", "亿元", "千元", "百万元")

#: quotation marks, which :func:`name_key` leaves out
_QUOTES = str.maketrans(dict.fromkeys("“”„‟「」『』‘’‚‛\"'"))


def name_key(text: str) -> str:
    """A name as compared when a header is not written as the spec writes it:
    widths made one (NFKC: （） as ()), without white space (a line break typed
    in the cell, spaces) or quotation marks (“三公”经费, "三公"经费 and 三公经费),
    letters' case aside."""
    import unicodedata

    text = unicodedata.normalize("NFKC", text)
    return "".join(text.split()).translate(_QUOTES).casefold()


def _same_unit(a: str, b: str) -> bool:
    """Whether two units are written alike, widths aside (％ and %)."""
    import unicodedata

    return unicodedata.normalize("NFKC", a).strip() == unicodedata.normalize("NFKC", b).strip()


def _header_column(
    h: str,
    j: int,
    pos: Pos,
    spec: Spec,
    names: _Names,
    columns: list[Column],
    problems: list[ActualsError],
) -> Column | None:
    """The column a header names, or None (a problem is then in ``problems``)."""
    low = h.lower()
    for kind, headers in (("entity", ENTITY_HEADERS), ("period", PERIOD_HEADERS)):
        if (low in headers or h in headers) and not (h in PROJECT_HEADERS and names.reads(h)):
            return None if _twin(columns, kind, "", h, pos, problems) else Column(j, h, kind)
    if low in CLAIMED_TOTAL_HEADERS:
        if _twin(columns, "claimed_total", "", h, pos, problems):
            return None
        return Column(j, h, "claimed_total")
    kind, _dot, rest = h.partition(".")
    if rest and kind in ("score", "notes", "note", "na", "claimed"):
        return _prefixed_column(h, j, pos, kind, rest, spec, names, columns, problems)
    if h.endswith(".note") and h[:-5] in spec.by_id:
        if _twin(columns, "note", h[:-5], h, pos, problems):
            return None
        return Column(j, h, "note", h[:-5])
    target = names.target(h, pos, problems)
    if target is None:
        return None
    if target in spec.inputs:
        if _twin(columns, "input", target, h, pos, problems):
            return None
        return Column(j, h, "input", target)
    keyed = isinstance(pos, KeyPos)  # a key of a mapping given in Python
    if target not in spec.by_id:
        problems.append(_unknown_column(h, pos, spec, names))
        return None
    if target not in names.leaves:
        group = (
            _(
                "key '{column}' is the group '{target}'; its score comes from its children, "
                "give them instead"
            )
            if keyed
            else _(
                "column '{column}' is the group '{target}'; its score comes from its "
                "children, give them instead"
            )
        )
        problems.append(ActualsError(group.format(column=h, target=target), pos))
        return None
    leaf = spec.by_id[target]
    if leaf.derive is not None and not keyed:  # every row would fail: said once, here
        problems.append(_derived_column(h, pos, spec, leaf))
        return None
    if _twin(columns, "value", target, h, pos, problems):
        return None
    return Column(j, h, "value", target)


def _derived_column(h: str, pos: Pos, spec: Spec, leaf: Indicator) -> ActualsError:
    """A column of an indicator the spec works out from its inputs (预算执行率
    from 全年预算数 and 全年执行数): the columns to give instead."""
    assert leaf.derive is not None
    inputs = [
        _("{id} ({name})").format(id=i, name=spec.inputs[i].name) if spec.inputs[i].name else i
        for i in sorted(leaf.derive.names)
        if i in spec.inputs
    ]
    said = (
        _(
            "column '{column}' is {id} ({name}), which the spec works out from its inputs "
            "({formula}); clear this column's header, and give the inputs' columns if the "
            "table lacks them: {inputs}"
        )
        if inputs
        else _(
            "column '{column}' is {id} ({name}), which the spec works out ({formula}); clear "
            "this column's header"
        )
    )
    return ActualsError(
        said.format(
            column=h,
            id=leaf.id,
            name=leaf.name,
            formula=leaf.derive.text,
            inputs=_(", ").join(inputs),
        ),
        pos,
    )


def _unknown_column(h: str, pos: Pos, spec: Spec, names: _Names) -> ActualsError:
    """What a header that names nothing the spec knows is told: its unit, where
    it gives one other than the spec's; else the names it may have meant."""
    other = names.other_unit(h)
    if other is not None:
        base, written, unit = other
        return _Unknown(
            _(
                "column '{column}' is in {written}, but the spec's {base} is in {unit}; "
                "if its values are in {unit}, name it '{base}' (or '{base}（{unit}）'), "
                "else convert them to {unit}"
            ).format(column=h, written=written, base=base, unit=unit),
            pos,
        )
    unknown = (
        _(
            "key '{column}' is not an indicator, input or known key of spec '{id}'{hint}; "
            "keys: entity, period, indicator ids or names, input ids, score.ID, notes.ID, "
            "na.ID, claimed.ID, claimed_total"
        )
        if isinstance(pos, KeyPos)
        else _(
            "column '{column}' is not an indicator, input or known column of spec "
            "'{id}'{hint}; columns: entity, period, indicator ids or names, input "
            "ids, score.ID, notes.ID, na.ID, claimed.ID, claimed_total; to leave a "
            "column out, clear its header"
        )
    )
    hint = _score_meant(h, spec, names)
    group = _group_named(h, spec, names)
    if hint is None and group is not None:
        hint = _("; '{group}' is a group, scored from its indicators ({leaves}): name one").format(
            group=group.name,
            leaves=_listed([i.name for i in group.walk() if not i.children], 6),
        )
    if hint is None:  # a column of values: a leaf's or an input's, not a group's
        values = {i for i in names.known if i in names.leaves or i in spec.inputs}
        values |= {n for n, i in names.by_name.items() if i in values}
        hint = did_you_mean(h, values | {*ENTITY_HEADERS, *PERIOD_HEADERS, *CLAIMED_TOTAL_HEADERS})
    return _Unknown(unknown.format(column=h, id=spec.id, hint=hint), pos)


def _listed(texts: list[str], most: int) -> str:
    """The first ``most`` texts, and an ellipsis for the rest."""
    return _(", ").join(texts[:most] + (["…"] if len(texts) > most else []))


def _group_named(h: str, spec: Spec, names: _Names) -> Indicator | None:
    """The group a header names, by its id or name, with a unit or not (满意度（%）)."""
    base = re.sub(r"\s*[（(][^（）()]*[）)]$", "", h).strip()
    target = names.by_name.get(base, base)
    found = spec.by_id.get(target)
    return found if found is not None and found.children else None


#: what a Chinese header ends in when its column holds an indicator's score
_SCORE_ENDINGS = ("自评得分", "得分", "分数", "分值", "评分")


def _score_meant(h: str, spec: Spec, names: _Names) -> str | None:
    """The hint for a header naming a leaf's score (社会效益实现程度得分): its
    ``claimed.`` column, and its ``score.`` column where it takes a chosen score;
    None for any other header."""
    stem = next((h[: -len(e)].strip() for e in _SCORE_ENDINGS if h.endswith(e)), "")
    target = names.by_name.get(stem, stem if stem in names.leaves else None)
    if target is None or target not in names.leaves:
        return None
    method = spec.by_id[target].method
    if isinstance(method, GradesMethod) and any(lo != hi for lo, hi in method.grades.values()):
        return _(
            "; did you mean 'score.{name}' (the score chosen in its grade's range) or "
            "'claimed.{name}' (the score the entity claims)?"
        ).format(name=stem)
    return _("; did you mean 'claimed.{name}' (the score the entity claims)?").format(name=stem)


def _prefixed_column(
    h: str,
    j: int,
    pos: Pos,
    kind: str,
    rest: str,
    spec: Spec,
    names: _Names,
    columns: list[Column],
    problems: list[ActualsError],
) -> Column | None:
    """A ``score.ID``, ``notes.ID`` (``note.ID``), ``na.ID`` or ``claimed.ID`` column."""
    target = names.target(rest, pos, problems, column=h)
    if target is None:
        return None
    if target not in spec.by_id:
        none = (
            _("key '{column}': no indicator '{rest}'{hint}")
            if isinstance(pos, KeyPos)
            else _("column '{column}': no indicator '{rest}'{hint}")
        )
        hint = did_you_mean(rest, spec.by_id)
        problems.append(ActualsError(none.format(column=h, rest=rest, hint=hint), pos))
        return None
    method = spec.by_id[target].method
    if kind == "score" and not (
        isinstance(method, GradesMethod) and any(lo != hi for lo, hi in method.grades.values())
    ):
        unranged = (
            _(
                "key '{column}': '{target}' has no grade ranges, so it takes no chosen "
                "score; give its value under the key '{target}'"
            )
            if isinstance(pos, KeyPos)
            else _(
                "column '{column}': '{target}' has no grade ranges, so it takes no "
                "chosen score; give its value in the column named by its id"
            )
        )
        problems.append(ActualsError(unranged.format(column=h, target=target), pos))
        return None
    kind = {"notes": "note"}.get(kind, kind)
    if _twin(columns, kind, target, h, pos, problems):
        return None
    return Column(j, h, kind, target)


# -- rows ---------------------------------------------------------------------
def _twin(
    columns: list[Column], kind: str, target: str, h: str, pos: Pos, problems: list[ActualsError]
) -> bool:
    """Whether an earlier column already gives this (kind, indicator); if so, say so."""
    twin = next((c for c in columns if c.kind == kind and c.target == target), None)
    if twin is None:
        return False
    again = {
        "value": N_(
            "column '{column}' gives '{target}' again (column {index} '{header}' does "
            "already); keep one of them"
        ),
        "note": N_(
            "column '{column}' gives the note of '{target}' again (column {index} "
            "'{header}' does already); keep one of them"
        ),
        "score": N_(
            "column '{column}' gives the score of '{target}' again (column {index} "
            "'{header}' does already); keep one of them"
        ),
        "na": N_(
            "column '{column}' gives the N/A reason of '{target}' again (column {index} "
            "'{header}' does already); keep one of them"
        ),
        "input": N_(
            "column '{column}' gives the input '{target}' again (column {index} "
            "'{header}' does already); keep one of them"
        ),
        "claimed": N_(
            "column '{column}' gives the claimed score of '{target}' again (column {index} "
            "'{header}' does already); keep one of them"
        ),
        "claimed_total": N_(
            "column '{column}' gives the claimed total again (column {index} '{header}' "
            "does already); keep one of them"
        ),
        "entity": N_(
            "column '{column}' names the entity too (column {index} '{header}' does "
            "already); clear the header of the one that does not say whose row it is"
        ),
        "period": N_(
            "column '{column}' gives the period too (column {index} '{header}' does "
            "already); keep one of them"
        ),
    }
    if isinstance(pos, KeyPos):  # a mapping's key: the other one named, not its place
        message = _(
            "key '{column}' gives what key '{header}' gives already ('{target}'); keep one of them"
        ).format(column=h, target=target, header=twin.header)
    else:
        message = _(again[kind]).format(
            column=h, target=target, index=twin.index, header=twin.header
        )
    problems.append(ActualsError(message, pos))
    return True


def shows_percent(table: Table, row: int, col: int) -> bool:
    """Whether the cell at ``row`` and ``col`` is shown as a percentage."""
    return col in table.percent_columns and (row, col) not in table.plain_cells


#: the section of an actuals document a column's cells go to, by the column's kind
_SECTION_OF = {"value": "values", "input": "inputs"}


def row_document(
    table: Table,
    spec: Spec,
    row: int,
    cells: list[Any],
    na_tokens: tuple[str, ...] = NA_TOKENS,
    medium: Medium = "row",
) -> Document:
    """One row as an actuals document with ``file:row:col`` positions. A cell
    that cannot be read (its :class:`ActualsError` naming row, column and
    header) is left out of the document and kept in :attr:`Document.refused`,
    which :func:`engine.scoring.actuals.check_actuals` reports first, with what
    else the row lacks: a row is told all of its problems at once."""
    data: dict[str, Any] = {"spec": spec.id}
    doc = Document(
        file=table.file, data=data, sha256=table.sha256, medium=medium, na_marks=na_tokens
    )
    keys = table.keys
    doc.positions[()] = (
        Pos(table.file, row, 1) if keys is None else KeyPos(table.file, row, 1, whole=True)
    )
    _check_cells(table, row, cells)
    sections = _RowSections(doc)
    errors: list[ActualsError] = []
    for col in table.columns:
        raw = cells[col.index - 1] if col.index - 1 < len(cells) else None
        pos = (
            Pos(table.file, row, col.index)
            if keys is None
            else KeyPos(table.file, row, col.index, keys[col.index - 1])
        )
        if isinstance(raw, UnreadCell):  # a formula with no saved value, an error value
            errors.append(_unread(raw, col, pos))
            continue
        text = _text(raw)
        if text == "":
            sections.empty_cell(col, pos)
        elif col.kind in ("entity", "period"):
            data[col.kind] = text
            doc.positions[(col.kind,)] = pos  # a period out of force is told at its cell
        elif col.kind == "note":
            sections.put("notes", col.target, text, pos)
        elif col.kind == "na":
            sections.put("not_applicable", col.target, text, pos)
        elif col.kind in ("claimed", "claimed_total"):
            named = _cell_of(col, spec, keys)
            claim = _claim(raw, text, pos, col, named, errors, keys is None)
            _put_claim(sections, col, claim)
        elif text in na_tokens and col.kind == "value":
            marked = (
                msg("marked {mark} in the table", mark=text)
                if keys is None
                else msg("marked {mark}", mark=text)
            )
            sections.put("not_applicable", col.target, marked, pos)
        else:
            try:
                value = _cell_value(
                    raw, text, col, spec, shows_percent(table, row, col.index), na_tokens
                )
            except NumberError as e:
                said = _cell_of(col, spec, keys)(str(e))
                if keys is not None and isinstance(raw, bool):  # Python's, not a cell's
                    said = _(
                        "{value!r} is not a number; give the number itself, such as 3, 2.5 or 98.93"
                    ).format(value=raw)
                errors.append(ActualsError(said, pos, _refused_path(col)))
                continue
            sections.value(col, value, pos)
    doc.refused = errors
    try:
        sections.check_grades()
    except ActualsError as e:
        if not errors:
            raise
        from ..base.errors import ErrorList

        raise ErrorList([*errors, e]) from None
    data.update(sections.sections)
    return doc


def _cell_of(col: Column, spec: Spec, keys: Sequence[Any] | None) -> Callable[[str], str]:
    """A problem of a cell of ``col``, said with the column and what it holds (a
    mapping's key names it: the problem alone)."""
    if keys is not None:
        return lambda problem: problem
    what = (
        _("the claimed total")
        if col.kind == "claimed_total"
        else spec.by_id[col.target].name
        if col.target in spec.by_id
        else spec.inputs[col.target].name or col.target
        if col.target in spec.inputs
        else col.target
    )
    if col.header.strip() == what:  # headed by its name: said once
        return lambda problem: _("column '{column}': {problem}").format(
            column=col.header, problem=problem
        )
    return lambda problem: _("column '{column}' ({name}): {problem}").format(
        column=col.header, name=what, problem=problem
    )


def _put_claim(sections: _RowSections, col: Column, claim: tuple[Any, Pos] | None) -> None:
    """A claimed score, or the claimed total, read from its cell (None: refused)."""
    if claim is None:
        return
    value, pos = claim
    if col.kind == "claimed":
        sections.put("claimed", col.target, value, pos)
    else:
        sections.doc.data["claimed_total"] = value
        sections.doc.positions[("claimed_total",)] = pos


def _unread(cell: UnreadCell, col: Column, pos: Pos) -> ActualsError:
    """The problem of a cell whose value the reader cannot give, at its place in
    the row's document (an entity's and a period's too: the row's other cells
    are read, and told)."""
    path = (col.kind,) if col.kind in ("entity", "period") else _refused_path(col)
    return ActualsError(cell.problem(), pos, path)


def _refused_path(col: Column) -> JsonPath:
    """Where a cell that could not be read would have gone in the document: its
    value is then neither checked again nor called missing."""
    if col.kind == "input":
        return ("inputs", col.target)
    if col.kind == "score":
        return ("values", col.target, "score")
    return ("values", col.target)


def _claim(
    raw: Any,
    text: str,
    pos: Pos,
    col: Column,
    named: Callable[[str], str],
    errors: list[ActualsError],
    in_table: bool = True,
) -> tuple[Any, Pos] | None:
    """A claimed score and its cell: a number of points (a number cell exact from its
    shortest text; a text by the table's rules for thousands separators); None when
    the cell is refused (its error in ``errors``, said by ``named``: a table's column
    names the claim, a mapping's key does not)."""
    try:
        plain = repr(raw) if isinstance(raw, float) else ungrouped(text.strip(), text)
        return parse_number(plain), pos
    except NumberError as e:
        typed = unit_typed(text.strip()) is not None  # the problem says what to write
        if in_table:
            said = "{problem}" if typed else _("{problem}; write the points, such as 3.75")
        else:
            said = (
                _("claimed score: {problem}")
                if typed
                else _("claimed score: {problem}; write the points, such as 3.75")
            )
        path: JsonPath = ("claimed", col.target) if col.kind == "claimed" else ("claimed_total",)
        errors.append(ActualsError(named(said.format(problem=e)), pos, path))
        return None


def extra_cells(table: Table, cells: Sequence[Any]) -> list[int]:
    """The cells (0-based) beyond the header's columns that hold anything: a row
    with one fails; empty ones (a spreadsheet's trailing commas) are dropped."""
    return [j for j in range(table.width, len(cells)) if _text(cells[j])]


def _check_cells(table: Table, row: int, cells: list[Any]) -> None:
    """Refuse cells beyond the header's columns, and a row that is the header again."""
    extra = extra_cells(table, cells)
    if table.width and extra:
        raise ActualsError(
            _(
                "row has {cells} cells but the header names {width} columns; remove the "
                "extra cells or name their columns"
            ).format(cells=len(cells), width=table.width),
            Pos(table.file, row, extra[0] + 1),
        )
    if table.keys is None:
        _refuse_header_again(table, row, cells)


def _refuse_header_again(table: Table, row: int, cells: list[Any]) -> None:
    """Refuse a row that is the header again (tables pasted one below another keep
    each one's header): half its value and input columns, at least two, hold
    their own column's name. It is told once, not once per cell."""
    named = [c for c in table.columns if c.kind in ("value", "input")]
    again = [
        c
        for c in named
        if c.index - 1 < len(cells) and _text(cells[c.index - 1]).strip() == c.header
    ]
    if len(again) >= 2 and 2 * len(again) >= len(named):
        raise ActualsError(
            _(
                "the row is the header again ('{header}' and {n} more of its cells name "
                "their columns): a table pasted below another keeps its header; delete the row"
            ).format(header=again[0].header, n=len(again) - 1),
            Pos(table.file, row, again[0].index),
        )


class _RowSections:
    """The sections (values, inputs, notes, not_applicable) of a row's document."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.sections: dict[str, dict[str, Any]] = {}
        #: the value cells (or keys) left empty, by indicator
        self.empty: dict[str, Pos] = {}

    def put(self, section: str, key: str, value: Any, pos: Pos) -> None:
        self.sections.setdefault(section, {})[key] = value
        self.doc.positions[(section, key)] = pos
        self.doc.key_positions[(section, key)] = pos
        # a mapping's section is the whole mapping, not its first key
        whole = self.doc.positions[()] if isinstance(pos, KeyPos) else pos
        self.doc.positions.setdefault((section,), whole)

    def empty_cell(self, col: Column, pos: Pos) -> None:
        """An empty cell: a missing value or input is reported at it, and so is a
        grade left empty where its chosen score is given."""
        section = _SECTION_OF.get(col.kind)
        if section is not None:
            self.doc.key_positions.setdefault((section, col.target), pos)
        if col.kind == "value":
            self.empty[col.target] = pos

    def value(self, col: Column, value: Any, pos: Pos) -> None:
        """A value, input or chosen score: each located at its own cell (a grade's
        problem at the grade's, a chosen score's at the score's), whichever of a
        grade and its score column comes first."""
        if col.kind == "input":
            self.put("inputs", col.target, value, pos)
            return
        key = ("values", col.target)
        existing = self.sections.get("values", {}).get(col.target)
        if col.kind == "score":
            at_grade = self.doc.positions.get(key)  # the grade's cell, when it came first
            self.put("values", col.target, {"grade": existing, "score": value}, pos)
            self.doc.positions[(*key, "score")] = pos
            if at_grade is not None:
                self.doc.positions[key] = self.doc.key_positions[key] = at_grade
            return
        if isinstance(existing, dict):  # a score column came first
            existing["grade"] = value
            self.doc.positions[key] = self.doc.key_positions[key] = pos
        else:
            self.put("values", col.target, value, pos)

    def check_grades(self) -> None:
        """A chosen score (score.ID) without its grade keeps a None grade: say so, at
        the grade's empty cell (or key) where there is one."""
        for iid, v in self.sections.get("values", {}).items():
            if not isinstance(v, dict) or v.get("grade") is not None:
                continue
            keyed = isinstance(self.doc.positions[()], KeyPos)
            empty = self.empty.get(iid)
            if iid in self.sections.get("not_applicable", {}):
                raise ActualsError(
                    _(
                        "score.{iid} gives a chosen score for an indicator marked not "
                        "applicable; clear score.{iid}, or the mark"
                    ).format(iid=iid),
                    self.doc.positions[("values", iid, "score")],
                )
            if empty is not None:
                said = _(
                    "the grade of '{iid}' is empty, but score.{iid} gives a chosen score "
                    "within a grade; fill in the grade"
                )
            elif keyed:
                said = _(
                    "score.{iid} is given but not the grade of '{iid}'; add the key '{iid}' "
                    "with the grade"
                )
            else:
                said = _(
                    "score.{iid} is given but not the grade of '{iid}'; add a column "
                    "'{iid}' with the label"
                )
            where = empty if empty is not None else self.doc.positions[("values", iid)]
            raise ActualsError(said.format(iid=iid), where)


def _text(raw: Any) -> str:
    if raw is None or isinstance(raw, UnreadCell):  # the row fails and says why
        return ""
    if isinstance(raw, bool):
        return logical_text(raw)
    if isinstance(raw, float):
        return repr(raw)
    return str(raw).strip()


def _share(raw: Any, text: str, percent_format: bool) -> str | None:
    """A chosen score written as a share of the weight (``85%``, or 0.85 in a cell
    formatted as a percentage) as the YAML form takes it; None for points."""
    if isinstance(raw, int | float):
        if not percent_format:
            return None
        value = parse_number(repr(raw) if isinstance(raw, float) else str(raw)) * 100
    else:
        t = text.strip()
        if not t.endswith(("%", "％")):
            return None
        value = parse_number(ungrouped(t[:-1].rstrip(" \u00a0"), text))
    return f"{format_value(value, max_places=28)}%"


def marks_checked(marks: Sequence[str], spec: Spec | None = None) -> tuple[str, ...]:
    """The N/A marks given (``--na``, ``na=``), each stripped as a cell is. Refused,
    as each would change values unsaid: an empty mark (every empty cell would be
    not applicable), one that reads as a number (``--na 3``: every 3 would), and,
    with ``spec``, one that is a value of the spec (a grade of a grades method, a
    label a formula compares: ``--na 无`` where 无 is a grade)."""
    for mark in marks:
        given = _na_given(mark)
        if not mark.strip():
            raise UsageError(
                _(
                    "{option}: an empty mark; give the text a cell holds for not applicable, "
                    "such as 不适用 (an empty cell is a missing value: see --missing)"
                ).format(option=given)
            )
        if reads_as_number(mark):
            raise UsageError(
                _(
                    "{option}: '{mark}' reads as a number, and every cell of it would be not "
                    "applicable; give a text that is no value, such as 不适用"
                ).format(option=given, mark=mark.strip())
            )
    if spec is not None:
        graded_mark(marks, spec)
    return tuple(m.strip() for m in marks)


def graded_mark(marks: Sequence[str], spec: Spec) -> None:
    """Refuse a mark that is a value of ``spec`` (:func:`marks_checked`), as where a
    table is opened against its spec."""
    for mark in marks:
        found = graded_as(spec, mark.strip())
        if found is not None:
            raise UsageError(
                _(
                    "{option}: '{mark}' is {value}, and its cells would be not applicable, "
                    "not scored; mark the cells meant as not applicable otherwise, such as 不适用"
                ).format(option=_na_given(mark), mark=mark.strip(), value=_value_said(found))
            )


def _na_given(mark: str) -> str:
    """The mark as the one spoken to gave it: ``--na '无'``, or ``na='无'``."""
    return option_given("na", mark if caller() == "python" else shell_word(mark))


def graded_as(spec: Spec, text: str) -> tuple[Indicator, str] | None:
    """The first indicator of ``spec`` (walk order) that takes ``text`` as a value
    besides numbers, and how: ``grade`` (a grade of its grades method), or
    ``answer`` (a label its formula compares). Another word, where a formula reads
    its actual only as words, is an answer the formula scores as it scores every
    word it does not compare; a mark given for it is a mark there, as the default
    marks are."""
    for ind in spec.leaves():
        method = ind.method
        if isinstance(method, GradesMethod) and text in method.grades:
            return ind, "grade"
        if text in compared_labels(method):
            return ind, "answer"
    return None


def _value_said(found: tuple[Indicator, str]) -> str:
    """What a text is to the indicator that takes it (:func:`graded_as`)."""
    ind, kind = found
    if kind == "grade":
        return _("a grade of {id} ({name})").format(id=ind.id, name=ind.name)
    return _("an answer {id} ({name}) takes (its formula scores words)").format(
        id=ind.id, name=ind.name
    )


def reads_as_number(text: str) -> bool:
    """Whether a cell holding ``text`` would be read as a number in some column
    (``3``, ``１,000``, ``98.5%``, ``1e3``): no mark of not applicable may be one."""
    import unicodedata

    t = unicodedata.normalize("NFKC", text).strip().rstrip("%").rstrip(" \u00a0")
    try:
        plain = ungrouped(t, text, "")  # 1,000 and 1 000 as a cell reads them
    except NumberError:  # 1 5, 3个: refused in a cell, read as no number
        return False
    try:
        parse_number(plain)
    except NumberError as e:
        return not e.plain  # out of range, or too many digits: still a number's text
    return True


def _cell_value(
    raw: Any,
    text: str,
    col: Column,
    spec: Spec,
    percent_format: bool,
    na_tokens: tuple[str, ...] = NA_TOKENS,
) -> Any:
    ind = spec.by_id.get(col.target)
    if col.kind == "value" and ind is not None and isinstance(ind.method, GradesMethod):
        if text.strip() not in ind.method.grades:
            _no_grade_mark(text, ind.method, na_tokens)
        return text
    if col.kind == "value" and ind is not None and text in compared_labels(ind.method):
        return text  # a label its formula compares the actual with
    replaced = _replaced_mark(text, na_tokens) if col.kind == "value" else None
    if replaced is not None:
        raise replaced
    unit = ind.unit if ind is not None else ""
    if isinstance(raw, bool):
        raise logical_cell(raw)
    if col.kind == "score":  # a chosen score may be a share of the weight, as in YAML
        share = _share(raw, text, percent_format)
        if share is not None:
            return share
    if isinstance(raw, int | float):
        # XLSX numbers: exact from their shortest decimal text; a % format shows ×100
        value = parse_number(repr(raw) if isinstance(raw, float) else str(raw))
        if percent_format:
            if not is_percent(unit):
                raise NumberError(
                    _(
                        "'{text}' is formatted as a percentage, shown as {percent}%, but the "
                        "unit is '{unit}'; write the plain number, in a cell not so formatted"
                    ).format(
                        text=shown(text),
                        percent=format_value(value * 100),
                        unit=unit or "none",
                    )
                )
            value *= 100
        return value
    t = text.strip()
    if t.endswith(("%", "％")):
        if not is_percent(unit):
            raise NumberError(
                _("'{text}' has a % but the unit is '{unit}'; write the plain number").format(
                    text=shown(text), unit=unit or "none"
                )
            )
        t = t[:-1].rstrip(" \u00a0")  # "98.93 %": a space before the sign
    t = ungrouped(t, text, unit)
    try:
        return parse_number(t)
    except NumberError as e:
        if not e.plain:
            raise
        if col.kind == "value" and ind is not None and labels_only(ind.method):
            return text  # an answer in words (无 too), which its formula compares
        if col.kind == "input" and t in na_tokens:
            raise _input_marked(t, col.target, spec) from None
        raise _not_a_number(text, t, col, ind, na_tokens, spec) from None


def _replaced_mark(text: str, na_tokens: tuple[str, ...]) -> NumberError | None:
    """A default N/A mark (不适用) in a value's cell where ``--na`` replaced the
    default marks: told so, in a column of numbers, grades or words alike (in a
    column of words it would be an answer, scored without a word)."""
    t = text.strip()
    if t not in NA_TOKENS or t in na_tokens:
        return None
    return NumberError(
        _(
            "'{text}' is a default N/A mark, which the marks given replaced (the marks "
            "now: {marks}); give it too to keep it a mark: {again}"
        ).format(text=shown(text), marks=_(", ").join(na_tokens), again=_na_given(t))
    )


def _input_marked(t: str, name: str, spec: Spec) -> NumberError:
    """An N/A mark in an input's cell: an input is a number the spec reads; it is
    the indicators reading it that may not apply, each by an na.ID reason."""
    from ..scoring.missing import inputs_read

    readers = [leaf.id for leaf in spec.leaves() if name in inputs_read(spec, leaf)]
    return NumberError(
        _(
            "'{t}' marks an indicator not applicable, but this is an input, a number the "
            "spec reads; write its number, or, if {ids} does not apply, give a reason in an "
            "na.ID column ({columns})"
        ).format(
            t=shown(t),
            ids=_(", ").join(readers) or name,
            columns=_(", ").join(f"na.{i}" for i in readers) or "na.ID",
        )
    )


def _no_grade_mark(text: str, method: GradesMethod, na_tokens: tuple[str, ...]) -> None:
    """Refuse a grade cell holding what marks none (a dash, 无), an N/A mark in
    full width (Ｎ／Ａ) or a default mark ``--na`` replaced, as a number's cell is:
    it was told only that the grade does not exist."""
    replaced = _replaced_mark(text, na_tokens)
    if replaced is not None:
        raise replaced
    kind, narrow = _marks_none(text.strip(), na_tokens)
    grades = _(", ").join(method.grades)
    if kind == "none":
        raise NumberError(
            _(
                "'{text}' is no grade ({grades}), and is not read as not applicable; write "
                "the grade, or an N/A mark ({marks}); a table is read with it as one given --na "
                "'{text}' (which replaces the default marks: give those kept too)"
            ).format(text=shown(text), grades=grades, marks=_(", ").join(na_tokens))
        )
    if kind == "wide":
        raise NumberError(
            _(
                "'{text}' is no grade ({grades}), nor an N/A mark: it is written with "
                "full-width characters; write {mark} (the marks: {marks})"
            ).format(text=shown(text), grades=grades, mark=narrow, marks=_(", ").join(na_tokens))
        )


def _marks_none(t: str, na_tokens: tuple[str, ...]) -> tuple[str | None, str]:
    """Whether a stripped cell ``t`` holds a word for none (无, a dash: ``"none"``)
    or an N/A mark in full width (Ｎ／Ａ, N／A: ``"wide"``), with its narrow form."""
    import unicodedata

    narrow = unicodedata.normalize("NFKC", t).strip()
    if t in _NONE_WORDS:
        return "none", narrow
    return ("wide" if narrow != t and narrow in na_tokens else None), narrow


def _not_a_number(
    text: str,
    t: str,
    col: Column,
    ind: Indicator | None,
    na_tokens: tuple[str, ...],
    spec: Spec | None = None,
) -> NumberError:
    """What a cell that is no number (``t``, stripped) is told: a word for none,
    or other text."""
    kind, narrow = _marks_none(t, na_tokens) if col.kind == "value" else (None, t)
    if kind == "none":  # 无, a dash: none, or not applicable?
        graded = graded_as(spec, t) if spec is not None else None
        if graded is not None:  # no mark can be it (marks_checked)
            read_so = _("'{t}' is {value}, so it cannot be a mark too").format(
                t=t, value=_value_said(graded)
            )
        elif caller() == "python":
            read_so = _("score_table reads it as one with na=['{t}']").format(t=t)
        else:
            read_so = _(
                "a table is read with it as one given --na '{t}' (which replaces the default "
                "marks: give those kept too)"
            ).format(t=t)
        return NumberError(
            _(
                "'{text}' is not a number, and is read neither as 0 nor as not applicable; "
                "write 0, or an N/A mark ({marks}); {read_so}"
            ).format(text=shown(text), marks=_(", ").join(na_tokens), read_so=read_so)
        )
    if kind == "wide":  # Ｎ／Ａ, N／A
        return NumberError(
            _(
                "'{text}' is not a number, nor an N/A mark: it is written with full-width "
                "characters; write {mark} (the marks: {marks})"
            ).format(text=shown(text), mark=narrow, marks=_(", ").join(na_tokens))
        )
    hint = _(" (or an N/A mark: {marks})").format(marks=_(", ").join(na_tokens))
    labels = compared_labels(ind.method) if ind is not None else frozenset()
    if labels:
        hint = _(" (or a label its formula compares: {labels}; or an N/A mark: {marks})").format(
            labels=_(", ").join(sorted(labels)), marks=_(", ").join(na_tokens)
        )
    return NumberError(
        _("'{text}' is not a number; write digits such as 3, 2.5 or 98.93%{marks}").format(
            text=shown(text), marks=hint if col.kind == "value" else ""
        )
    )
