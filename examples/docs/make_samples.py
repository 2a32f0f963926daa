"""Write the sample tables of docs/tables.md that are not plain UTF-8 text.

    python3 examples/docs/make_samples.py [FOLDER]

writes into FOLDER (default: the folder of this script)

- units-gbk.csv       units.csv converted to GBK
- roads.xlsx          a sheet 说明 with one line of text, then a sheet 2023 with
                      three entities for specs/national-project-2020.yaml
- roads-formula.xlsx  the same, but the third entity's spent is the formula
                      =C4*0.9, with no saved value (as a program writes it)

The files are made, not shipped, so that the repository holds no binary file.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent

HEADER = [
    "单位",
    "年度",
    "allocated",
    "spent",
    "road_km",
    "bridges",
    "markings",
    "pass_rate",
    "good_roads",
    "on_time",
    "delay_days",
    "unit_cost",
    "travel",
    "score.travel",
    "freight_cost",
    "greening",
    "score.greening",
    "na.greening",
    "upkeep",
    "survey",
    "notes.unit_cost",
]

# Saved as Excel saves a percentage: 96.5% is the number 0.965 shown as 0.0%.
PERCENT = {"pass_rate", "good_roads", "on_time", "freight_cost", "survey"}

ROWS = [
    # 某县: examples/rural-roads-2023/actuals.yaml, without the override
    [
        "某县交通运输局",
        "2023",
        1250,
        1068.75,
        126.4,
        27,
        40,
        0.965,
        0.762,
        0.92,
        3,
        2.8,
        "部分达成",
        7.5,
        0.042,
        None,
        None,
        "本年度项目不含路域绿化内容",
        "已建立",
        0.936,
        "沥青价格上涨",
    ],
    [
        "邻县交通运输局",
        "2023",
        980,
        952.56,
        131.2,
        30,
        42,
        0.986,
        0.845,
        1,
        1,
        2.6,
        "达成",
        9.5,
        0.056,
        "达成",
        4.5,
        None,
        "已建立",
        0.951,
        None,
    ],
    # its spent is 90% of allocated: =C4*0.9 in roads-formula.xlsx
    [
        "另一县交通运输局",
        "2023",
        860,
        774,
        96.4,
        22,
        31,
        0.912,
        0.684,
        0.72,
        9,
        3.1,
        "部分达成",
        6.5,
        0.029,
        "不适用",
        None,
        None,
        "部分建立",
        0.689,
        None,
    ],
]


def write_roads(path: Path, *, formula: bool) -> None:
    wb = openpyxl.Workbook()
    note = wb.active
    note.title = "说明"
    note["A1"] = "第二页“2023”是数据 / the data is on sheet 2023"
    ws = wb.create_sheet("2023")
    ws.append(HEADER)
    for row in ROWS:
        ws.append(row)
    for col, name in enumerate(HEADER, start=1):
        if name in PERCENT:
            for r in range(2, len(ROWS) + 2):
                ws.cell(row=r, column=col).number_format = "0.0%"
    if formula:
        ws["D4"] = "=C4*0.9"
    wb.save(path)


def main(argv: list[str]) -> None:
    folder = Path(argv[0]) if argv else HERE
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    gbk = folder / "units-gbk.csv"
    gbk.write_bytes((HERE / "units.csv").read_text("utf-8").encode("gbk"))
    written.append(gbk)
    for name, formula in (("roads.xlsx", False), ("roads-formula.xlsx", True)):
        write_roads(folder / name, formula=formula)
        written.append(folder / name)
    for path in written:
        print(f"wrote {Path(os.path.relpath(path)).as_posix()}")


if __name__ == "__main__":
    main(sys.argv[1:])
