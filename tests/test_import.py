"""`scorecard import`: Excel 指标表 in four layouts become draft specs that validate,
with every guess marked; the words of 指标值 and 评分标准 read as rules."""

from __future__ import annotations

import importlib.util
import os
from fractions import Fraction
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import invoke
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from engine.cli import app
from engine.review.draft import MARK, import_table
from engine.review.wording import _QUALITATIVE as QUALITATIVE
from engine.review.wording import read_rule, read_target
from engine.spec.compile import compile_spec
from engine.spec.load import load_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "import"


def _builders() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_tables", EXAMPLES / "build_tables.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TABLES = _builders().TABLES


@pytest.fixture
def built(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, build in TABLES.items():
        build(tmp_path / name)
        out[name.removesuffix(".xlsx")] = tmp_path / name
    return out


def draft_of(path: Path) -> tuple[str, dict[str, dict[str, object]]]:
    text, _, _ = import_table(str(path))
    spec = compile_spec(load_text(text, "draft.yaml"))
    leaves = {
        i.name: {
            "weight": i.weight,
            "direction": i.direction,
            "target": i.target,
            "unit": i.unit,
            "method": i.method.name if i.method else None,
        }
        for i in spec.leaves()
    }
    return text, leaves


def test_the_national_template_keeps_merged_levels_and_the_funds_block(
    built: dict[str, Path],
) -> None:
    text, leaves = draft_of(built["national-project"])
    spec = compile_spec(load_text(text, "draft.yaml"))
    assert [(i.name, i.weight) for i in spec.indicators] == [
        ("产出指标", 50),
        ("效益指标", 30),
        ("满意度指标", 10),
        ("预算执行率", 10),
    ]
    assert [c.name for c in spec.indicators[0].children] == ["数量指标", "质量指标", "时效指标"]
    assert leaves["公路养护里程"] == {
        "weight": 20,
        "direction": "higher",
        "target": 120,
        "unit": "公里",
        "method": "ratio",
    }
    assert leaves["群众出行投诉次数"]["direction"] == "lower"
    assert leaves["养护任务完成时间"]["method"] == "grades"
    assert "target: 按时完成" in text
    assert spec.by_id["i1_3_1"].target_label == "按时完成"
    assert "actual: spent / budget * 100" in text
    assert spec.total == 100
    assert "总分" not in leaves  # the totals row is not an indicator


def test_chongqing_weights_come_from_the_weight_column_and_equals_reads_as_met(
    built: dict[str, Path],
) -> None:
    text, leaves = draft_of(built["chongqing-dept"])
    assert leaves["在职人员控制率"] == {
        "weight": 10,
        "direction": "lower",
        "target": 100,
        "unit": "%",
        "method": "ratio",
    }
    assert leaves["三公经费变动率"]["target"] == 0
    assert leaves["政府采购执行率"]["direction"] == "higher"
    assert "direction: higher  # 待确认: 「=100」按 higher 读（达到即满分）" in text


def test_inner_mongolia_operator_wins_over_a_contradicting_direction(
    built: dict[str, Path],
) -> None:
    text, leaves = draft_of(built["inner-mongolia"])
    assert leaves["人均培训成本"]["direction"] == "lower"
    assert "指标方向「正向」与运算符「小于等于」矛盾，按运算符取 lower" in text
    assert leaves["培训人次"]["unit"] == "人次"
    assert leaves["培训合格率"]["method"] == "bands"
    assert (leaves["安全事故发生次数"]["method"], leaves["安全事故发生次数"]["direction"]) == (
        "deduct",
        "lower",
    )
    assert leaves["培训档案管理"]["method"] == "grades"
    # 每降低 1 个百分点扣 0.5 分 on a rate that should be high: deduct follows the direction
    assert (leaves["学员满意度"]["method"], leaves["学员满意度"]["direction"]) == (
        "deduct",
        "higher",
    )
    assert "method: {deduct: {per: 0.5}}  # 待确认: 评分标准读作低于目标按单位扣分" in text


def test_a_scoring_table_reads_its_rules(built: dict[str, Path]) -> None:
    text, leaves = draft_of(built["scoring-table"])
    assert "method: {grades: {健全: 1, 基本健全: 0.6, 不健全: 0}}" in text
    assert "method: {deduct: {per: 2, from: 0}}" in text
    assert (
        "{bands: [{max: 5, fraction: 1}, {min: 5, max: 10, fraction: 0.5}, {fraction: 0}]}" in text
    )
    assert "评分标准为按比例，但表中无指标值：补 target 和 direction 后改为 ratio" in text
    assert len(leaves) == 5


@pytest.mark.parametrize("name", [n.removesuffix(".xlsx") for n in TABLES])
def test_every_guess_is_marked_and_the_shipped_drafts_match(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    shipped = EXAMPLES / f"{name}.draft.yaml"
    text, guesses, _ = import_table(f"examples/import/{name}.xlsx", output=str(shipped))
    assert text.count(MARK) == guesses > 0
    assert text.startswith("# yaml-language-server: $schema=../../schemas/spec.schema.json\n")
    if os.environ.get("UPDATE_GOLDEN"):
        shipped.write_text(text, encoding="utf-8")
    assert text == shipped.read_text(encoding="utf-8")


def test_the_command_writes_the_draft_and_says_what_to_confirm(
    built: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "draft.yaml"
    result = CliRunner().invoke(app, ["import", str(built["inner-mongolia"]), "-o", str(out)])
    assert result.exit_code == 0
    assert result.stderr == (
        f"wrote {out}: 6 indicators, 9 guesses marked '待确认' to confirm; "
        f"next: scorecard validate {out}\n"
    )
    assert CliRunner().invoke(app, ["validate", str(out)]).exit_code == 0


def test_a_draft_made_a_spec_is_not_replaced_without_force(
    built: dict[str, Path], tmp_path: Path
) -> None:
    """import -o over a hand-edited spec replaced it with the table's guesses."""
    out = tmp_path / "draft.yaml"
    table = str(built["inner-mongolia"])
    assert CliRunner().invoke(app, ["import", table, "-o", str(out)]).exit_code == 0
    again = CliRunner().invoke(app, ["import", table, "-o", str(out)])  # still a draft
    assert again.exit_code == 0
    edited = "\n".join(ln for ln in out.read_text("utf-8").splitlines() if ln[:1] != "#")
    out.write_text(edited + "\n", encoding="utf-8")
    refused = CliRunner().invoke(app, ["import", table, "-o", str(out)])
    assert (refused.exit_code, refused.stderr) == (
        2,
        f"-o {out}: the file is not a draft import wrote (a spec made from one, its draft "
        "comment gone, say), and the draft would replace it; name another file, or give "
        "--force to replace it\n",
    )
    assert out.read_text("utf-8") == edited + "\n"
    forced = CliRunner().invoke(app, ["import", table, "-o", str(out), "--force"])
    assert forced.exit_code == 0
    assert out.read_text("utf-8") != edited + "\n"


def test_the_table_read_is_never_replaced_and_a_draft_is_named_yaml(
    built: dict[str, Path], tmp_path: Path
) -> None:
    """import t.xlsx -o t.xlsx --force wrote the draft over the workbook; -o out.csv
    wrote YAML text that validate then read as a table."""
    import shutil

    tmp_path = tmp_path / "here"
    tmp_path.mkdir()
    table = tmp_path / "t.xlsx"
    shutil.copy(built["inner-mongolia"], table)
    before = table.read_bytes()
    link = tmp_path / "t.yaml"
    link.symlink_to(table)
    for out, said in (
        (table, f"-o {table}: the draft is a spec, written as YAML; name the file .yaml (or .yml)"),
        (
            tmp_path / "out.csv",
            f"-o {tmp_path / 'out.csv'}: the draft is a spec, written as YAML; "
            "name the file .yaml (or .yml)",
        ),
        (link, f"-o {link}: is an input of this command; write the output to another file"),
    ):
        result = CliRunner().invoke(app, ["import", str(table), "-o", str(out), "--force"])
        assert (result.exit_code, result.stderr) == (2, said + "\n")
    assert table.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.xlsx", "t.yaml"]


def test_a_table_without_a_header_row_says_which_columns_it_looks_for(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["项目", "金额"])
    wb.save(tmp_path / "t.xlsx")
    result = CliRunner().invoke(app, ["import", str(tmp_path / "t.xlsx")])
    assert result.exit_code == 1
    assert result.stderr == (
        f"{tmp_path / 't.xlsx'}: sheet 'Sheet': no header row naming the indicator and its "
        "分值 found; expected columns such as 一级指标, 二级指标, 三级指标 (or 指标), 指标值, "
        "分值 (or 权重), 评分标准\n"
    )


def test_a_weight_that_is_not_a_number_names_its_cell(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["指标", "分值"])
    wb.active.append(["培训次数", "十"])
    wb.save(tmp_path / "t.xlsx")
    result = CliRunner().invoke(app, ["import", str(tmp_path / "t.xlsx")])
    assert result.exit_code == 1
    assert result.stderr == (
        f"{tmp_path / 't.xlsx'}:2:2: 分值 '十' of '培训次数' is not a number above 0; "
        "write the indicator's points, e.g. 10\n"
    )


def test_a_file_that_is_not_a_workbook_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("指标,分值\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(tmp_path / "t.csv")])
    assert result.exit_code == 2
    assert "give an Excel workbook (.xlsx)" in result.stderr


@pytest.mark.parametrize(
    ("text", "number", "direction", "unit"),
    [
        ("≥95%", Fraction(95), "higher", "%"),
        ("≤10次", Fraction(10), "lower", "次"),
        ("=100%", Fraction(100), "higher", "%"),
        ("=0", Fraction(0), "lower", ""),
        ("≤90万元", Fraction(90), "lower", "万元"),
        ("按时完成", None, None, ""),
        ("0.5", Fraction(1, 2), "higher", ""),
        ("95%以上", Fraction(95), "higher", "%"),
        ("90%及以上", Fraction(90), "higher", "%"),
        ("10次以内", Fraction(10), "lower", "次"),
        ("5%以下", Fraction(5), "lower", "%"),
        ("控制在5%以内", Fraction(5), "lower", "%"),
        ("≥95%（含）", Fraction(95), "higher", "%"),
        ("达到95%", Fraction(95), "higher", "%"),
        ("不低于90%", Fraction(90), "higher", "%"),
        ("0次", Fraction(0), "lower", "次"),
        ("违规次数≤0次", Fraction(0), "lower", "次"),
        ("＜＝5%", Fraction(5), "lower", "%"),  # full-width, as a Chinese input method types it
        ("＞＝90%", Fraction(90), "higher", "%"),
        ("≦5%", Fraction(5), "lower", "%"),
        ("5个工作日内", Fraction(5), "lower", "个工作日"),
        ("3日内", Fraction(3), "lower", "日"),
        ("‹＝5%", None, None, ""),  # a sign it does not know is no label: left unread
    ],
)
def test_targets_read_from_their_operators(
    text: str, number: Fraction | None, direction: str | None, unit: str
) -> None:
    t = read_target(text)
    assert (t.number, t.direction, t.unit) == (number, direction, unit)
    if text.startswith("违规次数"):  # a label before the operator: said, not lost
        assert t.notes == ["指标值前的「违规次数」当作说明，未读"]


@pytest.mark.parametrize(
    ("rule", "method"),
    [
        ("完成率×分值", "ratio"),
        ("按完成比例得分，最高不超过分值", "ratio"),
        ("每发生一次扣1分，扣完为止", {"deduct": {"per": Fraction(1)}}),
        ("每超过1个百分点扣0.5分，最多扣3分", {"deduct": {"per": Fraction(1, 2), "max": 3}}),
        (
            "≥90% 得满分，80%–90% 得 80%，低于 80% 不得分",
            {
                "bands": [
                    {"min": 90, "fraction": 1},
                    {"min": 80, "max": 90, "fraction": Fraction(4, 5)},
                    {"fraction": 0},
                ]
            },
        ),
        (
            "好得满分，较好得80%，一般得60%，差不得分",
            {"grades": {"好": 1, "较好": Fraction(4, 5), "一般": Fraction(3, 5), "差": 0}},
        ),
    ],
)
def test_common_rule_wordings_become_methods(rule: str, method: object) -> None:
    assert read_rule(rule, read_target("≤0次" if "扣" in rule else "≥90%")).method == method


BANDS_90_80 = {
    "bands": [
        {"min": 90, "fraction": 1},
        {"min": 80, "max": 90, "fraction": Fraction(4, 5)},
        {"fraction": 0},
    ]
}


@pytest.mark.parametrize(
    ("rule", "method"),
    [
        ("≥95%得满分，每低1%扣1分", {"deduct": {"per": Fraction(1)}}),
        ("每低1%扣1分", {"deduct": {"per": Fraction(1)}}),
        ("低于95%的，每低1个百分点扣1分", {"deduct": {"per": Fraction(1)}}),
        ("每差1个百分点扣0.5分", {"deduct": {"per": Fraction(1, 2)}}),
        ("≥90%得满分，80%（含）-90%得80%，80%以下不得分", BANDS_90_80),
        ("90%以上得满分，80%-90%得80%，低于80%不得分", BANDS_90_80),
        ("90%及以上得满分，80%-90%得80%，80%以下不得分", BANDS_90_80),
        ("90%（及）以上得满分，80%（含）-90%得80%，80%以下不得分", BANDS_90_80),
        ("90%(及)以上得满分，80%-90%得80%，80%以下不得分", BANDS_90_80),
    ],
)
def test_a_shortfall_below_a_high_target_and_bands_with_words_after_the_number(
    rule: str, method: object
) -> None:
    """每低1%扣1分 under ≥95% was read as lower is better (100% scored 5 of 10, 90%
    10 of 10); 90%以上 and 80%（含） left the bands as text grades."""
    target = read_target("≥95%")
    assert read_rule(rule, target).method == method
    assert target.direction == "higher"


@pytest.mark.parametrize(
    ("rule", "direction", "method"),
    [
        ("每降低1个百分点扣0.5分", "higher", "{deduct: {per: 0.5}}"),
        ("每少1个百分点扣1分", "higher", "{deduct: {per: 1}}"),
        ("每超过1个百分点扣0.5分（最多扣3分）", "lower", "{deduct: {per: 0.5, max: 3}}"),
    ],
)
def test_a_deduction_from_a_target_the_table_does_not_give_is_not_turned_round(
    rule: str, direction: str, method: str
) -> None:
    """Without a 指标值, 每降低 … 扣 became deductions per unit above 0 (100%
    completion scored 0 of 10): it is the qualitative default, to be confirmed,
    its note giving the method to write with the target."""
    target = read_target("")
    read = read_rule(rule, target)
    side = "低于" if direction == "higher" else "超出"
    assert (read.method, read.recognised, read.note) == (
        QUALITATIVE,
        False,
        f"评分标准为每{side}目标一个单位扣分，但表中无指标值：补 target 和 direction: "
        f"{direction} 后改为 {method}",
    )


@pytest.mark.parametrize(
    ("given", "rule", "method", "direction"),
    [
        # 差 in 差错 and 少 in 缺少 are nouns: each occurrence loses points, and the
        # ≤0 written in the table stands (the draft was higher is better: 100/100)
        ("≤0次", "每出现一次差错扣0.5分", {"deduct": {"per": Fraction(1, 2)}}, "lower"),
        ("≤0项", "每缺少一项扣1分", {"deduct": {"per": Fraction(1)}}, "lower"),
        ("", "每出现一次差错扣0.5分", {"deduct": {"per": Fraction(1, 2), "from": 0}}, None),
        ("", "每超过1天扣1分", {"deduct": {"per": Fraction(1), "from": 0}}, None),
        ("", "每增加1起投诉扣1分", {"deduct": {"per": Fraction(1), "from": 0}}, None),
        # a direction written in the table stands, whatever the words
        ("≥95%", "每低1%扣1分", {"deduct": {"per": Fraction(1)}}, "higher"),
    ],
)
def test_a_deduction_per_occurrence_is_told_from_one_short_of_a_target(
    given: str, rule: str, method: object, direction: str | None
) -> None:
    target = read_target(given)
    assert read_rule(rule, target).method == method
    assert target.direction == direction


@pytest.mark.parametrize(
    ("given", "direction"), [("95%", "higher"), ("100%", "lower"), ("≤0次", "lower")]
)
def test_a_deduction_per_unit_short_or_over_sets_the_direction(given: str, direction: str) -> None:
    rule = "每降低1个百分点扣0.5分" if direction == "higher" else "每超过1个百分点扣0.5分"
    target = read_target(given)
    assert read_rule(rule, target).method == {"deduct": {"per": Fraction(1, 2)}}
    assert target.direction == direction


@given(st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False))
def test_a_target_number_is_read_exactly_from_its_text(d: object) -> None:
    text = f"≥{d}%"
    assert read_target(text).number == Fraction(str(d))


def _sheet(path: Path, rows: list[list[object]]) -> tuple[Any, Any]:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "指标表"
    for row in rows:
        ws.append(row)
    return wb, ws


HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "分值", "评分标准"]


def test_a_merged_weight_is_marked_on_every_indicator_it_was_copied_to(tmp_path: Path) -> None:
    """E2:E3 merged holding 100: both leaves got 100 (a total of 200), unmarked."""
    wb, ws = _sheet(tmp_path, [HEAD, ["产出", "数量", "甲", "≥90", 100, ""], ["", "", "乙", "≥90"]])
    ws.merge_cells("E2:E3")
    wb.save(tmp_path / "m.xlsx")
    text, leaves = draft_of(tmp_path / "m.xlsx")
    assert leaves["甲"]["weight"] == leaves["乙"]["weight"] == 100
    note = "分值取自合并单元格 E2:E3，其中每个指标都记了 100 分；请改为各自的分值"
    assert f"name: 甲  {MARK}{note}" in text
    assert f"name: 乙  {MARK}{note}" in text


def test_weights_written_as_percentages_are_shares_of_100(tmp_path: Path) -> None:
    """A 权重 column formatted as percentages (0.3 shown 30%) was refused: "分值 '30%'
    is not a number above 0"."""
    wb, ws = _sheet(
        tmp_path,
        [HEAD, ["产出", "数量", "甲", "≥90", 0.3, ""], ["产出", "数量", "乙", "≥90", "70%"]],
    )
    ws["E2"].number_format = "0%"
    wb.save(tmp_path / "p.xlsx")
    _, leaves = draft_of(tmp_path / "p.xlsx")
    assert (leaves["甲"]["weight"], leaves["乙"]["weight"]) == (30, 70)


def test_a_hidden_row_is_imported_and_marked(tmp_path: Path) -> None:
    wb, ws = _sheet(
        tmp_path, [HEAD, ["产出", "数量", "甲", "≥90", 50, ""], ["产出", "数量", "乙", "≥90", 50]]
    )
    ws.row_dimensions[3].hidden = True
    wb.save(tmp_path / "h.xlsx")
    text, leaves = draft_of(tmp_path / "h.xlsx")
    assert set(leaves) == {"甲", "乙"}
    assert f"name: 乙  {MARK}第 3 行在 Excel 中被隐藏，仍已导入；若该指标已作废，请删去" in text


def test_two_weight_columns_are_refused_at_the_second(tmp_path: Path) -> None:
    """The first (a hidden one, here) was taken silently; the other ignored."""
    wb, ws = _sheet(
        tmp_path,
        [
            ["一级指标", "二级指标", "三级指标", "年度指标值", "分值", "分值"],
            ["产出", "数量", "甲", "≥90", 30, 50],
            ["产出", "数量", "乙", "≥90", 70, 50],
        ],
    )
    ws.column_dimensions["E"].hidden = True
    wb.save(tmp_path / "w.xlsx")
    result = CliRunner().invoke(app, ["import", str(tmp_path / "w.xlsx")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'w.xlsx'}:1:6: sheet '指标表': 2 columns of 分值 (E, F); keep the one meant "
        "(delete or rename the others), then import again"
    ]


def test_a_deduction_per_occurrence_is_read_lower_is_better(tmp_path: Path) -> None:
    """0起 (no operator, read as higher is better) with 每发生1起扣2分: the draft
    wrote direction higher, which deduct now reads as per unit short of 0."""
    wb, _ws = _sheet(
        tmp_path, [HEAD, ["产出", "质量", "安全事故", "0起", 10, "每发生1起扣2分，扣完为止"]]
    )
    wb.save(tmp_path / "d.xlsx")
    text, leaves = draft_of(tmp_path / "d.xlsx")
    assert (leaves["安全事故"]["direction"], leaves["安全事故"]["method"]) == ("lower", "deduct")
    assert "未写运算符，目标为 0，按越低越好读" in text
    spec = compile_spec(load_text(text, "draft.yaml"))
    (leaf,) = spec.leaves()
    from engine.scoring.actuals import check_actuals
    from engine.scoring.evaluate import evaluate

    actuals = check_actuals(
        load_text(f"spec: {spec.id}\nvalues: {{{leaf.id}: 3}}\n", "a.yaml"), spec, "error"
    )
    assert evaluate(spec, actuals).total == 4


def test_a_weight_merged_across_columns_is_one_indicators(tmp_path: Path) -> None:
    """E2:F2 (分值 and the next column) was taken for a weight shared by rows."""
    wb, ws = _sheet(
        tmp_path, [HEAD, ["产出", "数量", "甲", "≥90", 60, ""], ["产出", "数量", "乙", "≥90", 40]]
    )
    ws.merge_cells("E2:F2")
    wb.save(tmp_path / "h.xlsx")
    text, leaves = draft_of(tmp_path / "h.xlsx")
    assert leaves["甲"]["weight"] == 60
    assert "合并单元格" not in text


def test_the_title_row_above_the_header_is_the_drafts_title(tmp_path: Path) -> None:
    """The draft was titled by the sheet's name (指标表) though the table's
    first row said what it is; 附件 and 单位：… rows are not titles."""
    rows: list[list[object]] = [
        ["附件2"],
        ["2023年度部门整体支出绩效评价指标体系", None, None],
        ["", "", "", "", "单位：万元"],
        HEAD,
        ["产出", "数量", "甲", "≥90", 100, ""],
    ]
    wb, _ws = _sheet(tmp_path, rows)
    wb.save(tmp_path / "t.xlsx")
    text, _leaves = draft_of(tmp_path / "t.xlsx")
    assert 'title: "2023年度部门整体支出绩效评价指标体系"\n' in text
    wb, _ws = _sheet(tmp_path, [["附件2"], HEAD, ["产出", "数量", "甲", "≥90", 100, ""]])
    wb.save(tmp_path / "u.xlsx")
    assert "title: 指标表\n" in draft_of(tmp_path / "u.xlsx")[0]


def test_an_indicator_named_as_one_before_it_in_its_group_is_marked(tmp_path: Path) -> None:
    """A row copied twice was imported twice without a word (its weight counted twice)."""
    row = ["效益", "社会效益", "满意度", "≥90%", 20, ""]
    wb, _ws = _sheet(tmp_path, [HEAD, row, row, ["效益", "可持续", "满意度", "≥90%", 20, ""]])
    wb.save(tmp_path / "d.xlsx")
    text, _leaves = draft_of(tmp_path / "d.xlsx")
    note = f"name: 满意度  {MARK}与第 2 行同名：重复了一行，还是应改名？"
    assert text.count(note) == 1  # the third row is in another group


@pytest.mark.parametrize(
    ("given", "rule", "method", "note"),
    [
        (
            "≤0次",
            "每两次扣1分",
            {"deduct": {"per": Fraction(1, 2)}},
            "评分标准「每两次扣1分」读作按比例扣分，每单位 0.5 分；若按整2个单位计（不足2个单位的"
            '部分不扣），改为 method: {formula: "weight - min(1 * floor(max(actual - target, 0) '
            '/ 2), weight)"}',
        ),
        (
            "≤0天",
            "每延误十五天扣1分，最多扣4分",
            {"formula": "weight - min(1 * max(actual - target, 0) / 15, 4)"},
            "评分标准「每延误十五天扣1分」读作按比例扣分，每单位 1/15 分；"
            "若按整15个单位计（不足15个单位的部分不扣），改为 method: "
            '{formula: "weight - min(1 * floor(max(actual - target, 0) / 15), 4)"}',
        ),
        (
            "",
            "每降低3个百分点扣1分，最多扣2分",  # the most deducted kept
            QUALITATIVE,
            "评分标准为每低于目标一个单位扣分，但表中无指标值：补 target 和 direction: higher "
            '后改为 {formula: "weight - min(1 * max(target - actual, 0) / 3, 2)"}'
            "（评分标准「每降低3个百分点扣1分」读作按比例扣分，每单位 1/3 分）",
        ),
        (
            "≥95%",
            "每降低百分之五扣1分",
            {"deduct": {"per": Fraction(1, 5)}},
            "评分标准「每降低百分之五扣1分」读作按比例扣分，每单位 0.2 分；若按整5个单位计（不足5个"
            '单位的部分不扣），改为 method: {formula: "weight - min(1 * floor(max(target - actual, '
            '0) / 5), weight)"}',
        ),
        (
            "≤0天",
            "每延误两周扣1分",  # weeks of a value in days: not guessed
            {"deduct": {"per": Fraction(1)}},
            "评分标准「每延误两周扣1分」中的计数单位未能读出，按每单位扣 1 分："
            "请按实际值的单位核对",
        ),
    ],
)
def test_a_deduction_each_few_units_is_pro_rata_and_to_be_confirmed(
    given: str, rule: str, method: object, note: str
) -> None:
    """The number between 每 and 扣 (digits, or 两, 十五 before a counter word) is the
    step: the points are shared over it, and the reading is left to be confirmed."""
    read = read_rule(rule, read_target(given))
    assert (read.method, read.recognised, read.note) == (method, False, note)


@pytest.mark.parametrize(
    "rule",
    [
        "每百分点扣1分",
        "每降低一个百分点扣1分",
        "每1个百分点扣1分",
        # a target in the words is no step: the count just before 扣 is
        "每低于95%一个百分点扣1分",
        "每低于目标值（90%）1个百分点扣1分",
        "完成率每低于100%的1个百分点扣1分",
    ],
)
def test_one_unit_a_deduction_is_no_step(rule: str) -> None:
    """每百分点 is each percentage point (百 is no count), 一个 and 1个 one unit; a
    target written in the words (95%, 目标值（90%）) is not the step."""
    read = read_rule(rule, read_target("≥95%"))
    assert (read.method, read.recognised) == ({"deduct": {"per": Fraction(1)}}, True)


def _scored(method: str, target: int, direction: str, actual: str) -> Fraction:
    """One indicator of weight 5 scored by ``method`` (YAML) at ``actual``."""
    from engine.scoring.actuals import check_actuals
    from engine.scoring.evaluate import evaluate

    text = (
        "spec: 1\nid: t\ntitle: t\nversion: '1'\ntotal: 5\nindicators:\n"
        f"  - {{id: x, name: x, weight: 5, target: {target}, direction: {direction},"
        f" method: {method}}}\n"
    )
    spec = compile_spec(load_text(text, "s.yaml"))
    actuals = check_actuals(
        load_text(f"spec: t\nvalues: {{x: {actual}}}\n", "a.yaml"), spec, "error"
    )
    return Fraction(evaluate(spec, actuals).total)


def test_a_step_in_percent_of_a_target_of_things_is_that_share_of_it() -> None:
    """每低于目标值10%扣2分 of 200 件: 10% of the target is 20 件, 0.1 a 件; a
    rate's 10% would be 10 points, which a count of things cannot mean."""
    read = read_rule("每低于目标值10%扣2分，最多扣4分", read_target("≥200件"))
    assert (read.method, read.recognised) == (
        {"deduct": {"per": Fraction(1, 10), "max": Fraction(4)}},
        False,
    )
    assert read.note.startswith("「10%」读作目标值 200件 的 10%，即 20件；评分标准「每低于")
    # 30 件 short: one and a half steps of 20, 3 points off
    assert _scored("{deduct: {per: 0.1, max: 4}}", 200, "higher", "170") == 2


def test_a_step_in_percent_of_a_rates_target_gives_the_relative_reading_too() -> None:
    """Of a target of 90%, 每低于目标值10% is read as 10 points; the note gives the
    formula for 10% of the target (9 points), which scores as it says."""
    read = read_rule("每低于目标值10%扣2分", read_target("≥90%"))
    assert (read.method, read.recognised) == ({"deduct": {"per": Fraction(1, 5)}}, False)
    relative = "weight - min(2 * max(target - actual, 0) / (target * 10 / 100), weight)"
    assert read.note.endswith(
        f'；若「10%」指目标值的 10%（相对差），改为 method: {{formula: "{relative}"}}'
    )
    assert _scored(f'{{formula: "{relative}"}}', 90, "higher", "81") == 3
    # a step in percentage points, or with no target in the words, has one reading
    for rule in ("每低于目标值10个百分点扣2分", "每降低10%扣2分"):
        assert "相对差" not in read_rule(rule, read_target("≥90%")).note


@pytest.mark.parametrize(
    "rule",
    [
        "≥95%得满分，90%-95%得80%分值，<90%不得分",
        "≥95%得满分，90%-95%得80%的分值，<90%不得分",
        "≥95%得满分，90%-95%得分值的80%，<90%不得分",
    ],
)
def test_a_share_of_the_weight_may_name_the_weight(rule: str) -> None:
    """得80%分值 is 80% of the weight: the word 分值 sent bands to the ratio guess."""
    read = read_rule(rule, read_target("≥95%"))
    assert (read.method, read.recognised) == (
        {
            "bands": [
                {"min": 95, "fraction": 1},
                {"min": 90, "max": 95, "fraction": Fraction(4, 5)},
                {"fraction": 0},
            ]
        },
        True,
    )


def test_grades_given_in_points_are_shares_of_the_weight() -> None:
    """效果明显得8分 of a weight of 10 is the grade 效果明显 at 0.8; without the
    weight, or with points beyond it, the national ranges are guessed as before."""
    rule = "效果明显得8分，较明显得6分，一般得4分，不明显不得分"
    read = read_rule(rule, read_target(""), Fraction(10))
    assert (read.method, read.recognised) == (
        {
            "grades": {
                "效果明显": Fraction(4, 5),
                "较明显": Fraction(3, 5),
                "一般": Fraction(2, 5),
                "不明显": 0,
            }
        },
        True,
    )
    assert read.note == "评分标准读作定性分级，所给分数按分值 10 折成比例，actuals 给等级文字"
    assert read_rule(rule, read_target("")).method == QUALITATIVE
    assert read_rule(rule, read_target(""), Fraction(5)).method == QUALITATIVE


@pytest.mark.parametrize(
    ("rule", "number", "direction", "method"),
    [
        (
            "≤100%得满分，每超过1个百分点扣0.5分，最多扣3分",
            100,
            "lower",
            {"deduct": {"per": Fraction(1, 2), "max": 3}},
        ),
        (
            "完成率达到100%得满分，每降低1个百分点扣0.2分",
            100,
            "higher",
            {"deduct": {"per": Fraction(1, 5)}},
        ),
        ("完成率达到95%得满分，按完成比例计分", 95, "higher", "ratio"),
    ],
)
def test_a_target_the_words_give_stands_for_an_empty_one(
    rule: str, number: int, direction: str, method: object
) -> None:
    """With no 指标值, the one the 评分标准 writes before 得满分 is read (noted):
    the rule fell back to the national grade ranges for want of a target."""
    target = read_target("")
    read = read_rule(rule, target)
    assert (read.method, read.recognised) == (method, True)
    assert (target.number, target.unit, target.direction) == (number, "%", direction)
    assert target.notes[-1].startswith("表中无指标值，取评分标准中的「")
    given = read_target("≥90%")  # a 指标值 given stands
    read_rule(rule, given)
    assert (given.number, given.notes) == (90, [])


def test_points_after_a_name_are_dropped_and_noted(tmp_path: Path) -> None:
    """投入（20分）: the points are the 分值's, not part of the name."""
    wb, _ws = _sheet(
        tmp_path,
        [
            HEAD,
            ["投入（20分）", "预算执行(10 分)", "执行率", "≥90%", 10, "按完成比例计分"],
            ["投入（20分）", "预算执行(10 分)", "结转率", "≤10%", 10, "按完成比例计分"],
            ["产出", "质量", "投入", "≥90%", 10, "按完成比例计分"],  # a name alike, no points
        ],
    )
    wb.save(tmp_path / "p.xlsx")
    text, _leaves = draft_of(tmp_path / "p.xlsx")
    spec = compile_spec(load_text(text, "draft.yaml"))
    assert [spec.indicators[0].name, spec.indicators[0].children[0].name] == ["投入", "预算执行"]
    # each said once, on the group whose name it was (not on each indicator under it)
    lines = text.splitlines()
    at = [k for k, line in enumerate(lines) if "名称后的分数已去掉" in line]
    assert [lines[k].strip() for k in at] == [
        f"name: 投入  {MARK}「投入（20分）」名称后的分数已去掉，分值以分值列为准",
        f"name: 预算执行  {MARK}「预算执行(10 分)」名称后的分数已去掉，分值以分值列为准",
    ]


@pytest.mark.parametrize(
    ("target", "rule", "said"),
    [
        (
            "≥1000000000000000000000公里",
            "完成率×分值",
            "指标值「≥1000000000000000000000公里」中的数超出",
        ),
        ("≥0.0000000000000000000000001", "完成率×分值", "中的数超出规格能写的范围"),
        (
            "≥90%",
            "每降低1个百分点扣1000000000000000000000000000000分",
            "评分标准中的数超出规格能写的范围",
        ),
        ("≥1.23456789012345678901234567890123456789012345", "按比例", "中的数超出"),
    ],
)
def test_a_number_no_spec_can_hold_is_noted_not_an_internal_error(
    tmp_path: Path, target: str, rule: str, said: str
) -> None:
    """A 指标值 of 10^21 or more, or a 评分标准 with one, ended the import in an
    internal error (exit 3): the row is imported without it, with a 待确认 note,
    and the draft validates."""
    wb, _ws = _sheet(tmp_path, [HEAD, ["产出", "数量", "养护里程", target, 100, rule]])
    wb.save(tmp_path / "h.xlsx")
    text, _leaves = draft_of(tmp_path / "h.xlsx")
    compile_spec(load_text(text, "draft.yaml"))
    assert [line for line in text.splitlines() if said in line and MARK in line] != []


@pytest.mark.parametrize(
    ("weight", "said"),
    [
        (1e30, "is out of range; numbers must lie strictly between -1e21 and 1e21"),
        ("abc", "is not a number above 0; write the indicator's points, e.g. 10"),
    ],
)
def test_a_weight_no_spec_can_hold_is_told_so(tmp_path: Path, weight: object, said: str) -> None:
    """分值 1e30 was told it is "not a number above 0"."""
    wb, _ws = _sheet(tmp_path, [HEAD, ["产出", "数量", "里程", "≥90%", weight, "按完成比例计分"]])
    wb.save(tmp_path / "w.xlsx")
    result = CliRunner().invoke(app, ["import", str(tmp_path / "w.xlsx")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{tmp_path / 'w.xlsx'}:2:5: 分值 ")
    assert result.stderr.endswith(said + "\n")


def test_a_new_upper_level_carries_no_lower_name_of_the_last(tmp_path: Path) -> None:
    """A 一级 whose 二级 is blank is not put under the last row's 二级 (of another
    一级): 预算执行率 went under 满意度指标's 服务对象满意度指标, unmarked."""
    wb, _ws = _sheet(
        tmp_path,
        [
            HEAD,
            ["满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", 90, "按完成比例计分"],
            ["预算执行", "", "预算执行率", "≥95%", 10, "按完成比例计分"],
            ["", "", "结转率", "≤5%", 10, "按完成比例计分"],  # blank above: 预算执行's
        ],
    )
    wb.save(tmp_path / "c.xlsx")
    text, _leaves = draft_of(tmp_path / "c.xlsx")
    spec = compile_spec(load_text(text, "draft.yaml"))
    shape = [(g.name, [c.name for c in g.children]) for g in spec.indicators]
    assert shape == [
        ("满意度指标", ["服务对象满意度指标"]),
        ("预算执行", ["预算执行率", "结转率"]),
    ]


def test_a_remark_is_kept_and_an_unknown_column_is_said(tmp_path: Path) -> None:
    """备注 (无基建项目的不适用) went with no word; it is kept in the indicator's
    note. A column the import does not know is said; a result column (得分) and
    numbering (序号) are not rules, and are left out unsaid."""
    head = ["序号", *HEAD, "备注", "责任科室", "得分"]
    row = [
        1,
        "产出",
        "数量",
        "验收率",
        "≥95%",
        10,
        "按完成比例计分",
        "无基建项目的不适用",
        "基建科",
        9,
    ]
    wb, _ws = _sheet(tmp_path, [head, row])
    wb.save(tmp_path / "r.xlsx")
    text, _leaves = draft_of(tmp_path / "r.xlsx")
    spec = compile_spec(load_text(text, "draft.yaml"))  # kept in the spec, not in a comment
    assert spec.by_id["i1_1_1"].description == "备注：无基建项目的不适用"
    assert f"{MARK}备注已写入 description；若它说明指标何时适用，请据此确认规则" in text
    said = [line for line in text.splitlines() if "未识别" in line]
    assert said == [
        f"{MARK}{tmp_path / 'r.xlsx'}:1:9: 列「责任科室」未识别，未导入；若其中有评分所需内容，"
        "请写入评分标准或备注列"
    ]


def test_a_totals_row_of_a_formula_saved_without_its_value_is_not_checked(
    tmp_path: Path,
) -> None:
    """合计 =SUM(E2:E3), saved by a program (no value): the check cannot be made;
    it said the formula was not the total."""
    wb, _ws = _sheet(
        tmp_path,
        [
            HEAD,
            ["产出", "数量", "甲", "≥90%", 60, "按完成比例计分"],
            ["产出", "数量", "乙", "≥90%", 40, "按完成比例计分"],
            ["合计", "", "", "", "=SUM(E2:E3)", ""],
        ],
    )
    wb.save(tmp_path / "t.xlsx")
    code, _out, err = invoke("import", str(tmp_path / "t.xlsx"), "-o", str(tmp_path / "d.yaml"))
    assert code == 0, err
    assert err.splitlines()[0] == (
        f"{tmp_path / 't.xlsx'}:4:5: totals row '合计' not checked: its 分值 is the formula "
        "=SUM(E2:E3), saved without its value; the rows imported total 100; open and save the "
        "table in Excel, then import it again to check it"
    )


def test_bands_that_name_their_subject_are_bands_not_grades() -> None:
    """满意度≥90%得10分…: each condition named its subject, and the points made the
    conditions grade labels (an actual of 85 was refused); they are bands."""
    read = read_rule(
        "满意度≥90%得10分，满意度80%-90%得8分，满意度<80%不得分", read_target("≥90%"), Fraction(10)
    )
    assert (read.method, read.recognised) == (
        {
            "bands": [
                {"min": 90, "points": 10},
                {"min": 80, "max": 90, "points": 8},
                {"fraction": 0},
            ]
        },
        True,
    )


def test_a_target_reached_in_the_words_leaves_the_way_to_the_deduction() -> None:
    """达到100%得满分，每超过1个百分点扣0.5分: 达到 gave the way (higher), and the
    deduction was for falling short; 每超过 says lower is better."""
    target = read_target("")
    read = read_rule("达到100%得满分，每超过1个百分点扣0.5分", target)
    assert (read.method, target.number, target.direction) == (
        {"deduct": {"per": Fraction(1, 2)}},
        100,
        "lower",
    )
