"""`template`: the blank 自评表 a department fills in, read back by score and review."""

from __future__ import annotations

from typing import Annotated

import typer

from ..base.errors import UsageError
from ..base.i18n import _
from ..base.text import name_text, shell_word
from .root import SetOpt, SpecArg, app, reports_errors


@app.command(epilog="Example: scorecard template specs/gz-dept-overall-2021.yaml -o 自评表.xlsx")
@reports_errors
def template(
    spec: SpecArg,
    output: Annotated[
        str,
        typer.Option(
            "-o",
            "--output",
            metavar="FORM.xlsx",
            help="The form to write (atomically); an .xlsx file.",
            show_default=False,
        ),
    ],
    set_: SetOpt = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing 自评表 form, filled or not.")
    ] = False,
) -> None:
    """Write the blank 自评表 for a spec: typed input cells, grade drop-downs, a
    claimed-score column; 'score' and 'review' read the filled form back."""
    from pathlib import Path

    from ..base.output import write_atomic
    from ..render.template import template_bytes
    from .inputs import load_spec_with_sets

    if Path(output).suffix.lower() != ".xlsx":
        raise UsageError(
            _("-o {output}: the form is an .xlsx workbook; name it FORM.xlsx").format(output=output)
        )
    write_atomic(output, template_bytes(load_spec_with_sets(spec, set_)), replace_form=force)
    typer.echo(
        _("wrote {output}: fill in the shaded cells, then: scorecard score {spec} {form}").format(
            output=name_text(output), spec=shell_word(spec), form=shell_word(output)
        )
    )
