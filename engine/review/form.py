"""The 自评表 form a department fills in (written by ``scorecard template``), read back
as one entity's actuals.

The layout is shared with the writer (:mod:`engine.render.template`): a sheet
``自评表`` with the entity and period, a block of raw inputs, and one row per
indicator in the spec's order; a hidden sheet ``_form`` records the spec and
where each block is. Rows are matched by the id column, never by their order, and
every cell read keeps its position (``FILE:row:col``) for the messages of the
actuals check.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..base.errors import ActualsError, ErrorList, LoadError, Pos
from ..base.i18n import _
from ..base.numbers import NumberError, format_value, parse_number
from ..base.numfmt import shows_percent
from ..spec.load import Document
from ..spec.methods import GradesMethod
from ..spec.model import Spec

SHEET = "自评表"
META = "_form"
KIND = "scorecard-form"
FORMAT = 1

#: the indicator table's columns, 1-based: key -> (column, header)
COLUMNS = {
    "level": (1, "层级"),
    "id": (2, "编号"),
    "name": (3, "指标名称"),
    "unit": (4, "计量单位"),
    "direction": (5, "指标方向"),
    "target": (6, "年度指标值"),
    "weight": (7, "分值"),
    "actual": (8, "实际完成值"),
    "chosen": (9, "等级内给分"),
    "claimed": (10, "自评得分"),
    "na": (11, "不适用原因"),
    "note": (12, "偏差原因及佐证材料"),
}
#: the inputs block's columns
INPUT_COLUMNS = {"id": 1, "name": 2, "unit": 3, "value": 4}
#: cells of the head: entity and period
ENTITY_CELL = (3, 2)
PERIOD_CELL = (4, 2)


@dataclass(frozen=True)
class Layout:
    """Where the blocks of one form are (rows, 1-based, inclusive)."""

    spec_id: str
    inputs: tuple[int, int]
    indicators: tuple[int, int]
    total: int

    def meta_rows(self) -> list[tuple[str, str]]:
        return [
            ("kind", KIND),
            ("format", str(FORMAT)),
            ("spec", self.spec_id),
            ("inputs", f"{self.inputs[0]}-{self.inputs[1]}"),
            ("indicators", f"{self.indicators[0]}-{self.indicators[1]}"),
            ("total", str(self.total)),
        ]


def is_form(path: str | Path) -> bool:
    """Whether ``path`` is an XLSX workbook written by ``scorecard template``.

    The workbook's list of sheets is looked at first (a few bytes of its zip): a
    large table is not a form, and is not loaded whole to find that out."""
    if Path(path).suffix.lower() not in (".xlsx", ".xlsm") or not _names_form_sheet(path):
        return False
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False  # a damaged workbook is not a form; reading it as a table says why
    try:
        if META not in wb.sheetnames:
            return False
        first: tuple[Any, ...] = next(
            wb[META].iter_rows(min_row=1, max_row=1, values_only=True), ()
        )
        return len(first) > 1 and first[1] == KIND
    finally:
        wb.close()


def _names_form_sheet(path: str | Path) -> bool:
    """Whether the workbook's xl/workbook.xml names a sheet ``_form`` (read from
    the zip without loading the workbook; at most its first megabyte)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z, z.open("xl/workbook.xml") as fh:
            head = fh.read(1 << 20)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        return False
    return f'name="{META}"'.encode() in head or f"name='{META}'".encode() in head


def _open(path: str) -> Any:
    from .sheet import open_small_workbook

    unreadable = _(
        "{path}: not a readable .xlsx workbook; give a form written by 'scorecard template'"
    ).format(path=path)
    return open_small_workbook(path, unreadable, _("form"))


def _layout(path: str, wb: Any) -> Layout:
    meta = {str(r[0]): str(r[1]) for r in wb[META].iter_rows(values_only=True) if r[0]}

    def span(key: str) -> tuple[int, int]:
        first, _, last = meta.get(key, "0-0").partition("-")
        return int(first), int(last or first)

    if meta.get("format") != str(FORMAT):
        raise LoadError(
            _(
                "{path}: a form of format {found}; this engine reads format {format}: write a "
                "new one with 'scorecard template'"
            ).format(path=path, found=meta.get("format"), format=FORMAT)
        )
    return Layout(meta.get("spec", ""), span("inputs"), span("indicators"), int(meta["total"]))


def read_form(path: str, spec: Spec, display: str | None = None) -> Document:
    """A filled form as an actuals document, every value located at its cell."""
    import hashlib

    name = display or path
    raw = Path(path).read_bytes()
    wb = _open(path)
    if SHEET not in wb.sheetnames or META not in wb.sheetnames:
        raise LoadError(
            _("{path}: not a 自评表 written by 'scorecard template' (no sheet {sheet})").format(
                path=name, sheet=SHEET
            )
        )
    layout = _layout(name, wb)
    doc = Document(file=name, data={}, sha256=hashlib.sha256(raw).hexdigest())
    reader = _Reader(doc, wb[SHEET], spec)
    reader.head(layout)
    reader.inputs(layout)
    reader.indicators(layout)
    wb.close()
    if reader.errors:
        raise ErrorList(reader.errors)
    return doc


class _Reader:
    """Fills ``doc`` from the cells of one form sheet, collecting cell problems."""

    def __init__(self, doc: Document, ws: Any, spec: Spec):
        self.doc, self.ws, self.spec = doc, ws, spec
        self.errors: list[ActualsError] = []

    def pos(self, row: int, col: int) -> Pos:
        return Pos(self.doc.file, row, col)

    def put(self, section: str, key: str, value: Any, row: int, col: int) -> None:
        data = self.doc.data
        if section in ("entity", "period", "claimed_total", "spec"):
            data[section] = value
            self.doc.positions[(section,)] = self.pos(row, col)
            return
        data.setdefault(section, {})[key] = value
        here = self.pos(row, col)
        self.doc.positions[(section, key)] = here
        self.doc.key_positions[(section, key)] = here
        self.doc.positions.setdefault((section,), here)

    def head(self, layout: Layout) -> None:
        self.put("spec", "", layout.spec_id, 2, 2)
        for key, (row, col) in (("entity", ENTITY_CELL), ("period", PERIOD_CELL)):
            text = _text(self.ws.cell(row, col).value)
            if text:
                self.put(key, "", text, row, col)

    def inputs(self, layout: Layout) -> None:
        first, last = layout.inputs
        for row in range(first, last + 1) if first else ():
            key = _text(self.ws.cell(row, INPUT_COLUMNS["id"]).value)
            cell = self.ws.cell(row, INPUT_COLUMNS["value"]).value
            if key and _text(cell):
                known = self.spec.inputs.get(key)
                what = known.name if known is not None else key
                unit = known.unit if known is not None else ""
                number = self.number(cell, row, INPUT_COLUMNS["value"], what, unit)
                if number is not None:
                    self.put("inputs", key, number, row, INPUT_COLUMNS["value"])

    def indicators(self, layout: Layout) -> None:
        first, last = layout.indicators
        col = {k: c for k, (c, _) in COLUMNS.items()}
        for row in range(first, last + 1):
            iid = _text(self.ws.cell(row, col["id"]).value)
            if not iid:
                continue
            self.indicator(iid, row, col)
        claimed = self.ws.cell(layout.total, col["claimed"]).value
        if _text(claimed):
            number = self.number(claimed, layout.total, col["claimed"], "合计 自评得分")
            if number is not None:
                self.put("claimed_total", "", number, layout.total, col["claimed"])
        # missing values and inputs are reported at the first cell of their block
        for section, row, column in (
            ("values", first, col["actual"]),
            ("inputs", layout.inputs[0], INPUT_COLUMNS["value"]),
        ):
            if row and section not in self.doc.data:
                self.doc.data[section] = {}
                self.doc.positions[(section,)] = self.pos(row, column)
                self.doc.key_positions[(section,)] = self.pos(row, column)

    def indicator(self, iid: str, row: int, col: dict[str, int]) -> None:
        ind = self.spec.by_id.get(iid)
        cell = {k: self.ws.cell(row, c).value for k, c in col.items()}
        for key, section in (("na", "not_applicable"), ("note", "notes")):
            if _text(cell[key]):
                self.put(section, iid, _text(cell[key]), row, col[key])
        label = f"{iid} ({ind.name})" if ind is not None else iid
        if _text(cell["claimed"]):
            number = self.number(cell["claimed"], row, col["claimed"], f"{label} 自评得分")
            if number is not None:
                self.put("claimed", iid, number, row, col["claimed"])
        if not _text(cell["actual"]) or ind is None or ind.is_group or ind.derive is not None:
            if ind is None and _text(cell["actual"]):  # an id the spec does not have
                self.put("values", iid, _text(cell["actual"]), row, col["actual"])
            return
        if isinstance(ind.method, GradesMethod):
            grade = _text(cell["actual"])
            if _text(cell["chosen"]):
                chosen = self.number(cell["chosen"], row, col["chosen"], f"{label} 等级内给分")
                self.put("values", iid, {"grade": grade, "score": chosen}, row, col["actual"])
            else:
                self.put("values", iid, grade, row, col["actual"])
            return
        number = self.number(cell["actual"], row, col["actual"], f"{label} 实际完成值", ind.unit)
        if number is not None:
            self.put("values", iid, number, row, col["actual"])

    def number(
        self, raw: Any, row: int, col: int, what: str, unit: str | None = None
    ) -> Fraction | None:
        """A cell's number, exact from its shortest decimal text; text is parsed too.

        ``unit`` is the value's unit (None for a score, in points). A cell that shows
        a percentage (typed ``90%``, stored 0.9) is read as shown, 90, when the unit
        is ``%``; for any other unit it cannot be decided and is refused."""
        try:
            return self._number(raw, unit, self.ws.cell(row, col).number_format)
        except NumberError as e:
            self.errors.append(ActualsError(f"{what}: {e}", self.pos(row, col)))
            return None

    def _number(self, raw: Any, unit: str | None, fmt: str) -> Fraction:
        if isinstance(raw, bool):
            raw = str(raw)
        if isinstance(raw, int | float):
            value = parse_number(repr(raw) if isinstance(raw, float) else str(raw))
            if not shows_percent(fmt):
                return value
            if unit == "%":
                return value * 100
            raise NumberError(
                _(
                    "the cell shows {shown}% (formatted as a percentage) but {unit}; format it "
                    "as a plain number and type the value itself"
                ).format(
                    shown=format_value(value * 100),
                    unit=_("the unit is '{unit}'").format(unit=unit)
                    if unit
                    else _("this value has no unit")
                    if unit is not None
                    else _("a score is in points"),
                )
            )
        text = _text(raw).replace(",", "").replace(" ", "")
        if text.endswith(("%", "％")) and unit == "%":
            text = text[:-1]
        try:
            return parse_number(text)
        except NumberError as e:
            raise NumberError(
                _("{problem}; write digits such as 3, 2.5 or 98.93").format(problem=e)
            ) from None


def _text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float):
        return repr(raw)
    return str(raw).strip()
