"""A document back to YAML, each key with a ``# file:line`` comment naming where it
came from: what ``scorecard show SPEC --resolved`` prints for a composed spec.

The text reads back as the same data (numbers exact, strings quoted when plain YAML
would read them otherwise), so the resolved spec can be saved and used on its own.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction
from typing import Any

from ..base.numbers import format_value
from .load import Document, JsonPath

_PLAIN = re.compile(r"^[^\W\d][\w .%/()（）、·，。：；-]*$")
_SPECIAL = {"true", "false", "null", "True", "False", "Null", "TRUE", "FALSE", "NULL", "~"}


def scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Fraction):
        return format_value(value, max_places=60)  # a document's numbers are decimals
    text = str(value)
    plain = (
        _PLAIN.match(text) and text not in _SPECIAL and not text.endswith(" ") and ": " not in text
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


class _Dumper:
    def __init__(self, doc: Document):
        self.doc = doc
        self.lines: list[str] = []

    def where(self, path: JsonPath) -> str:
        pos = self.doc.key_pos(path)
        return f"  # {pos.file}:{pos.line}"

    def value(self, node: Any, path: JsonPath, indent: int, head: str) -> None:
        """``head`` is the text before the value on its first line (``key:`` or ``-``)."""
        pad = " " * indent
        note = self.where(path) if path and isinstance(path[-1], str) else ""
        if isinstance(node, dict) and node:
            if head.endswith("-"):
                self.mapping(node, path, indent + 2, first=pad + head + " ")
                return
            self.lines.append(pad + head + note)
            self.mapping(node, path, indent + 2)
        elif isinstance(node, list) and node:
            self.lines.append(pad + head + note)
            for i, item in enumerate(node):
                self.value(item, (*path, i), indent + 2, "-")
        else:
            empty = "{}" if isinstance(node, dict) else "[]" if isinstance(node, list) else None
            self.lines.append(f"{pad}{head} {empty or scalar(node)}{note}")

    def mapping(self, node: dict[str, Any], path: JsonPath, indent: int, first: str = "") -> None:
        for n, (key, sub) in enumerate(node.items()):
            before = len(self.lines)
            self.value(sub, (*path, key), indent, f"{scalar(key)}:")
            if n == 0 and first:  # the first key shares the line of its "- "
                self.lines[before] = first + self.lines[before][indent:]


def dump(doc: Document) -> str:
    """The document's data as YAML with a ``# file:line`` comment on every key."""
    d = _Dumper(doc)
    if isinstance(doc.data, dict):
        d.mapping(doc.data, (), 0)
    else:
        d.value(doc.data, (), 0, "")
    return "\n".join(d.lines) + "\n"
