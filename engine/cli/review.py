"""`review`: claimed scores (自评得分) against the rules' scores (复核)."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from ..base.errors import ActualsError, ErrorList, LoadError, ScorecardError, UsageError
from ..base.i18n import _
from ..base.records import record
from .inputs import TableReading, load_spec_with_sets, na_marks, submitted_files, unit_warnings
from .io import console_for, emit, format_for, say, show
from .root import (
    EncodingOpt,
    Missing,
    MissingOpt,
    NaOpt,
    OutputOpt,
    SetOpt,
    SheetOpt,
    SpecArg,
    WidthOpt,
    app,
    reports_errors,
)

if TYPE_CHECKING:
    from fractions import Fraction

    from ..review.claims import Claims, EntityReview, Unreviewed
    from ..scoring.actuals import Actuals
    from ..spec.model import Spec


class ReviewFormat(StrEnum):
    table = "table"
    tree = "tree"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"
    html = "html"


DeviationsOpt = Annotated[
    bool,
    typer.Option(
        "--deviations",
        help="In the 复核表 of several submissions, list only the claims beyond the tolerance "
        "(the totals per unit stay whole).",
    ),
]


@app.command(
    epilog="Example: scorecard review specs/gz-dept-overall-2021.yaml "
    "examples/licheng-2021/自评表.xlsx --tolerance 0.01  (exit 0: every claim within the "
    "tolerance; 1: claims beyond it, or bad input)"
)
@reports_errors
def review(
    spec: SpecArg,
    submissions: Annotated[
        list[str],
        typer.Argument(
            help="Actuals files with claimed scores, filled 自评表 forms, or tables "
            "(.csv, .xlsx) with claimed.ID and claimed_total columns, one entity a row.",
            metavar="SUBMISSION...",
            show_default=False,
        ),
    ],
    tolerance: Annotated[
        str,
        typer.Option(
            "--tolerance",
            metavar="POINTS",
            help="A claim within this many points of the score agrees (default 0).",
        ),
    ] = "0",
    format: Annotated[
        ReviewFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table (default) and tree (with each deviating score's derivation) for "
            "one submission; for several, the 复核表 as table, json, csv, xlsx or html, "
            "sorted by the largest over-claim, with totals per unit.",
        ),
    ] = None,
    missing: MissingOpt = Missing.error,
    output: OutputOpt = None,
    width: WidthOpt = None,
    set_: SetOpt = None,
    encoding: EncodingOpt = "auto",
    sheet: SheetOpt = None,
    na: NaOpt = None,
    deviations: DeviationsOpt = False,
) -> None:
    """Compare the scores each submission claims with the rules' scores, per indicator
    and in total: deviation, over- or under-claimed, and the reason given."""

    tol = _tolerance(tolerance)
    fmt = ReviewFormat(format_for(output, [f.value for f in ReviewFormat], format))
    files = _without_sheets(submitted_files(submissions))  # patterns expanded, once
    compiled = load_spec_with_sets(_version(spec, files), set_)
    reading = _Reading(encoding, sheet, na_marks(na), missing.value)
    reviews, unreviewed = _reviewed(files, compiled, reading, tol)
    failed = [e for unit in unreviewed for e in unit.errors]
    if failed and not reviews:
        raise ErrorList(failed)
    if not reviews:  # tables with a header and no rows
        raise ActualsError(
            _("{table}: no rows to review below the header; give the table with its rows").format(
                table=_(", ").join(submissions)
            )
        )
    for line in unit_warnings([(rv.file, rv.entity, rv.period) for rv in reviews]):
        say(line)
    _write(reviews, unreviewed, tol, fmt, output, width, deviations)
    beyond = _counted(reviews, tol)
    if failed:  # the others were reviewed; these say why they were not
        raise ErrorList(failed)
    if beyond:
        raise typer.Exit(1)


def _counted(reviews: list[EntityReview], tol: Fraction) -> int:
    """Say after the review how many claims lie beyond the tolerance (or that none
    is claimed), and return that count."""
    from ..base.numbers import format_value

    if not any(x.claimed is not None for rv in reviews for x in (*rv.lines, rv.total)):
        typer.echo(
            _(
                "note: no submission claims a score (claimed: in an actuals file, 自评得分 in a "
                "form, claimed.ID or claimed_total columns in a table): nothing to review"
            ),
            err=True,
        )
    beyond = sum(len(rv.beyond()) for rv in reviews)
    if beyond:
        typer.echo(
            _("{beyond} claim(s) beyond the tolerance of {tolerance}").format(
                beyond=beyond,
                tolerance=format_value(tol),  # as read: ０.５ is 0.5
            ),
            err=True,
        )
    return beyond


def _tolerance(text: str) -> Fraction:
    """--tolerance as points, 0 or more."""
    from ..base.numbers import NumberError, parse_number

    try:
        tol = parse_number(text)
    except NumberError:
        tol = None
    if text.strip().endswith(("%", "％")):  # a share of the weight was meant, perhaps
        raise UsageError(
            _(
                "--tolerance {tolerance}: the tolerance is in points, not a percentage; give a "
                "number of points, 0 or more (e.g. 0.5)"
            ).format(tolerance=text)
        )
    if tol is None or tol < 0:
        raise UsageError(
            _("--tolerance {tolerance}: give a number of points, 0 or more").format(tolerance=text)
        )
    return tol


def _reviewed(
    files: list[str], spec: Spec, reading: _Reading, tol: Fraction
) -> tuple[list[EntityReview], list[Unreviewed]]:
    """Every submission of ``files`` reviewed, and those that cannot be (a file or
    a table's row) with their errors, told after the others' review and listed
    among the units of the 复核表."""
    from dataclasses import replace

    from ..review.claims import Unreviewed
    from ..review.claims import review as compare
    from ..review.plausible import noted_fractions
    from ..scoring.evaluate import evaluate
    from .inputs import say_notes, unread_options
    from .stopping import check

    reviews = []
    failed: list[Unreviewed] = []
    unread_options(files, reading.sheet, reading.encoding, reading.marks)
    for path in files:
        check()  # a signal whose KeyboardInterrupt a reader swallowed: stop between files
        odd = _no_submission(path)
        if odd is not None:  # one file of many: listed as not reviewed, the others are
            if len(files) == 1:
                raise UsageError(odd)
            failed.append(Unreviewed.of(LoadError(odd), path))
            continue
        try:
            for actuals, claims, label, said in _submissions(path, spec, reading, failed):
                card = evaluate(spec, actuals)
                noted = noted_fractions(card)
                say_notes([text for _id, text in noted])  # values likely mistyped, as score
                notes = (*(("", text) for text in said), *noted)  # kept in the files too
                reviews.append(replace(compare(card, claims, tol, label), notes=notes))
        except ScorecardError as e:
            if e.exit_code != 1:  # the command misused: nothing to review
                raise
            failed.append(Unreviewed.of(e, path))
    return reviews, failed


def _without_sheets(files: list[str]) -> list[str]:
    """``files`` less the 复核表 files review wrote (saved among the submissions, and
    matched by their pattern the next time), each left out with a note; one given
    alone is refused."""
    from .inputs import say_notes

    own = [f for f in files if _is_review_sheet(f)]
    if len(files) == 1 and own:
        raise UsageError(
            _(
                "{path}: a 复核表 written by scorecard review, not a submission; give the "
                "submissions it was written from"
            ).format(path=own[0])
        )
    say_notes(
        [
            _(
                "{path}: note: left out, a 复核表 written by scorecard review, not a submission"
            ).format(path=f)
            for f in own
        ]
    )
    return [f for f in files if f not in own]


def _is_review_sheet(path: str) -> bool:
    """Whether ``path`` is a 复核表 review wrote: a workbook of its sheets, or a CSV
    starting with its header (in either language)."""
    from pathlib import Path

    from ..base.files import sheets_named
    from ..render.review_view import DETAIL_HEADER, names

    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        return sheets_named(path, ("复核表", "单位合计")) == {"复核表", "单位合计"}
    if suffix != ".csv":
        return False
    try:
        with open(path, "rb") as fh:
            first = fh.readline(4096).decode("utf-8-sig").rstrip("\r\n")
    except (OSError, UnicodeDecodeError):
        return False
    from ..base.i18n import speaking

    heads = {",".join(DETAIL_HEADER)}
    with speaking("zh"):
        heads.add(",".join(names(DETAIL_HEADER)))
    return first in heads


def _no_submission(path: str) -> str | None:
    """Why a file given cannot be a submission by its kind (the old .xls format, a
    document of another kind); None for a form, an actuals file or a table."""
    from pathlib import Path

    from ..base.files import TABLE_SUFFIXES, old_excel

    suffix = Path(path).suffix.lower()
    if suffix in (".yaml", ".yml", ".json") or (suffix in TABLE_SUFFIXES and suffix != ".xls"):
        return None
    if not Path(path).is_file():  # not there, or no file to read: told as any file is
        return None
    return old_excel(path) or _(
        "{path}: not a submission; give a filled 自评表 form (.xlsx), an actuals file "
        "(.yaml, .json) or a table of submissions (.csv, .xlsx, .parquet)"
    ).format(path=path)


def _version(spec: str, files: list[str]) -> str:
    """A folder of fiscal-year versions: the version the periods of the submitted
    ``files`` pick, when they pick one (a form's head, an actuals file's period),
    as score picks it for one; files of two versions are refused, naming each
    one's. A table, whose rows may fall in any, is left to the folder's own
    refusal."""
    from pathlib import Path

    from .inputs import is_table, pick_version

    if not Path(spec).is_dir():
        return spec
    if not files or any(is_table(f) for f in files):
        return spec
    picked: dict[str, list[str]] = {}
    for f in files:
        picked.setdefault(pick_version(spec, f), []).append(f)
    if len(picked) == 1:
        return next(iter(picked))
    raise UsageError(
        _(
            "{folder}: the submissions fall in {n} fiscal-year versions ({listed}); review "
            "each version's submissions on their own"
        ).format(
            folder=spec,
            n=len(picked),
            listed=_("; ").join(
                f"{Path(version).name}: {_(', ').join(found)}" for version, found in picked.items()
            ),
        )
    )


@record(frozen=True)
class _Reading(TableReading):
    """How a table of submissions is read: as batch reads one, with --missing."""

    missing: str = "error"


def _submissions(
    path: str, spec: Spec, reading: _Reading, failed: list[Unreviewed]
) -> Iterator[tuple[Actuals, Claims, str, tuple[str, ...]]]:
    """The submissions a file holds: one (an actuals file, a form), or one per row of
    a table, each named ``FILE:ROW``, with the notes said as it was read; a bad
    row's errors go to ``failed``, and the other rows are reviewed."""

    from ..review.claims import Unreviewed, claims_of, read_submission
    from ..scoring.actuals import check_actuals
    from .inputs import is_table, say_notes

    if not is_table(path):
        doc = read_submission(path, spec)
        say_notes(doc.notes)  # a form of other rules: said before its claims are checked
        try:
            actuals = check_actuals(doc, spec, reading.missing, claims="review")
        except ScorecardError as e:  # listed under the unit it names, if it names one
            data = doc.data if isinstance(doc.data, dict) else {}
            named = [
                v if isinstance(v, str) else "" for v in (data.get("entity"), data.get("period"))
            ]
            failed.append(Unreviewed.of(e, path, named[0], named[1], doc.notes))
            return
        say_notes(list(actuals.claim_notes))
        yield actuals, claims_of(actuals), path, (*doc.notes, *actuals.claim_notes)
        return
    from ..batch.absent import refuse_absent
    from ..batch.rows import row_unit
    from ..batch.tables import row_document
    from ..render.batch_view import stored_notes

    tokens = reading.na
    missing = reading.missing
    table = reading.open(path, spec)
    say_notes(stored_notes(path, table.stored))  # a period or an entity stored otherwise
    if missing == "error":  # a column every row needs, absent: said once, as batch says it
        refuse_absent(spec, table)
    for row, cells in table.rows:
        try:
            doc = row_document(table, spec, row, cells, tokens)
            actuals = check_actuals(doc, spec, missing, schema=False, claims="review")
        except ScorecardError as e:
            failed.append(Unreviewed.of(e, f"{path}:{row}", *row_unit(table, cells)))
            continue
        say_notes(list(actuals.claim_notes))
        yield actuals, claims_of(actuals), f"{path}:{row}", actuals.claim_notes


def _write(
    reviews: list[EntityReview],
    unreviewed: list[Unreviewed],
    tol: Fraction,
    fmt: ReviewFormat,
    output: str | None,
    width: int | None,
    deviating: bool = False,
) -> None:
    """The review in the format asked for: the 复核表 for several (those that could
    not be reviewed among its units; ``deviating``: its claims beyond the tolerance
    alone), a table or tree for one."""
    from ..render import review_view as v

    if fmt is ReviewFormat.xlsx:
        from ..base.output import write_atomic

        if not output:
            raise UsageError(_("xlsx output is a file: give -o FILE.xlsx with --format xlsx"))
        write_atomic(output, v.sheet_xlsx(reviews, tol, unreviewed, deviating))
    elif fmt in (ReviewFormat.json, ReviewFormat.csv, ReviewFormat.html):
        text_of = {"json": v.sheet_json, "csv": v.sheet_csv, "html": v.sheet_html}[fmt.value]
        emit(text_of(reviews, tol, unreviewed, deviating), output)
    elif len(reviews) > 1 or (unreviewed and fmt is ReviewFormat.table):
        if fmt is ReviewFormat.tree:
            raise UsageError(_("--format tree shows one submission; give one, or use table"))
        console, buf = console_for(width, output)
        show(console, buf, v.sheet_table(reviews, tol, unreviewed, deviating), output)
    else:
        console, buf = console_for(width, output)
        shown = v.entity_table if fmt is ReviewFormat.table else v.entity_tree
        show(console, buf, shown(reviews[0], tol), output)
