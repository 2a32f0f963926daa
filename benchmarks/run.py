"""Benchmarks for the batch path, measured side by side in one run.

    python benchmarks/run.py [--rows 20000] [--quick]

Builds its own inputs (20,000 entities of the seed spec, inputs with 2 decimals so
rounding ties are frequent), then times, on the same machine in the same run:

1. the engine: ``scorecard batch SPEC TABLE -f csv -o FILE`` (a subprocess: wall
   time including start-up);
2. a hand-written Decimal script (the baseline, 1.0×): read the CSV, compute each
   score with Decimal, round half-up, sum; exact;
3. a per-call ``simpleeval.simple_eval`` script: every formula, every row;
4. a vectorised numpy/float64 version with numpy rounding (half-to-even on
   binary floats), counting the totals it gets wrong;

and checks every total of 1, 3 and 4 against 2. Then: traces on vs off for one
entity, start-up against a minimal typer app, validation of a 2,000-indicator
spec, ``-j 2`` against ``-j 1`` (same bytes) and peak memory of a large batch
written to a file; last, benchmarks/goals.py at ``--goals-rows`` (200,000):
plain numbers, Excel forms, GBK, N/A marks and XLSX against the script, in CPU
seconds, and the peak memory of the CLI on CSV and XLSX. Prints every figure and
ratio. Not a test: timings depend on the machine; see docs/performance.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the engine, also when it is not installed
SPEC = ROOT / "specs" / "gz-dept-overall-2021.yaml"
ACTUALS = ROOT / "examples" / "licheng-2021" / "actuals.yaml"

RATIO_HIGHER = {  # id: (weight, target)
    "procurement": ("3", "100"),
    "training": ("3.75", "1"),
    "trips": ("3.75", "4"),
    "enterprises": ("3.75", "203"),
    "investment": ("3.75", "1"),
    "garbage": ("3.75", "70"),
    "sanitation": ("3.75", "90"),
    "case_clearance": ("3.75", "100"),
    "rehab": ("3.75", "100"),
    "rental_actions": ("3.75", "88"),
    "migrant_events": ("3.75", "55"),
    "rental_registration": ("3.75", "100"),
    "safety_net": ("3.75", "100"),
    "canteen": ("3.75", "100000"),
    "community": ("3.75", "220"),
    "reemployment": ("3.75", "70"),
}
DEDUCT = {
    "three_public": ("4", "100", "1"),
    "staff_control": ("3", "100", "0.5"),
    "compliance": ("4", "0", "1"),
}
GRADES = {"优": Decimal(1), "良": Decimal("0.8"), "中": Decimal("0.6"), "差": Decimal(0)}
COLUMNS = [
    "entity",
    "budget",
    "spent",
    "key_spending",
    "budget_adjustment",
    *DEDUCT,
    "management_system",
    "disclosure",
    "asset_management",
    *RATIO_HIGHER,
    "incidents",
]


def make_table(path: Path, rows: int, seed: int = 20211) -> None:
    rnd = random.Random(seed)

    def d2(lo: float, hi: float) -> str:
        return f"{rnd.uniform(lo, hi):.2f}"

    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(COLUMNS)
        for i in range(rows):
            budget = d2(5000, 90000)
            row = {
                "entity": f"单位{i:06d}",
                "budget": budget,
                "spent": f"{float(budget) * rnd.uniform(0.6, 1.05):.2f}",
                "key_spending": d2(50, 100),
                "budget_adjustment": d2(0, 40),
                "three_public": d2(95, 105),
                "staff_control": d2(95, 106),
                "compliance": str(rnd.randint(0, 5)),
                "management_system": rnd.choice(list(GRADES)),
                "disclosure": rnd.choice(["100", "95.5"]),
                "asset_management": rnd.choice(list(GRADES)),
                "incidents": rnd.choice(["0", "0", "0.25"]),
            }
            for key, (_, target) in RATIO_HIGHER.items():
                t = float(target)
                row[key] = f"{t * rnd.uniform(0.5, 1.3):.2f}" if t > 10 else str(rnd.randint(0, 6))
            w.writerow([row[c] for c in COLUMNS])


# -- 2. the hand-written Decimal baseline ------------------------------------------
Q = Decimal("0.01")


def r2(x: object) -> Decimal:
    value = x if isinstance(x, Decimal) else Decimal(str(x))
    return value.quantize(Q, rounding=ROUND_HALF_UP)


_ASCII = str.maketrans("０１２３４５６７８９．", "0123456789.", " ,")


def num(text: str) -> Decimal:
    """A number as a spreadsheet may write it: spaces, thousands separators, a
    final %, full-width digits and point."""
    t = text.strip().translate(_ASCII)
    return Decimal(t[:-1] if t.endswith("%") else t)


def decimal_totals(path: Path, encoding: str = "utf-8") -> list[Decimal]:
    out = []
    with path.open(encoding=encoding, newline="") as fh:
        for row in csv.DictReader(fh):
            total = Decimal(0)
            rate = num(row["spent"]) / num(row["budget"]) * 100
            total += r2(
                min(max(Decimal(10) * min(rate / 100, Decimal(1)), Decimal(0)), Decimal(10))
            )
            ks = num(row["key_spending"])
            total += r2(
                Decimal(
                    5 if ks >= 90 else 4 if ks >= 80 else 3 if ks >= 70 else 2 if ks >= 60 else 0
                )
            )
            ba = num(row["budget_adjustment"])
            total += r2(
                Decimal(
                    3
                    if ba <= 0
                    else 2
                    if ba <= 10
                    else 1
                    if ba <= 20
                    else Decimal("0.5")
                    if ba <= 30
                    else 0
                )
            )
            for key, (w, target, per) in DEDUCT.items():
                wd = Decimal(w)
                v = wd - min(Decimal(per) * max(num(row[key]) - Decimal(target), 0), wd)
                total += r2(min(max(v, Decimal(0)), wd))
            total += r2(Decimal(4) * GRADES[row["management_system"]])
            total += r2(Decimal(2) * GRADES[row["asset_management"]])
            total += r2(Decimal(2) if num(row["disclosure"]) >= 100 else Decimal(0))
            for key, (w, target) in RATIO_HIGHER.items():
                wd = Decimal(w)
                v = wd * min(num(row[key]) / Decimal(target), Decimal(1))
                total += r2(min(max(v, Decimal(0)), wd))
            total += r2(Decimal("3.75") if num(row["incidents"]) <= 0 else Decimal(0))
            out.append(total)
    return out


# -- 3. simpleeval on every formula, every row -------------------------------------
def simpleeval_totals(path: Path) -> list[Decimal]:
    from simpleeval import simple_eval

    fns = {"min": min, "max": max}
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            total = Decimal(0)
            names = {"spent": Decimal(row["spent"]), "budget": Decimal(row["budget"])}
            rate = simple_eval("spent / budget * 100", names=names)
            total += r2(
                simple_eval(
                    "weight * min(actual / target, 1)",
                    functions=fns,
                    names={"weight": Decimal(10), "actual": rate, "target": Decimal(100)},
                )
            )
            ks = Decimal(row["key_spending"])
            total += r2(
                simple_eval(
                    "5 if a >= 90 else 4 if a >= 80 else 3 if a >= 70 else 2 if a >= 60 else 0",
                    names={"a": ks},
                )
            )
            ba = Decimal(row["budget_adjustment"])
            total += r2(
                Decimal(
                    simple_eval(
                        "3 if a <= 0 else 2 if a <= 10 else 1 if a <= 20 "
                        "else 0.5 if a <= 30 else 0",
                        names={"a": ba},
                    ).__str__()
                )
            )
            for key, (w, target, per) in DEDUCT.items():
                total += r2(
                    simple_eval(
                        "weight - min(per * max(actual - target, 0), weight)",
                        functions=fns,
                        names={
                            "weight": Decimal(w),
                            "per": Decimal(per),
                            "target": Decimal(target),
                            "actual": Decimal(row[key]),
                        },
                    )
                )
            total += r2(Decimal(4) * GRADES[row["management_system"]])
            total += r2(Decimal(2) * GRADES[row["asset_management"]])
            total += r2(
                simple_eval(
                    "weight if actual >= target else 0",
                    names={
                        "weight": Decimal(2),
                        "actual": Decimal(row["disclosure"]),
                        "target": Decimal(100),
                    },
                )
            )
            for key, (w, target) in RATIO_HIGHER.items():
                total += r2(
                    simple_eval(
                        "weight * min(actual / target, 1)",
                        functions=fns,
                        names={
                            "weight": Decimal(w),
                            "actual": Decimal(row[key]),
                            "target": Decimal(target),
                        },
                    )
                )
            total += r2(
                simple_eval(
                    "weight if actual <= target else 0",
                    names={
                        "weight": Decimal("3.75"),
                        "actual": Decimal(row["incidents"]),
                        "target": Decimal(0),
                    },
                )
            )
            out.append(total)
    return out


# -- 4. vectorised float64 with numpy rounding -------------------------------------
def numpy_totals(path: Path) -> list[Decimal]:
    import numpy as np

    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    col = {c: np.array([r[c] for r in rows]) for c in COLUMNS}

    def f(c: str) -> object:
        return col[c].astype(np.float64)

    total = np.zeros(len(rows))
    rate = f("spent") / f("budget") * 100
    total += np.round(10 * np.minimum(rate / 100, 1), 2)
    ks = f("key_spending")
    total += np.round(np.select([ks >= 90, ks >= 80, ks >= 70, ks >= 60], [5, 4, 3, 2], 0), 2)
    ba = f("budget_adjustment")
    total += np.round(np.select([ba <= 0, ba <= 10, ba <= 20, ba <= 30], [3, 2, 1, 0.5], 0), 2)
    for key, (w, target, per) in DEDUCT.items():
        wf = float(w)
        total += np.round(
            np.clip(wf - np.minimum(float(per) * np.maximum(f(key) - float(target), 0), wf), 0, wf),
            2,
        )
    grade = {k: float(v) for k, v in GRADES.items()}
    total += np.round(4 * np.vectorize(grade.get)(col["management_system"]), 2)
    total += np.round(2 * np.vectorize(grade.get)(col["asset_management"]), 2)
    total += np.round(np.where(f("disclosure") >= 100, 2.0, 0.0), 2)
    for key, (w, target) in RATIO_HIGHER.items():
        total += np.round(float(w) * np.minimum(f(key) / float(target), 1), 2)
    total += np.round(np.where(f("incidents") <= 0, 3.75, 0.0), 2)
    return [Decimal(f"{t:.2f}") for t in np.round(total, 2)]


# -- the engine ---------------------------------------------------------------------
def api_batch(table: Path, out: Path, jobs: int = 1) -> None:
    """The batch path through the Python API, in this process: read the spec and
    the CSV, score, write the CSV file (what `scorecard batch -f csv -o` does)."""
    from engine.batch.runner import score_blocks
    from engine.batch.tables import open_table
    from engine.render.batch_view import CsvRows, csv_lines
    from engine.spec.compile import load_spec

    spec = load_spec(SPEC)
    opened = open_table(str(table), spec)
    items = score_blocks(spec, opened, jobs=jobs, render=CsvRows, lean=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        for text in csv_lines(spec, items):
            fh.write(text)


def engine_totals(out: Path) -> list[Decimal]:
    with out.open(encoding="utf-8", newline="") as fh:
        return [Decimal(r["total"]) for r in csv.DictReader(fh)]


def timed(fn: object, *args: object) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args)  # type: ignore[operator]
    return time.perf_counter() - start, result


def run(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        cmd,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_COLOR": "1"},
    )
    return time.perf_counter() - start


def best(fn: object, repeat: int, *args: object) -> float:
    return min(timed(fn, *args)[0] for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--memory-rows", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="fewer repeats, no memory run")
    parser.add_argument(
        "--goals-rows",
        type=int,
        default=200_000,
        help="rows of the tables as users have them (benchmarks/goals.py); 0: skip",
    )
    args = parser.parse_args()
    repeat = 1 if args.quick else 3
    cli = [sys.executable, "-m", "engine"]
    # bytecode as an installed package has it (PYTHONDONTWRITEBYTECODE may be set)
    # (the engine and its generated schema validators, schemas/gates)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "engine"), str(ROOT / "schemas")],
        check=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        table = folder / "entities.csv"
        make_table(table, args.rows)
        out = folder / "out.csv"
        print(
            f"machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}; "
            f"{args.rows} entities of {SPEC.name}"
        )

        t_dec, exact = timed(decimal_totals, table)
        t_dec = min(t_dec, best(decimal_totals, repeat - 1, table) if repeat > 1 else t_dec)
        batch = [*cli, "batch", str(SPEC)]
        t_cli = min(run([*batch, str(table), "-o", str(out)]) for _ in range(repeat))
        mine = engine_totals(out)
        out2 = folder / "out2.csv"
        t_cli2 = min(run([*batch, str(table), "-o", str(out2), "-j", "2"]) for _ in range(repeat))
        same_jobs = out.read_bytes() == out2.read_bytes()
        one_row = folder / "one.csv"
        one_row.write_text("".join(table.open(encoding="utf-8").readlines()[:2]), "utf-8")
        t_fixed = min(run([*batch, str(one_row), "-o", str(folder / "o1.csv")]) for _ in range(3))
        api_out = folder / "api.csv"
        api_batch(table, api_out)  # imports once, as the baseline's are
        t_api = best(api_batch, repeat, table, api_out)
        same_api = api_out.read_bytes() == out.read_bytes()
        t_api2 = best(api_batch, repeat, table, api_out, 2)
        same_api2 = api_out.read_bytes() == out.read_bytes()
        t_se, se = timed(simpleeval_totals, table)
        t_np, npv = timed(numpy_totals, table)

        def wrong(values: object) -> int:
            return sum(1 for a, b in zip(values, exact, strict=True) if a != b)  # type: ignore[call-overload]

        def line(label: str, t: float, note: str) -> None:
            print(
                f"  {label:<36}{t:7.3f} s  {t / t_dec:5.2f}×  "
                f"{t / args.rows * 1e6:6.1f} µs/entity  {note}"
            )

        print("\nbatch, CSV in → CSV out (ratio to the hand-written Decimal script)")
        line("hand-written Decimal script", t_dec, "wrong totals: 0 (the reference)")
        line("scorecard batch (CLI)", t_cli, f"wrong totals: {wrong(mine)}")
        line("scorecard batch -j 2 (CLI)", t_cli2, f"same bytes as -j 1: {same_jobs}")
        line("  of which start-up (a 1-row table)", t_fixed, "")
        line("  CLI less its start-up", t_cli - t_fixed, "")
        line("batch API in process", t_api, f"same bytes as the CLI: {same_api}")
        line("batch API in process, 2 jobs", t_api2, f"same bytes as the CLI: {same_api2}")
        line("simpleeval on every formula", t_se, f"wrong totals: {wrong(se)}")
        line(
            "numpy float64 + np.round",
            t_np,
            f"wrong totals: {wrong(npv)} ({wrong(npv) * 100 / args.rows:.1f}%)",
        )

        # traces on vs off, one entity, in process
        from engine.render.json_out import render
        from engine.scoring.actuals import load_actuals
        from engine.scoring.evaluate import evaluate
        from engine.spec.compile import load_spec

        spec = load_spec(SPEC)
        actuals = load_actuals(ACTUALS, spec)
        n = 200
        off = best(lambda: [evaluate(spec, actuals, trace=False) for _ in range(n)], 3)
        on = best(lambda: [evaluate(spec, actuals) for _ in range(n)], 3)
        on_json = best(lambda: [render(evaluate(spec, actuals)) for _ in range(n)], 3)
        print(
            f"\none entity: traces off {off / n * 1e6:6.0f} µs; traces on {on / n * 1e6:6.0f} "
            f"µs: {on / off:.2f}×; traces on + JSON text {on_json / n * 1e6:6.0f} µs: "
            f"{on_json / off:.2f}×"
        )

        # start-up
        minimal = [sys.executable, str(ROOT / "benchmarks" / "minimal_typer.py")]
        runs = 3 if args.quick else 7
        t_min = min(run([*minimal, str(SPEC), str(ACTUALS)]) for _ in range(runs))
        t_score = min(run([*cli, "score", str(SPEC), str(ACTUALS)]) for _ in range(runs))
        t_min_help = min(run([*minimal, "--help"]) for _ in range(runs))
        t_help = min(run([*cli, "--help"]) for _ in range(runs))
        print(
            f"\nstart-up: minimal typer app {t_min:.3f} s; scorecard score {t_score:.3f} s: "
            f"{t_score / t_min:.2f}×"
        )
        print(
            f"          minimal --help {t_min_help:.3f} s; scorecard --help {t_help:.3f} s: "
            f"{t_help / t_min_help:.2f}×"
        )

        # validation of a large spec
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from validate_large import make_spec

        big = folder / "big.yaml"
        big.write_text(make_spec(2000), encoding="utf-8")
        t_val = best(load_spec, 3, big)
        print(f"\nvalidation of a 2,100-indicator spec: {t_val:.3f} s")

        if not args.quick:
            scale_rows = 10 * args.rows
            big_table = folder / "scale.csv"
            make_table(big_table, scale_rows)
            scale = {
                jobs: run([*batch, str(big_table), "-o", str(folder / f"s{jobs}.csv"), "-j", jobs])
                for jobs in ("1", "2")
            }
            print(
                f"\nmulti-core, {scale_rows} rows: -j 1 {scale['1']:.2f} s; -j 2 "
                f"{scale['2']:.2f} s: {scale['1'] / scale['2']:.2f}× faster; same bytes: "
                f"{(folder / 's1.csv').read_bytes() == (folder / 's2.csv').read_bytes()}"
            )
            large = folder / "large.csv"
            make_table(large, args.memory_rows)
            start = time.perf_counter()
            proc = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "import resource,runpy,sys;sys.argv=['scorecard']+"
                    "sys.argv[1:];\ntry:\n runpy.run_module('engine',run_name='__main__')\n"
                    "finally:\n print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
                    "file=sys.stderr)",
                    "batch",
                    str(SPEC),
                    str(large),
                    "-f",
                    "csv",
                    "-o",
                    str(folder / "large-out.csv"),
                ],
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            peak_kb = int(proc.stderr.strip().splitlines()[-1])
            print(
                f"\n{args.memory_rows} rows to a file: {time.perf_counter() - start:.1f} s, "
                f"peak RSS {peak_kb / 1024:.0f} MB"
            )
    if args.goals_rows:  # the tables as users have them, at a size that measures throughput
        print(f"\ntables as users have them, {args.goals_rows} rows (benchmarks/goals.py):")
        sys.stdout.flush()
        goals = [sys.executable, str(ROOT / "benchmarks" / "goals.py"), "--rows"]
        subprocess.run([*goals, str(args.goals_rows)], check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
