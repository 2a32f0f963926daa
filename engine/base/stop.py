"""The signals a run received: kept here, below every layer, so that whatever
writes a file or reads many can stop on one whose KeyboardInterrupt was lost
(raised inside a finalizer, or inside code that swallows it).
:mod:`engine.cli.stopping` takes the signals and records them here."""

from __future__ import annotations

from typing import Any

#: the signals received, in order
received: list[int] = []


def check() -> None:
    """Raise KeyboardInterrupt when a signal came, even if its first raise was lost."""
    if received:
        raise KeyboardInterrupt


def quiet_unraisable(unraisable: Any, default: Any) -> None:
    """An exception Python cannot raise (in a finalizer such as ``ZipFile.__del__``):
    a KeyboardInterrupt of a signal is not printed with its traceback (the
    signal is recorded, and the run stops at its next :func:`check`); another
    goes to ``default``, Python's own hook."""
    if isinstance(unraisable.exc_value, KeyboardInterrupt) and received:
        return
    default(unraisable)
