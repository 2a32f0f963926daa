"""Reading a command's inputs: the spec with its --set changes, and one entity's actuals."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..base.errors import ErrorList, LoadError, UsageError
from ..base.files import TABLE_SUFFIXES, old_excel
from ..base.i18n import _, option_given
from ..base.records import record
from ..base.text import shell_word
from .root import Missing

if TYPE_CHECKING:
    from ..batch.tables import Table
    from ..scoring.actuals import Actuals
    from ..scoring.result import Scorecard
    from ..spec.load import Document
    from ..spec.model import Spec


def load_spec_with_sets(path: str, sets: list[str] | None = None, rebalance: bool = False) -> Spec:
    """Load a spec with the command line's ``--set`` changes applied (and ``--rebalance``)."""
    from ..base.errors import LoadError
    from ..spec.compile import compile_spec
    from ..spec.compose import resolve
    from ..spec.load import load_file

    one_file(path)
    try:
        doc = resolve(load_file(path))  # --set may name the base's indicators
    except LoadError as e:
        raise ErrorList([e]) from None
    if not sets:
        return compile_spec(doc)
    _text_only(sets, "set")
    from dataclasses import replace

    from ..spec.setpath import apply_sets

    changes = tuple(sets) + (("--rebalance",) if rebalance else ())
    return replace(compile_spec(apply_sets(doc, sets, rebalance)), changes=changes)


def _text_only(given: list[str], option: str) -> None:
    """Refuse an option's value holding bytes that are not UTF-8 (a terminal in
    another encoding): it would name nothing, or change the spec to a garble."""
    from ..base.text import foreign_bytes

    for value in given:
        if foreign_bytes(value):
            raise UsageError(
                _(
                    "--{option} {value}: holds bytes that are not UTF-8 text; write it in "
                    "UTF-8 (set the terminal's encoding to UTF-8)"
                ).format(option=option, value=shell_word(value))
            )


def one_file(spec_path: str) -> None:
    """A folder of fiscal-year versions where one spec file is needed: say which."""
    if Path(spec_path).is_dir():
        from ..spec.family import name_a_version

        raise name_a_version(spec_path)


def score_entity(
    spec_path: str,
    actuals_path: str,
    missing: Missing,
    sets: list[str] | None = None,
    rebalance: bool = False,
    pick: RowPick | None = None,
) -> Scorecard:
    from ..scoring.evaluate import evaluate

    swapped = Path(actuals_path).suffix.lower() in (".yaml", ".yml", ".json")
    if swapped and Path(spec_path).suffix.lower() in TABLE_SUFFIXES:
        raise UsageError(
            _(
                "{table} is a table, not a spec: score takes the spec (YAML) first, then one "
                "entity's actuals; to score every row of the table: scorecard batch SPEC {table}"
            ).format(table=spec_path)
        )
    picked = pick is not None and pick.given(actuals_path)
    if Path(spec_path).is_dir() and is_table(actuals_path) and not picked:  # not a folder's matter
        one_entity(actuals_path)
    spec = load_spec_with_sets(pick_version(spec_path, actuals_path), sets, rebalance)
    sc = evaluate(spec, entity_actuals(actuals_path, spec, missing, pick=pick))
    if pick is not None and picked:  # the stamp says which row
        from dataclasses import replace

        return replace(sc, actuals_pick=pick.stamp())
    return sc


def entity_actuals(
    path: str,
    spec: Spec,
    missing: Missing = Missing.error,
    written_for: Spec | None = None,
    beside: Spec | None = None,
    said: set[str] | None = None,
    pick: RowPick | None = None,
) -> Actuals:
    """One entity's actuals: a YAML/JSON file, or a 自评表 form filled in.
    ``written_for``: the spec a YAML/JSON file was written for, when it is given
    to another (compare's B): what it gives for an indicator ``spec`` lacks is
    left out, and its points are scaled to ``spec``'s weights, each with a note;
    ``beside``: the spec it is compared with (compare's A is given B): what it
    gives for an indicator only ``beside`` has is left out, with a note
    (:mod:`engine.scoring.dropped`); ``said``: the claims' notes said already;
    ``pick``: the row of a table to read (``--row``, ``--entity``)."""
    from ..scoring.actuals import check_actuals
    from ..spec.load import load_file

    if pick is not None and pick.given(path):
        row = pick.document(path, spec)
        return _told(check_actuals(row, spec, missing.value, schema=False, claims="note"))
    doc: Document | None = None
    if path.lower().endswith((".xlsx", ".xlsm")):  # (the form reader is imported only then)
        from ..review.form import is_form, read_form

        if is_form(path):  # compared with another spec: its rows may be the other's
            other = beside or written_for
            ids = frozenset(other.by_id) - frozenset(spec.by_id) if other else frozenset()
            doc = read_form(path, spec, others=ids)
            say_notes(doc.notes)
    if doc is None:
        one_entity(path, spec)
        doc = load_file(path)
    if beside is not None or (written_for is not None and written_for is not spec):
        from ..scoring.dropped import for_spec, for_spec_a

        doc, notes = (
            for_spec_a(doc, spec, beside)
            if beside is not None
            else for_spec(doc, written_for or spec, spec)
        )
        say_notes(notes)
    return _told(check_actuals(doc, spec, missing.value, claims="note"), said)


def _told(actuals: Actuals, said: set[str] | None = None) -> Actuals:
    """The actuals, their claims' problems said as notes (only review reads claims);
    ``said``: the notes said already of the same file (compare reads it twice)."""
    fresh = [n for n in actuals.claim_notes if said is None or n not in said]
    say_notes(fresh)
    if said is not None:
        said.update(fresh)
    return actuals


def say_notes(notes: list[str]) -> None:
    """Located notes found while reading an input, on standard error."""
    from .io import say

    say(*notes)


def say_left_out(locks: list[str]) -> None:
    """A note for each Excel lock file a pattern matched, left out."""
    say_notes(
        [
            _(
                "{path}: note: left out, an Excel lock file (the workbook it names is "
                "open in Excel), not a workbook"
            ).format(path=lock)
            for lock in locks
        ]
    )


def submitted_files(given: list[str]) -> list[str]:
    """The files the arguments name: a pattern the shell left alone expanded, as
    batch expands it, and Excel lock files (``~$甲县.xlsx``, which a shell's own
    pattern matches too) left out with a note, unless nothing else is given."""
    from ..batch.parts import expand, is_lock_file

    files: list[str] = []
    left: list[str] = []
    for arg in given:
        found, locks = expand(arg)
        lock = [is_lock_file(path) and Path(path).is_file() for path in found]
        left += locks + [path for path, is_lock in zip(found, lock, strict=True) if is_lock]
        files += [path for path, is_lock in zip(found, lock, strict=True) if not is_lock]
    if left and not files:  # lock files alone: refused, naming the workbook
        refuse_lock_file(left[0])
    say_left_out(left)
    return files


def is_table(path: str) -> bool:
    """A table of many entities (by its suffix), not a filled 自评表 form (one entity)."""
    from ..review.form import is_form

    return Path(path).suffix.lower() in TABLE_SUFFIXES and not is_form(path)


def refuse_lock_file(path: str) -> None:
    """Refuse an Excel lock file given for its workbook, naming the workbook."""
    from ..batch.parts import lock_file_said

    raise UsageError(lock_file_said(path))


def one_entity(actuals_path: str, spec: Spec | None = None) -> None:
    """A table where one entity's actuals belong: say which command reads tables (a
    file that is not there is left to the reader, which says so), or, for a 自评表
    form saved as CSV (its title first, ``spec``'s), that the form is the workbook."""
    if Path(actuals_path).suffix.lower() in TABLE_SUFFIXES and Path(actuals_path).exists():
        from ..base.files import lost_form_sheet
        from ..batch.parts import is_lock_file

        if is_lock_file(actuals_path):
            refuse_lock_file(actuals_path)
        old = old_excel(actuals_path)
        if old is not None:
            raise UsageError(old)
        lost = lost_form_sheet(actuals_path)
        if lost is not None:  # the file is wrong, not the command: exit 1
            raise LoadError(lost)
        if spec is not None and not actuals_path.lower().endswith((".xlsx", ".xlsm")):
            _form_saved_as_table(actuals_path, spec)
        import zipfile

        if actuals_path.lower().endswith((".xlsx", ".xlsm")) and not zipfile.is_zipfile(
            actuals_path
        ):  # empty, or cut short: neither a form nor a table
            from ..batch.xlsx import not_a_workbook

            raise not_a_workbook(actuals_path)
        raise UsageError(
            _(
                "{path}: a table holds many entities; score every row with "
                "'scorecard batch SPEC TABLE', or pick one with --row N or --entity NAME "
                "(or give one entity's actuals as YAML/JSON)"
            ).format(path=actuals_path)
        )


def pick_version(spec_path: str, actuals_path: str) -> str:
    """A folder of fiscal-year versions: the file the actuals' period picks; else the path
    (a table's rows may fall in different versions: it takes a file)."""
    if not Path(spec_path).is_dir() or is_table(actuals_path):
        return spec_path
    from ..base.errors import LoadError
    from ..review.form import is_form, read_head
    from ..spec.family import version_for
    from ..spec.load import load_file

    try:  # a filled form: its head says the spec id and the period
        actuals = read_head(actuals_path) if is_form(actuals_path) else load_file(actuals_path)
    except LoadError as e:
        raise ErrorList([e]) from None
    return version_for(spec_path, actuals)


def _form_saved_as_table(path: str, spec: Spec) -> None:
    """Raise :class:`engine.batch.tables.FormAsTable` when the table at ``path`` is
    a 自评表 form saved as CSV; anything else of the table is batch's to say."""
    from ..base.errors import ScorecardError
    from ..batch.tables import FormAsTable, open_table

    try:
        table = open_table(path, spec)
    except FormAsTable:
        raise
    except ScorecardError:
        return
    close = getattr(table.rows, "close", None)
    if close is not None:
        close()


def unit_warnings(units: list[tuple[str, str, str]]) -> list[str]:
    """A warning for each submission (file, entity, period) that breaks one
    submission per entity, as batch warns of a table's rows: no entity (an empty
    评价对象), or an entity (in the same period) an earlier submission has. Each
    is still scored (or reviewed)."""
    first: dict[tuple[str, str], str] = {}
    out = []
    for file, entity, period in units:
        if not entity:
            out.append(
                _(
                    "{file}: warning: no entity (评价对象 is empty); it counts as no one's: "
                    "write whose it is"
                ).format(file=file)
            )
            continue
        key = (entity, period)
        if key in first:
            out.append(
                _(
                    "{file}: warning: entity '{entity}' is also {first} (the same period); "
                    "each entity once: remove or correct one of them"
                ).format(file=file, entity=entity, first=first[key])
            )
        else:
            first[key] = file
    return out


def unread_options(
    files: list[str], sheet: str | None, encoding: str, marks: tuple[str, ...] | None = None
) -> None:
    """Refuse --sheet without an .xlsx table among ``files``, --encoding without a
    CSV one, and --na (``marks``) without any table: nothing would read them (a
    form, an .xlsx file itself, is read from its own sheets; a YAML file has
    neither)."""
    from pathlib import Path

    from ..base.i18n import option_given

    suffixes = {Path(f).suffix.lower() for f in files if is_table(f)}
    for name, given, kinds in (
        ("sheet", sheet, (".xlsx", ".xlsm")),
        ("encoding", None if encoding == "auto" else encoding, (".csv", ".tsv")),
        ("na", marks[0] if marks else None, tuple(sorted(TABLE_SUFFIXES))),
    ):
        if given is not None and not suffixes & set(kinds):
            raise UsageError(
                _(
                    "{option} is for a table ({kinds}), and no file given is one; drop {option}"
                ).format(option=option_given(name, given), kinds=_(", ").join(kinds))
            )


def na_marks(given: list[str] | None) -> tuple[str, ...] | None:
    """The marks ``--na`` gives (None: the default ones), each stripped as a cell
    is; one that would change values unsaid is refused
    (:func:`engine.batch.tables.marks_checked`; a grade of the spec is refused
    where the table is opened, against its spec)."""
    if not given:
        return None
    _text_only(given, "na")
    from ..batch.tables import marks_checked

    return marks_checked(given)


@record(frozen=True)
class TableReading:
    """How a table is read, as ``batch`` reads one: ``--encoding``, ``--sheet`` and
    the N/A marks given with ``--na`` (None: the default ones)."""

    encoding: str = "auto"
    sheet: str | None = None
    marks: tuple[str, ...] | None = None

    @property
    def na(self) -> tuple[str, ...]:
        from ..batch.tables import NA_TOKENS

        return self.marks or NA_TOKENS

    def open(self, path: str, spec: Spec, ignored: frozenset[str] = frozenset()) -> Table:
        from ..batch.tables import open_table

        return open_table(path, spec, self.encoding, self.sheet, self.na, ignored)


def row_pick(
    row: int | None,
    entity: str | None,
    sheet: str | None = None,
    na: list[str] | None = None,
    encoding: str = "auto",
) -> RowPick:
    """The row the options pick of a table given as one entity's actuals."""
    return RowPick(row, entity, TableReading(encoding, sheet, na_marks(na)))


@record(frozen=True)
class RowPick:
    """The row of a table that ``score``, ``explain`` and ``whatif`` read as one
    entity's actuals: by its number (``--row``) or its entity (``--entity``), read
    as ``reading`` says (``--sheet``, ``--na``, ``--encoding``)."""

    row: int | None = None
    entity: str | None = None
    reading: TableReading = TableReading()

    def given(self, path: str) -> bool:
        """Whether a row is picked of ``path``; options of a table given for one
        entity's actuals, or both ways of picking, are refused."""
        table_options = [
            option_given(name)
            for name, unset in (
                ("sheet", self.reading.sheet is None),
                ("na", self.reading.marks is None),
                ("encoding", self.reading.encoding == "auto"),
            )
            if not unset
        ]
        picks = [
            option_given(n)
            for n, v in (("row", self.row), ("entity", self.entity))
            if v is not None
        ]
        if len(picks) > 1:
            raise UsageError(_("--row and --entity both pick a row; give one of them"))
        if (picks or table_options) and not is_table(path):
            given = (picks or table_options)[0]
            raise UsageError(
                _(
                    "{option} is for a row of a table (.csv, .xlsx, .parquet), and {path} is "
                    "one entity's actuals; drop {option}"
                ).format(option=given, path=path)
            )
        if table_options and not picks:
            raise UsageError(
                _(
                    "{option} reads a table, and no row of {path} is picked; give --row N or "
                    "--entity NAME (or score every row: scorecard batch SPEC TABLE)"
                ).format(option=table_options[0], path=path)
            )
        return bool(picks)

    def stamp(self) -> tuple[tuple[str, Any], ...]:
        """The pick as a scorecard's stamp keeps it, for ``verify`` to read the
        row again (:meth:`from_stamp`)."""
        r = self.reading
        given = (
            ("row", self.row),
            ("entity", self.entity),
            ("sheet", r.sheet),
            ("na", list(r.marks) if r.marks is not None else None),
            ("encoding", r.encoding if r.encoding != "auto" else None),
        )
        return tuple((k, v) for k, v in given if v is not None)

    @classmethod
    def from_stamp(cls, pick: dict[str, Any]) -> RowPick:
        """The pick a stamp keeps (:meth:`stamp`)."""
        marks = pick.get("na")
        reading = TableReading(
            str(pick.get("encoding", "auto")),
            pick.get("sheet"),
            tuple(map(str, marks)) if isinstance(marks, list) else None,
        )
        return cls(pick.get("row"), pick.get("entity"), reading)

    def document(self, path: str, spec: Spec) -> Document:
        from ..batch.picked import picked_document

        table = self.reading.open(path, spec)
        return picked_document(table, spec, self.row, self.entity, self.reading.na)
