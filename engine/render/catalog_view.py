"""Rendering of `scorecard methods`: each built-in method with a worked example."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding

from ..base.i18n import _
from ..scoring.actuals import check_actuals
from ..scoring.evaluate import evaluate
from ..spec.catalog import CATALOG, example_actuals, example_spec
from ..spec.compile import compile_spec
from ..spec.load import load_text
from .safe_text import Text
from .text import hanging, step_lines


def render() -> RenderableType:
    parts: list[RenderableType] = []
    for entry in CATALOG:
        head = Text()
        head.append(entry.name, style="bold")
        head.append(f"  {_(entry.summary)}")
        parts.append(head)
        parts.append(
            Padding(Text(_("params: {params}").format(params=_(entry.params))), (0, 0, 0, 2))
        )
        parts.append(Padding(Text(_("score:  {rule}").format(rule=_(entry.rule))), (0, 0, 0, 2)))
        spec = compile_spec(load_text(example_spec(entry), "example"))
        sc = evaluate(spec, check_actuals(load_text(example_actuals(entry), "actuals"), spec))
        result = next(iter(sc.walk()))
        example = _("example: {example}").format(example=entry.example)
        parts.append(Padding(Text(example, style="dim"), (0, 0, 0, 2)))
        with_actual = _("with actual {value}:").format(value=entry.value)
        parts.append(Padding(Text(with_actual), (0, 0, 0, 2)))
        for step in result.steps:
            if step.kind == "round":
                continue
            parts.extend(hanging(step_lines(step, "    ", show_pos=False)))
        parts.append(Text(""))
    parts.append(
        Text(
            _(
                "Use one as 'method: ratio', or with params as "
                "'method: {{deduct: {{per: 0.5}}}}'. Designer-defined methods go under "
                "'methods:' with params and a formula."
            ).format()
        )
    )
    return Group(*parts)
