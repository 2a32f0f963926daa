"""Terminal renderings: the scorecard table, the derivation tree, one explanation."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.segment import Segment

from ..base.i18n import N_, Msg, _, tr
from ..base.text import visible
from ..base.trace import Step
from ..scoring.result import Result, Scorecard
from ..spec.model import Indicator
from . import _fmt as f
from ._audit import audit_lines
from .safe_text import RichText, Text, cell_len
from .wrap import Hung, ItemsText, Packed, breaks_itself, line_broken, tokens, wrap_cells


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


class Provenance:
    """The spec's source and description under the header, each wrapped to the
    width with a hanging indent (by display cells, so Chinese text wraps too)."""

    def __init__(self, sc: Scorecard):
        spec = sc.spec
        self.items = [
            (_(label), " ".join(text.split()))
            for label, key in PROVENANCE
            if (text := getattr(spec, key))
        ]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for label, value in self.items:
            head = _("{label}: ").format(label=label)
            pad = cell_len(head)
            for i, line in enumerate(wrap_cells(value, max(10, options.max_width - pad))):
                yield Text((head if i == 0 else " " * pad) + line, style="dim")


#: the spec's own words shown under the header: (label, attribute)
PROVENANCE = ((N_("Source"), "source"), (N_("Description"), "description"))


def footer(sc: Scorecard) -> Text:
    t = Text()
    t.append(_("Total") + " ", style="bold")
    t.append(f.total_text(sc, sc.total), style="bold")
    t.append(f" / {f.total_text(sc, sc.full_marks)}")
    if sc.full_marks != sc.spec.total:
        t.append(
            " "
            + _("(of {total}; not-applicable excluded)").format(
                total=f.total_text(sc, sc.spec.total)
            )
        )
    if sc.grade is not None:
        t.append("   " + _("Grade") + " ", style="bold")
        t.append(sc.grade, style="bold")
    return t


def notes(sc: Scorecard) -> RenderableType | None:
    rows = [r for r in sc.walk() if r.note or r.reason]
    if not rows:
        return None
    # 偏差原因 are the notes; a reason for an override or for not applying is not one
    reasons = any(r.reason and r.status in ("override", "not_applicable") for r in rows)
    heading = _("Notes and reasons") if reasons else _("Notes (偏差原因)")
    lines: list[RenderableType] = [Text(heading, style="bold")]
    for r in rows:
        parts = []
        if r.status == "override":
            parts.append(
                _("override {rule} → {score}: {reason}").format(
                    rule=f.score_text(sc, r.rule_score),
                    score=f.score_text(sc, r.score),
                    reason=tr(r.reason),
                )
            )
        elif r.status == "not_applicable" and r.reason:
            parts.append(_("not applicable: {reason}").format(reason=tr(r.reason)))
        if r.note:
            parts.append(r.note)
        if parts:
            lines.append(
                Padding(
                    Text(
                        _("{name} ({id}): ").format(name=r.indicator.name, id=r.id)
                        + _("; ").join(parts)
                    ),
                    (0, 0, 0, 2),
                )
            )
    return Group(*lines)


class ScorecardTable:
    """The scorecard as a table: one row per indicator, indented by level, with
    how each score was reached on a dim line under its row (spanning the width,
    so it stays readable at 80 columns with Chinese names)."""

    headers: tuple[str, ...] = (
        N_("Indicator"),
        N_("Target"),
        N_("Actual"),
        N_("Wt"),
        N_("Score"),
        "",
    )
    right = (False, False, False, True, True, False)
    caps = (0, 18, 18, 9, 9, 4)

    def __init__(self, sc: Scorecard):
        self.sc = sc
        self.headers = tuple(_(h) if h else h for h in ScorecardTable.headers)
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
                    f.score_cell(sc, r.score),
                    f.flags(r),
                )
                how = f.how_text(r)
                if r.indicator.is_group and how == _("sum"):
                    how = ""
                self.rows.append((depth, r, cells, how))
        if any(c[3].endswith("*") for *_, c, _h in self.rows):  # digits under digits
            self.rows = [
                (d, r, (*c[:3], c[3] if c[3].endswith("*") else c[3] + " ", *c[4:]), h)
                for d, r, c, h in self.rows
            ]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        widths = [0] * 6
        for i in range(1, 6):
            natural = max(
                [cell_len(self.headers[i])]
                + [cell_len(c[i]) for *_, c, _ in ((d, r, c, h) for d, r, c, h in self.rows)]
            )
            widths[i] = min(natural, self.caps[i])
        widths[0] = self._name_width(width, widths)
        yield self._line([Text(h, style="bold") for h in self.headers], widths)
        yield Text("─" * min(width, sum(widths) + 2 * 5), style="dim")
        for depth, r, cells, how in self.rows:
            indent = 2 * depth
            name_lines = wrap_cells(r.indicator.name, widths[0] - indent)
            columns = [wrap_cells(c, widths[i]) for i, c in enumerate(cells) if i > 0]
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
                for part in wrap_cells(how, max(10, width - pad)):
                    yield Text(" " * pad + part, style="dim")

    def _name_width(self, width: int, widths: list[int]) -> int:
        """What is left for the name column, after narrowing target and actual (they
        wrap too) so that a name keeps at least half the room, or its whole length."""
        available = width - widths[3] - widths[4] - widths[5] - 2 * 5
        natural = max(
            [cell_len(self.headers[0])]
            + [2 * d + cell_len(r.indicator.name) for d, r, *_ in self.rows]
        )
        want = min(natural, max(16, available // 2))
        floor = [0, *(self._longest_piece(i) for i in range(1, 6))]
        while available - widths[1] - widths[2] < want:
            i = 1 if widths[1] - floor[1] >= widths[2] - floor[2] else 2
            if widths[i] <= floor[i]:
                break
            widths[i] -= 1
        return max(12, available - widths[1] - widths[2])

    def _longest_piece(self, column: int) -> int:
        """The widest piece of a column that wrapping may not cut (``100000 人次``)."""
        pieces = [p.strip() for *_, c, _h in self.rows for p in tokens(c[column])]
        return max([cell_len(self.headers[column]), *map(cell_len, pieces)])

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


def table(sc: Scorecard) -> RenderableType:
    """The scorecard with its header, total, flags legend and notes."""
    parts: list[RenderableType] = [header(sc), Provenance(sc), ScorecardTable(sc), footer(sc)]
    parts += [Text(line) for line in audit_lines(sc)]
    if f.any_status_flags(sc):
        parts.append(Text(_("Flags: ") + _(f.FLAG_LEGEND), style="dim"))
    if f.any_assumed(sc):
        parts.append(Text(_(f.ASSUMED_LEGEND), style="dim"))
    if f.any_changed_weight(sc):
        parts.append(Text(_(f.WEIGHT_LEGEND), style="dim"))
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
    head.append(tr(step.label), style="bold")
    if step.pos is not None and show_pos:
        head.append(f"   {step.pos}", style="dim")
    lines.append(head)
    if step.formula and not step.rows:  # with rows, the marked row says it
        lines.append(Text(f"{indent}  {tr(step.formula)}"))
    lines.extend(Text(f"{indent}  {row}") for row in scale_rows(step))
    for line in step.lines:
        prefix = (
            "= "
            if step.formula
            and step.kind in ("formula", "derive", "aggregate")
            and not isinstance(line, Msg)  # a sentence (the inputs read, a branch not taken)
            else ""
        )
        lines.append(Text(f"{indent}  {prefix}{tr(line)}"))
    return lines


def scale_rows(step: Step) -> list[str]:
    """A step's whole scale (bands, grades), aligned, the row that applied marked ``▶``."""
    cells = [(tr(r.label), tr(r.condition), tr(r.outcome)) for r in step.rows]
    widths = [max((cell_len(c[i]) for c in cells), default=0) for i in range(3)]
    out = []
    for row, texts in zip(step.rows, cells, strict=True):
        parts = [t + " " * (w - cell_len(t)) for t, w in zip(texts, widths, strict=True) if w]
        line = ("▶ " if row.matched else "  ") + "  ".join(parts).rstrip()
        out.append(line + ("  " + _("(applies)") if row.matched else ""))
    return out


def indicator_block(sc: Scorecard, r: Result, indent: str = "") -> list[Text]:
    head = Text(indent)
    head.append(r.indicator.name, style="bold")
    head.append(f"  {r.id}", style="dim")
    facts = []
    if f.target_text(r):
        facts.append(_("target {target}").format(target=f.target_text(r)))
    actual = f.actual_text(r, sc.spec.rounding.places)
    if actual and not r.indicator.is_group:
        facts.append(_("actual {actual}").format(actual=actual))
    facts.append(_("weight {weight}").format(weight=f.score_text(sc, r.weight)))
    if r.full != r.weight and r.status != "not_applicable":  # children excluded
        full = f.score_text(sc, r.full)
        facts.append(_("full marks {full} (not-applicable excluded)").format(full=full))
    facts.append(_("score {score}").format(score=f.score_text(sc, r.score)))
    if r.status != "scored":  # with the score it qualifies, on the same line
        facts[-1] += "  " + f.status_text(r.status)
    lines = [head, ItemsText(facts, "  ", indent + "  ")]
    if r.actual_at is not None:  # where the value was given, beside the spec's lines
        at = _("actual given at {pos}").format(pos=r.actual_at)
        lines.append(Text(f"{indent}  {at}", style="dim"))
    lines += [Text(f"{indent}  {line}", style="bold") for line in f.assumed_lines(sc, r)]
    for step in r.steps:
        lines.extend(step_lines(step, indent + "  "))
    if r.note:
        lines.append(Text(f"{indent}  " + _("note: {note}").format(note=r.note), style="italic"))
    return lines


def hanging(lines: list[Text], more: int = 0) -> list[RenderableType]:
    """Lines whose leading spaces become padding, so wrapped text keeps its indent;
    with ``more``, a line's continuation is indented that much further (:class:`Hung`)."""
    out: list[RenderableType] = []
    for line in lines:
        n = len(line.plain) - len(line.plain.lstrip(" "))
        body: RenderableType = (
            Packed(line.items, line.sep)
            if isinstance(line, ItemsText)
            else Hung(line[n:], more)
            if more
            else line[n:]
        )
        out.append(Padding(body, (0, 0, 0, n)) if n else body)
    return out


def tree(sc: Scorecard) -> RenderableType:
    parts: list[RenderableType] = [header(sc), Provenance(sc), Text("")]
    for top in sc.results:
        for depth, r in _rows(top, 0):
            parts.extend(hanging(indicator_block(sc, r, "  " * depth)))
    parts.append(Text(""))
    parts.append(footer(sc))
    parts += [Text(line) for line in audit_lines(sc)]
    for step in sc.steps:
        parts.extend(hanging(step_lines(step)))
    return Group(*parts)


def explain_total(sc: Scorecard) -> RenderableType:
    """The total's derivation (``explain SPEC ACTUALS total``): its steps (the
    aggregation, a formula such as a one-vote veto, the rounding, the grade), the
    top-level indicators it is made of, and the stamp."""
    from .json_out import stamp_lines

    parts: list[RenderableType] = [header(sc), Text(""), footer(sc)]
    parts += [Text(line) for line in audit_lines(sc)]
    for step in sc.steps:
        parts.extend(hanging(step_lines(step)))
    listed = ", ".join(f"{r.id} {f.score_text(sc, r.score)}" for r in sc.results)
    parts.extend(hanging([Text("  " + _("children: {list}").format(list=listed))]))
    parts.append(Text(""))
    parts += [
        Text(f"{k} {v}", style="dim", no_wrap=True, overflow="ignore")
        for k, v in stamp_lines(sc, result=False)
    ]
    return Group(*parts)


def _set_elsewhere(ind: Indicator) -> list[str]:
    """Where a spec that extends another set this indicator's weight, target or
    actual formula (a file other than the one that defines it)."""
    placed = (
        (_("weight set at {pos}"), ind.weight_pos),
        (_("target set at {pos}"), ind.target_pos),
        (_("actual formula set at {pos}"), ind.derive_pos),
    )
    return [
        what.format(pos=pos) for what, pos in placed if pos is not None and pos.file != ind.pos.file
    ]


def explain(sc: Scorecard, r: Result, whole_stamp: bool = True) -> RenderableType:
    ind = r.indicator
    parts: list[RenderableType] = [header(sc), Text("")]
    parts.extend(hanging(indicator_block(sc, r)))
    parts.append(Text("  " + _("defined at {pos}").format(pos=ind.pos), style="dim"))
    for line in _set_elsewhere(ind):
        parts.append(Text("  " + line, style="dim"))
    if ind.description:
        parts.append(Text(f"  {ind.description}", style="dim"))
    if r.children:
        parts.append(
            Text(
                "  "
                + _("children: {list}").format(
                    list=", ".join(f"{c.id} {f.score_text(sc, c.score)}" for c in r.children)
                )
            )
        )
    from .json_out import stamp_lines

    parts.append(Text(""))
    # ``whole_stamp``: never folded, where a hash cut over two lines would be copied
    # broken (a pane of the explorer folds it: it is read there, not copied)
    parts += [
        Text(
            f"{k} {v}", style="dim", no_wrap=whole_stamp, overflow="ignore" if whole_stamp else None
        )
        for k, v in stamp_lines(sc, result=False)
    ]
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
        "markup": False,  # a name like "[/]" is text, never a style
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
    above or set the terminal's title. Text is escaped where it enters a renderable
    (:mod:`engine.render.safe_text`, and plain strings here), before it is laid out;
    what is written is checked once more, so that only the console's own styles
    are ever sent raw."""

    def render_str(self, text: str, **kwargs: Any) -> RichText:
        return super().render_str(visible(text, keep="\n"), **kwargs)

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        """Chinese text wrapped by its line-breaking rules, and a word too long for a
        line parted at its joints (``_``, ``/``, …: :mod:`engine.render.wrap`)."""
        text = renderable if type(renderable) in (Text, RichText) else None
        if isinstance(text, RichText) and breaks_itself(
            text.plain, (options or self.options).max_width
        ):
            renderable = line_broken(text)
        return super().render(renderable, options)

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(
            Segment(visible(s.text, keep="\n"), s.style, s.control) if s.control is None else s
            for s in buffer
        )
