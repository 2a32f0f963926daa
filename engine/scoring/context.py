"""What one evaluation's steps share: the spec, the actuals, the rounding rule, the errors."""

from __future__ import annotations

from fractions import Fraction

from ..base.errors import ScorecardError
from ..base.i18n import msg
from ..base.numbers import format_fixed, format_value, round_fraction
from ..base.trace import Step
from ..spec.model import Spec
from .model import Actuals


class Evaluation:
    """One scoring of ``actuals`` against ``spec``; errors are collected, not raised.

    With ``trace=False`` formula steps carry no arithmetic (the batch path)."""

    def __init__(self, spec: Spec, actuals: Actuals, trace: bool = True):
        self.spec = spec
        self.a = actuals
        self.trace = trace
        self.errors: list[ScorecardError] = []
        self.places = spec.rounding.places
        self.round_each = spec.rounding.apply == "each"

    def round(self, value: Fraction) -> Fraction:
        """``value`` rounded by the spec's rule."""
        return round_fraction(value, self.places, self.spec.rounding.mode)

    def round_step(self, value: Fraction, rounded: Fraction) -> Step:
        r = self.spec.rounding
        if r.places == 1:
            label = msg("round {places} place {mode}", places=r.places, mode=msg(r.mode))
        else:
            label = msg("round {places} places {mode}", places=r.places, mode=msg(r.mode))
        return Step(
            kind="round",
            label=label,
            value=rounded,
            lines=(f"{format_value(value)} → {format_fixed(rounded, r.places)}",),
            pos=r.pos,
            brief="",
        )

    def fmt(self, x: Fraction | None) -> str:
        """A score as the trace shows it: fixed places when each score is rounded."""
        if x is None:
            return "—"
        return format_fixed(x, self.places) if self.round_each else format_value(x)
