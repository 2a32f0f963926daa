"""Load, validate and compile a spec: YAML text -> checked, compiled :class:`Spec`.

Every problem is collected, located and reported at once, sorted by position:
schema errors first found by jsonschema, then the semantic rules the schema
cannot express (unique ids, weights adding up, formulas, methods, bands,
grades). Checks are written to skip parts that the schema already rejected.
"""

from __future__ import annotations

import keyword
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..base.errors import ErrorList, FormulaError, LoadError, SpecError, did_you_mean
from ..base.numbers import format_value
from . import methods as m
from .formula import compile_formula
from .functions import FUNCTIONS
from .load import Document, JsonPath, load_file
from .model import Aggregation, GradeBand, Indicator, InputDef, Rounding, Spec
from .problems import Problems
from .schema import check

RESERVED_IDS = {"actual", "target", "weight"} | set(FUNCTIONS) | {"true", "false"}
AGGREGATIONS = ("sum", "weighted_mean", "mean", "min", "geometric_mean")


def load_spec(path: str | Path, display: str | None = None) -> Spec:
    """Read and compile a spec file; raise :class:`ErrorList` with every problem."""
    try:
        doc = load_file(path, display)
    except LoadError as e:
        raise ErrorList([e]) from None
    return compile_spec(doc)


def compile_spec(doc: Document) -> Spec:
    problems = Problems(doc, SpecError)
    data = doc.data
    if not isinstance(data, dict):
        what = "empty" if data is None else "not a mapping"
        raise ErrorList(
            [
                SpecError(
                    f"the spec is {what}; a spec is a mapping with spec: 1, id, total and "
                    "indicators",
                    doc.pos(()),
                )
            ]
        )
    if isinstance(data.get("spec"), str) and "indicators" not in data:
        raise ErrorList(
            [
                SpecError(
                    "this is an actuals file, not a spec ('spec:' names a spec id and there are no "
                    "indicators); give the spec first and the actuals second (scorecard score SPEC "
                    "ACTUALS)",
                    doc.pos(()),
                )
            ]
        )
    check("spec", data, problems)
    builder = _Builder(doc, problems)
    spec = builder.build(data)
    if problems.errors or spec is None:
        raise ErrorList(problems.errors or [SpecError("invalid spec", doc.pos(()))])
    return spec


def _num(x: Any) -> Fraction | None:
    return x if isinstance(x, Fraction) else None


def _str(x: Any, default: str = "") -> str:
    return x if isinstance(x, str) else (format_value(x) if isinstance(x, Fraction) else default)


class _Builder:
    def __init__(self, doc: Document, problems: Problems):
        self.doc = doc
        self.p = problems
        self.ids: dict[str, JsonPath] = {}
        self.inputs: frozenset[str] = frozenset()
        self.custom: dict[str, m.CustomMethod] = {}
        #: methods whose definition the schema refused: their uses are not "unknown"
        self.broken_methods: set[str] = set()
        self.na_default = "redistribute"
        #: where the schema already found problems; checks that would only
        #: repeat them in other words are skipped there
        self.schema_paths = [e.path for e in problems.errors]

    def _at(self, path: JsonPath) -> Any:
        """The raw value at ``path`` in the document, or None."""
        node: Any = self.doc.data
        for key in path:
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                return None
        return node

    def _schema_bad(self, path: JsonPath) -> bool:
        """Did the schema report a problem in this indicator's own keys?"""
        n = len(path)
        return any(p[:n] == path and (len(p) == n or p[n] != "children") for p in self.schema_paths)

    # -- top level --------------------------------------------------------
    def build(self, data: dict[str, Any]) -> Spec | None:
        raw_inputs: dict[str, Any] = data["inputs"] if isinstance(data.get("inputs"), dict) else {}
        inputs: dict[str, InputDef] = {}
        for key, value in raw_inputs.items():
            if key in RESERVED_IDS:
                self.p.add(
                    ("inputs", key),
                    f"input name '{key}' is reserved (it names a "
                    "formula variable or function); choose another",
                    at_key=True,
                )
            v = value if isinstance(value, dict) else {}
            inputs[key] = InputDef(
                key,
                _str(v.get("name"), key),
                _str(v.get("unit")),
                self.doc.key_pos(("inputs", key)),
            )
        self.inputs = frozenset(inputs)
        self._methods(data.get("methods"))
        if data.get("not_applicable") in ("redistribute", "exclude"):
            self.na_default = data["not_applicable"]
        rounding = self._rounding(data.get("rounding"))
        grades = self._grades(data.get("grades"))
        total = _num(data.get("total"))
        raw_inds = data.get("indicators")
        indicators: list[Indicator] = []
        if isinstance(raw_inds, list):
            for i, raw in enumerate(raw_inds):
                ind = self._indicator(raw, ("indicators", i))
                if ind is not None:
                    indicators.append(ind)
        aggregate = self._aggregate(data.get("aggregate"), ("aggregate",), indicators)
        weights = _raw_weights(raw_inds)  # checked even where an indicator has other errors
        if total is not None and total > 0 and aggregate.kind == "sum" and weights:
            s = sum((w for _, w in weights), Fraction(0))
            if s != total:
                self.p.add(
                    ("total",),
                    f"top-level weights add up to {format_value(s)}, not "
                    f"the total {format_value(total)}: "
                    + " + ".join(f"{i} {format_value(w)}" for i, w in weights),
                )
        if self.p.errors or total is None:
            return None
        by_id = {ind.id: ind for top in indicators for ind in top.walk()}
        parents: dict[str, str | None] = {top.id: None for top in indicators}
        for ind in by_id.values():
            for child in ind.children:
                parents[child.id] = ind.id
        tests = data.get("tests")
        return Spec(
            id=_str(data.get("id")),
            title=_str(data.get("title"), _str(data.get("id"))),
            version=_str(data.get("version")),
            source=_str(data.get("source")),
            description=_str(data.get("description")),
            total=total,
            rounding=rounding,
            grades=grades,
            inputs=inputs,
            not_applicable=self.na_default,
            aggregate=aggregate,
            indicators=tuple(indicators),
            file=self.doc.file,
            sha256=self.doc.sha256,
            by_id=by_id,
            pos=self.doc.pos(()),
            tests=tuple(tests) if isinstance(tests, list) else (),
            parents=parents,
        )

    def _rounding(self, raw: Any) -> Rounding:
        if not isinstance(raw, dict):
            return Rounding(pos=self.doc.pos(()))
        places = raw.get("places", Fraction(2))
        return Rounding(
            places=int(places)
            if isinstance(places, Fraction) and places.denominator == 1 and 0 <= places <= 10
            else 2,
            mode=str(raw["mode"])
            if raw.get("mode") in ("half_up", "half_even", "down")
            else "half_up",
            apply=str(raw["apply"]) if raw.get("apply") in ("each", "total") else "each",
            pos=self.doc.pos(("rounding",)),
        )

    def _grades(self, raw: Any) -> tuple[GradeBand, ...]:
        if not isinstance(raw, list):
            return ()
        out: list[GradeBand] = []
        seen: dict[str, int] = {}
        for i, g in enumerate(raw):
            if (
                not isinstance(g, dict)
                or not isinstance(g.get("grade"), str)
                or _num(g.get("min")) is None
            ):
                continue
            name, low = g["grade"], g["min"]
            if name in seen:
                self.p.add(
                    ("grades", i, "grade"),
                    f"grade '{name}' is listed twice (also entry {seen[name] + 1})",
                )
            seen[name] = i
            if out and low >= out[-1].min:
                self.p.add(
                    ("grades", i, "min"),
                    f"grade '{name}' min {format_value(low)} must "
                    f"be below the previous grade's min {format_value(out[-1].min)}; "
                    "list grades from the highest down",
                )
            out.append(GradeBand(name, low, self.doc.pos(("grades", i))))
        if out and out[-1].min > 0 and len(out) == len(raw):
            self.p.add(
                ("grades", len(raw) - 1, "min"),
                f"totals below "
                f"{format_value(out[-1].min)} would get no grade; give the last grade "
                "min: 0",
            )
        return tuple(out)

    def _methods(self, raw: Any) -> None:
        if not isinstance(raw, dict):
            return
        for name, body in raw.items():
            path: JsonPath = ("methods", name)
            if name in m.BUILTINS:
                self.p.add(
                    path, f"method '{name}' is built in; give yours another name", at_key=True
                )
                continue
            if (
                not isinstance(body, dict)
                or not isinstance(body.get("formula"), str)
                or self._schema_bad(path)
            ):
                self.broken_methods.add(name)
                continue
            raw_params: dict[str, Any] = (
                body["params"] if isinstance(body.get("params"), dict) else {}
            )
            params = {k: v for k, v in raw_params.items() if isinstance(v, Fraction)}
            for k in params:
                if k in RESERVED_IDS or k in self.inputs:
                    self.p.add(
                        (*path, "params", k),
                        f"param name '{k}' clashes with a "
                        "formula name (actual, target, weight, functions, inputs); "
                        "choose another",
                        at_key=True,
                    )
            known = {"actual", "target", "weight", *params, *self.inputs}
            try:
                formula = compile_formula(body["formula"], known)
            except FormulaError as e:
                self.p.formula((*path, "formula"), e, f"method '{name}' formula")
                continue
            self.custom[name] = m.CustomMethod(
                name=name,
                formula=formula,
                params=params,
                description=_str(body.get("description")),
                direction_required=body.get("direction") == "required",
                pos=self.doc.pos(path),
            )

    # -- indicators -------------------------------------------------------
    def _indicator(self, raw: Any, path: JsonPath) -> Indicator | None:
        if not isinstance(raw, dict):
            return None
        iid = raw.get("id")
        ok = isinstance(iid, str) and isinstance(raw.get("name"), str)
        if isinstance(iid, str):
            if iid in self.ids:
                first = self.doc.pos((*self.ids[iid], "id"))
                self.p.add(
                    (*path, "id"),
                    f"duplicate id '{iid}' (first at line {first.line}); "
                    "ids must be unique across the spec",
                )
                ok = False
            else:
                self.ids[iid] = path
            if iid in RESERVED_IDS or keyword.iskeyword(iid) or iid in self.inputs:
                self.p.add(
                    (*path, "id"),
                    f"id '{iid}' is reserved (it names a formula "
                    "variable, function, keyword or input); choose another",
                )
                ok = False
        weight = _num(raw.get("weight"))
        if weight is None or weight <= 0:
            ok = False
        target = _num(raw.get("target"))
        direction = raw.get("direction") if raw.get("direction") in ("higher", "lower") else None
        children_raw = raw.get("children")
        has_method = "method" in raw
        if isinstance(children_raw, list):
            if has_method:
                self.p.add(
                    (*path, "method"),
                    "a group (with children) is scored by "
                    "aggregating them and cannot have a method; remove 'method' or "
                    "'children'",
                    at_key=True,
                )
                ok = False
            for key in ("target", "direction", "actual"):
                if key in raw:
                    self.p.add(
                        (*path, key),
                        f"'{key}' belongs on a leaf indicator, not on a group with children",
                        at_key=True,
                    )
                    ok = False
            return self._group(raw, path, weight, ok)
        for key in ("aggregate", "not_applicable"):
            if key in raw:
                self.p.add(
                    (*path, key),
                    f"'{key}' belongs on a group (with children), not on "
                    "a leaf indicator; remove it",
                    at_key=True,
                )
                ok = False
        if not has_method and "children" not in raw:
            self.p.add(
                path,
                f"indicator '{iid}' has neither 'method' (a leaf) nor "
                "'children' (a group); add one",
            )
            return None
        derive = None
        if isinstance(raw.get("actual"), str):
            try:
                derive = compile_formula(raw["actual"], self.inputs)
            except FormulaError as e:
                if not self.inputs and e.message.startswith("unknown name"):
                    e.message += " (declare inputs at the top of the spec)"
                self.p.formula((*path, "actual"), e, "actual")
                ok = False
        if self._schema_bad(path):
            return None  # the schema's message says it; a method check would repeat it
        method = self._method(raw.get("method"), path, weight, target, direction)
        if method is None or not ok:
            return None
        assert isinstance(iid, str) and weight is not None
        return Indicator(
            **self._common(raw, path, weight),
            direction=direction,
            target=target,
            target_pos=self.doc.pos((*path, "target")) if target is not None else None,
            derive=derive,
            derive_pos=self.doc.pos((*path, "actual")) if derive else None,
            method=method,
        )

    def _common(self, raw: dict[str, Any], path: JsonPath, weight: Fraction) -> dict[str, Any]:
        """The fields every indicator has, leaf or group."""
        return {
            "id": raw["id"],
            "name": raw["name"],
            "weight": weight,
            "pos": self.doc.pos(path),
            "weight_pos": self.doc.pos((*path, "weight")),
            "description": _str(raw.get("description")),
            "source": _str(raw.get("source")),
            "unit": _str(raw.get("unit")),
        }

    def _method(
        self,
        raw: Any,
        path: JsonPath,
        weight: Fraction | None,
        target: Fraction | None,
        direction: str | None,
    ) -> m.Method | None:
        mpath: JsonPath = (*path, "method")
        if isinstance(raw, str):
            name, params, ppath = raw, None, mpath
        elif isinstance(raw, dict) and len(raw) == 1:
            name, params = next(iter(raw.items()))
            ppath = (*mpath, name)
        else:
            return None  # the schema reports it
        site = m.Site(self.p, path, mpath, ppath, weight, target, direction, self.inputs)
        if name in m.BUILTINS:
            if name in ("linear", "deduct") and params is None:
                need = {"linear": "{linear: {zero_at: 0}}", "deduct": "{deduct: {per: 1}}"}[name]
                self.p.add(mpath, f"method '{name}' needs params, e.g. {need}")
                return None
            return m.BUILTINS[name](site, params)
        if name in self.custom:
            return self.custom[name].build(site, params)
        if name in self.broken_methods:
            return None
        known = [*m.BUILTINS, *self.custom]
        self.p.add(
            mpath if isinstance(raw, str) else (*mpath, name),
            f"unknown method '{name}'{did_you_mean(str(name), known)}; methods: "
            + ", ".join(known),
            at_key=not isinstance(raw, str),
        )
        return None

    def _group(
        self, raw: dict[str, Any], path: JsonPath, weight: Fraction | None, ok: bool
    ) -> Indicator | None:
        children: list[Indicator] = []
        raw_children = raw["children"]
        for i, c in enumerate(raw_children):
            child = self._indicator(c, (*path, "children", i))
            if child is not None:
                children.append(child)
        aggregate = self._aggregate(raw.get("aggregate"), (*path, "aggregate"), children)
        complete = len(children) == len(raw_children)
        weights = _raw_weights(raw_children)
        if weight is not None and weight > 0 and aggregate.kind == "sum" and weights:
            s = sum((w for _, w in weights), Fraction(0))
            if s != weight:
                self.p.add(
                    (*path, "weight"),
                    f"children's weights add up to {format_value(s)}, "
                    f"not the group's weight {format_value(weight)}: "
                    + " + ".join(f"{i} {format_value(w)}" for i, w in weights),
                )
                ok = False
        if not ok or not complete or weight is None:
            return None
        na = raw.get("not_applicable")
        return Indicator(
            **self._common(raw, path, weight),
            children=tuple(children),
            aggregate=aggregate,
            not_applicable=na if na in ("redistribute", "exclude") else None,
        )

    def _aggregate(self, raw: Any, path: JsonPath, children: list[Indicator]) -> Aggregation:
        if raw is None or raw == "sum":
            return Aggregation("sum", pos=self.doc.pos(path) if raw else None)
        if isinstance(raw, str) and raw in AGGREGATIONS:
            return Aggregation(raw, pos=self.doc.pos(path))
        if isinstance(raw, dict) and isinstance(raw.get("formula"), str):
            known = {c.id for c in children} | {"weight"}
            try:
                f = compile_formula(raw["formula"], known)
            except FormulaError as e:
                if e.name is not None:
                    group = self._at(path[:-1]) if len(path) > 1 else None
                    owner = (
                        f"'{group['id']}'"
                        if isinstance(group, dict) and isinstance(group.get("id"), str)
                        else "the top level"
                    )
                    e.message = (
                        f"'{e.name}' is not a child of {owner}; the formula can use "
                        + ", ".join(sorted(known))
                    )
                self.p.formula((*path, "formula"), e, "aggregate formula")
                return Aggregation("sum")
            return Aggregation("formula", f, self.doc.pos(path))
        return Aggregation("sum")  # the schema reports it


def _raw_weights(items: Any) -> list[tuple[str, Fraction]] | None:
    """(id, weight) of every entry, when every entry has a usable weight."""
    if not isinstance(items, list) or not items:
        return None
    out = []
    for n, item in enumerate(items, start=1):
        weight = item.get("weight") if isinstance(item, dict) else None
        if not isinstance(weight, Fraction) or weight <= 0:
            return None
        iid = item.get("id")
        out.append((iid if isinstance(iid, str) else f"entry {n}", weight))
    return out
