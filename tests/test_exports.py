"""File exports of one scorecard: Markdown, CSV, HTML, XLSX."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from engine.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEED = ("specs/gz-dept-overall-2021.yaml", "examples/licheng-2021/actuals.yaml")


pytestmark = pytest.mark.usefixtures("in_root")


def run(*args: str) -> str:
    result = CliRunner().invoke(app, ["score", *SEED, *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_markdown_has_every_indicator_and_the_total() -> None:
    md = run("-f", "markdown")
    assert md.startswith("# 部门整体支出绩效自评（广州 2021，街道）")
    assert (
        "| &nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;外出招商活动次数 | ≥ 4 次 | 3 次 | "
        "3.75 | 2.81 | 3.75 × min(3/4, 1) |  | 受疫情影响，外出招商活动减少 |" in md
    )
    assert "**Total 88.59 / 100.00** · grade **良**" in md


def test_csv_one_row_per_indicator_plus_the_total() -> None:
    rows = list(csv.DictReader(io.StringIO(run("-f", "csv"))))
    assert len(rows) == 32
    trips = next(r for r in rows if r["id"] == "trips")
    assert (trips["level"], trips["score"], trips["target"], trips["actual"]) == (
        "3",
        "2.81",
        "4",
        "3",
    )
    assert rows[-1]["name"] == "total" and rows[-1]["score"] == "88.59"


def test_html_is_one_self_contained_file_with_every_derivation(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    run("-f", "html", "-o", str(out))
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count("<details>") == 32
    assert "= 3.75 * min(3 / 4, 1)" in page and "2.8125 → 2.81" in page
    assert "http" not in page.replace("http-equiv", "")  # nothing fetched from elsewhere
    assert "beforeprint" in page  # derivations open when printed


def test_xlsx_follows_the_self_evaluation_table_layout(tmp_path: Path) -> None:
    out = tmp_path / "r.xlsx"
    run("-f", "xlsx", "-o", str(out))
    ws = load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[2] == (
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因",
    )
    trips = next(r for r in rows if r[2] == "外出招商活动次数")
    # numbers, with the direction and unit in the number format (see test_working_paper)
    assert trips[3:] == (4, 3, 3.75, 2.81, "受疫情影响，外出招商活动减少")
    total = next(r for r in rows if r[0] == "合计")  # the published result follows it
    assert total[5:] == (100, 88.59, "等级 良")
    assert "A4:A13" in {str(r) for r in ws.merged_cells.ranges}


def test_xlsx_needs_an_output_file() -> None:
    result = CliRunner().invoke(app, ["score", *SEED, "-f", "xlsx"])
    assert result.exit_code == 2 and "give -o FILE.xlsx" in result.stderr


@pytest.mark.parametrize(
    ("fmt", "legend"), [("markdown", "\n{w}\n"), ("html", "<small>{w}.</small>")]
)
def test_weights_marked_as_changed_have_their_legend_in_every_format(fmt: str, legend: str) -> None:
    """The terminal's table said what Wt* means; markdown and HTML marked the
    weights with * and said nothing."""
    na = ("specs/gz-dept-overall-2021.yaml", "examples/docs/licheng-na.yaml")
    result = CliRunner().invoke(app, ["score", *na, "-f", fmt])
    assert result.exit_code == 0, result.stderr
    words = "Wt*: changed by not-applicable indicators (exact value in the trace)"
    assert legend.format(w=words) in result.stdout
    assert words not in run("-f", fmt)  # none changed: no legend
