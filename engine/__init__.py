"""scorecard: a rule-driven scoring engine with declarative indicator specs.

The pipeline, one module per stage::

    load (YAML -> data + positions) -> spec (schema + semantic checks, compile)
      -> actuals (checked against the spec) -> evaluate (Scorecard with trace)
      -> render (table, tree, JSON)
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "evaluate",
    "load_actuals",
    "load_spec",
    "score",
    "score_files",
    "score_table",
]

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import score, score_table
    from .scoring.actuals import load_actuals
    from .scoring.evaluate import evaluate
    from .spec.compile import load_spec


def __getattr__(name: str) -> Any:
    # keep `import engine` cheap: the CLI imports only what a command needs
    if name == "load_spec":
        from .spec.compile import load_spec

        return load_spec
    if name == "load_actuals":
        from .api import for_python
        from .scoring.actuals import load_actuals

        return for_python(load_actuals)
    if name == "evaluate":
        from .api import for_python
        from .scoring.evaluate import evaluate

        return for_python(evaluate)
    if name == "score_files":
        from .api import for_python
        from .scoring.api import score_files

        return for_python(score_files)
    if name in ("score", "score_table"):
        from . import api

        return getattr(api, name)
    raise AttributeError(name)
