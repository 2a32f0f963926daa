"""An ``aggregate:`` (of a group or the total) compiled: a named mean, or a formula."""

from __future__ import annotations

from typing import Any

from ..base.errors import FormulaError
from ..base.i18n import _
from .builder import Builder
from .formula import compile_formula
from .load import JsonPath
from .model import Aggregation

AGGREGATIONS = ("sum", "weighted_mean", "mean", "min", "geometric_mean")


def compile_aggregate(b: Builder, raw: Any, path: JsonPath, children: Any) -> Aggregation:
    """``sum`` when absent; a formula may name the ``children`` (as the spec lists
    them: one that fails to compile is still a child, and says its own error)
    and ``weight``."""
    if raw is None or raw == "sum":
        return Aggregation("sum", pos=b.doc.pos(path) if raw else None)
    if isinstance(raw, str) and raw in AGGREGATIONS:
        return Aggregation(raw, pos=b.doc.pos(path))
    if isinstance(raw, dict) and isinstance(raw.get("formula"), str):
        known = {c["id"] for c in _listed(children)} | {"weight"}
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
                ).format(name=e.name, owner=owner, list=_(", ").join(sorted(known)))
            b.p.formula((*path, "formula"), e, _("aggregate formula"))
            return Aggregation("sum")
        return Aggregation("formula", f, b.doc.pos(path))
    return Aggregation("sum")  # the schema reports it


def _listed(children: Any) -> list[dict[str, Any]]:
    """The children as written, those with an id."""
    items = children if isinstance(children, list) else []
    return [c for c in items if isinstance(c, dict) and isinstance(c.get("id"), str)]
