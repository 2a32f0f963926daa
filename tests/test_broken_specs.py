"""Data-driven tests of spec validation on a corpus of broken specs.

Each case is ``tests/data/broken_specs/NN-slug.yaml`` with a sidecar
``NN-slug.expected``: the exact error lines (``file:line:col: message``), one per
line, with paths relative to the repository root. The spec is loaded with that
relative display path so the lines compare exactly.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from engine.base.errors import ErrorList, ScorecardError
from engine.cli import main
from engine.spec.compile import load_spec

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "broken_specs"
REL = "tests/data/broken_specs"
CASES = sorted(DATA.glob("*.yaml"))
SHIPPED = sorted(p for p in (ROOT / "specs").glob("*.yaml") if not p.name.endswith(".tests.yaml"))


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def _expected(spec: Path) -> list[str]:
    text = spec.with_suffix(".expected").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def _errors(path: Path, display: str) -> list[str]:
    """Every error line of loading the spec at ``path`` (empty when valid)."""
    try:
        load_spec(path, display=display)
    except ErrorList as e:
        return [str(err) for err in e.errors]
    except ScorecardError as e:  # YAML-level problems stop the load with one error
        return str(e).splitlines()
    return []


def test_corpus_is_complete() -> None:
    assert len(CASES) >= 40
    for spec in CASES:
        assert spec.with_suffix(".expected").is_file(), f"{spec.name} has no .expected file"
        assert spec.name[:2].isdigit() and spec.name[2] == "-", spec.name
    numbers = [spec.name[:2] for spec in CASES]
    assert len(numbers) == len(set(numbers)), "case numbers must be unique"
    orphans = {p.stem for p in DATA.glob("*.expected")} - {p.stem for p in CASES}
    assert not orphans, f".expected files without a spec: {sorted(orphans)}"


@pytest.mark.parametrize("spec", CASES, ids=_ids(CASES))
def test_broken_spec_errors(spec: Path) -> None:
    expected = _expected(spec)
    assert expected, f"{spec.name}: a broken spec must expect at least one error"
    assert _errors(spec, f"{REL}/{spec.name}") == expected


@pytest.mark.parametrize("spec", CASES, ids=_ids(CASES))
def test_cli_validate_broken_spec(
    spec: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    with pytest.raises(SystemExit) as exc:
        main(["validate", f"{REL}/{spec.name}"])
    out, err = capsys.readouterr()
    assert exc.value.code == 1, f"exit code {exc.value.code}\nstdout:\n{out}\nstderr:\n{err}"
    assert "Traceback" not in err
    assert "Traceback" not in out
    lines = err.splitlines()
    expected = _expected(spec)
    assert lines[:-1] == expected
    errors = f"{len(expected)} error" + ("s" if len(expected) > 1 else "")
    assert lines[-1] == f"{errors} in 1 of 1 file"


@pytest.mark.parametrize("spec", SHIPPED, ids=_ids(SHIPPED))
def test_shipped_spec_is_valid(spec: Path) -> None:
    assert _errors(spec, os.path.relpath(spec, ROOT)) == []


def test_shipped_specs_validate_with_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert SHIPPED, "no shipped specs found in specs/"
    monkeypatch.chdir(ROOT)
    with pytest.raises(SystemExit) as exc:
        main(["validate", *(os.path.relpath(p, ROOT) for p in SHIPPED)])
    out, err = capsys.readouterr()
    assert exc.value.code == 0, err
    assert err == ""
    assert out.strip() == f"{len(SHIPPED)} files valid"


def test_the_ids_refused_are_the_columns_batch_outputs_start_with() -> None:
    from engine.batch.rows import FIXED_COLUMNS
    from engine.spec.builder import OUTPUT_COLUMNS

    assert ("file", *FIXED_COLUMNS) == OUTPUT_COLUMNS
