"""File renderings of one scorecard: Markdown, CSV, HTML (self-contained) and XLSX
(the conventional self-evaluation table: 一级/二级/三级指标, 年度指标值, 实际完成值,
分值, 得分, 偏差原因)."""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterator

from ..base.i18n import _, language, tr
from ..base.text import visible
from ..scoring.result import Result, Scorecard
from . import _fmt as f
from ._audit import audit_lines


def _rows(sc: Scorecard) -> Iterator[tuple[int, Result]]:
    def walk(r: Result, depth: int) -> Iterator[tuple[int, Result]]:
        yield depth, r
        for c in r.children:
            yield from walk(c, depth + 1)

    for top in sc.results:
        yield from walk(top, 0)


def _how(r: Result) -> str:
    return f.how_text(r) if not (r.indicator.is_group and f.how_text(r) == _("sum")) else ""


def _note(sc: Scorecard, r: Result) -> str:
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
    if r.indicator.assumed is not None:  # its own mark; the groups' show on their rows
        parts += f.assumed_lines(sc, r)[:1]
    return "; ".join(parts)


#: Markdown that a name or note could carry: table breaks, raw HTML (``<script>``,
#: ``<a href="javascript:…">``), autolinks and inline links; shown as text instead
_MD = str.maketrans(
    {
        "|": "\\|",
        "\n": " ",
        "\r": " ",
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "[": "\\[",
        "]": "\\]",
        "`": "\\`",
    }
)


def _provenance(sc: Scorecard) -> list[tuple[str, str]]:
    """The spec's source and description, for the head of a file rendering."""
    spec = sc.spec
    return [
        (k, v) for k, v in ((_("Source"), spec.source), (_("Description"), spec.description)) if v
    ]


def _md(text: str) -> str:
    """Text from the inputs as Markdown shows it literally: no HTML, no links."""
    return visible(text.translate(_MD))


def markdown(sc: Scorecard) -> str:
    spec = sc.spec
    out = [f"# {_md(spec.title or spec.id)}", ""]
    meta = [_("spec") + f" `{spec.id}`" + (f" {_md(spec.version)}" if spec.version else "")]
    meta += [_md(x) for x in (sc.entity, sc.period) if x]
    out += [" · ".join(meta), ""]
    for label, text in _provenance(sc):
        out.append("> " + _("{label}: ").format(label=label) + _md(text))
    out += [""] if _provenance(sc) else []
    words = [_(f.COLUMN_WORDS[c]) for c in MARKDOWN_COLUMNS]
    out.append("| " + " | ".join(words) + " |")
    out.append("|---|---|---|---:|---:|---|---|---|")
    for depth, r in _rows(sc):
        name = ("&nbsp;" * 4 * depth) + (
            f"**{_md(r.indicator.name)}**" if r.indicator.is_group else _md(r.indicator.name)
        )
        out.append(
            "| "
            + " | ".join(
                [
                    name,
                    _md(f.target_text(r)),
                    _md(f.actual_text(r, spec.rounding.places)),
                    f.weight_text(sc, r),
                    f.score_text(sc, r.score),
                    _md(_how(r)),
                    f.flags(r),
                    _md(_note(sc, r)),
                ]
            )
            + " |"
        )
    out.append("")
    total = "**" + _total(sc) + "**"
    if sc.grade is not None:
        total += " · " + _("grade {grade}").format(grade=f"**{_md(sc.grade)}**")
    out += [total, ""]
    out += [f"- {_md(line.strip())}" for line in audit_lines(sc)]
    out += [""] if audit_lines(sc) else []
    if f.any_status_flags(sc):
        out += [_("Flags: ") + _(f.FLAG_LEGEND), ""]
    if f.any_assumed(sc):
        out += [_(f.ASSUMED_LEGEND), ""]
    if f.any_changed_weight(sc):
        out += [_(f.WEIGHT_LEGEND), ""]
    from .json_out import stamp_lines

    out += [_("Stamp:"), ""] + [f"- {k}: `{v}`" for k, v in stamp_lines(sc)] + [""]
    return "\n".join(out)


HTML_COLUMNS = ["name", "target", "actual", "weight", "score", "how", "flags"]


def _th(column: str) -> str:
    cls = ' class="n"' if column in ("weight", "score") else ""
    return f"<th{cls}>{html.escape(_(f.COLUMN_WORDS[column]))}</th>"


MARKDOWN_COLUMNS = ["name", "target", "actual", "weight", "score", "how", "flags", "note"]


def _total(sc: Scorecard) -> str:
    return _("Total {total} / {full}").format(
        total=f.total_text(sc, sc.total), full=f.total_text(sc, sc.full_marks)
    )


CSV_HEADER = [
    "level",
    "id",
    "name",
    "unit",
    "direction",
    "target",
    "actual",
    "weight",
    "effective_weight",
    "score",
    "rule_score",
    "status",
    "capped",
    "how",
    "note",
]


def csv_text(sc: Scorecard, header: str = "words") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(f.column_names(CSV_HEADER, header))
    for depth, r in _rows(sc):
        ind = r.indicator
        w.writerow(
            f.defused_row(
                [
                    depth + 1,
                    ind.id,
                    ind.name,
                    ind.unit,
                    ind.direction or "",
                    f.json_number(ind.target) or ind.target_label,
                    _actual_cell(r),
                    f.json_number(ind.weight),
                    f.json_number(r.weight),
                    "" if r.score is None else f.score_text(sc, r.score, 28),
                    "" if r.rule_score is None else f.score_text(sc, r.rule_score, 28),
                    r.status,
                    "yes" if r.capped else "",
                    _how(r),
                    _note(sc, r),
                ]
            )
        )
    w.writerow(
        [
            "",
            "",
            _("total"),
            "",
            "",
            "",
            "",
            f.json_number(sc.spec.total),
            f.json_number(sc.full_marks),
            f.total_text(sc, sc.total),
            "",
            "total",
            "",
            "",
            _("grade {grade}").format(grade=sc.grade) if sc.grade else "",
        ]
    )
    return buf.getvalue()


def _actual_cell(r: Result) -> str:
    a = r.actual
    if isinstance(a, dict):
        return f"{a.get('grade')} ({f.json_number(a.get('score'))})"
    value = f.json_number(a)
    return "" if value is None else str(value)


_CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
h1{font-size:1.4em;margin-bottom:.2em}.meta{color:#666;margin-bottom:1em}
table{border-collapse:collapse;width:100%;font-size:.92em}
th,td{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.group td{font-weight:600;background:#fafafa}
details summary{cursor:pointer;color:#225}details pre{margin:.3em 0 .6em;white-space:pre-wrap;
font-size:.9em;background:#f8f8f8;padding:.5em}
.flag{color:#a40;font-weight:600}.total{font-size:1.2em;margin:1em 0}
.controls{margin:.5em 0}@media print{.controls{display:none}body{margin:0}}
"""

_SCRIPT = """
function setAll(open){document.querySelectorAll('details').forEach(d=>d.open=open)}
window.addEventListener('beforeprint',()=>setAll(true));
"""


def html_text(sc: Scorecard) -> str:
    from .text import step_lines

    spec = sc.spec
    e = html.escape
    meta = [f"{spec.id}" + (f" {spec.version}" if spec.version else "")]
    meta += [x for x in (sc.entity, sc.period) if x]
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if language() == "zh" else "en"}"><head><meta charset="utf-8">',
        f"<title>{e(spec.title or spec.id)}</title>",
        f"<style>{_CSS}</style>",
        f"<script>{_SCRIPT}</script></head><body>",
        f"<h1>{e(spec.title or spec.id)}</h1>",
        f'<div class="meta">{e(" · ".join(meta))}</div>',
        *[f'<p class="meta">{e(label)}: {e(text)}</p>' for label, text in _provenance(sc)],
        f'<div class="controls"><button onclick="setAll(true)">{e(_("Expand all"))}</button> '
        f'<button onclick="setAll(false)">{e(_("Collapse all"))}</button></div>',
        "<table><thead><tr>" + "".join(_th(c) for c in HTML_COLUMNS) + "</tr></thead><tbody>",
    ]
    for depth, r in _rows(sc):
        trace = "\n".join(line.plain for step in r.steps for line in step_lines(step, ""))
        pad = f' style="padding-left:{0.5 + 1.5 * depth}em"'
        how = e(_how(r) or _("derivation"))
        cls = ' class="group"' if r.indicator.is_group else ""
        note = _note(sc, r)
        out.append(
            f"<tr{cls}><td{pad}>{e(r.indicator.name)} <small>({e(r.id)})</small>"
            + (f"<br><small>{e(note)}</small>" if note else "")
            + "</td>"
            f"<td>{e(f.target_text(r))}</td><td>{e(f.actual_text(r, spec.rounding.places))}</td>"
            f'<td class="n">{e(f.weight_text(sc, r))}</td>'
            f'<td class="n">{e(f.score_text(sc, r.score))}</td>'
            f"<td><details><summary>{how}</summary><pre>{e(trace)}</pre></details></td>"
            f'<td class="flag">{e(f.flags(r))}</td></tr>'
        )
    total = _total(sc)
    if sc.grade is not None:
        total += " · " + _("grade {grade}").format(grade=sc.grade)
    total_trace = "\n".join(line.plain for step in sc.steps for line in step_lines(step, ""))
    out += [
        "</tbody></table>",
        f'<div class="total"><strong>{e(total)}</strong></div>',
        *[f'<div class="meta">{e(line.strip())}</div>' for line in audit_lines(sc)],
        f"<details><summary>{e(_('How the total was reached'))}</summary>"
        f"<pre>{e(total_trace)}</pre></details>",
        f"<p><small>{e(_('Flags: ') + _(f.FLAG_LEGEND))}.</small></p>",
        *([f"<p><small>{e(_(f.ASSUMED_LEGEND))}.</small></p>"] if f.any_assumed(sc) else []),
        *([f"<p><small>{e(_(f.WEIGHT_LEGEND))}.</small></p>"] if f.any_changed_weight(sc) else []),
        _html_stamp(sc),
        "</body></html>",
        "",
    ]
    return "\n".join(out)


def _html_stamp(sc: Scorecard) -> str:
    from .json_out import stamp_lines

    rows = "".join(
        f"<tr><th>{html.escape(k)}</th><td><code>{html.escape(v)}</code></td></tr>"
        for k, v in stamp_lines(sc)
    )
    return f'<table class="stamp"><caption>{html.escape(_("Stamp"))}</caption>{rows}</table>'


def xlsx_bytes(sc: Scorecard) -> bytes:
    """The conventional self-evaluation table as a working paper (see working_paper)."""
    from .working_paper import xlsx_bytes as paper

    return paper(sc)
