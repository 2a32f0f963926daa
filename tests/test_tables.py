"""Actuals from tables (CSV in UTF-8, UTF-8 with BOM and GBK; XLSX) and batches."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from typer.testing import CliRunner

from engine.base.errors import ErrorList, LoadError, ScorecardError
from engine.batch.runner import score_rows
from engine.batch.tables import COLUMNAR_BYTES, line_source, open_table, row_document
from engine.cli import app
from engine.scoring.actuals import check_actuals
from engine.scoring.evaluate import evaluate
from engine.spec.compile import load_spec
from engine.spec.model import Spec
from tests.conftest import IDS, SEED_ROW

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "specs" / "gz-dept-overall-2021.yaml"


def _refusal(table: Path, spec: Spec, kind: type[ScorecardError]) -> str:
    """What opening ``table`` against ``spec`` is refused with (an error of ``kind``)."""
    with pytest.raises(kind) as e:
        open_table(str(table), spec)
    return str(e.value)


def rows(n: int) -> list[list[str]]:
    """``n`` entities: the seed's values with a few varied, deterministically."""
    out = []
    for i in range(n):
        r = list(SEED_ROW)
        r[IDS.index("trips")] = str(i % 5)
        r[IDS.index("rehab")] = f"{60 + (i * 7) % 41}.{i % 10}5"
        r[IDS.index("community")] = f"{150 + i % 80:,}"
        r[IDS.index("sanitation")] = f"{90 + (i % 10) / 2}%"
        out.append([f"街道{i:03d}", "2021", "82,912.04", f"{75000 + i * 3}.78", *r])
    return out


HEADER = ["entity", "period", "budget", "spent", *IDS]


def write_csv(path: Path, data: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(data)
    return path


def write_xlsx(path: Path, data: list[list[str]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for r in data:
        cells: list[object] = []
        for h, v in zip(HEADER, r, strict=True):
            text = v.replace(",", "")
            if h in ("entity", "period") or not text.replace(".", "").replace("%", "").isdigit():
                cells.append(v)
            elif text.endswith("%"):
                cells.append(float(text[:-1]) / 100)
            else:
                cells.append(int(text) if text.isdigit() else float(text))
        ws.append(cells)
    # a percent-formatted column, as Excel writes 98.93%
    col = HEADER.index("sanitation") + 1
    for row in ws.iter_rows(min_row=2, min_col=col, max_col=col):
        for cell in row:
            cell.number_format = "0.00%"
    wb.save(path)
    return path


def totals(path: Path, **kw: str) -> list[tuple[int, str, Fraction | None]]:
    spec = load_spec(SPEC)
    table = open_table(str(path), spec, **kw)
    return [(r.row, r.entity, r.total) for r in score_rows(spec, table)]


def test_gbk_utf8_bom_and_xlsx_give_identical_results(tmp_path: Path) -> None:
    data = rows(40)
    utf8 = totals(write_csv(tmp_path / "u.csv", data))
    assert all(t is not None for _, _, t in utf8)
    assert totals(write_csv(tmp_path / "g.csv", data, "gbk")) == utf8
    assert totals(write_csv(tmp_path / "b.csv", data, "utf-8-sig")) == utf8
    assert totals(write_csv(tmp_path / "e.csv", data, "gbk"), encoding="gbk") == utf8
    assert totals(write_xlsx(tmp_path / "x.xlsx", data)) == utf8


def test_a_table_carries_the_digest_of_its_file(tmp_path: Path) -> None:
    """A file's SHA-256 (the batch's outputs name it) is worked when first asked,
    from the file read; a table in memory has none."""
    import hashlib

    import pyarrow as pa

    from engine.batch.arrow import open_frame

    spec = load_spec(SPEC)
    for name, encoding in [("u.csv", "utf-8"), ("g.csv", "gbk")]:
        path = write_csv(tmp_path / name, rows(3), encoding)
        table = open_table(str(path), spec)
        assert table.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        traced = row_document(table, spec, 2, next(iter(table.rows))[1])
        assert traced.sha256 == table.sha256  # what a row's trace names
    frame = pa.table({h: [v] for h, v in zip(HEADER, rows(1)[0], strict=True)})
    assert open_frame(frame, spec).sha256 == ""


def test_a_tables_digest_is_worked_once_and_travels_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Copies of a table (one per chunk) share its digest, worked once; a table
    sent to another process carries it: the file may be gone by then."""
    import hashlib
    import pickle
    from dataclasses import replace

    from engine.batch import tables

    spec = load_spec(SPEC)
    path = write_csv(tmp_path / "u.csv", rows(3))
    expected = hashlib.sha256(path.read_bytes()).hexdigest()
    worked: list[Path] = []
    digest = tables._digest
    monkeypatch.setattr(tables, "_digest", lambda p: worked.append(p) or digest(p))
    table = open_table(str(path), spec)
    copies = [replace(table, rows=iter(())) for _ in range(3)]
    assert [c.sha256 for c in [*copies, table]] == [expected] * 4
    assert worked == [path]
    fresh = open_table(str(path), spec)
    shell = pickle.dumps(replace(fresh, rows=iter(())))  # as --jobs sends it to workers
    path.unlink()
    away = pickle.loads(shell)
    assert away.sha256 == expected and len(worked) == 2
    assert row_document(away, spec, 2, rows(1)[0]).sha256 == expected


def test_batch_equals_the_traced_single_entity_path_for_every_row(tmp_path: Path) -> None:
    spec = load_spec(SPEC)
    path = write_csv(tmp_path / "u.csv", rows(150))
    fast = list(score_rows(spec, open_table(str(path), spec)))
    table = open_table(str(path), spec)
    for result, (row, cells) in zip(fast, table.rows, strict=True):
        traced = evaluate(spec, check_actuals(row_document(table, spec, row, cells), spec))
        assert result.ok
        assert result.total == traced.total
        assert list(result.scores) == [r.score for r in traced.walk()]


def test_one_bad_cell_is_reported_by_row_and_column_and_the_rest_are_scored(tmp_path: Path) -> None:
    data = rows(120)
    data[57][HEADER.index("trips")] = "三次"  # file row 59 (the header is row 1)
    path = write_csv(tmp_path / "u.csv", data)
    result = CliRunner().invoke(app, ["batch", str(SPEC), str(path), "-f", "csv"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "119 scored, 1 failed",
        f"{path}:59:15: column 'trips' (外出招商活动次数): '三次' is not a number; write digits "
        "such as 3, 2.5 or 98.93% (or an N/A mark: N/A, n/a, NA, 不适用, --)",
    ]
    out = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(out) == 120
    assert [r["status"] for r in out].count("ok") == 119
    bad = next(r for r in out if r["row"] == "59")
    assert bad["status"] == "error" and "'三次' is not a number" in bad["error"]


def test_na_tokens_notes_and_chosen_scores(tmp_path: Path) -> None:
    spec = load_spec(ROOT / "specs" / "national-project-2020.yaml")
    path = tmp_path / "p.csv"
    path.write_text(
        "单位,allocated,spent,road_km,bridges,markings,pass_rate,good_roads,on_time,delay_days,"
        "unit_cost,travel,score.travel,freight_cost,greening,upkeep,survey,notes.unit_cost\n"
        "某县,1250,1068.75,126.4,27,40,96.5,76.2,92,3,2.8,部分达成,7.5,4.2,不适用,已建立,93.6,"
        "沥青价格上涨\n",
        encoding="utf-8",
    )
    table = open_table(str(path), spec)
    [(row, cells)] = list(table.rows)
    doc = row_document(table, spec, row, cells)
    sc = evaluate(spec, check_actuals(doc, spec))
    greening = sc.find("greening")
    assert greening is not None and greening.status == "not_applicable"
    travel = sc.find("travel")
    assert travel is not None and travel.score == 9  # 7.5 scaled by 12/10
    unit_cost = sc.find("unit_cost")
    assert unit_cost is not None and unit_cost.note == "沥青价格上涨"
    [r] = list(score_rows(spec, open_table(str(path), spec)))
    assert r.entity == "某县"
    assert r.total == sc.total == Fraction("85.79")  # the example's, before its override


@pytest.mark.parametrize(
    ("header", "row", "message"),
    [
        (
            "entity,trps",
            "a,1",
            "{p}:1:2: column 'trps' is not an indicator, input or known "
            "column of spec 'gz-dept-overall-2021'; did you mean 'trips'?; columns: entity, "
            "period, indicator ids or names, input ids, score.ID, notes.ID, na.ID, claimed.ID, "
            "claimed_total; to leave a column out, clear its header",
        ),
        (
            "trips,rehab",
            "1,2",
            "{p}:1:1: no entity column: none is named entity, 单位, 单位名称, 评价对象, "
            "部门, 部门名称, 被评价单位, 项目名称, 项目, 评价项目 or 被评价项目; "
            "columns found: trips, rehab; name the column that says whose row it is entity "
            "(or 单位)",
        ),
        (
            "trips,entty,rehab",
            "1,a,2",
            "{p}:1:2: no entity column: none is named entity, 单位, "
            "单位名称, 评价对象, 部门, 部门名称, 被评价单位, 项目名称, 项目, 评价项目 "
            "or 被评价项目; did "
            "you mean 'entity' for column 'entty'?; columns found: trips, entty, rehab",
        ),
        (
            "单位名,trips",
            "a,1",
            "{p}:1:1: no entity column: none is named entity, 单位, "
            "单位名称, 评价对象, 部门, 部门名称, 被评价单位, 项目名称, 项目, 评价项目 "
            "or 被评价项目; did "
            "you mean '单位名称' for column '单位名'?; columns found: 单位名, trips",
        ),
        (
            "name,trips",
            "a,1",
            "{p}:1:1: no entity column: none is named entity, 单位, "
            "单位名称, 评价对象, 部门, 部门名称, 被评价单位, 项目名称, 项目, 评价项目 "
            "or 被评价项目, and "
            "column 'name' is not one the spec knows; if 'name' says whose row it is, name it "
            "entity (or 单位); columns found: name, trips",
        ),
        (
            ",".join(["name", *HEADER[1:]]),
            ",".join(["a", *SEED_ROW]),
            "{p}:1:1: no entity column: none is named entity, 单位, "
            "单位名称, 评价对象, 部门, 部门名称, 被评价单位, 项目名称, 项目, 评价项目 "
            "or 被评价项目, and "
            "column 'name' is not one the spec knows; if 'name' says whose row it is, name it "
            "entity (or 单位); columns found: name, period, budget, spent, key_spending, "
            "budget_adjustment, three_public, staff_control, procurement, management_system, "
            "compliance, disclosure, … (29 in all)",
        ),
        (
            "trips,name",
            "1,a",
            "{p}:1:1: no entity column: none is named entity, 单位, 单位名称, 评价对象, "
            "部门, 部门名称, 被评价单位, 项目名称, 项目, 评价项目 or 被评价项目; "
            "columns found: trips, name; name the column that says whose row it is entity "
            "(or 单位)\n"
            "{p}:1:2: column 'name' is not an indicator, input or known column of spec "
            "'gz-dept-overall-2021'; columns: entity, period, indicator ids or names, input "
            "ids, score.ID, notes.ID, na.ID, claimed.ID, claimed_total; to leave a column out, "
            "clear its header",
        ),
        (
            "entity,perod",
            "a,2021",
            "{p}:1:2: column 'perod' is not an indicator, input or known column of spec "
            "'gz-dept-overall-2021'; did you mean 'period'?; columns: entity, period, "
            "indicator ids or names, input ids, score.ID, notes.ID, na.ID, claimed.ID, "
            "claimed_total; to leave a column out, clear its header",
        ),
        (
            "entity,trips,trips",
            "a,1,2",
            "{p}:1:3: column 'trips' appears twice (also column 2); each column once",
        ),
        (
            "entity,notes.trips,trips.note",
            "a,x,y",
            "{p}:1:3: column 'trips.note' gives the note of 'trips' again (column 2 "
            "'notes.trips' does already); keep one of them",
        ),
        (
            "entity,trips,外出招商活动次数",
            "a,1,2",
            "{p}:1:3: column '外出招商活动次数' gives 'trips' again (column 2 'trips' does "
            "already); keep one of them",
        ),
        (
            "entity,na.trips,na.外出招商活动次数",
            "a,x,y",
            "{p}:1:3: column 'na.外出招商活动次数' gives the N/A reason of 'trips' again "
            "(column 2 'na.trips' does already); keep one of them",
        ),
        (
            "entity,duties",
            "a,1",
            "{p}:1:2: column 'duties' is the group 'duties'; its score "
            "comes from its children, give them instead",
        ),
    ],
)
def test_header_problems_stop_before_any_row(
    tmp_path: Path, header: str, row: str, message: str
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    with pytest.raises(ScorecardError) as e:
        open_table(str(path), load_spec(SPEC))
    assert str(e.value) == message.format(p=path)


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "parquet"])
def test_a_header_without_an_entity_column_is_told_alike_in_every_format(
    tmp_path: Path, suffix: str
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    header, row = ["trips", "Entty", "rehab"], ["1", "a", "2"]
    path = tmp_path / f"t.{suffix}"
    if suffix == "csv":
        path.write_text(",".join(header) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    elif suffix == "xlsx":
        wb = Workbook()
        wb.active.append(header)
        wb.active.append(row)
        wb.save(path)
    else:
        pq.write_table(pa.table({h: [c] for h, c in zip(header, row, strict=True)}), path)
    with pytest.raises(ScorecardError) as e:
        open_table(str(path), load_spec(SPEC))
    assert str(e.value) == (
        f"{path}:1:2: no entity column: none is named entity, "
        "单位, 单位名称, 评价对象, 部门, 部门名称, 被评价单位, 项目名称, 项目, 评价项目 "
        "or 被评价项目; did "
        "you mean 'entity' for column 'Entty'?; columns found: trips, Entty, rehab"
    )


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_title_above_the_header_is_said_to_be_deleted(tmp_path: Path, suffix: str) -> None:
    """A sheet's first rows are often a title and a blank row: the header below
    them was not looked for ("no entity column … columns found: 2021年度…")."""
    rows = [["2021年度部门整体支出绩效自评表"], [], ["", "单位名称", "trips"], ["", "甲", "3"]]
    path = tmp_path / f"t.{suffix}"
    if suffix == "csv":
        path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    else:
        wb = Workbook()
        for r in rows:
            wb.active.append(r)
        wb.save(path)
    with pytest.raises(ScorecardError) as e:
        open_table(str(path), load_spec(SPEC))
    assert str(e.value) == (
        f"{path}:3:2: row 3 looks like the header (its column '单位名称' names the entity), but "
        "the header must be the first row; delete the 2 rows above it (a title, say)"
    )


@pytest.mark.parametrize(
    ("cell", "message", "score"),
    [
        # rehab: 3.75 × actual / 100 (a %), so the score shows the value read:
        # 3.75 × 0.9893 = 3.709875 → 3.71; 3.75 × 0.05 = 0.1875 → 0.19
        ("98.93%", None, "3.71"),
        ("1,2,3", "'1,2,3' is not a number: commas only as thousands separators (1,234.5)", None),
        ("5%", None, "0.19"),
        ("1,000%", None, "3.75"),  # 1000, capped at the weight
        ("", "missing value for 1 indicator: rehab", None),
    ],
)
def test_cell_forms(tmp_path: Path, cell: str, message: str | None, score: str | None) -> None:
    spec = load_spec(SPEC)
    data = rows(1)
    data[0][HEADER.index("rehab")] = cell
    path = write_csv(tmp_path / "u.csv", data)
    [r] = list(score_rows(spec, open_table(str(path), spec)))
    if message is None:
        assert r.ok
        rehab = [i.id for i in spec.walk()].index("rehab")
        assert r.scores[rehab] == Fraction(score)
    else:
        assert not r.ok and message in r.errors[0]


def test_a_percent_sign_on_a_count_is_refused(tmp_path: Path) -> None:
    spec = load_spec(SPEC)
    data = rows(1)
    data[0][HEADER.index("trips")] = "3%"
    [r] = list(score_rows(spec, open_table(str(write_csv(tmp_path / "u.csv", data)), spec)))
    assert r.errors == (
        f"{tmp_path}/u.csv:2:15: column 'trips' (外出招商活动次数): '3%' has a "
        "% but the unit is '次'; write the plain number",
    )


def test_a_formula_cell_without_a_saved_value_fails_its_row_only(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(["a", "2021", 1, "=C2*2", *SEED_ROW])
    ws.append(["b", "2021", "82912.04", "75317.78", *SEED_ROW])
    path = tmp_path / "f.xlsx"
    wb.save(path)
    spec = load_spec(SPEC)
    bad, good = list(score_rows(spec, open_table(str(path), spec)))
    assert bad.errors == (
        f"{path}:2:4: cell D2 holds the formula =C2*2 with no saved value; "
        "open and save the file in Excel (or write the value)",
    )
    assert good.ok and good.total == Fraction("88.59")  # the other rows are still scored


def test_broken_tables(tmp_path: Path) -> None:
    spec = load_spec(SPEC)
    empty = tmp_path / "e.csv"
    empty.write_text("", encoding="utf-8")
    assert _refusal(empty, spec, ScorecardError) == (
        f"{empty}:1:1: the table is empty; the first row must name the "
        "columns (entity, then indicator ids)"
    )
    fake = tmp_path / "x.xlsx"
    fake.write_bytes(b"not a zip")
    assert _refusal(fake, spec, ScorecardError) == (
        f"{fake}: not a readable .xlsx workbook (not a zip archive, or a truncated one); "
        "save it again from Excel, or as CSV"
    )
    with pytest.raises(ScorecardError) as e:
        open_table(str(tmp_path / "t.ods"), spec)
    assert "not a table" in str(e.value) or "no such file" in str(e.value)


def test_batch_outputs(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "u.csv", rows(30))
    runner = CliRunner()
    table = runner.invoke(app, ["batch", str(SPEC), str(path), "--width", "100"])
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[1] == "30 scored, 0 failed"
    assert "Grades" in lines and any(line.startswith("trips ") for line in lines)
    j = runner.invoke(app, ["batch", str(SPEC), str(path), "-f", "json"])
    doc = json.loads(j.stdout)
    assert len(doc["rows"]) == 30 and doc["summary"]["scored"] == 30
    x = tmp_path / "out.xlsx"
    assert (
        runner.invoke(app, ["batch", str(SPEC), str(path), "-f", "xlsx", "-o", str(x)]).exit_code
        == 0
    )
    from openpyxl import load_workbook

    ws = load_workbook(x)["results"]
    assert ws.max_row == 31 and ws.cell(1, 4).value == "total"


def test_batch_csv_with_a_byte_order_mark_for_excel(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "u.csv", rows(5))
    runner = CliRunner()
    plain, marked = tmp_path / "plain.csv", tmp_path / "marked.csv"
    assert runner.invoke(app, ["batch", str(SPEC), str(path), "-o", str(plain)]).exit_code == 0
    result = runner.invoke(app, ["batch", str(SPEC), str(path), "-o", str(marked), "--bom"])
    assert result.exit_code == 0
    assert marked.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()
    wrong = runner.invoke(app, ["batch", str(SPEC), str(path), "-f", "json", "--bom"])
    assert wrong.exit_code == 2
    assert wrong.stderr == "--bom applies to CSV output only, not json; drop --bom\n"


def test_batch_ranking_shares_ranks_on_ties(tmp_path: Path) -> None:
    data = rows(3)
    data[1] = list(data[0])
    data[1][0] = "twin"
    path = write_csv(tmp_path / "u.csv", data)
    out = CliRunner().invoke(app, ["batch", str(SPEC), str(path)]).stdout
    ranked = [
        line.split()
        for line in out.splitlines()
        if line.endswith(")") and line.split()[0].isdigit()
    ]
    assert len(ranked) == 3
    tied = [r for r in ranked if r[3] in ("街道000", "twin")]
    assert tied[0][0] == tied[1][0] and tied[0][1] == tied[1][1]  # same total, same rank


def test_errors_in_single_entity_json_actuals(tmp_path: Path) -> None:
    spec = load_spec(SPEC)
    path = tmp_path / "a.json"
    path.write_text('{"spec": "gz-dept-overall-2021", "values": {"trips": "x"}}', encoding="utf-8")
    from engine.scoring.actuals import load_actuals

    with pytest.raises(ErrorList) as e:
        load_actuals(path, spec)
    assert f"{path}:1:54: values: 'trips' needs a number (次), not the text 'x'" in str(e.value)


def test_batch_rows_flag_missing_and_not_applicable_indicators(tmp_path: Path) -> None:
    data = rows(2)
    data[0][HEADER.index("trips")] = ""
    data[1][HEADER.index("reemployment")] = "不适用"
    path = write_csv(tmp_path / "u.csv", data)
    result = CliRunner().invoke(
        app, ["batch", str(SPEC), str(path), "-f", "csv", "--missing", "zero"]
    )
    assert result.exit_code == 0
    out = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["flags"] for r in out] == ["trips:missing", "reemployment:not_applicable"]
    assert out[0]["trips"] == "0.00"


@given(
    st.text(st.sampled_from(list("ab 1.5,\t\r\n\x00优%-")), max_size=300),
    st.sampled_from([",", "\t"]),
)
def test_quote_free_lines_split_as_csv_reads_them(text: str, delimiter: str) -> None:
    from engine.batch.tables import CsvLines, csv_records, plain_records

    source = CsvLines("t.csv", "utf-8", delimiter, 1)

    def lines() -> io.StringIO:
        return io.StringIO(text, newline="")  # split at \n, \r and \r\n, as a file is

    expected = list(csv_records(csv.reader(lines(), delimiter=delimiter, strict=True), 1, "t"))
    assert list(plain_records(lines(), 1, source)) == expected


def test_a_quote_free_line_over_the_cell_limit_fails_as_csv_says(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("entity,budget\na,1\nb," + "9" * 140_000 + "\n", encoding="utf-8")
    spec = load_spec(ROOT / "specs" / "gz-dept-overall-2021.yaml")
    table = open_table(str(path), spec)
    assert line_source(table) is not None
    with pytest.raises(LoadError) as e:
        list(table.rows)
    assert str(e.value) == (
        f"{path}:3:1: a cell longer than 131072 characters; is this a CSV table? "
        "(an unclosed quote can also swallow the rest of the file)"
    )


SHARED_NAME = (
    "spec: 1\nid: s\ntotal: 30\nindicators:\n"
    "  - {id: a, name: 甲, weight: 10, direction: higher, target: 100, method: ratio}\n"
    "  - {id: b, name: 甲, weight: 10, direction: higher, target: 100, method: ratio}\n"
    "  - {id: c, name: a, weight: 10, direction: higher, target: 100, method: ratio}\n"
)


def test_a_name_two_indicators_share_is_refused_as_a_column(tmp_path: Path) -> None:
    """The column 甲 went to the first indicator of that name, silently."""
    (tmp_path / "s.yaml").write_text(SHARED_NAME, encoding="utf-8")
    (tmp_path / "t.csv").write_text("entity,甲,b,c\nx,90,80,70\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "s.yaml"), str(tmp_path / "t.csv")])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{tmp_path / 't.csv'}:1:2: column '甲' is the name of 2 indicators or inputs (a, b); "
        "name the column by the id of the one meant"
    )


def test_an_id_names_its_own_column_before_another_indicators_name(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(SHARED_NAME, encoding="utf-8")
    (tmp_path / "t.csv").write_text("entity,a,b,c\nx,90,80,70\n", encoding="utf-8")
    spec = load_spec(str(tmp_path / "s.yaml"))
    (row,) = score_rows(spec, open_table(str(tmp_path / "t.csv"), spec))
    assert row.scores == (Fraction(9), Fraction(8), Fraction(7))


SHARED_GROUP = (
    "spec: 1\nid: s\ntotal: 20\nindicators:\n"
    "  - {id: p, name: 产出, weight: 10, children: [\n"
    "      {id: q1, name: 数量指标, weight: 10, children: [\n"
    "        {id: a, name: A, weight: 10, direction: higher, target: 100, method: ratio}]}]}\n"
    "  - {id: r, name: 效益, weight: 10, children: [\n"
    "      {id: q2, name: 数量指标, weight: 10, children: [\n"
    "        {id: b, name: B, weight: 10, direction: higher, target: 100, method: ratio}]}]}\n"
)


def test_a_prefixed_column_by_a_name_two_groups_share_is_refused(tmp_path: Path) -> None:
    """na.数量指标 marked the first group of that name not applicable, silently."""
    (tmp_path / "s.yaml").write_text(SHARED_GROUP, encoding="utf-8")
    (tmp_path / "t.csv").write_text("entity,a,b,na.数量指标\nx,90,80,不考核\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "s.yaml"), str(tmp_path / "t.csv")])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{tmp_path / 't.csv'}:1:4: column 'na.数量指标' is the name of 2 indicators or inputs "
        "(q1, q2); name the column by the id of the one meant"
    )


def _probe(path: Path) -> object:
    from engine.base.errors import LoadError
    from engine.batch.tables import _decode_probe

    try:
        used, quoted, copy = _decode_probe(path, "auto", "t.csv")
    except LoadError as e:
        return str(e)
    if copy:  # a UTF-8 copy of a large file in another encoding
        assert Path(copy).read_text("utf-8") == path.read_bytes().decode(used)
        Path(copy).unlink()
    return used, quoted, bool(copy)


_MIB = 1 << 20
_ROW = "entity,budget,spent\n"


@pytest.mark.parametrize(
    "content",
    [
        # ASCII for more than a chunk, then Chinese text
        (_ROW + "e,1,2\n" * (_MIB // 6 + 10) + "测试单位,1,2\n").encode(),
        # Chinese text first, then a GBK line two chunks on: where it starts is said
        (_ROW + "测试单位,1,2\n" + "e,1,2\n" * (_MIB // 3)).encode() + "乙单位,1,2\n".encode("gbk"),
        # a character parted by the chunk's end (the reader reads a MiB at a time)
        (_ROW + "x" * (_MIB - len(_ROW) - 1) + "测试\n").encode() + b"e,1,2\n" * 10,
        # a character begun at the chunk's end and never finished
        (_ROW + "测试\n" + "x" * (_MIB - len(_ROW) - 8)).encode() + b"\xe4" + b"e,1,2\n" * 10,
        # GBK throughout
        (_ROW + "测试单位,1,2\n" * (_MIB // 8)).encode("gbk"),
    ],
    ids=["ascii-then-text", "utf8-then-gbk", "parted-character", "unfinished", "gbk"],
)
def test_large_tables_are_probed_as_small_ones_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    """A table large enough to be read column-wise has its UTF-8 checked by
    Arrow a chunk at a time: the outcome (encoding, or the located message) is
    what decoding every chunk gives."""
    from engine.batch import tables

    path = tmp_path / "t.csv"
    path.write_bytes(content)
    assert path.stat().st_size >= tables.COLUMNAR_BYTES
    checked = _probe(path)
    monkeypatch.setattr(tables, "_utf8_check", lambda p: None)
    assert checked == _probe(path)


def test_gbk_s_codec_reads_every_sequence_it_accepts_as_gb18030_s_does() -> None:
    """``--encoding auto`` reads a GBK file with GBK's codec (a third faster) and
    tries GB18030 only when that fails: the text is the same either way. GBK's
    characters are of one or two bytes; every such sequence is tried."""
    accepted = 0
    for lead in range(0x80, 0x100):
        for data in [bytes([lead]), *(bytes([lead, trail]) for trail in range(0x100))]:
            try:
                text = data.decode("gbk")
            except UnicodeDecodeError:
                continue
            accepted += 1
            assert data.decode("gb18030") == text, data.hex()
    assert accepted > 21_000


@pytest.fixture
def copies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of the test's own for temporary files, and tables of 1,000
    bytes or more counted as large (they are copied to UTF-8 when they are not)."""
    import tempfile

    from engine.batch import tables

    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setattr(tables, "COLUMNAR_BYTES", 1000)
    return folder


@pytest.mark.parametrize("fast", [None, False])
def test_a_large_gbk_table_is_read_from_a_utf8_copy_that_goes_with_the_table(
    tmp_path: Path, copies: Path, fast: bool | None
) -> None:
    import gc

    data = rows(40)
    utf8 = totals(write_csv(tmp_path / "u.csv", data))
    path = write_csv(tmp_path / "g.csv", data, "gbk")
    spec = load_spec(SPEC)
    table = open_table(str(path), spec)
    assert table.encoding == "gbk"
    [copy] = copies.iterdir()
    assert copy.read_text("utf-8") == path.read_text("gbk")
    assert [(r.row, r.entity, r.total) for r in score_rows(spec, table, fast=fast)] == utf8
    gc.disable()  # at once, with the table: not when the collector finds a cycle
    try:
        del table
        assert list(copies.iterdir()) == []
    finally:
        gc.enable()


def test_a_table_too_large_to_copy_is_read_from_its_own_file(
    tmp_path: Path, copies: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from engine.batch import tables

    data = rows(40)
    path = write_csv(tmp_path / "g.csv", data, "gbk")
    monkeypatch.setattr(tables, "COPIED_BYTES", path.stat().st_size - 1)
    spec = load_spec(SPEC)
    table = open_table(str(path), spec)
    assert list(copies.iterdir()) == []
    assert [(r.row, r.entity, r.total) for r in score_rows(spec, table)] == totals(
        write_csv(tmp_path / "u.csv", data)
    )


def test_gbk_given_for_a_gb18030_file_suggests_gb18030(tmp_path: Path, copies: Path) -> None:
    data = rows(40)
    data[30][0] = "\U00020000街道"  # outside GBK: four bytes in GB18030
    path = write_csv(tmp_path / "g.csv", data, "gb18030")
    with pytest.raises(LoadError) as e:
        totals(path, encoding="gbk")
    assert str(e.value) == (
        f"{path}:32:1: not valid GBK text (byte 0x95); give --encoding gb18030, "
        "or save the table as UTF-8"
    )
    assert list(copies.iterdir()) == []


def test_a_big5_table_is_refused_not_read_as_gb18030(tmp_path: Path, copies: Path) -> None:
    """GB18030 reads nearly any pair of bytes: a Big5 table (荔城街道辦事處) was read
    as 刁笵快ㄆ矪 and scored with exit 0; its bytes make private-use characters."""
    data = rows(40)
    data[9][0] = "荔城街道辦事處"
    path = write_csv(tmp_path / "b.csv", data, "big5")
    with pytest.raises(LoadError) as e:
        totals(path)
    assert str(e.value) == (
        f"{path}:11:1: not UTF-8 or GBK text, and read as GB18030 its bytes make private-use "
        "characters: likely another encoding (Big5, for Traditional Chinese); save the table as "
        "UTF-8 (in Excel: CSV UTF-8), or give --encoding gb18030 if it is GB18030 with "
        "user-defined characters (造字)"
    )
    assert list(copies.iterdir()) == []


def test_user_defined_characters_are_read_where_gb18030_is_given(tmp_path: Path) -> None:
    """A rare name's character (造字) in GB18030's user-defined area reads as a
    private-use character: refused as another encoding when the encoding is
    guessed, read where --encoding gb18030 says the table is GB18030."""
    data = rows(12)
    data[3][0] = "\ue000街道"  # GB18030 AAA1
    path = write_csv(tmp_path / "u.csv", data, "gb18030")
    spec = load_spec(SPEC)
    with pytest.raises(LoadError):
        open_table(str(path), spec)
    table = open_table(str(path), spec, encoding="gb18030")
    assert [r.entity for r in score_rows(spec, table)][3] == "\ue000街道"


def test_a_large_table_with_gb18030_s_four_byte_characters_is_read_as_gb18030(
    tmp_path: Path, copies: Path
) -> None:
    data = rows(40)
    data[7][0] = "\U00020000街道"  # outside GBK: four bytes in GB18030
    spec = load_spec(SPEC)
    table = open_table(str(write_csv(tmp_path / "g.csv", data, "gb18030")), spec)
    assert table.encoding == "gb18030"
    assert [r.entity for r in score_rows(spec, table)][7] == "\U00020000街道"


def test_a_copy_that_cannot_be_written_is_given_up_and_the_file_read_as_it_is(
    tmp_path: Path, copies: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from engine.batch import utf8_copies

    class Full(io.BytesIO):
        def write(self, data: object) -> int:
            raise OSError(28, "No space left on device")

    data = rows(40)
    utf8 = totals(write_csv(tmp_path / "u.csv", data))
    path = write_csv(tmp_path / "g.csv", data, "gbk")
    (copies / "partial").write_bytes(b"")
    monkeypatch.setattr(
        utf8_copies.Utf8Copy, "start", classmethod(lambda cls: cls(str(copies / "partial"), Full()))
    )
    assert totals(path) == utf8
    assert list(copies.iterdir()) == []


def test_a_large_table_that_does_not_decode_leaves_no_copy(tmp_path: Path, copies: Path) -> None:
    path = write_csv(tmp_path / "g.csv", rows(40), "gbk")
    path.write_bytes(path.read_bytes() + b"\x81\x20,1\n")
    with pytest.raises(LoadError) as e:
        totals(path)
    assert str(e.value) == (
        f"{path}:2:1: not valid UTF-8 text (byte 0xbd); give --encoding gbk, "
        "or save the table as UTF-8"
    )
    assert list(copies.iterdir()) == []


TIE = """\
spec: 1
id: tie
total: 10
rounding: {places: 2, mode: half_up}
indicators:
  - {id: t1, name: 比率一, weight: 5, direction: higher, target: 1, method: ratio}
  - {id: t2, name: 比率二, weight: 5, direction: higher, target: 10, method: ratio}
"""


@pytest.mark.parametrize(
    ("rows", "suffix", "jobs"),
    [
        (5, "csv", "1"),
        (5000, "csv", "1"),
        (5000, "csv", "2"),
        (5000, "xlsx", "1"),
        (5000, "parquet", "2"),
    ],
)
def test_an_empty_entity_and_an_entity_twice_are_warned_of_at_their_cells(
    tmp_path: Path, rows: int, suffix: str, jobs: str
) -> None:
    """On every path alike: a warning per row at its entity cell (the entity in
    column 2), the rows scored; the same entity in another period is not twice;
    a totals row (合计, its characters spaced apart as tables space them) is
    warned of too."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    entities = [f"u{i}" for i in range(rows)]
    periods = ["2023"] * rows
    entities[1] = ""
    entities[-1] = "u0"
    entities[2], periods[2] = "u0", "2022"
    entities[3] = "合  计"
    spec = tmp_path / "tie.yaml"
    spec.write_text(TIE, encoding="utf-8")
    header = ["period", "entity", "t1", "t2"]
    data = [[p, e, "1", "5"] for e, p in zip(entities, periods, strict=True)]
    path = tmp_path / f"t.{suffix}"
    if suffix == "csv":
        path.write_text("\n".join(",".join(r) for r in [header, *data]) + "\n", encoding="utf-8")
    elif suffix == "xlsx":
        wb = Workbook()
        for r in [header, *data]:
            wb.active.append(r)
        wb.save(path)
    else:
        pq.write_table(
            pa.table({h: list(c) for h, c in zip(header, zip(*data, strict=True), strict=True)}),
            path,
        )
    result = CliRunner().invoke(
        app, ["batch", str(spec), str(path), "-f", "csv", "-j", jobs, "--lang", "en"]
    )
    assert result.exit_code == 0
    assert result.stderr == (
        f"{rows} scored, 0 failed\n"
        f"{path}:3:2: warning: the entity cell is empty; the row is scored as no one's: write "
        "whose row it is\n"
        f"{path}:5:2: warning: entity '合  计' reads as a totals, average or section row, not "
        "an entity; it is scored, ranked and counted as one: remove the row (or name the entity "
        "otherwise)\n"
        f"{path}:{rows + 1}:2: warning: entity 'u0' is also row 2 (the same period); each "
        "entity once: remove or correct one of the rows\n"
    )
    assert result.stdout.splitlines()[2].startswith("3,,2023,7.50,10,,ok,")


@pytest.mark.parametrize("way", ["row by row", "column-wise"])
def test_an_entity_written_in_another_width_or_with_spaces_is_the_same_entity(
    tmp_path: Path, way: str
) -> None:
    """区财政局（本级） and 区财政局(本级), ＡＢ街道 and AB街道, 朱村 街道 and 朱村街道:
    one entity each, typed two ways; the second was scored and ranked as another."""
    from tests.test_columnar_csv import columnar

    spec = tmp_path / "tie.yaml"
    spec.write_text(TIE, encoding="utf-8")
    names = [
        "区财政局（本级）",
        "ＡＢ街道",
        "朱村街道",
        "区财政局(本级)",
        "AB街道",
        "朱村 街道",
        "全区平均",
        "全区平均（20个）",
        "全区共计",
    ]
    path = tmp_path / "t.csv"
    path.write_text("entity,t1,t2\n" + "".join(f"{n},1,5\n" for n in names), encoding="utf-8")
    with columnar() if way == "column-wise" else contextlib.nullcontext():
        result = CliRunner().invoke(app, ["batch", str(spec), str(path), "-f", "csv"])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[1:] == [
        *(
            f"{path}:{row}:1: warning: entity '{names[row - 2]}' is also row {row - 3} (the same "
            "period); each entity once: remove or correct one of the rows"
            for row in (5, 6, 7)
        ),
        *(
            f"{path}:{row}:1: warning: entity '{names[row - 2]}' reads as a totals, average or "
            "section row, not an entity; it is scored, ranked and counted as one: remove the row "
            "(or name the entity otherwise)"
            for row in (8, 9, 10)
        ),
    ]


def test_the_ranking_shows_a_row_without_an_entity_as_no_one(tmp_path: Path) -> None:
    spec = tmp_path / "tie.yaml"
    spec.write_text(TIE, encoding="utf-8")
    path = tmp_path / "t.csv"
    path.write_text("entity,t1,t2\n,1,5\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["batch", str(spec), str(path), "--lang", "en"])
    assert result.exit_code == 0
    assert "    1      7.50  —      (no entity)  (2)\n" in result.stdout
    assert result.stderr == (
        f"{path}:2:1: warning: the entity cell is empty; the row is scored as no one's: write "
        "whose row it is\n"
    )


#: entity cells: empty, repeated, and totals rows as tables write them
ENTITY_CELLS = ["", "u0", "u1", "单位", " u0", "合计", "Total:", "合 计 数", "总计划"]
ENTITY_CELLS += ["ＡＶＥＲＡＧＥ", "㈠区直"]


@settings(max_examples=100)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(ENTITY_CELLS),
            st.sampled_from(["", "2023", "２０２３", "2023年", "2024", "上半年"]),
        ),
        min_size=1,
        max_size=30,
    ),
    st.integers(min_value=1, max_value=7),
    st.booleans(),
)
def test_entities_grouped_by_codes_as_by_a_dict(
    cells: list[tuple[str, str]], size: int, arrow: bool
) -> None:
    """The check of one row per entity over Arrow columns (coded and grouped in
    C) finds the rows the dict over Python texts finds, in pieces of any size."""
    import pyarrow as pa

    from engine.batch.summary import _by_codes, one_row_each, totals_rows

    named = []
    for start in range(0, len(cells), size):
        part = cells[start : start + size]
        rows = list(range(start + 2, start + 2 + len(part)))
        entities = [e for e, _ in part]
        periods = [p for _, p in part]
        named.append((rows, pa.array(entities) if arrow else entities, periods))
    by_dict = one_row_each([(r, list(map(str, e)), p) for r, e, p in named])
    assert _by_codes(named) == by_dict
    # by their places among all rows (a table in parts): here each row's number less 2
    placed = ([r - 2 for r in by_dict[0]], [(r - 2, f - 2, e) for r, f, e in by_dict[1]])
    assert _by_codes(named, places=True) == placed
    assert one_row_each([(r, list(map(str, e)), p) for r, e, p in named], places=True) == placed
    texts = [(r, list(map(str, e)), p) for r, e, p in named]
    said = ("合计", "Total:", "合 计 数", "ＡＶＥＲＡＧＥ", "㈠区直")
    totals = [(k + 2, e) for k, (e, _) in enumerate(cells) if e in said]
    assert totals_rows(named) == totals_rows(texts) == totals
    assert by_dict[0] == [k + 2 for k, (e, _) in enumerate(cells) if not e]


def test_a_unit_in_two_files_of_a_table_in_parts_is_found_by_file_and_row() -> None:
    """Rows are numbered per file in a table in parts: a repeat across files is
    told by each file's row, and a repeat within one file is left to that file."""
    import pyarrow as pa

    from engine.batch.summary import Summary
    from engine.spec.compile import load_spec

    s = Summary(load_spec(str(SPEC)), keep_totals=False)
    s.entities([2, 3], ["甲", "乙"], ["", ""])  # file 0, in two pieces: 甲 twice in itself
    s.entities([4], ["甲"], [""])
    s.named.append((range(2, 4), pa.array(["丙", "乙"]), None))  # file 1, as Arrow keeps it
    s.entities([2, 3], ["乙", "丁"], ["", ""])  # file 2: 乙 a third time
    s.entities([2], ["丙"], [""])  # file 3: 丙 again
    s.entities([3], ["丙"], [""])  # and again in file 3: its own repeat, told by it
    assert s.across([3, 2, 2, 2]) == [
        (1, 3, 0, 3, "乙"),  # (file, row, earlier file, its row, entity)
        (2, 2, 0, 3, "乙"),
        (3, 2, 1, 2, "丙"),
    ]


@pytest.mark.parametrize("rows", [30, 3000])
def test_units_in_two_files_of_a_pattern_are_warned_of_by_file(tmp_path: Path, rows: int) -> None:
    """A unit in two files of a pattern (each county's file holding a unit of
    another): warned of at its cell in the later file, naming the earlier file's
    row; twenty told, then how many more. The rows are scored all the same."""
    spec = tmp_path / "tie.yaml"
    spec.write_text(TIE, encoding="utf-8")
    (tmp_path / "parts").mkdir()
    for name, units in (("a", range(rows)), ("b", range(rows - 22, 2 * rows - 22))):
        lines = ["t1,t2,entity", *(f"1,5,u{i}" for i in units)]
        (tmp_path / "parts" / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pattern = str(tmp_path / "parts" / "*.csv")
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(spec), pattern, "-o", str(out), "--lang", "en"])
    assert result.exit_code == 0
    told = [x for x in result.stderr.splitlines() if "warning" in x]
    assert told[0] == (
        f"{tmp_path}/parts/b.csv:2:3: warning: entity 'u{rows - 22}' is also row {rows - 20} "
        f"of {tmp_path}/parts/a.csv (the same period); each entity once: remove or correct one "
        "of the rows"
    )
    assert [x.split(": warning")[0] for x in told[:20]] == [
        f"{tmp_path}/parts/b.csv:{k}:3" for k in range(2, 22)
    ]
    assert told[20:] == [f"{pattern}: warning: … and 2 more rows whose entity an earlier file has"]
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1 + 2 * rows


@pytest.mark.parametrize(
    ("entity", "summary"),
    [
        ("合计", True),
        ("合  计", True),
        ("合计：", True),
        ("全区合计", True),
        ("镇街小计", True),
        ("合计（20个单位）", True),
        ("平均值", True),
        ("Total", True),
        ("ＴＯＴＡＬ:", True),
        ("一、镇街", True),
        ("（二）区直部门", True),
        ("荔城街道", False),
        ("统计局", False),
        ("总工会", False),
        ("均安镇", False),
        ("合计局", False),
        ("Samsung", False),
    ],
)
def test_totals_averages_and_headings_read_as_rows_not_entities(entity: str, summary: bool) -> None:
    """What a table's totals, averages or section rows say in the entity cell
    (spaces, a colon, width and case aside); a unit's name that merely holds
    one of their characters is an entity."""
    from engine.batch.summary import totals_word

    assert totals_word(entity) is summary


def test_one_period_written_three_ways_is_one_period(tmp_path: Path) -> None:
    """2021, ２０２１ and 2021年 are one year: the same unit in each is a repeat
    (it was ranked as three units); 2022 is another period."""
    spec = tmp_path / "tie.yaml"
    spec.write_text(TIE, encoding="utf-8")
    path = tmp_path / "t.csv"
    path.write_text(
        "entity,period,t1,t2\nA,2021,1,5\nA,２０２１,1,5\nA,2021年,1,5\nA,2022,1,5\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["batch", str(spec), str(path), "-f", "csv", "--lang", "en"])
    assert result.exit_code == 0
    assert result.stderr == (
        "4 scored, 0 failed\n"
        f"{path}:3:1: warning: entity 'A' is also row 2 (the same period); each entity once: "
        "remove or correct one of the rows\n"
        f"{path}:4:1: warning: entity 'A' is also row 2 (the same period); each entity once: "
        "remove or correct one of the rows\n"
    )


def test_a_header_over_two_rows_is_told_so_at_its_second_row(tmp_path: Path) -> None:
    """Groups' names in row 1 over their indicators' in row 2, as report forms
    head their columns: each group was told to be given by its children, which
    row 2 does; the header is told to be one row."""
    spec = ROOT / "specs" / "gz-dept-overall-2021.yaml"
    table = tmp_path / "t.csv"
    table.write_text(
        "单位名称,年度,管理效能,,\n,,全年预算数,全年执行数（万元）,重点支出安排率\n荔城,2021,1,1,85\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["batch", str(spec), str(table), "--lang", "en"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"{table}:2:3: the header is written over two rows: row 2 names indicators or inputs "
        "('全年预算数' and 2 more) under row 1's groups or empty cells; the header is one row: "
        "write every column's name in row 1 and delete row 2\n"
    )
    # row 1 naming only the entity and the period: the columns every row needs
    # were said to be missing, row 2 naming them
    table.write_text(
        "单位名称,年度,,,\n,,全年预算数,全年执行数（万元）,重点支出安排率\n荔城,2021,1,1,85\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["batch", str(spec), str(table), "--lang", "en"])
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        1,
        f"{table}:2:3: the header is written over two rows: row 2 names indicators or inputs "
        "('全年预算数' and 2 more) under row 1's groups or empty cells; the header is one row: "
        "write every column's name in row 1 and delete row 2",
    )


def test_a_header_may_give_the_unit_after_the_name(tmp_path: Path) -> None:
    """重点支出安排率（%） and 全年预算数（万元）, as Chinese tables head their
    columns, were refused as unknown; the spec's own unit after an id or a name,
    in brackets of either width, names the column. Another unit keeps the header
    unknown (the column may be in that unit), and says so."""
    spec = load_spec(ROOT / "specs" / "gz-dept-overall-2021.yaml")
    header = (
        "entity,全年预算数（万元）,spent,重点支出安排率 (%),procurement（％）,trips（次）,"
        "在职人员控制率%,预算调整率 ％"
    )
    table = tmp_path / "t.csv"
    table.write_text(header + "\nA,1,1,85,90,3,100,5\n", encoding="utf-8")
    got = [(c.header, c.kind, c.target) for c in open_table(str(table), spec).columns]
    assert got[1:] == [
        ("全年预算数（万元）", "input", "budget"),
        ("spent", "input", "spent"),
        ("重点支出安排率 (%)", "value", "key_spending"),
        ("procurement（％）", "value", "procurement"),
        ("trips（次）", "value", "trips"),
        ("在职人员控制率%", "value", "staff_control"),
        ("预算调整率 ％", "value", "budget_adjustment"),
    ]
    table.write_text("entity,全年预算数%\nA,1\n", encoding="utf-8")
    assert _refusal(table, spec, ErrorList) == (  # a sign of a unit it is not in, said so
        f"{table}:1:2: column '全年预算数%' is in %, but the spec's 全年预算数 is in 万元; if its "
        "values are in 万元, name it '全年预算数' (or '全年预算数（万元）'), else convert them "
        "to 万元"
    )
    table.write_text("entity,全年预算数（元）\nA,1\n", encoding="utf-8")
    assert _refusal(table, spec, ErrorList) == (
        f"{table}:1:2: column '全年预算数（元）' is in 元, but the spec's 全年预算数 is in 万元; "
        "if its values are in 万元, name it '全年预算数' (or '全年预算数（万元）'), else convert "
        "them to 万元"
    )
    table.write_text("entity,全年预算数（调整后）\nA,1\n", encoding="utf-8")
    with pytest.raises(ErrorList) as e:  # a word in brackets, no unit: the column is unknown
        open_table(str(table), spec)
    assert "column '全年预算数（调整后）' is not an indicator, input or known column" in str(
        e.value
    )


def test_two_entity_columns_are_refused_not_one_taken(tmp_path: Path) -> None:
    """单位名称 beside 部门 (the unit's department): both head an entity column;
    the last one was taken without a word, each row named by its department."""
    spec = load_spec(ROOT / "specs" / "gz-dept-overall-2021.yaml")
    table = tmp_path / "t.csv"
    table.write_text("单位名称,部门,trips\n第一中学,区教育局,3\n", encoding="utf-8")
    assert _refusal(table, spec, ErrorList) == (
        f"{table}:1:2: column '部门' names the entity too (column 1 '单位名称' does already); "
        "clear the header of the one that does not say whose row it is"
    )


def test_a_header_in_another_case_is_refused_where_it_reads_as_two(tmp_path: Path) -> None:
    """Case aside, 'Roe' is the id roe and the name ROE of roa: it names neither;
    'ROA' (roa's id, case aside) names roa."""
    from engine.spec.compile import compile_spec
    from engine.spec.load import load_text

    text = (
        "spec: 1\nid: c\ntotal: 10\nindicators:\n"
        "  - {id: roe, name: 净资产收益率, weight: 5, target: 1, direction: higher, "
        "method: ratio}\n"
        "  - {id: roa, name: ROE, weight: 5, target: 1, direction: higher, method: ratio}\n"
    )
    spec = compile_spec(load_text(text, "c.yaml"))
    table = tmp_path / "t.csv"
    table.write_text("entity,ROA,Roe\nA,1,1\n", encoding="utf-8")
    with pytest.raises(ErrorList) as e:
        open_table(str(table), spec)
    assert str(e.value).startswith(f"{table}:1:3: column 'Roe' is not an indicator")
    table.write_text("entity,ROA\nA,1\n", encoding="utf-8")
    assert [c.target for c in open_table(str(table), spec).columns] == ["", "roa"]


def test_a_header_written_otherwise_names_its_indicator(tmp_path: Path) -> None:
    """A header as people type a long name: ASCII quotes for Chinese ones (or
    none), spaces, a line break typed in the cell (Alt+Enter), full-width
    brackets around the unit; each names the one indicator whose name it is
    but for those. A 序号 column of row numbers is left out."""
    spec = load_spec(ROOT / "specs" / "gz-dept-overall-2021.yaml")
    names = {i.id: i.name for i in spec.walk()}
    assert names["three_public"] == "“三公”经费控制率"
    assert names["rental_actions"] == "出租屋安全隐患排查整治等专项行动次数"
    header = [
        "序号",
        "单位",
        '"三公"经费控制率',
        "出租屋安全隐患排查整治\n等专项行动次数",
        " 重点支出 安排率（%）",
        "三公经费控制率",
    ]
    table = tmp_path / "t.csv"

    def write(*rows: list[str]) -> None:
        with table.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(rows)

    write(header[:5], ["1", "A", "98", "3", "85"])
    got = [(c.header, c.kind, c.target) for c in open_table(str(table), spec).columns]
    assert [(kind, target) for _, kind, target in got] == [
        ("entity", ""),
        ("value", "three_public"),
        ("value", "rental_actions"),
        ("value", "key_spending"),
    ]
    write(["单位", header[2], header[5]], ["A", "98", "98"])
    with pytest.raises(ErrorList) as e:  # one indicator, twice
        open_table(str(table), spec)
    assert str(e.value).startswith(f"{table}:1:3: column '三公经费控制率' ")


def test_the_check_of_one_row_per_entity_does_not_import_pandas(tmp_path: Path) -> None:
    """Arrow's conveniences (pa.array on a list, to_numpy) import pandas: the
    check built its arrays with them and every large batch paid 300 modules."""
    import subprocess
    import sys

    from tests.test_fastpath import _seed_table

    lines = _seed_table(300).rstrip("\n").split("\n")
    lines[7] = "," + lines[7].split(",", 1)[1]  # row 8: no entity
    lines[9] = lines[2].split(",", 1)[0] + "," + lines[9].split(",", 1)[1]  # row 10: row 3's
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from engine.batch import tables\n"
        "tables.COLUMNAR_BYTES = 0\n"
        "from engine.cli.main import main\n"
        "try:\n"
        f"    main(['batch', {str(ROOT / 'specs/gz-dept-overall-2021.yaml')!r}, {str(path)!r}, "
        f"'-o', {str(tmp_path / 'out.csv')!r}, '--lang', 'en'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "import engine.batch.columnar\n"
        "print('pandas' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == ["False"]
    warned = [line for line in done.stderr.splitlines() if "warning" in line]
    assert [w.split(": warning: ")[0].rsplit(":", 2)[1] for w in warned] == ["8", "10"]
    assert "is also row 3" in warned[1]


@pytest.mark.parametrize("rows", [3, 8000])  # 8,000 rows: over a megabyte, read column-wise
def test_the_header_again_below_is_told_once_not_per_cell(tmp_path: Path, rows: int) -> None:
    """Tables pasted one below another keep each one's header: that row failed
    with a line per cell ('预算执行率' is not a number, …); it is told once, on
    either path, and the other rows are scored."""
    with (ROOT / "examples" / "docs" / "units.csv").open(encoding="utf-8", newline="") as fh:
        header, first = list(csv.reader(fh))[:2]
    body = [[f"u{i}", *first[1:]] for i in range(rows)]
    body.insert(1, header)
    table = tmp_path / "t.csv"
    with table.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *body])
    assert (table.stat().st_size > COLUMNAR_BYTES) is (rows > 3)
    result = CliRunner().invoke(app, ["batch", str(SPEC), str(table), "-f", "csv", "--lang", "en"])
    assert result.exit_code == 1
    first_value = next(j for j, h in enumerate(header, 1) if h not in ("entity", "period"))
    assert result.stderr.splitlines() == [
        f"{rows} scored, 1 failed",
        f"{table}:3:{first_value}: the row is the header again ('{header[first_value - 1]}' "
        f"and {len(header) - 4} more of its cells name their columns): a table pasted below "
        "another keeps its header; delete the row",
    ]


def test_a_table_for_another_spec_is_said_so_first(tmp_path: Path) -> None:
    """A table written for another spec gave one line per unknown column (and a
    comparison suggested where none fits): a first line says what is likely."""
    spec = load_spec(Path(__file__).resolve().parent.parent / "specs/gz-dept-overall-2021.yaml")
    head = ["entity", "trips", "完成率", "及时率", "合格率", "满意度", "覆盖率", "达标率"]
    table = tmp_path / "other.csv"
    table.write_text(",".join(head) + "\nA,3,1,2,3,4,5,6\n", encoding="utf-8")
    with pytest.raises(ErrorList) as e:
        open_table(str(table), spec)
    first, *rest = e.value.errors
    assert str(first) == (
        f"{table}:1:1: 6 of the header's 8 columns are not of spec 'gz-dept-overall-2021' "
        "(部门整体支出绩效自评（广州 2021，街道）); is the table for another spec? give the spec "
        "it was written for"
    )
    assert len(rest) == 6  # each column still said
    table.write_text("entity,trips,trip,training,完成率\nA,3,1,2,3\n", encoding="utf-8")
    with pytest.raises(ErrorList) as e:  # a few slips in the right spec's table: not said
        open_table(str(table), spec)
    assert "another spec" not in str(e.value)


@pytest.mark.parametrize(
    ("header", "hint"),
    [
        (
            "群众出行条件改善得分",
            "; did you mean 'score.群众出行条件改善' (the score chosen in its grade's range) or "
            "'claimed.群众出行条件改善' (the score the entity claims)?",
        ),
        (
            "沿线运输成本降低率自评得分",
            "; did you mean 'claimed.沿线运输成本降低率' (the score the entity claims)?",
        ),
        (
            "服务对象满意度（%）",
            "; '服务对象满意度' is a group, scored from its indicators (沿线群众满意度): name one",
        ),
    ],
)
def test_a_header_is_offered_the_column_that_takes_what_it_names(
    tmp_path: Path, header: str, hint: str
) -> None:
    """A score column (…得分) was offered the indicator's value column, which it
    already had; a group's name with its unit (满意度（%）) was offered the group,
    which no column gives."""
    spec = load_spec(ROOT / "specs" / "national-project-2020.yaml")
    table = tmp_path / "t.csv"
    table.write_text(f"entity,{header}\nA,1\n", encoding="utf-8")
    assert _refusal(table, spec, ErrorList) == (
        f"{table}:1:2: column '{header}' is not an indicator, input or known column of spec "
        f"'national-project-2020'{hint}; columns: entity, period, indicator ids or names, input "
        "ids, score.ID, notes.ID, na.ID, claimed.ID, claimed_total; to leave a column out, clear "
        "its header"
    )
