"""Time spec composition against the same spec written out (not a test; run by hand).

    python benchmarks/compose_large.py [500 2000 ...]

For each size: a generated base of that many indicators, and a child that extends it,
changes every tenth indicator's target and adds one group. Prints the best of 5 runs
of load + resolve + compile for the child, and for the composed spec saved by
`show --resolved` and compiled on its own, excluding interpreter start-up.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from validate_large import make_spec

from engine.spec.compile import load_spec
from engine.spec.compose import resolve
from engine.spec.dump import dump
from engine.spec.load import load_file


def make_child(n: int) -> str:
    groups = max(1, n // 20)
    per = n // groups
    lines = ["spec: 1", "id: child", "extends: base.yaml", f"total: {groups * 10 + 10}"]
    lines.append("change:")
    for g in range(groups):
        for i in range(0, per, 10):
            lines.append(f"  i{g}_{i}: {{target: 95}}")
    lines += [
        "add:",
        "  indicators:",
        "    - {id: own, name: 个性指标, weight: 10, children: [{id: own_a, name: 甲, "
        "weight: 10, direction: higher, target: 4, method: ratio}]}",
    ]
    return "\n".join(lines) + "\n"


def best(fn: object, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main(sizes: list[int]) -> None:
    for n in sizes:
        with tempfile.TemporaryDirectory() as d:
            folder = Path(d)
            (folder / "base.yaml").write_text(make_spec(n), encoding="utf-8")
            (folder / "child.yaml").write_text(make_child(n), encoding="utf-8")
            resolved = dump(resolve(load_file(folder / "child.yaml")))
            (folder / "written.yaml").write_text(resolved, encoding="utf-8")
            child, written_out = folder / "child.yaml", folder / "written.yaml"
            composed = best(lambda c=child: load_spec(c))  # type: ignore[misc]
            written = best(lambda w=written_out: load_spec(w))  # type: ignore[misc]
            print(
                f"{n:>6} indicators: composed {composed * 1000:8.1f} ms   "
                f"written out {written * 1000:8.1f} ms   ratio {composed / written:5.2f}"
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [500, 2000])
