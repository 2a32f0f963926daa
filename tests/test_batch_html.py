"""The batch report (`batch --format html`): its figures, its charts' marks, one
self-contained page, the same bytes every time.

The page less its SVG charts is kept as a golden file (the charts' geometry is
pygal's); regenerate it with ``UPDATE_GOLDEN=1 python -m pytest tests/test_batch_html.py``.
"""

from __future__ import annotations

import os
import re
from fractions import Fraction
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import invoke

from engine.batch.summary import Summary
from engine.batch.tables import open_table
from engine.render import batch_html, distribution
from engine.spec.compile import load_spec

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
GZ = "specs/gz-dept-overall-2021.yaml"
STREETS = "examples/docs/streets.csv"  # 24 units, known marks below
UNITS = "examples/docs/units.csv"  # 3 units and one row that fails


pytestmark = pytest.mark.usefixtures("in_root")


def chart(page: str, name: str) -> str:
    start = page.index(f'id="chart-{name}"')
    return page[start : page.index("</figure>", start)]


def marks(page: str, name: str) -> int:
    return chart(page, name).count('class="rect reactive mark"')


def test_the_report_has_one_mark_per_bar_of_each_chart(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    code, _, err = invoke("batch", GZ, STREETS, "-o", str(out))
    assert (code, err) == (0, "24 scored, 0 failed\n")
    page = out.read_text(encoding="utf-8")
    # totals: 4 non-empty bars (75-80 中, 80-85 良, 85-90 良, 90-95 优)
    assert marks(page, "totals") == 4
    # grades: one bar per grade of the spec, 差 with no unit included
    assert marks(page, "grades") == 4
    # indicators: two bars for each of the 26 leaf indicators
    assert marks(page, "indicators") == 52
    assert page.count("<tr data-rank=") == 24


def test_the_page_loads_nothing_from_anywhere(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    invoke("batch", GZ, STREETS, "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert "Content-Security-Policy\" content=\"default-src 'none';" in page
    assert re.findall(r"\b(?:src|href)\s*=", page) == []
    assert "@import" not in page and "url(" not in page
    # every script is the page's own (pygal's are removed)
    assert page.count("<script") == 1


def test_the_same_table_gives_the_same_bytes(tmp_path: Path) -> None:
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    invoke("batch", GZ, STREETS, "-o", str(a))
    invoke("batch", GZ, STREETS, "--format", "html", "-o", str(b), "-j", "2")
    assert a.read_bytes() == b.read_bytes()


def test_the_page_less_its_charts_is_the_golden_page() -> None:
    code, page, err = invoke("batch", GZ, UNITS, "--format", "html")
    assert code == 1
    assert err.splitlines()[0] == "3 scored, 1 failed"
    text = re.sub(r"<svg\b.*?</svg>", "<svg/>", page, flags=re.S)
    text = re.sub(r"scorecard [0-9][^ ]* · ", "scorecard VERSION · ", text)
    path = GOLDEN / "units.report.html"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"differs from {path}"


def test_each_unit_opens_its_derivation() -> None:
    _, page, _ = invoke("batch", GZ, UNITS, "--format", "html")
    row = page[page.index('data-entity="增江街道"') :]
    row = row[: row.index("</tr>")]
    assert "<summary>增江街道</summary><pre>" in row
    assert "外出招商活动次数  trips" in row  # the tree's indicator lines
    assert "Total 96.40 / 100.00   Grade 优" in row


def test_a_failing_row_is_listed_on_the_page() -> None:
    _, page, _ = invoke("batch", GZ, UNITS, "--format", "html")
    assert '<section id="failed">' in page
    assert (
        "<li><strong>小楼镇</strong> examples/docs/units.csv:5:4: missing inputs: spent (for "
        "budget_execution)" in page
    )  # under its unit's name: the message names no one


def test_text_from_the_table_is_escaped(tmp_path: Path) -> None:
    lines = (ROOT / UNITS).read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("荔城街道", "<script>alert(1)</script>&")
    table = tmp_path / "units.csv"
    table.write_text("\n".join(lines[:4]) + "\n", encoding="utf-8")
    _, page, _ = invoke("batch", GZ, str(table), "--format", "html")
    assert "<script>alert" not in page
    assert 'data-entity="&lt;script&gt;alert(1)&lt;/script&gt;&amp;"' in page


def test_bins_are_twentieths_cut_at_the_grade_bounds() -> None:
    spec = load_spec(GZ)
    found = distribution.bins(
        spec,
        [
            (Fraction(8011, 100), "良"),
            (Fraction(85), "良"),
            (Fraction(100), "优"),
            (Fraction(0), "差"),
            (Fraction(7999, 100), "中"),
        ],
    )
    assert [(b.low, b.high, b.grade, b.count) for b in found] == [
        (0, 5, "差", 1),
        (75, 80, "中", 1),
        (80, 85, "良", 1),
        (85, 90, "良", 1),
        (95, 100, "优", 1),  # full marks fall in the last bar
    ]


def test_shares_are_exact_means_over_the_units_an_indicator_applies_to() -> None:
    spec = load_spec(GZ)
    s = Summary(spec)
    cards = distribution.traced(spec, open_table(UNITS, spec))
    assert sorted(cards) == [2, 3, 4]  # row 5 fails
    shares = {x.id: x for x in distribution.shares(spec, cards.values())}
    # disclosure is not applicable on row 4: two units
    assert (shares["disclosure"].count, shares["disclosure"].mean) == (2, 1)
    # trips (weight 3.75): 2.81 (3 of 4 trips, rounded), then full marks twice
    assert shares["trips"].mean == (Fraction("2.81") / Fraction("3.75") + 2) / 3
    assert shares["trips"].at_full == Fraction(2, 3)
    assert s.scored == 0  # the summary is not needed for the shares


def test_html_needs_no_file_and_refuses_bom() -> None:
    code, _, err = invoke("batch", GZ, STREETS, "--format", "html", "--bom")
    assert code == 2
    assert "--bom applies to CSV output only, not html; drop --bom" in err


REHAB = "indicators.rehab.method={threshold: {partial: 0.5}}"


def test_compare_over_a_table_writes_a_page_of_its_effect(tmp_path: Path) -> None:
    out = tmp_path / "compare.html"
    code, stdout, _ = invoke("compare", GZ, STREETS, "--set", REHAB, "-o", str(out))
    assert (code, stdout) == (0, "")
    page = out.read_text(encoding="utf-8")
    assert chart(page, "scatter").count('class="dot reactive mark"') == 24  # a dot per unit
    assert marks(page, "grade-pairs") == 8  # 4 grades under A and under B
    assert "<li>在册涉毒管控人员帮教服务覆盖率 (rehab) method: ratio → threshold</li>" in page
    # the migrations: 福和街道 goes from 优 to 良, everyone else keeps the grade
    matrix = page[page.index('<table class="migrations">') :]
    matrix = matrix[: matrix.index("</table>")]
    assert "<tr><th>优</th><td class=n><strong>·</strong></td><td class=n>1</td>" in matrix
    first = page.index("<tr data-row=", page.index("id=moves-table"))
    assert page[first:].startswith('<tr data-row="15" data-entity="宁西街道" data-change="-1.61"')
    again = tmp_path / "again.html"
    invoke("compare", GZ, STREETS, "--set", REHAB, "-o", str(again))
    assert again.read_bytes() == out.read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            (GZ, STREETS, "--set", REHAB, "-o", "compare.txt"),
            "-o compare.txt: compare over a table writes FILE.html (a page of charts), "
            "FILE.csv or FILE.xlsx (every entity's changes)",
        ),
        (
            (GZ, "examples/licheng-2021/actuals.yaml", "--set", REHAB, "-o", "c.html"),
            "-o writes the page of a comparison over a table; drop -o here",
        ),
    ],
)
def test_compare_writes_a_page_only_over_a_table(args: tuple[str, ...], message: str) -> None:
    code, _, err = invoke("compare", *args)
    assert code == 2
    assert err.strip() == message


def test_a_units_derivation_is_the_tree_unwrapped() -> None:
    code, tree, _ = invoke(
        "score", GZ, "examples/licheng-2021/actuals.yaml", "--format", "tree", "--width", "300"
    )
    assert code == 0
    from engine.cli.inputs import score_entity
    from engine.cli.root import Missing

    sc = score_entity(GZ, "examples/licheng-2021/actuals.yaml", Missing.error)
    assert batch_html.derivation(sc) + "\n" == tree


def test_the_chinese_page_has_no_english_words_glued_with_a_colon(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    code, _, _err = invoke("batch", GZ, STREETS, "-o", str(out), "--lang", "zh")
    page = out.read_text(encoding="utf-8")
    assert code == 0 and "<summary>各指标的百分比</summary>" in page
    assert ": %" not in page and "<h2>各指标，最弱的在前</h2>" in page


def test_the_indicators_chart_leaves_room_for_the_longest_chinese_name(tmp_path: Path) -> None:
    """pygal takes a character as 0.6 em; a Chinese one is a whole em: the plot
    starts right of the longest label at its real width (it was cut at the left)."""
    out = tmp_path / "report.html"
    invoke("batch", GZ, STREETS, "-o", str(out))
    indicators = chart(out.read_text(encoding="utf-8"), "indicators")
    plot_x = float(re.findall(r'translate\(([\d.]+), [\d.]+\)" class="plot"', indicators)[0])
    longest = "出租屋安全隐患排查整治等专项行动次数 (rental_actions)"
    assert longest in indicators
    wide = sum(1 for ch in longest if ord(ch) > 0x2E80)
    real = (wide * 1.0 + (len(longest) - wide) * 0.6) * 12
    assert plot_x >= real + 20  # and the margin


@pytest.mark.parametrize("table", [UNITS, STREETS])
@pytest.mark.parametrize("fast", [False, True])
def test_the_summary_gives_the_shares_the_scorecards_give(table: str, fast: bool) -> None:
    """The page's indicator shares come from the batch's running figures (no
    scorecard kept per unit of a large batch): the same exact numbers, in the
    same order, as from every unit's scorecard, on the fast path and the exact."""
    from engine.batch.runner import Block, score_blocks

    spec = load_spec(GZ)
    s = Summary(spec)
    for item in score_blocks(spec, open_table(table, spec), fast=fast):
        if isinstance(item, Block):
            s.add_block(item)
        else:
            s.add(item)
    cards = distribution.traced(spec, open_table(table, spec))
    assert distribution.summary_shares(s) == distribution.shares(spec, cards.values())


def test_a_large_batch_shows_its_best_and_worst_units_and_counts_them_all(
    tmp_path: Path,
) -> None:
    """Above SHOWN_UNITS units the ranking shows the best and the worst halves, each
    with its derivation, and says how many are left out; the charts count all."""
    lines = (ROOT / STREETS).read_text("utf-8").splitlines()
    many = tmp_path / "many.csv"
    rows = [
        line.replace(line.split(",", 1)[0], f"{line.split(',', 1)[0]}{k:03d}", 1)
        for k in range(26)
        for line in lines[1:]
    ]
    many.write_text("\n".join([lines[0], *rows]) + "\n", "utf-8")
    assert len(rows) == 624 > batch_html.SHOWN_UNITS
    page = tmp_path / "many.html"
    code, _, err = invoke("batch", GZ, str(many), "-f", "html", "-o", str(page))
    assert (code, err) == (0, "624 scored, 0 failed\n")
    text = page.read_text("utf-8")
    ranking = text[text.index('<section id="ranking">') :]
    assert ranking.count("<tr data-rank=") == batch_html.SHOWN_UNITS
    assert ranking.count("<pre>") == batch_html.SHOWN_UNITS
    assert "… 124 more units, not shown here" in ranking
    assert 'data-rank="1"' in ranking
    assert "624 scored, 0 failed" in text
    assert marks(text, "grades") == 4  # every grade of the spec has units


def test_the_ranking_is_made_once_and_again_when_the_totals_change() -> None:
    """`batch -f html` asks for the ranking twice (the units to trace, then the
    page); a total added, or a list of totals put in place, ranks anew."""
    spec = load_spec(GZ)
    s = Summary(spec)
    s.totals = [(Fraction(80), 2, "甲", "良"), (Fraction(90), 3, "乙", "优")]
    first = s.ranking()
    assert s.ranking() is first
    s.totals.append((Fraction(95), 4, "丙", "优"))
    assert [r[2] for r in s.ranking()] == [4, 3, 2]
    s.totals = [(Fraction(1), 9, "丁", None)]
    assert [r[2] for r in s.ranking()] == [9]


def test_a_bin_of_two_grades_draws_them_side_by_side_not_one_over_the_other() -> None:
    """Where exclusions shrink full marks, a total's grade depends on more than the
    total: a bin may hold 中 and 良. Each series was drawn from the axis across
    the whole bin, the smaller bar hidden inside the larger."""
    from engine.render.charts import totals_histogram

    found = [
        distribution.Bin(Fraction(75), Fraction(80), "中", 41),
        distribution.Bin(Fraction(75), Fraction(80), "良", 9),
        distribution.Bin(Fraction(80), Fraction(85), "良", 20),
    ]
    svg = totals_histogram(found, ["优", "良", "中", "差"], Fraction(100), "总分", "单位数")
    marked = re.findall(r"<rect [^>]*mark[^>]*>", svg)
    rects = [
        tuple(re.search(rf' {k}="([\d.]+)"', r).group(1) for k in ("x", "height", "width"))  # type: ignore[union-attr]
        for r in marked
    ]
    spans = sorted((float(x), float(x) + float(w)) for x, _h, w in rects)
    assert len(spans) == 3
    assert all(a[1] <= b[0] + 1e-6 for a, b in pairwise(spans))
    heights = sorted(float(h) for _x, h, _w in rects)
    assert heights[0] * 41 == pytest.approx(heights[2] * 9)  # each bar its own count
