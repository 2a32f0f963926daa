"""Terminal renderings: the scorecard table, the derivation tree, one explanation."""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.segment import Segment
from rich.text import Text

from ..base.text import visible
from ..base.trace import Step
from ..scoring.result import Result, Scorecard
from . import _fmt as f


def header(sc: Scorecard) -> Text:
    spec = sc.spec
    t = Text()
    t.append(spec.title or spec.id, style="bold")
    meta = [spec.id + (f" {spec.version}" if spec.version else "")]
    if sc.entity:
        meta.append(sc.entity)
    if sc.period:
        meta.append(sc.period)
    t.append("\n" + " · ".join(meta), style="dim")
    return t


def footer(sc: Scorecard) -> Text:
    t = Text()
    t.append("Total ", style="bold")
    t.append(f.score_text(sc, sc.total), style="bold")
    t.append(f" / {f.score_text(sc, sc.full_marks)}")
    if sc.full_marks != sc.spec.total:
        t.append(f" (of {f.score_text(sc, sc.spec.total)}; not-applicable excluded)")
    if sc.grade is not None:
        t.append("   Grade ", style="bold")
        t.append(sc.grade, style="bold")
    return t


def notes(sc: Scorecard) -> RenderableType | None:
    rows = [r for r in sc.walk() if r.note or r.reason]
    if not rows:
        return None
    lines: list[RenderableType] = [Text("Notes (偏差原因)", style="bold")]
    for r in rows:
        parts = []
        if r.status == "override":
            parts.append(
                f"override {f.score_text(sc, r.rule_score)} → "
                f"{f.score_text(sc, r.score)}: {r.reason}"
            )
        elif r.status == "not_applicable" and r.reason:
            parts.append(f"not applicable: {r.reason}")
        if r.note:
            parts.append(r.note)
        if parts:
            lines.append(
                Padding(Text(f"{r.indicator.name} ({r.id}): " + "; ".join(parts)), (0, 0, 0, 2))
            )
    return Group(*lines)


class ScorecardTable:
    """The scorecard as a table: one row per indicator, indented by level, with
    how each score was reached on a dim line under its row (spanning the width,
    so it stays readable at 80 columns with Chinese names)."""

    headers = ("Indicator", "Target", "Actual", "Wt", "Score", "")
    right = (False, False, False, True, True, False)
    caps = (0, 18, 18, 9, 9, 4)

    def __init__(self, sc: Scorecard):
        self.sc = sc
        places = sc.spec.rounding.places
        self.rows: list[tuple[int, Result, tuple[str, ...], str]] = []
        for top in sc.results:
            for depth, r in _rows(top, 0):
                weight = f.weight_text(sc, r)
                cells = (
                    r.indicator.name,
                    f.target_text(r),
                    f.actual_text(r, places),
                    weight,
                    f.score_text(sc, r.score),
                    f.flags(r),
                )
                how = f.how_text(r)
                if r.indicator.is_group and how == "sum":
                    how = ""
                self.rows.append((depth, r, cells, how))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        widths = [0] * 6
        for i in range(1, 6):
            natural = max(
                [cell_len(self.headers[i])]
                + [cell_len(c[i]) for *_, c, _ in ((d, r, c, h) for d, r, c, h in self.rows)]
            )
            widths[i] = min(natural, self.caps[i])
        widths[0] = max(12, width - sum(widths[1:]) - 2 * 5)
        yield self._line([Text(h, style="bold") for h in self.headers], widths)
        yield Text("─" * min(width, sum(widths) + 2 * 5), style="dim")
        for depth, r, cells, how in self.rows:
            indent = 2 * depth
            name_lines = _wrap(r.indicator.name, widths[0] - indent)
            columns = [_wrap(c, widths[i]) for i, c in enumerate(cells) if i > 0]
            height = max(len(name_lines), *(len(c) for c in columns))
            for k in range(height):
                name = name_lines[k] if k < len(name_lines) else ""
                line_cells = [
                    Text(" " * indent + name, style="bold" if r.indicator.is_group else "")
                ]
                line_cells += [Text(col[k] if k < len(col) else "") for col in columns]
                yield self._line(line_cells, widths)
            if how:
                pad = indent + 2
                for part in _wrap(how, max(10, width - pad)):
                    yield Text(" " * pad + part, style="dim")

    def _line(self, cells: list[Text], widths: list[int]) -> Text:
        out = Text()
        for i, (cell, w) in enumerate(zip(cells, widths, strict=True)):
            gap = w - cell.cell_len
            if self.right[i]:
                out.append(" " * gap)
                out.append_text(cell)
            else:
                out.append_text(cell)
                if i < len(cells) - 1:
                    out.append(" " * gap)
            if i < len(cells) - 1:
                out.append("  ")
        out.rstrip()
        return out


def _wrap(text: str, width: int) -> list[str]:
    """Wrap by display cells: at spaces where possible, anywhere in CJK text."""
    width = max(width, 1)
    if cell_len(text) <= width:
        return [text]
    lines: list[str] = []
    current = ""
    for word in _tokens(text):
        if cell_len(current + word) <= width:
            current += word
            continue
        if current.strip():
            lines.append(current.rstrip())
        current = word.lstrip()
        while cell_len(current) > width:  # a token longer than the line
            cut = 0
            while cell_len(current[: cut + 1]) <= width:
                cut += 1
            lines.append(current[:cut])
            current = current[cut:]
    if current.strip():
        lines.append(current.rstrip())
    return lines or [""]


def _tokens(text: str) -> list[str]:
    """Words with their leading space; every CJK character is a word of its own."""
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


def table(sc: Scorecard) -> RenderableType:
    """The scorecard with its header, total, flags legend and notes."""
    parts: list[RenderableType] = [header(sc), ScorecardTable(sc), footer(sc)]
    if any(f.flags(r) for r in sc.walk()):
        parts.append(Text("Flags: " + f.FLAG_LEGEND, style="dim"))
    if any(f.weight_text(sc, r).endswith("*") for r in sc.walk()):
        parts.append(
            Text(
                "Wt*: changed by not-applicable indicators (exact value in the trace)", style="dim"
            )
        )
    n = notes(sc)
    if n is not None:
        parts.append(n)
    return Group(*parts)


def _rows(r: Result, depth: int) -> list[tuple[int, Result]]:
    out = [(depth, r)]
    for c in r.children:
        out.extend(_rows(c, depth + 1))
    return out


def step_lines(step: Step, indent: str = "  ", show_pos: bool = True) -> list[Text]:
    lines: list[Text] = []
    head = Text(indent)
    head.append(step.label, style="bold")
    if step.pos is not None and show_pos:
        head.append(f"   {step.pos}", style="dim")
    lines.append(head)
    if step.formula:
        lines.append(Text(f"{indent}  {step.formula}"))
    for i, line in enumerate(step.lines):
        prefix = (
            "= "
            if step.formula and step.kind in ("formula", "derive", "aggregate") and i >= 0
            else ""
        )
        lines.append(Text(f"{indent}  {prefix}{line}"))
    return lines


def indicator_block(sc: Scorecard, r: Result, indent: str = "") -> list[Text]:
    head = Text(indent)
    head.append(r.indicator.name, style="bold")
    head.append(f"  {r.id}", style="dim")
    facts = []
    if r.indicator.target is not None:
        facts.append(f"target {f.target_text(r)}")
    actual = f.actual_text(r, sc.spec.rounding.places)
    if actual and not r.indicator.is_group:
        facts.append(f"actual {actual}")
    facts.append(f"weight {f.score_text(sc, r.weight)}")
    facts.append(f"score {f.score_text(sc, r.score)}")
    if r.status != "scored":
        facts.append(r.status.replace("_", " "))
    lines = [head, Text(indent + "  " + "  ".join(facts))]
    for step in r.steps:
        lines.extend(step_lines(step, indent + "  "))
    if r.note:
        lines.append(Text(f"{indent}  note: {r.note}", style="italic"))
    return lines


def hanging(lines: list[Text]) -> list[RenderableType]:
    """Lines whose leading spaces become padding, so wrapped text keeps its indent."""
    out: list[RenderableType] = []
    for line in lines:
        n = len(line.plain) - len(line.plain.lstrip(" "))
        out.append(Padding(line[n:], (0, 0, 0, n)) if n else line)
    return out


def tree(sc: Scorecard) -> RenderableType:
    parts: list[RenderableType] = [header(sc), Text("")]
    for top in sc.results:
        for depth, r in _rows(top, 0):
            parts.extend(hanging(indicator_block(sc, r, "  " * depth)))
    parts.append(Text(""))
    parts.append(footer(sc))
    for step in sc.steps:
        parts.extend(hanging(step_lines(step)))
    return Group(*parts)


def explain(sc: Scorecard, r: Result) -> RenderableType:
    ind = r.indicator
    parts: list[RenderableType] = [header(sc), Text("")]
    parts.extend(hanging(indicator_block(sc, r)))
    parts.append(Text(f"  defined at {ind.pos}", style="dim"))
    if ind.description:
        parts.append(Text(f"  {ind.description}", style="dim"))
    if r.children:
        parts.append(
            Text(
                "  children: "
                + ", ".join(f"{c.id} {f.score_text(sc, c.score)}" for c in r.children)
            )
        )
    return Group(*parts)


def make_console(width: int | None, color: bool | None, file: object = None) -> Console:
    """A console that never colours when piped or with NO_COLOR, and that never
    reads the terminal size when a width is given (for reproducible output)."""
    import os

    no_color = os.environ.get("NO_COLOR", "") != ""
    kwargs: dict[str, object] = {
        "width": width,
        "highlight": False,
        "soft_wrap": False,
        "emoji": False,
    }
    if color is False or no_color:
        kwargs["color_system"] = None
        kwargs["no_color"] = True
    if file is not None:
        kwargs["file"] = file
    return SafeConsole(**kwargs)  # type: ignore[arg-type]


class SafeConsole(Console):
    """A console that shows control characters from the inputs visibly escaped
    (ESC as ``\\x1b``): a name or note cannot move the cursor, erase the lines
    above or set the terminal's title. Only the console's own styles are sent raw."""

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(
            Segment(visible(s.text, keep="\n"), s.style, s.control) if s.control is None else s
            for s in buffer
        )
