"""`compare` and `whatif`: trying other rules and other values on the same actuals."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from ..base.errors import ActualsError, ErrorList, ScorecardError, UsageError
from ..base.i18n import _
from ..base.text import utf8
from .inputs import (
    TableReading,
    entity_actuals,
    is_table,
    load_spec_with_sets,
    na_marks,
    one_file,
    pick_version,
    row_pick,
    unread_options,
)
from .io import console_for, say, show
from .root import (
    ActualsArg,
    EncodingOpt,
    EntityOpt,
    Header,
    HeaderOpt,
    Missing,
    MissingOpt,
    NaOpt,
    OutputOpt,
    RebalanceOpt,
    RowOpt,
    SetOpt,
    SheetOpt,
    SpecArg,
    WidthOpt,
    app,
    reports_errors,
)

if TYPE_CHECKING:
    from ..batch.rows import RowResult
    from ..batch.tables import Table
    from ..review.compare import BatchComparison
    from ..scoring.result import Scorecard
    from ..spec.model import Spec


@app.command(
    epilog="Example: scorecard compare specs/gz-dept-overall-2021.yaml "
    "examples/licheng-2021/actuals.yaml --set trips.weight=5 --rebalance"
)
@reports_errors
def compare(
    files: Annotated[
        list[str],
        typer.Argument(
            help="SPEC_A SPEC_B ACTUALS, or SPEC ACTUALS with --set (B is then SPEC with the "
            "changes), or SPEC_A SPEC_B alone: the rule changes per indicator.",
            metavar="SPEC_A [SPEC_B] ACTUALS",
            show_default=False,
        ),
    ],
    missing: MissingOpt = Missing.error,
    width: WidthOpt = None,
    set_: SetOpt = None,
    output: OutputOpt = None,
    rebalance: RebalanceOpt = False,
    header: HeaderOpt = Header.words,
    encoding: EncodingOpt = "auto",
    sheet: SheetOpt = None,
    na: NaOpt = None,
) -> None:
    """Score the same actuals under two specs: totals, grades, deltas and rule changes.
    With a table (CSV/XLSX) instead: rank changes, grade migrations, largest moves;
    with -o FILE.html, a page of charts of them; with -o FILE.csv or FILE.xlsx, every
    entity's totals and every indicator's score under A and B and its change."""
    from pathlib import Path

    from ..render.comparison import render
    from ..review.compare import compare as run_compare
    from ..scoring.evaluate import evaluate

    if len(files) == 2 and not set_:
        one_file(files[1])  # two versions' rules: a folder names none
        if _is_spec(files[1]):
            _versions(files[0], files[1], width)
            return
    if len(files) == 3:
        a_path, b_path, actuals = files
    elif len(files) == 2 and set_:
        a_path, actuals = files
        b_path = a_path
    else:
        raise UsageError(
            _(
                "takes SPEC_A SPEC_B ACTUALS, SPEC_A SPEC_B (rule changes only), or SPEC "
                "ACTUALS with at least one --set PATH=VALUE; see 'scorecard compare "
                "--help'"
            )
        )
    spec_a = load_spec_with_sets(pick_version(a_path, actuals))
    spec_b = load_spec_with_sets(pick_version(b_path, actuals), set_, rebalance)
    dated = {spec_a.file: spec_a, spec_b.file: spec_b}  # each version once
    spec_a, spec_b = _undated(spec_a), _undated(spec_b)
    unread_options([actuals], sheet, encoding)
    if Path(actuals).suffix.lower() in (".csv", ".tsv", ".txt") or is_table(actuals):
        reading = TableReading(encoding, sheet, na_marks(na))
        _compare_table(
            spec_a,
            spec_b,
            actuals,
            missing,
            output,
            width,
            header.value,
            list(dated.values()),
            reading,
        )
        return
    _table_only(actuals, na, output)
    said: set[str] = set()  # the claims' notes, said once though both specs read them
    one = entity_actuals(actuals, spec_a, missing, beside=spec_b, said=said)  # a form too
    for version in dated.values():  # a version not in force for the actuals' period: said
        _any_period(version, one.period)
    a = evaluate(spec_a, one)
    b = _scored_by_b(spec_a, spec_b, actuals, missing, said)
    console, buf = console_for(width, None)
    show(console, buf, render(run_compare(a, b), spec_b.changes), None)


def _scored_by_b(
    spec_a: Spec, spec_b: Spec, actuals: str, missing: Missing, said: set[str]
) -> Scorecard:
    """One entity's actuals, written for A, scored by B; an error says it is B's
    (the actuals are right for A)."""
    from ..scoring.evaluate import evaluate

    try:
        return evaluate(
            spec_b, entity_actuals(actuals, spec_b, missing, written_for=spec_a, said=said)
        )
    except ScorecardError as e:
        for err in e.errors if isinstance(e, ErrorList) else [e]:
            err.message = _under("B", spec_b, err.message)
        raise (ErrorList(e.errors) if isinstance(e, ErrorList) else e) from None


def _under(side: str, spec: Spec, message: str) -> str:
    """An error of one side only, saying which (its file, and whether --set changed it)."""
    name = spec.file + (" --set" if spec.changes else "")
    return _("{message} (under {side}: {spec})").format(message=message, side=side, spec=name)


def _failed_lines(
    spec_a: Spec, spec_b: Spec, rows_a: list[RowResult], rows_b: list[RowResult]
) -> list[str]:
    """The failed rows' errors, once each: one both specs give as it is, one of
    a single spec saying which."""
    a = [line for r in rows_a for line in r.errors]
    b = [line for r in rows_b for line in r.errors]
    both = set(a) & set(b)
    lines = [line if line in both else _under("A", spec_a, line) for line in a]
    lines += [_under("B", spec_b, line) for line in b if line not in both]
    return list(dict.fromkeys(lines))


def _table_only(actuals: str, na: list[str] | None, output: str | None) -> None:
    """Refuse --na and -o with one entity's actuals: they are for a table."""
    if na:
        raise UsageError(
            _("--na marks cells of a table; {actuals} is not one: drop --na").format(
                actuals=actuals
            )
        )
    if output:
        raise UsageError(_("-o writes the page of a comparison over a table; drop -o here"))


def _undated(spec: Spec) -> Spec:
    """A fiscal-year version that scores any period: comparing one year's rules
    with another's on the same actuals is what compare is for."""
    from dataclasses import replace

    return spec if spec.effective is None else replace(spec, effective=None)


def _any_period(spec: Spec, *periods: str) -> None:
    """A note that a version scores actuals of a period it is not in force for
    (one entity's period, or a table's rows'; actuals without a period: never,
    as score takes them)."""
    from ..scoring.actuals import out_of_force

    if spec.effective is None or all(out_of_force(spec, p) is None for p in periods):
        return
    typer.echo(
        _(
            "{file}: note: in force {effective}, but compare scores the actuals by it "
            "whatever their period"
        ).format(file=spec.file, effective=spec.effective.text()),
        err=True,
    )


_PLAIN = TableReading()


def _compare_table(
    spec_a: Spec,
    spec_b: Spec,
    actuals: str,
    missing: Missing,
    output: str | None,
    width: int | None,
    header: str = "words",
    dated: list[Spec] | None = None,
    reading: TableReading = _PLAIN,
) -> None:
    """Two specs over a table: the summary, and -o's page or file of every entity;
    ``dated``: the fiscal-year versions, noted when a row's period is outside theirs;
    ``reading``: how the table is read (--encoding, --sheet, --na)."""
    from pathlib import Path

    from ..batch.runner import score_rows
    from ..batch.tables import left_out
    from ..render.batch_view import stored_notes
    from ..render.comparison import render_batch
    from ..review.compare import compare_rows
    from ..scoring.dropped import dropped_headers, dropped_note
    from .inputs import say_notes

    # whole=False: a column one spec needs and the table lacks fails that spec's rows
    added = dropped_headers(spec_b, spec_a)  # A without some of B's indicators
    table_a = reading.open(actuals, spec_a, added)
    say_notes(stored_notes(actuals, table_a.stored))  # a period or an entity stored otherwise
    rows_a = list(score_rows(spec_a, table_a, missing.value, reading.na, whole=False))
    ignored = dropped_headers(spec_a, spec_b)  # B without some of A's indicators
    table_b = reading.open(actuals, spec_b, ignored)
    say_notes(
        [
            dropped_note(actuals, c.index, c.header, spec_a, side="A")
            for c in table_b.columns
            if left_out(c.header, added)
        ]
        + [
            dropped_note(actuals, c.index, c.header, spec_b)
            for c in table_a.columns
            if left_out(c.header, ignored)
        ]
    )
    rows_b = _rows_b(spec_a, spec_b, table_b, actuals, missing, reading.na)
    periods = {r.period for r in rows_a if r.period}
    for version in dated or []:
        _any_period(version, *periods)
    if not rows_a:  # a header and nothing below it
        raise ActualsError(
            _("{table}: no rows to score below the header; give the table with its rows").format(
                table=actuals
            )
        )
    result = compare_rows(spec_a, spec_b, rows_a, rows_b)
    if output and Path(output).suffix.lower() in (".csv", ".xlsx"):
        _write_deltas(result, output, header)  # every entity's and every indicator's change
        output = None
    if output:  # the page of charts
        from ..render import compare_html

        _html_only(output)
        compare_html.write(output, compare_html.report(result, spec_b.changes))
    else:
        console, buf = console_for(width, None)
        show(console, buf, render_batch(result, spec_b.changes), None)
    for line in _failed_lines(spec_a, spec_b, rows_a, rows_b):
        say(line)
    if result.failed:
        raise typer.Exit(1)


def _rows_b(
    spec_a: Spec,
    spec_b: Spec,
    table_b: Table,
    actuals: str,
    missing: Missing,
    na: tuple[str, ...],
) -> list[RowResult]:
    """The table's rows scored by B: where B weighs an indicator with chosen scores
    otherwise than A, each row the exact way with its chosen scores scaled to B's
    weight, as in actuals (:func:`engine.scoring.dropped.rescaled`)."""
    from ..batch.rows import exact_row
    from ..batch.runner import score_rows
    from ..scoring.dropped import rescaled, scaled_columns, scaled_note
    from .inputs import say_notes

    scaled = scaled_columns(table_b.columns, spec_a, spec_b)
    if not scaled:
        return list(score_rows(spec_b, table_b, missing.value, na, whole=False))
    say_notes([scaled_note(actuals, c, spec_a, spec_b) for c in scaled])
    return [
        exact_row(
            spec_b,
            table_b,
            row,
            cells,
            missing.value,
            na,
            prepare=lambda d: rescaled(d, spec_a, spec_b)[0],
        )
        for row, cells in table_b.rows
    ]


def _html_only(output: str) -> None:
    from pathlib import Path

    if Path(output).suffix.lower() not in (".html", ".htm"):
        raise UsageError(
            _(
                "-o {output}: compare over a table writes FILE.html (a page of charts), "
                "FILE.csv or FILE.xlsx (every entity's changes)"
            ).format(output=output)
        )


@app.command(
    epilog="Example: scorecard whatif specs/gz-dept-overall-2021.yaml "
    "examples/licheng-2021/actuals.yaml"
)
@reports_errors
def whatif(
    spec: SpecArg,
    actuals: ActualsArg,
    missing: MissingOpt = Missing.error,
    width: WidthOpt = None,
    set_: SetOpt = None,
    rebalance: RebalanceOpt = False,
    row: RowOpt = None,
    entity: EntityOpt = None,
    sheet: SheetOpt = None,
    na: NaOpt = None,
    encoding: EncodingOpt = "auto",
) -> None:
    """How far each actual must move to gain a point, and what the next grade takes."""
    from ..render.whatif_view import render
    from ..review.whatif import whatif as run_whatif
    from ..scoring.evaluate import evaluate

    loaded = load_spec_with_sets(pick_version(spec, actuals), set_, rebalance)
    pick = row_pick(row, entity, sheet, na, encoding)
    a = entity_actuals(actuals, loaded, missing, pick=pick)  # a filled form, a table's row
    answer = run_whatif(evaluate(loaded, a), a)
    console, buf = console_for(width, None)
    show(console, buf, render(answer), None)


def _is_spec(path: str) -> bool:
    """Is this file a spec (it has indicators, or extends one) rather than actuals?"""
    from ..base.errors import LoadError
    from ..spec.load import load_file

    try:
        data = load_file(path).data
    except LoadError:
        return False
    return isinstance(data, dict) and ("indicators" in data or "extends" in data)


def _write_deltas(result: BatchComparison, output: str, header: str) -> None:
    from pathlib import Path

    from ..base.output import write_atomic
    from ..render import comparison_table as table

    suffix = Path(output).suffix.lower()
    if suffix == ".csv":
        write_atomic(output, utf8(table.csv_text(result, header)))
    elif suffix == ".xlsx":
        write_atomic(output, table.xlsx_bytes(result, header))
    else:
        raise UsageError(
            _("-o {output}: write the comparison as a .csv or .xlsx file").format(output=output)
        )


def _versions(a_path: str, b_path: str, width: int | None) -> None:
    """Two versions without actuals: the rule changes per indicator."""
    from ..render.versions import render as render_versions
    from ..review.compare import version_diff

    diff = version_diff(load_spec_with_sets(a_path), load_spec_with_sets(b_path))
    console, buf = console_for(width, None)
    show(console, buf, render_versions(diff), None)
