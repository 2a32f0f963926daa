"""Error types. Every error a user can cause carries where it is and what would be valid.

The code that finds a problem often does not know the file; callers attach the
position as the error travels up (see :meth:`ScorecardError.at`).
"""

from __future__ import annotations

import errno
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from .i18n import N_, _, ngettext
from .text import short_quotes, visible


@dataclass(frozen=True, order=True, slots=True)
class Pos:
    """A position in a file, 1-based line and column."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"

    def shifted(self, columns: int) -> Pos:
        return replace(self, col=self.col + columns)


@dataclass(frozen=True, order=True, slots=True)
class KeyPos(Pos):
    """A place in a mapping given in Python (``engine.score``'s values): its key
    as given, shown as ``<values>['budget']``, or the whole mapping (``whole``,
    shown as ``<values>``). Line and column order the keys as they were given."""

    key: Any = None
    whole: bool = False

    def __str__(self) -> str:
        return self.file if self.whole else f"{self.file}[{self.key!r}]"


class ScorecardWarning(UserWarning):
    """A note on a table the Python API scored (values that look mistyped, an
    entity given twice or with no name), as ``scorecard batch`` prints beside
    the rows: the rows are scored all the same."""


class ScorecardError(Exception):
    """Base of every error the engine raises on purpose.

    ``exit_code`` is 1 for wrong input, 2 for command-line misuse.
    """

    exit_code = 1

    def __init__(self, message: str, pos: Pos | None = None, path: tuple[str | int, ...] = ()):
        super().__init__(message)
        self.message = message
        self.pos = pos
        self.path = path
        self._on_command_line()

    def at(self, pos: Pos | None) -> ScorecardError:
        """Attach a position unless the error already has one."""
        if self.pos is None and pos is not None:
            self.pos = pos
            self._on_command_line()
        return self

    def _on_command_line(self) -> None:
        """An error located in a ``--set`` is the command line's: exit code 2, like
        every other problem with a ``--set`` (a file's content is wrong: 1)."""
        if self.pos is not None and self.pos.file.startswith("--set["):
            self.exit_code = 2

    def sort_key(self) -> tuple[str, int, int, str]:
        if self.pos is None:
            return ("", 0, 0, self.message)
        return (self.pos.file, self.pos.line, self.pos.col, self.message)

    def __str__(self) -> str:
        """One line, control characters visibly escaped and long quoted values
        shortened (it may quote any input)."""
        text = f"{self.pos}: {self.message}" if self.pos else self.message
        return visible(short_quotes(text))


class LoadError(ScorecardError):
    """The file cannot be read or is not acceptable YAML/JSON."""

    #: the text is not YAML/JSON at all (a syntax error), in any language
    syntax = False


def syntax_error(message: str, pos: Pos | None) -> LoadError:
    """A :class:`LoadError` for text that is not YAML/JSON."""
    err = LoadError(message, pos)
    err.syntax = True
    return err


class SpecError(ScorecardError):
    """The spec breaks the schema or a semantic rule."""


class ActualsError(ScorecardError):
    """The actuals do not fit the spec."""


class FormulaError(ScorecardError):
    """A formula is refused at compile time or fails at evaluation time.

    ``offset`` is the 0-based column in the formula text, when known.
    """

    def __init__(self, message: str, offset: int | None = None):
        super().__init__(message)
        self.offset = offset
        #: the unknown name, for "unknown name" errors
        self.name: str | None = None


class EvaluationError(ScorecardError):
    """Scoring failed for one indicator (division by zero, overflow, ...).

    ``inputs``: the inputs the formula of indicator ``indicator`` read, with
    their values (a batch places the error at the table's cell of one of them)."""

    def __init__(
        self,
        message: str,
        pos: Pos | None = None,
        path: tuple[str | int, ...] = (),
        inputs: dict[str, Any] | None = None,
        indicator: str = "",
    ):
        super().__init__(message, pos, path)
        self.inputs = inputs or {}
        self.indicator = indicator


class UsageError(ScorecardError):
    """The command line is wrong."""

    exit_code = 2


class ErrorList(ScorecardError):
    """Several errors, reported together, sorted by position. At most
    :data:`SHOWN` are printed, then a line saying how many more there are."""

    SHOWN = 50

    def __init__(self, errors: Iterable[ScorecardError]):
        unique: dict[str, ScorecardError] = {}
        for err in sorted(errors, key=lambda e: e.sort_key()):
            unique.setdefault(str(err), err)
        self.errors = list(unique.values())
        super().__init__("\n".join(str(e) for e in self.errors))
        self.exit_code = max((e.exit_code for e in self.errors), default=1)

    def __reduce__(self) -> tuple[type[ErrorList], tuple[list[ScorecardError]]]:
        """Pickled as its errors (a part refused on a Dask worker travels back)."""
        return (ErrorList, (self.errors,))

    def __str__(self) -> str:
        lines = [str(e) for e in self.errors[: self.SHOWN]]
        if len(self.errors) > self.SHOWN:
            last = self.errors[self.SHOWN]
            where = f"{last.pos.file}: " if last.pos is not None else ""
            n = len(self.errors) - self.SHOWN
            more = ngettext(
                "… and {n} more error; fix these first",
                "… and {n} more errors; fix these first",
                n,
            ).format(n=n)
            lines.append(where + more)
        return "\n".join(lines)


#: the operating system's reasons a person meets, in the catalogue's words
_OS_REASONS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EROFS: N_("Read-only file system"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
    errno.EIO: N_("Input/output error"),
    errno.EMFILE: N_("Too many open files"),
    errno.EBUSY: N_("Device or resource busy"),
    errno.EFBIG: N_("File too large"),
    errno.EDQUOT: N_("Disk quota exceeded"),
}


def os_reason(e: OSError) -> str:
    """Why the system refused, in the interface language where it is a usual reason."""
    said = _OS_REASONS.get(e.errno) if e.errno is not None else None
    return _(said) if said is not None else str(e.strerror or e)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ``; did you mean 'x'?`` suffix, or an empty string when nothing is close."""
    close = close_word(word, choices)
    return _("; did you mean '{word}'?").format(word=close) if close is not None else ""


def close_word(word: str, choices: Iterable[str]) -> str | None:
    """The choice ``word`` was likely meant to be (the same word in another case or
    width, else the closest), or None when nothing is close."""
    import difflib
    import unicodedata

    options = sorted(set(choices))

    def folded(text: str) -> str:  # TRIPS, ｔｒｉｐｓ and trips are one word here
        return unicodedata.normalize("NFKC", text).casefold()

    same = [c for c in options if folded(c) == folded(word) and c != word]
    close = same or difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean_file(name: str, files: Iterable[str]) -> str:
    """:func:`did_you_mean` for a file's name, by the names without their extension:
    ``.yaml`` in both made ``actuals.yaml`` look like ``tie-a.yaml``; ``a.yml`` is still
    ``a.yaml``."""
    from pathlib import PurePosixPath

    by_stem: dict[str, str] = {}
    for f in sorted(files):
        by_stem.setdefault(str(PurePosixPath(f).with_suffix("")), f)
    close = close_word(str(PurePosixPath(name).with_suffix("")), by_stem)
    if close is None:
        return ""
    return _("; did you mean '{word}'?").format(word=by_stem[close])
