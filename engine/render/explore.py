"""What the explorer shows, as plain data: the indicator rows with their flags,
search and jumps over them, and the source lines around a rule and a value.

No Textual here (:mod:`engine.render.explorer` draws it), so all of it is tested
without a terminal.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from ..base.errors import Pos
from ..base.i18n import N_, _
from ..base.records import record
from ..scoring.model import Actuals
from ..scoring.result import Result, Scorecard
from .safe_text import Text

if TYPE_CHECKING:
    from ..review.claims import EntityReview

#: the flags an indicator may carry, in the order shown, with their letters
FLAGS = {
    "override": "O",
    "not_applicable": "NA",
    "missing": "M",
    "capped": "C",
    "deviating": "D",
    "over_claimed": "X",  # a letter of its own: "OC" would read as O and C
}

#: each flag's name, as the catalogue holds it (:func:`flag_name`)
FLAG_NAMES = {
    "override": N_("override"),
    "not_applicable": N_("not applicable"),
    "missing": N_("missing"),
    "capped": N_("capped"),
    "deviating": N_("deviating"),
    "over_claimed": N_("over-claimed"),
}


def flag_name(flag: str) -> str:
    """A flag's name in the language of the moment."""
    return _(FLAG_NAMES[flag])


def flags_of(r: Result, over: Collection[str] = ()) -> tuple[str, ...]:
    """The flags of an indicator. ``deviating``: a leaf scored by its rule below
    its full marks (the target missed, where a 偏差原因 is due); ``over_claimed``:
    the entity claimed more than the score (its id in ``over``: :func:`over_claimed`)."""
    out = []
    if r.status in FLAGS:
        out.append(r.status)
    if r.capped:
        out.append("capped")
    if (
        not r.indicator.is_group
        and r.status == "scored"
        and r.score is not None
        and r.score < r.full
    ):
        out.append("deviating")
    if r.id in over:
        out.append("over_claimed")
    return tuple(out)


def claims_review(sc: Scorecard, actuals: Actuals) -> EntityReview | None:
    """The entity's claimed scores against the rules' (as ``review`` has them, with
    no tolerance); None when the actuals claim nothing."""
    from ..review.claims import claims_of, review

    claims = claims_of(actuals)
    if not claims.scores and claims.total is None:
        return None
    return review(sc, claims, Fraction(0), "")


def over_claimed(reviewed: EntityReview | None) -> frozenset[str] | None:
    """The ids the entity claimed more points for than the rules give; None when
    it claims nothing."""
    if reviewed is None:
        return None
    return frozenset(line.id for line in reviewed.lines if line.verdict == "over")


@record(frozen=True)
class Row:
    """One indicator in the tree: its result, depth and flags."""

    result: Result
    depth: int
    flags: tuple[str, ...]

    @property
    def letters(self) -> str:
        return " ".join(FLAGS[f] for f in self.flags)


def rows(sc: Scorecard, over: Collection[str] = ()) -> list[Row]:
    """Every indicator, parents before children, in the spec's order; ``over``: the
    ids over-claimed."""

    def walk(r: Result, depth: int) -> Iterable[Row]:
        yield Row(r, depth, flags_of(r, over))
        for c in r.children:
            yield from walk(c, depth + 1)

    return [row for top in sc.results for row in walk(top, 0)]


def matches(found: Sequence[Row], query: str) -> list[int]:
    """Indexes of the rows whose id or name contains ``query`` (any case)."""
    q = query.strip().casefold()
    if not q:
        return []
    return [
        i
        for i, row in enumerate(found)
        if q in row.result.id.casefold() or q in row.result.indicator.name.casefold()
    ]


def flagged(found: Sequence[Row], flag: str) -> list[int]:
    return [i for i, row in enumerate(found) if flag in row.flags]


def step(indexes: Sequence[int], current: int, forward: bool = True) -> int | None:
    """The next index after ``current`` (or before it), wrapping around."""
    if not indexes:
        return None
    if forward:
        return next((i for i in indexes if i > current), indexes[0])
    return next((i for i in reversed(indexes) if i < current), indexes[-1])


def rule_pos(r: Result) -> Pos:
    """Where the rule that gave the score is written: its method's (or
    aggregation's) step, else the indicator itself."""
    kinds = ("formula", "band", "grade", "aggregate")
    for s in r.steps:
        if s.kind in kinds and s.pos is not None and s.pos.file == r.indicator.pos.file:
            return s.pos
    return r.indicator.pos


@record
class Sources:
    """The text of the files that positions point into, read once each."""

    cache: dict[str, list[str] | None] = field(default_factory=dict)

    def lines(self, file: str) -> list[str] | None:
        if file not in self.cache:
            try:
                text = Path(file).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                self.cache[file] = None
            else:
                self.cache[file] = text.splitlines()
        return self.cache[file]

    def around(self, pos: Pos, before: int = 4, after: int = 8) -> Text:
        """The lines around ``pos``, numbered, its own line marked with ``▶`` (and
        reversed where there is colour)."""
        lines = self.lines(pos.file)
        out = Text()
        out.append(f"{pos}\n", style="dim")
        if lines is None:
            out.append(_("(the file cannot be read)") + "\n", style="dim")
            return out
        first = max(1, pos.line - before)
        last = min(len(lines), pos.line + after)
        width = len(str(last))
        for n in range(first, last + 1):
            mark = "▶" if n == pos.line else " "
            out.append(f"{mark}{n:>{width}} ", style="bold" if n == pos.line else "dim")
            out.append(lines[n - 1] + "\n", style="reverse" if n == pos.line else "")
        return out


def actual_positions(r: Result, positions: Mapping[tuple[str, str], Pos]) -> list[Pos]:
    """Where the actuals gave this indicator's value: its value, override or
    not-applicable entry, or the inputs its derivation reads."""
    out = [
        p
        for section in ("values", "overrides", "not_applicable")
        if (p := positions.get((section, r.id))) is not None
    ]
    derive = r.indicator.derive
    if derive is not None:
        for (section, key), p in sorted(positions.items(), key=lambda kv: kv[1]):
            if section == "inputs" and key in derive.names:
                out.append(p)
    return out
