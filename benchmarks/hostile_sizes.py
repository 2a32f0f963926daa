"""Time and peak memory of the largest inputs of each kind the limits let through
(not a test; run by hand).

    python benchmarks/hostile_sizes.py            # every case
    python benchmarks/hostile_sizes.py yaml csv   # the cases whose name has a word

Each case builds its input in a temporary folder and runs one command in a fresh
process, which reports its own wall time (start-up included) and peak resident
memory. The limits themselves are listed in SECURITY.md; what is measured here is
that the cost of everything below them stays proportional to the input's size.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "data" / "hostile" / "base.yaml"
OK = ROOT / "tests" / "data" / "hostile" / "ok.yaml"

#: runs the command line in this process, then prints seconds and peak KiB
RUNNER = """
import atexit, resource, sys, time
start = time.perf_counter()
def report():
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"@@ {time.perf_counter() - start:.2f} {peak}", file=sys.__stderr__)
atexit.register(report)
from engine.cli.main import main
main(sys.argv[1:])
"""

ROW = "A,100,90,3,0"
HEADER = "entity,budget,spent,trips,incidents"


def _write(path: Path, text: str) -> int:
    path.write_text(text, encoding="utf-8")
    return path.stat().st_size


def yaml_values(d: Path) -> tuple[int, list[str]]:
    """An actuals file of 499,990 small values: just under the value limit."""
    size = _write(d / "a.yaml", OK.read_text() + "extra:\n" + "- 1\n" * 499_990)
    return size, ["validate", "a.yaml"]


def yaml_small_values(d: Path) -> tuple[int, list[str]]:
    """8 MiB of small values: refused at the value limit, after reading 500,000."""
    size = _write(d / "a.yaml", OK.read_text() + "extra:\n" + "- 1\n" * 2_090_000)
    return size, ["validate", "a.yaml"]


def yaml_one_string(d: Path) -> tuple[int, list[str]]:
    """An 8 MiB spec description: the file-size limit, one value."""
    text = BASE.read_text() + 'description: "' + "说明" * 1_390_000 + '"\n'
    return _write(d / "s.yaml", text), ["validate", "s.yaml"]


def yaml_quoted_digits(d: Path) -> tuple[int, list[str]]:
    """A quoted 8 MB value of digits and a letter (was quadratic: minutes)."""
    text = OK.read_text().replace("trips: 3", 'trips: "' + "9" * 8_000_000 + 'x"')
    return _write(d / "a.yaml", text), ["score", str(BASE), "a.yaml"]


def json_surrogates(d: Path) -> tuple[int, list[str]]:
    """An 8 MB JSON actuals file of surrogate-pair escapes (as json.dumps writes 𠮷)."""
    data = json.loads(json.dumps(json.loads(_yaml_json(OK))))
    data["entity"] = "𠮷" * 650_000
    return _write(d / "a.json", json.dumps(data)), ["score", str(BASE), "a.json", "-f", "json"]


def _yaml_json(path: Path) -> str:
    from engine.spec.load import load_file

    doc = load_file(path)
    return json.dumps(
        doc.data, default=lambda x: int(x) if x.denominator == 1 else float(x), ensure_ascii=False
    )


def csv_digit_cells(d: Path) -> tuple[int, list[str]]:
    """20 rows of four 130,000-digit cells (just under the cell limit)."""
    cell = "9" * 130_000 + "x"
    rows = "".join(f"E{i},{cell},{cell},{cell},{cell}\n" for i in range(20))
    return _write(d / "t.csv", f"{HEADER}\n{rows}"), ["batch", str(BASE), "t.csv", "-o", "o.csv"]


def csv_wide_header(d: Path) -> tuple[int, list[str]]:
    """A header of 16,384 columns (the column limit), all unknown."""
    header = "entity," + ",".join(f"c{i}" for i in range(16_383))
    return _write(d / "t.csv", f"{header}\nA{',1' * 16_383}\n"), ["batch", str(BASE), "t.csv"]


def csv_rows(d: Path) -> tuple[int, list[str]]:
    """200,000 rows of the base spec, to CSV."""
    rows = "".join(f"E{i},100,{i % 101},{i % 5},{i % 2}\n" for i in range(200_000))
    return _write(d / "t.csv", f"{HEADER}\n{rows}"), ["batch", str(BASE), "t.csv", "-o", "o.csv"]


def xlsx_rows(d: Path) -> tuple[int, list[str]]:
    """20,000 rows of the base spec, to XLSX (fixed timestamps: copied once more)."""
    rows = "".join(f"E{i},100,{i % 101},{i % 5},{i % 2}\n" for i in range(20_000))
    size = _write(d / "t.csv", f"{HEADER}\n{rows}")
    return size, ["batch", str(BASE), "t.csv", "-o", "o.xlsx"]


def formula_power(d: Path) -> tuple[int, list[str]]:
    """A formula of powers near the 1,000-digit limit, multiplied (4,300+ digits)."""
    product = "*".join(["actual**900"] * 12)
    spec = BASE.read_text().replace(
        "method: threshold", f'method: {{formula: "weight*min(1,{product})"}}'
    )
    _write(d / "s.yaml", spec)
    return len(product), ["score", "s.yaml", str(OK), "-f", "json"]


def set_digits(d: Path) -> tuple[int, list[str]]:
    """A --set value of 130,000 digits and a letter."""
    value = "9" * 130_000 + "x"
    return len(value), ["score", str(BASE), str(OK), "--set", f"indicators.trips.target={value}"]


def test_dir_huge_file(d: Path) -> tuple[int, list[str]]:
    """`test DIR` beside a 1 GiB .yaml file (sparse): refused by its size, not read."""
    (d / "t").mkdir()
    with open(d / "t" / "huge.yaml", "wb") as fh:
        fh.truncate(1024**3)
    return 1024**3, ["test", "t"]


def _workbook(path: Path, rows: str, after: str = "") -> int:
    """An .xlsx whose first sheet's XML holds ``rows`` (openpyxl writes the rest)."""
    import zipfile

    from openpyxl import Workbook

    plain = path.with_name("plain.xlsx")
    Workbook().save(plain)
    sheet = "xl/worksheets/sheet1.xml"
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
        '"http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows}</sheetData>{after}</worksheet>"
    )
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, xml if info.filename == sheet else zin.read(info))
    return path.stat().st_size


_XLSX_HEAD = "".join(
    f'<c r="{c}1" t="inlineStr"><is><t>{h}</t></is></c>'
    for c, h in zip("ABCDE", HEADER.split(","), strict=True)
)


def xlsx_far_cell(d: Path) -> tuple[int, list[str]]:
    """A 5 KB workbook with one cell at XFD1048576 (17 billion cells as a block)."""
    rows = f'<row r="1">{_XLSX_HEAD}</row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return _workbook(d / "t.xlsx", rows), ["batch", str(BASE), "t.xlsx"]


def xlsx_sparse_rows(d: Path) -> tuple[int, list[str]]:
    """200,000 rows of two cells (A and E) of five: blank cells inside the table."""
    rows = "".join(
        f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>E{i}</t></is></c><c r="E{i}"><v>1</v></c>'
        "</row>"
        for i in range(2, 200_002)
    )
    size = _workbook(d / "t.xlsx", f'<row r="1">{_XLSX_HEAD}</row>{rows}')
    return size, ["batch", str(BASE), "t.xlsx", "--missing", "zero", "-o", "o.csv"]


def parquet_repeated_string(d: Path) -> tuple[int, list[str]]:
    """A Parquet file repeating one 5 MB string in 200,000 rows (its dictionary)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = 200_000
    entity = pa.DictionaryArray.from_arrays(
        pa.array([0] * n, pa.int32()), pa.array(["x" * 5_000_000])
    )
    columns = {"budget": [100] * n, "spent": [90] * n, "trips": [3] * n, "incidents": [0] * n}
    pq.write_table(pa.table({"entity": entity, **columns}), d / "t.parquet", compression="zstd")
    return (d / "t.parquet").stat().st_size, ["batch", str(BASE), "t.parquet"]


def long_note(d: Path) -> tuple[int, list[str]]:
    """A 1.6 MB note shown in the table (each wrapped line was measured again)."""
    text = OK.read_text() + 'notes: {trips: "' + "x" * 1_600_000 + '"}\n'
    return _write(d / "a.yaml", text), ["score", str(BASE), "a.yaml", "-o", "o.txt"]


CASES: dict[str, Callable[[Path], tuple[int, list[str]]]] = {
    "yaml: 499,990 values": yaml_values,
    "yaml: 8 MiB of small values": yaml_small_values,
    "yaml: 8 MiB string": yaml_one_string,
    "yaml: quoted 8 MB digits": yaml_quoted_digits,
    "json: 8 MB surrogate pairs": json_surrogates,
    "csv: 80 cells of 130,000 digits": csv_digit_cells,
    "csv: 16,384-column header": csv_wide_header,
    "csv: 200,000 rows": csv_rows,
    "xlsx: 20,000 rows out": xlsx_rows,
    "formula: 12 powers of 900": formula_power,
    "--set: 130,000 digits": set_digits,
    "test DIR: 1 GiB file beside": test_dir_huge_file,
    "xlsx: one cell at XFD1048576": xlsx_far_cell,
    "xlsx: 200,000 rows, 2 cells of 5": xlsx_sparse_rows,
    "parquet: a 5 MB string x 200,000": parquet_repeated_string,
    "table: a 1.6 MB note": long_note,
}


def measure(make: Callable[[Path], tuple[int, list[str]]]) -> tuple[int, int, float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        size, args = make(Path(tmp))
        p = subprocess.run(
            [sys.executable, "-c", RUNNER, *args],
            cwd=tmp,
            env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"},
            capture_output=True,
            text=True,
            check=False,
        )
    line = [x for x in p.stderr.splitlines() if x.startswith("@@ ")][-1]
    seconds, kib = line.split()[1:]
    return size, p.returncode, float(seconds), int(kib) / 1024


def main(words: list[str]) -> None:
    print(f"{'input':<34} {'size':>12} {'exit':>4} {'seconds':>8} {'peak MiB':>9}")
    for name, make in CASES.items():
        if words and not any(w in name for w in words):
            continue
        size, code, seconds, mib = measure(make)
        print(f"{name:<34} {size:>12,} {code:>4} {seconds:>8.2f} {mib:>9.1f}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
