"""Actuals written for one spec, given to another: ``compare A B ACTUALS``.

Where B drops an indicator of A, what the actuals give for it is left out of
B's actuals, each with a located note, rather than refused as an unknown id:
the actuals are right for A, and B is the rule being tried on them. Where B
adds one, what they give for it is likewise left out of A's: actuals written
for both give it, and B could not be tried on them otherwise. Where B
weighs an indicator otherwise (``--set ID.weight=… --rebalance``), a chosen
score within a grade's range and an override, given in points of A's weight,
are scaled to B's, each with a note: the share of the weight they award is
what carries over (2.1 of 3 is 1.575 of 2.25), as under redistribution."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction
from typing import Any

from ..base.i18n import N_, _
from ..base.numbers import format_value, has_places, round_fraction
from ..spec.load import Document
from ..spec.model import Spec

#: the sections of actuals keyed by indicator id
SECTIONS = ("values", "not_applicable", "overrides", "notes", "claimed")

#: the note on an entry left out, by the side left without it and whether an input
_LEFT_OUT = {
    ("B", False): N_(
        "note: B ({file}) has no indicator '{id}'; B is scored without this entry of {section}"
    ),
    ("A", False): N_(
        "note: A ({file}) has no indicator '{id}' (B adds it); A is scored without this "
        "entry of {section}"
    ),
    ("B", True): N_(
        "note: B ({file}) reads no input '{id}'; B is scored without this entry of {section}"
    ),
    ("A", True): N_(
        "note: A ({file}) reads no input '{id}' (B reads it); A is scored without this "
        "entry of {section}"
    ),
}


def _at(doc: Document, path: tuple[str, ...], keyed: bool = False) -> str:
    """Where a note on ``path`` of ``doc`` is placed (its key's place with
    ``keyed``), as ``file:line:col: ``; the file alone where it has none."""
    pos = (doc.key_positions.get(path) if keyed else None) or doc.positions.get(path)
    return f"{pos}: " if pos is not None else f"{doc.file}: "


def without_ids(
    doc: Document,
    dropped: frozenset[str],
    spec: Spec,
    side: str = "B",
    inputs: frozenset[str] = frozenset(),
) -> tuple[Document, list[str]]:
    """``doc`` without what it gives for the ``dropped`` ids and ``inputs``, and a
    note for each (``side``: which of the two specs ``spec`` is, A or B)."""
    data = doc.data
    if not isinstance(data, dict):
        return doc, []
    data = copy.copy(data)
    notes = []
    for section in (*SECTIONS, "published", "inputs"):
        keyed = data.get(section)
        path: tuple[str, ...] = (section,)
        if section == "published":
            keyed = keyed.get("scores") if isinstance(keyed, dict) else None
            path = ("published", "scores")
        if not isinstance(keyed, dict):
            continue
        names = inputs if section == "inputs" else dropped
        gone = [k for k in keyed if isinstance(k, str) and k in names]
        if not gone:
            continue
        kept = {k: v for k, v in keyed.items() if k not in gone}
        if section == "published":
            data["published"] = {**data["published"], "scores": kept}
        else:
            data[section] = kept
        for key in gone:
            note = _LEFT_OUT[(side, section == "inputs")]
            notes.append(
                _at(doc, (*path, key), keyed=True)
                + _(note).format(file=spec.file, id=key, section=".".join(path))
            )
    return replace(doc, data=data), notes


def dropped_headers(a: Spec, b: Spec) -> frozenset[str]:
    """The column headers a table written for ``a`` may give for the indicators
    and inputs ``b`` lacks: each one's id and name (a name ``b`` gives an
    indicator or input of its own is kept), an indicator's plain and with a
    prefix (``na.ID``, ``score.名称``)."""
    gone = [a.by_id[i] for i in a.by_id if i not in b.by_id]
    names_b = {i.name for i in b.walk()} | {i.name for i in b.inputs.values() if i.name}
    out: set[str] = set()
    for ind in gone:
        for word in {ind.id, ind.name} - names_b - set(b.inputs):
            out.add(word)
            out.update(f"{k}.{word}" for k in ("score", "notes", "note", "na", "claimed"))
            out.add(f"{word}.note")
    for iid in set(a.inputs) - set(b.inputs):
        out.update({iid, a.inputs[iid].name} - names_b - set(b.by_id) - {""})
    return frozenset(out)


def dropped_note(path: str, column: int, header: str, b: Spec, side: str = "B") -> str:
    """The note for a column left out of B's table (of A's, ``side`` "A": a
    column of an indicator B adds)."""
    note = (
        _(
            "{path}:1:{column}: note: B ({file}) has no indicator or input for column "
            "'{header}'; B is scored without it"
        )
        if side == "B"
        else _(
            "{path}:1:{column}: note: A ({file}) has no indicator or input for column "
            "'{header}' (B has it); A is scored without it"
        )
    )
    return note.format(path=path, column=column, header=header, file=b.file)


def for_spec_a(doc: Document, a: Spec, b: Spec) -> tuple[Document, list[str]]:
    """Actuals given to compare ``a`` with ``b``, made ready for ``a``: without
    what they give for the indicators only ``b`` has, each with a note."""
    added = frozenset(b.by_id) - frozenset(a.by_id)
    inputs = frozenset(b.inputs) - frozenset(a.inputs)
    return without_ids(doc, added, a, "A", inputs) if added or inputs else (doc, [])


def for_spec(doc: Document, a: Spec, b: Spec) -> tuple[Document, list[str]]:
    """Actuals ``doc`` written for ``a``, made ready for ``b``: without what they
    give for the indicators ``b`` lacks, its points scaled to ``b``'s weights."""
    dropped = frozenset(a.by_id) - frozenset(b.by_id)
    inputs = frozenset(a.inputs) - frozenset(b.inputs)
    doc, notes = without_ids(doc, dropped, b, inputs=inputs) if dropped or inputs else (doc, [])
    doc, scaled = rescaled(doc, a, b)
    return doc, notes + scaled


def rescaled(doc: Document, a: Spec, b: Spec) -> tuple[Document, list[str]]:
    """``doc`` with each chosen score and override of an indicator ``b`` weighs
    otherwise than ``a`` scaled to ``b``'s weight, and a note for each."""
    data = doc.data
    if not isinstance(data, dict):
        return doc, []
    data, notes = copy.copy(data), []
    for section, key in (("values", "score"), ("overrides", "score")):
        keyed = data.get(section)
        if not isinstance(keyed, dict):
            continue
        changed = dict(keyed)
        for iid, entry in keyed.items():
            if not (isinstance(entry, dict) and isinstance(entry.get(key), Fraction)):
                continue
            if iid not in a.by_id or iid not in b.by_id:
                continue
            was, now = a.by_id[iid].weight, b.by_id[iid].weight
            if was == now or not was:
                continue
            points = entry[key] * now / was
            r = b.rounding
            if section == "overrides" and r.apply == "each" and not has_places(points, r.places):
                points = round_fraction(points, r.places, r.mode)  # as an override is written
            changed[iid] = {**entry, key: points}
            notes.append(
                _at(doc, (section, iid, key))
                + _(
                    "note: B weighs '{id}' {now}, A {was}: its {what} {given} counts as "
                    "{points} in B (the same share of the weight)"
                ).format(
                    id=iid,
                    now=format_value(now),
                    was=format_value(was),
                    what=_("chosen score") if section == "values" else _("override"),
                    given=format_value(entry[key]),
                    points=format_value(points),
                )
            )
        data[section] = changed
    return replace(doc, data=data), notes


def scaled_columns(columns: Sequence[Any], a: Spec, b: Spec) -> list[Any]:
    """The chosen-score columns (``score.ID``) of a table whose indicator ``b``
    weighs otherwise than ``a``: their points are scaled to B's (:func:`rescaled`)."""
    return [
        c
        for c in columns
        if c.kind == "score"
        and c.target in a.by_id
        and c.target in b.by_id
        and a.by_id[c.target].weight
        and a.by_id[c.target].weight != b.by_id[c.target].weight
    ]


def scaled_note(path: str, column: Any, a: Spec, b: Spec) -> str:
    """The note on a chosen-score column scaled to B's weight, at its header."""
    iid = column.target
    was, now = a.by_id[iid].weight, b.by_id[iid].weight
    return _(
        "{path}:1:{column}: note: B weighs '{id}' {now}, A {was}: each chosen score in "
        "column '{header}' counts in B as the same share of the weight (× {now}/{was})"
    ).format(
        path=path,
        column=column.index,
        id=iid,
        now=format_value(now),
        was=format_value(was),
        header=column.header,
    )
