"""JSON Schema checks with located, readable messages.

Schemas ship in ``schemas/`` (installed as ``engine.schemas``). Numbers in our
data are Fraction, so the validator's type checker is taught that a Fraction is
a number (and an integer when whole) and that bool is neither.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

from ..base.errors import did_you_mean
from ..base.i18n import N_, _, option
from ..base.numbers import ascii_digits, unit_typed
from ..base.text import fill, joined
from .load import JsonPath
from .problems import Problems

SCHEMA_NAMES = ("spec", "actuals", "scorecard", "tests")


@cache
def schema_text(name: str) -> str:
    """The schema's JSON text: from the installed package (``engine/schemas``), or
    from the checkout's ``schemas/`` when running from source."""
    engine = Path(__file__).resolve().parent.parent
    for folder in (engine / "schemas", engine.parent / "schemas"):
        candidate = folder / f"{name}.schema.json"
        if candidate.is_file():
            return candidate.read_text("utf-8")
    raise FileNotFoundError(f"schema {name}.schema.json is not installed")  # pragma: no cover


@cache
def schema(name: str) -> dict[str, Any]:
    import json

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
    cls = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
        Draft7Validator, type_checker=checker
    )
    return cls(schema(name))


_TYPE_WORDS = {
    "number": N_("a number"),
    "integer": N_("a whole number"),
    "string": N_("text"),
    "object": N_("a mapping (key: value)"),
    "array": N_("a list"),
    "boolean": N_("true or false"),
    "null": N_("nothing"),
}


def describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return _("nothing (empty)")
    if isinstance(value, Fraction):
        from ..base.numbers import format_value

        return _("the number {value}").format(value=format_value(value))
    if isinstance(value, str):
        return _("the text '{value}'").format(value=value) if len(value) < 40 else _("a text")
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list of {value}").format(value=len(value))
    return type(value).__name__


#: keys whose number is a share (0 to 1), so that 80% is written 0.8
SHARE_KEYS = ("'fraction'", "'partial'", "'cap'")


def number_hint(value: Any, key: str = "") -> str:
    """How to write a number that was written as text, when that is clear."""
    if not isinstance(value, str):
        return ""
    t = value.strip()
    from ..base.numbers import format_value, looks_numeric, parse_number

    if looks_numeric(t):
        from ..base.numbers import NumberError

        try:
            parse_number(t)
        except NumberError as e:  # 1e400: without quotes it is still no number to take
            return _("; {problem}").format(problem=e)
        return _("; write {t} without quotes").format(t=t)
    if t.endswith(("%", "％")) and looks_numeric(t[:-1]) and key in SHARE_KEYS:
        share = format_value(parse_number(t[:-1]) / 100)
        return _("; write {share} (a share of the weight: {t} is {share})").format(share=share, t=t)
    if t.endswith(("%", "％")) and looks_numeric(t[:-1]):
        return _("; write {t} (the % belongs in the unit, not the value)").format(t=t[:-1])
    import unicodedata

    plain = unicodedata.normalize("NFKC", t).replace("_", "")  # １，９８２．５ or 1_000
    if "," in plain and looks_numeric(plain.replace(",", "")):
        from ..base.numbers import NumberError, ungrouped

        try:
            plain = ungrouped(plain, t)
        except NumberError as e:  # 1,4 is no thousands: a decimal comma, or a slip
            if plain.count(",") == 1 and "." not in plain:
                return _("; a comma is not a decimal point: write {dot} if that was meant").format(
                    dot=plain.replace(",", ".")
                )
            return _("; {problem}").format(problem=e)
        if plain.replace(",", "") == t.replace(",", ""):
            return _("; write {replace} (no thousands separators here)").format(replace=plain)
    if plain != t and looks_numeric(plain):
        return _("; write {plain} (ASCII digits, no separators)").format(plain=plain)
    if plain.count("。") == 1 and looks_numeric(plain.replace("。", ".")):  # 87。4
        return _("; a full stop 。 is not a decimal point: write {dot} if that was meant").format(
            dot=plain.replace("。", ".")
        )
    from ..base.numbers import ungrouped, unit_typed

    typed = unit_typed(plain)  # 60分, 40 分, 3次, 1,200次: the number alone is meant
    if typed is not None and not typed[2]:  # (1000万 is not 1000)
        return _("; write {number} (the number alone, without '{unit}')").format(
            number=ungrouped(typed[0], typed[0]), unit=typed[1]
        )
    return ""


def _expected(types: Any) -> str:
    if isinstance(types, str):
        types = [types]
    return joined([_(_TYPE_WORDS[t]) if t in _TYPE_WORDS else t for t in types], _("or"))


@cache
def _gate(name: str) -> Any:
    from .schemagate import shipped_gate

    return shipped_gate(name)


def check(name: str, data: Any, problems: Problems) -> None:
    """Add every schema error of ``data`` against schema ``name`` to ``problems``.
    A document the gate (:mod:`engine.spec.schemagate`) passes has none; any other
    goes to jsonschema, which finds and words each error."""
    if _gate(name)(data):
        return
    for err in _validator(name).iter_errors(data):
        _report(err, problems, name)


def _misnamed_method(err: Any, problems: Problems) -> bool:
    """A method written ``{bans: [...]}``, no method's name, whose value the schema
    takes for a method of the spec's own with its params (a mapping): told as an
    unknown method at its name, as ``method: bans`` is, not as params that must be
    a mapping."""
    from .methods import BUILTINS

    path = tuple(err.absolute_path)
    if len(path) < 2 or path[-2] != "method" or err.validator != "type":
        return False
    data = problems.doc.data
    methods = data.get("methods") if isinstance(data, dict) else None
    custom = frozenset(methods) if isinstance(methods, dict) else frozenset()
    name = str(path[-1])
    if name in BUILTINS or name in custom:
        return False
    known = [*BUILTINS, *sorted(custom)]
    problems.add(
        path,
        _("unknown method '{name}'{hint}; methods: {list}").format(
            name=name, hint=did_you_mean(name, known), list=_(", ").join(known)
        ),
        at_key=True,
    )
    return True


def _where(err: Any) -> str:
    path = list(err.absolute_path)
    if not path:
        return _("the document")
    if isinstance(path[-1], int):
        if len(path) > 1:
            return _("entry {n} of '{parent}'").format(n=path[-1] + 1, parent=path[-2])
        return _("entry {n}").format(n=path[-1] + 1)
    return f"'{path[-1]}'"


#: what to write for a missing required key
REQUIRED_HINTS = {
    "spec": "spec: 1",
    "id": "id: my-indicator",
    "total": "total: 100",
    "indicators": "indicators: [...]",
    "name": "name: 指标名称",
    "weight": "weight: 10",
    "formula": "formula: weight * actual / target",
    "grade": "grade: 优",
    "min": "min: 90",
    "score": "score: 3.5",
    "reason": "reason: 评审组复核意见",
}


def _report(err: Any, problems: Problems, schema_name: str = "spec") -> None:
    """Add jsonschema's ``err`` to ``problems``, worded for the reader, at its path."""
    path = tuple(err.absolute_path)
    if schema_name == "spec" and _misnamed_method(err, problems):
        pass  # told as an unknown method, at its name
    elif err.validator == "additionalProperties":
        _unknown_keys(err, problems, path, schema_name)
    elif err.validator == "required" and "then" in err.schema_path:
        _needs_target(err.instance, problems, path)
    elif err.validator == "required":
        _missing_keys(err, problems, path, schema_name)
    elif err.instance == "" and err.validator in ("oneOf", "anyOf", "type"):
        problems.add(path, _empty_text(err, _where(err)))
    elif err.instance is None and schema_name == "actuals" and path[:1] == ("values",):
        problems.add(path, _empty_value(_where(err), problems.doc.medium == "yaml"))
    elif err.validator in ("anyOf", "oneOf") and _alternative(err, problems, schema_name):
        pass  # said in the words of the alternative the value was meant for
    else:
        problems.add(path, _MESSAGES.get(err.validator, _other)(err, _where(err)))


def _needs_target(indicator: dict[str, Any], problems: Problems, path: JsonPath) -> None:
    """A leaf whose method compares with a target (the indicator schema's ``if``/``then``),
    unless the target is there misspelt (the unknown key's message says so)."""
    if did_you_mean("target", [str(k) for k in indicator]):
        return
    method = indicator["method"]
    name = method if isinstance(method, str) else next(iter(method))
    problems.add(path, _("method '{method}' needs a 'target' on the indicator").format(method=name))


def _empty_value(key: str, written: bool) -> str:
    """A value given as nothing (``trips:`` with nothing after the colon, or None):
    what to write instead, or how to have it missing or not applicable."""
    said = (
        _(
            "{key} is empty (nothing after the colon); write its value, or list it under "
            "not_applicable; to score it 0, leave it out and use {option}"
        )
        if written
        else _(
            "{key} is None; give its value, or list it under not_applicable; to score it 0, "
            "leave it out and use {option}"
        )
    )
    return said.format(key=key, option=option("missing", "zero"))


def _empty_text(err: Any, key: str) -> str:
    """An empty value ('') where something is wanted: not a kind of text to choose."""
    wanted = _one_of_help(key, _schema_of(err)) or _expected(err.validator_value)
    return _("{key} is empty (''); give {wanted}, or leave the key out").format(
        key=key, wanted=wanted
    )


def _schema_of(err: Any) -> dict[str, Any]:
    """The (sub)schema that ``err`` broke."""
    return err.schema if isinstance(err.schema, dict) else {}


def _unknown_keys(err: Any, problems: Problems, path: JsonPath, schema_name: str = "") -> None:
    """One problem per unknown key, with the key it looks like and the valid ones, or
    where it belongs when it is a key of the mapping around this one."""
    sch = _schema_of(err)
    allowed = sorted(sch.get("properties", {}))
    extras = [k for k in err.instance if k not in sch.get("properties", {})]
    missing = set(sch.get("required", [])) - set(err.instance)
    around = _properties_at(schema(schema_name), path[:-1]) if schema_name and path else {}
    for extra in extras:
        hint = did_you_mean(str(extra), allowed)
        if hint and hint.split("'")[1] in missing:
            hint = hint.replace("?", " (required)?")
        if not hint and str(extra) in around and not isinstance(path[-1], int):
            hint = _("; '{extra}' belongs one level up, beside '{key}'").format(
                extra=extra, key=path[-1]
            )
        problems.add(
            (*path, extra),
            _("unknown key '{extra}'{hint}; valid keys here: {list}").format(
                extra=extra, hint=hint, list=_(", ").join(allowed)
            ),
            at_key=True,
        )


def _properties_at(root: dict[str, Any], path: JsonPath) -> dict[str, Any]:
    """The keys the schema ``root`` allows in the mapping at ``path`` of a document
    (references followed; of alternatives, the first that is a mapping), or {}."""
    sch: Any = root
    for step in (*path, None):
        while isinstance(sch, dict) and "$ref" in sch:  # local: #/definitions/name
            sch = root.get("definitions", {}).get(str(sch["$ref"]).rsplit("/", 1)[-1], {})
        if isinstance(sch, dict) and "properties" not in sch and "items" not in sch:
            listed = sch.get("anyOf") or sch.get("oneOf") or []
            alts = [a for a in listed if isinstance(a, dict)]
            sch = next((a for a in alts if "properties" in a or "$ref" in a), {})
            while isinstance(sch, dict) and "$ref" in sch:
                sch = root.get("definitions", {}).get(str(sch["$ref"]).rsplit("/", 1)[-1], {})
        if not isinstance(sch, dict):
            return {}
        if step is None:
            props = sch.get("properties", {})
            return props if isinstance(props, dict) else {}
        sch = sch.get("items", {}) if isinstance(step, int) else sch.get("properties", {}).get(step)
    return {}  # pragma: no cover - the loop returns at its last step


def _missing_keys(err: Any, problems: Problems, path: JsonPath, schema_name: str) -> None:
    """One problem per missing required key, with an example of it."""
    sch = _schema_of(err)
    instance = err.instance if isinstance(err.instance, dict) else {}
    extras = [str(k) for k in instance if k not in sch.get("properties", {})]
    for m in err.validator_value:
        if m in instance or did_you_mean(m, extras):
            continue  # absent, or misspelt: the unknown key's message says so
        example = REQUIRED_HINTS.get(m)
        if schema_name != "spec" and m == "spec":
            example = _("spec: <the id of the spec these are for>")
        add = _("; add e.g. '{example}'").format(example=example) if example else ""
        problems.add(
            path,
            _("missing required key '{m}'{schema_title}{add}").format(
                m=m, schema_title=schema_title(sch, m), add=add
            ),
        )


_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "object": (dict,),
    "array": (list,),
    "boolean": (bool,),
    "null": (type(None),),
}


def _fits(alt: dict[str, Any], instance: Any) -> bool:
    """Could ``instance`` be meant for this alternative (by its JSON type)?"""
    kind = alt.get("type")
    if kind is None:
        return True
    if kind in ("number", "integer"):
        return not isinstance(instance, bool) and type(instance).__name__ == "Fraction"
    if isinstance(instance, bool):
        return bool(kind == "boolean")
    return isinstance(instance, _JSON_TYPES.get(kind, ()))


def _alternative(err: Any, problems: Problems, schema_name: str) -> bool:
    """An ``anyOf``/``oneOf`` said in the words of the one alternative the value was
    meant for: the top level's required keys (total and indicators, unless it
    extends), a value list (a ``const`` each, with its own description) like an
    ``enum``, or the errors inside the only alternative of the value's type.
    False: leave it to the general message."""
    path = tuple(err.absolute_path)
    alts = _schema_of(err).get(err.validator, [])
    if alts and all(isinstance(a, dict) and set(a) <= {"required", "properties"} for a in alts):
        instance = err.instance if isinstance(err.instance, dict) else {}
        for m in alts[0]["required"]:
            if m not in instance:
                example = REQUIRED_HINTS.get(m)
                add = _("; add e.g. '{example}'").format(example=example) if example else ""
                title = schema_title(_schema_of(err), m)
                problems.add(
                    path,
                    _("missing required key '{m}'{title}{add} (or extends: a base spec)").format(
                        m=m, title=title, add=add
                    ),
                )
        return True
    if alts and all(isinstance(a, dict) and "const" in a for a in alts):
        choices = [str(a["const"]) for a in alts]
        hint = did_you_mean(str(err.instance), choices) or _titled(err.instance, alts)
        problems.add(
            path,
            fill(
                _("{where} cannot be {describe}{hint}; valid: {list}"),
                where=_where(err),
                describe=describe(err.instance),
                hint=hint,
                list=_(", ").join(choices),
            ),
        )
        return True
    meant = [i for i, alt in enumerate(alts) if isinstance(alt, dict) and _fits(alt, err.instance)]
    if len(meant) != 1 or alts[meant[0]].get("type") == "array":
        return False  # a list's own errors (its length) say less than the alternatives
    inside = [e for e in err.context or () if e.relative_schema_path[0] == meant[0]]
    for sub in inside:
        _report(sub, problems, schema_name)
    return bool(inside)


# -- one message per keyword: (the error, where it is) -> what is wrong; what is valid --
def _type(err: Any, key: str) -> str:
    hint = number_hint(err.instance, key) if "number" in str(err.validator_value) else ""
    if "object" in str(err.validator_value) and _colon_typed(err.instance):
        hint = _("; '：' is a full-width colon (Chinese input mode): YAML needs the ASCII ': '")
    claimed = tuple(err.absolute_path)[:1] in (("claimed",), ("claimed_total",))
    if hint and claimed and str(err.instance).strip().endswith(("%", "％")):
        hint = _("; a claimed score is in points, not a percentage: write the points claimed")
    return fill(
        _("{key} must be {expected}, not {describe}{hint}"),
        key=key,
        expected=_expected(err.validator_value),
        describe=describe(err.instance),
        hint=hint,
    )


def _colon_typed(value: Any) -> bool:
    """Whether a text given where a mapping belongs reads as a key and value with
    a full-width colon between them (``id：a``): Chinese input mode."""
    if not isinstance(value, str) or "：" not in value:
        return False
    key = value.split("：", 1)[0].strip()
    return bool(key) and ":" not in key and " " not in key


#: other words of Chinese scoring tables for a choice than its title's (越高越好):
#: 指标方向 is 正向 or 反向 in the Ministry of Finance's tables
CHOICE_WORDS: dict[str, tuple[str, ...]] = {
    "higher": ("正向", "正向指标", "越大越好", "越多越好"),
    "lower": ("反向", "反向指标", "越小越好", "越少越好"),
}


def _titled(value: Any, alts: list[dict[str, Any]]) -> str:
    """A hint naming the choice whose Chinese name the value is: its title's (``mode:
    四舍五入``: the title "四舍五入 / half up") or another word of the tables for it
    (``direction: 正向``), or ""."""
    said = str(value).strip()
    for alt in alts:
        names = [n.strip() for n in str(alt.get("title", "")).split(" / ")][:1]
        names += CHOICE_WORDS.get(str(alt["const"]), ())
        if said and said in names:
            return _("; {said} is {choice}").format(said=said, choice=alt["const"])
    return ""


def _enum(err: Any, key: str) -> str:
    choices = _(", ").join(str(c) for c in err.validator_value)
    hint = did_you_mean(str(err.instance), [str(c) for c in err.validator_value])
    return fill(
        _("{key} cannot be {describe}{hint}; valid: {choices}"),
        key=key,
        describe=describe(err.instance),
        hint=hint,
        choices=choices,
    )


def _const(err: Any, key: str) -> str:
    return fill(
        _("{key} must be {validator_value}, not {describe}"),
        key=key,
        validator_value=err.validator_value,
        describe=describe(err.instance),
    )


def _pattern(err: Any, key: str) -> str:
    help = _pattern_help(err.validator_value)
    typed = unit_typed(err.instance) if isinstance(err.instance, str) else None
    if typed is not None and help == _pattern_help("%$"):  # a chosen score with its unit
        help = _("write the number of points alone: {number}").format(number=ascii_digits(typed[0]))
    return _("{key} {value} is not valid here; {help}").format(
        key=key, value=describe(err.instance), help=help
    )


def _property_names(err: Any, key: str) -> str:
    pattern = _schema_of(err).get("propertyNames", {}).get("pattern", "")
    return _("name {value} is not valid; {help}").format(
        value=describe(err.instance), help=_pattern_help(pattern)
    )


_BOUND_WORDS = {
    "exclusiveMinimum": N_("greater than"),
    "minimum": N_("at least"),
    "maximum": N_("at most"),
    "exclusiveMaximum": N_("less than"),
}


def _bound(err: Any, key: str) -> str:
    words = _(_BOUND_WORDS[err.validator])
    said = _("{key} must be {words} {validator_value}, not {describe}").format(
        key=key, words=words, validator_value=err.validator_value, describe=describe(err.instance)
    )
    value = err.instance
    shared = key in ("'fraction'", "'partial'") and err.validator == "maximum"  # not cap
    whole = isinstance(value, Fraction) and value.denominator == 1 and 2 <= value <= 100
    if shared and whole:  # fraction: 80, meaning 80% (1.2 is not read as 1.2%)
        from ..base.numbers import format_value

        said += _("; write {share} (a share of the weight: {value}% is {share})").format(
            share=format_value(value / 100), value=format_value(value)
        )
    return said


def _empty(err: Any, key: str) -> str:
    if list(err.absolute_path)[:1] == ["not_applicable"] and len(err.absolute_path) == 2:
        return _("{key} must not be empty; write why it does not apply (本年度无此项, say)").format(
            key=key
        )
    return _("{key} must not be empty").format(key=key)


def _too_many(err: Any, key: str) -> str:
    what = (
        _("name one method, e.g. {{deduct: {{per: 0.5}}}}").format()
        if key == "'method'"
        else _("at most {n} entries").format(n=err.validator_value)
    )
    return _("{key} has too many entries; {what}").format(key=key, what=what)


def _one_of(err: Any, key: str) -> str:
    sch = _schema_of(err)
    return fill(
        _("{key} must be {one_of_help}, not {describe}{hint}"),
        key=key,
        one_of_help=_one_of_help(key, sch),
        describe=describe(err.instance),
        hint=_titled(err.instance, _choices(sch))
        if isinstance(err.instance, str)
        else _("; a label written true, false, yes, no, on or off is read so by YAML: quote it")
        if isinstance(err.instance, bool) and list(err.absolute_path)[:1] == ["values"]
        else "",
    )


def _choices(sch: dict[str, Any]) -> list[dict[str, Any]]:
    """The named choices (``const``) among a schema's alternatives, at any depth."""
    out = []
    for alt in sch.get("oneOf", sch.get("anyOf", [])):
        if "const" in alt:
            out.append(alt)
        elif "oneOf" in alt or "anyOf" in alt:
            out += _choices(alt)
    return out


def _other(err: Any, key: str) -> str:  # pragma: no cover - other keywords
    return f"{key}: {err.message}"


_MESSAGES: dict[str, Callable[[Any, str], str]] = {
    "type": _type,
    "enum": _enum,
    "const": _const,
    "pattern": _pattern,
    "propertyNames": _property_names,
    **dict.fromkeys(_BOUND_WORDS, _bound),
    "minItems": _empty,
    "minProperties": _empty,
    "minLength": _empty,
    "maxItems": _too_many,
    "maxProperties": _too_many,
    "oneOf": _one_of,
    "anyOf": _one_of,
}


def schema_title(sch: dict[str, Any], key: str) -> str:
    title = sch.get("properties", {}).get(key, {}).get("title")
    return f" ({title})" if title else ""


def _pattern_help(pattern: str) -> str:
    pattern = pattern.removesuffix("(?!\\n)")  # the end of the text, not before a last line break
    if pattern.endswith(("%$", "％]$")):  # a chosen score as a percentage of the weight
        return _("write points (e.g. 4.5) or a percentage of the weight (e.g. 90%)")
    if pattern.startswith("^[A-Za-z_]"):
        return _("use letters, digits and _, not starting with a digit (e.g. budget_rate)")
    if pattern.startswith("^[A-Za-z0-9]"):
        return _("use letters, digits, '-', '_' and '.' (e.g. gz-dept-2021)")
    if pattern == "^[^=]+=.*$":  # a spec_set entry, as --set takes it
        return _("write PATH=VALUE, e.g. trips.weight=5")
    return _("it must match {pattern}").format(pattern=pattern)  # pragma: no cover


def _one_of_help(key: str, sch: dict[str, Any]) -> str:
    options = []
    alts = sch.get("oneOf", sch.get("anyOf", []))
    consts = [str(a["const"]) for a in alts if "const" in a]
    if consts:
        options.append(_("one of {list}").format(list=_(", ").join(consts)))
    for alt in alts:
        if "const" in alt:
            continue
        if "anyOf" in alt:
            options.append(_one_of_help(key, alt))
        elif "pattern" in alt:
            options.append(_("a name of letters, digits and _"))
        elif "enum" in alt:
            options.append(_("one of {list}").format(list=_(", ").join(alt["enum"])))
        elif alt.get("type") == "object" and alt.get("required"):
            options.append("{" + ", ".join(f"{r}: ..." for r in alt["required"]) + "}")
        elif alt.get("type") == "array" and alt.get("minItems") == alt.get("maxItems") == 2:
            options.append(_("[low, high] (two numbers)"))
        elif alt.get("type"):
            options.append(_expected(alt["type"]))
    return joined(options, _("or"))
