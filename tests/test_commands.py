"""compare, whatif, methods and init."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from engine.cli import app
from engine.spec.compile import compile_spec
from tests.conftest import IDS

ROOT = Path(__file__).resolve().parent.parent
SEED = ("specs/gz-dept-overall-2021.yaml", "examples/licheng-2021/actuals.yaml")
ROADS = ("specs/national-project-2020.yaml", "examples/rural-roads-2023/actuals.yaml")


pytestmark = pytest.mark.usefixtures("in_root")


def invoke(*args: str) -> tuple[int, str, str]:
    wide = (
        ["--width", "100"]
        if args[0] in ("compare", "whatif", "methods") and "--width" not in args
        else []
    )
    result = CliRunner().invoke(app, [*args, *wide])
    return result.exit_code, result.stdout, result.stderr


def test_compare_names_exactly_the_indicator_whose_method_changed(tmp_path: Path) -> None:
    b = tmp_path / "b.yaml"
    text = (ROOT / SEED[0]).read_text("utf-8")
    old = (
        '{id: rehab, name: 在册涉毒管控人员帮教服务覆盖率, weight: 3.75, unit: "%",\n'
        "             direction: higher, target: 100, method: ratio}"
    )
    assert old in text
    b.write_text(
        text.replace(old, old.replace("method: ratio", "method: threshold")).replace(
            'version: "2021.1"', 'version: "2021.2"'
        ),
        encoding="utf-8",
    )
    code, out, _ = invoke("compare", SEED[0], str(b), SEED[1])
    assert code == 0
    lines = [line.strip() for line in out.splitlines()]
    assert "total 88.59 / 100.00   grade 良" in lines
    assert "total 85.96 / 100.00   grade 良" in lines
    assert "Δ total −2.63" in lines
    assert "spec version: 2021.1 → 2021.2" in lines
    changed = [line for line in lines if line.startswith("method:")]
    assert changed == ["method: ratio → threshold"]
    rehab = lines.index(next(line for line in lines if "(rehab)" in line))
    assert lines[rehab].startswith("−2.63  在册涉毒管控人员帮教服务覆盖率 (rehab)  2.63 → 0.00")
    assert lines[rehab + 1] == "method: ratio → threshold"
    assert lines[rehab + 2].startswith("rule: weight * min(actual / target, 1) → weight if")
    # only rehab has rule changes; its groups change only in score
    assert sum(1 for line in lines if line.startswith(("method:", "rule:", "weight:"))) == 2


def test_compare_lists_a_change_of_a_designers_method_params_as_a_rule_change() -> None:
    spec, actuals = (
        "examples/docs/my-spec/training.yaml",
        "examples/docs/my-spec/training.actuals.yaml",
    )
    code, out, _ = invoke("compare", spec, actuals, "--set", "methods.start_ratio.params.start=0.5")
    assert code == 0
    text = " ".join(out.split())  # wrapped lines joined, runs of spaces as one
    assert text.count("rule:") == 1
    assert (
        "(budget_execution) 7.63 → 8.10 "
        "rule: weight * max(min(actual / target, 1) - start, 0) / (1 - start) with start=0.6 → "
        "weight * max(min(actual / target, 1) - start, 0) / (1 - start) with start=0.5"
    ) in text


def test_compare_with_set_alone() -> None:
    code, out, _ = invoke("compare", *SEED, "--set", "rounding.mode=half_even")
    assert code == 0
    assert "Δ total −0.01" in out
    assert "spec rounding: 2 places half_up, apply each → 2 places half_even, apply each" in out
    assert "(rehab)  2.63 → 2.62" in out


def test_compare_needs_two_specs_or_a_set() -> None:
    code, _, err = invoke("compare", *SEED)
    assert code == 2 and err.startswith("scorecard compare: takes SPEC_A SPEC_B ACTUALS")


def test_whatif_solves_exactly_for_monotone_methods() -> None:
    code, out, _ = invoke("whatif", *SEED)
    assert code == 0
    lines = [line.strip() for line in out.splitlines()]
    expected = [
        "外出招商活动次数 (trips): 3 次 scores 2.81; 4 次 scores 3.75",
        "在册涉毒管控人员帮教服务覆盖率 (rehab): 70% scores 2.63; 96.8% scores 3.63",
        "在职人员控制率 (staff_control): 101.6% scores 2.20; 100% scores 3.00",
        "重点支出安排率 (key_spending): 85% scores 4.00; 90% scores 5.00",
        "管理制度健全性 (management_system): 中 scores 2.40; 优 scores 4.00",
        "To reach 优: 1.41 more points.",
    ]
    for line in expected:
        assert line in lines, line


def test_whatif_handles_inverse_ratios_and_thresholds() -> None:
    code, out, _ = invoke("whatif", *ROADS)
    assert code == 0
    assert "(unit_cost): 2.8 万元/公里 scores 4.46; 2.5 万元/公里 scores 5.00" in out
    assert "(good_roads): 76.2% scores 2.50; 80% scores 5.00" in out  # what 80% earns
    # a grade with a range: the least chosen score that gains the point, and its range,
    # written on its 10 points (its weight is 12 here: a sibling is not applicable)
    assert (
        "(travel): 部分达成 (7.5) scores 9.00; 达成 with a chosen score of at least 8.34 of its "
        "10 points (the grade gives 8.00 to 10.00; scored at its weight here, 12.00: 10.01)"
    ) in " ".join(out.split())
    assert "No single indicator can close the gap on its own." in out


def whatif_of(tmp_path: Path, spec: str, actuals: str) -> tuple[int, str, str]:
    """``whatif`` at 200 columns of a spec and an actuals file given as texts."""
    (tmp_path / "s.yaml").write_text(spec, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(actuals, encoding="utf-8")
    return invoke("whatif", str(tmp_path / "s.yaml"), str(tmp_path / "a.yaml"), "--width", "200")


def test_whatif_searches_a_deduction_the_total_subtracts_downwards(tmp_path: Path) -> None:
    """A group of deductions subtracted by the total's formula was said to be "not
    reachable by moving the actual", and left out of what reaches the next grade,
    though one problem fewer was the cheapest way there."""
    code, out, err = whatif_of(
        tmp_path,
        "spec: 1\nid: d\ntotal: 10\ngrades: [{grade: 优, min: 8}, {grade: 良, min: 0}]\n"
        'aggregate: {formula: "base - kou"}\n'
        "indicators:\n"
        "  - {id: base, name: 基础, weight: 10, direction: higher, target: 10, method: ratio}\n"
        "  - id: kou\n    name: 扣分项\n    weight: 4\n    children:\n"
        "      - {id: issues, name: 问题数, weight: 4, unit: 个, direction: lower, target: 0,\n"
        '         method: {formula: "min(actual, weight)"}}\n',
        "spec: d\nvalues: {base: 9, issues: 2}\n",
    )
    assert code == 0, err
    lines = [line.strip() for line in out.splitlines()]
    # a point more of the total: one problem fewer (2 → 1 scores 1, not 2)
    assert lines.count("问题数 (issues): 2 个 scores 2.00; 1 个 scores 1.00") == 2  # and to 优
    assert "To reach 优: 1.00 more points." in lines
    assert "not reachable" not in out


def test_whatif_tries_the_labels_a_formula_compares(tmp_path: Path) -> None:
    """A one-vote veto scored by a formula over labels (是/否) was said to be "not a
    number", and offered as what reaches the next grade."""
    code, out, err = whatif_of(
        tmp_path,
        "spec: 1\nid: v\ntotal: 11\ngrades: [{grade: 合格, min: 6}, {grade: 不合格, min: 0}]\n"
        'aggregate: {formula: "0 if veto == 0 else base + veto"}\n'
        "indicators:\n"
        "  - {id: base, name: 基础, weight: 10, direction: higher, target: 10, method: ratio}\n"
        "  - {id: veto, name: 一票否决, weight: 1,\n"
        "     method: {formula: \"weight if actual == '否' else 0 if actual == '是' else 0\"}}\n",
        "spec: v\nvalues: {base: 9, veto: 是}\n",
    )
    assert code == 0, err
    lines = [line.strip() for line in out.splitlines()]
    assert lines.count("一票否决 (veto): 是 scores 0.00; 否 scores 1.00") == 2  # and to 合格
    assert "not a number" not in out


def test_whatif_gives_a_grade_with_a_range_as_the_least_chosen_score_it_takes(
    tmp_path: Path,
) -> None:
    """部分达成 (2.4 to 3.2 of 4) gains a point from 1.44 only with a chosen score of
    at least 2.44: whatif said it "scores 3.20", the top of the range."""
    code, out, err = whatif_of(
        tmp_path,
        "spec: 1\nid: g\ntotal: 4\nindicators:\n"
        "  - {id: eco, name: 经济效益, weight: 4, method: {grades: "
        "{达成: [0.8, 1], 部分达成: [0.6, 0.8], 未达成: [0, 0.6]}}}\n",
        "spec: g\nvalues: {eco: {grade: 未达成, score: 1.44}}\n",
    )
    assert code == 0, err
    assert (
        "经济效益 (eco): 未达成 (1.44) scores 1.44; 部分达成 with a chosen score of at least "
        "2.44 (the grade gives 2.40 to 3.20)"
    ) in [line.strip() for line in out.splitlines()]


def test_whatif_gives_a_chosen_score_on_the_weight_it_is_written_on(tmp_path: Path) -> None:
    """A sibling not applicable raised 社会效益's weight from 4 to 10: whatif gave
    the chosen score on the weight it is scored at (at least 8.50, the grade 8 to
    10), and writing it was refused, the grade's range being 3.2 to 4."""
    code, out, err = whatif_of(
        tmp_path,
        "spec: 1\nid: w\ntotal: 100\nnot_applicable: redistribute\nindicators:\n"
        "  - id: g\n    name: 效益\n    weight: 10\n    children:\n"
        "      - {id: a, name: 社会效益, weight: 4, method: {grades: "
        "{达成: [0.8, 1], 部分达成: [0.6, 0.8]}}}\n"
        "      - {id: b, name: 生态效益, weight: 6, target: 1, direction: higher, method: ratio}\n"
        "  - {id: c, name: 完成率, weight: 90, target: 100, direction: higher, method: ratio}\n",
        "spec: w\nvalues:\n  a: {grade: 部分达成, score: 3}\n  c: 50\n"
        "not_applicable: {b: 不涉及}\n",
    )
    assert code == 0, err
    said = " ".join(line.strip() for line in out.splitlines())
    assert (
        "社会效益 (a): 部分达成 (3) scores 7.50; 达成 with a chosen score of at least 3.40 of its "
        "4 points (the grade gives 3.20 to 4.00; scored at its weight here, 10.00: 8.50)"
    ) in said


WEIGHTED_MEAN = """\
spec: 1
id: wm
total: 100
grades: [{grade: 优, min: 90}, {grade: 良, min: 0}]
indicators:
  - {id: base, name: 基础, weight: 80, direction: higher, target: 100, method: ratio}
  - id: m
    name: 管理
    weight: 20
    aggregate: weighted_mean
    children:
      - {id: a, name: A, weight: 6, method: {grades: {好: 1, 中: 0.5}}}
      - {id: b, name: B, weight: 6, method: {grades: {好: 1, 中: 0.5}}}
"""


def test_whatif_finds_the_indicators_that_close_the_gap_by_scoring_again(
    tmp_path: Path,
) -> None:
    # the group's weights add up to 12, not 20: a point of A counts 20/12 in the total,
    # so A 好 (+3) closes a gap of 4.8; adding its gain to the total left it out
    spec = tmp_path / "wm.yaml"
    spec.write_text(WEIGHTED_MEAN, "utf-8")
    actuals = tmp_path / "a.yaml"
    actuals.write_text(
        "spec: wm\nentity: e\nperiod: '2024'\nvalues: {base: 94, a: 中, b: 中}\n", "utf-8"
    )
    code, out, _ = invoke("whatif", str(spec), str(actuals), "--width", "100")
    assert code == 0
    closers = out.split("Any one of these alone would do it:\n", 1)[1].splitlines()
    assert closers[:3] == [
        "  基础 (base): 94 scores 75.20; 100 scores 80.00",
        "  A (a): 中 scores 3.00; 好 scores 6.00",
        "  B (b): 中 scores 3.00; 好 scores 6.00",
    ]
    again = actuals.read_text("utf-8").replace("a: 中", "a: 好")
    actuals.write_text(again, "utf-8")
    from engine.scoring.actuals import load_actuals
    from engine.scoring.evaluate import evaluate
    from engine.spec.compile import load_spec

    loaded = load_spec(spec)
    assert evaluate(loaded, load_actuals(actuals, loaded)).grade == "优"


def test_methods_lists_every_builtin_with_a_computed_example() -> None:
    from engine.spec.methods import BUILTINS

    code, out, _ = invoke("methods")
    assert code == 0
    for name in BUILTINS:
        assert f"\n{name}  " in "\n" + out
    assert "= 4 * min(3 / 4, 1)" in out
    assert "= 3 - min(0.5 * max(101.6 - 100, 0), 3)" in out


def test_init_writes_files_that_validate_score_and_pass(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    code, out, _ = invoke("init", str(folder))
    assert code == 0 and out.count("wrote ") == 6
    assert invoke("validate", str(folder / "starter.yaml"))[0] == 0
    assert (
        invoke("score", str(folder / "starter.yaml"), str(folder / "starter.actuals.yaml"))[0] == 0
    )
    code, out, _ = invoke("test", str(folder))
    assert code == 0 and out.splitlines()[-1] == "2 passed, 0 failed"
    code, _, err = invoke("init", str(folder))
    assert code == 2 and "already exist; use --force" in err
    assert invoke("init", str(folder), "--force")[0] == 0


def test_compare_over_a_table_shows_ranks_migrations_and_moves(tmp_path: Path) -> None:
    rows = [",".join(["entity", "budget", "spent", *IDS])]
    for i, rehab in enumerate(["70", "100", "95", "50"]):
        rows.append(
            f"u{i},82912.04,75317.78,85,8,100,101.6,87.4,中,2,100,中,5,3,212,1,100,"
            f"98.93,0,100,{rehab},90,67,100,100,112848,170,78.89"
        )
    table = tmp_path / "t.csv"
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, out, _ = invoke(
        "compare",
        SEED[0],
        str(table),
        "--set",
        "indicators.rehab.method={threshold: {partial: 0.5}}",
    )
    assert code == 0
    lines = [line.strip() for line in out.splitlines()]
    assert "4 entities scored under both" in lines
    assert "在册涉毒管控人员帮教服务覆盖率 (rehab) method: ratio → threshold" in lines
    # rehab under A (ratio): 70% 2.63, 100% 3.75, 95% 3.56, 50% 1.88; under B (threshold,
    # half the weight when missed): 1.88, 3.75, 1.88, 1.88. Totals A 88.59 89.71 89.52 87.84
    # (mean 88.915 → 88.92), B 87.84 89.71 87.84 87.84 (mean 88.3075 → 88.31); ranks A
    # 3 1 2 4, B 2 1 2 2: u0 and u3 move
    assert "mean total 88.92 → 88.31; 2 of 4 change rank" in lines
    # the grade migration matrix: rows under A, columns under B
    assert "良 · 4 · · 4" in [" ".join(line.split()) for line in lines]
    assert (
        lines[lines.index("Largest moves:") + 1] == "−1.68  u2 (row 4)  89.52 → 87.84  rank 2 → 2"
    )


def test_a_change_of_grade_bounds_alone_lists_the_units_it_regrades() -> None:
    """No total moves: the largest moves were the first ten rows at ±0.00 in row
    order; the units that change grade are listed, and none where none does."""
    streets = "examples/docs/streets.csv"
    code, out, _ = invoke("compare", SEED[0], streets, "--set", "grades.良.min=85")
    assert code == 0
    lines = [line.strip() for line in out.splitlines()]
    moves = lines[lines.index("Largest moves:") + 1 :]
    assert len(moves) == 9  # 24 streets: the nine between 80 and 85 fall from 良 to 中
    assert all(m.startswith("±0.00") and m.endswith("grade 良 → 中") for m in moves)
    code, out, _ = invoke("compare", SEED[0], streets, "--set", "grades.良.min=81")
    lines = [line.strip() for line in out.splitlines()]
    assert lines[lines.index("Largest moves:") + 1 :] == [
        "none: no unit's total, rank or grade changes"
    ]


def test_a_percentage_typed_as_a_fraction_gets_a_located_note(tmp_path: Path) -> None:
    actuals = tmp_path / "a.yaml"
    text = (ROOT / SEED[1]).read_text("utf-8").replace("  rehab: 70\n", "  rehab: 0.7\n")
    actuals.write_text(text, "utf-8")
    code, out, err = invoke("score", SEED[0], str(actuals))
    assert code == 0 and out  # a note, not an error: the scorecard is printed
    assert err == (
        f"{actuals}:33:3: note: 在册涉毒管控人员帮教服务覆盖率 (rehab) is 0.7% against a "
        "target of 100%; if 70% was meant, write 70 (a percentage, not a fraction)\n"
    )
    code, _, err = invoke("score", *SEED)
    assert (code, err) == (0, "")


FULL_WIDTH_PERCENT = """\
spec: 1
id: fw
total: 10
indicators:
  - {id: a, name: 甲, weight: 5, unit: "％", direction: higher, target: 90, method: ratio}
  - {id: b, name: 乙, weight: 5, unit: "%", direction: higher, target: 90, method: ratio}
"""


def test_a_percentage_typed_as_a_fraction_for_bands_gets_the_note_too(tmp_path: Path) -> None:
    """key_spending is scored by bands (no target): 0.85 fell in the last band
    and scored 0 without a word; the bands' full marks from 90% stand for the
    target, in score's note and batch's alike, said as what they are (it called
    them a target of 90%, which the spec does not have)."""
    actuals = tmp_path / "a.yaml"
    text = (ROOT / SEED[1]).read_text("utf-8")
    actuals.write_text(text.replace("  key_spending: 85\n", "  key_spending: 0.85\n"), "utf-8")
    code, out, err = invoke("score", SEED[0], str(actuals))
    assert code == 0 and out
    assert err == (
        f"{actuals}:15:3: note: 重点支出安排率 (key_spending) is 0.85% against 90%, where its "
        "top band starts; if 85% was meant, write 85 (a percentage, not a fraction)\n"
    )
    table = tmp_path / "t.csv"
    table.write_text(
        (ROOT / "examples/docs/units.csv").read_text("utf-8").replace(",85,", ",0.85,", 1),
        "utf-8",
    )
    code, _, err = invoke("batch", SEED[0], str(table), "-o", str(tmp_path / "o.csv"))
    assert (
        "1 row holds 重点支出安排率 (key_spending) above 0 and at most 1.35% against 90%, " in err
    )
    assert "where its top band starts (row 2: 0.85); if 85 was meant, write 85" in err


def test_a_full_width_percent_unit_is_a_percentage(tmp_path: Path) -> None:
    """Chinese tables write ％: a cell of 95% (or 95％) reads as 95 there, and a
    fraction gets the same note as under %."""
    spec = tmp_path / "fw.yaml"
    spec.write_text(FULL_WIDTH_PERCENT, "utf-8")
    table = tmp_path / "t.csv"
    table.write_text("entity,a,b\nX,95%,95%\nY,９０％,90\n", "utf-8")
    out = tmp_path / "out.csv"
    code, _, err = invoke("batch", str(spec), str(table), "-o", str(out))
    assert (code, err) == (0, "2 scored, 0 failed\n")
    rows = [line.split(",") for line in out.read_text("utf-8").splitlines()]
    assert [r[3] for r in rows[1:]] == ["10.00", "10.00"]
    actuals = tmp_path / "a.yaml"
    actuals.write_text("spec: fw\nvalues: {a: 0.95, b: 95}\n", "utf-8")
    code, text, err = invoke("score", str(spec), str(actuals))
    assert code == 0
    assert "0.95％" in text  # shown as written, with no space before the unit
    assert err == (
        f"{actuals}:2:10: note: 甲 (a) is 0.95% against a target of 90%; if 95% was meant, "
        "write 95 (a percentage, not a fraction)\n"
    )


def test_a_rate_a_hundred_times_over_and_a_count_below_0_get_located_notes(
    tmp_path: Path,
) -> None:
    """9000% (90 typed in a cell formatted as a percentage) and -3 trips scored
    as written without a word (the lower-is-better rules give a count below 0
    full marks)."""
    actuals = tmp_path / "a.yaml"
    text = (ROOT / SEED[1]).read_text("utf-8").replace("  rehab: 70\n", "  rehab: 7000\n")
    text = text.replace("  trips: 3\n", "  trips: -3\n")
    actuals.write_text(text, "utf-8")
    code, out, err = invoke("score", SEED[0], str(actuals))
    assert code == 0 and out
    assert err.splitlines() == [
        f"{actuals}:26:3: note: 外出招商活动次数 (trips) is -3 次, a count below 0; "
        "check the value",
        f"{actuals}:33:3: note: 在册涉毒管控人员帮教服务覆盖率 (rehab) is 7000% against a "
        "target of 100%; if 70% was meant, write 70, or 70% in a cell formatted as a "
        "percentage (where a 90 pasted or written by a program shows as 9000%)",
    ]


def test_a_rate_of_1000_percent_with_no_target_gets_a_note(tmp_path: Path) -> None:
    """key_spending (bands, no target: its top band from 90% stands for one): 8500 in its %
    cell was scored band 1 in silence."""
    actuals = tmp_path / "a.yaml"
    text = (
        (ROOT / SEED[1])
        .read_text("utf-8")
        .replace("  key_spending: 85\n", "  key_spending: 8500\n")
    )
    actuals.write_text(text, "utf-8")
    code, out, err = invoke("score", SEED[0], str(actuals))
    assert code == 0 and out
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "key_spending" in t)
    assert err == (
        f"{actuals}:{line}:3: note: 重点支出安排率 (key_spending) is 8500% against 90%, where "
        "its top band starts; if 85% was meant, write 85, or 85% in a cell formatted as a "
        "percentage (where a 90 pasted or written by a program shows as 9000%)\n"
    )


FORM = "examples/licheng-2021/自评表.xlsx"


def test_compare_and_whatif_read_a_filled_form_as_one_entity() -> None:
    # a form was taken for a table of entities (and refused as one)
    code, out, err = invoke("compare", SEED[0], "examples/docs/gz-2021-v2.yaml", FORM)
    assert (code, err) == (0, "")
    assert "total 88.59 / 100.00" in out and "total 87.66 / 100.00" in out
    code, out, err = invoke("whatif", SEED[0], FORM)
    assert (code, err) == (0, "")
    assert "To reach 优: 1.41 more points." in out


MEAN_UNDER_REDISTRIBUTION = """\
spec: 1
id: wr
total: 100
grades: [{grade: 优, min: 90}, {grade: 良, min: 0}]
indicators:
  - {id: base, name: 基础, weight: 60, direction: higher, target: 100, method: ratio}
  - {id: gone, name: 不适用项, weight: 10, direction: higher, target: 100, method: ratio}
  - id: m
    name: 管理
    weight: 30
    aggregate: weighted_mean
    children:
      - {id: a, name: A, weight: 6, direction: higher, target: 100, method: ratio}
      - {id: b, name: B, weight: 12, direction: higher, target: 100, method: ratio}
"""


@settings(max_examples=25)
@given(
    base=st.integers(60, 100),
    a=st.integers(0, 100),
    b=st.integers(0, 100),
)
# base at full marks is 66.666…, between units: the total 89.999… rounds to 90 (优)
@example(base=60, a=30, b=90)
# an override of a's full 6 on 6.666… rounded to 6.67 counted 1.0005 of a in the mean
@example(base=99, a=0, b=58)
def test_every_closer_whatif_names_reaches_the_grade_and_no_other_does(
    base: int, a: int, b: int
) -> None:
    # 'gone' not applicable hands its 10 on (× 100/90) above a weighted mean: the
    # what-if score of a leaf is on its redistributed weight, an override on its own
    from dataclasses import replace

    from engine.review.whatif import whatif
    from engine.scoring.actuals import check_actuals
    from engine.scoring.evaluate import evaluate
    from engine.spec.load import load_text

    spec = compile_spec(load_text(MEAN_UNDER_REDISTRIBUTION, "wr.yaml"))
    text = (
        f"spec: wr\nentity: e\nperiod: '2024'\nvalues: {{base: {base}, a: {a}, b: {b}}}\n"
        "not_applicable: {gone: 无}\n"
    )
    actuals = check_actuals(load_text(text, "a.yaml"), spec, "error")
    sc = evaluate(spec, actuals)
    if sc.grade == "优":
        return
    answer = whatif(sc, actuals)
    named = {n.id: n for n in answer.closers}

    def grade_with(iid: str, value: Fraction) -> str | None:
        changed = replace(actuals, values={**actuals.values, iid: value})
        return evaluate(spec, changed).grade

    for iid in ("base", "a", "b"):
        if iid in named:
            assert grade_with(iid, named[iid].needed) == "优", (iid, named[iid])
        else:
            assert grade_with(iid, Fraction(100)) != "优", iid


def test_an_override_rounded_above_its_redistributed_full_marks_is_its_full_marks() -> None:
    """6 of 6 scaled by 100/90 is 6.666…, rounded 6.67: above the full marks, which
    a rule's score is never let be; the mean above then counted a as 1.0005."""
    from engine.scoring.actuals import check_actuals
    from engine.scoring.evaluate import evaluate
    from engine.spec.load import load_text

    spec = compile_spec(load_text(MEAN_UNDER_REDISTRIBUTION, "wr.yaml"))
    text = (
        "spec: wr\nentity: e\nvalues: {base: 99, a: 0, b: 58}\nnot_applicable: {gone: 无}\n"
        "overrides: {a: {score: 6, reason: x}}\n"
    )
    sc = evaluate(spec, check_actuals(load_text(text, "a.yaml"), spec, "error"))
    a = sc.find("a")
    # the mean's children weigh 18 of 30: their shares are only ratios, and stay
    # exact where they are no whole number of units (6 × 33.33/30 = 6.666)
    assert a is not None and a.score == a.full == Fraction("6.666")
    assert (sc.total, sc.grade) == (Fraction("89.99"), "良")


def test_whatif_says_full_marks_where_they_fall_between_units() -> None:
    """4 × 40/38 = 4.2105… shows as 4.21, the most it can: whatif searched for
    more and answered "≈ 99.9999…% scores 4.21"."""
    code, out, _ = invoke("whatif", SEED[0], "examples/docs/licheng-na.yaml")
    assert code == 0
    assert "  “三公”经费控制率 (three_public): 100% scores 4.21; full marks already" in out


def test_an_override_with_more_decimals_than_the_scores_keep_is_refused(tmp_path: Path) -> None:
    """9.555 was kept whole and shown 9.55…, so the shown scores stopped adding
    up (a group's override of 19.995 even reached the total's rounding)."""
    actuals = tmp_path / "a.yaml"
    text = (ROOT / SEED[1]).read_text("utf-8")
    actuals.write_text(text + "overrides:\n  trips: {score: 2.815, reason: 认定}\n", "utf-8")
    code, _, err = invoke("score", SEED[0], str(actuals))
    assert code == 1
    assert err.endswith(
        "override score 2.815 for 'trips' has more decimals than the spec's scores keep (2); "
        "write it as the scorecard will show it, e.g. 2.82\n"
    )


ALIKE = """\
spec: 1
id: alike
total: 20
indicators:
  - {id: a, name: 在册涉毒管控人员帮教服务覆盖率（城区）, weight: 10, unit: "%", direction: higher,
     target: 100, method: ratio}
  - {id: b, name: 在册涉毒管控人员帮教服务覆盖率（农村）, weight: 10, unit: "%", direction: higher,
     target: 100, method: ratio}
"""


@pytest.mark.parametrize(
    ("width", "names"),
    [
        (
            "80",
            ["在册涉毒管控人员帮教服务覆盖率（城区）", "在册涉毒管控人员帮教服务覆盖率（农村）"],
        ),
        ("64", ["在册涉毒管控人员帮教服… (a)", "在册涉毒管控人员帮教服… (b)"]),
    ],
)
def test_batch_statistics_keep_names_alike_up_to_the_cut_apart(
    tmp_path: Path, width: str, names: list[str]
) -> None:
    spec = tmp_path / "s.yaml"
    spec.write_text(ALIKE, "utf-8")
    table = tmp_path / "t.csv"
    table.write_text("entity,a,b\nX,95,50\nY,90,60\n", "utf-8")
    code, out, _ = invoke("batch", str(spec), str(table), "--lang", "zh", "--width", width)
    assert code == 0
    lines = out.splitlines()
    stats = lines[next(i for i, line in enumerate(lines) if line.startswith("指标")) :][1:3]
    assert [line.split("  ")[0] for line in stats] == names


def test_a_grade_label_no_actuals_could_give_is_refused_and_a_number_one_is_quoted(
    tmp_path: Path,
) -> None:
    spec = tmp_path / "g.yaml"
    spec.write_text(
        "spec: 1\nid: g\ntotal: 10\nindicators:\n  - {id: a, name: 甲, weight: 10, method: "
        '{grades: {优: 1, 1: 0.5, "": 0}}}\n',
        "utf-8",
    )
    code, _, err = invoke("validate", str(spec))
    assert code == 1
    assert err.splitlines()[0] == f"{spec}:5:70: a grade's label is empty; name the grade, e.g. 优"
    spec.write_text(spec.read_text("utf-8").replace(', "": 0', ""), "utf-8")
    actuals = tmp_path / "a.yaml"
    actuals.write_text("spec: g\nvalues: {a: 1}\n", "utf-8")
    code, _, err = invoke("score", str(spec), str(actuals))
    assert code == 1
    assert err == (
        f"{actuals}:2:13: values: 'a': YAML reads 1 as the number 1, not the label '1'; "
        "quote it: '1'\n"
    )
    actuals.write_text("spec: g\nvalues: {a: '1'}\n", "utf-8")
    assert invoke("score", str(spec), str(actuals))[0] == 0


@pytest.mark.parametrize("name", ["nosuch.xlsx", "nosuch.csv"])
def test_score_of_a_table_name_that_is_not_there_says_so(tmp_path: Path, name: str) -> None:
    """It said "a table holds many entities; use batch" (exit 2)."""
    missing = tmp_path / name
    code, _, err = invoke("score", "specs/national-project-2020.yaml", str(missing))
    assert code == 1
    assert err == f"{missing}: no such file\n"


@pytest.mark.parametrize(
    "command",
    [
        ["score"],
        ["whatif"],
        ["validate"],
        ["batch"],
        ["review"],
        ["view"],
        ["compare", "specs/national-project-2020.yaml"],
    ],
    ids=lambda c: c[0],
)
def test_a_form_that_lost_its_hidden_sheet_says_so(tmp_path: Path, command: list[str]) -> None:
    """score was told "a table holds many entities; use batch"; the commands that
    read tables were told "no known column on the first sheet"."""
    import openpyxl

    form = tmp_path / "f.xlsx"
    assert invoke("template", "specs/national-project-2020.yaml", "-o", str(form))[0] == 0
    wb = openpyxl.load_workbook(form)
    wb.remove(wb["_form"])
    wb.save(form)
    code, _, err = invoke(command[0], "specs/national-project-2020.yaml", *command[1:], str(form))
    err = err.removesuffix("1 error in 1 of 2 files\n")  # validate's count
    assert code == 1  # the file is wrong, not the command
    assert err == (
        f"{form}: a 自评表 without its hidden sheet _form, which says how to read it (moving or "
        "copying the sheet to another workbook leaves it behind); fill in the workbook "
        "'scorecard template' wrote, or copy the values into a new one\n"
    )


@pytest.mark.parametrize("command", ["score", "explain", "whatif"])
@pytest.mark.parametrize("cut", [0, 1000])
def test_a_workbook_empty_or_cut_short_is_told_so_not_to_use_batch(
    tmp_path: Path, command: str, cut: int
) -> None:
    """An empty or truncated .xlsx was told "a table holds many entities; use batch"
    (exit 2), where batch says the workbook cannot be read."""
    form = tmp_path / "f.xlsx"
    form.write_bytes((ROOT / "examples/licheng-2021/自评表.xlsx").read_bytes()[:cut])
    args = [command, "specs/gz-dept-overall-2021.yaml", str(form)]
    code, _, err = invoke(*args, *(["trips"] if command == "explain" else []))
    assert (code, err) == (
        1,
        f"{form}: not a readable .xlsx workbook (not a zip archive, or a truncated one); save "
        "it again from Excel, or as CSV\n",
    )
