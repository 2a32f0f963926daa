"""The schemas as editors see them, checked with the real clients: ajv in strict mode
and yaml-language-server (the engine of VS Code's YAML extension) configured by the
project's ``.vscode/settings.json``. Every shipped spec, actuals and test file is
tied to its schema and clean in both; eight of ten typical mistakes are flagged
while typing; hover shows the bilingual descriptions; ``method:`` offers the
built-in names.

Node.js and the npm packages of ``tests/editor`` are needed (see
``tests/editor_clients.py``); without node the tests fail and say what to install.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from editor_clients import ROOT, LanguageServer, ajv_check

from engine.spec.schema import schema_text

NAMES = ("spec", "actuals", "tests", "scorecard")

#: shipped YAML that no schema describes, and why
NOT_CHECKED = {
    "examples/docs/broken.yaml": "a spec broken on purpose, for the docs' error examples",
    "examples/docs/my-spec.yaml": "the getting-started guide's spec with mistakes to find",
    "examples/docs/my-spec/training-draft.yaml": "the designer guide's draft with three mistakes",
    "examples/families/units/unit-b-own.yaml": "an include file: a bare list of indicators",
}
#: the designer guide's folder made by `scorecard init`, whose schema copies are not shipped
INIT_FOLDER = "examples/docs/my-spec"


def _shipped() -> list[str]:
    files = []
    for folder in ("specs", "examples"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".yaml", ".yml", ".json"):
                files.append(path.relative_to(ROOT).as_posix())
    return [f for f in files if f not in NOT_CHECKED]


SHIPPED = _shipped()


def _settings() -> dict[str, Any]:
    """The project's editor settings, as VS Code hands them to the server."""
    vscode = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    schemas = {(ROOT / k).resolve().as_uri(): v for k, v in vscode["yaml.schemas"].items()}
    return {"yaml": {"schemas": schemas, "validate": True, "hover": True, "completion": True}}


@pytest.fixture(scope="module")
def server() -> Iterator[LanguageServer]:
    ls = LanguageServer(_settings())
    try:
        yield ls
    finally:
        ls.close()


@pytest.fixture(scope="module")
def init_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The designer guide's folder with the schema copies `scorecard init` writes beside."""
    folder = tmp_path_factory.mktemp("init") / "my-spec"
    shutil.copytree(ROOT / INIT_FOLDER, folder)
    for name in ("spec", "actuals", "tests"):
        (folder / f"{name}.schema.json").write_text(schema_text(name), encoding="utf-8")
    return folder


def _where(rel: str, init_copy: Path) -> Path:
    if rel.startswith(INIT_FOLDER + "/"):
        return init_copy / rel.removeprefix(INIT_FOLDER + "/")
    return ROOT / rel


def _schema_name(server: LanguageServer, uri: str) -> list[str]:
    found = server.request("yaml/get/jsonSchema", uri) or []
    return [Path(s["uri"]).name.removesuffix(".schema.json") for s in found]


@pytest.fixture(scope="module")
def opened(server: LanguageServer, init_copy: Path) -> dict[str, tuple[list[str], list[str]]]:
    """Each shipped file opened in the server: (its schemas, its diagnostics)."""
    out = {}
    for rel in SHIPPED:
        uri = server.open(_where(rel, init_copy))
        diagnostics = [d["message"] for d in server.diagnose(uri)]
        out[rel] = (_schema_name(server, uri), diagnostics)
    return out


def test_every_shipped_file_is_tied_to_one_schema_and_clean_in_the_language_server(
    opened: dict[str, tuple[list[str], list[str]]],
) -> None:
    wrong = {
        rel: (names, diagnostics)
        for rel, (names, diagnostics) in opened.items()
        if len(names) != 1 or names[0] not in NAMES or diagnostics
    }
    assert wrong == {}
    assert len(opened) > 40


def test_ajv_strict_compiles_every_schema_and_passes_every_shipped_file(
    opened: dict[str, tuple[list[str], list[str]]], init_copy: Path
) -> None:
    docs = [
        {"schema": names[0], "path": str(_where(rel, init_copy))}
        for rel, (names, _) in opened.items()
        if names
    ]
    answer = ajv_check(docs)
    assert answer["compiled"] == dict.fromkeys(NAMES)
    failed = {d["path"]: errs for d, errs in zip(docs, answer["documents"], strict=True) if errs}
    assert failed == {}
    assert len(docs) == len(SHIPPED)


BASE = """\
spec: 1
id: editor-check
title: 编辑器检查 / editor check
total: 10
rounding: {places: 2, mode: half_up}
indicators:
  - id: output
    name: 产出指标
    weight: 10
    aggregate: sum
    children:
      - {id: trips, name: 外出招商活动次数, weight: 4, unit: 次, direction: higher, target: 4,
         method: ratio}
      - id: quality
        name: 验收合格率
        weight: 3
        unit: "%"
        direction: higher
        target: 95
        method:
          bands:
            - {min: 95, fraction: 1}
            - {min: 80, fraction: 0.6}
            - {fraction: 0}
      - {id: incidents, name: 安全事故次数, weight: 3, unit: 次, direction: lower, target: 0,
         method: {deduct: {per: 1}}}
"""

#: (what a designer typed: the text replaced and its replacement, flagged while typing?)
MISTAKES = {
    # the name may be one of the spec's own methods; `validate` says "did you mean 'ratio'"
    "unknown method name": (("method: ratio}", "method: ratoi}"), False),
    "band fraction as a percentage": (("fraction: 0.6}", "fraction: 60}"), True),
    "direction up": (("direction: higher, target: 4", "direction: up, target: 4"), True),
    "weight as text": (("weight: 4,", "weight: 4分,"), True),
    "missing target": ((" target: 4,", ""), True),
    "rounding mode round": (("mode: half_up", "mode: round"), True),
    "misspelt key": (("    weight: 3\n", "    wieght: 3\n"), True),
    "negative deduction": (("per: 1", "per: -1"), True),
    "unknown aggregation": (("aggregate: sum", "aggregate: average"), True),
    # a sum over siblings: only `validate` adds up the weights
    "weights that do not add up": (("weight: 3, unit: 次", "weight: 5, unit: 次"), False),
}


def _mistaken(change: tuple[str, str]) -> str:
    old, new = change
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def test_the_mistakes_start_from_a_clean_spec(server: LanguageServer) -> None:
    uri = server.open(ROOT / "specs" / "editor-check.yaml", BASE)
    assert server.diagnose(uri) == []
    assert ajv_check([{"schema": "spec", "text": BASE}])["documents"] == [[]]


def test_the_language_server_flags_eight_of_ten_typical_mistakes(
    server: LanguageServer,
) -> None:
    flagged = {}
    for n, (what, (change, _)) in enumerate(MISTAKES.items()):
        # an unsaved file in specs/: the settings tie it to the spec schema
        uri = server.open(ROOT / "specs" / f"editor-mistake-{n}.yaml", _mistaken(change))
        flagged[what] = bool(server.diagnose(uri))
    assert flagged == {what: expected for what, (_, expected) in MISTAKES.items()}
    assert sum(flagged.values()) == 8


def test_ajv_strict_flags_eight_of_ten_typical_mistakes() -> None:
    docs = [{"schema": "spec", "text": _mistaken(change)} for change, _ in MISTAKES.values()]
    answer = ajv_check(docs)
    flagged = {what: bool(errs) for what, errs in zip(MISTAKES, answer["documents"], strict=True)}
    assert flagged == {what: expected for what, (_, expected) in MISTAKES.items()}


def _position(text: str, needle: str) -> tuple[int, int]:
    for number, line in enumerate(text.splitlines()):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(needle)


@pytest.mark.parametrize(
    ("file", "needle", "chinese", "english"),
    [
        ("specs/gz-dept-overall-2021.yaml", "total:", "满分", "Full marks"),
        ("specs/gz-dept-overall-2021.yaml", "half_up", "四舍五入", "Ties away from zero"),
        ("specs/gz-dept-overall-2021.yaml", "direction: higher", "越高越好", "higher is better"),
        ("examples/licheng-2021/actuals.yaml", "entity:", "评价对象", "entity"),
        ("examples/families/units/unit-a-2021.yaml", "extends:", "基础规格", "The base spec"),
    ],
)
def test_hover_shows_the_bilingual_description(
    server: LanguageServer, file: str, needle: str, chinese: str, english: str
) -> None:
    path = ROOT / file
    uri = server.open(path)
    server.diagnose(uri)
    text = server.hover(uri, *_position(path.read_text("utf-8"), needle))
    assert chinese in text
    assert english in text


def test_method_offers_the_built_in_names_with_their_descriptions(
    server: LanguageServer,
) -> None:
    text = BASE.replace("method: ratio}", "method: }")
    uri = server.open(ROOT / "specs" / "editor-completion.yaml", text)
    server.diagnose(uri)
    line, col = _position(text, "method: }")
    result = server.request(
        "textDocument/completion",
        {"textDocument": {"uri": uri}, "position": {"line": line, "character": col + 7}},
    )
    items = result["items"] if isinstance(result, dict) else result
    labels = {item["label"] for item in items}
    assert {"ratio", "threshold", "linear", "bands", "deduct", "grades", "formula"} <= labels


def test_change_offers_the_indicator_keys_and_flags_a_misspelt_one(
    server: LanguageServer,
) -> None:
    """``change:`` entries are checked as indicator keys (``id`` excluded), with hover."""
    unit = ROOT / "examples" / "families" / "units" / "unit-a-2021.yaml"
    text = unit.read_text("utf-8").replace("trips: {target: 3}", "trips: {targt: 3}")
    assert text != unit.read_text("utf-8")
    uri = server.open(unit.with_name("unit-a-typo.yaml"), text)
    assert [d["message"] for d in server.diagnose(uri)] == ["Property targt is not allowed."]
    answer = ajv_check([{"schema": "spec", "text": text}])
    assert [e["path"] for e in answer["documents"][0]] == ["/change/trips"]
    good = server.open(unit)
    server.diagnose(good)
    hover = server.hover(good, *_position(unit.read_text("utf-8"), "target: 3"))
    assert "年度指标值" in hover and "target" in hover
