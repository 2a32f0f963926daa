"""Each built-in method at its edges, through a one-indicator spec."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.spec.model import Spec
from tests.conftest import score_of, spec_of


def one(method: str, weight: str = "4", extra: str = "") -> Spec:
    return spec_of(f"""
        spec: 1
        id: t
        total: {weight}
        indicators:
          - {{id: x, name: X, weight: {weight}, {extra} method: {method}}}
        """)


def score(spec: Spec, value: str) -> Fraction:
    sc = score_of(spec, f"spec: t\nvalues: {{x: {value}}}\n")
    result = sc.find("x")
    assert result is not None and result.score is not None
    return result.score


HIGHER4 = "direction: higher, target: 4,"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("3", "3"), ("4", "4"), ("9", "4"), ("0", "0"), ("-2", "0")],
)
def test_ratio_higher_is_proportional_and_capped(value: str, expected: str) -> None:
    assert score(one("ratio", extra=HIGHER4), value) == Fraction(expected)


def test_three_of_four_trips_earns_three_quarters_of_the_weight() -> None:
    spec = one("ratio", "3.75", HIGHER4)
    sc = score_of(spec, "spec: t\nvalues: {x: 3}\n")
    r = sc.find("x")
    assert r is not None and r.score == Fraction("2.81")
    formula = next(s for s in r.steps if s.kind == "formula")
    assert formula.lines[0] == "3.75 * min(3 / 4, 1)"
    assert formula.value == Fraction("2.8125")


def test_ratio_cap_limits_the_share_counted() -> None:
    spec = one("{ratio: {cap: 0.8}}", extra=HIGHER4)
    assert score(spec, "5") == Fraction("3.2")
    assert score(spec, "2") == 2


def test_a_ratio_cap_above_one_is_refused_as_ineffective() -> None:
    from engine.base.errors import ErrorList

    with pytest.raises(ErrorList) as e:
        one("{ratio: {cap: 1.2}}", extra=HIGHER4)
    # the schema holds the range, so editors flag it too
    assert str(e.value) == "spec.yaml:6:85: 'cap' must be at most 1, not the number 1.2"


@pytest.mark.parametrize(
    ("extra", "zero_at", "lang", "said"),
    [
        (
            "direction: higher, target: 80,",
            90,
            "en",
            "for 'higher' zero_at must be below the target",
        ),
        ("direction: lower, target: 10,", 5, "en", "for 'lower' zero_at must be above the target"),
        ("direction: higher, target: 80,", 90, "zh", "为 'higher' 时 zero_at 必须小于目标值"),
        ("direction: lower, target: 10,", 5, "zh", "为 'lower' 时 zero_at 必须大于目标值"),
    ],
)
def test_a_zero_at_on_the_wrong_side_says_which_side_in_either_language(
    extra: str, zero_at: int, lang: str, said: str
) -> None:
    from engine.base.errors import ErrorList
    from engine.base.i18n import speaking

    with speaking(lang), pytest.raises(ErrorList) as e:
        one(f"{{linear: {{zero_at: {zero_at}}}}}", extra=extra)
    assert str(e.value).startswith("spec.yaml:6:") and str(e.value).endswith(said)


def test_a_formula_above_the_weight_is_clamped_visibly() -> None:
    spec = one("{formula: 'weight * actual / target'}", extra=HIGHER4)
    sc = score_of(spec, "spec: t\nvalues: {x: 5}\n")
    r = sc.find("x")
    assert r is not None and r.score == 4 and r.capped
    clamp = [s for s in r.steps if s.kind == "clamp"]
    assert clamp and clamp[0].lines == ("5 → 4",)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0", "4"), ("2", "4"), ("4", "2"), ("8", "1")],
)
def test_ratio_lower_is_full_at_or_below_target(value: str, expected: str) -> None:
    assert score(one("ratio", extra="direction: lower, target: 2,"), value) == Fraction(expected)


def test_a_zero_target_never_divides() -> None:
    lower0 = one("ratio", extra="direction: lower, target: 0,")
    assert score(lower0, "0") == 4  # a 0% incident rate against a 0 target: full marks
    assert score(lower0, "0.5") == 0
    higher0 = one("ratio", extra="direction: higher, target: 0,")
    assert score(higher0, "0") == 4
    assert score(higher0, "-1") == 0
    threshold0 = one("threshold", extra="direction: lower, target: 0,")
    assert score(threshold0, "0") == 4
    assert score(threshold0, "0.01") == 0


def test_threshold_partial() -> None:
    spec = one("{threshold: {partial: 0.5}}", extra="direction: higher, target: 95,")
    assert score(spec, "95") == 4
    assert score(spec, "94.99") == 2


def test_linear_between_zero_point_and_target() -> None:
    spec = one("{linear: {zero_at: 50}}", extra="direction: higher, target: 100,")
    assert score(spec, "50") == 0
    assert score(spec, "75") == 2
    assert score(spec, "100") == 4
    assert score(spec, "120") == 4
    assert score(spec, "10") == 0
    lower = one("{linear: {zero_at: 30}}", extra="direction: lower, target: 10,")
    assert score(lower, "20") == 2


BANDS = (
    "{bands: [{min: 90, points: 5}, {min: 80, points: 4}, {min: 60, fraction: 0.4}, {points: 0}]}"
)


@pytest.mark.parametrize(
    ("value", "points", "band"),
    [
        ("95", "5", 1),
        ("90", "5", 1),
        ("89.99", "4", 2),
        ("80", "4", 2),
        ("60", "2", 3),
        ("59.99", "0", 4),
    ],
)
def test_bands_take_the_first_match_and_edges_are_inclusive(
    value: str, points: str, band: int
) -> None:
    spec = one(BANDS, weight="5")
    sc = score_of(spec, f"spec: t\nvalues: {{x: {value}}}\n")
    r = sc.find("x")
    assert r is not None and r.score == Fraction(points) and r.band == band


def test_bands_with_max_bounds_for_lower_is_better() -> None:
    spec = one(
        "{bands: [{max: 0, points: 3}, {max: 10, points: 2}, {max: 20, points: 1}, "
        "{max: 30, points: 0.5}, {points: 0}]}",
        weight="3",
    )
    assert [score(spec, v) for v in ("0", "0.01", "10", "25", "31")] == [
        3,
        2,
        2,
        Fraction("0.5"),
        0,
    ]


def test_deduct_per_unit_over_and_never_below_zero() -> None:
    spec = one("{deduct: {per: 0.5}}", extra="direction: lower, target: 100,")
    assert score(spec, "100") == 4
    assert score(spec, "101.6") == Fraction("3.2")
    assert score(spec, "150") == 0
    capped = one("{deduct: {per: 1, max: 2, from: 0}}")
    assert score(capped, "5") == 2


def test_deduct_with_higher_is_better_takes_points_per_unit_short() -> None:
    """每降低 1 个百分点扣 0.5 分: it took points off for being above the target."""
    spec = one("{deduct: {per: 0.5}}", extra="direction: higher, target: 100,")
    assert score(spec, "112") == 4  # above the target: full marks
    assert score(spec, "98.4") == Fraction("3.2")
    assert score(spec, "50") == 0
    capped = one("{deduct: {per: 1, max: 2, from: 10}}", extra="direction: higher, target: 10,")
    assert [score(capped, v) for v in ("12", "9", "3")] == [4, 3, 2]
    unchanged = one("{deduct: {per: 0.5}}", extra="target: 100,")  # no direction: as lower
    assert [score(unchanged, v) for v in ("98", "104")] == [4, 2]


def test_grades_fixed_and_range() -> None:
    fixed = one("{grades: {优: 1, 良: 0.8, 中: 0.6, 差: 0}}", weight="5")
    assert score(fixed, "良") == 4
    ranged = one("{grades: {达成: [0.8, 1], 部分达成: [0.6, 0.8], 未达成: [0, 0.6]}}", weight="10")
    assert score(ranged, "{grade: 部分达成, score: 7.5}") == Fraction("7.5")


def test_formula_and_designer_methods() -> None:
    spec = spec_of("""
        spec: 1
        id: t
        total: 10
        methods:
          capped_ratio:
            params: {cap: 1}
            formula: weight * min(actual / target, cap)
        indicators:
          - {id: a, name: A, weight: 5, target: 4, method: {capped_ratio: {cap: 1.1}}}
          - {id: b, name: B, weight: 5, target: 2,
             method: {formula: "weight * actual / (target * 2)"}}
        """)
    sc = score_of(spec, "spec: t\nvalues: {a: 4.2, b: 2}\n")
    assert [r.score for r in sc.walk()] == [Fraction(5), Fraction("2.5")]
    a = sc.find("a")
    assert a is not None and a.capped  # 5 × 1.05 = 5.25, clamped to the weight


# --- properties -------------------------------------------------------------

MONOTONE = [
    ("ratio", "direction: higher, target: 80,"),
    ("{ratio: {cap: 0.8}}", "direction: higher, target: 80,"),
    ("threshold", "direction: higher, target: 80,"),
    ("{threshold: {partial: 0.3}}", "direction: higher, target: 80,"),
    ("{linear: {zero_at: 20}}", "direction: higher, target: 80,"),
    (BANDS, ""),
]
values = st.decimals(min_value=-50, max_value=200, places=2, allow_nan=False, allow_infinity=False)


@pytest.mark.parametrize(("method", "extra"), MONOTONE)
@given(a=values, b=values)
def test_for_higher_is_better_a_larger_actual_never_lowers_the_score(
    method: str, extra: str, a: object, b: object
) -> None:
    spec = one(method, weight="5", extra=extra)
    low, high = sorted([a, b])  # type: ignore[type-var]
    s_low, s_high = score(spec, str(low)), score(spec, str(high))
    assert s_low <= s_high
    assert 0 <= s_low <= 5 and 0 <= s_high <= 5


@pytest.mark.parametrize(
    ("method", "extra"),
    [
        ("ratio", "direction: lower, target: 10,"),
        ("{deduct: {per: 0.3}}", "direction: lower, target: 10,"),
        ("{linear: {zero_at: 50}}", "direction: lower, target: 10,"),
    ],
)
@given(a=values, b=values)
def test_for_lower_is_better_a_larger_actual_never_raises_the_score(
    method: str, extra: str, a: object, b: object
) -> None:
    spec = one(method, weight="5", extra=extra)
    low, high = sorted([a, b])  # type: ignore[type-var]
    assert score(spec, str(low)) >= score(spec, str(high))
