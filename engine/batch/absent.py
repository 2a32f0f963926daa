"""Columns a table lacks that every one of its rows would need.

A missing value is an error of its row (``--missing error``); when the table
has no column at all for an input or a value that an indicator needs, and no
``na.ID`` column that could mark that indicator (or a group above it) not
applicable, every row fails for that one reason. The table is then refused at
its header, in one located message per kind of column, before any row is read:
the same rows, each failing alike, would say it thousands of times.
"""

from __future__ import annotations

import csv

from ..base.errors import ActualsError, ErrorList, Pos, ScorecardError
from ..base.i18n import _, ngettext, option
from ..scoring.missing import inputs_read
from ..spec.model import Spec
from .tables import Table


def absent_columns(spec: Spec, table: Table) -> list[ActualsError]:
    """The header's problems: inputs and values no row can give (none when a
    column could mark the indicators needing them not applicable)."""
    # a chosen score (score.ID) without its grade's column fails its row too
    given = {c.target for c in table.columns if c.kind == "value"}
    inputs = {c.target for c in table.columns if c.kind == "input"}
    marked = {c.target for c in table.columns if c.kind == "na"}
    readers: dict[str, list[str]] = {}  # input → the leaves that need it
    values: list[str] = []
    for leaf in spec.leaves():
        if leaf.id in given or {leaf.id, *spec.ancestors(leaf.id)} & marked:
            continue
        for name in sorted(inputs_read(spec, leaf) - inputs):
            readers.setdefault(name, []).append(leaf.id)
        if leaf.derive is None:
            values.append(leaf.id)
    at, zero = Pos(table.file, 1, 1), option("missing", "zero")
    # both lines are at file:1:1 and sort by their text: in each language the
    # inputs' line sorts first (a test holds them to it)
    problems = []
    if readers:
        listed = _(", ").join(
            _("{input} (for {ids})").format(input=n, ids=_(", ").join(ids))
            for n, ids in sorted(readers.items())
        )
        problems.append(
            ActualsError(
                ngettext(
                    "no column for the input every row needs: {listed}; add its column (by "
                    "id or name), na.ID columns to mark the indicators reading it not "
                    "applicable, or use {zero} to score them 0",
                    "no column for {n} inputs every row needs: {listed}; add their columns "
                    "(by id or name), na.ID columns to mark the indicators reading them not "
                    "applicable, or use {zero} to score them 0",
                    len(readers),
                ).format(n=len(readers), listed=listed, zero=zero),
                at,
            )
        )
    if values:
        problems.append(
            ActualsError(
                ngettext(
                    "no column for the value of {n} indicator every row needs: {list}; add "
                    "its column (by id or name), an na.ID column to mark it not applicable, "
                    "or use {zero} to score it 0",
                    "no column for the values of {n} indicators every row needs: {list}; add "
                    "their columns (by id or name), na.ID columns to mark them not "
                    "applicable, or use {zero} to score them 0",
                    len(values),
                ).format(n=len(values), list=_(", ").join(values), zero=zero),
                at,
            )
        )
    return problems


def refuse_absent(spec: Spec, table: Table) -> None:
    """Raise :func:`absent_columns`'s problems, if there are any: or, where the
    first row below the header names the columns missing (a header over two
    rows, row 1 naming only the entity and period), that alone."""
    from .tables import header_split

    problems = absent_columns(spec, table)
    if problems:
        header = [""] * table.width
        for c in table.columns:
            header[c.index - 1] = c.header
        try:
            second = next(iter(table.rows), None)
        except (ScorecardError, csv.Error, OSError, ValueError):  # a row not read: as before
            second = None
        split = header_split(second, header, spec, table.file)
        raise split if split is not None else ErrorList(problems)
