"""Evaluation: rounding, aggregation, not-applicable, overrides, missing values."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.base.errors import ErrorList
from engine.spec.model import Spec
from tests.conftest import score_of, spec_of

GROUP = """
    spec: 1
    id: t
    total: 10
    rounding: {{places: 2, mode: {mode}, apply: {apply}}}
    {extra}
    indicators:
      - id: g
        name: G
        weight: 10
        aggregate: {aggregate}
        children:
          - {{id: a, name: A, weight: 6, direction: higher, target: 100, method: ratio}}
          - {{id: b, name: B, weight: 3, direction: higher, target: 100, method: ratio}}
          - {{id: c, name: C, weight: 1, direction: higher, target: 100, method: ratio}}
    """


def group(
    aggregate: str = "sum", mode: str = "half_up", apply: str = "each", extra: str = ""
) -> Spec:
    return spec_of(GROUP.format(aggregate=aggregate, mode=mode, apply=apply, extra=extra))


def scores(spec: Spec, actuals: str) -> dict[str, Fraction | None]:
    sc = score_of(spec, actuals)
    out: dict[str, Fraction | None] = {r.id: r.score for r in sc.walk()}
    out["total"] = sc.total
    return out


VALUES = "spec: t\nvalues: {a: 43.75, b: 87.5, c: 50}\n"  # a: 2.625, b: 2.625, c: 0.5


def test_each_score_is_rounded_then_added() -> None:
    s = scores(group(), VALUES)
    assert s == {
        "g": Fraction("5.76"),
        "a": Fraction("2.63"),
        "b": Fraction("2.63"),
        "c": Fraction("0.5"),
        "total": Fraction("5.76"),
    }


def test_half_even_rounds_the_tie_down() -> None:
    s = scores(group(mode="half_even"), VALUES)
    assert s["a"] == Fraction("2.62") and s["total"] == Fraction("5.74")


def test_apply_total_rounds_only_the_total() -> None:
    s = scores(group(apply="total"), VALUES)
    assert s["a"] == Fraction("2.625") and s["total"] == Fraction("5.75")


@pytest.mark.parametrize(
    ("aggregate", "expected"),
    [
        # children are rounded first (round each): a 2.63/6, b 2.63/3, c 0.5/1
        ("weighted_mean", "5.76"),  # 10 × (2.63 + 2.63 + 0.5) / 10
        ("mean", "6.05"),  # 10 × (2.63/6 + 2.63/3 + 0.5) / 3 = 6.05
        ("min", "4.38"),  # 10 × 2.63/6 = 4.383…
        ("geometric_mean", "5.47"),  # 10 × (2.63/6)^0.6 × (2.63/3)^0.3 × 0.5^0.1
        ("{formula: 'max(a, b) + c'}", "3.13"),
    ],
)
def test_aggregations(aggregate: str, expected: str) -> None:
    assert scores(group(aggregate), VALUES)["g"] == Fraction(expected)


def test_redistribute_scales_the_siblings_weights_before_scoring() -> None:
    sc = score_of(group(), "spec: t\nvalues: {a: 50, b: 100}\nnot_applicable: {c: 未承担}\n")
    a, b, c = (sc.find(i) for i in "abc")
    assert a is not None and b is not None and c is not None
    # 6.666… and 3.333… rounded so that they still add up to 10 (the first lost more)
    assert a.weight == Fraction("6.67") and b.weight == Fraction("3.33")
    assert c.status == "not_applicable" and c.score is None and c.reason == "未承担"
    assert a.score == Fraction("3.34") and b.score == Fraction("3.33")  # b at full marks
    assert sc.total == Fraction("6.67") and sc.full_marks == 10
    step = a.steps[0]
    assert step.kind == "redistribute"
    assert step.lines == (
        "6 × 10 / 9",
        "6.6666666666…",
        "→ 6.67, rounded so that the weights handed on still add up",
    )


def test_exclude_shrinks_full_marks_and_grades_on_the_rate() -> None:
    spec = group(
        extra="not_applicable: exclude\n    grades: [{grade: A, min: 9}, {grade: B, min: 0}]"
    )
    sc = score_of(spec, "spec: t\nvalues: {a: 100, b: 100}\nnot_applicable: {c: 不适用}\n")
    assert sc.total == 9 and sc.full_marks == 9
    assert sc.grade == "A"  # 9 of 9 is 100% of the 10 points
    grade = sc.steps[-1]
    assert grade.lines[0] == ("full marks are 9 after exclusions: 9.00 × 10 / 9 = 10")


def test_the_grade_step_shows_the_total_as_the_scorecard_does() -> None:
    text = """\
        spec: 1
        id: t
        total: 10
        grades: [{grade: A, min: 8}, {grade: B, min: 0}]
        indicators:
          - {id: a, name: A, weight: 10, method: {formula: actual}}
        """
    spec = spec_of(text)
    sc = score_of(spec, "spec: t\nvalues: {a: 8.5}\n")
    assert sc.steps[-1].lines == ("8.50 ≥ 8 → A",)  # not 8.5: the table shows 8.50
    low = score_of(spec, "spec: t\nvalues: {a: 0.1}\n")
    assert low.steps[-1].lines == ("0.10 ≥ 0 → B",)


def test_an_override_keeps_the_rules_score_and_the_reason() -> None:
    sc = score_of(
        group(),
        "spec: t\nvalues: {a: 50, b: 100, c: 100}\noverrides: {a: {score: 5, reason: 复核}}\n",
    )
    a = sc.find("a")
    assert a is not None
    assert (a.status, a.rule_score, a.score, a.reason) == ("override", 3, 5, "复核")
    assert sc.total == 9
    assert a.steps[-1].kind == "override"


def test_missing_values_are_one_error_naming_every_id() -> None:
    with pytest.raises(ErrorList) as e:
        score_of(group(), "spec: t\nvalues: {b: 1}\n")
    assert str(e.value) == (
        "a.yaml:2:1: missing values for 2 indicators: a, c; add them "
        "under values, list them under not_applicable, or use --missing "
        "zero to score them 0"
    )


def test_missing_zero_scores_zero_and_flags() -> None:
    sc = score_of(group(), "spec: t\nvalues: {b: 100}\n", missing="zero")
    a = sc.find("a")
    assert a is not None and a.status == "missing" and a.score == 0
    assert sc.total == 3


def test_unknown_ids_and_wrong_kinds_are_located_with_suggestions() -> None:
    with pytest.raises(ErrorList) as e:
        score_of(group(), "spec: t\nvalues: {a: 1, bb: 2, c: 三}\nnotes: {g: x, z: y}\n")
    assert str(e.value).splitlines() == [  # no "missing b": the typo's message covers it
        "a.yaml:2:16: values: unknown indicator id 'bb'; did you mean 'b'?; known: a, b, c",
        "a.yaml:2:26: values: 'c' needs a number (no unit), not the text '三'",
        "a.yaml:3:15: notes: unknown indicator id 'z'; known: g, a, b, c",
    ]


def test_actuals_for_another_spec_are_refused() -> None:
    with pytest.raises(ErrorList) as e:
        score_of(group(), "spec: other\nvalues: {a: 1, b: 1, c: 1}\n")
    assert str(e.value) == (
        "a.yaml:1:7: these actuals are for spec 'other', but the spec is "
        "'t' (spec.yaml); use the matching spec or fix 'spec:'"
    )


DERIVED = """
    spec: 1
    id: t
    total: 10
    inputs: {budget: {name: 预算}, spent: {name: 执行}}
    indicators:
      - {id: rate, name: 执行率, weight: 10, unit: "%", direction: higher, target: 100,
         actual: spent / budget * 100, method: ratio}
    """


def test_a_derived_actual_is_computed_from_inputs_exactly() -> None:
    sc = score_of(spec_of(DERIVED), "spec: t\ninputs: {budget: 82912.04, spent: 75317.78}\n")
    r = sc.find("rate")
    assert r is not None
    assert r.actual == Fraction("75317.78") / Fraction("82912.04") * 100
    assert r.score == Fraction("9.08")
    assert r.steps[0].kind == "derive"
    assert r.steps[0].lines[0] == "75317.78 / 82912.04 * 100"


def test_a_zero_budget_is_an_error_naming_indicator_formula_and_inputs() -> None:
    with pytest.raises(ErrorList) as e:
        score_of(spec_of(DERIVED), "spec: t\ninputs: {budget: 0, spent: 1}\n")
    assert str(e.value) == (
        "spec.yaml:8:14: indicator 'rate' (执行率): division by zero; formula: spent / budget "
        "* 100 with budget = 0, spent = 1; check the actuals (a.yaml)"
    )


def test_a_method_formula_that_fails_is_named_not_the_derivation_before_it() -> None:
    """The derivation worked; the method's formula failed: the message gives that
    formula and its inputs (it gave the derivation's)."""
    spec = spec_of(
        """
    spec: 1
    id: t
    total: 10
    inputs: {budget: {name: 预算}, spent: {name: 支出}, floor_: {name: 下限}}
    indicators:
      - {id: rate, name: 执行率, weight: 10, actual: spent / budget * 100,
         method: {formula: 'weight * clamp(actual / 100, floor_, 0)'}}
    """
    )
    with pytest.raises(ErrorList) as e:
        score_of(spec, "spec: t\ninputs: {budget: 10, spent: 5, floor_: 1}\n")
    assert str(e.value) == (
        "spec.yaml:8:14: indicator 'rate' (执行率): clamp(x, low, high) needs low ≤ high; "
        "formula: weight * clamp(actual / 100, floor_, 0) with floor_ = 1; "
        "check the actuals (a.yaml)"
    )


def test_a_value_for_a_derived_indicator_is_refused() -> None:
    with pytest.raises(ErrorList) as e:
        score_of(spec_of(DERIVED), "spec: t\ninputs: {budget: 1, spent: 1}\nvalues: {rate: 9}\n")
    assert str(e.value) == (
        "a.yaml:3:10: values: 'rate' is derived by the spec from inputs "
        "(spent / budget * 100 at spec.yaml:8:14); give those inputs instead"
    )


# --- properties -------------------------------------------------------------

pct = st.decimals(min_value=0, max_value=150, places=2, allow_nan=False, allow_infinity=False)


@given(a=pct, b=pct, c=pct, mode=st.sampled_from(["half_up", "half_even", "down"]))
def test_a_sum_group_is_the_sum_of_its_rounded_children(
    a: object, b: object, c: object, mode: str
) -> None:
    sc = score_of(group(mode=mode), f"spec: t\nvalues: {{a: {a}, b: {b}, c: {c}}}\n")
    g = sc.find("g")
    assert g is not None
    assert g.score == sum((ch.score or 0 for ch in g.children), Fraction(0))
    for r in sc.walk():
        assert r.score is not None and 0 <= r.score <= r.weight
        assert (r.score * 100).denominator == 1  # rounded to 2 places


@given(a=pct, b=pct, c=pct)
def test_the_same_input_gives_the_same_bytes(a: object, b: object, c: object) -> None:
    from engine.render.json_out import render

    actuals = f"spec: t\nvalues: {{a: {a}, b: {b}, c: {c}}}\n"
    assert render(score_of(group(), actuals)) == render(score_of(group(), actuals))


def test_a_formula_method_reading_a_missing_input_is_a_located_error() -> None:
    spec = spec_of("""
        spec: 1
        id: t
        total: 4
        inputs: {budget: {name: 预算}}
        indicators:
          - {id: x, name: X, weight: 4, method: {formula: "weight * min(actual / budget, 1)"}}
        """)
    with pytest.raises(ErrorList) as e:
        score_of(spec, "spec: t\nvalues: {x: 3}\n")
    assert str(e.value) == (
        "a.yaml:1:1: missing inputs: budget (for x); add them under "
        "inputs, or use --missing zero to score those indicators 0"
    )


def test_band_points_scale_with_redistributed_weights() -> None:
    spec = spec_of("""
        spec: 1
        id: t
        total: 10
        indicators:
          - {id: a, name: A, weight: 5, method: {bands: [{min: 90, points: 5}, {points: 0}]}}
          - {id: b, name: B, weight: 5, direction: higher, target: 1, method: ratio}
        """)
    sc = score_of(spec, "spec: t\nvalues: {a: 95}\nnot_applicable: {b: 无}\n")
    a = sc.find("a")
    assert a is not None and a.weight == 10 and a.score == 10 and sc.total == 10


def test_a_value_under_a_not_applicable_group_is_an_error() -> None:
    with pytest.raises(ErrorList) as e:
        score_of(group(), "spec: t\nvalues: {a: 1, b: 1, c: 1}\nnot_applicable: {g: 无}\n")
    assert str(e.value).splitlines()[0] == (
        "a.yaml:2:10: values: 'a' has a value but its group 'g' is marked not applicable; an "
        "indicator is either scored or not applicable, remove one"
    )


def test_a_formula_aggregate_cannot_silently_drop_a_not_applicable_child() -> None:
    spec = group("{formula: 'a + b + c'}")
    with pytest.raises(ErrorList) as e:
        score_of(spec, "spec: t\nvalues: {a: 1, b: 1}\nnot_applicable: {c: 无}\n")
    assert "the aggregate formula uses c, which is not applicable" in str(e.value)


FORMULA_GROUP = """
    spec: 1
    id: t
    total: 20
    indicators:
      - id: g
        name: G
        weight: 10
        aggregate: {formula: "weight * min(a / 6, b / 4)"}
        children:
          - {id: a, name: A, weight: 6, direction: higher, target: 100, method: ratio}
          - {id: b, name: B, weight: 4, direction: higher, target: 100, method: ratio}
      - {id: h, name: H, weight: 10, direction: higher, target: 100, method: ratio}
    """


def test_an_aggregate_formula_keeps_its_rate_under_a_redistributed_weight() -> None:
    """The formula divides by the spec's weights (a / 6): when h's weight went to g,
    a and b were scored out of 12 and 8 but still divided by 6 and 4, so g scored
    20 × min(1.8, 1) = 20 of 20 for shares of 90% and 50%. It scores 50%, as with h."""
    spec = spec_of(FORMULA_GROUP)
    with_h = score_of(spec, "spec: t\nvalues: {a: 90, b: 50, h: 100}\n")
    without = score_of(spec, "spec: t\nvalues: {a: 90, b: 50}\nnot_applicable: {h: 无}\n")
    assert [(r.id, r.score, r.full) for r in with_h.results] == [("g", 5, 10), ("h", 10, 10)]
    (g,) = [(r.id, r.score, r.full) for r in without.results if r.score is not None]
    assert g == ("g", 10, 20)
    (step,) = [s for s in without.find("g").steps if s.kind == "aggregate"]
    assert [str(x) for x in step.lines] == [
        "worked on the spec's weights: a 10.80 × 6/12, b 4.00 × 4/8",
        "10 * min(5.4 / 6, 2 / 4)",
        "10 * min(0.9, 0.5)",
        "10 * 0.5",
        "5",
        "5 × 20/10 = 10",
    ]


INNER_NA = """
    spec: 1
    id: t
    total: 100
    aggregate: {formula: "weight * min(g / 20, h / 80)"}
    indicators:
      - id: g
        name: G
        weight: 20
        aggregate: {formula: "weight * min(a / 12, b / 8)"}
        children:
          - {id: a, name: A, weight: 12, direction: higher, target: 100, method: ratio}
          - {id: b, name: B, weight: 8, direction: higher, target: 100, method: ratio}
          - {id: e, name: E, weight: 5, direction: higher, target: 100, method: ratio}
      - {id: h, name: H, weight: 80, direction: higher, target: 100, method: ratio}
      - {id: k, name: K, weight: 10, direction: higher, target: 100, method: ratio}
    """


def test_an_aggregate_formula_keeps_its_rate_when_a_child_it_does_not_name_is_n_a() -> None:
    """e's weight went to a and b (12 → 15, 8 → 10) while g kept 20: a / 12 read 9 of
    15 as 75%, and g scored 15 for shares of 60%. The same at the top level (k)."""
    spec = spec_of(INNER_NA)
    every = score_of(spec, "spec: t\nvalues: {a: 60, b: 70, e: 100, h: 90, k: 50}\n")
    marked = score_of(
        spec, "spec: t\nvalues: {a: 60, b: 70, h: 90}\nnot_applicable: {e: 无, k: 无}\n"
    )
    g, g_marked = every.find("g"), marked.find("g")
    assert g is not None and g_marked is not None
    # 60% of its weight: 20, and 22 once k's 10 is shared among g and h (110/100)
    assert (g.score, g_marked.score, g_marked.full) == (12, Fraction("13.2"), 22)
    assert every.total == marked.total == 60  # 100 × min(60%, 90%)


def test_a_top_level_formula_total_is_clamped_to_full_marks() -> None:
    spec = spec_of("""
        spec: 1
        id: t
        total: 10
        aggregate: {formula: "a * 3"}
        indicators:
          - {id: a, name: A, weight: 10, direction: higher, target: 1, method: ratio}
        """)
    sc = score_of(spec, "spec: t\nvalues: {a: 1}\n")
    assert sc.total == 10
    assert any(s.kind == "clamp" for s in sc.steps)


def test_group_keys_on_a_leaf_are_refused() -> None:
    with pytest.raises(ErrorList) as e:
        spec_of("""
            spec: 1
            id: t
            total: 4
            indicators:
              - {id: x, name: X, weight: 4, direction: higher, target: 1, method: ratio,
                 aggregate: mean}
            """)
    assert str(e.value) == (
        "spec.yaml:7:6: 'aggregate' belongs on a group (with children), "
        "not on a leaf indicator; remove it"
    )


def test_actuals_for_another_spec_give_one_error_only() -> None:
    with pytest.raises(ErrorList) as e:
        score_of(group(), "spec: other\nvalues: {zz: 1}\n")
    assert len(e.value.errors) == 1


def test_a_group_is_not_flagged_capped_by_the_rounding_of_its_children(tmp_path: Path) -> None:
    from engine.scoring.actuals import load_actuals
    from engine.scoring.evaluate import evaluate
    from engine.spec.compile import load_spec

    root = Path(__file__).resolve().parent.parent
    spec = load_spec(root / "specs" / "national-project-2020.yaml")
    text = (root / "examples" / "rural-roads-2023" / "actuals.yaml").read_text("utf-8")
    text = text.replace("  survey: 93.6\n", "").replace(
        "not_applicable:\n", "not_applicable:\n  satisfaction: 本年度未开展满意度调查\n"
    )
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    sc = evaluate(spec, load_actuals(path, spec))
    sustainable = sc.find("sustainable")
    assert sustainable is not None
    # 5 × 30/25 (greening N/A) × 100/90 (satisfaction N/A) = 20/3, handed on rounded
    # against its siblings' shares (shared_out): 6.67
    assert sustainable.weight == Fraction("6.67")
    # a leaf at its full marks shows them, not clamped back; the group adds it up
    upkeep = sc.find("upkeep")
    assert upkeep is not None and upkeep.score == Fraction("6.67") and not upkeep.capped
    assert sustainable.score == Fraction("6.67") and not sustainable.capped


GRADED = """\
    spec: 1
    id: g
    total: 5
    indicators:
      - {id: q, name: 服务质量, weight: 5, method: {grades: {好: [0.9, 1], 一般: [0.6, 0.9]}}}
    """


def test_a_chosen_grade_score_may_be_a_percentage_of_the_weight() -> None:
    spec = spec_of(GRADED)
    sc = score_of(spec, "spec: g\nvalues:\n  q: {grade: 好, score: 95%}\n")
    r = sc.find("q")
    assert r is not None and r.score == Fraction(19, 4)
    assert "chosen 95% of the weight = 4.75 lies in the range" in r.steps[0].lines


def test_a_grades_table_shows_the_points_of_the_weight_its_derivation_reads() -> None:
    """A sibling not applicable hands its weight on (5 becomes 10): a grade that is
    a share is of the weight as redistributed, as its arithmetic is; a grade with
    a range is chosen in the spec's points, then scaled, and shows those."""
    spec = spec_of(
        """\
        spec: 1
        id: g
        total: 15
        indicators:
          - id: grp
            name: 服务
            weight: 15
            children:
              - {id: q, name: 服务质量, weight: 5, method: {grades: {好: 1, 一般: 0.6}}}
              - {id: r, name: 响应, weight: 5, method: {grades: {好: [0.9, 1], 一般: [0.6, 0.9]}}}
              - {id: s, name: 满意度, weight: 5, method: {grades: {好: 1, 一般: 0.6}}}
        """
    )
    values = "spec: g\nvalues:\n  q: 一般\n  r: {grade: 一般, score: 4}\n"
    sc = score_of(spec, values + "not_applicable:\n  s: 未开展\n")
    q, r = sc.find("q"), sc.find("r")
    assert q is not None and q.weight == Fraction("7.5") and q.score == Fraction("4.5")
    graded = next(step for step in q.steps if step.kind == "grade")
    assert [row.outcome for row in graded.rows] == [
        "1 of the weight = 7.5 points",
        "0.6 of the weight = 4.5 points",
    ]
    assert graded.lines[-1] == "7.5 × 0.6 = 4.5"
    assert r is not None and r.score == Fraction(6)
    graded = next(step for step in r.steps if step.kind == "grade")
    assert [row.outcome for row in graded.rows] == [
        "0.9 to 1 of the weight = 4.5 to 5 points",
        "0.6 to 0.9 of the weight = 3 to 4.5 points",
    ]
    assert graded.lines[-1] == "scaled to the redistributed weight: 4 × 7.5 / 5 = 6"


def test_a_leaf_whose_group_gained_weight_says_so_in_its_derivation() -> None:
    """Group b not applicable hands its 10 to group a: a's leaf showed full marks
    of 20 with no step saying where they came from."""
    spec = spec_of(
        """\
        spec: 1
        id: s
        total: 20
        indicators:
          - {id: a, name: 甲组, weight: 10, children: [
              {id: x, name: 甲, weight: 10, direction: higher, target: 10, method: ratio}]}
          - {id: b, name: 乙组, weight: 10, children: [
              {id: y, name: 乙, weight: 10, direction: higher, target: 10, method: ratio}]}
        """
    )
    sc = score_of(spec, "spec: s\nvalues: {x: 5}\nnot_applicable: {y: 未开展}\n")
    x = sc.find("x")
    assert x is not None and x.weight == 20 and x.score == 10
    scaled = next(step for step in x.steps if step.kind == "redistribute")
    assert str(scaled.label) == "weight scaled with its group's (a)"
    assert scaled.lines == ("10 × 20 / 10", "20")
    unchanged = score_of(spec, "spec: s\nvalues: {x: 5, y: 5}\n").find("x")
    assert unchanged is not None
    assert [step.kind for step in unchanged.steps] == ["formula", "round"]


def test_a_percentage_outside_the_grade_or_not_a_percentage_is_refused() -> None:
    spec = spec_of(GRADED)
    with pytest.raises(ErrorList) as e:
        score_of(spec, "spec: g\nvalues:\n  q: {grade: 好, score: 85%}\n")
    assert str(e.value) == (
        "a.yaml:3:24: values: chosen score 4.25 for 'q' lies outside grade '好' (4.5 to 5 points)"
    )
    with pytest.raises(ErrorList) as e:
        score_of(spec, "spec: g\nvalues:\n  q: {grade: 好, score: 九成}\n")
    assert str(e.value) == (
        "a.yaml:3:24: 'score' the text '九成' is not valid here; write points (e.g. 4.5) or a "
        "percentage of the weight (e.g. 90%)"
    )


#: a chosen score as a Chinese input method types it, and its ASCII twin
FULL_WIDTH_SHARES = [
    ("95％", "95%", "4.75"),
    ("９５%", "95%", "4.75"),
    ("９５％", "95%", "4.75"),
    ("９７．５％", "97.5%", "4.875"),
    ("９7.5％", "97.5%", "4.875"),
    ("'９５％'", "'95%'", "4.75"),
]


@pytest.mark.parametrize(("typed", "ascii", "points"), FULL_WIDTH_SHARES)
def test_a_chosen_percentage_in_full_width_is_read_as_its_ascii_twin(
    typed: str, ascii: str, points: str
) -> None:
    """YAML takes the forms a table's cell takes for a chosen score: a full-width ％
    and full-width digits, exactly (a Decimal from the text)."""
    spec = spec_of(GRADED)
    sc = score_of(spec, f"spec: g\nvalues:\n  q: {{grade: 好, score: {typed}}}\n")
    twin = score_of(spec, f"spec: g\nvalues:\n  q: {{grade: 好, score: {ascii}}}\n")
    r, t = sc.find("q"), twin.find("q")
    assert r is not None and t is not None
    assert r.steps[0].value == t.steps[0].value == Fraction(points)
    assert r.score == t.score
    shown = typed.strip("'")  # as typed, as an ASCII percentage is shown
    assert r.steps[0].lines[-1] == f"chosen {shown} of the weight = {points} lies in the range"


@pytest.mark.parametrize(("typed", "number"), [("4.6分", "4.6"), ("４.６ 分", "4.6")])
def test_points_written_with_their_unit_are_told_the_number(typed: str, number: str) -> None:
    """score: 2.1分 was told to write points or a percentage: it is told the number."""
    with pytest.raises(ErrorList) as e:
        score_of(spec_of(GRADED), f"spec: g\nvalues:\n  q: {{grade: 好, score: {typed}}}\n")
    assert str(e.value) == (
        f"a.yaml:3:24: 'score' the text '{typed}' is not valid here; write the number of points "
        f"alone: {number}"
    )


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("８５％", "values: chosen score 4.25 for 'q' lies outside grade '好' (4.5 to 5 points)"),
        (
            "＋９５％",
            "'score' the text '＋９５％' is not valid here; write points (e.g. 4.5) or a "
            "percentage of the weight (e.g. 90%)",
        ),
        (
            "+95%",
            "'score' the text '+95%' is not valid here; write points (e.g. 4.5) or a "
            "percentage of the weight (e.g. 90%)",
        ),
        (
            "95 ％",
            "'score' the text '95 ％' is not valid here; write points (e.g. 4.5) or a "
            "percentage of the weight (e.g. 90%)",
        ),
        (
            "1e2％",
            "'score' the text '1e2％' is not valid here; write points (e.g. 4.5) or a "
            "percentage of the weight (e.g. 90%)",
        ),
        (
            "９５％％",
            "'score' the text '９５％％' is not valid here; write points (e.g. 4.5) or a "
            "percentage of the weight (e.g. 90%)",
        ),
        (
            "٩٥％",
            "'score' the text '٩٥％' is not valid here; write points (e.g. 4.5) or a "
            "percentage of the weight (e.g. 90%)",
        ),
    ],
)
def test_a_chosen_percentage_in_full_width_is_refused_as_its_ascii_twin(
    typed: str, problem: str
) -> None:
    """What YAML refuses in ASCII (a sign, a space before the %, an exponent) it
    refuses in full width too, with the same message and the text as typed."""
    spec = spec_of(GRADED)
    with pytest.raises(ErrorList) as e:
        score_of(spec, f"spec: g\nvalues:\n  q: {{grade: 好, score: {typed}}}\n")
    assert str(e.value) == f"a.yaml:3:24: {problem}"


@pytest.mark.parametrize("typed", ["93.6%", "93.6％"])
def test_a_value_with_a_percent_sign_is_refused_in_either_width(typed: str) -> None:
    """A value's unit comes from the spec in YAML: ``93.6%`` is refused, and ``93.6％``
    the same way (a table's cell, where the sign is how a spreadsheet shows it, takes both)."""
    spec = spec_of(
        "spec: 1\nid: p\ntotal: 10\nindicators:\n"
        "  - {id: rate, name: 满意度, weight: 10, unit: '%', direction: higher,\n"
        "     target: 90, method: ratio}\n"
    )
    with pytest.raises(ErrorList) as e:
        score_of(spec, f"spec: p\nvalues:\n  rate: {typed}\n")
    assert str(e.value) == (
        f"a.yaml:3:9: values: 'rate' needs a number (%), not the text '{typed}'; write 93.6 "
        "(the % belongs in the unit, not the value)"
    )


@pytest.mark.parametrize(
    ("typed", "number", "unit"),
    [("1 项", "1", "项"), ("3个", "3", "个"), ("１,２００次", "1200", "次")],
)
def test_a_value_with_a_unit_typed_after_it_is_told_to_be_the_number_alone(
    typed: str, number: str, unit: str
) -> None:
    spec = spec_of(
        "spec: 1\nid: p\ntotal: 10\nindicators:\n"
        "  - {id: trips, name: 活动次数, weight: 10, unit: 次, direction: higher,\n"
        "     target: 4, method: ratio}\n"
    )
    with pytest.raises(ErrorList) as e:
        score_of(spec, f"spec: p\nvalues:\n  trips: {typed}\n")
    assert str(e.value) == (
        f"a.yaml:3:10: values: 'trips' needs a number (次), not the text '{typed}'; write "
        f"{number} (the number alone, without '{unit}')"
    )


NUMERIC = (
    "spec: 1\nid: p\ntotal: 20\nindicators:\n"
    "  - {id: trips, name: 活动次数, weight: 10, unit: 次, direction: higher,\n"
    "     target: 4, method: ratio}\n"
    "  - {id: index, name: 指数, weight: 10,\n"
    "     method: {bands: [{min: 1, points: 10}, {points: 0}]}}\n"
)


@pytest.mark.parametrize(
    ("given", "problem"),
    [
        (
            "trips: {a: 1}",
            "a.yaml:3:10: values: 'trips' takes a number (次), not a mapping; write the number "
            "alone, e.g. trips: 1 (a mapping {grade, score} is for an indicator scored by grades)",
        ),
        (
            "trips: {grade: 优, score: 2}",
            "a.yaml:3:10: values: 'trips' takes a number (次), not a mapping; write the number "
            "alone, e.g. trips: 4 (a mapping {grade, score} is for an indicator scored by grades)",
        ),
        (
            "index: {value: 2}",
            "a.yaml:3:10: values: 'index' takes a number, not a mapping; write the number "
            "alone, e.g. index: 2 (a mapping {grade, score} is for an indicator scored by grades)",
        ),
    ],
)
def test_a_mapping_for_a_number_says_a_number_is_taken(given: str, problem: str) -> None:
    """A mapping given for a numeric indicator was told only of grades (missing
    'grade', missing 'score', unknown key 'a'): the indicator takes a number."""
    other = "index: 1" if given.startswith("trips") else "trips: 3"
    with pytest.raises(ErrorList) as e:
        score_of(spec_of(NUMERIC), f"spec: p\nvalues:\n  {given}\n  {other}\n")
    assert str(e.value) == problem


_FULL = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


@settings(deadline=None)
@given(
    hundredths=st.integers(min_value=9000, max_value=10000),
    widen=st.lists(st.booleans(), min_size=7, max_size=7),
)
def test_any_mix_of_full_width_characters_scores_as_the_ascii_percentage(
    hundredths: int, widen: list[bool]
) -> None:
    """Every character of ``90.00%`` to ``100.00%`` full width or not: the score and
    the chosen points are those of the ASCII text."""
    ascii = f"{hundredths // 100}.{hundredths % 100:02d}%"
    typed = "".join(c.translate(_FULL) if w else c for c, w in zip(ascii, widen, strict=False))
    typed += ascii[len(typed) :]
    spec = spec_of(GRADED)
    r = score_of(spec, f"spec: g\nvalues:\n  q: {{grade: 好, score: {typed}}}\n").find("q")
    t = score_of(spec, f"spec: g\nvalues:\n  q: {{grade: 好, score: {ascii}}}\n").find("q")
    assert r is not None and t is not None
    assert r.score == t.score and r.steps[0].value == t.steps[0].value
    assert r.steps[0].value == Fraction(hundredths, 100) * 5 / 100  # exact, before rounding


def test_a_qualitative_indicator_may_have_a_text_target_shown_as_its_target() -> None:
    spec = spec_of(
        """\
        spec: 1
        id: t
        total: 10
        indicators:
          - {id: sys, name: 制度健全性, weight: 10, target: 健全,
             method: {grades: {健全: 1, 基本健全: 0.6, 不健全: 0}}}
        """
    )
    assert (spec.by_id["sys"].target, spec.by_id["sys"].target_label) == (None, "健全")
    sc = score_of(spec, "spec: t\nvalues: {sys: 基本健全}\n")
    from engine.render import exports
    from engine.render._fmt import target_text

    r = sc.find("sys")
    assert r is not None and target_text(r) == "健全" and r.score == 6
    assert "1,sys,制度健全性,,,健全,基本健全," in exports.csv_text(sc)


def test_a_rational_geometric_mean_is_exact_so_rounding_down_keeps_it() -> None:
    """Equal shares: the mean is that share, not 8.9999… (which `down` cut to 8.9)."""
    spec = """\
spec: 1
id: geo
total: 30
rounding: {places: 1, mode: down}
indicators:
  - id: g
    name: G
    weight: 30
    aggregate: geometric_mean
    children:
      - {id: x, name: X, weight: 10, direction: higher, target: 100, unit: "%", method: ratio}
      - {id: y, name: Y, weight: 10, direction: higher, target: 100, unit: "%", method: ratio}
      - {id: z, name: Z, weight: 10, direction: higher, target: 100, unit: "%", method: ratio}
"""
    sc = score_of(spec_of(spec), "spec: geo\nvalues: {x: 30, y: 30, z: 30}\n")
    assert sc.total == 9


@given(
    st.lists(
        st.tuples(st.integers(1, 6), st.fractions(Fraction(1, 40), 1, max_denominator=40)),
        min_size=1,
        max_size=4,
    ),
    st.integers(1, 3),
)
def test_a_geometric_mean_of_powers_is_exact(parts: list[tuple[int, Fraction]], k: int) -> None:
    """Shares rᵢ^W at weights wᵢ summing to W: the mean Π (rᵢ^W)^(wᵢ/W) = Π rᵢ^wᵢ is
    rational, and must come out exactly."""
    from engine.scoring.aggregate import geometric

    wsum = sum(w for w, _ in parts) * k
    shares = [(Fraction(w * k), r**wsum) for w, r in parts]
    expected = 1
    for w, r in parts:
        expected *= r ** (w * k)
    assert geometric(shares, Fraction(wsum)) == expected


@given(st.fractions(Fraction(1, 100), 1, max_denominator=100), st.integers(2, 5))
def test_an_irrational_geometric_mean_is_left_to_the_logarithms(f: Fraction, n: int) -> None:
    """2 and 1 at equal weights: √2 is not rational; the approximation is within the
    context's precision and not mistaken for a rational number."""
    from engine.scoring.aggregate import _rational_mean

    assert (
        _rational_mean([(Fraction(1), Fraction(2)), (Fraction(1), Fraction(1))], Fraction(2))
        is None
    )
    assert _rational_mean([(Fraction(1), f**n)], Fraction(1)) == f**n


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        (Fraction("87.001"), 2, "87.001"),  # as typed, not 87.00…
        (Fraction("98.4375"), 2, "98.4375"),
        (Fraction("0.000001"), 2, "0.000001"),
        (Fraction(1090, 12), 2, "90.83…"),  # a derived ratio: cut to the places
        (Fraction(1090, 12), 4, "90.8333…"),
        (Fraction(1, 10**21), 2, "0.000000000000000000001"),  # not 0.00…
        (Fraction(1, 3 * 10**9), 2, "0.0000000003333333333333333333…"),
        (Fraction(0), 2, "0"),
    ],
)
def test_an_actual_shows_whole_when_short_and_never_as_zero(
    value: Fraction, places: int, shown: str
) -> None:
    from engine.render._fmt import actual_number

    assert actual_number(value, places) == shown
