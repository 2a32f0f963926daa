"""An actuals file section by section: inputs, values, not_applicable, overrides, notes.

Each check keeps what fits and adds a located problem for what does not; a key
the JSON Schema already refused is not reported again in other words.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..base.errors import Pos, did_you_mean
from ..base.i18n import N_, _
from ..base.numbers import format_fixed, format_value, has_places, round_fraction
from ..spec.load import Document, JsonPath
from ..spec.methods import GradesMethod
from ..spec.model import Indicator, Spec
from ..spec.problems import Problems
from .model import Override
from .values import check_value, where


class ActualsCheck:
    """One actuals document being checked against a spec: what was kept so far."""

    def __init__(self, doc: Document, data: dict[str, Any], spec: Spec, p: Problems):
        self.doc = doc
        self.data = data
        self.spec = spec
        self.p = p
        self.everything: dict[str, Indicator] = dict(spec.by_id)
        self.positions: dict[tuple[str, str], Pos] = {}
        _mappings_for_numbers(data, spec, p)
        #: a value the schema refused is not also checked (one problem, one line)
        self.schema_refused = {e.path[:2] for e in p.errors if len(e.path) >= 2}
        self.inputs: dict[str, Fraction] = {}
        #: inputs refused (a cell that could not be read): not also called missing
        self.refused_inputs = {str(path[1]) for path in self.schema_refused if path[0] == "inputs"}
        self.values: dict[str, Any] = {}
        #: ids that an unknown key looks like: its message already says "did you mean"
        self.suggested: set[str] = set()
        self.not_applicable: dict[str, str] = {}
        self.overrides: dict[str, Override] = {}
        self.notes: dict[str, str] = {}
        #: claims outside 0 to what the indicator is worth are kept, each with a
        #: note (``review`` compares them: 5.5 of 5 is over-claimed), not refused
        self.keep_claims = False
        self.claim_notes: list[str] = []

    def section(self, name: str) -> dict[str, Any]:
        v = self.data.get(name)
        return v if isinstance(v, dict) else {}

    def known(
        self,
        sec: str,
        key: str,
        pool: dict[str, Any],
        what: str,
        suggested: set[str] | None = None,
        listed: dict[str, Any] | None = None,
    ) -> bool:
        """Is ``key`` of section ``sec`` in ``pool``? Report it when not, listing
        ``listed`` (else the pool) as what is known, and add the id it looks like
        (the "did you mean") to ``suggested``."""
        self.positions[(sec, key)] = self.doc.key_pos((sec, key))
        if key in pool:
            return True
        hint = did_you_mean(key, pool)
        if hint and suggested is not None:
            suggested.add(hint.split("'")[1])
        self.p.add(
            (sec, key),
            _("{section}: unknown {what} '{key}'{hint}; {known}").format(
                section=sec,
                what=_(what),
                key=key,
                hint=hint,
                known=_known_list(pool if listed is None else listed),
            ),
            at_key=True,
        )
        return False

    def under_na(self, iid: str) -> bool:
        """Is ``iid``, or a group above it, marked not applicable?"""
        na = self.not_applicable
        return bool(na) and (iid in na or any(a in na for a in self.spec.ancestors(iid)))


def _mappings_for_numbers(data: dict[str, Any], spec: Spec, p: Problems) -> None:
    """A mapping given for an indicator not scored by grades: the schema's words
    are of a grade's mapping (missing 'grade', unknown key 'a'), and the value's
    own check says what the indicator takes instead; the schema's are dropped."""
    values = data.get("values")
    if not isinstance(values, dict):
        return
    ours = {
        ("values", key)
        for key, value in values.items()
        if isinstance(value, dict)
        and key in spec.by_id
        and not isinstance(spec.by_id[key].method, GradesMethod)
    }
    if ours:
        p.errors[:] = [e for e in p.errors if e.path[:2] not in ours]


def check_inputs(c: ActualsCheck) -> None:
    for key, value in c.section("inputs").items():
        if c.known("inputs", key, dict(c.spec.inputs), N_("input")) and isinstance(value, Fraction):
            c.inputs[key] = value
        elif key in c.spec.inputs:
            c.refused_inputs.add(key)


def check_values(c: ActualsCheck) -> None:
    """Values of leaves that take one: not of groups, not of derived indicators."""
    takers = {i.id: i for i in c.spec.leaves() if i.derive is None}  # what takes a value
    for key, value in c.section("values").items():
        if not c.known("values", key, c.everything, N_("indicator id"), c.suggested, takers):
            continue
        if ("values", key) in c.schema_refused:
            continue
        ind = c.everything[key]
        path: JsonPath = ("values", key)
        if ind.is_group:
            c.p.add(
                path,
                where(c.doc.medium)
                + _(
                    "'{key}' is a group; its score comes from its children (use "
                    "overrides to replace it)"
                ).format(key=key),
                at_key=True,
            )
        elif ind.derive is not None:
            c.p.add(
                path,
                where(c.doc.medium)
                + _(
                    "'{key}' is derived by the spec from inputs ({text} at "
                    "{derive_pos}); give those inputs instead"
                ).format(key=key, text=ind.derive.text, derive_pos=ind.derive_pos),
                at_key=True,
            )
        elif check_value(c.p, path, ind, value, c.doc.medium):
            c.values[key] = value


def check_not_applicable(c: ActualsCheck) -> None:
    """Indicators marked not applicable, and values given for them anyway (dropped)."""
    for key, reason in c.section("not_applicable").items():
        if c.known("not_applicable", key, c.everything, N_("indicator id")) and isinstance(
            reason, str
        ):
            if reason and not reason.strip():  # the schema lets "  " by
                c.p.add(
                    ("not_applicable", key),
                    _blank(f"'{key}'") + _("; write why it does not apply (本年度无此项, say)"),
                )
            c.not_applicable[key] = reason
    for key in list(c.values):
        if c.under_na(key):
            marked = next(i for i in [key, *c.spec.ancestors(key)] if i in c.not_applicable)
            whose = _("it is") if marked == key else _("its group '{id}' is").format(id=marked)
            c.p.add(
                ("values", key),
                where(c.doc.medium)
                + _(
                    "'{key}' has a value but {whose} marked not applicable; an "
                    "indicator is either scored or not applicable, remove one"
                ).format(key=key, whose=whose),
                at_key=True,
            )
            del c.values[key]


def _blank(key: str) -> str:
    """The message for a text of spaces alone where a reason is needed."""
    return _("{key} holds only spaces; it must not be empty").format(key=key)


def check_overrides(c: ActualsCheck) -> None:
    """Overrides within 0 to the indicator's weight, of indicators that are applicable."""
    for key, o in c.section("overrides").items():
        if not c.known("overrides", key, c.everything, N_("indicator id")) or not isinstance(
            o, dict
        ):
            continue
        score, reason = o.get("score"), o.get("reason")
        if isinstance(reason, str) and reason and not reason.strip():  # the schema lets "  " by
            c.p.add(("overrides", key, "reason"), _blank("'reason'"))
            continue
        if not isinstance(score, Fraction) or not isinstance(reason, str) or not reason:
            continue
        ind = c.everything[key]
        if score < 0 or score > ind.weight:
            c.p.add(
                ("overrides", key, "score"),
                _(
                    "override score {score} for '{key}' lies outside 0 to its weight {weight}"
                ).format(score=format_value(score), key=key, weight=format_value(ind.weight)),
            )
            continue
        r = c.spec.rounding
        if r.apply == "each" and score != ind.weight and not has_places(score, r.places):
            c.p.add(
                ("overrides", key, "score"),
                _(
                    "override score {score} for '{key}' has more decimals than the spec's "
                    "scores keep ({places}); write it as the scorecard will show it, e.g. "
                    "{rounded}"
                ).format(
                    score=format_value(score),
                    key=key,
                    places=r.places,
                    rounded=format_fixed(round_fraction(score, r.places, r.mode), r.places),
                ),
            )
            continue
        if c.under_na(key):
            c.p.add(
                ("overrides", key),
                _("overrides: '{key}' is not applicable; it cannot also be given a score").format(
                    key=key
                ),
                at_key=True,
            )
            continue
        c.overrides[key] = Override(score, reason, c.doc.pos(("overrides", key)))


def check_notes(c: ActualsCheck) -> None:
    for key, note in c.section("notes").items():
        if c.known("notes", key, c.everything, N_("indicator id")) and isinstance(note, str):
            c.notes[key] = note


def _known_list(pool: dict[str, Any]) -> str:
    names = list(pool)
    if len(names) > 40:
        listed = _("{list}, … ({n} in all)").format(list=_(", ").join(names[:40]), n=len(names))
    else:
        listed = _(", ").join(names) or _("none")
    return _("known: {list}").format(list=listed)
