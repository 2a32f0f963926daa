"""A ``#`` inside an unquoted formula starts a YAML comment, and the rest of the
formula is silently dropped: ``formula: weight # * min(actual / target, 1)`` would
give full marks. Such a comment right after a formula is refused where it stands."""

from __future__ import annotations

from typing import Any

from ..base.errors import ErrorList, Pos, SpecError
from ..base.i18n import _
from .load import Document, JsonPath

#: keys whose text values are formulas
FORMULA_KEYS = frozenset({"formula", "actual"})


def _formulas(data: Any) -> list[JsonPath]:
    found: list[JsonPath] = []
    stack: list[tuple[Any, JsonPath]] = [(data, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in FORMULA_KEYS and isinstance(value, str):
                    found.append((*path, key))
                elif isinstance(value, dict | list):
                    stack.append((value, (*path, key)))
        elif isinstance(node, list):
            stack.extend((v, (*path, i)) for i, v in enumerate(node) if isinstance(v, dict | list))
    return found


def refuse_formula_comments(doc: Document) -> None:
    """Raise for every plain (unquoted) formula followed by a comment on its line."""
    if "#" not in doc.text:
        return
    lines = doc.text.splitlines()
    errors: list[SpecError] = []
    for path in _formulas(doc.data):
        value = _at(doc.data, path)
        pos = doc.positions.get(path)
        if doc.styles.get(path) != "" or pos is None or pos.file != doc.file:
            continue  # quoted, or set on the command line
        if "\n" in value or pos.line > len(lines):
            continue
        line = lines[pos.line - 1]
        start = pos.col - 1
        if line[start : start + len(value)] != value:
            continue  # not where the text says (a folded scalar): leave it
        rest = line[start + len(value) :]
        if rest.lstrip().startswith("#"):
            col = start + len(value) + len(rest) - len(rest.lstrip()) + 1
            errors.append(
                SpecError(
                    _(
                        "'#' starts a YAML comment, so the formula ends at '{value}' and the "
                        'rest of the line is dropped; quote the whole formula ("...") or move '
                        "the comment to its own line"
                    ).format(value=value),
                    Pos(pos.file, pos.line, col),
                )
            )
    if errors:
        raise ErrorList(errors)


def _at(data: Any, path: JsonPath) -> Any:
    for key in path:
        data = data[key]
    return data
