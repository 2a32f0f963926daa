"""Write an imported :class:`~.importer.Draft` as spec YAML, each guess on its line as a
``# 待确认:`` comment for the designer."""

from __future__ import annotations

import json
import re
from fractions import Fraction
from typing import Any

from ..base.numbers import format_value
from ..base.records import record
from ..base.text import visible
from .importer import Draft, Node, Skipped, spec_id, total_of

MARK = "# 待确认: "


_PLAIN = re.compile(r"^[^\W\d][\w（）、·]*$")
#: what YAML holds in no text (a lone surrogate, U+FFFE, U+FFFF), beyond the
#: controls and line breaks :func:`visible` escapes
_UNPRINTABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _escaped(text: str) -> str:
    """``text`` with every character that would end a YAML line or be refused by a
    YAML reader (controls, line and paragraph separators, U+0085) written as an
    escape; the same escapes a double-quoted YAML string reads back."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", visible(text))


def _s(text: str) -> str:
    """A YAML string: plain when it is a simple word, else double-quoted (escaped so
    that it reads back as ``text``, whatever it holds)."""
    if _PLAIN.match(text) and text not in _WORDS:
        return text
    return _escaped(json.dumps(text, ensure_ascii=False))


def _comment(text: str) -> str:
    """A comment's text on one line, whatever ``text`` holds (a sheet's name, a path)."""
    return _escaped(text)


_WORDS = {"true", "false", "null", "True", "False", "Null", "TRUE", "FALSE", "NULL"}


def flow(value: Any) -> str:
    """A method value in YAML flow style, numbers exact."""
    if isinstance(value, Fraction):
        return format_value(value)
    if isinstance(value, str):
        return value if value.isidentifier() else _s(value)
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{flow(k)}: {flow(v)}" for k, v in value.items()) + "}"
    raise TypeError(type(value))  # pragma: no cover - the readers make only these


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.guesses = 0

    def line(self, indent: int, text: str, note: str = "") -> None:
        if note:
            self.guesses += 1
            text = f"{text}  {MARK}{_comment(note)}"
        self.lines.append(" " * indent + text)

    def skipped(self, draft: Draft) -> None:
        """The rows of the table left out, each a guess to confirm, before the indicators."""
        if draft.skipped:
            self.lines.append("# 未导入的行和列 / rows and columns not imported:")
        for row in draft.skipped:
            self.guesses += 1
            self.lines.append(f"{MARK}{_comment(f'{row.pos}: {row.note}')}")

    def node(self, n: Node, iid: str, indent: int) -> None:
        self.lines.append(" " * indent + f"- id: {iid}  # {_comment(n.where)}")
        i = indent + 2
        self.line(i, f"name: {_s(n.name)}", "；".join(n.notes))
        self.line(i, f"weight: {format_value(n.total())}")
        if n.description:
            self.line(i, f"description: {_s(n.description)}")
        if n.children:
            self.line(i, "children:")
            for k, c in enumerate(n.children, start=1):
                self.node(c, f"{iid}_{k}", i + 2)
            return
        t, rule = n.target, n.rule
        assert t is not None and rule is not None
        if t.unit:
            self.line(i, f"unit: {_s(t.unit)}")
        if t.number is not None and t.direction is not None:
            self.line(i, f"direction: {t.direction}", "；".join(t.notes))
            self.line(i, f"target: {format_value(t.number)}")
        elif t.text and isinstance(rule.method, dict) and "grades" in rule.method:
            self.line(i, f"target: {_s(t.text)}")  # a text target: the 年度指标值 shown
        if n.actual:
            self.line(i, f"actual: {n.actual}")
        if n.rule_text:  # the rule as written, beside the method guessed from it
            self.line(i, f"source: {_s('评分标准：' + n.rule_text)}")
        self.line(i, f"method: {flow(rule.method)}", rule.note)


def schema_link(output: str | None) -> str | None:
    """The spec schema as a path relative to the draft's folder (the output's, else the
    current one), for the editor: ``schemas/spec.schema.json`` of a checkout, or the
    ``spec.schema.json`` that ``scorecard init`` writes, in that folder or above it."""
    import os
    from pathlib import Path

    folder = (Path(output).parent if output else Path(".")).resolve()
    for place in (folder, *folder.parents):
        for candidate in (place / "schemas" / "spec.schema.json", place / "spec.schema.json"):
            if candidate.is_file():
                return Path(os.path.relpath(candidate, folder)).as_posix()
    return None


def _editor_line(schema: str | None) -> str:
    """The first line: where the editor finds the schema, or how to give it one."""
    if schema is None:
        return (
            "# 编辑器提示 / editor help: scorecard schema spec > spec.schema.json, and begin "
            "this file with '# yaml-language-server: $schema=./spec.schema.json'"
        )
    return f"# yaml-language-server: $schema={schema}"


#: the line that marks a draft ``import`` wrote (one a designer has not yet made a spec)
DRAFT_MARK = "# A draft imported from an indicator table: confirm every '待确认' guess."


def is_draft(path: str) -> bool:
    """Whether the file at ``path`` is still a draft ``import`` wrote (its mark in
    its first lines): a spec made from one, its comments removed, is not."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            head = [fh.readline() for _ in range(8)]
    except OSError:
        return True  # nothing readable there to lose: the writer says what is wrong
    return any(line.rstrip("\r\n") == DRAFT_MARK for line in head)


def render_draft(draft: Draft, schema: str | None = None) -> tuple[str, int]:
    """The draft spec's text and how many guesses it marks; ``schema`` is the path of
    the spec schema for editors (see :func:`schema_link`)."""
    w = _Writer()
    total = total_of(draft)
    w.lines += [
        _editor_line(schema),
        _comment(f"# 由 {draft.file}（工作表 {draft.sheet}）导入的草稿：逐条核对“待确认”的猜测，"),
        "# 改好后删去注释，再运行 scorecard validate。",
        DRAFT_MARK,
        "spec: 1",
        f"id: {spec_id(draft.file)}",
        f"title: {_s(draft.title or draft.sheet)}",
        f"source: {_s(draft.file)}",
    ]
    w.line(0, f"total: {format_value(total)}", "" if total == 100 else "分值合计不是 100")
    w.lines += [
        "rounding: {places: 2, mode: half_up}",
        "grades:",
    ]
    scale = total / 100
    for grade, low in (("优", 90), ("良", 80), ("中", 60), ("差", 0)):
        note = "等级按财预〔2020〕10号的 优/良/中/差 猜测" if grade == "优" else ""
        w.line(2, f"- {{grade: {grade}, min: {format_value(low * scale)}}}", note)
    if draft.inputs:
        w.lines.append("inputs:")
        for key, name in draft.inputs.items():
            w.lines.append(f"  {key}: {{name: {name}, unit: 万元}}")
    w.skipped(draft)
    w.lines.append("indicators:")
    for k, n in enumerate(draft.roots, start=1):
        w.node(n, "budget_execution" if n.actual else f"i{k}", 2)
    return "\n".join(w.lines) + "\n", w.guesses


@record(frozen=True)
class Imported:
    """A 指标表 read as a draft spec: its text, how many guesses it marks, how many
    indicators it has, and the rows of the table left out (each marked too)."""

    text: str
    guesses: int
    indicators: int
    skipped: list[Skipped]


def import_draft(path: str, sheet: str | None = None, output: str | None = None) -> Imported:
    """Read a 指标表 and write its draft spec, to be saved as ``output`` (None: printed)."""
    from .importer import read_table

    draft = read_table(path, sheet)
    text, guesses = render_draft(draft, schema_link(output))
    return Imported(text, guesses, len(draft.leaves()), draft.skipped)


def import_table(
    path: str, sheet: str | None = None, output: str | None = None
) -> tuple[str, int, int]:
    """:func:`import_draft` as (text, guesses, indicators)."""
    done = import_draft(path, sheet, output)
    return done.text, done.guesses, done.indicators


def check_draft(text: str, display: str) -> None:
    """Compile the draft as the file it was written to; raise its errors located there."""
    from ..spec.compile import compile_spec
    from ..spec.load import load_text

    compile_spec(load_text(text, display))
