"""The interface language: English source strings translated through gettext catalogues.

Messages are written in English with named placeholders and translated where
they are made: ``_("{path}: not a spec; {hint}").format(path=..., hint=...)``.
The catalogues are ``engine/locale/<locale>/LC_MESSAGES/scorecard.mo``, read by
the standard library's :mod:`gettext`. The language is one per process: the
command line chooses it (``--lang`` > ``SCORECARD_LANG`` > ``LC_ALL`` /
``LC_MESSAGES`` / ``LANG``, ``zh*`` meaning Chinese > English); the library
speaks English until :func:`set_language` is called.

Text that is also data (trace labels, written into the JSON scorecard) is made
with :func:`msg`: a ``str`` holding the English text, so machine output never
changes with the language, that also remembers its template, so that a renderer
can show it translated with :func:`tr`.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gettext
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

#: the interface languages, as ``--lang`` names them
LANGUAGES = ("zh", "en")
#: the catalogue (locale folder) of each language
LOCALES = {"zh": "zh_CN", "en": "en"}
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "scorecard"
#: environment variables read for the language, first set wins
ENV_ORDER = ("SCORECARD_LANG", "LC_ALL", "LC_MESSAGES", "LANG")

_state: dict[str, str] = {"lang": "en"}
#: who may be spoken to: the command line, or the Python API, whose options a fix
#: names (:func:`option`)
CALLERS = ("cli", "python")
#: who is spoken to, per thread and task (a call of the API in one thread does not
#: change what another thread's rows say)
_caller: contextvars.ContextVar[str] = contextvars.ContextVar("caller", default="cli")


@functools.cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    return gettext.translation(
        DOMAIN, localedir=str(LOCALE_DIR), languages=[LOCALES[lang]], fallback=True
    )


def language_of(name: str | None) -> str | None:
    """``zh``, ``zh_CN.UTF-8``, ``zh-Hans`` (and ``cn``, ``中文``, as people write
    it) → ``zh``; ``en*``, ``C``, ``POSIX`` (and ``英文``) → ``en``; anything else
    (empty included) → None."""
    if not name:
        return None
    low = name.strip().lower()
    if low.startswith("zh") or low in ("cn", "chinese", "中文", "简体中文", "汉语"):
        return "zh"
    if low.startswith("en") or low.split(".")[0] in ("c", "posix") or low in ("英文", "英语"):
        return "en"
    return None


def choose_language(given: str | None, environ: Mapping[str, str]) -> str:
    """``--lang`` first, else the first of :data:`ENV_ORDER` that is set: ``zh*`` is
    Chinese and anything else English (``SCORECARD_LANG`` must say zh or en to count)."""
    chosen = language_of(given)
    if chosen is not None:
        return chosen
    for key in ENV_ORDER:
        value = environ.get(key, "")
        if not value:
            continue
        found = language_of(value)
        if found is not None or key != "SCORECARD_LANG":
            return found or "en"
    return "en"


def set_language(lang: str) -> None:
    """Speak ``lang`` (``zh`` or ``en``, or a locale name such as ``zh_CN.UTF-8``)."""
    _state["lang"] = language_of(lang) or "en"


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Speak ``lang`` inside the block, then the language spoken before."""
    before = _state["lang"]
    set_language(lang)
    try:
        yield
    finally:
        _state["lang"] = before


def language() -> str:
    """The language in use: ``zh`` or ``en``."""
    return _state["lang"]


def caller() -> str:
    """Who is spoken to: ``cli`` or ``python``."""
    return _caller.get()


def set_caller(who: str) -> None:
    """Speak to ``who`` (:data:`CALLERS`) from now on, in this thread (a worker
    process, as its parent does)."""
    _caller.set(_checked(who))


def _checked(who: str) -> str:
    if who not in CALLERS:
        raise ValueError(f"caller {who!r}: valid: {', '.join(CALLERS)}")
    return who


@contextlib.contextmanager
def called_from(who: str) -> Iterator[None]:
    """Speak to ``who`` inside the block (the Python API's functions), then to
    whoever was spoken to before."""
    token = _caller.set(_checked(who))
    try:
        yield
    finally:
        _caller.reset(token)


def voice() -> tuple[str, str]:
    """The language spoken and who is spoken to, for another process to take up
    (:func:`set_voice`)."""
    return _state["lang"], _caller.get()


def set_voice(given: tuple[str, str]) -> None:
    """Speak as :func:`voice` gave (a worker process, as its parent speaks)."""
    set_language(given[0])
    set_caller(given[1])


def option(name: str, value: str) -> str:
    """An option as the one spoken to gives it, for a message's fix: ``--missing
    zero`` on the command line, ``missing="zero"`` in Python."""
    if _caller.get() == "python":
        return f'{name}="{value}"'
    return f"--{name} {value}"


def option_given(name: str, value: str | None = None) -> str:
    """An option as the one spoken to gives it, for a message naming it: ``--sheet
    2021`` or ``--sheet`` on the command line, ``sheet='2021'`` or ``sheet=`` in Python."""
    if _caller.get() == "python":
        return f"{name}={value!r}" if value is not None else f"{name}="
    return f"--{name} {value}" if value is not None else f"--{name}"


def _(message: str) -> str:
    """``message`` in the current language."""
    return _catalogue(_state["lang"]).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for ``n``, in the current language."""
    return _catalogue(_state["lang"]).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it here."""
    return message


class Msg(str):
    """English text that remembers its template and values, for :func:`tr`."""

    template: str
    args: dict[str, object]

    def __new__(cls, template: str, args: Mapping[str, object]) -> Msg:
        self = super().__new__(cls, template.format(**args))
        self.template = template
        self.args = dict(args)
        return self

    def __reduce__(self) -> tuple[object, tuple[str, dict[str, object]]]:
        return (Msg, (self.template, self.args))


class Listing(str):
    """Items listed in a :func:`msg`: ``a, b`` in English, joined in the
    current language's way by :func:`tr` (``a，b`` in Chinese)."""

    items: tuple[str, ...]
    sep: str

    def __new__(cls, items: Sequence[str], sep: str = ", ") -> Listing:
        self = super().__new__(cls, sep.join(items))
        self.items = tuple(items)
        self.sep = sep
        return self

    def __reduce__(self) -> tuple[object, tuple[tuple[str, ...], str]]:
        return (Listing, (self.items, self.sep))


#: the separators a :class:`Listing` may take, for the catalogue
SEPARATORS = (N_(", "), N_("; "))


def msg(template: str, **args: object) -> Msg:
    """English text now, translatable later: ``msg("round {places} places", places=2)``."""
    return Msg(template, args)


def tr(text: str) -> str:
    """A :func:`msg` in the current language; any other text as it is."""
    if isinstance(text, Listing):
        return _listed(text)
    if not isinstance(text, Msg):
        return text
    args = {k: _listed(v) if isinstance(v, str) else v for k, v in text.args.items()}
    return _(text.template).format(**args)


def _listed(value: str) -> str:
    if isinstance(value, Listing):
        # TRANSLATORS: what separates the items of a list inside a sentence
        return _(value.sep).join(tr(item) for item in value.items)
    return tr(value)


def help_text(text: str | None) -> str | None:
    """A command-line help text in the current language: the catalogue holds it with
    its whitespace folded, one paragraph per blank-line-separated block."""
    if not text:
        return text
    key = normalise_help(text)
    found = _(key)
    return found if found != key else text


def normalise_help(text: str) -> str:
    import inspect

    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)
