"""N/A marks on the fast path (engine.batch.patterns) against the exact path:
random specs under ``redistribute`` and ``exclude``, random marks, the same rows,
output text and summary figures on every path."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.batch.fastpath import make_plan
from engine.batch.runner import score_rows
from engine.batch.tables import open_table
from engine.spec.compile import compile_spec
from engine.spec.load import load_text
from tests.test_columnar_csv import same_on_every_path
from tests.test_fastpath import cases

MARKS = st.sampled_from(["N/A", "不适用", " -- ", "n/a"])


@settings(max_examples=100)
@given(st.data())
def test_na_marks_score_as_the_exact_path_does(
    tmp_path_factory: object, data: st.DataObject
) -> None:
    spec_text, table_text = data.draw(cases())
    policy = data.draw(st.sampled_from(["redistribute", "exclude"]))
    spec_text = spec_text.replace("indicators:\n", f"not_applicable: {policy}\nindicators:\n", 1)
    lines = table_text.rstrip("\n").split("\n")
    marked = [lines[0]]
    for line in lines[1:]:
        entity, b, s, *values = line.split(",")
        values = [data.draw(MARKS) if data.draw(st.booleans()) else v for v in values]
        marked.append(",".join([entity, b, s, *values]))
    spec = compile_spec(load_text(spec_text, "r.yaml"))
    assert make_plan(spec) is not None
    path = Path(tmp_path_factory.mktemp("na")) / "t.csv"  # type: ignore[attr-defined]
    path.write_text("\n".join(marked) + "\n", encoding="utf-8")
    same_on_every_path(path, spec)


CELLS = st.sampled_from(["", "  ", "\u3000", "N/A", "不适用", "--"])


@settings(max_examples=100)
@given(st.data())
def test_empty_cells_under_missing_zero_score_as_the_exact_path_does(
    tmp_path_factory: object, data: st.DataObject
) -> None:
    """Under --missing zero a leaf whose cell is empty, or whose input's is,
    scores 0 (flagged ID:missing) on the fast path too, beside N/A marks that
    redistribute or exclude weights; and a column the table lacks altogether."""
    _empty_cells_alike(tmp_path_factory, data, "zero")


@settings(max_examples=100)
@given(st.data())
def test_empty_cells_under_missing_error_fail_as_the_exact_path_does(
    tmp_path_factory: object, data: st.DataObject
) -> None:
    """Under --missing error a row with a leaf without a value fails with the
    exact path's errors on the fast path too (told once per pattern of empty
    cells), beside N/A marks and a column the table lacks altogether."""
    _empty_cells_alike(tmp_path_factory, data, "error")


def _empty_cells_alike(tmp_path_factory: object, data: st.DataObject, missing: str) -> None:
    spec_text, table_text = data.draw(cases())
    policy = data.draw(st.sampled_from(["redistribute", "exclude"]))
    spec_text = spec_text.replace("indicators:\n", f"not_applicable: {policy}\nindicators:\n", 1)
    lines = table_text.rstrip("\n").split("\n")
    # a column left out (b, s, or x1): under --missing error the table is refused whole
    drop = data.draw(st.sampled_from([None, 1, 2, 3] if missing == "zero" else [None]))
    out = []
    for k, line in enumerate(lines):
        cells = line.split(",")
        if k:
            cells = [cells[0]] + [
                data.draw(CELLS) if data.draw(st.booleans()) else c for c in cells[1:]
            ]
            cells[1:3] = ["" if c in ("N/A", "不适用", "--") else c for c in cells[1:3]]  # inputs
        if drop is not None and drop < len(cells):
            del cells[drop]
        out.append(",".join(cells))
    spec = compile_spec(load_text(spec_text, "r.yaml"))
    path = Path(tmp_path_factory.mktemp("gaps")) / "t.csv"  # type: ignore[attr-defined]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    same_on_every_path(path, spec, missing=missing)


def test_empty_cells_under_missing_zero_stay_on_the_fast_path(tmp_path: Path) -> None:
    """Blank cells under --missing zero sent their rows the exact way one at a
    time: 40,000 rows with 5% of cells blank took 57 s against 0.6 s."""
    from engine.batch.blocks import Block
    from engine.batch.runner import score_blocks
    from engine.spec.compile import load_spec
    from tests.test_columnar_csv import columnar
    from tests.test_fastpath import ROOT, _seed_table

    lines = _seed_table(300).rstrip("\n").split("\n")
    header = lines[0].split(",")
    for k in range(1, len(lines), 3):  # an empty cell in a third of the rows, an input in some
        cells = lines[k].split(",")
        cells[5 + k % 7] = ""
        if k % 2:
            cells[header.index("budget")] = " "
        lines[k] = ",".join(cells)
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    spec = load_spec(ROOT / "specs" / "gz-dept-overall-2021.yaml")
    with columnar():
        items = list(score_blocks(spec, open_table(str(path), spec), "zero", fast=True))
    blocks = [i for i in items if isinstance(i, Block)]
    # every row but the seed table's one with a mistyped cell ('9O'), which fails
    assert sum(len(b.fast) for b in blocks) == 299
    assert [r.row for b in blocks for r in b.others.values() if r.errors] == [101]
    results = [r for b in blocks for r in b.results()]
    # row k: cell 5 + k % 7 empty, and budget when k is odd (budget_execution reads it)
    assert results[0].flags == "budget_execution:missing; staff_control:missing"
    assert results[1].flags == ""
    assert results[3].flags == f"{header[9]}:missing"
    same_on_every_path(path, spec, missing="zero")


def test_empty_cells_under_missing_error_are_told_once_per_pattern(tmp_path: Path) -> None:
    """Under --missing error each row with an empty cell went the exact way
    one at a time (200,000 rows with 5% of cells blank: 57 s to report them).
    Its errors depend only on which cells are empty: each pattern goes the
    exact way once, its other rows take the same errors at their own lines."""
    from tests.test_fastpath import _seed_table
    from tests.test_refused_cells import counted_run

    lines = _seed_table(300).rstrip("\n").split("\n")
    header = lines[0].split(",")
    for k in range(1, len(lines), 2):  # six patterns of empty cells, an input in three
        cells = lines[k].split(",")
        cells[5 + k % 3] = ""
        if k % 4 == 1:
            cells[header.index("spent")] = "  "
        lines[k] = ",".join(cells)
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results, calls = counted_run(path)
    failed = [r for r in results if r.errors]
    # and the seed table's row with a mistyped cell ('9O')
    assert [r.row for r in failed] == sorted([*range(2, 302, 2), 101])
    assert calls == 7  # six patterns' first rows, and the row with '9O': not one a row
    assert failed[0].errors == (
        f"{path}:2:{header.index('spent') + 1}: missing inputs: spent (for budget_execution); "
        "fill in their cells, or use --missing zero to score those indicators 0",
        f"{path}:2:{5 + 1 % 3 + 1}: missing value for 1 indicator: {header[5 + 1 % 3]} "
        "(在职人员控制率); fill in its cell, write N/A in it or give a reason in an na.ID column "
        "if the indicator does not apply, or use --missing zero to score it 0",
    )


def test_a_leaf_marked_not_applicable_needs_no_input_under_missing_zero(tmp_path: Path) -> None:
    """A leaf whose formula reads an input is not applicable where its cell holds
    a mark, even where the input's cell is empty: it is not also missing."""
    spec = compile_spec(
        load_text(
            "spec: 1\nid: m\ntotal: 20\nrounding: {places: 2, mode: half_up}\n"
            "inputs: {b: {name: B}}\nnot_applicable: redistribute\nindicators:\n"
            "  - {id: x, name: X, weight: 10, direction: higher, target: 100,"
            " method: {formula: 'weight * min(actual / b, 1)'}}\n"
            "  - {id: y, name: Y, weight: 10, direction: higher, target: 100, method: ratio}\n",
            "m.yaml",
        )
    )
    lines = ["entity,b,x,y", "甲,,N/A,90", "乙,,80,90", "丙,100,80,", "丁,100,N/A,"]
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = same_on_every_path(path, spec, missing="zero")
    assert [r.flags for r in results] == [
        "x:not_applicable",
        "x:missing",
        "y:missing",
        "x:not_applicable; y:missing",
    ]
    assert [str(r.total) for r in results] == ["18", "9", "8", "0"]


def test_the_seed_spec_scores_rows_with_marks_on_the_fast_path(tmp_path: Path) -> None:
    from engine.batch.blocks import Block
    from engine.batch.runner import score_blocks
    from engine.spec.compile import load_spec
    from tests.test_fastpath import ROOT, _seed_table

    lines = _seed_table(300).rstrip("\n").split("\n")
    for k in range(1, len(lines), 3):  # a mark in a third of the rows, one or two a row
        cells = lines[k].split(",")
        cells[5 + k % 7] = "N/A"
        if k % 2:
            cells[13 + k % 5] = "不适用"
        lines[k] = ",".join(cells)
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    spec = load_spec(ROOT / "specs" / "gz-dept-overall-2021.yaml")
    items = list(score_blocks(spec, open_table(str(path), spec), fast=True))
    fast_rows = sum(len(i.fast) for i in items if isinstance(i, Block))
    assert fast_rows >= 290  # marked rows stay on the fast path
    same_on_every_path(path, spec)


def test_a_grade_named_as_an_n_a_mark_scores_nothing_where_it_marks_the_cell(
    tmp_path: Path,
) -> None:
    """`--na 无` with a grades indicator that has a grade 无: the cell is an N/A
    mark (the indicator is not applicable there), never that grade's points."""
    spec = compile_spec(
        load_text(
            "spec: 1\nid: g\ntotal: 20\nrounding: {places: 2, mode: half_up}\n"
            "not_applicable: redistribute\nindicators:\n"
            "  - {id: rate, name: 执行率, weight: 10, unit: '%', direction: higher,"
            " target: 100, method: ratio}\n"
            "  - {id: sys, name: 制度, weight: 10, method: {grades: {有: 1, 无: 0.5}}}\n",
            "g.yaml",
        )
    )
    path = tmp_path / "t.csv"
    rows = "".join(f"e{i},{50 + i},{'无' if i % 2 else '有'}\n" for i in range(30))
    path.write_text("entity,rate,sys\n" + rows, encoding="utf-8")
    exact = list(score_rows(spec, open_table(str(path), spec), na_tokens=("无",), fast=False))
    fast = list(score_rows(spec, open_table(str(path), spec), na_tokens=("无",), fast=True))
    assert fast == exact
    assert all(r.scores[1] is None for r in exact[1::2])  # marked: not applicable
