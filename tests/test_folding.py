"""Folded descriptions (``>``) in Chinese: lines joined without a space where
either side of the break is CJK; everything else exactly as YAML 1.2 folds it."""

from __future__ import annotations

import itertools

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.spec.compile import load_spec
from engine.spec.load import load_text


def loaded(text: str) -> dict[str, object]:
    data = load_text(text, "t.yaml").data
    assert isinstance(data, dict)
    return data


def test_the_shipped_spec_reads_as_written() -> None:
    spec = load_spec("specs/gz-dept-overall-2021.yaml")
    assert "取自自评报告；三级指标权重" in spec.description
    assert "自评报告； " not in spec.description


def test_a_break_next_to_chinese_folds_to_nothing_and_english_keeps_its_space() -> None:
    text = (
        "description: >-\n"
        "  履行职能 16 项指标取自\n"
        "  自评报告；\n"
        "  三级指标为假设 (see the\n"
        "  2021 report)\n"
        "  scores in\n"
        "  万元\n"
    )
    assert loaded(text)["description"] == (
        "履行职能 16 项指标取自自评报告；三级指标为假设 (see the 2021 report) scores in万元"
    )


def test_blank_lines_stay_line_breaks_and_chomping_is_kept() -> None:
    text = "description: >+\n  第一段\n  继续\n\n  第二段\n\nnext: 1\n"
    assert loaded(text)["description"] == "第一段继续\n第二段\n\n"
    assert loaded("description: >\n  甲\n  乙\n")["description"] == "甲乙\n"


def test_only_descriptions_are_refolded() -> None:
    text = "name: >-\n  预算\n  执行率\nnote: >-\n  甲\n  乙\ndescription: |\n  甲\n  乙\n"
    data = loaded(text)
    assert data["name"] == "预算 执行率" and data["note"] == "甲 乙"  # YAML's fold
    assert data["description"] == "甲\n乙\n"  # a literal block: its breaks are kept
    # a value given to an indicator whose id is "description" is a value
    assert loaded("values:\n  description: >-\n    甲\n    乙\n")["values"] == {
        "description": "甲 乙"
    }


def test_indicators_and_methods_descriptions_are_refolded() -> None:
    text = (
        "indicators:\n  - id: a\n    description: >-\n      甲\n      乙\n"
        "methods:\n  m:\n    description: >-\n      丙\n      丁\n"
    )
    data = loaded(text)
    assert data["indicators"] == [{"id": "a", "description": "甲乙"}]
    assert data["methods"] == {"m": {"description": "丙丁"}}


def test_more_indented_lines_are_left_as_the_parser_reads_them() -> None:
    text = "description: >\n  甲\n    乙\n  丙\n"
    assert loaded(text)["description"] == yaml.safe_load(text)["description"]


lines = st.lists(
    st.text(alphabet="ab 1，。中文", min_size=1, max_size=8).map(str.strip).filter(bool),
    min_size=1,
    max_size=6,
)


@settings(deadline=None)
@given(lines, st.sampled_from([">", ">-", ">+"]))
def test_refolding_only_ever_removes_the_spaces_of_folds(
    given_lines: list[str], header: str
) -> None:
    text = f"description: {header}\n" + "".join(f"  {line}\n" for line in given_lines)
    yaml_says = yaml.safe_load(text)["description"]
    ours = loaded(text)["description"]
    assert isinstance(ours, str)
    assert ours.replace(" ", "") == yaml_says.replace(" ", "")
    if not any(ch >= "\u3000" for line in given_lines for ch in line):  # no CJK: YAML's own
        assert ours == yaml_says
    for a, b in itertools.pairwise(given_lines):
        if a[-1] >= "\u3000" or b[0] >= "\u3000":
            assert a + b in ours
        else:
            assert f"{a} {b}" in ours
