"""The schema gate agrees with jsonschema: on every file we ship or test with, on
random mutations of valid documents, and keyword by keyword; it is never more
lenient, whatever the numbers; and its generated code is up to date."""

from __future__ import annotations

import copy
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from conftest import update_wanted
from hypothesis import example, given
from hypothesis import strategies as st

from engine.base.errors import ScorecardError
from engine.spec.load import load_file
from engine.spec.schema import _validator, schema_text
from engine.spec.schemagate import compile_gate, generated_code, shipped_gate

ROOT = Path(__file__).resolve().parent.parent
NAMES = ("spec", "actuals", "tests", "scorecard")
GATES = {name: shipped_gate(name) for name in NAMES}
GENERATED = ROOT / "schemas" / "gates"


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


@pytest.mark.parametrize("name", NAMES)
def test_the_generated_gate_is_up_to_date(name: str) -> None:
    """Each schema's gate was generated from the schema as it is now; regenerate
    with ``UPDATE_GOLDEN=1 python -m pytest tests/test_schemagate.py``."""
    import fastjsonschema

    path = GENERATED / f"{name}.py"
    wanted = generated_code(name, schema_text(name))
    if update_wanted():
        path.write_text(wanted, encoding="utf-8")
    have = path.read_text(encoding="utf-8")
    # the schema it was made from: whatever fastjsonschema is installed
    assert have.splitlines()[2] == wanted.splitlines()[2], f"{path} is out of date"
    made_by = have.splitlines()[0].split("fastjsonschema ")[1].split(":")[0]
    if made_by != fastjsonschema.VERSION:
        pytest.skip(f"{path} was made by fastjsonschema {made_by}, not {fastjsonschema.VERSION}")
    assert have == wanted, f"{path} is out of date"


def test_a_valid_document_is_judged_without_jsonschema() -> None:
    """The point of the gate: start-up without importing jsonschema."""
    import subprocess

    code = (
        "import sys\n"
        "from engine.spec.compile import load_spec\n"
        "from engine.scoring.actuals import load_actuals\n"
        "spec = load_spec('specs/gz-dept-overall-2021.yaml')\n"
        "load_actuals('examples/licheng-2021/actuals.yaml', spec)\n"
        "print('jsonschema' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "False\n", "")


def test_the_corpus_has_valid_and_invalid_documents_of_each_kind() -> None:
    assert len(DOCUMENTS) > 100
    for name in ("spec", "actuals", "tests"):
        verdicts = {jsonschema_valid(name, data) for _, data in DOCUMENTS}
        assert verdicts == {True, False}, name


@pytest.mark.parametrize("name", NAMES)
def test_the_gate_agrees_with_jsonschema_on_every_corpus_file(name: str) -> None:
    gate = GATES[name]
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

#: numbers as documents have them: written in decimals (every Fraction the loader
#: makes has an exact decimal form)
decimals = st.builds(
    lambda n, places: Fraction(n, 10**places), st.integers(-500, 500), st.integers(0, 3)
)

values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-3, 200).map(Fraction),
        decimals,
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

#: anything else a caller could hand over: thirds, floats, tuples, keys that are numbers
odd_values = st.one_of(
    st.fractions(min_value=-5, max_value=5, max_denominator=30),
    st.floats(allow_nan=False, min_value=-1e3, max_value=1e3),
    st.tuples(st.text(max_size=2)),
    st.dictionaries(st.integers(0, 3), st.none(), min_size=1, max_size=2),
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
    assert GATES[name](mutated) == jsonschema_valid(name, mutated)


@given(
    name=st.sampled_from(["spec", "actuals", "tests"]),
    pick=st.integers(0, 10_000),
    where=st.integers(0, 10_000),
    action=st.sampled_from(["replace", "add"]),
    value=odd_values,
)
@example(name="spec", pick=0, where=0, action="add", value=Fraction(1, 3))
@example(name="actuals", pick=0, where=0, action="add", value=2.0)
def test_the_gate_is_never_more_lenient_than_jsonschema(
    name: str, pick: int, where: int, action: str, value: Any
) -> None:
    """Values no document has may be sent to jsonschema, but never let through
    when jsonschema refuses them."""
    base = VALID[name][pick % len(VALID[name])]
    paths = _paths(base)
    mutated = _mutate(base, paths[where % len(paths)], action, value, "weight")
    if GATES[name](mutated):
        assert jsonschema_valid(name, mutated)


@pytest.mark.parametrize(
    ("value", "exact"),
    [
        (Fraction(9893, 100), "98.93"),
        (Fraction(1, 8), "0.125"),
        (Fraction(-1, 20), "-0.05"),
        (Fraction(7), 7),
    ],
)
def test_numbers_reach_the_generated_code_exactly(value: Fraction, exact: object) -> None:
    from engine.spec.schemagate import _plain

    got = _plain({"a": [value]})["a"][0]
    assert got == (Decimal(exact) if isinstance(exact, str) else exact)
    assert type(got) is (Decimal if isinstance(exact, str) else int)


# -- keyword by keyword ------------------------------------------------------------


@pytest.mark.parametrize(
    ("keyword", "value", "good", "bad"),
    [
        ("allOf", [{"type": "string"}], "x", Fraction(1)),
        ("not", {"type": "string"}, Fraction(1), "x"),
        ("patternProperties", {"^x": {"type": "string"}}, {"xa": "s"}, {"xa": None}),
        ("uniqueItems", True, [Fraction(1), Fraction(2)], [Fraction(1), Fraction(1)]),
        ("items", [{"type": "string"}], ["x", None], [None]),
        ("enum", [[1, 2]], [Fraction(1), Fraction(2)], [Fraction(2), Fraction(1)]),
    ],
)
def test_keywords_our_schemas_do_not_use_yet_match_jsonschema(
    keyword: str, value: Any, good: Any, bad: Any
) -> None:
    keyword_schema = {"type": "object", "properties": {"a": {keyword: value}}}
    gate = compile_gate(keyword_schema)
    reference = type(_validator("spec"))(keyword_schema)
    assert reference.is_valid({"a": good}) and not reference.is_valid({"a": bad})
    assert gate({"a": bad}) is False
    if gate({"a": good}) is False:  # sent on to jsonschema: only slower
        assert keyword in ("uniqueItems", "enum")


def test_draft_7_ignores_keywords_beside_a_ref() -> None:
    gate = compile_gate(
        {
            "definitions": {"n": {"type": "number"}},
            "properties": {"a": {"$ref": "#/definitions/n", "type": "string"}},
        }
    )
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
    assert gate({"id": "a", "children": [{"id": "b", "children": [{"id": "c"}]}]}) is True
    assert gate({"id": "a", "children": [{"id": "b", "children": [{"name": "c"}]}]}) is False


@pytest.mark.parametrize(
    ("keyword_schema", "good", "bad"),
    [
        ({"type": "integer"}, Fraction(4), Fraction(9, 2)),
        ({"type": "number"}, Fraction(1, 4), True),
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
    cls = type(_validator("spec"))  # the validator with our number rules
    reference = cls(keyword_schema if keyword_schema is not False else False)
    if keyword_schema is not False:
        assert gate(good) is True
        assert reference.is_valid(good)
    assert gate(bad) is False
    assert not reference.is_valid(bad)


def test_a_loop_of_refs_lets_nothing_through() -> None:
    looped = {"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}}
    itself = {"definitions": {"a": {"$ref": "#/definitions/a"}}, "$ref": "#/definitions/a"}
    for gate in (compile_gate({**looped, "$ref": "#/definitions/a"}), compile_gate(itself)):
        assert gate(Fraction(1)) is False
        assert gate({}) is False
