"""Compare two specs (or a spec and its ``--set`` variant) on the same actuals:
both totals and grades, per-indicator deltas, and what differs in the rules."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..base.i18n import Listing, msg
from ..base.numbers import format_value
from ..base.records import record
from ..scoring.not_applicable import on_spec_scale
from ..scoring.result import Scorecard
from ..spec.methods import BandsMethod, FormulaMethod, GradesMethod, Method
from ..spec.model import Aggregation, Indicator, Spec


@record(frozen=True)
class RuleChange:
    """One field of a rule that differs between spec A and spec B."""

    field: str
    a: str
    b: str


@record(frozen=True)
class Delta:
    """One indicator whose score or rule differs between A and B."""

    id: str
    name: str
    a: Fraction | None
    b: Fraction | None
    changes: tuple[RuleChange, ...]

    @property
    def delta(self) -> Fraction:
        return (self.b or Fraction(0)) - (self.a or Fraction(0))


@record(frozen=True)
class Comparison:
    """One entity scored under two specs, and what differs."""

    a: Scorecard
    b: Scorecard
    #: changed indicators, the largest score change first
    deltas: tuple[Delta, ...]
    #: differences of the specs as a whole (total, rounding, grades, ...)
    spec_changes: tuple[RuleChange, ...]

    @property
    def total_delta(self) -> Fraction:
        return self.b.total - self.a.total


def describe_method(method: Method | None) -> str:
    if method is None:
        return ""
    if isinstance(method, FormulaMethod):
        if method.params:  # a designer's method: its params are part of the rule
            given = ", ".join(f"{k}={format_value(v)}" for k, v in sorted(method.params.items()))
            return msg("{formula} with {params}", formula=method.formula.text, params=given)
        return method.formula.text
    if isinstance(method, BandsMethod):
        return Listing(
            [
                msg(
                    "{condition} → {gives}",
                    condition=b.condition(),
                    gives=format_value(b.points)
                    if b.points is not None
                    else msg(
                        "{fraction} of the weight", fraction=format_value(b.fraction or Fraction(0))
                    ),
                )
                for b in method.bands
            ],
            "; ",
        )
    if isinstance(method, GradesMethod):
        return ", ".join(
            f"{label} {format_value(lo)}"
            if lo == hi
            else f"{label} [{format_value(lo)}, {format_value(hi)}]"
            for label, (lo, hi) in method.grades.items()
        )
    return method.name  # pragma: no cover - every method kind is listed above


def rule_changes(a: Indicator | None, b: Indicator | None) -> tuple[RuleChange, ...]:
    if a is None or b is None:
        return (
            RuleChange(
                "indicator",
                msg("absent") if a is None else msg("present"),
                msg("absent") if b is None else msg("present"),
            ),
        )
    fields: list[tuple[str, str, str]] = [
        ("name", a.name, b.name),
        ("weight", format_value(a.weight), format_value(b.weight)),
        ("target", _opt(a.target) or a.target_label, _opt(b.target) or b.target_label),
        ("direction", a.direction or "", b.direction or ""),
        ("unit", a.unit, b.unit),
        ("actual", a.derive.text if a.derive else "", b.derive.text if b.derive else ""),
        ("method", a.method.name if a.method else "", b.method.name if b.method else ""),
        ("rule", describe_method(a.method), describe_method(b.method)),
        ("aggregate", _agg(a), _agg(b)),
        ("not_applicable", a.not_applicable or "", b.not_applicable or ""),
    ]
    return tuple(RuleChange(f, x, y) for f, x, y in fields if x != y)


def _opt(x: Fraction | None) -> str:
    return "" if x is None else format_value(x)


def _agg(ind: Indicator) -> str:
    return _aggregation(ind.aggregate) if ind.is_group else ""


def spec_changes(a: Spec, b: Spec) -> tuple[RuleChange, ...]:
    def grades(s: Spec) -> str:
        return ", ".join(f"{g.grade} ≥ {format_value(g.min)}" for g in s.grades)

    def rounding(s: Spec) -> str:
        r = s.rounding
        apply = {"each": msg("each"), "total": msg("total")}.get(r.apply, r.apply)
        if r.places == 1:
            return msg("{places} place {mode}, apply {apply}", places=1, mode=r.mode, apply=apply)
        return msg(
            "{places} places {mode}, apply {apply}", places=r.places, mode=r.mode, apply=apply
        )

    fields = [
        ("version", a.version, b.version),
        ("total", format_value(a.total), format_value(b.total)),
        ("rounding", rounding(a), rounding(b)),
        ("grades", grades(a), grades(b)),
        ("not_applicable", a.not_applicable, b.not_applicable),
        ("aggregate", _aggregation(a.aggregate), _aggregation(b.aggregate)),
    ]
    return tuple(RuleChange(f, x, y) for f, x, y in fields if x != y)


def _aggregation(agg: Aggregation) -> str:
    return agg.formula.text if agg.formula is not None else agg.kind


def compare(a: Scorecard, b: Scorecard) -> Comparison:
    """Indicators whose score or rules differ, the largest change first."""
    ids = [r.id for r in a.walk()] + [r.id for r in b.walk() if a.find(r.id) is None]
    deltas = []
    for iid in ids:
        ra, rb = a.find(iid), b.find(iid)
        changes = rule_changes(ra.indicator if ra else None, rb.indicator if rb else None)
        if ra and rb and ra.full != rb.full and not changes:  # N/A weight handed on, say
            marks = (format_value(ra.full), format_value(rb.full))
            changes = (RuleChange("full_marks", *marks),)
        sa = ra.score if ra else None
        sb = rb.score if rb else None
        if sa != sb or changes:
            name = (ra or rb).indicator.name  # type: ignore[union-attr]
            deltas.append(Delta(iid, name, sa, sb, changes))
    order = {iid: n for n, iid in enumerate(ids)}
    deltas.sort(key=lambda d: (-abs(d.delta), order[d.id]))
    return Comparison(a, b, tuple(deltas), spec_changes(a.spec, b.spec))


@record(frozen=True)
class Move:
    """One entity of a batch: its total, rank and grade under A and under B."""

    row: int
    entity: str
    a: Fraction
    b: Fraction
    rank_a: int
    rank_b: int
    grade_a: str | None
    grade_b: str | None
    #: every indicator's score under A and under B, in each spec's walk order
    scores_a: tuple[Fraction | None, ...] = ()
    scores_b: tuple[Fraction | None, ...] = ()
    #: the period its row gives ("" for none)
    period: str = ""

    @property
    def delta(self) -> Fraction:
        return self.b - self.a


@record(frozen=True)
class BatchComparison:
    """A batch scored under two specs: moves, grade migrations, failures."""

    spec_a: Spec
    spec_b: Spec
    moves: tuple[Move, ...]  # every entity scored under both, in table order
    #: (grade under A, grade under B) → how many entities
    migrations: dict[tuple[str | None, str | None], int]
    #: rows that failed under A or B: row, entity, period and the reason
    failed: tuple[tuple[int, str, str, str], ...]
    rule_changes: tuple[tuple[str, str, tuple[RuleChange, ...]], ...]
    spec_changes: tuple[RuleChange, ...]

    def largest(self, n: int = 10, moved_only: bool = False) -> list[Move]:
        """The ``n`` largest moves of a total; among equal ones, those that change
        grade first, then the largest change of rank (a change of grade bounds
        alone moves no total). ``moved_only``: leave out the units nothing
        changed for."""
        moves = [
            m
            for m in self.moves
            if not moved_only or m.delta or m.grade_a != m.grade_b or m.rank_a != m.rank_b
        ]
        return sorted(
            moves,
            key=lambda m: (-abs(m.delta), m.grade_a == m.grade_b, -abs(m.rank_b - m.rank_a), m.row),
        )[:n]


def _ranks(totals: list[tuple[Fraction, int]]) -> dict[int, int]:
    """Row → competition rank (1 = best; ties share a rank)."""
    out: dict[int, int] = {}
    previous: Fraction | None = None
    rank = 0
    for n, (total, row) in enumerate(sorted(totals, key=lambda t: (-t[0], t[1])), start=1):
        if total != previous:
            rank, previous = n, total
        out[row] = rank
    return out


def compare_rows(
    spec_a: Spec, spec_b: Spec, rows_a: list[Any], rows_b: list[Any]
) -> BatchComparison:
    """Compare two batches of the same table (rows of :func:`engine.batch.score_rows`)."""
    failed = []
    both = []
    for ra, rb in zip(rows_a, rows_b, strict=True):
        if not ra.ok or not rb.ok:
            why = " | ".join(dict.fromkeys((*ra.errors, *rb.errors)))  # once if both fail alike
            failed.append((ra.row, ra.entity, ra.period or "", why))
            continue
        both.append((ra, rb))
    rank_a = _ranks(
        [(on_spec_scale(ra.total, ra.full_marks, spec_a.total), ra.row) for ra, _ in both]
    )
    rank_b = _ranks(
        [(on_spec_scale(rb.total, rb.full_marks, spec_b.total), rb.row) for _, rb in both]
    )
    moves = tuple(
        Move(
            ra.row,
            ra.entity,
            ra.total,
            rb.total,
            rank_a[ra.row],
            rank_b[rb.row],
            ra.grade,
            rb.grade,
            ra.scores,
            rb.scores,
            ra.period or "",
        )
        for ra, rb in both
    )
    migrations: dict[tuple[str | None, str | None], int] = {}
    for m in moves:
        key = (m.grade_a, m.grade_b)
        migrations[key] = migrations.get(key, 0) + 1
    changes = []
    ids = [i.id for i in spec_a.walk()] + [i.id for i in spec_b.walk() if i.id not in spec_a.by_id]
    for iid in ids:
        ia, ib = spec_a.by_id.get(iid), spec_b.by_id.get(iid)
        found = rule_changes(ia, ib)
        if found:
            changes.append((iid, (ia or ib).name, found))  # type: ignore[union-attr]
    return BatchComparison(
        spec_a,
        spec_b,
        moves,
        migrations,
        tuple(failed),
        tuple(changes),
        spec_changes(spec_a, spec_b),
    )


@record(frozen=True)
class VersionDiff:
    """What changed in the rules between two versions, without any actuals."""

    a: Spec
    b: Spec
    spec_changes: tuple[RuleChange, ...]
    #: (id, name, changes) per changed indicator, in A's order, then B's new ones
    indicators: tuple[tuple[str, str, tuple[RuleChange, ...]], ...]
    unchanged: int


def version_diff(a: Spec, b: Spec) -> VersionDiff:
    """The rule changes per indicator from version ``a`` to version ``b``."""
    ids = [i.id for i in a.walk()] + [i.id for i in b.walk() if i.id not in a.by_id]
    changed = []
    for iid in ids:
        ia, ib = a.by_id.get(iid), b.by_id.get(iid)
        found = rule_changes(ia, ib)
        named = ib or ia
        if found and named is not None:
            changed.append((iid, named.name, found))
    return VersionDiff(a, b, spec_changes(a, b), tuple(changed), len(ids) - len(changed))
