"""Rule changes in one line: ``--set ID.weight=5`` addresses an indicator by its id,
``--rebalance`` scales the siblings so the group keeps its weight, an error caused by a
``--set`` names that ``--set``; and every command's ``--help`` example runs as shown."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import cli_process
import pytest
from conftest import invoke
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from engine.base.errors import LoadError
from engine.cli import app
from engine.spec.compile import compile_spec
from engine.spec.load import load_file
from engine.spec.setpath import apply_sets

ROOT = Path(__file__).resolve().parent.parent
SEED = ("specs/gz-dept-overall-2021.yaml", "examples/licheng-2021/actuals.yaml")


pytestmark = pytest.mark.usefixtures("in_root")


def weights(sets: list[str], rebalance: bool) -> dict[str, Fraction]:
    doc = apply_sets(load_file(SEED[0]), sets, rebalance)
    return {i.id: i.weight for i in compile_spec(doc).walk()}


def test_an_indicator_is_addressed_by_its_id_alone() -> None:
    assert weights(["trips.weight=3.75"], False)["trips"] == Fraction(15, 4)
    assert weights(["trips.target=5"], False) == weights(["indicators.trips.target=5"], False)


def test_a_weight_that_breaks_its_group_names_the_set_not_a_spec_line() -> None:
    code, _, err = invoke("score", *SEED, "--set", "trips.weight=5")
    assert code == 2  # located at the --set: a command-line error
    assert err == (
        "--set[1]:1:14: with this weight the group adds up to 16.25, not industry's weight "
        "15: training 3.75 + trips 5 + enterprises 3.75 + investment 3.75; add --rebalance "
        "to scale the siblings, or set them too\n"
    )


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ("trips.unit=", "--set[1]:1:12: 'unit' must be text, not nothing (empty)"),
        ("title=", "--set[1]:1:7: 'title' must be text, not nothing (empty)"),
    ],
)
def test_an_empty_value_is_located_at_its_set(assignment: str, message: str) -> None:
    """It was blamed on the spec's line of the value it replaced, exit 1."""
    code, _, err = invoke("score", *SEED, "--set", assignment)
    assert code == 2
    assert err.splitlines()[0] == message


def test_a_weight_set_in_a_group_that_is_a_mean_need_not_add_up(tmp_path: Path) -> None:
    # a weighted mean's weights need not add up to the group's (the spec compiles
    # with 24 under 20), so --set must not ask it of them either
    spec = tmp_path / "wm.yaml"
    spec.write_text(
        "spec: 1\nid: wm\ntotal: 20\nindicators:\n  - id: m\n    name: M\n    weight: 20\n"
        "    aggregate: weighted_mean\n    children:\n"
        "      - {id: a, name: A, weight: 12, direction: higher, target: 100, method: ratio}\n"
        "      - {id: b, name: B, weight: 12, direction: higher, target: 100, method: ratio}\n",
        "utf-8",
    )
    actuals = tmp_path / "a.yaml"
    actuals.write_text("spec: wm\nentity: e\nperiod: '2024'\nvalues: {a: 50, b: 100}\n", "utf-8")
    code, out, err = invoke("score", str(spec), str(actuals), "--set", "a.weight=8", "-f", "json")
    assert (code, err) == (0, "")
    assert '"total": "16.00"' in out  # 20 × (8 × 0.5 + 12 × 1) / 20


def test_rebalance_scales_the_siblings_so_the_group_keeps_its_weight() -> None:
    w = weights(["trips.weight=5"], True)
    assert w["trips"] == 5
    assert w["training"] == w["enterprises"] == w["investment"] == Fraction(10, 3)
    assert w["industry"] == 15


def test_rebalancing_a_group_scales_its_subtree_too() -> None:
    w = weights(["industry.weight=20"], True)
    assert w["industry"] == 20
    assert sum(w[i] for i in ("training", "trips", "enterprises", "investment")) == 20
    assert w["governance"] + w["livelihood"] == 40
    assert w["duties"] == 60


def test_rebalance_scales_the_points_of_bands_with_their_weights() -> None:
    """key_spending (5, top band 5 points) in a group of 40 set to 20: weight 2.5
    and a top band of 2.5 points, so full marks stay reachable; scaled up, the
    same (points above the weight would be refused, below it out of reach)."""
    for total, factor in (("20", Fraction(1, 2)), ("50", Fraction(5, 4))):
        doc = apply_sets(load_file(SEED[0]), [f"management.weight={total}"], True)
        spec = compile_spec(doc)
        band = spec.by_id["key_spending"].method.bands  # type: ignore[attr-defined]
        assert spec.by_id["key_spending"].weight == 5 * factor
        assert [b.points for b in band] == [p * factor for p in (5, 4, 3, 2, 0)]
    set_leaf = ["key_spending.weight=10", "budget_adjustment.weight=1.5"]
    spec = compile_spec(apply_sets(load_file(SEED[0]), set_leaf, True))
    top = spec.by_id["budget_adjustment"].method.bands[0]  # type: ignore[attr-defined]
    assert top.points == Fraction(3, 2)  # a leaf set itself: its points follow it


def test_rebalanced_weights_point_at_the_set_in_the_trace() -> None:
    code, out, _ = invoke("explain", *SEED, "enterprises", "--set", "trips.weight=5", "--rebalance")
    assert code == 0
    assert "weight 3.3333333333…  score 3.33" in out


def test_a_rebalanced_weight_the_places_cannot_hold_is_cut_in_its_column() -> None:
    """10/3 was written to 28 places in the Wt column, over three lines at 80 columns."""
    code, out, _ = invoke("score", *SEED, "--set", "trips.weight=5", "--rebalance", "--width", "80")
    assert code == 0
    row = next(line for line in out.splitlines() if line.strip().startswith("服务企业数"))
    assert row.split()[-2:] == ["3.33…", "3.33"]
    assert ".33333333" not in out


def test_several_weights_set_in_one_group_may_add_up_without_rebalance() -> None:
    w = weights(["trips.weight=5", "training.weight=2.5"], False)
    assert (w["trips"], w["training"]) == (5, Fraction(5, 2))


def test_a_weight_that_leaves_nothing_to_scale_is_refused_at_the_set() -> None:
    code, _, err = invoke("score", *SEED, "--set", "trips.weight=16", "--rebalance")
    assert code == 2
    assert err == (
        "--set[1]:1:14: cannot rebalance: the set weights already take 16 of 15; set a "
        "smaller weight\n"
    )


def test_compare_shows_the_rebalanced_rule_changes() -> None:
    code, out, _ = invoke("compare", *SEED, "--set", "trips.weight=5", "--rebalance")
    assert code == 0
    assert "--set trips.weight=5 --rebalance" in out.replace("\n", " ")
    assert "weight: 3.75 → 3.3333333333…" in out


def test_an_unknown_first_key_is_not_taken_for_an_indicator() -> None:
    with pytest.raises(LoadError) as e:
        weights(["roundng.mode=half_even"], False)
    assert str(e.value) == (
        "--set[1]:1:1: no key or indicator 'roundng'; did you mean 'rounding'?; give an "
        "indicator id or a key of the spec"
    )


@given(st.integers(min_value=1, max_value=1400))
def test_rebalance_keeps_every_group_adding_up(hundredths: int) -> None:
    w = weights([f"trips.weight={hundredths / 100:.2f}"], True)
    assert sum(w[i] for i in ("training", "trips", "enterprises", "investment")) == 15
    assert w["trips"] == Fraction(hundredths, 100)


# -- the --help examples -------------------------------------------------------
def _examples() -> list[tuple[str, str]]:
    out = []
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        help_text = CliRunner().invoke(app, [name, "--help"]).stdout
        found = re.search(r"Example: (scorecard .*?)\s*$", help_text, re.S)
        assert found is not None, name
        example = " ".join(found.group(1).split())
        out.append((name, re.sub(r"\s+\(exit .*\)$", "", example)))  # less its exit codes
    return out


#: commands that need a terminal: run in a pseudo-terminal, then sent these keys once
#: the screen shows the text (quit)
TERMINAL = {"view": ("管理效能", b"q")}


def in_terminal(script: str, cwd: Path, env: dict[str, str], wait_for: str, keys: bytes) -> int:
    """Run ``script`` in a 120x40 pseudo-terminal; type ``keys`` once ``wait_for`` is on
    the screen; the exit code (the test fails if the text never shows)."""
    import fcntl
    import pty
    import select
    import struct
    import termios
    import time

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen(
        ["bash", "-c", script], cwd=cwd, env=env, stdin=slave, stdout=slave, stderr=slave
    )
    os.close(slave)
    screen, sent, guard = b"", 0.0, time.monotonic() + 120  # a hang guard only
    try:
        while proc.poll() is None and time.monotonic() < guard:
            if select.select([master], [], [], 0.2)[0]:
                try:
                    screen += os.read(master, 65536)
                except OSError:  # the terminal closed: the program ended
                    break
            # once the screen shows the text (and again every 3 s, were a key lost)
            if wait_for.encode() in screen and time.monotonic() > sent + 3:
                time.sleep(0.5)  # let the first frame finish
                os.write(master, keys)
                sent = time.monotonic()
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
    assert sent, f"{wait_for!r} never showed: {screen[-2000:]!r}"
    return proc.wait(timeout=120)


@pytest.mark.parametrize(("name", "example"), _examples())
def test_every_help_example_runs_as_shown(name: str, example: str, tmp_path: Path) -> None:
    for folder in ("specs", "examples", "schemas"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    script = f'scorecard() {{ "{sys.executable}" -m engine "$@"; }}\n{example}\n'
    if name in TERMINAL:
        env["TERM"] = "xterm-256color"
        assert in_terminal(script, tmp_path, env, *TERMINAL[name]) == 0, example
        return
    # `scorecard` as a fresh process of the command-line server (tests/cli_server.py)
    scorecard = cli_process.shell_command(cli_process.server(env))
    script = f'scorecard() {{ {scorecard} "$@"; }}\n{example}\n'
    done = subprocess.run(
        ["bash", "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,  # a hang guard only
    )
    assert (done.returncode, done.stderr if "-o" not in example else "") == (0, ""), example


def test_compare_over_a_table_writes_every_indicators_delta(tmp_path: Path) -> None:
    import csv

    out = tmp_path / "deltas.csv"
    code, text, _ = invoke(
        "compare",
        SEED[0],
        "examples/docs/units.csv",
        "--set",
        "trips.weight=5",
        "--rebalance",
        "--missing",
        "zero",
        "-o",
        str(out),
    )
    assert code == 0 and "Grade migrations" in text
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 4
    first = rows[0]
    assert (first["entity"], first["period"]) == ("荔城街道", "2021")  # as batch writes them
    assert (first["trips.a"], first["trips.b"]) == ("2.81", "3.75")
    # not applicable under either: no score, no change (as batch leaves a score empty)
    na = rows[2]  # 朱村街道
    assert (na["disclosure.a"], na["disclosure.b"], na["disclosure.delta"]) == ("", "", "")
    assert (first["trips.delta"], first["training.delta"]) == ("+0.94", "-0.42")
    assert Fraction(first["total_b"]) - Fraction(first["total_a"]) == Fraction(first["delta"])
    code, _, err = invoke("compare", *SEED, "--set", "trips.weight=5", "--rebalance", "-o", "x.csv")
    assert code == 2 and "-o writes the page of a comparison over a table" in err


def test_compare_over_a_table_keeps_the_rows_that_fail_and_defuses_formulas(
    tmp_path: Path,
) -> None:
    """A row that failed (小楼镇 has no spent) was left out of the file; an
    entity written as a formula went out raw."""
    import csv

    table = tmp_path / "units.csv"
    text = (ROOT / "examples/docs/units.csv").read_text("utf-8").replace("荔城街道", "=1+1", 1)
    table.write_text(text, "utf-8")
    out = tmp_path / "deltas.csv"
    code, _, _ = invoke(
        "compare", SEED[0], "examples/docs/gz-2021-v2.yaml", str(table), "-o", str(out)
    )
    assert code == 1
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["row"], r["entity"], r["status"]) for r in rows] == [
        ("2", "'=1+1", "ok"),
        ("3", "增江街道", "ok"),
        ("4", "朱村街道", "ok"),
        ("5", "小楼镇", "error"),
    ]
    assert rows[3]["error"] == (
        f"{table}:5:4: missing inputs: spent (for budget_execution); fill in their cells, "
        "or use --missing zero to score those indicators 0"
    )
    assert rows[3]["total_a"] == ""


def _header_of_units() -> str:
    """The header line of the shipped table of the seed's units (every column)."""
    with open("examples/docs/units.csv", encoding="utf-8") as fh:
        return fh.readline()


def test_compare_over_a_table_without_rows_says_so(tmp_path: Path) -> None:
    """It printed "0 entities scored under both" and exited 0."""
    table = tmp_path / "h.csv"
    table.write_text(_header_of_units(), "utf-8")  # every column: the header is not at fault
    code, _, err = invoke("compare", SEED[0], "examples/docs/gz-2021-v2.yaml", str(table))
    assert code == 1
    assert err == f"{table}: no rows to score below the header; give the table with its rows\n"


def test_a_batch_of_a_table_without_rows_prints_no_empty_summary(tmp_path: Path) -> None:
    table = tmp_path / "h.csv"
    table.write_text(_header_of_units(), "utf-8")
    code, out, err = invoke("batch", SEED[0], str(table))
    assert (code, out) == (1, "")
    assert err == f"{table}: no rows to score below the header; give the table with its rows\n"


def test_a_grade_is_set_by_its_label_or_position_and_a_wrong_one_names_the_grades() -> None:
    _, out, _ = invoke("score", *SEED, "--set", "grades.良.min=89")
    assert "Total 88.59 / 100.00   Grade 中" in out
    assert invoke("score", *SEED, "--set", "grades.1.min=89")[1] == out
    code, _, err = invoke("score", *SEED, "--set", "grades.9.min=3")
    assert code == 2
    assert err == (
        "--set[1] 'grades.9.min=3': grades has no entry '9'; give a position from 0 to 3, or a "
        "grade: 优, 良, 中, 差\n"
    )


def test_a_text_key_set_to_a_number_keeps_its_text() -> None:
    """--set version=2022.10 showed 2022.1, where the file's version: 2022.10 now stays."""
    code, out, _ = invoke("score", *SEED, "--set", "version=2022.10", "--set", "title=2021")
    assert code == 0
    assert out.splitlines()[:2] == [
        "2021",
        "gz-dept-overall-2021 2022.10 · 广州市增城区人民政府荔城街道办事处 · 2021",
    ]


def test_an_indicator_id_mistyped_first_in_a_set_is_suggested() -> None:
    """trip.weight said "unknown key 'trip'" with the spec's top-level keys."""
    code, _, err = invoke("score", *SEED, "--set", "trip.weight=5")
    assert code == 2
    assert err == (
        "--set[1]:1:1: no key or indicator 'trip'; did you mean 'trips'?; give an indicator id "
        "or a key of the spec\n"
    )


def test_a_name_mistyped_or_unknown_first_in_a_set_is_told_as_an_indicator() -> None:
    """亩均成本.target=1 was told the spec's top-level keys alone, as if only they
    could come first; a name close to one is suggested, as an id is."""
    code, _, err = invoke("score", *SEED, "--set", "外出招商活动数.weight=5")
    assert (code, err) == (
        2,
        "--set[1]:1:1: no key or indicator '外出招商活动数'; did you mean '外出招商活动次数'?; "
        "give an indicator id or a key of the spec\n",
    )
    code, _, err = invoke("score", *SEED, "--set", "亩均成本.target=1")
    assert (code, err) == (
        2,
        "--set[1]:1:1: no key or indicator '亩均成本' in this spec; give an indicator's id or "
        "name ('scorecard show SPEC' lists them), or a key of the spec: add, aggregate, change, "
        "description, effective, extends, grades, id, indicators, inputs, methods, "
        "not_applicable, remove, rounding, source, spec, tests, title, total, version\n",
    )


def test_an_indicator_may_be_named_first_in_a_set_as_explain_takes_it(tmp_path: Path) -> None:
    """外出招商活动次数.weight=5 was an unknown key; it sets trips' weight, as
    trips.weight=5 does. A name two indicators share is refused with their ids."""
    by_name = invoke("score", *SEED, "--set", "外出招商活动次数.weight=5", "--rebalance")
    by_id = invoke("score", *SEED, "--set", "trips.weight=5", "--rebalance")
    assert by_name[0] == 0 and by_name[1:] == by_id[1:]
    spec = tmp_path / "twice.yaml"
    spec.write_text(
        "spec: 1\nid: t\nversion: '1'\ntotal: 10\nindicators:\n"
        "  - {id: a, name: 完成率, weight: 5, target: 100, direction: higher, method: ratio}\n"
        "  - {id: b, name: 完成率, weight: 5, target: 100, direction: higher, method: ratio}\n",
        encoding="utf-8",
    )
    actuals = tmp_path / "x.yaml"
    actuals.write_text("spec: t\nvalues: {a: 90, b: 80}\n", encoding="utf-8")
    code, _, err = invoke("score", str(spec), str(actuals), "--set", "完成率.weight=6")
    assert (code, err) == (
        2,
        "--set[1]:1:1: '完成率' names 2 indicators (a, b); give the id of the one meant\n",
    )


def test_a_comparison_file_names_its_columns_in_chinese(tmp_path: Path) -> None:
    """Its header was the ids (total_a, trips.delta) and its sheet "comparison"
    under the Chinese interface, where batch's are words."""
    out = tmp_path / "deltas.csv"
    args = ["compare", SEED[0], "examples/docs/units.csv", "--set", "trips.weight=5"]
    args += ["--rebalance", "--missing", "zero", "-o", str(out), "--lang", "zh"]
    code, text, _ = invoke(*args)
    assert code == 0
    header = out.read_text("utf-8").split("\n", 1)[0].split(",")
    assert header[:12] == [
        "行", "单位", "期间", "状态", "错误", "总分（A）", "总分（B）", "变化",
        "名次（A）", "名次（B）", "等级（A）", "等级（B）",
    ]  # fmt: skip
    # each indicator by its name, as batch names it
    assert header[12:15] == ["管理效能（A）", "管理效能（B）", "管理效能 变化"]
    ids = invoke(*args, "--header", "ids")
    assert ids[0] == 0
    assert out.read_text("utf-8").split("\n", 1)[0].split(",")[12:15] == [
        "management.a",
        "management.b",
        "management.delta",
    ]
    import openpyxl

    book = tmp_path / "deltas.xlsx"
    invoke(*args[:-4], "-o", str(book), "--lang", "zh")
    assert openpyxl.load_workbook(book).sheetnames == ["比较"]
    import zipfile

    with zipfile.ZipFile(book) as z:  # the same bytes whenever it is written: no clock in it
        assert {i.date_time for i in z.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        assert b"2000-01-01T00:00:00Z" in z.read("docProps/core.xml")
    # a rule change names the spec's key in words: 分值, not weight
    assert "外出招商活动次数（trips）分值：3.75 → 5" in text


def test_setting_a_formula_groups_weight_leaves_its_childrens_weights(tmp_path: Path) -> None:
    """--rebalance scaled the children of a group set to 12 (6 → 7.2, 4 → 4.8), while
    its formula divides by 6 and 4: shares of 90% and 50% scored 7.20 of 12."""
    from tests.test_evaluate import FORMULA_GROUP

    spec = tmp_path / "f.yaml"
    spec.write_text(FORMULA_GROUP.replace("\n    ", "\n"), "utf-8")
    actuals = tmp_path / "a.yaml"
    actuals.write_text("spec: t\nvalues: {a: 90, b: 50, h: 100}\n", "utf-8")
    code, out, _ = invoke(
        "score", str(spec), str(actuals), "--set", "g.weight=12", "--rebalance", "-f", "json"
    )
    assert code == 0
    scores = {i["id"]: (i["score"], i["full_marks"]) for i in json.loads(out)["indicators"]}
    assert scores["g"] == ("6.00", "12")  # 12 × min(90%, 50%)
    assert scores["h"] == ("8.00", "8")  # the sibling takes the rest of the total


def test_a_round_step_points_at_the_set_that_changed_the_rounding() -> None:
    """The trace's round step pointed at the spec's rounding line, which says
    half_up, under --set rounding.mode=half_even."""
    code, out, err = invoke(
        "explain", *SEED, "trips", "--set", "rounding.mode=half_even", "--lang", "en"
    )
    assert code == 0, err
    (line,) = [x for x in out.splitlines() if x.strip().startswith("round ")]
    assert line.split() == ["round", "2", "places", "half_even", "--set[1]:1:15"]
    code, out, err = invoke("explain", *SEED, "trips", "--lang", "en")
    (line,) = [x for x in out.splitlines() if x.strip().startswith("round ")]
    assert line.split()[-1] == "specs/gz-dept-overall-2021.yaml:25:11"
