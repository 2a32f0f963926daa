"""The clients editors run on our schemas, driven from the tests: ajv in strict mode
(through ``tests/editor/ajv-check.js``) and yaml-language-server over its language
server protocol on stdio.

Both are npm packages pinned by ``tests/editor/package-lock.json``; :func:`node_tools`
installs them there with ``npm ci`` when they are missing, and fails with what to
install when node or npm is not on the PATH.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from queue import Empty, Queue
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EDITOR = ROOT / "tests" / "editor"
SERVER = EDITOR / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
#: a guard against a hang, not a measure of speed
HANG = 120.0


def node_tools() -> str:
    """The path of ``node``, with the editor packages installed beside the tests."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.fail(
            "the editor tests need Node.js 20 or later with npm on the PATH "
            "(Debian/Ubuntu: apt-get install nodejs npm; elsewhere https://nodejs.org); "
            "then run: npm ci --prefix tests/editor",
            pytrace=False,
        )
    if not SERVER.is_file() or not (EDITOR / "node_modules" / "ajv").is_dir():
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=EDITOR,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if done.returncode != 0:
            pytest.fail(
                "could not install the editor packages (npm ci in tests/editor):\n"
                + done.stderr[-2000:],
                pytrace=False,
            )
    return node


def ajv_check(documents: list[dict[str, str]]) -> dict[str, Any]:
    """ajv's verdicts: ``{"compiled": {schema: None | why}, "documents": [[error, ...]]}``."""
    done = subprocess.run(
        [node_tools(), str(EDITOR / "ajv-check.js"), str(ROOT / "schemas")],
        input=json.dumps({"documents": documents}),
        capture_output=True,
        text=True,
        timeout=HANG,
        check=True,
        cwd=ROOT,
    )
    answer: dict[str, Any] = json.loads(done.stdout)
    return answer


class LanguageServer:
    """yaml-language-server in a child process, spoken to as an editor does."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.proc = subprocess.Popen(
            [node_tools(), str(SERVER), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=ROOT,
        )
        self.messages: Queue[dict[str, Any]] = Queue()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.next_id = 0
        self.settings = settings
        self.configured = False
        threading.Thread(target=self._read, daemon=True).start()
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": ROOT.as_uri(),
                "workspaceFolders": [{"uri": ROOT.as_uri(), "name": "scorecard"}],
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "publishDiagnostics": {},
                        "completion": {"completionItem": {"snippetSupport": True}},
                    },
                },
            },
        )
        self.notify("initialized", {})
        # the server asks for its settings (workspace/configuration) when told they changed
        self.notify("workspace/didChangeConfiguration", {"settings": settings})
        for _ in self._incoming():
            if self.configured:
                break

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if line == b"":
                return
            self.messages.put(json.loads(stream.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        wanted = self.next_id
        self._send({"id": wanted, "method": method, "params": params})
        for message in self._incoming():
            if message.get("id") == wanted and "method" not in message:
                return message.get("result")
        raise AssertionError(f"no answer to {method}")  # pragma: no cover

    def _incoming(self) -> Iterator[dict[str, Any]]:
        """Messages as they come, answering the server's own requests on the way."""
        while True:
            try:
                message = self.messages.get(timeout=HANG)
            except Empty:
                raise AssertionError("yaml-language-server stopped answering") from None
            method = message.get("method")
            if method == "textDocument/publishDiagnostics":
                params = message["params"]
                self.diagnostics[params["uri"]] = params["diagnostics"]
            elif method is not None and "id" in message:
                self._send({"id": message["id"], "result": self._answer(message)})
            yield message

    def _answer(self, message: dict[str, Any]) -> Any:
        if message["method"] == "workspace/configuration":
            self.configured = True
            return [self.settings.get(i.get("section", "")) for i in message["params"]["items"]]
        return None

    def open(self, path: Path, text: str | None = None) -> str:
        """Open a document (its text, or the file's) and return its uri."""
        uri = path.resolve().as_uri()
        self.diagnostics.pop(uri, None)
        content = path.read_text("utf-8") if text is None else text
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": content}},
        )
        return uri

    def diagnose(self, uri: str) -> list[dict[str, Any]]:
        """The diagnostics published for a document opened with :meth:`open`."""
        for _ in self._incoming():
            if uri in self.diagnostics:
                return self.diagnostics[uri]
        raise AssertionError("unreachable")  # pragma: no cover

    def hover(self, uri: str, line: int, character: int) -> str:
        """The hover text at a position (0-based), as plain text."""
        result = self.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        if not result:
            return ""
        contents = result["contents"]
        if isinstance(contents, dict):
            return str(contents.get("value", ""))
        if isinstance(contents, list):
            return "\n".join(c if isinstance(c, str) else c.get("value", "") for c in contents)
        return str(contents)

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.proc.wait(timeout=HANG)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
