"""Chinese laid out by display width: ``--help`` at 80 columns, and the terminal
outputs at 60 and 80 columns with Chinese names, notes and units.

A Chinese character takes two columns. The rules held here: no line is wider than
the terminal (but a stamp's hash, kept whole); no line starts with closing
punctuation (、，。；：”）); a number keeps its counter word (``3 座``, ``90 次``)
and a compound unit breaks after its slash only (``万元/`` ``公里``). Golden
files: regenerate with ``UPDATE_GOLDEN=1`` and review the diff.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from conftest import update_wanted
from rich.cells import cell_len
from typer.testing import CliRunner

from engine.cli import app
from engine.render.safe_text import cell_len as shown_cells
from engine.render.wrap import NO_LINE_END, NO_LINE_START, break_offsets, char_cells, tokens

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "i18n"
SEED = ("specs/gz-dept-overall-2021.yaml", "examples/licheng-2021/actuals.yaml")
ROADS = ("specs/national-project-2020.yaml", "examples/rural-roads-2023/actuals.yaml")
#: a stamp's hash, never folded (a hash cut in two is copied broken): it may run on
STAMP = re.compile(r"\w+_sha256 [0-9a-f]{64}")
#: counter words and units the shipped examples put after a number
COUNTERS = "次个万元人项座天家户件"


def _invoke(args: list[str], columns: int) -> str:
    env = {"LANG": "zh_CN.UTF-8", "COLUMNS": str(columns), "SCORECARD_LANG": ""}
    result = CliRunner().invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def broken_rules(text: str, width: int) -> list[str]:
    """Every line of ``text`` that breaks a rule of the module's note, said how."""
    lines = text.split("\n")
    wrong = []
    for i, line in enumerate(lines):
        body = line.strip()
        if cell_len(line) > width and not STAMP.fullmatch(line):
            wrong.append(f"wider than {width}: {line}")
        # "… if c else x": a conditional whose untaken branch is elided starts so
        if body and body[0] in NO_LINE_START and not body.startswith("… if "):
            wrong.append(f"starts with {body[0]}: {line}")
        if body and body[-1] in NO_LINE_END:
            wrong.append(f"ends with {body[-1]}: {line}")
        after = lines[i + 1].strip() if i + 1 < len(lines) else ""
        prose_number = re.search(r"(?<![\d.\s])\s?\d[\d.,]*$", body)  # not a row of scores
        if prose_number and after[:1] and after[0] in COUNTERS:
            wrong.append(f"a number parted from its counter word: {line} / {after}")
    return wrong


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if update_wanted():
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"differs from {path}"


HELP = ["", "score", "batch", "compare", "view"]


@pytest.mark.parametrize("command", HELP)
def test_chinese_help_is_laid_out_by_display_width(
    command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before, a Chinese paragraph ran to about twice the terminal's width."""
    monkeypatch.chdir(ROOT)
    text = _invoke([command, "--help"] if command else ["--help"], 80)
    assert text.startswith("用法：scorecard")
    assert broken_rules(text, 80) == []
    assert max(cell_len(line) for line in text.split("\n")) > 70  # the room is used
    _golden(f"help-{command or 'scorecard'}.zh.txt", text)


def test_english_help_is_wrapped_as_click_wraps_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only text with wide characters is laid out anew: plain English is click's."""
    import typer._click.formatting as cf

    from engine.cli.helpformat import wrap_help

    text = "Width of the text output in columns (default: the terminal's, or 80 when piped)."
    assert wrap_help(text, 30) == cf.wrap_text(text, 30)
    wide = "界面语言：zh（中文）或 en（英文）；默认取 SCORECARD_LANG，其次 LC_ALL"
    assert [cell_len(line) <= 30 for line in wrap_help(wide, 30).split("\n")] == [True] * 3


#: the outputs held at 60 and 80 columns, by golden-file name
NARROW: dict[str, list[str]] = {
    "score-roads": ["score", *ROADS],
    "tree-roads": ["score", *ROADS, "--format", "tree"],
    "whatif": ["whatif", *SEED],
    "explain": ["explain", *SEED, "training"],
}


@pytest.mark.parametrize("width", [60, 80])
@pytest.mark.parametrize("name", list(NARROW))
def test_narrow_terminals_keep_the_chinese_line_breaking_rules(
    name: str, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    text = _invoke([*NARROW[name], "--width", str(width)], width)
    assert broken_rules(text, width) == []
    _golden(f"{name}.{width}.zh.txt", text)


def test_the_name_column_is_not_starved_at_60_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    lines = _invoke(["score", *ROADS, "--width", "60"], 60).split("\n")
    head = next(line for line in lines if line.startswith("指标"))
    name = cell_len(head[: head.index("目标值")]) - 2
    target = cell_len(head[head.index("目标值") : head.index("实际值")]) - 2
    actual = cell_len(head[head.index("实际值") : head.index("分值")]) - 2
    assert name >= 16 and name >= target and name >= actual
    # the unit 万元/公里 is parted after its slash, never inside 公里
    assert any(re.search(r"万元/ ", line) for line in lines)
    assert not any(re.search(r"万元/公\b|公 |公$", line) for line in lines)


def test_a_compound_unit_breaks_after_its_slash_only() -> None:
    assert tokens("2.8 万元/公里") == ["2.8 万元/", "公里"]
    assert tokens("≤ 2.5 万元/公里") == ["≤", " 2.5 万元/", "公里"]
    assert tokens("126.4 公里") == ["126.4 公里"]


@pytest.mark.parametrize(
    "ch", ["a", " ", "中", "，", "\x1b", "\x07", "\u200b", "😀", "\u0301", "ｱ"]
)
def test_a_character_measured_once_takes_the_cells_of_its_shown_text(ch: str) -> None:
    # wrapping measures characters through a cache: the same cells as the text
    # measured whole, an escape's for a control character (asked twice: the cached)
    assert char_cells(ch) == shown_cells(ch)
    assert char_cells(ch) == shown_cells(ch)


def test_break_offsets_keep_spaces_at_the_end_of_a_line_and_the_rules() -> None:
    text = "外出招商活动次数（trips）：从 3 次 得 3.00 分；weight if actual >= target"
    for width in range(12, 40):
        offsets = break_offsets(text, width)
        lines = [text[a:b] for a, b in zip([0, *offsets], [*offsets, len(text)], strict=True)]
        assert "".join(lines) == text
        assert all(cell_len(line.rstrip()) <= width for line in lines), (width, lines)
        assert all(not line.startswith(" ") for line in lines[1:]), (width, lines)
        assert all(line[0] not in NO_LINE_START for line in lines), (width, lines)
        parted = [(a, b) for a, b in itertools.pairwise(lines) if re.search(r"\d $", a)]
        assert not [(a, b) for a, b in parted if b[0] in COUNTERS]


def test_a_word_longer_than_a_line_is_parted_at_its_joints() -> None:
    """An id or a path too long for its line: after ``_``, ``-``, ``/`` or ``:``,
    before a ``.``; only a word with no joint in the line is cut where it ends."""
    from engine.render.wrap import wrap_cells

    assert wrap_cells("管理制度健全性 (management_system)", 16) == [
        "管理制度健全性",
        "(management_",
        "system)",
    ]
    assert wrap_cells("examples/docs/units-claimed.csv:2", 22) == [
        "examples/docs/units-",
        "claimed.csv:2",
    ]
    assert wrap_cells("licheng-2021/submission.yaml", 20) == ["licheng-2021/", "submission.yaml"]
    assert wrap_cells("submission.yaml", 12) == ["submission", ".yaml"]
    assert wrap_cells("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    text = "see (budget_execution) and (rental_registration)"
    for width in range(8, 30):
        offsets = break_offsets(text, width)
        starts = [0, *offsets]
        lines = [text[a:b] for a, b in zip(starts, [*offsets, len(text)], strict=True)]
        assert "".join(lines) == text
        # a line ends at a space or a joint, or the piece it cuts had none that fit
        cut = [a for a in lines[:-1] if a[-1] not in " _"]
        assert all(len(a.rstrip()) == width for a in cut), (width, lines)


def test_a_text_too_long_is_clipped_with_an_ellipsis() -> None:
    from engine.render.safe_text import Text
    from engine.render.wrap import clip, clip_text

    assert clip("预算执行率", 10) == "预算执行率"
    assert clip("预算执行率", 9) == "预算执行…"
    assert clip("预算执行率", 8) == "预算执…"  # 7 cells: a half of 行 is not shown
    assert clip("budget_execution", 8) == "budget_…"
    assert clip("abc", 1) == "…" and clip("abc", 0) == ""
    label = Text("9.08/10.00 ", style="bold")
    label.append("[D]", style="reverse")
    label.append(" 预算执行率")
    label.stylize("underline")  # a cursor's highlight, over the whole label
    cut = clip_text(label, 20)
    assert cut.plain == "9.08/10.00 [D] 预算…" and cut.cell_len == 20
    assert [str(s.style) for s in cut.spans if s.end == len(cut.plain)] == ["underline"]
    assert clip_text(label, 40) is label


def test_a_legend_wraps_between_its_entries() -> None:
    from engine.render.wrap import pack

    items = ["O 人工调整", "NA 不适用", "M 缺失", "C 封顶", "D 未得满分", "X 自评得分偏高"]
    assert pack(items, 80) == [" · ".join(items)]
    assert pack(items, 30) == [
        "O 人工调整 · NA 不适用 ·",
        "M 缺失 · C 封顶 · D 未得满分 ·",
        "X 自评得分偏高",
    ]
    assert pack(["a very long entry"], 8) == ["a very", "long", "entry"]
    assert pack([], 10) == []


def test_a_score_kept_whole_is_cut_to_the_places_in_its_column(tmp_path: Path) -> None:
    # 'disclosure' not applicable hands its 3.005 on: 4 × 20.005/17 full marks, which
    # a score at full marks keeps whole (weights finer than the places are handed on
    # exactly); it was shown with ten decimals and wrapped inside the Score column
    spec = tmp_path / "s.yaml"
    spec.write_text(
        "spec: 1\nid: s\ntotal: 20.005\nindicators:\n"
        "  - {id: system, name: 管理制度健全性, weight: 4, direction: higher, target: 100,"
        " method: ratio}\n"
        "  - {id: compliance, name: 资金使用合规性, weight: 13, direction: higher, target: 100,"
        " method: ratio}\n"
        "  - {id: disclosure, name: 预决算信息公开性, weight: 3.005, direction: higher,"
        " target: 100,"
        " method: ratio}\n",
        "utf-8",
    )
    actuals = tmp_path / "a.yaml"
    actuals.write_text(
        "spec: s\nentity: e\nperiod: '2023'\nvalues: {system: 120, compliance: 50}\n"
        "not_applicable: {disclosure: 无此项}\n",
        "utf-8",
    )
    text = _invoke(["score", str(spec), str(actuals), "--width", "80"], 80)
    row = next(line for line in text.split("\n") if "管理制度健全性" in line)
    assert row.split()[-3:] == ["4.71*", "4.70…", "C"]
    assert "4.7070…" in text  # the line below gives it to more places
    assert broken_rules(text, 80) == []


def test_a_long_unit_name_folds_under_itself_in_the_ranking_and_the_moves(
    tmp_path: Path,
) -> None:
    """It went back to column 0 ("标准农田建设项目办公室）  (2)" under the rank)."""
    name = "黑龙江省哈尔滨市道里区农业农村局（高标准农田建设项目办公室）"
    table = tmp_path / "t.csv"
    rows = (ROOT / "examples/docs/units.csv").read_text("utf-8").splitlines()
    table.write_text("\n".join([rows[0], rows[1].replace("荔城街道", name)]) + "\n", "utf-8")
    batch = _invoke(["batch", SEED[0], str(table), "--missing", "zero"], 60)
    lines = [x for x in batch.splitlines() if "(2)" in x or "黑龙江" in x]
    assert lines[0].startswith("    1     88.59  良     黑龙江")
    assert lines[1].startswith(" " * 24) and lines[1].rstrip().endswith("(2)")
    compare = _invoke(  # 88.59 falls from 良 to 中: a move to list
        ["compare", SEED[0], str(table), "--set", "grades.良.min=89", "--missing", "zero"], 60
    )
    moves = compare.split("变化最大的单位：\n")[1].splitlines()
    assert moves[0].startswith("  ±0.00  黑龙江") and moves[1].startswith(" " * 9)


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        (
            "zh",
            [
                "      目标值 ≤ 35.5 微克/立方米  实际值 38.123456 微克/立方米  分值 100.00",
                "      得分 93.12",
            ],
        ),
        (
            "en",
            [
                "      target ≤ 35.5 微克/立方米  actual 38.123456 微克/立方米  weight 100.00",
                "      score 93.12",
            ],
        ),
    ],
)
def test_a_tree_wraps_an_indicators_facts_between_them_not_inside_one(
    lang: str, lines: list[str], tmp_path: Path
) -> None:
    """At 80 columns 得分 ended a line and 93.12 began the next."""
    (tmp_path / "s.yaml").write_text(
        "spec: 1\nid: s\ntotal: 100\nrounding: {places: 2, mode: half_up}\nindicators:\n"
        "  - id: g1\n    name: 一级\n    weight: 100\n    children:\n"
        "      - id: g2\n        name: 二级\n        weight: 100\n        children:\n"
        "          - {id: pm25, name: 细颗粒物年均浓度, weight: 100, unit: 微克/立方米,\n"
        "             direction: lower, target: 35.5, method: ratio}\n",
        encoding="utf-8",
    )
    (tmp_path / "a.yaml").write_text("spec: s\nvalues: {pm25: 38.123456}\n", encoding="utf-8")
    args = ["--lang", lang, "score", str(tmp_path / "s.yaml"), str(tmp_path / "a.yaml")]
    text = _invoke([*args, "--format", "tree", "--width", "80"], 80)
    out = text.split("\n")
    at = next(i for i, line in enumerate(out) if line.strip().startswith(("目标值", "target")))
    assert out[at : at + 2] == lines


@pytest.mark.parametrize("columns", [60, 80])
def test_a_starred_weight_keeps_its_digits_under_the_others(columns: int) -> None:
    """A weight changed by a not-applicable indicator is starred (``12.00*``); the
    other weights leave that column free, so that decimals stand under decimals."""
    text = _invoke(["score", *ROADS, "--lang", "zh"], columns)
    weights = [m for line in text.split("\n") if (m := re.search(r"(\d+\.\d\d)(\*| ) +\d", line))]
    assert any(m.group(2) == "*" for m in weights) and any(m.group(2) == " " for m in weights)
    points = {cell_len(m.string[: m.start(1)]) + len(m.group(1)) - 3 for m in weights}
    assert len(points) == 1, points  # one column for every weight's decimal point


@pytest.mark.parametrize("columns", [60, 80])
def test_a_what_if_entry_that_wraps_goes_on_under_its_text(columns: int) -> None:
    """An entry of what-if's lists that wraps goes on two columns further in than
    the entries, so that its continuation is not read as the next indicator."""
    text = _invoke(["whatif", *SEED, "--lang", "zh"], columns)
    entries = [line for line in text.split("\n") if line.startswith("  ") and line.strip()]
    starts = {len(line) - len(line.lstrip(" ")) for line in entries}
    assert starts == {2, 4}  # entries at 2, their continuations at 4
    for line in entries:
        if not line.startswith("    "):
            assert "（" in line and "）：" in line, line  # an entry: 名称（id）：


def test_a_hung_entry_measures_as_its_text() -> None:
    """Inside a table or a panel fitted to its content, an entry is as wide as its
    text (it measured the whole width)."""
    from rich.console import Console
    from rich.measure import Measurement

    from engine.render.safe_text import Text
    from engine.render.text import hanging

    console = Console(width=60)
    entry = Text("短（x）：1")
    hung = hanging([Text("  短（x）：1")], more=2)[0]
    assert Measurement.get(console, console.options, hung) == Measurement.get(
        console, console.options, hanging([Text("  短（x）：1")])[0]
    )
    assert Measurement.get(console, console.options, hung).maximum == entry.cell_len + 2
