"""``--help`` laid out by display width: the command listing's summaries cut by
cells (never inside a wide character), and Chinese headings and usage lines with
the full-width colon, like the command-line errors."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from engine.cli import app

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


@pytest.mark.parametrize(("columns", "lang"), [(60, "zh"), (80, "zh"), (60, "en"), (80, "en")])
def test_the_command_list_folds_each_summary_whole_within_the_terminal(
    columns: int, lang: str
) -> None:
    """Summaries were cut with … to keep a line per command ("加 --resolved 时输…"):
    each is whole now, folded under itself within the width."""
    text = helped(columns, lang)
    listing = text.split("命令：\n" if lang == "zh" else "Commands:\n", 1)[1].splitlines()
    assert "…" not in "".join(listing)
    for line in listing:
        assert cell_len(line) <= columns - 2, line  # click's width: the terminal's less 2
    names = [line.split(None, 1)[0] for line in listing if not line.startswith(" " * 4)]
    assert len(names) == 16 and names[:3] == ["validate", "schema", "score"]
    joined = " ".join(line.strip() for line in listing)
    whole = (
        "view 在终端中浏览：指标树，每个推导过程旁边是它在规格中的来源和实际值"
        if lang == "zh"
        else "view Explore in the terminal: the indicator tree, each derivation"
    )
    assert whole.replace(" ", "") in joined.replace(" ", "")


def test_chinese_help_takes_the_full_width_colon() -> None:
    text = helped(80, "zh", "explain")
    assert text.startswith("用法：scorecard explain [选项] SPEC ACTUALS ID\n")
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
