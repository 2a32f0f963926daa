"""The survey of a sheet's XML: references read from the bytes give the survey
the patterns give, on usual sheets and on references of every odd form."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.batch import xlsx_survey
from engine.batch.xlsx_survey import Survey, survey

#: a cell's reference as writers write it, and as damaged or hostile files do
_REFS = st.one_of(
    st.builds(
        lambda c, r: f"{c}{r}",
        st.sampled_from(["A", "B", "Z", "AA", "AB", "XFD", "XFE", "ZZZZ", "a", ""]),
        st.sampled_from(["1", "2", "9", "10", "200001", "1048576", "1048577", "0", "007", ""]),
    ),
    st.sampled_from(["A99999999", "A1 ", "1A", "A1B"]),
)
_ATTRIBUTE_SPACE = st.sampled_from([" ", " ", " ", "\t", "\n"])


@st.composite
def sheets(draw: st.DrawFn) -> tuple[bytes, str]:
    prefix = draw(st.sampled_from(["", "", "x:"]))
    rows = []
    for number in draw(
        st.lists(st.sampled_from(["1", "2", "3", "5", "4", "12", "A3"]), max_size=6)
    ):
        cells = []
        for ref in draw(st.lists(_REFS, max_size=5)):
            space = draw(_ATTRIBUTE_SPACE)
            attribute = "" if ref == "" else f'{space}r="{ref}"'
            kind = draw(st.sampled_from(["", ' t="e"', ' s="1"', ' t="n"', " foo=' r=\"ZZ9\"'"]))
            value = draw(st.sampled_from(["<v>1</v>", "<v>#DIV/0!</v>", "", "<f>A1</f><v>2</v>"]))
            end = draw(st.sampled_from(["", "/"])) if not value else ""
            cells.append(
                f"<{prefix}c{attribute}{kind}{end}>"
                if end
                else f"<{prefix}c{attribute}{kind}>{value}</{prefix}c>"
            )
        rows.append(f'<{prefix}row r="{number}">{"".join(cells)}</{prefix}row>')
    merged = draw(
        st.sampled_from(
            ["", f'<{prefix}mergeCells><{prefix}mergeCell ref="B2:C3"/></{prefix}mergeCells>']
        )
    )
    if draw(st.booleans()):
        rows.insert(0, f'<!-- <{prefix}c <{prefix}c r="A1" r="ZZ9"> -->')
    xmlns = f' xmlns:{prefix[:-1]}="ns"' if prefix else ""
    xml = (
        f"<{prefix}worksheet{xmlns}><{prefix}sheetData>{''.join(rows)}</{prefix}sheetData>"
        f"{merged}</{prefix}worksheet>"
    )
    return xml.encode(), prefix


def _pieces(body: bytes, cuts: list[int]) -> list[bytes]:
    """The XML in pieces, each cut before a tag, as the reader cuts it."""
    tags = [m.start() for m in re.finditer(rb"<", body)]
    at = sorted({tags[c % len(tags)] for c in cuts}) if tags else []
    edges = [0, *at, len(body)]
    return [body[a:b] for a, b in itertools.pairwise(edges) if b > a]


def _by_patterns(pieces: list[bytes], monkeypatch: pytest.MonkeyPatch) -> Survey:
    with monkeypatch.context() as m:
        m.setattr(xlsx_survey, "_numbered", lambda codes, cells, prefix: None)
        return survey(pieces)


@given(sheets(), st.lists(st.integers(0, 10_000), max_size=4))
def test_references_read_from_the_bytes_survey_as_the_patterns_do(
    sheet: tuple[bytes, str], cuts: list[int]
) -> None:
    body, _prefix = sheet
    pieces = _pieces(body, cuts)
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert survey(pieces) == _by_patterns(pieces, monkeypatch)


@given(st.binary(max_size=60), st.sampled_from([b"", b"x:"]))
def test_cells_counted_from_the_bytes_as_the_pattern_counts_them(
    data: bytes, prefix: bytes
) -> None:
    body = data.replace(b"#", b"<" + prefix + b"c")
    pattern = re.compile(rb"<" + re.escape(prefix) + rb"c[\s>/]")
    found = xlsx_survey._cells(xlsx_survey._bytes(body), prefix)
    assert len(found) == len(pattern.findall(body))


def test_a_usual_sheet_is_read_from_the_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The references of a usual sheet take the bytes' way (the patterns are the
    fallback), and say where the farthest cell is."""
    row = '<row r="{n}"><c r="A{n}" t="n"><v>1</v></c><c r="AB{n}" s="1"><v>2</v></c></row>'
    body = ("<worksheet><sheetData>" + "".join(row.format(n=n) for n in range(1, 41))).encode()
    read: list[object] = []
    real = xlsx_survey._numbered

    def numbered(codes: object, cells: object, prefix: bytes) -> object:
        read.append(real(codes, cells, prefix))
        return read[-1]

    monkeypatch.setattr(xlsx_survey, "_numbered", numbered)
    found = survey(_pieces(body + b"</sheetData></worksheet>", [7, 300]))
    assert found.cells == 80 and (found.rows, found.columns) == (40, 28)
    assert found.far == (40, 28, "AB40")
    assert read and all(r is not None for r in read)  # never the patterns' way


@pytest.mark.parametrize(
    "cells",
    [
        """<c\nr="XFD1048576" foo=' r="A1"'><v>1</v></c>""",
        """<c r="ABCDEFGHIJKL1" foo=' r="A1"'/>""",
        """<!-- <c <c r="A1" r="ZZ9"> --><c r="A1"><v>1</v></c>""",
        """<c r="A1B" foo=' r="ZZ9"'/>""",
        """<c s="1" r="B7"><v>1</v></c>""",
        """<c r="A1"><is><t> r="ZZ9"</t></is></c>""",
    ],
)
def test_references_of_other_forms_survey_as_the_patterns_do(
    cells: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """References a writer would not write, in a well-formed sheet: another
    attribute that holds ` r="…"`, a comment, a reference after other attributes
    or after a line break, text that looks like a reference."""
    body = f'<worksheet><sheetData><row r="1">{cells}</row></sheetData></worksheet>'.encode()
    assert survey([body]) == _by_patterns([body], monkeypatch)


def test_row_numbers_beyond_int64_are_compared_exactly() -> None:
    from engine.batch.xlsx_survey import _in_order

    found = Survey()
    last = _in_order(found, [b"1"], 0)
    last = _in_order(found, [b"10000000000000000007"], last)
    assert _in_order(found, [b"5"], last) == 10000000000000000007
    assert found.disorder == (5, 10000000000000000007)
