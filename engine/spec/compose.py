"""Spec composition, resolved on the documents before anything is compiled.

``extends:`` names a base spec (a path relative to the file, or a spec id in its
folder); the child's ``change:`` (by indicator id: any indicator key), ``remove:``
(ids) and ``add:`` (group id → new indicators) edit the base's tree, and any other
top-level key replaces the base's (``inputs`` and ``methods`` are merged by name).
``include:`` on a group pulls an indicator list from another file into its children.

The result is one :class:`Document` whose every value keeps the ``file:line:col`` of
the file it came from, so errors and trace steps point there. Cycles, bases that
disagree, id clashes and groups whose weights no longer add up are refused with both
locations. The document's ``sha256`` covers every file that went in, in order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..base.errors import ErrorList, LoadError, Pos, SpecError, did_you_mean
from ..base.i18n import _, ngettext
from ..base.numbers import format_value
from ..base.records import record
from .load import Document, JsonPath, load_file

if TYPE_CHECKING:
    from .family import Effective

#: top-level keys that edit the base rather than replace one of its keys
EDITS = ("extends", "change", "remove", "add")
#: top-level keys merged by name with the base's rather than replaced
MERGED = ("inputs", "methods")


def _extends_help() -> str:
    return _(
        "extends names the base spec: a path such as common.yaml, or its id (or a list of them)"
    )


#: the most files in a chain of extends and includes (each is one more level of
#: resolving: far below Python's recursion limit)
MAX_DEPTH = 64


def _no_file(what: str, target: str, file: str) -> str:
    """No ``target`` beside ``file``: the file of that folder it looks like, if any."""
    here = Path(file).parent
    names = [p.name for p in sorted(here.glob("*.y*ml")) if p.name != Path(file).name]
    hint = did_you_mean(target, names)
    if what == "extends":
        return _(
            "extends: no file '{target}' next to {file}{hint}; give a path relative to this "
            "file, or the id of a spec in its folder"
        ).format(target=target, file=file, hint=hint)
    return _(
        "{key}: no file '{target}' next to {file}{hint}; give a path relative to this file"
    ).format(key=what, target=target, file=file, hint=hint)


def _example_in(folder: Path, target: str) -> str:
    """A spec file of ``folder`` as ``target``/NAME (only of a folder below the
    spec's own: others' file names are not shown), else a made-up name."""
    names: list[str] = []
    if not Path(target).is_absolute() and ".." not in Path(target).parts:
        try:
            names = sorted(
                p.name
                for p in folder.glob("*.y*ml")
                if not p.name.endswith((".tests.yaml", ".tests.yml", ".actuals.yaml"))
            )
        except OSError:
            names = []
    return f"{target.rstrip('/')}/{names[0] if names else 'base.yaml'}"


def needs_resolving(data: Any) -> bool:
    """Does this spec extend another or include a file anywhere?"""
    if not isinstance(data, dict):
        return False
    if "extends" in data:
        return True
    stack = [data.get("indicators")]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            for item in node:
                if isinstance(item, dict):
                    if "include" in item:
                        return True
                    stack.append(item.get("children"))
    return False


@record
class _Origins:
    """Where every container came from, and which single keys were set from elsewhere."""

    containers: dict[int, tuple[Document, JsonPath]] = field(default_factory=dict)
    keys: dict[tuple[int, Any], tuple[Document, JsonPath]] = field(default_factory=dict)
    alive: list[Any] = field(default_factory=list)  # ids stay unique while held
    files: list[Document] = field(default_factory=list)

    def register(self, doc: Document) -> None:
        self.files.append(doc)
        stack: list[tuple[Any, JsonPath]] = [(doc.data, ())]
        while stack:
            node, path = stack.pop()
            if isinstance(node, dict | list):
                self.containers[id(node)] = (doc, path)
                self.alive.append(node)
                items = node.items() if isinstance(node, dict) else enumerate(node)
                stack.extend((v, (*path, k)) for k, v in items)

    def pos(self, node: Any) -> Pos:
        doc, path = self.containers[id(node)]
        return doc.pos(path)

    def key_pos(self, node: Any, key: Any) -> Pos:
        if (id(node), key) in self.keys:
            doc, path = self.keys[(id(node), key)]
        else:
            doc, p = self.containers[id(node)]
            path = (*p, key)
        return doc.key_pos(path)

    def origin(self, node: Any, key: Any) -> tuple[Document, JsonPath]:
        """Where the value of ``key`` in ``node`` was written."""
        if (id(node), key) in self.keys:
            return self.keys[(id(node), key)]
        doc, path = self.containers[id(node)]
        return doc, (*path, key)

    def set(self, node: dict[str, Any], key: str, value: Any, doc: Document, at: JsonPath) -> None:
        node[key] = value
        self.keys[(id(node), key)] = (doc, at)


class Composer:
    """Resolves one spec file; ``chain`` is the files being resolved, for cycles."""

    def __init__(self) -> None:
        self.o = _Origins()
        self.chain: list[tuple[str, Pos | None]] = []

    # -- files ----------------------------------------------------------------
    def load(self, target: str, doc: Document, at: JsonPath, what: str) -> Document:
        """Load ``target`` (relative to ``doc``'s file) as an extends or include."""
        here = Path(doc.file).parent
        path = here / target
        if not _is_file(path) and what == "extends" and "/" not in target:
            path = _by_id(doc, target, at) or path
        if not _is_file(path):
            if _is_dir(path):
                raise ErrorList(
                    [
                        SpecError(
                            _(
                                "{key}: '{target}' is a folder; name a spec file in it, e.g. "
                                "{key}: {example}"
                            ).format(key=what, target=target, example=_example_in(path, target)),
                            doc.pos(at),
                        )
                    ]
                )
            if _exists(path):  # a device, a pipe or a socket: nothing a spec is read from
                raise ErrorList(
                    [
                        SpecError(
                            _(
                                "{key}: '{target}' is not a regular file (a device, pipe or "
                                "socket); name a spec file"
                            ).format(key=what, target=target),
                            doc.pos(at),
                        )
                    ]
                )
            raise ErrorList([SpecError(_no_file(what, target, doc.file), doc.pos(at))])
        if len(self.chain) >= MAX_DEPTH:
            raise ErrorList(
                [
                    SpecError(
                        _(
                            "{key} '{target}' goes {depth} files deep; specs may extend and "
                            "include at most {most} files in a chain: join some of them"
                        ).format(key=what, target=target, depth=len(self.chain), most=MAX_DEPTH),
                        doc.pos(at),
                    )
                ]
            )
        display = str(path) if not Path(doc.file).is_absolute() else str(path.resolve())
        display = _tidy(display)
        for n, (name, _kind) in enumerate(self.chain):
            if Path(name).resolve() == path.resolve():
                ring = [f for f, _ in self.chain[n:]] + [display]
                where = [str(p) for _, p in self.chain[n + 1 :] if p is not None]
                raise ErrorList(
                    [
                        SpecError(
                            _(
                                "{key} '{target}' makes a cycle: {ring}{also}; remove one of them"
                            ).format(
                                key=what,
                                target=target,
                                ring=" → ".join(ring),
                                also=_(" (also {where})").format(where=_(", ").join(where))
                                if where
                                else "",
                            ),
                            doc.pos(at),
                        )
                    ]
                )
        try:
            loaded = load_file(path, display)
        except LoadError as e:
            raise ErrorList([e]) from None
        from .comments import refuse_formula_comments

        refuse_formula_comments(loaded)
        return loaded

    def resolve(self, doc: Document, start: Pos | None = None) -> Any:
        """The data of ``doc`` with its extends and includes resolved (origins recorded)."""
        self.chain.append((doc.file, start))
        self.o.register(doc)
        data = doc.data
        if isinstance(data, dict) and "extends" in data:
            data = self._extend(doc, data)
        # an included file's own includes are resolved while it is on the chain (a
        # file holding a bare list too): a list including itself is a cycle
        self.includes(data.get("indicators") if isinstance(data, dict) else data)
        self.chain.pop()
        return data

    # -- extends ----------------------------------------------------------------
    def _extend(self, doc: Document, data: dict[str, Any]) -> dict[str, Any]:
        raw = data["extends"]
        targets = raw if isinstance(raw, list) else [raw]
        at: list[tuple[str | int, ...]] = (
            [("extends", i) for i in range(len(targets))]
            if isinstance(raw, list)
            else [("extends",)]
        )
        bases: list[tuple[dict[str, Any], set[str]]] = []
        for target, where in zip(targets, at, strict=True):
            start = len(self.o.files)
            resolved = self._base(doc, target, where)
            bases.append((resolved, {d.file for d in self.o.files[start:]}))
        if not bases:
            raise ErrorList([SpecError(_extends_help(), doc.pos(("extends",)))])
        base, files = bases[0]
        if len(bases) > 1:
            from .diamond import merge_bases

            for other, other_files in bases[1:]:
                merge_bases(self, base, other, (files, other_files), data)
                files = files | other_files
        if "indicators" in data:
            raise ErrorList(
                [
                    SpecError(
                        _(
                            "a spec that extends another edits its indicators with change, remove "
                            "and add, not a new indicators list"
                        ),
                        doc.key_pos(("indicators",)),
                    )
                ]
            )
        for key, value in data.items():
            if key in EDITS:
                continue
            if key in MERGED and isinstance(value, dict) and isinstance(base.get(key), dict):
                for name, sub in value.items():
                    self.o.set(base[key], name, sub, doc, (key, name))
            else:
                self.o.set(base, key, value, doc, (key,))
        from .edits import apply_edits

        apply_edits(self, doc, data, base)
        return base

    def _base(self, doc: Document, target: Any, at: tuple[str | int, ...]) -> dict[str, Any]:
        if not isinstance(target, str) or not target:
            raise ErrorList([SpecError(_extends_help(), doc.pos(at))])
        base_doc = self.load(target, doc, at, "extends")
        base = self.resolve(base_doc, doc.pos(at))
        if not isinstance(base, dict):
            raise ErrorList(
                [
                    SpecError(
                        _("extends: {file} is not a spec").format(file=base_doc.file), doc.pos(at)
                    )
                ]
            )
        return base

    # -- include ----------------------------------------------------------------
    def includes(self, items: Any) -> None:
        """Resolve every ``include`` among ``items`` and their children, in place."""
        stack = [items]
        while stack:
            node = stack.pop()
            if not isinstance(node, list):
                continue
            for item in node:
                if isinstance(item, dict):
                    if "include" in item:
                        self._include(item)
                    stack.append(item.get("children"))

    def _include(self, group: dict[str, Any]) -> None:
        # where the include was written: in the group, or by a child's change
        doc, at = self.o.origin(group, "include")
        target = group.pop("include")
        if not isinstance(target, str) or not target:
            raise ErrorList(
                [
                    SpecError(
                        _(
                            "include names a file holding a list of indicators, e.g. include: "
                            "duties.yaml"
                        ),
                        doc.pos(at),
                    )
                ]
            )
        inc_doc = self.load(target, doc, at, "include")
        data = self.resolve(inc_doc, doc.pos(at))  # on the chain while read
        items = data.get("indicators") if isinstance(data, dict) else data
        if not isinstance(items, list) or not items:
            raise ErrorList(
                [
                    SpecError(
                        _(
                            "include: {file} holds no indicator list; write a list of "
                            "indicators, or "
                            "indicators: [...]"
                        ).format(file=inc_doc.file),
                        doc.pos(at),
                    )
                ]
            )
        kids = group.get("children")
        if isinstance(kids, list):  # children written in the group, then the included ones
            merged, origin = [*kids, *items], self.o.origin(group, "children")
        else:
            merged, origin = list(items), (doc, at)
        self.o.containers[id(merged)] = self.o.containers[
            id(kids if isinstance(kids, list) else items)
        ]
        self.o.alive.append(merged)
        self.o.set(group, "children", merged, *origin)

    # -- the result -------------------------------------------------------------
    def document(self, root: Document, data: Any) -> Document:
        out = Document(file=root.file, data=data, sha256=_digest(self.o.files))
        out.positions[()] = root.pos(())
        stack: list[tuple[Any, JsonPath]] = [(data, ())]
        while stack:
            node, path = stack.pop()
            items = node.items() if isinstance(node, dict) else enumerate(node)
            for key, value in items:
                new = (*path, key)
                if (id(node), key) in self.o.keys:
                    d, p = self.o.keys[(id(node), key)]
                else:
                    d, p = self.o.containers[id(node)]
                    p = (*p, key)
                if (
                    isinstance(value, dict | list)
                    and id(value) in self.o.containers
                    and not ((id(node), key) in self.o.keys and isinstance(node, dict))
                ):
                    vd, vp = self.o.containers[id(value)]
                    out.positions[new] = vd.pos(vp)
                else:
                    out.positions[new] = d.pos(p)
                if isinstance(node, dict):
                    out.key_positions[new] = d.key_pos(p)
                if p in d.styles:
                    out.styles[new] = d.styles[p]
                if isinstance(value, dict | list):
                    stack.append((value, new))
        out.sources = tuple((d.file, d.sha256) for d in self.o.files)
        return out


def _digest(files: list[Document]) -> str:
    """The spec's SHA-256: its one file's, or one over its files' contents in the
    order they were read (never their paths: a project copied elsewhere, or a
    scorecard verified on another machine, has the same spec)."""
    if len(files) == 1:
        return files[0].sha256
    h = hashlib.sha256()
    for d in files:
        h.update(f"{d.sha256}\n".encode())
    return h.hexdigest()


def _tidy(path: str) -> str:
    import os

    return os.path.normpath(path)


def _effective(path: Path) -> Effective | None:
    """A spec file's own ``effective`` dates (None: none, or not readable here)."""
    from .family import effective_of

    try:
        return effective_of(load_file(path, _tidy(str(path))))
    except (LoadError, ErrorList):
        return None


def _is_file(path: Path) -> bool:
    """Whether ``path`` is a file (a name the system cannot take is none)."""
    try:
        return path.is_file()
    except OSError:  # a name too long, say
        return False


def _exists(path: Path) -> bool:
    """Whether anything is at ``path`` (a name the system cannot take is nothing)."""
    try:
        return path.exists()
    except OSError:
        return False


def _is_dir(path: Path) -> bool:
    """Whether ``path`` is a folder (a name the system cannot take is none)."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _by_id(doc: Document, sid: str, at: JsonPath) -> Path | None:
    """The spec beside ``doc`` whose ``id`` is ``sid`` (read cheaply). Fiscal-year
    versions share an id: then the one in force over all of ``doc``'s own
    ``effective`` dates, and none found or several is said."""
    import re

    pattern = re.compile(rf"^id:\s*['\"]?{re.escape(sid)}['\"]?\s*(#.*)?$", re.M)
    own = Path(doc.file).resolve()
    found = []
    for path in sorted(Path(doc.file).parent.glob("*.yaml")):
        try:
            if path.resolve() != own and pattern.search(path.read_text("utf-8")):
                found.append(path)
        except (OSError, UnicodeDecodeError):
            continue
    if not found:
        return None
    from .family import effective_of

    versions = [(p, _effective(p)) for p in found]
    mine = effective_of(doc)
    data = doc.data if isinstance(doc.data, dict) else {}
    dated = mine is not None or any(e is not None for _p, e in versions)
    if data.get("id") == sid and dated:  # a version of this family: only a name says which
        why = _("it is this spec's own id: a version extends another by its file's name")
    elif len(found) == 1 and (versions[0][1] is None or mine is None):
        return found[0]  # one spec of that id, not a version to choose by dates
    elif mine is None:
        why = _("this spec has no effective dates to choose by")
    else:
        last = mine.end or dt.date.max  # open-ended: only an open-ended version covers it
        within = [p for p, e in versions if e is not None and e.covers(mine.start, last)]
        if len(within) == 1:
            return within[0]
        why = _("not one of them is in force over all of this spec's dates")
    listed = "; ".join(
        f"{_tidy(str(p))} ({e.text() if e else _('no effective dates')})" for p, e in versions
    )
    raise ErrorList(
        [
            SpecError(
                ngettext(
                    "extends: '{sid}' is the id of {count} spec here ({listed}), and {why}; "
                    "name the file to extend (extends: {example})",
                    "extends: '{sid}' is the id of {count} specs here ({listed}), and {why}; "
                    "name the file to extend (extends: {example})",
                    len(found),
                ).format(
                    sid=sid,
                    count=len(found),
                    listed=listed,
                    why=why,
                    example=_earlier(versions, mine).name,
                ),
                doc.pos(at),
            )
        ]
    )


def _earlier(versions: list[tuple[Path, Effective | None]], mine: Effective | None) -> Path:
    """The version to name as an example: the latest that starts before this
    spec's dates (last year's, for next year's spec), or the latest of all for a
    spec without dates; else the last found."""
    dated = [(e.start, p) for p, e in versions if e is not None]
    before = [(d, p) for d, p in dated if mine is None or d < mine.start]
    return max(before)[1] if before else versions[-1][0]


def resolve(doc: Document) -> Document:
    """``doc`` with its composition resolved, or ``doc`` itself when it has none."""
    from .comments import refuse_formula_comments

    refuse_formula_comments(doc)
    if not needs_resolving(doc.data):
        return doc
    c = Composer()
    data = c.resolve(doc)
    out = c.document(doc, data)
    _unique_ids(out)
    return out


def _unique_ids(doc: Document) -> None:
    """An id used twice in the resolved tree (two includes of one list): both places."""
    seen: dict[str, str] = {}
    errors: list[SpecError] = []
    stack: list[tuple[Any, JsonPath, str]] = [(doc.data.get("indicators"), ("indicators",), "")]
    while stack:
        items, path, parent = stack.pop()
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            iid = item.get("id") if isinstance(item, dict) else None
            if not isinstance(iid, str):
                continue
            pos = doc.pos((*path, i, "id"))
            here = f"{pos}{parent}"
            if iid in seen:
                errors.append(
                    SpecError(
                        _(
                            "id '{iid}' is used twice: {here} and {seen}; "
                            "each indicator id once in the composed spec"
                        ).format(iid=iid, here=here, seen=seen[iid]),
                        pos,
                    )
                )
            else:
                seen[iid] = here
            group = _(" (in '{iid}', {pos})").format(iid=iid, pos=doc.pos((*path, i)))
            stack.append((item.get("children"), (*path, i, "children"), group))
    if errors:
        raise ErrorList(errors)


def weight_of(item: Any) -> Fraction | None:
    w = item.get("weight") if isinstance(item, dict) else None
    return w if isinstance(w, Fraction) else None


def shown(x: Fraction) -> str:
    return format_value(x)
