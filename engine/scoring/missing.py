"""Missing values and inputs: every leaf without one, reported at once or scored 0."""

from __future__ import annotations

from ..base.i18n import _, language, ngettext, option
from ..spec.load import Medium
from ..spec.model import Indicator, Spec
from .sections import ActualsCheck


def inputs_read(spec: Spec, leaf: Indicator) -> set[str]:
    """The inputs a leaf needs: those its ``actual`` is worked from, and those
    its formula method reads."""
    used = set(leaf.derive.names) if leaf.derive is not None else set()
    method_formula = getattr(leaf.method, "formula", None)
    if method_formula is not None:  # a formula method may read inputs too
        used |= set(method_formula.names) & set(spec.inputs)
    return used


def find_missing(c: ActualsCheck) -> tuple[list[str], dict[str, list[str]]]:
    """The leaves with a missing value or input, and each missing input's leaves.

    A leaf not applicable (nor under a group that is) needs nothing; a value
    already reported in another way (refused, or an unknown key that looks like
    the id) is not also called missing."""
    missing_ids: list[str] = []
    missing_inputs: dict[str, list[str]] = {}
    errors = c.p.errors
    refused = {str(e.path[1]) for e in errors if len(e.path) >= 2 and e.path[0] == "values"}
    for leaf in c.spec.leaves():
        if c.under_na(leaf.id):
            continue
        used = inputs_read(c.spec, leaf)
        absent = sorted(n for n in used if n not in c.inputs and n not in c.refused_inputs)
        for n in absent:
            missing_inputs.setdefault(n, []).append(leaf.id)
        no_value = (
            leaf.derive is None
            and leaf.id not in c.values
            and leaf.id not in refused
            and ("values", leaf.id) not in c.schema_refused
            and leaf.id not in c.suggested
        )
        if absent or no_value:
            missing_ids.append(leaf.id)
    return missing_ids, missing_inputs


def report_missing(
    c: ActualsCheck, missing_ids: list[str], missing_inputs: dict[str, list[str]]
) -> None:
    """One problem for the missing inputs, one for the missing values (``--missing
    error``), each with its fix in the words of what the actuals were written in
    (an actuals document, a table's row, a form) and of who called."""
    zero, mark = option("missing", "zero"), _mark(c)
    if missing_inputs:
        listed = _(", ").join(
            _("{input} (for {ids})").format(input=n, ids=_(", ").join(ids))
            for n, ids in sorted(missing_inputs.items())
        )
        c.p.add(
            _where(c, "inputs", sorted(missing_inputs)),
            _inputs_problem(c.doc.medium).format(listed=listed, zero=zero),
            at_key=True,
        )
    leaves = {i.id: i for i in c.spec.leaves()}
    plain = [i for i in missing_ids if leaves[i].derive is None and i not in c.values]
    if plain:
        named = c.doc.medium in ("row", "form")  # a table's or form's words: names too
        named_ids = [
            _("{id} ({name})").format(id=i, name=leaves[i].name)
            if named and leaves[i].name not in ("", i)
            else i
            for i in plain
        ]
        c.p.add(
            _where(c, "values", plain),
            _values_problem(c.doc.medium, len(plain), mark).format(
                plain=len(plain), list=_(", ").join(named_ids), zero=zero, mark=mark
            ),
            at_key=True,
        )


def _inputs_problem(medium: Medium) -> str:
    """The message for missing inputs, its fix worded for ``medium``."""
    if medium == "row":
        return _(
            "missing inputs: {listed}; fill in their cells, or use {zero} to score those "
            "indicators 0"
        )
    if medium == "mapping":
        return _(
            "missing inputs: {listed}; give them values, or use {zero} to score those indicators 0"
        )
    if medium == "form":
        return _(
            "missing inputs: {listed}; fill in their 数值 cells under 原始数据, or use "
            "{zero} to score those indicators 0"
        )
    return _(
        "missing inputs: {listed}; add them under inputs, or use {zero} to score those indicators 0"
    )


def _mark(c: ActualsCheck) -> str:
    """The text that marks an indicator not applicable in a table's cell, for its
    fix: the first of the table's marks, or in Chinese its first in Chinese ("" if
    it has none)."""
    marks = [m for m in c.doc.na_marks if m.strip()]
    if language() == "zh":
        marks = [m for m in marks if not m.isascii()] + marks
    return marks[0] if marks else ""


def _values_problem(medium: Medium, n: int, mark: str) -> str:
    """The message for ``n`` missing values, its fix worded for ``medium`` (``mark``:
    a row's N/A mark, if its cells can hold one)."""
    if medium == "row" and mark:
        return ngettext(
            "missing value for {plain} indicator: {list}; fill in its cell, write {mark} in "
            "it or give a reason in an na.ID column if the indicator does not apply, or use "
            "{zero} to score it 0",
            "missing values for {plain} indicators: {list}; fill in their cells, write "
            "{mark} in those that do not apply or give reasons in na.ID columns, or use "
            "{zero} to score them 0",
            n,
        )
    if medium == "row":
        return ngettext(
            "missing value for {plain} indicator: {list}; fill in its cell, give a reason in "
            "an na.ID column if the indicator does not apply, or use {zero} to score it 0",
            "missing values for {plain} indicators: {list}; fill in their cells, give a "
            "reason in na.ID columns for those that do not apply, or use {zero} to score "
            "them 0",
            n,
        )
    if medium == "mapping":
        return ngettext(
            "missing value for {plain} indicator: {list}; give it a value, a reason under "
            "its na.ID key if it does not apply, or use {zero} to score it 0",
            "missing values for {plain} indicators: {list}; give them values, a reason under "
            "the na.ID keys of those that do not apply, or use {zero} to score them 0",
            n,
        )
    if medium == "form":
        return ngettext(
            "missing value for {plain} indicator: {list}; fill in its 实际完成值, give a "
            "reason under 不适用原因 if it does not apply, or use {zero} to score it 0",
            "missing values for {plain} indicators: {list}; fill in their 实际完成值, give a "
            "reason under 不适用原因 for those that do not apply, or use {zero} to score "
            "them 0",
            n,
        )
    return ngettext(
        "missing value for {plain} indicator: {list}; add it under values, list it under "
        "not_applicable, or use {zero} to score it 0",
        "missing values for {plain} indicators: {list}; add them under values, list them "
        "under not_applicable, or use {zero} to score them 0",
        n,
    )


def _where(c: ActualsCheck, section: str, missing: list[str]) -> tuple[str, ...]:
    """Where missing ``section`` entries are reported: the cell of the first that
    has one (a table's empty cell), else the section, else the document."""
    for key in missing:
        if (section, key) in c.doc.key_positions:
            return (section, key)
    return (section,) if section in c.data else ()
