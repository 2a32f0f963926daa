"""validate's note on bands that reward the other way than their direction
(engine.spec.directions)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import invoke

from engine.spec.compile import compile_spec
from engine.spec.directions import direction_notes
from engine.spec.load import load_text


def _spec(direction: str, bands: str) -> str:
    return (
        "spec: 1\nid: d\ntotal: 5\nindicators:\n"
        f"  - id: x\n    name: X\n    weight: 5\n    direction: {direction}\n"
        f"    method: {{bands: {bands}}}\n"
    )


RISING = "[{min: 10, points: 5}, {min: 5, points: 3}, {points: 0}]"
FALLING = "[{max: 0, points: 5}, {max: 2, fraction: 0.6}, {points: 0}]"


@pytest.mark.parametrize(
    ("direction", "bands", "other"),
    [("lower", RISING, "higher"), ("higher", FALLING, "lower")],
)
def test_bands_rising_against_their_direction_are_noted(
    direction: str, bands: str, other: str
) -> None:
    (note,) = direction_notes(compile_spec(load_text(_spec(direction, bands), "d.yaml")))
    assert note == (
        f"d.yaml:9:13: note: indicator 'x' has direction '{direction}', but its bands give "
        f"more points the {other} the actual; give it direction '{other}', or reorder the "
        "bands' points"
    )


@pytest.mark.parametrize(
    ("direction", "bands"),
    [
        ("higher", RISING),
        ("lower", FALLING),
        # best in the middle (executed at 95 to 105%): no direction to contradict
        ("higher", "[{min: 95, max: 105, points: 5}, {min: 90, points: 3}, {points: 0}]"),
        ("lower", "[{min: 95, max: 105, points: 5}, {min: 90, points: 3}, {points: 0}]"),
        # flat: every band the same
        ("lower", "[{min: 10, points: 2}, {points: 2}]"),
    ],
)
def test_bands_that_agree_or_have_no_way_are_not_noted(direction: str, bands: str) -> None:
    assert direction_notes(compile_spec(load_text(_spec(direction, bands), "d.yaml"))) == []


def test_validate_prints_the_note_and_the_file_stays_valid(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(_spec("lower", RISING), encoding="utf-8")
    code, out, err = invoke("validate", str(path))
    assert (code, out) == (0, "1 file valid\n")
    assert err.startswith(f"{path}:9:13: note: indicator 'x' has direction 'lower'")


def test_no_shipped_spec_is_noted() -> None:
    root = Path(__file__).resolve().parent.parent
    for path in sorted(root.glob("specs/*.yaml")):
        if path.name.endswith(".tests.yaml"):
            continue
        spec = compile_spec(load_text(path.read_text(encoding="utf-8"), str(path)))
        assert direction_notes(spec) == [], path


@pytest.mark.parametrize("method", ["ratio", "threshold"])
def test_a_target_of_0_every_actual_meets_is_noted(method: str, tmp_path: Path) -> None:
    """target: 0 on a higher-is-better ratio gave every unit full marks, unsaid;
    lower is better against 0 (no violations) is what it says, and not noted."""
    text = (
        "spec: 1\nid: d\ntotal: 10\nindicators:\n"
        f"  - {{id: x, name: X, weight: 5, direction: higher, target: 0, method: {method}}}\n"
        f"  - {{id: y, name: Y, weight: 5, direction: lower, target: 0, method: {method}}}\n"
    )
    spec = tmp_path / "d.yaml"
    spec.write_text(text, encoding="utf-8")
    code, _out, err = invoke("validate", str(spec))
    assert code == 0
    assert err == (
        f"{spec}:5:5: note: indicator 'x' is scored by {method} where higher is better, against "
        "a target of 0: every actual of 0 or more gets full marks; give the target meant\n"
    )
