"""Fiscal-year versions: a spec's ``effective: {from, to}`` and a family of versions.

A folder whose specs share one ``id`` and carry ``effective`` is a family; the
versions must follow one another without overlaps or gaps (each refused naming both
specs), and an actuals ``period`` (``2022``, ``2022-06`` or ``2022-06-30``) picks the
version in force for the whole of it.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..base.errors import (
    ActualsError,
    ErrorList,
    LoadError,
    Pos,
    ScorecardError,
    SpecError,
    UsageError,
)
from ..base.i18n import _
from ..base.records import record
from .load import Document

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: a period: a year, a month or a day, as ISO writes it (``2022``, ``2022-06``,
#: ``2022-06-30``), with ``/`` (``2022/6/30``), or in Chinese (``2022年``,
#: ``2022年度``, ``2022年6月``, ``2022年6月30日``); not with dots, which a number
#: read from YAML would give (``2022.10`` is the number 2022.1)
_PERIOD = re.compile(
    r"^(\d{4})(?:"
    r"(?:-(\d{2})(?:-(\d{2}))?)"
    r"|(?:/(\d{1,2})(?:/(\d{1,2}))?)"
    r"|(?:年(?:度|(\d{1,2})月(?:(\d{1,2})日)?)?)"
    r")?$"
)


@record(frozen=True)
class Effective:
    """The dates a version applies to, inclusive; ``to`` None is open-ended."""

    start: dt.date
    end: dt.date | None
    pos: Pos

    def covers(self, first: dt.date, last: dt.date) -> bool:
        return self.start <= first and (self.end is None or last <= self.end)

    def touches(self, first: dt.date, last: dt.date) -> bool:
        return self.start <= last and (self.end is None or first <= self.end)

    def text(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat() if self.end else '…'}"


def _date(raw: Any, doc: Document, path: tuple[str, ...]) -> dt.date | None:
    if not isinstance(raw, str) or not _DATE.match(raw):
        return None  # the schema words it
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ErrorList(
            [
                SpecError(
                    _("'{raw}' is not a date of the calendar; write YYYY-MM-DD").format(raw=raw),
                    doc.pos(path),
                )
            ]
        ) from None


def effective_of(doc: Document) -> Effective | None:
    """The document's ``effective`` range, checked (from ≤ to), or None."""
    data = doc.data
    raw = data.get("effective") if isinstance(data, dict) else None
    if not isinstance(raw, dict):
        return None
    start = _date(raw.get("from"), doc, ("effective", "from"))
    end = _date(raw.get("to"), doc, ("effective", "to")) if "to" in raw else None
    if start is None:
        return None
    if end is not None and end < start:
        raise ErrorList(
            [
                SpecError(
                    _(
                        "effective ends ({isoformat}) before it starts ({isoformat2}); to is the "
                        "last day, on or after from"
                    ).format(isoformat=end.isoformat(), isoformat2=start.isoformat()),
                    doc.pos(("effective", "to")),
                )
            ]
        )
    return Effective(start, end, doc.key_pos(("effective",)))


#: a time after a day (a timestamp's, a datetime cell's): the day is the period
_TIME = re.compile(r"[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
#: a year written as a whole number with decimals (a float column's 2022.0)
_FLOAT_YEAR = re.compile(r"^(\d{4})\.0+$")
#: a span of years (2021-2022, 2021年至2022年)
_YEARS = re.compile(r"^(\d{4})年?(?:-|–|—|~|～|至|到)(\d{4})年?$")


def period_range(period: str, where: Pos | None) -> tuple[dt.date, dt.date]:
    """``2022`` → the year; ``2022-06`` → June; ``2022-06-30`` → that day (and the
    other spellings of :data:`_PERIOD`, a timestamp's day, a span of years)."""
    text = re.sub(r"\s+", "", _TIME.sub("", period.strip()))
    text = _FLOAT_YEAR.sub(r"\1", text)
    years = _YEARS.match(text)
    if years is not None and int(years[1]) <= int(years[2]):
        return dt.date(int(years[1]), 1, 1), dt.date(int(years[2]), 12, 31)
    m = _PERIOD.match(text)
    try:
        if m is None:
            raise ValueError
        year = int(m[1])
        month = m[2] or m[4] or m[6]
        day = m[3] or m[5] or m[7]
        if day is not None:
            d = dt.date(year, int(month or 0), int(day))
            return d, d
        if month is not None:
            first = dt.date(year, int(month), 1)
            nxt = dt.date(year + (first.month == 12), first.month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        raise ActualsError(
            _(
                "period '{period}' is not a year, month or date; write e.g. 2022, "
                "2022-06, 2022-06-30 or 2022年6月 so that it picks a version"
            ).format(period=period),
            where,
        ) from None


def period_of(actuals: Document) -> str:
    """The actuals' ``period`` as text; a family needs one to pick its version."""
    data = actuals.data if isinstance(actuals.data, dict) else {}
    period = data.get("period")
    if period is None or isinstance(period, bool | dict | list):
        raise ActualsError(
            _(
                "these actuals give no period, and the spec is a family of versions: "
                'add period: "2022" (a year, month or date) to pick one (in a filled '
                "form, under 评价年度)"
            ),
            actuals.pos(("period",)),  # its key, its cell in a form, else the file
        )
    from ..base.numbers import format_value

    return period if isinstance(period, str) else format_value(period)


@record(frozen=True)
class Version:
    """One spec file of a family, and the dates it is in force."""

    file: str
    id: str
    effective: Effective
    #: where the version's ``extends`` is, when its dates are its base's, not its own
    inherited: Pos | None = None


def inherited_at(doc: Document, effective: Effective | None) -> Pos | None:
    """Where ``doc`` (a spec file) extends the spec its ``effective`` dates come
    from, when they are not its own; None when they are (or there are none)."""
    data = doc.data if isinstance(doc.data, dict) else {}
    if effective is None or "effective" in data or "extends" not in data:
        return None
    return doc.key_pos(("extends",))


def check_family(versions: list[Version]) -> list[ScorecardError]:
    """Overlaps and gaps between the versions of one id, each naming both specs;
    a version whose dates are its base's (``extends`` without ``effective``) is
    told so at its ``extends``, and left out of the others' checks."""
    errors: list[ScorecardError] = []
    own = [v for v in versions if v.inherited is None]
    for v in versions:
        if v.inherited is None:
            continue
        end = v.effective.end or dt.date.max
        clash = [o for o in own if o.effective.touches(v.effective.start, end)]
        if not clash:
            own.append(v)  # its base's dates, but no other version's: a version as any
            continue
        errors.append(
            SpecError(
                _(
                    "effective: this version has no dates of its own and takes {text} from "
                    "the spec it extends, when {file} is in force already; give it its own "
                    "effective: {{from, to}}"
                ).format(text=v.effective.text(), file=clash[0].file),
                v.inherited,
            )
        )
    ordered = sorted(own, key=lambda v: v.effective.start)
    for before, after in pairwise(ordered):
        a, b = before.effective, after.effective
        if a.end is None or b.start <= a.end:
            errors.append(
                SpecError(
                    _(
                        "effective {text} overlaps {file} ({text2}, at {pos}); versions of one "
                        "id must not overlap: end the earlier one the day before"
                    ).format(text=b.text(), file=before.file, text2=a.text(), pos=a.pos),
                    b.pos,
                )
            )
        elif b.start > a.end + dt.timedelta(days=1):
            gap_end = b.start - dt.timedelta(days=1)
            errors.append(
                SpecError(
                    _(
                        "no version of '{id}' is in force from {isoformat} to {isoformat2}: "
                        "{file} ends {isoformat3} (at {pos}); start this one the day after, or "
                        "add a version for the gap"
                    ).format(
                        id=after.id,
                        isoformat=(a.end + dt.timedelta(days=1)).isoformat(),
                        isoformat2=gap_end.isoformat(),
                        file=before.file,
                        isoformat3=a.end.isoformat(),
                        pos=a.pos,
                    ),
                    b.pos,
                )
            )
    return errors


def pick(versions: list[Version], period: str, where: Pos | None) -> Version:
    """The version in force for the whole ``period``."""
    first, last = period_range(period, where)
    for v in versions:
        if v.effective.covers(first, last):
            return v
    touching = [v for v in versions if v.effective.touches(first, last)]
    listed = "; ".join(f"{v.file} {v.effective.text()}" for v in versions)
    if len(touching) == 1:
        raise ActualsError(
            _(
                "period '{period}' runs {span}, but {file} is in force only {effective}; give a "
                "period within it (e.g. a date), or make the versions cover the whole period"
            ).format(
                period=period,
                span=f"{first.isoformat()} – {last.isoformat()}",
                file=touching[0].file,
                effective=touching[0].effective.text(),
            ),
            where,
        )
    if touching:
        raise ActualsError(
            _(
                "period '{period}' spans {touching} versions ({listed}); give a period "
                "within one of them, e.g. a date"
            ).format(period=period, touching=len(touching), listed=listed),
            where,
        )
    raise ActualsError(
        _("no version is in force in period '{period}'; versions: {listed}").format(
            period=period, listed=listed
        ),
        where,
    )


def version_for(folder: str, actuals: Document) -> str:
    """The file of the version in ``folder`` that the actuals' spec id and period pick;
    the family's overlaps and gaps are refused first."""
    data = actuals.data if isinstance(actuals.data, dict) else {}
    sid = data.get("spec") if isinstance(data.get("spec"), str) else None
    members = family_members(folder, sid)
    errors = check_family(members)
    if errors:
        raise ErrorList(errors)
    return pick(members, period_of(actuals), actuals.pos(("period",))).file


def name_a_version(folder: str) -> UsageError:
    """A family's folder where one spec file is needed (a command other than those
    that pick a version by one entity's period, or a table, whose rows may fall in
    different versions): the versions to choose from. A folder that is no family
    says so (:func:`family_members`)."""
    members = family_members(folder, None)
    versions = _(", ").join(f"{Path(v.file).name} ({v.effective.text()})" for v in members)
    return UsageError(
        _(
            "{folder}: a folder of fiscal-year versions, which score, explain, whatif, "
            "compare, view and review pick from by one entity's period (review: of files "
            "of one entity each); give one version's file here: {versions}"
        ).format(folder=folder, versions=versions)
    )


def family_members(folder: str, sid: str | None) -> list[Version]:
    """The versions in ``folder`` (of id ``sid`` when given): specs with ``effective``."""
    from .compose import resolve
    from .load import load_file

    found: list[Version] = []
    ids: set[str] = set()
    for path in sorted(Path(folder).glob("*.y*ml")):
        if path.name.endswith(".tests.yaml"):
            continue
        try:
            doc = load_file(path, str(path))
        except LoadError:
            continue  # validating the folder reports it
        data = doc.data
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            continue
        if "indicators" not in data and "extends" not in data:
            continue  # actuals
        eff = effective_of(resolve(doc))
        if eff is not None:
            ids.add(data["id"])
            if sid is None or data["id"] == sid:
                found.append(Version(str(path), data["id"], eff, inherited_at(doc, eff)))
    if not ids:
        raise LoadError(
            _(
                "{folder}: is a directory; give a file (or a folder of fiscal-year "
                "versions: specs sharing one id, each with effective: {{from, to}})"
            ).format(folder=folder)
        )
    if not found:
        raise LoadError(_no_version(folder, sid, ids))
    return found


def _no_version(folder: str, sid: str | None, ids: set[str]) -> str:
    """No version of the family (of id ``sid``) in ``folder``: the ids that have some."""
    also = (
        _(" (ids with versions here: {ids})").format(ids=_(", ").join(sorted(ids))) if ids else ""
    )
    if sid:
        return _(
            "{folder}: no spec of id '{sid}' with effective: {{from, to}} in this folder; a "
            "family is a folder of versions sharing one id{also}"
        ).format(folder=folder, sid=sid, also=also)
    return _(
        "{folder}: no spec with effective: {{from, to}} in this folder; a family is a folder "
        "of versions sharing one id{also}"
    ).format(folder=folder, also=also)
