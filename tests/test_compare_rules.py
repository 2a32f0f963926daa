"""compare lists every rule change that moves a score: the spec's own total
formula (a one-vote veto) and an indicator's full marks (weight handed on, or
left out, by not-applicable indicators). Both changed the total with "no
indicator's score or rule differs" below it."""

from __future__ import annotations

from pathlib import Path

from conftest import invoke

SPEC = """\
spec: 1
id: veto
total: 10
not_applicable: redistribute
aggregate: {formula: "min(p + b, 5) if b < 1 else p + b"}
indicators:
  - id: p
    name: 过程
    weight: 6
    children:
      - {id: x, name: 甲项, weight: 3, direction: higher, target: 10, method: ratio}
      - {id: y, name: 乙项, weight: 3, direction: higher, target: 10, method: ratio}
  - {id: b, name: 丙项, weight: 4, direction: higher, target: 10, method: ratio}
"""


def _specs(tmp_path: Path, b: str) -> tuple[str, str]:
    (tmp_path / "a.yaml").write_text(SPEC, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(b, encoding="utf-8")
    return str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")


def test_a_change_of_the_specs_total_formula_is_listed(tmp_path: Path) -> None:
    a, b = _specs(tmp_path, SPEC.replace("min(p + b, 5) if b < 1 else p + b", "p + b"))
    actuals = tmp_path / "x.yaml"
    actuals.write_text("spec: veto\nentity: 甲\nvalues: {x: 10, y: 10, b: 1}\n", "utf-8")
    code, out, err = invoke("compare", a, b, str(actuals), "--width", "100")
    assert code == 0, err
    lines = out.splitlines()
    assert "Δ total +1.40" in lines
    assert "spec aggregate: min(p + b, 5) if b < 1 else p + b → p + b" in lines
    code, out, _err = invoke("compare", a, b)
    assert "spec aggregate: min(p + b, 5) if b < 1 else p + b → p + b" in out.splitlines()


def test_full_marks_that_not_applicable_indicators_change_are_listed(tmp_path: Path) -> None:
    """Under exclude, 过程's full marks shrink with 甲项 not applicable; its score
    (乙项's 0) is the same under both."""
    a, b = _specs(tmp_path, SPEC.replace("not_applicable: redistribute", "not_applicable: exclude"))
    actuals = tmp_path / "x.yaml"
    actuals.write_text(
        "spec: veto\nentity: 甲\nvalues: {y: 0, b: 10}\nnot_applicable: {x: 本年无此项}\n", "utf-8"
    )
    code, out, err = invoke("compare", a, b, str(actuals), "--width", "100")
    assert code == 0, err
    lines = [line.strip() for line in out.splitlines()]
    assert "spec not_applicable: redistribute → exclude" in lines
    assert lines[lines.index("full marks: 6 → 3") - 1] == "±0.00  过程 (p)  0.00 → 0.00"
