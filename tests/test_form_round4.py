"""The filled 自评表 form read back (engine/review/form.py), hostile round 4: text
cells read by a table cell's rules, one row per indicator, no claim that vanishes,
a damaged hidden sheet refused in one line, and every cell problem located."""

from __future__ import annotations

import csv
import json
import re
import shutil
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import invoke

SPEC = "specs/gz-dept-overall-2021.yaml"
FORM = "examples/licheng-2021/自评表.xlsx"
#: rows of the shipped form
TRIPS, TOTAL, BUDGET = 26, 43, 8
TRIPS_LABEL = "trips (外出招商活动次数)"
ONE_ROW = "; write digits such as 3, 2.5 or 98.93"

pytestmark = pytest.mark.usefixtures("in_root")


def edited(tmp_path: Path, edit: Callable[[Any], None], name: str = "form.xlsx") -> Path:
    """The shipped form, copied and edited with openpyxl (``edit`` gets the workbook)."""
    path = tmp_path / name
    wb = openpyxl.load_workbook(FORM)
    edit(wb)
    wb.save(path)
    return path


def cells(**values: Any) -> Callable[[Any], None]:
    """An edit setting cells of the sheet 自评表, named as ``H26=3``."""

    def edit(wb: Any) -> None:
        for ref, value in values.items():
            wb["自评表"][ref] = value

    return edit


def xml_edited(tmp_path: Path, pattern: str, replacement: str) -> Path:
    """The shipped form with its sheet's XML edited (what openpyxl cannot write)."""
    path = tmp_path / "form.xlsx"
    with zipfile.ZipFile(FORM) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text, n = re.subn(pattern, replacement, data.decode("utf-8"), flags=re.S)
                assert n == 1, pattern
                data = text.encode("utf-8")
            dst.writestr(info, data)
    return path


def refused(path: Path, command: str = "review") -> str:
    """The one line of standard error of a refused form (exit 1, nothing on stdout)."""
    code, out, err = invoke(command, SPEC, str(path))
    assert (code, out) == (1, ""), err
    assert err.count("\n") == 1, err
    return err.removesuffix("\n")


def scored(path: Path) -> dict[str, Any]:
    """The form's scorecard as JSON, each indicator by id."""
    code, out, err = invoke("score", SPEC, str(path), "-f", "json")
    assert (code, err) == (0, ""), err
    data = json.loads(out)
    found: dict[str, Any] = {}

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            found[item["id"]] = item
            walk(item.get("children") or [])

    walk(data["indicators"])
    return found


# -- 1. text cells are read by the rules of a table's cell -------------------------
@pytest.mark.parametrize(
    ("ref", "text", "where", "problem"),
    [
        (
            "D8",
            "82.912,04",
            f"{BUDGET}:4: 全年预算数",
            "'82.912,04' is not a number: commas only as thousands separators (1,234.5)",
        ),
        (
            "H26",
            "1,5",
            f"{TRIPS}:8: {TRIPS_LABEL} 实际完成值",
            "'1,5' is not a number: commas only as thousands separators (1,234.5)",
        ),
        (
            "H26",
            "3 5",
            f"{TRIPS}:8: {TRIPS_LABEL} 实际完成值",
            "'3 5' is not a number: spaces only as thousands separators, in groups of three "
            "(82 912.04)",
        ),
        (
            "J26",
            "2,81",
            f"{TRIPS}:10: {TRIPS_LABEL} 自评得分",
            "'2,81' is not a number: commas only as thousands separators (1,234.5)",
        ),
        (
            "H26",
            "3 次",
            f"{TRIPS}:8: {TRIPS_LABEL} 实际完成值",
            "'3 次' is not a number: a unit, '次', was typed after it; write the number alone, "
            "3 (the unit is already in the spec)",
        ),
        (
            "H26",
            "1项",
            f"{TRIPS}:8: {TRIPS_LABEL} 实际完成值",
            "'1项' is not a number: a unit, '项', was typed after it; write the number alone, "
            "1 (the unit is already in the spec)",
        ),
        (
            "J26",
            "2.81 分",
            f"{TRIPS}:10: {TRIPS_LABEL} 自评得分",
            "'2.81 分' is not a number: '分' was typed after it; write the points alone, 2.81",
        ),
        (
            "H26",
            "75%",
            f"{TRIPS}:8: {TRIPS_LABEL} 实际完成值",
            "'75%' has a % but the unit is '次'; write the plain number",
        ),
        (
            "J26",
            "2.81%",
            f"{TRIPS}:10: {TRIPS_LABEL} 自评得分",
            "'2.81%' has a % but a score is in points; write the plain number",
        ),
    ],
)
def test_a_misplaced_separator_in_a_text_cell_is_refused_not_deleted(
    tmp_path: Path, ref: str, text: str, where: str, problem: str
) -> None:
    """'82.912,04' was read as 82.91204 (budget_execution 10.00 instead of 9.08),
    '1,5' as 15 and '3 5' as 35: commas and spaces were deleted, not checked."""
    form = edited(tmp_path, cells(**{ref: text}))
    assert refused(form) == f"{form}:{where}: {problem}"


@pytest.mark.parametrize("budget", ["82,912.04", "82 912.04", "82\u00a0912.04", " 82912.04 "])
def test_thousands_separators_in_groups_of_three_are_read_as_a_table_reads_them(
    tmp_path: Path, budget: str
) -> None:
    form = edited(tmp_path, cells(D8=budget, H26="3", H31="98.93%"))
    found = scored(form)
    assert found["budget_execution"]["actual"].startswith("90.8405823810")
    assert found["budget_execution"]["score"] == "9.08"
    assert (found["trips"]["actual"], found["sanitation"]["actual"]) == ("3", "98.93")


# -- 2. one row per indicator -----------------------------------------------------
def test_a_second_row_of_an_indicator_is_refused_naming_both_rows(tmp_path: Path) -> None:
    """A second 'trips' row (29) silently won: trips 4 instead of 3."""
    form = edited(tmp_path, cells(B29="trips", H29=4, G29=3.75, J29=3.75))
    assert refused(form, "score") == (
        f"{form}:29:2: indicator 'trips' has a second row here (row 26 has it too); one row "
        "per indicator: delete or correct one"
    )


def test_a_second_row_below_the_total_is_refused_too(tmp_path: Path) -> None:
    form = edited(tmp_path, cells(B45="trips", H45=99, J45=3.75))
    assert refused(form) == (
        f"{form}:45:2: indicator 'trips' has a second row here (row 26 has it too); one row "
        "per indicator: delete or correct one"
    )


def test_a_second_row_of_an_input_is_refused(tmp_path: Path) -> None:
    form = edited(tmp_path, cells(A9="budget"))
    assert refused(form) == (
        f"{form}:9:1: input 'budget' has a second row here (row 8 has it too); one row per "
        "input: delete or correct one"
    )


# -- 3. no claim vanishes ---------------------------------------------------------
@pytest.mark.parametrize(
    ("ref", "formula", "where"),
    [
        ("J26", "=G26", f"{TRIPS}:10: {TRIPS_LABEL} 自评得分"),
        ("J43", "=SUM(J13:J42)", f"{TOTAL}:10: 合计 自评得分"),
        ("H26", "=1+2", f"{TRIPS}:8: {TRIPS_LABEL} 实际完成值"),
    ],
)
def test_a_formula_with_no_saved_value_is_refused_at_its_cell(
    tmp_path: Path, ref: str, formula: str, where: str
) -> None:
    """A claim typed as a formula never calculated read as empty: it vanished."""
    form = edited(tmp_path, cells(**{ref: formula}))
    assert refused(form) == (
        f"{form}:{where}: cell {ref} holds the formula {formula} with no saved value; open "
        "and save the file in Excel (or write the value)"
    )


@pytest.mark.parametrize(
    ("merged", "at"), [("J25:J26", "25:10"), ("H26:J26", "26:8"), ("B3:B4", "3:2")]
)
def test_merged_cells_over_what_the_form_reads_are_refused(
    tmp_path: Path, merged: str, at: str
) -> None:
    form = edited(tmp_path, lambda wb: wb["自评表"].merge_cells(merged))
    first = merged.split(":")[0]
    assert refused(form) == (
        f"{form}:{at}: cells {merged} are merged: only {first} keeps its value, and the "
        "others read as empty; unmerge them and fill each cell"
    )


def test_cells_merged_beside_the_table_are_read_as_before(tmp_path: Path) -> None:
    form = edited(tmp_path, lambda wb: wb["自评表"].merge_cells("A1:L1"))
    assert scored(form)["trips"]["score"] == "2.81"


def test_a_claimed_total_below_an_inserted_row_is_found_by_its_label(tmp_path: Path) -> None:
    """A row inserted before 合计 moved the claimed total of 95 off the row the
    hidden sheet names: it was ignored (88.59Σ, '0 over-claimed', exit 0)."""

    def insert(wb: Any) -> None:
        wb["自评表"].insert_rows(TOTAL)
        wb["自评表"]["J44"] = 95

    form = edited(tmp_path, insert)
    code, out, err = invoke("review", SPEC, str(form), "--width", "100")
    assert code == 1
    total = next(line for line in out.splitlines() if line.startswith("合计"))
    assert total.split()[1:] == ["100.00", "95.00", "88.59", "+6.41", "over"]
    assert "1 over-claimed, 0 under-claimed beyond 0 (32 claim(s) in 1 submission(s))" in out
    assert err == "1 claim(s) beyond the tolerance of 0\n"


def test_rows_inserted_among_the_indicators_are_read_by_their_ids(tmp_path: Path) -> None:
    """The last indicator was pushed out of the block the hidden sheet names."""
    form = edited(tmp_path, lambda wb: wb["自评表"].insert_rows(20))
    found = scored(form)
    assert (found["reemployment"]["actual"], found["reemployment"]["score"]) == ("78.89", "3.75")


def test_a_deleted_row_leaves_the_total_found_by_its_label(tmp_path: Path) -> None:
    """The hidden sheet names row 43 for the total; the sheet now ends at row 42."""

    def delete(wb: Any) -> None:
        wb["自评表"].delete_rows(20)  # compliance

    form = edited(tmp_path, delete)
    code, out, err = invoke("score", SPEC, str(form))
    assert (code, out) == (1, "")
    assert err.endswith(
        ": missing value for 1 indicator: compliance (资金使用合规性); fill "
        "in its 实际完成值, give a reason under "
        "不适用原因 if it does not apply, or use --missing zero to score it 0\n"
    )
    code, out, err = invoke("review", SPEC, str(form), "--missing", "zero", "--width", "100")
    total = next(line for line in out.splitlines() if line.startswith("合计"))
    assert total.split()[1:3] == ["100.00", "88.59"]  # claimed at row 42, not summed (Σ)


def test_a_form_without_its_total_row_is_refused_as_reshaped(tmp_path: Path) -> None:
    form = edited(tmp_path, cells(C43=None))
    assert refused(form) == (
        f"{form}: no row labelled 合计 (the total) below the indicators: the form was "
        "reshaped; write a new form with 'scorecard template' and copy the entries into it"
    )


def test_an_entry_in_a_row_without_an_id_is_refused(tmp_path: Path) -> None:
    def insert(wb: Any) -> None:
        wb["自评表"].insert_rows(TOTAL)
        wb["自评表"]["J43"] = 3

    form = edited(tmp_path, insert)
    assert refused(form) == (
        f"{form}:43:10: an entry in a row with no indicator id (编号, column 2); write the "
        "indicator's id there, or move the entry into the indicator's row"
    )


# -- 4. a damaged hidden sheet ------------------------------------------------------
def meta(key: str, value: Any) -> Callable[[Any], None]:
    """An edit of the hidden sheet _form: ``key``'s value (None: the entry removed)."""

    def edit(wb: Any) -> None:
        for row in wb["_form"].iter_rows():
            if row[0].value == key:
                if value is None:
                    row[0].value = None
                row[1].value = value

    return edit


SPAN = "FIRST-LAST, two row numbers of the sheet (1 to 43)"
#: the indicators' block has its header above it
BLOCK = "FIRST-LAST, two row numbers of the sheet (2 to 43)"
ROW = "a row number of the sheet (1 to 43)"


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("indicators", "abc", BLOCK),
        ("indicators", "0-0", BLOCK),
        ("indicators", "42-12", BLOCK),
        ("indicators", "1-42", BLOCK),  # row 0 for its header: exit 3
        ("inputs", "-5-9", SPAN),
        ("total", "x", ROW),
        ("total", None, ROW),
        ("total", "0", ROW),
    ],
)
def test_a_damaged_hidden_sheet_is_one_line_not_an_internal_error(
    tmp_path: Path, key: str, value: Any, expected: str
) -> None:
    """Each of these was exit 3 (ValueError, KeyError)."""
    form = edited(tmp_path, meta(key, value))
    shown = "" if value is None else value
    assert refused(form) == (
        f"{form}: the form's hidden sheet _form is damaged: {key} is '{shown}', not "
        f"{expected}; write a new form with 'scorecard template' and copy the entries into it"
    )


def test_a_damaged_form_is_one_failed_row_of_a_batch(tmp_path: Path) -> None:
    shutil.copy(FORM, tmp_path / "a.xlsx")
    bad = edited(tmp_path, meta("indicators", "abc"), "b.xlsx")
    code, out, err = invoke("batch", SPEC, str(tmp_path / "*.xlsx"), "-f", "csv")
    assert code == 1
    rows = out.splitlines()
    assert rows[1].split(",")[:5] == [
        str(tmp_path / "a.xlsx"),
        "1",
        "广州市增城区人民政府荔城街道办事处",
        "2021",
        "88.59",
    ]
    assert rows[2].startswith(f"{bad},2,{bad},,,,,error,")
    assert err.splitlines()[0] == "1 scored, 1 failed"


def test_a_form_that_fails_names_its_unit_and_period_in_the_batch(tmp_path: Path) -> None:
    """A form whose grade was refused (良好 for 良) was a row named by its file, its
    period empty; the unit and period the form gives are kept."""
    bad = edited(tmp_path, cells(H19="良好"), "b.xlsx")
    code, out, err = invoke("batch", SPEC, str(bad), "-f", "csv")
    assert code == 1, err
    assert out.splitlines()[1].startswith("1,广州市增城区人民政府荔城街道办事处,2021,,,,error,")


def test_a_file_that_is_no_form_among_forms_is_one_failed_row(tmp_path: Path) -> None:
    """Any file of the pattern that was not a form made the batch read every file
    as a table: the error named a good form, and nothing was scored."""
    shutil.copy(FORM, tmp_path / "a.xlsx")
    (tmp_path / "b.xlsx").write_bytes(b"not a workbook")
    code, out, err = invoke("batch", SPEC, str(tmp_path / "*.xlsx"), "-f", "csv")
    assert code == 1
    rows = out.splitlines()
    assert rows[1].split(",")[4] == "88.59"
    assert rows[2] == (
        f"{tmp_path / 'b.xlsx'},2,{tmp_path / 'b.xlsx'},,,,,error,{tmp_path / 'b.xlsx'}: not a "
        "readable .xlsx workbook; give a form written by 'scorecard template',,"
        + ","
        * (rows[0].count(",") - 10)
    )
    assert err.splitlines() == [
        "1 scored, 1 failed",
        f"{tmp_path / 'b.xlsx'}: not a readable .xlsx workbook; give a form written by "
        "'scorecard template'",
    ]


def test_an_excel_lock_file_is_left_out_of_a_batch_of_forms_and_said(tmp_path: Path) -> None:
    """Excel writes ~$a.xlsx beside a workbook it has open: it failed the batch."""
    shutil.copy(FORM, tmp_path / "a.xlsx")
    lock = tmp_path / "~$a.xlsx"
    lock.write_bytes(b"\x0bzhangsan" + b" " * 40)
    code, out, err = invoke("batch", SPEC, str(tmp_path / "*.xlsx"), "-f", "csv")
    assert code == 0
    assert len(out.splitlines()) == 2
    assert err.splitlines() == [
        f"{lock}: note: left out, an Excel lock file (the workbook it names is open in "
        "Excel), not a workbook",
        "1 scored, 0 failed",
    ]


def test_a_batch_of_forms_carries_their_notes(tmp_path: Path) -> None:
    """The forms' 偏差原因 were dropped by batch (score shows them); a table's note
    columns are carried through as notes.ID, and the forms' now are too."""
    shutil.copy(FORM, tmp_path / "a.xlsx")
    edited(tmp_path, cells(L26="线上招商", L14="按计划"), "b.xlsx")
    code, out, _ = invoke("batch", SPEC, str(tmp_path / "*.xlsx"), "-f", "json")
    assert code == 0
    a, b = (r["notes"] for r in json.loads(out)["rows"])
    assert sorted(a) == ["community", "rehab", "trips"]  # the shipped form's three
    assert b == {**a, "key_spending": "按计划", "trips": "线上招商"}
    code, out, _ = invoke("batch", SPEC, str(tmp_path / "*.xlsx"), "-f", "csv")
    header, *rows = (line.split(",") for line in out.splitlines())
    noted = ["notes.key_spending", "notes.trips", "notes.rehab", "notes.community"]
    assert header[-4:] == noted  # the spec's order
    assert [r[-4:] for r in rows] == [
        ["", a["trips"], a["rehab"], a["community"]],
        ["按计划", "线上招商", a["rehab"], a["community"]],
    ]


def test_a_block_beyond_the_sheet_is_bounded_by_its_rows(tmp_path: Path) -> None:
    """12-1048576 took 5 s and 312 MB: every row up to 1048576 was made."""
    form = edited(tmp_path, meta("indicators", "12-1048576"))
    tracemalloc.start()  # memory, not time: the same on any machine
    try:
        assert scored(form)["trips"]["score"] == "2.81"
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 100 * 2**20, peak


# -- 5. each cell problem in one line, at its cell ----------------------------------
def test_a_missing_value_is_reported_at_the_indicators_row(tmp_path: Path) -> None:
    """It was reported at the first cell of the block (14:8)."""
    form = edited(tmp_path, cells(H26=None))
    assert refused(form, "score") == (
        f"{form}:26:8: missing value for 1 indicator: trips (外出招商活动次数); "
        "fill in its 实际完成值, give a "
        "reason under 不适用原因 if it does not apply, or use --missing zero to score it 0"
    )


def test_a_date_is_shown_as_a_date_and_a_number_asked_for(tmp_path: Path) -> None:
    import datetime

    form = edited(tmp_path, cells(H26=datetime.datetime(2021, 3, 1)))
    assert refused(form) == (
        f"{form}:26:8: {TRIPS_LABEL} 实际完成值: the cell holds the date 2021-03-01, not a "
        "number; format it as a number and type the value"
    )


@pytest.mark.parametrize(("value", "shown"), [(True, "TRUE"), (False, "FALSE")])
def test_a_logical_value_is_named_as_excel_shows_it(
    tmp_path: Path, value: bool, shown: str
) -> None:
    """It said "'True' is not a number", in Python's words."""
    form = edited(tmp_path, cells(H26=value))
    assert refused(form) == (
        f"{form}:26:8: {TRIPS_LABEL} 实际完成值: the cell holds the logical value {shown}, "
        "not a number; type the number itself, such as 3, 2.5 or 98.93"
    )


def test_an_infinite_number_cell_says_what_is_valid(tmp_path: Path) -> None:
    """A number cell of 1E999 (a float's inf) said only "'inf' is not a number"."""
    form = xml_edited(tmp_path, r'(<c r="H26"[^>]*>)<v>3</v>', r"\1<v>1E999</v>")
    assert refused(form) == f"{form}:26:8: {TRIPS_LABEL} 实际完成值: 'inf' is not a number{ONE_ROW}"


def test_an_error_value_is_named_as_one(tmp_path: Path) -> None:
    form = xml_edited(
        tmp_path, r'<c r="J26"([^>]*) t="n"><v>2.81</v>', r'<c r="J26"\1 t="e"><v>#N/A</v>'
    )
    assert refused(form) == (
        f"{form}:26:10: {TRIPS_LABEL} 自评得分: cell J26 holds the error value #N/A (a formula "
        "that failed in Excel); correct it in the workbook, or write the value"
    )


def test_a_claim_on_an_indicator_not_applicable_is_refused(tmp_path: Path) -> None:
    form = edited(tmp_path, cells(K26="疫情期间暂停", H26=None))
    assert refused(form) == (
        f"{form}:26:10: {TRIPS_LABEL} 自评得分: a score is claimed for an indicator marked "
        "not applicable (不适用原因, column K); clear the claim, or the reason"
    )


def test_a_claim_out_of_range_is_one_line(tmp_path: Path) -> None:
    """Two lines for one cell: the schema's and the claims check's."""
    form = edited(tmp_path, cells(J26=-1))
    assert refused(form) == (
        f"{form}:26:10: claimed score -1 for 'trips' lies outside 0 to its weight 3.75"
    )


def test_an_unknown_id_is_one_line_at_the_id(tmp_path: Path) -> None:
    """Three lines: values, claimed and notes each named the unknown id."""
    form = edited(tmp_path, cells(B26="tripz"))
    assert refused(form) == (
        f"{form}:26:2: unknown indicator id 'tripz'; did you mean 'trips'?; write the id the "
        "form was written with (the spec's), or delete the row"
    )


@pytest.mark.parametrize(
    ("edit", "at", "problem"),
    [
        (
            {"H13": 50},
            "13:8: budget_execution (预算执行率) 实际完成值",
            "this value is computed from the raw inputs (原始数据); clear this cell and fill "
            "in the inputs",
        ),
        (
            {"H24": 14},
            "24:8: industry (产业创新发展) 实际完成值",
            "a group is scored from its indicators; clear this cell",
        ),
        (
            {"I26": 2},
            f"26:9: {TRIPS_LABEL} 等级内给分",
            "a score within a grade is read for a graded indicator only; clear this cell",
        ),
    ],
)
def test_an_entry_in_a_cell_the_row_does_not_read_is_refused(
    tmp_path: Path, edit: dict[str, Any], at: str, problem: str
) -> None:
    form = edited(tmp_path, cells(**edit))
    assert refused(form) == f"{form}:{at}: {problem}"


@pytest.mark.parametrize(
    ("ref", "text", "exact"),
    [("H26", "3.99999999999999999", "3.99999999999999999"), ("H26", "3.5", "3.5")],
)
def test_a_number_written_with_more_digits_than_excel_keeps_is_read_exactly(
    tmp_path: Path, ref: str, text: str, exact: str
) -> None:
    """A 19-digit text went through float: 3.99999999999999999 was read as 4."""
    form = xml_edited(tmp_path, rf'(<c r="{ref}"[^>]*>)<v>3</v>', rf"\g<1><v>{text}</v>")
    assert scored(form)["trips"]["actual"] == exact


@pytest.mark.parametrize(
    ("pattern", "replacement", "problem"),
    [
        (
            r'(<c r="H26"[^>]*><v>3</v></c>)',
            r'\1<c r="H26" t="n"><v>4</v></c>',
            "26:8: cell H26 is written twice (or out of order) in the sheet's XML, and one "
            "value would be lost",
        ),
        (
            r'(<row r="26".*?</row>)',
            r'\1<row r="26"><c r="H26" t="n"><v>4</v></c></row>',
            "26:1: row 26 is written twice (or out of order) in the sheet's XML, and one copy "
            "would be lost",
        ),
    ],
)
def test_a_cell_or_row_written_twice_is_refused(
    tmp_path: Path, pattern: str, replacement: str, problem: str
) -> None:
    form = xml_edited(tmp_path, pattern, replacement)
    assert refused(form) == (f"{form}:{problem}; the workbook is damaged: save it again from Excel")


def test_the_shipped_form_reads_as_before() -> None:
    code, out, err = invoke("review", SPEC, FORM, "--tolerance", "0.01")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == (
        "0 over-claimed, 0 under-claimed beyond 0.01 (32 claim(s) in 1 submission(s))"
    )


@pytest.mark.parametrize("command", [("review",), ("score", "-f", "xlsx")])
def test_the_output_never_replaces_the_form_read(tmp_path: Path, command: tuple[str, ...]) -> None:
    """`review SPEC a.xlsx -o a.xlsx` replaced the unit's form by the review (exit 0)."""
    form = tmp_path / "a.xlsx"
    shutil.copy(FORM, form)
    code, out, err = invoke(command[0], SPEC, str(form), *command[1:], "-o", str(form))
    assert (code, out) == (2, "")
    assert err == f"-o {form}: is an input of this command; write the output to another file\n"
    assert form.read_bytes() == Path(FORM).read_bytes()


# -- 7. a form written for other rules ----------------------------------------------
def test_a_form_written_for_other_rules_is_scored_with_a_located_note(tmp_path: Path) -> None:
    """A form whose 年度指标值 said 4 trips was scored against 5 without a word."""
    spec = tmp_path / "spec.yaml"
    text = (Path(SPEC)).read_text("utf-8")
    old = "direction: higher, target: 4, method: ratio}"
    assert text.count(old) == 1
    spec.write_text(text.replace(old, "direction: higher, target: 5, method: ratio}"), "utf-8")
    shutil.copy(FORM, tmp_path / "form.xlsx")
    code, _out, err = invoke("score", str(spec), str(tmp_path / "form.xlsx"))
    assert code == 0
    assert err.splitlines() == [
        f"{tmp_path / 'form.xlsx'}:{TRIPS}:6: note: the form shows 年度指标值 4 for 'trips' "
        "where the spec now has 5: it was written for other rules and is scored by the "
        "spec's; 'scorecard template' writes a form of the rules as they are"
    ]
    code, _out, err = invoke("score", SPEC, str(tmp_path / "form.xlsx"))
    assert (code, err) == (0, "")  # the rules it was written for: no note


@pytest.mark.parametrize("mark", ["不适用", "N/A"])
def test_a_tables_na_mark_in_a_form_points_at_the_reason_column(tmp_path: Path, mark: str) -> None:
    """It said only "'不适用' is not a number"."""
    form = edited(tmp_path, cells(H26=mark))
    assert refused(form) == (
        f"{form}:26:8: {TRIPS_LABEL} 实际完成值: '{mark}' marks it not applicable in a table; "
        "in the form write why in 不适用原因 (column K) and leave 实际完成值 empty"
    )


def test_a_target_finer_than_a_double_is_not_taken_for_other_rules(tmp_path: Path) -> None:
    """98.123456789012345678 comes back from a saved workbook as 98.12345678901235."""
    spec = tmp_path / "s.yaml"
    spec.write_text(
        "spec: 1\nid: pr\ntotal: 12.5\nindicators:\n  - {id: a, name: 甲, weight: 12.5, unit: '%', "
        "direction: higher, target: 98.123456789012345678, method: ratio}\n",
        "utf-8",
    )
    form = tmp_path / "f.xlsx"
    assert invoke("template", str(spec), "-o", str(form))[0] == 0
    wb = openpyxl.load_workbook(form)
    ws = wb["自评表"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "a")
    ws.cell(row, 8).value = 0.9
    wb.save(form)
    code, _out, err = invoke("score", str(spec), str(form))
    assert (code, err) == (0, "")


def test_an_na_mark_in_a_grade_column_points_at_the_reason_column(tmp_path: Path) -> None:
    """A grade's cell said "has no grade '不适用'; grades: 优, 良, 中, 差"."""
    form = edited(tmp_path, cells(H19="不适用"))
    assert refused(form) == (
        f"{form}:19:8: management_system (管理制度健全性) 实际完成值: '不适用' marks it not "
        "applicable in a table; in the form write why in 不适用原因 (column K) and leave "
        "实际完成值 empty"
    )


def test_entries_outside_the_forms_cells_are_noted_one_by_one(tmp_path: Path) -> None:
    """A remark beside the table, a row under 合计 and an added sheet were dropped
    without a word: the form reads its own cells only."""

    def edit(wb: Any) -> None:
        sheet = wb["自评表"]
        sheet["M26"] = "另有一次线上招商"
        sheet[f"A{TOTAL + 2}"] = "备注：数据以年报为准"
        wb.create_sheet("附件说明")["A1"] = "佐证材料目录"

    form = edited(tmp_path, edit)
    code, _out, err = invoke("score", SPEC, str(form))
    assert code == 0
    assert err.splitlines() == [
        f"{form}:26:13: note: cell M26 holds '另有一次线上招商', outside what the form reads: "
        "it is neither scored nor kept; write a remark in 偏差原因 (column L) of its "
        "indicator's row",
        f"{form}:{TOTAL + 2}:1: note: cell A{TOTAL + 2} holds '备注：数据以年报为准', outside what "
        "the form reads: it is neither scored nor kept; write a remark in 偏差原因 (column L) "
        "of its indicator's row",
        f"{form}: note: sheet '附件说明' is not read (the form reads the sheet 自评表); what it "
        "holds is neither scored nor kept",
    ]
    code, _out, err = invoke("score", SPEC, FORM)
    assert (code, err) == (0, "")  # the form as written: nothing outside its cells


def test_a_pattern_of_lock_files_only_and_a_table_among_forms_are_said(tmp_path: Path) -> None:
    lock = tmp_path / "~$a.xlsx"
    lock.write_bytes(b"\x0bzhangsan" + b" " * 40)
    code, _out, err = invoke("batch", SPEC, str(tmp_path / "*.xlsx"))
    assert (code, err) == (
        2,
        f"{tmp_path / '*.xlsx'}: only Excel lock files match ({lock}: Excel writes one beside "
        "a workbook it has open); give the workbooks themselves\n",
    )
    code, _out, err = invoke("score", SPEC, str(lock))
    assert err == (
        f"{lock}: an Excel lock file (the workbook it names is open in Excel), not a workbook; "
        f"give the workbook itself, {tmp_path / 'a.xlsx'}\n"
    )
    shutil.copy(FORM, tmp_path / "b.xlsx")
    shutil.copy("examples/docs/units.csv", tmp_path / "a.csv")
    code, out, _ = invoke("batch", SPEC, str(tmp_path / "*"), "-f", "csv")
    first = next(csv.reader(out.splitlines()[1:]))
    assert first[:9] == [
        str(tmp_path / "a.csv"), "1", str(tmp_path / "a.csv"), "", "", "", "", "error",
        f"{tmp_path / 'a.csv'}: not a filled 自评表 form, among forms; score a table in a "
        "batch of its own",
    ]  # fmt: skip


def test_review_leaves_out_an_excel_lock_file_and_expands_a_quoted_pattern(
    tmp_path: Path,
) -> None:
    """``review SPEC forms/*.xlsx`` failed on the ~$a.xlsx the shell's pattern
    matched beside a workbook open in Excel; a pattern the shell left alone
    was "no such file"."""
    shutil.copy(FORM, tmp_path / "a.xlsx")
    lock = tmp_path / "~$a.xlsx"
    lock.write_bytes(b"\x0bzhangsan" + b" " * 40)
    note = (
        f"{lock}: note: left out, an Excel lock file (the workbook it names is open in "
        "Excel), not a workbook"
    )
    shell = invoke("review", SPEC, str(lock), str(tmp_path / "a.xlsx"), "-f", "csv")
    quoted = invoke("review", SPEC, str(tmp_path / "*.xlsx"), "-f", "csv")
    assert shell == quoted
    code, out, err = quoted
    assert err.splitlines()[0] == note
    assert str(tmp_path / "a.xlsx") in out
    code, _out, err = invoke("review", SPEC, str(lock))
    assert (code, err) == (
        2,
        f"{lock}: an Excel lock file (the workbook it names is open in Excel), not a workbook; "
        f"give the workbook itself, {tmp_path / 'a.xlsx'}\n",
    )


def test_a_form_of_another_spec_is_told_in_a_forms_words() -> None:
    """It was told to "fix 'spec:'", a key a form has no place for (its B2 is
    written by template)."""
    code, _out, err = invoke("score", "specs/national-project-2020.yaml", FORM)
    assert (code, err) == (
        1,
        f"{FORM}:2:2: this form was written for spec 'gz-dept-overall-2021', but the spec is "
        "'national-project-2020' (specs/national-project-2020.yaml); use the matching spec, "
        "or fill in a form of this spec ('scorecard template')\n",
    )


def test_a_file_whose_name_holds_brackets_is_taken_as_it_is(tmp_path: Path) -> None:
    """``甲县[2022].xlsx`` was read as a pattern by review and batch: "no file
    matches this pattern"."""
    form = tmp_path / "甲县[2022].xlsx"
    shutil.copy(FORM, form)
    code, out, err = invoke("review", SPEC, str(form), "-f", "csv")
    assert code == 0, err
    assert str(form) in out
    code, out, err = invoke("batch", SPEC, str(form), "-f", "csv")
    assert (code, err.splitlines()[0]) == (0, "1 scored, 0 failed")


def test_a_batch_of_forms_notes_a_likely_slip_at_its_forms_cell(tmp_path: Path) -> None:
    """A value likely mistyped in one form of a batch is noted at that form's
    cell, as score notes it; it was said of the pattern's "row 1", which names
    no file."""
    shutil.copy(FORM, tmp_path / "a.xlsx")
    b = edited(tmp_path, cells(B3="增江街道", H18=95), "b.xlsx")  # a percentage cell: 9500%
    code, _out, err = invoke("batch", SPEC, str(tmp_path / "*.xlsx"), "-f", "csv")
    assert code == 0
    assert err.splitlines() == [
        f"{b}:18:8: note: 政府采购执行率 (procurement) is 9500% against a target of 100%; if "
        "95% was meant, write 95, or 95% in a cell formatted as a percentage (where a 90 "
        "pasted or written by a program shows as 9000%)",
        "2 scored, 0 failed",
    ]


def test_an_old_xls_among_submissions_is_one_not_reviewed_the_others_are(
    tmp_path: Path,
) -> None:
    """One .xls among the forms stopped the whole review (exit 2, no 复核表)."""
    shutil.copy(FORM, tmp_path / "a.xlsx")
    old = tmp_path / "b.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    said = f"{old}: the old .xls format is not read; save it as .xlsx (or CSV)"
    code, out, err = invoke("review", SPEC, str(tmp_path / "a.xlsx"), str(old), "-f", "csv")
    assert code == 1
    assert err.splitlines()[-1] == said
    assert str(tmp_path / "a.xlsx") in out  # the form beside it is reviewed
    assert invoke("review", SPEC, str(old)) == (2, "", said + "\n")
    code, out, _err = invoke("batch", SPEC, str(tmp_path / "*"), "-f", "csv")
    assert code == 1
    assert f"error,{said}," in out


@pytest.mark.parametrize("command", ["score", "review", "batch", "validate"])
def test_a_workbook_with_a_password_is_told_so(tmp_path: Path, command: str) -> None:
    """Excel stores an encrypted workbook as an OLE file, no zip: it was told "not
    a zip archive, or a truncated one; save it again from Excel, or as CSV"."""
    sealed = tmp_path / "甲.xlsx"
    sealed.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000 + "EncryptionInfo".encode("utf-16-le")
    )
    code, _out, err = invoke(command, SPEC, str(sealed))
    assert code in (1, 2)
    assert (
        f"{sealed}: the workbook is protected by a password (encrypted), and cannot be read; "
        "open it in Excel, clear the password (File > Info > Protect Workbook > Encrypt with "
        "Password) and save it"
    ) in err.splitlines()
    renamed = tmp_path / "乙.xlsx"
    renamed.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)
    code, _out, err = invoke(command, SPEC, str(renamed))
    assert (
        f"{renamed}: an old .xls workbook named .xlsx; open it in Excel and save it as .xlsx"
        in (err.splitlines())
    )


@pytest.mark.parametrize("command", ["batch", "validate"])
def test_an_excel_lock_file_given_alone_names_its_workbook(tmp_path: Path, command: str) -> None:
    """score said so; batch and validate called it a workbook cut short."""
    lock = tmp_path / "~$甲县.xlsx"
    lock.write_bytes(b"\x0bzhangsan" + b" " * 40)
    code, _out, err = invoke(command, SPEC, str(lock))
    assert code == {"batch": 2, "validate": 1}[command]
    assert err.splitlines()[0] == (
        f"{lock}: an Excel lock file (the workbook it names is open in Excel), not a workbook; "
        f"give the workbook itself, {tmp_path / '甲县.xlsx'}"
    )


@pytest.mark.parametrize(
    ("option", "said"),
    [
        (["--na", "中"], "--na 中 is for a table ("),
        (["--sheet", "x"], "--sheet x is for a table (.xlsx, .xlsm), and no file given is one"),
    ],
)
def test_a_batch_of_forms_refuses_the_options_only_a_table_reads(
    tmp_path: Path, option: list[str], said: str
) -> None:
    """--na 中 was taken and ignored by a batch of forms (review refused it)."""
    shutil.copy(FORM, tmp_path / "a.xlsx")
    code, out, err = invoke("batch", SPEC, str(tmp_path / "*.xlsx"), *option)
    assert (code, out) == (2, "")
    assert err.startswith(said)
