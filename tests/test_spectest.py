"""`scorecard test` and `--set`: spec test cases and in-memory spec changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import invoke

ROOT = Path(__file__).resolve().parent.parent
SEED = ("specs/gz-dept-overall-2021.yaml", "examples/licheng-2021/actuals.yaml")


def cases(tmp_path: Path, text: str) -> Path:
    """A test file of ``text`` (its cases) for the seed spec as ``s.yaml``, with
    the seed actuals as ``a.yaml`` beside it."""
    shutil.copy(ROOT / SEED[0], tmp_path / "s.yaml")
    shutil.copy(ROOT / SEED[1], tmp_path / "a.yaml")
    tests = tmp_path / "s.tests.yaml"
    tests.write_text("spec: s.yaml\ncases:\n" + text, encoding="utf-8")
    return tests


pytestmark = pytest.mark.usefixtures("in_root")


def test_the_shipped_specs_pass_their_tests() -> None:
    code, out, _ = invoke("test", "specs/")
    assert code == 0
    lines = out.splitlines()
    assert lines[-1].endswith("passed, 0 failed")
    assert int(lines[-1].split()[0]) >= 20
    assert all(line.startswith("PASS ") for line in lines[:-1])


def test_a_wrong_expectation_fails_with_expected_actual_and_derivation(tmp_path: Path) -> None:
    spec = tmp_path / "s.yaml"
    shutil.copy(ROOT / SEED[0], spec)
    shutil.copy(ROOT / SEED[1], tmp_path / "a.yaml")  # a test file reads its own folder
    (tmp_path / "s.tests.yaml").write_text(
        "spec: s.yaml\n"
        "cases:\n"
        "  - name: wrong on purpose\n    actuals: a.yaml\n"
        "    expect: {total: 90, scores: {trips: 3, rehab: 2.63}, grade: 优}\n",
        encoding="utf-8",
    )
    code, out, _ = invoke("test", str(tmp_path), "--width", "100")
    assert code == 1
    lines = [line.strip() for line in out.splitlines()]
    assert lines[0] == "FAIL wrong on purpose"
    assert lines[1] == f"at {tmp_path}/s.tests.yaml:3:5"
    assert "total: expected 90, got 88.59" in lines
    assert "grade: expected 优, got 良" in lines
    assert "score of trips: expected 3, got 2.81" in lines
    assert "= 3.75 * min(3 / 4, 1)" in lines  # the derivation of the differing indicator
    assert "score of rehab: expected 2.63, got 2.63" not in lines
    assert lines[-1] == "0 passed, 1 failed"


def test_inline_tests_in_a_spec_and_errors_in_test_files(tmp_path: Path) -> None:
    spec = tmp_path / "s.yaml"
    spec.write_text(
        "spec: 1\nid: s\ntotal: 4\n"
        "indicators:\n  - {id: x, name: X, weight: 4, direction: higher, target: 4, "
        "method: ratio}\n"
        "tests:\n  - name: three of four\n    actuals: {values: {x: 3}}\n"
        "    expect: {total: 3, scores: {x: 3}, band: {y: 1}}\n",
        encoding="utf-8",
    )
    code, _out, err = invoke("test", str(spec))
    assert code == 1
    assert err.splitlines()[0] == (  # a case that could never pass: the file is wrong
        f"{spec}:9:47: expect.band: no indicator 'y' in the spec; give the id of an "
        "indicator scored by bands or grades"
    )
    (tmp_path / "t.tests.yaml").write_text("spec: nothere\ncases: []\n", encoding="utf-8")
    code, _out, err = invoke("test", str(tmp_path / "t.tests.yaml"))
    assert code == 1
    assert err.splitlines()[0] == f"{tmp_path}/t.tests.yaml:2:8: 'cases' must not be empty"


def test_a_test_file_naming_an_unknown_spec(tmp_path: Path) -> None:
    (tmp_path / "t.tests.yaml").write_text(
        "spec: gz-dept\ncases:\n  - {name: x, expect: {total: 1}}\n", encoding="utf-8"
    )
    code, _out, err = invoke("test", str(tmp_path))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{tmp_path}/t.tests.yaml:1:7: spec 'gz-dept' is neither a file beside this test file "
        f"nor the id of a spec in {tmp_path}"
    )


def test_no_tests_found_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = invoke("test", str(tmp_path))
    assert code == 1 and "no test cases found" in err


def test_set_half_even_changes_the_total_exactly_where_a_tie_exists() -> None:
    _, up, _ = invoke("explain", *SEED, "rehab")
    _, even, _ = invoke("explain", *SEED, "rehab", "--set", "rounding.mode=half_even")
    assert "2.625 → 2.63" in up and "2.625 → 2.62" in even
    code, out, _ = invoke("score", *SEED, "--set", "rounding.mode=half_even", "-f", "json")
    assert code == 0 and '"total": "88.58"' in out


def test_set_is_validated_like_an_edited_file() -> None:
    code, _, err = invoke("score", *SEED, "--set", "rounding.mode=half_evn")
    assert code == 2  # located in the --set: the command line is wrong
    assert err == (
        "--set[1]:1:15: 'mode' cannot be the text 'half_evn'; did you mean "
        "'half_even'?; valid: half_up, half_even, down\n"
    )
    code, _, err = invoke("score", *SEED, "--set", "indicators.trps.weight=5")
    assert code == 2
    assert err == (
        "--set[1] 'indicators.trps.weight=5': no indicator 'trps'; did you mean "
        "'trips'?; give an indicator id or a list position\n"
    )
    code, _, err = invoke("score", *SEED, "--set", "indicators.trips.weight=5")
    assert code == 2  # everything wrong in a --set is the command line's
    assert err.startswith(  # the error names the --set that broke the group, not a spec line
        "--set[1]:1:25: with this weight the group adds up to 16.25, not industry's weight 15"
    )
    code, _, err = invoke("score", *SEED, "--set", "weight")
    assert code == 2 and "write PATH=VALUE" in err


def test_set_a_method_with_params() -> None:
    code, out, _ = invoke(
        "explain", *SEED, "trips", "--set", "indicators.trips.method={threshold: {partial: 0.5}}"
    )
    assert code == 0
    assert "weight if actual >= target else weight * 0.5" in out
    assert "score 1.88" in out


def test_validate_checks_inline_test_cases(tmp_path: Path) -> None:
    spec = tmp_path / "s.yaml"
    spec.write_text(
        "spec: 1\nid: s\ntotal: 4\nindicators:\n  - {id: x, name: X, weight: 4, "
        "direction: higher, target: 4, method: ratio}\ntests:\n  - name: a\n"
        "    expect: {totl: 3}\n",
        encoding="utf-8",
    )
    code, _, err = invoke("validate", str(spec))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{spec}:8:20: unknown key 'totl'; did you mean 'total'?; "
        "valid keys here: band, error, full_marks, grade, scores, "
        "status, total"
    )


def test_command_line_set_also_applies_to_cases_with_their_own_spec_set() -> None:
    code, out, _ = invoke(
        "test", "specs/gz-dept-overall-2021.tests.yaml", "--set", "rounding.places=1"
    )
    assert code == 1
    assert "FAIL 四舍五入与五成双：2.625 的舍入" in out  # one decimal now: 2.6, not 2.62


def test_validate_takes_folders_and_checks_actuals_against_their_spec(tmp_path: Path) -> None:
    assert invoke("init", str(tmp_path))[0] == 0
    code, out, _ = invoke("validate", str(tmp_path))
    assert (code, out) == (0, "3 files valid\n")  # spec, actuals, tests; schemas skipped
    (tmp_path / "bad.actuals.yaml").write_text(
        "spec: starter\nvalues: {trainings: x}\n", encoding="utf-8"
    )
    code, _, err = invoke("validate", str(tmp_path))
    assert code == 1
    assert (
        f"{tmp_path}/bad.actuals.yaml:2:21: values: 'trainings' needs a number (次), not "
        "the text 'x'" in err.splitlines()
    )


def test_the_json_stamp_records_the_set_changes() -> None:
    import hashlib
    import json

    code, out, _ = invoke("score", *SEED, "-f", "json", "--set", "rounding.mode=half_even")
    stamp = json.loads(out)["stamp"]
    assert code == 0 and stamp["spec_changes"] == ["rounding.mode=half_even"]
    file_hash = hashlib.sha256((ROOT / SEED[0]).read_bytes()).hexdigest()
    expected = hashlib.sha256(f"{file_hash}\0rounding.mode=half_even".encode()).hexdigest()
    assert stamp["spec_sha256"] == expected


def test_an_expected_grade_of_none_is_said_in_words(tmp_path: Path) -> None:
    """grade: null printed "expected None, got 良" (Python's word)."""
    spec = tmp_path / "s.yaml"
    shutil.copy(ROOT / SEED[0], spec)
    shutil.copy(ROOT / SEED[1], tmp_path / "a.yaml")
    (tmp_path / "s.tests.yaml").write_text(
        "spec: s.yaml\ncases:\n  - name: no grade\n    actuals: a.yaml\n"
        "    expect: {grade: null}\n",
        encoding="utf-8",
    )
    code, out, _ = invoke("test", str(tmp_path), "--width", "100")
    assert code == 1
    assert "grade: expected no grade, got 良" in [line.strip() for line in out.splitlines()]


def test_a_spec_set_entry_without_equals_says_how_to_write_one(tmp_path: Path) -> None:
    """It said "it must match ^[^=]+=.*$"."""
    tests = cases(
        tmp_path,
        "  - name: x\n    actuals: a.yaml\n    spec_set: [nope]\n    expect: {total: 88.59}\n",
    )
    code, _, err = invoke("validate", str(tests))
    assert code == 1
    assert err.splitlines()[0].endswith("write PATH=VALUE, e.g. trips.weight=5")


def test_an_error_in_a_spec_set_entry_is_located_in_the_test_file(tmp_path: Path) -> None:
    """It was located at --set[N]:1:COL, a command line the test was not given."""
    tests = cases(
        tmp_path,
        "  - name: value\n    actuals: a.yaml\n    spec_set: [rounding.mode=half_evn]\n"
        "    expect: {total: 88.59}\n"
        "  - name: path\n    actuals: a.yaml\n"
        "    spec_set: [rounding.places=2, 'indicators.trps.weight=5']\n"
        "    expect: {total: 88.59}\n",
    )
    tests = tmp_path / "s.tests.yaml"
    code, out, _ = invoke("test", str(tests), "--width", "400", "--set", "rounding.places=2")
    assert code == 1
    lines = [line.strip() for line in out.splitlines()]
    assert (
        f"error: expected no error, got {tests}:5:30: 'mode' cannot be the text 'half_evn'; "
        "did you mean 'half_even'?; valid: half_up, half_even, down"
    ) in lines
    assert (
        f"error: expected no error, got {tests}:9:36: 'indicators.trps.weight=5': no indicator "
        "'trps'; did you mean 'trips'?; give an indicator id or a list position"
    ) in lines
    assert lines[-1] == "0 passed, 2 failed"


def test_a_weight_set_in_a_case_that_breaks_its_group_offers_no_rebalance(tmp_path: Path) -> None:
    """test has no --rebalance: the message said to add it."""
    tests = cases(
        tmp_path,
        "  - name: w\n    actuals: a.yaml\n"
        "    spec_set: [trips.weight=5]\n    expect: {total: 88.59}\n",
    )
    code, out, _ = invoke("test", str(tests), "--width", "400")
    assert code == 1
    assert (
        f"error: expected no error, got {tests}:5:29: with this weight the group adds up to "
        "16.25, not industry's weight 15: training 3.75 + trips 5 + enterprises 3.75 + "
        "investment 3.75; set the siblings too, so that they add up"
    ) in [line.strip() for line in out.splitlines()]


def test_a_missing_actuals_file_is_a_located_file_error(tmp_path: Path) -> None:
    """It counted as a failed case ("expected no error, got a.yml: no such file")."""
    tests = cases(
        tmp_path,
        "  - name: typo\n    actuals: a.yml\n    expect: {total: 88.59}\n"
        "  - name: right\n    actuals: a.yaml\n    expect: {total: 88.59}\n",
    )
    code, out, err = invoke("test", str(tests))
    assert code == 1
    assert err == (
        f"{tests}:4:14: actuals: file 'a.yml' not found next to this test file; did you mean "
        "'a.yaml'?; give a path relative to the test file, or the actuals inline\n"
    )
    assert out == "PASS right\n1 passed, 0 failed, 1 file error\n"
    tests.write_text(
        "spec: s.yaml\ncases:\n  - name: typo\n    actuals: data/a.yml\n"
        "    expect: {total: 88.59}\n",
        encoding="utf-8",
    )
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / SEED[1], tmp_path / "data" / "a.yaml")
    code, out, err = invoke("test", str(tests))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{tests}:4:14: actuals: file 'data/a.yml' not found next to this test file; did you "
        "mean 'data/a.yaml'?; give a path relative to the test file, or the actuals inline",
        "0 passed, 0 failed, 1 file error",
    ]


def test_a_failed_case_says_its_error_and_hints_in_chinese(tmp_path: Path) -> None:
    """Under --lang zh the error of a case (and a did-you-mean) was shown in English."""
    tests = cases(
        tmp_path,
        "  - name: text\n    actuals: a.yaml\n    set: {values: {trips: x}}\n"
        "    expect: {total: 88.59}\n"
        "  - name: id\n    actuals: a.yaml\n    expect: {band: {trip: 1}}\n"
        "  - name: expected\n    actuals: a.yaml\n    set: {values: {trips: x}}\n"
        "    expect: {error: needs a number}\n"
        "  - name: another\n    actuals: a.yaml\n    set: {values: {trips: x}}\n"
        "    expect: {error: no such thing}\n"
        "  - name: chinese\n    actuals: a.yaml\n    set: {values: {trips: x}}\n"
        "    expect: {error: 需要一个数值}\n",
    )
    code, out, err = invoke("test", str(tests), "--width", "400", "--lang", "zh")
    assert code == 1
    assert [line.strip() for line in out.splitlines()] == [
        "失败 text",
        f"位于 {tests}:3:5",
        f"错误：预期 没有错误，实际 {tests}:5:27: values：'trips' 需要一个数值（次），"
        "而不是文字 'x'",
        "通过 expected",  # matched in English in every language
        "失败 another",
        f"位于 {tests}:14:5",  # the English message it was matched against, and the Chinese
        f"错误：预期 no such thing，实际 {tests}:16:27: values: 'trips' needs a number (次), not "
        f"the text 'x' | {tests}:16:27: values：'trips' 需要一个数值（次），而不是文字 'x'",
        "通过 chinese",  # a Chinese designer's words match too (it was matched in English only)
        "2 个通过，2 个失败，1 个文件错误",
    ]
    assert err.splitlines()[0] == (
        f"{tests}:9:21: expect.band：规格中没有指标 'trip'（是否想写 'trips'？）；"
        "请写按分档或等级计分的指标 id"
    )
    code, out, _ = invoke("test", str(tests), "--width", "400", "--lang", "en")
    assert "PASS chinese" in out.splitlines()  # the same in every interface language


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "expect: grade '甲' is not a grade of the spec; grades: 优, 良, 中, 差"),
        ("zh", "expect：'甲' 不是规格中的等级；等级有：优、良、中、差"),
    ],
)
def test_an_expected_grade_the_spec_does_not_have_is_a_located_file_error(
    lang: str, message: str, tmp_path: Path
) -> None:
    """It was a failed case saying only "grade: expected 甲, got 良"."""
    tests = cases(
        tmp_path,
        "  - name: unknown\n    actuals: a.yaml\n    expect: {grade: 甲}\n"
        "  - name: right\n    actuals: a.yaml\n    expect: {grade: 良}\n",
    )
    code, out, err = invoke("--lang", lang, "test", str(tests))
    assert code == 1
    assert err == f"{tests}:5:21: {message}\n"
    assert out.splitlines()[0] == ("PASS right" if lang == "en" else "通过 right")


def test_an_expected_grade_under_a_spec_without_grades_is_told_to_go(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(
        "spec: 1\nid: s\ntotal: 4\n"
        "indicators:\n  - {id: x, name: X, weight: 4, direction: higher, target: 4, "
        "method: ratio}\n"
        "tests:\n  - name: graded\n    actuals: {values: {x: 3}}\n"
        "    expect: {total: 3, grade: 优}\n",
        encoding="utf-8",
    )
    code, _out, err = invoke("test", str(tmp_path / "s.yaml"))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{tmp_path / 's.yaml'}:9:31: expect: grade '优', but the spec has no grades; remove it"
    )


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("actuals.yaml", ""),  # it was "did you mean 'tie-a.yaml'?": .yaml alike in both
        ("s.yml", ""),  # not the spec under test, s.yaml, nor its tests
        ("s.tests.yml", ""),
        ("s-a.json", "; did you mean 's-a.yaml'?"),
        ("s_a.yaml", "; did you mean 's-a.yaml'?"),
    ],
)
def test_a_missing_actuals_file_is_likened_to_actuals_by_name_without_extension(
    written: str, hint: str, tmp_path: Path
) -> None:
    shutil.copy(ROOT / SEED[0], tmp_path / "s.yaml")
    shutil.copy(ROOT / SEED[1], tmp_path / "s-a.yaml")
    shutil.copy(ROOT / SEED[1], tmp_path / "tie-a.yaml")
    tests = tmp_path / "s.tests.yaml"
    tests.write_text(
        f"spec: s.yaml\ncases:\n  - name: typo\n    actuals: {written}\n"
        "    expect: {total: 88.59}\n",
        encoding="utf-8",
    )
    code, _out, err = invoke("test", str(tests))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{tests}:4:14: actuals: file '{written}' not found next to this test file{hint}; "
        "give a path relative to the test file, or the actuals inline"
    )


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        (
            "en",
            "unknown key 'tolerance'; 'tolerance' belongs one level up, beside 'expect'; "
            "valid keys here: band, error, full_marks, grade, scores, status, total",
        ),
        (
            "zh",
            "未知的键 'tolerance'；'tolerance' 应写在上一层，与 'expect' 并列；"
            "此处可用的键：band、error、full_marks、grade、scores、status、total",
        ),
    ],
)
def test_a_tolerance_written_inside_expect_is_told_where_it_belongs(
    lang: str, message: str, tmp_path: Path
) -> None:
    tests = cases(
        tmp_path,
        "  - name: near\n    actuals: a.yaml\n    expect: {total: 88.6, tolerance: 0.01}\n",
    )
    for command in ("test", "validate"):
        code, _out, err = invoke("--lang", lang, command, str(tests))
        assert code == 1
        assert err.splitlines()[0] == f"{tests}:5:27: {message}"


def test_differences_come_in_the_order_written_and_wrap_under_their_own_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """They came total, grade, then scores whatever the case's order, and a line
    longer than the width went on at column 0."""
    cases(
        tmp_path,
        "  - name: wrong\n    actuals: a.yaml\n"
        "    expect: {scores: {budget_execution: 1}, grade: 优, total: 90}\n",
    )
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("test", "s.tests.yaml", "--width", "40")
    assert code == 1
    assert out.splitlines()[:6] == [
        "FAIL wrong",
        "    at s.tests.yaml:3:5",
        "    score of budget_execution: expected",
        "    1, got 9.08",
        "    grade: expected 优, got 良",
        "    total: expected 90, got 88.59",
    ]


def test_a_case_that_could_never_pass_is_a_file_error_for_validate_too(tmp_path: Path) -> None:
    """validate said "1 file valid" of a test file with an id typo in expect.scores
    and a key typo in set: both showed only when the test ran, as failed cases."""
    tests = cases(
        tmp_path,
        "  - name: set\n    actuals: a.yaml\n    set: {value: {trips: 3}}\n"
        "    expect: {total: 88.59}\n"
        "  - name: scores\n    actuals: a.yaml\n    expect: {scores: {trps: 1}}\n",
    )
    for command in ("validate", "test"):
        code, _out, err = invoke(command, str(tests))
        assert code == 1
        assert err.splitlines()[:2] == [
            f"{tests}:5:11: set: unknown key 'value'; did you mean 'values'?; keys: entity, "
            "period, inputs, values, not_applicable, overrides, notes, claimed, claimed_total, "
            "published",
            f"{tests}:9:23: expect.scores: no indicator 'trps' in the spec; did you mean "
            "'trips'?; give an indicator or group id",
        ]


def test_every_expectation_that_could_never_pass_is_told_at_once(tmp_path: Path) -> None:
    """validate told one of a case's wrong expectations a run; a band expected of
    an indicator without bands passed it, and failed the test as "got none"."""
    tests = cases(
        tmp_path,
        "  - name: band\n    actuals: a.yaml\n"
        "    expect: {band: {trips: 1, nosuch: 2, key_spending: 1}, scores: {qtyy: 3}}\n",
    )
    code, _out, err = invoke("validate", str(tests))
    assert code == 1
    assert err.splitlines()[:3] == [
        f"{tests}:5:21: expect.band: 'trips' is scored by ratio, which has no bands; "
        "expect.band names an indicator scored by bands or grades: key_spending, "
        "budget_adjustment, management_system, asset_management",
        f"{tests}:5:31: expect.band: no indicator 'nosuch' in the spec; give the id of an "
        "indicator scored by bands or grades",
        f"{tests}:5:69: expect.scores: no indicator 'qtyy' in the spec; give an indicator or "
        "group id",
    ]
