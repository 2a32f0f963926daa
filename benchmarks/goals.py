"""The speed goals on tables as users have them, measured side by side in one run.

    python benchmarks/goals.py [--rows 200000] [--xlsx-rows 200000] [--repeat 1] [--pairs 3]

Builds the benchmark table of run.py at ``--rows`` entities in several forms, then
times, in the same run:

- the hand-written Decimal script (1.0×), reading each form it is given (it
  strips spaces, removes thousands separators and ``%``, reads full-width digits);
- ``scorecard batch SPEC TABLE -o out.csv`` (a subprocess: start-up included);
- ``engine.score_table(SPEC, TABLE)`` in this process (the Python table API);

on: plain numbers; Excel forms (thousands separators, ``%`` on percentage
columns, full-width digits and point in 5% of cells, surrounding spaces in 10%); the same
in GBK; the same with N/A marks in 5% of cells; the plain table with those N/A
marks alone (no other forms); the plain table with 5% of its cells written with
an exponent (8.651000E+01), with 5% left empty (``--missing zero``, totals
checked on the rows without one), and with a dash (—) in 5% (those rows
refused); an XLSX workbook of the plain table, and one whose percentage cells
are fractions formatted as percentages; a Parquet file of the plain table
(columns typed as Arrow's CSV reader infers them: floats, integers, text); and,
for the API only, the same Arrow table in memory (``engine.score_table(SPEC,
pyarrow_table)``). Times are CPU seconds (user + system; the CLI's include its
start-up), so that other work on a shared machine does not count. Every total of
the CLI is checked against the script's (the N/A table against the script's
totals of the rows without a mark; the Arrow table's totals are the API's). The
× plain figure of a table is the median, over ``--pairs`` pairs, of its CLI's
CPU time over the plain table's run just before or after it: the machine's speed
drifts between runs far apart. Then the peak memory of the CLI on the plain CSV,
the XLSX and the Parquet file. Prints every figure and ratio. Not a test:
timings depend on the machine (docs/performance.md).

Before timing, the engine is compiled to bytecode (``python -m compileall``):
where PYTHONDONTWRITEBYTECODE is set, every start of the CLI would otherwise
compile the engine again, which is not what an installed package does.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from run import COLUMNS, ROOT, SPEC, decimal_totals, make_table  # noqa: E402

#: as a Chinese input method in full-width mode types a number: its point too (８５．５)
FULL = str.maketrans("0123456789.", "０１２３４５６７８９．")


def _percent_columns() -> set[str]:
    from engine.spec.compile import load_spec

    spec = load_spec(SPEC)
    return {i.id for i in spec.leaves() if i.unit == "%"}


PERCENT = _percent_columns()
NUMERIC = set(COLUMNS) - {"entity", "management_system", "asset_management"}
INPUTS = {"budget", "spent"}


def excel_forms(
    src: Path, dst: Path, encoding: str = "utf-8", na: float = 0.0, forms: bool = True
) -> None:
    """The table as Excel exports it: 1,234.56; 98.5% on percentage columns;
    full-width digits and point (８５．５) in 5% of cells; spaces around 10%; N/A in ``na`` of cells
    (with ``forms`` False, the N/A marks alone, the numbers left plain)."""
    rnd = random.Random(7)
    _rewrite(src, dst, lambda name, cell: _form(name, cell, rnd, na, forms), encoding)


def written(src: Path, dst: Path, how: str) -> None:
    """The plain table with 5% of its number cells (not the inputs') written
    another way: ``"exponent"``, as a spreadsheet writes large numbers
    (8.651000E+01); ``"empty"``, left empty (scored 0 under --missing zero);
    ``"dash"``, a dash typed for "none" (—: the rows are refused)."""
    rnd = random.Random(11)

    def change(name: str, cell: str) -> str:
        if name in INPUTS or rnd.random() >= 0.05:
            return cell
        return {"exponent": f"{float(cell):.6E}", "dash": "—"}.get(how, "")

    _rewrite(src, dst, change)


def with_notes(src: Path, dst: Path) -> None:
    """The plain table with a column of notes on one indicator, as a spreadsheet
    saves them: a note in half of the rows, written on two lines (a line break
    inside quotes) in 5% of them."""
    rnd = random.Random(13)
    with (
        src.open(encoding="utf-8", newline="") as fh,
        dst.open("w", encoding="utf-8", newline="") as out,
    ):
        reader = csv.reader(fh)
        writer = csv.writer(out)
        writer.writerow([*next(reader), "trips.note"])
        for row in reader:
            r = rnd.random()
            note = "超支原因：\n会议增加" if r < 0.05 else "按计划完成" if r < 0.5 else ""
            writer.writerow([*row, note])


def _rewrite(
    src: Path, dst: Path, change: Callable[[str, str], str], encoding: str = "utf-8"
) -> None:
    """The table with each number cell changed by ``change`` (its column's name,
    its text), in ``encoding``."""
    with (
        src.open(encoding="utf-8", newline="") as fh,
        dst.open("w", encoding=encoding, newline="") as out,
    ):
        reader = csv.reader(fh)
        writer = csv.writer(out)
        header = next(reader)
        writer.writerow(header)
        for row in reader:
            writer.writerow(
                [
                    change(name, cell) if name in NUMERIC else cell
                    for name, cell in zip(header, row, strict=True)
                ]
            )


def _form(name: str, cell: str, rnd: random.Random, na: float, forms: bool = True) -> str:
    if na and name not in INPUTS and rnd.random() < na:
        return "N/A"
    if not forms:
        return cell
    whole, _, decimals = cell.partition(".")
    if len(whole) > 3:
        cell = f"{int(whole):,}" + (f".{decimals}" if decimals else "")
    if name in PERCENT:
        cell += "%"
    if rnd.random() < 0.05:
        cell = cell.translate(FULL)
    if rnd.random() < 0.10:
        cell = f" {cell} "
    return cell


def make_xlsx(src: Path, dst: Path, percent: bool = False) -> None:
    """A workbook of the table; with ``percent``, the percentage indicators'
    cells stored as fractions and formatted as percentages (98.93 as 0.9893
    shown 98.93%), as 执行率 columns usually are."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()

    def cell(h: str, c: str) -> object:
        if h not in NUMERIC:
            return c
        if percent and h in PERCENT:
            shown = WriteOnlyCell(ws, value=float(Decimal(c) / 100))
            shown.number_format = "0.00%"
            return shown
        return float(c) if "." in c else int(c)

    with src.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        ws.append(header)
        for row in reader:
            ws.append([cell(h, c) for h, c in zip(header, row, strict=True)])
    wb.save(dst)


def totals(out: Path) -> list[Decimal | None]:
    with out.open(encoding="utf-8", newline="") as fh:
        return [Decimal(r["total"]) if r["total"] else None for r in csv.DictReader(fh)]


def api(table: Path, missing: str = "error") -> object:
    import engine

    return engine.score_table(SPEC, table, missing=missing)


def timed(fn: object, *args: object) -> tuple[float, object]:
    """CPU seconds of this process (the machine is shared: wall time measures
    the other users too)."""
    start = time.process_time()
    result = fn(*args)  # type: ignore[operator]
    return time.process_time() - start, result


def against(command: list[str], plain: list[str], pairs: int) -> tuple[float, float]:
    """CPU seconds of ``command`` (the least of its runs), and its ratio to the
    plain table's command: the median over ``pairs`` runs of each, back to back
    (the machine's speed drifts between runs far apart)."""
    best, ratios = float("inf"), []
    for _ in range(pairs):
        a, b = run(command), run(plain)
        best = min(best, a)
        ratios.append(a / b)
    return best, statistics.median(ratios)


def run(cmd: list[str]) -> float:
    """CPU seconds (user + system) of a command and its children."""
    import resource
    import subprocess

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        cmd,
        check=False,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_COLOR": "1"},
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--xlsx-rows", type=int, default=None, help="default: --rows")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--pairs",
        type=int,
        default=3,
        help="runs of each table's CLI back to back with the plain table's, for × plain",
    )
    parser.add_argument("--no-na", action="store_true", help="skip the table with N/A marks")
    args = parser.parse_args()
    cli = [sys.executable, "-m", "engine", "batch", str(SPEC)]
    compile_engine()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        plain = folder / "plain.csv"
        make_table(plain, args.rows)
        forms = folder / "forms.csv"
        excel_forms(plain, forms)
        gbk = folder / "forms-gbk.csv"
        excel_forms(plain, gbk, "gbk")
        na = folder / "forms-na.csv"
        marks = folder / "plain-na.csv"
        if not args.no_na:
            excel_forms(plain, na, na=0.05)
            excel_forms(plain, marks, na=0.05, forms=False)
        exponents = folder / "plain-exponents.csv"
        written(plain, exponents, "exponent")
        empty = folder / "plain-empty.csv"
        written(plain, empty, "empty")
        dashes = folder / "plain-dashes.csv"
        written(plain, dashes, "dash")
        notes = folder / "plain-notes.csv"
        with_notes(plain, notes)
        xlsx_source = plain
        if args.xlsx_rows and args.xlsx_rows != args.rows:
            xlsx_source = folder / "xlsx-source.csv"
            make_table(xlsx_source, args.xlsx_rows)
        xlsx = folder / "plain.xlsx"
        make_xlsx(xlsx_source, xlsx)
        xlsx_percent = folder / "percent.xlsx"
        make_xlsx(xlsx_source, xlsx_percent, percent=True)
        print(
            f"machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}; "
            f"{args.rows} entities of {SPEC.name}; load average {os.getloadavg()[0]:.1f}"
        )
        import engine  # the API's imports are paid once, as the script's are

        engine.score_table(SPEC, plain)
        reference = decimal_totals(plain)
        t_ref = min(timed(decimal_totals, plain)[0] for _ in range(args.repeat))
        print(
            f"\n{'table':<34}{'script':>9}{'CLI':>9}{'× script':>10}{'API':>9}"
            f"{'× script':>10}{'× plain':>9}  wrong totals"
        )
        plain_cli = 0.0
        plain_command = [*cli, str(plain), "-o", str(folder / "plain-out.csv")]
        for label, table, script in (
            ("plain numbers", plain, True),
            ("Excel forms", forms, True),
            ("Excel forms, GBK", gbk, True),
            *(
                []
                if args.no_na
                else [
                    ("Excel forms, N/A in 5% of cells", na, False),
                    ("plain numbers, N/A in 5% of cells", marks, False),
                ]
            ),
            ("exponents in 5% of cells (8.65E+01)", exponents, True),
            ("empty in 5% of cells, --missing zero", empty, False),
            ("empty in 5% of cells, rows refused", empty, None),
            ("— in 5% of cells, rows refused", dashes, False),
            ("notes, on two lines in 5% of rows", notes, False),
            (f"XLSX of plain numbers ({args.xlsx_rows or args.rows} rows)", xlsx, False),
            ("XLSX, percentages formatted as %", xlsx_percent, False),
        ):
            t_script = (
                min(timed(decimal_totals, table, _encoding(table))[0] for _ in range(args.repeat))
                if script
                else float("nan")
            )
            out = folder / "out.csv"
            # the empty cells scored 0, then (script None) their rows refused, as by default
            zero = ["--missing", "zero"] if table is empty and script is not None else []
            command = [*cli, str(table), "-o", str(out), *zero]
            if table is plain:
                t_cli, x_plain = min(run(command) for _ in range(max(args.repeat, args.pairs))), 1.0
            else:
                t_cli, x_plain = against(command, plain_command, args.pairs)
            t_api = min(
                timed(api, table, "zero" if zero else "error")[0] for _ in range(args.repeat)
            )
            plain_cli = plain_cli or t_cli
            got = totals(out)
            if table in (xlsx, xlsx_percent) and xlsx_source is not plain:
                wrong = "(own table)"
            elif table in (na, marks, empty, dashes):
                marked = _marked_rows(table)
                wrong = (
                    str(
                        sum(
                            1
                            for k, (a, b) in enumerate(zip(got, reference, strict=True))
                            if k not in marked and a != b
                        )
                    )
                    + f" of {args.rows - len(marked)} rows without a mark"
                )
            else:
                wrong = str(sum(1 for a, b in zip(got, reference, strict=True) if a != b))
            print(
                f"{label:<34}{t_script:8.2f}s{t_cli:8.2f}s{t_cli / t_ref:9.3f}×{t_api:8.2f}s"
                f"{t_api / t_ref:9.3f}×{x_plain:8.2f}×  {wrong}"
            )
        typed_rows(folder, plain, reference, t_ref, cli, (plain_command, args))
        print(f"\n(× script: against the script on plain numbers, {t_ref:.2f} s)")
        for label, table in (
            ("CSV of plain numbers", plain),
            ("XLSX of plain numbers", xlsx),
            ("Parquet of plain numbers", folder / "plain.parquet"),
        ):
            mb = peak_mb([*cli, str(table), "-o", str(folder / "peak.csv")])
            print(f"peak RSS of the CLI, {label}: {mb:.0f} MB")


def compile_engine() -> None:
    """Bytecode for the engine and its generated schema validators
    (``schemas/gates``, installed as ``engine.schemas``), as an installed package
    has it."""
    import compileall

    for folder in ("engine", "schemas"):
        compileall.compile_dir(ROOT / folder, quiet=1)


def typed_rows(
    folder: Path,
    plain: Path,
    reference: list[Decimal | None],
    t_ref: float,
    cli: list[str],
    against_plain: tuple[list[str], argparse.Namespace],
) -> None:
    """The rows of typed tables: a Parquet file of the plain table (CLI and API),
    and the same Arrow table in memory (API)."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    import engine

    plain_command, args = against_plain
    repeat = args.repeat
    arrow = pacsv.read_csv(plain)
    parquet = folder / "plain.parquet"
    pq.write_table(arrow, parquet)
    out = folder / "out.csv"
    t_cli, x_plain = against([*cli, str(parquet), "-o", str(out)], plain_command, args.pairs)
    t_api = min(timed(api, parquet)[0] for _ in range(repeat))
    wrong = sum(1 for a, b in zip(totals(out), reference, strict=True) if a != b)
    print(
        f"{'Parquet of plain numbers':<34}{'':>9}{t_cli:8.2f}s{t_cli / t_ref:9.3f}×{t_api:8.2f}s"
        f"{t_api / t_ref:9.3f}×{x_plain:8.2f}×  {wrong}"
    )
    t_mem, result = min(
        (timed(engine.score_table, SPEC, arrow) for _ in range(repeat)), key=lambda x: x[0]
    )
    column = result.column("total").to_pylist()  # type: ignore[attr-defined]
    got = [None if t is None else Decimal(t) for t in column]
    wrong = sum(1 for a, b in zip(got, reference, strict=True) if a != b)
    print(
        f"{'Arrow table in memory (API)':<34}{'':>9}{'':>9}{'':>10}{t_mem:8.2f}s"
        f"{t_mem / t_ref:9.3f}×{'':>9}  {wrong}"
    )


def peak_mb(cmd: list[str]) -> float:
    """Peak resident memory of a command, in MB (measured in a process of its own)."""
    import subprocess

    probe = (
        "import resource,subprocess,sys;subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,"
        "stderr=subprocess.DEVNULL);print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *cmd], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip()) / 1024


def _encoding(table: Path) -> str:
    return "gbk" if "gbk" in table.name else "utf-8"


def _marked_rows(table: Path) -> set[int]:
    with table.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        return {k for k, row in enumerate(reader) if {"N/A", "", "—"} & set(row)}


if __name__ == "__main__":
    main()
