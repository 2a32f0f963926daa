"""The typer app, its options shared by every command, and how errors reach the user."""

from __future__ import annotations

import functools
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, NoReturn, ParamSpec

import typer

from ..base.errors import ScorecardError, UsageError
from ..base.i18n import _
from ..base.stop import check, received
from .io import OutputClosed
from .language import App, LangGroup, LangOpt, install

P = ParamSpec("P")


install()
app = App(
    name="scorecard",
    cls=LangGroup,
    help="Rule-driven scoring of indicator systems (预算绩效自评): validate specs, score "
    "actuals, and trace how every score was reached.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"scorecard {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    lang: LangOpt = None,
) -> None:
    """Rule-driven scoring of indicator systems (预算绩效自评): validate specs, score
    actuals, and trace how every score was reached."""
    from ..base.output import forget_inputs

    forget_inputs()  # each invocation checks -o against its own inputs only


class Format(StrEnum):
    table = "table"
    tree = "tree"
    json = "json"
    markdown = "markdown"
    html = "html"
    csv = "csv"
    xlsx = "xlsx"


class Missing(StrEnum):
    error = "error"
    zero = "zero"


class SchemaName(StrEnum):
    spec = "spec"
    actuals = "actuals"
    scorecard = "scorecard"
    tests = "tests"


def _located(message: str, given: list[object]) -> bool:
    """Whether a message starts at what it is about: an option, a word followed by
    a colon, or one of the command's own arguments (a path) followed by a colon in
    either language (a Chinese message has no space after its "："). Else the
    command's name goes first."""
    head = message.split(" ", 1)[0]
    if head.startswith("-") or head.endswith(":"):
        return True
    values = [v for v in given if isinstance(v, str) and v]
    values += [x for v in given if isinstance(v, list) for x in v if isinstance(x, str) and x]
    return any(message.startswith((f"{v}:", f"{v}：")) for v in values)


def reports_errors(command: Callable[P, None]) -> Callable[P, None]:
    """Turn the engine's errors into one line each on stderr and the exit code."""

    name = command.__name__.rstrip("_")

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
            check()  # a signal whose KeyboardInterrupt was lost on the way (in a finalizer)
        except UsageError as e:
            if received:  # a file cut off by the signal, not the user's mistake
                _interrupted()
            located = e.pos is not None or _located(e.message, [*args, *kwargs.values()])
            said = _("{command}: {message}").format(command=f"scorecard {name}", message=e)
            typer.echo(str(e) if located else said, err=True)
            raise typer.Exit(e.exit_code) from None
        except ScorecardError as e:
            if received:
                _interrupted()
            typer.echo(str(e), err=True)
            raise typer.Exit(e.exit_code) from None
        except KeyboardInterrupt:  # Ctrl-C or SIGTERM: files being written were removed
            _interrupted()
        except BrokenPipeError:  # `| head` closed standard output: not an error (typer
            raise OutputClosed from None  # would exit 1 without a word)

    return run


def _interrupted() -> NoReturn:
    """Stopped by a signal: said, and exit code 130 (128 + SIGINT)."""
    from ..base.output import interrupted_said

    typer.echo(interrupted_said(), err=True)
    raise typer.Exit(130) from None


SpecArg = Annotated[
    str, typer.Argument(help="The spec file (YAML).", metavar="SPEC", show_default=False)
]


ActualsArg = Annotated[
    str,
    typer.Argument(
        help="The actuals file (YAML or JSON), a filled 自评表 form, or a table with --row or "
        "--entity.",
        metavar="ACTUALS",
        show_default=False,
    ),
]


MissingOpt = Annotated[
    Missing,
    typer.Option(
        "--missing",
        help="What to do with missing values: 'error' (default) lists them all; "
        "'zero' scores them 0 and flags them.",
    ),
]


EncodingOpt = Annotated[
    str,
    typer.Option(
        "--encoding", help="CSV encoding: auto (UTF-8, else GBK/GB18030), utf-8, gbk, gb18030."
    ),
]
SheetOpt = Annotated[
    str | None, typer.Option("--sheet", metavar="NAME", help="XLSX sheet (default: the first).")
]
NaOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--na",
        metavar="MARK",
        help="Cell text that marks an indicator not applicable (repeatable; replaces the "
        "default marks N/A, n/a, NA, 不适用, --: give those kept too).",
    ),
]
RowOpt = Annotated[
    int | None,
    typer.Option(
        "--row",
        metavar="N",
        min=2,
        help="With a table as ACTUALS: the row to read, numbered as batch numbers it (the "
        "header is row 1).",
    ),
]
EntityOpt = Annotated[
    str | None,
    typer.Option(
        "--entity",
        metavar="NAME",
        help="With a table as ACTUALS: the row of this entity (its only row).",
    ),
]
WidthOpt = Annotated[
    int | None,
    typer.Option(
        "--width",
        min=40,
        max=400,
        help="Width of the text output in columns (default: the terminal's, or 80 when piped).",
    ),
]


SetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        metavar="PATH=VALUE",
        help="Change the spec in memory before it is checked, "
        "e.g. --set trips.weight=5 or --set rounding.mode=half_even (repeatable).",
    ),
]


RebalanceOpt = Annotated[
    bool,
    typer.Option(
        "--rebalance",
        help="After --set changes weights, scale their siblings so each group keeps its "
        "weight (e.g. --set trips.weight=5 --rebalance).",
    ),
]


class Header(StrEnum):
    words = "words"
    ids = "ids"


HeaderOpt = Annotated[
    Header,
    typer.Option(
        "--header",
        help="CSV and XLSX column names: words (in the interface language; the ids in "
        "English) or ids (the same in every language, for scripts).",
    ),
]


def _output_named(value: str | None) -> str | None:
    """``-o ''`` (an empty or blank name, say from an unset shell variable) is a
    mistake, not a request for standard output."""
    if value is not None and not value.strip():
        raise typer.BadParameter(
            _("a file name is needed; leave -o out to write to standard output")
        )
    return value


OutputOpt = Annotated[
    str | None,
    typer.Option(
        "-o",
        "--output",
        metavar="FILE",
        help="Write to this file (atomically) instead of standard output.",
        callback=_output_named,
    ),
]
