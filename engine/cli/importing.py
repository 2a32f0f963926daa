"""`import`: an Excel indicator table (指标表) as a draft spec to confirm."""

from __future__ import annotations

from typing import Annotated

import typer

from ..base.i18n import _
from .io import say
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
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace an -o file that is not a draft import wrote (a spec made from one).",
        ),
    ] = False,
) -> None:
    """Read an Excel 指标表 into a draft spec; every guess is marked '待确认' to confirm."""
    from ..base.output import note_input
    from ..review.draft import check_draft, import_draft
    from .io import emit

    note_input(table)  # -o never replaces the table read, --force or not
    if output:
        _yaml_only(output)
    if output and not force:
        _keep_spec(output)
    done = import_draft(table, sheet, output)
    emit(done.text, output)
    for row in done.skipped:  # each marked '待确认' in the draft too
        say(str(row))
    check_draft(done.text, output or "<draft>")  # written first: its errors point into it
    if output:
        from ..base.text import shell_word

        typer.echo(
            _(
                "wrote {output}: {count} indicators, {guesses} guesses marked '待确认' to "
                "confirm; next: scorecard validate {quoted}"
            ).format(
                output=output,
                count=done.indicators,
                guesses=done.guesses,
                quoted=shell_word(output),
            ),
            err=True,
        )


def _yaml_only(output: str) -> None:
    """Refuse an -o that is not named as a YAML file: the draft is a spec
    (``out.xlsx`` got YAML text, which validate then read as a table)."""
    from pathlib import Path

    from ..base.errors import UsageError

    if Path(output).suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(
            _(
                "-o {output}: the draft is a spec, written as YAML; name the file .yaml (or .yml)"
            ).format(output=output)
        )


def _keep_spec(output: str) -> None:
    """Refuse to write the draft over a spec made from one (its draft mark gone:
    edited by hand), which a draft would replace with the table's guesses."""
    from pathlib import Path

    from ..base.errors import UsageError
    from ..review.draft import is_draft

    p = Path(output)
    if p.is_file() and p.stat().st_size and not is_draft(output):
        raise UsageError(
            _(
                "-o {output}: the file is not a draft import wrote (a spec made from one, "
                "its draft comment gone, say), and the draft would replace it; name another "
                "file, or give --force to replace it"
            ).format(output=output)
        )
