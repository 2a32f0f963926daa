"""Hostile and broken inputs, run through the real command line.

Each case runs the command line as ``python -m engine ...`` would, in a child
process from the repository root (forked from this one by ``cli_process``, so the
interpreter's start-up is not paid 150 times), and checks the whole contract of a refusal: the exact exit code (1 bad input,
2 command-line misuse), the exact message (one line per independent problem,
starting with where the problem is: ``file:line:col:``, ``file:``, an option, or
the command name), no traceback, and nothing on standard output. A run that
does not end within its hang guard (``HANG_GUARD`` seconds or more, far beyond
any real answer) is killed and fails; how fast each answer comes is measured by
``benchmarks/hostile_timing.py``, not asserted here (timings depend on the
machine and its load).

Small inputs live in ``tests/data/hostile/``; large, binary and special files
(20 MB files, 20,000-deep nesting, FIFOs, read-only folders) are made in
``tmp_path`` when the case runs. ``{tmp}`` in arguments and messages stands for
that folder. A case that shows a defect is marked ``xfail(strict=True)`` with the
problem in its reason; its check states the wanted behaviour.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cli_process
import pytest

ROOT = Path(__file__).resolve().parent.parent
H = "tests/data/hostile"
BASE = f"{H}/base.yaml"
OK = f"{H}/ok.yaml"
FA = f"{H}/formula-actuals.yaml"
GZ = "specs/gz-dept-overall-2021.yaml"
LICHENG = "examples/licheng-2021/actuals.yaml"
NATIONAL = "specs/national-project-2020.yaml"
RURAL = "examples/rural-roads-2023/actuals.yaml"

ENV = cli_process.ENV
MB = 1024 * 1024
#: Seconds after which a run is taken to hang and is killed: only a guard, never a
#: measure of speed (benchmarks/hostile_timing.py measures that).
HANG_GUARD = cli_process.HANG_GUARD

#: Where a message line must start: file:line:col:, file:, an option
#: (``--set[1]:1:25:``, ``--encoding latin-1:``) or the command name.
LOCATED = re.compile(
    r"^(?:scorecard(?: [a-z]+)?"
    r"|--[a-z][a-z-]*(?:\[\d+\](?::\d+:\d+| '.*')?| \S+)"
    r"|[^\s:]+(?::\d+:\d+)?"
    r"): \S"
)
#: Summary lines that follow the located ones.
SUMMARY = re.compile(
    r"^(?:\d+ errors? in \d+ of \d+ files?|\d+ scored, \d+ failed"
    r"|\d+ passed, \d+ failed, \d+ file errors?)$"
)

ALLOWED = (
    "allowed: numbers, names, + - * / // % **, comparisons, and/or/not, x if c else y, "
    "and the functions min, max, abs, clamp, floor, ceil, sqrt, ln, log10, exp, round_half_up"
)
FUNCTIONS = "functions: min, max, abs, clamp, floor, ceil, sqrt, ln, log10, exp, round_half_up"
NOT_A_NUMBER = "write digits such as 3, 2.5 or 98.93% (or an N/A mark: N/A, n/a, NA, 不适用, --)"


@dataclass(frozen=True)
class Case:
    id: str
    category: str
    args: tuple[str, ...]
    code: int
    #: the exact standard-error lines ({tmp} is replaced by the case's folder)
    err: tuple[str, ...] | None = None
    #: for defects: a regular expression the whole standard error should match
    want: str | None = None
    #: builds generated files in the case's folder
    make: Callable[[Path], None] | None = None
    #: checks standard output (successful runs, batch reports)
    out: Callable[[str], None] | None = None
    #: batch reports print the rows that did score even when one fails
    stdout_allowed: bool = False
    xfail: str | None = None
    #: the hang guard; a case that could block (a FIFO) keeps the same one
    timeout: float = HANG_GUARD


# -- generated files -------------------------------------------------------------------
def _write(name: str, data: str | bytes) -> Callable[[Path], None]:
    def make(tmp: Path) -> None:
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")

    return make


def _both(*makers: Callable[[Path], None]) -> Callable[[Path], None]:
    def make(tmp: Path) -> None:
        for m in makers:
            m(tmp)

    return make


def _big(name: str, head: bytes, filler: bytes, tail: bytes = b"\n") -> Callable[[Path], None]:
    """A file of about 20 MB: ``head``, ``filler`` repeated, ``tail``."""

    def make(tmp: Path) -> None:
        n = 20 * MB // len(filler) + 1
        with (tmp / name).open("wb") as fh:
            fh.write(head)
            fh.write(filler * n)
            fh.write(tail)

    return make


def _formula_spec(expr: str) -> str:
    return (
        "spec: 1\nid: hostile-formula\ntotal: 10\nindicators:\n"
        "  - id: score\n    name: 得分\n    weight: 10\n    target: 100\n"
        f'    method: {{formula: "{expr}"}}\n'
    )


def _many_unknown_ids(tmp: Path) -> None:
    lines = "".join(f"  v{i}: {i}\n" for i in range(20_000))
    text = f"spec: hostile-base\ninputs: {{budget: 100, spent: 90}}\nvalues:\n{lines}"
    (tmp / "many-ids.yaml").write_text(text, encoding="utf-8")


def _dir(name: str) -> Callable[[Path], None]:
    return lambda tmp: (tmp / name).mkdir()


def _fifo(tmp: Path) -> None:
    os.mkfifo(tmp / "fifo.yaml")


def _symlink_loop(tmp: Path) -> None:
    (tmp / "loop.yaml").symlink_to("loop.yaml")


def _xlsx(name: str, rows: list[list[object]]) -> Callable[[Path], None]:
    def make(tmp: Path) -> None:
        import openpyxl

        wb = openpyxl.Workbook()
        for row in rows:
            wb.active.append(row)
        wb.save(tmp / name)

    return make


def _needs_proc(tmp: Path) -> None:
    if not Path("/proc/self").is_dir():
        pytest.skip("needs Linux /proc, a folder where nobody can create files")


def _zip_not_xlsx(tmp: Path) -> None:
    with zipfile.ZipFile(tmp / "archive.xlsx", "w") as z:
        z.writestr("readme.txt", "a zip file, but not a workbook")


HEADER = ["entity", "budget", "spent", "trips", "incidents"]
GBK_CSV = "entity,budget,spent,trips,incidents\n甲单位,100,90,3,0\n".encode("gbk")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8
HIGH_BYTES = bytes(range(128, 256)) * 32
LONG_NAME = "x" * 5000 + ".yaml"


# -- checks of standard output ----------------------------------------------------------
def _scores(text: str) -> dict[str, tuple[str, str]]:
    doc = json.loads(text)
    return {i["id"]: (i["actual"], i["score"]) for i in doc["indicators"]}


def _minus_zero_scored_as_zero(text: str) -> None:
    doc = json.loads(text)
    assert _scores(text)["incidents"] == ("0", "3.00")
    assert doc["total"] == "8.85"


def _enormous_weights_exact(text: str) -> None:
    doc = json.loads(text)
    assert doc["total"] == "795000000000000000000.00"
    assert doc["full_marks"] == "900000000000000000000"


def _near_limit_entity(text: str) -> None:
    doc = json.loads(text)
    assert doc["entity"] == "x" * (7 * MB)
    assert doc["total"] == "8.85"


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _one_row(entity: str, total: str, incidents: str = "3.00") -> Callable[[str], None]:
    def check(text: str) -> None:
        rows = _csv_rows(text)
        assert [(r["entity"], r["status"], r["total"], r["incidents"]) for r in rows] == [
            (entity, "ok", total, incidents)
        ]

    return check


def _totals(expected: dict[str, str]) -> Callable[[str], None]:
    def check(text: str) -> None:
        assert {r["entity"]: r["total"] for r in _csv_rows(text)} == expected

    return check


def _header_only(text: str) -> None:
    assert text.splitlines() == [
        "row,entity,period,total,full_marks,grade,status,error,flags,rate,trips,incidents"
    ]


def _contains(*parts: str) -> Callable[[str], None]:
    def check(text: str) -> None:
        for part in parts:
            assert part in text

    return check


def _flat_sum_scored(text: str) -> None:
    """100 × 7.25 − 99 × 7.25 = 7.25: every term read, the total exact, below the cap."""
    assert text.count("7.25 +") == 99 and "7.25 - 99 × 7.25" in text
    assert "Total 7.25 / 10.00" in text


# -- the corpus ------------------------------------------------------------------------
CASES: list[Case] = [
    # ---- YAML alias bombs ("billion laughs") -------------------------------------------
    Case(
        "alias-bomb-in-actuals",
        "alias-bomb",
        ("score", BASE, f"{H}/alias-bomb.yaml"),
        1,
        (f"{H}/alias-bomb.yaml:5:6: YAML anchors (&a) are not allowed; write the value out",),
    ),
    Case(
        "alias-bomb-in-test-file",
        "alias-bomb",
        ("test", f"{H}/alias-bomb.tests.yaml"),
        1,
        want=(
            rf"{H}/alias-bomb\.tests\.yaml:7:12: YAML anchors \(&a\) are not allowed; "
            r"write the value out\n(0 passed, 0 failed, 1 file error\n)?"
        ),
    ),
    Case(
        "alias-bomb-in-set-value",
        "alias-bomb",
        ("score", BASE, OK, "--set", "title=[&a [x, x, x, x], *a, *a, *a]"),
        2,
        ("--set[1]:1:8: YAML anchors (&a) are not allowed; write the value out",),
    ),
    Case(
        "alias-without-anchor",
        "alias-bomb",
        ("score", BASE, f"{H}/alias-undefined.yaml"),
        1,
        (
            f"{H}/alias-undefined.yaml:4:10: YAML aliases (*name) are not allowed; "
            "write the value out",
        ),
    ),
    # ---- 20,000-deep nesting -----------------------------------------------------------
    Case(
        "deep-flow-lists-in-actuals",
        "deep-nesting",
        ("score", BASE, "{tmp}/deep.yaml"),
        1,
        ("{tmp}/deep.yaml:2:72: nesting deeper than 64 levels",),
        make=_write("deep.yaml", "spec: hostile-base\nvalues: " + "[" * 20000 + "]" * 20000),
    ),
    Case(
        "deep-flow-mappings-in-actuals",
        "deep-nesting",
        ("score", BASE, "{tmp}/deep.yaml"),
        1,
        ("{tmp}/deep.yaml:2:261: nesting deeper than 64 levels",),
        make=_write(
            "deep.yaml", "spec: hostile-base\nvalues: " + "{a: " * 20000 + "1" + "}" * 20000
        ),
    ),
    Case(
        "deep-block-sequence-in-actuals",
        "deep-nesting",
        ("score", BASE, "{tmp}/deep.yaml"),
        1,
        ("{tmp}/deep.yaml:3:129: nesting deeper than 64 levels",),
        make=_write("deep.yaml", "spec: hostile-base\nvalues:\n  " + "- " * 20000 + "x\n"),
    ),
    Case(
        "deep-json-actuals",
        "deep-nesting",
        ("score", BASE, "{tmp}/deep.json"),
        1,
        ("{tmp}/deep.json:1:99: nesting deeper than 64 levels",),
        make=_write(
            "deep.json", '{"spec": "hostile-base", "values": ' + "[" * 20000 + "]" * 20000 + "}"
        ),
    ),
    Case(
        "deep-spec-validate",
        "deep-nesting",
        ("validate", "{tmp}/deep.yaml"),
        1,
        (
            "{tmp}/deep.yaml:4:76: nesting deeper than 64 levels",
            "1 error in 1 of 1 file",
        ),
        make=_write(
            "deep.yaml", "spec: 1\nid: x\ntotal: 10\nindicators: " + "[" * 20000 + "]" * 20000
        ),
    ),
    Case(
        "deep-set-value",
        "deep-nesting",
        ("score", BASE, OK, "--set", "title=" + "[" * 20000 + "]" * 20000),
        2,
        ("--set[1]:1:71: nesting deeper than 64 levels",),
    ),
    # ---- files of tens of megabytes ------------------------------------------------------
    Case(
        "huge-spec-20mb",
        "huge-file",
        ("validate", "{tmp}/huge.yaml"),
        1,
        (
            "{tmp}/huge.yaml: file is 20971556 bytes; files over 8388608 bytes are refused",
            "1 error in 1 of 1 file",
        ),
        make=_big("huge.yaml", b"spec: 1\nid: huge\n", b"# " + b"x" * 98 + b"\n", b""),
    ),
    Case(
        "huge-actuals-20mb",
        "huge-file",
        ("score", BASE, "{tmp}/huge.yaml"),
        1,
        ("{tmp}/huge.yaml: file is 20972572 bytes; files over 8388608 bytes are refused",),
        make=_big("huge.yaml", b"spec: hostile-base\nentity: ", b"x" * 1024),
    ),
    Case(
        "huge-csv-cell-20mb",
        "huge-file",
        ("batch", BASE, "{tmp}/huge.csv", "--missing", "zero"),  # its other columns absent
        1,
        (
            "{tmp}/huge.csv:2:1: a cell longer than 131072 "
            "characters; is this a CSV table? (an unclosed quote can also swallow the rest of the file)",
        ),
        make=_big("huge.csv", b"entity,trips\n", b"x" * 1024, b",3\n"),
    ),
    Case(
        "huge-csv-header-20mb",
        "huge-file",
        ("batch", BASE, "{tmp}/huge.csv"),
        1,
        (
            "{tmp}/huge.csv:1:1: a cell longer than 131072 "
            "characters; is this a CSV table? (an unclosed quote can also swallow the rest of the file)",
        ),
        make=_big("huge.csv", b"", b"x" * 1024),
    ),
    Case(
        "actuals-just-under-the-limit",
        "huge-file",
        ("score", BASE, "{tmp}/big.yaml", "--format", "json"),
        0,
        (),
        make=_write(
            "big.yaml",
            "spec: hostile-base\nentity: "
            + "x" * (7 * MB)
            + "\ninputs: {budget: 100, spent: 90}\nvalues: {trips: 3, incidents: 0}\n",
        ),
        out=_near_limit_entity,
    ),
    Case(
        "twenty-thousand-unknown-ids",
        "huge-file",
        ("score", BASE, "{tmp}/many-ids.yaml"),
        1,
        (
            "{tmp}/many-ids.yaml:3:1: missing values for 2 "
            "indicators: trips, incidents; add them under values, list them under not_applicable, or use --missing zero to score them 0",
            "{tmp}/many-ids.yaml:4:3: values: unknown indicator id 'v0'; known: trips, incidents",
            "{tmp}/many-ids.yaml:5:3: values: unknown indicator id 'v1'; known: trips, incidents",
            "{tmp}/many-ids.yaml:6:3: values: unknown indicator id 'v2'; known: trips, incidents",
            "{tmp}/many-ids.yaml:7:3: values: unknown indicator id 'v3'; known: trips, incidents",
            "{tmp}/many-ids.yaml:8:3: values: unknown indicator id 'v4'; known: trips, incidents",
            "{tmp}/many-ids.yaml:9:3: values: unknown indicator id 'v5'; known: trips, incidents",
            "{tmp}/many-ids.yaml:10:3: values: unknown indicator id 'v6'; known: trips, incidents",
            "{tmp}/many-ids.yaml:11:3: values: unknown indicator id 'v7'; known: trips, incidents",
            "{tmp}/many-ids.yaml:12:3: values: unknown indicator id 'v8'; known: trips, incidents",
            "{tmp}/many-ids.yaml:13:3: values: unknown indicator id 'v9'; known: trips, incidents",
            "{tmp}/many-ids.yaml:14:3: values: unknown indicator id 'v10'; known: trips, incidents",
            "{tmp}/many-ids.yaml:15:3: values: unknown indicator id 'v11'; known: trips, incidents",
            "{tmp}/many-ids.yaml:16:3: values: unknown indicator id 'v12'; known: trips, incidents",
            "{tmp}/many-ids.yaml:17:3: values: unknown indicator id 'v13'; known: trips, incidents",
            "{tmp}/many-ids.yaml:18:3: values: unknown indicator id 'v14'; known: trips, incidents",
            "{tmp}/many-ids.yaml:19:3: values: unknown indicator id 'v15'; known: trips, incidents",
            "{tmp}/many-ids.yaml:20:3: values: unknown indicator id 'v16'; known: trips, incidents",
            "{tmp}/many-ids.yaml:21:3: values: unknown indicator id 'v17'; known: trips, incidents",
            "{tmp}/many-ids.yaml:22:3: values: unknown indicator id 'v18'; known: trips, incidents",
            "{tmp}/many-ids.yaml:23:3: values: unknown indicator id 'v19'; known: trips, incidents",
            "{tmp}/many-ids.yaml:24:3: values: unknown indicator id 'v20'; known: trips, incidents",
            "{tmp}/many-ids.yaml:25:3: values: unknown indicator id 'v21'; known: trips, incidents",
            "{tmp}/many-ids.yaml:26:3: values: unknown indicator id 'v22'; known: trips, incidents",
            "{tmp}/many-ids.yaml:27:3: values: unknown indicator id 'v23'; known: trips, incidents",
            "{tmp}/many-ids.yaml:28:3: values: unknown indicator id 'v24'; known: trips, incidents",
            "{tmp}/many-ids.yaml:29:3: values: unknown indicator id 'v25'; known: trips, incidents",
            "{tmp}/many-ids.yaml:30:3: values: unknown indicator id 'v26'; known: trips, incidents",
            "{tmp}/many-ids.yaml:31:3: values: unknown indicator id 'v27'; known: trips, incidents",
            "{tmp}/many-ids.yaml:32:3: values: unknown indicator id 'v28'; known: trips, incidents",
            "{tmp}/many-ids.yaml:33:3: values: unknown indicator id 'v29'; known: trips, incidents",
            "{tmp}/many-ids.yaml:34:3: values: unknown indicator id 'v30'; known: trips, incidents",
            "{tmp}/many-ids.yaml:35:3: values: unknown indicator id 'v31'; known: trips, incidents",
            "{tmp}/many-ids.yaml:36:3: values: unknown indicator id 'v32'; known: trips, incidents",
            "{tmp}/many-ids.yaml:37:3: values: unknown indicator id 'v33'; known: trips, incidents",
            "{tmp}/many-ids.yaml:38:3: values: unknown indicator id 'v34'; known: trips, incidents",
            "{tmp}/many-ids.yaml:39:3: values: unknown indicator id 'v35'; known: trips, incidents",
            "{tmp}/many-ids.yaml:40:3: values: unknown indicator id 'v36'; known: trips, incidents",
            "{tmp}/many-ids.yaml:41:3: values: unknown indicator id 'v37'; known: trips, incidents",
            "{tmp}/many-ids.yaml:42:3: values: unknown indicator id 'v38'; known: trips, incidents",
            "{tmp}/many-ids.yaml:43:3: values: unknown indicator id 'v39'; known: trips, incidents",
            "{tmp}/many-ids.yaml:44:3: values: unknown indicator id 'v40'; known: trips, incidents",
            "{tmp}/many-ids.yaml:45:3: values: unknown indicator id 'v41'; known: trips, incidents",
            "{tmp}/many-ids.yaml:46:3: values: unknown indicator id 'v42'; known: trips, incidents",
            "{tmp}/many-ids.yaml:47:3: values: unknown indicator id 'v43'; known: trips, incidents",
            "{tmp}/many-ids.yaml:48:3: values: unknown indicator id 'v44'; known: trips, incidents",
            "{tmp}/many-ids.yaml:49:3: values: unknown indicator id 'v45'; known: trips, incidents",
            "{tmp}/many-ids.yaml:50:3: values: unknown indicator id 'v46'; known: trips, incidents",
            "{tmp}/many-ids.yaml:51:3: values: unknown indicator id 'v47'; known: trips, incidents",
            "{tmp}/many-ids.yaml:52:3: values: unknown indicator id 'v48'; known: trips, incidents",
            "{tmp}/many-ids.yaml: … and 19951 more errors; fix these first",
        ),
        make=_many_unknown_ids,
    ),
    # ---- binary garbage ----------------------------------------------------------------
    Case(
        "png-as-spec",
        "binary",
        ("validate", "{tmp}/image.yaml"),
        1,
        (
            "{tmp}/image.yaml:3:1: binary data (NUL byte); expected UTF-8 text",
            "1 error in 1 of 1 file",
        ),
        make=_write("image.yaml", PNG),
    ),
    Case(
        "elf-as-actuals",
        "binary",
        ("score", BASE, "{tmp}/program.yaml"),
        1,
        ("{tmp}/program.yaml:1:1: binary data (NUL byte); expected UTF-8 text",),
        make=_write("program.yaml", ELF),
    ),
    Case(
        "high-bytes-without-nul",
        "binary",
        ("score", BASE, "{tmp}/garbage.yaml"),
        1,
        ("{tmp}/garbage.yaml:1:1: not valid UTF-8 (byte 0x80); save the file as UTF-8",),
        make=_write("garbage.yaml", HIGH_BYTES),
    ),
    Case(
        "binary-csv",
        "binary",
        ("batch", BASE, "{tmp}/table.csv"),
        1,
        ("{tmp}/table.csv:1:1: binary data (NUL byte); expected a CSV text file",),
        make=_write("table.csv", ELF),
    ),
    Case(
        "csv-with-binary-second-line",
        "binary",
        ("batch", BASE, "{tmp}/table.csv"),
        1,
        ("{tmp}/table.csv:2:1: binary data (NUL byte); expected a CSV text file",),
        make=_write("table.csv", b"entity,trips\n" + ELF),
    ),
    Case(
        "garbage-xlsx",
        "binary",
        ("batch", BASE, "{tmp}/book.xlsx"),
        1,
        (
            "{tmp}/book.xlsx: not a readable .xlsx workbook (not a "
            "zip archive, or a truncated one); save it again from Excel, or as CSV",
        ),
        make=_write("book.xlsx", PNG),
    ),
    Case(
        "zip-that-is-not-a-workbook",
        "binary",
        ("batch", BASE, "{tmp}/archive.xlsx"),
        1,
        (
            "{tmp}/archive.xlsx: the sheet (the first) has no part "
            "in the workbook (a damaged file); save it again from Excel, or as CSV",
        ),
        make=_zip_not_xlsx,
    ),
    Case(
        "utf16-actuals",
        "binary",
        ("score", BASE, "{tmp}/utf16.yaml"),
        1,
        ("{tmp}/utf16.yaml:1:1: UTF-16 text (Windows 'Unicode'); save the file as UTF-8",),
        make=_write(
            "utf16.yaml", "spec: hostile-base\nvalues: {trips: 3, incidents: 0}\n".encode("utf-16")
        ),
    ),
    # ---- non-UTF-8 text ----------------------------------------------------------------
    Case(
        "gbk-actuals",
        "encoding",
        ("score", BASE, "{tmp}/gbk.yaml"),
        1,
        (  # read as GBK, like a GBK table: the facts after it are what is wrong
            "{tmp}/gbk.yaml:1:1: missing inputs: budget (for rate), spent (for rate); add them "
            "under inputs, or use --missing zero to score those indicators 0",
            "{tmp}/gbk.yaml:3:1: missing value for 1 indicator: incidents; add it under "
            "values, list it under not_applicable, or use --missing zero to score it 0",
        ),
        make=_write(
            "gbk.yaml", "spec: hostile-base\nentity: 测试单位\nvalues: {trips: 3}\n".encode("gbk")
        ),
    ),
    Case(
        "gbk-spec",
        "encoding",
        ("validate", "{tmp}/gbk.yaml"),
        1,
        (
            "{tmp}/gbk.yaml:2:1: missing required key 'indicators' (一级指标 / top-level "
            "indicators); add e.g. 'indicators: [...]' (or extends: a base spec)",
            "{tmp}/gbk.yaml:2:1: missing required key 'total' (满分 / full marks); add e.g. "
            "'total: 100' (or extends: a base spec)",
            "2 errors in 1 of 1 file",
        ),
        make=_write("gbk.yaml", "# 规格\nspec: 1\nid: gbk\ntitle: 部门整体支出\n".encode("gbk")),
    ),
    Case(
        "gbk-json-actuals",
        "encoding",
        ("score", BASE, "{tmp}/gbk.json"),
        1,
        (
            "{tmp}/gbk.json:1:1: missing inputs: budget (for rate), spent (for rate); add them "
            "under inputs, or use --missing zero to score those indicators 0",
            "{tmp}/gbk.json:1:1: missing values for 2 indicators: trips, incidents; add them "
            "under values, list them under not_applicable, or use --missing zero to score them 0",
        ),
        make=_write("gbk.json", '{"spec": "hostile-base", "entity": "甲单位"}'.encode("gbk")),
    ),
    Case(
        "overlong-utf8-sequence",
        "encoding",
        ("score", BASE, "{tmp}/overlong.yaml"),
        1,
        ("{tmp}/overlong.yaml:2:9: not valid UTF-8 (byte 0xc0); save the file as UTF-8",),
        make=_write("overlong.yaml", b"spec: hostile-base\nentity: \xc0\xaf\n"),
    ),
    Case(
        "gbk-csv-read-as-utf8",
        "encoding",
        ("batch", BASE, "{tmp}/gbk.csv", "--encoding", "utf-8"),
        1,
        (
            "{tmp}/gbk.csv:2:1: not valid UTF-8 text (byte 0xbc); "
            "give --encoding gbk, or save the table as UTF-8",
        ),
        make=_write("gbk.csv", GBK_CSV),
    ),
    Case(
        "undecodable-byte-after-a-lone-carriage-return",
        "encoding",
        ("batch", BASE, "{tmp}/cr.csv", "--encoding", "utf-8"),
        1,
        (
            "{tmp}/cr.csv:4:1: not valid UTF-8 text (byte 0xbc); "
            "give --encoding gbk, or save the table as UTF-8",
        ),
        make=_write("cr.csv", b"entity,a\nx,1\ry,2\n\xbc\xd7,3\n"),
    ),
    Case(
        "gbk-csv-detected",
        "encoding",
        ("batch", BASE, "{tmp}/gbk.csv", "--format", "csv"),
        0,
        ("1 scored, 0 failed",),
        make=_write("gbk.csv", GBK_CSV),
        out=_one_row("甲单位", "8.85"),
    ),
    Case(
        "utf8-bom-actuals",
        "encoding",
        ("score", BASE, "{tmp}/bom.yaml"),
        0,
        (),
        make=_write("bom.yaml", "\ufeff" + Path(ROOT / OK).read_text(encoding="utf-8")),
        out=_contains("Total 8.85 / 10.00"),
    ),
    # ---- empty files -------------------------------------------------------------------
    Case(
        "empty-actuals",
        "empty",
        ("score", BASE, "{tmp}/empty.yaml"),
        1,
        (
            "{tmp}/empty.yaml:1:1: the actuals file is empty; expected a mapping with "
            "spec, values, ...",
        ),
        make=_write("empty.yaml", b""),
    ),
    Case(
        "comment-only-actuals",
        "empty",
        ("score", BASE, f"{H}/comment-only.yaml"),
        1,
        (
            f"{H}/comment-only.yaml:1:1: the actuals file is empty; expected a mapping with "
            "spec, values, ...",
        ),
    ),
    Case(
        "null-actuals",
        "empty",
        ("score", BASE, f"{H}/null.yaml"),
        1,
        (
            f"{H}/null.yaml:1:1: the actuals file is empty; expected a mapping with "
            "spec, values, ...",
        ),
    ),
    Case(
        "empty-json-mapping",
        "empty",
        ("score", BASE, f"{H}/empty-mapping.json"),
        1,
        (
            "tests/data/hostile/empty-mapping.json:1:1: missing "
            "inputs: budget (for rate), spent (for rate); add them under inputs, or use --missing zero to score those indicators 0",
            "tests/data/hostile/empty-mapping.json:1:1: missing "
            "required key 'spec' (规格标识 / spec id); add e.g. 'spec: <the id of the spec these are for>'",
            "tests/data/hostile/empty-mapping.json:1:1: missing "
            "values for 2 indicators: trips, incidents; add them under values, list them under not_applicable, or use --missing zero to score them 0",
        ),
    ),
    Case(
        "dev-null-as-spec",
        "empty",
        ("score", "/dev/null", OK),
        1,
        ("/dev/null: not a regular file (a pipe, device or socket); give a file",),
    ),
    Case(
        "empty-csv",
        "empty",
        ("batch", BASE, "{tmp}/empty.csv"),
        1,
        (
            "{tmp}/empty.csv:1:1: the table is empty; the first row must name the columns "
            "(entity, then indicator ids)",
        ),
        make=_write("empty.csv", b""),
    ),
    Case(
        "header-only-csv",
        "empty",
        ("batch", BASE, f"{H}/header-only.csv", "--format", "csv"),
        1,  # it was 0: an export that lost its rows passed unnoticed
        (
            "0 scored, 0 failed",
            f"{H}/header-only.csv: no rows to score below the header; give the table with its rows",
        ),
        stdout_allowed=True,  # the CSV's header line, written before the rows were known
        out=_header_only,
    ),
    Case(
        "empty-xlsx",
        "empty",
        ("batch", BASE, "{tmp}/empty.xlsx"),
        1,
        (
            "{tmp}/empty.xlsx:1:1: the sheet is empty; the first row must name the columns "
            "(entity, then indicator ids)",
        ),
        make=_xlsx("empty.xlsx", []),
    ),
    # ---- duplicate keys ----------------------------------------------------------------
    Case(
        "duplicate-value",
        "duplicate-keys",
        ("score", BASE, f"{H}/dup-value.yaml"),
        1,
        (
            f"{H}/dup-value.yaml:8:3: duplicate key 'trips' (first at line 6); "
            "each key may appear once",
        ),
    ),
    Case(
        "duplicate-top-level-key",
        "duplicate-keys",
        ("score", BASE, f"{H}/dup-top-level.yaml"),
        1,
        (
            f"{H}/dup-top-level.yaml:6:1: duplicate key 'spec' (first at line 2); "
            "each key may appear once",
        ),
    ),
    Case(
        "duplicate-key-in-json",
        "duplicate-keys",
        ("score", BASE, f"{H}/dup-value.json"),
        1,
        (
            f"{H}/dup-value.json:2:41: duplicate key 'trips' (first at line 2); "
            "each key may appear once",
        ),
    ),
    Case(
        "duplicate-key-in-set-value",
        "duplicate-keys",
        ("score", BASE, OK, "--set", "inputs={budget: {name: a}, budget: {name: b}}"),
        2,
        ("--set[1]:1:28: duplicate key 'budget' (first at line 1); each key may appear once",),
    ),
    Case(
        "duplicate-csv-column",
        "duplicate-keys",
        ("batch", BASE, f"{H}/dup-column.csv"),
        1,
        (
            f"{H}/dup-column.csv:1:6: column 'trips' appears twice (also column 4); "
            "each column once",
        ),
    ),
    # ---- .nan, .inf, 1e999 and -0 where numbers belong ----------------------------------
    Case(
        "nan-value",
        "numbers",
        ("score", BASE, f"{H}/nan-value.yaml"),
        1,
        (f"{H}/nan-value.yaml:6:10: '.nan' is not a finite number; write a plain number",),
    ),
    Case(
        "inf-input",
        "numbers",
        ("score", BASE, f"{H}/inf-input.yaml"),
        1,
        (f"{H}/inf-input.yaml:4:18: '.inf' is not a finite number; write a plain number",),
    ),
    Case(
        "1e999-value",
        "numbers",
        ("score", BASE, f"{H}/huge-value.yaml"),
        1,
        (
            f"{H}/huge-value.yaml:6:10: '1e999' is out of range; "
            "numbers must lie strictly between -1e21 and 1e21",
        ),
    ),
    Case(
        "1e-999-value",
        "numbers",
        ("score", BASE, f"{H}/tiny-value.yaml"),
        1,
        (
            "tests/data/hostile/tiny-value.yaml:6:10: '1e-999' is too close to 0: a number other "
            "than 0 must be at least 1e-21 in size; write 0, or the value in a larger unit",
        ),
    ),
    Case(
        "41-significant-digits",
        "numbers",
        ("score", BASE, f"{H}/digits-value.yaml"),
        1,
        (
            f"{H}/digits-value.yaml:6:10: '3.0000000000000000000000000000000000000001' has more "
            "than 40 significant digits; round it to 40 or fewer",
        ),
    ),
    Case(
        "minus-zero-value-is-zero",
        "numbers",
        ("score", BASE, f"{H}/minus-zero-value.yaml", "--format", "json"),
        0,
        (),
        out=_minus_zero_scored_as_zero,
    ),
    Case(
        "minus-zero-weight",
        "numbers",
        ("validate", f"{H}/minus-zero-weight.yaml"),
        1,
        (
            f"{H}/minus-zero-weight.yaml:7:30: 'weight' must be greater than 0, not the number 0",
            "1 error in 1 of 1 file",
        ),
    ),
    Case(
        "minus-zero-csv-cell-is-zero",
        "numbers",
        ("batch", BASE, f"{H}/minus-zero-cell.csv", "--format", "csv"),
        0,
        ("1 scored, 0 failed",),
        out=_one_row("甲单位", "8.85"),
    ),
    Case(
        "nan-csv-cell",
        "numbers",
        ("batch", BASE, f"{H}/nan-cell.csv"),
        1,
        (
            f"{H}/nan-cell.csv:2:4: column 'trips' (外出招商次数): 'NaN' is not a number; "
            + NOT_A_NUMBER,
        ),
        stdout_allowed=True,
    ),
    Case(
        "1e999-csv-cell",
        "numbers",
        ("batch", BASE, f"{H}/inf-cell.csv"),
        1,
        (
            "tests/data/hostile/inf-cell.csv:2:4: column 'trips' "
            "(外出招商次数): '1e999' is out of range; numbers must lie strictly between -1e21 and 1e21",
        ),
        stdout_allowed=True,
    ),
    Case(
        "nan-in-set-value",
        "numbers",
        ("score", BASE, OK, "--set", "indicators.trips.target=.nan"),
        2,
        ("--set[1]:1:25: '.nan' is not a finite number; write a plain number",),
    ),
    # ---- words where numbers belong ----------------------------------------------------
    Case(
        "word-as-value",
        "words-for-numbers",
        ("score", BASE, f"{H}/word-value.yaml"),
        1,
        (f"{H}/word-value.yaml:6:10: values: 'trips' needs a number (次), not the text 'three'",),
    ),
    Case(
        "chinese-numeral-as-input",
        "words-for-numbers",
        ("score", BASE, f"{H}/word-input.yaml"),
        1,
        (
            "tests/data/hostile/word-input.yaml:4:18: 'budget' must be a number, not the text '一百'",
        ),
    ),
    Case(
        "quoted-number",
        "words-for-numbers",
        ("score", BASE, f"{H}/quoted-number.yaml"),
        1,
        (
            "tests/data/hostile/quoted-number.yaml:6:10: values: "
            "'trips' needs a number (次), not the text '3'; write 3 without quotes",
        ),
    ),
    Case(
        "boolean-as-value",
        "words-for-numbers",
        ("score", BASE, f"{H}/bool-value.yaml"),
        1,
        (
            "tests/data/hostile/bool-value.yaml:6:10: 'trips' must "
            "be a number or text or {grade: ..., score: ...}, not true; a label written true, "
            "false, yes, no, on or off is read so by YAML: quote it",
        ),
    ),
    Case(
        "hex-number",
        "words-for-numbers",
        ("score", BASE, f"{H}/hex-value.yaml"),
        1,
        (f"{H}/hex-value.yaml:6:10: values: 'trips' needs a number (次), not the text '0x10'",),
    ),
    Case(
        "word-as-override-score",
        "words-for-numbers",
        ("score", BASE, f"{H}/override-word.yaml"),
        1,
        (f"{H}/override-word.yaml:7:18: 'score' must be a number, not the text '满分'",),
    ),
    Case(
        "word-as-weight-in-set",
        "words-for-numbers",
        ("score", BASE, OK, "--set", "indicators.trips.weight=ten"),
        2,
        ("--set[1]:1:25: 'weight' must be a number, not the text 'ten'",),
    ),
    Case(
        "word-in-csv-cell",
        "words-for-numbers",
        ("batch", BASE, f"{H}/bad-cell.csv"),
        1,
        (
            f"{H}/bad-cell.csv:3:4: column 'trips' (外出招商次数): '三' is not a number; "
            + NOT_A_NUMBER,
        ),
        stdout_allowed=True,
    ),
    # ---- negative, zero and enormous weights --------------------------------------------
    Case(
        "negative-weight-in-set",
        "weights",
        ("score", BASE, OK, "--set", "indicators.trips.weight=-3"),
        2,
        ("--set[1]:1:25: 'weight' must be greater than 0, not the number -3",),
    ),
    Case(
        "zero-weight-in-set",
        "weights",
        ("score", BASE, OK, "--set", "indicators.trips.weight=0"),
        2,
        ("--set[1]:1:25: 'weight' must be greater than 0, not the number 0",),
    ),
    Case(
        "enormous-weight-breaks-the-total",
        "weights",
        ("score", BASE, OK, "--set", "indicators.trips.weight=1e20"),
        2,
        (
            "--set[1]:1:25: with this weight the group adds up to 100000000000000000007, not "
            "the total 10: rate 4 + trips 100000000000000000000 + incidents 3; add --rebalance "
            "to scale the siblings, or set them too",
        ),
    ),
    Case(
        "weights-beyond-range",
        "weights",
        ("validate", f"{H}/enormous-weights.yaml"),
        1,
        (
            f"{H}/enormous-weights.yaml:4:8: '1e30' is out of range; "
            "numbers must lie strictly between -1e21 and 1e21",
            "1 error in 1 of 1 file",
        ),
    ),
    Case(
        "total-beyond-range-in-set",
        "weights",
        ("score", BASE, OK, "--set", "total=1e30"),
        2,
        ("--set[1]:1:7: '1e30' is out of range; numbers must lie strictly between -1e21 and 1e21",),
    ),
    Case(
        "enormous-weights-within-range-score-exactly",
        "weights",
        (
            "score",
            BASE,
            OK,
            "--format",
            "json",
            "--set",
            "total=9e20",
            "--set",
            "indicators.rate.weight=3e20",
            "--set",
            "indicators.trips.weight=3e20",
            "--set",
            "indicators.incidents.weight=3e20",
        ),
        0,
        (),
        out=_enormous_weights_exact,
    ),
    Case(
        "negative-override-score",
        "weights",
        ("score", BASE, f"{H}/override-negative.yaml"),
        1,
        (
            f"{H}/override-negative.yaml:7:18: override score -1 for 'trips' lies outside "
            "0 to its weight 3",
        ),
    ),
    Case(
        "enormous-override-score",
        "weights",
        ("score", BASE, f"{H}/override-above.yaml"),
        1,
        (
            f"{H}/override-above.yaml:7:18: override score 100000000000000000000 for 'trips' "
            "lies outside 0 to its weight 3",
        ),
    ),
]


def _formula(name: str, pos: str, message: str) -> Case:
    path = f"{H}/formula-{name}.yaml"
    return Case(f"formula-{name}", "formula", ("score", path, FA), 1, (f"{path}:{pos}: {message}",))


CASES += [
    _formula("dunder-chain", "10:24", f"formula: attribute access (x.y) is not allowed; {ALLOWED}"),
    _formula(
        "dunder-attribute", "10:33", f"formula: attribute access (x.y) is not allowed; {ALLOWED}"
    ),
    _formula(
        "dunder-name",
        "10:33",
        "formula: unknown name '__builtins__'; names here: actual, target, weight",
    ),
    _formula(
        "dunder-import", "10:24", f"formula: attribute access (x.y) is not allowed; {ALLOWED}"
    ),
    _formula("dunder-import-call", "10:33", f"formula: unknown function '__import__'; {FUNCTIONS}"),
    _formula("lambda-call", "10:25", f"formula: lambda is not allowed; {ALLOWED}"),
    _formula("generator", "10:27", f"formula: comprehensions are not allowed; {ALLOWED}"),
    _formula(
        "call-open", "10:33", f"formula: unknown function 'len'; did you mean 'ln'?; {FUNCTIONS}"
    ),
    _formula("call-eval", "10:24", f"formula: unknown function 'eval'; {FUNCTIONS}"),
    _formula(
        "string-times",
        "10:24",
        "formula: text 'x' can only be compared with == or != (e.g. actual == \"x\"); a formula "
        "computes with numbers",
    ),
    _formula(
        "huge-power", "10:33", "formula: power too large: the result would have over 1000 digits"
    ),
    _formula(
        "left-shift",
        "10:34",
        "formula: operator '<<' is not allowed; allowed operators: + - * / // % **",
    ),
    _formula(
        "right-shift",
        "10:34",
        "formula: operator '>>' is not allowed; allowed operators: + - * / // % **",
    ),
    _formula(
        "xor-for-power",
        "10:24",
        "formula: operator '^' is not allowed; allowed operators: + - * / // % **",
    ),
    _formula("subscript", "10:33", f"formula: subscripts (x[i]) are not allowed; {ALLOWED}"),
    _formula("walrus", "10:25", f"formula: assignment (:=) is not allowed; {ALLOWED}"),
    _formula("fstring", "10:24", f"formula: f-strings are not allowed; {ALLOWED}"),
    _formula("keyword-call", "10:24", "formula: call min(a, b, ...) with plain arguments only"),
    _formula(
        "huge-literal",
        "10:51",
        "formula: '1e400' is out of range; numbers must lie strictly between -1e21 and 1e21; "
        "write a plain decimal number",
    ),
    _formula("complex-literal", "10:33", f"formula: complex numbers are not allowed; {ALLOWED}"),
    Case(
        "formula-5000-nested-parentheses",
        "formula",
        ("score", "{tmp}/f.yaml", FA),
        1,
        ("{tmp}/f.yaml:9:23: formula: 10006 characters long; at most 2000 are allowed",),
        make=_write("f.yaml", _formula_spec("(" * 5000 + "actual" + ")" * 5000)),
    ),
    Case(
        "formula-500-nested-parentheses",
        "formula",
        ("score", "{tmp}/f.yaml", FA),
        1,
        (
            "{tmp}/f.yaml:9:224: formula: not a valid expression (too many nested parentheses); "
            "write e.g. weight * min(actual / target, 1)",
        ),
        make=_write("f.yaml", _formula_spec("(" * 500 + "actual" + ")" * 500)),
    ),
    Case(
        "formula-150-nested-parentheses-accepted",
        "formula",
        ("score", "{tmp}/f.yaml", FA),
        0,
        (),
        make=_write(
            "f.yaml", _formula_spec("weight * " + "(" * 150 + "actual / target" + ")" * 150)
        ),
        out=_contains("Total 10.00 / 10.00"),
    ),
    Case(
        "formula-1500-unary-minus",
        "formula",
        ("score", "{tmp}/f.yaml", FA),
        1,
        ("{tmp}/f.yaml:9:224: formula: nested too deeply (more than 200 levels)",),
        make=_write("f.yaml", _formula_spec("-" * 1500 + "actual")),
    ),
    Case(
        "formula-too-long",
        "formula",
        ("score", "{tmp}/f.yaml", FA),
        1,
        ("{tmp}/f.yaml:9:23: formula: 2406 characters long; at most 2000 are allowed",),
        make=_write("f.yaml", _formula_spec("weight" + " + 0" * 600)),
    ),
    Case(
        "formula-flat-sum-of-100-terms",
        "formula",
        ("score", f"{H}/formula-flat-sum.yaml", f"{H}/formula-flat-sum-actuals.yaml"),
        0,
        out=_flat_sum_scored,
    ),
    Case(
        "formula-text-times-variable-passes-validate",
        "formula",
        ("validate", f"{H}/formula-string-times-actual.yaml"),
        1,
        (
            ""
            "tests/data/hostile/formula-string-times-actual.yaml:10:24: formula: text 'ab' can only be compared with == or != (e.g. actual == \"ab\"); a formula computes with numbers",
            "1 error in 1 of 1 file",
        ),
    ),
    # ---- division by zero and other evaluation-time failures ----------------------------
    Case(
        "zero-budget-score",
        "evaluation",
        ("score", BASE, f"{H}/zero-budget.yaml"),
        1,
        (
            f"{BASE}:16:13: indicator 'rate' (预算执行率): division by zero; formula: "
            f"spent / budget * 100 with budget = 0, spent = 90; check the actuals "
            f"({H}/zero-budget.yaml)",
        ),
    ),
    Case(
        "zero-budget-explain",
        "evaluation",
        ("explain", BASE, f"{H}/zero-budget.yaml", "rate"),
        1,
        (
            f"{BASE}:16:13: indicator 'rate' (预算执行率): division by zero; formula: "
            f"spent / budget * 100 with budget = 0, spent = 90; check the actuals "
            f"({H}/zero-budget.yaml)",
        ),
    ),
    Case(
        "zero-budget-whatif",
        "evaluation",
        ("whatif", BASE, f"{H}/zero-budget.yaml"),
        1,
        (
            f"{BASE}:16:13: indicator 'rate' (预算执行率): division by zero; formula: "
            f"spent / budget * 100 with budget = 0, spent = 90; check the actuals "
            f"({H}/zero-budget.yaml)",
        ),
    ),
    Case(
        "power-explodes-at-evaluation",
        "evaluation",
        ("score", f"{H}/formula-huge-power-runtime.yaml", FA),
        1,
        (
            f"{H}/formula-huge-power-runtime.yaml:10:13: indicator 'score' (得分): power too "
            "large: the result would have over 1000 digits; formula: weight * min(actual ** "
            f"actual, 1); check the actuals ({FA})",
        ),
    ),
    Case(
        "exp-overflows-at-evaluation",
        "evaluation",
        ("score", f"{H}/formula-exp-runtime.yaml", FA),
        1,
        (
            f"{H}/formula-exp-runtime.yaml:10:13: indicator 'score' (得分): exp() of more than "
            f"2000 is too large; formula: weight * min(exp(actual), 1); check the actuals ({FA})",
        ),
    ),
    Case(
        "sqrt-of-negative-at-evaluation",
        "evaluation",
        ("score", f"{H}/formula-sqrt-runtime.yaml", FA),
        1,
        (
            f"{H}/formula-sqrt-runtime.yaml:10:13: indicator 'score' (得分): sqrt() of a "
            f"negative number; formula: weight * sqrt(target - actual); check the actuals ({FA})",
        ),
    ),
    Case(
        "text-times-number-at-evaluation",
        "evaluation",
        ("score", f"{H}/formula-string-times-actual.yaml", FA),
        1,
        (
            ""
            "tests/data/hostile/formula-string-times-actual.yaml:10:24: formula: text 'ab' can only be compared with == or != (e.g. actual == \"ab\"); a formula computes with numbers",
        ),
    ),
    Case(
        "batch-extreme-magnitudes",
        "evaluation",
        ("batch", BASE, f"{H}/extreme-values.csv", "--format", "csv"),
        1,
        (
            "2 scored, 1 failed",
            "tests/data/hostile/extreme-values.csv:4:2: indicator 'rate' (预算执行率): division "
            "by zero; formula: spent / budget * 100 with budget = 0, spent = 0; the formula is at "
            "tests/data/hostile/base.yaml:16:13; correct the cell, or give a reason in an na.rate "
            "column if the indicator does not apply to this entity",
        ),
        out=_totals({"极小预算": "9.25", "极大次数": "9.60", "零除零": ""}),
        stdout_allowed=True,
    ),
    Case(
        "batch-power-overflow-in-one-row",
        "evaluation",
        ("batch", f"{H}/formula-huge-power-runtime.yaml", f"{H}/power-rows.csv", "--format", "csv"),
        1,
        (
            "1 scored, 1 failed",
            ""
            "tests/data/hostile/formula-huge-power-runtime.yaml:10:13: indicator 'score' (得分): power too large: the result would have over 1000 digits; formula: weight * min(actual ** actual, 1); check row 2 (溢出) of tests/data/hostile/power-rows.csv",
        ),
        out=_totals({"溢出": "", "正常": "10.00"}),
        stdout_allowed=True,
    ),
    # ---- actuals written for another spec, unknown ids ------------------------------------
    Case(
        "actuals-for-another-spec",
        "actuals",
        ("score", NATIONAL, LICHENG),
        1,
        (
            f"{LICHENG}:7:7: these actuals are for spec 'gz-dept-overall-2021', but the spec is "
            f"'national-project-2020' ({NATIONAL}); use the matching spec or fix 'spec:'",
        ),
    ),
    Case(
        "actuals-for-another-spec-reversed",
        "actuals",
        ("compare", GZ, GZ, RURAL),
        1,
        (
            f"{RURAL}:6:7: these actuals are for spec 'national-project-2020', but the spec is "
            f"'gz-dept-overall-2021' ({GZ}); use the matching spec or fix 'spec:'",
        ),
    ),
    Case(
        "unknown-ids",
        "actuals",
        ("score", BASE, f"{H}/unknown-ids.yaml"),
        1,
        (
            f"{H}/unknown-ids.yaml:8:3: values: unknown indicator id 'visitors'; "
            "known: trips, incidents",  # rate is derived: it takes no value
            f"{H}/unknown-ids.yaml:9:3: values: unknown indicator id 'accidents'; "
            "did you mean 'incidents'?; known: trips, incidents",
        ),
    ),
    Case(
        "misspelt-id",
        "actuals",
        ("score", BASE, f"{H}/typo-id.yaml"),
        1,
        (
            "tests/data/hostile/typo-id.yaml:6:3: values: unknown "
            "indicator id 'trip'; did you mean 'trips'?; known: trips, incidents",
        ),
    ),
    Case(
        "unknown-input",
        "actuals",
        ("score", BASE, f"{H}/unknown-input.yaml"),
        1,
        (
            f"{H}/unknown-input.yaml:4:34: inputs: unknown input 'spend'; did you mean "
            "'spent'?; known: budget, spent",
        ),
    ),
    Case(
        "unknown-id-not-applicable",
        "actuals",
        ("score", BASE, f"{H}/unknown-na.yaml"),
        1,
        (
            f"{H}/unknown-na.yaml:7:3: not_applicable: unknown indicator id 'incident'; did you "
            "mean 'incidents'?; known: rate, trips, incidents",
        ),
    ),
    Case(
        "unknown-top-level-key",
        "actuals",
        ("score", BASE, f"{H}/unknown-top-key.yaml"),
        1,
        (
            f"{H}/unknown-top-key.yaml:6:1: unknown key 'value'; did you mean 'values'?; valid "
            "keys here: claimed, claimed_total, entity, inputs, not_applicable, notes, "
            "overrides, period, published, spec, values",
        ),
    ),
    Case(
        "actuals-as-a-list",
        "actuals",
        ("score", BASE, f"{H}/list-actuals.yaml"),
        1,
        (
            f"{H}/list-actuals.yaml:2:1: the actuals file is not a mapping; expected a mapping "
            "with spec, values, ...",
        ),
    ),
    Case(
        "spec-id-as-a-number",
        "actuals",
        ("score", BASE, f"{H}/spec-number.yaml"),
        1,
        (f"{H}/spec-number.yaml:2:7: 'spec' must be text, not the number 2021",),
    ),
    Case(
        "spec-and-actuals-swapped",
        "actuals",
        ("score", OK, BASE),
        1,
        (
            "tests/data/hostile/ok.yaml:2:1: this is an actuals "
            "file, not a spec ('spec:' names a spec id and there are no indicators); give the spec first and the actuals second (scorecard score SPEC ACTUALS)",
        ),
    ),
    # ---- missing files, directories, special files ---------------------------------------
    Case(
        "missing-spec",
        "files",
        ("score", "no-such-spec.yaml", OK),
        1,
        ("no-such-spec.yaml: no such file",),
    ),
    Case(
        "missing-actuals",
        "files",
        ("score", BASE, "no-such.yaml"),
        1,
        ("no-such.yaml: no such file",),
    ),
    Case(
        "missing-table", "files", ("batch", BASE, "no-such.csv"), 1, ("no-such.csv: no such file",)
    ),
    Case(
        "missing-test-target",
        "files",
        ("test", "no-such-folder"),
        1,
        ("no-such-folder: no such file or folder",),
    ),
    Case(
        "directory-as-spec",
        "files",
        ("score", "{tmp}/spec.yaml", OK),
        1,
        (
            "{tmp}/spec.yaml: is a directory; give a file (or a folder of fiscal-year "
            "versions: specs sharing one id, each with effective: {from, to})",
        ),
        make=_dir("spec.yaml"),
    ),
    Case(
        "directory-as-actuals",
        "files",
        ("score", BASE, "{tmp}/actuals.yaml"),
        1,
        ("{tmp}/actuals.yaml: is a directory; give a file",),
        make=_dir("actuals.yaml"),
    ),
    Case(
        "directory-as-table",
        "files",
        ("batch", BASE, "{tmp}/table.csv"),
        1,
        ("{tmp}/table.csv: is a directory; give a file",),
        make=_dir("table.csv"),
    ),
    Case(
        "validate-an-empty-directory",
        "files",
        ("validate", "{tmp}/empty"),
        1,
        ("{tmp}/empty: no .yaml, .yml or .json files in this folder",),
        make=lambda tmp: (tmp / "empty").mkdir(),
    ),
    Case(
        "symlink-loop",
        "files",
        ("score", BASE, "{tmp}/loop.yaml"),
        1,
        ("{tmp}/loop.yaml: cannot read (Too many levels of symbolic links)",),
        make=_symlink_loop,
    ),
    Case(
        "file-name-too-long",
        "files",
        ("score", BASE, "{tmp}/" + LONG_NAME),
        1,
        ("{tmp}/" + LONG_NAME + ": cannot read (File name too long)",),
    ),
    Case(
        "fifo-as-actuals",
        "files",
        ("score", BASE, "{tmp}/fifo.yaml"),
        1,
        ("{tmp}/fifo.yaml: not a regular file (a pipe, device or socket); give a file",),
        make=_fifo,
    ),
    Case(
        "init-into-a-file",
        "files",
        ("init", "README.md"),
        2,
        ("README.md: is a file; give a folder for the starter files",),
    ),
    # ---- unwritable output paths ---------------------------------------------------------
    Case(
        "output-into-missing-folder",
        "output",
        ("score", BASE, OK, "-o", "{tmp}/no-such-folder/out.txt"),
        2,
        ("{tmp}/no-such-folder/out.txt: folder {tmp}/no-such-folder does not exist",),
    ),
    Case(
        "output-is-a-directory",
        "output",
        ("score", BASE, OK, "-o", "{tmp}"),
        2,
        ("{tmp}: is a directory; give a file name for -o",),
    ),
    Case(
        "output-under-a-file",
        "output",
        ("score", BASE, OK, "-o", f"{BASE}/out.txt"),
        2,
        (
            "tests/data/hostile/base.yaml/out.txt: "
            "tests/data/hostile/base.yaml is a file, not a folder",
        ),
    ),
    Case(
        "batch-output-into-missing-folder",
        "output",
        ("batch", BASE, f"{H}/one-bad-row.csv", "--format", "csv", "-o", "{tmp}/no/out.csv"),
        2,
        ("{tmp}/no/out.csv: folder {tmp}/no does not exist",),
    ),
    Case(
        "xlsx-output-into-missing-folder",
        "output",
        ("score", BASE, OK, "--format", "xlsx", "-o", "{tmp}/no/out.xlsx"),
        2,
        ("{tmp}/no/out.xlsx: folder {tmp}/no does not exist",),
    ),
    Case(
        "output-where-not-even-root-can-create-files",
        "output",
        ("score", BASE, OK, "--format", "json", "-o", "/proc/hostile-out.json"),
        2,
        ("/proc/hostile-out.json: cannot write here (No such file or directory)",),
        make=_needs_proc,
    ),
    Case(
        "batch-output-where-not-even-root-can-create-files",
        "output",
        ("batch", BASE, f"{H}/one-bad-row.csv", "--format", "csv", "-o", "/proc/hostile.csv"),
        2,
        ("/proc/hostile.csv: cannot write here (No such file or directory)",),
        make=_needs_proc,
    ),
    # ---- bad CSV and XLSX tables ---------------------------------------------------------
    Case(
        "unknown-column",
        "tables",
        ("batch", BASE, f"{H}/unknown-column.csv"),
        1,
        (
            f"{H}/unknown-column.csv:1:4: column 'trip' is not an indicator, input or known "
            "column of spec 'hostile-base'; did you mean 'trips'?; columns: entity, period, "
            "indicator ids or names, input ids, score.ID, notes.ID, "
            "na.ID, claimed.ID, claimed_total; "
            "to leave a column out, clear its header",
        ),
    ),
    Case(
        "no-entity-column",
        "tables",
        ("batch", BASE, f"{H}/no-entity.csv"),
        1,
        (
            f"{H}/no-entity.csv:1:1: no entity column: none is named entity, 单位, 单位名称, 评价对象, 部门, "
            "部门名称, 被评价单位, 项目名称, 项目, 评价项目 or 被评价项目, and column 'name' is not one the spec knows; if 'name' says whose row "
            "it is, name it entity (or 单位); columns found: name, budget, spent, trips, "
            "incidents",
        ),
    ),
    Case(
        "percent-in-a-count-column",
        "tables",
        ("batch", BASE, f"{H}/percent-cell.csv"),
        1,
        (
            f"{H}/percent-cell.csv:2:4: column 'trips' (外出招商次数): '30%' has a % but the "
            "unit is '次'; write the plain number",
        ),
        stdout_allowed=True,
    ),
    Case(
        "unclosed-quote",
        "tables",
        ("batch", BASE, f"{H}/unclosed-quote.csv"),
        1,
        (
            'tests/data/hostile/unclosed-quote.csv:2:1: a quote (") opened in this row is never closed; close it or remove it',
        ),
        stdout_allowed=True,
    ),
    Case(
        "row-longer-than-header",
        "tables",
        ("batch", BASE, f"{H}/ragged-row.csv"),
        1,
        (
            "tests/data/hostile/ragged-row.csv:2:6: row has 7 cells "
            "but the header names 5 columns; remove the extra cells or name their columns",
        ),
        stdout_allowed=True,
    ),
    Case(
        "empty-cell",
        "tables",
        ("batch", BASE, f"{H}/empty-cell.csv"),
        1,
        (
            "tests/data/hostile/empty-cell.csv:2:4: missing value "
            "for 1 indicator: trips (外出招商次数); fill in its cell, write N/A in it or give a reason in an na.ID column if the indicator does not apply, or use --missing zero to score it 0",
        ),
        stdout_allowed=True,
    ),
    Case(
        "xlsx-formula-without-saved-value",
        "tables",
        ("batch", BASE, "{tmp}/book.xlsx"),
        1,
        (
            "{tmp}/book.xlsx:2:4: cell D2 holds the formula =1+2 "
            "with no saved value; open and save the file in Excel (or write the value)",
        ),
        make=_xlsx("book.xlsx", [HEADER, ["甲单位", 100, 90, "=1+2", 0]]),
        stdout_allowed=True,
    ),
    Case(
        "yaml-given-as-table",
        "tables",
        ("batch", BASE, OK),
        2,
        (
            f"{OK}: one entity's actuals, not a table: score it with 'scorecard score SPEC {OK}'; "
            "a table is a .csv, .xlsx or .parquet file",
        ),
    ),
    Case(
        "table-given-as-spec",
        "command-line",
        ("score", "examples/docs/units.csv", OK),
        2,
        (
            "scorecard score: examples/docs/units.csv is a table, not a spec: score takes the "
            "spec (YAML) first, then one entity's actuals; to score every row of the table: "
            "scorecard batch SPEC examples/docs/units.csv",
        ),
    ),
    # ---- command-line misuse -------------------------------------------------------------
    Case(
        "unknown-command",
        "command-line",
        ("frobnicate",),
        2,
        ("scorecard: No such command 'frobnicate'; see 'scorecard --help'",),
    ),
    Case(
        "misspelt-command",
        "command-line",
        ("scroe", BASE, OK),
        2,
        ("scorecard: No such command 'scroe'. Did you mean 'score'?; see 'scorecard --help'",),
    ),
    Case(
        "unknown-option",
        "command-line",
        ("score", BASE, OK, "--formt", "json"),
        2,
        (
            "scorecard score: No such option: --formt (Possible options: --format); "
            "see 'scorecard score --help'",
        ),
    ),
    Case(
        "unknown-option-of-batch",  # batch has --bom too, which typer offered beside --format
        "command-line",
        ("batch", BASE, f"{H}/one-bad-row.csv", "--formt", "csv"),
        2,
        (
            "scorecard batch: No such option: --formt (Possible options: --format); "
            "see 'scorecard batch --help'",
        ),
    ),
    Case(
        "unknown-option-shortened",
        "command-line",
        ("batch", BASE, f"{H}/one-bad-row.csv", "--mis", "zero"),
        2,
        (
            "scorecard batch: No such option: --mis (Possible options: --missing); "
            "see 'scorecard batch --help'",
        ),
    ),
    Case(
        "unknown-option-close-to-none",
        "command-line",
        ("batch", BASE, f"{H}/one-bad-row.csv", "--xyz"),
        2,
        ("scorecard batch: No such option: --xyz; see 'scorecard batch --help'",),
    ),
    Case(
        "missing-argument",
        "command-line",
        ("score", BASE),
        2,
        ("scorecard score: Missing argument 'ACTUALS'; see 'scorecard score --help'",),
    ),
    Case(
        "option-without-value",
        "command-line",
        ("score", BASE, OK, "-o"),
        2,
        ("scorecard score: Option '-o' requires an argument; see 'scorecard score --help'",),
    ),
    Case(
        "bad-format",
        "command-line",
        ("score", BASE, OK, "--format", "pdf"),
        2,
        (
            "scorecard score: Invalid value for '--format' / '-f': 'pdf' is not one of 'table', "
            "'tree', 'json', 'markdown', 'html', 'csv', 'xlsx'; see 'scorecard score --help'",
        ),
    ),
    Case(
        "bad-batch-format",
        "command-line",
        ("batch", BASE, f"{H}/one-bad-row.csv", "--format", "tree"),
        2,
        (
            "scorecard batch: Invalid value for '--format' / '-f': 'tree' is not one of "
            "'table', 'csv', 'json', 'xlsx', 'parquet', 'html'; see 'scorecard batch --help'",
        ),
    ),
    Case(
        "xlsx-without-output",
        "command-line",
        ("score", BASE, OK, "--format", "xlsx"),
        2,
        ("scorecard score: xlsx output is a file: give -o FILE.xlsx with --format xlsx",),
    ),
    Case(
        "set-without-equals",
        "command-line",
        ("score", BASE, OK, "--set", "trips.weight"),
        2,
        (
            "--set[1] 'trips.weight': write PATH=VALUE, e.g. indicators.trips.weight=5 or "
            "rounding.mode=half_even",
        ),
    ),
    Case(
        "set-unknown-indicator",
        "command-line",
        ("score", BASE, OK, "--set", "indicators.trip.weight=5"),
        2,
        (
            "--set[1] 'indicators.trip.weight=5': no indicator 'trip'; did you mean 'trips'?; "
            "give an indicator id or a list position",
        ),
    ),
    Case(
        "set-value-not-yaml",
        "command-line",
        ("score", BASE, OK, "--set", "indicators.trips.weight=[1,"),
        2,
        (
            "--set[1] 'indicators.trips.weight=[1,': the value is not valid YAML "
            "(YAML syntax error: did not find expected node content)",
        ),
    ),
    Case(
        "bad-encoding",
        "command-line",
        ("batch", BASE, f"{H}/one-bad-row.csv", "--encoding", "latin-1"),
        2,
        ("--encoding latin-1: unknown; valid: auto, utf-8, utf-8-sig, gbk, gb18030",),
    ),
    Case(
        "bad-sheet",
        "command-line",
        ("batch", BASE, "{tmp}/book.xlsx", "--sheet", "Sheet2"),
        2,
        ("--sheet Sheet2: no such sheet in {tmp}/book.xlsx; did you mean 'Sheet'?; sheets: Sheet",),
        make=_xlsx("book.xlsx", [HEADER, ["甲单位", 100, 90, 3, 0]]),
    ),
    Case(
        "width-not-a-number",
        "command-line",
        ("score", BASE, OK, "--width", "abc"),
        2,
        (
            "scorecard score: Invalid value for '--width': Input should be a valid integer, "
            "unable to parse string as an integer; see 'scorecard score --help'",
        ),
    ),
    Case(
        "width-too-small",
        "command-line",
        ("score", BASE, OK, "--width", "10"),
        2,
        (
            "scorecard score: Invalid value for '--width': Input should be greater than or "
            "equal to 40; see 'scorecard score --help'",
        ),
    ),
    Case(
        "width-too-large",
        "command-line",
        ("explain", BASE, OK, "trips", "--width", "100000"),
        2,
        (
            "scorecard explain: Invalid value for '--width': Input should be less than or "
            "equal to 400; see 'scorecard explain --help'",
        ),
    ),
    Case(
        "bad-missing-policy",
        "command-line",
        ("score", BASE, OK, "--missing", "maybe"),
        2,
        (
            "scorecard score: Invalid value for '--missing': 'maybe' is not one of 'error', "
            "'zero'; see 'scorecard score --help'",
        ),
    ),
    Case(
        "bad-schema-name",
        "command-line",
        ("schema", "bogus"),
        2,
        (
            "scorecard schema: Invalid value for 'name': 'bogus' is "
            "not one of 'spec', 'actuals', 'scorecard', 'tests'; see 'scorecard schema --help'",
        ),
    ),
    Case(
        "explain-unknown-id",
        "command-line",
        ("explain", BASE, OK, "trip"),
        2,
        (
            "scorecard explain: no indicator 'trip' in "
            "tests/data/hostile/base.yaml; did you mean 'trips'?; give an id or an exact name, or total; ids: rate, trips, incidents",
        ),
    ),
    Case(
        "compare-with-two-files-and-no-set",
        "command-line",
        ("compare", BASE, OK),
        2,
        (
            "scorecard compare: takes SPEC_A SPEC_B ACTUALS, SPEC_A "
            "SPEC_B (rule changes only), or SPEC ACTUALS with at least one --set PATH=VALUE; see 'scorecard compare --help'",
        ),
    ),
]

_ids = [c.id for c in CASES]
assert len(_ids) == len(set(_ids)), "case ids must be unique"


def _param(case: Case) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=case.id, marks=marks)


def _run(args: list[str], timeout: float = HANG_GUARD) -> tuple[int, str, str]:
    done = cli_process.run(args, cwd=ROOT, env=ENV, timeout=timeout)
    return done.code, done.out, done.err


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_hostile_input(case: Case, tmp_path: Path) -> None:
    if case.make is not None:
        case.make(tmp_path)
    tmp = str(tmp_path)
    args = [a.replace("{tmp}", tmp) for a in case.args]
    code, out, err = _run(args, case.timeout)

    shown = err if len(err) < 3000 else err[:3000] + f"... ({len(err)} characters)"
    assert "Traceback" not in err and "Traceback" not in out, shown
    assert code == case.code, f"exit code {code}, expected {case.code}\nstderr:\n{shown}"
    if case.err is not None:
        assert err.splitlines() == [line.replace("{tmp}", tmp) for line in case.err]
    if case.want is not None:
        wanted = case.want.replace(r"\{tmp\}", re.escape(tmp))
        assert re.fullmatch(wanted, err, re.DOTALL), shown
    if case.code != 0:
        lines = err.splitlines()
        assert lines, "a refusal must say why"
        for line in lines:
            assert LOCATED.match(line) or SUMMARY.match(line), f"not located: {line[:300]}"
        if not case.stdout_allowed:
            assert out == "", f"standard output on failure:\n{out[:500]}"
    if case.out is not None:
        case.out(out)


def test_output_into_a_folder_that_refuses_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder the process may not write into (simulated: these tests run as root,
    and root writes into read-only folders anyway) gives one line and no file."""
    import tempfile

    from typer.testing import CliRunner

    from engine.cli import app

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    monkeypatch.chdir(ROOT)
    target = tmp_path / "out.json"
    result = CliRunner().invoke(app, ["score", BASE, OK, "--format", "json", "-o", str(target)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"{target}: cannot write here (Permission denied)"]
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_a_formula_that_fails_on_a_row_is_placed_at_the_cell_of_its_zero_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The zero budget's cell (column 3), not the first input's (spent, column
    2), nor the spec's formula, which the message names beside the fix."""
    from typer.testing import CliRunner

    from engine.cli import app

    monkeypatch.chdir(ROOT)
    table = tmp_path / "t.csv"
    table.write_text("entity,spent,budget,trips,incidents\n甲,90,0,3,0\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["batch", BASE, str(table), "-f", "csv", "--lang", "zh"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1] == (
        f"{table}:2:3: 指标 'rate'（预算执行率）：除以零；公式：spent / budget * 100，其中 "
        f"budget = 0, spent = 90；公式位于 {BASE}:16:13；请更正该单元格，如该指标不适用于这个单位，"
        "请在 na.rate 列中填写原因"
    )


def test_batch_keeps_every_good_row_when_one_row_fails(tmp_path: Path) -> None:
    """Row 4 (丙单位) has a zero budget: its derived rate divides by zero. Every
    other row must still be scored and written, to stdout and to -o."""
    table = f"{H}/one-bad-row.csv"
    expected_ok = {
        "甲单位": ("2", "8.85"),
        "乙单位": ("3", "9.80"),
        "丁单位": ("5", "4.70"),
        "戊单位": ("6", "10.00"),
    }
    message = (
        f"{table}:4:2: indicator 'rate' (预算执行率): division by zero; formula: spent / budget "
        f"* 100 with budget = 0, spent = 90; the formula is at {BASE}:16:13; correct the cell, or "
        "give a reason in an na.rate column if the indicator does not apply to this entity"
    )
    target = tmp_path / "results.csv"
    for args, read in (
        (["batch", BASE, table, "--format", "csv"], None),
        (["batch", BASE, table, "--format", "csv", "-o", str(target)], target),
    ):
        code, out, err = _run(args)
        assert "Traceback" not in err
        assert code == 1, err
        assert err.splitlines() == ["4 scored, 1 failed", message]
        text = read.read_text(encoding="utf-8") if read else out
        if read:
            assert out == ""
        rows = _csv_rows(text)
        assert [r["entity"] for r in rows] == ["甲单位", "乙单位", "丙单位", "丁单位", "戊单位"]
        good = {r["entity"]: (r["row"], r["total"]) for r in rows if r["status"] == "ok"}
        assert good == expected_ok
        (bad,) = [r for r in rows if r["status"] == "error"]
        assert (bad["row"], bad["entity"], bad["total"], bad["error"]) == (
            "4",
            "丙单位",
            "",
            message,
        )


def test_batch_row_error_names_its_row() -> None:
    table = f"{H}/one-bad-row.csv"
    code, out, err = _run(["batch", BASE, table])
    assert code == 1
    assert "Rank" in out
    lines = [line for line in err.splitlines() if "division by zero" in line]
    assert len(lines) == 1, err
    assert re.match(rf"{re.escape(table)}:4:\d+: ", lines[0]) or "丙单位" in lines[0], lines[0]


def test_corpus_size_and_categories() -> None:
    counts: dict[str, int] = {}
    for case in CASES:
        counts[case.category] = counts.get(case.category, 0) + 1
    assert len(CASES) >= 80
    for needed in (
        "alias-bomb",
        "deep-nesting",
        "huge-file",
        "binary",
        "encoding",
        "empty",
        "duplicate-keys",
        "numbers",
        "words-for-numbers",
        "weights",
        "formula",
        "evaluation",
        "actuals",
        "files",
        "output",
        "tables",
        "command-line",
    ):
        assert counts.get(needed, 0) >= 3, needed
    committed = sum(p.stat().st_size for p in (ROOT / H).iterdir())
    assert committed < 64 * 1024, "keep committed data small; generate big files in tmp_path"
