"""The functions a formula may call, and the arithmetic behind its operators.

Values are Fraction (numbers), bool (comparisons) and str (labels). Every
operation checks its operand types and bounds, so a formula can neither run
away nor turn into float. Irrational results come from a 40-digit Decimal
context; everything else is exact.
"""

from __future__ import annotations

import decimal
import math
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

from ..base.errors import FormulaError
from ..base.i18n import _
from ..base.numbers import Value, irrational_context, to_irrational_decimal
from ..base.records import record

#: Most decimal digits a power may produce.
MAX_POWER_DIGITS = 1000


def num(x: Value, what: str = "arithmetic") -> Fraction:
    if isinstance(x, Fraction):
        return x
    if isinstance(x, bool):
        return Fraction(int(x))
    if isinstance(x, int):  # pragma: no cover - ints only arrive as bools
        return Fraction(x)
    raise FormulaError(
        _("text '{x}' cannot be used in {what}; only numbers can").format(x=x, what=what)
    )


def add(a: Value, b: Value) -> Fraction:
    return num(a) + num(b)


def sub(a: Value, b: Value) -> Fraction:
    return num(a) - num(b)


def mul(a: Value, b: Value) -> Fraction:
    return num(a) * num(b)


def div(a: Value, b: Value) -> Fraction:
    d = num(b)
    if d == 0:
        raise FormulaError(_("division by zero"))
    return num(a) / d


def floordiv(a: Value, b: Value) -> Fraction:
    d = num(b)
    if d == 0:
        raise FormulaError(_("division by zero"))
    return Fraction(num(a) // d)


def mod(a: Value, b: Value) -> Fraction:
    d = num(b)
    if d == 0:
        raise FormulaError(_("division by zero (modulo)"))
    return num(a) % d


def _digits(x: Fraction) -> int:
    """Decimal digits of the larger of numerator and denominator, from their bit
    length (exact to one digit; ``str`` of a huge integer is slow and limited)."""
    bits = max(abs(x.numerator).bit_length(), x.denominator.bit_length())
    return bits * 30103 // 100000 + 1


def power(a: Value, b: Value) -> Fraction:
    base, exp = num(a), num(b)
    if exp.denominator == 1:
        e = exp.numerator
        if base == 0 and e < 0:
            raise FormulaError(_("division by zero (0 to a negative power)"))
        if base not in (0, 1, -1) and abs(e) * _digits(base) > MAX_POWER_DIGITS:
            raise FormulaError(
                _("power too large: the result would have over {max_power_digits} digits").format(
                    max_power_digits=MAX_POWER_DIGITS
                )
            )
        return base**e
    if base <= 0:
        raise FormulaError(_("a fractional power needs a positive base"))
    return _irrational(lambda: to_irrational_decimal(base) ** to_irrational_decimal(exp))


def neg(a: Value) -> Fraction:
    return -num(a)


def pos(a: Value) -> Fraction:
    return num(a)


def not_(a: Value) -> bool:
    return not a


def _order(op: Callable[[Fraction, Fraction], bool], sym: str) -> Callable[[Value, Value], bool]:
    def compare(a: Value, b: Value) -> bool:
        if isinstance(a, str) or isinstance(b, str):
            raise FormulaError(
                _("'{sym}' compares numbers; text can only be compared with == or !=").format(
                    sym=sym
                )
            )
        return op(num(a), num(b))

    return compare


def eq(a: Value, b: Value) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return num(a) == num(b)


def ne(a: Value, b: Value) -> bool:
    return not eq(a, b)


lt = _order(lambda a, b: a < b, "<")
le = _order(lambda a, b: a <= b, "<=")
gt = _order(lambda a, b: a > b, ">")
ge = _order(lambda a, b: a >= b, ">=")


def _irrational(compute: Callable[[], Decimal]) -> Fraction:
    try:
        with decimal.localcontext(irrational_context()):
            result = compute()
    except decimal.Overflow:
        raise FormulaError(_("result too large")) from None
    except (decimal.InvalidOperation, decimal.DivisionByZero):
        raise FormulaError(_("invalid operation")) from None
    return Fraction(result)


def f_min(*args: Value) -> Fraction:
    return min(num(a, "min()") for a in args)


def f_max(*args: Value) -> Fraction:
    return max(num(a, "max()") for a in args)


def f_abs(x: Value) -> Fraction:
    return abs(num(x, "abs()"))


def f_clamp(x: Value, lo: Value, hi: Value) -> Fraction:
    low, high = num(lo, "clamp()"), num(hi, "clamp()")
    if low > high:
        raise FormulaError(_("clamp(x, low, high) needs low ≤ high"))
    return min(max(num(x, "clamp()"), low), high)


def f_floor(x: Value) -> Fraction:
    return Fraction(math.floor(num(x, "floor()")))


def f_ceil(x: Value) -> Fraction:
    return Fraction(math.ceil(num(x, "ceil()")))


def f_sqrt(x: Value) -> Fraction:
    v = num(x, "sqrt()")
    if v < 0:
        raise FormulaError(_("sqrt() of a negative number"))
    return _irrational(lambda: to_irrational_decimal(v).sqrt())


def f_ln(x: Value) -> Fraction:
    v = num(x, "ln()")
    if v <= 0:
        raise FormulaError(_("ln() needs a positive number"))
    return _irrational(lambda: to_irrational_decimal(v).ln())


def f_log10(x: Value) -> Fraction:
    v = num(x, "log10()")
    if v <= 0:
        raise FormulaError(_("log10() needs a positive number"))
    return _irrational(lambda: to_irrational_decimal(v).log10())


def f_exp(x: Value) -> Fraction:
    v = num(x, "exp()")
    if v > 2000:
        raise FormulaError(_("exp() of more than 2000 is too large"))
    return _irrational(lambda: to_irrational_decimal(v).exp())


def f_round_half_up(x: Value, places: Value = Fraction(0)) -> Fraction:
    from ..base.numbers import round_fraction

    p = num(places, "round_half_up()")
    if p.denominator != 1 or not 0 <= p <= 10:
        raise FormulaError(_("round_half_up(x, places) needs whole places from 0 to 10"))
    return round_fraction(num(x, "round_half_up()"), int(p), "half_up")


@record(frozen=True)
class Function:
    """A function formulas may call, and how many arguments it takes."""

    fn: Callable[..., Fraction]
    min_args: int
    max_args: int | None
    signature: str
    #: the arguments after the first are checked whatever the first is (clamp's
    #: bounds, round_half_up's places): written as constants, they are checked
    #: when the formula is compiled, not on every score
    rest_checked: bool = False


FUNCTIONS: dict[str, Function] = {
    "min": Function(f_min, 1, None, "min(a, b, ...)"),
    "max": Function(f_max, 1, None, "max(a, b, ...)"),
    "abs": Function(f_abs, 1, 1, "abs(x)"),
    "clamp": Function(f_clamp, 3, 3, "clamp(x, low, high)", rest_checked=True),
    "floor": Function(f_floor, 1, 1, "floor(x)"),
    "ceil": Function(f_ceil, 1, 1, "ceil(x)"),
    "sqrt": Function(f_sqrt, 1, 1, "sqrt(x)"),
    "ln": Function(f_ln, 1, 1, "ln(x)"),
    "log10": Function(f_log10, 1, 1, "log10(x)"),
    "exp": Function(f_exp, 1, 1, "exp(x)"),
    "round_half_up": Function(f_round_half_up, 1, 2, "round_half_up(x, places)", rest_checked=True),
}
