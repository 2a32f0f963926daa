"""Charts as inline SVG, drawn by pygal (imported only here, only for pictures).

Every chart is a pure function of its data: the ids pygal would make at random
and the date it would stamp are fixed or removed, and no script is kept, so the
same data give the same bytes and the page loads nothing from anywhere.
Each drawn mark (a bar) carries the class ``mark``, which the tests count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from ..base.i18n import _
from .distribution import Bin

#: one colour per grade, best first (the last repeats for longer grade lists)
GRADE_COLOURS = ("#2e7d32", "#1565c0", "#ef6c00", "#c62828", "#6a1b9a", "#455a64")
SERIES_COLOURS = ("#1565c0", "#2e7d32")
#: pygal's margin round a chart, and the size of the labels' font
MARGIN = 20
LABEL_SIZE = 12
FONT = '"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif'


def _pygal() -> Any:
    """pygal, or a usage error saying how to install it."""
    try:
        import pygal
    except ImportError:
        from ..base.errors import UsageError

        raise UsageError(
            _(
                "--format html draws its charts with pygal, which is not installed; "
                "install it with: pip install 'scorecard[report]'"
            )
        ) from None
    return pygal


def _style(colours: Sequence[str]) -> Any:
    from pygal.style import Style

    return Style(
        background="white",
        plot_background="white",
        foreground="#222",
        foreground_strong="#111",
        foreground_subtle="#bbb",
        colors=tuple(colours),
        font_family=FONT,
        label_font_family=FONT,
        major_label_font_family=FONT,
        value_font_family=FONT,
        value_label_font_family=FONT,
        tooltip_font_family=FONT,
        title_font_family=FONT,
        legend_font_family=FONT,
        no_data_font_family=FONT,
        label_font_size=LABEL_SIZE,
        major_label_font_size=12,
        legend_font_size=13,
        title_font_size=15,
    )


def _svg(chart: Any, name: str) -> str:
    """The chart's SVG: a fixed id, no comments (pygal stamps the date), no scripts,
    and each bar marked."""
    chart.uuid = name
    svg = str(chart.render(is_unicode=True))
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    svg = re.sub(r"<script\b.*?</script>", "", svg, flags=re.S)
    svg = re.sub(r"<script\b[^>]*/>", "", svg)
    svg = svg.replace('class="rect reactive tooltip-trigger"', 'class="rect reactive mark"')
    return svg.replace('class="dot reactive tooltip-trigger"', 'class="dot reactive mark"')


def _wide_extra(labels: Sequence[str], size: int) -> int:
    """What pygal's room for ``labels`` lacks: it takes every character as 0.6 em
    wide, and a Chinese character is a whole em (the long names were cut at the
    chart's left edge)."""
    from rich.cells import cell_len

    return max((round((cell_len(t) - len(t)) * 0.4 * size) for t in labels), default=0)


def _config(**extra: Any) -> dict[str, Any]:
    return {
        "js": [],
        "disable_xml_declaration": True,
        "explicit_size": False,
        "width": 900,
        "legend_at_bottom": True,
        "print_values": False,
        "show_y_guides": True,
        "tooltip_border_radius": 0,
        **extra,
    }


def _num(x: Fraction, places: int = 2) -> float:
    """A coordinate to draw at (display only: the numbers shown are exact text)."""
    return round(float(x), places)


def totals_histogram(
    bins: Sequence[Bin], grades: Sequence[str], full: Fraction, label: str, count_label: str
) -> str:
    """The distribution of totals: one series per grade, so the bands show by colour."""
    pygal = _pygal()
    chart = pygal.Histogram(
        style=_style([GRADE_COLOURS[min(i, len(GRADE_COLOURS) - 1)] for i in range(len(grades))]),
        height=360,
        x_title=label,
        y_title=count_label,
        range=(0, max([b.count for b in bins] or [1])),
        xrange=(0, _num(full)),
        **_config(),
    )
    spans = _spans(bins, grades)
    for g in grades:
        mine = [b for b in bins if b.grade == g]
        bars: list[Any] = [(b.count, *spans[b]) for b in mine]
        chart.add(f"{g} ({sum(b.count for b in mine)})", bars or [None])
    return _svg(chart, "totals")


def _spans(bins: Sequence[Bin], grades: Sequence[str]) -> dict[Bin, tuple[float, float]]:
    """Where each bar is drawn: across its bin; a bin holding units of several
    grades (their grades set by more than the total: full marks shrunk by
    exclusions) is shared among them side by side, the lower grade on the left,
    so that no bar is drawn over another."""
    rank = {g: i for i, g in enumerate(grades)}
    shared: dict[tuple[Fraction, Fraction], list[Bin]] = {}
    for b in bins:
        shared.setdefault((b.low, b.high), []).append(b)
    out = {}
    for (low, high), alike in shared.items():
        alike.sort(key=lambda b: -rank.get(b.grade, len(grades)))
        step = (high - low) / len(alike)
        for k, b in enumerate(alike):
            out[b] = (_num(low + k * step), _num(low + (k + 1) * step))
    return out


def grade_bars(counts: Sequence[tuple[str, int]], count_label: str) -> str:
    """The count per grade: a bar each, in the spec's order of grades."""
    pygal = _pygal()
    chart = pygal.Bar(
        style=_style(GRADE_COLOURS),
        height=300,
        y_title=count_label,
        show_legend=False,
        **_config(print_values=True),
    )
    chart.x_labels = [g for g, _ in counts]
    chart.add(
        count_label,
        [
            {"value": n, "color": GRADE_COLOURS[min(i, len(GRADE_COLOURS) - 1)]}
            for i, (_, n) in enumerate(counts)
        ],
    )
    return _svg(chart, "grades")


def indicator_bars(
    rows: Sequence[tuple[str, Fraction, Fraction]], mean_label: str, full_label: str
) -> str:
    """Per indicator, two bars in percent: the mean share of its weight achieved
    and the share of units at full marks (rows come weakest first)."""
    pygal = _pygal()
    chart = pygal.HorizontalBar(
        style=_style(SERIES_COLOURS),
        height=90 + 34 * len(rows),
        range=(0, 100),
        margin_left=MARGIN + _wide_extra([name for name, _, _ in rows], LABEL_SIZE),
        **_config(),
    )
    # pygal draws the first label at the bottom: reversed, the weakest is on top
    chart.x_labels = [name for name, _, _ in reversed(rows)]
    chart.add(mean_label, [_num(m * 100, 1) for _, m, _ in reversed(rows)])
    chart.add(full_label, [_num(f * 100, 1) for _, _, f in reversed(rows)])
    return _svg(chart, "indicators")


def totals_scatter(
    points: Sequence[tuple[str, Fraction, Fraction]],
    full: Fraction,
    a_label: str,
    b_label: str,
    same_label: str,
    units_label: str,
) -> str:
    """Totals under A (x) against totals under B (y), a dot per entity; the
    diagonal is where nothing changed."""
    pygal = _pygal()
    values = [v for _, a, b in points for v in (a, b)] or [Fraction(0), full]
    low = max(Fraction(0), min(values) - full / 20)
    high = min(full, max(values) + full / 20)
    chart = pygal.XY(
        style=_style(SERIES_COLOURS),
        height=600,
        stroke=False,
        x_title=a_label,
        y_title=b_label,
        range=(_num(low), _num(high)),
        xrange=(_num(low), _num(high)),
        dots_size=4,
        **_config(),
    )
    chart.add(
        units_label,
        [{"value": (_num(a), _num(b)), "label": name} for name, a, b in points],
    )
    chart.add(
        same_label, [(_num(low), _num(low)), (_num(high), _num(high))], stroke=True, show_dots=False
    )
    return _svg(chart, "scatter")


def grade_pairs(
    grades: Sequence[str], a: Sequence[int], b: Sequence[int], labels: tuple[str, str], count: str
) -> str:
    """The count per grade under A and under B, side by side."""
    pygal = _pygal()
    chart = pygal.Bar(style=_style(SERIES_COLOURS), height=320, y_title=count, **_config())
    chart.x_labels = list(grades)
    chart.add(labels[0], list(a))
    chart.add(labels[1], list(b))
    return _svg(chart, "grade-pairs")
