"""The built-in methods described for designers, each with a worked example
that is computed by the engine itself (so it can never drift from the code)."""

from __future__ import annotations

from ..base.i18n import N_
from ..base.records import record


@record(frozen=True)
class Entry:
    """One scoring method of the catalogue, with an example."""

    name: str
    summary: str
    params: str
    #: the scoring rule: formula text, or words marked for the catalogue
    rule: str
    #: one indicator in flow style, scored with ``value``
    example: str
    value: str


CATALOG = (
    Entry(
        "ratio",
        N_("比率法：按完成比例得分，满分为止 / proportional, capped at full marks"),
        N_("cap (1): the highest ratio counted"),
        "higher: weight * min(actual / target, cap); target 0: weight if actual >= target "
        "else 0\nlower:  weight if actual <= target else weight * target / actual",
        "{id: trips, name: 外出招商活动次数, weight: 4, unit: 次, direction: higher, "
        "target: 4, method: ratio}",
        "3",
    ),
    Entry(
        "threshold",
        N_("达标法：达到目标得满分 / full marks when the target is met"),
        N_("partial (0): share of the weight earned when it is missed"),
        "higher: weight if actual >= target else weight * partial\n"
        "lower:  weight if actual <= target else weight * partial",
        "{id: incidents, name: 重大治安事件发生率, weight: 4, unit: '%', direction: lower, "
        "target: 0, method: threshold}",
        "0",
    ),
    Entry(
        "linear",
        N_("线性插值 / a straight line from zero_at (0 points) to the target"),
        N_("zero_at (required): the actual that scores 0"),
        "weight * clamp((actual - zero_at) / (target - zero_at), 0, 1)",
        "{id: on_time, name: 按期完工率, weight: 5, unit: '%', direction: higher, "
        "target: 100, method: {linear: {zero_at: 50}}}",
        "92",
    ),
    Entry(
        "bands",
        N_("分档法：第一个匹配的分档给分 / the first matching band scores"),
        N_(
            "a list of {min: x} / {max: x} / {min, max} with points: p or fraction: f; "
            "a last band with no bound is the else"
        ),
        N_(
            "the first band whose min ≤ actual and actual ≤ max gives its points "
            "(or fraction × weight)"
        ),
        "{id: key_spending, name: 重点支出安排率, weight: 5, unit: '%', method: {bands: "
        "[{min: 90, points: 5}, {min: 80, points: 4}, {min: 60, points: 2}, {points: 0}]}}",
        "85",
    ),
    Entry(
        "deduct",
        N_("扣分法：扣完为止 / deductions, never below 0"),
        N_(
            "per (required): points per unit over (higher: per unit short); max (weight): "
            "most deducted; from (target): where deductions start"
        ),
        "lower:  weight - min(per * max(actual - from, 0), max)\n"
        "higher: weight - min(per * max(from - actual, 0), max)",
        "{id: staff, name: 在职人员控制率, weight: 3, unit: '%', direction: lower, "
        "target: 100, method: {deduct: {per: 0.5}}}",
        "101.6",
    ),
    Entry(
        "grades",
        N_("定性分级 / qualitative: the actual is a label"),
        N_(
            "label: fraction of the weight, or label: [low, high] (the actuals then give "
            "{grade, score} with the chosen score in that range)"
        ),
        N_("weight * fraction(label), or the chosen score checked against the range"),
        "{id: system, name: 管理制度健全性, weight: 4, method: {grades: {优: 1, 良: 0.8, "
        "中: 0.6, 差: 0}}}",
        "良",
    ),
    Entry(
        "formula",
        N_("公式 / any safe expression"),
        N_("the expression; names: actual, target, weight and the spec's inputs"),
        N_("as written"),
        "{id: cost, name: 成本节约率, weight: 5, unit: '%', target: 10, method: "
        "{formula: 'weight * clamp(actual / target, 0, 1)'}}",
        "6",
    ),
)


def example_spec(entry: Entry) -> str:
    weight = entry.example.split("weight: ")[1].split(",")[0]
    return f"spec: 1\nid: example\ntotal: {weight}\nindicators:\n  - {entry.example}\n"


def example_actuals(entry: Entry) -> str:
    iid = entry.example.split("id: ")[1].split(",")[0]
    return f"spec: example\nvalues: {{{iid}: {entry.value}}}\n"
