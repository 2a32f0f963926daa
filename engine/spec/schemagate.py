"""A compiled yes/no test of a document against one of our JSON Schemas.

Most documents are valid, and importing jsonschema and building its validator
costs more than loading, checking and scoring a whole spec. So :mod:`engine.schema`
asks this gate first: a schema is compiled once into plain closures covering the
Draft-07 keywords our schemas use, and a document the gate passes needs nothing
else. A document it fails goes to jsonschema, which finds and words every error.

The gate is never more lenient than jsonschema: it implements each keyword as
jsonschema does (including the number rules of :mod:`engine.schema`), and a schema
that uses any keyword it does not know is not compiled at all (every document
then goes to jsonschema). Being stricter would only cost time, never a result.
The differential tests hold it to jsonschema on the shipped and broken specs and
on random documents.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any

Check = Callable[[Any], bool]

#: keywords that say nothing about validity
_ANNOTATIONS = frozenset(
    {"title", "description", "$schema", "$id", "$comment", "default", "examples", "definitions"}
)


#: the validation keywords the gate implements (a method ``_KEYWORD`` each)
_KEYWORDS = frozenset(
    {
        "type",
        "enum",
        "const",
        "oneOf",
        "anyOf",
        "properties",
        "required",
        "additionalProperties",
        "propertyNames",
        "minProperties",
        "maxProperties",
        "items",
        "minItems",
        "maxItems",
        "minLength",
        "pattern",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
    }
)


class Unsupported(Exception):
    """The schema uses a keyword the gate does not implement."""


def _is_number(x: Any) -> bool:
    return isinstance(x, Fraction | int | float) and not isinstance(x, bool)


def _is_integer(x: Any) -> bool:
    if isinstance(x, bool):
        return False
    if isinstance(x, Fraction):
        return x.denominator == 1
    return isinstance(x, int)


def _equals(value: Any) -> Check:
    """jsonschema's equality with one scalar: text with text, a number with a
    number of the same value (never true or false), and true, false and null
    only with themselves."""
    if isinstance(value, str):
        return lambda x: isinstance(x, str) and x == value
    if isinstance(value, bool) or value is None:
        return lambda x: x is value
    if _is_number(value):
        return lambda x: _is_number(x) and x == value
    raise Unsupported("a list or mapping in enum or const")


_TYPES: dict[str, Check] = {
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str),
    "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None,
    "number": _is_number,
    "integer": _is_integer,
}


#: the bounds: keyword -> (what it applies to, what it measures, the test)
_BOUNDS: dict[str, tuple[Check, Callable[[Any], Any], Callable[[Any, Any], bool]]] = {
    "minProperties": (_TYPES["object"], len, operator.ge),
    "maxProperties": (_TYPES["object"], len, operator.le),
    "minItems": (_TYPES["array"], len, operator.ge),
    "maxItems": (_TYPES["array"], len, operator.le),
    "minLength": (_TYPES["string"], len, operator.ge),
    "minimum": (_is_number, lambda x: x, operator.ge),
    "maximum": (_is_number, lambda x: x, operator.le),
    "exclusiveMinimum": (_is_number, lambda x: x, operator.gt),
    "exclusiveMaximum": (_is_number, lambda x: x, operator.lt),
}


def _bound(keyword: str, limit: Any) -> Check:
    """A bound holds for anything it does not apply to, as in jsonschema."""
    applies, measure, holds = _BOUNDS[keyword]
    return lambda x: not applies(x) or holds(measure(x), limit)


def compile_gate(root: dict[str, Any]) -> Check | None:
    """The gate for ``root``, or None when the schema uses a keyword it does not know."""
    try:
        return _Compiler(root).compile(root)
    except Unsupported:
        return None


class _Compiler:
    def __init__(self, root: dict[str, Any]):
        self.root = root
        self.refs: dict[str, Check] = {}

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return lambda x: True
        if schema is False:
            return lambda x: False
        if not isinstance(schema, dict):
            raise Unsupported("a schema that is not a mapping")
        if "$ref" in schema:
            # Draft 7: the keywords beside $ref are ignored
            return self._ref(schema["$ref"])
        checks: list[Check] = []
        for key, value in schema.items():
            if key in _ANNOTATIONS:
                continue
            if key not in _KEYWORDS:
                raise Unsupported(key)
            if key in ("additionalProperties", "required") and "properties" in schema:
                continue  # compiled with "properties"
            if key in _BOUNDS:
                checks.append(_bound(key, value))
            else:
                checks.append(getattr(self, "_" + key)(value, schema))
        if not checks:
            return lambda x: True
        if len(checks) == 1:
            return checks[0]
        return lambda x: all(c(x) for c in checks)

    def _ref(self, ref: Any) -> Check:
        if not isinstance(ref, str) or not ref.startswith("#/definitions/"):
            raise Unsupported("a $ref outside #/definitions")
        name = ref[len("#/definitions/") :]
        seen = {name}
        target = self.root.get("definitions", {}).get(name)
        while isinstance(target, dict) and isinstance(target.get("$ref"), str):
            nxt = target["$ref"][len("#/definitions/") :]
            if nxt in seen:  # a chain of $refs that comes back: nothing to check
                raise Unsupported(f"a $ref loop through {ref}")
            seen.add(nxt)
            target = self.root.get("definitions", {}).get(nxt)
        if name not in self.refs:
            target = self.root.get("definitions", {}).get(name)
            if target is None:
                raise Unsupported(f"an unknown $ref {ref}")
            self.refs[name] = lambda x: False  # replaced below; recursion finds the slot
            self.refs[name] = self.compile(target)
        refs = self.refs
        return lambda x: refs[name](x)

    # -- any type -----------------------------------------------------------------

    def _type(self, value: Any, schema: dict[str, Any]) -> Check:
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not all(n in _TYPES for n in names):
            raise Unsupported("type")
        tests = [_TYPES[n] for n in names]
        if len(tests) == 1:
            return tests[0]
        return lambda x: any(t(x) for t in tests)

    def _enum(self, value: Any, schema: dict[str, Any]) -> Check:
        if not isinstance(value, list):
            raise Unsupported("enum")
        options = [_equals(v) for v in value]
        texts = frozenset(v for v in value if isinstance(v, str))
        if len(texts) == len(value):  # the usual case: a set lookup
            return lambda x: isinstance(x, str) and x in texts
        return lambda x: any(o(x) for o in options)

    def _const(self, value: Any, schema: dict[str, Any]) -> Check:
        return _equals(value)

    def _oneOf(self, value: Any, schema: dict[str, Any]) -> Check:
        options = [self.compile(s) for s in value]
        return lambda x: sum(1 for o in options if o(x)) == 1

    def _anyOf(self, value: Any, schema: dict[str, Any]) -> Check:
        options = [self.compile(s) for s in value]
        return lambda x: any(o(x) for o in options)

    # -- objects ------------------------------------------------------------------

    def _properties(self, value: Any, schema: dict[str, Any]) -> Check:
        props = {k: self.compile(s) for k, s in value.items()}
        required = tuple(schema.get("required", ()))
        extra = schema.get("additionalProperties", True)
        extra_check = None if extra is True else self.compile(extra)

        def check(x: Any) -> bool:
            if not isinstance(x, dict):
                return True
            for r in required:
                if r not in x:
                    return False
            for k, v in x.items():
                sub = props.get(k)
                if sub is not None:
                    if not sub(v):
                        return False
                elif extra_check is not None and not extra_check(v):
                    return False
            return True

        return check

    def _required(self, value: Any, schema: dict[str, Any]) -> Check:
        names = tuple(value)
        return lambda x: not isinstance(x, dict) or all(n in x for n in names)

    def _additionalProperties(self, value: Any, schema: dict[str, Any]) -> Check:
        sub = self.compile(value)  # no "properties" beside it: every key is additional
        return lambda x: not isinstance(x, dict) or all(sub(v) for v in x.values())

    def _propertyNames(self, value: Any, schema: dict[str, Any]) -> Check:
        sub = self.compile(value)
        return lambda x: not isinstance(x, dict) or all(sub(k) for k in x)

    # -- arrays -------------------------------------------------------------------

    def _items(self, value: Any, schema: dict[str, Any]) -> Check:
        if isinstance(value, list):
            raise Unsupported("items as a list (tuple validation)")
        sub = self.compile(value)
        return lambda x: not isinstance(x, list) or all(sub(v) for v in x)

    # -- text ---------------------------------------------------------------------

    def _pattern(self, value: Any, schema: dict[str, Any]) -> Check:
        search = re.compile(value).search
        return lambda x: not isinstance(x, str) or search(x) is not None
