"""The terminal explorer (`scorecard view`), on Textual.

A scorecard screen: the indicator tree (weights, scores, flags) beside the
selected indicator's derivation, the spec source around its rule and the
actuals lines that gave its value. A table screen: the entities of a batch,
sortable and filterable; Enter opens one. Keyboard only; the keys are in the
footer. What is shown is computed in :mod:`engine.render.explore`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from fractions import Fraction
from typing import TYPE_CHECKING, ClassVar, Self

from rich.console import Group, RenderableType
from rich.style import Style
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Static, Tree
from textual.widgets.tree import TreeNode

from ..base.errors import Pos
from ..base.i18n import LANGUAGES, N_, _, language, set_language
from ..scoring.model import Actuals
from ..scoring.result import Scorecard, score_text, total_text
from . import explore as x
from .safe_text import RichText, Text, one_line
from .text import explain
from .wrap import Packed, clip_text

if TYPE_CHECKING:
    from ..review.claims import EntityReview

CSS = """
#title {
    height: 1; background: $boost; text-style: bold;
    text-wrap: nowrap; text-overflow: ellipsis;
}
#status { height: auto; max-height: 3; color: $text-muted; }
#tree {
    width: 45%; min-width: 30; border-right: solid $primary-darken-2;
    scrollbar-size-vertical: 1;
}
#detail { width: 1fr; padding: 0 1; }
#prompt { dock: bottom; display: none; }
#prompt.open { display: block; }
#units { height: 1fr; }
"""


class IndicatorTree(Tree[int]):
    """The indicator tree, each label cut to the tree's width with ``…``: a name is
    never cut unmarked, and the tree never scrolls sideways."""

    def render_label(self, node: TreeNode[int], base_style: Style, style: Style) -> RichText:
        label = super().render_label(node, base_style, style)
        depth, parent = 0, node.parent
        while parent is not None and parent is not self.root:
            depth, parent = depth + 1, parent.parent
        # the vertical scrollbar's column kept free whether it shows or not: a label
        # fits the same with the tree folded up as unfolded
        room = self.size.width - self.styles.scrollbar_size_vertical - depth * self.guide_depth
        return clip_text(label, room)


class Explorer(App[None]):
    """The app: one first screen (a scorecard or a table), in one interface language.

    The language is the process's (:mod:`engine.base.i18n`): ``l`` switches it and
    every screen is drawn again through the catalogue (its words, footer and
    derivations); when the app ends, the language it found is spoken again."""

    CSS = CSS
    TITLE = "scorecard view"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, first: Screen[None], lang: str | None = None):
        super().__init__()
        self.first = first
        self.before = language()
        self.lang = lang or self.before

    def on_mount(self) -> None:
        set_language(self.lang)
        self.push_screen(self.first)

    def on_unmount(self) -> None:
        set_language(self.before)

    def action_language(self) -> None:
        self.lang = LANGUAGES[(LANGUAGES.index(self.lang) + 1) % len(LANGUAGES)]
        set_language(self.lang)
        for screen in self.screen_stack:
            relabel = getattr(screen, "relabel", None)
            if relabel is not None:
                relabel()


def translate_bindings(screen: Screen[None]) -> None:
    """The screen's footer in the language of the moment: each key's label (written
    in English in ``BINDINGS``, marked for the catalogue) translated again."""
    merged = type(screen)._merged_bindings
    if merged is None:
        return
    for key, bindings in merged.key_to_bindings.items():
        screen._bindings.key_to_bindings[key] = [
            replace(b, description=_(b.description) if b.description else "") for b in bindings
        ]
    screen.refresh_bindings()


#: the flags' legend, one entry a flag; a narrow screen wraps it between entries
KEY_LINE = N_("O override · NA n/a · M missing · C capped · D below full · X over-claimed")
KEY_LINE_SEP = " · "


def _full(row: x.Row) -> Fraction:
    """The full marks a row shows: a group's, or a leaf's weight."""
    r = row.result
    return r.full if r.indicator.is_group else r.weight


class ScorecardScreen(Screen[None]):
    """One entity: the tree on the left, the selected indicator on the right."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", N_("Find")),
        Binding("n", "match(True)", N_("Next")),
        Binding("N", "match(False)", N_("Prev")),
        # the jumps are labelled with the flags' letters, which the legend line names:
        # twelve keys fit in 80 columns in either language
        Binding("o", "jump('override')", "→O"),
        Binding("a", "jump('not_applicable')", "→NA"),
        Binding("m", "jump('missing')", "→M"),
        Binding("c", "jump('capped')", "→C"),
        Binding("d", "jump('deviating')", "→D"),
        Binding("k", "jump('over_claimed')", "→X"),
        Binding("l", "app.language", N_("Lang")),
        Binding("escape", "back", N_("Back")),
        Binding("q", "app.quit", N_("Quit")),
    ]

    def __init__(
        self,
        sc: Scorecard,
        positions: Mapping[tuple[str, str], Pos] | None = None,
        sources: x.Sources | None = None,
        reviewed: EntityReview | None = None,
    ):
        """``reviewed``: the entity's claims against the scores (:func:`explore.claims_review`),
        said beside each derivation and the total and flagging the over-claimed; None
        when it claimed no scores (the ``k`` key is then not shown)."""
        super().__init__()
        self.reviewed = reviewed
        self.sc = sc
        self.positions = positions or {}
        self.sources = sources or x.Sources()
        self.rows = x.rows(sc, x.over_claimed(reviewed) or ())
        self.nodes: list[TreeNode[int]] = []
        self.found: list[int] = []
        self.claims = reviewed is not None
        #: the scores' and full marks' columns, as wide as the widest full marks shown
        self.score_width = max((len(score_text(sc, _full(row))) for row in self.rows), default=1)

    @classmethod
    def of(cls, sc: Scorecard, actuals: Actuals, sources: x.Sources | None = None) -> Self:
        """The screen of a scorecard and the actuals it was scored from: their
        positions, and the over-claimed indicators where the actuals claim scores."""
        return cls(sc, actuals.positions, sources, x.claims_review(sc, actuals))

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        with Horizontal():
            yield IndicatorTree("", id="tree")
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
        width = self.score_width
        label = Text(f"{score_text(sc, r.score):>{width}}", style="bold")
        label.append(f"/{score_text(sc, _full(row)):<{width}} ")
        if row.flags:  # before the name, which a narrow terminal cuts
            label.append(f"[{row.letters}]", style="bold reverse")
            label.append(" ")
        label.append(one_line(r.indicator.name))
        return label

    def relabel(self) -> None:
        """Draw the words again in the language of the moment (``l``)."""
        sc = self.sc
        total = _("Total {score}/{full}").format(
            score=total_text(sc, sc.total), full=total_text(sc, sc.full_marks)
        )
        if sc.grade is not None:  # first: a long title is cut at the right
            total += "  " + _("grade {grade}").format(grade=sc.grade)
        claimed = self.reviewed.total.claimed if self.reviewed is not None else None
        if claimed is not None:
            total += "  " + _("claimed {claimed}").format(claimed=total_text(sc, claimed))
        head = (sc.spec.title or sc.spec.id, sc.entity, sc.period)
        title = " · ".join([total, *(p for p in head if p)])
        self.query_one("#title", Static).update(Text(one_line(title)))  # text, never markup
        self.query_one("#status", Static).update(
            Packed(_(KEY_LINE).split(KEY_LINE_SEP), KEY_LINE_SEP)
        )
        self.query_one("#prompt", Input).placeholder = _(
            "Search by id or name; Enter to find, Escape to cancel"
        )
        translate_bindings(self)
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
        r = self.rows[i].result
        parts: list[RenderableType] = [Text(_("Derivation"), style="bold underline")]
        parts.append(explain(self.sc, r, whole_stamp=False))
        if self.rows[i].flags:
            names = _(", ").join(x.flag_name(f) for f in self.rows[i].flags)
            parts.append(Text(f"  [{self.rows[i].letters}] {names}", style="bold"))
        said = self._claim(r.id)
        if said:
            parts.append(Text(f"  {said}", style="bold"))
        parts += [Text(""), Text(_("Spec source"), style="bold underline")]
        parts.append(self.sources.around(x.rule_pos(r)))
        parts.append(Text(_("Actuals"), style="bold underline"))
        found = x.actual_positions(r, self.positions)
        none = _("no line of the actuals: the value is not read from them")
        parts += [self.sources.around(p, 1, 1) for p in found] or [Text(none)]
        self.query_one("#body", Static).update(Group(*parts))
        self.query_one("#detail", VerticalScroll).scroll_home(animate=False)

    def _claim(self, iid: str) -> str | None:
        """What the entity claimed for ``iid``, against its score (None: nothing)."""
        from .review_view import claim_said

        if self.reviewed is None:
            return None
        line = next((ln for ln in self.reviewed.lines if ln.id == iid), None)
        return claim_said(line, self.sc.spec.rounding.places) if line is not None else None

    def go(self, i: int) -> None:
        self.query_one("#tree", Tree).move_cursor(self.nodes[i])
        self.show(i)

    def say(self, text: str) -> None:
        """A line in the status bar (shown as text: a name like "[/]" is no markup)."""
        self.query_one("#status", Static).update(Text(one_line(text)))

    def action_jump(self, flag: str) -> None:
        target = x.step(x.flagged(self.rows, flag), self.current)
        if target is None:
            self.say(_("{flag}: no indicator is flagged").format(flag=x.flag_name(flag)))
            return
        self.go(target)
        self.say(_("{flag}: {id}").format(flag=x.flag_name(flag), id=self.rows[target].result.id))

    def action_search(self) -> None:
        prompt = self.query_one("#prompt", Input)
        prompt.value = ""
        prompt.add_class("open")
        prompt.focus()
        self.refresh_bindings()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.close_prompt()
        self.found = x.matches(self.rows, event.value)
        if not self.found:
            self.say(_("no match for '{query}'").format(query=event.value))
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
        self.go(target)
        self.say(
            _("match {n} of {count}: {id}").format(
                n=self.found.index(target) + 1,
                count=len(self.found),
                id=self.rows[target].result.id,
            )
        )

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
