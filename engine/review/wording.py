"""How an indicator table's words read as rules: 指标值 such as ``≥95%`` or ``按时完成``,
and 评分标准 such as ``每发生一次扣1分，扣完为止``.

Each reader returns what it understood plus a note saying what was guessed, so
the draft spec can mark it for the designer to confirm. Nothing here touches a
file; numbers come from their text, exactly.
"""

from __future__ import annotations

import re
from dataclasses import field
from fractions import Fraction
from typing import Any

from ..base.numbers import NumberError, format_value, parse_number
from ..base.records import record

_NUM = r"[0-9]+(?:\.[0-9]+)?"

#: operator words and signs → the direction they mean; "=" reads as met at the value
OPERATORS: dict[str, str] = {
    "≥": "higher",
    "≧": "higher",
    ">=": "higher",
    "＞=": "higher",
    "＞＝": "higher",
    ">＝": "higher",
    "大于等于": "higher",
    "不低于": "higher",
    "不少于": "higher",
    ">": "higher",
    "＞": "higher",
    "大于": "higher",
    "≤": "lower",
    "≦": "lower",
    "<=": "lower",
    "＜=": "lower",
    "＜＝": "lower",
    "<＝": "lower",
    "小于等于": "lower",
    "不高于": "lower",
    "不超过": "lower",
    "<": "lower",
    "＜": "lower",
    "小于": "lower",
    "=": "equal",
    "＝": "equal",
    "等于": "equal",
    "达到": "higher",
    "至少": "higher",
    "高于": "higher",
    "多于": "higher",
    "不多于": "lower",
    "低于": "lower",
    "少于": "lower",
    "最多": "lower",
    "至多": "lower",
}
#: words after a number that say which way it bounds (95%以上, 10次以内), longest first
_BOUNDS = (
    ("及以上", "higher"),
    ("或以上", "higher"),
    ("以上", "higher"),
    ("及以下", "lower"),
    ("或以下", "lower"),
    ("以下", "lower"),
    ("及以内", "lower"),
    ("以内", "lower"),
    ("之内", "lower"),
    ("内", "lower"),  # 5个工作日内, 3日内
)
#: a label before an operator: letters and Chinese characters, no digit or sign
_WORDS = re.compile(r"[A-Za-z\u4e00-\u9fff][A-Za-z\u4e00-\u9fff ]*")
#: the bound included, after the number (≥95%（含）): it is anyway
_INCLUDED = re.compile(r"[（(]\s*含\s*[)）]$")
#: words before a bound that say nothing of its way (控制在10%以内)
_NEUTRAL = re.compile(r"^(?:控制在|保持在|维持在)")
_OPS = "|".join(re.escape(k) for k in sorted(OPERATORS, key=len, reverse=True))
_TARGET_RE = re.compile(rf"^\s*(?P<op>{_OPS})?\s*(?P<num>{_NUM})\s*(?P<unit>[^\s0-9]*)\s*$")


@record
class Target:
    """A 指标值 read: a number with a direction and unit, or words (qualitative)."""

    text: str
    number: Fraction | None = None
    direction: str | None = None
    unit: str = ""
    notes: list[str] = field(default_factory=list)
    #: the direction was written (an operator, or the table's 指标方向), not guessed
    stated: bool = False


def number(text: str) -> Fraction | None:
    try:
        return parse_number(text)
    except NumberError:
        return None


def _labelled(text: str) -> tuple[str, str]:
    """A 指标值 written after a label (``违规次数≤0次``): the label and the rest,
    when the rest reads as a target; else no label."""
    at = [(text.find(op), op) for op in OPERATORS if text.find(op) > 0]
    if not at:
        return "", text
    k = min(at)[0]
    label, rest = text[:k].strip(), text[k:]
    # words (letters, Chinese), not a sign the operators do not know (＜ before ＝)
    if not _WORDS.fullmatch(label) or _TARGET_RE.match(rest) is None:
        return "", text
    return label, rest


def _bound(unit: str) -> tuple[str, str | None]:
    """The unit without a bound's words after it (``%以上``, ``次以内``,
    ``%（含）``), and the way they say it bounds."""
    unit = _INCLUDED.sub("", unit).strip()
    for word, way in _BOUNDS:
        if unit.endswith(word):
            return _INCLUDED.sub("", unit[: -len(word)]).strip(), way
    return unit, None


def read_target(text: str, operator: str = "", sense: str = "") -> Target:
    """Read a 指标值 cell, with the table's own operator and 指标方向 columns if it has
    them. A bound's words after the number (``95%以上``, ``10次以内``) say its way as
    an operator does; a label before the operator (``违规次数≤0次``) is noted."""
    t = Target(text.strip())
    body = _NEUTRAL.sub("", t.text)
    m = _TARGET_RE.match(body)
    label = ""
    if m is None:
        label, body = _labelled(body)
        m = _TARGET_RE.match(body)
    if m is None:
        return t  # words: a qualitative indicator
    if label:
        t.notes.append(f"指标值前的「{label}」当作说明，未读")
    t.number = parse_number(m["num"])
    t.unit, way = _bound(m["unit"])
    op = m["op"] or operator.strip()
    said = OPERATORS.get(op)
    if said is None and op:
        t.notes.append(f"运算符「{op}」未识别")
    if way is not None and said in ("higher", "lower") and way != said:
        t.notes.append(f"「{op}」与「{m['unit']}」方向相反，按运算符取 {said}")
    elif way is not None and said not in ("higher", "lower"):
        said, op = way, m["unit"]
    stated = {"正向": "higher", "反向": "lower"}.get(sense.strip())
    t.stated = said in ("higher", "lower", "equal") or stated is not None
    if said in ("higher", "lower"):
        t.direction = said
        if stated is not None and stated != said:
            t.notes.append(f"指标方向「{sense.strip()}」与运算符「{op}」矛盾，按运算符取 {said}")
    elif said == "equal":
        t.direction = "lower" if t.number == 0 else (stated or "higher")
        t.notes.append(f"「{op}{m['num']}」按 {t.direction} 读（达到即满分）")
    elif stated is not None:
        t.direction = stated
    elif t.number == 0:  # at most 0 (违规次数 0次): a count to keep down
        t.direction = "lower"
        t.notes.append("未写运算符，目标为 0，按越低越好读")
    else:
        t.direction = "higher"
        t.notes.append("未写运算符，按越高越好读")
    return t


@record
class Rule:
    """A method for the draft (the spec's own YAML shape) and what was guessed."""

    method: Any
    note: str
    recognised: bool = True


#: a share of the weight as an award is written: 80%, 80%分值, 80%的分值, 分值的80%
_SHARE = rf"(?:(?:分值|满分|权重)的)?{_NUM}%(?:的)?(?:分值|分数|权重)?"
_AWARD_RE = re.compile(
    rf"^(?P<cond>.*?)(?:的)?(?:得|计|给)(?P<award>满分|全部分值|{_SHARE}|{_NUM}分|0)$|"
    r"^(?P<cond0>.*?)(?:不得分|不计分|得0分|0分)$"
)
_DEDUCT_RE = re.compile(
    rf"每(?P<what>[^扣，,；;。]*?)扣(?:减)?\s*(?P<per>{_NUM})\s*分"
    rf"(?:[^最]*最多扣\s*(?P<max>{_NUM})\s*分)?"
)
#: a deduction per unit short of a target, as 每… begins (每降低 1 个百分点, 每少 1 项;
#: not 每出现一次差错 or 每缺少一项, which count occurrences)
_FALL = re.compile(r"^(?:降低|下降|减少|低于?|少于?|差|不足|未完成|未达到?)")
#: a deduction per unit over a target (每超过 1 个百分点)
_RISE = re.compile(r"^(?:超过|超出|高于|多于?|增加|上升)")
_RATIO = ("完成率×分值", "完成率*分值", "完成率x分值", "按比例", "按完成比例", "×分值", "*分值")
_RANGE_RE = re.compile(rf"^({_NUM})%?\s*(?:-|–|—|~|～|至|到)\s*({_NUM})%?")
_MIN_RE = re.compile(rf"^(?:≥|>=|大于等于|不低于|达到)\s*({_NUM})%?")
_MAX_RE = re.compile(rf"^(?:≤|<=|小于等于|不高于|不超过)\s*({_NUM})%?")


def _segments(text: str) -> list[str]:
    parts = re.split(r"[，,；;。\n]", text.replace(" ", "").replace("\u3000", ""))
    return [p for p in parts if p]


def _award(text: str) -> tuple[str, Fraction]:
    """'满分' → fraction 1; '80%' → fraction 0.8; '3分' → points 3; '0' → fraction 0."""
    if text in ("满分", "全部分值"):
        return "fraction", Fraction(1)
    if "%" in text:  # 80%, 80%分值, 分值的80%: a share of the weight
        return "fraction", parse_number(re.search(_NUM, text)[0]) / 100  # type: ignore[index]
    if text.endswith("分"):
        return "points", parse_number(text[:-1])
    return "fraction", parse_number(text)


def _awards(text: str) -> list[tuple[str, str, Fraction]] | None:
    """Every segment as (condition, 'points'|'fraction', value), or None if one does not read."""
    out: list[tuple[str, str, Fraction]] = []
    for seg in _segments(text):
        m = _AWARD_RE.match(seg)
        if m is None:
            return None
        if m["cond0"] is not None:
            out.append((m["cond0"], "fraction", Fraction(0)))
            continue
        kind, value = _award(m["award"])
        out.append((m["cond"], kind, value))
    return out or None


#: a bound written after its number: 90%以上, 90%及以上 (a lower bound), 80%以下 (what is left)
_ABOVE_RE = re.compile(rf"^({_NUM})%?(?:及|或)?以上$")
_BELOW_RE = re.compile(rf"^({_NUM})%?(?:及|或)?以下$")


#: a subject written before a bound: words, then a sign or a number
_SUBJECT = re.compile(r"^[\u4e00-\u9fff]+(?=[≥≤<>＜＞=0-9])")
#: words that are themselves a bound's operator (低于80%), not a subject
_WORD_OPERATORS = (
    "低于",
    "高于",
    "超过",
    "不低于",
    "不高于",
    "不超过",
    "达到",
    "大于",
    "小于",
    "等于",
)


def _band(cond: str) -> dict[str, Fraction] | None:
    """A numeric condition as a band's bound ({} for 'otherwise'), or None for words."""
    # 80%（含）-90%, 90%（及）以上: the lower bound is included anyway
    cond = re.sub(r"[（(](?:含|及)[）)]", "", cond)
    # 满意度≥90%, 满意度80%-90%: the subject named before the bound is not read
    subject = _SUBJECT.match(cond)
    if subject is not None and not subject[0].endswith(_WORD_OPERATORS):
        cond = cond[subject.end() :]
    if cond in ("", "否则", "其他", "其余"):
        return {}
    if (r := _ABOVE_RE.match(cond)) is not None:
        return {"min": parse_number(r[1])}
    if _BELOW_RE.match(cond) is not None:
        return {}  # the bands above take the rest
    if cond.startswith(("低于", "高于", "<", ">", "＜", "＞", "超过")) and re.search(_NUM, cond):
        return {}  # the strict side of the bands above: what is left
    if (r := _RANGE_RE.match(cond)) is not None:
        return {"min": parse_number(r[1]), "max": parse_number(r[2])}
    if (r := _MIN_RE.match(cond)) is not None:
        return {"min": parse_number(r[1])}
    if (r := _MAX_RE.match(cond)) is not None:
        return {"max": parse_number(r[1])}
    return None


def _bands_or_grades(text: str, weight: Fraction | None = None) -> Rule | None:
    awards = _awards(text)
    if awards is None or len(awards) < 2:
        return None
    bands = [_band(c) for c, _, _ in awards]
    if all(b is not None for b in bands):
        out = [{**b, k: v} for b, (_, k, v) in zip(bands, awards, strict=True) if b is not None]
        return Rule({"bands": out}, "评分标准读作分档（下限含）")
    if any(k == "points" for _, k, _ in awards):
        return _graded_points(awards, weight)
    grades: dict[str, Fraction] = {}
    for cond, _, value in awards:
        label = "未达到" if cond in ("否则", "其他", "其余", "") else cond
        grades[label] = value
    return Rule({"grades": grades}, "评分标准读作定性分级，actuals 给等级文字")


def _per_unit(d: re.Match[str], target: Target) -> Rule:
    """A deduction the words give per unit, or per step of units (:data:`_DEDUCT_RE`)."""
    per = parse_number(d["per"])
    step = _step(d["what"])
    params: dict[str, Fraction] = {"per": per / (step or 1)}
    if d["max"]:
        params["max"] = parse_number(d["max"])
    deduction = _deduct(d["what"], params, target)
    if step is None:  # a count the words give in another unit, or 0
        return Rule(
            deduction.method,
            f"评分标准「每{d['what']}扣{d['per']}分」中的计数单位未能读出，按每单位扣 "
            f"{d['per']} 分：请按实际值的单位核对",
            False,
        )
    units = _of_target(d["what"], step, target)
    if units is not None and target.number is not None:  # 每低于目标值10%: of the target
        params["per"] = per / units
        rule = _in_steps(_deduct(d["what"], params, target), d["what"], per, units, target, params)
        n, unit = format_value(step), target.unit
        of = f"「{n}%」读作目标值 {format_value(target.number)}{unit} 的 {n}%"
        return Rule(rule.method, f"{of}，即 {format_value(units)}{unit}；{rule.note}", False)
    if step == 1:
        return deduction
    rule = _in_steps(deduction, d["what"], per, step, target, params)
    return _or_relative(rule, d["what"], per, step, target)


#: what a numeric condition holds: a digit, a comparison or a percentage
_COMPARED = re.compile(r"[0-9０-９≥≤<>＜＞=%％]|以上|以下|不低于|不高于|不超过|达到")


def _graded_points(awards: list[tuple[str, str, Fraction]], weight: Fraction | None) -> Rule | None:
    """Grades whose awards are points (效果明显得8分，一般得4分): each a share of
    the weight (8 of 10 is 0.8); None without a weight, or for points beyond it or
    a share with no finite decimal."""
    if weight is None or weight <= 0:
        return None
    grades: dict[str, Fraction] = {}
    for cond, kind, value in awards:
        share = value / weight if kind == "points" else value
        if not (0 <= share <= 1 and _finite(share)) or not cond or cond in grades:
            return None
        if _COMPARED.search(cond):  # 满意度≥90%得10分: a band in words, not a grade
            return None
        grades["未达到" if cond in ("否则", "其他", "其余") else cond] = share
    return Rule(
        {"grades": grades},
        f"评分标准读作定性分级，所给分数按分值 {format_value(weight)} 折成比例，actuals 给等级文字",
    )


#: a target the words of a rule give (完成率达到100%得满分, ≤100%得满分)
_TARGET_IN_WORDS = re.compile(
    rf"(?:≥|>=|≤|<=|大于等于|小于等于|不低于|不高于|不超过|达到)\s*{_NUM}\s*(?:%|％)?(?=(?:的)?(?:得|计)满分)"
)


def _target_from_words(compact: str, target: Target) -> None:
    """Where the table gives no 指标值, the one the words of a deduction or ratio
    rule give before 得满分, read into ``target`` with a note."""
    if target.number is not None:
        return
    if _DEDUCT_RE.search(compact) is None and not any(w in compact for w in _RATIO):
        return
    m = _TARGET_IN_WORDS.search(compact)
    if m is None:
        return
    found = read_target(m[0])
    target.number, target.unit = found.number, found.unit or target.unit
    # 达到 (reach) says no way of its own: the deduction's words do (每超过: lower)
    target.direction, target.stated = found.direction, found.stated and not m[0].startswith("达到")
    target.notes.append(f"表中无指标值，取评分标准中的「{m[0]}」")


def read_rule(text: str, target: Target, weight: Fraction | None = None) -> Rule:
    """The method a 评分标准 text describes, or a default for the target with a note
    (``weight``: the 分值, which grades given in points are shares of)."""
    t = text.strip()
    compact = t.replace(" ", "")
    _target_from_words(compact, target)
    d = _DEDUCT_RE.search(compact)
    if d is not None:
        return _per_unit(d, target)
    if any(w in compact for w in _RATIO):
        if target.number is not None:
            return Rule("ratio", "评分标准读作比率法（满分为止）")
        return Rule(
            _QUALITATIVE,
            "评分标准为按比例，但表中无指标值：补 target 和 direction 后改为 ratio",
            False,
        )
    rule = _bands_or_grades(compact, weight)
    if rule is not None:
        return rule
    if target.number is not None:
        return Rule(
            "ratio", "评分标准未识别，按比率法猜测" if t else "无评分标准，按比率法猜测", False
        )
    return Rule(_QUALITATIVE, "定性指标，按财预〔2020〕10号的 达成/部分达成/未达成 区间猜测", False)


def _deduct(what: str, params: dict[str, Fraction], target: Target) -> Rule:
    """A deduction per unit (``what``: the words between 每 and 扣). A direction
    written in the table stands; a guessed one follows the words: short of the
    target (每降低) higher is better, over it (每超过) or per occurrence lower."""
    fall = _FALL.match(what) is not None
    over = not fall and _RISE.match(what) is not None
    rate = "百分点" in what or "%" in what  # per point of a rate: from a target
    if target.number is None:
        if fall or (over and rate):  # short of, or over, a target not given
            return _deduct_without_target(params, "higher" if fall else "lower")
        params["from"] = Fraction(0)  # per occurrence (each day, case, item over)
        return Rule({"deduct": params}, "评分标准读作每单位扣分，扣完为止")
    if not target.stated:
        side = "higher" if fall else "lower"
        if target.direction != side:
            target.direction = side
            target.notes.append(
                "评分标准为每低于目标一个单位扣分，按越高越好读"
                if fall
                else "评分标准为每发生（超出）一次扣分，按越低越好读"
            )
    if target.direction == "higher":
        return Rule({"deduct": params}, "评分标准读作低于目标按单位扣分")
    if over:
        return Rule({"deduct": params}, "评分标准读作超出目标按单位扣分")
    return Rule({"deduct": params}, "评分标准读作每单位扣分，扣完为止")


#: a count of units in the words between 每 and 扣: a number (digits, or a Chinese
#: numeral: 两, 十五) and the unit after it (个百分点, %, 项, 次, 天…), or 百分之五
_COUNT = r"([0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十]+)"
_UNIT = r"\s*(个百分点|百分点|个|%|％|项|次|天|日|家|人|件|起|户|名|条|处|篇|元|万元)"
_STEP_RE = re.compile(rf"{_COUNT}{_UNIT}|百分之{_COUNT}")
#: a count before a unit a deduction is not counted in here (两周 of a value in days)
_OTHER_UNIT = re.compile(rf"{_COUNT}\s*(?:个)?(周|星期|月|季度|年|小时|分钟)")
_DIGITS = {c: k for k, c in enumerate("一二三四五六七八九", 1)} | {"两": 2}


def _step(what: str) -> Fraction | None:
    """The units one deduction counts: the last count of units in the words (每低于
    95%的1个百分点: 1, the 95% a target), 1 where none is written; None where the
    count cannot be read as one (0, 两周 of a value counted in days)."""
    found = list(_STEP_RE.finditer(what))
    if not found:
        return None if _OTHER_UNIT.search(what) else Fraction(1)
    m = found[-1]
    count = m[1] if m[1] is not None else m[3]
    step = parse_number(count) if count[0].isdigit() else _chinese(count)
    return step if step is not None and step > 0 else None


def _relative(what: str) -> bool:
    """Whether the words count their step in % of the target (每低于目标值10%),
    not in percentage points (每低于目标值1个百分点)."""
    found = list(_STEP_RE.finditer(what))
    return "目标" in what and bool(found) and found[-1][2] in ("%", "％")


def _of_target(what: str, step: Fraction | None, target: Target) -> Fraction | None:
    """The units of a step written as a share of the target (每低于目标值10%) where
    the target is no rate (200 件: 10% of it is 20 件); None otherwise."""
    if step is None or target.number is None or target.unit in ("%", "％"):
        return None
    if not _relative(what) or target.number <= 0:
        return None
    return target.number * step / 100


def _or_relative(rule: Rule, what: str, per: Fraction, step: Fraction, target: Target) -> Rule:
    """A step in % of a rate's target (每低于目标值10%, target 90%) is read in
    percentage points; the note gives the other reading, 10% of the target."""
    deduct = rule.method.get("deduct") if isinstance(rule.method, dict) else None
    if deduct is None or not _relative(what):
        return rule
    short = "target - actual" if target.direction == "higher" else "actual - target"
    most = format_value(deduct["max"]) if "max" in deduct else "weight"
    n = format_value(step)
    formula = f"weight - min({format_value(per)} * max({short}, 0) / (target * {n} / 100), {most})"
    other = f'若「{n}%」指目标值的 {n}%（相对差），改为 method: {{formula: "{formula}"}}'
    return Rule(rule.method, f"{rule.note}；{other}", False)


def _chinese(words: str) -> Fraction | None:
    """A Chinese numeral up to 九十九 (五, 十五, 二十, 二十五), or None."""
    tens, ten, ones = words.partition("十")
    if not ten:
        return Fraction(_DIGITS[words]) if len(words) == 1 else None
    if len(tens) > 1 or len(ones) > 1:
        return None
    return Fraction(_DIGITS.get(tens, 1) * 10 + _DIGITS.get(ones, 0))


def _in_steps(
    rule: Rule, what: str, per: Fraction, step: Fraction, target: Target, params: dict[str, Any]
) -> Rule:
    """A deduction counted in steps of several units (每降低 5 个百分点扣 1 分), read
    pro rata (0.2 a point) and left to be confirmed: the words may mean whole
    steps only (7 points short: 1 off, not 1.4), which the note writes as a method.
    A share that is no finite decimal (1 分 each 3 points) is written as a formula."""
    n, p = format_value(step), format_value(per)
    share = format_value(per / step) if _finite(per / step) else f"{p}/{n}"
    said = f"评分标准「每{what}扣{p}分」读作按比例扣分，每单位 {share} 分"
    deduct = rule.method.get("deduct") if isinstance(rule.method, dict) else None
    if deduct is None:  # no target to count from: the note says what to write with one
        note = rule.note
        if not _finite(per / step):  # a formula to write, not deduct's per
            side = "higher" if _FALL.match(what) else "lower"
            pro_rata = _stepped(per, step, side, params, whole=False)
            note = _deduct_without_target(params, side, f'{{formula: "{pro_rata}"}}').note
        return Rule(rule.method, f"{note}（{said}）", False)
    whole = _stepped(per, step, target.direction, deduct, whole=True)
    method: Any = rule.method
    if not _finite(per / step):
        method = {"formula": _stepped(per, step, target.direction, deduct, whole=False)}
    steps = f"若按整{n}个单位计（不足{n}个单位的部分不扣）"
    return Rule(method, f'{said}；{steps}，改为 method: {{formula: "{whole}"}}', False)


def _finite(x: Fraction) -> bool:
    """Whether ``x`` is a decimal with finitely many places (its denominator 2ᵃ5ᵇ)."""
    d = x.denominator
    for f in (2, 5):
        while d % f == 0:
            d //= f
    return d == 1


def _stepped(
    per: Fraction, step: Fraction, direction: str | None, params: dict[str, Any], whole: bool
) -> str:
    """The deduction of ``per`` each ``step`` units short of (higher) or over the start
    (the target, or ``from``) as a formula: in whole steps, or pro rata."""
    start = format_value(params["from"]) if "from" in params else "target"
    short = f"{start} - actual" if direction == "higher" else f"actual - {start}"
    if start == "0":  # per occurrence: the count itself
        short = "actual"
    most = format_value(params["max"]) if "max" in params else "weight"
    p, n = format_value(per), format_value(step)
    off = f"floor(max({short}, 0) / {n})" if whole else f"max({short}, 0) / {n}"
    return f"weight - min({p} * {off}, {most})"


def _deduct_without_target(
    params: dict[str, Fraction], direction: str, method: str | None = None
) -> Rule:
    """A deduction per unit short of (or over) a target the table does not give:
    the qualitative default, its note giving the method to write once the
    target is known (deductions from 0 would turn the rule round): ``method``,
    or the ``deduct`` of ``params``."""
    written = ", ".join(f"{k}: {format_value(v)}" for k, v in params.items())
    side = "低于" if direction == "higher" else "超出"
    return Rule(
        _QUALITATIVE,
        f"评分标准为每{side}目标一个单位扣分，但表中无指标值：补 target 和 direction: "
        f"{direction} 后改为 {method or f'{{deduct: {{{written}}}}}'}",
        False,
    )


#: the national rule for qualitative indicators (财预〔2020〕10号): bands of the weight
_QUALITATIVE = {
    "grades": {
        "达成": [Fraction(4, 5), Fraction(1)],
        "部分达成": [Fraction(3, 5), Fraction(4, 5)],
        "未达成": [Fraction(0), Fraction(3, 5)],
    }
}
