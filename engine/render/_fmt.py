"""Shared wording and number formats for the renderers."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..base.i18n import N_, _, tr
from ..base.numbers import format_fixed, format_value, has_places, looks_numeric, round_fraction
from ..base.text import is_percent
from ..scoring.result import Result, Scorecard, score_text, total_text

__all__ = ["score_text", "total_text"]  # re-exported: renderers format scores through _fmt

FLAG_LETTERS = {"override": "O", "not_applicable": "NA", "missing": "M"}
FLAG_LEGEND = N_(
    "O override · NA not applicable · M missing, scored 0 · C cut to 0 or to full marks"
)
ASSUMED_LEGEND = N_(
    "A: weight or rule assumed by the spec, not taken from its source (see the trace)"
)
WEIGHT_LEGEND = N_("Wt*: changed by not-applicable indicators (exact value in the trace)")
STATUS = {
    "scored": N_("scored"),
    "override": N_("override"),
    "not_applicable": N_("not applicable"),
    "missing": N_("missing"),
}


#: words for the columns of CSV and XLSX output, by column id
COLUMN_WORDS = {
    "level": N_("Level"),
    "id": N_("ID"),
    "name": N_("Indicator"),
    "unit": N_("Unit"),
    "direction": N_("Direction"),
    "target": N_("Target"),
    "actual": N_("Actual"),
    "weight": N_("Weight"),
    "effective_weight": N_("Effective weight"),
    "score": N_("Score"),
    "rule_score": N_("Rule score"),
    "status": N_("Status"),
    "capped": N_("Capped"),
    "how": N_("How"),
    "note": N_("Note"),
    "file": N_("File"),
    "row": N_("Row"),
    "entity": N_("Entity"),
    "period": N_("Period"),
    "total": N_("Total"),
    "full_marks": N_("Full marks"),
    "grade": N_("Grade"),
    "error": N_("Error"),
    "flags": N_("Flags"),
    "count": N_("Count"),
}


def column_names(ids: list[str], header: str = "words") -> list[str]:
    """The header of a CSV or XLSX output. ``ids``: the column ids, which English
    output and ``--header ids`` keep (so scripts never depend on the language);
    otherwise each fixed column's word in the interface language."""
    from ..base.i18n import language

    if header == "ids" or language() == "en":
        return list(ids)
    out = []
    for cid in ids:
        if cid in COLUMN_WORDS:
            out.append(_(COLUMN_WORDS[cid]))
        elif cid.startswith("notes."):
            out.append(_("note: {id}").format(id=cid[len("notes.") :]))
        else:
            out.append(cid)
    return out


#: the sheets of XLSX output, by sheet id
SHEET_WORDS = {
    "results": N_("results"),
    "grades": N_("grades"),
    "comparison": N_("comparison"),
}


def sheet_name(sid: str, header: str = "words") -> str:
    """A sheet's name in an XLSX output, as :func:`column_names` names its columns:
    the id in English and with ``--header ids`` (scripts open the sheet by name),
    otherwise the word in the interface language (``结果``)."""
    from ..base.i18n import language

    if header == "ids" or language() == "en":
        return sid
    return _(SHEET_WORDS[sid])


def status_text(status: str) -> str:
    """A result's status in words, in the interface language."""
    return _(STATUS.get(status, status))


def unit_suffix(unit: str) -> str:
    if not unit:
        return ""
    return unit if is_percent(unit) else f" {unit}"


def target_text(r: Result) -> str:
    ind = r.indicator
    if ind.target is None:
        return ind.target_label  # a qualitative indicator's text target, or nothing
    sign = {"higher": "≥ ", "lower": "≤ "}.get(ind.direction or "", "")
    return f"{sign}{format_value(ind.target)}{unit_suffix(ind.unit)}"


def actual_text(r: Result, places: int = 2) -> str:
    a = r.actual
    if r.status == "not_applicable":
        return _("n/a")
    if r.status == "missing":
        return _("missing")
    if a is None:
        return ""
    if isinstance(a, dict):
        return str(a.get("grade", ""))
    if isinstance(a, Fraction):
        return actual_number(a, places) + unit_suffix(r.indicator.unit)
    return str(a)


#: decimals an actual keeps whole (87.001 as typed, not 87.00…)
ACTUAL_PLACES = 6


def actual_number(x: Fraction, places: int) -> str:
    """An actual: whole when it ends within :data:`ACTUAL_PLACES` decimals (as
    typed, mostly), else cut to ``places`` with ``…`` (a derived ratio); a value
    the cut would show as 0.00… shows up to its first digits (1e-21 is not 0)."""
    whole = format_value(x, max_places=ACTUAL_PLACES)
    if not whole.endswith("…"):
        return whole
    short = short_number(x, places)
    if x and not any(c in "123456789" for c in short):
        return format_value(x, max_places=28)
    return short


def short_number(x: Fraction, places: int) -> str:
    """Exact when short, else truncated to ``places`` decimals with ``…``."""
    return format_value(x, max_places=max(places, 2))


def score_cell(sc: Scorecard, x: Fraction | None) -> str:
    """The Score column: the score at the spec's places, or, when it has none
    there (a full marks of 80/17 kept whole), cut to them with ``…``: the line
    below the row gives it whole."""
    places = sc.spec.rounding.places
    if x is None or has_places(x, places):
        return score_text(sc, x)
    return short_number(x, places)


def weight_text(sc: Scorecard, r: Result) -> str:
    """The Wt column: the full marks here, starred when not the spec's weight."""
    if r.status == "not_applicable":
        return score_cell(sc, r.indicator.weight)
    shown = r.full if r.indicator.is_group else r.weight
    if shown == r.indicator.weight:  # one the places cannot hold (--rebalance's 10/3): 3.33…
        return score_cell(sc, shown)
    places = sc.spec.rounding.places
    return format_fixed(round_fraction(shown, places, "half_up"), places) + "*"


def flags(r: Result) -> str:
    out = []
    if r.status in FLAG_LETTERS:
        out.append(FLAG_LETTERS[r.status])
    if r.capped:
        out.append("C")
    if r.indicator.assumed is not None:
        out.append("A")
    return " ".join(out)


def any_changed_weight(sc: Scorecard) -> bool:
    """Whether a row's weight is marked as changed by not-applicable indicators."""
    return any(weight_text(sc, r).endswith("*") for r in sc.walk())


def any_assumed(sc: Scorecard) -> bool:
    return any(r.indicator.assumed is not None for r in sc.walk())


def any_status_flags(sc: Scorecard) -> bool:
    """Whether a row carries a flag of the main legend (O, NA, M, C)."""
    return any(r.status in FLAG_LETTERS or r.capped for r in sc.walk())


def assumed_lines(sc: Scorecard, r: Result) -> list[str]:
    """What the spec says is assumed about ``r``: its own mark, then its groups'."""
    out = []
    for iid in (r.id, *sc.spec.ancestors(r.id)):
        ind = sc.spec.by_id.get(iid)
        if ind is None or ind.assumed is None:
            continue
        if iid == r.id:
            out.append(
                _("assumed by the spec: {why}").format(why=ind.assumed)
                if ind.assumed
                else _("assumed by the spec (weight or rule not from its source)")
            )
        else:
            out.append(
                _("assumed with its group {name}: {why}").format(name=ind.name, why=ind.assumed)
                if ind.assumed
                else _("assumed with its group {name}").format(name=ind.name)
            )
    return out


def how_text(r: Result) -> str:
    if r.status == "not_applicable":
        return _("not applicable")
    if r.status == "missing":
        return _("missing → 0")
    for step in r.steps:
        if step.kind in ("formula", "band", "grade"):
            return tr(step.brief)
    for step in r.steps:
        if step.kind == "aggregate":
            return tr(step.brief)
    return ""


def json_number(x: Any) -> Any:
    if isinstance(x, bool) or x is None:
        return x
    if isinstance(x, Fraction):
        return format_value(x, max_places=28)
    return x


def name_and_id(name: str, iid: str) -> str:
    """An indicator named with its id, as the interface language writes the pair
    (``外出招商活动次数（trips）`` in Chinese)."""
    return _("{name} ({id})").format(name=name, id=iid)


#: first characters that make a spreadsheet read a cell as a formula (= + - @, and
#: a tab or carriage return before them)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: characters that make a CSV cell need quotes
QUOTED_CHARACTERS = ',"\r\n'


def defused(text: str) -> str:
    """A CSV text cell that a spreadsheet shows as text: one that starts like a
    formula gets a leading apostrophe (the usual CSV-injection guard); numbers such
    as ``-3.5`` stay numbers."""
    if text.startswith(FORMULA_START) and not looks_numeric(text):
        return "'" + text
    return text


def defused_row(cells: list[Any]) -> list[Any]:
    return [defused(c) if isinstance(c, str) else c for c in cells]
