"""Same inputs, same bytes: across runs, hash seeds and the order of keys."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ("specs/gz-dept-overall-2021.yaml", "examples/licheng-2021/actuals.yaml")


def run(*args: str, seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "engine", *args], cwd=ROOT, env=env, capture_output=True, check=True
    ).stdout


def test_json_is_byte_identical_across_runs_and_hash_seeds() -> None:
    outputs = {run("score", *SEED, "-f", "json", seed=s) for s in ("0", "1", "12345", "random")}
    assert len(outputs) == 1
    tables = {run("score", *SEED, "--width", "80", seed=s) for s in ("0", "777")}
    assert len(tables) == 1


def test_the_order_of_keys_in_the_actuals_does_not_matter(tmp_path: Path) -> None:
    text = (ROOT / SEED[1]).read_text("utf-8")
    head, values = text.split("values:\n", 1)
    body, rest = values.split("notes:\n", 1)
    lines = [line for line in body.splitlines() if line.startswith("  ") and ":" in line]
    shuffled = "values:\n" + "\n".join(reversed(lines)) + "\n"
    # sections in another order too: notes before values, inputs last
    inputs = [
        line for line in head.splitlines() if line.startswith(("inputs:", "  budget", "  spent"))
    ]
    rest_of_head = [line for line in head.splitlines() if line not in inputs]
    reordered = "\n".join(rest_of_head) + "\nnotes:\n" + rest + shuffled + "\n".join(inputs) + "\n"
    other = tmp_path / "actuals.yaml"
    other.write_text(reordered, encoding="utf-8")
    a = json.loads(run("score", SEED[0], SEED[1], "-f", "json", seed="0"))
    b = json.loads(run("score", SEED[0], str(other), "-f", "json", seed="0"))
    for doc in (a, b):  # the stamp names the file and its bytes, which differ
        doc["stamp"].pop("actuals_file")
        doc["stamp"].pop("actuals_sha256")
        doc["stamp"].pop("result_sha256")  # it hashes the positions below

        def unplace(results: list[dict[str, object]]) -> None:
            """Where each value stands in its actuals file differs too."""
            for r in results:
                r.pop("actual_at")
                unplace(r["children"])  # type: ignore[arg-type]

        unplace(doc["indicators"])
    assert a == b
    assert json.dumps(a, ensure_ascii=False) == json.dumps(b, ensure_ascii=False)


def _large_table(path: Path, rows: int) -> None:
    """The shipped example's rows, repeated: thousands of rows (pieces for workers),
    a failed row every so often, N/A marks and notes."""
    head, *lines = (ROOT / "examples/docs/units.csv").read_text("utf-8").splitlines()
    body = []
    for i in range(rows):
        line = lines[i % len(lines)]
        if i % 211 == 7:
            line = line.replace(",中,", ",N/A,", 1)
        body.append(f"单位{i}," + line.split(",", 1)[1])
    path.write_text("\n".join([head, *body]) + "\n", encoding="utf-8")


def test_xlsx_is_byte_identical_for_any_jobs_hash_seed_and_time_zone(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    _large_table(table, 5000)
    outputs = []
    for jobs, seed, tz in (("1", "0", "UTC"), ("2", "1", "Asia/Shanghai"), ("2", "99", "UTC")):
        out = tmp_path / f"out{jobs}{seed}.xlsx"
        env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1", "TZ": tz}
        command = ["batch", SEED[0], str(table), "-o", str(out), "-j", jobs]
        done = subprocess.run(
            [sys.executable, "-m", "engine", *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 1, done.stderr  # the example's failed rows
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
