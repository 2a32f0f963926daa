"""``--help`` laid out by display width: a Chinese character takes two columns.

click (typer's copy) measures and wraps help by characters, so a Chinese paragraph ran to
twice the terminal's width. :class:`CellHelpFormatter` measures by cells and
wraps with the rules of :mod:`engine.render.wrap` (no line starts with ，or 。);
text without wide characters is wrapped by click itself, unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.cells import cell_len
from typer._click import core as click_core  # typer's own copy of click
from typer._click import formatting as cf

from ..render.wrap import wrap_cells


def _wide(*texts: str) -> bool:
    return any(cell_len(t) != len(t) for t in texts)


def wrap_help(
    text: str,
    width: int,
    initial_indent: str = "",
    subsequent_indent: str = "",
    preserve_paragraphs: bool = False,
) -> str:
    """click's ``wrap_text``, by display cells when the text holds wide characters."""
    if not _wide(text, initial_indent, subsequent_indent):
        return cf.wrap_text(text, width, initial_indent, subsequent_indent, preserve_paragraphs)
    paragraphs = _paragraphs(text) if preserve_paragraphs else [(0, False, text)]
    out = []
    for extra, raw, body in paragraphs:
        first, rest = initial_indent + " " * extra, subsequent_indent + " " * extra
        if raw:
            out.append("\n".join(first + line for line in body.splitlines()))
            continue
        room = max(width - max(cell_len(first), cell_len(rest)), 10)
        lines = wrap_cells(body.replace("\n", " "), room)
        out.append("\n".join((first if i == 0 else rest) + ln for i, ln in enumerate(lines)))
    return "\n\n".join(out)


def _paragraphs(text: str) -> list[tuple[int, bool, str]]:
    """(indent, kept as written, text) per blank-line-separated paragraph; a
    paragraph that starts with a ``\\b`` line is kept as written, as click does."""
    out: list[tuple[int, bool, str]] = []
    for block in text.expandtabs().split("\n\n"):
        lines = [line for line in block.split("\n") if line]
        if not lines:
            continue
        indent = len(lines[0]) - len(lines[0].lstrip())
        if lines[0].strip() == "\b":
            out.append((indent, True, "\n".join(lines[1:])))
        else:
            out.append((indent, False, " ".join(line.strip() for line in lines)))
    return out


def write_commands(formatter: cf.HelpFormatter, rows: Sequence[tuple[str, str]]) -> None:
    """The command listing: each command's summary whole, folded by display width
    under itself (click cut it by characters, and a Chinese summary ran over)."""
    if rows:
        formatter.write_dl(list(rows))


#: typer's names of a value's Python type, as a command line's help names them
_TYPES = {"<str>": "TEXT", "<list[str]>": "TEXT", "<int range>": "N", "<int>": "N", "<float>": "X"}
_TYPE = re.compile(r" (<str>|<list\[str\]>|<int range>|<int>|<float>)")
#: an argument in the usage line, braced by typer: {SPEC} {SUBMISSION...}...
_BRACED = re.compile(r"\{([A-Z][A-Z0-9_.|]*)\}(\.\.\.)?")


def plain_metavar(first: str) -> str:
    """``SPEC <str>`` is SPEC, ``--width <int range>`` is ``--width N``: the
    metavar a person reads, not the Python type typer names."""
    if first[:1] != "-":  # an argument: its name says what it is
        return _TYPE.sub("", first)
    return _TYPE.sub(lambda m: " " + _TYPES[m.group(1)], first)


def plain_usage(args: str) -> str:
    """``{SPEC} {SUBMISSION...}...`` as ``SPEC SUBMISSION...``."""
    return _BRACED.sub(lambda m: m.group(1), args)


class CellHelpFormatter(cf.HelpFormatter):
    """click's help formatter, measuring and wrapping by display cells."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = plain_usage(args)
        prefix = "Usage: " if prefix is None else prefix
        if not _wide(prefix, prog):
            super().write_usage(prog, args, prefix)
            return
        head = f"{' ' * self.current_indent}{prefix}{prog} "
        if not args:
            self.write(head.rstrip(" ") + "\n")
            return
        width = self.width - self.current_indent
        self.write(wrap_help(args, width, head, " " * cell_len(head)) + "\n")

    def write_heading(self, heading: str) -> None:
        """``Options:``, and ``选项：`` with the full-width colon Chinese text takes."""
        colon = "：" if _wide(heading) else ":"
        self.write(f"{'':>{self.current_indent}}{heading}{colon}\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(wrap_help(text, self.width, indent, indent, preserve_paragraphs=True) + "\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = [(plain_metavar(first), second) for first, second in rows]
        if not _wide(*(cell for row in rows for cell in row)):
            super().write_dl(rows, col_max, col_spacing)
            return
        first_col = min(max((cell_len(a) for a, _b in rows), default=0), col_max) + col_spacing
        pad = " " * (first_col + self.current_indent)
        for first, second in rows:
            self.write(f"{' ' * self.current_indent}{first}")
            if not second:
                self.write("\n")
                continue
            if cell_len(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cell_len(first)))
            else:
                self.write("\n" + pad)
            width = max(self.width - first_col - 2, 10)
            lines = wrap_help(second, width, preserve_paragraphs=True).splitlines() or [""]
            self.write(lines[0] + "\n")
            self.write("".join(f"{pad}{line}\n" if line else "\n" for line in lines[1:]))


class CellContext(click_core.Context):
    """A context whose help is laid out by :class:`CellHelpFormatter`."""

    formatter_class = CellHelpFormatter
