"""Command-line values converted without typer's validators where no conversion
is needed: a text kept as text, a choice named exactly, a whole number in range.

typer (0.29 and later) converts every value through a pydantic validator it
builds on first use, and importing pydantic for that takes about a third of a
``scorecard score``'s start-up, for values that are almost always texts already.
Here each parameter's conversion decides those values itself, with the result
typer's would give, and hands every other value (a misspelled choice, a number
out of range, anything it does not recognise) to typer's own, built only then:
what is accepted, what it becomes and every error message stay typer's
(docs/decisions.md §36). On a typer without the hook used here
(``_runtime_param``), nothing changes.

A whole number's full-width digits (``--width ８０``, as a Chinese input method
types them) are read first as the ASCII digits they stand for, whichever of the
two conversions then decides: ``８０`` is 80, ``３０`` is refused as 30 is. Nothing
else of the text changes (a full-width sign or space, another script's digits),
so its refusal stays typer's.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, get_args, get_origin

__all__ = ["install"]

#: a value this module leaves to typer
_TYPER = object()
#: whole numbers read here: far below Python's limit on digits in int()
_DIGITS = 18
#: full-width digits as the ASCII digits they stand for (their NFKC form)
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def install(command: Any) -> None:
    """Give each parameter of ``command`` and of its subcommands the light
    conversion, where typer has not converted a value for it yet."""
    for param in getattr(command, "params", ()):
        _lighten(param)
    help_option = command.get_help_option  # made on first use

    def lightened(ctx: Any) -> Any:
        return _lighten(help_option(ctx))

    command.get_help_option = lightened
    for sub in getattr(command, "commands", {}).values():
        install(sub)


def _lighten(param: Any) -> Any:
    if hasattr(param, "type_descriptor") and getattr(param, "_runtime_param", 0) is None:
        param._runtime_param = _Light(param)
    return param


class _Light:
    """A parameter's conversion: the plain cases here, the rest by typer's."""

    def __init__(self, param: Any) -> None:
        self._param = param
        self._typer: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        many = param.multiple or param.nargs == -1
        if value is None:  # as typer's: nothing given, no default
            return () if many else None
        value = ascii_digits(param.type_descriptor, value)
        got = _converted(param.type_descriptor, value, many, ctx)
        if got is _TYPER:
            return self._typer_coercion().coerce(value, param=param, ctx=ctx)
        return got

    def __getattr__(self, name: str) -> Any:
        """Anything else typer asks of a parameter's conversion: its own's."""
        if name.startswith("__") or name in ("_param", "_typer"):
            raise AttributeError(name)
        return getattr(self._typer_coercion(), name)

    def _typer_coercion(self) -> Any:
        if self._typer is None:
            from typer._coercion import build_runtime_param

            self._typer = build_runtime_param(self._param.type_descriptor)
        return self._typer


def ascii_digits(descriptor: Any, value: Any) -> Any:
    """``value`` with its full-width digits as ASCII ones, for a whole number's
    parameter given text; any other value as it is."""
    if descriptor.annotation is int and type(value) is str:
        return value.translate(_FULL_WIDTH_DIGITS)
    return value


def _converted(descriptor: Any, value: Any, many: bool, ctx: Any) -> Any:
    """``value`` as typer would convert it, or _TYPER where that is left to typer."""
    info = descriptor.parameter_info
    if info.parser is not None or descriptor.file_annotation is not None:
        return _TYPER
    annotation = descriptor.annotation
    if not many:
        return _one(annotation, info, value, ctx)
    if get_origin(annotation) is not list or not isinstance(value, (list, tuple)):
        return _TYPER
    (item,) = get_args(annotation)
    items = [_one(item, info, v, ctx) for v in value]
    return _TYPER if any(x is _TYPER for x in items) else items


def _one(annotation: Any, info: Any, value: Any, ctx: Any) -> Any:
    if annotation is str:
        return value if type(value) is str else _TYPER
    if annotation is int:
        return _whole(info, value)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return _choice(annotation, info.case_sensitive, value, ctx)
    return _TYPER


def _whole(info: Any, value: Any) -> Any:
    """A whole number written in ASCII digits, or given as a default, in range."""
    if type(value) is str and value.isascii() and value.isdigit() and len(value) <= _DIGITS:
        value = int(value)
    if type(value) is not int or info.clamp:
        return _TYPER
    if (info.min is not None and value < info.min) or (info.max is not None and value > info.max):
        return _TYPER  # typer's message
    return value


def _choice(choices: type[Enum], case_sensitive: bool, value: Any, ctx: Any) -> Any:
    """The member a choice names, matched as typer matches it (its value as
    text, through the context's normaliser, folded where case does not count)."""
    if isinstance(value, choices):
        return value
    if type(value) is not str:
        return _TYPER

    def normal(text: str) -> str:
        if ctx is not None and ctx.token_normalize_func is not None:
            text = ctx.token_normalize_func(text)
        return text if case_sensitive else text.casefold()

    wanted = normal(value)
    for member in choices:
        if normal(str(member.value)) == wanted:
            return member
    return _TYPER
