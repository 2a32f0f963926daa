"""The message catalogues: extract every message, update the .po files, compile the .mo files.

    python scripts/catalogue.py          # extract, update engine/locale/*/scorecard.po, compile
    python scripts/catalogue.py --check  # exit 1 when a .po or .mo is not up to date

Messages come from the source (``_``, ``N_``, ``ngettext``, ``msg``) and from the
command line's help texts (typer takes them as plain strings). Needs Babel, which
the test extra installs; the engine itself reads the .mo files with the standard
library only.
"""

from __future__ import annotations

import datetime
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "engine"
LOCALE_DIR = ENGINE / "locale"
LOCALES = ("zh_CN", "en")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "msg": None}
#: fixed, so that the files change only when the messages do
EPOCH = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
#: typer's own words, translated through the catalogue too
TYPER_WORDS = (
    "Usage: ",
    "Options",
    "Arguments",
    "Commands",
    "default: {default}",
    "required",
    "No such command {name!r}.",
    "Missing command.",
)


def source_messages() -> Iterator[tuple[str | tuple[str, str], str, int]]:
    """(message, file, line) for every message marked in the engine's source."""
    for filename, line, message, _comments, _context in extract_from_dir(
        str(ENGINE), [("**.py", "python")], keywords=KEYWORDS
    ):
        if message:
            yield message, f"engine/{filename}", line
    yield from formatted_messages()


def formatted_messages() -> Iterator[tuple[str | tuple[str, str], str, int]]:
    """Messages marked inside an f-string's braces (``f"<b>{_('Stamp')}</b>"``),
    which Babel's extractor does not look into."""
    import ast

    for path in sorted(ENGINE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        inside = {
            id(node)
            for fstring in ast.walk(tree)
            if isinstance(fstring, ast.JoinedStr)
            for node in ast.walk(fstring)
        }
        for node in ast.walk(tree):
            if id(node) not in inside or not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else ""
            texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if name not in KEYWORDS or not texts or not all(isinstance(x, str) for x in texts):
                continue
            message = (texts[0], texts[1]) if name == "ngettext" else texts[0]
            yield message, str(path.relative_to(ROOT)), node.lineno


def help_messages() -> Iterator[str]:
    """Every help text, epilog word and option help the command line shows."""
    sys.path.insert(0, str(ROOT))
    import typer.main

    from engine.base.i18n import normalise_help
    from engine.cli import app
    from engine.cli.language import split_epilog

    group = typer.main.get_command(app)
    ctx = group.make_context("scorecard", ["--help"], resilient_parsing=True)
    commands = [group, *(group.commands.values())]  # type: ignore[attr-defined]
    for command in commands:
        if command.help:
            yield normalise_help(command.help)
        for param in command.get_params(ctx):
            if getattr(param, "help", None):
                yield normalise_help(param.help)
        note = split_epilog(command.epilog or "")[1]
        if note:
            yield note
    yield "Example: {command}"
    yield from TYPER_WORDS


def template() -> Catalog:
    """A catalogue of every message, English only."""
    cat = Catalog(project="scorecard", creation_date=EPOCH, revision_date=EPOCH, fuzzy=False)
    for message, filename, line in source_messages():
        cat.add(message, locations=[(filename, line)])
    for message in help_messages():
        if message not in cat:
            cat.add(message, locations=[("engine/cli", 0)])
    return cat


def po_path(locale: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / "scorecard.po"


def read(locale: str) -> Catalog:
    path = po_path(locale)
    if not path.exists():
        return Catalog(
            locale=locale,
            project="scorecard",
            header_comment=f"# scorecard's messages in {locale}.",
            copyright_holder="scorecard",
            msgid_bugs_address="",
            last_translator="scorecard",
            language_team=locale,
            creation_date=EPOCH,
            fuzzy=False,
        )
    with path.open("rb") as fh:
        return read_po(fh, locale=locale)


def po_bytes(cat: Catalog) -> bytes:
    cat.revision_date = EPOCH
    cat.creation_date = EPOCH
    cat.fuzzy = False
    buf = io.BytesIO()
    write_po(buf, cat, width=100, sort_output=True, include_lineno=False, ignore_obsolete=True)
    return buf.getvalue()


def mo_bytes(cat: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, cat, use_fuzzy=False)
    return buf.getvalue()


def updated(locale: str, tmpl: Catalog) -> Catalog:
    cat = read(locale)
    cat.update(tmpl, no_fuzzy_matching=True)
    return cat


def main(argv: list[str]) -> int:
    tmpl = template()
    stale = []
    for locale in LOCALES:
        cat = updated(locale, tmpl)
        po, mo = po_bytes(cat), mo_bytes(read_po(io.BytesIO(po_bytes(cat)), locale=locale))
        path = po_path(locale)
        for target, data in ((path, po), (path.with_suffix(".mo"), mo)):
            if target.exists() and target.read_bytes() == data:
                continue
            stale.append(str(target.relative_to(ROOT)))
            if "--check" not in argv:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
    for name in stale:
        print(("stale: " if "--check" in argv else "wrote ") + name)
    return 1 if stale and "--check" in argv else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
