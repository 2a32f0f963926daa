"""The 自评表 XLSX as a working paper (``score --format xlsx``): one row per leaf
indicator under its 一级/二级 groups, a subtotal row after each group and a 合计;
targets, actual values, weights (分值) and scores as numbers with number formats,
so a spreadsheet's SUM checks them. The 分值 column adds up: a not-applicable
indicator's weight is left out (its row says so), and redistributed weights,
rounded for display, are apportioned so that they add up to their group's full
marks (the exact values are in the derivation). A second sheet holds the rounding
rule and the stamp that ties the table to its spec, actuals and result."""

from __future__ import annotations

import io
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..base.i18n import tr
from ..base.numbers import format_fixed, format_value, round_fraction
from ..base.text import is_percent
from ..scoring.result import Result, Scorecard
from . import _fmt as f

HEADERS = [
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因",
]
WIDTHS = (14, 16, 30, 14, 16, 9, 9, 44)

ROUNDING_WORDS = {"half_up": "四舍五入", "half_even": "四舍六入五成双", "down": "截尾"}


def rounding_rule(sc: Scorecard) -> str:
    """The spec's rounding rule in words, e.g. ``每个指标得分保留 2 位小数，四舍五入 (half_up)``."""
    r = sc.spec.rounding
    how = f"{ROUNDING_WORDS.get(r.mode, r.mode)} ({r.mode})"
    where = "每个指标得分" if r.apply == "each" else "仅总分"
    return f"{where}保留 {r.places} 位小数，{how}"


def stamp_sheet(wb: Any, sc: Scorecard) -> None:
    """A second sheet ``出处`` with the rounding rule and the full stamp, one per row."""
    from openpyxl.styles import Font

    from ._xlsx import clean
    from .json_out import stamp_lines

    ws = wb.create_sheet("出处")
    ws.append(["项目", "内容"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.append(["rounding", rounding_rule(sc)])
    for key, value in stamp_lines(sc):
        ws.append([key, clean(value)])
    for row in ws.iter_rows():
        for cell in row:
            cell.data_type = "s"
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 72


def apportion(values: list[Fraction], target: Fraction, places: int) -> list[Fraction]:
    """``values`` rounded to ``places`` decimals so that they add up to ``target`` (itself
    on that grid): each is rounded down, and the units left over go to the largest
    remainders, the first of equal ones first (the largest remainder method)."""
    unit = Fraction(1, 10**places)
    floors = [(v // unit) * unit for v in values]
    left = (target - sum(floors, Fraction(0))) / unit
    if left.denominator != 1 or not 0 <= left <= len(values):
        return [round_fraction(v, places, "half_up") for v in values]
    order = sorted(range(len(values)), key=lambda i: (-(values[i] - floors[i]), i))
    for i in order[: int(left)]:
        floors[i] += unit
    return floors


def shown_weights(sc: Scorecard) -> dict[str, Fraction | None]:
    """The 分值 each row shows: the full marks here, None when not applicable; under a
    group that adds its children up, apportioned to add up to the group's."""
    places = sc.spec.rounding.places
    out: dict[str, Fraction | None] = {}

    def share(results: tuple[Result, ...], target: Fraction, adds_up: bool) -> None:
        live = [r for r in results if r.status != "not_applicable"]
        exact = [r.full for r in live]
        if adds_up and sum(exact, Fraction(0)) == target:
            weights = apportion(exact, round_fraction(target, places, "half_up"), places)
        else:
            weights = [round_fraction(x, places, "half_up") for x in exact]
        for r, w in zip(live, weights, strict=True):
            out[r.id] = w
            share(r.children, r.full, r.indicator.aggregate.kind == "sum")
        for r in results:
            if r.status == "not_applicable":
                for x in r.walk():
                    out[x.id] = None

    share(sc.results, sc.full_marks, sc.spec.aggregate.kind == "sum")
    return out


def _number(x: Fraction | None, places: int | None = None) -> Decimal | None:
    """A cell's number: exact when it terminates, else to ``places`` (10) decimals."""
    if x is None:
        return None
    text = format_value(x, max_places=28)
    if text.endswith("…"):
        text = format_fixed(round_fraction(x, places or 10, "half_up"), places or 10)
    return Decimal(text)


def _format(unit: str, sign: str = "", places: int | None = None) -> str:
    body = "General" if places is None else ("0." + "0" * places if places else "0")
    unit = unit.replace('"', "")
    suffix = "" if not unit else (f'"{unit}"' if is_percent(unit) else f'" {unit}"')
    prefix = f'"{sign}"' if sign else ""
    return f"{prefix}{body}{suffix}"


def xlsx_bytes(sc: Scorecard) -> bytes:
    """The working paper as XLSX bytes: a Chinese form, so its notes (an override,
    a reason for not applicable, the effect of overrides) are in Chinese too,
    whatever the interface language."""
    from ..base.i18n import speaking

    with speaking("zh"):
        return _workbook(sc)


def _workbook(sc: Scorecard) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from ._xlsx import keep_text, save

    spec = sc.spec
    wb = Workbook()
    ws = wb.active
    ws.title = "自评表"
    ws.append([spec.title or spec.id])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([" · ".join(x for x in (sc.entity, sc.period) if x)])
    ws.append(HEADERS)
    for cell in ws[3]:
        cell.font = Font(bold=True)
    weights = shown_weights(sc)
    for row in _rows(sc, weights):
        ws.append(row.cells)
        _style(ws, ws.max_row, row, spec.rounding.places)
    total = ["合计", "", "", None, None, _number(weights_total(sc, weights)), _number(sc.total)]
    ws.append([*total, f"等级 {sc.grade}" if sc.grade else ""])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for cell in ws[ws.max_row][5:7]:
        cell.number_format = _format("", places=spec.rounding.places)
    from ._audit import audit_lines

    for line in audit_lines(sc):  # overrides' effect, the published result
        ws.append([line.strip()])
    for col, width in zip("ABCDEFGH", WIDTHS, strict=True):
        ws.column_dimensions[col].width = width
    for line in ws.iter_rows(min_row=4):
        for cell in line:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    keep_text(ws)
    _merge_runs(ws, first=4, last=ws.max_row - 1, columns=(1, 2))
    stamp_sheet(wb, sc)
    buf = io.BytesIO()
    save(wb, buf)  # fixed timestamps: the same inputs give the same bytes
    return buf.getvalue()


def weights_total(sc: Scorecard, weights: dict[str, Fraction | None]) -> Fraction:
    """The 合计 of the 分值 column: the top-level rows' shown weights where the total
    adds them up; the total's full marks where it is worked otherwise (a formula,
    a mean), whose top-level weights need not add up to it."""
    if sc.spec.aggregate.kind != "sum":
        return round_fraction(sc.full_marks, sc.spec.rounding.places, "half_up")
    return sum((weights[r.id] or Fraction(0) for r in sc.results), Fraction(0))


class _Row:
    def __init__(self, cells: list[Any], result: Result, subtotal: bool):
        self.cells, self.result, self.subtotal = cells, result, subtotal


def _rows(sc: Scorecard, weights: dict[str, Fraction | None]) -> Iterator[_Row]:
    """Leaves under their 一级/二级 groups, each group closed by its subtotal row."""

    def walk(r: Result, chain: list[Result]) -> Iterator[_Row]:
        if not r.children:
            yield _Row(_leaf(sc, r, chain, weights), r, False)
            return
        for c in r.children:
            yield from walk(c, [*chain, r])
        names = [x.indicator.name for x in chain]
        if len(names) > 1:  # deeper trees: the top level and the group's own parent
            names = [names[0], names[-1]]
        label = [*names, f"{r.indicator.name} 小计"]
        label += [""] * (3 - len(label))
        cells = [*label[:3], None, None, _number(weights[r.id]), _number(r.score)]
        # a group's own note (偏差原因 written on its row) with its weight's
        notes = [x for x in (_weight_note(sc, r, weights), _exports_note(sc, r)) if x]
        yield _Row([*cells, "；".join(notes)], r, True)

    for top in sc.results:
        yield from walk(top, [])


def _leaf(
    sc: Scorecard, r: Result, chain: list[Result], weights: dict[str, Fraction | None]
) -> list[Any]:
    groups = [x.indicator.name for x in chain]
    if len(groups) > 2:
        groups = [groups[0], groups[-1]]
    if not groups:  # a top-level indicator with no group: it is a 一级指标 itself
        groups = [r.indicator.name]
    levels = [*groups, *[""] * (2 - len(groups)), r.indicator.name]
    actual: Any = r.actual
    if isinstance(actual, dict):
        chosen = actual.get("score")
        share = isinstance(chosen, str)  # a share of the weight (85%)
        shown = f"分值的 {chosen}" if share else f"{format_value(chosen)} 分"
        actual = f"{actual.get('grade')}（{shown}）"
    elif isinstance(actual, Fraction):
        actual = _number(actual)
    elif r.status in ("not_applicable", "missing"):
        actual = f.actual_text(r)
    notes = [x for x in (_weight_note(sc, r, weights), _exports_note(sc, r)) if x]
    return [
        *levels,
        _number(r.indicator.target)
        if r.indicator.target is not None
        else (r.indicator.target_label or None),
        actual,
        _number(weights[r.id]),
        _number(r.score),
        "；".join(notes),
    ]


def _exports_note(sc: Scorecard, r: Result) -> str:
    from dataclasses import replace

    from .exports import _note

    if r.status == "not_applicable":  # its reason is in the weight's note
        r = replace(r, reason="")
    return _note(sc, r)


def _weight_note(sc: Scorecard, r: Result, weights: dict[str, Fraction | None]) -> str:
    """Why the 分值 is not the spec's weight: left out, redistributed, or (a group
    whose not-applicable children are excluded) shrunk."""
    if r.status == "not_applicable":
        why = f"（{tr(r.reason)}）" if r.reason else ""
        return f"不适用{why}，原分值 {format_value(r.indicator.weight)} 不计入合计"
    shown = weights[r.id]
    if shown is None or r.full == r.indicator.weight:
        return ""
    notes = []
    if r.weight != r.indicator.weight:
        notes.append(
            f"分值由 {format_value(r.indicator.weight)} 重新分配为 {format_value(r.weight)}"
        )
    if r.full != r.weight:
        notes.append(
            f"满分由 {format_value(r.weight)} 减为 {format_value(r.full)}（不适用的下级不计入）"
        )
    return "；".join(notes) + (f"（显示为 {format_value(shown)}）" if shown != r.full else "")


def _style(ws: Any, row: int, line: _Row, places: int) -> None:
    from openpyxl.styles import Font

    r = line.result
    cells = ws[row]
    if line.subtotal:
        for cell in cells:
            cell.font = Font(bold=True)
    else:
        sign = {"higher": "≥ ", "lower": "≤ "}.get(r.indicator.direction or "", "")
        cells[3].number_format = _format(r.indicator.unit, sign)
        cells[4].number_format = _format(r.indicator.unit)
    for cell in cells[5:7]:
        cell.number_format = _format("", places=places)
    if r.status != "not_applicable" and r.full != r.indicator.weight:
        cells[5].font = Font(italic=True, bold=line.subtotal)


def _merge_runs(ws: Any, first: int, last: int, columns: tuple[int, ...]) -> None:
    """Merge runs of equal group names down a column, as hand-made tables do."""
    for col in columns:
        start = first
        for row in range(first + 1, last + 2):
            here = ws.cell(row, col).value if row <= last else object()
            if here != ws.cell(start, col).value:
                if row - 1 > start and ws.cell(start, col).value:
                    ws.merge_cells(
                        start_row=start, start_column=col, end_row=row - 1, end_column=col
                    )
                start = row
