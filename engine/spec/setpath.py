"""``--set PATH=VALUE``: change a loaded spec (or actuals) in memory, before it is
validated, so a changed value is checked exactly like an edited file.

Paths are dotted keys. ``indicators.ID`` (or ``children.ID``, or the id alone as
the first key: ``trips.weight``) finds the indicator with that id anywhere in the
tree; a number selects a list entry. A set weight must leave its group adding up
(see :mod:`rebalance`).
The value is read as YAML (``5``, ``half_even``, ``{deduct: {per: 1}}``), with
the loader's exact numbers. Positions of the new values point into the
command line (``--set[1]:1:COL``), or into the file that holds the assignment (a
test case's ``spec_set``), so their errors are located too.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction
from typing import Any

from ..base.errors import LoadError, Pos, UsageError, did_you_mean
from ..base.i18n import _
from ..base.records import record
from .load import MAX_DEPTH, TEXT_KEYS, Document, JsonPath, load_text


@record(frozen=True)
class Where:
    """Where a ``PATH=VALUE`` was written: the N-th ``--set`` of the command line, or
    (``origin``) an entry of a file, such as a test case's ``spec_set``, starting there."""

    label: str  # --set[N]
    origin: Pos | None = None

    def pos(self, col: int) -> Pos:
        """Where column ``col`` (from 1) of the ``PATH=VALUE`` text stands."""
        return Pos(self.label, 1, col) if self.origin is None else self.origin.shifted(col - 1)

    @property
    def name(self) -> str:
        """How a message names it: ``--set[N]``, or ``file:line:col``."""
        return self.label if self.origin is None else str(self.origin)

    @property
    def lead(self) -> str:
        """What starts a message quoting it: ``--set[N]``, or ``file:line:col:``."""
        return self.label if self.origin is None else f"{self.origin}:"


def apply_sets(
    doc: Document,
    sets: list[str],
    rebalance: bool = False,
    origins: Sequence[Pos | None] = (),
    *,
    offered: bool = True,
) -> Document:
    """A new Document with every ``PATH=VALUE`` of ``sets`` applied in order; a group whose
    weights were set must still add up, else the error names the ``--set`` (with
    ``rebalance``, the siblings are scaled so that it does; not ``offered`` where the
    command has no ``--rebalance``, as ``test``, whose errors then do not suggest it).
    ``origins``, by position in ``sets``, says where an assignment written in a file
    starts (``None``: a ``--set``)."""
    if not sets:
        return doc
    from .rebalance import Changed, settle_weights

    new = replace(
        doc,
        data=copy.deepcopy(doc.data),
        positions=dict(doc.positions),
        key_positions=dict(doc.key_positions),
        styles=dict(doc.styles),
    )
    changed: list[Changed] = []
    for n, assignment in enumerate(sets, start=1):
        origin = origins[n - 1] if n <= len(origins) else None
        _apply(new, assignment, Where(f"--set[{n}]", origin), changed)
    settle_weights(new, changed, rebalance, offered)
    digest = hashlib.sha256(doc.sha256.encode())
    for s in [*sets, *(["--rebalance"] if rebalance else [])]:
        digest.update(b"\0" + s.encode("utf-8"))
    new.sha256 = digest.hexdigest()
    return new


#: the spec's own top-level keys: a first part naming one is never an indicator id
TOP_KEYS = frozenset(
    {"spec", "id", "title", "version", "source", "description", "total", "rounding"}
    | {"grades", "inputs", "methods", "not_applicable", "aggregate", "indicators", "tests"}
    | {"extends", "change", "remove", "add", "effective"}
)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _apply(doc: Document, assignment: str, where: Where, changed: list[Any]) -> None:
    path_text, eq, value_text = assignment.partition("=")
    path_text = path_text.strip()
    if not eq or not path_text:
        raise UsageError(
            _(
                "{label} '{short}': write PATH=VALUE, e.g. indicators.trips.weight=5 or "
                "rounding.mode=half_even"
            ).format(label=where.lead, short=_short(assignment))
        )
    try:
        value_doc = load_text(value_text, where.label)
    except LoadError as e:
        if e.pos is not None and not e.syntax:
            # a readable value that is not acceptable (1e30, .nan): located, like a file's
            raise LoadError(e.message, where.pos(len(path_text) + 1 + e.pos.col)) from None
        raise UsageError(
            _("{label} '{short}': the value is not valid YAML ({message})").format(
                label=where.lead, short=_short(assignment), message=e.message
            )
        ) from None
    if not isinstance(doc.data, dict):
        raise UsageError(
            _("{label}: {file} is not a mapping; nothing to set").format(
                label=where.name, file=doc.file
            )
        )
    parts = path_text.split(".")
    if len(parts) > MAX_DEPTH:
        raise UsageError(
            _("{label}: a path of {n} keys; a spec nests at most {max} deep").format(
                label=where.name, n=len(parts), max=MAX_DEPTH
            )
        )
    given = len(parts)
    parts = _by_id(doc.data, parts, where)
    created: list[tuple[JsonPath, int]] = []
    path = _resolve(doc.data, parts, where.lead, assignment, created)
    # a mapping made on the way is the command line's: it is located there, not in the file
    columns = _columns(path_text.split("."))
    for made, i in created:
        at = where.pos(columns[i - (len(parts) - given)])
        doc.positions[made] = doc.key_positions[made] = at
    parent: Any = doc.data
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if last == "weight" and len(path) >= 3 and isinstance(path[-2], int):
        old = parent.get("weight") if isinstance(parent, dict) else None
        shift = len(path_text) + 1 + (value_doc.pos(()).col - 1)
        changed.append((path[:-1], where.pos(1), where.pos(1 + shift), old))
    value = value_doc.data
    if len(path) == 1 and last in TEXT_KEYS and isinstance(value, Fraction):
        value = value_text.strip()  # version=2022.10 as written, as in a file
    if isinstance(parent, list):
        assert isinstance(last, int)
        parent[last] = value
    else:
        parent[last] = value
    # positions of the new value and everything inside it point into the argument
    shift = len(path_text) + 1
    for old in [p for p in doc.positions if p[: len(path)] == path]:
        del doc.positions[old]
    for sub, pos in value_doc.positions.items():
        doc.positions[(*path, *sub)] = where.pos(pos.col + shift)
    if () not in value_doc.positions:  # nothing after '=': the value is empty, there
        doc.positions[path] = where.pos(shift + 1)
    for sub, pos in value_doc.key_positions.items():
        doc.key_positions[(*path, *sub)] = where.pos(pos.col + shift)
    for sub, style in value_doc.styles.items():
        doc.styles[(*path, *sub)] = style
    doc.key_positions[path] = where.pos(1)


def _by_id(data: dict[str, Any], parts: list[str], where: Where) -> list[str]:
    """``trips.weight`` as ``indicators.trips.weight`` (an indicator by its id
    alone); ``trip.weight`` refused with the id it was most likely meant for."""
    top = parts[0]
    if top in data or top in TOP_KEYS:
        return parts
    ids = _all_ids(data.get("indicators"))
    if top in ids:
        return ["indicators", *parts]
    everyone = _all_names(data.get("indicators"))
    named = [i for i, name in everyone if name == top]
    if len(named) == 1 and len(parts) > 1:  # 外出招商活动次数.weight: by its name, as explain
        return ["indicators", named[0], *parts[1:]]
    if named and len(parts) > 1:
        raise LoadError(
            _("'{top}' names {n} indicators ({ids}); give the id of the one meant").format(
                top=top, n=len(named), ids=_(", ").join(named)
            ),
            where.pos(1),
        )
    if len(parts) == 1:  # a key of its own (title=…): the schema says what may be
        return parts
    hint = did_you_mean(top, [*ids, *(name for _i, name in everyone), *TOP_KEYS])
    if hint:  # an id, a name or a key mistyped, not a new key
        raise LoadError(
            _(
                "no key or indicator '{top}'{hint}; give an indicator id or a key of the spec"
            ).format(top=top, hint=hint),
            where.pos(1),
        )
    raise LoadError(
        _(
            "no key or indicator '{top}' in this spec; give an indicator's id or name "
            "('scorecard show SPEC' lists them), or a key of the spec: {keys}"
        ).format(top=top, keys=_(", ").join(sorted(TOP_KEYS))),
        where.pos(1),
    )


def _columns(parts: list[str]) -> list[int]:
    """The column (1-based) where each dotted part of a path starts."""
    out, col = [], 1
    for part in parts:
        out.append(col)
        col += len(part) + 1
    return out


def _resolve(
    data: dict[str, Any],
    parts: list[str],
    label: str,
    assignment: str,
    created: list[tuple[JsonPath, int]],
) -> JsonPath:
    """Turn dotted parts into a JSON path, creating missing mappings on the way (their
    paths added to ``created``, with the index of the part that named them)."""
    path: list[str | int] = []
    node: Any = data
    i = 0
    while i < len(parts):
        part = parts[i]
        last = i == len(parts) - 1
        if isinstance(node, list):
            if part.isdigit() and int(part) < len(node):
                path.append(int(part))
                node = node[int(part)]
                i += 1
                continue
            grade = _find_grade(node, part)
            if grade is not None:  # grades.优.min: a grade by its label
                path.append(grade)
                node = node[grade]
                i += 1
                continue
            if not any(isinstance(item, dict) and "id" in item for item in node):
                raise _no_entry(node, parts[:i], part, label, assignment)
            found = _find_indicator(node, part)
            if found is None:
                ids = _all_ids(data.get("indicators"))
                raise UsageError(
                    _(
                        "{label} '{short}': no indicator '{part}'{hint}; give an indicator id or "
                        "a list position"
                    ).format(
                        label=label,
                        short=_short(assignment),
                        part=part,
                        hint=did_you_mean(part, ids),
                    )
                )
            path.extend(found)
            node = _get(node, found)
            i += 1
            continue
        if not isinstance(node, dict):
            where = ".".join(parts[:i]) or _("the top")
            raise UsageError(
                _(
                    "{label} '{short}': {where} is a single value, not a mapping; set "
                    "{where} itself"
                ).format(label=label, short=_short(assignment), where=where)
            )
        if part not in node and not last:
            node[part] = {}
            created.append(((*path, part), i))
        path.append(part)
        if last:
            break
        node = node[part]
        i += 1
    return tuple(path)


def _find_grade(items: list[Any], name: str) -> int | None:
    """The position of the grade labelled ``name`` in a list of grades, if it is one."""
    for n, item in enumerate(items):
        if isinstance(item, dict) and "id" not in item and item.get("grade") == name:
            return n
    return None


def _no_entry(items: list[Any], where: list[str], part: str, label: str, text: str) -> UsageError:
    """A list other than indicators (grades, bands) named by what it does not hold."""
    grades = [str(x["grade"]) for x in items if isinstance(x, dict) and "grade" in x]
    named = _(", or a grade: {grades}").format(grades=_(", ").join(grades)) if grades else ""
    return UsageError(
        _(
            "{label} '{short}': {where} has no entry '{part}'; give a position from 0 to "
            "{last}{named}"
        ).format(
            label=label,
            short=_short(text),
            where=".".join(where),
            part=part,
            last=len(items) - 1,
            named=named,
        )
    )


def _find_indicator(items: list[Any], iid: str) -> list[str | int] | None:
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        if item.get("id") == iid:
            return [n]
        kids = item.get("children")
        if isinstance(kids, list):
            sub = _find_indicator(kids, iid)
            if sub is not None:
                return [n, "children", *sub]
    return None


def _get(node: Any, path: list[str | int]) -> Any:
    for key in path:
        node = node[key]
    return node


def _all_names(items: Any) -> list[tuple[str, str]]:
    """Every indicator's id and name, in the spec's order."""
    out: list[tuple[str, str]] = []
    if isinstance(items, list):
        for item in items:
            if isinstance(item, dict):
                if isinstance(item.get("id"), str) and isinstance(item.get("name"), str):
                    out.append((item["id"], item["name"].strip()))
                out.extend(_all_names(item.get("children")))
    return out


def _all_ids(items: Any) -> list[str]:
    out: list[str] = []
    if isinstance(items, list):
        for item in items:
            if isinstance(item, dict):
                if isinstance(item.get("id"), str):
                    out.append(item["id"])
                out.extend(_all_ids(item.get("children")))
    return out
