"""The JSON Schemas themselves, and the files that point editors at them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from engine.spec.schema import schema

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


@pytest.mark.parametrize("name", ["spec", "actuals", "scorecard"])
def test_schemas_are_valid_draft_07(name: str) -> None:
    data = schema(name)
    assert data["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(data)


def _properties(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        for key, sub in node.get("properties", {}).items():
            out.append((f"{path}/{key}", sub))
        for key, sub in node.items():
            out.extend(_properties(sub, f"{path}/{key}"))
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            out.extend(_properties(sub, f"{path}/{i}"))
    return out


@pytest.mark.parametrize("name", ["spec", "actuals"])
def test_every_property_is_explained_in_chinese_and_english(name: str) -> None:
    missing = []
    for path, prop in _properties(schema(name)):
        text = f"{prop.get('title', '')} {prop.get('description', '')}"
        if not (CJK.search(text) and LATIN.search(text)):
            missing.append(path)
    assert missing == []


def test_unknown_keys_are_refused_everywhere_in_the_spec_schema() -> None:
    def objects(node: Any) -> list[dict[str, Any]]:
        found = []
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                found.append(node)
            for sub in node.values():
                found.extend(objects(sub))
        elif isinstance(node, list):
            for sub in node:
                found.extend(objects(sub))
        return found

    for obj in objects(schema("spec")):
        if obj.get("title") == "方法及参数 / a method with params":
            continue  # a built-in method's name, or the spec's own: its params are checked
        assert obj.get("additionalProperties") is False, sorted(obj["properties"])


@pytest.mark.parametrize("path", sorted((ROOT / "specs").glob("*.yaml")), ids=lambda p: p.name)
def test_shipped_specs_name_their_schema_for_editors(path: Path) -> None:
    first = path.read_text("utf-8").splitlines()[0]
    kind = "tests" if path.name.endswith(".tests.yaml") else "spec"
    assert first == f"# yaml-language-server: $schema=../schemas/{kind}.schema.json"


def test_vscode_maps_specs_and_actuals_to_the_schemas() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    mapping = settings["yaml.schemas"]
    assert "specs/*.yaml" in mapping["./schemas/spec.schema.json"]
    actuals = mapping["./schemas/actuals.schema.json"]
    assert {"**/actuals.yaml", "**/*.actuals.yaml", "**/*-actuals.yaml"} <= set(actuals)


def test_every_actuals_file_the_docs_name_is_mapped_to_the_actuals_schema() -> None:
    import fnmatch
    import re

    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    globs = settings["yaml.schemas"]["./schemas/actuals.schema.json"]
    docs = " ".join(p.read_text("utf-8") for p in (ROOT / "docs").rglob("*.md"))
    named = set(re.findall(r"[A-Za-z0-9_./-]*actuals[A-Za-z0-9_.-]*\.(?:yaml|json)", docs))
    for name in sorted(named):
        if "schema" in name:
            continue  # the schema itself, named in a modeline
        path = name.lstrip("/")
        assert any(fnmatch.fnmatch(path, g) or fnmatch.fnmatch("x/" + path, g) for g in globs), name


def test_a_large_spec_validates() -> None:
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from validate_large import make_spec

    from engine.spec.compile import compile_spec
    from engine.spec.load import load_text

    spec = compile_spec(load_text(make_spec(500), "large.yaml"))
    assert sum(1 for _ in spec.walk()) == 525


EDITOR_MISTAKES = [
    # (what a designer typed into an indicator, flagged by the schema alone?)
    ({"method": "ratoi"}, False),  # an unknown name may be one of the spec's own methods
    ({"method": {"bands": [{"min": 90, "fraction": 80}]}}, True),
    ({"direction": "up"}, True),
    ({"wieght": 5}, True),
    ({"method": {"threshold": {"partial": 1.5}}}, True),
    ({"method": {"deduct": {"per": 0}}}, True),
    ({"weight": "5分"}, True),
    ({"method": {"ratio": {"cap": 2}}}, True),
    ({"method": {"deduct": {"per": 1, "max": -1}}}, True),
    ({"weight": 50}, False),  # weights that do not add up: only validate can tell
]


@pytest.mark.parametrize(("change", "flagged"), EDITOR_MISTAKES)
def test_an_editor_flags_eight_of_ten_typical_mistakes(
    change: dict[str, Any], flagged: bool
) -> None:
    import jsonschema

    indicator = {"id": "a", "name": "A", "weight": 10, "direction": "higher", "target": 1}
    indicator.update(change)
    spec = {"spec": 1, "id": "x", "total": 10, "indicators": [indicator]}
    errors = list(jsonschema.Draft7Validator(schema("spec")).iter_errors(spec))
    assert bool(errors) is flagged
    assert sum(f for _, f in EDITOR_MISTAKES) == 8


def test_every_enum_value_has_its_own_bilingual_description() -> None:
    def consts(node: Any) -> list[dict[str, Any]]:
        found = []
        if isinstance(node, dict):
            assert "enum" not in node or len(node["enum"]) == 1, node  # consts with text instead
            if "const" in node and node["const"] != 1:
                found.append(node)
            for sub in node.values():
                found.extend(consts(sub))
        elif isinstance(node, list):
            for sub in node:
                found.extend(consts(sub))
        return found

    values = consts(schema("spec"))
    assert {"higher", "half_up", "redistribute", "ratio", "weighted_mean"} <= {
        v["const"] for v in values
    }
    for v in values:
        assert CJK.search(v["description"]) and LATIN.search(v["description"]), v


def test_methods_offer_snippets_for_the_ones_with_params() -> None:
    method = schema("spec")["definitions"]["indicator"]["properties"]["method"]
    labels = {s["label"].split()[0] for s in method["defaultSnippets"]}
    assert {"bands", "deduct", "linear", "grades", "formula", "threshold"} <= labels
