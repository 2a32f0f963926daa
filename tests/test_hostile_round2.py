"""Hostile inputs, round two: cost that grows with the input, paths, terminals,
spreadsheets and outputs.

Each test states the wanted behaviour of one defect of the second probe. Command
lines run in a subprocess with a generous hang guard (never a timing assertion);
the cost of the largest accepted inputs is measured by benchmarks/hostile_sizes.py.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import cli_process
import pytest
from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
H = ROOT / "tests" / "data" / "hostile"
BASE = H / "base.yaml"
OK = H / "ok.yaml"
ENV = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
#: a hang guard, far above any honest run: a super-linear parser blows through it
HANG = 120


def run(
    *args: object, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m engine ARGS``: a fresh process of the command-line server
    (tests/cli_server.py) in ``ENV``; a real interpreter when ``env`` is given
    (what it changes, the terminal's encoding or the time zone, is read at start-up)."""
    command = [sys.executable, "-m", "engine", *map(str, args)]
    if env is None:
        done = cli_process.run(command[3:], cwd=cwd, env=ENV, timeout=HANG)
        return subprocess.CompletedProcess(command, done.code, done.out, done.err)
    return subprocess.run(
        command,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=HANG,
    )


def one_line(p: subprocess.CompletedProcess[str], code: int = 1) -> str:
    """The single message line of a refusal (no traceback, the given exit code)."""
    assert p.returncode == code, (p.returncode, p.stderr[-2000:])
    assert "Traceback" not in p.stderr
    lines = p.stderr.strip("\n").split("\n")
    assert len(lines) == 1, p.stderr[:2000]
    return lines[0]


# -- 1. number parsing runs in linear time ------------------------------------------


def _number_patterns() -> dict[str, re.Pattern[str]]:
    from engine.base import numbers
    from engine.batch import fastpath, tables
    from engine.spec import load

    found = {}
    for module in (numbers, load, tables, fastpath):
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found[f"{module.__name__}.{name}"] = value
    return found


def _unbounded_backtracking_repeats(pattern: str) -> list[str]:
    """Repeats that may give characters back (greedy or lazy, more than one)."""
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    out: list[str] = []

    def walk(items: object) -> None:
        for op, arg in items:  # type: ignore[attr-defined]
            if op in (c.MAX_REPEAT, c.MIN_REPEAT):
                lo, hi, body = arg
                if hi != lo:
                    out.append(f"{op} {lo}..{hi}")
                walk(body)
            elif op is c.POSSESSIVE_REPEAT:
                walk(arg[2])
            elif op is c.SUBPATTERN:
                walk(arg[-1])
            elif op is c.BRANCH:
                for branch in arg[1]:
                    walk(branch)
            elif op is c.ATOMIC_GROUP:
                walk(arg)

    walk(_parser.parse(pattern))
    return out


def test_number_patterns_never_backtrack_into_a_digit_run() -> None:
    """Structural proof of linear time: no repeat in a number pattern can give back
    what it matched, so a match reads each character once (the old plain-number
    pattern re-split a digit run at every position: 20,000 digits took 10 s)."""
    patterns = _number_patterns()
    assert "engine.base.numbers._PLAIN_NUMBER_RE" in patterns
    bad = {
        name: reps
        for name, rx in patterns.items()
        if (reps := _unbounded_backtracking_repeats(rx.pattern))
    }
    assert bad == {}


_OLD_PLAIN = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")


@given(st.text(alphabet="0123456789+-.eE x_", max_size=12))
def test_number_pattern_accepts_what_it_accepted_before(text: str) -> None:
    from engine.base.numbers import looks_numeric

    assert looks_numeric(text) == bool(_OLD_PLAIN.match(text.strip()))


def test_a_megabyte_of_digits_is_refused_in_one_pass() -> None:
    from engine.base.numbers import NumberError, parse_number

    with pytest.raises(NumberError) as e:
        parse_number("1" * 1_000_000 + "x")
    assert str(e.value) == f"'{'1' * 60}… (1000001 characters)' is not a number"


def test_long_digit_cells_quoted_values_and_sets_are_refused_at_once(tmp_path: Path) -> None:
    digits = "9" * 130_000 + "x"  # just under the CSV cell cap, three in a row
    (tmp_path / "t.csv").write_text(
        f"entity,budget,spent,trips,incidents\nA,{digits},{digits},{digits},0\n"
    )
    p = run("batch", BASE, tmp_path / "t.csv")
    assert p.returncode == 1
    assert "(130001 characters)' is not a number; write digits" in p.stderr
    assert len(p.stderr) < 2000

    (tmp_path / "a.yaml").write_text(OK.read_text().replace("trips: 3", f'trips: "{digits}"'))
    line = one_line(run("score", BASE, tmp_path / "a.yaml"))
    assert line.endswith("a.yaml:6:10: values: 'trips' needs a number (次), not a text")

    line = one_line(run("score", BASE, OK, "--set", f"indicators.trips.target={digits}"), 2)
    assert line == "--set[1]:1:25: 'target' must be a number, not a text"


# -- 3. huge integers: formatted, and one row's failure stays that row's ------------

BIG_SPEC = """\
spec: 1
id: big
title: big
total: 10
indicators:
  - id: a
    name: A
    weight: 10
    unit: "%"
    direction: higher
    target: 100
    method: {formula: "weight*min(1,(PRODUCT)**1)"}
"""


def test_a_row_whose_formula_grows_past_python_int_limits_fails_alone(tmp_path: Path) -> None:
    product = "*".join(["actual**900"] * 12)  # 1.5 → over 5,000 digits
    (tmp_path / "big.yaml").write_text(BIG_SPEC.replace("PRODUCT", product))
    (tmp_path / "t.csv").write_text("entity,a\nA,1\nB,1.5\nC,1\n")
    p = run("batch", "big.yaml", "t.csv", "--format", "csv", cwd=tmp_path)
    assert p.returncode == 1, p.stderr
    got = p.stdout.splitlines()
    assert got[1] == "2,A,,10.00,10,,ok,,,10.00"
    assert got[2].startswith("3,B,,,,,error,\"big.yaml:12:13: indicator 'a' (A): power too large")
    assert got[3] == "4,C,,10.00,10,,ok,,,10.00"
    lines = p.stderr.strip().split("\n")
    assert lines[0] == "2 scored, 1 failed"
    assert lines[1].startswith("big.yaml:12:13: indicator 'a' (A): power too large: ")
    assert lines[1].endswith("; check row 3 (B) of t.csv")


def test_values_beyond_the_int_to_text_limit_are_shown_in_scientific_notation() -> None:
    from fractions import Fraction

    from engine.base.numbers import format_fixed, format_value

    assert format_value(Fraction(3) ** 5000 / Fraction(2) ** 5000) == "2.8595340902…e+880"
    assert format_value(Fraction(1, 3) ** 3000) == "4.3274876886…e-1432"
    assert format_value(-(Fraction(10) ** 5000)) == "-1.0000000000…e+5000"
    assert format_value(10**5000) == "1.0000000000…e+5000"
    assert format_fixed(Fraction(7) ** 4000, 2) == "2.4669483510…e+3380"
    assert format_value(Fraction(10) ** 900) == "1" + "0" * 900  # still exact below the limit


def test_the_exact_path_turns_an_unexpected_failure_into_that_rows_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from engine.batch import rows

    calls = iter([None, ValueError("boom \x1b[2J"), None])

    def evaluate(*args: object, **kwargs: object) -> object:
        err = next(calls)
        if err is not None:
            raise err
        return real(*args, **kwargs)

    real = rows.evaluate
    monkeypatch.setattr(rows, "evaluate", evaluate)
    from engine.batch.tables import open_table
    from engine.spec.compile import compile_spec
    from engine.spec.load import load_file

    spec = compile_spec(load_file(BASE))
    table_file = ROOT / "tests" / "data" / "hostile" / "three-rows.csv"
    table = open_table(str(table_file), spec)
    got = list(rows_of(spec, table))
    assert [bool(r.errors) for r in got] == [False, True, False]
    assert got[1].errors == (
        f"{table_file}:3:1: internal error scoring this row (ValueError: boom \\x1b[2J); "
        "the other rows were scored; please report it with the spec and this row",
    )


def rows_of(spec: object, table: object) -> list[object]:
    from engine.batch.runner import score_rows

    return list(score_rows(spec, table, fast=False))  # type: ignore[arg-type]


# -- 4. test-case files read only their own folder (and its parent, run from there)

OUTSIDE = (
    "is outside the folders a test file may read: its own, and its parent when that lies "
    "in the working folder (a path relative to the test file; no absolute paths, no links "
    "leading out)"
)


def _suite(folder: Path, actuals: str, spec: str = "base.yaml") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "base.yaml").write_text(BASE.read_text())
    (folder / "t.tests.yaml").write_text(
        f"spec: {spec}\ncases:\n  - name: c\n    actuals: {actuals}\n    expect: {{error: 'Uid'}}\n"
    )


@pytest.mark.parametrize(
    "ref", ["../../secret.yaml", "/proc/self/status", "link.yaml", "sub/../../../secret.yaml"]
)
def test_a_test_file_cannot_read_files_outside_its_folder(tmp_path: Path, ref: str) -> None:
    # run from proj/: the secret lies above both the test file's folder and the working one
    (tmp_path / "secret.yaml").write_text("Uid: 0\nsecret_key: 1\n")
    _suite(tmp_path / "proj" / "suite", ref)
    (tmp_path / "proj" / "suite" / "link.yaml").symlink_to(tmp_path / "secret.yaml")
    p = run("test", "suite/t.tests.yaml", cwd=tmp_path / "proj")
    assert p.returncode == 1
    out = " ".join((p.stdout + p.stderr).split())  # the report wraps long lines
    assert f"error: expected Uid, got suite/t.tests.yaml:4:14: '{ref}' {OUTSIDE}" in out
    assert "secret_key" not in out
    assert out.endswith("0 passed, 1 failed")


def test_a_test_file_cannot_name_a_spec_outside_its_folder(tmp_path: Path) -> None:
    (tmp_path / "spec.yaml").write_text(BASE.read_text())
    _suite(tmp_path / "proj" / "suite", "a.yaml", spec="../../spec.yaml")
    p = run("test", "suite", cwd=tmp_path / "proj")
    assert p.returncode == 1
    assert p.stderr.splitlines() == [
        f"suite/t.tests.yaml:1:7: '../../spec.yaml' {OUTSIDE}",
        "0 passed, 0 failed, 1 file error",
    ]


def test_a_test_file_run_from_elsewhere_reads_only_its_own_folder(tmp_path: Path) -> None:
    # run from home, a test file elsewhere cannot read its neighbours (the working
    # folder does not hold its parent)
    (tmp_path / "home").mkdir()
    _suite(tmp_path / "mail" / "suite", "../secret.yaml")
    (tmp_path / "mail" / "secret.yaml").write_text("Uid: 0\nsecret_key: 1\n")
    p = run("test", str(tmp_path / "mail" / "suite"), cwd=tmp_path / "home")
    out = " ".join((p.stdout + p.stderr).split())
    assert f"'../secret.yaml' {OUTSIDE}" in out
    assert "secret_key" not in out


def test_a_test_file_reads_the_projects_examples_beside_its_folder(tmp_path: Path) -> None:
    # the contract's layout: specs/NAME.tests.yaml naming ../examples/..., run from the
    # project's folder
    _suite(tmp_path / "specs", "../examples/a.yaml")
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "a.yaml").write_text(OK.read_text())
    p = run("test", "specs", cwd=tmp_path)
    out = " ".join((p.stdout + p.stderr).split())
    assert "error: expected Uid, got no error" in out


def test_files_below_the_test_files_folder_are_read(tmp_path: Path) -> None:
    _suite(tmp_path / "suite", "data/a.yaml")
    (tmp_path / "suite" / "data").mkdir()
    (tmp_path / "suite" / "data" / "a.yaml").write_text(OK.read_text())
    p = run("test", "suite", cwd=tmp_path)
    out = " ".join((p.stdout + p.stderr).split())
    assert "error: expected Uid, got no error" in out


def test_the_shipped_test_files_read_copies_of_the_examples() -> None:
    copies = sorted((ROOT / "specs" / "examples").glob("*/actuals.yaml"))
    assert len(copies) == 5
    for copy in copies:
        original = ROOT / "examples" / copy.parent.name / "actuals.yaml"
        assert copy.read_text().split("\n", 1)[1] == original.read_text().split("\n", 1)[1]
    for tests in (ROOT / "specs").glob("*.tests.yaml"):
        assert "../" not in re.sub(r"#.*", "", tests.read_text())


# -- 5. init writes no link and overwrites nothing without --force -----------------


def test_init_refuses_to_write_through_a_link(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "spec.schema.json").symlink_to(victim)
    for extra in ((), ("--force",)):
        line = one_line(run("init", "new", *extra, cwd=tmp_path), 2)
        assert line == (
            "new: spec.schema.json is a symbolic link; init does not write through "
            "links: remove them, or choose another folder"
        )
        assert victim.read_text() == "precious"
        assert sorted(p.name for p in (tmp_path / "new").iterdir()) == ["spec.schema.json"]


def test_init_refuses_to_overwrite_a_schema_without_force(tmp_path: Path) -> None:
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "tests.schema.json").write_text("mine")
    line = one_line(run("init", "new", cwd=tmp_path), 2)
    assert line == (
        "new: tests.schema.json already exist; use --force to overwrite them, or another folder"
    )
    assert (tmp_path / "new" / "tests.schema.json").read_text() == "mine"
    p = run("init", "new", "--force", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "new" / "tests.schema.json").read_text() != "mine"


# -- 6. control characters reach no terminal raw -----------------------------------

ESCAPES = "\x1b[2K\x1b[1A 1  10.00  FAKE\x1b]0;pwned\x07\u202e"


def test_control_characters_in_cells_are_shown_escaped_in_the_ranking(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text(
        "entity,budget,spent,trips,incidents\n"
        f'"Evil{ESCAPES}",100,90,3,0\nGood,100,100,4,0\n"Bad{ESCAPES}",0,90,3,0\n',
        encoding="utf-8",
    )
    p = run("batch", BASE, "t.csv", cwd=tmp_path)
    assert p.returncode == 1
    for stream in (p.stdout, p.stderr):
        assert not re.search("[\x00-\x09\x0b-\x1f\x7f\u202e]", stream), repr(stream)
    # BEL shown too (rich drops it from the text it is given)
    assert "Evil\\x1b[2K\\x1b[1A 1  10.00  FAKE\\x1b]0;pwned\\x07\\u202e" in p.stdout
    assert p.stderr.splitlines()[-1].startswith("t.csv:4:2: indicator 'rate' (预算执行率): ")


def test_control_characters_in_names_and_messages_are_escaped(tmp_path: Path) -> None:
    esc = "\\e[2K\\e[1A 1  10.00  FAKE\\e]0;pwned\\a\\u202e"  # YAML escapes
    spec = BASE.read_text().replace("title: 基础规格", f'title: "T{esc}"')
    spec = spec.replace("name: 外出招商次数", f'name: "N{esc}"')
    (tmp_path / "s.yaml").write_text(spec, encoding="utf-8")
    actuals = OK.read_text().replace("trips: 3", f'"trips{esc}": 3')
    (tmp_path / "a.yaml").write_text(actuals, encoding="utf-8")
    (tmp_path / "ok.yaml").write_text(OK.read_text(), encoding="utf-8")
    p = run("score", "s.yaml", "ok.yaml", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f\u202e]", p.stdout), repr(p.stdout)
    assert "T\\x1b[2K\\x1b[1A 1  10.00  FAKE\\x1b]0;pwned\\x07\\u202e" in p.stdout
    assert "N\\x1b[2K\\x1b[1A" in p.stdout
    p = run("score", "s.yaml", "a.yaml", cwd=tmp_path)
    assert p.returncode == 1
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f\u202e]", p.stderr), repr(p.stderr)
    assert "'trips\\x1b[2K\\x1b[1A 1  10.00  FAKE\\x1b]0;pwned\\x07\\u202e'" in p.stderr


def test_visible_escapes_every_control_character_and_keeps_the_rest() -> None:
    from engine.base.text import shown, visible

    assert visible("a\x1b[31mb\x07\x9b\u202e\u2066c\td\ne") == (
        "a\\x1b[31mb\\x07\\x9b\\u202e\\u2066c\\x09d\\x0ae"
    )
    assert visible("a\nb\x1b", keep="\n") == "a\nb\\x1b"
    assert visible("预算执行率 😀 𠮷") == "预算执行率 😀 𠮷"
    assert shown("x" * 61) == "x" * 60 + "… (61 characters)"


# -- 7. no formula reaches a spreadsheet -------------------------------------------


def _injection_table(tmp_path: Path, rows: int = 1) -> Path:
    lines = ["entity,period,budget,spent,trips,incidents,notes.trips"]
    lines.append('"=HYPERLINK(""http://x"",""y"")",+1,100,90,3,0,@SUM(A1)')
    lines.append('-5,"-1+2",100,90,3,0,"+cmd|\' /C calc\'!A0"')
    lines += [f"E{i},2024,100,90,3,0,ok" for i in range(rows)]
    (tmp_path / "t.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path / "t.csv"


@pytest.mark.parametrize("rows", [0, 300])  # the exact path, and the column-wise one
def test_batch_csv_cells_that_start_like_formulas_are_defused(tmp_path: Path, rows: int) -> None:
    _injection_table(tmp_path, rows)
    p = run("batch", BASE, "t.csv", "--format", "csv", "--bom", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    got = p.stdout.splitlines()[1:3]
    assert got == [
        '2,"\'=HYPERLINK(""http://x"",""y"")",+1,8.85,10,,ok,,,3.60,2.25,3.00,\'@SUM(A1)',
        "3,-5,'-1+2,8.85,10,,ok,,,3.60,2.25,3.00,'+cmd|' /C calc'!A0",
    ]


def test_score_csv_cells_that_start_like_formulas_are_defused(tmp_path: Path) -> None:
    spec = BASE.read_text().replace("name: 外出招商次数", 'name: "=1+1"')
    spec = spec.replace("unit: 次", 'unit: "@x"')
    (tmp_path / "s.yaml").write_text(spec, encoding="utf-8")
    p = run("score", "s.yaml", OK, "--format", "csv", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    row = p.stdout.splitlines()[2].split(",")
    assert row[1:4] == ["trips", "'=1+1", "'@x"]


def test_defused_leaves_numbers_and_plain_text() -> None:
    from engine.render._fmt import defused

    assert [defused(t) for t in ["-3.5", "+2", "=1+1", "-", "@a", "\tx", "\r=1", "a=b", ""]] == [
        "-3.5",
        "+2",
        "'=1+1",
        "'-",
        "'@a",
        "'\tx",
        "'\r=1",
        "a=b",
        "",
    ]


def _xlsx_cells(path: Path) -> dict[str, list[tuple[object, str]]]:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    return {
        ws.title: [(c.value, c.data_type) for row in ws.iter_rows() for c in row]
        for ws in wb.worksheets
    }


def test_batch_xlsx_grade_labels_and_texts_are_never_formulas(tmp_path: Path) -> None:
    spec = BASE.read_text() + 'grades:\n  - {grade: "=1+1", min: 0}\n'
    (tmp_path / "s.yaml").write_text(spec, encoding="utf-8")
    _injection_table(tmp_path)
    p = run("batch", "s.yaml", "t.csv", "-o", "out.xlsx", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    cells = _xlsx_cells(tmp_path / "out.xlsx")
    assert [c for c in cells["grades"] if c[0] == "=1+1"] == [("=1+1", "s")]
    assert not [c for sheet in cells.values() for c in sheet if c[1] == "f"]


# -- 11. the same inputs give the same XLSX bytes ----------------------------------


def test_xlsx_outputs_are_byte_identical_across_runs_and_timezones(tmp_path: Path) -> None:
    _injection_table(tmp_path)
    outputs = []
    for i, tz in enumerate(["UTC", "Asia/Shanghai"]):
        env = {**ENV, "TZ": tz, "SOURCE_DATE_EPOCH": str(1_000_000 * i)}
        for cmd in (("batch", BASE, "t.csv"), ("score", BASE, OK)):
            out = tmp_path / f"{cmd[0]}{i}.xlsx"
            p = run(*cmd, "-o", out, cwd=tmp_path, env=env)
            assert p.returncode == 0, p.stderr
            outputs.append(out.read_bytes())
        if i == 0:
            import time

            time.sleep(2.1)  # zip times have a two-second resolution
    assert outputs[0] == outputs[2]
    assert outputs[1] == outputs[3]
    assert b"2000-01-01T00:00:00Z" in __import__("zipfile").ZipFile(tmp_path / "score0.xlsx").read(
        "docProps/core.xml"
    )


# -- 8. outputs -------------------------------------------------------------------


@pytest.mark.parametrize("which", ["spec", "actuals"])
def test_o_naming_an_input_is_refused(tmp_path: Path, which: str) -> None:
    (tmp_path / "spec.yaml").write_text(BASE.read_text(), encoding="utf-8")
    (tmp_path / "actuals.yaml").write_text(OK.read_text(), encoding="utf-8")
    (tmp_path / "link.json").symlink_to(tmp_path / f"{which}.yaml")
    before = (tmp_path / f"{which}.yaml").read_bytes()
    for target in (f"{which}.yaml", "link.json"):
        args = ("score", "spec.yaml", "actuals.yaml", "-o", target, "--format", "json")
        line = one_line(run(*args, cwd=tmp_path), 2)
        assert line == f"-o {target}: is an input of this command; write the output to another file"
        assert (tmp_path / f"{which}.yaml").read_bytes() == before


def test_o_naming_the_table_is_refused(tmp_path: Path) -> None:
    _injection_table(tmp_path)
    before = (tmp_path / "t.csv").read_bytes()
    line = one_line(run("batch", BASE, "t.csv", "-o", "t.csv", cwd=tmp_path), 2)
    assert line == "-o t.csv: is an input of this command; write the output to another file"
    assert (tmp_path / "t.csv").read_bytes() == before


def test_rewriting_an_output_keeps_its_mode(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("{}")
    out.chmod(0o600)
    p = run("score", BASE, OK, "-o", out)
    assert p.returncode == 0, p.stderr
    assert out.stat().st_mode & 0o777 == 0o600
    assert out.read_text().startswith("{\n")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_a_one_line_message() -> None:
    line = one_line(run("score", BASE, OK, "-o", "/dev/full", "--format", "json"))
    assert line == "/dev/full: cannot write (No space left on device); nothing was written"
    with open("/dev/full", "w") as full:
        p = subprocess.run(
            [sys.executable, "-m", "engine", "score", BASE, OK],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
            timeout=HANG,
        )
    assert p.returncode == 1
    assert p.stderr == "standard output: cannot write (No space left on device)\n"


def test_an_encoding_that_cannot_hold_a_name_is_a_one_line_message(tmp_path: Path) -> None:
    spec = BASE.read_text().replace("name: 外出招商次数", 'name: "外出😀𠮷"')
    (tmp_path / "s.yaml").write_text(spec, encoding="utf-8")
    env = {**ENV, "PYTHONIOENCODING": "gbk"}
    line = one_line(run("score", "s.yaml", OK, cwd=tmp_path, env=env))
    assert line == (
        "standard output: its encoding (gbk) cannot hold '\\U0001f600'; set "
        "PYTHONIOENCODING=utf-8, or write to a file with -o"
    )
    (tmp_path / "a.yaml").write_text(
        OK.read_text().replace("trips: 3", '"😀": 3\n  trips: 3'), encoding="utf-8"
    )
    line = one_line(run("score", BASE, "a.yaml", cwd=tmp_path, env=env))
    assert line == "a.yaml:6:3: values: unknown indicator id '\\U0001f600'; known: trips, incidents"


def test_a_closed_pipe_ends_quietly_with_exit_0(tmp_path: Path) -> None:
    rows = "\n".join(f"E{i},100,90,3,0" for i in range(20_000))
    (tmp_path / "t.csv").write_text(f"entity,budget,spent,trips,incidents\n{rows}\n")
    for fmt in ("csv", "json", "table"):
        cmd = [sys.executable, "-m", "engine", "batch", BASE, "t.csv", "--format", fmt]
        proc = subprocess.Popen(
            cmd, cwd=tmp_path, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.readline()
        proc.stdout.close()  # what `| head -1` does
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=HANG) == 0, err
        assert "Traceback" not in err and "Exception ignored" not in err


@pytest.mark.parametrize(
    "args",
    [("init", "starter"), ("methods",), ("schema", "spec"), ("validate", str(BASE))],
    ids=["init", "methods", "schema", "validate"],
)
def test_a_command_whose_reader_is_gone_ends_quietly_with_exit_0(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    """Standard output a pipe whose reader has gone before the first line (what
    `| head -0` or a reader that failed does): typer would exit 1 without a word."""
    read, write = os.pipe()
    os.close(read)
    try:
        p = subprocess.run(
            [sys.executable, "-m", "engine", *args],
            cwd=tmp_path if args[0] == "init" else ROOT,
            env=ENV,
            stdout=write,
            stderr=subprocess.PIPE,
            timeout=HANG,
            check=False,
        )
    finally:
        os.close(write)
    err = p.stderr.decode()
    assert p.returncode == 0, err
    assert err == ""
    if args[0] == "init":
        assert (tmp_path / "starter" / "starter.yaml").is_file()


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGHUP", "SIGQUIT"])
def test_hangup_and_quit_remove_the_temporary_file(tmp_path: Path, sig: str) -> None:
    script = f"""
import os, signal, sys
from engine.cli.stopping import install
from engine.base.output import AtomicWriter
install()
try:
    with AtomicWriter("out.csv") as fh:
        fh.write(b"half")
        os.kill(os.getpid(), signal.{sig})
except KeyboardInterrupt:
    sys.exit(130)
"""
    p = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env={**ENV, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=HANG,
    )
    assert p.returncode == 130, p.stderr
    assert sorted(os.listdir(tmp_path)) == []


# -- 9. inputs that must be accepted -----------------------------------------------


def _yaml_printable(ch: str) -> bool:
    c = ord(ch)
    return (
        ch in "\t\n\r"
        or 0x20 <= c <= 0x7E
        or 0xA0 <= c <= 0xD7FF
        or 0xE000 <= c <= 0xFFFD
        or c >= 0x10000
    ) and ch not in "\u2028\u2029\ufeff"


@given(st.text(max_size=20))
def test_json_that_json_dumps_writes_is_read_back_exactly(text: str) -> None:
    import json

    from engine.spec.load import load_text

    data = {"a": text, "b": [text, {"c": text}]}
    written = json.dumps(data)  # escapes every non-ASCII character, pairs for 𠮷
    if "\x7f" in text:
        return  # written raw by json.dumps; raw control characters are refused
    assert load_text(written, "x.json").data == data
    if all(_yaml_printable(ch) for ch in text):
        assert load_text(json.dumps(data, ensure_ascii=False), "x.json").data == data


def test_surrogate_pair_escapes_in_json_actuals_are_accepted(tmp_path: Path) -> None:
    import json

    actuals = {
        "spec": "hostile-base",
        "entity": "𠮷野家 😀",
        "inputs": {"budget": 100, "spent": 90},
        "values": {"trips": 3, "incidents": 0},
    }
    (tmp_path / "a.json").write_text(json.dumps(actuals), encoding="utf-8")
    assert "\\ud842\\udfb7" in (tmp_path / "a.json").read_text()
    p = run("score", BASE, "a.json", "--format", "json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["entity"] == "𠮷野家 😀"


def test_method_params_keep_every_decimal(tmp_path: Path) -> None:
    spec = BASE.read_text().replace(
        "method: threshold", "method: {deduct: {per: 0.00000000001, max: 2.000000000000001}}"
    )
    (tmp_path / "s.yaml").write_text(spec, encoding="utf-8")
    p = run("score", "s.yaml", OK, "--format", "json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "0.00000000001 * max(actual - target, 0), 2.000000000000001)" in p.stdout


# -- 10. the cost of allowed inputs is bounded --------------------------------------


def test_a_yaml_file_of_more_than_half_a_million_values_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("values:\n" + "- 1\n" * 500_001)
    line = one_line(run("score", BASE, "a.yaml", cwd=tmp_path))
    assert line == (
        "a.yaml:499999:3: more than 500,000 values in one file; a spec or actuals file "
        "holds far fewer (split it, or give a table to batch)"
    )


def test_test_dir_refuses_a_huge_yaml_without_reading_it(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    with open(tmp_path / "d" / "huge.yaml", "wb") as fh:
        fh.truncate(1024**3)  # sparse: 1 GiB that takes no room
    p = run("test", "d", cwd=tmp_path)
    assert p.returncode == 1
    assert p.stderr.splitlines() == [
        "d/huge.yaml: file is 1073741824 bytes; files over 8388608 bytes are refused",
        "0 passed, 0 failed, 1 file error",
    ]


def test_inline_test_detection_reads_lines_not_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from engine.review import spectest

    f = tmp_path / "s.yaml"
    f.write_bytes(b"spec: 1\n" + b"# x\n" * 1000 + b"tests:\n")
    monkeypatch.setattr(Path, "read_text", lambda *a, **k: pytest.fail("read whole"))
    monkeypatch.setattr(Path, "read_bytes", lambda *a, **k: pytest.fail("read whole"))
    assert spectest._has_inline_tests(f) is True


def test_a_header_wider_than_excel_is_refused(tmp_path: Path) -> None:
    header = "entity," + ",".join(f"c{i}" for i in range(16_384))
    (tmp_path / "t.csv").write_text(f"{header}\nA{',1' * 16_384}\n")
    line = one_line(run("batch", BASE, "t.csv", cwd=tmp_path))
    assert line == (
        "t.csv:1:16385: the header has 16,385 columns; at most 16,384 are read "
        "(Excel's own limit); is this the right file?"
    )


def test_messages_do_not_echo_huge_values(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text(f"entity,{'x' * 100_000}\nA,1\n")
    p = run("batch", BASE, "t.csv", cwd=tmp_path)
    assert p.returncode == 1
    assert p.stderr.splitlines()[0] == (
        f"t.csv:1:2: column '{'x' * 60}… (100000 characters)' is not an indicator, input or "
        "known column of spec 'hostile-base'; columns: entity, period, indicator ids or "
        "names, input ids, score.ID, notes.ID, na.ID, claimed.ID, claimed_total; to leave a "
        "column out, clear its header"
    )
    line = one_line(run("score", BASE, OK, "--set", f"{'k' * 100_000}=1"), 2)
    assert line.startswith(f"--set[1]:1:1: unknown key '{'k' * 60}… (100000 characters)'; ")
    assert len(line) < 400


# -- 12. raw control characters in YAML; Markdown carries no HTML or links ----------


def test_a_raw_control_character_in_yaml_is_one_located_line(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_bytes(b'spec: 1\nid: x\ntitle: "a\x1bb"\n')
    p = run("validate", "s.yaml", cwd=tmp_path)
    assert p.returncode == 1
    assert p.stderr.splitlines() == [
        "s.yaml:3:10: a raw control character (\\x1b) is not allowed in YAML; remove it, "
        "or write it as the escape \\x1b inside double quotes",
        "1 error in 1 of 1 file",
    ]


def test_markdown_shows_html_and_links_from_the_inputs_as_text(tmp_path: Path) -> None:
    spec = BASE.read_text().replace(
        "name: 外出招商次数", 'name: "<script>x</script> [a](javascript:alert(1)) <javascript:y>"'
    )
    spec = spec.replace("title: 基础规格", 'title: "<img src=x onerror=alert(1)>"')
    (tmp_path / "s.yaml").write_text(spec, encoding="utf-8")
    actuals = OK.read_text().replace("entity: 测试单位", 'entity: "[e](javascript:z)"')
    (tmp_path / "a.yaml").write_text(actuals + "notes: {trips: '<b>n</b>'}\n", encoding="utf-8")
    p = run("score", "s.yaml", "a.yaml", "--format", "markdown", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    out = p.stdout
    assert "<" not in out and "](" not in out.replace("\\](", "")
    assert out.startswith(
        "# &lt;img src=x onerror=alert(1)&gt;\n\nspec `hostile-base` · \\[e\\](javascript:z)\n"
    )
    assert (
        "| &lt;script&gt;x&lt;/script&gt; \\[a\\](javascript:alert(1)) &lt;javascript:y&gt; |"
        in out
    )
    assert "&lt;b&gt;n&lt;/b&gt;" in out


# -- linear time, counted: the work of the parsers at n and 2n ----------------------


def _calls(work: object) -> int:
    """Python-level function calls made by ``work()``: a deterministic step count."""
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        work()  # type: ignore[operator]
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "values:\n" + "".join(f"- {i}\n" for i in range(n)),
        lambda n: "values:\n" + "".join(f"  k{i}: '{'x' * (i % 7)}'\n" for i in range(n)),
        lambda n: '{"a": [' + ", ".join(['"\\ud842\\udfb7"'] * n) + "]}",
    ],
    ids=["list", "mapping", "json-surrogates"],
)
def test_the_loader_does_twice_the_work_for_twice_the_values(make: object) -> None:
    from engine.spec.load import load_text

    small = _calls(lambda: load_text(make(2_000), "x.json"))  # type: ignore[operator]
    large = _calls(lambda: load_text(make(4_000), "x.json"))  # type: ignore[operator]
    assert large <= 2.05 * small, (small, large)


def test_reading_a_table_does_twice_the_work_for_twice_the_rows(tmp_path: Path) -> None:
    from engine.batch.runner import score_rows
    from engine.batch.tables import open_table
    from engine.spec.compile import compile_spec
    from engine.spec.load import load_file

    spec = compile_spec(load_file(BASE))

    def work(n: int) -> int:
        rows = "".join(f"E{i},{'9' * (i % 50)}x,90,3,0\n" for i in range(n))
        (tmp_path / f"t{n}.csv").write_text(f"entity,budget,spent,trips,incidents\n{rows}")
        table = open_table(str(tmp_path / f"t{n}.csv"), spec)
        return _calls(lambda: list(score_rows(spec, table, fast=False)))

    small, large = work(500), work(1_000)
    assert large <= 2.05 * small, (small, large)


@pytest.mark.parametrize(
    "args",
    [
        ("score", "{link}", OK),
        ("score", BASE, "{link}"),
        ("batch", BASE, "{link}"),
        ("review", BASE, "{link}"),
        ("test", "{link}"),
    ],
    ids=["spec", "actuals", "table", "forms", "tests"],
)
def test_a_symbolic_link_that_leads_nowhere_is_said_so(
    tmp_path: Path, args: tuple[object, ...]
) -> None:
    (tmp_path / "a").symlink_to("b")  # a loop: a → b → a
    (tmp_path / "b").symlink_to("a")
    (tmp_path / "gone").symlink_to("deleted.yaml")
    loop = [str(a).format(link="a") for a in args]
    said = one_line(run(*loop, cwd=tmp_path))
    assert said == "a: cannot read (Too many levels of symbolic links)"
    gone = [str(a).format(link="gone") for a in args]
    assert one_line(run(*gone, cwd=tmp_path)) == (
        "gone: a symbolic link to deleted.yaml, which does not exist; give the file itself"
    )
    zh = run(*loop, cwd=tmp_path, env={**ENV, "SCORECARD_LANG": "zh"})
    assert one_line(zh) == "a: 无法读取（符号链接层数过多，可能链接成环）"


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "{long}.yaml"),
        ("batch", BASE, "{long}.csv"),
        ("batch", BASE, "'{long}/*.csv'"),
        ("score", BASE, OK, "-o", "{long}.json"),
    ],
    ids=["spec", "table", "pattern", "output"],
)
def test_a_name_too_long_for_the_system_is_said_at_it(
    tmp_path: Path, args: tuple[object, ...]
) -> None:
    """84 Chinese characters (252 bytes and a suffix) stopped most commands with an
    internal error (OSError: File name too long)."""
    long = str(tmp_path / ("中" * 90))
    given = [str(a).format(long=long).strip("'") for a in args]
    name = next(a for a in given if long in a)
    assert one_line(run(*given, cwd=tmp_path)) == (
        f"{name}: the name is too long for the system (File name too long); give a shorter name "
        "or path"
    )
