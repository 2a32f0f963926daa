"""What an auditor reads under the total: rounding that never lifts a score above its
full marks, the overrides' effect, and the difference from a published result."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import invoke
from hypothesis import given
from hypothesis import strategies as st

from engine.scoring.finish import not_above

ROOT = Path(__file__).resolve().parent.parent
SEED = ("specs/gz-dept-overall-2021.yaml", "examples/licheng-2021/actuals.yaml")
ROADS = ("specs/national-project-2020.yaml", "examples/rural-roads-2023/actuals.yaml")


pytestmark = pytest.mark.usefixtures("in_root")


def card(*args: str) -> dict[str, object]:
    code, out, err = invoke("score", *args, "-f", "json")
    assert (code, err) == (0, "")
    doc: dict[str, object] = json.loads(out)
    return doc


def walk(items: object) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for r in items if isinstance(items, list) else []:
        out.append(r)
        out.extend(walk(r["children"]))
    return out


def test_rounding_to_one_place_never_lifts_a_score_above_its_full_marks() -> None:
    doc = card(*SEED, "--set", "rounding.places=1")
    rows = {r["id"]: r for r in walk(doc["indicators"])}
    # weights of 3.75: a full 3.75 rounds to 3.8, then is clamped back, flagged capped
    assert (rows["training"]["score"], rows["training"]["capped"]) == ("3.75", True)
    assert [s["kind"] for s in rows["training"]["trace"]][-2:] == ["round", "clamp"]
    assert rows["training"]["trace"][-1]["lines"] == [
        "3.8 → 3.75 (rounding lifted it above the full marks)"
    ]
    assert rows["trips"]["score"] == "2.8"
    assert rows["duties"]["score"] == "57.2"
    for r in rows.values():
        assert Fraction(str(r["score"])) <= Fraction(str(r["full_marks"])), r["id"]
    assert doc["total"] == "88.7"


def test_rounding_never_lifts_the_total_above_its_full_marks(tmp_path: Path) -> None:
    """Weights of 1.5 and 2 at 0 places: 1.5 + 2 = 3.5 rounds to 4, above the
    total of 3.5, and comes back to it as an indicator's score would; on every
    path (one entity, a batch, N/A marks redistributing the weight)."""
    spec = tmp_path / "t.yaml"
    spec.write_text(
        "spec: 1\nid: t\ntotal: 3.5\nrounding: {places: 0, mode: half_up, apply: each}\n"
        "indicators:\n"
        "  - {id: a, name: 甲, weight: 1.5, direction: higher, target: 100, method: ratio}\n"
        "  - {id: b, name: 乙, weight: 2, direction: higher, target: 100, method: ratio}\n",
        encoding="utf-8",
    )
    actuals = tmp_path / "a.yaml"
    actuals.write_text("spec: t\nvalues: {a: 100, b: 100}\n", encoding="utf-8")
    doc = card(str(spec), str(actuals))
    assert (doc["total"], doc["full_marks"]) == ("3.5", "3.5")
    total_steps = [s["kind"] for s in doc["total_trace"]]  # type: ignore[union-attr]
    assert total_steps[-2:] == ["round", "clamp"]
    table = tmp_path / "t.csv"
    table.write_text("entity,a,b\nx,100,100\ny,50,100\nz,100,N/A\n", encoding="utf-8")
    code, out, _ = invoke("batch", str(spec), str(table), "-f", "csv")
    assert code == 0
    assert [line.split(",")[3:5] for line in out.splitlines()[1:]] == [
        ["3.5", "3.5"],
        ["3", "3.5"],
        ["3.5", "3.5"],
    ]


@given(
    st.fractions(min_value=0, max_value=100),
    st.fractions(min_value=0, max_value=100),
)
def test_a_rounded_score_above_its_full_marks_comes_back_to_them(
    rounded: Fraction, full: Fraction
) -> None:
    value, step = not_above(rounded, full, None)
    assert value == min(rounded, full)
    assert (step is None) == (rounded <= full)


def test_the_summary_line_states_the_overrides_and_their_effect() -> None:
    code, out, _ = invoke("score", *ROADS, "--width", "80")
    assert code == 0
    lines = out.splitlines()
    total = lines.index("Total 86.29 / 100.00   Grade 良")
    assert lines[total + 1] == "+0.50 from 1 override; 85.79 by the rules alone"
    doc = card(*ROADS)
    assert (doc["total"], doc["rules_total"]) == ("86.29", "85.79")
    assert card(*SEED)["rules_total"] is None


def test_the_published_result_and_where_it_differs_show_in_every_output(
    tmp_path: Path,
) -> None:
    code, out, _ = invoke("score", *SEED, "--width", "80")
    assert code == 0
    assert (
        "published total 88.51: 88.59 here, +0.08 against it\n"
        "  管理效能 (management): published 31.50, here 31.50 (the same)\n"
        "  履行职能 (duties): published 57.01, here 57.09 (+0.08)\n"
    ) in out
    assert card(*SEED)["published"] == {
        "total": "88.51",
        "difference": "0.08",
        "scores": [
            {"id": "management", "published": "31.5", "score": "31.50", "difference": "0.00"},
            {"id": "duties", "published": "57.01", "score": "57.09", "difference": "0.08"},
        ],
    }
    _, md, _ = invoke("score", *SEED, "-f", "markdown")
    assert "- published total 88.51: 88.59 here, +0.08 against it" in md
    assert "- 履行职能 (duties): published 57.01, here 57.09 (+0.08)" in md
    _, page, _ = invoke("score", *SEED, "-f", "html")
    assert "published total 88.51: 88.59 here, +0.08 against it" in page
    from openpyxl import load_workbook

    out_file = tmp_path / "p.xlsx"
    invoke("score", *SEED, "-o", str(out_file))
    cells = [r[0] for r in load_workbook(out_file)["自评表"].iter_rows(values_only=True)]
    assert "公布的总分 88.51：此处为 88.59，相差 +0.08" in cells  # the 自评表 is in Chinese


def test_a_published_score_for_an_unknown_id_is_one_located_line(tmp_path: Path) -> None:
    bad = tmp_path / "a.yaml"
    text = (ROOT / SEED[1]).read_text("utf-8").replace("    duties: 57.01", "    dutie: 57.01")
    bad.write_text(text, "utf-8")
    line = text.splitlines().index("    dutie: 57.01") + 1
    code, out, err = invoke("score", SEED[0], str(bad))
    assert (code, out) == (1, "")
    assert err == (
        f"{bad}:{line}:5: published.scores: unknown indicator id 'dutie'; did you mean "
        "'duties'?; give the spec's indicators or groups\n"
    )
