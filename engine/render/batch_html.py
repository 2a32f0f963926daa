"""The batch report: one self-contained HTML page for presenting a batch.

The distribution of totals with the grade bands, the count per grade, per
indicator the mean share of its weight achieved and the share of units at full
marks (weakest first), and the ranking, sortable, each unit opening its
derivation. Charts are inline SVG (:mod:`engine.render.charts`); the page's only
script is its own, inline, and a Content-Security-Policy forbids loading anything.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from .. import __version__
from ..base.i18n import N_, _, language
from ..base.numbers import format_fixed, format_value, round_fraction
from ..batch.summary import Summary, Where, place_of
from ..scoring.result import Scorecard, total_text
from .charts import grade_bars, indicator_bars, totals_histogram
from .distribution import bins, summary_shares

#: the page's words, in one place (shown in the interface language: :func:`page_words`)
WORDS = {
    "totals": N_("Distribution of totals"),
    "total": N_("Total"),
    "units": N_("Units"),
    "grades": N_("Units per grade"),
    "grade": N_("Grade"),
    "from": N_("From"),
    "share": N_("Share"),
    "indicators": N_("Indicators, weakest first"),
    "indicator": N_("Indicator"),
    "percentages": N_("The percentages, indicator by indicator"),
    "mean": N_("Mean share of weight achieved (%)"),
    "at_full": N_("Units at full marks (%)"),
    "ranking": N_("Ranking"),
    "rank": N_("Rank"),
    "entity": N_("Entity (open for its derivation)"),
    "row": N_("Row"),
    "where": N_("File:row"),
    "errors": N_("Rows that could not be scored"),
    "sort": N_("Sort by"),
}


def page_words(words: Mapping[str, str]) -> dict[str, str]:
    """A page's words in the interface language."""
    return {key: _(text) for key, text in words.items()}


def page_head(title: str) -> list[str]:
    """A self-contained page's head, up to its title heading: inline style and
    script only (the policy forbids loading anything), in the interface language."""
    e = html.escape
    return [
        "<!DOCTYPE html>",
        f'<html lang="{html_lang()}"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
    ]


def html_lang() -> str:
    """The ``lang`` of a page: the interface language."""
    return "zh-CN" if language() == "zh" else "en"


def _bound(x: Fraction | None) -> str:
    return "" if x is None else format_value(x)


def _pct(x: Fraction) -> str:
    return format_fixed(round_fraction(x * 100, 1, "half_up"), 1)


def derivation(sc: Scorecard) -> str:
    """What ``score --format tree`` prints for the unit, as plain text (unwrapped:
    the page scrolls it), made without a console: a page holds hundreds."""
    from .explore import rows
    from .text import Provenance, indicator_block, step_lines

    lines = [sc.spec.title or sc.spec.id]
    meta = [sc.spec.id + (f" {sc.spec.version}" if sc.spec.version else "")]
    lines.append(" · ".join(meta + [p for p in (sc.entity, sc.period) if p]))
    lines += [_("{label}: ").format(label=label) + text for label, text in Provenance(sc).items]
    lines.append("")
    for row in rows(sc):
        lines += [t.plain for t in indicator_block(sc, row.result, "  " * row.depth)]
    lines.append("")
    lines.append(footer_text(sc))
    from ._audit import audit_lines

    lines += audit_lines(sc)  # the overrides' effect and the published result, as the tree
    for step in sc.steps:
        lines += [t.plain for t in step_lines(step)]
    return "\n".join(line.rstrip() for line in lines)


def footer_text(sc: Scorecard) -> str:
    from .text import footer

    return footer(sc).plain


def report(
    s: Summary,
    cards: Mapping[Where, Scorecard],
    table_file: str = "",
    table_sha256: str = "",
    words: Mapping[str, str] | None = None,
) -> str:
    """The whole page: the same summary and scorecards give the same bytes."""
    spec, e = s.spec, html.escape
    words = page_words(WORDS) if words is None else words
    ranking = s.ranking()
    grades = [g.grade for g in spec.grades] + (["—"] if "—" in s.grades else [])
    counts = [(g, s.grades.get(g, 0)) for g in grades]
    meta = [spec.id + (f" {spec.version}" if spec.version else "")]
    meta += [table_file] if table_file else []
    meta.append(_("{scored} scored, {failed} failed").format(scored=s.scored, failed=len(s.failed)))
    out = [
        *page_head(spec.title or spec.id),
        f'<p class="meta">{e(" · ".join(meta))}</p>',
    ]
    if ranking:
        out += _totals_section(s, counts, words)
        out += _indicator_section(s, words)
        out += _ranking_section(s, shown_ranking(ranking), cards, grades, words)
    out += _failed_section(s, words)
    out += [
        f"<footer>scorecard {e(__version__)} · spec sha256 {e(spec.sha256)}"
        + (f" · table sha256 {e(table_sha256)}" if table_sha256 else "")
        + "</footer>",
        f"<script>{SCRIPT}</script>",
        "</body></html>",
        "",
    ]
    return "\n".join(out)


def _totals_section(
    s: Summary, counts: Sequence[tuple[str, int]], words: Mapping[str, str]
) -> list[str]:
    spec, e = s.spec, html.escape
    band_min = {g.grade: g.min for g in spec.grades}
    histogram = totals_histogram(
        bins(spec, ((t, g) for t, _, _, g in s.totals)),
        [g for g, _ in counts],
        spec.total,
        words["total"],
        words["units"],
    )
    rows = "".join(
        f"<tr><td>{e(g)}</td><td class=n>{e(_bound(band_min.get(g)))}</td>"
        f"<td class=n>{n}</td><td class=n>{_pct(Fraction(n, max(s.scored, 1)))}%</td></tr>"
        for g, n in counts
    )
    return [
        f'<section id="totals"><h2>{e(words["totals"])}</h2>',
        f'<figure class="chart" id="chart-totals">{histogram}</figure>',
        f'<div class="pair"><figure class="chart" id="chart-grades">'
        f"<figcaption>{e(words['grades'])}</figcaption>{grade_bars(counts, words['units'])}"
        "</figure>",
        f"<table class=grades><thead><tr><th>{e(words['grade'])}</th><th>{e(words['from'])}"
        f"</th><th>{e(words['units'])}</th><th>{e(words['share'])}</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div></section>",
    ]


def _indicator_section(s: Summary, words: Mapping[str, str]) -> list[str]:
    e = html.escape
    found = summary_shares(s)
    if not found:
        return []
    chart = indicator_bars(
        [(f"{x.name} ({x.id})", x.mean, x.at_full) for x in found], words["mean"], words["at_full"]
    )
    rows = "".join(
        f"<tr><td>{e(x.name)} <small>({e(x.id)})</small></td>"
        f"<td class=n>{_pct(x.mean)}</td><td class=n>{_pct(x.at_full)}</td>"
        f"<td class=n>{x.count}</td></tr>"
        for x in found
    )
    return [
        f'<section id="indicators"><h2>{e(words["indicators"])}</h2>',
        f'<figure class="chart" id="chart-indicators">{chart}</figure>',
        f"<details><summary>{e(words['percentages'])}</summary><table class=shares><thead><tr>"
        f"<th>{e(words['indicator'])}</th><th>{e(words['mean'])}</th>"
        f"<th>{e(words['at_full'])}</th><th>{e(words['units'])}</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></details></section>",
    ]


#: units of a batch page's ranking, each with its derivation: a larger batch
#: shows its best and worst halves of this many (the charts count every unit)
SHOWN_UNITS = 500


def shown_ranking(
    ranking: Sequence[tuple[int, Fraction, Where, str, str | None]],
) -> list[tuple[int, Fraction, Where, str, str | None] | None]:
    """The ranking as the page shows it: whole up to :data:`SHOWN_UNITS` units,
    else the best and the worst halves of that with None between them."""
    if len(ranking) <= SHOWN_UNITS:
        return list(ranking)
    half = SHOWN_UNITS // 2
    return [*ranking[:half], None, *ranking[-half:]]


def _ranking_section(
    s: Summary,
    ranking: Sequence[tuple[int, Fraction, Where, str, str | None] | None],
    cards: Mapping[Where, Scorecard],
    grades: Sequence[str],
    words: Mapping[str, str],
) -> list[str]:
    e = html.escape
    order = {g: n for n, g in enumerate(grades)}

    def head(key: str, label: str, num: bool) -> str:
        return sort_head(key, label, num, words["sort"])

    rows = []
    shrunk = s.full_marks()
    # rows told by their number; in a batch of many files, with their file, and
    # sorted by their place in the files' order (data-row: a number either way)
    told = [item[2] for item in ranking if item]
    numbered = all(isinstance(w, int) for w in told)
    place = {w: w if numbered else k for k, w in enumerate(sorted(told, key=place_of))}
    for item in ranking:
        if item is None:  # the units between the best and the worst shown
            note = _(
                "… {n} more units, not shown here: -o FILE.csv or .xlsx lists every unit, "
                "and scorecard view opens any of them"
            ).format(n=s.scored - len(ranking) + 1)
            rows.append(f'<tr class="more"><td colspan=5>{e(note)}</td></tr>')
            continue
        rank, total, row, entity, grade = item
        sc = cards.get(row)
        shown = total_text(sc, total) if sc is not None else str(total)
        body = f"<pre>{e(derivation(sc))}</pre>" if sc is not None else ""
        full = shrunk.get((row, entity))
        of = "" if full is None else " / " + format_value(full)  # ranked by the score rate
        rows.append(
            f'<tr data-rank="{rank}" data-total="{e(shown)}" data-grade="'
            f'{order.get(grade or "—", len(order))}" data-entity="{e(entity)}" '
            f'data-row="{place[row]}"><td class=n>{rank}</td><td class=n>{e(shown + of)}</td>'
            f"<td>{e(grade or '—')}</td><td><details><summary>{e(entity or '—')}</summary>"
            f"{body}</details></td><td{' class=n' if numbered else ''}>{e(str(row))}</td></tr>"
        )
    return [
        f'<section id="ranking"><h2>{e(words["ranking"])}</h2>',
        "<table id=ranking-table class=sortable><thead><tr>"
        + head("rank", words["rank"], True)
        + head("total", words["total"], True)
        + head("grade", words["grade"], True)
        + head("entity", words["entity"], False)
        + head("row", words["row"] if numbered else words["where"], True)
        + "</tr></thead><tbody>",
        *rows,
        "</tbody></table></section>",
    ]


def sort_head(key: str, label: str, num: bool, sort: str) -> str:
    """A column heading that sorts its table by the rows' ``data-KEY``."""
    e = html.escape
    return (
        f'<th data-key="{key}"{" data-num" if num else ""}>'
        f'<button type="button" title="{e(sort)} {e(label)}">{e(label)}</button></th>'
    )


def _failed_section(s: Summary, words: Mapping[str, str]) -> list[str]:
    if not s.failed:
        return []
    e = html.escape
    # each row under its unit's name: the messages locate it, but name no one
    items = "".join(
        f"<li><strong>{e(r.entity or '—')}</strong> " + "<br>".join(map(e, r.errors)) + "</li>"
        for r in s.failed
    )
    return [f'<section id="failed"><h2>{e(words["errors"])}</h2><ul>{items}</ul></section>']


def write(output: str | None, page: str) -> Any:
    """The page to ``output`` (atomically), or to standard output."""
    from ..base.output import write_atomic
    from ..base.text import utf8

    if output:
        write_atomic(output, utf8(page))
    else:
        import sys

        from ..base.output import for_stdout

        sys.stdout.write(for_stdout()(page))


CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",
sans-serif;margin:1.5em auto;max-width:1200px;padding:0 1em;color:#222}
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.6em;
border-bottom:1px solid #ddd}.meta{color:#555;margin-top:0}
figure{margin:0}figure.chart svg{width:100%;height:auto}
figcaption{font-weight:bold;margin:.5em 0}
.pair{display:flex;gap:2em;align-items:flex-start;flex-wrap:wrap}
.pair figure{flex:1 1 420px}
table{border-collapse:collapse;margin:.5em 0}
td,th{border-bottom:1px solid #e5e5e5;padding:.25em .6em;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
th button{font:inherit;font-weight:bold;background:none;border:0;padding:0;cursor:pointer}
th[aria-sort=ascending] button::after{content:" ▲"}
th[aria-sort=descending] button::after{content:" ▼"}
pre{font-size:12px;background:#f7f7f7;padding:.6em;overflow-x:auto;max-width:900px}
summary{cursor:pointer}footer{margin-top:2em;color:#777;font-size:.8em;word-break:break-all}
#failed li{font-family:monospace;font-size:.9em}
"""

SCRIPT = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  var body = table.tBodies[0];
  table.querySelectorAll("th[data-key]").forEach(function (th) {
    th.querySelector("button").addEventListener("click", function () {
      var key = th.getAttribute("data-key"), num = th.hasAttribute("data-num");
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      var all = Array.prototype.slice.call(body.rows);
      var rows = all.filter(function (r) { return r.hasAttribute("data-row"); });
      rows.sort(function (a, b) {
        var x = a.getAttribute("data-" + key), y = b.getAttribute("data-" + key);
        var c = num ? Number(x) - Number(y) : x.localeCompare(y, "zh");
        return dir * c || Number(a.getAttribute("data-row")) - Number(b.getAttribute("data-row"));
      });
      rows.forEach(function (r) { body.appendChild(r); });
      all.forEach(function (r) { if (!r.hasAttribute("data-row")) body.appendChild(r); });
    });
  });
});
"""
