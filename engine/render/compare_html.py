"""Two specs over one table as a page: the rule change's effect on every unit.

Totals before against after (a dot per unit, the diagonal where nothing
changed), the count per grade under each spec, the grade migrations as a
matrix, and every unit's move, sortable. Self-contained as the batch report is
(:mod:`engine.render.batch_html`, whose style, script and policy it shares).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from fractions import Fraction

from .. import __version__
from ..base.i18n import N_, _, ngettext
from ..base.numbers import format_fixed, format_value
from ..review.compare import BatchComparison
from ..spec.model import Spec
from .batch_html import SCRIPT, page_head, page_words, sort_head, write
from .charts import grade_pairs, totals_scatter
from .comparison import change_text

__all__ = ["report", "write"]

WORDS = {
    "title": N_("Rule change over a table"),
    "scatter": N_("Totals under A (across) and under B (up); on the line, no change"),
    "same": N_("no change"),
    "grades": N_("Units per grade under A and B"),
    "units": N_("Units"),
    "migrations": N_("Grade migrations (rows: grade under A; columns: under B)"),
    "moves": N_("Every unit, largest move first"),
    "entity": N_("Entity"),
    "row": N_("Row"),
    "change": N_("Change"),
    "rank": N_("Rank"),
    "grade": N_("Grade"),
    "sort": N_("Sort by"),
    "rules": N_("What changed"),
}


def _label(spec: Spec, sets: tuple[str, ...] = ()) -> str:
    text = f"{spec.file} ({spec.id}" + (f" {spec.version}" if spec.version else "") + ")"
    if not sets:
        return text
    return _("{spec} with {changes}").format(
        spec=text, changes=" ".join(f"--set {s}" for s in sets)
    )


def _scored(n: int, failed: int) -> str:
    scored = ngettext("{n} entity scored under both", "{n} entities scored under both", n).format(
        n=n
    )
    if not failed:
        return scored
    return _("{scored}, {failed} failed").format(scored=scored, failed=failed)


def _show(spec: Spec, x: Fraction) -> str:
    r = spec.rounding
    return format_fixed(x, r.places) if r.apply == "each" else format_value(x)


def report(
    c: BatchComparison, b_sets: tuple[str, ...] = (), words: Mapping[str, str] | None = None
) -> str:
    """The whole page: the same comparison gives the same bytes."""
    e = html.escape
    words = page_words(WORDS) if words is None else words
    a_spec, b_spec = c.spec_a, c.spec_b
    grades = list(
        dict.fromkeys([g.grade for g in a_spec.grades] + [g.grade for g in b_spec.grades])
    )
    if any(ga is None or gb is None for ga, gb in c.migrations):
        grades.append("—")
    count_a = [sum(n for (ga, _), n in c.migrations.items() if (ga or "—") == g) for g in grades]
    count_b = [sum(n for (_, gb), n in c.migrations.items() if (gb or "—") == g) for g in grades]
    points = [(m.entity, m.a, m.b) for m in c.moves]
    out = [
        *page_head(words["title"]),
        f'<p class="meta">A {e(_label(a_spec))}<br>B {e(_label(b_spec, b_sets))}<br>'
        + e(_scored(len(c.moves), len(c.failed)))
        + "</p>",
        *_rules(c, words),
        f'<section id="totals"><h2>{e(words["scatter"])}</h2>',
        '<figure class="chart" id="chart-scatter">'
        + totals_scatter(points, a_spec.total, "A", "B", words["same"], words["units"])
        + "</figure></section>",
        f'<section id="grades"><h2>{e(words["grades"])}</h2><div class="pair">',
        '<figure class="chart" id="chart-grade-pairs">'
        + grade_pairs(grades, count_a, count_b, ("A", "B"), words["units"])
        + "</figure>",
        f"<div><h3>{e(words['migrations'])}</h3>{_matrix(c, grades)}</div></div></section>",
        *_moves(c, words),
        f"<footer>scorecard {e(__version__)} · A sha256 {e(a_spec.sha256)} · "
        f"B sha256 {e(b_spec.sha256)}</footer>",
        f"<script>{SCRIPT}</script>",
        "</body></html>",
        "",
    ]
    return "\n".join(out)


def _rules(c: BatchComparison, words: Mapping[str, str]) -> list[str]:
    e = html.escape
    items = [
        f"<li>{e(_('spec'))} {_lines(change_text(ch.field, ch.a, ch.b))}</li>"
        for ch in c.spec_changes
    ]
    items += [
        f"<li>{e(name)} ({e(iid)}) {_lines(change_text(ch.field, ch.a, ch.b))}</li>"
        for iid, name, changes in c.rule_changes
        for ch in changes
    ]
    if not items:
        return []
    return [f'<section id="rules"><h2>{e(words["rules"])}</h2><ul>{"".join(items)}</ul></section>']


def _matrix(c: BatchComparison, grades: list[str]) -> str:
    e = html.escape
    counts = {(ga or "—", gb or "—"): n for (ga, gb), n in c.migrations.items()}
    head = "".join(f"<th>{e(g)}</th>" for g in grades)
    rows = []
    for ga in grades:
        cells = "".join(
            f"<td class=n>{counts.get((ga, gb), 0) or '·'}</td>"
            if ga != gb
            else f"<td class=n><strong>{counts.get((ga, gb), 0) or '·'}</strong></td>"
            for gb in grades
        )
        rows.append(f"<tr><th>{e(ga)}</th>{cells}</tr>")
    return f'<table class="migrations"><thead><tr><th>A \\ B</th>{head}</tr></thead><tbody>' + (
        "".join(rows) + "</tbody></table>"
    )


def _moves(c: BatchComparison, words: Mapping[str, str]) -> list[str]:
    e = html.escape
    a_spec, b_spec = c.spec_a, c.spec_b
    rows = []
    for m in c.largest(len(c.moves)):
        rows.append(
            f'<tr data-row="{m.row}" data-entity="{e(m.entity)}" data-change="'
            f'{_show(b_spec, m.delta)}" data-a="{_show(a_spec, m.a)}" data-b="{_show(b_spec, m.b)}"'
            f' data-ra="{m.rank_a}" data-rb="{m.rank_b}"><td>{e(m.entity)}</td>'
            f"<td class=n>{m.row}</td><td class=n>{_show(a_spec, m.a)}</td>"
            f"<td class=n>{_show(b_spec, m.b)}</td><td class=n>{_signed(b_spec, m.delta)}</td>"
            f"<td class=n>{m.rank_a} → {m.rank_b}</td>"
            f"<td>{e(m.grade_a or '—')} → {e(m.grade_b or '—')}</td></tr>"
        )
    sort = words["sort"]
    heads = "".join(
        [
            sort_head("entity", words["entity"], False, sort),
            sort_head("row", words["row"], True, sort),
            sort_head("a", "A", True, sort),
            sort_head("b", "B", True, sort),
            sort_head("change", words["change"], True, sort),
            sort_head("rb", words["rank"], True, sort),
            f"<th>{html.escape(words['grade'])}</th>",
        ]
    )
    return [
        f'<section id="moves"><h2>{e(words["moves"])}</h2>',
        f"<table id=moves-table class=sortable><thead><tr>{heads}</tr></thead><tbody>",
        *rows,
        "</tbody></table></section>",
    ]


def _signed(spec: Spec, x: Fraction) -> str:
    return ("+" if x > 0 else "−" if x < 0 else "±") + _show(spec, abs(x))


def _lines(text: str) -> str:
    """A change's text escaped, its lines (each side of a rule) kept apart."""
    return "<br>".join(html.escape(line) for line in text.split("\n"))
