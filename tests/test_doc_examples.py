"""Every command shown in the documentation prints what the documentation shows.

The fenced blocks of docs/en/*.md, docs/zh/*.md, docs/*.md and README.md show commands
as ``$ COMMAND`` lines, each followed by what it prints (its standard output, then its
standard error). The pages of docs/zh/ run with ``SCORECARD_LANG=zh`` (the Chinese
interface), all others with ``SCORECARD_LANG=en``.
Each command is one test case, named by its file and line. The commands of one file
run in document order with bash, in a temporary copy of the folders they use, so a
command can read what an earlier one of the same file wrote; the checkout is never
written to. A ``$ echo $?`` line is not a case of its own: it gives the exit code of
the command before it.

``scorecard`` in these commands is served by a command-line server started in the
same environment (see tests/cli_server.py): each command is a fresh process as
``python -m engine`` would be, without the interpreter's start-up.

With ``UPDATE_GOLDEN=1`` the documents are rewritten in place with what the commands
print now (and the exit codes of ``$ echo $?`` lines); review the diff before keeping it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from cli_process import Server, shell_command
from conftest import PYCACHE

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DOCUMENTS = [
    *sorted((DOCS / "en").glob("*.md")),
    *sorted((DOCS / "zh").glob("*.md")),
    *sorted(DOCS.glob("*.md")),
    ROOT / "README.md",
]
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
FOLDERS = ("specs", "examples", "schemas")  # what the commands read, copied per document
TIMEOUT = 120  # seconds, for one command
FENCE = re.compile(r"^( *)(`{3,}|~{3,})")


@dataclass(frozen=True)
class Example:
    document: str  # relative to the checkout, e.g. docs/en/cli.md
    line: int  # the line of the `$ ` command, from 1
    command: str
    expected: str  # what it prints, without trailing blank lines
    exit_code: int | None  # given by a `$ echo $?` right after it
    indent: str = ""  # the indentation of its fenced block
    exit_line: int | None = None  # the line of the exit code under `$ echo $?`

    @property
    def language(self) -> str:
        return "zh" if self.document.startswith("docs/zh/") else "en"

    @property
    def name(self) -> str:
        return f"{self.document}:{self.line}"


def _blocks(lines: list[str]) -> list[list[tuple[int, str]]]:
    """The fenced blocks: their lines with numbers, less the fence's indentation."""
    return [block for _, block in _indented_blocks(lines)]


def _indented_blocks(lines: list[str]) -> list[tuple[str, list[tuple[int, str]]]]:
    """The fenced blocks with the indentation of their fence."""
    blocks: list[tuple[str, list[tuple[int, str]]]] = []
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        i += 1
        if opening is None:
            continue
        indent, fence = len(opening.group(1)), opening.group(2)
        block: list[tuple[int, str]] = []
        while i < len(lines) and not lines[i].lstrip(" ").startswith(fence):
            block.append((i + 1, lines[i][indent:]))
            i += 1
        i += 1
        blocks.append((opening.group(1), block))
    return blocks


def examples_of(path: Path) -> list[Example]:
    document = path.relative_to(ROOT).as_posix()
    runs: list[tuple[int, str, list[str], str]] = []
    for indent, block in _indented_blocks(path.read_text("utf-8").split("\n")):
        output: list[str] | None = None
        for number, text in block:
            if text.startswith("$ "):
                output = []
                runs.append((number, text[2:], output, indent))
            elif output is not None:
                output.append(text)
    examples: list[Example] = []
    for number, command, output, indent in runs:
        while output and output[-1].strip() == "":
            output.pop()
        if command.strip() == "echo $?":
            assert examples and len(output) == 1, f"{document}:{number}: a lone echo $?"
            last = examples.pop()
            examples.append(replace(last, exit_code=int(output[0]), exit_line=number + 1))
        else:
            examples.append(Example(document, number, command, "\n".join(output), None, indent))
    return examples


def rewrite(path: Path, outcomes: dict[int, Outcome]) -> None:
    """Write what the commands of one document print now under their `$ ` lines."""
    document = path.relative_to(ROOT).as_posix()
    lines = path.read_text("utf-8").split("\n")
    for example in reversed(EXAMPLES[document]):
        got = outcomes[example.line]
        if example.exit_line is not None:
            old = lines[example.exit_line - 1]
            lines[example.exit_line - 1] = old[: len(old) - len(old.lstrip())] + str(got.exit_code)
        printed = got.output.split("\n")
        while printed and printed[-1].strip() == "":
            printed.pop()
        count = len(example.expected.split("\n")) if example.expected else 0
        start = example.line  # the line after the command, from 0
        lines[start : start + count] = [
            (example.indent + text) if text else text for text in printed
        ]
    path.write_text("\n".join(lines), "utf-8")


EXAMPLES = {doc.relative_to(ROOT).as_posix(): examples_of(doc) for doc in DOCUMENTS}
ALL = [example for examples in EXAMPLES.values() for example in examples]


@dataclass(frozen=True)
class Outcome:
    output: str  # standard output, then standard error
    exit_code: int


class Replay:
    """Runs the examples of each document in order, each document in its own copy."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.bin = base / "bin"
        self.bin.mkdir()
        self.env = {
            "PATH": f"{self.bin}{os.pathsep}{os.environ.get('PATH', os.defpath)}",
            "PYTHONPATH": str(ROOT),
            "HOME": str(base),
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "TZ": "UTC",
            "COLUMNS": "80",
            "NO_COLOR": "1",
            "TERM": "dumb",
            "PYTHONHASHSEED": "0",
            "PYTHONPYCACHEPREFIX": str(PYCACHE),  # compiled once, outside the copy
            "PYTHONIOENCODING": "utf-8",
        }
        self.server = Server(self.env)
        # `scorecard` and `python3` are this interpreter and this checkout's engine,
        # whatever else is installed
        for name, script in (
            ("scorecard", f'exec {shell_command(self.server)} "$@"\n'),
            ("python3", f'exec "{sys.executable}" "$@"\n'),
        ):
            shim = self.bin / name
            shim.write_text("#!/bin/sh\n" + script, "utf-8")
            shim.chmod(0o755)
        self.outcomes: dict[str, dict[int, Outcome]] = {}

    def _workspace(self, document: str) -> Path:
        work = self.base / re.sub(r"[^A-Za-z0-9]+", "-", document)
        for folder in FOLDERS:
            shutil.copytree(
                ROOT / folder, work / folder, ignore=shutil.ignore_patterns("__pycache__")
            )
        return work

    def outcome(self, example: Example) -> Outcome:
        if example.document not in self.outcomes:
            work = self._workspace(example.document)
            env = {**self.env, "SCORECARD_LANG": example.language}
            self.outcomes[example.document] = {
                e.line: self._run(e.command, work, env) for e in EXAMPLES[example.document]
            }
        return self.outcomes[example.document][example.line]

    def _run(self, command: str, work: Path, env: dict[str, str]) -> Outcome:
        try:
            done = subprocess.run(
                ["bash", "-c", command],
                cwd=work,
                env=env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return Outcome(f"(still running after {TIMEOUT} s)", -1)
        out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
        if out and err and not out.endswith("\n"):
            out += "\n"
        return Outcome(out + err, done.returncode)


@pytest.fixture(scope="module")
def replay(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Replay]:
    replay = Replay(tmp_path_factory.mktemp("doc-examples"))
    yield replay
    replay.server.close()
    if UPDATE:
        for document, outcomes in replay.outcomes.items():
            if len(outcomes) == len(EXAMPLES[document]):
                rewrite(ROOT / document, outcomes)


def test_the_documents_show_commands() -> None:
    assert len(ALL) >= 100
    pages = ("cli.md", "tables.md", "getting-started.md")
    assert all(EXAMPLES[f"docs/{lang}/{page}"] for lang in ("en", "zh") for page in pages)
    assert EXAMPLES["README.md"]


def test_both_trees_hold_the_same_pages_and_the_same_commands() -> None:
    for page in sorted((DOCS / "en").glob("*.md")):
        other = DOCS / "zh" / page.name
        assert other.exists(), f"docs/zh/{page.name} is missing"
        commands = [e.command for e in EXAMPLES[f"docs/en/{page.name}"]]
        assert commands == [e.command for e in EXAMPLES[f"docs/zh/{page.name}"]], page.name
    assert sorted(p.name for p in (DOCS / "zh").glob("*.md")) == sorted(
        p.name for p in (DOCS / "en").glob("*.md")
    )


# Sample files the documentation shows in full: each is a fenced block of some document.
# (The others are described instead, and the commands that use them check them.)
SHOWN = (
    "my-spec.yaml",
    "my-actuals.yaml",
    "my-project.yaml",
    "broken.yaml",
    "units.csv",
    "header-bad.csv",
    "methods-demo.yaml",
    "methods-demo-actuals.yaml",
    "dz.yaml",
    "dz-actuals.yaml",
    "clamp-demo.yaml",
    "clamp-demo-actuals.yaml",
    "aggregate-demo.yaml",
    "aggregate-demo-actuals.yaml",
    "aggregate-demo-na.yaml",
    "total-clamp.yaml",
    "my-spec/training-draft.yaml",
    "my-spec/training.yaml",
    "my-spec/training.actuals.yaml",
    "my-spec/training.tests.yaml",
)


@pytest.mark.parametrize("name", SHOWN)
def test_a_sample_file_is_what_the_documentation_shows(name: str) -> None:
    shown = {
        "".join(text + "\n" for _, text in block)
        for doc in DOCUMENTS
        for block in _blocks(doc.read_text("utf-8").split("\n"))
    }
    text = (ROOT / "examples" / "docs" / name).read_text("utf-8")
    assert text in shown, f"examples/docs/{name} is not what the documentation shows"


@pytest.mark.parametrize("example", ALL, ids=[e.name for e in ALL])
def test_example(example: Example, replay: Replay) -> None:
    got = replay.outcome(example)
    printed = got.output.split("\n")
    while printed and printed[-1].strip() == "":
        printed.pop()
    if UPDATE:
        return  # the fixture rewrites the document
    assert "\n".join(printed) == example.expected, f"$ {example.command}"
    if example.exit_code is not None:
        assert got.exit_code == example.exit_code, f"$ {example.command}"
