"""The 自评表 XLSX as a working paper, read back with openpyxl: numbers with number
formats, subtotal rows per group, a 分值 column that adds up even with indicators
not applicable, and the rounding rule and stamp on a second sheet."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from engine.cli import app
from engine.render.working_paper import apportion

ROOT = Path(__file__).resolve().parent.parent
SEED = ("specs/gz-dept-overall-2021.yaml", "examples/licheng-2021/actuals.yaml")
SEED_NA = ("specs/gz-dept-overall-2021.yaml", "examples/docs/licheng-na.yaml")
ROADS = ("specs/national-project-2020.yaml", "examples/rural-roads-2023/actuals.yaml")


pytestmark = pytest.mark.usefixtures("in_root")


def paper(tmp_path: Path, files: tuple[str, str]) -> Any:
    out = tmp_path / "自评表.xlsx"
    result = CliRunner().invoke(app, ["score", *files, "-o", str(out)])
    assert (result.exit_code, result.stderr) == (0, "")
    return load_workbook(out)


def cut(rows: Any) -> list[tuple[Any, ...]]:
    """The table's rows down to its 合计 (the lines under it are the audit notes)."""
    rows = list(rows)
    end = next(i for i, r in enumerate(rows) if r[0] == "合计")
    return rows[: end + 1]


def dec(x: Any) -> Decimal:
    """A cell's number as the decimal it shows (openpyxl reads numbers as floats)."""
    return Decimal(repr(x)) if isinstance(x, float) else Decimal(x)


def is_subtotal(row: tuple[Any, ...]) -> bool:
    return any(isinstance(c, str) and c.endswith(" 小计") for c in row[:3])


def leaf_sums(rows: list[tuple[Any, ...]]) -> dict[str, tuple[Decimal, Decimal]]:
    """The sums of 分值 and 得分 over the leaf rows of each 二级 group (column B)."""
    sums: dict[str, tuple[Decimal, Decimal]] = {}
    group = None
    for row in rows[3:-1]:
        if is_subtotal(row):
            continue
        group = row[1] if row[0] else row[1] or group  # a new 一级 starts afresh
        w, s = sums.get(group or "", (Decimal(0), Decimal(0)))
        sums[group or ""] = (w + dec(row[5] or 0), s + dec(row[6] or 0))
    return sums


@pytest.mark.parametrize("files", [SEED, SEED_NA, ROADS], ids=["licheng", "licheng-na", "roads"])
def test_weights_and_scores_add_up_to_the_subtotals_and_the_total(
    tmp_path: Path, files: tuple[str, str]
) -> None:
    rows = cut(paper(tmp_path, files)["自评表"].iter_rows(values_only=True))
    total = rows[-1]
    card = json.loads(CliRunner().invoke(app, ["score", *files, "-f", "json"]).stdout)
    assert total[0] == "合计"
    assert dec(total[5]) == Decimal(card["full_marks"]) == 100
    assert dec(total[6]) == Decimal(card["total"])
    # the 一级 rows: subtotals of top-level groups, and top-level leaves (A = C)
    tops = [
        r
        for r in rows[3:-1]
        if (isinstance(r[0], str) and r[0].endswith(" 小计")) or (r[0] and r[0] == r[2])
    ]
    assert sum(dec(r[5] or 0) for r in tops) == dec(total[5])
    assert sum(dec(r[6] or 0) for r in tops) == dec(total[6])
    leaves = [r for r in rows[3:-1] if not is_subtotal(r)]
    assert sum(dec(r[5] or 0) for r in leaves) == dec(total[5])
    assert sum(dec(r[6] or 0) for r in leaves) == dec(total[6])
    seconds = {r[1][: -len(" 小计")]: r for r in rows if isinstance(r[1], str) and is_subtotal(r)}
    for group, (weight, score) in leaf_sums(rows).items():
        if group in seconds:
            assert (weight, score) == (dec(seconds[group][5] or 0), dec(seconds[group][6] or 0))


def test_the_shipped_example_with_one_not_applicable_adds_up_to_100(tmp_path: Path) -> None:
    ws = paper(tmp_path, SEED_NA)["自评表"]
    rows = cut(ws.iter_rows(values_only=True))
    management = [r for r in rows[3:14]]
    assert management[-1][0] == "管理效能 小计"
    leaves = management[:-1]
    assert sum(dec(r[5] or 0) for r in leaves) == dec(management[-1][5]) == 40
    # a leaf at its full marks of 4 × 40/38, handed on as 4.21 (shared_out), scores 4.21
    assert sum(dec(r[6] or 0) for r in leaves) == dec(management[-1][6]) == Decimal("31.22")
    na = next(r for r in leaves if r[2] == "预决算信息公开率")
    assert (na[4], na[5], na[6]) == ("不适用", None, None)
    assert na[7].startswith("不适用（")
    assert "），原分值 2 不计入合计" in na[7]
    budget = next(r for r in leaves if r[2] == "预算执行率")
    assert (dec(budget[5]), budget[7]) == (Decimal("10.53"), "分值由 10 重新分配为 10.53")
    top = [r for r in rows if isinstance(r[0], str) and r[0].endswith(" 小计")]
    assert [(r[0], dec(r[5])) for r in top] == [("管理效能 小计", 40), ("履行职能 小计", 60)]
    assert dec(rows[-1][5]) == 100


def test_the_rural_roads_example_leaves_the_not_applicable_weight_out(tmp_path: Path) -> None:
    ws = paper(tmp_path, ROADS)["自评表"]
    rows = cut(ws.iter_rows(values_only=True))
    benefit = next(r for r in rows if r[0] == "效益指标 小计")
    assert (dec(benefit[5]), dec(benefit[6])) == (30, Decimal("25.08"))
    sums = leaf_sums(rows)
    assert sums["社会效益"] == (12, 9)
    assert sums["生态效益"] == (0, 0)
    subtotals = {r[1]: r for r in rows if isinstance(r[1], str) and r[1].endswith(" 小计")}
    assert subtotals["生态效益 小计"][5:7] == (None, None)
    weights = sum(dec(r[5] or 0) for r in rows[3:-1] if not is_subtotal(r))
    assert weights == dec(rows[-1][5]) == 100


def test_actual_values_are_numbers_with_their_units_in_the_number_format(
    tmp_path: Path,
) -> None:
    ws = paper(tmp_path, SEED)["自评表"]
    cells = {row[2].value: row for row in ws.iter_rows(min_row=4) if row[2].value}
    trips, rate = cells["外出招商活动次数"], cells["预算执行率"]
    assert (trips[3].value, trips[4].value) == (4, 3)
    assert (trips[3].number_format, trips[4].number_format) == ('"≥ "General" 次"', 'General" 次"')
    assert rate[4].value == pytest.approx(90.840582381)
    assert rate[4].number_format == 'General"%"'
    assert cells["管理制度健全性"][4].value == "中"
    assert trips[6].number_format == "0.00"


def test_the_second_sheet_holds_the_rounding_rule_and_the_stamp(tmp_path: Path) -> None:
    wb = paper(tmp_path, SEED)
    assert wb.sheetnames == ["自评表", "出处"]
    facts = dict(wb["出处"].iter_rows(min_row=2, values_only=True))
    assert facts["rounding"] == "每个指标得分保留 2 位小数，四舍五入 (half_up)"
    card = json.loads(CliRunner().invoke(app, ["score", *SEED, "-f", "json"]).stdout)
    for key in ("spec_file", "spec_sha256", "actuals_file", "actuals_sha256", "result_sha256"):
        assert facts[key] == card["stamp"][key]
    assert facts["engine"] == "scorecard 0.1.0"


@given(
    st.lists(st.fractions(min_value=0, max_value=1000), min_size=1, max_size=12),
    st.integers(min_value=0, max_value=4),
)
def test_apportioned_weights_add_up_and_stay_within_one_unit(
    values: list[Fraction], places: int
) -> None:
    unit = Fraction(1, 10**places)
    total = sum(values, Fraction(0))
    target = (total / unit).__round__() * unit
    shown = apportion(values, target, places)
    assert sum(shown) == target
    assert all(abs(s - v) < unit for s, v in zip(shown, values, strict=True))
    assert all((s / unit).denominator == 1 for s in shown)


EXCLUDED = """\
spec: 1
id: ex
total: 30
indicators:
  - id: g
    name: 投入
    weight: 20
    not_applicable: exclude
    children:
      - {id: a, name: 甲, weight: 5, direction: higher, target: 100, unit: "%", method: ratio}
      - {id: b, name: 乙, weight: 15, direction: higher, target: 100, unit: "%", method: ratio}
  - {id: c, name: 丙, weight: 10, direction: higher, target: 100, unit: "%", method: ratio}
"""


def test_the_paper_says_a_shrunk_group_and_every_note_in_chinese(tmp_path: Path) -> None:
    """A group whose N/A child is excluded shrinks (it was said as 重新分配); an
    override and an N/A reason were said in English under the default language."""
    (tmp_path / "s.yaml").write_text(EXCLUDED, "utf-8")
    (tmp_path / "a.yaml").write_text(
        "spec: ex\nvalues: {b: 90, c: 80}\nnot_applicable: {a: 本年无此项}\n"
        "overrides: {c: {score: 9, reason: 复核调整}}\n",
        "utf-8",
    )
    ws = paper(tmp_path, (str(tmp_path / "s.yaml"), str(tmp_path / "a.yaml")))["自评表"]
    notes = {r[2] or r[1] or r[0]: r[7] for r in cut(ws.iter_rows(values_only=True))[3:]}
    assert notes["甲"] == "不适用（本年无此项），原分值 5 不计入合计"
    assert notes["投入 小计"] == "满分由 20 减为 15（不适用的下级不计入）"
    assert notes["丙"] == "人工调整 8.00 → 9.00：复核调整"


def test_a_note_written_on_a_group_is_on_its_subtotal_row(tmp_path: Path) -> None:
    """The table, CSV and HTML showed a group's 偏差原因; the workbook dropped it."""
    (tmp_path / "s.yaml").write_text(EXCLUDED, "utf-8")
    (tmp_path / "a.yaml").write_text(
        "spec: ex\nvalues: {a: 70, b: 90, c: 80}\nnotes: {g: 整体受征地影响, a: 延迟}\n",
        "utf-8",
    )
    ws = paper(tmp_path, (str(tmp_path / "s.yaml"), str(tmp_path / "a.yaml")))["自评表"]
    notes = {r[2] or r[1] or r[0]: r[7] for r in cut(ws.iter_rows(values_only=True))[3:]}
    assert (notes["投入 小计"], notes["甲"]) == ("整体受征地影响", "延迟")


def test_the_total_of_a_formula_gives_its_full_marks_in_the_total_row(tmp_path: Path) -> None:
    """A one-vote veto weighs 1 beside groups of 100: the 合计 said 101 (the
    top-level weights added up), though the total is of 100."""
    spec = tmp_path / "veto.yaml"
    spec.write_text(
        "spec: 1\nid: veto\ntotal: 10\n"
        'aggregate: {formula: "0 if v < 1 else a + b"}\n'
        "indicators:\n"
        "  - {id: a, name: 甲, weight: 6, direction: higher, target: 10, method: ratio}\n"
        "  - {id: b, name: 乙, weight: 4, direction: higher, target: 10, method: ratio}\n"
        "  - {id: v, name: 否决, weight: 1, direction: higher, target: 1, method: ratio}\n",
        "utf-8",
    )
    actuals = tmp_path / "x.yaml"
    actuals.write_text("spec: veto\nentity: 甲\nvalues: {a: 10, b: 5, v: 1}\n", "utf-8")
    rows = cut(paper(tmp_path, (str(spec), str(actuals)))["自评表"].iter_rows(values_only=True))
    assert (rows[-1][0], dec(rows[-1][5]), dec(rows[-1][6])) == ("合计", 10, 8)
