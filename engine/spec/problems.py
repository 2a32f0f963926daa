"""Collecting located problems while checking a document."""

from __future__ import annotations

from ..base.errors import FormulaError, Pos, ScorecardError, SpecError
from .load import Document, JsonPath


class Problems:
    """Errors found in one document; each is located by its JSON path."""

    def __init__(self, doc: Document, kind: type[ScorecardError] = SpecError):
        self.doc = doc
        self.kind = kind
        self.errors: list[ScorecardError] = []

    def add(self, path: JsonPath, message: str, *, at_key: bool = False) -> None:
        pos = self.doc.key_pos(path) if at_key else self.doc.pos(path)
        self.errors.append(self.kind(message, pos, path))

    def formula(self, path: JsonPath, err: FormulaError, what: str = "formula") -> None:
        pos = self.doc.text_pos(path, err.offset)
        self.errors.append(self.kind(f"{what}: {err.message}", pos, path))

    def pos(self, path: JsonPath) -> Pos:
        return self.doc.pos(path)
