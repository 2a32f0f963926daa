"""Terminal renderings: the scorecard table, the derivation tree, one explanation."""

from __future__ import annotations

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..result import Result, Scorecard
from ..trace import Step
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
            parts.append(f"override {f.score_text(sc, r.rule_score)} → "
                         f"{f.score_text(sc, r.score)}: {r.reason}")
        elif r.status == "not_applicable" and r.indicator.id in _na_ids(sc):
            parts.append(f"not applicable: {r.reason}")
        if r.note:
            parts.append(r.note)
        if parts:
            lines.append(Padding(Text(f"{r.indicator.name} ({r.id}): " + "; ".join(parts)),
                                 (0, 0, 0, 2)))
    return Group(*lines)


def _na_ids(sc: Scorecard) -> set[str]:
    # only indicators N/A in their own right, not those under an N/A group
    out: set[str] = set()
    for r in sc.results:
        _collect_na(r, out, parent_na=False)
    return out


def _collect_na(r: Result, out: set[str], parent_na: bool) -> None:
    na = r.status == "not_applicable"
    if na and not parent_na:
        out.add(r.id)
    for c in r.children:
        _collect_na(c, out, na)


#: from this width on, the "how" gets a column of its own; below, a line under the row
WIDE = 110


def table(sc: Scorecard, width: int = 80) -> RenderableType:
    """The scorecard: one row per indicator, indented by level, and how each
    score was reached (a column when wide, a dim line under the row otherwise)."""
    wide = width >= WIDE
    t = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False,
              padding=(0, 1))
    t.add_column("Indicator", overflow="fold", ratio=3 if wide else None)
    t.add_column("Target", overflow="fold", no_wrap=not wide)
    t.add_column("Actual", overflow="fold", no_wrap=not wide)
    t.add_column("Wt", justify="right", no_wrap=True)
    t.add_column("Score", justify="right", no_wrap=True)
    if wide:
        t.add_column("How", overflow="fold", ratio=2)
    t.add_column("", no_wrap=True)
    any_flags = False
    places = sc.spec.rounding.places
    for top in sc.results:
        for depth, r in _rows(top, 0):
            name = Padding(Text(r.indicator.name, style="bold" if r.indicator.is_group else ""),
                           (0, 0, 0, 2 * depth))
            fl = f.flags(r)
            any_flags = any_flags or bool(fl)
            weight = f.score_text(sc, r.weight) + ("*" if r.weight != r.indicator.weight
                                                   and r.status != "not_applicable" else "")
            cells: list[RenderableType] = [name, f.target_text(r), f.actual_text(r, places),
                                           weight, f.score_text(sc, r.score)]
            how = f.how_text(r)
            if wide:
                cells.append(how)
            cells.append(fl)
            t.add_row(*cells)
            if not wide and how and not (r.indicator.is_group and how == "sum"):
                t.add_row(Padding(Text(how, style="dim"), (0, 0, 0, 2 * depth + 2)),
                          *[""] * (len(cells) - 1))
    parts: list[RenderableType] = [header(sc), t, footer(sc)]
    if any_flags:
        parts.append(Text("Flags: " + f.FLAG_LEGEND, style="dim"))
    if any(r.weight != r.indicator.weight and r.status != "not_applicable" for r in sc.walk()):
        parts.append(Text("Wt*: weight after redistribution of not-applicable indicators",
                          style="dim"))
    n = notes(sc)
    if n is not None:
        parts.append(n)
    return Group(*parts)


def _rows(r: Result, depth: int) -> list[tuple[int, Result]]:
    out = [(depth, r)]
    for c in r.children:
        out.extend(_rows(c, depth + 1))
    return out


def step_lines(step: Step, indent: str = "  ") -> list[Text]:
    lines: list[Text] = []
    head = Text(indent)
    head.append(step.label, style="bold")
    if step.pos is not None:
        head.append(f"   {step.pos}", style="dim")
    lines.append(head)
    if step.formula:
        lines.append(Text(f"{indent}  {step.formula}"))
    for i, line in enumerate(step.lines):
        prefix = "= " if step.formula and step.kind in ("formula", "derive", "aggregate") \
            and i >= 0 else ""
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


def tree(sc: Scorecard) -> RenderableType:
    parts: list[RenderableType] = [header(sc), Text("")]
    for top in sc.results:
        for depth, r in _rows(top, 0):
            parts.extend(indicator_block(sc, r, "  " * depth))
    parts.append(Text(""))
    parts.append(footer(sc))
    for step in sc.steps:
        parts.extend(step_lines(step))
    return Group(*parts)


def explain(sc: Scorecard, r: Result) -> RenderableType:
    ind = r.indicator
    parts: list[RenderableType] = [header(sc), Text("")]
    parts.extend(indicator_block(sc, r))
    parts.append(Text(f"  defined at {ind.pos}", style="dim"))
    if ind.description:
        parts.append(Text(f"  {ind.description}", style="dim"))
    if r.children:
        parts.append(Text("  children: " + ", ".join(
            f"{c.id} {f.score_text(sc, c.score)}" for c in r.children)))
    return Group(*parts)


def make_console(width: int | None, color: bool | None, file: object = None) -> Console:
    """A console that never colours when piped or with NO_COLOR, and that never
    reads the terminal size when a width is given (for reproducible output)."""
    import os

    no_color = os.environ.get("NO_COLOR", "") != ""
    kwargs: dict[str, object] = {"width": width, "highlight": False, "soft_wrap": False,
                                 "emoji": False}
    if color is False or no_color:
        kwargs["color_system"] = None
        kwargs["no_color"] = True
    if file is not None:
        kwargs["file"] = file
    return Console(**kwargs)  # type: ignore[arg-type]
