"""The terminal explorer (`scorecard view`), on Textual.

A scorecard screen: the indicator tree (weights, scores, flags) beside the
selected indicator's derivation, the spec source around its rule and the
actuals lines that gave its value. A table screen: the entities of a batch,
sortable and filterable; Enter opens one. Keyboard only; the keys are in the
footer. What is shown is computed in :mod:`engine.render.explore`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Static, Tree
from textual.widgets.tree import TreeNode

from ..base.errors import Pos
from ..base.i18n import _, speaking
from ..scoring.result import Scorecard, score_text
from . import explore as x
from .text import explain

CSS = """
#title { height: 1; background: $boost; text-style: bold; }
#status { height: 1; color: $text-muted; }
#tree { width: 45%; min-width: 30; border-right: solid $primary-darken-2; }
#detail { width: 1fr; padding: 0 1; }
#prompt { dock: bottom; display: none; }
#prompt.open { display: block; }
DataTable:nocolor > .datatable--cursor { text-style: reverse bold; }
"""


class Words:
    """The explorer's words in the language of the moment (``l`` switches)."""

    def __init__(self, lang: str = "en"):
        self.lang = lang if lang in x.LANGUAGES else "en"

    def __getitem__(self, key: str) -> str:
        with speaking(self.lang):
            return _(x.WORDS[key])

    def switch(self) -> None:
        order = x.LANGUAGES
        self.lang = order[(order.index(self.lang) + 1) % len(order)]


class Explorer(App[None]):
    """The app: one first screen (a scorecard or a table), and the words."""

    CSS = CSS
    TITLE = "scorecard view"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, first: Screen[None], lang: str = "en"):
        super().__init__()
        self.first = first
        self.words = Words(lang)

    def on_mount(self) -> None:
        self.push_screen(self.first)

    def action_language(self) -> None:
        self.words.switch()
        for screen in self.screen_stack:
            relabel = getattr(screen, "relabel", None)
            if relabel is not None:
                relabel()


def _words(screen: Screen[None]) -> Words:
    app = screen.app
    return app.words if isinstance(app, Explorer) else Words()


class ScorecardScreen(Screen[None]):
    """One entity: the tree on the left, the selected indicator on the right."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Find"),
        Binding("n", "match(True)", "Next"),
        Binding("N", "match(False)", "Prev"),
        Binding("o", "jump('override')", "Overr."),
        Binding("a", "jump('not_applicable')", "N/A"),
        Binding("m", "jump('missing')", "Miss"),
        Binding("c", "jump('capped')", "Cap"),
        Binding("d", "jump('deviating')", "Dev"),
        Binding("k", "jump('over_claimed')", "Claim"),
        Binding("l", "app.language", "Lang"),
        Binding("escape", "back", "Back"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(
        self,
        sc: Scorecard,
        positions: Mapping[tuple[str, str], Pos] | None = None,
        sources: x.Sources | None = None,
    ):
        super().__init__()
        self.sc = sc
        self.positions = positions or {}
        self.sources = sources or x.Sources()
        self.rows = x.rows(sc)
        self.nodes: list[TreeNode[int]] = []
        self.found: list[int] = []
        self.claims = any("over_claimed" in r.flags for r in self.rows) or any(
            getattr(r.result, "claimed", None) is not None for r in self.rows
        )

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        with Horizontal():
            yield Tree[int]("", id="tree")
            with VerticalScroll(id="detail"):
                yield Static(id="body")
        yield Static(id="status")
        yield Input(id="prompt")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        tree = self.query_one("#tree", Tree)
        tree.show_root = False
        parents: dict[int, TreeNode[int]] = {-1: tree.root}
        stack: list[int] = []
        for i, row in enumerate(self.rows):
            del stack[row.depth :]
            parent = parents[stack[-1]] if stack else tree.root
            label = self._label(row)
            if row.result.children:
                node = parent.add(label, data=i, expand=True)
            else:
                node = parent.add_leaf(label, data=i)
            parents[i] = node
            self.nodes.append(node)
            stack.append(i)
        tree.root.expand()
        tree.focus()
        self.relabel()
        if self.nodes:
            tree.move_cursor(self.nodes[0])
            self.show(0)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "jump" and parameters == ("over_claimed",):
            return self.claims  # shown only where claimed scores were given
        if action == "back":
            return len(self.app.screen_stack) > 2 or self.query_one("#prompt").has_class("open")
        return True

    def _label(self, row: x.Row) -> Text:
        """Score/full first (aligned), then the flags' letters and the name."""
        r, sc = row.result, self.sc
        width = len(score_text(sc, sc.spec.total))
        label = Text(f"{score_text(sc, r.score):>{width}}", style="bold")
        label.append(f"/{score_text(sc, r.full if r.indicator.is_group else r.weight):<{width}} ")
        if row.flags:  # before the name, which a narrow terminal cuts
            label.append(f"[{row.letters}]", style="bold reverse")
            label.append(" ")
        label.append(r.indicator.name)
        return label

    def relabel(self) -> None:
        w = _words(self)
        sc = self.sc
        head = " · ".join(p for p in (sc.spec.title or sc.spec.id, sc.entity, sc.period) if p)
        grade = f"  {w['grade']} {sc.grade}" if sc.grade is not None else ""
        self.query_one("#title", Static).update(
            f"{head}  {w['total']} {score_text(sc, sc.total)}/{score_text(sc, sc.full_marks)}"
            f"{grade}"
        )
        self.query_one("#status", Static).update(w["legend"])
        if self.nodes:
            self.show(self.current)

    @property
    def current(self) -> int:
        node = self.query_one("#tree", Tree).cursor_node
        return int(node.data) if node is not None and node.data is not None else 0

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[int]) -> None:
        if event.node.data is not None:
            self.show(int(event.node.data))

    def show(self, i: int) -> None:
        """The indicator's derivation, its rule's source and its actuals lines."""
        w = _words(self)
        r = self.rows[i].result
        parts: list[RenderableType] = [Text(w["derivation"], style="bold underline")]
        with speaking(w.lang):  # the derivation in the explorer's language of the moment
            parts.append(explain(self.sc, r))
        if self.rows[i].flags:
            names = ", ".join(w[f] for f in self.rows[i].flags)
            parts.append(Text(f"  [{self.rows[i].letters}] {names}", style="bold"))
        parts += [Text(""), Text(w["source"], style="bold underline")]
        parts.append(self.sources.around(x.rule_pos(r)))
        parts.append(Text(w["actuals"], style="bold underline"))
        found = x.actual_positions(r, self.positions)
        parts += [self.sources.around(p, 1, 1) for p in found] or [Text(w["no_actuals"])]
        self.query_one("#body", Static).update(Group(*parts))
        self.query_one("#detail", VerticalScroll).scroll_home(animate=False)

    def go(self, i: int) -> None:
        self.query_one("#tree", Tree).move_cursor(self.nodes[i])
        self.show(i)

    def say(self, text: str) -> None:
        self.query_one("#status", Static).update(text)

    def action_jump(self, flag: str) -> None:
        target = x.step(x.flagged(self.rows, flag), self.current)
        w = _words(self)
        if target is None:
            self.say(f"{w[flag]}: {w['none']}")
            return
        self.go(target)
        self.say(f"{w[flag]}: {self.rows[target].result.id}")

    def action_search(self) -> None:
        prompt = self.query_one("#prompt", Input)
        prompt.placeholder = _words(self)["search"]
        prompt.value = ""
        prompt.add_class("open")
        prompt.focus()
        self.refresh_bindings()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.close_prompt()
        self.found = x.matches(self.rows, event.value)
        if not self.found:
            self.say(f"{_words(self)['no_match']} '{event.value}'")
            return
        self.land(x.step(self.found, self.current - 1))  # the first at or after the cursor

    def action_match(self, forward: bool) -> None:
        if not self.found:
            self.action_search()
            return
        self.land(x.step(self.found, self.current, forward))

    def land(self, target: int | None) -> None:
        if target is None:
            return
        w = _words(self)
        self.go(target)
        n = self.found.index(target) + 1
        self.say(f"{w['match']} {n} {w['of']} {len(self.found)}: {self.rows[target].result.id}")

    def close_prompt(self) -> None:
        prompt = self.query_one("#prompt", Input)
        prompt.remove_class("open")
        self.query_one("#tree", Tree).focus()
        self.refresh_bindings()

    def action_back(self) -> None:
        if self.query_one("#prompt").has_class("open"):
            self.close_prompt()
        elif len(self.app.screen_stack) > 2:
            self.app.pop_screen()
