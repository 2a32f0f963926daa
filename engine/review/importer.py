"""`scorecard import`: an Excel 指标表 → a draft spec that validates, every guess marked.

The table is read by its header names (一级/二级/三级指标, 分值 or 权重, 指标值,
评分标准, 指标方向, the operator, 计量单位), wherever the header row stands; upper
levels may be merged cells; a funds block above the header (全年预算数, 全年执行数,
分值) becomes a 预算执行率 indicator over inputs. Rows become the hierarchy; the
words become rules through :mod:`wording`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from ..base.errors import LoadError
from ..base.i18n import _
from ..base.numbers import format_value
from .sheet import Grid, read_grid
from .wording import Rule, Target, number, read_rule, read_target

#: header text → the role of its column (longest names are tried first)
HEADERS: dict[str, str] = {
    "一级指标": "l1",
    "二级指标": "l2",
    "三级指标": "l3",
    "四级指标": "l4",
    "指标名称": "name",
    "指标": "name",
    "考核指标": "name",
    "评价指标": "name",
    "年度指标值": "target",
    "年初指标值": "target",
    "指标值": "target",
    "目标值": "target",
    "预期目标": "target",
    "分值": "weight",
    "权重": "weight",
    "标准分值": "weight",
    "评分标准": "rule",
    "评分方法": "rule",
    "评分规则": "rule",
    "指标解释": "description",
    "指标说明": "description",
    "指标方向": "sense",
    "运算符": "operator",
    "运算符号": "operator",
    "比较方式": "operator",
    "符号": "operator",
    "计量单位": "unit",
    "度量单位": "unit",
    "单位": "unit",
}
_TOTAL_ROWS = ("合计", "总计", "总分", "小计")
_LEVELS = ("l1", "l2", "l3", "l4", "name")


def _role(text: str) -> str | None:
    t = re.sub(r"[\s（(].*$", "", text.replace(" ", ""))
    return HEADERS.get(t)


@dataclass
class Node:
    name: str
    where: str
    weight: Fraction = Fraction(0)
    children: list[Node] = field(default_factory=list)
    target: Target | None = None
    rule: Rule | None = None
    description: str = ""
    notes: list[str] = field(default_factory=list)
    actual: str = ""

    def total(self) -> Fraction:
        return (
            sum((c.total() for c in self.children), Fraction(0)) if self.children else self.weight
        )


@dataclass
class Draft:
    """What was read: the tree, the funds inputs, and where it came from."""

    file: str
    sheet: str
    roots: list[Node]
    inputs: dict[str, str]
    skipped: list[str] = field(default_factory=list)

    def leaves(self) -> list[Node]:
        out: list[Node] = []
        stack = list(reversed(self.roots))
        while stack:
            n = stack.pop()
            if n.children:
                stack.extend(reversed(n.children))
            else:
                out.append(n)
        return out


def _header(grid: Grid) -> tuple[int, dict[str, int]]:
    for r, row in enumerate(grid.rows, start=1):
        roles: dict[str, int] = {}
        for c, text in enumerate(row, start=1):
            role = _role(text)
            if role is not None and role not in roles:
                roles[role] = c
        if "weight" in roles and any(k in roles for k in _LEVELS):
            return r, roles
    raise LoadError(
        _(
            "{file}: sheet '{sheet}': no header row naming the indicator and its 分值 "
            "found; expected columns such as 一级指标, 二级指标, 三级指标 (or 指标), "
            "指标值, 分值 (or "
            "权重), 评分标准"
        ).format(file=grid.file, sheet=grid.sheet)
    )


def _funds(grid: Grid, header_row: int) -> Node | None:
    """The funds block above the header: 全年预算数, 全年执行数 and its 分值."""
    for r in range(1, header_row):
        row = grid.rows[r - 1]
        cols = {t.replace(" ", ""): c for c, t in enumerate(row, start=1) if t}
        if "全年预算数" in cols and "全年执行数" in cols and "分值" in cols:
            weight = number(grid.cell(r + 1, cols["分值"]))
            if weight is None or weight <= 0:
                return None
            node = Node("预算执行率", f"{grid.file}:{r}:{cols['分值']}", weight)
            node.target = Target("100%", Fraction(100), "higher", "%")
            node.rule = Rule("ratio", "资金块读作 预算执行率 = 全年执行数/全年预算数，比率法")
            node.actual = "spent / budget * 100"
            return node
    return None


def _path(grid: Grid, r: int, roles: dict[str, int], last: dict[str, str]) -> list[str]:
    """The row's level names; a blank upper level under a named lower one is the
    name above it (tables that write each upper level once without merging)."""
    levels = [lv for lv in _LEVELS if lv in roles]
    texts = {lv: grid.cell(r, roles[lv]) for lv in levels}
    deepest = max((i for i, lv in enumerate(levels) if texts[lv]), default=-1)
    names: list[str] = []
    for i, level in enumerate(levels[: deepest + 1]):
        text = texts[level] or (last.get(level, "") if i < deepest else "")
        last[level] = text
        if text and (not names or names[-1] != text):
            names.append(text)
    return names


def _leaf(grid: Grid, r: int, roles: dict[str, int], name: str) -> Node:
    where = f"{grid.file}:{r}:{roles['weight']}"
    weight_text = grid.cell(r, roles["weight"])
    weight = number(weight_text.rstrip("分"))
    if weight is None or weight <= 0:
        raise LoadError(
            _(
                "{where}: 分值 '{weight_text}' of '{name}' is not a number above 0; write "
                "the indicator's points, e.g. 10"
            ).format(where=where, weight_text=weight_text, name=name)
        )
    node = Node(name, where, weight)
    get = {k: grid.cell(r, c) for k, c in roles.items()}
    target = read_target(get.get("target", ""), get.get("operator", ""), get.get("sense", ""))
    if not target.unit and get.get("unit"):
        target.unit = get["unit"]
    node.target = target
    node.rule = read_rule(get.get("rule", ""), target)
    node.description = get.get("description", "")
    return node


def read_table(path: str, sheet: str | None = None) -> Draft:
    """Read the 指标表 at ``path`` into a :class:`Draft`."""
    grid = read_grid(path, sheet)
    header_row, roles = _header(grid)
    roots: list[Node] = []
    skipped: list[str] = []
    last: dict[str, str] = {}
    for r in range(header_row + 1, len(grid.rows) + 1):
        names = _path(grid, r, roles, last)
        weight_text = grid.cell(r, roles["weight"])
        if not names or names[0] in _TOTAL_ROWS or names[-1] in _TOTAL_ROWS:
            if any(grid.rows[r - 1]):
                skipped.append(f"{grid.file}:{r}:1")
            continue
        if not weight_text:
            skipped.append(f"{grid.file}:{r}:1")
            continue
        siblings = roots
        for name in names[:-1]:
            group = next((n for n in siblings if n.name == name and n.children), None)
            if group is None:
                group = Node(name, f"{grid.file}:{r}:1")
                siblings.append(group)
            siblings = group.children
        siblings.append(_leaf(grid, r, roles, names[-1]))
    if not roots:
        raise LoadError(
            _(
                "{file}:{value}:1: no indicator rows below the header; each row needs "
                "the indicator's name and 分值"
            ).format(file=grid.file, value=header_row + 1)
        )
    funds = _funds(grid, header_row)
    inputs: dict[str, str] = {}
    if funds is not None:
        roots.append(funds)
        inputs = {"budget": "全年预算数", "spent": "全年执行数"}
    return Draft(grid.file, grid.sheet, roots, inputs, skipped)


def spec_id(path: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", Path(path).stem).strip("-._")
    return stem if stem and stem[0].isalnum() else "imported"


def total_of(draft: Draft) -> Fraction:
    return sum((n.total() for n in draft.roots), Fraction(0))


def describe_total(draft: Draft) -> str:
    return format_value(total_of(draft))
