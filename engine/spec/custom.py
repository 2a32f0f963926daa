"""Methods: the spec's own (``methods:``) compiled, and an indicator's ``method:`` resolved."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..base.errors import FormulaError, did_you_mean
from ..base.i18n import _
from . import methods as m
from .builder import RESERVED_IDS, Builder, text
from .formula import compile_formula
from .load import JsonPath


def compile_methods(b: Builder, raw: Any) -> None:
    """Compile each custom method into ``b.custom``; a broken one goes to ``b.broken_methods``."""
    if not isinstance(raw, dict):
        return
    for name, body in raw.items():
        path: JsonPath = ("methods", name)
        if name in m.BUILTINS:
            b.p.add(
                path,
                _("method '{name}' is built in; give yours another name").format(name=name),
                at_key=True,
            )
            continue
        if (
            not isinstance(body, dict)
            or not isinstance(body.get("formula"), str)
            or b.schema_bad(path)
        ):
            b.broken_methods.add(name)
            continue
        raw_params: dict[str, Any] = body["params"] if isinstance(body.get("params"), dict) else {}
        params = {k: v for k, v in raw_params.items() if isinstance(v, Fraction)}
        for k in params:
            if k in RESERVED_IDS or k in b.inputs:
                b.p.add(
                    (*path, "params", k),
                    _(
                        "param name '{k}' clashes with a formula name (actual, target, weight, "
                        "functions, inputs); choose another"
                    ).format(k=k),
                    at_key=True,
                )
        known = {"actual", "target", "weight", *params, *b.inputs}
        try:
            formula = compile_formula(body["formula"], known)
        except FormulaError as e:
            b.p.formula((*path, "formula"), e, f"method '{name}' formula")
            b.broken_methods.add(name)  # told here: its uses are not told again
            continue
        b.custom[name] = m.CustomMethod(
            name=name,
            formula=formula,
            params=params,
            description=text(body.get("description")),
            direction_required=body.get("direction") == "required",
            pos=b.doc.pos(path),
        )


def resolve_method(
    b: Builder,
    raw: Any,
    path: JsonPath,
    weight: Fraction | None,
    target: Fraction | None,
    direction: str | None,
    unread: frozenset[str] = frozenset(),
) -> m.Method | None:
    """The leaf at ``path``'s method, built-in or custom, built with its params;
    ``unread`` names the leaf's keys the schema refused (see :class:`~.methods.Site`)."""
    mpath: JsonPath = (*path, "method")
    if isinstance(raw, str):
        name, params, ppath = raw, None, mpath
    elif isinstance(raw, dict) and len(raw) == 1:
        name, params = next(iter(raw.items()))
        ppath = (*mpath, name)
    else:
        return None  # the schema reports it
    site = m.Site(b.p, path, mpath, ppath, weight, target, direction, b.inputs, unread)
    if name in m.BUILTINS:
        if name in ("linear", "deduct") and params is None:
            need = {"linear": "{linear: {zero_at: 0}}", "deduct": "{deduct: {per: 1}}"}[name]
            b.p.add(
                mpath, _("method '{name}' needs params, e.g. {need}").format(name=name, need=need)
            )
            return None
        return m.BUILTINS[name](site, params)
    if name in b.custom:
        return b.custom[name].build(site, params)
    if name in b.broken_methods:
        return None
    known = [*m.BUILTINS, *b.custom, *sorted(b.broken_methods)]  # (a broken one's name too)
    b.p.add(
        mpath if isinstance(raw, str) else (*mpath, name),
        _("unknown method '{name}'{hint}; methods: {list}").format(
            name=name, hint=did_you_mean(str(name), known), list=_(", ").join(known)
        ),
        at_key=not isinstance(raw, str),
    )
    return None
