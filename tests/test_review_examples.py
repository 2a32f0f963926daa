"""The shipped examples of the audit loop, which the --help of `review` and `verify`
run: a filled 自评表 (examples/licheng-2021/自评表.xlsx, written by make_form.py) and
a scorecard JSON (examples/licheng-2021/scorecard.json); and the review and verify
outputs of the Licheng example in both languages.

Regenerate the shipped files and the golden files after an intended change with
``UPDATE_GOLDEN=1 python -m pytest tests/test_review_examples.py`` and review the diff.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import shutil
from pathlib import Path

import pytest
from conftest import invoke, update_wanted

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "licheng-2021"
GOLDEN = ROOT / "tests" / "golden" / "review"
SPEC = "specs/gz-dept-overall-2021.yaml"
SUBMISSION = "examples/licheng-2021/submission.yaml"
FORM = "examples/licheng-2021/自评表.xlsx"
CARD = "examples/licheng-2021/scorecard.json"


pytestmark = pytest.mark.usefixtures("in_root")


def shipped(path: Path, data: bytes) -> None:
    if update_wanted():
        path.write_bytes(data)
    assert data == path.read_bytes(), f"{path} is stale: UPDATE_GOLDEN=1 writes it again"


def transcript(name: str, *args: str, replace: tuple[str, str] = ("", "")) -> None:
    code, out, err = invoke(*args)
    text = f"$ scorecard {' '.join(args)}\nexit {code}\n{out}--- stderr\n{err}"
    if replace[0]:
        text = text.replace(*replace)
    path = GOLDEN / name
    if update_wanted():
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"differs from {path}"


def test_the_shipped_form_is_the_one_make_form_writes() -> None:
    found = importlib.util.spec_from_file_location("make_form", EXAMPLE / "make_form.py")
    assert found is not None and found.loader is not None
    module = importlib.util.module_from_spec(found)
    found.loader.exec_module(module)
    shipped(EXAMPLE / "自评表.xlsx", module.form_bytes())


def test_the_shipped_scorecard_is_the_current_one() -> None:
    code, out, err = invoke("score", SPEC, "examples/licheng-2021/actuals.yaml", "-f", "json")
    assert (code, err) == (0, "")
    shipped(EXAMPLE / "scorecard.json", out.encode("utf-8"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_shipped_form_claims_what_the_rules_give(lang: str) -> None:
    transcript(f"form.{lang}.txt", "review", SPEC, FORM, "--tolerance", "0.01", "--lang", lang)
    assert invoke("review", SPEC, FORM, "--tolerance", "0.01")[0] == 0


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_invented_submission_is_over_claimed_where_the_rules_say(lang: str) -> None:
    args = ("review", SPEC, SUBMISSION, "--width", "80", "--lang", lang)
    transcript(f"submission.{lang}.txt", *args)
    code, out, _err = invoke(*args[:-2], "--lang", "en")
    assert code == 1
    assert "4 over-claimed, 1 under-claimed beyond 0 (12 claim(s) in 1 submission(s))" in out
    over = [line.split()[0] for line in out.splitlines() if line.endswith("  over")]
    assert over == [
        "管理效能",
        "政府采购执行率",
        "履行职能",
        "产业创新发展",
        "外出招商活动次数",
        "合计",
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_review_sheet_of_two_units_in_both_languages(lang: str) -> None:
    transcript(
        f"sheet.{lang}.csv.txt", "review", SPEC, SUBMISSION, FORM, "-f", "csv", "--lang", lang
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_verify_passes_the_shipped_scorecard_and_catches_an_edited_total(
    lang: str, tmp_path: Path
) -> None:
    transcript(f"verify.{lang}.txt", "verify", CARD, "--lang", lang)
    edited = tmp_path / "scorecard.json"
    text = (ROOT / CARD).read_text("utf-8")
    edited.write_text(text.replace('"total": "88.59"', '"total": "90.59"', 1), "utf-8")
    transcript(
        f"verify-edited.{lang}.txt",
        "verify",
        str(edited),
        "--lang",
        lang,
        replace=(str(tmp_path), "TMP"),
    )


TABLE = "examples/docs/units-claimed.csv"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_table_with_claimed_columns_is_reviewed_row_by_row(lang: str) -> None:
    transcript(f"table.{lang}.txt", "review", SPEC, TABLE, "--lang", lang)
    code, out, _err = invoke("review", SPEC, TABLE, "-f", "csv", "--lang", "en")
    assert code == 1
    claims_part, units_part = out.split("\n\n")
    first = claims_part.splitlines()[1].split(",")
    assert first[:3] == ["荔城街道", f"{TABLE}:2", "management"]
    assert first[5:9] == ["34.00", "31.50", "+2.50", "over"]
    units = [line.split(",")[:6] for line in units_part.splitlines()[1:]]
    assert units == [
        ["荔城街道", "2021", f"{TABLE}:2", "92.00", "88.59", "+3.41"],
        ["增江街道", "2021", f"{TABLE}:3", "", "96.40", ""],
        ["朱村街道", "2021", f"{TABLE}:4", "", "85.22", ""],
    ]


def test_a_parquet_table_of_claims_is_reviewed_as_its_csv(tmp_path: Path) -> None:
    """A Parquet file was read as an actuals file (binary data, a NUL byte)."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    header = (ROOT / TABLE).read_text("utf-8").split("\n", 1)[0].split(",")
    kinds = pacsv.ConvertOptions(column_types=dict.fromkeys(header, "string"))
    parquet = tmp_path / "units-claimed.parquet"
    pq.write_table(pacsv.read_csv(ROOT / TABLE, convert_options=kinds), parquet)
    as_csv = invoke("review", SPEC, TABLE, "-f", "csv", "--lang", "en")
    code, out, _err = invoke("review", SPEC, str(parquet), "-f", "csv", "--lang", "en")
    assert code == as_csv[0] == 1
    assert out == as_csv[1].replace(TABLE, str(parquet))


def test_claimed_columns_do_not_change_a_batchs_scores() -> None:
    plain = invoke("batch", SPEC, "examples/docs/units.csv", "-f", "csv")[1].splitlines()
    code, out, _err = invoke("batch", SPEC, TABLE, "-f", "csv")  # its first three rows
    assert (code, out.splitlines()) == (0, plain[:4])


def test_a_bad_claim_in_a_table_is_reported_at_its_cell_and_the_other_rows_reviewed(
    tmp_path: Path,
) -> None:
    """One bad row left the 复核表 of every other unit unwritten."""
    text = (ROOT / TABLE).read_text("utf-8")
    bad = tmp_path / "claims.csv"
    bad.write_text(text.replace(",3.75,2.50,34,92", ",3.75,2.50,34,九十二", 1), "utf-8")
    code, out, err = invoke("review", SPEC, str(bad), "-f", "csv", "--lang", "en")
    assert code == 1
    column = text.splitlines()[0].split(",").index("claimed_total") + 1
    assert err.endswith(
        f"{bad}:2:{column}: column 'claimed_total' (the claimed total): '九十二' is not a "
        "number; write the points, such as 3.75\n"
    )
    claims, units = out.split("\n\n")
    files = {cell for line in claims.splitlines() for cell in line.split(",") if str(bad) in cell}
    assert files == {f"{bad}:3", f"{bad}:4"}  # row 2 (荔城街道) alone is not reviewed
    # ... and is listed among the units, with its error, not left out of the file
    unit = next(r for r in csv.DictReader(io.StringIO(units)) if r["file"] == f"{bad}:2")
    assert (unit["verdict"], unit["claimed"], unit["scored"]) == ("error", "", "")
    assert unit["note"] == err.splitlines()[-1]
    too_high = tmp_path / "high.csv"
    too_high.write_text(text.replace(",3.75,2.50,34,92", ",5,2.50,34,92", 1), "utf-8")
    code, out, err = invoke("review", SPEC, str(too_high), "--lang", "en", "-f", "csv")
    assert code == 1  # reviewed, as over-claimed, with a note: not left unreviewed
    assert err.splitlines()[0] == (
        f"{too_high}:2:31: note: claimed score 5 for 'trips' lies outside 0 to its weight 3.75 "
        "(a claim above the weight stands only where an indicator beside it is marked not "
        "applicable and hands its weight on); compared with the rules' score as it is"
    )
    claims = list(csv.DictReader(io.StringIO(out.split("\n\n")[0])))
    trips = next(r for r in claims if r["file"] == f"{too_high}:2" and r["id"] == "trips")
    assert (trips["claimed"], trips["verdict"]) == ("5.00", "over")


def test_batch_scores_filled_forms_one_entity_each(tmp_path: Path) -> None:
    import openpyxl

    shutil.copy(ROOT / FORM, tmp_path / "a.xlsx")
    wb = openpyxl.load_workbook(ROOT / FORM)
    ws = wb["自评表"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "trips")
    ws.cell(row, 8, "三次")
    wb.save(tmp_path / "b.xlsx")
    code, out, err = invoke("batch", SPEC, str(tmp_path / "*.xlsx"), "-f", "csv", "--lang", "en")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("file,row,entity,")  # forms: each row says its file
    assert lines[1].split(",")[:7] == [
        str(tmp_path / "a.xlsx"),
        "1",
        "广州市增城区人民政府荔城街道办事处",
        "2021",
        "88.59",
        "100",
        "良",
    ]
    # the failed form named by the unit and period it gives
    assert lines[2].split(",")[:5] == [
        str(tmp_path / "b.xlsx"),
        "2",
        "广州市增城区人民政府荔城街道办事处",
        "2021",
        "",
    ]
    assert err.splitlines() == [
        "1 scored, 1 failed",
        f"{tmp_path / 'b.xlsx'}:{row}:8: trips (外出招商活动次数) 实际完成值: '三次' is not a "
        "number; write digits such as 3, 2.5 or 98.93",
    ]
    code, _, err = invoke("batch", SPEC, FORM, "-f", "html", "-o", str(tmp_path / "r.html"))
    assert code == 2
    assert "--format html reads a table" in err


def test_a_table_of_claims_on_another_sheet_is_read_with_sheet_and_na(tmp_path: Path) -> None:
    """review had no --sheet, though its message said to give one; nor --na."""
    import csv

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "填表说明"
    wb.active.append(["请按要求填写"])
    ws = wb.create_sheet("2021年")
    with (ROOT / TABLE).open(encoding="utf-8") as fh:
        for row in csv.reader(fh):
            ws.append(["—" if cell == "100" and n == 11 else cell for n, cell in enumerate(row)])
    book = tmp_path / "claims.xlsx"
    wb.save(book)
    code, _out, err = invoke("review", SPEC, str(book), "--lang", "en")
    assert code == 1 and "--sheet" in err
    code, out, err = invoke(
        "review", SPEC, str(book), "--sheet", "2021年", "--na", "—", "--na", "不适用", "-f", "csv"
    )
    assert "is not a number" not in err, err
    assert {c for line in out.splitlines() for c in line.split(",") if c.startswith(str(book))} == {
        f"{book}:2",
        f"{book}:3",
        f"{book}:4",
    }


def test_a_claimed_total_may_be_headed_in_chinese(tmp_path: Path) -> None:
    text = (ROOT / TABLE).read_text("utf-8")
    plain = invoke("review", SPEC, TABLE, "-f", "csv")[1]
    for header in ("自评总分", "自评得分合计"):
        renamed = tmp_path / f"{header}.csv"
        renamed.write_text(text.replace(",claimed_total", f",{header}", 1), "utf-8")
        code, out, _err = invoke("review", SPEC, str(renamed), "-f", "csv")
        assert code == 1  # claims beyond the tolerance, as in the table with claimed_total
        assert out == plain.replace(TABLE, str(renamed))


def test_a_unit_reviewed_twice_or_unnamed_is_warned_of_and_still_reviewed(tmp_path: Path) -> None:
    """Three forms of one unit gave 96 rows that could not be told apart, and a form
    with no 评价对象 passed unsaid (batch warns of both)."""
    import openpyxl

    for name in ("a.xlsx", "b.xlsx"):
        shutil.copy(ROOT / FORM, tmp_path / name)
    wb = openpyxl.load_workbook(ROOT / FORM)
    wb["自评表"].cell(3, 2).value = None  # 评价对象
    wb.save(tmp_path / "c.xlsx")
    code, out, err = invoke(
        "review", SPEC, *(str(tmp_path / n) for n in ("a.xlsx", "b.xlsx", "c.xlsx"))
    )
    assert code == 0, err
    unit = "广州市增城区人民政府荔城街道办事处"
    assert err.splitlines() == [
        f"{tmp_path / 'b.xlsx'}: warning: entity '{unit}' is also {tmp_path / 'a.xlsx'} (the "
        "same period); each entity once: remove or correct one of them",
        f"{tmp_path / 'c.xlsx'}: warning: no entity (评价对象 is empty); it counts as no one's: "
        "write whose it is",
    ]
    assert "(96 claim(s) in 3 submission(s))" in out  # reviewed all the same
    code, out, err = invoke("batch", SPEC, str(tmp_path / "*.xlsx"), "-f", "csv")
    assert code == 0, err
    assert err.splitlines()[:2] == [  # batch of forms: the same warnings
        f"{tmp_path / 'b.xlsx'}: warning: entity '{unit}' is also {tmp_path / 'a.xlsx'} (the "
        "same period); each entity once: remove or correct one of them",
        f"{tmp_path / 'c.xlsx'}: warning: no entity (评价对象 is empty); it counts as no one's: "
        "write whose it is",
    ]
    assert len(out.splitlines()) == 4  # scored all the same


@pytest.mark.parametrize("fmt", ["csv", "table"])
def test_deviations_lists_only_the_claims_beyond_the_tolerance(fmt: str) -> None:
    """The 复核表 of 60 units at 80 columns was 747 lines, every agreeing claim
    listed: --deviations keeps the claims beyond the tolerance, and every unit's
    totals, and counts as before."""
    args = ["review", SPEC, TABLE, "--lang", "en", "-f", fmt, "--width", "80"]
    code, whole, whole_err = invoke(*args)
    code_d, only, only_err = invoke(*args, "--deviations")
    assert (code_d, only_err) == (code, whole_err)  # the same verdicts, counts and exit code
    if fmt == "table":
        assert only.splitlines()[-1] == whole.splitlines()[-1]  # the summary line
        assert len(only.splitlines()) < len(whole.splitlines())
        return
    claims, units = whole.split("\n\n")
    claims_d, units_d = only.split("\n\n")
    assert units_d == units
    rows = list(csv.DictReader(io.StringIO(claims)))
    kept = [r for r in rows if r["verdict"] in ("over", "under")]
    assert 0 < len(kept) < len(rows)
    assert list(csv.DictReader(io.StringIO(claims_d))) == kept
