"""Evaluation: a compiled spec and checked actuals in, a :class:`Scorecard` out.

Pure: no printing, no I/O. Every number is exact (Fraction); rounding happens
once per indicator score, after clamping, by the spec's rule; a ``sum`` group is
the exact sum of its children's rounded scores. Not-applicable indicators are
handled before scoring: ``redistribute`` scales the applicable siblings' weights
up so the group keeps its full marks; ``exclude`` drops them and the full marks
shrink.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from ..base.errors import ErrorList, EvaluationError, FormulaError, Pos, ScorecardError
from ..base.numbers import Value, format_fixed, format_value, irrational_context, round_fraction
from ..base.trace import Step
from ..spec.formula import Formula
from ..spec.functions import num
from ..spec.model import Aggregation, Indicator, Spec
from .actuals import Actuals
from .result import Result, Scorecard


def evaluate(spec: Spec, actuals: Actuals, trace: bool = True) -> Scorecard:
    """Score ``actuals`` against ``spec``; raise ErrorList for evaluation errors.

    With ``trace=False`` the scores are the same but formula steps carry no
    arithmetic (no reductions are written): the batch path."""
    return _Evaluation(spec, actuals, trace).run()


class _Evaluation:
    def __init__(self, spec: Spec, actuals: Actuals, trace: bool = True):
        self.spec = spec
        self.a = actuals
        self.trace = trace
        self.errors: list[ScorecardError] = []
        self.places = spec.rounding.places
        self.round_each = spec.rounding.apply == "each"

    # -- entry ------------------------------------------------------------
    def run(self) -> Scorecard:
        spec = self.spec
        results, total, full, steps = self._aggregate_children(
            spec.indicators, spec.total, spec.total, spec.aggregate, spec.not_applicable, None
        )
        if self.errors:
            raise ErrorList(self.errors)
        total_steps = list(steps)
        if spec.aggregate.kind == "formula":
            total, step = _clamped(total, full, spec.pos)
            if step is not None:
                total_steps.append(step)
        exact = total
        rounded = round_fraction(exact, self.places, spec.rounding.mode)
        if rounded != exact or not self.round_each:
            total_steps.append(self._round_step(exact, rounded))
        grade, grade_step = self._grade(rounded, full)
        if grade_step is not None:
            total_steps.append(grade_step)
        return Scorecard(
            spec=spec,
            entity=self.a.entity,
            period=self.a.period,
            results=tuple(results),
            total=rounded,
            full_marks=full,
            grade=grade,
            steps=tuple(total_steps),
            actuals_file=self.a.file,
            actuals_sha256=self.a.sha256,
        )

    # -- N/A --------------------------------------------------------------
    def _is_na(self, ind: Indicator) -> bool:
        if ind.id in self.a.not_applicable:
            return True
        return bool(ind.children) and all(self._is_na(c) for c in ind.children)

    def _na_reason(self, ind: Indicator) -> str:
        """The user's reason; empty when N/A only because all children are."""
        return self.a.not_applicable.get(ind.id, "")

    # -- groups -----------------------------------------------------------
    def _aggregate_children(
        self,
        children: tuple[Indicator, ...],
        own_weight: Fraction,
        eff_weight: Fraction,
        agg: Aggregation,
        na_mode: str,
        group: Indicator | None,
    ) -> tuple[list[Result], Fraction, Fraction, list[Step]]:
        """Score ``children`` of a group whose weight ``own_weight`` now counts as
        ``eff_weight``; return their results, the group's score and full marks."""
        scale = eff_weight / own_weight
        na = [c for c in children if self._is_na(c)]
        applicable = [c for c in children if not self._is_na(c)]
        factor = Fraction(1)
        na_pos: Pos | None = None
        if na and applicable and na_mode == "redistribute":
            all_w = sum((c.weight for c in children), Fraction(0))
            app_w = sum((c.weight for c in applicable), Fraction(0))
            factor = all_w / app_w
            na_pos = next(
                (
                    self.a.pos("not_applicable", i.id)
                    for n in na
                    for i in n.walk()
                    if self.a.pos("not_applicable", i.id) is not None
                ),
                None,
            )
        results: list[Result] = []
        for c in children:
            if c in na:
                results.append(self._na_result(c))
                continue
            w = c.weight * scale * factor
            redistributed = None
            if factor != 1:
                redistributed = Step(
                    kind="redistribute",
                    label="weight redistributed from not-applicable " + ", ".join(n.id for n in na),
                    value=w,
                    formula="weight × Σ all weights / Σ applicable weights",
                    lines=(
                        f"{format_value(c.weight * scale)} × {format_value(all_w * scale)}"
                        f" / {format_value(app_w * scale)}",
                        format_value(w),
                    ),
                    pos=na_pos,
                    brief=f"weight {format_value(c.weight)} → {format_value(w)}",
                )
            results.append(self._indicator(c, w, redistributed))
        score, full, steps = self._combine(results, eff_weight, agg, group)
        return results, score, full, steps

    def _combine(
        self, results: list[Result], weight: Fraction, agg: Aggregation, group: Indicator | None
    ) -> tuple[Fraction, Fraction, list[Step]]:
        live = [r for r in results if r.score is not None and r.full > 0]
        if not live:
            return Fraction(0), Fraction(0), []
        pos = agg.pos or (group.pos if group else self.spec.pos) or Pos(self.spec.file, 1, 1)
        if agg.kind == "sum":
            score = sum((r.score for r in live if r.score is not None), Fraction(0))
            full = sum((r.full for r in live), Fraction(0))
            lines = (" + ".join(self._fmt(r.score) for r in live), self._fmt(score))
            step = Step(
                kind="aggregate",
                label="sum of the indicators",
                value=score,
                formula=" + ".join(r.id for r in live),
                lines=lines[1:] if len(live) == 1 else lines,
                pos=pos,
                brief="sum",
            )
            return score, full, [step]
        fractions = [(r.full, (r.score or Fraction(0)) / r.full) for r in live]
        if agg.kind == "formula":
            assert agg.formula is not None
            return self._formula_aggregate(results, weight, agg.formula, pos, group)
        wsum = sum((w for w, _ in fractions), Fraction(0))
        if agg.kind == "weighted_mean":
            frac = sum((w * f for w, f in fractions), Fraction(0)) / wsum
            formula = "weight × Σ(wᵢ × scoreᵢ/fullᵢ) / Σwᵢ"
            detail = " + ".join(f"{format_value(w)} × {format_value(f)}" for w, f in fractions)
            detail = f"{format_value(weight)} × ({detail}) / {format_value(wsum)}"
        elif agg.kind == "mean":
            frac = sum((f for _, f in fractions), Fraction(0)) / len(fractions)
            formula = "weight × mean(scoreᵢ/fullᵢ)"
            detail = (
                f"{format_value(weight)} × ("
                + " + ".join(format_value(f) for _, f in fractions)
                + f") / {len(fractions)}"
            )
        elif agg.kind == "min":
            frac = min(f for _, f in fractions)
            formula = "weight × min(scoreᵢ/fullᵢ)"
            detail = (
                f"{format_value(weight)} × min("
                + ", ".join(format_value(f) for _, f in fractions)
                + ")"
            )
        else:  # geometric_mean, weighted
            frac = _geometric(fractions, wsum)
            formula = "weight × Π(scoreᵢ/fullᵢ)^(wᵢ/Σw)"
            detail = f"{format_value(weight)} × " + " × ".join(
                f"{format_value(f)}^({format_value(w)}/{format_value(wsum)})" for w, f in fractions
            )
        score = weight * frac
        step = Step(
            kind="aggregate",
            label=agg.kind.replace("_", " "),
            value=score,
            formula=formula,
            lines=(detail, format_value(score)),
            pos=pos,
            brief=agg.kind,
        )
        return score, weight, [step]

    def _formula_aggregate(
        self,
        results: list[Result],
        weight: Fraction,
        formula: Formula,
        pos: Pos,
        group: Indicator | None,
    ) -> tuple[Fraction, Fraction, list[Step]]:
        where = group.id if group else "the total"
        na = [r.id for r in results if r.status == "not_applicable" and r.id in formula.names]
        if na:
            self.errors.append(
                EvaluationError(
                    f"{where}: the aggregate formula uses {', '.join(na)}, which "
                    f"{'is' if len(na) == 1 else 'are'} not applicable; a formula cannot leave "
                    "an indicator out: give a value, or aggregate with weighted_mean or sum",
                    pos,
                )
            )
            return Fraction(0), weight, []
        names: dict[str, Value] = {r.id: r.score or Fraction(0) for r in results}
        names["weight"] = weight
        try:
            value, record = formula.evaluate_traced(names)
            score = num(value)
        except FormulaError as e:
            self.errors.append(
                EvaluationError(
                    f"{where}: aggregate formula failed: {e.message}; formula: {formula.text}", pos
                )
            )
            return Fraction(0), weight, []
        lines = formula.reduction(names, record)
        step = Step(
            kind="aggregate",
            label="aggregate formula",
            value=score,
            formula=formula.text,
            lines=tuple(lines[1:]),
            pos=pos,
            brief="formula",
        )
        return score, weight, [step]

    # -- indicators -------------------------------------------------------
    def _na_result(self, ind: Indicator) -> Result:
        reason = self._na_reason(ind)
        kids = tuple(self._na_result(c) for c in ind.children)
        step = Step(
            kind="not_applicable",
            label="not applicable",
            value=None,
            lines=(reason or "all its indicators are not applicable",),
            pos=self.a.pos("not_applicable", ind.id),
        )
        return Result(
            indicator=ind,
            weight=ind.weight,
            full=Fraction(0),
            actual=None,
            score=None,
            rule_score=None,
            status="not_applicable",
            steps=(step,),
            children=kids,
            note=self.a.notes.get(ind.id, ""),
            reason=reason,
        )

    def _indicator(self, ind: Indicator, weight: Fraction, pre: Step | None) -> Result:
        steps: list[Step] = [pre] if pre else []
        if ind.is_group:
            na_mode = ind.not_applicable or self.spec.not_applicable
            kids, raw, full, agg_steps = self._aggregate_children(
                ind.children, ind.weight, weight, ind.aggregate, na_mode, ind
            )
            steps.extend(agg_steps)
            return self._finish(
                ind,
                weight,
                full,
                None,
                raw,
                steps,
                kids,
                None,
                sum_group=ind.aggregate.kind == "sum",
                clamp=ind.aggregate.kind == "formula",
            )
        actual: Any = None
        band = None
        status = "scored"
        if ind.id in self.a.missing:
            status = "missing"
            raw = Fraction(0)
            steps.append(
                Step(
                    kind="missing",
                    label="missing value scored 0 (--missing zero)",
                    value=Fraction(0),
                    pos=None,
                    brief="missing → 0",
                )
            )
        else:
            try:
                actual = self._actual(ind, steps)
                assert ind.method is not None
                raw, method_steps, band = ind.method.score(
                    weight, ind.target, actual, self.a.inputs, ind.weight, self.trace
                )
                steps.extend(method_steps)
            except FormulaError as e:
                self._fail(ind, e)
                raw = Fraction(0)
        result = self._finish(ind, weight, weight, actual, raw, steps, (), band)
        if status == "missing":
            return Result(**{**result.__dict__, "status": "missing"})
        return result

    def _actual(self, ind: Indicator, steps: list[Step]) -> Any:
        if ind.derive is None:
            return self.a.values[ind.id]
        names: Mapping[str, Value] = self.a.inputs
        if not self.trace:
            return ind.derive.evaluate(names)
        value, record = ind.derive.evaluate_traced(names)
        lines = ind.derive.reduction(names, record)
        steps.append(
            Step(
                kind="derive",
                label="actual derived from inputs",
                value=value,
                formula=ind.derive.text,
                lines=tuple(lines[1:]),
                pos=ind.derive_pos,
                brief=lines[1] if len(lines) > 1 else "",
            )
        )
        return value

    def _fail(self, ind: Indicator, e: FormulaError) -> None:
        formula: Formula | None = None
        pos = ind.pos
        if ind.derive is not None and e.message and ind.derive_pos is not None:
            formula, pos = ind.derive, ind.derive_pos
        method = ind.method
        if formula is None and method is not None and hasattr(method, "formula"):
            formula, pos = method.formula, method.pos or ind.pos
        shown = f"; formula: {formula.text}" if formula is not None else ""
        inputs = ""
        if formula is not None and formula.names & set(self.a.inputs):
            inputs = " with " + ", ".join(
                f"{n} = {format_value(self.a.inputs[n])}"
                for n in sorted(formula.names & set(self.a.inputs))
            )
        self.errors.append(
            EvaluationError(
                f"indicator '{ind.id}' ({ind.name}): {e.message}{shown}{inputs}; check the "
                f"actuals ({self.a.file})",
                pos,
            )
        )

    def _finish(
        self,
        ind: Indicator,
        weight: Fraction,
        full: Fraction,
        actual: Any,
        raw: Fraction,
        steps: list[Step],
        kids: tuple[Result, ...] | list[Result],
        band: int | None,
        sum_group: bool = False,
        clamp: bool = True,
    ) -> Result:
        """Clamp (leaves and formula groups; other groups leave the range only by the
        rounding of their children), round, and apply any override."""
        value, step = _clamped(raw, full, ind.weight_pos) if clamp else (raw, None)
        capped = step is not None
        if step is not None:
            steps.append(step)
        if self.round_each:
            rounded = round_fraction(value, self.places, self.spec.rounding.mode)
            if self.trace and (not sum_group or rounded != value):
                steps.append(self._round_step(value, rounded))
            value = rounded
        rule_score = value
        status = "scored"
        reason = ""
        override = self.a.overrides.get(ind.id)
        if override is not None:
            if override.score > full:
                self.errors.append(
                    EvaluationError(
                        f"override score {format_value(override.score)} for '{ind.id}' is above "
                        f"its full marks here ({format_value(full)}, after not-applicable "
                        "indicators were excluded)",
                        override.pos,
                    )
                )
            value = override.score
            status, reason = "override", override.reason
            lines = [
                f"rule's score {self._fmt(rule_score)} → awarded {format_value(override.score)}"
            ]
            if weight != ind.weight:
                value = override.score * weight / ind.weight
                lines.append(
                    f"scaled to the redistributed weight: {format_value(override.score)}"
                    f" × {format_value(weight)} / {format_value(ind.weight)} = "
                    f"{format_value(value)}"
                )
                if self.round_each:
                    value = round_fraction(value, self.places, self.spec.rounding.mode)
            lines.append(f"reason: {reason}")
            steps.append(
                Step(
                    kind="override",
                    label="override by the evaluator",
                    value=value,
                    lines=tuple(lines),
                    pos=override.pos,
                    brief="override",
                )
            )
        return Result(
            indicator=ind,
            weight=weight,
            full=full,
            actual=actual,
            score=value,
            rule_score=rule_score,
            status=status,
            steps=tuple(steps),
            children=tuple(kids),
            capped=capped,
            band=band,
            note=self.a.notes.get(ind.id, ""),
            reason=reason,
        )

    # -- totals -----------------------------------------------------------
    def _round_step(self, value: Fraction, rounded: Fraction) -> Step:
        r = self.spec.rounding
        return Step(
            kind="round",
            label=f"round {r.places} places {r.mode}",
            value=rounded,
            lines=(f"{format_value(value)} → {format_fixed(rounded, r.places)}",),
            pos=r.pos,
            brief="",
        )

    def _grade(self, total: Fraction, full: Fraction) -> tuple[str | None, Step | None]:
        grades = self.spec.grades
        if not grades:
            return None, None
        basis = total
        lines: list[str] = []
        if full != self.spec.total and full > 0:
            basis = total * self.spec.total / full
            lines.append(
                f"full marks are {format_value(full)} after exclusions: "
                f"{self._fmt(total)} × {format_value(self.spec.total)} / "
                f"{format_value(full)} = {format_value(basis)}"
            )
        # the total as the scorecard shows it; a total rescaled after exclusions exactly
        shown = self._fmt(basis) if basis == total else format_value(basis)
        for g in grades:
            if basis >= g.min:
                lines.append(f"{shown} ≥ {format_value(g.min)} → {g.grade}")
                return g.grade, Step(
                    kind="grade_total",
                    label=f"grade {g.grade}",
                    value=g.grade,
                    lines=tuple(lines),
                    pos=g.pos,
                )
        return None, Step(
            kind="grade_total",
            label="no grade",
            value=None,
            lines=(*lines, f"{shown} is below every grade"),
            pos=grades[-1].pos,
        )

    def _fmt(self, x: Fraction | None) -> str:
        if x is None:
            return "—"
        return format_fixed(x, self.places) if self.round_each else format_value(x)


def _clamped(value: Fraction, full: Fraction, pos: Pos | None) -> tuple[Fraction, Step | None]:
    """``value`` within [0, full], and the visible step when that changed it."""
    if 0 <= value <= full:
        return value, None
    clamped = min(max(value, Fraction(0)), full)
    return clamped, Step(
        kind="clamp",
        label=f"clamp to [0, {format_value(full)}]",
        value=clamped,
        lines=(f"{format_value(value)} → {format_value(clamped)}",),
        pos=pos,
        brief="capped",
    )


def _geometric(fractions: list[tuple[Fraction, Fraction]], wsum: Fraction) -> Fraction:
    if any(f == 0 for _, f in fractions):
        return Fraction(0)
    with decimal.localcontext(irrational_context()):
        total = decimal.Decimal(0)
        for w, f in fractions:
            d = decimal.Decimal(f.numerator) / decimal.Decimal(f.denominator)
            total += (decimal.Decimal(w.numerator) / decimal.Decimal(w.denominator)) * d.ln()
        total /= decimal.Decimal(wsum.numerator) / decimal.Decimal(wsum.denominator)
        return Fraction(total.exp())
