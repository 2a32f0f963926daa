"""The interface language: choosing it, the catalogues, and the command line in both languages."""

from __future__ import annotations

import errno
import io
import json
import pickle
import re
import string
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st
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
        # Chinese and English as people write them
        (None, {"SCORECARD_LANG": "cn", "LANG": "C.UTF-8"}, "zh"),
        (None, {"SCORECARD_LANG": "中文", "LANG": "C.UTF-8"}, "zh"),
        (None, {"SCORECARD_LANG": "英文", "LANG": "zh_CN.UTF-8"}, "en"),
    ],
)
def test_the_language_is_chosen_by_option_then_environment(
    given: str | None, env: dict[str, str], expected: str
) -> None:
    assert choose_language(given, env) == expected


@pytest.mark.parametrize(
    ("env", "note"),
    [
        (
            {"SCORECARD_LANG": "jp", "LANG": "zh_CN.UTF-8"},
            "scorecard：SCORECARD_LANG=jp 既不是 zh 也不是 en，因此使用系统的语言；请设为 "
            "SCORECARD_LANG=zh（中文）或 SCORECARD_LANG=en\n",
        ),
        ({"SCORECARD_LANG": "cn", "LANG": "C.UTF-8"}, ""),  # as people write it: Chinese
        ({"SCORECARD_LANG": "中文", "LANG": "C.UTF-8"}, ""),
        (
            {"SCORECARD_LANG": "fr", "LANG": "C.UTF-8"},
            "scorecard: SCORECARD_LANG=fr is neither zh nor en, so the system's language is used; "
            "set SCORECARD_LANG=zh (中文) or SCORECARD_LANG=en\n",
        ),
        ({"SCORECARD_LANG": "zh_CN.UTF-8", "LANG": "C.UTF-8"}, ""),
    ],
)
def test_a_scorecard_lang_that_names_neither_language_is_noted(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    env: dict[str, str],
    note: str,
) -> None:
    from engine.cli import main

    for key in ("SCORECARD_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(SystemExit) as e:
        main(["validate", str(ROOT / "specs" / "gz-dept-overall-2021.yaml")])
    assert e.value.code == 0
    assert capsys.readouterr().err == note


def test_messages_translate_with_named_placeholders() -> None:
    assert _("interrupted; no output file was written") == "interrupted; no output file was written"
    set_language("zh")
    assert language() == "zh"
    assert _("interrupted; no output file was written") == "已中断；没有写出任何输出文件"


def test_the_progress_bar_speaks_the_interface_language() -> None:
    """Its words were English under --lang zh (rich draws them on a terminal)."""
    from rich.console import Console
    from rich.progress import Progress

    from engine.render.batch_view import progress_columns

    def drawn() -> str:
        console = Console(width=120, record=True, force_terminal=False, file=io.StringIO())
        with Progress(*progress_columns(), console=console, auto_refresh=False) as bar:
            task = bar.add_task("", total=5000, rate="15,765")
            bar.update(task, completed=4096)
            bar.refresh()
        return console.export_text()

    assert drawn().split()[:1] + drawn().split()[3:10] == [
        "scoring", "rows", "·", "15,765", "rows/s", "·", "0:00:00", "·",
    ]  # fmt: skip
    set_language("zh")
    text = drawn()
    assert text.startswith("计分中 ") and "4096/5000 行 · 每秒 15,765 行 · 0:00:00 · 剩余" in text


def test_plural_forms_follow_each_language() -> None:
    one, many = "{n} entity scored under both", "{n} entities scored under both"
    assert ngettext(one, many, 1).format(n=1) == "1 entity scored under both"
    assert ngettext(one, many, 3).format(n=3) == "3 entities scored under both"
    set_language("zh")
    assert ngettext(one, many, 1).format(n=1) == "两个规格下都计分的有 1 个单位"
    assert ngettext(one, many, 3).format(n=3) == "两个规格下都计分的有 3 个单位"


def test_data_text_stays_english_and_shows_translated() -> None:
    label = msg("round {places} places {mode}", places=2, mode=msg("half_up"))
    set_language("zh")
    assert label == "round 2 places half_up"  # what the JSON scorecard carries
    assert tr(label) == "四舍五入到 2 位小数"  # the mode named too
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


#: a message that starts at a place in a file (``{path}:1:1: ``, ``{name}:{line}:1: ``)
_LOCATED = re.compile(r"^\{\w+\}(?::(?:\d+|\{\w+\}))+: ")


def test_a_translation_keeps_the_place_it_starts_at_as_file_line_col() -> None:
    """``file:line:col: what is wrong``: a full-width colon after the place
    (``t.csv:1:1：表格是空的``) breaks what editors and scripts read."""
    broken = []
    for mid, text in _entries("zh_CN"):
        for one, translated in zip(_as_tuple(mid), _as_tuple(text), strict=False):
            place = _LOCATED.match(one)
            if place is not None and not translated.startswith(place[0]):
                broken.append(translated)
    assert broken == []


#: a diagnostic's label after its place, and the one Chinese word for it
_LABELS = {"note": "提示", "warning": "警告", "error": "错误"}
_LABELLED = re.compile(r"^(?:\{\w+\}(?::(?:\d+|\{\w+\}))*: )(note|warning|error): ")


def test_a_diagnostics_label_is_one_chinese_word_for_each_kind() -> None:
    """``file: note: …`` reads 提示 in every message (some said 说明 or 注意)."""
    mixed = []
    for mid, text in _entries("zh_CN"):
        for one, translated in zip(_as_tuple(mid), _as_tuple(text), strict=False):
            label = _LABELLED.match(one)
            if label is not None and f": {_LABELS[label[1]]}：" not in translated:
                mixed.append(translated)
    assert mixed == []


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
    assert out.startswith(f"用法：scorecard {command} ")
    assert "--lang" in out and "选项" in out and "示例：scorecard " in out
    code, out, err = invoke(command, "--help")
    assert out.startswith(f"Usage: scorecard {command} ")


def test_the_environment_chooses_the_help_language() -> None:
    code, out, _err = invoke("--help", env={"LANG": "zh_CN.UTF-8"})
    assert code == 0 and "用法：scorecard" in out and "命令" in out
    code, out, _err = invoke("--help", env={"LANG": "zh_CN.UTF-8", "SCORECARD_LANG": "en"})
    assert "Usage: scorecard" in out


def test_po_files_are_plain_utf8() -> None:
    for locale in catalogue.LOCALES:
        text = catalogue.po_path(locale).read_bytes().decode("utf-8")
        assert "\r" not in text
        assert str(ROOT) not in text


SEED = ("specs/gz-dept-overall-2021.yaml", "examples/licheng-2021/actuals.yaml")
UNITS = "examples/docs/units.csv"
W80 = ("--width", "80")
#: one run of each command whose output a person reads, by golden-file name
RUNS: dict[str, tuple[str, ...]] = {
    "score": ("score", *SEED, *W80),
    "score-tree": ("score", *SEED, "--format", "tree", *W80),
    "score-csv": ("score", *SEED, "--format", "csv"),
    "explain": ("explain", *SEED, "trips", *W80),
    "batch": ("batch", SEED[0], UNITS, *W80),
    "batch-csv": ("batch", SEED[0], UNITS, "--format", "csv"),
    "compare": ("compare", *SEED, "--set", "rounding.mode=half_even", *W80),
    "compare-table": ("compare", SEED[0], "examples/docs/gz-2021-v2.yaml", UNITS, *W80),
    "whatif": ("whatif", *SEED, *W80),
    "test": ("test", "specs/gz-dept-overall-2021.yaml", *W80),
    "test-failing": ("test", "tests/data/i18n/failing.tests.yaml", *W80),
    "validate-broken": ("validate", "examples/docs/broken.yaml"),
    "review": ("review", SEED[0], "examples/licheng-2021/submission.yaml", *W80),
    "review-tree": ("review", SEED[0], "examples/licheng-2021/submission.yaml", "-f", "tree", *W80),
    "review-sheet": (
        "review",
        SEED[0],
        "examples/licheng-2021/submission.yaml",
        "examples/licheng-2021/自评表.xlsx",
        *W80,
    ),
    "verify": ("verify", "examples/licheng-2021/scorecard.json"),
}
GOLDEN = ROOT / "tests" / "golden" / "i18n"


def _transcript(args: tuple[str, ...], lang: str) -> str:
    code, out, err = invoke(*args, "--lang", lang)
    return f"$ scorecard {' '.join(args)} --lang {lang}\nexit {code}\n{out}--- stderr\n{err}"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(RUNS))
def test_each_command_matches_its_golden_file_in_both_languages(
    name: str, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regenerate after an intended change with ``UPDATE_GOLDEN=1`` and review the diff."""
    import os

    monkeypatch.chdir(ROOT)
    text = _transcript(RUNS[name], lang)
    path = GOLDEN / f"{name}.{lang}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"differs from {path}"


def test_json_does_not_change_with_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    outs = {lang: invoke("score", *SEED, "--format", "json", "--lang", lang) for lang in LANGS}
    assert outs["zh"] == outs["en"]
    for command in (("score", *SEED), ("batch", SEED[0], UNITS)):
        heads = {
            lang: invoke(*command, "--format", "csv", "--header", "ids", "--lang", lang)[1].split(
                "\n"
            )[0]
            for lang in LANGS
        }
        assert heads["zh"] == heads["en"]
        assert heads["zh"].startswith(("level,id,name,", "row,entity,period,total,"))


LANGS = ("zh", "en")


def test_a_line_never_starts_with_chinese_closing_punctuation() -> None:
    from engine.render.wrap import NO_LINE_START
    from engine.render.wrap import wrap_cells as _wrap

    text = "开展政策培训、业务培训次数"
    for width in range(4, 26):
        lines = _wrap(text, width)
        assert "".join(lines) == text
        assert all(line[0] not in NO_LINE_START for line in lines), (width, lines)


def test_a_number_keeps_its_counter_word_and_a_cell_its_unit() -> None:
    from engine.render.wrap import wrap_cells as _wrap

    assert _wrap("引进注册资本 1000 万的企业数", 14) == ["引进注册资本", "1000 万的企业", "数"]
    assert _wrap("≥ 100000 人次", 12) == ["≥", "100000 人次"]
    assert _wrap("“三公”经费控制率", 10) == ["“三公”经费", "控制率"]


@settings(max_examples=200)
@given(
    st.lists(
        st.tuples(
            st.sampled_from("指标预算执行率开展政策培训"),
            st.sampled_from(["", "、", "，", "。", "；", "：", "”", "）"]),
        ),
        min_size=1,
        max_size=40,
    ),
    st.integers(min_value=6, max_value=40),
)
def test_wrapping_keeps_every_character_and_the_punctuation_rule(
    pieces: list[tuple[str, str]], width: int
) -> None:
    from rich.cells import cell_len

    from engine.render.wrap import NO_LINE_START
    from engine.render.wrap import wrap_cells as _wrap

    text = "".join(a + b for a, b in pieces)
    lines = _wrap(text, width)
    assert "".join(lines) == text
    assert all(cell_len(line) <= width for line in lines)
    assert all(line[0] not in NO_LINE_START for line in lines)


def test_at_60_columns_the_name_column_keeps_room(monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.cells import cell_len

    from engine.render.wrap import NO_LINE_START

    monkeypatch.chdir(ROOT)
    code, out, _err = invoke("score", *SEED, "--width", "60", "--lang", "zh")
    assert code == 0
    lines = out.split("\n")
    head = next(line for line in lines if line.startswith("指标"))
    name_width = cell_len(head[: head.index("目标值")]) - 2
    target_width = cell_len(head[head.index("目标值") : head.index("实际值")]) - 2
    assert name_width >= 16 and name_width >= target_width
    assert all(cell_len(line) <= 60 for line in lines)
    assert not [line for line in lines if line.strip() and line.strip()[0] in NO_LINE_START]
    # the case the issue names: 开展政策培训、业务培训次数 broken before its 、
    assert not any(line.strip().startswith("、") for line in lines)


def test_batch_input_columns_may_be_named_by_the_inputs_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    text = (ROOT / UNITS).read_text("utf-8")
    named = tmp_path / "named.csv"
    named.write_text(text.replace("budget,spent,", "全年预算数,全年执行数,", 1), "utf-8")
    by_id = invoke("batch", SEED[0], UNITS, "--format", "csv")
    by_name = invoke("batch", SEED[0], str(named), "--format", "csv")
    assert by_name[0] == by_id[0] == 1  # the same row fails (a missing input) in both
    assert by_name[1] == by_id[1].replace(UNITS, str(named))
    assert by_name[2] == by_id[2].replace(UNITS, str(named))
    twice = tmp_path / "twice.csv"
    twice.write_text("entity,budget,全年预算数\nA,1,1\n", "utf-8")
    code, _out, err = invoke("batch", SEED[0], str(twice))
    assert code == 1
    assert err.startswith(
        f"{twice}:1:3: column '全年预算数' gives the input 'budget' again "
        "(column 2 'budget' does already); keep one of them\n"
    )


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["score", SEED[0]],
            "scorecard score：缺少参数 'ACTUALS'；见 'scorecard score --help'",
        ),
        (
            ["score", *SEED, "-f", "pdf"],
            "scorecard score：'--format' / '-f' 的值无效：'pdf' 不在可选值 'table', 'tree', "
            "'json', 'markdown', 'html', 'csv', 'xlsx' 之中；见 'scorecard score --help'",
        ),
        (
            ["score", *SEED, "--width", "10"],
            "scorecard score：'--width' 的值无效：至少为 40；见 'scorecard score --help'",
        ),
        (
            ["score", *SEED, "--nosuch"],
            "scorecard score：没有选项 --nosuch；见 'scorecard score --help'",
        ),
        (["nosuch"], "scorecard：没有命令 'nosuch'；见 'scorecard --help'"),
        (["scor"], "scorecard：没有命令 'scor'（是否想写 'score'？）；见 'scorecard --help'"),
        (
            ["score", *SEED, "-o"],
            "scorecard score：选项 '-o' 需要一个值；见 'scorecard score --help'",
        ),
        (
            ["score", *SEED, "--width", "abc"],
            "scorecard score：'--width' 的值无效：请给出一个整数；见 'scorecard score --help'",
        ),
        (
            ["score", *SEED, "extra"],
            "scorecard score：多余的参数：extra；见 'scorecard score --help'",
        ),
        (
            ["template", SEED[0]],
            "scorecard template：缺少选项 '-o' / '--output'；见 'scorecard template --help'",
        ),
    ],
)
def test_usage_errors_in_chinese_keep_their_exit_code(
    argv: list[str],
    expected: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from engine.cli import main

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert capsys.readouterr().err == expected + "\n"


def test_full_width_digits_are_numbers_and_other_scripts_are_refused_by_name() -> None:
    from fractions import Fraction

    from engine.base.numbers import NumberError, parse_number

    assert parse_number("８５") == 85
    assert parse_number("－１２．５") == Fraction(-25, 2)
    with pytest.raises(NumberError) as bengali:
        parse_number("৪")
    assert str(bengali.value) == (
        "'৪' is not a number: '৪' is a digit of another script (Bengali Digit Four); "
        "write the digits 0-9"
    )
    with pytest.raises(NumberError, match="Arabic-Indic Digit One"):
        parse_number("١٠٠")


# That no command prints an English sentence in Chinese is tested in
# tests/test_i18n_sentences.py, over every command and the pages they write.


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def _seed_with(old: str, new: str) -> bytes:
    text = (ROOT / SEED[1]).read_text("utf-8")
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


def test_misleading_messages_of_the_issue_now_say_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point 7 of issue 14: each message in both languages, with the same facts."""
    monkeypatch.chdir(ROOT)
    spec = (ROOT / SEED[0]).read_text("utf-8")
    frac = _write(
        tmp_path,
        "frac.yaml",
        spec.replace("{min: 60, points: 2}", "{min: 60, fraction: 80%}", 1).encode(),
    )
    pct = _write(
        tmp_path,
        "pct.yaml",
        spec.replace("unit: '%'", "unit: %", 1).replace('unit: "%"', "unit: %", 1).encode(),
    )
    band = next(n for n, line in enumerate(spec.splitlines(), 1) if "{min: 60, points: 2}" in line)
    percent = next(n for n, line in enumerate(spec.splitlines(), 1) if 'unit: "%"' in line)
    empty = _write(tmp_path, "empty.yaml", _seed_with("rehab: 70", 'rehab: ""'))
    broken = _write(
        tmp_path, "a.json", b'{"spec": "gz-dept-overall-2021", "values": {"rehab": 70\n'
    )
    cases = [
        (
            ("validate", frac),
            f"{frac}:{band}:35: 'fraction' must be a number, not the text '80%'; write 0.8 "
            "(a share of the weight: 80% is 0.8)",
            f"{frac}:{band}:35: 'fraction' 必须是数值，而不是文字 '80%'；请写 0.8"
            "（分值的比例：80% 即 0.8）",
        ),
        (
            ("validate", pct),
            f"{pct}:{percent}:15: YAML syntax error: a value cannot start with '%' unless it is "
            "quoted; write it in quotes, e.g. unit: '%'",
            f"{pct}:{percent}:15: YAML 语法错误：值不加引号时不能以 '%' 开头；"
            "请加上引号，例如 unit: '%'",
        ),
        (
            ("score", SEED[0], empty),
            f"{empty}:33:10: 'rehab' is empty (''); give a number or text or "
            "{grade: ..., score: ...}, or leave the key out",
            f"{empty}:33:10: 'rehab' 为空（''）；请给出数值或文字或 "
            "{grade: ..., score: ...}，或者删去这个键",
        ),
        (
            ("score", SEED[0], broken),
            f"{broken}:1:44: JSON syntax error: the '{{' opened here is never closed; add "
            "'}' (or a ',' between entries)",
            f"{broken}:1:44: JSON 语法错误：此处的 '{{' 没有闭合；"
            "请加上 '}'（或在各项之间加 ','）",
        ),
    ]
    for args, english, chinese in cases:
        for lang, expected in (("en", english), ("zh", chinese)):
            code, _out, err = invoke(*args, "--lang", lang)
            assert code == 1
            assert err.splitlines()[0] == expected


def test_chinese_meets_latin_with_a_space_and_chinese_meets_chinese_without(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A list of choices put into a Chinese sentence: a space where Chinese meets a
    method's name, none between two Chinese words (it read 必须是ratio…之一 或 由)."""
    (tmp_path / "s.yaml").write_text(
        "spec: 1\nid: s\ntotal: 10\nindicators:\n"
        "  - {id: a, name: 甲, weight: 10, direction: higher, target: 1, method: 比率法}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    methods = "ratio, threshold, linear, bands, deduct, grades, formula"
    expected = {
        "en": f"s.yaml:5:72: 'method' must be one of {methods} or a name of letters, digits "
        "and _, not the text '比率法'; 比率法 is ratio",
        "zh": "s.yaml:5:72: 'method' 必须是 ratio、threshold、linear、bands、deduct、grades、"
        "formula 之一或由英文字母、数字和 _ 组成的名称，而不是文字 '比率法'；比率法 即 ratio",
    }
    for lang, line in expected.items():
        code, _out, err = invoke("--lang", lang, "validate", "s.yaml")
        assert code == 1
        assert err.splitlines()[0] == line


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "s.yaml:5:30: 'weight' must be a number, not the text '60分'; write 60 "
            "(the number alone, without '分')",
        ),
        (
            "zh",
            "s.yaml:5:30: 'weight' 必须是数值，而不是文字 '60分'；请写 60（只写数字，不带 '分'）",
        ),
    ],
)
def test_a_weight_written_with_its_unit_is_told_to_give_the_number_alone(
    lang: str, expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "s.yaml").write_text(
        "spec: 1\nid: s\ntotal: 60\nindicators:\n"
        "  - {id: a, name: 甲, weight: 60分, direction: higher, target: 1, method: ratio}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    code, _out, err = invoke("--lang", lang, "validate", "s.yaml")
    assert code == 1
    assert err.splitlines()[0] == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "a.yaml:33:10: values: 'rehab' needs a number (%), not the text '70 次'; write 70 "
            "(the number alone, without '次')",
        ),
        (
            "zh",
            "a.yaml:33:10: values：'rehab' 需要一个数值（%），而不是文字 '70 次'；"
            "请写 70（只写数字，不带 '次'）",
        ),
    ],
)
def test_an_actual_written_with_a_unit_is_told_to_give_the_number_alone(
    lang: str, expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.yaml").write_bytes(_seed_with("rehab: 70", "rehab: 70 次"))
    monkeypatch.chdir(ROOT)
    code, _out, err = invoke("--lang", lang, "score", SEED[0], str(tmp_path / "a.yaml"))
    assert code == 1
    assert err.splitlines()[0] == f"{tmp_path}/{expected}"


def test_a_direction_as_a_scoring_table_says_it_is_told_its_keyword_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "s.yaml").write_text(
        "spec: 1\nid: s\ntotal: 10\nindicators:\n"
        "  - {id: a, name: 甲, weight: 10, direction: 反向, target: 1, method: ratio}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    code, _out, err = invoke("--lang", "zh", "validate", "s.yaml")
    assert code == 1
    assert err.splitlines()[0] == (
        "s.yaml:5:45: 'direction' 不能是文字 '反向'；反向 即 lower；可用：higher、lower"
    )


def test_a_value_put_into_a_sentence_is_spaced_only_where_latin_meets_chinese() -> None:
    from engine.base.text import fill, joined

    assert fill("{k} 必须是{x}，而不是{y}", k="'a'", x="ratio 之一", y="true") == (
        "'a' 必须是 ratio 之一，而不是 true"
    )
    assert fill("{k} 必须是{x}，而不是{y}", k="'a'", x="数值", y="文字 'b'") == (
        "'a' 必须是数值，而不是文字 'b'"
    )
    assert fill("'{k}' must be {x}", k="a", x="b") == "'a' must be b"  # English as format
    assert joined(["a number", "text"], "or") == "a number or text"
    assert joined(["数值", "文字", "{grade: ...}"], "或") == "数值或文字或 {grade: ...}"
    assert joined(["[low, high]（两个数值）", "数值"], "或") == "[low, high]（两个数值）或数值"


def test_full_width_numbers_and_gbk_yaml_are_read_like_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    plain = invoke("score", *SEED, "--format", "json")[1]
    full = _write(tmp_path, "a.yaml", _seed_with("rehab: 70", "rehab: ７０"))
    gbk = _write(tmp_path, "g.yaml", (ROOT / SEED[1]).read_text("utf-8").encode("gb18030"))
    for path in (full, gbk):
        code, out, err = invoke("score", SEED[0], path, "--format", "json")
        assert (code, err) == (0, "")
        assert json.loads(out)["total"] == json.loads(plain)["total"]


def test_a_missing_key_is_hinted_in_chinese_in_full(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The example of a missing key is said in Chinese too, not left as "add e.g."."""
    from engine.cli import main

    (tmp_path / "s.yaml").write_text("spec: 1\nid: t\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("values: {a: 1}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    with pytest.raises(SystemExit) as exit_:
        main(["validate", "s.yaml"])
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert (
        "s.yaml:1:1: 缺少必需的键 'total' (满分 / full marks)；可添加，例如 'total: 100'"
        "（或用 extends 扩展一个基础规格）\n"
    ) in err
    assert "add e.g." not in err
    with pytest.raises(SystemExit) as exit_:  # actuals that forgot their spec's id
        main(["validate", "a.yaml"])
    assert exit_.value.code == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "a.yaml:1:1: 缺少必需的键 'spec' (规格标识 / spec id)；"
        "可添加，例如 'spec: <这些实际值所对应规格的标识>'"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a: [1, 2]]\n",
            "y.yaml:1:10: YAML 语法错误：这里应当是一个键（检查这一行与上面几行的缩进是否对齐）",
        ),
        (
            "- a\nb: 1\n",
            "y.yaml:2:1: YAML 语法错误：这里应当是列表项的 '-'"
            "（检查这一行与上面列表项的缩进是否对齐）",
        ),
    ],
)
def test_yaml_syntax_errors_are_said_in_chinese(
    text: str, expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """libyaml's own words were left in English in the Chinese interface."""
    from engine.base.errors import LoadError
    from engine.base.i18n import set_language
    from engine.spec.load import load_text

    set_language("zh")
    try:
        with pytest.raises(LoadError) as e:
            load_text(text, "y.yaml")
        assert str(e.value) == expected
    finally:
        set_language("en")


def test_the_systems_reason_is_said_in_chinese() -> None:
    from engine.base.errors import os_reason
    from engine.base.i18n import set_language

    set_language("zh")
    try:
        assert (
            os_reason(FileNotFoundError(2, "No such file or directory")) == "没有这个文件或文件夹"
        )
        assert os_reason(PermissionError(13, "Permission denied")) == "没有权限"
        assert os_reason(OSError(errno.EIO, "Input/output error")) == "输入/输出错误"
        assert os_reason(OSError(errno.ELOOP, "Too many levels of symbolic links")) == (
            "符号链接层数过多，可能链接成环"
        )
        assert os_reason(OSError(errno.EPROTO, "Protocol error")) == "Protocol error"  # unlisted
    finally:
        set_language("en")
