"""A chunk of a batch scored column-wise: the fast path's results as a
:class:`Block` of integer columns, and the rows it leaves to the exact path."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import field, replace
from fractions import Fraction
from itertools import chain, zip_longest
from typing import TYPE_CHECKING, Any

from ..base.records import record
from ..base.text import is_percent
from ..spec.model import Spec
from .rows import RowResult, exact_row
from .tables import Column, Table, UnreadCell, _text, extra_cells

if TYPE_CHECKING:
    from .gaps import Gaps

#: a fast-path row as the outputs write it: (row, entity, period, total units,
#: grade, every indicator's units)
FastRow = tuple[int, str, str, int, str | None, list[int]]


@record
class Block:
    """One chunk's results, in table order. Rows the fast path scored stay as
    columns of integers (units of 10^-places); every other row is a RowResult
    in ``others``, by its position in the block."""

    scale: int
    full_marks: Fraction
    fulls: tuple[Fraction, ...]
    rows: list[int]
    #: the rows' entities and periods (a list, or the Arrow column read)
    entities: Sequence[str]
    periods: Sequence[str]
    #: row by row, every indicator's units in walk order (rows in ``others``: unused);
    #: empty when only ``matrix`` holds them (:meth:`unit_rows`)
    units: list[list[int]]
    totals: list[int]
    grades: list[str | None]
    others: dict[int, RowResult]
    #: positions of the fast rows, in order
    fast: list[int]
    #: ``units`` as a numpy array (for column statistics)
    matrix: Any = None
    #: the block's output, when it was rendered where it was scored (--jobs)
    text: str | bytes | None = None
    #: the note cells, column by column (one list per note column of the table)
    notes: list[Sequence[str]] = field(default_factory=list)
    #: rows with N/A marks scored on the fast path: which indicators are not
    #: applicable, their full marks (:class:`engine.batch.patterns.Marked`)
    marked: Any = None
    #: values likely mistyped (:mod:`engine.batch.suspects`)
    suspects: dict[tuple[str, str], tuple[int, int, str]] = field(default_factory=dict)
    #: the file the rows came from, for a table in parts (:attr:`RowResult.file`)
    file: str = ""

    def __len__(self) -> int:
        return len(self.rows)

    def in_file(self, path: str) -> None:
        """Say which file the block's rows came from (a table in parts), its other
        rows' results too."""
        self.file = path
        self.others = {i: replace(r, file=path) for i, r in self.others.items()}

    def make_lean(self) -> None:
        """Keep only what counting needs (rows, grades, the fast positions and the
        other rows, and the entities and periods, checked for one row per entity):
        a block whose ``text`` is written needs no more."""
        self.units, self.totals, self.matrix, self.notes = [], [], None, []

    def unit_rows(self, a: int, b: int) -> list[list[int]]:
        """Rows ``a`` to ``b`` of the units, as lists of plain ints."""
        if self.units or self.matrix is None:
            return self.units[a:b]
        return list(self.matrix[a:b].tolist())

    def results(self) -> Iterator[RowResult]:
        """Each row as a RowResult, in order."""
        value = Exact(self.scale).__getitem__
        units = self.unit_rows(0, len(self.rows))
        for i, row in enumerate(self.rows):
            other = self.others.get(i)
            if other is not None:
                yield other
                continue
            if self.marked is not None and self.marked.flagged(i):
                yield self._marked(i, units[i], value)
                continue
            yield RowResult(
                row,
                self.entities[i],
                self.periods[i],
                value(self.totals[i]),
                self.full_marks,
                self.grades[i],
                tuple(map(value, units[i])),
                self.fulls,
                notes=tuple(column[i] for column in self.notes),
                file=self.file,
            )

    def fast_rows(
        self, a: int, b: int
    ) -> Iterator[tuple[int, str, str, int, str | None, list[int]]]:
        """Rows ``a`` to ``b`` as the fast path left them: (row, entity, period,
        total units, grade, every indicator's units); what the outputs write."""
        return zip(
            self.rows[a:b],
            self.entities[a:b],
            self.periods[a:b],
            self.totals[a:b],
            self.grades[a:b],
            self.unit_rows(a, b),
            strict=True,
        )

    def plain(self, a: int, b: int) -> bool:
        """Whether rows ``a`` to ``b`` hold no N/A mark and no leaf without a value."""
        return self.marked is None or not self.marked.flagged_in(a, b)

    def result(self, i: int) -> RowResult:
        """Row ``i`` as a RowResult."""
        other = self.others.get(i)
        if other is not None:
            return other
        value = Exact(self.scale).__getitem__
        units = self.unit_rows(i, i + 1)[0]
        if self.marked is not None and self.marked.flagged(i):
            return self._marked(i, units, value)
        return RowResult(
            self.rows[i],
            self.entities[i],
            self.periods[i],
            value(self.totals[i]),
            self.full_marks,
            self.grades[i],
            tuple(map(value, units)),
            self.fulls,
            notes=tuple(column[i] for column in self.notes),
            file=self.file,
        )

    def _marked(self, i: int, units: list[int], value: Callable[[int], Fraction]) -> RowResult:
        """A row with N/A marks: no score where not applicable (full marks 0), its
        full marks where a score is those (not a whole number of units)."""
        from .patterns import row_flags

        m = self.marked
        kind = m.kinds.rows[i]
        na, full = m.na[i].tolist(), m.full_cells[i].tolist()
        fulls = tuple(m.full(i, j) for j in range(len(units)))
        scores = tuple(
            None if na[j] else fulls[j] if full[j] else value(u) for j, u in enumerate(units)
        )
        return RowResult(
            self.rows[i],
            self.entities[i],
            self.periods[i],
            value(self.totals[i]),
            Fraction(int(m.kind_fulls[kind]), int(m.kind_denominators[kind])),
            self.grades[i],
            scores,
            fulls,
            flags=row_flags(m.ids, na, m.gone[i] if m.gone is not None else None),
            notes=tuple(column[i] for column in self.notes),
            file=self.file,
        )

    def runs(self) -> Iterator[tuple[int, int] | RowResult]:
        """The block as runs of fast rows, (start, stop), and the other rows."""
        start = 0
        for i in sorted(self.others):
            if i > start:
                yield start, i
            yield self.others[i]
            start = i + 1
        if start < len(self.rows):
            yield start, len(self.rows)


def fast_block(
    plan: Any,
    spec: Spec,
    table: Table,
    chunk: list[tuple[int, list[Any]]],
    missing: str,
    na_tokens: tuple[str, ...],
    memo: dict[tuple[str, ...], int | None],
) -> Block:
    from .fastpath import parse_columns

    cols = _ChunkColumns(table, spec, chunk, na_tokens)
    label_ids = {leaf.id for leaf in plan.leaves if leaf.kind == "grades"}
    parsed = parse_columns(cols.values, label_ids, len(chunk), cols.percent, cols.marks)
    for i, b in enumerate(cols.blocked):
        if b:
            parsed.eligible[i] = False
    parsed.chosen = dict(cols.chosen)
    found = Found([row for row, _ in chunk], cols.entities, cols.periods, cols.notes)
    return scored_block(
        plan,
        spec,
        table,
        parsed,
        memo,
        found,
        lambda i: chunk[i][1],
        missing,
        na_tokens,
        cols.marks,
    )


@record
class Found:
    """What a chunk's rows say besides their values: row numbers, entities,
    periods and note columns (lists, one item a row)."""

    rows: list[int]
    entities: Sequence[str]
    periods: Sequence[str]
    notes: list[Sequence[str]]


def _out_of_force(spec: Spec, periods: Sequence[str]) -> Any:
    """Per row, whether its period lies outside the spec's effective dates (each
    distinct period looked at once)."""
    import numpy as np

    from ..scoring.actuals import out_of_force

    outside = {p: out_of_force(spec, p or None) is not None for p in set(periods)}
    return np.array([outside[p] for p in periods], dtype=bool)


def scored_block(
    plan: Any,
    spec: Spec,
    table: Table,
    parsed: Any,
    memo: dict[tuple[str, ...], int | None],
    found: Found,
    cells: Callable[[int], list[Any]],
    missing: str,
    na_tokens: tuple[str, ...],
    marks: dict[str, Any] | None = None,
    gaps: Gaps | None = None,
) -> Block:
    """A chunk's values, parsed (:class:`engine.batch.fastpath.Chunk`), scored
    column-wise; rows the fast path leaves go the exact way (``cells(i)``: the
    cells of the chunk's row ``i``, as read). ``marks``: leaf id → the rows whose
    cell holds an N/A mark (:mod:`engine.batch.patterns`); ``gaps``: the leaves
    without a value and the empty cells (:mod:`engine.batch.gaps`), scored 0
    under ``--missing zero``, told under ``--missing error``."""
    from .fastpath import score_chunk, totals
    from .patterns import graded, score_marked
    from .suspects import suspects

    parsed.scored = memo
    if spec.effective is not None:  # a period the version is not in force for: refused exactly
        parsed.eligible &= ~_out_of_force(spec, found.periods)
    # leaves without a value score 0 (under --missing error too: a row the fast path
    # then scores lacks nothing else, so what it lacks is all its errors say)
    zeros = gaps.leaves if gaps is not None else None
    marked = None
    if zeros or (marks and any(m.any() for m in marks.values())):
        marked = score_marked(plan, spec, parsed, marks or {}, zeros)
        scores, exact, total_column = marked.scores, marked.exact, marked.totals
        grades = marked.grades
    else:
        scores, exact = score_chunk(plan, parsed)
        total_column = totals(plan, scores, exact)
        grades = graded(plan, total_column)
    rows = found.rows
    others = _exact_rows(
        plan, spec, table, parsed, exact, found, cells, missing, na_tokens, gaps, marks
    )
    return Block(
        10**plan.places,
        spec.total,
        plan.fulls,
        rows,
        found.entities,
        found.periods,
        [],  # made from ``matrix`` when asked (:meth:`Block.unit_rows`)
        total_column.tolist(),
        grades,
        others,
        (~exact).nonzero()[0].tolist(),
        scores,
        notes=found.notes,
        marked=marked,
        suspects=suspects(spec, parsed.numbers, parsed.texts, rows, ~exact),
    )


def _exact_rows(
    plan: Any,
    spec: Spec,
    table: Table,
    parsed: Any,
    exact: Any,
    found: Found,
    cells: Callable[[int], list[Any]],
    missing: str,
    na_tokens: tuple[str, ...],
    gaps: Gaps | None,
    marks: dict[str, Any] | None = None,
) -> dict[int, RowResult]:
    """The results of the rows the fast path leaves (``exact``, set here too for
    rows told what they lack), in table order: rows refused by cells alike, and
    under --missing error rows with empty cells alike, told once per pattern
    (:mod:`engine.batch.gaps`); the others one by one."""
    import numpy as np

    from .gaps import refused, told

    rows = found.rows
    missed = None
    if gaps is not None and gaps.leaves and missing != "zero":
        missed = gaps.rows(len(rows)) & ~exact  # told once per pattern of empty cells
    alike = np.zeros(len(rows), dtype=bool)  # rows with cells refused alike, told alike
    for codes, _texts in parsed.odd.values():
        alike |= codes > 0
    alike &= exact
    others = {
        i: exact_row(spec, table, rows[i], cells(i), missing, na_tokens)
        for i in (exact & ~alike).nonzero()[0].tolist()
    }
    if alike.any():
        at = alike.nonzero()[0]
        context = _context(plan, spec, table, parsed, found, gaps, missing, marks)
        others.update(
            refused(
                spec,
                table,
                parsed.odd,
                at,
                found,
                cells,
                missing,
                na_tokens,
                plan.variants,
                context,
            )
        )
    if gaps is not None and missed is not None and missed.any():
        at = missed.nonzero()[0]
        others.update(told(spec, table, gaps, at, found, cells, na_tokens, plan.variants))
        exact |= missed
    if alike.any() or missed is not None:
        others = dict(sorted(others.items()))  # in table order, as the outputs tell them
    return others


def _context(
    plan: Any,
    spec: Spec,
    table: Table,
    parsed: Any,
    found: Found,
    gaps: Gaps | None,
    missing: str,
    marks: dict[str, Any] | None = None,
) -> list[Any]:
    """What the errors of a row refused by a cell depend on besides that cell
    (:func:`engine.batch.gaps.refused`): under --missing error the values it
    lacks, which are told with it; the leaves marked not applicable in it (a
    chosen score beside one is refused); its grade labels (the grades of a leaf
    without ranges as one: none is refused) and chosen scores; its period,
    where the spec has effective dates."""
    import numpy as np

    from .fastpath import _distinct, _labels
    from .gaps import Keyed

    n = len(found.rows)
    out: list[Keyed] = []
    where = {(c.kind, c.target): str(c.index) for c in table.columns}
    graded = {
        leaf.id: {word for word, _units in leaf.grades}
        for leaf in plan.leaves
        if leaf.kind == "grades" and not leaf.ranges
    }
    if gaps is not None and missing != "zero":
        for leaf, rows in sorted(gaps.leaves.items()):
            out.append(Keyed(f"lacks {leaf}", rows.astype(np.int64), [False, True], [None, None]))
        for target, rows in sorted(gaps.blanks.items()):
            at = where.get(("value", target)) or where.get(("input", target))
            out.append(Keyed(f"empty {target}", rows.astype(np.int64), [False, True], [None, at]))
    for leaf, rows in sorted((marks or {}).items()):
        out.append(Keyed(f"marked {leaf}", rows.astype(np.int64), [False, True], [None, None]))
    for kind, columns in (("value", parsed.labels), ("score", parsed.chosen)):
        for target, cells in sorted(columns.items()):
            labels = _labels(cells, n)
            at = where.get((kind, target))
            words: list[Any] = list(labels.words)
            codes = np.asarray(labels.codes, dtype=np.int64)
            known = graded.get(target) if kind == "value" else None
            if known is not None:  # every grade alike, each other word its own
                others = [w for w in words if w not in known]
                place = {w: k + 1 for k, w in enumerate(others)}
                codes = np.array([place.get(w, 0) for w in words], dtype=np.int64)[codes]
                words = [True, *others]
            out.append(Keyed(f"{kind} {target}", codes, words, [at] * len(words)))
    if spec.effective is not None:
        texts, codes = _distinct(found.periods, np.arange(n))
        at = next((str(c.index) for c in table.columns if c.kind == "period"), None)
        out.append(Keyed("period", codes, list(texts), [at] * len(texts)))
    return out


class _ChunkColumns:
    """A chunk of rows column by column: the value and input cells by id, the
    entities, periods and notes, and the rows the fast path must leave to the
    exact path (extra cells, unsaved formulas, %-formatted cells, chosen scores
    of a typed table, N/A reasons, N/A marks that would read as numbers)."""

    def __init__(
        self,
        table: Table,
        spec: Spec,
        chunk: list[tuple[int, list[Any]]],
        na_tokens: tuple[str, ...],
    ):
        n = len(chunk)
        self.n = n
        width = table.width
        # a row with cells beyond the header's columns fails; empty ones are dropped
        self.blocked = [bool(extra_cells(table, cells)) for _, cells in chunk]
        if table.typed:  # an XLSX cell that cannot be read fails its row, any column
            self.blocked = [
                b or any(isinstance(c, UnreadCell) for c in cells)
                for b, (_, cells) in zip(self.blocked, chunk, strict=True)
            ]
        if any(len(cells) > width for _, cells in chunk):
            chunk = [(row, cells[:width]) for row, cells in chunk]
        self._transpose(table, [cells for _, cells in chunk])
        self.values: dict[str, list[str]] = {}
        self.entities = self.periods = [""] * n
        self.notes: list[Sequence[str]] = []
        self.percent = frozenset(
            c.target
            for c in table.columns
            if c.kind == "value"
            and c.target in spec.by_id
            and is_percent(spec.by_id[c.target].unit)
        )
        # N/A marks that would read as numbers (--na 0): rows holding one go the exact way
        numeric_marks = {t for t in na_tokens if reads_as_float(t)}
        #: leaf id → rows whose value cell holds an N/A mark (other than those)
        self.marks: dict[str, Any] = {}
        self.text_marks = set(na_tokens) - numeric_marks
        #: grades leaf id → its chosen scores (``score.ID``), stripped
        self.chosen: dict[str, list[str]] = {}
        for col in table.columns:
            self._column(col, table, numeric_marks)

    def _transpose(self, table: Table, lines: list[list[Any]]) -> None:
        width = table.width
        self.plain = not table.typed  # CSV cells are text
        if set(map(len, lines)) == {width}:  # the usual case: slices of all cells in a row
            flat = list(chain.from_iterable(lines))
            self.by_column: list[Sequence[Any]] = [flat[j::width] for j in range(width)]
            self.padded = False
        else:  # short rows padded with None
            self.by_column = list(zip_longest(*lines, fillvalue=None))
            self.padded = True

    def texts(self, j: int, strip: bool) -> list[str]:
        cells: Sequence[Any] = self.by_column[j] if j < len(self.by_column) else (None,) * self.n
        if self.plain and not (self.padded and None in cells):
            return list(map(str.strip, cells)) if strip else list(cells)
        return [_text(c) for c in cells]

    def _column(self, col: Column, table: Table, numeric_marks: set[str]) -> None:
        j = col.index - 1
        if col.kind in ("value", "input"):
            cells = self.values[col.target] = self.texts(j, strip=False)
            if col.index in table.percent_columns:
                self.blocked = [True] * self.n  # %-formatted cells: the exact path scales them
            if numeric_marks and col.kind == "value":
                marked = [t.strip() in numeric_marks for t in cells]
                self.blocked = [b or m for b, m in zip(self.blocked, marked, strict=True)]
            if col.kind == "value":
                import numpy as np

                texts = self.texts(j, strip=True)
                na = np.fromiter((t in self.text_marks for t in texts), bool, count=self.n)
                if na.any():
                    self.marks[col.target] = na
        elif col.kind == "score" and not table.typed and col.index not in table.percent_columns:
            self.chosen[col.target] = self.texts(j, strip=True)  # a grade range's chosen score
        elif col.kind in ("score", "na", "claimed", "claimed_total"):  # checked the exact way
            given = self.texts(j, strip=True)
            self.blocked = [b or bool(t) for b, t in zip(self.blocked, given, strict=True)]
        elif col.kind == "entity":
            self.entities = self.texts(j, strip=True)
        elif col.kind == "period":
            self.periods = self.texts(j, strip=True)
        elif col.kind == "note":
            self.notes.append(self.texts(j, strip=True))


def reads_as_float(text: str) -> bool:
    """Whether ``float`` takes the text once its spreadsheet forms are made plain
    (all the fast path can read as a number)."""
    from .cellforms import plain_cells

    try:
        float(plain_cells([text], True)[0])
    except ValueError:
        return False
    return True


class Exact(dict[int, Fraction]):
    """units → Fraction(units, scale), made on first use (``map`` calls it in C)."""

    def __init__(self, scale: int):
        super().__init__()
        self.scale = scale

    def __missing__(self, units: int) -> Fraction:
        value = self[units] = Fraction(units, self.scale)
        return value
