"""The batch fast path against the exact path: same numbers, always.

Random specs and random data with 2-decimal inputs (so rounding ties are
frequent), negative values among them, must give identical results on both
paths, row by row. The pool of methods holds formulas that do not cap their own
scores, so that the fast path's clamp to [0, weight] is tested too.
"""

from __future__ import annotations

import pickle
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import cli_process
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from engine.batch.fastpath import make_plan
from engine.batch.runner import SMALL, Block, score_blocks, score_rows
from engine.batch.tables import line_source, note_columns, open_table
from engine.spec.compile import compile_spec, load_spec
from engine.spec.load import load_text
from tests.conftest import IDS

ROOT = Path(__file__).resolve().parent.parent

METHODS = st.sampled_from(
    [
        ("ratio", "higher"),
        ("ratio", "lower"),
        ("threshold", "higher"),
        ("threshold", "lower"),
        ("{threshold: {partial: 0.5}}", "higher"),
        ("{linear: {zero_at: 10}}", "higher"),
        ("{deduct: {per: 0.25}}", "lower"),
        ("{deduct: {per: 0.5}}", "higher"),
        ("{ratio: {cap: 0.8}}", "higher"),
        ("{formula: 'weight * min(actual / target, 1) if actual > 0 else 0'}", "higher"),
        ("{formula: 'weight * clamp((actual - target / 2) / (target / 2), 0, 1)'}", "higher"),
        (
            "{bands: [{min: 90, fraction: 1}, {min: 80, fraction: 0.75}, {max: 10, fraction: 0.1}, "
            "{fraction: 0.3}]}",
            None,
        ),
        # formulas that do not cap themselves: above the target they pass the
        # weight, below 0 they go negative; only the clamp keeps them in range
        ("{formula: 'weight * actual / target'}", "higher"),
        ("{formula: 'weight * (actual - target / 2) / (target / 2)'}", "higher"),
        ("{formula: 'weight * target / (abs(actual) + 1)'}", "lower"),
        # and / or give the deciding operand's value, not a truth value
        ("{formula: 'actual >= target and weight or weight * actual / 100'}", "higher"),
        ("{formula: '(actual > target / 2 and weight / 2) + (actual > target or 0)'}", "higher"),
        # bounds that cross in some rows: an error there, on both paths
        ("{formula: 'weight * clamp(actual / target, 0.5, actual / 100)'}", "higher"),
        # a square root: bounded where its argument is surely above 0, an error below
        ("{formula: 'weight * min(sqrt(actual / target), 1)'}", "higher"),
        ("{formula: 'weight * sqrt(abs(actual) / (abs(actual) + target))'}", "higher"),
        # floor and ceil: whole numbers, decided away from them
        ("{formula: 'weight * min(floor(actual / 10) * 10 / target, 1)'}", "higher"),
        ("{formula: 'weight * min(ceil(actual * 3 / target) / 3, 1)'}", "higher"),
    ]
)
#: inputs, negative ones included (a deficit, a fall, a refund)
decimals2 = st.decimals(min_value=Decimal("-50"), max_value=Decimal("150"), places=2)
weights = st.decimals(min_value=Decimal("0.25"), max_value=Decimal("12"), places=2)
targets = st.decimals(min_value=Decimal("20"), max_value=Decimal("120"), places=2)


@st.composite
def cases(draw: st.DrawFn) -> tuple[str, str]:
    n = draw(st.integers(min_value=1, max_value=5))
    leaves = [(draw(METHODS), draw(weights), draw(targets)) for _ in range(n)]
    mode = draw(st.sampled_from(["half_up", "half_even", "down"]))
    total = sum(w for _, w, _ in leaves)
    lines = [
        "spec: 1",
        "id: r",
        f"total: {total}",
        f"rounding: {{places: 2, mode: {mode}}}",
        "inputs: {b: {name: B}, s: {name: S}}",
        "grades: [{grade: A, min: " + str(total * Decimal("0.8")) + "}, {grade: B, min: 0}]",
        "indicators:",
        f"  - {{id: g, name: G, weight: {total}, children: [",
    ]
    for k, ((method, direction), w, t) in enumerate(leaves):
        d = f"direction: {direction}, " if direction else ""
        actual = ", actual: s / b * 100" if k == 0 else ""
        lines.append(
            f"      {{id: x{k}, name: X{k}, weight: {w}, {d}target: {t}{actual}, "
            f"method: {method}}},"
        )
    lines.append("    ]}")
    spec_text = "\n".join(lines) + "\n"
    rows = draw(st.integers(min_value=1, max_value=12))
    header = ["entity", "b", "s"] + [f"x{k}" for k in range(1, n)]
    table = [",".join(header)]
    for r in range(rows):
        b = draw(st.decimals(min_value=Decimal("1"), max_value=Decimal("500"), places=2))
        s = draw(st.decimals(min_value=Decimal("-100"), max_value=Decimal("600"), places=2))
        vals = [str(draw(decimals2)) for _ in range(1, n)]
        table.append(",".join([f"e{r}", str(b), str(s), *vals]))
    return spec_text, "\n".join(table) + "\n"


#: a tie under half_even that random seeds find only now and then:
#: 3.75 × 70/100 = 2.625 → 2.62 (half_up gives 2.63), and -0.5 × ... clamped to 0
HALF_EVEN_TIE = (
    "spec: 1\nid: r\ntotal: 3.75\nrounding: {places: 2, mode: half_even}\n"
    "inputs: {b: {name: B}, s: {name: S}}\n"
    "grades: [{grade: A, min: 3}, {grade: B, min: 0}]\nindicators:\n"
    "  - {id: g, name: G, weight: 3.75, children: [\n"
    "      {id: x0, name: X0, weight: 3.75, direction: higher, target: 100, "
    "actual: s / b * 100, method: ratio},\n    ]}\n",
    "entity,b,s\ne0,100,70\ne1,200,140\ne2,100,-70\ne3,40,28.5\n",
)


@settings(max_examples=int(__import__("os").environ.get("FASTPATH_EXAMPLES", "150")))
@given(cases())
@example(HALF_EVEN_TIE)
def test_fast_and_exact_paths_agree(tmp_path_factory: object, case: tuple[str, str]) -> None:
    spec_text, table_text = case
    spec = compile_spec(load_text(spec_text, "r.yaml"))
    assert make_plan(spec) is not None
    folder = Path(tmp_path_factory.mktemp("fp"))  # type: ignore[attr-defined]
    path = folder / "t.csv"
    path.write_text(table_text, encoding="utf-8")
    fast = list(score_rows(spec, open_table(str(path), spec), fast=True))
    exact = list(score_rows(spec, open_table(str(path), spec), fast=False))
    assert fast == exact
    # the block form (what `batch` writes from) says the same
    assert _outputs(spec, path, fast=True) == _outputs(spec, path, fast=False)


def _outputs(
    spec: Any, path: Path, fast: bool, missing: str = "error"
) -> tuple[str, tuple[object, ...]]:
    """The CSV text and every summary figure (with the JSON text and the Arrow
    table of results), from blocks as `batch` reads them."""
    from engine.batch.arrow_results import results_table
    from engine.batch.runner import Block, Summary, score_blocks
    from engine.render.batch_view import csv_lines, json_lines

    table = open_table(str(path), spec)
    notes = [c.target for c in note_columns(table)]
    items = list(score_blocks(spec, table, missing, fast=fast))
    assert any(isinstance(i, Block) for i in items) == fast
    summary = Summary(spec)
    for item in items:
        if isinstance(item, Block):
            summary.add_block(item)
        else:
            summary.add(item)
    stats = tuple((s.count, s.total, s.low, s.high, s.at_full) for s in summary.indicators.values())
    figures = (
        summary.scored,
        [r.row for r in summary.failed],
        summary.ranking(),
        sorted(summary.grades.items()),
        stats,
        "".join(json_lines(spec, items, summary, notes=notes)),
        results_table(spec, items, notes).to_pydict(),
    )
    return "".join(csv_lines(spec, items, notes)), figures


def test_the_shipped_seed_spec_has_a_plan_that_pickles() -> None:
    spec = load_spec(ROOT / "specs" / "gz-dept-overall-2021.yaml")
    plan = make_plan(spec)
    assert plan is not None
    again = pickle.loads(pickle.dumps(plan))
    assert again.order == plan.order and len(again.leaves) == len(plan.leaves)


def test_ties_are_decided_exactly_not_by_float(tmp_path: Path) -> None:
    # 3.75 × 70/100 = 2.625 exactly: half_up gives 2.63, half_even 2.62; a float
    # evaluation lands on either side at random. The table is long enough that
    # batch takes the fast path (from SMALL rows on), which must hand every tie
    # to the exact arithmetic.
    rows = SMALL + 50
    table = tmp_path / "t.csv"
    table.write_text(
        "entity,x\n" + "".join(f"e{i},{70 if i % 2 else 170}\n" for i in range(rows)),
        encoding="utf-8",
    )
    for mode, expected in (("half_up", "2.63"), ("half_even", "2.62")):
        spec = compile_spec(
            load_text(
                f"spec: 1\nid: t\ntotal: 3.75\nrounding: {{places: 2, mode: {mode}}}\n"
                "indicators:\n  - {id: x, name: X, weight: 3.75, direction: higher, target: 100, "
                "method: ratio}\n",
                "t.yaml",
            )
        )
        items = list(score_blocks(spec, open_table(str(table), spec)))
        assert any(isinstance(i, Block) for i in items)  # the fast path was taken
        results = list(score_rows(spec, open_table(str(table), spec)))
        assert len(results) == rows
        assert {r.scores[0] for r in results[1::2]} == {Fraction(expected)}
        assert {r.scores[0] for r in results[0::2]} == {Fraction("3.75")}  # capped at the weight


UNCAPPED = """\
spec: 1
id: uncapped
total: 20
rounding: {places: 2, mode: half_up}
indicators:
  - {id: x, name: X, weight: 10, direction: higher, target: 100,
     method: {formula: 'weight * actual / target'}}
  - {id: y, name: Y, weight: 10, direction: higher, target: 80,
     method: {formula: 'weight * (actual - 40) / 40'}}
"""


def test_formulas_that_do_not_cap_themselves_are_capped_the_same_on_both_paths(
    tmp_path: Path,
) -> None:
    """300 rows, values from -150 to 750: the fast path must clamp every score to
    [0, weight] as the exact path does (without the clamp, totals such as 34.90
    of 20 come out)."""
    spec = compile_spec(load_text(UNCAPPED, "u.yaml"))
    lines = ["entity,x,y"]
    for i in range(300):
        lines.append(f"e{i},{3 * i - 150}.{(i % 4) * 25:02d},{(7 * i) % 300 - 60}.5")
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fast = list(score_rows(spec, open_table(str(path), spec), fast=True))
    exact = list(score_rows(spec, open_table(str(path), spec), fast=False))
    assert fast == exact
    assert _outputs(spec, path, fast=True) == _outputs(spec, path, fast=False)
    # by hand (row e<i> has x = 3i - 150 and .00/.25/.50/.75, y = (7i mod 300) - 60.5):
    # e0: x = -150.00 → 10 × -1.5 < 0 → 0; y = -60.5 → 10 × -100.5/40 < 0 → 0
    # e70: x = 60.50 → 10 × 0.605 = 6.05; e84: x = 102.00 → 10.2, capped → 10
    # e277: y = 79.5 → 10 × 39.5/40 = 9.875 → 9.88; e297: y = 219.5 → 44.875 → 10
    by_entity = {r.entity: r.scores for r in fast}
    assert by_entity["e0"] == (0, 0)
    assert by_entity["e70"][0] == Fraction("6.05")
    assert by_entity["e84"][0] == 10
    assert by_entity["e277"][1] == Fraction("9.88")
    assert by_entity["e297"][1] == 10
    assert all(0 <= s <= 10 for r in fast for s in r.scores if s is not None)
    totals = [r.total for r in fast]
    assert min(totals) == 0 and max(totals) == 20  # type: ignore[type-var]


@given(
    st.fractions(min_value=-(10**6), max_value=10**6, max_denominator=10**4),
    st.integers(min_value=0, max_value=4),
    st.sampled_from(["half_up", "half_even", "down"]),
)
# ties under half_even, which random seeds find only now and then
@example(Fraction(5, 2), 0, "half_even")
@example(Fraction(7, 2), 0, "half_even")
@example(Fraction(-5, 2), 0, "half_even")
@example(Fraction(2625, 1000), 2, "half_even")
@example(Fraction(-2635, 1000), 2, "half_even")
def test_integer_rounding_agrees_with_exact_rounding(x: object, places: int, mode: str) -> None:
    from engine.base.numbers import round_fraction
    from engine.batch.aggregates import scaled

    assert isinstance(x, Fraction)
    assert scaled(x, places, mode) == round_fraction(x, places, mode) * 10**places


def test_jobs_give_the_same_rows_as_one_process(tmp_path: Path) -> None:
    from engine.batch.runner import score_chunk_rows

    spec = load_spec(ROOT / "specs" / "gz-dept-overall-2021.yaml")
    header = (
        "entity,budget,spent,key_spending,budget_adjustment,three_public,staff_control,"
        "procurement,management_system,compliance,disclosure,asset_management,training,"
        "trips,enterprises,investment,garbage,sanitation,incidents,case_clearance,rehab,"
        "rental_actions,migrant_events,rental_registration,safety_net,canteen,community,"
        "reemployment"
    )
    lines = [header]
    for i in range(2500):
        lines.append(
            f"e{i},82912.04,{70000 + i}.78,{60 + i % 40},{i % 35},100,{100 + i % 7}.5,"
            f"{80 + i % 20}.4,中,{i % 4},100,良,5,{i % 5},212,1,100,98.93,0,100,"
            f"{50 + i % 51},90,67,100,100,112848,{150 + i % 80},78.89"
        )
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one = list(score_rows(spec, open_table(str(path), spec)))
    two = list(score_rows(spec, open_table(str(path), spec), jobs=2))
    assert one == two and len(one) == 2500
    # the chunk function is pure and picklable: it gives the same rows on its own
    table = open_table(str(path), spec)
    chunk = list(table.rows)[:100]
    again = pickle.loads(
        pickle.dumps((spec, table.__class__(**{**table.__dict__, "rows": iter(())})))
    )
    assert score_chunk_rows(again[0], again[1], chunk) == one[:100]


def test_csv_output_is_the_same_from_both_paths(tmp_path: Path) -> None:
    spec = load_spec(ROOT / "specs" / "gz-dept-overall-2021.yaml")
    rows = [",".join(["entity", "budget", "spent", *IDS, "notes.trips"])]
    for i in range(300):
        note = "" if i % 3 else f"说明{i}"
        rows.append(
            f"e{i},82912.04,{70000 + 7 * i}.78,{50 + i % 50},{i % 35},100,"
            f"{99 + i % 6}.5,{80 + i % 20}.4,优,{i % 5},100,中,{i % 4},{i % 6},"
            f"{200 + i},1,100,98.93,0,100,{40 + i % 61},90,67,100,100,112848,"
            f"{150 + i % 80},78.89,{note}"
        )
    rows[5] = rows[5][: rows[5].rindex(",")] + ',"延期, 见""说明"""'  # a note csv quotes
    # rows the fast path leaves to the exact path, among the others: a bad cell,
    # a not-applicable mark, a short row, a grade no one defined, a quoted name
    rows[10] = rows[10].replace(",90,67,", ",9O,67,")
    rows[11] = rows[11].replace(",90,67,", ",N/A,67,")
    rows[12] = ",".join(rows[12].split(",")[:20])
    rows[13] = rows[13].replace(",优,", ",特优,")
    rows[14] = rows[14].replace("e13,", '"Dept, 13",')
    path = tmp_path / "t.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    fast_text, fast_figures = _outputs(spec, path, fast=True)
    exact_text, exact_figures = _outputs(spec, path, fast=False)
    assert fast_text == exact_text and fast_text.count("\n") == 301
    assert fast_figures == exact_figures
    assert ',error,"' in fast_text and '"Dept, 13"' in fast_text
    assert fast_figures[0] == 297 and fast_figures[1] == [11, 13, 14]  # N/A row scores
    # the notes come through, failed rows included, and quoted as csv quotes them
    import csv
    import io

    read = list(csv.DictReader(io.StringIO(fast_text)))
    assert [r["notes.trips"] for r in read[:7]] == [
        "说明0",
        "",
        "",
        "说明3",
        '延期, 见"说明"',
        "",
        "说明6",
    ]
    assert read[9]["status"] == "error" and read[9]["notes.trips"] == "说明9"


def _seed_table(rows: int, newline: str = "\n", delimiter: str = ",") -> str:
    lines = [delimiter.join(["entity", "budget", "spent", *IDS])]
    for i in range(rows):
        lines.append(
            delimiter.join(
                [
                    f"单位{i}",
                    "82912.04",
                    f"{70000 + 7 * i}.78",
                    str(50 + i % 50),
                    str(i % 35),
                    "100",
                    f"{99 + i % 6}.5",
                    f"{80 + i % 20}.4",
                    "优良中差"[i % 4],
                    str(i % 5),
                    "100",
                    "中",
                    str(i % 4),
                    str(i % 6),
                    str(200 + i),
                    "1",
                    "100",
                    f"{60 + i % 40}.{i % 100:02d}",
                    "0",
                    "100",
                    f"{40 + i % 61}.{i % 7}5",
                    "90",
                    "67",
                    "100",
                    "100",
                    "112848",
                    str(150 + i % 80),
                    "78.89",
                ]
            )
        )
    # a bad cell, a short row, a blank line, an N/A mark (in tables long enough)
    marks = {100: "9O", 2500: None, 3000: "", 4100: "N/A"}
    for k, mark in marks.items():
        if k >= len(lines):
            continue
        if mark is None:
            lines[k] = delimiter.join(lines[k].split(delimiter)[:9])
        elif mark == "":
            lines[k] = ""
        else:
            lines[k] = lines[k].replace(
                f"{delimiter}90{delimiter}", f"{delimiter}{mark}{delimiter}"
            )
    return newline.join(lines) + newline


def _batch(args: list[str]) -> tuple[int, str, str]:
    """``scorecard batch ARGS`` in a child process (see cli_process)."""
    done = cli_process.run(["batch", *args])
    return done.code, done.out, done.err


@pytest.mark.parametrize(
    ("variant", "suffix", "encoding", "quote_free"),
    [
        ("plain", ".csv", "utf-8", True),
        ("crlf", ".csv", "utf-8", True),
        ("quoted", ".csv", "utf-8", False),
        ("gbk", ".csv", "gbk", True),
        ("tsv", ".tsv", "utf-8", True),
    ],
)
def test_jobs_write_the_same_bytes_as_one_process(
    tmp_path: Path, variant: str, suffix: str, encoding: str, quote_free: bool
) -> None:
    text = _seed_table(
        5000, "\r\n" if variant == "crlf" else "\n", "\t" if variant == "tsv" else ","
    )
    if variant == "quoted":
        text = text.replace("单位7,", '"单位 7, 东",', 1)
    path = tmp_path / f"t{suffix}"
    path.write_bytes(text.encode(encoding))
    spec = load_spec(ROOT / "specs" / "gz-dept-overall-2021.yaml")
    assert (line_source(open_table(str(path), spec)) is not None) is quote_free
    results = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.csv"
        code, _, err = _batch(
            ["specs/gz-dept-overall-2021.yaml", str(path), "-o", str(out), "-j", jobs]
        )
        results.append((code, err, out.read_bytes()))
    assert results[0] == results[1]
    code, err, data = results[0]
    assert code == 1 and err.startswith("4997 scored, 2 failed\n")
    assert data.count(b"\n") == 5000  # the header and every row but the blank one


def test_a_bad_line_far_into_a_table_stops_jobs_as_it_stops_one_process(tmp_path: Path) -> None:
    text = _seed_table(5000)
    lines = text.split("\n")
    lines[4500] = lines[4500].replace(",90,", "," + "9" * 200_000 + ",")  # over csv's limit
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    spec = load_spec(ROOT / "specs" / "gz-dept-overall-2021.yaml")
    assert line_source(open_table(str(path), spec)) is not None  # workers read the lines
    results = [
        _batch(["specs/gz-dept-overall-2021.yaml", str(path), "-f", "csv", "-j", jobs])
        for jobs in ("1", "2")
    ]
    for code, out, err in results:
        # the rows before the error went out (as many as were scored before it
        # came, which depends on --jobs), and the message says how many lines
        assert code == 1
        lines = out.count("\n")
        assert 1 < lines < 4501 and out.startswith("row,entity,")
        assert err == (
            f"{path}:4501:1: a cell longer than 131072 characters; is this a CSV table? "
            "(an unclosed quote can also swallow the rest of the file)\n"
            f"{lines} lines of csv were already written to standard output (the header and "
            "the rows before the error): it is incomplete\n"
        )


@given(
    st.lists(
        st.tuples(st.text(max_size=8), st.text(max_size=4), st.sampled_from(["A", "B,", None])),
        min_size=1,
        max_size=6,
    ),
    st.lists(st.integers(0, 2000), min_size=2, max_size=2),
)
def test_fast_rows_are_written_as_csv_writes_them(
    names: list[tuple[str, str, str | None]], units: list[int]
) -> None:
    import csv
    import io
    from fractions import Fraction

    from engine.batch.runner import Block
    from engine.render.batch_view import CsvRows

    spec = compile_spec(
        load_text(
            "spec: 1\nid: t\ntotal: 40\nindicators:\n"
            "  - {id: a, name: A, weight: 20, method: {formula: actual}}\n"
            "  - {id: b, name: B, weight: 20, method: {formula: actual}}\n",
            "t.yaml",
        )
    )
    n = len(names)
    block = Block(
        100,
        Fraction(40),
        (Fraction(20), Fraction(20)),
        list(range(2, n + 2)),
        [e for e, _, _ in names],
        [p for _, p, _ in names],
        [list(units)] * n,
        [sum(units)] * n,
        [g for _, _, g in names],
        {},
        list(range(n)),
    )
    from engine.base.numbers import format_fixed

    def shown(u: int) -> str:
        return format_fixed(Fraction(u, 100), spec.rounding.places)

    from engine.render._fmt import defused

    def breaks(text: str) -> str:  # a lone \r would end the row for a reader; a
        # text that starts like a formula is defused (CSV injection)
        return defused(text.replace("\r\n", "\n").replace("\r", "\n"))

    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\n")
    for row, (entity, period, grade) in zip(block.rows, names, strict=True):
        writer.writerow(
            [
                row,
                breaks(entity),
                breaks(period),
                shown(sum(units)),
                "40",
                breaks(grade or ""),
                "ok",
            ]
            + ["", ""]
            + [shown(u) for u in units]
        )
    assert spec.rounding.places == 2
    made = CsvRows(spec).text(block)
    text = made.decode("utf-8") if isinstance(made, bytes) else made  # bytes: made column-wise
    assert text == expected.getvalue()
    read = list(csv.reader(io.StringIO(text, newline="")))
    assert [r[1:3] for r in read] == [[breaks(e), breaks(p)] for e, p, _ in names]


@given(
    st.one_of(
        st.text(st.sampled_from(list("0123456789.+-eE _")), min_size=1, max_size=45),
        st.sampled_from(
            [
                "1e-22",
                "0.0000000000000000000001",
                "0.000000000000000000000999999999999999",
                "0.00000000000000000001",
                "5e-324",
                "1e-400",
                "1.0000000000000000000000000000000000000001",
                "999999999999999999999.9",
                "1000000000000000000000",
                "-0",
                "+.5",
                "5.",
            ]
        ),
    )
)
def test_the_fast_reader_takes_only_what_the_exact_reader_takes(text: str) -> None:
    from fractions import Fraction

    from engine.base.numbers import NumberError, parse_number
    from engine.batch.fastpath import parse_columns

    chunk = parse_columns({"x": [text]}, set(), 1)
    if not chunk.eligible[0]:
        return  # the exact path reads it, and accepts or refuses it
    try:  # the table reader removes spaces inside a number (tables._cell_value)
        exact = parse_number(text.strip().replace(" ", ""))
    except NumberError as e:  # pragma: no cover - the failure this test is for
        raise AssertionError(f"fast path took {text!r}, exact path refuses: {e}") from None
    value, bound = chunk.numbers["x"]
    assert abs(Fraction(float(value[0])) - exact) <= Fraction(float(bound[0]))


def test_numbers_the_exact_reader_refuses_are_refused_whatever_the_path(tmp_path: Path) -> None:
    text = _seed_table(2200)
    lines = text.split("\n")
    for k, value in ((2101, "1e-22"), (2102, "0.0000000000000000000001"), (5, "12.5e1")):
        cells = lines[k].split(",")
        cells[3] = value  # key_spending
        lines[k] = ",".join(cells)
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    spec = load_spec(ROOT / "specs" / "gz-dept-overall-2021.yaml")
    assert _outputs(spec, path, fast=True) == _outputs(spec, path, fast=False)
    one, two = (_batch(["specs/gz-dept-overall-2021.yaml", str(path), "-j", j]) for j in "12")
    assert one == two
    assert "2102:4: column 'key_spending'" in one[2] and "too close to 0" in one[2]


def test_an_na_mark_that_reads_as_a_number_is_an_na_mark_on_every_path(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(_seed_table(2200), encoding="utf-8")
    spec = load_spec(ROOT / "specs" / "gz-dept-overall-2021.yaml")
    na = ("0", "N/A")

    def rows(fast: bool) -> list[object]:
        return list(score_rows(spec, open_table(str(path), spec, na_tokens=na), "error", na, fast))

    fast = rows(True)
    assert fast == rows(False)
    assert any("incidents:not_applicable" in r.flags for r in fast)  # type: ignore[attr-defined]
    # (the command line and score_table refuse such a mark: every 0 would be not applicable)
    args = ["specs/gz-dept-overall-2021.yaml", str(path), "-f", "csv", "--na", "0"]
    code, out, err = _batch([*args, "-j", "2"])
    assert (code, out) == (2, "") and err.startswith("--na 0: '0' reads as a number")


def test_jobs_score_the_rows_given_not_the_file_they_came_from(tmp_path: Path) -> None:
    from dataclasses import replace

    path = tmp_path / "t.csv"
    path.write_text(_seed_table(3000), encoding="utf-8")
    spec = load_spec(ROOT / "specs" / "gz-dept-overall-2021.yaml")
    table = open_table(str(path), spec)
    first = [next(table.rows) for _ in range(10)]
    chosen = replace(open_table(str(path), spec), rows=iter(first))
    assert [r.row for r in score_rows(spec, chosen, jobs=2)] == list(range(2, 12))
    # a table partly read goes on from where it is
    assert len(list(score_rows(spec, table, jobs=2))) == 3000 - 10 - 1  # one blank line


def test_notes_come_through_every_output_and_every_path(tmp_path: Path) -> None:
    import json

    from openpyxl import load_workbook

    lines = _seed_table(3000).rstrip("\n").split("\n")
    lines[0] += ",notes.trips"
    for k in range(1, len(lines)):
        if lines[k]:
            lines[k] += f",说明{k}" if k % 500 == 0 else ","
    lines[100] = lines[100][: lines[100].rindex(",")] + ',"未达标, 见附件"'  # the 9O row
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    spec = "specs/gz-dept-overall-2021.yaml"
    outputs = {}
    for jobs in ("1", "2"):
        for fmt in ("csv", "json", "xlsx"):
            out = tmp_path / f"o{jobs}.{fmt}"
            code, _, err = _batch([spec, str(path), "-o", str(out), "-j", jobs])
            assert code == 1, err
            outputs[jobs, fmt] = out.read_bytes()
    assert outputs["1", "csv"] == outputs["2", "csv"]
    assert outputs["1", "json"] == outputs["2", "json"]
    text = outputs["1", "csv"].decode("utf-8")
    assert text.split("\n", 1)[0].endswith(",reemployment,notes.trips")
    assert '"未达标, 见附件"\n' in text and "说明500\n" in text
    rows = json.loads(outputs["1", "json"])["rows"]
    noted = {r["row"]: r["notes"] for r in rows if r["notes"]}
    assert noted[101] == {"trips": "未达标, 见附件"} and noted[501] == {"trips": "说明500"}
    # lines 500, 1000, 1500 and 2000, and the failing line 100 (line 2500 is a short
    # row, line 3000 a blank one)
    assert sorted(noted) == [101, 501, 1001, 1501, 2001]
    sheet = load_workbook(tmp_path / "o1.xlsx", read_only=True)["results"]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0][-1] == "notes.trips"
    assert cells[100][-1] == "未达标, 见附件" and cells[100][6] == "error"


@pytest.mark.parametrize("quoted", [False, True])
def test_jobs_start_workers_only_for_a_table_of_more_than_one_piece(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quoted: bool
) -> None:
    import concurrent.futures

    started: list[int] = []

    class Counted(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            started.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Counted)
    spec = load_spec(ROOT / "specs" / "gz-dept-overall-2021.yaml")
    for rows, pools in ((10, 0), (2047, 0), (2500, 1)):
        text = _seed_table(rows)
        if quoted:
            text = text.replace("单位7,", '"单位 7",', 1)
        path = tmp_path / f"t{rows}.csv"
        path.write_text(text, encoding="utf-8")
        one = list(score_rows(spec, open_table(str(path), spec)))
        started.clear()
        assert list(score_rows(spec, open_table(str(path), spec), jobs=2)) == one
        assert len(started) == pools, rows


def test_note_text_survives_csv_and_xlsx_whatever_it_holds(tmp_path: Path) -> None:
    import csv
    import io

    from openpyxl import load_workbook

    lines = _seed_table(300).rstrip("\n").split("\n")
    lines[0] += ",notes.trips"
    notes = {1: "=见附件", 2: "原因\x0b说明", 3: '"第一行\r第二行"', 4: '"a\r\nb"'}
    for k in range(1, len(lines)):
        if lines[k]:
            lines[k] += "," + notes.get(k, "")
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="")
    spec = "specs/gz-dept-overall-2021.yaml"
    for fmt in ("csv", "xlsx"):
        code, _, err = _batch([spec, str(path), "-o", str(tmp_path / f"o.{fmt}")])
        assert code == 1 and "Traceback" not in err and "internal error" not in err, err
    text = (tmp_path / "o.csv").read_text("utf-8")
    read = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(read) == 300  # a lone \r inside a note does not end its row
    assert [r["notes.trips"] for r in read[:5]] == [
        "'=见附件",  # CSV: defused, so a spreadsheet shows it as text
        "原因\x0b说明",
        "第一行\n第二行",
        "a\nb",
        "",
    ]
    sheet = load_workbook(tmp_path / "o.xlsx")["results"]
    cells = [sheet.cell(row, sheet.max_column) for row in range(2, 6)]
    assert [c.value for c in cells] == ["=见附件", "原因\n说明", "第一行\n第二行", "a\nb"]
    assert cells[0].data_type == "s"  # text, not a formula


def test_an_xlsx_cell_with_an_unsaved_formula_fails_its_row_on_every_path(
    tmp_path: Path,
) -> None:
    from openpyxl import Workbook

    lines = _seed_table(250).rstrip("\n").split("\n")
    wb = Workbook()
    ws = wb.active
    ws.append([*lines[0].split(","), "notes.trips"])
    for k, line in enumerate(lines[1:], start=1):
        if line:
            ws.append([*line.split(","), "=1+1" if k == 7 else ""])
    path = tmp_path / "t.xlsx"
    wb.save(path)
    spec = load_spec(ROOT / "specs" / "gz-dept-overall-2021.yaml")
    assert _outputs(spec, path, fast=True) == _outputs(spec, path, fast=False)
    rows = score_rows(spec, open_table(str(path), spec), fast=True)
    failed = {r.row: r for r in rows if not r.ok}
    assert sorted(failed) == [8, 101]  # the formula, and the seed table's bad cell
    assert "cell AC8 holds the formula =1+1 with no saved value" in failed[8].errors[0]
    assert failed[8].notes == ("",)


@pytest.mark.parametrize(
    ("weight", "places"), [("2.5", 0), ("0.125", 2), ("12345678.987654321", 9)]
)
def test_a_weight_the_rounding_cannot_hold_whole_is_scored_exactly_at_any_size(
    tmp_path: Path, weight: str, places: int
) -> None:
    """A weight of more decimals than the rounding keeps (a score rounded above
    it shows the weight itself), or of more units than a double holds whole:
    the fast path leaves the spec to the exact one, so a large table says what a
    small one says."""
    spec = compile_spec(
        load_text(
            f"spec: 1\nid: w\ntotal: {Decimal(weight) + 1}\n"
            f"rounding: {{places: {places}, mode: half_up}}\nindicators:\n"
            f"  - {{id: a, name: A, weight: {weight}, direction: higher, target: 60,"
            " method: ratio}\n"
            "  - {id: b, name: B, weight: 1, direction: higher, target: 60, method: ratio}\n",
            "w.yaml",
        )
    )
    assert make_plan(spec) is None
    path = tmp_path / "t.csv"
    path.write_text("entity,a,b\n" + "e,90,60\n" * (SMALL + 10), encoding="utf-8")
    rows = list(score_rows(spec, open_table(str(path), spec)))
    assert {r.scores[0] for r in rows} == {Fraction(Decimal(weight))}


@given(
    st.lists(st.lists(st.sampled_from(["1", "2", "1.0", "", "x"]), min_size=8, max_size=8)),
    st.lists(st.integers(0, 7), min_size=1, max_size=30),
)
def test_undecided_cells_are_scored_once_per_distinct_combination(
    columns: list[list[str]], picked: list[int]
) -> None:
    """Rows of undecided cells are grouped by the texts of every column the
    indicator reads (lists and Arrow arrays alike): each row's combination is
    its own texts, and no combination is listed twice."""
    import numpy as np

    from engine.batch.arrowbuf import strings
    from engine.batch.fastpath import _distinct_rows

    rows = np.array(picked, dtype=np.int64)
    expected = [tuple(column[i] for column in columns) for i in picked]
    for given_columns in (columns, [strings(column) for column in columns]):
        combinations, inverse = _distinct_rows(list(given_columns), rows)
        assert [combinations[k] for k in inverse.tolist()] == expected
        assert len(set(combinations)) == len(combinations)


def test_an_input_with_no_column_fails_its_rows_on_every_path(tmp_path: Path) -> None:
    """A formula naming an input the table has no column for: every row fails
    with the exact path's message (it was an internal error, exit 3)."""
    spec = compile_spec(
        load_text(
            "spec: 1\nid: ke\ntotal: 10\ninputs: {budget: {name: 预算数}, spent: {name: 执行数}}\n"
            "indicators:\n"
            "  - {id: output, name: 产出完成率, weight: 10, unit: '%', direction: higher,\n"
            "     target: 100, method: {formula: 'weight * min(actual / target, 1) if spent <= "
            "budget else weight * 0.5'}}\n",
            "ke.yaml",
        )
    )
    path = tmp_path / "ke.csv"
    path.write_text("entity,budget,output\n" + "u,1000,95\n" * 300, encoding="utf-8")
    fast = list(score_rows(spec, open_table(str(path), spec), fast=True))
    assert fast == list(score_rows(spec, open_table(str(path), spec), fast=False))
    assert fast[0].errors == (
        f"{path}:2:2: missing inputs: spent (for output); fill in their cells, or "
        "use --missing zero to score those indicators 0",
    )


@pytest.mark.parametrize(
    ("formula", "first", "second"),
    [
        # and / or: the deciding operand's value (10.00, 4.00), not a truth value (1.00)
        ("actual >= target and weight or weight * actual / 100", Fraction(10), Fraction(4)),
        # bounds that cross where actual / 100 < 0.5: that row fails, as exactly
        ("weight * clamp(actual / target, 0.5, actual / 100)", Fraction("9.70"), None),
    ],
)
def test_formulas_of_and_or_and_crossing_clamps_score_as_the_exact_path_does(
    tmp_path: Path, formula: str, first: Fraction, second: Fraction | None
) -> None:
    spec = compile_spec(
        load_text(
            "spec: 1\nid: ao\ntotal: 10\nindicators:\n"
            "  - {id: a, name: 完成率, weight: 10, unit: '%', target: 95,\n"
            f'     method: {{formula: "{formula}"}}}}\n',
            "ao.yaml",
        )
    )
    path = tmp_path / "ao.csv"
    path.write_text("entity,a\n" + "u,97\nv,40\n" * 150, encoding="utf-8")
    fast = list(score_rows(spec, open_table(str(path), spec), fast=True))
    assert fast == list(score_rows(spec, open_table(str(path), spec), fast=False))
    assert (fast[0].total, fast[1].total) == (first, second)


def test_a_square_root_on_a_rounding_tie_is_decided_exactly(tmp_path: Path) -> None:
    """√(81/100) = 0.9 exactly, and 2.05 × 0.9 = 1.845: a tie at two places, which
    the float (1.8449999…) would round down; the bound leaves it to exact
    arithmetic, which rounds it half up to 1.85."""
    spec = compile_spec(
        load_text(
            "spec: 1\nid: sq\ntotal: 2.05\nrounding: {places: 2, mode: half_up}\n"
            "indicators:\n"
            "  - {id: a, name: A, weight: 2.05, target: 100,\n"
            "     method: {formula: 'weight * min(sqrt(actual / target), 1)'}}\n",
            "sq.yaml",
        )
    )
    path = tmp_path / "sq.csv"
    path.write_text("entity,a\n" + "u,81\n" * 300, encoding="utf-8")
    fast = list(score_rows(spec, open_table(str(path), spec), fast=True))
    assert fast == list(score_rows(spec, open_table(str(path), spec), fast=False))
    assert {r.total for r in fast} == {Fraction("1.85")}


def test_floor_of_a_whole_number_the_float_misses_is_decided_exactly(tmp_path: Path) -> None:
    """0.7 / 0.1 is 7 exactly, and 6.999999999999999 in float: floor would give 6.
    Within its bound of a whole number, the value is left to exact arithmetic."""
    spec = compile_spec(
        load_text(
            "spec: 1\nid: fl\ntotal: 10\nrounding: {places: 2, mode: half_up}\n"
            "indicators:\n"
            "  - {id: a, name: A, weight: 10, target: 0.1,\n"
            "     method: {formula: 'weight * min(floor(actual / target) / 10, 1)'}}\n",
            "fl.yaml",
        )
    )
    path = tmp_path / "fl.csv"
    path.write_text("entity,a\n" + "u,0.7\nv,0.75\n" * 150, encoding="utf-8")
    fast = list(score_rows(spec, open_table(str(path), spec), fast=True))
    assert fast == list(score_rows(spec, open_table(str(path), spec), fast=False))
    assert (fast[0].total, fast[1].total) == (Fraction(7), Fraction(7))
