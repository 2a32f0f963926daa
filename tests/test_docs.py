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


def _anchors(path: Path) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown page."""
    anchors: set[str] = set()
    fence = ""
    for line in path.read_text("utf-8").split("\n"):
        opening = re.match(r"^ *(`{3,}|~{3,})", line)
        if fence:
            fence = "" if line.lstrip().startswith(fence) else fence
            continue
        if opening:
            fence = opening.group(1)
            continue
        heading = re.match(r"^#+ (.*)$", line)
        if heading:
            slug = re.sub(r"[^\w\- ]", "", heading.group(1).strip().lower()).replace(" ", "-")
            unique, n = slug, 0
            while unique in anchors:
                n += 1
                unique = f"{slug}-{n}"
            anchors.add(unique)
    return anchors


PAGES = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "README.md"]


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(ROOT).as_posix() for p in PAGES])
def test_every_link_between_pages_leads_somewhere(page: Path) -> None:
    text = re.sub(r"(?ms)^ *```.*?^ *```", "", page.read_text("utf-8"))
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"^[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        exists = linked.exists()
        if not exists or (anchor and linked.suffix == ".md" and anchor not in _anchors(linked)):
            broken.append(target)
    assert broken == [], f"{page.relative_to(ROOT)}: {broken}"


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(ROOT).as_posix() for p in PAGES])
def test_a_links_section_number_is_the_sections_own(page: Path) -> None:
    """``[cli.md section 16](cli.md#17-show)``: the words said 16, the link led to 17."""
    text = re.sub(r"(?ms)^ *```.*?^ *```", "", page.read_text("utf-8"))
    said = r"(?:section|§|第)\s*(\d+)"
    wrong = [
        f"{words} → {anchor}"
        for words, anchor in re.findall(r"\[([^\]]*)\]\([^)#\s]*#(\d+)-[^)\s]*\)", text)
        if re.search(said, words) and re.findall(said, words)[-1] != anchor
    ]
    assert wrong == [], f"{page.relative_to(ROOT)}: {wrong}"


@pytest.mark.parametrize("page", sorted((ROOT / "docs" / "en").glob("*.md")), ids=lambda p: p.name)
def test_every_page_links_to_itself_in_the_other_language(page: Path) -> None:
    en = page.read_text("utf-8").split("\n", 1)[0]
    zh = (ROOT / "docs" / "zh" / page.name).read_text("utf-8").split("\n", 1)[0]
    assert f"[中文](../zh/{page.name})" in en
    assert f"[English](../en/{page.name})" in zh
