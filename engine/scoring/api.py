"""Convenience entry points for Python users."""

from __future__ import annotations

from pathlib import Path

from ..spec.compile import load_spec
from .actuals import load_actuals
from .evaluate import evaluate
from .result import Scorecard


def score_files(
    spec_path: str | Path, actuals_path: str | Path, missing: str = "error"
) -> Scorecard:
    """Load a spec and actuals from files and score them."""
    spec = load_spec(spec_path)
    return evaluate(spec, load_actuals(actuals_path, spec, missing))
