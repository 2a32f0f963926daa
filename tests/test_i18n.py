"""The interface language: choosing it, the catalogues, and the command line in both languages."""

from __future__ import annotations

import pickle
import string
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from typer.testing import CliRunner

from engine.base.i18n import (
    LOCALE_DIR,
    _,
    choose_language,
    language,
    msg,
    ngettext,
    set_language,
    tr,
)
from engine.cli import app

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import catalogue  # noqa: E402


@pytest.mark.parametrize(
    ("given", "env", "expected"),
    [
        (None, {}, "en"),
        ("zh", {"SCORECARD_LANG": "en"}, "zh"),
        ("en", {"LANG": "zh_CN.UTF-8"}, "en"),
        (None, {"SCORECARD_LANG": "zh", "LANG": "en_US.UTF-8"}, "zh"),
        (None, {"SCORECARD_LANG": "en", "LC_ALL": "zh_CN.UTF-8"}, "en"),
        (None, {"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        (None, {"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),
        (None, {"LC_MESSAGES": "zh_TW.UTF-8"}, "zh"),
        (None, {"LANG": "zh_CN.GB18030"}, "zh"),
        (None, {"LANG": "de_DE.UTF-8"}, "en"),
        # a SCORECARD_LANG that names neither language does not hide the locale
        (None, {"SCORECARD_LANG": "fr", "LANG": "zh_CN.UTF-8"}, "zh"),
        (None, {"LC_ALL": "", "LANG": "zh_CN.UTF-8"}, "zh"),
    ],
)
def test_the_language_is_chosen_by_option_then_environment(
    given: str | None, env: dict[str, str], expected: str
) -> None:
    assert choose_language(given, env) == expected


def test_messages_translate_with_named_placeholders() -> None:
    assert _("interrupted; no output file was written") == "interrupted; no output file was written"
    set_language("zh")
    assert language() == "zh"
    assert _("interrupted; no output file was written") == "已中断；没有写出任何输出文件"


def test_plural_forms_follow_each_language() -> None:
    one, many = "{n} entity scored under both", "{n} entities scored under both"
    assert ngettext(one, many, 1).format(n=1) == "1 entity scored under both"
    assert ngettext(one, many, 3).format(n=3) == "3 entities scored under both"
    set_language("zh")
    assert ngettext(one, many, 1).format(n=1) == "两个规格下都计分的有 1 个单位"
    assert ngettext(one, many, 3).format(n=3) == "两个规格下都计分的有 3 个单位"


def test_data_text_stays_english_and_shows_translated() -> None:
    label = msg("round {places} places {mode}", places=2, mode="half_up")
    set_language("zh")
    assert label == "round 2 places half_up"  # what the JSON scorecard carries
    assert tr(label) == "修约到 2 位小数（half_up）"
    assert tr("plain text") == "plain text"
    again = pickle.loads(pickle.dumps(label))  # batch workers send steps back
    assert (again, tr(again)) == (label, tr(label))


def _catalogues() -> list[str]:
    return list(catalogue.LOCALES)


@pytest.mark.parametrize("locale", _catalogues())
def test_the_committed_mo_is_compiled_from_its_po(locale: str) -> None:
    po = catalogue.po_path(locale)
    with po.open("rb") as fh:
        cat = read_po(fh, locale=locale)
    assert po.with_suffix(".mo").read_bytes() == catalogue.mo_bytes(cat)


def test_the_catalogues_hold_every_message_of_the_source() -> None:
    """Fails when a message was added or changed and the catalogues not updated:
    run ``python scripts/catalogue.py`` and translate what is new."""
    assert catalogue.main(["--check"]) == 0


def _entries(locale: str) -> list[tuple[str | tuple[str, ...], str | tuple[str, ...]]]:
    with catalogue.po_path(locale).open("rb") as fh:
        cat = read_po(fh, locale=locale)
    return [(m.id, m.string) for m in cat if m.id]


def test_every_message_has_a_chinese_translation() -> None:
    untranslated = [mid for mid, text in _entries("zh_CN") if not all(_as_tuple(text))]
    assert untranslated == []


def _as_tuple(x: str | tuple[str, ...]) -> tuple[str, ...]:
    return (x,) if isinstance(x, str) else tuple(x)


def _fields(text: str) -> set[str]:
    return {name for _t, name, _s, _c in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("locale", _catalogues())
def test_placeholders_agree_between_message_and_translation(locale: str) -> None:
    wrong = []
    for mid, text in _entries(locale):
        wanted = set().union(*(_fields(m) for m in _as_tuple(mid)))
        for form in _as_tuple(text):
            if form and _fields(form) != wanted:
                wrong.append((mid, form))
    assert wrong == []


def test_catalogues_ship_with_the_package() -> None:
    assert (LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / "scorecard.mo").is_file()
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    assert '"engine.locale" = ["*/LC_MESSAGES/*.mo"' in text


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


COMMANDS = ["validate", "schema", "score", "explain", "compare", "whatif", "test", "batch"]
COMMANDS += ["methods", "init"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_takes_lang_and_shows_help_in_it(command: str) -> None:
    code, out, err = invoke(command, "--help", "--lang", "zh")
    assert (code, err) == (0, "")
    assert out.startswith(f"用法: scorecard {command} ")
    assert "--lang" in out and "选项" in out and "示例：scorecard " in out
    code, out, err = invoke(command, "--help")
    assert out.startswith(f"Usage: scorecard {command} ")


def test_the_environment_chooses_the_help_language() -> None:
    code, out, _err = invoke("--help", env={"LANG": "zh_CN.UTF-8"})
    assert code == 0 and "用法: scorecard" in out and "命令" in out
    code, out, _err = invoke("--help", env={"LANG": "zh_CN.UTF-8", "SCORECARD_LANG": "en"})
    assert "Usage: scorecard" in out


def test_po_files_are_plain_utf8() -> None:
    for locale in catalogue.LOCALES:
        text = catalogue.po_path(locale).read_bytes().decode("utf-8")
        assert "\r" not in text
        assert str(ROOT) not in text
