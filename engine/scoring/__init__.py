"""Scoring one entity: a compiled Spec and its actuals in, a traced Scorecard out.

actuals (checked against the spec) -> evaluate (pure, no printing) -> result.
"""
