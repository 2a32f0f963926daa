"""`batch`: every row of a table scored, with a summary or one output row per entity."""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from ..base.errors import UsageError
from ..base.i18n import _
from .app import (
    Header,
    HeaderOpt,
    Missing,
    MissingOpt,
    OutputOpt,
    RebalanceOpt,
    SetOpt,
    SpecArg,
    WidthOpt,
    app,
    reports_errors,
)
from .inputs import TABLE_SUFFIXES, load_spec_with_sets
from .io import console_for, format_for, show, stream

YAML = (".yaml", ".yml")

if TYPE_CHECKING:
    from ..batch.runner import Block, RowResult


class BatchFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"
    html = "html"


@app.command(
    epilog="Example: scorecard batch specs/gz-dept-overall-2021.yaml examples/docs/units.csv "
    "--missing zero "
    "--format csv -o results.csv"
)
@reports_errors
def batch(
    spec: SpecArg,
    table: Annotated[
        str,
        typer.Argument(
            help="A .csv or .xlsx table: one row per entity, one column per indicator or input id.",
            metavar="TABLE",
            show_default=False,
        ),
    ],
    format: Annotated[
        BatchFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table (default): ranking, grades and statistics; csv, json "
            "and xlsx: one row per entity (streamed); html: a page of charts and the "
            "ranking, each unit opening its derivation. With -o and no --format, the file's "
            "extension chooses.",
        ),
    ] = None,
    output: OutputOpt = None,
    missing: MissingOpt = Missing.error,
    encoding: Annotated[
        str,
        typer.Option(
            "--encoding", help="CSV encoding: auto (UTF-8, else GBK/GB18030), utf-8, gbk, gb18030."
        ),
    ] = "auto",
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="XLSX sheet (default: the first).")
    ] = None,
    na: Annotated[
        list[str] | None,
        typer.Option(
            "--na",
            help="Cell text that marks an indicator not applicable (repeatable; default "
            "N/A, n/a, NA, 不适用, --).",
        ),
    ] = None,
    width: WidthOpt = None,
    set_: SetOpt = None,
    rebalance: RebalanceOpt = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            max=64,
            help="Processes to score with (chunks of 2,048 rows each); the output is "
            "the same as with 1.",
        ),
    ] = 1,
    header: HeaderOpt = Header.words,
    bom: Annotated[
        bool,
        typer.Option(
            "--bom",
            help="Start the CSV with a UTF-8 byte order mark, so that Excel opens its "
            "Chinese text correctly (CSV output only).",
        ),
    ] = False,
) -> None:
    """Score every row of a table; a failing row is reported and the others still scored."""
    from pathlib import Path

    from ..batch.runner import Block, Summary, score_blocks
    from ..batch.tables import NA_TOKENS, note_columns, open_table
    from ..render import batch_view
    from ..render.batch_view import scored_failed

    if Path(spec).suffix.lower() in TABLE_SUFFIXES and Path(table).suffix.lower() in (
        ".yaml",
        ".yml",
    ):
        raise UsageError(_("the spec comes first and the table second: scorecard batch SPEC TABLE"))
    if Path(table).suffix.lower() == ".xls":
        raise UsageError(
            _("{path}: the old .xls format is not read; save it as .xlsx (or CSV)").format(
                path=table
            )
        )
    loaded = load_spec_with_sets(spec, set_, rebalance)
    format = BatchFormat(format_for(output, [f.value for f in BatchFormat], format))
    if bom and format is not BatchFormat.csv:
        raise UsageError(
            _("--bom applies to CSV output only, not {format}; drop --bom").format(
                format=format.value
            )
        )
    tokens = tuple(na) if na else NA_TOKENS
    opened = open_table(table, loaded, encoding, sheet, tokens)
    summary = Summary(loaded, keep_totals=format in (BatchFormat.table, BatchFormat.html))
    notes = tuple(c.target for c in note_columns(opened))  # carried through to the outputs
    blocks = _with_progress(
        score_blocks(
            loaded,
            opened,
            missing.value,
            tokens,
            jobs=jobs,
            # with --jobs, CSV text is made by the workers too
            render=functools.partial(batch_view.CsvRows, notes=notes)
            if format is BatchFormat.csv
            else None,
            lean=not summary.keep_totals,
        )
    )

    def counted() -> Iterator[Block | RowResult]:
        for item in blocks:
            if isinstance(item, Block):
                summary.add_block(item)
            else:
                summary.add(item)
            yield item

    def each_row() -> Iterator[RowResult]:
        for item in counted():
            yield from item.results() if isinstance(item, Block) else (item,)

    if format is BatchFormat.table:
        for _item in counted():
            pass
        console, buf = console_for(width, output)
        show(console, buf, batch_view.summary(summary), output)
    elif format is BatchFormat.html:  # scored again with derivations, for the page
        from ..render import batch_html, distribution

        for _item in counted():
            pass
        again = open_table(table, loaded, encoding, sheet, tokens)
        cards = distribution.traced(loaded, again, missing.value, tokens)
        page = batch_html.report(summary, cards, table, opened.sha256)
        batch_html.write(output, page)
    elif format is BatchFormat.xlsx:
        if not output:
            raise UsageError(_("xlsx output is a file: give -o FILE.xlsx with --format xlsx"))
        from ..render.batch_xlsx import write_rows

        write_rows(output, loaded, each_row(), summary, notes, header.value)
    else:
        chunks = (
            batch_view.csv_lines(loaded, counted(), notes, bom=bom, header=header.value)
            if format is BatchFormat.csv
            else batch_view.json_lines(loaded, each_row(), summary, table, opened.sha256, notes)
        )
        stream(chunks, output)
    if format is not BatchFormat.table:
        typer.echo(scored_failed(summary.scored, len(summary.failed)), err=True)
    for r in summary.failed:  # one unwrapped line each, whatever the format
        for line in r.errors:
            typer.echo(line, err=True)
    if summary.failed:
        raise typer.Exit(1)


def _with_progress(items: Iterator[Block | RowResult]) -> Iterator[Block | RowResult]:
    """Show a progress counter on a terminal (never when piped)."""
    if not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from ..batch.runner import Block

    with Progress(
        SpinnerColumn(),
        TextColumn(_("{rows} rows").format(rows="{task.completed}")),
        TimeElapsedColumn(),
        transient=True,
    ) as progress:
        task = progress.add_task("scoring", total=None)
        for item in items:
            progress.advance(task, len(item) if isinstance(item, Block) else 1)
            yield item
