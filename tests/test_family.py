"""Fiscal-year families: effective: {from, to}; a folder of versions sharing one id;
the actuals' period picks the version; overlaps and gaps refused naming both specs;
compare of two versions lists the rule changes per indicator."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from conftest import invoke
from hypothesis import given
from hypothesis import strategies as st

from engine.base.errors import ActualsError, Pos
from engine.spec.family import Effective, Version, check_family, period_range, pick

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
YEARS = "examples/families/years"
YEARS_PATH = Path(__file__).resolve().parent.parent / YEARS


pytestmark = pytest.mark.usefixtures("in_root")


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"differs from {path}"


@pytest.mark.parametrize(("period", "version"), [("2021", "2021"), ("2022", "2022")])
def test_the_period_picks_the_version(period: str, version: str) -> None:
    code, out, err = invoke("score", YEARS, f"{YEARS}/office-{period}.actuals.yaml")
    assert (code, err) == (0, "")
    assert f"street-office {version} · 荔城街道办事处 · {period}" in out


def test_the_same_values_score_differently_under_each_years_rules() -> None:
    totals = []
    for year in ("2021", "2022"):
        _, out, _ = invoke("score", YEARS, f"{YEARS}/office-{year}.actuals.yaml")
        totals.append(out.strip().splitlines()[-1])
    assert totals == ["Total 99.00 / 100.00   Grade 优", "Total 87.00 / 100.00   Grade 良"]


def test_explain_and_whatif_take_the_family_folder_too() -> None:
    code, out, _ = invoke("explain", YEARS, f"{YEARS}/office-2022.actuals.yaml", "trips")
    assert code == 0 and "target ≥ 6 次" in out
    code, _, _ = invoke("whatif", YEARS, f"{YEARS}/office-2022.actuals.yaml")
    assert code == 0


def test_compare_of_one_entity_picks_each_folders_version() -> None:
    code, out, err = invoke(
        "compare", YEARS, f"{YEARS}/rules-2022.yaml", f"{YEARS}/office-2022.actuals.yaml"
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[:2] == [
        f"A  {YEARS}/rules-2022.yaml (street-office 2022)",
        "   total 87.00 / 100.00   grade 良",
    ]
    assert out.splitlines()[-1] == "No indicator's score or rule differs."


VERSIONS = "rules-2021.yaml (2021-01-01 – 2021-12-31), rules-2022.yaml (2022-01-01 – 2022-12-31)"


@pytest.mark.parametrize(
    "args",
    [
        ("batch", YEARS, "examples/docs/units.csv"),
        ("compare", YEARS, f"{YEARS}/rules-2022.yaml", "examples/docs/units.csv"),
        ("show", YEARS),
        ("template", YEARS, "-o", "never-written.xlsx"),
    ],
)
def test_a_command_that_takes_one_version_lists_the_folders_versions(args: tuple[str, ...]) -> None:
    code, out, err = invoke(*args)
    assert (code, out) == (2, "")
    assert err == (
        f"{YEARS}: a folder of fiscal-year versions, which score, explain, whatif, compare, "
        "view and review pick from by one entity's period (review: of files of one entity "
        f"each); give one version's file here: {VERSIONS}\n"
    )
    assert not Path("never-written.xlsx").exists()


def test_a_filled_form_picks_its_version_by_its_period(tmp_path: Path) -> None:
    import openpyxl

    form = tmp_path / "form.xlsx"
    assert invoke("template", f"{YEARS}/rules-2022.yaml", "-o", str(form))[0] == 0
    code, _, err = invoke("score", YEARS, str(form))
    assert code == 1
    assert err == (
        f"{form}:4:2: these actuals give no period, and the spec is a family of versions: add "
        'period: "2022" (a year, month or date) to pick one (in a filled form, under 评价年度)\n'
    )
    wb = openpyxl.load_workbook(form)
    wb["自评表"].cell(4, 2).value = "2021"
    wb.save(form)
    code, _, err = invoke("score", YEARS, str(form))
    assert code == 1  # the 2021 rules: the form's 2022 targets are noted, its empty cells missing
    note = f"{form}:12:6: note: the form shows 年度指标值 6 for 'trips' where the spec now has 4"
    assert note in err


def test_validate_checks_the_folder_as_a_family() -> None:
    assert invoke("validate", YEARS) == (0, "4 files valid\n", "")


def test_compare_of_two_versions_lists_the_rule_changes() -> None:
    code, out, err = invoke(
        "compare", f"{YEARS}/rules-2021.yaml", f"{YEARS}/rules-2022.yaml", "--width", "100"
    )
    assert (code, err) == (0, "")
    golden("street-office-2021-2022.rules.txt", out)


def _family(tmp_path: Path, ranges: list[tuple[str, str | None]]) -> Path:
    src = (ROOT / YEARS / "rules-2021.yaml").read_text("utf-8")
    for n, (start, end) in enumerate(ranges):
        eff = f"{{from: {start}" + (f", to: {end}}}" if end else "}")
        text = src.replace("{from: 2021-01-01, to: 2021-12-31}", eff)
        (tmp_path / f"v{n}.yaml").write_text(text, encoding="utf-8")
    shutil.copy(ROOT / YEARS / "office-2022.actuals.yaml", tmp_path / "a.yaml")
    return tmp_path


def test_overlapping_versions_are_refused_naming_both(tmp_path: Path) -> None:
    folder = _family(tmp_path, [("2021-01-01", "2022-03-31"), ("2022-01-01", "2022-12-31")])
    code, _, err = invoke("validate", str(folder))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{folder}/v1.yaml:11:1: effective 2022-01-01 – 2022-12-31 overlaps {folder}/v0.yaml "
        f"(2021-01-01 – 2022-03-31, at {folder}/v0.yaml:11:1); versions of one id must not "
        "overlap: end the earlier one the day before"
    )
    code, _, err = invoke("score", str(folder), str(folder / "a.yaml"))
    assert code == 1 and "overlaps" in err


def test_a_broken_version_neither_hides_the_others_problems_nor_repeats(
    tmp_path: Path,
) -> None:
    """One version ending before it starts was said once per actuals file, and the
    overlap of two other versions was not said at all."""
    folder = _family(
        tmp_path,
        [("2021-01-01", "2022-03-31"), ("2022-01-01", "2022-12-31"), ("2023-01-01", "2022-12-31")],
    )
    shutil.copy(ROOT / YEARS / "office-2021.actuals.yaml", folder / "b.yaml")
    code, _, err = invoke("validate", str(folder))
    assert (code, err.splitlines()) == (
        1,
        [
            f"{folder}/v2.yaml:11:35: effective ends (2022-12-31) before it starts "
            "(2023-01-01); to is the last day, on or after from",
            f"{folder}/v1.yaml:11:1: effective 2022-01-01 – 2022-12-31 overlaps {folder}/v0.yaml "
            f"(2021-01-01 – 2022-03-31, at {folder}/v0.yaml:11:1); versions of one id must not "
            "overlap: end the earlier one the day before",
            "2 errors in 2 of 5 files",
        ],
    )


def test_a_gap_between_versions_is_refused_naming_both(tmp_path: Path) -> None:
    folder = _family(tmp_path, [("2021-01-01", "2021-12-31"), ("2022-02-01", None)])
    code, _, err = invoke("validate", str(folder))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{folder}/v1.yaml:11:1: no version of 'street-office' is in force from 2022-01-01 to "
        f"2022-01-31: {folder}/v0.yaml ends 2021-12-31 (at {folder}/v0.yaml:11:1); start this "
        "one the day after, or add a version for the gap"
    )


def test_a_period_that_spans_two_versions_asks_for_a_date(tmp_path: Path) -> None:
    folder = _family(tmp_path, [("2021-07-01", "2022-06-30"), ("2022-07-01", None)])
    code, _, err = invoke("score", str(folder), str(folder / "a.yaml"))
    assert code == 1
    assert err == (
        f"{folder}/a.yaml:4:9: period '2022' spans 2 versions ({folder}/v0.yaml 2021-07-01 – "
        f"2022-06-30; {folder}/v1.yaml 2022-07-01 – …); give a period within one of them, "
        "e.g. a date\n"
    )


def test_a_period_covered_only_in_part_says_which_days_are_missing() -> None:
    span = Effective(dt.date(2022, 1, 1), dt.date(2022, 12, 30), Pos("v0.yaml", 5, 1))
    versions = [Version("v0.yaml", "x", span)]
    with pytest.raises(ActualsError) as e:
        pick(versions, "2022", None)
    assert str(e.value) == (
        "period '2022' runs 2022-01-01 – 2022-12-31, but v0.yaml is in force only 2022-01-01 – "
        "2022-12-30; give a period within it (e.g. a date), or make the versions cover the "
        "whole period"
    )


def test_a_date_that_is_not_in_the_calendar_is_refused(tmp_path: Path) -> None:
    folder = _family(tmp_path, [("2021-02-30", "2021-12-31")])
    code, _, err = invoke("validate", str(folder / "v0.yaml"))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{folder}/v0.yaml:11:19: '2021-02-30' is not a date of the calendar; write YYYY-MM-DD"
    )


def test_actuals_without_a_period_say_how_to_pick_a_version(tmp_path: Path) -> None:
    folder = _family(tmp_path, [("2021-01-01", None)])
    text = (folder / "a.yaml").read_text("utf-8").replace('period: "2022"\n', "")
    (folder / "a.yaml").write_text(text, encoding="utf-8")
    code, _, err = invoke("score", str(folder), str(folder / "a.yaml"))
    assert code == 1
    assert "these actuals give no period, and the spec is a family of versions" in err


def test_a_folder_without_versions_says_what_a_family_is(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(textwrap.dedent("spec: x\nvalues: {}\n"), encoding="utf-8")
    code, _, err = invoke("score", str(tmp_path), str(tmp_path / "a.yaml"))
    assert code == 1
    assert err == (
        f"{tmp_path}: is a directory; give a file (or a folder of fiscal-year versions: specs "
        "sharing one id, each with effective: {from, to})\n"
    )
    shutil.copy(ROOT / YEARS / "rules-2021.yaml", tmp_path / "rules.yaml")
    code, _, err = invoke("score", str(tmp_path), str(tmp_path / "a.yaml"))
    assert err == (
        f"{tmp_path}: no spec of id 'x' with effective: {{from, to}} in this folder; a family "
        "is a folder of versions sharing one id (ids with versions here: street-office)\n"
    )


def _version(n: int, start: dt.date, end: dt.date | None) -> Version:
    from engine.base.errors import Pos

    return Version(f"v{n}.yaml", "x", Effective(start, end, Pos(f"v{n}.yaml", 1, 1)))


@given(
    st.lists(st.integers(min_value=1, max_value=400), min_size=1, max_size=6),
    st.integers(min_value=0, max_value=2500),
)
def test_contiguous_versions_pass_and_every_day_picks_exactly_one(
    lengths: list[int], offset: int
) -> None:
    start = dt.date(2020, 1, 1)
    versions = []
    for n, length in enumerate(lengths):
        end = start + dt.timedelta(days=length - 1)
        versions.append(_version(n, start, end if n < len(lengths) - 1 else None))
        start = end + dt.timedelta(days=1)
    assert check_family(versions) == []
    day = dt.date(2020, 1, 1) + dt.timedelta(days=offset)
    chosen = pick(versions, day.isoformat(), None)
    assert chosen.effective.covers(day, day)
    assert [v for v in versions if v.effective.covers(day, day)] == [chosen]


@pytest.mark.parametrize(
    ("period", "first", "last"),
    [
        ("2022", (2022, 1, 1), (2022, 12, 31)),
        ("2024-02", (2024, 2, 1), (2024, 2, 29)),
        ("2022-12", (2022, 12, 1), (2022, 12, 31)),
        ("2022-06-30", (2022, 6, 30), (2022, 6, 30)),
        ("2022/6", (2022, 6, 1), (2022, 6, 30)),
        ("2022/06/30", (2022, 6, 30), (2022, 6, 30)),
        ("2022年", (2022, 1, 1), (2022, 12, 31)),
        ("2022年度", (2022, 1, 1), (2022, 12, 31)),
        ("２０２２年", (2022, 1, 1), (2022, 12, 31)),
        ("2022年6月", (2022, 6, 1), (2022, 6, 30)),
        ("2022年12月31日", (2022, 12, 31), (2022, 12, 31)),
        (" 2022 ", (2022, 1, 1), (2022, 12, 31)),
        ("2022 年 6 月", (2022, 6, 1), (2022, 6, 30)),
        # a timestamp column's, a float column's and a datetime cell's periods
        ("2022-06-30 00:00:00", (2022, 6, 30), (2022, 6, 30)),
        ("2022-06-30T13:45:00", (2022, 6, 30), (2022, 6, 30)),
        ("2022.0", (2022, 1, 1), (2022, 12, 31)),
        ("2021-2022", (2021, 1, 1), (2022, 12, 31)),
        ("2021年至2022年", (2021, 1, 1), (2022, 12, 31)),
    ],
)
def test_periods_read_as_a_year_a_month_or_a_day(
    period: str, first: tuple[int, int, int], last: tuple[int, int, int]
) -> None:
    assert period_range(period, None) == (dt.date(*first), dt.date(*last))


@pytest.mark.parametrize(
    "period",
    ["FY2022", "2022.06", "上半年", "2022年13月", "2022-02-30", "2022/", "2022年6", "2022-2021"],
)
def test_a_period_that_names_no_year_month_or_day_is_refused(period: str) -> None:
    """Dots are refused: YAML reads 2022.10 as the number 2022.1."""
    message = (
        f"period '{period}' is not a year, month or date; write e.g. 2022, 2022-06, "
        "2022-06-30 or 2022年6月 so that it picks a version"
    )
    with pytest.raises(ActualsError) as raised:
        period_range(period, None)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("period", "problem"),
    [
        (
            "2021年",
            "period '2021年' runs 2021-01-01 – 2021-12-31, but this spec is in force "
            "2022-01-01 – 2022-12-31 (its effective dates); give the folder of its fiscal-year "
            "versions to pick the one for this period, or the spec of that period",
        ),
        (
            "FY2021",
            "period 'FY2021' is not a year, month or date, and this spec is in force "
            "2022-01-01 – 2022-12-31 (its effective dates); write e.g. 2022, 2022-06, "
            "2022-06-30 or 2022年6月, so that the dates can be checked",
        ),
    ],
)
def test_a_version_named_directly_checks_a_period_in_chinese_or_refuses_it(
    tmp_path: Path, period: str, problem: str
) -> None:
    """A period the dates could not be checked against was scored under the
    version named, whatever its year: 2021年's actuals under the 2022 rules."""
    text = (YEARS_PATH / "office-2022.actuals.yaml").read_text("utf-8")
    actuals = tmp_path / "a.yaml"
    actuals.write_text(re.sub(r"(?m)^period: .*$", f'period: "{period}"', text), "utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("period:"))
    code, _, err = invoke("score", f"{YEARS}/rules-2022.yaml", str(actuals))
    assert (code, err.strip()) == (1, f"{actuals}:{line}:9: {problem}")


OUT_OF_FORCE = (
    "period '2022' runs 2022-01-01 – 2022-12-31, but this spec is in force 2021-01-01 – "
    "2021-12-31 (its effective dates); give the folder of its fiscal-year versions to pick "
    "the one for this period, or the spec of that period"
)


def test_a_version_named_directly_refuses_a_period_it_is_not_in_force_for() -> None:
    """2022's actuals under the 2021 rules scored 99.00 优 (87.00 良 by 2022's)."""
    code, _, err = invoke("score", f"{YEARS}/rules-2021.yaml", f"{YEARS}/office-2022.actuals.yaml")
    assert code == 1
    assert err == f"{YEARS}/office-2022.actuals.yaml:4:9: {OUT_OF_FORCE}\n"
    code, out, _ = invoke("score", YEARS, f"{YEARS}/office-2022.actuals.yaml")
    assert code == 0 and "Total 87.00 / 100.00" in out


@pytest.mark.parametrize("rows", [20, 300])  # the exact path, and the column-wise one
def test_a_table_row_of_a_period_the_version_is_not_in_force_for_fails(
    tmp_path: Path, rows: int
) -> None:
    table = tmp_path / "t.csv"
    lines = ["entity,period,staff_control,compliance,trips,satisfaction"]
    lines += [f"u{i},{2021 + i % 2},100,1,5,93" for i in range(rows)]
    table.write_text("\n".join(lines) + "\n", "utf-8")
    code, out, _ = invoke("batch", f"{YEARS}/rules-2021.yaml", str(table), "-f", "csv")
    assert code == 1
    body = out.splitlines()[1:]
    assert {line.split(",")[6] for line in body[0::2]} == {"ok"}
    failed = body[1::2]
    assert len(failed) == rows // 2
    in_a_table = (
        "period '2022' runs 2022-01-01 – 2022-12-31, but this spec is in force 2021-01-01 – "
        "2021-12-31 (its effective dates); score this period's rows with the version in force "
        "for it (a table of several periods: one table per version)"
    )
    assert failed[0].startswith(f'3,u1,2022,,,,error,"{table}:3:2: {in_a_table}')


def test_compare_scores_the_same_actuals_by_two_years_rules() -> None:
    """Comparing the 2021 rules with 2022's on 2022's actuals was refused: the 2021
    version is not in force for 2022. compare is for exactly that; a note says so."""
    code, out, err = invoke(
        "compare",
        f"{YEARS}/rules-2021.yaml",
        f"{YEARS}/rules-2022.yaml",
        f"{YEARS}/office-2022.actuals.yaml",
    )
    assert (code, err) == (
        0,
        f"{YEARS}/rules-2021.yaml: note: in force 2021-01-01 – 2021-12-31, but compare scores "
        "the actuals by it whatever their period\n",
    )
    assert out.splitlines()[:4] == [
        f"A  {YEARS}/rules-2021.yaml (street-office 2021)",
        "   total 99.00 / 100.00   grade 优",
        f"B  {YEARS}/rules-2022.yaml (street-office 2022)",
        "   total 87.00 / 100.00   grade 良",
    ]


def test_an_empty_period_is_no_period_for_a_version_named_directly(tmp_path: Path) -> None:
    """``period: ""`` was refused as "not a year, month or date"; a table's empty
    period cell is no period, and so is this."""
    text = (YEARS_PATH / "office-2022.actuals.yaml").read_text("utf-8")
    actuals = tmp_path / "a.yaml"
    actuals.write_text(re.sub(r"(?m)^period: .*$", 'period: ""', text), "utf-8")
    code, out, err = invoke("score", f"{YEARS}/rules-2022.yaml", str(actuals))
    assert (code, err) == (0, "")
    assert "Total 87.00 / 100.00" in out


def test_a_version_given_as_itself_and_in_its_folder_is_read_once(tmp_path: Path) -> None:
    """``validate fam fam/rules-2022.yaml`` said the version overlapped itself."""
    folder = tmp_path / "fam"
    shutil.copytree(ROOT / YEARS, folder)
    given = (str(folder), str(folder / "." / "rules-2022.yaml"))
    assert invoke("validate", *given) == (0, "4 files valid\n", "")


def _next_year(folder: Path, head: str) -> Path:
    """rules-2022 written as rules-2021 extended (``head``: its first lines)."""
    (folder / "rules-2022.yaml").write_text(head + "change: {trips: {target: 4}}\n", "utf-8")
    return folder


@pytest.fixture
def year_2021(tmp_path: Path) -> Path:
    shutil.copy(ROOT / YEARS / "rules-2021.yaml", tmp_path)
    shutil.copy(ROOT / YEARS / "office-2022.actuals.yaml", tmp_path / "a.yaml")
    return tmp_path


def test_next_years_version_extending_last_years_without_dates_is_told_at_its_extends(
    year_2021: Path,
) -> None:
    """It took last year's dates from its base: the overlap was said of the base
    with itself, and validate called the folder valid."""
    folder = _next_year(year_2021, "spec: 1\nid: street-office\nextends: rules-2021.yaml\n")
    said = (
        f"{folder}/rules-2022.yaml:3:1: effective: this version has no dates of its own and "
        "takes 2021-01-01 – 2021-12-31 from the spec it extends, when "
        f"{folder}/rules-2021.yaml is in force already; give it its own effective: {{from, to}}"
    )
    code, _, err = invoke("validate", str(folder))
    assert code == 1
    assert err.splitlines()[0] == said
    code, _, err = invoke("score", str(folder), str(folder / "a.yaml"))
    assert (code, err.splitlines()[0]) == (1, said)


def test_next_years_version_extending_its_own_id_is_asked_for_the_file(year_2021: Path) -> None:
    """extends by its own id took the only other version, whatever its dates, and
    broke once a third year was added."""
    folder = _next_year(
        year_2021,
        "spec: 1\nid: street-office\nextends: street-office\n"
        "effective: {from: 2022-01-01, to: 2022-12-31}\n",
    )
    code, _, err = invoke("validate", str(folder / "rules-2022.yaml"))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{folder}/rules-2022.yaml:3:10: extends: 'street-office' is the id of 1 spec here "
        f"({folder}/rules-2021.yaml (2021-01-01 – 2021-12-31)), and it is this spec's own id: "
        "a version extends another by its file's name; name the file to extend "
        "(extends: rules-2021.yaml)"
    )


def test_next_years_version_extending_last_years_file_with_its_own_dates_scores(
    year_2021: Path,
) -> None:
    folder = _next_year(
        year_2021,
        "spec: 1\nid: street-office\nextends: rules-2021.yaml\n"
        "effective: {from: 2022-01-01, to: 2022-12-31}\n",
    )
    code, _out, err = invoke("validate", str(folder))
    assert (code, err) == (0, "")
    code, out, err = invoke("score", str(folder), str(folder / "a.yaml"))
    assert code == 0, err
    assert "≥ 4 次" in out  # the 2022 version's changed target


def test_compare_over_a_table_notes_only_a_version_out_of_force_for_its_rows(
    tmp_path: Path,
) -> None:
    """The note named every dated version over a table, the one in force for every
    row's period too."""
    table = tmp_path / "units.csv"
    table.write_text(
        "entity,period,staff_control,compliance,trips,satisfaction\n"
        "甲,2022,100,1,5,93\n乙,2022,98,0,7,88\n",
        encoding="utf-8",
    )
    code, _out, err = invoke(
        "compare", f"{YEARS}/rules-2021.yaml", f"{YEARS}/rules-2022.yaml", str(table)
    )
    assert (code, err) == (
        0,
        f"{YEARS}/rules-2021.yaml: note: in force 2021-01-01 – 2021-12-31, but compare scores "
        "the actuals by it whatever their period\n",
    )


def test_a_spec_extending_an_undated_spec_of_its_own_id_is_as_before(tmp_path: Path) -> None:
    """No dates on either side: not versions of a family, the one spec of that id."""
    text = (ROOT / YEARS / "rules-2021.yaml").read_text("utf-8")
    (tmp_path / "common.yaml").write_text(
        text.replace("effective: {from: 2021-01-01, to: 2021-12-31}\n", ""), "utf-8"
    )
    (tmp_path / "local.yaml").write_text(
        "spec: 1\nid: street-office\nextends: street-office\nchange: {trips: {target: 4}}\n",
        "utf-8",
    )
    code, out, err = invoke("validate", str(tmp_path))
    assert (code, out, err) == (0, "2 files valid\n", "")


def test_review_of_one_entitys_files_picks_the_version_from_a_folder() -> None:
    """review refused a folder of versions (score took it): the submissions'
    periods pick one; files of two versions are refused, each version's named."""
    from conftest import invoke

    folder = "examples/families/years"
    one = f"{folder}/office-2022.actuals.yaml"
    by_folder = invoke("review", folder, one, "-f", "csv")
    by_file = invoke("review", f"{folder}/rules-2022.yaml", one, "-f", "csv")
    assert by_folder[0] == 0 and by_folder == by_file
    code, _out, err = invoke("review", folder, f"{folder}/office-2021.actuals.yaml", one)
    assert (code, err) == (
        2,
        f"{folder}: the submissions fall in 2 fiscal-year versions (rules-2021.yaml: "
        f"{folder}/office-2021.actuals.yaml; rules-2022.yaml: {one}); review each version's "
        "submissions on their own\n",
    )
