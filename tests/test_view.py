"""The terminal explorer (`scorecard view`), driven headless by Textual's pilot at
80×24: key presses, then assertions on what the screen shows; and snapshot tests
of whole screens (pytest-textual-snapshot; after an intended change, run with
``--snapshot-update`` and review the SVGs).

With ``UPDATE_SCREENSHOTS=1`` the walk-through also writes the explorer's
screenshots of the docs (docs/img/view-*.svg).
"""

from __future__ import annotations

import asyncio
import functools
import io
import os
from collections.abc import Callable, Coroutine
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from textual.widgets import Static, Tree
from typer.testing import CliRunner

from engine.base.i18n import _, language, speaking
from engine.cli import app as cli
from engine.cli.inputs import load_spec_with_sets
from engine.cli.view import entity_screen, table_screen
from engine.render import explore
from engine.render.explorer import KEY_LINE, Explorer, ScorecardScreen
from engine.render.explorer_units import sort_keys
from engine.render.safe_text import cell_len
from engine.scoring.actuals import load_actuals
from engine.scoring.evaluate import evaluate
from tests.conftest import hang_guard

ROOT = Path(__file__).resolve().parent.parent
GZ = "specs/gz-dept-overall-2021.yaml"
LICHENG = "examples/licheng-2021/actuals.yaml"
ROADS = ("specs/national-project-2020.yaml", "examples/rural-roads-2023/actuals.yaml")
SIZE = (80, 24)


@pytest.fixture(autouse=True)
def in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # positions name the files as given: relative paths
    monkeypatch.setenv("NO_COLOR", "1")  # what the screen says must not need colour


def sync(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """An async test run to its end in its own event loop."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def entity(spec: str = GZ, actuals: str = LICHENG) -> Explorer:
    return Explorer(entity_screen(load_spec_with_sets(spec), actuals, "error"))


def table(path: str = "examples/docs/units.csv") -> Explorer:
    return Explorer(table_screen(load_spec_with_sets(GZ), path, "error"))


def screen_text(app: Explorer) -> str:
    """What the terminal shows, as plain text."""
    console = Console(
        width=app.size.width,
        height=app.size.height,
        file=io.StringIO(),
        record=True,
        color_system=None,
        legacy_windows=False,
    )
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


def flat(app: Explorer) -> str:
    """What the terminal shows, its whitespace folded (wrapped lines joined)."""
    return " ".join(screen_text(app).split())


def detail(app: Explorer) -> str:
    """The selected indicator's pane (derivation, source, actuals), unwrapped."""
    console = Console(width=200, file=io.StringIO(), record=True, color_system=None)
    console.print(app.screen.query_one("#body", Static).content)
    return " ".join(console.export_text().split())


def selected(app: Explorer) -> str:
    screen = app.screen
    assert isinstance(screen, ScorecardScreen)
    return screen.rows[screen.current].result.id


@sync
async def test_search_finds_by_name_or_id_and_n_walks_the_matches() -> None:
    app = entity()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"trip", "enter")
        assert selected(app) == "trips"
        text = screen_text(app)
        assert "match 1 of 1: trips" in text
        assert "weight * min(actual / target, 1)" in text  # the derivation
        # a name: 14 names have 率; the search goes on from the cursor (trips)
        await pilot.press("slash", *"率", "enter")
        assert "match 8 of 14: garbage" in screen_text(app)
        first = selected(app)
        await pilot.press("n")
        assert selected(app) != first and "match 9 of 14" in screen_text(app)
        await pilot.press("N")
        assert selected(app) == first
        await pilot.press("slash", *"nothing-like-it", "enter")
        assert "no match for 'nothing-like-it'" in screen_text(app)
        assert selected(app) == first  # the cursor stays


@sync
async def test_escape_closes_the_search_without_moving() -> None:
    app = entity()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"trip", "escape")
        assert selected(app) == "management"
        await pilot.press("d")  # the keys work again once the prompt is closed
        assert selected(app) == "budget_execution"


@sync
async def test_jumps_go_to_the_next_flagged_indicator_and_wrap() -> None:
    app = entity(*ROADS)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        first = selected(app)
        assert "override" in explore.flags_of(app.screen.rows[app.screen.current].result)
        text = screen_text(app)
        assert f"override: {first}" in text
        assert "[O]" in text  # the tree's flag, readable without colour
        overrides = [r.result.id for r in app.screen.rows if "override" in r.flags]
        for expected in [*overrides[1:], overrides[0]]:  # in order, then round again
            await pilot.press("o")
            assert selected(app) == expected


@sync
async def test_a_jump_with_nothing_flagged_says_so() -> None:
    app = entity()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        assert selected(app) == "management"
        assert "override: no indicator is flagged" in screen_text(app)


@sync
async def test_the_source_around_the_rule_and_the_actuals_line_are_shown() -> None:
    app = entity()
    async with app.run_test(size=(120, 70)) as pilot:
        await pilot.press("slash", *"trips", "enter")
        text = screen_text(app)
        spec_lines = (ROOT / GZ).read_text(encoding="utf-8").splitlines()
        rule = next(s.pos for s in app.screen.rows[app.screen.current].result.steps if s.pos)
        assert f"▶{rule.line} {spec_lines[rule.line - 1].strip()[:30]}" in " ".join(text.split())
        actual_lines = (ROOT / LICHENG).read_text(encoding="utf-8").splitlines()
        trips = next(
            n for n, line in enumerate(actual_lines, 1) if line.strip().startswith("trips")
        )
        assert f"▶{trips} trips: 3" in " ".join(text.split())


FOOTER_EN = "/ Find n Next N Prev o →O a →NA m →M c →C d →D l Lang q Quit"
FOOTER_ZH = "/ 查找 n 下一个 N 上一个 o →O a →NA m →M c →C d →D l 语言 q 退出"


@sync
async def test_l_switches_the_whole_screen_and_back() -> None:
    """The title, flags' legend, footer, status and the derivation itself are
    drawn again through the catalogue in the other language."""
    app = entity()
    async with app.run_test(size=SIZE) as pilot:
        assert "D below full" in flat(app)
        await pilot.press("d")  # budget_execution: below its full marks
        text = flat(app)
        assert "deviating: budget_execution" in text
        assert "Total 88.59/100.00 grade 良 ·" in text and FOOTER_EN in text
        assert "Derivation" in text and "weight 10.00 score 9.08" in detail(app)
        await pilot.press("l")
        text = flat(app)
        assert "总分 88.59/100.00 等级 良 ·" in text and FOOTER_ZH in text
        assert "推导过程" in text and "分值 10.00 得分 9.08" in detail(app)
        assert "D 未得满分" in text and "Derivation" not in text and "Find" not in text
        await pilot.press("o")
        assert "人工调整：没有带此标记的指标" in flat(app)
        await pilot.press("d")  # key_spending, drawn after the switch: in Chinese too
        assert "分值 5.00 得分 4.00" in detail(app)
        await pilot.press("l")
        text = flat(app)
        assert FOOTER_EN in text and "weight 5.00 score 4.00" in detail(app)
        assert "推导过程" not in text
    assert language() == "en"  # the app ends speaking the language it found


@sync
async def test_the_explorer_starts_in_the_language_of_the_command_line() -> None:
    with speaking("zh"):
        app = entity()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash", *"trips", "enter")
            text = flat(app)
            assert "第 1 个匹配，共 1 个：trips" in text and FOOTER_ZH in text
            await pilot.press("l")
            assert "match 1 of 1" not in flat(app)  # a status is not redrawn
            assert FOOTER_EN in flat(app)
        assert language() == "zh"


@sync
async def test_the_table_switches_language_too() -> None:
    app = table()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "s", "l")
        text = flat(app)
        assert "共 4 个单位 · 显示 4 个 · 按 总分 排序 ↓" in text
        assert " 名次 总分 " in text and "⏎ 打开 s 排序 / 筛选 l 语言 q 退出" in text
        assert "错误" in text  # the row that failed
        await pilot.press("down", "l")  # the cursor stays where it was
        text = flat(app)
        assert "4 entities · shown 4 · sorted by total ↓" in text and " rank total " in text
        assert app.screen.query_one("#units").row == 1


@sync
async def test_q_quits() -> None:
    app = entity()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


@sync
async def test_the_table_lists_sorts_filters_and_opens_an_entity() -> None:
    app = table()
    async with app.run_test(size=(120, 60)) as pilot:  # room for the actuals lines
        text = screen_text(app)
        assert "4 entities · shown 4 · sorted by rank ↑" in text
        assert [u.entity for u in app.screen.shown()] == [
            "增江街道",
            "荔城街道",
            "朱村街道",
            "小楼镇",
        ]
        await pilot.press("right", "s")  # by total: highest first
        assert "sorted by total ↓" in screen_text(app)
        await pilot.press("s")  # and lowest first; the failed row last either way
        assert [u.entity for u in app.screen.shown()] == [
            "朱村街道",
            "荔城街道",
            "增江街道",
            "小楼镇",
        ]
        await pilot.press("slash", *"荔城", "enter")
        assert "shown 1 ('荔城')" in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, ScorecardScreen)
        assert "荔城街道" in screen_text(app)
        await pilot.press("slash", *"trips", "enter")
        assert "examples/docs/units.csv:2:" in screen_text(app)  # the table's row
        await pilot.press("escape")
        assert "shown 1 ('荔城')" in screen_text(app)
        await pilot.press("l")  # the filter said in Chinese too, in Chinese quotes
        assert "显示 1 个（筛选“荔城”）" in screen_text(app)
        await pilot.press("l")
        await pilot.press("escape")  # clears the filter
        assert "shown 4 ·" in screen_text(app)


@sync
async def test_a_row_that_failed_shows_its_error_instead_of_opening() -> None:
    app = table()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "down", "enter")
        text = " ".join(screen_text(app).split())
        said = "1 error: 小楼镇 could not be scored examples/docs/units.csv:5:4: missing inputs"
        assert said in text


@sync
async def test_every_error_of_a_failed_row_is_shown_whole(tmp_path: Path) -> None:
    """Three errors of a row at 80 columns: the status line showed the first, cut
    without a mark; each is now shown whole, and Escape goes back to the table."""
    import csv

    with (ROOT / "examples/docs/units.csv").open(encoding="utf-8", newline="") as fh:
        head, cells = list(csv.reader(fh))[:2]
    for column in ("key_spending", "budget_adjustment", "trips"):
        cells[head.index(column)] = "x"
    bad = tmp_path / "bad.csv"
    with bad.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([head, cells])
    app = table(str(bad))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        text = flat(app)
        assert "3 errors: 荔城街道 could not be scored" in text  # the count first
        assert text.count("'x' is not a number") == 3, text  # (a long path wraps anywhere)
        assert "esc Back" in text
        await pilot.press("escape")
        assert "sorted by rank" in flat(app)


@sync
async def test_the_units_names_stay_in_view_as_the_scores_scroll_by() -> None:
    """Scrolled right to the indicators at 80 columns, the rows had no unit's
    name; in Chinese the indicators are headed by their names, as batch heads them."""
    app = table()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*["right"] * 20)
        text = screen_text(app)
        assert "budget_execution" not in text  # scrolled past it
        for name in ("增江街道", "荔城街道", "朱村街道", "小楼镇"):
            assert name in text
        await pilot.press("l")
        text = screen_text(app)
        assert " 名次 " in text and " 单位 " in text and "增江街道" in text
        await pilot.press("home", *["left"] * 20, "right", "right", "right", "right", "right")
        assert "管理效能" in screen_text(app)  # the first indicator, by its name


@sync
async def test_the_cursor_stays_in_view_when_the_language_changes_the_widths() -> None:
    """l heads the indicators by their (wider) names: the cursor's column was left
    cut under the columns kept on the left."""
    app = table()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*["right"] * 12, *["left"] * 5, "l")
        listed = app.screen.query_one("#units")
        name = app.screen.header(listed.column)
        assert f" {name} " in screen_text(app).splitlines()[1]


@sync
async def test_sorting_by_an_indicator_column() -> None:
    app = table()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*["right"] * 6, "s")  # budget_execution: highest first
        assert "sorted by budget_execution ↓" in screen_text(app)
        assert [u.entity for u in app.screen.shown()][:3] == ["朱村街道", "增江街道", "荔城街道"]


def test_the_command_needs_a_terminal() -> None:
    result = CliRunner().invoke(cli, ["view", GZ, LICHENG])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "scorecard view: view is interactive and needs a terminal; for text, use "
        "'scorecard score SPEC ACTUALS --format tree' or 'scorecard batch SPEC TABLE'"
    )


def test_a_filled_form_is_one_entity_not_a_table() -> None:
    # read as a table, the form was refused: its percent-formatted column mixes plain
    # numbers; as a form it is one entity, and only the terminal is missing here
    result = CliRunner().invoke(cli, ["view", GZ, "examples/licheng-2021/自评表.xlsx"])
    assert result.exit_code == 2
    assert "view is interactive and needs a terminal" in result.stderr


def test_errors_in_the_inputs_come_first_as_located_lines() -> None:
    result = CliRunner().invoke(cli, ["view", GZ, "examples/docs/licheng-missing.yaml"])
    assert result.exit_code == 1
    assert result.stderr.startswith("examples/docs/licheng-missing.yaml:")
    assert "Traceback" not in result.stderr


def test_flags_are_found_and_steps_wrap() -> None:
    spec = load_spec_with_sets(ROADS[0])
    sc = evaluate(spec, load_actuals(ROADS[1], spec))
    rows = explore.rows(sc)
    assert [r.result.id for r in rows] == [r.id for r in sc.walk()]
    assert explore.step([2, 5], 5) == 2 and explore.step([2, 5], 2, forward=False) == 5
    assert explore.step([], 0) is None
    assert explore.matches(rows, "  ") == []


# Snapshots: the whole screen, at 80×24, after the keys.
SNAPSHOTS: dict[str, tuple[Callable[[], Explorer], list[str]]] = {
    "entity": (entity, []),
    "search": (entity, ["slash", *"trips", "enter"]),
    "override": (lambda: entity(*ROADS), ["o"]),
    "chinese": (entity, ["l", "d"]),
    "chinese-table": (table, ["l", "right", "s"]),
    "table": (table, ["right", "s"]),
}


@pytest.mark.parametrize("name", sorted(SNAPSHOTS))
def test_snapshot(name: str, snap_compare: Any) -> None:
    make, keys = SNAPSHOTS[name]
    assert snap_compare(make(), press=keys, terminal_size=SIZE)


@sync
async def test_walk_through_for_the_docs() -> None:
    """Search, jump to an override, open the source: the docs' pictures."""
    app = entity(*ROADS)
    shots = os.environ.get("UPDATE_SCREENSHOTS")
    async with app.run_test(size=(100, 30)) as pilot:
        steps = [
            ("open", []),
            ("search", ["slash", *"bridge", "enter"]),
            ("override", ["o"]),
            ("source", ["tab", "end"]),  # the detail pane, scrolled down to the source
        ]
        for name, keys in steps:
            await pilot.press(*keys)
            await pilot.pause()
            if shots:
                app.save_screenshot(f"view-{name}.svg", str(ROOT / "docs" / "img"))
        text = screen_text(app)
        assert "Actuals" in text and "▶14 bridges: 27" in " ".join(text.split())
        assert "▶28 " in " ".join(text.split())  # the override's line of the actuals


@pytest.mark.parametrize(
    ("lang", "drawn"), [([], "Derivation"), (["--lang", "zh"], "推导过程")], ids=["en", "zh"]
)
def test_the_command_runs_in_a_terminal_and_q_quits(
    tmp_path: Path, lang: list[str], drawn: str
) -> None:
    """End to end: `scorecard view` in a pseudo-terminal, the first screen drawn (in
    the language --lang chose), then q. (The timeout only guards against a hang.)"""
    import pty
    import select
    import subprocess
    import sys
    import time

    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    env["SCORECARD_LANG"] = "en"  # English unless --lang says otherwise
    proc = subprocess.Popen(
        [sys.executable, "-m", "engine", "view", GZ, LICHENG, *lang],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        cwd=ROOT,
    )
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + 60
    try:
        while drawn.encode("utf-8") not in seen:
            hang_guard(deadline, seen[-500:].decode("utf-8", "replace"))
            if select.select([leader], [], [], 1)[0]:
                seen += os.read(leader, 65536)
        os.write(leader, b"q")
        while proc.poll() is None:
            hang_guard(deadline, "view did not quit")
            if select.select([leader], [], [], 1)[0]:
                try:
                    os.read(leader, 65536)
                except OSError:
                    break
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(leader)


@sync
async def test_sorting_by_grade_follows_the_specs_order_of_grades() -> None:
    app = table("examples/docs/streets.csv")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "right", "s")  # grade: the best grade first
        grades = [u.grade for u in app.screen.shown()]
        assert grades == ["优"] + ["良"] * 19 + ["中"] * 4
        await pilot.press("s")
        assert [u.grade for u in app.screen.shown()] == ["中"] * 4 + ["良"] * 19 + ["优"]
        await pilot.press("slash", *"没有这个单位", "enter")
        assert "shown 0 ('没有这个单位')" in screen_text(app)
        await pilot.press("enter")  # nothing to open: nothing happens
        assert "shown 0" in screen_text(app)


def many_units(tmp_path: Path, copies: int) -> str:
    """examples/docs/streets.csv's 24 streets ``copies`` times over, renamed 街道0001…"""
    lines = (ROOT / "examples/docs/streets.csv").read_text(encoding="utf-8").splitlines()
    out = [lines[0]]
    for n in range(copies):
        for m, line in enumerate(lines[1:]):
            rest = line.split(",", 1)[1]
            out.append(f"街道{n * 24 + m + 1:05d},{rest}")
    path = tmp_path / "many.csv"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return str(path)


@sync
async def test_a_large_table_formats_only_the_rows_on_screen(tmp_path: Path) -> None:
    """2,400 entities: a cell is made when its line is drawn, never for every row;
    Page Down, End and Home move the cursor and scroll the rows under the header."""
    app = table(many_units(tmp_path, 100))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        made: list[int] = []
        cell = screen.cell
        screen.cell = lambda row, column: made.append(row) or cell(row, column)
        screen.query_one("#units").cell = screen.cell
        await pilot.press("s")  # rank, best last: every row sorted, few drawn
        await pilot.pause()
        assert "2400 entities · shown 2400 · sorted by rank ↓" in screen_text(app)
        assert 0 < len(set(made)) <= 24
        made.clear()
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        listed = screen.query_one("#units")
        # 19 rows under the header, above the horizontal scrollbar
        assert listed.row == 2 * 19 and listed.scroll_offset.y == 38 - 18
        assert 0 < len(set(made)) <= 3 * 19 and max(made) < 57  # three screens at most
        await pilot.press("end")
        lines = screen_text(app).splitlines()
        last = screen.order[-1]
        assert lines[1].split()[:2] == ["rank", "total"]  # the header stays on top
        assert listed.row == 2399 and last.rank == 1
        assert lines[20].split()[0] == "1" and last.entity in lines[20]  # the last line
        await pilot.press("home", "enter")
        assert isinstance(app.screen, ScorecardScreen)
        assert screen.order[0].entity in screen_text(app)


@sync
async def test_a_click_on_a_header_sorts_and_on_a_row_moves_the_cursor() -> None:
    app = table()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#units", offset=(9, 0))  # the header "total"
        assert "sorted by total ↓" in screen_text(app)
        await pilot.click("#units", offset=(24, 2))  # the second row, entity
        listed = app.screen.query_one("#units")
        assert (listed.row, listed.column) == (1, 3)
        await pilot.press("enter")
        assert "荔城街道" in screen_text(app)


@settings(deadline=None)
@given(st.lists(st.one_of(st.none(), st.fractions(max_denominator=10**6)), max_size=40))
def test_sort_keys_order_as_the_fractions_and_keep_no_value(values: list[Fraction | None]) -> None:
    keys = sort_keys(values)
    assert [k is None for k in keys] == [v is None for v in values]
    valued = [i for i, v in enumerate(values) if v is not None]
    assert sorted(valued, key=lambda i: (keys[i], i)) == sorted(
        valued, key=lambda i: (values[i], i)
    )


def test_a_large_tables_units_are_the_batchs_results(tmp_path: Path) -> None:
    """480 rows: scored on the fast path in blocks, whose rows give their scores
    only when asked; every score and every sort key is the batch's all the same."""
    from engine.batch.runner import score_rows
    from engine.batch.tables import NA_TOKENS, open_table
    from engine.render.explorer_units import Units, units_of

    spec = load_spec_with_sets(GZ)
    path = many_units(tmp_path, 20)
    units, _opener = units_of(spec, path)
    assert sum(u.block is not None for u in units) > len(units) // 2  # kept in blocks
    results = list(score_rows(spec, open_table(path, spec, "auto", None, NA_TOKENS)))
    assert [(u.row, u.entity, u.total, u.grade, u.scores, u.errors) for u in units] == [
        (r.row, r.entity, r.total, r.grade, r.scores, r.errors) for r in results
    ]
    listed = Units(units, spec)
    for j in range(len(results[0].scores)):
        assert listed.keys(5 + j) == sort_keys([u.scores[j] for u in units])


def test_opening_a_unit_reads_the_table_only_up_to_its_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entity opened from a large table is traced from its row, read again:
    the rows after it are not read, and one opened again is not read at all."""
    from engine.batch import tables
    from engine.render import explorer_units

    spec = load_spec_with_sets(GZ)
    path = many_units(tmp_path, 20)
    units, opener = explorer_units.units_of(spec, path)
    read: list[int] = []
    opened = tables.TableRows.__next__

    def counted(self: Any) -> Any:
        got = opened(self)
        read.append(got[0])
        return got

    monkeypatch.setattr(tables.TableRows, "__next__", counted)
    card, actuals = opener(units[3].row)
    assert card.total == units[3].total and actuals.entity == units[3].entity
    assert read == [u.row for u in units[:5]]  # up to the row, and the one after
    assert opener(units[3].row)[0] is card
    assert len(read) == 5
    last = opener(units[-1].row)
    assert last is not None and last[0].total == units[-1].total


@sync
async def test_claimed_scores_flag_the_over_claimed_indicators() -> None:
    """The submission claims more than the rules give for procurement and trips
    (and so for their groups): k jumps between them, as review finds them."""
    app = entity(GZ, "examples/licheng-2021/submission.yaml")
    async with app.run_test(size=SIZE) as pilot:
        over = [r.result.id for r in app.screen.rows if "over_claimed" in r.flags]
        assert over == ["management", "procurement", "duties", "industry", "trips"]
        await pilot.press("k")  # from the cursor (management) on
        text = screen_text(app)
        assert selected(app) == "procurement" and "over-claimed: procurement" in text
        assert "[D X] 政府采购" in text and " k →X " in text
        await pilot.press("k", "k", "k", "k")  # and round again
        assert selected(app) == "management"


NARROW = (60, 24)
SUBMISSION = "examples/licheng-2021/submission.yaml"


def tree_lines(app: Explorer) -> list[str]:
    """The tree's lines as drawn (its guides, then each label)."""
    tree = app.screen.query_one("#tree", Tree)
    return [tree.render_line(y).text.rstrip() for y in range(tree.size.height)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_at_60_columns_a_name_too_long_ends_in_an_ellipsis(lang: str) -> None:
    """The tree's names were cut at its edge, unmarked (and it scrolled sideways):
    each label now fits, a name cut ends in …, and the flags before it stay whole;
    wider again, the names are whole."""

    async def run() -> None:
        app = entity(GZ, SUBMISSION)
        async with app.run_test(size=NARROW) as pilot:
            await pilot.pause()
            tree = app.screen.query_one("#tree", Tree)
            lines = tree_lines(app)
            assert lines[:8] == [
                "▼ 31.50/40.00 [X] 管理效能",
                "├──  9.08/10.00 [D] 预算执…",
                "├──  4.00/5.00  [D] 重点支…",
                "├──  2.00/3.00  [D] 预算调…",
                "├──  4.00/4.00  “三公”经费…",
                "├──  2.20/3.00  [D] 在职人…",
                "├──  2.62/3.00  [D X] 政府…",
                "├──  2.40/4.00  [D] 管理制…",
            ]
            assert lines[14] == "│   ├──  2.81/3.75  [D X] …"  # trips: its flags whole
            room = tree.scrollable_content_region.width
            assert tree.virtual_size.width <= room  # nothing to scroll sideways
            for line, row in zip(lines, app.screen.rows, strict=False):
                assert cell_len(line) <= room
                name = row.result.indicator.name
                assert line.endswith(name) or line.endswith("…"), line
                assert not row.flags or f"[{row.letters}]" in line
            await pilot.resize_terminal(120, 24)
            await pilot.pause()
            assert tree_lines(app)[1] == "├──  9.08/10.00 [D] 预算执行率"

    with speaking(lang):
        asyncio.run(run())


@pytest.mark.parametrize(
    ("lang", "key"),
    [
        (
            "en",
            [
                "O override · NA n/a · M missing · C capped · D below full ·",
                "X over-claimed",
            ],
        ),
        ("zh", ["O 人工调整 · NA 不适用 · M 缺失 · C 封顶 · D 未得满分 ·", "X 自评得分偏高"]),
    ],
)
def test_at_60_columns_the_flags_key_wraps_between_its_entries(lang: str, key: list[str]) -> None:
    """The key line was cut at the right (over-claimed was lost): it wraps between
    its entries, never within one; the title, cut, ends in …"""

    async def run() -> None:
        app = entity(GZ, SUBMISSION)
        async with app.run_test(size=NARROW) as pilot:
            await pilot.pause()
            lines = [line.rstrip() for line in screen_text(app).splitlines()]
            assert lines[-3:-1] == key
            assert lines[0].endswith("…") and cell_len(lines[0]) <= NARROW[0]
            await pilot.press("k")  # a status line takes the key's place
            lines = [line.rstrip() for line in screen_text(app).splitlines()]
            said = "自评得分偏高：procurement" if lang == "zh" else "over-claimed: procurement"
            assert lines[-2] == said

    with speaking(lang):
        asyncio.run(run())


@sync
async def test_a_claim_is_said_beside_its_derivation_and_the_total() -> None:
    """The X flag marked an over-claimed indicator, but its claim and the gap were
    only in review's table: they are said under the derivation, the claimed total
    in the title; a claim that agrees says so."""
    app = entity(GZ, SUBMISSION)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k")  # procurement, over-claimed
        assert "procurement): claimed 3.00, over-claimed by +0.38" in detail(app)
        assert "  claimed 92.00 · " in screen_text(app).splitlines()[0]
        await pilot.press("slash", *"community", "enter")
        assert "community): claimed 2.50, under-claimed by -0.40" in detail(app)
        await pilot.press("l")
        assert "自评 2.50，偏低 -0.40" in detail(app)


def test_the_over_claimed_flag_is_one_letter_of_its_own() -> None:
    """OC read as O and C, two flags: every flag's letters are none of the others'
    put together, and the key line names each one."""
    letters = set(explore.FLAGS.values())
    assert len(letters) == len(explore.FLAGS)
    for a in letters:
        assert not any(a.startswith(b) for b in letters - {a}), a
    for lang in ("en", "zh"):
        with speaking(lang):
            key = _(KEY_LINE).split(" · ")
        assert [entry.split()[0] for entry in key] == list(explore.FLAGS.values())


@pytest.mark.parametrize(
    ("keys", "footer"),
    [
        ([], "/ Find n Next N Prev o →O a →NA m →M c →C d →D k →X l Lang esc Back q Quit"),
        (["l"], "/ 查找 n 下一个 N 上一个 o →O a →NA m →M c →C d →D k →X l 语言 esc 返回 q 退出"),
    ],
)
def test_every_key_fits_the_footer_at_80_columns(keys: list[str], footer: str) -> None:
    """The most keys there are (claims, opened from a table), in either language."""

    async def run() -> None:
        app = table("examples/docs/units-claimed.csv")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(*keys, "enter")
            assert screen_text(app).splitlines()[-1].rstrip() == footer

    asyncio.run(run())
