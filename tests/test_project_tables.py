"""Tables as bureaus keep them: a table of projects (项目支出绩效自评) names its
rows by 项目名称, and columns that describe a row (主管部门, 备注, 项目编号) hold
no value of the spec. Both were refused: no entity column, and each such column
'not an indicator', to be deleted by hand."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from conftest import invoke

SPEC = """\
spec: 1
id: projects
total: 100
indicators:
  - {id: execution, name: 预算执行率, weight: 60, unit: '%', target: 100, direction: higher,
     method: ratio}
  - {id: quality, name: 质量达标, weight: 40, method: {grades: {达标: 1, 未达标: 0}}}
"""


def _batch(tmp_path: Path, header: list[str], rows: list[list[str]], spec: str = SPEC) -> Any:
    (tmp_path / "s.yaml").write_text(spec, "utf-8")
    table = tmp_path / "t.csv"
    with table.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([header, *rows])
    code, out, err = invoke(
        "batch", str(tmp_path / "s.yaml"), str(table), "-f", "csv", "--lang", "en"
    )
    return code, list(csv.reader(out.splitlines())), err


def test_a_table_of_projects_is_named_by_its_project_column(tmp_path: Path) -> None:
    code, rows, err = _batch(
        tmp_path,
        ["序号", "主管部门", "项目名称", "项目编号", "预算执行率", "质量达标", "备注"],
        [
            ["1", "县教育局", "学生营养改善计划", "X-01", "95", "达标", "按期完成"],
            ["2", "县教育局", "校舍维修", "X-02", "80", "未达标", ""],
        ],
    )
    assert (code, err) == (0, "2 scored, 0 failed\n")
    assert [r[1:4] for r in rows[1:]] == [
        ["学生营养改善计划", "", "97.00"],
        ["校舍维修", "", "48.00"],
    ]


@pytest.mark.parametrize("unit", ["单位", "部门"])
def test_the_project_is_the_entity_beside_a_units_column(tmp_path: Path, unit: str) -> None:
    """A unit's column and a project's both named an entity: two entity columns."""
    code, rows, err = _batch(
        tmp_path,
        [unit, "项目", "预算执行率", "质量达标"],
        [["县教育局", "校舍维修", "80", "达标"], ["县教育局", "学生资助", "100", "达标"]],
    )
    assert code == 0, err
    assert [r[1] for r in rows[1:]] == ["校舍维修", "学生资助"]
    assert not any("县教育局" in cell for r in rows for cell in r)  # the unit's column: not read


def test_a_column_named_entity_is_the_entity_beside_a_projects_column(tmp_path: Path) -> None:
    code, rows, err = _batch(
        tmp_path,
        ["entity", "项目名称", "预算执行率", "质量达标"],
        [["甲局", "校舍维修", "80", "达标"]],
    )
    assert code == 0, err
    assert rows[1][1] == "甲局"


def test_a_spec_that_names_an_indicator_项目_reads_its_column(tmp_path: Path) -> None:
    """项目 was taken for the entity though the spec names an indicator so: the
    table's 单位 column was left out, and the indicator's column with it."""
    spec = SPEC.replace("name: 质量达标", "name: 项目")
    code, rows, err = _batch(
        tmp_path, ["单位", "预算执行率", "项目"], [["甲局", "100", "未达标"]], spec
    )
    assert code == 0, err
    assert rows[1][1:4] == ["甲局", "", "60.00"]


def test_a_column_the_spec_names_is_read_though_it_reads_as_a_description(
    tmp_path: Path,
) -> None:
    spec = SPEC.replace("name: 质量达标", "name: 说明")
    code, rows, err = _batch(
        tmp_path, ["单位", "预算执行率", "说明"], [["甲", "100", "未达标"]], spec
    )
    assert code == 0, err
    assert rows[1][3] == "60.00"  # 说明 read as quality's grade: 未达标, 0 of 40


def test_another_column_is_still_refused(tmp_path: Path) -> None:
    code, _rows, err = _batch(
        tmp_path, ["单位", "预算执行率", "质量达标", "审计意见"], [["甲", "100", "达标", "无"]]
    )
    assert code == 1
    assert err.startswith(f"{tmp_path / 't.csv'}:1:4: column '审计意见' is not an indicator")
