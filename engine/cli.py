"""The command line: a thin layer that wires the stages together and turns
errors into one-line messages and exit codes (0 ok, 1 bad input, 2 misuse)."""

from __future__ import annotations

import contextlib
import functools
import io
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, ParamSpec

import typer

from .errors import ErrorList, ScorecardError, UsageError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import Console

    from .batch import Block, RowResult
    from .model import Spec
    from .result import Scorecard

P = ParamSpec("P")

app = typer.Typer(
    name="scorecard",
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
        from . import __version__

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
) -> None:
    """Rule-driven scoring of indicator systems (预算绩效自评): validate specs, score
    actuals, and trace how every score was reached."""


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


def _reports_errors(command: Callable[P, None]) -> Callable[P, None]:
    """Turn the engine's errors into one line each on stderr and the exit code."""

    name = command.__name__.rstrip("_")

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except UsageError as e:
            head = e.message.split(" ", 1)[0]
            located = e.pos is not None or head.startswith("-") or head.endswith(":")
            typer.echo(str(e) if located else f"scorecard {name}: {e}", err=True)
            raise typer.Exit(e.exit_code) from None
        except ScorecardError as e:
            typer.echo(str(e), err=True)
            raise typer.Exit(e.exit_code) from None
        except KeyboardInterrupt:  # Ctrl-C or SIGTERM: files being written were removed
            typer.echo("interrupted; no output file was written", err=True)
            raise typer.Exit(130) from None

    return run


_EXTENSIONS = {
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".txt": "table",
}


def _format_for(output: str | None, valid: list[str], given: str | None) -> str:
    """The --format given, else the one -o's extension names, else table."""
    if given is not None:
        return str(given)
    if output:
        from pathlib import Path

        name = _EXTENSIONS.get(Path(output).suffix.lower())
        if name in valid:
            return name
        if name is not None or Path(output).suffix:
            raise UsageError(
                f"-o {output}: cannot tell the format from the extension; give "
                f"--format ({', '.join(valid)})"
            )
    return "table"


def _emit(text: str, output: str | None) -> None:
    if output:
        from .output import write_atomic

        write_atomic(output, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def _console(width: int | None, output: str | None) -> tuple[Console, io.StringIO | None]:
    """A console for standard output, or one writing into a buffer for -o."""
    from .render.text import make_console

    if sys.stdout.isatty() and not output:
        return make_console(width, color=None, file=sys.stdout), None
    buf = io.StringIO()
    return make_console(width or (100 if output else 80), color=False, file=buf), buf


def _print(
    console: Console, buf: io.StringIO | None, renderable: object, output: str | None
) -> None:
    console.print(renderable)
    if buf is not None:
        # plain text: no padding at line ends
        text = "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))
        _emit(text, output)


def _load_spec(path: str, sets: list[str] | None = None) -> Spec:
    """Load a spec with the command line's ``--set`` changes applied."""
    from .errors import LoadError
    from .load import load_file
    from .setpath import apply_sets
    from .spec import compile_spec

    try:
        doc = load_file(path)
    except LoadError as e:
        raise ErrorList([e]) from None
    from dataclasses import replace

    return replace(compile_spec(apply_sets(doc, sets or [])), changes=tuple(sets or ()))


def _score(
    spec_path: str, actuals_path: str, missing: Missing, sets: list[str] | None = None
) -> Scorecard:
    from .actuals import load_actuals
    from .evaluate import evaluate

    _one_entity(actuals_path)
    spec = _load_spec(spec_path, sets)
    return evaluate(spec, load_actuals(actuals_path, spec, missing.value))


_TABLES = (".csv", ".tsv", ".xlsx", ".xlsm", ".xls")


def _one_entity(actuals_path: str) -> None:
    """A table where one entity's actuals belong: say which command reads tables."""
    from pathlib import Path

    if Path(actuals_path).suffix.lower() in _TABLES:
        raise UsageError(
            f"{actuals_path}: a table holds many entities; score every row with "
            "'scorecard batch SPEC TABLE' (or give one entity's actuals as "
            "YAML/JSON)"
        )


SpecArg = Annotated[
    str, typer.Argument(help="The spec file (YAML).", metavar="SPEC", show_default=False)
]
ActualsArg = Annotated[
    str,
    typer.Argument(help="The actuals file (YAML or JSON).", metavar="ACTUALS", show_default=False),
]
MissingOpt = Annotated[
    Missing,
    typer.Option(
        "--missing",
        help="What to do with missing values: 'error' (default) lists them all; "
        "'zero' scores them 0 and flags them.",
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
        "e.g. --set indicators.trips.weight=5 or --set rounding.mode=half_even (repeatable).",
    ),
]
OutputOpt = Annotated[
    str | None,
    typer.Option(
        "-o",
        "--output",
        metavar="FILE",
        help="Write to this file (atomically) instead of standard output.",
    ),
]


@app.command(epilog="Example: scorecard validate specs/*.yaml")
@_reports_errors
def validate(
    specs: Annotated[
        list[str],
        typer.Argument(
            help="Spec files or folders to check (NAME.tests.yaml files and "
            "actuals files among them are checked as such).",
            metavar="SPEC...",
            show_default=False,
        ),
    ],
) -> None:
    """Check specs against the schema and the semantic rules; print every error.
    Test files and actuals files are recognised and checked as what they are."""
    from .validation import validate_paths

    errors, bad, n = validate_paths(specs)
    for err in errors:
        typer.echo(str(err), err=True)
    if errors:
        typer.echo(f"{len(errors)} error(s) in {bad} of {n} file(s)", err=True)
        raise typer.Exit(1)
    typer.echo(f"{n} file(s) valid")


@app.command(epilog="Example: scorecard schema spec > spec.schema.json")
@_reports_errors
def schema(
    name: Annotated[SchemaName, typer.Argument(help="Which schema.", show_default=False)],
) -> None:
    """Print a JSON Schema (draft-07): spec, actuals or scorecard."""
    from .schema import schema_text

    sys.stdout.write(schema_text(name.value))


@app.command(
    epilog="Example: scorecard score specs/gz-dept-overall-2021.yaml "
    "examples/licheng-2021/actuals.yaml --format tree"
)
@_reports_errors
def score(
    spec: SpecArg,
    actuals: ActualsArg,
    format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="table (default): one row per indicator; tree: every derivation; json; "
            "markdown; html (a self-contained report); csv; xlsx (the conventional "
            "self-evaluation table; needs -o). With -o and no --format, the file's "
            "extension chooses (.json .md .html .csv .xlsx).",
        ),
    ] = None,
    missing: MissingOpt = Missing.error,
    output: OutputOpt = None,
    width: WidthOpt = None,
    set_: SetOpt = None,
) -> None:
    """Score one entity's actuals against a spec and print the scorecard."""
    format = Format(_format_for(output, [f.value for f in Format], format))
    sc = _score(spec, actuals, missing, set_)
    if format is Format.json:
        from .render.json_out import render

        _emit(render(sc), output)
        return
    if format in (Format.markdown, Format.html, Format.csv):
        from .render import exports

        text_of = {
            Format.markdown: exports.markdown,
            Format.html: exports.html_text,
            Format.csv: exports.csv_text,
        }[format]
        _emit(text_of(sc), output)
        return
    if format is Format.xlsx:
        from .render.exports import xlsx_bytes

        if not output:
            raise UsageError("xlsx output is a file: give -o FILE.xlsx with --format xlsx")
        from .output import write_atomic

        write_atomic(output, xlsx_bytes(sc))
        return
    from .render import text

    console, buf = _console(width, output)
    shown = text.table(sc) if format is Format.table else text.tree(sc)
    _print(console, buf, shown, output)


@app.command(
    epilog="Example: scorecard explain specs/gz-dept-overall-2021.yaml "
    "examples/licheng-2021/actuals.yaml trips"
)
@_reports_errors
def explain(
    spec: SpecArg,
    actuals: ActualsArg,
    indicator: Annotated[
        str, typer.Argument(help="The indicator id.", metavar="ID", show_default=False)
    ],
    missing: MissingOpt = Missing.error,
    width: WidthOpt = None,
    set_: SetOpt = None,
) -> None:
    """Print one indicator's full derivation, with the spec positions it came from."""
    from .errors import did_you_mean

    sc = _score(spec, actuals, missing, set_)
    r = sc.find(indicator) or next((x for x in sc.walk() if x.indicator.name == indicator), None)
    if r is None:
        ids = [x.id for x in sc.walk()]
        names = {x.indicator.name: x.id for x in sc.walk()}
        hint = did_you_mean(indicator, [*ids, *names])
        raise UsageError(
            f"no indicator '{indicator}' in {spec}{hint}; give an id or an exact name; "
            f"ids: {', '.join(ids)}"
        )
    from .render import text

    console, buf = _console(width, None)
    _print(console, buf, text.explain(sc, r), None)


@app.command(
    epilog="Example: scorecard compare specs/gz-dept-overall-2021.yaml "
    "examples/licheng-2021/actuals.yaml --set rounding.mode=half_even"
)
@_reports_errors
def compare(
    files: Annotated[
        list[str],
        typer.Argument(
            help="SPEC_A SPEC_B ACTUALS, or SPEC ACTUALS with --set (B is then SPEC with the "
            "changes).",
            metavar="SPEC_A [SPEC_B] ACTUALS",
            show_default=False,
        ),
    ],
    missing: MissingOpt = Missing.error,
    width: WidthOpt = None,
    set_: SetOpt = None,
) -> None:
    """Score the same actuals under two specs: totals, grades, deltas and rule changes.
    With a table (CSV/XLSX) instead: rank changes, grade migrations, largest moves."""
    from pathlib import Path

    from .actuals import load_actuals
    from .compare import compare as run_compare
    from .evaluate import evaluate
    from .render.comparison import render

    if len(files) == 3:
        a_path, b_path, actuals = files
    elif len(files) == 2 and set_:
        a_path, actuals = files
        b_path = a_path
    else:
        raise UsageError(
            "takes SPEC_A SPEC_B ACTUALS, or SPEC ACTUALS with at least "
            "one --set PATH=VALUE; see 'scorecard compare --help'"
        )
    spec_a = _load_spec(a_path)
    spec_b = _load_spec(b_path, set_)
    if Path(actuals).suffix.lower() in (".csv", ".tsv", ".txt", ".xlsx", ".xlsm"):
        from .batch import score_rows
        from .compare import compare_rows
        from .render.comparison import render_batch
        from .tables import open_table

        rows_a = list(score_rows(spec_a, open_table(actuals, spec_a), missing.value))
        rows_b = list(score_rows(spec_b, open_table(actuals, spec_b), missing.value))
        console, buf = _console(width, None)
        result = compare_rows(spec_a, spec_b, rows_a, rows_b)
        _print(console, buf, render_batch(result, tuple(set_ or ())), None)
        lines = [line for r in [*rows_a, *rows_b] for line in r.errors]
        for line in dict.fromkeys(lines):  # failed rows, once each even if both specs fail
            typer.echo(line, err=True)
        if result.failed:
            raise typer.Exit(1)
        return
    a = evaluate(spec_a, load_actuals(actuals, spec_a, missing.value))
    b = evaluate(spec_b, load_actuals(actuals, spec_b, missing.value))
    console, buf = _console(width, None)
    _print(console, buf, render(run_compare(a, b), tuple(set_ or ())), None)


@app.command(
    epilog="Example: scorecard whatif specs/gz-dept-overall-2021.yaml "
    "examples/licheng-2021/actuals.yaml"
)
@_reports_errors
def whatif(
    spec: SpecArg,
    actuals: ActualsArg,
    missing: MissingOpt = Missing.error,
    width: WidthOpt = None,
    set_: SetOpt = None,
) -> None:
    """How far each actual must move to gain a point, and what the next grade takes."""
    from .actuals import load_actuals
    from .evaluate import evaluate
    from .render.whatif_view import render
    from .whatif import whatif as run_whatif

    _one_entity(actuals)
    loaded = _load_spec(spec, set_)
    a = load_actuals(actuals, loaded, missing.value)
    answer = run_whatif(evaluate(loaded, a), a)
    console, buf = _console(width, None)
    _print(console, buf, render(answer), None)


@app.command(epilog="Example: scorecard methods")
@_reports_errors
def methods(width: WidthOpt = None) -> None:
    """List the built-in scoring methods: formula, params and a worked example."""
    from .render.catalog_view import render

    console, buf = _console(width, None)
    _print(console, buf, render(), None)


@app.command(epilog="Example: scorecard init my-spec && scorecard test my-spec")
@_reports_errors
def init(
    folder: Annotated[
        str,
        typer.Argument(
            help="Folder to write the starter files into (created if needed).", show_default=True
        ),
    ] = ".",
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """Write a small starter spec, actuals and test file that validate, score and pass."""
    from .starter import write_starter

    for path in write_starter(folder, force):
        typer.echo(f"wrote {path}")
    typer.echo(f"next: scorecard score {folder}/starter.yaml {folder}/starter.actuals.yaml")


class BatchFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


@app.command(
    epilog="Example: scorecard batch specs/gz-dept-overall-2021.yaml units.csv "
    "--format csv -o results.csv"
)
@_reports_errors
def batch(
    spec: SpecArg,
    table: Annotated[
        str,
        typer.Argument(
            help="A .csv or .xlsx table: one row per entity, one column per indicator or input id.",
            metavar="TABLE",
            show_default=False,
        ),
    ],
    format: Annotated[
        BatchFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table (default): ranking, grades and statistics; csv, json "
            "and xlsx: one row per entity (streamed). With -o and no --format, the file's "
            "extension chooses.",
        ),
    ] = None,
    output: OutputOpt = None,
    missing: MissingOpt = Missing.error,
    encoding: Annotated[
        str,
        typer.Option(
            "--encoding", help="CSV encoding: auto (UTF-8, else GBK/GB18030), utf-8, gbk, gb18030."
        ),
    ] = "auto",
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="XLSX sheet (default: the first).")
    ] = None,
    na: Annotated[
        list[str] | None,
        typer.Option(
            "--na",
            help="Cell text that marks an indicator not applicable (repeatable; default "
            "N/A, n/a, NA, 不适用, --).",
        ),
    ] = None,
    width: WidthOpt = None,
    set_: SetOpt = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            max=64,
            help="Processes to score with (chunks of 2,048 rows each); the output is "
            "the same as with 1.",
        ),
    ] = 1,
    bom: Annotated[
        bool,
        typer.Option(
            "--bom",
            help="Start the CSV with a UTF-8 byte order mark, so that Excel opens its "
            "Chinese text correctly (CSV output only).",
        ),
    ] = False,
) -> None:
    """Score every row of a table; a failing row is reported and the others still scored."""
    from pathlib import Path

    from .batch import Block, Summary, score_blocks
    from .render import batch_view
    from .tables import NA_TOKENS, note_columns, open_table

    if Path(spec).suffix.lower() in _TABLES and Path(table).suffix.lower() in (".yaml", ".yml"):
        raise UsageError("the spec comes first and the table second: scorecard batch SPEC TABLE")
    if Path(table).suffix.lower() == ".xls":
        raise UsageError(f"{table}: the old .xls format is not read; save it as .xlsx (or CSV)")
    loaded = _load_spec(spec, set_)
    format = BatchFormat(_format_for(output, [f.value for f in BatchFormat], format))
    if bom and format is not BatchFormat.csv:
        raise UsageError(f"--bom applies to CSV output only, not {format.value}; drop --bom")
    tokens = tuple(na) if na else NA_TOKENS
    opened = open_table(table, loaded, encoding, sheet, tokens)
    summary = Summary(loaded, keep_totals=format is BatchFormat.table)
    notes = tuple(c.target for c in note_columns(opened))  # carried through to the outputs
    blocks = _with_progress(
        score_blocks(
            loaded,
            opened,
            missing.value,
            tokens,
            jobs=jobs,
            # with --jobs, CSV text is made by the workers too
            render=functools.partial(batch_view.CsvRows, notes=notes)
            if format is BatchFormat.csv
            else None,
            lean=not summary.keep_totals,
        )
    )

    def counted() -> Iterator[Block | RowResult]:
        for item in blocks:
            if isinstance(item, Block):
                summary.add_block(item)
            else:
                summary.add(item)
            yield item

    def each_row() -> Iterator[RowResult]:
        for item in counted():
            yield from item.results() if isinstance(item, Block) else (item,)

    if format is BatchFormat.table:
        for _ in counted():
            pass
        console, buf = _console(width, output)
        _print(console, buf, batch_view.summary(summary), output)
    elif format is BatchFormat.xlsx:
        if not output:
            raise UsageError("xlsx output is a file: give -o FILE.xlsx with --format xlsx")
        from .render.batch_xlsx import write_rows

        write_rows(output, loaded, each_row(), summary, notes)
    else:
        chunks = (
            batch_view.csv_lines(loaded, counted(), notes, bom=bom)
            if format is BatchFormat.csv
            else batch_view.json_lines(loaded, each_row(), summary, table, opened.sha256, notes)
        )
        _stream(chunks, output)
    if format is not BatchFormat.table:
        typer.echo(f"{summary.scored} scored, {len(summary.failed)} failed", err=True)
    for r in summary.failed:  # one unwrapped line each, whatever the format
        for line in r.errors:
            typer.echo(line, err=True)
    if summary.failed:
        raise typer.Exit(1)


def _with_progress(items: Iterator[Block | RowResult]) -> Iterator[Block | RowResult]:
    """Show a progress counter on a terminal (never when piped)."""
    if not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .batch import Block

    with Progress(
        SpinnerColumn(), TextColumn("{task.completed} rows"), TimeElapsedColumn(), transient=True
    ) as progress:
        task = progress.add_task("scoring", total=None)
        for item in items:
            progress.advance(task, len(item) if isinstance(item, Block) else 1)
            yield item


def _stream(chunks: Iterator[str], output: str | None) -> None:
    if output:
        from .output import AtomicWriter

        with AtomicWriter(output) as fh:
            for chunk in chunks:
                fh.write(chunk.encode("utf-8"))
    else:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()


@app.command(name="test", epilog="Example: scorecard test specs/")
@_reports_errors
def test_(
    target: Annotated[
        str,
        typer.Argument(
            help="A spec, a NAME.tests.yaml file, or a folder to search.",
            metavar="SPEC_OR_DIR",
            show_default=False,
        ),
    ],
    width: WidthOpt = None,
    set_: SetOpt = None,
) -> None:
    """Run spec test cases: expected totals, grades, scores, statuses and bands."""
    from .render.testreport import file_errors, report, summary
    from .spectest import discover, run_suite

    sources = discover(target)
    if not sources:
        raise UsageError(
            f"{target}: no test cases found; put them in NAME.tests.yaml beside "
            "the spec, or under 'tests:' in it"
        )
    suites = [run_suite(path, inline, set_) for path, inline in sources]
    for line in file_errors(suites):
        typer.echo(line, err=True)
    passed, failed, broken = summary(suites)
    if not passed and not failed:  # nothing ran: the errors above say why
        typer.echo(f"0 passed, 0 failed, {broken} file error(s)", err=True)
        raise typer.Exit(1)
    console, buf = _console(width, None)
    _print(console, buf, report(suites), None)
    if failed or broken:
        raise typer.Exit(1)


def _terminate_like_interrupt() -> None:
    """SIGTERM unwinds like Ctrl-C, so partly written output files are removed."""
    import signal

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    with contextlib.suppress(ValueError):  # not the main thread: leave it as it is
        signal.signal(signal.SIGTERM, interrupt)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning every error into one line and an exit code."""
    import importlib

    # typer may use click or its own copy of it: take the exceptions it uses
    click_exc = importlib.import_module(typer.BadParameter.__module__)
    no_args = getattr(click_exc, "NoArgsIsHelpError", ())
    command = typer.main.get_command(app)
    _terminate_like_interrupt()
    try:
        rv = command.main(args=argv, prog_name="scorecard", standalone_mode=False)
    except no_args as e:
        typer.echo(e.ctx.get_help() if e.ctx else "", err=True)
        sys.exit(2)
    except click_exc.UsageError as e:
        where = e.ctx.command_path if e.ctx else "scorecard"
        msg = e.format_message().replace("\n", " ").replace("Value error, ", "").rstrip(".")
        typer.echo(f"{where}: {msg}; see '{where} --help'", err=True)
        sys.exit(2)
    except (KeyboardInterrupt, getattr(click_exc, "Abort", KeyboardInterrupt)):
        typer.echo("interrupted; no output file was written", err=True)
        sys.exit(130)
    except ScorecardError as e:
        typer.echo(str(e), err=True)
        sys.exit(e.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as e:  # a bug: still one line, and say where to report it
        typer.echo(
            f"scorecard: internal error ({type(e).__name__}: {e}); please report it "
            "with the command and files that caused it",
            err=True,
        )
        sys.exit(3)
    sys.exit(rv if isinstance(rv, int) else 0)
