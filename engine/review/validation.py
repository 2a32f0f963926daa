"""`scorecard validate`: specs, test files, actuals files, tables and filled
forms, by file or folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..base.errors import ErrorList, LoadError, ScorecardError
from ..base.files import TABLE_SUFFIXES
from ..base.i18n import _
from ..base.records import record
from ..base.stop import check
from ..spec.averages import averaging_notes
from ..spec.compile import compile_spec
from ..spec.directions import direction_notes, zero_target_notes
from ..spec.exclusions import exclusion_notes
from ..spec.family import inherited_at
from ..spec.load import Document, load_file
from ..spec.model import Spec
from .spectest import TEST_SUFFIX, check_test_file, inline_case_errors
from .validation_tables import (
    Reading,
    RowProblems,
    Specs,
    capped,
    scored_notes,
    table_errors,
    versions_of,
)


def expand(paths: list[str]) -> list[str]:
    """Files as given; folders become their .yaml/.yml/.json files, sorted."""
    out: list[str] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            found: list[Path] = sorted(
                q
                for q in p.rglob("*")
                if q.is_file()
                and q.suffix.lower() in (".yaml", ".yml", ".json")
                and not q.name.endswith(".schema.json")  # the schemas written for editors
            )
            if not found:
                raise LoadError(
                    _("{path}: no .yaml, .yml or .json files in this folder").format(path=path)
                )
            out.extend(str(q) for q in found)
        else:
            out.append(path)
    # a file given twice (as itself and in its folder) is read once
    first: dict[Path, str] = {}
    for name in out:
        first.setdefault(_same(name), name)
    return list(first.values())


def _same(path: str) -> Path:
    """What ``path`` names, however written (relative, absolute, through a link)."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):  # a loop of links: the reader says so
        return Path(path)


def _is_actuals(doc: Document) -> bool:
    """An actuals file names its spec by id (a spec's ``spec`` is its format
    version) or, with that forgotten, holds ``values`` and no indicators."""
    data = doc.data
    if not isinstance(data, dict) or "indicators" in data:
        return False
    return isinstance(data.get("spec"), str) or ("values" in data and "spec" not in data)


def _is_scorecard(doc: Document) -> bool:
    """A scorecard as ``score -f json`` writes it: its stamp and its total's trace."""
    data = doc.data
    return isinstance(data, dict) and "stamp" in data and "total_trace" in data


@record
class Checked:
    """What ``validate`` found: every problem, how many files have problems and
    how many were read, and the notes on values likely mistyped that ``score``
    gives (:func:`engine.review.plausible.fraction_notes`)."""

    errors: list[ScorecardError]
    bad: int
    files: int
    notes: list[str]


def validate_paths(paths: list[str], rows: RowProblems, reading: Reading | None = None) -> Checked:
    """Every file checked: specs and test files; actuals files and forms against
    the spec they name when it is among the files, and scored as ``score`` scores
    them; tables against the one spec given. ``reading``: how tables are read and
    what a missing value is (as in ``batch`` and ``score``); ``rows``: a table's
    problems row by row, as the batch reads it (the command line gives it, as it
    may import the batch)."""
    reading = reading or Reading()
    files = expand(paths)
    errors: list[ScorecardError] = []
    notes: list[str] = []
    bad = 0
    specs = Specs()
    actuals: list[Document] = []
    tables: list[str] = []
    said: set[str] = set()  # a shared file's problem, told once (not by each spec including it)
    for path in files:
        check()  # a signal whose KeyboardInterrupt a reader swallowed: stop between files
        if Path(path).suffix.lower() in TABLE_SUFFIXES:
            tables.append(path)  # after the specs: checked against one
            continue
        found = [e for e in _file_errors(path, specs, actuals) if str(e) not in said]
        said.update(map(str, found))
        errors.extend(found)
        bad += bool(found)
    included = {_same(f) for spec in specs.compiled for f, _sha in spec.sources}
    for doc in specs.lists:
        found = [] if _same(doc.file) in included else _list_errors(doc)
        found = [e for e in found if str(e) not in said]
        said.update(map(str, found))
        errors.extend(found)
        bad += bool(found)
    found = _families(specs)
    errors.extend(found)
    bad += bool(found)
    for doc in actuals:  # after the specs, so each can be checked against its own
        check()
        found = _actuals_errors(doc, specs, reading.missing, notes)
        errors.extend(found)
        bad += bool(found)
    for path in tables:
        check()
        found = table_errors(path, specs, reading, rows, notes)
        errors.extend(found)
        bad += bool(found)
    return Checked(errors, bad, len(files), [*specs.notes, *notes])


def _file_errors(path: str, specs: Specs, actuals: list[Document]) -> list[ScorecardError]:
    """A spec's or a test file's problems; an actuals file is kept for later."""
    if path.endswith(TEST_SUFFIX):
        return check_test_file(Path(path), path)
    try:
        doc = load_file(path)
        if _is_scorecard(doc):  # score -f json's output: verify checks it
            specs.notes.append(
                _(
                    "{file}: note: a scorecard (written by score -f json), not a spec or "
                    "actuals: not checked here; check it with scorecard verify {file}"
                ).format(file=path)
            )
            return []
        if _is_actuals(doc):
            actuals.append(doc)
            return []
        if _is_include_list(doc):
            specs.lists.append(doc)  # checked alone when no spec given includes it
            return []
        spec = compile_spec(doc)
        specs.add(spec, path, inherited_at(doc, spec.effective))
        specs.notes += averaging_notes(spec) + direction_notes(spec) + exclusion_notes(spec)
        specs.notes += zero_target_notes(spec)
        return inline_case_errors(doc, spec.id) if spec.tests else []
    except ErrorList as e:
        specs.failed = True
        return capped(path, e.errors)
    except (LoadError, ScorecardError) as e:
        specs.failed = True
        return [e]


def _list_errors(doc: Document) -> list[ScorecardError]:
    """A list of indicators for ``include``, given without a spec that includes it:
    each entry checked against the spec schema's indicator (its keys, their
    types), located in the list. What depends on the including spec (its inputs,
    the names a formula may use, the weights adding up) is checked with it."""
    from fractions import Fraction

    from ..spec.problems import Problems
    from ..spec.schema import check

    data = {"spec": Fraction(1), "id": "included", "total": Fraction(100), "indicators": doc.data}
    wrapped = doc.moved(data, add=("indicators",))
    problems = Problems(wrapped)
    check("spec", data, problems)
    return capped(doc.file, problems.errors)


def _actuals_errors(
    doc: Document, specs: Specs, missing: str, notes: list[str]
) -> list[ScorecardError]:
    """An actuals file's problems; the notes ``score`` would give of it go to ``notes``."""
    from ..scoring.actuals import check_actuals

    try:
        spec_for = specs.named(doc)
        alternatives = specs.alternatives(doc)
        if alternatives:
            return _against_alternatives(doc, alternatives, missing, notes)
        if spec_for is not None:
            notes.extend(scored_notes(check_actuals(doc, spec_for, missing), spec_for))
        elif isinstance(named := doc.data.get("spec"), str) and not specs.failed:
            raise ScorecardError(  # "valid" would say more than was checked
                _(
                    "these actuals are for spec '{spec}', which is not among the files; give "
                    "that spec with them (scorecard validate SPEC ACTUALS)"
                ).format(spec=named),
                doc.pos(("spec",)),
            )
        else:  # no spec named, or the one named could not be read: the schema's checks
            from ..spec.problems import Problems
            from ..spec.schema import check

            problems = Problems(doc)
            check("actuals", doc.data, problems)
            if problems.errors:
                raise ErrorList(problems.errors)
    except ErrorList as e:
        return capped(doc.file, e.errors)
    except ScorecardError as e:
        return [e]
    return []


def _against_alternatives(
    doc: Document, alternatives: dict[str, Spec], missing: str, notes: list[str]
) -> list[ScorecardError]:
    """Actuals for an id several specs among the files have (alternative rule
    sets): valid when they are for one of them; else the problems against the
    one they come closest to, which a note names."""
    from ..scoring.actuals import check_actuals

    tried: list[tuple[int, str, list[ScorecardError]]] = []
    for file, spec in alternatives.items():
        try:
            actuals = check_actuals(doc, spec, missing)
        except ErrorList as e:
            tried.append((len(e.errors), file, capped(doc.file, e.errors)))
            continue
        notes.extend(scored_notes(actuals, spec))
        return []
    _n, file, errors = min(tried, key=lambda t: t[0])
    notes.append(
        _(
            "{file}: note: {n} specs among the files have the id '{id}'; these actuals fit "
            "none of them, and are checked against {spec}, the closest"
        ).format(file=doc.file, n=len(alternatives), id=doc.data.get("spec"), spec=file)
    )
    return errors


def _families(specs: Specs) -> list[ScorecardError]:
    """The fiscal-year families among the specs (versions of one id in one folder)
    must have no overlaps or gaps: checked over the versions that compiled, so
    that one broken file neither hides the others' problems nor repeats its own."""
    from ..spec.family import check_family

    errors: list[ScorecardError] = []
    for versions in specs.versions.values():
        by_folder: dict[Path, dict[str, Any]] = {}
        for path, spec in versions.items():
            by_folder.setdefault(_same(path).parent, {})[path] = spec
        for group in by_folder.values():
            errors.extend(check_family(versions_of(group, specs.inherited)))
    return errors


def _is_include_list(doc: Document) -> bool:
    """A file holding only a list of indicators, for a group's ``include``."""
    data = doc.data
    return (
        isinstance(data, list)
        and bool(data)
        and all(isinstance(i, dict) and "id" in i and "name" in i for i in data)
    )
