"""A table with no column for what every row needs is refused at its header,
once, before any row is read (engine.batch.absent); a column that could mark
those indicators not applicable, or --missing zero, lets the rows be scored."""

from __future__ import annotations

import contextlib
import csv
from pathlib import Path

import pytest
from conftest import invoke

from engine.base.errors import ScorecardError

SPEC = "specs/gz-dept-overall-2021.yaml"
UNITS = "examples/docs/units.csv"

INPUT_MESSAGE = (
    "{path}:1:1: no column for the input every row needs: spent (for budget_execution); add "
    "its column (by id or name), na.ID columns to mark the indicators reading it not "
    "applicable, or use --missing zero to score them 0"
)


def _units() -> list[list[str]]:
    """The shipped table of units, its header first."""
    with open(UNITS, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _written(tmp_path: Path, rows: list[list[str]]) -> Path:
    table = tmp_path / "t.csv"
    with table.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return table


def _without(tmp_path: Path, drop: set[str], add: dict[str, str] | None = None) -> Path:
    """The shipped table of units with the ``drop`` columns taken out and the
    ``add`` columns (header → every row's cell) put in."""
    with open(UNITS, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    keep = [j for j, h in enumerate(rows[0]) if h not in drop]
    extra = add or {}
    path = tmp_path / "t.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([rows[0][j] for j in keep] + list(extra))
        for row in rows[1:]:
            writer.writerow([row[j] for j in keep] + list(extra.values()))
    return path


def test_a_table_without_an_input_column_is_refused_once_at_its_header(tmp_path: Path) -> None:
    table = _without(tmp_path, {"spent"})
    code, out, err = invoke("batch", SPEC, str(table), "--format", "csv")
    assert (code, out) == (1, "")
    assert err.splitlines() == [INPUT_MESSAGE.format(path=table)]


def test_validate_says_the_same_of_the_table(tmp_path: Path) -> None:
    table = _without(tmp_path, {"spent"})
    code, _, err = invoke("validate", SPEC, str(table))
    assert code == 1
    assert err.splitlines() == [INPUT_MESSAGE.format(path=table), "1 error in 1 of 2 files"]


def test_values_absent_are_listed_in_one_message(tmp_path: Path) -> None:
    one = _without(tmp_path, {"trips"})
    code, _, err = invoke("batch", SPEC, str(one), "-o", str(tmp_path / "out.csv"))
    assert code == 1
    assert err.splitlines() == [
        f"{one}:1:1: no column for the value of 1 indicator every row needs: trips; add its "
        "column (by id or name), an na.ID column to mark it not applicable, or use --missing "
        "zero to score it 0"
    ]
    assert not (tmp_path / "out.csv").exists()
    two = _without(tmp_path, {"trips", "incidents", "budget", "spent"})
    code, _, err = invoke("batch", SPEC, str(two))
    assert code == 1
    assert err.splitlines() == [
        f"{two}:1:1: no column for 2 inputs every row needs: budget (for budget_execution), "
        "spent (for budget_execution); add their columns (by id or name), na.ID columns to "
        "mark the indicators reading them not applicable, or use --missing zero to score them 0",
        f"{two}:1:1: no column for the values of 2 indicators every row needs: trips, "
        "incidents; add their columns (by id or name), na.ID columns to mark them not "
        "applicable, or use --missing zero to score them 0",
    ]


def test_a_column_that_can_mark_the_indicator_not_applicable_lets_the_rows_be_read(
    tmp_path: Path,
) -> None:
    """With an na column for the indicator, a row may not need the input: each
    row is scored, or fails, on its own."""
    table = _without(tmp_path, {"spent"}, {"na.budget_execution": "本年度未承担该项职能"})
    code, out, err = invoke("batch", SPEC, str(table), "--format", "csv")
    assert (code, err) == (0, "4 scored, 0 failed\n")
    assert [row["status"] for row in csv.DictReader(out.splitlines())] == ["ok"] * 4
    table = _without(tmp_path, {"spent"}, {"na.budget_execution": ""})  # marking no row
    _, out, _ = invoke("batch", SPEC, str(table), "--format", "csv")
    rows = list(csv.DictReader(out.splitlines()))
    assert [row["status"] for row in rows] == ["error"] * 4
    assert "missing inputs: spent (for budget_execution)" in rows[0]["error"]


@pytest.mark.parametrize(
    ("header", "absent"),
    [
        ("entity,budget,na.management", []),  # a group above it may be marked
        ("entity,budget,na.key_spending", ["spent"]),  # another indicator's mark
        ("entity,budget,spent", []),
        ("entity,budget,全年执行数", []),  # the input by its name
    ],
)
def test_what_counts_as_a_column_for_an_input(
    tmp_path: Path, header: str, absent: list[str]
) -> None:
    from engine.batch.absent import absent_columns
    from engine.batch.tables import open_table
    from engine.spec.compile import load_spec

    spec = load_spec(SPEC)
    path = tmp_path / "t.csv"
    path.write_text(header + "\n" + ",".join(["x"] * len(header.split(","))) + "\n", "utf-8")
    problems = absent_columns(spec, open_table(str(path), spec))
    inputs = [str(p) for p in problems if "spent (for" in str(p)]
    assert ["spent (for budget_execution)" in p for p in inputs] == [True] * len(absent)


@pytest.mark.parametrize("inputs", [True, False], ids=["beside its inputs", "without them"])
def test_a_column_of_a_derived_indicator_is_refused_once_at_its_header(
    tmp_path: Path, inputs: bool
) -> None:
    """预算执行率 is worked out from 全年预算数 and 全年执行数: its own column failed
    every row, a line each (and hid the inputs' absence); it is refused once."""
    dropped = set() if inputs else {"budget", "spent"}
    table = _without(tmp_path, dropped, {"预算执行率(%)": "90.84"})
    col = 31 if inputs else 29  # the last column
    code, out, err = invoke("batch", SPEC, str(table))
    assert (code, out) == (1, "")
    assert err == (
        f"{table}:1:{col}: column '预算执行率(%)' is budget_execution (预算执行率), which the spec "
        "works out from its inputs (spent / budget * 100); clear this column's header, and give "
        "the inputs' columns if the table lacks them: budget (全年预算数), spent (全年执行数)\n"
    )
    zh = invoke("batch", SPEC, str(table), "--lang", "zh")[2]
    assert zh == (
        f"{table}:1:{col}: 列 '预算执行率(%)' 是 budget_execution（预算执行率），由规格根据输入项"
        "计算（spent / budget * 100）；请清空这一列的表头，表中没有这些输入项的列时请补上："
        "budget（全年预算数）、spent（全年执行数）\n"
    )


def test_missing_zero_scores_the_rows(tmp_path: Path) -> None:
    table = _without(tmp_path, {"spent"})
    code, out, err = invoke("batch", SPEC, str(table), "--format", "csv", "--missing", "zero")
    assert (code, err) == (
        0,
        "4 scored, 0 failed\n"
        f"{table}: note: 4 values missing were scored 0 under --missing zero, in 4 of the rows; "
        "each is flagged ID:missing\n",
    )
    rows = list(csv.DictReader(out.splitlines()))
    assert [r["status"] for r in rows] == ["ok"] * 4
    assert {r["budget_execution"] for r in rows} == {"0.00"}
    assert [r["flags"].split("; ")[0] for r in rows] == ["budget_execution:missing"] * 4


@pytest.mark.parametrize("way", ["row by row", "column-wise"])
def test_a_row_holding_only_its_entity_is_warned_of_under_missing_zero(
    tmp_path: Path, way: str
) -> None:
    """A note or a signature below the table (注：…, 填表人：…) holds no value:
    under --missing zero it was scored 0, graded and ranked as one more unit,
    without a word. Each such row is warned of at its entity cell, and counted."""
    from tests.test_columnar_csv import columnar

    rows = _units()
    width = len(rows[0])
    footer = [
        [text] + [""] * (width - 1) for text in ("注：本表数据截至2021年12月31日", "填表人：张三")
    ]
    table = _written(tmp_path, [*rows[:4], *footer])
    with columnar() if way == "column-wise" else contextlib.nullcontext():
        code, out, err = invoke("batch", SPEC, str(table), "-f", "csv", "--missing", "zero")
    assert code == 0
    assert [line.split(",")[5] for line in out.splitlines()[-2:]] == ["差", "差"]
    assert err.splitlines()[2:] == [
        f"{table}:{row}:1: warning: row {row} ('{entity}') holds no value, only its entity; "
        "scored 0 under --missing zero, it is ranked and counted as an entity: if it is a note "
        "or a signature below the table, remove the row, else fill in its values"
        for row, entity in ((5, "注：本表数据截至2021年12月31日"), (6, "填表人：张三"))
    ]
    assert err.splitlines()[1] == (
        f"{table}: note: 52 values missing were scored 0 under --missing zero, in 2 of the "
        "rows; each is flagged ID:missing"
    )


@pytest.mark.parametrize("way", ["row by row", "column-wise"])
def test_a_row_of_nothing_read_is_warned_of_once(tmp_path: Path, way: str) -> None:
    """A note below the table in a column not read (序号's) left a row with no entity
    and no value: it was warned of twice, once as no one's, and once as holding
    "no value, only its entity ('')"."""
    from tests.test_columnar_csv import columnar

    rows = [["序号", *row] for row in _units()]
    rows[1:] = [[str(k), *row[1:]] for k, row in enumerate(rows[1:5], 1)]
    width = len(rows[0])
    rows.append(["注：本表金额单位为万元"] + [""] * (width - 1))
    table = _written(tmp_path, rows)
    with columnar() if way == "column-wise" else contextlib.nullcontext():
        code, _out, err = invoke("batch", SPEC, str(table), "-f", "csv", "--missing", "zero")
    assert code == 0
    assert err.splitlines()[2:] == [
        f"{table}:6:2: warning: row 6 holds neither an entity nor a value; scored 0 under "
        "--missing zero, it is ranked and counted as no one's: if it is a note or a signature "
        "below the table, remove the row, else fill it in"
    ]


@pytest.mark.parametrize("way", ["row by row", "column-wise"])
def test_an_na_mark_in_an_input_cell_is_told_where_not_applicable_goes(
    tmp_path: Path, way: str
) -> None:
    """不适用 in 全年预算数 was told it is no number; an input is a number the spec
    reads: the indicator reading it is what may not apply, by an na.ID reason."""
    from tests.test_columnar_csv import columnar

    rows = _units()
    budget = rows[0].index("budget")
    rows[1][budget] = "不适用"
    table = _written(tmp_path, rows)
    with columnar() if way == "column-wise" else contextlib.nullcontext():
        code, _out, err = invoke("batch", SPEC, str(table), "-f", "csv", "--lang", "zh")
    assert code == 1
    assert err.splitlines()[1] == (
        f"{table}:2:{budget + 1}: 列 'budget'（全年预算数）：'不适用' 用来把指标标为不适用，"
        "但这一列是输入项，是规格要读取的数值；请填写数值；"
        "如果 budget_execution 不适用，请在 na.ID 列（na.budget_execution）中填写原因"
    )


def test_the_table_api_raises_the_header_problem(tmp_path: Path) -> None:
    import engine

    table = _without(tmp_path, {"spent"})
    with pytest.raises(ScorecardError) as raised:
        engine.score_table(SPEC, table)
    python = INPUT_MESSAGE.replace("--missing zero", 'missing="zero"')  # the keyword
    assert str(raised.value) == python.format(path=table)
    result = engine.score_table(SPEC, table, missing="zero")
    assert result.column("status").to_pylist() == ["ok"] * 4


@pytest.mark.parametrize("dropped", [{"spent", "trips"}, {"spent", "budget", "trips"}])
def test_the_inputs_line_comes_first_in_either_language(tmp_path: Path, dropped: set[str]) -> None:
    """Both lines are at 1:1 and sort by their text: each language's wording
    keeps the inputs' line first, whatever the counts."""
    table = _without(tmp_path, dropped)
    for lang, inputs in (("en", "no column for"), ("zh", "表中缺少每一行都需要的 inputs 列")):
        code, _, err = invoke("--lang", lang, "batch", SPEC, str(table))
        lines = err.splitlines()
        assert (code, len(lines)) == (1, 2)
        assert inputs in lines[0] and "spent" in lines[0]
        assert "trips" in lines[1] and "spent" not in lines[1]


def test_the_message_in_chinese(tmp_path: Path) -> None:
    table = _without(tmp_path, {"spent"})
    code, _, err = invoke("--lang", "zh", "batch", SPEC, str(table))
    assert code == 1
    assert err.splitlines() == [
        f"{table}:1:1: 表中缺少每一行都需要的 inputs 列（1 个）：spent（用于 budget_execution）；"
        "请补上这些列（列名用 id 或名称），或加 na.ID 列把读取它们的指标标为不适用，或用 "
        "--missing zero 将这些指标计 0 分"
    ]


def test_a_part_of_several_files_without_the_column_fails_its_rows_only(tmp_path: Path) -> None:
    """The parts of a pattern are one table: a part lacking a column has its rows
    fail one by one, and the other parts' rows are still scored."""
    parts = tmp_path / "parts"
    parts.mkdir()
    (parts / "a.csv").write_text(Path(UNITS).read_text("utf-8"), "utf-8")
    _without(tmp_path, {"spent"}).replace(parts / "b.csv")
    code, out, err = invoke("batch", SPEC, str(parts / "*.csv"), "--format", "csv")
    statuses = [row["status"] for row in csv.DictReader(out.splitlines())]
    assert code == 1
    assert statuses == ["ok", "ok", "ok", "error"] + ["error"] * 4
    assert err.splitlines()[0] == "3 scored, 5 failed"


def test_compare_lets_each_spec_fail_its_rows(tmp_path: Path) -> None:
    """A column one spec needs and the table lacks fails that spec's rows: the
    other spec may still score them."""
    table = _without(tmp_path, {"spent"})
    code, out, err = invoke("compare", SPEC, "examples/docs/gz-2021-v2.yaml", str(table))
    assert code == 1
    assert out.splitlines()[:3] == [
        "A  specs/gz-dept-overall-2021.yaml (gz-dept-overall-2021 2021.1)",
        "B  examples/docs/gz-2021-v2.yaml (gz-dept-overall-2021 2021.2)",
        "0 entities scored under both, 4 failed",
    ]
    lines = err.splitlines()
    assert len(lines) == 4 and all("missing inputs: spent" in line for line in lines)


def test_a_chosen_score_column_alone_does_not_give_the_grade(tmp_path: Path) -> None:
    """score.ID is read with the grade's own column: without it every row fails."""
    from engine.batch.absent import absent_columns
    from engine.batch.tables import Column, Table
    from engine.spec.compile import load_spec

    spec = load_spec(SPEC)
    columns = [
        Column(1, "entity", "entity"),
        Column(2, "score.management_system", "score", "management_system"),
    ]
    problems = [str(p) for p in absent_columns(spec, Table("t.csv", columns, iter(())))]
    assert "management_system" in problems[-1]


def test_errors_pickle_with_their_positions_and_exit_codes() -> None:
    """A part refused on a Dask worker comes back pickled (engine.batch.parts)."""
    import pickle

    from engine.base.errors import ActualsError, ErrorList, Pos, UsageError

    one = ActualsError("no column", Pos("t.csv", 1, 1))
    many = ErrorList([ActualsError("b", Pos("t.csv", 3, 1)), one, UsageError("--x: no")])
    for error in (one, many):
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is type(error)
        assert (str(again), again.exit_code) == (str(error), error.exit_code)
    assert pickle.loads(pickle.dumps(one)).pos == Pos("t.csv", 1, 1)
    assert many.exit_code == 2


def test_review_of_a_table_says_it_once(tmp_path: Path) -> None:
    """`review` reads a table's rows its own way: the header is checked as batch's is."""
    with open("examples/docs/units-claimed.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    keep = [j for j, h in enumerate(rows[0]) if h != "spent"]
    table = tmp_path / "claimed.csv"
    with table.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([[row[j] for j in keep] for row in rows])
    code, out, err = invoke("review", SPEC, str(table))
    assert (code, out) == (1, "")
    assert err.splitlines() == [INPUT_MESSAGE.format(path=table)]
    code, _, err = invoke("review", SPEC, str(table), "--missing", "zero")
    assert "no column for" not in err
