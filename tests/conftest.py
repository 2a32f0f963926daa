"""Shared test set-up: Hypothesis profiles and small helpers."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from engine.actuals import check_actuals
from engine.evaluate import evaluate
from engine.load import load_text
from engine.model import Spec
from engine.result import Scorecard
from engine.spec import compile_spec

ROOT = Path(__file__).resolve().parent.parent

# No wall-clock deadlines anywhere (shared, noisy machines); CI is derandomized.
settings.register_profile(
    "ci",
    deadline=None,
    max_examples=100,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev", deadline=None, max_examples=100, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


def spec_of(text: str, file: str = "spec.yaml") -> Spec:
    """Compile a spec from (dedented) YAML text."""
    return compile_spec(load_text(textwrap.dedent(text), file))


def score_of(spec: Spec, actuals: str, missing: str = "error", file: str = "a.yaml") -> Scorecard:
    doc = load_text(textwrap.dedent(actuals), file)
    return evaluate(spec, check_actuals(doc, spec, missing))


@pytest.fixture
def root() -> Path:
    return ROOT
