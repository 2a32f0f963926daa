"""The command line: a thin layer that wires the stages together and turns errors into
one-line messages and exit codes (0 ok, 1 bad input, 2 misuse). One module per command group."""

from .main import app, main

__all__ = ["app", "main"]
