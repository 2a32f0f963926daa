"""A message's fix is worded for what the actuals were written in (an actuals
document, a table's row, a filled form) and for who called (the command line's
``--missing zero``, the Python API's ``missing="zero"``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import invoke

import engine
from engine.base.errors import ErrorList
from engine.base.i18n import called_from, caller, option, set_caller

SPEC = "specs/gz-dept-overall-2021.yaml"
PROJECT = "specs/national-project-2020.yaml"
HEADER = (
    "单位,allocated,spent,road_km,bridges,markings,pass_rate,good_roads,on_time,delay_days,"
    "unit_cost,travel,score.travel,freight_cost,greening,upkeep,survey\n"
)
ROW = (
    "某县,1250,1068.75,126.4,27,40,96.5,76.2,92,3,2.8,{travel},{score},4.2,{greening},已建立,93.6\n"
)


def _table(tmp_path: Path, score: str = "7", greening: str = "不适用") -> Path:
    """A row of the national project's table: travel's grade is a range, its chosen
    score in ``score.travel``; greening's value column is the 15th."""
    path = tmp_path / "p.csv"
    row = ROW.format(travel="部分达成", score=score, greening=greening)
    path.write_text(HEADER + row, encoding="utf-8")
    return path


def _errors(*args: str) -> list[str]:
    code, _out, err = invoke("batch", *args, "--format", "csv")
    assert code == 1
    return err.splitlines()[1:]  # after "0 scored, 1 failed"


def test_an_empty_cell_is_told_to_be_filled_or_marked_with_the_tables_mark(
    tmp_path: Path,
) -> None:
    path = _table(tmp_path, greening="")
    fix = (
        "fill in its cell, write {mark} in it or give a reason in an na.ID column if the "
        "indicator does not apply"
    )
    message = (
        f"{path}:2:15: missing value for 1 indicator: greening "
        f"(路域环境绿化改善); {fix}, or use --missing zero "
        "to score it 0"
    )
    assert _errors(PROJECT, str(path)) == [message.format(mark="N/A")]
    assert _errors(PROJECT, str(path), "--na", "无", "--na", "不适用") == [
        message.format(mark="无")
    ]


def test_a_table_is_told_of_its_own_mark_and_its_na_columns(tmp_path: Path) -> None:
    """The mark given with --na is the one the fix names (a blank one is refused:
    tests/test_cli.py); where none is known, the na.ID columns alone."""
    from engine.scoring.missing import _values_problem

    path = _table(tmp_path, greening="")
    assert _errors(PROJECT, str(path), "--na", "无") == [
        f"{path}:2:15: missing value for 1 indicator: greening "
        "(路域环境绿化改善); fill in its cell, write 无 in it or give a reason "
        "in an na.ID column if the indicator does not apply, or use --missing zero to score it 0"
    ]
    assert _values_problem("row", 1, "") == (
        "missing value for {plain} indicator: {list}; fill in its cell, give a reason in "
        "an na.ID column if the indicator does not apply, or use {zero} to score it 0"
    )


def test_a_range_grade_in_a_row_is_told_of_its_score_column(tmp_path: Path) -> None:
    path = _table(tmp_path, score="")
    [message] = _errors(PROJECT, str(path))
    assert message == (
        f"{path}:2:12: grade '部分达成' of 'travel' is a range (6 to 8 points); "
        "give the chosen score in a score.travel column"
    )


def test_an_actuals_document_keeps_its_yaml_words(tmp_path: Path) -> None:
    actuals = tmp_path / "a.yaml"
    actuals.write_text(
        "spec: national-project-2020\nentity: 某县\nvalues:\n  travel: 部分达成\n",
        encoding="utf-8",
    )
    code, _out, err = invoke("score", PROJECT, str(actuals))
    assert code == 1
    assert (
        f"{actuals}:4:11: values: grade '部分达成' of 'travel' is a range (0.6 to 0.8 of the "
        "weight); give {grade: 部分达成, score: N} with the chosen score"
    ) in err.splitlines()
    assert any(
        "add them under values, list them under not_applicable, or use --missing zero" in line
        for line in err.splitlines()
    )


def test_the_python_api_names_its_keyword(tmp_path: Path) -> None:
    with pytest.raises(ErrorList) as raised:
        engine.score(PROJECT, {"单位": "某县", "travel": "部分达成"})
    text = str(raised.value)
    assert "give the chosen score under the key score.travel" in text  # a key, not a cell
    assert "; give them values, a reason under the na.ID keys of those that do not apply, " in text
    assert 'or use missing="zero" to score them 0' in text
    result = engine.score_table(PROJECT, _table(tmp_path, greening=""))
    assert result.column("error").to_pylist() == [
        f"{tmp_path / 'p.csv'}:2:15: missing value for 1 indicator: "
        "greening (路域环境绿化改善); fill in its cell, "
        "write N/A in it or give a reason in an na.ID column if the indicator does not apply, "
        'or use missing="zero" to score it 0'
    ]


def test_the_trace_of_a_missing_value_is_the_same_data_whoever_scores_it(
    tmp_path: Path,
) -> None:
    """A trace is data that `verify` re-scores: its label does not follow the caller."""
    import json

    from engine.render.json_out import render

    actuals = tmp_path / "a.yaml"
    actuals.write_text("spec: national-project-2020\nentity: 某县\nvalues: {}\n", "utf-8")
    code, out, _err = invoke("score", PROJECT, str(actuals), "--missing", "zero", "-f", "json")
    assert code == 0
    written = tmp_path / "python.json"
    written.write_text(render(engine.score_files(PROJECT, actuals, "zero")), "utf-8")
    assert json.loads(written.read_text("utf-8")) == json.loads(out)
    assert "missing value scored 0 (--missing zero)" in out
    code, _out, err = invoke("verify", str(written))
    assert code == 0, err


def test_the_caller_is_one_of_two_and_comes_back_after_a_block() -> None:
    assert caller() == "cli" and option("missing", "zero") == "--missing zero"
    with called_from("python"):
        assert option("missing", "zero") == 'missing="zero"'
        with called_from("cli"):
            assert option("jobs", "2") == "--jobs 2"
        assert caller() == "python"
    assert caller() == "cli"
    with pytest.raises(ValueError, match="caller 'r': valid: cli, python"):
        set_caller("r")


def test_a_form_is_told_of_its_own_columns(tmp_path: Path) -> None:
    import openpyxl

    form = tmp_path / "form.xlsx"
    assert invoke("template", PROJECT, "-o", str(form))[0] == 0
    wb = openpyxl.load_workbook(form)
    sheet = wb["自评表"]
    [row] = [r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 2).value == "travel"]
    titles = {str(c.value) for line in sheet.iter_rows() for c in line if c.value}
    assert {"实际完成值", "等级内给分", "不适用原因", "原始数据", "数值"} <= titles  # as named
    sheet.cell(row, 8).value = "部分达成"  # 实际完成值, without 等级内给分
    [fixed] = [r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 2).value == "upkeep"]
    sheet.cell(fixed, 8).value = "已建立"
    sheet.cell(fixed, 9).value = 8  # a chosen score for a grade worth a fixed share
    wb.save(form)
    code, _out, err = invoke("score", PROJECT, str(form))
    assert code == 1
    assert err.splitlines() == [
        f"{form}:8:4: missing inputs: allocated (for budget_execution), spent (for "
        "budget_execution); fill in their 数值 cells under 原始数据, or use --missing zero to "
        "score those indicators 0",
        f"{form}:14:8: missing values for 11 indicators: road_km (公路养护里程), bridges "
        "(桥梁定期检测座数), markings (标志标线更新里程), pass_rate "
        "(养护工程验收合格率), good_roads "
        "(优良路率), on_time (按期完工率), delay_days (单项工程平均延误天数), unit_cost "
        "(每公里养护成本), freight_cost (沿线运输成本降低率), greening (路域环境绿化改善), survey "
        "(沿线群众满意度); "
        "fill in their 实际完成值, give a reason under 不适用原因 for those that do not apply, "
        "or use --missing zero to score them 0",
        f"{form}:{row}:8: grade '部分达成' of 'travel' is a range (6 to 8 points); give the "
        "chosen score under 等级内给分",
        f"{form}:{fixed}:9: grade '已建立' of 'upkeep' is worth a fixed 5 points; leave "
        "等级内给分 empty",
    ]


def test_the_caller_is_each_threads_own() -> None:
    """A call of the API in one thread does not change what another thread's
    messages say."""
    import threading

    seen: list[str] = []
    with called_from("python"):
        other = threading.Thread(target=lambda: seen.append(option("missing", "zero")))
        other.start()
        other.join()
        seen.append(option("missing", "zero"))
    assert seen == ["--missing zero", 'missing="zero"']


def test_the_packages_other_functions_speak_to_python(tmp_path: Path) -> None:
    actuals = tmp_path / "a.yaml"
    actuals.write_text("spec: national-project-2020\nentity: 某县\nvalues: {}\n", "utf-8")
    for call in (
        lambda: engine.score_files(PROJECT, actuals),
        lambda: engine.load_actuals(actuals, engine.load_spec(PROJECT)),
    ):
        with pytest.raises(ErrorList) as raised:
            call()
        assert 'list them under not_applicable, or use missing="zero" to score them 0' in str(
            raised.value
        )
    assert caller() == "cli"
    code, _out, err = invoke("score", PROJECT, str(actuals))
    assert code == 1 and "or use --missing zero to score them 0" in err


def test_a_parquet_table_is_told_of_its_mark_and_of_na_columns(tmp_path: Path) -> None:
    """A Parquet column of text takes a mark, one of numbers an na.ID column's reason."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    frame = pacsv.read_csv(_table(tmp_path, greening=""))
    at = frame.schema.get_field_index("markings")
    frame = frame.set_column(at, "markings", pa.array([None], pa.float64()))
    path = tmp_path / "p.parquet"
    pq.write_table(frame, path)
    assert _errors(PROJECT, str(path)) == [
        f"{path}:2:6: missing values for 2 indicators: markings "
        "(标志标线更新里程), greening (路域环境绿化改善); fill in their "
        "cells, write N/A in those that do not apply or give reasons in na.ID columns, or use "
        "--missing zero to score them 0"
    ]


def test_chinese_names_the_tables_chinese_mark(tmp_path: Path) -> None:
    path = _table(tmp_path, greening="")
    code, _out, err = invoke("--lang", "zh", "batch", PROJECT, str(path), "-f", "csv")
    assert code == 1
    assert err.splitlines()[1:] == [
        f"{path}:2:15: 1 个指标缺少值：greening（路域环境绿化改善）；请填写对应单元格，"
        "不适用的指标填“不适用”或在 na.ID 列中写明原因，或用 --missing zero 计 0 分"
    ]


def test_a_dask_partition_speaks_the_language_it_is_given(tmp_path: Path) -> None:
    import pandas as pd

    from engine.base.i18n import language, speaking
    from engine.dask import score_partition
    from engine.spec.compile import load_spec

    frame = pd.read_csv(_table(tmp_path, greening=""), dtype=str, keep_default_na=False)
    with speaking("en"):
        result = score_partition(frame, load_spec(PROJECT), "error", "zh")
        assert language() == "zh"  # a worker speaks it from then on
    assert "1 个指标缺少值：greening" in result["error"].iloc[0]


@pytest.mark.parametrize(
    ("travel", "score", "message"),
    [
        (
            "较好",
            "",
            "2:12: 'travel' (群众出行条件改善) has no grade '较好'; grades: 达成, 部分达成, 未达成",
        ),
        (
            "部分达成",
            "9",
            "2:13: chosen score 9 for 'travel' lies outside grade '部分达成' (6 to 8 points)",
        ),
    ],
    ids=["no-grade", "outside"],
)
def test_a_rows_grade_problems_are_told_without_yaml_words(
    tmp_path: Path, travel: str, score: str, message: str
) -> None:
    """A table's cell is located by its position: no ``values:`` section before
    the problem, and no YAML in its fix."""
    path = tmp_path / "p.csv"
    path.write_text(HEADER + ROW.format(travel=travel, score=score, greening="不适用"), "utf-8")
    assert _errors(PROJECT, str(path)) == [f"{path}:{message}"]


@pytest.mark.parametrize("score_first", [False, True], ids=["grade-first", "score-first"])
@pytest.mark.parametrize(
    ("travel", "score", "at", "problem"),
    [
        (
            "较好",
            "7",
            "grade",
            "'travel' (群众出行条件改善) has no grade '较好'; grades: 达成, 部分达成, 未达成",
        ),
        (
            "部分达成",
            "9",
            "score",
            "chosen score 9 for 'travel' lies outside grade '部分达成' (6 to 8 points)",
        ),
        (
            "",
            "7",
            "grade",
            "the grade of 'travel' is empty, but score.travel gives a chosen score within a "
            "grade; fill in the grade",
        ),
        (
            "N/A",
            "7",
            "score",
            "score.travel gives a chosen score for an indicator marked not applicable; clear "
            "score.travel, or the mark",
        ),
    ],
    ids=["no-grade", "outside", "grade-empty", "marked-na"],
)
def test_a_grade_and_its_chosen_score_are_each_located_at_their_own_cell(
    tmp_path: Path, score_first: bool, travel: str, score: str, at: str, problem: str
) -> None:
    """Whichever of the grade's and the score's columns comes first, a grade's
    problem is at the grade's cell and a chosen score's at the score's."""
    header, row = HEADER, ROW
    if score_first:
        header = header.replace("travel,score.travel", "score.travel,travel")
        row = row.replace("{travel},{score}", "{score},{travel}")
    column = {("grade", False): 12, ("score", False): 13, ("grade", True): 13, ("score", True): 12}
    path = tmp_path / "p.csv"
    path.write_text(header + row.format(travel=travel, score=score, greening="不适用"), "utf-8")
    assert _errors(PROJECT, str(path)) == [f"{path}:2:{column[at, score_first]}: {problem}"]


def test_the_packages_functions_go_to_other_processes() -> None:
    """They are functions of a module, found again by name (a process pool sends them)."""
    import pickle

    for name in ("score", "score_table", "score_files", "load_actuals", "evaluate"):
        function = getattr(engine, name)
        assert pickle.loads(pickle.dumps(function)) is function


def test_a_chosen_score_with_a_reason_not_to_apply_is_refused_at_the_score(
    tmp_path: Path,
) -> None:
    """A row's na.ID reason and a chosen score: the score would be lost."""
    path = tmp_path / "p.csv"
    row = ROW.format(travel="", score="7", greening="5").replace("\n", ",无差旅\n")
    path.write_text(HEADER.replace("\n", ",na.travel\n") + row, "utf-8")
    assert _errors(PROJECT, str(path)) == [
        f"{path}:2:13: score.travel gives a chosen score for an indicator marked not applicable; "
        "clear score.travel, or the mark"
    ]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"score.travel": 7},
            "<values>['score.travel']: score.travel is given but not the grade of 'travel'; "
            "add the key 'travel' with the grade",
        ),
        (
            {"travel": "", "score.travel": 7},
            "<values>['travel']: the grade of 'travel' is empty, but score.travel gives a chosen "
            "score within a grade; fill in the grade",
        ),
    ],
    ids=["no-key", "empty"],
)
def test_a_mappings_chosen_score_without_its_grade_is_told_of_keys(
    values: dict[str, object], message: str
) -> None:
    with pytest.raises(ErrorList) as raised:
        engine.score(PROJECT, values)
    assert [str(e) for e in raised.value.errors] == [message]


@pytest.mark.parametrize(
    ("reason", "chosen"),
    [("", 7), ("本年无差旅", 7), ("", "不适用")],
    ids=["no-grade", "not-applicable", "marked-in-the-score"],
)
def test_a_forms_chosen_score_without_its_grade_is_not_lost(
    tmp_path: Path, reason: str, chosen: object
) -> None:
    """等级内给分 without 实际完成值 is refused, --missing zero or not: at the
    empty grade, or at the score where the row gives a reason not to apply."""
    import openpyxl

    form = tmp_path / "form.xlsx"
    assert invoke("template", PROJECT, "-o", str(form))[0] == 0
    wb = openpyxl.load_workbook(form)
    sheet = wb["自评表"]
    [row] = [r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 2).value == "travel"]
    sheet.cell(row, 9).value = chosen  # 等级内给分
    sheet.cell(row, 11).value = reason or None  # 不适用原因
    wb.save(form)
    code, _out, err = invoke("score", PROJECT, str(form), "--missing", "zero")
    assert code == 1
    label = "travel (群众出行条件改善)"
    expected = (
        f"{form}:{row}:9: {label} 等级内给分: a chosen score for an indicator marked not "
        "applicable (不适用原因, column K); clear the score, or the reason"
        if reason
        else f"{form}:{row}:8: {label} 实际完成值 is empty, but 等级内给分 (column I) gives a "
        "chosen score within a grade; fill in the grade"
    )
    if chosen == "不适用":
        expected = (
            f"{form}:{row}:9: {label} 等级内给分: '不适用' marks it not applicable in a table; "
            "in the form write why in 不适用原因 (column K) and leave 等级内给分 empty"
        )
    assert err.splitlines() == [expected]
