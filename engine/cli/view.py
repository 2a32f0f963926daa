"""`view`: the terminal explorer over one entity's scorecard or a table of entities."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from ..base.errors import UsageError
from ..base.i18n import _
from .inputs import entity_actuals, is_table, load_spec_with_sets, pick_version
from .root import Missing, MissingOpt, SetOpt, SpecArg, app, reports_errors

if TYPE_CHECKING:
    from textual.screen import Screen

    from ..spec.model import Spec


@app.command(
    epilog="Example: scorecard view specs/gz-dept-overall-2021.yaml "
    "examples/licheng-2021/actuals.yaml"
)
@reports_errors
def view(
    spec: SpecArg,
    actuals: Annotated[
        str,
        typer.Argument(
            help="One entity's actuals (YAML or JSON), or a table (.csv or .xlsx) of many.",
            metavar="ACTUALS|TABLE",
            show_default=False,
        ),
    ],
    missing: MissingOpt = Missing.error,
    encoding: Annotated[
        str,
        typer.Option(
            "--encoding", help="CSV encoding: auto (UTF-8, else GBK/GB18030), utf-8, gbk, gb18030."
        ),
    ] = "auto",
    sheet: Annotated[
        str | None, typer.Option("--sheet", metavar="NAME", help="XLSX sheet (default: the first).")
    ] = None,
    set_: SetOpt = None,
) -> None:
    """Explore in the terminal: the indicator tree, each derivation beside its spec
    source and actuals line; over a table, the entities (Enter opens one)."""

    try:
        from ..render.explorer import Explorer
    except ImportError:
        raise UsageError(
            _(
                "view needs Textual, which is not installed; install it with: pip "
                "install 'scorecard[view]'"
            )
        ) from None
    # errors in the inputs first, terminal or not
    loaded = load_spec_with_sets(pick_version(spec, actuals), set_)
    if is_table(actuals):
        first = table_screen(loaded, actuals, missing.value, encoding, sheet)
    else:
        first = entity_screen(loaded, actuals, missing.value)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            _(
                "view is interactive and needs a terminal; for text, use 'scorecard "
                "score SPEC ACTUALS --format tree' or 'scorecard batch SPEC TABLE'"
            )
        )
    Explorer(first).run()  # in the language the command line chose (--lang, else the environment)


def entity_screen(spec: Spec, actuals: str, missing: str) -> Screen[None]:
    from ..render.explorer import ScorecardScreen
    from ..scoring.evaluate import evaluate
    from .root import Missing

    a = entity_actuals(actuals, spec, Missing(missing))  # a filled form too
    return ScorecardScreen.of(evaluate(spec, a), a)


def table_screen(
    spec: Spec, path: str, missing: str, encoding: str = "auto", sheet: str | None = None
) -> Screen[None]:
    from ..render.explorer_table import TableScreen
    from ..render.explorer_units import units_of

    return TableScreen(spec, *units_of(spec, path, missing, encoding, sheet))
