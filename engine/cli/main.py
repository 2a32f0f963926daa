"""The entry point: every command registered, every error turned into one line and an exit code
(0 ok, 1 bad input, 2 misuse, 3 a bug)."""

from __future__ import annotations

import contextlib
import sys
from typing import Any, NoReturn

import typer

from ..base.errors import ScorecardError
from ..base.i18n import _
from . import coercion, stopping
from .io import OutputClosed
from .language import usage_message
from .root import app

__all__ = ["COMMANDS", "entry", "every_command", "main"]

#: each command and the module that registers it, in the order --help lists them
COMMANDS = {
    "validate": "check",
    "schema": "check",
    "score": "score",
    "explain": "score",
    "compare": "trials",
    "whatif": "trials",
    "methods": "authoring",
    "init": "authoring",
    "import": "importing",
    "show": "showing",
    "batch": "batch",
    "test": "testing",
    "view": "view",
    "verify": "verify",
    "template": "template",
    "review": "review",
}


def every_command() -> typer.Typer:
    """The app with every command registered (for --help, and for tests)."""
    return _registered(None)


def _registered(command: str | None) -> typer.Typer:
    """The app with ``command``'s module imported, or every command's: the rest
    of a run needs only the command it runs, and building the others' options
    is a tenth of the start-up."""
    import importlib

    names = dict.fromkeys(COMMANDS.values()) if command is None else [COMMANDS[command]]
    for module in names:
        importlib.import_module(f"{__package__}.{module}")
    # in the table's order, whichever module a program imported first
    order = {name: k for k, name in enumerate(COMMANDS)}

    def place(info: Any) -> int:
        name = info.name or typer.main.get_command_name(info.callback.__name__)
        return order.get(name, len(order))

    app.registered_commands.sort(key=place)
    return app


def command_in(args: list[str]) -> str | None:
    """The command the arguments run, when they name one after the app's own
    options; None when they ask for help, or name none (or a misspelled one:
    the message suggests the nearest of all)."""
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--lang":
            i += 2
        elif arg.startswith("--lang="):
            i += 1
        elif arg.startswith("-"):
            return None  # --help, --version, or a mistake
        else:
            return arg if arg in COMMANDS else None
    return None


def _quiet_stdout() -> None:
    """After the reader of standard output went away, send what is left to
    /dev/null, so that flushing at exit does not complain."""
    import os

    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _errors_never_fail() -> None:
    """Messages may quote any input: on a terminal whose encoding cannot show a
    character (gbk and 😀), it is written as an escape rather than failing. A
    byte of a file name that is not UTF-8 is shown as an escape (``\\xd6``) in
    messages and results alike, whatever the locale; any other character a result
    holds that standard output cannot is refused (:mod:`engine.cli.io`), not
    changed (:func:`~engine.base.text.name_text`)."""
    from ..base import text  # noqa: F401  (registers the handlers)

    for stream, errors in ((sys.stderr, "scorecard.escape"), (sys.stdout, "scorecard.names")):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors=errors)  # type: ignore[union-attr]


def _process_settings() -> None:
    """Settings the command line asks of numpy and Arrow, unless the environment
    chose; the library, imported by others' programs, leaves theirs alone. Workers
    (``--jobs``, ``--dask local``) inherit them.

    - numpy's OpenBLAS starts a thread per core on import, which spin for a while:
      about 0.13 s of CPU in every process that imports numpy. scorecard does no
      linear algebra, so it asks for one thread.
    - Arrow's jemalloc pool, which its x86-64 Linux wheels carry, holds 25 to 40 MB
      less than its default (mimalloc) at the same speed. Elsewhere a build may lack
      it (the ARM Linux wheels have not carried it since pyarrow 18) and Arrow would
      print a warning, so the default stays.
    - numpy's huge pages stall a batch's large arrays on some virtual machines
      (:mod:`engine.batch.memory`)."""
    import os

    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")
    if jemalloc_wheel():
        os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "jemalloc")


def entry(loading_quietly: bool = False) -> None:
    """The process's own command line (the ``scorecard`` script, ``python -m
    engine``): what start-up made (modules, classes, the app) lives until the
    process exits, so the collector need not walk it again on each full pass
    (about 3% of a ``score``'s start-up); then :func:`main`. A program calls
    :func:`main`, which leaves its collector alone: objects frozen are never
    collected, and its garbage stays collectable however often it calls."""
    import gc

    gc.freeze()
    # SIGINT at its default action is the script's own while its modules loaded
    # (engine.__main__): the command line takes it as it takes Python's
    stopping.sigint_default_is_ours = loading_quietly
    main()


def _interrupted() -> NoReturn:
    """Stopped by a signal: said, and exit code 130 (128 + SIGINT)."""
    from ..base.output import interrupted_said

    typer.echo(interrupted_said(), err=True)
    sys.exit(130)


def jemalloc_wheel() -> bool:
    """Whether this is a machine whose pyarrow wheels carry jemalloc: x86-64 Linux."""
    import os

    return sys.platform.startswith("linux") and os.uname().machine in ("x86_64", "amd64")


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning every error into one line and an exit code."""
    import importlib

    _process_settings()

    # typer may use click or its own copy of it: take the exceptions it uses
    click_exc = importlib.import_module(typer.BadParameter.__module__)
    no_args = getattr(click_exc, "NoArgsIsHelpError", ())
    args = sys.argv[1:] if argv is None else argv
    command = typer.main.get_command(_registered(command_in(args)))
    coercion.install(command)
    stopping.install()

    _errors_never_fail()
    try:
        rv = command.main(args=args, prog_name="scorecard", standalone_mode=False)
        if rv != 130:  # (a command stopped by the signal has said so)
            stopping.check()  # a signal whose KeyboardInterrupt was lost on the way
    except no_args as e:
        typer.echo(e.ctx.get_help() if e.ctx else "", err=True)
        sys.exit(2)
    except click_exc.UsageError as e:
        where = e.ctx.command_path if e.ctx else "scorecard"
        named = command_in(args)
        if where == "scorecard" and named is not None:  # an option's value missing at the end
            where = f"scorecard {named}"
        msg = " ".join(e.format_message().replace("Value error, ", "").split()).rstrip(".。")
        text = _("{where}: {message}; see '{where} --help'")
        typer.echo(text.format(where=where, message=usage_message(msg)), err=True)
        sys.exit(2)
    except (KeyboardInterrupt, getattr(click_exc, "Abort", KeyboardInterrupt)):
        _interrupted()
    except ScorecardError as e:
        if stopping.received:  # a file cut off by the signal, not the user's mistake
            _interrupted()
        typer.echo(str(e), err=True)
        sys.exit(e.exit_code)
    except (BrokenPipeError, OutputClosed):  # `scorecard … | head`: not an error
        _quiet_stdout()
        sys.exit(0)
    except OSError as e:  # a name too long, met anywhere: one line at it; else a bug
        _too_long(e)
        _internal(e)
    except Exception as e:  # a bug: still one line, and say where to report it
        _internal(e)
    sys.exit(rv if isinstance(rv, int) else 0)


def _too_long(e: OSError) -> None:
    """A name the system refuses as too long, wherever a command met it: said in one
    line at the name (exit 1); any other error of the system is left to the caller."""
    import errno

    from ..base.errors import os_reason

    if e.errno != errno.ENAMETOOLONG or e.filename is None:
        return
    typer.echo(
        _(
            "{name}: the name is too long for the system ({error}); give a shorter name or path"
        ).format(name=e.filename, error=os_reason(e)),
        err=True,
    )
    sys.exit(1)


def _internal(e: Exception) -> None:
    """A bug: still one line, and say where to report it."""
    if stopping.received:  # a library's state left half made by the signal
        _interrupted()
    text = _(
        "scorecard: internal error ({error}); please report it "
        "with the command and files that caused it"
    )
    typer.echo(text.format(error=f"{type(e).__name__}: {e}"), err=True)
    sys.exit(3)
