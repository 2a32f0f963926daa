"""``batch`` says what ``score`` says of values likely mistyped (a percentage typed
as a fraction, a hundred times over, a count below 0), once per indicator and
kind: how many rows, and the first. Before, a table's such values were scored
without a word. The rows the fast path scores are looked at column-wise, the
others one by one, by the one rule of :mod:`engine.base.suspect`."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import invoke

SPEC = "specs/gz-dept-overall-2021.yaml"
UNITS = Path(__file__).resolve().parent.parent / "examples" / "docs" / "units.csv"


def _table(tmp_path: Path, rows: int) -> Path:
    """``rows`` copies of units.csv's first row: procurement 0.874 in every 100th
    row from the 8th, 8740 in every 500th from the 12th; trips -2 in every 250th
    from the 4th (and in the 2nd row of a small table)."""
    header, first = _first_unit()
    out = [header]
    for i in range(rows):
        row = list(first)
        row[header.index("entity")] = f"u{i}"
        if i % 100 == 7 or (rows < 100 and i == 0):
            row[header.index("procurement")] = "0.874"
        if i % 500 == 11:
            row[header.index("procurement")] = "8740"
        if i % 250 == 3 or (rows < 100 and i == 1):
            row[header.index("trips")] = "-2"
        out.append(row)
    return _written(tmp_path, out)


def _first_unit() -> tuple[list[str], list[str]]:
    """units.csv's header and first row."""
    with UNITS.open(encoding="utf-8", newline="") as fh:
        header, first = list(csv.reader(fh))[:2]
    return header, first


def _written(tmp_path: Path, rows: list[list[str]]) -> Path:
    path = tmp_path / "t.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_large_tables_likely_slips_are_counted_column_wise(tmp_path: Path, jobs: str) -> None:
    table = _table(tmp_path, 3000)
    code, _out, err = invoke("batch", SPEC, str(table), "-f", "csv", "-j", jobs)
    assert code == 0
    assert err.splitlines() == [
        "3000 scored, 0 failed",
        f"{table}: note: 30 rows hold 政府采购执行率 (procurement) above 0 and at most 1.5% "
        "against a target of 100% (the first, row 9: 0.874); if percentages were meant (87.4 "
        "there), write them, not fractions",
        f"{table}: note: 6 rows hold 政府采购执行率 (procurement) a hundred times over (the "
        "first, row 13: 8740); if 87.4 was meant there, write the plain numbers, or type "
        "them with % in cells formatted as percentages (where a 90 pasted or written by a "
        "program shows as 9000%)",
        f"{table}: note: 12 rows hold 外出招商活动次数 (trips) below 0 次, a count below 0 "
        "(the first, row 5: -2); check them",
    ]


def test_a_small_tables_likely_slips_are_said_as_scores_are(tmp_path: Path) -> None:
    table = _table(tmp_path, 3)
    code, _out, err = invoke("batch", SPEC, str(table), "-f", "csv")
    assert code == 0
    assert err.splitlines() == [
        "3 scored, 0 failed",
        f"{table}: note: 1 row holds 政府采购执行率 (procurement) above 0 and at most 1.5% "
        "against a target of 100% (row 2: 0.874); if 87.4 was meant, write 87.4: a "
        "percentage, not a fraction",
        f"{table}: note: 1 row holds 外出招商活动次数 (trips) below 0 次, a count below 0 "
        "(row 3: -2); check it",
    ]


def test_the_first_row_said_is_the_tables_first_whichever_path_scored_it(
    tmp_path: Path,
) -> None:
    """A row the exact path scores (an exponent) is counted apart from the fast
    rows of its chunk; the note's first row is still the table's first."""
    table = _table(tmp_path, 3000)
    rows = list(csv.reader(table.read_text("utf-8").splitlines()))
    rows[1][rows[0].index("procurement")] = "8.74e-1"
    with table.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    code, _out, err = invoke("batch", SPEC, str(table), "-f", "csv")
    assert code == 0
    assert err.splitlines()[1] == (
        f"{table}: note: 31 rows hold 政府采购执行率 (procurement) above 0 and at most 1.5% "
        "against a target of 100% (the first, row 2: 0.874); if percentages were meant (87.4 "
        "there), write them, not fractions"
    )


def test_validate_gives_a_tables_notes_as_batch_does(tmp_path: Path) -> None:
    """validate reads a table's rows as batch does, and was silent on its slips."""
    table = _table(tmp_path, 3)
    code, out, err = invoke("validate", SPEC, str(table))
    assert (code, out) == (0, "2 files valid\n")
    assert err.splitlines() == [
        f"{table}: note: 1 row holds 政府采购执行率 (procurement) above 0 and at most 1.5% "
        "against a target of 100% (row 2: 0.874); if 87.4 was meant, write 87.4: a "
        "percentage, not a fraction",
        f"{table}: note: 1 row holds 外出招商活动次数 (trips) below 0 次, a count below 0 "
        "(row 3: -2); check it",
    ]


@pytest.mark.parametrize("rows", [3, 3000])
def test_a_control_rate_above_100_typed_as_a_fraction_is_noted(tmp_path: Path, rows: int) -> None:
    """A lower-is-better rate against 100% (“三公”经费控制率) typed as a fraction
    above 1 (1.05 for 105%, which scores full marks where 105 loses 5 points):
    a fraction up to 1.5 times the target is noted, on either path; 1.6 is not."""
    header, first = _first_unit()
    out = [header]
    for i in range(rows):
        row = list(first)
        row[header.index("entity")] = f"u{i}"
        if i == 1:
            row[header.index("three_public")] = "1.05"
        if i == 2:
            row[header.index("three_public")] = "1.6"
        out.append(row)
    table = _written(tmp_path, out)
    code, _out, err = invoke("batch", SPEC, str(table), "-f", "csv")
    assert code == 0
    assert err.splitlines() == [
        f"{rows} scored, 0 failed",
        f"{table}: note: 1 row holds “三公”经费控制率 (three_public) above 0 and at most 1.5% "
        "against a target of 100% (row 3: 1.05); if 105 was meant, write 105: a percentage, "
        "not a fraction",
    ]


@pytest.mark.parametrize(
    ("value", "target", "direction", "kind"),
    [
        ("0.41", 10, "lower", None),  # 结转结余率 0.41% against at most 10%: the aim, not a slip
        ("0.41", 10, "higher", "fraction"),
        ("0.41", 10, None, "fraction"),
        ("0.95", 100, "lower", "fraction"),  # 在职人员控制率 against at most 100%
        ("0.95", 49, "lower", None),
    ],
)
def test_a_small_rate_is_suspect_where_lower_is_better_only_under_a_large_target(
    value: str, target: int, direction: str | None, kind: str | None
) -> None:
    from fractions import Fraction

    from engine.base.suspect import suspect

    assert suspect(Fraction(value), "%", Fraction(target), direction) == kind


def test_a_small_carryover_rate_is_not_told_to_be_a_percentage(tmp_path: Path) -> None:
    """score told 0.41 (结转结余率, full marks at most 10%) to be written as 41,
    which scores 0; a control rate of 0.95 is still told."""
    text = (UNITS.parent.parent / "dept-framework-2023" / "actuals.yaml").read_text("utf-8")
    path = tmp_path / "a.yaml"
    path.write_text(text.replace("carryover: 14.5 ", "carryover: 0.41 "), "utf-8")
    code, _out, err = invoke("score", "specs/dept-overall-framework.yaml", str(path))
    assert code == 0
    assert "not a fraction" not in err
    path.write_text(text.replace("staff_control: 102.5 ", "staff_control: 0.95 "), "utf-8")
    code, _out, err = invoke("score", "specs/dept-overall-framework.yaml", str(path))
    assert "结转结余率" not in err
    assert "在职人员控制率 (staff_control)" in err


def test_a_table_in_parts_says_each_files_slips_under_its_name(tmp_path: Path) -> None:
    """Rows are numbered within their file: "row 2" of a pattern of files was in
    every file. Each file's slips are said under its name."""
    header, first = _first_unit()
    folder = tmp_path / "parts"
    folder.mkdir()
    for name, procurement in (("a", "87.4"), ("b", "0.874")):
        row = [*first]
        row[header.index("procurement")] = procurement
        row[header.index("entity")] = f"{row[header.index('entity')]}{name}"  # two units
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([header, row])
    code, _out, err = invoke("batch", SPEC, str(folder / "*.csv"), "-f", "csv")
    assert code == 0
    assert err.splitlines() == [
        "2 scored, 0 failed",
        f"{folder / 'b.csv'}: note: 1 row holds 政府采购执行率 (procurement) above 0 and at "
        "most 1.5% against a target of 100% (row 2: 0.874); if 87.4 was meant, write 87.4: a "
        "percentage, not a fraction",
    ]


def test_a_totals_row_that_failed_is_not_said_to_be_ranked(tmp_path: Path) -> None:
    """合计 with its sums of inputs and no values fails; its warning said it was
    scored, ranked and counted as a unit."""
    header, first = _first_unit()
    totals = ["合计", "2021", "100", "90"] + [""] * (len(header) - 4)
    table = _written(tmp_path, [header, first, totals])
    code, _out, err = invoke("batch", SPEC, str(table), "-f", "csv")
    assert code == 1
    assert err.splitlines()[-1] == (
        f"{table}:3:1: warning: entity '合计' reads as a totals, average or section row, not an "
        "entity (the row failed: see its error): remove the row"
    )
