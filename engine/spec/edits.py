"""A child spec's ``change:``, ``remove:`` and ``add:`` applied to its base's indicator tree.

Each edit is checked where it is written: an unknown id, an added id that is already
used (both locations named), and a group whose children no longer add up to its weight
(the edit and the group both named). Errors are collected and raised together.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..base.errors import ErrorList, Pos, SpecError, did_you_mean
from ..base.i18n import _
from ..base.numbers import format_value
from .load import Document, JsonPath
from .schema import schema

if TYPE_CHECKING:
    from .compose import Composer

#: the key of ``add:`` that means the top level
TOP = "indicators"


class _Tree:
    """The base's indicators by id: the item, the list holding it, and its group."""

    def __init__(self, top: list[Any]):
        self.top = top
        self.items: dict[str, tuple[dict[str, Any], list[Any], dict[str, Any] | None]] = {}
        stack: list[tuple[list[Any], dict[str, Any] | None]] = [(top, None)]
        while stack:
            siblings, group = stack.pop()
            for item in siblings:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    self.items.setdefault(item["id"], (item, siblings, group))
                    kids = item.get("children")
                    if isinstance(kids, list):
                        stack.append((kids, item))


class _Edits:
    def __init__(self, c: Composer, doc: Document, base: dict[str, Any]):
        self.c = c
        self.doc = doc
        self.base = base
        top = base.get("indicators")
        self.tree = _Tree(top if isinstance(top, list) else [])
        self.errors: list[SpecError] = []
        #: id(group or top list) → (the group, its siblings list, the first edit's position)
        self.touched: dict[int, tuple[dict[str, Any] | None, list[Any], Pos]] = {}
        #: the ids removed, and where
        self.removed: dict[str, Pos] = {}

    def fail(self, message: str, path: JsonPath, at_key: bool = False) -> None:
        pos = self.doc.key_pos(path) if at_key else self.doc.pos(path)
        self.errors.append(SpecError(message, pos))

    def find(self, iid: Any, path: JsonPath, at_key: bool = False) -> Any:
        found = self.tree.items.get(iid) if isinstance(iid, str) else None
        if found is None and isinstance(iid, str) and iid in self.removed:
            self.fail(
                _(
                    "'{iid}' is removed at {where}; an indicator removed cannot be changed, "
                    "added to or removed again: keep one of the two edits"
                ).format(iid=iid, where=self.removed[iid]),
                path,
                at_key,
            )
        elif found is None:
            self.fail(
                _(
                    "no indicator '{iid}' in the base{hint}; give the id of an indicator of "
                    "the spec it extends"
                ).format(iid=iid, hint=did_you_mean(str(iid), self.tree.items)),
                path,
                at_key,
            )
        return found

    def touch(self, group: dict[str, Any] | None, siblings: list[Any], path: JsonPath) -> None:
        key = id(siblings)
        if key not in self.touched:
            self.touched[key] = (group, siblings, self.doc.pos(path))

    def where(self, node: Any) -> Pos:
        return self.c.o.pos(node)

    # -- the three edits --------------------------------------------------------
    def remove(self, raw: Any) -> None:
        if not isinstance(raw, list):
            self.fail(_("remove is a list of indicator ids, e.g. remove: [capital]"), ("remove",))
            return
        for i, iid in enumerate(raw):
            found = self.find(iid, ("remove", i))
            if found is not None:
                item, siblings, group = found
                siblings.remove(item)
                here, stack = self.doc.pos(("remove", i)), [item]
                while stack:  # the group's indicators go with it
                    node = stack.pop()
                    gone = node.get("id")
                    if isinstance(gone, str) and self.tree.items.get(gone, (None,))[0] is node:
                        del self.tree.items[gone]
                        self.removed[gone] = here
                    kids = node.get("children")
                    if isinstance(kids, list):
                        stack += [k for k in kids if isinstance(k, dict)]
                self.touch(group, siblings, ("remove", i))

    def change(self, raw: Any) -> None:
        if not isinstance(raw, dict):
            self.fail(
                _(
                    "change maps indicator ids to their new keys, e.g. change: {{trips: "
                    "{{target: 3}}}}"
                ).format(),
                ("change",),
            )
            return
        for iid, keys in raw.items():
            found = self.find(iid, ("change", iid), at_key=True)
            if found is None:
                continue
            if not isinstance(keys, dict):
                self.fail(
                    _("change: {iid} takes the keys to change, e.g. {{weight: 4}}").format(iid=iid),
                    ("change", iid),
                )
                continue
            item, siblings, group = found
            for key, value in keys.items():
                if self.unknown(key, ("change", iid, key)):
                    continue
                if key == "id":
                    self.fail(
                        _("change cannot rename an indicator; remove it and add the new one"),
                        ("change", iid, key),
                        True,
                    )
                    continue
                self.c.o.set(item, key, value, self.doc, ("change", iid, key))
                if key == "weight":
                    self.touch(group, siblings, ("change", iid, key))

    def unknown(self, key: Any, path: JsonPath) -> bool:
        """Whether ``key`` is no indicator's key (a spec's, for a key at the top),
        said at once (a weight typed ``wieght`` was told only after the weights
        it left unchanged)."""
        root = schema("spec")
        allowed = sorted(
            root["properties"] if len(path) == 1 else root["definitions"]["indicator"]["properties"]
        )
        if key in allowed:
            return False
        self.fail(
            _("unknown key '{extra}'{hint}; valid keys here: {list}").format(
                extra=key, hint=did_you_mean(str(key), allowed), list=_(", ").join(allowed)
            ),
            path,
            True,
        )
        return True

    def add(self, raw: Any) -> None:
        if not isinstance(raw, dict):
            self.fail(
                _(
                    "add maps a group id to the indicators it gains, e.g. add: {{duties: [...]}}"
                ).format(),
                ("add",),
            )
            return
        for gid, new in raw.items():
            siblings, group = self._target(gid)
            if siblings is None:
                continue
            if not isinstance(new, list):
                self.fail(_("add: {gid} takes a list of indicators").format(gid=gid), ("add", gid))
                continue
            for i, item in enumerate(new):
                iid = item.get("id") if isinstance(item, dict) else None
                if isinstance(iid, str) and iid in self.tree.items:
                    d, p = self.c.o.containers[id(self.tree.items[iid][0])]
                    self.fail(
                        _(
                            "id '{iid}' is already used at {pos}; choose another id or change that "
                            "indicator instead"
                        ).format(iid=iid, pos=d.pos((*p, "id"))),
                        ("add", gid, i, "id"),
                    )
                    continue
                if isinstance(item, dict) and [
                    k for k in item if self.unknown(k, ("add", gid, i, k))
                ]:
                    continue
                siblings.append(item)
                if isinstance(iid, str):
                    self.tree.items[iid] = (item, siblings, group)
                self.touch(group, siblings, ("add", gid, i))

    def _target(self, gid: Any) -> tuple[list[Any] | None, dict[str, Any] | None]:
        if gid == TOP:
            return self.tree.top, None
        found = self.find(gid, ("add", gid), at_key=True)
        if found is None:
            return None, None
        group = found[0]
        kids = group.get("children")
        if not isinstance(kids, list):
            self.fail(
                _(
                    "'{gid}' at {where} is a leaf indicator; add to a group (or '{top}' for "
                    "the top level)"
                ).format(gid=gid, where=self.where(group), top=TOP),
                ("add", gid),
                True,
            )
            return None, None
        return kids, group

    # -- weights ----------------------------------------------------------------
    def check_weights(self) -> None:
        for group, touched, pos in self.touched.values():
            if group is not None and group.get("id") in self.removed:
                continue  # the group went too: its weights are no one's
            # the children as they are now: an include (by change) gave the group new ones
            now = self.base.get("indicators") if group is None else group.get("children")
            siblings = now if isinstance(now, list) else touched
            if group is None:
                want, what = self.base.get("total"), _("the total")
                where = self.c.o.key_pos(self.base, "total")
            else:
                want, what = group.get("weight"), _("group '{id}'").format(id=group.get("id"))
                where = self.where(group)
            weights = [(s.get("id", "?"), s.get("weight")) for s in siblings if isinstance(s, dict)]
            numbers = [w for _, w in weights if isinstance(w, Fraction)]
            if not isinstance(want, Fraction) or len(numbers) != len(weights):
                continue  # the schema reports weights that are not numbers
            total = sum(numbers, Fraction(0))
            if not weights:  # every indicator removed: the group too?
                said = (
                    _("after this edit the spec has no indicators left; remove fewer")
                    if group is None
                    else _(
                        "after this edit group '{id}' ({where}) has no indicators left; "
                        "remove the group too (remove: [{id}]), or keep some of its "
                        "indicators"
                    ).format(id=group.get("id"), where=where)
                )
                self.errors.append(SpecError(said, pos))
            elif total != want:
                self.errors.append(
                    SpecError(
                        _(
                            "after this edit the weights under {what} ({where}) add up to "
                            "{sum}, not {want}: {terms}; change the weights so that they add up"
                        ).format(
                            what=what,
                            where=where,
                            sum=format_value(total),
                            want=format_value(want),
                            terms=" + ".join(f"{i} {format_value(w)}" for i, w in weights),
                        ),
                        pos,
                    )
                )


def apply_edits(c: Composer, doc: Document, data: dict[str, Any], base: dict[str, Any]) -> None:
    """Apply ``remove``, ``change`` and ``add`` of ``data`` (the child) to ``base``."""
    base.pop("tests", None)  # the base's own test cases are not the child's
    e = _Edits(c, doc, base)
    for key in data:  # a key of the spec's own mistyped (change2:), with the edits' problems
        e.unknown(key, (key,))
    told = len(e.errors)  # (such a key changes no indicator: the weights are still checked)
    if "remove" in data:
        e.remove(data["remove"])
    if "change" in data:
        e.change(data["change"])
    if "add" in data:
        e.add(data["add"])
    if len(e.errors) == told:  # a group given its children by change: {include: …} or an added one
        c.includes(base.get("indicators"))
        e.check_weights()
    if e.errors:
        raise ErrorList(sorted(e.errors, key=lambda x: x.sort_key()))
