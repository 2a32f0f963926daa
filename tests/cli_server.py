"""A command-line server: ``scorecard`` commands without the interpreter's start-up.

``python tests/cli_server.py SOCKET READY_FD`` imports the engine (and what its
commands import when they need it) once, listens on the Unix socket ``SOCKET``,
writes one byte to ``READY_FD``, and then serves requests (see tests/cli_client.py
for the protocol) until its standard input reaches its end, which happens when the
process that started it ends.

For each request a handler is forked; the handler forks the child that runs the
command and reports the child's pid and wait status. The child is what a fresh
``python -m engine ARGS`` would be: the given folder, environment and standard
streams, ``sys.argv``, Python's signal dispositions, the exit code of ``sys.exit``
(an exception that escapes is printed as Python prints it, with exit code 1). What
is skipped is only Python's start-up and the engine's imports, which the start-up
tests measure on real processes.

The server never starts a thread, so forking it is safe whatever the process that
started it runs (pytest-xdist's workers run a thread of their own: a lock held by
it at a fork could stop the child's own worker processes for good).
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import pkgutil
import select
import signal
import socket
import sys
import traceback
from pathlib import Path

from cli_client import WORD

ROOT = Path(__file__).resolve().parent.parent

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
    from engine.cli import main as cli_main

    for info in pkgutil.walk_packages(engine.__path__, "engine."):
        if info.name != "engine.__main__":
            importlib.import_module(info.name)
    for name in _LAZY:
        importlib.import_module(name)
    # typer imports its parameter machinery on the first parse: parse once here
    # (output discarded, the signal handlers main sets restored); the command
    # line builds typer's pydantic validators only for a value it does not
    # decide itself (engine/cli/coercion.py), as in the error cases: load them too
    importlib.import_module("typer._adapters")
    handlers = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)}
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
    for signum, handler in handlers.items():
        signal.signal(signum, handler)


def _child(request: dict[str, object], fds: list[int]) -> int:
    """In the child: the streams, the folder and the environment of a fresh
    ``python -m engine``, then the command; returns the exit code."""
    from engine.cli import main as cli_main

    if request["group"]:  # its own process group: a hang guard kills what it started too
        os.setpgid(0, 0)
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        if fd > 2:
            os.close(fd)
    os.chdir(str(request["cwd"]))
    os.environ.clear()
    os.environ.update(request["env"])  # type: ignore[arg-type]
    args = [str(a) for a in request["args"]]  # type: ignore[attr-defined]
    # the text streams Python would make for these descriptors (none is a terminal
    # in the tests)
    sys.stdin = open(0, encoding=sys.__stdin__.encoding, closefd=False)  # noqa: SIM115
    sys.stdout = open(1, "w", encoding=sys.__stdout__.encoding, closefd=False)  # noqa: SIM115
    sys.stderr = open(  # noqa: SIM115
        2, "w", encoding=sys.__stderr__.encoding, errors="backslashreplace", closefd=False
    )
    sys.argv = [str(ROOT / "engine" / "__main__.py"), *args]
    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(signum, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        cli_main(args)
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


def _receive(conn: socket.socket) -> tuple[dict[str, object], list[int]]:
    header, fds, _, _ = socket.recv_fds(conn, WORD.size, 3)
    if len(header) < WORD.size:  # the rest of the length (the descriptors came first)
        header += conn.recv(WORD.size - len(header), socket.MSG_WAITALL)
    size = WORD.unpack(header)[0]
    payload = b""
    while len(payload) < size:
        chunk = conn.recv(size - len(payload))
        if not chunk:
            raise ConnectionError("the request ended early")
        payload += chunk
    request: dict[str, object] = json.loads(payload)
    return request, fds


def _handle(conn: socket.socket) -> None:
    """In a handler (a fork of the server): run one request, report pid and status."""
    request, fds = _receive(conn)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            conn.close()
            code = _child(request, fds)
        finally:
            os._exit(code)
    for fd in fds:
        os.close(fd)
    conn.sendall(WORD.pack(pid))
    _, status = os.waitpid(pid, 0)
    with contextlib.suppress(OSError):  # the client may be gone (killed by a hang guard)
        conn.sendall(WORD.pack(status))


def _reap(block: bool) -> None:
    """Wait for the handlers that have ended (all of them when ``block``), so that
    their time, and their children's, counts in this process's resource usage."""
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, 0 if block else os.WNOHANG)[0] or block:
            pass


def serve(path: str, ready: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the test run
    _preload()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(16)
    os.write(ready, b"1")
    os.close(ready)
    while True:
        readable, _, _ = select.select([listener, sys.stdin], [], [], 1.0)
        _reap(block=False)
        if sys.stdin in readable and not os.read(sys.stdin.fileno(), 1):
            break  # the process that started the server has ended
        if listener in readable:
            conn, _ = listener.accept()
            if os.fork() == 0:  # pragma: no cover - the handler
                code = 1
                try:
                    listener.close()
                    _handle(conn)
                    code = 0
                except BaseException:
                    traceback.print_exc()
                finally:
                    os._exit(code)
            conn.close()
    listener.close()
    with contextlib.suppress(OSError):
        os.unlink(path)
    _reap(block=True)


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]))
