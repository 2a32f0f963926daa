"""One row of a table read as one entity's actuals: ``score``, ``explain`` and
``whatif`` with ``--row N`` or ``--entity NAME`` (a bureau asked "why 79.59?" had
to open the page of charts, the explorer, or retype the row as YAML)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.conftest import ROOT, invoke

SPEC = str(ROOT / "specs" / "gz-dept-overall-2021.yaml")
TABLE = str(ROOT / "examples" / "docs" / "streets.csv")
YAML = str(ROOT / "examples" / "licheng-2021" / "actuals.yaml")


def _batch_rows() -> dict[str, dict[str, str]]:
    code, out, _err = invoke("batch", SPEC, TABLE, "-f", "csv")
    assert code == 0
    return {r["row"]: r for r in csv.DictReader(io.StringIO(out))}


def test_every_row_scores_as_the_batch_scored_it() -> None:
    rows = _batch_rows()
    assert len(rows) == 24
    for number, batch in rows.items():
        code, out, err = invoke("score", SPEC, TABLE, "--row", number, "-f", "json")
        assert code == 0, err
        card = json.loads(out)
        assert (card["entity"], card["total"], card["grade"]) == (
            batch["entity"],
            batch["total"],
            batch["grade"],
        )
        scores = {r["id"]: r["score"] or "" for r in _walk(card["indicators"])}  # N/A: ""
        assert {k: v for k, v in scores.items() if k in batch} == {
            k: batch[k] for k in scores if k in batch
        }
        assert card["stamp"]["actuals_pick"] == {"row": int(number)}


def _walk(results: list[dict[str, object]]) -> list[dict[str, object]]:
    out = []
    for r in results:
        out.append(r)
        out += _walk(r["children"])  # type: ignore[arg-type]
    return out


def test_explain_by_entity_traces_the_cells_of_its_row() -> None:
    code, out, _err = invoke("explain", SPEC, TABLE, "trips", "--entity", "增江街道")
    assert code == 0
    assert "增江街道" in out
    assert f"{TABLE}:3:" in out  # the actual, at its cell
    code, out, _err = invoke("whatif", SPEC, TABLE, "--row", "3")
    assert code == 0
    assert "增江街道" in out
    # as the batch compares entities: width and spaces aside (a tired auditor's typing)
    code, out, _err = invoke("score", SPEC, TABLE, "--entity", "增江 街道 ", "-f", "json")
    assert (code, json.loads(out)["stamp"]["actuals_pick"]) == (0, {"entity": "增江 街道 "})
    assert json.loads(out)["entity"] == "增江街道"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            [TABLE, "--row", "99"],
            f"{TABLE}: no row 99; the table's rows are 2 to 25 (row 1 is the header)",
        ),
        (
            [TABLE, "--entity", "增江街"],
            f"{TABLE}: no row of entity '增江街'; did you mean '增江街道'?",
        ),
        (
            [TABLE, "--row", "3", "--entity", "增江街道"],
            "--row and --entity both pick a row; give one of them",
        ),
        (
            [TABLE, "--sheet", "汇总"],
            f"--sheet reads a table, and no row of {TABLE} is picked; give --row N or --entity "
            "NAME (or score every row: scorecard batch SPEC TABLE)",
        ),
        (
            [YAML, "--row", "3"],
            f"--row is for a row of a table (.csv, .xlsx, .parquet), and {YAML} is one entity's "
            "actuals; drop --row",
        ),
        (
            [TABLE],
            f"{TABLE}: a table holds many entities; score every row with 'scorecard batch SPEC "
            "TABLE', or pick one with --row N or --entity NAME (or give one entity's actuals as "
            "YAML/JSON)",
        ),
    ],
    ids=["no such row", "no such entity", "both", "sheet alone", "not a table", "no pick"],
)
def test_a_pick_that_cannot_be_made_is_one_line(args: list[str], said: str) -> None:
    code, _out, err = invoke("score", SPEC, *args)
    assert (code, err) == (2, said + "\n")


def test_an_entity_on_two_rows_is_picked_by_its_number(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("entity,period,trips\nA,2020,3\nA,2021,4\n", "utf-8")
    code, _out, err = invoke("score", SPEC, str(table), "--entity", "A", "--missing", "zero")
    assert (code, err) == (
        2,
        f"{table}: entity 'A' is on rows 2, 3 (other periods, or twice); pick one by its "
        "number: --row 2\n",
    )


def test_a_row_of_a_sheet_read_with_the_marks_given_is_verified_again(tmp_path: Path) -> None:
    """The stamp keeps the pick and how the table was read: verify reads the same row."""
    with open(TABLE, encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    wb = Workbook()
    wb.active.title = "说明"
    ws = wb.create_sheet("汇总")
    for row in rows:
        ws.append(["—" if cell == "不适用" else cell for cell in row])
    book = tmp_path / "units.xlsx"
    wb.save(book)
    args = [SPEC, str(book), "--sheet", "汇总", "--entity", "荔城镇", "--na", "—"]
    code, out, err = invoke("score", *args, "-f", "json")
    assert code == 0, err
    card = json.loads(out)
    assert card["stamp"]["actuals_pick"] == {"entity": "荔城镇", "sheet": "汇总", "na": ["—"]}
    statuses = {r["id"]: r["status"] for r in _walk(card["indicators"])}
    assert statuses["disclosure"] == "not_applicable"  # its cell: — (不适用 in the CSV)
    scorecard = tmp_path / "荔城镇.json"
    scorecard.write_text(out, "utf-8")
    code, out, _err = invoke("verify", str(scorecard))
    assert code == 0
    assert out == (
        f"{scorecard}: agrees with a re-score of {SPEC} and {book}, entity 荔城镇 (total "
        f"{card['total']}, engine {card['stamp']['engine_version']})\n"
    )


def test_a_row_that_cannot_be_read_is_told_at_its_cells(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text(Path(TABLE).read_text("utf-8").replace("84810", "八万", 1), "utf-8")
    code, _out, err = invoke("score", SPEC, str(table), "--row", "2")
    assert code == 1
    assert err.startswith(f"{table}:2:3: ")


@pytest.mark.parametrize(
    ("pick", "said"),
    [
        ({"entity": 5}, ":12:17: stamp actuals_pick entity must be text, not the number 5"),
        (
            {"row": 1},
            ":12:14: stamp actuals_pick row must be a row number from 2, not the number 1",
        ),
        (
            ["a"],
            ":11:21: stamp actuals_pick must be a mapping of row or entity, sheet, na and "
            "encoding, not a list of 1",
        ),
    ],
)
def test_a_pick_edited_in_the_stamp_is_refused_where_it_is(
    tmp_path: Path, pick: object, said: str
) -> None:
    """{"entity": 5} in a stamp was an internal error (TypeError) of verify."""
    code, out, _err = invoke("score", SPEC, TABLE, "--row", "3", "-f", "json")
    assert code == 0
    card = json.loads(out)
    card["stamp"]["actuals_pick"] = pick
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(card, ensure_ascii=False, indent=2), "utf-8")
    code, _out, err = invoke("verify", str(path), SPEC, TABLE)
    assert (code, err) == (
        1,
        f"{path}{said}; give the scorecard as 'scorecard score --format json' wrote it\n",
    )


def test_verify_says_when_the_actuals_given_are_not_what_the_stamp_read(tmp_path: Path) -> None:
    """A scorecard of a table's row verified against one entity's file, and one of
    a file against a table, were told to drop --row, or to pick one with --row:
    options verify does not have."""
    row = tmp_path / "row.json"
    assert invoke("score", SPEC, TABLE, "--row", "3", "-o", str(row))[0] == 0
    code, _out, err = invoke("verify", str(row), SPEC, YAML)
    assert (code, err) == (
        1,
        f"{row}:11:21: the stamp's actuals_pick reads a row of a table, and {YAML} is one "
        "entity's actuals; give the table the scorecard was scored from\n",
    )
    one = tmp_path / "one.json"
    assert invoke("score", SPEC, YAML, "-o", str(one))[0] == 0
    code, _out, err = invoke("verify", str(one), SPEC, TABLE)
    assert (code, err) == (
        1,
        f"{one}:9:21: the scorecard is of one entity's actuals (its stamp picks no row of a "
        f"table), and {TABLE} is a table; give the entity's actuals file\n",
    )
