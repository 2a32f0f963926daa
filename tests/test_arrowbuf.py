"""Arrow arrays built from buffers (engine.batch.arrowbuf) hold what pyarrow's
own conversions make of the same values."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from engine.batch.arrowbuf import (
    TextColumn,
    flags,
    integers,
    joined,
    optional_strings,
    string_buffers,
    strings,
    text,
    to_numpy,
    valid_only,
)


@given(st.lists(st.text()))
def test_strings_hold_the_texts_given(texts: list[str]) -> None:
    array = strings(texts)
    assert array.type == pa.string()
    assert array.to_pylist() == texts
    assert joined(array) == "".join(texts).encode("utf-8")
    offsets, codes = string_buffers(array)
    assert bytes(codes) == "".join(texts).encode()
    assert np.diff(offsets).tolist() == [len(t.encode()) for t in texts]


@given(st.lists(st.sampled_from(["单位", "甲\0乙", "", "a", "😀"]), min_size=1))
def test_strings_with_nul_and_wide_characters(texts: list[str]) -> None:
    assert strings(texts).to_pylist() == texts
    assert text(texts[0]).as_py() == texts[0]


@given(st.lists(st.booleans()), st.lists(st.integers(-(2**63), 2**63 - 1)))
def test_flags_and_integers_round_trip(bits: list[bool], numbers: list[int]) -> None:
    assert flags(np.array(bits, dtype=bool)).to_pylist() == bits
    assert to_numpy(flags(np.array(bits, dtype=bool))).tolist() == bits
    assert integers(np.array(numbers, dtype=np.int64)).to_pylist() == numbers
    assert to_numpy(integers(np.array(numbers, dtype=np.int64))).tolist() == numbers


@given(st.lists(st.one_of(st.none(), st.floats(allow_nan=False)), min_size=1), st.integers(0, 3))
def test_to_numpy_reads_nulls_as_zero_and_honours_offsets(
    values: list[float | None], k: int
) -> None:
    array = pa.array(values, pa.float64()).slice(min(k, len(values)))
    expected = [0.0 if v is None else v for v in values[min(k, len(values)) :]]
    assert to_numpy(array).tolist() == expected


@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.sampled_from(["1.5", "N/A", "", "-2", "x"])), st.booleans()
        ),
        min_size=1,
    ),
    st.integers(0, 3),
)
def test_valid_only_hides_the_cells_not_valid_from_a_cast(
    cells: list[tuple[str | None, bool]], k: int
) -> None:
    """A cell made null is passed by (a cast does not read "N/A" under it), a
    null stays null, and a slice's offset is kept."""
    k = min(k, len(cells))
    array = pa.array([c for c, _ in cells], pa.string()).slice(k)
    valid = np.array([v for _, v in cells[k:]], dtype=bool)
    hidden = valid_only(array, valid)
    expected = [c if v and c is not None else None for c, v in cells[k:]]
    assert hidden.to_pylist() == expected
    readable = [c for c in expected if c is not None]
    if all(c not in ("N/A", "", "x") for c in readable):
        numbers = pc.cast(hidden, pa.float64()).to_pylist()
        assert numbers == [None if c is None else float(c) for c in expected]


_CELL = st.text(
    alphabet=st.sampled_from(
        list("0123456789０１２３４５６７８９．－＋，,.%％ \u00a0\u3000+-e٣中")
    ),
    max_size=14,
)
#: a plain number's bytes (an exponent's e or E among them: 1.23457E+11)
_PLAIN = __import__("re").compile(r"[0-9.+\-eE]+")


@given(st.lists(_CELL, min_size=1, max_size=30), st.booleans())
@example(["0％%", "５％", "98.5%"], True)  # one final sign: "0％%" is not 0
def test_arrow_forms_rewrite_as_the_python_rules_do(cells: list[str], percent: bool) -> None:
    """Arrow's kernels make plain what the Python rules make plain, and nothing
    else: a cell either rewrite leaves as a plain number is the same in both (the
    only other difference, a Unicode digit such as ٣ beside a comma, leaves the
    cell not plain either way, so its row goes the exact way)."""
    from engine.batch.arrowforms import plain_forms
    from engine.batch.cellforms import plain_cells

    arrow = plain_forms(strings(cells), percent).to_pylist()
    python = plain_cells(cells, percent)
    for cell, a, p in zip(cells, arrow, python, strict=True):
        if _PLAIN.fullmatch(a) or _PLAIN.fullmatch(p):
            assert a == p, (cell, a, p)
        if "٣" not in cell:
            assert a == p, (cell, a, p)


_ASCII_CELL = st.text(alphabet=st.sampled_from(list("0123456789,.%+- e０５９．－＋")), max_size=16)


@given(st.lists(_ASCII_CELL, min_size=1, max_size=40), st.booleans(), st.integers(0, 5))
def test_ascii_forms_rewrite_as_the_arrow_kernels_do(
    cells: list[str], percent: bool, k: int
) -> None:
    """The byte-level rewrite of columns of ASCII and full-width digits gives,
    cell for cell, what Arrow's kernels give (so what the Python rules give), on
    a sliced array too, and says which cells are then plain numbers."""
    from engine.batch.arrowforms import plain_forms, plain_forms_bytes

    column = strings(["x"] * k + cells).slice(k)
    rewritten = plain_forms_bytes(column, percent)
    assert rewritten is not None
    array, plain = rewritten
    assert array.to_pylist() == plain_forms(column, percent).to_pylist()
    expected = [_PLAIN.fullmatch(c) is not None or c == "" for c in array.to_pylist()]
    assert (plain is None and all(expected)) or list(plain) == expected


@pytest.mark.parametrize("cell", ["1\t2", "1\u00a02", "中", "５％", "\uff1a", "１，２３４"])
def test_ascii_forms_leave_other_columns_to_the_kernels(cell: str) -> None:
    from engine.batch.arrowforms import plain_forms_bytes

    assert plain_forms_bytes(strings(["1,234", cell]), True) is None


@given(st.lists(st.one_of(st.none(), st.sampled_from(["ok", "单位", ""]), st.text()), max_size=60))
def test_optional_strings_hold_the_texts_and_nulls_given(texts: list[str | None]) -> None:
    array = optional_strings(texts)
    assert array.type == pa.string()
    assert array.to_pylist() == texts
    assert array.null_count == texts.count(None)


@pytest.mark.parametrize(
    "texts",
    [
        [f"单位{k}" for k in range(3000)] + [None],  # many in the first 1,024, a null late
        [f"单位{k}" for k in range(3000)],
        ["ok"] * 2000 + [f"单位{k}" for k in range(3000)],  # few at first, many later
        ["ok"] * 2000 + [None, "error"] * 10,
    ],
    ids=["names-null", "names", "few-then-many", "few-null"],
)
def test_optional_strings_of_long_columns(texts: list[str | None]) -> None:
    array = optional_strings(texts)
    assert array.to_pylist() == texts
    assert array.null_count == texts.count(None)


pieces = st.lists(
    st.one_of(
        st.tuples(st.just("repeat"), st.sampled_from(["ok", "", None, "优"]), st.integers(0, 5)),
        st.tuples(st.just("extend"), st.lists(st.one_of(st.none(), st.text(max_size=2)))),
        st.tuples(st.just("append"), st.one_of(st.none(), st.text(max_size=2))),
        st.tuples(st.just("add"), st.lists(st.one_of(st.none(), st.text(max_size=2)), min_size=1)),
    ),
    max_size=12,
)


@given(pieces, st.data())
def test_a_coded_column_holds_its_rows_in_order(steps: list[Any], data: st.DataObject) -> None:
    """Result columns of few texts are gathered as runs, pieces of codes and rows
    one by one (:class:`engine.batch.arrow_results._Coded`): the column is
    their rows in the order given."""
    from engine.batch.arrow_results import _Coded

    column, expected = _Coded(), []
    for step in steps:
        if step[0] == "repeat":
            column.repeat(step[1], step[2])
            expected += [step[1]] * step[2]
        elif step[0] == "extend":
            column.extend(step[1])
            expected += step[1]
        elif step[0] == "append":
            column.append(step[1])
            expected.append(step[1])
        else:
            texts = step[1]
            codes = data.draw(st.lists(st.integers(0, len(texts) - 1), max_size=6))
            column.add(list(texts), np.array(codes, dtype=np.int64))
            expected += [texts[c] for c in codes]
    array = column.array()
    assert array.type == pa.string()
    assert array.to_pylist() == expected


@given(st.lists(st.integers(0, 6), min_size=1, max_size=40), st.data())
def test_bytes_are_placed_in_their_cells_both_ways(lengths: list[int], data: st.DataObject) -> None:
    """A byte's cell, searched (few bytes) or counted over every byte (many),
    and each cell's length once some bytes are dropped (empty cells included)."""
    from engine.batch.arrowforms import _count, _dropped, cells_of

    sizes = np.array(lengths, dtype=np.int64)
    total = int(sizes.sum())
    cell = np.repeat(np.arange(len(sizes)), sizes)
    at = np.array(sorted(data.draw(st.sets(st.integers(0, max(total - 1, 0)), max_size=total))))
    assert cells_of(at.astype(np.int64), sizes).tolist() == cell[at.astype(np.int64)].tolist()
    keep = np.array(data.draw(st.lists(st.booleans(), min_size=total, max_size=total)), dtype=bool)
    codes = (np.arange(total) % 200).astype(np.uint8)
    gone = np.flatnonzero(~keep)
    parts = [(gone[k::3], cell[gone[k::3]]) for k in range(3)]  # dropped by three steps
    left = sizes - _count(parts, len(sizes))
    kept, _ = _dropped(codes, left, parts)
    assert kept.tolist() == codes[keep].tolist()
    per_cell = [sum(1 for p in gone.tolist() if cell[p] == c) for c in range(len(sizes))]
    assert left.tolist() == [s - d for s, d in zip(lengths, per_cell, strict=True)]


@given(st.lists(st.text(max_size=3), max_size=12), st.integers(-14, 14), st.integers(-14, 14))
def test_a_text_column_reads_as_the_list_of_its_texts(texts: list[str], a: int, b: int) -> None:
    """An Arrow column of texts kept as such (:class:`TextColumn`) is read, sliced,
    compared and pickled as the list of its texts is."""
    import pickle

    column = TextColumn(strings(texts))
    part = column[a:b]
    assert isinstance(part, TextColumn)  # a slice of the array, no texts made
    assert list(part) == texts[a:b] and len(part) == len(texts[a:b])
    assert strings(part).to_pylist() == texts[a:b]
    assert column == texts and list(column) == texts
    assert [column[i] for i in range(len(texts))] == texts
    assert column[::2] == texts[::2]
    assert pickle.loads(pickle.dumps(column)) == texts
    assert column != "".join(texts) or not texts  # as a list, never equal to a text
    if texts:
        assert column[-1] == texts[-1]


@given(
    st.lists(
        st.one_of(
            st.tuples(st.just("column"), st.lists(st.text(max_size=2), max_size=5)),
            st.tuples(st.just("extend"), st.lists(st.one_of(st.none(), st.text(max_size=2)))),
            st.tuples(st.just("append"), st.one_of(st.none(), st.text(max_size=2))),
        ),
        max_size=8,
    )
)
def test_a_text_result_column_holds_its_rows_in_order(steps: list[Any]) -> None:
    """Entities and periods are gathered as the blocks' Arrow columns and as rows
    given one by one (:class:`engine.batch.arrow_results._Texts`): the column is
    their rows in the order given, null where a row has none."""
    from engine.batch.arrow_results import _Texts

    column, expected = _Texts(), []
    for kind, value in steps:
        if kind == "column":
            column.extend(TextColumn(strings(value)))
            expected += value
        elif kind == "extend":
            column.extend(value)
            expected += value
        else:
            column.append(value)
            expected.append(value)
    array = column.array()
    assert array.type == pa.string()
    assert array.to_pylist() == expected
