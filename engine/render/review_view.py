"""Renderings of a review (复核): claimed scores against the scorecard's.

One submission: a table of every indicator (claimed, scored, deviation, verdict,
the reason given) and a tree with the derivation of each score that deviates.
Several: the 复核表, one row per claimed indicator sorted by the largest
over-claim, then the totals per unit; as text, JSON, CSV, XLSX or HTML.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Callable, Sequence
from dataclasses import replace
from fractions import Fraction
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding

from ..base.i18n import N_, _, language, ngettext
from ..base.numbers import format_fixed, format_value, has_places
from ..base.text import json_text
from ..review.claims import EntityReview, Line, Unreviewed
from . import text as t
from ._fmt import actual_number, defused_row, name_and_id
from .safe_text import Text

VERDICT_WORDS = {
    "over": N_("over"),
    "under": N_("under"),
    "agrees": "",
    "unclaimed": "",
    #: a unit's verdict where its submission claims no score at all (未自评): not one
    #: that agrees, whose verdict is empty too
    "no_claims": N_("no claims"),
    "not_applicable": N_("n/a"),
    "error": N_("not reviewed"),
}
#: the words a person reads for each column id (JSON keeps the ids)
COLUMN_WORDS = {
    "entity": N_("Entity"),
    "id": N_("ID"),
    "name": N_("Indicator"),
    "full_marks": N_("Full marks"),
    "claimed": N_("Claimed"),
    "scored": N_("Scored"),
    "deviation": N_("Deviation"),
    "verdict": N_("Verdict"),
    "reason": N_("Reason given"),
    "period": N_("Period"),
    "file": N_("File"),
    "over": N_("Over-claimed"),
    "under": N_("Under-claimed"),
    "note": N_("Note"),
}
DETAIL_HEADER = [
    "entity",
    "file",
    "id",
    "name",
    "full_marks",
    "claimed",
    "scored",
    "deviation",
    "verdict",
    "reason",
    "note",
]
UNIT_HEADER = [
    "entity",
    "period",
    "file",
    "claimed",
    "scored",
    "deviation",
    "verdict",
    "over",
    "under",
    "reason",
    "note",
]


def _title() -> str:
    return _("复核表 (review of claimed scores)")


def _claims_head() -> str:
    return _("Claims, the largest over-claim first")


def _units_head() -> str:
    return _("Totals per unit")


def words(header: list[str]) -> list[str]:
    """A header's column ids as the words of the interface language."""
    return [_(COLUMN_WORDS[c]) for c in header]


def verdict_word(verdict: str) -> str:
    word = VERDICT_WORDS.get(verdict, verdict)
    return _(word) if word else ""


def _shown(rows: list[list[str]], column: int) -> list[list[str]]:
    """``rows`` with the verdict ids of ``column`` in words, for a person to read."""
    return [[*r[:column], verdict_word(r[column]), *r[column + 1 :]] for r in rows]


def names(header: list[str]) -> list[str]:
    """CSV and XLSX column names: the ids in English (as every CSV of the engine),
    the words in Chinese."""
    return list(header) if language() == "en" else words(header)


def _n(x: Fraction | None, places: int) -> str:
    """A number at ``places`` decimals; one with more, whole when they end within a
    few (a claim of 2.625, a deviation of -0.005), else cut there with ``…`` (200/3)."""
    if x is None:
        return ""
    return format_fixed(x, places) if has_places(x, places) else actual_number(x, places)


def _exact(x: Fraction | None, places: int) -> str:
    """A number at ``places`` decimals, or with all of its own (36.004) where it
    has more: what CSV, JSON and XLSX carry, never cut."""
    return "" if x is None else format_fixed(x, places)


def _signed(x: Fraction | None, places: int, number: Callable[[Fraction | None, int], str]) -> str:
    if x is None:
        return ""
    return ("+" if x > 0 else "") + number(x, places)


def _places(reviews: Sequence[EntityReview]) -> int:
    return reviews[0].scorecard.spec.rounding.places if reviews else 2


def detail_rows(
    reviews: Sequence[EntityReview],
    number: Callable[[Fraction | None, int], str] = _n,
    deviating: bool = False,
) -> list[list[str]]:
    """Every claimed indicator of every submission, the largest over-claim first
    (numbers as ``number`` writes them: cut with … on screen, exact in files);
    ``deviating``: only the claims beyond the tolerance (over or under)."""
    places = _places(reviews)
    lines = [
        (rv, k, x)
        for rv in reviews
        for k, x in enumerate(rv.lines)
        if x.deviation is not None
        and not x.summed
        and (not deviating or x.verdict in ("over", "under"))
    ]  # the largest over-claim first; then each unit's claims in the spec's order
    lines.sort(key=lambda p: (-(p[2].deviation or 0), p[0].entity, p[0].file, p[1]))
    return [
        [
            rv.entity,
            rv.file,
            x.id,
            x.name,
            number(x.full, places),
            number(x.claimed, places),
            number(x.scored, places),
            _signed(x.deviation, places, number),
            x.verdict,
            x.reason,
            "\n".join(text for iid, text in rv.notes if iid == x.id),
        ]
        for rv, _k, x in lines
    ]


def _no_claims(rv: EntityReview) -> bool:
    """Whether a submission claims no score at all, its total's included."""
    return all(x.claimed is None for x in (*rv.lines, rv.total))


def _unit_notes(rv: EntityReview) -> str:
    """The notes of the submission that are of no claim of the 复核表 (the form
    itself, an indicator not claimed)."""
    claimed = {x.id for x in rv.lines if x.deviation is not None and not x.summed}
    return "\n".join(text for iid, text in rv.notes if iid not in claimed)


def unit_rows(
    reviews: Sequence[EntityReview],
    number: Callable[[Fraction | None, int], str] = _n,
    unreviewed: Sequence[Unreviewed] = (),
) -> list[list[str]]:
    """The totals per unit, the largest over-claim first; then the submissions
    that could not be reviewed, in the order given, each with its errors."""
    places = _places(reviews)
    ordered = sorted(reviews, key=lambda rv: (-(rv.total.deviation or 0), rv.entity))
    return [
        [
            rv.entity,
            rv.period,
            rv.file,
            number(rv.total.claimed, places),
            number(rv.total.scored, places),
            _signed(rv.total.deviation, places, number),
            "no_claims" if _no_claims(rv) else rv.total.verdict,
            str(sum(x.verdict == "over" for x in rv.lines if not x.summed)),
            str(sum(x.verdict == "under" for x in rv.lines if not x.summed)),
            rv.total.reason,
            _unit_notes(rv),
        ]
        for rv in ordered
    ] + [
        [
            u.entity,
            u.period,
            u.file,
            *("", "", "", "error", "", "", ""),
            "\n".join([*map(str, u.errors), *u.notes]),
        ]
        for u in unreviewed
    ]


def summary(reviews: Sequence[EntityReview], tolerance: Fraction, unreviewed: int = 0) -> str:
    """``N over-claimed, M under-claimed beyond T (K claim(s) in S submission(s))``;
    a group claimed only through its children is not counted again; then how
    many submissions could not be reviewed, if any."""
    own = [x for rv in reviews for x in (*rv.lines, rv.total) if not x.summed]
    over = sum(x.verdict == "over" for x in own)
    under = sum(x.verdict == "under" for x in own)
    claimed = sum(x.claimed is not None for x in own)
    # a submission with no claim at all: nothing of it agrees, and nothing is told of it
    bare = sum(map(_no_claims, reviews))
    said = _(
        "{over} over-claimed, {under} under-claimed beyond {tolerance} ({claimed} claim(s) in "
        "{submissions} submission(s))"
    ).format(
        over=over,
        under=under,
        tolerance=format_value(tolerance),
        claimed=claimed,
        submissions=len(reviews),
    )
    if unreviewed:
        said += ngettext(
            "; {n} submission not reviewed (listed among the units, its errors told)",
            "; {n} submissions not reviewed (listed among the units, their errors told)",
            unreviewed,
        ).format(n=unreviewed)
    if bare:
        said += ngettext(
            "; {n} submission claims no score at all",
            "; {n} submissions claim no score at all",
            bare,
        ).format(n=bare)
    return said


def entity_table(rv: EntityReview, tolerance: Fraction) -> RenderableType:
    """One submission: every indicator with its claim, in the spec's order; the reason
    given under the indicator's name."""
    from rich import box
    from rich.table import Table

    places = rv.scorecard.spec.rounding.places
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 1))
    table.add_column(_("Indicator"), overflow="fold", ratio=1)
    for title in (N_("Full"), N_("Claimed"), N_("Scored"), N_("Deviation")):
        table.add_column(_(title), justify="right", no_wrap=True)
    table.add_column(_("Verdict"), no_wrap=True)
    for x in (*rv.lines, rv.total):
        name: RenderableType = Text(x.name, style="bold" if x.depth == 0 else "")
        if x.reason:  # under the name, indented a little further
            name = Group(name, Padding(Text(x.reason, style="italic"), (0, 0, 0, 2)))
        table.add_row(
            Padding(name, (0, 0, 0, 2 * x.depth)),
            "—" if x.verdict == "not_applicable" else _n(x.full, places),  # its weight handed on
            _n(x.claimed, places) + ("Σ" if x.summed else ""),
            _n(x.scored, places),
            _signed(x.deviation, places, _n),
            verdict_word(x.verdict),
        )
    lines: list[RenderableType] = [t.header(rv.scorecard), Text(""), table, Text("")]
    lines.append(Text(summary([rv], tolerance)))
    if any(x.summed for x in (*rv.lines, rv.total)):
        lines.append(Text(_("Σ the sum of the children's claims (no claim of its own)")))
    return Group(*lines)


def claim_said(x: Line, places: int) -> str | None:
    """What an indicator's claim says beside its derivation: by how much it is
    over- or under-claimed, or that it agrees; None where nothing was claimed."""
    if x.claimed is None or x.verdict not in ("over", "under", "agrees"):
        return None
    said = {
        "over": _("{name} ({id}): claimed {claimed}, over-claimed by {deviation}"),
        "under": _("{name} ({id}): claimed {claimed}, under-claimed by {deviation}"),
        "agrees": _("{name} ({id}): claimed {claimed}, as scored"),
    }[x.verdict]
    return said.format(
        name=x.name,
        id=x.id,
        claimed=_n(x.claimed, places),
        deviation=_signed(x.deviation, places, _n),
    )


def entity_tree(rv: EntityReview, tolerance: Fraction) -> RenderableType:
    """One submission: the table, then each deviating score's derivation."""
    parts: list[RenderableType] = [entity_table(rv, tolerance)]
    sc = rv.scorecard
    for x in rv.lines:
        if x.verdict in ("over", "under"):
            r = sc.find(x.id)
            assert r is not None
            parts.append(Text(""))
            parts.append(Text(claim_said(x, sc.spec.rounding.places) or "", style="bold"))
            parts.extend(t.hanging(t.indicator_block(sc, r, "  ")))
    return Group(*parts)


def sheet_table(
    reviews: Sequence[EntityReview],
    tolerance: Fraction,
    unreviewed: Sequence[Unreviewed] = (),
    deviating: bool = False,
) -> RenderableType:
    """The 复核表 for a terminal: claims by the largest over-claim (each reason under
    its indicator), then the totals per unit with their files; long names fold
    within their columns, so the table keeps to the width given."""
    from rich import box
    from rich.table import Table

    def table(*titles: tuple[str, int]) -> Table:
        """Columns of words (folding, sharing the width by ``ratio``) or numbers (0)."""
        out = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 1))
        for title, ratio in titles:
            if ratio:
                out.add_column(title, overflow="fold", ratio=ratio)
            else:
                out.add_column(title, justify="right", no_wrap=True)
        return out

    w = dict(zip(DETAIL_HEADER, words(DETAIL_HEADER), strict=True))
    w["full_marks"] = _("Full")  # short, as the table of one submission has it
    claims = table(
        (w["entity"], 1),
        (w["name"], 2),
        *((w[k], 0) for k in ("full_marks", "claimed", "scored", "deviation", "verdict")),
    )
    for entity, _file, iid, name, *numbers, verdict, reason, _note in detail_rows(
        reviews, deviating=deviating
    ):
        shown: RenderableType = Text(name_and_id(name, iid))
        if reason:
            shown = Group(shown, Padding(Text(reason, style="italic"), (0, 0, 0, 2)))
        claims.add_row(Text(entity), shown, *numbers, verdict_word(verdict))
    u = dict(zip(UNIT_HEADER, words(UNIT_HEADER), strict=True))
    u["over"], u["under"] = verdict_word("over"), verdict_word("under")  # counts of each
    units = table(
        (u["entity"], 1),
        *((u[k], 0) for k in ("claimed", "scored", "deviation", "verdict", "over", "under")),
    )
    # a unit not reviewed: its errors follow the table on standard error, whole
    bare = [replace(u, errors=()) for u in unreviewed]
    for entity, period, file, *rest, reason, _note in _shown(
        unit_rows(reviews, unreviewed=bare), 6
    ):  # (the notes are on standard error, as they are said)
        said = " · ".join(x for x in (period, file) if x)  # which submission, under its unit
        under = [
            Padding(Text(x, style=style), (0, 0, 0, 2))
            for x, style in ((said, "dim"), (reason, "italic"))
            if x
        ]
        units.add_row(Group(Text(entity), *under), *rest)
    return Group(
        Text(_("复核表: claims, the largest over-claim first"), style="bold"),
        claims,
        Text(""),
        Text(_("Totals per unit"), style="bold"),
        units,
        Text(""),
        Text(summary(reviews, tolerance, len(unreviewed))),
    )


def sheet_json(
    reviews: Sequence[EntityReview],
    tolerance: Fraction,
    unreviewed: Sequence[Unreviewed] = (),
    deviating: bool = False,
) -> str:
    from .. import __version__

    spec = reviews[0].scorecard.spec if reviews else None
    doc: dict[str, Any] = {
        "spec": spec.id if spec is not None else None,
        "spec_sha256": spec.sha256 if spec is not None else None,
        "engine": "scorecard",
        "engine_version": __version__,
        "tolerance": format_value(tolerance),
        "claims": [
            dict(zip(DETAIL_HEADER, r, strict=True))
            for r in detail_rows(reviews, _exact, deviating)
        ],
        "units": [
            dict(zip(UNIT_HEADER, r, strict=True)) for r in unit_rows(reviews, _exact, unreviewed)
        ],
    }
    return json_text(doc, indent=2) + "\n"


def sheet_csv(
    reviews: Sequence[EntityReview],
    tolerance: Fraction,
    unreviewed: Sequence[Unreviewed] = (),
    deviating: bool = False,
) -> str:
    """The claims; then, after a blank line, the totals per unit."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(names(DETAIL_HEADER))
    # words never a formula; verdicts as the workbook's: ids in English, words in Chinese
    w.writerows(map(defused_row, _worded(DETAIL_HEADER, detail_rows(reviews, _exact, deviating))))
    w.writerow([])
    w.writerow(names(UNIT_HEADER))
    w.writerows(map(defused_row, _worded(UNIT_HEADER, unit_rows(reviews, _exact, unreviewed))))
    return buf.getvalue()


def sheet_html(
    reviews: Sequence[EntityReview],
    tolerance: Fraction,
    unreviewed: Sequence[Unreviewed] = (),
    deviating: bool = False,
) -> str:
    e = html.escape

    def table(header: list[str], rows: list[list[str]]) -> str:
        head = "".join(f"<th>{e(h)}</th>" for h in header)
        body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{"zh-CN" if language() == "zh" else "en"}"><head><meta charset="utf-8">'
            f"<title>{e(_title())}</title>",
            "<style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:"
            "collapse}th,td{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left}"
            "</style></head><body>",
            f"<h1>{e(_title())}</h1>",
            f"<p>{e(summary(reviews, tolerance, len(unreviewed)))}</p>",
            f"<h2>{e(_claims_head())}</h2>",
            table(words(DETAIL_HEADER), _shown(detail_rows(reviews, deviating=deviating), 8)),
            f"<h2>{e(_units_head())}</h2>",
            table(words(UNIT_HEADER), _shown(unit_rows(reviews, unreviewed=unreviewed), 6)),
            "</body></html>",
            "",
        ]
    )


def _worded(header: Sequence[str], rows: list[list[str]]) -> list[list[str]]:
    """A sheet's verdicts as its column names are: ids in English, words in Chinese
    (偏高, not over: the workbook is read by a person)."""
    return rows if language() == "en" else _shown(rows, list(header).index("verdict"))


def sheet_xlsx(
    reviews: Sequence[EntityReview],
    tolerance: Fraction,
    unreviewed: Sequence[Unreviewed] = (),
    deviating: bool = False,
) -> bytes:
    """Two sheets: 复核表 (the claims) and 单位合计 (totals per unit); numbers as numbers."""
    from decimal import Decimal

    from openpyxl import Workbook
    from openpyxl.styles import Font

    from ._xlsx import clean, save

    wb = Workbook()
    places = _places(reviews)
    points = "0" + ("." + "0" * places if places else "")  # shown as the 复核表 shows them
    signed = f"+{points};-{points};{points}"  # a deviation: +1.69, -0.40, 0.00
    sheets = [
        (
            "复核表",
            DETAIL_HEADER,
            _worded(DETAIL_HEADER, detail_rows(reviews, _exact, deviating)),
            {4: points, 5: points, 6: points, 7: signed},
        ),
        (
            "单位合计",
            UNIT_HEADER,
            _worded(UNIT_HEADER, unit_rows(reviews, _exact, unreviewed)),
            {3: points, 4: points, 5: signed, 7: "0", 8: "0"},
        ),
    ]
    for i, (title, header, rows, numeric) in enumerate(sheets):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = title
        ws.append(names(header))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append(
                [
                    Decimal(c) if j in numeric and c and "…" not in c else clean(c) or None
                    for j, c in enumerate(row)
                ]
            )
        for row in ws.iter_rows(min_row=2):
            for j, cell in enumerate(row):
                if j in numeric:
                    cell.number_format = numeric[j]
                elif cell.value is not None:
                    cell.data_type = "s"
    ws = wb.create_sheet("说明")
    ws.append([_("Tolerance"), format_value(tolerance)])
    ws.append([_("Summary"), summary(reviews, tolerance, len(unreviewed))])
    buf = io.BytesIO()
    save(wb, buf)  # fixed timestamps: the same inputs give the same bytes
    return buf.getvalue()
