"""validate's note on indicators left out under ``exclude`` below a formula
aggregation, which counts them back (engine.spec.exclusions)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import invoke

import engine
from engine.spec.compile import compile_spec
from engine.spec.exclusions import exclusion_notes
from engine.spec.load import load_text

SPEC = """\
spec: 1
id: ex
total: 10
not_applicable: {mode}
aggregate: {{formula: "min(p + b, 5) if b < 1 else p + b"}}
indicators:
  - id: p
    name: 过程
    weight: 6
    children:
      - {{id: x, name: 甲项, weight: 3, direction: higher, target: 10, method: ratio}}
      - {{id: y, name: 乙项, weight: 3, direction: higher, target: 10, method: ratio}}
  - {{id: b, name: 丙项, weight: 4, direction: higher, target: 10, method: ratio}}
"""


def test_a_formula_over_a_group_whose_indicators_are_left_out_is_noted(tmp_path: Path) -> None:
    text = SPEC.format(mode="exclude")
    (note,) = exclusion_notes(compile_spec(load_text(text, "ex.yaml")))
    assert note == (
        "ex.yaml:5:12: note: the aggregate formula of the total works on the spec's weights: "
        "where indicators under 'p' are not applicable and left out (exclude), 'p' enters it "
        "scaled to its weight in the spec, as under redistribute, and the full marks do not "
        "shrink; to leave them out, aggregate with sum or weighted_mean"
    )
    # what it says: 乙项 alone (3 of 3) counts as 过程's 6, and the total stays of 10
    spec = tmp_path / "ex.yaml"
    spec.write_text(text, "utf-8")
    card = engine.score(str(spec), {"y": "10", "b": "10", "x": "N/A"})
    assert (card.total, card.full_marks) == (10, 10)
    code, _out, err = invoke("validate", str(spec))
    assert (code, err) == (0, f"{spec}:5:12: {note.split(': ', 1)[1]}\n")


@pytest.mark.parametrize(
    "text",
    [
        SPEC.format(mode="redistribute"),
        SPEC.format(mode="exclude").replace("aggregate: {formula", "# aggregate: {formula"),
    ],
)
def test_redistribution_or_a_sum_is_not_noted(text: str) -> None:
    assert exclusion_notes(compile_spec(load_text(text, "ex.yaml"))) == []
