"""The command line's own conversion of plain values gives what typer's gives,
and leaves the rest, with typer's messages, to typer (engine/cli/coercion.py)."""

from __future__ import annotations

import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import typer
from typer._coercion import build_runtime_param

from engine.cli import coercion
from engine.cli.main import every_command

ROOT = Path(__file__).resolve().parents[1]

INTEGERS = ["0", "1", "007", "40", "64", "65", "400", "401", "-1", "+5", " 5", "1_000", "5.0"]
INTEGERS += ["", "abc", "٣", "１", "9" * 19, "9" * 5000, 80, True, "\x1c5", "5\n", "\u20035"]
TEXTS = ["x", "", " spaced ", "中文", "--", b"bytes", 5]


def _parameters() -> list[tuple[str, Any, Any]]:
    """(where, command, parameter) for every parameter of every command,
    the help options included."""
    top = typer.main.get_command(every_command())
    found = []

    def walk(command: Any, where: str) -> None:
        ctx = typer._click.Context(command)
        for param in [*command.params, command.get_help_option(ctx)]:
            if param is not None:
                found.append((f"{where} {param.name}", command, param))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{where} {name}")

    walk(top, "scorecard")
    return found


PARAMETERS = _parameters()


def _samples(param: Any) -> list[Any]:
    d = param.type_descriptor
    annotation = d.annotation
    item = annotation.__args__[0] if d.is_list else annotation
    singles: list[Any] = [None, param.default]
    if item is int:
        singles += INTEGERS
    elif isinstance(item, type) and issubclass(item, Enum):
        for member in item:
            text = str(member.value)
            singles += [member, text, text.upper(), f" {text}", text[:-1], text + "x"]
        singles += ["", 3]
    else:
        singles += TEXTS
    if not d.is_list:
        return singles
    plain = [s for s in singles if s is not None]
    return [None, (), [], *[(s,) for s in plain], tuple(plain[:3]), "not a list"]


def _outcome(coerce: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        got = coerce(value, param=param, ctx=ctx)
    except Exception as e:  # compared below: the same kind and message
        return "error", (type(e).__name__, str(e))
    return "value", (type(got).__name__, got)


@pytest.mark.parametrize(("where", "command", "param"), PARAMETERS, ids=[p[0] for p in PARAMETERS])
def test_each_parameter_converts_as_typer_does(where: str, command: Any, param: Any) -> None:
    ctx = typer._click.Context(command)
    light = coercion._Light(param)
    own = build_runtime_param(param.type_descriptor)
    samples = _samples(param)
    assert len(samples) > 3
    for value in samples:
        ours = _outcome(light.coerce, value, param, ctx)
        theirs = _outcome(own.coerce, value, param, ctx)
        assert ours == theirs, (where, value)


def test_the_plain_values_are_decided_without_typer() -> None:
    """Texts, exact choices, in-range numbers and lists of texts need no validator."""
    decided = {"str": 0, "int": 0, "Enum": 0, "list": 0}
    for _, command, param in PARAMETERS:
        ctx = typer._click.Context(command)
        d = param.type_descriptor
        many = param.multiple or param.nargs == -1
        annotation = d.annotation
        if annotation is str:
            assert coercion._converted(d, "a.yaml", many, ctx) == "a.yaml"
            decided["str"] += 1
        elif annotation is int:
            low = d.parameter_info.min
            assert coercion._converted(d, str(low), many, ctx) == low
            assert coercion._converted(d, str(low - 1), many, ctx) is coercion._TYPER
            decided["int"] += 1
        elif isinstance(annotation, type) and issubclass(annotation, Enum):
            first = next(iter(annotation))
            assert coercion._converted(d, str(first.value), many, ctx) is first
            assert coercion._converted(d, "nonesuch", many, ctx) is coercion._TYPER
            decided["Enum"] += 1
        elif d.is_list:
            assert coercion._converted(d, ("a", "b"), many, ctx) == ["a", "b"]
            decided["list"] += 1
    assert all(decided.values()), decided


SCORE = ["score", "specs/gz-dept-overall-2021.yaml", "examples/licheng-2021/actuals.yaml"]


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        ([*SCORE, "--width", "100", "--format", "table", "--set", "total=100"], "Total"),
        (["--lang", "zh", "score", "--help"], "用法"),
        (["--help"], "Usage"),
    ],
)
def test_a_plain_run_does_not_build_typers_validators(args: list[str], shown: str) -> None:
    """pydantic, which typer's validators need, is not imported by a plain run,
    its help options included."""
    code = (
        "import sys\n"
        "from engine.cli.main import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'), file=sys.stderr)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    assert shown in run.stdout
    assert run.stderr.strip().splitlines()[-1] == "[]"


def test_what_else_typer_asks_of_a_conversion_is_typers_own() -> None:
    """A later typer that reads more of a parameter's conversion gets its own's."""
    _, _, param = next(p for p in PARAMETERS if p[2].type_descriptor.annotation is int)
    light = coercion._Light(param)
    assert light.annotation is int
    assert light.parameter_info is param.type_descriptor.parameter_info
    with pytest.raises(AttributeError):
        light.__nonesuch__  # noqa: B018


def test_a_misspelled_choice_still_gets_typers_message() -> None:
    spec, actuals = "specs/gz-dept-overall-2021.yaml", "examples/licheng-2021/actuals.yaml"
    run = subprocess.run(
        [sys.executable, "-m", "engine", "score", spec, actuals, "--format", "jsn"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        "scorecard score: Invalid value for '--format' / '-f': 'jsn' is not one of 'table', "
        "'tree', 'json', 'markdown', 'html', 'csv', 'xlsx'; see 'scorecard score --help'"
    ]
