"""validate's note on groups that average children rounded first (engine.spec.averages)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from conftest import invoke

from engine.spec.averages import averaging_notes
from engine.spec.compile import compile_spec
from engine.spec.load import load_text


def _spec(kind: str, weights: tuple[int, ...], places: int = 0, apply: str = "each") -> str:
    children = ", ".join(
        f"{{id: c{i}, name: C{i}, weight: {w}, direction: higher, target: 100, method: ratio}}"
        for i, w in enumerate(weights)
    )
    return (
        f"spec: 1\nid: m\ntotal: 30\nrounding: {{places: {places}, apply: {apply}}}\n"
        f"indicators:\n  - {{id: g, name: G, weight: 30, aggregate: {kind}, children: [\n"
        f"      {children}]}}\n"
    )


@pytest.mark.parametrize(
    ("kind", "weights", "factor"),
    [
        ("weighted_mean", (2, 1, 1), "7.5"),  # 30 / 4
        ("mean", (2, 1, 1), "10"),  # 30 / (3 × 1)
        ("geometric_mean", (10, 10), "1.5"),  # 30 / (2 × 10)
    ],
)
def test_a_group_whose_childrens_rounding_counts_more_than_once_is_noted(
    kind: str, weights: tuple[int, ...], factor: str
) -> None:
    spec = compile_spec(load_text(_spec(kind, weights), "m.yaml"))
    (note,) = averaging_notes(spec)
    assert note.startswith(f"m.yaml:6:45: note: group 'g' ({kind}) averages its children's ")
    assert f"up to {factor} times as much" in note


@pytest.mark.parametrize(
    ("kind", "weights", "apply"),
    [
        ("weighted_mean", (20, 5, 5), "each"),  # they add up: each rounding counts once
        ("mean", (10, 10, 10), "each"),
        ("sum", (20, 5, 5), "each"),
        ("weighted_mean", (2, 1, 1), "total"),  # nothing rounded before the total
    ],
)
def test_no_note_where_each_rounding_counts_once(
    kind: str, weights: tuple[int, ...], apply: str
) -> None:
    spec = compile_spec(load_text(_spec(kind, weights, apply=apply), "m.yaml"))
    assert averaging_notes(spec) == []


def test_the_note_says_how_far_the_rounding_may_move_a_group() -> None:
    """At places 0, children of 2, 1 and 1 at 76%, 51% and 60% score 2, 1 and 1: the
    group 30, where their exact scores make it 30 × 2.63 / 4 = 19.7."""
    from engine.scoring.actuals import check_actuals
    from engine.scoring.evaluate import evaluate

    spec = compile_spec(load_text(_spec("weighted_mean", (2, 1, 1)), "m.yaml"))
    doc = load_text("spec: m\nvalues: {c0: 76, c1: 51, c2: 60}\n", "a.yaml")
    card = evaluate(spec, check_actuals(doc, spec))
    assert card.total == 30
    exact = Fraction(30) * (Fraction(2 * 76, 100) + Fraction(51, 100) + Fraction(60, 100)) / 4
    assert abs(card.total - exact) > 10  # what the note is about


def test_validate_prints_the_note_and_the_file_stays_valid(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(_spec("weighted_mean", (2, 1, 1)), encoding="utf-8")
    code, out, err = invoke("validate", str(path))
    assert (code, out) == (0, "1 file valid\n")
    assert err.startswith(f"{path}:6:45: note: group 'g' (weighted_mean) averages")
