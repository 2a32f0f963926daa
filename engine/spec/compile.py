"""Load, validate and compile a spec: YAML text -> checked, compiled :class:`Spec`.

Every problem is collected, located and reported at once, sorted by position:
schema errors first found by jsonschema, then the semantic rules the schema
cannot express (unique ids, weights adding up, formulas, methods, bands,
grades). Checks are written to skip parts that the schema already rejected.

One step per section, sharing a :class:`~.builder.Builder`: inputs, rounding,
grades and tests (:mod:`.sections`), methods (:mod:`.custom`), indicators
(:mod:`.indicators`) and their aggregation (:mod:`.aggregation`).
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

from ..base.errors import ErrorList, LoadError, SpecError
from ..base.i18n import N_, _
from .aggregation import compile_aggregate
from .builder import Builder, num, text
from .custom import compile_methods
from .indicators import compile_indicator
from .load import Document, load_file
from .model import Indicator, Spec
from .problems import Problems
from .schema import check
from .sections import compile_grades, compile_inputs, compile_rounding, compile_tests


def load_spec(path: str | Path, display: str | None = None) -> Spec:
    """Read and compile a spec file; raise :class:`ErrorList` with every problem."""
    try:
        doc = load_file(path, display)
    except LoadError as e:
        raise ErrorList([e]) from None
    return compile_spec(doc)


def compile_spec(doc: Document) -> Spec:
    from .compose import resolve

    doc = resolve(doc)  # extends and include, when the spec has them
    effective = None
    if isinstance(doc.data, dict) and "effective" in doc.data:
        from .family import effective_of

        effective = effective_of(doc)  # dates of the calendar, from before to
    problems = Problems(doc, SpecError)
    data = _document(doc)
    check("spec", data, problems)
    spec = _build(Builder(doc, problems), data)
    if problems.errors or spec is None:
        raise ErrorList(problems.errors or [SpecError(_("invalid spec"), doc.pos(()))])
    if doc.sources or effective is not None:
        from dataclasses import replace

        spec = replace(spec, sources=doc.sources, effective=effective)
    return spec


def _document(doc: Document) -> dict[str, Any]:
    """The document's mapping, when it is a spec at all (not empty, not actuals)."""
    data = doc.data
    if not isinstance(data, dict):
        what = (
            _("the spec is empty; a spec is a mapping with spec: 1, id, total and indicators")
            if data is None
            else _(
                "the spec is not a mapping; a spec is a mapping with spec: 1, id, total and "
                "indicators"
            )
        )
        raise ErrorList([SpecError(what, doc.pos(()))])
    if isinstance(data.get("spec"), str) and "cases" in data and "indicators" not in data:
        raise ErrorList(
            [
                SpecError(
                    _(
                        "this is a file of rule tests, not a spec ('spec:' names the spec it "
                        "tests, and it has cases); give the spec it names, or run the tests: "
                        "scorecard test {file}"
                    ).format(file=shlex.quote(doc.file)),
                    doc.pos(()),
                )
            ]
        )
    if isinstance(data.get("spec"), str) and "indicators" not in data:
        raise ErrorList(
            [
                SpecError(
                    _(
                        "this is an actuals file, not a spec ('spec:' names a spec id and there "
                        "are no indicators); give the spec first and the actuals second "
                        "(scorecard score SPEC ACTUALS)"
                    ),
                    doc.pos(()),
                )
            ]
        )
    return data


def _build(b: Builder, data: dict[str, Any]) -> Spec | None:
    """Every section compiled in the order later ones need (inputs and methods
    before indicators); None when anything was wrong."""
    inputs = compile_inputs(b, data.get("inputs"))
    compile_methods(b, data.get("methods"))
    if data.get("not_applicable") in ("redistribute", "exclude"):
        b.na_default = data["not_applicable"]
    rounding = compile_rounding(b, data.get("rounding"))
    grades = compile_grades(b, data.get("grades"))
    total = num(data.get("total"))
    raw_inds = data.get("indicators")
    indicators: list[Indicator] = []
    if isinstance(raw_inds, list):
        for i, raw in enumerate(raw_inds):
            ind = compile_indicator(b, raw, ("indicators", i))
            if ind is not None:
                indicators.append(ind)
    aggregate = compile_aggregate(b, data.get("aggregate"), ("aggregate",), raw_inds)
    if total is not None and total > 0 and aggregate.kind == "sum":
        b.weights_add_up(
            raw_inds,
            total,
            ("total",),
            N_("top-level weights add up to {sum}, not the total {expected}: {terms}"),
        )
    if b.p.errors or total is None:
        return None
    by_id = {ind.id: ind for top in indicators for ind in top.walk()}
    parents: dict[str, str | None] = {top.id: None for top in indicators}
    for ind in by_id.values():
        for child in ind.children:
            parents[child.id] = ind.id
    return Spec(
        id=text(data.get("id")),
        title=text(data.get("title"), text(data.get("id"))),
        version=text(data.get("version")),
        source=text(data.get("source")),
        description=text(data.get("description")),
        total=total,
        rounding=rounding,
        grades=grades,
        inputs=inputs,
        not_applicable=b.na_default,
        aggregate=aggregate,
        indicators=tuple(indicators),
        file=b.doc.file,
        sha256=b.doc.sha256,
        by_id=by_id,
        pos=b.doc.pos(()),
        tests=compile_tests(data.get("tests")),
        parents=parents,
    )
