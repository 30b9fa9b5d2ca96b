"""`limber serve`: the player or the home screen in a web browser, behind a secret address.

Each browser that connects gets its own `limber` process (textual-serve's model: the page is a
terminal, the process draws into it). The address carries a random token; every request
without it, the page, its files and its websocket alike, is refused with 403, so a person who
can reach the port but was not given the address can neither watch nor drive the player.
"""

from __future__ import annotations

# Only what registering the command needs is imported here: `limber play` builds the same parser.
import os
import sys
from pathlib import Path

from .printable import printable

MISSING = (
    "limber serve needs the textual-serve package, which is not installed.\n"
    "  add it: {command}"
)
PAGE_FOLDER = Path(__file__).parent / "serve_page"
# Set in the environment of each served limber process: its cues ring the terminal bell,
# which the page turns into a beep (see audio.outputs.choose_output and serve_page/).
CUES_VARIABLE = "LIMBER_CUES"


class ServeProblem(Exception):
    """What stops `limber serve` from starting, said in one line."""


def child_command(routine: Path | None) -> list[str]:
    """The command each browser's limber runs: this very Python, so a venv or pipx install serves itself."""
    command = [sys.executable, "-m", "limber"]
    if routine is not None:
        command += ["play", str(routine)]
    return command


def is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def page_url(host: str, port: int, token: str) -> str:
    if ":" in host:  # an IPv6 address goes in brackets
        host = f"[{host}]"
    return f"http://{host}:{port}/{token}/"


def network_address() -> str | None:
    """This machine's address on its network (the one a route out would use), or None; sends nothing."""
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # a documentation address: connecting a UDP socket only picks a route
            address = probe.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith(("0.", "127.")) else address


def open_warning(host: str) -> str | None:
    """What a person must know before serving beyond this machine, or None on a loopback address."""
    if is_loopback(host):
        return None
    return (
        f"warning: serving on {printable(host)}, not only this machine. Anyone who can reach this "
        "address and has the link below can see and control the player (pause, skip, edit routines). "
        "Share the link only with devices you trust; stop with Ctrl+C."
    )


class Served:
    """The server's state: the token, and the limber processes it has started (to end them with it)."""

    def __init__(self, token: str | None = None):
        import secrets

        self.token = token or secrets.token_urlsafe(24)
        self.processes: set = set()


def make_app(command: list[str], served: Served, title: str = "limber"):
    """The aiohttp application: textual-serve's handlers under /TOKEN/, and 403 for everything else."""
    import asyncio
    import shlex

    from aiohttp import web
    from textual_serve.server import Server

    class LimberServer(Server):
        async def on_startup(self, app) -> None:  # the address is printed by run(), once it is bound
            pass

        async def handle_index(self, request):
            # The page's own URLs (static files, the websocket) follow the address the browser used,
            # so a phone that reached 192.168.1.5 connects back to 192.168.1.5, not to "0.0.0.0".
            self.public_url = f"{request.scheme}://{request.host}"
            return await super().handle_index(request)

        async def handle_websocket(self, request):
            # textual-serve's own handler, keeping each browser's process so stopping the server ends it.
            from textual_serve.app_service import AppService
            from textual_serve.server import to_int

            websocket = web.WebSocketResponse(heartbeat=15)
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            service = None
            try:
                await websocket.prepare(request)
                service = AppService(self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                                     close=websocket.close, download_manager=self.download_manager)
                await service.start(width, height)
                served.processes.add(service._process)
                await self._process_messages(websocket, service)
            except asyncio.CancelledError:
                await websocket.close()
            finally:
                if service is not None:
                    await service.stop()
                    served.processes.discard(service._process)
            return websocket

    # `exec` makes the shell textual-serve starts become limber itself: one process to end.
    server = LimberServer(
        "exec " + shlex.join(command),
        title=title,
        templates_path=PAGE_FOLDER,
    )
    inner = server_app(server)

    token_path = f"/{served.token}"

    @web.middleware
    async def require_token(request, handler):
        path = request.path
        if not (path == token_path or path.startswith(token_path + "/")):
            raise web.HTTPForbidden(text="limber: this address needs the link limber serve printed\n")
        if path == token_path:
            raise web.HTTPFound(token_path + "/")
        return await handler(request)

    outer = web.Application(middlewares=[require_token])
    outer.add_subapp(token_path, inner)
    return outer


def server_app(server):
    """textual-serve's routes on an aiohttp app of their own (mounted under the token)."""
    import aiohttp_jinja2
    import jinja2
    from aiohttp import web

    app = web.Application()
    aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(server.templates_path))
    app.add_routes([
        web.get("/", server.handle_index, name="index"),
        web.get("/ws", server.handle_websocket, name="websocket"),
        web.get("/download/{key}", server.handle_download, name="download"),
        web.static("/static", server.statics_path, name="static"),
    ])
    return app


async def _serve(command: list[str], host: str, port: int, served: Served, title: str,
                 ready=None, stop=None) -> None:
    import asyncio
    import signal

    from aiohttp import web

    runner = web.AppRunner(make_app(command, served, title), handle_signals=False, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    try:
        await site.start()
    except OSError as error:
        await runner.cleanup()
        reason = error.strerror or str(error)
        raise ServeProblem(f"cannot listen on {printable(host)}:{port}: {reason}"
                           " (another port: --port N; any free one: --port 0)") from None
    server = site._server
    sockets = getattr(server, "sockets", None) or []  # an asyncio Server has them; --port 0 picks one
    bound_port = sockets[0].getsockname()[1] if sockets else port
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        try:
            loop.add_signal_handler(number, stop.set)
        except (NotImplementedError, RuntimeError):
            pass
    if ready is not None:
        ready(page_url(host, bound_port, served.token))
    try:
        await stop.wait()
    finally:
        end_processes(served.processes)
        await runner.cleanup()


def end_processes(processes: set, grace: float = 2.0) -> None:
    """Ask each served limber to leave (SIGTERM restores nothing on a web page, but records the session), then kill."""
    import signal
    import time

    for process in processes:
        if process.returncode is None:
            try:
                process.send_signal(signal.SIGTERM)
            except ProcessLookupError:
                pass
    deadline = time.monotonic() + grace
    for process in processes:
        pid = process.pid
        while time.monotonic() < deadline:
            try:
                done, _ = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                break
            if done:
                break
            time.sleep(0.05)
        else:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def missing_command() -> str:
    from .installed import add_extra_command

    return add_extra_command("serve")


def run(routine: Path | None, host: str, port: int, *, cues: str = "browser") -> int:
    """Serve until Ctrl+C; prints the address (and a warning when it reaches beyond this machine)."""
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        print(MISSING.format(command=missing_command()), file=sys.stderr)
        return 2
    if cues == "browser":
        os.environ[CUES_VARIABLE] = "bell"
    served = Served()
    title = f"limber: {routine.stem}" if routine is not None else "limber"
    warning = open_warning(host)

    def ready(url: str) -> None:
        if warning:
            print(warning, file=sys.stderr)
        what = f"playing {printable(routine.stem)}" if routine is not None else "the home screen"
        print(f"limber serve: {what} at", flush=False)
        print(f"  {printable(url)}")
        if host in ("0.0.0.0", "::", ""):
            own = network_address()
            if own:
                print(f"  on another device: {printable(url.replace(host if host else 'localhost', own, 1))}")
            else:
                print(f"  on another device: put this machine's address in place of {printable(host)}")
        print("cues: " + ("a beep in the browser (tap the page once to allow it)" if cues == "browser"
                          else "sound plays on this machine"))
        print("Ctrl+C stops the server and every player it started.", flush=True)

    import asyncio

    try:
        asyncio.run(_serve(child_command(routine), host, port, served, title, ready))
    except ServeProblem as problem:
        print(f"limber: {problem}", file=sys.stderr)
        return 1
    return 0


DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000


def add_commands(commands) -> None:
    """Register `serve` on the command line's subparsers."""
    serve = commands.add_parser("serve", help="serve the player (or the home screen) to a web browser")
    serve.add_argument("routine", nargs="?", help="a routine to play (default: the home screen)")
    serve.add_argument("--host", default=DEFAULT_HOST,
                       help=f"address to listen on (default {DEFAULT_HOST}: this machine only; "
                            "0.0.0.0 opens it to the network)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT,
                       help=f"port (default {DEFAULT_PORT}; 0 picks a free one)")
    serve.add_argument("--cues", choices=("browser", "machine"), default="browser",
                       help="where cues sound: a beep in the browser (default), or this machine's sound")
