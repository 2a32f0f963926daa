"""A comparison over a table as CSV or XLSX: one row per entity with both totals, ranks
and grades, and every indicator's score under A and B and its change."""

from __future__ import annotations

import csv
import io
from fractions import Fraction

from ..review.compare import BatchComparison
from ..spec.model import Spec
from .batch_view import _score


def _ids(c: BatchComparison) -> list[str]:
    a = [i.id for i in c.spec_a.walk()]
    return a + [i.id for i in c.spec_b.walk() if i.id not in c.spec_a.by_id]


def rows(c: BatchComparison) -> list[list[str]]:
    """The header, then one row per entity scored under both specs, in table order."""
    ids = _ids(c)
    head = ["row", "entity", "total_a", "total_b", "delta", "rank_a", "rank_b", "grade_a"]
    head += ["grade_b"] + [f"{i}.{side}" for i in ids for side in ("a", "b", "delta")]
    order_a = {ind.id: n for n, ind in enumerate(c.spec_a.walk())}
    order_b = {ind.id: n for n, ind in enumerate(c.spec_b.walk())}
    out = [head]
    for m in c.moves:
        line = [str(m.row), m.entity, _score(c.spec_a, m.a), _score(c.spec_b, m.b)]
        line += [_signed(c.spec_b, m.delta), str(m.rank_a), str(m.rank_b)]
        line += [m.grade_a or "", m.grade_b or ""]
        for iid in ids:
            a = m.scores_a[order_a[iid]] if iid in order_a and m.scores_a else None
            b = m.scores_b[order_b[iid]] if iid in order_b and m.scores_b else None
            both = a is not None and b is not None
            line += [_score(c.spec_a, a), _score(c.spec_b, b)]
            line += [_signed(c.spec_b, b - a) if both and a is not None and b is not None else "—"]
        out.append(line)
    return out


def _signed(spec: Spec, x: Fraction) -> str:
    text = _score(spec, abs(x))
    return ("-" if x < 0 else "+" if x > 0 else "") + text


def csv_text(c: BatchComparison) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerows(rows(c))
    return buf.getvalue()


def xlsx_bytes(c: BatchComparison) -> bytes:
    from openpyxl import Workbook

    from ._xlsx import text_cell
    from .batch_xlsx import _cell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("comparison")
    table = rows(c)
    ws.append(table[0])
    for line in table[1:]:
        ws.append(
            [_cell(v) if n not in (1, 7, 8) else text_cell(ws, v) for n, v in enumerate(line)]
        )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
