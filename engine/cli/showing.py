"""`show`: a spec as YAML, each key with the file and line it came from."""

from __future__ import annotations

from typing import Annotated

import typer

from .root import OutputOpt, SpecArg, app, reports_errors


@app.command(epilog="Example: scorecard show examples/families/units/unit-a-2021.yaml --resolved")
@reports_errors
def show(
    spec: SpecArg,
    resolved: Annotated[
        bool,
        typer.Option(
            "--resolved",
            help="Resolve extends, change, remove, add and include first: the spec as scored.",
        ),
    ] = False,
    output: OutputOpt = None,
) -> None:
    """Print a spec as YAML with a '# file:line' comment on every key; with --resolved, the
    composed spec (every key naming the file it came from). A spec with errors is printed,
    then its errors are listed (exit 1)."""
    from ..base.errors import ErrorList, LoadError
    from ..spec.compile import compile_spec
    from ..spec.compose import resolve
    from ..spec.dump import dump
    from ..spec.load import load_file
    from .inputs import one_file
    from .io import emit

    one_file(spec)
    try:
        doc = load_file(spec)
    except LoadError as e:
        raise ErrorList([e]) from None
    shown = resolve(doc) if resolved else doc
    emit(dump(shown), output)
    compile_spec(shown)
