"""`verify`: re-score a scorecard someone sent and list where it differs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..base.i18n import _
from ..base.text import visible
from .io import say
from .root import app, reports_errors

if TYPE_CHECKING:
    from ..review.verify import Card


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
    from ..render.json_out import result_sha256
    from ..review.verify import PART_WORDS as PARTS
    from ..review.verify import differences, part_shown, read_card, sources

    card = read_card(scorecard)
    spec_path, actuals_path = sources(card, spec, actuals)
    rescored = _rescored(card, spec_path, actuals_path)
    found = differences(card, rescored, result_sha256(card.data))
    for d in found:
        say(str(d))
    _version_note(card, rescored)
    said = {"scorecard": scorecard, "spec": spec_path, "actuals": _with_row(card, actuals_path)}
    if found:
        # ids first, in the order of the differences (the spec's), then the parts
        ids_first = [w for w in dict.fromkeys(d.where for d in found) if w not in PARTS]
        wheres = ids_first + sorted({d.where for d in found} & set(PARTS))
        ids = _(", ").join(map(part_shown, wheres))
        typer.echo(
            visible(
                _(
                    "{scorecard}: {count} difference(s) from a re-score of {spec} and {actuals} "
                    "(in {ids})"
                ).format(count=len(found), ids=ids, **said)
            ),
            err=True,
        )
        raise typer.Exit(1)
    typer.echo(
        visible(
            _(
                "{scorecard}: agrees with a re-score of {spec} and {actuals} (total {total}, "
                "engine {version})"
            ).format(total=rescored["total"], version=rescored["stamp"]["engine_version"], **said)
        )
    )


def _with_row(card: Card, actuals: str) -> str:
    """The actuals as the messages name them: with the row of a table the stamp
    picked (``streets.csv row 3``, ``streets.csv, entity 增江街道``)."""
    pick = card.stamp.get("actuals_pick")
    if not isinstance(pick, dict):
        return actuals
    if "row" in pick:
        return _("{file} row {row}").format(file=actuals, row=pick["row"])
    return _("{file}, entity {entity}").format(file=actuals, entity=pick.get("entity"))


def _version_note(card: Card, rescored: dict[str, Any]) -> None:
    """A note when the scorecard was written by another engine version."""
    written = card.stamp.get("engine_version")
    version = rescored["stamp"]["engine_version"]
    if written != version:
        typer.echo(
            visible(
                _("note: written by engine {written}, re-scored by {version}").format(
                    written=written, version=version
                )
            ),
            err=True,
        )


def _rescored(card: Card, spec_path: str, actuals_path: str) -> dict[str, Any]:
    """The scorecard as ``score`` writes it from these files, with the stamp's
    ``--set`` changes (and ``--rebalance``): read as ``score`` reads them (a filled
    自评表 included), a missing value scored 0 (so that it is listed as a difference,
    or agrees with a scorecard written with ``--missing zero``). An error of a
    stamp's change is located in the scorecard, where the change is written."""
    from ..base.errors import ScorecardError
    from ..render.json_out import to_dict
    from ..review.verify import changes, relocated
    from .inputs import RowPick, is_table, score_entity
    from .root import Missing

    sets, rebalance = changes(card)
    kept = card.stamp.get("actuals_pick")
    pick = RowPick.from_stamp(kept) if isinstance(kept, dict) else None
    if (pick is not None) != is_table(actuals_path):  # a row of a table, or one's actuals
        from ..base.errors import LoadError

        raise LoadError(
            _(
                "the stamp's actuals_pick reads a row of a table, and {actuals} is one "
                "entity's actuals; give the table the scorecard was scored from"
            ).format(actuals=actuals_path)
            if pick is not None
            else _(
                "the scorecard is of one entity's actuals (its stamp picks no row of a "
                "table), and {actuals} is a table; give the entity's actuals file"
            ).format(actuals=actuals_path),
            card.pos(("stamp", "actuals_pick" if pick is not None else "actuals_file")),
        )
    try:
        return to_dict(score_entity(spec_path, actuals_path, Missing.zero, sets, rebalance, pick))
    except ScorecardError as e:
        raise relocated(e, card) from None
