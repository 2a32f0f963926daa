"""Where a command's output goes: standard output, a console, or a file written atomically."""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..base.errors import ScorecardError, UsageError, os_reason
from ..base.i18n import _
from ..base.text import shown, utf8, visible

if TYPE_CHECKING:
    from rich.console import Console


EXTENSIONS = {
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".parquet": "parquet",
    ".txt": "table",
}


#: formats whose files are not text: one written under another's extension is refused
BINARY = {"xlsx", "parquet"}


def format_for(output: str | None, valid: list[str], given: str | None) -> str:
    """The --format given, else the one -o's extension names, else table. A
    --format other than the one -o's extension names is noted (a .csv of JSON),
    and refused where either is a workbook or a Parquet file."""
    if given is not None:
        from pathlib import Path

        named = EXTENSIONS.get(Path(output).suffix.lower()) if output else None
        text = {named, str(given)} <= {"table", "tree"}  # .txt holds either
        if named is not None and named != str(given) and named in valid and not text:
            if {named, str(given)} & BINARY:  # a workbook of JSON opens nowhere
                raise UsageError(
                    _(
                        "-o {output}: its extension names {named}, but --format is {given}; "
                        "name the file for {given}, or give --format {named} (or leave "
                        "--format out: the extension decides)"
                    ).format(output=output, given=given, named=named)
                )
            import typer

            typer.echo(
                _(
                    "{output}: note: written as {given} (--format), though its extension "
                    "names {named}"
                ).format(output=output, given=given, named=named),
                err=True,
            )
        return str(given)
    if output:
        from pathlib import Path

        suffix = Path(output).suffix
        name = EXTENSIONS.get(suffix.lower())
        if name in valid:
            return name
        if name is not None or suffix:
            raise UsageError(
                _(
                    "-o {output}: this command cannot write a {suffix} file; name the file "
                    "with an extension it writes ({extensions}), or give --format ({formats})"
                ).format(
                    output=output,
                    suffix=suffix,
                    extensions=_(", ").join(written_extensions(valid)),
                    formats=_(", ").join(valid),
                )
            )
    return "table"


def written_extensions(valid: list[str]) -> list[str]:
    """The extensions of ``-o`` that name one of the ``valid`` formats."""
    return [ext for name in valid for ext, named in EXTENSIONS.items() if named == name]


class OutputClosed(Exception):
    """Standard output was closed by its reader (``| head``): not an error."""


@contextlib.contextmanager
def to_stdout() -> Iterator[None]:
    """Writing to standard output: a closed pipe ends the command quietly; a full
    disk or an encoding that cannot hold a character is a one-line message."""
    try:
        yield
    except BrokenPipeError:
        raise OutputClosed from None
    except UnicodeEncodeError as e:
        enc = getattr(sys.stdout, "encoding", None) or e.encoding
        raise ScorecardError(
            _(
                "standard output: its encoding ({enc}) cannot hold '{shown}'; set "
                "PYTHONIOENCODING=utf-8, or write to a file with -o"
            ).format(enc=enc, shown=shown(e.object[e.start : e.end]))
        ) from None
    except OSError as e:
        raise ScorecardError(
            _("standard output: cannot write ({error})").format(error=os_reason(e))
        ) from None


def say(*lines: str) -> None:
    """Messages on standard error, each on a line of its own: the control
    characters a file's name or a cell may hold (a newline, ESC) shown escaped,
    so that no name splits a message or colours the terminal."""
    import typer

    if lines:
        typer.echo("\n".join(visible(line) for line in lines), err=True)


def emit(text: str, output: str | None) -> None:
    if output:
        from ..base.output import write_atomic

        write_atomic(output, utf8(text))
    else:
        from ..base.output import for_stdout, put_stdout

        with to_stdout():
            put_stdout(for_stdout()(text))


def console_for(width: int | None, output: str | None) -> tuple[Console, io.StringIO | None]:
    """A console for standard output, or one writing into a buffer for -o."""
    from ..render.text import make_console

    if sys.stdout.isatty() and not output:
        return make_console(width, color=None, file=sys.stdout), None
    buf = io.StringIO()
    return make_console(width or (100 if output else 80), color=False, file=buf), buf


def show(console: Console, buf: io.StringIO | None, renderable: object, output: str | None) -> None:
    with to_stdout():
        console.print(renderable, crop=False)  # a line that must not fold runs on
    if buf is not None:
        # plain text: no padding at line ends
        text = "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))
        emit(text, output)


def stream(chunks: Iterator[str] | Iterator[str | bytes], output: str | None) -> None:
    """Text (bytes: UTF-8 already) into the ``output`` file, or on standard output."""
    if output:
        from ..base.output import AtomicWriter

        with AtomicWriter(output) as fh:
            for chunk in chunks:
                fh.write(chunk if isinstance(chunk, bytes) else utf8(chunk))
    else:
        from ..base.output import for_stdout, put_stdout

        shown = for_stdout() if sys.stdout.isatty() else None  # bytes go out as they are
        with to_stdout():
            for chunk in chunks:
                if shown is not None:
                    chunk = shown(chunk if isinstance(chunk, str) else chunk.decode("utf-8"))
                put_stdout(chunk)
