"""Renderings of a batch: the terminal summary (ranking, grade distribution,
per-indicator statistics, failures), and streamed CSV / JSON / XLSX rows."""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from fractions import Fraction
from itertools import chain
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..base.i18n import N_, _, language, ngettext, option
from ..base.numbers import format_fixed, format_units, format_value, round_fraction
from ..base.suspect import fraction_top
from ..base.text import json_text, utf8
from ..batch.blocks import Block
from ..batch.rows import FIXED_COLUMNS, RowResult
from ..batch.summary import Summary
from ..batch.xlsx_survey import column_letters
from ..review.plausible import standard_text
from ..spec.model import Spec
from ._fmt import FORMULA_START, QUOTED_CHARACTERS, column_names, defused, defused_row, json_number

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..batch.parts import SheetFacts

#: ranking rows shown in the terminal before eliding the middle
SHOWN = 30


def _score(spec: Spec, x: object, max_places: int = 10) -> str:
    """A score as shown (:func:`engine.scoring.result.score_text`); ``max_places``:
    where one that does not end is cut (28 in files: CSV, JSON)."""
    if not isinstance(x, Fraction):
        return "—"
    places = spec.rounding.places
    if spec.rounding.apply == "each":
        return format_fixed(x, places, max_places)
    return format_value(x, max_places)


def hanging_row(prefix: str, words: str) -> RenderableType:
    """``prefix`` then ``words``, which fold under themselves, not under the prefix
    (a long unit name went back to column 0)."""
    from rich.table import Table

    from .safe_text import Text

    grid = Table.grid()
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(Text(prefix), Text(words))
    return grid


def total_shown(spec: Spec, x: object) -> str:
    """A total (or a move of one) as shown: at the spec's places whatever ``apply``
    is (it is rounded); ``—`` for none."""
    return format_fixed(x, spec.rounding.places) if isinstance(x, Fraction) else "—"


def _cells(text: str, width: int) -> str:
    """Left-justify by display cells (a Chinese character takes two)."""
    from .safe_text import cell_len

    return text + " " * max(0, width - cell_len(text))


def _grade_width(spec: Spec, heading: str) -> int:
    """The grade column's width in cells: 6, or more for a heading or a grade
    (不合格) that would leave one space or none before the entity."""
    from .safe_text import cell_len

    return max([6, cell_len(heading) + 1] + [cell_len(g.grade) + 1 for g in spec.grades])


def summary(s: Summary) -> RenderableType:
    from rich.console import Group

    from . import bars
    from .safe_text import Text, one_line

    spec = s.spec
    parts: list[RenderableType] = [
        Text(f"{spec.title or spec.id}", style="bold"),
        Text(scored_failed(s.scored, len(s.failed))),
    ]
    ranking = s.ranking()
    if ranking:
        parts.append(Text(""))
        rank, total, grade = _("Rank"), _("Total"), _("Grade")
        wide = _grade_width(spec, grade)
        head = f"{_right(rank, 5)}  {_right(total, 8)}  {_cells(grade, wide)} "
        where = _("Entity  (row)")
        if ranking and isinstance(ranking[0][2], str):  # a batch of many files
            where = _("Entity  (file)") if s.forms else _("Entity  (file:row)")
        parts.append(Text(head + where, style="bold"))
        shown: list[Any] = (
            ranking if len(ranking) <= SHOWN else [*ranking[:20], None, *ranking[-5:]]
        )
        shrunk = s.full_marks()
        for item in shown:
            if item is None:
                parts.append(
                    Text(
                        f"{'…':>5}  "
                        + _("({n} more; -o FILE --format csv writes every row)").format(
                            n=len(ranking) - 25
                        ),
                        style="dim",
                    )
                )
                continue
            rank, total, row, entity, grade = item
            prefix = f"{rank:>5}  {total_shown(spec, total):>8}  {_cells(grade or '—', wide)} "
            named = one_line(entity) if entity else _("(no entity)")  # warned of on stderr
            full = shrunk.get((row, entity))
            of = "" if full is None else "  " + _("of {full}").format(full=format_value(full))
            parts.append(hanging_row(prefix, f"{named}  ({row}){of}"))
        if shrunk:
            parts.append(
                Text(
                    _("(of N: full marks shrunk by exclusions; ranked by the score rate)"),
                    style="dim",
                )
            )
    if s.totals:
        parts.append(Text(""))
        parts.append(Text(_("Totals"), style="bold"))
        parts.extend(bars.totals_chart(spec, [(t, g) for t, _, _, g in s.totals]))
    if s.grades:
        parts.append(Text(""))
        parts.append(Text(_("Grades"), style="bold"))
        parts.extend(bars.grades_chart(spec, grade_counts(s), s.scored))
    parts.append(Text(""))
    parts.extend(_statistics(s))
    if s.failed:
        parts.append(Text(""))
        parts.append(
            Text(
                ngettext(
                    "{n} row failed; it is listed on standard error.",
                    "{n} rows failed; each is listed on standard error.",
                    len(s.failed),
                ).format(n=len(s.failed)),
                style="bold red",
            )
        )
    return Group(*parts)


def _statistics(s: Summary) -> list[RenderableType]:
    """Each indicator's mean, least and greatest score and count at full marks,
    to the spec's places (a score capped at full marks that an N/A mark rescaled,
    3.157894…, would not fit its column)."""
    return [_Statistics(s)]


class _Statistics:
    """The statistics table, its name column as wide as the longest name, within
    what the output's width leaves (28 cells at least, where it leaves them). A
    name cut to fit ends in its id (``…覆盖 (a)``): two names alike up to the cut
    stay apart."""

    def __init__(self, s: Summary):
        self.s = s

    def __rich_console__(self, console: Any, options: Any) -> Iterator[RenderableType]:
        from .safe_text import Text, cell_len
        from .wrap import clip

        s = self.s
        spec, places = s.spec, s.spec.rounding.places
        shown = [i for i in spec.walk() if s.indicators[i.id].count]
        names = {i.id: i.id if language() == "en" else i.name for i in shown}
        room = max(12, options.max_width - 9 * len(STAT_WORDS))
        longest = max(map(cell_len, names.values()), default=0)
        width = max(min(28, room), min(longest, room))
        head = _cells(_("Indicator"), width) + "".join(" " + _right(_(w), 8) for w in STAT_WORDS)
        yield Text(head, style="bold")
        for ind in shown:
            st = s.indicators[ind.id]
            name = names[ind.id]
            if cell_len(name) > width and cell_len(ind.id) + 3 < width // 2:
                name = f"{clip(name, width - cell_len(ind.id) - 3)} ({ind.id})"
            mean, low, high = (
                format_fixed(round_fraction(x or Fraction(0), places, "half_up"), places)
                for x in (st.mean, st.low, st.high)
            )
            row = f"{_cells(clip(name, width), width)} {mean:>8} {low:>8} {high:>8} {st.at_full:>8}"
            yield Text(row)


def scored_failed(scored: int, failed: int) -> str:
    """``98 scored, 2 failed``, in the interface language."""
    return _("{scored} scored, {failed} failed").format(scored=scored, failed=failed)


def table_notes(
    spec: Spec,
    table: str,
    s: Summary,
    entity_at: tuple[str, int] | None,
    parts: Sequence[SheetFacts] = (),
) -> list[str]:
    """What a batch says beside its rows: the values likely mistyped, then the rows
    that break one row per entity (``entity_at``: the file and its entity column;
    None for many files, whose rows are numbered per file: each of ``parts`` is
    checked on its own)."""
    notes = zeroed_notes(table, s) + claim_notes(table, s)
    if not parts:
        notes += suspect_notes(spec, table, s)
    for part in parts:  # where in which file: rows are numbered within their file
        notes += suspect_notes(spec, part.file, part)
    if entity_at is not None:
        notes += entity_notes(*entity_at, s)
    for part in parts:
        notes += entity_notes(part.file, part.column, part)
    if parts:
        notes += across_notes(table, parts, s)
    return notes


def claim_notes(table: str, s: Summary) -> list[str]:
    """The notes of claimed scores not taken (the rows scored as without them),
    the first :data:`~engine.batch.summary.CLAIMS_TOLD`, then how many more."""
    more = s.claims_count - len(s.claims)
    if not more:
        return list(s.claims)
    return [
        *s.claims,
        ngettext(
            "{file}: note: … and {n} more claimed score not taken, like these",
            "{file}: note: … and {n} more claimed scores not taken, like these",
            more,
        ).format(file=table, n=more),
    ]


def across_notes(table: str, parts: Sequence[SheetFacts], s: Summary) -> list[str]:
    """A warning for each row of a table in parts whose entity (in the same
    period) a row of an earlier file has, at its cell; the first
    :data:`ENTITY_LINES`, then how many more."""
    found = s.across([part.size for part in parts])
    notes = [
        _(
            "{file}:{row}:{col}: warning: entity '{entity}' is also row {first} of {earlier} "
            "(the same period); each entity once: remove or correct one of the rows"
        ).format(
            file=parts[k].file,
            row=row,
            col=parts[k].column,
            entity=entity,
            first=first,
            earlier=parts[j].file,
        )
        for k, row, j, first, entity in found[:ENTITY_LINES]
    ]
    if len(found) > ENTITY_LINES:
        more = len(found) - ENTITY_LINES
        notes.append(
            ngettext(
                "{table}: warning: … and {n} more row whose entity an earlier file has",
                "{table}: warning: … and {n} more rows whose entity an earlier file has",
                more,
            ).format(table=table, n=more)
        )
    return notes


def zeroed_notes(table: str, s: Summary) -> list[str]:
    """How many indicators without a value ``--missing zero`` scored 0, and in
    how many rows: each is flagged in its row, and a count says how far it went."""
    if not s.zeroed:
        return []
    return [
        ngettext(
            "{table}: note: {n} value missing was scored 0 under {zero}, in {rows} of the "
            "rows; each is flagged ID:missing",
            "{table}: note: {n} values missing were scored 0 under {zero}, in {rows} of the "
            "rows; each is flagged ID:missing",
            s.zeroed,
        ).format(table=table, n=s.zeroed, rows=s.zeroed_rows, zero=option("missing", "zero"))
    ]


def suspect_notes(spec: Spec, table: str, s: Summary | SheetFacts) -> list[str]:
    """A note for each indicator whose values a batch found likely mistyped, in the
    order of the spec: how many rows, and the first (:mod:`engine.batch.suspects`)."""
    notes = []
    for ind in spec.leaves():
        for kind in ("fraction", "hundredfold", "negative"):
            got = s.suspects.get((ind.id, kind))
            if got is not None:
                said = _suspect_said(kind, *got).format(
                    n=got[0],
                    name=ind.name,
                    id=ind.id,
                    standard=standard_text(ind),
                    row=got[1],
                    text=got[2],
                    unit=ind.unit.strip(),
                    meant=_meant(kind, got[2]),
                    top=format_value(fraction_top(ind.unit, ind.standard, ind.direction) or 1),
                )
                notes.append(_("{table}: note: {said}").format(table=table, said=said))
    return notes


#: lines of each kind told before the rest are counted
ENTITY_LINES = 20


def stored_notes(file: str, stored: Sequence[tuple[str, int, int, str]]) -> list[str]:
    """The first cell of a kind its sheet may show otherwise than it stores, told:
    a period Excel made a date on the first of a month, an entity that is a
    number (a code shown as 000101 by its format is stored as 101)."""
    said = {
        "month": _(
            "{file}:{row}:{col}: warning: the period cell holds the date {value} (Excel makes "
            "2021/1 a date, the first of its month); a period so given is read as that "
            "day: if it is a month or a year, write it as text ({month}, {year})"
        ),
        "number": _(
            "{file}:{row}:{col}: warning: the entity cell holds the number {value}, read as "
            "{value}; if the sheet shows it otherwise by its number format (a code such as "
            "000101), format the column as text (文本) and type the codes again"
        ),
    }
    return [
        said[kind].format(file=file, row=row, col=col, value=value, month=value[:7], year=value[:4])
        for kind, row, col, value in stored
    ]


def _entity_kinds(s: Summary | SheetFacts) -> list[tuple[str, list[dict[str, Any]]]]:
    """Each kind of warning of :func:`entity_notes` with the rows it is told of
    (each row's fields); a row that failed, of a kind whose warning says the row
    is scored, is told by the kind's own words for a failed row."""
    failed = s.failed_rows()
    empty, valueless = _valueless_kinds(s)

    def split(found: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        return [f for f in found if f["row"] not in failed], [
            f for f in found if f["row"] in failed
        ]

    unnamed = split([{"row": row} for row in s.unnamed if row not in empty])
    totalled = split([{"row": row, "entity": e} for row, e in s.totals_rows])
    hidden = split([{"row": row, "entity": e} for row, e in s.hidden_read()])
    return [
        (
            _(
                "{file}:{row}:{col}: warning: the entity cell is empty; the row is scored as "
                "no one's: write whose row it is"
            ),
            unnamed[0],
        ),
        (
            _(
                "{file}:{row}:{col}: warning: the entity cell is empty (the row failed: see "
                "its error): write whose row it is"
            ),
            unnamed[1],
        ),
        (
            _(
                "{file}:{row}:{col}: warning: entity '{entity}' is also row {first} (the same "
                "period); each entity once: remove or correct one of the rows"
            ),
            [{"row": row, "first": first, "entity": e} for row, first, e in s.twice],
        ),
        (
            _(
                "{file}:{row}:{col}: warning: entity '{entity}' reads as a totals, average or "
                "section row, not an entity; it is scored, ranked and counted as one: remove "
                "the row (or name the entity otherwise)"
            ),
            totalled[0],
        ),
        (
            _(
                "{file}:{row}:{col}: warning: entity '{entity}' reads as a totals, average or "
                "section row, not an entity (the row failed: see its error): remove the row"
            ),
            totalled[1],
        ),
        *valueless,
        (
            _(
                "{file}:{row}:{col}: warning: row {row} ('{entity}') is hidden in the sheet (or "
                "filtered out); it is read and scored like any other: unhide it to check it, or "
                "delete the row if it is not to be scored"
            ),
            hidden[0],
        ),
        (
            _(
                "{file}:{row}:{col}: warning: row {row} ('{entity}') is hidden in the sheet (or "
                "filtered out); it was read, and failed (see its error): unhide it to check it, "
                "or delete the row if it is not to be scored"
            ),
            hidden[1],
        ),
    ]


def _valueless_kinds(
    s: Summary | SheetFacts,
) -> tuple[set[int], list[tuple[str, list[dict[str, Any]]]]]:
    """The rows scored with no value under ``--missing zero`` (a 合计 row is told as
    one), told as holding only their entity, or nothing at all (no entity either:
    a note's text in a column not read); and the rows of the second kind."""
    totals = {row for row, _entity in s.totals_rows}
    bare = sorted(b for b in s.bare if b[0] not in totals)
    empty = set(s.unnamed) & {row for row, _entity in bare}
    zero = option("missing", "zero")
    return empty, [
        (
            _(
                "{file}:{row}:{col}: warning: row {row} ('{entity}') holds no value, only its "
                "entity; scored 0 under {zero}, it is ranked and counted as an entity: if it is "
                "a note or a signature below the table, remove the row, else fill in its values"
            ),
            [{"row": row, "entity": e, "zero": zero} for row, e in bare if row not in empty],
        ),
        (
            _(
                "{file}:{row}:{col}: warning: row {row} holds neither an entity nor a value; "
                "scored 0 under {zero}, it is ranked and counted as no one's: if it is a note or "
                "a signature below the table, remove the row, else fill it in"
            ),
            [{"row": row, "zero": zero} for row in sorted(empty)],
        ),
    ]


def entity_notes(file: str, column: int, s: Summary | SheetFacts) -> list[str]:
    """A warning for each row that breaks one row per entity: an empty entity
    cell, an entity (in the same period) an earlier row has, or one that reads
    as a totals, average or section row (合计, 平均值, 一、镇街), at its cell; and
    for each row or column its sheet hides from view (scored as any other, which
    the person who hid it may not expect): the columns first, then the cells the
    sheet may show otherwise than it stores (:func:`stored_notes`), then the rows
    in order. A row that failed is not said to be scored (its error says why)."""
    kinds = _entity_kinds(s)
    told = [
        (fields["row"], text.format(file=file, col=column, **fields))
        for text, found in kinds
        for fields in found[:ENTITY_LINES]
    ]
    notes = [
        _(
            "{file}:1:{col}: warning: column {letters} '{header}' is hidden in the sheet; its "
            "values are read like any other: unhide it to check them"
        ).format(file=file, col=col, letters=column_letters(col), header=header)
        for col, header in s.hidden_columns
    ]
    notes += stored_notes(file, s.stored)
    notes += [text for _row, text in sorted(told, key=lambda t: t[0])]
    more = sum(max(len(found) - ENTITY_LINES, 0) for _text, found in kinds)
    if more:
        notes.append(
            ngettext(
                "{file}: warning: … and {n} more row like these",
                "{file}: warning: … and {n} more rows like these",
                more,
            ).format(file=file, n=more)
        )
    return notes


def _suspect_said(kind: str, n: int, row: int, text: str) -> str:
    """What a batch's note says of ``n`` rows of one kind of slip (the first's
    value ``text``, at ``row``)."""
    if kind == "negative":
        return ngettext(
            "{n} row holds {name} ({id}) below 0 {unit}, a count below 0 (row {row}: {text}); "
            "check it",
            "{n} rows hold {name} ({id}) below 0 {unit}, a count below 0 (the first, row "
            "{row}: {text}); check them",
            n,
        )
    if not _meant(kind, text):  # a value whose likely meaning is not worked out
        return ngettext(
            "{n} row holds {name} ({id}) likely mistyped (row {row}: {text}); check it",
            "{n} rows hold {name} ({id}) likely mistyped (the first, row {row}: {text}); "
            "check them",
            n,
        )
    if kind == "fraction":
        return ngettext(
            "{n} row holds {name} ({id}) above 0 and at most {top}% against {standard} (row "
            "{row}: {text}); if {meant} was meant, write {meant}: a percentage, not a fraction",
            "{n} rows hold {name} ({id}) above 0 and at most {top}% against {standard} (the "
            "first, row {row}: {text}); if percentages were meant ({meant} there), write them, "
            "not fractions",
            n,
        )
    return ngettext(
        "{n} row holds {name} ({id}) a hundred times over (row {row}: {text}); if {meant} "
        "was meant, write {meant}, or {meant}% in a cell formatted as a percentage (where a "
        "90 pasted or written by a program shows as 9000%)",
        "{n} rows hold {name} ({id}) a hundred times over (the first, row {row}: {text}); "
        "if {meant} was meant there, write the plain numbers, or type them with % in cells "
        "formatted as percentages (where a 90 pasted or written by a program shows as 9000%)",
        n,
    )


def _meant(kind: str, text: str) -> str:
    """The value a likely slip meant (×100 for a fraction, ÷100 for a hundredfold),
    as text; "" when the value does not read as a number here."""
    from ..base.numbers import NumberError, parse_number

    try:
        value = parse_number(text.strip().rstrip("%％").replace(",", ""))
    except NumberError:
        return ""
    return format_value(value * 100 if kind == "fraction" else value / 100)


def _right(text: str, width: int) -> str:
    """Right-justify by display cells."""
    from .safe_text import cell_len

    return " " * max(0, width - cell_len(text)) + text


STAT_WORDS = (N_("mean"), N_("min"), N_("max"), N_("at full"))


def grade_counts(s: Summary) -> dict[str, int]:
    """Grade → count, in the spec's order of grades (then rows with no grade)."""
    order = [g.grade for g in s.spec.grades] + ["—"]
    return {g: s.grades[g] for g in order if g in s.grades}


def csv_header(
    spec: Spec, notes: Sequence[str] = (), header: str = "words", files: bool = False
) -> list[str]:
    """The columns of a batch's CSV and XLSX rows; ``notes``: the ids of the
    table's note columns, carried through as ``notes.ID``; ``files``: a batch of
    many files (a table in parts, forms) starts with the file of each row.
    Indicator columns are named by id, or in Chinese by name (by id where two
    names are alike)."""
    fixed = column_names([*(["file"] if files else []), *FIXED_COLUMNS], header)
    ids = [i.id for i in spec.walk()]
    named = header != "ids" and language() != "en"
    names = [i.name for i in spec.walk()]
    if named and len(set(names)) == len(names) and not set(names) & set(fixed):
        ids = names
    return [*fixed, *ids, *column_names([f"notes.{n}" for n in notes], header)]


def csv_lines(
    spec: Spec,
    rows: Iterable[RowResult | Block],
    notes: Sequence[str] = (),
    bom: bool = False,
    header: str = "words",
    files: bool = False,
) -> Iterator[str]:
    """The CSV text, a row or a block of rows at a time (a block rendered where it
    was scored, by :class:`CsvRows`, is passed through); with ``bom``, after a byte
    order mark (what Excel needs to read UTF-8); with ``files``, each row's file
    first."""
    for chunk in csv_chunks(spec, rows, notes, bom, header, files):
        yield chunk if isinstance(chunk, str) else chunk.decode("utf-8")


def csv_chunks(
    spec: Spec,
    rows: Iterable[RowResult | Block],
    notes: Sequence[str] = (),
    bom: bool = False,
    header: str = "words",
    files: bool = False,
) -> Iterator[str | bytes]:
    """:func:`csv_lines`, with the runs of rows made column-wise left as the
    UTF-8 bytes they are made as (a file takes them as they are)."""
    out = CsvRows(spec, notes, files)
    yield ("\ufeff" if bom else "") + out.header(header)
    for item in rows:
        if isinstance(item, Block) and item.text is not None:
            yield item.text
        else:
            yield out.text(item)


class CsvRows:
    """Rows of the batch CSV as text, a row or a block at a time."""

    def __init__(self, spec: Spec, notes: Sequence[str] = (), files: bool = False):
        self.spec = spec
        self.notes = tuple(notes)
        #: each row's file first (a batch of many files)
        self.files = files
        self.buf = io.StringIO()
        self.w = csv.writer(self.buf, lineterminator="\n")
        #: texts made whole (large runs of rows: UTF-8 bytes, as made column-wise),
        #: in order with what is in ``buf``
        self.parts: list[str | bytes] = []
        self.blank = [""] * sum(1 for _ in spec.walk())
        self.shown = _shown(spec)
        self.unit_text = _UnitText(spec.rounding.places).__getitem__
        self.full = json_number(spec.total)

    def header(self, header: str = "words") -> str:
        self.w.writerow(csv_header(self.spec, self.notes, header, self.files))
        return _take(self.buf)

    def text(self, item: RowResult | Block) -> str | bytes:
        """A row's or a block's lines: text, or UTF-8 bytes where any run of
        them was made column-wise."""
        if not isinstance(item, Block):
            self._one(item)
        else:
            for run in item.runs():
                if isinstance(run, RowResult):
                    self._one(run)
                else:
                    self._fast(item, *run)
        self._add(_take(self.buf))
        parts, self.parts = self.parts, []
        if all(isinstance(p, str) for p in parts):
            return "".join(parts)  # type: ignore[arg-type]  # all str
        return b"".join(utf8(p) if isinstance(p, str) else p for p in parts)

    def _add(self, text: str | bytes) -> None:
        if text:
            self.parts.append(text)

    def _one(self, r: RowResult) -> None:
        if "\r" in f"{r.entity}{r.period}{''.join(r.notes)}{''.join(r.errors)}":
            r = _without_cr(r)
        lead = [_breaks(r.file)] if self.files else []  # as the column-wise rows write it
        if not r.ok:  # only its texts need defusing (the blank cells are many)
            entity, period, errors = defused_row([r.entity, r.period, " | ".join(r.errors)])
            self.w.writerow(
                [
                    *defused_row(lead),
                    r.row,
                    entity,
                    period,
                    "",
                    "",
                    "",
                    "error",
                    errors,
                    "",
                    *self.blank,
                    *defused_row(list(self._notes(r))),
                ]
            )
            return
        shown = self.shown
        self.w.writerow(
            defused_row(
                [
                    *lead,
                    r.row,
                    r.entity,
                    r.period,
                    shown(r.total, total=True),
                    json_number(r.full_marks),
                    r.grade or "",
                    "ok",
                    "",
                    r.flags,
                    *[shown(x) for x in r.scores],
                    *self._notes(r),
                ]
            )
        )

    def _notes(self, r: RowResult) -> tuple[str, ...]:
        n = len(self.notes)
        return (r.notes + ("",) * n)[:n]

    def _fast(self, item: Block, a: int, b: int) -> None:
        columns = b - a >= _COLUMNS and "pyarrow" in sys.modules  # a large table
        if not item.plain(a, b) and not columns:  # N/A marks: their flags and full marks
            for i in range(a, b):
                self._one(item.result(i))
            return
        unit_text = self.unit_text
        field: Callable[[str], str] = self._field
        grades = [g for g in item.grades[a:b] if g]
        if _as_they_are([item.entities[a:b], item.periods[a:b], grades]):
            field = str  # the usual case: nothing to quote or defuse
        head = f",{self.full},"
        lead = f"{self._field(item.file)}," if self.files else ""
        tails = [""] * (b - a)
        if self.notes:  # the note cells: quoted as csv would, where they must be
            cells = [column[a:b] for column in item.notes]
            quote: Callable[[str], str] = str
            if _SPECIAL.search("".join(chain.from_iterable(cells))) or any(
                _formula_like(column) for column in cells
            ):
                quote = self._field
            tails = ["," + ",".join(map(quote, row)) for row in zip(*cells, strict=True)]
        if field is str and columns:
            from .csv_columns import Texts, fast_lines  # a large table: pyarrow read it

            how = Texts(unit_text, self.full, self.shown, json_number, self._field, lead)
            text = fast_lines(item, a, b, how, tails if self.notes else None)
            if text is not None:  # kept whole: no copy through the buffer
                self._add(_take(self.buf))
                self._add(text)
                return
        if not item.plain(a, b):
            for i in range(a, b):
                self._one(item.result(i))
            return
        self.buf.write(
            "".join(
                [
                    f"{lead}{row},{field(entity)},{field(period)},{unit_text(total)}{head}"
                    f"{field(grade or '')},ok,,,{','.join(map(unit_text, units))}{tail}\n"
                    for (row, entity, period, total, grade, units), tail in zip(
                        item.fast_rows(a, b), tails, strict=True
                    )
                ]
            )
        )

    def _field(self, text: str) -> str:
        """A text cell as csv's writer writes it (quoted only where it must be)."""
        text = defused(_breaks(text))  # as a row the exact way: line breaks first
        if not _SPECIAL.search(text):
            return text
        quoted = io.StringIO()
        csv.writer(quoted, lineterminator="\n").writerow([text])
        return quoted.getvalue()[:-1]


def _as_they_are(columns: list[Sequence[str]]) -> bool:
    """Whether every cell of ``columns`` is written as it is: none holds a comma,
    a quote or a line end, or starts as a formula would. A column read by Arrow
    (:class:`~engine.batch.arrowbuf.TextColumn`) is looked at in its bytes."""
    listed: list[str] = []
    for column in columns:
        if "pyarrow" in sys.modules:  # only then can a column be Arrow's
            from ..batch.arrowbuf import TextColumn

            if isinstance(column, TextColumn):
                from .csv_columns import as_they_are

                if not as_they_are(column.array):
                    return False
                continue
        listed.extend(column)
    return not _SPECIAL.search("".join(listed)) and not _formula_like(listed)


def _formula_like(texts: Iterable[str]) -> bool:
    texts = list(texts)
    joined = "\n".join(texts)
    if joined.count("\n") == len(texts) - 1:  # no line break in a cell: one search
        return _FORMULA_LINE.search(joined) is not None
    return any(t.startswith(FORMULA_START) for t in texts)


#: a line starting as a formula would (:data:`FORMULA_START`)
_FORMULA_LINE = re.compile("^[" + re.escape("".join(FORMULA_START)) + "]", re.MULTILINE)


def _breaks(text: str) -> str:
    """Line breaks as \\n: csv's writer (lines ending in \\n) leaves a lone \\r
    unquoted, and a reader would take it for the end of the row."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _without_cr(r: RowResult) -> RowResult:
    return replace(
        r,
        entity=_breaks(r.entity),
        period=_breaks(r.period),
        errors=tuple(map(_breaks, r.errors)),
        notes=tuple(map(_breaks, r.notes)),
    )


#: fewest rows of a run written column-wise (:mod:`engine.render.csv_columns`)
_COLUMNS = 256

#: characters that may make csv's writer quote a cell
_SPECIAL = re.compile("[" + re.escape(QUOTED_CHARACTERS) + "]")


class _UnitText(dict[int, str]):
    """units of 10^-places → their text, made on first use."""

    def __init__(self, places: int):
        super().__init__()
        self.places = places

    def __missing__(self, units: int) -> str:
        text = self[units] = format_units(units, self.places)
        return text


def _shown(spec: Spec) -> Any:
    """Score text for files, memoised: a batch repeats the same few scores many
    times. A total is at the spec's places whatever ``apply`` is (it is rounded)."""
    cache: dict[Fraction, str] = {}
    places = spec.rounding.places

    def shown(x: Fraction | None, total: bool = False) -> str:
        if x is None:
            return ""
        if total:
            return format_fixed(x, places)
        text = cache.get(x)
        if text is None:
            text = cache[x] = _score(spec, x, 28)
        return text

    return shown


def _json_items(
    spec: Spec, rows: Iterable[RowResult | Block], notes: Sequence[str]
) -> Iterator[dict[str, object]]:
    """Each row's JSON object, in order; a block's plain fast rows from their
    integer units (no Fraction per score)."""
    ids = [i.id for i in spec.walk()]
    shown = _shown(spec)
    unit = _UnitText(spec.rounding.places)
    for r in rows:
        if not isinstance(r, Block):
            yield _json_item(r, ids, shown, notes)
            continue
        units: list[list[int]] = []
        for run in r.runs():
            if isinstance(run, RowResult):
                yield _json_item(run, ids, shown, notes)
                continue
            a, b = run
            units = r.unit_rows(a, b)
            full = json_number(r.full_marks)
            for i in range(a, b):
                if not r.plain(i, i + 1):
                    yield _json_item(r.result(i), ids, shown, notes)
                    continue
                item: dict[str, object] = {
                    **({"file": r.file} if r.file else {}),
                    "row": r.rows[i],
                    "entity": r.entities[i],
                    "period": r.periods[i],
                    "status": "ok",
                    "total": unit[r.totals[i]],
                    "grade": r.grades[i],
                    "full_marks": full,
                    "flags": [],
                    "scores": dict(zip(ids, map(unit.__getitem__, units[i - a]), strict=True)),
                }
                if notes:
                    cells = [column[i] for column in r.notes]
                    item["notes"] = {n: t for n, t in zip(notes, cells, strict=False) if t}
                yield item


def _json_item(
    r: RowResult, ids: list[str], shown: Callable[..., str], notes: Sequence[str]
) -> dict[str, object]:
    item: dict[str, object] = {"file": r.file} if r.file else {}  # a batch of many files
    item.update(row=r.row, entity=r.entity, period=r.period)
    if not r.ok:
        item.update(status="error", errors=list(r.errors))
    else:
        item.update(
            status="ok",
            total=shown(r.total, total=True),
            grade=r.grade,
            full_marks=json_number(r.full_marks),
            flags=r.flags.split("; ") if r.flags else [],
            scores={i: (shown(x) or None) for i, x in zip(ids, r.scores, strict=True)},
        )
    if notes:  # the table's note cells that are not empty, by indicator id
        item["notes"] = {n: t for n, t in zip(notes, r.notes, strict=False) if t}
    return item


def _take(buf: io.StringIO) -> str:
    text = buf.getvalue()
    buf.seek(0)
    buf.truncate()
    return text


def json_lines(
    spec: Spec,
    rows: Iterable[RowResult | Block],
    s: Summary,
    table_file: str = "",
    table_sha256: str = "",
    notes: Sequence[str] = (),
) -> Iterator[str]:
    """A JSON document written piece by piece: {spec, rows: [...], summary}."""
    yield (
        '{"spec": '
        + json_text(
            {
                "id": spec.id,
                "version": spec.version,
                "sha256": spec.sha256,
                "engine": "scorecard",
                "engine_version": __version__,
                "table": table_file,
                "table_sha256": table_sha256,
            }
        )
        + ', "rows": [\n'
    )
    first = True
    for item in _json_items(spec, rows, notes):
        yield ("" if first else ",\n") + json_text(item)
        first = False
    grades = grade_counts(s)
    yield (
        "\n], "
        + '"summary": '
        + json_text({"scored": s.scored, "failed": len(s.failed), "grades": grades})
        + "}\n"
    )


def progress_columns() -> list[Any]:
    """The progress bar's columns, its words in the interface language."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return [
        TextColumn(_("scoring")),
        BarColumn(),
        MofNCompleteColumn(),
        # (a field of rich's: {task.fields[rate]}, the rows scored a second)
        TextColumn(_("rows · {task.fields[rate]} rows/s ·")),
        TimeElapsedColumn(),
        TextColumn(_("· left")),
        TimeRemainingColumn(),
    ]


def progress(
    items: Iterable[RowResult | Block], total: Callable[[], int | None]
) -> Iterator[RowResult | Block]:
    """Items passed through while a progress bar on standard error shows rows
    done of the total, the rate and the time left. ``total()`` is counted in a
    thread, so the bar shows from the start (the total appears when known)."""
    import threading

    from rich.console import Console
    from rich.progress import Progress

    with Progress(
        *progress_columns(),
        console=Console(stderr=True),
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    ) as bar:
        task = bar.add_task("scoring", total=None, rate="…")

        def count() -> None:
            known = total()
            if known is not None:
                bar.update(task, total=known)

        threading.Thread(target=count, daemon=True).start()
        for item in items:
            bar.advance(task, len(item) if isinstance(item, Block) else 1)
            speed = bar.tasks[0].speed
            bar.update(task, rate=f"{speed:,.0f}" if speed else "…")
            yield item
