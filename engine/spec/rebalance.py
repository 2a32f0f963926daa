"""Weights changed by ``--set``: check that each group still adds up, naming the ``--set``
that broke it, or (``--rebalance``) scale the siblings so the group keeps its weight.

Scaling is exact (fractions); a scaled sibling that is a group has its whole subtree
scaled by the same factor, so every group below still adds up, and a leaf's bands
that give points are scaled with its weight. The new weights' and points' positions
point at the ``--set`` that caused them.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..base.errors import ErrorList, Pos, SpecError
from ..base.i18n import _
from ..base.numbers import format_value
from .load import Document, JsonPath

#: a set weight: its indicator's path, where its --set starts, where the value stands, the
#: old weight
Changed = tuple[JsonPath, Pos, Pos, Fraction | None]


def _node(data: Any, path: JsonPath) -> Any:
    for key in path:
        data = data[key]
    return data


def _weight(item: Any) -> Fraction | None:
    w = item.get("weight") if isinstance(item, dict) else None
    return w if isinstance(w, Fraction) and not isinstance(w, bool) else None


def _group(doc: Document, ind_path: JsonPath) -> tuple[JsonPath, Fraction | None, str]:
    """The sibling list holding the indicator, the weight it must add up to (None:
    none, as for a group that is a mean or a formula, not a sum), and its name."""
    siblings = ind_path[:-1]
    if siblings == ("indicators",):
        data = doc.data if isinstance(doc.data, dict) else {}
        total = data.get("total") if _sums(data) else None
        return siblings, total if isinstance(total, Fraction) else None, _("the total")
    group = _node(doc.data, siblings[:-1])
    want = _weight(group) if _sums(group) else None
    return siblings, want, _("{id}'s weight").format(id=group.get("id", "?"))


def _sums(node: Any) -> bool:
    """Whether a group (or the spec's top level) adds up its children: only then
    must their weights add up to its own (as the spec's compiler asks)."""
    raw = node.get("aggregate") if isinstance(node, dict) else None
    return raw is None or raw == "sum"


def _scale(item: Any, factor: Fraction, doc: Document, path: JsonPath, pos: Pos) -> None:
    w = _weight(item)
    if w is not None:
        item["weight"] = w * factor
        doc.positions[(*path, "weight")] = pos
        _scale_points(item, factor, doc, path, pos)
    kids = item.get("children") if isinstance(item, dict) else None
    if isinstance(kids, list) and _sums(item):  # other groups' children weigh relatively
        for k, kid in enumerate(kids):
            _scale(kid, factor, doc, (*path, "children", k), pos)


def settle_weights(
    doc: Document, changed: list[Changed], rebalance: bool, offered: bool = True
) -> None:
    """After every ``--set``: rebalance or check each group whose weights were set
    (not ``offered``: the command has no ``--rebalance``, so an error does not suggest it)."""
    if rebalance:
        _rescale_set_groups(doc, changed)
    groups: dict[JsonPath, list[Changed]] = {}
    for c in changed:
        groups.setdefault(c[0][:-1], []).append(c)
    errors: list[SpecError] = []
    for sets in groups.values():
        siblings, want, what = _group(doc, sets[0][0])
        items = _node(doc.data, siblings)
        if want is None or not isinstance(items, list):
            continue
        fixed = {c[0][-1] for c in sets}
        found = [_weight(item) for item in items]
        if any(w is None or w <= 0 for w in found):
            continue  # not a number, or not above 0: the schema says so, at its place
        weights = [w or Fraction(0) for w in found]
        _, start, pos, _ = sets[-1]
        if rebalance:
            error = _rebalance(doc, siblings, items, fixed, want, start, pos)
        else:
            error = _check(items, weights, want, what, pos, offered)
        if error is not None:
            errors.append(error)
    if errors:
        raise ErrorList(errors)


def _ids(items: list[Any], which: list[int]) -> str:
    return ", ".join(str(items[i].get("id", i)) for i in which)


def _check(
    items: list[Any],
    weights: list[Fraction],
    want: Fraction,
    what: str,
    pos: Pos,
    offered: bool = True,
) -> SpecError | None:
    s = sum(weights, Fraction(0))
    if s == want:
        return None
    terms = " + ".join(
        f"{item.get('id', '?')} {format_value(w)}" for item, w in zip(items, weights, strict=True)
    )
    text = (
        _(
            "with this weight the group adds up to {sum}, not {what} {want}: {terms}; "
            "add --rebalance to scale the siblings, or set them too"
        )
        if offered
        else _(
            "with this weight the group adds up to {sum}, not {what} {want}: {terms}; "
            "set the siblings too, so that they add up"
        )
    )
    return SpecError(
        text.format(sum=format_value(s), what=what, want=format_value(want), terms=terms), pos
    )


def _rebalance(
    doc: Document,
    siblings: JsonPath,
    items: list[Any],
    fixed: set[Any],
    want: Fraction,
    start: Pos,
    pos: Pos,
) -> SpecError | None:
    others = [i for i in range(len(items)) if i not in fixed]
    kept = sum((_weight(items[i]) or Fraction(0) for i in fixed), Fraction(0))
    rest = sum((_weight(items[i]) or Fraction(0) for i in others), Fraction(0))
    left = want - kept
    if not others or rest == 0 or left <= 0:
        why = (
            _("no sibling is left to scale")
            if not others or rest == 0
            else _("the set weights already take {kept} of {want}").format(
                kept=format_value(kept), want=format_value(want)
            )
        )
        return SpecError(_("cannot rebalance: {why}; set a smaller weight").format(why=why), pos)
    factor = left / rest
    for i in others:
        _scale(items[i], factor, doc, (*siblings, i), start)
    return None


def _rescale_set_groups(doc: Document, changed: list[Changed]) -> None:
    """A group whose own weight was set: its children follow, so it still adds up.
    Only a group that adds its children up: the children of a mean or a formula
    weigh relatively, and a formula divides by their weights as written."""
    for path, start, _new, old in changed:
        item = _node(doc.data, path)
        new = _weight(item)
        kids = item.get("children")
        if old and new is not None and isinstance(kids, list):
            for k, kid in enumerate(kids if _sums(item) else []):
                _scale(kid, new / old, doc, (*path, "children", k), start)
        elif old and new is not None:  # a leaf: its bands' points follow its weight
            _scale_points(item, new / old, doc, path, start)


def _scale_points(item: Any, factor: Fraction, doc: Document, path: JsonPath, pos: Pos) -> None:
    """A leaf's bands that give points (not a fraction of the weight) scaled with
    its weight, as not-applicable redistribution scales them: the top band still
    gives full marks."""
    method = item.get("method") if isinstance(item, dict) else None
    bands = method.get("bands") if isinstance(method, dict) else None
    if not isinstance(bands, list):
        return
    for k, band in enumerate(bands):
        points = band.get("points") if isinstance(band, dict) else None
        if isinstance(points, Fraction) and not isinstance(points, bool):
            band["points"] = points * factor
            doc.positions[(*path, "method", "bands", k, "points")] = pos
