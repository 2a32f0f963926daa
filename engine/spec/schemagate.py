"""A yes/no test of a document against one of our JSON Schemas, by fastjsonschema.

Most documents are valid, and importing jsonschema and building its validator
costs more than loading, checking and scoring a whole spec. So :mod:`engine.spec.schema`
asks this gate first; a document the gate passes needs nothing else, and one it
fails goes to jsonschema, which finds and words every error.

The gate of each shipped schema is fastjsonschema's validator, generated ahead of
time into ``schemas/gates/NAME.py`` beside the schemas (installed with them as
``engine/schemas/gates``; generating it at start-up would cost more than it
saves). It is generated code, loaded from its file, not a module of the engine.
``UPDATE_GOLDEN=1 python -m pytest tests/test_schemagate.py`` regenerates them
after a schema changes, and a test fails while one is out of date.

The gate is never more lenient than jsonschema with our number rules (a Fraction
is a number, and an integer when whole; true and false are neither): numbers are
handed to the generated code as int (whole) or as the exact Decimal, and any value
it might judge otherwise (a float, a Fraction with no exact decimal, a key that is
not text) makes the gate answer no, as does any error inside the generated code.
Answering no is only slower, never wrong: jsonschema then decides. The
differential tests hold the gate to jsonschema on the shipped and broken specs and
on random documents.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

Check = Callable[[Any], bool]

#: keywords that say nothing about validity (dropped before generating code)
_ANNOTATIONS = frozenset(
    {"title", "description", "$id", "$comment", "default", "examples"}
    # editor-only keywords (completion snippets, rich hover text): no effect on validity
    | {"defaultSnippets", "markdownDescription", "enumDescriptions", "markdownEnumDescriptions"}
)
#: keywords whose value maps names (not keywords) to schemas
_NAMED = frozenset({"properties", "definitions", "patternProperties", "dependencies"})
#: keywords whose value is data, not a schema
_DATA = frozenset({"enum", "const", "required", "type", "pattern", "format"})


class _Refused(Exception):
    """A value the generated code could judge otherwise than jsonschema does."""


def _decimal(x: Fraction) -> Decimal:
    """``x`` as the exact Decimal, when its denominator is a product of 2s and 5s."""
    d, twos, fives = x.denominator, 0, 0
    while d % 2 == 0:
        d, twos = d // 2, twos + 1
    while d % 5 == 0:
        d, fives = d // 5, fives + 1
    if d != 1:
        raise _Refused(x)
    places = max(twos, fives)
    return Decimal(f"{x.numerator * 10**places // x.denominator}E-{places}")


def _plain(x: Any) -> Any:
    """A copy of ``x`` in the types the generated code knows (see the module's note)."""
    if x is None or isinstance(x, str | bool):
        return x
    if isinstance(x, Fraction):
        return x.numerator if x.denominator == 1 else _decimal(x)
    if isinstance(x, int):
        return x
    if isinstance(x, dict):
        if not all(isinstance(k, str) for k in x):
            raise _Refused("a key that is not text")
        return {k: _plain(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_plain(v) for v in x]
    raise _Refused(type(x).__name__)  # a float, a tuple, anything YAML does not give


def gate_of(validate: Callable[[Any], Any]) -> Check:
    """The yes/no gate around a fastjsonschema validator."""

    def gate(data: Any) -> bool:
        try:
            validate(_plain(data))
        except Exception:  # invalid, refused, or too deep: jsonschema decides
            return False
        return True

    return gate


def gate_file(name: str) -> Path:
    """The generated validator of schema ``name``: installed (``engine/schemas/gates``)
    or in the checkout (``schemas/gates``)."""
    engine = Path(__file__).resolve().parent.parent
    for folder in (engine / "schemas" / "gates", engine.parent / "schemas" / "gates"):
        candidate = folder / f"{name}.py"
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"gates/{name}.py is not installed")  # pragma: no cover


def shipped_gate(name: str) -> Check:
    """The gate of the shipped schema ``name``, from its generated file (loaded as
    Python loads a module, compiled bytecode cached)."""
    spec = importlib.util.spec_from_file_location(f"engine.schemas.gates.{name}", gate_file(name))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return gate_of(module.validate)


def compile_gate(schema: Any) -> Check:
    """A gate for any schema, generated now (slower: for schemas that do not ship)."""
    import fastjsonschema

    return gate_of(fastjsonschema.compile(_bare(schema), use_default=False))


def _bare(schema: Any) -> Any:
    """``schema`` without annotations (smaller code, the same verdicts)."""
    if isinstance(schema, list):
        return [_bare(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _ANNOTATIONS:
            continue
        if key in _NAMED and isinstance(value, dict):
            out[key] = {k: _bare(v) for k, v in value.items()}
        elif key in _DATA:
            out[key] = value
        else:
            out[key] = _bare(value)
    return out


#: the generated code's one import of fastjsonschema, replaced by the exception it
#: raises: importing fastjsonschema loads its code generator (about 15 ms at start-up)
_IMPORT = "from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException\n"
_EXCEPTION = """

class JsonSchemaValueException(ValueError):
    \"\"\"What the validator raises (fastjsonschema's, without importing it).\"\"\"

    def __init__(self, message, value=None, name=None, definition=None, rule=None):
        super().__init__(message)


JsonSchemaValuesException = JsonSchemaValueException
"""


def generated_code(name: str, schema_text: str) -> str:
    """The text of ``schemas/gates/NAME.py`` for a schema's JSON text."""
    import hashlib
    import json

    import fastjsonschema

    code = fastjsonschema.compile_to_code(_bare(json.loads(schema_text)), use_default=False)
    if code.count(_IMPORT) != 1:  # pragma: no cover - a fastjsonschema that differs
        raise RuntimeError("fastjsonschema's generated code no longer imports as expected")
    code = code.replace(_IMPORT, _EXCEPTION)
    digest = hashlib.sha256(schema_text.encode("utf-8")).hexdigest()
    return (
        f"# Generated from schemas/{name}.schema.json by fastjsonschema "
        f"{fastjsonschema.VERSION}: do not edit.\n"
        "# Regenerate: UPDATE_GOLDEN=1 python -m pytest tests/test_schemagate.py\n"
        f"# schema sha256: {digest}\n"
        "# mypy: ignore-errors\n"
        "# ruff: noqa\n" + code
    )
