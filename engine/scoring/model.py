"""Checked actuals: one entity's values for a spec, as evaluation reads them."""

from __future__ import annotations

from dataclasses import field
from fractions import Fraction
from typing import Any

from ..base.errors import Pos
from ..base.records import record


@record(frozen=True)
class Override:
    """A score set by hand in the actuals, with its reason."""

    score: Fraction
    reason: str
    pos: Pos


@record(frozen=True)
class Published:
    """The published result an actuals file names (``published:``), for comparison
    only: it changes no score."""

    total: Fraction | None
    #: indicator id (a group too) -> the published score
    scores: dict[str, Fraction] = field(default_factory=dict)


@record(frozen=True)
class Actuals:
    """One entity's values for one period, with where each was read."""

    spec_id: str
    entity: str
    period: str
    inputs: dict[str, Fraction]
    values: dict[str, Any]
    not_applicable: dict[str, str]
    overrides: dict[str, Override]
    notes: dict[str, str]
    file: str
    sha256: str
    positions: dict[tuple[str, str], Pos] = field(default_factory=dict)
    #: ids scored 0 because their value (or an input) was missing
    missing: frozenset[str] = frozenset()
    published: Published | None = None
    #: the scores the entity awarded itself (自评得分), and its claimed total
    claimed: dict[str, Fraction] = field(default_factory=dict)
    claimed_total: Fraction | None = None
    #: what is wrong with the claims, said as notes where they are not read
    claim_notes: tuple[str, ...] = ()

    def pos(self, section: str, key: str) -> Pos | None:
        return self.positions.get((section, key))
