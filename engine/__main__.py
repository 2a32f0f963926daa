"""``python -m engine`` and the ``scorecard`` script.

Loading the command line's modules takes about a tenth of a second, and a
Ctrl-C then would stop an import and print Python's traceback of it. So until
the command line takes the signals (:func:`engine.cli.stopping.install`),
SIGINT keeps its default action: the process ends at once, with nothing
printed (nothing was begun) and the status a shell expects of Ctrl-C.
"""

import signal


def entry() -> None:
    """The command line (:func:`engine.cli.main.entry`), its modules loaded first
    with SIGINT at its default action, unless SIGINT is ignored."""
    quiet = signal.getsignal(signal.SIGINT) is signal.default_int_handler
    if quiet:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    from .cli.main import entry as run

    run(loading_quietly=quiet)


if __name__ == "__main__":
    entry()
