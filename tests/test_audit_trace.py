"""Derivations an auditor checks without the spec open: bands and grade scales
printed whole with the row that applied marked, a conditional whose untaken
branch would divide by zero, weights the spec marks as assumed, and the spec's
source and description in the header.

Regenerate the golden files after an intended change with
``UPDATE_GOLDEN=1 python -m pytest tests/test_audit_trace.py`` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import update_wanted
from typer.testing import CliRunner

from engine.cli import app

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "audit"
DEMO = ("examples/docs/audit-demo.yaml", "examples/docs/audit-demo-actuals.yaml")


pytestmark = pytest.mark.usefixtures("in_root")


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    return result.stdout


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if update_wanted():
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"differs from {path}"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", ["table", "tree", "markdown"])
def test_the_demo_scorecard_matches_its_golden_file(fmt: str, lang: str) -> None:
    out = run("score", *DEMO, "--format", fmt, "--width", "80", "--lang", lang)
    golden(f"demo.{fmt}.{lang}.txt", out)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_explain_prints_the_bands_whole_with_the_matched_row_marked(lang: str) -> None:
    out = run("explain", *DEMO, "key_spending", "--width", "80", "--lang", lang)
    golden(f"bands.{lang}.txt", out)
    marked = [line for line in out.splitlines() if line.lstrip().startswith("▶")]
    assert len(marked) == 1
    assert ("band 2" if lang == "en" else "第 2 档") in marked[0]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_untaken_division_by_zero_shows_no_arithmetic(lang: str) -> None:
    out = run("explain", *DEMO, "incidents", "--width", "80", "--lang", lang)
    golden(f"conditional.{lang}.txt", out)
    assert "/ 0" not in out and "3/0" not in out
    assert ("2 if 0 <= 3 else …") in out
    not_taken = "not taken" if lang == "en" else "未采用"
    assert f"weight * target / actual {not_taken}" in out


def test_the_table_flags_assumed_weights_and_states_them_in_the_trace() -> None:
    table = run("score", *DEMO, "--width", "80", "--lang", "en")
    flagged = [line.split()[0] for line in table.splitlines() if line.endswith("  A")]
    assert flagged == ["履行职能", "管理制度健全性"]
    tree = run("score", *DEMO, "--format", "tree", "--width", "80", "--lang", "en")
    assert "  assumed by the spec: 分值原文未列出，按平均分配" in tree
    assert "    assumed with its group 履行职能: 分值原文未列出，按平均分配" in tree


def test_json_carries_the_assumed_marks_and_every_scale_row() -> None:
    data = json.loads(run("score", *DEMO, "--format", "json"))
    golden("demo.json", json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    duties = data["indicators"][1]
    assert duties["assumed"] == "分值原文未列出，按平均分配"
    assert [c["assumed"] for c in duties["children"]] == [None, ""]
    band = data["indicators"][0]["children"][0]["trace"][0]
    assert [(r["label"], r["condition"], r["outcome"], r["matched"]) for r in band["rows"]] == [
        ("band 1", "actual ≥ 90", "3 points", False),
        ("band 2", "actual ≥ 80", "2 points", True),
        ("band 3", "actual ≥ 60", "1 points", False),
        ("band 4", "otherwise", "0 points", False),
    ]
    grade = data["total_trace"][-1]
    assert [r["matched"] for r in grade["rows"]] == [False, False, True, False]


def test_the_header_wraps_the_source_and_description_at_80_columns() -> None:
    out = run("score", *DEMO, "--width", "80", "--lang", "zh")
    head = out.splitlines()[2:6]
    assert head[0].startswith("来源：某区财政局")
    assert head[1].startswith("      ") and head[2].startswith("说明：")
    from rich.cells import cell_len

    assert all(cell_len(line) <= 80 for line in out.splitlines())
