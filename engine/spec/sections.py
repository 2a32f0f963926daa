"""The spec's settings sections compiled: inputs, rounding, grades, tests."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..base.errors import Pos
from ..base.i18n import _
from ..base.numbers import format_value
from .builder import RESERVED_IDS, Builder, num, text
from .model import GradeBand, InputDef, Rounding


def compile_inputs(b: Builder, raw: Any) -> dict[str, InputDef]:
    """The declared inputs (names formulas may read); a reserved name is refused."""
    inputs: dict[str, InputDef] = {}
    for key, value in (raw if isinstance(raw, dict) else {}).items():
        if key in RESERVED_IDS:
            b.p.add(
                ("inputs", key),
                _(
                    "input name '{key}' is reserved (it names a formula variable or "
                    "function); choose another"
                ).format(key=key),
                at_key=True,
            )
        v = value if isinstance(value, dict) else {}
        inputs[key] = InputDef(
            key,
            text(v.get("name"), key),
            text(v.get("unit")),
            b.doc.key_pos(("inputs", key)),
        )
    b.inputs = frozenset(inputs)
    return inputs


def compile_rounding(b: Builder, raw: Any) -> Rounding:
    """The rounding rule; what the schema refused falls back to the default."""
    if not isinstance(raw, dict):
        return Rounding(pos=b.doc.pos(()))
    places = raw.get("places", Fraction(2))
    return Rounding(
        places=int(places)
        if isinstance(places, Fraction) and places.denominator == 1 and 0 <= places <= 10
        else 2,
        mode=str(raw["mode"]) if raw.get("mode") in ("half_up", "half_even", "down") else "half_up",
        apply=str(raw["apply"]) if raw.get("apply") in ("each", "total") else "each",
        pos=_rounding_pos(b),
    )


def _rounding_pos(b: Builder) -> Pos:
    """Where the rounding rule is set: the spec's ``rounding``, or the ``--set`` that
    changed one of its keys (the trace's round steps point there)."""
    pos = b.doc.pos(("rounding",))
    for key in ("places", "mode", "apply"):
        at = b.doc.positions.get(("rounding", key))
        if at is not None and at.file.startswith("--set["):
            pos = at
    return pos


def compile_grades(b: Builder, raw: Any) -> tuple[GradeBand, ...]:
    """The grade bands, highest first, each name once, the last one reaching 0."""
    if not isinstance(raw, list):
        return ()
    out: list[GradeBand] = []
    seen: dict[str, int] = {}
    for i, g in enumerate(raw):
        if (
            not isinstance(g, dict)
            or not isinstance(g.get("grade"), str)
            or num(g.get("min")) is None
        ):
            continue
        name, low = g["grade"], g["min"]
        if name in seen:
            b.p.add(
                ("grades", i, "grade"),
                _("grade '{name}' is listed twice (also entry {value})").format(
                    name=name, value=seen[name] + 1
                ),
            )
        seen[name] = i
        if out and low >= out[-1].min:
            b.p.add(
                ("grades", i, "min"),
                _(
                    "grade '{name}' min {low} must be below the previous grade's min {min}; "
                    "list grades from the highest down"
                ).format(name=name, low=format_value(low), min=format_value(out[-1].min)),
            )
        out.append(GradeBand(name, low, b.doc.pos(("grades", i))))
    if out and out[-1].min > 0 and len(out) == len(raw):
        b.p.add(
            ("grades", len(raw) - 1, "min"),
            _("totals below {min} would get no grade; give the last grade min: 0").format(
                min=format_value(out[-1].min)
            ),
        )
    return tuple(out)


def compile_tests(raw: Any) -> tuple[Any, ...]:
    """The spec's own test cases, kept as written (the spec test runner checks them)."""
    return tuple(raw) if isinstance(raw, list) else ()
