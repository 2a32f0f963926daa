"""Time the validation of large generated specs (not a test; run by hand).

    python benchmarks/validate_large.py [500 2000 ...]

Prints, per size, the best of 5 runs of load + schema + semantic checks +
compilation, excluding interpreter start-up.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from engine.spec.compile import load_spec


def make_spec(n: int) -> str:
    groups = max(1, n // 20)
    per = n // groups
    lines = ["spec: 1", "id: large", f"total: {groups * 10}", "indicators:"]
    for g in range(groups):
        lines += [f"  - id: g{g}", f"    name: 组 {g}", "    weight: 10", "    children:"]
        for i in range(per):
            w = "0.5" if per == 20 else f"{10 / per}"
            method = [
                "ratio",
                "{deduct: {per: 0.5}}",
                "threshold",
                "{formula: 'weight * min(actual / target, 1)'}",
            ][i % 4]
            lines.append(
                f"      - {{id: i{g}_{i}, name: 指标 {g}-{i}, weight: {w}, unit: '%', "
                f"direction: higher, target: 90, method: {method}}}"
            )
    return "\n".join(lines) + "\n"


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"spec-{n}.yaml"
            path.write_text(make_spec(n), encoding="utf-8")
            load_spec(path)  # warm up imports and caches
            best = min(_time(path) for _ in range(5))
            count = sum(1 for _ in load_spec(path).walk())
            print(f"{count:6d} indicators: {best * 1000:7.1f} ms")


def _time(path: Path) -> float:
    start = time.perf_counter()
    load_spec(path)
    return time.perf_counter() - start


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [500, 2000])
