"""The entry point: every command registered, every error turned into one line and an exit code
(0 ok, 1 bad input, 2 misuse, 3 a bug)."""

from __future__ import annotations

import contextlib
import sys

import typer

from ..base.errors import ScorecardError
from ..base.i18n import _

# isort: off
# the commands register in the order --help lists them
from . import check, score, trials, authoring, importing, showing, batch, testing  # noqa: F401
from . import view, verify, template, review  # noqa: F401

# isort: on
from . import stopping
from .app import app
from .io import OutputClosed
from .language import usage_message

__all__ = ["app", "main"]


def _quiet_stdout() -> None:
    """After the reader of standard output went away, send what is left to
    /dev/null, so that flushing at exit does not complain."""
    import os

    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _errors_never_fail() -> None:
    """Messages may quote any input: on a terminal whose encoding cannot show a
    character (gbk and 😀), it is written as an escape rather than failing."""
    with contextlib.suppress(AttributeError, ValueError):
        sys.stderr.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]


def _one_blas_thread() -> None:
    """numpy's OpenBLAS starts a thread per core on import, which spin for a
    while: about 0.13 s of CPU in every process that imports numpy (a batch and
    each of its workers). scorecard does no linear algebra, so the command line
    asks for one thread, unless the environment chose; the library, imported by
    others' programs, leaves their setting alone."""
    import os

    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning every error into one line and an exit code."""
    import importlib

    _one_blas_thread()

    # typer may use click or its own copy of it: take the exceptions it uses
    click_exc = importlib.import_module(typer.BadParameter.__module__)
    no_args = getattr(click_exc, "NoArgsIsHelpError", ())
    command = typer.main.get_command(app)
    stopping.install()
    _errors_never_fail()
    try:
        rv = command.main(args=argv, prog_name="scorecard", standalone_mode=False)
    except no_args as e:
        typer.echo(e.ctx.get_help() if e.ctx else "", err=True)
        sys.exit(2)
    except click_exc.UsageError as e:
        where = e.ctx.command_path if e.ctx else "scorecard"
        msg = e.format_message().replace("\n", " ").replace("Value error, ", "").rstrip(".。")
        text = _("{where}: {message}; see '{where} --help'")
        typer.echo(text.format(where=where, message=usage_message(msg)), err=True)
        sys.exit(2)
    except (KeyboardInterrupt, getattr(click_exc, "Abort", KeyboardInterrupt)):
        typer.echo(_("interrupted; no output file was written"), err=True)
        sys.exit(130)
    except ScorecardError as e:
        typer.echo(str(e), err=True)
        sys.exit(e.exit_code)
    except (BrokenPipeError, OutputClosed):  # `scorecard … | head`: not an error
        _quiet_stdout()
        sys.exit(0)
    except Exception as e:  # a bug: still one line, and say where to report it
        text = _(
            "scorecard: internal error ({error}); please report it "
            "with the command and files that caused it"
        )
        typer.echo(text.format(error=f"{type(e).__name__}: {e}"), err=True)
        sys.exit(3)
    sys.exit(rv if isinstance(rv, int) else 0)
