"""``LANG=zh_CN.UTF-8 scorecard …`` prints no English sentence, in any command.

Each command runs on the shipped examples with the locale as a user's terminal
sets it (``LANG``, no ``SCORECARD_LANG`` and no ``--lang``), and every line of
its standard output and standard error, and of the pages it writes, is searched
for an English sentence.

An English sentence is three or more consecutive words of ASCII letters
(separated by spaces, commas, semicolons, colons or apostrophes only) that are
not Latin on purpose. What stays Latin on purpose, and so breaks a run:

- the ids and input keys of the shipped specs (``trips``, ``budget``), and every
  word holding ``_``, a digit, ``-``, ``/`` or ``.`` (ids, keys, paths, options,
  versions, ``half_up``);
- the spec's keywords, method names and formula names (:data:`SPEC_WORDS`);
- the names of formats and tools (:data:`NAMES`);
- JSON (a line that starts with ``{`` or ``[``), and a command line shown as an
  example (from ``scorecard`` to the end of the line).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engine.cli import app

ROOT = Path(__file__).resolve().parent.parent

#: the spec's keys and keywords, method names and formula functions
SPEC_WORDS = frozenset(
    """
    spec title version total rounding places mode apply each grades grade min max
    inputs indicators children weight target actual direction higher lower method
    methods params formula ratio threshold linear bands deduct points fraction cap
    partial per from unit name aggregate mean sum values overrides notes score reason
    extends change remove add include effective to if else and or not clamp round abs
    floor ceil sqrt ln exp where true false null up down even
    """.split()  # noqa: SIM905 - a list a reader can scan
)
#: formats, tools and keys a user types as they are
NAMES = frozenset(
    """
    scorecard yaml json csv xlsx html markdown parquet schema utf gbk bom excel dask
    arrow pyarrow pandas polars calamine pip install python enter esc escape tab
    """.split()  # noqa: SIM905
)
#: the commands, which an example line or a hint names
COMMANDS = frozenset(
    """
    validate schema score explain compare whatif methods init import show batch test
    view verify template review
    """.split()  # noqa: SIM905
)


def _shipped_ids() -> frozenset[str]:
    """Every id and input key of the shipped specs and examples."""
    found: set[str] = set()
    for path in [*ROOT.glob("specs/**/*.yaml"), *ROOT.glob("examples/**/*.yaml")]:
        text = path.read_text("utf-8", errors="replace")
        found.update(re.findall(r"\bid:\s*([A-Za-z][\w-]*)", text))
        found.update(re.findall(r"^\s{2,}([A-Za-z]\w*):", text, re.M))
    return frozenset(word.lower() for word in found if len(word) > 1)


ALLOWED = SPEC_WORDS | NAMES | COMMANDS | _shipped_ids()
#: a word, a piece of Latin text (an id, path, number or option), a separator, or any other
TOKEN = re.compile(r"[A-Za-z0-9_\-/.'’]+|[ ,;:]+|.")
WORD = re.compile(r"['’]?[A-Za-z][a-z]*(?:['’][a-z]+)?['’]?")


def _english_word(token: str) -> bool:
    return WORD.fullmatch(token) is not None and token.strip("'’").lower() not in ALLOWED


def english_sentences(text: str) -> list[str]:
    """The English sentences of ``text`` (see the module's note), one per run."""
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith(("{", "[")):
            continue  # JSON
        line = re.sub(r"\bscorecard \w.*$", "", line)  # an example command line
        run: list[str] = []
        for token in [*TOKEN.findall(line), "|"]:
            if _english_word(token) and (len(token.strip("'’")) > 1 or token == "a"):
                run.append(token)
            elif not re.fullmatch(r"[ ,;:]+", token):
                if len(run) >= 3:
                    found.append(" ".join(run))
                run = []
    return found


def test_english_sentences_are_found_and_latin_on_purpose_is_not() -> None:
    assert english_sentences("a.yaml:1:2: no such file; give another") == [
        "no such file give another"
    ]
    assert english_sentences("values: unknown indicator id 'trip'") == ["unknown indicator id"]
    assert english_sentences("  weight if actual >= target else 0") == []
    assert english_sentences("trips, garbage, sanitation, rehab") == []
    assert english_sentences("示例：scorecard batch specs/x.yaml units.csv --missing zero") == []
    assert english_sentences('{"rounded by the rule": 1}') == []
    assert english_sentences("the sheet is empty") == ["the sheet is empty"]
    assert english_sentences("3 entities scored under both") == ["entities scored under both"]
    assert english_sentences("单位（open for its derivation）") == ["open for its derivation"]
    assert english_sentences("x.json: agrees with a re-score of") == ["agrees with a"]


SEED = ("specs/gz-dept-overall-2021.yaml", "examples/licheng-2021/actuals.yaml")
UNITS = "examples/docs/units.csv"
SUBMISSION = "examples/licheng-2021/submission.yaml"
#: one run of each command a person reads, on the shipped examples
RUNS: dict[str, tuple[str, ...]] = {
    "score": ("score", *SEED),
    "score-tree": ("score", *SEED, "--format", "tree"),
    "score-markdown": ("score", *SEED, "--format", "markdown"),
    "score-roads": (
        "score",
        "specs/national-project-2020.yaml",
        "examples/rural-roads-2023/actuals.yaml",
    ),
    "explain": ("explain", *SEED, "trips"),
    "batch": ("batch", SEED[0], UNITS),
    "compare": ("compare", *SEED, "--set", "rounding.mode=half_even"),
    "compare-table": ("compare", SEED[0], "examples/docs/gz-2021-v2.yaml", UNITS),
    "compare-versions": (
        "compare",
        "examples/families/years/rules-2021.yaml",
        "examples/families/years/rules-2022.yaml",
    ),
    "whatif": ("whatif", *SEED),
    "test": ("test", "specs/"),
    "test-failing": ("test", "tests/data/i18n/failing.tests.yaml"),
    "validate-broken": ("validate", "examples/docs/broken.yaml"),
    "score-bad-actuals": ("score", SEED[0], "examples/docs/my-actuals.yaml"),
    "batch-bad-cells": ("batch", SEED[0], "examples/docs/errors.csv"),
    "methods": ("methods",),
    "show": ("show", "examples/families/units/unit-a-2021.yaml", "--resolved"),
    "review": ("review", SEED[0], SUBMISSION, "--tolerance", "0.01"),
    **{f"help-{c}": (c, "--help") for c in sorted(COMMANDS)},
    "help": ("--help",),
}
#: runs that still print English, with the words they print; each is a known gap
#: (the modules of review, verify and template are being made bilingual apart)
KNOWN_GAPS: dict[str, list[str]] = {}  # every command speaks Chinese through


def _run(args: tuple[str, ...], tmp_path: Path) -> str:
    result = CliRunner().invoke(app, list(args), env={"LANG": "zh_CN.UTF-8", "COLUMNS": "80"})
    assert result.exit_code in (0, 1), (result.exit_code, result.output)
    return result.stdout + result.stderr


@pytest.mark.parametrize("name", list(RUNS))
def test_lang_zh_prints_no_english_sentence(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("SCORECARD_LANG", raising=False)
    assert english_sentences(_run(RUNS[name], tmp_path)) == KNOWN_GAPS.get(name, [])


def _page_text(page: str) -> str:
    """A page's words: its text and titles, without its style, script and charts' code."""
    page = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.S)
    titles = re.findall(r'(?:title|aria-label)="([^"]*)"', page)
    page = re.sub(r"<[^>]+>", "\n", page)
    return html.unescape(page + "\n" + "\n".join(titles))


PAGES: dict[str, tuple[str, ...]] = {
    "batch.html": ("batch", SEED[0], UNITS, "--format", "html"),
    "compare.html": ("compare", SEED[0], "examples/docs/gz-2021-v2.yaml", UNITS),
    "score.html": ("score", *SEED, "--format", "html"),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_pages_in_chinese_hold_no_english_sentence(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pygal")
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("SCORECARD_LANG", raising=False)
    out = tmp_path / name
    _run((*PAGES[name], "-o", str(out)), tmp_path)
    page = out.read_text("utf-8")
    assert '<html lang="zh-CN">' in page
    assert english_sentences(_page_text(page)) == []


def test_verify_and_template_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("SCORECARD_LANG", raising=False)
    card = tmp_path / "licheng.json"
    _run(("score", *SEED, "--format", "json", "-o", str(card)), tmp_path)
    said = _run(("verify", str(card)), tmp_path)
    said += _run(("template", SEED[0], "-o", str(tmp_path / "自评表.xlsx")), tmp_path)
    assert english_sentences(said) == KNOWN_GAPS.get("verify+template", [])


def test_import_and_init_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("SCORECARD_LANG", raising=False)
    draft = str(tmp_path / "draft.yaml")
    said = _run(("import", "examples/import/national-project.xlsx", "-o", draft), tmp_path)
    said += _run(("validate", draft), tmp_path)
    said += _run(("init", str(tmp_path / "new")), tmp_path)
    assert "待确认" in said
    assert english_sentences(said) == []
