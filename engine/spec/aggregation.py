"""An ``aggregate:`` (of a group or the total) compiled: a named mean, or a formula."""

from __future__ import annotations

from typing import Any

from ..base.errors import FormulaError
from ..base.i18n import _
from .builder import Builder
from .formula import compile_formula
from .load import JsonPath
from .model import Aggregation, Indicator

AGGREGATIONS = ("sum", "weighted_mean", "mean", "min", "geometric_mean")


def compile_aggregate(
    b: Builder, raw: Any, path: JsonPath, children: list[Indicator]
) -> Aggregation:
    """``sum`` when absent; a formula may name the ``children`` and ``weight``."""
    if raw is None or raw == "sum":
        return Aggregation("sum", pos=b.doc.pos(path) if raw else None)
    if isinstance(raw, str) and raw in AGGREGATIONS:
        return Aggregation(raw, pos=b.doc.pos(path))
    if isinstance(raw, dict) and isinstance(raw.get("formula"), str):
        known = {c.id for c in children} | {"weight"}
        try:
            f = compile_formula(raw["formula"], known)
        except FormulaError as e:
            if e.name is not None:
                group = b.at(path[:-1]) if len(path) > 1 else None
                owner = (
                    f"'{group['id']}'"
                    if isinstance(group, dict) and isinstance(group.get("id"), str)
                    else _("the top level")
                )
                e.message = _(
                    "'{name}' is not a child of {owner}; the formula can use {list}"
                ).format(name=e.name, owner=owner, list=", ".join(sorted(known)))
            b.p.formula((*path, "formula"), e, _("aggregate formula"))
            return Aggregation("sum")
        return Aggregation("formula", f, b.doc.pos(path))
    return Aggregation("sum")  # the schema reports it
