"""Temporary UTF-8 copies of tables in another encoding (GBK, GB18030).

The check of a table's encoding decodes the whole file before any output; for a
large table it writes what it decodes, as UTF-8, to a copy in the temporary
folder, and the rows are read from the copy instead of being decoded again
(:func:`engine.batch.tables._check_decodes`). A copy goes with its table's
rows (a ``weakref.finalize``), and :func:`remove_copies` removes every copy
still there for a process that ends without running finalizers.
"""

from __future__ import annotations

from typing import Any

__all__ = ["COPIES", "Utf8Copy", "remove", "remove_copies"]


class Utf8Copy:
    """A temporary UTF-8 copy of a table, written piece by piece. A copy that
    cannot be written (a full disk, say) is given up: the table is then read
    from its own file, as a smaller one is."""

    def __init__(self, name: str, fh: Any):
        self.name = name
        self.fh: Any = fh

    @classmethod
    def start(cls) -> Utf8Copy | None:
        import os
        import tempfile

        try:
            fd, name = tempfile.mkstemp(prefix="scorecard-", suffix=".utf8.csv")
        except OSError:
            return None
        return cls(name, os.fdopen(fd, "wb"))

    def write(self, text: str) -> None:
        if self.fh is None:
            return
        try:
            self.fh.write(text.encode("utf-8"))
        except OSError:
            self.discard()

    def finish(self) -> str:
        """The copy's name, once it is whole; "" when it was given up."""
        if self.fh is None:
            return ""
        try:
            self.fh.close()
        except OSError:
            self.discard()
            return ""
        self.fh = None
        COPIES.add(self.name)
        return self.name

    def discard(self) -> None:
        import contextlib

        with contextlib.suppress(OSError):
            if self.fh is not None:
                self.fh.close()
        self.fh = None
        remove(self.name)


#: the UTF-8 copies in the temporary folder, each removed with its table's rows
COPIES: set[str] = set()


def remove(name: str) -> None:
    import contextlib
    import os

    COPIES.discard(name)
    with contextlib.suppress(OSError):
        os.remove(name)


def remove_copies() -> None:
    """Remove every UTF-8 copy still there: for a process that ends without
    running its finalizers (``os._exit``, after a Ctrl-C)."""
    for name in list(COPIES):
        remove(name)
