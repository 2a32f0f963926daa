"""Column-wise exact arithmetic (engine.batch.rational) against the exact
evaluator: a row it calls known has the exact path's value, always; a row the
exact path refuses is never known."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from engine.base.errors import FormulaError
from engine.batch import columnar, fastpath, rational, tables
from engine.batch.aggregates import scaled
from engine.batch.runner import score_rows
from engine.batch.tables import open_table
from engine.spec.compile import compile_spec
from engine.spec.formula import compile_formula
from engine.spec.load import load_text

NAMES = ("a", "b", "c")
cells = st.decimals(min_value=-500, max_value=500, places=3)
constants = st.sampled_from(["0", "1", "2", "0.5", "3.75", "100", "0.01", "7"])


@st.composite
def formulas(draw: st.DrawFn, depth: int = 0) -> str:
    """A formula of the fast path's allow-list over the names a, b, c."""
    if depth > 3 or draw(st.integers(0, 2)) == 0:
        return draw(st.sampled_from([*NAMES, *NAMES, "0", "1", "2", "0.5", "3.75", "100"]))
    x = draw(formulas(depth + 1))
    y = draw(formulas(depth + 1))
    form = draw(
        st.sampled_from(
            [
                "({x} + {y})",
                "({x} - {y})",
                "({x} * {y})",
                "({x} / {y})",
                "min({x}, {y})",
                "max({x}, {y}, 1)",
                "abs({x})",
                "(-{x})",
                "floor({x})",
                "ceil({x} / 3)",
                "clamp({x}, 0, {y})",
                "({x} ** 2)",
                "({x} if {x} > {y} else {y})",
                "({x} >= {y} and {x} or {y})",
                "({x} < {y} or {y} / 2)",
                "(not {x} == {y})",
                "({x} != {y})",
                "(0 < {x} <= {y})",
                "sqrt(abs({x}))",
            ]
        )
    )
    return form.format(x=x, y=y)


def _exact(text: str, row: dict[str, Fraction]) -> Fraction | bool | None:
    try:
        value = compile_formula(text, list(NAMES)).evaluate(row)
    except FormulaError:
        return None
    assert not isinstance(value, str)
    return value


@given(formulas(), st.lists(st.tuples(cells, cells, cells), min_size=1, max_size=8))
@example("(a / b)", [(Decimal("1"), Decimal("0"), Decimal("0"))])  # division by zero
@example("clamp(a, 0, b)", [(Decimal("5"), Decimal("-1"), Decimal("0"))])  # crossing bounds
@example("(a * b * c * a * b * c)", [(Decimal("499.999"),) * 3])  # past 2**62: not known
@example("(a / floor(0.5))", [(Decimal("1"), Decimal("0"), Decimal("0"))])  # refused as written
@example("clamp(0, 0, (-1))", [(Decimal("0"),) * 3])  # so is a clamp of constants crossing
def test_known_rows_have_the_exact_value(text: str, rows: list[tuple[Decimal, ...]]) -> None:
    k = len(rows)
    names: dict[str, rational.Q | rational.B] = {
        name: rational.from_doubles(np.array([float(r[j]) for r in rows]), np.ones(k, dtype=bool))
        for j, name in enumerate(NAMES)
    }
    try:
        formula = compile_formula(text, list(NAMES))
    except FormulaError as e:  # refused as written (a / floor(0.5)): never scored at all
        said = ("division by zero", "needs low ≤ high")  # constants that always fail
        assert any(s in str(e) for s in said), f"{text}: {e}"
        assume(False)
        return
    got = rational.evaluate(formula.tree, names, k)
    for i, r in enumerate(rows):
        expected = _exact(text, {n: Fraction(x) for n, x in zip(NAMES, r, strict=True)})
        if not got.ok[i]:
            continue
        assert expected is not None, "a row the exact path refuses was called known"
        if isinstance(got, rational.B):
            assert bool(got.b[i]) == bool(expected)
        else:
            assert Fraction(int(got.n[i]), int(got.d[i])) == expected


def test_plain_scoring_formulas_are_known_on_two_decimal_cells() -> None:
    """What the fast path sends here most (ties of ratio and deduct scores) is
    settled here, not one cell at a time."""
    values = np.array([float(x) / 100 for x in range(-20000, 20000, 7)])
    k = len(values)
    names: dict[str, rational.Q | rational.B] = {
        "actual": rational.from_doubles(values, np.ones(k, dtype=bool)),
        "target": rational.const(Fraction(88), k),
        "weight": rational.const(Fraction("3.75"), k),
        "per": rational.const(Fraction("0.5"), k),
    }
    for text in (
        "weight * min(actual / target, 1)",
        "weight - per * max(actual - target, 0)",
        "weight * clamp((actual - target / 2) / (target / 2), 0, 1)",
    ):
        tree = compile_formula(text, list(names)).tree
        assert rational.evaluate(tree, names, k).ok.all(), text


@given(st.decimals(min_value=-(10**14), max_value=10**14, allow_nan=False, places=6))
def test_a_double_read_from_a_short_text_gives_back_that_text_exactly(x: Decimal) -> None:
    text = format(x, "f")
    digits = len(text.lstrip("-").replace(".", "").lstrip("0"))
    q = rational.from_doubles(np.array([float(text)]), np.array([True]))
    if digits <= 15:
        assert q.ok[0]
        assert Fraction(int(q.n[0]), int(q.d[0])) == Fraction(x)


def test_a_double_with_no_short_decimal_is_not_known() -> None:
    q = rational.from_doubles(np.array([0.1 + 0.2, 1e20, 0.5]), np.array([True, True, False]))
    assert q.ok.tolist() == [False, False, False]


@given(
    st.fractions(min_value=-20, max_value=20, max_denominator=10**6),
    st.integers(0, 4),
    st.sampled_from(["half_up", "half_even", "down"]),
)
@example(Fraction("2.995"), 2, "half_up")
@example(Fraction("2.625"), 2, "half_even")
def test_units_round_as_the_exact_path_rounds(x: Fraction, places: int, mode: str) -> None:
    weight = Fraction(12)
    q = rational.const(x, 1)
    full = np.array([scaled(weight, places, mode)])
    got, ok = rational.units(q, rational.const(weight, 1), full, places, mode)
    assert ok[0]
    assert int(got[0]) == scaled(min(max(x, Fraction(0)), weight), places, mode)


@pytest.mark.parametrize("reader", ["rows", "columns", "arrow"])
def test_ties_of_a_large_table_are_settled_column_wise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reader: str
) -> None:
    """Half the rows of a deduct indicator at 0.5 a point are rounding ties
    (0.5 × 0.01 = 0.005): they are scored exactly, none of them one cell at a time."""
    spec = compile_spec(
        load_text(
            "spec: 1\nid: t\ntotal: 3\nindicators:\n"
            "  - {id: staff, name: 在职人员控制率, weight: 3, unit: '%', direction: lower,\n"
            "     target: 100, method: {deduct: {per: 0.5}}}\n",
            "t.yaml",
        )
    )
    lines = [f"e{i},{100 + (i % 400) / 100:.2f}" for i in range(6000)]
    path = tmp_path / "t.csv"
    path.write_text("entity,staff\n" + "\n".join(lines) + "\n", encoding="utf-8")
    expected = list(score_rows(spec, open_table(str(path), spec), fast=False))

    def refuse(*args: object) -> object:
        raise AssertionError("an undecided cell went one at a time")

    monkeypatch.setattr(fastpath, "_exact_cells", refuse)
    if reader == "arrow":  # a typed table: doubles, read back as their shortest text
        import pyarrow.csv as pacsv

        import engine

        table = engine.score_table(spec, pacsv.read_csv(path))
        got_totals = [Fraction(x) for x in table.column("total").to_pylist()]
        assert got_totals == [r.total for r in expected]
        return
    pieces: list[int] = []
    if reader == "columns":  # read column-wise with Arrow, as a large file is
        monkeypatch.setattr(tables, "COLUMNAR_BYTES", 1)
        block = columnar._block
        monkeypatch.setattr(
            columnar,
            "_block",
            lambda *a: pieces.append(1) or block(*a),  # type: ignore[func-returns-value]
        )
    got = list(score_rows(spec, open_table(str(path), spec), fast=True))
    assert got == expected
    assert bool(pieces) == (reader == "columns")
    assert {r.scores[0] for r in got} >= {Fraction("2.99"), Fraction("3.00"), Fraction("2.98")}


@pytest.mark.parametrize(
    "formula",
    [
        "c / 200",  # a tie (0.005), settled exactly
        "c / 4",  # no tie, settled by the float bound
        "c / 200 if c > 0 else actual",  # the derivation read only in a branch not taken
        "weight * clamp(c, b, 0) ** 0",  # a power of 0 of a part that fails
        "weight * clamp(c, b, 0) ** 0 / 200",
    ],
)
@pytest.mark.parametrize("reader", ["rows", "columns"])
def test_a_part_that_fails_fails_its_row_on_the_fast_path_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, formula: str, reader: str
) -> None:
    """The exact evaluation works out an indicator's derivation before its
    formula, and a power's base though the power is 0: where either fails, the
    row fails, whether or not the value reads it."""
    spec = compile_spec(
        load_text(
            "spec: 1\nid: r\ntotal: 1\nrounding: {places: 2, mode: half_up}\n"
            "inputs: {a: {name: A}, b: {name: B}, c: {name: C}}\n"
            "grades: [{grade: A, min: 0}]\nindicators:\n"
            "  - {id: x, name: X, weight: 1, actual: a / (b - 1), "
            f"method: {{formula: '{formula}'}}}}\n",
            "r.yaml",
        )
    )
    path = tmp_path / "t.csv"
    path.write_text("entity,a,b,c\n" + "e,1,1,1\nf,1,2,1\n" * 300, encoding="utf-8")
    if reader == "columns":
        monkeypatch.setattr(tables, "COLUMNAR_BYTES", 1)
    fast = list(score_rows(spec, open_table(str(path), spec), fast=True))
    assert fast == list(score_rows(spec, open_table(str(path), spec), fast=False))
    assert not fast[0].ok and fast[0].errors  # b = 1: the derivation divides by zero
