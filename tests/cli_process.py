"""Run the command line in a child process, without paying the interpreter's start-up.

``run(args)`` forks this (test) process, whose interpreter has already imported the
engine, and calls :func:`engine.cli.main` in the child with ``args``, as
``python -m engine ARGS`` would: in the repository root, with the given
environment, standard input from /dev/null, standard output and standard error
on pipes, and the exit code of ``sys.exit`` (an exception that escapes is printed
as Python prints it, with exit code 1). What the user sees (exit code, both
streams, files written) is what the real command gives; what is skipped is only
Python's start-up and the engine's imports, which cost more than most commands
and are tested by the start-up tests. A child that does not end within
``timeout`` seconds is killed and the test fails: a guard against a hang, not a
measure of speed.

Tests of the interpreter itself (hash seeds, signals, start-up imports) start a
real ``python -m engine`` instead. Forking is safe only from a process with one
thread: the suite runs in one process (not under pytest-xdist, whose workers
run a thread of their own; a lock it holds at the fork can stop the child's own
worker processes for good).
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import pkgutil
import signal
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest

from engine.cli import main as cli_main

ROOT = Path(__file__).resolve().parent.parent
#: what every run sees: the caller's environment, without colour
ENV = {**os.environ, "NO_COLOR": "1"}
#: seconds after which a run is taken to hang (a guard only, far beyond any answer)
HANG_GUARD = 60.0


#: what the commands import when they need it: imported here once, so that no
#: child imports it again (importing changes no result)
_LAZY = (
    "concurrent.futures",
    "difflib",
    "jsonschema",
    "numpy",
    "openpyxl",
    "openpyxl.cell.cell",
    "openpyxl.styles",
    "openpyxl.utils.exceptions",
    "rich.console",
    "rich.progress",
    "rich.text",
)


def _preload() -> None:
    import engine

    for info in pkgutil.walk_packages(engine.__path__, "engine."):
        if info.name != "engine.__main__":
            importlib.import_module(info.name)
    for name in _LAZY:
        importlib.import_module(name)
    # typer imports its parameter machinery on the first parse: parse once here
    # (in this process, output discarded, the SIGTERM handler main sets restored)
    term = signal.getsignal(signal.SIGTERM)
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        for args in (
            ["schema", "spec"],
            [
                "score",
                str(ROOT / "specs" / "gz-dept-overall-2021.yaml"),
                str(ROOT / "examples" / "licheng-2021" / "actuals.yaml"),
            ],
        ):
            with contextlib.suppress(SystemExit):
                cli_main(args)
    signal.signal(signal.SIGTERM, term)


_preload()


@dataclass(frozen=True)
class Completed:
    code: int
    out: str
    err: str


def _child(args: list[str], cwd: Path, env: dict[str, str], out_w: int, err_w: int) -> int:
    """In the child: the streams, the folder and the environment of a fresh
    ``python -m engine``, then the command; returns the exit code."""
    os.setpgid(0, 0)  # its own process group: the hang guard kills what it started too
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(out_w, 1)
    os.dup2(err_w, 2)
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    # the text streams Python would make for these descriptors (none is a terminal)
    sys.stdin = open(0, encoding=sys.__stdin__.encoding, closefd=False)  # noqa: SIM115
    sys.stdout = open(1, "w", encoding=sys.__stdout__.encoding, closefd=False)  # noqa: SIM115
    sys.stderr = open(  # noqa: SIM115
        2, "w", encoding=sys.__stderr__.encoding, errors="backslashreplace", closefd=False
    )
    sys.argv = [str(ROOT / "engine" / "__main__.py"), *args]
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        cli_main(list(args))
        code = 0
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            code = e.code or 0
        else:
            print(e.code, file=sys.stderr)
            code = 1
    except BaseException:
        traceback.print_exc()
        code = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(BrokenPipeError):
            stream.flush()
    return code


def _drain(fd: int, into: list[bytes]) -> None:
    with open(fd, "rb") as pipe:
        into.append(pipe.read())


def run(
    args: list[str] | tuple[str, ...],
    *,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
    timeout: float = HANG_GUARD,
) -> Completed:
    """``python -m engine ARGS`` in ``cwd``, as a forked child (see the module's note)."""
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            os.close(out_r)
            os.close(err_r)
            code = _child(list(args), cwd, ENV if env is None else env, out_w, err_w)
        finally:
            os._exit(code)
    os.close(out_w)
    os.close(err_w)
    out: list[bytes] = []
    err: list[bytes] = []
    readers = [
        threading.Thread(target=_drain, args=(out_r, out)),
        threading.Thread(target=_drain, args=(err_r, err)),
    ]
    for reader in readers:
        reader.start()
    hung = _wait(pid, readers, timeout)
    _, status = os.waitpid(pid, 0)
    if hung:
        pytest.fail(f"no answer within {timeout} s (the process was killed)")
    return Completed(
        os.waitstatus_to_exitcode(status),
        b"".join(out).decode("utf-8", "replace"),
        b"".join(err).decode("utf-8", "replace"),
    )


def _wait(pid: int, readers: list[threading.Thread], timeout: float) -> bool:
    """Wait for both streams to close; kill the child if that takes ``timeout`` s.
    True when it had to be killed."""
    end = time.monotonic() + timeout
    for reader in readers:
        reader.join(max(0.0, end - time.monotonic()))
    if any(reader.is_alive() for reader in readers):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
        for reader in readers:
            reader.join(timeout)
        return True
    return False
