"""Specs of other shapes than the seed's, on the fast path and on the exact path,
measured side by side in one run.

    python benchmarks/spec_shapes.py [--rows 200000] [--exact-rows 3000]

The seed spec adds up rounded leaves whose formulas the float bound covers. Real
indicator systems also aggregate groups by weighted means, use functions such
as sqrt, and give qualitative indicators as grade ranges with the evaluator's
chosen score. Each shape below is scored in this process (``score_rows``, CPU
seconds): ``--exact-rows`` rows on the exact path (one entity at a time, as
every row of such a spec was scored before the fast path covered it) and on the
fast path, whose rows must be the same (the mismatches are counted); then
``--rows`` rows on the fast path alone. The figure to compare is the time per
row, and the ratio of the two paths on the same rows.

Shapes: the seed spec (reference); the seed spec with 管理效能 aggregated by
``weighted_mean``, on plain numbers and on Excel forms with N/A marks in 5% of
cells (goals.py's table); the seed spec with 预算执行率 scored by a formula using
``sqrt``; the national 项目支出 framework (``specs/national-project-2020.yaml``:
two grade ranges with chosen scores, fixed grades, bands). Not a test: timings
depend on the machine (docs/performance.md).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from goals import excel_forms  # noqa: E402
from run import ROOT, SPEC, make_table  # noqa: E402

NATIONAL = ROOT / "specs" / "national-project-2020.yaml"
#: the national framework's grade ranges (fraction of the weight)
RANGES = {"达成": (0.8, 1.0), "部分达成": (0.6, 0.8), "未达成": (0.0, 0.6)}


def seed_variant(folder: Path, name: str, old: str, new: str) -> Path:
    """The seed spec with one text replaced (checked to be there)."""
    text = SPEC.read_text(encoding="utf-8")
    assert old in text, old
    path = folder / f"{name}.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def national_table(path: Path, rows: int, seed: int = 2020) -> None:
    """Rows for the national framework: numbers, labels and chosen scores
    inside their ranges (one decimal)."""
    rnd = random.Random(seed)

    def chosen(weight: int, label: str) -> str:
        lo, hi = RANGES[label]
        return f"{rnd.randint(int(lo * weight * 10), int(hi * weight * 10)) / 10:.1f}"

    lines = [
        "entity,road_km,bridges,markings,pass_rate,good_roads,on_time,delay_days,unit_cost,"
        "travel,score.travel,freight_cost,greening,score.greening,upkeep,survey,allocated,spent"
    ]
    for i in range(rows):
        travel, greening = rnd.choice(list(RANGES)), rnd.choice(list(RANGES))
        cells = [
            f"u{i}",
            str(rnd.randint(80, 130)),
            str(rnd.randint(20, 35)),
            f"{rnd.uniform(30, 45):.1f}",
            f"{rnd.uniform(85, 100):.2f}",
            f"{rnd.uniform(60, 95):.2f}",
            f"{rnd.uniform(80, 100):.2f}",
            str(rnd.randint(0, 20)),
            f"{rnd.uniform(2, 3.5):.2f}",
            travel,
            chosen(10, travel),
            f"{rnd.uniform(2, 8):.2f}",
            greening,
            chosen(5, greening),
            rnd.choice(["已建立", "部分建立", "未建立"]),
            f"{rnd.uniform(70, 99):.2f}",
            f"{rnd.uniform(900, 1100):.2f}",
            f"{rnd.uniform(700, 1100):.2f}",
        ]
        lines.append(",".join(cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def scored(spec_path: Path, table: Path, fast: bool) -> tuple[float, list[object]]:
    """CPU seconds to score every row of ``table``, and the rows."""
    from engine.batch.runner import score_rows
    from engine.batch.tables import open_table
    from engine.spec.compile import load_spec

    spec = load_spec(spec_path)
    start = time.process_time()
    rows = list(score_rows(spec, open_table(str(table), spec), fast=fast))
    return time.process_time() - start, rows


def head(src: Path, dst: Path, rows: int) -> Path:
    """The header and first ``rows`` rows of a table."""
    with src.open(encoding="utf-8") as f:
        lines = [next(f) for _ in range(rows + 1)]
    dst.write_text("".join(lines), encoding="utf-8")
    return dst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--exact-rows", type=int, default=3_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seed_table = folder / "seed.csv"
        make_table(seed_table, args.rows)
        marked = folder / "marked.csv"
        excel_forms(seed_table, marked, na=0.05)
        national = folder / "national.csv"
        national_table(national, args.rows)
        weighted = seed_variant(
            folder, "wm", "    weight: 40\n", "    weight: 40\n    aggregate: weighted_mean\n"
        )
        shapes = [
            ("seed spec (sums)", SPEC, seed_table),
            ("weighted_mean group", weighted, seed_table),
            ("weighted_mean, N/A in 5% of cells", weighted, marked),
            (
                "sqrt in a formula",
                seed_variant(
                    folder,
                    "sqrt",
                    "        actual: spent / budget * 100\n        method: ratio\n",
                    "        actual: spent / budget * 100\n"
                    "        method: {formula: 'weight * min(sqrt(actual / target), 1)'}\n",
                ),
                seed_table,
            ),
            ("national project (chosen scores)", NATIONAL, national),
        ]
        print(
            f"{'spec':34} {'exact ms/row':>12} {'fast ms/row':>11} {'fast/exact':>10} "
            f"{'mismatches':>10} {'rows':>8} {'fast s':>7}"
        )
        for name, spec, table in shapes:
            few = head(table, folder / "few.csv", args.exact_rows)
            exact_s, exact_rows = scored(spec, few, fast=False)
            _, fast_rows = scored(spec, few, fast=True)
            wrong = sum(a != b for a, b in zip(exact_rows, fast_rows, strict=True))
            all_s, rows = scored(spec, table, fast=True)
            per_exact = exact_s / args.exact_rows * 1000
            per_fast = all_s / args.rows * 1000
            print(
                f"{name:34} {per_exact:12.3f} {per_fast:11.4f} {per_fast / per_exact:9.4f}× "
                f"{wrong:10d} {len(rows):8d} {all_s:7.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
