"""The schema gate agrees with jsonschema: on every file we ship or test with, on
random mutations of valid documents, and keyword by keyword."""

from __future__ import annotations

import copy
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.base.errors import ScorecardError
from engine.spec.load import load_file
from engine.spec.schema import _validator, schema
from engine.spec.schemagate import compile_gate

ROOT = Path(__file__).resolve().parent.parent
NAMES = ("spec", "actuals", "tests", "scorecard")
GATES = {name: compile_gate(schema(name)) for name in NAMES}


def _documents() -> list[tuple[str, Any]]:
    out = []
    for folder in ("specs", "examples", "tests/data/broken_specs", "tests/data/hostile"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in (".yaml", ".yml", ".json") or path.stat().st_size > 100_000:
                continue
            try:
                doc = load_file(path)
            except ScorecardError:
                continue
            out.append((str(path.relative_to(ROOT)), doc.data))
    return out


DOCUMENTS = _documents()


def jsonschema_valid(name: str, data: Any) -> bool:
    return not any(True for _ in _validator(name).iter_errors(data))


def test_every_shipped_schema_compiles() -> None:
    assert all(gate is not None for gate in GATES.values())


def test_the_corpus_has_valid_and_invalid_documents_of_each_kind() -> None:
    assert len(DOCUMENTS) > 100
    for name in ("spec", "actuals", "tests"):
        verdicts = {jsonschema_valid(name, data) for _, data in DOCUMENTS}
        assert verdicts == {True, False}, name


@pytest.mark.parametrize("name", NAMES)
def test_the_gate_agrees_with_jsonschema_on_every_corpus_file(name: str) -> None:
    gate = GATES[name]
    assert gate is not None
    disagree = [f for f, data in DOCUMENTS if gate(data) != jsonschema_valid(name, data)]
    assert disagree == []


@pytest.mark.parametrize(
    ("spec_name", "example"),
    [
        ("gz-dept-overall-2021", "licheng-2021"),
        ("national-project-2020", "rural-roads-2023"),
        ("corporate-kpi-balanced", "kpi-2024"),
        ("supplier-risk", "supplier-risk-2024"),
        ("dept-overall-framework", "dept-framework-2023"),
    ],
)
def test_rendered_scorecards_pass_the_gate(spec_name: str, example: str) -> None:
    import json

    from engine.render.json_out import render
    from engine.scoring.actuals import load_actuals
    from engine.scoring.evaluate import evaluate
    from engine.spec.compile import load_spec

    spec = load_spec(ROOT / "specs" / f"{spec_name}.yaml")
    sc = evaluate(spec, load_actuals(ROOT / "examples" / example / "actuals.yaml", spec))
    data = json.loads(render(sc))
    gate = GATES["scorecard"]
    assert gate is not None
    assert jsonschema_valid("scorecard", data)
    assert gate(data) is True
    del data["total"]
    assert jsonschema_valid("scorecard", data) is False
    assert gate(data) is False


# -- random mutations of valid documents -------------------------------------------

VALID = {
    name: [data for _, data in DOCUMENTS if jsonschema_valid(name, data)]
    for name in ("spec", "actuals", "tests")
}

values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-3, 200).map(Fraction),
        st.fractions(min_value=-5, max_value=5, max_denominator=8),
        st.sampled_from(
            ["", "x", "优", "ratio", "sum", "higher", "lower", "half_up", "each", "total", "a b"]
        ),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["id", "name", "weight", "x", "min"]), inner, max_size=3),
    ),
    max_leaves=6,
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(node, dict):
        for k, v in node.items():
            out.extend(_paths(v, (*path, k)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.extend(_paths(v, (*path, i)))
    return out


def _mutate(doc: Any, path: tuple[Any, ...], action: str, value: Any, key: str) -> Any:
    doc = copy.deepcopy(doc)
    if not path:
        return value
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if action == "replace":
        parent[last] = value
    elif action == "delete":
        del parent[last]
    elif isinstance(parent[last], dict):
        parent[last][key] = value
    elif isinstance(parent[last], list):
        parent[last].append(value)
    else:
        parent[last] = value
    return doc


@given(
    name=st.sampled_from(["spec", "actuals", "tests"]),
    pick=st.integers(0, 10_000),
    where=st.integers(0, 10_000),
    action=st.sampled_from(["replace", "delete", "add"]),
    value=values,
    key=st.sampled_from(["id", "weight", "unknown", "children", "method", "min", "优"]),
)
def test_the_gate_agrees_with_jsonschema_on_mutated_documents(
    name: str, pick: int, where: int, action: str, value: Any, key: str
) -> None:
    base = VALID[name][pick % len(VALID[name])]
    paths = _paths(base)
    mutated = _mutate(base, paths[where % len(paths)], action, value, key)
    gate = GATES[name]
    assert gate is not None
    assert gate(mutated) == jsonschema_valid(name, mutated)


# -- keyword by keyword ------------------------------------------------------------


@pytest.mark.parametrize(
    ("keyword", "value"),
    [
        ("allOf", [{"type": "string"}]),
        ("not", {"type": "string"}),
        ("patternProperties", {"^x": {}}),
        ("if", {"type": "string"}),
        ("uniqueItems", True),
        ("format", "date"),
        ("items", [{"type": "string"}]),
        ("enum", [[1, 2]]),
        ("$ref", "other.json#/x"),
    ],
)
def test_a_keyword_the_gate_does_not_know_sends_every_document_to_jsonschema(
    keyword: str, value: Any
) -> None:
    assert compile_gate({"type": "object", "properties": {"a": {keyword: value}}}) is None


def test_draft_7_ignores_keywords_beside_a_ref() -> None:
    gate = compile_gate(
        {
            "definitions": {"n": {"type": "number"}},
            "properties": {"a": {"$ref": "#/definitions/n", "type": "string"}},
        }
    )
    assert gate is not None
    assert gate({"a": Fraction(1)}) is True
    assert gate({"a": "x"}) is False


def test_recursive_definitions() -> None:
    gate = compile_gate(
        {
            "definitions": {
                "node": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {
                        "id": {"type": "string"},
                        "children": {"type": "array", "items": {"$ref": "#/definitions/node"}},
                    },
                    "additionalProperties": False,
                }
            },
            "$ref": "#/definitions/node",
        }
    )
    assert gate is not None
    assert gate({"id": "a", "children": [{"id": "b", "children": [{"id": "c"}]}]}) is True
    assert gate({"id": "a", "children": [{"id": "b", "children": [{"name": "c"}]}]}) is False


@pytest.mark.parametrize(
    ("keyword_schema", "good", "bad"),
    [
        ({"type": "integer"}, Fraction(4), Fraction(9, 2)),
        ({"type": "number"}, Fraction(1, 3), True),
        ({"type": ["string", "null"]}, None, Fraction(0)),
        ({"const": 1}, Fraction(1), True),
        ({"enum": ["a", 1, None]}, Fraction(1), False),
        ({"oneOf": [{"type": "number"}, {"minimum": 0}]}, "x", Fraction(3)),
        ({"anyOf": [{"type": "number"}, {"type": "string"}]}, "x", None),
        ({"exclusiveMinimum": 0}, Fraction(1, 100), Fraction(0)),
        ({"maximum": 5}, "text is not a number", Fraction(6)),
        ({"minLength": 2}, "优良", "优"),
        ({"pattern": "^[a-z]+$"}, "abc", "ab1"),
        ({"propertyNames": {"pattern": "^[a-z]"}}, {"a": 1}, {"1": 1}),
        ({"minProperties": 1, "maxProperties": 1}, {"a": 1}, {}),
        ({"minItems": 1, "maxItems": 2}, [1], [1, 2, 3]),
        ({"required": ["a"]}, {"a": None}, {"b": None}),
        ({"additionalProperties": {"type": "string"}}, {"a": "x"}, {"a": None}),
        (
            {"properties": {"a": {}}, "additionalProperties": False, "required": ["a"]},
            {"a": 1},
            {"a": 1, "b": 2},
        ),
        (False, None, None),
    ],
)
def test_each_keyword_matches_jsonschema(keyword_schema: Any, good: Any, bad: Any) -> None:
    gate = compile_gate(keyword_schema)
    assert gate is not None
    cls = type(_validator("spec"))  # the validator with our number rules
    reference = cls(keyword_schema if keyword_schema is not False else False)
    if keyword_schema is not False:
        assert gate(good) is True
        assert reference.is_valid(good)
    assert gate(bad) is False
    assert not reference.is_valid(bad)


def test_a_loop_of_refs_is_left_to_jsonschema() -> None:
    looped = {"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}}
    assert compile_gate({**looped, "$ref": "#/definitions/a"}) is None
    assert (
        compile_gate({"definitions": {"a": {"$ref": "#/definitions/a"}}, "$ref": "#/definitions/a"})
        is None
    )
