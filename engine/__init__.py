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
    "set_language",
]

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import load_actuals, score, score_files, score_table
    from .base.i18n import set_language
    from .scoring.evaluate import evaluate
    from .spec.compile import load_spec


def __getattr__(name: str) -> Any:
    # keep `import engine` cheap: the CLI imports only what a command needs
    if name == "load_spec":
        from .spec.compile import load_spec

        return load_spec
    if name == "evaluate":
        from .scoring.evaluate import evaluate

        return evaluate
    if name == "set_language":  # messages and tables in zh (中文) or en
        from .base.i18n import set_language

        return set_language
    if name in ("score", "score_table", "load_actuals", "score_files"):
        from . import api

        return getattr(api, name)
    raise AttributeError(name)
