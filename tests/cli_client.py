"""Ask a command-line server (tests/cli_server.py) to run one command.

The server is a Python interpreter that has already imported the engine; for each
request it forks a child that runs ``scorecard ARGS`` with the standard streams,
folder and environment the request gives, and answers with the child's process id
and then its wait status. Only the standard library is imported here, so that this
file also serves, run as a script, as a quick ``scorecard`` command for the
documentation's examples::

    python -I -S tests/cli_client.py SOCKET ARGS...

runs ``scorecard ARGS`` with this process's standard streams, folder and
environment, and ends as the command ended (its exit code, or its signal).

The protocol, one connection per command: the client sends an 8-byte length with
the three standard descriptors attached (SCM_RIGHTS), then that many bytes of JSON
(``args``, ``cwd``, ``env``, ``group``); the server answers with the child's pid,
then its wait status, 8 bytes each.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import struct
import sys
from collections.abc import Mapping, Sequence

WORD = struct.Struct("!q")


def send_request(
    path: str,
    args: Sequence[str],
    cwd: str,
    env: Mapping[str, str],
    fds: tuple[int, int, int],
    group: bool,
) -> socket.socket:
    """Connect to the server at ``path`` and ask for ``scorecard ARGS`` with ``fds`` as
    its standard input, output and error; ``group``: the child leads a process group
    of its own. Returns the connection, to read the pid and the status from."""
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.connect(path)
    payload = json.dumps({"args": list(args), "cwd": cwd, "env": dict(env), "group": group}).encode(
        "utf-8"
    )
    socket.send_fds(conn, [WORD.pack(len(payload))], list(fds))
    conn.sendall(payload)
    return conn


def read_word(conn: socket.socket) -> int:
    """The next 8-byte number the server sends (the pid, then the wait status)."""
    data = b""
    while len(data) < WORD.size:
        chunk = conn.recv(WORD.size - len(data))
        if not chunk:
            raise ConnectionError("the command-line server closed the connection")
        data += chunk
    value: int = WORD.unpack(data)[0]
    return value


def main(argv: list[str]) -> int:
    """Run ``scorecard ARGS`` through the server at ``argv[0]``; end as it ended."""
    path, args = argv[0], argv[1:]
    conn = send_request(path, args, os.getcwd(), os.environ, (0, 1, 2), group=False)
    pid = read_word(conn)

    def forward(signum: int, frame: object) -> None:  # a signal meant for the command
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signum)

    for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"):
        signal.signal(getattr(signal, name), forward)
    status = read_word(conn)
    if os.WIFSIGNALED(status):  # end by the same signal, as the command did
        signum = os.WTERMSIG(status)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
