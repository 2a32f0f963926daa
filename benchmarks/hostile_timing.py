"""How fast each hostile input is answered: the promise is within 2 s.

    python benchmarks/hostile_timing.py [--limit 2.0] [-k TEXT]

Runs every case of ``tests/test_hostile.py`` as a user would, ``python -m engine
ARGS`` in a fresh interpreter from the repository root (start-up included), one
after the other, and prints each case's wall-clock time, marking with ``SLOW``
those over the limit. Exit code 1 when any case is over it. Not a test: the
times depend on the machine and on what else runs on it (run it on a quiet
machine, and again before believing one slow case); the test suite checks what
the answers say, with only a hang guard.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the engine, also when it is not installed
sys.path.insert(0, str(ROOT / "tests"))

from test_hostile import CASES, ENV, HANG_GUARD  # noqa: E402


def _time(args: list[str]) -> tuple[float, int | None]:
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "engine", *args],
            cwd=ROOT,
            env=ENV,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=HANG_GUARD,
        )
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, None
    return time.perf_counter() - start, proc.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=float, default=2.0, help="seconds (default 2.0)")
    parser.add_argument("-k", default="", help="only the cases whose id contains this")
    opts = parser.parse_args()
    slow = 0
    cases = [c for c in CASES if opts.k in c.id]
    for case in cases:
        with tempfile.TemporaryDirectory() as tmp:
            if case.make is not None:
                case.make(Path(tmp))
            args = [a.replace("{tmp}", tmp) for a in case.args]
            seconds, code = _time(args)
        over = seconds > opts.limit
        slow += over
        mark = "SLOW" if over else "ok"
        got = "killed (hang)" if code is None else f"exit {code}"
        print(f"{seconds:7.2f} s  {mark:4}  {case.id}  ({got})", flush=True)
    print(f"{len(cases)} case(s), {slow} over {opts.limit} s")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
