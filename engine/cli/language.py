"""The interface language on the command line: ``--lang`` on every command, the
language chosen before anything is parsed, and help texts shown in it.

typer builds its help from English texts given at import; the catalogue holds
them (whitespace folded) and the command classes here translate them when help
is shown, so the language can be chosen per invocation.
"""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any

import typer
import typer.core

from ..base.i18n import N_, _, choose_language, help_text, language_of, set_language
from ..base.text import visible
from .helpformat import CellContext, write_commands


class Lang(StrEnum):
    zh = "zh"
    en = "en"


def _lang_chosen(value: Lang | None) -> Lang | None:
    if value is not None:
        set_language(value.value)
    return value


LangOpt = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        help="Interface language: zh (中文) or en (default: SCORECARD_LANG, else "
        "LC_ALL / LC_MESSAGES / LANG, zh* meaning Chinese, else English).",
        is_eager=True,
        callback=_lang_chosen,
        show_default=False,
    ),
]


def lang_in(args: list[str]) -> str | None:
    """The value of the last ``--lang`` among the arguments, if any."""
    found = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    return found


def beside_version(args: list[str]) -> list[str]:
    """The arguments given with the app's own ``--version`` (before any command), which
    takes none: its eager callback prints the version and exits before they are seen."""
    version = False
    for i, arg in enumerate(args):
        if arg == "--":
            return args[i + 1 :] if version else []
        if not arg.startswith("-") and not (i and args[i - 1] == "--lang"):
            return args[i:] if version else []
        version = version or arg == "--version"
    return []


def split_epilog(epilog: str) -> tuple[str, str]:
    """An epilog's example command and its note: ``Example: CMD  (NOTE)``."""
    if not epilog.startswith("Example: "):
        return "", ""
    example = epilog[len("Example: ") :]
    if example.endswith(")") and "  (" in example:
        example, note = example[:-1].split("  (", 1)
        return example, note
    return example, ""


def _translate(command: Any, ctx: Any) -> None:
    """Put a command's help, epilog and parameter help into the current language."""
    command.help = help_text(command.help)
    if command.help and "。" in command.help:  # the listing's one line: the first sentence
        command.short_help = command.help.split("。", 1)[0] + "。"  # cut by width when listed
    example, note = split_epilog(command.epilog or "")
    if example:
        command.epilog = _("Example: {command}").format(command=example)
        if note:
            command.epilog += f"  ({_(note)})"
    for param in command.get_params(ctx):
        if getattr(param, "help", None):
            param.help = help_text(param.help)


class LangCommand(typer.core.TyperCommand):
    """A command whose help is shown in the current language, laid out by display width."""

    context_class = CellContext

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _translate(self, ctx)
        super().format_help(ctx, formatter)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        write_usage(self, ctx, formatter)


#: typer's words in a usage line, in the interface language (the metavars stay)
_USAGE_WORDS = {
    "[OPTIONS]": N_("[OPTIONS]"),
    "COMMAND [ARGS]...": N_("COMMAND [ARGS]..."),
}


def _unknown_setting(given: str | None) -> None:
    """Say so when SCORECARD_LANG names neither language (``cn``, say): it is
    passed over for the system's locale, which a user who set it would not expect."""
    setting = os.environ.get("SCORECARD_LANG", "")
    if given is None and setting and language_of(setting) is None:
        typer.echo(
            _(
                "scorecard: SCORECARD_LANG={setting} is neither zh nor en, so the system's "
                "language is used; set SCORECARD_LANG=zh (中文) or SCORECARD_LANG=en"
            ).format(setting=visible(setting)),
            err=True,
        )


def write_usage(command: Any, ctx: Any, formatter: Any) -> None:
    """The usage line: ``用法：scorecard compare [选项] SPEC_A …`` in Chinese."""
    pieces = [
        _(_USAGE_WORDS[p]) if p in _USAGE_WORDS else p for p in command.collect_usage_pieces(ctx)
    ]
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage: "))


class LangGroup(typer.core.TyperGroup):
    """The command group: chooses the language before parsing, then as LangCommand."""

    context_class = CellContext

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        set_language(choose_language(lang_in(args), os.environ))
        _unknown_setting(lang_in(args))
        extra = beside_version(args)
        if extra:  # worded as typer words extra arguments, and translated with them
            ctx.fail(f"Got unexpected extra argument(s) ({' '.join(map(visible, extra))})")
        from .repeated import repeated

        twice = repeated(self, args)
        if twice is not None:
            ctx.fail(twice)
        return super().parse_args(ctx, args)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _translate(self, ctx)
        for name in self.list_commands(ctx):
            sub = self.get_command(ctx, name)
            if sub is not None:
                _translate(sub, ctx)
        super().format_help(ctx, formatter)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        write_usage(self, ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """typer's listing, each summary whole, folded within the width
        (:func:`write_commands`): a summary cut at 80 columns lost its end."""
        commands = [(name, self.get_command(ctx, name)) for name in self.list_commands(ctx)]
        shown = [(name, c) for name, c in commands if c is not None and not c.hidden]
        if shown:
            with formatter.section(_("Commands")):
                write_commands(formatter, [(n, c.get_short_help_str(10_000)) for n, c in shown])


class App(typer.Typer):
    """A typer app whose commands all take ``--lang`` and show help in the language."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Any]:
        kwargs.setdefault("cls", LangCommand)
        register = super().command(*args, **kwargs)
        return lambda f: register(with_lang(f))


def with_lang(command: Callable[..., Any]) -> Callable[..., Any]:
    """``command`` with a ``--lang`` option added (its value already applied when the
    command runs, so the command itself never sees it)."""

    @functools.wraps(command)
    def run(*args: Any, lang: Lang | None = None, **kwargs: Any) -> Any:
        return command(*args, **kwargs)

    sig = inspect.signature(command, eval_str=True)
    if "lang" in sig.parameters:
        return command
    extra = inspect.Parameter("lang", inspect.Parameter.KEYWORD_ONLY, default=None)
    params = [*sig.parameters.values(), extra.replace(annotation=LangOpt)]
    run.__signature__ = sig.replace(parameters=params)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in params}
    return run


def install() -> None:
    """typer's own words (Options, Arguments, required, default) in the current language."""
    typer.core._ = _  # type: ignore[attr-defined]


#: typer's command-line errors, as patterns, and their message in the catalogue
USAGE_ERRORS = (
    # typer adds its suggestion in English after the (translated) first sentence
    (
        r"(?P<first>.+?)。?\. Did you mean (?P<names>.+)\?",
        N_("{first}; did you mean {names}?"),
    ),
    (r"Missing argument (?P<name>.+?)\.?", N_("missing argument {name}")),
    (r"Missing option (?P<name>.+?)\.?", N_("missing option {name}")),
    (
        r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)",
        N_("unexpected extra argument(s): {args}"),
    ),
    (
        r"No such option: (?P<option>\S+) \(Possible options: (?P<options>.+)\)",
        N_("no such option: {option}; did you mean {options}?"),
    ),
    (r"No such option: (?P<option>\S+)", N_("no such option: {option}")),
    (
        r"Invalid value for (?P<param>.+?): (?P<value>'.*') is not one of (?P<choices>.+)",
        N_("invalid value for {param}: {value} is not one of {choices}"),
    ),
    (
        r"Invalid value for (?P<param>.+?): Input should be greater than or equal to (?P<n>\S+)",
        N_("invalid value for {param}: give at least {n}"),
    ),
    (
        r"Invalid value for (?P<param>.+?): Input should be less than or equal to (?P<n>\S+)",
        N_("invalid value for {param}: give at most {n}"),
    ),
    (
        r"Invalid value for (?P<param>.+?): Input should be a valid integer.*",
        N_("invalid value for {param}: give a whole number"),
    ),
    (
        r"Invalid value for (?P<param>.+?): Input should be a valid number.*",
        N_("invalid value for {param}: give a number"),
    ),
    (
        r"Invalid value for (?P<param>.+?): (?P<problem>.+)",
        N_("invalid value for {param}: {problem}"),
    ),
    (r"Option (?P<option>'.+') requires an argument", N_("option {option} needs a value")),
)


def _closest_options(text: str) -> str:
    """typer's "No such option" with only the options that start with the one
    given (--mis) or are close to it (--formt): it offered --bom beside --format
    for --formt, the dashes alike."""
    import difflib
    import re

    m = re.fullmatch(r"(No such option: (\S+)) \(Possible options: (.+)\)", text)
    if m is None:
        return text
    given, offered = m.group(2).lstrip("-"), m.group(3).split(", ")
    close = difflib.get_close_matches(given, [o.lstrip("-") for o in offered], cutoff=0.7)
    kept = [o for o in offered if o.lstrip("-") in close or o.startswith(m.group(2))]
    return f"{m.group(1)} (Possible options: {', '.join(kept)})" if kept else m.group(1)


def usage_message(text: str) -> str:
    """One of typer's command-line errors in the interface language (English as typer says it)."""
    import re

    from ..base.i18n import language

    text = _closest_options(text)
    if language() == "en":
        return text
    for pattern, message in USAGE_ERRORS:
        m = re.fullmatch(pattern, text)
        if m:
            return _(message).format(**m.groupdict())
    return text
