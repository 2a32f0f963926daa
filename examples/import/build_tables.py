"""Build the example 指标表 workbooks in the layouts designers receive (see the designer
guide, "Importing an indicator table"). Run: python examples/import/build_tables.py DIR

The tests build the same tables with these functions and import them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook


def _rows(ws: Any, first: int, rows: list[list[Any]]) -> None:
    for r, row in enumerate(rows, start=first):
        for c, value in enumerate(row, start=1):
            if value is not None:
                cell = ws.cell(r, c, value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # text such as '=100%, as typed with a leading quote


def national_project(path: Path) -> None:
    """项目支出绩效自评表: a funds block, merged 一级/二级指标, 年度指标值 with operators."""
    wb = Workbook()
    ws = wb.active
    ws.title = "项目支出绩效自评表"
    ws.cell(1, 1, "项目支出绩效自评表（2023年度）")
    ws.merge_cells("A1:H1")
    _rows(
        ws,
        2,
        [
            [
                "项目资金（万元）",
                None,
                "年初预算数",
                "全年预算数",
                "全年执行数",
                "分值",
                "执行率",
                "得分",
            ],
            ["年度资金总额", None, 500, 520, 480, 10, None, None],
        ],
    )
    _rows(
        ws,
        5,
        [
            [
                "一级指标",
                "二级指标",
                "三级指标",
                "年度指标值",
                "实际完成值",
                "分值",
                "得分",
                "偏差原因分析及改进措施",
            ],
            ["产出指标", "数量指标", "公路养护里程", "≥120公里", None, 20, None, None],
            [None, None, "桥梁定期检测座数", "≥30座", None, 10, None, None],
            [None, "质量指标", "养护工程验收合格率", "≥95%", None, 10, None, None],
            [None, "时效指标", "养护任务完成时间", "按时完成", None, 10, None, None],
            ["效益指标", "社会效益指标", "群众出行投诉次数", "≤10次", None, 15, None, None],
            [None, "可持续影响指标", "管护制度健全性", "健全", None, 15, None, None],
            ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", None, 10, None, None],
            ["总分", None, None, None, None, 100, None, None],
        ],
    )
    ws.merge_cells("A6:A9")
    ws.merge_cells("B6:B7")
    ws.merge_cells("A10:A11")
    wb.save(path)


def chongqing_dept(path: Path) -> None:
    """重庆 部门整体: 年初指标值 | 全年完成值 | 得分系数 | 权重 | 得分; upper levels once."""
    wb = Workbook()
    ws = wb.active
    ws.title = "部门整体绩效"
    _rows(
        ws,
        1,
        [
            ["一级指标", "二级指标", "年初指标值", "全年完成值", "得分系数", "权重", "得分"],
            ["投入管理", "在职人员控制率", "≤100%", None, None, 10, None],
            [None, "三公经费变动率", "≤0%", None, None, 10, None],
            [None, "重点支出安排率", "≥90%", None, None, 10, None],
            ["过程管理", "预算完成率", "≥95%", None, None, 15, None],
            [None, "政府采购执行率", "=100%", None, None, 15, None],
            ["产出效益", "实际完成率", "≥100%", None, None, 20, None],
            [None, "服务对象满意度", "≥90%", None, None, 20, None],
        ],
    )
    wb.save(path)


def inner_mongolia(path: Path) -> None:
    """内蒙古: 指标方向 and the operator in their own columns, a 计量单位 column, and one
    row whose direction contradicts its operator."""
    wb = Workbook()
    ws = wb.active
    ws.title = "绩效目标表"
    _rows(
        ws,
        1,
        [
            [
                "一级指标",
                "二级指标",
                "三级指标",
                "指标方向",
                "运算符",
                "指标值",
                "计量单位",
                "分值",
                "评分标准",
            ],
            [
                "产出指标",
                "数量指标",
                "培训人次",
                "正向",
                "大于等于",
                800,
                "人次",
                20,
                "完成率×分值",
            ],
            [
                None,
                "质量指标",
                "培训合格率",
                "正向",
                "大于等于",
                95,
                "%",
                20,
                "≥95%得满分，90%-95%得80%，低于90%不得分",
            ],
            [
                None,
                "成本指标",
                "人均培训成本",
                "正向",
                "小于等于",
                300,
                "元",
                10,
                "达到指标值得满分，未达到按比例扣分",
            ],
            [
                "效益指标",
                "社会效益指标",
                "安全事故发生次数",
                "反向",
                "等于",
                0,
                "次",
                20,
                "每发生一次扣5分，扣完为止",
            ],
            [
                None,
                "可持续影响指标",
                "培训档案管理",
                "正向",
                "等于",
                "规范",
                None,
                10,
                "规范得满分，基本规范得60%，不规范不得分",
            ],
            [
                "满意度指标",
                "服务对象满意度",
                "学员满意度",
                "正向",
                "大于等于",
                90,
                "%",
                20,
                "每降低1个百分点扣0.5分",
            ],
        ],
    )
    for r in range(2, 5):
        ws.cell(r, 1).value = "产出指标"
    wb.save(path)


def scoring_table(path: Path) -> None:
    """评分表: 指标 | 指标解释 | 评分标准 | 分值 | 得分 | 扣分原因, flat."""
    wb = Workbook()
    ws = wb.active
    ws.title = "评分表"
    _rows(
        ws,
        1,
        [
            ["指标", "指标解释", "评分标准", "分值", "得分", "扣分原因"],
            [
                "管理制度健全性",
                "内部管理制度是否健全",
                "健全得满分，基本健全得60%，不健全不得分",
                20,
                None,
                None,
            ],
            ["资金使用合规性", "违规使用资金的次数", "每发生一次扣2分，扣完为止", 20, None, None],
            [
                "预算调整率",
                "调整数/年初预算数",
                "≤5%得满分，5%-10%得50%，高于10%不得分",
                20,
                None,
                None,
            ],
            [
                "信息公开及时性",
                "按规定公开预决算",
                "在规定时间内完成得满分，否则不得分",
                20,
                None,
                None,
            ],
            ["结转结余率", "结转结余/支出预算", "按比例得分", 20, None, None],
        ],
    )
    wb.save(path)


TABLES: dict[str, Callable[[Path], None]] = {
    "national-project.xlsx": national_project,
    "chongqing-dept.xlsx": chongqing_dept,
    "inner-mongolia.xlsx": inner_mongolia,
    "scoring-table.xlsx": scoring_table,
}


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent)
    for name, build in TABLES.items():
        build(folder / name)
        print(folder / name)
