"""A leaf indicator scored: its actual (given or derived from inputs) through its method."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from fractions import Fraction
from typing import Any

from ..base.errors import EvaluationError, FormulaError
from ..base.i18n import Listing, _, msg
from ..base.numbers import Value, format_value
from ..base.text import is_percent
from ..base.trace import Step
from ..spec.formula import Formula
from ..spec.model import Indicator
from .context import Evaluation
from .finish import finish
from .result import Result


def score_leaf(ev: Evaluation, ind: Indicator, weight: Fraction, pre: Step | None) -> Result:
    """Score ``ind`` out of ``weight`` (its own, or as redistributed by step ``pre``)."""
    steps: list[Step] = [pre] if pre else []
    actual: Any = None
    band = None
    if ind.id in ev.a.missing:
        steps.append(
            Step(
                kind="missing",
                label=msg("missing value scored 0 (--missing zero)"),
                value=Fraction(0),
                pos=None,
                brief=msg("missing → 0"),
            )
        )
        result = finish(ev, ind, weight, weight, actual, Fraction(0), steps, (), band)
        return replace(result, status="missing")
    derived = False  # whether the actual value was made (a derivation may fail first)
    try:
        actual = _actual(ev, ind, steps)
        derived = True
        assert ind.method is not None
        raw, method_steps, band = ind.method.score(
            weight, ind.target, actual, ev.a.inputs, ind.weight, ev.trace
        )
        steps.extend(method_steps)
    except FormulaError as e:
        _fail(ev, ind, e, in_derivation=not derived)
        raw = Fraction(0)
    return finish(ev, ind, weight, weight, actual, raw, steps, (), band)


def _actual(ev: Evaluation, ind: Indicator, steps: list[Step]) -> Any:
    """The value given for ``ind``, or the one its ``actual:`` formula derives."""
    if ind.derive is None:
        return ev.a.values[ind.id]
    names: Mapping[str, Value] = ev.a.inputs
    if not ev.trace:
        return ind.derive.evaluate(names)
    value, record = ind.derive.evaluate_traced(names)
    lines = ind.derive.reduction(names, record)
    steps.append(
        Step(
            kind="derive",
            label=msg("actual derived from inputs"),
            value=value,
            formula=ind.derive.text,
            lines=(
                *lines[1:],
                *ind.derive.untaken(names, record),
                _inputs_line(ev, ind.derive),
            ),
            pos=ind.derive_pos,
            brief=lines[1] if len(lines) > 1 else "",
        )
    )
    return value


def _inputs_line(ev: Evaluation, formula: Formula) -> str:
    """The inputs a formula read, by their names and units: ``where spent 全年执行数
    75,317.78 万元, budget 全年预算数 82,912.04 万元``."""
    parts = []
    for key in sorted(formula.names & set(ev.a.inputs)):
        d = ev.spec.inputs[key]
        unit = f" {d.unit}" if d.unit and not is_percent(d.unit) else d.unit
        parts.append(f"{key} {d.name} {_grouped(format_value(ev.a.inputs[key]))}{unit}".strip())
    return msg("where {inputs}", inputs=Listing(parts))


def _grouped(text: str) -> str:
    """Thousands separated, as the figures of a report are written: 75,317.78."""
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, dot, rest = digits.partition(".")
    return f"{sign}{int(whole):,}{dot}{rest}" if whole.isdigit() else text


def _fail(ev: Evaluation, ind: Indicator, e: FormulaError, in_derivation: bool) -> None:
    """Report a formula that failed on these actuals, at the formula and with its
    inputs: the ``actual:`` derivation (``in_derivation``), else the method's."""
    formula: Formula | None = None
    pos = ind.pos
    if in_derivation and ind.derive is not None and e.message and ind.derive_pos is not None:
        formula, pos = ind.derive, ind.derive_pos
    method = ind.method
    if formula is None and method is not None and hasattr(method, "formula"):
        formula, pos = method.formula, method.pos or ind.pos
    shown = _("; formula: {text}").format(text=formula.text) if formula is not None else ""
    inputs = ""
    read = sorted(formula.names & set(ev.a.inputs)) if formula is not None else []
    if read:
        inputs = _(" with {values}").format(
            values=", ".join(f"{n} = {format_value(ev.a.inputs[n])}" for n in read)
        )
    ev.errors.append(
        EvaluationError(
            _(
                "indicator '{id}' ({name}): {message}{shown}{inputs}; check the actuals ({file})"
            ).format(
                id=ind.id,
                name=ind.name,
                message=e.message,
                shown=shown,
                inputs=inputs,
                file=ev.a.file,
            ),
            pos,
            inputs={n: ev.a.inputs[n] for n in read},
            indicator=ind.id,
        )
    )
