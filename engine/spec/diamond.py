"""Several bases (``extends: [a.yaml, b.yaml]``) merged into one, before the child's edits.

Bases usually share an ancestor (two sector sets both extending a province's common
set). Every key remembers the file it came from, so the merge is three-way: where one
base kept what it inherited and the other changed it, the change wins; where both
changed the same key differently, the spec is refused naming both changes (unless the
child sets that top-level key itself). An indicator one base removed from the shared
ancestor is removed; one a base added joins the group it was added to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..base.errors import ErrorList, SpecError
from ..base.i18n import _

if TYPE_CHECKING:
    from .compose import Composer

#: keys the merge never compares: the bases' own names and their indicator trees
_OWN = frozenset({"id", "title", "version", "description", "source", "indicators", "tests"})

Where = dict[str, tuple[dict[str, Any], list[Any], str | None]]  # id -> (item, siblings, group)


def _index(items: Any, out: Where) -> Where:
    stack: list[tuple[Any, str | None]] = [(items, None)]
    while stack:
        node, group = stack.pop()
        if not isinstance(node, list):
            continue
        for item in node:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                out.setdefault(item["id"], (item, node, group))
                stack.append((item.get("children"), item["id"]))
    return out


class _Merge:
    def __init__(self, c: Composer, files_a: set[str], files_b: set[str], settled: Any):
        self.c = c
        #: the extending spec's own change: {id: {key: value}}; those keys are settled
        self.settled = settled if isinstance(settled, dict) else {}
        self.files_a = files_a  # every file base A was resolved from
        self.files_b = files_b
        self.errors: list[SpecError] = []

    def keys(self, a: dict[str, Any], b: dict[str, Any], skip: frozenset[str], what: str) -> None:
        """Merge the keys of mapping ``b`` into ``a``, three-way by where each came from."""
        o = self.c.o
        for key, value in b.items():
            if key in skip:
                continue
            if key not in a:
                o.set(a, key, value, *o.origin(b, key))
                continue
            if a[key] == value:
                continue
            pa, pb = o.key_pos(a, key), o.key_pos(b, key)
            if pa.file in self.files_b:  # A still has what B inherited: B changed it
                o.set(a, key, value, *o.origin(b, key))
            elif pb.file not in self.files_a:  # both changed it, differently
                self.errors.append(
                    SpecError(
                        _(
                            "the bases disagree on {what}'{key}': here and at {pb}; make "
                            "them agree, "
                            "or settle it in the spec that extends them"
                        ).format(what=what, key=key, pb=pb),
                        pa,
                    )
                )

    def indicators(self, first: dict[str, Any], other: dict[str, Any]) -> None:
        mine = _index(first.get("indicators"), {})
        theirs = _index(other.get("indicators"), {})
        for iid, (item, siblings, _pos) in list(mine.items()):
            if iid not in theirs and self.c.o.pos(item).file in self.files_b:
                siblings.remove(item)  # B removed what it inherited
        for iid, (item, _sibs, group) in theirs.items():
            if iid in mine:
                own = self.settled.get(iid)
                skip = frozenset({"children", *(own if isinstance(own, dict) else ())})
                self.keys(mine[iid][0], item, skip, _("indicator '{iid}' key ").format(iid=iid))
            elif group is None or group in mine:
                top = first["indicators"]
                target = top if group is None else mine[group][0].setdefault("children", [])
                target.append(item)
                _index([item], mine)


def merge_bases(
    c: Composer,
    first: dict[str, Any],
    other: dict[str, Any],
    files: tuple[set[str], set[str]],
    child: dict[str, Any],
) -> None:
    """Merge base ``other`` into ``first``; ``files`` are the files each was resolved from,
    ``child`` the extending spec (the keys it sets itself are not compared)."""
    m = _Merge(c, *files, child.get("change"))
    m.keys(first, other, _OWN | set(child), "")
    m.indicators(first, other)
    if m.errors:
        raise ErrorList(m.errors)
