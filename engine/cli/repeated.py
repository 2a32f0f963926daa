"""An option given twice with two values: refused, not the last taken in silence.

typer (as click) keeps the last value of an option given more than once, so
``--missing zero … --missing error`` ran with ``error`` without a word, and a
user reading the command back believed the other. Options that take many values
(``--set``, ``--na``) are not concerned, nor an option repeated with the same
value (a command line put together from parts).
"""

from __future__ import annotations

from typing import Any

from ..base.i18n import _


def repeated(command: Any, args: list[str]) -> str | None:
    """The message for an option of the subcommand ``args`` name given twice
    with different values (``args``: the whole command line, after the
    program's name); None when there is none, or no subcommand is named."""
    from .main import command_in  # (here: main imports the module that calls this)

    name = command_in(args)
    sub = getattr(command, "commands", {}).get(name) if name is not None else None
    if name is None or sub is None or "--help" in args or "-h" in args:
        return None
    at = args.index(name)
    options: dict[str, Any] = {}  # every option, to step over its value
    for param in sub.params:
        if getattr(param, "param_type_name", "") == "option":
            for opt in [*param.opts, *param.secondary_opts]:
                options[opt] = param
    seen: dict[int, tuple[str, str]] = {}
    i = at + 1
    while i < len(args):
        token = args[i]
        if token == "--":
            break
        param, given, value, i = _option_at(options, args, i)
        if param is None or param.multiple or param.count or value is None:
            continue  # many values are allowed; a value missing is click's to say
        # a flag's value is which of its names was given (--bom, --no-bom)
        said = given if param.is_flag else value
        meant = str(given in param.opts) if param.is_flag else _meaning(param, value)
        first = seen.setdefault(id(param), (said, meant))
        if first[1] != meant:
            return _("{option} given twice ({first}, then {second}); give it once").format(
                option=param.opts[0], first=first[0], second=said
            )
    return None


def _option_at(
    options: dict[str, Any], args: list[str], i: int
) -> tuple[Any, str, str | None, int]:
    """The option at ``args[i]`` (None for an argument), how it was written, its
    value (None: missing at the end), and where the next token is."""
    token = args[i]
    if token.startswith("--") and "=" in token:
        key, _eq, value = token.partition("=")
        return options.get(key), key, value, i + 1
    param = options.get(token)
    if param is None and token.startswith("-") and not token.startswith("--"):
        param = options.get(token[:2])  # -j2: a short option and its value in one
        if param is not None and not param.is_flag:
            return param, token[:2], token[2:], i + 1
        return None, token, "", i + 1
    if param is None:
        return None, token, "", i + 1
    if param.is_flag:
        return param, token, "", i + 1
    after = args[i + 1] if i + 1 < len(args) else None
    return param, token, after, i + 2


def _meaning(param: Any, value: str) -> str:
    """What a value means: a number's value (``--width 80`` and ``--width 080``
    say the same), any other value as written."""
    kind = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if kind not in (int, float):
        return value
    try:
        return str(kind(value))
    except ValueError:  # not a number: click says so, after this check
        return value
