"""`scorecard validate` given a table or a filled form: checked as batch and
score read them, every problem at its cell, instead of read as a spec."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import invoke
from test_template import SEED, blank, fill, typed_in

pytestmark = pytest.mark.usefixtures("in_root")

UNITS = Path("examples/docs/units.csv")


def _units() -> list[list[str]]:
    """examples/docs/units.csv's rows, its header first."""
    with UNITS.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _table(tmp_path: Path, changes: dict[tuple[int, str], str], name: str = "t.csv") -> Path:
    """examples/docs/units.csv with some cells changed ((row, column) -> text),
    and its 5th row, which lacks an input, filled in."""
    rows = _units()
    header = rows[0]
    rows[4][header.index("spent")] = "1,000"
    for (row, column), text in changes.items():
        rows[row - 1][header.index(column)] = text
    out = tmp_path / name
    with out.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return out


def _rows_with_training(text: str) -> list[list[str]]:
    """examples/docs/units.csv's rows, its 5th row's input filled in, and ``text``
    as the 3rd row's training."""
    rows = _units()
    rows[4][rows[0].index("spent")] = "1000"
    rows[2][rows[0].index("training")] = text
    return rows


def test_a_good_table_is_valid(tmp_path: Path) -> None:
    table = _table(tmp_path, {})
    assert invoke("validate", SEED[0], str(table)) == (0, "2 files valid\n", "")


def test_every_bad_cell_of_a_table_is_listed_at_its_cell(tmp_path: Path) -> None:
    table = _table(tmp_path, {(2, "spent"): "abc", (4, "trips"): "三次"})
    code, out, err = invoke("validate", SEED[0], str(table))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{table}:2:4: column 'spent' (全年执行数): 'abc' is not a number; write digits such as "
        "3, 2.5 or 98.93%",
        f"{table}:4:15: column 'trips' (外出招商活动次数): '三次' is not a number; write digits "
        "such as 3, 2.5 or 98.93% (or an N/A mark: N/A, n/a, NA, 不适用, --)",
        "2 errors in 1 of 2 files",
    ]


def test_a_table_needs_exactly_one_spec(tmp_path: Path) -> None:
    table = _table(tmp_path, {})
    code, out, err = invoke("validate", str(table))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{table}: a table is checked against a spec, and 0 were given; give one spec with "
        "it: scorecard validate SPEC TABLE",
        "1 error in 1 of 1 file",
    ]
    code, _, err = invoke("validate", SEED[0], "specs/national-project-2020.yaml", str(table))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{table}: a table is checked against a spec, and 2 were given; give one spec with "
        "it: scorecard validate SPEC TABLE"
    )


def test_a_header_without_rows_is_an_error(tmp_path: Path) -> None:
    table = tmp_path / "empty.csv"
    table.write_text(UNITS.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    code, _, err = invoke("validate", SEED[0], str(table))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{table}: no rows to score below the header; give the table with its rows"
    )


def test_a_table_with_a_bad_header_says_so(tmp_path: Path) -> None:
    table = _table(tmp_path, {})
    text = table.read_text(encoding="utf-8").replace("trips", "tripz", 1)
    table.write_text(text, encoding="utf-8")
    code, _, err = invoke("validate", SEED[0], str(table))
    assert code == 1
    assert err.splitlines()[0].startswith(f"{table}:1:15: column 'tripz' is not an indicator")


def test_an_xlsx_table_is_checked_as_a_table(tmp_path: Path) -> None:
    rows = _rows_with_training("五")
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    book = tmp_path / "t.xlsx"
    wb.save(book)
    code, _, err = invoke("validate", SEED[0], str(book))
    assert code == 1
    lines = err.splitlines()
    assert lines[0].startswith(f"{book}:3:14: column 'training'")
    assert "'五' is not a number" in lines[0]
    assert lines[1:] == ["1 error in 1 of 2 files"]


def test_a_filled_form_is_checked_against_the_spec_it_names(tmp_path: Path) -> None:
    form = blank(tmp_path)
    fill(form, SEED[1])
    assert invoke("validate", SEED[0], str(form)) == (0, "2 files valid\n", "")
    row = typed_in(form, "trips", "三次")
    code, out, err = invoke("validate", SEED[0], str(form))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{form}:{row}:8: trips (外出招商活动次数) 实际完成值: '三次' is not a number; "
        "write digits such as 3, 2.5 or 98.93",
        "1 error in 1 of 2 files",
    ]


def test_a_form_value_likely_mistyped_gets_the_note_score_gives(tmp_path: Path) -> None:
    """90 typed in a cell formatted as a percentage reads as 9000%: score said so
    in a note, and validate called the form valid without a word."""
    form = blank(tmp_path)
    fill(form, SEED[1])
    wb = openpyxl.load_workbook(form)
    ws = wb["自评表"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "rehab")
    ws.cell(row, 8, Decimal("90")).number_format = "0.00##%"
    wb.save(form)
    note = (
        f"{form}:{row}:8: note: 在册涉毒管控人员帮教服务覆盖率 (rehab) is 9000% against a "
        "target of 100%; if 90% was meant, write 90, or 90% in a cell formatted as a "
        "percentage (where a 90 pasted or written by a program shows as 9000%)"
    )
    assert invoke("validate", SEED[0], str(form)) == (0, "2 files valid\n", note + "\n")
    code, _, err = invoke("score", SEED[0], str(form))
    assert (code, err) == (0, note + "\n")
    code, out, err = invoke("validate", SEED[0], str(form), "--lang", "zh")
    assert (code, out) == (0, "2 个文件有效\n")
    assert err.startswith(f"{form}:{row}:8: 提示：在册涉毒管控人员帮教服务覆盖率（rehab）为 9000%")


def test_an_actuals_value_likely_mistyped_gets_the_note_score_gives(tmp_path: Path) -> None:
    actuals = tmp_path / "a.yaml"
    text = Path(SEED[1]).read_text("utf-8").replace("  trips: 3\n", "  trips: -3\n")
    actuals.write_text(text, "utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t == "  trips: -3")
    note = (
        f"{actuals}:{line}:3: note: 外出招商活动次数 (trips) is -3 次, a count below 0; "
        "check the value"
    )
    assert invoke("validate", SEED[0], str(actuals)) == (0, "2 files valid\n", note + "\n")


def test_actuals_that_cannot_be_scored_are_not_called_valid(tmp_path: Path) -> None:
    """A budget of 0 was valid to validate and an error to score (the execution
    rate divides by it): validate scores the actuals as score does."""
    actuals = tmp_path / "a.yaml"
    text = Path(SEED[1]).read_text("utf-8").replace("  budget: 82912.04 ", "  budget: 0 ")
    actuals.write_text(text, "utf-8")
    code, out, err = invoke("validate", SEED[0], str(actuals))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{SEED[0]}:48:17: indicator 'budget_execution' (预算执行率): division by zero; "
        f"formula: spent / budget * 100 with budget = 0, spent = 75317.78; check the actuals "
        f"({actuals})",
        "1 error in 1 of 2 files",
    ]


def test_a_mapping_for_a_number_is_told_so_in_chinese_and_for_a_group(tmp_path: Path) -> None:
    actuals = tmp_path / "a.yaml"
    text = Path(SEED[1]).read_text("utf-8").replace("  trips: 3\n", "  trips: {a: 1}\n")
    text = text.replace("\nvalues:\n", "\nvalues:\n  management: {grade: 优}\n")
    actuals.write_text(text, "utf-8")
    lines = text.splitlines()
    group, trips = lines.index("  management: {grade: 优}") + 1, lines.index("  trips: {a: 1}") + 1
    code, _, err = invoke("validate", SEED[0], str(actuals), "--lang", "zh")
    assert code == 1
    assert err.splitlines()[:2] == [
        f"{actuals}:{group}:3: values：'management' 是指标组，其得分来自下级指标（要替换它的得分"
        "请用 overrides）",
        f"{actuals}:{trips}:10: values：'trips' 应填数值（次），而不是映射；请只写数值，例如 "
        "trips: 1（{grade, score} 形式的映射只用于按等级评分的指标）",
    ]


def test_a_filled_form_without_its_spec_says_which_spec(tmp_path: Path) -> None:
    form = blank(tmp_path)
    fill(form, SEED[1])
    code, _, err = invoke("validate", str(form))
    assert code == 1
    assert err.splitlines() == [
        f"{form}: a filled form of spec 'gz-dept-overall-2021', which is not among the "
        "files; give that spec with it",
        "1 error in 1 of 1 file",
    ]


def test_actuals_without_their_spec_are_not_called_valid(tmp_path: Path) -> None:
    """An actuals file alone was read by the schema only and said "1 file
    valid", although an unknown id in it failed every score."""
    actuals = tmp_path / "a.yaml"
    text = Path("examples/licheng-2021/actuals.yaml").read_text("utf-8")
    actuals.write_text(text.replace("\n  trips:", "\n  trip:"), "utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("spec:"))
    code, _, err = invoke("validate", str(actuals))
    assert (code, err.splitlines()) == (
        1,
        [
            f"{actuals}:{line}:7: these actuals are for spec 'gz-dept-overall-2021', which is "
            "not among the files; give that spec with them (scorecard validate SPEC ACTUALS)",
            "1 error in 1 of 1 file",
        ],
    )
    code, _, err = invoke("validate", "specs/gz-dept-overall-2021.yaml", str(actuals))
    assert code == 1
    assert "values: unknown indicator id 'trip'; did you mean 'trips'?" in err


def test_a_form_whose_hidden_sheet_names_no_spec_is_refused_in_one_line(
    tmp_path: Path,
) -> None:
    """The spec a form is read with is the one its hidden sheet names (the visible
    规格 cell only shows it): with that entry emptied, the form is damaged."""
    form = blank(tmp_path)
    fill(form, SEED[1])
    wb = openpyxl.load_workbook(form)
    meta = wb["_form"]
    row = next(r for r in range(1, 10) if meta.cell(r, 1).value == "spec")
    meta.cell(row, 2).value = None
    wb.save(form)
    expected = (
        f"{form}: the form's hidden sheet _form names no spec; write a new form with "
        "'scorecard template'"
    )
    code, _, err = invoke("validate", SEED[0], str(form))
    assert code == 1
    assert err.splitlines() == [expected, "1 error in 1 of 2 files"]
    code, _, err = invoke("score", SEED[0], str(form))
    assert (code, err.splitlines()) == (1, [expected])


def test_the_messages_in_chinese(tmp_path: Path) -> None:
    table = _table(tmp_path, {})
    code, _, err = invoke("--lang", "zh", "validate", str(table))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{table}: 表格要按一个规格检查，但给出了 0 个；"
        "请只给一个规格：scorecard validate SPEC TABLE"
    )


def test_missing_zero_accepts_a_missing_value_in_a_table_and_in_actuals(tmp_path: Path) -> None:
    """As in batch and score: the shipped table lacks an input in its 5th row."""
    code, _, err = invoke("validate", SEED[0], str(UNITS))
    assert code == 1
    assert err.splitlines() == [
        f"{UNITS}:5:4: missing inputs: spent (for budget_execution); fill in their "
        "cells, or use --missing zero to score those indicators 0",
        "1 error in 1 of 2 files",
    ]
    assert invoke("validate", SEED[0], str(UNITS), "--missing", "zero") == (
        0,
        "2 files valid\n",
        f"{UNITS}: note: 1 value missing was scored 0 under --missing zero, in 1 of the rows; "
        "each is flagged ID:missing\n",
    )
    actuals = tmp_path / "a.yaml"
    text = Path(SEED[1]).read_text(encoding="utf-8").replace("  trips: 3\n", "")
    actuals.write_text(text, encoding="utf-8")
    assert invoke("validate", SEED[0], str(actuals))[0] == 1
    assert invoke("validate", SEED[0], str(actuals), "--missing", "zero")[0] == 0


def test_the_first_errors_shown_are_the_first_rows_and_all_are_counted(tmp_path: Path) -> None:
    """60 bad rows: rows 2 to 51 shown in their order (not sorted as text: row 10
    after row 9), then how many more; the count is of every error."""
    rows = _units()
    header, good = rows[0], rows[1]
    body = []
    for k in range(60):
        row = list(good)
        row[header.index("trips")] = f"x{k}"
        row[header.index("entity")] += str(k)  # each its own unit
        body.append(row)
    table = tmp_path / "bad.csv"
    with table.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *body])
    code, _, err = invoke("validate", SEED[0], str(table))
    assert code == 1
    lines = err.splitlines()
    assert [int(line.split(":")[1]) for line in lines[:50]] == list(range(2, 52))
    assert lines[50:] == [
        f"{table}: … and 10 more errors; fix these first",
        "60 errors in 1 of 2 files",
    ]


def test_two_spec_files_of_one_id_are_two_specs(tmp_path: Path) -> None:
    other = tmp_path / "alt.yaml"
    other.write_text(Path(SEED[0]).read_text(encoding="utf-8"), encoding="utf-8")
    table = _table(tmp_path, {})
    code, _, err = invoke("validate", str(other), SEED[0], str(table))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{table}: a table is checked against a spec, and 2 were given; give one spec with "
        "it: scorecard validate SPEC TABLE"
    )


def test_a_table_beside_a_broken_spec_is_not_checked(tmp_path: Path) -> None:
    table = _table(tmp_path, {})
    code, _, err = invoke("validate", "examples/docs/broken.yaml", str(table))
    assert code == 1
    assert err.splitlines()[1:] == [
        f"{table}: not checked: a file given with it has errors (above); fix them first",
        "2 errors in 2 of 2 files",
    ]


def test_a_form_picks_its_fiscal_years_version_from_the_folder(tmp_path: Path) -> None:
    """A form written from the 2022 rules and filled for 2022, checked with the
    folder of every year's rules, as score reads it."""
    family = "examples/families/years"
    form = tmp_path / "f22.xlsx"
    assert invoke("template", f"{family}/rules-2022.yaml", "-o", str(form))[0] == 0
    fill(form, f"{family}/office-2022.actuals.yaml")
    assert invoke("score", family, str(form))[0] == 0
    assert invoke("validate", family, str(form)) == (0, "5 files valid\n", "")


def test_a_table_is_read_with_the_batchs_options(tmp_path: Path) -> None:
    """--sheet, --encoding and --na, as batch takes them."""
    rows = _rows_with_training("无此项")
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["各单位自评数据见下一张表"])
    data = wb.create_sheet("数据")
    for row in rows:
        data.append(row)
    book = tmp_path / "t.xlsx"
    wb.save(book)
    code, _, err = invoke("validate", SEED[0], str(book))
    assert code == 1 and "--sheet" in err
    code, _, err = invoke("validate", SEED[0], str(book), "--sheet", "数据")
    assert code == 1
    assert "'无此项' is not a number" in err.splitlines()[0]
    marks = ["--na", "无此项", "--na", "不适用"]  # the marks given replace the usual ones
    assert invoke("validate", SEED[0], str(book), "--sheet", "数据", *marks) == (
        0,
        "2 files valid\n",
        "",
    )
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(_table(tmp_path, {}).read_text(encoding="utf-8").encode("gbk"))
    assert invoke("validate", SEED[0], str(gbk), "--encoding", "gbk")[0] == 0
    code, _, err = invoke("validate", SEED[0], str(gbk), "--encoding", "utf-8")
    assert code == 1
    assert err.splitlines()[0] == (
        f"{gbk}:2:1: not valid UTF-8 text (byte 0xc0); give --encoding gbk, or save the "
        "table as UTF-8"
    )


SPEC_ABC = """\
spec: 1
id: abc
total: 30
inputs:
  a: {name: A}
  b: {name: B}
  c: {name: C}
not_applicable: redistribute
indicators:
  - {id: x, name: X, weight: 10, unit: "%", direction: higher, target: 100,
     actual: b / 10 * 100, method: ratio}
  - {id: y, name: Y, weight: 10, unit: "%", direction: higher, target: 100,
     actual: a / 10 * 100, method: ratio}
  - {id: z, name: Z, weight: 10, unit: "%", direction: higher, target: 100,
     actual: c / 10 * 100, method: ratio}
"""


def test_a_missing_input_is_located_at_its_own_empty_cell(tmp_path: Path) -> None:
    """Not at the first empty input cell: ``a`` is not needed (y is N/A), ``b`` is."""
    spec = tmp_path / "abc.yaml"
    spec.write_text(SPEC_ABC, encoding="utf-8")
    table = tmp_path / "t.csv"
    table.write_text("entity,a,b,c,na.y\nE1,,,5,reason\n", encoding="utf-8")
    code, _, err = invoke("validate", str(spec), str(table))
    assert code == 1
    assert err.splitlines()[0].startswith(f"{table}:2:3: missing inputs: b (for x)")


def test_a_table_with_a_folder_of_versions_asks_for_one(tmp_path: Path) -> None:
    family = "examples/families/years"
    table = _table(tmp_path, {})
    code, _, err = invoke("validate", family, str(table))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{table}: spec 'street-office' has 2 fiscal-year versions here; give the file of the "
        f"one to check the table against: {family}/rules-2021.yaml, {family}/rules-2022.yaml"
    )


def test_a_table_beside_a_broken_file_is_not_checked_against_another_spec(
    tmp_path: Path,
) -> None:
    table = _table(tmp_path, {})
    code, _, err = invoke("validate", "examples/docs/broken.yaml", SEED[0], str(table))
    assert code == 1
    assert err.splitlines()[1] == (
        f"{table}: not checked: a file given with it has errors (above); fix them first"
    )


def test_options_that_do_not_fit_the_table_are_misuse(tmp_path: Path) -> None:
    table = _table(tmp_path, {})
    code, _, err = invoke("validate", SEED[0], str(table), "--sheet", "数据")
    assert code == 2
    assert err.strip().endswith("drop --sheet")
    old = tmp_path / "t.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    code, _, err = invoke("validate", SEED[0], str(old))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{old}: the old .xls format is not read; save it as .xlsx (or CSV)"
    )


def test_a_form_cell_outside_the_form_gets_the_note_score_gives(tmp_path: Path) -> None:
    """A remark typed beside the table: score warned it was neither scored nor
    kept, and validate called the form valid without a word."""
    form = blank(tmp_path)
    fill(form, SEED[1])
    wb = openpyxl.load_workbook(form)
    ws = wb["自评表"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "rehab")
    ws.cell(row, 13, "我的备注")
    wb.save(form)
    _code, _out, said = invoke("score", SEED[0], str(form))
    assert "M" in said and "neither scored nor kept" in said
    assert invoke("validate", SEED[0], str(form)) == (0, "2 files valid\n", said)


def test_an_entity_given_twice_is_warned_of_as_batch_warns(tmp_path: Path) -> None:
    """validate, the check before a batch, said "2 files valid" of a table whose
    rows name one unit twice; batch warns of it."""
    rows = _units()
    table = tmp_path / "twice.csv"
    with table.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([rows[0], rows[1], rows[1]])
    code, out, err = invoke("validate", SEED[0], str(table))
    assert (code, out) == (0, "2 files valid\n")
    assert err == (
        f"{table}:3:1: warning: entity '{rows[1][0]}' is also row 2 (the same period); each "
        "entity once: remove or correct one of the rows\n"
    )


def test_a_scorecard_in_a_folder_is_pointed_to_verify(tmp_path: Path) -> None:
    """A folder holding score -f json's output: validate read it as a spec and
    listed a thousand errors."""
    code, out, _err = invoke("score", *SEED, "-f", "json")
    card = tmp_path / "card.json"
    card.write_text(out, encoding="utf-8")
    code, out, err = invoke("validate", SEED[0], str(card))
    assert (code, out) == (0, "2 files valid\n")
    assert err == (
        f"{card}: note: a scorecard (written by score -f json), not a spec or actuals: not "
        f"checked here; check it with scorecard verify {card}\n"
    )


def test_actuals_for_an_id_of_alternative_specs_fit_any_of_them(tmp_path: Path) -> None:
    """Alternative rule sets keep their id: actuals were checked against the
    first spec of it only, and failed for what only the other has."""
    base = (
        "spec: 1\nid: p\ntotal: 10\nindicators:\n"
        "  - {id: a, name: 甲, weight: 5, direction: higher, target: 10, method: ratio}\n"
        "  - {id: b, name: 乙, weight: 5, direction: higher, target: 10, method: ratio}\n"
    )
    (tmp_path / "a.yaml").write_text(base, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(base.replace("id: b, name: 乙", "id: c, name: 丙"), "utf-8")
    (tmp_path / "x.yaml").write_text("spec: p\nentity: 甲\nvalues: {a: 5, c: 5}\n", "utf-8")
    assert invoke("validate", str(tmp_path)) == (0, "3 files valid\n", "")
    (tmp_path / "y.yaml").write_text("spec: p\nentity: 乙\nvalues: {a: 5, d: 5, b: 1}\n", "utf-8")
    code, out, err = invoke("validate", str(tmp_path))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{tmp_path}/y.yaml: note: 2 specs among the files have the id 'p'; these actuals fit "
        f"none of them, and are checked against {tmp_path}/a.yaml, the closest",
        f"{tmp_path}/y.yaml:3:16: values: unknown indicator id 'd'; known: a, b",
        "1 error in 1 of 4 files",
    ]
