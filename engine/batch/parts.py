"""A table in parts: many files (``'parts/*.parquet'``) scored one part at a time,
in this process or on a Dask cluster, with the same results in the same order.

Each part is scored by :func:`score_part`, a pure function of picklable
arguments (the compiled spec, the part's path, the options), wherever it runs;
its results come back in the order of the parts, so the outputs are byte for
byte the same whichever way the parts were scored. Rows are numbered within
their part, and a row's error names its part's file.
"""

from __future__ import annotations

import glob
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..base.errors import LoadError, ScorecardError, UsageError
from ..base.files import is_lock_file as is_lock_file
from ..base.files import lock_file_said as lock_file_said
from ..base.i18n import _, voice
from ..base.records import record
from ..base.text import name_text
from ..spec.model import Spec
from .blocks import Block
from .rows import RowResult
from .runner import score_blocks
from .tables import NA_TOKENS, Table, open_table

#: characters that make a TABLE argument a pattern of many files
PATTERN = frozenset("*?[")


def is_pattern(table: str) -> bool:
    """Whether TABLE is a pattern of files: it holds ``* ? [`` and names no file
    itself (甲县[2022].xlsx is a file's name)."""
    return bool(PATTERN & set(table)) and not Path(table).exists()


def expand(table: str) -> tuple[list[str], list[str]]:
    """The files a TABLE argument names, in sorted order; and the Excel lock files
    its pattern matched, left out (``~$甲县.xlsx``: Excel's mark that 甲县.xlsx is
    open, a few bytes naming who opened it, never a workbook)."""
    if not is_pattern(table):
        return [table], []
    found = sorted(glob.glob(table))
    locks = [f for f in found if is_lock_file(f)]
    found = [f for f in found if not is_lock_file(f)]
    if locks and not found:
        raise UsageError(
            _(
                "{table}: only Excel lock files match ({locks}: Excel writes one beside a "
                "workbook it has open); give the workbooks themselves"
            ).format(table=table, locks=_(", ").join(locks))
        )
    if not found:
        raise UsageError(
            _("{table}: no file matches this pattern; give a file or a pattern").format(table=table)
        )
    return found, locks


@record(frozen=True)
class PartJob:
    """What every part is scored with (picklable: it travels to the workers)."""

    spec: Spec
    missing: str = "error"
    na_tokens: tuple[str, ...] = NA_TOKENS
    encoding: str = "auto"
    sheet: str | None = None
    render: Callable[[Spec], Any] | None = None
    lean: bool = False
    #: the parts are one file: its header alone decides what every row lacks
    whole: bool = False
    #: each row says its file (:attr:`~engine.batch.rows.RowResult.file`): a pattern
    #: was given, however many files it matched
    files: bool = False
    #: the note columns the outputs carry (the first file's ``notes.ID``), in order:
    #: every part gives the same, each row's notes put in this order
    notes: tuple[str, ...] | None = None


@record(frozen=True)
class SheetFacts:
    """What a part's rows and sheet show that a batch tells beside the rows, found
    where the part is scored (rows are numbered within their part, so each part is
    checked on its own): the rows that break one row per entity, the rows and
    columns its sheet hides, the cells it may show otherwise than it stores
    (told by :func:`engine.render.batch_view.entity_notes`, as one table's are)."""

    file: str
    #: the entity column's number, where a row's warning points
    column: int
    unnamed: list[int]
    twice: list[tuple[int, int, str]]
    totals_rows: list[tuple[int, str]]
    bare: list[tuple[int, str]]
    hidden: list[tuple[int, str]]
    hidden_columns: list[tuple[int, str]]
    stored: list[tuple[str, int, int, str]]
    #: values likely mistyped (:attr:`engine.batch.summary.Summary.suspects`), and
    #: the rows that failed, of this part
    suspects: dict[tuple[str, str], tuple[int, int, str]]
    failed: frozenset[int]
    #: how many rows the part gave (where its rows are among all the parts')
    size: int

    def hidden_read(self) -> list[tuple[int, str]]:
        return self.hidden

    def failed_rows(self) -> set[int]:
        return set(self.failed)

    @classmethod
    def of(cls, spec: Spec, table: Table, items: list[Block | RowResult]) -> SheetFacts:
        from .summary import Summary

        s = Summary(spec, keep_totals=False)
        s.seen(table)
        for _item in s.counted(iter(items)):
            pass
        column = next(c.index for c in table.columns if c.kind == "entity")
        return cls(
            table.file,
            column,
            s.unnamed,
            s.twice,
            s.totals_rows,
            s.bare,
            s.hidden_read(),
            s.hidden_columns,
            s.stored,
            s.suspects,
            frozenset(s.failed_rows()),
            sum(len(rows) for rows, _entities, _periods in s.named),
        )


def score_part(job: PartJob, path: str) -> tuple[list[Block | RowResult], SheetFacts | None]:
    """One part, read and scored here (and its blocks rendered, when asked), with
    what its sheet and rows show to be told beside them (None for a table of one
    part: the batch checks it whole)."""
    table = open_table(path, job.spec, job.encoding, job.sheet, job.na_tokens)
    order = _notes_order(job, table)
    items = list(score_blocks(job.spec, table, job.missing, job.na_tokens, whole=job.whole))
    if order is not None:  # the first file's notes in another order: each row's put in its
        items = [_reordered(item, order) for item in items]
    facts = None if job.whole else SheetFacts.of(job.spec, table, items)
    if job.files:  # rows are numbered within their file: each says which
        items = [_in_file(item, name_text(path)) for item in items]
    if job.render is not None:
        renderer = job.render(job.spec)
        for item in items:
            if isinstance(item, Block):
                item.text = renderer.text(item)
                if job.lean:
                    item.make_lean()
    return items, facts


def _notes_order(job: PartJob, table: Table) -> list[int] | None:
    """Where each of the outputs' note columns is among the part's, when the part
    gives them in another order (None: in the same). A part with other note
    columns is refused: its notes would land under another indicator's column,
    or be lost."""
    from .tables import note_columns

    own = note_columns(table)
    given = [c.target for c in own]
    if job.notes is None or tuple(given) == job.notes:
        return None
    if sorted(given) != sorted(job.notes):
        at = own[0].index if own else 1
        raise LoadError(
            _(
                "{path}:1:{col}: its note columns ({given}) are not the first file's "
                "({first}); give every file of the pattern the same notes.ID columns"
            ).format(
                path=table.file,
                col=at,
                given=_(", ").join(f"notes.{n}" for n in given) or _("none"),
                first=_(", ").join(f"notes.{n}" for n in job.notes) or _("none"),
            )
        )
    return [given.index(n) for n in job.notes]


def _reordered(item: Block | RowResult, order: list[int]) -> Block | RowResult:
    if isinstance(item, Block):
        item.notes = [item.notes[k] for k in order] if item.notes else item.notes
        item.others = {i: _reordered(r, order) for i, r in item.others.items()}  # type: ignore[misc]
        return item
    return replace(item, notes=tuple(item.notes[k] for k in order)) if item.notes else item


def _in_file(item: Block | RowResult, path: str) -> Block | RowResult:
    if isinstance(item, Block):
        item.in_file(path)
        return item
    return replace(item, file=path)


def score_parts(
    job: PartJob, paths: list[str], client: Any = None, told: list[SheetFacts] | None = None
) -> Iterator[Block | RowResult]:
    """Every part's results, in the order of ``paths``: here, or with a
    ``dask.distributed.Client`` on its workers (a bounded window of parts at a
    time); each part's :class:`SheetFacts` added to ``told`` as its rows come."""
    if client is None:
        for path in paths:
            items, facts = score_part(job, path)
            if facts is not None and told is not None:
                told.append(facts)
            yield from items
        return
    window = 2 * max(1, len(client.scheduler_info().get("workers", {})))
    spec_job = client.scatter(job, broadcast=True)
    pending: deque[Any] = deque()
    todo = iter(paths)
    current = None  # the part being read
    try:
        while True:
            for path in todo:
                pending.append(client.submit(_part_or_error, spec_job, path, voice(), pure=False))
                if len(pending) >= window:
                    break
            if not pending:
                return
            current = pending.popleft()
            done = current.result()
            if isinstance(done, ScorecardError):
                raise done
            items, facts = done
            if facts is not None and told is not None:
                told.append(facts)
            yield from items
    finally:  # the parts not yet read and the job: dropped before the cluster may close
        client.cancel([spec_job, *([current] if current is not None else []), *pending])


def _part_or_error(
    job: PartJob, path: str, given: tuple[str, str]
) -> tuple[list[Block | RowResult], SheetFacts | None] | ScorecardError:
    """:func:`score_part` on a Dask worker, speaking as the batch does (``given``:
    :func:`engine.base.i18n.voice`): a part's own problem (its header, a row csv
    cannot read) comes back as a value, to be raised where the batch runs; raised
    on the worker, Dask's log would print it with a traceback."""
    from ..base.i18n import set_voice

    set_voice(given)
    try:
        return score_part(job, path)
    except ScorecardError as e:
        return e


def count_rows(paths: list[str]) -> int | None:
    """About how many rows the tables hold, cheaply: a CSV's lines less its
    header (a quoted cell over many lines counts each), a Parquet file's own
    count; None for an XLSX workbook (its rows are known only once read)."""
    from pathlib import Path

    total = 0
    for path in paths:
        suffix = Path(path).suffix.lower()
        if suffix in (".parquet", ".pq"):
            import pyarrow.parquet as pq

            with open(path, "rb") as fh:
                total += pq.ParquetFile(fh).metadata.num_rows
        elif suffix in (".csv", ".tsv", ".txt"):
            lines = 0
            last = b"\n"
            with open(path, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 22), b""):
                    lines += chunk.count(b"\n")
                    last = chunk[-1:]
            total += lines + (last != b"\n") - 1
        else:
            return None
    return total
