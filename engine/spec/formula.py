"""Formula compiler: allow-listed Python-like expressions, evaluated exactly.

A formula is parsed and checked once (:func:`compile_formula`): only the syntax
and functions listed in :mod:`engine.functions` pass, every name must be known,
numeric literals become exact numbers from their text, and constant parts are
evaluated once so that e.g. ``9 ** 9 ** 9`` is refused before anything is
scored. Evaluation runs on simpleeval's tree walker with this module's
operators; with a record attached it keeps every sub-expression's value, from
which :meth:`Formula.reduction` writes the step-by-step arithmetic of a trace.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import field
from fractions import Fraction
from typing import Any

from simpleeval import SimpleEval

from ..base.errors import FormulaError, did_you_mean
from ..base.i18n import N_, _, msg
from ..base.numbers import NumberError, Value, format_value, parse_number
from ..base.records import record
from . import functions as fn
from .functions import FUNCTIONS

#: Longest formula text accepted.
MAX_FORMULA_CHARS = 2000
#: Deepest nesting of a formula's syntax tree.
MAX_FORMULA_DEPTH = 200
#: Longest string literal accepted (labels).
MAX_LABEL_CHARS = 200

_BINOPS: dict[type, tuple[Any, str, int]] = {
    ast.Add: (fn.add, "+", 11),
    ast.Sub: (fn.sub, "-", 11),
    ast.Mult: (fn.mul, "*", 12),
    ast.Div: (fn.div, "/", 12),
    ast.FloorDiv: (fn.floordiv, "//", 12),
    ast.Mod: (fn.mod, "%", 12),
    ast.Pow: (fn.power, "**", 14),
}
_UNARY: dict[type, tuple[Any, str]] = {
    ast.USub: (fn.neg, "-"),
    ast.UAdd: (fn.pos, "+"),
    ast.Not: (fn.not_, "not "),
}
_COMPARE: dict[type, tuple[Any, str]] = {
    ast.Eq: (fn.eq, "=="),
    ast.NotEq: (fn.ne, "!="),
    ast.Lt: (fn.lt, "<"),
    ast.LtE: (fn.le, "<="),
    ast.Gt: (fn.gt, ">"),
    ast.GtE: (fn.ge, ">="),
}
_OPERATORS: dict[type, Any] = {
    **{k: v[0] for k, v in _BINOPS.items()},
    **{k: v[0] for k, v in _UNARY.items()},
    **{k: v[0] for k, v in _COMPARE.items()},
}

_REFUSED = {
    "Attribute": N_("attribute access (x.y) is not allowed"),
    "Subscript": N_("subscripts (x[i]) are not allowed"),
    "Lambda": N_("lambda is not allowed"),
    "ListComp": N_("comprehensions are not allowed"),
    "SetComp": N_("comprehensions are not allowed"),
    "DictComp": N_("comprehensions are not allowed"),
    "GeneratorExp": N_("comprehensions are not allowed"),
    "List": N_("lists are not allowed"),
    "Tuple": N_("tuples are not allowed"),
    "Set": N_("sets are not allowed"),
    "Dict": N_("dicts are not allowed"),
    "JoinedStr": N_("f-strings are not allowed"),
    "NamedExpr": N_("assignment (:=) is not allowed"),
    "Starred": N_("* unpacking is not allowed"),
    "Await": N_("await is not allowed"),
    "Yield": N_("yield is not allowed"),
    "YieldFrom": N_("yield is not allowed"),
    "Slice": N_("slices are not allowed"),
}


def _refused(what: str) -> str:
    """``what`` (already in the interface language) and what a formula may hold."""
    return _(
        "{what}; allowed: numbers, names, + - * / // % **, comparisons, and/or/not, "
        "x if c else y, and the functions {functions}"
    ).format(what=what, functions=_(", ").join(FUNCTIONS))


class _Evaluator(SimpleEval):  # type: ignore[misc]
    """simpleeval's walker restricted to the checked node types, with exact
    operators, that can record every node's value."""

    def __init__(self) -> None:
        super().__init__(operators=_OPERATORS, functions={}, names={})
        self.nodes = {
            ast.Name: self._eval_name,
            ast.UnaryOp: self._eval_unaryop,
            ast.BinOp: self._eval_binop,
            ast.BoolOp: self._eval_boolop,
            ast.Compare: self._eval_compare,
            ast.IfExp: self._eval_ifexp,
            ast.Call: self._eval_call,
            ast.Constant: self._eval_constant,
        }
        self.record: dict[int, Value] | None = None

    def _eval(self, node: ast.AST) -> Value:
        result: Value = self.nodes[type(node)](node)
        if self.record is not None:
            self.record[id(node)] = result
        return result

    def _eval_binop(self, node: ast.BinOp) -> Value:
        try:
            return self.operators[type(node.op)](self._eval(node.left), self._eval(node.right))  # type: ignore[no-any-return]
        except FormulaError as e:
            if e.offset is None:
                e.offset = (
                    node.right.col_offset if node.op.__class__ is not ast.Pow else node.col_offset
                )
            raise

    def _eval_call(self, node: ast.Call) -> Value:
        args = [self._eval(a) for a in node.args]
        try:
            return FUNCTIONS[node.func.id].fn(*args)  # type: ignore[attr-defined]
        except FormulaError as e:
            if e.offset is None:
                e.offset = node.col_offset
            raise

    def _eval_compare(self, node: ast.Compare) -> Value:
        try:
            return super()._eval_compare(node)  # type: ignore[no-any-return]
        except FormulaError as e:
            if e.offset is None:
                e.offset = node.col_offset
            raise

    def _eval_name(self, node: ast.Name) -> Value:
        try:
            return self.names[node.id]  # type: ignore[no-any-return]
        except KeyError:
            raise FormulaError(
                _("no value for '{id}'").format(id=node.id), node.col_offset
            ) from None


@record
class Formula:
    """A compiled formula. Picklable; the evaluator is rebuilt on demand."""

    text: str
    tree: ast.expr
    names: frozenset[str]
    #: offset of the parsed text inside ``text`` (leading blanks)
    shift: int = 0
    _evaluator: _Evaluator | None = field(default=None, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_evaluator"] = None
        state.pop("_height_cache", None)  # keyed by node ids, which do not survive
        return state

    @functools.cached_property
    def labels(self) -> frozenset[str]:
        """The texts the formula compares ``actual`` with (``actual == '是'``): an
        indicator scored by it takes them as its actual, besides numbers."""
        found: set[str] = set()
        for node in ast.walk(self.tree):
            if not isinstance(node, ast.Compare):
                continue
            sides = [node.left, *node.comparators]
            if any(isinstance(x, ast.Name) and x.id == "actual" for x in sides):
                found.update(
                    x.value
                    for x in sides
                    if isinstance(x, ast.Constant) and isinstance(x.value, str)
                )
        return frozenset(found)

    @functools.cached_property
    def labels_only(self) -> bool:
        """Whether the formula uses ``actual`` only to compare it, by ``==`` or
        ``!=``, with texts (``weight if actual == '是' else 0``): a number is then
        none of them whatever it is, and an indicator scored by it takes a label."""
        if not self.labels:
            return False
        with_texts = sum(
            _is_actual(side) and _compared_with_texts(node, i)
            for node in ast.walk(self.tree)
            if isinstance(node, ast.Compare)
            for i, side in enumerate([node.left, *node.comparators])
        )
        return with_texts == sum(_is_actual(node) for node in ast.walk(self.tree))

    def _ev(self) -> _Evaluator:
        if self._evaluator is None:
            self._evaluator = _Evaluator()
        return self._evaluator

    def evaluate(self, names: Mapping[str, Value]) -> Value:
        ev = self._ev()
        ev.names = names
        ev.record = None
        try:
            return ev._eval(self.tree)
        except FormulaError as e:
            if e.offset is not None:
                e.offset = self.shift + _chars(self.text[self.shift :], e.offset)
            raise

    def evaluate_traced(self, names: Mapping[str, Value]) -> tuple[Value, dict[int, Value]]:
        ev = self._ev()
        ev.names = names
        record: dict[int, Value] = {}
        ev.record = record
        try:
            value = ev._eval(self.tree)
        except FormulaError as e:
            if e.offset is not None:
                e.offset = self.shift + _chars(self.text[self.shift :], e.offset)
            raise
        finally:
            ev.record = None
        return value, record

    def reduction(
        self, names: Mapping[str, Value], record: Mapping[int, Value], compact: bool = False
    ) -> list[str]:
        """The arithmetic, one line per stage: names substituted, then the
        innermost operations replaced by their values, until one value is left."""
        heights = self._heights()
        top = heights[id(self.tree)]
        lines: list[str] = [" ".join(self.text.split())]
        for stage in range(0, top + 1):
            text = _render(self.tree, names, record, heights, stage, compact)
            if lines[-1] != text:
                lines.append(text)
        return lines

    def untaken(self, names: Mapping[str, Value], record: Mapping[int, Value]) -> list[str]:
        """For every conditional evaluated: its condition's value and the branch not
        taken, as written (its arithmetic is never shown: it was never computed)."""
        heights = self._heights()
        out: list[str] = []
        for node in ast.walk(self.tree):
            if not isinstance(node, ast.IfExp) or id(node.test) not in record:
                continue
            test = _render(node.test, names, record, heights, 0, False)
            if record[id(node.test)]:
                other = _render(node.orelse, {}, {}, heights, -1, False)
                out.append(
                    msg("condition {test} holds: {branch} not taken", test=test, branch=other)
                )
            else:
                other = _render(node.body, {}, {}, heights, -1, False)
                out.append(
                    msg("condition {test} fails: {branch} not taken", test=test, branch=other)
                )
        return out

    def brief(self, names: Mapping[str, Value], record: Mapping[int, Value]) -> str:
        """One short line for a table: the formula with the numbers in (compact)."""
        heights = self._heights()
        text = _render(self.tree, names, record, heights, 0, True)
        if text == " ".join(self.text.split()) or heights[id(self.tree)] == 0:
            return _render(self.tree, names, record, heights, heights[id(self.tree)], True)
        return text

    def _heights(self) -> dict[int, int]:
        """Each node's height, computed once per process (keys are node ids)."""
        cached: dict[int, int] | None = self.__dict__.get("_height_cache")
        if cached is None:
            cached = _heights(self.tree)
            self.__dict__["_height_cache"] = cached
        return cached


def _heights(tree: ast.AST) -> dict[int, int]:
    heights: dict[int, int] = {}
    order: list[ast.AST] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(_children(node))
    for node in reversed(order):
        kids = _children(node)
        heights[id(node)] = 1 + max((heights[id(k)] for k in kids), default=-1)
    return heights


def _children(node: ast.AST) -> list[ast.expr]:
    if isinstance(node, ast.BinOp):
        return [node.left, node.right]
    if isinstance(node, ast.UnaryOp):
        return [node.operand]
    if isinstance(node, ast.BoolOp):
        return list(node.values)
    if isinstance(node, ast.Compare):
        return [node.left, *node.comparators]
    if isinstance(node, ast.IfExp):
        return [node.test, node.body, node.orelse]
    if isinstance(node, ast.Call):
        return list(node.args)
    return []


def _prec(node: ast.AST) -> int:
    if isinstance(node, ast.IfExp):
        return 1
    if isinstance(node, ast.BoolOp):
        return 2 if isinstance(node.op, ast.Or) else 3
    if isinstance(node, ast.UnaryOp):
        return 4 if isinstance(node.op, ast.Not) else 13
    if isinstance(node, ast.Compare):
        return 5
    if isinstance(node, ast.BinOp):
        return _BINOPS[type(node.op)][2]
    return 16


def _atom(value: Value, compact: bool = False) -> tuple[str, int]:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"', 16
    text = format_value(value, max_places=4 if compact else 10)
    return text, (13 if text.startswith("-") else 16)


def _render(
    node: ast.expr,
    names: Mapping[str, Value],
    record: Mapping[int, Value],
    heights: Mapping[int, int],
    stage: int,
    compact: bool,
) -> str:
    return _render_p(node, names, record, heights, stage, compact)[0]


def _render_p(
    node: ast.expr,
    names: Mapping[str, Value],
    record: Mapping[int, Value],
    heights: Mapping[int, int],
    stage: int,
    compact: bool,
) -> tuple[str, int]:
    """Render ``node``; nodes whose height is at most ``stage`` and that were
    evaluated show their value. Stage -1 is the formula as written."""

    def sub(child: ast.expr, min_prec: int) -> str:
        text, p = _render_p(child, names, record, heights, stage, compact)
        if p < min_prec or (text.startswith("-") and isinstance(node, ast.BinOp)):
            return f"({text})"  # also (-5) as an operand: clearer than 0 - -5
        return text

    if isinstance(node, ast.Constant):
        literal: str | None = getattr(node, "scorecard_text", None)
        return literal or _atom(node.value)[0], 16  # type: ignore[arg-type]
    if isinstance(node, ast.Name):
        if stage >= 0 and node.id in names:
            return _atom(names[node.id], compact)
        return node.id, 16
    if stage >= 0 and heights[id(node)] <= stage and id(node) in record:
        return _atom(record[id(node)], compact)
    prec = _prec(node)
    if isinstance(node, ast.BinOp):
        sym = _BINOPS[type(node.op)][1]
        if compact and sym == "*":
            sym = "×"
        right_assoc = isinstance(node.op, ast.Pow)
        left = sub(node.left, prec + 1 if right_assoc else prec)
        right = sub(node.right, prec if right_assoc else prec + 1)
        if compact and sym == "/":
            return f"{left}/{right}", prec
        return f"{left} {sym} {right}", prec
    if isinstance(node, ast.UnaryOp):
        return _UNARY[type(node.op)][1] + sub(node.operand, prec), prec
    if isinstance(node, ast.BoolOp):
        word = " and " if isinstance(node.op, ast.And) else " or "
        return word.join(sub(v, prec + 1) for v in node.values), prec
    if isinstance(node, ast.Compare):
        parts = [sub(node.left, prec + 1)]
        for op, comp in zip(node.ops, node.comparators, strict=True):
            parts.append(_COMPARE[type(op)][1])
            parts.append(sub(comp, prec + 1))
        return " ".join(parts), prec
    if isinstance(node, ast.IfExp):
        if stage >= 0 and id(node.test) in record:
            # only the branch taken is arithmetic; the other is never computed
            if heights[id(node.test)] <= stage:
                taken = node.body if record[id(node.test)] else node.orelse
                return _render_p(taken, names, record, heights, stage, compact)
            test = sub(node.test, prec + 1)
            if record[id(node.test)]:
                return f"{sub(node.body, prec + 1)} if {test} else …", prec
            return f"… if {test} else {sub(node.orelse, prec)}", prec
        return (
            f"{sub(node.body, prec + 1)} if {sub(node.test, prec + 1)} "
            f"else {sub(node.orelse, prec)}",
            prec,
        )
    if isinstance(node, ast.Call):
        fname = node.func.id  # type: ignore[attr-defined]
        return f"{fname}({', '.join(sub(a, 0) for a in node.args)})", 16
    raise AssertionError(type(node).__name__)  # pragma: no cover - checked at compile


#: signs a formula copied from a document's text may hold, and what to write
TYPED_SIGNS = {
    "×": "*",
    "÷": "/",
    "≥": ">=",
    "≤": "<=",
    "≠": "!=",
    "（": "(",
    "）": ")",
    "，": ",",
    "＋": "+",
    "－": "-",
    "−": "-",
    "＊": "*",
    "／": "/",
    "＝": "==",
    "＜": "<",
    "＞": ">",
    "％": "/ 100",
}

#: quoted text in a formula (a label): its signs are text, not the formula's
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
#: an equals sign alone (not in ==, <=, >=, !=, => or =<): a comparison as a document writes it
_LONE_EQUALS = re.compile(r"(?<![=<>!])=(?![=<>])")
#: >= and <= written the other way round
_ARROWS = re.compile(r"=>|=<")

#: Python's words for a formula that does not parse, as a person reads them
_SYNTAX = {
    "invalid syntax": N_("a sign or a name is missing or one too many"),
    "unmatched ')'": N_("a ')' with no '(' before it"),
    "unmatched ']'": N_("a ']' with no '[' before it"),
    "unterminated string literal": N_("a quote is not closed"),
    "expected 'else' after 'if' expression": N_("an if with no else: write x if c else y"),
    "closing parenthesis": N_("brackets that do not match"),
}
_NEVER_CLOSED = re.compile(r"'(.)' was never closed")


def _syntax_message(said: str) -> str:
    """Python's reason a formula does not parse, in the interface's language."""
    for words, ours in _SYNTAX.items():
        if said.startswith(words):
            return _(ours)
    m = _NEVER_CLOSED.match(said)
    if m is not None:
        return _("unclosed '{bracket}'").format(bracket=m[1])
    if said.startswith("invalid") and said.endswith("literal"):  # 9a, 0x, 0o9: a number's end
        return _("a number runs into a name")
    if said.startswith("invalid character"):
        return _("a character no formula holds: {said}").format(said=said.split(" ", 2)[-1])
    return said.split(". ")[0]  # "invalid syntax. Perhaps you forgot a comma?" and the like


def _syntax_error(e: SyntaxError, body: str, shift: int, known: frozenset[str]) -> FormulaError:
    """What is wrong with a formula Python cannot parse, placed where it is."""
    offset = None
    if (e.lineno or 1) == 1:
        offset = shift + (e.offset - 1 if e.offset else len(body))
    at = offset - shift if offset is not None else None
    typed = body[at] if at is not None and at < len(body) else ""
    if typed in TYPED_SIGNS:  # copied from a document's text: × ÷ ≥ （
        return FormulaError(
            _(
                "'{typed}' is not an operator of a formula; write '{plain}' (× as *, ÷ as /, "
                "≥ as >=, ≤ as <=, ≠ as !=, （ ） as ( ))"
            ).format(typed=typed, plain=TYPED_SIGNS[typed]),
            offset,
        )
    bare = _QUOTED.sub(lambda m: " " * len(m[0]), body)  # a label's signs are its text
    arrow = _ARROWS.search(bare)
    if arrow is not None:
        return FormulaError(
            _("'{sign}' is written {fix}").format(
                sign=arrow[0], fix=">=" if arrow[0] == "=>" else "<="
            ),
            shift + arrow.start(),
        )
    lone = _LONE_EQUALS.search(bare)
    said = _syntax_message(e.msg or "")
    if (e.msg or "").startswith("expected 'else'"):  # where the else is missing: the end
        offset = shift + len(body)
    if lone is not None:
        said, offset = _("to compare, write == (a single = sets)"), shift + lone.start()
    return FormulaError(
        _("not a valid expression ({msg}); write e.g. {example}").format(
            msg=said, example=_example(known)
        ),
        offset,
    )


def _example(known: frozenset[str]) -> str:
    """A formula to follow: a score's, where a score's names are known; else one
    of the names given (an actual worked from inputs)."""
    if "actual" in known:
        return "weight * min(actual / target, 1)"
    names = sorted(n for n in known if n.isidentifier())[:2]  # no order of meaning: a sum
    return f"({names[0]} + {names[1]}) / 2" if len(names) == 2 else "spent / budget * 100"


def compile_formula(text: str, known: Iterable[str]) -> Formula:
    """Parse and check ``text``; raise :class:`FormulaError` (with the offset in
    ``text``) for anything refused. ``known`` are the names it may use."""
    if not isinstance(text, str) or not text.strip():
        raise FormulaError(_("empty; write an expression such as actual / target"))
    if len(text) > MAX_FORMULA_CHARS:
        raise FormulaError(
            _("{text} characters long; at most {max_formula_chars} are allowed").format(
                text=len(text), max_formula_chars=MAX_FORMULA_CHARS
            )
        )
    body = text.strip()
    shift = len(text) - len(text.lstrip())
    try:
        tree = ast.parse(body, mode="eval").body
    except SyntaxError as e:
        raise _syntax_error(e, body, shift, frozenset(known)) from None
    except (RecursionError, MemoryError, ValueError):
        raise FormulaError(
            _("nested too deeply (more than {max_formula_depth} levels)").format(
                max_formula_depth=MAX_FORMULA_DEPTH
            )
        ) from None
    known_names = frozenset(known)
    try:
        used = _check(tree, body, known_names, shift)
        formula = Formula(text=text, tree=tree, names=frozenset(used), shift=shift)
        _numbers_as_labels(formula)
        _labels_first(formula)
        _fold_constants(formula)
    except FormulaError as e:  # placed by the syntax tree, in bytes of UTF-8
        if e.offset is not None:
            e.offset = shift + _chars(body, e.offset - shift)
        raise
    return formula


def _chars(body: str, offset: int) -> int:
    """The characters of ``body`` before its ``offset``-th byte of UTF-8 (the
    syntax tree's columns count bytes: a label such as '是' before a node is
    three of them)."""
    if body.isascii():
        return offset
    return len(body.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))


def _labels_first(formula: Formula) -> None:
    """Refuse a label compared after ``actual`` is used as a number in the same
    choice (``actual >= target or actual == '免检'``, or ``… if actual >= target
    else …`` with the label in a branch): an actual that is the label stops at
    the number's use, so the label could never score. A part of the choice that
    compares a label itself is left alone: it may be what guards the number."""
    if not formula.labels:
        return
    for node in ast.walk(formula.tree):
        if isinstance(node, ast.BoolOp):
            steps = [[v] for v in node.values]
        elif isinstance(node, ast.IfExp):
            steps = [[node.test], [node.body, node.orelse]]
        else:
            continue
        for k, step in enumerate(steps):
            # a part that tests a label itself may be guarding its use of the number
            if not any(_number_use(p) is not None and _label_test(p) is None for p in step):
                continue
            later = [_label_test(part) for rest in steps[k + 1 :] for part in rest]
            label = next((x for x in later if x is not None), None)
            if label is not None:
                raise FormulaError(
                    _(
                        "'{label}' is compared with actual after actual is used as a number, "
                        "which an actual '{label}' cannot be; compare the label first, e.g. "
                        "actual == '{label}' or …"
                    ).format(label=label.value),
                    label.col_offset + formula.shift,
                )


def _is_actual(node: ast.AST) -> bool:
    return isinstance(node, ast.Name) and node.id == "actual"


def _compared_with_texts(node: ast.Compare, i: int) -> bool:
    """Whether side ``i`` of a comparison is compared, by ``==`` or ``!=``, only
    with texts (its neighbours in a chain such as ``'是' == actual``)."""
    sides = [node.left, *node.comparators]
    for k in (i - 1, i):  # the operators on either side of it
        if 0 <= k < len(node.ops):
            other = sides[k] if k == i - 1 else sides[k + 1]
            if not isinstance(node.ops[k], ast.Eq | ast.NotEq) or not (
                isinstance(other, ast.Constant) and isinstance(other.value, str)
            ):
                return False
    return True


def _number_use(tree: ast.AST) -> ast.AST | None:
    """The first place ``tree`` uses ``actual`` as a number (ordered, in arithmetic
    or a function), if any."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            for i, op in enumerate(node.ops):
                if not isinstance(op, ast.Eq | ast.NotEq) and (
                    _is_actual(sides[i]) or _is_actual(sides[i + 1])
                ):
                    return node
        elif isinstance(node, ast.BinOp | ast.UnaryOp | ast.Call) and any(
            _is_actual(x) for x in ast.walk(node)
        ):
            return node
    return None


def _label_test(tree: ast.AST) -> ast.Constant | None:
    """The first text ``tree`` compares ``actual`` with, if any."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and any(
            _is_actual(x) for x in [node.left, *node.comparators]
        ):
            for x in [node.left, *node.comparators]:
                if isinstance(x, ast.Constant) and isinstance(x.value, str):
                    return x
    return None


def _numbers_as_labels(formula: Formula) -> None:
    """Refuse a label that reads as a number (``actual == '1'``): a table's cell or
    a value 1 is the number 1, which never equals the text."""
    from ..base.numbers import looks_numeric

    for node in ast.walk(formula.tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value in formula.labels
            and looks_numeric(node.value.strip())
        ):
            raise FormulaError(
                _(
                    "text '{value}' is compared with actual, but an actual {value} is read as "
                    "a number; compare with the number itself (actual == {value})"
                ).format(value=node.value.strip()),
                node.col_offset + formula.shift,
            )


def _check(tree: ast.expr, source: str, known: frozenset[str], shift: int) -> set[str]:
    used: set[str] = set()
    stack: list[tuple[ast.AST, int, ast.AST | None]] = [(tree, 1, None)]
    while stack:
        node, depth, parent = stack.pop()
        offset = getattr(node, "col_offset", None)
        at = (offset + shift) if offset is not None and getattr(node, "lineno", 1) == 1 else None
        if depth > MAX_FORMULA_DEPTH:
            raise FormulaError(
                _("nested too deeply (more than {max_formula_depth} levels)").format(
                    max_formula_depth=MAX_FORMULA_DEPTH
                ),
                at,
            )
        kind = type(node).__name__
        if isinstance(node, ast.BinOp):
            if type(node.op) not in _BINOPS:
                sym = {
                    "LShift": "<<",
                    "RShift": ">>",
                    "BitAnd": "&",
                    "BitOr": "|",
                    "BitXor": "^",
                    "MatMult": "@",
                }.get(type(node.op).__name__, "?")
                raise FormulaError(
                    _("operator '{sym}' is not allowed; allowed operators: + - * / // % **").format(
                        sym=sym
                    ),
                    at,
                )
        elif isinstance(node, ast.UnaryOp):
            if type(node.op) not in _UNARY:
                raise FormulaError(_("operator '~' is not allowed; allowed: - + not"), at)
        elif isinstance(node, ast.Compare):
            for op in node.ops:
                if type(op) not in _COMPARE:
                    word = {"In": "in", "NotIn": "not in", "Is": "is", "IsNot": "is not"}.get(
                        type(op).__name__, "?"
                    )
                    raise FormulaError(
                        _("'{word}' is not allowed; compare with == != < <= > >=").format(
                            word=word
                        ),
                        at,
                    )
        elif isinstance(node, ast.Call):
            _check_call(node, at)
        elif isinstance(node, ast.Name):
            _check_name(node, known, at)
            used.add(node.id)
        elif isinstance(node, ast.Constant):
            _check_constant(node, source, at)
            if isinstance(node.value, str) and not (
                isinstance(parent, ast.Compare)
                and all(isinstance(op, ast.Eq | ast.NotEq) for op in parent.ops)
            ):
                raise FormulaError(
                    _(
                        "text '{value}' can only be compared with == or != (e.g. actual == "
                        '"{value}"); a formula computes with numbers'
                    ).format(value=node.value),
                    at,
                )
        elif not isinstance(node, ast.BoolOp | ast.IfExp):
            raise FormulaError(
                _refused(
                    _(_REFUSED[kind])
                    if kind in _REFUSED
                    else _("{kind} is not allowed").format(kind=kind)
                ),
                at,
            )
        stack.extend((child, depth + 1, node) for child in reversed(_children(node)))
    return used


def _check_constant_rest(node: ast.expr, ev: _Evaluator, at: int | None) -> None:
    """A call whose arguments after the first are constants, of a function that
    checks those whatever the first is (``clamp(actual, 10, 1)``,
    ``round_half_up(actual, 100)``): checked now, with 1 for the first, since it
    would fail on every score."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
        return
    spec = FUNCTIONS.get(node.func.id)
    rest = node.args[1:]
    if spec is None or not spec.rest_checked or not rest or any(map(_free_names, rest)):
        return
    try:
        spec.fn(Fraction(1), *(ev._eval(a) for a in rest))
    except FormulaError as e:
        raise FormulaError(str(e), at) from None


def _check_call(node: ast.Call, at: int | None) -> None:
    if not isinstance(node.func, ast.Name):
        kind = type(node.func).__name__
        if kind in _REFUSED:
            where = at + node.func.col_offset - node.col_offset if at is not None else None
            raise FormulaError(_refused(_(_REFUSED[kind])), where)
        raise FormulaError(_refused(_("only the listed functions can be called")), at)
    name = node.func.id
    spec = FUNCTIONS.get(name)
    if spec is None:
        raise FormulaError(
            _("unknown function '{name}'{hint}; functions: {list}").format(
                name=name, hint=did_you_mean(name, FUNCTIONS), list=_(", ").join(FUNCTIONS)
            ),
            at,
        )
    if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
        raise FormulaError(
            _("call {signature} with plain arguments only").format(signature=spec.signature), at
        )
    n = len(node.args)
    if n < spec.min_args or (spec.max_args is not None and n > spec.max_args):
        raise FormulaError(f"{name}() takes {_arity(spec)}, got {n}; use {spec.signature}", at)


def _arity(spec: fn.Function) -> str:
    if spec.max_args is None:
        return f"at least {spec.min_args} argument" + ("s" if spec.min_args != 1 else "")
    if spec.min_args == spec.max_args:
        return f"{spec.min_args} argument" + ("s" if spec.min_args != 1 else "")
    return f"{spec.min_args} to {spec.max_args} arguments"


def _check_name(node: ast.Name, known: frozenset[str], at: int | None) -> None:
    if node.id in known:
        return
    if node.id in FUNCTIONS:
        raise FormulaError(
            _("'{id}' is a function; call it as {signature}").format(
                id=node.id, signature=FUNCTIONS[node.id].signature
            ),
            at,
        )
    hint = did_you_mean(node.id, known | set(FUNCTIONS))
    listed = _(", ").join(sorted(known)) or _("none")
    err = FormulaError(
        _("unknown name '{id}'{hint}; names here: {listed}").format(
            id=node.id, hint=hint, listed=listed
        ),
        at,
    )
    err.name = node.id
    raise err


def _check_constant(node: ast.Constant, source: str, at: int | None) -> None:
    value = node.value
    if isinstance(value, bool):
        node.value = value
        return
    if isinstance(value, int | float):
        text = ast.get_source_segment(source, node) or repr(value)
        try:
            node.value = parse_number(text.replace("_", ""))  # type: ignore[assignment]
        except NumberError as e:
            raise FormulaError(
                _("{error}; write a plain decimal number").format(error=e), at
            ) from None
        node.scorecard_text = text  # type: ignore[attr-defined]
        return
    if isinstance(value, str):
        if len(value) > MAX_LABEL_CHARS:
            raise FormulaError(
                _("text longer than {max_label_chars} characters").format(
                    max_label_chars=MAX_LABEL_CHARS
                ),
                at,
            )
        return
    what = {
        complex: _("complex numbers"),
        bytes: "bytes",
        type(None): "None",
        type(...): "...",
    }.get(type(value), type(value).__name__)
    raise FormulaError(_refused(_("{what} are not allowed").format(what=what)), at)


def _free_names(node: ast.AST) -> bool:
    """Does the expression use any variable (function names do not count)?"""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, ast.Name):
            return True
        stack.extend(_children(n))
    return False


def _fold_constants(formula: Formula) -> None:
    """Evaluate every constant sub-expression once, so that a refused power, a
    function out of its domain or a division by zero written in the text is
    reported at compile time; a divisor that is always 0 is refused too."""
    stack: list[ast.expr] = [formula.tree]
    ev = formula._ev()
    ev.names = {}

    def at(node: ast.expr) -> int | None:
        return node.col_offset + formula.shift if getattr(node, "lineno", 1) == 1 else None

    while stack:
        node = stack.pop()
        if isinstance(node, ast.Constant | ast.Name):
            continue
        if not _free_names(node):
            try:
                ev._eval(node)
            except FormulaError as e:
                e.offset = (e.offset + formula.shift) if e.offset is not None else at(node)
                raise
            continue
        _check_constant_rest(node, ev, at(node))
        if (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Div | ast.FloorDiv | ast.Mod)
            and not _free_names(node.right)
        ):
            try:
                divisor = ev._eval(node.right)
            except FormulaError as e:
                e.offset = (e.offset + formula.shift) if e.offset is not None else at(node.right)
                raise
            if divisor == 0:
                raise FormulaError(_("division by zero: the divisor is always 0"), at(node.right))
        stack.extend(_children(node))


def is_number(v: Value) -> bool:
    return isinstance(v, Fraction) and not isinstance(v, bool)
