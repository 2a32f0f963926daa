"""`verify`: re-score a scorecard someone sent and list where it differs."""

from __future__ import annotations

from typing import Annotated

import typer

from ..base.i18n import _
from .root import app, reports_errors


@app.command(
    epilog="Example: scorecard verify examples/licheng-2021/scorecard.json  (exit 0: it agrees "
    "with a re-score; 1: differences, each listed; 2: the files cannot be found)"
)
@reports_errors
def verify(
    scorecard: Annotated[
        str,
        typer.Argument(
            help="A scorecard written by 'scorecard score --format json'.",
            metavar="SCORECARD.json",
            show_default=False,
        ),
    ],
    spec: Annotated[
        str | None,
        typer.Argument(
            help="The spec to re-score with (default: the one the stamp names).",
            metavar="[SPEC",
            show_default=False,
        ),
    ] = None,
    actuals: Annotated[
        str | None,
        typer.Argument(
            help="The actuals to re-score (default: those the stamp names).",
            metavar="ACTUALS]",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Re-score a scorecard from its spec and actuals and list every difference by
    indicator; differences of path only are ignored. Exit 0 only when all agree."""
    from ..render.json_out import result_sha256, to_dict
    from ..review.verify import differences, read_card, sources
    from ..scoring.actuals import load_actuals
    from ..scoring.evaluate import evaluate
    from .inputs import load_spec_with_sets

    card = read_card(scorecard)
    spec_path, actuals_path = sources(card, spec, actuals)
    changes = [str(x) for x in card.stamp.get("spec_changes") or []]
    compiled = load_spec_with_sets(spec_path, changes)
    rescored = to_dict(evaluate(compiled, load_actuals(actuals_path, compiled)))
    found = differences(card, rescored, result_sha256(card.data))
    for d in found:
        typer.echo(str(d), err=True)
    written = card.stamp.get("engine_version")
    version = rescored["stamp"]["engine_version"]
    if written != version:
        typer.echo(
            _("note: written by engine {written}, re-scored by {version}").format(
                written=written, version=version
            ),
            err=True,
        )
    if found:
        ids = sorted({d.where for d in found})
        typer.echo(
            _(
                "{scorecard}: {count} difference(s) from a re-score of {spec} and {actuals} "
                "(in {ids})"
            ).format(
                scorecard=scorecard,
                count=len(found),
                spec=spec_path,
                actuals=actuals_path,
                ids=", ".join(ids),
            ),
            err=True,
        )
        raise typer.Exit(1)
    typer.echo(
        _(
            "{scorecard}: agrees with a re-score of {spec} and {actuals} (total {total}, "
            "engine {version})"
        ).format(
            scorecard=scorecard,
            spec=spec_path,
            actuals=actuals_path,
            total=rescored["total"],
            version=version,
        )
    )
