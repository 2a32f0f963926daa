"""Small pictures in the terminal: bars of block characters, and a matrix of counts.

Plain text that reads the same with colour or without (``NO_COLOR``, a pipe, a
file): colour only repeats what the text already says.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from ..base.numbers import format_fixed, format_value, round_fraction
from ..spec.model import Spec
from .distribution import bar_indexes, edges
from .safe_text import Text, cell_len

#: the widest bar, in cells
BAR = 30
#: a colour per grade, best first (the last repeats)
GRADE_STYLES = ("green", "blue", "yellow", "red", "magenta", "cyan")


def bar(count: int, most: int, width: int = BAR) -> str:
    """``count`` of ``most`` as a row of blocks, at least one block for any count."""
    if count <= 0 or most <= 0:
        return ""
    cells = round_fraction(Fraction(count * width, most), 0, "half_up")
    return "█" * max(1, int(cells))


def pad(text: str, width: int, right: bool = False) -> str:
    """Padded to ``width`` display cells (a Chinese character takes two)."""
    gap = " " * max(0, width - cell_len(text))
    return gap + text if right else text + gap


def grade_style(spec: Spec, grade: str | None) -> str:
    order = [g.grade for g in spec.grades]
    if grade not in order:
        return "dim"
    return GRADE_STYLES[min(order.index(grade), len(GRADE_STYLES) - 1)]


def totals_chart(spec: Spec, totals: Sequence[tuple[Fraction, str | None]]) -> list[Text]:
    """The distribution of totals: a line per twentieth of full marks (cut at the
    grade bounds), from the lowest total's bar to the highest's; each line names
    its grade and count. A line whose totals have different grades (full marks
    shrunk by exclusions are graded on the rate) names each, in the spec's order
    (``差/中``), its bar in the colour of the most frequent."""
    if not totals:
        return []
    cuts = edges(spec)
    counts: dict[int, int] = {}
    grades_in: dict[int, dict[str | None, int]] = {}
    indexes = bar_indexes(cuts, [t for t, _ in totals])
    for i, (_total, grade) in zip(indexes, totals, strict=True):
        counts[i] = counts.get(i, 0) + 1
        seen = grades_in.setdefault(i, {})
        seen[grade] = seen.get(grade, 0) + 1
    most = max(counts.values())
    labels = [f"{format_value(cuts[i])}–{format_value(cuts[i + 1])}" for i in range(len(cuts) - 1)]
    label_width = max(cell_len(x) for x in labels)
    order = {g.grade: k for k, g in enumerate(reversed(spec.grades))}  # lowest grade first
    named = {
        i: "/".join(g or "—" for g in sorted(seen, key=lambda g: order.get(g or "", -1)))
        for i, seen in grades_in.items()
    }
    grade_width = max(
        [cell_len(g.grade) for g in spec.grades] + [cell_len(x) for x in named.values()]
    )
    lines = []
    for i in range(min(counts), max(counts) + 1):
        n = counts.get(i, 0)
        seen = grades_in.get(i, {})
        commonest = max(seen, key=lambda g: seen[g]) if seen else None
        line = Text(f"  {pad(labels[i], label_width)}  ")
        line.append(pad(named.get(i, ""), grade_width))
        line.append(f" {n:>5}  ")
        line.append(bar(n, most), style=grade_style(spec, commonest))
        lines.append(line)
    return lines


def grades_chart(spec: Spec, counts: Mapping[str, int], scored: int) -> list[Text]:
    """Count, share and a bar per grade, in the spec's order (then no grade)."""
    most = max(counts.values(), default=0)
    width = max([cell_len(g) for g in counts] + [6])
    lines = []
    for g, n in counts.items():
        share = format_fixed(round_fraction(Fraction(n * 100, max(scored, 1)), 1, "half_up"), 1)
        line = Text(f"  {pad(g, width)} {n:>7}  {share:>5}%  ")
        line.append(bar(n, most), style=grade_style(spec, g))
        lines.append(line)
    return lines


def matrix(
    rows: Sequence[str], columns: Sequence[str], counts: Mapping[tuple[str, str], int]
) -> list[Text]:
    """A table of counts, row label by column label, with totals; a zero is ``·``
    and the diagonal (no change) is bold."""
    width = max([cell_len(x) for x in (*rows, *columns)] + [len(str(sum(counts.values()))), 1]) + 2
    head = Text(pad("", width))
    for c in (*columns, "Σ"):
        head.append(pad(c, width, right=True), style="bold")
    lines = [head]
    for r in rows:
        line = Text(pad(r, width), style="bold")
        for c in columns:
            n = counts.get((r, c), 0)
            line.append(
                pad(str(n) if n else "·", width, right=True), style="bold" if r == c else ""
            )
        line.append(pad(str(sum(counts.get((r, c), 0) for c in columns)), width, right=True))
        lines.append(line)
    foot = Text(pad("Σ", width), style="bold")
    for c in columns:
        foot.append(pad(str(sum(counts.get((r, c), 0) for r in rows)), width, right=True))
    foot.append(pad(str(sum(counts.values())), width, right=True))
    lines.append(foot)
    return lines
