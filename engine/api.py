"""The Python API for tables and single entities.

- :func:`score_table`: every row of a table (a file, a pyarrow Table, a pandas or
  polars DataFrame) scored, as a pyarrow Table; a row that fails is a row with
  status ``error`` and its message, never an exception that loses the others.
- :func:`score`: one entity from a dict, as a :class:`Scored`, which shows as a
  table in Jupyter and gives the full :class:`~engine.scoring.result.Scorecard`.

See docs/en/python-api.md.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .base.errors import UsageError
from .base.i18n import N_, _, called_from
from .base.records import record

if TYPE_CHECKING:
    from .batch.tables import Table
    from .scoring.actuals import Actuals
    from .scoring.result import Result, Scorecard
    from .spec.model import Spec

MISSING = ("error", "zero")


def _spec(spec: str | Path | Spec) -> Spec:
    from .spec.compile import load_spec
    from .spec.model import Spec

    if isinstance(spec, Spec):
        return spec
    if not isinstance(spec, str | Path):
        raise UsageError(
            _("spec of type {type}: give a path or a loaded spec").format(type=type(spec).__name__)
        )
    return load_spec(spec)


def _missing(missing: str) -> str:
    if missing not in MISSING:
        raise UsageError(
            _("missing={missing!r}: unknown; valid: {valid}").format(
                missing=missing, valid=_(", ").join(MISSING)
            )
        )
    return missing


def open_data(spec: Spec, data: Any, **options: Any) -> Table:
    """A table to score from a path or an in-memory table."""
    if isinstance(data, str | Path):
        from .batch.tables import open_table

        return open_table(str(data), spec, **options)
    from .batch.arrow import open_frame

    return open_frame(data, spec, type(data).__name__)


def load_actuals(
    path: str | Path, spec: Spec, missing: str = "error", display: str | None = None
) -> Actuals:
    """Read and check an actuals file (YAML, JSON, or a filled 自评表) against
    ``spec`` (:func:`engine.scoring.actuals.load_actuals`); a problem's fix names
    ``missing="zero"``, the keyword, not the command line's option."""
    from .scoring.actuals import load_actuals as load

    with called_from("python"):
        return load(path, spec, missing, display)


def score_files(
    spec_path: str | Path, actuals_path: str | Path, missing: str = "error"
) -> Scorecard:
    """Load a spec and actuals from files and score them
    (:func:`engine.scoring.api.score_files`), a fix named for Python."""
    from .scoring.api import score_files as scored

    with called_from("python"):
        return scored(spec_path, actuals_path, missing)


def score_table(
    spec: str | Path | Spec,
    data: Any,
    *,
    missing: str = "error",
    jobs: int = 1,
    sheet: str | None = None,
    na: Sequence[str] | None = None,
    encoding: str = "auto",
) -> Any:
    """Score every row of ``data`` against ``spec``; a pyarrow Table with one row per
    entity: row, entity, period, total, full_marks, grade, status (``ok`` or
    ``error``), error, flags, every indicator's score (decimal128 with the spec's
    places), and the table's ``notes.ID`` columns.

    ``spec``: a path or a loaded spec. ``data``: a path (.csv, .xlsx, .parquet), a
    pyarrow Table, a pandas DataFrame or a polars DataFrame. Row numbers count the
    header as row 1, as in a spreadsheet. Problems with the spec or the table's
    header raise :class:`~engine.base.errors.ScorecardError`; a row's own problem
    is that row's ``error``. As ``scorecard batch``'s options: ``sheet``, the
    sheet of a workbook; ``na``, the texts that mark an indicator not applicable
    (instead of N/A, n/a, NA, 不适用, --); ``encoding``, a CSV's (auto, utf-8, gbk,
    gb18030).
    """
    loaded = _spec(spec)
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        raise UsageError(
            _("jobs={jobs!r}: give a whole number of processes, 1 or more").format(jobs=jobs)
        )
    tokens = _tokens(na)
    if na is not None:  # as the command line's --na: no mark that changes values unsaid
        from .batch.tables import marks_checked

        with called_from("python"):
            marks_checked(tokens, loaded)
    from .batch.memory import huge_pages_off

    # a row's fix names missing="zero", not --missing zero
    with called_from("python"), huge_pages_off():
        if isinstance(data, str | Path):
            table = open_data(loaded, data, encoding=encoding, sheet=sheet, na_tokens=tokens)
        elif sheet is not None or encoding != "auto":
            raise UsageError(
                _("sheet= and encoding= are for a file's path, not for {type}").format(
                    type=type(data).__name__
                )
            )
        else:
            table = open_data(loaded, data)
        return scored_table(loaded, table, missing, tokens, jobs)


def scored_table(
    spec: Spec,
    table: Table,
    missing: str,
    tokens: tuple[str, ...],
    jobs: int = 1,
    warn: bool = True,
) -> Any:
    """An opened table's rows scored, as :func:`score_table` gives them; with
    ``warn``, the notes ``scorecard batch`` prints beside the rows as warnings
    (:class:`~engine.base.errors.ScorecardWarning`)."""
    from .batch.arrow_results import results_table
    from .batch.memory import huge_pages_off
    from .batch.runner import Summary, score_blocks
    from .batch.tables import note_columns

    summary = Summary(spec, keep_totals=False)
    summary.seen(table)
    with called_from("python"), huge_pages_off():  # also for engine.dask partitions
        notes = [c.target for c in note_columns(table)]
        items = score_blocks(spec, table, _missing(missing), tokens, jobs=jobs)
        result = results_table(spec, summary.counted(items) if warn else items, notes)
        if warn:
            _warn(spec, table, summary)
        return result


def _warn(spec: Spec, table: Table, summary: Any) -> None:
    """The notes on the table's values and entities, one warning each."""
    import warnings

    from .base.errors import ScorecardWarning
    from .render.batch_view import table_notes

    entity = next((c.index for c in table.columns if c.kind == "entity"), None)
    at = (table.file, entity) if entity is not None else None
    for note in table_notes(spec, table.file, summary, at):
        warnings.warn(note, ScorecardWarning, stacklevel=4)


def _tokens(na: Sequence[str] | None) -> tuple[str, ...]:
    """The N/A marks given (``na``), or the usual ones."""
    from .batch.tables import NA_TOKENS

    if na is None:
        return NA_TOKENS
    if not isinstance(na, str) and isinstance(na, Iterable):
        na = tuple(na)  # a generator is read once
    if (
        isinstance(na, str)
        or not isinstance(na, tuple)
        or not all(isinstance(t, str) and t.strip() for t in na)
        or not na
    ):
        raise UsageError(
            _(
                "na={na!r}: give a list of the texts that mark not applicable, such as ['无']"
            ).format(na=na)
        )
    return tuple(t.strip() for t in na)


def score(spec: str | Path | Spec, values: Mapping[str, Any], *, missing: str = "error") -> Scored:
    """Score one entity. ``values`` maps indicator ids (or names) and input ids to
    values, with optional ``entity`` and ``period``, and ``notes.ID`` / ``na.ID``
    keys as in a table's header; or it is an actuals document (with a ``values:``
    mapping) as a YAML file holds it. Numbers may be int, Decimal or text
    (``"82,912.04"``, ``"98.93%"``); floats are read from their shortest text."""
    from .base.errors import ErrorList, ScorecardError
    from .scoring.actuals import check_actuals
    from .scoring.api import warn_claims
    from .scoring.evaluate import evaluate

    loaded = _spec(spec)
    if not isinstance(values, Mapping):
        raise UsageError(
            _(
                "values of type {type}: give a mapping of indicator ids to values (a dict), "
                "or an actuals document with values:; for a file, load it or use score_table"
            ).format(type=type(values).__name__)
        )
    try:
        with called_from("python"):
            doc = _document(loaded, values)
            actuals = check_actuals(doc, loaded, _missing(missing), claims="note")
            warn_claims(actuals)  # claims are a review's: not a reason to refuse the score
            return Scored(evaluate(loaded, actuals))
    except ErrorList:
        raise
    except ScorecardError as e:
        raise ErrorList([e]) from None


def _document(spec: Spec, values: Mapping[str, Any]) -> Any:
    from .batch.pyvalues import exact, plain
    from .spec.load import Document

    if isinstance(values.get("values"), Mapping):  # an actuals document
        # numbers exact, as the YAML file's would be (yaml.safe_load gives ints, floats)
        data = {"spec": spec.id, **exact(dict(values))}
        return Document(file="<values>", data=data, sha256="")
    from .batch.tables import NA_TOKENS, Table, _columns, row_document

    header = [str(k) for k in values]
    keys = tuple(values)
    columns = _columns(header, spec, "<values>", keys)
    table = Table("<values>", columns, iter(()), typed=True, keys=keys)
    table.width = len(header)
    cells = [plain(v) for v in values.values()]  # numpy's scalars, pandas' NA, a NaN
    return row_document(table, spec, 2, cells, NA_TOKENS, "mapping")


@record(frozen=True)
class Scored:
    """One entity's :class:`Scorecard`, shown as a table in Jupyter."""

    scorecard: Scorecard

    def __getattr__(self, name: str) -> Any:  # total, grade, walk(), find(), ...
        return getattr(self.scorecard, name)

    def __repr__(self) -> str:
        sc = self.scorecard
        return f"<Scored {sc.spec.id} {sc.entity or ''} total {self._total(sc.total)}>".replace(
            "  ", " "
        )

    def _shown(self, x: Any) -> str:
        from .scoring.result import score_text

        return score_text(self.scorecard, x)

    def _total(self, x: Any) -> str:
        from .scoring.result import total_text

        return total_text(self.scorecard, x)

    def _repr_html_(self) -> str:
        from .render import _fmt as f

        sc = self.scorecard
        e = html.escape
        rows = [
            f"<tr><td style='text-align:left;padding-left:{0.5 + 1.5 * depth}em'>"
            f"{e(r.indicator.name)} <small>({e(r.id)})</small></td>"
            f"<td>{e(f.target_text(r))}</td>"
            f"<td>{e(f.actual_text(r, sc.spec.rounding.places))}</td>"
            f"<td>{e(f.weight_text(sc, r))}</td><td>{e(self._shown(r.score))}</td>"
            f"<td>{e(f.flags(r))}</td></tr>"
            for depth, r in _depths(sc.results)
        ]
        grade = e(_("grade {grade}").format(grade=sc.grade)) if sc.grade is not None else ""
        title = e(sc.spec.title or sc.spec.id) + (f" · {e(sc.entity)}" if sc.entity else "")
        heads = "".join(
            f"<th>{e(_(h))}</th>"
            for h in (N_("Indicator"), N_("Target"), N_("Actual"), N_("Weight"), N_("Score"))
        )
        return (
            f"<table><caption>{title}</caption><thead><tr>{heads}<th>{e(_('Flags'))}</th>"
            "</tr></thead><tbody>"
            + "".join(rows)
            + f"</tbody><tfoot><tr><th colspan='4'>{e(_('Total'))}</th>"
            f"<th>{e(self._total(sc.total))} / {e(self._total(sc.full_marks))}</th>"
            f"<th>{grade}</th></tr></tfoot></table>"
        )


def _depths(results: tuple[Result, ...], depth: int = 0) -> Iterator[tuple[int, Result]]:
    for r in results:
        yield depth, r
        yield from _depths(r.children, depth + 1)
