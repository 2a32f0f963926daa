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
        str | None,
        typer.Option(
            "--sheet",
            metavar="NAME",
            help="The sheet to read (default: the first one shown; a hidden sheet only when "
            "named).",
        ),
    ] = None,
) -> None:
    """Read an Excel 指标表 into a draft spec; every guess is marked '待确认' to confirm."""
    from ..review.draft import check_draft, import_draft
    from .io import emit

    done = import_draft(table, sheet, output)
    emit(done.text, output)
    for row in done.skipped:  # each marked '待确认' in the draft too
        typer.echo(str(row), err=True)
    check_draft(done.text, output or "<draft>")  # written first: its errors point into it
    if output:
        import shlex

        typer.echo(
            _(
                "wrote {output}: {count} indicators, {guesses} guesses marked '待确认' to "
                "confirm; next: scorecard validate {quoted}"
            ).format(
                output=output,
                count=done.indicators,
                guesses=done.guesses,
                quoted=shlex.quote(output),
            ),
            err=True,
        )
