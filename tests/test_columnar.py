"""Spreadsheet cell forms on the fast path: the column-wise rewrite
(engine.batch.cellforms) against the exact reader, cell by cell and table by table."""

from __future__ import annotations

import contextlib
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.base.numbers import NumberError
from engine.batch.blocks import Block
from engine.batch.cellforms import plain_cells
from engine.batch.runner import score_blocks, score_rows
from engine.batch.tables import Column, _cell_value, open_table
from engine.spec.compile import compile_spec
from engine.spec.load import load_text
from tests.test_columnar_csv import columnar
from tests.test_fastpath import _outputs

SPEC = """\
spec: 1
id: forms
total: 20
rounding: {places: 2, mode: half_up}
grades: [{grade: A, min: 15}, {grade: B, min: 0}]
indicators:
  - {id: rate, name: 执行率, weight: 10, unit: "%", direction: higher, target: 100, method: ratio}
  - {id: money, name: 金额, weight: 10, unit: 万元, direction: higher, target: 50000,
     method: ratio}
"""


def _forms(value: Decimal, percent: bool, draw: st.DrawFn) -> str:
    """One number as a spreadsheet may hold it."""
    text = f"{value:f}"
    whole, _, decimals = text.partition(".")
    if draw(st.booleans()) and len(whole.lstrip("-")) > 3:
        grouped = f"{int(whole):,}"
        text = grouped + ("." + decimals if decimals else "")
    if draw(st.booleans()):
        text = text.translate(str.maketrans("0123456789.-", "０１２３４５６７８９．－"))
    if percent and draw(st.booleans()):
        text += draw(st.sampled_from(["%", "％"]))
    pad = st.sampled_from(["", " ", "\u00a0", "  ", "\t", "\u3000"])
    return draw(pad) + text + draw(pad)


ODD = st.sampled_from(
    [
        "1,23",
        "12,3456",
        ",123",
        "1,234,",
        "1 234",
        "3 5",
        "12 34.5",
        "1 234 567",
        "１,２３４.５",
        "98%%",
        "98 %",
        "%",
        "N/A",
        "不适用",
        "--",
        "",
        " ",
        "1e3",
        "1,234e1",
        "+1,234",
        "-0",
        "٣",
        "1.2.3",
        "1,234.",
        "0.1%",
    ]
)


@st.composite
def cells(draw: st.DrawFn, percent: bool) -> str:
    if draw(st.integers(0, 9)) == 0:
        return draw(ODD)
    value = draw(st.decimals(min_value=Decimal("0"), max_value=Decimal("99999"), places=2))
    return _forms(value, percent, draw)


@settings(deadline=None, max_examples=300)
@given(st.data())
def test_a_rewritten_cell_reads_as_the_exact_reader_reads_it(data: st.DataObject) -> None:
    percent = data.draw(st.booleans())
    text = data.draw(cells(percent))
    spec = compile_spec(load_text(SPEC, "forms.yaml"))
    col = Column(2, "x", "value", "rate" if percent else "money")
    (plain,) = plain_cells([text], percent)
    try:
        float(plain)
    except ValueError:
        return  # the fast path does not take it: the exact reader decides
    if not plain or any(c not in "0123456789.+-" for c in plain):
        return
    try:
        exact = _cell_value(text, text.strip(), col, spec, False)
    except NumberError as e:  # pragma: no cover - the failure this test is for
        raise AssertionError(f"rewritten {text!r} as {plain!r}; exact reader refuses: {e}") from e
    assert Fraction(Decimal(plain)) == exact


@st.composite
def tables(draw: st.DrawFn) -> str:
    rows = draw(st.integers(min_value=1, max_value=15))
    lines = ["entity,rate,money"]
    for r in range(rows):
        rate, money = draw(cells(True)), draw(cells(False))
        quoted = [f'"{c}"' if "," in c else c for c in (rate, money)]
        lines.append(",".join([f"e{r}", *quoted]))
    return "\n".join(lines) + "\n"


@settings(deadline=None, max_examples=150)
@given(tables())
def test_spreadsheet_forms_score_the_same_on_the_fast_and_exact_paths(
    tmp_path_factory: object, table_text: str
) -> None:
    spec = compile_spec(load_text(SPEC, "forms.yaml"))
    path = Path(tmp_path_factory.mktemp("forms")) / "t.csv"  # type: ignore[attr-defined]
    path.write_text(table_text, encoding="utf-8")
    fast = list(score_rows(spec, open_table(str(path), spec), fast=True))
    exact = list(score_rows(spec, open_table(str(path), spec), fast=False))
    assert fast == exact
    assert _outputs(spec, path, fast=True) == _outputs(spec, path, fast=False)


def test_excel_forms_stay_on_the_fast_path(tmp_path: Path) -> None:
    spec = compile_spec(load_text(SPEC, "forms.yaml"))
    path = tmp_path / "t.csv"
    path.write_text(
        'entity,rate,money\na,98.93%," 82,912.04 "\nb,１００％,"１２,３４５"\nc,N/A,1\n'
        "d,98.93 %,82 912.04\ne,50,12\u00a0345\n"
        # full width with its point, as an input method types it (it went the exact way)
        'f,９８．９３％,８２９１２．０４\ng,－５,"１,２３４．５"\n',
        encoding="utf-8",
    )
    for forced in (False, True):  # row by row, and column-wise as a large table
        with columnar() if forced else contextlib.nullcontext():
            (block,) = list(score_blocks(spec, open_table(str(path), spec), fast=True))
        assert isinstance(block, Block)
        assert block.fast == [0, 1, 2, 3, 4, 5, 6]  # the N/A mark too (engine.batch.patterns)
        assert list(block.others) == []
        results = list(block.results())
        assert [r.total for r in results] == [
            Fraction("9.89") + Fraction("10"),
            Fraction("10") + Fraction("2.47"),
            Fraction("0"),
            Fraction("9.89") + Fraction("10"),
            Fraction("5") + Fraction("2.47"),
            Fraction("9.89") + Fraction("10"),
            Fraction("0") + Fraction("0.25"),
        ]


def test_gbk_and_bom_tables_with_excel_forms_score_as_utf8(tmp_path: Path) -> None:
    spec = compile_spec(load_text(SPEC, "forms.yaml"))
    text = 'entity,rate,money\n单位甲,98.93%,"82,912.04"\n单位乙,１００％,"１２,３４５"\n'
    plain = tmp_path / "u.csv"
    plain.write_text(text, encoding="utf-8")
    expected = _outputs(spec, plain, fast=True)
    for name, encoding in (("g.csv", "gbk"), ("b.csv", "utf-8-sig")):
        other = tmp_path / name
        other.write_bytes(text.encode(encoding))
        assert _outputs(spec, other, fast=True) == expected
        assert _outputs(spec, other, fast=False) == expected


@settings(deadline=None, max_examples=100)
@given(st.data())
def test_random_specs_score_spreadsheet_forms_as_the_exact_path_does(
    tmp_path_factory: object, data: st.DataObject
) -> None:
    from tests.test_fastpath import cases

    spec_text, table_text = data.draw(cases())
    lines = table_text.rstrip("\n").split("\n")
    rewritten = [lines[0]]
    for line in lines[1:]:
        entity, *cells = line.split(",")
        forms = [_forms(Decimal(c), False, data.draw) for c in cells]
        rewritten.append(",".join([entity, *[f'"{c}"' if "," in c else c for c in forms]]))
    spec = compile_spec(load_text(spec_text, "r.yaml"))
    path = Path(tmp_path_factory.mktemp("rs")) / "t.csv"  # type: ignore[attr-defined]
    path.write_text("\n".join(rewritten) + "\n", encoding="utf-8")
    plain = Path(tmp_path_factory.mktemp("rp")) / "t.csv"  # type: ignore[attr-defined]
    plain.write_text(table_text, encoding="utf-8")
    fast = list(score_rows(spec, open_table(str(path), spec), fast=True))
    exact = list(score_rows(spec, open_table(str(path), spec), fast=False))
    assert fast == exact
    assert [r.total for r in fast] == [
        r.total for r in score_rows(spec, open_table(str(plain), spec), fast=False)
    ]
