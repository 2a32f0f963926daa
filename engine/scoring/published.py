"""``published:`` in an actuals file: the result a report published (its total and
any indicator's or group's score), kept to show where the rules' result differs."""

from __future__ import annotations

from fractions import Fraction

from ..base.errors import did_you_mean
from ..base.i18n import _
from .model import Published
from .sections import ActualsCheck


def check_published(c: ActualsCheck) -> Published | None:
    """The published total and scores, their ids known to the spec."""
    section = c.section("published")
    if not section:
        return None
    scores: dict[str, Fraction] = {}
    raw = section.get("scores")
    for key, score in (raw if isinstance(raw, dict) else {}).items():
        if key not in c.everything:
            c.p.add(
                ("published", "scores", key),
                _(
                    "published.scores: unknown indicator id '{key}'{hint}; give the spec's "
                    "indicators or groups"
                ).format(key=key, hint=did_you_mean(key, c.everything)),
                at_key=True,
            )
        elif isinstance(score, Fraction):
            scores[key] = score
    total = section.get("total")
    return Published(total if isinstance(total, Fraction) else None, scores)
