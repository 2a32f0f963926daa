"""File names that are not UTF-8: the GBK names of a zip made on Chinese Windows,
unpacked on Linux (中文 as the bytes D6 D0 CE C4). Python carries such a name as
lone surrogates; every output shows its bytes as escapes (``\\xd6``), every
command still opens the file, and none stops with an internal error.

Command lines run in a fresh process (tests/cli_process.py), as the user runs them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from engine.base.text import name_text, shell_word, utf8
from tests.test_hostile_round2 import ROOT, one_line, run

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="only Linux keeps a file name's bytes as they are"
)

#: 中文 in GBK, as Python holds a name of those bytes, and as outputs show it
GBK = os.fsdecode(b"\xd6\xd0\xce\xc4")
SHOWN = "\\xd6\\xd0\\xce\\xc4"
SPEC = str(ROOT / "specs" / "gz-dept-overall-2021.yaml")
OTHER = str(ROOT / "examples" / "docs" / "gz-2021-v2.yaml")
YAML = str(ROOT / "examples" / "licheng-2021" / "actuals.yaml")


@pytest.fixture
def named(tmp_path: Path) -> Path:
    """A folder with a spec, actuals, a form and a table, each named in GBK."""
    folder = tmp_path / GBK
    folder.mkdir()
    shutil.copy(SPEC, folder / f"{GBK}.spec.yaml")
    shutil.copy(ROOT / "examples" / "licheng-2021" / "actuals.yaml", folder / f"{GBK}.yaml")
    shutil.copy(ROOT / "examples" / "licheng-2021" / "自评表.xlsx", folder / f"{GBK}.xlsx")
    lines = (ROOT / "examples" / "docs" / "streets.csv").read_text("utf-8").splitlines()
    (folder / f"{GBK}.csv").write_text("\n".join(lines[:4]) + "\n", "utf-8")
    (folder / f"{GBK}2.csv").write_text("\n".join(lines[:1] + lines[4:7]) + "\n", "utf-8")
    return folder


def shows_escaped(text: str, json_text: bool = False) -> None:
    """What a command printed or wrote names the file by its escapes, never by
    bytes that are not UTF-8 (read back as U+FFFD) or by surrogates (``json_text``:
    in JSON, whose strings double each backslash)."""
    assert (SHOWN.replace("\\", "\\\\") if json_text else SHOWN) in text
    assert "\ufffd" not in text and "\\udc" not in text


def ok(p: subprocess.CompletedProcess[str]) -> None:
    assert p.returncode == 0, p.stderr[-2000:]
    assert "internal error" not in p.stderr and "Traceback" not in p.stderr


def test_name_text_shows_each_byte_of_a_name_that_is_not_utf8() -> None:
    assert name_text(f"/data/{GBK}.csv") == f"/data/{SHOWN}.csv"
    assert name_text("/data/中文.csv") == "/data/中文.csv"
    assert utf8(f"{GBK}中") == b"\\xd6\\xd0\\xce\\xc4\xe4\xb8\xad"


@pytest.mark.parametrize("text", ["a b", "it's", "中文.yaml", "tab\there", f"{GBK}'\\q.yaml", "-x"])
def test_a_shell_word_gives_the_very_name_back_to_bash(text: str) -> None:
    done = subprocess.run(
        ["bash", "-c", f"printf %s {shell_word(text)}"], capture_output=True, check=True
    )
    assert done.stdout == os.fsencode(text)


@pytest.mark.parametrize("form", ["json", "html", "markdown", "tree"])
def test_score_shows_the_name_in_every_format(named: Path, form: str) -> None:
    p = run("score", SPEC, named / f"{GBK}.yaml", "-f", form)
    ok(p)
    shows_escaped(p.stdout, json_text=form == "json")
    if form == "json":
        assert json.loads(p.stdout)["stamp"]["actuals_file"] == str(named / f"{GBK}.yaml").replace(
            GBK, SHOWN
        )


@pytest.mark.parametrize("suffix", ["json", "html", "md", "xlsx"])
def test_score_writes_every_file_with_such_names(named: Path, suffix: str) -> None:
    out = named / f"{GBK}-out.{suffix}"
    ok(run("score", named / f"{GBK}.spec.yaml", named / f"{GBK}.yaml", "-o", out))
    if suffix != "xlsx":
        shows_escaped(out.read_bytes().decode("utf-8"), json_text=suffix == "json")
    else:
        assert out.stat().st_size > 0


def test_explain_whatif_and_compare_show_the_name(named: Path) -> None:
    actuals = named / f"{GBK}.yaml"
    explained = run("explain", SPEC, actuals, "budget_execution")
    ok(explained)
    shows_escaped(explained.stdout)
    ok(run("whatif", named / f"{GBK}.spec.yaml", actuals))
    ok(run("compare", named / f"{GBK}.spec.yaml", OTHER, actuals))


@pytest.mark.parametrize("suffix", ["html", "csv", "json", "parquet", "xlsx"])
@pytest.mark.parametrize("many", [False, True], ids=["one file", "a pattern"])
def test_batch_writes_every_format_with_such_names(named: Path, suffix: str, many: bool) -> None:
    table = named / "*.csv" if many else named / f"{GBK}.csv"
    out = named.parent / f"out.{suffix}"
    ok(run("batch", SPEC, table, "-o", out))
    if suffix in ("html", "csv", "json"):
        text = out.read_bytes().decode("utf-8")
        if many or suffix == "html":
            shows_escaped(text, json_text=suffix == "json")
    if suffix == "html":  # the ranked rows found again in their file, with derivations
        assert f"{SHOWN}.csv:2:" in text
    if suffix == "parquet" and many:
        import pyarrow.parquet as pq

        files = set(pq.read_table(out).column("file").to_pylist())
        assert {Path(f).name for f in files} == {f"{SHOWN}.csv", f"{SHOWN}2.csv"}


def test_a_form_with_such_a_name_is_scored_and_reviewed(named: Path) -> None:
    ok(run("score", SPEC, named / f"{GBK}.xlsx"))
    ok(run("review", SPEC, named / f"{GBK}.xlsx"))
    out = named.parent / "review.json"
    ok(run("review", SPEC, named / f"{GBK}.xlsx", "-o", out))
    shows_escaped(out.read_text("utf-8"), json_text=True)


def test_a_message_shows_the_name_by_its_escapes(named: Path) -> None:
    line = one_line(run("score", SPEC, named / f"{GBK}-gone.yaml"))
    assert line.startswith(f"{named.parent}/{SHOWN}/{SHOWN}-gone.yaml: ")


def test_the_next_command_named_after_import_runs_as_written(named: Path) -> None:
    out = named / f"{GBK}.draft.yaml"
    p = run("import", ROOT / "examples" / "import" / "scoring-table.xlsx", "-o", out)
    ok(p)
    command = p.stderr.split("next: ")[1].strip()
    assert command == f"scorecard validate $'{str(out).replace(GBK, SHOWN)}'"
    listed = subprocess.run(
        ["bash", "-c", "ls " + command.split(" ", 2)[2]], capture_output=True, check=True
    )
    assert listed.stdout.strip() == os.fsencode(out)


def test_a_set_value_that_is_not_utf8_is_one_line() -> None:
    """--set cnt.name=<GBK bytes> (a terminal in GBK) was an internal error."""
    line = one_line(run("score", SPEC, YAML, "--set", f"trips.name={GBK}"), code=2)
    assert line == (
        f"--set $'trips.name={SHOWN}': holds bytes that are not UTF-8 text; write it in UTF-8 "
        "(set the terminal's encoding to UTF-8)"
    )


def test_a_note_names_a_file_of_control_characters_on_one_line(tmp_path: Path) -> None:
    """A newline in a table's name split a note over two lines; ESC[31m coloured
    the terminal (or was dropped, naming a file that is not there)."""
    lines = (ROOT / "examples" / "docs" / "streets.csv").read_text("utf-8").splitlines()
    total = "合计" + lines[1][lines[1].index(",") :]
    table = tmp_path / "a\nb\x1b[31m.csv"
    table.write_text("\n".join([*lines[:3], total]) + "\n", "utf-8")
    p = run("batch", SPEC, table, "-f", "csv")
    ok(p)
    shown = f"{tmp_path}/a\\x0ab\\x1b[31m.csv"
    warned = [line for line in p.stderr.splitlines() if "warning" in line]
    assert warned == [
        f"{shown}:4:1: warning: entity '合计' reads as a totals, average or section row, not an "
        "entity; it is scored, ranked and counted as one: remove the row (or name the entity "
        "otherwise)"
    ]


def test_an_output_name_near_the_longest_a_file_system_takes_is_written(tmp_path: Path) -> None:
    """81 Chinese characters and .csv (247 bytes) were refused as too long: the
    temporary file beside it, named after it, was longer than 255 bytes."""
    out = tmp_path / ("长" * 81 + ".csv")
    assert len(os.fsencode(out.name)) == 247
    ok(run("batch", SPEC, ROOT / "examples" / "docs" / "streets.csv", "-o", out))
    assert out.read_text("utf-8").startswith("row,entity,period,total")
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left


def test_a_file_named_with_brackets_is_one_table_not_a_pattern(tmp_path: Path) -> None:
    """甲县[2022].csv was read as itself, but its output gained the file column of a
    pattern of many files."""
    table = tmp_path / "甲县[2022].csv"
    shutil.copy(ROOT / "examples" / "docs" / "streets.csv", table)
    p = run("batch", SPEC, table, "-f", "csv")
    ok(p)
    assert p.stdout.startswith("row,entity,period,total,")


def test_a_table_written_to_as_the_batch_reads_it_is_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row appended while a batch ran was scored half written (spent 9 of 90),
    with exit 0 and the digest of the file before: the batch compares each table's
    size and time of change after it was read with before."""
    from engine.base import files
    from engine.cli import batch
    from tests.conftest import invoke

    table = tmp_path / "t.csv"
    shutil.copy(ROOT / "examples" / "docs" / "streets.csv", table)
    states = iter([(1, 1), (2, 2)])
    monkeypatch.setattr(batch, "file_state", lambda path: next(states))
    code, out, err = invoke("batch", SPEC, str(table), "-f", "csv")
    assert code == 1
    assert out.startswith("row,entity,period,total,")  # the output is as read
    assert err.splitlines()[-1] == (
        f"{table}: warning: the file changed while it was read (written to as the command ran): "
        "its results may mix what it held before and after, and its digest is of neither; run "
        "the command again once the file is written"
    )
    assert files.file_state(table) == (table.stat().st_size, table.stat().st_mtime_ns)


@pytest.mark.parametrize("suffix", ["xlsx", "parquet"])
def test_a_workbook_or_parquet_file_with_such_a_name_is_read(tmp_path: Path, suffix: str) -> None:
    """calamine and Arrow take a file's name as UTF-8 text: x<GBK>.xlsx was 'not a
    readable .xlsx workbook (No such file or directory)', a Parquet file an
    internal error. Such a file is opened as a file object."""
    import pyarrow.csv as pacsv

    streets = ROOT / "examples" / "docs" / "streets.csv"
    plain = tmp_path / f"t.{suffix}"
    if suffix == "parquet":
        import pyarrow.parquet as pq

        pq.write_table(pacsv.read_csv(streets), plain)
    else:
        import csv

        from openpyxl import Workbook

        wb = Workbook()
        with open(streets, encoding="utf-8") as fh:
            for row in csv.reader(fh):
                wb.active.append(row)
        wb.save(plain)
    named = tmp_path / f"{GBK}.{suffix}"
    plain.rename(named)
    p = run("batch", SPEC, named, "-f", "csv")
    ok(p)
    assert p.stderr == "24 scored, 0 failed\n"
    many = run("batch", SPEC, tmp_path / f"*.{suffix}", "-j", "2", "-f", "csv")
    ok(many)
    assert f"{SHOWN}.{suffix}," in many.stdout  # the file column names it by its escapes
