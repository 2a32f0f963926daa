"""One value checked against its indicator's method: a number, or a grade label (and score)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..base.errors import did_you_mean
from ..base.i18n import _
from ..base.numbers import format_value
from ..spec.load import JsonPath, Medium
from ..spec.methods import GradesMethod, compared_labels, labels_only, percent
from ..spec.model import Indicator
from ..spec.problems import Problems
from ..spec.schema import describe, number_hint


def check_value(
    p: Problems, path: JsonPath, ind: Indicator, value: Any, medium: Medium = "yaml"
) -> bool:
    """Is ``value`` right for ``ind``'s method? Report it when not, its fix worded
    for ``medium`` (:attr:`engine.spec.load.Document.medium`)."""
    method = ind.method
    key = path[-1]
    if isinstance(method, GradesMethod):
        return _check_grade(p, path, ind, method, value, medium)
    labels = compared_labels(method)
    if isinstance(value, str) and (value in labels or labels_only(method)):
        return True  # a label its formula compares the actual with, or any answer in words
    if isinstance(value, dict):
        p.add(path, where(medium) + _mapping_problem(key, ind, labels, value))
        return False
    if not isinstance(value, Fraction):
        said = _("'{key}' needs a number ({unit}), not {describe}{number_hint}")
        if labels:
            said = _(
                "'{key}' needs a number ({unit}) or a label its formula compares: "
                "{labels}; not {describe}{number_hint}"
            )
        if labels_only(method):
            said = _(
                "'{key}' takes an answer in words (its formula compares it with {labels}), "
                "not {describe}"
            )
        p.add(
            path,
            where(medium)
            + said.format(
                key=key,
                unit=ind.unit or "no unit",
                labels=_(", ").join(sorted(labels)),
                describe=describe(value),
                number_hint=number_hint(value),
            ),
        )
        return False
    if labels_only(method):  # a number is none of the texts the formula compares
        p.add(
            path,
            where(medium)
            + _(
                "'{key}' takes an answer in words (its formula compares it with {labels}), "
                "not the number {value}; write the answer"
            ).format(key=key, labels=_(", ").join(sorted(labels)), value=format_value(value)),
        )
        return False
    return True


def _mapping_problem(
    key: Any, ind: Indicator, labels: frozenset[str], value: dict[Any, Any]
) -> str:
    """What a mapping given for an indicator that takes a number is told: what it
    takes (its unit, the labels its formula compares), and the number alone: the
    number of a mapping of one key, or else the target, as the example."""
    only = next(iter(value.values())) if len(value) == 1 else None  # {value: 3}
    example = only if isinstance(only, Fraction) else ind.target
    takes = _("a number ({unit})").format(unit=ind.unit) if ind.unit else _("a number")
    if labels:
        takes = _("{number} or a label its formula compares ({labels})").format(
            number=takes, labels=_(", ").join(sorted(labels))
        )
    return _(
        "'{key}' takes {takes}, not a mapping; write the number alone, e.g. {key}: {example} "
        "(a mapping {{grade, score}} is for an indicator scored by grades)"
    ).format(key=key, takes=takes, example=format_value(example) if example is not None else 3)


def _as_text(x: Any) -> str | None:
    """How a number or true/false that YAML read was written (``1``, ``true``)."""
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, Fraction):
        return format_value(x)
    return None


def where(medium: Medium) -> str:
    """What a value's problem starts with: its section in an actuals document
    (``values:``); a table's or a form's cell is located by its position alone."""
    # TRANSLATORS: the section of an actuals document a value's problem is in, before it
    return _("values: ") if medium == "yaml" else ""


def _label_problem(
    key: Any, labels: list[str], label: Any, value: Any, medium: Medium, name: str = ""
) -> str | None:
    """What is wrong with a qualitative value's label, if anything (``name``: the
    indicator's, said beside its id where a cell holds the label)."""
    written = _as_text(label)
    if written in labels:  # a label YAML reads as a number or true/false
        return where(medium) + _(
            "'{key}': YAML reads {written} as {describe}, not the label "
            "'{written}'; quote it: '{written}'"
        ).format(key=key, written=written, describe=describe(label))
    if not isinstance(label, str):
        return where(medium) + _(
            "'{key}' is qualitative; give one of the labels {list}, not {describe}"
        ).format(key=key, list=_(", ").join(labels), describe=describe(value))
    if label not in labels:
        said = (
            _("'{key}' has no grade '{label}'{hint}; grades: {list}")
            if medium == "yaml" or not name or name == key
            else _("'{key}' ({name}) has no grade '{label}'{hint}; grades: {list}")
        )
        return where(medium) + said.format(
            key=key,
            name=name,
            label=label,
            hint=did_you_mean(label, labels),
            list=_(", ").join(labels),
        )
    return None


def _check_grade(
    p: Problems, path: JsonPath, ind: Indicator, method: GradesMethod, value: Any, medium: Medium
) -> bool:
    """A qualitative value: a label, or a label with the chosen score for a range."""
    key = path[-1]
    label = value.get("grade") if isinstance(value, dict) else value
    problem = _label_problem(key, list(method.grades), label, value, medium, ind.name)
    if problem is not None:
        p.add(path, problem)
        return False
    assert isinstance(label, str)  # any other is a problem above
    low, high = method.grades[label]
    lo, hi = ind.weight * low, ind.weight * high
    shares = {"low": format_value(low), "high": format_value(high)}
    points = {"lo": format_value(lo), "hi": format_value(hi)}
    if low == high:
        if isinstance(value, dict):  # at the chosen score, where a cell holds it
            p.add(
                path if medium == "yaml" else (*path, "score"),
                where(medium)
                + _fixed_problem(medium).format(label=label, key=key, **shares, **points),
            )
            return False
        return True
    if not isinstance(value, dict):
        p.add(
            path,
            where(medium) + _range_problem(medium).format(label=label, key=key, **shares, **points),
        )
        return False
    score = value.get("score")
    share = percent(score)
    if isinstance(score, str) and share is None:
        p.add(
            (*path, "score"),
            where(medium)
            + _(
                "chosen score {describe} for '{key}' is neither points nor a percentage of "
                "the weight; write e.g. score: 4.5 or score: 90%"
            ).format(describe=describe(score), key=key),
        )
        return False
    if share is not None:
        score = ind.weight * share
    if isinstance(score, Fraction) and not lo <= score <= hi:
        p.add(
            (*path, "score"),
            where(medium)
            + _(
                "chosen score {score} for '{key}' lies outside grade '{label}' "
                "({lo} to {hi} points)"
            ).format(
                score=format_value(score),
                key=key,
                label=label,
                lo=format_value(lo),
                hi=format_value(hi),
            ),
        )
        return False
    return True


def _range_problem(medium: Medium) -> str:
    """The message for a range grade given without its chosen score, its fix
    worded for ``medium`` (a cell takes points: the range is said in points)."""
    if medium == "row":
        return _(
            "grade '{label}' of '{key}' is a range ({lo} to {hi} points); give the chosen "
            "score in a score.{key} column"
        )
    if medium == "mapping":
        return _(
            "grade '{label}' of '{key}' is a range ({lo} to {hi} points); give the chosen "
            "score under the key score.{key}"
        )
    if medium == "form":
        return _(
            "grade '{label}' of '{key}' is a range ({lo} to {hi} points); give the chosen "
            "score under 等级内给分"
        )
    return _(
        "grade '{label}' of '{key}' is a range ({low} to {high} of the weight); give "
        "{{grade: {label}, score: N}} with the chosen score"
    )


def _fixed_problem(medium: Medium) -> str:
    """The message for a chosen score given with a grade worth a fixed share."""
    if medium == "yaml":
        return _(
            "grade '{label}' of '{key}' is worth a fixed {low} of the weight; give the label alone"
        )
    if medium == "form":
        return _("grade '{label}' of '{key}' is worth a fixed {lo} points; leave 等级内给分 empty")
    return _(
        "grade '{label}' of '{key}' is worth a fixed {lo} points; leave its score.{key} "
        "column empty"
    )
