"""Rendering of a comparison of two specs on the same actuals."""

from __future__ import annotations

from fractions import Fraction

from rich.console import Group, RenderableType
from rich.padding import Padding

from ..base.i18n import N_, _, ngettext, tr
from ..review.compare import BatchComparison, Comparison
from ..scoring.result import Scorecard
from ..spec.model import Spec
from ._fmt import name_and_id, score_text, total_text
from .batch_view import hanging_row, total_shown
from .safe_text import Text
from .wrap import Packed

#: a rule change's field (a spec key) in the words of the interface language
FIELD_WORDS = {
    "version": N_("version"),
    "total": N_("total"),
    "rounding": N_("rounding"),
    "grades": N_("grades"),
    "not_applicable": N_("not_applicable"),
    "indicator": N_("indicator"),
    "name": N_("name"),
    "weight": N_("weight"),
    "target": N_("target"),
    "direction": N_("direction"),
    "unit": N_("unit"),
    "actual": N_("actual"),
    "method": N_("method"),
    "rule": N_("rule"),
    "aggregate": N_("aggregate"),
    "full_marks": N_("full marks"),
}


def change_text(field: str, a: str, b: str) -> str:
    """``field: a → b``, the field (a spec key) in words; where a side holds an
    arrow of its own (bands: ``actual ≥ 90 → 8``), the field, then each side on
    a line of its own (``A: …``, ``B: …``), so that the change's arrow is not
    read as a band's."""
    word = _(FIELD_WORDS[field]) if field in FIELD_WORDS else field
    a, b = tr(a) or "—", tr(b) or "—"
    if "→" in a or "→" in b:
        return "\n".join([_("{field}:").format(field=word), f"A: {a}", f"B: {b}"])
    return _("{field}: {a} → {b}").format(field=word, a=a, b=b)


def change_block(text: str, indent: int, style: str = "") -> RenderableType:
    """A :func:`change_text` at ``indent``: its sides, if on lines of their own,
    two further in, each wrapped under itself."""
    first, *sides = text.split("\n")
    lines: list[RenderableType] = [Padding(Text(first, style=style), (0, 0, 0, indent))]
    lines += [Padding(Text(side, style=style), (0, 0, 0, indent + 2)) for side in sides]
    return Group(*lines) if sides else lines[0]


def _named(side: str, spec: Spec, sets: tuple[str, ...]) -> RenderableType:
    """``B  file (id version) with --set …``, wrapped between its words and its
    changes, never within one (a ``--set`` is copied back whole)."""
    named = f"{spec.file} ({spec.id}" + (f" {spec.version}" if spec.version else "") + ")"
    if not sets:
        return Text.assemble((f"{side}  ", "bold"), named)
    word = _("with {sets}").format(sets="\0")
    items = [f"{side} ", *named.split(" "), *word.replace("\0", "").split()]
    items += [s if s.startswith("--") else f"--set {s}" for s in sets]
    return Packed(items, " ")


def _side(label: str, sc: Scorecard, sets: tuple[str, ...] = ()) -> RenderableType:
    t = Text("   " + _("total") + " ")
    t.append(total_text(sc, sc.total), style="bold")
    t.append(f" / {total_text(sc, sc.full_marks)}")
    if sc.grade is not None:
        t.append("   " + _("grade {grade}").format(grade=sc.grade))
    return Group(_named(label, sc.spec, sets), t)


def _signed(x: Fraction, sc: Scorecard, total: bool = False) -> str:
    text = (total_text if total else score_text)(sc, abs(x))
    return ("+" if x > 0 else "−" if x < 0 else "±") + text


def render(c: Comparison, b_sets: tuple[str, ...] = ()) -> RenderableType:
    parts: list[RenderableType] = [_side("A", c.a), _side("B", c.b, b_sets)]
    grade = ""
    if c.a.grade != c.b.grade:
        grade = "   " + _("grade {a} → {b}").format(a=c.a.grade, b=c.b.grade)
    delta = _("Δ total {delta}").format(delta=_signed(c.total_delta, c.b, total=True))
    parts.append(Text(delta + grade, style="bold"))
    for ch in c.spec_changes:
        parts.append(change_block(spec_change(ch.field, ch.a, ch.b), 0))
    if not c.deltas:
        parts.append(Text(_("No indicator's score or rule differs.")))
        return Group(*parts)
    parts.append(Text(""))
    parts.append(Text(_("Changed indicators, largest change first:"), style="bold"))
    for d in c.deltas:
        line = Text()
        line.append(f"{_signed(d.delta, c.b):>8}  ", style="bold")
        line.append(name_and_id(d.name, d.id) + "  ")
        a = "—" if d.a is None else score_text(c.a, d.a)
        b = "—" if d.b is None else score_text(c.b, d.b)
        line.append(f"{a} → {b}", style="dim")
        parts.append(line)
        for ch in d.changes:
            parts.append(change_block(change_text(ch.field, ch.a, ch.b), 12, "dim"))
    return Group(*parts)


def render_batch(c: BatchComparison, b_sets: tuple[str, ...] = ()) -> RenderableType:
    """Two specs over one table: rank changes, grade migrations, the largest moves."""
    from ..base.numbers import format_fixed, round_fraction

    a_spec, b_spec = c.spec_a, c.spec_b

    n = len(c.moves)
    parts: list[RenderableType] = [
        _named("A", a_spec, ()),
        _named("B", b_spec, b_sets),
        Text(
            ngettext("{n} entity scored under both", "{n} entities scored under both", n).format(
                n=n
            )
            + (_(", {n} failed").format(n=len(c.failed)) if c.failed else "")
        ),
    ]
    for ch in c.spec_changes:
        parts.append(change_block(spec_change(ch.field, ch.a, ch.b), 0))
    for iid, name, changes in c.rule_changes:
        for ch in changes:
            what = _("{indicator} {what}").format(
                indicator=name_and_id(name, iid), what=change_text(ch.field, ch.a, ch.b)
            )
            parts.append(change_block(what, 0, "dim"))
    if n:
        mean_a = sum((m.a for m in c.moves), Fraction(0)) / n
        mean_b = sum((m.b for m in c.moves), Fraction(0)) / n
        places = a_spec.rounding.places
        moved = sum(1 for m in c.moves if m.rank_a != m.rank_b)
        parts.append(
            Text(
                _("mean total {a} → {b}; {moved} of {n} change rank").format(
                    a=format_fixed(round_fraction(mean_a, places, "half_up"), places),
                    b=format_fixed(round_fraction(mean_b, places, "half_up"), places),
                    moved=moved,
                    n=n,
                ),
                style="bold",
            )
        )
        parts.append(Text(""))
        parts.append(
            Text(_("Grade migrations (rows: grade under A; columns: under B):"), style="bold")
        )
        parts.extend(_migrations(c))
        parts.append(Text(""))
        parts.append(Text(_("Largest moves:"), style="bold"))
        if not c.largest(1, moved_only=True):
            parts.append(Text("  " + _("none: no unit's total, rank or grade changes")))
        for m in c.largest(moved_only=True):
            sign = "+" if m.delta > 0 else "−" if m.delta < 0 else "±"
            parts.append(
                hanging_row(  # a long name folds under itself, not to column 0
                    f"  {sign}{total_shown(b_spec, abs(m.delta))}  ",
                    _("{entity} (row {row})").format(entity=m.entity, row=m.row)
                    + f"  {total_shown(a_spec, m.a)} → {total_shown(b_spec, m.b)}  "
                    + _("rank {a} → {b}").format(a=m.rank_a, b=m.rank_b)
                    + (
                        "  " + _("grade {a} → {b}").format(a=m.grade_a, b=m.grade_b)
                        if m.grade_a != m.grade_b
                        else ""
                    ),
                )
            )
    return Group(*parts)


def _migrations(c: BatchComparison) -> list[RenderableType]:
    """The grade migrations as a matrix: every grade of each spec, in its order
    (then no grade, where some entity has none)."""
    from .bars import matrix

    counts = {(ga or "—", gb or "—"): n for (ga, gb), n in c.migrations.items()}

    def labels(spec: Spec, side: int) -> list[str]:
        names = [g.grade for g in spec.grades]
        return names + (["—"] if any(key[side] == "—" for key in counts) else [])

    lines = matrix(labels(c.spec_a, 0), labels(c.spec_b, 1), counts)
    return [Text.assemble("  ", line) for line in lines]


def spec_change(field: str, a: str, b: str) -> str:
    """A change of the spec's own keys: ``spec version: 2023 → 2024`` (规格版本)."""
    return _("spec {change}").format(change=change_text(field, a, b))
