"""Actuals: one entity's values for a spec, checked against that spec.

Everything that does not fit is collected and reported at once, located in the
actuals file: unknown ids (with "did you mean"), values of the wrong kind,
labels a grades method does not know, chosen scores outside their range, and
every missing value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..base.errors import ActualsError, ErrorList, Pos, did_you_mean
from ..base.numbers import format_value
from ..spec.load import Document, JsonPath, load_file
from ..spec.methods import GradesMethod
from ..spec.model import Indicator, Spec
from ..spec.problems import Problems
from ..spec.schema import check, describe, number_hint

MISSING_POLICIES = ("error", "zero")


@dataclass(frozen=True)
class Override:
    score: Fraction
    reason: str
    pos: Pos


@dataclass(frozen=True)
class Actuals:
    spec_id: str
    entity: str
    period: str
    inputs: dict[str, Fraction]
    values: dict[str, Any]
    not_applicable: dict[str, str]
    overrides: dict[str, Override]
    notes: dict[str, str]
    file: str
    sha256: str
    positions: dict[tuple[str, str], Pos] = field(default_factory=dict)
    #: ids scored 0 because their value (or an input) was missing
    missing: frozenset[str] = frozenset()

    def pos(self, section: str, key: str) -> Pos | None:
        return self.positions.get((section, key))


def load_actuals(
    path: str | Path, spec: Spec, missing: str = "error", display: str | None = None
) -> Actuals:
    return check_actuals(load_file(path, display), spec, missing)


def _text(x: Any) -> str:
    if isinstance(x, Fraction):
        return format_value(x)
    return x if isinstance(x, str) else ""


def check_actuals(
    doc: Document, spec: Spec, missing: str = "error", schema: bool = True
) -> Actuals:
    """Check ``doc`` against ``spec``. ``schema=False`` skips the JSON Schema, for
    documents built by this package (table rows), whose types are already right."""
    p = Problems(doc, ActualsError)
    data = doc.data
    if not isinstance(data, dict):
        what = "empty" if data is None else "not a mapping"
        raise ErrorList(
            [
                ActualsError(
                    f"the actuals file is {what}; expected a mapping with spec, values, ...",
                    doc.pos(()),
                )
            ]
        )
    if "indicators" in data and "values" not in data:
        raise ErrorList(
            [
                ActualsError(
                    "this is a spec, not actuals; give the spec first and the actuals second "
                    "(scorecard score SPEC ACTUALS)",
                    doc.pos(()),
                )
            ]
        )
    if schema:
        check("actuals", data, p)
    # a value the schema refused is not also checked (one problem, one line)
    schema_refused = {e.path[:2] for e in p.errors if len(e.path) >= 2}
    mismatch = isinstance(data.get("spec"), str) and data["spec"] != spec.id
    if mismatch:
        p.add(
            ("spec",),
            f"these actuals are for spec '{data['spec']}', but the spec is "
            f"'{spec.id}' ({spec.file}); use the matching spec or fix 'spec:'",
        )
        raise ErrorList(p.errors)  # every id would look unknown: say the one thing wrong

    def section(name: str) -> dict[str, Any]:
        v = data.get(name)
        return v if isinstance(v, dict) else {}

    leaves = {i.id: i for i in spec.leaves()}
    everything = dict(spec.by_id)
    positions: dict[tuple[str, str], Pos] = {}

    def known(sec: str, key: str, pool: dict[str, Any], what: str) -> bool:
        positions[(sec, key)] = doc.key_pos((sec, key))
        if key in pool:
            return True
        p.add(
            (sec, key),
            f"{sec}: unknown {what} '{key}'{did_you_mean(key, pool)}; {_known_list(pool)}",
            at_key=True,
        )
        return False

    inputs: dict[str, Fraction] = {}
    refused_inputs: set[str] = set()
    for key, value in section("inputs").items():
        if known("inputs", key, dict(spec.inputs), "input") and isinstance(value, Fraction):
            inputs[key] = value
        elif key in spec.inputs:
            refused_inputs.add(key)

    values: dict[str, Any] = {}
    #: ids that an unknown key looks like: its message already says "did you mean"
    suggested: set[str] = set()
    for key, value in section("values").items():
        if not known("values", key, everything, "indicator id"):
            hint = did_you_mean(key, everything)
            if hint:
                suggested.add(hint.split("'")[1])
            continue
        if ("values", key) in schema_refused:
            continue
        ind = everything[key]
        path: JsonPath = ("values", key)
        if ind.is_group:
            p.add(
                path,
                f"values: '{key}' is a group; its score comes from its children "
                "(use overrides to replace it)",
                at_key=True,
            )
        elif ind.derive is not None:
            p.add(
                path,
                f"values: '{key}' is derived by the spec from inputs "
                f"({ind.derive.text} at {ind.derive_pos}); give those inputs instead",
                at_key=True,
            )
        elif _check_value(p, path, ind, value):
            values[key] = value

    not_applicable: dict[str, str] = {}
    for key, reason in section("not_applicable").items():
        if known("not_applicable", key, everything, "indicator id") and isinstance(reason, str):
            not_applicable[key] = reason
    for key in list(values):
        if _under_na(spec, key, not_applicable):
            marked = next(i for i in [key, *_ancestors(spec, key)] if i in not_applicable)
            whose = "it is" if marked == key else f"its group '{marked}' is"
            p.add(
                ("values", key),
                f"values: '{key}' has a value but {whose} marked not "
                "applicable; an indicator is either scored or not applicable, remove one",
                at_key=True,
            )
            del values[key]

    overrides: dict[str, Override] = {}
    for key, o in section("overrides").items():
        if not known("overrides", key, everything, "indicator id") or not isinstance(o, dict):
            continue
        score, reason = o.get("score"), o.get("reason")
        if not isinstance(score, Fraction) or not isinstance(reason, str) or not reason:
            continue
        ind = everything[key]
        if score < 0 or score > ind.weight:
            p.add(
                ("overrides", key, "score"),
                f"override score {format_value(score)} for "
                f"'{key}' lies outside 0 to its weight {format_value(ind.weight)}",
            )
            continue
        if _under_na(spec, key, not_applicable):
            p.add(
                ("overrides", key),
                f"overrides: '{key}' is not applicable; it cannot also be given a score",
                at_key=True,
            )
            continue
        overrides[key] = Override(score, reason, doc.pos(("overrides", key)))

    notes: dict[str, str] = {}
    for key, note in section("notes").items():
        if known("notes", key, everything, "indicator id") and isinstance(note, str):
            notes[key] = note

    # Missing values: leaves that are not derived, not N/A (nor under an N/A group).
    missing_ids: list[str] = []
    missing_inputs: dict[str, list[str]] = {}
    refused = {str(e.path[1]) for e in p.errors if len(e.path) >= 2 and e.path[0] == "values"}
    for leaf in leaves.values():
        if _under_na(spec, leaf.id, not_applicable):
            continue
        used = set(leaf.derive.names) if leaf.derive is not None else set()
        method_formula = getattr(leaf.method, "formula", None)
        if method_formula is not None:  # a formula method may read inputs too
            used |= set(method_formula.names) & set(spec.inputs)
        absent = sorted(n for n in used if n not in inputs and n not in refused_inputs)
        for n in absent:
            missing_inputs.setdefault(n, []).append(leaf.id)
        no_value = (
            leaf.derive is None
            and leaf.id not in values
            and leaf.id not in refused
            and ("values", leaf.id) not in schema_refused
            and leaf.id not in suggested
        )
        if absent or no_value:
            missing_ids.append(leaf.id)
    if missing == "error" and not mismatch:
        if missing_inputs:
            listed = ", ".join(
                f"{n} (for {', '.join(ids)})" for n, ids in sorted(missing_inputs.items())
            )
            p.add(
                ("inputs",) if "inputs" in data else (),
                f"missing inputs: {listed}; add "
                "them under inputs, or use --missing zero to score those indicators 0",
                at_key=True,
            )
        plain = [i for i in missing_ids if leaves[i].derive is None and i not in values]
        if plain:
            p.add(
                ("values",) if "values" in data else (),
                f"missing values for {len(plain)} "
                f"indicator(s): {', '.join(plain)}; add them under values, list them under "
                "not_applicable, or use --missing zero to score them 0",
                at_key=True,
            )
    if p.errors:
        raise ErrorList(p.errors)
    return Actuals(
        spec_id=_text(data.get("spec")),
        entity=_text(data.get("entity")),
        period=_text(data.get("period")),
        inputs=inputs,
        values=values,
        not_applicable=not_applicable,
        overrides=overrides,
        notes=notes,
        file=doc.file,
        sha256=doc.sha256,
        positions=positions,
        missing=frozenset(missing_ids) if missing == "zero" else frozenset(),
    )


def _known_list(pool: dict[str, Any]) -> str:
    names = list(pool)
    if len(names) > 40:
        return "known: " + ", ".join(names[:40]) + f", … ({len(names)} in all)"
    return "known: " + (", ".join(names) or "none")


def _under_na(spec: Spec, iid: str, na: dict[str, str]) -> bool:
    return bool(na) and (iid in na or any(a in na for a in spec.ancestors(iid)))


def _ancestors(spec: Spec, iid: str) -> list[str]:
    return spec.ancestors(iid)


def _check_value(p: Problems, path: JsonPath, ind: Indicator, value: Any) -> bool:
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
