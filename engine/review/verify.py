"""Verification of a scorecard someone sends: which files to re-score, and where the
scorecard as written differs from the re-score.

A scorecard JSON names its spec and actuals files and their sha256 in its stamp,
and hashes the result itself. Paths are where the files were when it was written:
they are looked for as written, then beside the scorecard; the user may give them
instead. Differences of path only (the stamp's file names, the file part of a
``file:line:col`` position) are not differences.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..base.errors import LoadError, Pos, UsageError
from ..base.i18n import _
from ..spec.load import Document, JsonPath, load_file

#: the result's fields compared per indicator, in the order differences are listed
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
#: the top-level fields compared, with the name a difference is listed under
TOP = ("entity", "period", "total", "full_marks", "grade", "spec", "total_trace")


@dataclass(frozen=True)
class Difference:
    """One field where the scorecard as written and the re-score disagree."""

    #: an indicator id, or ``scorecard`` / ``stamp`` for the scorecard as a whole
    where: str
    field: str
    written: Any
    rescored: Any
    pos: Pos | None

    def __str__(self) -> str:
        head = f"{self.pos}: " if self.pos else ""
        if self.field == "result_sha256":
            return head + _(
                "stamp result_sha256: written {written}, but the result hashes to {rescored}: "
                "it was edited after it was written"
            ).format(written=self.written, rescored=self.rescored)
        return head + _("{where} {field}: written {written}, re-scored {rescored}").format(
            where=self.where,
            field=self.field,
            written=_show(self.written),
            rescored=_show(self.rescored),
        )


@dataclass(frozen=True)
class Card:
    """A scorecard JSON as read: its data and the positions of its keys."""

    data: dict[str, Any]
    doc: Document

    @property
    def stamp(self) -> dict[str, Any]:
        s = self.data.get("stamp")
        return s if isinstance(s, dict) else {}

    def pos(self, path: JsonPath) -> Pos:
        return self.doc.pos(path)


def read_card(path: str) -> Card:
    """Read a scorecard JSON written by ``scorecard score --format json``."""
    from ..spec.load import read_text

    text, _encoding = read_text(path)  # a missing or unreadable file: one line, like every input
    try:
        data = json.loads(text)
    except ValueError as e:  # UnicodeDecodeError included
        line, col = getattr(e, "lineno", 1), getattr(e, "colno", 1)
        raise LoadError(
            _(
                "not JSON ({problem}); give a scorecard written by 'scorecard score --format json'"
            ).format(problem=getattr(e, "msg", e)),
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
    return Card(data, load_file(path))  # the positions of every key


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


def differences(card: Card, rescored: dict[str, Any], result_sha256: str) -> list[Difference]:
    """Every field where ``card`` and ``rescored`` disagree, paths aside: the stamp's
    hashes first, then the total, then indicator by indicator in the spec's order."""
    old = _without_paths(card.data, card.stamp)
    new = _without_paths(rescored, rescored["stamp"])
    out: list[Difference] = []
    stamp = card.stamp
    written_hash = stamp.get("result_sha256")
    if written_hash is not None and written_hash != result_sha256:
        out.append(
            Difference(
                "stamp",
                "result_sha256",
                written_hash,
                result_sha256,
                card.pos(("stamp", "result_sha256")),
            )
        )
    for key in ("spec_sha256", "actuals_sha256", "spec_changes"):
        if stamp.get(key) != rescored["stamp"][key]:
            here = card.pos(("stamp", key)) if key in stamp else card.pos(("stamp",))
            out.append(Difference("stamp", key, stamp.get(key), rescored["stamp"][key], here))
    for key in TOP:
        if old.get(key) != new.get(key):
            at: Pos | None = card.pos((key,)) if key in old else None
            a, b = old.get(key), new.get(key)
            out.append(Difference("scorecard", key, _brief(key, a, b), _brief(key, b, a), at))
    out += _indicators(card, old.get("indicators"), new["indicators"], ("indicators",))
    return out


def _indicators(card: Card, old: Any, new: list[Any], path: JsonPath) -> Iterator[Difference]:
    """Differences in two lists of indicator results, matched by id."""
    written = {
        r.get("id"): (i, r)
        for i, r in enumerate(old if isinstance(old, list) else [])
        if isinstance(r, dict)
    }
    for r in new:
        iid = r["id"]
        if iid not in written:
            yield Difference(iid, "indicator", None, "present", card.pos(path))
            continue
        i, w = written.pop(iid)
        here: JsonPath = (*path, i)
        for key in FIELDS:
            if w.get(key) != r.get(key):
                at = card.pos((*here, key)) if key in w else card.pos(here)
                a, b = w.get(key), r.get(key)
                yield Difference(iid, key, _brief(key, a, b), _brief(key, b, a), at)
        yield from _indicators(card, w.get("children"), r["children"], (*here, "children"))
    for iid, (i, _written) in written.items():
        yield Difference(str(iid), "indicator", "present", None, card.pos((*path, i)))


def _brief(key: str, value: Any, other: Any) -> Any:
    """A derivation is listed by its first step that differs from ``other``'s."""
    if key not in ("trace", "total_trace") or not isinstance(value, list):
        return value
    others = other if isinstance(other, list) else []
    for i, step in enumerate(value):
        if i >= len(others) or step != others[i]:
            lines = step.get("lines") if isinstance(step, dict) else None
            shown = " ".join(str(x) for x in lines) if isinstance(lines, list) else step
            return _("step {n} {shown}").format(n=i + 1, shown=shown)
    return _("{count} step(s)").format(count=len(value))


def _without_paths(data: Any, stamp: dict[str, Any]) -> Any:
    """``data`` with the stamp's file names taken out of every position string."""
    marks = {str(stamp.get("spec_file")): "<spec>", str(stamp.get("actuals_file")): "<actuals>"}

    def strip(x: Any) -> Any:
        if isinstance(x, dict):
            return {k: strip(v) for k, v in x.items() if k != "stamp"}
        if isinstance(x, list):
            return [strip(v) for v in x]
        if isinstance(x, str):
            for f, mark in marks.items():
                if x.startswith(f + ":"):
                    return mark + x[len(f) :]
        return x

    return strip(data)


def _show(x: Any) -> str:
    if x is None:
        return _("nothing")
    if isinstance(x, str):
        return x or '""'
    return json.dumps(x, ensure_ascii=False, sort_keys=True)
