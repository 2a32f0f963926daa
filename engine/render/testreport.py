"""Rendering of spec test results, like a test runner."""

from __future__ import annotations

from rich.console import Group, RenderableType

from ..base.i18n import _, ngettext, tr
from ..review.spectest import Suite
from .safe_text import Text
from .text import hanging, indicator_block


def report(suites: list[Suite]) -> RenderableType:
    """The cases, one line each, with details of failures and a summary. Problems
    with the test files themselves are printed apart (see :func:`file_errors`)."""
    parts: list[RenderableType] = []
    for suite in suites:
        for r in suite.results:
            line = Text()
            word = _("PASS") if r.passed else _("FAIL")
            line.append(word + " ", style="green" if r.passed else "bold red")
            line.append(r.name)
            parts.append(line)
            if r.passed:
                continue
            parts += hanging([Text("    " + _("at {pos}").format(pos=r.pos), style="dim")])
            for d in r.differences:  # a line that wraps goes on under its own start
                parts += hanging(
                    [
                        Text(
                            "    "
                            + _("{what}: expected {expected}, got {actual}").format(
                                what=tr(d.what), expected=tr(d.expected), actual=tr(d.actual)
                            )
                        )
                    ]
                )
            shown: set[str] = set()
            for d in r.differences:
                if d.indicator and d.indicator not in shown and r.scorecard is not None:
                    shown.add(d.indicator)
                    result = r.scorecard.find(d.indicator)
                    if result is not None:
                        parts.extend(hanging(indicator_block(r.scorecard, result, "    ")))
            if r.scorecard is not None and any(d.what == "total" for d in r.differences):
                for step in r.scorecard.steps:
                    lines = _("; ").join(tr(x) for x in step.lines)
                    said = _("total: {label}: {lines}").format(label=tr(step.label), lines=lines)
                    parts += hanging([Text("    " + said)])
    passed, failed, broken = summary(suites)
    tail = counts(passed, failed, broken)
    parts.append(Text(tail, style="bold"))
    return Group(*parts)


def counts(passed: int, failed: int, broken: int = 0) -> str:
    """``3 passed, 1 failed`` (and the file errors), in the interface language."""
    text = _("{passed} passed, {failed} failed").format(passed=passed, failed=failed)
    if broken:
        text += ngettext(", {n} file error", ", {n} file errors", broken).format(n=broken)
    return text


def file_errors(suites: list[Suite]) -> list[str]:
    """Problems with test files or their specs: one unwrapped line each."""
    return [str(err) for suite in suites for err in suite.errors]


def summary(suites: list[Suite]) -> tuple[int, int, int]:
    passed = sum(1 for s in suites for r in s.results if r.passed)
    failed = sum(1 for s in suites for r in s.results if not r.passed)
    broken = sum(len(s.errors) for s in suites)
    return passed, failed, broken
