"""What a spec's compile steps share: the document, its problems, the names declared so far."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..base.errors import close_word
from ..base.i18n import _
from ..base.numbers import format_value
from . import methods as m
from .functions import FUNCTIONS
from .load import Document, JsonPath
from .problems import Problems

#: names a formula gives a meaning already: no id, input or param may take them
RESERVED_IDS = {"actual", "target", "weight"} | set(FUNCTIONS) | {"true", "false"}
#: the columns a batch's outputs start with, before one per indicator (``file`` for a
#: batch of many files, then :data:`engine.batch.rows.FIXED_COLUMNS`): an indicator
#: so named would be a second column of that name
OUTPUT_COLUMNS = (
    "file",
    "row",
    "entity",
    "period",
    "total",
    "full_marks",
    "grade",
    "status",
    "error",
    "flags",
)


class Builder:
    """One spec being compiled; the steps add located problems and read what came before."""

    def __init__(self, doc: Document, problems: Problems):
        self.doc = doc
        self.p = problems
        #: indicator id -> where it was first declared
        self.ids: dict[str, JsonPath] = {}
        self.inputs: frozenset[str] = frozenset()
        self.custom: dict[str, m.CustomMethod] = {}
        #: methods whose definition the schema refused: their uses are not "unknown"
        self.broken_methods: set[str] = set()
        self.na_default = "redistribute"
        #: where the schema already found problems; checks that would only
        #: repeat them in other words are skipped there
        self.schema_paths = [e.path for e in problems.errors]

    def at(self, path: JsonPath) -> Any:
        """The raw value at ``path`` in the document, or None."""
        node: Any = self.doc.data
        for key in path:
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                return None
        return node

    def schema_bad(self, path: JsonPath) -> bool:
        """Did the schema report a problem in this entry's own keys?"""
        n = len(path)
        return any(p[:n] == path and (len(p) == n or p[n] != "children") for p in self.schema_paths)

    def schema_keys(self, path: JsonPath) -> frozenset[str]:
        """The keys of the indicator at ``path`` in which the schema reported a
        problem (not its children's): a key whose value it refused, the key an
        unknown key is a slip for (``taget`` stands for ``target``), and "" for the
        indicator itself (a required key missing, a target a method needs)."""
        if not self.schema_paths:
            return frozenset()
        from .schema import schema

        known = schema("spec")["definitions"]["indicator"]["properties"]
        n = len(path)
        keys = set()
        for p in self.schema_paths:
            if p[:n] != path or (len(p) > n and p[n] == "children"):
                continue
            key = str(p[n]) if len(p) > n else ""
            if key and key not in known:
                key = close_word(key, known) or key
            keys.add(key)
        return frozenset(keys)

    def weights_add_up(self, items: Any, expected: Fraction, path: JsonPath, message: str) -> bool:
        """Do the weights of ``items`` add up to ``expected``? Report it when not,
        with ``message`` (a catalogue template of ``{sum}``, ``{expected}`` and
        ``{terms}``). Checked only when every item has a usable weight, even where
        an item has other errors."""
        weights = _raw_weights(items)
        if not weights:
            return True
        s = sum((w for _, w in weights), Fraction(0))
        if s == expected:
            return True
        self.p.add(
            path,
            _(message).format(
                sum=format_value(s),
                expected=format_value(expected),
                terms=" + ".join(f"{i} {format_value(w)}" for i, w in weights),
            ),
        )
        return False


def num(x: Any) -> Fraction | None:
    return x if isinstance(x, Fraction) else None


def text(x: Any, default: str = "") -> str:
    return x if isinstance(x, str) else (format_value(x) if isinstance(x, Fraction) else default)


def _raw_weights(items: Any) -> list[tuple[str, Fraction]] | None:
    """(id, weight) of every entry, when every entry has a usable weight."""
    if not isinstance(items, list) or not items:
        return None
    out = []
    for n, item in enumerate(items, start=1):
        weight = item.get("weight") if isinstance(item, dict) else None
        if not isinstance(weight, Fraction) or weight <= 0:
            return None
        iid = item.get("id")
        out.append((iid if isinstance(iid, str) else f"entry {n}", weight))
    return out
