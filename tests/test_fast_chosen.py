"""Grade ranges with chosen scores (``score.ID`` columns) on the fast path,
against the exact path: labels right and wrong, chosen scores inside and outside
their range, missing, or written in forms the fast path leaves to the exact
reader; N/A marks that redistribute or exclude. Same rows, same output."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.batch.blocks import Block
from engine.batch.fastpath import make_plan
from engine.batch.runner import score_blocks
from engine.batch.tables import open_table
from engine.spec.compile import compile_spec
from engine.spec.load import load_text
from tests.test_columnar_csv import same_on_every_path

SPEC = """\
spec: 1
id: c
total: 20
rounding: {{places: 2, mode: {mode}}}
not_applicable: {policy}
grades: [{{grade: 优, min: 16}}, {{grade: 差, min: 0}}]
indicators:
  - id: g
    name: G
    weight: 15
    children:
      - {{id: q, name: Q, weight: {wq},
         method: {{grades: {{满分: 1, 达成: [0.8, 1], 部分达成: [0.6, 0.8], 未达成: [0, 0.6]}}}}}}
      - {{id: f, name: F, weight: {wf}, method: {{grades: {{有: 1, 部分: 0.5, 无: 0}}}}}}
      - {{id: r, name: R, weight: {wr}, target: 100, direction: higher, method: ratio}}
  - {{id: h, name: H, weight: 5, target: 10, direction: lower, method: ratio}}
"""

LABELS = st.sampled_from(["满分", "达成", "部分达成", "未达成", " 达成 ", "达", "", "N/A"])
CHOSEN = st.one_of(
    st.decimals(min_value=0, max_value=8, places=2).map(str),
    st.sampled_from(
        [
            "",
            "4",
            "4.",
            "+4",
            "-0",
            "7.125",
            " 5.5 ",
            "4,5",
            "１",
            "90%",
            "85％",
            " 90 %",
            "N/A",
            "x",
        ]
    ),
)


@st.composite
def chosen_cases(draw: st.DrawFn) -> tuple[str, str]:
    wq = draw(st.sampled_from(["4", "5", "6.5", "7.25"]))
    wf = draw(st.sampled_from(["3", "4.5"]))
    wr = str(Decimal(15) - Decimal(wq) - Decimal(wf))
    spec = SPEC.format(
        mode=draw(st.sampled_from(["half_up", "half_even", "down"])),
        policy=draw(st.sampled_from(["redistribute", "exclude"])),
        wq=wq,
        wf=wf,
        wr=wr,
    )
    rows = ["entity,q,score.q,f,r,h"]
    for k in range(draw(st.integers(1, 12))):
        f = draw(st.sampled_from(["有", "部分", "无", "N/A"]))
        r = draw(st.sampled_from(["80", "95.5", "100", "N/A"]))
        h = draw(st.sampled_from(["8", "12.5"]))
        rows.append(f"e{k},{draw(LABELS)},{draw(CHOSEN)},{f},{r},{h}")
    return spec, "\n".join(rows) + "\n"


@settings(max_examples=120)
@given(chosen_cases())
def test_chosen_scores_are_scored_as_the_exact_path_scores_them(
    tmp_path_factory: object, case: tuple[str, str]
) -> None:
    spec_text, table_text = case
    spec = compile_spec(load_text(spec_text, "c.yaml"))
    assert make_plan(spec) is not None
    path = Path(tmp_path_factory.mktemp("chosen")) / "t.csv"  # type: ignore[attr-defined]
    path.write_text(table_text, encoding="utf-8")
    same_on_every_path(path, spec)


def test_rows_with_chosen_scores_stay_on_the_fast_path(tmp_path: Path) -> None:
    """A plain chosen score inside its range is scored column-wise; one outside
    it, or written as 4,5, fails its row with the exact reader's message."""
    spec = compile_spec(
        load_text(SPEC.format(mode="half_up", policy="redistribute", wq=5, wf=3, wr=7), "c.yaml")
    )
    lines = ["entity,q,score.q,f,r,h"]
    lines += [f"e{k},部分达成,{3 + k % 10 / 10},有,{90 + k % 10},8" for k in range(100)]
    lines += ["bad1,达成,3.5,有,90,8", 'bad2,达成,"4,5",有,90,8']
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(score_blocks(spec, open_table(str(path), spec), fast=True))
    assert sum(len(i.fast) for i in items if isinstance(i, Block)) == 100
    rows = same_on_every_path(path, spec)
    assert rows[0].scores[1] == Fraction("3")  # q: 部分达成, chosen 3
    assert any(
        "chosen score 3.5 for 'q' lies outside grade '达成' (4 to 5 points)" in e
        for e in rows[100].errors
    )
    assert any("4,5" in e for e in rows[101].errors)


def test_a_chosen_score_may_be_a_share_of_the_weight_as_in_yaml(tmp_path: Path) -> None:
    """``score.q`` of 90% is 90% of q's weight (5 → 4.5), as ``{grade: 达成, score:
    90%}`` is in YAML; a share outside the grade's range fails its row."""
    spec = compile_spec(
        load_text(SPEC.format(mode="half_up", policy="redistribute", wq=5, wf=3, wr=7), "c.yaml")
    )
    lines = ["entity,q,score.q,f,r,h", "a,达成,90%,有,90,8", "b,达成,85％,有,90,8"]
    lines += ["c,达成,4.5,有,90,8", "d,达成,50%,有,90,8"]
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = same_on_every_path(path, spec)
    assert [r.scores[1] for r in rows[:3]] == [Fraction("4.5"), Fraction("4.25"), Fraction("4.5")]
    assert rows[3].errors and "lies outside grade '达成'" in rows[3].errors[0]
