"""`batch`: every row of a table scored, with a summary or one output row per entity."""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterator
from dataclasses import replace
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..base.errors import ScorecardError, UsageError
from ..base.files import TABLE_SUFFIXES, changed_while_read, file_state, old_excel
from ..base.i18n import _, ngettext
from ..base.text import name_text
from .inputs import load_spec_with_sets, na_marks, say_left_out
from .io import OutputClosed, console_for, format_for, say, show, stream
from .root import (
    EncodingOpt,
    Header,
    HeaderOpt,
    Missing,
    MissingOpt,
    NaOpt,
    OutputOpt,
    RebalanceOpt,
    SetOpt,
    SheetOpt,
    SpecArg,
    WidthOpt,
    app,
    reports_errors,
)

YAML = (".yaml", ".yml")

if TYPE_CHECKING:
    from ..batch.runner import Block, RowResult, Summary
    from ..batch.summary import Where
    from ..scoring.result import Scorecard
    from ..spec.load import Document
    from ..spec.model import Spec


class BatchFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"
    parquet = "parquet"
    html = "html"


TableArg = Annotated[
    str,
    typer.Argument(
        help="A .csv, .xlsx or .parquet table: one row per entity, one column per "
        "indicator or input id; or a quoted pattern of many ('parts/*.parquet'), "
        "scored part by part; or filled 自评表 forms ('forms/*.xlsx'), one entity each.",
        metavar="TABLE",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    BatchFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="table (default): ranking, grades and statistics; csv, json, "
        "xlsx and parquet: one row per entity (streamed); html: a page of charts and the "
        "ranking, each unit opening its derivation. With -o and no --format, the "
        "file's extension chooses.",
    ),
]
JobsOpt = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        max=64,
        help="Processes to score with (chunks of 2,048 rows each); the output is "
        "the same as with 1.",
    ),
]
BomOpt = Annotated[
    bool,
    typer.Option(
        "--bom",
        help="Start the CSV with a UTF-8 byte order mark, so that Excel opens its "
        "Chinese text correctly (CSV output only).",
    ),
]
DaskOpt = Annotated[
    str | None,
    typer.Option(
        "--dask",
        metavar="ADDRESS",
        help="Score the parts on Dask: local (a cluster of --jobs processes, at "
        "least 2, on this machine) or tcp://HOST:PORT (a running scheduler). "
        "The output is the same as without it.",
    ),
]


@app.command(
    epilog="Example: scorecard batch specs/gz-dept-overall-2021.yaml examples/docs/units.csv "
    "--missing zero "
    "--format csv -o results.csv"
)
@reports_errors
def batch(
    spec: SpecArg,
    table: TableArg,
    format: FormatOpt = None,
    output: OutputOpt = None,
    missing: MissingOpt = Missing.error,
    encoding: EncodingOpt = "auto",
    sheet: SheetOpt = None,
    na: NaOpt = None,
    width: WidthOpt = None,
    set_: SetOpt = None,
    rebalance: RebalanceOpt = False,
    jobs: JobsOpt = 1,
    header: HeaderOpt = Header.words,
    bom: BomOpt = False,
    dask: DaskOpt = None,
) -> None:
    """Score every row of a table; a failing row is reported and the others still scored."""
    from ..batch.runner import Summary
    from ..batch.tables import NA_TOKENS

    _check_order(spec, table)
    loaded = load_spec_with_sets(spec, set_, rebalance)
    format = _format(format, output, bom)
    tokens = na_marks(na) or NA_TOKENS
    summary = Summary(loaded, keep_totals=format in (BatchFormat.table, BatchFormat.html))
    options = _Options(loaded, table, missing.value, tokens, encoding, sheet, jobs, dask)
    before = {path: file_state(path) for path in options.paths}  # (told if written meanwhile)
    summary.forms = options.forms
    client = options.client()
    written = _Written()
    items: Iterator[Block | RowResult] = iter(())
    try:
        items, notes, source = options.items(format, summary)
        counted = _counted(_with_progress(items, options.paths), summary)
        how = _How(output, bom, width, header.value, source, options)
        _write(format, loaded, counted, summary, notes, how, written)
    except (BrokenPipeError, OutputClosed):  # `| head`: the rows stop, --jobs workers too
        close = getattr(items, "close", None)
        if close is not None:
            close()
        raise
    except KeyboardInterrupt:  # files being written were removed on the way here
        to_stdout = not output and format is not BatchFormat.table
        _interrupted(client, written if to_stdout else None, format.value)
    except ScorecardError as e:  # a later piece of the table: say what already went out
        _close(client)
        if output or not written.lines:
            raise
        typer.echo(str(e), err=True)
        typer.echo(partial_message(written.lines, format.value), err=True)
        raise typer.Exit(e.exit_code) from None
    _close(client)
    _told(summary, options, format, before)


def _told(summary: Summary, options: _Options, format: BatchFormat, before: dict[str, Any]) -> None:
    """What a batch says after its output: the counts, each failed row's errors,
    the table's notes, and a table that changed while it was read; exit 1 when a
    row failed, none was scored, or a table changed."""
    from ..render.batch_view import scored_failed, table_notes

    table = options.table
    if format is not BatchFormat.table:
        typer.echo(scored_failed(summary.scored, len(summary.failed)), err=True)
    lines: list[str] = []  # one unwrapped line each, whatever the format
    for r in summary.failed:
        lines += r.errors
        if len(lines) >= 4096:  # written a few thousand at a time, not line by line
            say(*lines)
            lines = []
    if lines:
        say(*lines)
    if not options.forms:  # (a form's notes are at its cells, said as it was read)
        say(*table_notes(summary.spec, table, summary, options.entity_at, options.parts))
    changed = [path for path, state in before.items() if file_state(path) != state]
    say(*(changed_while_read(path) for path in changed))
    if summary.failed or changed:
        raise typer.Exit(1)
    if not summary.scored:  # a header and nothing below it: most likely the wrong file
        typer.echo(
            _("{table}: no rows to score below the header; give the table with its rows").format(
                table=table
            ),
            err=True,
        )
        raise typer.Exit(1)


def _close(client: Any) -> None:
    if client is not None:
        from ..dask import close

        close(client)


def _interrupted(client: Any, written: _Written | None, format: str) -> None:
    """Stop now, saying what was written. The process ends here, without waiting
    for worker processes that were stopped mid-task (waiting on them can hang)."""
    import os

    from ..batch.utf8_copies import remove_copies

    _close(client)
    remove_copies()  # os._exit runs no finalizer
    typer.echo(interrupted_message(written.lines if written else None, format), err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(130)


def interrupted_message(lines: int | None, format: str) -> str:
    """What a stopped batch says of its output: nothing written (an output file is
    only put in place when whole), or how many lines went to standard output."""
    if lines is None:
        from ..base.output import interrupted_said

        return interrupted_said()
    if not lines:
        return _("interrupted; nothing was written to standard output")
    if format != "csv":  # only a CSV has a header line
        return ngettext(
            "interrupted; {lines} line of {format} was already written to standard output: "
            "it is incomplete",
            "interrupted; {lines} lines of {format} were already written to standard output: "
            "it is incomplete",
            lines,
        ).format(lines=lines, format=format)
    return ngettext(
        "interrupted; {lines} line of {format} (the header) was already written to "
        "standard output: it is incomplete",
        "interrupted; {lines} lines of {format} were already written to standard "
        "output (the header and the rows before the stop): it is incomplete",
        lines,
    ).format(lines=lines, format=format)


def partial_message(lines: int, format: str) -> str:
    """What a batch stopped by an error says of what it wrote on standard output."""
    if format != "csv":  # only a CSV has a header line
        return ngettext(
            "{lines} line of {format} was already written to standard output: it is incomplete",
            "{lines} lines of {format} were already written to standard output: it is incomplete",
            lines,
        ).format(lines=lines, format=format)
    return ngettext(
        "{lines} line of {format} (the header) was already written to standard output: "
        "it is incomplete",
        "{lines} lines of {format} were already written to standard output (the header "
        "and the rows before the error): it is incomplete",
        lines,
    ).format(lines=lines, format=format)


def _format(given: BatchFormat | None, output: str | None, bom: bool) -> BatchFormat:
    format = BatchFormat(format_for(output, [f.value for f in BatchFormat], given))
    if bom and format is not BatchFormat.csv:
        raise UsageError(
            _("--bom applies to CSV output only, not {format}; drop --bom").format(
                format=format.value
            )
        )
    if format in (BatchFormat.xlsx, BatchFormat.parquet) and not output:
        raise UsageError(
            _("{format} output is a file: give -o FILE.{format} with --format {format}").format(
                format=format.value
            )
        )
    return format


def _check_order(spec: str, table: str) -> None:
    from pathlib import Path

    if Path(spec).suffix.lower() in TABLE_SUFFIXES and Path(table).suffix.lower() in YAML:
        raise UsageError(_("the spec comes first and the table second: scorecard batch SPEC TABLE"))
    old = old_excel(table)
    if old is not None:
        raise UsageError(old)
    from ..batch.parts import is_lock_file, is_pattern

    if not is_pattern(table) and is_lock_file(table) and Path(table).is_file():
        from .inputs import refuse_lock_file

        refuse_lock_file(table)  # the workbook it names, as score says


class _Options:
    """Where the rows come from: one table scored here (with --jobs), or a table in
    parts (a pattern such as 'parts/*.parquet'), scored here or on Dask."""

    def __init__(
        self,
        spec: Spec,
        table: str,
        missing: str,
        tokens: tuple[str, ...],
        encoding: str,
        sheet: str | None,
        jobs: int,
        dask: str | None,
    ):
        from ..batch.parts import expand

        self.spec, self.table, self.missing, self.tokens = spec, table, missing, tokens
        self.encoding, self.sheet, self.jobs, self.dask = encoding, sheet, jobs, dask
        #: the table's file and entity column, where rows that break one row per
        #: entity are located (one table file; not forms, one entity each)
        self.entity_at: tuple[str, int] | None = None
        #: for a table of many files, each file's rows and sheet, checked on their own
        self.parts: list[Any] = []
        self.paths, locks = expand(table)
        say_left_out(locks)
        #: whether the paths are filled 自评表 forms (one entity each), not tables
        self.forms = _has_forms(self.paths)
        #: rows of many files, or of a pattern (the columns are the same however many
        #: files it matched): each row's file is written beside its number
        from ..batch.parts import is_pattern

        self.files = len(self.paths) > 1 or is_pattern(table)
        self._client: Any = None

    def client(self) -> Any:
        if self.dask is not None:
            from ..dask import client_for

            self._client = client_for(self.dask, max(self.jobs, 2))
        return self._client

    def items(
        self, format: BatchFormat, summary: Summary
    ) -> tuple[Iterator[Block | RowResult], tuple[str, ...], tuple[str, str]]:
        """The scored rows, the note columns carried through, and the (file, sha256)
        they came from (the pattern and no hash for many files; no hash either for
        a format that does not give it); ``summary``, which adds them up, is told
        what one table's sheet hides from view."""
        from ..batch.parts import PartJob, is_pattern, score_parts
        from ..batch.runner import score_blocks
        from ..batch.tables import note_columns, open_table
        from ..render import batch_view

        lean = not summary.keep_totals
        if self.forms:  # filled 自评表 forms, one entity each
            from ..batch.tables import NA_TOKENS
            from .inputs import unread_options

            marks = None if self.tokens == NA_TOKENS else self.tokens
            unread_options(self.paths, self.sheet, self.encoding, marks)  # none reads them
            if format is BatchFormat.html:
                raise UsageError(
                    _("--format html reads a table; score forms as csv, json, xlsx or a table")
                )
            single = len(self.paths) == 1 and format in _STAMPED
            source = (self.paths[0], _sha256(self.paths[0])) if single else (self.table, "")
            rows, notes = _form_rows(self.spec, self.paths, self.missing, self.files)
            return iter(rows), notes, source
        first = open_table(self.paths[0], self.spec, self.encoding, self.sheet, self.tokens)
        one = (self.table, "")
        if len(self.paths) == 1:  # the file's digest, worked only for an output that gives it
            one = (first.file, first.sha256 if format in _STAMPED else "")
        if len(self.paths) == 1:  # rows are numbered per file: one file's are located
            self.entity_at = (
                first.file,
                next(c.index for c in first.columns if c.kind == "entity"),
            )
            summary.seen(first)  # what its sheet hides, told beside the rows
        notes = tuple(c.target for c in note_columns(first))  # carried through to the outputs
        # CSV text is made where the rows are scored (workers, with --jobs or --dask)
        render = (
            functools.partial(batch_view.CsvRows, notes=notes, files=self.files)
            if format is BatchFormat.csv
            else None
        )
        if self._client is None and not is_pattern(self.table):
            items = score_blocks(
                self.spec,
                first,
                self.missing,
                self.tokens,
                jobs=self.jobs,
                render=render,
                lean=lean,
            )
            return items, notes, one
        job = PartJob(
            self.spec,
            self.missing,
            self.tokens,
            self.encoding,
            self.sheet,
            render,
            lean,
            whole=len(self.paths) == 1,
            files=self.files,
            notes=notes,
        )
        return score_parts(job, self.paths, self._client, self.parts), notes, one


def _sha256(path: str) -> str:
    import hashlib
    from pathlib import Path

    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _form_rows(
    spec: Spec, paths: list[str], missing: str, files: bool = False
) -> tuple[list[RowResult], tuple[str, ...]]:
    """Filled 自评表 forms scored one by one, numbered from 1 in the order given; a
    file that cannot be read or scored as a form is a failed row, its problems at
    their cells. With the ids of the indicators some form gives a note for (偏差原因),
    in the spec's order: every row carries its notes in those columns."""
    from pathlib import Path

    from ..base.errors import ErrorList, ScorecardError
    from ..batch.runner import RowResult
    from ..review.form import read_form
    from ..review.plausible import fraction_notes
    from ..scoring.actuals import check_actuals
    from ..scoring.evaluate import evaluate
    from .inputs import say_notes, unit_warnings

    #: each form: its file, its scorecard or errors, its notes, and its unit and period
    read: list[tuple[str, Scorecard | tuple[str, ...], dict[str, str], tuple[str, str]]] = []
    for path in paths:
        if Path(path).suffix.lower() not in (".xlsx", ".xlsm"):
            why = old_excel(path) or _(
                "{path}: not a filled 自评表 form, among forms; score a table in a batch of its own"
            ).format(path=path)
            read.append((path, (why,), {}, (path, "")))
            continue
        doc = None
        try:
            doc = read_form(path, spec)
            say_notes(doc.notes)
            actuals = check_actuals(doc, spec, missing, claims="note")  # review reads claims
            say_notes(list(actuals.claim_notes))
            card = evaluate(spec, actuals, trace=False)
            say_notes(fraction_notes(card))  # values likely mistyped, at their form's cells
            read.append((path, card, actuals.notes, (path, "")))
        except ErrorList as e:
            errors = tuple(str(x) for x in e.errors[: ErrorList.SHOWN])
            read.append((path, errors, {}, _unit_of(doc, path)))
        except ScorecardError as e:
            read.append((path, (str(e),), {}, _unit_of(doc, path)))
    for line in unit_warnings(
        [(path, got.entity, got.period) for path, got, _n, _u in read if not isinstance(got, tuple)]
    ):  # one form per unit, as a table's rows are warned of
        say(line)
    given = {i for _p, _g, notes, _u in read for i in notes}
    ids = tuple(i.id for i in spec.walk() if i.id in given)
    rows = [
        RowResult(number, *unit, errors=got)
        if isinstance(got, tuple)
        else RowResult.of(number, "", "", got, tuple(notes.get(i, "") for i in ids))
        for number, (_path, got, notes, unit) in enumerate(read, start=1)
    ]
    if files:  # numbered in the order given: each row says its form's file
        rows = [replace(r, file=path) for r, path in zip(rows, paths, strict=True)]
    return rows, ids


def _unit_of(doc: Document | None, path: str) -> tuple[str, str]:
    """A form's unit and period as read (its file's name stands in for a unit
    not given, or a form not read): a failed form's row still names its unit."""
    data = doc.data if doc is not None else None
    entity = data.get("entity") if isinstance(data, dict) else None
    period = data.get("period") if isinstance(data, dict) else None
    return (str(entity) if entity else path, str(period) if period else "")


def _counted(items: Iterator[Block | RowResult], summary: Summary) -> Iterator[Block | RowResult]:
    from .stopping import check

    return summary.counted(items, check)  # check: a signal whose KeyboardInterrupt was swallowed


def _each_row(items: Iterator[Block | RowResult]) -> Iterator[RowResult]:
    from ..batch.runner import Block

    for item in items:
        yield from item.results() if isinstance(item, Block) else (item,)


#: the formats that name the table's digest (JSON's summary, the page's stamp)
_STAMPED = (BatchFormat.json, BatchFormat.html)


class _How:
    """How the rows are written: where, with which options, and what they came from."""

    def __init__(
        self,
        output: str | None,
        bom: bool,
        width: int | None,
        header: str,
        source: tuple[str, str],
        options: _Options,
    ):
        self.output, self.bom, self.width, self.header = output, bom, width, header
        self.source, self.options = source, options


def _write(
    format: BatchFormat,
    spec: Spec,
    items: Iterator[Block | RowResult],
    summary: Summary,
    notes: tuple[str, ...],
    how: _How,
    written: _Written,
) -> None:
    from ..render import batch_view

    output = how.output
    if format is BatchFormat.table:
        for _item in items:
            pass
        if not summary.scored and not summary.failed:
            return  # no rows below the header: the message says so, and nothing else
        console, buf = console_for(how.width, output)
        show(console, buf, batch_view.summary(summary), output)
    elif format is BatchFormat.html:
        _write_html(spec, items, summary, how)
    elif format is BatchFormat.xlsx:
        from ..render.batch_xlsx import write_rows

        write_rows(str(output), spec, items, summary, notes, how.header, how.options.files)
    elif format is BatchFormat.parquet:
        from ..render.parquet_out import write_parquet

        write_parquet(str(output), spec, items, notes, how.options.files)
    elif format is BatchFormat.csv:
        lines = batch_view.csv_chunks(
            spec, items, notes, bom=how.bom, header=how.header, files=how.options.files
        )
        stream(written.count(lines), output)
    else:
        stream(
            written.count(
                batch_view.json_lines(spec, items, summary, how.source[0], how.source[1], notes)
            ),
            output,
        )


def _write_html(
    spec: Spec, items: Iterator[Block | RowResult], summary: Summary, how: _How
) -> None:
    """The page of charts: every row counted, then scored again with its derivation."""
    from ..batch.tables import open_table
    from ..render import batch_html, distribution

    for _item in items:
        pass
    o = how.options
    shown: set[Where] = {item[2] for item in batch_html.shown_ranking(summary.ranking()) if item}
    cards: dict[Where, Scorecard] = {}
    for path in o.paths:  # each shown row read again from its own file
        rows = _rows_of(shown, name_text(path), o.files)
        if rows:
            again = open_table(path, spec, o.encoding, o.sheet, o.tokens)
            traced = distribution.traced(spec, again, o.missing, o.tokens, only=set(rows))
            cards.update({rows[row]: card for row, card in traced.items()})
    page = batch_html.report(summary, cards, name_text(o.table), how.source[1])
    batch_html.write(how.output, page)


def _rows_of(shown: set[Where], path: str, files: bool) -> dict[int, Where]:
    """The rows of ``path`` among the ranked rows ``shown`` (told as
    :meth:`engine.batch.summary.Summary.where` tells them), by their number."""
    if not files:
        return {w: w for w in shown if isinstance(w, int)}
    head = f"{path}:"
    return {
        int(w[len(head) :]): w
        for w in shown
        if isinstance(w, str) and w.startswith(head) and w[len(head) :].isdigit()
    }


def _with_progress(
    items: Iterator[Block | RowResult], paths: list[str]
) -> Iterator[Block | RowResult]:
    """Show progress on a terminal (never when piped): rows done of the total, the
    rate and the time left."""
    if not sys.stderr.isatty():
        return items
    from ..batch.parts import count_rows
    from ..render.batch_view import progress

    return progress(items, lambda: count_rows(paths))


def _has_forms(paths: list[str]) -> bool:
    """Whether any of ``paths`` is a filled form (only a workbook may be: the
    form reader is not imported for a table of another kind)."""
    if not any(p.lower().endswith((".xlsx", ".xlsm")) for p in paths):
        return False
    from ..review.form import is_form

    return any(map(is_form, paths))


class _Written:
    """Lines of output already written to standard output (what an interrupted
    batch has put there)."""

    def __init__(self) -> None:
        self.lines = 0

    def count(self, chunks: Iterator[str] | Iterator[str | bytes]) -> Iterator[str | bytes]:
        """The chunks, counted as they are written: a Ctrl-C or SIGTERM that comes
        while a chunk is written (a large one takes many system calls, and with
        --jobs another thread may take the signal) waits until the chunk is
        written and counted, so the count is what standard output holds."""
        import signal

        stops = (signal.SIGINT, signal.SIGTERM)
        came: list[int] = []

        def wait(signum: int, _frame: Any) -> None:
            came.append(signum)

        for chunk in chunks:
            before: dict[int, Any] = {s: signal.signal(s, wait) for s in stops}
            try:
                yield chunk
                # resumed: the chunk was written
                self.lines += chunk.count(b"\n") if isinstance(chunk, bytes) else chunk.count("\n")
            finally:
                for s, handler in before.items():
                    signal.signal(s, handler)
            if came:  # now as it would have come
                handler = before[came[0]]
                if callable(handler):
                    handler(came[0], None)
                raise KeyboardInterrupt
