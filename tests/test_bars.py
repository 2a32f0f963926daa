"""Pictures in the terminal: the batch summary's bars and compare's migration matrix."""

from __future__ import annotations

import io
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console, Group

from engine.render import bars, distribution
from engine.spec.compile import load_spec

ROOT = Path(__file__).resolve().parent.parent
GZ = ROOT / "specs" / "gz-dept-overall-2021.yaml"


def plain(lines: list[object]) -> list[str]:
    console = Console(width=80, color_system=None, record=True, file=io.StringIO())
    console.print(Group(*lines))  # type: ignore[arg-type]
    return [line.rstrip() for line in console.export_text().splitlines()]


@pytest.mark.parametrize(
    ("count", "most", "blocks"),
    [(0, 5, 0), (1, 100, 1), (1, 2, 15), (3, 3, 30), (1, 60, 1), (1, 4, 8)],  # 7.5 → 8
)
def test_a_bar_is_its_share_of_the_widest_rounded_half_up_and_never_empty(
    count: int, most: int, blocks: int
) -> None:
    assert bars.bar(count, most) == "█" * blocks


def test_the_totals_chart_names_each_bar_and_leaves_empty_bars_between() -> None:
    spec = load_spec(GZ)
    totals = [
        (Fraction("96.40"), "优"),
        (Fraction("88.59"), "良"),
        (Fraction("85.22"), "良"),
        (Fraction("79.99"), "中"),
    ]
    assert plain(bars.totals_chart(spec, totals)) == [
        "  75–80   中     1  ███████████████",
        "  80–85          0",
        "  85–90   良     2  ██████████████████████████████",
        "  90–95          0",
        "  95–100  优     1  ███████████████",
    ]


def test_a_bar_of_totals_graded_differently_names_each_grade() -> None:
    """Under exclusions a grade is read on the rate: 79.99 of 88 full marks is 良
    beside a 79.50 of 100 that is 中, in one bar."""
    spec = load_spec(GZ)
    totals = [(Fraction("79.50"), "中"), (Fraction("79.99"), "良"), (Fraction("78"), "中")]
    assert plain(bars.totals_chart(spec, totals)) == [
        "  75–80   中/良     3  ██████████████████████████████",
    ]


def test_full_marks_fall_in_the_last_bar() -> None:
    spec = load_spec(GZ)
    assert plain(bars.totals_chart(spec, [(Fraction(100), "优")])) == [
        "  95–100  优     1  ██████████████████████████████"
    ]


def test_the_grades_chart_gives_count_share_and_bar() -> None:
    spec = load_spec(GZ)
    assert plain(bars.grades_chart(spec, {"优": 1, "良": 19, "中": 4}, 24)) == [
        "  优           1    4.2%  ██",
        "  良          19   79.2%  ██████████████████████████████",
        "  中           4   16.7%  ██████",
    ]


def test_the_matrix_has_totals_and_dots_for_zero() -> None:
    counts = {("良", "良"): 19, ("优", "良"): 1, ("中", "中"): 4}
    assert plain(bars.matrix(["优", "良", "中"], ["优", "良", "中"], counts)) == [
        "      优  良  中   Σ",
        "优     ·   1   ·   1",
        "良     ·  19   ·  19",
        "中     ·   ·   4   4",
        "Σ      0  20   4  24",
    ]


def test_colour_repeats_what_the_text_says() -> None:
    spec = load_spec(GZ)
    line = bars.grades_chart(spec, {"优": 1}, 1)[0]
    assert [span.style for span in line.spans] == ["green"]
    assert bars.grade_style(spec, None) == "dim"


@given(
    totals=st.lists(st.fractions(min_value=0, max_value=100), max_size=40),
)
def test_every_total_lands_in_exactly_one_bar_that_holds_it(totals: list[Fraction]) -> None:
    spec = load_spec(GZ)
    found = distribution.bins(spec, [(t, "良") for t in totals])
    assert sum(b.count for b in found) == len(totals)
    for b in found:
        inside = [t for t in totals if b.low <= t < b.high or (b.high == 100 and t == 100)]
        assert len(inside) == b.count
    lines = bars.totals_chart(spec, [(t, "良") for t in totals])
    assert sum(int(line.plain.split()[2]) for line in lines if len(line.plain.split()) > 2) == len(
        totals
    )


@given(count=st.integers(0, 10_000), most=st.integers(1, 10_000))
def test_a_bar_never_outgrows_the_widest_and_grows_with_its_count(count: int, most: int) -> None:
    count = min(count, most)
    width = len(bars.bar(count, most))
    assert width <= bars.BAR and (width > 0) == (count > 0)
    assert width <= len(bars.bar(min(count + 1, most), most))


@given(
    st.lists(st.fractions(min_value=-10, max_value=130, max_denominator=1000), max_size=40),
    st.lists(st.fractions(min_value=0, max_value=100, max_denominator=7), min_size=2, max_size=8),
)
def test_bar_indexes_place_each_total_as_the_comparison_of_fractions_does(
    totals: list[Fraction], bounds: list[Fraction]
) -> None:
    cuts = sorted(set(bounds))
    if len(cuts) < 2:
        cuts = [Fraction(0), Fraction(100)]
    expected = [
        max(next((k for k in range(len(cuts) - 1) if t < cuts[k + 1]), len(cuts) - 2), 0)
        for t in totals
    ]
    assert distribution.bar_indexes(cuts, totals) == expected
