"""Writing results: to stdout, or atomically to a file (temporary file, then rename).

A symbolic link is followed (the file it points to is replaced, not the link);
a device or pipe (``/dev/null``, a FIFO) is written to directly, since it cannot
be replaced by renaming and holds no half-written file. A file the command reads
(:func:`note_input`) is never an output, and a replaced file keeps its mode.

What goes to standard output is written exactly as it is, unless standard output
is a terminal: there, control characters are shown escaped (:func:`for_stdout`),
as everywhere else text reaches a terminal.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from . import stop
from .errors import ScorecardError, UsageError, os_reason
from .files import looks_like_form
from .i18n import _
from .text import visible

#: the files this run reads, so that -o cannot name one of them
_INPUTS: set[str] = set()


def note_input(path: str | os.PathLike[str]) -> None:
    """Remember that this run reads ``path``: -o may not replace it."""
    _INPUTS.add(os.fspath(path))


def forget_inputs() -> None:
    _INPUTS.clear()
    PLACED.clear()


#: the output files put in place by this invocation, whole (what a stop after them
#: leaves written)
PLACED: list[str] = []


def interrupted_said() -> str:
    """What a stopped command says of its output files: none written (a file is
    put in place only whole), or those put in place before the signal came."""
    if not PLACED:
        return _("interrupted; no output file was written")
    return _("interrupted after {files} had been written whole").format(files=_(", ").join(PLACED))


def _is_input(target: Path) -> bool:
    for path in _INPUTS:
        try:
            if os.path.samefile(path, target):
                return True
        except OSError:  # gone, or not reachable: not this file
            continue
    return False


def for_stdout() -> Callable[[str], str]:
    """How text is put on standard output: exactly as it is into a file or a pipe;
    on a terminal, with its control characters shown escaped (a CSV cell holding
    ESC cannot move the cursor, erase lines or set the title). Line breaks are kept."""
    import sys

    if sys.stdout.isatty():
        return lambda text: visible(text, keep="\n")
    return lambda text: text


def put_stdout(data: str | bytes) -> None:
    """Write ``data`` (bytes: UTF-8) on standard output, all of it. Where standard
    output is unbuffered (``PYTHONUNBUFFERED=1``, usual in containers), one write
    is one system call, and a signal that comes while a pipe is full cuts it
    short: the text layer drops the rest without a word. Here the rest is written
    until none is left, so that what a stopped batch counts is what went out."""
    import sys

    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    encoding = getattr(out, "encoding", None) or "utf-8"
    # a text-only stream; newlines translated; or an encoding with a state the
    # text layer keeps (utf-8-sig and utf-16 write their mark once): its own write
    if buffer is None or os.linesep != "\n" or not _is_utf8(encoding):
        out.write(data if isinstance(data, str) else data.decode("utf-8"))
        out.flush()
        return
    if isinstance(data, str):
        data = data.encode("utf-8", out.errors or "strict")
    out.flush()  # what the text layer holds goes first
    view = memoryview(data)
    while view:
        n = buffer.write(view)
        if n is None:  # a non-blocking descriptor that is full: wait until it is not
            import select

            select.select([], [buffer], [])
            continue
        view = view[n:]
    buffer.flush()


def _is_utf8(encoding: str) -> bool:
    import codecs

    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _target(path: str, replace_form: bool = False) -> tuple[Path, bool]:
    """The file to write and whether to write it directly (devices and pipes). A
    自评表 form is replaced only with ``replace_form``: it holds what a unit
    filled in, and a blank form or a result written over it would lose that."""
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    if target.is_dir():
        raise UsageError(_("{path}: is a directory; give a file name for -o").format(path=path))
    if target.exists() and not stat.S_ISREG(target.stat().st_mode):
        return target, True
    if target.exists() and _is_input(target):
        raise UsageError(
            _("-o {path}: is an input of this command; write the output to another file").format(
                path=path
            )
        )
    if not replace_form and target.exists() and looks_like_form(target):
        raise UsageError(
            _(
                "-o {path}: is a 自评表 form, which holds what a unit filled in, and is not "
                "written over; give another file name ('scorecard template --force' replaces "
                "a form)"
            ).format(path=path)
        )
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        what = (
            _("{folder} is a file, not a folder").format(folder=folder)
            if folder.exists()
            else _("folder {folder} does not exist").format(folder=folder)
        )
        raise UsageError(f"{path}: {what}")
    return target, False


#: the longest name most file systems take, in bytes
NAME_MAX = 255


def _temporary_prefix(name: str) -> str:
    """The start of the temporary file's name beside ``name``: the name itself
    (``.成绩.xlsx.`` then random letters), unless that would make a name longer
    than a file system takes where ``name`` itself fits (a long Chinese title)."""
    prefix = f".{name}."
    if len(os.fsencode(prefix)) + len("abcdefgh.tmp") > NAME_MAX:
        return ".scorecard."
    return prefix


def write_atomic(path: str, data: bytes, replace_form: bool = False) -> None:
    """Write ``data`` to ``path`` so that it is either complete or absent
    (``replace_form``: even over a 自评表 form, :func:`_target`)."""
    with AtomicWriter(path, replace_form) as fh:
        fh.write(data)


class AtomicWriter:
    """A file written in pieces that appears whole, or not at all: the pieces go to
    a temporary file beside the target, renamed over it only on success."""

    def __init__(self, path: str, replace_form: bool = False):
        self.path = path
        self.replace_form = replace_form
        self.tmp: str | None = None
        self.target: Path | None = None
        self.fh: IO[bytes] | None = None

    def __enter__(self) -> IO[bytes]:
        target, direct = _target(self.path, self.replace_form)
        self.target = target
        try:
            if direct:
                self.fh = target.open("wb")
                return self.fh
            fd, self.tmp = tempfile.mkstemp(
                prefix=_temporary_prefix(target.name), suffix=".tmp", dir=target.parent
            )
        except OSError as e:
            raise UsageError(
                _("{path}: cannot write here ({error})").format(path=self.path, error=os_reason(e))
            ) from None
        self.fh = os.fdopen(fd, "wb")
        return self.fh

    def __exit__(self, kind: object, value: object, tb: object) -> None:
        assert self.fh is not None and self.target is not None
        try:
            self.fh.close()
        except OSError as e:
            if self.tmp is not None:
                Path(self.tmp).unlink(missing_ok=True)
            raise _cannot_write(self.path, e) from None
        if kind is not None:
            if self.tmp is not None:
                Path(self.tmp).unlink(missing_ok=True)
            if isinstance(value, OSError) and not isinstance(value, BrokenPipeError):
                raise _cannot_write(self.path, value) from None  # a full disk, say
            return
        if self.tmp is None:  # written directly
            return
        if stop.received:  # a signal came while it was made: not put in place
            Path(self.tmp).unlink(missing_ok=True)
            raise KeyboardInterrupt
        try:
            os.chmod(self.tmp, _mode(self.target))
            os.replace(self.tmp, self.target)
        except OSError as e:
            Path(self.tmp).unlink(missing_ok=True)
            raise _cannot_write(self.path, e) from None
        PLACED.append(self.path)


def _mode(target: Path) -> int:
    """The mode of the file being replaced (a private 0600 file stays private), or
    the umask's for a new file (mkstemp makes 0600)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _cannot_write(path: str, e: OSError) -> ScorecardError:
    return ScorecardError(
        _("{path}: cannot write ({error}); nothing was written").format(
            path=path, error=os_reason(e)
        )
    )
