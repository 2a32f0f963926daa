"""`import`: an Excel indicator table (指标表) as a draft spec to confirm."""

from __future__ import annotations

from typing import Annotated

import typer

from ..base.i18n import _
from .root import OutputOpt, app, reports_errors


@app.command(
    name="import",
    epilog="Example: scorecard import examples/import/national-project.xlsx -o draft.yaml",
)
@reports_errors
def import_(
    table: Annotated[
        str,
        typer.Argument(
            help="The indicator table (.xlsx): 一级/二级/三级指标, 分值 or 权重, 指标值, 评分标准.",
            metavar="TABLE",
            show_default=False,
        ),
    ],
    output: OutputOpt = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="The sheet to read (default: the first).")
    ] = None,
) -> None:
    """Read an Excel 指标表 into a draft spec; every guess is marked '待确认' to confirm."""
    from ..review.draft import check_draft, import_table
    from .io import emit

    text, guesses, count = import_table(table, sheet, output)
    emit(text, output)
    check_draft(text, output or "<draft>")  # written first: its errors point into it
    if output:
        typer.echo(
            _(
                "wrote {output}: {count} indicators, {guesses} guesses marked '待确认' to "
                "confirm; next: scorecard validate {output}"
            ).format(output=output, count=count, guesses=guesses),
            err=True,
        )
