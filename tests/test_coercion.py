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
INTEGERS += ["８０", "８0", "３０", "４０１", "＋８０", "８０．０", "８ ０", "٨٠"]  # full width
#: what typer is given for a whole number: its full-width digits as ASCII, nothing else
ASCII_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
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
    whole = param.type_descriptor.annotation is int
    for value in samples:
        ours = _outcome(light.coerce, value, param, ctx)
        given = value.translate(ASCII_DIGITS) if whole and isinstance(value, str) else value
        theirs = _outcome(own.coerce, given, param, ctx)
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


WIDTH_REFUSED = (
    "scorecard methods: Invalid value for '--width': Input should be a valid integer, unable "
    "to parse string as an integer; see 'scorecard methods --help'"
)


def _methods(width: str) -> tuple[int, str, str]:
    """``scorecard methods --width WIDTH``, as the console script runs it."""
    from cli_process import run

    done = run(["methods", "--width", width])
    return done.code, done.out, done.err


@pytest.mark.parametrize(
    ("typed", "ascii"), [("８０", "80"), ("１２０", "120"), ("８0", "80"), ("４０", "40")]
)
def test_a_width_in_full_width_digits_is_the_ascii_width(typed: str, ascii: str) -> None:
    """``--width ８０`` as a Chinese input method types it: the output of ``--width 80``."""
    code, out, err = _methods(typed)
    assert (code, out, err) == _methods(ascii)
    assert (code, err) == (0, "") and out.count("\n") > 20


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("３０", "Input should be greater than or equal to 40"),
        ("４０１", "Input should be less than or equal to 400"),
    ],
)
def test_a_full_width_width_out_of_range_is_refused_as_the_ascii_one(typed: str, said: str) -> None:
    assert _methods(typed) == (
        2,
        "",
        f"scorecard methods: Invalid value for '--width': {said}; see 'scorecard methods --help'\n",
    )


@pytest.mark.parametrize("typed", ["＋８０", "８０．０", "８ ０", "٨٠", "八十", "８x"])
def test_anything_else_in_a_width_keeps_its_refusal(typed: str) -> None:
    """Only the digits are read as ASCII: a full-width sign, point or space, another
    script's digits or a word keep the message they had."""
    assert _methods(typed) == (2, "", WIDTH_REFUSED + "\n")
