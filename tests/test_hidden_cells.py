"""Rows and columns an XLSX sheet hides from view are read and scored as any
other, and told beside the rows, at their cells: whoever hid a row (a unit
filtered out, a row of last year's figures) may not expect it to count."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

import engine
from engine.base.errors import ScorecardWarning
from engine.batch.xlsx_survey import survey
from engine.cli import app
from tests.test_xlsx_internals import SPEC  # a rate in %, an amount in 万元


def _workbook(path: Path, rows: int = 5, hide: tuple[int, ...] = (), column: bool = False) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["单位", "执行率", "金额"])
    for i in range(rows):
        ws.append([f"单位{i}", 90 + i % 10, 50000])
    for r in hide:
        ws.row_dimensions[r].hidden = True
    if column:
        ws.column_dimensions["C"].hidden = True
    wb.save(path)
    return path


def _batch(tmp_path: Path, table: Path, *more: str) -> tuple[int, str, str]:
    spec = tmp_path / "hidden.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    result = CliRunner().invoke(app, ["batch", str(spec), str(table), "-f", "csv", *more])
    return result.exit_code, result.stdout, result.stderr


def test_hidden_rows_and_a_hidden_column_are_scored_and_told(tmp_path: Path) -> None:
    shown = _workbook(tmp_path / "shown.xlsx")
    hidden = _workbook(tmp_path / "hidden.xlsx", hide=(3, 5), column=True)
    code, out, err = _batch(tmp_path, hidden, "--lang", "en")
    assert code == 0
    assert out == _batch(tmp_path, shown, "--lang", "en")[1]  # scored as any other
    assert err == (
        "5 scored, 0 failed\n"
        f"{hidden}:1:3: warning: column C '金额' is hidden in the sheet; its values are read "
        "like any other: unhide it to check them\n"
        f"{hidden}:3:1: warning: row 3 ('单位1') is hidden in the sheet (or filtered out); it "
        "is read and scored like any other: unhide it to check it, or delete the row if it is "
        "not to be scored\n"
        f"{hidden}:5:1: warning: row 5 ('单位3') is hidden in the sheet (or filtered out); it "
        "is read and scored like any other: unhide it to check it, or delete the row if it is "
        "not to be scored\n"
    )


def test_the_warnings_in_chinese(tmp_path: Path) -> None:
    hidden = _workbook(tmp_path / "hidden.xlsx", hide=(2,), column=True)
    assert _batch(tmp_path, hidden, "--lang", "zh")[2].splitlines()[1:] == [
        f"{hidden}:1:3: 警告：C 列 '金额' 在工作表中被隐藏；其中的值照常读取：请取消隐藏后核对",
        f"{hidden}:2:1: 警告：第 2 行（'单位0'）在工作表中被隐藏（或被筛选掉）；该行仍照常读取和"
        "计分：请取消隐藏后核对，如不应计分请删除这一行",
    ]


def test_many_hidden_rows_are_told_twenty_then_counted(tmp_path: Path) -> None:
    hidden = _workbook(tmp_path / "many.xlsx", rows=40, hide=tuple(range(2, 32)))
    lines = _batch(tmp_path, hidden, "--lang", "en")[2].splitlines()
    assert [line.split(": warning: ")[0] for line in lines[1:-1]] == [
        f"{hidden}:{r}:1" for r in range(2, 22)
    ]
    assert lines[-1] == f"{hidden}: warning: … and 10 more rows like these"


def test_validate_and_the_table_api_tell_them_too(tmp_path: Path) -> None:
    hidden = _workbook(tmp_path / "hidden.xlsx", hide=(4,))
    spec = tmp_path / "hidden.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    told = (
        f"{hidden}:4:1: warning: row 4 ('单位2') is hidden in the sheet (or filtered out); it is "
        "read and scored like any other: unhide it to check it, or delete the row if it is not "
        "to be scored"
    )
    result = CliRunner().invoke(app, ["validate", str(spec), str(hidden), "--lang", "en"])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == told
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        got = engine.score_table(str(spec), str(hidden))
    assert got.num_rows == 5
    assert [str(w.message) for w in caught if w.category is ScorecardWarning] == [told]


def test_a_shown_sheet_and_hidden_columns_beyond_the_table_say_nothing(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["单位", "执行率", "金额"])
    ws.append(["单位0", 90, 50000])
    ws.column_dimensions.group("E", "H", hidden=True)  # columns the table does not have
    wb.save(tmp_path / "beyond.xlsx")
    assert _batch(tmp_path, tmp_path / "beyond.xlsx")[2] == "1 scored, 0 failed\n"


def test_hidden_rows_of_empty_cells_are_not_told(tmp_path: Path) -> None:
    """A template's unused rows, bordered and hidden below the data (and among
    it), are never read: nothing to tell."""
    from openpyxl.styles import Border, Side

    wb = Workbook()
    ws = wb.active
    ws.append(["单位", "执行率", "金额"])
    ws.append(["单位0", 90, 50000])
    ws.append(["单位1", 91, 50000])
    for r in (4, 20):
        ws.cell(r, 1).border = Border(bottom=Side(style="thin"))
        ws.row_dimensions[r].hidden = True
    for col, value in enumerate(["单位2", 92, 50000], start=1):
        ws.cell(5, col, value)  # below a hidden empty row, shown
    ws.row_dimensions[3].hidden = True  # a unit's row, hidden
    wb.save(tmp_path / "template.xlsx")
    lines = _batch(tmp_path, tmp_path / "template.xlsx", "--lang", "en")[2].splitlines()
    assert [line.split(": warning: ")[0].rsplit(":", 2)[1:] for line in lines[1:]] == [["3", "1"]]


@pytest.mark.parametrize(
    ("rows", "told"),
    [
        (b'<row r="2" hidden="1"><c r="A2"><v>1</v></c></row>', [2]),
        (b'<row hidden="true" spans="1:3" r="2"><c r="A2"><v>1</v></c></row>', [2]),
        (b'<row r="2" hidden="0"><c r="A2"><v>1</v></c></row>', []),
        (b'<row r="2" hidden="1"/><row r="3"><c r="A3"><v>1</v></c></row>', []),  # holds none
        (b'<row r="1" hidden="1"><c r="A1"><v>1</v></c></row>', []),  # the header
        (b'<row r="2" customHeight="1" ht="0"><c r="A2"><v>1</v></c></row>', []),
    ],
    ids=["hidden", "true, reference last", "shown", "empty", "the header", "no height"],
)
def test_the_survey_reads_hidden_rows_in_any_order_of_attributes(
    rows: bytes, told: list[int]
) -> None:
    sheet = b"<worksheet><sheetData>" + rows + b"</sheetData></worksheet>"
    assert survey([sheet]).hidden_rows == told


def test_the_survey_reads_hidden_columns_and_prefixed_rows() -> None:
    sheet = (
        b'<x:worksheet xmlns:x="s"><x:cols><x:col min="2" max="3" hidden="1"/>'
        b'<x:col hidden="true" max="9" min="7"/><x:col min="4" max="4" width="9"/></x:cols>'
        b'<x:sheetData><x:row r="5" hidden="1"><x:c r="A5"><x:v>1</x:v></x:c></x:row>'
        b"</x:sheetData></x:worksheet>"
    )
    found = survey([sheet])
    assert (found.hidden_columns, found.hidden_rows) == ([(2, 3), (7, 9)], [5])


def test_each_file_of_a_pattern_is_checked_and_told_on_its_own(tmp_path: Path) -> None:
    """A table of many files (one a county's) told nothing of what one file's check
    tells: a 合计 row ranked as a unit, a unit twice, hidden rows. Each file is
    checked on its own (its rows are numbered within it), and told in turn."""
    folder = tmp_path / "县"
    folder.mkdir()
    a = _workbook(folder / "a.xlsx", rows=3, hide=(3,))
    b = folder / "b.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["单位", "执行率", "金额"])
    for row in (["单位0", 95, 100], ["单位0", 96, 100], ["合计", 95, 200]):
        ws.append(row)
    wb.save(b)
    code, _out, err = _batch(tmp_path, folder / "*.xlsx", "--lang", "en")
    assert code == 0
    assert err == (
        "6 scored, 0 failed\n"
        f"{a}:3:1: warning: row 3 ('单位1') is hidden in the sheet (or filtered out); it "
        "is read and scored like any other: unhide it to check it, or delete the row if it is "
        "not to be scored\n"
        f"{b}:3:1: warning: entity '单位0' is also row 2 (the same period); each entity once: "
        "remove or correct one of the rows\n"
        f"{b}:4:1: warning: entity '合计' reads as a totals, average or section row, not an "
        "entity; it is scored, ranked and counted as one: remove the row (or name the entity "
        "otherwise)\n"
        # across the files, once: b's row 3 is b's own repeat, told above
        f"{b}:2:1: warning: entity '单位0' is also row 2 of {a} (the same period); each entity "
        "once: remove or correct one of the rows\n"
    )
