"""Exact arithmetic on columns of fractions, for the values the fast path's
float bounds cannot decide.

A rounding tie is a tie only exactly: 3 − 0.5 × 0.01 = 2.995 rounds to 3.00
half up, and no float bound can say on which side of 2.995 the exact value
lies. :mod:`engine.batch.fastpath` hands such rows here before it scores them
one cell at a time: each value is a fraction ``n / d`` held in two int64
columns (reduced, ``d > 0``), and the formula of :mod:`engine.spec.formula` is
worked on them column-wise, with the exact path's arithmetic.

A row is *known* while its arithmetic stays exact here; it is not known where a
product could pass 2**62, where it divides by zero, takes a square root, or
where the exact path might refuse it (bounds of ``clamp`` that cross). Rows not
known go on to the exact evaluation, as every undecided row did before: this
module only ever settles a row the way the exact path would.

A cell's exact value is read from its double: a text of at most 15 significant
digits is the one decimal of at most 15 digits that reads as that double (15
digits survive the trip), so the cells whose text may hold more are not known.
"""

from __future__ import annotations

import ast
from fractions import Fraction
from typing import Any

import numpy as np

from ..base.records import record
from .aggregates import scaled
from .walk import walk

#: products are checked in floats against this (below 2**63 with room for the
#: floats' own rounding)
_LIMIT = 2.0**61
#: most decimal places of a cell read back from its double
_PLACES = 15


@record
class Q:
    """Fractions ``n / d`` per row, and which rows are known."""

    n: Any
    d: Any
    ok: Any


@record
class B:
    """Truth values per row, and which rows are known."""

    b: Any
    ok: Any


def from_doubles(v: Any, known: Any) -> Q:
    """The exact decimals behind doubles read from texts of at most 15
    significant digits (``known``): per row, the fewest decimal places whose
    decimal reads as the double."""
    n = np.zeros(len(v), dtype=np.int64)
    d = np.ones(len(v), dtype=np.int64)
    todo = known.copy()
    found = np.zeros(len(v), dtype=bool)
    for places in range(_PLACES + 1):
        if not todo.any():
            break
        scale = 10.0**places
        with np.errstate(all="ignore"):
            m = np.rint(v * scale)
            hit = todo & (np.abs(m) < 1e15) & (m / scale == v)
        n[hit] = m[hit].astype(np.int64)
        d[hit] = 10**places
        found |= hit
        todo &= ~hit
    return _reduced(n, d, found)


def const(x: Fraction, k: int) -> Q:
    fits = abs(x.numerator) < 2**62 and x.denominator < 2**62
    return Q(
        np.full(k, x.numerator if fits else 0, dtype=np.int64),
        np.full(k, x.denominator if fits else 1, dtype=np.int64),
        np.full(k, fits),
    )


def _reduced(n: Any, d: Any, ok: Any) -> Q:
    n = np.where(ok, n, 0)
    d = np.where(ok, d, 1)
    g = np.gcd(n, d)  # ≥ 1: d ≥ 1
    return Q(n // g, d // g, ok)


def _size(x: Any) -> Any:
    return np.abs(x.astype(np.float64))


def _small(*products: tuple[Any, Any]) -> Any:
    """Per row, whether every product of int64 columns stays exact."""
    ok: Any = True
    for a, b in products:
        ok = ok & (_size(a) * _size(b) < _LIMIT)
    return ok


def add(a: Q, b: Q, sign: int = 1) -> Q:
    g = np.gcd(a.d, b.d)
    ad, bd = a.d // g, b.d // g
    ok = a.ok & b.ok & _small((a.n, bd), (b.n, ad), (a.d, bd))
    return _reduced(a.n * bd + sign * (b.n * ad), a.d * bd, ok)


def mul(a: Q, b: Q) -> Q:
    g1, g2 = np.gcd(a.n, b.d), np.gcd(b.n, a.d)  # both ≥ 1: denominators are
    an, bd, bn, ad = a.n // g1, b.d // g1, b.n // g2, a.d // g2
    ok = a.ok & b.ok & _small((an, bn), (ad, bd))
    return _reduced(an * bn, ad * bd, ok)


def div(a: Q, b: Q) -> Q:
    zero = b.n == 0  # the exact path's "division by zero": not known here
    top = np.where(zero, 1, b.n)
    inverse = Q(np.sign(top) * b.d, np.abs(top), b.ok & ~zero)
    return mul(a, inverse)


def compare(op: ast.cmpop, a: Q, b: Q) -> B:
    ok = a.ok & b.ok
    if isinstance(op, ast.Eq | ast.NotEq):  # reduced: equal values, equal parts
        equal = (a.n == b.n) & (a.d == b.d)
        return B(equal if isinstance(op, ast.Eq) else ~equal, ok)
    ok = ok & _small((a.n, b.d), (b.n, a.d))
    left, right = a.n * b.d, b.n * a.d
    result = {
        ast.Lt: left < right,
        ast.LtE: left <= right,
        ast.Gt: left > right,
        ast.GtE: left >= right,
    }[type(op)]
    return B(result, ok)


def _pick(test: Any, x: Q, y: Q) -> Q:
    return Q(np.where(test, x.n, y.n), np.where(test, x.d, y.d), np.where(test, x.ok, y.ok))


def _minmax(args: list[Q], smallest: bool) -> Q:
    out = args[0]
    for a in args[1:]:
        beats = compare(ast.Lt() if smallest else ast.Gt(), a, out)
        out = _pick(beats.b, a, out)
        out.ok = out.ok & beats.ok
    return out


def _q(x: Q | B, k: int) -> Q:
    if isinstance(x, Q):
        return x
    return Q(x.b.astype(np.int64), np.ones(k, dtype=np.int64), x.ok)  # True/False as 1/0


def _truth(x: Q | B) -> B:
    return x if isinstance(x, B) else B(x.n != 0, x.ok)


def evaluate(tree: ast.AST, names: dict[str, Q | B], k: int) -> Q | B:
    """An allow-listed formula tree (:func:`engine.batch.fastpath._check_tree`)
    over ``k`` rows, exactly; a row is known where every step it took is."""
    result: Q | B = walk(tree, names, _Exact(k))
    return result


class _Exact:
    """Exact fractions (:class:`Q`, :class:`B`) over ``k`` rows: the arithmetic
    of :func:`engine.batch.walk.walk` here."""

    def __init__(self, k: int):
        self.k = k

    def constant(self, value: Any) -> Q | B:
        if isinstance(value, bool):
            return B(np.full(self.k, value), np.ones(self.k, dtype=bool))
        return const(value, self.k)  # numbers are Fraction

    def number(self, x: Q | B) -> Q:
        return _q(x, self.k)

    def truth(self, x: Q | B) -> B:
        return _truth(x)

    def binop(self, op: ast.operator, a: Q, b: Q) -> Q:
        if isinstance(op, ast.Add | ast.Sub):
            return add(a, b, 1 if isinstance(op, ast.Add) else -1)
        return mul(a, b) if isinstance(op, ast.Mult) else div(a, b)

    def negate(self, a: Q) -> Q:
        return Q(-a.n, a.d, a.ok)

    def invert(self, t: B) -> B:
        return B(~t.b, t.ok)

    def compare(self, op: ast.cmpop, a: Q, b: Q) -> B:
        return compare(op, a, b)

    def both(self, a: B, b: B) -> B:
        return B(a.b & b.b, a.ok & b.ok)

    def boolop(self, conjunction: bool, values: list[Q | B]) -> Q | B:
        return _boolop(conjunction, values, self.k)

    def choose(self, test: B, body: Q | B, other: Q | B) -> Q | B:
        if isinstance(body, B) and isinstance(other, B):
            return B(
                np.where(test.b, body.b, other.b), test.ok & np.where(test.b, body.ok, other.ok)
            )
        out = _pick(test.b, _q(body, self.k), _q(other, self.k))
        out.ok = out.ok & test.ok
        return out

    def call(self, name: str, args: list[Q]) -> Q:
        return _call(name, args)

    def carry(self, value: Q, source: Q) -> Q:
        return Q(value.n, value.d, value.ok & source.ok)


def _call(name: str, args: list[Q]) -> Q:
    if name == "abs":
        return Q(np.abs(args[0].n), args[0].d, args[0].ok)
    if name == "floor":
        x = args[0]
        return Q(x.n // x.d, np.ones_like(x.d), x.ok)
    if name == "ceil":
        x = args[0]
        return Q(-(-x.n // x.d), np.ones_like(x.d), x.ok)
    if name == "clamp":
        x, lo, hi = args
        in_order = compare(ast.LtE(), lo, hi)  # crossing bounds: the exact path's error
        out = _minmax([_minmax([x, lo], smallest=False), hi], smallest=True)
        out.ok = out.ok & in_order.ok & in_order.b
        return out
    if name in ("min", "max"):
        return _minmax(args, smallest=name == "min")
    x = args[0]  # sqrt: irrational in general; the exact path works it
    return Q(x.n, x.d, np.zeros(len(x.n), dtype=bool))


def _boolop(both: bool, values: list[Q | B], k: int) -> Q | B:
    """``and`` (``both``) / ``or`` as Python has them: the value of the operand
    that decides (operands after it are not worked, so their failures do not
    count)."""
    truths = [_truth(v) for v in values]
    if all(isinstance(v, B) for v in values):
        b, ok = truths[-1].b, truths[-1].ok
        for t in reversed(truths[:-1]):
            decides = ~t.b if both else t.b
            b = np.where(decides, t.b, b)
            ok = t.ok & (decides | ok)
        return B(b, ok)
    out = _q(values[-1], k)
    for value, t in zip(reversed(values[:-1]), reversed(truths[:-1]), strict=True):
        decides = ~t.b if both else t.b
        x = _q(value, k)
        out = Q(
            np.where(decides, x.n, out.n),
            np.where(decides, x.d, out.d),
            t.ok & x.ok & (decides | out.ok),
        )
    return out


def units(x: Q, weight: Q, full: Any, places: int, mode: str) -> tuple[Any, Any]:
    """Held to [0, ``weight``] (per row) and rounded to ``places`` by ``mode``,
    as :func:`engine.batch.aggregates.scaled` rounds: integers × 10^places, and
    which rows are known; ``full``: each row's weight so rounded."""
    k = len(x.n)
    above = compare(ast.Gt(), x, weight)
    below = x.n < 0
    scale = 10**places
    ok = x.ok & above.ok & _small((x.n, np.full(k, scale, dtype=np.int64)))
    top = np.where(ok & ~below & ~above.b, x.n, 0) * scale
    whole, rest = np.divmod(top, x.d)
    if mode == "half_up":
        whole += 2 * rest >= x.d
    elif mode == "half_even":
        whole += (2 * rest > x.d) | ((2 * rest == x.d) & (whole % 2 == 1))
    whole = np.where(below, 0, np.where(above.b, full, whole))
    return whole.astype(np.int64), ok


def leaf_units(leaf: Any, chunk: Any, rows: Any, places: int, mode: str) -> tuple[Any, Any]:
    """One formula or bands leaf (a :class:`~engine.batch.fastpath.Weighted`:
    each row at its own weight) of some rows of a chunk, exactly: each row's
    units, and which rows are known (the others go to the exact evaluation)."""
    k = len(rows)
    at = leaf.leaf
    unknown = (np.zeros(k, dtype=np.int64), np.zeros(k, dtype=bool))

    def cell(key: str) -> Q | None:
        if key not in chunk.numbers or key not in chunk.short:
            return None
        return from_doubles(chunk.numbers[key][0][rows], chunk.short[key][rows])

    names: dict[str, Q | B] = {}
    for key in at.needs:
        value = cell(key)
        if value is None:
            return unknown
        names[key] = value
    actual = evaluate(at.derive.tree, dict(names), k) if at.derive is not None else cell(at.id)
    if actual is None:
        return unknown
    actual = _q(actual, k)
    codes = np.zeros(k, dtype=np.int64) if leaf.codes is None else leaf.codes[rows]
    plans = leaf.plans
    alike = np.array([p.kind == at.kind for p in plans])[codes]  # a weight may need the exact way
    if at.kind == "bands":
        got, known = _band_units(at, plans, codes, actual, k)
        return got, known & alike
    weights = [const(p.weight, 1) for p in plans]
    weight = Q(
        np.concatenate([w.n for w in weights])[codes],
        np.concatenate([w.d for w in weights])[codes],
        np.concatenate([w.ok for w in weights])[codes],
    )
    names.update({name: const(c, k) for name, c in at.consts})
    names["actual"] = actual
    names["weight"] = weight
    if any(name not in names for name in at.formula.names):
        return unknown
    full = np.array([scaled(p.weight, places, mode) for p in plans], dtype=np.int64)[codes]
    got, known = units(_q(evaluate(at.formula.tree, names, k), k), weight, full, places, mode)
    return got, known & alike & actual.ok  # a failed derivation fails the row, read or not


def _band_units(at: Any, plans: Any, codes: Any, actual: Q, k: int) -> tuple[Any, Any]:
    """The points of the first band that holds the value, at each row's weight
    (none: not known, the exact path says so)."""
    chosen = np.full(k, -1, dtype=np.int64)
    ok = actual.ok.copy()
    for j, (lo, hi, _) in enumerate(at.bands):
        match = np.ones(k, dtype=bool)
        for bound, op in ((lo, ast.GtE()), (hi, ast.LtE())):
            if bound is not None:
                c = compare(op, actual, const(bound, k))
                match &= c.b
                ok &= c.ok
        points = np.array([p.bands[j][2] if p.bands else 0 for p in plans], dtype=np.int64)
        chosen = np.where((chosen < 0) & match, points[codes], chosen)
    return np.maximum(chosen, 0), ok & (chosen >= 0)
