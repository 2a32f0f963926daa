"""Actuals: one entity's values for a spec, checked against that spec.

Everything that does not fit is collected and reported at once, located in the
actuals file: unknown ids (with "did you mean"), values of the wrong kind,
labels a grades method does not know, chosen scores outside their range, and
every missing value. One check per concern: the document as a whole here, each
section in :mod:`.sections`, each value in :mod:`.values`, what is missing in
:mod:`.missing`.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

from ..base.errors import ActualsError, ErrorList
from ..base.i18n import _
from ..base.numbers import format_value
from ..spec.load import Document, Medium, load_file
from ..spec.model import Spec
from ..spec.problems import Problems
from ..spec.schema import check
from .claimed import check_claimed
from .missing import find_missing, report_missing
from .model import Actuals, Override
from .published import check_published
from .sections import (
    ActualsCheck,
    check_inputs,
    check_not_applicable,
    check_notes,
    check_overrides,
    check_values,
)

__all__ = ["MISSING_POLICIES", "Actuals", "Override", "check_actuals", "load_actuals"]

MISSING_POLICIES = ("error", "zero")


def load_actuals(
    path: str | Path,
    spec: Spec,
    missing: str = "error",
    display: str | None = None,
    claims: str = "error",
) -> Actuals:
    return check_actuals(load_file(path, display), spec, missing, claims=claims)


def check_actuals(
    doc: Document, spec: Spec, missing: str = "error", schema: bool = True, claims: str = "error"
) -> Actuals:
    """Check ``doc`` against ``spec``. ``schema=False`` skips the JSON Schema, for
    documents built by this package (table rows), whose types are already right.
    ``claims="note"``: what is wrong with the claimed scores, which only ``review``
    reads, does not stop the scoring; it is said in :attr:`Actuals.claim_notes`
    (a form filled under last year's weights is still scored by this year's)."""
    p = Problems(doc, ActualsError)
    p.errors += doc.refused  # a table's cells that could not be read come first
    data = _document(doc, spec, p, schema)
    c = ActualsCheck(doc, data, spec, p)
    c.keep_claims = claims == "review"
    _in_force(spec, data, p, doc.medium)
    check_inputs(c)
    check_values(c)
    check_not_applicable(c)
    check_overrides(c)
    check_notes(c)
    claimed, claimed_total = check_claimed(c)
    published = check_published(c)
    missing_ids, missing_inputs = find_missing(c)
    if missing == "error":
        report_missing(c, missing_ids, missing_inputs)
    told: list[str] = []
    on_claims = [e for e in p.errors if e.path[:1] in (("claimed",), ("claimed_total",))]
    if claims == "note" and len(on_claims) == len(p.errors):  # else all are told at once
        told = [
            (f"{e.pos}: " if e.pos is not None else "")
            + _("note: {problem}; claims are not scored here (review checks them)").format(
                problem=e.message
            )
            for e in on_claims
        ]
        p.errors = []
    if p.errors:
        raise ErrorList(p.errors)
    return Actuals(
        spec_id=_text(data.get("spec")),
        entity=_text(data.get("entity")),
        period=_text(data.get("period")),
        inputs=c.inputs,
        values=c.values,
        not_applicable=c.not_applicable,
        overrides=c.overrides,
        notes=c.notes,
        file=doc.file,
        sha256=doc.sha256,
        positions=c.positions,
        missing=frozenset(missing_ids) if missing == "zero" else frozenset(),
        published=published,
        claimed=claimed,
        claimed_total=claimed_total,
        claim_notes=(*told, *c.claim_notes),
    )


def out_of_force(spec: Spec, period: Any, row: bool = False) -> str | None:
    """Why a fiscal-year version does not apply to ``period`` (its ``effective``
    dates do not cover it, or it names no year, month or day to check them by),
    or None: no such dates, or no period."""
    eff = spec.effective
    if eff is None or period is None or isinstance(period, bool | dict | list):
        return None
    from ..base.errors import ScorecardError
    from ..spec.family import period_range

    text = period if isinstance(period, str) else format_value(period)
    if not str(text).strip():  # an empty period is none, as a table's empty cell is
        return None
    try:
        first, last = period_range(text, None)
    except ScorecardError:  # the dates could not be checked: never scored unchecked
        return _(
            "period '{period}' is not a year, month or date, and this spec is in force "
            "{effective} (its effective dates); write e.g. 2022, 2022-06, 2022-06-30 or "
            "2022年6月, so that the dates can be checked"
        ).format(period=text, effective=eff.text())
    if eff.covers(first, last):
        return None
    if row:  # a table's row: its table is scored by one version
        said = _(
            "period '{period}' runs {span}, but this spec is in force {effective} (its "
            "effective dates); score this period's rows with the version in force for it (a "
            "table of several periods: one table per version)"
        )
    else:
        said = _(
            "period '{period}' runs {span}, but this spec is in force {effective} (its "
            "effective dates); give the folder of its fiscal-year versions to pick the one for "
            "this period, or the spec of that period"
        )
    span = f"{first.isoformat()} – {last.isoformat()}"
    return said.format(period=text, span=span, effective=eff.text())


def _in_force(spec: Spec, data: dict[str, Any], p: Problems, medium: Medium = "yaml") -> None:
    why = out_of_force(spec, data.get("period"), medium == "row")
    if why is not None:
        p.add(("period",), why)


def is_scorecard(data: Any) -> bool:
    """Whether ``data`` is a scorecard as ``score --format json`` writes one (a
    stamp, the spec it was scored by), not actuals."""
    return (
        isinstance(data, dict)
        and "stamp" in data
        and isinstance(data.get("spec"), dict)
        and "values" not in data
    )


def _document(doc: Document, spec: Spec, p: Problems, schema: bool) -> dict[str, Any]:
    """The document's mapping, checked as a whole: actuals (not a spec), valid by
    the schema, for this spec. Stops at once when nothing else could be checked."""
    data = doc.data
    if not isinstance(data, dict):
        what = (
            _("the actuals file is empty; expected a mapping with spec, values, ...")
            if data is None
            else _("the actuals file is not a mapping; expected a mapping with spec, values, ...")
        )
        raise ErrorList([ActualsError(what, doc.pos(()))])
    if is_scorecard(data):
        raise ErrorList(
            [
                ActualsError(
                    _(
                        "this is a scorecard (score --format json writes one), not actuals; give "
                        "the actuals it was scored from, or check it with: scorecard verify {file}"
                    ).format(file=doc.file),
                    doc.pos(()),
                )
            ]
        )
    if "indicators" in data and "values" not in data:
        raise ErrorList(
            [
                ActualsError(
                    _(
                        "this is a spec, not actuals; give the spec first and the actuals second "
                        "(scorecard score SPEC ACTUALS)"
                    ),
                    doc.pos(()),
                )
            ]
        )
    if schema:
        check("actuals", data, p)
    if isinstance(data.get("spec"), str) and data["spec"] != spec.id:
        said = _(
            "these actuals are for spec '{data}', but the spec is '{id}' ({file}); "
            "use the matching spec or fix 'spec:'"
        )
        if doc.medium == "form":  # its spec is written in the form by template, not typed
            said = _(
                "this form was written for spec '{data}', but the spec is '{id}' ({file}); "
                "use the matching spec, or fill in a form of this spec ('scorecard template')"
            )
        p.add(("spec",), said.format(data=data["spec"], id=spec.id, file=spec.file))
        raise ErrorList(p.errors)  # every id would look unknown: say the one thing wrong
    return data


def _text(x: Any) -> str:
    if isinstance(x, Fraction):
        return format_value(x)
    return x if isinstance(x, str) else ""
