"""``--help`` laid out by display width: the command listing's summaries cut by
cells (never inside a wide character), and Chinese headings and usage lines with
the full-width colon, like the command-line errors."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from typer.testing import CliRunner

from engine.cli import app
from engine.cli.helpformat import cut_cells

pytestmark = pytest.mark.usefixtures("in_root")


def helped(columns: int, lang: str, *args: str) -> str:
    """``scorecard ARGS --help`` in a terminal ``columns`` wide (a process of its own:
    the in-process runner fixes the width at 80)."""
    env = {**os.environ, "COLUMNS": str(columns), "SCORECARD_LANG": lang}
    done = subprocess.run(
        [sys.executable, "-m", "engine", *args, "--help"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,  # a hang guard only
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("columns", [60, 80])
def test_the_chinese_command_list_fits_the_terminal_a_line_per_command(columns: int) -> None:
    text = helped(columns, "zh")
    listing = text.split("命令：\n", 1)[1].splitlines()
    assert len(listing) == 16  # one line per command: nothing wrapped
    for line in listing:
        assert cell_len(line) <= columns - 2, line  # click's width: the terminal's less 2
        summary = line.split(None, 1)[1]
        assert summary.endswith(("。", "…")), line
    by_name = dict(line.split(None, 1) for line in listing)
    assert by_name["score"] == "按规格为一个单位的实际值计分，并输出评分表。"  # whole when it fits
    view = by_name["view"]
    whole = "在终端中浏览：指标树，每个推导过程旁边是它在规格中的来源和实际值行"
    assert view.endswith("…") and whole.startswith(view[:-1])
    # cut as late as the line allows: one more character would not fit
    room = columns - 2 - len("  template  ")
    assert cell_len(view) <= room < cell_len(view) + 2


def test_the_english_command_list_is_clicks() -> None:
    text = helped(60, "en")
    assert "  score     Score one entity's actuals against a spec..." in text


def test_chinese_help_takes_the_full_width_colon() -> None:
    text = helped(80, "zh", "explain")
    assert text.startswith("用法：scorecard explain [OPTIONS] SPEC ACTUALS ID\n")
    assert "\n参数：\n" in text and "\n选项：\n" in text
    english = helped(80, "en", "explain")
    assert english.startswith("Usage: scorecard explain ") and "\nArguments:\n" in english


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "scorecard view：view 是交互式的，需要终端；"),
        ("en", "scorecard view: view is interactive and needs a terminal; "),
    ],
)
def test_a_commands_own_usage_error_has_the_colon_of_typers(lang: str, expected: str) -> None:
    result = CliRunner().invoke(
        app,
        ["view", "specs/gz-dept-overall-2021.yaml", "examples/licheng-2021/actuals.yaml"],
        env={"SCORECARD_LANG": lang},
    )
    assert result.exit_code == 2 and result.stderr.startswith(expected)


@settings(deadline=None)
@given(st.text(alphabet="ab 1中文，。（", max_size=30), st.integers(2, 40))
def test_a_cut_is_within_the_width_and_a_prefix(text: str, width: int) -> None:
    cut = cut_cells(text, width)
    assert cell_len(cut) <= width
    if cut == text:
        assert cell_len(text) <= width
    else:
        assert cut.endswith("…") and text.startswith(cut[:-1])
        # nothing more fits: the next character would pass the width
        rest = text[len(cut) - 1 :]
        assert cell_len(cut) + cell_len(rest[:1]) > width - 1 or rest[:1] in " （"


def test_a_wide_character_that_does_not_fit_is_left_out_whole() -> None:
    assert cut_cells("预算执行率", 6) == "预算…"  # 4 cells + …; 执 would need 2 more
    assert cut_cells("预算执行率", 10) == "预算执行率"
    assert cut_cells("ab预算", 4) == "ab…"
