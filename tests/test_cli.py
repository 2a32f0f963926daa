"""The command line through typer's CliRunner, with golden files for output.

Regenerate the golden files after an intended change with
``UPDATE_GOLDEN=1 python -m pytest tests/test_cli.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import pytest
from conftest import invoke, update_wanted

from engine.cli.main import jemalloc_wheel

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
SEED = ("specs/gz-dept-overall-2021.yaml", "examples/licheng-2021/actuals.yaml")
ROADS = ("specs/national-project-2020.yaml", "examples/rural-roads-2023/actuals.yaml")


@pytest.fixture(autouse=True)
def in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if update_wanted():
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"differs from {path}"


@pytest.mark.parametrize(
    ("name", "files", "fmt"),
    [
        ("licheng-2021.table.txt", SEED, "table"),
        ("licheng-2021.tree.txt", SEED, "tree"),
        ("licheng-2021.json", SEED, "json"),
        ("rural-roads-2023.table.txt", ROADS, "table"),
        ("rural-roads-2023.tree.txt", ROADS, "tree"),
        ("rural-roads-2023.json", ROADS, "json"),
    ],
)
def test_scorecards_match_the_golden_files(name: str, files: tuple[str, str], fmt: str) -> None:
    code, out, err = invoke("score", *files, "--format", fmt, "--width", "80")
    assert (code, err) == (0, "")
    assert "\x1b[" not in out  # no colour when not on a terminal
    golden(name, out)


def test_the_seed_example_matches_a_computation_by_hand() -> None:
    code, out, _ = invoke("score", *SEED, "--format", "json")
    assert code == 0
    data = json.loads(out)
    flat = {}

    def walk(items: list[dict[str, object]]) -> None:
        for item in items:
            flat[item["id"]] = item["score"]
            walk(item["children"])  # type: ignore[arg-type]

    walk(data["indicators"])
    # 履行职能: 16 × 3.75; trips 3.75 × 3/4 = 2.8125 → 2.81; rehab 3.75 × 0.7 = 2.625 → 2.63;
    # community 3.75 × 170/220 = 2.897… → 2.90; everything else met or exceeded → 3.75
    assert flat["trips"] == "2.81" and flat["rehab"] == "2.63" and flat["community"] == "2.90"
    assert flat["incidents"] == "3.75"  # 0% against a target of 0: full marks
    assert flat["duties"] == "57.09"  # 60 − 0.94 − 1.12 − 0.85
    # 管理效能: 10 × 75317.78/82912.04 = 9.084… → 9.08, + 4 + 2 + 4 + 2.2 + 2.62 + 2.4 + 2 + 2 + 1.2
    assert flat["budget_execution"] == "9.08" and flat["management"] == "31.50"
    assert (data["total"], data["grade"]) == ("88.59", "良")
    assert (
        data["stamp"]["spec_sha256"]
        == __import__("hashlib").sha256((ROOT / SEED[0]).read_bytes()).hexdigest()
    )


def test_the_rural_roads_example_matches_a_computation_by_hand() -> None:
    """The second golden scorecard (rural-roads-2023), derived by hand from the
    spec's rules and the actuals, so that a wrong golden file cannot pass."""
    code, out, _ = invoke("score", *ROADS, "--format", "json")
    assert code == 0
    data = json.loads(out)
    flat: dict[str, object] = {}

    def walk(items: list[dict[str, object]]) -> None:
        for item in items:
            flat[str(item["id"])] = item["score"]
            walk(item["children"])  # type: ignore[arg-type]

    walk(data["indicators"])
    # 数量 20: road_km 126.4 ≥ 120 → 10; bridges 5 × 27/30 = 4.50, overridden to 5;
    # markings 40/40 → 5
    assert (flat["road_km"], flat["bridges"], flat["markings"]) == ("10.00", "5.00", "5.00")
    assert flat["quantity"] == "20.00"
    # 质量 15: pass_rate 96.5 in the band from 95 → 0.8 × 10 = 8; good_roads 76.2 < 80 → 5 × 0.5
    assert (flat["pass_rate"], flat["good_roads"], flat["quality"]) == ("8.00", "2.50", "10.50")
    # 时效 10: on_time 5 × (92 − 50)/(100 − 50) = 4.20; delay_days 5 − 0.5 × 3 = 3.50
    assert (flat["on_time"], flat["delay_days"], flat["timeliness"]) == ("4.20", "3.50", "7.70")
    # 成本 5: unit_cost 2.8 > 2.5 → 5 × 2.5/2.8 = 4.464… → 4.46
    assert flat["unit_cost"] == "4.46"
    assert flat["output"] == "42.66"  # 20 + 10.50 + 7.70 + 4.46
    # 效益 30: 生态效益 (5) not applicable, its weight goes to the others in proportion:
    # 10, 10 and 5 become 12, 12 and 6 (× 30/25). travel: chosen 7.5 of 10 → 7.5 × 12/10 = 9;
    # freight_cost 12 × 4.2/5 = 10.08; upkeep 已建立 → 6 × 1 = 6
    assert (flat["travel"], flat["freight_cost"], flat["upkeep"]) == ("9.00", "10.08", "6.00")
    assert flat["greening"] is None and flat["benefit"] == "25.08"  # 9 + 10.08 + 6
    # 满意度: 93.6 ≥ 90 → 10; 预算执行率: 1068.75/1250 = 85.5% → 10 × 0.855 = 8.55
    assert (flat["survey"], flat["budget_execution"]) == ("10.00", "8.55")
    # 42.66 + 25.08 + 10 + 8.55 = 86.29: 良 (80 ≤ total < 90)
    assert (data["total"], data["grade"]) == ("86.29", "良")


def test_json_follows_the_scorecard_schema() -> None:
    import jsonschema

    schema = json.loads((ROOT / "schemas" / "scorecard.schema.json").read_text("utf-8"))
    for files in (SEED, ROADS):
        _, out, _ = invoke("score", *files, "--format", "json")
        jsonschema.validate(json.loads(out), schema)


def test_a_chosen_score_given_as_a_share_follows_the_scorecard_schema(tmp_path: Path) -> None:
    import jsonschema

    spec = tmp_path / "s.yaml"
    spec.write_text(
        "spec: 1\nid: s\ntotal: 10\nindicators:\n  - {id: social, name: 社会效益, weight: 10,\n"
        "     method: {grades: {达成: [0.8, 1], 未达成: [0, 0.6]}}}\n",
        "utf-8",
    )
    actuals = tmp_path / "a.yaml"
    actuals.write_text("spec: s\nvalues:\n  social: {grade: 达成, score: 85.0%}\n", "utf-8")
    code, out, err = invoke("score", str(spec), str(actuals), "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    schema = json.loads((ROOT / "schemas" / "scorecard.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema)
    social = data["indicators"][0]
    assert (social["actual"], social["score"]) == ({"grade": "达成", "score": "85%"}, "8.50")


def test_a_chosen_share_typed_in_full_width_is_written_as_the_ascii_one(tmp_path: Path) -> None:
    """``８５.０％`` (a Chinese input method's digits and sign) in YAML actuals scores
    as ``85.0%`` does, and the JSON scorecard writes it ``85%`` as it writes that."""
    spec = tmp_path / "s.yaml"
    spec.write_text(
        "spec: 1\nid: s\ntotal: 10\nindicators:\n  - {id: social, name: 社会效益, weight: 10,\n"
        "     method: {grades: {达成: [0.8, 1], 未达成: [0, 0.6]}}}\n",
        "utf-8",
    )
    actuals = tmp_path / "a.yaml"
    actuals.write_text("spec: s\nvalues:\n  social: {grade: 达成, score: ８５.０％}\n", "utf-8")
    code, out, err = invoke("score", str(spec), str(actuals), "--format", "json")
    assert (code, err) == (0, "")
    social = json.loads(out)["indicators"][0]
    assert (social["actual"], social["score"]) == ({"grade": "达成", "score": "85%"}, "8.50")


def test_explain_shows_formula_substitution_steps_rounding_and_position() -> None:
    code, out, _ = invoke("explain", *SEED, "trips", "--width", "80")
    assert code == 0
    lines = [line.strip() for line in out.splitlines()]
    spec_lines = (ROOT / SEED[0]).read_text("utf-8").splitlines()
    trips = next(n for n, line in enumerate(spec_lines, 1) if "{id: trips" in line)
    for expected in [
        "外出招商活动次数  trips",
        "target ≥ 4 次  actual 3 次  weight 3.75  score 2.81",
        "assumed with its group 产业创新发展: 三级指标权重原文未列出，16 项平均分配",
        f"ratio (higher is better)   specs/gz-dept-overall-2021.yaml:{trips + 1}:52",
        "weight * min(actual / target, 1)",
        "= 3.75 * min(3 / 4, 1)",
        "= 3.75 * min(0.75, 1)",
        "= 3.75 * 0.75",
        "= 2.8125",
        "round 2 places half_up   specs/gz-dept-overall-2021.yaml:25:11",
        "2.8125 → 2.81",
        "note: 受疫情影响，外出招商活动减少",
        f"defined at specs/gz-dept-overall-2021.yaml:{trips}:13",
    ]:
        assert expected in lines, expected


def test_explain_shows_the_derivation_of_a_derived_actual() -> None:
    code, out, _ = invoke("explain", *SEED, "budget_execution")
    assert code == 0
    assert "= 75317.78 / 82912.04 * 100" in out
    assert "= 10 * min(90.8405823810… / 100, 1)" in out


def test_explain_an_unknown_id_is_a_usage_error_with_a_suggestion() -> None:
    code, _, err = invoke("explain", *SEED, "trip")
    assert code == 2
    assert err.startswith(
        "scorecard explain: no indicator 'trip' in specs/gz-dept-overall-2021.yaml; did you "
        "mean 'trips'?; give an id or an exact name, or total; ids: management, "
    )


def test_explain_total_derives_the_total() -> None:
    """There was no way to explain the total: its formula (a one-vote veto, say)
    showed only in score -f tree."""
    code, out, err = invoke("explain", *SEED, "total", "--width", "100")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[3] == "Total 88.59 / 100.00   Grade 良"
    assert "  sum of the indicators   specs/gz-dept-overall-2021.yaml:16:1" in lines
    assert "    = 31.50 + 57.09" in lines
    assert "  children: management 31.50, duties 57.09" in lines


def test_validate_the_shipped_specs() -> None:
    code, out, err = invoke(
        "validate", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "specs").glob("*.yaml"))
    )
    assert (code, err) == (0, "")
    assert out.endswith(" files valid\n")


def test_validate_reports_errors_and_a_summary(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("spec: 1\nid: x\ntotal: 10\nindicators: []\nwieght: 1\n", encoding="utf-8")
    code, out, err = invoke("validate", str(bad))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"{bad}:4:13: 'indicators' must not be empty",
        f"{bad}:5:1: unknown key 'wieght'; valid keys here: add, aggregate, change, "
        "description, effective, extends, grades, id, indicators, inputs, methods, "
        "not_applicable, remove, rounding, source, spec, tests, title, total, version",
        "2 errors in 1 of 1 file",
    ]


def test_missing_and_unknown_values_are_located_errors(tmp_path: Path) -> None:
    text = (ROOT / SEED[1]).read_text("utf-8").replace("  trips: 3\n", "  trps: 3\n")
    actuals = tmp_path / "a.yaml"
    actuals.write_text(text, encoding="utf-8")
    code, out, err = invoke("score", SEED[0], str(actuals))
    assert code == 1 and out == ""
    assert err.splitlines() == [  # one typo, one line: no "missing trips" as well
        f"{actuals}:26:3: values: unknown indicator id 'trps'; did you mean 'trips'?; known: "
        "key_spending, budget_adjustment, three_public, staff_control, procurement, "
        "management_system, compliance, disclosure, asset_management, training, trips, "
        "enterprises, investment, garbage, sanitation, incidents, case_clearance, rehab, "
        "rental_actions, migrant_events, rental_registration, safety_net, canteen, community, "
        "reemployment",  # the indicators that take a value: no group
    ]
    code, out, err = invoke("score", SEED[0], str(actuals), "--missing", "zero")
    assert code == 1  # the unknown id is still an error


def test_missing_zero_flags_the_indicator(tmp_path: Path) -> None:
    text = (ROOT / SEED[1]).read_text("utf-8").replace("  trips: 3\n", "")
    actuals = tmp_path / "a.yaml"
    actuals.write_text(text, encoding="utf-8")
    code, out, _ = invoke("score", SEED[0], str(actuals), "--missing", "zero", "--width", "80")
    assert code == 0
    row = next(line for line in out.splitlines() if "外出招商活动次数" in line)
    assert row.split()[-3:] == ["3.75", "0.00", "M"]
    assert "Flags: O override · NA not applicable · M missing, scored 0" in out


def test_missing_files_are_one_line_errors() -> None:
    code, _, err = invoke("score", "nope.yaml", SEED[1])
    assert (code, err) == (1, "nope.yaml: no such file\n")
    code, _, err = invoke("score", "specs", SEED[1])
    assert (code, err) == (
        1,
        "specs: is a directory; give a file (or a folder of fiscal-year versions: specs "
        "sharing one id, each with effective: {from, to})\n",
    )


def test_output_file_is_written_whole(tmp_path: Path) -> None:
    out_file = tmp_path / "sc.json"
    code, out, _ = invoke("score", *SEED, "--format", "json", "-o", str(out_file))
    assert (code, out) == (0, "")
    assert json.loads(out_file.read_text("utf-8"))["total"] == "88.59"
    assert [p.name for p in tmp_path.iterdir()] == ["sc.json"]
    code, _, err = invoke("score", *SEED, "-o", str(tmp_path / "no" / "x.txt"))
    assert code == 2 and "does not exist" in err


def test_schema_command_prints_each_schema() -> None:
    for name in ("spec", "actuals", "scorecard"):
        code, out, _ = invoke("schema", name)
        assert code == 0 and json.loads(out)["$schema"].startswith(
            "http://json-schema.org/draft-07"
        )


def test_usage_errors_exit_2_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from engine.cli import main

    for argv, message in [
        (
            ["score", SEED[0]],
            "scorecard score: Missing argument 'ACTUALS'; see 'scorecard score --help'\n",
        ),
        (
            ["score", *SEED, "--format", "xml"],
            "scorecard score: Invalid value for '--format' "
            "/ '-f': 'xml' is not one of 'table', 'tree', 'json', 'markdown', 'html', 'csv', "
            "'xlsx'; see 'scorecard score --help'\n",
        ),
        (["frobnicate"], "scorecard: No such command 'frobnicate'; see 'scorecard --help'\n"),
    ]:
        with pytest.raises(SystemExit) as e:
            main(argv)
        assert e.value.code == 2
        assert capsys.readouterr().err == message


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["score", *SEED, "--missing", "zero", "--missing", "error"],
            "scorecard score: --missing given twice (zero, then error); give it once; "
            "see 'scorecard score --help'",
        ),
        (
            ["score", *SEED, "-f", "json", "--format=csv"],
            "scorecard score: --format given twice (json, then csv); give it once; "
            "see 'scorecard score --help'",
        ),
        (
            ["batch", SEED[0], "t.csv", "-j2", "--jobs", "1"],
            "scorecard batch: --jobs given twice (2, then 1); give it once; "
            "see 'scorecard batch --help'",
        ),
        (
            ["--lang", "zh", "batch", SEED[0], "t.csv", "--jobs", "1", "-j", "2"],
            "scorecard batch：--jobs 给了两次（先是 1，后是 2）；只给一次；"
            "见 'scorecard batch --help'",
        ),
        (  # the value of an option taking many is stepped over, "--" too
            ["batch", SEED[0], "t.csv", "--na", "--", "--missing", "zero", "--missing", "error"],
            "scorecard batch: --missing given twice (zero, then error); give it once; "
            "see 'scorecard batch --help'",
        ),
        (  # a value missing at the end is click's to say
            ["batch", SEED[0], "t.csv", "--missing", "zero", "--missing"],
            "scorecard batch: Option '--missing' requires an argument; "
            "see 'scorecard batch --help'",
        ),
    ],
)
def test_an_option_given_twice_with_two_values_is_refused(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    """typer keeps the last value without a word: the first would be lost."""
    from engine.cli import main

    with pytest.raises(SystemExit) as e:
        main(args)
    assert e.value.code == 2
    assert capsys.readouterr().err == message + "\n"


def test_help_is_shown_though_an_option_is_given_twice() -> None:
    code, out, _err = invoke(
        "batch", SEED[0], "t.csv", "--missing", "zero", "--missing", "error", "-h"
    )
    assert code == 0 and out.startswith("Usage: scorecard batch")


def test_an_option_repeated_with_its_value_and_options_taking_many_are_kept() -> None:
    code, out, err = invoke("score", *SEED, "--missing", "error", "--missing", "error", "-f", "csv")
    assert (code, err) == (0, "")
    assert out.startswith("level,id,")
    code, out, err = invoke(
        "score", *SEED, "--set", "trips.weight=4", "--set", "incidents.weight=1"
    )
    assert "given twice" not in err
    code, out, err = invoke("score", *SEED, "--width", "80", "--width", "080", "-f", "csv")
    assert (code, err) == (0, "")  # the same number


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--version", "extra"], "Got unexpected extra argument(s) (extra)"),
        (["--version", "score", "a.yaml"], "Got unexpected extra argument(s) (score a.yaml)"),
        (["--lang", "zh", "--version", "extra"], "多余的参数：extra"),
    ],
)
def test_version_with_arguments_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """--version printed the version and exited with 0, the arguments ignored."""
    from engine.cli import main

    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code == 2
    out, err = capsys.readouterr()
    see = "；见 'scorecard --help'" if "zh" in argv else "; see 'scorecard --help'"
    colon = "：" if "zh" in argv else ": "
    assert (out, err) == ("", f"scorecard{colon}{message}{see}\n")
    with pytest.raises(SystemExit) as e:
        main(["--lang", "en", "--version"])
    assert e.value.code == 0 and capsys.readouterr().out.startswith("scorecard ")


def test_every_command_help_gives_an_example() -> None:
    for command in ("validate", "schema", "score", "explain"):
        code, out, _ = invoke(command, "--help")
        assert code == 0 and "Example: scorecard " + command in out


def test_output_follows_symlinks_and_writes_pipes_directly(tmp_path: Path) -> None:
    import stat
    import threading

    real = tmp_path / "real.json"
    link = tmp_path / "link.json"
    link.symlink_to(real)
    code, _, _ = invoke("score", *SEED, "-f", "json", "-o", str(link))
    assert code == 0 and link.is_symlink() and json.loads(real.read_text("utf-8"))["total"]
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    code, _, _ = invoke("score", *SEED, "-f", "json", "-o", str(fifo))
    reader.join(timeout=30)
    assert code == 0 and stat.S_ISFIFO(fifo.stat().st_mode)  # still a pipe, not a file
    assert json.loads(got[0])["total"] == "88.59"


_ASKED = {"OPENBLAS_NUM_THREADS": "1", "NUMPY_MADVISE_HUGEPAGE": "0"}
if jemalloc_wheel():
    _ASKED["ARROW_DEFAULT_MEMORY_POOL"] = "jemalloc"


@pytest.mark.parametrize("variable", sorted(_ASKED))
@pytest.mark.parametrize("given", [None, "system"])
def test_the_command_line_asks_numpy_and_arrow_for_its_settings_unless_told(
    monkeypatch: pytest.MonkeyPatch, variable: str, given: str | None
) -> None:
    """OpenBLAS's idle threads cost CPU in every process that imports numpy, and
    Arrow's default pool holds more memory than jemalloc, numpy's huge pages stall
    on some virtual machines: the command line asks for one thread, jemalloc (on
    x86-64 Linux) and no huge pages, and keeps what the environment says."""
    import os

    from engine.cli.main import main

    monkeypatch.setenv(variable, given or "")  # restored afterwards
    if given is None:
        monkeypatch.delenv(variable)
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert os.environ[variable] == (given or _ASKED[variable])


@pytest.mark.parametrize(("call", "frozen"), [("entry()", True), ("main()", False)])
def test_only_the_process_own_command_line_freezes_the_heap(call: str, frozen: bool) -> None:
    """The console script and ``python -m engine`` (``entry``) freeze what
    start-up made (the collector skips it); a program calling ``main``, with its
    arguments or with ``sys.argv``, keeps its garbage collectable however often
    it calls, and so do the script's entry points in ``pyproject.toml``."""
    import subprocess
    import tomllib

    script = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print(gc.get_freeze_count(), file=sys.stderr))\n"
        "sys.argv = ['scorecard', '--version']\n"
        "from engine.cli.main import entry, main\n"
        f"{call}\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert run.returncode == 0, run.stderr
    assert (int(run.stderr.split()[-1]) > 1000) is frozen
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert scripts["scorecard"] == "engine.__main__:entry"
    assert (ROOT / "engine" / "__main__.py").read_text("utf-8").endswith("entry()\n")


#: a run of the script whose import of a module sends the process SIGINT, as a
#: Ctrl-C then would: the command line's own modules, or the command's (once the
#: command line took the signals)
_CTRL_C_WHILE_IMPORTING = """
import os, signal, sys
class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == MODULE:
            os.kill(os.getpid(), signal.SIGINT)
        return None
sys.meta_path.insert(0, CtrlC())
from engine.__main__ import entry
entry()
"""


@pytest.mark.parametrize(
    ("module", "code", "said"),
    [
        ("engine.cli.main", -2, ""),  # while loading: ended by the signal, nothing said
        ("engine.scoring.evaluate", 130, "interrupted; no output file was written\n"),
    ],
)
def test_ctrl_c_while_the_script_loads_prints_no_traceback(
    module: str, code: int, said: str
) -> None:
    """Ctrl-C while the script's modules load (the first tenth of a second) ends
    it quietly, as the signal's default action; once the command line took the
    signals, it is the usual one line."""
    import subprocess

    script = _CTRL_C_WHILE_IMPORTING.replace("MODULE", repr(module))
    args = ["score", "specs/gz-dept-overall-2021.yaml", "examples/licheng-2021/actuals.yaml"]
    run = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env={**os.environ, "SCORECARD_LANG": "en"},
        # as from a terminal: a runner that started the tests in the background has
        # them ignore SIGINT, and the script would inherit that
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert (run.returncode, run.stderr) == (code, said)


def test_each_command_is_registered_by_the_module_the_table_names() -> None:
    """A run imports only its command's module (``COMMANDS``): imported one by
    one in a fresh interpreter, each module registers exactly the commands the
    table gives it, and all of them, in the table's order, are --help's list."""
    import json
    import subprocess

    script = """
import importlib, json, typer
m = importlib.import_module("engine.cli.main")  # the module, not the function
seen, found = set(), {}
for module in dict.fromkeys(m.COMMANDS.values()):
    importlib.import_module("engine.cli." + module)
    names = list(typer.main.get_command(m.app).commands)
    found.update({n: module for n in names if n not in seen})
    seen.update(names)
print(json.dumps([found, names, list(typer.main.get_command(m.every_command()).commands)]))
"""
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    found, order, every = json.loads(run.stdout)
    from engine.cli.main import COMMANDS

    assert found == COMMANDS
    assert order == every == list(COMMANDS)


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (["score", "a.yaml", "b.yaml"], "score"),
        (["--lang", "zh", "batch", "x"], "batch"),
        (["--lang=en", "import", "f.xlsx"], "import"),
        (["--help"], None),
        (["--version"], None),
        (["scroe", "a"], None),
        ([], None),
        (["--lang", "zh"], None),
    ],
)
def test_a_run_registers_only_the_command_it_names(args: list[str], command: str | None) -> None:
    from engine.cli.main import command_in

    assert command_in(args) == command


def test_a_format_other_than_the_outputs_extension_names_is_noted(tmp_path: Path) -> None:
    """``-f json -o out.csv`` wrote JSON into a .csv without a word."""
    out = tmp_path / "out.csv"
    args = ("specs/gz-dept-overall-2021.yaml", "examples/licheng-2021/actuals.yaml")
    code, _out, err = invoke("score", *args, "-f", "json", "-o", str(out))
    assert (code, err) == (
        0,
        f"{out}: note: written as json (--format), though its extension names csv\n",
    )
    assert out.read_text("utf-8").startswith("{")
    code, _out, err = invoke("score", *args, "-f", "tree", "-o", str(tmp_path / "t.txt"))
    assert (code, err) == (0, "")  # a .txt holds a table or a tree


@pytest.mark.parametrize(("given", "name"), [("json", "out.xlsx"), ("xlsx", "out.csv")])
def test_a_workbook_of_another_format_is_refused(tmp_path: Path, given: str, name: str) -> None:
    """``-f json -o out.xlsx`` wrote a workbook Excel cannot open, with a note."""
    out = tmp_path / name
    named = name.rsplit(".", 1)[1]
    args = ("specs/gz-dept-overall-2021.yaml", "examples/licheng-2021/actuals.yaml")
    code, _out, err = invoke("score", *args, "-f", given, "-o", str(out))
    assert (code, err) == (
        2,
        f"-o {out}: its extension names {named}, but --format is {given}; name the file for "
        f"{given}, or give --format {named} (or leave --format out: the extension decides)\n",
    )
    assert not out.exists()


def test_a_program_that_sets_sigint_to_its_default_keeps_it() -> None:
    """The script's quiet loading marks its own SIG_DFL; a program calling main()
    with SIGINT at its default action on purpose keeps it."""
    import subprocess

    script = (
        "import signal, sys\n"
        "signal.signal(signal.SIGINT, signal.SIG_DFL)\n"
        "from engine.cli.main import main\n"
        "try:\n"
        "    main(['methods'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(signal.getsignal(signal.SIGINT) is signal.SIG_DFL, file=sys.stderr)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert run.stderr.splitlines()[-1] == "True"


@pytest.mark.parametrize(
    ("command", "output", "message"),
    [
        (
            ("batch", "specs/gz-dept-overall-2021.yaml", "examples/docs/units.csv"),
            "proj.yaml",
            "-o proj.yaml: this command cannot write a .yaml file; name the file with an "
            "extension it writes (.txt, .csv, .json, .xlsx, .parquet, .html, .htm), or give "
            "--format (table, csv, json, xlsx, parquet, html)\n",
        ),
        (
            ("batch", "specs/gz-dept-overall-2021.yaml", "examples/docs/units.csv"),
            "units.md",
            "-o units.md: this command cannot write a .md file; name the file with an "
            "extension it writes (.txt, .csv, .json, .xlsx, .parquet, .html, .htm), or give "
            "--format (table, csv, json, xlsx, parquet, html)\n",
        ),
        (
            ("score", *SEED),
            "out.yaml",
            "-o out.yaml: this command cannot write a .yaml file; name the file with an "
            "extension it writes (.txt, .json, .md, .markdown, .html, .htm, .csv, .xlsx), or "
            "give --format (table, tree, json, markdown, html, csv, xlsx)\n",
        ),
    ],
)
def test_an_output_extension_the_command_cannot_write_names_those_it_can(
    command: tuple[str, ...], output: str, message: str
) -> None:
    code, out, err = invoke(*command, "-o", output)
    assert (code, out, err) == (2, "", message)
    assert not (ROOT / output).exists()


def test_a_batchs_json_names_its_tables_digest_and_csv_does_not_work_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table's SHA-256 is in the JSON's header (and the page's stamp); for
    other outputs it is not worked (a pass over the whole file)."""
    import hashlib
    import json

    from engine.batch import tables

    # rows that score, enough for the fast path (a row scored the exact way names the digest)
    table = tmp_path / "units.csv"
    header, row = (ROOT / "examples" / "docs" / "units.csv").read_text("utf-8").splitlines()[:2]
    name = row.split(",")[0]
    rows = [row.replace(name, f"{name}{k}", 1) for k in range(300)]
    table.write_text("\n".join([header, *rows]) + "\n", "utf-8")
    code, out, _err = invoke("batch", SEED[0], str(table), "-f", "json")
    header = json.loads(out.splitlines()[0].removesuffix(', "rows": [') + "}")
    assert header["spec"]["table_sha256"] == hashlib.sha256(table.read_bytes()).hexdigest()
    worked: list[str] = []
    real = tables._digest
    monkeypatch.setattr(tables, "_digest", lambda *a: worked.append("digest") or real(*a))
    code, out, _err = invoke("batch", SEED[0], str(table), "-f", "csv")
    assert (code, worked) == (0, [])


def test_a_value_left_empty_says_what_to_write_instead(tmp_path: Path) -> None:
    """``trips:`` with nothing after it was told it "must be a number or text or
    {grade: ..., score: ...}, not nothing (empty)": not what to do about it."""
    actuals = tmp_path / "a.yaml"
    text = (ROOT / SEED[1]).read_text("utf-8").replace("  trips: 3\n", "  trips:\n")
    actuals.write_text(text, "utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t == "  trips:")
    code, out, err = invoke("score", SEED[0], str(actuals))
    assert (code, out) == (1, "")
    assert err == (
        f"{actuals}:{line}:9: 'trips' is empty (nothing after the colon); write its value, or "
        "list it under not_applicable; to score it 0, leave it out and use --missing zero\n"
    )


@pytest.mark.parametrize("command", ["batch", "validate", "review", "compare"])
@pytest.mark.parametrize(
    ("mark", "said"),
    [
        (
            "3",
            "--na 3: '3' reads as a number, and every cell of it would be not applicable; give "
            "a text that is no value, such as 不适用",
        ),
        (
            " ９８% ",
            "--na ' ９８% ': '９８%' reads as a number, and every cell of it would be not "
            "applicable; give a text that is no value, such as 不适用",
        ),
        (
            "1 000",  # as a cell reads it: thousands grouped by a space
            "--na '1 000': '1 000' reads as a number, and every cell of it would be not "
            "applicable; give a text that is no value, such as 不适用",
        ),
        (
            "",
            "--na '': an empty mark; give the text a cell holds for not applicable, such as 不适用 "
            "(an empty cell is a missing value: see --missing)",
        ),
    ],
)
def test_a_mark_of_not_applicable_that_is_a_value_or_empty_is_refused(
    command: str, mark: str, said: str
) -> None:
    """--na 3 made every 3 of the table not applicable, its totals changed unsaid;
    --na '' was taken too."""
    table = "examples/docs/units.csv"
    args = [command, SEED[0], *(["examples/docs/gz-2021-v2.yaml"] if command == "compare" else [])]
    code, _out, err = invoke(*args, table, "--na", mark)
    assert (code, err) == (2, said + "\n")


@pytest.mark.parametrize("command", ["batch", "validate", "compare"])
def test_a_mark_of_not_applicable_that_is_a_grade_of_the_spec_is_refused(command: str) -> None:
    """--na 无, where 无 is a grade of the spec, made every cell graded 无 not
    applicable: 17 units of a bureau's table gained points, unsaid."""
    args = [command, SEED[0], *(["examples/docs/gz-2021-v2.yaml"] if command == "compare" else [])]
    code, _out, err = invoke(*args, "examples/docs/units.csv", "--na", "不适用", "--na", "差")
    assert (code, err) == (
        2,
        "--na 差: '差' is a grade of management_system (管理制度健全性), and its cells "
        "would be not applicable, not scored; mark the cells meant as not applicable otherwise, "
        "such as 不适用\n",
    )


def _spec_and_table(tmp_path: Path, b: str, row: str) -> tuple[Path, Path]:
    """A spec of a number (a) and an indicator ``b`` written as given, and a table of
    one row of them."""
    spec = tmp_path / "s.yaml"
    spec.write_text(
        "spec: 1\nid: s\ntotal: 100\nindicators:\n"
        "  - {id: a, name: 甲, weight: 50, target: 10, direction: higher, method: ratio}\n" + b,
        "utf-8",
    )
    table = tmp_path / "t.csv"
    table.write_text(f"entity,a,b\n{row}\n", "utf-8")
    return spec, table


def test_a_mark_that_a_formula_compares_is_refused_and_any_other_word_is_a_mark(
    tmp_path: Path,
) -> None:
    """A formula reading its answer as words takes 是 (the word it compares) and
    scores any other 0: --na 是 would make the answers not applicable, and is
    refused. Any other mark was refused too, so that no mark but the default ones
    could be given with such a spec, not even for the number columns (--na —
    stopped a bureau's table of 322 projects); it is now a mark in every column,
    this one too, as the default marks are."""
    spec, table = _spec_and_table(
        tmp_path,
        "  - {id: b, name: 乙, weight: 50,\n"
        "     method: {formula: \"weight if actual == '是' else 0\"}}\n",
        "z,5,无\ny,—,是",
    )
    code, out, _err = invoke("batch", str(spec), str(table), "-f", "csv")
    assert code == 1  # — in the number column: no number, no mark
    assert out.splitlines()[1].split(",")[3] == "25.00"  # 无: 0 points
    code, _out, err = invoke("batch", str(spec), str(table), "--na", "是")
    assert (code, err) == (
        2,
        "--na 是: '是' is an answer b (乙) takes (its formula scores words), and "
        "its cells would be not applicable, not scored; mark the cells meant as not "
        "applicable otherwise, such as 不适用\n",
    )
    code, out, _err = invoke("batch", str(spec), str(table), "--na", "—", "--na", "无", "-f", "csv")
    rows = [line.split(",") for line in out.splitlines()[1:]]
    assert code == 0
    assert [(r[3], r[8]) for r in rows] == [
        ("50.00", "b:not_applicable"),
        ("100.00", "a:not_applicable"),
    ]
    code, _out, _err = invoke("batch", str(spec), str(table), "--na", "不适用", "--na", "—")
    assert code == 0  # a default mark is one there too


def test_a_default_mark_that_na_replaced_is_told_so(tmp_path: Path) -> None:
    """With --na — given, every 不适用 of a bureau's table failed its row as
    'not a number … (or an N/A mark: —)': that --na replaces the default marks was
    nowhere said."""
    spec, table = _spec_and_table(
        tmp_path,
        "  - {id: b, name: 乙, weight: 50, target: 10, direction: higher, method: ratio}\n",
        "x,不适用,5",
    )
    code, _out, err = invoke("batch", str(spec), str(table), "--na", "—", "-f", "csv")
    assert code == 1
    assert err.splitlines()[1] == (
        f"{table}:2:2: column 'a' (甲): '不适用' is a default N/A mark, which the marks given "
        "replaced (the marks now: —); give it too to keep it a mark: --na 不适用"
    )
    code, _out, _err = invoke("batch", str(spec), str(table), "--na", "—", "--na", "不适用")
    assert code == 0


def test_a_grade_in_a_number_column_is_not_offered_as_a_mark(tmp_path: Path) -> None:
    """The hint for 无 in a number column said to give --na 无, which would also
    make 无 not applicable where it is a grade."""
    spec, table = _spec_and_table(
        tmp_path, "  - {id: b, name: 乙, weight: 50, method: {grades: {有: 1, 无: 0}}}\n", "x,无,有"
    )
    code, _out, err = invoke("batch", str(spec), str(table), "-f", "csv")
    assert code == 1
    assert err.splitlines()[1] == (
        f"{table}:2:2: column 'a' (甲): '无' is not a number, and is read neither as 0 nor as "
        "not applicable; write 0, or an N/A mark (N/A, n/a, NA, 不适用, --); '无' is a grade of "
        "b (乙), so it cannot be a mark too"
    )


def test_na_with_no_table_to_read_is_refused_by_review() -> None:
    """review of a form with --na x ignored it (--sheet and --encoding were refused)."""
    code, _out, err = invoke("review", SEED[0], "examples/licheng-2021/自评表.xlsx", "--na", "x")
    assert code == 2
    assert err.startswith("--na x is for a table (.csv, ")
    assert err.endswith("), and no file given is one; drop --na x\n")


@pytest.mark.parametrize(
    ("command", "second"),
    [("score", "examples/licheng-2021/actuals.yaml"), ("batch", "examples/docs/units.csv")],
)
def test_a_file_of_rule_tests_given_as_the_spec_is_told_so(command: str, second: str) -> None:
    """It was told to be an actuals file, to be given second."""
    tests = "specs/gz-dept-overall-2021.tests.yaml"
    code, _out, err = invoke(command, tests, second)
    assert code == 1
    assert err.splitlines()[0] == (
        f"{tests}:5:1: this is a file of rule tests, not a spec ('spec:' names the spec it tests, "
        f"and it has cases); give the spec it names, or run the tests: scorecard test {tests}"
    )
