"""Fuzzing: random text, random documents, random actuals. Only the engine's own
errors (ScorecardError) may ever come out, and every accepted input scores."""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.base.errors import ScorecardError
from engine.base.numbers import round_fraction
from engine.scoring.actuals import check_actuals
from engine.scoring.evaluate import evaluate
from engine.spec.compile import compile_spec, load_spec
from engine.spec.load import decode, load_text

ROOT = Path(__file__).resolve().parent.parent
SPEC = load_spec(ROOT / "specs" / "gz-dept-overall-2021.yaml")
#: where a message about random actuals may point: a line and column of the
#: actuals (a.yaml) or of the spec they are scored against
LOCATED = re.compile(
    rf"^(?:a\.yaml|{re.escape(str(ROOT / 'specs' / 'gz-dept-overall-2021.yaml'))}):\d+:\d+: \S"
)

yaml_chars = st.sampled_from([*list("abc:-[]{},'\"&*!|>#%@`\n \t0123.5e+~?优良"), "\ufeff"])


@given(st.text(yaml_chars, max_size=200))
def test_the_loader_only_raises_its_own_errors_on_yaml_like_text(text: str) -> None:
    with contextlib.suppress(ScorecardError):
        load_text(text, "f.yaml")


@given(st.binary(max_size=200))
def test_decoding_bytes_only_raises_load_errors(raw: bytes) -> None:
    with contextlib.suppress(ScorecardError):
        load_text(decode(raw, "f.yaml"), "f.yaml", raw)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.decimals(
        allow_nan=False, allow_infinity=False, places=3, min_value=-(10**6), max_value=10**6
    ).map(str),
    st.text(max_size=12),
    st.sampled_from(
        [
            "ratio",
            "threshold",
            "bands",
            "deduct",
            "grades",
            "higher",
            "lower",
            "weight * actual / target",
            "sum",
            "redistribute",
            "exclude",
            "half_even",
        ]
    ),
)
keys = st.sampled_from(
    [
        "spec",
        "id",
        "name",
        "weight",
        "target",
        "direction",
        "method",
        "children",
        "indicators",
        "total",
        "rounding",
        "grades",
        "min",
        "max",
        "points",
        "fraction",
        "per",
        "cap",
        "zero_at",
        "formula",
        "aggregate",
        "actual",
        "inputs",
        "places",
        "mode",
        "apply",
        "unit",
    ]
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=6)),
    max_leaves=30,
)


@settings(max_examples=200)
@given(st.dictionaries(keys, documents, max_size=8))
def test_any_document_is_a_spec_or_a_list_of_located_errors(data: dict[str, Any]) -> None:
    text = json.dumps(data, ensure_ascii=False, default=str)
    try:
        compile_spec(load_text(text, "fuzz.json"))
    except ScorecardError as e:
        lines = str(e).splitlines()
        assert lines
        for line in lines:
            if READER_TAIL.match(line):  # a known defect: see the test below
                continue
            assert re.match(r"fuzz\.json:\d+:\d+: \S", line), f"not located: {line}"


#: the second line PyYAML's reader adds to its message about a control character
READER_TAIL = re.compile(r'^  in "<unicode string>", position \d+$')


def test_a_control_character_gives_one_located_line() -> None:
    with pytest.raises(ScorecardError) as e:
        load_text('spec: "\x7f"\n', "f.yaml")
    assert str(e.value) == (
        "f.yaml:1:8: a raw control character (\\x7f) is not allowed in YAML; remove it, "
        "or write it as the escape \\x7f inside double quotes"
    )


values = st.one_of(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-1000, max_value=10**6
    ).map(str),
    st.sampled_from(["优", "良", "中", "差", "x", "", "null", "true", "-0"]),
    st.integers(-5, 300).map(str),
)


@settings(max_examples=200)
@given(
    st.dictionaries(
        st.sampled_from([i.id for i in SPEC.walk()] + ["zz", "trip"]), values, max_size=30
    ),
    st.dictionaries(st.sampled_from(["budget", "spent", "bugdet"]), values, max_size=3),
    st.lists(st.sampled_from([i.id for i in SPEC.walk()]), max_size=3),
)
def test_random_actuals_score_or_fail_with_located_errors(
    vals: dict[str, str], inputs: dict[str, str], na: list[str]
) -> None:
    lines = ["spec: gz-dept-overall-2021", "inputs:"]
    lines += [f"  {k}: {v}" for k, v in inputs.items()] or ["  {}"]
    lines.append("values:")
    lines += [f"  {k}: {v}" for k, v in vals.items()] or ["  {}"]
    if na:
        lines.append("not_applicable:")
        lines += [f"  {k}: 不适用" for k in dict.fromkeys(na)]
    text = (
        "\n".join(lines)
        .replace("inputs:\n  {}", "inputs: {}")
        .replace("values:\n  {}", "values: {}")
        + "\n"
    )
    try:
        sc = evaluate(SPEC, check_actuals(load_text(text, "a.yaml"), SPEC, "zero"))
    except ScorecardError as e:
        for line in str(e).splitlines():
            assert LOCATED.match(line), f"not located: {line}"
        return
    assert 0 <= sc.total <= SPEC.total
    for r in sc.walk():
        # a redistributed weight may not terminate (30/7): its full score rounds to 4.29
        bound = round_fraction(max(r.full, r.weight), 2, "half_up")
        assert r.score is None or 0 <= r.score <= bound
