"""The JSON rendering of a scorecard (schemas/scorecard.schema.json).

Numbers are strings holding exact decimals, so nothing is lost to float; a value
that does not terminate is truncated to 28 decimals and ends with ``…``.
Key order is fixed by this module, so identical inputs give identical bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from .. import __version__
from ..base.errors import Pos
from ..base.numbers import format_value
from ..base.text import json_text
from ..base.trace import Step
from ..scoring.result import Result, Scorecard
from ._fmt import json_number, score_text, total_text

FORMAT_VERSION = 1


def _pos(p: Pos | None) -> str | None:
    return str(p) if p is not None else None


def _step(s: Step) -> dict[str, Any]:
    return {
        "kind": s.kind,
        "label": s.label,
        "formula": s.formula,
        "lines": list(s.lines),
        "value": json_number(s.value),
        "at": _pos(s.pos),
        "rows": [
            {
                "label": r.label,
                "condition": r.condition,
                "outcome": r.outcome,
                "matched": r.matched,
            }
            for r in s.rows
        ],
    }


def _actual(a: Any) -> Any:
    if isinstance(a, dict):
        return {k: _chosen(v) if k == "score" else json_number(v) for k, v in a.items()}
    return json_number(a)


def _chosen(v: Any) -> Any:
    """A chosen score: points, or a share of the weight (``85%``), its number
    written as every decimal in the scorecard is (``85.0%`` as ``85%``)."""
    from ..spec.methods import percent

    share = percent(v)
    if share is None:
        return json_number(v)
    return f"{format_value(share * 100, max_places=28)}%"


def _result(r: Result, score: Callable[[Fraction | None], str | None]) -> dict[str, Any]:
    ind = r.indicator
    out: dict[str, Any] = {
        "id": ind.id,
        "name": ind.name,
        "kind": "group" if ind.is_group else "leaf",
        "weight": json_number(ind.weight),
        "effective_weight": json_number(r.weight),
        "full_marks": json_number(r.full),
        "unit": ind.unit,
        "direction": ind.direction,
        "target": json_number(ind.target),
        "target_label": ind.target_label or None,
        "actual": _actual(r.actual),
        "actual_at": _pos(r.actual_at),
        "method": ind.method.name if ind.method is not None else None,
        "aggregate": ind.aggregate.kind if ind.is_group else None,
        "status": r.status,
        "score": score(r.score),
        "rule_score": score(r.rule_score),
        "capped": r.capped,
        "band": r.band,
        "reason": r.reason,
        "note": r.note,
        "assumed": ind.assumed,
        "at": _pos(ind.pos),
        "trace": [_step(s) for s in r.steps],
        "children": [_result(c, score) for c in r.children],
    }
    return out


def _published(
    sc: Scorecard, score: Callable[[Fraction | None], str | None]
) -> dict[str, Any] | None:
    """The published result against this one: the total and each published score."""
    p = sc.published
    if p is None:
        return None
    scores = [
        {
            "id": r.id,
            "published": json_number(p.scores[r.id]),
            "score": score(r.score),
            "difference": None if r.score is None else score(r.score - p.scores[r.id]),
        }
        for r in sc.walk()
        if r.id in p.scores
    ]
    return {
        "total": json_number(p.total),
        "difference": None if p.total is None else score(sc.total - p.total),
        "scores": scores,
    }


def to_dict(sc: Scorecard) -> dict[str, Any]:
    spec = sc.spec

    def score(x: Fraction | None) -> str | None:
        """Scores as shown: with the spec's decimal places when rounded, else exact to
        28 decimals (the precision of every other number in the document)."""
        return None if x is None else score_text(sc, x, max_places=28)

    doc: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "stamp": {
            "engine": "scorecard",
            "engine_version": __version__,
            "spec_file": spec.file,
            "spec_sha256": spec.sha256,
            "spec_changes": list(spec.changes),
            "actuals_file": sc.actuals_file,
            "actuals_sha256": sc.actuals_sha256,
            **({"actuals_pick": dict(sc.actuals_pick)} if sc.actuals_pick else {}),
            **(
                {"spec_sources": [{"file": f, "sha256": h} for f, h in spec.sources]}
                if spec.sources
                else {}
            ),
        },
        "spec": {
            "id": spec.id,
            "title": spec.title,
            "version": spec.version,
            "source": spec.source,
            "description": spec.description,
            "total": json_number(spec.total),
            "rounding": {
                "places": spec.rounding.places,
                "mode": spec.rounding.mode,
                "apply": spec.rounding.apply,
            },
            "not_applicable": spec.not_applicable,
        },
        "entity": sc.entity,
        "period": sc.period,
        "total": None if sc.total is None else total_text(sc, sc.total),
        "full_marks": json_number(sc.full_marks),
        "grade": sc.grade,
        "rules_total": score(sc.rules_total),
        "published": _published(sc, score),
        "total_trace": [_step(s) for s in sc.steps],
        "indicators": [_result(r, score) for r in sc.results],
    }
    doc["stamp"]["result_sha256"] = result_sha256(doc)
    return doc


def result_sha256(doc: dict[str, Any]) -> str:
    """The sha256 of the result itself: every key but the stamp, serialised canonically
    (sorted keys, no spaces, UTF-8), so an edit of any score, total or trace shows."""
    rest = {k: v for k, v in doc.items() if k != "stamp"}
    text = json_text(rest, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stamp_lines(sc: Scorecard, result: bool = True) -> list[tuple[str, str]]:
    """The full stamp as (key, value) lines, for the renderings other than JSON;
    ``result=False`` leaves out the result's hash (for a view of one indicator)."""
    s = to_dict(sc)["stamp"]
    out = [
        ("engine", f"{s['engine']} {s['engine_version']}"),
        ("spec_file", s["spec_file"]),
        ("spec_sha256", s["spec_sha256"]),
    ]
    if s["spec_changes"]:
        out.append(("spec_changes", "; ".join(s["spec_changes"])))
    out += [(k, s[k]) for k in ("actuals_file", "actuals_sha256")]
    if "actuals_pick" in s:  # the row of a table: row 3; entity 增江街道; sheet 汇总
        out.append(
            ("actuals_pick", "; ".join(f"{k} {_said(v)}" for k, v in s["actuals_pick"].items()))
        )
    return [*out, ("result_sha256", s["result_sha256"])] if result else out


def _said(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def render(sc: Scorecard) -> str:
    return json_text(to_dict(sc), indent=2) + "\n"
