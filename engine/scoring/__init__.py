"""Scoring one entity: a compiled Spec and its actuals in, a traced Scorecard out.

actuals (checked against the spec) -> evaluate (pure, no printing) -> result.
The actuals checks: actuals (the document), sections, values, missing; model
holds the checked Actuals. Evaluation's steps: group (then aggregate), leaf,
not_applicable, finish (clamp, round, then overrides) and total (with grade),
sharing one context.
"""
