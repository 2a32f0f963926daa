"""Write 自评表.xlsx: the 自评表 of specs/gz-dept-overall-2021.yaml as the 荔城
街道办事处 would fill it in, from actuals.yaml, with the scores it awards itself
(自评得分) worked out by the rules, so that `scorecard review` finds every claim
within a tolerance of 0.01.

    python3 examples/licheng-2021/make_form.py [FORM.xlsx]

A percentage is typed as a department types it (90.84 as 90.84%, stored 0.9084);
the form keeps the template's fixed timestamps, so the same inputs give the same
bytes. tests/test_review_examples.py checks that the shipped form is the one this
script writes.
"""

from __future__ import annotations

import io
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl

from engine import evaluate, load_actuals, load_spec
from engine.base.numbers import format_value
from engine.render._xlsx import save
from engine.render.template import template_bytes

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SPEC = ROOT / "specs" / "gz-dept-overall-2021.yaml"
ACTUALS = HERE / "actuals.yaml"


def typed(value: Any, unit: str) -> Any:
    """What the cell holds once a department types ``value`` in ``unit``."""
    if not isinstance(value, Fraction):
        return value
    number = Decimal(format_value(value))
    return number / 100 if unit == "%" else number


def form_bytes() -> bytes:
    spec = load_spec(SPEC)
    actuals = load_actuals(ACTUALS, spec)
    scorecard = evaluate(spec, actuals)
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes(spec)))
    ws = wb["自评表"]
    ws["B3"], ws["B4"] = scorecard.entity, scorecard.period
    first = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    rows = {ws.cell(r, 2).value: r for r in range(1, ws.max_row + 1)}
    for key, value in actuals.inputs.items():
        ws.cell(first[key], 4, typed(value, spec.inputs[key].unit))
    for result in scorecard.walk():
        row, ind = rows[result.id], result.indicator
        if not ind.is_group and ind.derive is None:
            ws.cell(row, 8, typed(actuals.values[ind.id], ind.unit))
        ws.cell(row, 10, Decimal(format_value(result.score)))  # the claim: the rules' score
        if result.note:
            ws.cell(row, 12, result.note)
    total = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 3).value == "合计")
    ws.cell(total, 10, Decimal(format_value(scorecard.total)))
    buf = io.BytesIO()
    save(wb, buf)
    return buf.getvalue()


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "自评表.xlsx"
    out.write_bytes(form_bytes())
    print(f"wrote {out}")
