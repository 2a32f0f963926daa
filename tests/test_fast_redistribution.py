"""Weights handed on by not-applicable indicators, rounded to the places against
their siblings' (engine.scoring.not_applicable.shared_out), are the same on the
fast path as on the exact path: random nested specs, random N/A marks."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from engine.batch.runner import score_rows
from engine.batch.tables import open_table
from engine.scoring.not_applicable import shared_out
from engine.spec.compile import load_spec

weights = st.decimals(min_value=Decimal("0.5"), max_value=Decimal("9"), places=1)


@st.composite
def cases(draw: st.DrawFn) -> tuple[str, str]:
    groups = draw(st.integers(min_value=1, max_value=3))
    lines, leaves, total = [], [], Decimal(0)
    for g in range(groups):
        kids = [draw(weights) for _ in range(draw(st.integers(min_value=1, max_value=4)))]
        mode = draw(st.sampled_from(["redistribute", "exclude"]))
        weight = sum(kids)
        total += weight
        lines.append(f"  - {{id: g{g}, name: G{g}, weight: {weight}, not_applicable: {mode},")
        lines.append("     children: [")
        for k, w in enumerate(kids):
            leaves.append(f"x{g}{k}")
            lines.append(
                f"      {{id: x{g}{k}, name: X{g}{k}, weight: {w}, direction: higher, "
                "target: 100, method: ratio},"
            )
        lines.append("    ]}")
    places = draw(st.sampled_from([1, 2]))
    mode = draw(st.sampled_from(["half_up", "half_even", "down"]))
    spec = (
        f"spec: 1\nid: r\ntotal: {total}\nrounding: {{places: {places}, mode: {mode}}}\n"
        "indicators:\n" + "\n".join(lines) + "\n"
    )
    rows = [",".join(["entity", *leaves])]
    for r in range(draw(st.integers(min_value=1, max_value=30))):
        cells = [
            "N/A" if draw(st.integers(0, 9)) < 3 else str(draw(st.integers(50, 120)))
            for _ in leaves
        ]
        rows.append(",".join([f"e{r}", *cells]))
    return spec, "\n".join(rows) + "\n"


# 3 + 3 + 3 sharing a fourth's 1 under places 2: 3.33, 3.33, 3.34, all at full marks
TIES = (
    "spec: 1\nid: r\ntotal: 10\nrounding: {places: 2, mode: half_up}\nindicators:\n"
    "  - {id: g0, name: G0, weight: 10, children: [\n"
    "      {id: a, name: A, weight: 3, direction: higher, target: 100, method: ratio},\n"
    "      {id: b, name: B, weight: 3, direction: higher, target: 100, method: ratio},\n"
    "      {id: c, name: C, weight: 3, direction: higher, target: 100, method: ratio},\n"
    "      {id: d, name: D, weight: 1, direction: higher, target: 100, method: ratio},\n"
    "    ]}\n",
    "entity,a,b,c,d\ne0,100,100,100,N/A\ne1,N/A,100,100,100\ne2,100,N/A,100,100\n",
)


@given(cases())
@example(TIES)
def test_fast_and_exact_paths_hand_weights_on_alike(
    tmp_path_factory: object, case: tuple[str, str]
) -> None:
    spec_text, table_text = case
    folder = tmp_path_factory.mktemp("r")  # type: ignore[attr-defined]
    (folder / "r.yaml").write_text(spec_text, encoding="utf-8")
    (folder / "t.csv").write_text(table_text, encoding="utf-8")
    spec = load_spec(folder / "r.yaml")
    fast = list(score_rows(spec, open_table(str(folder / "t.csv"), spec), fast=True))
    exact = list(score_rows(spec, open_table(str(folder / "t.csv"), spec), fast=False))
    assert [(r.total, r.scores, r.fulls, r.flags) for r in fast] == [
        (r.total, r.scores, r.fulls, r.flags) for r in exact
    ]


def test_a_unit_meeting_every_target_under_redistribution_scores_full_marks(
    tmp_path: Path,
) -> None:
    """With exact weights (3.333…), each score rounded down to 3.33: 9.99 of 10."""
    (tmp_path / "r.yaml").write_text(TIES[0], encoding="utf-8")
    (tmp_path / "t.csv").write_text(TIES[1], encoding="utf-8")
    spec = load_spec(tmp_path / "r.yaml")
    rows = list(score_rows(spec, open_table(str(tmp_path / "t.csv"), spec), fast=False))
    assert [r.total for r in rows] == [10, 10, 10]
    assert rows[0].scores[1:] == (Fraction("3.34"), Fraction("3.33"), Fraction("3.33"), None)


def test_shares_are_rounded_by_the_largest_remainder_and_still_add_up() -> None:
    thirds = [Fraction(10, 3)] * 3
    assert shared_out(thirds, 2) == [Fraction("3.34"), Fraction("3.33"), Fraction("3.33")]
    assert shared_out([Fraction(200, 3), Fraction(100, 3)], 2) == [
        Fraction("66.67"),
        Fraction("33.33"),
    ]
    assert shared_out([Fraction(5, 4), Fraction(5, 4)], 0) == [Fraction(5, 4)] * 2  # 2.5 units
    assert shared_out(thirds, None) == thirds  # rounded only in the total: exact
