"""A qualitative indicator's text target (``target: 健全``, ``按时完成``) is carried by
every output that shows targets: the 年度指标值 of the terminal table, JSON (with its
schema), CSV, Markdown, HTML, the XLSX working paper, the blank 自评表 and the rule
comparison."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import invoke
from jsonschema import Draft7Validator
from openpyxl import load_workbook
from typer.testing import CliRunner

from engine.cli import app
from engine.spec.schema import schema

SPEC = """\
spec: 1
id: text-targets
total: 10
indicators:
  - {id: system, name: 制度健全性, weight: 4, target: 健全,
     method: {grades: {健全: 1, 基本健全: 0.6, 不健全: 0}}}
  - {id: schedule, name: 项目完成及时性, weight: 3, target: 按时完成,
     method: {grades: {按时完成: 1, 延期完成: 0.5, 未完成: 0}}}
  - {id: trips, name: 外出招商活动次数, weight: 3, unit: 次, direction: higher, target: 4,
     method: ratio}
"""
ACTUALS = "spec: text-targets\nvalues: {system: 基本健全, schedule: 按时完成, trips: 3}\n"


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, str]:
    spec, actuals = tmp_path / "spec.yaml", tmp_path / "actuals.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    actuals.write_text(ACTUALS, encoding="utf-8")
    return str(spec), str(actuals)


def _score(files: tuple[str, str], *args: str) -> str:
    result = CliRunner().invoke(app, ["score", *files, "--lang", "en", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_json_carries_the_text_target_beside_the_numeric_one(files: tuple[str, str]) -> None:
    doc = json.loads(_score(files, "-f", "json"))
    Draft7Validator(schema("scorecard")).validate(doc)
    shown = {r["id"]: (r["target"], r["target_label"]) for r in doc["indicators"]}
    assert shown == {
        "system": (None, "健全"),
        "schedule": (None, "按时完成"),
        "trips": ("4", None),
    }


def test_csv_shows_it_in_the_target_column(files: tuple[str, str]) -> None:
    rows = _score(files, "-f", "csv").splitlines()
    assert rows[1].startswith("1,system,制度健全性,,,健全,基本健全,4,4,2.40,")
    assert rows[2].startswith("1,schedule,项目完成及时性,,,按时完成,按时完成,3,3,3.00,")


def test_markdown_and_html_show_it(files: tuple[str, str]) -> None:
    markdown = _score(files, "-f", "markdown")
    assert "| 制度健全性 | 健全 | 基本健全 |" in markdown
    assert "| 项目完成及时性 | 按时完成 | 按时完成 |" in markdown
    html = _score(files, "-f", "html")
    assert "<td>健全</td><td>基本健全</td>" in html
    assert "<td>按时完成</td><td>按时完成</td>" in html


def test_the_terminal_table_shows_it(files: tuple[str, str]) -> None:
    table = _score(files, "-f", "table", "--width", "140")
    line = next(t for t in table.splitlines() if "制度健全性" in t)
    assert "健全" in line.split("制度健全性", 1)[1]
    assert "按时完成" in next(t for t in table.splitlines() if "项目完成及时性" in t)


def _column(path: Path, header: str) -> list[object]:
    ws = load_workbook(path).worksheets[0]
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == header:
                return [ws.cell(r, cell.column).value for r in range(cell.row + 1, ws.max_row + 1)]
    raise AssertionError(f"no column {header}")


def test_the_xlsx_working_paper_shows_it_as_the_年度指标值(
    files: tuple[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "paper.xlsx"
    _score(files, "-f", "xlsx", "-o", str(out))
    column = _column(out, "年度指标值")
    assert "健全" in column and "按时完成" in column


def test_the_blank_form_shows_it_as_the_年度指标值(files: tuple[str, str], tmp_path: Path) -> None:
    out = tmp_path / "form.xlsx"
    result = CliRunner().invoke(app, ["template", files[0], "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    column = _column(out, "年度指标值")
    assert column[:2] == ["健全", "按时完成"]


def test_the_rule_comparison_lists_a_changed_text_target(
    files: tuple[str, str], tmp_path: Path
) -> None:
    changed = tmp_path / "changed.yaml"
    changed.write_text(SPEC.replace("target: 按时完成", "target: 延期完成"), encoding="utf-8")
    result = CliRunner().invoke(app, ["compare", files[0], str(changed), "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    assert "  项目完成及时性 (schedule)\n    target: 按时完成 → 延期完成\n" in result.stdout


@pytest.mark.parametrize(
    ("target", "hint"),
    [
        (
            "≥95%",
            "; write the comparison as the direction and the number as the target: "
            "direction: higher, target: 95",
        ),
        (
            "<= 10次",
            "; write the comparison as the direction and the number as the target: "
            "direction: lower, target: 10",
        ),
        ("＝100%", "; write the number alone, target: 100"),
    ],
)
def test_a_target_written_with_its_comparison_is_told_how_to_write_it(
    tmp_path: Path, target: str, hint: str
) -> None:
    """Tables write targets as ≥95% (DOMAIN): a spec gives direction and number."""
    spec = tmp_path / "t.yaml"
    spec.write_text(
        "spec: 1\nid: t\ntotal: 5\nindicators:\n"
        f"  - {{id: a, name: A, weight: 5, target: '{target}', method: ratio}}\n",
        encoding="utf-8",
    )
    code, _out, err = invoke("validate", str(spec))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{spec}:5:41: 'target' must be a number, not the text '{target}'{hint}"
    )
