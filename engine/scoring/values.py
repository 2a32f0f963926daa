"""One value checked against its indicator's method: a number, or a grade label (and score)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..base.errors import did_you_mean
from ..base.numbers import format_value
from ..spec.load import JsonPath
from ..spec.methods import GradesMethod
from ..spec.model import Indicator
from ..spec.problems import Problems
from ..spec.schema import describe, number_hint


def check_value(p: Problems, path: JsonPath, ind: Indicator, value: Any) -> bool:
    """Is ``value`` right for ``ind``'s method? Report it when not."""
    method = ind.method
    key = path[-1]
    if isinstance(method, GradesMethod):
        labels = list(method.grades)
        label = value.get("grade") if isinstance(value, dict) else value
        if not isinstance(label, str):
            p.add(
                path,
                f"values: '{key}' is qualitative; give one of the labels "
                f"{', '.join(labels)}, not {describe(value)}",
            )
            return False
        if label not in method.grades:
            p.add(
                path,
                f"values: '{key}' has no grade '{label}'{did_you_mean(label, labels)}; "
                f"grades: {', '.join(labels)}",
            )
            return False
        low, high = method.grades[label]
        if low == high:
            if isinstance(value, dict):
                p.add(
                    path,
                    f"values: grade '{label}' of '{key}' is worth a fixed "
                    f"{format_value(low)} of the weight; give the label alone",
                )
                return False
            return True
        if not isinstance(value, dict):
            p.add(
                path,
                f"values: grade '{label}' of '{key}' is a range ({format_value(low)} "
                f"to {format_value(high)} of the weight); give {{grade: {label}, score: N}} "
                "with the chosen score",
            )
            return False
        score = value.get("score")
        lo, hi = ind.weight * low, ind.weight * high
        if isinstance(score, Fraction) and not lo <= score <= hi:
            p.add(
                (*path, "score"),
                f"values: chosen score {format_value(score)} for '{key}' "
                f"lies outside grade '{label}' ({format_value(lo)} to {format_value(hi)} "
                "points)",
            )
            return False
        return True
    if not isinstance(value, Fraction):
        p.add(
            path,
            f"values: '{key}' needs a number ({ind.unit or 'no unit'}), not {describe(value)}"
            f"{number_hint(value)}",
        )
        return False
    return True
