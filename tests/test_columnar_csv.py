"""Large CSV files read column-wise with Arrow (engine.batch.columnar) against the
row-by-row reader and the exact path: the same rows, results, messages and
bytes, whatever the file holds. The size from which a file is read column-wise
is set to 0 here, so that small tables take that way."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from engine.batch import tables
from engine.batch.blocks import Block
from engine.batch.runner import score_blocks, score_rows
from engine.batch.tables import open_table
from engine.spec.compile import compile_spec
from engine.spec.load import load_text
from tests.test_fastpath import _outputs

SPEC = """\
spec: 1
id: forms
total: 30
rounding: {places: 2, mode: half_up}
inputs: {b: {name: B}, s: {name: S}}
grades: [{grade: A, min: 20}, {grade: B, min: 0}]
indicators:
  - {id: rate, name: 执行率, weight: 10, unit: "%", direction: higher, target: 100,
     actual: s / b * 100, method: ratio}
  - {id: money, name: 金额, weight: 10, unit: 万元, direction: higher, target: 50000,
     method: ratio}
  - {id: share, name: 占比, weight: 10, unit: "%", direction: higher, target: 90,
     method: ratio}
"""


@contextlib.contextmanager
def columnar() -> Iterator[None]:
    """Every CSV read column-wise, however small."""
    before = tables.COLUMNAR_BYTES
    tables.COLUMNAR_BYTES = 0
    try:
        yield
    finally:
        tables.COLUMNAR_BYTES = before


def _spec() -> Any:
    return compile_spec(load_text(SPEC, "forms.yaml"))


def same_on_every_path(path: Path, spec: Any = None, missing: str = "error") -> list[Any]:
    """The table's rows, output text and summary figures, the same on the exact
    path, the fast path reading rows and the fast path reading columns; the
    exact path's rows."""
    spec = spec or _spec()
    exact = list(score_rows(spec, open_table(str(path), spec), missing, fast=False))
    rows = list(score_rows(spec, open_table(str(path), spec), missing, fast=True))
    expected = _outputs(spec, path, False, missing)
    out = _outputs(spec, path, True, missing)
    with columnar():
        arrow = list(score_rows(spec, open_table(str(path), spec), missing, fast=True))
        arrow_out = _outputs(spec, path, True, missing)
    assert arrow == exact
    assert rows == exact
    assert out == expected
    assert arrow_out == expected
    return exact


LINES = [
    "entity,b,s,money,share",
    "甲,100,95.5,82912.04,88",
    '乙,200,"1,234.50"," 82,912.04 ",９０％',
    "丙,100,N/A,1,2",
    "丁,0,5,1,2",
    "戊,100,70,,3",
    "己,100,70,1e5,3",
    "庚,100,70,-0,+.5",
]


def _write(tmp_path: Path, lines: list[str], name: str = "t.csv", **kw: Any) -> Path:
    path = tmp_path / name
    ending = kw.get("ending", "\n")
    path.write_bytes((ending.join(lines) + ending).encode(kw.get("encoding", "utf-8")))
    return path


def test_a_table_read_column_wise_scores_as_row_by_row(tmp_path: Path) -> None:
    results = same_on_every_path(_write(tmp_path, LINES))
    assert [r.row for r in results] == list(range(2, 9))
    assert "2:3" not in "".join(results[0].errors)
    with columnar():
        spec = _spec()
        items = list(score_blocks(spec, open_table(str(_write(tmp_path, LINES)), spec), fast=True))
    assert len(items) == 1 and isinstance(items[0], Block)
    # the others: an N/A mark, a 0 divisor, a missing value (1e5 is read here too)
    assert items[0].fast == [0, 1, 5, 6]


@pytest.mark.parametrize(
    ("case", "lines"),
    [
        ("blank line", [*LINES[:3], "", *LINES[3:]]),
        ("blank row of commas", [*LINES[:3], ",, ,,", *LINES[3:]]),
        ("short row", [*LINES[:3], "辛,1,2", *LINES[3:]]),
        ("long row", [*LINES[:3], "辛,1,2,3,4,5", *LINES[3:]]),
        ("line break in a cell", [*LINES[:3], '"辛\n壬",100,50,1,2', *LINES[3:]]),
        ("CRLF in a cell", [*LINES[:3], '"辛\r\n壬",100,50,1,2', *LINES[3:]]),
        ("CRLF in a cell, quote after", [*LINES[:3], '"辛\r\n",100,50,1,2', *LINES[3:]]),
        ("quote inside a cell", [*LINES[:3], 'a"b,100,50,1,2', *LINES[3:]]),
        ("doubled quote", [*LINES[:3], '"a""b",100,50,1,2', *LINES[3:]]),
        ("lone carriage return", [*LINES[:3], "辛,100,50\r1,2", *LINES[3:]]),
        ("formula-like entity", [*LINES[:3], "=1+1,100,50,1,2", *LINES[3:]]),
        ("no final line end", LINES),
    ],
)
def test_lines_the_arrow_reader_might_read_otherwise_go_the_row_by_row_way(
    tmp_path: Path, case: str, lines: list[str]
) -> None:
    path = _write(tmp_path, lines)
    if case == "no final line end":
        path.write_bytes(path.read_bytes().rstrip(b"\n"))
    same_on_every_path(path)


@pytest.mark.parametrize(
    ("case", "data"),
    [
        ("blank line between CRLF lines", "\r\n".join([*LINES[:3], "", *LINES[3:]]) + "\r\n"),
        ("first line blank", "\n" + "\n".join(LINES[1:]) + "\n"),
        ("carriage return at the end", "\n".join(LINES) + "\r"),
    ],
)
def test_line_ends_the_arrow_reader_might_read_otherwise(
    tmp_path: Path, case: str, data: str
) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(LINES[0].encode() + b"\n" + data.split("\n", 1)[1].encode())
    if case == "first line blank":
        path.write_bytes((LINES[0] + "\n" + data).encode())
    same_on_every_path(path)


@pytest.mark.parametrize("ending", ["\n", ""])
def test_rows_after_a_lone_carriage_return_keep_their_line_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ending: str
) -> None:
    """csv's reader counts a carriage return alone as a line end: so do the
    pieces after the one holding it (each piece a few lines here), and a last
    line without a line end, which is a piece of its own."""
    from engine.batch import columnar as columnar_module

    monkeypatch.setattr(columnar_module, "PIECE_BYTES", 64)
    lines = [*LINES[:3], "辛,100,50\r1,2", *LINES[3:], *LINES[1:3]]
    path = tmp_path / "t.csv"
    path.write_bytes(("\n".join(lines) + ending).encode())
    results = same_on_every_path(path)
    assert [r.row for r in results][-3:] == [len(lines) - 1, len(lines), len(lines) + 1]


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_a_line_break_inside_quotes_is_read_column_wise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ending: str
) -> None:
    """A note written on two lines (a line break inside a quoted cell, as Excel
    saves one) stays on the columnar path; each row keeps the number of the line
    it starts on, in its own piece and in the pieces after it."""
    from engine.batch import columnar as columnar_module

    monkeypatch.setattr(columnar_module, "PIECE_BYTES", 96)
    two = f'"辛{ending}壬",100,50,1,2'
    lines = [*LINES[:3], two, *LINES[3:], f'"{ending}癸",100,60,1,2', *LINES[1:3]]
    path = _write(tmp_path, lines, ending=ending)
    results = same_on_every_path(path)
    # a header line, then rows: the 3rd and 8th take two lines each
    assert [r.row for r in results] == [2, 3, 4, 6, 7, 8, 9, 10, 11, 13, 14]
    assert results[2].entity == f"辛{ending}壬"
    read_by_csv = []
    monkeypatch.setattr(columnar_module, "_row_items", lambda *a: read_by_csv.append(a) or [])
    with columnar():
        spec = _spec()
        items = list(score_blocks(spec, open_table(str(path), spec), fast=True))
    assert read_by_csv == []
    assert [row for item in items for row in item.rows] == [r.row for r in results]


@pytest.mark.parametrize(
    ("name", "encoding", "ending"),
    [("g.csv", "gbk", "\n"), ("b.csv", "utf-8-sig", "\r\n"), ("t.tsv", "utf-8", "\n")],
)
def test_gbk_bom_crlf_and_tabs_read_column_wise(
    tmp_path: Path, name: str, encoding: str, ending: str
) -> None:
    lines = LINES
    if name.endswith(".tsv"):
        lines = [line.replace('"1,234.50"', "1234.50").replace(",", "\t") for line in LINES]
        lines = [line.replace('" 82\t912.04 "', "82912.04") for line in lines]
    path = _write(tmp_path, lines, name, encoding=encoding, ending=ending)
    same_on_every_path(path)


def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path: Path) -> None:
    from engine.base.errors import LoadError

    path = _write(tmp_path, [*LINES[:3], '"辛,100,50,1,2', *LINES[3:]])
    spec = _spec()
    messages = []
    for forced in (False, True):
        with columnar() if forced else contextlib.nullcontext(), pytest.raises(LoadError) as e:
            list(score_rows(spec, open_table(str(path), spec), fast=True))
        messages.append(str(e.value))
    assert messages[0] == messages[1]
    assert ":4:1:" in messages[0] and "never closed" in messages[0]


def test_jobs_read_column_wise_write_the_same_bytes(tmp_path: Path) -> None:
    from engine.batch import columnar as reader

    lines = [LINES[0]] + [
        f"单位{k},{100 + k % 7},{k % 113}.5,{k * 13 % 90000},9{k % 10}%" for k in range(3000)
    ]
    lines[1500] = "坏,1,2"
    path = _write(tmp_path, lines)
    spec = _spec()
    before = reader.PIECE_BYTES
    reader.PIECE_BYTES = 8 << 10  # many pieces
    try:
        with columnar():
            one = _outputs(spec, path, fast=True)
            items = list(score_blocks(spec, open_table(str(path), spec), jobs=2))
    finally:
        reader.PIECE_BYTES = before
    from engine.render.batch_view import csv_lines

    assert "".join(csv_lines(spec, items)) == one[0]
    assert one == _outputs(spec, path, fast=False)


GRADED = """\
spec: 1
id: graded
total: 20
rounding: {places: 2, mode: half_up}
indicators:
  - {id: rate, name: 执行率, weight: 10, unit: "%", direction: higher, target: 100,
     method: ratio}
  - id: level
    name: 管理制度
    weight: 10
    method: {grades: {优: 1, 良: 0.8, 中: 0.6, 差: 0}}
"""


def test_grade_labels_read_column_wise_score_as_row_by_row(tmp_path: Path) -> None:
    """Labels go the columnar way as codes into their distinct words: a known
    label scores its points, an unknown or empty one goes the exact way."""
    labels = ["优", "良", " 中 ", "差", "优秀", "", "良"]
    lines = ["entity,rate,level"] + [
        f"单位{k},{90 + k % 11}.5,{labels[k % len(labels)]}" for k in range(300)
    ]
    spec = compile_spec(load_text(GRADED, "graded.yaml"))
    results = same_on_every_path(_write(tmp_path, lines), spec)
    assert [r.scores[1] for r in results[:4]] == [10, 8, 6, 0]
    assert results[4].errors and results[5].errors and not results[6].errors


def test_a_large_csv_is_scored_without_importing_pandas(tmp_path: Path) -> None:
    """pyarrow's conveniences import pandas (a fifth of a second, and a Ctrl-C
    inside that import is lost): the columnar path builds its arrays from buffers."""
    import subprocess
    import sys

    lines = [LINES[0]] + [
        f"单位{k},{100 + k % 7},{k % 113}.5,{k * 13 % 90000},9{k % 10}%" for k in range(3000)
    ]
    lines[5::17] = [f"单位{k},100,95, N/A ,3" for k in range(5, 3001, 17)]  # N/A marks
    path = _write(tmp_path, lines)
    code = (
        "import sys\n"
        "from engine.batch import tables\n"
        "tables.COLUMNAR_BYTES = 0\n"
        "from engine.batch.runner import score_blocks\n"
        "from engine.batch.tables import open_table\n"
        "from engine.render.batch_view import csv_lines\n"
        "from engine.spec.compile import compile_spec\n"
        "from engine.spec.load import load_text\n"
        f"spec = compile_spec(load_text({SPEC!r}, 'forms.yaml'))\n"
        f"items = score_blocks(spec, open_table({str(path)!r}, spec), fast=True)\n"
        "text = ''.join(csv_lines(spec, items))\n"
        "import engine.batch.columnar\n"
        "print(len(text.splitlines()), 'pandas' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == ["3001", "False"]


def test_a_line_end_parted_by_the_decode_check_counts_once(tmp_path: Path) -> None:
    """The decode check reads 1 MiB at a time: a CR LF cut between two reads is
    one line end, and a byte that does not decode is located on its own line."""
    from engine.batch.tables import _check_decodes, _DecodeFailure

    line = b"x" * 1020 + b",1\r\n"  # 1,024 bytes: the 1,024th line's CR ends the first MiB
    data = line * 1023 + b"x" * 1021 + b",1\r" + b"\nx,2\r\n\xbc,3\n"
    assert data.index(b"\r", 1023 * 1024) == (1 << 20) - 1
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    with pytest.raises(_DecodeFailure) as failure:
        _check_decodes(path, "utf-8")
    assert failure.value.line == 1026


@given(st.binary(max_size=40).map(lambda b: bytes(b"a\r\n"[x % 3] for x in b)))
def test_line_ends_are_counted_alike_by_the_pieces_and_by_the_encoding_check(data: bytes) -> None:
    """The pieces count line ends in numpy, the encoding check with bytes'
    counts: one rule (a line feed, or a carriage return without one)."""
    from engine.batch.columnar import _line_ends as piece_ends
    from engine.batch.tables import _line_ends

    assert piece_ends(data, len(data)) == _line_ends(data)


@given(
    st.lists(
        st.text("0123456789.+-N/A 不\u3000\t\xa0\x1c \u2028", max_size=12), min_size=1, max_size=40
    ),
    st.lists(st.text("0123456789.+-N/A 不", max_size=3), min_size=1, max_size=4),
)
@example([" " * 20 + "N/A", "\t" * 9 + "不 ", "\u3000N/A", "N/A\xa0", " ", ""], ["N/A", "不"])
def test_marks_are_found_where_a_column_holds_their_first_bytes_and_only_there(
    cells: list[str], tokens: list[str]
) -> None:
    import pyarrow as pa

    from engine.batch.columnar import _Piece

    column = pa.array(["x", *cells], pa.string()).slice(1)  # an offset into the buffers, too
    found = _Piece([column]).among(0, tokens).tolist()
    assert found == [c.strip() in tokens for c in cells]


_MARKED = st.one_of(
    st.sampled_from(["N/A", "n/a", " NA ", "不适用", "--", "-", "", "1,234", "5%", "1.2.3"]),
    st.decimals(min_value=-1000, max_value=100_000, places=2).map(str),
)


@settings(deadline=None, max_examples=60)
@given(st.lists(st.tuples(_MARKED, _MARKED), min_size=1, max_size=12))
def test_columns_of_plain_numbers_and_na_marks_score_as_row_by_row(
    tmp_path_factory: Any, rows: list[tuple[str, str]]
) -> None:
    """A value column whose only cells other than plain numbers are N/A marks is
    read without rewriting its forms (engine.batch.columnar): it scores as the
    other paths do, with marks that are plain bytes ("--") and other forms beside."""
    lines = ["entity,b,s,money,share"]
    lines += [f'e{k},100,95,"{m}","{r}"' for k, (m, r) in enumerate(rows)]
    same_on_every_path(_write(tmp_path_factory.mktemp("marks"), lines))


@given(
    st.lists(
        st.one_of(
            st.text("0123456789.+-", max_size=6),
            st.decimals(places=3, allow_nan=False, allow_infinity=False).map(lambda d: f"{d:f}"),
        ),
        min_size=1,
        max_size=30,
    )
)
@example(["--", "1.2.3", "-", ".", "+-", "1.", ".5", "+.5", "-0", "007"])
def test_cells_of_a_numbers_bytes_that_are_no_number_are_found_without_reading_each(
    cells: list[str],
) -> None:
    """A cell of a number's bytes that Arrow's cast refuses ("--", "1.2.3")
    left the whole column to float() cell by cell (an N/A mark "--" in 5% of
    cells cost 1.8x the run): a regular expression finds them instead, and the
    column reads as float() reads each cell."""
    import numpy as np
    import pyarrow as pa

    from engine.batch import columnar

    def refused(texts: list[str], good: Any) -> Any:
        raise AssertionError("read cell by cell")

    good = np.ones(len(cells), dtype=bool)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(columnar, "_cellwise", refused)
        values = columnar._floats(pa.array(cells, pa.string()), good)
    for cell, ok, value in zip(cells, good.tolist(), values.tolist(), strict=True):
        try:
            expected: float | None = float(cell)
        except ValueError:
            expected = None
        assert (expected is not None) == ok, cell
        if ok:
            assert value == expected, cell


_SCIENTIFIC = st.one_of(
    st.sampled_from(
        [
            "1.23457E+11",
            "8.651000E+01",
            "0.000000E+00",
            "-0E-5",
            "1e-400",
            "1E+21",
            "9.99E+20",
            "1e-21",
            "1e-20",
            "1E400",
            "1e",
            "e5",
            "E",
            "1.e5",
            ".5e3",
            "1e+",
            "1E+2%",
            "1e5.5",
            "--1e5",
            "1,234E+5",
            "１E+2",
            " 2.5E-3 ",
            "5.000000E-01",
        ]
    ),
    st.builds(
        lambda m, e, c: f"{m}{c}{e:+d}",
        st.decimals(min_value=-10, max_value=10, places=6, allow_nan=False).map(lambda d: f"{d:f}"),
        st.integers(-30, 30),
        st.sampled_from("eE"),
    ),
)


@settings(deadline=None, max_examples=60)
@given(st.lists(st.tuples(_SCIENTIFIC, _SCIENTIFIC), min_size=1, max_size=12))
def test_numbers_with_an_exponent_score_as_row_by_row(
    tmp_path_factory: Any, rows: list[tuple[str, str]]
) -> None:
    """Spreadsheets write large and small numbers as 1.23457E+11: such a cell
    is read column-wise where it has a number's form (it went cell by cell
    through the exact reader, 85x slower), and a value the exact reader
    refuses (1e-400, 1E+21) is still refused."""
    lines = ["entity,b,s,money,share"]
    lines += [f'e{k},100,95,"{m}","{r}"' for k, (m, r) in enumerate(rows)]
    same_on_every_path(_write(tmp_path_factory.mktemp("exp"), lines))


def test_numbers_with_an_exponent_are_read_column_wise(tmp_path: Path) -> None:
    lines = ["entity,b,s,money,share", "甲,1.0E+02,9.55E+01,8.2912E+04,8.8E+01"]
    lines += ["乙,100,95.5,0.000000E+00,5E-1", "丙,100,95.5,1e-400,88", "丁,100,95.5,1E+21,88"]
    results = same_on_every_path(_write(tmp_path, lines))
    assert [r.errors for r in results][2:] == [
        (
            f"{tmp_path}/t.csv:4:4: column 'money' (金额): '1e-400' is too close to 0: a number "
            "other than 0 must be at least 1e-21 in size; write 0, or the value in a larger unit",
        ),
        (
            f"{tmp_path}/t.csv:5:4: column 'money' (金额): '1E+21' is out of range; numbers must "
            "lie strictly between -1e21 and 1e21",
        ),
    ]
    with columnar():
        spec = _spec()
        items = list(score_blocks(spec, open_table(str(_write(tmp_path, lines)), spec), fast=True))
    assert len(items) == 1 and isinstance(items[0], Block)
    assert items[0].fast == [0, 1]


def test_a_space_inside_a_number_groups_digits_by_three_or_the_cell_is_refused(
    tmp_path: Path,
) -> None:
    # inner spaces were deleted on every path: 3 5 was read as 35; a space now only
    # separates groups of three (82 912.04), as a comma does, or sits before a %
    lines = [
        "entity,b,s,money,share",
        "甲,100,95.5,82 912.04,88",
        "乙,100,95.5,3 5,88",
        "丙,100,95.5,1,98.93 %",
        "丁,100,95.5,1,9 0%",
        '戊,100,95.5,"82\u00a0912.04",88',
    ]
    results = same_on_every_path(_write(tmp_path, lines))
    assert [bool(r.errors) for r in results] == [False, True, False, True, False]
    assert results[1].errors == (
        f"{tmp_path}/t.csv:3:4: column 'money' (金额): '3 5' is not a number: spaces only "
        "as thousands separators, in groups of three (82 912.04)",
    )
    assert (
        results[3]
        .errors[0]
        .endswith(
            "'9 0%' is not a number: spaces only as thousands "
            "separators, in groups of three (82 912.04)"
        )
    )


def test_a_full_width_comma_is_told_as_such(tmp_path: Path) -> None:
    """'１２，３４５' (a Chinese input method's digits and comma) was told only to
    write digits: the full-width comma is named, on every path."""
    lines = ["entity,b,s,money,share", '甲,100,95.5,"１２，３４５",88', "乙,100,95.5,12，345,88"]
    results = same_on_every_path(_write(tmp_path, lines))
    told = (
        "is not a number: '，' is a full-width comma; write the thousands separator as ',' "
        "(12,345) or leave it out (12345)"
    )
    assert [r.errors for r in results] == [
        (f"{tmp_path}/t.csv:2:4: column 'money' (金额): '１２，３４５' {told}",),
        (f"{tmp_path}/t.csv:3:4: column 'money' (金额): '12，345' {told}",),
    ]


@pytest.mark.parametrize(("cell", "mark"), [("Ｎ／Ａ", "N/A"), ("N／A", "N/A"), ("ＮＡ", "NA")])
def test_an_n_a_mark_in_full_width_is_told_as_such(tmp_path: Path, cell: str, mark: str) -> None:
    """'N／A' (a full-width slash) was told to write digits or an N/A mark, which it
    looks like: the full width is named, with the mark to write, on every path."""
    lines = ["entity,b,s,money,share", f"甲,100,95.5,12345,{cell}"]
    (result,) = same_on_every_path(_write(tmp_path, lines))
    assert result.errors == (
        f"{tmp_path}/t.csv:2:5: column 'share' (占比): '{cell}' is not a number, nor an N/A "
        f"mark: it is written with full-width characters; write {mark} (the marks: N/A, n/a, "
        "NA, 不适用, --)",
    )


def test_currency_and_accounting_forms_are_told_as_such(tmp_path: Path) -> None:
    """'￥82,912.04' and '(82,912.04)' were told that commas go only between groups
    of three: the currency sign and the accounting negative are named, on every path."""
    lines = [
        "entity,b,s,money,share",
        '甲,100,95.5,"￥82,912.04",88',
        '乙,100,95.5,"(82,912.04)",88',
        "丙,100,95.5,$5,88",
        "丁,100,95.5,（2.5）,88",  # full-width brackets, as Chinese input writes them
    ]
    results = same_on_every_path(_write(tmp_path, lines))
    at = f"{tmp_path}/t.csv"
    assert [r.errors for r in results] == [
        (
            f"{at}:2:4: column 'money' (金额): '￥82,912.04' is not a number: '￥' is a currency "
            "sign; write the number alone, 82912.04 (the unit is in the spec)",
        ),
        (
            f"{at}:3:4: column 'money' (金额): '(82,912.04)' is not a number: parentheses are "
            "how an accounting format shows a negative; write it -82912.04",
        ),
        (
            f"{at}:4:4: column 'money' (金额): '$5' is not a number: '$' is a currency sign; "
            "write the number alone, 5 (the unit is in the spec)",
        ),
        (
            f"{at}:5:4: column 'money' (金额): '（2.5）' is not a number: parentheses are how an "
            "accounting format shows a negative; write it -2.5",
        ),
    ]


def test_a_note_after_a_number_and_an_apostrophe_before_it_are_told_as_such(
    tmp_path: Path,
) -> None:
    """'3 (预计)' was told that spaces go only between groups of three, and
    "'1234.5" (a number a spreadsheet keeps as text) to write digits: each is
    named, on every path."""
    lines = [
        "entity,b,s,money,share",
        "甲,100,95.5,3 (预计),88",
        "乙,100,95.5,82912.04（暂估）,88",
        "丙,100,95.5,'1234.5,88",
    ]
    results = same_on_every_path(_write(tmp_path, lines))
    at = f"{tmp_path}/t.csv"
    noted = "was typed after it; write the number alone, {}, and the note in a notes.ID column"
    assert [r.errors for r in results] == [
        (
            f"{at}:2:4: column 'money' (金额): '3 (预计)' is not a number: a note in brackets, "
            f"'预计', {noted.format('3')}",
        ),
        (
            f"{at}:3:4: column 'money' (金额): '82912.04（暂估）' is not a number: a note in "
            f"brackets, '暂估', {noted.format('82912.04')}",
        ),
        (
            f"{at}:4:4: column 'money' (金额): ''1234.5' is not a number: it starts with an "
            "apostrophe (how a spreadsheet keeps a number as text); write the number alone, "
            "1234.5",
        ),
    ]


def test_a_unit_typed_after_a_number_is_told_as_a_unit(tmp_path: Path) -> None:
    """'1 万元' was told that spaces go only between groups of three, and '3万' to
    write digits: the unit typed after the number is said as such, on every path;
    spaces between digits keep their own message."""
    lines = [
        "entity,b,s,money,share",
        "甲,100,95.5,1 万元,88",
        "乙,100,95.5,3万,88",
        "丙,100,95.5,1 2 3,88",
        "丁,100,95.5,1,85 分",
        '戊,100,95.5,"82,912.04 万元",88',
        "己,3万,95.5,1,88",
    ]
    results = same_on_every_path(_write(tmp_path, lines))
    unit = (
        "is not a number: a unit, '{}', was typed after it; write the number alone, {} "
        "(the unit is already in the spec)"
    )
    assert [r.errors for r in results] == [
        (f"{tmp_path}/t.csv:2:4: column 'money' (金额): '1 万元' {unit.format('万元', '1')}",),
        (f"{tmp_path}/t.csv:3:4: column 'money' (金额): '3万' {unit.format('万', '3')}",),
        (
            f"{tmp_path}/t.csv:4:4: column 'money' (金额): '1 2 3' is not a number: spaces only "
            "as thousands separators, in groups of three (82 912.04)",
        ),
        (f"{tmp_path}/t.csv:5:5: column 'share' (占比): '85 分' {unit.format('分', '85')}",),
        (
            f"{tmp_path}/t.csv:6:4: column 'money' (金额): '82,912.04 万元' "
            f"{unit.format('万元', '82,912.04')}",
        ),
        (  # an input without a unit: 万 scales the number, 3 is not meant
            f"{tmp_path}/t.csv:7:2: column 'b' (B): '3万' is not a number: '万' was typed after "
            "it, which scales it; write the whole number alone, in the unit the spec gives",
        ),
    ]


def test_a_claimed_score_with_a_misplaced_comma_is_refused_not_read_as_another(
    tmp_path: Path,
) -> None:
    lines = ["entity,b,s,money,share,claimed.money", '甲,100,95.5,1,88,"1,5"']
    (result,) = same_on_every_path(_write(tmp_path, lines))
    assert (result.errors, result.claims) == (
        (),
        (
            f"{tmp_path}/t.csv:2:6: note: column 'claimed.money' (金额): '1,5' is not a number: "
            "commas only as thousands separators (1,234.5); write the points, such as 3.75; "
            "claims are not scored here (review checks them)",
        ),
    )


def test_a_claimed_score_with_its_points_word_is_told_to_be_the_points_alone(
    tmp_path: Path,
) -> None:
    """'3.75分' was told that its unit is in the spec (a score has none) and to
    write the points twice over. A claim is not scored: the row is, and the claim's
    problem is a note (review reads claims)."""
    lines = ["entity,b,s,money,share,claimed.money", "甲,100,95.5,1,88,3.75分"]
    (result,) = same_on_every_path(_write(tmp_path, lines))
    assert (result.errors, result.claims) == (
        (),
        (
            f"{tmp_path}/t.csv:2:6: note: column 'claimed.money' (金额): '3.75分' is not a "
            "number: '分' was typed after it; write the points alone, 3.75; claims are not "
            "scored here (review checks them)",
        ),
    )


_PLAIN_CELL = st.text(
    st.characters(blacklist_characters=',"\r\n', blacklist_categories=("Cs",)), max_size=6
)


@given(
    st.integers(1, 5).flatmap(
        lambda width: st.lists(st.lists(_PLAIN_CELL, min_size=width, max_size=width), max_size=8)
    ),
    st.sampled_from(["ok", "", "55.00"]),
)
def test_the_csv_writer_makes_the_lines_joining_makes(rows: list[list[str]], same: str) -> None:
    """Runs of scored rows are written by Arrow's CSV writer where no cell needs
    quotes, else joined cell by cell: the same bytes for any cells it takes."""
    from engine.batch.arrowbuf import strings
    from engine.render.csv_columns import _joined, _written

    width = len(rows[0]) if rows else 1
    columns: list[Any] = [strings([r[j] for r in rows]) for j in range(width)]
    columns.insert(1, same)  # one text for every row
    assert _written(columns, len(rows)) == _joined(columns, None)


@pytest.mark.parametrize("cell", ["a,b", 'say "x"', "two\nlines", "cr\r"])
def test_the_csv_writer_refuses_a_cell_that_needs_quotes(cell: str) -> None:
    import pyarrow as pa

    from engine.batch.arrowbuf import strings
    from engine.render.csv_columns import _written

    with pytest.raises(pa.ArrowInvalid):
        _written([strings(["1", cell]), "ok"], 2)


@given(
    st.lists(st.text(st.sampled_from('ab,"\r\n=+-@\t 中'), max_size=4), max_size=8),
    st.integers(0, 8),
    st.integers(0, 8),
)
@settings(max_examples=300)
def test_cells_written_as_they_are_are_found_alike_in_bytes_and_in_text(
    texts: list[str], a: int, b: int
) -> None:
    """Whether a run's entities need quotes or defusing: a column read by Arrow is
    looked at in its bytes (of the run's slice only), others in their text."""
    from engine.batch.arrowbuf import TextColumn, strings
    from engine.render.batch_view import _SPECIAL, _as_they_are, _formula_like

    part = texts[a:b]
    expected = not _SPECIAL.search("".join(part)) and not _formula_like(part)
    assert _as_they_are([TextColumn(strings(texts))[a:b]]) == expected
    assert _as_they_are([part]) == expected
    assert _as_they_are([TextColumn(strings(part)), ["x"]]) == expected


@given(
    st.lists(
        st.tuples(st.text('ab 甲\r\n",', max_size=6), st.sampled_from(["95", "1,234.5", "N/A"])),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from([48, 4 << 20]),
)
def test_quoted_cells_with_line_breaks_score_as_row_by_row(
    tmp_path_factory: Any, rows: list[tuple[str, str]], ending: str, piece: int
) -> None:
    """Cells written by csv's writer, whatever they hold (line breaks, quotes,
    commas), score as the other paths score them, with the same row numbers,
    in pieces of a few lines or one piece."""
    import csv

    from engine.batch import columnar as columnar_module

    path = tmp_path_factory.mktemp("quoted") / "t.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator=ending)
        writer.writerow(["entity", "b", "s", "money", "share"])
        writer.writerows(
            [f"e{k}{name}", "100", value, "1", "2"] for k, (name, value) in enumerate(rows)
        )
    before = columnar_module.PIECE_BYTES
    columnar_module.PIECE_BYTES = piece
    try:
        same_on_every_path(path)
    finally:
        columnar_module.PIECE_BYTES = before


@pytest.mark.parametrize(
    ("case", "tail"),
    [
        ("every row", lambda k: ",,,"),
        ("some rows", lambda k: ", ," if k % 3 == 0 else ""),
        ("one row, text beyond the header", lambda k: ",,x" if k == 2 else ",,"),
    ],
)
def test_empty_cells_after_the_headers_columns_stay_on_the_fast_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, tail: Any
) -> None:
    """A spreadsheet saves a row's trailing empty cells as commas: every such row
    went the exact way one by one (130 times slower). Empty ones are dropped, as
    the exact path drops them; a cell with text there still fails its row."""
    from engine.batch import columnar as columnar_module
    from engine.batch import rows as rows_module

    lines = [LINES[0], *(f"e{k},100,{90 + k},{k}.5,{k}{tail(k)}" for k in range(8))]
    path = _write(tmp_path, lines)
    results = same_on_every_path(path)
    exact_rows = []
    real = rows_module.exact_row

    def counted(*args: Any) -> Any:
        exact_rows.append(args[2])
        return real(*args)

    monkeypatch.setattr("engine.batch.blocks.exact_row", counted)
    spec = _spec()
    list(score_blocks(spec, open_table(str(path), spec), fast=True))  # rows, csv's way
    read_by_csv: list[Any] = []
    monkeypatch.setattr(columnar_module, "_row_items", lambda *a: read_by_csv.append(a) or [])
    with columnar():
        list(score_blocks(spec, open_table(str(path), spec), fast=True))
    if case == "one row, text beyond the header":
        assert results[2].errors == (
            f"{path}:4:7: row has 7 cells but the header names 5 columns; remove the extra "
            "cells or name their columns",
        )
        assert (exact_rows, len(read_by_csv)) == ([4], 1)  # that piece goes csv's way
    else:
        assert all(r.ok for r in results)
        assert (exact_rows, len(read_by_csv)) == ([], 1 if case == "some rows" else 0)


_NA_ROW = st.tuples(
    st.sampled_from(["12345", "", "N/A", " "]),  # money
    st.sampled_from(["88", "", "--"]),  # share
    st.sampled_from(["", "无此项业务", " "]),  # na.money
    st.sampled_from(["", "不适用：未开展"]),  # na.share
    st.sampled_from(["", "原因"]),  # na.rate (a value its formula derives)
)


@settings(deadline=None, max_examples=120)
@given(st.lists(_NA_ROW, min_size=1, max_size=12), st.sampled_from(["error", "zero"]))
@example([("", "88", "无此项业务", "", "")], "error")  # a reason for an empty cell
@example([("12345", "88", "无此项业务", "", "")], "error")  # and beside a value: refused
def test_na_reason_columns_score_alike_on_every_path(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, ...]], missing: str
) -> None:
    """A reason in an na.ID column makes its indicator not applicable where its
    value's cell is empty, read column-wise as an N/A mark is (each such row went
    the exact way, one at a time); beside a value the row fails, as before. The
    CSV read every way and a Parquet file of its text score alike."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path_factory.mktemp("na")
    head = ["entity", "b", "s", "money", "share", "na.money", "na.share", "na.rate"]
    lines = [",".join(head)] + [",".join([f"e{k}", "100", "95", *r]) for k, r in enumerate(rows)]
    expected = same_on_every_path(_write(folder, lines), missing=missing)
    columns = list(zip(*[line.split(",") for line in lines[1:]], strict=True))
    parquet = folder / "t.parquet"
    pq.write_table(pa.table({h: list(c) for h, c in zip(head, columns, strict=True)}), parquet)
    spec = _spec()
    typed = list(score_rows(spec, open_table(str(parquet), spec), missing, fast=True))
    said = [(r.total, r.flags, [e.replace(str(parquet), "t") for e in r.errors]) for r in typed]
    assert said == [
        (r.total, r.flags, [e.replace(str(folder / "t.csv"), "t") for e in r.errors])
        for r in expected
    ]


def test_a_reason_for_an_empty_cell_stays_on_the_fast_path(tmp_path: Path) -> None:
    lines = [
        "entity,b,s,money,share,na.money",
        "甲,100,95,,88,无此项业务",  # not applicable: read as an N/A mark is
        "乙,100,95,12345,88,",
        "丙,100,95,12345,88,无此项业务",  # a value beside a reason: the exact way refuses it
    ]
    spec = _spec()
    with columnar():
        (block,) = list(score_blocks(spec, open_table(str(_write(tmp_path, lines)), spec)))
    assert isinstance(block, Block)
    assert block.fast == [0, 1]
    assert [r.flags for r in block.results()][:2] == ["money:not_applicable", ""]


def test_a_value_with_no_cell_is_told_where_the_exact_path_tells_it(tmp_path: Path) -> None:
    """An indicator with no column of its own (an na.ID column only) is missing in
    every row without a reason: the exact path places that at the row's first
    value, or at its start where every value is an N/A mark. The fast path told
    every row alike at the first such row's place."""
    spec = compile_spec(
        load_text(
            SPEC.replace("total: 30", "total: 35")
            + "  - {id: ghost, name: 幽灵, weight: 5, direction: higher, target: 10, "
            "method: ratio}\n",
            "forms.yaml",
        )
    )
    lines = [
        "entity,b,s,money,share,na.ghost",
        "甲,100,95,N/A,N/A,",  # every value an N/A mark: at the row's start
        "乙,100,95,12345,88,",  # at its first value
        "丙,100,95,N/A,88,",
        "丁,100,95,12345,88,无此项",
    ]
    results = same_on_every_path(_write(tmp_path, lines), spec)
    assert [r.errors[0].split(": ")[0] if r.errors else "" for r in results] == [
        f"{tmp_path}/t.csv:2:1",
        f"{tmp_path}/t.csv:3:4",
        f"{tmp_path}/t.csv:4:5",
        "",
    ]


def test_a_reason_beside_a_chosen_score_is_told_as_the_exact_path_tells_it(
    tmp_path: Path,
) -> None:
    """A reason for a range grade's empty cell beside its chosen score is refused by
    the exact path for the score; read as a mark, the row took the words of a row
    with an empty grade and the same score."""
    spec = compile_spec(
        load_text(
            SPEC.replace("total: 30", "total: 35")
            + "  - {id: travel, name: 出行, weight: 5, method: {grades: "
            "{达成: [0.8, 1], 部分达成: [0.6, 0.8], 未达成: [0, 0.6]}}}\n",
            "forms.yaml",
        )
    )
    lines = [
        "entity,b,s,money,share,travel,score.travel,na.travel",
        "甲,100,N/A,12345,88,,4.5,",  # no grade for the score (and a refused input)
        "乙,100,N/A,12345,88,,4.5,原因",  # a reason beside the score (and the same)
    ]
    results = same_on_every_path(_write(tmp_path, lines), spec, missing="zero")
    assert (
        "score.travel gives a chosen score for an indicator marked not applicable"
        in (results[1].errors[-1])
    )
