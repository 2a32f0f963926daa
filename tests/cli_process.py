"""Run the command line in a child process, without paying the interpreter's start-up.

``run(args)`` asks a command-line server (tests/cli_server.py: an interpreter
started once per test process that has already imported the engine) to fork a
child that calls :func:`engine.cli.main` with ``args``, as ``python -m engine
ARGS`` would: in the repository root, with the given environment, standard input
from /dev/null, standard output and standard error on pipes, and the exit code of
``sys.exit`` (an exception that escapes is printed as Python prints it, with exit
code 1). What the user sees (exit code, both streams, files written) is what the
real command gives; what is skipped is only Python's start-up and the engine's
imports, which cost more than most commands and are tested by the start-up tests.
A child that does not end within ``timeout`` seconds is killed and the test fails:
a guard against a hang, not a measure of speed.

Tests of the interpreter itself (hash seeds, signals, start-up imports) start a
real ``python -m engine`` instead. The children are forked by the server, which
never starts a thread, not by the test process: forking is safe only from a
process with one thread, and a test process may run others (pytest-xdist's
workers do).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from cli_client import read_word, send_request

ROOT = Path(__file__).resolve().parent.parent
SERVER = Path(__file__).resolve().parent / "cli_server.py"
CLIENT = Path(__file__).resolve().parent / "cli_client.py"
#: the environment this process was started with (before any test changed it)
START_ENV = dict(os.environ)
#: what every run sees: the caller's environment, without colour
ENV = {**START_ENV, "NO_COLOR": "1"}
#: seconds after which a run is taken to hang (a guard only, far beyond any answer)
HANG_GUARD = 60.0


class Server:
    """A running command-line server (tests/cli_server.py), started in ``env``;
    it ends when :meth:`close` is called or when this process ends."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.folder = tempfile.mkdtemp(prefix="scorecard-cli-")
        self.path = os.path.join(self.folder, "socket")
        ready_r, ready_w = os.pipe()
        self.proc = subprocess.Popen(
            [sys.executable, str(SERVER), self.path, str(ready_w)],
            stdin=subprocess.PIPE,  # its end tells the server to stop
            stdout=subprocess.DEVNULL,
            pass_fds=[ready_w],
            cwd=ROOT,
            env=dict(env),
        )
        os.close(ready_w)
        readable, _, _ = select.select([ready_r], [], [], HANG_GUARD)
        ready = os.read(ready_r, 1) if readable else b""
        os.close(ready_r)
        if ready != b"1":
            self.close()
            raise RuntimeError(f"the command-line server {SERVER} did not start")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def close(self) -> None:
        if self.proc.stdin is not None:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()
        try:
            self.proc.wait(HANG_GUARD)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


#: the servers of this process, by what their interpreter read at start-up
_servers: dict[tuple[tuple[str, str], ...], Server] = {}


def _startup(env: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """What an interpreter reads from ``env`` when it starts (its streams' encoding,
    the hash seed, the time zone, the search path): environments that agree on it
    share a server; the rest of the environment is the child's own."""
    read = ("LANG", "LC_ALL", "LC_CTYPE", "TZ")
    return tuple(sorted((k, v) for k, v in env.items() if k.startswith("PYTHON") or k in read))


def server(env: Mapping[str, str] | None = None) -> Server:
    """The server for ``env`` (this process's environment by default), started on
    first use (again if it has died); all end when this process ends."""
    env = START_ENV if env is None else env
    key = _startup(env)
    running = _servers.get(key)
    if running is None or not running.alive():
        if not _servers:
            atexit.register(lambda: [s.close() for s in _servers.values()])
        running = _servers[key] = Server(env)
    return running


def shell_command(running: Server | None = None) -> str:
    """A shell command that runs ``scorecard`` (followed by its arguments) through
    ``running`` (this process's server by default): the client takes its standard
    streams, folder and environment from the shell, and ends as the command ended."""
    path = (running or server()).path
    return f'"{sys.executable}" -I -S "{CLIENT}" "{path}"'


@dataclass(frozen=True)
class Completed:
    code: int
    out: str
    err: str


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
    """``python -m engine ARGS`` in ``cwd``, as a child of the server (see the module's note)."""
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    null = os.open(os.devnull, os.O_RDONLY)
    try:
        conn = send_request(
            server(ENV if env is None else env).path,
            [str(a) for a in args],
            str(cwd),
            ENV if env is None else env,
            (null, out_w, err_w),
            group=True,
        )
    finally:
        for fd in (null, out_w, err_w):
            os.close(fd)
    with conn:
        pid = read_word(conn)
        out: list[bytes] = []
        err: list[bytes] = []
        readers = [
            threading.Thread(target=_drain, args=(out_r, out)),
            threading.Thread(target=_drain, args=(err_r, err)),
        ]
        for reader in readers:
            reader.start()
        hung = _wait(pid, readers, timeout)
        status = read_word(conn)
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
