"""The weights claims are checked against: each applicable indicator's weight once
some are marked not applicable (``full_marks``), as the evaluation shares them out,
and the most each can ever be worth (``ceilings``, the blank form's bound)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.base.errors import ErrorList
from engine.scoring.actuals import check_actuals
from engine.scoring.evaluate import evaluate
from engine.scoring.not_applicable import ceilings, full_marks
from engine.spec.compile import load_spec
from engine.spec.load import load_text

SPECS = [
    load_spec(p)
    for p in (
        "specs/gz-dept-overall-2021.yaml",
        "specs/supplier-risk.yaml",
        "examples/docs/national-exclude.yaml",
    )
]


@settings(max_examples=60)
@given(st.data())
def test_full_marks_are_the_weights_the_evaluation_gives(data: st.DataObject) -> None:
    spec = data.draw(st.sampled_from(SPECS))
    ids = [i.id for i in spec.walk()]
    na = data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=6))
    # a marked group takes its indicators with it: only the topmost mark is kept
    na = [i for i in na if not any(a in na for a in spec.ancestors(i))]
    text = f"spec: {spec.id}\nentity: e\nperiod: '2021'\nvalues: {{}}\n"
    if na:
        text += "not_applicable:\n" + "".join(f"  {i}: r\n" for i in na)
    actuals = check_actuals(load_text(text, "a.yaml"), spec, "zero")
    try:
        card = evaluate(spec, actuals)
    except ErrorList as e:  # every indicator marked: nothing to score, and no full marks
        assert "every indicator is marked not applicable" in str(e)
        assert full_marks(spec, set(na)) == {}
        return
    expected = {r.id: r.weight for r in card.walk() if r.status != "not_applicable"}
    assert full_marks(spec, set(na)) == expected
    most = ceilings(spec)
    assert all(w <= most[i] for i, w in expected.items())
