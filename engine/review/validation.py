"""`scorecard validate`: specs, test files, actuals files, tables and filled
forms, by file or folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..base.errors import ErrorList, LoadError, ScorecardError
from ..base.i18n import _
from ..spec.compile import compile_spec
from ..spec.load import Document, load_file
from ..spec.model import Spec
from .spectest import TEST_SUFFIX, check_test_file, inline_case_errors

#: a table's problems (path, spec, missing), as :func:`engine.batch.table_check.row_problems`
RowProblems = Callable[[str, Spec, str], list[str]]


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
    return out


def _is_actuals(doc: Document) -> bool:
    """An actuals file names its spec by id (a spec's ``spec`` is its format
    version) or, with that forgotten, holds ``values`` and no indicators."""
    data = doc.data
    if not isinstance(data, dict) or "indicators" in data:
        return False
    return isinstance(data.get("spec"), str) or ("values" in data and "spec" not in data)


def _capped(path: str, e: ErrorList) -> list[ScorecardError]:
    shown = list(e.errors[: ErrorList.SHOWN])
    if len(e.errors) > ErrorList.SHOWN:
        shown.append(
            ScorecardError(
                _("{path}: … and {n} more errors; fix these first").format(
                    path=path, n=len(e.errors) - ErrorList.SHOWN
                )
            )
        )
    return shown


def validate_paths(
    paths: list[str], rows: RowProblems, missing: str = "error"
) -> tuple[list[ScorecardError], int, int]:
    """Every problem, how many files have problems, and how many files were read.
    Actuals files are checked against the spec they name when it is among the files;
    ``missing``: what a value missing from actuals, a table or a form is (as in
    ``score`` and ``batch``); ``rows``: a table's problems, row by row, as the
    batch reads it (given by the command line, which may import the batch)."""
    from ..scoring.actuals import check_actuals

    files = expand(paths)
    errors: list[ScorecardError] = []
    bad = 0
    specs: dict[str, Spec] = {}
    versions: dict[str, dict[str, Spec]] = {}  # id -> file -> spec, for families
    actuals: list[Document] = []
    tables: list[str] = []
    for path in files:
        if Path(path).suffix.lower() in TABLE_SUFFIXES:
            tables.append(path)  # after the specs: checked against one
            continue
        if path.endswith(TEST_SUFFIX):
            found = check_test_file(Path(path), path)
            errors.extend(found)
            bad += bool(found)
            continue
        try:
            doc = load_file(path)
            if _is_actuals(doc):
                actuals.append(doc)
                continue
            if _is_include_list(doc):
                continue  # an indicator list for include: checked where it is included
            spec = compile_spec(doc)
            specs.setdefault(spec.id, spec)
            if isinstance(doc.data, dict) and "effective" in doc.data:
                versions.setdefault(spec.id, {})[path] = spec
            found = inline_case_errors(doc, spec.id) if spec.tests else []
            errors.extend(found)
            bad += bool(found)
        except ErrorList as e:
            errors.extend(_capped(path, e))
            bad += 1
        except (LoadError, ScorecardError) as e:
            errors.append(e)
            bad += 1
    found_families = _families(paths)
    errors.extend(found_families)
    bad += bool(found_families)
    for doc in actuals:  # after the specs, so each can be checked against its own
        named = doc.data.get("spec")
        spec_for = specs.get(named) if isinstance(named, str) else None
        try:
            if isinstance(named, str) and len(versions.get(named, {})) > 1:
                spec_for = _version_for(doc, versions[named])
            if spec_for is not None:
                check_actuals(doc, spec_for, missing)
            else:
                from ..spec.problems import Problems
                from ..spec.schema import check

                problems = Problems(doc)
                check("actuals", doc.data, problems)
                if problems.errors:
                    raise ErrorList(problems.errors)
        except ErrorList as e:
            errors.extend(_capped(doc.file, e))
            bad += 1
        except ScorecardError as e:
            errors.append(e)
            bad += 1
    given = len(specs) + sum(len(v) - 1 for v in versions.values())  # each version counts
    for path in tables:
        found = _table_errors(path, specs, given, missing, rows)
        errors.extend(found)
        bad += bool(found)
    return errors, bad, len(files)


#: files read as a table of entities (or, for a workbook, a filled form)
TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".parquet", ".pq")


def _table_errors(
    path: str, specs: dict[str, Spec], given: int, missing: str, rows: RowProblems
) -> list[ScorecardError]:
    """A table's problems, every row read as ``scorecard batch`` reads it with the
    one spec given (``given``: how many specs and versions were); a filled form's,
    against the spec it names."""
    from ..review.form import is_form

    try:
        if is_form(path):
            return _form_errors(path, specs, missing)
        if given != 1:
            raise ScorecardError(
                _(
                    "{path}: a table is checked against a spec, and {n} were given; give "
                    "one spec with it: scorecard validate SPEC TABLE"
                ).format(path=path, n=given)
            )
        lines = rows(path, next(iter(specs.values())), missing)
        return _capped(path, ErrorList([ScorecardError(line) for line in lines]))
    except ErrorList as e:
        return _capped(path, e)
    except ScorecardError as e:
        return [e]


def _form_errors(path: str, specs: dict[str, Spec], missing: str) -> list[ScorecardError]:
    """A filled 自评表 form, checked as actuals against the spec it names."""
    from ..review.form import read_form, read_head
    from ..scoring.actuals import check_actuals

    named = read_head(path).data.get("spec")
    spec = specs.get(named) if isinstance(named, str) else None
    if spec is None:
        raise ScorecardError(
            _(
                "{path}: a filled form of spec '{spec}', which is not among the files; "
                "give that spec with it"
            ).format(path=path, spec=named)
        )
    check_actuals(read_form(path, spec), spec, missing)
    return []


def _families(paths: list[str]) -> list[ScorecardError]:
    """The folders given: their fiscal-year families must have no overlaps or gaps."""
    from ..spec.family import check_family, family_members

    errors: list[ScorecardError] = []
    for path in paths:
        if not Path(path).is_dir():
            continue
        try:
            members = family_members(path, None)
        except ScorecardError:
            continue  # no family here
        by_id: dict[str, list[Any]] = {}
        for v in members:
            by_id.setdefault(v.id, []).append(v)
        for group in by_id.values():
            errors.extend(check_family(group))
    return errors


def _version_for(doc: Document, specs: dict[str, Spec]) -> Spec:
    """The version of a family that an actuals file's period picks."""
    from ..spec.family import family_members, period_of, pick

    folder = str(Path(next(iter(specs))).parent)
    chosen = pick(family_members(folder, doc.data["spec"]), period_of(doc), doc.pos(("period",)))
    return specs.get(chosen.file) or next(iter(specs.values()))


def _is_include_list(doc: Document) -> bool:
    """A file holding only a list of indicators, for a group's ``include``."""
    data = doc.data
    return (
        isinstance(data, list)
        and bool(data)
        and all(isinstance(i, dict) and "id" in i and "name" in i for i in data)
    )
