"""`validate` and `schema`: checking specs, tests, actuals, tables and forms."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from ..base.i18n import _, ngettext
from .io import say
from .root import EncodingOpt, Missing, MissingOpt, NaOpt, SchemaName, SheetOpt, app, reports_errors

if TYPE_CHECKING:
    from ..spec.model import Spec


@app.command(epilog="Example: scorecard validate specs/*.yaml")
@reports_errors
def validate(
    specs: Annotated[
        list[str],
        typer.Argument(
            help="Spec files or folders to check (NAME.tests.yaml files and "
            "actuals files among them are checked as such; a table is checked "
            "against the one spec given, row by row as batch reads it; a filled "
            "form against the spec it names).",
            metavar="SPEC...",
            show_default=False,
        ),
    ],
    missing: MissingOpt = Missing.error,
    encoding: EncodingOpt = "auto",
    sheet: SheetOpt = None,
    na: NaOpt = None,
) -> None:
    """Check specs against the schema and the semantic rules; print every error.
    Test files, actuals files, tables and filled forms are recognised and checked
    as what they are."""
    from ..batch.table_check import row_problems
    from ..review.validation import validate_paths
    from ..review.validation_tables import Reading, error_count
    from .inputs import na_marks

    reading = Reading(missing.value, encoding, sheet, na_marks(na))

    def rows(path: str, spec: Spec, r: Reading) -> tuple[list[str], list[str]]:
        from ..render.batch_view import table_notes

        problems, summary, entity = row_problems(path, spec, r.missing, r.encoding, r.sheet, r.na)
        return problems, table_notes(spec, path, summary, (path, entity))

    checked = validate_paths(specs, rows, reading)
    errors, n = checked.errors, checked.files
    for line in [*checked.notes, *errors]:  # notes first, as score says them before its table
        say(str(line))
    if errors:
        count = error_count(errors)
        said = ngettext("{n} error", "{n} errors", count).format(n=count)
        files = ngettext("{bad} of {n} file", "{bad} of {n} files", n).format(bad=checked.bad, n=n)
        typer.echo(_("{errors} in {files}").format(errors=said, files=files), err=True)
        raise typer.Exit(1)
    typer.echo(ngettext("{n} file valid", "{n} files valid", n).format(n=n))


@app.command(epilog="Example: scorecard schema spec > spec.schema.json")
@reports_errors
def schema(
    name: Annotated[SchemaName, typer.Argument(help="Which schema.", show_default=False)],
) -> None:
    """Print a JSON Schema (draft-07): spec, actuals or scorecard."""
    from ..spec.schema import schema_text

    sys.stdout.write(schema_text(name.value))
