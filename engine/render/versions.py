"""Rendering of the rule changes between two versions of a spec (no actuals)."""

from __future__ import annotations

from rich.console import Group, RenderableType

from ..base.i18n import _, ngettext
from ..review.compare import VersionDiff
from ..spec.model import Spec
from .comparison import change_block, change_text, spec_change
from .safe_text import Text


def _side(label: str, spec: Spec) -> Text:
    t = Text()
    t.append(f"{label}  ", style="bold")
    t.append(f"{spec.file} ({spec.id}" + (f" {spec.version}" if spec.version else "") + ")")
    return t


def render(d: VersionDiff) -> RenderableType:
    parts: list[RenderableType] = [_side("A", d.a), _side("B", d.b)]
    for ch in d.spec_changes:
        parts.append(change_block(spec_change(ch.field, ch.a, ch.b), 0))
    if not d.indicators:
        parts.append(Text(_("No indicator's rule differs.")))
        return Group(*parts)
    parts.append(Text(""))
    parts.append(Text(_("Rule changes by indicator:"), style="bold"))
    for iid, name, changes in d.indicators:
        parts.append(Text(f"  {name} ({iid})"))
        for ch in changes:
            parts.append(change_block(change_text(ch.field, ch.a, ch.b), 4))
    parts.append(Text(""))
    changed = ngettext(
        "{n} indicator changed, {unchanged} unchanged",
        "{n} indicators changed, {unchanged} unchanged",
        len(d.indicators),
    )
    parts.append(Text(changed.format(n=len(d.indicators), unchanged=d.unchanged)))
    return Group(*parts)
