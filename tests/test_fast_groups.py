"""Groups that are not sums, and leaves without an error bound, on the fast path
(engine.batch.aggregates, the fast path's exact leaves) against the exact path.

Random specs nest groups under every aggregation (weighted_mean, mean, min,
geometric_mean, a formula, sum) with a random aggregation of the total; their
leaves mix bounded methods with formulas the float bound does not cover (sqrt,
floor, //, %, text compared). Rows, output text and summary figures must be the same on every
path, N/A marks included.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.batch.blocks import Block
from engine.batch.fastpath import make_plan
from engine.batch.runner import score_blocks, score_rows
from engine.batch.tables import open_table
from engine.spec.compile import compile_spec
from engine.spec.load import load_text
from tests.test_columnar_csv import same_on_every_path

METHODS = st.sampled_from(
    [
        ("ratio", "higher"),
        ("{deduct: {per: 0.25}}", "lower"),
        ("{formula: 'weight * min(sqrt(max(actual, 0) / target), 1)'}", "higher"),
        ("{formula: 'weight * min(floor(actual) / target, 1)'}", "higher"),
        ("{formula: 'weight * min((actual // 3) * 3 / target, 1)'}", "higher"),
        ("{formula: 'weight * ((actual % 7) / 7)'}", "higher"),
        # text in a formula: a label compared (a table's cell is a number or an error)
        ("{formula: \"weight if actual != 'n/a' and actual >= target else weight / 3\"}", "higher"),
        ("{bands: [{min: 90, fraction: 1}, {min: 60, fraction: 0.5}, {fraction: 0.1}]}", None),
    ]
)
KINDS = st.sampled_from(
    ["sum", "sum", "sum", "weighted_mean", "mean", "min", "geometric_mean", "formula"]
)
MARKS = st.sampled_from(["N/A", "不适用"])
weights = st.decimals(min_value=Decimal("0.5"), max_value=Decimal("12"), places=2)
values = st.decimals(min_value=Decimal("-20"), max_value=Decimal("150"), places=2)


def _aggregate(kind: str, ids: list[str]) -> str:
    if kind == "formula":
        return "aggregate: {formula: '" + " + ".join(f"{i} / 2" for i in ids) + " + weight / 4'}"
    return f"aggregate: {kind}"


@st.composite
def grouped(draw: st.DrawFn) -> tuple[str, str]:
    """A spec of two groups (one nested in the other) and a table for it."""
    mode = draw(st.sampled_from(["half_up", "half_even", "down"]))
    leaves: list[tuple[str, str, Decimal, Decimal]] = []
    lines: list[str] = []

    def leaf(indent: str) -> str:
        k = len(leaves)
        (method, direction), w = draw(METHODS), draw(weights)
        target = draw(st.decimals(min_value=Decimal("20"), max_value=Decimal("120"), places=1))
        leaves.append((f"x{k}", method, w, target))
        d = f"direction: {direction}, " if direction else ""
        return (
            f"{indent}- {{id: x{k}, name: X{k}, weight: {w}, {d}target: {target}, "
            f"method: {method}}}"
        )

    def group(gid: str, indent: str, depth: int) -> tuple[Decimal, list[str]]:
        kind = draw(KINDS)
        body: list[str] = [leaf(indent + "    ") for _ in range(draw(st.integers(1, 3)))]
        kids = [b.split("id: ")[1].split(",")[0] for b in body]
        own: list[str] = []
        if depth == 0:
            w_inner, inner = group(gid + "i", indent + "    ", 1)
            own, kids = inner, [*kids, gid + "i"]
        ws = [w for i, _, w, _ in leaves if i in kids]
        if depth == 0:
            ws.append(w_inner)
        weight = sum(ws, Decimal(0)) if kind == "sum" else draw(weights)
        head = [
            f"{indent}- id: {gid}",
            f"{indent}  name: {gid.upper()}",
            f"{indent}  weight: {weight}",
            f"{indent}  {_aggregate(kind, kids)}",
            f"{indent}  children:",
        ]
        return weight, [*head, *body, *own]

    w_g, g_lines = group("g", "  ", 0)
    w_h = draw(weights)
    lines.extend(g_lines)
    lines.append(leaf("  ").replace(f"weight: {leaves[-1][2]}", f"weight: {w_h}"))
    top = draw(KINDS)
    total = w_g + w_h if top == "sum" else draw(weights) * 4
    policy = draw(st.sampled_from(["redistribute", "exclude"]))
    header = [
        "spec: 1",
        "id: r",
        f"total: {total}",
        f"rounding: {{places: 2, mode: {mode}}}",
        f"not_applicable: {policy}",
        _aggregate(top, ["g", leaves[-1][0]]),
        "grades: [{grade: A, min: " + str(total * Decimal("0.8")) + "}, {grade: B, min: 0}]",
        "indicators:",
    ]
    spec_text = "\n".join(header + lines) + "\n"
    ids = [i for i, _, _, _ in leaves]
    rows = [",".join(["entity", *ids])]
    marks = draw(st.booleans())
    for r in range(draw(st.integers(1, 10))):
        cells = [
            draw(MARKS) if marks and draw(st.integers(0, 4)) == 0 else str(draw(values))
            for _ in ids
        ]
        rows.append(",".join([f"e{r}", *cells]))
    return spec_text, "\n".join(rows) + "\n"


@settings(max_examples=120)
@given(grouped())
def test_groups_that_are_not_sums_score_as_the_exact_path_does(
    tmp_path_factory: object, case: tuple[str, str]
) -> None:
    spec_text, table_text = case
    spec = compile_spec(load_text(spec_text, "r.yaml"))
    assert make_plan(spec) is not None
    path = Path(tmp_path_factory.mktemp("groups")) / "t.csv"  # type: ignore[attr-defined]
    path.write_text(table_text, encoding="utf-8")
    same_on_every_path(path, spec)


WEIGHTED = """\
spec: 1
id: w
total: 100
rounding: {places: 2, mode: half_up}
indicators:
  - id: a
    name: A
    weight: 60
    aggregate: weighted_mean
    children:
      - {id: a1, name: A1, weight: 3, target: 90, direction: higher, method: ratio}
      - {id: a2, name: A2, weight: 7, target: 80, direction: higher,
         method: {formula: 'weight * min(sqrt(actual / target), 1)'}}
  - id: b
    name: B
    weight: 40
    aggregate: min
    children:
      - {id: b1, name: B1, weight: 20, target: 10, direction: lower, method: ratio}
      - {id: b2, name: B2, weight: 20, target: 5, direction: higher, method: ratio}
"""


def test_a_spec_of_weighted_means_and_square_roots_stays_on_the_fast_path(
    tmp_path: Path,
) -> None:
    """Its rows are scored column-wise (not one by one), with the exact path's
    numbers, rounded at each step as the exact evaluation rounds them."""
    spec = compile_spec(load_text(WEIGHTED, "w.yaml"))
    lines = ["entity,a1,a2,b1,b2"]
    for k in range(200):
        lines.append(f"e{k},{90 + k % 7},{70 + k % 11}.5,{10 + k % 5},{3 + k % 4}")
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(score_blocks(spec, open_table(str(path), spec), fast=True))
    assert sum(len(i.fast) for i in items if isinstance(i, Block)) == 200
    first = same_on_every_path(path, spec)[0]
    # a1 = 3 (90 ≥ 90); a2 = 7 × √(70.5 / 80) = 6.5712… → 6.57; a = 60 × 9.57 / 10
    # b1 = 20 (10 ≤ 10); b2 = 20 × 3 / 5 = 12; b = 40 × min(1, 0.6) = 24
    assert first.total == Fraction("81.42")


@pytest.mark.parametrize(
    ("mode", "expected"), [("half_up", "0.51"), ("half_even", "0.50"), ("down", "0.50")]
)
def test_a_mean_on_a_tie_is_rounded_by_the_spec_s_mode(
    tmp_path: Path, mode: str, expected: str
) -> None:
    """1 × (1.00 + 0.01) / 2 = 0.505 exactly: a tie the integer division decides."""
    spec = compile_spec(
        load_text(
            "spec: 1\nid: t\ntotal: 1\n"
            f"rounding: {{places: 2, mode: {mode}}}\n"
            "indicators:\n"
            "  - id: g\n    name: G\n    weight: 1\n    aggregate: weighted_mean\n"
            "    children:\n"
            "      - {id: a, name: A, weight: 1, target: 100, direction: higher, method: ratio}\n"
            "      - {id: b, name: B, weight: 1, target: 100, direction: higher, method: ratio}\n",
            "t.yaml",
        )
    )
    path = tmp_path / "t.csv"
    path.write_text("entity,a,b\ne,100,1\n", encoding="utf-8")
    fast = same_on_every_path(path, spec)
    assert fast[0].total == Fraction(expected)


def test_rows_with_n_a_marks_under_a_weighted_mean_stay_on_the_fast_path(
    tmp_path: Path,
) -> None:
    """Each kind of row (its marks) is scored by a plan of its own: the applicable
    children at their redistributed weights, the mean over them."""
    spec = compile_spec(load_text(WEIGHTED, "w.yaml"))
    lines = ["entity,a1,a2,b1,b2"]
    for k in range(200):
        a2 = "N/A" if k % 3 == 0 else f"{70 + k % 11}.5"
        b1 = "不适用" if k % 5 == 0 else str(10 + k % 5)
        lines.append(f"e{k},{90 + k % 7},{a2},{b1},{3 + k % 4}")
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(score_blocks(spec, open_table(str(path), spec), fast=True))
    assert sum(len(i.fast) for i in items if isinstance(i, Block)) == 200
    first = same_on_every_path(path, spec)[0]
    # a2 not applicable: a1 takes a's whole weight (3 → 10), 10 × 90/90 = 10 → a = 60;
    # b1 not applicable: b2 alone, weight 40 × 3/5 = 24 → b = 40 × 24/40 = 24
    assert first.total == Fraction(84)
    assert first.flags == "a2:not_applicable; b1:not_applicable"


def test_an_aggregate_formula_keeps_its_rate_under_a_redistributed_weight(
    tmp_path: Path,
) -> None:
    """As tests/test_evaluate.py has it on the exact path: the formula divides by the
    spec's weights, so it is worked on them and scaled; rows with h marked N/A
    scored g 20 of 20 for shares of 90% and 50% (both paths alike)."""
    from tests.test_evaluate import FORMULA_GROUP

    spec = compile_spec(load_text(FORMULA_GROUP, "f.yaml"))
    lines = ["entity,a,b,h"] + [
        f"e{k},90,{50 + k % 3},{'N/A' if k % 2 else 100}" for k in range(200)
    ]
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(score_blocks(spec, open_table(str(path), spec), fast=True))
    assert sum(len(i.fast) for i in items if isinstance(i, Block)) == 200
    rows = same_on_every_path(path, spec)
    # g = weight × min(0.9, b/100): 10 × 0.5 (+ h 10) with h, 20 × 0.5 without
    assert [(r.scores[0], r.full_marks) for r in rows[:4]] == [
        (Fraction(5), Fraction(20)),
        (Fraction("10.2"), Fraction(20)),
        (Fraction("5.2"), Fraction(20)),
        (Fraction(10), Fraction(20)),
    ]


def test_an_aggregate_formula_keeps_its_rate_when_a_child_it_does_not_name_is_n_a(
    tmp_path: Path,
) -> None:
    """The fast path as the exact one (tests/test_evaluate.py): each child's score at
    its weight in the spec, within a group and at the top level."""
    from tests.test_evaluate import INNER_NA

    spec = compile_spec(load_text(INNER_NA, "f.yaml"))
    lines = ["entity,a,b,e,h,k"] + [
        f"r{n},60,70,{'N/A' if n % 2 else 100},90,{'N/A' if n % 3 == 0 else 50}" for n in range(240)
    ]
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = same_on_every_path(path, spec)
    assert {r.total for r in rows} == {Fraction(60)}
    assert {(r.scores[0], r.fulls[0]) for r in rows} == {
        (Fraction(12), Fraction(20)),
        (Fraction("13.2"), Fraction(22)),
    }


def test_a_total_whose_full_marks_shrink_is_graded_on_the_rescaled_total(
    tmp_path: Path,
) -> None:
    """``exclude``: h not applicable leaves full marks of 60; 50.4 of 60 is graded
    as 84 of 100 (A), not as 50.4 (B), on the fast path as on the exact path."""
    spec = compile_spec(
        load_text(
            "spec: 1\nid: x\ntotal: 100\nnot_applicable: exclude\n"
            "grades: [{grade: A, min: 80}, {grade: B, min: 0}]\n"
            "indicators:\n"
            "  - id: a\n    name: A\n    weight: 60\n    aggregate: weighted_mean\n"
            "    children:\n"
            "      - {id: a1, name: A1, weight: 3, target: 100, direction: higher, method: ratio}\n"
            "      - {id: a2, name: A2, weight: 7, target: 100, direction: higher, method: ratio}\n"
            "  - {id: h, name: H, weight: 40, target: 10, direction: lower, method: ratio}\n",
            "x.yaml",
        )
    )
    path = tmp_path / "t.csv"
    rows = [f"e{k},{100 - k % 2 * 16},{100 - k % 2 * 16},N/A" for k in range(50)]
    path.write_text("entity,a1,a2,h\n" + "\n".join(rows) + "\n", encoding="utf-8")
    items = list(score_blocks(spec, open_table(str(path), spec), fast=True))
    assert sum(len(i.fast) for i in items if isinstance(i, Block)) == 50
    fast = same_on_every_path(path, spec)
    assert (fast[1].total, fast[1].full_marks, fast[1].grade) == (Fraction("50.4"), 60, "A")
    assert (fast[0].total, fast[0].full_marks, fast[0].grade) == (60, 60, "A")


def test_jobs_write_the_same_bytes_for_groups_that_are_not_sums(tmp_path: Path) -> None:
    """Worker processes get the plan pickled, groups and marks included."""
    from tests.test_fastpath import _batch

    (tmp_path / "w.yaml").write_text(WEIGHTED, encoding="utf-8")
    lines = ["entity,a1,a2,b1,b2"]
    for k in range(6000):
        a2 = "N/A" if k % 7 == 0 else f"{70 + k % 11}.5"
        lines.append(f"e{k},{90 + k % 7},{a2},{10 + k % 5},{3 + k % 4}")
    (tmp_path / "t.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.csv"
        code, _, err = _batch(
            [str(tmp_path / "w.yaml"), str(tmp_path / "t.csv"), "-o", str(out), "-j", jobs]
        )
        outputs.append((code, err, out.read_bytes()))
    assert outputs[0] == outputs[1]
    assert outputs[0][:2] == (0, "6000 scored, 0 failed\n")


MIN_OF_SIX = """\
spec: 1
id: r
total: 20
rounding: {places: 2, mode: half_up}
indicators:
  - id: g
    name: G
    weight: 20
    aggregate: min
    children:
      - {id: a, name: A, weight: 3.17, direction: higher, target: 100, method: ratio}
      - {id: b, name: B, weight: 2.83, direction: higher, target: 100, method: ratio}
      - {id: c, name: C, weight: 4.31, direction: higher, target: 100, method: ratio}
      - {id: d, name: D, weight: 1.69, direction: higher, target: 100, method: ratio}
      - {id: e, name: E, weight: 5.77, direction: higher, target: 100, method: ratio}
      - {id: f, name: F, weight: 2.23, direction: higher, target: 100, method: ratio}
"""
HEAVY_MEAN = """\
spec: 1
id: r
total: 100
rounding: {places: 2, mode: half_up}
indicators:
  - id: g
    name: G
    weight: 100
    aggregate: weighted_mean
    children:
      - {id: a, name: A, weight: 50000, direction: higher, target: 100, method: ratio}
      - {id: b, name: B, weight: 49999.97, direction: higher, target: 100, method: ratio}
      - {id: c, name: C, weight: 0.03, direction: higher, target: 100, method: ratio}
"""


@pytest.mark.parametrize(
    ("spec_text", "header", "row", "total"),
    [
        # coefficients over a common denominator beyond int64: Python integers
        (MIN_OF_SIX, "a,b,c,d,e,f", "90,80,70,60,50,40", Fraction("7.98")),
        # c not applicable: its 0.03 goes to a and b, whose full marks × k pass int64
        (HEAVY_MEAN, "a,b,c", "90,80,N/A", Fraction(85)),
    ],
    ids=["min of six", "weighted mean of heavy weights"],
)
def test_groups_whose_arithmetic_passes_int64_are_worked_in_python_integers(
    tmp_path: Path, spec_text: str, header: str, row: str, total: Fraction
) -> None:
    """(These ended in an internal error: numpy's divmod takes no Python integers;
    and the weighted mean's denominator overflowed, giving 100 for 85.)"""
    spec = compile_spec(load_text(spec_text, "r.yaml"))
    path = tmp_path / "t.csv"
    path.write_text(f"entity,{header}\n" + f"e,{row}\n" * 300, encoding="utf-8")
    items = list(score_blocks(spec, open_table(str(path), spec), fast=True))
    assert sum(len(i.fast) for i in items if isinstance(i, Block)) == 300
    rows = same_on_every_path(path, spec)
    assert {r.total for r in rows} == {total}


@pytest.mark.parametrize("kind", ["mean", "weighted_mean", "min", "geometric_mean"])
def test_a_total_of_more_units_than_a_double_holds_is_scored_exactly(
    tmp_path: Path, kind: str
) -> None:
    """A mean at the top of a total of 1e17 (1e19 units) ended in an internal
    error from 200 rows on (OverflowError); ``score`` scored it."""
    spec = compile_spec(
        load_text(
            f"spec: 1\nid: big\ntotal: 1e17\naggregate: {kind}\nindicators:\n"
            "  - {id: x, name: X, weight: 1, direction: higher, target: 100, method: ratio}\n",
            "r.yaml",
        )
    )
    path = tmp_path / "t.csv"
    path.write_text("entity,x\n" + "e,50\n" * 300, encoding="utf-8")
    exact = list(score_rows(spec, open_table(str(path), spec), fast=False))
    assert list(score_rows(spec, open_table(str(path), spec), fast=True)) == exact
    assert {(r.total, r.full_marks) for r in exact} == {(Fraction(5 * 10**16), Fraction(10**17))}
