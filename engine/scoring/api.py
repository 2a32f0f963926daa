"""Convenience entry points for Python users."""

from __future__ import annotations

from pathlib import Path

from ..spec.compile import load_spec
from .actuals import load_actuals
from .evaluate import evaluate
from .model import Actuals
from .result import Scorecard


def score_files(
    spec_path: str | Path, actuals_path: str | Path, missing: str = "error"
) -> Scorecard:
    """Load a spec and actuals from files and score them; what is wrong with the
    claimed scores, which only a review reads, is a warning
    (:class:`~engine.base.errors.ScorecardWarning`)."""
    spec = load_spec(spec_path)
    actuals = load_actuals(actuals_path, spec, missing, claims="note")
    warn_claims(actuals)
    return evaluate(spec, actuals)


def warn_claims(actuals: Actuals) -> None:
    """The claims' problems of actuals read for scoring, as warnings."""
    import warnings

    from ..base.errors import ScorecardWarning

    for note in actuals.claim_notes:
        warnings.warn(note, ScorecardWarning, stacklevel=3)
