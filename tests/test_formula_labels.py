"""A formula that compares ``actual`` with text (``actual == '是'``) takes those
texts as its indicator's actual, besides numbers: in an actuals file, a
mapping, a table's cell and a filled form. Before, every such actual was
refused as not a number, so the comparison could never hold. A formula that
uses ``actual`` for nothing else takes an answer in words, any answer (否 under
``== '是'``: what its ``else`` is for), and no number: a number was scored as
none of its texts (0 under ``== '是'``, full marks under ``!= '否'``)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from conftest import invoke

import engine
from engine.spec.formula import compile_formula

SPEC = """\
spec: 1
id: labels
total: 10
rounding: {places: 1, mode: half_up}
indicators:
  - id: ontime
    name: 按时完成
    weight: 5
    method: {formula: "weight if actual == '是' or '基本' == actual else 0"}
  - {id: rate, name: 完成率, weight: 5, unit: "%", target: 100, direction: higher, method: ratio}
"""


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "labels.yaml"
    path.write_text(SPEC, "utf-8")
    return path


def test_the_texts_compared_with_actual_are_the_formulas_labels() -> None:
    names = {"actual", "target", "weight", "x"}
    assert compile_formula("1 if actual == 'a' or 'b' != actual else 0", names).labels == {
        "a",
        "b",
    }
    assert compile_formula("1 if x == 'c' else actual", names).labels == frozenset()
    assert compile_formula("weight * actual / target", names).labels == frozenset()


@pytest.mark.parametrize(("ontime", "total"), [("是", 10), ("基本", 10), ("否", 5), ("无", 5)])
def test_any_answer_in_words_is_scored_by_the_formula(spec: Path, ontime: str, total: int) -> None:
    """The answer 否 could not be given at all: no number, and no text but 是."""
    card = engine.score(str(spec), {"ontime": ontime, "rate": "100"})
    assert card.total == Fraction(total)


@pytest.mark.parametrize(
    ("text", "labels_only"),
    [
        ("weight if actual == '是' else 0", True),
        ("weight if actual != '否' else 0", True),
        ("weight if '是' == actual or actual == '基本' else 0", True),
        ("weight if actual == '是' or actual == 1 else 0", False),
        ("weight if actual == '免检' or actual >= target else 0", False),
        ("weight if actual == '免检' else weight * min(actual / target, 1)", False),
        ("weight if target == 'x' else 0", False),
        ("weight * actual / target", False),
    ],
)
def test_a_formula_takes_only_labels_where_it_uses_actual_only_to_compare_with_texts(
    text: str, labels_only: bool
) -> None:
    assert compile_formula(text, {"actual", "weight", "target"}).labels_only is labels_only


@pytest.mark.parametrize("given", ["0", "1", "7"])
def test_a_number_for_a_formula_of_labels_only_is_refused(
    spec: Path, tmp_path: Path, given: str
) -> None:
    """It was scored as none of the labels: 0 here, silently."""
    actuals = tmp_path / "a.yaml"
    actuals.write_text(f"spec: labels\nvalues: {{ontime: {given}, rate: 100}}\n", "utf-8")
    code, _out, err = invoke("score", str(spec), str(actuals))
    assert (code, err.strip()) == (
        1,
        f"{actuals}:2:18: values: 'ontime' takes an answer in words (its formula compares it "
        f"with 基本, 是), not the number {given}; write the answer",
    )


def test_a_text_a_formula_also_using_numbers_does_not_compare_is_refused_with_its_labels(
    spec: Path, tmp_path: Path
) -> None:
    actuals = tmp_path / "a.yaml"
    actuals.write_text("spec: labels\nvalues: {ontime: shi, rate: 100}\n", "utf-8")
    mixed = tmp_path / "mixed.yaml"
    mixed.write_text(SPEC.replace("else 0", "else min(actual, weight)"), "utf-8")
    code, _out, err = invoke("score", str(mixed), str(actuals))
    assert (code, err.strip()) == (
        1,
        f"{actuals}:2:18: values: 'ontime' needs a number (no unit) or a label its formula "
        "compares: 基本, 是; not the text 'shi'",
    )
    assert engine.score(str(mixed), {"ontime": "3", "rate": "100"}).total == 8


def test_a_tables_answer_cells_are_scored_and_numbers_refused(spec: Path, tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    rows = "a,是,100\nb,否,100\nc,3,90\nd,基本,90\ne,无,100\nf,N/A,100\n"
    table.write_text("entity,ontime,rate\n" + rows, "utf-8")
    code, out, err = invoke("batch", str(spec), str(table), "--format", "csv")
    assert code == 1
    totals = [line.split(",")[3] for line in out.splitlines()[1:]]
    assert totals == ["10.0", "5.0", "", "9.5", "5.0", "10.0"]  # N/A: its weight handed on
    assert err.splitlines()[1:] == [
        f"{table}:4:2: 'ontime' takes an answer in words (its formula compares it with 基本, "
        "是), not the number 3; write the answer",
    ]


def test_a_forms_label_is_scored(spec: Path, tmp_path: Path) -> None:
    import openpyxl

    form = tmp_path / "form.xlsx"
    assert invoke("template", str(spec), "-o", str(form))[0] == 0
    wb = openpyxl.load_workbook(form)
    sheet = wb["自评表"]
    for r in range(1, sheet.max_row + 1):
        iid = sheet.cell(r, 2).value
        if iid in ("ontime", "rate"):
            sheet.cell(r, 8).value = "是" if iid == "ontime" else "100%"
    wb.save(form)
    ontime = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 2).value == "ontime")
    checked = {ref for dv in sheet.data_validations.dataValidation for ref in str(dv.sqref).split()}
    assert f"H{ontime}" not in checked  # Excel lets the unit type 是, or 否
    code, out, err = invoke("score", str(spec), str(form), "-f", "json")
    assert code == 0, err
    assert '"total": "10.0"' in out


def test_a_label_that_reads_as_a_number_is_refused() -> None:
    """``actual == '1'``: a table's cell 1 is the number 1 on the fast path, a
    label on the exact one, so the score depended on the table's size."""
    from engine.base.errors import FormulaError

    with pytest.raises(FormulaError) as raised:
        compile_formula("weight if actual == '1' else 0", {"actual", "weight"})
    assert (raised.value.message, raised.value.offset) == (
        "text '1' is compared with actual, but an actual 1 is read as a number; compare with "
        "the number itself (actual == 1)",
        20,
    )


@pytest.mark.parametrize(
    "text",
    [
        "weight if actual >= target or actual == '免检' else 0",
        "weight if actual >= target and actual != '免检' else 0",
        "(weight if actual == '免检' else 0) if actual > 0 else 0",
        "weight * min(actual / target, 1) or actual == '免检'",
    ],
)
def test_a_label_compared_after_actual_is_used_as_a_number_is_refused(text: str) -> None:
    """``actual >= target or actual == '免检'`` validated, and every entity whose
    actual was 免检 then failed at scoring: '>=' stops at the text. Placed at the
    label (the first one written, in characters)."""
    from engine.base.errors import FormulaError

    with pytest.raises(FormulaError) as raised:
        compile_formula(text, {"actual", "weight", "target"})
    assert (raised.value.message, raised.value.offset) == (
        "'免检' is compared with actual after actual is used as a number, which an actual "
        "'免检' cannot be; compare the label first, e.g. actual == '免检' or …",
        text.index("'免检'"),
    )


@pytest.mark.parametrize(
    "text",
    [
        "weight if actual == '免检' or actual >= target else 0",
        "weight if actual == '免检' else weight * min(actual / target, 1)",
        "weight if (actual != '免检' and actual >= target) or actual == '免检' else 0",
        "weight if actual != '免检' and actual >= target else 0",
    ],
)
def test_a_label_compared_first_is_accepted_and_scores(text: str, tmp_path: Path) -> None:
    compile_formula(text, {"actual", "weight", "target"})
    spec = tmp_path / "s.yaml"
    spec.write_text(
        "spec: 1\nid: x\ntotal: 10\nrounding: {places: 1, mode: half_up}\nindicators:\n"
        f"  - {{id: q, name: 质量, weight: 10, target: 90, direction: higher,"
        f' method: {{formula: "{text}"}}}}\n',
        "utf-8",
    )
    exempt = engine.score(str(spec), {"q": "免检"}).total
    assert exempt == (0 if "!=" in text and " or " not in text else 10)
    assert engine.score(str(spec), {"q": "95"}).total == 10


def test_an_error_after_chinese_text_is_placed_by_characters() -> None:
    """The syntax tree counts a column in bytes of UTF-8: '是' is three, so an
    error after a label was placed two columns too far right per character."""
    from engine.base.errors import FormulaError

    text = "weight if actual == '是是' else sqrt(-1)"
    with pytest.raises(FormulaError) as raised:
        compile_formula(text, {"actual", "weight"})
    assert (raised.value.message, raised.value.offset) == (
        "sqrt() of a negative number",
        text.index("sqrt"),
    )


def test_a_scoring_error_after_chinese_text_is_placed_by_characters() -> None:
    from engine.base.errors import FormulaError

    text = "  weight if actual == '是是' else weight / actual"
    formula = compile_formula(text, {"actual", "weight"})
    with pytest.raises(FormulaError) as raised:
        formula.evaluate({"actual": Fraction(0), "weight": Fraction(5)})
    assert raised.value.offset == text.rindex("actual")
