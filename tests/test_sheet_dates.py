"""What Excel makes of a cell, read as it shows: a period typed 2021/1 becomes a
date (the first of its month), read as that day and told at its cell; a logical
cell (TRUE, FALSE) keeps the word the sheet shows."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

import engine
from engine.base.errors import ScorecardWarning
from engine.batch.xlsx import TYPED_ROWS
from engine.cli import app
from tests.test_hidden_cells import _batch  # batch -f csv of the spec below
from tests.test_xlsx_internals import SPEC  # a rate in %, an amount in 万元


def _workbook(path: Path, periods: list[object], entity: object = "单位0") -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["单位", "年度", "执行率", "金额"])
    for i, period in enumerate(periods):
        ws.append([entity if i == 0 else f"单位{i}", period, 90 + i % 10, 50000])
        ws.cell(row=i + 2, column=2).number_format = 'yyyy"年"m"月"'
    wb.save(path)
    return path


def test_a_period_excel_made_a_date_is_read_as_that_day_and_told(tmp_path: Path) -> None:
    table = _workbook(
        tmp_path / "t.xlsx", ["2021", dt.datetime(2021, 1, 1), dt.datetime(2021, 2, 1)]
    )
    code, out, err = _batch(tmp_path, table, "--lang", "en")
    assert code == 0
    assert [line.split(",")[2] for line in out.splitlines()[1:]] == [
        "2021",
        "2021-01-01",
        "2021-02-01",
    ]
    assert err == (
        "3 scored, 0 failed\n"
        f"{table}:3:2: warning: the period cell holds the date 2021-01-01 (Excel makes 2021/1 "
        "a date, the first of its month); a period so given is read as that day: if it is a "
        "month or a year, write it as text (2021-01, 2021)\n"
    )


def test_the_warning_in_chinese(tmp_path: Path) -> None:
    table = _workbook(tmp_path / "t.xlsx", [dt.datetime(2022, 6, 1)])
    assert _batch(tmp_path, table, "--lang", "zh")[2].splitlines()[1] == (
        f"{table}:2:2: 警告：期间单元格是日期 2022-06-01（Excel 会把 2021/1 变成日期，"
        "即当月 1 日）；这样给出的期间按这一天读取："
        "如果期间是一个月或一年，请写成文本（2022-06、2022）"
    )


def test_a_day_other_than_the_first_is_a_period_as_meant(tmp_path: Path) -> None:
    """2022-06-30, a half year's end, is typed as a date on purpose: nothing to tell."""
    table = _workbook(tmp_path / "t.xlsx", [dt.datetime(2022, 6, 30), dt.datetime(2022, 12, 31)])
    code, out, err = _batch(tmp_path, table, "--lang", "en")
    assert (code, err) == (0, "2 scored, 0 failed\n")
    assert [line.split(",")[2] for line in out.splitlines()[1:]] == ["2022-06-30", "2022-12-31"]


def test_validate_and_the_table_api_tell_it_too_on_a_large_sheet(tmp_path: Path) -> None:
    """A sheet read column-wise (TYPED_ROWS rows and more) tells it alike."""
    periods: list[object] = ["2021"] * TYPED_ROWS + [dt.datetime(2021, 3, 1)]
    table = _workbook(tmp_path / "t.xlsx", periods)
    spec = tmp_path / "hidden.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    told = f"{table}:{TYPED_ROWS + 2}:2: warning: the period cell holds the date 2021-03-01"
    result = CliRunner().invoke(app, ["validate", str(spec), str(table), "--lang", "en"])
    assert result.exit_code == 0
    assert result.stderr.startswith(told)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        scored = engine.score_table(spec, table)
    assert [str(w.message)[: len(told)] for w in caught if w.category is ScorecardWarning] == [told]
    assert scored.column("period").to_pylist()[-2:] == ["2021", "2021-03-01"]


@pytest.mark.parametrize("rows", [1, TYPED_ROWS])
def test_a_logical_entity_cell_keeps_the_word_the_sheet_shows(tmp_path: Path, rows: int) -> None:
    table = _workbook(tmp_path / "t.xlsx", ["2021"] * rows, entity=True)
    spec = tmp_path / "hidden.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    assert engine.score_table(spec, table).column("entity").to_pylist()[0] == "TRUE"


def _coded(path: Path, rows: int, dated: bool = False) -> Path:
    """Units named by codes typed as numbers and shown as 000101 by their format
    (the second row's typed as text); with ``dated``, a period that is a date (the
    sheet is then read by calamine, not by its survey)."""
    wb = Workbook()
    ws = wb.active
    ws.append(["单位", "年度", "执行率", "金额"])
    for i in range(rows):
        code: object = "000100" if i == 0 else 101 + i
        ws.append([code, dt.datetime(2021, 6, 30) if dated else "2021", 90, 50000])
        ws.cell(row=i + 2, column=1).number_format = "000000"
    wb.save(path)
    return path


@pytest.mark.parametrize(("rows", "dated"), [(3, False), (3, True), (TYPED_ROWS, False)])
def test_an_entity_that_is_a_number_is_told_once_at_its_cell(
    tmp_path: Path, rows: int, dated: bool
) -> None:
    """000102 shown by a number format is stored as 102, and was read so without a word."""
    table = _coded(tmp_path / "t.xlsx", rows, dated)
    code, out, err = _batch(tmp_path, table, "--lang", "en")
    assert code == 0
    assert [line.split(",")[1] for line in out.splitlines()[1:3]] == ["000100", "102"]
    assert err.splitlines()[1:] == [
        f"{table}:3:1: warning: the entity cell holds the number 102, read as 102; if the sheet "
        "shows it otherwise by its number format (a code such as 000101), format the column as "
        "text (文本) and type the codes again"
    ]


@pytest.mark.parametrize("command", ["review", "compare"])
def test_review_and_compare_over_a_sheet_tell_it_too(tmp_path: Path, command: str) -> None:
    table = _workbook(tmp_path / "t.xlsx", ["2021", dt.datetime(2021, 1, 1)])
    spec = tmp_path / "hidden.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    more = ["--set", "grades.A.min=95"] if command == "compare" else []
    result = CliRunner().invoke(app, [command, str(spec), str(table), *more, "--lang", "en"])
    told = f"{table}:3:2: warning: the period cell holds the date 2021-01-01"
    assert [line[: len(told)] for line in result.stderr.splitlines()].count(told) == 1
