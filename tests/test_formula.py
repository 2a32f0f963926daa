"""The formula compiler: what it accepts, what it refuses, and exact results."""

from __future__ import annotations

import contextlib
import pickle
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from engine.base.errors import FormulaError
from engine.spec.formula import compile_formula

NAMES = ["actual", "target", "weight"]


def run(text: str, **names: object) -> object:
    values = {
        k: v if isinstance(v, str) and not v[:1].isdigit() else Fraction(str(v))
        for k, v in names.items()
    }
    return compile_formula(text, values).evaluate(values)  # type: ignore[arg-type]


def test_literals_are_exact_decimals_from_their_text() -> None:
    assert run("0.1 + 0.2") == Fraction("0.3")
    assert run("2.675 * 100") == Fraction(2675, 10)


def test_the_trace_substitutes_then_reduces_step_by_step() -> None:
    f = compile_formula("weight * min(actual / target, 1)", NAMES)
    names = {"weight": Fraction(4), "actual": Fraction(3), "target": Fraction(4)}
    value, record = f.evaluate_traced(names)
    assert value == 3
    assert f.reduction(names, record) == [
        "weight * min(actual / target, 1)",
        "4 * min(3 / 4, 1)",
        "4 * min(0.75, 1)",
        "4 * 0.75",
        "3",
    ]
    assert f.reduction(names, record, compact=True)[1] == "4 × min(3/4, 1)"


def test_a_conditional_shows_only_the_branch_taken_once_decided() -> None:
    f = compile_formula("weight if actual <= target else weight * target / actual", NAMES)
    names = {"weight": Fraction(4), "actual": Fraction(5), "target": Fraction(4)}
    value, record = f.evaluate_traced(names)
    assert value == Fraction(16, 5)
    assert f.reduction(names, record) == [
        "weight if actual <= target else weight * target / actual",
        "… if 5 <= 4 else 4 * 4 / 5",
        "16 / 5",
        "3.2",
    ]
    assert f.untaken(names, record) == ["condition 5 <= 4 fails: weight not taken"]


def test_an_untaken_division_by_zero_is_never_shown_as_arithmetic() -> None:
    f = compile_formula("weight if actual <= target else weight * target / actual", NAMES)
    names = {"weight": Fraction(2), "actual": Fraction(0), "target": Fraction(3)}
    value, record = f.evaluate_traced(names)
    assert value == 2
    assert f.reduction(names, record) == [
        "weight if actual <= target else weight * target / actual",
        "2 if 0 <= 3 else …",
        "2",
    ]
    assert f.untaken(names, record) == [
        "condition 0 <= 3 holds: weight * target / actual not taken"
    ]
    assert f.brief(names, record) == "2 if 0 <= 3 else …"


def test_functions_compute_exactly_or_to_40_digits() -> None:
    assert run("clamp(actual, 0, 1)", actual="1.5") == 1
    assert run("floor(2.5) + ceil(2.1)") == 5
    assert run("round_half_up(2.675, 2)") == Fraction("2.68")
    assert run("abs(-2)") == 2
    assert str(run("sqrt(2)"))[:12] == "141421356237"
    assert run("ln(1)") == 0
    assert run("log10(1000)") == 3
    assert run("exp(0)") == 1
    assert run("2 ** 10") == 1024
    assert run("4 ** 0.5") == 2


def test_labels_can_be_compared_but_not_computed_with() -> None:
    assert run('1 if actual == "优" else 0', actual="优") == 1
    with pytest.raises(FormulaError) as e:
        run("actual * 2", actual="优")
    assert e.value.message == "text '优' cannot be used in arithmetic; only numbers can"


@pytest.mark.parametrize(
    ("text", "offset", "message"),
    [
        ("9 ** 9 ** 9", 0, "power too large: the result would have over 1000 digits"),
        ("3999999 ** 3999999", 0, "power too large: the result would have over 1000 digits"),
        ("1 / 0", 4, "division by zero"),
        (
            "actual.__class__",
            0,
            "attribute access (x.y) is not allowed; allowed: numbers, "
            "names, + - * / // % **, comparisons, and/or/not, x if c else y, and the functions "
            "min, max, abs, clamp, floor, ceil, sqrt, ln, log10, exp, round_half_up",
        ),
        (
            "__import__('os')",
            0,
            "unknown function '__import__'; functions: min, max, abs, "
            "clamp, floor, ceil, sqrt, ln, log10, exp, round_half_up",
        ),
        (
            "actul + 1",
            0,
            "unknown name 'actul'; did you mean 'actual'?; names here: actual, target, weight",
        ),
        (
            "mn(actual, 1)",
            0,
            "unknown function 'mn'; did you mean 'min'?; functions: min, max, "
            "abs, clamp, floor, ceil, sqrt, ln, log10, exp, round_half_up",
        ),
        ("min", 0, "'min' is a function; call it as min(a, b, ...)"),
        ("clamp(actual, 1)", 0, "clamp() takes 3 arguments, got 2; use clamp(x, low, high)"),
        ("min(x=1)", 0, "call min(a, b, ...) with plain arguments only"),
        ("actual << 2", 0, "operator '<<' is not allowed; allowed operators: + - * / // % **"),
        ("actual in target", 0, "'in' is not allowed; compare with == != < <= > >="),
        (
            "'ab' * 3",
            0,
            "text 'ab' can only be compared with == or != (e.g. actual == \"ab\"); "
            "a formula computes with numbers",
        ),
        (
            "1e999",
            0,
            "'1e999' is out of range; numbers must lie strictly between -1e21 and 1e21; "
            "write a plain decimal number",
        ),
        (
            "(lambda: 1)()",
            1,
            "lambda is not allowed; allowed: numbers, names, "
            "+ - * / // % **, comparisons, and/or/not, x if c else y, and the functions min, max, "
            "abs, clamp, floor, ceil, sqrt, ln, log10, exp, round_half_up",
        ),
        (
            "actual +",
            8,
            "not a valid expression (a sign or a name is missing or one too many); write e.g. "
            "weight * min(actual / target, 1)",
        ),
        (
            "weight * (actual",
            9,
            "not a valid expression (unclosed '('); write e.g. weight * min(actual / target, 1)",
        ),
        (
            "actual)",
            6,
            "not a valid expression (a ')' with no '(' before it); write e.g. "
            "weight * min(actual / target, 1)",
        ),
        (
            "9actual",
            0,
            "not a valid expression (a number runs into a name); write e.g. "
            "weight * min(actual / target, 1)",
        ),
        (
            "actual == '优",
            10,
            "not a valid expression (a quote is not closed); write e.g. "
            "weight * min(actual / target, 1)",
        ),
        (
            "actual ÷ target",
            7,
            "'÷' is not an operator of a formula; write '/' (× as *, ÷ as /, ≥ as >=, ≤ as <=, "
            "≠ as !=, （ ） as ( ))",
        ),
        (
            " weight if actual ≥ target else 0",
            18,
            "'≥' is not an operator of a formula; write '>=' (× as *, ÷ as /, ≥ as >=, ≤ as <=, "
            "≠ as !=, （ ） as ( ))",
        ),
        (
            "min（actual / target, 1)",
            3,
            "'（' is not an operator of a formula; write '(' (× as *, ÷ as /, ≥ as >=, ≤ as <=, "
            "≠ as !=, （ ） as ( ))",
        ),
        (  # the = in a label is its text: the sign missing is at the end
            "weight if actual == '费用=0' else 0 +",
            35,
            "not a valid expression (a sign or a name is missing or one too many); write e.g. "
            "weight * min(actual / target, 1)",
        ),
        ("weight if actual => target else 0", 17, "'=>' is written >="),
        ("weight if actual =< target else 0", 17, "'=<' is written <="),
        (
            "weight if actual >= target",
            26,
            "not a valid expression (an if with no else: write x if c else y); write e.g. "
            "weight * min(actual / target, 1)",
        ),
        (
            "min([actual, 1)",
            14,
            "not a valid expression (brackets that do not match); write e.g. "
            "weight * min(actual / target, 1)",
        ),
        (
            "min([actual, 1",
            4,
            "not a valid expression (unclosed '['); write e.g. weight * min(actual / target, 1)",
        ),
        (
            "0x1g",
            2,
            "not a valid expression (a number runs into a name); write e.g. "
            "weight * min(actual / target, 1)",
        ),
        (
            "actual = target",
            7,
            "not a valid expression (to compare, write == (a single = sets)); write e.g. "
            "weight * min(actual / target, 1)",
        ),
        ("actual / 0", 9, "division by zero: the divisor is always 0"),
        ("clamp(actual, 10, 1)", 0, "clamp(x, low, high) needs low ≤ high"),
        (
            "weight * round_half_up(actual, 100)",
            9,
            "round_half_up(x, places) needs whole places from 0 to 10",
        ),
        (
            "round_half_up(actual / target, -1)",
            0,
            "round_half_up(x, places) needs whole places from 0 to 10",
        ),
        (
            "round_half_up(actual, 0.5)",
            0,
            "round_half_up(x, places) needs whole places from 0 to 10",
        ),
        ("weight * exp(100000)", 9, "exp() of more than 2000 is too large"),
        ("", None, "empty; write an expression such as actual / target"),
        ("1" + " + 1" * 600, None, "2401 characters long; at most 2000 are allowed"),
        ("-" * 250 + "1", 200, "nested too deeply (more than 200 levels)"),
        (
            "abs(" * 210 + "1" + ")" * 210,
            803,
            "not a valid expression (too many nested "
            "parentheses); write e.g. weight * min(actual / target, 1)",
        ),
    ],
)
def test_refused_formulas_say_why_and_where(text: str, offset: int | None, message: str) -> None:
    with pytest.raises(FormulaError) as e:
        compile_formula(text, NAMES)
    assert e.value.message == message
    assert e.value.offset == offset


def test_comprehensions_and_containers_are_refused() -> None:
    for text, word in [
        ("[x for x in actual]", "comprehensions"),
        ("(1, 2)", "tuples"),
        ("{1: 2}", "dicts"),
        ("f'{actual}'", "f-strings"),
        ("actual[0]", "subscripts"),
    ]:
        with pytest.raises(FormulaError) as e:
            compile_formula(text, NAMES)
        assert e.value.message.startswith(word), text


def test_runtime_division_by_zero_names_the_place() -> None:
    f = compile_formula("spent / budget * 100", ["spent", "budget"])
    with pytest.raises(FormulaError) as e:
        f.evaluate({"spent": Fraction(1), "budget": Fraction(0)})
    assert e.value.message == "division by zero"
    assert e.value.offset == 8


def test_compiled_formulas_pickle() -> None:
    f = compile_formula("weight * min(actual / target, 1.5)", NAMES)
    g = pickle.loads(pickle.dumps(f))
    names = {"weight": Fraction(4), "actual": Fraction(3), "target": Fraction(4)}
    assert g.evaluate(names) == f.evaluate(names) == 3
    assert g.reduction(names, g.evaluate_traced(names)[1])[0] == f.text


# --- properties -------------------------------------------------------------

numbers = st.decimals(
    min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False
)


@st.composite
def expressions(draw: st.DrawFn, depth: int = 0) -> tuple[str, Fraction]:
    """A random expression and its value computed independently with Fractions."""
    if depth > 3 or draw(st.booleans()):
        d = draw(numbers)
        text = str(d)
        return (f"({text})" if text.startswith("-") else text), Fraction(d)
    op = draw(st.sampled_from(["+", "-", "*", "/", "min", "max", "abs", "if"]))
    a_text, a = draw(expressions(depth + 1))
    b_text, b = draw(expressions(depth + 1))
    if op == "/":
        if b == 0:
            return f"({a_text} + {b_text})", a + b
        return f"({a_text} / {b_text})", a / b
    if op in ("min", "max"):
        return f"{op}({a_text}, {b_text})", (min if op == "min" else max)(a, b)
    if op == "abs":
        return f"abs({a_text})", abs(a)
    if op == "if":
        return f"({a_text} if {a_text} > {b_text} else {b_text})", a if a > b else b
    value = {"+": a + b, "-": a - b, "*": a * b}[op]
    return f"({a_text} {op} {b_text})", value


@given(expressions())
def test_evaluation_is_exact_rational_arithmetic(case: tuple[str, Fraction]) -> None:
    text, expected = case
    assert compile_formula(text, []).evaluate({}) == expected


@given(expressions())
@example(("(2 / 3)", Fraction(2, 3)))  # non-terminating: shown cut, with …
@example(("(1 - (10 / 3))", Fraction(-7, 3)))  # cut toward zero: -2.3333333333…
def test_the_reduction_ends_at_the_value(case: tuple[str, Fraction]) -> None:
    text, _ = case
    f = compile_formula(text, [])
    value, record = f.evaluate_traced({})
    lines = f.reduction({}, record)
    assert lines[0] == text
    if lines[-1].endswith("…"):  # a non-terminating value, shown cut (never rounded)
        shown = lines[-1][:-1]
        places = len(shown.partition(".")[2])
        assert places > 0
        assert Fraction(Decimal(shown)) == Fraction(int(value * 10**places), 10**places)
        assert Fraction(Decimal(shown)) != value
    else:
        assert compile_formula(lines[-1], []).evaluate({}) == value


_ALPHABET = st.sampled_from(
    list("0123456789+-*/%().,<>=! abcdefghijklmnopqrstuvwxyz_'\"[]{}:~&|^@")
)


@given(st.text(_ALPHABET, max_size=40))
def test_arbitrary_text_only_ever_raises_formula_errors(text: str) -> None:
    try:
        f = compile_formula(text, NAMES)
    except FormulaError:
        return
    with contextlib.suppress(FormulaError):
        f.evaluate({"actual": Fraction(3), "target": Fraction(4), "weight": Fraction(5)})


def test_an_actuals_formula_is_shown_one_of_its_own_names_to_follow() -> None:
    """An actual worked from inputs may not use weight or target: its example is
    made of the names it may use."""
    with pytest.raises(FormulaError) as e:
        compile_formula("spent / budget *", {"spent", "budget"})
    assert e.value.message == (
        "not a valid expression (a sign or a name is missing or one too many); write e.g. "
        "(budget + spent) / 2"
    )
