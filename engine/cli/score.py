"""`score` and `explain`: one entity's scorecard and one indicator's derivation."""

from __future__ import annotations

from typing import Annotated

import typer

from ..base.errors import UsageError
from ..base.i18n import _
from .inputs import row_pick, score_entity
from .io import console_for, emit, format_for, say, show
from .root import (
    ActualsArg,
    EncodingOpt,
    EntityOpt,
    Format,
    Header,
    HeaderOpt,
    Missing,
    MissingOpt,
    NaOpt,
    OutputOpt,
    RebalanceOpt,
    RowOpt,
    SetOpt,
    SheetOpt,
    SpecArg,
    WidthOpt,
    app,
    reports_errors,
)


@app.command(
    epilog="Example: scorecard score specs/gz-dept-overall-2021.yaml "
    "examples/licheng-2021/actuals.yaml --format tree"
)
@reports_errors
def score(
    spec: SpecArg,
    actuals: ActualsArg,
    format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="table (default): one row per indicator; tree: every derivation; json; "
            "markdown; html (a self-contained report); csv; xlsx (the conventional "
            "self-evaluation table; needs -o). With -o and no --format, the file's "
            "extension chooses (.json .md .html .csv .xlsx).",
        ),
    ] = None,
    missing: MissingOpt = Missing.error,
    output: OutputOpt = None,
    width: WidthOpt = None,
    set_: SetOpt = None,
    header: HeaderOpt = Header.words,
    rebalance: RebalanceOpt = False,
    row: RowOpt = None,
    entity: EntityOpt = None,
    sheet: SheetOpt = None,
    na: NaOpt = None,
    encoding: EncodingOpt = "auto",
) -> None:
    """Score one entity's actuals against a spec and print the scorecard."""
    format = Format(format_for(output, [f.value for f in Format], format))
    pick = row_pick(row, entity, sheet, na, encoding)
    sc = score_entity(spec, actuals, missing, set_, rebalance, pick)
    from ..review.plausible import fraction_notes

    for note in fraction_notes(sc):
        say(note)
    if format is Format.json:
        from ..render.json_out import render

        emit(render(sc), output)
        return
    if format in (Format.markdown, Format.html, Format.csv):
        from ..render import exports

        if format is Format.csv:
            emit(exports.csv_text(sc, header.value), output)
            return
        text_of = {Format.markdown: exports.markdown, Format.html: exports.html_text}[format]
        emit(text_of(sc), output)
        return
    if format is Format.xlsx:
        from ..render.exports import xlsx_bytes

        if not output:
            raise UsageError(_("xlsx output is a file: give -o FILE.xlsx with --format xlsx"))
        from ..base.output import write_atomic

        write_atomic(output, xlsx_bytes(sc))
        return
    from ..render import text

    console, buf = console_for(width, output)
    shown = text.table(sc) if format is Format.table else text.tree(sc)
    show(console, buf, shown, output)


@app.command(
    epilog="Example: scorecard explain specs/gz-dept-overall-2021.yaml "
    "examples/licheng-2021/actuals.yaml trips"
)
@reports_errors
def explain(
    spec: SpecArg,
    actuals: ActualsArg,
    indicator: Annotated[
        str,
        typer.Argument(
            help="The indicator id (or name); 'total' for the total's derivation.",
            metavar="ID",
            show_default=False,
        ),
    ],
    missing: MissingOpt = Missing.error,
    width: WidthOpt = None,
    set_: SetOpt = None,
    rebalance: RebalanceOpt = False,
    row: RowOpt = None,
    entity: EntityOpt = None,
    sheet: SheetOpt = None,
    na: NaOpt = None,
    encoding: EncodingOpt = "auto",
) -> None:
    """Print one indicator's full derivation, with the spec positions it came from."""
    from ..base.errors import did_you_mean

    pick = row_pick(row, entity, sheet, na, encoding)
    sc = score_entity(spec, actuals, missing, set_, rebalance, pick)
    r = sc.find(indicator) or next((x for x in sc.walk() if x.indicator.name == indicator), None)
    if r is None and indicator == "total":  # no indicator is named so: the total's derivation
        from ..render import text as rendered

        console, buf = console_for(width, None)
        show(console, buf, rendered.explain_total(sc), None)
        return
    if r is None:
        ids = [x.id for x in sc.walk()]
        names = {x.indicator.name: x.id for x in sc.walk()}
        hint = did_you_mean(indicator, [*ids, *names])
        raise UsageError(
            _(
                "no indicator '{id}' in {spec}{hint}; give an id or an exact name, or total; "
                "ids: {ids}"
            ).format(id=indicator, spec=spec, hint=hint, ids=_(", ").join(ids))
        )
    from ..render import text

    console, buf = console_for(width, None)
    show(console, buf, text.explain(sc, r), None)
