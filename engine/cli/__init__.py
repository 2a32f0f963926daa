"""The command line: a thin layer that wires the stages together and turns errors into
one-line messages and exit codes (0 ok, 1 bad input, 2 misuse). One module per command group;
a run imports only the module of the command it runs."""

from typing import Any

from .main import entry, main

__all__ = ["app", "entry", "main"]


def __getattr__(name: str) -> Any:
    """``app``: the typer app with every command registered."""
    if name == "app":
        from .main import every_command

        return every_command()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
