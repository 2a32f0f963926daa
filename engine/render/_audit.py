"""The lines under a scorecard's total that an auditor asks about first: what the
overrides changed, and how the result differs from a published one."""

from __future__ import annotations

from fractions import Fraction

from ..scoring.result import Scorecard
from . import _fmt as f


def signed(sc: Scorecard, x: Fraction) -> str:
    return ("+" if x > 0 else "") + f.score_text(sc, x)


def override_line(sc: Scorecard) -> str | None:
    """``+0.50 from 1 override; 85.79 by the rules alone`` (None without overrides)."""
    n = sum(r.status == "override" for r in sc.walk())
    if not n:
        return None
    what = f"{n} override" + ("s" if n > 1 else "")
    if sc.rules_total is None:
        return f"{what}, with no effect on the total"
    effect = signed(sc, sc.total - sc.rules_total)
    return f"{effect} from {what}; {f.score_text(sc, sc.rules_total)} by the rules alone"


def published_lines(sc: Scorecard) -> list[str]:
    """The published total and scores against this scorecard's, where they differ."""
    p = sc.published
    if p is None:
        return []
    out = []
    if p.total is not None:
        diff = sc.total - p.total
        how = "the same" if not diff else f"{signed(sc, diff)} against it"
        out.append(
            f"published total {f.score_text(sc, p.total)}: {f.score_text(sc, sc.total)} here, {how}"
        )
    for r in sc.walk():
        if r.id not in p.scores or r.score is None:
            continue
        diff = r.score - p.scores[r.id]
        how = "the same" if not diff else signed(sc, diff)
        out.append(
            f"  {r.indicator.name} ({r.id}): published {f.score_text(sc, p.scores[r.id])}, "
            f"here {f.score_text(sc, r.score)} ({how})"
        )
    return out


def audit_lines(sc: Scorecard) -> list[str]:
    line = override_line(sc)
    return ([line] if line else []) + published_lines(sc)
