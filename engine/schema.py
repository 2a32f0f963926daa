"""JSON Schema checks with located, readable messages.

Schemas ship in ``schemas/`` (installed as ``engine.schemas``). Numbers in our
data are Fraction, so the validator's type checker is taught that a Fraction is
a number (and an integer when whole) and that bool is neither.
"""

from __future__ import annotations

import json
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

from .errors import did_you_mean
from .problems import Problems

SCHEMA_NAMES = ("spec", "actuals", "scorecard")


@cache
def schema_text(name: str) -> str:
    """The schema's JSON text: from the installed package (``engine/schemas``), or
    from the checkout's ``schemas/`` when running from source."""
    here = Path(__file__).resolve().parent
    for folder in (here / "schemas", here.parent / "schemas"):
        candidate = folder / f"{name}.schema.json"
        if candidate.is_file():
            return candidate.read_text("utf-8")
    raise FileNotFoundError(f"schema {name}.schema.json is not installed")  # pragma: no cover


@cache
def schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(schema_text(name))
    return data


@cache
def _validator(name: str) -> Any:
    import jsonschema
    from jsonschema import Draft7Validator

    def is_number(checker: Any, x: Any) -> bool:
        return isinstance(x, Fraction | int | float) and not isinstance(x, bool)

    def is_integer(checker: Any, x: Any) -> bool:
        if isinstance(x, bool):
            return False
        if isinstance(x, Fraction):
            return x.denominator == 1
        return isinstance(x, int)

    checker = Draft7Validator.TYPE_CHECKER.redefine_many(
        {"number": is_number, "integer": is_integer}
    )
    cls = jsonschema.validators.extend(Draft7Validator, type_checker=checker)
    return cls(schema(name))


_TYPE_WORDS = {
    "number": "a number",
    "integer": "a whole number",
    "string": "text",
    "object": "a mapping (key: value)",
    "array": "a list",
    "boolean": "true or false",
    "null": "nothing",
}


def describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing (empty)"
    if isinstance(value, Fraction):
        from .numbers import format_value

        return f"the number {format_value(value)}"
    if isinstance(value, str):
        return f"the text '{value}'" if len(value) < 40 else "a text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _expected(types: Any) -> str:
    if isinstance(types, str):
        types = [types]
    return " or ".join(_TYPE_WORDS.get(t, t) for t in types)


def check(name: str, data: Any, problems: Problems) -> None:
    """Add every schema error of ``data`` against schema ``name`` to ``problems``."""
    for err in _validator(name).iter_errors(data):
        _report(err, problems)


def _where(err: Any) -> str:
    path = list(err.absolute_path)
    return str(path[-1]) if path else "the document"


def _report(err: Any, problems: Problems) -> None:
    path = tuple(err.absolute_path)
    v = err.validator
    sch = err.schema if isinstance(err.schema, dict) else {}
    key = _where(err)
    if v == "additionalProperties":
        allowed = sorted(sch.get("properties", {}))
        extras = [k for k in err.instance if k not in sch.get("properties", {})]
        for extra in extras:
            hint = did_you_mean(str(extra), allowed)
            problems.add((*path, extra), f"unknown key '{extra}'{hint}; valid keys here: "
                         f"{', '.join(allowed)}", at_key=True)
        return
    if v == "required":
        missing = err.validator_value
        instance = err.instance if isinstance(err.instance, dict) else {}
        for m in missing:
            if m not in instance:
                title = schema_title(sch, m)
                problems.add(path, f"missing required key '{m}'{title}")
        return
    if v == "type":
        problems.add(path, f"'{key}' must be {_expected(err.validator_value)}, not "
                     f"{describe(err.instance)}")
        return
    if v == "enum":
        choices = ", ".join(str(c) for c in err.validator_value)
        hint = did_you_mean(str(err.instance), [str(c) for c in err.validator_value])
        problems.add(path, f"'{key}' cannot be {describe(err.instance)}{hint}; valid: {choices}")
        return
    if v == "const":
        problems.add(path, f"'{key}' must be {err.validator_value}, not {describe(err.instance)}")
        return
    if v == "pattern":
        problems.add(path, f"'{key}' {describe(err.instance)} is not valid here; "
                     + _pattern_help(err.validator_value))
        return
    if v == "propertyNames":
        problems.add(path, f"name {describe(err.instance)} is not valid; "
                     + _pattern_help(sch.get("propertyNames", {}).get("pattern", "")))
        return
    if v in ("exclusiveMinimum", "minimum", "maximum", "exclusiveMaximum"):
        words = {"exclusiveMinimum": "greater than", "minimum": "at least",
                 "maximum": "at most", "exclusiveMaximum": "less than"}[v]
        problems.add(path, f"'{key}' must be {words} {err.validator_value}, not "
                     f"{describe(err.instance)}")
        return
    if v in ("minItems", "minProperties"):
        problems.add(path, f"'{key}' must not be empty")
        return
    if v in ("maxItems", "maxProperties"):
        what = "name one method, e.g. {deduct: {per: 0.5}}" if key == "method" else \
            f"at most {err.validator_value} entries"
        problems.add(path, f"'{key}' has too many entries; {what}")
        return
    if v == "minLength":
        problems.add(path, f"'{key}' must not be empty")
        return
    if v in ("oneOf", "anyOf"):
        problems.add(path, f"'{key}' cannot be {describe(err.instance)}; "
                     + _one_of_help(key, sch))
        return
    problems.add(path, f"'{key}': {err.message}")  # pragma: no cover - other keywords


def schema_title(sch: dict[str, Any], key: str) -> str:
    title = sch.get("properties", {}).get(key, {}).get("title")
    return f" ({title})" if title else ""


def _pattern_help(pattern: str) -> str:
    if pattern.startswith("^[A-Za-z_]"):
        return "use letters, digits and _, not starting with a digit (e.g. budget_rate)"
    if pattern.startswith("^[A-Za-z0-9]"):
        return "use letters, digits, '-', '_' and '.' (e.g. gz-dept-2021)"
    return f"it must match {pattern}"  # pragma: no cover


def _one_of_help(key: str, sch: dict[str, Any]) -> str:
    options = []
    for alt in sch.get("oneOf", sch.get("anyOf", [])):
        if "enum" in alt:
            options.append(", ".join(alt["enum"]))
        elif alt.get("type") == "object" and alt.get("required"):
            options.append("{" + ", ".join(f"{r}: ..." for r in alt["required"]) + "}")
        elif alt.get("type"):
            options.append(_expected(alt["type"]))
    return "valid: " + "; or ".join(options)
