"""Batch scoring: every row of a table, each entity on its own.

A row that fails is reported with its row number and reason; every other row
is still scored. Rows are read in chunks; where the spec allows, a chunk is
scored column-wise (:mod:`engine.blocks`, :mod:`engine.fastpath`), and every row
that path cannot decide exactly is scored by the exact path
(:mod:`engine.rows`: the same evaluation as `score`, without the written
arithmetic). With ``jobs`` > 1, chunks are scored by worker processes. The
running figures are in :mod:`engine.summary`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial
from itertools import chain, islice
from typing import Any

from ..base.errors import ScorecardError
from ..base.i18n import _
from ..spec.model import Spec
from .absent import refuse_absent
from .blocks import Block, fast_block
from .rows import RowResult, exact_row
from .summary import IndicatorStats, Summary
from .tables import (
    NA_TOKENS,
    CsvLines,
    Table,
    columnar_source,
    csv_pieces,
    line_source,
    piece_records,
)

__all__ = [
    "Block",
    "IndicatorStats",
    "RowResult",
    "Summary",
    "exact_row",
    "score_blocks",
    "score_chunk_rows",
    "score_rows",
]

#: rows scored together by the fast path
CHUNK = 4096
#: with ``fast=None`` (the default), tables with fewer rows skip the fast path:
#: importing numpy would take longer than scoring them the exact way
SMALL = 200
#: most exact scores of undecided cells kept for reuse
MEMO = 200_000
#: rows sent to a worker process at a time with --jobs
PARALLEL_CHUNK = 2048


def score_rows(
    spec: Spec,
    table: Table,
    missing: str = "error",
    na_tokens: tuple[str, ...] = NA_TOKENS,
    fast: bool | None = None,
    jobs: int = 1,
    *,
    whole: bool = True,
) -> Iterator[RowResult]:
    """Every row's result, in the table's order. With ``jobs`` > 1, chunks are
    scored by that many processes; the results come back in the same order, so
    the output is byte for byte that of one process. ``fast``: True uses the fast
    path wherever the spec allows, False never, None (the default) from ``SMALL``
    rows on; the results are the same either way. ``whole``: as :func:`score_blocks`."""
    for item in score_blocks(spec, table, missing, na_tokens, fast, jobs, whole=whole):
        if isinstance(item, Block):
            yield from item.results()
        else:
            yield item


def score_blocks(
    spec: Spec,
    table: Table,
    missing: str = "error",
    na_tokens: tuple[str, ...] = NA_TOKENS,
    fast: bool | None = None,
    jobs: int = 1,
    render: Callable[[Spec], Any] | None = None,
    lean: bool = False,
    *,
    whole: bool = True,
) -> Iterator[Block | RowResult]:
    """The results as :func:`score_rows` gives them, but a chunk the fast path
    scored comes as one :class:`Block` (columns of integers) rather than a
    RowResult per row: what the streamed outputs and the summary read cheaply.

    With ``jobs`` > 1, ``render(spec)`` is made in each worker and its ``text(block)``
    stored in ``block.text`` (the output is made in parallel too); with ``lean``,
    rendered blocks come back without their scores (enough for counting).

    ``whole``: the table is all that is scored, so one lacking a column every row
    needs is refused here, when called (:mod:`engine.batch.absent`); False for one
    part of several (the others' rows still count) and for a comparison (the
    other spec may score the rows), whose rows then fail one by one."""
    if whole and missing == "error":  # before any row: a column no row has fails every row
        refuse_absent(spec, table)
    if jobs > 1:
        return _parallel(spec, table, missing, na_tokens, fast, jobs, render, lean)
    return _chunks(spec, table, missing, na_tokens, fast, {})


def _chunks(
    spec: Spec,
    table: Table,
    missing: str,
    na_tokens: tuple[str, ...],
    fast: bool | None,
    memo: dict[tuple[str, ...], int | None],
) -> Iterator[Block | RowResult]:
    """The table's rows in chunks, in this process; ``memo`` keeps undecided
    cells' exact scores by their inputs (a batch repeats values). A large CSV is
    read column-wise (:mod:`engine.batch.columnar`), and so is a typed table
    (:mod:`engine.batch.typed`: Parquet, data frames, a large XLSX sheet)."""
    pieces = _typed(spec, table, fast)
    if pieces is not None:
        from .typed import typed_items

        yield from typed_items(_plan(spec), spec, table, pieces, missing, na_tokens, memo)
        return
    source = _columnar(spec, table, fast)
    if source is not None:
        from .columnar import csv_items

        yield from csv_items(_plan(spec), spec, table, source, missing, na_tokens, memo)
        return
    rows = iter(table.rows)
    chunk = list(islice(rows, CHUNK))
    # a small table is scored sooner than numpy is imported
    plan = _plan(spec) if fast or (fast is None and len(chunk) >= SMALL) else None
    while chunk:
        if plan is None:
            for row, cells in chunk:
                yield exact_row(spec, table, row, cells, missing, na_tokens)
        else:
            if len(memo) > MEMO:
                memo.clear()
            yield fast_block(plan, spec, table, chunk, missing, na_tokens, memo)
        chunk = list(islice(rows, CHUNK))


def _columnar(spec: Spec, table: Table, fast: bool | None) -> CsvLines | None:
    """The CSV file to read column-wise: a large one (:func:`columnar_source`),
    when the spec has a fast-path plan and numpy and pyarrow are installed."""
    source = columnar_source(table) if fast is not False else None
    if source is None:
        return None
    try:
        from .columnar import csv_items  # noqa: F401  (numpy and pyarrow importable)
    except ImportError:
        return None
    return source if _plan(spec) is not None else None


def _typed(spec: Spec, table: Table, fast: bool | None) -> Iterator[Any] | None:
    """A typed table's pieces of columns, when its rows are untouched and the
    spec has a fast-path plan (the pieces are then taken from the rows)."""
    pieces = getattr(table.rows, "pieces", None)
    if fast is False or not table.typed or pieces is None or _plan(spec) is None:
        return None
    taken: Iterator[Any] | None = pieces()
    return taken


def _plan(spec: Spec) -> Any:
    try:
        from .fastpath import make_plan
    except ImportError:  # numpy absent: the exact path does everything
        return None
    return make_plan(spec)


def score_chunk_rows(
    spec: Spec,
    table: Table,
    chunk: list[tuple[int, list[Any]]],
    missing: str = "error",
    na_tokens: tuple[str, ...] = NA_TOKENS,
    fast: bool | None = None,
) -> list[RowResult]:
    """One chunk of rows, scored on its own: a pure function of its arguments (all
    picklable), so a chunk can be scored in another process or on another machine."""
    shell = replace(table, rows=iter(chunk))
    return list(score_rows(spec, shell, missing, na_tokens, fast))


_WORKER: dict[str, Any] = {}


def _init_worker(
    spec: Spec,
    table: Table,
    missing: str,
    na_tokens: tuple[str, ...],
    fast: bool | None,
    render: Callable[[Spec], Any] | None,
    lean: bool,
    lines: CsvLines | None,
    voice: tuple[str, str] = ("en", "cli"),
) -> None:
    import signal

    from ..base.i18n import set_voice
    from .memory import no_huge_pages

    set_voice(voice)  # row messages in the parent's language, to its caller, however workers start
    no_huge_pages()  # (a worker spawned afresh imported numpy with its default)
    # the main process stops the workers: a Ctrl-C at the terminal is its to handle
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _end_with_parent()
    _WORKER.update(
        spec=spec,
        table=table,
        missing=missing,
        na_tokens=na_tokens,
        fast=fast,
        render=render(spec) if render is not None else None,
        lean=lean,
        memo={},
        lines=lines,
    )


def _end_with_parent() -> None:
    """On Linux, a worker ends when the main process ends, however it ended."""
    import contextlib
    import ctypes
    import signal
    import sys

    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # no libc to ask
            ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _work(chunk: list[tuple[int, list[Any]]]) -> list[Block | RowResult]:
    w = _WORKER
    shell = replace(w["table"], rows=iter(chunk))
    return _rendered(
        list(_chunks(w["spec"], shell, w["missing"], w["na_tokens"], w["fast"], w["memo"]))
    )


def _work_bytes(before: int, data: bytes) -> list[Block | RowResult]:
    """A piece of a large CSV's bytes: read column-wise, scored (and rendered) here."""
    from .columnar import piece_items

    w = _WORKER
    spec = w["spec"]
    args = (w["table"], w["lines"], before, data, w["missing"], w["na_tokens"], w["memo"])
    return _rendered(list(piece_items(_plan(spec), spec, *args)))


def _rendered(items: list[Block | RowResult]) -> list[Block | RowResult]:
    w = _WORKER
    if w["render"] is not None:
        for item in items:
            if isinstance(item, Block):
                item.text = w["render"].text(item)
                if w["lean"]:  # rendered, and the summary only counts: send less back
                    item.make_lean()
    return items


def _work_typed(piece: Any) -> list[Block | RowResult]:
    """A piece of a typed table's columns: scored (and rendered) here."""
    from .typed import typed_items

    w = _WORKER
    spec = w["spec"]
    args = (w["table"], iter([piece]), w["missing"], w["na_tokens"], w["memo"])
    return _rendered(list(typed_items(_plan(spec), spec, *args)))


def _work_piece(before: int, lines: list[str]) -> list[Block | RowResult]:
    """A piece of a quote-free CSV's lines: parsed, scored (and rendered) here."""
    return _work(list(piece_records(_WORKER["lines"], before, lines)))


def _parallel(
    spec: Spec,
    table: Table,
    missing: str,
    na_tokens: tuple[str, ...],
    fast: bool | None,
    jobs: int,
    render: Callable[[Spec], Any] | None = None,
    lean: bool = False,
) -> Iterator[Block | RowResult]:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from ..base.i18n import voice

    # a large CSV goes out as pieces of bytes and a quote-free one as pieces of
    # lines, both parsed by the workers; any other table is read here and goes
    # out as chunks of rows
    large = _columnar(spec, table, fast)
    source = line_source(table) if large is None else large
    typed = _typed(spec, table, fast) if large is None else None
    parts: Iterator[Any]  # (lines before, bytes or lines) pieces, or chunks of rows
    if typed is not None:  # pieces of a typed table's columns
        parts = typed
    elif large is not None:
        from .columnar import byte_pieces

        parts = byte_pieces(large)
    elif source is not None:
        parts = csv_pieces(source, PARALLEL_CHUNK)
    else:
        rows = iter(table.rows)
        parts = iter(lambda: list(islice(rows, PARALLEL_CHUNK)), [])
    first = list(islice(parts, 2))
    if len(first) < 2 and large is not None:  # one piece: scored here
        yield from _chunks(spec, table, missing, na_tokens, fast, {})
        return
    if len(first) < 2 and typed is not None:
        from .typed import typed_items

        yield from typed_items(_plan(spec), spec, table, iter(first), missing, na_tokens, {})
        return
    if len(first) < 2:  # one part at most: scored here, sooner than workers start
        part: Any = first[0] if first else []
        one = piece_records(source, *part) if source is not None and first else iter(part)
        yield from _chunks(spec, replace(table, rows=one), missing, na_tokens, fast, {})
        return
    parts = chain(first, parts)

    # the file's digest, worked here before the workers start: a row scored the
    # exact way names it, and the workers must not read the file again for it
    table.sha256  # noqa: B018  # worked for its effect: kept with the table's copies
    shell = replace(table, rows=iter(()))  # the header only: rows travel chunk by chunk
    if fast is None:  # decided once for the whole table, not piece by piece
        fast = True
    if fast:
        _plan(spec)  # imports numpy once, here, before the workers start (they fork)
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        initializer=_init_worker,
        initargs=(spec, shell, missing, na_tokens, fast, render, lean, source, voice()),
    )
    try:
        work = (
            _work_bytes
            if large is not None
            else _work_typed
            if typed is not None
            else _work_piece
            if source
            else _work
        )
        yield from _collect(pool, parts, work, jobs)
    except BrokenProcessPool:  # a worker ended: most often killed by the system, out of memory
        raise _worker_died(jobs, _stop(pool)) from None
    except BaseException:  # Ctrl-C, SIGTERM, a closed generator: stop the workers now
        _stop(pool)
        raise
    pool.shutdown()


def _collect(
    pool: Any, parts: Iterator[Any], work: Callable[..., Any], jobs: int
) -> Iterator[Block | RowResult]:
    """The parts' results in order, from a bounded window of submitted parts
    (``work``: what scores one part in a worker)."""
    from collections import deque
    from concurrent.futures import Future

    submits: Iterator[Callable[[], Future[list[Block | RowResult]]]]
    if work is _work or work is _work_typed:
        submits = (partial(pool.submit, work, chunk) for chunk in parts)
    else:
        submits = (partial(pool.submit, work, *piece) for piece in parts)
    pending: deque[Future[list[Block | RowResult]]] = deque()
    while True:
        for submit in islice(submits, 2 * jobs - len(pending)):  # a bounded window
            pending.append(submit())
        if not pending:
            return
        yield from _result(pool, pending.popleft())


def _result(pool: Any, future: Any) -> Any:
    """A part's result; a worker that died meanwhile (its result half sent, which
    the pool would wait on for ever) breaks the pool, as its own death would."""
    from concurrent.futures import wait
    from concurrent.futures.process import BrokenProcessPool

    while not wait([future], timeout=0.5).done:
        processes = (getattr(pool, "_processes", None) or {}).values()
        if any(p.exitcode is not None for p in list(processes)):
            raise BrokenProcessPool("a worker process ended")
    return future.result()


def _worker_died(jobs: int, ended: list[int]) -> ScorecardError:
    """What ended the batch: a worker killed (SIGKILL: the system's out-of-memory
    killer, most often), or another signal or exit, said as it is. The pool ends
    the other workers with SIGTERM once one has gone, so that one tells nothing."""
    import signal

    if -signal.SIGKILL in ended:
        return ScorecardError(
            _(
                "a worker process of --jobs {jobs} ended abruptly (killed, as the system does "
                "when memory runs out); the rest of the table was not scored; run again with "
                "fewer --jobs, or with more memory"
            ).format(jobs=jobs)
        )
    telling = [code for code in ended if code != -signal.SIGTERM] or ended
    if not telling:
        how = _("the cause is not known")
    elif telling[0] < 0:
        try:
            name = signal.Signals(-telling[0]).name
        except ValueError:
            name = "?"
        how = _("signal {number}, {name}").format(number=-telling[0], name=name)
    else:
        how = _("exit status {code}").format(code=telling[0])
    return ScorecardError(
        _(
            "a worker process of --jobs {jobs} ended abruptly ({how}); the rest of the table "
            "was not scored; run again, or with --jobs 1"
        ).format(jobs=jobs, how=how)
    )


def _stop(pool: Any) -> list[int]:
    """End the workers at once: what they were scoring is no longer wanted. Their
    exit codes, once all are joined (negative: the signal that ended one; those
    ended here by SIGTERM)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    # (the pool lets go of its queues when shut down: taken before)
    calls = getattr(pool, "_call_queue", None)
    results = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    manager = getattr(pool, "_executor_manager_thread", None)
    for process in processes:
        process.terminate()
    # a piece half sent to a worker that is gone would hold the process at its exit
    if calls is not None:
        calls.cancel_join_thread()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(1)
    # a result half sent by a worker that is gone would hold the pool's own thread
    # (and the process at its exit) reading the rest: with the last writing end
    # closed, its read ends
    if results is not None:
        results.close()
    # the pool's thread then ends, and closes its wake-up pipe before the exit
    # would write to it (CPython 3.11 does so without a lock)
    if manager is not None:
        manager.join(2)
    # read last: a worker the pool's thread was reaping meanwhile shows its code only then
    return [p.exitcode for p in processes if p.exitcode is not None]
