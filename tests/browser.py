"""A real headless Chromium driven through the Chrome DevTools Protocol (over aiohttp's websocket)."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str:
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("no chromium on PATH (`.ci/setup --test` installs Debian's `chromium` when run as root)")


class Browser:
    """One headless Chromium in its own process group, with one page to drive."""

    def __init__(self, folder: Path, width: int = 1000, height: int = 640):
        self.folder = folder
        self.width, self.height = width, height
        self.process: subprocess.Popen | None = None
        self.session = None
        self.socket = None
        self._next_id = 0
        self._replies: dict[int, asyncio.Future] = {}
        self._reader: asyncio.Task | None = None

    async def start(self) -> None:
        import aiohttp

        profile = self.folder / "profile"
        profile.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [find_chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--no-default-browser-check", "--disable-extensions", "--mute-audio",
             f"--user-data-dir={profile}", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
             f"--window-size={self.width},{self.height}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=(self.folder / "chromium.log").open("wb"),
            start_new_session=True,
        )
        active = profile / "DevToolsActivePort"  # Chromium writes the port it chose here
        deadline = time.monotonic() + 30
        while not (active.exists() and active.read_text().count("\n") >= 1):
            if self.process.poll() is not None or time.monotonic() > deadline:
                log = (self.folder / "chromium.log").read_text(errors="replace")[-2000:]
                pytest.fail(f"chromium did not start its DevTools endpoint:\n{log}")
            await asyncio.sleep(0.1)
        port = int(active.read_text().splitlines()[0])
        self.session = aiohttp.ClientSession()
        for _ in range(50):
            async with self.session.get(f"http://127.0.0.1:{port}/json/list") as reply:
                pages = [t for t in await reply.json() if t["type"] == "page"]
            if pages:
                break
            await asyncio.sleep(0.1)
        self.socket = await self.session.ws_connect(pages[0]["webSocketDebuggerUrl"], max_msg_size=0)
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.socket:
            data = json.loads(message.data)
            future = self._replies.pop(data.get("id"), None)
            if future is not None and not future.done():
                future.set_result(data)

    async def send(self, method: str, **params) -> dict:
        self._next_id += 1
        future = asyncio.get_running_loop().create_future()
        self._replies[self._next_id] = future
        await self.socket.send_json({"id": self._next_id, "method": method, "params": params})
        reply = await asyncio.wait_for(future, 30)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply["result"]

    async def evaluate(self, expression: str):
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def wait_for(self, expression: str, what: str, timeout: float = 20.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = await self.evaluate(expression)
            if value:
                return value
            await asyncio.sleep(0.1)
        pytest.fail(f"the page never showed {what} (waited {timeout:.0f} s)")

    async def key(self, key: str, code: str, text: str = "") -> None:
        """A key press as a person makes it: down (with its text) and up."""
        await self.send("Input.dispatchKeyEvent", type="keyDown", key=key, code=code, text=text,
                        unmodifiedText=text, windowsVirtualKeyCode=32 if key == " " else 0)
        await self.send("Input.dispatchKeyEvent", type="keyUp", key=key, code=code)

    async def screenshot(self, path: Path) -> bytes:
        data = base64.b64decode((await self.send("Page.captureScreenshot", format="png"))["data"])
        path.write_bytes(data)
        return data

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
        if self.socket is not None:
            await self.socket.close()
        if self.session is not None:
            await self.session.close()
        if self.process is not None:
            end_group(self.process)


def end_group(process: subprocess.Popen) -> None:
    """End a process started with start_new_session and everything it started."""
    for number, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, number)
        except ProcessLookupError:
            break
        try:
            process.wait(wait)
            break
        except subprocess.TimeoutExpired:
            continue
    # The group may outlive its leader (a renderer, a served limber): make sure it is gone.
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
