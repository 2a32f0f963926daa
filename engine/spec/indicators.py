"""Indicators compiled: who they are (id, weight), then a leaf (actual, method) or a group."""

from __future__ import annotations

import keyword
import re
from fractions import Fraction
from typing import Any

from ..base.errors import FormulaError
from ..base.i18n import N_, _
from .aggregation import compile_aggregate
from .builder import OUTPUT_COLUMNS, RESERVED_IDS, Builder, num, text
from .custom import resolve_method
from .formula import Formula, compile_formula
from .load import JsonPath
from .model import Indicator

#: keys only a leaf may have, and keys only a group may have, with where they belong
LEAF_KEYS = ("target", "direction", "actual")
ON_A_LEAF = N_("belongs on a leaf indicator, not on a group with children")
GROUP_KEYS = ("aggregate", "not_applicable")
ON_A_GROUP = N_("belongs on a group (with children), not on a leaf indicator; remove it")


def compile_indicator(b: Builder, raw: Any, path: JsonPath) -> Indicator | None:
    """The indicator at ``path``, or None when it has problems (all of them reported)."""
    if not isinstance(raw, dict):
        return None
    ok = _identity(b, raw, path)
    ok = _unquoted_unit(b, raw, path) and ok
    weight = num(raw.get("weight"))
    if weight is None or weight <= 0:
        ok = False
    if isinstance(raw.get("children"), list):
        if "method" in raw:
            b.p.add(
                (*path, "method"),
                _(
                    "a group (with children) is scored by aggregating them and cannot have a "
                    "method; remove 'method' or 'children'"
                ),
                at_key=True,
            )
            ok = False
        if not _none_of(b, raw, path, LEAF_KEYS, ON_A_LEAF):
            ok = False
        return _group(b, raw, path, weight, ok)
    if not _none_of(b, raw, path, GROUP_KEYS, ON_A_GROUP):
        ok = False
    return _leaf(b, raw, path, weight, ok)


#: quotation marks a Chinese input method types, which YAML keeps as text
_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』", "＂": "＂", "＇": "＇"}


def _unquoted_unit(b: Builder, raw: dict[str, Any], path: JsonPath) -> bool:
    """A unit written in Chinese quotation marks (unit: “%”) keeps them as part of
    itself: “%” is no percentage, and is refused, saying what to write."""
    unit = raw.get("unit")
    if not isinstance(unit, str) or len(unit) < 2 or _QUOTES.get(unit[0]) != unit[-1]:
        return True
    b.p.add(
        (*path, "unit"),
        _(
            "unit {unit} is in Chinese quotation marks, which YAML keeps as part of it ({bare} "
            'in them is not {bare}); write unit: "{bare}"'
        ).format(unit=unit, bare=unit[1:-1]),
    )
    return False


def _identity(b: Builder, raw: dict[str, Any], path: JsonPath) -> bool:
    """Has the indicator a name and an id that is unique and not reserved?"""
    iid = raw.get("id")
    ok = isinstance(iid, str) and isinstance(raw.get("name"), str)
    if not isinstance(iid, str):
        return ok
    if iid in b.ids:
        first = b.doc.pos((*b.ids[iid], "id"))
        b.p.add(
            (*path, "id"),
            _(
                "duplicate id '{iid}' (first at line {line}); ids must be unique across the spec"
            ).format(iid=iid, line=first.line),
        )
        ok = False
    else:
        b.ids[iid] = path
    if iid in RESERVED_IDS or keyword.iskeyword(iid) or iid in b.inputs:
        b.p.add(
            (*path, "id"),
            _(
                "id '{iid}' is reserved (it names a formula variable, function, keyword "
                "or input); choose another"
            ).format(iid=iid),
        )
        ok = False
    elif iid in OUTPUT_COLUMNS:
        b.p.add(
            (*path, "id"),
            _(
                "id '{iid}' names a column batch outputs start with ({columns}); choose another"
            ).format(iid=iid, columns=", ".join(OUTPUT_COLUMNS)),
        )
        ok = False
    return ok


def _none_of(
    b: Builder, raw: dict[str, Any], path: JsonPath, keys: tuple[str, ...], where: str
) -> bool:
    """Report each of ``keys`` the indicator has (``where`` says where it belongs);
    True when it has none."""
    found = [key for key in keys if key in raw]
    for key in found:
        b.p.add((*path, key), f"'{key}' {_(where)}", at_key=True)
    return not found


def _leaf(
    b: Builder, raw: dict[str, Any], path: JsonPath, weight: Fraction | None, ok: bool
) -> Indicator | None:
    """A leaf: its actual (given, or derived by a formula of inputs) scored by a method."""
    iid = raw.get("id")
    refused = b.schema_keys(path)  # told by the schema; what needs them waits (decisions §8)
    if "method" not in raw and "children" not in raw:
        if not refused & {"method", "children"}:  # a misspelt one is told as an unknown key
            b.p.add(
                path,
                _(
                    "indicator '{iid}' has neither 'method' (a leaf) nor 'children' (a group); "
                    "add one"
                ).format(iid=iid),
            )
        return None
    derive = _derive(b, raw, path)
    if isinstance(raw.get("actual"), str) and derive is None:
        ok = False
    if "method" in refused:
        return None  # the method's own message says it; nothing of it can be checked
    if not _known(b, raw.get("method")):  # a misspelt name is told whatever else is wrong
        resolve_method(b, raw.get("method"), path, weight, None, None)
        return None
    target = num(raw.get("target"))
    label = raw["target"] if isinstance(raw.get("target"), str) else ""
    if label and not _qualitative(raw.get("method")):
        from .schema import describe, number_hint

        hint = _compared_target(label) or number_hint(label)
        if not hint and describe(label) != "a text":  # words, not a number gone wrong
            hint = _("; a text target suits a qualitative indicator scored by grades")
        method_at = b.doc.pos((*path, "method"))
        if method_at.file != b.doc.pos((*path, "id")).file:  # changed by an extending spec
            hint += _("; the method is set at {pos}").format(pos=method_at)
        b.p.add(
            (*path, "target"),
            _("'target' must be a number, not {what}{hint}").format(
                what=describe(label), hint=hint
            ),
        )
        return None
    direction = raw.get("direction") if raw.get("direction") in ("higher", "lower") else None
    unread = refused & {"direction", "target"}
    if "" in refused and target is None and not label:  # the schema said a target is needed
        unread |= {"target"}
    given = None if "weight" in refused else weight  # a weight of 0 is no weight to check with
    method = resolve_method(b, raw.get("method"), path, given, target, direction, unread)
    if method is None or not ok or refused:
        return None
    assert isinstance(iid, str) and weight is not None
    return Indicator(
        **_common(b, raw, path, weight),
        direction=direction,
        target=target,
        target_label=label,
        target_pos=b.doc.pos((*path, "target")) if target is not None or label else None,
        derive=derive,
        derive_pos=b.doc.pos((*path, "actual")) if derive else None,
        method=method,
    )


def _derive(b: Builder, raw: dict[str, Any], path: JsonPath) -> Formula | None:
    """The leaf's ``actual:`` formula of inputs, if it has one that compiles."""
    if not isinstance(raw.get("actual"), str):
        return None
    try:
        return compile_formula(raw["actual"], b.inputs)
    except FormulaError as e:
        if not b.inputs and e.name is not None:
            e.message += _(" (declare inputs at the top of the spec)")
        b.p.formula((*path, "actual"), e, "actual")
        return None


def _group(
    b: Builder, raw: dict[str, Any], path: JsonPath, weight: Fraction | None, ok: bool
) -> Indicator | None:
    """A group: its children compiled, then aggregated (weights must add up for ``sum``)."""
    children: list[Indicator] = []
    raw_children = raw["children"]
    for i, c in enumerate(raw_children):
        child = compile_indicator(b, c, (*path, "children", i))
        if child is not None:
            children.append(child)
    aggregate = compile_aggregate(b, raw.get("aggregate"), (*path, "aggregate"), raw_children)
    complete = len(children) == len(raw_children)
    if (
        weight is not None
        and weight > 0
        and aggregate.kind == "sum"
        and not b.weights_add_up(
            raw_children,
            weight,
            (*path, "weight"),
            N_("children's weights add up to {sum}, not the group's weight {expected}: {terms}"),
        )
    ):
        ok = False
    if not ok or not complete or weight is None:
        return None
    na = raw.get("not_applicable")
    return Indicator(
        **_common(b, raw, path, weight),
        children=tuple(children),
        aggregate=aggregate,
        not_applicable=na if na in ("redistribute", "exclude") else None,
    )


def _common(b: Builder, raw: dict[str, Any], path: JsonPath, weight: Fraction) -> dict[str, Any]:
    """The fields every indicator has, leaf or group."""
    return {
        "id": raw["id"],
        "name": raw["name"],
        "weight": weight,
        "pos": b.doc.pos(path),
        "weight_pos": b.doc.pos((*path, "weight")),
        "description": text(raw.get("description")),
        "source": text(raw.get("source")),
        "unit": text(raw.get("unit")),
        "assumed": _assumed(raw.get("assumed")),
    }


def _assumed(raw: Any) -> str | None:
    """``assumed: true`` → "", ``assumed: "why"`` → "why", absent or false → None."""
    if raw is True:
        return ""
    if isinstance(raw, str) and raw.strip():
        return raw.strip()
    return None


def _known(b: Builder, method: Any) -> bool:
    """Is this method written with a name the spec knows (built in, or its own)?"""
    from . import methods as m

    name = method if isinstance(method, str) else None
    if isinstance(method, dict) and len(method) == 1:
        name = next(iter(method))
    return name is None or name in m.BUILTINS or name in b.custom or name in b.broken_methods


def _qualitative(method: Any) -> bool:
    """Is this method written as grades (the one that takes a text target)?"""
    return method == "grades" or (isinstance(method, dict) and "grades" in method)


#: a target as a table writes it, the comparison before the number and perhaps
#: its unit after: ≥95%, <=10, ≤10次, ＜5万元
_COMPARED = re.compile(
    r"\s*+(≥|>=|＞=|>|＞|≤|<=|＜=|<|＜|=|＝)\s*+([0-9]++(?:\.[0-9]++)?+)\s*+[^\s0-9]{0,4}+\s*+"
)


def _compared_target(label: str) -> str:
    """The hint for a target written with its comparison (``≥95%``): the direction
    and the number, as a spec gives them; "" for any other text."""
    m = _COMPARED.fullmatch(label)
    if m is None:
        return ""
    sign, number = m[1], m[2]
    if sign in ("=", "＝"):
        return _("; write the number alone, target: {number}").format(number=number)
    direction = "higher" if sign[0] in ">＞≥" else "lower"
    return _(
        "; write the comparison as the direction and the number as the target: "
        "direction: {direction}, target: {number}"
    ).format(direction=direction, number=number)
