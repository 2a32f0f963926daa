"""Actuals for a spec without some of the indicators they were written for:
``compare A B ACTUALS`` where B drops an indicator of A. What the actuals give
for a dropped indicator is left out of B's actuals, each with a located note,
rather than refused as an unknown id: the actuals are right for A, and B is
the rule being tried on them."""

from __future__ import annotations

import copy
from dataclasses import replace

from ..base.i18n import _
from ..spec.load import Document
from ..spec.model import Spec

#: the sections of actuals keyed by indicator id
SECTIONS = ("values", "not_applicable", "overrides", "notes", "claimed")


def without_ids(doc: Document, dropped: frozenset[str], spec: Spec) -> tuple[Document, list[str]]:
    """``doc`` without what it gives for the ``dropped`` ids, and a note for each."""
    data = doc.data
    if not isinstance(data, dict):
        return doc, []
    data = copy.copy(data)
    notes = []
    for section in (*SECTIONS, "published"):
        keyed = data.get(section)
        path: tuple[str, ...] = (section,)
        if section == "published":
            keyed = keyed.get("scores") if isinstance(keyed, dict) else None
            path = ("published", "scores")
        if not isinstance(keyed, dict):
            continue
        gone = [k for k in keyed if isinstance(k, str) and k in dropped]
        if not gone:
            continue
        kept = {k: v for k, v in keyed.items() if k not in gone}
        if section == "published":
            data["published"] = {**data["published"], "scores": kept}
        else:
            data[section] = kept
        for key in gone:
            pos = doc.key_positions.get((*path, key)) or doc.positions.get((*path, key))
            where = f"{pos}: " if pos is not None else f"{doc.file}: "
            notes.append(
                where
                + _(
                    "note: B ({file}) has no indicator '{id}'; B is scored without this "
                    "entry of {section}"
                ).format(file=spec.file, id=key, section=".".join(path))
            )
    return replace(doc, data=data), notes


def dropped_headers(a: Spec, b: Spec) -> frozenset[str]:
    """The column headers a table written for ``a`` may give for the indicators
    ``b`` lacks: each one's id and name (a name ``b`` gives an indicator or input
    of its own is kept), plain and with a prefix (``na.ID``, ``score.名称``)."""
    gone = [a.by_id[i] for i in a.by_id if i not in b.by_id]
    names_b = {i.name for i in b.walk()} | {i.name for i in b.inputs.values() if i.name}
    out: set[str] = set()
    for ind in gone:
        for word in {ind.id, ind.name} - names_b - set(b.inputs):
            out.add(word)
            out.update(f"{k}.{word}" for k in ("score", "notes", "note", "na", "claimed"))
            out.add(f"{word}.note")
    return frozenset(out)


def dropped_note(path: str, column: int, header: str, b: Spec) -> str:
    """The note for a column left out of B's table."""
    return _(
        "{path}:1:{column}: note: B ({file}) has no indicator for column '{header}'; "
        "B is scored without it"
    ).format(path=path, column=column, header=header, file=b.file)
