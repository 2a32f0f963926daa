"""Verification of a scorecard someone sends: which files to re-score, and where the
scorecard as written differs from the re-score.

A scorecard JSON names its spec and actuals files and their sha256 in its stamp,
and hashes the result itself. Paths are where the files were when it was written:
they are looked for as written, then beside the scorecard; the user may give them
instead. Differences of path only (the stamp's file names, the file part of a
``file:line:col`` position) are not differences.

Every field the re-score writes is compared with the one written, exactly (a
number written where the re-score writes text differs, even when both read
``88.59``); a field or an indicator the re-score does not write, or an indicator
written twice, is a difference too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..base.errors import ErrorList, LoadError, Pos, ScorecardError, UsageError
from ..base.i18n import N_, _, language
from ..base.records import record
from ..base.text import visible
from ..spec.load import Document, JsonPath, load_file

#: an indicator's fields listed first, in this order; then the rest in the order written
FIELDS = (
    "status",
    "score",
    "rule_score",
    "effective_weight",
    "full_marks",
    "actual",
    "capped",
    "band",
    "reason",
    "note",
    "weight",
    "target",
    "target_label",
    "method",
    "trace",
)
#: the top-level fields listed first, in this order; then the rest in the order written
TOP = ("entity", "period", "total", "full_marks", "grade", "spec", "total_trace")
#: the fields shown by the first step that differs
TRACES = ("trace", "total_trace")
#: the stamp's fields that are not compared: paths, and what is said apart
STAMP_APART = ("spec_file", "actuals_file", "engine_version", "result_sha256")
#: a written value longer than this is shown around its first difference
LONG = 120


#: words for a scorecard's fields, shown before the JSON key outside English
FIELD_WORDS = {
    "entity": N_("Entity"),
    "period": N_("Period"),
    "total": N_("Total"),
    "full_marks": N_("Full marks"),
    "grade": N_("Grade"),
    "rules_total": N_("total by the rules"),
    "total_trace": N_("derivation of the total"),
    "published": N_("published scores"),
    "scores": N_("published scores"),
    "difference": N_("difference"),
    "status": N_("Status"),
    "score": N_("Score"),
    "rule_score": N_("Rule score"),
    "effective_weight": N_("Effective weight"),
    "weight": N_("Weight"),
    "actual": N_("Actual"),
    "target": N_("Target"),
    "capped": N_("Capped"),
    "note": N_("Note"),
    "trace": N_("derivation"),
    "spec_sha256": N_("the spec's SHA-256"),
    "actuals_sha256": N_("the actuals' SHA-256"),
    "spec_changes": N_("--set changes"),
    "indicators": N_("indicators"),
    "children": N_("indicators"),
}
#: the parts of a scorecard that are not an indicator, by the name a difference gives them
PART_WORDS = {"scorecard": N_("the scorecard"), "stamp": N_("the stamp")}


def field_shown(field: str) -> str:
    """A field of a scorecard as a difference names it: its JSON key (``total``,
    ``published.scores[2].difference``), after the word for its last part
    outside English (``总分（total）``)."""
    last = field.rsplit(".", 1)[-1].split("[", 1)[0]
    if language() == "en" or last not in FIELD_WORDS:
        return field
    return _("{word} ({key})").format(word=_(FIELD_WORDS[last]), key=field)


def part_shown(where: str) -> str:
    """Where a difference is: an indicator's id, or the scorecard or its stamp
    (in words outside English)."""
    if language() == "en" or where not in PART_WORDS:
        return where
    return _(PART_WORDS[where])


class Absent:
    """A key the written scorecard (or the re-score) does not have."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT = Absent()


@record(frozen=True)
class Difference:
    """One field where the scorecard as written and the re-score disagree."""

    #: an indicator id, or ``scorecard`` / ``stamp`` for the scorecard as a whole
    where: str
    field: str
    written: Any
    rescored: Any
    pos: Pos | None
    #: ``value``, ``hash`` (result_sha256 differs), ``unhashed`` (no result_sha256),
    #: ``duplicate`` (``written`` is where the first copy is), ``order`` or ``brief``
    #: (two texts already shown: a derivation's first step that differs)
    kind: str = "value"

    def __str__(self) -> str:
        head = f"{self.pos}: " if self.pos else ""
        return visible(head + self._said())

    def _said(self) -> str:
        if self.kind == "hash":
            return _(
                "stamp result_sha256: written {written}, but the result hashes to {rescored}: "
                "it was edited after it was written"
            ).format(written=_show(self.written), rescored=self.rescored)
        if self.kind == "unhashed":
            return _(
                "stamp result_sha256: missing, but 'scorecard score' always writes it: "
                "the stamp was edited after it was written"
            )
        if self.kind == "duplicate":
            return _(
                "{where} indicator: written again (first at line {line}); a scorecard "
                "lists each indicator once"
            ).format(where=part_shown(self.where), line=self.written.line)
        if self.field == "indicator" and self.kind == "value":  # one side lacks it
            if self.written is None:
                return _(
                    "indicator {where}: the re-score has it, the scorecard as written does not"
                ).format(where=part_shown(self.where))
            return _(
                "indicator {where}: the scorecard as written has it, the re-score does not"
            ).format(where=part_shown(self.where))
        if self.kind == "order":
            return _(
                "{where} {field}: written in the order {written}, re-scored {rescored}"
            ).format(
                where=part_shown(self.where),
                field=field_shown(self.field),
                written=", ".join(self.written),
                rescored=", ".join(self.rescored),
            )
        return self._values()

    def _values(self) -> str:
        a, b = self.written, self.rescored
        if a is ABSENT:
            return _("{where} {field}: missing; re-scored {rescored}").format(
                where=part_shown(self.where), field=field_shown(self.field), rescored=_show(b)
            )
        if b is ABSENT:
            return _("{where} {field}: written {written}, but a re-score has no such field").format(
                where=part_shown(self.where), field=field_shown(self.field), written=_show(a)
            )
        if self.kind == "value" and None not in (a, b) and _type(a) != _type(b):
            return _(
                "{where} {field}: written {written} ({kind}), re-scored {rescored} ({other}); "
                "a scorecard writes it as {other}"
            ).format(
                where=part_shown(self.where),
                field=field_shown(self.field),
                written=_json(a),
                kind=_kind(a),
                rescored=_json(b),
                other=_kind(b),
            )
        shown = (a, b) if self.kind == "brief" else _pair(a, b)
        return _("{where} {field}: written {written}, re-scored {rescored}").format(
            where=part_shown(self.where),
            field=field_shown(self.field),
            written=shown[0],
            rescored=shown[1],
        )


@record(frozen=True)
class Card:
    """A scorecard JSON as read: its data (as the hash reads it, and with exact
    numbers for the comparison) and the positions of its keys."""

    data: dict[str, Any]
    exact: dict[str, Any]
    doc: Document

    @property
    def stamp(self) -> dict[str, Any]:
        s = self.data.get("stamp")
        return s if isinstance(s, dict) else {}

    def pos(self, path: JsonPath) -> Pos:
        return self.doc.pos(path)


def read_card(path: str) -> Card:
    """Read a scorecard JSON written by ``scorecard score --format json``; what
    the comparison cannot walk (an indicator's id that is not text, the stamp's
    changes that are not a list of texts) is refused, located."""
    from ..spec.load import read_text

    text, _encoding = read_text(path)  # a missing or unreadable file: one line, like every input
    try:
        data = json.loads(text)
        exact = json.loads(text, parse_float=Decimal)
    except RecursionError:  # nested deeper than json can read: the loader says where
        load_file(path)
        raise  # pragma: no cover - the loader refuses what json cannot nest
    except ValueError as e:  # UnicodeDecodeError included
        line, col = getattr(e, "lineno", 1), getattr(e, "colno", 1)
        raise LoadError(
            _(
                "not JSON ({problem}); give a scorecard written by 'scorecard score --format json'"
            ).format(problem=_json_problem(getattr(e, "msg", str(e)))),
            Pos(path, line, col),
        ) from None
    stamp = data.get("stamp") if isinstance(data, dict) else None
    needed = ("spec_file", "spec_sha256", "actuals_file", "actuals_sha256")
    if not isinstance(stamp, dict) or not all(isinstance(stamp.get(k), str) for k in needed):
        raise LoadError(
            _(
                "not a scorecard: no stamp naming the spec and actuals files and their "
                "sha256; give a scorecard written by 'scorecard score --format json'"
            ),
            Pos(path, 1, 1),
        )
    card = Card(data, exact, load_file(path))  # the positions of every key
    wrong = [
        *_changes_shape(card),
        *_pick_shape(card),
        *_results_shape(card, exact.get("indicators", []), ()),
    ]
    if wrong:
        raise ErrorList(wrong)
    return card


def _changes_shape(card: Card) -> Iterator[LoadError]:
    """The stamp's ``spec_changes``, when written, must be a list of texts."""
    changes = card.stamp.get("spec_changes", [])
    at: JsonPath = ("stamp", "spec_changes")
    if not isinstance(changes, list):
        yield _shape(
            _("stamp spec_changes must be a list of texts (the --set changes)"),
            changes,
            card.pos(at),
        )
        return
    for i, change in enumerate(changes):
        if not isinstance(change, str):
            yield _shape(
                _("stamp spec_changes must be a list of texts (the --set changes)"),
                change,
                card.pos((*at, i)),
            )


#: what each key of the stamp's ``actuals_pick`` holds, as ``score`` writes it
_PICKED = {
    "row": N_("stamp actuals_pick row must be a row number from 2"),
    "entity": N_("stamp actuals_pick entity must be text"),
    "sheet": N_("stamp actuals_pick sheet must be text"),
    "encoding": N_("stamp actuals_pick encoding must be text"),
    "na": N_("stamp actuals_pick na must be a list of texts (the N/A marks)"),
}


def _pick_shape(card: Card) -> Iterator[LoadError]:
    """The stamp's ``actuals_pick``, when written: the row of a table, as
    ``score --row``/``--entity`` wrote it."""
    pick = card.stamp.get("actuals_pick")
    at: JsonPath = ("stamp", "actuals_pick")
    if pick is None:
        return
    if not isinstance(pick, dict) or not pick.keys() <= _PICKED.keys():
        yield _shape(
            _("stamp actuals_pick must be a mapping of row or entity, sheet, na and encoding"),
            pick,
            card.pos(at),
        )
        return
    for key, value in pick.items():
        fits = (
            isinstance(value, int) and not isinstance(value, bool) and value >= 2
            if key == "row"
            else isinstance(value, list) and all(isinstance(v, str) for v in value)
            if key == "na"
            else isinstance(value, str)
        )
        if not fits:
            yield _shape(_(_PICKED[key]), value, card.pos((*at, key)))


def _results_shape(card: Card, results: Any, path: JsonPath) -> Iterator[LoadError]:
    """Indicator results must be a list of mappings, each with a text id."""
    at: JsonPath = (*path, "children") if path else ("indicators",)
    if not isinstance(results, list):
        yield _shape(
            _("'{key}' must be a list of indicators").format(key=at[-1]), results, card.pos(at)
        )
        return
    for i, r in enumerate(results):
        if not isinstance(r, dict):
            yield _shape(_("an indicator must be a mapping"), r, card.pos((*at, i)))
            continue
        if not isinstance(r.get("id"), str):
            yield _shape(_("an indicator's id must be text"), r.get("id"), card.pos((*at, i, "id")))
        yield from _results_shape(card, r.get("children", []), (*at, i))


def _shape(what: str, value: Any, pos: Pos) -> LoadError:
    """A located refusal of a scorecard's shape: what is wrong; what was written; what to give."""
    return LoadError(
        _(
            "{what}, not {value}; give the scorecard as 'scorecard score --format json' wrote it"
        ).format(what=what, value=_described(value)),
        pos,
    )


def _described(value: Any) -> str:
    """``value`` as a message names it (the text '…', a list of 2, the number 5, …)."""
    from ..spec.schema import describe

    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return _("the number {value}").format(value=value)  # as written, however large
    return describe(value)


def sources(card: Card, spec: str | None, actuals: str | None) -> tuple[str, str]:
    """The spec and actuals files to re-score from: those given, else those the stamp
    names (as written, then beside the scorecard)."""
    if (spec is None) != (actuals is None):
        raise UsageError(_("give both SPEC and ACTUALS, or neither to use those the stamp names"))
    if spec is not None and actuals is not None:
        return spec, actuals
    return _found(card, "spec_file"), _found(card, "actuals_file")


def _found(card: Card, key: str) -> str:
    written = str(card.stamp[key])
    beside = Path(card.doc.file).parent / Path(written).name
    for candidate in (Path(written), beside):
        if candidate.is_file():
            return str(candidate)
    message = (
        _(
            "{pos}: the spec file '{file}' named by the stamp is neither there nor beside the "
            "scorecard; give SPEC and ACTUALS after the scorecard"
        )
        if key == "spec_file"
        else _(
            "{pos}: the actuals file '{file}' named by the stamp is neither there nor beside "
            "the scorecard; give SPEC and ACTUALS after the scorecard"
        )
    )
    raise UsageError(message.format(pos=card.pos(("stamp", key)), file=written))


def changes(card: Card) -> tuple[list[str], bool]:
    """The stamp's ``--set`` changes to apply again, and whether ``score`` was given
    ``--rebalance`` (written as the last change)."""
    written = [str(x) for x in card.stamp.get("spec_changes", [])]
    if len(written) > 1 and written[-1] == "--rebalance":
        return written[:-1], True
    return written, False


def relocated(err: ScorecardError, card: Card) -> ScorecardError:
    """``err`` of a ``--set`` the stamp names, located in the scorecard instead of on
    the command line (the changes were not given there); other errors as they are."""
    if isinstance(err, ErrorList):
        return ErrorList(relocated(e, card) for e in err.errors)
    label = _set_label(err)
    if label is None:
        return err
    n = int(label[len("--set[") : -1])
    written = card.stamp.get("spec_changes", [])
    if not 0 < n <= len(written):  # pragma: no cover - every --set is one of the stamp's
        return err
    change = str(written[n - 1])
    problem = _without_label(err.message, label)
    pos = card.pos(("stamp", "spec_changes", n - 1))
    if err.pos is not None and json.dumps(change, ensure_ascii=False)[1:-1] == change:
        pos = card.doc.text_pos(("stamp", "spec_changes", n - 1), err.pos.col - 1)
    return LoadError(
        _("the stamp's change '{change}' cannot be applied again: {problem}").format(
            change=change, problem=problem
        ),
        pos,
    )


def _without_label(message: str, label: str) -> str:
    """``message`` without its head naming the ``--set`` (``--set[1] 'x': `` or
    ``--set[1]: ``): the relocated message names the change itself."""
    quoted, colon = f"{label} '", f"{label}: "
    if message.startswith(quoted) and "': " in message:
        return message.split("': ", 1)[1]
    return message.removeprefix(colon)


def _set_label(err: ScorecardError) -> str | None:
    """``--set[N]`` when ``err`` is about the N-th ``--set``, else None."""
    if err.pos is not None and err.pos.file.startswith("--set["):
        return err.pos.file
    head = err.message.split(" ", 1)[0].rstrip(":")
    if err.pos is None and head.startswith("--set[") and head.endswith("]"):
        return head
    return None


def differences(card: Card, rescored: dict[str, Any], result_sha256: str) -> list[Difference]:
    """Every field where ``card`` and ``rescored`` disagree, paths aside: the stamp
    first, then the scorecard's own fields, then indicator by indicator in the
    spec's order."""
    old = _without_paths(card.exact, card.stamp)
    new = _without_paths(rescored, rescored["stamp"])
    out = list(_stamp(card, rescored["stamp"], result_sha256))
    skip = ("stamp", "indicators")
    out += _fields(card, "scorecard", old, new, (), TOP, skip)
    out += _indicators(card, old.get("indicators", []), new["indicators"], ("indicators",))
    return out


def _stamp(card: Card, rescored: dict[str, Any], result_sha256: str) -> Iterator[Difference]:
    """The stamp's differences: its hash of the result, then each field but the paths."""
    stamp = card.exact["stamp"]
    if "result_sha256" not in stamp:
        yield Difference("stamp", "result_sha256", None, None, card.pos(("stamp",)), "unhashed")
    elif stamp["result_sha256"] != result_sha256:
        at = card.pos(("stamp", "result_sha256"))
        yield Difference(
            "stamp", "result_sha256", stamp["result_sha256"], result_sha256, at, "hash"
        )
    old = {k: v for k, v in stamp.items() if k not in STAMP_APART}
    new = {k: v for k, v in rescored.items() if k not in STAMP_APART}
    for side in (old, new):
        if "spec_sources" in side:
            side["spec_sources"] = _hashes(side["spec_sources"])
    yield from _fields(card, "stamp", old, new, ("stamp",), ("spec_sha256", "actuals_sha256"), ())


def _hashes(sources: Any) -> Any:
    """A composed spec's files without their paths: their sha256, in order."""
    if isinstance(sources, list) and all(isinstance(s, dict) for s in sources):
        return [{k: v for k, v in s.items() if k != "file"} for s in sources]
    return sources


def _fields(
    card: Card,
    where: str,
    old: dict[str, Any],
    new: dict[str, Any],
    path: JsonPath,
    first: tuple[str, ...],
    skip: tuple[str, ...],
) -> Iterator[Difference]:
    """The differences of every field of ``old`` and ``new`` but ``skip``: those in
    ``first`` first, then the re-score's others, then those it does not write."""
    keys = [k for k in first if k in new] + [k for k in new if k not in first]
    keys += [k for k in old if k not in new]
    for key in keys:
        if key not in skip:
            yield from _field(
                card, where, key, old.get(key, ABSENT), new.get(key, ABSENT), (*path, key)
            )


def _field(
    card: Card, where: str, name: str, a: Any, b: Any, path: JsonPath
) -> Iterator[Difference]:
    """The differences of one field: a derivation by its first step that differs; a
    mapping key by key; a list of the same length entry by entry; else the value."""
    if _same(a, b):
        return
    at = card.pos(path)
    if path[-1] in TRACES and isinstance(a, list) and isinstance(b, list):
        yield Difference(where, name, *_briefs(a, b), at, "brief")
    elif isinstance(a, dict) and isinstance(b, dict):
        for key in [*b, *(k for k in a if k not in b)]:
            sub = (*path, key)
            yield from _field(
                card, where, f"{name}.{key}", a.get(key, ABSENT), b.get(key, ABSENT), sub
            )
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b) and a:
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from _field(card, where, f"{name}[{i + 1}]", x, y, (*path, i))
    else:
        yield Difference(where, name, a, b, at)


def _indicators(
    card: Card, old: list[Any], new: list[Any], path: JsonPath, parent: str = "scorecard"
) -> Iterator[Difference]:
    """Differences in two lists of indicator results, matched by id: every copy of
    each re-scored indicator written, in the spec's order; then those written that
    the re-score does not have; then the order, when the ids agree but it does not."""
    copies: dict[str, list[int]] = {}
    for i, w in enumerate(old):
        copies.setdefault(w["id"], []).append(i)
    for r in new:
        iid = r["id"]
        if iid not in copies:
            yield Difference(iid, "indicator", None, "present", card.pos(path))
        for n, i in enumerate(copies.get(iid, [])):
            here: JsonPath = (*path, i)
            if n:
                first = card.pos((*path, copies[iid][0]))
                yield Difference(iid, "indicator", first, None, card.pos(here), "duplicate")
            yield from _fields(card, iid, old[i], r, here, FIELDS, ("id", "children"))
            children = old[i].get("children", [])
            yield from _indicators(card, children, r["children"], (*here, "children"), iid)
    made = {r["id"] for r in new}
    for iid, places in copies.items():
        if iid not in made:
            for i in places:
                yield Difference(iid, "indicator", "present", None, card.pos((*path, i)))
    yield from _order(card, parent, list(copies), [r["id"] for r in new], path)


def _order(
    card: Card, where: str, written: list[str], rescored: list[str], path: JsonPath
) -> Iterator[Difference]:
    """The indicators both have, when written in another order than the re-score's."""
    both = set(written) & set(rescored)
    a = [x for x in written if x in both]
    b = [x for x in rescored if x in both]
    if a != b:
        yield Difference(where, str(path[-1]), a, b, card.pos(path), "order")


def _briefs(a: list[Any], b: list[Any]) -> tuple[str, str]:
    """Two derivations shown by their first step that differs: its lines, or (when
    the lines read alike) the part of the step that differs."""
    i = next(i for i in range(max(len(a), len(b))) if not _same(_nth(a, i), _nth(b, i)))
    x, y = _nth(a, i), _nth(b, i)
    shown = _lines(x), _lines(y, rescored=True)
    if isinstance(x, dict) and isinstance(y, dict) and shown[0] == shown[1]:
        name, p, q = _narrow(x, y, "")
        pair = _pair(p, q, typed=True)
        shown = f"{name} {pair[0]}", f"{name} {pair[1]}"
    return (
        _("step {n} {shown}").format(n=i + 1, shown=shown[0]),
        _("step {n} {shown}").format(n=i + 1, shown=shown[1]),
    )


def _nth(steps: list[Any], i: int) -> Any:
    return steps[i] if i < len(steps) else ABSENT


def _lines(step: Any, rescored: bool = False) -> str:
    """A step as its reduction lines; one without lines by its label (or as written). A
    value the re-score found missing is said so: verify scores it 0 by design, and its
    label would name a ``--missing zero`` the user never gave."""
    if step is ABSENT:
        return _("nothing")
    if rescored and isinstance(step, dict) and step.get("kind") == "missing":
        return _("missing value scored 0 (no value in the actuals)")
    lines = step.get("lines") if isinstance(step, dict) else None
    if isinstance(lines, list) and lines:
        return " ".join(str(x) for x in lines)
    if isinstance(step, dict) and isinstance(step.get("label"), str) and step["label"]:
        return str(step["label"])
    return _show(step)


def _narrow(a: Any, b: Any, name: str) -> tuple[str, Any, Any]:
    """The first part where ``a`` and ``b`` differ: its name and the two values."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in [*b, *(k for k in a if k not in b)]:
            x, y = a.get(key, ABSENT), b.get(key, ABSENT)
            if not _same(x, y):
                return _narrow(x, y, f"{name}.{key}" if name else str(key))
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if not _same(x, y):
                return _narrow(x, y, f"{name}[{i + 1}]")
    return name, a, b


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same JSON type all the way down (``1`` is not ``true``, nor
    ``"1"``)."""
    if _type(a) != _type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _without_paths(data: dict[str, Any], stamp: dict[str, Any]) -> dict[str, Any]:
    """``data`` without its stamp, with the stamp's file names (the spec's, the
    actuals', a composed spec's sources) taken out of every position string."""
    marks = {}
    sources = stamp.get("spec_sources")
    for i, source in enumerate(sources if isinstance(sources, list) else []):
        if isinstance(source, dict) and isinstance(source.get("file"), str):
            marks[source["file"]] = f"<source {i + 1}>"
    marks[str(stamp.get("spec_file"))] = "<spec>"
    marks[str(stamp.get("actuals_file"))] = "<actuals>"

    def strip(x: Any) -> Any:
        if isinstance(x, dict):
            return {k: strip(v) for k, v in x.items()}
        if isinstance(x, list):
            return [strip(v) for v in x]
        if isinstance(x, str):
            for f, mark in marks.items():
                if f and x.startswith(f + ":"):
                    return mark + x[len(f) :]
        return x

    return {k: strip(v) for k, v in data.items() if k != "stamp"}


def _type(x: Any) -> str:
    """The JSON type of ``x``: boolean, number, string, array, object or null."""
    if isinstance(x, bool):
        return "boolean"
    if isinstance(x, int | float | Decimal):
        return "number"
    if isinstance(x, str):
        return "string"
    if isinstance(x, list):
        return "array"
    if isinstance(x, dict):
        return "object"
    return "null"


def _kind(x: Any) -> str:
    """The JSON type of ``x``, in words."""
    words = {
        "boolean": _("true or false"),
        "number": _("a number"),
        "string": _("text"),
        "array": _("a list"),
        "object": _("a mapping"),
    }
    return words.get(_type(x), _("nothing"))


def _pair(a: Any, b: Any, typed: bool = False) -> tuple[str, str]:
    """Two differing values shown so that they read differently: as written; else
    as JSON (quoted, with its escapes); else around their first difference. With
    ``typed``, as JSON, and values of two JSON types with their types."""
    if typed and None not in (a, b) and ABSENT not in (a, b) and _type(a) != _type(b):
        return f"{_json(a)} ({_kind(a)})", f"{_json(b)} ({_kind(b)})"
    shown = (_json(a), _json(b)) if typed else (_show(a), _show(b))
    if shown[0] == shown[1]:
        shown = _json(a, ascii=True), _json(b, ascii=True)
    if max(len(shown[0]), len(shown[1])) > LONG:
        shown = _around(*shown)
    return shown


def _around(a: str, b: str) -> tuple[str, str]:
    """Two long texts cut to the part around their first difference."""
    k = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    start = max(0, k - LONG // 4)

    def cut(s: str) -> str:
        end = start + LONG
        return ("…" if start else "") + s[start:end] + ("…" if end < len(s) else "")

    return cut(a), cut(b)


def _json(x: Any, ascii: bool = False) -> str:
    """``x`` as JSON, its numbers as written (exactly)."""
    if x is ABSENT:
        return _("nothing")
    if isinstance(x, dict):
        inner = (f"{_json(str(k), ascii)}: {_json(v, ascii)}" for k, v in sorted(x.items()))
        return "{" + ", ".join(inner) + "}"
    if isinstance(x, list):
        return "[" + ", ".join(_json(v, ascii) for v in x) + "]"
    if isinstance(x, Decimal):
        return str(x)
    return json.dumps(x, ensure_ascii=ascii)


def _show(x: Any) -> str:
    """``x`` as a difference shows it: text as it is, anything else as JSON."""
    if x is None or x is ABSENT:
        return _("nothing")
    if isinstance(x, str):
        return x or '""'
    return _json(x)


#: the json module's usual problems, said in the interface language
JSON_PROBLEMS = (
    N_("Expecting value"),
    N_("Extra data"),
    N_("Expecting property name enclosed in double quotes"),
    N_("Expecting ',' delimiter"),
    N_("Expecting ':' delimiter"),
    N_("Unterminated string starting at"),
    N_("Invalid control character at"),
    N_("Invalid \\escape"),
)


def _json_problem(text: str) -> str:
    return _(text) if text in JSON_PROBLEMS else text
