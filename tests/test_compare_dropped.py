"""compare A B ACTUALS where B drops an indicator of A: B is scored without what
the actuals give for it, with a located note (engine.scoring.dropped)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from conftest import invoke

ROOT = Path(__file__).resolve().parent.parent

A = """\
spec: 1
id: p
version: "1"
total: 10
indicators:
  - {id: a, name: 甲, weight: 6, direction: higher, target: 100, method: ratio}
  - {id: b, name: 乙, weight: 4, direction: higher, target: 100, method: ratio}
"""
B = """\
spec: 1
id: p
version: "2"
total: 10
indicators:
  - {id: a, name: 甲, weight: 10, direction: higher, target: 100, method: ratio}
"""


def _specs(tmp_path: Path) -> tuple[str, str]:
    (tmp_path / "a.yaml").write_text(A, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(B, encoding="utf-8")
    return str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")


def _table(tmp_path: Path) -> Path:
    """Two units, with a column for b (甲 is a, 乙 is b) and its N/A reason."""
    table = tmp_path / "t.csv"
    table.write_text("entity,甲,乙,na.b\nX,50,100,\nY,100,N/A,不适用\n", encoding="utf-8")
    return table


@pytest.mark.parametrize("b_adds", [False, True], ids=["b-drops", "b-adds"])
def test_actuals_of_an_indicator_one_spec_lacks_are_left_out_of_it(
    tmp_path: Path, b_adds: bool
) -> None:
    """B drops an indicator of A: B is scored without what the actuals give for
    it. B, the rule tried, adds one: the actuals give it for B, and A is scored
    without it (it refused the id, and B could not be tried without it)."""
    a, b = _specs(tmp_path)  # b.yaml lacks b
    actuals = tmp_path / "x.yaml"
    actuals.write_text(
        "spec: p\nentity: X\nvalues:\n  a: 50\n  b: 100\nnotes:\n  b: 超额完成\n",
        encoding="utf-8",
    )
    code, out, err = invoke("compare", *((b, a) if b_adds else (a, b)), str(actuals))
    assert code == 0, err
    assert "total 7.00 / 10.00" in out  # a.yaml: 3 + 4
    assert "total 5.00 / 10.00" in out  # b.yaml: 10 × 50%
    assert ("indicator: absent → present" if b_adds else "indicator: present → absent") in out
    said = (
        f"note: A ({b}) has no indicator 'b' (B adds it); A is scored without"
        if b_adds
        else f"note: B ({b}) has no indicator 'b'; B is scored without"
    )
    assert err.splitlines() == [
        f"{actuals}:5:3: {said} this entry of values",
        f"{actuals}:7:3: {said} this entry of notes",
    ]


def test_a_tables_columns_of_a_dropped_indicator_are_left_out_of_b(tmp_path: Path) -> None:
    a, b = _specs(tmp_path)
    table = _table(tmp_path)
    code, out, err = invoke("compare", a, b, str(table))
    assert code == 0, err
    assert "mean total 8.50 → 7.50" in out  # A: 7 and 10; B: 5 and 10
    assert err.splitlines() == [
        f"{table}:1:{col}: note: B ({b}) has no indicator or input for column '{header}'; B is "
        "scored without it"
        for col, header in ((3, "乙"), (4, "na.b"))
    ]


def test_a_tables_columns_of_an_indicator_b_adds_are_left_out_of_a(tmp_path: Path) -> None:
    a, b = _specs(tmp_path)
    table = _table(tmp_path)
    code, out, err = invoke("compare", b, a, str(table), "--lang", "zh")
    assert code == 0, err
    assert "7.50 → 8.50" in out  # A (b.yaml): 5 and 10; B (a.yaml): 7 and 10
    assert err.splitlines() == [
        f"{table}:1:{col}: 提示：A（{b}）没有与列 '{header}' 对应的指标或输入项（B 有）；"
        "按 A 计分时不计这一列"
        for col, header in ((3, "乙"), (4, "na.b"))
    ]


@pytest.mark.parametrize("header", ["乙（%）", "乙 (%)", "乙%", "乙（％）", " 乙 "])
def test_a_dropped_indicators_column_written_with_its_unit_is_left_out_too(
    tmp_path: Path, header: str
) -> None:
    """A finance system's export heads a column with its unit (农民技能培训人次（人次）),
    as batch reads it: B, which drops the indicator, leaves it out with its note."""
    a, b = _specs(tmp_path)
    Path(a).write_text(A.replace("name: 乙,", 'name: 乙, unit: "%",'), encoding="utf-8")
    table = tmp_path / "t.csv"
    table.write_text(f"entity,甲,{header}\nX,50,100\n", encoding="utf-8")
    code, out, err = invoke("compare", a, b, str(table))
    assert code == 0, err
    assert "mean total 7.00 → 5.00" in out  # A: 3 + 4; B: 10 × 50%
    assert err.splitlines() == [
        f"{table}:1:3: note: B ({b}) has no indicator or input for column '{header.strip()}'; B "
        "is scored without it"
    ]


def test_a_column_the_other_spec_reads_is_never_left_out(tmp_path: Path) -> None:
    """A dropped name that, written otherwise, is a name B keeps is B's column."""
    from engine.batch.tables import left_out

    assert left_out("乙（%）", frozenset({"乙", "b"}))
    assert not left_out("甲（%）", frozenset({"乙", "b"}))
    assert not left_out("", frozenset({"乙"})) and not left_out("乙", frozenset())


def test_an_id_neither_spec_has_is_still_refused(tmp_path: Path) -> None:
    a, b = _specs(tmp_path)
    actuals = tmp_path / "x.yaml"
    actuals.write_text("spec: p\nentity: X\nvalues: {a: 50, b: 1, c: 2}\n", encoding="utf-8")
    code, _out, err = invoke("compare", a, b, str(actuals))
    assert code == 1
    assert "unknown indicator id 'c'" in err


GRADED = """\
spec: 1
id: g
total: 10
indicators:
  - {id: a, name: 甲, weight: 6, direction: higher, target: 100, method: ratio}
  - {id: b, name: 乙, weight: 4, method: {grades: {达成: [0.8, 1], 部分达成: [0.6, 0.8]}}}
"""


def test_chosen_scores_and_overrides_are_scaled_to_bs_weights(tmp_path: Path) -> None:
    """--set b.weight=… --rebalance refused a chosen score and an override given
    in points of A's weights, blaming the actuals, which had not changed."""
    spec = tmp_path / "g.yaml"
    spec.write_text(GRADED, encoding="utf-8")
    actuals = tmp_path / "x.yaml"
    actuals.write_text(
        "spec: g\nentity: X\nvalues:\n  a: 100\n  b: {grade: 部分达成, score: 2.8}\n"
        "overrides:\n  a: {score: 5.5, reason: 复核}\n",
        encoding="utf-8",
    )
    code, out, err = invoke(
        "compare", str(spec), str(actuals), "--set", "b.weight=2", "--rebalance", "--width", "120"
    )
    assert code == 0, err
    assert err.splitlines() == [
        f"{actuals}:5:27: note: B weighs 'b' 2, A 4: its chosen score 2.8 counts as 1.4 in B "
        "(the same share of the weight)",
        f"{actuals}:7:14: note: B weighs 'a' 8, A 6: its override 5.5 counts as 7.33 in B "
        "(the same share of the weight)",  # 7.333…, written at the places as an override is
    ]
    assert "total 8.30 / 10.00" in out and "total 8.73 / 10.00" in out


def test_a_tables_chosen_scores_are_scaled_to_bs_weights_too(tmp_path: Path) -> None:
    """Over a table, a chosen score in points of A's weight was refused under B
    (outside its grade's range there) and the unit left out of the comparison;
    each is scaled as in actuals, with one note at the column's header."""
    spec = tmp_path / "g.yaml"
    spec.write_text(GRADED, encoding="utf-8")
    table = tmp_path / "t.csv"
    table.write_text("entity,甲,乙,score.b\nX,100,部分达成,2.8\nY,90,达成,3.6\n", encoding="utf-8")
    code, out, err = invoke(
        "compare", str(spec), str(table), "--set", "b.weight=2", "--rebalance", "--width", "120"
    )
    assert code == 0, err
    assert err.splitlines() == [
        f"{table}:1:4: note: B weighs 'b' 2, A 4: each chosen score in column 'score.b' "
        "counts in B as the same share of the weight (× 2/4)"
    ]
    assert "2 entities scored under both" in out
    # X: 6 + 2.8 under A, 8 + 1.4 under B; Y: 5.4 + 3.6, 7.2 + 1.8
    assert "+0.60  X (row 2)  8.80 → 9.40" in out and "±0.00  Y (row 3)  9.00 → 9.00" in out


WITH_INPUTS = A.replace(
    "total: 10\n",
    "total: 20\ninputs:\n  budget: {name: 预算数, unit: 万元}\n"
    "  spent: {name: 执行数, unit: 万元}\n",
) + (
    "  - {id: exe, name: 预算执行率, weight: 10, unit: '%', direction: higher, target: 100,\n"
    "     actual: spent / budget * 100, method: ratio}\n"
)


def test_inputs_of_an_indicator_b_adds_are_left_out_of_a(tmp_path: Path) -> None:
    """B adds an indicator worked from inputs A has not: A refused them (unknown input)."""
    a, _b = _specs(tmp_path)
    b = tmp_path / "b2.yaml"
    b.write_text(WITH_INPUTS, encoding="utf-8")
    actuals = tmp_path / "x.yaml"
    actuals.write_text(
        "spec: p\nentity: X\ninputs: {budget: 100, spent: 90}\nvalues: {a: 50, b: 100}\n",
        encoding="utf-8",
    )
    code, out, err = invoke("compare", a, str(b), str(actuals))
    assert code == 0, err
    assert "indicator: absent → present" in out
    assert err.splitlines() == [
        f"{actuals}:3:{col}: note: A ({a}) reads no input '{name}' (B reads it); A is scored "
        "without this entry of inputs"
        for col, name in ((10, "budget"), (23, "spent"))
    ]
    table = tmp_path / "t.csv"
    table.write_text("entity,甲,乙,budget,执行数\nX,50,100,100,90\n", encoding="utf-8")
    code, out, err = invoke("compare", a, str(b), str(table))
    assert code == 0, err
    assert "7.00 → 16.00" in out  # A: 3 + 4; B: 3 + 4 + 9
    assert err.splitlines() == [
        f"{table}:1:{col}: note: A ({a}) has no indicator or input for column '{header}' (B "
        "has it); A is scored without it"
        for col, header in ((4, "budget"), (5, "执行数"))
    ]


def test_a_form_of_b_given_to_compare_leaves_bs_own_rows_out_of_a(tmp_path: Path) -> None:
    a, b = _specs(tmp_path)  # a.yaml has b, b.yaml does not: a form of a.yaml
    form = tmp_path / "form.xlsx"
    assert invoke("template", a, "-o", str(form))[0] == 0
    wb = openpyxl.load_workbook(form)
    ws = wb["自评表"]
    ws["B3"] = "X"
    rows = {ws.cell(r, 2).value: r for r in range(1, ws.max_row + 1)}
    ws.cell(rows["a"], 8, 50)
    ws.cell(rows["b"], 8, 100)
    wb.save(form)
    code, out, err = invoke("compare", b, a, str(form))  # A (b.yaml) lacks b
    assert code == 0, err
    assert "indicator: absent → present" in out
    assert (  # (beside the note that the form shows a's weight under other rules)
        f"{form}:{rows['b']}:2: note: 'b' is no indicator of {b}; its row is left out of that "
        "spec's scoring"
    ) in err.splitlines()


def test_compare_reads_a_table_as_batch_does(tmp_path: Path) -> None:
    """--sheet, --encoding and --na, as batch takes them: a workbook whose data are
    on its second sheet could not be compared, a table in GBK or with its own N/A
    mark neither; given with one entity's actuals they are refused."""
    a, b = _specs(tmp_path)
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["本表为 2024 年自评数据"])
    data = wb.create_sheet("2024")
    for row in (["entity", "甲", "乙"], ["X", 50, 100], ["Y", 100, "／"]):
        data.append(row)
    wb.save(tmp_path / "t.xlsx")
    code, out, err = invoke(
        "compare", a, b, str(tmp_path / "t.xlsx"), "--sheet", "2024", "--na", "／"
    )
    assert code == 0, err
    assert "2 entities scored under both" in out
    (tmp_path / "t.csv").write_bytes("entity,甲,乙\nX,50,100\nY,100,不适用\n".encode("gbk"))
    code, out, err = invoke("compare", a, b, str(tmp_path / "t.csv"), "--encoding", "gbk")
    assert code == 0, err
    assert "2 entities scored under both" in out
    one = tmp_path / "x.yaml"
    one.write_text("spec: p\nentity: X\nvalues: {a: 50, b: 100}\n", encoding="utf-8")
    assert invoke("compare", a, b, str(one), "--sheet", "2024") == (
        2,
        "",
        "--sheet 2024 is for a table (.xlsx, .xlsm), and no file given is one; drop --sheet 2024\n",
    )
    assert invoke("compare", a, b, str(one), "--na", "／") == (
        2,
        "",
        f"--na marks cells of a table; {one} is not one: drop --na\n",
    )


def test_an_error_of_one_spec_says_which(tmp_path: Path) -> None:
    """A grade B renamed refused the actuals with no word of B: the user's own
    spec A has the grade. An error both specs give is said once, as it is."""
    spec = tmp_path / "g.yaml"
    spec.write_text(GRADED, encoding="utf-8")
    renamed = tmp_path / "r.yaml"
    renamed.write_text(GRADED.replace("达成: [0.8", "完成: [0.8"), encoding="utf-8")
    actuals = tmp_path / "x.yaml"
    actuals.write_text(
        "spec: g\nentity: X\nvalues: {a: 100, b: {grade: 达成, score: 3.6}}\n", encoding="utf-8"
    )
    code, out, err = invoke("compare", str(spec), str(renamed), str(actuals))
    assert (code, out) == (1, "")
    assert err.endswith(f"; grades: 完成, 部分达成 (under B: {renamed})\n")
    table = tmp_path / "t.csv"
    table.write_text("entity,甲,乙,score.b\nX,100,达成,3.6\nY,abc,达成,3.6\n", encoding="utf-8")
    code, out, err = invoke("compare", str(spec), str(renamed), str(table))
    lines = err.splitlines()
    assert code == 1 and len(lines) == 3, err
    assert lines[0].startswith(f"{table}:3:2: ") and "(under" not in lines[0]  # both: the cell
    assert lines[1].startswith(f"{table}:2:3: ") and lines[1].endswith(f"(under B: {renamed})")
    code, out, err = invoke("compare", str(spec), str(table), "--set", "b.weight=2", "--rebalance")
    assert "(under" not in err


@pytest.mark.parametrize("width", ["60", "70", "80", "90"])
def test_a_set_is_never_cut_across_lines(width: str) -> None:
    """At 80 columns `--set grades.优秀` and `.min=95` went on two lines (a break
    between Chinese characters): each change stays whole, to be copied back."""
    code, out, err = invoke(
        "compare",
        str(ROOT / "specs/gz-dept-overall-2021.yaml"),
        str(ROOT / "examples/licheng-2021/actuals.yaml"),
        "--set",
        "grades.优.min=95",
        "--set",
        "trips.weight=5",
        "--rebalance",
        "--width",
        width,
    )
    assert code == 0, err
    lines = out.splitlines()
    for token in ("--set grades.优.min=95", "--set trips.weight=5", "--rebalance"):
        assert any(token in line for line in lines), (token, lines[:4])


def test_a_tables_own_na_mark_holds_on_both_sides_when_scores_are_scaled(
    tmp_path: Path,
) -> None:
    """--na ／ was dropped on B's side where chosen scores were scaled: two units
    failed under B alone, and the comparison was of one."""
    spec = tmp_path / "g.yaml"
    spec.write_text(GRADED, encoding="utf-8")
    table = tmp_path / "t.csv"
    table.write_text(
        "entity,甲,乙,score.b\nX,100,部分达成,2.8\nZ,／,部分达成,75%\nW,80,／,\n",
        encoding="utf-8",
    )
    code, out, err = invoke(
        "compare", str(spec), str(table), "--set", "b.weight=2", "--rebalance", "--na", "／"
    )
    assert code == 0, err
    assert "3 entities scored under both" in out
