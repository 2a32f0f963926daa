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
    composed spec (every key naming the file it came from). A spec with errors is printed (as
    written when its composition fails), then its errors are listed (exit 1)."""
    import copy

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
    shown = doc
    failed: ErrorList | None = None
    if resolved:
        try:  # on a copy: resolving edits the document, and it is shown as written on errors
            shown = resolve(copy.deepcopy(doc))
        except ErrorList as e:
            failed = e
    emit(dump(shown), output)
    if failed is not None:
        raise failed
    compile_spec(shown)
