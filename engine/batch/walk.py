"""One walk of an allow-listed formula tree over columns of values, for the two
arithmetics the fast path works in: floats with a proven error bound
(:mod:`engine.batch.fastpath`) and exact int64 fractions
(:mod:`engine.batch.rational`).

The walk is the formula's grammar (the allow-list that
:func:`engine.batch.fastpath._check_tree` holds a plan to); each arithmetic
says what a node does to its columns (:class:`Columns`). A power is worked as
repeated products (only small whole powers are allowed); a chain of
comparisons holds where each link does.
"""

from __future__ import annotations

import ast
from fractions import Fraction
from typing import Any, Protocol


class Columns(Protocol):
    """An arithmetic on columns: numbers, and truth values."""

    def constant(self, value: Any) -> Any:
        """A formula's constant (a Fraction, or True/False) in every row."""

    def number(self, x: Any) -> Any:
        """``x`` as numbers (a truth value as 1 or 0)."""

    def truth(self, x: Any) -> Any:
        """``x`` as truth values (a number: whether it is not 0)."""

    def binop(self, op: ast.operator, a: Any, b: Any) -> Any:
        """``a`` + − × ÷ ``b``."""

    def negate(self, a: Any) -> Any: ...

    def invert(self, t: Any) -> Any:
        """``not`` of truth values."""

    def compare(self, op: ast.cmpop, a: Any, b: Any) -> Any: ...

    def both(self, a: Any, b: Any) -> Any:
        """Truth values that hold where ``a`` and ``b`` both do."""

    def boolop(self, conjunction: bool, values: list[Any]) -> Any:
        """``and`` (``conjunction``) or ``or`` of the operands, as Python has
        them: the value of the operand that decides."""

    def choose(self, test: Any, body: Any, other: Any) -> Any:
        """``body if test else other``."""

    def call(self, name: str, args: list[Any]) -> Any:
        """A function of the allow-list on numbers."""

    def carry(self, value: Any, source: Any) -> Any:
        """``value``, not trusted wherever ``source`` is not (a part the exact
        evaluation works out, and may fail in, though the value does not use it)."""


def walk(tree: ast.AST, names: dict[str, Any], on: Columns) -> Any:
    """The value of ``tree`` over the rows of ``names``' columns, in ``on``'s
    arithmetic."""
    if isinstance(tree, ast.Expression):  # pragma: no cover - trees are bodies
        tree = tree.body
    if isinstance(tree, ast.Constant):
        return on.constant(tree.value)
    if isinstance(tree, ast.Name):
        return names[tree.id]
    if isinstance(tree, ast.BinOp):
        left = on.number(walk(tree.left, names, on))
        if isinstance(tree.op, ast.Pow):
            out = on.carry(on.constant(Fraction(1)), left)  # x ** 0 works out x too
            for _ in range(int(tree.right.value)):  # type: ignore[attr-defined]
                out = on.binop(ast.Mult(), out, left)
            return out
        return on.binop(tree.op, left, on.number(walk(tree.right, names, on)))
    if isinstance(tree, ast.UnaryOp):
        inner = walk(tree.operand, names, on)
        if isinstance(tree.op, ast.Not):
            return on.invert(on.truth(inner))
        a = on.number(inner)
        return a if isinstance(tree.op, ast.UAdd) else on.negate(a)
    if isinstance(tree, ast.Compare):
        left = on.number(walk(tree.left, names, on))
        result = None
        for op, comp in zip(tree.ops, tree.comparators, strict=True):
            right = on.number(walk(comp, names, on))
            c = on.compare(op, left, right)
            result = c if result is None else on.both(result, c)
            left = right
        return result
    if isinstance(tree, ast.BoolOp):
        values = [walk(v, names, on) for v in tree.values]
        return on.boolop(isinstance(tree.op, ast.And), values)
    if isinstance(tree, ast.IfExp):
        test = on.truth(walk(tree.test, names, on))
        return on.choose(test, walk(tree.body, names, on), walk(tree.orelse, names, on))
    if isinstance(tree, ast.Call):
        args = [on.number(walk(a, names, on)) for a in tree.args]
        return on.call(tree.func.id, args)  # type: ignore[attr-defined]
    raise AssertionError(type(tree).__name__)  # pragma: no cover - checked in the plan
