"""Hostile inputs, round three: the explorer and the layout of escaped text, what
reaches a terminal from the exports, positions after surrogate pairs, the pure
Python YAML loader, and a probe of spreadsheets, paths and the command line.

Command lines run in a fresh process (tests/cli_process.py) with a generous hang
guard, never a timing assertion; each refusal is one located line.
"""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
from pathlib import Path

import cli_process
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

# the inputs, environment and hang guard of round two, and its single located line of a refusal
from tests.test_hostile_round2 import BASE, ENV, HANG, OK, ROOT, one_line

#: ESC (erase the line, move up), BEL, a right-to-left override and the C1 CSI,
#: then what rich and Textual would read as markup
HOSTILE = "\x1b[2K\x1b[1A\x07\u202e\x9b[/]"
#: the same, as the terminal must show it
SHOWN = "\\x1b[2K\\x1b[1A\\x07\\u202e\\x9b[/]"
#: the same, written as YAML double-quoted escapes
YAML_ESCAPES = "\\e[2K\\e[1A\\a\\u202e\\x9b[/]"
#: a raw control or bidi character anywhere in what is shown
RAW = ("\x1b", "\x07", "\x9b", "\u202e")


def run(*args: object, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    done = cli_process.run([*map(str, args)], cwd=cwd, env=ENV, timeout=HANG)
    return subprocess.CompletedProcess(args, done.code, done.out, done.err)


def hostile_inputs(folder: Path) -> None:
    """s.yaml (title and a name), a.yaml (entity and a note) and t.csv (entities)
    carrying :data:`HOSTILE`."""
    spec = BASE.read_text(encoding="utf-8")
    spec = spec.replace("title: 基础规格", f'title: "T{YAML_ESCAPES}"')
    spec = spec.replace("name: 外出招商次数", f'name: "N{YAML_ESCAPES}"')
    (folder / "s.yaml").write_text(spec, encoding="utf-8")
    (folder / "a.yaml").write_text(
        f'spec: hostile-base\nentity: "E{YAML_ESCAPES}"\ninputs: {{budget: 100, spent: 90}}\n'
        f'values:\n  trips: 3\n  incidents: 0\nnotes:\n  trips: "note{YAML_ESCAPES}"\n',
        encoding="utf-8",
    )
    (folder / "t.csv").write_text(
        f'entity,budget,spent,trips,incidents\n"Ev{HOSTILE}",100,90,3,0\nGood,100,100,4,0\n',
        encoding="utf-8",
    )


# -- 1. the explorer shows control characters escaped ---------------------------------


def _screen(app: object) -> str:
    """What the explorer's terminal shows, as plain text."""
    size = app.size  # type: ignore[attr-defined]
    console = Console(
        width=size.width, height=size.height, file=io.StringIO(), record=True, color_system=None
    )
    console.print(app.screen._compositor.render_update(full=True))  # type: ignore[attr-defined]
    return console.export_text()


def test_the_explorer_shows_names_notes_and_entities_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("textual")
    from engine.cli.inputs import load_spec_with_sets
    from engine.cli.view import entity_screen, table_screen
    from engine.render.explorer import Explorer

    hostile_inputs(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    spec = load_spec_with_sets("s.yaml")

    async def entity() -> list[str]:
        app = Explorer(entity_screen(spec, "a.yaml", "error"))
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.press("down")  # trips: the hostile name and note
            await pilot.pause()
            return [_screen(app)]

    async def table() -> list[str]:
        app = Explorer(table_screen(spec, "t.csv", "error"))
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.pause()
            screens = [_screen(app)]
            await pilot.press("down", "enter")  # open the hostile entity
            await pilot.pause()
            return [*screens, _screen(app)]

    (first,) = asyncio.run(entity())
    listed, opened = asyncio.run(table())
    for screen in (first, listed, opened):
        assert not any(ch in screen for ch in RAW), repr(screen)
    assert f"Total 8.85/10.00 · T{SHOWN} · E{SHOWN}" in first  # the title bar
    assert f"2.25/3.00 [D] N{SHOWN}" in first  # the tree
    assert f"note: note{SHOWN}" in first  # the derivation
    assert listed.startswith(f"T{SHOWN} ")
    rows = [line for line in listed.split("\n") if line.startswith(("    1", "    2"))]
    assert rows[1].startswith(f"    2   8.85  —      Ev{SHOWN}    2  3.60")
    assert rows[0].index("4.00") == rows[1].index("3.60")  # the list stays aligned
    assert f"Total 8.85/10.00 · T{SHOWN} · Ev{SHOWN}" in opened


# -- 2. escaped text is laid out at the width it is shown -------------------------------


def _widths(text: str) -> set[int]:
    return {cell_len(line) for line in text.split("\n") if line}


def test_a_hostile_name_keeps_the_batch_statistics_aligned(tmp_path: Path) -> None:
    hostile_inputs(tmp_path)
    p = run("batch", "s.yaml", "t.csv", "--lang", "zh", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert not any(ch in p.stdout for ch in RAW), repr(p.stdout)
    lines = p.stdout.split("\n")
    assert f"    2      8.85  —      Ev{SHOWN}  (2)" in lines  # BEL shown, not dropped
    stats = lines[lines.index(next(x for x in lines if x.startswith("指标"))) :][:4]
    # the name column is as wide as the name, escapes shown whole
    assert stats[2].startswith("N\\x1b[2K\\x1b[1A\\x07\\u202e\\x9b[/]   ")
    ends = {cell_len(line.rstrip()) for line in stats}
    assert len(ends) == 1, stats  # every column ends where the header's does
    p = run("batch", "s.yaml", "t.csv", "--lang", "zh", "--width", "64", cwd=tmp_path)
    lines = p.stdout.split("\n")
    stats = lines[lines.index(next(x for x in lines if x.startswith("指标"))) :][:4]
    # 28 cells left: cut before a whole escape (\\x9b would pass them), never inside
    # one, and the id after the cut
    assert stats[2].startswith("N\\x1b[2K\\x1b[1A\\x07… (trips)   "), stats
    assert len({cell_len(line.rstrip()) for line in stats}) == 1, stats


def test_a_hostile_name_keeps_the_scorecard_table_aligned(tmp_path: Path) -> None:
    from conftest import score_of, spec_of

    from engine.render.text import make_console, table

    hostile_inputs(tmp_path)
    spec = spec_of((tmp_path / "s.yaml").read_text(encoding="utf-8"))
    sc = score_of(spec, (tmp_path / "a.yaml").read_text(encoding="utf-8"))
    buf = io.StringIO()
    make_console(100, color=False, file=buf).print(table(sc))
    text = buf.getvalue()
    assert not any(ch in text for ch in RAW), repr(text)
    lines = text.split("\n")
    head = next(i for i, line in enumerate(lines) if line.startswith("Indicator"))
    rows = [lines[head], *(line for line in lines[head + 2 : head + 8] if line[:1] != " ")]
    assert rows[2].startswith(f"N{SHOWN}   "), rows
    assert len({cell_len(line.rstrip()) for line in rows}) == 1, rows  # the columns line up


def test_rich_text_from_the_inputs_is_escaped_before_it_is_measured() -> None:
    from engine.render.safe_text import Text, cell_len

    t = Text(f"a{HOSTILE}b\nc")
    assert t.plain == f"a{SHOWN}b\nc"
    t.append("\x07\r")
    assert t.plain.endswith("\\x07\\x0d")
    assert cell_len(f"a{HOSTILE}") == 1 + len(SHOWN)


def test_no_renderer_takes_text_or_widths_from_rich_directly() -> None:
    """Every renderer for the terminal gets its Text and cell_len from
    engine.render.safe_text (the SVG charts measure their labels for pygal)."""
    import ast

    found = []
    for path in sorted((ROOT / "engine" / "render").glob("*.py")):
        if path.name in ("safe_text.py", "charts.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module in ("rich.text", "rich.cells"):
                found.append(f"{path.name}:{node.lineno}")
    assert found == []


# -- 3. exports shown on a terminal are escaped; into a file or a pipe they are exact -------


def in_terminal(*args: object, cwd: Path) -> tuple[int, str]:
    """``python -m engine ARGS`` with standard output on a pseudo-terminal: the exit
    code and what the terminal received (its line ends back to ``\\n``)."""
    import pty
    import select
    import time

    from conftest import hang_guard

    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "engine", *map(str, args)],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=subprocess.DEVNULL,
        cwd=cwd,
        env={**ENV, "PYTHONPATH": str(ROOT)},
    )
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + HANG
    try:
        while True:
            hang_guard(deadline, seen[-500:].decode("utf-8", "replace"))
            if select.select([leader], [], [], 1)[0]:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # the command ended and closed the terminal
                    break
                if not chunk:
                    break
                seen += chunk
            elif proc.poll() is not None:
                break
        code = proc.wait(timeout=HANG)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(leader)
    return code, seen.decode("utf-8").replace("\r\n", "\n")


EXPORTS = [
    ("score", "s.yaml", "a.yaml", "--format", "csv"),
    ("score", "s.yaml", "a.yaml", "--format", "markdown"),
    ("score", "s.yaml", "a.yaml", "--format", "json"),
    ("score", "s.yaml", "a.yaml", "--format", "html"),
    ("batch", "s.yaml", "t.csv", "--format", "csv"),
    ("batch", "s.yaml", "t.csv", "--format", "json"),
    ("batch", "s.yaml", "t.csv", "--format", "html"),
]


#: how a format shows :data:`HOSTILE` on a terminal, where not as the console does
MARKED = {
    "json": "\\u001b[2K\\u001b[1A\\u0007\\u202e\\x9b",  # JSON's own escapes for C0
    "markdown": "\\x1b\\[2K\\x1b\\[1A\\x07\\u202e\\x9b",  # Markdown's for brackets
}


@pytest.mark.parametrize("args", EXPORTS, ids=lambda a: f"{a[0]}-{a[-1]}")
def test_exports_on_a_terminal_show_control_characters_escaped(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    hostile_inputs(tmp_path)
    code, shown = in_terminal(*args, cwd=tmp_path)
    assert code == 0
    assert not any(ch in shown for ch in (*RAW, "\r")), repr(shown[:3000])
    assert MARKED.get(args[-1], "\\x1b[2K\\x1b[1A\\x07\\u202e\\x9b") in shown


@pytest.mark.parametrize("args", EXPORTS, ids=lambda a: f"{a[0]}-{a[-1]}")
def test_exports_into_a_pipe_or_a_file_are_exact(tmp_path: Path, args: tuple[str, ...]) -> None:
    hostile_inputs(tmp_path)
    piped = run(*args, cwd=tmp_path)
    assert piped.returncode == 0, piped.stderr
    if args[-1] != "markdown":  # Markdown is text to read, shown escaped wherever it goes
        assert "\x9b" in piped.stdout and "\u202e" in piped.stdout  # as given
    written = run(*args, "-o", "out.txt", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == piped.stdout


# -- 4. positions after a surrogate-pair escape are where the file has them ----------------


def _col(text: str, needle: str, line: int = 1) -> int:
    return text.split("\n")[line - 1].index(needle) + 1


def test_positions_after_surrogate_pairs_in_json_are_exact(tmp_path: Path) -> None:
    text = (
        '{"spec": "hostile-base", "entity": "\\ud842\\udfb7\\ud83d\\ude00 \\\\ud842",\n'
        ' "inputs": {"budget": 100, "spent": 90}, "period": "\\ud842\\udfb7",'
        ' "values": {"trips": 3, "incidents": 0, "nope": 1}}\n'
    )
    (tmp_path / "a.json").write_text(text, encoding="utf-8")
    assert _col(text, '"nope"', 2) == 107  # 105 once the pair is joined
    line = one_line(run("score", BASE, "a.json", cwd=tmp_path))
    assert line == ("a.json:2:107: values: unknown indicator id 'nope'; known: trips, incidents")


@pytest.mark.parametrize(
    ("tail", "where", "message"),
    [
        (
            '"x": [1, 2}',
            "[",
            "JSON syntax error: the '[' opened here is never closed; add ']' (or a ',' "
            "between entries)",
        ),
        (
            '"x": "a\x01"}',
            "\x01",
            "a raw control character (\\x01) is not allowed in YAML; remove it, or write it "
            "as the escape \\x01 inside double quotes",
        ),
    ],
    ids=["unclosed", "control"],
)
def test_errors_after_surrogate_pairs_in_json_are_located_exactly(
    tail: str, where: str, message: str
) -> None:
    from engine.base.errors import LoadError
    from engine.spec.load import load_text

    text = '{"a": "\\ud842\\udfb7", "b": "\\ud83d\\ude00\\ud83d\\ude00", ' + tail
    with pytest.raises(LoadError) as e:
        load_text(text, "x.json")
    assert str(e.value) == f"x.json:1:{_col(text, where)}: {message}"


@given(
    st.lists(st.text(alphabet=st.sampled_from('a𠮷😀\n"\\é'), max_size=6), min_size=1, max_size=6)
)
def test_every_key_is_where_the_json_file_has_it(values: list[str]) -> None:
    import json

    from engine.spec.load import load_text

    data = {f"k{i}": v for i, v in enumerate(values)}
    text = json.dumps(data, indent=1 if len(values) % 2 else None)  # pairs for 𠮷 and 😀
    doc = load_text(text, "x.json")
    assert doc.data == data
    for key in data:
        at = text.index(f'"{key}"')
        pos = doc.key_pos((key,))
        line = text.count("\n", 0, at) + 1
        assert (pos.line, pos.col) == (line, at - (text.rfind("\n", 0, at) + 1) + 1)


# -- 5. syntax errors are worded and placed alike by libyaml and the Python parser ---------

LOADERS = ["CSafeLoader", "SafeLoader"]

SYNTAX = [
    (  # YAML reads "weight:30" as one text, and says a ':' is missing a line later
        "a:\n  name: 完成率\n  weight:30\n  unit: '%'\n",
        "3:9: YAML syntax error: 'weight:30' has no space after the ':' of its key; write "
        "weight: 30",
    ),
    (  # on the last line: placed past the end of the file
        "a:\n  - id: x\n    method:ratio\n",
        "3:11: YAML syntax error: 'method:ratio' has no space after the ':' of its key; "
        "write method: ratio",
    ),
    ("a: [1, 2\n", "1:4: YAML syntax error: the '[' opened here is never closed; add ']'"),
    ("a: [1, 2", "1:4: YAML syntax error: the '[' opened here is never closed; add ']'"),
    ("a: {x: 1\n", "1:4: YAML syntax error: the '{' opened here is never closed; add '}'"),
    ("a: [1, 2\nb: 3\n", "1:4: YAML syntax error: the '[' opened here is never closed; add ']'"),
    ("a: {x: 1, y: [1\n", "1:14: YAML syntax error: the '[' opened here is never closed; add ']'"),
    ("[1, [2, 3]\n\n\n", "1:1: YAML syntax error: the '[' opened here is never closed; add ']'"),
    (
        "  - {id: a, name: A\n",
        "1:5: YAML syntax error: the '{' opened here is never closed; add '}'",
    ),
    ('{"a": [1, 2}', "1:7: JSON syntax error: the '[' opened here is never closed; add ']'"),
    ('{"a": 1', "1:1: JSON syntax error: the '{' opened here is never closed; add '}'"),
    ("a: [1, 2]]\n", "1:10: YAML syntax error: did not find expected key"),
    ("a:\n  - 1\n - 2\n", "3:2: YAML syntax error: did not find expected key"),
    ("- a\nb: 1\n", "2:1: YAML syntax error: did not find expected '-' indicator"),
    ('{"a": [1,,2]}\n', "1:10: JSON syntax error: did not find expected node content"),
    ("a: *\n", "1:5: YAML syntax error: did not find expected alphabetic or numeric character"),
    ('a: "x\\q"\n', "1:6: YAML syntax error: found unknown escape character"),
    ('a: "\\u12"\n', "1:7: YAML syntax error: did not find expected hexdecimal number"),
    (
        "# a spec\n%FOO bar\n---\na: 1\n",
        "2:1: unknown YAML directive '%FOO'; the only directives are %YAML and %TAG: remove "
        "the line, or quote a value that starts with '%'",
    ),
]


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize(("text", "message"), SYNTAX, ids=[m for _t, m in SYNTAX])
def test_syntax_errors_are_the_same_with_every_pyyaml_build(
    loader: str, text: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    from engine.base.errors import LoadError
    from engine.spec import load

    if not hasattr(yaml, loader):
        pytest.skip(f"this PyYAML build has no {loader}")
    monkeypatch.setattr(load, "_Loader", getattr(yaml, loader))
    name = "t.json" if text.startswith('{"') else "t.yaml"
    with pytest.raises(LoadError) as e:
        load.load_text(text, name)
    said = str(e.value)
    closing = " (or a ',' between entries)" if "never closed" in message else ""
    assert said == f"{name}:{message}{closing}"


@pytest.mark.parametrize("loader", LOADERS)
def test_the_broken_specs_give_the_same_messages_with_every_pyyaml_build(
    loader: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    from engine.base.errors import LoadError
    from engine.spec import load

    if not hasattr(yaml, loader):
        pytest.skip(f"this PyYAML build has no {loader}")
    monkeypatch.setattr(load, "_Loader", getattr(yaml, loader))
    folder = ROOT / "tests" / "data" / "broken_specs"
    seen = 0
    for path in sorted(folder.glob("*-yaml-*.yaml")):
        expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()[0]
        with pytest.raises(LoadError) as e:
            load.load_file(path, str(path.relative_to(ROOT)))
        assert str(e.value) == expected
        seen += 1
    assert seen >= 1


# -- 6. the probe: long values are wrapped in time linear in their length -------------------


def _old_wrap_cells(text: str, width: int) -> list[str]:
    """wrap_cells as it was (a long token cut by measuring what is left, again and
    again): the reference the one-pass cut must agree with."""
    from engine.render.safe_text import cell_len
    from engine.render.wrap import tokens

    width = max(width, 1)
    if cell_len(text) <= width:
        return [text]
    lines: list[str] = []
    current = ""
    for word in tokens(text):
        if cell_len(current + word) <= width:
            current += word
            continue
        if current.strip():
            lines.append(current.rstrip())
        current = word.lstrip()
        while cell_len(current) > width:
            cut = 0
            while cell_len(current[: cut + 1]) <= width:
                cut += 1
            lines.append(current[:cut])
            current = current[cut:]
    if current.strip():
        lines.append(current.rstrip())
    return lines or [""]


def _old_break_offsets(text: str, width: int) -> list[int]:
    from engine.render.safe_text import cell_len
    from engine.render.wrap import tokens

    offsets: list[int] = []
    col = start = 0
    for tok in tokens(text):
        end = start + len(tok)
        begin = start
        if col and col + cell_len(tok.rstrip()) > width:
            begin += len(tok) - len(tok.lstrip(" "))
            offsets.append(begin)
            col = 0
        piece = text[begin:end]
        while col == 0 and cell_len(piece.rstrip()) > width and len(piece) > 1:
            cut = 1
            while cell_len(piece[: cut + 1]) <= width:
                cut += 1
            begin += cut
            offsets.append(begin)
            piece = text[begin:end]
        col += cell_len(piece)
        start = end
    return offsets


def _old_pieces(text: str) -> list[str]:
    """wrap._pieces as it was (a word built a character at a time)."""
    from engine.render.safe_text import cell_len

    out: list[str] = []
    word = ""
    for ch in text:
        wide = cell_len(ch) > 1
        if ch == " " or wide:
            if word:
                out.append(word)
            word = ch
            if wide:
                out.append(word)
                word = ""
        else:
            word += ch
    if word:
        out.append(word)
    return out


WRAPPED = st.text(alphabet=st.sampled_from("ab 中文，。x1\x1b"), max_size=40)


@given(WRAPPED, st.integers(min_value=2, max_value=12))
def test_cutting_a_long_word_in_one_pass_wraps_as_before(text: str, width: int) -> None:
    from engine.render.wrap import _pieces, break_offsets, wrap_cells

    assert _pieces(text) == _old_pieces(text)
    assert break_offsets(text, width) == _old_break_offsets(text, width)
    if width >= 4:  # narrower than an escape (\x1b), the old cut never ended
        assert wrap_cells(text, width) == _old_wrap_cells(text, width)


def test_a_line_narrower_than_one_character_still_ends() -> None:
    from conftest import alarm_guard

    from engine.render.wrap import wrap_cells

    with alarm_guard(60, "wrap_cells at width 1"):
        assert wrap_cells("中文\x1b", 1) == ["中", "文", "\x1b"]


@pytest.mark.parametrize("word", ["x", "中", "x "], ids=["latin", "chinese", "spaced"])
def test_wrapping_measures_each_character_a_bounded_number_of_times(
    word: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A megabyte-long note took minutes in a table: each cut measured what was left."""
    from engine.render import wrap
    from engine.render.safe_text import cell_len

    measured = 0

    def counting(text: str) -> int:
        nonlocal measured
        measured += len(text)
        return cell_len(text)

    monkeypatch.setattr(wrap, "cell_len", counting)

    def work(n: int) -> int:
        nonlocal measured
        measured = 0
        wrap.wrap_cells(word * n, 80)
        wrap.break_offsets(word * n, 80)
        return measured

    small, large = work(20_000), work(40_000)
    assert large <= 2.05 * small, (small, large)


# -- 6. the probe: spreadsheets ------------------------------------------------------------

SHEET_XML = "xl/worksheets/sheet1.xml"
HEADER = ("entity", "budget", "spent", "trips", "incidents")


def _cells(row: int, values: tuple[object, ...]) -> str:
    out = []
    for i, v in enumerate(values):
        ref = f"{'ABCDE'[i]}{row}"
        if isinstance(v, str):
            out.append(f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>')
        else:
            out.append(f'<c r="{ref}"><v>{v}</v></c>')
    return f'<row r="{row}">{"".join(out)}</row>'


def _book(folder: Path, name: str, sheet_data: str, after: str | None = "") -> Path:
    """A workbook (written by openpyxl) whose first sheet's XML holds ``sheet_data``
    (then ``after``, such as merged cells; None: the XML ends there, cut short)."""
    import zipfile

    from openpyxl import Workbook

    plain = folder / "plain.xlsx"
    Workbook().save(plain)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
        '"http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{sheet_data}"
    ) + ("" if after is None else f"</sheetData>{after}</worksheet>")
    out = folder / name
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = xml.encode() if info.filename == SHEET_XML else zin.read(info.filename)
            zout.writestr(info.filename, data)
    return out


GOOD_ROWS = _cells(1, HEADER) + _cells(2, ("A", 100, 90, 3, 0))


@pytest.mark.parametrize(
    ("sheet", "after", "message"),
    [
        (
            GOOD_ROWS + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
            "",
            "t.xlsx:1048576:16384: cell XFD1048576 lies far outside the table: the sheet is "
            "read as one block of 1,048,576 rows × 16,384 columns for its 11 cells; delete the "
            "cells beyond the table (Ctrl+End in Excel goes to the last one), or save the "
            "table as CSV",
        ),
        (
            GOOD_ROWS + '<row r="900000"><c r="A900000"><v>1</v></c></row>',
            "",
            "t.xlsx:900000:1: cell A900000 lies far outside the table: the sheet is read as "
            "one block of 900,000 rows × 5 columns for its 11 cells; delete the cells beyond "
            "the table (Ctrl+End in Excel goes to the last one), or save the table as CSV",
        ),
        (
            GOOD_ROWS + '<row r="3"><c r="ZZZZ3"><v>1</v></c></row>',
            "",
            "t.xlsx:3:475254: cell ZZZZ3 is beyond the last row or column Excel has "
            "(XFD1048576); the workbook is damaged: save it again from Excel, or as CSV",
        ),
        (
            GOOD_ROWS + _cells(2, ("B", 100, 90, 4, 0)),
            "",
            "t.xlsx:2:1: row 2 comes after row 2 in the sheet's XML (twice, or out of order); "
            "the workbook is damaged: save it again from Excel, or as CSV",
        ),
        (
            _cells(1, HEADER) + _cells(3, ("B", 100, 90, 4, 0)) + _cells(2, ("A", 1, 1, 1, 0)),
            "",
            "t.xlsx:2:1: row 2 comes after row 3 in the sheet's XML (twice, or out of order); "
            "the workbook is damaged: save it again from Excel, or as CSV",
        ),
        (
            GOOD_ROWS.replace(
                '<c r="C2"><v>90</v></c>', '<c r="C2"><v>90</v></c><c r="C2"><v>9</v></c>'
            ),
            "",
            "t.xlsx:2:3: cell C2 comes after cell C2 in the sheet's XML (written twice, or out "
            "of order); the workbook is damaged: save it again from Excel, or as CSV",
        ),
        (
            _cells(1, HEADER)
            + _cells(2, ("A", 100, 90, 3, 0)).replace(
                '<c r="B2"><v>100</v></c><c r="C2"><v>90</v></c>',
                '<c r="C2"><v>90</v></c><c r="B2"><v>100</v></c>',
            ),
            "",
            "t.xlsx:2:2: cell B2 comes after cell C2 in the sheet's XML (written twice, or out "
            "of order); the workbook is damaged: save it again from Excel, or as CSV",
        ),
        (  # references the bytes' reading leaves to the pattern (r after another attribute)
            GOOD_ROWS.replace('<c r="D2">', '<c s="0" r="D2">')
            + _cells(3, ("B", 100, 90, 4, 0)).replace('<c r="E3">', '<c s="0" r="D3">'),
            "",
            "t.xlsx:3:4: cell D3 comes after cell D3 in the sheet's XML (written twice, or out "
            "of order); the workbook is damaged: save it again from Excel, or as CSV",
        ),
        (  # a cell with no reference is the one after the cell before it: C2, then C2
            GOOD_ROWS.replace('<c r="C2"><v>90</v></c>', '<c><v>90</v></c><c r="C2"><v>9</v></c>'),
            "",
            "t.xlsx:2:3: cell C2 comes after cell C2 in the sheet's XML (written twice, or out "
            "of order); the workbook is damaged: save it again from Excel, or as CSV",
        ),
        (  # a reference in lower case is the same cell to the reader: C2, then c2
            GOOD_ROWS.replace(
                '<c r="C2"><v>90</v></c>', '<c r="C2"><v>90</v></c><c r="c2"><v>9</v></c>'
            ),
            "",
            "t.xlsx:2:3: cell C2 comes after cell C2 in the sheet's XML (written twice, or out "
            "of order); the workbook is damaged: save it again from Excel, or as CSV",
        ),
        (  # C2 again, inside row 3's element
            GOOD_ROWS
            + _cells(3, ("B", 100, 90, 4, 0)).replace(
                '<c r="B3">', '<c r="C2"><v>9</v></c><c r="B3">'
            ),
            "",
            "t.xlsx:2:3: cell C2 comes after cell A3 in the sheet's XML (written twice, or out "
            "of order); the workbook is damaged: save it again from Excel, or as CSV",
        ),
        (  # the far cell in single quotes: the reader aborted the process
            GOOD_ROWS + "<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>",
            "",
            "t.xlsx: the sheet's XML writes a row or cell in a form not checked before reading "
            "(single quotes, spaces around '=', '>' inside a value, a reference twice, or "
            "another prefix): <row r='1048576'>; save the workbook again from Excel, or as CSV",
        ),
        (
            GOOD_ROWS + '<row r="3"><c r = "Z900000"><v>1</v></c></row>',
            "",
            "t.xlsx: the sheet's XML writes a row or cell in a form not checked before reading "
            "(single quotes, spaces around '=', '>' inside a value, a reference twice, or "
            'another prefix): <c r = "Z900000">; save the workbook again from Excel, or as CSV',
        ),
        (  # a ">" inside a value: the patterns took the tag as ending there
            GOOD_ROWS + '<row r="3"><c x=">" r="XFD1048576"><v>1</v></c></row>',
            "",
            "t.xlsx: the sheet's XML writes a row or cell in a form not checked before reading "
            "(single quotes, spaces around '=', '>' inside a value, a reference twice, or "
            'another prefix): <c x=">; save the workbook again from Excel, or as CSV',
        ),
        (  # a row of cells without references, as wide as a sheet: the reach counted
            # only cells with references
            GOOD_ROWS
            + "<row>"
            + "<c><v>1</v></c>" * 16384
            + '</row><row r="200000"><c r="A200000"><v>1</v></c></row>',
            "",
            "t.xlsx:200000:1: cell A200000 lies far outside the table: the sheet is read as one "
            "block of 200,000 rows × 16,384 columns for its 16,395 cells; delete the cells "
            "beyond the table (Ctrl+End in Excel goes to the last one), or save the table as CSV",
        ),
        (  # the reader takes the last of two references, the survey read the first
            GOOD_ROWS + '<row r="3"><c r="A3" r="XFD1048576"><v>1</v></c></row>',
            "",
            "t.xlsx: the sheet's XML writes a row or cell in a form not checked before reading "
            "(single quotes, spaces around '=', '>' inside a value, a reference twice, or "
            'another prefix): <c r="A3" r="; save the workbook again from Excel, or as CSV',
        ),
        (  # the reader takes a cell by its name whatever its prefix
            GOOD_ROWS + '<row r="3"><y:c xmlns:y="urn:y" r="XFD1048576"><y:v>1</y:v></y:c></row>',
            "",
            "t.xlsx: the sheet's XML writes a row or cell in a form not checked before reading "
            "(single quotes, spaces around '=', '>' inside a value, a reference twice, or "
            'another prefix): <y:c xmlns:y="urn:y" r="XFD1048576">; save the workbook again '
            "from Excel, or as CSV",
        ),
        (  # the reference reads well, a style in single quotes would go unread
            GOOD_ROWS.replace('<c r="B2">', "<c r=\"B2\" s='1'>"),
            "",
            "t.xlsx: the sheet's XML writes a row or cell in a form not checked before reading "
            "(single quotes, spaces around '=', '>' inside a value, a reference twice, or "
            "another prefix): <c r=\"B2\" s='1'>; save the workbook again from Excel, or as CSV",
        ),
        (  # a style with spaces around "=" (XML allows them, the patterns read none)
            GOOD_ROWS.replace('<c r="B2">', '<c r="B2" s =\t"1">'),
            "",
            "t.xlsx: the sheet's XML writes a row or cell in a form not checked before reading "
            "(single quotes, spaces around '=', '>' inside a value, a reference twice, or "
            'another prefix): <c r="B2" s =\\x09"1">; save the workbook again from Excel, or '
            "as CSV",
        ),
        (
            GOOD_ROWS + '<row r="3"><c r="B3"><v>100</v></c></row>',
            '<mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells>',
            "t.xlsx:2:1: cells A2:A3 are merged: their value is read in the first cell only, "
            "and the others read as empty; unmerge them and fill each cell",
        ),
        (
            GOOD_ROWS + '<row r="3"><c r="A3"><v>1</v></c>',
            None,  # cut short
            "t.xlsx: not a readable .xlsx workbook (sheetData); save it again from Excel, or "
            "as CSV",
        ),
    ],
    ids=[
        "far-cell",
        "far-row",
        "beyond-xfd",
        "row-twice",
        "rows-out-of-order",
        "cell-twice",
        "cells-out-of-order",
        "cell-twice-pattern",
        "cell-twice-without-reference",
        "cell-twice-lower-case",
        "cell-twice-in-another-row",
        "single-quotes",
        "spaced-equals",
        "quoted-angle",
        "wide-row-without-references",
        "reference-twice",
        "another-prefix",
        "style-in-single-quotes",
        "style-with-spaced-equals",
        "merged",
        "cut",
    ],
)
def test_workbooks_that_hide_or_blow_up_their_cells_are_refused(
    tmp_path: Path, sheet: str, after: str | None, message: str
) -> None:
    _book(tmp_path, "t.xlsx", sheet, after)
    assert one_line(run("batch", BASE, "t.xlsx", cwd=tmp_path)) == message


def test_an_error_value_in_a_cell_fails_its_row_and_says_so(tmp_path: Path) -> None:
    error = '<c r="C3" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
    rows = GOOD_ROWS + _cells(3, ("B", 100, 0, 3, 0)).replace('<c r="C3"><v>0</v></c>', error)
    _book(tmp_path, "t.xlsx", rows + _cells(4, ("C", 100, 100, 4, 0)))
    p = run("batch", BASE, "t.xlsx", "--format", "csv", cwd=tmp_path)
    assert p.returncode == 1
    assert p.stderr.splitlines() == [
        "2 scored, 1 failed",
        "t.xlsx:3:3: cell C3 holds the error value #DIV/0! (a formula that failed in Excel); "
        "correct it in the workbook, or write the value",
    ]
    assert [line.split(",")[1] for line in p.stdout.splitlines()[1:]] == ["A", "B", "C"]


def test_a_row_with_an_unreadable_entity_is_told_its_other_problems_too(
    tmp_path: Path,
) -> None:
    """An error value in the entity cell failed the row at it, its other cells
    unread: a word in a number's cell went untold; and the row was also warned of
    as having no entity, as if scored."""
    error = '<c r="A3" t="e"><f>VLOOKUP(1,X,2)</f><v>#N/A</v></c>'
    row = _cells(3, ("B", 100, 0, 3, 0)).replace(
        '<c r="A3" t="inlineStr"><is><t>B</t></is></c>', error
    )
    row = row.replace('<c r="D3"><v>3</v></c>', '<c r="D3" t="inlineStr"><is><t>三</t></is></c>')
    _book(tmp_path, "t.xlsx", GOOD_ROWS + row)
    for command in ("batch", "validate"):
        p = run(command, BASE, "t.xlsx", cwd=tmp_path)
        assert p.returncode == 1
        assert [line for line in p.stderr.splitlines() if line.startswith("t.xlsx:")] == [
            "t.xlsx:3:1: cell A3 holds the error value #N/A (a formula that failed in Excel); "
            "correct it in the workbook, or write the value",
            "t.xlsx:3:4: column 'trips' (外出招商次数): '三' is not a number; write digits "
            "such as 3, 2.5 or 98.93% (or an N/A mark: N/A, n/a, NA, 不适用, --)",
        ]


def test_a_hidden_first_sheet_is_read_only_when_named(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    hidden = wb.active
    hidden.title = "hidden"
    hidden.sheet_state = "hidden"
    for row in (HEADER, ("Hidden", 100, 100, 4, 0)):
        hidden.append(row)
    shown = wb.create_sheet("shown")
    for row in (HEADER, ("Shown", 100, 90, 3, 0)):
        shown.append(row)
    wb.save(tmp_path / "t.xlsx")
    p = run("batch", BASE, "t.xlsx", "--format", "csv", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert [line.split(",")[1] for line in p.stdout.splitlines()[1:]] == ["Shown"]
    p = run("batch", BASE, "t.xlsx", "--format", "csv", "--sheet", "hidden", cwd=tmp_path)
    assert [line.split(",")[1] for line in p.stdout.splitlines()[1:]] == ["Hidden"]


def test_a_damaged_workbook_is_never_opened_whole_to_see_if_it_is_a_form(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before the table reader's checks, every .xlsx was opened whole by openpyxl to
    see whether it was a 自评表 form: a damaged one ended in an internal error."""
    import openpyxl

    from engine.review.form import is_form

    book = _book(tmp_path, "t.xlsx", GOOD_ROWS)
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("opened"))
    assert is_form(book) is False
    _book(tmp_path, "cut.xlsx", GOOD_ROWS + "<row ", None)
    monkeypatch.undo()
    assert is_form(tmp_path / "cut.xlsx") is False


# -- 6. the probe: paths, pipes and --set ---------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_as_a_table_is_refused_instead_of_waiting_for_ever(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "t.csv")
    line = one_line(run("batch", BASE, "t.csv", cwd=tmp_path))
    assert line == "t.csv: not a regular file (a pipe, device or socket); give a file"


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        (
            "rounding.x.y=1",
            "--set[1]:1:10: unknown key 'x'; valid keys here: apply, mode, places",
        ),
        (
            "trips.foo.bar=1",
            "--set[1]:1:7: unknown key 'foo'; valid keys here: actual, aggregate, assumed, "
            "children, description, direction, id, include, method, name, not_applicable, "
            "source, target, unit, weight",
        ),
        ("a." * 64 + "b=1", "--set[1]: a path of 65 keys; a spec nests at most 64 deep"),
    ],
    ids=["made-in-rounding", "made-in-an-indicator", "too-deep"],
)
def test_set_paths_are_located_on_the_command_line(assignment: str, message: str) -> None:
    """A mapping --set makes on its way was located at the spec's first line."""
    assert one_line(run("score", BASE, OK, "--set", assignment), 2) == message


# -- 6. the probe: CSV encodings ---------------------------------------------------------

CSV_HEAD = "entity,budget,spent,trips,incidents\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"\xef\xbb\xbf" + (CSV_HEAD + "测试单位甲,100,90,3,0\n").encode("gbk"),
            "t.csv:1:1: the file starts with a UTF-8 byte order mark but its text is GBK; save "
            "it again as UTF-8 (in Excel: CSV UTF-8), or as GBK without the mark",
        ),
        (
            # GB18030 reads all of it, the UTF-8 line as 娴嬭瘯鍗曚綅: no error, a wrong name
            (CSV_HEAD + "测试单位,100,90,3,0\n").encode() + "乙单位,100,90,3,0\n".encode("gbk"),
            "t.csv:3:1: the file mixes encodings: UTF-8 text up to here, then a byte (0xd2) "
            "that is not UTF-8; save the whole table again in one encoding (in Excel: CSV UTF-8)",
        ),
    ],
    ids=["utf8-mark-then-gbk", "utf8-then-gbk"],
)
def test_a_csv_in_two_encodings_is_refused_not_misread(
    tmp_path: Path, content: bytes, message: str
) -> None:
    (tmp_path / "t.csv").write_bytes(content)
    assert one_line(run("batch", BASE, "t.csv", cwd=tmp_path)) == message


def test_gbk_and_utf8_tables_are_still_read(tmp_path: Path) -> None:
    rows = CSV_HEAD + "测试单位,100,90,3,0\n广州市财政局,100,100,4,0\n"
    for encoding in ("gbk", "utf-8", "utf-8-sig"):
        (tmp_path / "t.csv").write_bytes(rows.encode(encoding))
        p = run("batch", BASE, "t.csv", "--format", "csv", cwd=tmp_path)
        assert p.returncode == 0, (encoding, p.stderr)
        assert [x.split(",")[1] for x in p.stdout.splitlines()[1:]] == ["测试单位", "广州市财政局"]


# -- 6. the probe: characters that take no room, and YAML line breaks editors do not show --


def test_characters_that_take_no_room_are_shown_in_messages(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text(
        "entity,bud\ufeffget,spent,trips,incidents\nA,100,90,3,0\n", encoding="utf-8"
    )
    p = run("batch", BASE, "t.csv", cwd=tmp_path)
    assert p.returncode == 1
    assert p.stderr.startswith(
        "t.csv:1:2: column 'bud\\ufeffget' is not an indicator, input or known column of spec "
        "'hostile-base'; did you mean 'budget'?"
    )
    from engine.base.text import visible

    assert visible("a\u200bb\u2060c\u2028d\u061ce") == "a\\u200bb\\u2060c\\u2028d\\u061ce"
    assert visible("👨\u200d👩 中文") == "👨\u200d👩 中文"  # a joiner inside an emoji stays


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "spec: hostile-base\n\ufeffentity: x\n",
            "a.yaml:2:1: a byte order mark (U+FEFF) inside the file, where only its start may "
            "have one (were two files joined?); remove it",
        ),
        (
            'spec: hostile-base\nentity: "x\u2028y"\nnope: 1\n',
            "a.yaml:2:11: a raw U+2028 (line separator) is not allowed: YAML reads it as a line "
            "break that editors do not show; remove it, or write it as the escape \\L inside "
            "double quotes",
        ),
        (
            "spec: hostile-base\r\nentity: x\x85y\r\n",
            "a.yaml:2:10: a raw U+0085 (next line) is not allowed: YAML reads it as a line break "
            "that editors do not show; remove it, or write it as the escape \\N inside double "
            "quotes",
        ),
        (
            "spec: hostile-base\nnotes:\n  " + "k" * 2000 + ": x\n",
            "a.yaml:3:3: YAML syntax error: a key of 2000 characters; YAML reads keys of at most "
            "1024 characters; shorten it",
        ),
    ],
    ids=["bom-inside", "line-separator", "next-line", "long-key"],
)
@pytest.mark.parametrize("loader", LOADERS)
def test_yaml_that_editors_show_otherwise_is_refused_where_it_is(
    tmp_path: Path, text: str, message: str, loader: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    from engine.base.errors import LoadError
    from engine.spec import load

    if not hasattr(yaml, loader):
        pytest.skip(f"this PyYAML build has no {loader}")
    monkeypatch.setattr(load, "_Loader", getattr(yaml, loader))
    (tmp_path / "a.yaml").write_bytes(text.encode("utf-8"))
    with pytest.raises(LoadError) as e:
        load.load_file(tmp_path / "a.yaml", "a.yaml")
    assert str(e.value) == message


def test_a_leading_byte_order_mark_is_still_read() -> None:
    from engine.spec.load import load_text

    assert load_text("\ufeffa: 1\n", "a.yaml").data == {"a": 1}


# -- 6. the probe: Parquet, and workbooks read whole (指标表 and forms) -----------------


def _parquet(folder: Path, columns: dict[str, object]) -> Path:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    base: dict[str, object] = {"entity": ["A"], "spent": [90], "trips": [3], "incidents": [0]}
    pq.write_table(pa.table({**base, **columns}), folder / "t.parquet")
    return folder / "t.parquet"


def test_a_parquet_string_repeated_from_its_dictionary_is_refused_before_it_is_copied(
    tmp_path: Path,
) -> None:
    """A small file whose dictionary repeats one 5 MB string 200,000 times: every
    row's copy was made (a memory error, exit 3)."""
    pa = pytest.importorskip("pyarrow")
    n = 200_000
    entity = pa.DictionaryArray.from_arrays(
        pa.array([0] * n, pa.int32()), pa.array(["x" * 5_000_000])
    )
    _parquet(
        tmp_path,
        {
            "entity": entity,
            "budget": [100] * n,
            "spent": [90] * n,
            "trips": [3] * n,
            "incidents": [0] * n,
        },
    )
    assert (tmp_path / "t.parquet").stat().st_size < 1_000_000  # for a terabyte of text
    assert one_line(run("batch", BASE, "t.parquet", cwd=tmp_path)) == (
        "t.parquet:2:1: a cell of 5000000 characters; cells are read up to 131072 characters "
        "(as in a CSV table); is this the right file?"
    )


@pytest.mark.parametrize(
    "kind", ["string", "large_string", "string_view", "binary", "large_binary", "binary_view"]
)
def test_every_text_type_of_a_parquet_file_is_read_with_its_dictionary_kept(
    tmp_path: Path, kind: str
) -> None:
    """A long text is refused before each row's copy is made whichever of Arrow's
    text types the file gives the column: a string_view cell of 200,000
    characters was read, and a large_string column copied before it was counted."""
    pa = pytest.importorskip("pyarrow")
    if not hasattr(pa, kind):
        pytest.skip(f"pyarrow {pa.__version__} has no {kind}")
    from engine.batch.arrow import _is_text

    kind_type = getattr(pa, kind)()
    assert _is_text(pa, kind_type)
    assert not _is_text(pa, pa.int64()) and not _is_text(pa, pa.float64())
    text = "x" * 200_000
    cell = text.encode() if "binary" in kind else text
    _parquet(
        tmp_path,
        {
            "entity": pa.array(["A", cell], kind_type),
            "budget": [100, 100],
            "spent": [90, 90],
            "trips": [3, 3],
            "incidents": [0, 0],
        },
    )
    assert one_line(run("batch", BASE, "t.parquet", cwd=tmp_path)) == (
        "t.parquet:3:1: a cell of 200000 characters; cells are read up to 131072 characters "
        "(as in a CSV table); is this the right file?"
    )


@pytest.mark.parametrize("kind", ["list", "struct", "json"])
def test_a_parquet_column_of_lists_structs_or_json_is_refused(tmp_path: Path, kind: str) -> None:
    """Only number and text cells are checked before they are read: a list or JSON
    column repeating a long string went through unchecked (a memory error)."""
    pa = pytest.importorskip("pyarrow")
    if kind == "json" and not hasattr(pa, "json_"):
        pytest.skip("this pyarrow has no JSON type")
    values: dict[str, object] = {
        "list": pa.array([["x"]], pa.list_(pa.string())),
        "struct": pa.array([{"a": "x"}]),
        "json": pa.array(['"x"'], getattr(pa, "json_", lambda: None)()),
    }
    path = _parquet(tmp_path, {"budget": [100], "notes.trips": values[kind]})
    import pyarrow.parquet as pq

    kind_text = str(pq.read_schema(path).field("notes.trips").type)  # as read back
    assert one_line(run("batch", BASE, "t.parquet", cwd=tmp_path)) == (
        f"t.parquet:1:6: column 'notes.trips' holds values of type {kind_text}; a table's "
        "cells are numbers or text: write the column as one of those"
    )


def test_a_parquet_read_error_raised_as_oserror_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pyarrow raises some errors of a damaged file as OSError (a data page before
    the dictionary page): it ended in an internal error, or blamed the output."""
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    from engine.base.errors import LoadError
    from engine.batch.arrow import parquet_rows

    path = _parquet(tmp_path, {"budget": [100]})

    def damaged(*args: object, **kwargs: object) -> None:
        raise OSError("Dictionary page must be before data page.")

    monkeypatch.setattr(pq.ParquetFile, "iter_batches", damaged)
    _header, rows = parquet_rows(path, "t.parquet")
    with pytest.raises(LoadError) as e:
        list(rows)
    assert str(e.value) == (
        "t.parquet: a damaged Parquet file (Dictionary page must be before data page.)"
    )


def test_a_parquet_text_column_of_nulls_only_is_read_as_empty(tmp_path: Path) -> None:
    """Its dictionary is empty: counting its rows' text took each null as the
    first entry, an internal error (exit 3) for an empty notes column."""
    pa = pytest.importorskip("pyarrow")
    _parquet(tmp_path, {"budget": [100], "notes.trips": pa.array([None], pa.string())})
    p = run("batch", BASE, "t.parquet", "--format", "csv", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert p.stdout.splitlines()[1].startswith("2,A,")


def test_a_parquet_dictionary_index_outside_its_dictionary_is_refused() -> None:
    pa = pytest.importorskip("pyarrow")
    from engine.base.errors import LoadError
    from engine.batch.arrow_cells import checked_batches

    column = pa.DictionaryArray.from_arrays(
        pa.array([0, None, 3], pa.int32()), pa.array(["a", "b"]), safe=False
    )
    batch = pa.RecordBatch.from_arrays([column], ["entity"])
    with pytest.raises(LoadError) as e:
        list(checked_batches([batch], "t.parquet", ["entity"]))
    assert str(e.value) == (
        "t.parquet:4:1: a damaged Parquet file (the cell's value is not in its column's "
        "dictionary); write the file again"
    )


def test_parquet_bytes_are_read_as_utf8_text_or_refused(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    _parquet(tmp_path, {"budget": pa.array([b"100"], pa.binary())})
    p = run("batch", BASE, "t.parquet", "--format", "csv", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    _parquet(tmp_path, {"budget": [100], "entity": pa.array([b"\xff\xfe"], pa.binary())})
    assert one_line(run("batch", BASE, "t.parquet", cwd=tmp_path)) == (
        "t.parquet:1:1: column 'entity' holds bytes that are not UTF-8 text; write it as a "
        "text (string) column"
    )


def test_a_parquet_float32_is_read_as_the_decimal_it_was_written_as(tmp_path: Path) -> None:
    import json

    pa = pytest.importorskip("pyarrow")
    _parquet(tmp_path, {"budget": pa.array([100.1], pa.float32())})
    p = run("batch", BASE, "t.parquet", "--format", "json", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    rows = [json.loads(line) for line in p.stdout.splitlines() if '"row"' in line]
    # 90 / 100.1 (not 90 / 100.0999984741211): 89.91008991…%, 4 × that = 3.5964…
    assert rows[0]["scores"]["rate"] == "3.60"
    from engine.batch.arrow_cells import checked_batches

    batch = pa.RecordBatch.from_arrays([pa.array([100.1, float("nan")], pa.float32())], ["x"])
    (checked,) = checked_batches([batch], "t.parquet", ["x"])
    assert checked.column(0).to_pylist() == ["100.1", None]


def test_attributes_of_another_namespace_are_not_taken_for_a_cells_own(tmp_path: Path) -> None:
    """``x14ac:r`` or ``x:t`` on a cell is another attribute than ``r`` or ``t``, as
    the reader takes it: the survey read ``x14ac:r="Z9"`` as the cell's place (and
    refused the sheet as out of order), and ``x:t="e"`` as an error cell."""
    good = _book(tmp_path, "good.xlsx", GOOD_ROWS)
    odd = GOOD_ROWS.replace('<c r="B2">', '<c x14ac:r="Z9" r="B2">').replace(
        '<c r="C2">', '<c x:t="e" r="C2" x:ref="Q1">'
    )
    odd = odd.replace("<row r=", '<row xr:r="7" r=')
    assert odd.count(":r=") == 3 and odd.count(":t=") == 1
    _book(tmp_path, "odd.xlsx", odd)
    want = run("batch", BASE, good.name, "-f", "csv", cwd=tmp_path)
    got = run("batch", BASE, "odd.xlsx", "-f", "csv", cwd=tmp_path)
    assert want.returncode == 0, want.stderr
    assert (got.returncode, got.stdout) == (0, want.stdout), got.stderr


@pytest.mark.parametrize("command", ["import", "batch"])
def test_a_damaged_or_far_reaching_workbook_read_whole_is_one_line(
    tmp_path: Path, command: str
) -> None:
    """`import` opened the 指标表 whole with openpyxl: a damaged part ended in an
    internal error, a far cell in a memory error after 46 s."""
    args = ("import",) if command == "import" else ("batch", BASE)
    _book(tmp_path, "cut.xlsx", GOOD_ROWS + "<row ", None)
    line = one_line(run(*args, "cut.xlsx", cwd=tmp_path))
    assert line.startswith("cut.xlsx: not a readable .xlsx workbook")
    _book(tmp_path, "far.xlsx", GOOD_ROWS + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    line = one_line(run(*args, "far.xlsx", cwd=tmp_path))
    assert line.startswith("far.xlsx:1048576:16384: ")


def test_a_sheet_that_unpacks_a_thousand_times_is_refused_before_it_is_read(
    tmp_path: Path,
) -> None:
    import zipfile

    from engine.batch import xlsx

    plain = _book(tmp_path, "good.xlsx", GOOD_ROWS)
    with zipfile.ZipFile(plain) as zin:
        parts = {info.filename: zin.read(info) for info in zin.infolist()}
    sheet = parts.pop(SHEET_XML).replace(b"</sheetData></worksheet>", b"")
    bomb = zipfile.ZipInfo(SHEET_XML)
    bomb.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(tmp_path / "t.xlsx", "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
        with zout.open(bomb, "w", force_zip64=True) as fh:
            fh.write(sheet)
            for _ in range(70):  # 70 MiB of empty rows
                fh.write(b"<row/>" * ((1 << 20) // 6 + 1))
            fh.write(b"</sheetData></worksheet>")
    packed = zipfile.ZipFile(tmp_path / "t.xlsx").getinfo(SHEET_XML)
    assert packed.file_size > xlsx.PACKED_FROM
    line = one_line(run("batch", BASE, "t.xlsx", cwd=tmp_path))
    assert line == (
        f"t.xlsx: xl/worksheets/sheet1.xml unpacks to {packed.file_size} bytes from "
        f"{packed.compress_size} ({packed.file_size / packed.compress_size:.0f} times; real "
        "data pack about 10 times): is it a zip bomb? save it again from Excel, or as CSV"
    )


def test_a_piece_of_parquet_rows_holding_gigabytes_of_text_is_refused(tmp_path: Path) -> None:
    """Each cell under the CSV limit, but 16,384 rows of 120 KB read together: 2 GB."""
    pa = pytest.importorskip("pyarrow")
    n = 20_000
    entity = pa.DictionaryArray.from_arrays(
        pa.array([0] * n, pa.int32()), pa.array(["y" * 120_000])
    )
    columns = {"budget": [100] * n, "spent": [90] * n, "trips": [3] * n, "incidents": [0] * n}
    _parquet(tmp_path, {"entity": entity, **columns})
    assert one_line(run("batch", BASE, "t.parquet", cwd=tmp_path)) == (
        "t.parquet:2:1: rows 2 to 16385 hold 1966080000 bytes of text, over the 268435456 a "
        "piece of a table is read with; is this the right file?"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            (
                "score",
                "specs/gz-dept-overall-2021.yaml",
                "examples/licheng-2021/actuals.yaml",
                "-o",
                "",
            ),
            "scorecard score: Invalid value for '-o' / '--output': a file name is needed; "
            "leave -o out to write to standard output; see 'scorecard score --help'",
        ),
        (
            ("batch", "specs/gz-dept-overall-2021.yaml", "examples/docs/streets.csv", "-o", " "),
            "scorecard batch: Invalid value for '-o' / '--output': a file name is needed; "
            "leave -o out to write to standard output; see 'scorecard batch --help'",
        ),
        (
            (
                "batch",
                "specs/gz-dept-overall-2021.yaml",
                "examples/docs/streets.csv",
                "--sheet",
                "Sheet1",
                "-f",
                "csv",
            ),
            "--sheet names a sheet of an .xlsx table, not of examples/docs/streets.csv; "
            "drop --sheet",
        ),
    ],
    ids=["score-empty-output", "batch-blank-output", "sheet-of-a-csv"],
)
def test_an_empty_output_name_and_a_sheet_of_a_csv_are_usage_errors(
    args: tuple[str, ...], message: str
) -> None:
    """`-o ''` (an unset shell variable) wrote to standard output, and `--sheet` on a
    CSV was ignored: both are mistakes the user should hear of."""
    done = cli_process.run(args, cwd=ROOT)
    assert (done.code, done.out, done.err) == (2, "", message + "\n")
