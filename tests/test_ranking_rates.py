"""A batch ranks rows whose full marks exclusions shrank by their score rate,
as it grades them (decisions §5): 93 of 94 is above 95 of 100."""

from __future__ import annotations

from pathlib import Path

from conftest import invoke

SPEC = """\
spec: 1
id: r
total: 100
grades: [{grade: 优, min: 90}, {grade: 不合格, min: 0}]
indicators:
  - {id: a, name: A, weight: 60, direction: higher, target: 100, method: ratio}
  - id: g
    name: G
    weight: 40
    not_applicable: exclude
    children:
      - {id: b, name: B, weight: 34, direction: higher, target: 100, method: ratio}
      - {id: c, name: C, weight: 6, direction: higher, target: 100, method: ratio}
"""

# 甲: c not applicable, 93 of 94 (98.9%); 乙: 95 of 100; 丙: 94 of 100
TABLE = """\
entity,a,b,c
乙,100,100,16.6666666667
甲,100,97.0588235295,N/A
丙,100,100,0
"""


def _files(tmp_path: Path) -> tuple[str, str]:
    (tmp_path / "r.yaml").write_text(SPEC, encoding="utf-8")
    (tmp_path / "t.csv").write_text(TABLE, encoding="utf-8")
    return str(tmp_path / "r.yaml"), str(tmp_path / "t.csv")


def test_a_row_of_shrunk_full_marks_ranks_by_its_score_rate(tmp_path: Path) -> None:
    code, out, _err = invoke("batch", *_files(tmp_path))
    assert code == 0
    lines = [line.rstrip() for line in out.splitlines()]
    # the grade column is as wide as 不合格 and a space
    start = lines.index(" Rank     Total  Grade   Entity  (row)")
    assert lines[start + 1 : start + 5] == [
        "    1     93.00  优      甲  (3)  of 94",
        "    2     95.00  优      乙  (2)",
        "    3     94.00  优      丙  (4)",
        "(of N: full marks shrunk by exclusions; ranked by the score rate)",
    ]


def test_the_html_report_shows_the_shrunk_full_marks(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    code, _out, _err = invoke("batch", *_files(tmp_path), "-o", str(out))
    assert code == 0
    page = out.read_text(encoding="utf-8")
    assert "<td class=n>1</td><td class=n>93.00 / 94</td><td>优</td>" in page
    assert "<td class=n>2</td><td class=n>95.00</td>" in page


def test_compare_ranks_by_the_score_rate_too(tmp_path: Path) -> None:
    from engine.batch.runner import score_rows
    from engine.batch.tables import open_table
    from engine.review.compare import compare_rows
    from engine.spec.compile import load_spec

    spec_path, table = _files(tmp_path)
    spec = load_spec(spec_path)
    rows = list(score_rows(spec, open_table(table, spec)))
    moves = {m.entity: m.rank_a for m in compare_rows(spec, spec, rows, rows).moves}
    assert moves == {"甲": 1, "乙": 2, "丙": 3}


def test_explain_shows_a_groups_full_marks_shrunk_by_exclusions(tmp_path: Path) -> None:
    spec, _table = _files(tmp_path)
    actuals = tmp_path / "x.yaml"
    actuals.write_text(
        "spec: r\nentity: 甲\nvalues: {a: 100, b: 97.0588235295}\nnot_applicable: {c: 无此项}\n",
        encoding="utf-8",
    )
    code, out, err = invoke("explain", spec, str(actuals), "g", "--width", "100")
    assert code == 0, err
    assert "  weight 40.00  full marks 34.00 (not-applicable excluded)  score 33.00" in out
    code, out, err = invoke("explain", spec, str(actuals), "b", "--width", "100")
    assert "full marks" not in out  # a leaf at its own weight
