"""The 复核表's files keep what was said of each submission (a note column), tell
a submission that claims nothing from one that agrees, and list each unit's
agreeing claims in the spec's order: an auditor's report is the file."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from conftest import invoke

from engine.spec.compile import load_spec

SPEC = "specs/gz-dept-overall-2021.yaml"
FORM = "examples/licheng-2021/自评表.xlsx"
#: the form's row of reemployment (a percentage cell: 0.7889 shows as 78.89%)
REEMPLOYMENT = 42

pytestmark = pytest.mark.usefixtures("in_root")


def _form(path: Path, **cells: object) -> Path:
    wb = openpyxl.load_workbook(FORM)
    ws = wb["自评表"]
    for at, value in cells.items():
        ws[at] = value
    wb.save(path)
    return path


def _sheets(out: str) -> tuple[list[list[str]], list[list[str]]]:
    claims, units = out.split("\n\n")
    return list(csv.reader(io.StringIO(claims))), list(csv.reader(io.StringIO(units)))


def test_a_value_likely_mistyped_is_noted_on_its_claims_row(tmp_path: Path) -> None:
    """78.89 in a cell formatted as a percentage reads as 7889%: said on standard
    error alone, the file marked the unit's claims as if nothing were amiss."""
    form = _form(tmp_path / "a.xlsx", **{f"H{REEMPLOYMENT}": 78.89})
    _code, out, err = invoke("review", SPEC, str(form), "-f", "csv", "--lang", "en")
    said = next(line for line in err.splitlines() if f":{REEMPLOYMENT}:8: note:" in line)
    claims, _units = _sheets(out)
    assert claims[0][-1] == "note"
    (row,) = [r for r in claims if r[2] == "reemployment"]
    assert row[-1] == said and "7889" in said
    assert all(r[-1] == "" for r in claims[1:] if r[2] != "reemployment")
    _code, out, _err = invoke("review", SPEC, str(form), "-f", "json", "--lang", "en")
    (item,) = [c for c in json.loads(out)["claims"] if c["id"] == "reemployment"]
    assert item["note"] == said


def test_the_forms_own_notes_are_on_its_units_row(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(FORM)
    wb["自评表"].title = "荔城2021"
    wb.save(tmp_path / "a.xlsx")
    _code, out, err = invoke("review", SPEC, str(tmp_path / "a.xlsx"), "-f", "csv", "--lang", "en")
    said = next(line for line in err.splitlines() if "荔城2021" in line)
    _claims, units = _sheets(out)
    assert units[0][-1] == "note"
    assert units[1][-1] == said


def test_a_submission_that_claims_nothing_is_told_from_one_that_agrees(tmp_path: Path) -> None:
    shutil.copy(FORM, tmp_path / "a.xlsx")
    bare = _form(tmp_path / "b.xlsx", **{f"J{row}": None for row in range(12, 44)})
    code, out, err = invoke(
        "review", SPEC, str(tmp_path / "a.xlsx"), str(bare), "-f", "csv", "--lang", "en"
    )
    assert code == 0, err
    _claims, units = _sheets(out)
    verdicts = {row[2]: row[6] for row in units[1:]}
    assert verdicts == {str(tmp_path / "a.xlsx"): "agrees", str(bare): "no_claims"}
    _code, out, _err = invoke(
        "review", SPEC, str(tmp_path / "a.xlsx"), str(bare), "--lang", "en", "--width", "400"
    )
    assert out.rstrip().endswith("; 1 submission claims no score at all")
    _code, out, _err = invoke(
        "review", SPEC, str(tmp_path / "a.xlsx"), str(bare), "-f", "csv", "--lang", "zh"
    )
    _claims, units = _sheets(out)
    assert [row[6] for row in units[1:] if row[2] == str(bare)] == ["未自评"]


def test_a_units_agreeing_claims_follow_the_specs_order() -> None:
    _code, out, _err = invoke("review", SPEC, FORM, "-f", "csv", "--lang", "en")
    claims, _units = _sheets(out)
    order = [i.id for i in load_spec(Path(SPEC)).walk()]
    ids = [row[2] for row in claims[1:]]
    assert ids == sorted(ids, key=order.index)


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_sheet_review_wrote_among_the_submissions_is_left_out(
    tmp_path: Path, suffix: str, lang: str
) -> None:
    """A 复核表 saved in the folder of forms was read as a submission the next
    time: a line for each of its columns that the spec does not know."""
    shutil.copy(FORM, tmp_path / "a.xlsx")
    sheet = tmp_path / f"复核表.{suffix}"
    code, _out, err = invoke(
        "review", SPEC, str(tmp_path / "a.xlsx"), "-o", str(sheet), "--lang", lang
    )
    assert sheet.exists(), err
    code, out, err = invoke("review", SPEC, str(tmp_path / "*.*"), "-f", "csv", "--lang", "en")
    assert code == 0, err
    assert err.splitlines()[0] == (
        f"{sheet}: note: left out, a 复核表 written by scorecard review, not a submission"
    )
    assert str(sheet) not in out
    code, _out, err = invoke("review", SPEC, str(sheet), "--lang", "en")
    assert (code, err) == (
        2,
        f"{sheet}: a 复核表 written by scorecard review, not a submission; give the submissions it "
        "was written from\n",
    )


def test_the_files_stamp_the_spec_and_show_points_as_the_sheet_does(tmp_path: Path) -> None:
    """The JSON named the spec by its id alone (score's JSON has its digest and the
    engine's version); the workbook's numbers showed as General: 3.00 as 3."""
    _code, out, _err = invoke("review", SPEC, FORM, "-f", "json")
    doc = json.loads(out)
    spec = load_spec(Path(SPEC))
    assert (doc["spec"], doc["spec_sha256"], doc["engine"]) == (spec.id, spec.sha256, "scorecard")
    assert doc["engine_version"]
    sheet = tmp_path / "复核表.xlsx"
    _code, _out, _err = invoke("review", SPEC, FORM, "-o", str(sheet))
    wb = openpyxl.load_workbook(sheet)
    claims, units = wb["复核表"], wb["单位合计"]
    assert [c.number_format for c in claims[2][4:8]] == ["0.00", "0.00", "0.00", "+0.00;-0.00;0.00"]
    assert [c.number_format for c in units[2][3:9]] == [
        "0.00",
        "0.00",
        "+0.00;-0.00;0.00",
        "General",
        "0",
        "0",
    ]
