"""`test`: running a spec's test cases."""

from __future__ import annotations

from typing import Annotated

import typer

from ..base.errors import LoadError
from ..base.i18n import _
from .io import console_for, say, show
from .root import SetOpt, WidthOpt, app, reports_errors


@app.command(name="test", epilog="Example: scorecard test specs/")
@reports_errors
def test_(
    target: Annotated[
        str,
        typer.Argument(
            help="A spec, a NAME.tests.yaml file, or a folder to search.",
            metavar="SPEC_OR_DIR",
            show_default=False,
        ),
    ],
    width: WidthOpt = None,
    set_: SetOpt = None,
) -> None:
    """Run spec test cases: expected totals, grades, scores, statuses and bands."""
    from ..render.testreport import counts, file_errors, report, summary
    from ..review.spectest import discover, run_suite

    sources = discover(target)
    if not sources:
        raise LoadError(
            _(
                "{path}: no test cases found; put them in NAME.tests.yaml beside "
                "the spec, or under 'tests:' in it"
            ).format(path=target)
        )
    suites = [run_suite(path, inline, set_) for path, inline in sources]
    for line in file_errors(suites):
        say(line)
    passed, failed, broken = summary(suites)
    if not passed and not failed:  # nothing ran: the errors above say why
        typer.echo(counts(0, 0, broken), err=True)
        raise typer.Exit(1)
    console, buf = console_for(width, None)
    show(console, buf, report(suites), None)
    if failed or broken:
        raise typer.Exit(1)
