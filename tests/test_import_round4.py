"""`scorecard import`, round four: percentages read as the table shows them, every
row left out reported, a draft that is YAML whatever the table's names hold, and
merged ranges that cannot make the reading cost more than the file holds."""

from __future__ import annotations

import zipfile
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from engine.base.errors import LoadError
from engine.cli import app
from engine.review.draft import MARK, import_table
from engine.review.sheet import open_small_workbook, read_grid
from engine.spec.compile import compile_spec
from engine.spec.load import load_text

HEADER = ["一级指标", "二级指标", "三级指标", "指标值", "计量单位", "分值", "评分标准"]


def table(path: Path, *rows: list[Any], title: str = "指标表") -> Workbook:
    """An indicator table of ``rows`` under the usual header, saved at ``path``."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return wb


def leaves(path: Path) -> dict[str, dict[str, object]]:
    """The draft's leaves (compiled, so the draft is a valid spec), by name."""
    text, _, _ = import_table(str(path))
    spec = compile_spec(load_text(text, "draft.yaml"))
    return {
        i.name: {"target": i.target, "unit": i.unit, "direction": i.direction}
        for i in spec.leaves()
    }


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stderr


# -- 1. percentages ------------------------------------------------------------------
def test_a_target_typed_as_a_percentage_reads_as_the_percentage_shown(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    wb = table(
        path,
        ["产出指标", "质量指标", "验收合格率", 1, None, 50, "完成率×分值"],
        ["产出指标", "质量指标", "优良率", 0.955, None, 50, "完成率×分值"],
    )
    wb.active["D2"].number_format = "0%"
    wb.active["D3"].number_format = "0.0%"
    wb.save(path)
    assert leaves(path) == {
        "验收合格率": {"target": 100, "unit": "%", "direction": "higher"},
        "优良率": {"target": Fraction(955, 10), "unit": "%", "direction": "higher"},
    }
    text, _, _ = import_table(str(path))
    assert f"direction: higher  {MARK}未写运算符，按越高越好读\n            target: 100\n" in text


def test_a_percent_sign_the_format_only_prints_keeps_the_number_stored(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    wb = table(
        path,
        ["产出指标", "质量指标", "验收合格率", 95.5, None, 50, "完成率×分值"],
        ["产出指标", "质量指标", "优良率", 90, None, 50, "完成率×分值"],
    )
    wb.active["D2"].number_format = '0.0"%"'
    wb.active["D3"].number_format = "0.00\\%"
    wb.save(path)
    assert leaves(path) == {
        "验收合格率": {"target": Fraction(955, 10), "unit": "%", "direction": "higher"},
        "优良率": {"target": 90, "unit": "%", "direction": "higher"},
    }


# -- 2. no row left out without a word -----------------------------------------------
def test_rows_without_a_weight_are_reported_and_marked(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    table(
        path,
        ["产出指标", "数量指标", "培训人次", "≥800", "人次", 40, "完成率×分值"],
        ["产出指标", "数量指标", "培训场次", "≥10", "场", "=100-40-30", "完成率×分值"],
        ["产出指标", "质量指标", "合格率", "≥95%", None, 30, "完成率×分值"],
        ["产出指标", "质量指标", "满意度", "≥90%", None, None, "完成率×分值"],
    )
    out = tmp_path / "draft.yaml"
    code, err = run("import", str(path), "-o", str(out))
    assert code == 0
    assert err == (
        f"{path}:3:6: '培训场次' not imported: its 分值 is the formula =100-40-30, saved "
        "without its value; open and save the table in Excel, then import it again\n"
        f"{path}:5:6: '满意度' not imported: its 分值 is empty; write its points (e.g. 10) "
        "and import again\n"
        f"wrote {out}: 2 indicators, 6 guesses marked '待确认' to confirm; "
        f"next: scorecard validate {out}\n"
    )
    text = out.read_text(encoding="utf-8")
    assert (
        f"{MARK}{path}:3:6: 「培训场次」未导入：分值是公式 =100-40-30，文件未存其计算结果；"
        "在 Excel 中打开并保存后重新导入\n"
        f"{MARK}{path}:5:6: 「满意度」未导入：分值为空；写上分值后重新导入\n"
        "indicators:\n"
    ) in text
    assert text.count(MARK) == 6


def test_a_heading_row_and_a_totals_row_that_agrees_are_not_left_out(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    table(
        path,
        ["产出指标", None, None, None, None, None, None],
        [None, "数量指标", "培训人次", "≥800", "人次", 60, "完成率×分值"],
        [None, "数量指标", "培训场次", "≥10", "场", 40, "完成率×分值"],
        ["合计", None, None, None, None, 100, None],
    )
    code, err = run("import", str(path), "-o", str(tmp_path / "d.yaml"))
    assert code == 0
    assert "not imported" not in err
    assert "未导入" not in (tmp_path / "d.yaml").read_text(encoding="utf-8")


def test_a_totals_row_that_is_not_the_total_and_a_row_with_no_name_are_reported(
    tmp_path: Path,
) -> None:
    path = tmp_path / "t.xlsx"
    table(
        path,
        ["产出指标", "数量指标", "培训人次", "≥800", "人次", 60, "完成率×分值"],
        [None, None, None, None, None, 40, "见附件"],
        ["合计", None, None, None, None, 90, None],
    )
    code, err = run("import", str(path))
    assert code == 0
    assert err == (
        f"{path}:3:6: row 3 not imported: it names no indicator (it holds '40'); write the "
        "indicator's name in its level column, or delete the row\n"
        f"{path}:4:6: totals row '合计' not imported: its 分值 '90' is not the total 60 of "
        "the rows imported; check the 分值 of both\n"
    )


def test_a_totals_row_named_in_a_number_column_is_checked_as_one(tmp_path: Path) -> None:
    """合计 in the 序号 column, the name columns empty: it was "a row that names no
    indicator", its 分值 never compared with the rows' total."""
    from openpyxl import Workbook

    path = tmp_path / "t.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "指标表"
    for row in (
        ["序号", "指标", "评分标准", "权重"],
        [1, "预算执行率", "执行率×分值", 60],
        [2, "信访办结率", "执行率×分值", 40],
        ["合计", None, None, 90],
    ):
        ws.append(row)
    wb.save(path)
    code, err = run("import", str(path))
    assert (code, err) == (
        0,
        f"{path}:4:4: totals row '合计' not imported: its 分值 '90' is not the total 100 of "
        "the rows imported; check the 分值 of both\n",
    )


def test_a_subtotal_row_of_its_section_is_not_reported(tmp_path: Path) -> None:
    # a 小计 is of its section: compared with the whole table's total, every correct
    # one was reported as wrong
    path = tmp_path / "t.xlsx"
    table(
        path,
        ["产出指标", "数量指标", "培训人次", "≥800", "人次", 60, "完成率×分值"],
        ["小计", None, None, None, None, 60, None],
        ["效益指标", "社会效益", "满意度", "≥90%", "%", 40, "完成率×分值"],
        ["小计", None, None, None, None, 40, None],
        ["合计", None, None, None, None, 100, None],
    )
    code, err = run("import", str(path))
    assert (code, err) == (0, "")


def test_a_funds_block_with_a_bad_weight_is_refused_and_an_empty_one_reported(
    tmp_path: Path,
) -> None:
    def funds(weight: object) -> Path:
        wb = Workbook()
        ws = wb.active
        ws.append(["全年预算数", "全年执行数", "分值"])
        ws.append([100, 90, weight])
        ws.append([])
        ws.append(HEADER)
        ws.append(["产出指标", "数量指标", "培训人次", "≥800", "人次", 90, "完成率×分值"])
        path = tmp_path / f"funds-{weight}.xlsx"
        wb.save(path)
        return path

    bad = funds("十")
    assert run("import", str(bad)) == (
        1,
        f"{bad}:2:3: 分值 '十' of '预算执行率' is not a number above 0; write the "
        "indicator's points, e.g. 10\n",
    )
    empty = funds(None)
    code, err = run("import", str(empty))
    assert (code, err) == (
        0,
        f"{empty}:2:3: '预算执行率' not imported: its 分值 is empty; write its points "
        "(e.g. 10) and import again\n",
    )


def test_when_no_row_has_a_weight_each_says_why(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    table(
        path,
        ["产出指标", "数量指标", "培训人次", "≥800", "人次", "=25*2", "完成率×分值"],
        ["产出指标", "数量指标", "培训场次", "≥10", "场", "=50", "完成率×分值"],
    )
    assert run("import", str(path)) == (
        1,
        f"{path}:2:1: no indicator rows below the header; each row needs the indicator's "
        "name and 分值\n"
        f"{path}:2:6: '培训人次' not imported: its 分值 is the formula =25*2, saved without "
        "its value; open and save the table in Excel, then import it again\n"
        f"{path}:3:6: '培训场次' not imported: its 分值 is the formula =50, saved without "
        "its value; open and save the table in Excel, then import it again\n",
    )


def test_a_target_saved_without_its_value_is_marked(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    table(path, ["产出指标", "数量指标", "t7", "=0", None, 100, "完成率×分值"])
    text, _, _ = import_table(str(path))
    assert (
        f"name: t7  {MARK}{path}:2:4 是公式 =0，文件未存其计算结果，读作空；"
        "在 Excel 中打开并保存后重新导入\n"
    ) in text


def test_the_first_sheet_shown_is_read_and_a_hidden_one_only_when_named(
    tmp_path: Path,
) -> None:
    wb = Workbook()
    old = wb.active
    old.title = "old"
    old.append(HEADER)
    old.append(["旧", "旧", "旧指标", "≥1", "次", 100, "完成率×分值"])
    old.sheet_state = "hidden"
    new = wb.create_sheet("new")
    new.append(HEADER)
    new.append(["新", "新", "新指标", "≥1", "次", 100, "完成率×分值"])
    wb.active = 1
    path = tmp_path / "t.xlsx"
    wb.save(path)
    assert list(leaves(path)) == ["新指标"]
    assert read_grid(str(path), "old").cell(2, 3) == "旧指标"


# -- 3. a draft that is YAML, targets read or said precisely -------------------------
def test_a_sheet_name_with_line_breaks_makes_a_valid_draft_that_keeps_it(tmp_path: Path) -> None:
    name = "表\nversion＝x\u2028id injected\x85"
    path = tmp_path / "t.xlsx"
    table(
        path, ["产出指标", "数量指标", "培训人次", "≥800", "人次", 100, "完成率×分值"], title=name
    )
    text, _, _ = import_table(str(path))
    assert "# 由 " + str(path) + "（工作表 表\\x0aversion＝x\\u2028id injected\\x85）" in text
    assert 'title: "表\\nversion＝x\\u2028id injected\\x85"\n' in text
    assert compile_spec(load_text(text, "draft.yaml")).title == name


def test_targets_with_grouped_digits_are_read_and_unread_ones_said_precisely(
    tmp_path: Path,
) -> None:
    path = tmp_path / "t.xlsx"
    table(
        path,
        ["产出指标", "数量指标", "t0", "≥1,000", None, 50, "完成率×分值"],
        ["产出指标", "数量指标", "t1", "≥-5", None, 50, "完成率×分值"],
    )
    assert leaves(path)["t0"] == {"target": 1000, "unit": "", "direction": "higher"}
    text, _, _ = import_table(str(path))
    assert (
        '            target: "≥-5"\n'
        '            source: "评分标准：完成率×分值"\n'
        "            method: {grades: {达成: [0.8, 1], 部分达成: [0.6, 0.8], 未达成: [0, 0.6]}}"
        f"  {MARK}指标值「≥-5」未能读作一个数（读得出的写法如 ≥95%、≤10次、=100%），"
        "按定性指标猜测：若是数，写上 target 和 direction，再按评分标准选方法\n"
    ) in text
    assert "表中无指标值" not in text


# -- 4. merged ranges ----------------------------------------------------------------
def merged(path: Path, *refs: str) -> Path:
    """``path`` with the merged ranges ``refs`` written into its first sheet's XML."""
    with zipfile.ZipFile(path) as z:
        parts = {info.filename: z.read(info) for info in z.infolist()}
    cells = "".join(f"<mergeCell ref='{ref}'/>" for ref in refs)
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        "</sheetData>", f'</sheetData><mergeCells count="{len(refs)}">{cells}</mergeCells>', 1
    ).encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def test_a_merged_range_far_beyond_the_cells_is_not_made_cell_by_cell(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    table(path, ["产出指标", "数量指标", "培训人次", "≥800", "人次", 100, "完成率×分值"])
    merged(path, "J1:AZ20000", "H1:H2")
    wb = open_small_workbook(str(path), "unreadable", "indicator table")
    ws = wb.active  # the ranges cut to the cells: none is left to make cell by cell
    assert (ws.max_row, ws.max_column, ws.merged_cells.ranges) == (2, 7, set())
    assert list(leaves(path)) == ["培训人次"]


def test_a_merged_range_reaching_beyond_the_cells_is_cut_to_them(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    wb = table(path, ["产出指标", "数量指标", "培训人次", "≥800", "人次", 100, "完成率×分值"])
    wb.active.insert_rows(1)
    wb.active["A1"] = "项目支出绩效目标表"
    wb.save(path)
    merged(path, "A1:Z9")
    grid = read_grid(str(path))
    assert grid.rows[0] == ["项目支出绩效目标表"] * 7
    assert grid.rows[2][:3] == ["项目支出绩效目标表"] * 3  # A1:G3, as Excel shows it
    assert len(grid.rows) == 3


def test_merged_ranges_over_the_bound_are_refused_in_one_line(tmp_path: Path) -> None:
    from engine.review.sheet import MAX_MERGED_CELLS

    path = tmp_path / "t.xlsx"
    wb = table(path, ["产出指标", "数量指标", "培训人次", "≥800", "人次", 100, "完成率×分值"])
    wb.active.cell(400, 300, "x")
    wb.save(path)
    merged(path, "A3:KN400")
    with pytest.raises(LoadError) as e:
        open_small_workbook(str(path), "unreadable", "indicator table")
    assert MAX_MERGED_CELLS < 300 * 398
    assert str(e.value) == (
        f"{path}:3:1: sheet '指标表': merged ranges cover 119,400 cells (A3:KN400 the "
        "largest), far more than the indicator table needs; unmerge them"
    )


def _edited_sheet(path: Path, old: bytes, new: bytes) -> Path:
    """``path`` with its first sheet's XML edited (``old`` made ``new``, once)."""
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    assert old in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(old, new, 1)
    out = path.with_name("edited.xlsx")
    with zipfile.ZipFile(out, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out


def test_a_row_number_written_with_an_exponent_is_refused_not_made_an_integer(
    tmp_path: Path,
) -> None:
    # int(Decimal("3e3000000")) makes a number of three million digits: minutes, and
    # a process no signal stopped; such a row is left to the reader, which refuses it
    path = tmp_path / "t.xlsx"
    table(path, ["产出指标", "数量指标", "培训人次", "≥800", "人次", 100, "完成率×分值"])
    merged(path, "A1:A2")
    bad = _edited_sheet(path, b'<row r="2"', b'<row r="2e3000000"')
    code, err = run("import", str(bad), "-o", str(tmp_path / "d.yaml"))
    assert (code, err) == (1, f"{bad}: not a readable .xlsx workbook\n")


def test_a_shared_formula_the_reader_cannot_translate_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    table(path, ["产出指标", "数量指标", "培训人次", "≥800", "人次", 100, "完成率×分值"])
    bad = _edited_sheet(
        path,
        b'<c r="F2" t="n"><v>100</v></c>',
        b'<c r="F2"><f t="shared" ref="F2" si="0">"abc</f></c>',
    )
    code, err = run("import", str(bad), "-o", str(tmp_path / "d.yaml"))
    assert code == 1
    assert err == (
        f"{bad}: the formulas of sheet '指标表' cannot be read (TokenizerError: Reached end of "
        'formula while parsing string in ="abc); save the workbook again from Excel\n'
    )


def test_the_next_commands_quote_a_path_with_a_space(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from engine.cli import app

    folder = tmp_path / "子 目录"
    result = CliRunner().invoke(app, ["init", str(folder)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == (
        f"next: scorecard score '{folder}/starter.yaml' '{folder}/starter.actuals.yaml'"
    )


def test_the_rule_as_written_is_kept_beside_the_method_guessed_from_it(tmp_path: Path) -> None:
    """The 评分标准 text was in no line of the draft: a guess (每降低5个百分点扣1分 read
    as 1 point a point) could not be checked against it without the table."""
    path = tmp_path / "t.xlsx"
    table(path, ["产出指标", "质量指标", "t0", "≥95%", None, 10, "每降低5个百分点扣1分"])
    text, _, _ = import_table(str(path))
    assert '            source: "评分标准：每降低5个百分点扣1分"\n' in text
    spec = compile_spec(load_text(text, "draft.yaml"))
    assert [i.source for i in spec.leaves() if i.name == "t0"] == ["评分标准：每降低5个百分点扣1分"]


def test_a_title_merged_across_the_table_is_its_title(tmp_path: Path) -> None:
    """A title merged over A2:G2 (row 1: 附件2) gave the sheet's name as the title."""
    path = tmp_path / "t.xlsx"
    wb = table(path, ["产出指标", "数量指标", "t0", "≥95%", None, 100, "完成率×分值"])
    ws = wb.active
    ws.insert_rows(1, 2)
    ws["A1"] = "附件2"
    ws["A2"] = "2024年度省级部门整体支出绩效评价指标体系"
    ws.merge_cells("A2:G2")
    wb.save(path)
    text, _, _ = import_table(str(path))
    assert 'title: "2024年度省级部门整体支出绩效评价指标体系"\n' in text


@pytest.mark.parametrize("merged", [False, True])
def test_a_name_at_two_levels_is_one_indicator_noted_unless_merged_over_both(
    tmp_path: Path, merged: bool
) -> None:
    """社会效益 typed as the 二级 and again as the 三级 was one indicator without a word:
    two levels of one name may have been meant. Merged over both columns, it is an
    indicator with no lower level, as tables write one."""
    path = tmp_path / "t.xlsx"
    wb = table(
        path,
        ["效益指标", "社会效益", "社会效益", "≥90%", None, 100, "完成率×分值"],
    )
    if merged:
        wb.active.merge_cells("B2:C2")
        wb.save(path)
    text, _, _ = import_table(str(path))
    noted = (
        "「社会效益」在第 2 行的两个层级列中各写了一次，按一个指标导入；"
        "若是上下两级指标，请给下一级另起名称"
    )
    assert (noted in text) is not merged
    spec = compile_spec(load_text(text, "draft.yaml"))
    assert [(i.name, [c.name for c in i.children]) for i in spec.indicators] == [
        ("效益指标", ["社会效益"])
    ]


@pytest.mark.parametrize(
    ("rule", "at_88", "whole_steps_at_88"),
    [
        # 7 points short of 95: 1.4 off pro rata, 1 in whole steps of 5
        ("每降低5个百分点扣1分", Fraction(43, 5), Fraction(9)),
        # 7/3 off pro rata (no finite decimal: a formula), 2 in whole steps of 3
        ("每降低3个百分点扣1分", Fraction(23, 3), Fraction(8)),
        ("每降低一个百分点扣0.5分", Fraction(13, 2), None),  # one unit a step: as before
    ],
)
def test_a_deduction_each_few_points_counts_its_step(
    tmp_path: Path, rule: str, at_88: Fraction, whole_steps_at_88: Fraction | None
) -> None:
    """每降低5个百分点扣1分 was read as 1 point off each point, marked understood.
    It is read pro rata (0.2 a point) and left to be confirmed, the note giving the
    formula for whole steps only; both score as the words say."""
    import engine

    def total(spec: Any, value: int) -> Fraction:
        return Fraction(engine.score(spec, {next(spec.leaves()).id: value}).total)

    path = tmp_path / "t.xlsx"
    table(path, ["产出指标", "质量指标", "t0", "≥95%", None, 10, rule])
    text, _, _ = import_table(str(path))
    line = next(x for x in text.splitlines() if x.strip().startswith("method:"))
    spec = compile_spec(load_text(text, "draft.yaml"))
    assert total(spec, 88) == Fraction(round(at_88 * 100), 100)  # at 2 places
    if whole_steps_at_88 is None:
        assert "按比例" not in line
        return
    assert f"{MARK}评分标准「{rule}」读作按比例扣分" in line  # to be confirmed
    written = line.split("，改为 ")[1]  # the method line to write, as it is
    whole = text.replace(line, f"            {written}")
    stepped = compile_spec(load_text(whole, "draft.yaml"))
    assert total(stepped, 88) == whole_steps_at_88
