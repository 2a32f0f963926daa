"""Cells the fast path does not read (a dash for "none", a word, a unit typed
after the number, a number written oddly) against the exact path: rows refused
alike are told alike (engine.batch.gaps.refused), and every row is what the
exact path makes of it, under either --missing mode, beside N/A marks and empty
cells."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.batch import blocks, gaps
from engine.batch.runner import score_rows
from engine.batch.tables import open_table
from engine.spec.compile import compile_spec, load_spec
from engine.spec.load import load_text
from tests.test_columnar_csv import columnar, same_on_every_path
from tests.test_fastpath import ROOT, _seed_table, cases

#: cells the exact reader refuses, and some it reads that the fast path does not
ODD = st.sampled_from(
    [
        "—",
        " — ",
        "/",
        "无",
        "85分",
        "1 项",
        "9O",
        "1,2",
        "1.2.3",
        "-",
        "12%%",
        "1e400",
        "1e-400",
        "0.12345678901234567890123",
        "１２．５",
        "N/A",
        "",
        " ",
    ]
)


@settings(max_examples=100)
@given(st.data())
def test_refused_cells_fail_their_rows_as_the_exact_path_does(
    tmp_path_factory: object, data: st.DataObject
) -> None:
    spec_text, table_text = data.draw(cases())
    policy = data.draw(st.sampled_from(["redistribute", "exclude"]))
    spec_text = spec_text.replace("indicators:\n", f"not_applicable: {policy}\nindicators:\n", 1)
    missing = data.draw(st.sampled_from(["error", "zero"]))
    lines = table_text.rstrip("\n").split("\n")
    # a few shapes of row, repeated: rows refused alike, and some not quite alike
    shapes = [
        [data.draw(ODD) if data.draw(st.booleans()) else None for _ in lines[0].split(",")[1:]]
        for _ in range(3)
    ]
    out = [lines[0]]
    for line in lines[1:] * 3:
        entity, *cells = line.split(",")
        shape = data.draw(st.sampled_from(shapes))
        cells = [c if s is None else s for c, s in zip(cells, shape, strict=True)]
        # a row of a shape that also lacks a value, or holds a word as a grade: what
        # it lacks and the grade it does not know are told with its refused cells
        other = data.draw(st.sampled_from([None, "", "一般"]))
        if other is not None:
            cells[data.draw(st.integers(0, len(cells) - 1))] = other
        out.append(",".join([entity, *cells]))
    spec = compile_spec(load_text(spec_text, "r.yaml"))
    path = Path(tmp_path_factory.mktemp("odd")) / "t.csv"  # type: ignore[attr-defined]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    same_on_every_path(path, spec, missing=missing)


def counted_run(path: Path, missing: str = "error") -> tuple[list[Any], int]:
    """The rows of the seed spec's table at ``path`` read column-wise, and how
    many went the exact way (the same on every path, checked)."""
    spec = load_spec(ROOT / "specs" / "gz-dept-overall-2021.yaml")
    calls: list[int] = []
    exact_row = gaps.exact_row

    def counted(*args: object, **kw: object) -> object:
        calls.append(1)
        return exact_row(*args, **kw)  # type: ignore[arg-type]

    gaps.exact_row = blocks.exact_row = counted  # type: ignore[assignment]
    try:
        with columnar():
            results = list(score_rows(spec, open_table(str(path), spec), missing, fast=True))
    finally:
        gaps.exact_row = blocks.exact_row = exact_row
    same_on_every_path(path, spec, missing=missing)
    return results, len(calls)


def test_rows_refused_alike_go_the_exact_way_once(tmp_path: Path) -> None:
    """A dash typed for "none" in 40,000 rows sent each the exact way: 10 s,
    and 50 s for 200,000. A refused cell fails its row before the rest is read,
    with an error its column and text decide: once per pattern of such cells."""
    lines = _seed_table(300).rstrip("\n").split("\n")
    header = lines[0].split(",")
    dashed = header.index("safety_net")
    for k in range(1, len(lines), 2):  # three patterns: a dash, a unit, both
        cells = lines[k].split(",")
        if k % 3 != 1:
            cells[dashed] = "—"
        if k % 3 != 2:
            cells[header.index("rehab")] = "85分"
        lines[k] = ",".join(cells)
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for missing in ("error", "zero"):
        results, calls = counted_run(path, missing)
        failed = [r for r in results if r.errors]
        # and the seed table's row with a mistyped cell ('9O'), a pattern of its own
        assert [r.row for r in failed] == sorted([*range(2, 302, 2), 101])
        assert calls == 4
    both = next(r for r in failed if r.row == 4)
    assert both.errors == (
        f"{path}:4:{header.index('rehab') + 1}: column 'rehab' (在册涉毒管控人员帮教服务覆盖率): "
        "'85分' is not a number: a unit, '分', was typed after it; write the number alone, 85 "
        "(the unit is already in the spec)",
        f"{path}:4:{dashed + 1}: column 'safety_net' (兜底性人群服务覆盖率): '—' is not a "
        "number, and is read neither as 0 nor as not applicable; write 0, or an N/A mark (N/A, "
        "n/a, NA, 不适用, --); a table is read with it as one given --na '—' (which "
        "replaces the default marks: give those kept too)",
    )


def test_a_claim_beside_a_refused_cell_is_read_row_by_row(tmp_path: Path) -> None:
    """A claimed score is read with the values, its error beside theirs: a row
    with one is not told by another row's errors."""
    lines = _seed_table(40).rstrip("\n").split("\n")
    header = lines[0].split(",")
    lines[0] += ",claimed.training"
    for k in range(1, len(lines)):
        cells = lines[k].split(",")
        cells[header.index("trips")] = "—"
        lines[k] = ",".join(cells) + ("," + ("x" if k % 2 else "3"))
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results, calls = counted_run(path)
    assert calls == 40  # every row the exact way: each has a claim
    errors = {r.row: r.errors for r in results}
    assert len(errors[2]) == 2 and "column 'claimed.training'" in errors[2][1]
    assert len(errors[3]) == 1


def test_a_refused_row_is_told_what_it_lacks_and_its_unknown_grades_at_once(
    tmp_path: Path,
) -> None:
    """A row with a cell that could not be read said only that: what else it
    lacked, or a grade the spec does not have, came once the cell was mended."""
    lines = _seed_table(60).rstrip("\n").split("\n")
    header = lines[0].split(",")
    trips, rehab = header.index("trips"), header.index("rehab")
    grade = header.index("management_system")
    for k in range(1, len(lines)):
        cells = lines[k].split(",")
        cells[trips] = "—"
        if k % 3 == 0:
            cells[rehab] = ""
        if k % 4 == 0:
            cells[grade] = "一般"
        lines[k] = ",".join(cells)
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results, calls = counted_run(path, "error")
    errors = {r.row: r.errors for r in results}
    assert calls <= 5  # one row of each kind: a dash; with a gap; a grade; both; seed's 9O
    both = errors[13]  # k = 12: a dash, rehab empty, and 一般
    assert [e.split(": ", 1)[0] for e in both] == [  # in the order of their cells
        f"{path}:13:{grade + 1}",
        f"{path}:13:{trips + 1}",
        f"{path}:13:{rehab + 1}",
    ]
    assert "'一般'" in both[0] and "'—'" in both[1]
    assert "missing value for 1 indicator: rehab" in both[2]
    assert len(errors[3]) == 1  # k = 2: the dash alone


def test_a_grade_cell_that_marks_none_is_told_as_a_number_cell_is(tmp_path: Path) -> None:
    """A dash or 无 in a grade's column, or an N/A mark in full width, was told only
    that the grade does not exist: it is told what marks not applicable, on the
    fast path as on the exact one."""
    lines = _seed_table(60).rstrip("\n").split("\n")
    header = lines[0].split(",")
    grade = header.index("management_system")
    marks = ["—", "无", "Ｎ／Ａ"]
    for k in range(1, 4):
        cells = lines[k].split(",")
        cells[grade] = marks[k - 1]
        lines[k] = ",".join(cells)
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    spec = load_spec(ROOT / "specs" / "gz-dept-overall-2021.yaml")
    for fast in (True, False):
        table = open_table(str(path), spec)
        errors = {r.row: r.errors for r in score_rows(spec, table, fast=fast) if r.errors}
        assert sorted(errors) == [2, 3, 4]
        where = f"{path}:2:{grade + 1}: column 'management_system' (管理制度健全性): "
        assert errors[2] == (
            where + "'—' is no grade (优, 良, 中, 差), and is not read as not applicable; write "
            "the grade, or an N/A mark (N/A, n/a, NA, 不适用, --); a table is read with it as "
            "one given --na '—' (which replaces the default marks: give those kept too)",
        )
        assert "'无' is no grade" in errors[3][0]
        same_on_every_path(path, spec)  # column-wise too
        assert errors[4][0].endswith(
            "'Ｎ／Ａ' is no grade (优, 良, 中, 差), nor an N/A mark: it is written with "
            "full-width characters; write N/A (the marks: N/A, n/a, NA, 不适用, --)"
        )
