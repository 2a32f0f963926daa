"""The documentation cannot drift from the schemas and the CLI."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from engine.cli import app
from engine.spec.schema import schema

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "zh")  # the user pages, one tree per language: docs/en/, docs/zh/


def _property_names(node: Any) -> set[str]:
    names: set[str] = set()
    if isinstance(node, dict):
        names.update(node.get("properties", {}))
        for sub in node.values():
            names |= _property_names(sub)
    elif isinstance(node, list):
        for sub in node:
            names |= _property_names(sub)
    return names


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("name", "doc"), [("spec", "spec-reference.md"), ("actuals", "actuals-reference.md")]
)
def test_every_schema_property_is_documented(name: str, doc: str, lang: str) -> None:
    text = (ROOT / "docs" / lang / doc).read_text("utf-8")
    spans = re.findall(r"`([^`\n]+)`", text)  # inline code: keys are written as code
    documented = {w for span in spans for w in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", span)}
    missing = sorted(_property_names(schema(name)) - documented)
    assert missing == [], f"undocumented in docs/{lang}/{doc}: {missing}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_builtin_method_is_documented(lang: str) -> None:
    from engine.spec.methods import BUILTINS

    text = (ROOT / "docs" / lang / "spec-reference.md").read_text("utf-8")
    assert [m for m in BUILTINS if f"`{m}`" not in text] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_command_is_documented_and_its_help_gives_an_example(lang: str) -> None:
    text = (ROOT / "docs" / lang / "cli.md").read_text("utf-8")
    commands = [
        c.name or c.callback.__name__ for c in app.registered_commands if c.callback is not None
    ]
    assert len(commands) >= 10
    for command in commands:
        assert f"scorecard {command}" in text, command
        result = CliRunner().invoke(app, [command, "--help"])
        assert result.exit_code == 0 and f"Example: scorecard {command}" in result.stdout


def test_the_readme_first_look_is_what_the_commands_print(monkeypatch: pytest.MonkeyPatch) -> None:
    import shlex

    monkeypatch.chdir(ROOT)
    text = (ROOT / "README.md").read_text("utf-8")
    block = text.split("## A first look", 1)[1].split("```console\n", 1)[1].split("```", 1)[0]
    runs: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            runs.append((line[2:], []))
        else:
            runs[-1][1].append(line)
    assert len(runs) == 2
    for command, expected in runs:
        args = shlex.split(command)[1:]
        if args[0] == "validate":  # the shell expands the glob
            args = [
                "validate",
                *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "specs").glob("*.yaml")),
            ]
        result = CliRunner().invoke(app, [*args, "--width", "80"] if args[0] == "explain" else args)
        assert result.exit_code == 0
        assert result.stdout.splitlines() == expected, command
