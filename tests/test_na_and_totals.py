"""Whole-spec N/A, a leaf under a group marked N/A, a total rounded under
``rounding.apply: total``, and scores that do not end, in every output."""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from conftest import invoke

from engine.base.errors import ErrorList
from tests.conftest import score_of, spec_of
from tests.test_columnar_csv import same_on_every_path

NESTED = """
    spec: 1
    id: t
    total: 20
    grades: [{grade: A, min: 15}, {grade: C, min: 0}]
    indicators:
      - id: g
        name: G
        weight: 10
        children:
          - {id: a, name: A, weight: 4, direction: higher, target: 100, method: ratio}
          - {id: b, name: B, weight: 6, direction: higher, target: 100, method: ratio}
      - {id: h, name: H, weight: 10, direction: higher, target: 100, method: ratio}
    """
EVERY = (
    "every indicator is marked not applicable, so nothing is left to score (a total of 0 of 0 "
    "has no grade); give the values of those that apply, or leave this entity out"
)


def test_every_indicator_not_applicable_is_an_error_not_the_lowest_grade() -> None:
    """0 of 0 was graded C (the lowest band, 0 ≥ 0) and exit 0."""
    spec = spec_of(NESTED)
    with pytest.raises(ErrorList) as e:
        score_of(spec, "spec: t\nnot_applicable: {g: 无, h: 无}\n")
    assert [str(x) for x in e.value.errors] == [f"a.yaml:2:18: {EVERY}"]


def test_rows_with_every_indicator_not_applicable_fail_on_every_path(tmp_path: Path) -> None:
    spec = spec_of(NESTED)
    lines = ["entity,a,b,h"] + [
        f"e{k},{'N/A' if k % 4 == 0 else 90},{'N/A' if k % 4 == 0 else 50},"
        f"{'N/A' if k % 2 == 0 else 100}"
        for k in range(240)
    ]
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = same_on_every_path(path, spec)
    assert [r.ok for r in rows[:4]] == [False, True, True, True]
    assert rows[0].errors == (f"{path}:2:2: {EVERY}",)
    assert sum(not r.ok for r in rows) == 60


def test_a_leaf_under_a_group_marked_not_applicable_says_the_groups_reason() -> None:
    """It said "all its indicators are not applicable", which a leaf has none of."""
    spec = spec_of(NESTED)
    sc = score_of(spec, "spec: t\nvalues: {h: 100}\nnot_applicable: {g: 本年度无此项}\n")
    a = sc.find("a")
    assert a is not None
    assert [str(x) for x in a.steps[0].lines] == ["its group g is not applicable: 本年度无此项"]
    assert (a.reason, sc.find("g").reason) == ("", "本年度无此项")  # said once, at the group


ROUNDED_TOTAL = """
    spec: 1
    id: t
    total: 20
    rounding: {places: 2, mode: half_up, apply: total}
    indicators:
      - {id: a, name: A, weight: 5, direction: higher, target: 3, method: ratio}
      - {id: b, name: B, weight: 15, direction: higher, target: 100, method: ratio}
    """


def _files(tmp_path: Path) -> tuple[Path, Path]:
    spec = tmp_path / "t.yaml"
    spec.write_text(ROUNDED_TOTAL.replace("\n    ", "\n"), "utf-8")
    actuals = tmp_path / "a.yaml"
    actuals.write_text("spec: t\nvalues: {a: 3, b: 100}\n", "utf-8")
    return spec, actuals


def test_a_total_rounded_under_apply_total_shows_the_places(tmp_path: Path) -> None:
    """The total is rounded to 2 places, and showed "20", its trace "20 → 20.00"."""
    spec, actuals = _files(tmp_path)
    _code, out, _ = invoke("score", str(spec), str(actuals))
    assert "Total 20.00 / 20.00" in out
    _code, out, _ = invoke("score", str(spec), str(actuals), "-f", "json")
    assert json.loads(out)["total"] == "20.00"
    table = tmp_path / "t.csv"
    table.write_text("entity,a,b\nx,1,100\n", "utf-8")
    _code, out, _ = invoke("batch", str(spec), str(table), "-f", "csv")
    (row,) = csv.DictReader(io.StringIO(out))
    assert (row["total"], row["a"]) == ("16.67", "1.6666666666666666666666666666…")


def test_a_score_that_does_not_end_keeps_28_places_in_json(tmp_path: Path) -> None:
    """trace.md: JSON carries 28 decimals; the scores under apply: total had 10."""
    spec, actuals = _files(tmp_path)
    actuals.write_text("spec: t\nvalues: {a: 1, b: 100}\n", "utf-8")
    _code, out, _ = invoke("score", str(spec), str(actuals), "-f", "json")
    (a,) = [i for i in json.loads(out)["indicators"] if i["id"] == "a"]
    assert (a["score"], a["rule_score"]) == ("1.6666666666666666666666666666…",) * 2


def test_a_score_that_does_not_end_is_a_number_in_the_batch_workbook(tmp_path: Path) -> None:
    """It was text ("5.5555555555…"), which every SUM in Excel leaves out."""
    spec, _ = _files(tmp_path)
    table = tmp_path / "t.csv"
    table.write_text("entity,a,b\nx,1,100\n", "utf-8")
    out = tmp_path / "out.xlsx"
    invoke("batch", str(spec), str(table), "-o", str(out))
    sheet = openpyxl.load_workbook(out).worksheets[0]
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert row["a"] == pytest.approx(5 / 3, abs=1e-15)
    assert isinstance(row["a"], float)
    assert Fraction(row["total"]).limit_denominator(100) == Fraction(1667, 100)


def test_every_file_writes_a_score_at_redistributed_full_marks_at_the_places(
    tmp_path: Path,
) -> None:
    """Under apply: each, a score held at full marks of 200/3 was written to 28
    places (66.666…), in JSON, CSV and compare's files: a text no spreadsheet
    adds up. The weights handed on are rounded to the places (shared_out), so
    the full marks are 66.67 and so is the score, everywhere."""
    spec = tmp_path / "t.yaml"
    spec.write_text(
        "spec: 1\nid: third\ntotal: 100\nindicators:\n"
        "  - {id: a, name: 甲, weight: 50, direction: higher, target: 100, method: ratio}\n"
        "  - {id: b, name: 乙, weight: 25, direction: higher, target: 100, method: ratio}\n"
        "  - {id: h, name: 丙, weight: 25, direction: higher, target: 100, method: ratio}\n",
        "utf-8",
    )
    actuals = tmp_path / "a.yaml"
    actuals.write_text("spec: third\nvalues: {a: 100, b: 50}\nnot_applicable: {h: 无}\n", "utf-8")
    whole = "66.67"  # 50 × 100/75 = 66.666…, rounded against 乙's 33.33: they add up to 100
    _code, out, _ = invoke("score", str(spec), str(actuals), "-f", "json")
    assert {i["id"]: i["score"] for i in json.loads(out)["indicators"]}["a"] == whole
    _code, out, _ = invoke("score", str(spec), str(actuals), "-f", "csv", "--header", "ids")
    assert {r["id"]: r["score"] for r in csv.DictReader(io.StringIO(out))}["a"] == whole
    table = tmp_path / "t.csv"
    table.write_text("entity,a,b,h\nx,100,50,N/A\n", "utf-8")
    _code, out, _ = invoke("batch", str(spec), str(table), "-f", "csv")
    assert next(csv.DictReader(io.StringIO(out)))["a"] == whole
    deltas = tmp_path / "d.csv"
    invoke("compare", str(spec), str(spec), str(table), "-o", str(deltas))
    assert next(csv.DictReader(deltas.open(encoding="utf-8")))["a.a"] == whole


def test_totals_under_apply_total_keep_their_places_in_compare_and_the_api(
    tmp_path: Path,
) -> None:
    spec, actuals = _files(tmp_path)
    other = tmp_path / "b.yaml"
    other.write_text(
        ROUNDED_TOTAL.replace("\n    ", "\n").replace("target: 3", "target: 2"), "utf-8"
    )
    actuals.write_text("spec: t\nvalues: {a: 1, b: 100}\n", "utf-8")
    _code, out, _ = invoke("compare", str(spec), str(other), str(actuals))
    assert "Δ total +0.83" in out  # 16.67 → 17.50, at the places
    table = tmp_path / "t.csv"
    table.write_text("entity,a,b\nx,3,100\n", "utf-8")
    deltas = tmp_path / "d.csv"
    _code, out, _ = invoke("compare", str(spec), str(other), str(table), "-o", str(deltas))
    row = next(csv.DictReader(deltas.open(encoding="utf-8")))
    assert (row["total_a"], row["total_b"], row["delta"]) == ("20.00", "20.00", "0.00")
    import engine

    scored = engine.score(str(spec), {"entity": "x", "a": 3, "b": 100})
    assert repr(scored) == "<Scored t x total 20.00>"


def test_compare_files_keep_the_ids_with_header_ids(tmp_path: Path) -> None:
    spec, _ = _files(tmp_path)
    table = tmp_path / "t.csv"
    table.write_text("entity,a,b\nx,3,100\n", "utf-8")
    deltas = tmp_path / "d.csv"
    args = ["compare", str(spec), str(spec), str(table), "--lang", "zh", "-o", str(deltas)]
    invoke(*args)
    assert deltas.read_text("utf-8").startswith("行,单位,期间,状态,错误,总分（A）")
    invoke(*args, "--header", "ids")
    assert deltas.read_text("utf-8").startswith("row,entity,period,status,error,total_a")


def test_an_empty_not_applicable_reason_says_what_to_write(tmp_path: Path) -> None:
    spec, actuals = _files(tmp_path)
    actuals.write_text("spec: t\nvalues: {a: 3}\nnot_applicable: {b: ''}\n", "utf-8")
    code, _out, err = invoke("score", str(spec), str(actuals))
    assert (code, err) == (
        1,
        f"{actuals}:3:21: 'b' must not be empty; write why it does not apply (本年度无此项, say)\n",
    )


def test_a_reason_of_spaces_alone_is_refused_as_an_empty_one(tmp_path: Path) -> None:
    spec, actuals = _files(tmp_path)
    actuals.write_text("spec: t\nvalues: {a: 3}\nnot_applicable: {b: '  '}\n", "utf-8")
    code, _out, err = invoke("score", str(spec), str(actuals))
    assert (code, err) == (
        1,
        f"{actuals}:3:21: 'b' holds only spaces; it must not be empty; write why it does not "
        "apply (本年度无此项, say)\n",
    )
    actuals.write_text(
        "spec: t\nvalues: {a: 3, b: 1}\noverrides: {a: {score: 2, reason: ' \u3000'}}\n", "utf-8"
    )
    code, _out, err = invoke("score", str(spec), str(actuals))
    assert (code, err) == (1, f"{actuals}:3:35: 'reason' holds only spaces; it must not be empty\n")
