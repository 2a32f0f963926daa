"""The entry point: every command registered, every error turned into one line and an exit code
(0 ok, 1 bad input, 2 misuse, 3 a bug)."""

from __future__ import annotations

import contextlib
import sys

import typer

from ..base.errors import ScorecardError

# isort: off
# the commands register in the order --help lists them
from . import check, score, trials, authoring, batch, testing, view  # noqa: F401

# isort: on
from .app import app

__all__ = ["app", "main"]


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
