"""`scorecard template`: the blank 自评表, filled in by a script, scores as the same
entity written as YAML."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import invoke

from engine.base.numbers import format_value
from engine.spec.load import load_file

ROOT = Path(__file__).resolve().parent.parent
SEED = ("specs/gz-dept-overall-2021.yaml", "examples/licheng-2021/actuals.yaml")
ROADS = ("specs/national-project-2020.yaml", "examples/rural-roads-2023/actuals.yaml")


pytestmark = pytest.mark.usefixtures("in_root")


def blank(tmp_path: Path, spec: str = SEED[0]) -> Path:
    form = tmp_path / "自评表.xlsx"
    code, out, err = invoke("template", spec, "-o", str(form))
    assert (code, err) == (0, "")
    assert out == f"wrote {form}: fill in the shaded cells, then: scorecard score {spec} {form}\n"
    return form


def cell_value(x: Any) -> Any:
    return Decimal(format_value(x)) if isinstance(x, Fraction) else x


def typed(x: Any, percent: bool) -> Any:
    """What a cell holds once the value is typed: ``90%`` in a percentage cell is 0.9."""
    value = cell_value(x)
    return value / 100 if percent and isinstance(value, Decimal) else value


def fill(form: Path, actuals: str, claimed: dict[str, str] | None = None) -> None:
    """Fill the form with what an actuals file says, as a department would by hand."""
    data = load_file(ROOT / actuals).data
    wb = openpyxl.load_workbook(form)
    ws = wb["自评表"]
    ws["B3"], ws["B4"] = data.get("entity"), data.get("period")
    rows = {ws.cell(r, 2).value: r for r in range(1, ws.max_row + 1)}
    inputs = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    for key, value in (data.get("inputs") or {}).items():
        percent = ws.cell(inputs[key], 3).value == "%"
        ws.cell(inputs[key], 4, typed(value, percent))
    for key, value in (data.get("values") or {}).items():
        if isinstance(value, dict):
            ws.cell(rows[key], 8, value["grade"])
            ws.cell(rows[key], 9, cell_value(value["score"]))
        else:
            ws.cell(rows[key], 8, typed(value, ws.cell(rows[key], 4).value == "%"))
    for key, reason in (data.get("not_applicable") or {}).items():
        ws.cell(rows[key], 11, reason)
    for key, note in (data.get("notes") or {}).items():
        ws.cell(rows[key], 12, note)
    for key, score in (claimed or {}).items():
        ws.cell(rows[key], 10, Decimal(score))
    wb.save(form)


def scored(*files: str) -> dict[str, Any]:
    """The JSON scorecard less its stamp; positions in the actuals (a row and column
    of the form, a line and column of the YAML) as a mark only."""
    code, out, err = invoke("score", *files, "-f", "json")
    assert (code, err) == (0, "")
    out = re.sub(f'"{re.escape(files[1])}:[0-9]+:[0-9]+"', '"<actuals>"', out)
    doc: dict[str, Any] = json.loads(out)
    del doc["stamp"]
    return doc


@pytest.mark.parametrize(
    "files", [SEED, ROADS, ("specs/supplier-risk.yaml", "examples/supplier-risk-2024/actuals.yaml")]
)
def test_a_form_filled_by_a_script_scores_as_the_same_entity_in_yaml(
    tmp_path: Path, files: tuple[str, str]
) -> None:
    form = blank(tmp_path, files[0])
    fill(form, files[1])
    # an override is the reviewer's and a published result the report's, not the
    # department's: the form has no cells for them
    text = (ROOT / files[1]).read_text("utf-8")
    same = tmp_path / "same.yaml"
    same.write_text(re.sub(r"\n(overrides|published):\n(  .*\n)+", "\n", text), "utf-8")
    assert scored(files[0], str(form)) == scored(files[0], str(same))


def test_the_form_lists_every_indicator_with_level_unit_target_and_weight(tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(blank(tmp_path))["自评表"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[10] == (
        "层级",
        "编号",
        "指标名称",
        "计量单位",
        "指标方向",
        "年度指标值",
        "分值",
        "实际完成值",
        "等级内给分",
        "自评得分",
        "不适用原因",
        "偏差原因及佐证材料",
    )
    trips = next(r for r in rows if r[1] == "trips")
    assert trips[:8] == ("三级", "trips", "    外出招商活动次数", "次", "正向（≥）", 4, 3.75, None)
    assert rows[-1][2:7] == ("合计", None, None, None, 100)
    assert sum(r[6] for r in rows if r[0] == "一级") == 100


def test_inputs_are_typed_with_the_units_format_and_the_rest_is_locked(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(blank(tmp_path))
    ws = wb["自评表"]
    assert ws.protection.sheet is True
    assert wb["_form"].sheet_state == "hidden"
    row = {ws.cell(r, 2).value: r for r in range(1, ws.max_row + 1)}
    trips, rehab = ws.cell(row["trips"], 8), ws.cell(row["rehab"], 8)
    assert (trips.number_format, trips.protection.locked) == ('General" 次"', False)
    assert rehab.number_format == "0.00##%"  # 90% and 90 typed both show 90%
    assert ws.cell(row["trips"], 3).protection.locked is True  # the name is structure
    spent = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "spent")
    assert ws.cell(spent, 4).protection.locked is False
    kinds = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            kinds[rng.coord] = (dv.type, dv.formula1, dv.formula2)
    assert kinds[f"H{row['trips']}"] == ("decimal", "-1E+15", "1E+15")
    # a claim may reach what the weights of indicators marked not applicable hand on:
    # under redistribute, up to the whole total (the reading checks the form's marks)
    assert kinds[f"J{row['trips']}"] == ("decimal", "0", "100")
    grade, ref, _ = kinds[f"H{row['management_system']}"]
    assert grade == "list"
    sheet, cells = ref.split("!")
    labels = [c.value for (c,) in wb[sheet.strip("'")][cells.replace("$", "")]]
    assert labels == ["优", "良", "中", "差"]


def typed_in(form: Path, iid: str, text: str, column: int = 8) -> int:
    """Type ``text`` in indicator ``iid``'s row of a form, in its 实际完成值 (or
    ``column``: 9 for its 等级内给分); its row."""
    wb = openpyxl.load_workbook(form)
    ws = wb["自评表"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == iid)
    ws.cell(row, column, text)
    wb.save(form)
    return row


def test_a_bad_cell_is_reported_at_its_row_and_column(tmp_path: Path) -> None:
    form = blank(tmp_path)
    fill(form, SEED[1])
    row = typed_in(form, "trips", "三次")
    code, out, err = invoke("score", SEED[0], str(form))
    assert (code, out) == (1, "")
    assert err == (
        f"{form}:{row}:8: trips (外出招商活动次数) 实际完成值: '三次' is not a number; "
        "write digits such as 3, 2.5 or 98.93\n"
    )


def test_a_bad_cell_is_named_in_chinese_without_a_space_after_the_bracket(
    tmp_path: Path,
) -> None:
    form = blank(tmp_path)
    fill(form, SEED[1])
    row = typed_in(form, "trips", "三次")
    code, out, err = invoke("--lang", "zh", "score", SEED[0], str(form))
    assert (code, out) == (1, "")
    assert err.startswith(f"{form}:{row}:8: trips（外出招商活动次数）实际完成值：'三次' ")


def test_a_form_is_told_all_of_its_problems_at_once(tmp_path: Path) -> None:
    """A cell that could not be read hid what else was wrong (a claim above its
    weight, a grade the spec does not have): a department needed several rounds."""
    form = blank(tmp_path)
    fill(form, SEED[1])
    trips = typed_in(form, "trips", "三次")
    grade = typed_in(form, "asset_management", "一般")
    wb = openpyxl.load_workbook(form)
    ws = wb["自评表"]
    claimed = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "training")
    ws.cell(claimed, 10, 5)  # training weighs 3.75
    wb.save(form)
    code, out, err = invoke("score", SEED[0], str(form))
    assert (code, out) == (1, "")
    located = sorted(line.split(": ", 1)[0] for line in err.splitlines())
    assert located == sorted([f"{form}:{trips}:8", f"{form}:{grade}:8", f"{form}:{claimed}:10"]), (
        err
    )
    assert "missing" not in err  # the unread cell is not also called missing


def test_a_column_inserted_in_the_form_is_refused_at_its_header(tmp_path: Path) -> None:
    """Unprotected elsewhere, a column inserted before 实际完成值 shifted every cell:
    26 messages blamed the wrong things, none the column; a renamed header passed
    unsaid."""
    form = blank(tmp_path)
    fill(form, SEED[1])
    wb = openpyxl.load_workbook(form)
    ws = wb["自评表"]
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "编号")
    ws.protection.sheet = False
    ws.insert_cols(8)
    wb.save(tmp_path / "inserted.xlsx")
    code, out, err = invoke("score", SEED[0], str(tmp_path / "inserted.xlsx"))
    assert (code, out) == (1, "")
    assert err == (
        f"{tmp_path / 'inserted.xlsx'}:{header}:8: column H is headed '' where the form has "
        "'实际完成值', which is in column I: a column was inserted, deleted or moved; put the "
        "columns back as the form has them, or fill in a new form from 'scorecard template'\n"
    )
    wb = openpyxl.load_workbook(form)
    wb["自评表"].cell(header, 8, "实际值")
    wb.save(tmp_path / "renamed.xlsx")
    code, out, err = invoke("score", SEED[0], str(tmp_path / "renamed.xlsx"))
    assert code == 0
    assert err == (
        f"{tmp_path / 'renamed.xlsx'}:{header}:8: note: column H is headed '实际值' where the "
        "form has '实际完成值'; it is read as 实际完成值\n"
    )


def test_a_form_saved_as_csv_is_told_to_come_as_the_workbook(tmp_path: Path) -> None:
    """It was told it had no entity column, and that its title was no column."""
    import csv

    ws = openpyxl.load_workbook(ROOT / "examples/licheng-2021/自评表.xlsx")["自评表"]
    table = tmp_path / "form.csv"
    with table.open("w", newline="", encoding="gbk") as fh:
        writer = csv.writer(fh)
        for row in ws.iter_rows(values_only=True):
            writer.writerow(["" if v is None else v for v in row])
    for command in ("batch", "review", "score"):
        code, out, err = invoke(command, SEED[0], str(table))
        assert (code, out) == (1, "")
        assert err == (
            f"{table}:1:1: this looks like a 自评表 form saved as a table: its first row is the "
            "form's title '部门整体支出绩效自评（广州 2021，街道）'; give the .xlsx form itself, "
            "as 'scorecard template' wrote it (score, review and batch read it)\n"
        )


def test_a_blank_form_names_the_cells_to_fill(tmp_path: Path) -> None:
    form = blank(tmp_path)
    code, _, err = invoke("score", SEED[0], str(form))
    assert code == 1
    # the missing values at the first indicator that needs one (key_spending, row 14),
    # not at the first row of the block (the group 'management')
    assert [line.split(": ")[0] for line in err.splitlines()] == [f"{form}:8:4", f"{form}:14:8"]


def test_the_form_must_be_an_xlsx_file(tmp_path: Path) -> None:
    code, _, err = invoke("template", SEED[0], "-o", str(tmp_path / "form.csv"))
    assert code == 2
    assert err.endswith("the form is an .xlsx workbook; name it FORM.xlsx\n")


def _form_with(tmp_path: Path, iid: str, value: Any, number_format: str) -> tuple[Path, int]:
    form = blank(tmp_path)
    fill(form, SEED[1])
    wb = openpyxl.load_workbook(form)
    ws = wb["自评表"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == iid)
    ws.cell(row, 8, value).number_format = number_format
    wb.save(form)
    return form, row


def _actual(form: Path, iid: str) -> str:
    doc = scored(SEED[0], str(form))
    found = [
        r
        for top in doc["indicators"]
        for g in [top, *top["children"]]
        for r in [g, *g["children"]]
        if r["id"] == iid
    ]
    return str(found[0]["actual"])


@pytest.mark.parametrize(
    ("value", "number_format"),
    [
        (Decimal("0.9"), "0%"),  # typed 90% where the cell had no format of its own
        (Decimal("0.9"), "0.00##%"),  # typed 90 or 90% in the template's cell
        (Decimal("90"), 'General"%"'),  # a form of the earlier layout: % only printed
        ("90%", "General"),  # typed as text
    ],
)
def test_a_cell_typed_as_90_percent_is_read_as_90(
    tmp_path: Path, value: Any, number_format: str
) -> None:
    form, _ = _form_with(tmp_path, "rehab", value, number_format)
    assert _actual(form, "rehab") == "90"


def test_a_percentage_on_an_indicator_counted_in_times_is_refused_at_its_cell(
    tmp_path: Path,
) -> None:
    form, row = _form_with(tmp_path, "trips", Decimal("0.03"), "0%")
    code, out, err = invoke("score", SEED[0], str(form), "--lang", "en")
    assert (code, out) == (1, "")
    assert err == (
        f"{form}:{row}:8: trips (外出招商活动次数) 实际完成值: the cell shows 3% (formatted as "
        "a percentage) but the unit is '次'; format it as a plain number and type the value "
        "itself\n"
    )
    code, out, err = invoke("score", SEED[0], str(form), "--lang", "zh")
    assert code == 1
    assert err.startswith(f"{form}:{row}:8: trips（外出招商活动次数）实际完成值：单元格显示 3%")


def test_a_claimed_score_formatted_as_a_percentage_is_refused(tmp_path: Path) -> None:
    form = blank(tmp_path)
    fill(form, SEED[1])
    wb = openpyxl.load_workbook(form)
    ws = wb["自评表"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "trips")
    ws.cell(row, 10, Decimal("0.9")).number_format = "0%"
    wb.save(form)
    code, _, err = invoke("review", SEED[0], str(form), "--lang", "en")
    assert code == 1
    assert err == (
        f"{form}:{row}:10: trips (外出招商活动次数) 自评得分: the cell shows 90% (formatted as a "
        "percentage) but a score is in points; format it as a plain number and type the "
        "value itself\n"
    )


def test_a_table_is_told_from_a_form_without_loading_the_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`batch` and `score` ask of every XLSX whether it is a filled form: a large
    table must not be loaded whole to answer (openpyxl's full load of a
    200,000-row table took minutes and gigabytes). A table is answered from the
    zip's sheet list; a form is opened read-only."""
    from engine.review import form

    table = tmp_path / "table.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["entity", "budget"])
    wb.active.append(["甲", 1])
    wb.save(table)
    blank = tmp_path / "自评表.xlsx"
    code, _, err = invoke("template", "specs/gz-dept-overall-2021.yaml", "-o", str(blank))
    assert (code, err) == (0, "")
    calls: list[dict[str, Any]] = []
    real = openpyxl.load_workbook

    def spy(*args: Any, **kw: Any) -> Any:
        calls.append(kw)
        return real(*args, **kw)

    monkeypatch.setattr(openpyxl, "load_workbook", spy)
    assert form.is_form(table) is False
    assert calls == []
    assert form.is_form(blank) is True
    assert [c.get("read_only") for c in calls] == [True]


def test_a_form_is_not_written_over_unless_template_is_given_force(tmp_path: Path) -> None:
    form = blank(tmp_path)
    wb = openpyxl.load_workbook(form)
    filled = wb.worksheets[0]
    filled["A1"] = "填好的表"  # stands for what a unit filled in
    wb.save(form)
    said = (
        f"-o {form}: is a 自评表 form, which holds what a unit filled in, and is not written "
        "over; give another file name ('scorecard template --force' replaces a form)\n"
    )
    for command in (
        ["template", SEED[0], "-o", str(form)],
        ["score", *SEED, "-f", "xlsx", "-o", str(form)],
        ["batch", SEED[0], "examples/docs/units.csv", "-o", str(form)],
    ):
        code, _out, err = invoke(*command)
        assert (code, err) == (2, said), command
        assert openpyxl.load_workbook(form).worksheets[0]["A1"].value == "填好的表"
    code, _out, err = invoke("template", SEED[0], "-o", str(form), "--force")
    assert (code, err) == (0, "")
    assert openpyxl.load_workbook(form).worksheets[0]["A1"].value != "填好的表"


def test_a_chosen_score_may_be_a_share_of_the_weight(tmp_path: Path) -> None:
    """As in a table's score.ID cell and in actuals (score: 75%)."""
    form = blank(tmp_path, ROADS[0])
    fill(form, ROADS[1])
    typed_in(form, "travel", "70%", 9)
    code, out, err = invoke("explain", ROADS[0], str(form), "travel")
    assert code == 0, err
    assert "score 8.40" in out  # 70% of 12 (the weight once greening's is shared out)


def test_a_chosen_score_that_is_no_number_is_told_once(tmp_path: Path) -> None:
    form = blank(tmp_path, ROADS[0])
    fill(form, ROADS[1])
    row = typed_in(form, "travel", "7.5分", 9)
    code, _out, err = invoke("score", ROADS[0], str(form))
    assert (code, err) == (
        1,
        f"{form}:{row}:9: travel (群众出行条件改善) 等级内给分: '7.5分' is not a number: '分' was "
        "typed after it; write the points alone, 7.5\n",
    )


def test_a_renamed_form_sheet_is_read_with_a_note(tmp_path: Path) -> None:
    form = blank(tmp_path)
    fill(form, SEED[1])
    code, expected, _err = invoke("score", SEED[0], str(form))
    wb = openpyxl.load_workbook(form)
    wb["自评表"].title = "荔城街道"
    wb.save(form)
    code, out, err = invoke("score", SEED[0], str(form))
    assert (code, out) == (0, expected)
    assert err == (
        f"{form}: note: the form's sheet is named '荔城街道', not 自评表; read as the form\n"
    )
    wb.create_sheet("备注")
    wb.save(form)
    code, out, err = invoke("score", SEED[0], str(form))
    assert (code, out) == (1, "")
    assert err == (
        f"{form}: the form's sheet 自评表 is not there (sheets: 荔城街道, 备注); name the sheet "
        "the unit filled in 自评表 again\n"
    )


def test_a_deleted_indicator_row_is_told_where_it_was(tmp_path: Path) -> None:
    """It was told only as a value missing, at the cell of another indicator."""
    form = blank(tmp_path, ROADS[0])
    fill(form, ROADS[1])
    wb = openpyxl.load_workbook(form)
    ws = wb["自评表"]
    rows = {ws.cell(r, 2).value: r for r in range(1, ws.max_row + 1)}
    ws.delete_rows(rows["markings"])
    wb.save(form)
    code, out, err = invoke("score", ROADS[0], str(form))
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == (
        f"{form}:{rows['bridges']}:2: note: the form has no row of indicator 'markings' "
        "(标志标线更新里程), which should follow this one: was the row deleted? Put it back "
        "(its id in column B), or fill in a new form from 'scorecard template'"
    )
    # its missing value is told where the row was too (it was at another indicator's cell)
    assert err.splitlines()[1].startswith(
        f"{form}:{rows['bridges']}:2: missing value for 1 indicator: markings"
    )
    code, _out, err = invoke("validate", ROADS[0], str(form))  # the note was not said
    assert code == 1
    assert err.splitlines()[:2] == [
        f"{form}:{rows['bridges']}:2: note: the form has no row of indicator 'markings' "
        "(标志标线更新里程), which should follow this one: was the row deleted? Put it back "
        "(its id in column B), or fill in a new form from 'scorecard template'",
        f"{form}:{rows['bridges']}:2: missing value for 1 indicator: markings (标志标线更新里程); "
        "fill in its 实际完成值, give a reason under 不适用原因 if it does not apply, or use "
        "--missing zero to score it 0",
    ]


def test_a_logical_cell_of_a_form_reads_as_the_sheet_shows_it(tmp_path: Path) -> None:
    """TRUE typed as the entity was read True; a table's cell reads TRUE."""
    form = blank(tmp_path)
    fill(form, SEED[1])
    wb = openpyxl.load_workbook(form)
    ws = wb["自评表"]
    entity = next(
        (r, c)
        for r in range(1, 8)
        for c in range(1, 6)
        if ws.cell(r, c).value == "广州市增城区人民政府荔城街道办事处"
    )
    ws.cell(*entity).value = True
    wb.save(form)
    code, out, _err = invoke("score", SEED[0], str(form), "-f", "json")
    assert code == 0
    assert json.loads(out)["entity"] == "TRUE"
