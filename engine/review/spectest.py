"""Spec test cases: run the cases of ``NAME.tests.yaml`` files (or of a spec's
``tests:``) and compare what comes out with what each case expects.

Pure: returns :class:`CaseResult` records; the CLI renders them.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from dataclasses import field
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..base.errors import (
    ErrorList,
    LoadError,
    Pos,
    ScorecardError,
    SpecError,
    did_you_mean,
    did_you_mean_file,
)
from ..base.files import not_there
from ..base.i18n import N_, _, language, msg, speaking
from ..base.numbers import format_value
from ..base.records import record
from ..base.text import shown
from ..scoring.actuals import check_actuals
from ..scoring.evaluate import evaluate
from ..scoring.result import Scorecard, score_text, total_text
from ..spec.compile import compile_spec
from ..spec.compose import resolve
from ..spec.load import Document, JsonPath, load_file
from ..spec.methods import BandsMethod, GradesMethod
from ..spec.model import Spec
from ..spec.problems import Problems
from ..spec.schema import check
from ..spec.setpath import apply_sets

TEST_SUFFIX = ".tests.yaml"


@record(frozen=True)
class Difference:
    """One value a test case expected and the engine gave otherwise."""

    what: str  # e.g. "total", "score of trips"
    expected: str
    actual: str
    indicator: str | None = None


@record(frozen=True)
class CaseResult:
    """One test case run: passed or not, and why."""

    name: str
    pos: Pos
    passed: bool
    differences: tuple[Difference, ...] = ()
    scorecard: Scorecard | None = None
    error: str = ""


@record
class Suite:
    """The cases of one test file (or of one spec's inline ``tests:``)."""

    file: str
    spec: Spec | None
    results: list[CaseResult] = field(default_factory=list)
    errors: list[ScorecardError] = field(default_factory=list)


def discover(target: str) -> list[tuple[Path, bool]]:
    """Test sources under ``target``: (path, inline) pairs, in a stable order.
    ``inline`` means a spec whose own ``tests:`` hold the cases."""
    p = Path(target)
    if not p.exists():
        raise LoadError(not_there(target, "file or folder"))
    if p.is_dir():
        files = sorted(q for q in p.rglob("*.yaml") if q.is_file())
        out: list[tuple[Path, bool]] = []
        for q in files:
            if q.name.endswith(TEST_SUFFIX):
                out.append((q, False))
            elif _has_inline_tests(q):
                out.append((q, True))
        return out
    if p.name.endswith(TEST_SUFFIX):
        return [(p, False)]
    out = []
    sibling = p.with_name(p.name[: -len(p.suffix)] + TEST_SUFFIX)
    if sibling.is_file():
        out.append((sibling, False))
    if _has_inline_tests(p):
        out.append((p, True))
    return out


def _has_inline_tests(path: Path) -> bool:
    """Does the file have a top-level ``tests:``? Read line by line, up to the
    size limit: a file over it is a source whose error (too big) is reported."""
    from ..spec.load import MAX_FILE_BYTES

    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return True
        with path.open("rb") as fh:
            return any(line.startswith(b"tests:") for line in fh)
    except OSError:
        return False


def run_suite(path: Path, inline: bool, spec_sets: list[str] | None = None) -> Suite:
    """Run every case of one source; problems with the file itself go to ``errors``."""
    display = str(path)
    try:
        doc = load_file(path, display)
    except LoadError as e:
        return Suite(display, None, errors=[e])
    if inline:
        spec_doc = doc
        cases_path: JsonPath = ("tests",)
        cases = doc.data.get("tests") if isinstance(doc.data, dict) else None
    else:
        problems = Problems(doc, SpecError)
        check("tests", doc.data, problems)
        if problems.errors:
            return Suite(display, None, errors=problems.errors)
        try:
            spec_doc = _find_spec(doc, path)
        except ScorecardError as e:
            return Suite(display, None, errors=[e])
        cases_path = ("cases",)
        cases = doc.data["cases"]
    try:
        spec = compile_spec(apply_sets(resolve(spec_doc), spec_sets or [], offered=False))
    except ErrorList as e:
        return Suite(display, None, errors=list(e.errors))
    suite = Suite(display, spec)
    cli_sets = list(spec_sets or [])
    if inline:
        errors = inline_case_errors(doc, spec.id)
        if errors:
            suite.errors = errors
            return suite
    for i, case in enumerate(cases or []):
        missing = _missing_actuals(doc, (*cases_path, i), case, path, spec_doc.file)
        if missing is None:
            missing = _unknown_grade(doc, (*cases_path, i), case, spec)
        wrong = (
            [missing] if missing is not None else _unknown_keys(doc, (*cases_path, i), case, spec)
        )
        if wrong:  # the test file is wrong, not the spec: a file error
            suite.errors += wrong
            continue
        result = _run_case(doc, (*cases_path, i), case, spec_doc, spec, path, cli_sets)
        suite.results.append(result)
    return suite


def _missing_actuals(
    doc: Document, case_path: JsonPath, case: Any, test_path: Path, spec_file: str = ""
) -> ScorecardError | None:
    """A case's actuals file that does not exist, located at its name in the test file.
    A name outside the folders a test file may read is left to the case, which refuses
    it without looking whether it exists."""
    raw = case.get("actuals") if isinstance(case, dict) else None
    if not isinstance(raw, str):
        return None
    try:
        file = confined(doc, (*case_path, "actuals"), raw, test_path.parent)
    except SpecError:
        return None
    if file.exists():
        return None
    folder = Path(raw).parent
    try:
        names = [
            (folder / q.name).as_posix() if folder != Path() else q.name
            for q in sorted(file.parent.iterdir())
            if q.suffix in (".yaml", ".yml", ".json")
            and q.is_file()
            # no test file, nor the spec under test: they are not actuals
            and not q.name.endswith(TEST_SUFFIX)
            and not (spec_file and q.resolve() == Path(spec_file).resolve())
        ]
    except OSError:
        names = []
    return SpecError(
        _(
            "actuals: file '{ref}' not found next to this test file{hint}; give a path "
            "relative to the test file, or the actuals inline"
        ).format(ref=shown(raw), hint=did_you_mean_file(raw, names)),
        doc.pos((*case_path, "actuals")),
    )


def _unknown_grade(
    doc: Document, case_path: JsonPath, case: Any, spec: Spec
) -> ScorecardError | None:
    """A case's expected grade that the spec does not have (a case that changes the
    spec's grades with ``spec_set`` is left to run), located at the grade."""
    expect = case.get("expect") if isinstance(case, dict) else None
    wanted = expect.get("grade") if isinstance(expect, dict) else None
    sets = case.get("spec_set") or []
    if wanted is None or any(str(s).startswith("grades") for s in sets):
        return None
    grades = [g.grade for g in spec.grades]
    if str(wanted) in grades:
        return None
    where = doc.pos((*case_path, "expect", "grade"))
    if not grades:
        return SpecError(
            _("expect: grade '{grade}', but the spec has no grades; remove it").format(
                grade=shown(str(wanted))
            ),
            where,
        )
    return SpecError(
        _("expect: grade '{grade}' is not a grade of the spec{hint}; grades: {list}").format(
            grade=shown(str(wanted)),
            hint=did_you_mean(str(wanted), grades),
            list=_(", ").join(grades),
        ),
        where,
    )


#: what a case's ``set`` may change: the keys of an actuals document
_ACTUALS_KEYS = (
    "entity",
    "period",
    "inputs",
    "values",
    "not_applicable",
    "overrides",
    "notes",
    "claimed",
    "claimed_total",
    "published",
)


def _unknown_keys(
    doc: Document, case_path: JsonPath, case: Any, spec: Spec
) -> list[ScorecardError]:
    """What makes a case one that could never pass as written: an expected score,
    band or status of an id the spec does not have, a band of an indicator that
    has none, or a ``set`` of a key no actuals have (a typo that would otherwise
    show only as a failed case, or pass unnoticed), each located at its key. A
    case that changes the spec's indicators is left to run."""
    if not isinstance(case, dict):
        return []
    errors: list[ScorecardError] = []
    changes = case.get("set")
    for key in changes if isinstance(changes, dict) else {}:
        if key not in _ACTUALS_KEYS:
            errors.append(
                SpecError(
                    _("set: unknown key '{key}'{hint}; keys: {keys}").format(
                        key=shown(str(key)),
                        hint=did_you_mean(str(key), _ACTUALS_KEYS),
                        keys=_(", ").join(_ACTUALS_KEYS),
                    ),
                    doc.key_pos((*case_path, "set", key)),
                )
            )
    expect = case.get("expect")
    if not isinstance(expect, dict) or any(
        str(s).startswith("indicators") for s in case.get("spec_set") or []
    ):
        return errors
    for section in ("scores", "band", "status"):
        given = expect.get(section)
        for key in given if isinstance(given, dict) else {}:
            message = _expected_of(section, key, spec)
            if message:
                errors.append(SpecError(message, doc.key_pos((*case_path, "expect", section, key))))
    return sorted(errors, key=lambda e: (e.pos.line, e.pos.col) if e.pos else (0, 0))


def _expected_of(section: str, key: Any, spec: Spec) -> str:
    """What is wrong with expecting ``section`` of indicator ``key`` ("" if nothing)."""
    banded = [i.id for i in spec.leaves() if isinstance(i.method, BandsMethod | GradesMethod)]
    if section == "band" and key in spec.by_id and key not in banded:
        method = spec.by_id[key].method
        return _(
            "expect.band: '{id}' is {how}, which has no bands; expect.band names an "
            "indicator scored by bands or grades{ids}"
        ).format(
            id=shown(str(key)),
            how=_("scored by {method}").format(method=method.name) if method else _("a group"),
            ids=_(": {ids}").format(
                ids=_(", ").join(banded[:12]) + (" …" if len(banded) > 12 else "")
            )
            if banded
            else "",
        )
    if key in spec.by_id:
        return ""
    if section == "band":
        return _(
            "expect.band: no indicator '{id}' in the spec{hint}; give the id of an indicator "
            "scored by bands or grades"
        ).format(id=shown(str(key)), hint=did_you_mean(str(key), spec.by_id))
    return _(
        "expect.{section}: no indicator '{id}' in the spec{hint}; give an indicator or group id"
    ).format(section=section, id=shown(str(key)), hint=did_you_mean(str(key), spec.by_id))


def inline_case_errors(doc: Document, spec_id: str) -> list[ScorecardError]:
    """Schema problems of the cases under a spec's ``tests:``, located in the spec."""
    cases = doc.data.get("tests") if isinstance(doc.data, dict) else None
    problems = Problems(doc, SpecError)
    for i, case in enumerate(cases if isinstance(cases, list) else []):
        sub = Problems(doc, SpecError)
        check("tests", {"spec": spec_id, "cases": [case]}, sub)
        for err in sub.errors:
            rel = tuple(err.path[2:]) if len(err.path) >= 2 else ()
            problems.add(("tests", i, *rel), err.message)
    return problems.errors


def check_test_file(path: Path, display: str | None = None) -> list[ScorecardError]:
    """Problems of a test file itself: its schema, and the spec it names."""
    try:
        doc = load_file(path, display)
    except LoadError as e:
        return [e]
    problems = Problems(doc, SpecError)
    check("tests", doc.data, problems)
    if problems.errors:
        return problems.errors
    try:
        spec_doc = _find_spec(doc, path)
        spec = compile_spec(resolve(spec_doc))
    except ErrorList:
        return []  # the spec's own errors are the spec's to report
    except ScorecardError as e:
        return [e]
    errors = []
    for i, case in enumerate(doc.data.get("cases") or []):
        at: JsonPath = ("cases", i)
        found = _missing_actuals(doc, at, case, path, spec_doc.file) or _unknown_grade(
            doc, at, case, spec
        )
        errors += [found] if found is not None else _unknown_keys(doc, at, case, spec)
    return errors


def _find_spec(doc: Document, test_path: Path) -> Document:
    ref = doc.data["spec"]
    folder = test_path.parent
    candidate = confined(doc, ("spec",), ref, folder)
    if candidate.is_file():
        return load_file(candidate, _display(candidate))
    ids: dict[str, Path] = {}
    for q in sorted(folder.glob("*.yaml")):
        if q.name.endswith(TEST_SUFFIX) or not _inside(q, folder):
            continue
        try:
            other = load_file(q, _display(q))
        except LoadError:
            continue
        if isinstance(other.data, dict) and isinstance(other.data.get("id"), str):
            ids[other.data["id"]] = q
            if other.data["id"] == ref:
                return other
    raise SpecError(
        _(
            "spec '{ref}' is neither a file beside this test file nor the id of a "
            "spec in {parent}{hint}"
        ).format(ref=shown(ref), parent=folder, hint=did_you_mean(ref, ids)),
        doc.pos(("spec",)),
    )


def _inside(path: Path, folder: Path) -> bool:
    """Is ``path``, links followed, in ``folder`` or below it?"""
    real, root = os.path.realpath(path), os.path.realpath(folder)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def confined(doc: Document, where: JsonPath, ref: str, folder: Path) -> Path:
    """The file a test file names, which must lie in the test file's folder, or in
    its parent folder when that lies in the working folder (links followed):
    ``../examples/...`` from ``specs/`` reads the project's examples, run from the
    project's folder; a test file from elsewhere cannot read other files, nor
    probe them through its error messages."""
    candidate = folder / ref
    parent = folder.resolve().parent
    readable = _inside(candidate, folder) or (
        _inside(parent, Path.cwd()) and _inside(candidate, parent)
    )
    if Path(ref).is_absolute() or not readable:
        raise SpecError(
            _(
                "'{shown}' is outside the folders a test file may read: its own, and its "
                "parent when that lies in the working folder (a path relative to the test "
                "file; no absolute paths, no links leading out)"
            ).format(shown=shown(ref)),
            doc.pos(where),
        )
    return candidate


def _display(p: Path) -> str:
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


def _merge(base: Any, changes: Any) -> Any:
    if not isinstance(base, dict) or not isinstance(changes, dict):
        return copy.deepcopy(changes)
    out = dict(base)
    for key, value in changes.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = _merge(base.get(key), value)
    return out


def _rooted(doc: Document, prefix: JsonPath, data: Any, file: str | None = None) -> Document:
    """A document for the part of ``doc`` under ``prefix``, keeping its positions."""
    return doc.moved(data, strip=prefix, file=file)


def _actuals_doc(
    test_doc: Document, case_path: JsonPath, case: dict[str, Any], spec: Spec, test_path: Path
) -> Document:
    raw = case.get("actuals")
    if isinstance(raw, str):
        file = confined(test_doc, (*case_path, "actuals"), raw, test_path.parent)
        base = load_file(file, _display(file))
    elif isinstance(raw, dict):
        data = dict(raw)
        data.setdefault("spec", spec.id)
        base = _rooted(test_doc, (*case_path, "actuals"), data)
    else:
        base = Document(
            file=test_doc.file,
            data={"spec": spec.id},
            sha256=test_doc.sha256,
            positions={(): test_doc.pos(case_path)},
        )
    changes = case.get("set")
    if not changes:
        return base
    merged = _merge(base.data, changes)
    out = Document(
        file=base.file,
        data=merged,
        sha256=base.sha256,
        positions=dict(base.positions),
        key_positions=dict(base.key_positions),
    )
    sub = _rooted(test_doc, (*case_path, "set"), changes)
    out.positions.update(sub.positions)
    out.key_positions.update(sub.key_positions)
    return out


def _run_case(
    test_doc: Document,
    case_path: JsonPath,
    case: dict[str, Any],
    spec_doc: Document,
    spec: Spec,
    test_path: Path,
    cli_sets: list[str] | None = None,
) -> CaseResult:
    name = str(case.get("name", f"case {case_path[-1]}"))
    pos = test_doc.pos(case_path)
    expect = case.get("expect", {})
    run = (test_doc, case_path, case, spec_doc, spec, test_path, cli_sets or [])
    try:
        with speaking("en"):  # an expected error is matched against the English message
            sc = _score_case(*run)
    except ScorecardError as e:
        message = str(e)
        wanted = expect.get("error")
        if wanted is not None and wanted in message:
            return CaseResult(name, pos, True, error=message)
        if wanted is not None and wanted in _said(e, run, "zh"):  # the Chinese words too,
            return CaseResult(name, pos, True, error=message)  # in every interface language
        said = _said(e, run)
        # an unexpected error in the interface language; another than the one expected,
        # in English and in the interface language's words
        got = said if wanted is None or said == message else f"{message} | {said}"
        diff = Difference(msg("error"), wanted or msg("no error"), got)
        return CaseResult(name, pos, False, (diff,), error=message)
    if "error" in expect:
        return CaseResult(
            name, pos, False, (Difference(msg("error"), expect["error"], msg("no error")),), sc
        )
    diffs = list(_compare(expect, sc, Fraction(case.get("tolerance", 0))))
    return CaseResult(name, pos, not diffs, tuple(diffs), sc)


def _score_case(
    test_doc: Document,
    case_path: JsonPath,
    case: dict[str, Any],
    spec_doc: Document,
    spec: Spec,
    test_path: Path,
    cli_sets: list[str],
) -> Scorecard:
    """The scorecard of one case, or the error that stops it."""
    if case.get("spec_set"):  # the command line's --set first, then the case's own
        own = case["spec_set"]
        sets = [*cli_sets, *own]
        # the case's own are located in the test file, where each entry's text starts
        at = [test_doc.text_pos((*case_path, "spec_set", k), 0) for k in range(len(own))]
        spec = compile_spec(
            apply_sets(
                resolve(spec_doc), sets, origins=[*[None] * len(cli_sets), *at], offered=False
            )
        )
    actuals = check_actuals(
        _actuals_doc(test_doc, case_path, case, spec, test_path),
        spec,
        case.get("missing", "error"),
    )
    return evaluate(spec, actuals)


def _said(error: ScorecardError, run: tuple[Any, ...], lang: str | None = None) -> str:
    """A case's error in ``lang`` (the interface language by default): it was
    matched in English, and is raised again in that language."""
    if (lang or language()) == "en":
        return str(error)
    try:
        with speaking(lang or language()):
            _score_case(*run)
    except ScorecardError as again:
        return str(again)
    return str(error)  # pragma: no cover - the same case fails the same way


def _close(expected: Any, actual: Fraction | None, tol: Fraction) -> bool:
    if actual is None or not isinstance(expected, Fraction):
        return False
    return abs(actual - expected) <= tol


def _compare(expect: dict[str, Any], sc: Scorecard, tol: Fraction) -> Iterator[Difference]:
    """The differences, in the order the case writes what it expects."""
    for key in expect:
        yield from _compare_key(key, expect, sc, tol)


def _compare_key(
    key: str, expect: dict[str, Any], sc: Scorecard, tol: Fraction
) -> Iterator[Difference]:
    if key == "total" and not _close(expect["total"], sc.total, tol):
        yield Difference(msg("total"), format_value(expect["total"]), total_text(sc, sc.total))
    if key == "full_marks" and not _close(expect["full_marks"], sc.full_marks, tol):
        yield Difference(
            msg("full marks"), format_value(expect["full_marks"]), format_value(sc.full_marks)
        )
    if key == "grade" and expect["grade"] != sc.grade:
        yield Difference(msg("grade"), _grade(expect["grade"]), _grade(sc.grade))
    whats = {
        "scores": N_("score of {id}"),
        "status": N_("status of {id}"),
        "band": N_("band of {id}"),
    }
    if key not in whats:
        return
    what = whats[key]
    ids = [r.id for r in sc.walk()]
    for iid, wanted in (expect.get(key) or {}).items():
        r = sc.find(iid)
        if r is None:
            yield Difference(
                msg(what, id=iid),
                _show(wanted),
                msg("no indicator '{id}'{hint}", id=iid, hint=did_you_mean(iid, ids)),
                None,
            )
            continue
        if key == "scores":
            if not _close(wanted, r.score, tol):
                yield Difference(
                    msg("score of {id}", id=iid), _show(wanted), score_text(sc, r.score), iid
                )
        elif key == "status":
            if wanted != r.status:
                yield Difference(msg("status of {id}", id=iid), str(wanted), r.status, iid)
        elif r.band is None or Fraction(r.band) != wanted:
            yield Difference(
                msg("band of {id}", id=iid),
                _show(wanted),
                msg("none") if r.band is None else str(r.band),
                iid,
            )


def _show(x: Any) -> str:
    return format_value(x) if isinstance(x, Fraction) else str(x)


def _grade(grade: Any) -> str:
    """A grade as a test report says it: none (no grades, or none reached) in words."""
    return msg("no grade") if grade is None else str(grade)
