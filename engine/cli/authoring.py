"""`methods` and `init`: what a designer starts from."""

from __future__ import annotations

from typing import Annotated

import typer

from ..base.i18n import _
from .io import console_for, show
from .root import WidthOpt, app, reports_errors


@app.command(epilog="Example: scorecard methods")
@reports_errors
def methods(width: WidthOpt = None) -> None:
    """List the built-in scoring methods: formula, params and a worked example."""
    from ..render.catalog_view import render

    console, buf = console_for(width, None)
    show(console, buf, render(), None)


@app.command(epilog="Example: scorecard init my-spec && scorecard test my-spec")
@reports_errors
def init(
    folder: Annotated[
        str,
        typer.Argument(
            help="Folder to write the starter files into (created if needed).", show_default=True
        ),
    ] = ".",
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """Write a small starter spec, actuals and test file that validate, score and pass."""
    from ..review.starter import write_starter

    for path in write_starter(folder, force):
        typer.echo(_("wrote {path}").format(path=path))
    from pathlib import Path

    from ..base.text import shell_word

    spec, actuals = (
        shell_word(str(Path(folder) / n)) for n in ("starter.yaml", "starter.actuals.yaml")
    )
    typer.echo(_("next: {command}").format(command=f"scorecard score {spec} {actuals}"))
