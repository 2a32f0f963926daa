"""A comparison over a table as CSV or XLSX: one row per entity with both totals, ranks
and grades, and every indicator's score under A and B and its change."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from fractions import Fraction

from ..base.i18n import N_, _, language
from ..review.compare import BatchComparison
from ..spec.model import Spec
from ._fmt import column_names, defused_row, sheet_name
from .batch_view import _score, total_shown


def _ids(c: BatchComparison) -> list[str]:
    a = [i.id for i in c.spec_a.walk()]
    return a + [i.id for i in c.spec_b.walk() if i.id not in c.spec_a.by_id]


#: the columns before the indicators'; a row that failed under A or B has only
#: its row, entity, period, status and error
HEAD = ["row", "entity", "period", "status", "error", "total_a", "total_b", "delta", "rank_a"]
HEAD += ["rank_b", "grade_a", "grade_b"]
#: the columns of text (the others are numbers)
TEXT_COLUMNS = frozenset({1, 2, 3, 4, 10, 11})


#: the comparison's own columns, in the words of the interface language
WORDS = {
    "total_a": N_("Total (A)"),
    "total_b": N_("Total (B)"),
    "delta": N_("Change"),
    "rank_a": N_("Rank (A)"),
    "rank_b": N_("Rank (B)"),
    "grade_a": N_("Grade (A)"),
    "grade_b": N_("Grade (B)"),
}
SIDES = {"a": N_("{id} (A)"), "b": N_("{id} (B)"), "delta": N_("{id} change")}


def _head(c: BatchComparison, ids: list[str], header: str = "words") -> list[str]:
    """The header: the ids in English (as every CSV of the engine) and with ``--header
    ids`` (for scripts), words in Chinese, each indicator by its name, as a batch's
    columns are (by its id where two names are alike)."""
    columns = HEAD + [f"{i}.{side}" for i in ids for side in ("a", "b", "delta")]
    if language() == "en" or header == "ids":
        return columns
    fixed = [_(WORDS[c]) if c in WORDS else c for c in column_names(HEAD, header)]
    named = [(c.spec_a.by_id.get(i) or c.spec_b.by_id[i]).name for i in ids]
    if len(set(named)) == len(named) and not set(named) & set(fixed):
        ids = named
    return fixed + [_(SIDES[side]).format(id=i) for i in ids for side in ("a", "b", "delta")]


def rows(c: BatchComparison, header: str = "words") -> list[list[str]]:
    """The header, then one row per entity of the table, in table order: scored
    under both specs, or failed under either (with the reason)."""
    ids = _ids(c)
    head = _head(c, ids, header)
    order_a = {ind.id: n for n, ind in enumerate(c.spec_a.walk())}
    order_b = {ind.id: n for n, ind in enumerate(c.spec_b.walk())}
    lines: list[tuple[int, list[str]]] = []
    for m in c.moves:
        line = [
            str(m.row),
            m.entity,
            m.period,
            "ok",
            "",
            total_shown(c.spec_a, m.a),
            total_shown(c.spec_b, m.b),
        ]
        line += [_signed(c.spec_b, m.delta, total_shown), str(m.rank_a), str(m.rank_b)]
        line += [m.grade_a or "", m.grade_b or ""]
        for iid in ids:
            a = m.scores_a[order_a[iid]] if iid in order_a and m.scores_a else None
            b = m.scores_b[order_b[iid]] if iid in order_b and m.scores_b else None
            both = a is not None and b is not None
            line += [_file(c.spec_a, a), _file(c.spec_b, b)]
            # no change where either is not scored (not applicable, or not in the spec), as
            # a batch leaves a score empty
            line += [_signed(c.spec_b, b - a) if both and a is not None and b is not None else ""]
        lines.append((m.row, line))
    for row, entity, period, why in c.failed:
        lines.append((row, [str(row), entity, period, "error", why] + [""] * (len(head) - 5)))
    return [head, *(line for _row, line in sorted(lines, key=lambda x: x[0]))]


def _file(spec: Spec, x: Fraction | None) -> str:
    """A score as a file writes it: one that does not end, to 28 decimals; none
    (not applicable, or not in the spec) empty, as a batch's file leaves it."""
    return "" if x is None else _score(spec, x, 28)


def _signed(spec: Spec, x: Fraction, shown: Callable[[Spec, Fraction], str] = _file) -> str:
    text = shown(spec, abs(x))
    return ("-" if x < 0 else "+" if x > 0 else "") + text


def csv_text(c: BatchComparison, header: str = "words") -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerows(map(defused_row, rows(c, header)))  # a unit's words never a formula
    return buf.getvalue()


def xlsx_bytes(c: BatchComparison, header: str = "words") -> bytes:
    from openpyxl import Workbook

    from ._xlsx import save, text_cell
    from .batch_xlsx import _cell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_name("comparison", header))
    table = rows(c, header)
    ws.append(table[0])
    for line in table[1:]:
        ws.append(
            [
                text_cell(ws, v) if n in TEXT_COLUMNS else _cell(v) if v else None
                for n, v in enumerate(line)
            ]
        )
    buf = io.BytesIO()
    save(wb, buf)  # the same bytes for the same comparison, whenever it is written
    return buf.getvalue()
