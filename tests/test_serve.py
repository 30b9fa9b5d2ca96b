"""`limber serve`: the address, the token every request needs, where it listens, and a real browser playing."""

from __future__ import annotations

import asyncio
import os
import select
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from limber import cli, serve
from tests.browser import Browser, end_group

pytest.importorskip("textual_serve", reason="textual-serve is not installed (pip install -e '.[serve]')")

SHORT = """\
name: Browser check
defaults: {get_ready: 2s}
steps:
  - name: Reach up
    duration: 40s
"""


class Serving:
    """`limber serve` as a person runs it, in its own process group, until stop()."""

    def __init__(self, *args: str):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "limber", "serve", *args], stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True, bufsize=0,
        )
        self.out = self.wait_for_line("Ctrl+C stops")
        self.url = next(word for word in self.out.split() if word.startswith("http://"))
        self.port = int(self.url.split(":")[2].split("/")[0])
        self.token = self.url.rstrip("/").rsplit("/", 1)[1]
        self.root = self.url[: -len(self.token) - 2]

    def wait_for_line(self, text: str, timeout: float = 20.0) -> str:
        seen = b""
        deadline = time.monotonic() + timeout
        while text.encode() not in seen:
            if time.monotonic() > deadline or self.process.poll() is not None:
                end_group(self.process)
                pytest.fail(f"limber serve never printed {text!r}; it said:\n{seen.decode()}{self.process.stderr.read()}")
            ready, _, _ = select.select([self.process.stdout], [], [], 0.2)
            if ready:  # read the pipe itself: a buffered readline would hide lines from select
                seen += os.read(self.process.stdout.fileno(), 65536)
        return seen.decode()

    def stop(self) -> tuple[int | None, str, list[int]]:
        """Ctrl+C, as a person stops it: its exit code, what it said, and any process it left running."""
        self.process.send_signal(signal.SIGINT)
        try:
            code = self.process.wait(10)
        except subprocess.TimeoutExpired:
            code = None
        left = _pids_in_group(self.process.pid)
        end_group(self.process)  # whatever it left behind is ended all the same
        return code, self.process.stderr.read(), left


def status(url: str, headers: dict | None = None) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as reply:
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code


def listening_addresses(port: int) -> set[str]:
    """The local addresses with a socket listening on `port`, read from the kernel's tables."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if int(hex_port, 16) != port or fields[3] != "0A":  # 0A: LISTEN
                continue
            if width == 8:
                found.add(socket.inet_ntop(socket.AF_INET, bytes.fromhex(address)[::-1]))
            else:
                raw = b"".join(bytes.fromhex(address[i:i + 8])[::-1] for i in range(0, 32, 8))
                found.add(socket.inet_ntop(socket.AF_INET6, raw))
    return found


def test_the_address_is_local_and_carries_a_token():
    assert serve.page_url("127.0.0.1", 8000, "abc") == "http://127.0.0.1:8000/abc/"
    assert serve.page_url("::1", 8000, "abc") == "http://[::1]:8000/abc/"
    assert serve.is_loopback("127.0.0.1") and serve.is_loopback("localhost") and serve.is_loopback("::1")
    assert not serve.is_loopback("0.0.0.0") and not serve.is_loopback("192.168.1.5")
    assert serve.open_warning("127.0.0.1") is None
    assert "can see and control the player" in serve.open_warning("0.0.0.0")
    first, second = serve.Served(), serve.Served()
    assert first.token != second.token and len(first.token) >= 32


def test_each_browser_runs_this_python(tmp_path):
    """The served limber is this very interpreter (a venv's or pipx's), never whatever `python` is on PATH."""
    assert serve.child_command(None) == [sys.executable, "-m", "limber"]
    assert serve.child_command(tmp_path / "a.yaml") == [sys.executable, "-m", "limber", "play", str(tmp_path / "a.yaml")]


def test_the_served_player_needs_no_terminal(monkeypatch):
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert cli.terminal_missing() is None


def test_without_textual_serve_it_says_how_to_get_it(monkeypatch, capsys, tmp_path):
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # import fails as when it is not installed
    assert cli.main(["serve"]) == 2
    said = capsys.readouterr().err
    assert "needs the textual-serve package" in said
    assert "textual-serve" in said.splitlines()[1]  # the command that adds it


def test_an_unknown_or_broken_routine_stops_it_before_serving(write, capsys):
    assert cli.main(["serve", "no-such-routine"]) == 2
    broken = write("name: x\nsteps: []\n")
    assert cli.main(["serve", str(broken)]) == 1
    assert str(broken) in capsys.readouterr().err


def test_a_port_in_use_is_said_in_one_line(monkeypatch, capsys):
    monkeypatch.setenv("LIMBER_CUES", "")  # run() sets it for the players it starts; put it back after
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert cli.main(["serve", "--port", str(port)]) == 1
    said = capsys.readouterr().err
    assert said.startswith(f"limber: cannot listen on 127.0.0.1:{port}: ") and "--port 0" in said
    assert len(said.splitlines()) == 1


@pytest.mark.slow
def test_every_request_without_the_token_is_refused():
    served = Serving("desk-back-stretches", "--port", "0")
    try:
        assert served.url.startswith("http://127.0.0.1:")
        assert "playing desk-back-stretches" in served.out
        upgrade = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
                   "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}
        refused = {
            "/": {}, "/ws": upgrade, "/static/js/textual.js": {}, "/download/x": {},
            f"/{served.token[:-1]}/": {}, f"/{served.token}x/": {}, f"/x/{served.token}/": {},
            f"/{served.token.upper() if served.token != served.token.upper() else served.token.lower()}/ws": upgrade,
        }
        for path, headers in refused.items():
            assert status(served.root + path, headers) == 403, path
        assert status(served.url) == 200
        assert status(served.url + "static/js/textual.js") == 200
        with urllib.request.urlopen(served.url, timeout=10) as reply:
            page = reply.read().decode()
        assert f"ws://127.0.0.1:{served.port}/{served.token}/ws" in page
        assert listening_addresses(served.port) == {"127.0.0.1"}
    finally:
        code, said, _ = served.stop()
    assert code == 0, said


@pytest.mark.slow
def test_host_opens_it_to_the_network_with_a_warning():
    served = Serving("--host", "0.0.0.0", "--port", "0")
    try:
        assert listening_addresses(served.port) == {"0.0.0.0"}
        assert "the home screen" in served.out
        assert "on another device" in served.out
        assert status(f"http://127.0.0.1:{served.port}/") == 403
    finally:
        code, said, _ = served.stop()
    assert code == 0, said
    assert "warning: serving on 0.0.0.0" in said and "control the player" in said


def _pids_in_group(group: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.browser
@pytest.mark.slow
async def test_a_browser_plays_pauses_and_rings(tmp_path, write):
    """Headless Chromium opens the printed address: the countdown moves, space pauses it, the cue bell reaches the page."""
    routine = write(SHORT)
    browser = Browser(tmp_path)
    served = Serving(str(routine), "--port", "0")
    try:
        await browser.start()
        await browser.send("Page.enable")
        await browser.send("Page.navigate", url=served.url)
        await browser.wait_for("document.body && document.body.classList.contains('-first-byte')",
                               "limber's first frame")
        assert "Sound off: tap here" in await browser.evaluate("document.getElementById('sound').textContent")
        # Each cue rings the bell, which the page counts (and beeps): one as the get-ready starts,
        # one 2 s later as work starts; the ticks of the last seconds do not ring.
        await browser.wait_for("window.limberBell.rung >= 1", "the get-ready cue's bell")
        await browser.screenshot(tmp_path / "0-get-ready.png")
        await browser.wait_for("window.limberBell.rung >= 2", "the bell as work starts", timeout=10)
        await asyncio.sleep(0.3)
        first = await browser.screenshot(tmp_path / "1-playing.png")
        await asyncio.sleep(1.6)
        second = await browser.screenshot(tmp_path / "2-playing.png")
        assert first != second, "the countdown did not move between two screenshots 1.6 s apart"

        await browser.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
        await browser.key(" ", "Space", " ")
        await asyncio.sleep(0.8)
        paused = await browser.screenshot(tmp_path / "3-paused.png")
        await asyncio.sleep(1.6)
        still = await browser.screenshot(tmp_path / "4-paused.png")
        assert paused != second, "space changed nothing on the page"
        assert paused == still, "the page kept changing after space paused the player"
        # A key press is the gesture a browser needs before it plays sound: the line says it is on.
        assert "Sound on: a beep" in await browser.evaluate("document.getElementById('sound').textContent")

        await browser.key(" ", "Space", " ")
        await asyncio.sleep(1.6)
        resumed = await browser.screenshot(tmp_path / "5-resumed.png")
        assert resumed != still, "space did not resume the countdown"
        assert await browser.evaluate("window.limberBell.rung") == 2

        # On a phone there are no keys: a tap on the key bar's first key (space Pause) pauses.
        left, top, width, height = await browser.evaluate(
            "(() => { const r = document.querySelector('.xterm-screen').getBoundingClientRect();"
            " return [r.left, r.top, r.width, r.height]; })()")
        for kind in ("mousePressed", "mouseReleased"):
            await browser.send("Input.dispatchMouseEvent", type=kind, x=left + 30, y=top + height - 8,
                               button="left", clickCount=1)
        await asyncio.sleep(0.8)
        tapped = await browser.screenshot(tmp_path / "6-tapped.png")
        await asyncio.sleep(1.6)
        assert tapped == await browser.screenshot(tmp_path / "7-tapped.png"), "a tap on `space Pause` did not pause"
        children = [pid for pid in _pids_in_group(served.process.pid) if pid != served.process.pid]
        assert children, "no limber process was started for the browser"
    finally:
        await browser.close()
        code, said, left = served.stop()
    assert code == 0, said
    assert left == [], "the served limber outlived the server"
