"""Tables and filled forms among ``scorecard validate``'s files, and what the
checks of every kind of file share: the specs found, how tables are read, and
the first errors shown of many."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import field
from typing import TYPE_CHECKING

from ..base.errors import ErrorList, Pos, ScorecardError
from ..base.i18n import _
from ..base.records import record
from ..spec.load import Document
from ..spec.model import Spec

if TYPE_CHECKING:
    from ..scoring.model import Actuals
    from ..spec.family import Version


@record(frozen=True)
class Reading:
    """How a table is read, as ``batch``'s options say, and what a missing value
    is in actuals, tables and forms (``error`` or ``zero``)."""

    missing: str = "error"
    encoding: str = "auto"
    sheet: str | None = None
    #: the N/A marks; None: the batch's own
    na: tuple[str, ...] | None = None


#: a table's problems row by row, as the batch reads it, and the notes ``batch``
#: gives of its values likely mistyped (the command line gives them from
#: :func:`engine.batch.table_check.row_problems`: this layer does not import the batch)
RowProblems = Callable[[str, Spec, Reading], tuple[list[str], list[str]]]


@record
class Specs:
    """The specs among the files: each compiled, by id (the first of an id), the
    versions of each family by file, and whether a file failed to load."""

    compiled: list[Spec] = field(default_factory=list)
    by_id: dict[str, Spec] = field(default_factory=dict)
    #: every spec of an id, by file (alternative rule sets keep their id)
    same_id: dict[str, dict[str, Spec]] = field(default_factory=dict)
    versions: dict[str, dict[str, Spec]] = field(default_factory=dict)
    #: where a version whose dates are its base's extends it (by file)
    inherited: dict[str, Pos] = field(default_factory=dict)
    #: lists of indicators for include among the files
    lists: list[Document] = field(default_factory=list)
    failed: bool = False
    #: notes on the specs themselves (a group averaging children rounded first)
    notes: list[str] = field(default_factory=list)

    def add(self, spec: Spec, path: str, inherited: Pos | None = None) -> None:
        """A compiled spec; a version of a family when it has effective dates
        (``inherited``: where it extends the spec they are taken from)."""
        self.compiled.append(spec)
        self.by_id.setdefault(spec.id, spec)
        self.same_id.setdefault(spec.id, {})[path] = spec
        if spec.effective is not None:
            self.versions.setdefault(spec.id, {})[path] = spec
        if inherited is not None:
            self.inherited[path] = inherited

    def named(self, doc: Document) -> Spec | None:
        """The spec an actuals document or form names (by id; in a family, the
        version its period picks), None when it is not among the files."""
        named = doc.data.get("spec") if isinstance(doc.data, dict) else None
        if not isinstance(named, str):
            return None
        if len(self.versions.get(named, {})) > 1:
            return version_for(doc, self.versions[named])
        return self.by_id.get(named)

    def alternatives(self, doc: Document) -> dict[str, Spec]:
        """Every spec of the id an actuals document names, by file, when there are
        several and they are no fiscal-year family (alternative rule sets)."""
        named = doc.data.get("spec") if isinstance(doc.data, dict) else None
        if not isinstance(named, str) or len(self.versions.get(named, {})) > 1:
            return {}
        found = self.same_id.get(named, {})
        return found if len(found) > 1 else {}


class MoreErrors(ScorecardError):
    """The line that stands for the errors of a file not shown, and how many."""

    def __init__(self, path: str, more: int):
        super().__init__(
            _("{path}: … and {n} more errors; fix these first").format(path=path, n=more)
        )
        self.more = more


def error_count(errors: Sequence[ScorecardError]) -> int:
    """How many errors ``errors`` lists, those not shown included."""
    return sum(e.more if isinstance(e, MoreErrors) else 1 for e in errors)


def capped(path: str, errors: Sequence[ScorecardError]) -> list[ScorecardError]:
    """The first :data:`ErrorList.SHOWN` of a file's errors, in their order, and
    a line saying how many more there are."""
    shown = list(errors[: ErrorList.SHOWN])
    if len(errors) > ErrorList.SHOWN:
        shown.append(MoreErrors(path, len(errors) - ErrorList.SHOWN))
    return shown


def versions_of(specs: dict[str, Spec], inherited: dict[str, Pos] | None = None) -> list[Version]:
    """The compiled versions of a family (file → spec), earliest first: a version
    file that failed to compile is left out (its own errors say why);
    ``inherited``: where a version whose dates are its base's extends it."""
    from ..spec.family import Version

    at = inherited or {}
    found = [
        Version(f, s.id, s.effective, at.get(f))
        for f, s in specs.items()
        if s.effective is not None
    ]
    return sorted(found, key=lambda v: v.effective.start)


def version_for(doc: Document, specs: dict[str, Spec]) -> Spec:
    """The version of a family that an actuals file's (or a form's) period picks."""
    from ..spec.family import period_of, pick

    chosen = pick(versions_of(specs), period_of(doc), doc.pos(("period",)))
    return specs[chosen.file]


def table_errors(
    path: str, specs: Specs, reading: Reading, rows: RowProblems, notes: list[str]
) -> list[ScorecardError]:
    """A table's problems, every row read as ``scorecard batch`` reads it with the
    one spec given; a filled form's, as actuals against the spec it names (the
    notes ``score`` would give of it go to ``notes``)."""
    from ..base.errors import UsageError
    from ..base.files import old_excel
    from .form import is_form

    try:
        old = old_excel(path)
        if old is not None:
            raise ScorecardError(old)
        from ..base.files import is_lock_file, lock_file_said

        if is_lock_file(path):
            raise ScorecardError(lock_file_said(path))
        if is_form(path):
            _check_form(path, specs, reading.missing, notes)
            return []
        spec = _one_spec(path, specs)
        problems, said = rows(path, spec, reading)
        notes.extend(said)
        return capped(path, [ScorecardError(line) for line in problems])
    except UsageError:  # an option that does not fit the table (--sheet on a CSV): misuse
        raise
    except ErrorList as e:
        return capped(path, e.errors)
    except ScorecardError as e:
        # kept without its traceback, which holds the table's rows (and a GBK copy) open
        e.__traceback__ = e.__context__ = None
        return [e]


def _one_spec(path: str, specs: Specs) -> Spec:
    """The spec a table is checked against: the only one given, all files read."""
    if specs.failed:  # the table may be meant for the spec that did not load
        raise ScorecardError(
            _(
                "{path}: not checked: a file given with it has errors (above); fix them first"
            ).format(path=path)
        )
    if len(specs.compiled) == 1:
        return specs.compiled[0]
    ids = {spec.id for spec in specs.compiled}
    versions = specs.versions.get(next(iter(ids)), {}) if len(ids) == 1 else {}
    if len(versions) == len(specs.compiled) > 1:  # one family's versions, all of them
        raise ScorecardError(
            _(
                "{path}: spec '{id}' has {n} fiscal-year versions here; give the file of the "
                "one to check the table against: {files}"
            ).format(path=path, id=next(iter(ids)), n=len(versions), files=", ".join(versions))
        )
    raise ScorecardError(
        _(
            "{path}: a table is checked against a spec, and {n} were given; give one spec "
            "with it: scorecard validate SPEC TABLE"
        ).format(path=path, n=len(specs.compiled))
    )


def _check_form(path: str, specs: Specs, missing: str, notes: list[str]) -> None:
    """A filled 自评表 form, checked as actuals against the spec it names and
    scored: the notes ``score`` gives of it go to ``notes``, those of its reading
    (a row deleted, a renamed sheet) whether or not its check then fails."""
    from ..scoring.actuals import check_actuals
    from .form import read_form, read_head

    head = read_head(path)
    named = head.data.get("spec")
    spec = specs.named(head)
    if spec is None:
        raise ScorecardError(
            _(
                "{path}: a filled form of spec '{spec}', which is not among the files; "
                "give that spec with it"
            ).format(path=path, spec=named)
        )
    doc = read_form(path, spec)  # its notes (a cell outside the form, a renamed sheet) first
    notes.extend(doc.notes)
    notes.extend(scored_notes(check_actuals(doc, spec, missing), spec))


def scored_notes(actuals: Actuals, spec: Spec) -> list[str]:
    """One entity's checked actuals scored as ``score`` scores them (an error of
    scoring raised as there), and the notes it gives of values likely mistyped."""
    from ..scoring.evaluate import evaluate
    from .plausible import fraction_notes

    return fraction_notes(evaluate(spec, actuals))
