"""The real yaml-language-server, driven over stdio as an editor drives it, for tests of the schema.

`.ci/setup --test` installs it from the npm registry into `.venv/node`; `server_command()` says
why not when it is missing, so the tests that need it skip with that reason.
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path

from tests.conftest import REPO

NODE_PREFIX = REPO / ".venv" / "node"
SERVER = NODE_PREFIX / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"


def server_command() -> tuple[list[str] | None, str]:
    """The command that starts the server, or None and why it cannot start."""
    node = shutil.which("node")
    if node is None:
        return None, "node is not installed (run .ci/setup --test after installing Node.js and npm)"
    if not SERVER.exists():
        return None, f"yaml-language-server is not installed in {NODE_PREFIX} (run .ci/setup --test)"
    return [node, str(SERVER), "--stdio"], ""


class LanguageServer:
    """One server process; requests wait for their answer, diagnostics are kept by document."""

    def __init__(self, command: list[str], root: Path, timeout: float = 20.0):
        self.timeout = timeout
        self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.DEVNULL, cwd=root)
        self._next_id = 0
        self._answers: dict[int, queue.Queue] = {}
        self._diagnostics: dict[str, queue.Queue] = {}
        self._lock = threading.Lock()
        self._settings: dict[str, dict] = {}
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.server_info = self.request("initialize", {
            "processId": None,
            "rootUri": root.as_uri(),
            "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
            "capabilities": {
                "workspace": {"configuration": True, "didChangeConfiguration": {"dynamicRegistration": False}},
                "textDocument": {
                    "publishDiagnostics": {},
                    "completion": {"completionItem": {"snippetSupport": True,
                                                      "documentationFormat": ["markdown", "plaintext"]}},
                    "hover": {"contentFormat": ["markdown", "plaintext"]},
                },
            },
        })
        self.notify("initialized", {})

    # -- the wire ---------------------------------------------------------------
    def _send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self._process.stdin is not None
        self._process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self._process.stdin.flush()

    def _read(self) -> None:
        stream = self._process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if length is None:
                continue
            message = json.loads(stream.read(length))
            self._dispatch(message)

    def _dispatch(self, message: dict) -> None:
        if "id" in message and "method" in message:
            # The server asks something of the editor: its settings (it pulls them), or a registration.
            result = None
            if message["method"] == "workspace/configuration":
                result = [self._settings.get(item.get("section"), {}) for item in message["params"]["items"]]
            self._send({"id": message["id"], "result": result})
        elif "id" in message:
            self._answers_for(message["id"]).put(message)
        elif message.get("method") == "textDocument/publishDiagnostics":
            self._diagnostics_for(message["params"]["uri"]).put(message["params"]["diagnostics"])

    def _answers_for(self, ident: int) -> queue.Queue:
        with self._lock:
            return self._answers.setdefault(ident, queue.Queue())

    def _diagnostics_for(self, uri: str) -> queue.Queue:
        with self._lock:
            return self._diagnostics.setdefault(uri, queue.Queue())

    # -- what an editor does ------------------------------------------------------
    def request(self, method: str, params: dict):
        with self._lock:
            self._next_id += 1
            ident = self._next_id
        self._send({"id": ident, "method": method, "params": params})
        answer = self._answers_for(ident).get(timeout=self.timeout)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer.get("result")

    def notify(self, method: str, params: dict) -> None:
        self._send({"method": method, "params": params})

    def configure(self, schemas: dict[str, list[str]] | None = None) -> None:
        """The settings an editor sends: validation, hover and completion on; `schemas` maps a
        schema's URI to the file patterns it is for (files with a modeline need none)."""
        self._settings["yaml"] = {
            "validate": True, "hover": True, "completion": True, "schemaStore": {"enable": False},
            "schemas": schemas or {},
        }
        # The server answers this by asking for the settings (workspace/configuration).
        self.notify("workspace/didChangeConfiguration", {"settings": {}})

    def open(self, path: Path, text: str | None = None) -> str:
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1,
            "text": path.read_text(encoding="utf-8") if text is None else text,
        }})
        return uri

    def diagnostics(self, uri: str) -> list[dict]:
        """The first diagnostics the server publishes for a document just opened."""
        return self._diagnostics_for(uri).get(timeout=self.timeout)

    def close(self, uri: str) -> None:
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    def completion(self, uri: str, line: int, character: int) -> list[dict]:
        result = self.request("textDocument/completion", {
            "textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
        return result["items"] if isinstance(result, dict) else (result or [])

    def hover(self, uri: str, line: int, character: int) -> str:
        result = self.request("textDocument/hover", {
            "textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
        if not result:
            return ""
        contents = result["contents"]
        return contents["value"] if isinstance(contents, dict) else str(contents)

    def shutdown(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self._process.wait(timeout=5)
        except (RuntimeError, queue.Empty, OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self._process.poll() is None:
                self._process.kill()
                self._process.wait()
            deadline = time.monotonic() + 2
            while self._reader.is_alive() and time.monotonic() < deadline:
                self._reader.join(0.1)
