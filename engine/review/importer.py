"""`scorecard import`: an Excel 指标表 → a draft spec that validates, every guess marked.

The table is read by its header names (一级/二级/三级指标, 分值 or 权重, 指标值,
评分标准, 指标方向, the operator, 计量单位), wherever the header row stands; upper
levels may be merged cells; a funds block above the header (全年预算数, 全年执行数,
分值) becomes a 预算执行率 indicator over inputs. Rows become the hierarchy; the
words become rules through :mod:`wording`. A row left out (no 分值, no name, a
totals row that is not the total) is reported: nothing is dropped without a word.
"""

from __future__ import annotations

import re
from dataclasses import field
from fractions import Fraction
from pathlib import Path

from ..base.errors import ErrorList, LoadError, Pos
from ..base.i18n import _
from ..base.numbers import NumberError, format_value, parse_number
from ..base.records import record
from ..base.text import shown, visible
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
    "备注": "remark",
    "说明": "remark",
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
#: headers of columns that hold no rule: numbering, and a self-evaluation's results
#: (实际完成值, 得分, 偏差原因…), which the actuals give; left out unsaid
_NUMBERING = ("序号", "编号")
_RESULTS = ("完成值", "完成情况", "实际", "得分", "偏差", "扣分原因", "自评")
#: words of a header that holds a rule, though it names a result (得分计算方法)
_RULE_WORDS = re.compile("方法|标准|规则|计算|说明")
_LEVELS = ("l1", "l2", "l3", "l4", "name")


def _role(text: str) -> str | None:
    t = re.sub(r"[\s（(].*$", "", text.replace(" ", ""))
    return HEADERS.get(t)


@record
class Node:
    """An indicator read from a spreadsheet, before it is written as YAML."""

    name: str
    where: str
    weight: Fraction = Fraction(0)
    children: list[Node] = field(default_factory=list)
    target: Target | None = None
    rule: Rule | None = None
    description: str = ""
    #: the 评分标准 as the table writes it: kept as the indicator's ``source``
    rule_text: str = ""
    notes: list[str] = field(default_factory=list)
    actual: str = ""

    def total(self) -> Fraction:
        return (
            sum((c.total() for c in self.children), Fraction(0)) if self.children else self.weight
        )


@record(frozen=True)
class Skipped:
    """A row of the table the draft leaves out, at the cell that says why: ``note``
    in the draft's words (a 待确认 note, as its other guesses), ``problem`` in the
    user's language, for the command to say."""

    pos: Pos
    note: str
    problem: str

    def __str__(self) -> str:
        return visible(f"{self.pos}: {self.problem}")


@record
class Draft:
    """What was read: the tree, the funds inputs, where it came from, and the rows
    left out (in the order of the table)."""

    file: str
    sheet: str
    roots: list[Node]
    inputs: dict[str, str]
    skipped: list[Skipped] = field(default_factory=list)
    #: the table's title, from a row above its header ("" when there is none)
    title: str = ""

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


#: columns that decide a score: a second one would be a silent choice between them
_ONE_ONLY = {"weight": "分值", "target": "指标值", "rule": "评分标准"}


def _header(grid: Grid) -> tuple[int, dict[str, int]]:
    for r, row in enumerate(grid.rows, start=1):
        roles: dict[str, int] = {}
        twice: dict[str, list[int]] = {}
        for c, text in enumerate(row, start=1):
            role = _role(text)
            if role is not None and role not in roles:
                roles[role] = c
            elif role in _ONE_ONLY:
                twice.setdefault(role, [roles[role]]).append(c)
        if "weight" in roles and any(k in roles for k in _LEVELS):
            for role, cols in twice.items():
                from openpyxl.utils import get_column_letter

                raise LoadError(
                    _(
                        "{file}:{row}:{col}: sheet '{sheet}': {n} columns of {what} ({cols}); "
                        "keep the one meant (delete or rename the others), then import again"
                    ).format(
                        file=grid.file,
                        row=r,
                        col=cols[1],
                        sheet=grid.sheet,
                        n=len(cols),
                        what=_ONE_ONLY[role],
                        cols=_(", ").join(get_column_letter(c) for c in cols),
                    )
                )
            return r, roles
    raise LoadError(
        _(
            "{file}: sheet '{sheet}': no header row naming the indicator and its 分值 "
            "found; expected columns such as 一级指标, 二级指标, 三级指标 (or 指标), "
            "指标值, 分值 (or "
            "权重), 评分标准"
        ).format(file=grid.file, sheet=grid.sheet)
    )


def _funds(grid: Grid, header_row: int, skipped: list[Skipped]) -> Node | None:
    """The funds block above the header: 全年预算数, 全年执行数 and its 分值 (an empty
    分值 leaves the block out, reported in ``skipped``)."""
    for r in range(1, header_row):
        row = grid.rows[r - 1]
        cols = {t.replace(" ", ""): c for c, t in enumerate(row, start=1) if t}
        if "全年预算数" in cols and "全年执行数" in cols and "分值" in cols:
            name = "预算执行率"
            if not grid.cell(r + 1, cols["分值"]):
                skipped.append(_unweighted(grid, r + 1, cols["分值"], name))
                return None
            node = Node(
                name, f"{grid.file}:{r}:{cols['分值']}", _weight(grid, r + 1, cols["分值"], name)
            )
            node.target = Target("100%", Fraction(100), "higher", "%")
            node.rule = Rule("ratio", "资金块读作 预算执行率 = 全年执行数/全年预算数，比率法")
            node.actual = "spent / budget * 100"
            return node
    return None


def _path(
    grid: Grid,
    r: int,
    roles: dict[str, int],
    last: dict[str, str],
    said: list[str],
    pointed: dict[tuple[str, ...], str],
) -> list[str]:
    """The row's level names; a blank upper level under a named lower one is the
    name above it (tables that write each upper level once without merging), but
    not across a new name at a level above it (a new 一级指标 with its 二级 blank
    is not under the last 二级). A name written again at the next level is one
    indicator: merged over both columns, as an indicator with no lower level is;
    else typed twice, which ``said`` notes (two levels of one name would be two
    indicators). A name read without the points written after it is kept in
    ``pointed``, by its place (the names down to it) → as written."""
    levels = [lv for lv in _LEVELS if lv in roles]
    written = {lv: grid.cell(r, roles[lv]) for lv in levels}
    texts = {lv: _unpointed(written[lv]) for lv in levels}
    deepest = max((i for i, lv in enumerate(levels) if texts[lv]), default=-1)
    names: list[str] = []
    above = None  # the column of the last name kept
    for i, level in enumerate(levels[: deepest + 1]):
        if texts[level] and texts[level] != last.get(level):  # a new group: none of the
            for lower in levels[i + 1 :]:  # names below the last one's is carried into it
                last.pop(lower, None)
        text = texts[level] or (last.get(level, "") if i < deepest else "")
        last[level] = text
        if text and names and names[-1] == text and texts[level] and above is not None:
            spans = grid.merged.get((r, above)), grid.merged.get((r, roles[level]))
            if spans[0] is None or spans[0] != spans[1]:
                said.append(
                    f"「{text}」在第 {r} 行的两个层级列中各写了一次，按一个指标导入；"
                    "若是上下两级指标，请给下一级另起名称"
                )
        if text and (not names or names[-1] != text):
            names.append(text)
            above = roles[level]
            if texts[level] and texts[level] != written[level]:
                pointed.setdefault(tuple(names), written[level].strip())
    return names


#: a name's points written after it: 投入（20分）, 产出指标(50 分)
_POINTS_AFTER = re.compile(r"\s*[（(]\s*[0-9]+(?:\.[0-9]+)?\s*分\s*[)）]\s*$")


def _unpointed(name: str) -> str:
    """A level's name without the points written after it (its 分值 says them)."""
    bare = _POINTS_AFTER.sub("", name)
    return bare if bare else name


def _note_pointed(
    nodes: list[Node], pointed: dict[tuple[str, ...], str], above: tuple[str, ...] = ()
) -> None:
    """Note on each indicator read without the points after its name (a group's
    once, not on each indicator under it; not on another of the same name) that
    they were dropped."""
    for node in nodes:
        place = (*above, node.name)
        if place in pointed:
            node.notes.insert(0, f"「{pointed[place]}」名称后的分数已去掉，分值以分值列为准")
        _note_pointed(node.children, pointed, place)


def _weight(grid: Grid, r: int, c: int, name: str) -> Fraction:
    """The 分值 in row ``r``, column ``c``: a number above 0 (``10分`` is 10; a share
    of the whole written ``30%``, or in a cell formatted as a percentage, is 30, the
    shares then adding up to a total of 100)."""
    weight_text = grid.cell(r, c)
    try:
        weight: Fraction | None = parse_number(weight_text.strip().rstrip("分%％").strip())
    except NumberError as e:
        if not e.plain:  # a number, but none a spec can hold (1e30, 41 digits)
            raise LoadError(
                _("{where}: 分值 '{weight_text}' of '{name}': {problem}").format(
                    where=f"{grid.file}:{r}:{c}", weight_text=weight_text, name=name, problem=e
                )
            ) from None
        weight = None
    if weight is None or weight <= 0:
        raise LoadError(
            _(
                "{where}: 分值 '{weight_text}' of '{name}' is not a number above 0; write "
                "the indicator's points, e.g. 10"
            ).format(where=f"{grid.file}:{r}:{c}", weight_text=weight_text, name=name)
        )
    return weight


def _leaf(grid: Grid, r: int, roles: dict[str, int], name: str) -> Node:
    node = Node(name, f"{grid.file}:{r}:{roles['weight']}", _weight(grid, r, roles["weight"], name))
    get = {k: grid.cell(r, c) for k, c in roles.items()}
    target = _target(get.get("target", ""), get.get("operator", ""), get.get("sense", ""))
    if not target.unit and get.get("unit"):
        target.unit = get["unit"]
    node.target = target
    node.rule = _rule(get.get("rule", ""), target, node.weight)
    node.rule_text = get.get("rule", "").strip()
    node.description = get.get("description", "")
    node.notes = [
        f"{Pos(grid.file, r, c)} 是公式 {grid.formulas[(r, c)]}，文件未存其计算结果，读作空；"
        "在 Excel 中打开并保存后重新导入"
        for c in sorted(set(roles.values()))
        if (r, c) in grid.formulas
    ]
    if target.number is None and re.search(r"[0-9０-９]", target.text) and node.rule.recognised:
        node.notes.append(  # the method stands without it, but the number is not lost unsaid
            f"指标值「{target.text}」未能读作一个数（读得出的写法如 ≥95%、≤10次、95%以上），"
            "未写入 target；若是数，写上 target 和 direction"
        )
    remark = get.get("remark", "").strip()
    if remark:  # kept in the spec; noted too: it may say when the indicator applies
        node.description = "；".join(filter(None, [node.description.strip(), f"备注：{remark}"]))
        node.notes.append("备注已写入 description；若它说明指标何时适用，请据此确认规则")
    merged = grid.copied.get((r, roles["weight"]))
    if merged is not None:
        node.notes.append(
            f"分值取自合并单元格 {merged}，其中每个指标都记了 {format_value(node.weight)} 分；"
            "请改为各自的分值"
        )
    if r in grid.hidden_rows:
        node.notes.append(f"第 {r} 行在 Excel 中被隐藏，仍已导入；若该指标已作废，请删去")
    return node


#: digits grouped in threes by commas, as tables print thousands: 1,000 or 12,500.5
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")


def _target(text: str, operator: str, sense: str) -> Target:
    """The 指标值 as :func:`read_target` reads it, digits grouped in thousands read
    as the number they write (``≥1,000`` is 1000); the text kept as written."""
    try:
        target = read_target(_GROUPED.sub(lambda m: m[0].replace(",", ""), text), operator, sense)
    except NumberError:  # a number a spec cannot hold (1e21 and over, 41 digits)
        target = read_target("")
        target.notes.append(f"指标值「{text.strip()}」中的数超出规格能写的范围（{_TOO_BIG}）")
    target.text = text.strip()
    return target


#: what a number beyond a spec's range is told in a draft (engine.base.numbers)
_TOO_BIG = "规格中的数须小于 10^21、大于 10^-21（0 除外）且不超过 40 位有效数字"


def _rule(text: str, target: Target, weight: Fraction | None = None) -> Rule:
    """The 评分标准 as :func:`read_rule` reads it; when its guess rests on a 指标值
    written with digits that were not read as a number (``≥-5``, ``95-100``), the
    note says so rather than that the table has no 指标值."""
    try:
        rule = read_rule(text, target, weight)
    except NumberError:  # a number a spec cannot hold: no method of it
        rule = read_rule("", target, weight)
        return Rule(
            rule.method,
            f"评分标准中的数超出规格能写的范围（{_TOO_BIG}），未按其导入：请核对该数",
            False,
        )
    if rule.recognised or target.number is not None or not re.search(r"\d", target.text):
        return rule
    unread = f"指标值「{target.text}」未能读作一个数（读得出的写法如 ≥95%、≤10次、=100%）"
    beyond = [n for n in target.notes if _TOO_BIG in n]  # read, but no spec can hold it
    return Rule(
        rule.method,
        f"{beyond[0] if beyond else unread}，按定性指标猜测：若是数，写上 target 和 "
        "direction，再按评分标准选方法",
        False,
    )


def _unweighted(grid: Grid, r: int, c: int, name: str) -> Skipped:
    """The row of ``name`` left out for its empty 分值: a cell left empty, or a formula
    saved without its value (openpyxl reads none)."""
    formula = grid.formulas.get((r, c))
    if formula is not None:
        return Skipped(
            Pos(grid.file, r, c),
            f"「{name}」未导入：分值是公式 {formula}，文件未存其计算结果；在 Excel 中打开并"
            "保存后重新导入",
            _(
                "'{name}' not imported: its 分值 is the formula {formula}, saved without its "
                "value; open and save the table in Excel, then import it again"
            ).format(name=name, formula=shown(formula)),
        )
    return Skipped(
        Pos(grid.file, r, c),
        f"「{name}」未导入：分值为空；写上分值后重新导入",
        _(
            "'{name}' not imported: its 分值 is empty; write its points (e.g. 10) and import again"
        ).format(name=name),
    )


def _unread_columns(grid: Grid, header_row: int, roles: dict[str, int]) -> list[Skipped]:
    """A column with a header the import does not know (责任科室), said rather than
    left out unsaid; a self-evaluation's results (完成情况, 得分) are not rules."""
    read = set(roles.values())
    return [
        Skipped(
            Pos(grid.file, header_row, c),
            f"列「{text.strip()}」未识别，未导入；若其中有评分所需内容，请写入评分标准或备注列",
            _(
                "column '{header}' is not one the import reads, and is left out; put what "
                "scoring needs in 评分标准 or 备注"
            ).format(header=shown(text.strip())),
        )
        for c, text in enumerate(grid.rows[header_row - 1], start=1)
        if text.strip()
        and c not in read
        and _role(text) is None
        and text.replace(" ", "").strip() not in _NUMBERING
        and not (any(word in text for word in _RESULTS) and not _RULE_WORDS.search(text))
    ]


def _nameless(grid: Grid, r: int) -> Skipped:
    """A row that holds something but names no indicator."""
    c, text = next((c, t) for c, t in enumerate(grid.rows[r - 1], start=1) if t)
    return Skipped(
        Pos(grid.file, r, c),
        f"第 {r} 行未导入：未写指标名称（有「{text}」）",
        _(
            "row {row} not imported: it names no indicator (it holds '{text}'); write the "
            "indicator's name in its level column, or delete the row"
        ).format(row=r, text=shown(text)),
    )


def _total_row(grid: Grid, r: int, c: int, total: Fraction) -> Skipped | None:
    """A totals row: read as the check it is when its 分值 is the total of the rows
    imported, else left out and reported."""
    text = grid.cell(r, c)
    label = next((t for t in grid.rows[r - 1] if t in _TOTAL_ROWS), _TOTAL_ROWS[0])
    if label == "小计" or (text and number(text.rstrip("分")) == total):
        return None  # a subtotal is of its section, not of the whole: not checked here
    formula = grid.formulas.get((r, c), "")
    if not text and formula:  # no value saved: the check cannot be made
        return Skipped(
            Pos(grid.file, r, c),
            f"{label}行的分值是公式 {formula}，文件未存其计算结果，未能与导入各行的分值合计 "
            f"{format_value(total)} 核对；在 Excel 中打开并保存后重新导入即可核对",
            _(
                "totals row '{label}' not checked: its 分值 is the formula {formula}, saved "
                "without its value; the rows imported total {total}; open and save the table "
                "in Excel, then import it again to check it"
            ).format(label=label, formula=shown(formula), total=format_value(total)),
        )
    weight = text
    return Skipped(
        Pos(grid.file, r, c),
        f"{label}行未导入：其分值「{weight}」不是导入各行的分值合计 {format_value(total)}",
        _(
            "totals row '{label}' not imported: its 分值 '{weight}' is not the total {total} "
            "of the rows imported; check the 分值 of both"
        ).format(label=label, weight=shown(weight), total=format_value(total)),
    )


def read_table(path: str, sheet: str | None = None) -> Draft:
    """Read the 指标表 at ``path`` into a :class:`Draft`."""
    grid = read_grid(path, sheet)
    header_row, roles = _header(grid)
    weight = roles["weight"]
    roots: list[Node] = []
    totals: list[int] = []
    #: rows of no 分值, by their names: a heading row (其下各行的上级) is not left out
    unweighted: dict[tuple[str, ...], Skipped] = {}
    skipped: list[Skipped] = _unread_columns(grid, header_row, roles)
    last: dict[str, str] = {}
    pointed: dict[tuple[str, ...], str] = {}
    for r in range(header_row + 1, len(grid.rows) + 1):
        said: list[str] = []  # a name typed at two levels: one indicator, noted
        names = _path(grid, r, roles, last, said, pointed)
        if names and (names[0] in _TOTAL_ROWS or names[-1] in _TOTAL_ROWS):
            totals.append(r)
        elif not names and any(t.strip() in _TOTAL_ROWS for t in grid.rows[r - 1] if t):
            totals.append(r)  # 合计 in another column (序号), the name columns empty
        elif not names:
            if any(grid.rows[r - 1]):
                skipped.append(_nameless(grid, r))
        elif not grid.cell(r, weight):
            unweighted.setdefault(tuple(names), _unweighted(grid, r, weight, names[-1]))
        else:
            for k in range(1, len(names)):
                unweighted.pop(tuple(names[:k]), None)
            leaf = _leaf(grid, r, roles, names[-1])
            leaf.notes += said
            _place(roots, names, f"{grid.file}:{r}:1").append(leaf)
    if not roots:
        none = LoadError(
            _(
                "{file}:{value}:1: no indicator rows below the header; each row needs "
                "the indicator's name and 分值"
            ).format(file=grid.file, value=header_row + 1)
        )
        left = [*skipped, *unweighted.values()]  # why the rows are not imported
        raise ErrorList([none, *(LoadError(s.problem, s.pos) for s in left)]) if left else none
    _note_pointed(roots, pointed)
    funds = _funds(grid, header_row, skipped)
    inputs: dict[str, str] = {}
    if funds is not None:
        roots.append(funds)
        inputs = {"budget": "全年预算数", "spent": "全年执行数"}
    total = sum((n.total() for n in roots), Fraction(0))
    skipped += unweighted.values()
    skipped += filter(None, (_total_row(grid, r, weight, total) for r in totals))
    _same_names(roots)
    skipped.sort(key=lambda s: s.pos)
    return Draft(grid.file, grid.sheet, roots, inputs, skipped, _title(grid, header_row))


#: a text alone in a row above the header that is not the table's title: 附件2,
#: 单位：万元, 填报单位：…
_NOT_TITLE = re.compile(r"^附件|[:：]")


def _title(grid: Grid, header_row: int) -> str:
    """The first text alone in a row above the header (附件 and 单位：… rows
    aside): the table's title, as Excel sheets of indicators begin."""
    for row in grid.rows[: header_row - 1]:
        texts = list(dict.fromkeys(t.strip() for t in row if t.strip()))  # merged: one text
        if len(texts) == 1 and not _NOT_TITLE.search(texts[0]):
            return texts[0]
    return ""


def _same_names(nodes: list[Node]) -> None:
    """Note an indicator named as one before it in the same group: a row copied
    twice, or two indicators to tell apart."""
    first: dict[str, Node] = {}
    for n in nodes:
        if n.name in first:
            row = first[n.name].where.rsplit(":", 2)[-2]
            n.notes.append(f"与第 {row} 行同名：重复了一行，还是应改名？")
        else:
            first[n.name] = n
        _same_names(n.children)


def _place(roots: list[Node], names: list[str], where: str) -> list[Node]:
    """The children of the group ``names[:-1]`` names, made where missing."""
    siblings = roots
    for name in names[:-1]:
        group = next((n for n in siblings if n.name == name and n.children), None)
        if group is None:
            group = Node(name, where)
            siblings.append(group)
        siblings = group.children
    return siblings


def spec_id(path: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", Path(path).stem).strip("-._")
    return stem if stem and stem[0].isalnum() else "imported"


def total_of(draft: Draft) -> Fraction:
    return sum((n.total() for n in draft.roots), Fraction(0))


def describe_total(draft: Draft) -> str:
    return format_value(total_of(draft))
