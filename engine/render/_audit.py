"""The lines under a scorecard's total that an auditor asks about first: what the
overrides changed, and how the result differs from a published one."""

from __future__ import annotations

from fractions import Fraction

from ..base.i18n import _, ngettext
from ..scoring.result import Scorecard
from . import _fmt as f


def signed(sc: Scorecard, x: Fraction) -> str:
    return ("+" if x > 0 else "") + f.score_text(sc, x)


def override_line(sc: Scorecard) -> str | None:
    """``+0.50 from 1 override; 85.79 by the rules alone`` (None without overrides)."""
    n = sum(r.status == "override" for r in sc.walk())
    if not n:
        return None
    if sc.rules_total is None:
        return ngettext(
            "{n} override, with no effect on the total",
            "{n} overrides, with no effect on the total",
            n,
        ).format(n=n)
    return ngettext(
        "{effect} from {n} override; {total} by the rules alone",
        "{effect} from {n} overrides; {total} by the rules alone",
        n,
    ).format(
        effect=signed(sc, sc.total - sc.rules_total),
        n=n,
        total=f.total_text(sc, sc.rules_total),
    )


def published_lines(sc: Scorecard) -> list[str]:
    """The published total and scores against this scorecard's, where they differ."""
    p = sc.published
    if p is None:
        return []
    out = []
    if p.total is not None:
        diff = sc.total - p.total
        how = _("the same") if not diff else _("{diff} against it").format(diff=signed(sc, diff))
        out.append(
            _("published total {published}: {total} here, {how}").format(
                published=f.total_text(sc, p.total), total=f.total_text(sc, sc.total), how=how
            )
        )
    for r in sc.walk():
        if r.id not in p.scores or r.score is None:
            continue
        diff = r.score - p.scores[r.id]
        how = _("the same") if not diff else signed(sc, diff)
        line = _("{name} ({id}): published {published}, here {score} ({how})").format(
            name=r.indicator.name,
            id=r.id,
            published=f.score_text(sc, p.scores[r.id]),
            score=f.score_text(sc, r.score),
            how=how,
        )
        out.append("  " + line)
    return out


def audit_lines(sc: Scorecard) -> list[str]:
    line = override_line(sc)
    return ([line] if line else []) + published_lines(sc)
