"""Stopping on a signal: SIGINT, SIGTERM, SIGHUP and SIGQUIT unwind like Ctrl-C.

The handler raises KeyboardInterrupt where the program happens to be, as Python's
own Ctrl-C handler does, and also records the signal. An exception raised inside
code that swallows it (a library importing another one, for example pyarrow
importing pandas) would lose the signal; a long job calls :func:`check` between
its pieces of work (:func:`engine.base.stop.check`), which raises it again, and so
does a file about to be put in place.
"""

from __future__ import annotations

import contextlib
import functools
import signal
import sys
from typing import Any

from ..base.output import PLACED
from ..base.stop import check, quiet_unraisable, received

__all__ = ["check", "install", "interrupt", "received"]
#: SIGINT at its default action was set by the script while it loaded (not by a
#: program that calls :func:`engine.cli.main.main` and wants it so)
sigint_default_is_ours = False


def interrupt(signum: int, frame: Any) -> None:
    received.append(signum)
    raise KeyboardInterrupt


def install() -> None:
    """Take SIGTERM, SIGHUP and SIGQUIT, and SIGINT when it is Python's own or the
    script's while it loaded (:data:`sigint_default_is_ours`): not when it is
    ignored, or a program calling :func:`engine.cli.main.main` set it otherwise."""
    received.clear()
    PLACED.clear()  # a run says only the files it put in place itself
    if not isinstance(sys.unraisablehook, functools.partial):  # once, over Python's own
        sys.unraisablehook = functools.partial(quiet_unraisable, default=sys.unraisablehook)
    names = ["SIGTERM", "SIGHUP", "SIGQUIT"]
    current = signal.getsignal(signal.SIGINT)
    if current is signal.default_int_handler or (
        sigint_default_is_ours and current is signal.SIG_DFL
    ):
        names.append("SIGINT")
    for name in names:
        if hasattr(signal, name):  # SIGHUP and SIGQUIT are not on Windows
            with contextlib.suppress(ValueError):  # not the main thread: leave it
                signal.signal(getattr(signal, name), interrupt)
