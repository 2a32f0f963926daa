"""The batch fast path: column-wise float64 evaluation with a proven error bound,
and the exact path for every value the bound cannot decide.

Every number is carried as (value, bound): the float result and an upper
bound on its distance from the exact rational result. Each operation widens the
bound by the textbook rule for IEEE-754 double arithmetic (unit roundoff
u = 2⁻⁵³); inputs start with |x|·u, the most a correctly rounded decimal-to-
double conversion can be off. A comparison is decided only where the operands
differ by more than their bounds; rounding to the spec's places is decided only
where the value is farther than its bound from every rounding boundary. A value
the bound cannot decide is computed exactly, once per distinct combination of
its cells; so is every value of a leaf whose formula has no bound here (sqrt,
floor, //, %, text compared) and every chosen score of a grade range. Groups
that are not sums are worked in integers (:mod:`engine.batch.aggregates`), N/A
marks kind by kind of row (:mod:`engine.batch.patterns`). A row with anything
else the plan does not cover (overrides, unusual number forms, a cell the exact
reader refuses) is scored by the exact path whole, so the output is always what
exact arithmetic gives. The differential tests hold the two paths to each other.

The plan is plain picklable data, and :func:`score_chunk` is a pure function
over a chunk of rows, so the work can be spread over processes.
"""

from __future__ import annotations

import ast
import re
from dataclasses import field, replace
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from ..base.records import record
from ..spec.formula import Formula
from ..spec.methods import BandsMethod, FormulaMethod, GradesMethod
from ..spec.model import Indicator, Spec
from .aggregates import GroupPlan, capped, clamp, group_plan, scaled
from .rational import leaf_units
from .walk import walk

F64 = npt.NDArray[np.float64]
BOOL = npt.NDArray[np.bool_]
U = 2.0**-53
#: characters a plain decimal cell may contain on the rows path, which small tables
#: take (anything else goes the exact way, exponents too; the column path reads
#: them: decisions §42)
_NOT_PLAIN = re.compile(r"[^0-9.+\-\n]")
#: the exact reader's limits (engine.numbers), with room: a cell at or beyond
#: them goes the exact way, which accepts or refuses it
_MAX = 1e21
_TINY = 1e-20
_LONGEST = 40


class Unsupported(Exception):
    """The spec uses something the fast path does not cover."""


class Unbounded(Unsupported):
    """A leaf's arithmetic has no error bound here (a function such as sqrt or
    floor, // or %, a large power): the leaf is scored exactly, once per
    distinct combination of its cells."""


@record
class Num:
    """A float column with its error bound, and the rows it cannot be trusted on."""

    v: F64
    e: F64
    und: BOOL  # rows where the value could not be trusted at all


@record
class Bool:
    """A truth column, and the rows it cannot be trusted on."""

    b: BOOL
    und: BOOL


@record(frozen=True)
class LeafPlan:
    """How the fast path scores one leaf indicator, column-wise."""

    id: str
    kind: str  # formula bands grades exact (scored exactly per distinct cells)
    formula: Formula | None
    derive: Formula | None
    consts: tuple[tuple[str, Fraction], ...]
    weight: Fraction
    #: the indicator's own method and target: the exact way for undecided cells
    method: Any = None
    target: Fraction | None = None
    #: the inputs its formulas read
    needs: tuple[str, ...] = ()
    bands: tuple[tuple[Fraction | None, Fraction | None, int], ...] = ()
    grades: tuple[tuple[str, int], ...] = ()
    #: grades that are a range: the chosen score (a ``score.ID`` column) is the score
    ranges: tuple[tuple[str, Fraction, Fraction], ...] = ()
    #: the key of its exact scores in a chunk's memo (the id and, with another
    #: weight than the spec's, that weight)
    memo: str = ""
    #: the weight the spec gives it, when ``weight`` is another (redistributed)
    nominal: Fraction | None = None


@record(frozen=True)
class Plan:
    """A spec made into column-wise steps: its leaves, its groups and its total."""

    places: int
    mode: str
    leaves: tuple[LeafPlan, ...]
    #: every indicator id in walk order, with its children's positions (groups)
    order: tuple[str, ...]
    children: tuple[tuple[int, ...], ...]
    fulls: tuple[Fraction, ...]
    top: tuple[int, ...]
    grade_mins: tuple[tuple[str, int], ...]
    inputs: tuple[str, ...]
    #: per indicator (walk order), how a group that is not a sum aggregates
    #: (:mod:`engine.batch.aggregates`); None for sums and leaves
    groups: tuple[GroupPlan | None, ...] = ()
    #: how the total aggregates, when not by a sum
    total: GroupPlan | None = None
    #: the plans of patterns of N/A marks, made as met (:mod:`engine.batch.patterns`)
    variants: dict[Any, Any] = field(default_factory=dict, compare=False)


def make_plan(spec: Spec) -> Plan | None:
    """A fast-path plan for ``spec``, or None when it uses what the plan cannot."""
    try:
        return _plan(spec)
    except Unsupported:
        return None


def _plan(spec: Spec) -> Plan:
    r = spec.rounding
    scale = 10**r.places
    if r.apply != "each" or (spec.total * scale).denominator != 1:
        raise Unsupported("rounding of the total only, or full marks beyond the places")
    if spec.total * scale >= 2**53:  # a total (a mean's full marks) past a double's integers
        raise Unsupported("a total of too many units")
    leaves: list[LeafPlan] = []
    inputs = set(spec.inputs)
    order = [i.id for i in spec.walk()]
    index = {iid: n for n, iid in enumerate(order)}
    children: list[tuple[int, ...]] = []
    groups: list[GroupPlan | None] = []
    for ind in spec.walk():
        agg = ind.aggregate
        groups.append(
            group_plan(agg.kind, list(ind.children), ind.weight, agg.formula)
            if ind.is_group and agg.kind != "sum"
            else None
        )
        units = ind.weight * scale
        if units.denominator != 1 or units >= 2**53:
            # a score rounded above such full marks is the full marks (not whole
            # units); beyond 2**53 units a double does not hold every integer
            raise Unsupported("a weight that is not a whole number of units, or too many")
        children.append(tuple(index[c.id] for c in ind.children))
        if not ind.is_group:
            leaf = _leaf(ind, r.places, r.mode)
            needs = tuple(sorted({n for f in _formulas(ind) for n in f.names} & inputs))
            leaves.append(replace(leaf, needs=needs))
    mins = []
    for g in spec.grades:
        scaled = g.min * scale
        mins.append((g.grade, -((-scaled.numerator) // scaled.denominator)))  # ceil
    return Plan(
        r.places,
        r.mode,
        tuple(leaves),
        tuple(order),
        tuple(children),
        tuple(i.weight for i in spec.walk()),
        tuple(index[t.id] for t in spec.indicators),
        tuple(mins),
        tuple(spec.inputs),
        tuple(groups),
        group_plan(spec.aggregate.kind, list(spec.indicators), spec.total, spec.aggregate.formula)
        if spec.aggregate.kind != "sum"
        else None,
    )


def _leaf(ind: Indicator, places: int, mode: str, nominal: Fraction | None = None) -> LeafPlan:
    """The plan of one leaf; ``nominal``: the weight the spec gives it, when its
    weight here is another (redistributed: band points scale with it)."""
    try:
        return _bounded_leaf(ind, places, mode, nominal)
    except Unbounded:
        return LeafPlan(
            ind.id,
            "exact",
            None,
            ind.derive,
            (),
            ind.weight,
            ind.method,
            ind.target,
            nominal=nominal,
        )


def _formulas(ind: Indicator) -> list[Formula]:
    """The leaf's formulas: its derivation and its method's."""
    m = ind.method
    own = [m.formula] if isinstance(m, FormulaMethod) else []
    return [f for f in (ind.derive, *own) if f is not None]


def _bounded_leaf(
    ind: Indicator, places: int, mode: str, nominal: Fraction | None = None
) -> LeafPlan:
    m = ind.method
    if isinstance(m, FormulaMethod):
        _check_tree(m.formula.tree)
        if ind.derive is not None:
            _check_tree(ind.derive.tree)
        consts = dict(m.params)
        if ind.target is not None:
            consts["target"] = ind.target
        return LeafPlan(
            ind.id,
            "formula",
            m.formula,
            ind.derive,
            tuple(consts.items()),
            ind.weight,
            m,
            ind.target,
        )
    if isinstance(m, BandsMethod):
        if ind.derive is not None:
            _check_tree(ind.derive.tree)
        ratio = ind.weight / nominal if nominal is not None else Fraction(1)
        points = [
            b.points * ratio if b.points is not None else ind.weight * (b.fraction or 0)
            for b in m.bands
        ]
        bands = tuple(
            (b.min, b.max, scaled(p, places, mode)) for b, p in zip(m.bands, points, strict=True)
        )
        if any(
            b.points is not None and p > ind.weight for b, p in zip(m.bands, points, strict=True)
        ):
            raise Unbounded("band points above the weight")
        return LeafPlan(
            ind.id,
            "bands",
            None,
            ind.derive,
            (),
            ind.weight,
            m,
            ind.target,
            bands=bands,
            nominal=nominal,
        )
    if isinstance(m, GradesMethod):
        grades = tuple(
            (label, scaled(ind.weight * lo, places, mode))
            for label, (lo, hi) in m.grades.items()
            if lo == hi
        )
        ranges = tuple((label, lo, hi) for label, (lo, hi) in m.grades.items() if lo != hi)
        return LeafPlan(
            ind.id,
            "grades",
            None,
            None,
            (),
            ind.weight,
            m,
            ind.target,
            grades=grades,
            nominal=nominal,
            ranges=ranges,
        )
    raise Unsupported(type(m).__name__)  # pragma: no cover - every method is listed


_CALLS = {"min", "max", "abs", "clamp", "sqrt", "floor", "ceil"}


def _check_tree(tree: ast.AST) -> None:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") not in _CALLS:
            raise Unbounded("a function the fast path does not bound")
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.FloorDiv | ast.Mod):
            raise Unbounded("// or %")
        if (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Pow)
            and not (
                isinstance(node.right, ast.Constant)
                and isinstance(node.right.value, Fraction)
                and node.right.value.denominator == 1
                and 0 <= node.right.value <= 8
            )
        ):
            raise Unbounded("a power other than a small whole constant")
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            raise Unbounded("text")


# -- arithmetic with bounds ------------------------------------------------------


def as_float(x: Fraction) -> tuple[float, float]:
    """``x`` as a float, and that float's error bound (0 where it is ``x``)."""
    f = float(x)
    return f, 0.0 if Fraction(f) == x else abs(f) * U


def const(x: Fraction, n: int) -> Num:
    f, e = as_float(x)
    return Num(np.full(n, f), np.full(n, e), np.zeros(n, dtype=bool))


def _num(x: Any, n: int) -> Num:
    if isinstance(x, Num):
        return x
    if isinstance(x, Bool):  # True/False used as 1/0
        return Num(x.b.astype(np.float64), np.zeros(n), x.und.copy())
    raise Unsupported("text in arithmetic")


def _binop(op: ast.operator, a: Num, b: Num) -> Num:
    und = a.und | b.und
    if isinstance(op, ast.Add | ast.Sub):
        v = a.v + b.v if isinstance(op, ast.Add) else a.v - b.v
        return Num(v, a.e + b.e + U * np.abs(v), und)
    if isinstance(op, ast.Mult):
        v = a.v * b.v
        return Num(v, np.abs(a.v) * b.e + np.abs(b.v) * a.e + a.e * b.e + U * np.abs(v), und)
    if isinstance(op, ast.Div):
        margin = np.abs(b.v) - b.e
        bad = margin <= 0
        with np.errstate(divide="ignore", invalid="ignore"):
            v = np.where(bad, 0.0, a.v / np.where(bad, 1.0, b.v))
            e = np.where(
                bad, np.inf, (a.e + np.abs(v) * b.e) / np.where(bad, 1.0, margin) + U * np.abs(v)
            )
        return Num(v, e, und | bad)
    if isinstance(op, ast.Pow):
        raise AssertionError("powers are expanded by the caller")  # pragma: no cover
    raise Unsupported(type(op).__name__)  # pragma: no cover - checked in the plan


def _compare(op: ast.cmpop, a: Num, b: Num) -> Bool:
    diff = a.v - b.v
    bound = (a.e + b.e) * (1 + 4 * U) + U * np.abs(diff) * 2
    sure = np.abs(diff) > bound
    exact_equal = (a.e == 0) & (b.e == 0) & (diff == 0)
    und = a.und | b.und
    if isinstance(op, ast.Eq | ast.NotEq):
        equal = exact_equal
        decided = sure | exact_equal
        return Bool(equal if isinstance(op, ast.Eq) else ~equal, und | ~decided)
    result = {ast.Lt: diff < 0, ast.LtE: diff <= 0, ast.Gt: diff > 0, ast.GtE: diff >= 0}[type(op)]
    # an exact tie decides <= and >= (true) and < and > (false) as well
    decided = sure | exact_equal
    return Bool(result, und | ~decided)


def _truth(x: Any, n: int) -> Bool:
    if isinstance(x, Bool):
        return x
    a = _num(x, n)
    return Bool(a.v != 0, a.und | ((np.abs(a.v) <= a.e) & (a.e > 0)))


def evaluate_vector(tree: ast.AST, names: dict[str, Any], n: int) -> Any:
    """Evaluate an allow-listed formula tree column-wise, with bounds."""
    return walk(tree, names, _Bounded(n))


class _Bounded:
    """Floats with their error bounds (:class:`Num`, :class:`Bool`) over ``n``
    rows: the arithmetic of :func:`engine.batch.walk.walk` here."""

    def __init__(self, n: int):
        self.n = n

    def constant(self, value: Any) -> Any:
        if isinstance(value, bool):
            return Bool(np.full(self.n, value), np.zeros(self.n, dtype=bool))
        return const(value, self.n)  # numbers are Fraction

    def number(self, x: Any) -> Num:
        return _num(x, self.n)

    def truth(self, x: Any) -> Bool:
        return _truth(x, self.n)

    def binop(self, op: ast.operator, a: Num, b: Num) -> Num:
        return _binop(op, a, b)

    def negate(self, a: Num) -> Num:
        return Num(-a.v, a.e, a.und)

    def invert(self, t: Bool) -> Bool:
        return Bool(~t.b, t.und)

    def compare(self, op: ast.cmpop, a: Num, b: Num) -> Bool:
        return _compare(op, a, b)

    def both(self, a: Bool, b: Bool) -> Bool:
        return Bool(a.b & b.b, a.und | b.und)

    def boolop(self, conjunction: bool, values: list[Any]) -> Any:
        return _boolop(conjunction, values, self.n)

    def choose(self, test: Bool, body: Any, other: Any) -> Any:
        if isinstance(body, Bool) and isinstance(other, Bool):
            return Bool(np.where(test.b, body.b, other.b), test.und | body.und | other.und)
        x, y = _num(body, self.n), _num(other, self.n)
        return Num(
            np.where(test.b, x.v, y.v),
            np.where(test.b, x.e, y.e),
            test.und | np.where(test.b, x.und, y.und),
        )

    def carry(self, value: Num, source: Num) -> Num:
        return Num(value.v, value.e, value.und | source.und)

    def call(self, name: str, args: list[Num]) -> Num:
        if name == "abs":
            return Num(np.abs(args[0].v), args[0].e, args[0].und)
        if name == "sqrt":
            return _sqrt(args[0])
        if name in ("floor", "ceil"):
            return _whole(args[0], np.floor if name == "floor" else np.ceil)
        if name == "clamp":
            x, lo, hi = args
            inner = _minmax(np.maximum, [x, lo])
            out = _minmax(np.minimum, [inner, hi])
            # low > high is an error the exact path reports: only rows surely
            # in order are decided here
            out.und |= ~(lo.v + lo.e <= hi.v - hi.e)
            return out
        return _minmax(np.minimum if name == "min" else np.maximum, args)


def _sqrt(x: Num) -> Num:
    """√x with its bound: where x is surely above 0, √ moves by at most
    e / (√(x − e) + √x) over [x − e, x + e], and numpy's square root is
    correctly rounded (the exact path's, to 40 digits, is nearer still: 2u
    covers both). Where x may be 0 or below (an error there, unless exactly 0),
    the value is not trusted."""
    low = x.v - x.e
    above = low > 0
    root = np.sqrt(np.where(above, x.v, 0.0))
    spread = x.e / (np.sqrt(np.where(above, low, 1.0)) + root + ~above)
    exact_zero = (x.v == 0) & (x.e == 0)
    return Num(root, spread + 2 * U * root, x.und | ~(above | exact_zero))


def _whole(x: Num, fn: Any) -> Num:
    """floor or ceil: exact (a whole number, no bound) where the value is exact or
    farther than its bound from every whole number; elsewhere not trusted."""
    near = (np.abs(x.v - np.round(x.v)) <= x.e) & (x.e > 0)
    return Num(fn(x.v), np.zeros(len(x.v)), x.und | near | ~np.isfinite(x.v))


def _boolop(both: bool, values: list[Any], n: int) -> Any:
    """``and`` (``both``) / ``or`` as the formulas have them (as Python does):
    the value of the operand that decides, not only whether it holds
    (``actual > 1 and 5`` is 5). Truth values alone stay truth values."""
    truths = [_truth(v, n) for v in values]
    if all(isinstance(v, Bool) for v in values):
        b, und = truths[0].b.copy(), truths[0].und.copy()
        for t in truths[1:]:
            b = (b & t.b) if both else (b | t.b)
            und |= t.und
        return Bool(b, und)
    last = _num(values[-1], n)
    v, e, und = last.v, last.e, last.und.copy()
    for value, t in zip(reversed(values[:-1]), reversed(truths[:-1]), strict=True):
        x = _num(value, n)
        decides = ~t.b if both else t.b  # and: the first falsy; or: the first truthy
        v, e = np.where(decides, x.v, v), np.where(decides, x.e, e)
        und = np.where(decides, x.und, und) | t.und
    return Num(v, e, und)


def _minmax(fn: Any, args: list[Num]) -> Num:
    v = args[0].v
    e = args[0].e
    und = args[0].und.copy()
    for a in args[1:]:
        v = fn(v, a.v)
        e = np.maximum(e, a.e)
        und |= a.und
    return Num(v, e, und)


def round_scaled(x: Num, w: Any, w_scaled: Any, places: int, mode: str) -> tuple[Any, BOOL]:
    """Clamp to [0, weight], then round to ``places``: integers ×10^places, and the
    rows where the bound does not decide the rounding. ``w``: the weight as a
    float, ``w_scaled``: it rounded exactly (a number, or one per row)."""
    v = np.clip(x.v, 0.0, w)
    scale = float(10**places)
    y = v * scale
    ey = x.e * scale + 4 * U * np.abs(y) + 1e-300
    floor = np.floor(y)
    frac = y - floor
    if mode == "down":
        n = floor
        undecided = (frac <= ey) | (1 - frac <= ey)
        # at an exact integer the float is exact only if the bound is 0
    else:
        n = np.floor(y + 0.5)
        undecided = np.abs(frac - 0.5) <= ey
    # clamping at the ends is exact: a value surely beyond a bound is the bound
    surely_low = x.v < -x.e
    surely_high = x.v > w + x.e
    n = np.where(surely_low, 0, np.where(surely_high, w_scaled, n))
    undecided = np.where(surely_low | surely_high, False, undecided)
    return n.astype(np.int64), undecided | x.und | ~np.isfinite(x.v)


@record(frozen=True)
class Weighted:
    """A leaf at one weight, or at several in one chunk (N/A marks redistribute
    weights row by row): its plan at each, and each row's position among them
    (``codes``; None: the first plan for every row)."""

    plans: tuple[LeafPlan, ...]
    codes: Any = None
    #: :func:`weight_columns` of the plans, when made beforehand (kept with them)
    columns: tuple[Any, Any, Any] | None = field(default=None, compare=False)

    @property
    def leaf(self) -> LeafPlan:
        return self.plans[0]

    def per_row(self, values: Any) -> Any:
        """One value per plan → the value of each row (one value when one plan)."""
        if self.codes is None:
            return values[0]
        return np.asarray(values)[self.codes]


def weight_columns(plans: tuple[LeafPlan, ...], places: int, mode: str) -> tuple[Any, Any, Any]:
    """Each plan's weight as a float, that float's error bound, and the weight
    rounded exactly in units (arrays, one value per plan)."""
    floats, bounds = zip(*(as_float(p.weight) for p in plans), strict=True)
    units = [scaled(p.weight, places, mode) for p in plans]
    return np.array(floats), np.array(bounds), np.asarray(units)


# -- one chunk of rows -------------------------------------------------------------


@record
class Labels:
    """A column of labels as its distinct words and each row's position among
    them (what a columnar reader gives without a Python string per cell)."""

    words: list[str]
    codes: Any


@record
class Chunk:
    """A chunk's numeric columns (by id) and label columns, with per-row eligibility."""

    n: int
    numbers: dict[str, tuple[F64, F64]]
    labels: dict[str, list[str] | Labels]
    eligible: BOOL
    #: the cells' text, for exact evaluation of undecided values (lists, or Arrow
    #: string arrays from the columnar reader)
    texts: dict[str, Any]
    #: text → exact value, filled as undecided cells are evaluated
    parsed: dict[str, Fraction] = field(default_factory=dict)
    #: (indicator, its input texts) → its exact score: a batch repeats values
    scored: dict[tuple[str, ...], int | None] = field(default_factory=dict)
    #: leaf id → rows where it is marked not applicable (its cell not read)
    na: dict[str, BOOL] = field(default_factory=dict)
    #: grades leaf id → its ``score.ID`` column (chosen scores, stripped)
    chosen: dict[str, list[str] | Labels] = field(default_factory=dict)
    #: per numeric column, the cells read whose text has at most 15 significant
    #: digits: their exact value is known from their double (:mod:`.rational`)
    short: dict[str, BOOL] = field(default_factory=dict)
    #: per numeric column of a CSV piece, the cells the fast path does not read
    #: (neither a number it reads, an N/A mark nor empty): each row's code of its
    #: cell's text (0: read) and the texts (code k: texts[k - 1]), so that rows
    #: refused alike are told alike (:func:`engine.batch.gaps.refused`)
    odd: dict[str, tuple[Any, list[str]]] = field(default_factory=dict)


def parse_columns(
    columns: dict[str, list[str]],
    label_ids: set[str],
    n: int,
    percent: frozenset[str] = frozenset(),
    marks: dict[str, BOOL] | None = None,
) -> Chunk:
    """Cells → floats with their conversion bound; rows with any cell the plain
    decimal rule does not cover are not eligible (the exact path reads them),
    unless ``marks`` says the cell holds an N/A mark.
    Spreadsheet forms are made plain first (:mod:`engine.batch.cellforms`); a ``%``
    only in the ``percent`` columns (indicators whose unit is %)."""
    from .cellforms import plain_cells

    eligible = np.ones(n, dtype=bool)
    numbers: dict[str, tuple[F64, F64]] = {}
    labels: dict[str, list[str] | Labels] = {}
    all_texts: dict[str, list[str]] = {}
    short: dict[str, BOOL] = {}
    for key, cells in columns.items():
        if key in label_ids:
            labels[key] = list(map(str.strip, cells))
            continue
        texts = all_texts[key] = plain_cells(cells, key in percent)
        joined = "\n".join(texts)
        if _NOT_PLAIN.search(joined) is None and "" not in texts:
            try:
                v = np.array(texts, dtype=np.float64)
                bad = np.zeros(n, dtype=bool)
            except ValueError:
                v, bad = _cellwise(texts)
        else:
            v, bad = _cellwise(texts)
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
        size = np.abs(v)
        bad |= ~np.isfinite(v) | (size >= _MAX) | ((size < _TINY) & (v != 0))
        bad |= lengths > _LONGEST
        if marks and key in marks:  # an N/A mark: the cell is not read
            bad &= ~marks[key]
        eligible &= ~bad
        v = np.where(bad, 0.0, v)
        # a text of at most 15 characters that reads as a whole number is that
        # number exactly (15 significant digits survive the trip through a double)
        exact = (lengths <= 15) & (v == np.floor(v)) & (np.abs(v) < 1e15)
        numbers[key] = (v, np.where(exact, 0.0, np.abs(v) * U))
        short[key] = ~bad & (lengths <= 15)
    return Chunk(n, numbers, labels, eligible, all_texts, short=short)


def _cellwise(texts: list[str]) -> tuple[F64, BOOL]:
    values = np.zeros(len(texts))
    bad = np.zeros(len(texts), dtype=bool)
    for i, t in enumerate(texts):
        if not t or _NOT_PLAIN.search(t) or len(t) > _LONGEST:
            bad[i] = True
            continue
        try:
            values[i] = float(t)
        except ValueError:
            bad[i] = True
    return values, bad


def score_chunk(plan: Plan, chunk: Chunk) -> tuple[Any, BOOL]:
    """Scaled integer scores (rows × indicators, walk order) and the rows that
    must go the exact way."""
    with np.errstate(all="ignore"):  # infinities mark undecided rows; no warnings
        return _score_chunk(plan, chunk)


def _score_chunk(plan: Plan, chunk: Chunk) -> tuple[Any, BOOL]:
    n = chunk.n
    # a column to a run of memory: scores are made, summed and written by column
    scores = np.zeros((n, len(plan.order)), dtype=np.int64, order="F")
    exact = ~chunk.eligible.copy()
    inputs = chunk_inputs(plan, chunk)
    position = {iid: i for i, iid in enumerate(plan.order)}
    for leaf in plan.leaves:
        ints = _score_leaf(plan, Weighted((leaf,)), chunk, inputs, exact)
        if ints is None:
            exact[:] = True
            return scores, exact
        scores[:, position[leaf.id]] = ints
    for i in reversed(range(len(plan.order))):  # groups after their children
        kids = plan.children[i]
        group = plan.groups[i]
        if group is not None:
            scores[:, i], failed = capped(group, scores[:, list(kids)], plan.places, plan.mode)
            exact |= failed
        elif kids:
            scores[:, i] = scores[:, list(kids)].sum(axis=1)
    return scores, exact


def totals(plan: Plan, scores: Any, exact: BOOL) -> Any:
    """Each row's total in units (``scores``: rows × indicators); rows whose
    total the plan cannot work are set in ``exact``."""
    if plan.total is None:
        return scores[:, list(plan.top)].sum(axis=1)
    units, failed = capped(plan.total, scores[:, list(plan.top)], plan.places, plan.mode)
    exact |= failed
    return units


def chunk_inputs(plan: Plan, chunk: Chunk) -> dict[str, Num]:
    """The chunk's columns that the plan's formulas read as inputs."""
    n = chunk.n
    return {
        k: Num(v, e, np.zeros(n, dtype=bool))
        for k, (v, e) in chunk.numbers.items()
        if k in plan.inputs
    }


def score_leaf(
    plan: Plan, leaf: Weighted, chunk: Chunk, inputs: dict[str, Num], exact: BOOL
) -> Any:
    """:func:`_score_leaf`, alone (as a chunk's are: infinities mark undecided
    rows; no warnings)."""
    with np.errstate(all="ignore"):
        return _score_leaf(plan, leaf, chunk, inputs, exact)


def _score_leaf(
    plan: Plan, leaf: Weighted, chunk: Chunk, inputs: dict[str, Num], exact: BOOL
) -> Any:
    """One leaf's scaled scores over the chunk (0 where it is marked not
    applicable); rows it cannot decide, even exactly, are set in ``exact``.
    None when no row can be scored here (an input or its column is missing: the
    exact path reports it)."""
    n = chunk.n
    one = leaf.leaf
    skip = chunk.na.get(one.id)
    if one.kind == "grades":
        chosen = chunk.chosen.get(one.id)
        points, missing = _grade_points(plan, leaf, chunk.labels.get(one.id), chosen, n)
        if skip is None:
            exact |= missing
            return points
        exact |= missing & ~skip
        if chosen is not None:  # a chosen score for a cell marked not applicable
            exact |= skip & _filled(chosen, n)
        return np.where(skip, 0, points)
    if skip is not None and skip.all():  # scored in no row (marked, or no value in any)
        return np.zeros(n, dtype=np.int64)
    if one.kind == "exact":
        return _exact_leaf(plan, leaf, chunk, inputs, exact, skip)
    if one.derive is not None:
        if any(name not in inputs for name in one.derive.names):
            return None
        actual = _num(evaluate_vector(one.derive.tree, dict(inputs), n), n)
    elif one.id in chunk.numbers:
        v, e = chunk.numbers[one.id]
        actual = Num(v, e, np.zeros(n, dtype=bool))
    else:
        return None
    if one.kind == "bands":
        ints, und = _bands(leaf, actual, n)
    else:
        assert one.formula is not None
        names: dict[str, Any] = dict(inputs)
        names.update({k: const(c, n) for k, c in one.consts})
        names["actual"] = actual
        if any(x not in names and x != "weight" for x in one.formula.names):
            return None  # an input with no column: the exact path says which
        floats, bounds, units = leaf.columns or weight_columns(leaf.plans, plan.places, plan.mode)
        w = leaf.per_row(floats)
        zero = np.zeros(n)
        names["weight"] = Num(zero + w, zero + leaf.per_row(bounds), zero == 1)
        raw = evaluate_vector(one.formula.tree, names, n)
        w_scaled = leaf.per_row(units)
        ints, und = round_scaled(_num(raw, n), w, w_scaled, plan.places, plan.mode)
        und |= actual.und  # a derivation that fails fails its row, read by the formula or not
    if skip is not None:  # not applicable there: not scored
        und = und & ~skip
        ints = np.where(skip, 0, ints)
    # values the bound cannot decide (ties, near-ties): exactly, one cell at a time
    return _exactly(plan, leaf, chunk, und & ~exact, ints, exact)


def _exactly(plan: Plan, leaf: Weighted, chunk: Chunk, wanted: BOOL, ints: Any, exact: BOOL) -> Any:
    """``ints`` with the ``wanted`` rows scored exactly: column-wise in exact
    arithmetic (:mod:`.rational`) where it can, otherwise once per distinct
    combination of their cells, at each row's weight; rows the exact evaluation
    refuses are set in ``exact``."""
    rows = np.flatnonzero(wanted)
    if len(rows) and leaf.leaf.kind in ("formula", "bands"):  # column-wise, exactly
        values, known = leaf_units(leaf, chunk, rows, plan.places, plan.mode)
        ints[rows[known]] = values[known]
        rows = rows[~known]
    for at, part in _by_plan(leaf, rows):
        values, failed = _exact_cells(plan, at, chunk, part)
        exact[part[failed]] = True
        ints[part[~failed]] = values[~failed]
    return ints


def _exact_leaf(
    plan: Plan,
    leaf: Weighted,
    chunk: Chunk,
    inputs: dict[str, Num],
    exact: BOOL,
    skip: BOOL | None,
) -> Any:
    """A leaf without an error bound, scored exactly in every row it counts in
    (once per distinct combination of its cells)."""
    one = leaf.leaf
    names = one.derive.names if one.derive is not None else ()
    if any(name not in inputs for name in names if name in plan.inputs) or (
        one.derive is None and one.id not in chunk.numbers
    ):
        return None
    wanted = ~exact if skip is None else ~exact & ~skip
    return _exactly(plan, leaf, chunk, wanted, np.zeros(chunk.n, dtype=np.int64), exact)


def _by_plan(leaf: Weighted, rows: Any) -> list[tuple[LeafPlan, Any]]:
    """``rows`` grouped by the plan (weight) each is scored at."""
    if not len(rows):
        return []
    if leaf.codes is None:
        return [(leaf.leaf, rows)]
    codes = leaf.codes[rows]
    return [(leaf.plans[c], rows[codes == c]) for c in np.unique(codes).tolist()]


def _grade_points(
    plan: Plan,
    leaf: Weighted,
    labels: list[str] | Labels | None,
    chosen: list[str] | Labels | None,
    n: int,
) -> tuple[Any, BOOL]:
    """A grades indicator's scaled points per row, and the rows the exact path
    must score (a label none of its grades, a chosen score missing, out of its
    range or written in a form other than a plain decimal: the exact path says
    what is wrong). Each distinct (label, chosen score) is worked once."""
    labels = _labels(labels, n)
    if chosen is None and not leaf.leaf.ranges:
        tables = [dict(p.grades) for p in leaf.plans]
        missing = np.array([tables[0].get(word) is None for word in labels.words], dtype=bool)
        points = np.array(
            [[t.get(word) or 0 for word in labels.words] for t in tables], dtype=np.int64
        )
        codes = labels.codes
    else:
        scores = _labels(chosen, n)
        width = len(scores.words)
        keys, inverse = np.unique(labels.codes * width + scores.codes, return_inverse=True)
        pairs = [(labels.words[k // width], scores.words[k % width]) for k in keys.tolist()]
        units = [[_grade_units(plan, p, w, c) for w, c in pairs] for p in leaf.plans]
        missing = np.array([u is None for u in units[0]], dtype=bool)
        points = np.array([[u or 0 for u in row] for row in units], dtype=np.int64)
        codes = inverse.reshape(-1)
    if leaf.codes is None:
        return points[0][codes], missing[codes]
    return points[leaf.codes, codes], missing[codes]


def _labels(cells: list[str] | Labels | None, n: int) -> Labels:
    """A column of stripped cells as :class:`Labels` (none: every cell empty)."""
    if isinstance(cells, Labels):
        return cells
    words = sorted(set(cells or [""]))
    at = {w: k for k, w in enumerate(words)}
    return Labels(words, np.array([at[w] for w in cells or [""] * n], dtype=np.int64))


def _filled(cells: list[str] | Labels, n: int) -> BOOL:
    """Per row, whether the (stripped) cell holds anything."""
    labels = _labels(cells, n)
    filled: BOOL = np.array([w != "" for w in labels.words], dtype=bool)[labels.codes]
    return filled


#: a chosen score the fast path reads: a plain decimal (any other form goes the exact way)
_CHOSEN = re.compile(r"[+-]?+[0-9]{1,15}+(?:\.[0-9]{1,15}+)?+")


def _grade_units(plan: Plan, leaf: LeafPlan, label: str, chosen: str) -> int | None:
    """The units of ``label`` with the ``chosen`` score (a range's; "" when the
    row gives none), as the exact evaluation scores them; None where it refuses
    them or the text is not a plain decimal."""
    fixed = dict(leaf.grades).get(label)
    if fixed is not None:
        return fixed if chosen == "" else None
    bounds = {name: (lo, hi) for name, lo, hi in leaf.ranges}.get(label)
    if bounds is None or _CHOSEN.fullmatch(chosen) is None:
        return None
    from ..base.numbers import NumberError, parse_number
    from ..spec.functions import num

    try:
        score = parse_number(chosen)
    except NumberError:
        return None
    base = leaf.nominal if leaf.nominal is not None else leaf.weight
    if not base * bounds[0] <= score <= base * bounds[1]:
        return None
    actual = {"grade": label, "score": score}
    raw, _, _ = leaf.method.score(leaf.weight, leaf.target, actual, {}, leaf.nominal, False)
    return scaled(clamp(num(raw), leaf.weight), plan.places, plan.mode)


def _exact_cells(plan: Plan, leaf: LeafPlan, chunk: Chunk, rows: Any) -> tuple[Any, Any]:
    """One indicator of some rows in exact arithmetic, as the exact path computes
    it: each row's units, and whether it failed (the row then goes the exact way
    and says why). Each distinct combination of the cells' texts is scored once,
    and remembered in ``chunk.scored`` (a batch repeats values)."""
    needs = [k for k in leaf.needs if k in chunk.texts]
    own = leaf.derive is None and leaf.id in chunk.texts
    keys = [*needs, leaf.id] if own else needs
    combinations, inverse = _distinct_rows([chunk.texts[k] for k in keys], rows)
    memo = chunk.scored
    units = np.zeros(len(combinations), dtype=np.int64)
    failed = np.zeros(len(combinations), dtype=bool)
    for j, texts in enumerate(combinations):
        key = (leaf.memo or leaf.id, *texts)
        if key in memo:
            result = memo[key]
        else:
            cells = dict(zip(keys, texts, strict=True))
            result = memo[key] = _exact_value(plan, leaf, chunk, cells, needs)
        if result is None:
            failed[j] = True
        else:
            units[j] = result
    return units[inverse], failed[inverse]


def _distinct_rows(columns: list[Any], rows: Any) -> tuple[list[tuple[str, ...]], Any]:
    """The distinct combinations of the texts of ``rows`` in ``columns``, and
    each row's position among them."""
    if not columns:
        return [()], np.zeros(len(rows), dtype=np.int64)
    parts = [_distinct(column, rows) for column in columns]
    code = parts[0][1]
    for texts, codes in parts[1:]:  # kept below len(rows): never overflows
        code = np.unique(code * len(texts) + codes, return_inverse=True)[1].reshape(-1)
    _, first, inverse = np.unique(code, return_index=True, return_inverse=True)
    combinations = [tuple(texts[codes[i]] for texts, codes in parts) for i in first.tolist()]
    return combinations, inverse.reshape(-1)


def _distinct(texts: Any, rows: Any) -> tuple[list[str], Any]:
    """The distinct texts of some rows of a column (a list, an Arrow string
    array, or a typed column's texts), and each row's position among them."""
    if isinstance(texts, list):
        index: dict[str, int] = {}
        codes = [index.setdefault(texts[i], len(index)) for i in rows.tolist()]
        return list(index), np.array(codes, dtype=np.int64)
    if hasattr(texts, "distinct"):  # a typed column's
        return texts.distinct(rows)  # type: ignore[no-any-return]
    import pyarrow.compute as pc  # an Arrow array: pyarrow is imported

    from .arrowbuf import integers, to_numpy

    encoded = pc.dictionary_encode(texts.take(integers(rows)))
    return list(encoded.dictionary.to_pylist()), to_numpy(encoded.indices).astype(np.int64)


def _exact_value(
    plan: Plan, leaf: LeafPlan, chunk: Chunk, cells: dict[str, str], needs: list[str]
) -> int | None:
    from ..base.errors import FormulaError
    from ..base.numbers import NumberError, parse_number
    from ..spec.functions import num

    def read(key: str) -> Fraction:
        text = cells[key]
        value = chunk.parsed.get(text)
        if value is None:
            value = chunk.parsed[text] = parse_number(text)
        return value

    try:
        inputs = {k: read(k) for k in needs}
        actual = leaf.derive.evaluate(inputs) if leaf.derive is not None else read(leaf.id)
        raw, _, _ = leaf.method.score(leaf.weight, leaf.target, actual, inputs, leaf.nominal, False)
        value = clamp(num(raw), leaf.weight)
    except (FormulaError, NumberError, KeyError):
        return None
    return scaled(value, plan.places, plan.mode)


def _bands(leaf: Weighted, actual: Num, n: int) -> tuple[Any, BOOL]:
    chosen = np.full(n, -1, dtype=np.int64)
    und = actual.und.copy()
    settled = np.zeros(n, dtype=bool)
    for k, (lo, hi, _) in enumerate(leaf.leaf.bands):
        value = leaf.per_row([p.bands[k][2] for p in leaf.plans])
        match = Bool(np.ones(n, dtype=bool), np.zeros(n, dtype=bool))
        if lo is not None:
            c = _compare(ast.GtE(), actual, const(lo, n))
            match = Bool(match.b & c.b, match.und | c.und)
        if hi is not None:
            c = _compare(ast.LtE(), actual, const(hi, n))
            match = Bool(match.b & c.b, match.und | c.und)
        und |= ~settled & match.und
        take = ~settled & match.b & ~match.und
        chosen = np.where(take, value, chosen)
        settled |= take | match.und
    und |= chosen < 0
    return np.where(chosen < 0, 0, chosen), und
