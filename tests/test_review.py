"""`scorecard review`: claimed scores (自评得分) against the rules' scores (复核)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from conftest import invoke
from rich.cells import cell_len

from engine.cli.inputs import load_spec_with_sets

ROOT = Path(__file__).resolve().parent.parent
SPEC = "specs/gz-dept-overall-2021.yaml"
SUBMISSION = "examples/licheng-2021/submission.yaml"


pytestmark = pytest.mark.usefixtures("in_root")


def other_unit(tmp_path: Path) -> str:
    """A second submission: another unit that claims trips as the rule scores them."""
    text = (ROOT / SUBMISSION).read_text("utf-8")
    text = text.replace("entity: 广州市增城区人民政府荔城街道办事处", "entity: 示例街道办事处")
    text = text.replace("  trips: 3.75  ", "  trips: 2.81  ").replace(
        "claimed_total: 92", "claimed_total: 90"
    )
    path = tmp_path / "other.yaml"
    path.write_text(text, "utf-8")
    return str(path)


def rows_of(out: str) -> dict[str, list[str]]:
    """The table's rows by the indicator's name (its first cell), spaces collapsed."""
    found = {}
    for line in out.splitlines():
        cells = line.split()
        if len(cells) >= 3:
            found[cells[0]] = cells[1:]
    return found


def test_the_shipped_submission_is_reviewed_indicator_by_indicator() -> None:
    code, out, err = invoke("review", SPEC, SUBMISSION, "--width", "100")
    assert code == 1
    assert err == "5 claim(s) beyond the tolerance of 0\n"
    rows = rows_of(out)
    assert rows["管理效能"] == ["40.00", "34.00", "31.50", "+2.50", "over"]
    assert rows["政府采购执行率"] == ["3.00", "3.00", "2.62", "+0.38", "over"]
    assert rows["外出招商活动次数"] == ["3.75", "3.75", "2.81", "+0.94", "over"]
    assert rows["开展社区活动次数"] == ["3.75", "2.50", "2.90", "-0.40", "under"]
    assert rows["预算执行率"] == ["10.00", "9.08", "9.08", "0.00"]
    assert rows["重点支出安排率"] == ["5.00", "4.00"]  # not claimed
    # a group with no claim of its own is claimed as the sum of its children's claims
    assert rows["产业创新发展"] == ["15.00", "15.00Σ", "14.06", "+0.94", "over"]
    assert rows["合计"] == ["100.00", "92.00", "88.59", "+3.41", "over"]
    # the reason the unit gave stands under the indicator
    lines = out.splitlines()
    trips = next(i for i, x in enumerate(lines) if "外出招商活动次数" in x)
    reason = "".join(x.strip() for x in lines[trips + 1 : trips + 3])
    assert reason.startswith("受疫情影响，外出招商活动减少，线上招商视同完成")
    assert "4 over-claimed, 1 under-claimed beyond 0 (12 claim(s) in 1 submission(s))" in out


def test_within_the_tolerance_a_claim_agrees_and_the_exit_code_is_0(tmp_path: Path) -> None:
    code, out, err = invoke("review", SPEC, SUBMISSION, "--tolerance", "5", "--width", "100")
    assert (code, err) == (0, "")
    assert "0 over-claimed, 0 under-claimed beyond 5 (12 claim(s) in 1 submission(s))" in out


def test_the_tree_shows_the_derivation_of_each_deviating_score() -> None:
    code, out, _ = invoke("review", SPEC, SUBMISSION, "-f", "tree", "--width", "100")
    assert code == 1
    assert "外出招商活动次数 (trips): claimed 3.75, over-claimed by +0.94" in out
    assert "= 3.75 * min(3 / 4, 1)" in out
    assert "开展社区活动次数 (community): claimed 2.50, under-claimed by -0.40" in out


def test_many_submissions_make_a_review_sheet_sorted_by_the_largest_over_claim(
    tmp_path: Path,
) -> None:
    code, out, _ = invoke("review", SPEC, SUBMISSION, other_unit(tmp_path), "-f", "csv")
    assert code == 1
    claims_part, units_part = out.split("\n\n")
    claims = list(csv.DictReader(io.StringIO(claims_part)))
    deviations = [float(c["deviation"]) for c in claims]
    assert deviations == sorted(deviations, reverse=True)
    assert [(c["entity"][:2], c["id"], c["deviation"]) for c in claims[:3]] == [
        ("广州", "management", "+2.50"),
        ("示例", "management", "+2.50"),
        ("广州", "trips", "+0.94"),
    ]
    units = list(csv.DictReader(io.StringIO(units_part)))
    assert [(u["entity"][:2], u["claimed"], u["scored"], u["deviation"]) for u in units] == [
        ("广州", "92.00", "88.59", "+3.41"),
        ("示例", "90.00", "88.59", "+1.41"),
    ]
    assert [(u["over"], u["under"]) for u in units] == [("3", "1"), ("2", "1")]


def test_the_review_sheet_as_xlsx_has_numbers_and_totals_per_unit(tmp_path: Path) -> None:
    out = tmp_path / "复核表.xlsx"
    code, _, _ = invoke("review", SPEC, SUBMISSION, other_unit(tmp_path), "-o", str(out))
    assert code == 1
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["复核表", "单位合计", "说明"]
    first = [c.value for c in wb["复核表"][2]]
    assert first[:8] == [
        "广州市增城区人民政府荔城街道办事处",
        SUBMISSION,
        "management",
        "管理效能",
        40,
        34,
        31.5,
        2.5,
    ]
    totals = [[c.value for c in row] for row in wb["单位合计"].iter_rows(min_row=2)]
    assert [row[3:6] for row in totals] == [[92, 88.59, 3.41], [90, 88.59, 1.41]]
    assert (first[8], totals[0][6]) == ("over", "over")  # ids, as the English column names


def test_the_review_workbook_in_chinese_words_its_verdicts(tmp_path: Path) -> None:
    """Under --lang zh the columns were 结论 but the verdicts over/under/agrees."""
    out = tmp_path / "复核表.xlsx"
    code, _, _ = invoke("review", SPEC, SUBMISSION, "-o", str(out), "--lang", "zh")
    assert code == 1
    wb = openpyxl.load_workbook(out)
    verdicts = {row[8] for row in wb["复核表"].iter_rows(min_row=2, values_only=True)}
    assert verdicts <= {"偏高", "偏低", None, "未自评", "不适用"} and {"偏高", "偏低"} <= verdicts
    assert next(wb["单位合计"].iter_rows(min_row=2, values_only=True))[6] == "偏高"


def test_the_review_sheet_as_json_and_html(tmp_path: Path) -> None:
    code, out, _ = invoke("review", SPEC, SUBMISSION, other_unit(tmp_path), "-f", "json")
    doc = json.loads(out)
    assert (doc["spec"], doc["tolerance"], len(doc["claims"]), len(doc["units"])) == (
        "gz-dept-overall-2021",
        "0",
        22,
        2,
    )
    code, out, _ = invoke("review", SPEC, SUBMISSION, "-f", "html")
    assert code == 1
    assert out.startswith("<!DOCTYPE html>") and "<td>+0.94</td>" in out


def test_a_filled_form_is_a_submission(tmp_path: Path) -> None:
    from test_template import blank, fill

    form = blank(tmp_path)
    fill(form, "examples/licheng-2021/actuals.yaml", claimed={"trips": "3.75", "rehab": "3"})
    code, out, err = invoke("review", SPEC, str(form), "--width", "100")
    assert code == 1
    rows = rows_of(out)
    assert rows["外出招商活动次数"][:4] == ["3.75", "3.75", "2.81", "+0.94"]
    assert rows["在册涉毒管控人员帮教服务覆盖率"][:4] == ["3.75", "3.00", "2.63", "+0.37"]
    assert err == "2 claim(s) beyond the tolerance of 0\n"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            ("  trips: 3.75  ", "  tripz: 3.75  "),
            ":51:3: claimed: unknown indicator id 'tripz'; did you mean 'trips'?; claim "
            "scores for the spec's indicators or groups",
        ),
        (  # one line: the schema's, not a range check after it
            ("  trips: 3.75  ", "  trips: -1  "),
            ":51:10: 'trips' must be at least 0, not the number -1",
        ),
        (
            ("claimed_total: 92", "claimed_total: 九十"),
            ":58:16: 'claimed_total' must be a number, not the text '九十'",
        ),
    ],
)
def test_a_bad_claim_is_one_located_line(
    tmp_path: Path, edit: tuple[str, str], message: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text((ROOT / SUBMISSION).read_text("utf-8").replace(*edit), "utf-8")
    code, out, err = invoke("review", SPEC, str(path))
    assert (code, out) == (1, "")
    assert err == f"{path}{message}\n"


@pytest.mark.parametrize(
    ("edit", "note", "row"),
    [
        (
            ("  trips: 3.75  ", "  trips: 4  "),
            ":51:10: note: claimed score 4 for 'trips' lies outside 0 to its weight 3.75 (a claim "
            "above the weight stands only where an indicator beside it is marked not applicable "
            "and hands its weight on)",
            ("外出招商活动次数", ["3.75", "4.00", "2.81", "+1.19", "over"]),
        ),
        (
            ("claimed_total: 92", "claimed_total: 101"),
            ":58:16: note: claimed_total 101 is above the spec's total 100",
            ("合计", ["100.00", "101.00", "88.59", "+12.41", "over"]),
        ),
    ],
)
def test_a_claim_beyond_full_marks_is_reviewed_as_over_with_a_note(
    tmp_path: Path, edit: tuple[str, str], note: str, row: tuple[str, list[str]]
) -> None:
    """A claim above what the indicator is worth (5.5 of 5) made the whole
    submission "not reviewed", hiding its most blatant over-claim among the rest."""
    path = tmp_path / "over.yaml"
    path.write_text((ROOT / SUBMISSION).read_text("utf-8").replace(*edit), "utf-8")
    code, out, err = invoke("review", SPEC, str(path))
    assert code == 1
    assert err.splitlines()[0] == f"{path}{note}; compared with the rules' score as it is"
    assert rows_of(out)[row[0]] == row[1]


@pytest.mark.parametrize("typed", ["０.５", "0.50", "５e-1"])
def test_a_tolerance_is_echoed_as_it_was_read(typed: str) -> None:
    """Typed in full width by a Chinese input method, it was echoed back so (０.５)."""
    code, out, err = invoke("review", SPEC, SUBMISSION, "--tolerance", typed, "--width", "100")
    assert code == 1
    assert err == "3 claim(s) beyond the tolerance of 0.5\n"
    assert "3 over-claimed, 0 under-claimed beyond 0.5 (12 claim(s)" in out


def test_a_bad_tolerance_is_a_usage_error() -> None:
    code, _, err = invoke("review", SPEC, SUBMISSION, "--tolerance", "-1")
    assert code == 2
    assert err == "--tolerance -1: give a number of points, 0 or more\n"
    code, _, err = invoke("review", SPEC, SUBMISSION, "--tolerance", "5%")
    assert code == 2
    assert err == (
        "--tolerance 5%: the tolerance is in points, not a percentage; give a number of points, "
        "0 or more (e.g. 0.5)\n"
    )


def _with_na(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    """The shipped submission with 'investment' not applicable (its weight passes to
    its three siblings: 3.75 × 15 / 11.25 = 5 each), and ``edits``."""
    text = (ROOT / SUBMISSION).read_text("utf-8")
    text = text.replace("claimed:\n", "not_applicable:\n  investment: 本年度无此项任务\nclaimed:\n")
    text = text.replace("  investment: 3.75\n", "")
    text = text.replace("  investment: 1             # 实际引进注册资本 2000 万的企业 1 家\n", "")
    for edit in edits:
        text = text.replace(*edit)
    path = tmp_path / "na.yaml"
    path.write_text(text, "utf-8")
    return path


def test_a_claim_up_to_the_weight_handed_on_by_indicators_not_applicable_is_taken(
    tmp_path: Path,
) -> None:
    path = _with_na(tmp_path, ("  training: 3.75\n", "  training: 5\n"))
    code, out, _ = invoke("review", SPEC, str(path), "--width", "100")
    assert code == 1  # other claims are over
    assert rows_of(out)["开展政策培训、业务培训次数"] == ["5.00", "5.00", "5.00", "0.00"]


def test_a_claim_above_the_weight_handed_on_is_a_located_note(tmp_path: Path) -> None:
    path = _with_na(tmp_path, ("  trips: 3.75  ", "  trips: 5.5  "))
    code, out, err = invoke("review", SPEC, str(path))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{path}:52:10: note: claimed score 5.5 for 'trips' lies outside 0 to 5, its weight "
        "once the indicators marked not applicable hand theirs on; compared with the rules' "
        "score as it is"
    )
    assert rows_of(out)["外出招商活动次数"][1:2] == ["5.50"]


def test_a_claim_for_an_indicator_marked_not_applicable_is_refused(tmp_path: Path) -> None:
    path = _with_na(tmp_path, ("  enterprises: 3.75\n", "  enterprises: 3.75\n  investment: 1\n"))
    code, out, err = invoke("review", SPEC, str(path))
    assert (code, out) == (1, "")
    assert err == (
        f"{path}:54:3: claimed: 'investment' is not applicable; it cannot also be claimed a score\n"
    )


def test_the_review_sheet_never_writes_a_units_words_as_a_formula(tmp_path: Path) -> None:
    text = (ROOT / SUBMISSION).read_text("utf-8")
    text = text.replace(
        "entity: 广州市增城区人民政府荔城街道办事处", 'entity: \'=HYPERLINK("http://x","a")\''
    )
    text = text.replace("  trips: 受疫情影响", "  trips: '@SUM(1+1)'  # ")
    path = tmp_path / "inj.yaml"
    path.write_text(text, "utf-8")
    code, out, _ = invoke("review", SPEC, str(path), "-f", "csv")
    assert code == 1
    claims_part, units_part = out.split("\n\n")
    claims = list(csv.DictReader(io.StringIO(claims_part)))
    units = list(csv.DictReader(io.StringIO(units_part)))
    assert {c["entity"] for c in claims} == {'\'=HYPERLINK("http://x","a")'}
    assert units[0]["entity"] == '\'=HYPERLINK("http://x","a")'
    assert [c["reason"] for c in claims if c["id"] == "trips"] == ["'@SUM(1+1)"]
    assert [c["deviation"] for c in claims][:1] == ["+2.50"]  # numbers stay numbers


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_review_sheet_keeps_to_the_width_given(tmp_path: Path, lang: str) -> None:
    # its grid was as wide as its longest row (126 to 154 columns at --width 80)
    from rich.cells import cell_len

    code, out, _ = invoke(
        "review", SPEC, SUBMISSION, other_unit(tmp_path), "--width", "80", "--lang", lang
    )
    assert code == 1
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    assert out.count("+3.41") == 1 and out.count("+1.41") == 1  # one total per unit
    assert out.count("(trips)" if lang == "en" else "（trips）") == 2  # each unit's trips


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_review_sheet_folds_an_id_at_its_joints_not_mid_word(lang: str) -> None:
    """At 80 columns the ids in the indicator column were folded wherever the column
    ended (``(budget_execut`` ``ion)``) and the file under a unit too (``units-cl``
    ``aimed.csv``): an id too long for its column is parted after a ``_``, a path
    after a ``/`` or ``-`` or before a ``.``, as the folding of the other columns."""
    import itertools
    import re

    form = "examples/licheng-2021/自评表.xlsx"  # claims every indicator
    code, out, _ = invoke("review", SPEC, SUBMISSION, form, "--width", "80", "--lang", lang)
    assert code == 1
    lines = out.splitlines()
    ids = {i.id for i in load_spec_with_sets(SPEC).walk()}
    parted = 0
    for line, below in itertools.pairwise(lines):
        for cut in re.finditer(r"[(（]([a-z_]+)$|[(（]([a-z_]+) ", line):
            head = cut.group(1) or cut.group(2)
            assert head.endswith("_"), line  # cut at a joint, never mid-word
            column = cell_len(line[: cut.start()])
            tail = re.match(r"[a-z_]+(?=[)）])", below_from(below, column))
            assert tail is not None and head + tail.group(0) in ids, (line, below)
            parted += 1
    assert parted >= 6  # budget_execution, management_system, rental_registration…
    assert "  examples/licheng-2021/\n  submission.yaml\n" in out


def below_from(line: str, column: int) -> str:
    """What ``line`` shows from display column ``column`` on."""
    cells = 0
    for i, ch in enumerate(line):
        if cells >= column:
            return line[i:]
        cells += cell_len(ch)
    return ""


def test_a_claim_of_full_marks_kept_whole_as_the_table_shows_them_agrees(
    tmp_path: Path,
) -> None:
    # b not applicable hands its 25 on: a's full marks are 200/3, handed on as 66.67
    # (shared_out); that claim was refused as above them (and the whole file with
    # it), or reviewed as over
    spec = tmp_path / "s.yaml"
    spec.write_text(
        "spec: 1\nid: s\ntotal: 100\nindicators:\n"
        "  - {id: a, name: A, weight: 50, direction: higher, target: 100, method: ratio}\n"
        "  - {id: b, name: B, weight: 25, direction: higher, target: 100, method: ratio}\n"
        "  - {id: c, name: C, weight: 25, direction: higher, target: 100, method: ratio}\n",
        "utf-8",
    )
    claims = tmp_path / "c.yaml"
    claims.write_text(
        "spec: s\nentity: e\nperiod: '2024'\nvalues: {a: 100, c: 95}\n"
        "not_applicable: {b: 无}\nclaimed: {a: 66.67}\n",
        "utf-8",
    )
    code, out, err = invoke("review", str(spec), str(claims))
    assert (code, err) == (0, "")
    assert rows_of(out)["A"] == ["66.67", "66.67", "66.67", "0.00"]
    over = claims.read_text("utf-8").replace("a: 66.67", "a: 66.68")
    (tmp_path / "d.yaml").write_text(over, "utf-8")
    code, out, err = invoke("review", str(spec), str(tmp_path / "d.yaml"))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{tmp_path / 'd.yaml'}:6:14: note: claimed score 66.68 for 'a' lies outside 0 to 66.67, "
        "its weight once the indicators marked not applicable hand theirs on; compared with the "
        "rules' score as it is"
    )
    assert rows_of(out)["A"] == ["66.67", "66.68", "66.67", "+0.01", "over"]


def test_a_claim_finer_than_the_places_is_exact_in_files_and_keeps_its_sign(
    tmp_path: Path,
) -> None:
    """36.004 was written "36.00…" in CSV, JSON and XLSX, and a deviation of
    -0.004 lost its sign ("0.00…") everywhere; the terminal cut them too."""
    text = (ROOT / SUBMISSION).read_text("utf-8")
    text = text.replace("  trips: 3.75  ", "  trips: 2.806  ")
    path = tmp_path / "fine.yaml"
    path.write_text(text, "utf-8")
    code, out, _ = invoke("review", SPEC, str(path), "--width", "100")
    assert rows_of(out)["外出招商活动次数"][:4] == ["3.75", "2.806", "2.81", "-0.004"]
    code, out, _ = invoke("review", SPEC, str(path), "-f", "csv")
    trips = next(r for r in csv.reader(io.StringIO(out)) if r[2:3] == ["trips"])
    assert trips[4:8] == ["3.75", "2.806", "2.81", "-0.004"]
    code, out, _ = invoke("review", SPEC, str(path), "-f", "json")
    assert code == 1  # claims that differ from the rules
    (claim,) = [c for c in json.loads(out)["claims"] if c["id"] == "trips"]
    assert (claim["claimed"], claim["deviation"]) == ("2.806", "-0.004")
    book = tmp_path / "r.xlsx"
    invoke("review", SPEC, str(path), "-o", str(book))
    (row,) = [
        [c.value for c in r]
        for r in openpyxl.load_workbook(book)["复核表"]
        if r[2].value == "trips"
    ]
    assert row[4:8] == [3.75, 2.806, 2.81, -0.004]


def test_a_claimed_total_that_is_not_the_sum_of_the_claims_is_said(tmp_path: Path) -> None:
    """The shipped submission claims 92 in total for claims adding up to 92.03."""
    code, out, _ = invoke("review", SPEC, SUBMISSION, "--width", "120")
    assert code == 1
    assert "the claimed total is not the sum of the claims above (92.03)" in out
    text = (
        (ROOT / SUBMISSION)
        .read_text("utf-8")
        .replace("claimed_total: 92 ", "claimed_total: 92.03 ")
    )
    path = tmp_path / "sum.yaml"
    path.write_text(text, "utf-8")
    code, out, _ = invoke("review", SPEC, str(path), "--width", "120")
    assert "is not the sum" not in out


AUDIT_DEMO = "examples/docs/audit-demo.yaml"


def _claims_file(tmp_path: Path, name: str, management: str, total: str) -> Path:
    """A submission of the audit demo claiming ``management`` for the group whose
    children are claimed 2 and 2, 3.88 for the other group, and ``total`` in all."""
    path = tmp_path / name
    path.write_text(
        f"spec: audit-demo\nentity: {name}\nperiod: '2021'\n"
        "values: {key_spending: 85, incidents: 0, trips: 3, system: 良}\n"
        f"claimed: {{management: {management}, key_spending: 2, incidents: 2, duties: 3.88}}\n"
        f"claimed_total: {total}\n",
        "utf-8",
    )
    return path


def test_a_group_claim_that_is_not_the_sum_of_its_childrens_claims_is_said(
    tmp_path: Path,
) -> None:
    """A form claiming 5 for a group whose children it claims 2 and 2 did not add
    up, and nothing said so: only the total's sum was checked."""
    wrong = _claims_file(tmp_path, "wrong.yaml", "5", "8.88")
    code, out, _ = invoke("review", AUDIT_DEMO, str(wrong), "-f", "csv")
    (row,) = [r for r in csv.reader(io.StringIO(out)) if r[2:3] == ["management"]]
    assert row[5:] == [
        "5.00",
        "4.00",
        "+1.00",
        "over",
        "the claim is not the sum of its children's claims (4)",
        "",  # no note said of it
    ]
    right = _claims_file(tmp_path, "right.yaml", "4", "7.88")
    code, out, _ = invoke("review", AUDIT_DEMO, str(right), "-f", "csv")
    assert (code, "not the sum" in out) == (0, False)
    code, out, _ = invoke("review", AUDIT_DEMO, str(wrong), "--lang", "zh", "--width", "100")
    assert "自评得分不等于其下级自评得分之和（4）" in out


def test_the_totals_per_unit_carry_the_claimed_totals_note(tmp_path: Path) -> None:
    """The claimed total not being the sum of the claims was said on the terminal
    only: the 复核表's CSV, JSON and workbook dropped it."""
    a = _claims_file(tmp_path, "a.yaml", "4", "7.88")
    b = _claims_file(tmp_path, "b.yaml", "4", "8")
    code, out, _ = invoke("review", AUDIT_DEMO, str(a), str(b), "-f", "csv")
    assert code == 1  # b over-claims its total
    units = out.split("\n\n")[1]
    rows = list(csv.DictReader(io.StringIO(units)))
    assert [(Path(r["file"]).name, r["reason"], r["note"]) for r in rows] == [
        ("b.yaml", "the claimed total is not the sum of the claims above (7.88)", ""),
        ("a.yaml", "", ""),
    ]
    _code, out, _ = invoke("review", AUDIT_DEMO, str(a), str(b), "-f", "json")
    assert [u["reason"] for u in json.loads(out)["units"]] == [rows[0]["reason"], ""]


def test_claims_at_the_places_are_not_summed_under_apply_total(tmp_path: Path) -> None:
    """Under rounding.apply: total a group of 10/3 shows 3.33 and its children 1.67
    each: claiming what is shown was noted as "not the sum of its children's"."""
    spec = tmp_path / "s.yaml"
    spec.write_text(
        "spec: 1\nid: atg\ntotal: 20\nrounding: {places: 2, mode: half_up, apply: total}\n"
        "indicators:\n  - id: G\n    name: 组\n    weight: 10\n    children:\n"
        "      - {id: a, name: 甲, weight: 5, direction: higher, target: 3, method: ratio}\n"
        "      - {id: b, name: 乙, weight: 5, direction: higher, target: 3, method: ratio}\n"
        "  - {id: h, name: 丙, weight: 10, direction: higher, target: 100, method: ratio}\n",
        "utf-8",
    )
    claims = tmp_path / "c.yaml"
    claims.write_text(
        "spec: atg\nentity: 甲县\nvalues: {a: 1, b: 1, h: 100}\n"
        "claimed: {a: 1.67, b: 1.67, G: 3.33, h: 10}\nclaimed_total: 13.33\n",
        "utf-8",
    )
    code, out, _ = invoke("review", str(spec), str(claims), "-f", "csv")
    assert (code, "not the sum" in out) == (0, False)


@pytest.mark.parametrize(
    ("management", "total", "at", "key"),
    [("100%", "8.88", "5:23", "management"), ("4", "92%", "6:16", "claimed_total")],
)
def test_a_claimed_score_written_as_a_percentage_is_told_it_is_points(
    tmp_path: Path, management: str, total: str, at: str, key: str
) -> None:
    """``claimed: {trips: 100%}`` was told to write 100 ("the % belongs in the
    unit"), which was then refused as above the weight."""
    path = _claims_file(tmp_path, "pct.yaml", management, total)
    code, _out, err = invoke("review", AUDIT_DEMO, str(path))
    text = management if key == "management" else total
    assert (code, err) == (
        1,
        f"{path}:{at}: '{key}' must be a number, not the text '{text}'; a claimed score is in "
        "points, not a percentage: write the points claimed\n",
    )


def test_review_says_the_values_score_would_note_as_likely_mistyped(tmp_path: Path) -> None:
    """score notes a count below 0; review scored the same form without a word."""
    path = _claims_file(tmp_path, "neg.yaml", "4", "7.88")
    path.write_text(path.read_text("utf-8").replace("trips: 3", "trips: -3"), "utf-8")
    note = f"{path}:4:42: note: 外出招商活动次数 (trips) is -3 次, a count below 0; check the value"
    assert invoke("score", AUDIT_DEMO, str(path))[2].splitlines()[0] == note
    assert invoke("review", AUDIT_DEMO, str(path))[2].splitlines()[0] == note


def test_an_indicator_not_applicable_shows_no_full_marks(tmp_path: Path) -> None:
    """Its weight was handed on: it showed "0.00" as its full marks."""
    text = (ROOT / SUBMISSION).read_text("utf-8")
    text = text.replace("  trips: 3\n", "", 1).replace(
        "notes:\n", "not_applicable:\n  trips: 本年无外出招商任务\nnotes:\n", 1
    )
    text = text.replace("  trips: 3.75                # over-claimed: 3 of 4 trips give 2.81\n", "")
    submission = tmp_path / "sub.yaml"
    submission.write_text(text, "utf-8")
    _code, out, _err = invoke("review", SPEC, str(submission), "--width", "100")
    assert rows_of(out)["外出招商活动次数"] == ["—", "n/a"]


def _key_spending(tmp_path: Path, body: str, *options: str) -> tuple[int, dict[str, str]]:
    """A submission of the audit demo (``body`` after its head) reviewed as JSON:
    the exit code, and the claim line of key_spending."""
    path = tmp_path / "s.yaml"
    path.write_text(f"spec: audit-demo\nentity: 甲\nperiod: '2021'\n{body}", "utf-8")
    code, out, _ = invoke("review", AUDIT_DEMO, str(path), *options, "-f", "json")
    return code, next(x for x in json.loads(out)["claims"] if x["id"] == "key_spending")


def test_an_override_is_shown_with_the_rules_score_and_its_reason(tmp_path: Path) -> None:
    """A claim equal to an overridden score agrees, but the line says the score is
    not the rule's: from what, to what, and why (it passed as a plain agreement)."""
    body = (
        "values: {key_spending: 85, incidents: 0, trips: 3, system: 良}\n"
        "overrides: {key_spending: {score: 3, reason: 年中追加预算不计}}\n"
        "claimed: {key_spending: 3}\n"
    )
    code, line = _key_spending(tmp_path, body)
    assert code == 0
    assert (line["verdict"], line["reason"]) == ("agrees", "override 2.00 → 3.00: 年中追加预算不计")
    path = tmp_path / "s.yaml"
    code, out, _ = invoke("review", AUDIT_DEMO, str(path), "--lang", "zh", "--width", "100")
    assert "人工调整 2.00 → 3.00：年中追加预算不计" in out


def test_a_value_scored_0_under_missing_zero_says_so_beside_the_claim(tmp_path: Path) -> None:
    body = (
        "values: {incidents: 0, trips: 3, system: 良}\nclaimed: {key_spending: 3}\n"
        "notes: {key_spending: 数据待补}\n"
    )
    code, line = _key_spending(tmp_path, body, "--missing", "zero")
    assert code == 1
    assert (line["verdict"], line["reason"]) == (
        "over",
        "no value given: scored 0 under --missing zero; 数据待补",
    )


def test_a_submission_that_cannot_be_reviewed_is_listed_among_the_units(tmp_path: Path) -> None:
    """It was told on standard error alone, and left out of the 复核表 written."""
    broken = tmp_path / "broken.yaml"
    broken.write_text("spec: gz-dept-overall-2021\nentity: 乙\nvalues: {trips: 五}\n", "utf-8")
    code, out, err = invoke("review", SPEC, SUBMISSION, str(broken), "-f", "json")
    assert code == 1
    error = err.splitlines()[-1]
    assert error.startswith(f"{broken}:3:")
    units = json.loads(out)["units"]
    assert [u["file"] for u in units] == [SUBMISSION, str(broken)]
    assert units[1] == {
        "entity": "乙",  # as the submission names it
        "period": "",
        "file": str(broken),
        "claimed": "",
        "scored": "",
        "deviation": "",
        "verdict": "error",
        "over": "",
        "under": "",
        "reason": "",
        "note": "\n".join(x for x in err.splitlines() if x.startswith(str(broken))),
    }
    code, out, _ = invoke("review", SPEC, SUBMISSION, str(broken), "--width", "120")
    assert "not reviewed" in out
    assert "; 1 submission not reviewed (listed among the units, its errors told)" in " ".join(
        out.split()
    )
    xlsx = tmp_path / "r.xlsx"
    invoke("review", SPEC, SUBMISSION, str(broken), "-o", str(xlsx), "--lang", "zh")
    rows = list(openpyxl.load_workbook(xlsx)["单位合计"].iter_rows(values_only=True))
    assert rows[-1][2:7] == (str(broken), None, None, None, "未能复核")
    code, out, _ = invoke("review", SPEC, SUBMISSION, str(broken), "-f", "tree")
    assert code == 1  # the one reviewed, with its derivations; the other's error told
    assert "广州市增城区人民政府荔城街道办事处" in out


def test_a_claim_beyond_the_weight_is_a_note_where_claims_are_not_read(tmp_path: Path) -> None:
    """A submission made under last year's weights (trips then 5): score reads no
    claim, and refused to score it; review reads them, and compares the claim as
    it is, with a note."""
    text = (ROOT / SUBMISSION).read_text("utf-8").replace("  trips: 3.75  ", "  trips: 5     ")
    path = tmp_path / "old.yaml"
    path.write_text(text, "utf-8")
    code, out, err = invoke("score", SPEC, str(path))
    assert code == 0
    assert "Total 88.59 / 100.00" in out
    assert err == (
        f"{path}:51:10: note: claimed score 5 for 'trips' lies outside 0 to its weight 3.75 "
        "(a claim above the weight stands only where an indicator beside it is marked not "
        "applicable and hands its weight on); "
        "claims are not scored here (review checks them)\n"
    )
    code, _out, err = invoke("review", SPEC, str(path))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{path}:51:10: note: claimed score 5 for 'trips' lies outside 0 to its weight 3.75 (a "
        "claim above the weight stands only where an indicator beside it is marked not "
        "applicable and hands its weight on); compared with the rules' score as it is"
    )
    code, _out, err = invoke("compare", SPEC, str(path), "--set", "trips.target=5")
    assert code == 0
    assert err.count("claimed score 5 for 'trips'") == 1  # both specs read it: said once


@pytest.mark.parametrize("row", ["indicator", "total"])
def test_a_claim_in_words_on_a_form_is_a_note_where_claims_are_not_read(
    tmp_path: Path, row: str
) -> None:
    """约88 as the 合计's 自评得分 refused the form to score, where the same words
    on an indicator's row were a note: both are claims, which score does not read."""
    import openpyxl

    form = tmp_path / "f.xlsx"
    shutil.copy(ROOT / "examples/licheng-2021/自评表.xlsx", form)
    wb = openpyxl.load_workbook(form)
    ws = wb["自评表"]
    line = next(
        r
        for r in range(1, ws.max_row + 1)
        if (ws.cell(r, 3).value == "合计" if row == "total" else ws.cell(r, 2).value == "trips")
    )
    ws.cell(line, 10).value = "约88"
    wb.save(form)
    code, out, err = invoke("score", SPEC, str(form))
    assert code == 0 and "Total 88.59 / 100.00" in out
    assert err.startswith(f"{form}:{line}:10: note: ")
    assert err.endswith(
        "自评得分: '约88' is not a number; write digits such as 3, 2.5 or 98.93; claims are not "
        "scored here (review checks them)\n"
    )
    code, out, err = invoke("batch", SPEC, str(form), "-f", "csv")  # nor does batch
    assert code == 0 and ",88.59,100,良,ok," in out
    assert f"{form}:{line}:10: note: " in err and "claims are not scored here" in err
    code, _out, err = invoke("review", SPEC, str(form))
    assert code == 1 and err.startswith(f"{form}:{line}:10: ")


def test_an_override_of_a_missing_value_is_shown_beside_the_missing_note(tmp_path: Path) -> None:
    """It read "scored 0" beside a score of 3, the override and its reason unsaid."""
    body = (
        "values: {incidents: 0, trips: 3, system: 良}\n"
        "overrides: {key_spending: {score: 3, reason: 无数据按满分}}\nclaimed: {key_spending: 3}\n"
    )
    code, line = _key_spending(tmp_path, body, "--missing", "zero")
    assert code == 0
    assert (line["scored"], line["verdict"], line["reason"]) == (
        "3.00",
        "agrees",
        "no value given: scored 0 under --missing zero; override 0.00 → 3.00: 无数据按满分",
    )


def test_submissions_that_claim_nothing_are_told_so() -> None:
    """Actuals with no claim were reviewed to "0 claims" and exit 0 without a word."""
    code, _out, err = invoke("review", SPEC, "examples/licheng-2021/actuals.yaml")
    assert code == 0
    assert err == (
        "note: no submission claims a score (claimed: in an actuals file, 自评得分 in a form, "
        "claimed.ID or claimed_total columns in a table): nothing to review\n"
    )
    assert "no submission claims" not in invoke("review", SPEC, SUBMISSION)[2]


@pytest.mark.parametrize(
    ("option", "said"),
    [
        (["--sheet", "2023"], "--sheet 2023 is for a table (.xlsx, .xlsm)"),
        (["--encoding", "gbk"], "--encoding gbk is for a table (.csv, .tsv)"),
    ],
)
def test_a_table_option_with_no_table_to_read_is_refused(option: list[str], said: str) -> None:
    """It was ignored, and the review went on as though it had been read."""
    code, _out, err = invoke("review", SPEC, SUBMISSION, *option)
    assert code == 2
    assert err == f"{said}, and no file given is one; drop {' '.join(option)}\n"


def test_sheet_with_only_filled_forms_is_refused(tmp_path: Path) -> None:
    """A filled form is an .xlsx file, but it is read from its own sheets: --sheet
    given with forms alone was passed over without a word."""
    from test_template import blank, fill

    form = blank(tmp_path)
    fill(form, "examples/licheng-2021/actuals.yaml", claimed={"trips": "3.75"})
    code, _out, err = invoke("review", SPEC, str(form), "--sheet", "2023")
    assert code == 2
    assert err == (
        "--sheet 2023 is for a table (.xlsx, .xlsm), and no file given is one; drop --sheet 2023\n"
    )
