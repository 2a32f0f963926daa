"""Scoring methods: a registry of builders, each turning a spec entry into a
:class:`Method` that scores one actual value and says how.

Built-in methods that can be written as a formula are: the trace then shows
the formula, the numbers substituted and each intermediate value, exactly as
for a designer's own formula. Params become literals in that formula.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import field
from fractions import Fraction
from itertools import pairwise
from typing import Any, ClassVar

from ..base.errors import FormulaError, Pos
from ..base.i18n import N_, Msg, _, msg
from ..base.numbers import Value, format_value
from ..base.records import record
from ..base.trace import Row, Step
from .formula import Formula, compile_formula
from .functions import num
from .load import JsonPath
from .problems import Problems

#: the built-in methods a trace names in the interface's language (比率法 ratio in
#: Chinese, the keyword in English); marked here for the catalogue
SHOWN_NAMES = frozenset((N_("ratio"), N_("threshold"), N_("linear"), N_("deduct"), N_("bands")))


def shown_name(name: str) -> str:
    """A method's name as a trace shows it: a built-in's in the interface's language."""
    return msg(name) if name in SHOWN_NAMES else name


class Method:
    """Scores one indicator's actual value. Subclasses are dataclasses with at
    least ``name`` and ``pos`` fields."""

    #: what the actual must be: "number" or "label"
    value_kind: ClassVar[str] = "number"
    name: str
    pos: Pos | None

    @property
    def label(self) -> str:
        return shown_name(self.name)

    def score(
        self,
        weight: Fraction,
        target: Fraction | None,
        actual: Any,
        inputs: Mapping[str, Fraction],
        nominal: Fraction | None = None,
        trace: bool = True,
    ) -> tuple[Fraction, list[Step], int | None]:
        """Score ``actual`` at ``weight`` (the weight after any redistribution;
        ``nominal`` is the weight written in the spec, when different)."""
        raise NotImplementedError


@record(eq=False)
class FormulaMethod(Method):
    """A scoring method given as a formula (built-in or the spec's own)."""

    name: str
    formula: Formula
    pos: Pos | None
    params: Mapping[str, Fraction] = field(default_factory=dict)
    direction: str | None = None
    description: str = ""

    @property
    def label(self) -> str:
        if self.direction:
            better = "higher" if self.direction == "higher" else "lower"
            if better == "higher":
                return msg("{method} (higher is better)", method=shown_name(self.name))
            return msg("{method} (lower is better)", method=shown_name(self.name))
        return shown_name(self.name)

    def score(
        self,
        weight: Fraction,
        target: Fraction | None,
        actual: Any,
        inputs: Mapping[str, Fraction],
        nominal: Fraction | None = None,
        trace: bool = True,
    ) -> tuple[Fraction, list[Step], int | None]:
        names: dict[str, Value] = {**inputs, **self.params, "actual": actual, "weight": weight}
        if target is not None:
            names["target"] = target
        if not trace:  # scores only: no arithmetic to write down
            plain = self.formula.evaluate(names)
            if isinstance(plain, str):
                raise FormulaError(
                    _("the formula gave the text '{plain}', not a number").format(plain=plain)
                )
            return num(plain), [], None
        value, record = self.formula.evaluate_traced(names)
        if isinstance(value, str):
            raise FormulaError(
                _("the formula gave the text '{value}', not a number").format(value=value)
            )
        lines = self.formula.reduction(names, record) + self.formula.untaken(names, record)
        step = Step(
            kind="formula",
            label=self.label,
            value=num(value),
            formula=self.formula.text,
            lines=tuple(lines[1:]),
            pos=self.pos,
            brief=self.formula.brief(names, record),
        )
        return num(value), [step], None


def compared_labels(method: Method | None) -> frozenset[str]:
    """The labels a method takes as its actual besides numbers: those its formula
    compares ``actual`` with (none for a method without a formula, or none)."""
    return method.formula.labels if isinstance(method, FormulaMethod) else frozenset()


def labels_only(method: Method | None) -> bool:
    """Whether a method takes only the labels its formula compares ``actual`` with:
    the formula uses ``actual`` for nothing else (:attr:`Formula.labels_only`)."""
    return isinstance(method, FormulaMethod) and method.formula.labels_only


@record(frozen=True)
class Band:
    """One band of a bands method: its range and what it awards."""

    min: Fraction | None
    max: Fraction | None
    points: Fraction | None
    fraction: Fraction | None
    label: str
    pos: Pos

    def matches(self, x: Fraction) -> bool:
        return (self.min is None or x >= self.min) and (self.max is None or x <= self.max)

    def condition(self) -> str:
        if self.min is not None and self.max is not None:
            return msg(
                "{min} ≤ actual ≤ {max}", min=format_value(self.min), max=format_value(self.max)
            )
        if self.min is not None:
            return msg("actual ≥ {min}", min=format_value(self.min))
        if self.max is not None:
            return msg("actual ≤ {max}", max=format_value(self.max))
        return msg("otherwise")


@record(eq=False)
class BandsMethod(Method):
    """Scores by the first band the actual falls in."""

    bands: tuple[Band, ...]
    pos: Pos | None
    name: str = "bands"

    def score(
        self,
        weight: Fraction,
        target: Fraction | None,
        actual: Any,
        inputs: Mapping[str, Fraction],
        nominal: Fraction | None = None,
        trace: bool = True,
    ) -> tuple[Fraction, list[Step], int | None]:
        x = num(actual)
        base = nominal if nominal is not None else weight
        for i, band in enumerate(self.bands, start=1):
            if band.matches(x):
                if band.points is not None and base != weight:
                    # points are on the spec's scale: redistribution scales them too
                    value = band.points * weight / base
                    how: str = msg(
                        "{points} points × {weight} / {base} = {value}",
                        points=format_value(band.points),
                        weight=format_value(weight),
                        base=format_value(base),
                        value=format_value(value),
                    )
                elif band.points is not None:
                    value, how = (
                        band.points,
                        msg("{points} points", points=format_value(band.points)),
                    )
                else:
                    assert band.fraction is not None
                    value = weight * band.fraction
                    how = (
                        f"{format_value(weight)} × {format_value(band.fraction)} "
                        f"= {format_value(value)}"
                    )
                label = (
                    msg("band {i} ({label})", i=i, label=band.label)
                    if band.label
                    else msg("band {i}", i=i)
                )
                step = Step(
                    kind="band",
                    label=label,
                    value=value,
                    formula=band.condition(),
                    lines=(msg("actual = {value}", value=format_value(x)), how),
                    pos=band.pos,
                    brief=msg("band {i} → {value}", i=i, value=format_value(value)),
                    rows=self.rows(i) if trace else (),
                )
                return value, [step], i
        raise FormulaError(_("no band matches the actual value {x}").format(x=format_value(x)))

    def rows(self, matched: int) -> tuple[Row, ...]:
        """Every band as the spec writes it, the ``matched``-th (1-based) marked."""
        out = []
        for i, band in enumerate(self.bands, start=1):
            if band.points is not None:
                gives = msg("{points} points", points=format_value(band.points))
            else:
                assert band.fraction is not None
                gives = msg("{fraction} of the weight", fraction=format_value(band.fraction))
            label = (
                msg("band {i} ({label})", i=i, label=band.label)
                if band.label
                else msg("band {i}", i=i)
            )
            out.append(Row(label, band.condition(), gives, i == matched))
        return tuple(out)


@record(eq=False)
class GradesMethod(Method):
    """Scores a chosen grade (优, 良, ...) as a share of the weight, or a range of it."""

    grades: Mapping[str, tuple[Fraction, Fraction]]
    pos: Pos | None
    name: str = "grades"
    value_kind: ClassVar[str] = "label"

    def score(
        self,
        weight: Fraction,
        target: Fraction | None,
        actual: Any,
        inputs: Mapping[str, Fraction],
        nominal: Fraction | None = None,
        trace: bool = True,
    ) -> tuple[Fraction, list[Step], int | None]:
        label, chosen = (
            (actual["grade"], actual.get("score")) if isinstance(actual, dict) else (actual, None)
        )
        low, high = self.grades[label]
        index = list(self.grades).index(label) + 1
        if low == high:
            value = weight * low
            lines: tuple[str, ...] = (
                msg("{grade} → {low} of the weight", grade=label, low=format_value(low)),
                f"{format_value(weight)} × {format_value(low)} = {format_value(value)}",
            )
            brief = msg(
                "{grade}: {weight} × {share}",
                grade=label,
                weight=format_value(weight),
                share=format_value(low),
            )
        else:
            base = nominal if nominal is not None else weight
            value, lines, brief = self._chosen(label, chosen, weight, base)
        step = Step(
            kind="grade",
            label=msg("grade {grade}", grade=label),
            value=value,
            formula="",
            lines=lines,
            pos=self.pos,
            brief=brief,
            # at the weight the derivation reads: a range's chosen points are of the
            # spec's weight (then scaled), a share is of the weight as redistributed
            rows=self.rows(label, weight if low == high or nominal is None else nominal)
            if trace
            else (),
        )
        return value, [step], index

    def _chosen(
        self, label: str, chosen: Any, weight: Fraction, base: Fraction
    ) -> tuple[Fraction, tuple[str, ...], Msg]:
        """A grade with a range: the score chosen in it (of the spec's weight
        ``base``), scaled to ``weight`` where N/A marks redistributed it; its
        value, arithmetic and brief."""
        low, high = self.grades[label]
        share = percent(chosen)
        chosen_pts = base * share if share is not None else num(chosen or Fraction(0))
        lines_l = [
            msg(
                "{grade} → {low} to {high} of the weight = {low_pts} to {high_pts} points",
                grade=label,
                low=format_value(low),
                high=format_value(high),
                low_pts=format_value(base * low),
                high_pts=format_value(base * high),
            ),
            msg("chosen score {score} lies in the range", score=format_value(chosen_pts))
            if share is None
            else msg(
                "chosen {share} of the weight = {score} lies in the range",
                share=chosen,
                score=format_value(chosen_pts),
            ),
        ]
        value = chosen_pts
        brief = msg("{grade}: chosen {score}", grade=label, score=format_value(chosen_pts))
        if base != weight:
            value = chosen_pts * weight / base
            lines_l.append(
                msg(
                    "scaled to the redistributed weight: {score} × {weight} / {base} = {value}",
                    score=format_value(chosen_pts),
                    weight=format_value(weight),
                    base=format_value(base),
                    value=format_value(value),
                )
            )
            brief = msg(
                "{grade}: {score} × {weight}/{base}",
                grade=label,
                score=format_value(chosen_pts),
                weight=format_value(weight),
                base=format_value(base),
            )
        return value, tuple(lines_l), brief

    def rows(self, chosen: str, base: Fraction) -> tuple[Row, ...]:
        """Every grade of the scale with what it gives at weight ``base``, ``chosen`` marked."""
        out = []
        for grade, (low, high) in self.grades.items():
            if low == high:
                gives = msg(
                    "{low} of the weight = {points} points",
                    low=format_value(low),
                    points=format_value(base * low),
                )
            else:
                gives = msg(
                    "{low} to {high} of the weight = {low_pts} to {high_pts} points",
                    low=format_value(low),
                    high=format_value(high),
                    low_pts=format_value(base * low),
                    high_pts=format_value(base * high),
                )
            out.append(Row(grade, "", gives, grade == chosen))
        return tuple(out)


# ---------------------------------------------------------------------------
# Builders. Each checks its params and returns a Method, or None after adding
# problems. ``path`` is the JSON path of the indicator in the spec.


@record
class Site:
    """What a builder knows about the indicator it builds a method for."""

    problems: Problems
    path: JsonPath
    method_path: JsonPath
    params_path: JsonPath
    weight: Fraction | None
    target: Fraction | None
    direction: str | None
    inputs: frozenset[str]
    #: the indicator's keys given but refused by the schema (or misspelt), which it
    #: has told of: a method needing one is not built, and does not say it again
    unread: frozenset[str] = frozenset()

    def add(self, message: str, sub: JsonPath = (), at_key: bool = False) -> None:
        self.problems.add((*self.params_path, *sub), message, at_key=at_key)

    @property
    def pos(self) -> Pos:
        return self.problems.pos(self.method_path)


def percent(chosen: Any) -> Fraction | None:
    """A chosen score written as a share of the weight, ``95%`` → 0.95; else None.
    The sign may be full-width (``95％``) and so may the digits (``９５％``), as a
    Chinese input method types them and as a table's cell may hold them."""
    if not isinstance(chosen, str) or not chosen.endswith(("%", "％")):
        return None
    from ..base.numbers import NumberError, parse_number

    try:
        return parse_number(chosen[:-1]) / 100
    except NumberError:
        return None


Builder = Callable[[Site, Any], Method | None]
BUILTINS: dict[str, Builder] = {}
#: one-line descriptions used by `scorecard methods` and error messages
DESCRIPTIONS: dict[str, str] = {}


def builtin(name: str, description: str) -> Callable[[Builder], Builder]:
    def register(f: Builder) -> Builder:
        BUILTINS[name] = f
        DESCRIPTIONS[name] = description
        return f

    return register


def _lit(x: Fraction) -> str:
    """``x`` as a formula literal, exactly: every digit (a param read from its text
    has at most 61 decimals), never the display's shortened form."""
    text = format_value(x, max_places=64)
    if text.endswith("…"):  # pragma: no cover - params are decimals from their text
        text = f"{x.numerator} / {x.denominator}"
    return f"({text})" if text.startswith("-") or "/" in text else text


def _params(site: Site, raw: Any, allowed: dict[str, bool]) -> dict[str, Fraction] | None:
    """Numeric params; ``allowed`` maps name → required."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        return None  # the schema reports the type
    out: dict[str, Fraction] = {}
    ok = True
    for key, value in raw.items():
        if key not in allowed:
            ok = False  # reported by the schema for built-ins
        elif isinstance(value, Fraction):
            out[key] = value
        else:
            ok = False
    for key, required in allowed.items():
        if required and key not in raw:
            ok = False
    return out if ok else None


def _need(site: Site, method: str, direction: bool = True, target: bool = True) -> bool:
    ok = True
    if direction and site.direction is None:
        if "direction" not in site.unread:
            site.problems.add(
                site.method_path,
                _(
                    "method '{method}' needs 'direction: higher' or 'direction: lower' on the "
                    "indicator"
                ).format(method=method),
                at_key=False,
            )
        ok = False
    if target and site.target is None:
        if "target" not in site.unread:
            site.problems.add(
                site.path,
                _("method '{method}' needs a 'target' on the indicator").format(method=method),
            )
        ok = False
    return ok


def _formula_method(
    site: Site,
    name: str,
    text: str,
    label_dir: str | None,
    params: Mapping[str, Fraction] | None = None,
) -> Method | None:
    known = {"actual", "weight", *site.inputs, *(params or {})}
    if site.target is not None:
        known.add("target")
    try:
        formula = compile_formula(text, known)
    except FormulaError as e:  # pragma: no cover - built-in formulas are well formed
        site.problems.add(site.method_path, f"method '{name}': {e.message}")
        return None
    return FormulaMethod(
        name=name, formula=formula, pos=site.pos, params=params or {}, direction=label_dir
    )


@builtin(
    "ratio",
    "higher: weight × min(actual/target, cap); lower: full if actual ≤ target, "
    "else weight × target/actual",
)
def _ratio(site: Site, raw: Any) -> Method | None:
    p = _params(site, raw, {"cap": False})
    if p is None or not _need(site, "ratio"):
        return None
    cap = p.get("cap", Fraction(1))
    if cap <= 0 or cap > 1:
        site.add(
            _(
                "cap {cap} must lie in (0, 1]: a score never exceeds the weight, so a "
                "cap above 1 would have no effect"
            ).format(cap=format_value(cap)),
            ("cap",),
        )
        return None
    assert site.target is not None
    if site.target < 0:
        site.problems.add(
            (*site.path, "target"),
            _("method 'ratio' needs a target ≥ 0; use 'linear' or 'bands' for signed targets"),
        )
        return None
    if cap < 1 and (site.direction != "higher" or site.target == 0):  # it would do nothing
        site.add(
            _(
                "cap {cap} has no effect here: it limits actual / target where higher is "
                "better and the target is above 0, and this ratio is {how}; remove cap, or "
                "write a formula"
            ).format(
                cap=format_value(cap),
                how=_("lower is better")
                if site.direction != "higher"
                else _("against a target of 0"),
            ),
            ("cap",),
        )
        return None
    if site.direction == "higher":
        text = (
            f"weight * min(actual / target, {_lit(cap)})"
            if site.target != 0
            else "weight if actual >= target else 0"
        )
    else:
        text = "weight if actual <= target else weight * target / actual"
    return _formula_method(site, "ratio", text, site.direction)


@builtin("threshold", "full marks if the target is met (≥ higher, ≤ lower), else weight × partial")
def _threshold(site: Site, raw: Any) -> Method | None:
    p = _params(site, raw, {"partial": False})
    if p is None or not _need(site, "threshold"):
        return None
    partial = p.get("partial", Fraction(0))
    if not 0 <= partial <= 1:
        site.add(_("partial must lie between 0 and 1 (a share of the weight)"), ("partial",))
        return None
    cmp = ">=" if site.direction == "higher" else "<="
    other = "0" if partial == 0 else f"weight * {_lit(partial)}"
    return _formula_method(
        site, "threshold", f"weight if actual {cmp} target else {other}", site.direction
    )


@builtin("linear", "0 at zero_at, full marks at the target, a straight line between, clamped")
def _linear(site: Site, raw: Any) -> Method | None:
    p = _params(site, raw, {"zero_at": True})
    if p is None or not _need(site, "linear", direction=False):
        return None
    assert site.target is not None
    z = p["zero_at"]
    if z == site.target:
        site.add(
            _(
                "zero_at equals the target, so the line would divide by zero; choose a "
                "zero_at different from the target"
            ),
            ("zero_at",),
        )
        return None
    implied = "higher" if z < site.target else "lower"
    if site.direction is not None and site.direction != implied:
        wrong = (
            _(
                "zero_at {z} is on the wrong side of the target {target} for direction "
                "'{direction}'; for '{direction}' zero_at must be below the target"
            )
            if site.direction == "higher"
            else _(
                "zero_at {z} is on the wrong side of the target {target} for direction "
                "'{direction}'; for '{direction}' zero_at must be above the target"
            )
        )
        site.add(
            wrong.format(
                z=format_value(z), target=format_value(site.target), direction=site.direction
            ),
            ("zero_at",),
        )
        return None
    text = f"weight * clamp((actual - {_lit(z)}) / (target - {_lit(z)}), 0, 1)"
    return _formula_method(site, "linear", text, site.direction or implied)


@builtin(
    "deduct",
    "weight − per × max(actual − from, 0) (higher: max(from − actual, 0)), at most max "
    "deducted, never below 0",
)
def _deduct(site: Site, raw: Any) -> Method | None:
    p = _params(site, raw, {"per": True, "max": False, "from": False})
    if p is None:
        return None
    if "from" not in p and site.target is None:
        if "target" in site.unread:
            return None
        site.problems.add(
            site.path,
            _(
                "method 'deduct' needs a 'target' on the indicator, or a 'from' param "
                "saying where deductions start"
            ),
        )
        return None
    if p["per"] <= 0:
        site.add(_("per must be greater than 0 (points deducted per unit)"), ("per",))
        return None
    if "max" in p and p["max"] <= 0:
        site.add(_("max must be greater than 0 (the most points deducted)"), ("max",))
        return None
    if "max" in p and site.weight is not None and p["max"] > site.weight:
        site.add(
            _(
                "max {p} exceeds the weight {weight}: a score never goes below 0, so no "
                "more than the weight is ever deducted; write max: {weight} or less, or "
                "leave max out"
            ).format(p=format_value(p["max"]), weight=format_value(site.weight)),
            ("max",),
        )
        return None
    start = _lit(p["from"]) if "from" in p else "target"
    most = _lit(p["max"]) if "max" in p else "weight"
    # higher is better: points off per unit short of the start (每降低 1 个百分点扣 X 分)
    short = f"{start} - actual" if site.direction == "higher" else f"actual - {start}"
    text = f"weight - min({_lit(p['per'])} * max({short}, 0), {most})"
    said = site.direction if site.direction in ("higher", "lower") else None  # as written
    return _formula_method(site, "deduct", text, said)


@builtin("bands", "the first band that matches gives its points (or fraction of the weight)")
def _bands(site: Site, raw: Any) -> Method | None:
    if not isinstance(raw, list) or not raw:
        if raw is None or isinstance(raw, str):
            site.problems.add(
                site.method_path,
                _(
                    "method 'bands' needs a list of bands, e.g. {{bands: [{{min: 90, points: "
                    "5}}, {{points: 0}}]}}"
                ).format(),
            )
        return None
    bands: list[Band] = []
    ok = True
    for i, b in enumerate(raw):
        if not isinstance(b, dict):
            return None
        lo, hi = b.get("min"), b.get("max")
        points, frac = b.get("points"), b.get("fraction")
        if not all(v is None or isinstance(v, Fraction) for v in (lo, hi, points, frac)):
            return None  # the schema reports the types
        if (points is None) == (frac is None):
            site.add(
                _("a band gives 'points' or 'fraction', not both")
                if points is not None
                else _("a band needs 'points' (e.g. points: 4) or 'fraction' (e.g. fraction: 0.8)"),
                (i,),
            )
            ok = False
            continue
        if (
            points is not None
            and site.weight
            and site.weight > 0
            and not 0 <= points <= site.weight
        ):
            site.add(
                _("points {points} lie outside 0 to the weight {weight}").format(
                    points=format_value(points), weight=format_value(site.weight)
                ),
                (i, "points"),
            )
            ok = False
        if frac is not None and not 0 <= frac <= 1:
            site.add(
                _("fraction {frac} must lie between 0 and 1").format(frac=format_value(frac)),
                (i, "fraction"),
            )
            ok = False
        if lo is not None and hi is not None and lo > hi:
            site.add(
                _("min {lo} is above max {hi}").format(lo=format_value(lo), hi=format_value(hi)),
                (i,),
            )
            ok = False
        label = b.get("label") if isinstance(b.get("label"), str) else ""
        bands.append(
            Band(lo, hi, points, frac, label or "", site.problems.pos((*site.params_path, i)))
        )
    if not ok:
        return None
    if not _check_band_cover(site, bands):
        return None
    return BandsMethod(bands=tuple(bands), pos=site.pos)


def _check_band_cover(site: Site, bands: list[Band]) -> bool:
    """Every band must be reachable (not shadowed by the ones before it), an
    unbounded band can only be last, and together they must cover every value."""
    covered: list[tuple[Fraction | None, Fraction | None]] = []  # closed intervals, None = ∞

    def inside(lo: Fraction | None, hi: Fraction | None) -> bool:
        # is [lo, hi] within the union of covered intervals?
        merged = _merge(covered)
        for a, b in merged:
            if (a is None or (lo is not None and a <= lo)) and (
                b is None or (hi is not None and hi <= b)
            ):
                return True
        return False

    for i, band in enumerate(bands):
        if band.min is None and band.max is None and i != len(bands) - 1:
            site.add(
                _(
                    "a band with no min or max matches everything, so it must be the last "
                    "one; the bands after it could never apply"
                ),
                (i,),
            )
            return False
        if covered and inside(band.min, band.max):
            site.add(
                _(
                    "band {value} ({condition}) can never apply: the bands before it already "
                    "match all its values; reorder or remove it"
                ).format(value=i + 1, condition=band.condition()),
                (i,),
            )
            return False
        covered.append((band.min, band.max))
    merged = _merge(covered)
    if len(merged) != 1 or merged[0] != (None, None):
        gap = _gaps(merged)
        site.add(
            _(
                "the bands leave {gap} without a score; widen the bands to cover them, or "
                "add a last band with no bound, e.g. {{points: 0}}"
            ).format(gap=gap),
            (len(bands) - 1,),
        )
        return False
    return True


def _merge(
    intervals: list[tuple[Fraction | None, Fraction | None]],
) -> list[tuple[Fraction | None, Fraction | None]]:
    def lo_key(iv: tuple[Fraction | None, Fraction | None]) -> tuple[int, Fraction]:
        return (0, Fraction(0)) if iv[0] is None else (1, iv[0])

    out: list[tuple[Fraction | None, Fraction | None]] = []
    for lo, hi in sorted(intervals, key=lo_key):
        if out:
            plo, phi = out[-1]
            if phi is None or (lo is not None and lo <= phi) or lo is None:
                new_hi = None if (phi is None or hi is None) else max(phi, hi)
                out[-1] = (plo, new_hi)
                continue
        out.append((lo, hi))
    return out


def _gaps(merged: list[tuple[Fraction | None, Fraction | None]]) -> str:
    """Every stretch of values the bands leave without a score, lowest first."""
    if not merged:
        return _("every value")
    gaps = []
    if merged[0][0] is not None:
        gaps.append(_("values below {value}").format(value=format_value(merged[0][0])))
    for (_low, high), (low, _high) in pairwise(merged):
        gaps.append(
            _("values between {low} and {high}").format(
                low=format_value(high), high=format_value(low)
            )
        )
    if merged[-1][1] is not None:
        gaps.append(_("values above {value}").format(value=format_value(merged[-1][1])))
    return _(", ").join(gaps)


@builtin(
    "grades",
    "qualitative: the actual is a label; label → fraction of the weight, or a "
    "[low, high] range within which the evaluator's chosen score must lie",
)
def _grades(site: Site, raw: Any) -> Method | None:
    if not isinstance(raw, dict) or not raw:
        if raw is None or isinstance(raw, str):
            site.problems.add(
                site.method_path,
                _(
                    "method 'grades' needs its labels, e.g. {{grades: {{优: 1, 良: 0.8, 中: "
                    "0.6, 差: 0}}}}"
                ).format(),
            )
        return None
    grades: dict[str, tuple[Fraction, Fraction]] = {}
    ok = True
    for label, v in raw.items():
        if not str(label).strip():  # no actuals could give it: an empty label is refused there
            site.add(_("a grade's label is empty; name the grade, e.g. 优"), (label,))
            ok = False
        if isinstance(v, Fraction):
            low = high = v
        elif isinstance(v, list) and len(v) == 2 and all(isinstance(x, Fraction) for x in v):
            low, high = v
            if low > high:
                site.add(
                    _(
                        "grade '{label}': range [{low}, {high}] is reversed; write [low, high]"
                    ).format(label=label, low=format_value(low), high=format_value(high)),
                    (label,),
                )
                ok = False
        else:
            return None  # schema
        if not (0 <= low <= 1 and 0 <= high <= 1):
            bad = low if not 0 <= low <= 1 else high
            site.add(
                _(
                    "grade '{label}': {bad} is not a fraction of the weight; use values from "
                    "0 to 1 (e.g. 0.8 for 80%)"
                ).format(label=label, bad=format_value(bad)),
                (label,),
            )
            ok = False
        grades[str(label)] = (low, high)
    return GradesMethod(grades=grades, pos=site.pos) if ok else None


@builtin("formula", "any safe expression over actual, target, weight and the spec's inputs")
def _formula(site: Site, raw: Any) -> Method | None:
    if not isinstance(raw, str):
        if raw is None:
            site.problems.add(
                site.method_path,
                _(
                    "method 'formula' needs its expression, e.g. {{formula: 'weight * actual "
                    "/ target'}}"
                ).format(),
            )
        return None
    known = {"actual", "weight", *site.inputs}
    if site.target is not None or "target" in site.unread:  # the target's own line tells of it
        known.add("target")
    try:
        formula = compile_formula(raw, known)
    except FormulaError as e:
        if e.name == "target" and site.target is None:
            e.message = _("the formula uses 'target' but the indicator has no target")
        site.problems.formula(site.params_path, e)
        return None
    if site.target == 0 and _divides_by(formula.tree, "target"):
        site.problems.add(
            site.params_path,
            _(
                "the target is 0 and the formula divides by target; guard it (e.g. ... "
                "if target > 0 else weight) or use 'ratio'"
            ),
        )
        return None
    return FormulaMethod(name="formula", formula=formula, pos=site.pos, direction=site.direction)


def _divides_by(tree: ast.AST, name: str) -> bool:
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Div | ast.FloorDiv | ast.Mod)
            and isinstance(node.right, ast.Name)
            and node.right.id == name
        ):
            return True
    return False


@record
class CustomMethod:
    """A designer-defined method, compiled once per spec."""

    name: str
    formula: Formula
    params: Mapping[str, Fraction]
    description: str
    direction_required: bool
    pos: Pos

    def build(self, site: Site, raw: Any) -> Method | None:
        params = dict(self.params)
        if raw is not None:
            if not isinstance(raw, dict):
                site.problems.add(
                    site.method_path,
                    _("method '{name}' takes params {{{list}}} as a mapping").format(
                        name=self.name, list=_(", ").join(self.params) or _("none")
                    ),
                )
                return None
            for key, value in raw.items():
                if key not in self.params:
                    site.add(
                        _("method '{name}' has no param '{key}'").format(name=self.name, key=key)
                        + _suggest(key, self.params),
                        (key,),
                        at_key=True,
                    )
                    return None
                if isinstance(value, Fraction):
                    params[key] = value
        if self.direction_required and site.direction is None:
            if "direction" in site.unread:
                return None
            site.problems.add(
                site.path,
                _(
                    "method '{name}' needs 'direction: higher' or 'direction: lower' on the "
                    "indicator"
                ).format(name=self.name),
            )
            return None
        if "target" in self.formula.names and site.target is None:
            if "target" in site.unread:
                return None
            site.problems.add(
                site.path,
                _("method '{name}' uses 'target' but the indicator has no target").format(
                    name=self.name
                ),
            )
            return None
        if site.target == 0 and _divides_by(self.formula.tree, "target"):
            site.problems.add(
                (*site.path, "target"),
                _(
                    "the target is 0 and method '{name}' divides by target; use a target "
                    "above 0 or a method that handles 0 (ratio, threshold)"
                ).format(name=self.name),
            )
            return None
        return FormulaMethod(
            name=self.name,
            formula=self.formula,
            pos=site.pos,
            params=params,
            direction=site.direction,
            description=self.description,
        )


def _suggest(word: str, choices: Mapping[str, Any]) -> str:
    from ..base.errors import did_you_mean

    listed = _(", ").join(choices) or _("none")
    return did_you_mean(word, choices) + _("; params: {list}").format(list=listed)
